"""One writer per session: a second store on the same comparison is read-only and says why,
refuses to save edits rather than overwrite the first one's, and a lock never outlives its
process."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from readout_tui.core.io import files
from readout_tui.core.io.loading import load_comparison
from readout_tui.core.work.decisions import Decisions
from readout_tui.core.work.session import (
    ReadOnlySession,
    Session,
    SessionBusy,
    SessionStore,
    lock_path,
)

LEFT = ["Netanyahu spoke with Putin.", "The call lasted fifty minutes.", "He thanked Russia."]
RIGHT = ["Putin spoke with Netanyahu.", "Gaza was discussed.", "Netanyahu thanked Russia."]


@pytest.fixture
def comparison(tmp_path):
    folder = tmp_path / "call"
    folder.mkdir()
    (folder / "left.txt").write_text("\n".join(LEFT), encoding="utf-8")
    (folder / "right.txt").write_text("\n".join(RIGHT), encoding="utf-8")
    return load_comparison([str(folder)], "lines")


def saved_notes(store: SessionStore) -> dict:
    document = json.loads(store.path.read_text(encoding="utf-8"))
    return {(n["on"], n.get("index")): n["text"] for n in document["notes"]}


def test_a_second_instance_opens_read_only_and_says_why(comparison):
    first = SessionStore.open(comparison)
    second = SessionStore.open(comparison)
    try:
        assert first.writable and first.read_only == ""
        assert not second.writable
        assert second.read_only == f"another readout-tui (process {os.getpid()}) is working on this comparison"
    finally:
        first.close()
        second.close()


def test_the_issues_two_instances_lose_nothing_silently(comparison):
    # A adds a note; B adds a note; A adds a note and marks a statement; B quits, then A.
    a = SessionStore.open(comparison)
    b = SessionStore.open(comparison)
    a_work = a.load(comparison).session.decisions
    b_work = b.load(comparison).session.decisions
    a_work = a_work.note(("left", 0), "A's first note")
    a.save(Session(a_work), comparison)
    b_work = b_work.note(("left", 1), "B's note")
    with pytest.raises(ReadOnlySession) as refused:
        b.save(Session(b_work), comparison)
    assert refused.value.strerror == b.read_only and b.unsaved == b.read_only  # said, not silent
    a_work = a_work.note(("right", 2), "A's second note").mark_unique("left", 2)
    a.save(Session(a_work), comparison)
    with pytest.raises(ReadOnlySession):
        b.save(Session(b_work), comparison)  # quitting B
    b.close()
    a.save(Session(a_work), comparison)  # quitting A
    a.close()
    assert saved_notes(a) == {("left", 0): "A's first note", ("right", 2): "A's second note"}
    assert SessionStore.of(comparison).load(comparison).session.decisions == a_work


def test_a_read_only_store_passes_over_a_mere_cursor_move(comparison):
    with SessionStore.open(comparison) as a:
        a.save(Session(Decisions().note(("left", 0), "kept")), comparison)
        with SessionStore.open(comparison) as b:
            loaded = b.load(comparison).session
            before = a.path.read_bytes()
            b.save(Session(loaded.decisions), comparison)  # what quitting without edits saves
            assert b.unsaved == "" and a.path.read_bytes() == before
            with pytest.raises(ReadOnlySession):
                b.save(Session(loaded.decisions.note(("left", 1), "typed")), comparison)
            assert b.unsaved
            b.save(Session(loaded.decisions), comparison)  # the edit undone: nothing is lost
            assert b.unsaved == "" and a.path.read_bytes() == before


def test_closing_the_writer_frees_the_session(comparison):
    first = SessionStore.open(comparison)
    first.close()
    with SessionStore.open(comparison) as again:
        assert again.writable


def test_a_store_that_is_dropped_lets_go_of_the_lock(comparison):
    SessionStore.open(comparison)  # not kept, not closed
    with SessionStore.open(comparison) as again:
        assert again.writable


def test_a_script_store_never_overwrites_a_session_that_is_open(comparison):
    with SessionStore.open(comparison) as app:
        app.save(Session(Decisions().note(("left", 0), "the app's")), comparison)
        script = SessionStore.of(comparison)
        with pytest.raises(SessionBusy, match="is working on this comparison"):
            script.save(Session(Decisions().note(("left", 0), "the script's")), comparison)
        assert saved_notes(app) == {("left", 0): "the app's"}
    script.save(Session(Decisions().note(("left", 0), "the script's")), comparison)  # free now
    assert saved_notes(script) == {("left", 0): "the script's"}


HOLDER = """
import sys, time
from readout_tui.core.io.loading import load_comparison
from readout_tui.core.work.session import SessionStore
store = SessionStore.open(load_comparison([sys.argv[1]], "lines"))
print("writable" if store.writable else store.read_only, flush=True)
time.sleep(600)
"""


def test_the_lock_of_a_killed_instance_is_not_stale(comparison):
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(comparison.case_dir)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline().strip() == "writable"
        with SessionStore.open(comparison) as here:
            assert here.read_only == f"another readout-tui (process {child.pid}) is working on this comparison"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        with SessionStore.open(comparison) as here:
            assert here.writable  # the kernel let go of the dead process's lock
    finally:
        child.kill()
        child.wait(timeout=30)


def test_a_lock_file_that_is_a_link_is_not_followed(comparison, tmp_path):
    victim = tmp_path / "victim"
    victim.write_text("someone's file")
    lock_path(SessionStore.of(comparison).path).symlink_to(victim)
    with SessionStore.open(comparison) as store:
        assert not store.writable and "(cannot lock " in store.read_only
    assert victim.read_text() == "someone's file"


def test_a_folder_that_cannot_be_written_opens_read_only(comparison, monkeypatch):
    real_open = os.open

    def no_new_files(name, flags, *args, **kwargs):
        if flags & os.O_CREAT:
            raise PermissionError(errno.EROFS, "Read-only file system", name)
        return real_open(name, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", no_new_files)
    store = SessionStore.open(comparison)
    assert store.read_only == (
        f"cannot save ({comparison.case_dir}: Read-only file system)"
    )


def test_a_sessions_folder_that_cannot_be_made_says_how_to_move_it(tmp_path, monkeypatch):
    monkeypatch.setenv("READOUT_TUI_DATA_DIR", str(tmp_path / "a-file" / "sessions"))
    (tmp_path / "a-file").write_text("not a folder")
    left, right = tmp_path / "left.txt", tmp_path / "right.txt"
    left.write_text("One.\n")
    right.write_text("Two.\n")
    store = SessionStore.open(load_comparison([str(left), str(right)]))
    # What it means and what to do first: a notice is one row, cut at the screen's edge, and the
    # path is long.
    assert store.read_only.startswith(
        "cannot save; set READOUT_TUI_DATA_DIR to a writable folder (cannot lock "
    )


def test_a_failed_save_is_remembered_until_one_succeeds(comparison, monkeypatch):
    with SessionStore.open(comparison) as store:
        real = files.os.fsync

        def full(handle):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(files.os, "fsync", full)
        for _ in range(2):
            with pytest.raises(OSError):
                store.save(Session(Decisions().note(("left", 0), "typed")), comparison)
            assert store.unsaved == f"{store.path}: No space left on device"
        monkeypatch.setattr(files.os, "fsync", real)
        store.save(Session(Decisions().note(("left", 0), "typed")), comparison)
        assert store.unsaved == ""


def test_a_read_only_instance_leaves_a_damaged_session_to_the_writer(comparison):
    with SessionStore.open(comparison) as writer:
        writer.path.write_text("{oops", encoding="utf-8")
        with SessionStore.open(comparison) as reader:
            notice = reader.load(comparison).notice
        assert "left as it is: another readout-tui" in notice
        assert writer.path.read_text(encoding="utf-8") == "{oops"
        assert "kept as session.json.damaged-" in writer.load(comparison).notice
        assert not writer.path.exists()


def test_the_lock_file_names_the_holder_and_stays(comparison):
    with SessionStore.open(comparison) as store:
        lock = lock_path(store.path)
        assert lock.name == ".session.json.lock" and lock.read_text() == f"{os.getpid()}\n"
    assert lock.exists()  # removing it would let two processes lock two files of one name
    assert sorted(p.name for p in Path(comparison.case_dir).iterdir() if p.name.startswith(".")) == [
        ".session.json.lock"
    ]
