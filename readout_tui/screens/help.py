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
            legend: What the screen's marks and colours mean, shown before the keys in place
                of the comparison's (``marks``): the assignment screen has none of those.
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
        lines: list[Content] = [*(marks() if self.legend is None else [self.legend]), Content("")]
        for title, bindings in self.sections:
            lines.append(Content.styled(title, "bold $text-accent"))
            for binding in bindings:
                keys = (keys_of(self.app, binding).ljust(14), "bold")
                # The footer has room for a word or two; a binding with more to say says it here.
                lines.append(Content.assemble(keys, "  ", binding.tooltip or binding.description))
            lines.append(Content(""))
        lines.pop()
        return Content("\n").join(lines)


def keys_of(app: App, binding: Binding) -> str:
    """The binding's keys as the app displays them, e.g. "z ctrl+z"."""
    keys = [key.strip() for key in binding.key.split(",")]
    return " ".join(app.get_key_display(binding.with_key(key)) for key in keys)


def marks() -> list[Content]:
    """What the glyphs and colours in the panes and the strip mean."""
    from readout_tui.core.types import Status
    from readout_tui.core.work.decisions import HAND, HAND_NOTED, NOTED
    from readout_tui.widgets.detail_strip import WORD_STYLES
    from readout_tui.widgets.statement_list import DOUBT, DOUBT_STYLE, FLAG_STYLE, GLYPH_STYLES, GLYPHS, PARTNER_ARROW

    def line(mark: str, style: str, meaning: str) -> Content:
        return Content.assemble((mark.ljust(14), style), "  ", meaning)

    return [
        Content.styled("Marks", "bold $text-accent"),
        line(GLYPHS[Status.MATCH], GLYPH_STYLES[Status.MATCH], "the other side says the same"),
        line(GLYPHS[Status.RELATED], GLYPH_STYLES[Status.RELATED], "the other side tells the point differently"),
        line(GLYPHS[Status.UNIQUE], GLYPH_STYLES[Status.UNIQUE], "only this side says it"),
        line(GLYPHS[None], GLYPH_STYLES[None], "not compared yet"),
        line(HAND, FLAG_STYLE, "decided by hand (linked, unlinked, kind changed, marked unique)"),
        line(NOTED, FLAG_STYLE, "has a note, or is in a pair that has one"),
        line(HAND_NOTED, FLAG_STYLE, "both"),
        line(DOUBT, DOUBT_STYLE, "doubtful: a pair of low confidence, or unique though near a partner (w)"),
        line(f"{PARTNER_ARROW.strip()}3,5", "dim", "its counterparts' numbers in the other pane"),
        line("lit row", "bold reverse", "a counterpart of the statement under the cursor"),
        line("shaded row", "reverse dim", "shares a counterpart with the statement under the cursor"),
        line("shared", WORD_STYLES["shared"], "in the strip: a word both statements use"),
        line("differs", WORD_STYLES["differs"], "in the strip: a telling word the other statement lacks"),
    ]
