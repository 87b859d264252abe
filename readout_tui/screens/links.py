"""Lookups the screen makes on every cursor move, over an alignment."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from readout_tui.core.types import Alignment, Counterpart, Kind, Status

SIDES = ("left", "right")


def other(side: str) -> str:
    return "right" if side == "left" else "left"


@dataclass(frozen=True)
class Links:
    """Each statement's counterparts and many-to-one group, on both sides."""

    alignment: Alignment

    @classmethod
    def of(cls, alignment: Alignment) -> Links:
        return cls(alignment)

    def counterparts(self, side: str, index: int) -> list[Counterpart]:
        return self.alignment.counterparts(side, index)

    def partners(self, side: str, index: int) -> list[int]:
        """The other side's statements paired with ``index``, best first."""
        return [getattr(p, other(side)) for p in self.counterparts(side, index)]

    def status(self, side: str, index: int) -> Status:
        return self.alignment.status(side, index)

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
        return len(self.alignment.unique(side))

    def coverage(self, side: str) -> float:
        return self.alignment.coverage(side)
