"""The analyst's corrections of an alignment: links made and removed by hand, kinds changed,
statements marked as deliberately unique, and notes; with undo and redo.

Decisions are kept apart from the model's alignment and laid over it by ``Decisions.apply``,
so they survive a new threshold or another model: whatever the model proposes, a decision
made by hand wins. Statements are named by side ("left"/"right") and 0-based index, in the
comparison's own orientation (the app swaps them when it swaps the panes).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING

from readout_tui.core.engine.settings import AlignmentSettings
from readout_tui.core.io.display import well_formed
from readout_tui.core.types import Alignment, Counterpart, Kind, Side, other_side, statement_ref

if TYPE_CHECKING:
    from readout_tui.core.engine.evidence import Evidence

HAND = "✎"
"""Marks what the analyst decided by hand, in the app's gutter and strip and in the exports."""
NOTED = "¶"
"""Marks a statement with a note (on itself or on a pair it is in)."""
HAND_NOTED = "§"
"""Both, in the one column the app's gutter has for them."""

PairKey = tuple[int, int]
"""(left index, right index)."""
StatementKey = tuple[Side, int]
"""("left" or "right", index)."""
NoteKey = tuple
"""A statement, ("left", i) or ("right", i); or a pair, ("pair", left, right)."""

_EMPTY: Mapping = MappingProxyType({})


def pair_note_key(left: int, right: int) -> NoteKey:
    return ("pair", left, right)


@dataclass(frozen=True)
class Decisions:
    """Everything the analyst decided, as one immutable value (each edit makes a new one,
    which is what makes undo a matter of keeping the old ones)."""

    links: Mapping[PairKey, Kind] = field(default_factory=lambda: _EMPTY)
    """Pairs made by hand, or model pairs whose kind was set by hand."""
    unlinks: frozenset[PairKey] = frozenset()
    """Model pairs the analyst rejected."""
    unique: frozenset[StatementKey] = frozenset()
    """Statements the analyst says have no counterpart, whatever the model finds."""
    notes: Mapping[NoteKey, str] = field(default_factory=lambda: _EMPTY)

    def __bool__(self) -> bool:
        return bool(self.links or self.unlinks or self.unique or self.notes)

    # -- edits ------------------------------------------------------------------------------

    def link(self, left: int, right: int, kind: Kind) -> Decisions:
        """Pair two statements (or set the kind of an existing pair)."""
        return replace(
            self,
            links=_frozen({**self.links, (left, right): kind}),
            unlinks=self.unlinks - {(left, right)},
            unique=self.unique - {("left", left), ("right", right)},
        )

    def unlink(self, left: int, right: int, proposed: bool = True) -> Decisions:
        """Reject the pair; a note on it stays, in case it is linked again. A pair the model
        did not propose (only made by hand) is simply taken back: there is nothing to reject."""
        links = {key: kind for key, kind in self.links.items() if key != (left, right)}
        if not proposed:
            return replace(self, links=_frozen(links))
        return replace(self, links=_frozen(links), unlinks=self.unlinks | {(left, right)})

    def mark_unique(self, side: Side, index: int) -> Decisions:
        """The statement has no counterpart: its links made by hand go too."""
        position = 0 if side == "left" else 1
        links = {key: kind for key, kind in self.links.items() if key[position] != index}
        return replace(self, links=_frozen(links), unique=self.unique | {(side, index)})

    def unmark_unique(self, side: Side, index: int) -> Decisions:
        return replace(self, unique=self.unique - {(side, index)})

    def note(self, key: NoteKey, text: str) -> Decisions:
        """Set the note on ``key``; blank text removes it. Text that is not valid Unicode is
        made so (``well_formed``): a note must always be saved and exported."""
        notes = {k: v for k, v in self.notes.items() if k != key}
        if text.strip():
            notes[key] = well_formed(text.strip())
        return replace(self, notes=_frozen(notes))

    # -- reading -------------------------------------------------------------------------------

    def touches(self, side: Side, index: int) -> bool:
        """Was anything about this statement decided by hand (not counting notes)?"""
        return (side, index) in self._touched

    @cached_property
    def _touched(self) -> frozenset[StatementKey]:
        # Built once: exports ask for every statement, and looking through every decision
        # each time made them take statements x decisions steps.
        pairs = (*self.links, *self.unlinks)
        return frozenset(
            {*self.unique, *(("left", left) for left, _ in pairs), *(("right", right) for _, right in pairs)}
        )

    def statement_note(self, side: Side, index: int) -> str:
        return self.notes.get((side, index), "")

    def pair_note(self, left: int, right: int) -> str:
        return self.notes.get(pair_note_key(left, right), "")

    def pair_notes_on_no_pair(self, alignment: Alignment) -> list[tuple[PairKey, str]]:
        """The notes on pairs that are no pair in ``alignment`` (unlinked, or under the
        threshold since: a note stays in case the pair is made again), in the pairs' order;
        a pair past either side's end is left out."""
        pairs = {(p.left, p.right) for p in alignment.pairs}
        sizes = (len(alignment.left), len(alignment.right))
        return sorted(
            ((key[1], key[2]), note)
            for key, note in self.notes.items()
            if key[0] == "pair" and key[1:] not in pairs and key[1] < sizes[0] and key[2] < sizes[1]
        )

    def notes_on_no_pair(self, alignment: Alignment) -> dict[StatementKey, list[tuple[str, str]]]:
        """``pair_notes_on_no_pair`` under each of the two statements, in the other statement's
        order, as (what it is, the note): ("note on the pair with R1 (no pair now)", "…"), as the
        app's strip says them."""
        found: dict[StatementKey, list[tuple[int, tuple[str, str]]]] = {}
        for (left, right), note in self.pair_notes_on_no_pair(alignment):
            found.setdefault(("left", left), []).append((right, (no_pair_head("right", right), note)))
            found.setdefault(("right", right), []).append((left, (no_pair_head("left", left), note)))
        return {statement: [said for _, said in sorted(notes)] for statement, notes in found.items()}

    def swapped(self) -> Decisions:
        """The same decisions with the sides exchanged."""

        def flip_note(key: NoteKey) -> NoteKey:
            if key[0] == "pair":
                return ("pair", key[2], key[1])
            return (other_side(key[0]), key[1])

        return Decisions(
            links=_frozen({(right, left): kind for (left, right), kind in self.links.items()}),
            unlinks=frozenset((right, left) for left, right in self.unlinks),
            unique=frozenset((other_side(side), i) for side, i in self.unique),
            notes=_frozen({flip_note(k): v for k, v in self.notes.items()}),
        )

    def apply(self, alignment: Alignment, evidence: Evidence | None = None) -> Alignment:
        """``alignment`` with these decisions laid over it. Pairs made by hand take their
        scores from ``evidence`` when it is given (0 otherwise) and are flagged ``manual``."""
        if not (self.links or self.unlinks or self.unique):
            return alignment
        model = {(p.left, p.right): p for p in alignment.pairs}
        kept = [
            pair
            for key, pair in model.items()
            if key not in self.unlinks
            and key not in self.links
            and ("left", pair.left) not in self.unique
            and ("right", pair.right) not in self.unique
        ]
        sizes = (len(alignment.left), len(alignment.right))
        settings = AlignmentSettings(**alignment.settings)
        made = [
            _manual_pair(model.get(key), key, kind, evidence, settings)
            for key, kind in self.links.items()
            if key[0] < sizes[0] and key[1] < sizes[1]
        ]
        pairs = sorted(kept + made, key=lambda p: (p.left, p.right))
        return replace(alignment, pairs=tuple(pairs))


def no_pair_head(other: Side, index: int) -> str:
    """What a note on a pair that is no pair now is, said with the statement paired with
    ``other``'s statement ``index``: "note on the pair with R1 (no pair now)"."""
    return f"note on the pair with {statement_ref(other, index)} (no pair now)"


def no_pair_note(other: Side, index: int, note: str) -> str:
    """``no_pair_head`` with its note, as the app's strip says it."""
    return f"{no_pair_head(other, index)}: {note}"


def records(decisions: Decisions) -> dict[str, list[dict]]:
    """The decisions as JSON-ready lists, in a stable order (for session files and reports)."""
    notes = []
    for key, text in sorted(decisions.notes.items(), key=lambda item: repr(item[0])):
        if key[0] == "pair":
            notes.append({"on": "pair", "left": key[1], "right": key[2], "text": text})
        else:
            notes.append({"on": key[0], "index": key[1], "text": text})
    return {
        "links": [
            {"left": left, "right": right, "kind": kind.value}
            for (left, right), kind in sorted(decisions.links.items())
        ],
        "unlinks": [{"left": left, "right": right} for left, right in sorted(decisions.unlinks)],
        "unique": [{"side": s, "index": i} for s, i in sorted(decisions.unique)],
        "notes": notes,
    }


def _manual_pair(
    proposed: Counterpart | None,
    key: PairKey,
    kind: Kind,
    evidence: Evidence | None,
    settings: AlignmentSettings,
) -> Counterpart:
    if proposed is not None:
        reason = "kind set by hand" if proposed.kind is not kind else "confirmed by hand"
        return replace(proposed, kind=kind, manual=True, reason=f"{reason}; model: {proposed.reason}")
    left, right = key
    if evidence is None or not len(evidence.left) or not len(evidence.right):
        return Counterpart(left, right, 0.0, kind, 0.0, 0.0, (), "linked by hand", True)
    from readout_tui.core.engine.decision import scored_pair  # numpy, only once there is evidence

    return replace(scored_pair(evidence, left, right, settings), kind=kind, reason="linked by hand", manual=True)


def _frozen(mapping: dict) -> Mapping:
    return MappingProxyType(mapping)


Step = tuple[str, Decisions]
"""An edit in the journal: its name, and the decisions on the other side of it."""


@dataclass
class Journal:
    """The current decisions and the way back and forth through their edits."""

    current: Decisions = field(default_factory=Decisions)
    _undo: list[Step] = field(default_factory=list)
    _redo: list[Step] = field(default_factory=list)

    @classmethod
    def resumed(cls, current: Decisions, undo: Sequence[Step] = (), redo: Sequence[Step] = ()) -> Journal:
        """A journal that goes on from saved steps (oldest first, as ``undo_steps`` gives)."""
        return cls(current, list(undo), list(redo))

    @property
    def undo_steps(self) -> tuple[Step, ...]:
        """What undo would step back through, oldest first: each edit and the decisions before it."""
        return tuple(self._undo)

    @property
    def redo_steps(self) -> tuple[Step, ...]:
        """What redo would step forward through, the last one first."""
        return tuple(self._redo)

    def record(self, what: str, decisions: Decisions) -> None:
        """Make ``decisions`` current; ``what`` names the edit for undo's message."""
        if decisions == self.current:
            return
        self._undo.append((what, self.current))
        self._redo.clear()
        self.current = decisions

    def undo(self) -> str | None:
        """Step back one edit; returns its name, None when there is nothing to undo."""
        if not self._undo:
            return None
        what, previous = self._undo.pop()
        self._redo.append((what, self.current))
        self.current = previous
        return what

    def redo(self) -> str | None:
        if not self._redo:
            return None
        what, following = self._redo.pop()
        self._undo.append((what, self.current))
        self.current = following
        return what
