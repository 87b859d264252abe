"""display.printable: the one policy for user text on a terminal."""

from __future__ import annotations

import re
import unicodedata

import pytest

from readout_tui.core.io.display import printable

ACTING = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")
"""Everything a terminal might act on, or that could reorder or break a line."""


@pytest.mark.parametrize(
    "hostile, shown",
    [
        ("\x1b[2J\x1b[31mred", "\\x1b[2J\\x1b[31mred"),  # CSI: clear screen, colour
        ("\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"),  # OSC title change ended by BEL
        ("\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\", "\\x1b]8;;http://evil\\x1b\\link\\x1b]8;;\\x1b\\"),
        ("\x9b31m", "\\x9b31m"),  # the one-byte C1 CSI
        ("\x85next", "\\x85next"),  # NEL, a C1 line break
        ("a\x00b\x7fc\x08d", "a\\x00b\\x7fc\\x08d"),
        ("file\u202egnp.exe", "file\\u202egnp.exe"),  # right-to-left override
        ("\u2066isolate\u2069", "\\u2066isolate\\u2069"),
        ("bad\udcffname", "bad\\udcffname"),  # a lone surrogate from an undecodable file name
        ("one\ttwo\nthree\r\nfour\u2028five", "one two three  four five"),
    ],
)
def test_acting_characters_become_visible_escapes(hostile, shown):
    assert printable(hostile) == shown
    assert not ACTING.search(printable(hostile))


@pytest.mark.parametrize(
    "text",
    [
        "[bold]not bold[/] [link=http://x]x[/link] [@click=app.quit]quit[/]",
        "Нетаньяху и Путин обсудили ситуацию",
        "שלום עולם \u200fעם סימן\u200f",  # RLM is kept: real Hebrew text uses it
        "宽字符 日本語 한국어 👩‍👩‍👧 🇮🇱",
        "e\u0301 combining, a\u00a0nbsp, back\\slash \\x1b as typed",
    ],
)
def test_ordinary_text_is_left_as_it_is(text):
    assert printable(text) == text


def test_every_replacement_is_one_cell_per_character():
    every = "".join(map(chr, [*range(0x20), 0x7F, *range(0x80, 0xA0), 0x202E, 0x2066, 0xDC80]))
    shown = printable(every)
    assert shown.isascii() and shown.isprintable()


def test_idempotent():
    text = "\x1b[31m\u202e\t"
    assert printable(printable(text)) == printable(text)


def test_no_control_or_format_character_that_acts_survives():
    # Every code point of the C0, C1 and bidi-control sets, checked by category so the set
    # above cannot silently miss one.
    for code in range(0x3000):
        char = chr(code)
        if unicodedata.category(char) == "Cc" or unicodedata.bidirectional(char) in (
            "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI",
        ):
            assert printable(char) != char, hex(code)
