"""A one-line question in a box: a note to write, a file name to export to."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from readout_tui.core.io.display import printable


class PromptScreen(ModalScreen[str | None]):
    """Returns the text entered (enter), or None (escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(
        self, title: str, value: str = "", hint: str = "", placeholder: str = "", cursor: int | None = None
    ) -> None:
        """
        Args:
            cursor: Where the cursor starts in ``value``, nothing selected: for a text that is
                edited (a note added to, a | moved), where a first key must not replace it all.
                None: the whole value selected, for one that is replaced (a file name).
        """
        super().__init__()
        self.title_text = title
        self.value = value
        self.hint = hint
        self.placeholder = placeholder
        self.cursor = cursor

    def compose(self) -> ComposeResult:
        # The title and the cursor are set on the widgets as they are made, not looked up once
        # mounted: a prompt closed as it opened has no children left to find.
        with Vertical(id="prompt") as box:
            box.border_title = Content(printable(self.title_text))
            field = Input(
                value=self.value,
                placeholder=self.placeholder,
                select_on_focus=self.cursor is None,
                id="prompt-input",
            )
            if self.cursor is not None:
                field.cursor_position = self.cursor
            yield field
            yield Static(Content(printable(self.hint)), id="prompt-hint", markup=False)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question: y answers yes; n or escape, no."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="yes"),
        Binding("n,escape", "answer(False)", "No", id="no"),
    ]

    def __init__(self, question: str, hint: str = "y yes · n or escape no") -> None:
        super().__init__()
        self.question = question
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt"):
            yield Static(Content(printable(self.question)), id="confirm-question", markup=False)
            yield Static(Content(printable(self.hint)), id="prompt-hint", markup=False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
