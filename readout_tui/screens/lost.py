"""The saved decisions that no longer fit edited readouts: read, made again, or discarded."""

from __future__ import annotations

from collections.abc import Sequence, Set
from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from readout_tui.core.io.display import counted, printable
from readout_tui.core.work.session import LostDecision

Choice = tuple[Literal["apply", "discard"], int]


class LostScreen(ModalScreen[Choice | None]):
    """Each lost decision with the whole texts it was on; enter makes it again at the cursor,
    x discards it, escape closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # q as on the help: the footer under the box still says "q Quit", and the app's keys
        # do not reach past a modal screen, so q did nothing here.
        Binding("escape,L,q", "dismiss(None)", "Close", id="close-lost"),
        Binding("x", "discard", "Discard", id="discard-lost"),
    ]

    def __init__(self, lost: Sequence[LostDecision], made_again: Set[int] = frozenset()) -> None:
        super().__init__()
        self.lost = lost
        self.made_again = made_again

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt"):
            options = (Option(_shown(item, n in self.made_again), id=str(n)) for n, item in enumerate(self.lost))
            yield OptionList(*options, id="lost-list")
            yield Static(
                Content(
                    "enter: make it again here (a mark or note on the statement under the cursor; on a pair, with"
                    " the statement the strip names) · x: discard it · escape: close"
                ),
                id="prompt-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        again = f" · {len(self.made_again)} made again" if self.made_again else ""
        self.query_one("#prompt").border_title = Content(
            f"{counted(len(self.lost), 'saved decision')} that no longer fit the readouts{again}"
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(("apply", event.option_index))

    def action_discard(self) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None:
            self.dismiss(("discard", highlighted))


def _shown(item: LostDecision, made_again: bool) -> Content:
    lines = [Content.styled(printable(item.description), "bold")]
    if made_again:
        lines.append(Content.styled("  made again here; x discards it from the list", "italic"))
    # The line above has the references it had and the texts cut short; the whole texts here,
    # to find the statements again.
    for side, text in item.statements:
        if f"“{printable(text)}”" in printable(item.description):
            continue  # whole already, as a short statement is: once is enough
        lines.append(Content(f"  {'R' if side == 'right' else 'L'}: {printable(text)}"))
    return Content("\n").join(lines)
