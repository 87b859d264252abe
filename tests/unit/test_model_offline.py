"""The real bundled model, and the promise that a warm cache never needs it.

Marked ``model``: each loads the real sentence-transformers model (seconds). Model runs happen in
subprocesses, so the network can be made unreachable for them and ``sys.modules`` is clean.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from readout_tui.cli import EXAMPLE
from readout_tui.core.engine.embedder import (
    DEFAULT_MODEL,
    ModelError,
    SentenceTransformerEmbedder,
    resolve_model,
)
from readout_tui.testing import OFFLINE


def python(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **OFFLINE, **env},
    )


# --- Cheap: no model is loaded ---------------------------------------------------------------


def test_default_model_resolves_to_the_bundled_folder():
    name, target = resolve_model(None)
    assert name == DEFAULT_MODEL
    assert os.path.isfile(os.path.join(target, "config.json"))
    assert resolve_model(DEFAULT_MODEL) == (name, target)


def test_model_names_and_paths(tmp_path):
    # A hub name would only make the library try the network: it is refused at once, with
    # what this machine has instead, and no address.
    for hub_name in ("sentence-transformers/paraphrase-MiniLM-L3-v2", "LaBSE"):
        with pytest.raises(ModelError, match="is not installed here") as excinfo:
            resolve_model(hub_name)
        assert DEFAULT_MODEL in str(excinfo.value) and "http" not in str(excinfo.value)
    with pytest.raises(ModelError, match="holds no model"):
        resolve_model(str(tmp_path))  # a folder, but no model's files in it
    (tmp_path / "config.json").write_text("{}")
    assert resolve_model(str(tmp_path)) == (str(tmp_path.resolve()), str(tmp_path.resolve()))
    for bad in ("/nonexistent/path", "./nope", "~/no/such/model", "a/b/c"):
        with pytest.raises(ModelError, match="no such folder"):
            resolve_model(bad)
    (tmp_path / "file").write_text("x")
    with pytest.raises(ModelError, match="not a folder"):
        resolve_model(str(tmp_path / "file"))


def test_a_bad_model_path_is_reported_by_load_not_by_the_constructor():
    embedder = SentenceTransformerEmbedder("/nonexistent/path")
    assert embedder.name == "/nonexistent/path"
    with pytest.raises(ModelError, match="no such folder"):
        embedder.load()
    with pytest.raises(ModelError):
        embedder.encode(["text"])


# --- The real model --------------------------------------------------------------------------


@pytest.mark.model
def test_default_model_loads_offline_and_gives_unit_vectors():
    code = (
        "import json, numpy as np\n"
        "from readout_tui.core.engine.embedder import SentenceTransformerEmbedder\n"
        "e = SentenceTransformerEmbedder()\n"
        "texts = ['Putin called Netanyahu.', 'Путин позвонил Нетаньяху.', 'Wheat prices rose.', 'Putin called Netanyahu.']\n"
        "seen = []\n"
        "v = e.encode(texts, progress=lambda d, t: seen.append([d, t]))\n"
        "print(json.dumps({'name': e.name, 'shape': list(v.shape), 'dtype': str(v.dtype),\n"
        "                  'norms': np.linalg.norm(v, axis=1).tolist(), 'progress': seen,\n"
        "                  'sim': (v @ v.T).tolist()}))\n"
    )
    result = python(code)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["name"] == DEFAULT_MODEL
    assert report["shape"] == [4, 384] and report["dtype"] == "float32"
    np.testing.assert_allclose(report["norms"], 1.0, atol=1e-4)
    assert report["progress"][-1] == [4, 4]
    sim = np.array(report["sim"])
    assert sim[0, 3] == pytest.approx(1.0, abs=1e-4)  # the same text, the same vector
    assert sim[0, 2] < sim[0, 3]


@pytest.mark.model
def test_warm_cache_compare_does_not_import_torch(cache_dir):
    first = subprocess.run(
        [sys.executable, "-m", "readout_tui", "compare", str(EXAMPLE), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **OFFLINE},
    )
    assert first.returncode == 0, first.stderr
    assert (cache_dir / "embeddings.sqlite3").exists()
    cold = json.loads(first.stdout)
    assert cold["model"] == DEFAULT_MODEL

    code = (
        "import io, json, sys\n"
        "from readout_tui import cli\n"
        "out = io.StringIO()\n"
        "real, sys.stdout = sys.stdout, out\n"
        f"rc = cli.main(['compare', {str(EXAMPLE)!r}, '--format', 'json'])\n"
        "sys.stdout = real\n"
        "heavy = [m for m in ('torch', 'sentence_transformers', 'transformers', 'textual') if m in sys.modules]\n"
        "print(json.dumps({'rc': rc, 'heavy': heavy, 'output': out.getvalue()}))\n"
    )
    second = python(code, READOUT_TUI_CACHE_DIR=str(cache_dir))
    assert second.returncode == 0, second.stderr
    warm = json.loads(second.stdout)
    assert warm["rc"] == 0
    assert warm["heavy"] == []
    def decided(document):
        return [(p["left"], p["right"], p["kind"], p["score"]) for p in document["pairs"]]

    assert decided(json.loads(warm["output"])) == decided(cold)


@pytest.mark.model
def test_unknown_hub_model_fails_offline_with_one_line(cache_dir):
    result = subprocess.run(
        [sys.executable, "-m", "readout_tui", "compare", str(EXAMPLE), "--model", "no-such-org/no-such-model-xyz"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **OFFLINE},
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("readout-tui: error: model 'no-such-org/no-such-model-xyz' is not installed here")
