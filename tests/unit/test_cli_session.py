"""The app's exit when its work could not be saved: an error line and exit code 1, not 0."""

from __future__ import annotations

import errno
import io
import os
import shutil
import sys
from pathlib import Path

import pytest

from readout_tui import cli
from readout_tui.cli import EXAMPLE
from readout_tui.core.io import files
from readout_tui.core.io.loading import load_comparison
from readout_tui.core.work.decisions import Decisions
from readout_tui.core.work.session import Session, SessionStore


@pytest.fixture
def case(tmp_path) -> Path:
    folder = tmp_path / "case"
    shutil.copytree(EXAMPLE, folder)
    return folder


@pytest.fixture
def terminal(tmp_path, monkeypatch):
    """Keys from a stand-in terminal: the tests have none."""
    monkeypatch.setattr(sys, "__stdin__", io.StringIO())
    stand_in = tmp_path / "tty"
    stand_in.touch()
    real_open = os.open
    monkeypatch.setattr(cli.os, "open", lambda path, *rest: real_open(stand_in if path == "/dev/tty" else path, *rest))
    monkeypatch.setattr(cli.os, "dup2", lambda fd, target: None)


def app_that(monkeypatch, edit: bool, stores: list):
    """Instead of the app: what its work screen does, loading then saving on quitting (with
    one edit or none), a failed save told and swallowed as the screen does."""
    from readout_tui.app import ReadoutApp

    def run(self):
        store = self.session
        stores.append(store)
        decisions = store.load(self.comparison).session.decisions
        if edit:
            decisions = decisions.note(("left", 0), "typed in the app")
        try:
            store.save(Session(decisions), self.comparison)
        except OSError:
            pass

    monkeypatch.setattr(ReadoutApp, "run", run)


def test_quitting_with_work_that_could_not_be_saved_exits_1_and_says_so(case, capsys, monkeypatch, terminal):
    stores: list = []
    app_that(monkeypatch, edit=True, stores=stores)

    def full(handle):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    code = cli.main([str(case), "--lexical-only"])
    assert code == 1
    assert capsys.readouterr().err == (
        f"readout-tui: error: the last changes are not saved: {case / 'session.json'}: No space left on device\n"
    )


def test_a_second_instance_with_an_edit_exits_1_naming_the_first(case, capsys, monkeypatch, terminal):
    stores: list = []
    app_that(monkeypatch, edit=True, stores=stores)
    comparison = load_comparison([str(case)], "sentences")
    with SessionStore.open(comparison) as first:
        first.save(Session(Decisions().note(("right", 0), "the first's")), comparison)
        code = cli.main([str(case), "--lexical-only"])
        assert not stores[0].writable
    assert code == 1
    assert capsys.readouterr().err == (
        "readout-tui: error: the last changes are not saved: "
        f"another readout-tui (process {os.getpid()}) is working on this comparison\n"
    )
    assert SessionStore.of(comparison).load(comparison).session.decisions.notes == {("right", 0): "the first's"}


def test_a_second_instance_without_edits_quits_cleanly(case, capsys, monkeypatch, terminal):
    stores: list = []
    app_that(monkeypatch, edit=False, stores=stores)
    comparison = load_comparison([str(case)], "sentences")
    with SessionStore.open(comparison):
        assert cli.main([str(case), "--lexical-only"]) == 0
    assert capsys.readouterr().err == ""


def test_the_app_holds_the_lock_while_it_runs_and_lets_go_after(case, monkeypatch, terminal):
    from readout_tui.app import ReadoutApp

    others: list[str] = []

    def run(self):
        with SessionStore.open(self.comparison) as other:  # a second instance meanwhile
            others.append(other.read_only)
        self.session.save(Session(Decisions().note(("left", 0), "typed in the app")), self.comparison)

    monkeypatch.setattr(ReadoutApp, "run", run)
    assert cli.main([str(case), "--lexical-only"]) == 0
    assert others == [f"another readout-tui (process {os.getpid()}) is working on this comparison"]
    comparison = load_comparison([str(case)], "sentences")
    with SessionStore.open(comparison) as after:
        assert after.writable
        assert after.load(comparison).session.decisions.notes == {("left", 0): "typed in the app"}


def test_compare_says_at_every_run_that_lost_decisions_are_kept(case, capsys):
    comparison = load_comparison([str(case)])
    SessionStore.of(comparison).save(Session(Decisions().mark_unique("left", 1)), comparison)
    lines = (case / "left.txt").read_text(encoding="utf-8").splitlines()
    lines[1] = "Something else entirely, nothing like it."
    (case / "left.txt").write_text("\n".join(lines), encoding="utf-8")
    assert cli.main(["compare", str(case), "--lexical-only", "--format", "json"]) == 0
    assert "a saved decision no longer fits the readouts: deliberately unique" in capsys.readouterr().err
    # Once the app has saved the session on the edited readouts, the decision is kept under
    # "lost", and every later run still says so.
    edited = load_comparison([str(case)])
    store = SessionStore.of(edited)
    store.save(store.load(edited).session, edited)
    for _ in range(2):
        assert cli.main(["compare", str(case), "--lexical-only", "--format", "json"]) == 0
        err = capsys.readouterr().err
        assert f"saved decisions that no longer fit the readouts: 1, kept in {case / 'session.json'}" in err


def test_compare_reports_the_statements_as_the_session_split_them(case, capsys):
    import json

    from readout_tui.core.work.segments import split_edit

    comparison = load_comparison([str(case)])
    text = comparison.left.texts[0]
    at = text.index(" on the war") + 1
    SessionStore.of(comparison).save(Session(segments=(split_edit("left", text, at),)), comparison)
    assert cli.main(["compare", str(case), "--lexical-only", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    texts = [s["text"] for s in document["left"]["statements"]]
    assert texts[:2] == [text[:at].strip(), text[at:]] and len(texts) == len(comparison.left) + 1
