"""The two accounts aligned as a diff tool shows them: each pair on one row, a shaded gap where
one side is silent (``core.work.aligned``). The free-scrolling panes are the other view.

Drawn with the Line API as the panes are: only the rows on screen are rendered.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from itertools import accumulate
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual

from readout_tui.core.io.display import printable
from readout_tui.core.types import Side, Statement
from readout_tui.core.work.aligned import AlignedRow
from readout_tui.core.work.workspace import Mark

from .statement_list import GLYPH_STYLES, GLYPHS, flag_of, wrapped_height
from .text import HangingIndent

SEPARATOR = "│"
RULE = f" {SEPARATOR} "
"""Between the two columns: a blank cell on each side, or a line filled to its column's width
runs into the other account's text."""
AGAIN = "↑ also on a row above"
"""What a statement says on its second row (it pairs with more than one statement)."""


class AlignedView(ScrollView, can_focus=True, inherit_bindings=False):
    """Rows of (left statement | right statement); the cursor is a row.

    | Key(s) | Description |
    | :- | :- |
    | up, k / down, j | Previous / next row. |
    | home, g / end, G | First / last row. |
    | pageup / pagedown | A page up or down. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "move(1)", "Next row", show=False, id="aligned-next"),
        Binding("up,k", "move(-1)", "Previous row", show=False, id="aligned-previous"),
        Binding("home,g", "first", "First row", show=False, id="aligned-first"),
        Binding("end,G", "last", "Last row", show=False, id="aligned-last"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="aligned-page-down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="aligned-page-up"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"aligned-view--cursor", "aligned-view--gap"}
    """
    | Class | Description |
    | :- | :- |
    | `aligned-view--cursor` | The row under the cursor. |
    | `aligned-view--gap` | The side of a row where that account says nothing. |
    """

    DEFAULT_CSS = """
    AlignedView {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: scroll;
        scrollbar-size-vertical: 1;
        & > .aligned-view--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .aligned-view--gap {
            background: $panel;
        }
    }
    """

    class Moved(Message):
        """The cursor moved to another row."""

        def __init__(self, view: AlignedView, row: AlignedRow) -> None:
            super().__init__()
            self.view = view
            self.row = row

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self._rows: list[AlignedRow] = []
        self._statements: dict[Side, Sequence[Statement]] = {"left": (), "right": ()}
        self._marks: Mapping[Side, Mapping[int, Mark]] = {"left": {}, "right": {}}
        self._cursor = 0
        self._offsets: list[int] | None = None
        self._width = 0
        self._strips: LRUCache[tuple[int, int, bool], list[Strip]] = LRUCache(maxsize=512)

    @property
    def current(self) -> AlignedRow | None:
        return self._rows[self._cursor] if self._rows else None

    def show(
        self,
        rows: list[AlignedRow],
        statements: Mapping[Side, Sequence[Statement]],
        marks: Mapping[Side, Mapping[int, Mark]],
    ) -> None:
        self._rows, self._statements, self._marks = rows, statements, marks
        self._cursor = min(self._cursor, max(len(rows) - 1, 0))
        self._offsets = None
        self._strips.clear()
        self.refresh()

    def move_to(self, side: Side, index: int) -> bool:
        """Put the cursor on the first row where statement ``index`` of ``side`` stands."""
        for at, row in enumerate(self._rows):
            if getattr(row, side) == index:
                self._place(at, tell=False)
                return True
        return False

    # -- the cursor ---------------------------------------------------------------------------

    def _place(self, at: int, tell: bool = True) -> None:
        if not self._rows:
            return
        at = min(max(at, 0), len(self._rows) - 1)
        changed = at != self._cursor
        self._cursor = at
        self.refresh()
        self.scroll_to_cursor()
        if changed and tell:
            self.post_message(self.Moved(self, self._rows[at]))

    def scroll_to_cursor(self) -> None:
        offsets = self._layout()
        if offsets is None or not self._rows:
            return
        top, bottom = offsets[self._cursor], offsets[self._cursor + 1]
        self.scroll_to_region(Region(0, top, self._width, bottom - top), animate=False, force=True, immediate=True)

    def action_move(self, step: int) -> None:
        self._place(self._cursor + step)

    def action_first(self) -> None:
        self._place(0)

    def action_last(self) -> None:
        self._place(len(self._rows) - 1)

    def action_page(self, direction: int) -> None:
        offsets = self._layout()
        if offsets is None:
            return
        line = offsets[self._cursor] + direction * self.scrollable_content_region.height
        line = min(max(line, 0), offsets[-1] - 1)
        self._place(bisect_right(offsets, line) - 1)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        offsets = self._layout()
        if offset is None or offsets is None:
            return
        line = self.scroll_offset.y + offset.y
        if 0 <= line < offsets[-1]:
            self._place(bisect_right(offsets, line) - 1)

    # -- measuring and drawing ----------------------------------------------------------------

    def _cell_widths(self, width: int) -> tuple[int, int]:
        left = max((width - len(RULE)) // 2, 1)
        return left, max(width - len(RULE) - left, 1)

    def _cell(self, side: Side, index: int | None, again: bool) -> HangingIndent | None:
        if index is None:
            return None
        statements = self._statements[side]
        mark = self._marks[side].get(index, Mark())
        digits = len(str(len(statements)))
        gutter = Content.assemble(
            (str(index + 1).rjust(digits), "dim"),
            " ",
            (GLYPHS[mark.status], GLYPH_STYLES[mark.status]),
            flag_of(mark),
            " ",
        )
        body = Content.styled(AGAIN, "dim italic") if again else Content(printable(statements[index].text))
        return HangingIndent(gutter, body)

    def _cell_height(self, cell: HangingIndent | None, width: int) -> int:
        if cell is None:
            return 1
        body_width = max(width - cell.gutter.cell_length, 1)
        height = wrapped_height(cell.body.plain, body_width)
        return height if height is not None else cell.get_height(self.styles, width)

    def _layout(self) -> list[int] | None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return None
        if self._offsets is None or width != self._width:
            self._width = width
            left_width, right_width = self._cell_widths(width)
            heights = [
                max(
                    self._cell_height(self._cell("left", row.left, row.again[0]), left_width),
                    self._cell_height(self._cell("right", row.right, row.again[1]), right_width),
                )
                for row in self._rows
            ]
            self._offsets = [0, *accumulate(heights)]
            self._strips.clear()
            self.virtual_size = Size(width, self._offsets[-1])
        return self._offsets

    def render_lines(self, crop: Region) -> list[Strip]:
        self._layout()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        offsets = self._layout()
        width = self.scrollable_content_region.width
        base = self.get_visual_style().rich_style
        line = self.scroll_offset.y + y
        if offsets is None or not 0 <= line < offsets[-1]:
            return Strip.blank(width, base)
        at = bisect_right(offsets, line) - 1
        strips = self._row_strips(at, offsets[at + 1] - offsets[at])
        return strips[line - offsets[at]]

    def _row_strips(self, at: int, height: int) -> list[Strip]:
        cursor = at == self._cursor and self.has_focus
        key = (at, self._width, cursor)
        strips = self._strips.get(key)
        if strips is not None:
            return strips
        row = self._rows[at]
        style: Style = self.get_visual_style("aligned-view--cursor") if cursor else self.get_visual_style()
        # On the cursor's row the gap takes the cursor's colour too: the whole row is selected.
        gap = style if cursor else self.get_visual_style("aligned-view--gap")
        columns = []
        for side, index, again, width in (
            ("left", row.left, row.again[0], self._cell_widths(self._width)[0]),
            ("right", row.right, row.again[1], self._cell_widths(self._width)[1]),
        ):
            cell = self._cell(side, index, again)
            if cell is None:
                columns.append([Strip.blank(width, gap.rich_style)] * height)
                continue
            lines = [
                strip.extend_cell_length(width, style.rich_style)
                for strip in Visual.to_strips(self, cell, width, None, style)
            ][:height]
            columns.append(lines + [Strip.blank(width, style.rich_style)] * (height - len(lines)))
        rule = Visual.to_strips(self, Content.styled(RULE, "dim"), len(RULE), 1, style)[0]
        strips = [Strip.join([left, rule, right]) for left, right in zip(*columns)]
        self._strips.set(key, strips)
        return strips

    def on_focus(self) -> None:
        self._strips.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._strips.clear()
        self.refresh()

    def on_resize(self) -> None:
        self.call_after_refresh(self.scroll_to_cursor)
