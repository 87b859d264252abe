"""Reading readouts from files, standard input, case folders and single articles.

A *case folder* holds ``left.txt``, ``right.txt`` and optionally ``meta.json`` with the labels,
the date and the sources. A side may be a saved web page instead (``left.html``; any ``.html``
or ``.htm`` file): its main text is read, and its site name and date stand in for what
``meta.json`` does not say. One file alone (or a folder holding ``article.txt`` or
``article.html``) is a news article that tells both accounts (see ``core.io.article``).
Every problem with the input is raised as ``InputError`` with a message fit to show the user
as it is.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from readout_tui.core.engine.statements import Segmentation, split_statements
from readout_tui.core.io.display import counted, well_formed
from readout_tui.core.io.files import read_bounded
from readout_tui.core.io.webpage import Page, PageError, is_web_page, read_page
from readout_tui.core.types import CaseInfo, Readout, Statement

MAX_INPUT_BYTES = 64 * 1024 * 1024
MAX_META_BYTES = 1024 * 1024
"""meta.json holds a title, a date, two labels and a list of sources: a megabyte is plenty."""
MAX_PAIRS = 100_000_000
"""Every statement is scored against every statement of the other side, so time grows with
the product of the two counts: 10,000 x 10,000 is the largest comparison that is taken on
(100,000 lines against a readout of a thousand is fine; 100,000 against 100,000 is refused)."""


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
        data = _read_stdin()
        name = "standard input"
    else:
        path = Path(source)
        try:
            if not path.exists():
                raise InputError(f"{source}: no such file")
            if path.is_dir():
                raise InputError(f"{source}: is a directory, not a readout file")
            with path.open("rb") as handle:
                data = handle.read(MAX_INPUT_BYTES + 1)
        except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
            reason = getattr(exc, "strerror", None) or exc
            raise InputError(f"{source}: cannot read it ({reason})") from exc
        name = source
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{name}: larger than {MAX_INPUT_BYTES // 2**20} MiB")
    return decode(data, name)


def _read_stdin() -> bytes:
    stream = sys.stdin
    if stream is None:
        raise InputError("standard input is closed")
    try:
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            return buffer.read(MAX_INPUT_BYTES + 1)
        text = stream.read(MAX_INPUT_BYTES + 1)  # a text stream without bytes underneath
    except (OSError, ValueError) as exc:
        raise InputError(f"standard input: cannot read it ({exc})") from exc
    return text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text


_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)

_PREFERRED = ("cp1252", "cp1251", "cp1250", "gb18030", "big5", "shift_jis", "euc_kr", "koi8_r")
"""When charset-normalizer finds several encodings about as plausible (a short French text
decodes with as little chaos as cp1257 and cp1250, with "ç" read as "ē" and "à" as "ą"), the
most widely used one wins."""
_MARGIN = 0.05
"""How much more chaos, and how much less coherence, than the best an encoding may show and
still count as about as plausible (charset-normalizer's measures, 0 to 1)."""
_SINGLE_BYTE = ("cp1252", "cp1251", "koi8_r", "cp1250")
"""Tried in turn when charset-normalizer's reading is implausible: it has too little text to
go on for some short files (German Latin-1 read as gb18030, KOI8-R as Shift JIS)."""
_WORD = re.compile(r"\w+")
_TERMINAL_CODE = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]?|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[ -/]*[0-~]?|[\x01-\x08\x0e-\x1f\x7f]"
)
"""A terminal escape sequence in its 7-bit form (CSI, OSC and the other string sequences,
another ESC sequence), a C0 control that is not white space, or DEL (NUL means a binary
file): ``statements.terminal_visible``'s codes, in the bytes of any ASCII-based encoding,
where 0x80-0x9F are letters and marks rather than C1 controls."""


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes as text: UTF-8 (with or without BOM), UTF-16/32 with BOM, else whatever
    charset-normalizer finds, unless a common single-byte encoding reads it plausibly where
    that does not. Binary data is refused."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                break
            if "\x00" in text:
                break
            return text, encoding
    if b"\x00" in data:
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return damaged
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches and _TERMINAL_CODE.search(data):
        # charset-normalizer takes any control character for binary data, but terminal codes
        # (ESC[31m, a hyperlink, BEL) are text, read as such in UTF-8: the encoding is the one
        # found for the text without them, and the whole file is decoded with it, codes kept.
        encoding = decode(_TERMINAL_CODE.sub(b"", data), name)[1]
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: not readable as text in any known encoding") from exc
    if not matches:
        raise InputError(f"{name}: not readable as text in any known encoding")
    text, encoding = _likeliest(matches)
    if _implausible_words(text):
        for fallback in _SINGLE_BYTE:
            try:
                candidate = data.decode(fallback)
            except UnicodeDecodeError:
                continue
            if not _implausible_words(candidate):
                return candidate, fallback
    return text, encoding


_DAMAGE_RATIO = 4
"""How many more letters outside ASCII a UTF-8 text must read rightly than it has bytes that are
not UTF-8, to be UTF-8 with a few damaged bytes rather than another encoding."""


def _damaged_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few bytes that are no UTF-8 (a corrupt byte, a cut sequence), each read as
    U+FFFD: a Russian or French file is not refused or read as cp1250 for one bad byte."""
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    read = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    if bad <= 0 or read < _DAMAGE_RATIO * bad:
        return None
    return text, f"utf-8, {counted(bad, 'invalid byte')} replaced"


def _likeliest(matches) -> tuple[str, str]:
    """charset-normalizer's best reading, or the most widely used encoding about as plausible."""
    best = matches[0]
    coherence = max(m.coherence for m in matches)
    near = [m for m in matches if m.chaos <= best.chaos + _MARGIN and m.coherence >= coherence - _MARGIN]
    for preferred in _PREFERRED:
        for match in near:
            if match.encoding == preferred:
                return str(match), match.encoding
    return str(best), best.encoding


def _implausible_words(text: str) -> int:
    """Words no language writes: letters of two scripts in one word ("鋟遝rte", a Latin-1
    "äußerte" read as gb18030), or a capital after a small letter in a word that is not plain
    ASCII ("пРЕЗИДЕНТ", KOI8-R read as cp1251, "ðÒÅÚÉÄÅÎÔ" read as cp1252; "iPhone" and
    "McDonald" are written)."""
    count = 0
    for word in _WORD.findall(text):
        scripts = {_script(c) for c in word if c.isalpha()}
        if len(scripts) > 1:
            count += 1
        elif not word.isascii() and any(a.islower() and b.isupper() for a, b in zip(word, word[1:])):
            count += 1
    return count


def _script(letter: str) -> str:
    """The script of a letter as the first word of its Unicode name ("LATIN", "CYRILLIC",
    "CJK"); Hiragana, Katakana and Han count as one, as Japanese writes them together."""
    name = unicodedata.name(letter, "")
    first = name.split(" ", 1)[0]
    return "CJK" if first in ("HIRAGANA", "KATAKANA", "HANGUL") else first


def read_page_or_text(source: str) -> tuple[str, str, Page | None]:
    """(text, encoding, page) of a file: for a web page its main text and the page read,
    else the file's text and None."""
    text, encoding = read_text(source)
    if not is_web_page(source):
        return text, encoding, None
    try:
        page = read_page(text)
    except PageError as exc:
        raise InputError(f"{source}: {exc}") from exc
    return page.text, encoding, page


def load_readout(
    source: str, label: str | None = None, mode: Segmentation | str = Segmentation.SENTENCES
) -> Readout:
    return _load_side(source, label, mode)[0]


def _load_side(
    source: str, label: str | None, mode: Segmentation | str, side: str = ""
) -> tuple[Readout, Page | None]:
    text, encoding, page = read_page_or_text(source)
    if page is not None:
        text = page.without_title()
        label = label or page.label
    label = well_formed(label) if label else default_label(source, side)
    return readout_from_text(text, label, mode, source, encoding), page


def readout_from_text(
    text: str,
    label: str,
    mode: Segmentation | str = Segmentation.SENTENCES,
    source: str = "",
    encoding: str = "utf-8",
) -> Readout:
    pieces = split_statements(text, mode)
    name = "standard input" if source == "-" else source or label
    if not pieces:
        raise InputError(f"{name}: no statements (the text is empty)")
    if not any(character.isalnum() for piece in pieces for character in piece):
        raise InputError(f"{name}: no statements (no letter or digit, only punctuation or symbols)")
    statements = tuple(Statement(i, t) for i, t in enumerate(pieces))
    return Readout(label, statements, source, encoding)


STREAM_FOLDERS = (Path("/dev/fd"), Path("/proc/self/fd"))
"""Where the shell's process substitution (``<(curl ...)``) puts the stream it opens."""


def default_label(source: str, side: str = "") -> str:
    """The file's name; "stdin" for standard input; for a stream the shell opened, whose name
    is a number (/dev/fd/63), the side ("Left"), when it is known."""
    if source == "-":
        return "stdin"
    if side and is_stream(source):
        return side.capitalize()
    return well_formed(Path(source).stem)


def is_stream(source: str) -> bool:
    """Whether ``source`` is a stream the shell opened (/dev/fd/63): named anew each time."""
    return Path(source).parent in STREAM_FOLDERS


def load_case(folder: Path, mode: Segmentation | str = Segmentation.SENTENCES) -> Comparison:
    """Read a case folder."""
    meta = read_meta(folder)
    sides = {}
    pages = []
    for side in ("left", "right"):
        path = case_file(folder, side)
        if path is None:
            other = "right" if side == "left" else "left"
            if case_file(folder, "article") is not None:
                # "it needs ... or one article.txt" to a folder that has one: the other side's
                # file is what stands in the way.
                raise InputError(
                    f"{folder}: has {other}.txt and article.txt but no {side}.txt: add {side}.txt to compare"
                    f" two readouts, or move {other}.txt away to read the article"
                )
            raise InputError(
                f"{folder}: not a case folder (no {side}.txt): it needs left.txt and right.txt, or one article.txt"
            )
        label = text_field(meta, f"{side}_label") or None
        readout, page = _load_side(str(path), label, mode)
        if label is None and (page is None or not page.label):
            readout = replace(readout, label=side.capitalize())
        sides[side] = readout
        pages += [page] if page else []
    info = CaseInfo(
        title=text_field(meta, "title") or well_formed(folder.name),
        date=text_field(meta, "date") or next((p.date for p in pages if p.date), ""),
        sources=meta_sources(meta),
        side_sources=meta_side_sources(meta),
    )
    return Comparison(sides["left"], sides["right"], info, folder)


def case_file(folder: Path, name: str) -> Path | None:
    """``name``.txt in ``folder``, else the saved web page ``name``.html (or .htm)."""
    for suffix in (".txt", ".html", ".htm"):
        path = folder / f"{name}{suffix}"
        if path.is_file():
            return path
    return None


def meta_sources(meta: dict, key: str = "sources") -> tuple[str, ...]:
    sources = meta.get(key) or ()
    if isinstance(sources, str):
        sources = [sources]
    if not isinstance(sources, list):
        return ()
    return tuple(well_formed(str(s)) for s in sources if isinstance(s, str | int | float))


def meta_side_sources(meta: dict) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Each side's sources, from ``"sources_by_side": {"left": [...], "right": [...]}``;
    anything else there is ignored, as other malformed optional fields are."""
    by_side = meta.get("sources_by_side")
    if not isinstance(by_side, dict):
        return (), ()
    return meta_sources(by_side, "left"), meta_sources(by_side, "right")


def text_field(meta: dict, key: str) -> str:
    """A one-line text field of meta.json, or "" when it is missing or not text (a number is
    text enough); valid Unicode, as every label must be to be shown and saved."""
    value = meta.get(key)
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return ""
    return well_formed(" ".join(str(value).split()))


def read_meta(folder: Path) -> dict:
    path = folder / "meta.json"
    if not path.exists():
        return {}
    try:
        raw = read_bounded(path, MAX_META_BYTES)
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror or exc})") from exc
    try:
        meta = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not valid JSON ({exc})") from exc
    except RecursionError as exc:
        raise InputError(f"{path}: not valid JSON (nested too deeply)") from exc
    if not isinstance(meta, dict):
        raise InputError(f"{path}: must hold a JSON object")
    return meta


def _given(sources: list[str]) -> str:
    """What was given instead, for the refusal: a glob may have matched a whole folder."""
    if not sources:
        return "none was given"
    more = f" and {len(sources) - 3} more" if len(sources) > 3 else ""
    return f"{len(sources)} were given: {', '.join(sources[:3])}{more}"


def load_comparison(
    sources: list[str],
    mode: Segmentation | str = Segmentation.SENTENCES,
    left_label: str | None = None,
    right_label: str | None = None,
) -> Comparison:
    """Two files (either may be ``-``, not both), one case folder, or one article (a file,
    or a folder holding ``article.txt`` or ``article.html``)."""
    if "" in sources:
        # An unset shell variable ("$LEFT"): Path("") is the current folder, which was then
        # refused as ".: not a case folder" or ": is a directory".
        raise InputError("an empty name was given for a readout: name a file, a case folder or '-'")
    # A blank label (--left-label "", an unset variable) is none: the default stands, not a blank title.
    left_label, right_label = (label if label and label.strip() else None for label in (left_label, right_label))
    if len(sources) == 1:
        # The article's loader is imported only for an article: its attribution brings the
        # engine's word tables (numpy), which two readouts do not need before the first paint.
        folder = Path(sources[0])
        try:
            is_folder = folder.is_dir()
        except (OSError, ValueError):
            is_folder = False
        if not is_folder:
            from readout_tui.core.io.article import load_article

            return _within_bounds(load_article(sources[0], mode, left_label, right_label))
        article = case_file(folder, "article")
        # With either side's file beside it, the folder is not the article's alone: say so
        # rather than read the article and pass over the readout without a word.
        if article is not None and case_file(folder, "left") is None and case_file(folder, "right") is None:
            from readout_tui.core.io.article import load_article

            return _within_bounds(load_article(str(article), mode, left_label, right_label, folder))
        comparison = _relabel(load_case(folder, mode), left_label, right_label)
        return _within_bounds(comparison)
    if len(sources) != 2:
        raise InputError(f"give two readout files (LEFT RIGHT), one case folder or one article; {_given(sources)}")
    if sources == ["-", "-"]:
        raise InputError("only one side can be read from standard input")
    left, left_page = _load_side(sources[0], left_label, mode, "left")
    right, right_page = _load_side(sources[1], right_label, mode, "right")
    if right_label is None and right.label == left.label:
        # Two files of one name (or one file twice): the panes and reports must tell them apart.
        folders = _named_by_folder(sources, (left.label, right.label)) if left_label is None else None
        if folders:
            # "israel/readout.txt" and "russia/readout.txt": "israel" and "russia", not
            # "readout" and "readout (2)".
            left, right = replace(left, label=folders[0]), replace(right, label=folders[1])
        else:
            right = replace(right, label=f"{right.label} (2)")
    pages = [p for p in (left_page, right_page) if p is not None]
    info = CaseInfo(date=next((p.date for p in pages if p.date), ""))
    return _within_bounds(Comparison(left, right, info))


def _named_by_folder(sources: Sequence[str], labels: tuple[str, str]) -> tuple[str, str] | None:
    """The two files' folders' names, when both sides are labelled by their files' names (no
    page's site name, no stream) and the folders' names differ; else None."""
    paths = [Path(source) for source in sources]
    if "-" in sources or any(label != well_formed(path.stem) for path, label in zip(paths, labels)):
        return None
    names = [well_formed(path.absolute().parent.name) for path in paths]
    return (names[0], names[1]) if all(names) and names[0] != names[1] else None


def _within_bounds(comparison: Comparison) -> Comparison:
    left, right = len(comparison.left), len(comparison.right)
    if left * right > MAX_PAIRS:
        raise InputError(
            f"too large to compare: {left:,} x {right:,} statements; at most"
            f" {MAX_PAIRS:,} pairs (such as 10,000 x 10,000)"
        )
    return comparison


def _relabel(comparison: Comparison, left: str | None, right: str | None) -> Comparison:
    return replace(
        comparison,
        left=replace(comparison.left, label=well_formed(left)) if left else comparison.left,
        right=replace(comparison.right, label=well_formed(right)) if right else comparison.right,
    )
