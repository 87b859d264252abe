"""The comparison: two panes of statements, the selected pair in detail, and the numbers.

The state lives in a ``Workspace`` (the evidence, the decisions, the filter, the search, the
cursor's statement); the screen turns keys into its calls and renders what it answers. The
slow part, embedding, runs in a thread worker so the texts are on screen at once and the
marks arrive when the model is done.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from rich.cells import cell_len
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState, get_current_worker

from readout_tui.core.engine.cache import EmbeddingCache
from readout_tui.core.engine.embedder import Embedder, ModelError
from readout_tui.core.io.display import counted, printable
from readout_tui.core.io.loading import Comparison, InputError
from readout_tui.core.types import SIDES, Readout, Side, other_side, statement_ref
from readout_tui.core.work.segments import SegmentEdit
from readout_tui.core.work.workspace import (
    NOT_READY,
    Filter,
    NoteTarget,
    ReadOnly,
    Refusal,
    Seek,
    Workspace,
    export_format,
)
from readout_tui.messages import EmbeddingProgress, EvidenceReady, ModelFailed
from readout_tui.widgets.aligned_view import SEPARATOR, AlignedView
from readout_tui.widgets.detail_strip import DetailStrip
from readout_tui.widgets.footer import KeyFooter
from readout_tui.widgets.overview import Overview
from readout_tui.widgets.statement_list import StatementList
from readout_tui.widgets.summary_bar import ModelState, SummaryBar
from readout_tui.widgets.text import Flow, cut_to, date_label

from .lost import Choice, LostScreen
from .prompt import ConfirmScreen, PromptScreen

THRESHOLD_STEP = 0.05
FIRST_PAINT_WAIT = 2.0
"""Seconds the comparison worker waits at most for the texts to be painted before it starts."""
TITLE_FRAME = 6
"""Columns of a pane's top border that a title cannot use: corners, rules and spaces."""
WATCH_EVERY = 2.0
"""Seconds between looks at the readout files: a change on disk is reloaded with the work."""
BRIEF_REASON = 60
"""Characters of a failure's reason kept in the summary bar, so it stays one line on a wide
terminal; the notification carries all of it."""


class _Cancelled(Exception):
    """Raised inside the worker's progress callback to stop embedding for a closed screen."""


class CompareScreen(Screen[None]):
    """Two readouts side by side (stacked when narrow), correctable.

    | Key(s) | Description |
    | :- | :- |
    | tab, left, right | Switch panes. |
    | enter | Jump to the counterpart; again to cycle through several and back. |
    | u / U, r / R | Next / previous unique statement, pair told differently. |
    | d / D | Next / previous difference of any kind. |
    | / then n / N | Search both readouts; next / previous hit. |
    | f | Filter: all, unique only, pairs only. |
    | + / - (or ] / [) | Raise / lower the threshold; re-decided at once. |
    | s | Swap sides. |
    | v | Aligned view: each pair on one row, a gap where a side is silent; again: the two panes. |
    | l | Link: pick the counterpart in the other pane, then l or enter. |
    | x | Unlink the pair shown. |
    | t | Change the pair's kind: same / told differently. |
    | o | Mark the statement deliberately unique (again: unmark). |
    | a / A | Note on the statement / on the pair. |
    | z / Z | Undo / redo. |
    | e | Export (HTML, Markdown, CSV, JSON, text). |
    | c / C | Copy the statement / the pair to the clipboard. |
    | m | Show or hide what one side only mentions. |
    | b | Back to the assignment (an article's comparison). |
    | w / W | Next / previous doubtful statement (?): a pair of low confidence, or unique though near a partner. |
    | S / J | Split the statement in two / merge it with the next one; the alignment is redone. |
    | L | Saved decisions that no longer fit edited readouts: make one again here, or discard it. |
    """

    COMPARING: ClassVar[list[Binding]] = [
        Binding("tab,shift+tab", "switch_pane", "Other pane", show=False, id="other-pane"),
        Binding("left", "focus_side('left')", "Left (top) pane", show=False, id="left-pane"),
        Binding("right", "focus_side('right')", "Right (bottom) pane", show=False, id="right-pane"),
        Binding("enter", "jump", "Jump", id="jump"),
        Binding("u", "seek('unique', 1)", "Next unique", id="next-unique"),
        Binding("U", "seek('unique', -1)", "Previous unique", show=False, id="previous-unique"),
        Binding(
            "r",
            "seek('related', 1)",
            "Next ≈",
            # Left to the help and the palette: at 80 columns the footer has room for d, not both.
            show=False,
            tooltip="Next pair told differently (≈)",
            id="next-related",
        ),
        Binding(
            "R",
            "seek('related', -1)",
            "Previous ≈",
            show=False,
            tooltip="Previous pair told differently (≈)",
            id="previous-related",
        ),
        Binding(
            "d",
            "seek('difference', 1)",
            "Next diff",
            tooltip="Next difference of any kind: a unique statement or a pair told differently",
            id="next-difference",
        ),
        Binding(
            "D",
            "seek('difference', -1)",
            "Previous difference",
            show=False,
            tooltip="Previous difference of any kind",
            id="previous-difference",
        ),
        Binding(
            "w",
            "seek('doubtful', 1)",
            "Next doubtful",
            show=False,
            tooltip="Next statement worth a second look (?): a pair of low confidence, or unique though near a partner",
            id="next-doubtful",
        ),
        Binding(
            "W",
            "seek('doubtful', -1)",
            "Previous doubtful",
            show=False,
            tooltip="Previous statement worth a second look (?)",
            id="previous-doubtful",
        ),
        # A priority binding runs as the key arrives, before the keys typed after it are routed:
        # so a query typed fast after "/" lands in the search box (see check_action).
        Binding("slash", "search", "Search", priority=True, id="search"),
        Binding("n", "seek('search', 1)", "Next hit", show=False, id="next-hit"),
        Binding("N", "seek('search', -1)", "Previous hit", show=False, id="previous-hit"),
        Binding("escape", "clear_search", "Clear search", show=False, id="clear-search"),
        Binding("f", "cycle_filter", "Filter", id="filter"),
        Binding(
            "plus,right_square_bracket",
            f"threshold({THRESHOLD_STEP})",
            "Raise threshold",
            show=False,
            id="raise-threshold",
        ),
        Binding(
            "minus,left_square_bracket",
            f"threshold({-THRESHOLD_STEP})",
            "Lower threshold",
            show=False,
            id="lower-threshold",
        ),
        Binding("s", "swap", "Swap", show=False, id="swap"),
        # The app's: only an article's comparison has an assignment to go back to. Out of the
        # footer, which has no room for it at 80 columns; the app says it when it opens one.
        Binding(
            "b",
            "app.back_to_assignment",
            "Assignment",
            show=False,
            tooltip="Back to the article's assignment (enter there compares again)",
            id="back-to-assignment",
        ),
        Binding(
            "v",
            "toggle_view",
            "Aligned view",
            show=False,
            tooltip="Aligned view (each pair on one row, a gap where one side is silent) or the two free panes",
            id="aligned-view",
        ),
    ]
    """Finding one's way through the comparison."""

    CORRECTING: ClassVar[list[Binding]] = [
        Binding("l", "link", "Link", show=False, id="link"),
        Binding("x", "unlink", "Unlink pair", show=False, id="unlink"),
        Binding("t", "toggle_kind", "Change kind", show=False, id="change-kind"),
        Binding("o", "toggle_unique", "Deliberately unique", show=False, id="deliberately-unique"),
        Binding("a", "note('statement')", "Note", show=False, id="note"),
        Binding("A", "note('pair')", "Note on the pair", show=False, id="pair-note"),
        Binding("z,ctrl+z", "undo", "Undo", show=False, id="undo"),
        Binding("Z,ctrl+y", "redo", "Redo", show=False, id="redo"),
        Binding("e", "export", "Export", show=False, id="export"),
        Binding("c", "copy('statement')", "Copy statement", show=False, id="copy-statement"),
        Binding("C", "copy('pair')", "Copy pair", show=False, tooltip="Copy the pair shown", id="copy-pair"),
        Binding("m", "toggle_mentions", "One-side mentions", show=False, id="mentions"),
        Binding(
            "S",
            "split",
            "Split statement",
            show=False,
            tooltip="Split the statement in two (it makes two claims); the alignment is redone",
            id="split",
        ),
        Binding(
            "J",
            "merge",
            "Merge with next",
            show=False,
            tooltip="Merge the statement with the next one (they make one claim); the alignment is redone",
            id="merge",
        ),
        Binding(
            "L",
            "lost",
            "Lost decisions",
            show=False,
            tooltip="Saved decisions that no longer fit the edited readouts: make one again here, or discard it",
            id="lost",
        ),
    ]
    """The analyst's work: corrections, notes, undo, export."""

    BINDINGS: ClassVar[list[BindingType]] = [*COMPARING, *CORRECTING]

    side: var[Side] = var("left", init=False)
    """The pane with the cursor."""

    def __init__(
        self, workspace: Workspace, embedder: Embedder | None, cache: EmbeddingCache | None
    ) -> None:
        """
        Args:
            workspace: The comparison and the work on it, which the screen shows and edits.
            embedder: The sentence embedder; None compares by shared words only.
            cache: Where embeddings are kept between runs; None embeds every time.
        """
        super().__init__()
        self.workspace = workspace
        self.embedder = embedder
        self.cache = cache
        self.model_name = embedder.name if embedder else ""
        self._model = ModelState(
            f"{self.model_name}: loading" if embedder else "lexical only (no model)", "busy"
        )
        self._stamps = _stamps(workspace.comparison)

    @property
    def comparison(self) -> Comparison:
        return self.workspace.comparison

    # -- composition and start-up ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # Room for each statement's text in a few versions (partners, search hits) before the
        # least recently used are dropped.
        total = len(self.comparison.left) + len(self.comparison.right)
        bodies: LRUCache[tuple, Content] = LRUCache(maxsize=max(4 * total, 64))
        yield SummaryBar(id="summary")
        with Horizontal(id="panes"):
            yield StatementList("left", self.workspace.readout("left").statements, bodies, id="left")
            yield Overview(id="overview")
            yield StatementList("right", self.workspace.readout("right").statements, bodies, id="right")
        yield AlignedView(id="aligned")
        yield DetailStrip(id="detail")
        yield Input(placeholder="search both readouts: enter finds, escape cancels", id="search")
        # Compact, with the less common keys left to the help screen and the palette: at 80
        # columns a full footer pushed "? Help" and "q Quit" off the screen.
        yield KeyFooter({"seek('difference', 1)", "cycle_filter"}, compact=True)
        with VerticalScroll(id="mentions"):
            yield Static(id="mentions-text", markup=False)

    def on_mount(self) -> None:
        self.query_one("#mentions").display = False
        self.query_one(AlignedView).display = False
        if self.workspace.read_only:
            self.notify(
                f"Read-only: {printable(self.workspace.read_only)}", severity="warning", markup=False, timeout=10
            )
        self._tell_restored()
        self.call_later(self._restore_cursor)
        self.query_one("#search").display = False
        self._show_rows()
        self._activate(self.side)
        # The worker waits for the first paint: its Python work (word tables, loading the
        # model) holds the interpreter lock for long stretches, and would hold back the texts.
        painted = threading.Event()
        self.call_after_refresh(painted.set)
        self._collect(self.comparison.left, self.comparison.right, self.embedder, painted)
        if getattr(self.app, "reload", None) is not None and self._stamps:
            self.set_interval(WATCH_EVERY, self.check_files)

    def on_unmount(self) -> None:
        # The cursor's place, and another try at unsaved work; what fails is left in the
        # store's ``unsaved`` for the command line to report.
        try:
            self.workspace.save()
        except OSError:
            pass

    def pane(self, side: Side) -> StatementList:
        return self.query_one(f"#{side}", StatementList)

    # -- the worker -------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="evidence")
    def _collect(
        self,
        left: Readout,
        right: Readout,
        embedder: Embedder | None,
        painted: threading.Event | None = None,
    ) -> None:
        worker = get_current_worker()
        if painted is not None:
            painted.wait(timeout=FIRST_PAINT_WAIT)
        # Imported here, after the first paint: the engine brings numpy and its word tables,
        # which would hold back the window by a good part of a second.
        from readout_tui.core.engine.pipeline import collect

        def progress(done: int, total: int) -> None:
            if worker.is_cancelled:
                raise _Cancelled
            self.post_message(EmbeddingProgress(done, total))

        try:
            evidence = collect(left, right, embedder, self.cache, progress)
        except ModelError as error:
            self.post_message(ModelFailed(str(error)))
            evidence = collect(left, right, None)
        self.post_message(EvidenceReady(evidence))

    def on_embedding_progress(self, message: EmbeddingProgress) -> None:
        self._set_model(f"{self.model_name}: embedding {message.done}/{message.total}", "busy")

    def on_model_failed(self, message: ModelFailed) -> None:
        self.notify(
            f"Lexical matching only: {printable(message.reason)}", severity="warning", markup=False
        )
        self._set_model(
            f"lexical only (model failed: {_brief(printable(message.reason))})", "degraded"
        )

    def on_evidence_ready(self, message: EvidenceReady) -> None:
        evidence = message.evidence
        if evidence.left is not self.comparison.left:
            return  # gathered for the readouts as they were before a reload
        warning = evidence.languages.warning() if evidence.languages else ""
        if evidence.semantic_available:
            why = evidence.languages.why if evidence.languages else ""
            self._set_model(f"{evidence.model}{f' ({why})' if why else ''}: ready", "ready")
        elif warning:
            self.notify(printable(warning), severity="warning", markup=False, timeout=10)
            self._set_model(f"lexical only ({printable(evidence.languages.brief())})", "degraded")
        elif self._model.level == "busy":
            self._set_model("lexical only (no model)", "degraded")
        if self.cache is not None and self.cache.notice:
            self.notify(printable(self.cache.notice), severity="warning", markup=False)
        self.workspace.set_evidence(evidence)
        self._refresh()

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state is not WorkerState.ERROR or isinstance(event.worker.error, _Cancelled):
            return
        error = event.worker.error
        reason = printable(" ".join(f"{type(error).__name__}: {error}".split()))
        self.notify(f"Comparison failed, {reason}", severity="error", markup=False)
        if self.embedder is not None and self.workspace.evidence is None:
            # Retry without the model; if even that fails, the texts stay on screen unmarked.
            self.embedder = None
            self._set_model(f"lexical only (error: {_brief(reason)})", "degraded")
            self._collect(self.comparison.left, self.comparison.right, None)
        else:
            self._set_model(f"no comparison (error: {_brief(reason)})", "degraded")

    def _set_model(self, text: str, level: str) -> None:
        self._model = ModelState(text, level)
        self.query_one(SummaryBar).model = self._model

    # -- showing ----------------------------------------------------------------------------------

    def _refresh(self) -> None:
        """Show what the workspace now holds: rows, marks, numbers, the cursor's statement."""
        self._show_rows()
        self._sync()

    def _show_rows(self) -> None:
        workspace = self.workspace
        for side in SIDES:
            rows = workspace.rows(side)
            pane = self.pane(side)
            pane.show(workspace.readout(side).statements, workspace.marks[side], rows, workspace.query)
        self._set_titles()
        if self.aligned:
            self._show_aligned()
        overview = self.query_one(Overview)
        overview.counts = (len(workspace.readout("left")), len(workspace.readout("right")))
        overview.marks = workspace.marks
        bar = self.query_one(SummaryBar)
        bar.tally = workspace.tally
        bar.threshold = workspace.threshold_known
        bar.model = self._model
        self._show_saving()

    def _show_saving(self) -> None:
        workspace = self.workspace
        self.query_one(SummaryBar).lost = len(workspace.lost)
        if workspace.unsaved:
            saving = f"Not saved: {printable(workspace.unsaved)}"
        else:
            saving = "read-only" if workspace.read_only else ""
        self.query_one(SummaryBar).saving = saving

    def _set_titles(self) -> None:
        for side in SIDES:
            self.pane(side).border_title = self._title(side)
            self.pane(side).border_subtitle = self._subtitle(side, len(self.workspace.rows(side)))
        # At 80 columns neither pane has room for the date: the bar says it, so that the call's
        # date is still on screen.
        date = self.comparison.info.date
        shown = printable(date_label(date)) if date else ""
        on_panes = any(
            shown in str(self.pane(side).border_title) + str(self.pane(side).border_subtitle) for side in SIDES
        )
        self.query_one(SummaryBar).date = "" if on_panes else shown

    def on_resize(self) -> None:
        # The panes' widths are known only after the layout: titles are cut to them then.
        self.call_after_refresh(self._set_titles)
        self.call_after_refresh(self._aligned_title)

    def _aligned_title(self) -> None:
        view = self.query_one(AlignedView)
        labels = [printable(self.workspace.readout(side).label) for side in SIDES]
        room = view.outer_size.width - TITLE_FRAME - len(f" {SEPARATOR} ") - len(" · aligned")
        left, right = _shared_room(labels, room)
        view.border_title = Content(f"{left} {SEPARATOR} {right} · aligned")

    def _title(self, side: Side) -> Content:
        """Label · date · language; when the label does not fit with them, the label alone,
        the date and language going under the pane (``_subtitle``), and cut only if it still
        does not fit."""
        label, tail = self._title_parts(side)
        room = self._title_room(side)
        if room <= 0 or cell_len(label) + cell_len(tail) <= room:
            return Content(label + tail)
        return Content(cut_to(label, room))

    def _title_room(self, side: Side) -> int:
        return self.pane(side).outer_size.width - TITLE_FRAME

    def _title_parts(self, side: Side) -> tuple[str, str]:
        rest = []
        date = self.comparison.info.date
        # The date belongs to the call: on both titles, so a swap does not seem to move it.
        if date:
            rest.append(printable(date_label(date)))
        language = self.workspace.language(side)
        if language is not None:
            rest.append(language.name if language.known else "language undetermined")
        return printable(self.workspace.readout(side).label), "".join(f" · {part}" for part in rest)

    def _subtitle(self, side: Side, shown: int) -> Content:
        workspace = self.workspace
        readout = workspace.readout(side)
        total = len(readout)
        # (rank, text): when the parts do not all fit under the pane, the lower ranks come
        # first, so that the border's cut takes what matters least.
        parts = [
            (
                1,
                f"{shown} of {total} shown ({workspace.filter.value})"
                if workspace.filter is not Filter.ALL
                else counted(total, "statement"),
            )
        ]
        tally = getattr(workspace.tally, side)
        if tally.unique is not None:
            parts.append((3, f"{tally.unique} unique · {tally.coverage:.0%} paired"))
        room = self._title_room(side)
        if workspace.search:
            # What the analyst is doing now: first when room is short, the query cut before the count.
            hits = len(workspace.hits()[side])
            count = f" · {hits} {'hit' if hits == 1 else 'hits'}"
            query = printable(workspace.search)
            fits = room - len("search: ") - len(count)
            if 0 < room:
                query = cut_to(query, fits)
            parts.append((0, f"search: {query}{count}"))
        label, tail = self._title_parts(side)
        if tail and 0 < room < cell_len(label) + cell_len(tail):
            parts.append((4, tail.removeprefix(" · ")))  # the title had no room for them
        if readout.encoding not in ("utf-8", ""):
            # A guessed encoding is worth a glance: a wrong guess garbles the whole side.
            parts.append((2, f"decoded as {printable(readout.encoding)}"))
        if 0 < room < cell_len(" · ".join(text for _, text in parts)):
            if workspace.filter is Filter.ALL and tally.unique is not None:
                # "4 of 7 unique · 43% paired": both counts in the room of one, so that the
                # border's cut does not take "paired" at 80 columns ("43% p…").
                counts = [(1, f"{tally.unique} of {total} unique"), (3, f"{tally.coverage:.0%} paired")]
                parts = [*counts, *(part for part in parts if part[0] not in (1, 3))]
            parts.sort(key=lambda part: part[0])
            # Whole parts or none: a part the border would cut to a letter ("· l…") is left out.
            kept = parts[:1]
            for part in parts[1:]:
                if cell_len(" · ".join(text for _, text in [*kept, part])) <= room:
                    kept.append(part)
            parts = kept
        return Content(" · ".join(text for _, text in parts))

    # -- the cursor and what it lights ------------------------------------------------------------

    @on(StatementList.Highlighted)
    def _moved(self, event: StatementList.Highlighted) -> None:
        # The passive pane's cursor is moved by _sync itself; only the active pane's moves count.
        if event.statement_list.side == self.side:
            self._sync()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # Only while the pane still has focus: the event comes after the keys that moved it on,
        # and a stale one took the cursor back (a search's first hit in the other pane).
        if isinstance(event.widget, StatementList) and self.focused is event.widget:
            self.side = event.widget.side

    def watch_side(self, side: Side) -> None:
        self._activate(side)

    def _activate(self, side: Side) -> None:
        """Give ``side`` the cursor: its pane is marked, focused and followed by the other."""
        for pane_side in SIDES:
            self.pane(pane_side).set_class(pane_side == side, "-active")
        if self.focused is not self.query_one("#search"):
            self.set_focus(self.query_one(AlignedView) if self.aligned else self.pane(side))
        self._sync()

    def _sync(self) -> None:
        """Light the counterparts of the statement under the cursor and show the pair."""
        workspace = self.workspace
        active, passive = self.pane(self.side), self.pane(other_side(self.side))
        workspace.point(self.side, active.current)
        index = workspace.index
        if not workspace.ready or index is None:
            active.light(())
            passive.light(())
        elif workspace.picking is not None:
            # While a partner is picked, the statement the link starts from stays lit.
            start_side, start = workspace.picking
            self.pane(start_side).light((start,))
            self.pane(other_side(start_side)).light(())
        else:
            active.light((), workspace.siblings(self.side, index))
            passive.light(workspace.partners(self.side, index))
            passive.move_to(workspace.shown_partner())
        self.query_one(Overview).cursor = None if index is None else (self.side, index)
        strip = self.query_one(DetailStrip)
        strip.nothing = DetailStrip.nothing
        if workspace.filter is not Filter.ALL and not workspace.rows(self.side):
            # An empty pane and no word of why ("No statement selected.") after f, or after
            # + left no pair to show.
            strip.nothing = f"No statement in this pane: the filter shows {workspace.filter.value}; f changes it."
        strip.detail = workspace.detail()
        self._show_work()

    def _show_work(self) -> None:
        workspace = self.workspace
        if workspace.picking is not None:
            side, index = workspace.picking
            line = Content.styled(
                f"Linking {statement_ref(side, index)}: move to its counterpart in the other pane,"
                " then l or enter; escape cancels",
                "bold $text-accent",
            )
        else:
            notes = workspace.work_notes()
            line = Content.styled(printable(" · ".join(notes)), "$text-accent") if notes else Content("")
        self.query_one(DetailStrip).work = line

    def _land(self, side: Side, index: int) -> None:
        # Move the cursor before switching panes: the switch re-syncs from the cursor.
        if not self.pane(side).move_to(index):
            self.app.say("That statement is hidden by the filter.")
        if self.aligned:
            self.query_one(AlignedView).move_to(side, index)
        if side != self.side:
            self.side = side
        else:
            self._sync()

    def _here(self) -> Workspace:
        """The workspace, told where the cursor is now: a key can arrive before the message
        of the cursor move that came just before it."""
        self.workspace.point(self.side, self.pane(self.side).current)
        return self.workspace

    def _refused(self, refusal: Refusal) -> None:
        severity = "warning" if isinstance(refusal, ReadOnly) else "information"
        self.app.say(printable(str(refusal)), severity=severity, timeout=4 if severity == "warning" else 2)

    # -- finding ----------------------------------------------------------------------------------

    def action_switch_pane(self) -> None:
        self.side = other_side(self.side)

    def action_focus_side(self, side: Side) -> None:
        self.side = side

    def action_jump(self) -> None:
        """To the counterpart; repeated, on through the start's other partners and back.
        While a link is being made, enter finishes it."""
        if self.workspace.picking is not None:
            self._finish_link()
            return
        try:
            target = self._here().jump()
        except Refusal as refusal:
            self._refused(refusal)
            return
        if target is not None:
            self._land(*target)

    def action_seek(self, what: Seek, direction: int, here_too: bool = False) -> None:
        """Next or previous statement of a kind, through the left pane and then the right."""
        if what == "search" and not self.workspace.search:
            self.action_search()
            return
        try:
            self._land(*self._here().seek(what, direction, here_too))
        except Refusal as refusal:
            self._refused(refusal)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "search" and self.focused is self.query_one("#search"):
            return False  # let "/" be typed into the query
        return True

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        # Focus now, not later (Widget.focus defers it): keys typed in the same burst as "/"
        # are already queued, and must land in the search, not run as commands.
        self.set_focus(search)

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self._close_search()
        self.workspace.set_search(event.value)
        self._show_rows()
        if self.workspace.search:
            self.app.say(self.workspace.search_count())
            # A new search starts at the cursor: the statement in view may be the one wanted.
            self.action_seek("search", 1, here_too=True)

    def action_clear_search(self) -> None:
        """Escape: cancels a link being made, else closes the search box, else ends the search."""
        if self.workspace.cancel_link():
            self._show_work()
            self.app.say("Linking cancelled.")
        elif self.query_one("#search").display:
            self._close_search()
        elif self.workspace.search:
            self.workspace.set_search("")
            self._show_rows()

    def _close_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = False
        self.set_focus(self.pane(self.side))

    def action_cycle_filter(self) -> None:
        self.workspace.cycle_filter()
        self._refresh()

    def action_threshold(self, delta: float) -> None:
        try:
            self.workspace.change_threshold(delta)
        except Refusal as refusal:
            self._refused(refusal)
            return
        self._refresh()
        self.save()

    def action_swap(self) -> None:
        left, right = self.pane("left").current, self.pane("right").current
        self.workspace.swap()
        self._refresh()
        self.pane("left").move_to(right)
        self.pane("right").move_to(left)
        self.side = other_side(self.side)

    @property
    def aligned(self) -> bool:
        """Whether the aligned view is shown instead of the two panes."""
        return bool(self.query_one(AlignedView).display)

    def action_toggle_view(self) -> None:
        if not self.workspace.ready:
            self.app.say(NOT_READY)
            return
        view = self.query_one(AlignedView)
        aligned = not self.aligned
        view.display = aligned
        self.query_one("#panes").display = not aligned
        if aligned:
            self._show_aligned()
            current = self.pane(self.side).current
            if current is not None:
                view.move_to(self.side, current)
        self._activate(self.side)

    def _show_aligned(self) -> None:
        workspace = self.workspace
        view = self.query_one(AlignedView)
        view.show(
            workspace.aligned(),
            {side: workspace.readout(side).statements for side in SIDES},
            workspace.marks,
        )
        self._aligned_title()
        # Its width is known once it is laid out: the labels are cut to it then.
        self.call_after_refresh(self._aligned_title)
        view.border_subtitle = Content("v: back to the two panes · the filter applies there")

    @on(Overview.Picked)
    def _overview_picked(self, event: Overview.Picked) -> None:
        self._land(event.side, self.pane(event.side).nearest(event.index) or event.index)

    @on(AlignedView.Moved)
    def _row_moved(self, event: AlignedView.Moved) -> None:
        # The panes, hidden, follow the row: the strip, the edits and the way back read them.
        row = event.row
        side = self.side if getattr(row, self.side) is not None else other_side(self.side)
        index = getattr(row, side)
        self.pane(side).move_to(index)
        if side != self.side:
            self.side = side
        else:
            self._sync()

    # -- correcting -------------------------------------------------------------------------------

    def _edited(self, what: str | None) -> None:
        """After an edit (None: nothing was done): show it, save it, say what it was."""
        if what is None:
            return
        self._refresh()
        self.save()
        self._tell_edit(what, "z undoes")

    def _tell_edit(self, what: str, hint: str) -> None:
        """Say what an edit did; while saves fail, that it is not saved (nothing may read as
        saved then: the bar says it too)."""
        unsaved = self.workspace.unsaved
        if unsaved:
            self.app.say(f"{what}; not saved: {printable(unsaved)}", severity="error", timeout=4)
        else:
            self.app.say(f"{what} ({hint})" if hint else what)

    def action_link(self) -> None:
        if self.aligned:
            self.app.say("Links are made in the two panes: v shows them.")
            return
        if self.workspace.picking is not None:
            self._finish_link()
            return
        try:
            started = self._here().start_link()
        except Refusal as refusal:
            self._refused(refusal)
            return
        if started:
            if not self.query_one(DetailStrip).display:
                # The mentions panel stands in the strip's place (a short screen): the strip
                # says how to finish the link.
                self.action_toggle_mentions()
            # Picking starts on the statement the strip names: the counterpart, or the nearest miss.
            candidate = self.workspace.link_candidate()
            far = other_side(self.side)
            if candidate is not None:
                self.pane(far).move_to(candidate)
            self.side = far
            self._show_work()

    def _finish_link(self) -> None:
        try:
            self._edited(self._here().finish_link())
        except Refusal as refusal:
            self._refused(refusal)

    def action_unlink(self) -> None:
        try:
            self._edited(self._here().unlink())
        except Refusal as refusal:
            self._refused(refusal)

    def action_toggle_kind(self) -> None:
        try:
            self._edited(self._here().toggle_kind())
        except Refusal as refusal:
            self._refused(refusal)

    def action_toggle_unique(self) -> None:
        try:
            self._edited(self._here().toggle_unique())
        except Refusal as refusal:
            self._refused(refusal)

    def action_note(self, what: str) -> None:
        try:
            target = self._here().note_target("pair" if what == "pair" else "statement")
        except Refusal as refusal:
            self._refused(refusal)
            return
        if target is None:
            return

        def done(text: str | None) -> None:
            if text is not None:
                self._write_note(target, text)

        self.app.push_screen(
            PromptScreen(
                f"Note on {target.name}",
                target.current,
                "enter saves · empty removes it · escape cancels",
                cursor=len(target.current),
            ),
            done,
        )

    def _write_note(self, target: NoteTarget, text: str) -> None:
        self._edited(self.workspace.write_note(target, text))

    def action_undo(self) -> None:
        self._step(self.workspace.undo, "Undone")

    def action_redo(self) -> None:
        self._step(self.workspace.redo, "Redone")

    def _step(self, step: Callable[[], str], verb: str) -> None:
        try:
            what = step()
        except Refusal as refusal:
            self._refused(refusal)
            return
        self._refresh()
        self.save()
        self._tell_edit(f"{verb}: {what}", "")

    def action_copy(self, what: str) -> None:
        """Copy to the clipboard (OSC 52: the terminal puts it there, also over ssh)."""
        try:
            name, text = self._here().clip("pair" if what == "pair" else "statement")
        except Refusal as refusal:
            self._refused(refusal)
            return
        # Each line made printable: pasted into a terminal, the text must not act there either.
        self.app.copy_to_clipboard("\n".join(printable(line) for line in text.split("\n")))
        self.app.say(f"Copied {name}")

    # -- lost decisions ---------------------------------------------------------------------------

    def action_lost(self) -> None:
        if not self.workspace.lost:
            self.app.say("No saved decision was lost: every one fits the readouts.")
            return

        def chosen(choice: Choice | None) -> None:
            if choice is None:
                return
            what, number = choice
            try:
                done = self._here().reapply(number) if what == "apply" else self.workspace.discard_lost(number)
            except Refusal as refusal:
                self._refused(refusal)
                return
            if what == "apply":
                self._edited(done)
            else:
                self._refresh()
                self.save()
                self._tell_edit(done, "")

        self.app.push_screen(LostScreen(self.workspace.lost, self.workspace.made_again), chosen)

    # -- mentions ---------------------------------------------------------------------------------

    def action_toggle_mentions(self) -> None:
        panel = self.query_one("#mentions")
        panel.display = not panel.display
        # On a short screen the panel takes the strip's place (app.tcss).
        self.set_class(panel.display, "-mentions")
        if panel.display:
            self.query_one("#mentions-text", Static).update(self._mentions_text())

    def _mentions_text(self) -> Flow:
        # A name and its references are one unit, which wraps whole: "Moskow" at the end of a
        # line and "(L7 L9)" under it read as two entries.
        paragraphs = [[Content.styled("Mentioned by one side only", "bold")]]
        for line in self.workspace.mention_lines():
            items = [f"{printable(text)} ({' '.join(refs)})" for text, refs in line.items]
            units = [f"only {printable(line.label)}:", *[f"{item}," for item in items[:-1]], *items[-1:]]
            if not items:
                units.append("nothing")
            if not line.names_compared:
                units += "· names not compared: a script without capital letters".split()
            paragraphs.append([Content(unit) for unit in units])
        return Flow(paragraphs)

    # -- saving and restoring ---------------------------------------------------------------------

    def _tell_restored(self) -> None:
        restored = self.workspace.restored
        if restored.notice:
            self.notify(printable(restored.notice), severity="warning", markup=False, timeout=10)
        if restored.lost:
            # Brief: the bar keeps the count for as long as they are kept, L lists them whole.
            self.notify(
                f"The statements changed; {counted(len(restored.lost), 'saved decision')} no longer fit."
                " L lists them, to make them again or discard them.",
                severity="warning",
                markup=False,
                timeout=10,
            )
        if restored.carried:
            self.notify(
                f"{counted(restored.carried, 'saved decision')} moved to the statements as edited.",
                markup=False,
            )
        if restored.found_again:
            self.notify(
                f"{counted(restored.found_again, 'saved decision')} kept aside as lost found"
                f" {'its statements' if restored.found_again == 1 else 'their statements'} again: made again.",
                markup=False,
            )

    def _restore_cursor(self) -> None:
        saved = self.workspace.saved_cursor()
        if saved is None:
            return
        side, index = saved
        self.pane(side).move_to(index)
        if side != self.side:
            self.side = side
        else:
            self._sync()

    def save(self) -> bool:
        """Save the work now; False when it could not be (the bar says why until a save works).
        The save that creates the session file says where it is: a case folder's own gets one,
        and nothing else would tell the user that a file appeared there."""
        path = self.workspace.session_file
        new = path is not None and not path.exists()
        try:
            self.workspace.save()
        except OSError:
            pass  # the store keeps the reason (``unsaved``), shown on the bar
        self._show_saving()
        if new and path.exists():
            self.notify(
                # The path last: a notice is one row, and a long path cut off the remedy.
                f"Your work is saved as you go (--no-session: keep nothing) in {printable(str(path))}",
                markup=False,
                timeout=8,
            )
        return not self.workspace.unsaved

    # -- readouts changed on disk -----------------------------------------------------------------

    def check_files(self) -> None:
        """Reload when a readout file changed on disk (an editor saved it), keeping the work."""
        stamps = _stamps(self.comparison)
        if stamps == self._stamps:
            return
        changed = {Path(path).name for path, stamp in stamps.items() if self._stamps.get(path) != stamp}
        self._stamps = stamps
        names = ", ".join(sorted(changed))
        gone = sorted(Path(path).name for path, stamp in stamps.items() if stamp is None)
        if gone:
            # Moved or deleted: reading the folder again said "not a case folder (no right.txt)",
            # a riddle about a file the analyst had open.
            one = len(gone) == 1
            back = ""
            if self.workspace.store is not None:
                back = f", and is read again when {'it is' if one else 'they are'} back"
            self.notify(
                f"{printable(', '.join(gone))} {'is' if one else 'are'} gone from disk: the comparison"
                f" stays as it was{back}",
                severity="warning",
                markup=False,
                timeout=10,
            )
            return
        store = self.workspace.store
        if store is None:
            # What to do first: a notice is one row, and at 80 columns the rest is cut.
            self.notify(
                f"{printable(names)} changed on disk: reopen the comparison to see it (not reloaded:"
                " with --no-session the work could not be carried over)",
                severity="warning",
                markup=False,
                timeout=10,
            )
            return
        try:
            comparison = self.app.reload()
        except (InputError, OSError, ValueError) as error:
            reason = printable(" ".join(str(error).split()))
            for path in stamps:
                # The file is named already: its whole path before the reason pushed the reason
                # off a one-row notice ("...: case/left.txt: looks…").
                reason = reason.removeprefix(f"{printable(str(path))}: ")
            message = f"{printable(names)} changed on disk but cannot be read: {reason}"
            self.notify(message, severity="error", markup=False)
            return
        self.save()  # the work as it is, so that the reload carries all of it over
        old = self.workspace
        restored = store.load(comparison)
        workspace = Workspace(restored.comparison or comparison, old.settings, restored, store)
        workspace.files, workspace.chosen, workspace.exported = comparison, old.chosen, old.exported
        self.app.comparison = comparison
        self._stamps = _stamps(comparison)
        self.notify(f"{printable(names)} changed on disk: reloaded, with the work carried over.", markup=False)
        self._take(workspace)

    def _take(self, workspace: Workspace) -> None:
        """Show ``workspace``, on other statements than the one shown (a reload, a split or a
        merge): what its loading said, its rows, and the evidence gathered anew."""
        self.workspace = workspace
        self._tell_restored()
        if self.aligned:
            self.action_toggle_view()
        self._set_model(f"{self.model_name}: loading" if self.embedder else "lexical only (no model)", "busy")
        self._show_rows()
        self.call_later(self._restore_cursor)
        self._collect(workspace.comparison.left, workspace.comparison.right, self.embedder)

    # -- splitting and merging statements ---------------------------------------------------------

    def action_split(self) -> None:
        """Split the statement under the cursor in two: the user puts the | where the second
        one starts."""
        try:
            index = self._here().segment_target()
        except Refusal as refusal:
            self._refused(refusal)
            return
        text = self.workspace.readout(self.side).statements[index].text
        if printable(text) != text or "|" in text:
            self.app.say("This statement holds characters (| or controls) that cannot be placed around here.")
            return
        at = _middle(text)
        ref = statement_ref(self.side, index)

        def done(value: str | None) -> None:
            if value is None:
                return
            bar = value.find("|")
            if bar < 0 or value[:bar] + value[bar + 1 :] != text:
                self.app.say("Only the | moves: the text itself is not edited here.", severity="warning")
                return
            try:
                edit = self.workspace.split_at(bar)
            except Refusal as refusal:
                self._refused(refusal)
                return
            self._resegment(edit, f"{ref} split in two (J merges them back)")

        self.app.push_screen(
            PromptScreen(
                f"Split {ref}: put the | where the second statement starts",
                text[:at] + "|" + text[at:],
                "enter splits · escape cancels · the work on it goes with the first part",
                cursor=at,
            ),
            done,
        )

    def action_merge(self) -> None:
        try:
            edit = self._here().merge_next()
        except Refusal as refusal:
            self._refused(refusal)
            return
        index = self.pane(self.side).current
        ref = statement_ref(self.side, index or 0)
        self._resegment(edit, f"{ref} and the next one merged (S splits them again)")

    def _resegment(self, edit: SegmentEdit, what: str) -> None:
        try:
            workspace = self.workspace.resegment(edit)
        except Refusal as refusal:
            self._refused(refusal)
            return
        except OSError:
            self._show_saving()
            self.app.say(f"Not done: {printable(self.workspace.unsaved)}", severity="error", timeout=4)
            return
        self._take(workspace)
        self.app.say(what)

    # -- export -----------------------------------------------------------------------------------

    def action_export(self) -> None:
        if not self.workspace.ready:
            self.app.say(NOT_READY)
            return
        self.app.push_screen(
            PromptScreen("Export to", str(self.workspace.export_path()), self._export_hint()), self.export_to
        )

    def _export_hint(self) -> str:
        from readout_tui.core.io.export import ENDINGS

        hint = "the name's ending picks the format: " + ", ".join(ENDINGS.values())
        if self.workspace.swapped and not self.workspace.export_swapped:
            hint += " · an article is exported with its own sides, as before the swap"
        return hint

    def export_to(self, name: str | None) -> None:
        """Write the comparison, with the work, to ``name`` (its suffix picks the format); a
        file already there is replaced only when the user says so."""
        if not name or not name.strip():
            return
        path = Path(name.strip()).expanduser()
        try:
            export_format(path)
            self.workspace.refuse_own_file(path)
        except Refusal as refusal:
            # Asked again with the name as typed, the cursor at its end: a folder typed out
            # is not lost to a wrong ending, nor a file there offered to be replaced first.
            self.notify(printable(str(refusal)), severity="error", timeout=4, markup=False)
            self.app.push_screen(
                PromptScreen("Export to", name.strip(), self._export_hint(), cursor=len(name.strip())), self.export_to
            )
            return
        if path.is_file():

            def answered(replace: bool | None) -> None:
                if replace:
                    self._export(path)

            self.app.push_screen(ConfirmScreen(f"{path} exists. Replace it?"), answered)
            return
        self._export(path)

    def _export(self, path: Path) -> None:
        try:
            self.workspace.export(path)
        except Refusal as refusal:
            self.notify(printable(str(refusal)), severity="error", timeout=4, markup=False)
            return
        except (OSError, ValueError) as exc:
            reason = printable(f"{path}: {getattr(exc, 'strerror', None) or exc}")
            self.notify(f"Export failed: {reason}", severity="error", markup=False)
            return
        self.notify(f"Exported: {printable(str(path))}", markup=False)


def _middle(text: str) -> int:
    """Where to offer a split: after the comma or semicolon nearest the middle, else at the
    space nearest it."""
    middle = len(text) // 2
    marks = [i + 2 for i, char in enumerate(text[:-2]) if char in ",;" and text[i + 1] == " "]
    spaces = [i + 1 for i, char in enumerate(text[:-1]) if char == " "]
    candidates = marks or spaces or [middle]
    return min(candidates, key=lambda i: abs(i - middle))


def _stamps(comparison: Comparison) -> dict[str, tuple[int, int] | None]:
    """Each readout file's modification time and size (None when it is gone); standard input
    and folders have none."""
    stamps: dict[str, tuple[int, int] | None] = {}
    for readout in (comparison.left, comparison.right):
        source = readout.source
        if not source or source == "-":
            continue
        try:
            info = os.stat(source)
        except (OSError, ValueError):
            stamps[source] = None
            continue
        stamps[source] = (info.st_mtime_ns, info.st_size)
    return stamps


def _brief(reason: str) -> str:
    line = reason.splitlines()[0] if reason else ""
    return line if len(line) <= BRIEF_REASON else line[: BRIEF_REASON - 1] + "…"


def _shared_room(labels: list[str], room: int) -> tuple[str, str]:
    """Two labels cut to share ``room`` (each to half, the other taking what one leaves), so
    that a long left label does not push the right one off the aligned view's title."""
    left, right = labels
    if room <= 0 or cell_len(left) + cell_len(right) <= room:
        return left, right
    half = max(room // 2, 2)
    left_room = max(room - min(cell_len(right), half), half)
    right_room = max(room - min(cell_len(left), left_room), 2)
    return cut_to(left, left_room), cut_to(right, right_room)

