"""Fixtures for the app's tests: a fake embedder, the example case, an app factory.

UI tests are about the screen, not about semantics, so they run on a deterministic hashed
bag-of-words embedder that needs no model and no network. Only ``test_real_model.py``
loads the bundled model.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pytest
from textual.worker import WorkerFailed

from readout_tui.app import ReadoutApp
from readout_tui.core.engine.cache import EmbeddingCache
from readout_tui.core.engine.embedder import ModelError
from readout_tui.core.engine.settings import AlignmentSettings
from readout_tui.core.io.loading import Comparison, load_comparison, readout_from_text
from readout_tui.core.types import CaseInfo
from readout_tui.screens.compare import CompareScreen
from readout_tui.widgets.summary_bar import SummaryBar

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "fixtures" / "netanyahu-putin-2023-12-10"


class HashEmbedder:
    """Bag of word stems hashed into 256 dimensions: similar wording, similar vector."""

    name = "hash-test"

    def __init__(self) -> None:
        self.encoded = 0
        """How many texts it was asked to embed (0 means the cache answered everything)."""

    def encode(self, texts: Sequence[str], progress=None) -> np.ndarray:
        vectors = np.zeros((len(texts), 256), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.casefold()):
                digest = hashlib.blake2b(word[:6].encode(), digest_size=4).digest()
                vectors[row, int.from_bytes(digest, "little") % 256] += 1.0
            norm = np.linalg.norm(vectors[row])
            vectors[row] /= norm or 1.0
            if progress:
                progress(row + 1, len(texts))
        self.encoded += len(texts)
        return vectors


class GatedEmbedder(HashEmbedder):
    """Waits for the test to open the gate, so the test can look at the screen meanwhile."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()

    def encode(self, texts: Sequence[str], progress=None) -> np.ndarray:
        if not self.gate.wait(timeout=10):
            raise ModelError("gate never opened")
        return super().encode(texts, progress)


class BrokenEmbedder:
    """A model that cannot be loaded, as when its files are missing."""

    name = "broken-model"

    def encode(self, texts: Sequence[str], progress=None) -> np.ndarray:
        raise ModelError("cannot load model 'broken-model': no such folder")


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never read or write the user's real embedding cache or saved sessions."""
    monkeypatch.setenv("READOUT_TUI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("READOUT_TUI_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def example() -> Comparison:
    return load_comparison([str(EXAMPLE)])


def comparison_of(left: Sequence[str], right: Sequence[str], date: str = "") -> Comparison:
    """A comparison from statements given one per item (one per line of each readout)."""
    return Comparison(
        readout_from_text("\n".join(left), "Left side", "lines"),
        readout_from_text("\n".join(right), "Right side", "lines"),
        CaseInfo(title="test", date=date),
    )


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


class RecordingApp(ReadoutApp):
    """The app, keeping every notification it shows, for tests to read."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.notices: list[str] = []

    def notify(self, message: str, **kwargs) -> None:
        self.notices.append(message)
        super().notify(message, **kwargs)


@pytest.fixture
def make_app() -> Callable[..., RecordingApp]:
    def make(
        comparison: Comparison,
        embedder=None,
        cache: EmbeddingCache | None = None,
        settings: AlignmentSettings | None = None,
    ) -> RecordingApp:
        return RecordingApp(
            comparison,
            embedder=embedder if embedder is not None else HashEmbedder(),
            cache=cache,
            settings=settings,
        )

    return make


async def ready(pilot) -> CompareScreen:
    """Wait for the comparison worker and the messages it posted; return the screen."""
    try:
        await pilot.app.workers.wait_for_complete()
    except WorkerFailed:
        pass  # the screen reports a failed worker itself: tests read what it shows
    await pilot.pause()
    return pilot.app.screen


def summary_text(app: ReadoutApp) -> str:
    return app.screen.query_one(SummaryBar).render().plain
