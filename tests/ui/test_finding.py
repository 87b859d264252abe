"""Finding things: next unique / related, search, filter."""

from __future__ import annotations

from textual import events

from readout_tui.core.engine.settings import AlignmentSettings
from readout_tui.core.types import Status
from readout_tui.core.work.workspace import Filter
from readout_tui.testing import ready


def statuses(screen, wanted: Status) -> list[tuple[str, int]]:
    """Every statement with ``wanted`` status, left pane first, in reading order."""
    return [
        (side, index)
        for side in ("left", "right")
        for index in screen.pane(side).shown
        if screen.workspace.alignment.status(side, index) is wanted
    ]


def position(screen) -> tuple[str, int]:
    return screen.side, screen.pane(screen.side).current


async def test_u_visits_every_unique_statement_of_both_sides_and_wraps(make_app, example):
    app = make_app(example)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        unique = statuses(screen, Status.UNIQUE)
        assert unique, "the example has statements only one side reports"
        visited = []
        for _ in range(len(unique) + 1):
            await pilot.press("u")
            visited.append(position(screen))
        assert visited[:-1] == unique
        assert visited[-1] == unique[0]
        await pilot.press("U")
        assert position(screen) == unique[-1]


async def test_r_visits_the_related_pairs(make_app, newsroom):
    # With the match threshold out of reach every pair is "related", whatever the scores.
    app = make_app(newsroom, settings=AlignmentSettings(match_threshold=1.0))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        related = statuses(screen, Status.RELATED)
        assert len(related) == 7  # all but the hockey match and the sanctions
        visited = []
        for _ in related:
            await pilot.press("r")
            visited.append(position(screen))
        assert visited == related[1:] + related[:1]  # from the first statement, on
        await pilot.press("R")
        assert position(screen) == related[-1]


async def test_filter_cycles_all_unique_pairs(make_app, newsroom):
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f")
        assert screen.workspace.filter is Filter.UNIQUE
        assert screen.pane("left").shown == [3] and screen.pane("right").shown == [3]
        assert str(screen.pane("left").border_subtitle) == "1 of 5 shown (unique only) · 1 unique · 80% paired"
        await pilot.press("f")
        assert screen.workspace.filter is Filter.PAIRS
        assert screen.pane("left").shown == [0, 1, 2, 4]
        assert screen.pane("right").shown == [0, 1, 2]
        await pilot.press("f")
        assert screen.workspace.filter is Filter.ALL
        assert screen.pane("left").shown == [0, 1, 2, 3, 4]
        assert str(screen.pane("left").border_subtitle) == "5 statements · 1 unique · 80% paired"


async def test_a_filter_that_empties_the_pane_says_so_in_the_strip(make_app, newsroom):
    # Raised to the top, the threshold leaves no pair: "pairs only" showed two empty panes
    # and "No statement selected.", not why nor what to do.
    app = make_app(newsroom)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f", "f", *["plus"] * 20)
        await pilot.pause()
        assert screen.workspace.filter is Filter.PAIRS and not screen.pane(screen.side).shown
        head = screen.query_one("#detail-head").render().plain
        assert "the filter shows pairs only; f changes it" in head, head
        await pilot.press("f")
        await pilot.pause()
        assert screen.query_one("#detail-head").render().plain != head


async def test_filter_keeps_the_cursor_on_a_statement_that_stays(make_app, newsroom):
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.pane("left").move_to(2)
        await pilot.press("f", "f")  # pairs only: statement 2 is still listed
        assert screen.pane("left").current == 2
        await pilot.press("f", "f")  # unique only: it is not, so the nearest listed one
        assert screen.pane("left").current == 3


async def test_search_finds_hits_in_both_panes_and_n_cycles(make_app, newsroom):
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("slash")
        assert app.focused.id == "search"
        await pilot.press(*"ninety", "enter")
        assert app.focused is screen.pane(screen.side)
        assert position(screen) == ("left", 1)
        # First: after the tally, the border cut the hit count even at 120 columns.
        assert str(screen.pane("left").border_subtitle) == "search: ninety · 1 hit · 1 of 5 unique · 80% paired"
        await pilot.press("n")
        assert position(screen) == ("right", 2)
        await pilot.press("n")
        assert position(screen) == ("left", 1)
        await pilot.press("N")
        assert position(screen) == ("right", 2)


async def test_search_is_case_blind_and_literal(make_app, newsroom):
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        search = screen.query_one("#search")
        await pilot.press("slash")
        search.value = "BLACK SEA"
        await pilot.press("enter")
        assert position(screen) == ("left", 0)
        await pilot.press("escape")  # clears the search
        assert screen.workspace.search == ""
        await pilot.press("slash")
        search.value = ".*"  # as a regular expression it would match everything
        await pilot.press("enter")
        assert any("No search hit" in notice for notice in app.notices)
        assert position(screen) == ("left", 0)


async def test_a_query_typed_fast_after_the_slash_lands_in_the_search(make_app, newsroom):
    """All keys at once, as from a fast typist or a paste: none may run as a command."""
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        for key, character in [("slash", "/"), ("s", "s"), ("e", "e"), ("a", "a"), ("slash", "/")]:
            app.post_message(events.Key(key, character))
        await pilot.pause()
        assert screen.query_one("#search").value == "sea/"
        assert not screen.workspace.swapped


async def test_escape_cancels_a_search_being_typed(make_app, newsroom):
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("slash", "x", "escape")
        assert not screen.query_one("#search").display
        assert app.focused is screen.pane("left")
        assert screen.workspace.search == ""


async def test_letters_typed_into_search_are_not_commands(make_app, newsroom):
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("slash", *"sqfu", "enter")  # swap, quit, filter, unique: all text
        assert app.is_running
        assert not screen.workspace.swapped and screen.workspace.filter is Filter.ALL
        assert screen.workspace.search == "sqfu"


async def test_the_search_hit_count_is_on_screen_at_80_columns(make_app, newsroom):
    # At 80 columns the pane's subtitle has about 32 cells: the tally alone fills them, and a
    # search's hit count put after it was cut off the screen.
    app = make_app(newsroom)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await pilot.press("slash", *"ninety", "enter")
        await pilot.pause()
        rows = [row.text for row in app.screen._compositor.render_strips()]
        assert any("search: ninety · 1 hit" in row for row in rows), rows
        # The counts do not fit beside it: left out whole, not cut to "· 1 of 5 u…".
        assert str(screen.pane("left").border_subtitle) == "search: ninety · 1 hit"


async def test_a_new_search_lands_on_its_first_hit_in_the_other_pane(make_app, newsroom):
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("right")  # the cursor on R1; "hockey" is only in L4
        await pilot.press("slash", *"hockey", "enter")
        await pilot.pause()
        # The pane that had focus before the search took the cursor back, on R1.
        assert position(screen) == ("left", 3)
        assert screen.query_one("#detail-head").render().plain.startswith("L4")
        assert app.focused is screen.pane("left")
