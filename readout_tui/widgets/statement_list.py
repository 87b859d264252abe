"""One readout as a list of numbered, wrapped statements, each marked by its status.

Drawn with Textual's Line API: only the lines on screen are rendered, and a row's height is
worked out from word widths once per width, so ten thousand statements open and move as fast
as ten.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import ClassVar

from rich.cells import cell_len
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.visual import Padding, Visual

from readout_tui.core.io.display import printable
from readout_tui.core.types import Side, Statement, Status
from readout_tui.core.work.workspace import Mark

from .text import HangingIndent

GLYPHS: dict[Status | None, str] = {**{status: status.glyph for status in Status}, None: "·"}
"""Each status's glyph, and None's: "not decided yet"."""

GLYPH_STYLES: dict[Status | None, str] = {
    Status.MATCH: "bold $text-success",
    Status.RELATED: "bold $text-warning",
    Status.UNIQUE: "bold $text-error",
    None: "dim",
}
"""Theme variables rather than fixed colours, so the marks follow the user's theme."""

FLAG_STYLE = "bold $text-accent"
"""The gutter's mark for a statement the analyst decided on or annotated."""
DOUBT = "?"
DOUBT_STYLE = "bold $text-warning"
"""The gutter's mark for a statement the model is unsure about (``Mark.doubtful``), where the
analyst has not decided it: the ones to check first."""
SEARCH_STYLE = "reverse"
PARTNER_STYLE = "dim"
PARTNER_ARROW = "  →"
"""Before the numbers of a statement's counterparts, written "→3, 5": the arrow joined to the
first number, so that wrapping never leaves it behind; a long list wraps after a comma."""
ROW = "statement-list--row"
KEPT_WIDTHS = 4
"""Widths whose row heights are kept: the panes' widths at the sizes the terminal last had."""
_WORD = re.compile(r"\s*\S+\s*")
"""A word with the spaces around it, as Textual's (Rich's) word wrap splits text."""


@dataclass(frozen=True)
class _Layout:
    """Where each listed row starts, at one width."""

    width: int
    heights: list[int]
    offsets: list[int]
    """Line of each row's first line, plus the total number of lines at the end."""

    @classmethod
    def of(cls, width: int, heights: list[int]) -> _Layout:
        return cls(width, heights, [0, *accumulate(heights)])

    @property
    def lines(self) -> int:
        return self.offsets[-1]

    def row_at(self, line: int) -> int:
        return bisect_right(self.offsets, line) - 1


STATEMENT_KEYS: tuple[Binding, ...] = (
    Binding("down,j", "cursor_down", "Next statement", show=False, id="next-statement"),
    Binding("up,k", "cursor_up", "Previous statement", show=False, id="previous-statement"),
    Binding("home,g", "first", "First statement", show=False, id="first-statement"),
    Binding("end,G", "last", "Last statement", show=False, id="last-statement"),
    Binding("pagedown", "page_down", "Page down", show=False, id="page-down"),
    Binding("pageup", "page_up", "Page up", show=False, id="page-up"),
)
"""Moving through a list of statements: the comparison's panes and the article's assignment."""


class StatementList(ScrollView, can_focus=True, inherit_bindings=False):
    """A readout's statements; the screen tells it which ones to list and which to light.

    Everything is said in statement indices; which rows are listed (a filter may hide some) is
    the list's own business.

    | Key(s) | Description |
    | :- | :- |
    | up, k | Previous statement. |
    | down, j | Next statement. |
    | home, g | First statement. |
    | end, G | Last statement. |
    | pageup / pagedown | A page up or down. |
    """

    BINDINGS: ClassVar[list[BindingType]] = list(STATEMENT_KEYS)

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "statement-list--row",
        "statement-list--cursor",
        "statement-list--hover",
        "statement-list--lit",
        "statement-list--sibling",
    }
    """
    | Class | Description |
    | :- | :- |
    | `statement-list--row` | Every row; its padding is the row's. |
    | `statement-list--cursor` | The statement under the cursor, in the active pane. |
    | `statement-list--hover` | The row under the mouse. |
    | `statement-list--lit` | Counterparts of the statement under the cursor in the other pane. |
    | `statement-list--sibling` | Statements sharing a counterpart with the one under the cursor. |
    """

    DEFAULT_CSS = """
    StatementList {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        &:focus {
            background-tint: $foreground 5%;
        }
        & > .statement-list--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .statement-list--hover {
            background: $block-hover-background;
        }
    }
    """

    class Highlighted(Message):
        """The cursor moved to another statement."""

        def __init__(self, statement_list: StatementList, index: int) -> None:
            super().__init__()
            self.statement_list = statement_list
            self.index = index
            """The statement now under the cursor."""

        @property
        def control(self) -> StatementList:
            return self.statement_list

    def __init__(
        self,
        side: Side,
        statements: Sequence[Statement],
        bodies: LRUCache[tuple, Content],
        *,
        id: str,
    ) -> None:
        super().__init__(id=id)
        self.side = side
        """"left" or "right": which readout of the comparison this list shows."""
        self.statements: Sequence[Statement] = statements
        self.lit: frozenset[int] = frozenset()
        self.grouped: frozenset[int] = frozenset()
        self._bodies = bodies
        """Row texts by what they show, shared with the other pane (swapping moves statements
        across), so a row scrolled back into view is not built again."""
        self._rows: list[int] = []
        self._marks: dict[int, Mark] = {}
        self._query: re.Pattern[str] | None = None
        self._cursor: int | None = None
        """The cursor's row (a position in ``_rows``)."""
        self._hover: int | None = None
        self._heights: dict[int, list[int | None]] = {}
        """Each statement's height in lines, by content width; None where not yet measured."""
        self._layout: _Layout | None = None
        self._texts: dict[int, str] = {}
        """Statements' texts made printable, for measuring; for the statements listed now."""
        self._strips: LRUCache[tuple[int, int, Style], list[Strip]] = LRUCache(maxsize=1024)

    # -- what the screen uses ---------------------------------------------------------------------

    @property
    def shown(self) -> Sequence[int]:
        """Indices of the statements currently listed, in increasing order (read only)."""
        return self._rows

    @property
    def current(self) -> int | None:
        """The statement under this list's cursor."""
        return None if self._cursor is None else self._rows[self._cursor]

    def show(
        self,
        statements: Sequence[Statement],
        marks: dict[int, Mark],
        visible: Iterable[int],
        query: re.Pattern[str] | None = None,
    ) -> None:
        """List the ``visible`` statements (in increasing order), keeping the cursor on the
        same statement if it stays, else on the nearest one listed."""
        same = statements is self.statements
        keep = self.current if same else None
        if not same:
            self._texts.clear()
            self._heights.clear()
        elif marks is not self._marks:
            self._forget_heights(marks)
        self.statements, self._marks, self._query = statements, marks, query
        self._rows = list(visible)
        self._layout = None
        self._strips.clear()
        self._hover = None
        target = self.nearest(keep) if keep is not None else (self._rows[0] if self._rows else None)
        self._cursor = None if target is None else bisect_left(self._rows, target)
        self.refresh()
        self.scroll_to_cursor()
        if target is not None and (not same or target != keep):
            self.post_message(self.Highlighted(self, target))

    def row(self, index: int) -> HangingIndent:
        """What the row of statement ``index`` shows: number and glyph, then the text."""
        statement = self.statements[index]
        mark = self._marks.get(index, Mark())
        text = printable(statement.text)
        query = self._query
        hit = query if query is not None and query.search(text) else None
        key = (statement, mark.partners, hit)
        body = self._bodies.get(key)
        if body is None:
            body = _body(text, mark.partners, hit)
            self._bodies.set(key, body)
        number = str(statement.index + 1).rjust(self._digits)
        gutter = Content.assemble(
            (number, "dim"),
            " ",
            (GLYPHS[mark.status], GLYPH_STYLES[mark.status]),
            flag_of(mark),
            # Apart from the text: "=✎The" read as one word.
            " ",
        )
        return HangingIndent(gutter, body)

    def nearest(self, index: int) -> int | None:
        """The listed statement closest to ``index`` (the same one if it is listed)."""
        rows = self._rows
        if not rows:
            return None
        after = bisect_left(rows, index)
        candidates = rows[max(after - 1, 0) : after + 1]
        return min(candidates, key=lambda i: (abs(i - index), i))

    def move_to(self, index: int | None) -> bool:
        """Put the cursor on statement ``index``; False if it is not listed."""
        if index is None:
            return False
        row = bisect_left(self._rows, index)
        if row == len(self._rows) or self._rows[row] != index:
            return False
        self._place(row)
        return True

    def light(self, lit: Iterable[int], grouped: Iterable[int] = ()) -> None:
        """Mark the cursor's counterparts (``lit``) and the statements sharing one (``grouped``)."""
        lit, grouped = frozenset(lit), frozenset(grouped)
        if (lit, grouped) != (self.lit, self.grouped):
            self.lit, self.grouped = lit, grouped
            self.refresh()

    # -- the cursor -----------------------------------------------------------------------------

    def _place(self, row: int) -> None:
        """Move the cursor to ``row``, bring it into view and tell the screen."""
        if not self._rows:
            return
        row = min(max(row, 0), len(self._rows) - 1)
        if row == self._cursor:
            return
        self._cursor = row
        self.refresh()
        self.scroll_to_cursor()
        self.post_message(self.Highlighted(self, self._rows[row]))

    def scroll_to_cursor(self) -> None:
        """Scroll just enough to show the cursor's whole row."""
        layout = self._current_layout()
        if self._cursor is None or layout is None:
            return
        top, height = layout.offsets[self._cursor], layout.heights[self._cursor]
        self.scroll_to_region(
            Region(0, top, layout.width, height), animate=False, force=True, immediate=True
        )

    def action_cursor_down(self) -> None:
        self._place(0 if self._cursor is None else self._cursor + 1)

    def action_cursor_up(self) -> None:
        self._place(0 if self._cursor is None else self._cursor - 1)

    def action_first(self) -> None:
        self._place(0)

    def action_last(self) -> None:
        self._place(len(self._rows) - 1)

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def _page(self, direction: int) -> None:
        layout = self._current_layout()
        if layout is None or self._cursor is None or not self._rows:
            return
        line = layout.offsets[self._cursor] + direction * self.scrollable_content_region.height
        self._place(layout.row_at(min(max(line, 0), layout.lines - 1)))

    # -- the mouse ------------------------------------------------------------------------------

    def _row_under(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        layout = self._current_layout()
        if offset is None or layout is None:
            return None
        line = self.scroll_offset.y + offset.y
        return layout.row_at(line) if 0 <= line < layout.lines else None

    def on_click(self, event: events.Click) -> None:
        row = self._row_under(event)
        if row is not None:
            self._place(row)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        row = self._row_under(event)
        if row != self._hover:
            self._hover = row
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    # -- measuring and drawing ------------------------------------------------------------------

    @property
    def _digits(self) -> int:
        return len(str(len(self.statements)))

    def _current_layout(self) -> _Layout | None:
        """The rows' positions at the current width, measured if the width is new."""
        width = self.scrollable_content_region.width
        if width <= 0:
            return None
        if self._layout is None or self._layout.width != width:
            heights = self._heights.get(width)
            if heights is None:
                if len(self._heights) >= KEPT_WIDTHS:
                    self._heights.clear()
                heights = self._heights[width] = [None] * len(self.statements)
            padding = self.get_component_styles(ROW).padding
            for index in self._rows:
                if heights[index] is None:
                    heights[index] = self._measure(index, width - padding.width) + padding.height
            self._layout = _Layout.of(width, [heights[i] for i in self._rows])
            self.virtual_size = Size(width, self._layout.lines)
        return self._layout

    def _measure(self, index: int, width: int) -> int:
        """Lines the row of ``index`` takes at ``width`` (without the row's padding)."""
        mark = self._marks.get(index, Mark())
        gutter = self._digits + 1 + cell_len(GLYPHS[mark.status] + flag_of(mark)[0]) + 1
        text = self._texts.get(index)
        if text is None:
            text = self._texts[index] = printable(self.statements[index].text)
        if mark.partners:
            text += PARTNER_ARROW + partner_refs(mark.partners)
        height = wrapped_height(text, max(width - gutter, 1))
        if height is None:
            height = self.row(index).get_height(self.styles, width)
        return height

    def _forget_heights(self, marks: dict[int, Mark]) -> None:
        """Drop the heights of the rows whose new marks change how they wrap: after a new
        decision most statements keep their partners, and measuring all again would cost as
        much as the first paint."""
        old, blank = self._marks, Mark()
        changed = [
            index
            for index in range(len(self.statements))
            if _wrapping(old.get(index, blank)) != _wrapping(marks.get(index, blank))
        ]
        for heights in self._heights.values():
            for index in changed:
                heights[index] = None

    def render_lines(self, crop: Region) -> list[Strip]:
        # Measured here, where the width is known, as OptionList does.
        self._current_layout()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        layout = self._current_layout()
        line = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if layout is None or not 0 <= line < layout.lines:
            return Strip.blank(width, self.get_visual_style(ROW).rich_style)
        row = layout.row_at(line)
        strips = self._row_strips(row, layout)
        offset = line - layout.offsets[row]
        if offset < len(strips):
            return strips[offset]
        return Strip.blank(width, self.get_visual_style(ROW).rich_style)

    def _row_strips(self, row: int, layout: _Layout) -> list[Strip]:
        style = self.get_visual_style(*self._row_classes(row))
        key = (row, layout.width, style)
        strips = self._strips.get(key)
        if strips is None:
            padding = self.get_component_styles(ROW).padding
            visual: Visual = self.row(self._rows[row])
            if padding:
                visual = Padding(visual, padding)
            strips = [
                strip.extend_cell_length(layout.width, style.rich_style)
                for strip in Visual.to_strips(self, visual, layout.width, None, style)
            ]
            self._strips.set(key, strips)
            if len(strips) != layout.heights[row]:
                self._correct(row, len(strips))
        return strips

    def _correct(self, row: int, height: int) -> None:
        """Take a row's drawn height as its height, should measuring ever have guessed wrong."""
        layout = self._layout
        if layout is None:
            return
        heights = self._heights.get(layout.width)
        if heights is not None:
            heights[self._rows[row]] = height
        self._layout = None
        self.refresh()

    def _row_classes(self, row: int) -> tuple[str, ...]:
        index = self._rows[row]
        if row == self._cursor and self.has_class("-active"):
            return (ROW, "statement-list--cursor")
        if index in self.lit:
            return (ROW, "statement-list--lit")
        if index in self.grouped:
            return (ROW, "statement-list--sibling")
        if row == self._hover and row != self._cursor:
            # The passive pane's cursor is only a memory of where to return; drawn as the
            # cursor, or lit up by the mouse, it would read as a second selection.
            return (ROW, "statement-list--hover")
        return (ROW,)

    def on_resize(self) -> None:
        # Rows re-wrap at the new width, so the cursor's row moves; keep it in view.
        self.call_after_refresh(self.scroll_to_cursor)

    def on_show(self) -> None:
        self.scroll_to_cursor()


def wrapped_height(text: str, width: int) -> int | None:
    """Lines ``text`` takes when Textual wraps it at ``width``; None if a word is wider than a
    line (Textual folds it; let Textual measure that).

    Textual's wrap (Rich's ``divide_line``) is greedy: a word goes on the line if it fits
    without its trailing spaces, else it starts the next line. Measuring every row with Textual
    itself costs about 0.1 ms a row, so 2 s for two panes of 10,000; this costs a tenth."""
    if text.isascii() and not text[:1].isspace():
        # One character, one cell: the greedy rule as a regular expression, run in C.
        if max(map(len, text.split()), default=0) > width:
            return None
        return max(len(_line_pattern(width).findall(text)), 1)
    lines, used = 1, 0
    for word in _WORD.findall(text):
        length, spaced = cell_len(word.rstrip()), cell_len(word)
        if width - used >= length:
            used += spaced
        elif length > width:
            return None
        else:
            lines, used = lines + 1, spaced
    return lines


@lru_cache(maxsize=64)
def _line_pattern(width: int) -> re.Pattern[str]:
    """A line: as many characters as fit, ending before a space or at the end, then the spaces."""
    return re.compile(rf".{{1,{width}}}(?=\s|$)\s*")


def _wrapping(mark: Mark) -> tuple[str, str, tuple[int, ...]]:
    """What of a mark a row's wrapping depends on: the gutter's glyphs and the partner list."""
    return GLYPHS[mark.status], flag_of(mark)[0], mark.partners


def flag_of(mark: Mark) -> tuple[str, str]:
    """The gutter's second mark and its style: what the analyst did, else the model's doubt."""
    if mark.flag:
        return mark.flag, FLAG_STYLE
    return (DOUBT, DOUBT_STYLE) if mark.doubtful else (" ", FLAG_STYLE)


def partner_refs(partners: Sequence[int]) -> str:
    # A space after each comma: without one the list is a single word, which Textual folds
    # anywhere, so a wrapped line could start with a comma or split a number.
    return ", ".join(str(i + 1) for i in partners)


def _body(text: str, partners: tuple[int, ...], query: re.Pattern[str] | None) -> Content:
    body = Content(text)
    if query is not None:
        body = body.highlight_regex(query, style=SEARCH_STYLE)
    if partners:
        body = body.append(Content.styled(f"{PARTNER_ARROW}{partner_refs(partners)}", PARTNER_STYLE))
    return body
