"""Writing files so that a crash or kill never leaves half of one behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path | str, data: str | bytes, *, encoding: str = "utf-8") -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    The temporary file is flushed to disk before it is renamed over ``path``,
    so readers see either the old file or the whole new one, never a prefix.
    """
    path = Path(path)
    payload = data.encode(encoding) if isinstance(data, str) else data
    # Same folder: os.replace is only atomic within one filesystem.
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        _keep_mode(path, temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _keep_mode(path: Path, temporary: str) -> None:
    # mkstemp creates 0600 files; a file the user already had keeps its mode,
    # a new one gets the usual umask-derived mode.
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temporary, mode)
