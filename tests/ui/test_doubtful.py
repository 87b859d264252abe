"""Doubtful statements on screen: a '?' in the gutter where the model is unsure, and w / W to
step through them, as the analyst checks the uncertain ones first."""

from __future__ import annotations

from readout_tui.core.types import SIDES
from readout_tui.testing import HashEmbedder, ready

BUNDLED = "all-MiniLM-L6-v2"
"""Test vectors under the bundled model's name: its learned scorer judges them."""


def doubtful(screen) -> list[tuple[str, int]]:
    marks = screen.workspace.marks
    return [(side, i) for side in SIDES for i, mark in sorted(marks[side].items()) if mark.doubtful]


async def test_w_steps_through_the_doubtful_statements_marked_in_the_gutter(make_app, newsroom):
    app = make_app(newsroom, embedder=HashEmbedder(BUNDLED))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.workspace.evidence.scorer is not None
        found = doubtful(screen)
        assert found, "these readouts leave the scorer unsure about some statements"
        for side, index in found:
            assert screen.pane(side).row(index).gutter.plain.endswith("? ")
        calm = [(s, i) for s in SIDES for i in range(len(screen.workspace.readout(s))) if (s, i) not in found]
        for side, index in calm:
            assert "?" not in screen.pane(side).row(index).gutter.plain
        visited = []
        for _ in found:
            await pilot.press("w")
            visited.append((screen.side, screen.pane(screen.side).current))
        assert sorted(visited) == sorted(found)
        await pilot.press("W")
        assert (screen.side, screen.pane(screen.side).current) == visited[-2 if len(visited) > 1 else -1]


async def test_without_a_learned_scorer_nothing_is_doubtful(make_app, newsroom):
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert doubtful(screen) == []
        await pilot.press("w")
        await pilot.pause()
        assert any("No doubtful statement" in notice for notice in app.notices)
