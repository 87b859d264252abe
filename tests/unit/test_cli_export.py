"""`readout-tui compare` with exports, --output and a saved session."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import shutil
import stat
from html.parser import HTMLParser
from pathlib import Path

import pytest

from readout_tui import cli
from readout_tui.cli import EXAMPLE
from readout_tui.core.io.loading import load_comparison
from readout_tui.core.types import Kind
from readout_tui.core.work.decisions import Decisions
from readout_tui.core.work.session import Session, SessionStore
from readout_tui.testing import fifo_reader


@pytest.fixture
def case(tmp_path) -> Path:
    folder = tmp_path / "case"
    shutil.copytree(EXAMPLE, folder)
    return folder


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(["compare", *argv, "--lexical-only", "--segment", "lines"])
    out, err = capsys.readouterr()
    return code, out, err


def save(case: Path, session: Session) -> None:
    comparison = load_comparison([str(case)], "lines")
    SessionStore.of(comparison).save(session, comparison)


def test_a_saved_session_is_applied_and_can_be_ignored(capsys, case):
    save(case, Session(Decisions().link(1, 6, Kind.RELATED).note(("left", 1), "unanswered"), threshold=0.9, lexical_threshold=0.9))
    code, out, err = run(capsys, str(case), "--format", "json")
    document = json.loads(out)
    assert code == 0 and err == ""
    assert document["settings"]["threshold"] == document["settings"]["lexical_threshold"] == 0.9
    assert [(p["left"], p["right"], p["manual"]) for p in document["pairs"]] == [(1, 6, True)]
    assert document["notes"] == [{"on": "left", "index": 1, "text": "unanswered"}]
    _, out, _ = run(capsys, str(case), "--format", "json", "--threshold", "0.2")
    assert json.loads(out)["settings"]["threshold"] == 0.2  # the command line wins
    _, out, _ = run(capsys, str(case), "--format", "json", "--no-session")
    assert all(not p["manual"] for p in json.loads(out)["pairs"]) and "notes" in json.loads(out)
    assert json.loads(out)["notes"] == []


def test_output_is_written_in_the_format_its_name_asks_for(capsys, case, tmp_path):
    save(case, Session(Decisions().mark_unique("left", 0)))
    target = tmp_path / "out"
    target.mkdir()
    for name in ("report.html", "report.csv", "report.md", "report.json"):
        code, out, err = run(capsys, str(case), "--output", str(target / name))
        assert (code, out, err) == (0, "", "")
    HTMLParser().feed((target / "report.html").read_text(encoding="utf-8"))
    assert "<h2>Divergence table</h2>" in (target / "report.html").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO((target / "report.csv").read_text(encoding="utf-8-sig"))))
    assert any(r["section"] == "unique" and r["left_ref"] == "L1" and r["by_hand"] == "yes" for r in rows)
    assert "## Divergence table" in (target / "report.md").read_text(encoding="utf-8")
    # A CSV file has a byte-order mark, for a spreadsheet to read it as UTF-8; the others none.
    assert (target / "report.csv").read_bytes().startswith(b"\xef\xbb\xbfsection,")
    assert not any((target / name).read_bytes().startswith(b"\xef\xbb\xbf") for name in ("report.html", "report.md"))
    assert json.loads((target / "report.json").read_text(encoding="utf-8"))["decisions"]["unique"]
    assert sorted(p.name for p in target.iterdir()) == ["report.csv", "report.html", "report.json", "report.md"]


def test_an_unwritable_output_is_one_line_and_exit_2(capsys, case, tmp_path):
    code, out, err = run(capsys, str(case), "--output", str(tmp_path / "missing" / "r.html"))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("readout-tui: error: ") and "cannot write it" in err


def test_a_damaged_session_is_noted_and_set_aside(capsys, case):
    (case / "session.json").write_text("{oops", encoding="utf-8")
    code, out, err = run(capsys, str(case), "--format", "json")
    assert code == 0 and json.loads(out)["pairs"] is not None
    assert err.startswith("readout-tui: note: session.json was not a readable session")
    assert list(case.glob("session.json.damaged-*"))


def test_decisions_lost_to_an_edited_readout_are_noted(capsys, case):
    save(case, Session(Decisions().link(1, 6, Kind.MATCH)))
    lines = (case / "left.txt").read_text(encoding="utf-8").splitlines()
    (case / "left.txt").write_text("\n".join(lines[:1] + lines[2:]) + "\n", encoding="utf-8")
    code, out, err = run(capsys, str(case), "--format", "json")
    assert code == 0
    assert "a saved decision no longer fits the readouts: link (same): L2" in err
    assert not any(p["manual"] for p in json.loads(out)["pairs"])


@pytest.fixture
def nothing_replaced(monkeypatch):
    """Fault injection: renaming anything over the output fails the test before it happens."""
    from readout_tui.core.io import files

    def refuse(*args):
        raise AssertionError(f"tried to replace {args[-1]}")

    monkeypatch.setattr(files.os, "replace", refuse)


def test_output_dash_prints_the_report(capsys, case):
    code, out, err = run(capsys, str(case), "-o", "-")
    assert (code, err) == (0, "") and json.loads(out)["pairs"]  # JSON: the output is not a terminal


def test_output_to_dev_null_never_replaces_it(capsys, case, nothing_replaced):
    before = os.stat("/dev/null")
    code, out, err = run(capsys, str(case), "-o", "/dev/null", "--format", "html")
    assert (code, out, err) == (0, "", "")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_output_to_a_device_node_writes_to_it(capsys, case, tmp_path, nothing_replaced):
    node = tmp_path / "null"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("creating a device node needs root")
    code, _, err = run(capsys, str(case), "-o", str(node), "--format", "json")
    assert (code, err) == (0, "")
    assert stat.S_ISCHR(node.lstat().st_mode) and node.lstat().st_rdev == os.makedev(1, 3)


def test_output_to_a_fifo_reaches_its_reader(capsys, case, tmp_path, nothing_replaced):
    fifo = tmp_path / "report.md"
    os.mkfifo(fifo)
    with fifo_reader(fifo) as received:
        code, _, err = run(capsys, str(case), "-o", str(fifo))
    assert (code, err) == (0, "")
    assert received.decode("utf-8").startswith("# ") and "## Divergence table" in received.decode("utf-8")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_csv_for_a_program_has_no_byte_order_mark(capsys, case, tmp_path, nothing_replaced):
    # Standard output and a FIFO go to a program, not a spreadsheet: a mark there would be a
    # stray character before the first column's name.
    code, out, err = run(capsys, str(case), "--format", "csv")
    assert (code, err) == (0, "") and out.startswith("section,")
    fifo = tmp_path / "report.csv"
    os.mkfifo(fifo)
    with fifo_reader(fifo) as received:
        code, _, err = run(capsys, str(case), "-o", str(fifo))
    assert (code, err) == (0, "") and received.startswith(b"section,")


def test_output_to_a_fifo_nobody_reads_fails_at_once(capsys, case, tmp_path):
    fifo = tmp_path / "report.md"
    os.mkfifo(fifo)
    code, out, err = run(capsys, str(case), "-o", str(fifo))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "a FIFO that nothing is reading from" in err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_output_in_a_folder_that_cannot_be_written_is_refused_and_kept(capsys, case, tmp_path, monkeypatch):
    from readout_tui.core.io import files

    target = tmp_path / "report.html"
    target.write_text("yesterday's report", encoding="utf-8")
    real_open = os.open

    def no_new_files(name, flags, *args, **kwargs):
        if flags & os.O_CREAT and Path(name).parent == tmp_path:
            raise PermissionError(errno.EACCES, "Permission denied", name)
        return real_open(name, flags, *args, **kwargs)

    monkeypatch.setattr(files.os, "open", no_new_files)
    code, out, err = run(capsys, str(case), "-o", str(target))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err == f"readout-tui: error: {target}: cannot write it (its folder cannot be written to (Permission denied))\n"
    assert target.read_text(encoding="utf-8") == "yesterday's report"


def test_an_output_that_is_a_folder_says_so_not_that_its_name_has_no_format(capsys, case, tmp_path):
    code, out, err = run(capsys, str(case), "--output", str(tmp_path))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err == f"readout-tui: error: {tmp_path}: a folder; name a file in it, ending in .txt, .md, .html, .csv or .json\n"



def test_output_into_a_folder_that_does_not_exist_says_which_folder(capsys, case, tmp_path):
    target = tmp_path / "no-such-folder" / "report.json"
    code, out, err = run(capsys, str(case), "--no-session", "-o", str(target))
    assert code == 2 and out == ""
    assert err == f"readout-tui: error: {target}: cannot write it (no such folder: {target.parent}; make it first)\n"
