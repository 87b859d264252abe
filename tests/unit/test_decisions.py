"""Decisions made by hand: laid over the model's alignment, winning over any threshold."""

from __future__ import annotations

from readout_tui.core.engine.decision import decide
from readout_tui.core.engine.evidence import presence_scores
from readout_tui.core.engine.pipeline import collect
from readout_tui.core.engine.settings import AlignmentSettings
from readout_tui.core.io.loading import readout_from_text
from readout_tui.core.types import Kind, Status
from readout_tui.core.work.decisions import Decisions, Journal, pair_note_key
from readout_tui.testing import FakeEmbedder

LEFT = readout_from_text(
    "The leaders discussed grain exports through Black Sea ports.\n"
    "They agreed on a prisoner exchange.\n"
    "The call lasted fifty minutes.",
    "Left",
    "lines",
)
RIGHT = readout_from_text(
    "Grain exports through the Black Sea ports were discussed.\n"
    "A prisoner exchange was agreed.\n"
    "Sanctions were raised.",
    "Right",
    "lines",
)


def evidence():
    return collect(LEFT, RIGHT, FakeEmbedder())


def test_model_pairs_without_decisions_are_unchanged():
    alignment = decide(evidence())
    assert Decisions().apply(alignment) is alignment
    assert not Decisions()


def test_a_manual_link_wins_at_any_threshold():
    ev = evidence()
    decisions = Decisions().link(2, 2, Kind.RELATED)
    for threshold in (0.0, 0.5, 1.0):
        alignment = decisions.apply(decide(ev, AlignmentSettings(threshold=threshold)), ev)
        pair = next(p for p in alignment.pairs if (p.left, p.right) == (2, 2))
        assert pair.manual and pair.kind is Kind.RELATED
        assert alignment.status("left", 2) is Status.RELATED
        # Scored as the model would have scored it, order penalty included.
        settings = AlignmentSettings(threshold=threshold)
        assert pair.score == round(max(float(presence_scores(ev.signals(), settings)[2, 2]), 0.0), 4)


def test_unlink_and_deliberately_unique_remove_model_pairs_at_any_threshold():
    ev = evidence()
    proposed = decide(ev, AlignmentSettings(threshold=0.0))
    first = next(p for p in proposed.pairs)
    decisions = Decisions().unlink(first.left, first.right).mark_unique("right", 1)
    for threshold in (0.0, 0.2):
        alignment = decisions.apply(decide(ev, AlignmentSettings(threshold=threshold)), ev)
        keys = {(p.left, p.right) for p in alignment.pairs}
        assert (first.left, first.right) not in keys
        assert alignment.status("right", 1) is Status.UNIQUE
    assert decisions.touches("right", 1) and decisions.touches("left", first.left)
    assert not decisions.touches("left", 2) or first.left == 2


def test_changing_a_proposed_pairs_kind_keeps_its_scores():
    ev = evidence()
    proposed = decide(ev, AlignmentSettings(threshold=0.0))
    pair = proposed.pairs[0]
    flipped = Kind.RELATED if pair.kind is Kind.MATCH else Kind.MATCH
    changed = Decisions().link(pair.left, pair.right, flipped).apply(proposed, ev)
    new = next(p for p in changed.pairs if (p.left, p.right) == (pair.left, pair.right))
    assert (new.kind, new.score, new.manual) == (flipped, pair.score, True)
    assert new.reason.startswith("kind set by hand")


def test_linking_undoes_a_unique_mark_and_marking_unique_drops_manual_links():
    decisions = Decisions().mark_unique("left", 0).link(0, 1, Kind.MATCH)
    assert ("left", 0) not in decisions.unique
    decisions = decisions.mark_unique("right", 1)
    assert (0, 1) not in decisions.links


def test_notes_and_swapping():
    decisions = (
        Decisions()
        .note(("left", 1), "check the Russian text")
        .note(pair_note_key(0, 2), "same figure?")
        .link(0, 2, Kind.MATCH)
        .mark_unique("left", 2)
    )
    assert decisions.statement_note("left", 1) == "check the Russian text"
    flipped = decisions.swapped()
    assert flipped.statement_note("right", 1) == "check the Russian text"
    assert flipped.pair_note(2, 0) == "same figure?"
    assert (2, 0) in flipped.links and ("right", 2) in flipped.unique
    assert flipped.swapped() == decisions
    assert not decisions.note(("left", 1), "  ").statement_note("left", 1)


def test_journal_undo_redo():
    journal = Journal()
    journal.record("link L1-R1", journal.current.link(0, 0, Kind.MATCH))
    journal.record("note L2", journal.current.note(("left", 1), "x"))
    assert journal.undo() == "note L2"
    assert not journal.current.notes and journal.current.links
    assert journal.redo() == "note L2"
    assert journal.current.notes
    journal.undo()
    journal.undo()
    assert journal.undo() is None and not journal.current
    journal.record("unique L3", journal.current.mark_unique("left", 2))
    assert journal.redo() is None  # a new edit ends the redo history


def test_decisions_win_over_another_model_too():
    decisions = Decisions().link(2, 2, Kind.MATCH).mark_unique("left", 0)
    for ev in (collect(LEFT, RIGHT, FakeEmbedder("one")), collect(LEFT, RIGHT, None)):
        alignment = decisions.apply(decide(ev, AlignmentSettings(threshold=0.0)), ev)
        assert alignment.status("left", 0) is Status.UNIQUE
        # A link adds a pair; the model's other pairs of the statement stay until unlinked.
        assert (2, Kind.MATCH, True) in [(p.right, p.kind, p.manual) for p in alignment.counterparts("left", 2)]


def test_unlinking_a_pair_only_made_by_hand_takes_it_back_without_a_rejection():
    made = Decisions().link(2, 2, Kind.RELATED)
    taken_back = made.unlink(2, 2, proposed=False)
    assert not taken_back.links and not taken_back.unlinks and not taken_back
    rejected = made.unlink(2, 2)
    assert rejected.unlinks == {(2, 2)}


def test_touches_names_the_statements_of_links_unlinks_and_unique_marks_on_their_own_side():
    decisions = Decisions().link(0, 3, Kind.MATCH).unlink(2, 1).mark_unique("right", 7)
    touched = {(side, i) for side in ("left", "right") for i in range(10) if decisions.touches(side, i)}
    assert touched == {("left", 0), ("right", 3), ("left", 2), ("right", 1), ("right", 7)}
    undone = decisions.unlink(0, 3, proposed=False)  # a new value: asked afresh
    assert not undone.touches("left", 0) and undone.touches("left", 2)
