"""The key reference, generated from the bindings themselves so it cannot drift from them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.notifications import Notification
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

Row = Content | tuple[Content, Content]
"""A line of the legend: a heading, or a mark and what it means."""


class HelpScreen(ModalScreen[None]):
    """Every key of the app, by where it applies."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close help", id="close-help"),
    ]

    def __init__(
        self,
        sections: Sequence[tuple[str, Sequence[Binding]]],
        legend: Sequence[Row] | None = None,
        notices: Sequence[Row] = (),
    ) -> None:
        """
        Args:
            sections: Each section's title and keys.
            legend: What the screen's marks and colours mean, shown before the keys in place
                of the comparison's (``marks``): the assignment screen has none of those.
            notices: The recent notices in full (``notices``), shown first: the reader of a
                notice cut to the footer's row comes here for the rest of it.
        """
        super().__init__()
        self.sections = sections
        self.legend = legend
        self.notices = notices

    def compose(self) -> ComposeResult:
        rows = list(self.notices)
        rows += marks() if self.legend is None else self.legend
        for title, bindings in self.sections:
            rows.append(Content.styled(title, "bold $text-accent"))
            # The footer has room for a word or two; a binding with more to say says it here.
            rows += [
                (Content.styled(keys_of(self.app, binding), "bold"), Content(binding.tooltip or binding.description))
                for binding in bindings
            ]
        with VerticalScroll(id="help"):
            yield from _widgets(rows)

    def on_mount(self) -> None:
        self.query_one("#help").border_title = Content("Keys · escape closes")


def _widgets(rows: Sequence[Row]) -> Iterator[Widget]:
    """Each heading, and under it a grid of two columns, a cell for each key (or mark) and one
    for its meaning: a long meaning wraps within its own column, not back under the keys."""
    cells: list[Static] = []
    for row in rows:
        if isinstance(row, Content):
            if cells:
                yield Grid(*cells, classes="help-keys")
                cells = []
            yield Static(row, markup=False, classes="help-title")
        else:
            cells += [Static(part, markup=False) for part in row]
    if cells:
        yield Grid(*cells, classes="help-keys")


def keys_of(app: App, binding: Binding) -> str:
    """The binding's keys as the app displays them, e.g. "z ctrl+z"."""
    keys = [key.strip() for key in binding.key.split(",")]
    return " ".join(app.get_key_display(binding.with_key(key)) for key in keys)


def notices(recent: Iterable[Notification]) -> list[Row]:
    """A heading, then each notice's time and its whole text, newest first; none: no rows."""
    styles = {"information": "dim", "warning": "$text-warning", "error": "$text-error"}
    rows: list[Row] = [
        (
            Content.styled(f"{datetime.fromtimestamp(notice.raised_at):%H:%M:%S}", styles.get(notice.severity, "dim")),
            # As the notice itself showed it: only the app's own messages are markup.
            Content.from_markup(notice.message) if notice.markup else Content(notice.message),
        )
        for notice in reversed(list(recent))
    ]
    return [Content.styled("Recent notices", "bold $text-accent"), *rows] if rows else []


def marks() -> list[Row]:
    """What the glyphs and colours in the panes and the strip mean: a heading, then each mark
    and its meaning."""
    from readout_tui.core.types import Status
    from readout_tui.core.work.decisions import HAND, HAND_NOTED, NOTED
    from readout_tui.widgets.detail_strip import WORD_STYLES
    from readout_tui.widgets.statement_list import DOUBT, DOUBT_STYLE, FLAG_STYLE, GLYPH_STYLES, GLYPHS, PARTNER_ARROW

    def line(mark: str, style: str, meaning: str) -> tuple[Content, Content]:
        # Padded: a reversed mark ("lit row") shows as a band, as the row it stands for does.
        return Content.styled(mark.ljust(14), style), Content(meaning)

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
        line(f"{PARTNER_ARROW.strip()}3, 5", "dim", "its counterparts' numbers in the other pane"),
        line("lit row", "bold reverse", "a counterpart of the statement under the cursor"),
        line("shaded row", "reverse dim", "shares a counterpart with the statement under the cursor"),
        line("shared", WORD_STYLES["shared"], "in the strip: a word both statements use"),
        line("differs", WORD_STYLES["differs"], "in the strip: a telling word the other statement lacks"),
    ]
