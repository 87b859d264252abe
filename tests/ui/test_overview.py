"""The overview beside the panes: where each account's differences are, and a click goes there."""

from __future__ import annotations

from readout_tui.core.types import Status
from readout_tui.testing import ready
from readout_tui.widgets.overview import CURSOR, Overview, _row_of


async def test_the_overview_colours_each_stretch_by_its_most_telling_statement(make_app, newsroom):
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        overview = screen.query_one(Overview)
        height = overview.size.height
        assert height > 10
        for side in ("left", "right"):
            marks = screen.workspace.marks[side]
            rows, count = overview.rows(side, height), len(marks)
            # Fewer statements than rows: each statement's rows show its own status.
            assert [rows[_row_of(i, height, count)] for i in range(count)] == [marks[i].status for i in range(count)]
        # Many statements to a row: the row shows the unique one among them.
        assert overview.rows("left", 1) == [Status.UNIQUE]


async def test_a_click_on_the_overview_goes_there_and_the_cursor_is_marked(make_app, newsroom):
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        overview = screen.query_one(Overview)
        height = overview.size.height
        last_row = height - 1
        await pilot.click(Overview, offset=(2, last_row))
        await pilot.pause()
        last = len(screen.workspace.readout("right")) - 1
        assert screen.side == "right" and screen.pane("right").current == last
        assert overview.cursor == ("right", last)
        assert overview.render().plain.splitlines()[_row_of(last, height, last + 1)][2] == CURSOR
