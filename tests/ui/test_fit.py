"""What must stay readable on a small terminal (80x24) and a common one (120x40): the keys
in the footer, the decision in the detail strip, the help's wording for either layout."""

from __future__ import annotations

import pytest
from conftest import HashEmbedder, RecordingApp, comparison_of, ready

from textual.widgets import Static
from textual.widgets._footer import FooterKey

from readout_tui.screens.help import HelpScreen
from readout_tui.widgets.detail_strip import DetailStrip

SIZES = [(80, 24), (120, 40)]


def visible_keys(app) -> dict[str, str]:
    """Footer key -> its description, for the keys wholly on screen."""
    width = app.size.width
    return {
        key.key: key.description
        for key in app.screen.query(FooterKey)
        if key.region.width and key.region.right <= width
    }


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
async def test_decision_line_is_visible_in_the_detail_strip(size):
    # Statements long enough to wrap in the strip: the decision must not be pushed out of it.
    grain = "The leaders discussed the grain corridor through the Black Sea ports"
    long = " and ".join([grain] * 4) + "."
    comparison = comparison_of([long, long.replace("leaders", "presidents")], [long])
    app = RecordingApp(comparison, embedder=HashEmbedder())
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot)
        await pilot.press("o")
        strip = screen.query_one(DetailStrip)
        line = screen.query_one("#work-line", Static)
        assert "deliberately unique" in line.render().plain
        assert strip.content_region.contains_region(line.region), (line.region, strip.region)


async def test_help_names_panes_truly_in_both_layouts(make_app, newsroom):
    app = make_app(newsroom)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one("#help Static").render().plain
        assert "Left (top) pane" in text and "Right (bottom) pane" in text
