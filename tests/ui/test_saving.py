"""What the app does when its work cannot be saved: a second instance on the same comparison
is read-only and says so; failed saves stay on the bar until one works; quitting then asks;
an export into a FIFO writes into it (issue 16)."""

from __future__ import annotations

import errno
import os
import threading
import time
from pathlib import Path

from textual.widgets import Input, Static

from readout_tui.core.io.loading import load_comparison
from readout_tui.core.work import session as session_module
from readout_tui.core.work.decisions import Decisions
from readout_tui.core.work.session import SessionStore
from readout_tui.screens.compare import CompareScreen
from readout_tui.screens.prompt import ConfirmScreen, PromptScreen
from readout_tui.testing import ready, summary_text


def load(case: Path):
    return load_comparison([str(case)], "lines")


def no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


async def test_a_second_app_on_one_case_is_read_only_and_refuses_edits(make_app, case):
    first = SessionStore.open(load(case))
    app_a = make_app(load(case), session=first)
    async with app_a.run_test(size=(120, 40)) as pilot_a:
        screen_a = await ready(pilot_a)
        await pilot_a.press("a", *"mine", "enter")
        assert screen_a.workspace.journal.current.statement_note("left", 0) == "mine"
        saved = (case / "session.json").read_bytes()
        second = SessionStore.open(load(case))
        app_b = make_app(load(case), session=second)
        async with app_b.run_test(size=(120, 40)) as pilot_b:
            screen_b = await ready(pilot_b)
            reason = f"another readout-tui (process {os.getpid()}) is working on this comparison"
            assert app_b.title == "readout-tui [read-only]" and app_a.title == "readout-tui"
            assert "read-only" in summary_text(app_b) and "read-only" not in summary_text(app_a)
            await pilot_b.press("j", "a")
            assert not isinstance(app_b.screen, PromptScreen)  # refused before anything is typed
            assert app_b.notices[-1] == f"Read-only: {reason}"
            for key in ("o", "x", "t", "z", "plus"):
                await pilot_b.press(key)
                assert app_b.notices[-1] == f"Read-only: {reason}"
            assert screen_b.workspace.journal.current == Decisions().note(("left", 0), "mine")
            assert screen_b.workspace.settings.threshold == screen_a.workspace.settings.threshold
        second.close()
        assert (case / "session.json").read_bytes() == saved
        assert not second.unsaved
    first.close()
    with SessionStore.open(load(case)) as again:
        assert again.writable
        assert again.load(load(case)).session.decisions.statement_note("left", 0) == "mine"


async def test_while_saves_fail_the_bar_says_so_and_quitting_asks(make_app, case, monkeypatch):
    store = SessionStore.open(load(case))
    app = make_app(load(case), session=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        monkeypatch.setattr(session_module, "write_atomic", no_space)
        await pilot.press("o")
        reason = f"{case / 'session.json'}: No space left on device"
        assert f"Not saved: {reason}" in summary_text(app)
        assert app.notices[-1] == f"L1 marked deliberately unique; not saved: {reason}"
        await pilot.press("j", "a", *"why", "enter")
        assert app.notices[-1] == f"Note on L2; not saved: {reason}"  # every edit, not the first only
        await pilot.press("z")
        assert app.notices[-1] == f"Undone: Note on L2; not saved: {reason}"
        assert f"Not saved: {reason}" in summary_text(app)
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmScreen)
        question = app.screen.query_one("#confirm-question", Static).render().plain
        assert question == f"Your last changes are not saved ({reason}). Quit anyway?"
        await pilot.press("n")
        assert isinstance(app.screen, CompareScreen) and app.return_code is None
        monkeypatch.undo()  # room on the disk again: the next edit saves all of it
        await pilot.press("Z")
        assert "Not saved" not in summary_text(app) and app.notices[-1] == "Redone: Note on L2"
        await pilot.press("q")
        assert app.return_code == 0
    store.close()
    saved = SessionStore.of(load(case)).load(load(case)).session.decisions
    assert saved.unique == {("left", 0)} and saved.statement_note("left", 1) == "why"


async def test_quitting_anyway_leaves_the_reason_for_the_command_line(make_app, case, monkeypatch):
    store = SessionStore.open(load(case))
    app = make_app(load(case), session=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        monkeypatch.setattr(session_module, "write_atomic", no_space)
        await pilot.press("o", "q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        assert app.return_code == 0
    assert store.unsaved.endswith("No space left on device")  # cli.run_app exits 1 with it
    store.close()


async def test_a_save_that_works_again_on_quitting_does_not_ask(make_app, case, monkeypatch):
    store = SessionStore.open(load(case))
    app = make_app(load(case), session=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        monkeypatch.setattr(session_module, "write_atomic", no_space)
        await pilot.press("o")
        monkeypatch.undo()
        await pilot.press("q")
        assert app.return_code == 0 and not store.unsaved
    store.close()


async def test_export_into_a_fifo_writes_into_it(make_app, case, tmp_path):
    fifo = tmp_path / "report.html"
    os.mkfifo(fifo)
    # Opened for reading before the export, without waiting for a writer: the export then
    # finds a reader, as a pipe to another program would give it.
    reading = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    received = bytearray()

    def read() -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                chunk = os.read(reading, 1 << 16)
            except BlockingIOError:
                chunk = None
            if chunk:
                received.extend(chunk)
            elif chunk == b"" and received:
                return  # the writer has closed it
            else:
                time.sleep(0.01)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    app = make_app(load(case))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("e")
        app.screen.query_one("#prompt-input", Input).value = str(fifo)
        await pilot.press("enter")
        await pilot.pause()
        reader.join(timeout=20)
    os.close(reading)
    assert bytes(received).startswith(b"<!DOCTYPE html>") and bytes(received).endswith(b"</html>\n")
    assert fifo.is_fifo()
    assert app.notices[-1] == f"Exported: {fifo}"
