"""The assignment screen's state and rules, without the screen."""

from __future__ import annotations

from types import MappingProxyType

import pytest

from readout_tui.core.engine.attribution import How, Side
from readout_tui.core.engine.settings import AlignmentSettings
from readout_tui.core.types import Kind
from readout_tui.core.work.assignment import Assignment, Show, assigned
from readout_tui.core.work.decisions import Decisions
from readout_tui.core.work.session import Session, SessionStore, as_assigned
from readout_tui.core.work.workspace import Refusal
from readout_tui.testing import ARTICLE, article

REPORTER, ADDED = 6, 5
"""The reporter's own line (neither) and the Sylvanian "It added" (right)."""


@pytest.fixture
def comparison(tmp_path):
    return article(str(tmp_path / "article.txt"))


def test_moves_go_where_asked_and_undo_and_redo_step_through_them(comparison):
    work = Assignment(comparison)
    work.point(REPORTER)
    assert work.move("left") == "Statement 7 moved to the Freedonian government account"
    assert work.attribution.statements[REPORTER].how is How.BY_HAND
    with pytest.raises(Refusal, match="on the Freedonian government account already"):
        work.move("left")
    assert work.to_proposed() == "Statement 7 back on neither, as proposed"
    with pytest.raises(Refusal, match="where it was proposed"):
        work.to_proposed()
    work.point(0)
    assert work.undo() == "Statement 7 back on neither, as proposed"
    assert work.attribution.statements[REPORTER].side is Side.LEFT
    assert work.index == REPORTER  # the cursor goes to what was undone
    assert work.undo() == "Statement 7 moved to the Freedonian government account"
    assert work.attribution == comparison.info.article
    with pytest.raises(Refusal, match="Nothing to undo"):
        work.undo()
    assert work.redo().startswith("Statement 7 moved")
    assert work.attribution.statements[REPORTER].side is Side.LEFT


def test_counts_filters_and_the_next_statement_on_neither(comparison):
    work = Assignment(comparison)
    counts = work.counts()
    assert (counts.left, counts.right, counts.neither, counts.by_hand, counts.repeats) == (2, 4, 4, 0, 1)
    work.point(ADDED)
    work.move("neither")
    assert work.counts().neither == 5 and work.counts().by_hand == 1
    assert work.seek(1) == REPORTER
    work.point(8)
    assert work.seek(1) == 0  # wraps round
    assert work.seek(-1) == REPORTER
    names = []
    for _ in Show:
        work.cycle_show()
        names.append((work.show_name(), work.rows()))
    assert names == [
        ("Freedonian government only", [1, 2]),
        ("Sylvanian presidential office only", [4, 7, 9]),
        ("neither only", [0, 3, 5, 6, 8]),
        ("moved by hand", [5]),
        ("all", list(range(len(ARTICLE)))),
    ]
    work.cycle_show()
    with pytest.raises(Refusal, match="No statement on neither"):
        work.seek(1)


def test_moves_before_any_comparison_are_saved_with_the_work_loaded(comparison):
    store = SessionStore.of(comparison)
    store.save(Session(Decisions().link(0, 0, Kind.MATCH)), comparison)
    work = Assignment.open(comparison, store)
    work.point(REPORTER)
    work.move("right")
    work.save()
    again = Assignment.open(comparison, store)
    assert again.attribution.statements[REPORTER].side is Side.RIGHT
    assert again.restored.session.decisions == Decisions().link(0, 0, Kind.MATCH)


def test_accepting_compares_the_accounts_as_assigned_and_again_only_after_a_change(comparison):
    store = SessionStore.of(comparison)
    work = Assignment.open(comparison, store)
    work.point(REPORTER)
    work.move("left")
    first = work.accept(AlignmentSettings())
    assert first.comparison.left.texts[-1] == ARTICLE[REPORTER][0]
    assert work.accept(AlignmentSettings()) is first
    first.journal.record("link", Decisions().link(2, 0, Kind.RELATED))  # the reporter's line to R1
    first.save()
    work.point(ADDED)
    work.move("neither")
    work.save()
    # The comparison still open saves the current moves, should it save last.
    first.save()
    assert dict(store.load(comparison).session.assignment) == {ARTICLE[REPORTER][0]: "left", ARTICLE[ADDED][0]: "neither"}
    second = work.accept(AlignmentSettings())
    assert second is not first and ARTICLE[ADDED][0] not in second.comparison.right.texts
    assert dict(second.journal.current.links) == {(2, 0): Kind.RELATED}


def test_an_empty_account_is_refused(comparison):
    work = Assignment(comparison)
    for index in (1, 2):
        work.point(index)
        work.move("neither")
    with pytest.raises(Refusal, match="The Freedonian government account has no statements"):
        work.accept(AlignmentSettings())


def test_a_saved_move_of_a_statement_gone_from_the_article_is_kept_aside(comparison):
    store = SessionStore.of(comparison)
    moves = {"A sentence the article no longer has.": "left", ARTICLE[REPORTER][0]: "right"}
    store.save(Session(assignment=MappingProxyType(moves)), as_assigned(comparison, moves))
    work = Assignment.open(comparison, store)
    assert [lost.description for lost in work.gone] == ["moved by hand to Freedonian government: \u201cA sentence the article no longer has.\u201d"]
    assert dict(work.attribution.hand_moves()) == {ARTICLE[REPORTER][0]: "right"}
    workspace = work.accept(AlignmentSettings())
    assert workspace.restored.session.lost == work.gone
    workspace.save()
    assert store.load(comparison).session.lost == work.gone


def test_a_saved_move_follows_its_statement_edited_a_little_since(comparison):
    # The article was edited after the move ("expect" -> "expects"): the move stays on the
    # statement, as a decision follows its statement, instead of being kept aside as gone.
    store = SessionStore.of(comparison)
    edited = ARTICLE[REPORTER][0].replace("expect", "expects")
    moves = {edited: "right"}
    store.save(Session(assignment=MappingProxyType(moves)), as_assigned(comparison, moves))
    work = Assignment.open(comparison, store)
    assert work.gone == ()
    assert dict(work.attribution.hand_moves()) == {ARTICLE[REPORTER][0]: "right"}
    assert ARTICLE[REPORTER][0] in assigned(comparison, Session(assignment=MappingProxyType(moves))).right.texts
    assert ARTICLE[REPORTER][0] in as_assigned(comparison, moves).right.texts
