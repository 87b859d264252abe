"""Ten thousand statements per side, and what importing the app costs.

Nothing here is timed (this machine is noisy; ``bench/app_keys.py`` measures): the tests check
what the screen shows at that scale, and that a key press draws only what is on screen.
"""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from readout_tui.core.engine.evidence import Evidence
from readout_tui.core.types import Alignment, Counterpart, Kind
from readout_tui.core.work import workspace
from readout_tui.screens.compare import THRESHOLD_STEP
from readout_tui.testing import comparison_of, ready
from readout_tui.widgets.statement_list import StatementList

COUNT = 10_000


def synthetic(count: int, seed: int = 7) -> tuple[list[str], list[str]]:
    """Two long readouts in made-up words, each statement ending in its own serial word
    ("left17", "right9999") so a test can find it by search."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocabulary = ["".join(rng.choices(letters, k=rng.randint(4, 9))) for _ in range(5000)]

    def statements(side: str) -> list[str]:
        return [
            " ".join(rng.choices(vocabulary, k=rng.randint(8, 40))).capitalize() + f" {side}{i}."
            for i in range(count)
        ]

    return statements("left"), statements("right")


def mirrored(evidence, settings) -> Alignment:
    """Every left statement not divisible by 3 paired with its mirror image on the right
    (left 1 with right 9998): counterparts as far apart as they get."""
    count = len(evidence.left)
    pairs = tuple(
        Counterpart(i, count - 1 - i, 0.5, Kind.MATCH, 0.6, 0.4, reason="mirrored")
        for i in range(count)
        if i % 3
    )
    return Alignment(evidence.left, evidence.right, pairs, "fixed", True, {})


@pytest.fixture
def huge(monkeypatch: pytest.MonkeyPatch):
    """10,000 statements per side, with a fixed alignment, so the tests know where each
    statement's counterpart is; the engine's own decisions are tested elsewhere."""
    monkeypatch.setattr(workspace, "decide", mirrored)
    return comparison_of(*synthetic(COUNT))


def drawn(pane: StatementList) -> str:
    """The pane's lines as drawn, joined."""
    return " ".join(pane.render_line(y).text for y in range(pane.content_size.height))


async def test_ten_thousand_statements_open_navigate_and_search(make_app, huge):
    app = make_app(huge)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        left, right = screen.pane("left"), screen.pane("right")
        assert len(left.shown) == len(right.shown) == COUNT
        assert "left0." in drawn(left) and "right0." in drawn(right)
        await pilot.press("G")
        assert left.current == COUNT - 1
        assert "left9999." in drawn(left) and "left0." not in drawn(left)
        await pilot.press("g", "j")
        assert left.current == 1
        await pilot.press("enter")
        assert screen.side == "right" and right.current == COUNT - 2
        assert "right9998." in drawn(right)
        await pilot.press("enter")  # the only partner: back where the run started
        assert screen.side == "left" and left.current == 1 and "left1." in drawn(left)
        await pilot.press("slash", *"left9990.", "enter")  # search, near the end
        assert (screen.side, screen.pane("left").current) == ("left", 9990)
        assert "left9990." in drawn(screen.pane("left"))
        await pilot.press("u")  # the next unique statement: 9993 (9991 and 9992 are paired)
        assert screen.pane("left").current == 9993


async def test_a_key_press_draws_only_what_is_on_screen(make_app, huge, monkeypatch):
    """The cost of a key must not grow with the readouts: count the rows built for drawing,
    and the times the n x m signals are computed (they were, once, for every unique statement
    the cursor reached)."""
    built, computed = [], []
    row, signals = StatementList.row, Evidence.signals
    monkeypatch.setattr(StatementList, "row", lambda self, i: built.append(i) or row(self, i))
    monkeypatch.setattr(
        Evidence, "signals", lambda self, *a, **k: computed.append(a) or signals(self, *a, **k)
    )
    app = make_app(huge)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("j")
        panes = (screen.pane("left"), screen.pane("right"))
        visible = sum(pane.content_size.height for pane in panes)
        counts = {}
        computed.clear()
        for key in ["j", "k", "tab", "enter", "u", "G", "pagedown", "u", "U"]:
            built.clear()
            await pilot.press(key)
            await pilot.pause()
            counts[key] = len(built)
        assert counts["G"] > 0, "new rows come into view: the count sees them being built"
        assert max(counts.values()) <= visible, counts
        assert computed == []


async def test_thousands_of_statements_with_the_real_engine(make_app):
    """The engine's own evidence and decision at a size it handles in a few seconds."""
    app = make_app(comparison_of(*synthetic(1000)))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert len(screen.pane("left").shown) == 1000
        threshold = screen.workspace.settings.threshold
        await pilot.press("G", "f", "minus", "s")
        assert screen.workspace.swapped and screen.workspace.settings.threshold == round(threshold - THRESHOLD_STEP, 2)
        assert screen.pane(screen.side).current is not None


def test_importing_the_app_is_fast_and_leaves_the_model_alone():
    code = (
        "import sys, time; t = time.perf_counter(); import readout_tui.app; "
        "print(time.perf_counter() - t); "
        "print(sorted(m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds, loaded = result.stdout.splitlines()
    assert loaded == "[]"
    assert float(seconds) < 3
