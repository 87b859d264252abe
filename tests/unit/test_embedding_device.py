"""``--device`` reaches sentence-transformers: the library is replaced by a recorder, so the test
runs without torch and sees exactly what the model was built with."""

from __future__ import annotations

import json
import sys
import types

import numpy as np
import pytest

from readout_tui import cli


@pytest.fixture
def built(monkeypatch) -> list[dict]:
    """A stand-in ``sentence_transformers`` (and ``transformers``) recording each model built."""
    models: list[dict] = []

    class SentenceTransformer:
        def __init__(self, target, device=None):
            models.append({"target": target, "device": device})

        def encode(self, texts, batch_size, normalize_embeddings, convert_to_numpy, show_progress_bar):
            vectors = np.ones((len(texts), 4), dtype=np.float32)
            return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    library = types.ModuleType("sentence_transformers")
    library.SentenceTransformer = SentenceTransformer
    transformers = types.ModuleType("transformers")
    utils = types.ModuleType("transformers.utils")
    utils.logging = types.SimpleNamespace(disable_progress_bar=lambda: None)
    transformers.utils = utils
    for module in (library, transformers, utils):
        monkeypatch.setitem(sys.modules, module.__name__, module)
    return models


@pytest.mark.parametrize(
    # Without --device the bundled model runs on onnxruntime (tests/unit/test_onnx_minilm.py).
    ("option", "device"), [(["--device", "cpu"], "cpu"), (["--device", "cuda:1"], "cuda:1")]
)
def test_device_option_reaches_the_model(built, tmp_path, capsys, option, device):
    (tmp_path / "a.txt").write_text("Wheat exports grew.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Wheat exports were up.\n", encoding="utf-8")
    files = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    code = cli.main(["compare", *files, "--no-cache", "--format", "json", *option])
    assert code == 0
    assert [m["device"] for m in built] == [device]
    assert json.loads(capsys.readouterr().out)["pairs"]
