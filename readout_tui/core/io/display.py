"""Showing user text on a terminal: what would act is shown instead.

Readouts, labels, file names and library messages come from anywhere, so they are data. One
policy serves the app and the text and Markdown reports:

- tab, line feed, carriage return and the Unicode line and paragraph separators become a
  space: user text is shown in one-line slots (a row, a label, a table cell) or as wrapped
  prose, where they are white space anyway;
- every other C0 control, DEL, and every C1 control becomes ``\\xNN``: ESC ``[31m`` shows as
  ``\\x1b[31m`` and can neither colour, move the cursor, set the window title (OSC) nor make
  a hyperlink, BEL shows as ``\\x07``, the one-byte CSI U+009B as ``\\x9b``;
- the bidirectional embeddings, overrides and isolates (U+202A-202E, U+2066-2069) become
  ``\\uNNNN``: they make the text after them display in another order than it is stored.
  The plain marks LRM, RLM and ALM, which Hebrew and Arabic text uses and which reorder
  nothing by themselves, are kept;
- lone surrogates (a file name that was not valid UTF-8) become ``\\uNNNN`` too, so writing
  the text out can never fail.

Escapes rather than removal, so a reader sees that the source held something odd; ASCII
escapes rather than control pictures (␛), so C1 and bidi characters, which have no pictures,
read the same way, and every replacement is one terminal cell per character.
"""

from __future__ import annotations

import re

BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
"""A regex character range: the bidi embeddings, overrides and isolates."""

_SPACES = dict.fromkeys(map(ord, "\t\n\r\u2028\u2029"), " ")
_CONTROLS = {code: f"\\x{code:02x}" for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)]}
_ESCAPED_CODE_POINTS = [*range(0x202A, 0x202F), *range(0x2066, 0x206A), *range(0xD800, 0xE000)]
_TABLE = _CONTROLS | {code: f"\\u{code:04x}" for code in _ESCAPED_CODE_POINTS} | _SPACES


def printable(text: str) -> str:
    """``text`` with every character a terminal would act on replaced by a visible escape."""
    return text.translate(_TABLE)


_SURROGATES = re.compile("[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]")


def well_formed(text: str) -> str:
    """``text`` as valid Unicode, for text the user keeps (notes, labels): a surrogate pair
    written as two code points becomes the character it stands for, and a lone surrogate (from
    a hand-edited session file, or a file name that was not UTF-8) becomes the visible escape
    ``\\udXXX`` that ``printable`` would show. Such text can always be saved, exported and shown,
    and comes back from a file as it went in."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATES.sub(_mend, text)
    return text


def _mend(match: re.Match[str]) -> str:
    found = match.group()
    if len(found) == 2:
        return found.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    return f"\\u{ord(found):04x}"


def counted(n: int, noun: str) -> str:
    """``n`` and ``noun``, in the plural unless ``n`` is 1 ("1 statement", "3 decisions")."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
