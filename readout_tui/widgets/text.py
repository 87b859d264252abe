"""Turning user text into things Textual can show literally.

Readouts come from anywhere (pasted web pages, files of unknown origin), so their text is data:
it is never parsed as markup, and characters that a terminal would act on are replaced by
visible stand-ins before display.
"""

from __future__ import annotations

import re
from datetime import date

from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

_C0_AND_DEL = {code: chr(0x2400 + code) for code in range(0x20)} | {0x7F: "\u2421"}
"""Control characters as their Unicode "control pictures" (ESC shows as ␛)."""
_C0_AND_DEL |= {ord("\t"): " ", ord("\n"): " ", ord("\r"): " "}
_INVISIBLE = re.compile("[\u0080-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""C1 controls and bidirectional overrides: shown as <U+XXXX> so they cannot reorder or
re-style the line, and so a reader sees that the source contained them."""


def literal(text: str) -> str:
    """``text`` with every terminal control character made visible and harmless."""
    text = text.translate(_C0_AND_DEL)
    return _INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def date_label(iso_date: str) -> str:
    """"2023-12-10" as "10 Dec 2023"; anything else is returned as it is."""
    try:
        day = date.fromisoformat(iso_date)
    except ValueError:
        return iso_date
    return f"{day.day} {day:%b %Y}"


class HangingIndent(Visual):
    """A gutter (number and status glyph) beside a body that wraps under itself.

    Content alone would wrap continuation lines back to column 0, under the number, which
    makes long statements hard to tell apart in a list.
    """

    def __init__(self, gutter: Content, body: Content) -> None:
        self.gutter = gutter
        self.body = body
        self._width = gutter.cell_length

    def get_optimal_width(self, rules, container_width: int) -> int:
        return self._width + self.body.get_optimal_width(rules, container_width - self._width)

    def get_height(self, rules, width: int) -> int:
        return self.body.get_height(rules, max(width - self._width, 1))

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        body_width = max(width - self._width, 1)
        lines = self.body.render_strips(body_width, height, style, options)
        gutter = self.gutter.render_strips(self._width, 1, style, options)[0]
        rich_style = style.rich_style
        blank = Strip.blank(self._width, rich_style)
        return [
            Strip.join([blank if y else gutter, line.extend_cell_length(body_width, rich_style)])
            for y, line in enumerate(lines)
        ]
