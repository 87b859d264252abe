"""The comparison: two panes of statements, the selected pair in detail, and the numbers.

The screen owns the state (the evidence, the alignment decided from it, which pane has the
cursor, the filter and the search) and pushes it down into the widgets; the panes only report
cursor moves. The slow part, embedding, runs in a thread worker so the texts are on screen
at once and the marks arrive when the model is done.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import ClassVar

import numpy as np
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Input
from textual.worker import Worker, WorkerState, get_current_worker

from readout_tui.core.engine.cache import EmbeddingCache
from readout_tui.core.engine.decision import decide
from readout_tui.core.engine.embedder import Embedder, ModelError
from readout_tui.core.engine.evidence import Evidence
from readout_tui.core.engine.pipeline import collect
from readout_tui.core.engine.settings import AlignmentSettings
from readout_tui.core.io.display import printable
from readout_tui.core.io.loading import Comparison
from readout_tui.core.types import Alignment, Readout, Status
from readout_tui.messages import EmbeddingProgress, EvidenceReady, ModelFailed
from readout_tui.widgets.detail_strip import Detail, DetailStrip, Side, pair_headline
from readout_tui.widgets.statement_list import GLYPH_STYLES, GLYPHS, Mark, StatementList
from readout_tui.widgets.summary_bar import ModelState, SideTally, SummaryBar, Tally
from readout_tui.widgets.text import date_label

from .links import SIDES, Links, other

THRESHOLD_STEP = 0.05
FIRST_PAINT_WAIT = 2.0
"""Seconds the comparison worker waits at most for the texts to be painted before it starts."""
TITLE_FRAME = 6
"""Columns of a pane's top border that a title cannot use: corners, rules and spaces."""
BRIEF_REASON = 60
"""Characters of a failure's reason kept in the summary bar, so it stays one line on a wide
terminal; the notification carries all of it."""


class Filter(str, Enum):
    """Which statements the panes list."""

    ALL = "all"
    UNIQUE = "unique only"
    PAIRS = "pairs only"

    def next(self) -> Filter:
        members = list(Filter)
        return members[(members.index(self) + 1) % len(members)]


@dataclass(frozen=True)
class Jump:
    """Where a run of jumps (enter, enter, ...) started, and how far through its partners it is."""

    side: str
    index: int
    step: int
    landed: tuple[str, int]


class _Cancelled(Exception):
    """Raised inside the worker's progress callback to stop embedding for a closed screen."""


class CompareScreen(Screen[None]):
    """Two readouts side by side (stacked when narrow).

    | Key(s) | Description |
    | :- | :- |
    | tab, left, right | Switch panes. |
    | enter | Jump to the counterpart; again to cycle through several and back. |
    | u / U, r / R | Next / previous unique statement, pair told differently. |
    | / then n / N | Search both readouts; next / previous hit. |
    | f | Filter: all, unique only, pairs only. |
    | + / - (or ] / [) | Raise / lower the threshold; re-decided at once. |
    | s | Swap sides. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab,shift+tab", "switch_pane", "Other pane", show=False),
        Binding("left", "focus_side('left')", "Left (top) pane", show=False),
        Binding("right", "focus_side('right')", "Right (bottom) pane", show=False),
        Binding("enter", "jump", "Jump"),
        Binding("u", "seek('unique', 1)", "Next unique"),
        Binding("U", "seek('unique', -1)", "Previous unique", show=False),
        Binding("r", "seek('related', 1)", "Next ≈", tooltip="Next pair told differently (≈)"),
        Binding("R", "seek('related', -1)", "Previous ≈", show=False, tooltip="Previous pair told differently (≈)"),
        # A priority binding runs as the key arrives, before the keys typed after it are routed:
        # so a query typed fast after "/" lands in the search box (see check_action).
        Binding("slash", "search", "Search", priority=True),
        Binding("n", "seek('search', 1)", "Next hit", show=False),
        Binding("N", "seek('search', -1)", "Previous hit", show=False),
        Binding("escape", "clear_search", "Clear search", show=False),
        Binding("f", "cycle_filter", "Filter"),
        Binding(
            "plus,right_square_bracket",
            f"threshold({THRESHOLD_STEP})",
            "Raise threshold",
            show=False,
        ),
        Binding(
            "minus,left_square_bracket",
            f"threshold({-THRESHOLD_STEP})",
            "Lower threshold",
            show=False,
        ),
        Binding("s", "swap", "Swap", show=False),
    ]

    side: var[str] = var("left", init=False)
    """The pane with the cursor."""
    filter: var[Filter] = var(Filter.ALL, init=False)

    def __init__(
        self,
        comparison: Comparison,
        embedder: Embedder | None,
        cache: EmbeddingCache | None,
        settings: AlignmentSettings,
    ) -> None:
        super().__init__()
        self.comparison = comparison
        self.embedder = embedder
        self.cache = cache
        self.settings = settings
        self.readouts = {"left": comparison.left, "right": comparison.right}
        self.swapped = False
        """True when the panes show the comparison's right readout on the left."""
        self.evidence: Evidence | None = None
        """The evidence in the panes' current orientation; None until the worker is done."""
        self.links: Links | None = None
        self.search_text = ""
        """What the user searched for; empty when no search is in force."""
        self.marks: dict[str, dict[int, Mark]] = {side: {} for side in SIDES}
        """Each statement's status and partners under the current alignment, for the panes."""
        self.by_status: dict[str, dict[Status, list[int]]] = {}
        """Each side's statements of each status, in order."""
        self.tally = Tally(SideTally(), SideTally())
        self.nearest: dict[str, dict[int, tuple[int, float]]] = {}
        """For each unique statement, its best-scoring statement on the other side and the score."""
        self._jump: Jump | None = None
        self.model_name = embedder.name if embedder else ""
        self._model = ModelState(
            f"{self.model_name}: loading" if embedder else "lexical only (no model)", "busy"
        )

    # -- composition and start-up ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # Room for each statement's text in a few versions (partners, search hits) before the
        # least recently used are dropped.
        total = len(self.readouts["left"]) + len(self.readouts["right"])
        bodies: LRUCache[tuple, Content] = LRUCache(maxsize=max(4 * total, 64))
        yield SummaryBar(id="summary")
        with Horizontal(id="panes"):
            for side in SIDES:
                yield StatementList(side, self.readouts[side].statements, bodies, id=side)
        yield DetailStrip(id="detail")
        yield Input(placeholder="search both readouts: enter finds, escape cancels", id="search")
        # Compact, with the less common keys left to the help screen and the palette: at 80
        # columns a full footer pushed "? Help" and "q Quit" off the screen.
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#search").display = False
        self._show_rows()
        self._activate(self.side)
        # The worker waits for the first paint: its Python work (word tables, loading the
        # model) holds the interpreter lock for long stretches, and would hold back the texts.
        painted = threading.Event()
        self.call_after_refresh(painted.set)
        self._collect(self.comparison.left, self.comparison.right, self.embedder, painted)

    def pane(self, side: str) -> StatementList:
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
        self.evidence = evidence.swapped() if self.swapped else evidence
        warning = evidence.languages.warning() if evidence.languages else ""
        if evidence.semantic_available:
            self._set_model(f"{evidence.model}: ready", "ready")
        elif warning:
            self.notify(printable(warning), severity="warning", markup=False, timeout=10)
            self._set_model(f"lexical only ({printable(evidence.languages.brief())})", "degraded")
        elif self._model.level == "busy":
            self._set_model("lexical only (no model)", "degraded")
        if self.cache is not None and self.cache.notice:
            self.notify(printable(self.cache.notice), severity="warning", markup=False)
        self._decide()

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state is not WorkerState.ERROR or isinstance(event.worker.error, _Cancelled):
            return
        error = event.worker.error
        reason = printable(" ".join(f"{type(error).__name__}: {error}".split()))
        self.notify(f"Comparison failed, {reason}", severity="error", markup=False)
        if self.embedder is not None and self.evidence is None:
            # Retry without the model; if even that fails, the texts stay on screen unmarked.
            self.embedder = None
            self._set_model(f"lexical only (error: {_brief(reason)})", "degraded")
            self._collect(self.comparison.left, self.comparison.right, None)
        else:
            self._set_model(f"no comparison (error: {_brief(reason)})", "degraded")

    def _set_model(self, text: str, level: str) -> None:
        self._model = ModelState(text, level)
        self.query_one(SummaryBar).model = self._model

    # -- deciding and showing -------------------------------------------------------------------

    @property
    def query_pattern(self) -> re.Pattern[str] | None:
        if not self.search_text:
            return None
        return re.compile(re.escape(printable(self.search_text)), re.IGNORECASE)

    def _decide(self) -> None:
        self._jump = None  # its pairs may not survive the new decision
        if self.evidence is not None:
            self.links = Links.of(self._alignment())
            self.nearest = self._nearest_misses()
        # Worked out once per decision, so filtering and searching only choose rows.
        self.marks = {side: self._marks(side) for side in SIDES}
        self.by_status = {side: _by_status(self.marks[side]) for side in SIDES}
        self.tally = self._tally()
        self._show_rows()
        self._sync()

    def _alignment(self) -> Alignment:
        """What the panes show, decided from the evidence (a subclass lays corrections over it)."""
        return decide(self.evidence, self.settings)

    def _nearest_misses(self) -> dict[str, dict[int, tuple[int, float]]]:
        # The engine keeps each statement's best partner, so no n x m score matrix is built
        # on every decision (at 10,000 a side that took seconds per threshold step).
        rows, columns = self.evidence.reach(self.settings)
        found: dict[str, dict[int, tuple[int, float]]] = {side: {} for side in SIDES}
        for side, reach in (("left", rows), ("right", columns)):
            if not np.isfinite(reach.presence).any():
                continue  # the other side has no statements
            for index in range(len(reach.presence)):
                if self.links.status(side, index) is Status.UNIQUE:
                    found[side][index] = (int(reach.nearest[index]), float(reach.presence[index]))
        return found

    def _show_rows(self) -> None:
        for side in SIDES:
            statements = self.readouts[side].statements
            visible = [i for i in range(len(statements)) if self._visible(side, i)]
            pane = self.pane(side)
            pane.show(statements, self.marks[side], visible, self.query_pattern)
            pane.border_title = self._title(side)
            pane.border_subtitle = self._subtitle(side, len(visible))
        self._update_summary()

    def _marks(self, side: str) -> dict[int, Mark]:
        if self.links is None:
            return {}
        return {i: self._mark(side, i) for i in range(len(self.readouts[side]))}

    def _mark(self, side: str, index: int) -> Mark:
        return Mark(self.links.status(side, index), tuple(self.links.partners(side, index)))

    def _visible(self, side: str, index: int) -> bool:
        if self.filter is Filter.ALL or self.links is None:
            return True
        unique = self.marks[side][index].status is Status.UNIQUE
        return unique if self.filter is Filter.UNIQUE else not unique

    def _set_titles(self) -> None:
        for side in SIDES:
            self.pane(side).border_title = self._title(side)

    def on_resize(self) -> None:
        # The panes' widths are known only after the layout: titles are cut to them then.
        self.call_after_refresh(self._set_titles)

    def _title(self, side: str) -> Content:
        """Label · date · language, the label cut to fit the pane: the date and language are
        short and say what the label cannot."""
        rest = []
        date = self.comparison.info.date
        # The date belongs to the call: on both titles, so a swap does not seem to move it.
        if date:
            rest.append(printable(date_label(date)))
        if self.evidence is not None and self.evidence.languages is not None:
            language = getattr(self.evidence.languages, side)
            rest.append(language.name if language.known else "language undetermined")
        tail = "".join(f" · {part}" for part in rest)
        room = self.pane(side).outer_size.width - TITLE_FRAME - len(tail)
        label = printable(self.readouts[side].label)
        if 0 < room < len(label):
            label = label[: max(room - 1, 1)] + "…"
        return Content(label + tail)

    def _subtitle(self, side: str, shown: int) -> Content:
        readout = self.readouts[side]
        total = len(readout)
        parts = [
            f"{shown} of {total} shown ({self.filter.value})"
            if self.filter is not Filter.ALL
            else f"{total} statements"
        ]
        if self.search_text:
            parts.append(f"search: {printable(self.search_text)}")
        if readout.encoding not in ("utf-8", ""):
            # A guessed encoding is worth a glance: a wrong guess garbles the whole side.
            parts.append(f"decoded as {printable(readout.encoding)}")
        return Content(" · ".join(parts))

    def _update_summary(self) -> None:
        bar = self.query_one(SummaryBar)
        bar.tally = self.tally
        bar.threshold = self.threshold
        bar.model = self._model

    def _tally(self) -> Tally:
        def side_tally(side: str) -> SideTally:
            if self.links is None:
                return SideTally()
            return SideTally(self.links.unique_count(side), self.links.coverage(side))

        left, right = side_tally("left"), side_tally("right")
        if self.links is None:
            return Tally(left, right)
        kinds = self.links.kind_counts()
        return Tally(left, right, kinds["match"], kinds["related"])

    # -- the cursor and what it lights ------------------------------------------------------------

    @on(StatementList.Highlighted)
    def _moved(self, event: StatementList.Highlighted) -> None:
        # The passive pane's cursor is moved by _sync itself; only the active pane's moves count.
        if event.statement_list.side == self.side:
            self._sync()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, StatementList):
            self.side = event.widget.side

    def watch_side(self, side: str) -> None:
        self._activate(side)

    def _activate(self, side: str) -> None:
        """Give ``side`` the cursor: its pane is marked, focused and followed by the other."""
        for pane_side in SIDES:
            self.pane(pane_side).set_class(pane_side == side, "-active")
        if self.focused is not self.query_one("#search"):
            self.set_focus(self.pane(side))
        self._sync()

    def _sync(self) -> None:
        """Light the counterparts of the statement under the cursor and show the pair."""
        active, passive = self.pane(self.side), self.pane(other(self.side))
        index = active.current
        if self._jump is not None and self._jump.landed != (self.side, index):
            self._jump = None
        if self.links is None or index is None:
            active.light(())
            passive.light(())
            self._show_detail(index, None)
            return
        partners = self.links.partners(self.side, index)
        active.light((), self.links.siblings(self.side, index))
        passive.light(partners)
        partner = self._jump.index if self._jump else (partners[0] if partners else None)
        passive.move_to(partner)
        self._show_detail(index, partner)

    def _show_detail(self, index: int | None, partner: int | None) -> None:
        strip = self.query_one(DetailStrip)
        if index is None:
            strip.show(None)
            return
        side, far = self.side, other(self.side)
        focus = self._side(side, index)
        weights = self.evidence.terms.weight if self.evidence else None
        if self.links is None:
            headline = Content.styled(
                f"{focus_ref(side, index)} · waiting for the comparison", "dim"
            )
            strip.show(Detail(focus, headline))
            return
        if partner is None:
            strip.show(self._unique_detail(index, focus, weights))
            return
        pairs = self.links.counterparts(side, index)
        pair = next(p for p in pairs if getattr(p, far) == partner)
        rank = [getattr(p, far) for p in pairs].index(partner) + 1
        headline = pair_headline(
            pair,
            focus_ref(side, index),
            focus_ref(far, partner),
            rank,
            len(pairs),
        )
        strip.show(Detail(focus, headline, self._side(far, partner), weights))

    def _unique_detail(
        self, index: int, focus: Side, weights: Mapping[str, float] | None
    ) -> Detail:
        """A unique statement with its nearest miss, which is what a reader checks next."""
        side, far = self.side, other(self.side)
        label = printable(self.readouts[side].label)
        head = Content.assemble(
            f"{focus_ref(side, index)} ",
            (GLYPHS[Status.UNIQUE], GLYPH_STYLES[Status.UNIQUE]),
            f" unique to {label}",
        )
        if index not in self.nearest[side]:
            return Detail(focus, head)
        nearest, score = self.nearest[side][index]
        # Three decimals when two would round up to the threshold and read as "0.25 under 0.25".
        places = 2 if round(score, 2) < self.threshold else 3
        if self._marked_unique(side, index):
            verdict = "but marked unique by hand"
        elif score < self.threshold:
            verdict = f"under the threshold {self.threshold:.2f}"
        else:
            # The two-step rule: the partner that fits best by topic scored under the threshold.
            verdict = f"but the partner that fits best scores under the threshold {self.threshold:.2f}"
        head += f" · nearest: {focus_ref(far, nearest)} scores {score:.{places}f}, {verdict}"
        return Detail(focus, head, self._side(far, nearest), weights)

    def _marked_unique(self, side: str, index: int) -> bool:
        """Did the analyst mark this statement unique (a subclass keeps such decisions)?"""
        return False

    def _side(self, side: str, index: int) -> Side:
        readout = self.readouts[side]
        return Side(readout.label, index + 1, readout.statements[index].text)

    # -- actions ------------------------------------------------------------------------------

    def action_switch_pane(self) -> None:
        self.side = other(self.side)

    def action_focus_side(self, side: str) -> None:
        self.side = side

    def action_jump(self) -> None:
        """To the counterpart; repeated, on through the start's other partners and back."""
        start = self.pane(self.side).current
        if self.links is None or start is None:
            return
        run = self._jump or Jump(self.side, start, 0, (self.side, start))
        partners = self.links.partners(run.side, run.index)
        if not partners:
            self.notify("No counterpart: this statement is unique to its side.", timeout=2)
        elif run.step == len(partners):
            # Back where the run started; the next enter begins a new run.
            self._jump = None
            self._land(run.side, run.index)
        else:
            target = (other(run.side), partners[run.step])
            self._jump = Jump(run.side, run.index, run.step + 1, target)
            self._land(*target)

    def _land(self, side: str, index: int) -> None:
        # Move the cursor before switching panes: the switch re-syncs from the cursor.
        if not self.pane(side).move_to(index):
            self.notify("That statement is hidden by the filter.", timeout=2)
        if side != self.side:
            self.side = side
        else:
            self._sync()

    def action_seek(self, what: str, direction: int, here_too: bool = False) -> None:
        """Next or previous statement of a kind, through the left pane and then the right."""
        seek = self._seek(what)
        if seek is None:
            return
        rows, test = seek
        here = (self.side, self.pane(self.side).current)
        for side, index in _cycle(rows, here, direction, here_too):
            if test(side, index):
                self._land(side, index)
                return
        self.notify(f"No {_SEEK_NAMES[what]} among the statements shown.", timeout=2)

    def _seek(self, what: str) -> tuple[Mapping[str, Sequence[int]], Callable[[str, int], bool]] | None:
        """The statements to go through, each side's in order, and the test one must pass."""
        if what == "search":
            if self.query_pattern is None:
                self.action_search()
                return None
            pattern = self.query_pattern
            statements = {side: self.readouts[side].statements for side in SIDES}
            rows = {side: self.pane(side).shown for side in SIDES}
            return rows, lambda side, i: bool(pattern.search(printable(statements[side][i].text)))
        if self.links is None:
            self.notify("The comparison is not ready yet.", timeout=2)
            return None
        # Only the statements of the wanted kind, so a seek never walks the whole readout.
        wanted = Status.UNIQUE if what == "unique" else Status.RELATED
        rows = {side: self.by_status[side][wanted] for side in SIDES}
        return rows, lambda side, i: self.pane(side).nearest(i) == i

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
        self.search_text = event.value.strip()
        self._show_rows()
        if self.search_text:
            # A new search starts at the cursor: the statement in view may be the one wanted.
            self.action_seek("search", 1, here_too=True)

    def action_clear_search(self) -> None:
        if self.query_one("#search").display:
            self._close_search()
        elif self.search_text:
            self.search_text = ""
            self._show_rows()

    def _close_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = False
        self.set_focus(self.pane(self.side))

    def action_cycle_filter(self) -> None:
        self.filter = self.filter.next()

    def watch_filter(self) -> None:
        self._show_rows()
        self._sync()

    @property
    def semantic(self) -> bool:
        """Whether meaning is compared (until the evidence is in, it is expected to be)."""
        return self.evidence is None or self.evidence.semantic_available

    @property
    def threshold(self) -> float:
        """The threshold in force: lexical evidence alone has its own."""
        return self.settings.in_force(self.semantic)

    def action_threshold(self, delta: float) -> None:
        self.settings = self.settings.with_threshold(self.threshold + delta, self.semantic)
        self._decide()

    def action_swap(self) -> None:
        left, right = self.pane("left").current, self.pane("right").current
        self.readouts = {"left": self.readouts["right"], "right": self.readouts["left"]}
        self.swapped = not self.swapped
        if self.evidence is not None:
            self.evidence = self.evidence.swapped()
        self._decide()
        self.pane("left").move_to(right)
        self.pane("right").move_to(left)
        self.side = other(self.side)


def _brief(reason: str) -> str:
    line = reason.splitlines()[0] if reason else ""
    return line if len(line) <= BRIEF_REASON else line[: BRIEF_REASON - 1] + "…"


_SEEK_NAMES = {"unique": "unique statement", "related": "pair told differently", "search": "search hit"}


def focus_ref(side: str, index: int) -> str:
    """"L3" / "R5": a statement's short name, 1-based like the panes."""
    return f"{side[0].upper()}{index + 1}"


def _by_status(marks: Mapping[int, Mark]) -> dict[Status, list[int]]:
    found: dict[Status, list[int]] = {status: [] for status in Status}
    for index, mark in sorted(marks.items()):
        found[mark.status].append(index)
    return found


def _cycle(
    rows: Mapping[str, Sequence[int]], here: tuple[str, int | None], direction: int, here_too: bool
) -> Iterator[tuple[str, int]]:
    """The rows of the left then the right (``rows``: each side's statements, in order) after
    ``here`` in ``direction``, wrapping round; ``here`` itself first if ``here_too``. Lazily, so
    finding the next one costs the distance to it, not the length of the readouts."""
    left, right = rows["left"], rows["right"]
    count = len(left) + len(right)
    side, index = here
    if index is None or side not in rows:
        start = 0 if direction > 0 else count - 1
    else:
        listed = rows[side]
        at = bisect_left(listed, index)
        found = at < len(listed) and listed[at] == index
        at += len(left) if side == "right" else 0
        if direction > 0:
            start = at + (1 if found and not here_too else 0)
        else:
            start = at - (0 if found and here_too else 1)
    for step in range(count):
        at = (start + step * direction) % count
        yield ("left", left[at]) if at < len(left) else ("right", right[at - len(left)])
