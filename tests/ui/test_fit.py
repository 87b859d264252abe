"""What must stay readable on a small terminal (80x24) and a common one (120x40): the keys
in the footer, the decision in the detail strip, the help's wording for either layout."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.content import Content
from textual.widgets import Footer, Static

from readout_tui.core.io.loading import load_comparison
from readout_tui.core.work.decisions import HAND
from readout_tui.screens.help import HelpScreen
from readout_tui.testing import HashEmbedder, comparison_of, help_text, ready, visible_keys
from readout_tui.widgets.detail_strip import DetailStrip
from readout_tui.widgets.summary_bar import SummaryBar

SIZES = [(80, 24), (120, 40)]
INDONESIAN = Path(__file__).resolve().parents[2] / "fixtures" / "netanyahu-putin-2023-12-10-id"


@pytest.mark.parametrize("size", SIZES)
async def test_footer_shows_help_and_quit_with_labels(make_app, newsroom, size):
    app = make_app(newsroom)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        keys = visible_keys(app)
        assert keys.get("question_mark") == "Help" and keys.get("q") == "Quit"
        assert keys.get("slash") == "Search"
        assert all(keys.values()), keys  # no key without its label


@pytest.mark.parametrize("size", SIZES)
async def test_decision_line_is_visible_in_the_detail_strip(make_app, size):
    # Statements long enough to wrap in the strip: the decision must not be pushed out of it.
    grain = "The leaders discussed the grain corridor through the Black Sea ports"
    long = " and ".join([grain] * 4) + "."
    comparison = comparison_of([long, long.replace("leaders", "presidents")], [long])
    app = make_app(comparison)
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot)
        await pilot.press("o")
        strip = screen.query_one(DetailStrip)
        line = screen.query_one("#work-line", Static)
        assert "deliberately unique" in line.render().plain
        assert strip.content_region.contains_region(line.region), (line.region, strip.region)


async def open_help(pilot) -> None:
    """The comparison ready, then its help opened and drawn."""
    await ready(pilot)
    await pilot.press("question_mark")
    await pilot.pause()


async def test_help_names_panes_truly_in_both_layouts(make_app, newsroom):
    app = make_app(newsroom)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_help(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app)
        assert "Left (top) pane" in text and "Right (bottom) pane" in text


@pytest.mark.parametrize("keys", [("f",), ("slash", *"ninety", "enter")])
async def test_summary_bar_keeps_to_one_line_at_120_with_a_view(make_app, newsroom, keys):
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press(*keys)
        await pilot.pause()
        bar = app.screen.query_one(SummaryBar)
        assert "told differently" in bar.render().plain
        assert bar.size.height == 1, bar.render().plain


async def test_a_language_notice_is_whole_on_the_summary_bar_at_120(make_app):
    app = make_app(load_comparison([str(INDONESIAN)], "lines"), embedder=HashEmbedder("all-MiniLM-L6-v2"))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        lines = app.screen.query_one(SummaryBar).render().plain.splitlines()
        assert len(lines) <= 2 and all(len(line) <= 118 for line in lines), lines
        assert lines[-1].endswith("lexical only (model lacks Indonesian)")  # whole


async def test_summary_bar_wraps_between_its_parts_at_80(make_app, newsroom):
    app = make_app(newsroom)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("f")
        await pilot.pause()
        lines = app.screen.query_one(SummaryBar).render().plain.splitlines()
        assert 1 <= len(lines) <= 2 and all(len(line) <= 78 for line in lines), lines
        assert lines[-1].endswith("hash-test: ready")  # a part is never cut in two


DATED = [
    "The leaders discussed the grain corridor through the Black Sea ports.",
    "They agreed on a prisoner exchange of ninety captives.",
]
"""Two English statements a side, for a call dated 10 Dec 2023."""


def _dated_app(make_app, left_label: str | None = None):
    """The app on ``DATED`` and its reverse, dated 2023-12-10, the left side labelled
    ``left_label`` if given."""
    comparison = comparison_of(DATED, DATED[::-1], "2023-12-10")
    if left_label is not None:
        comparison = replace(comparison, left=replace(comparison.left, label=left_label))
    return make_app(comparison, embedder=HashEmbedder("all-MiniLM-L6-v2"))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_long_label_keeps_the_title_and_the_date_and_language_go_under_the_pane(make_app, size):
    long = "German Federal Government (government spokesperson)"  # 51: cut, with the date, at 120; alone at 80
    app = _dated_app(make_app, long)
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot)
        for _ in range(2):  # and after a swap
            pane = screen.pane("left" if not screen.workspace.swapped else "right")
            title = Content.from_markup(pane.border_title).plain
            subtitle = Content.from_markup(pane.border_subtitle).plain
            if size[0] >= 100:
                assert title == long, title  # whole: the pane is wide enough for the label alone
            else:
                # 80 columns: the panes stand side by side, half as wide; cut to the pane, marked.
                assert long.startswith(title[:-1]) and title.endswith("…"), title
                assert len(title) <= pane.outer_size.width - 6
            if size[0] >= 100:
                assert subtitle.endswith("10 Dec 2023 · English"), subtitle
            else:
                # No room under the pane either: left out whole, not cut to "100% …" by the border.
                assert len(subtitle) <= pane.outer_size.width - 6, subtitle
            other = screen.pane("right" if not screen.workspace.swapped else "left")
            # At 80 columns the other pane's title has no room for the date and language either.
            expected = "Right side · 10 Dec 2023 · English" if size[0] >= 100 else "Right side"
            assert Content.from_markup(other.border_title).plain == expected
            await pilot.press("s")
            await pilot.pause()


@pytest.mark.parametrize(("size", "on_bar"), [((80, 24), True), ((120, 40), False)])
async def test_the_call_s_date_is_on_the_bar_when_no_pane_has_room_for_it(make_app, size, on_bar):
    # At 80 columns both titles and subtitles drop the date: it was nowhere on screen.
    app = _dated_app(make_app)
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot)
        await pilot.pause()
        bar = screen.query_one(SummaryBar).render().plain
        panes = [str(screen.pane(side).border_title) + str(screen.pane(side).border_subtitle) for side in ("left", "right")]
        assert ("10 Dec 2023" in bar) is on_bar, bar
        assert any("10 Dec 2023" in pane for pane in panes) is not on_bar, panes


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_label_in_wide_characters_is_measured_in_columns(make_app, size):
    # "日本国政府の発表" is 8 characters and 16 columns: measured by characters, the title kept
    # the date and the border cut it ("日本国政府の発表 · 10 Dec 2023 …"), and the aligned
    # view's title cut the right label off.
    from rich.cells import cell_len

    from readout_tui.widgets.aligned_view import AlignedView

    wide = "日本国政府の発表"
    app = _dated_app(make_app, wide)
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot)
        pane = screen.pane("left")
        title = Content.from_markup(pane.border_title).plain
        assert cell_len(title) <= pane.outer_size.width - 6, title
        assert title in (wide, f"{wide} · 10 Dec 2023 · English"), title
        await pilot.press("v")
        await pilot.pause()
        view = screen.query_one(AlignedView)
        aligned = str(view.border_title)
        assert cell_len(aligned) <= view.outer_size.width - 6 and "Right side" in aligned, aligned


@pytest.mark.parametrize(("size", "rows"), [((80, 24), 8), ((60, 24), 4), ((120, 40), 20)])
async def test_the_mentions_panel_gives_way_to_the_panes_on_a_short_terminal(make_app, example, size, rows):
    # ``rows``: the statement rows each pane keeps with the panel shown (panes side by side at
    # 80 and 120 columns, one above the other at 60). Under 30 rows the panel takes the detail
    # strip's place (it had 20% of the height beside the strip, and the panes 6 and 3 rows).
    app = make_app(example)
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot)
        await pilot.press("m")
        await pilot.pause()
        panel = screen.query_one("#mentions")
        assert panel.display and panel.region.height >= 3  # the heading and two lines at least
        assert panel.region.bottom <= screen.query_one(Footer).region.y
        heights = [screen.pane(side).content_region.height for side in ("left", "right")]
        assert min(heights) >= rows, (heights, panel.region)
        assert screen.query_one(DetailStrip).display == (size[1] >= 30)


@pytest.mark.parametrize("size", SIZES)
async def test_a_long_description_in_the_help_wraps_under_its_column(make_app, example, size):
    app = make_app(example)
    async with app.run_test(size=size) as pilot:
        await open_help(pilot)
        rows = [strip.text for strip in app.screen._compositor.render_strips()]
        # The mark for a decision by hand has the longest meaning; it wraps at either size.
        [at] = [i for i, row in enumerate(rows) if f" {HAND} " in row and "decided by hand" in row]
        mark, meaning = rows[at].index(HAND), rows[at].index("decided by hand")
        more = rows[at + 1]
        assert more[mark:meaning].strip() == "" and more[meaning] != " ", (rows[at], more)
        titles = app.screen.query(".help-title")
        assert len(titles) == 5 and all(title.content_region.height == 1 for title in titles)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_help_scrollbar_sits_against_its_border(make_app, example, size):
    app = make_app(example)
    async with app.run_test(size=size) as pilot:
        await open_help(pilot)
        box = app.screen.query_one("#help")
        assert box.show_vertical_scrollbar
        # Not floating inside the padding, a column or two short of the frame.
        assert box.vertical_scrollbar.region.right == box.region.right - 1
