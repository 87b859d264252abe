"""Helpers for showing readouts in Textual widgets.

User text reaches widgets only through ``readout_tui.core.io.display.printable`` and as
``Content`` (never as markup), so nothing in it is parsed or acted on.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.cells import cell_len, set_cell_size
from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual


def date_label(iso_date: str) -> str:
    """"2023-12-10" as "10 Dec 2023"; anything else is returned as it is."""
    try:
        day = date.fromisoformat(iso_date)
    except ValueError:
        return iso_date
    return f"{day.day} {day:%b %Y}"


def cut_to(text: str, room: int) -> str:
    """``text`` in at most ``room`` columns (not characters: "日本政府" takes eight), cut with
    "…" when it is longer."""
    if cell_len(text) <= room:
        return text
    return set_cell_size(text, max(room - 1, 1)).rstrip() + "…"


class HangingIndent(Visual):
    """A gutter (number and status glyph) beside a body that wraps under itself.

    Content alone would wrap continuation lines back to column 0, under the number, which
    makes long statements hard to tell apart in a list.
    """

    def __init__(self, gutter: Content, body: Content, max_lines: int | None = None) -> None:
        """
        Args:
            max_lines: The lines the body may take at most, the last cut with "…"; None: all.
        """
        self.gutter = gutter
        self.body = body
        self.max_lines = max_lines
        self._width = gutter.cell_length

    def lines(self, width: int) -> int:
        """The lines the whole body takes at ``width`` cells (gutter included)."""
        return len(self.body.wrap(max(width - self._width, 1)))

    def _body(self, body_width: int) -> Content:
        lines = self.body.wrap(body_width) if self.max_lines else []
        if len(lines) <= (self.max_lines or 0):
            return self.body
        kept = lines[: self.max_lines]
        kept[-1] = kept[-1].truncate(body_width - 1) + "…"
        return Content("\n").join(kept)

    def get_optimal_width(self, rules, container_width: int) -> int:
        return self._width + self.body.get_optimal_width(rules, container_width - self._width)

    def get_height(self, rules, width: int) -> int:
        body_width = max(width - self._width, 1)
        return self._body(body_width).get_height(rules, body_width)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        body_width = max(width - self._width, 1)
        lines = self._body(body_width).render_strips(body_width, height, style, options)
        gutter = self.gutter.render_strips(self._width, 1, style, options)[0]
        rich_style = style.rich_style
        blank = Strip.blank(self._width, rich_style)
        return [
            Strip.join([blank if y else gutter, line.extend_cell_length(body_width, rich_style)])
            for y, line in enumerate(lines)
        ]


class Flow(Visual):
    """Paragraphs of units (a name with its references, say) that wrap only between units.

    Content wraps at any space, so "Moskow (L7 L9)" could end one line with the name and start
    the next with its references; a non-breaking space does not help, Textual breaks at it too.
    """

    def __init__(self, paragraphs: Sequence[Sequence[Content]]) -> None:
        """
        Args:
            paragraphs: Each paragraph's units, shown with a space between two units; a unit
                wider than the width is wrapped as Content wraps it.
        """
        self.paragraphs = paragraphs
        self._laid: tuple[int, Content] | None = None

    @property
    def plain(self) -> str:
        """The text unwrapped, one paragraph to a line."""
        return "\n".join(" ".join(unit.plain for unit in units) for units in self.paragraphs)

    def _at(self, width: int) -> Content:
        """The paragraphs with a line break before each unit that would overrun ``width``."""
        if self._laid is None or self._laid[0] != width:
            lines = [line for units in self.paragraphs for line in _fill(units, width)]
            self._laid = (width, Content("\n").join(lines))
        return self._laid[1]

    def get_optimal_width(self, rules, container_width: int) -> int:
        return self._at(container_width).get_optimal_width(rules, container_width)

    def get_height(self, rules, width: int) -> int:
        return self._at(width).get_height(rules, width)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self._at(width).render_strips(width, height, style, options)


def _fill(units: Sequence[Content], width: int) -> list[Content]:
    """Units joined by spaces into lines of at most ``width`` cells (a wider unit alone)."""
    lines: list[list[Content]] = []
    used = 0
    for unit in units:
        if lines and used + 1 + unit.cell_length <= width:
            lines[-1].append(unit)
            used += 1 + unit.cell_length
        else:
            lines.append([unit])
            used = unit.cell_length
    return [Content(" ").join(line) for line in lines] or [Content()]
