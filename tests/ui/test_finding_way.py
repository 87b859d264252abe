"""Finding one's way (issue 15): where a link starts, what the glyphs mean, which side's
numbers are whose, the arrow kept with its numbers."""

from __future__ import annotations

from textual.content import Content

from readout_tui.screens.help import HelpScreen
from readout_tui.testing import help_text, ready


async def test_a_link_starts_on_the_counterpart_the_strip_names_and_keeps_its_start_lit(make_app, newsroom):
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.pane("right").move_to(3)  # a remembered row elsewhere in the other pane
        await pilot.press("j")  # L2, whose counterpart is R3
        named = screen.workspace.detail().partner.index
        await pilot.press("l")
        assert screen.side == "right" and screen.pane("right").current == named == 2
        assert screen.pane("left").lit == {1}  # the statement the link starts from
        assert screen.pane("right").lit == frozenset()


async def test_help_explains_every_mark(make_app, newsroom):
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app)
        for mark in ("=", "≈", "∅", "✎", "¶", "§", "→3, 5", "shaded row", "shared", "differs"):
            assert any(line.startswith(mark) for line in text.splitlines()), mark


async def test_each_pane_says_its_own_unique_count_and_coverage(make_app, newsroom):
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        for side, expected in (("left", "5 statements · 1 unique · 80% paired"), ("right", "4 statements · 1 unique · 75% paired")):
            assert Content.from_markup(screen.pane(side).border_subtitle).plain == expected


async def test_the_flag_stands_apart_from_the_text_and_the_arrow_with_its_numbers(make_app, newsroom):
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("o")
        row = screen.pane("left").row(0)
        assert row.gutter.plain.endswith("✎ ")
        assert "  →" in screen.pane("right").row(2).body.plain and "→2, 5" in screen.pane("right").row(2).body.plain


async def test_copy_puts_the_statement_on_the_clipboard_printable(make_app, newsroom):
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("c")
        assert app.clipboard == "L1 (Left side): The leaders discussed the grain corridor through the Black Sea ports."
        await pilot.press("C")
        assert app.clipboard.count("\n") == 2 and app.notices[-1] == "Copied L1 – R2"


async def test_d_walks_every_difference(make_app, newsroom):
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("d")
        assert (screen.side, screen.pane(screen.side).current) == screen.workspace.seek("difference", 1, here_too=True)


async def test_at_80_columns_each_pane_says_its_counts_and_coverage_uncut(make_app, newsroom):
    # "5 statements · 1 unique · 80% paired" is cut by the border at 80 columns ("80% p…").
    app = make_app(newsroom)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        for side, expected in (("left", "1 of 5 unique · 80% paired"), ("right", "1 of 4 unique · 75% paired")):
            assert Content.from_markup(screen.pane(side).border_subtitle).plain == expected
