"""Input that must be refused: one line on standard error, exit code 2, no traceback, by
`readout-tui compare` and by `readout-tui` (the app) alike, before the app starts."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from readout_tui import cli
from readout_tui.cli import EXAMPLE
from readout_tui.core.io import loading

GOOD = "Netanyahu spoke with Putin about the hostages.\nThey discussed Iran.\n"


def png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02" + bytes(range(256))


def zip_archive() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("left.txt", GOOD * 50)
    return buffer.getvalue()


def case_with_meta(folder: Path, meta: bytes) -> Path:
    folder.mkdir()
    (folder / "left.txt").write_text(GOOD, encoding="utf-8")
    (folder / "right.txt").write_text(GOOD, encoding="utf-8")
    (folder / "meta.json").write_bytes(meta)
    return folder


def bad_file(data: bytes):
    def make(tmp_path: Path) -> list[str]:
        path = tmp_path / "bad.txt"
        path.write_bytes(data)
        return [str(path), good(tmp_path)]

    return make


def good(tmp_path: Path) -> str:
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return str(path)


CASES = {
    "missing path": (lambda t: [good(t), str(t / "nope.txt")], "nope.txt: no such file"),
    "directory for a file": (lambda t: [good(t), str(t)], "is a directory"),
    "png image": (bad_file(png()), "binary"),
    "zip archive": (bad_file(zip_archive()), "binary"),
    "nul bytes in text": (bad_file(b"Putin called.\x00\x00Netanyahu answered."), "binary"),
    "empty side": (bad_file(b""), "no statements"),
    "whitespace-only side": (bad_file(" \t\r\n\u00a0\u200b\n".encode()), "no statements"),
    "punctuation-only side": (bad_file(b"... !!\n!\n???\n,,, ;;; --- ***\n"), "no letter or digit"),
    "unknown --format": (lambda t: [str(EXAMPLE), "--format", "xml"], "--format"),
    "unknown --segment": (lambda t: [str(EXAMPLE), "--segment", "words"], "--segment"),
    "threshold out of range": (lambda t: [str(EXAMPLE), "--threshold", "7"], "--threshold"),
    "corrupt meta.json": (
        lambda t: [str(case_with_meta(t / "case", b'{"title": "A call", '))],
        "meta.json: not valid JSON",
    ),
    "meta.json not an object": (
        lambda t: [str(case_with_meta(t / "case", b'"just a string"'))],
        "meta.json: must hold a JSON object",
    ),
}
APP_ONLY_OPTION = {"unknown --format"}
"""--format belongs to `compare`; the app refuses it as an unknown option instead."""


def assert_refused(code: int, out: str, err: str, fragment: str) -> None:
    assert code == 2
    assert out == ""
    assert err.startswith("readout-tui: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    assert fragment in err


@pytest.fixture
def no_app(monkeypatch):
    """The app must never start on refused input."""
    from readout_tui.app import ReadoutApp

    def started(self, *args, **kwargs):
        raise AssertionError("the app started on input it should refuse")

    monkeypatch.setattr(ReadoutApp, "run", started)


@pytest.mark.parametrize("command", ["compare", "app"])
@pytest.mark.parametrize("name", list(CASES))
def test_refused_with_one_line_and_exit_2(tmp_path, capsys, no_app, command, name):
    make, fragment = CASES[name]
    argv = make(tmp_path)
    if command == "app" and name in APP_ONLY_OPTION:
        fragment = "unrecognized arguments"
    code = cli.main((["compare"] if command == "compare" else []) + [*argv, "--lexical-only"])
    assert_refused(code, *capsys.readouterr(), fragment)


@pytest.mark.skipif(
    os.geteuid() == 0, reason="root reads a file whatever its mode; see the test below"
)
@pytest.mark.parametrize("command", ["compare", "app"])
def test_unreadable_file(tmp_path, capsys, no_app, command):
    path = tmp_path / "secret.txt"
    path.write_text(GOOD, encoding="utf-8")
    path.chmod(0)
    code = cli.main((["compare"] if command == "compare" else []) + [str(path), good(tmp_path)])
    assert_refused(code, *capsys.readouterr(), "secret.txt: cannot read it (Permission denied)")


@pytest.mark.parametrize("command", ["compare", "app"])
def test_unreadable_file_even_as_root(tmp_path, capsys, monkeypatch, no_app, command):
    # Root ignores file modes, so the refusal of the open is simulated where it happens.
    path = tmp_path / "secret.txt"
    path.write_text(GOOD, encoding="utf-8")
    real_open = Path.open

    def refusing_open(self, *args, **kwargs):
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refusing_open)
    code = cli.main((["compare"] if command == "compare" else []) + [str(path), good(tmp_path)])
    assert_refused(code, *capsys.readouterr(), "secret.txt: cannot read it (Permission denied)")


@pytest.mark.parametrize("command", ["compare", "app"])
def test_too_many_pairs(tmp_path, capsys, monkeypatch, no_app, command):
    monkeypatch.setattr(loading, "MAX_PAIRS", 3)
    code = cli.main((["compare"] if command == "compare" else []) + [good(tmp_path), good(tmp_path)])
    assert_refused(code, *capsys.readouterr(), "too large to compare: 2 x 2 statements; at most 3 pairs")


def test_a_model_that_cannot_be_loaded_is_refused_by_compare(tmp_path, capsys):
    code = cli.main(["compare", good(tmp_path), good(tmp_path), "--model", str(tmp_path / "no-model")])
    assert_refused(code, *capsys.readouterr(), "no-model': no such folder")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_app_refuses_a_model_folder_that_is_not_there_before_starting(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sys, "__stdin__", _Terminal())
    # Told at once, in one line, as compare does: the app would otherwise open and compare by
    # shared words (a model that fails while loading still does: tests/ui/test_bad_input.py).
    from readout_tui.app import ReadoutApp

    started = []
    monkeypatch.setattr(ReadoutApp, "run", lambda self: started.append(self.embedder))
    assert cli.main([good(tmp_path), good(tmp_path), "--model", str(tmp_path / "no-model")]) == 2
    assert not started
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such folder" in err


def test_a_refusal_in_a_real_process_has_no_traceback(tmp_path):
    bad = tmp_path / "image.png"
    bad.write_bytes(png())
    for command in (["compare"], []):
        result = subprocess.run(
            [sys.executable, "-m", "readout_tui", *command, str(bad), good(tmp_path)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert_refused(result.returncode, result.stdout, result.stderr, "binary")



class _FullDisk(io.StringIO):
    def write(self, text):
        raise OSError(28, "No space left on device")


def test_a_report_that_cannot_be_written_is_one_line_not_a_traceback(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdout", _FullDisk())
    code = cli.main(["compare", good(tmp_path), good(tmp_path), "--lexical-only"])
    err = capsys.readouterr().err
    assert code == 1
    assert err == "readout-tui: error: cannot write the report (No space left on device)\n"


def test_a_full_disk_in_a_real_process(tmp_path):
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full")
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "readout_tui", "compare", good(tmp_path), good(tmp_path), "--lexical-only"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert result.returncode == 1
    assert result.stderr == "readout-tui: error: cannot write the report (No space left on device)\n"


def test_the_app_takes_keys_from_the_terminal_when_stdin_was_a_pipe(tmp_path, monkeypatch):
    from readout_tui.app import ReadoutApp

    monkeypatch.setattr(sys, "__stdin__", io.StringIO())  # a pipe, already read
    terminal = tmp_path / "tty"
    terminal.touch()
    real_open = os.open
    monkeypatch.setattr(
        cli.os, "open", lambda path, *rest: real_open(terminal if path == "/dev/tty" else path, *rest)
    )
    moved: list[int] = []
    monkeypatch.setattr(cli.os, "dup2", lambda fd, target: moved.append(target))
    started = []
    monkeypatch.setattr(ReadoutApp, "run", lambda self: started.append(True))
    assert cli.main([good(tmp_path), good(tmp_path), "--lexical-only"]) == 0
    assert moved == [0] and started == [True]


def test_the_app_without_any_terminal_is_one_line(tmp_path, capsys, monkeypatch, no_app):
    monkeypatch.setattr(sys, "__stdin__", io.StringIO())

    def no_terminal(path, flags):
        raise OSError(6, "No such device or address", path)

    monkeypatch.setattr(cli.os, "open", no_terminal)
    code = cli.main([good(tmp_path), good(tmp_path), "--lexical-only"])
    assert_refused(code, *capsys.readouterr(), "the app needs a terminal")
