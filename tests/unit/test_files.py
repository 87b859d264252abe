import os
import stat

import pytest

from readout_tui.core.io import files
from readout_tui.core.io.files import write_atomic


def test_writes_text_and_bytes(tmp_path):
    target = tmp_path / "out.md"
    write_atomic(target, "héllo")
    assert target.read_text(encoding="utf-8") == "héllo"
    write_atomic(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"


def test_failure_mid_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "session.json"
    target.write_text("old", encoding="utf-8")

    def killed(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new " * 10_000)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["session.json"]


def test_keeps_an_existing_files_mode(tmp_path):
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o640)
    write_atomic(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_new_file_follows_the_umask_not_mkstemps_0600(tmp_path):
    target = tmp_path / "fresh.csv"
    previous = os.umask(0o022)
    try:
        write_atomic(target, "a,b")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
