"""The footer, with keys that make way on a narrow terminal."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's footer; the keys whose actions are in ``optional`` get the class ``-optional``,
    which app.tcss hides under 70 columns: there the footer had cut "? Help" and "q Quit" off,
    the two keys that lead to all the others."""

    def __init__(self, optional: set[str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.optional = optional

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            # FooterKey is not exported by textual.widgets: read its action by name.
            if getattr(widget, "action", None) in self.optional:
                widget.add_class("-optional")
            yield widget
