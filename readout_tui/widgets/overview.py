"""Where the differences are, as Meld's or Beyond Compare's overview shows it: one column per
account, top to bottom, each row standing for a stretch of its statements and coloured by the
most telling one in it (unique, then told differently, then the same). A click goes there."""

from __future__ import annotations

from collections.abc import Mapping

from textual import events
from textual.content import Content
from textual.message import Message
from textual.reactive import var
from textual.widget import Widget

from readout_tui.core.types import SIDES, Side, Status
from readout_tui.core.work.workspace import Mark

from .statement_list import GLYPH_STYLES

CELL = "█"
CURSOR = "◆"
PRIORITY = {Status.UNIQUE: 3, Status.RELATED: 2, Status.MATCH: 1}
"""What a row shows when its stretch holds several kinds: the one most worth a look."""


class Overview(Widget):
    """Two thin columns, left account then right, beside the panes."""

    DEFAULT_CSS = """
    Overview {
        width: 3;
        height: 1fr;
        background: $surface;
    }
    """

    marks: var[Mapping[Side, Mapping[int, Mark]]] = var(dict, always_update=True)
    counts: var[tuple[int, int]] = var((0, 0))
    cursor: var[tuple[Side, int] | None] = var(None)

    class Picked(Message):
        """A row was clicked: the first statement of its stretch on that side."""

        def __init__(self, side: Side, index: int) -> None:
            super().__init__()
            self.side = side
            self.index = index

    def watch_marks(self) -> None:
        self.refresh()

    def watch_cursor(self) -> None:
        self.refresh()

    def rows(self, side: Side, height: int) -> list[Status | None]:
        """The status each of ``height`` rows shows for ``side`` (None: no statement there)."""
        count = self.counts[0 if side == "left" else 1]
        marks = self.marks.get(side, {})
        shown: list[Status | None] = []
        for row in range(height):
            start, end = _stretch(row, height, count)
            statuses = [marks[i].status for i in range(start, end) if i in marks and marks[i].status is not None]
            shown.append(max(statuses, key=PRIORITY.__getitem__) if statuses else None)
        return shown

    def render(self) -> Content:
        height = self.size.height
        columns = {side: self.rows(side, height) for side in SIDES}
        here = None
        if self.cursor is not None:
            side, index = self.cursor
            count = self.counts[0 if side == "left" else 1]
            here = (side, _row_of(index, height, count))
        lines = []
        for row in range(height):
            cells = []
            for side in SIDES:
                status = columns[side][row]
                glyph = CURSOR if here == (side, row) else CELL if status is not None else " "
                cells.append((glyph, GLYPH_STYLES.get(status, "dim") if status is not None else "$foreground 50%"))
            lines.append(Content.assemble(cells[0], " ", cells[1]))
        return Content("\n").join(lines)

    def on_click(self, event: events.Click) -> None:
        side: Side = "left" if event.x < 1 else "right" if event.x > 1 else "left"
        count = self.counts[0 if side == "left" else 1]
        if count:
            start, _ = _stretch(event.y, self.size.height, count)
            self.post_message(self.Picked(side, min(start, count - 1)))


def _stretch(row: int, height: int, count: int) -> tuple[int, int]:
    """The statements (start, end) that row ``row`` of ``height`` stands for, of ``count``.
    With fewer statements than rows, each stands on as many rows as its share of the height."""
    if count <= 0 or height <= 0:
        return 0, 0
    start = row * count // height
    return start, max((row + 1) * count // height, start + 1)


def _row_of(index: int, height: int, count: int) -> int:
    """The row that shows statement ``index``."""
    if count <= 0 or height <= 0:
        return 0
    if count < height:
        return (index * height + count - 1) // count
    row = min(index * height // count, height - 1)
    while _stretch(row, height, count)[0] > index:
        row -= 1
    while _stretch(row, height, count)[1] <= index:
        row += 1
    return row
