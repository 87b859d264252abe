"""The bundled model on onnxruntime: exported once into the cache, atomically; the same vectors
as sentence-transformers (checked with the real model, marked ``model``); chosen by default."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from readout_tui.core.engine import onnx_minilm
from readout_tui.core.engine.embedder import (
    DEFAULT_MODEL,
    STOCK_MODEL,
    ByLanguage,
    SentenceTransformerEmbedder,
    make_embedder,
)
from readout_tui.core.engine.onnx_minilm import OnnxEmbedder, PoolingConfig, ensure_export, export_folder
from readout_tui.testing import OFFLINE, FakeEmbedder


def test_the_pooling_is_read_from_the_model_folder():
    # The bundled model was fine-tuned on sentences of up to 128 tokens; the stock one reads 256.
    config = PoolingConfig.of(Path(OnnxEmbedder().folder))
    assert config == PoolingConfig(max_seq_length=128, mean=True, lower_case=False)
    assert PoolingConfig.of(Path(OnnxEmbedder(STOCK_MODEL).folder)).max_seq_length == 256


def test_a_folder_with_cls_pooling_is_refused(tmp_path):
    (tmp_path / "modules.json").write_text(json.dumps([
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
    ]))
    (tmp_path / "1_Pooling").mkdir()
    (tmp_path / "1_Pooling" / "config.json").write_text(json.dumps({"pooling_mode_cls_token": True}))
    (tmp_path / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 128}))
    assert not PoolingConfig.of(tmp_path).mean


def test_the_export_is_made_once_and_never_left_half_written(tmp_path, monkeypatch):
    made = []

    def export(source, destination):
        made.append(destination)
        destination.write_bytes(b"onnx")

    monkeypatch.setattr(onnx_minilm, "_export", export)
    target = tmp_path / "exports"
    assert ensure_export(tmp_path, target).read_bytes() == b"onnx"
    ensure_export(tmp_path, target)
    assert len(made) == 1 and made[0].parent != target  # written elsewhere, then renamed

    def killed(source, destination):
        destination.write_bytes(b"on")
        raise KeyboardInterrupt

    monkeypatch.setattr(onnx_minilm, "_export", killed)
    other = tmp_path / "other"
    with pytest.raises(KeyboardInterrupt):
        ensure_export(tmp_path, other)
    assert list(other.iterdir()) == []  # nothing a later run could mistake for the model


def test_an_export_that_cannot_be_kept_falls_back_to_sentence_transformers(monkeypatch):
    def unwritable(source, target):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(onnx_minilm, "ensure_export", unwritable)
    monkeypatch.setattr(onnx_minilm, "SentenceTransformerEmbedder", lambda name: FakeEmbedder(name, 384))
    embedder = OnnxEmbedder()
    assert embedder.encode(["Putin called Netanyahu."]).shape == (1, 384)
    assert embedder._fallback.name == DEFAULT_MODEL  # the same model, not the stock one


def test_exports_live_in_the_cache_folder(cache_dir):
    assert export_folder().parent == cache_dir / "onnx"
    assert DEFAULT_MODEL in export_folder().name
    assert export_folder(STOCK_MODEL).name.startswith(STOCK_MODEL + "-")  # its package's release
    assert export_folder(STOCK_MODEL) != export_folder()


def test_the_bundled_model_runs_on_onnxruntime_unless_a_device_is_asked_for():
    assert isinstance(make_embedder(DEFAULT_MODEL), OnnxEmbedder)
    assert isinstance(make_embedder(None).english, OnnxEmbedder)
    assert isinstance(make_embedder(None), ByLanguage)
    assert isinstance(make_embedder(DEFAULT_MODEL, "cpu"), SentenceTransformerEmbedder)
    # One name for the same vectors: the cache filled by either path serves the other.
    assert OnnxEmbedder().name == SentenceTransformerEmbedder().name == DEFAULT_MODEL
    # The stock model has other vectors, hence another name in the cache.
    assert make_embedder(STOCK_MODEL).name == SentenceTransformerEmbedder(STOCK_MODEL).name == STOCK_MODEL
    assert isinstance(make_embedder(STOCK_MODEL), OnnxEmbedder)


TEXTS = [
    "", "   ", "Putin called Netanyahu.", "Путин позвонил Нетаньяху.", "两国元首通电话。",
    "Emoji 🇮🇱🤝🇷🇺 and a family 👩\u200d👩\u200d👧.", "word " * 400, "Wheat prices rose sharply in May.",
]


@pytest.mark.model
def test_onnx_vectors_agree_with_sentence_transformers(tmp_path):
    onnx = OnnxEmbedder(exports=tmp_path)
    seen = []
    ours = onnx.encode(TEXTS, progress=lambda done, total: seen.append((done, total)))
    theirs = SentenceTransformerEmbedder(device="cpu").encode(TEXTS)
    assert ours.shape == theirs.shape == (len(TEXTS), 384) and ours.dtype == np.float32
    assert (ours * theirs).sum(axis=1).min() >= 0.999
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert seen[-1] == (len(TEXTS), len(TEXTS))


@pytest.mark.model
def test_the_bundled_weights_are_read_in_32_bits_and_are_the_fine_tuned_ones():
    # They are stored in 16 bits; on a CPU, 16-bit arithmetic is slow and the ONNX export
    # would refuse to mix the two.
    bundled = SentenceTransformerEmbedder(device="cpu")
    vectors = bundled.encode(TEXTS[2:])
    assert str(bundled._model[0].auto_model.dtype) == "torch.float32"
    stock = SentenceTransformerEmbedder(STOCK_MODEL, device="cpu").encode(TEXTS[2:])
    likeness = (vectors * stock).sum(axis=1)
    assert likeness.min() > 0.9 and likeness.max() < 0.9999  # near the stock model, not it


@pytest.mark.model
def test_with_the_export_cached_no_torch_is_imported(cache_dir):
    code = (
        "import sys\n"
        "from readout_tui.core.engine.onnx_minilm import OnnxEmbedder\n"
        "OnnxEmbedder().encode(['Putin called Netanyahu.'])\n"
        "print(sorted(m for m in ('torch', 'transformers', 'sentence_transformers') if m in sys.modules))\n"
    )
    env = {**os.environ, **OFFLINE, "READOUT_TUI_CACHE_DIR": str(cache_dir)}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600, env=env)
    assert first.returncode == 0, first.stderr
    assert first.stderr == ""  # the export says nothing on the terminal
    assert first.stdout.strip() == "['torch', 'transformers']"  # the export needs torch, once
    later = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600, env=env)
    assert later.returncode == 0, later.stderr
    assert later.stdout.strip() == "[]"
