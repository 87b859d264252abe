"""Test doubles and paths shared by the engine's unit tests (imported by name, so the name is
kept distinct from anything under tests/ui)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

EXAMPLE = Path(__file__).resolve().parents[2] / "readout_tui" / "examples" / "netanyahu-putin-2023-12-10"

OFFLINE = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    # Any attempt to reach the network goes to a port where nothing listens.
    "HTTP_PROXY": "http://127.0.0.1:9",
    "HTTPS_PROXY": "http://127.0.0.1:9",
    "NO_PROXY": "",
}
"""The environment of a child process that must never touch the network."""


class FakeEmbedder:
    """Unit vectors derived from a hash of each text: equal texts, equal vectors; different
    texts, nearly orthogonal ones. Records every call to ``encode``."""

    def __init__(self, name: str = "fake-model", dim: int = 16) -> None:
        self.name = name
        self.dim = dim
        self.calls: list[list[str]] = []

    def encode(self, texts: Sequence[str], progress=None) -> np.ndarray:
        self.calls.append(list(texts))
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if progress:
            progress(len(texts), len(texts))
        return np.stack([fake_vector(t, self.dim) for t in texts]).astype(np.float32)

    @property
    def encoded(self) -> list[str]:
        return [t for call in self.calls for t in call]


def fake_vector(text: str, dim: int = 16) -> np.ndarray:
    seed = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "little")
    vector = np.random.default_rng(seed).normal(size=dim).astype(np.float32)
    return vector / np.linalg.norm(vector)
