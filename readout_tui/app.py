"""The Textual app: two readouts of one call, statement by statement.

Importing this module must stay fast and must not import torch or sentence-transformers: the
window has to paint before the model is even looked at. The model is only touched inside the
comparison worker (see ``screens.compare``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.actions import parse
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.notifications import Notification, Notify, SeverityLevel
from textual.screen import Screen

from readout_tui.core.engine.cache import EmbeddingCache
from readout_tui.core.engine.embedder import Embedder
from readout_tui.core.engine.settings import AlignmentSettings
from readout_tui.core.io.display import printable
from readout_tui.core.io.files import write_atomic
from readout_tui.core.io.loading import Comparison
from readout_tui.core.work.session import SessionStore
from readout_tui.core.work.workspace import Workspace
from readout_tui.screens.compare import CompareScreen
from readout_tui.screens.help import HelpScreen, keys_of, notices
from readout_tui.screens.prompt import ConfirmScreen
from readout_tui.widgets.statement_list import StatementList

if TYPE_CHECKING:
    from readout_tui.screens.assign import AssignmentScreen

COMPARING = "comparison"
"""The name the comparison of an article's accounts is installed under."""
NOTICES_KEPT = 20
"""Notices listed in full on the help screen, newest first: on screen they are cut to one row."""
PALETTE_BINDING = Binding("ctrl+p", "command_palette", "Command palette", id="command-palette")
"""Textual's own key for the palette, listed in the help screen with the app's keys."""


class ReadoutApp(App[None]):
    """Compare two readouts.

    | Key(s) | Description |
    | :- | :- |
    | ? | Key reference, and the recent notices in full. |
    | ctrl+s | Save an SVG screenshot in the current folder. |
    | q | Quit. |
    """

    CSS_PATH = Path(__file__).with_name("app.tcss")
    """Absolute, so that subclasses defined elsewhere (tests) find it too."""
    TITLE = "readout-tui"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-stacked"), (70, "-narrow"), (100, "-wide")]
    """Below 100 columns the strip gets taller, so that a pair of long statements fits in it at
    80x24, and the panes stay side by side: stacked there, each had room for two statements.
    Below 70 columns a pane beside the other would be too narrow for prose; they stack."""
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (30, "-tall")]
    """Under 30 rows the mentions panel takes the detail strip's place rather than rows of the
    panes (see app.tcss)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
        Binding("ctrl+s", "save_svg", "Save screenshot", show=False, id="save-screenshot"),
    ]

    def __init__(
        self,
        comparison: Comparison,
        embedder: Embedder | None = None,
        cache: EmbeddingCache | None = None,
        settings: AlignmentSettings | None = None,
        session: SessionStore | None = None,
        threshold: float | None = None,
        reload: Callable[[], Comparison] | None = None,
    ) -> None:
        """
        Args:
            comparison: The two readouts and what is known about the call.
            embedder: The sentence embedder; None compares by shared words only.
            cache: Where embeddings are kept between runs; None embeds every time.
            settings: The alignment's knobs; the threshold can be changed in the app.
            session: Where corrections, notes, threshold and cursor are saved; None keeps nothing.
            threshold: The threshold given on the command line, which holds over the one the
                session saved (see ``settings_in_force``); None: the saved one, else ``settings``'.
            reload: Reads the comparison again from its files, when they change on disk; None
                does not watch them.
        """
        super().__init__()
        self.comparison = comparison
        self.embedder = embedder
        self.cache = cache
        self.settings = settings or AlignmentSettings()
        self.session = session
        self.threshold = threshold
        self._assigning: AssignmentScreen | None = None
        """An article's assignment, the first screen when there is one."""
        self._comparing: CompareScreen | None = None
        """The comparison of an article's accounts, kept while the assignment is shown."""
        self.reload = reload
        self.recent: deque[Notification] = deque(maxlen=NOTICES_KEPT)
        """The last notices, kept for the help screen: a notice wider than the screen is cut."""
        self._said: Notification | None = None
        """The last notice of what a key did (``say``), taken back when the next one comes."""
        if session is not None and session.read_only:
            # Another instance is the one that saves: said before anything else.
            self.title = f"{self.title} [read-only]"

    def get_default_screen(self) -> Screen:
        if self.comparison.info.article is not None:
            # One article telling both accounts: which statement is whose comes first. Imported
            # here: the attribution's word tables are not needed to compare two readouts.
            from readout_tui.core.work.assignment import Assignment
            from readout_tui.screens.assign import AssignmentScreen

            assignment = Assignment.open(self.comparison, self.session)
            self._assigning = AssignmentScreen(assignment, self.settings, self.threshold)
            return self._assigning
        workspace = Workspace.open(self.comparison, self.settings, self.session, self.threshold)
        return CompareScreen(workspace, self.embedder, self.cache)

    async def on_assignment_screen_accepted(self, message: AssignmentScreen.Accepted) -> None:
        """Open the comparison of the accounts as assigned: the one left with ``b`` when
        nothing moved since, else a new one, decided afresh."""
        screen = self._comparing
        if screen is None or screen.workspace is not message.workspace:
            if screen is not None:
                self.uninstall_screen(screen)
                # Gone before the new one opens: its last save must not come after the new one's.
                await screen.remove()
            screen = CompareScreen(message.workspace, self.embedder, self.cache)
            # Installed, so that going back to the assignment keeps it for an unchanged return.
            self.install_screen(screen, COMPARING)
            first, self._comparing = self._comparing is None, screen
            if first:
                self.notify("b goes back to the assignment.", timeout=4)
        await self.push_screen(screen)

    def action_back_to_assignment(self) -> None:
        if self._over_assignment():
            self.pop_screen()

    def _over_assignment(self) -> bool:
        # The palette asks which commands may run while it is itself on top: under it, the
        # comparison is still the one over the assignment.
        stack = [screen for screen in self.screen_stack if not isinstance(screen, CommandPalette)]
        return len(stack) > 1 and stack[-1] is self._comparing and stack[-2] is self._assigning

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back_to_assignment":
            return self._over_assignment()
        return True
    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> Notification:
        """Textual's, with the notification returned, so that ``withdraw`` can take it back, and
        kept in ``recent`` for the help screen."""
        if timeout is None:
            timeout = self.NOTIFICATION_TIMEOUT
        notification = Notification(message, title, severity, timeout, markup=markup)
        if self.recent and self.recent[-1].message == message:
            # A key pressed again says the same again (+ at the top): one line, the latest.
            self.recent.pop()
        self.recent.append(notification)
        self.post_message(Notify(notification))
        return notification

    def say(self, message: str, *, severity: SeverityLevel = "information", timeout: float = 2) -> None:
        """Tell what a key did, in place of what the key before it did: keys pressed in a
        row (z z z) would otherwise stack their notices over the strip."""
        self.withdraw(self._said)
        self._said = self.notify(message, severity=severity, timeout=timeout, markup=False)

    def withdraw(self, notification: Notification | None, again: bool = True) -> None:
        """Take a notification off the screen before its time: a newer one says it better."""
        if notification is None:
            return
        if notification in self._notifications:
            self._unnotify(notification)
        elif again:
            # Posted by the same handler (a search that finds nothing, then its seek): its
            # Notify is still queued, and is taken in before this call comes round.
            self.call_later(self.withdraw, notification, False)

    async def action_quit(self) -> None:
        """Quit; with work that could not be saved, ask first (the last save is tried again)."""
        unsaved = self._unsaved()
        if not unsaved:
            self.exit()
            return

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        question = f"Your last changes are not saved ({printable(unsaved)}). Quit anyway?"
        if not any(isinstance(screen, ConfirmScreen) for screen in self.screen_stack):
            self.push_screen(ConfirmScreen(question, "y quits, the changes lost · n or escape stays"), answered)

    def _unsaved(self) -> str:
        """Why the work on screen is not on disk, after one more try at saving it."""
        if self.session is None or not self.session.unsaved:
            return ""
        for screen in self.screen_stack:
            if isinstance(screen, CompareScreen):
                screen.save()
        return self.session.unsaved

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        anywhere = ("Anywhere", [*self.BINDINGS, PALETTE_BINDING])
        if self.screen is self._assigning:
            from readout_tui.widgets.assignment_list import AssignmentList

            sections = [
                ("In the list", AssignmentList.BINDINGS),
                ("Assigning the article's statements", self._assigning.MOVING),
                ("Finding and comparing", self._assigning.FINDING),
                anywhere,
            ]
            self.push_screen(HelpScreen(sections, self._assigning.legend(), notices(self.recent)))
            return
        screen = self.screen
        # Only the keys that work here: "b" goes back to an assignment only over one.
        comparing = [binding for binding in CompareScreen.COMPARING if _enabled(self, screen, binding)]
        self.push_screen(
            HelpScreen(
                [
                    ("In a pane", StatementList.BINDINGS),
                    ("Comparing", comparing),
                    ("Correcting and publishing", CompareScreen.CORRECTING),
                    anywhere,
                ],
                notices=notices(self.recent),
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

    def action_show_help_panel(self) -> None:
        """Textual's "Keys" command: the app's key reference, which lists every key."""
        self.action_help()

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """Textual's "Screenshot" command: saved as ctrl+s saves it."""
        self.action_save_svg()
        return None

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own (theme, quit, keys, screenshot...), then every key of the screen, under
        # the name the help screen gives it: the palette cannot drift from the bindings.
        yield from super().get_system_commands(screen)
        for binding in screen.BINDINGS:
            if isinstance(binding, Binding) and _enabled(self, screen, binding):
                title = binding.tooltip or binding.description
                yield SystemCommand(title, f"key: {keys_of(self, binding)}", _runner(screen, binding.action))


def _enabled(app: App, screen: Screen, binding: Binding) -> bool:
    """Whether the binding's action may run here (the footer leaves out the others too)."""
    namespace, name, parameters = parse(binding.action)
    return (app if namespace == "app" else screen).check_action(name, parameters) is not False


def _runner(screen: Screen, action: str):
    async def run() -> None:
        await screen.run_action(action)

    return run
