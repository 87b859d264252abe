"""One readout as a list of numbered, wrapped statements, each marked by its status."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.strip import Strip
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from readout_tui.core.display import printable
from readout_tui.core.model import Statement, Status

from .text import HangingIndent

GLYPHS: dict[Status | None, str] = {
    Status.MATCH: "=",
    Status.RELATED: "≈",
    Status.UNIQUE: "∅",
    None: "·",
}
"""Status glyphs, so the status reads without colour too; None means "not decided yet"."""

GLYPH_STYLES: dict[Status | None, str] = {
    Status.MATCH: "bold $text-success",
    Status.RELATED: "bold $text-warning",
    Status.UNIQUE: "bold $text-error",
    None: "dim",
}
"""Theme variables rather than fixed colours, so the marks follow the user's theme."""

FLAG_STYLE = "bold $text-accent"
"""The gutter's mark for a statement the analyst decided on or annotated."""
SEARCH_STYLE = "reverse"
PARTNER_STYLE = "dim"


@dataclass(frozen=True)
class Mark:
    """What the alignment says about one statement."""

    status: Status | None = None
    partners: tuple[int, ...] = ()
    """0-based indices of the statement's counterparts on the other side, best first."""
    flag: str = ""
    """One character after the status glyph (e.g. a decision made by hand), or none."""


class StatementList(OptionList, inherit_bindings=False):
    """A readout's statements; the screen tells it which ones to light.

    Rows are OptionList options whose ids are the statements' indices, so a filter can hide
    rows while everything else keeps talking in statement indices.

    | Key(s) | Description |
    | :- | :- |
    | up, k | Previous statement. |
    | down, j | Next statement. |
    | home, g | First statement. |
    | end, G | Last statement. |
    | pageup / pagedown | A page up or down. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Next statement", show=False),
        Binding("up,k", "cursor_up", "Previous statement", show=False),
        Binding("home,g", "first", "First statement", show=False),
        Binding("end,G", "last", "Last statement", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "statement-list--lit",
        "statement-list--sibling",
    }
    """
    | Class | Description |
    | :- | :- |
    | `statement-list--lit` | Counterparts of the statement under the cursor in the other pane. |
    | `statement-list--sibling` | Statements sharing a counterpart with the one under the cursor. |
    """

    def __init__(
        self,
        side: str,
        statements: Sequence[Statement],
        bodies: LRUCache[tuple, Content],
        *,
        id: str,
    ) -> None:
        super().__init__(id=id, markup=False)
        self.side = side
        """"left" or "right": which readout of the comparison this list shows."""
        self.statements: Sequence[Statement] = statements
        self.lit: frozenset[int] = frozenset()
        self.grouped: frozenset[int] = frozenset()
        self._bodies = bodies
        """Row texts by what they show, shared with the other pane (swapping moves statements
        across). OptionList measures every row each time the list is set, and Content caches
        its wrapped height, so reusing a row's text is what keeps thousands of rows fast."""

    @property
    def shown(self) -> list[int]:
        """Indices of the statements currently listed, in order."""
        return [int(option.id) for option in self.options]

    @property
    def current(self) -> int | None:
        """The statement under this list's cursor."""
        option = self.highlighted_option
        return None if option is None else int(option.id)

    def show(
        self,
        statements: Sequence[Statement],
        marks: dict[int, Mark],
        visible: Iterable[int],
        query: re.Pattern[str] | None = None,
    ) -> None:
        """List ``visible`` statements, keeping the cursor on the same statement if it stays."""
        keep = self.current if statements is self.statements else None
        self.statements = statements
        width = len(str(len(statements)))
        self.set_options(
            Option(self._prompt(statements[i], marks.get(i, Mark()), width, query), id=str(i))
            for i in visible
        )
        if keep is not None:
            self.move_to(self.nearest(keep))
        elif self.option_count:
            self.highlighted = 0

    def _prompt(
        self, statement: Statement, mark: Mark, width: int, query: re.Pattern[str] | None
    ) -> HangingIndent:
        text = printable(statement.text)
        hit = query if query is not None and query.search(text) else None
        key = (statement, mark.partners, hit)
        body = self._bodies.get(key)
        if body is None:
            body = _body(text, mark.partners, hit)
            self._bodies.set(key, body)
        number = str(statement.index + 1).rjust(width)
        gutter = Content.assemble(
            (number, "dim"),
            " ",
            (GLYPHS[mark.status], GLYPH_STYLES[mark.status]),
            (mark.flag or " ", FLAG_STYLE),
        )
        return HangingIndent(gutter, body)

    def nearest(self, index: int) -> int | None:
        """The listed statement closest to ``index`` (the same one if it is listed)."""
        shown = self.shown
        if not shown:
            return None
        return min(shown, key=lambda i: (abs(i - index), i))

    def move_to(self, index: int | None) -> bool:
        """Put the cursor on statement ``index``; False if it is not listed."""
        if index is None:
            return False
        try:
            self.highlighted = self.get_option_index(str(index))
        except LookupError:
            return False
        return True

    def light(self, lit: Iterable[int], grouped: Iterable[int] = ()) -> None:
        """Mark the cursor's counterparts (``lit``) and the statements sharing one (``grouped``)."""
        lit, grouped = frozenset(lit), frozenset(grouped)
        if (lit, grouped) != (self.lit, self.grouped):
            self.lit, self.grouped = lit, grouped
            self.refresh()

    def on_resize(self) -> None:
        # Rows re-wrap at the new width, so the cursor's row moves; keep it in view.
        self.call_after_refresh(self.scroll_to_highlight)

    def render_line(self, y: int) -> Strip:
        # OptionList styles only the cursor and the hovered row; lit rows need their own
        # component class. Its render cache is keyed by style, so the extra styles are cached too.
        # This leans on two private members (_lines, _get_option_render): Textual is capped
        # below 9 and the snapshot tests would show a change.
        try:
            row, line = self._lines[self.scroll_offset.y + y]
        except IndexError:
            return super().render_line(y)
        extra = self._extra_class(row)
        if extra is None:
            return super().render_line(y)
        style = self.get_visual_style("option-list--option", extra)
        strips = self._get_option_render(self.options[row], style)
        return strips[line] if line < len(strips) else super().render_line(y)

    def _extra_class(self, row: int) -> str | None:
        """The component class for a row when it is not the cursor or hover of OptionList."""
        active = self.has_class("-active")
        if active and row == self.highlighted:
            return None
        index = int(self.options[row].id)
        if index in self.lit:
            return "statement-list--lit"
        if index in self.grouped:
            return "statement-list--sibling"
        if row == self.highlighted:
            # The passive pane's cursor is only a memory of where to return; drawn as the cursor it
            # would read as a second selection.
            return "option-list--option"
        return None


def _body(text: str, partners: tuple[int, ...], query: re.Pattern[str] | None) -> Content:
    body = Content(text)
    if query is not None:
        body = body.highlight_regex(query, style=SEARCH_STYLE)
    if partners:
        refs = ", ".join(str(i + 1) for i in partners)
        body = body.append(Content.styled(f"  → {refs}", PARTNER_STYLE))
    return body
