"""Reading readouts from files, standard input and case folders.

A *case folder* holds ``left.txt``, ``right.txt`` and optionally ``meta.json`` with the labels,
the date and the sources. Every problem with the input is raised as ``InputError`` with a
message fit to show the user as it is.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from .model import CaseInfo, Readout, Statement
from .segmentation import Segmentation, split_statements

MAX_INPUT_BYTES = 64 * 1024 * 1024


class InputError(Exception):
    """The user's input cannot be used; the message says why in one line."""


@dataclass(frozen=True)
class Comparison:
    """Two readouts ready to compare, and what is known about the event."""

    left: Readout
    right: Readout
    info: CaseInfo
    case_dir: Path | None = None


def read_text(source: str) -> tuple[str, str]:
    """Return (text, encoding) of a file path, or of standard input for ``-``."""
    if source == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        name = "standard input"
    else:
        path = Path(source)
        if not path.exists():
            raise InputError(f"{source}: no such file")
        if path.is_dir():
            raise InputError(f"{source}: is a directory, not a readout file")
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_INPUT_BYTES + 1)
        except OSError as exc:
            raise InputError(f"{source}: cannot read it ({exc.strerror or exc})") from exc
        name = source
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{name}: larger than {MAX_INPUT_BYTES // 2**20} MiB")
    return decode(data, name)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes as text: UTF-8 (with or without BOM), UTF-16 with BOM, else whatever
    charset-normalizer finds. Binary data is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: not readable as text in any known encoding")
    return str(best), best.encoding


def load_readout(
    source: str, label: str | None = None, mode: Segmentation | str = Segmentation.SENTENCES
) -> Readout:
    text, encoding = read_text(source)
    return readout_from_text(text, label or default_label(source), mode, source, encoding)


def readout_from_text(
    text: str,
    label: str,
    mode: Segmentation | str = Segmentation.SENTENCES,
    source: str = "",
    encoding: str = "utf-8",
) -> Readout:
    pieces = split_statements(text, mode)
    if not pieces:
        raise InputError(f"{source or label}: no statements (the text is empty)")
    statements = tuple(Statement(i, t) for i, t in enumerate(pieces))
    return Readout(label, statements, source, encoding)


def default_label(source: str) -> str:
    if source == "-":
        return "stdin"
    return Path(source).stem


def load_case(folder: Path, mode: Segmentation | str = Segmentation.SENTENCES) -> Comparison:
    """Read a case folder."""
    meta = read_meta(folder)
    labels = {side: str(meta.get(f"{side}_label") or side.capitalize()) for side in ("left", "right")}
    sides = {}
    for side in ("left", "right"):
        path = folder / f"{side}.txt"
        if not path.is_file():
            raise InputError(f"{folder}: not a case folder (no {side}.txt)")
        sides[side] = load_readout(str(path), labels[side], mode)
    sources = meta.get("sources") or ()
    info = CaseInfo(
        title=str(meta.get("title") or folder.name),
        date=str(meta.get("date") or ""),
        sources=tuple(str(s) for s in sources) if isinstance(sources, list) else (),
    )
    return Comparison(sides["left"], sides["right"], info, folder)


def read_meta(folder: Path) -> dict:
    path = folder / "meta.json"
    if not path.exists():
        return {}
    try:
        meta = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not valid JSON ({exc})") from exc
    if not isinstance(meta, dict):
        raise InputError(f"{path}: must hold a JSON object")
    return meta


def load_comparison(
    sources: list[str],
    mode: Segmentation | str = Segmentation.SENTENCES,
    left_label: str | None = None,
    right_label: str | None = None,
) -> Comparison:
    """Two files (either may be ``-``, not both) or one case folder."""
    if len(sources) == 1:
        folder = Path(sources[0])
        if not folder.is_dir():
            raise InputError(f"{sources[0]}: give two readout files or one case folder")
        comparison = load_case(folder, mode)
        return _relabel(comparison, left_label, right_label)
    if len(sources) != 2:
        raise InputError("give two readout files (LEFT RIGHT) or one case folder")
    if sources == ["-", "-"]:
        raise InputError("only one side can be read from standard input")
    left = load_readout(sources[0], left_label, mode)
    right = load_readout(sources[1], right_label, mode)
    return Comparison(left, right, CaseInfo())


def _relabel(comparison: Comparison, left: str | None, right: str | None) -> Comparison:
    from dataclasses import replace

    return replace(
        comparison,
        left=replace(comparison.left, label=left) if left else comparison.left,
        right=replace(comparison.right, label=right) if right else comparison.right,
    )
