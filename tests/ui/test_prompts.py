"""The one-line prompts: a text that is edited starts with the cursor in it, not selected."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from readout_tui.core.io.loading import load_comparison
from readout_tui.core.work.session import LostDecision, SessionStore
from readout_tui.screens.lost import LostScreen
from readout_tui.screens.prompt import PromptScreen
from readout_tui.testing import ready


async def test_typing_in_the_note_prompt_adds_to_the_note(make_app, newsroom):
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("a", *"first", "enter")
        await pilot.pause()
        await pilot.press("a", *" more", "enter")
        await pilot.pause()
        # The note was selected whole, and the first key replaced it: "note: more".
        assert "note: first more" in screen.query_one("#work-line").render().plain


async def test_the_split_prompt_starts_at_the_bar_with_nothing_selected(make_app, case):
    comparison = load_comparison([str(case)], "lines")
    app = make_app(comparison, session=SessionStore.of(comparison))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        field = app.screen.query_one(Input)
        assert field.selection.is_empty
        assert field.value[field.cursor_position] == "|"
        # Backspace then takes the character before the bar, not the whole statement.
        await pilot.press("backspace")
        assert field.value.count("|") == 1 and len(field.value) > 20


async def test_the_export_prompt_still_selects_the_name_to_replace_it(make_app, newsroom):
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("e")
        await pilot.pause()
        field = app.screen.query_one(Input)
        assert not field.selection.is_empty



async def test_the_lost_decisions_list_is_a_titled_box_within_the_screen(make_app, newsroom):
    # It was left out of the prompts' style: a bare list over the whole screen, without its
    # title; and ten decisions ran it off the screen, its title and its keys with it.
    lost = [
        LostDecision(f"note: L{n} “The leaders discussed…”", "note", (("left", "The leaders discussed. " * 5),), note="")
        for n in range(10)
    ]
    app = make_app(newsroom)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        app.push_screen(LostScreen(lost))
        await pilot.pause()
        box = app.screen.query_one("#prompt")
        assert str(box.border_title) == "10 saved decisions that no longer fit the readouts"
        assert box.styles.border_top[0] == "round"
        assert box.region.width < 80 and app.screen.region.contains_region(box.region)


async def test_a_lost_decision_s_short_statement_is_shown_once(make_app, newsroom):
    # The description cuts long texts, and the whole texts follow; a short one was whole twice.
    short = "The call lasted about fifty minutes."
    long = "The leaders discussed. " * 5
    lost = [
        LostDecision(f"deliberately unique: L2 “{short}”", "unique", (("left", short),)),
        LostDecision("note: L5 “The leaders discussed…”", "note", (("left", long),), note="x"),
    ]
    app = make_app(newsroom)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        app.push_screen(LostScreen(lost))
        await pilot.pause()
        shown = app.screen.query_one("#lost-list")
        assert str(shown.get_option_at_index(0).prompt).count(short) == 1
        assert f"L: {long}" in str(shown.get_option_at_index(1).prompt)


@pytest.mark.parametrize("key", ["escape", "L", "q"])
async def test_the_lost_decisions_list_closes_on_q_as_the_help_does(make_app, newsroom, key):
    # The footer under the box says "q Quit"; q did nothing, the app's keys held by the box.
    lost = [LostDecision("deliberately unique: L2 “x”", "unique", (("left", "x"),))]
    app = make_app(newsroom)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        app.push_screen(LostScreen(lost))
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        assert not isinstance(app.screen, LostScreen)
