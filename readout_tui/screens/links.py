"""An alignment indexed by statement, for the screen to look up on every cursor move.

``Alignment.counterparts`` and ``Alignment.status`` scan every pair on each call; with
thousands of statements per side and a lookup per rendered row that is quadratic, so the
screen builds this index once per decision instead.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from readout_tui.core.model import Alignment, Counterpart, Kind, Status

SIDES = ("left", "right")


def other(side: str) -> str:
    return "right" if side == "left" else "left"


@dataclass(frozen=True)
class Links:
    """Each statement's counterparts, best first, on both sides."""

    alignment: Alignment
    by_side: dict[str, dict[int, list[Counterpart]]]

    @classmethod
    def of(cls, alignment: Alignment) -> Links:
        by_side: dict[str, dict[int, list[Counterpart]]] = {side: {} for side in SIDES}
        for pair in sorted(alignment.pairs, key=lambda p: -p.score):
            for side in SIDES:
                by_side[side].setdefault(getattr(pair, side), []).append(pair)
        return cls(alignment, by_side)

    def counterparts(self, side: str, index: int) -> list[Counterpart]:
        return self.by_side[side].get(index, [])

    def partners(self, side: str, index: int) -> list[int]:
        """The other side's statements paired with ``index``, best first."""
        return [getattr(p, other(side)) for p in self.counterparts(side, index)]

    def status(self, side: str, index: int) -> Status:
        kinds = {p.kind for p in self.counterparts(side, index)}
        if Kind.MATCH in kinds:
            return Status.MATCH
        return Status.RELATED if kinds else Status.UNIQUE

    def siblings(self, side: str, index: int) -> set[int]:
        """Statements on ``side`` that share a counterpart with ``index`` (a many-to-one group)."""
        found = {
            sibling
            for partner in self.partners(side, index)
            for sibling in self.partners(other(side), partner)
        }
        return found - {index}

    def kind_counts(self) -> Counter[Kind]:
        return Counter(p.kind for p in self.alignment.pairs)

    def unique_count(self, side: str) -> int:
        readout = getattr(self.alignment, side)
        return len(readout) - len(self.by_side[side])

    def coverage(self, side: str) -> float:
        readout = getattr(self.alignment, side)
        return len(self.by_side[side]) / len(readout) if len(readout) else 0.0
