"""Sessions: saved and loaded, carried over to edited readouts, damaged files set aside."""

from __future__ import annotations

import json
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readout_tui.cli import EXAMPLE
from readout_tui.core.io.loading import load_comparison
from readout_tui.core.types import Kind
from readout_tui.core.work.decisions import Decisions, Journal, pair_note_key
from readout_tui.core.work.session import (
    HISTORY_KEPT,
    Cursor,
    LostDecision,
    Session,
    SessionStore,
    own_case_folder,
    session_path,
    statement_map,
)

LEFT = [
    "Prime Minister Netanyahu spoke with President Putin today.",
    "The call lasted about fifty minutes.",
    "He voiced dissatisfaction with Russia's stance at the United Nations.",
    "He thanked Russia for the release of a hostage.",
]
RIGHT = [
    "Vladimir Putin had a telephone conversation with Benjamin Netanyahu.",
    "The situation in the Gaza Strip was discussed.",
    "Netanyahu thanked Russia for helping release a hostage.",
]


def case(folder: Path, left: list[str], right: list[str]):
    folder.mkdir(exist_ok=True)
    (folder / "left.txt").write_text("\n".join(left), encoding="utf-8")
    (folder / "right.txt").write_text("\n".join(right), encoding="utf-8")
    return load_comparison([str(folder)], "lines")


def work() -> Session:
    decisions = (
        Decisions()
        .link(3, 2, Kind.MATCH)
        .link(2, 1, Kind.RELATED)
        .unlink(0, 0)
        .mark_unique("left", 1)
        .note(("left", 1), "the Kremlin leaves out the length")
        .note(pair_note_key(3, 2), "same hostage")
    )
    return Session(decisions, threshold=0.4, cursor=Cursor("right", 2), lexical_threshold=0.12)


def test_a_case_folder_keeps_its_session_inside_and_loads_it_back(tmp_path):
    comparison = case(tmp_path / "call", LEFT, RIGHT)
    store = SessionStore.of(comparison)
    assert store.path == tmp_path / "call" / "session.json"
    store.save(work(), comparison)
    restored = store.load(comparison)
    assert restored.session == work()
    assert (restored.carried, restored.lost, restored.notice) == (0, (), "")


def test_loose_files_keep_their_session_in_the_data_dir_by_path(tmp_path, data_dir):
    folder = tmp_path / "loose"
    case(folder, LEFT, RIGHT)
    files = [str(folder / "left.txt"), str(folder / "right.txt")]
    path = session_path(load_comparison(files, "lines"))
    assert path.parent == data_dir / "sessions"
    (folder / "left.txt").write_text("Edited.\n" + "\n".join(LEFT), encoding="utf-8")
    assert session_path(load_comparison(files, "lines")) == path
    assert session_path(load_comparison(files[::-1], "lines")) != path


@pytest.mark.skipif(not Path("/dev/fd").is_dir(), reason="no /dev/fd")
def test_streams_the_shell_opened_find_their_session_again_by_text(data_dir, shell_stream):
    # readout-tui <(curl ...) <(curl ...): each run saved to a new session (the path of a pipe).
    def piped(lines: list[str]) -> str:
        return shell_stream("\n".join(lines))

    first = session_path(load_comparison([piped(LEFT), piped(RIGHT)], "lines"))
    assert first.parent == data_dir / "sessions"
    assert session_path(load_comparison([piped(LEFT), piped(RIGHT)], "lines")) == first
    assert session_path(load_comparison([piped(["Another call."]), piped(RIGHT)], "lines")) != first

def test_no_session_yet_is_an_empty_one(tmp_path):
    comparison = case(tmp_path / "call", LEFT, RIGHT)
    restored = SessionStore.of(comparison).load(comparison)
    assert restored.session == Session() and not restored.notice


def test_edited_readouts_keep_what_still_exists_and_report_the_rest(tmp_path):
    comparison = case(tmp_path / "call", LEFT, RIGHT)
    SessionStore.of(comparison).save(work(), comparison)
    edited_left = [
        "A new first line.",
        LEFT[0],
        "The call lasted about 50 minutes.",  # small edit: carried
        # LEFT[2] deleted: its link and nothing else is lost
        LEFT[3],
    ]
    edited = case(tmp_path / "call", edited_left, RIGHT)
    restored = SessionStore.of(edited).load(edited)
    d = restored.session.decisions
    assert dict(d.links) == {(3, 2): Kind.MATCH}
    assert d.unlinks == {(1, 0)}
    assert d.unique == {("left", 2)}
    assert d.statement_note("left", 2) == "the Kremlin leaves out the length"
    assert d.pair_note(3, 2) == "same hostage"
    assert restored.carried == 3  # the unlink, the unique mark and its note moved
    assert len(restored.lost) == 1 and "link (told differently)" in restored.lost[0]
    assert "L3 \u201cHe voiced dissatisfaction" in restored.lost[0]
    assert restored.session.cursor == Cursor("right", 2)
    # What was lost stays in the file, so the work is never silently dropped.
    SessionStore.of(edited).save(restored.session, edited)
    saved = json.loads((tmp_path / "call" / "session.json").read_text(encoding="utf-8"))
    assert [x["description"] for x in saved["lost"]] == list(restored.lost)
    (kept,) = SessionStore.of(edited).load(edited).session.lost
    assert kept.kind == "link" and kept.link_kind == "related"
    # Whole texts, not the line's 60 characters: enough to find the statements and link again.
    assert kept.statements == (("left", LEFT[2]), ("right", RIGHT[1]))


def test_decisions_lost_to_another_segmentation_come_back_when_the_statements_are_as_before(tmp_path):
    # Opened once with --segment paragraphs (and closed: the session saved), a case had its
    # decisions kept aside for good; opened again by lines they stayed lost, to be made
    # again one by one (L).
    by_lines = case(tmp_path / "call", LEFT, RIGHT)
    store = SessionStore.of(by_lines)
    store.save(work(), by_lines)
    by_paragraph = load_comparison([str(tmp_path / "call")], "paragraphs")
    elsewhere = store.load(by_paragraph)
    assert not elsewhere.session.decisions and len(elsewhere.session.lost) == 6
    store.save(elsewhere.session, by_paragraph)
    again = store.load(by_lines)
    assert again.session.decisions == work().decisions
    assert (again.session.lost, again.found_again) == ((), 6)


def test_a_split_not_made_under_another_segmentation_is_kept_and_made_again_with_its_work(tmp_path):
    # Opened once by paragraphs, a case lost its split (and the note on the split's second
    # part) for good: the edit was dropped, and the note's statement never came back.
    from readout_tui.core.work.segments import resegmented, split_edit

    by_lines = case(tmp_path / "call", LEFT, RIGHT)
    split = split_edit("left", LEFT[2], LEFT[2].index("with"))
    store = SessionStore.of(by_lines)
    store.save(Session(Decisions().note(("left", 3), "the UN"), segments=(split,)), resegmented(by_lines, (split,))[0])
    by_paragraph = load_comparison([str(tmp_path / "call")], "paragraphs")
    for _ in range(2):  # saved twice that way: the split listed once among the lost
        elsewhere = store.load(by_paragraph)
        store.save(elsewhere.session, by_paragraph)
    assert [x.description for x in elsewhere.session.lost if not x.kind] == [split.missed()]
    assert elsewhere.session.segments == (split,)
    again = store.load(by_lines)
    assert again.session.segments == (split,) and again.session.lost == ()
    assert dict(again.session.decisions.notes) == {("left", 3): "the UN"}
    assert again.found_again == 2
    # Discarded from the lost list, the split is forgotten, not kept to be made again.
    from readout_tui.core.engine.settings import AlignmentSettings
    from readout_tui.core.work.workspace import Refusal, Workspace

    elsewhere = store.load(by_paragraph)
    work = Workspace(by_paragraph, AlignmentSettings(), elsewhere, store)
    listed = [x.description for x in work.lost].index(split.missed())
    with pytest.raises(Refusal, match="made again by itself when its statement is back"):
        work.reapply(listed)  # not "kept as a line only, by an earlier version"
    work.discard_lost(listed)
    assert work.session().segments == ()


def test_a_lost_decision_contradicted_since_stays_lost(tmp_path):
    by_lines = case(tmp_path / "call", LEFT, RIGHT)
    store = SessionStore.of(by_lines)
    link = LostDecision(
        "link (told differently): L3 / R2", "link", (("left", LEFT[2]), ("right", RIGHT[1])), link_kind="related"
    )
    note = LostDecision("note: R2", "note", (("right", RIGHT[1]),), note="checked")
    marked = Decisions().mark_unique("left", 2)  # since: L3 has no counterpart
    store.save(Session(marked, lost=(link, note)), by_lines)
    restored = store.load(by_lines)
    assert restored.session.decisions == marked.note(("right", 1), "checked")
    assert (restored.session.lost, restored.found_again) == ((link,), 1)


def test_a_note_naming_statements_follows_them_when_they_are_renumbered(tmp_path):
    comparison = case(tmp_path / "call", LEFT, RIGHT)
    decisions = Decisions().note(("left", 3), "cf. L2 and R3; L3 is gone; XL2, L2x, L99 are no references")
    SessionStore.of(comparison).save(Session(decisions), comparison)
    # L1 goes: L2 becomes L1, L4 becomes L3; L3 is replaced by another sentence.
    edited = case(tmp_path / "call", [LEFT[1], "Something else entirely, nothing like it.", LEFT[3]], RIGHT)
    restored = SessionStore.of(edited).load(edited)
    assert restored.session.decisions.statement_note("left", 2) == (
        "cf. L1 and R3; L3 is gone; XL2, L2x, L99 are no references"
    )


def test_statement_map_pairs_repeats_in_order_and_refuses_different_sentences():
    old = ["Same.", "Same.", "The call lasted fifty minutes.", "Totally unrelated words here."]
    new = ["Same.", "The call lasted fifty-five minutes.", "Same.", "Something else entirely."]
    assert statement_map(old, new) == {0: 0, 1: 2, 2: 1}


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"\xff\xfe", b"[]", b'{"version": 1, "statements": {"left": [1], "right": []}}',
     b'{"version": 1, "statements": {"left": [], "right": []}, "links": [{"left": -1, "right": 0, "kind": "match"}]}',
     b'{"version": 1, "statements": {"left": [], "right": []}, "history": []}',
     b'{"version": 1, "statements": {"left": [], "right": []}, "history": {"undo": [{"links": []}]}}'],
)
def test_a_damaged_session_is_set_aside_with_a_notice(tmp_path, content):
    comparison = case(tmp_path / "call", LEFT, RIGHT)
    path = tmp_path / "call" / "session.json"
    path.write_bytes(content)
    restored = SessionStore.of(comparison).load(comparison)
    assert restored.session == Session()
    assert "session.json" in restored.notice and "starting afresh" in restored.notice
    assert not path.exists()
    (aside,) = (tmp_path / "call").glob("session.json.damaged-*")
    assert aside.read_bytes() == content


def test_both_thresholds_are_saved_and_applied(tmp_path):
    from readout_tui.core.engine.settings import AlignmentSettings

    session = Session(threshold=0.4, lexical_threshold=0.1)
    assert session.applied_to(AlignmentSettings()) == AlignmentSettings(threshold=0.4, lexical_threshold=0.1)
    assert Session().applied_to(AlignmentSettings()) == AlignmentSettings()
    only_words = Session(lexical_threshold=0.12).applied_to(AlignmentSettings())
    assert only_words.threshold == AlignmentSettings().threshold and only_words.lexical_threshold == 0.12


def history() -> Session:
    """``work()`` with the undo history that led to it, and one edit undone."""
    journal = Journal()
    journal.record("link L4–R3", Decisions().link(3, 2, Kind.MATCH))
    journal.record("note on L2", journal.current.note(("left", 1), "the Kremlin leaves out the length"))
    journal.record("unique L2", journal.current.mark_unique("left", 1))
    journal.undo()
    return replace(work(), undo=journal.undo_steps, redo=journal.redo_steps)


def test_the_undo_history_comes_back_while_the_readouts_are_unchanged(tmp_path):
    comparison = case(tmp_path / "call", LEFT, RIGHT)
    store = SessionStore.of(comparison)
    store.save(history(), comparison)
    restored = store.load(comparison).session
    assert restored == history()
    journal = Journal.resumed(restored.decisions, restored.undo, restored.redo)
    assert journal.undo() == "note on L2" and journal.current == Decisions().link(3, 2, Kind.MATCH)
    assert journal.redo() == "note on L2" and journal.redo() == "unique L2"


def test_the_undo_history_starts_afresh_when_a_readout_changed(tmp_path):
    comparison = case(tmp_path / "call", LEFT, RIGHT)
    SessionStore.of(comparison).save(history(), comparison)
    edited = case(tmp_path / "call", LEFT, [*RIGHT, "The leaders agreed to stay in contact."])
    restored = SessionStore.of(edited).load(edited).session
    assert restored.decisions == work().decisions  # the decisions themselves are carried
    assert restored.undo == () and restored.redo == ()


def test_only_the_last_edits_are_kept_and_a_step_past_the_end_is_left_out(tmp_path):
    comparison = case(tmp_path / "call", LEFT, RIGHT)
    steps = tuple((f"edit {k}", Decisions().mark_unique("left", k % 4)) for k in range(HISTORY_KEPT + 5))
    store = SessionStore.of(comparison)
    store.save(replace(work(), undo=steps), comparison)
    assert store.load(comparison).session.undo == steps[-HISTORY_KEPT:]
    document = json.loads(store.path.read_text(encoding="utf-8"))
    document["history"]["undo"][-1].setdefault("unique", []).append({"side": "right", "index": 99})
    store.path.write_text(json.dumps(document), encoding="utf-8")
    assert store.load(comparison).session.undo[-1] == steps[-1]


def test_the_bundled_example_keeps_its_session_in_the_data_folder_not_in_the_package(data_dir):
    comparison = load_comparison([str(EXAMPLE)], "lines")
    assert own_case_folder(comparison) is None
    assert session_path(comparison).parent == data_dir / "sessions"


def big_note_sessions() -> dict[str, Session]:
    """100 edits with a 1 MB note: beside it, and of it (a line added each time)."""
    note = "A long note. " * 80_000  # about 1 MB
    beside = Journal()
    beside.record("long note", Decisions().note(("left", 0), note))
    for k in range(99):
        beside.record(f"edit {k}", beside.current.note(("right", k % 3), f"short note {k}"))
    of_it = Journal()
    for k in range(100):
        of_it.record(f"edit {k}", of_it.current.note(("left", 0), f"{note} and addition {k}."))
    return {
        name: Session(journal.current, undo=journal.undo_steps)
        for name, journal in (("beside", beside), ("of_it", of_it))
    }


@pytest.mark.parametrize("name", ["beside", "of_it"])
def test_a_session_of_100_edits_with_a_1_mb_note_stays_small(tmp_path, name):
    comparison = case(tmp_path / "call", LEFT, RIGHT)
    session = big_note_sessions()[name]
    store = SessionStore.of(comparison)
    store.save(session, comparison)
    assert store.path.stat().st_size < 5 * 1024 * 1024
    assert store.load(comparison).session == session


def test_a_session_saved_by_the_previous_version_still_loads_with_its_history(tmp_path):
    comparison = case(tmp_path / "call", LEFT, RIGHT)
    before = {"links": [{"left": 3, "right": 2, "kind": "match"}], "unlinks": [], "unique": [], "notes": []}
    document = {
        "version": 1,
        "threshold": 0.4,
        "cursor": None,
        "statements": {"left": LEFT, "right": RIGHT},
        "links": [{"left": 3, "right": 2, "kind": "match"}],
        "unlinks": [],
        "unique": [{"side": "left", "index": 1}],
        "notes": [{"on": "left", "index": 1, "text": "a note"}],
        "lost": [],
        "history": {
            "undo": [
                {"what": "link", "links": [], "unlinks": [], "unique": [], "notes": []},
                {"what": "note", **before},
                {"what": "unique", **before, "notes": [{"on": "left", "index": 1, "text": "a note"}]},
            ],
            "redo": [],
        },
    }
    (tmp_path / "call" / "session.json").write_text(json.dumps(document), encoding="utf-8")
    restored = SessionStore.of(comparison).load(comparison).session
    linked = Decisions().link(3, 2, Kind.MATCH)
    assert restored.decisions == linked.note(("left", 1), "a note").mark_unique("left", 1)
    assert restored.undo == (("link", Decisions()), ("note", linked), ("unique", linked.note(("left", 1), "a note")))


def test_a_history_step_that_cannot_be_rebuilt_sets_the_file_aside(tmp_path):
    comparison = case(tmp_path / "call", LEFT, RIGHT)
    store = SessionStore.of(comparison)
    journal = Journal()
    journal.record("note", Decisions().note(("left", 0), "x" * 200))
    journal.record("longer", journal.current.note(("left", 0), "x" * 200 + " and more"))
    store.save(Session(journal.current, undo=journal.undo_steps), comparison)
    document = json.loads(store.path.read_text(encoding="utf-8"))
    (edit,) = document["history"]["undo"][-1]["notes"]
    edit["keep"] = [500, 0]  # more than the note holds
    store.path.write_text(json.dumps(document), encoding="utf-8")
    restored = store.load(comparison)
    assert "not a readable session" in restored.notice and restored.session == Session()


NOTE_KEYS = [("left", 0), ("left", 3), ("right", 2), pair_note_key(3, 2), pair_note_key(0, 1)]
long_text = st.sampled_from(["", "x" * 100, "A long note. " * 20]).flatmap(
    lambda base: st.text(max_size=12).map(lambda tail: base + tail)
)
edits = st.one_of(
    st.tuples(st.just("link"), st.integers(0, 3), st.integers(0, 2), st.sampled_from(list(Kind))),
    st.tuples(st.just("unlink"), st.integers(0, 3), st.integers(0, 2), st.booleans()),
    st.tuples(st.just("unique"), st.sampled_from(["left", "right"]), st.integers(0, 2)),
    st.tuples(st.just("ununique"), st.sampled_from(["left", "right"]), st.integers(0, 2)),
    st.tuples(st.just("note"), st.sampled_from(NOTE_KEYS), long_text),
    st.tuples(st.just("grow"), st.sampled_from(NOTE_KEYS), st.text(max_size=5), st.text(max_size=5)),
    st.tuples(st.just("undo")),
    st.tuples(st.just("redo")),
)


def edited(decisions: Decisions, edit: tuple) -> Decisions:
    kind, *args = edit
    if kind == "link":
        return decisions.link(*args)
    if kind == "unlink":
        return decisions.unlink(*args)
    if kind == "unique":
        return decisions.mark_unique(*args)
    if kind == "ununique":
        return decisions.unmark_unique(*args)
    if kind == "note":
        return decisions.note(*args)
    key, head, tail = args  # an edit inside a note: its start and end kept
    return decisions.note(key, head + decisions.notes.get(key, "a note of some length " * 5) + tail)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(edits, max_size=30))
def test_any_history_saves_as_differences_and_comes_back_whole(steps):
    # Saved after every edit, as the app does: the store reuses the differences it worked out.
    journal = Journal()
    with tempfile.TemporaryDirectory() as folder:
        comparison = case(Path(folder) / "call", LEFT, RIGHT)
        store = SessionStore.of(comparison)
        for step in steps:
            if step[0] == "undo":
                journal.undo()
            elif step[0] == "redo":
                journal.redo()
            else:
                journal.record(step[0], edited(journal.current, step))
            store.save(Session(journal.current, undo=journal.undo_steps, redo=journal.redo_steps), comparison)
        session = Session(journal.current, undo=journal.undo_steps, redo=journal.redo_steps)
        store.save(session, comparison)
        assert store.load(comparison).session == session
        assert SessionStore.of(comparison).load(comparison).session == session


def test_a_step_saved_again_beside_other_decisions_is_worked_out_afresh(tmp_path):
    comparison = case(tmp_path / "call", LEFT, RIGHT)
    store = SessionStore.of(comparison)
    step = Decisions().note(("left", 0), "the step's note")
    for current in (Decisions().mark_unique("left", 1), Decisions().link(3, 2, Kind.MATCH)):
        session = Session(current, undo=(("edit", step),))
        store.save(session, comparison)
        assert store.load(comparison).session == session
