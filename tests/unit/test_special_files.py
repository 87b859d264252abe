"""Files the program reads (meta.json, session.json, the embedding cache) that are not regular
files: refused in one line, never waited on, never read without end. Each case runs in its own
process with a time and memory limit, so that a regression fails instead of hanging the suite
or filling the memory."""

from __future__ import annotations

import os
import resource
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from readout_tui.cli import EXAMPLE

MEMORY = 2 * 1024**3


def compare(*argv: str, env: dict | None = None) -> subprocess.CompletedProcess:
    def limit_memory():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    return subprocess.run(
        [sys.executable, "-m", "readout_tui", "compare", *argv, "--lexical-only", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,  # a wait on a FIFO fails here
        preexec_fn=limit_memory,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def case(tmp_path) -> Path:
    folder = tmp_path / "case"
    shutil.copytree(EXAMPLE, folder)
    return folder


def test_meta_json_as_a_fifo_is_refused_not_waited_on(case):
    (case / "meta.json").unlink()
    os.mkfifo(case / "meta.json")
    result = compare(str(case))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"readout-tui: error: {case / 'meta.json'}: cannot read it (a FIFO, not a regular file)\n"


def test_meta_json_linked_to_dev_zero_is_refused_not_read(case):
    (case / "meta.json").unlink()
    (case / "meta.json").symlink_to("/dev/zero")
    result = compare(str(case))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.endswith("meta.json: cannot read it (a character device, not a regular file)\n")


def test_a_huge_meta_json_is_refused_by_size(case):
    with (case / "meta.json").open("wb") as meta:
        meta.truncate(2 * 1024 * 1024)  # sparse: no disk used
    result = compare(str(case))
    assert result.returncode == 2
    assert result.stderr.endswith("meta.json: cannot read it (larger than 1 MiB)\n")


@pytest.mark.parametrize("make", ["fifo", "dev_zero"])
def test_session_json_that_is_no_file_is_noted_and_left_alone(case, make):
    session = case / "session.json"
    if make == "fifo":
        os.mkfifo(session)
    else:
        session.symlink_to("/dev/zero")
    result = compare(str(case))
    assert result.returncode == 0, result.stderr
    kind = "a FIFO" if make == "fifo" else "a character device"
    assert result.stderr == f"readout-tui: note: {session}: cannot read it ({kind}, not a regular file)\n"
    assert session.is_symlink() if make == "dev_zero" else stat.S_ISFIFO(session.lstat().st_mode)


def test_a_cache_that_is_a_fifo_is_done_without(case, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    os.mkfifo(cache / "embeddings.sqlite3")
    result = compare(str(case), env={"READOUT_TUI_CACHE_DIR": str(cache)})
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        f"readout-tui: note: embedding cache {cache / 'embeddings.sqlite3'} is a FIFO, not a regular file;"
        " not using it\n"
    )
    # Nothing moved aside or put in the FIFO's place (the language model unpacked beside it,
    # `langid/`, is no part of the embedding cache).
    assert [p.name for p in cache.iterdir() if p.name.startswith("embeddings")] == ["embeddings.sqlite3"]
    assert stat.S_ISFIFO((cache / "embeddings.sqlite3").lstat().st_mode)
