"""Snapshots of the main screen, the narrow layout, the help screen and hostile text.

These pin what the screen looks like, not what the engine decides: ``decide`` is replaced by
the example's hand-made gold alignment, so improving the alignment does not churn them.
Regenerate with ``pytest tests/ui --snapshot-update`` after looking at the report.
"""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest
from conftest import EXAMPLE, HashEmbedder
from test_screen import hostile

from readout_tui.app import ReadoutApp
from readout_tui.core.types import Alignment, Counterpart, Kind
from readout_tui.screens import compare

KINDS = {"agree": Kind.MATCH, "diverge": Kind.RELATED}


def fixed_decide(pairs: list[dict]):
    """A stand-in for ``decide`` that returns ``pairs`` (gold.json's format) whatever the
    evidence says, with fixed illustrative scores."""

    def decide(evidence, settings) -> Alignment:
        counterparts = tuple(
            Counterpart(
                left=pair["left"],
                right=pair["right"],
                score=0.6 if pair["kind"] == "agree" else 0.35,
                kind=KINDS[pair["kind"]],
                cosine=0.71 if pair["kind"] == "agree" else 0.42,
                lexical=0.33 if pair["kind"] == "agree" else 0.12,
                reason=pair["why"],
            )
            for pair in pairs
        )
        model = evidence.model or "lexical only"
        return Alignment(evidence.left, evidence.right, counterparts, model, True, asdict(settings))

    return decide


@pytest.fixture
def gold(monkeypatch: pytest.MonkeyPatch) -> None:
    gold = json.loads((EXAMPLE / "gold.json").read_text(encoding="utf-8"))
    monkeypatch.setattr(compare, "decide", fixed_decide(gold["pairs"]))


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_main_screen(snap_compare, gold, example):
    """Wide: panes side by side; L1 selected, its two Kremlin counterparts lit."""
    app = ReadoutApp(example, embedder=HashEmbedder())
    assert snap_compare(app, terminal_size=(120, 40), run_before=settle)


def test_many_to_one_group(snap_compare, gold, example):
    """Kremlin 6 covers two Israeli statements: both lit, the pair's reason in the strip."""
    app = ReadoutApp(example, embedder=HashEmbedder())
    assert snap_compare(app, press=["tab", *"jjjjj"], terminal_size=(120, 40), run_before=settle)


def test_narrow_layout(snap_compare, gold, example):
    """80x24: panes stacked, summary wrapped to two lines, a shorter detail strip."""
    app = ReadoutApp(example, embedder=HashEmbedder())
    assert snap_compare(app, press=["j"], terminal_size=(80, 24), run_before=settle)


def test_help_screen(snap_compare, gold, example):
    app = ReadoutApp(example, embedder=HashEmbedder())
    assert snap_compare(app, press=["question_mark"], terminal_size=(120, 40), run_before=settle)


def test_unique_only_filter(snap_compare, gold, example):
    """The filter leaves what each side alone reports; the strip shows the nearest miss."""
    app = ReadoutApp(example, embedder=HashEmbedder())
    assert snap_compare(app, press=["f"], terminal_size=(120, 40), run_before=settle)


def test_hostile_text_is_literal(snap_compare, monkeypatch):
    """Markup, escape sequences, a bidi override and CJK, drawn as text."""
    same = [{"left": i, "right": i, "kind": "agree", "why": "the same [b]text[/b]"} for i in range(4)]
    monkeypatch.setattr(compare, "decide", fixed_decide(same))
    app = ReadoutApp(hostile(), embedder=None)
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)
