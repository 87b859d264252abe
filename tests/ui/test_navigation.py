"""Moving through the panes: the cursor, the lit counterparts, jumps, the mouse."""

from __future__ import annotations

from textual import events

from readout_tui.core.engine.settings import AlignmentSettings
from readout_tui.testing import ready
from readout_tui.widgets.detail_strip import DetailStrip


async def test_texts_are_listed_in_reading_order(make_app, example):
    app = make_app(example)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.pane("left").shown == list(range(len(example.left)))
        assert screen.pane("right").shown == list(range(len(example.right)))
        assert screen.side == "left"
        assert screen.pane("left").current == 0
        assert app.focused is screen.pane("left")


async def test_moving_lights_the_counterparts_in_the_other_pane(make_app, newsroom):
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        for index in range(len(newsroom.left)):
            if index:
                await pilot.press("j")
            partners = screen.workspace.alignment.partners("left", index)
            assert screen.pane("left").current == index
            assert screen.pane("right").lit == set(partners)
            if partners:  # the best one is brought into view
                assert screen.pane("right").current == partners[0]
        await pilot.press("k", "k")
        assert screen.pane("left").current == len(newsroom.left) - 3


async def test_a_statement_covering_two_lights_both_and_groups_them(make_app, newsroom):
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("tab")
        screen.pane("right").move_to(2)  # the exchange and Zaporizhzhia in one statement
        await pilot.pause()
        assert screen.pane("left").lit == {1, 4}
        await pilot.press("shift+tab")  # on to its best partner, which has a sibling
        assert screen.side == "left"
        assert screen.pane("left").current in {1, 4}
        assert screen.pane("left").grouped == {1, 4} - {screen.pane("left").current}


async def test_tab_and_arrows_switch_panes(make_app, example):
    app = make_app(example)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("tab")
        assert screen.side == "right" and app.focused is screen.pane("right")
        assert screen.pane("right").has_class("-active")
        assert not screen.pane("left").has_class("-active")
        await pilot.press("left")
        assert screen.side == "left"
        await pilot.press("right")
        assert screen.side == "right"


async def test_first_and_last(make_app, example):
    app = make_app(example)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("G")
        assert screen.pane("left").current == len(example.left) - 1
        await pilot.press("g")
        assert screen.pane("left").current == 0
        await pilot.press("end", "up")
        assert screen.pane("left").current == len(example.left) - 2


async def test_enter_cycles_through_the_partners_and_back(make_app, newsroom):
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("tab")
        screen.pane("right").move_to(2)
        await pilot.pause()
        partners = screen.workspace.alignment.partners("right", 2)
        assert len(partners) == 2
        visited = []
        for _ in partners:
            await pilot.press("enter")
            visited.append((screen.side, screen.pane(screen.side).current))
        assert visited == [("left", partners[0]), ("left", partners[1])]
        await pilot.press("enter")
        assert (screen.side, screen.pane("right").current) == ("right", 2)


async def test_enter_on_a_single_pair_goes_back_and_forth(make_app, newsroom):
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        (partner,) = screen.workspace.alignment.partners("left", 0)
        await pilot.press("enter")
        assert (screen.side, screen.pane("right").current) == ("right", partner)
        await pilot.press("enter")
        assert (screen.side, screen.pane("left").current) == ("left", 0)


async def test_enter_on_a_unique_statement_says_so(make_app, newsroom):
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.pane("left").move_to(3)  # the hockey match: the Kremlin does not mention it
        await pilot.pause()
        await pilot.press("enter")
        assert screen.side == "left" and screen.pane("left").current == 3
        assert any("unique" in notice for notice in app.notices)


async def test_detail_strip_shows_the_pair_and_its_scores(make_app, newsroom):
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        pair = screen.workspace.alignment.counterparts("left", 0)[0]
        head = str(screen.query_one("#detail-head").render())
        assert head.startswith(f"L1 = R{pair.right + 1}  same · score {pair.score:.2f} · ")
        assert f"meaning {pair.cosine:.2f}" in pair.reason and f"shared words {pair.lexical:.2f}" in pair.reason
        assert pair.reason in head and head.count("meaning") == 1
        focus = screen.query_one("#detail-focus").render().body.plain
        partner = screen.query_one("#detail-partner").render().body.plain
        assert "grain corridor" in focus and "grain corridor" in partner


async def test_detail_strip_of_a_unique_statement_shows_the_nearest_miss(make_app, newsroom):
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.pane("left").move_to(3)
        await pilot.pause()
        head = str(screen.query_one("#detail-head").render())
        assert head.startswith("L4 ∅ unique to Left side")
        assert "nearest: R" in head and f"under the threshold {AlignmentSettings().threshold:.2f}" in head
        assert screen.query_one(DetailStrip).query_one("#detail-partner").display


async def test_clicking_a_statement_selects_it(make_app, example):
    app = make_app(example)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        right = screen.pane("right")
        await pilot.click(right, offset=(10, 1))
        await pilot.pause()
        assert screen.side == "right"
        assert right.current == 0
        assert screen.pane("left").lit == set(screen.workspace.alignment.partners("right", 0))


async def test_a_key_right_after_a_move_acts_on_the_statement_moved_to(make_app, newsroom):
    """Keys typed in one burst ("G" then enter): enter must not act on where the cursor was."""
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.pane("left").move_to(3)  # the hockey match: unique
        await pilot.pause()
        for key, character in [("g", "g"), ("enter", "\r")]:
            app.post_message(events.Key(key, character))
        await pilot.pause()
        assert not any("unique to its side" in notice for notice in app.notices)
        assert (screen.side, screen.pane("right").current) == ("right", screen.workspace.partners("left", 0)[0])
