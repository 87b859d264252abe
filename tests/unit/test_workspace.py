"""The workspace without the screen: what the app shows and how the analyst's edits change it.

The ``newsroom`` case (tests/conftest.py) pairs L1-R2, L2-R3, L3-R1 and L5-R3 (R3 covers two
statements), and leaves L4 (the hockey match) and R4 (sanctions relief) unique.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from readout_tui.core.engine.pipeline import collect
from readout_tui.core.engine.settings import AlignmentSettings
from readout_tui.core.io.loading import load_comparison
from readout_tui.core.types import Alignment, Kind, Status
from readout_tui.core.work import workspace as workspace_module
from readout_tui.core.work.decisions import HAND, HAND_NOTED, NOTED, Decisions
from readout_tui.core.work.session import LostDecision, Restored, Session, SessionStore
from readout_tui.core.work.workspace import (
    NOT_READY,
    Filter,
    PairShown,
    Pending,
    ReadOnly,
    Refusal,
    UniqueShown,
    Verdict,
    Workspace,
    settings_in_force,
)
from readout_tui.testing import HashEmbedder

DEFAULTS = AlignmentSettings()


def decided(comparison, settings: AlignmentSettings = DEFAULTS, embedder=None) -> Workspace:
    """A workspace on ``comparison`` with its evidence in, the cursor on L1."""
    workspace = Workspace(comparison, settings)
    workspace.set_evidence(collect(comparison.left, comparison.right, embedder or HashEmbedder()))
    workspace.point("left", 0)
    return workspace


@pytest.fixture
def work(newsroom) -> Workspace:
    return decided(newsroom)


def pairs(alignment: Alignment) -> set[tuple[int, int]]:
    return {(p.left, p.right) for p in alignment.pairs}


# -- the threshold in force ----------------------------------------------------------------------


def test_a_threshold_given_on_the_command_line_holds_for_any_evidence():
    saved = Session(threshold=0.5, lexical_threshold=0.2)
    settings = settings_in_force(DEFAULTS, 0.3, saved)
    assert (settings.threshold, settings.lexical_threshold) == (0.3, 0.3)


def test_without_one_the_saved_thresholds_hold_else_the_defaults():
    assert settings_in_force(DEFAULTS, None, Session(threshold=0.5, lexical_threshold=0.2)) == AlignmentSettings(
        threshold=0.5, lexical_threshold=0.2
    )
    assert settings_in_force(DEFAULTS, None, Session(threshold=0.5)).lexical_threshold == DEFAULTS.lexical_threshold
    assert settings_in_force(DEFAULTS, None, Session()) == DEFAULTS
    assert settings_in_force(DEFAULTS) == DEFAULTS


def test_open_applies_the_rule_to_the_saved_session(newsroom, tmp_path):
    store = SessionStore(tmp_path / "session.json")
    store.save(Session(Decisions().mark_unique("left", 1), threshold=0.4), newsroom)
    assert Workspace.open(newsroom, DEFAULTS, store).settings.threshold == 0.4
    opened = Workspace.open(newsroom, DEFAULTS, store, threshold=0.3)
    assert opened.settings.threshold == 0.3
    assert opened.journal.current.unique == {("left", 1)}
    assert Workspace.open(newsroom, DEFAULTS).settings == DEFAULTS


# -- before the evidence -------------------------------------------------------------------------


def test_before_the_evidence_every_statement_is_listed_unmarked(newsroom):
    workspace = Workspace(newsroom)
    workspace.point("left", 2)
    assert not workspace.ready
    assert workspace.rows("left") == [0, 1, 2, 3, 4] and workspace.rows("right") == [0, 1, 2, 3]
    assert workspace.marks == {"left": {}, "right": {}}
    assert workspace.tally.matches is None and workspace.tally.left.unique is None
    detail = workspace.detail()
    assert isinstance(detail, Pending) and detail.focus.ref == "L3"
    assert workspace.jump() is None and workspace.work_notes() == ()
    assert workspace.threshold == DEFAULTS.in_force(True)  # meaning is expected until known
    with pytest.raises(Refusal, match=NOT_READY):
        workspace.seek("unique", 1)
    for edit in (workspace.toggle_unique, workspace.unlink, workspace.start_link):
        with pytest.raises(Refusal, match=NOT_READY):
            edit()


def test_search_works_before_the_evidence(newsroom):
    workspace = Workspace(newsroom)
    workspace.set_search("  ninety ")
    assert workspace.search == "ninety"
    assert workspace.seek("search", 1) == ("left", 1)


def test_no_cursor_no_detail(work):
    work.point("left", None)
    assert work.detail() is None and work.shown_partner() is None
    assert work.toggle_unique() is None and work.note_target("statement") is None


# -- what the panes show -------------------------------------------------------------------------


def test_marks_and_tallies(work):
    assert pairs(work.alignment) == {(0, 1), (1, 2), (2, 0), (4, 2)}
    assert work.marks["left"][3].status is Status.UNIQUE and work.marks["left"][3].partners == ()
    assert set(work.marks["right"][2].partners) == {1, 4}
    assert work.marks["left"][0].flag == ""
    assert work.tally.left.unique == 1 and work.tally.right.unique == 1
    assert work.tally.left.coverage == pytest.approx(0.8) and work.tally.right.coverage == pytest.approx(0.75)
    assert work.tally.matches + work.tally.related == 4


def test_the_filter_chooses_the_rows(work):
    assert work.cycle_filter() is Filter.UNIQUE
    assert work.rows("left") == [3] and work.rows("right") == [3]
    assert work.cycle_filter() is Filter.PAIRS
    assert work.rows("left") == [0, 1, 2, 4] and work.rows("right") == [0, 1, 2]
    assert work.cycle_filter() is Filter.ALL
    assert work.rows("left") == [0, 1, 2, 3, 4]


def test_siblings_share_a_counterpart(work):
    assert work.siblings("left", 1) == {4} and work.siblings("left", 4) == {1}
    assert work.siblings("left", 0) == set() and work.siblings("right", 2) == set()


def test_a_pair_in_detail(work):
    work.point("right", 2)  # covers L2 and L5
    detail = work.detail()
    assert isinstance(detail, PairShown)
    assert (detail.focus.ref, detail.partner.ref) == ("R3", f"L{work.partners('right', 2)[0] + 1}")
    assert (detail.rank, detail.count) == (1, 2)
    assert detail.in_common is True
    shared = {detail.focus.text[s.start : s.end].casefold() for s in detail.focus.spans if s.kind == "shared"}
    assert shared and all(word[:5] in detail.partner.text.casefold() for word in shared)


def test_a_unique_statement_in_detail_has_its_nearest_miss(work):
    work.point("left", 3)
    detail = work.detail()
    assert isinstance(detail, UniqueShown)
    assert detail.nearest is not None and detail.nearest.side == "right"
    assert detail.score < detail.threshold == DEFAULTS.in_force(True)
    assert detail.verdict is Verdict.UNDER


def test_a_statement_marked_unique_says_so_in_detail(work):
    work.point("left", 0)
    work.toggle_unique()
    detail = work.detail()
    assert isinstance(detail, UniqueShown) and detail.verdict is Verdict.MARKED
    assert detail.score >= detail.threshold  # the model would have paired it


def test_a_statement_whose_best_fitting_partner_scores_under_the_threshold(work, monkeypatch):
    def decide_nothing(evidence, settings) -> Alignment:
        return Alignment(evidence.left, evidence.right, (), evidence.model)

    monkeypatch.setattr(workspace_module, "decide", decide_nothing)
    work.change_threshold(0)
    work.point("left", 0)
    detail = work.detail()
    assert isinstance(detail, UniqueShown) and detail.verdict is Verdict.PARTNER_UNDER
    assert detail.best_fit is not None  # named; here a test's decide made no pair at all


def test_a_pair_removed_by_hand_is_the_reason_on_both_sides(work):
    pair = work.alignment.counterparts("left", 0)[0]  # L1 - R2
    work.unlink()
    for side, index, other in (("left", 0, "R2"), ("right", 1, "L1")):
        work.point(side, index)
        detail = work.detail()
        assert isinstance(detail, UniqueShown) and detail.verdict is Verdict.REMOVED
        assert detail.nearest.ref == other and detail.score == pair.score


def test_a_pair_gone_with_a_partner_marked_unique_says_so(work):
    work.toggle_unique()  # L1
    work.point("right", 1)
    detail = work.detail()
    assert detail.verdict is Verdict.PARTNER_MARKED and detail.nearest.ref == "L1"


# -- moving --------------------------------------------------------------------------------------


def test_seek_unique_visits_both_sides_and_wraps(work):
    assert work.seek("unique", 1) == ("left", 3)
    work.point("left", 3)
    assert work.seek("unique", 1) == ("right", 3)
    work.point("right", 3)
    assert work.seek("unique", 1) == ("left", 3)
    assert work.seek("unique", -1) == ("left", 3)
    assert work.seek("unique", 1, here_too=True) == ("right", 3)


def test_seek_skips_what_the_filter_hides(work):
    work.cycle_filter()
    work.cycle_filter()  # pairs only
    with pytest.raises(Refusal, match="No unique statement among the statements shown"):
        work.seek("unique", 1)


def test_seek_related_pairs(newsroom):
    work = decided(newsroom, AlignmentSettings(match_threshold=1.0))  # every pair told differently
    found = []
    for _ in range(7):
        found.append(work.seek("related", 1))
        work.point(*found[-1])
    assert found == [("left", 1), ("left", 2), ("left", 4), ("right", 0), ("right", 1), ("right", 2), ("left", 0)]


def test_search_is_literal_case_blind_and_cycles(work):
    work.set_search("NINETY")
    assert work.seek("search", 1, here_too=True) == ("left", 1)
    work.point("left", 1)
    assert work.seek("search", 1) == ("right", 2)
    work.point("right", 2)
    assert work.seek("search", 1) == ("left", 1)
    work.set_search(".*")
    with pytest.raises(Refusal, match="No search hit"):
        work.seek("search", 1)
    work.set_search("")
    assert work.query is None


def test_search_looks_in_notes_too_and_counts(work):
    work.point("left", 3)
    work.write_note(work.note_target("statement"), "ninety? check")
    work.set_search("ninety")
    assert work.hits() == {"left": [1, 3], "right": [2]}
    assert work.search_count() == "3 statements found (1 by a note)"
    work.point("left", 1)
    assert work.seek("search", 1) == ("left", 3)
    work.set_search("nowhere")
    assert work.search_count() == "0 statements found"


def test_a_pair_names_the_other_statements_its_partner_covers(work):
    work.point("left", 1)
    detail = work.detail()
    assert detail.partner.ref == "R3" and detail.siblings == (4,)
    work.point("left", 0)
    assert work.detail().siblings == ()


def test_a_link_starts_from_the_statement_the_strip_names(work):
    work.point("left", 0)
    assert work.link_candidate() == work.detail().partner.index == 1
    work.point("left", 3)  # unique: its nearest miss
    assert work.link_candidate() == work.detail().nearest.index


def test_enter_cycles_through_the_partners_and_back(work):
    work.point("right", 2)
    first = work.jump()
    assert first[0] == "left"
    work.point(*first)
    assert work.shown_partner() == 2
    second = work.jump()
    assert second[0] == "left" and {first[1], second[1]} == {1, 4}
    work.point(*second)
    assert work.jump() == ("right", 2)
    work.point("right", 2)
    assert work.jump() == first  # a new run


def test_moving_away_ends_the_run_of_jumps(work):
    work.point("right", 2)
    work.point(*work.jump())
    work.point("left", 0)
    assert work.jump() == ("right", 1)


def test_enter_on_a_unique_statement_is_refused(work):
    work.point("left", 3)
    with pytest.raises(Refusal, match="unique to its side"):
        work.jump()


# -- the threshold -------------------------------------------------------------------------------


def test_the_threshold_redecides_and_stays_within_bounds(work):
    before = len(work.alignment.pairs)
    work.change_threshold(-0.05)
    assert work.settings.threshold == round(DEFAULTS.in_force(True) - 0.05, 2)
    assert work.alignment.settings["threshold"] == work.settings.threshold
    assert len(work.alignment.pairs) > before
    # Past the top, the step is refused with the reason, for the key to say it.
    with pytest.raises(Refusal, match=r"already at its maximum \(1\.00\)"):
        for _ in range(30):
            work.change_threshold(0.05)
    assert work.settings.threshold == 1.0 and not work.alignment.pairs


def test_shared_words_alone_move_their_own_threshold(newsroom):
    workspace = Workspace(newsroom)
    workspace.set_evidence(collect(newsroom.left, newsroom.right, None))
    assert not workspace.semantic and workspace.threshold == DEFAULTS.lexical_threshold
    workspace.change_threshold(0.05)
    assert workspace.settings.lexical_threshold == round(DEFAULTS.lexical_threshold + 0.05, 2)
    assert workspace.settings.threshold == DEFAULTS.threshold


# -- editing -------------------------------------------------------------------------------------


def test_link_by_picking_then_undo_and_redo(work):
    work.point("left", 3)
    assert work.start_link() and work.picking == ("left", 3)
    work.point("left", 2)
    with pytest.raises(Refusal, match="other pane"):
        work.finish_link()
    work.point("right", 3)
    assert work.finish_link() == "Linked L4 – R4 (told differently)"
    assert work.picking is None
    made = next(p for p in work.alignment.counterparts("left", 3) if p.right == 3)
    assert made.manual and made.reason == "linked by hand"
    assert work.marks["left"][3].flag == HAND and work.marks["right"][3].flag == HAND
    assert work.work_notes() == (f"{HAND} pair decided by hand",)
    assert work.undo() == "Linked L4 – R4 (told differently)"
    assert work.marks["left"][3].status is Status.UNIQUE
    assert work.redo().startswith("Linked")
    assert work.marks["left"][3].status is not Status.UNIQUE
    assert work.journal.current.links == {(3, 3): Kind.RELATED}


def test_linking_can_be_cancelled(work):
    work.start_link()
    assert work.cancel_link() and work.picking is None
    assert not work.cancel_link()


def test_unlinking_a_model_pair_rejects_it_at_any_threshold(work):
    assert work.unlink() == "Unlinked L1 – R2"
    assert work.marks["left"][0].status is Status.UNIQUE and work.marks["left"][0].flag == HAND
    assert work.work_notes() == (f"{HAND} pair removed by hand",)
    work.change_threshold(-0.2)
    assert 1 not in work.partners("left", 0)


def test_unlinking_a_hand_made_pair_leaves_no_rejection(work):
    work.point("left", 3)
    work.start_link()
    work.point("right", 3)
    work.finish_link()
    work.point("left", 3)
    work.unlink()
    assert not work.journal.current.links and not work.journal.current.unlinks


def test_no_pair_to_unlink_on_a_unique_statement(work):
    work.point("left", 3)
    with pytest.raises(Refusal, match="No pair here"):
        work.unlink()


def test_changing_the_kind(work):
    work.point("left", 1)
    before = work.alignment.counterparts("left", 1)[0]
    assert work.toggle_kind() == f"L2 – R3 now {Kind.RELATED.label}"
    after = work.alignment.counterparts("left", 1)[0]
    assert after.manual and (after.kind, before.kind) == (Kind.RELATED, Kind.MATCH)
    work.change_threshold(0.4)  # the model alone would drop it
    assert work.partners("left", 1) == [2]


def test_deliberately_unique_and_back(work):
    work.point("left", 1)
    assert work.toggle_unique() == "L2 marked deliberately unique"
    assert work.marks["left"][1].status is Status.UNIQUE
    assert work.work_notes() == (f"{HAND} deliberately unique",)
    assert work.toggle_unique() == "L2 no longer marked unique"
    assert work.marks["left"][1].status is not Status.UNIQUE


def test_notes_on_a_statement_and_on_a_pair(work):
    work.point("left", 2)
    target = work.note_target("statement")
    assert (target.key, target.name, target.current) == (("left", 2), "L3", "")
    assert work.write_note(target, "  check [b]it[/b] ") == "Note on L3"
    assert work.journal.current.statement_note("left", 2) == "check [b]it[/b]"
    assert work.marks["left"][2].flag == NOTED
    assert work.write_note(work.note_target("statement"), "check [b]it[/b]") is None  # unchanged
    pair = work.note_target("pair")
    assert pair.name == "L3 – R1"
    work.write_note(pair, "same?")
    assert work.journal.current.pair_note(2, 0) == "same?"
    assert work.marks["right"][0].flag == NOTED  # a pair's note marks both its statements
    assert work.work_notes() == ("pair note: same?", "note: check [b]it[/b]")
    work.unlink()
    assert work.marks["left"][2].flag == HAND_NOTED
    assert work.write_note(work.note_target("statement"), "") == "Note removed from L3"


def test_a_note_on_a_pair_that_is_no_pair_now_is_still_shown_with_its_statements(work):
    # Unlinked, the pair keeps its note (should it be linked again) and both statements their
    # ¶: the strip says the note, or the mark pointed to nothing on screen.
    work.point("left", 2)
    work.write_note(work.note_target("pair"), "same?")
    work.unlink()
    assert work.marks["left"][2].flag == HAND_NOTED
    assert "note on the pair with R1 (no pair now): same?" in work.work_notes()
    work.point("right", 0)
    assert "note on the pair with L3 (no pair now): same?" in work.work_notes()
    work.undo()  # linked again: the note is the pair's, said once
    work.point("left", 2)
    assert work.work_notes() == ("pair note: same?",)


def test_nothing_to_undo_or_redo(work):
    with pytest.raises(Refusal, match="Nothing to undo"):
        work.undo()
    with pytest.raises(Refusal, match="Nothing to redo"):
        work.redo()


# -- swapping ------------------------------------------------------------------------------------


def test_swap_mirrors_the_view_and_keeps_the_cursor_on_its_statement(work):
    before = pairs(work.alignment)
    work.point("left", 3)
    work.start_link()
    work.swap()
    assert work.swapped and work.picking is None
    assert work.side == "right" and work.index == 3
    assert work.readout("left") is work.comparison.right
    assert {(right, left) for left, right in pairs(work.alignment)} == before
    assert work.rows("left") == [0, 1, 2, 3]
    work.swap()
    assert not work.swapped and pairs(work.alignment) == before


def test_decisions_made_while_swapped_keep_the_comparisons_orientation(work):
    work.swap()
    work.point("left", 0)  # the comparison's R1
    work.toggle_unique()
    assert work.journal.current.unique == {("right", 0)}
    assert work.decisions.unique == {("left", 0)}
    assert work.marks["left"][0].flag == HAND
    assert work.session().cursor.side == "right"
    assert pairs(work.comparison_alignment()) == {(2, 0)} ^ pairs(decided(work.comparison).alignment)
    work.swap()
    assert work.marks["right"][0].status is Status.UNIQUE


def test_swap_before_the_evidence(newsroom):
    workspace = Workspace(newsroom)
    workspace.swap()
    workspace.set_evidence(collect(newsroom.left, newsroom.right, HashEmbedder()))
    assert workspace.alignment.left.label == "Right side"
    assert workspace.partners("right", 0) == [1]


# -- keeping and publishing ----------------------------------------------------------------------


def test_the_work_is_saved_and_opened_again(newsroom, tmp_path):
    store = SessionStore(tmp_path / "session.json")
    work = Workspace.open(newsroom, DEFAULTS, store)
    work.set_evidence(collect(newsroom.left, newsroom.right, HashEmbedder()))
    work.point("left", 1)
    work.toggle_unique()
    work.write_note(work.note_target("statement"), "why?")
    work.change_threshold(0.05)
    work.point("right", 2)
    work.save()
    again = Workspace.open(newsroom, DEFAULTS, store)
    assert again.journal.current == work.journal.current
    assert again.settings.threshold == work.settings.threshold
    assert again.saved_cursor() == ("right", 2)
    assert again.undo() == "Note on L2"


def test_a_read_only_workspace_refuses_every_edit_and_says_why(newsroom, tmp_path):
    with SessionStore.open(newsroom), SessionStore.open(newsroom) as second:
        work = Workspace.open(newsroom, DEFAULTS, second)
        work.set_evidence(collect(newsroom.left, newsroom.right, HashEmbedder()))
        work.point("left", 0)
        edits = [
            work.toggle_unique,
            work.unlink,
            work.toggle_kind,
            work.start_link,
            work.undo,
            work.redo,
            lambda: work.note_target("statement"),
            lambda: work.change_threshold(0.05),
        ]
        for edit in edits:
            with pytest.raises(ReadOnly, match=r"^Read-only: another readout-tui \(process \d+\) is working"):
                edit()
        assert work.read_only == second.read_only and not work.unsaved
        assert work.journal.current == Decisions() and work.settings == DEFAULTS
        work.export(tmp_path / "still.csv")  # publishing changes nothing saved
        work.save()  # a cursor moved: nothing to lose, nothing written


def test_without_a_store_nothing_is_saved(work, tmp_path):
    work.toggle_unique()
    work.save()  # nowhere to: no error either
    assert work.session().decisions == work.journal.current


def test_export_writes_the_format_the_name_asks_for_with_the_sides_as_shown(work, tmp_path):
    work.toggle_unique()  # L1, the comparison's left
    work.swap()  # the file follows the screen: that statement is now R1
    path = tmp_path / "table.csv"
    work.export(path)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # for a spreadsheet
    assert any(r["section"] == "unique" and r["right_ref"] == "R1" and r["by_hand"] == "yes" for r in rows)
    assert not any(r["section"] == "unique" and r["left_ref"] == "L1" and r["by_hand"] == "yes" for r in rows)
    work.export(tmp_path / "all.json")
    document = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert document["left"]["label"] == "Right side" and document["right"]["label"] == "Left side"
    assert document["decisions"]["unique"] == [{"side": "right", "index": 0}]
    work.export(tmp_path / "report.txt")  # the text report, as compare writes for .txt
    assert "\nRight side (4 statements)" in (tmp_path / "report.txt").read_text(encoding="utf-8")
    assert work.export_path() == tmp_path / "report.txt"  # the next export is proposed there
    with pytest.raises(Refusal, match=r"Name the file .*\.txt"):
        work.export(tmp_path / "table.docx")


def test_a_swapped_article_is_exported_with_its_own_sides(tmp_path):
    # Its attribution names statements by the article's sides: swapped, they would not match.
    article = Path(__file__).resolve().parents[2] / "fixtures" / "articles" / "netanyahu-putin-2023-12-10-id-article"
    work = Workspace(load_comparison([str(article / "article.txt")]))
    work.set_evidence(collect(work.comparison.left, work.comparison.right, None))
    work.swap()
    assert not work.export_swapped
    work.export(tmp_path / "article.json")
    document = json.loads((tmp_path / "article.json").read_text(encoding="utf-8"))
    assert document["left"]["label"] == work.comparison.left.label


def test_an_export_goes_next_to_a_case_folder_of_ones_own(tmp_path, case_dir):
    import shutil

    folder = tmp_path / "my-case"
    shutil.copytree(case_dir, folder)
    assert Workspace(load_comparison([str(folder)])).export_path() == folder / "my-case-comparison.html"


def test_what_one_side_alone_mentions_follows_the_view(example):
    workspace = Workspace(example)
    left, right = workspace.mention_lines()
    assert left.label == "Israeli PMO" and ("fifty minutes", ("L2",)) in left.items
    assert right.label == "Kremlin" and ("Gaza Strip", ("R2", "R6")) in right.items
    workspace.swap()
    left, right = workspace.mention_lines()
    assert left.label == "Kremlin" and ("Gaza Strip", ("L2", "L6")) in left.items


def test_next_difference_visits_unique_statements_and_pairs_told_differently(newsroom):
    work = decided(newsroom, AlignmentSettings(match_threshold=0.5))
    different = {
        (side, i) for side in ("left", "right") for i, mark in work.marks[side].items() if mark.status is not Status.MATCH
    }
    found = []
    for _ in range(len(different)):
        found.append(work.seek("difference", 1))
        work.point(*found[-1])
    assert set(found) == different and len(found) == len(set(found))
    assert found == sorted(found, key=lambda x: (x[0] != "left", x[1]))  # left first, in order


def test_what_is_copied(work):
    work.point("left", 1)
    assert work.clip("statement") == ("L2", "L2 (Left side): They agreed on a prisoner exchange of ninety captives.")
    name, text = work.clip("pair")
    assert name == "L2 – R3" and text.splitlines()[1].startswith("R3 (Right side): A prisoner exchange")
    assert text.splitlines()[2].startswith("L2 – R3: ")
    work.point("left", 3)
    with pytest.raises(Refusal, match="No pair here"):
        work.clip("pair")


def lost_work(newsroom, *lost: LostDecision) -> Workspace:
    workspace = Workspace(newsroom, DEFAULTS, Restored(Session(lost=lost)))
    workspace.set_evidence(collect(newsroom.left, newsroom.right, HashEmbedder()))
    return workspace


HOCKEY = ("left", "The president praised the hockey match proposal.")


def test_a_lost_mark_or_note_is_made_again_at_the_cursor_and_stays_listed(newsroom):
    work = lost_work(
        newsroom,
        LostDecision("deliberately unique: L9 …", "unique", (HOCKEY,)),
        LostDecision("note “why”: L9 …", "note", (HOCKEY,), note="why it matters"),
    )
    work.point("left", 3)
    work.write_note(work.note_target("statement"), "mine")
    assert work.reapply(0) == "L4 marked deliberately unique again"
    assert ("left", 3) in work.decisions.unique
    assert work.reapply(1) == "Lost note made again on L4"
    assert work.decisions.statement_note("left", 3) == "mine · why it matters"
    assert len(work.session().lost) == 2  # until discarded: undoing this loses nothing
    work.undo()
    assert work.decisions.statement_note("left", 3) == "mine"
    assert work.discard_lost(0).startswith("Discarded: deliberately unique")
    assert [x.kind for x in work.session().lost] == ["note"]


def test_a_lost_link_is_made_again_with_the_statement_the_strip_names(newsroom):
    work = lost_work(
        newsroom,
        LostDecision("link (same): …", "link", (HOCKEY, ("right", "Moscow raised sanctions.")), link_kind="match"),
        LostDecision("a line an earlier version kept"),
    )
    work.point("left", 3)  # unique: the strip names its nearest miss
    nearest = work.link_candidate()
    assert work.reapply(0).startswith(f"Linked L4 – R{nearest + 1} (same) again")
    assert any(p.left == 3 and p.right == nearest and p.manual for p in work.alignment.pairs)
    with pytest.raises(Refusal, match="make it again by hand"):
        work.reapply(1)


def test_a_split_and_a_merge_are_kept_in_the_session_and_the_work_follows(tmp_path, newsroom):
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "left.txt").write_text("\n".join(newsroom.left.texts), encoding="utf-8")
    (folder / "right.txt").write_text("\n".join(newsroom.right.texts), encoding="utf-8")
    files = load_comparison([str(folder)], "lines")
    store = SessionStore.of(files)
    work = Workspace.open(files, DEFAULTS, store)
    work.set_evidence(collect(work.comparison.left, work.comparison.right, HashEmbedder()))
    work.point("right", 2)  # "A prisoner exchange ... was agreed, and nuclear safety ... was raised."
    work.write_note(work.note_target("statement"), "two claims")
    text = work.readout("right").statements[2].text
    at = text.index("nuclear safety")
    with pytest.raises(Refusal, match="Each part needs words"):
        work.split_at(0)
    work = work.resegment(work.split_at(at))
    right = work.comparison.right.texts
    assert right[2] == text[:at].strip() and right[3] == text[at:] and len(right) == 5
    assert work.decisions.statement_note("right", 2) == "two claims"  # with the part most like it
    # Reopened: the files are as they were, the split is made again over them.
    again = Workspace.open(load_comparison([str(folder)], "lines"), DEFAULTS, SessionStore.of(files))
    assert again.comparison.right.texts == right
    again.set_evidence(collect(again.comparison.left, again.comparison.right, HashEmbedder()))
    again.point("right", 2)
    merged = again.resegment(again.merge_next())
    assert merged.comparison.right.texts[2] == f"{right[2]} {right[3]}" and len(merged.comparison.right) == 4
    merged.set_evidence(collect(merged.comparison.left, merged.comparison.right, HashEmbedder()))
    merged.point("right", 3)
    with pytest.raises(Refusal, match="no next one"):
        merged.merge_next()


def test_no_split_without_a_session(work):
    work.point("left", 0)
    with pytest.raises(Refusal, match="not without one"):
        work.split_at(5)
