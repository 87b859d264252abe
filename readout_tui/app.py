"""The Textual app: two readouts of one call, statement by statement.

Importing this module must stay fast and must not import torch or sentence-transformers: the
window has to paint before the model is even looked at. The model is only touched inside the
comparison worker (see ``screens.compare``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from readout_tui.core.engine.cache import EmbeddingCache
from readout_tui.core.engine.embedder import Embedder
from readout_tui.core.engine.settings import AlignmentSettings
from readout_tui.core.io.display import printable
from readout_tui.core.io.files import write_atomic
from readout_tui.core.io.loading import Comparison
from readout_tui.core.work.session import SessionStore
from readout_tui.screens.compare import THRESHOLD_STEP, CompareScreen
from readout_tui.screens.help import HelpScreen
from readout_tui.screens.work import WORK_COMMANDS, WorkScreen
from readout_tui.widgets.statement_list import StatementList

PALETTE_BINDING = Binding("ctrl+p", "command_palette", "Command palette")
"""Textual's own key for the palette, listed in the help screen with the app's keys."""


class ReadoutApp(App[None]):
    """Compare two readouts.

    | Key(s) | Description |
    | :- | :- |
    | ? | Key reference. |
    | ctrl+s | Save an SVG screenshot in the current folder. |
    | q | Quit. |
    """

    CSS_PATH = Path(__file__).with_name("app.tcss")
    """Absolute, so that subclasses defined elsewhere (tests) find it too."""
    TITLE = "readout-tui"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-wide")]
    """Below 100 columns two panes of prose are too narrow to read; they stack instead."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit", "Quit"),
        Binding("ctrl+s", "save_svg", "Save screenshot", show=False),
    ]

    def __init__(
        self,
        comparison: Comparison,
        embedder: Embedder | None = None,
        cache: EmbeddingCache | None = None,
        settings: AlignmentSettings | None = None,
        session: SessionStore | None = None,
        keep_threshold: bool = False,
    ) -> None:
        """
        Args:
            comparison: The two readouts and what is known about the call.
            embedder: The sentence embedder; None compares by shared words only.
            cache: Where embeddings are kept between runs; None embeds every time.
            settings: The alignment's knobs; the threshold can be changed in the app.
            session: Where corrections, notes, threshold and cursor are saved; None keeps nothing.
            keep_threshold: Keep ``settings``' threshold even when the session saved another.
        """
        super().__init__()
        self.comparison = comparison
        self.embedder = embedder
        self.cache = cache
        self.settings = settings or AlignmentSettings()
        self.session = session
        self.keep_threshold = keep_threshold

    def get_default_screen(self) -> Screen:
        return WorkScreen(
            self.comparison, self.embedder, self.cache, self.settings, self.session, self.keep_threshold
        )

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(
            HelpScreen(
                [
                    ("In a pane", StatementList.BINDINGS),
                    ("Comparing", CompareScreen.BINDINGS),
                    ("Correcting and publishing", WorkScreen.BINDINGS),
                    ("Anywhere", [*self.BINDINGS, PALETTE_BINDING]),
                ]
            )
        )

    def action_save_svg(self) -> None:
        # Not App.save_screenshot: it writes in place, so a crash could leave half a file.
        name = f"{self.title}_{datetime.now():%Y-%m-%dT%H_%M_%S_%f}.svg"
        try:
            path = write_atomic(Path.cwd() / name, self.export_screenshot())
        except OSError as error:
            reason = printable(error.strerror or str(error))
            self.notify(f"Screenshot not saved: {reason}", severity="error", markup=False)
            return
        self.notify(f"Screenshot saved: {printable(str(path))}", markup=False)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title not in _REPLACED_SYSTEM_COMMANDS:
                yield command
        yield SystemCommand("Keys", "Every key of the app", self.action_help)
        yield SystemCommand(
            "Save SVG screenshot", "Into the current folder", self.action_save_svg
        )
        if not isinstance(screen, CompareScreen):
            return
        for title, help_text, action in _COMPARE_COMMANDS:
            yield SystemCommand(title, help_text, _runner(screen, action))
        if isinstance(screen, WorkScreen):
            for title, help_text, action in WORK_COMMANDS:
                yield SystemCommand(title, help_text, _runner(screen, action))


_REPLACED_SYSTEM_COMMANDS = {"Keys", "Screenshot"}
"""Textual's own commands the app has its own for: its key panel (ours lists every key of
the app) and its screenshot (ours is written atomically)."""

_COMPARE_COMMANDS = [
    ("Jump to the counterpart", "Again to go through several and back", "jump"),
    ("Swap sides", "Put the right readout on the left", "swap"),
    ("Filter: next view", "All statements, unique only, pairs only", "cycle_filter"),
    ("Raise threshold", "Fewer, surer counterparts", f"threshold({THRESHOLD_STEP})"),
    ("Lower threshold", "More counterparts, more noise", f"threshold({-THRESHOLD_STEP})"),
    ("Next unique statement", "Said by one side only", "seek('unique', 1)"),
    ("Previous unique statement", "Said by one side only", "seek('unique', -1)"),
    ("Next pair told differently", "The same point, told differently", "seek('related', 1)"),
    ("Previous pair told differently", "The same point, told differently", "seek('related', -1)"),
    ("Search both readouts", "Then n / N for the next and previous hit", "search"),
]


def _runner(screen: CompareScreen, action: str):
    async def run() -> None:
        await screen.run_action(action)

    return run
