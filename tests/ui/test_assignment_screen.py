"""The assignment screen: an article's statements moved between the accounts, then compared."""

from __future__ import annotations

import pytest
from textual.content import Content

from readout_tui.core.engine.attribution import How, Side
from readout_tui.core.work.session import SessionStore
from readout_tui.screens.assign import AssignmentScreen
from readout_tui.screens.compare import CompareScreen
from readout_tui.screens.help import HelpScreen
from readout_tui.testing import ARTICLE, article, help_text, ready
from readout_tui.widgets.assignment_list import AssignmentList, cue_span, side_tag, statement_row

REPORTER, ADDED, HOSTILE = 6, 5, 7
"""The reporter's own line (neither), the Sylvanian "It added" (right), the statement holding
markup and an escape sequence (right)."""


@pytest.fixture
def comparison(tmp_path):
    return article(str(tmp_path / "article.txt"))


def listed(screen: AssignmentScreen) -> list[int]:
    statements = screen.query_one(AssignmentList)
    return [int(statements.get_option_at_index(row).id[1:]) for row in range(statements.option_count)]


def title(screen: AssignmentScreen, which: str = "border_title") -> str:
    """The list's title (or subtitle) as drawn: Textual hands it back as markup."""
    return Content.from_markup(getattr(screen.query_one(AssignmentList), which)).plain


async def at(pilot, index: int) -> None:
    """Put the cursor on statement ``index`` with the keys a user would press."""
    await pilot.press("home", *["down"] * listed(pilot.app.screen).index(index))


async def test_an_article_opens_on_its_assignment_with_the_counts_in_the_title(make_app, comparison):
    app = make_app(comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AssignmentScreen)
        assert listed(screen) == list(range(len(ARTICLE)))
        assert title(screen) == "← Freedonian government 2 · Sylvanian presidential office 4 → · neither 4"
        detail = screen.query_one("#assign-detail").render().plain
        assert detail.startswith("Statement 1: neither") and "headline" in detail


async def test_keys_move_the_statement_under_the_cursor_and_undo_takes_it_back(make_app, comparison):
    app = make_app(comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        work = screen.assignment
        await at(pilot, REPORTER)
        await pilot.press("left")
        assert work.attribution.statements[REPORTER].side is Side.LEFT
        assert title(screen) == "← Freedonian government 3 · Sylvanian presidential office 4 → · neither 3 · ✎ 1"
        assert "moved by hand" in screen.query_one("#assign-detail").render().plain
        await pilot.press("right")
        assert work.attribution.statements[REPORTER].side is Side.RIGHT
        await pilot.press("p")
        assert work.attribution.statements[REPORTER].side is Side.NEITHER
        await pilot.press("up", "x")  # "It added" to neither
        assert work.attribution.statements[ADDED].side is Side.NEITHER
        await pilot.press("z", "z")
        assert work.attribution.statements[ADDED].side is Side.RIGHT
        assert work.attribution.statements[REPORTER].side is Side.RIGHT
        assert screen.query_one(AssignmentList).current == REPORTER  # on the move undone last
        await pilot.press("up")
        await pilot.press("x")
        assert app.notices[-1] == "Statement 6 moved to neither (z undoes)"
        await pilot.press("x")
        assert app.notices[-1] == "Statement 6 is on neither already."


async def test_n_finds_the_next_statement_on_neither_and_f_filters(make_app, comparison):
    app = make_app(comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        statements = screen.query_one(AssignmentList)
        await pilot.press("n")
        assert statements.current == 3
        await pilot.press("n", "n")
        assert statements.current == 8
        await pilot.press("N")
        assert statements.current == REPORTER
        await pilot.press("f", "f", "f")  # left only, right only, neither only
        assert listed(screen) == [0, 3, 6, 8]
        assert title(screen, "border_subtitle").startswith("4 of 10 listed (neither only)")
        await pilot.press("right")  # the reporter's line leaves the list; the cursor goes on
        assert listed(screen) == [0, 3, 8] and statements.current == 8
        await pilot.press("f")
        assert listed(screen) == [REPORTER]


async def test_accepting_compares_the_accounts_as_assigned_and_b_goes_back(make_app, comparison):
    app = make_app(comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assignment = app.screen
        await at(pilot, REPORTER)
        await pilot.press("left", "enter")
        compare = await ready(pilot)
        assert isinstance(compare, CompareScreen)
        assert compare.comparison.left.texts[-1] == ARTICLE[REPORTER][0]
        assert compare.workspace.ready
        assert "b goes back to the assignment." in app.notices
        commands = {command.title for command in app.get_system_commands(compare)}
        assert "Back to the article's assignment (enter there compares again)" in commands
        await pilot.press("b")
        await pilot.pause()
        assert app.screen is assignment
        await pilot.press("enter")  # nothing moved: the same comparison, not decided again
        await pilot.pause()
        assert app.screen is compare
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("p", "enter")
        again = await ready(pilot)
        assert again is not compare and again.workspace.ready
        assert ARTICLE[REPORTER][0] not in again.comparison.left.texts



async def test_the_palette_offers_the_way_back_to_the_assignment_and_takes_it(make_app, comparison):
    # The palette asks for its commands while it is itself on screen, over the comparison:
    # "back to the assignment" was then left out, as if the comparison were not over one.
    app = make_app(comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assignment = app.screen
        await pilot.press("enter")
        await ready(pilot)
        await pilot.press("ctrl+p", *"article's assignment")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.5)
        assert app.screen is assignment

async def test_an_empty_account_is_not_compared(make_app, comparison):
    app = make_app(comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await at(pilot, 1)
        await pilot.press("x", "down", "x", "enter")
        await pilot.pause()
        assert isinstance(app.screen, AssignmentScreen)
        assert "The Freedonian government account has no statements" in app.notices[-1]


async def test_the_assignment_is_there_after_a_restart_and_can_be_changed_again(make_app, comparison):
    store = SessionStore.open(comparison)
    app = make_app(comparison, session=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await at(pilot, REPORTER)
        await pilot.press("right", "enter")
        compare = await ready(pilot)
        await pilot.press("o")  # a decision on the comparison: R1 deliberately unique
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        await at(pilot, ADDED)
        await pilot.press("x")
    store.close()
    assert compare.workspace.journal.current.unique == {("left", 0)}

    store = SessionStore.open(comparison)
    app = make_app(comparison, session=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        work = app.screen.assignment
        assert work.attribution.statements[REPORTER].side is Side.RIGHT
        assert work.attribution.statements[ADDED].side is Side.NEITHER
        assert title(app.screen).endswith("· ✎ 2")
        await at(pilot, ADDED)
        await pilot.press("p", "enter")
        compare = await ready(pilot)
        assert compare.comparison.right.texts == [ARTICLE[i][0] for i in (4, ADDED, REPORTER, HOSTILE)]
        assert compare.workspace.journal.current.unique == {("left", 0)}
    store.close()


async def test_a_second_instance_says_once_that_it_cannot_save(make_app, comparison):
    writer = SessionStore.open(comparison)
    reader = SessionStore.open(comparison)
    app = make_app(comparison, session=reader)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("down", "x", "down", "x")
        failed = [n for n in app.notices if n.startswith("Cannot save the assignment")]
        assert len(failed) == 1 and "another readout-tui" in failed[0]
    assert reader.unsaved
    writer.close()
    reader.close()


async def test_help_lists_the_keys_and_the_legend(make_app, comparison):
    app = make_app(comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        text = help_text(app)
        for line in ("Move the statement to the left account", "Next statement on neither", "Accept: compare",
                     "What a row shows", "the words that decided it", "no cue: the reporter's own text"):
            assert line in text, line
        # The comparison's marks mean nothing on this screen.
        assert "the other side says the same" not in text and text.startswith("What a row shows")
        await pilot.press("escape")
        commands = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Move the statement to neither", "Back where it was proposed", "Undo"} <= commands
        await pilot.press("enter")
        await ready(pilot)
        await pilot.press("question_mark")
        assert "Back to the article's assignment" in help_text(app)


def test_a_row_highlights_the_cue_of_a_statement_shown_with_escapes(comparison):
    attribution = comparison.info.article
    statement = attribution.statements[HOSTILE]
    start, end = cue_span(statement)
    row = statement_row(attribution, statement, 12)
    assert row.body.plain[start:end] == "his office said"
    assert "\x1b" not in row.body.plain and "[b]Adler[/b]" in row.body.plain
    assert any(span.start == start and span.end == end and "underline" in str(span.style) for span in row.body.spans)


@pytest.mark.parametrize("label", ["Presidency", "日本政府"])
def test_a_row_s_account_fills_its_columns_and_a_mark_by_hand_stands_apart(comparison, label):
    """The longest label fills its column: the ✎ of a statement moved by hand stood against it
    ("White House✎"); a label in wide characters was padded by characters, not columns."""
    from dataclasses import replace

    from rich.cells import cell_len

    attribution = replace(comparison.info.article, left_label=label)
    statement = replace(attribution.statements[HOSTILE], side=Side.LEFT, how=How.BY_HAND, proposed=Side.NEITHER)
    width = cell_len(label)
    gutter = statement_row(attribution, statement, width).gutter.plain
    number = str(statement.index + 1).rjust(len(str(len(attribution.statements))))
    assert gutter == f"{number} {label} ✎ "
    moved_on = replace(statement, how=How.CUE, proposed=None)
    narrow = statement_row(attribution, moved_on, width - 1).gutter.plain
    assert cell_len(narrow) == cell_len(gutter) - 1 and "…" in narrow


async def test_wide_labels_in_the_title_are_cut_by_columns(make_app, tmp_path):
    # "日本国政府の発表" is 8 characters and 16 columns: cut by characters, the title ran past
    # the border, which cut the right account's count off.
    from dataclasses import replace

    from rich.cells import cell_len

    from readout_tui.core.io.article import with_attribution

    comparison = article(str(tmp_path / "article.txt"))
    attribution = replace(comparison.info.article, left_label="日本国政府の記者会見での発表です", right_label="中華人民共和国外交部報道官の発表")
    comparison = with_attribution(comparison, attribution)
    app = make_app(comparison)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        shown = title(screen)
        room = screen.query_one(AssignmentList).outer_size.width - 6
        assert cell_len(shown) <= room and shown.endswith("4 → · neither 4"), shown


ONE_SIDED = (
    "Vorel and Brask meet in Klow\n"
    "Bordurian President Anton Vorel met Syldavian President Ivo Brask in Klow on Monday.\n"
    "The Bordurian presidency said the two leaders discussed the border.\n"
    "It added that the talks were frank.\n"
    "The talks lasted an hour.\n"
)
"""An article whose cues tell only the Bordurian account."""


async def test_an_article_with_an_empty_account_opens_for_the_analyst_to_fill_it(make_app, tmp_path):
    from readout_tui.core.io.loading import load_comparison

    path = tmp_path / "article.txt"
    path.write_text(ONE_SIDED, encoding="utf-8")
    comparison = load_comparison([str(path)])
    assert not comparison.right.texts
    app = make_app(comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, AssignmentScreen)
        await at(pilot, 4)
        await pilot.press("right", "enter")
        compare = await ready(pilot)
        assert isinstance(compare, CompareScreen)
        assert compare.comparison.right.texts == ["The talks lasted an hour."]


async def test_moves_pressed_in_a_row_leave_one_notice_not_a_stack(make_app, comparison):
    app = make_app(comparison)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await at(pilot, REPORTER)
        await pilot.press("left", "up", "right", "up", "x", "z")
        await pilot.pause()
        shown = [n.message for n in app._notifications]
        assert len(shown) == 1 and shown[0].startswith("Undone"), shown


async def test_a_move_whose_statement_left_the_article_is_told_in_english(make_app, comparison, tmp_path, monkeypatch):
    # "1 statement(s) moved by hand are no longer in it".
    store = SessionStore.open(comparison)
    app = make_app(comparison, session=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await at(pilot, REPORTER)
        await pilot.press("right")
        await pilot.pause()
    store.close()

    import readout_tui.testing as testing

    edited = list(testing.ARTICLE)
    edited[REPORTER] = ("A line the reporter rewrote entirely, about something else.", *edited[REPORTER][1:3], "")
    monkeypatch.setattr(testing, "ARTICLE", tuple(edited))
    changed = testing.article(str(tmp_path / "article.txt"))
    store = SessionStore.open(changed)
    app = make_app(changed, session=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        told = [n for n in app.notices if n.startswith("The article changed")]
        assert told and told[0].startswith(
            "The article changed; 1 statement moved by hand is no longer in it, kept aside in the session file: "
        ), told
    store.close()


@pytest.mark.parametrize(
    ("labels", "width", "shown"),
    [
        # Both were "пресс-служба…" at 80 columns: the rows' accounts told apart by colour alone.
        (("пресс-служба Кремля", "пресс-служба президента Азербайджана"), 14, ("…Кремля", "…президента А…")),
        (("Presidential Office", "Presidential Palace"), 10, ("…Office", "…Palace")),
        (("Freedonian government", "Sylvanian presidential office"), 10, ("Freedonia…", "Sylvanian…")),
    ],
)
def test_account_names_cut_alike_are_cut_where_they_differ(labels, width, shown):
    attribution = article().info.article.relabelled(*labels)
    tags = tuple(side_tag(attribution, side, width).plain.rstrip() for side in (Side.LEFT, Side.RIGHT))
    assert tags == shown
