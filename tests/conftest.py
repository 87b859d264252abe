"""Fixtures shared by every test: private cache and data folders, the example cases, the app.

Tests never read or write the user's real embedding cache or saved sessions. They embed with
the doubles of ``readout_tui.testing`` (no model, no network); only tests marked ``model``
load the real bundled model.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import pytest

from readout_tui.core.engine.cache import EmbeddingCache
from readout_tui.core.engine.embedders import UseEmbedder
from readout_tui.core.engine.settings import AlignmentSettings
from readout_tui.core.io.loading import Comparison, load_comparison
from readout_tui.core.types import Alignment, Counterpart, Kind
from readout_tui.core.work import workspace
from readout_tui.testing import FakeEmbedder, HashEmbedder, comparison_of

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CASE = FIXTURES / "netanyahu-putin-2023-12-10"
"""The dev case with its gold alignment (the bundled example has no gold)."""


@pytest.fixture(autouse=True)
def cache_dir(tmp_path_factory, monkeypatch) -> Path:
    """A private, empty embedding cache directory for each test (also seen by subprocesses)."""
    path = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("READOUT_TUI_CACHE_DIR", str(path))
    return path


@pytest.fixture(autouse=True)
def no_second_model(request, monkeypatch) -> None:
    """Outside tests marked ``model``, the second model (the multilingual USE, read beside e5
    across two languages; a dependency, so always installed) counts as not installed: tests
    embed with the doubles, which stand in for one model, and what they find must not depend on
    a real model's vectors. Tests of the second model mark themselves ``model`` or patch it."""
    if request.node.get_closest_marker("model") is None:
        monkeypatch.setattr(UseEmbedder, "missing", staticmethod(lambda: "not installed for the tests"))


@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory, monkeypatch) -> Path:
    """A private data directory (saved sessions of loose files) for each test."""
    path = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("READOUT_TUI_DATA_DIR", str(path))
    return path


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture
def case_dir() -> Path:
    """The dev case's folder (left.txt, right.txt, meta.json, gold.json)."""
    return CASE


@pytest.fixture
def case(case_dir, tmp_path) -> Path:
    """A copy of the dev case (without its gold) that a session may be saved beside; without
    the session a developer's own run of the app left in the fixture, which would move the
    cursor and the statements the tests expect."""
    folder = tmp_path / "case"
    shutil.copytree(case_dir, folder, ignore=shutil.ignore_patterns("gold.json", "session.json", ".session.json.lock"))
    return folder


@pytest.fixture
def example() -> Comparison:
    """The dev case, split into sentences."""
    return load_comparison([str(CASE)])


@pytest.fixture
def newsroom() -> Comparison:
    """A small case whose structure any sane alignment finds: an identical-in-substance
    pair, a pair told differently, two statements one statement covers, and one statement
    unique to each side."""
    return comparison_of(
        [
            "The leaders discussed the grain corridor through the Black Sea ports.",
            "They agreed on a prisoner exchange of ninety captives.",
            "Energy infrastructure strikes will pause for thirty days.",
            "The president praised the hockey match proposal.",
            "Both expressed concern about nuclear safety at Zaporizhzhia.",
        ],
        [
            "Energy facilities will not be struck for thirty days.",
            "The sides discussed the grain corridor and Black Sea ports.",
            "A prisoner exchange of ninety captives was agreed, and nuclear safety at"
            " Zaporizhzhia was raised.",
            "Moscow raised the question of sanctions relief.",
        ],
    )


@pytest.fixture
def make_app():
    """Builds the app (keeping every notification it shows, in ``notices``) on the hashed
    embedder unless told otherwise."""
    from readout_tui.app import ReadoutApp

    class RecordingApp(ReadoutApp):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.notices: list[str] = []

        def notify(self, message: str, **kwargs):
            self.notices.append(message)
            return super().notify(message, **kwargs)

    def make(
        comparison: Comparison,
        embedder=None,
        cache: EmbeddingCache | None = None,
        settings: AlignmentSettings | None = None,
        **kwargs,
    ) -> RecordingApp:
        embedder = embedder if embedder is not None else HashEmbedder()
        return RecordingApp(comparison, embedder=embedder, cache=cache, settings=settings, **kwargs)

    return make


@pytest.fixture
def fix_pairs(monkeypatch) -> Callable[[list[dict]], None]:
    """Makes the app show given pairs (gold.json's format: left, right, kind agree/diverge,
    why) whatever the evidence says, with fixed illustrative scores: for pictures of the
    screen that must not change when the alignment improves."""
    kinds = {"agree": Kind.MATCH, "diverge": Kind.RELATED}

    def fix(pairs: list[dict]) -> None:
        def decide(evidence, settings) -> Alignment:
            counterparts = tuple(
                Counterpart(
                    left=pair["left"],
                    right=pair["right"],
                    score=0.6 if pair["kind"] == "agree" else 0.35,
                    kind=kinds[pair["kind"]],
                    cosine=0.71 if pair["kind"] == "agree" else 0.42,
                    lexical=0.33 if pair["kind"] == "agree" else 0.12,
                    reason=pair["why"],
                )
                for pair in pairs
            )
            model = evidence.model or "lexical only"
            return Alignment(evidence.left, evidence.right, counterparts, model, True, asdict(settings))

        monkeypatch.setattr(workspace, "decide", decide)

    return fix


@pytest.fixture
def gold(fix_pairs) -> None:
    """The app shows the dev case's gold alignment."""
    fix_pairs(json.loads((CASE / "gold.json").read_text(encoding="utf-8"))["pairs"])


@pytest.fixture
def shell_stream():
    """What the shell passes for ``<(echo ...)``: /dev/fd/N, a new pipe holding the text."""
    opened: list[int] = []

    def stream(text: str) -> str:
        read, write = os.pipe()
        os.write(write, text.encode())
        os.close(write)
        opened.append(read)
        return f"/dev/fd/{read}"

    yield stream
    for descriptor in opened:
        os.close(descriptor)
