"""Saving the analyst's work on a comparison, and getting it back.

A case folder keeps its session in ``session.json`` inside it. Two loose files keep theirs in
the user's data directory (``READOUT_TUI_DATA_DIR`` moves it), under a name derived from the
two files' paths, so that editing a readout finds the same session again; standard input and
a stream the shell opened (``<(curl ...)``, a new /dev/fd path each time) are named by their
text.

The session stores each side's statement texts. When a readout has changed since, every
decision is moved to the statement with the same text, or failing that the most similar one
(small edits: a fixed typo, a changed figure); what has no such statement any more is reported,
and kept in the file under "lost" rather than dropped. The undo history is saved too (the last
``HISTORY_KEPT`` edits) and comes back while the readouts are as they were; once they have
changed it starts afresh, as its steps could not all be carried over. Each step is stored as
its difference from the step after it (the newest from the current decisions), and a note
changed by a step as the part that changed, so a long note is in the file once, not once per
edit.

A comparison read from one news article also keeps the analyst's assignment: the statements
moved by hand from one account to the other (or to neither), by their text
(``Attribution.hand_moves``). The decisions refer to the accounts as assigned, so the saved
moves are applied to the article before the decisions are fitted to it.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import re
import stat
import weakref
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType

from readout_tui.core.engine.settings import AlignmentSettings
from readout_tui.core.io.display import well_formed
from readout_tui.core.io.files import FileRefused, read_bounded, write_atomic
from readout_tui.core.io.loading import MAX_INPUT_BYTES, Comparison, is_stream
from readout_tui.core.types import Kind, statement_ref
from readout_tui.core.work.decisions import Decisions, Step, pair_note_key, records
from readout_tui.core.work.segments import SegmentEdit, resegmented

FILE_NAME = "session.json"
VERSION = 2
READABLE_VERSIONS = (1, 2)
"""Version 1 stored each undo step whole; it is still read."""
SIMILAR_ENOUGH = 85
"""rapidfuzz ratio (0-100) from which an edited statement counts as the same statement: a
changed word or figure in a sentence of ordinary length stays above it, a different sentence
falls far below."""
HISTORY_KEPT = 100
"""Edits of the undo history kept in the file: enough to retrace a working session."""
MAX_SESSION_BYTES = 4 * MAX_INPUT_BYTES
"""The file holds both readouts' statements (each up to ``MAX_INPUT_BYTES``) and the work on
them; anything larger is not a session this program wrote."""
_PACKAGE = Path(__file__).resolve().parents[2]
"""The installed package (readout_tui/), where the bundled example lives."""


@dataclass(frozen=True)
class Cursor:
    side: str
    index: int


@dataclass(frozen=True)
class LostDecision:
    """A saved decision or note that found no statement in edited readouts. It is kept with
    the whole texts of the statements it was on, so that it can be read and made again
    (``Workspace.reapply``), never dropped unless the user discards it."""

    description: str
    """One line: what it was and the statements it was on ("link (same): L3 “…” / R2 “…”")."""
    kind: str = ""
    """"link", "unlink", "unique" or "note"; "" for one an earlier version kept as a line only."""
    statements: tuple[tuple[str, str], ...] = ()
    """(side, whole text) of each statement it was on: one, or the two of a pair."""
    link_kind: str = ""
    """A link's kind (``Kind`` value)."""
    note: str = ""
    """A note's whole text."""

    @property
    def on_pair(self) -> bool:
        return len(self.statements) == 2


@dataclass(frozen=True)
class Session:
    """What is saved: the decisions, the threshold and the cursor, in the comparison's
    orientation, and any decisions that could not be carried over to edited readouts."""

    decisions: Decisions = field(default_factory=Decisions)
    threshold: float | None = None
    cursor: Cursor | None = None
    lost: tuple[LostDecision, ...] = ()
    lexical_threshold: float | None = None
    """The threshold for shared words alone (no model, or a language it lacks): a scale of
    its own, so saved apart from ``threshold``."""
    undo: tuple[Step, ...] = ()
    """The undo history, oldest first (``Journal.undo_steps``)."""
    redo: tuple[Step, ...] = ()
    assignment: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """For an article: the statements moved by hand, text -> "left", "right" or "neither"
    (``Attribution.hand_moves``)."""
    segments: tuple[SegmentEdit, ...] = ()
    """Statements the analyst split or merged, made in order over the files' statements."""

    def applied_to(self, settings: AlignmentSettings) -> AlignmentSettings:
        """``settings`` with the thresholds this session saved, where it saved them."""
        if self.threshold is not None:
            settings = settings.with_threshold(self.threshold, semantic=True)
        if self.lexical_threshold is not None:
            settings = settings.with_threshold(self.lexical_threshold, semantic=False)
        return settings


@dataclass(frozen=True)
class Restored:
    """A loaded session and what the user should be told about loading it."""

    session: Session
    carried: int = 0
    """Decisions and notes moved to edited readouts."""
    lost: tuple[str, ...] = ()
    """Decisions and notes of this load that found no statement, each described in a line."""
    notice: str = ""
    """Why the saved file could not be used, when it could not."""
    comparison: Comparison | None = None
    """The comparison with the session's splits and merges made; None when it has none."""
    found_again: int = 0
    """Decisions kept aside as lost whose statements all read again as they did (an edit
    taken back, the readouts split into statements as they were): made again on them."""


def data_dir() -> Path:
    configured = os.environ.get("READOUT_TUI_DATA_DIR")
    if configured:
        return Path(configured)
    from platformdirs import user_data_dir

    return Path(user_data_dir("readout-tui", appauthor=False))


def own_case_folder(comparison: Comparison) -> Path | None:
    """The comparison's case folder when it is the user's (not the example inside the
    installed package, which may not be written to)."""
    case = comparison.case_dir
    return case if case is not None and not _inside(case.resolve(), _PACKAGE) else None


def session_path(comparison: Comparison) -> Path:
    """Where this comparison's session lives (see the module's docstring)."""
    case = comparison.case_dir
    if own_case_folder(comparison) is not None:
        return case / FILE_NAME
    article = comparison.info.article
    if case is not None:
        names = [str(case.resolve())]
    elif article is not None and _named_by_text(comparison.left.source):
        # Known by the article's text, not by its accounts': those change as statements move.
        names = [_identity("-", [s.text for s in article.statements])]
    else:
        names = [_identity(r.source, r.texts) for r in (comparison.left, comparison.right)]
    digest = hashlib.sha256("\0".join(names).encode("utf-8", "surrogatepass")).hexdigest()
    return data_dir() / "sessions" / f"{digest[:32]}.json"


def own_file(target: Path, comparison: Comparison) -> str:
    """What ``target`` is to ``comparison`` when it is one of the files it is read from or
    keeps its work in ("the left readout", "the saved session"); "" for any other file. A
    report written over one destroyed it: 'compare LEFT RIGHT -o LEFT' replaced the readout."""
    readouts = {comparison.left.source: "the left readout", comparison.right.source: "the right readout"}
    if comparison.info.article is not None:
        readouts = {comparison.left.source: "the article"}
    owned = [(Path(source), what) for source, what in readouts.items() if source and not is_stream(source)]
    if comparison.case_dir is not None:
        owned.append((comparison.case_dir / "meta.json", "the case's meta.json"))
    path = session_path(comparison)
    owned += [(path, "the saved session"), (lock_path(path), "the saved session's lock")]
    for path, what in owned:
        try:
            if target.exists() and path.exists() and os.path.samefile(target, path):
                return what
        except OSError:
            pass
        if os.path.realpath(target) == os.path.realpath(path):
            return what
    return ""


def _identity(source: str, texts: Sequence[str]) -> str:
    if not _named_by_text(source):
        return "path:" + str(Path(source).resolve())
    return "text:" + "\n".join(texts)


def _named_by_text(source: str) -> bool:
    """Standard input, or a stream the shell opened: no path of it finds the session again (a
    stream's resolved to a pipe of this process, so each run had saved to a new session)."""
    return source in ("", "-") or is_stream(source)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


class ReadOnlySession(OSError):
    """A save refused because this store may not write: ``strerror`` says why, in one line."""


class SessionBusy(OSError):
    """Another instance holds the session; ``strerror`` says which, in one line."""


class SessionStore:
    """One comparison's session file, and whether this process may write it.

    One writer per session: ``open`` takes a lock (``flock`` on a lock file beside the session)
    and keeps it until ``close`` or the end of the process, so a second instance on the same
    comparison opens read-only, and says why in ``read_only``. The kernel releases the lock of
    a process that died, so a crash never leaves the session locked. A store made with ``of``
    (``compare``, scripts) holds no lock, but takes it for the moment of each write, so it
    never overwrites a session that an instance has open either.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.read_only = ""
        """Why this store does not save, in one line ("" when it does): another instance has
        the comparison open, or the session's folder cannot be written."""
        self.unsaved = ""
        """Why the last save failed, in one line ("" when it succeeded, or none was tried):
        while it is set, the work on screen is not on disk."""
        self._held: int | None = None
        self._release: weakref.finalize | None = None
        self._loaded: Session | None = None
        self._differences: Differences = {}

    @classmethod
    def of(cls, comparison: Comparison) -> SessionStore:
        return cls(session_path(comparison))

    @classmethod
    def open(cls, comparison: Comparison) -> SessionStore:
        """The store of the app's one writer on ``comparison``: holding the session's lock, or
        read-only (see ``read_only``) when it cannot be had."""
        store = cls.of(comparison)
        try:
            store._held = _lock(store.path)
        except OSError as exc:
            store.read_only = _why_not(store.path, exc)
        else:
            store._release = weakref.finalize(store, os.close, store._held)
        return store

    @property
    def writable(self) -> bool:
        return not self.read_only

    def close(self) -> None:
        """Let go of the session's lock (kept until the process ends otherwise)."""
        if self._release is not None:
            self._release()
            self._release = self._held = None

    def __enter__(self) -> SessionStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def load(self, comparison: Comparison) -> Restored:
        """The saved session fitted to ``comparison``'s current statements; an empty one when
        there is none. A file that cannot be read as a session is set aside, never deleted
        (by a store that may write; a read-only one leaves it to the writer)."""
        restored = self._load(comparison)
        self._loaded = restored.session
        return restored

    def _load(self, comparison: Comparison) -> Restored:
        try:
            raw = read_bounded(self.path, MAX_SESSION_BYTES)
        except FileNotFoundError:
            return Restored(Session())
        except OSError as exc:
            return Restored(Session(), notice=f"{self.path}: cannot read it ({exc.strerror or exc})")
        try:
            saved = _parse(raw)
        except (ValueError, TypeError, KeyError, RecursionError) as exc:
            return Restored(Session(), notice=self._set_aside(exc))
        return _fit(saved, as_assigned(comparison, saved.assignment))

    def save(self, session: Session, comparison: Comparison) -> None:
        """Write the session atomically. Raises OSError when it cannot be written, and
        ``ReadOnlySession`` when this store may not write and ``session`` holds work that the
        loaded one did not (a read-only store passes over a mere cursor move)."""
        if self.read_only:
            if self._loaded is not None and _same_work(session, self._loaded):
                self.unsaved = ""  # edits undone back to what is on disk: nothing is lost
                return
            self.unsaved = self.read_only
            raise ReadOnlySession(errno.EROFS, self.read_only, str(self.path))
        try:
            with self._writing():
                self.path.parent.mkdir(parents=True, exist_ok=True)
                document, self._differences = _document(session, comparison, self._differences)
                write_atomic(self.path, _dumps(document))
        except OSError as exc:
            self.unsaved = f"{self.path}: {exc.strerror or exc}"
            raise
        self.unsaved = ""

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """Under the session's lock: the one this store holds, or taken for the moment."""
        if self._held is not None:
            yield
            return
        handle = _lock(self.path)
        try:
            yield
        finally:
            os.close(handle)

    def _set_aside(self, problem: Exception) -> str:
        if self.read_only:
            return f"{self.path.name} is not a readable session ({problem}); left as it is: {self.read_only}"
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        try:
            with self._writing():
                os.replace(self.path, aside)
        except OSError as exc:
            return f"{self.path}: not a readable session ({problem}); could not set it aside ({exc.strerror or exc})"
        return f"{self.path.name} was not a readable session ({problem}); kept as {aside.name}, starting afresh"


def _same_work(session: Session, loaded: Session) -> bool:
    """Whether ``session`` holds nothing that ``loaded`` did not: the decisions, thresholds,
    statement edits and assignment (the cursor and the undo history are not work that could be
    lost)."""
    work = lambda s: (s.decisions, s.threshold, s.lexical_threshold, s.segments, dict(s.assignment))  # noqa: E731
    return work(session) == work(loaded)


def as_assigned(comparison: Comparison, assignment: Mapping[str, str]) -> Comparison:
    """``comparison`` with its article's statements moved as ``assignment`` says (the accounts
    a session's decisions refer to), even when that leaves an account empty; ``comparison``
    itself when it is not an article or nothing was moved."""
    article = comparison.info.article
    if article is None or not assignment:
        return comparison
    from readout_tui.core.io.article import accounts

    moves, _ = fitted_moves(assignment, [s.text for s in article.statements])
    return accounts(comparison, article.with_hand_moves(moves))


def fitted_moves(assignment: Mapping[str, str], texts: Sequence[str]) -> tuple[dict[str, str], list[str]]:
    """A saved assignment (statement text -> account) keyed by the article's statements as
    they read now, and the saved texts that no statement fits any more. A statement edited a
    little since (a fixed typo, a reworded clause) keeps its move, as a decision follows its
    statement (``statement_map``); it was kept aside as gone from the article."""
    saved = list(assignment)
    found = statement_map(saved, texts)
    moves = {texts[new]: assignment[saved[old]] for old, new in sorted(found.items())}
    return moves, [text for index, text in enumerate(saved) if index not in found]


def carried_over(session: Session, before: Comparison, after: Comparison) -> Restored:
    """``session``, whose decisions refer to ``before``'s statements, fitted to ``after``'s
    (an article's statements moved to other accounts), as a saved session is fitted to edited
    readouts: decisions follow their statements' texts, and those whose statement left its
    account are kept aside in ``lost``. ``carried`` stays 0: statements moving along when
    another is moved out is what an assignment does, not news."""
    document, _ = _document(session, before)
    return replace(_fit(_saved(document), after), carried=0)


# -- the lock ---------------------------------------------------------------------------------


def lock_path(path: Path) -> Path:
    """The lock file of the session at ``path``: beside it, hidden, never removed (removing a
    lock file lets two processes lock two different files of one name)."""
    return path.with_name(f".{path.name}.lock")


def _lock(path: Path) -> int:
    """Take the session's lock without waiting; its file descriptor. ``flock`` rather than
    ``fcntl``/``lockf`` record locks: those belong to the process, so two app instances in one
    process (as in tests) would both get one, and closing any descriptor of the file drops it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = lock_path(path)
    flags = os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        handle, writable = os.open(lock, os.O_RDWR | flags, 0o666), True
    except PermissionError:
        # Another user's lock file in a shared folder: a lock needs no write access to it.
        handle, writable = os.open(lock, os.O_RDONLY | flags, 0o666), False
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise FileRefused(errno.EINVAL, "the lock file is not a regular file", str(lock))
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SessionBusy(errno.EBUSY, _holder(lock), str(lock)) from None
        if writable:
            # Who holds it, for the message the other instance shows; the lock is the flock.
            os.ftruncate(handle, 0)
            os.pwrite(handle, f"{os.getpid()}\n".encode(), 0)
    except BaseException:
        os.close(handle)
        raise
    return handle


def _holder(lock: Path) -> str:
    try:
        pid = int(read_bounded(lock, 32).decode("ascii").strip())
    except (OSError, ValueError):
        return "another readout-tui is working on this comparison"
    return f"another readout-tui (process {pid}) is working on this comparison"


def _why_not(path: Path, problem: OSError) -> str:
    if isinstance(problem, SessionBusy):
        return problem.strerror
    if problem.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = f"{path.parent}: {problem.strerror}"
    else:
        why = f"cannot lock {lock_path(path)}: {problem.strerror or problem}"
    # What it means and, where the sessions folder is ours to move, what to do, before the long
    # path: a notice is one row, cut at the screen's edge (the help lists it whole).
    remedy = "; set READOUT_TUI_DATA_DIR to a writable folder" if _inside(path, data_dir()) else ""
    return f"cannot save{remedy} ({why})"


# -- the file's shape ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Recorded:
    """Decisions as the file has them, by the saved statements' indices."""

    links: list[tuple[int, int, Kind]]
    unlinks: list[tuple[int, int]]
    unique: list[tuple[str, int]]
    notes: list[tuple[tuple, str]]


@dataclass(frozen=True)
class _Saved:
    texts: dict[str, list[str]]
    decisions: _Recorded
    threshold: float | None
    cursor: Cursor | None
    lost: tuple[LostDecision, ...]
    lexical_threshold: float | None
    undo: list[Step]
    redo: list[Step]
    """The history as saved, by the saved statements' indices."""
    assignment: Mapping[str, str]
    segments: tuple[SegmentEdit, ...] = ()


def _document(session: Session, comparison: Comparison, known: Differences | None = None) -> tuple[dict, Differences]:
    """The file's content, and the differences it holds (to pass as ``known`` next time)."""
    known = known or {}
    used: Differences = {}
    return {
        "version": VERSION,
        "threshold": session.threshold,
        "lexical_threshold": session.lexical_threshold,
        "cursor": {"side": session.cursor.side, "index": session.cursor.index} if session.cursor else None,
        "statements": {"left": comparison.left.texts, "right": comparison.right.texts},
        **records(session.decisions),
        "lost": [_lost_record(lost) for lost in session.lost],
        "assignment": [{"text": text, "side": side} for text, side in sorted(session.assignment.items())],
        "segments": [
            {"side": e.side, "kind": e.kind, "texts": list(e.texts), "at": e.at} for e in session.segments
        ],
        "history": {
            "undo": _history(session.decisions, session.undo[-HISTORY_KEPT:], known, used),
            "redo": _history(session.decisions, session.redo[-HISTORY_KEPT:], known, used),
        },
    }, used


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _dumps(document: dict) -> bytes:
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        # Lone surrogates cannot be encoded as UTF-8, but JSON can hold them as \u escapes: a
        # session always saves and loads back, whatever text reached it.
        return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text).encode("utf-8")


def _threshold(document: dict, key: str) -> float | None:
    value = document.get(key)
    if value is None:
        return None
    if not (isinstance(value, int | float) and 0 <= value <= 1):
        raise ValueError(f"{key} out of range: {value!r}")
    return float(value)


def _parse(raw: bytes) -> _Saved:
    return _saved(json.loads(raw.decode("utf-8")))


def _saved(document: object) -> _Saved:
    if not isinstance(document, dict) or document.get("version") not in READABLE_VERSIONS:
        raise ValueError("not a readout-tui session")
    texts = {side: [_text(t) for t in document["statements"][side]] for side in ("left", "right")}
    cursor = document.get("cursor")
    history = document.get("history", {})
    if not isinstance(history, dict):
        raise ValueError("history is not a mapping")
    recorded = _recorded(document)
    current = _build(recorded, _as_saved)
    whole = document["version"] == 1
    return _Saved(
        texts=texts,
        decisions=recorded,
        threshold=_threshold(document, "threshold"),
        lexical_threshold=_threshold(document, "lexical_threshold"),
        cursor=Cursor(_side(cursor["side"]), _index(cursor["index"])) if cursor else None,
        lost=tuple(_lost(x) for x in document.get("lost", [])),
        undo=_steps(current, history.get("undo", []), whole),
        redo=_steps(current, history.get("redo", []), whole),
        assignment=_assignment(document.get("assignment", [])),
        segments=tuple(_segment(x) for x in document.get("segments", [])),
    )


def _assignment(entries: object) -> Mapping[str, str]:
    if not isinstance(entries, list):
        raise ValueError("the assignment is not a list")
    moves = {}
    for entry in entries:
        side = entry["side"]
        if side not in ("left", "right", "neither"):
            raise ValueError(f"not an account: {side!r}")
        moves[well_formed(_text(entry["text"]))] = side
    return MappingProxyType(moves)


def _segment(value: object) -> SegmentEdit:
    if not isinstance(value, dict) or value.get("kind") not in ("split", "merge"):
        raise ValueError("a statement edit is neither a split nor a merge")
    texts = tuple(well_formed(_text(t)) for t in value["texts"])
    if len(texts) != (1 if value["kind"] == "split" else 2):
        raise ValueError("a statement edit with the wrong number of statements")
    return SegmentEdit(_side(value["side"]), value["kind"], texts, _index(value.get("at", 0)))


def _as_saved(refs: list[tuple[str, int]], what: str, **lost: str) -> list[int]:
    return [i for _, i in refs]


def _lost_record(lost: LostDecision) -> dict:
    return {
        "description": lost.description,
        "kind": lost.kind,
        "statements": [{"side": side, "text": text} for side, text in lost.statements],
        "link_kind": lost.link_kind,
        "note": lost.note,
    }


def _lost(value: object) -> LostDecision:
    if isinstance(value, str):  # an earlier version kept the line alone
        return LostDecision(well_formed(value))
    if not isinstance(value, dict):
        raise ValueError("a lost decision is neither a line nor a record")
    kind = _text(value.get("kind", ""))
    if kind not in ("", "link", "unlink", "unique", "note"):
        raise ValueError(f"unknown lost decision: {kind!r}")
    statements = tuple((_side(x["side"]), well_formed(_text(x["text"]))) for x in value.get("statements", []))
    if len(statements) > 2:
        raise ValueError("a lost decision on more than two statements")
    link_kind = _text(value.get("link_kind", ""))
    if link_kind:
        Kind(link_kind)
    return LostDecision(
        well_formed(_text(value["description"])), kind, statements, link_kind, well_formed(_text(value.get("note", "")))
    )


def _recorded(document: dict) -> _Recorded:
    notes = [(_note_key(note), well_formed(_text(note["text"]))) for note in document.get("notes", [])]
    return _Recorded(
        links=[(_index(x["left"]), _index(x["right"]), Kind(x["kind"])) for x in document.get("links", [])],
        unlinks=[(_index(x["left"]), _index(x["right"])) for x in document.get("unlinks", [])],
        unique=[(_side(x["side"]), _index(x["index"])) for x in document.get("unique", [])],
        notes=notes,
    )


def _note_key(note: dict) -> tuple:
    if note["on"] == "pair":
        return pair_note_key(_index(note["left"]), _index(note["right"]))
    return (_side(note["on"]), _index(note["index"]))


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, found {type(value).__name__}")
    return value


def _index(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"not a statement index: {value!r}")
    return value


def _side(value: object) -> str:
    if value not in ("left", "right"):
        raise ValueError(f"not a side: {value!r}")
    return value  # type: ignore[return-value]


# -- the undo history as differences -------------------------------------------------------------

_KEPT_ENOUGH = 64
"""A changed note is stored as the part that changed when the unchanged start and end together
are longer than this; below it the whole note is as short as the description of the change."""


Differences = dict[tuple[int, int], tuple[Decisions, Decisions, dict]]
"""Differences already worked out, by the two decisions' identities (kept with them, so the
identities stay theirs): the steps of a journal are the same objects from one save to the
next, so a save after an edit works out one new difference, not a hundred."""


def _history(current: Decisions, steps: Sequence[Step], known: Differences, used: Differences) -> list[dict]:
    """``steps`` (oldest first, the newest next to ``current``) as differences: each from the
    decisions after it. Those in ``known`` are taken from it; all are put in ``used``."""
    entries = []
    after = current
    for what, decisions in reversed(steps):
        pair = (id(after), id(decisions))
        difference = known[pair][2] if pair in known else _difference(after, decisions)
        used[pair] = (after, decisions, difference)
        entries.append({"what": what, **difference})
        after = decisions
    entries.reverse()
    return entries


def _difference(base: Decisions, target: Decisions) -> dict:
    """What turns ``base`` into ``target``: entries to add or change, entries to remove."""
    added = Decisions(
        links=MappingProxyType({k: v for k, v in target.links.items() if base.links.get(k) is not v}),
        unlinks=target.unlinks - base.unlinks,
        unique=target.unique - base.unique,
    )
    entry = {name: value for name, value in records(added).items() if value}
    notes = []
    for key, text in sorted(target.notes.items(), key=lambda item: repr(item[0])):
        before = base.notes.get(key)
        if before is text:
            continue
        note = {**_note_ref(key), "text": text}
        if before is not None:
            start = _common_start(before, text)
            if start == len(before) == len(text):
                continue
            end = _common_end(before, text, min(len(before), len(text)) - start)
            if start + end > _KEPT_ENOUGH:
                note = {**_note_ref(key), "keep": [start, end], "text": text[start : len(text) - end]}
        notes.append(note)
    if notes:
        entry["notes"] = notes
    removed = {
        "links": [{"left": left, "right": right} for left, right in sorted(base.links.keys() - target.links.keys())],
        "unlinks": [{"left": left, "right": right} for left, right in sorted(base.unlinks - target.unlinks)],
        "unique": [{"side": side, "index": index} for side, index in sorted(base.unique - target.unique)],
        "notes": [_note_ref(key) for key in sorted(base.notes.keys() - target.notes.keys(), key=repr)],
    }
    removed = {name: value for name, value in removed.items() if value}
    if removed:
        entry["removed"] = removed
    return entry


def _steps(current: Decisions, entries: object, whole: bool) -> list[Step]:
    """The saved steps rebuilt, oldest first: each whole (version 1) or from the one after it."""
    if not isinstance(entries, list):
        raise ValueError("history steps are not a list")
    steps: list[Step] = []
    after = current
    for entry in reversed(entries):
        what = well_formed(_text(entry["what"]))
        after = _build(_recorded(entry), _as_saved) if whole else _undone(after, entry)
        steps.append((what, after))
    steps.reverse()
    return steps


def _undone(base: Decisions, entry: dict) -> Decisions:
    """``base`` with one saved difference applied; a difference that does not fit ``base`` is
    damage, like any other malformed content."""
    removed = entry.get("removed", {})
    if not isinstance(removed, dict):
        raise ValueError("removed entries are not a mapping")
    gone_links = {(_index(x["left"]), _index(x["right"])) for x in removed.get("links", [])}
    links = {k: v for k, v in base.links.items() if k not in gone_links}
    links.update(
        ((_index(x["left"]), _index(x["right"])), Kind(x["kind"])) for x in entry.get("links", [])
    )
    unlinks = (base.unlinks - {(_index(x["left"]), _index(x["right"])) for x in removed.get("unlinks", [])}) | {
        (_index(x["left"]), _index(x["right"])) for x in entry.get("unlinks", [])
    }
    unique = (base.unique - {(_side(x["side"]), _index(x["index"])) for x in removed.get("unique", [])}) | {
        (_side(x["side"]), _index(x["index"])) for x in entry.get("unique", [])
    }
    gone_notes = {_note_key(x) for x in removed.get("notes", [])}
    notes = {k: v for k, v in base.notes.items() if k not in gone_notes}
    for note in entry.get("notes", []):
        key, text = _note_key(note), _text(note["text"])
        if "keep" in note:
            start, end = (_index(n) for n in note["keep"])
            before = base.notes[key]
            if start + end > len(before):
                raise ValueError(f"a note change keeps more than the note holds: {note['keep']!r}")
            text = before[:start] + text + before[len(before) - end :]
        notes[key] = well_formed(text)
    return Decisions(MappingProxyType(links), frozenset(unlinks), frozenset(unique), MappingProxyType(notes))


def _within(decisions: Decisions, sizes: tuple[int, int]) -> Decisions:
    """``decisions`` without what names a statement past the end (a hand-edited file)."""

    def fits(side: str, index: int) -> bool:
        return index < sizes[0 if side == "left" else 1]

    def pair_fits(key: tuple[int, int]) -> bool:
        return fits("left", key[0]) and fits("right", key[1])

    def note_fits(key: tuple) -> bool:
        return pair_fits(key[1:]) if key[0] == "pair" else fits(*key)

    return Decisions(
        links=MappingProxyType({k: v for k, v in decisions.links.items() if pair_fits(k)}),
        unlinks=frozenset(k for k in decisions.unlinks if pair_fits(k)),
        unique=frozenset(k for k in decisions.unique if fits(*k)),
        notes=MappingProxyType({k: v for k, v in decisions.notes.items() if note_fits(k)}),
    )


def _note_ref(key: tuple) -> dict:
    if key[0] == "pair":
        return {"on": "pair", "left": key[1], "right": key[2]}
    return {"on": key[0], "index": key[1]}


_CHUNK = 1 << 16
"""Notes are compared this many characters at a time (each one C-level comparison of a copy
small enough to come from reused memory), then by binary search inside the first chunk that
differs: a megabyte note costs a fraction of a millisecond, where a Python loop over its
characters would cost a hundred, and halving the whole note would copy megabytes."""


def _common_start(a: str, b: str) -> int:
    """How many first characters ``a`` and ``b`` share."""
    limit = min(len(a), len(b))
    low, high = 0, min(_CHUNK, limit)  # a[:low] == b[:low]
    while low < limit and a.startswith(b[low:high], low):
        low, high = high, min(high + _CHUNK, limit)
    high = min(high - 1, limit)  # they differ before high (or low is the limit)
    while low < high:
        middle = (low + high + 1) // 2
        if a.startswith(b[low:middle], low):
            low = middle
        else:
            high = middle - 1
    return low


def _common_end(a: str, b: str, limit: int) -> int:
    """How many final characters ``a`` and ``b`` share, at most ``limit``."""

    def same(low: int, high: int) -> bool:
        """Whether the characters from ``high`` to ``low`` before the ends match."""
        return a.endswith(b[len(b) - high : len(b) - low], 0, len(a) - low)

    low, high = 0, min(_CHUNK, limit)
    while low < limit and same(low, high):
        low, high = high, min(high + _CHUNK, limit)
    high = min(high - 1, limit)
    while low < high:
        middle = (low + high + 1) // 2
        if same(low, middle):
            low = middle
        else:
            high = middle - 1
    return low


# -- carrying decisions over to edited readouts ------------------------------------------------


def statement_map(old: Sequence[str], new: Sequence[str]) -> dict[int, int]:
    """Old statement index -> new index: the same text first (in order, so repeated
    statements pair up one to one), then the most similar remaining text."""
    free: dict[str, deque[int]] = defaultdict(deque)
    for index, text in enumerate(new):
        free[text].append(index)
    found: dict[int, int] = {}
    for index, text in enumerate(old):
        if free.get(text):
            found[index] = free[text].popleft()
    _split_or_merged(old, new, found)
    taken = set(found.values())
    remaining = {j: new[j] for j in range(len(new)) if j not in taken}
    from rapidfuzz import fuzz, process

    for index, text in enumerate(old):
        if index in found or not remaining:
            continue
        best = process.extractOne(text, remaining, scorer=fuzz.ratio, score_cutoff=SIMILAR_ENOUGH)
        if best is not None:
            found[index] = best[2]
            del remaining[best[2]]
    return found


def _split_or_merged(old: Sequence[str], new: Sequence[str], found: dict[int, int]) -> None:
    """Add to ``found`` a statement split in two (it goes to its first part) and two merged
    into one (both go to it), as the analyst's splits and merges make them: too unlike either
    part for the similarity that follows."""
    taken = set(found.values())
    free_new = [j for j in range(len(new)) if j not in taken]
    joined = {_squeezed(new[j] + new[j + 1]): j for j in free_new if j + 1 < len(new) and j + 1 not in taken}
    whole = {_squeezed(new[j]): j for j in free_new}
    for index, text in enumerate(old):
        if index in found:
            continue
        key = _squeezed(text)
        if key in joined and joined[key] not in taken:
            found[index] = joined[key]
            taken.add(joined[key])
        elif index + 1 < len(old) and index + 1 not in found:
            merged = whole.get(key + _squeezed(old[index + 1]))
            if merged is not None and merged not in taken:
                found[index] = found[index + 1] = merged
                taken.add(merged)


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _fit(saved: _Saved, comparison: Comparison) -> Restored:
    # The analyst's splits and merges first: the decisions were made on those statements.
    comparison, segments, missed = resegmented(comparison, saved.segments)
    current = {"left": comparison.left.texts, "right": comparison.right.texts}
    maps = {side: statement_map(saved.texts[side], current[side]) for side in ("left", "right")}
    moved = 0
    # An edit not made is kept, to be made when its statement is back, and listed once among
    # the lost (discarding it there forgets it): opened once with another --segment, a case
    # had lost its splits and merges, and the decisions on their parts, for good.
    lost: list[LostDecision] = [LostDecision(edit.missed()) for edit in missed]
    lines = {edit.missed() for edit in saved.segments}
    earlier = tuple(x for x in saved.lost if x.kind or x.description not in lines)

    def place(side: str, index: int) -> int | None:
        return maps[side].get(index)

    def describe(what: str, refs: Iterable[tuple[str, int]]) -> str:
        quoted = " / ".join(f"{statement_ref(side, i)} \u201c{_brief(saved.texts[side], i)}\u201d" for side, i in refs)
        return f"{what}: {quoted}"

    def carry(refs: list[tuple[str, int]], what: str, **kept: str):
        nonlocal moved
        placed = [place(side, i) for side, i in refs]
        if any(p is None for p in placed):
            texts = tuple((side, saved.texts[side][i] if i < len(saved.texts[side]) else "") for side, i in refs)
            lost.append(LostDecision(describe(what, refs), statements=texts, **kept))
            return None
        if placed != [i for _, i in refs] or any(
            saved.texts[side][i] != current[side][p] for (side, i), p in zip(refs, placed)
        ):
            moved += 1
        return placed

    decisions = _build(saved.decisions, carry, lambda text: renumbered(text, maps))
    decisions, kept = _found_again(earlier, decisions, current)
    cursor = saved.cursor
    if cursor is not None:
        index = place(cursor.side, cursor.index)
        cursor = Cursor(cursor.side, index) if index is not None else None
    unchanged = all(saved.texts[side] == current[side] for side in ("left", "right"))
    sizes = (len(current["left"]), len(current["right"]))
    undo = tuple((what, _within(step, sizes)) for what, step in saved.undo) if unchanged else ()
    redo = tuple((what, _within(step, sizes)) for what, step in saved.redo) if unchanged else ()
    session = Session(
        decisions,
        saved.threshold,
        cursor,
        kept + tuple(lost),
        saved.lexical_threshold,
        undo,
        redo,
        assignment=saved.assignment,
        segments=saved.segments,
    )
    made = {edit.missed() for edit in segments}
    return Restored(
        session,
        carried=moved,
        lost=tuple(x.description for x in lost),
        comparison=comparison if segments else None,
        found_again=len(earlier) - len(kept) + sum(not x.kind and x.description in made for x in saved.lost),
    )


def _found_again(
    lost: Sequence[LostDecision], decisions: Decisions, current: Mapping[str, Sequence[str]]
) -> tuple[Decisions, tuple[LostDecision, ...]]:
    """``decisions`` with each lost one made again whose statements all read word for word as
    they did, where it contradicts no decision made since; and the lost ones still lost.
    Opening a case once with another --segment had put its decisions aside for good: opened
    again as before, they stayed to be made again one by one (L)."""
    if not lost:
        return decisions, ()
    kept = []
    # Where each text first stands now, found once for all the lost decisions.
    first = {side: {text: i for i, text in reversed(list(enumerate(texts)))} for side, texts in current.items()}
    for decision in lost:
        made = _made_again(decision, decisions, first)
        if made is None:
            kept.append(decision)
        else:
            decisions = made
    return decisions, tuple(kept)


def _made_again(lost: LostDecision, decisions: Decisions, first: Mapping[str, Mapping[str, int]]) -> Decisions | None:
    sides = [side for side, _ in lost.statements]
    if not lost.kind or sides not in (["left"], ["right"], ["left", "right"]):
        return None
    if lost.on_pair != (lost.kind in ("link", "unlink")) and lost.kind != "note":
        return None  # a mark on a pair, a link on one statement: not made by this version
    places = [first[side].get(text) for side, text in lost.statements]
    if None in places:
        return None
    if not lost.on_pair:
        side, index = sides[0], places[0]
        if lost.kind == "unique":
            position = 0 if side == "left" else 1
            if any(key[position] == index for key in decisions.links):
                return None
            return decisions.mark_unique(side, index)
        if lost.kind != "note" or decisions.statement_note(side, index) not in ("", lost.note):
            return None
        return decisions.note((side, index), lost.note)
    left, right = places
    if lost.kind == "note":
        if decisions.pair_note(left, right) not in ("", lost.note):
            return None
        return decisions.note(pair_note_key(left, right), lost.note)
    if lost.kind == "unlink":
        return None if (left, right) in decisions.links else decisions.unlink(left, right)
    if lost.kind != "link" or (left, right) in decisions.unlinks:
        return None
    if ("left", left) in decisions.unique or ("right", right) in decisions.unique:
        return None
    return decisions.link(left, right, Kind(lost.link_kind) if lost.link_kind else Kind.RELATED)


Carry = Callable[..., list[int] | None]
"""(the statements a decision is on, what it is, and what a ``LostDecision`` keeps of it) ->
where they are now, or None."""
"""Where a decision's statements are now (None: some are gone); told what the decision is."""


def _build(recorded: _Recorded, carry: Carry, retext: Callable[[str], str] = str) -> Decisions:
    """The recorded decisions, each placed by ``carry`` (None: it found no statement); a
    note's text passes through ``retext``."""
    decisions = Decisions()
    for left, right, kind in recorded.links:
        placed = carry([("left", left), ("right", right)], f"link ({kind.label})", kind="link", link_kind=kind.value)
        if placed:
            decisions = decisions.link(*placed, kind)
    for left, right in recorded.unlinks:
        placed = carry([("left", left), ("right", right)], "unlink", kind="unlink")
        if placed:
            decisions = decisions.unlink(*placed)
    for side, index in recorded.unique:
        placed = carry([(side, index)], "deliberately unique", kind="unique")
        if placed:
            decisions = decisions.mark_unique(side, placed[0])
    for key, text in recorded.notes:
        refs = [("left", key[1]), ("right", key[2])] if key[0] == "pair" else [key]
        placed = carry(refs, f"note \u201c{text}\u201d", kind="note", note=text)
        if placed:
            note_key = pair_note_key(*placed) if key[0] == "pair" else (key[0], placed[0])
            decisions = decisions.note(note_key, retext(text))
    return decisions


_REFERENCE = re.compile(r"(?<![\w-])([LR])(\d{1,6})(?![\w-])")
"""A statement named in a note as the app names it ("R11", "see L3")."""


def renumbered(text: str, maps: dict[str, dict[int, int]]) -> str:
    """``text`` with each statement it names ("R11") renamed for the edited readouts ("R10"):
    a note that pointed to a statement keeps pointing to it. A reference to a statement that
    is gone, or out of range, is left as written."""

    def rename(match: re.Match) -> str:
        side = "left" if match.group(1) == "L" else "right"
        new = maps[side].get(int(match.group(2)) - 1)
        return match.group() if new is None else f"{match.group(1)}{new + 1}"

    return _REFERENCE.sub(rename, text)


def _brief(texts: Sequence[str], index: int, length: int = 60) -> str:
    text = texts[index] if index < len(texts) else ""
    return text if len(text) <= length else text[: length - 1] + "\u2026"
