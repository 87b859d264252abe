"""An article's statements in reading order, each with the account it is given to and why.

An ``OptionList``: an article has tens of statements, a few hundred at most, so measuring them
all up front costs nothing worth a Line API widget of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from textual.binding import BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from readout_tui.core.engine.attribution import Attributed, Attribution, How, Side
from readout_tui.core.io.display import printable

from .statement_list import STATEMENT_KEYS
from .text import HangingIndent

SIDE_STYLES: dict[Side, str] = {
    Side.LEFT: "bold $text-primary",
    Side.RIGHT: "bold $text-accent",
    Side.NEITHER: "dim",
}
"""Each account's colour (theme variables, so every theme works); neither recedes."""
CUE_STYLE = "underline"
"""The words that decided a statement; in its account's colour too."""
WHY_STYLE = "italic dim"
BY_HAND = "✎"
TAG_SHARE = 6
"""A row's account name takes at most a sixth of the list's width: the text needs the rest."""
TAG_MIN = 7
"""Room for "neither" and a label's first letters, however narrow the list."""


def tag_width(attribution: Attribution, width: int) -> int:
    """Columns for the account names of a list ``width`` wide: the longest label, if it fits."""
    return min(max(cell_len(printable(attribution.label(side))) for side in Side), max(width // TAG_SHARE, TAG_MIN))


def cue_span(statement: Attributed) -> tuple[int, int] | None:
    """Where the cue is in the statement as shown: ``printable`` writes some characters as
    several, so the text before the cue may have grown."""
    if statement.cue is None:
        return None
    start, end = statement.cue
    text = statement.text
    shown_start = len(printable(text[:start]))
    return shown_start, shown_start + len(printable(text[start:end]))


def cue_style(side: Side) -> str:
    return CUE_STYLE if side is Side.NEITHER else f"{CUE_STYLE} {SIDE_STYLES[side]}"


def side_tag(attribution: Attribution, side: Side, width: int) -> Content:
    """The account's label (or "neither") cut and padded to ``width`` columns, in its colour
    (columns, not characters: "日本政府" takes eight)."""
    label = printable(attribution.label(side))
    if cell_len(label) > width:
        other = Side.RIGHT if side is Side.LEFT else Side.LEFT
        label = _told_apart(label, printable(attribution.label(other)), width)
    return Content.styled(set_cell_size(label, width), SIDE_STYLES[side])


def _cut(label: str, width: int) -> str:
    return set_cell_size(label, width - 1) + "…" if cell_len(label) > width else label


def _told_apart(label: str, other: str, width: int) -> str:
    """``label`` cut to ``width`` columns; when the other account's label cuts to the same
    ("пресс-служба Кремля", "пресс-служба президента Азербайджана": both "пресс-служба…"),
    what follows the words they share, after "…", so that the two columns differ."""
    cut = _cut(label, width)
    if cut != _cut(other, width) or label == other:
        return cut
    words, others = label.split(" "), other.split(" ")
    shared = 0
    while shared < min(len(words), len(others)) - 1 and words[shared] == others[shared]:
        shared += 1
    rest = " ".join(words[shared:]) if shared else label
    if not shared:
        return "…" + set_cell_size(rest[-(width - 1) :], width - 1)  # its end, where they differ
    return "…" + _cut(rest, width - 1)


def statement_row(attribution: Attribution, statement: Attributed, width: int) -> HangingIndent:
    """Number, account, a mark when moved by hand; then the text with its cue highlighted,
    and why, for a statement on neither, moved by hand or repeating another."""
    digits = len(str(len(attribution.statements)))
    gutter = Content.assemble(
        (str(statement.index + 1).rjust(digits), "dim"),
        " ",
        side_tag(attribution, statement.side, width),
        # A space before the mark: the longest label fills its column ("White House✎").
        " ",
        (BY_HAND if statement.how is How.BY_HAND else " ", "bold $text-warning"),
        " ",
    )
    body = Content(printable(statement.text))
    span = cue_span(statement)
    if span is not None:
        # The cue decided what was proposed: a statement moved by hand keeps that colour.
        body = body.stylize(cue_style(statement.proposed_side), *span)
    if statement.side is Side.NEITHER or statement.how is How.BY_HAND or statement.repeats is not None:
        body = body.append(Content.styled(f"  ({printable(attribution.why(statement.index))})", WHY_STYLE))
    return HangingIndent(gutter, body)


class AssignmentList(OptionList, inherit_bindings=False):
    """The statements the screen lists; the highlighted one is the statement under the cursor.

    | Key(s) | Description |
    | :- | :- |
    | up, k | Previous statement. |
    | down, j | Next statement. |
    | home, g | First statement. |
    | end, G | Last statement. |
    | pageup / pagedown | A page up or down. |
    """

    BINDINGS: ClassVar[list[BindingType]] = list(STATEMENT_KEYS)

    def __init__(self, *, id: str) -> None:
        super().__init__(markup=False, id=id)
        self._shown: list[int] = []
        self._attribution: Attribution | None = None
        self._tag_width = 0

    @property
    def current(self) -> int | None:
        """The statement under the cursor."""
        return None if self.highlighted is None else self._shown[self.highlighted]

    def show(self, attribution: Attribution, rows: Sequence[int], at: int | None, width: int) -> None:
        """List statements ``rows`` of ``attribution`` with the cursor on ``at``, or on the
        listed statement nearest after it (before it, at the end); ``width``: the list's."""
        width = tag_width(attribution, width)
        if list(rows) == self._shown and self._attribution is not None and width == self._tag_width:
            # The same rows: only those whose statement changed are drawn again.
            for row, index in enumerate(rows):
                statement = attribution.statements[index]
                if statement != self._attribution.statements[index]:
                    self.replace_option_prompt_at_index(row, statement_row(attribution, statement, width))
        else:
            self.clear_options()
            self.add_options(
                Option(statement_row(attribution, attribution.statements[i], width), id=f"s{i}") for i in rows
            )
            self._shown = list(rows)
        self._attribution, self._tag_width = attribution, width
        self.move_to(at)

    def move_to(self, index: int | None) -> None:
        """Put the cursor on statement ``index``, or the nearest listed after (else before) it."""
        if not self._shown:
            self.highlighted = None
            return
        if index is None:
            self.highlighted = 0
            return
        after = [row for row, i in enumerate(self._shown) if i >= index]
        self.highlighted = after[0] if after else len(self._shown) - 1
