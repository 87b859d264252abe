"""Short and narrow terminals: the panes keep rows for reading, and the footer keeps the keys
that lead to all the others."""

from __future__ import annotations

from pathlib import Path

import pytest

from readout_tui.core.io.loading import load_comparison
from readout_tui.testing import article, comparison_of, ready, visible_keys
from readout_tui.widgets.detail_strip import DetailStrip

TRUMP = Path(__file__).resolve().parents[2] / "fixtures" / "trump-putin-2025-02-12"


def rows_of_text(screen) -> int:
    return screen.pane("left").content_size.height


async def test_the_mentions_panel_takes_the_strips_place_at_80x24(make_app):
    app = make_app(load_comparison([str(TRUMP)]))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        before = rows_of_text(screen)
        await pilot.press("m")
        await pilot.pause()
        panel = screen.query_one("#mentions")
        assert panel.display and panel.region.height > 1
        assert "Mentioned by one side only" in screen.query_one("#mentions-text").render().plain
        # The panes keep their rows (they had five): the strip makes way for the panel.
        assert not screen.query_one(DetailStrip).display
        assert rows_of_text(screen) >= before, (rows_of_text(screen), before)
        await pilot.press("m")
        await pilot.pause()
        assert screen.query_one(DetailStrip).display and not panel.display
        assert rows_of_text(screen) == before


async def test_on_a_tall_screen_the_mentions_panel_and_the_strip_are_shown_together(make_app):
    app = make_app(load_comparison([str(TRUMP)]))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("m")
        await pilot.pause()
        assert screen.query_one(DetailStrip).display and screen.query_one("#mentions").display
        assert screen.query_one(DetailStrip).region.height == 9


@pytest.mark.parametrize("size", [(100, 16), (80, 24)])
async def test_the_strip_gives_rows_back_to_the_panes_on_a_short_screen(make_app, size):
    app = make_app(load_comparison([str(TRUMP)]))
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot)
        strip = screen.query_one(DetailStrip)
        # At most 40% of the screen; the rest scrolls in the strip. At 100x16 the panes had
        # three rows of text under a strip of nine.
        assert strip.region.height <= size[1] * 0.4
        assert rows_of_text(screen) >= strip.region.height - 1


@pytest.mark.parametrize("size", [(60, 20), (64, 24)])
async def test_help_and_quit_stay_in_the_footer_when_stacked(make_app, newsroom, size):
    app = make_app(newsroom)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        keys = visible_keys(app)
        assert keys.get("question_mark") == "Help" and keys.get("q") == "Quit", keys
        assert keys.get("slash") == "Search"


async def test_help_and_quit_stay_in_the_assignment_footer_when_stacked(make_app):
    app = make_app(article())
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        keys = visible_keys(app)
        assert keys.get("question_mark") == "Help" and keys.get("q") == "Quit", keys


async def test_a_link_started_with_the_mentions_panel_shown_brings_the_strip_back(make_app):
    app = make_app(load_comparison([str(TRUMP)]))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await pilot.press("m", "l")
        await pilot.pause()
        strip = screen.query_one(DetailStrip)
        assert strip.display and not screen.query_one("#mentions").display
        assert "Linking L1" in screen.query_one("#work-line").render().plain


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_very_long_statement_leaves_room_in_the_strip_for_its_partner(make_app, size):
    grain = "The leaders discussed the grain corridor through the Black Sea ports"
    long = " and ".join([grain] * 12) + "."
    app = make_app(comparison_of(["The leaders discussed the grain corridor."], [long, "Sanctions."]))
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot)
        await pilot.press("right")
        await pilot.pause()
        strip = screen.query_one(DetailStrip)
        focus, partner = (screen.query_one(f"#detail-{name}") for name in ("focus", "partner"))
        # The partner was below the strip's last row, with no key to scroll to it.
        assert strip.content_region.contains_region(partner.region), (partner.region, strip.content_region)
        assert shown(app, partner).startswith("L1 The leaders")
        assert shown(app, focus).endswith("…") and strip.max_scroll_y == 0
        # Its pair at the start: both short, nothing is cut.
        await pilot.press("left")
        await pilot.pause()
        assert "…" not in shown(app, focus)


def shown(app, widget) -> str:
    """The text on screen in ``widget``'s region."""
    rows = [strip.text for strip in app.screen._compositor.render_strips()]
    region = widget.region
    return " ".join(row[region.x : region.right].strip() for row in rows[region.y : region.bottom])


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_notices_cover_neither_the_strip_nor_the_panes(make_app, newsroom, size):
    """What a key did is said over the footer's keys: the strip right above, where the analyst
    checks the edit, and the panes stay in sight while the notice lasts."""
    app = make_app(newsroom)
    async with app.run_test(size=size, notifications=True) as pilot:
        screen = await ready(pilot)
        await pilot.press("x")  # unlink: "Unlinked L1 – R2 (z undoes)"
        await pilot.pause(0.1)
        toasts = list(screen.query("Toast"))
        assert toasts and any("Unlinked" in n for n in app.notices)
        covered = [screen.query_one(DetailStrip), screen.pane("left"), screen.pane("right")]
        for toast in toasts:
            assert not [w for w in covered if toast.region.overlaps(w.region)], (toast.region, size)


async def test_a_key_replaces_the_notice_of_the_key_before_it(make_app, newsroom):
    """Notices stack upwards over the strip: each key's notice takes the place of the last
    one, also when one key says two things (a search that finds nothing, then the seek)."""
    app = make_app(newsroom)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await ready(pilot)

        async def shown() -> list[str]:
            await pilot.pause(0.05)
            return [str(toast.render().plain) for toast in screen.query("Toast")]

        await pilot.press("slash", *"zzzz", "enter")
        assert len(await shown()) == 1
        await pilot.press("l", "escape")  # a link begun, then cancelled
        assert [text for text in await shown()] == ["Linking cancelled."]
        await pilot.press("x", "z")
        assert len(await shown()) == 1
