"""The command line finds the mentions in a thread beside the alignment (``core.beside``): the
same mentions as found in line, an error inside the finder reaching the caller as it did, and
the garbage collector's pauses in two threads at once counted."""

from __future__ import annotations

import gc
import json
import shutil
import threading

import numpy as np
import pytest

from readout_tui import cli
from readout_tui.cli import EXAMPLE
from readout_tui.core import beside as beside_module
from readout_tui.core import bulk
from readout_tui.core.beside import Beside
from readout_tui.core.engine.decision import decide
from readout_tui.core.engine.embedder import DEFAULT_MODEL
from readout_tui.core.engine.evidence import gather_evidence
from readout_tui.core.io import export
from readout_tui.core.work import mentions
from readout_tui.core.work.mentions import one_sided
from readout_tui.testing import HASH_DIMENSIONS, HashEmbedder


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


def _learned(example):
    """Evidence on the learned path (kind model read), from stand-in vectors of the model's width."""
    from readout_tui.core.engine.scorer import scorer_for

    return gather_evidence(example.left, example.right, _Wide().encode, DEFAULT_MODEL, scorer=scorer_for(DEFAULT_MODEL))


def test_readings_made_beside_are_those_decide_makes_and_decide_the_same(example):
    from readout_tui.core.engine.decision import readings_of

    alone = _learned(example)
    in_line = decide(alone)
    assert alone.readings  # the kind model read the statements in pairs
    ahead = Beside(readings_of, example.left, example.right)
    given = _learned(example)
    given.readings.update(ahead.result())
    assert {t: r for t, r in given.readings.items() if t in alone.readings} == alone.readings
    assert decide(given) == in_line


class _Wide(HashEmbedder):
    """Stand-in vectors under the bundled model's name and width: the learned path, kind model read."""

    def __init__(self) -> None:
        super().__init__(DEFAULT_MODEL)

    def encode(self, texts, progress=None):
        return np.pad(super().encode(texts, progress), ((0, 0), (0, 384 - HASH_DIMENSIONS)))


def _with_model(capsys, folder) -> tuple[int, str, str]:
    code = cli.main(["compare", str(folder), "--segment", "lines", "--format", "json", "--no-session", "--no-cache"])
    out, err = capsys.readouterr()
    return code, out, err


def test_readings_beside_give_the_same_output_and_a_failure_there_is_left_to_decide(capsys, folder, monkeypatch):
    from readout_tui.core.engine import decision

    monkeypatch.setattr(cli, "make_embedder", lambda model=None, device=None: _Wide())
    made = []
    real = decision.readings_of
    monkeypatch.setattr(decision, "readings_of", lambda left, right: made.append(1) or real(left, right))
    code, beside, _ = _with_model(capsys, folder)
    assert code == 0 and made and json.loads(beside)["pairs"]
    monkeypatch.setattr(beside_module, "Beside", InLine)
    monkeypatch.setattr(decision, "readings_of", lambda left, right: {})  # decide reads them all itself
    assert _with_model(capsys, folder)[:2] == (0, beside)

    def failing(left, right):
        raise RuntimeError("could not read")

    monkeypatch.setattr(beside_module, "Beside", Beside)  # in the thread again
    monkeypatch.setattr(decision, "readings_of", failing)
    assert _with_model(capsys, folder)[:2] == (0, beside)
