"""The key reference, generated from the bindings themselves so it cannot drift from them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static


class HelpScreen(ModalScreen[None]):
    """Every key of the app, by where it applies."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close help", id="close-help"),
    ]

    def __init__(self, sections: Sequence[tuple[str, Sequence[Binding]]], legend: Content | None = None) -> None:
        """
        Args:
            sections: Each section's title and keys.
            legend: What the screen's marks and colours mean, shown after the keys.
        """
        super().__init__()
        self.sections = sections
        self.legend = legend

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(self._reference(), markup=False)

    def on_mount(self) -> None:
        self.query_one("#help").border_title = Content("Keys · escape closes")

    def _reference(self) -> Content:
        lines: list[Content] = []
        for title, bindings in self.sections:
            lines.append(Content.styled(title, "bold $text-accent"))
            for binding in bindings:
                keys = (keys_of(self.app, binding).ljust(14), "bold")
                # The footer has room for a word or two; a binding with more to say says it here.
                lines.append(Content.assemble(keys, "  ", binding.tooltip or binding.description))
            lines.append(Content(""))
        if self.legend is not None:
            lines.append(self.legend)
        else:
            lines.pop()
        return Content("\n").join(lines)


def keys_of(app: App, binding: Binding) -> str:
    """The binding's keys as the app displays them, e.g. "z ctrl+z"."""
    keys = [key.strip() for key in binding.key.split(",")]
    return " ".join(app.get_key_display(binding.with_key(key)) for key in keys)
