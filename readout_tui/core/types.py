"""The domain objects: readouts, their statements, and the alignment between two readouts.

Everything here is plain data (frozen dataclasses), shared by the engine, the CLI and the app.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from operator import attrgetter
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Sequence

    from readout_tui.core.engine.attribution import Attribution
    from readout_tui.core.engine.coverage import LanguageCheck

Side = Literal["left", "right"]
"""One of the two readouts: the comparison's left or right one (in the app, a pane's)."""

SIDES: tuple[Side, Side] = ("left", "right")


def other_side(side: Side) -> Side:
    return "right" if side == "left" else "left"


def statement_ref(side: Side, index: int) -> str:
    """"L3" / "R5": statement ``index`` (0-based) of ``side`` as people read it, 1-based."""
    return f"{side[0].upper()}{index + 1}"


@dataclass(frozen=True)
class Statement:
    """One statement of a readout, in reading order."""

    index: int
    """0-based position in the readout."""
    text: str
    """The statement as the user wrote it (whitespace-normalised, otherwise untouched)."""


@dataclass(frozen=True)
class Readout:
    """One side's account of the event, split into statements."""

    label: str
    """Who published it, e.g. "Israeli PMO" or "Kremlin"."""
    statements: tuple[Statement, ...]
    source: str = ""
    """Where it was read from: a path, "-" for standard input, or "" when built in memory."""
    encoding: str = "utf-8"
    """The encoding the source was decoded with."""

    @property
    def texts(self) -> list[str]:
        return [s.text for s in self.statements]

    def __len__(self) -> int:
        return len(self.statements)


@dataclass(frozen=True)
class CaseInfo:
    """What a case folder's ``meta.json`` (or a web page) says about the event; all optional."""

    title: str = ""
    date: str = ""
    sources: tuple[str, ...] = ()
    side_sources: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    """Where each side's account was read (``meta.json``'s ``sources_by_side``): left, right."""
    article: Attribution | None = None
    """When both accounts come from one article: how its statements were attributed."""


class Kind(str, Enum):
    """How two counterpart statements relate."""

    MATCH = "match"
    """Both say essentially the same thing."""
    RELATED = "related"
    """The same specific point, told differently or with opposing positions."""

    @property
    def label(self) -> str:
        """The kind's name wherever a person reads it (JSON keeps the values above)."""
        return "same" if self is Kind.MATCH else "told differently"


@dataclass(frozen=True)
class Counterpart:
    """A link between a statement on the left and one on the right."""

    left: int
    right: int
    score: float
    """The combined evidence the alignment decided on (see ``AlignmentSettings``)."""
    kind: Kind
    cosine: float
    """Cosine similarity of the two statements' vectors ("meaning"), one of the two halves of
    ``score``: the mean of the cosine of their texts as written and of their texts without
    the names several statements share (``alignment.statement_vectors``)."""
    lexical: float
    """Weighted overlap of distinctive words, 0..1."""
    shared_terms: tuple[str, ...] = ()
    """The distinctive words both statements use, most telling first."""
    reason: str = ""
    """Why the pair was made, in a few words a user can read."""
    manual: bool = False
    """True when the analyst made or re-kinded this pair by hand (see ``core.decisions``)."""
    confidence: float | None = None
    """How often pairs scored like this one were counterparts in annotated readouts of calls
    the scorer had not seen, 0..1 (see ``engine.scorer``); None when no learned scorer judged it."""

    @classmethod
    def made(
        cls, left: int, right: int, score: float, kind: Kind, cosine: float, lexical: float,
        shared_terms: tuple[str, ...], reason: str, manual: bool, confidence: float | None,
    ) -> Counterpart:
        """The same pair as the constructor makes, without the frozen dataclass's
        ``object.__setattr__`` per field: the engine makes ~100,000 at 10,000 statements a
        side, and those calls weighed (docs/performance.md)."""
        pair = object.__new__(cls)
        pair.__dict__.update(
            left=left, right=right, score=score, kind=kind, cosine=cosine, lexical=lexical,
            shared_terms=shared_terms, reason=reason, manual=manual, confidence=confidence,
        )
        return pair


class Status(str, Enum):
    """What a single statement has on the other side."""

    MATCH = "match"
    RELATED = "related"
    UNIQUE = "unique"

    @property
    def glyph(self) -> str:
        """"=" the other side says the same, "≈" it tells the point differently, "∅" only this
        side says it: the status reads without colour, in the app and in the reports."""
        return _GLYPHS[self]


_GLYPHS = {Status.MATCH: "=", Status.RELATED: "≈", Status.UNIQUE: "∅"}


_score = attrgetter("score")


def _status_of(pairs: Sequence[Counterpart]) -> Status:
    """A statement's status from its pairs: matched if any pair is the same point told alike."""
    if not pairs:
        return Status.UNIQUE
    return Status.MATCH if any(p.kind is Kind.MATCH for p in pairs) else Status.RELATED


@dataclass(frozen=True)
class Alignment:
    """The result of comparing two readouts."""

    left: Readout
    right: Readout
    pairs: tuple[Counterpart, ...]
    model: str
    """The embedding model used, or a note that only lexical evidence was used."""
    semantic: bool = True
    """False when no embeddings were available and only lexical evidence decided."""
    settings: dict = field(default_factory=dict)
    """The knobs the alignment ran with, for reports."""
    languages: LanguageCheck | None = None
    """Each side's language and whether the model covers it; None when not checked."""

    @cached_property
    def _by_statement(self) -> dict[tuple[Side, int], list[Counterpart]]:
        """Each statement's pairs, best first: built once, so looking a statement up costs
        nothing even with thousands of pairs (the app does it for every row it draws)."""
        found: dict[tuple[str, int], list[Counterpart]] = {}
        # Gathered in the pairs' own order, then each statement's few sorted: the same lists as
        # sorting all pairs first (the sort is stable), without visiting ~100,000 pairs in score
        # order, scattered in memory (docs/performance.md, eleventh round).
        for pair in self.pairs:
            found.setdefault(("left", pair.left), []).append(pair)
            found.setdefault(("right", pair.right), []).append(pair)
        for pairs in found.values():
            if len(pairs) > 1:
                pairs.sort(key=_score, reverse=True)  # stable: equal scores keep their order
        return found

    def counterparts(self, side: Side, index: int) -> list[Counterpart]:
        """The pairs that statement ``index`` of ``side`` ("left"/"right") belongs to, best first."""
        return list(self._by_statement.get((side, index), ()))

    def partners(self, side: Side, index: int) -> list[int]:
        """The other side's statements paired with statement ``index`` of ``side``, best first."""
        far = other_side(side)
        return [getattr(pair, far) for pair in self._by_statement.get((side, index), ())]

    def status(self, side: Side, index: int) -> Status:
        return _status_of(self._by_statement.get((side, index), ()))

    def standing(self, side: Side) -> list[tuple[Status, list[int]]]:
        """``status`` and ``partners`` of every statement of ``side``, in order, from one look-up
        each: a report of thousands of statements asks for both."""
        readout = self.left if side == "left" else self.right
        found, partner = self._by_statement, attrgetter(other_side(side))
        out: list[tuple[Status, list[int]]] = []
        for s in readout.statements:
            pairs = found.get((side, s.index), ())
            out.append((_status_of(pairs), list(map(partner, pairs))))
        return out

    def unique(self, side: Side) -> list[int]:
        return list(self._unique[side])

    @cached_property
    def _unique(self) -> dict[Side, tuple[int, ...]]:
        """``unique`` of each side, made once: a report asks for it several times (its
        summary, each side's coverage)."""
        found = self._by_statement
        return {
            side: tuple(s.index for s in readout.statements if (side, s.index) not in found)
            for side, readout in (("left", self.left), ("right", self.right))
        }

    def coverage(self, side: Side) -> float:
        """Share of ``side``'s statements that have a counterpart, 0..1."""
        readout = self.left if side == "left" else self.right
        if not len(readout):
            return 0.0
        return 1 - len(self.unique(side)) / len(readout)
