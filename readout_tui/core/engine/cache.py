"""The on-disk cache of embeddings (and of each readout's language), in one SQLite file."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from readout_tui.core.io.files import FileRefused, require_regular_or_absent

# numpy is imported where vectors are handled: the app makes this object before its first
# paint, which must not wait for numpy.
if TYPE_CHECKING:
    import numpy as np


def default_cache_path() -> Path:
    from platformdirs import user_cache_dir

    override = os.environ.get("READOUT_TUI_CACHE_DIR")
    root = Path(override) if override else Path(user_cache_dir("readout-tui"))
    return root / "embeddings.sqlite3"


class EmbeddingCache:
    """Vectors keyed by (model, statement text) in one SQLite file.

    SQLite gives atomic commits and safe concurrent writers for free. A file that is not a
    readable database is moved aside (never deleted) and a fresh one started, so a damaged
    cache costs a recomputation, not a crash.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_cache_path()
        self.notice = ""
        """Set when the cache file had to be set aside; the caller decides how to tell the user."""
        self._db: sqlite3.Connection | None = None
        # The app reads the cache on its main thread and fills it from a worker thread: one
        # connection, shared under a lock.
        self._lock = threading.RLock()
        self._unavailable = False
        """Set when the file could not be opened; later calls do without it at once instead of
        waiting out the lock timeout again."""

    timeout = 30.0
    """Seconds to wait for another process holding the cache before doing without it."""

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None or self._unavailable:
            return self._db
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # SQLite would wait on a FIFO, or take a device for a damaged database and have it
            # set aside: anything but a regular file is left alone and the cache done without.
            require_regular_or_absent(self.path)
            self._db = self._open_patiently()
        except sqlite3.Error as exc:
            if _damaged(exc):
                self._set_aside()
                try:
                    self._db = self._open_patiently()
                except (sqlite3.Error, OSError):
                    self._db = None
            # else: busy past the timeout, read-only, disk full: only costs speed
        except FileRefused as exc:
            self._db = None
            self.notice = f"embedding cache {self.path} is {exc.strerror}; not using it"
        except OSError:
            self._db = None  # an unwritable cache directory only costs speed
        self._unavailable = self._db is None
        return self._db

    def _open_patiently(self) -> sqlite3.Connection:
        """Open, retrying while another process holds a lock: switching to WAL and creating
        the table can report "database is locked" at once instead of waiting."""
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                return self._open()
            except sqlite3.OperationalError as exc:
                if not _busy(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(
            self.path, timeout=self.timeout, isolation_level=None, check_same_thread=False
        )
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                db.execute("PRAGMA journal_mode=WAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS vectors ("
                " model TEXT NOT NULL, key TEXT NOT NULL, dim INTEGER NOT NULL, data BLOB NOT NULL,"
                " PRIMARY KEY (model, key))"
            )
            db.execute(
                "CREATE TABLE IF NOT EXISTS languages ("
                " key TEXT PRIMARY KEY, code TEXT NOT NULL, confidence REAL NOT NULL)"
            )
            db.execute("SELECT count(*) FROM vectors WHERE model = ''").fetchone()
        except BaseException:
            db.close()
            raise
        return db

    def _set_aside(self) -> None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{os.getpid()}")
        n = 1
        while aside.exists():  # never overwrite an earlier damaged copy
            aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{os.getpid()}-{n}")
            n += 1
        try:
            os.replace(self.path, aside)
            for suffix in ("-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            self.notice = f"embedding cache was damaged; set aside as {aside.name} and rebuilt"
        except OSError:
            self.notice = "embedding cache is damaged and could not be set aside; not using it"

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, model: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """Return the cached vectors among ``texts``, keyed by text."""
        import numpy as np

        with self._lock:
            db = self._connect()
            if db is None or not texts:
                return {}
            by_key = {self.key(t): t for t in texts}
            # Each size's vectors read as one array and checked at once: one check per vector
            # was ~0.1 s of a warm comparison at 10,000 statements a side.
            by_size: dict[int, tuple[list[str], list[bytes]]] = {}
            keys = list(by_key)
            try:
                for start in range(0, len(keys), 500):
                    chunk = keys[start : start + 500]
                    marks = ",".join("?" * len(chunk))
                    rows = db.execute(
                        f"SELECT key, dim, data FROM vectors WHERE model = ? AND key IN ({marks})",
                        [model, *chunk],
                    )
                    for key, dim, data in rows:
                        if isinstance(data, bytes) and isinstance(dim, int) and dim > 0 and len(data) == 4 * dim:
                            named, blobs = by_size.setdefault(dim, ([], []))
                            named.append(by_key[key])
                            blobs.append(data)
            except sqlite3.Error as exc:
                if _damaged(exc):
                    self._recover()
                return {}
            found: dict[str, np.ndarray] = {}
            for dim, (named, blobs) in by_size.items():
                vectors = np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(len(blobs), dim)
                finite = np.isfinite(vectors).all(axis=1)
                found.update((text, vector) for text, vector, ok in zip(named, vectors, finite.tolist()) if ok)
            dims = {v.shape[0] for v in found.values()}
            if len(dims) > 1:  # the same model name gave vectors of another size once: trust none
                return {}
            return found

    def put(self, model: str, texts: Sequence[str], vectors: np.ndarray) -> None:
        import numpy as np

        with self._lock:
            db = self._connect()
            if db is None:
                return
            rows = [
                (model, self.key(t), int(v.shape[0]), np.ascontiguousarray(v, dtype=np.float32).tobytes())
                for t, v in zip(texts, vectors)
            ]
            try:
                with db:
                    db.execute("BEGIN IMMEDIATE")
                    db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)", rows)
            except sqlite3.Error as exc:
                if _damaged(exc):
                    self._recover()

    def get_language(self, key: str) -> tuple[str, float] | None:
        """A readout's language as identified before (see ``language.cache_key``): a warm
        comparison then never loads the identifier's model either."""
        with self._lock:
            db = self._connect()
            if db is None:
                return None
            try:
                row = db.execute("SELECT code, confidence FROM languages WHERE key = ?", [key]).fetchone()
            except sqlite3.Error as exc:
                if _damaged(exc):
                    self._recover()
                return None
            if row is None or not isinstance(row[0], str) or not isinstance(row[1], float):
                return None
            return row[0], row[1]

    def put_language(self, key: str, code: str, confidence: float) -> None:
        with self._lock:
            db = self._connect()
            if db is None:
                return
            try:
                with db:
                    db.execute("BEGIN IMMEDIATE")
                    db.execute("INSERT OR REPLACE INTO languages VALUES (?, ?, ?)", [key, code, confidence])
            except sqlite3.Error as exc:
                if _damaged(exc):
                    self._recover()

    def _recover(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        self._set_aside()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def _damaged(exc: sqlite3.Error) -> bool:
    """Whether an error means the file is not a usable database (as opposed to busy, locked,
    read-only or full, which must never get a healthy cache moved aside)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name:
        return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
    return isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError)


def _busy(exc: sqlite3.Error) -> bool:
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc)
