"""Reading and writing the user's files so that nothing they have is destroyed.

Writing:

- ``write_atomic`` is for files the program keeps (the session, a screenshot): a regular file
  (or a symbolic link, which is replaced, never followed into a write) is replaced through a
  temporary file in the same folder, flushed to disk before it is renamed over the target,
  and the folder is flushed after the rename; readers see the old file or the whole new one,
  never a prefix. Anything else at that name (a FIFO, a device, a folder) is refused.
- ``write_output`` is for a file the user named (``compare -o``, the app's export): a FIFO, a
  terminal or another character device, or the file that is already this process's standard
  output or error (``-o /dev/stdout``), is written in place and never replaced; a block
  device, a socket or a folder is refused; a regular file goes through ``write_atomic``. A
  symbolic link is followed, as an editor or the shell's ``>`` does: its target is replaced
  (in the target's folder) and the link stays. The files the program keeps do not follow
  links: a case folder from someone else could link ``session.json`` to any of the user's
  files.

Folders the program builds for itself (an unpacked model): ``folder_built_whole`` builds one
beside its place and renames it there, ``set_aside`` moves a damaged one out of the way before
removing it, ``forget_stale_parts`` removes what a killed build left.

Reading: ``read_bounded`` reads regular files only, up to a size, and refuses anything else
without waiting on it (a FIFO nobody writes to, ``/dev/zero``).

Every refusal is a ``FileRefused``, an ``OSError`` whose ``strerror`` says why in one line.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_TEMPORARY = re.compile(r"[a-z0-9_]{8}")
"""The random part of a temporary file's name: ours are 8 hex digits, and earlier versions'
(``tempfile.mkstemp``) 8 of ``[a-z0-9_]``, so their leftovers are cleared too."""


class FileRefused(OSError):
    """A file that is not read or written; ``strerror`` says why, in one line."""


def write_atomic(path: Path | str, data: str | bytes, *, encoding: str = "utf-8") -> Path:
    """Replace ``path`` with ``data`` through a temporary file in the same folder.

    A new file's mode comes from the umask, an existing regular file keeps its mode, and a
    symbolic link is replaced by the file (its target is neither written nor consulted).
    Temporary files left by an earlier write that was killed are removed first.
    """
    path = Path(path)
    payload = data.encode(encoding) if isinstance(data, str) else data
    try:
        existing = os.lstat(path)
    except FileNotFoundError:
        existing = None
    if existing is not None and not (stat.S_ISREG(existing.st_mode) or stat.S_ISLNK(existing.st_mode)):
        raise FileRefused(errno.EINVAL, f"{_kind(existing.st_mode)}, not a regular file; not replacing it", str(path))
    keep = stat.S_IMODE(existing.st_mode) if existing is not None and stat.S_ISREG(existing.st_mode) else None
    _remove_stale_temporaries(path)
    handle, temporary = _temporary(path, keep)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
            # Renamed while still open: the lock on it keeps another save from taking it for
            # a leftover until it has its final name.
            os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)
    return path


def write_output(
    path: Path | str, data: str | bytes, *, encoding: str = "utf-8", stream_encoding: str | None = None
) -> Path:
    """Write ``data`` to a file the user named: replaced atomically when it is a regular file
    (or absent), written in place when it is a FIFO, a terminal or another character device,
    or this process's own standard output or error; refused when it is anything else. A
    symbolic link leads to what is written: the file it points to is replaced (made, when it
    does not exist yet) and the link is kept. ``stream_encoding`` (``encoding`` when None) is
    the encoding of text written in place, to a program or a terminal rather than a file: a
    CSV file has a byte-order mark for spreadsheets, which a program reading a pipe is spared."""
    path = Path(path)
    try:
        target = os.stat(path)  # following links: /dev/stdout is a link to a terminal or a pipe
    except FileNotFoundError:
        target = None
    if target is None and not os.path.lexists(path) and not path.parent.is_dir():
        # Said as it is: "No such file or directory" left the user looking for the file.
        raise FileRefused(errno.ENOENT, f"no such folder: {path.parent}; make it first", str(path))
    if target is None or (stat.S_ISREG(target.st_mode) and not _is_standard_stream(target)):
        write_atomic(_through_links(path), data.encode(encoding) if isinstance(data, str) else data)
        return path
    in_place = stream_encoding or encoding
    _write_in_place(path, data.encode(in_place) if isinstance(data, str) else data, target)
    return path


def read_bounded(path: Path | str, limit: int) -> bytes:
    """The bytes of the regular file ``path`` (links followed), at most ``limit`` of them.

    A FIFO, a device, a socket or a folder is refused before it is read, so a FIFO nobody
    writes to cannot make this wait and ``/dev/zero`` cannot fill the memory.
    """
    path = str(path)
    _require_regular(os.stat(path), path)
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    try:
        # Checked again on what was opened: the name may have been swapped in between.
        info = os.fstat(handle)
        _require_regular(info, path)
        if info.st_size > limit:
            raise FileRefused(errno.EFBIG, f"larger than {_size(limit)}", path)
        data = bytearray()
        while len(data) <= limit:  # a file growing while it is read stops at the limit too
            chunk = os.read(handle, min(1 << 20, limit + 1 - len(data)))
            if not chunk:
                break
            data += chunk
    finally:
        os.close(handle)
    if len(data) > limit:
        raise FileRefused(errno.EFBIG, f"larger than {_size(limit)}", path)
    return bytes(data)


def require_regular_or_absent(path: Path | str) -> None:
    """Refuse ``path`` (links followed) when it exists and is not a regular file: for files
    opened by a library that would otherwise wait on a FIFO or read a device (SQLite)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return
    _require_regular(info, str(path))


# -- helpers ----------------------------------------------------------------------------------


def _require_regular(info: os.stat_result, path: str) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise FileRefused(errno.EINVAL, f"{_kind(info.st_mode)}, not a regular file", path)


def _through_links(path: Path) -> Path:
    """The file that ``path`` leads to when it is a symbolic link (or a chain of them), so that
    the temporary file is made beside that file and renamed onto it, not onto the link."""
    if not path.is_symlink():
        return path
    resolved = Path(os.path.realpath(path))
    if resolved.is_symlink():  # realpath stops, without an error, at a loop of links
        raise FileRefused(errno.ELOOP, "a loop of symbolic links", str(path))
    return resolved


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "a special file"


def _size(limit: int) -> str:
    return f"{limit // 2**20} MiB" if limit >= 2**20 else f"{limit:,} bytes"


def _temporary(path: Path, mode: int | None) -> tuple[int, str]:
    """Create and lock the temporary file for ``path``. Created 0666 so the kernel applies
    the umask (no process-wide umask juggling, which would race other threads); or 0600, then
    set to ``mode``, when it replaces an existing file, which may be private."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    while True:
        temporary = str(path.parent / f".{path.name}.{os.urandom(4).hex()}.tmp")
        try:
            handle = os.open(temporary, flags, 0o666 if mode is None else 0o600)
            break
        except FileExistsError:
            continue
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                # The file itself may well be writable: say where the problem is.
                raise FileRefused(
                    exc.errno, f"its folder cannot be written to ({exc.strerror})", str(path)
                ) from exc
            raise
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        if mode is not None:
            os.fchmod(handle, mode)
    except BaseException:
        os.close(handle)
        Path(temporary).unlink(missing_ok=True)
        raise
    return handle, temporary


def _remove_stale_temporaries(path: Path) -> None:
    """Remove what earlier writes of ``path`` left when killed: temporary files that no
    running write holds locked."""
    prefix = f".{path.name}."
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return  # an unlistable folder: the write itself will say what is wrong
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(".tmp") and _TEMPORARY.fullmatch(name[len(prefix) : -4])):
            continue
        try:
            handle = os.open(entry.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError:
            continue
        try:
            info = os.fstat(handle)
            if not stat.S_ISREG(info.st_mode):
                continue
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if os.lstat(entry.path).st_ino == info.st_ino:
                os.unlink(entry.path)
        except OSError:
            continue  # locked: another write is under way; or gone already
        finally:
            os.close(handle)


def _sync_folder(folder: Path) -> None:
    """Flush the folder, so that the rename itself survives a power cut."""
    try:
        handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return  # a folder that can be written but not opened: the rename is done, as before
    try:
        os.fsync(handle)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):  # cannot be flushed here
            raise
    finally:
        os.close(handle)


def _is_standard_stream(target: os.stat_result) -> bool:
    """Whether ``target`` is the file this process's standard output or error already writes
    to (``-o /dev/stdout > file``): replacing it would leave that stream writing nowhere."""
    for descriptor in (1, 2):
        try:
            stream = os.fstat(descriptor)
        except OSError:
            continue
        if (stream.st_dev, stream.st_ino) == (target.st_dev, target.st_ino):
            return True
    return False


def _write_in_place(path: Path, payload: bytes, target: os.stat_result) -> None:
    if not (stat.S_ISFIFO(target.st_mode) or stat.S_ISCHR(target.st_mode) or stat.S_ISREG(target.st_mode)):
        raise FileRefused(errno.EINVAL, f"{_kind(target.st_mode)}; not writing over it", str(path))
    # Non-blocking to open: a FIFO nobody reads from fails at once instead of waiting. Append:
    # standard output redirected with >> is added to, and with > it is empty already.
    flags = os.O_WRONLY | os.O_NOCTTY | os.O_NONBLOCK | os.O_CLOEXEC
    if stat.S_ISREG(target.st_mode):
        flags |= os.O_APPEND
    try:
        handle = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO and stat.S_ISFIFO(target.st_mode):
            raise FileRefused(exc.errno, "a FIFO that nothing is reading from", str(path)) from exc
        raise
    try:
        opened = os.fstat(handle)
        if (opened.st_dev, opened.st_ino) != (target.st_dev, target.st_ino):
            raise FileRefused(errno.EAGAIN, "changed while it was being opened; not writing", str(path))
        fcntl.fcntl(handle, fcntl.F_SETFL, fcntl.fcntl(handle, fcntl.F_GETFL) & ~os.O_NONBLOCK)
        view = memoryview(payload)
        while view:
            view = view[os.write(handle, view) :]
    finally:
        os.close(handle)


PART = ".part"
STALE_PART = 3600
"""Seconds after which a build's leftover is taken for one whose process was killed."""


@contextmanager
def folder_built_whole(target: Path) -> Iterator[Path]:
    """A folder to build ``target`` in, beside it, renamed to ``target`` when the block ends
    without an error: another process never reads half of one. Another process's build that
    took the place first is kept. The folder is removed whatever happens."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(dir=target.parent, suffix=PART))
    try:
        yield temporary
        try:
            os.replace(temporary, target)
        except OSError:
            if not target.is_dir():
                raise
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def set_aside(target: Path) -> None:
    """``target`` (a folder, or a file in a folder's place) out of the way: renamed first, so
    that no process maps half-deleted files, then removed."""
    if not target.exists():
        return
    aside = Path(tempfile.mkdtemp(dir=target.parent, suffix=PART)) / target.name
    os.replace(target, aside)
    shutil.rmtree(aside.parent, ignore_errors=True)


def forget_stale_parts(folder: Path) -> None:
    """Remove what builds killed over ``STALE_PART`` seconds ago left in ``folder``; a recent
    part may be another process's build under way. Housekeeping only: what cannot be removed
    now stays for another time."""
    now = time.time()
    for old in folder.iterdir():
        try:
            if old.suffix == PART and now - old.stat().st_mtime > STALE_PART:
                shutil.rmtree(old) if old.is_dir() else old.unlink()
        except OSError:
            continue
