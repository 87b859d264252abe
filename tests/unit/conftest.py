"""Shared fixtures for the engine's unit tests.

Every test gets its own embedding cache directory, so nothing here ever reads or writes the
user's real cache. Tests that need vectors use ``engine_fakes.FakeEmbedder`` (deterministic,
counts its calls); only tests marked ``model`` load the real bundled model.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_fakes import FakeEmbedder


@pytest.fixture(autouse=True)
def cache_dir(tmp_path_factory, monkeypatch) -> Path:
    """A private, empty embedding cache directory for each test (also seen by subprocesses)."""
    path = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("READOUT_TUI_CACHE_DIR", str(path))
    return path


@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory, monkeypatch) -> Path:
    """A private data directory (saved sessions of loose files) for each test."""
    path = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("READOUT_TUI_DATA_DIR", str(path))
    return path


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()
