"""Every user string survives a round trip: notes, edit names and lost decisions holding any
Unicode, lone surrogates included, save, load back and export without an exception."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readout_tui.core.engine.pipeline import compare
from readout_tui.core.io import export
from readout_tui.core.io.display import well_formed
from readout_tui.core.io.loading import load_comparison
from readout_tui.core.types import CaseInfo
from readout_tui.core.work.decisions import Decisions, pair_note_key
from readout_tui.core.work.session import LostDecision, Session, SessionStore
from readout_tui.testing import FakeEmbedder

LEFT = ["The leaders spoke on the phone.", "They discussed the hostages.", "The call lasted an hour."]
RIGHT = ["A telephone conversation took place.", "The situation in Gaza was discussed."]
KEYS = [("left", 0), ("left", 2), ("right", 1), pair_note_key(1, 1), pair_note_key(0, 0)]

surrogates = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF, exclude_categories=())
any_text = st.lists(st.one_of(st.characters(exclude_categories=()), surrogates), max_size=30).map("".join)
"""Any code point; lone surrogates (and pairs of them written as two code points) often, as a
uniform draw would almost never give one."""
SOME = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def case(folder: Path):
    folder.mkdir(exist_ok=True)
    (folder / "left.txt").write_text("\n".join(LEFT), encoding="utf-8")
    (folder / "right.txt").write_text("\n".join(RIGHT), encoding="utf-8")
    return load_comparison([str(folder)], "lines")


@SOME
@given(
    notes=st.lists(st.tuples(st.sampled_from(KEYS), any_text), max_size=6),
    names=st.lists(any_text, max_size=4),
    lost=st.lists(any_text, max_size=3),
)
def test_a_session_holding_any_text_saves_and_loads_back(notes, names, lost):
    decisions = Decisions()
    steps = []
    for key, text in notes:
        steps.append((names[len(steps) % len(names)] if names else "note", decisions))
        decisions = decisions.note(key, text)
    session = Session(decisions, lost=tuple(LostDecision(x, "note", (("left", x),), note=x) for x in lost), undo=tuple(steps))
    with tempfile.TemporaryDirectory() as folder:
        comparison = case(Path(folder) / "call")
        store = SessionStore.of(comparison)
        store.save(session, comparison)
        restored = store.load(comparison)
        assert restored.notice == ""
        back = restored.session
        assert dict(back.decisions.notes) == dict(decisions.notes)
        assert back.lost == tuple(
            LostDecision(well_formed(x), "note", (("left", well_formed(x)),), note=well_formed(x)) for x in lost
        )
        assert [(what, dict(d.notes)) for what, d in back.undo] == [
            (well_formed(what), dict(d.notes)) for what, d in steps
        ]
        store.save(back, comparison)  # and once more: what came back saves as it is
        assert store.load(comparison).session == back


@SOME
@given(any_text, any_text)
def test_notes_of_any_text_are_valid_unicode_and_kept_as_typed_when_they_are(first, second):
    text = first + second
    note = Decisions().note(("left", 0), text).statement_note("left", 0)
    note.encode("utf-8")
    if text.strip() and not any("\ud800" <= c <= "\udfff" for c in text):
        assert note == text.strip()  # valid text is never altered
    assert well_formed(note) == note


@SOME
@given(st.lists(st.tuples(st.sampled_from(KEYS), any_text), max_size=5), any_text)
def test_exports_of_notes_and_labels_of_any_text_can_be_written(notes, label):
    with tempfile.TemporaryDirectory() as folder:
        comparison = case(Path(folder) / "call")
    decisions = Decisions()
    for key, text in notes:
        decisions = decisions.note(key, text)
    alignment = compare(comparison.left, comparison.right, FakeEmbedder(), None)
    info = CaseInfo(title=label, date=label, sources=(label,))
    for fmt in export.FORMATS:
        export.render(fmt, alignment, info, decisions).encode("utf-8")


def test_the_reported_session_with_a_lone_surrogate_loads_edits_and_saves(tmp_path):
    # The case: valid JSON, a note holding "\ud800", which crashed every save after.
    comparison = case(tmp_path / "call")
    store = SessionStore.of(comparison)
    store.save(Session(Decisions().note(("left", 0), "placeholder")), comparison)
    document = json.loads((tmp_path / "call" / "session.json").read_text(encoding="utf-8"))
    document["notes"][0]["text"] = "surrogate \ud800 here"
    raw = json.dumps(document)  # ASCII, with the surrogate as \ud800
    assert "\\ud800" in raw
    (tmp_path / "call" / "session.json").write_text(raw, encoding="utf-8")
    restored = store.load(comparison)
    assert restored.notice == ""
    note = restored.session.decisions.statement_note("left", 0)
    assert note == "surrogate \\ud800 here"
    edited = restored.session.decisions.note(("left", 2), "another")
    store.save(Session(edited), comparison)
    assert store.load(comparison).session.decisions.statement_note("left", 0) == note


def test_a_lone_surrogate_that_bypassed_the_way_in_still_saves(tmp_path):
    comparison = case(tmp_path / "call")
    store = SessionStore.of(comparison)
    raw = Decisions(notes={("left", 0): "odd \udcff"})  # not through Decisions.note
    store.save(Session(raw, lost=(LostDecision("lost \ud83d"),), undo=(("edit \udc80", Decisions()),)), comparison)
    back = store.load(comparison).session
    assert back.decisions.statement_note("left", 0) == "odd \\udcff"
    assert back.lost == (LostDecision("lost \\ud83d"),) and back.undo[0][0] == "edit \\udc80"


def test_a_label_that_is_not_valid_unicode_is_escaped_on_the_way_in(tmp_path):
    comparison = case(tmp_path / "call")
    (tmp_path / "call" / "meta.json").write_text('{"left_label": "PMO \\udcff", "title": "\\ud800"}')
    comparison = load_comparison([str(tmp_path / "call")], "lines", right_label="Kremlin \udcfe")
    assert comparison.left.label == "PMO \\udcff" and comparison.info.title == "\\ud800"
    assert comparison.right.label == "Kremlin \\udcfe"
    loose = tmp_path / "r\udcffport.txt"
    loose.write_text("One statement.", encoding="utf-8")
    assert load_comparison([str(loose), str(tmp_path / "call" / "left.txt")]).left.label == "r\\udcffport"
