"""The on-disk embedding cache: hits, misses, damage and concurrent writers."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from readout_tui.core.engine.cache import EmbeddingCache, default_cache_path
from readout_tui.core.engine.embedder import embed
from readout_tui.testing import FakeEmbedder, fake_vector

TEXTS = ["Putin called Netanyahu.", "They discussed Gaza.", "The call lasted fifty minutes."]


@pytest.fixture
def cache_path(tmp_path) -> Path:
    return tmp_path / "cache" / "embeddings.sqlite3"


def expected(texts, dim=16):
    return np.stack([fake_vector(t, dim) for t in texts])


def test_default_cache_path_follows_the_environment(cache_dir):
    assert default_cache_path() == cache_dir / "embeddings.sqlite3"


def test_miss_then_hit(cache_path):
    embedder = FakeEmbedder()
    first = embed(TEXTS, embedder, EmbeddingCache(cache_path))
    assert embedder.encoded == TEXTS
    np.testing.assert_allclose(first, expected(TEXTS), rtol=1e-6)

    embedder.calls.clear()
    second = embed(TEXTS, embedder, EmbeddingCache(cache_path))  # a new process, in effect
    assert embedder.calls == []
    np.testing.assert_array_equal(first, second)
    assert second.dtype == np.float32 and second.shape == (3, 16)


def test_only_missing_texts_are_embedded_and_duplicates_once(cache_path):
    embedder = FakeEmbedder()
    cache = EmbeddingCache(cache_path)
    embed(TEXTS[:2], embedder, cache)
    embedder.calls.clear()
    vectors = embed([TEXTS[2], TEXTS[0], TEXTS[2]], embedder, cache)
    assert embedder.calls == [[TEXTS[2]]]
    np.testing.assert_allclose(vectors, expected([TEXTS[2], TEXTS[0], TEXTS[2]]), rtol=1e-6)


def test_keyed_by_model_name(cache_path):
    cache = EmbeddingCache(cache_path)
    embed(TEXTS, FakeEmbedder("model-a"), cache)
    other = FakeEmbedder("model-b", dim=8)
    vectors = embed(TEXTS, other, cache)
    assert other.encoded == TEXTS
    assert vectors.shape == (3, 8)
    again = FakeEmbedder("model-a")
    embed(TEXTS, again, EmbeddingCache(cache_path))
    assert again.calls == []


def test_keyed_by_exact_text(cache_path):
    cache = EmbeddingCache(cache_path)
    embed(["Gaza."], FakeEmbedder(), cache)
    embedder = FakeEmbedder()
    embed(["Gaza. ", "gaza.", "Газа."], embedder, cache)
    assert embedder.encoded == ["Gaza. ", "gaza.", "Газа."]


def test_warm_cache_reports_progress_without_the_model(cache_path):
    cache = EmbeddingCache(cache_path)
    embed(TEXTS, FakeEmbedder(), cache)
    seen = []
    embedder = FakeEmbedder()
    embed(TEXTS, embedder, cache, progress=lambda done, total: seen.append((done, total)))
    assert embedder.calls == [] and seen == [(3, 3)]


def test_without_a_cache_everything_is_embedded(cache_dir):
    embedder = FakeEmbedder()
    embed(TEXTS, embedder, None)
    embed(TEXTS, embedder, None)
    assert len(embedder.calls) == 2
    assert not list(cache_dir.iterdir())


def test_empty_list(cache_path):
    embedder = FakeEmbedder()
    assert embed([], embedder, EmbeddingCache(cache_path)).shape[0] == 0


# --- Damage ----------------------------------------------------------------------------------


def aside_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name + ".corrupt-*"))


@pytest.mark.parametrize(
    "garbage",
    [b"this is not a database" * 100, bytes(range(256)) * 64, b"SQLite format 3\x00" + b"\xff" * 4000],
    ids=["text", "bytes", "bad-header"],
)
def test_corrupt_file_is_set_aside_and_rebuilt(cache_path, garbage):
    cache_path.parent.mkdir(parents=True)
    cache_path.write_bytes(garbage)
    embedder = FakeEmbedder()
    cache = EmbeddingCache(cache_path)
    vectors = embed(TEXTS, embedder, cache)

    np.testing.assert_allclose(vectors, expected(TEXTS), rtol=1e-6)
    assert embedder.encoded == TEXTS
    assert cache.notice and "set aside" in cache.notice
    (aside,) = aside_files(cache_path)
    assert aside.read_bytes() == garbage  # moved, not deleted
    assert aside.name in cache.notice

    # The rebuilt cache works.
    later = FakeEmbedder()
    embed(TEXTS, later, EmbeddingCache(cache_path))
    assert later.calls == []


def test_damage_twice_keeps_both_damaged_copies(cache_path):
    cache_path.parent.mkdir(parents=True)
    for n in range(2):
        cache_path.write_bytes(f"garbage number {n}".encode() * 200)
        cache = EmbeddingCache(cache_path)
        embed(TEXTS, FakeEmbedder(), cache)
        cache.close()
    assert len(aside_files(cache_path)) == 2


def fill(cache_path: Path, count: int = 2000, dim: int = 384) -> list[str]:
    texts = [f"statement number {i} about the call" for i in range(count)]
    cache = EmbeddingCache(cache_path)
    embed(texts, FakeEmbedder(dim=dim), cache)
    cache.close()
    for suffix in ("-wal", "-shm"):
        assert not Path(f"{cache_path}{suffix}").exists()  # checkpointed on close
    return texts


@pytest.mark.parametrize("keep", [0.5, 0.9, 0.02])
def test_truncated_file_never_crashes(cache_path, keep):
    texts = fill(cache_path)
    data = cache_path.read_bytes()
    cache_path.write_bytes(data[: int(len(data) * keep)])

    embedder = FakeEmbedder(dim=384)
    cache = EmbeddingCache(cache_path)
    vectors = embed(texts, embedder, cache)
    np.testing.assert_allclose(vectors, expected(texts, 384), rtol=1e-6)
    if cache.notice:
        assert aside_files(cache_path)
    cache.close()

    # Whatever happened, the cache is whole again afterwards.
    later = FakeEmbedder(dim=384)
    embed(texts, later, EmbeddingCache(cache_path))
    assert later.calls == []


def test_rows_of_the_wrong_size_are_recomputed(cache_path):
    cache = EmbeddingCache(cache_path)
    embed(TEXTS, FakeEmbedder(), cache)
    db = sqlite3.connect(cache_path)
    db.execute("UPDATE vectors SET data = X'00010203'")  # one float, not sixteen
    db.commit()
    db.close()
    embedder = FakeEmbedder()
    vectors = embed(TEXTS, embedder, EmbeddingCache(cache_path))
    assert embedder.encoded == TEXTS
    np.testing.assert_allclose(vectors, expected(TEXTS), rtol=1e-6)


def test_rows_not_finite_are_recomputed_and_the_others_kept(cache_path):
    embed(TEXTS, FakeEmbedder(), EmbeddingCache(cache_path))
    db = sqlite3.connect(cache_path)
    bad = np.full(16, np.nan, np.float32).tobytes()
    db.execute("UPDATE vectors SET data = ? WHERE key = ?", [bad, EmbeddingCache.key(TEXTS[1])])
    db.commit()
    db.close()
    embedder = FakeEmbedder()
    vectors = embed(TEXTS, embedder, EmbeddingCache(cache_path))
    assert embedder.encoded == [TEXTS[1]]
    np.testing.assert_allclose(vectors, expected(TEXTS), rtol=1e-6)


def test_vectors_of_two_sizes_under_one_model_are_all_recomputed(cache_path):
    embed(TEXTS, FakeEmbedder(), EmbeddingCache(cache_path))
    db = sqlite3.connect(cache_path)
    db.execute(
        "UPDATE vectors SET dim = 8, data = ? WHERE key = ?", [np.ones(8, np.float32).tobytes(), EmbeddingCache.key(TEXTS[0])]
    )
    db.commit()
    db.close()
    assert EmbeddingCache(cache_path).get(FakeEmbedder().name, TEXTS) == {}


def test_a_busy_cache_is_not_mistaken_for_a_damaged_one(cache_path):
    embed(TEXTS[:1], FakeEmbedder(), EmbeddingCache(cache_path))
    holder = sqlite3.connect(cache_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process is writing
    try:
        cache = EmbeddingCache(cache_path)
        cache.timeout = 0.2
        embedder = FakeEmbedder()
        vectors = embed(TEXTS, embedder, cache)
        np.testing.assert_allclose(vectors, expected(TEXTS), rtol=1e-6)
        assert cache.notice == ""
        assert aside_files(cache_path) == []
        assert cache_path.exists()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    # The earlier vector is still there: nothing was moved aside.
    later = FakeEmbedder()
    embed(TEXTS[:1], later, EmbeddingCache(cache_path))
    assert later.calls == []


def test_a_cache_locked_while_being_created_is_not_set_aside(cache_path):
    # Another process has just created the file and holds it exclusively (it has not switched
    # to WAL yet): opening it reports "database is locked", which is not damage.
    cache_path.parent.mkdir(parents=True)
    holder = sqlite3.connect(cache_path, isolation_level=None)
    holder.execute("CREATE TABLE vectors (model TEXT NOT NULL, key TEXT NOT NULL, dim INTEGER NOT NULL,"
                   " data BLOB NOT NULL, PRIMARY KEY (model, key))")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        cache = EmbeddingCache(cache_path)
        cache.timeout = 0.2
        opened = []
        real_open = cache._open_patiently
        cache._open_patiently = lambda: opened.append(1) or real_open()
        vectors = embed(TEXTS, FakeEmbedder(), cache)
        np.testing.assert_allclose(vectors, expected(TEXTS), rtol=1e-6)
        assert cache.notice == ""
        assert aside_files(cache_path) == []
        assert len(opened) == 1  # the lock timeout is waited out once, not by get and put each
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    cache = EmbeddingCache(cache_path)  # usable once the other process lets go
    embed(TEXTS, FakeEmbedder(), cache)
    later = FakeEmbedder()
    embed(TEXTS, later, EmbeddingCache(cache_path))
    assert later.calls == []


def test_unusable_cache_directory_only_costs_speed(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory should be")
    cache = EmbeddingCache(blocker / "embeddings.sqlite3")
    embedder = FakeEmbedder()
    vectors = embed(TEXTS, embedder, cache)
    np.testing.assert_allclose(vectors, expected(TEXTS), rtol=1e-6)
    assert embedder.encoded == TEXTS


# --- Concurrent writers ----------------------------------------------------------------------


def _writer(path: str, worker: int, barrier) -> str:
    barrier.wait()
    cache = EmbeddingCache(Path(path))
    texts = [f"worker {worker} statement {i}" for i in range(60)] + [f"shared statement {i}" for i in range(30)]
    for start in range(0, len(texts), 15):  # many small transactions, interleaved with the others
        embed(texts[: start + 15], FakeEmbedder(), cache)
    cache.close()
    return cache.notice


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


@pytest.mark.parametrize("round_", range(3))
def test_concurrent_processes_leave_a_readable_cache_with_all_vectors(tmp_path, round_):
    path = tmp_path / "fresh" / "embeddings.sqlite3"  # nobody has created it yet: the racy case
    workers = 12
    context = _context()
    with context.Manager() as manager:
        barrier = manager.Barrier(workers)
        with context.Pool(workers) as pool:
            notices = pool.starmap(_writer, [(str(path), k, barrier) for k in range(workers)], chunksize=1)

    assert notices == [""] * workers
    assert aside_files(path) == []
    texts = [f"worker {k} statement {i}" for k in range(workers) for i in range(60)]
    texts += [f"shared statement {i}" for i in range(30)]
    found = EmbeddingCache(path).get("fake-model", texts)
    assert set(found) == set(texts)
    np.testing.assert_allclose(np.stack([found[t] for t in texts]), expected(texts), rtol=1e-6)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT count(*) FROM vectors").fetchone()[0] == len(texts)
    db.close()


def test_one_cache_serves_the_main_thread_and_a_worker_thread(cache_path):
    # The app reads the cache on its main thread, then embeds and stores from a worker.
    import threading

    cache = EmbeddingCache(cache_path)
    embedder = FakeEmbedder()
    assert cache.get(embedder.name, ["a statement"]) == {}
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            embed(["a statement"], embedder, cache)
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert errors == []
    assert set(cache.get(embedder.name, ["a statement"])) == {"a statement"}
