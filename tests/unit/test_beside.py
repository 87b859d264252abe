"""The command line finds the mentions in a thread beside the alignment (``core.beside``): the
same mentions as found in line, an error inside the finder reaching the caller as it did, and
the garbage collector's pauses in two threads at once counted."""

from __future__ import annotations

import gc
import json
import shutil
import threading

import pytest

from readout_tui import cli
from readout_tui.cli import EXAMPLE
from readout_tui.core import beside as beside_module
from readout_tui.core import bulk
from readout_tui.core.beside import Beside
from readout_tui.core.engine.decision import decide
from readout_tui.core.engine.evidence import gather_evidence
from readout_tui.core.io import export
from readout_tui.core.work import mentions
from readout_tui.core.work.mentions import one_sided


def test_found_beside_the_same_as_in_line(example):
    ahead = Beside(one_sided, example.left, example.right)
    alignment = decide(gather_evidence(example.left, example.right, None))
    assert ahead.result() == one_sided(example.left, example.right)
    assert ahead.result() == one_sided(alignment.left, alignment.right)  # asked twice: the same
    for fmt in ("json", "markdown", "html", "csv"):
        beside = export.render(fmt, alignment, example.info, mentions=ahead.result)
        assert beside == export.render(fmt, alignment, example.info), fmt


def test_an_error_in_the_thread_is_raised_by_result_and_not_before():
    started, go = threading.Event(), threading.Event()

    def failing() -> None:
        started.set()
        go.wait(5)
        raise ValueError("found nothing")

    ahead = Beside(failing)
    assert started.wait(5)
    go.set()
    with pytest.raises(ValueError, match="found nothing"):
        ahead.result()
    with pytest.raises(ValueError, match="found nothing"):
        ahead.result()


@pytest.fixture
def folder(tmp_path):
    case = tmp_path / "case"
    shutil.copytree(EXAMPLE, case)
    return case


def _compare(capsys, folder, fmt: str) -> tuple[int, str, str]:
    code = cli.main(["compare", str(folder), "--lexical-only", "--segment", "lines", "--format", fmt, "--no-session"])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_line_finds_them_in_a_thread_with_the_same_output(capsys, folder, monkeypatch):
    threads = []
    real = mentions.one_sided

    def spy(left, right):
        threads.append(threading.current_thread())
        return real(left, right)

    monkeypatch.setattr(mentions, "one_sided", spy)
    code, beside, _ = _compare(capsys, folder, "json")
    assert code == 0 and len(threads) == 1 and threads[0] is not threading.main_thread()
    assert json.loads(beside)["mentions"]["left"] or json.loads(beside)["mentions"]["right"]
    # In line, as before the thread: found by this thread where the export needs them.
    monkeypatch.setattr(beside_module, "Beside", InLine)
    code, alone, _ = _compare(capsys, folder, "json")
    assert code == 0 and alone == beside and len(threads) == 2 and threads[1] is threading.main_thread()
    threads.clear()
    monkeypatch.undo()
    monkeypatch.setattr(mentions, "one_sided", spy)
    assert _compare(capsys, folder, "text")[0] == 0 and threads == []  # the text report shows none


class InLine:
    """``Beside`` without a thread: the call made when its result is asked for."""

    def __init__(self, call, *args) -> None:
        self.call, self.args = call, args

    def result(self):
        return self.call(*self.args)


def test_an_error_in_the_finder_reaches_the_command_line_as_before(capsys, folder, monkeypatch):
    def failing(left, right):
        raise RuntimeError("the finder broke")

    monkeypatch.setattr(mentions, "one_sided", failing)
    with pytest.raises(RuntimeError, match="the finder broke"):
        _compare(capsys, folder, "json")
    assert _compare(capsys, folder, "text")[0] == 0  # never asked for


def test_pauses_in_two_threads_at_once_are_counted():
    assert gc.isenabled()
    inside, leave = threading.Event(), threading.Event()

    @bulk.collector_paused()
    def other() -> None:
        inside.set()
        leave.wait(5)

    with bulk.collector_paused():
        thread = threading.Thread(target=other)
        thread.start()
        assert inside.wait(5)
    # The first pause has ended; the other thread's goes on, and the collector stays off.
    assert not gc.isenabled()
    leave.set()
    thread.join()
    assert gc.isenabled()
