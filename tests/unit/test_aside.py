"""Work done in a child process beside the caller's (``core.aside``): the same answer as in
process, errors brought back, a child that never outlives its ``Aside``, and work done here
when no child can be had."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from readout_tui import cli
from readout_tui.core import aside as aside_module
from readout_tui.core.aside import Aside, start_method
from readout_tui.core.engine import decision, pipeline
from readout_tui.core.engine import evidence as evidence_module
from readout_tui.core.engine import kind as kind_module
from readout_tui.core.engine.decision import decide
from readout_tui.core.engine.embedder import DEFAULT_MODEL
from readout_tui.core.engine.kind import Reading, read_packed, unpacked
from readout_tui.core.engine.pipeline import collect
from readout_tui.core.io import export, report
from readout_tui.core.io.loading import load_comparison
from readout_tui.core.types import Counterpart, Kind
from readout_tui.core.work import mentions as mentions_module
from readout_tui.core.work.mentions import one_sided, one_sided_aside
from readout_tui.testing import HashEmbedder

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
CASE = FIXTURES / "netanyahu-putin-2023-12-10"
ROOT = Path(__file__).resolve().parents[2]
METHODS = [m for m in ("fork", "spawn") if m in __import__("multiprocessing").get_all_start_methods()]
PARENT = os.getpid()


def _fails(message: str) -> None:
    raise ValueError(message)


def _dies_in_a_child(value: int) -> int:
    if os.getpid() != PARENT:
        os._exit(3)
    return value * 2


def _sleeps(seconds: float) -> str:
    time.sleep(seconds)
    return "woke"


class _Picky(Exception):
    def __init__(self, what: str, why: str) -> None:
        super().__init__(f"{what}: {why}")  # pickled with one argument, rebuilt wanting two


def _fails_picky() -> None:
    raise _Picky("readout", "unreadable")


def _niceness() -> int:
    return os.nice(0)


@aside_module.wanted_late
def _niceness_late() -> int:
    return os.nice(0)


def _large(n: int) -> str:
    return "x" * n


def _unpicklable() -> object:
    return lambda: None


def _gone(pid: int, within: float = 5.0) -> bool:
    """The process ``pid`` has ended (reaped, or a zombie of another parent) within ``within`` s."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                if stat.read().rsplit(")", 1)[1].split()[0] == "Z":
                    return True
        except FileNotFoundError:
            return True
        except OSError:
            pass
        if not Path("/proc").exists():
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return True
        time.sleep(0.05)
    return False


@pytest.fixture(autouse=True)
def a_core_to_spare(monkeypatch):
    """Children are started whatever else loads the machine running the tests."""
    monkeypatch.setattr(aside_module, "spare_core", lambda: True)


@pytest.fixture
def case():
    return load_comparison([str(CASE / "left.txt"), str(CASE / "right.txt")], "sentences", None, None)


@pytest.mark.parametrize("method", METHODS)
def test_the_mentions_found_in_a_child_are_those_found_here(case, method):
    with Aside.start(one_sided, case.left, case.right, method=method) as beside:
        assert beside.how == method
        found = beside.result()
    assert found == one_sided(case.left, case.right)
    assert found.left or found.right  # something to compare


@pytest.mark.parametrize("method", METHODS)
def test_work_wanted_late_runs_niced_in_its_child_only(method):
    if not hasattr(os, "nice"):
        pytest.skip("no niceness here")
    here = os.nice(0)
    with Aside.start(_niceness, method=method) as plain, Aside.start(_niceness_late, method=method) as late:
        assert (plain.how, late.how) == (method, method)
        assert plain.result() == here
        assert late.result() == min(here + aside_module.LATE_NICENESS, 19)
    assert os.nice(0) == here  # this process keeps its own
    assert Aside.start(_niceness_late, child=False).result() == here
    assert getattr(one_sided, "aside_late", False) and getattr(read_packed, "aside_late", False)


@pytest.mark.parametrize("method", METHODS)
def test_an_error_comes_back_and_the_child_is_gone(method):
    beside = Aside.start(_fails, "broken readout", method=method)
    pid = beside.child
    assert pid is not None
    with pytest.raises(ValueError, match="broken readout"):
        beside.result()
    with pytest.raises(ValueError):  # the same answer again, not a second run
        beside.result()
    assert beside.child is None
    assert _gone(pid)


def test_an_error_that_will_not_unpickle_is_raised_here_as_it_is():
    with Aside.start(_fails_picky) as beside:
        with pytest.raises(_Picky, match="readout: unreadable"):
            beside.result()


def test_a_child_that_dies_without_an_answer_leaves_the_work_to_this_process():
    beside = Aside.start(_dies_in_a_child, 21, method="fork" if "fork" in METHODS else "spawn")
    assert beside.how != "here"
    assert beside.result() == 42


def test_no_process_to_be_had_means_the_work_is_done_here(monkeypatch, case):
    def refuse(self):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr("multiprocessing.process.BaseProcess.start", refuse)
    beside = Aside.start(one_sided, case.left, case.right)
    assert beside.how == "here" and beside.child is None
    assert beside.result() == one_sided(case.left, case.right)


def test_no_start_method_means_the_work_is_done_here(case):
    beside = Aside.start(one_sided, case.left, case.right, method=None)
    assert beside.how == "here"
    assert beside.result() == one_sided(case.left, case.right)
    with pytest.raises(ValueError, match="here"):
        Aside.start(_fails, "here", child=False).result()


def test_closing_ends_a_child_still_working():
    beside = Aside.start(_sleeps, 60)
    pid = beside.child
    time.sleep(0.2)
    started = time.monotonic()
    beside.close()
    assert time.monotonic() - started < 3
    assert _gone(pid)


def test_an_answer_larger_than_the_pipe_holds_does_not_block():
    with Aside.start(_large, 20_000_000) as beside:
        assert beside.result() == "x" * 20_000_000


def test_an_answer_that_cannot_be_sent_is_an_error():
    with Aside.start(_unpicklable) as beside:
        with pytest.raises(RuntimeError, match="function"):
            beside.result()


def test_fork_only_while_no_other_thread_runs(monkeypatch):
    import threading

    if "fork" not in METHODS or sys.platform == "darwin":
        pytest.skip("fork is not used here")
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    assert start_method() == "fork"
    monkeypatch.setattr(threading, "active_count", lambda: 3)
    assert start_method() == "spawn"


def test_small_readouts_stay_in_process(case, monkeypatch):
    assert one_sided_aside(case.left, case.right).how == "here"
    monkeypatch.setattr(mentions_module, "ASIDE_FROM", {"fork": 0, "spawn": 0})
    with one_sided_aside(case.left, case.right) as beside:
        assert beside.how in ("fork", "spawn")
        assert beside.result() == one_sided(case.left, case.right)


@pytest.mark.parametrize("fmt", ["json", "markdown", "csv"])
def test_compare_writes_the_same_report_with_the_mentions_found_in_a_child(capsys, monkeypatch, fmt):
    argv = ["compare", str(CASE / "left.txt"), str(CASE / "right.txt"), "--lexical-only", "--format", fmt]
    assert cli.main(argv) == 0
    here = capsys.readouterr().out
    started = []
    real = aside_module.Aside.start.__func__

    def start(cls, *args, **kwargs):
        made = real(cls, *args, **kwargs)
        started.append(made.how)
        return made

    monkeypatch.setattr(aside_module.Aside, "start", classmethod(start))
    monkeypatch.setattr(mentions_module, "ASIDE_FROM", {"fork": 0, "spawn": 0})
    assert cli.main(argv) == 0
    assert started and started[0] in ("fork", "spawn")
    assert capsys.readouterr().out == here


def test_ctrl_c_ends_the_child_with_the_command(tmp_path):
    """The terminal's Ctrl-C reaches the whole process group: the parent stops (130), the child
    ignores it and is ended by the parent, and nothing but the parent speaks."""
    script = tmp_path / "ctrl_c.py"
    script.write_text(
        textwrap.dedent(
            """
            import sys, time
            from readout_tui.core.aside import Aside, start_method
            sys.path.insert(0, sys.argv[1])
            from test_aside import _sleeps

            if __name__ == "__main__":
                try:
                    with Aside.start(_sleeps, 60, method=start_method()) as beside:
                        print(beside.child, flush=True)
                        time.sleep(60)
                except KeyboardInterrupt:
                    sys.exit(130)
            """
        )
    )
    process = subprocess.Popen(
        [sys.executable, str(script), str(Path(__file__).parent)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        cwd=ROOT,
    )
    child = int(process.stdout.readline())
    time.sleep(0.3)
    os.kill(child, signal.SIGINT)  # the child's own share of it: ignored
    assert not _gone(child, within=0.5)
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=20)
    assert process.returncode == 130, err
    assert err == b""
    assert _gone(child)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the kernel's parent-death signal is Linux's")
def test_a_child_does_not_outlive_a_killed_parent(tmp_path):
    script = tmp_path / "killed.py"
    script.write_text(
        textwrap.dedent(
            """
            import sys, time
            from readout_tui.core.aside import Aside, start_method
            sys.path.insert(0, sys.argv[1])
            from test_aside import _sleeps

            if __name__ == "__main__":
                beside = Aside.start(_sleeps, 60, method=start_method())
                print(beside.child, flush=True)
                time.sleep(60)
            """
        )
    )
    process = subprocess.Popen(
        [sys.executable, str(script), str(Path(__file__).parent)], stdout=subprocess.PIPE, cwd=ROOT
    )
    child = int(process.stdout.readline())
    time.sleep(0.3)
    process.kill()
    process.wait(timeout=10)
    assert _gone(child)


TEXTS = [
    "",
    "No, the so-called claims were never unacceptable; they must not stand.",
    "Ünïcode wörds İstanbul ǅemal and the Kelvin sign K said nothing of the crisis.",
    "  tabs\tand\nlines   between  words  ",
    "He didn't condemn the alleged aggression, nor the illegal invasion.",
]


def test_packed_readings_are_the_readings():
    assert unpacked(TEXTS, read_packed(TEXTS)) == {text: Reading.of(text) for text in TEXTS}


def _case_with_the_bundled_scorer():
    case = load_comparison([str(CASE / "left.txt"), str(CASE / "right.txt")], "sentences", None, None)
    return case, HashEmbedder(DEFAULT_MODEL)


def test_the_kind_model_reads_the_same_in_a_child(monkeypatch):
    case, embedder = _case_with_the_bundled_scorer()
    here = collect(case.left, case.right, embedder)
    assert here.scorer is not None and not here.readings  # read by decide, as it needs them
    expected = decide(here)
    monkeypatch.setattr(pipeline, "READINGS_ASIDE_FROM", 0)
    forked = []
    monkeypatch.setattr(pipeline, "read_packed", lambda texts: forked.append(os.getpid()) or read_packed(texts))
    if start_method() != "fork":
        pytest.skip("the readings are made in a child only where it is forked")
    there = collect(case.left, case.right, embedder)
    assert forked == []  # the lambda ran in the child, where this list is another
    assert there.readings == {text: Reading.of(text) for text in [*case.left.texts, *case.right.texts]}
    assert decide(there) == expected


def starts_recorded(monkeypatch) -> list[tuple[str, str]]:
    """Each ``Aside.start`` from now on, as (the function's name, how it was run)."""
    started = []
    real = aside_module.Aside.start.__func__

    def start(cls, function, *args, **kwargs):
        made = real(cls, function, *args, **kwargs)
        started.append((function.__name__, made.how))
        return made

    monkeypatch.setattr(aside_module.Aside, "start", classmethod(start))
    return started


def test_the_kinds_made_in_a_child_are_the_same(monkeypatch):
    case, embedder = _case_with_the_bundled_scorer()
    evidence = collect(case.left, case.right, embedder)
    expected = decide(evidence)
    assert any(p.kind is Kind.RELATED and p.reason for p in expected.pairs)  # some reasons to send back
    if start_method() != "fork":
        pytest.skip("the kinds are made in a child only where it is forked")
    started = starts_recorded(monkeypatch)
    monkeypatch.setattr(decision, "KINDS_ASIDE_FROM", 0)
    evidence.counterparts.clear()  # else the pairs made above are taken again
    again = decide(evidence)
    assert started == [("_packed_kinds", "fork")]
    assert again == expected
    assert [repr(vars(p)) for p in again.pairs] == [repr(vars(p)) for p in expected.pairs]


def test_the_kinds_made_partly_in_a_child_and_partly_here_are_the_same(monkeypatch):
    case, embedder = _case_with_the_bundled_scorer()
    # Blocks of one pair, so that the cut between the child's pairs and this process's falls
    # inside this small case as it does at scale; the expected kinds made with them too.
    monkeypatch.setattr(kind_module, "PAIR_BLOCK", 1)
    monkeypatch.setattr(decision, "PAIR_BLOCK", 1)
    monkeypatch.setattr(decision, "KINDS_HERE", 1 / 2)
    evidence = collect(case.left, case.right, embedder)
    expected = decide(evidence)
    if start_method() != "fork":
        pytest.skip("the kinds are made in a child only where it is forked")
    assert len(expected.pairs) >= 2
    started = starts_recorded(monkeypatch)
    monkeypatch.setattr(decision, "KINDS_ASIDE_FROM", 0)
    parts = []
    real = decision._kinds

    def kinds(evidence, rows, settings):
        parts.append(len(rows))
        return real(evidence, rows, settings)

    monkeypatch.setattr(decision, "_kinds", kinds)
    evidence.counterparts.clear()
    again = decide(evidence)
    assert started == [("_packed_kinds", "fork")]
    assert len(parts) == 1 and 0 < parts[0] < len(expected.pairs)  # the rest made in the child
    assert [repr(vars(p)) for p in again.pairs] == [repr(vars(p)) for p in expected.pairs]


def test_the_texts_embedded_made_in_a_child_give_the_same_alignment(monkeypatch):
    case, embedder = _case_with_the_bundled_scorer()
    expected = decide(collect(case.left, case.right, embedder))
    if start_method() != "fork":
        pytest.skip("the texts to embed are made in a child only where it is forked")
    started = starts_recorded(monkeypatch)
    monkeypatch.setattr(evidence_module, "EMBEDDED_ASIDE_FROM", 0)
    embedded = []
    real_vectors = evidence_module.statement_vectors

    def vectors(texts, embed, made=None):
        embedded.append(made)
        return real_vectors(texts, embed, made)

    monkeypatch.setattr(evidence_module, "statement_vectors", vectors)
    again = decide(collect(case.left, case.right, embedder))
    assert ("embedded_texts", "fork") in started
    assert embedded == [evidence_module.embedded_texts([*case.left.texts, *case.right.texts])]
    assert again == expected


def test_the_pairs_written_apart_make_the_same_json():
    hostile = "del \x7f, c1 \x85 \x9b, bidi \u202e\u2066, lone \ud800, quote \" back \\ tab \t é 中"
    pairs = (
        Counterpart.made(0, 1, 0.5, Kind.MATCH, 0.25, 0.125, ("a", hostile), hostile, False, None),
        Counterpart.made(2, 0, float("nan"), Kind.RELATED, -0.0, 1e-17, (), "", True, 0.75),
    )
    document = {"left": {"text": hostile, "n": [1, 2.5, None]}, "right": {}, "pairs": None, "model": hostile}
    whole = dict(document, pairs=report._pairs_json(pairs, True))
    assert report.dump_json_with(document, report.pairs_text(pairs, True)) == report.dump_json(whole, pretty=False)


def test_pairs_written_in_parts_make_the_same_json():
    rows = [{"a": 1, "b": "\x7f é \ud800"}, [], None, 2.5, "x", float("nan")]
    document = {"left": {"text": "\u202e", "n": [1, 2.5, None]}, "pairs": None, "model": "m"}
    whole = report.dump_json(dict(document, pairs=rows), pretty=False)
    for cuts in [(k,) for k in range(len(rows) + 1)] + [(1, 3), (0, 0), (2, 2, 5), (0, 6)]:
        bounds = [0, *cuts, len(rows)]
        parts = [report.dump_json(rows[a:b], False) for a, b in zip(bounds, bounds[1:])]
        assert report.dump_json_with(document, parts, end="\n") == whole + "\n"
    assert report.dump_json_with(dict(document, pairs=None), ["[]", "[]"]) == report.dump_json(dict(document, pairs=[]), False)
    assert report.dump_json_with({}, "[]") == "{}"
    assert report.dump_json_with({"pairs": 1}, "[1]") == '{"pairs":[1]}'


def test_compare_writes_the_same_json_with_the_pairs_written_in_a_child(capsys, monkeypatch, tmp_path):
    if start_method() != "fork":
        pytest.skip("the pairs are written in a child only where it is forked")
    left, right = tmp_path / "left.txt", tmp_path / "right.txt"
    text = (CASE / "left.txt").read_text(encoding="utf-8")
    left.write_text(text + "\nThe bank \x7f said \u202eno\u202c to \x85 the 50 tonnes.\n", encoding="utf-8")
    right.write_text((CASE / "right.txt").read_text(encoding="utf-8") + "\nThe bank \x7f said \u202eno\u202c.\n")
    argv = ["compare", str(left), str(right), "--lexical-only", "--format", "json", "--segment", "lines"]
    assert cli.main(argv) == 0
    here = capsys.readouterr().out
    started = starts_recorded(monkeypatch)
    monkeypatch.setattr(export, "PAIRS_ASIDE_FROM", 0)
    assert cli.main(argv) == 0
    assert ("pairs_text", "fork") in started
    assert capsys.readouterr().out == here
    assert "\\u007f" in here and "\\u202e" in here


@pytest.mark.parametrize(
    ("cores", "load", "spare"), [(2, 0.3, True), (2, 1.5, True), (2, 1.6, False), (2, 3.2, False), (1, 0.0, False), (8, 6.0, True)]
)
def test_a_child_only_with_a_core_to_spare(monkeypatch, cores, load, spare):
    monkeypatch.undo()  # the real spare_core
    monkeypatch.setattr(aside_module, "_spare", None)  # nothing decided yet
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cores)), raising=False)
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    assert aside_module.spare_core() is spare
    beside = Aside.start(_sleeps, 0)
    try:
        assert (beside.how != "here") is (spare and start_method() is not None)
        assert beside.result() == "woke"
    finally:
        beside.close()


def test_whether_a_core_is_spare_is_decided_once_a_minute(monkeypatch):
    monkeypatch.undo()  # the real spare_core
    monkeypatch.setattr(aside_module, "_spare", None)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    clock = [100.0]
    monkeypatch.setattr(aside_module.time, "monotonic", lambda: clock[0])
    load = [0.3]
    monkeypatch.setattr(os, "getloadavg", lambda: (load[0],) * 3)
    assert aside_module.spare_core() is True
    load[0] = 3.0  # this command's own work and children, a few seconds on
    clock[0] += 10
    assert aside_module.spare_core() is True
    clock[0] += aside_module.SPARE_HOLDS
    assert aside_module.spare_core() is False
