"""Shared fixtures for the engine's unit tests.

Every test gets its own embedding cache directory, so nothing here ever reads or writes the
user's real cache. Tests that need vectors use ``FakeEmbedder`` (deterministic, counts its
calls); only tests marked ``model`` load the real bundled model.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "readout_tui" / "examples" / "netanyahu-putin-2023-12-10"


class FakeEmbedder:
    """Unit vectors derived from a hash of each text: equal texts, equal vectors; different
    texts, nearly orthogonal ones. Records every call to ``encode``."""

    def __init__(self, name: str = "fake-model", dim: int = 16) -> None:
        self.name = name
        self.dim = dim
        self.calls: list[list[str]] = []

    def encode(self, texts: Sequence[str], progress=None) -> np.ndarray:
        self.calls.append(list(texts))
        vectors = np.stack([fake_vector(t, self.dim) for t in texts]) if texts else np.zeros((0, self.dim))
        if progress:
            progress(len(texts), len(texts))
        return vectors.astype(np.float32)

    @property
    def encoded(self) -> list[str]:
        return [t for call in self.calls for t in call]


def fake_vector(text: str, dim: int = 16) -> np.ndarray:
    seed = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "little")
    vector = np.random.default_rng(seed).normal(size=dim).astype(np.float32)
    return vector / np.linalg.norm(vector)


@pytest.fixture(autouse=True)
def cache_dir(tmp_path_factory, monkeypatch) -> Path:
    """A private, empty embedding cache directory for each test (also seen by subprocesses)."""
    path = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("READOUT_TUI_CACHE_DIR", str(path))
    return path


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()
