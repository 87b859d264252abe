"""The aligned view (v): pairs on one row, gaps where a side is silent, the panes following it."""

from __future__ import annotations

from readout_tui.testing import ready
from readout_tui.widgets.aligned_view import AlignedView


async def test_v_shows_the_pairs_row_by_row_and_the_strip_follows_the_row(make_app, newsroom):
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("v")
        view = screen.query_one(AlignedView)
        assert view.display and not screen.query_one("#panes").display
        rows = screen.workspace.aligned()
        pairs = {(p.left, p.right) for p in screen.workspace.alignment.pairs}
        assert {(r.left, r.right) for r in rows if r.pair is not None} == pairs
        assert any(r.left is None for r in rows) and any(r.right is None for r in rows)
        # Down to the first row where the left account is silent: the strip shows its right statement.
        gap = next(at for at, r in enumerate(rows) if r.left is None)
        for _ in range(gap):
            await pilot.press("j")
        assert screen.side == "right" and screen.pane("right").current == rows[gap].right
        assert screen.workspace.detail().focus.index == rows[gap].right
        # Back to the panes, on the same statement.
        await pilot.press("v")
        assert screen.query_one("#panes").display and screen.pane("right").current == rows[gap].right


async def test_next_difference_moves_the_aligned_cursor_and_edits_redraw_it(make_app, newsroom):
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("v", "d")
        view = screen.query_one(AlignedView)
        side, index = screen.side, screen.pane(screen.side).current
        assert getattr(view.current, side) == index
        before = screen.workspace.aligned()
        await pilot.press("u")  # a unique statement
        await pilot.press("o")  # marked deliberately unique: no change of rows, but a new alignment
        assert screen.workspace.aligned() is not before
        await pilot.press("l")  # links are made in the panes
        assert screen.workspace.picking is None


async def test_a_doubtful_statement_keeps_its_question_mark_in_the_aligned_view(make_app, newsroom):
    from dataclasses import replace

    from readout_tui.core.work.workspace import Mark

    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("v")
        view = screen.query_one(AlignedView)
        marks = {side: dict(view._marks[side]) for side in ("left", "right")}
        marks["left"][0] = replace(marks["left"].get(0, Mark()), flag="", doubtful=True)
        view._marks = marks
        assert "?" in view._cell("left", 0, again=False).gutter.plain  # as the panes show it


async def test_a_column_of_text_never_runs_into_the_rule_between_the_accounts(make_app, newsroom):
    """A left statement wrapped to the full width of its column touched the rule ("Putin│3 =
    Kremlin"): one blank cell on each side of it keeps the two accounts apart."""
    app = make_app(newsroom)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await pilot.press("v")
        await pilot.pause()
        view = screen.query_one(AlignedView)
        lines = [view.render_line(y).text for y in range(view.content_size.height)]
        ruled = [line for line in lines if "│" in line]
        assert ruled, lines
        for line in ruled:
            at = line.index("│")
            assert line[at - 1] == " " and line[at + 1] == " ", line


async def test_a_long_left_label_leaves_room_for_the_right_one_in_the_aligned_title(make_app, newsroom):
    # "Presidential Secretariat of Indonesia (Biro Pers, Media, dan Informasi) │…": the right
    # label was cut away whole at 80 columns.
    from dataclasses import replace

    long = "Presidential Secretariat of Indonesia (Biro Pers, Media, dan Informasi)"
    comparison = replace(newsroom, left=replace(newsroom.left, label=long))
    app = make_app(comparison)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await pilot.press("v")
        await pilot.pause()
        title = str(screen.query_one(AlignedView).border_title)
        right = newsroom.right.label
        assert title.endswith(f" │ {right} · aligned"), title
        assert title.startswith("Presidential Secretariat") and "…" in title
