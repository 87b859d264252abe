"""Stand-ins for the embedding model and small ready-made comparisons, for the tests and the
benchmarks (the app never imports this).

The doubles need no model and no network, and are deterministic:

- ``FakeEmbedder``: equal texts get equal vectors, different texts nearly orthogonal ones,
  and every call is recorded: for tests of caching and of the engine's arithmetic;
- ``HashEmbedder``: a bag of word stems, so similar wording gives similar vectors: for tests
  and benchmarks that need the alignment to find the pairs a reader would;
- ``GatedEmbedder`` and ``BrokenEmbedder``: a model that waits for the test, and one that
  cannot be loaded.

Textual is imported only by the helpers that drive the app (``ready``, ``summary_text``).
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from readout_tui.core.engine.embedder import ModelError, ProgressCallback
from readout_tui.core.io.loading import Comparison, readout_from_text
from readout_tui.core.types import CaseInfo, Readout, Statement

if TYPE_CHECKING:
    from readout_tui.app import ReadoutApp
    from readout_tui.screens.compare import CompareScreen

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

    def encode(self, texts: Sequence[str], progress: ProgressCallback | None = None) -> np.ndarray:
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


HASH_DIMENSIONS = 256
BATCH = 64
"""Texts between two progress reports, as a model reports after each batch."""


class HashEmbedder:
    """Bag of word stems hashed into 256 dimensions: similar wording, similar vector."""

    def __init__(self, name: str = "hash-test") -> None:
        self.name = name
        self.encoded = 0
        """How many texts it was asked to embed (0 means the cache answered everything)."""

    def encode(self, texts: Sequence[str], progress: ProgressCallback | None = None) -> np.ndarray:
        vectors = np.zeros((len(texts), HASH_DIMENSIONS), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.casefold()):
                digest = hashlib.blake2b(word[:6].encode(), digest_size=4).digest()
                vectors[row, int.from_bytes(digest, "little") % HASH_DIMENSIONS] += 1.0
            norm = np.linalg.norm(vectors[row])
            vectors[row] /= norm or 1.0
            if progress and (row + 1 == len(texts) or (row + 1) % BATCH == 0):
                progress(row + 1, len(texts))
        self.encoded += len(texts)
        return vectors


class GatedEmbedder(HashEmbedder):
    """Waits for the test to open the gate, so the test can look at the screen meanwhile."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()

    def encode(self, texts: Sequence[str], progress: ProgressCallback | None = None) -> np.ndarray:
        if not self.gate.wait(timeout=10):
            raise ModelError("gate never opened")
        return super().encode(texts, progress)


class BrokenEmbedder:
    """A model that cannot be loaded, as when its files are missing."""

    name = "broken-model"

    def encode(self, texts: Sequence[str], progress: ProgressCallback | None = None) -> np.ndarray:
        raise ModelError("cannot load model 'broken-model': no such folder")


def comparison_of(left: Sequence[str], right: Sequence[str], date: str = "") -> Comparison:
    """A comparison from statements given one per item (one per line of each readout)."""
    return Comparison(
        readout_from_text("\n".join(left), "Left side", "lines"),
        readout_from_text("\n".join(right), "Right side", "lines"),
        CaseInfo(title="test", date=date),
    )


HOSTILE = [
    "Markup is text: [bold]not bold[/] and [/] alone, [link=x]no link[/link], \\[x] kept.",
    "An escape \x1b[31mred?\x1b[0m, a bell \x07 and a C1 \x9b control.",
    "A right-to-left override \u202eesrever\u202c stays visible.",
    "宽字符也要对齐：中文与日本語のテキスト。",
]
"""Statements that would act on a terminal or a markup parser if shown as they are."""


ARTICLE: tuple[tuple[str, str, str, str], ...] = (
    ("Leaders of Freedonia and Sylvania speak by phone", "neither", "headline", ""),
    (
        "The Freedonian government said President Rowan spoke with President Adler on Monday.",
        "left",
        "cue",
        "The Freedonian government said",
    ),
    ("Rowan raised the question of tariffs on steel, the statement said.", "left", "cue", "the statement said"),
    ("Read more: Freedonia opens a new port", "neither", "link", "Read more:"),
    (
        "The Sylvanian presidential office said the two leaders discussed energy supplies.",
        "right",
        "cue",
        "The Sylvanian presidential office said",
    ),
    ("It added that the talks were frank and constructive.", "right", "continues", "It added"),
    ("Analysts expect a summit later this year.", "neither", "no cue", ""),
    (
        "[b]Adler[/b] also raised the \x1b[31mborder\x1b[0m question, his office said.",
        "right",
        "cue",
        "his office said",
    ),
    ("Rowan did not mention the border, the Freedonian government said.", "neither", "negated", "did not mention"),
    (
        "The Sylvanian office said the two leaders discussed energy supplies.",
        "right",
        "cue",
        "The Sylvanian office said",
    ),
)
"""A short article telling two accounts: (text, side, how, cue). Its statement 8 holds markup
and an escape sequence; the last tells statement 5 again."""


def article(source: str = "") -> Comparison:
    """``ARTICLE`` as a comparison, with its attribution given rather than worked out: for
    tests and pictures of the assignment screen that must not change when the attribution
    rules do. ``source``: the article's file name, which keys its saved session."""
    from readout_tui.core.engine.attribution import Attributed, Attribution, How, Side
    from readout_tui.core.io.article import with_attribution

    statements = []
    for index, (text, side, how, cue) in enumerate(ARTICLE):
        start = text.find(cue) if cue else -1
        statements.append(
            Attributed(
                index,
                text,
                index,
                Side(side),
                How(how),
                (start, start + len(cue)) if start >= 0 else None,
                source=cue,
                continues=index - 1 if how == "continues" else None,
                repeats=4 if index == len(ARTICLE) - 1 else None,
            )
        )
    attribution = Attribution(tuple(statements), "Freedonian government", "Sylvanian presidential office")
    empty = Readout("", (), source)
    info = CaseInfo(title=ARTICLE[0][0], date="2024-03-05", sources=(source,) if source else ())
    return with_attribution(Comparison(empty, empty, info), attribution)


def article_sides(text: str) -> list[str]:
    """Where the rules put each statement of an article ("left", "right" or "neither")."""
    from readout_tui.core.io.article import attribute_text

    return [s.side.value for s in attribute_text(text).statements]


def hostile() -> Comparison:
    """``HOSTILE`` on both sides, with hostile labels; built directly, so no loader or
    segmenter cleans the text before the app."""
    statements = tuple(Statement(i, text) for i, text in enumerate(HOSTILE))
    return Comparison(
        Readout("[b]Left[/b]", statements), Readout("Right \x1b]0;title\x07", statements), CaseInfo()
    )


async def ready(pilot, patience: float = 10.0) -> CompareScreen:
    """Wait for the comparison: its worker, the messages it posted, and the evidence taken in
    (or ``patience`` seconds, for a comparison that never gets ready); return the screen. The
    worker may not have started yet when this is called: waiting for no worker is no wait."""
    from textual.worker import WorkerFailed

    deadline = time.monotonic() + patience
    while True:
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerFailed:
            pass  # the screen reports a failed worker itself: tests read what it shows
        await pilot.pause()
        workspace = getattr(pilot.app.screen, "workspace", None)
        if workspace is None or workspace.ready or time.monotonic() > deadline:
            return pilot.app.screen
        await pilot.pause(0.02)


def help_text(app: ReadoutApp) -> str:
    """The help screen's text, one cell (a heading, keys, or what they do) to a line."""
    from textual.widgets import Static

    return "\n".join(str(cell.render().plain) for cell in app.screen.query("#help Static").results(Static))


def visible_keys(app: ReadoutApp) -> dict[str, str]:
    """The footer's keys wholly on screen (shown, inside the width), each with its description.
    Queried by type name: Textual does not export ``FooterKey``."""
    width = app.size.width
    return {
        key.key: key.description
        for key in app.screen.query("FooterKey")
        if key.display and key.region.width and key.region.right <= width
    }


def summary_text(app: ReadoutApp) -> str:
    """The summary bar as drawn."""
    from readout_tui.widgets.summary_bar import SummaryBar

    return app.screen.query_one(SummaryBar).render().plain


@contextmanager
def fifo_reader(fifo: Path) -> Iterator[bytearray]:
    """A reader waiting on the FIFO ``fifo`` while the block runs, as `cat pipe` would; what
    it received is in the bytes yielded once the block has ended."""
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    # Held open so that the reader sees the end only after the write, not before it starts.
    keeper = os.open(fifo, os.O_WRONLY)
    received = bytearray()

    def read_all() -> None:
        os.set_blocking(reader, True)
        while chunk := os.read(reader, 65536):
            received.extend(chunk)

    thread = threading.Thread(target=read_all)
    thread.start()
    try:
        yield received
    finally:
        os.close(keeper)
        thread.join(timeout=30)
        os.close(reader)
