"""Snapshot: decisions made by hand are marked in the gutter and described in the strip."""

from __future__ import annotations

from readout_tui.app import ReadoutApp
from readout_tui.testing import HashEmbedder, ready


def test_manual_decisions_are_visible(snap_compare, gold, example):
    """L1's best pair removed, L2 marked deliberately unique, a note on L3: each row shows ✎
    or ¶ after its glyph; the strip says what was decided on L3."""
    app = ReadoutApp(example, embedder=HashEmbedder())

    async def decide_by_hand(pilot) -> None:
        await ready(pilot)
        await pilot.press("x", "j", "o", "j", "a", *"check", "space", *"wording", "enter")
        # The toasts each edit raises time out on the clock; how many are still up when the
        # picture is taken depends on the machine's speed, so none is kept.
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=decide_by_hand)
