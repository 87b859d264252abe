"""Notices wider than the screen, the threshold's ends, and the mentions panel's wrapping:
what the analyst sees on a small terminal (80x24) and a common one (120x40)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static
from textual.widgets._toast import Toast

from readout_tui.core.engine.settings import AlignmentSettings
from readout_tui.core.io.loading import load_comparison
from readout_tui.core.work.session import SessionStore
from readout_tui.testing import help_text, ready, summary_text

MARCH = Path(__file__).resolve().parents[2] / "fixtures" / "trump-putin-2025-03-18"


async def test_a_notice_wider_than_the_screen_keeps_to_the_footers_row_and_is_in_the_help(
    make_app, case, tmp_path, monkeypatch
):
    folder = tmp_path / "screenshots-of-the-march-call-for-the-weekly-brief"
    folder.mkdir()
    monkeypatch.chdir(folder)
    comparison = load_comparison([str(case)], "lines")
    app = make_app(comparison, session=SessionStore.of(comparison))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await ready(pilot)

        def rows() -> list[str]:
            return [strip.text.rstrip() for strip in screen._compositor.render_strips()]

        await pilot.press("ctrl+s")  # "Screenshot saved: <a path wider than the screen>"
        await pilot.pause()
        saved = next(n for n in app.notices if n.startswith("Screenshot saved"))
        assert len(saved) > 80
        # On the footer's row only, cut: not a row of the strip above it.
        assert "Screenshot saved" in rows()[23] and rows()[23].endswith("…"), rows()[-3:]
        assert not [row for row in rows()[:23] if "Screenshot" in row or ".svg" in row], rows()[-3:]
        await pilot.press("o")  # the first save's notice: another path wider than the screen
        await pilot.pause()
        said = next(n for n in app.notices if "saved as you go" in n)
        assert len(said) > 80
        # One row, cut, wherever it stands: nothing of its end on the row under or above it.
        # What to do comes before the path, which is what the cut takes.
        [row] = [row for row in rows() if "saved as you go" in row]
        assert row.endswith("…") and "--no-session: keep nothing" in row, rows()[-3:]
        assert not [row for row in rows() if "session.json" in row], rows()[-3:]
        await pilot.press("question_mark")
        await pilot.pause()
        # The whole of each notice, for the reader of a notice cut with "…".
        listed = " ".join(help_text(app).split("\n"))
        assert saved in listed and said in listed and "L1 marked deliberately unique" in listed


@pytest.mark.parametrize(("start", "key", "end"), [(1.0, "plus", "maximum (1.00)"), (0.0, "minus", "minimum (0.00)")])
async def test_the_threshold_at_its_end_says_so(make_app, newsroom, start, key, end):
    app = make_app(newsroom, settings=AlignmentSettings(threshold=start))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await ready(pilot)
        assert f"threshold {start:.2f}" in summary_text(app)
        await pilot.press(key)
        await pilot.pause()
        assert screen.workspace.threshold == start
        assert any(end in notice for notice in app.notices), app.notices
        assert any(end in str(toast.render().plain) for toast in app.screen.query(Toast))
        await pilot.press(key, "question_mark")  # said again: listed once in the help
        await pilot.pause()
        assert help_text(app).count(end) == 1, help_text(app)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_mentions_panel_keeps_a_name_with_its_references(make_app, size):
    app = make_app(load_comparison([str(MARCH)]))
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot)
        await pilot.press("m")
        await pilot.pause()
        text = screen.query_one("#mentions-text", Static)
        lines = [text.render_line(y).text.rstrip() for y in range(text.size.height)]
        assert "only Kremlin:" in "\n".join(lines), lines
        for line in lines[1:]:
            # Each line holds whole entries, "Kyiv (R5 R6)": never references without their
            # name, nor a name whose references went to the next line.
            assert not line.lstrip().startswith("("), lines
            assert line.endswith((")", ",", ":", "nothing", "letters")), lines
