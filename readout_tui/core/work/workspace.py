"""The comparison as the analyst works on it: one plain object that the app's screen renders.

It holds the state: the evidence and the settings, the orientation (sides swapped or not),
the analyst's decisions and their journal, the filter, the search, where the cursor is and
the run of jumps from it. It answers the screen's questions: which rows each side lists, the
mark on each, the tallies, the detail of the statement under the cursor, where the next
unique statement or search hit is. Nothing here knows Textual, so tests drive it directly.

Orientation: every side and index the workspace takes or gives is as the panes show them
(the view: swapped or not), except ``journal``, ``restored`` and what is saved or exported,
which keep the comparison's own.

The engine (``decision``, ``evidence``, ``explain``: numpy) is imported where it is first used,
not at the top: the app builds its first screen from a workspace that has no evidence yet, and
paints it before the engine is loaded.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from readout_tui.core.engine.settings import AlignmentSettings
from readout_tui.core.io.display import printable
from readout_tui.core.io.loading import Comparison, is_stream
from readout_tui.core.types import (
    SIDES,
    Alignment,
    Counterpart,
    Kind,
    Readout,
    Side,
    Status,
    other_side,
    statement_ref,
)
from readout_tui.core.work.aligned import AlignedRow, aligned_rows
from readout_tui.core.work.decisions import (
    HAND,
    HAND_NOTED,
    NOTED,
    Decisions,
    Journal,
    NoteKey,
    no_pair_note,
    pair_note_key,
)
from readout_tui.core.work.segments import SegmentEdit, split_edit
from readout_tui.core.work.session import (
    Cursor,
    LostDecision,
    Restored,
    Session,
    SessionStore,
    own_case_folder,
    own_file,
)

if TYPE_CHECKING:
    from readout_tui.core.engine.coverage import LanguageCheck
    from readout_tui.core.engine.evidence import Evidence
    from readout_tui.core.engine.explain import WordSpan
    from readout_tui.core.engine.language import Language
    from readout_tui.core.work.mentions import OneSided


def settings_in_force(
    settings: AlignmentSettings, threshold: float | None = None, saved: Session | None = None
) -> AlignmentSettings:
    """The one rule for the threshold: one given on the command line (``threshold``) holds,
    whatever evidence there turns out to be; else the thresholds the comparison's session
    saved; else ``settings``' own."""
    if threshold is not None:
        return replace(settings, threshold=threshold, lexical_threshold=threshold)
    return saved.applied_to(settings) if saved is not None else settings


def decide(evidence: Evidence, settings: AlignmentSettings) -> Alignment:
    """The engine's ``decision.decide``, imported when first called (see the module's docstring)."""
    from readout_tui.core.engine import decision

    return decision.decide(evidence, settings)


class Refusal(Exception):
    """An action that cannot be done here and now; the message says why, in a line for the user."""


class ReadOnly(Refusal):
    """An edit refused because another instance is the one that saves this comparison (or its
    folder cannot be written): made here, it would be lost."""


NOT_READY = "The comparison is not ready yet."


class Filter(str, Enum):
    """Which statements the panes list."""

    ALL = "all"
    UNIQUE = "unique only"
    PAIRS = "pairs only"

    def next(self) -> Filter:
        members = list(Filter)
        return members[(members.index(self) + 1) % len(members)]


Seek = Literal["unique", "related", "difference", "doubtful", "search"]
SEEK_NAMES: Mapping[str, str] = {
    "unique": "unique statement",
    "related": "pair told differently",
    "difference": "difference (unique statement or pair told differently)",
    "doubtful": "doubtful statement",
    "search": "search hit",
}


@dataclass(frozen=True)
class Mark:
    """What the alignment and the analyst say about one statement."""

    status: Status | None = None
    """None until the comparison is ready."""
    partners: tuple[int, ...] = ()
    """0-based indices of the statement's counterparts on the other side, best first."""
    flag: str = ""
    """``HAND``, ``NOTED``, ``HAND_NOTED`` or nothing: what the analyst did about it."""
    doubtful: bool = False
    """Worth a second look: its best pair is of low confidence, or, left unique, it came near
    a partner (see ``doubtful``); never once the analyst decided it by hand."""


@dataclass(frozen=True)
class SideTally:
    unique: int | None = None
    """None until the alignment is known."""
    coverage: float | None = None


@dataclass(frozen=True)
class Tally:
    left: SideTally
    right: SideTally
    matches: int | None = None
    related: int | None = None


@dataclass(frozen=True)
class ShownStatement:
    """One statement as the detail shows it, with the words to mark against the other one."""

    side: Side
    index: int
    label: str
    """Its readout's label."""
    text: str
    spans: tuple[WordSpan, ...] = ()
    """Characters of ``text`` shared with, or missing from, the statement it is compared to."""

    @property
    def number(self) -> int:
        """1-based, as in the panes."""
        return self.index + 1

    @property
    def ref(self) -> str:
        return statement_ref(self.side, self.index)


@dataclass(frozen=True)
class Pending:
    """The statement under the cursor while the comparison is not ready."""

    focus: ShownStatement


@dataclass(frozen=True)
class PairShown:
    """The statement under the cursor and one of its counterparts."""

    focus: ShownStatement
    partner: ShownStatement
    pair: Counterpart
    rank: int
    """Which of the statement's counterparts this is, 1 the best."""
    count: int
    in_common: bool | None
    """Whether the two share a word; None when there are no word weights to compare by."""
    siblings: tuple[int, ...] = ()
    """Other statements of the focus's side that the partner also pairs with (the panes
    shade them): one statement of the other side covering several of this one."""


class Verdict(str, Enum):
    """Why a statement has no counterpart although one statement came nearest."""

    MARKED = "marked"
    """The analyst marked it unique."""
    REMOVED = "removed"
    """The model paired it, and the analyst removed the pair."""
    PARTNER_MARKED = "partner marked"
    """The model paired it with a statement the analyst marked unique."""
    UNDER = "under"
    """Its best score is under the threshold."""
    PARTNER_UNDER = "partner under"
    """Its best score reaches the threshold, but the partner that fits best by topic (the
    second step of ``decide``) scores under it."""


@dataclass(frozen=True)
class UniqueShown:
    """A statement without counterpart, with the statement it came nearest to: the one the
    analyst took its pair from, else the one it scored best against."""

    focus: ShownStatement
    nearest: ShownStatement | None = None
    """None when the other side has no statements."""
    score: float = 0.0
    verdict: Verdict | None = None
    threshold: float = 0.0
    in_common: bool | None = None
    best_fit: int | None = None
    """With ``PARTNER_UNDER``: the partner that fits best by topic (an index of the other side)."""
    best_fit_score: float = 0.0
    doubt: float | None = None
    """When the model is unsure it is unique (``Mark.doubtful``): its nearest partner's confidence."""


Detail = Pending | PairShown | UniqueShown


@dataclass(frozen=True)
class NoteTarget:
    key: NoteKey
    """In the view's orientation."""
    name: str
    """"L3" or "L3 – R5", in the view's orientation."""
    current: str


@dataclass(frozen=True)
class MentionLine:
    """What one side alone mentions, for the mentions panel."""

    label: str
    items: tuple[tuple[str, tuple[str, ...]], ...]
    """Each mention's text and the statements it is in ("L2")."""
    names_compared: bool
    """False when either side's script has no capital letters, so names were not compared."""


@dataclass(frozen=True)
class _Jump:
    """Where a run of jumps (enter, enter, ...) started, and how far through its partners it is."""

    side: Side
    index: int
    step: int
    landed: tuple[Side, int]


class Workspace:
    """Everything the comparison screen shows and changes, without the screen."""

    def __init__(
        self,
        comparison: Comparison,
        settings: AlignmentSettings = AlignmentSettings(),
        restored: Restored | None = None,
        store: SessionStore | None = None,
    ) -> None:
        """
        Args:
            settings: The settings in force (see ``settings_in_force`` and ``open``).
            restored: The saved session the work goes on from; None starts afresh.
            store: Where ``save`` writes the work; None keeps nothing.
        """
        self.comparison = comparison
        self.settings = settings
        self.restored = restored or Restored(Session())
        self.store = store
        session = self.restored.session
        self.journal = Journal.resumed(session.decisions, session.undo, session.redo)
        self.swapped = False
        """True when the view shows the comparison's right readout on the left."""
        self.evidence: Evidence | None = None
        """The evidence in the view's orientation; None until it has been gathered."""
        self.proposed: Alignment | None = None
        """The model's pairs, before the analyst's decisions are laid over them."""
        self.alignment: Alignment | None = None
        """What the view shows: the model's pairs with the decisions laid over them."""
        self.filter = Filter.ALL
        self.search = ""
        """What the user searched for; empty when no search is in force."""
        self.query: re.Pattern[str] | None = None
        """The search as a pattern over statements as shown (case-blind, literal)."""
        self.side: Side = "left"
        """The side with the cursor."""
        self.index: int | None = None
        """The statement under the cursor; None when its side lists none."""
        self.picking: tuple[Side, int] | None = None
        """The statement a link starts from while its partner is picked."""
        self.chosen: tuple[float | None, float | None] = (session.threshold, session.lexical_threshold)
        """The thresholds the analyst chose (with meaning, with shared words alone), saved with
        the work; None where the default holds. Not the settings' own: a default saved as if
        chosen would be work that a read-only instance could not save."""
        self.cursor: Cursor | None = session.cursor
        """Where the cursor was last, in the comparison's orientation, for the session."""
        self.assignment: Mapping[str, str] = session.assignment
        """For an article, its statements moved by hand (``Session.assignment``), saved with
        the work: the assignment screen changes it while this comparison is open."""
        self.marks: dict[Side, dict[int, Mark]] = {side: {} for side in SIDES}
        """Each statement's mark under the current alignment (empty until there is one)."""
        self.tally = Tally(SideTally(), SideTally())
        self._by_status: dict[Side, dict[Status, list[int]]] = {}
        self._doubts: dict[Side, list[int]] = {side: [] for side in SIDES}
        self._by_difference: dict[Side, list[int]] = {}
        self._rows: dict[Side, list[int]] = {}
        self._jump: _Jump | None = None
        self._flipped: tuple[Decisions, Decisions] | None = None
        self._aligned: tuple[Alignment, list[AlignedRow]] | None = None
        self.lost: list[LostDecision] = list(session.lost)
        """Saved decisions that found no statement in edited readouts, until the user discards
        them: shown, and made again at the cursor on request (``reapply``)."""
        self.made_again: set[int] = set()
        """The lost decisions made again in this run (by their place in ``lost``): still listed
        until discarded, so that undoing leaves nothing lost, but shown as done."""
        self.segments: list[SegmentEdit] = list(session.segments)
        """The statements split or merged, in the comparison's orientation (see ``resegment``)."""
        self.files = comparison
        """The comparison as its files have it, before ``segments`` (``open`` sets it)."""
        self.exported: Path | None = None
        """Where the last export went: the next one is proposed there, in the same format."""

    @classmethod
    def open(
        cls,
        comparison: Comparison,
        settings: AlignmentSettings = AlignmentSettings(),
        store: SessionStore | None = None,
        threshold: float | None = None,
    ) -> Workspace:
        """The comparison with the work saved in ``store`` (if any), and the threshold as
        ``settings_in_force`` rules (``threshold``: the command line's)."""
        restored = store.load(comparison) if store is not None else Restored(Session())
        shown = restored.comparison or comparison
        workspace = cls(shown, settings_in_force(settings, threshold, restored.session), restored, store)
        workspace.files = comparison
        if threshold is not None:
            workspace.chosen = (threshold, threshold)
        return workspace

    # -- the view -------------------------------------------------------------------------------

    def readout(self, side: Side) -> Readout:
        """The readout the view shows on ``side``."""
        if self.swapped:
            side = other_side(side)
        return self.comparison.left if side == "left" else self.comparison.right

    def language(self, side: Side) -> Language | None:
        """The language of the readout on ``side``; None until the evidence knows it."""
        languages: LanguageCheck | None = self.evidence.languages if self.evidence else None
        return None if languages is None else getattr(languages, side)

    @property
    def read_only(self) -> str:
        """Why edits are refused here, in one line ("" when they are made and saved)."""
        return self.store.read_only if self.store is not None else ""

    @property
    def unsaved(self) -> str:
        """Why the last save failed ("" when the work on screen is on disk, or nothing keeps it)."""
        return self.store.unsaved if self.store is not None else ""

    def _writable(self) -> None:
        """Refuse an edit that this instance could not save."""
        if self.read_only:
            raise ReadOnly(f"Read-only: {self.read_only}")

    @property
    def ready(self) -> bool:
        """Whether the comparison is decided (the evidence is in)."""
        return self.alignment is not None

    @property
    def semantic(self) -> bool:
        """Whether meaning is compared (until the evidence is in, it is expected to be)."""
        return self.evidence is None or self.evidence.semantic_available

    @property
    def threshold(self) -> float:
        """The threshold in force: shared words alone have their own, a learned scorer its own
        default."""
        if self.evidence is not None:
            return self.evidence.threshold(self.settings)
        return self.settings.in_force(self.semantic)

    @property
    def threshold_known(self) -> float | None:
        """The threshold in force, or None while it is the model's own and the model (whose
        learned scorer has its own default) has not given its evidence yet."""
        if self.evidence is None and self.semantic and self.settings.threshold is None:
            return None
        return self.threshold

    @property
    def decisions(self) -> Decisions:
        """The analyst's decisions, in the view's orientation."""
        current = self.journal.current
        if not self.swapped:
            return current
        if self._flipped is None or self._flipped[0] is not current:
            self._flipped = (current, current.swapped())
        return self._flipped[1]

    def rows(self, side: Side) -> list[int]:
        """The statements of ``side`` the filter lists, in order (the same list until the
        filter or the alignment changes)."""
        if side not in self._rows:
            self._rows[side] = [i for i in range(len(self.readout(side))) if self.visible(side, i)]
        return self._rows[side]

    def visible(self, side: Side, index: int) -> bool:
        if self.filter is Filter.ALL or self.alignment is None:
            return True
        unique = self.marks[side][index].status is Status.UNIQUE
        return unique if self.filter is Filter.UNIQUE else not unique

    def partners(self, side: Side, index: int) -> list[int]:
        return self.alignment.partners(side, index) if self.alignment is not None else []

    def siblings(self, side: Side, index: int) -> set[int]:
        """Statements on ``side`` that share a counterpart with ``index`` (a many-to-one group)."""
        far = other_side(side)
        found = {sibling for partner in self.partners(side, index) for sibling in self.partners(far, partner)}
        return found - {index}

    def shown_partner(self) -> int | None:
        """The counterpart shown for the statement under the cursor: the one a jump landed on,
        else the best."""
        if self.alignment is None or self.index is None:
            return None
        if self._jump is not None:
            return self._jump.index
        partners = self.partners(self.side, self.index)
        return partners[0] if partners else None

    # -- deciding ---------------------------------------------------------------------------------

    def set_evidence(self, evidence: Evidence) -> None:
        """Take the gathered evidence (in the comparison's orientation) and decide."""
        self.evidence = evidence.swapped() if self.swapped else evidence
        self._decide()

    def _decide(self) -> None:
        self._jump = None  # its pairs may not survive the new decision
        if self.evidence is not None:
            self.proposed = decide(self.evidence, self.settings)
            self.alignment = self.decisions.apply(self.proposed, self.evidence)
        # Worked out once per decision, so filtering and searching only choose rows.
        self.marks = {side: self._marks(side) for side in SIDES}
        self._by_status = {side: _by_status(self.marks[side]) for side in SIDES}
        self._doubts = {side: [i for i, mark in sorted(self.marks[side].items()) if mark.doubtful] for side in SIDES}
        self._by_difference: dict[Side, list[int]] = {}
        self._rows = {}
        self.tally = self._tally()

    def aligned(self) -> list[AlignedRow]:
        """The view's statements aligned as a diff tool shows them (empty until decided)."""
        if self.alignment is None:
            return []
        if self._aligned is None or self._aligned[0] is not self.alignment:
            self._aligned = (self.alignment, aligned_rows(self.alignment))
        return self._aligned[1]

    def _marks(self, side: Side) -> dict[int, Mark]:
        if self.alignment is None:
            return {}
        decisions = self.decisions
        noted = _noted(decisions, side)
        marks = {}
        for index in range(len(self.readout(side))):
            by_hand = decisions.touches(side, index)
            flag = HAND_NOTED if by_hand and index in noted else HAND if by_hand else NOTED if index in noted else ""
            status = self.alignment.status(side, index)
            doubt = not by_hand and self._doubtful(side, index, status)
            marks[index] = Mark(status, tuple(self.partners(side, index)), flag, doubt)
        return marks

    def _doubtful(self, side: Side, index: int, status: Status) -> bool:
        """Is the model unsure about this statement? Its best pair's confidence is under the
        scorer's first doubt level, or it is unique though its nearest partner's confidence
        reaches the second. Measured levels (docs/quality.md): about half of such pairs are
        wrong and half of such unique statements have a counterpart. Only a learned scorer
        gives confidences; without one nothing is doubtful."""
        scorer = self.evidence.scorer if self.evidence is not None else None
        if scorer is None:
            return False
        pair_doubt, unique_doubt = scorer.doubt
        if status is not Status.UNIQUE:
            confidences = [p.confidence for p in self.alignment.counterparts(side, index) if p.confidence is not None]
            return bool(confidences) and max(confidences) < pair_doubt
        from readout_tui.core.engine.explain import nearest_miss

        miss = nearest_miss(self.evidence, self.settings, side, index)
        return miss is not None and float(scorer.confidence(miss.score)) >= unique_doubt

    def _tally(self) -> Tally:
        if self.alignment is None:
            return Tally(SideTally(), SideTally())
        alignment = self.alignment
        left, right = (SideTally(len(alignment.unique(side)), alignment.coverage(side)) for side in SIDES)
        kinds = Counter(pair.kind for pair in alignment.pairs)
        return Tally(left, right, kinds[Kind.MATCH], kinds[Kind.RELATED])

    def change_threshold(self, delta: float) -> None:
        """Move the threshold in force by ``delta`` (kept within 0 and 1) and decide again. The
        threshold is saved with the work, so a read-only instance refuses it like an edit; a
        threshold already at the end ``delta`` moves towards is refused, so the key says why
        nothing changed."""
        self._writable()
        if (delta > 0 and self.threshold >= 1.0) or (delta < 0 and self.threshold <= 0.0):
            end = "maximum" if delta > 0 else "minimum"
            raise Refusal(f"The threshold is already at its {end} ({self.threshold:.2f}).")
        self.settings = self.settings.with_threshold(self.threshold + delta, self.semantic)
        semantic, lexical = self.chosen
        if self.semantic:
            self.chosen = (self.settings.threshold, lexical)
        else:
            self.chosen = (semantic, self.settings.lexical_threshold)
        self._decide()

    def swap(self) -> None:
        """Show the right readout on the left and the left on the right; the cursor stays on
        its statement, now on the other side."""
        self.picking = None
        self.swapped = not self.swapped
        if self.evidence is not None:
            self.evidence = self.evidence.swapped()
        self.side = other_side(self.side)
        self._decide()

    def cycle_filter(self) -> Filter:
        self.filter = self.filter.next()
        self._rows = {}
        return self.filter

    def set_search(self, text: str) -> None:
        """Search both sides for ``text`` (blank: no search)."""
        self.search = text.strip()
        self.query = re.compile(re.escape(printable(self.search)), re.IGNORECASE) if self.search else None

    # -- the cursor -------------------------------------------------------------------------------

    def point(self, side: Side, index: int | None) -> None:
        """The cursor is on statement ``index`` of ``side`` (None: that side lists nothing)."""
        self.side, self.index = side, index
        if self._jump is not None and self._jump.landed != (side, index):
            self._jump = None
        if index is not None:
            self.cursor = Cursor(self._to_comparison(side), index)

    def saved_cursor(self) -> tuple[Side, int] | None:
        """Where the session left the cursor, in the view's orientation."""
        cursor = self.restored.session.cursor
        return None if cursor is None else (self._to_comparison(cursor.side), cursor.index)

    def jump(self) -> tuple[Side, int] | None:
        """Where enter takes the cursor: to the statement's counterpart; pressed again, on
        through the other partners of the statement the run started from, and back to it.
        None when there is nowhere to go yet."""
        if self.alignment is None or self.index is None:
            return None
        run = self._jump or _Jump(self.side, self.index, 0, (self.side, self.index))
        partners = self.partners(run.side, run.index)
        if not partners:
            raise Refusal("No counterpart: this statement is unique to its side.")
        if run.step == len(partners):
            # Back where the run started; the next enter begins a new run.
            self._jump = None
            return run.side, run.index
        target = (other_side(run.side), partners[run.step])
        self._jump = _Jump(run.side, run.index, run.step + 1, target)
        return target

    def seek(self, what: Seek, direction: int, here_too: bool = False) -> tuple[Side, int]:
        """The next (``direction`` 1) or previous (-1) statement listed of a kind, through the
        left side and then the right, wrapping round; the cursor's own first if ``here_too``."""
        if what == "search":
            if self.query is None:
                raise Refusal("Nothing is searched for.")
            rows = {side: self.rows(side) for side in SIDES}
            passes = self._hit
        else:
            if self.alignment is None:
                raise Refusal(NOT_READY)
            # Only the statements of the wanted kind, so a seek never walks the whole readout.
            if what == "doubtful":
                rows = self._doubts
            elif what == "difference":
                rows = {side: self._differences(side) for side in SIDES}
            else:
                wanted = Status.UNIQUE if what == "unique" else Status.RELATED
                rows = {side: self._by_status[side][wanted] for side in SIDES}
            passes = self.visible
        for side, index in _cycle(rows, (self.side, self.index), direction, here_too):
            if passes(side, index):
                return side, index
        raise Refusal(f"No {SEEK_NAMES[what]} among the statements shown.")

    def _differences(self, side: Side) -> list[int]:
        """The statements of ``side`` that differ from the other account: unique, or told
        differently; in order, worked out once per decision."""
        found = self._by_difference.get(side)
        if found is None:
            by_status = self._by_status[side]
            found = self._by_difference[side] = sorted(by_status[Status.UNIQUE] + by_status[Status.RELATED])
        return found

    def _hit(self, side: Side, index: int) -> bool:
        return self._text_hit(side, index) or self._note_hit(side, index)

    def _text_hit(self, side: Side, index: int) -> bool:
        return bool(self.query.search(printable(self.readout(side).statements[index].text)))

    def _note_hit(self, side: Side, index: int) -> bool:
        """Whether a note on the statement, or on a pair it is in, holds what is searched for."""
        return any(self.query.search(printable(note)) for note in self.notes_on(side, index))

    def notes_on(self, side: Side, index: int) -> list[str]:
        """The notes on a statement and on the pairs it is in (view's orientation)."""
        position = 1 if side == "left" else 2
        return [
            text
            for key, text in self.decisions.notes.items()
            if key == (side, index) or (key[0] == "pair" and key[position] == index)
        ]

    def hits(self) -> dict[Side, list[int]]:
        """The statements listed that the search finds, in their text or in a note, per side."""
        if self.query is None:
            return {side: [] for side in SIDES}
        return {side: [i for i in self.rows(side) if self._hit(side, i)] for side in SIDES}

    def search_count(self) -> str:
        """E.g. "3 statements found (1 by a note)", for the search just made."""
        hits = self.hits()
        found = [(side, i) for side in SIDES for i in hits[side]]
        by_note = sum(1 for side, i in found if not self._text_hit(side, i))
        noun = "statement" if len(found) == 1 else "statements"
        return f"{len(found)} {noun} found" + (f" ({by_note} by a note)" if by_note else "")

    # -- the detail -------------------------------------------------------------------------------

    def detail(self) -> Detail | None:
        """The statement under the cursor, with its counterpart or the nearest miss."""
        side, index = self.side, self.index
        if index is None:
            return None
        if self.alignment is None or self.evidence is None:
            return Pending(self._shown(side, index))
        partner = self.shown_partner()
        far = other_side(side)
        weights = self.evidence.terms.weight
        if partner is None:
            return self._unique(side, index, weights)
        pairs = self.alignment.counterparts(side, index)
        pair = next(p for p in pairs if getattr(p, far) == partner)
        rank = [getattr(p, far) for p in pairs].index(partner) + 1
        focus, shown, in_common = self._compared(side, index, partner, weights)
        siblings = tuple(sorted(set(self.partners(far, partner)) - {index}))
        return PairShown(focus, shown, pair, rank, len(pairs), in_common, siblings)

    def _unique(self, side: Side, index: int, weights: Mapping[str, float]) -> UniqueShown:
        """A unique statement with its nearest miss, which is what a reader checks next; when
        the analyst's decisions took the model's pair away, that pair, and which decision."""
        decisions = self.decisions
        proposed = self.proposed.counterparts(side, index) if self.proposed is not None else []
        far = other_side(side)
        if proposed and (side, index) not in decisions.unique:
            pair = proposed[0]
            partner = getattr(pair, far)
            verdict = Verdict.PARTNER_MARKED if (far, partner) in decisions.unique else Verdict.REMOVED
            focus, nearest, in_common = self._compared(side, index, partner, weights)
            return UniqueShown(focus, nearest, pair.score, verdict, self.threshold, in_common)
        from readout_tui.core.engine.explain import best_fit, nearest_miss

        miss = nearest_miss(self.evidence, self.settings, side, index)
        if miss is None:
            return UniqueShown(self._shown(side, index), threshold=self.threshold)
        fit = None
        if (side, index) in decisions.unique:
            verdict = Verdict.MARKED
        elif miss.score < self.threshold:
            verdict = Verdict.UNDER
        else:
            verdict = Verdict.PARTNER_UNDER
            fit = best_fit(self.evidence, self.settings, side, index)
        focus, nearest, in_common = self._compared(side, index, miss.partner, weights)
        return UniqueShown(
            focus,
            nearest,
            miss.score,
            verdict,
            self.threshold,
            in_common,
            fit.partner if fit is not None else None,
            fit.score if fit is not None else 0.0,
            self._nearest_confidence(side, index, miss.score),
        )

    def _unlinked(self, side: Side, index: int) -> list[str]:
        """The statements the analyst unlinked this one from ("R3"), in order."""
        far = other_side(side)
        ours, theirs = (0, 1) if side == "left" else (1, 0)
        return [statement_ref(far, pair[theirs]) for pair in sorted(self.decisions.unlinks) if pair[ours] == index]

    def _nearest_confidence(self, side: Side, index: int, score: float) -> float | None:
        """The confidence of a doubtful unique statement's nearest partner, else None."""
        if not self.marks.get(side, {}).get(index, Mark()).doubtful:
            return None
        return float(self.evidence.scorer.confidence(score))

    def _compared(
        self, side: Side, index: int, partner: int, weights: Mapping[str, float]
    ) -> tuple[ShownStatement, ShownStatement, bool | None]:
        from readout_tui.core.engine.explain import shares_words, word_spans

        far = other_side(side)
        text, other = self.readout(side).statements[index].text, self.readout(far).statements[partner].text
        # The words the explanation calls shared are marked, whatever their length or weight.
        left, right = _pair(side, index, partner)
        listed = self.evidence.terms.shared(left, right)
        focus = self._shown(side, index, word_spans(text, other, weights, listed))
        shown = self._shown(far, partner, word_spans(other, text, weights, listed))
        return focus, shown, shares_words(text, other) if weights else None

    def _shown(self, side: Side, index: int, spans: tuple[WordSpan, ...] = ()) -> ShownStatement:
        readout = self.readout(side)
        return ShownStatement(side, index, readout.label, readout.statements[index].text, spans)

    def work_notes(self) -> tuple[str, ...]:
        """What the analyst decided about the statement under the cursor and the pair shown,
        each in a few words ("✎ deliberately unique", "note: ...")."""
        index = self.index
        if index is None or self.alignment is None:
            return ()
        decisions, parts = self.decisions, []
        partner = self.shown_partner()
        if partner is not None:
            left, right = _pair(self.side, index, partner)
            pairs = self.alignment.counterparts(self.side, index)
            pair = next((p for p in pairs if (p.left, p.right) == (left, right)), None)
            if pair is not None and pair.manual:
                parts.append(f"{HAND} pair decided by hand")
            note = decisions.pair_note(left, right)
            if note:
                parts.append(f"pair note: {note}")
            # Its other pairs stay: without this only the gutter's mark would tell that the
            # analyst took one away, while the other statement of that pair says so.
            removed = self._unlinked(self.side, index)
            if removed:
                parts.append(f"{HAND} pair with {', '.join(removed)} removed by hand")
        elif (self.side, index) in decisions.unique:
            parts.append(f"{HAND} deliberately unique")
        elif decisions.touches(self.side, index):
            parts.append(f"{HAND} pair removed by hand")
        parts.extend(self._notes_on_no_pair(index, partner))
        note = decisions.statement_note(self.side, index)
        if note:
            parts.append(f"note: {note}")
        return tuple(parts)

    def _notes_on_no_pair(self, index: int, partner: int | None) -> list[str]:
        """The notes on pairs of the statement under the cursor that are no pair now (unlinked,
        or under the threshold since): a note stays in case the pair is made again, and the
        gutter's ¶ said the statement had one that the strip showed nowhere."""
        far = other_side(self.side)
        ours = 0 if self.side == "left" else 1
        shown = _pair(self.side, index, partner) if partner is not None else None
        return [
            no_pair_note(far, pair[1 - ours], note)
            for pair, note in self.decisions.pair_notes_on_no_pair(self.alignment)
            if pair[ours] == index and pair != shown
        ]

    def clip(self, what: Literal["statement", "pair"]) -> tuple[str, str]:
        """(what it is, the text) to copy: the statement under the cursor with its reference and
        label, or the pair shown, both statements and how they relate."""
        index = self.index
        if index is None:
            raise Refusal("No statement here.")
        readout = self.readout(self.side)
        ref = statement_ref(self.side, index)
        statement = f"{ref} ({readout.label}): {readout.statements[index].text}"
        if what == "statement":
            return ref, statement
        partner = self.shown_partner()
        if partner is None:
            raise Refusal("No pair here: this statement has no counterpart.")
        far = other_side(self.side)
        other = self.readout(far)
        pair = next(p for p in self.alignment.counterparts(self.side, index) if getattr(p, far) == partner)
        other_ref = statement_ref(far, partner)
        lines = [
            statement,
            f"{other_ref} ({other.label}): {other.statements[partner].text}",
            f"{ref} – {other_ref}: {pair.kind.label}, score {pair.score:.2f}" + (" (by hand)" if pair.manual else ""),
        ]
        return f"{ref} – {other_ref}", "\n".join(lines)

    # -- editing ----------------------------------------------------------------------------------

    def _cursor_for_edits(self) -> int | None:
        """The statement under the cursor, once corrections can be made."""
        if self.alignment is None:
            raise Refusal(NOT_READY)
        self._writable()
        return self.index

    def _edit(self, what: str, decisions: Decisions) -> str:
        """Make ``decisions`` (view's orientation) current and decide again; returns ``what``."""
        self.journal.record(what, decisions.swapped() if self.swapped else decisions)
        self._decide()
        return what

    def start_link(self) -> bool:
        """Start a link from the statement under the cursor; its partner is picked on the
        other side (``finish_link``). False when there is no statement to start from."""
        index = self._cursor_for_edits()
        if index is None:
            return False
        self.picking = (self.side, index)
        return True

    def link_candidate(self) -> int | None:
        """Where picking a partner starts on the other side: the statement the strip names,
        the counterpart shown or, for a unique statement, its nearest miss."""
        detail = self.detail()
        if isinstance(detail, PairShown):
            return detail.partner.index
        if isinstance(detail, UniqueShown) and detail.nearest is not None:
            return detail.nearest.index
        return None

    def finish_link(self) -> str:
        """Link the statement picking started from to the one under the cursor."""
        if self.picking is None:
            raise Refusal("No link is being made.")
        self._writable()
        start_side, start = self.picking
        if self.side == start_side or self.index is None:
            raise Refusal("Pick the counterpart in the other pane (tab switches panes).")
        self.picking = None
        left, right = _pair(start_side, start, self.index)
        existing = next((p for p in self.alignment.counterparts("left", left) if p.right == right), None)
        kind = existing.kind if existing else self._likely_kind(left, right)
        return self._edit(f"Linked {_pair_name(left, right)} ({kind.label})", self.decisions.link(left, right, kind))

    def cancel_link(self) -> bool:
        """Stop picking a partner; False when no link was being made."""
        picking, self.picking = self.picking, None
        return picking is not None

    def _likely_kind(self, left: int, right: int) -> Kind:
        if self.evidence is None:
            return Kind.RELATED
        from readout_tui.core.engine.decision import scored_pair

        return scored_pair(self.evidence, left, right, self.settings).kind

    def _shown_pair(self) -> tuple[int, int] | None:
        """The pair shown for the cursor's statement as (left, right); None when there is no
        statement under the cursor."""
        index = self._cursor_for_edits()
        if index is None:
            return None
        partner = self.shown_partner()
        if partner is None:
            raise Refusal("No pair here: this statement has no counterpart.")
        return _pair(self.side, index, partner)

    def unlink(self) -> str | None:
        """Remove the pair shown; returns what was done (None: nothing under the cursor)."""
        pair = self._shown_pair()
        if pair is None:
            return None
        left, right = pair
        proposed = self.proposed is None or right in self.proposed.partners("left", left)
        return self._edit(f"Unlinked {_pair_name(left, right)}", self.decisions.unlink(left, right, proposed))

    def toggle_kind(self) -> str | None:
        """Make the pair shown "same" if it is told differently, and the other way round."""
        pair = self._shown_pair()
        if pair is None:
            return None
        left, right = pair
        current = next(p for p in self.alignment.counterparts("left", left) if p.right == right)
        kind = Kind.RELATED if current.kind is Kind.MATCH else Kind.MATCH
        return self._edit(f"{_pair_name(left, right)} now {kind.label}", self.decisions.link(left, right, kind))

    def toggle_unique(self) -> str | None:
        """Mark the statement under the cursor deliberately unique, or unmark it."""
        index = self._cursor_for_edits()
        if index is None:
            return None
        decisions, ref = self.decisions, statement_ref(self.side, index)
        if (self.side, index) in decisions.unique:
            return self._edit(f"{ref} no longer marked unique", decisions.unmark_unique(self.side, index))
        return self._edit(f"{ref} marked deliberately unique", decisions.mark_unique(self.side, index))

    def note_target(self, on: Literal["statement", "pair"]) -> NoteTarget | None:
        """What a note would be on: the statement under the cursor or the pair shown."""
        if on == "pair":
            pair = self._shown_pair()
            if pair is None:
                return None
            key, name = pair_note_key(*pair), _pair_name(*pair)
        else:
            index = self._cursor_for_edits()
            if index is None:
                return None
            key, name = (self.side, index), statement_ref(self.side, index)
        return NoteTarget(key, name, self.decisions.notes.get(key, ""))

    def write_note(self, target: NoteTarget, text: str) -> str | None:
        """Set the note on ``target`` (blank text removes it); None when nothing changed."""
        self._writable()
        if text.strip() == target.current:
            return None
        verb = "Note on" if text.strip() else "Note removed from"
        return self._edit(f"{verb} {target.name}", self.decisions.note(target.key, text))

    def undo(self) -> str:
        """Take back the last edit; returns its name."""
        self._writable()
        what = self.journal.undo()
        if what is None:
            raise Refusal("Nothing to undo.")
        self._decide()
        return what

    def redo(self) -> str:
        self._writable()
        what = self.journal.redo()
        if what is None:
            raise Refusal("Nothing to redo.")
        self._decide()
        return what

    def reapply(self, number: int) -> str:
        """Make lost decision ``number`` again, here: a mark or a note on a statement on the
        one under the cursor, one on a pair on the cursor's statement and the one the strip
        names (its counterpart, else its nearest miss). It stays listed until discarded, so
        that undoing this leaves nothing lost (``made_again``)."""
        done = self._reapply(number)
        self.made_again.add(number)
        return done

    def _reapply(self, number: int) -> str:
        lost = self.lost[number]
        if not lost.kind and any(edit.missed() == lost.description for edit in self.segments):
            raise Refusal("A split or merge is made again by itself when its statement is back; x discards it.")
        if not lost.kind:
            raise Refusal("Kept as a line only, by an earlier version: make it again by hand.")
        index = self._cursor_for_edits()
        if index is None:
            raise Refusal("No statement under the cursor.")
        ref, decisions = statement_ref(self.side, index), self.decisions
        if lost.kind == "unique":
            return self._edit(f"{ref} marked deliberately unique again", decisions.mark_unique(self.side, index))
        if lost.kind == "note" and not lost.on_pair:
            current = decisions.notes.get((self.side, index), "")
            text = f"{current} · {lost.note}" if current else lost.note
            return self._edit(f"Lost note made again on {ref}", decisions.note((self.side, index), text))
        partner = self.link_candidate()
        if partner is None:
            raise Refusal("No statement on the other side to make it with.")
        left, right = _pair(self.side, index, partner)
        name = _pair_name(left, right)
        if lost.kind == "note":
            key = pair_note_key(left, right)
            current = decisions.notes.get(key, "")
            text = f"{current} · {lost.note}" if current else lost.note
            return self._edit(f"Lost note made again on {name}", decisions.note(key, text))
        if lost.kind == "unlink":
            proposed = self.proposed is None or right in self.proposed.partners("left", left)
            return self._edit(f"Unlinked {name} again", decisions.unlink(left, right, proposed))
        kind = Kind(lost.link_kind) if lost.link_kind else Kind.RELATED
        return self._edit(f"Linked {name} ({kind.label}) again", decisions.link(left, right, kind))

    # -- statement boundaries -------------------------------------------------------------------

    def split_at(self, at: int) -> SegmentEdit:
        """The split of the statement under the cursor where its second part starts (``at``)."""
        index = self.segment_target()
        edit = split_edit(self._to_comparison(self.side), self.readout(self.side).statements[index].text, at)
        if edit is None:
            raise Refusal("Each part needs words: put the | between two of them.")
        return edit

    def merge_next(self) -> SegmentEdit:
        """The merge of the statement under the cursor with the next one of its account."""
        index = self.segment_target()
        statements = self.readout(self.side).statements
        if index + 1 >= len(statements):
            raise Refusal("The last statement has no next one to merge with.")
        # In the comparison's order: after a swap the view's side is the other readout, in the same order.
        texts = (statements[index].text, statements[index + 1].text)
        return SegmentEdit(self._to_comparison(self.side), "merge", texts)

    def segment_target(self) -> int:
        """The statement under the cursor, if it may be split or merged (else ``Refusal``)."""
        index = self._cursor_for_edits()
        if index is None:
            raise Refusal("No statement under the cursor.")
        if self.store is None:
            raise Refusal("Splits and merges are kept in the session: not without one (--no-session).")
        if self.comparison.info.article is not None:
            raise Refusal("An article's statements are its attribution's: split or join them in the article.")
        return index

    def resegment(self, edit: SegmentEdit) -> Workspace:
        """Save ``edit`` with the work, and the workspace on the new statements: the work
        carried over to them as to edited readouts (raises ``OSError`` when it cannot be saved;
        nothing is changed then)."""
        self._writable()
        self.segments.append(edit)
        try:
            self.save()
        except OSError:
            self.segments.pop()
            raise
        restored = self.store.load(self.files)
        workspace = Workspace(restored.comparison or self.files, self.settings, restored, self.store)
        workspace.files, workspace.chosen, workspace.exported = self.files, self.chosen, self.exported
        return workspace

    def discard_lost(self, number: int) -> str:
        """Forget lost decision ``number`` (saved work: refused when read-only)."""
        self._writable()
        lost = self.lost.pop(number)
        self.made_again = {n - (n > number) for n in self.made_again if n != number}
        if not lost.kind:
            # A split or merge whose statement is not there: kept till now, to be made again.
            self.segments = [edit for edit in self.segments if edit.missed() != lost.description]
        return f"Discarded: {lost.description}"

    # -- keeping and publishing -------------------------------------------------------------------

    def session(self) -> Session:
        """The work as it is saved: decisions, thresholds, cursor, history, assignment."""
        return Session(
            self.journal.current,
            self.chosen[0],
            self.cursor,
            tuple(self.lost),
            self.chosen[1],
            self.journal.undo_steps,
            self.journal.redo_steps,
            assignment=self.assignment,
            segments=tuple(self.segments),
        )

    @property
    def session_file(self) -> Path | None:
        """Where the work is saved; None when it is not."""
        return None if self.store is None else self.store.path

    def save(self) -> None:
        """Write the work to the session store, if there is one (raises ``OSError``)."""
        if self.store is not None:
            self.store.save(self.session(), self.comparison)

    def export_path(self) -> Path:
        """Where an export goes unless the user says otherwise: where the last one went (its
        format with it), else an HTML file beside the case."""
        if self.exported is not None:
            return self.exported
        folder = own_case_folder(self.comparison) or Path.cwd()
        return folder / f"{_export_stem(self.comparison)}-comparison.html"

    def export(self, path: Path) -> None:
        """Write the comparison with the work to ``path``, in the format its ending names
        (raises ``Refusal`` for another ending, ``OSError`` or ``ValueError`` when writing fails).

        Sides as the view shows them: after a swap the file's left is the screen's left. An
        article is the exception: its attribution names its statements by its own sides, so it
        is exported as read (``export_swapped`` says whether the file follows the swap)."""
        # Imported on first use: the exports are not needed to paint the app.
        from readout_tui.core.io.export import render, write

        if self.alignment is None:
            raise Refusal(NOT_READY)
        fmt = export_format(path)
        self.refuse_own_file(path)
        info = self.comparison.info
        if self.export_swapped:
            alignment, decisions = self.alignment, self.decisions
            info = replace(info, side_sources=(info.side_sources[1], info.side_sources[0]))
        else:
            alignment, decisions = self.comparison_alignment(), self.journal.current
        write(path, fmt, render(fmt, alignment, info, decisions))
        self.exported = path

    def refuse_own_file(self, path: Path) -> None:
        """Raise ``Refusal`` when ``path`` is a file the comparison is read from or keeps its
        work in: "left.txt" replaced the readout after "Replace it?"."""
        what = own_file(path, self.comparison)
        if what:
            raise Refusal(f"{path} is {what} of this comparison: name another file.")

    @property
    def export_swapped(self) -> bool:
        return self.swapped and self.comparison.info.article is None

    def comparison_alignment(self) -> Alignment | None:
        """What the view shows, in the comparison's own orientation."""
        if not self.swapped or self.evidence is None:
            return self.alignment
        evidence = self.evidence.swapped()
        return self.journal.current.apply(decide(evidence, self.settings), evidence)

    @cached_property
    def mentions(self) -> OneSided:
        # Imported on first use, as the exports are: the window paints before they are needed.
        from readout_tui.core.work.mentions import one_sided

        return one_sided(self.comparison.left, self.comparison.right)

    def mention_lines(self) -> list[MentionLine]:
        """What each side of the view mentions that the other lacks."""
        lines = []
        for side in SIDES:
            source = self._to_comparison(side)
            items = tuple(
                (m.text, tuple(statement_ref(side, i) for i in m.statements)) for m in self.mentions.of(source)
            )
            lines.append(MentionLine(self.readout(side).label, items, bool(self.mentions.names[source])))
        return lines

    def _to_comparison(self, side: Side) -> Side:
        """A side of the view as a side of the comparison (and back: the same flip)."""
        return other_side(side) if self.swapped else side


def _pair(side: Side, index: int, partner: int) -> tuple[int, int]:
    return (index, partner) if side == "left" else (partner, index)


def _pair_name(left: int, right: int) -> str:
    return f"{statement_ref('left', left)} – {statement_ref('right', right)}"


def _noted(decisions: Decisions, side: Side) -> set[int]:
    """The statements of ``side`` with a note on themselves or on a pair they are in."""
    position = 1 if side == "left" else 2
    return {
        key[1] if key[0] == side else key[position]
        for key in decisions.notes
        if key[0] == side or key[0] == "pair"
    }


def _by_status(marks: Mapping[int, Mark]) -> dict[Status, list[int]]:
    found: dict[Status, list[int]] = {status: [] for status in Status}
    for index, mark in sorted(marks.items()):
        found[mark.status].append(index)
    return found


def _cycle(
    rows: Mapping[Side, Sequence[int]], here: tuple[Side, int | None], direction: int, here_too: bool
) -> Iterator[tuple[Side, int]]:
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


def _export_stem(comparison: Comparison) -> str:
    """What an export is named after: the case folder; else the files compared ("left-kremlin"),
    an article by its folder when the file is just "article.txt". Every comparison outside a
    case folder was proposed "readout-comparison.html", one over the other."""
    if comparison.case_dir is not None:
        return comparison.case_dir.name
    stems: list[str] = []
    for source in dict.fromkeys((comparison.left.source, comparison.right.source)):
        path = Path(source)
        if source == "-" or is_stream(source):
            continue
        stem = path.parent.name if path.stem == "article" and path.parent.name else path.stem
        stems.append("".join(c if c.isprintable() else "_" for c in stem))  # a name, not a terminal code
    return "-".join(stems)[:80] or "readout"


def export_format(path: Path) -> str:
    """The export format ``path``'s ending names (raises ``Refusal``, saying which endings
    do, for another)."""
    # Imported on first use: the exports are not needed to paint the app.
    from readout_tui.core.io.export import ENDINGS, format_of

    fmt = format_of(path)
    if fmt is None:
        endings = list(ENDINGS.values())
        raise Refusal(f"Name the file {', '.join(endings[:-1])} or {endings[-1]}.")
    return fmt
