"""Before comparing an article's two accounts: which statement tells which account.

The state lives in an ``Assignment`` (the attribution with the analyst's moves, their undo
history, the filter, the statement under the cursor); the screen turns keys into its calls and
renders what it answers. Accepting posts ``Accepted`` with the comparison's workspace, which
the app opens.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import OptionList, Static

from readout_tui.core.engine.attribution import How, Side
from readout_tui.core.engine.settings import AlignmentSettings
from readout_tui.core.io.display import counted, printable
from readout_tui.core.work.assignment import HOW_LEGEND, Assignment
from readout_tui.core.work.workspace import Refusal, Workspace
from readout_tui.widgets.assignment_list import (
    BY_HAND,
    SIDE_STYLES,
    WHY_STYLE,
    AssignmentList,
    cue_style,
)
from readout_tui.widgets.footer import KeyFooter
from readout_tui.widgets.text import cut_to, date_label

TITLE_FRAME = 6
"""Columns of the list's top border that its title cannot use: corners, rules and spaces."""


class AssignmentScreen(Screen[None]):
    """An article's statements, each given to the left account, the right one or neither.

    | Key(s) | Description |
    | :- | :- |
    | left / right | Move the statement to the left / right account. |
    | x, delete | Move it to neither. |
    | p | Put it back where it was proposed. |
    | z / Z | Undo / redo a move. |
    | n / N | Next / previous statement on neither. |
    | f | Filter: all, left, right, neither, moved by hand. |
    | enter | Accept: compare the two accounts as assigned. |
    """

    MOVING: ClassVar[list[Binding]] = [
        Binding("left", "move('left')", "Left", tooltip="Move the statement to the left account", id="to-left"),
        Binding("right", "move('right')", "Right", tooltip="Move the statement to the right account", id="to-right"),
        Binding("x,delete", "move('neither')", "Neither", tooltip="Move the statement to neither", id="to-neither"),
        Binding(
            "p",
            "to_proposed",
            "Proposed",
            show=False,
            tooltip="Back where it was proposed",
            id="to-proposed",
        ),
        # Left out of the footer for room at 80 columns: each move's notice says "z undoes".
        Binding("z,ctrl+z", "undo", "Undo", show=False, id="undo-move"),
        Binding("Z,ctrl+y", "redo", "Redo", show=False, id="redo-move"),
    ]
    """Moving statements between the accounts."""

    FINDING: ClassVar[list[Binding]] = [
        Binding("n", "seek(1)", "Next neither", tooltip="Next statement on neither", id="next-neither"),
        Binding(
            "N",
            "seek(-1)",
            "Previous neither",
            show=False,
            tooltip="Previous statement on neither",
            id="previous-neither",
        ),
        Binding(
            "f",
            "cycle_show",
            "Filter",
            show=False,
            tooltip="Filter: all, left, right, neither, moved",
            id="filter-assignment",
        ),
        Binding(
            "enter", "accept", "Compare", tooltip="Accept: compare the accounts as assigned", id="accept"
        ),
    ]
    """Finding one's way, and going on to the comparison."""

    BINDINGS: ClassVar[list[BindingType]] = [*MOVING, *FINDING]

    @dataclass
    class Accepted(Message):
        """The analyst accepted the assignment: compare the accounts of ``workspace``."""

        workspace: Workspace

    def __init__(
        self, assignment: Assignment, settings: AlignmentSettings | None = None, threshold: float | None = None
    ) -> None:
        """
        Args:
            assignment: The article's statements and the moves made, which the screen shows
                and changes.
            settings: The command line's settings, for the comparison.
            threshold: The command line's threshold, if it gave one.
        """
        super().__init__()
        self.assignment = assignment
        self.settings = settings or AlignmentSettings()
        self.threshold = threshold
        self._save_failed = False

    def compose(self) -> ComposeResult:
        yield Static(id="assign-head", markup=False)
        yield AssignmentList(id="statements")
        yield Static(id="assign-detail", markup=False)
        yield KeyFooter({"seek(1)"}, compact=True)

    def on_mount(self) -> None:
        self.query_one("#assign-head", Static).update(self._head())
        self._show()
        self._tell_restored()

    def on_screen_resume(self) -> None:
        # Back from the comparison: the list takes the keys again.
        self.query_one(AssignmentList).focus()

    def _tell_restored(self) -> None:
        work = self.assignment
        if work.restored.notice:
            self.notify(printable(work.restored.notice), severity="warning", markup=False, timeout=10)
        if work.gone:
            # Each a LostDecision: its one line (it was joined as if a string, which crashed the app).
            listed = "; ".join(printable(gone.description) for gone in work.gone)
            moved = counted(len(work.gone), "statement")
            self.notify(
                f"The article changed; {moved} moved by hand {'is' if len(work.gone) == 1 else 'are'} no longer"
                f" in it, kept aside in the session file: {listed}",
                severity="warning",
                markup=False,
                timeout=20,
            )

    # -- showing ----------------------------------------------------------------------------------

    def _head(self) -> Content:
        info = self.assignment.comparison.info
        parts = ["Which account tells each statement?"]
        if info.date:
            parts.append(printable(date_label(info.date)))
        if info.title:
            parts.append(printable(info.title))
        return Content(" · ".join(parts))

    def _show(self) -> None:
        """Render what the assignment now holds: rows, counts, the statement under the cursor."""
        work = self.assignment
        statements = self.query_one(AssignmentList)
        statements.show(work.attribution, work.rows(), work.index, self.size.width)
        work.point(statements.current)
        self._set_titles()
        self._show_detail()

    def on_resize(self) -> None:
        # The list's width is known only after the layout: the title is cut to it then, and
        # the account names get the room the new width gives.
        self.call_after_refresh(self._show)

    def _set_titles(self) -> None:
        statements = self.query_one(AssignmentList)
        statements.border_title = self._counts(statements.outer_size.width - TITLE_FRAME)
        work = self.assignment
        shown = len(statements.options)
        total = len(work.attribution.statements)
        listed = f"{shown} of {total} listed ({work.show_name()})" if shown != total else counted(total, "statement")
        statements.border_subtitle = Content(f"{listed} · enter compares")

    def _counts(self, room: int) -> Content:
        """"← Left 10 · Right 3 → · neither 21 · ✎ 2", the labels cut to fit ``room``."""
        work = self.assignment
        counts = work.counts()
        labels = [printable(work.label(side)) for side in (Side.LEFT, Side.RIGHT)]
        tail = f" · neither {counts.neither}" + (f" · {BY_HAND} {counts.by_hand}" if counts.by_hand else "")
        fixed = len(f"← {counts.left} · {counts.right} →") + 2 + len(tail)
        if room > 0 and fixed + sum(map(cell_len, labels)) > room:
            each = max((room - fixed) // 2, 2)
            labels = [cut_to(label, each) for label in labels]
        return Content.assemble(
            ("← ", SIDE_STYLES[Side.LEFT]),
            (f"{labels[0]} {counts.left}", SIDE_STYLES[Side.LEFT]),
            " · ",
            (f"{labels[1]} {counts.right}", SIDE_STYLES[Side.RIGHT]),
            (" →", SIDE_STYLES[Side.RIGHT]),
            tail,
        )

    def _show_detail(self) -> None:
        work = self.assignment
        index = work.index
        detail = self.query_one("#assign-detail", Static)
        if index is None:
            detail.update(Content.styled("No statement listed: f changes the filter.", WHY_STYLE))
            return
        statement = work.attribution.statements[index]
        where = Content.styled(printable(work.label(statement.side)), SIDE_STYLES[statement.side])
        parts = [Content(f"Statement {index + 1}: "), where]
        position = work.attribution.account_index(index)
        if position is not None:
            parts.append(Content(f" ({statement.side.value[0].upper()}{position + 1})"))
        why = Content.styled(printable(work.why(index)), WHY_STYLE)
        if statement.how is How.BY_HAND:
            # What the statement was moved away from, and why it had been put there.
            proposed = statement.proposed_side
            parts.append(Content(f" · {BY_HAND} moved by hand"))
            why = Content.assemble(
                Content.styled("proposed: ", WHY_STYLE),
                Content.styled(printable(work.label(proposed)), SIDE_STYLES[proposed]),
                Content.styled(f" · {printable(work.proposal_why(index))}", WHY_STYLE),
            )
        if statement.source:
            parts.append(Content(f" · source: {printable(statement.source)}"))
        detail.update(Content("\n").join([Content.assemble(*parts), why]))

    @on(OptionList.OptionHighlighted, "#statements")
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        self.assignment.point(self.query_one(AssignmentList).current)
        self._show_detail()

    # -- actions ----------------------------------------------------------------------------------

    def _here(self) -> Assignment:
        """The assignment, told where the cursor is now: a key can arrive before the message of
        the cursor move that came just before it."""
        self.assignment.point(self.query_one(AssignmentList).current)
        return self.assignment

    def _refused(self, refusal: Refusal) -> None:
        self.app.say(printable(str(refusal)))

    def _changed(self, change: Callable[[], str], prefix: str = "") -> None:
        try:
            what = change()
        except Refusal as refusal:
            self._refused(refusal)
            return
        self._show()
        self._save()
        hint = "" if prefix else " (z undoes)"
        self.app.say(f"{prefix}{printable(what)}{hint}")

    def action_move(self, side: str) -> None:
        work = self._here()
        self._changed(lambda: work.move(side))

    def action_to_proposed(self) -> None:
        self._changed(self._here().to_proposed)

    def action_undo(self) -> None:
        self._changed(self.assignment.undo, "Undone: ")

    def action_redo(self) -> None:
        self._changed(self.assignment.redo, "Redone: ")

    def action_seek(self, direction: int) -> None:
        try:
            index = self._here().seek(direction)
        except Refusal as refusal:
            self._refused(refusal)
            return
        self.query_one(AssignmentList).move_to(index)

    def action_cycle_show(self) -> None:
        self._here().cycle_show()
        self._show()

    def action_accept(self) -> None:
        try:
            workspace = self.assignment.accept(self.settings, self.threshold)
        except Refusal as refusal:
            self.app.say(printable(str(refusal)), severity="warning", timeout=4)
            return
        self.post_message(self.Accepted(workspace))

    def _save(self) -> None:
        try:
            self.assignment.save()
        except OSError as exc:
            if not self._save_failed:
                store = self.assignment.store
                where = f"{store.path}: " if store is not None else ""
                reason = printable(f"{where}{exc.strerror or exc}")
                self.notify(f"Cannot save the assignment: {reason}", severity="error", markup=False)
            self._save_failed = True

    @staticmethod
    def legend() -> list[Content | tuple[Content, Content]]:
        """What the rows show, for the help screen: headings, and marks with their meaning
        (laid out in two columns, as its keys are)."""
        marks = [
            (Content.styled("account", SIDE_STYLES[Side.LEFT]), "left account, after the number"),
            (Content.styled("account", SIDE_STYLES[Side.RIGHT]), "right account"),
            (Content.styled("neither", SIDE_STYLES[Side.NEITHER]), "neither account"),
            (Content.styled("cue", cue_style(Side.LEFT)), "the words that decided it"),
            (Content.styled(BY_HAND, "bold $text-warning"), "moved by hand"),
            (Content.styled("(why)", WHY_STYLE), "on neither, moved, or told twice"),
        ]
        lines: list[Content | tuple[Content, Content]] = [Content.styled("What a row shows", "bold $text-accent")]
        lines += [(mark, Content(text)) for mark, text in marks]
        lines.append(Content.styled("How it was attributed", "bold $text-accent"))
        lines += [(Content.styled(how.value, "bold"), Content(text)) for how, text in HOW_LEGEND]
        return lines
