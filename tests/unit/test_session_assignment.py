"""An article's assignment in its session: saved, loaded, fitted to, kept apart from damage."""

from __future__ import annotations

import json
from dataclasses import replace
from types import MappingProxyType

import pytest

from readout_tui.core.types import Kind
from readout_tui.core.work.decisions import Decisions
from readout_tui.core.work.session import (
    ReadOnlySession,
    Session,
    SessionStore,
    as_assigned,
    carried_over,
    session_path,
)
from readout_tui.testing import ARTICLE, article

MOVED = {ARTICLE[6][0]: "left", ARTICLE[5][0]: "neither"}
"""The reporter's line to the left account, the Sylvanian "It added" to neither."""


@pytest.fixture
def comparison(tmp_path):
    return article(str(tmp_path / "article.txt"))


def test_the_moves_are_saved_with_the_decisions_and_come_back(comparison):
    assigned = as_assigned(comparison, MOVED)
    assert assigned.left.texts[-1] == ARTICLE[6][0] and ARTICLE[5][0] not in assigned.right.texts
    # Decisions on the accounts as assigned: the moved-in statement (L3) linked to R1.
    session = Session(Decisions().link(2, 0, Kind.RELATED), assignment=MappingProxyType(dict(MOVED)))
    store = SessionStore.of(comparison)
    store.save(session, assigned)
    document = json.loads(store.path.read_text(encoding="utf-8"))
    assert document["assignment"] == sorted(
        [{"text": text, "side": side} for text, side in MOVED.items()], key=lambda e: e["text"]
    )
    # Loaded against the article as proposed: the moves are applied before the decisions fit.
    restored = store.load(comparison)
    assert restored.session == session
    assert (restored.lost, restored.carried) == ((), 0)


def test_a_session_without_an_assignment_loads_with_none(comparison):
    store = SessionStore.of(comparison)
    store.save(Session(Decisions().mark_unique("left", 0)), comparison)
    document = json.loads(store.path.read_text(encoding="utf-8"))
    del document["assignment"]  # as the previous version wrote it
    store.path.write_text(json.dumps(document), encoding="utf-8")
    restored = store.load(comparison).session
    assert dict(restored.assignment) == {} and restored.decisions == Decisions().mark_unique("left", 0)


def test_an_assignment_that_empties_an_account_still_loads(comparison):
    emptied = {text: "neither" for text, side, _, _ in ARTICLE if side == "left"}
    assigned = as_assigned(comparison, emptied)
    assert len(assigned.left) == 0
    store = SessionStore.of(comparison)
    store.save(Session(Decisions().mark_unique("right", 1), assignment=MappingProxyType(emptied)), assigned)
    restored = store.load(comparison)
    assert dict(restored.session.assignment) == emptied
    assert restored.session.decisions == Decisions().mark_unique("right", 1) and not restored.lost


@pytest.mark.parametrize(
    "assignment",
    [{"text": "x"}, [{"text": "x", "side": "up"}], [{"text": 3, "side": "left"}], [["x", "left"]], [{"side": "left"}]],
)
def test_a_damaged_assignment_sets_the_file_aside(comparison, assignment):
    store = SessionStore.of(comparison)
    store.save(Session(), comparison)
    document = json.loads(store.path.read_text(encoding="utf-8"))
    document["assignment"] = assignment
    store.path.write_text(json.dumps(document), encoding="utf-8")
    restored = store.load(comparison)
    assert "not a readable session" in restored.notice and restored.session == Session()


def test_a_read_only_store_refuses_a_new_assignment_but_not_one_taken_back(comparison):
    writer = SessionStore.open(comparison)
    writer.save(Session(), comparison)
    reader = SessionStore.open(comparison)
    assert reader.read_only
    loaded = reader.load(comparison).session
    with pytest.raises(ReadOnlySession):
        reader.save(replace(loaded, assignment=MappingProxyType(dict(MOVED))), as_assigned(comparison, MOVED))
    assert reader.unsaved
    reader.save(loaded, comparison)
    assert not reader.unsaved
    writer.close()
    reader.close()


def test_decisions_follow_their_statements_when_statements_move(comparison):
    # R1 linked to L1, R2 noted; then R2 ("It added") moves to neither and the reporter's line
    # joins the left account.
    session = Session(Decisions().link(0, 0, Kind.MATCH).note(("right", 1), "frank?").mark_unique("right", 2))
    after = as_assigned(comparison, MOVED)
    restored = carried_over(session, comparison, after)
    decisions = restored.session.decisions
    assert dict(decisions.links) == {(0, 0): Kind.MATCH}
    assert decisions.unique == {("right", 1)}  # the marked statement is now R2
    assert decisions.notes == {}
    (lost,) = restored.lost
    assert "frank?" in lost and "It added" in lost
    assert restored.carried == 0  # statements shifting along is what moving does, not news


def test_an_article_from_standard_input_keeps_one_session_whatever_moves(data_dir):
    piped = article("-")
    assert session_path(piped) == session_path(as_assigned(piped, MOVED))
    assert session_path(piped).parent == data_dir / "sessions"
    shorter = replace(piped.info.article, statements=piped.info.article.statements[:-1])
    assert session_path(replace(piped, info=replace(piped.info, article=shorter))) != session_path(piped)
