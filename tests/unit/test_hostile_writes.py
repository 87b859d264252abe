"""Fault injection: a process killed while it writes leaves the previous state intact."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import numpy as np
import pytest

from readout_tui.core.engine.cache import EmbeddingCache
from readout_tui.core.engine.embedder import embed
from readout_tui.testing import FakeEmbedder, fake_vector

SLOW_WRITER = """
import os, sys, time
from readout_tui.core.io import files

real_fdopen = os.fdopen

class Slow:
    # Writes a chunk at a time, flushed so the temporary file really grows on disk, and says
    # when the first chunk is there so the parent can kill mid-write.
    def __init__(self, stream):
        self.stream = stream
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return self.stream.__exit__(*exc)
    def write(self, data):
        for start in range(0, len(data), 4096):
            self.stream.write(data[start:start + 4096])
            self.stream.flush()
            if start == 0:
                print("writing", flush=True)
            time.sleep(0.01)
    def __getattr__(self, name):
        return getattr(self.stream, name)

files.os.fdopen = lambda *args, **kwargs: Slow(real_fdopen(*args, **kwargs))
files.write_atomic(sys.argv[1], "new " * 250_000)
print("done", flush=True)
"""


def test_a_write_killed_half_way_leaves_the_old_file(tmp_path):
    target = tmp_path / "saved.md"
    target.write_text("the previous version\n", encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, str(target)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline().strip() == "writing"
        time.sleep(0.2)  # a few chunks further
        (temporary,) = tmp_path.glob(".saved.md.*.tmp")
        assert 0 < temporary.stat().st_size < len("new " * 250_000)  # really half-way
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert target.read_text(encoding="utf-8") == "the previous version\n"


def test_the_same_slow_write_left_alone_replaces_the_file(tmp_path):
    # The control for the test above: the writer itself works, so only the kill kept the old file.
    target = tmp_path / "saved.md"
    target.write_text("the previous version\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", SLOW_WRITER.replace("250_000", "5_000"), str(target)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["writing", "done"], result.stderr
    assert target.read_text(encoding="utf-8") == "new " * 5_000
    assert list(tmp_path.glob(".saved.md.*.tmp")) == []


CACHE_WRITER = """
import sys
from readout_tui.testing import FakeEmbedder
from readout_tui.core.engine.cache import EmbeddingCache
from readout_tui.core.engine.embedder import embed

cache = EmbeddingCache(__import__("pathlib").Path(sys.argv[1]))
for batch in range(10_000):
    embed([f"batch {batch} statement {i}" for i in range(200)], FakeEmbedder(), cache)
    print(batch, flush=True)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_cache_writer_killed_while_writing_leaves_a_sound_cache(tmp_path):
    path = tmp_path / "embeddings.sqlite3"
    committed = [f"committed statement {i}" for i in range(50)]
    embed(committed, FakeEmbedder(), EmbeddingCache(path))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    child = subprocess.Popen(
        [sys.executable, "-c", CACHE_WRITER, str(path)], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        for _ in range(5):  # some transactions done, more under way
            assert child.stdout.readline().strip()
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    cache = EmbeddingCache(path)
    found = cache.get("fake-model", committed)
    assert set(found) == set(committed) and cache.notice == ""
    np.testing.assert_allclose(np.stack([found[t] for t in committed]), np.stack([fake_vector(t) for t in committed]), rtol=1e-6)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT count(*) FROM vectors").fetchone()[0] >= 50 + 5 * 200
    db.close()
