"""The two accounts as a diff tool lays them out: each pair on one row, a gap where one side is
silent.

The left account is the spine and reads in order: each of its statements takes a row per
partner (one row when it has none). A right statement stands on the row of each left statement
it pairs with; the right account's unique statements go right after the row of the right
statement before them, so that they sit among their neighbours. The right account then reads in
order wherever the two tell the call in the same order, and a pair that the other account tells
elsewhere still stands on one row; such a statement is marked as out of its place by the
reference it carries, never moved away from its partner.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from readout_tui.core.types import Alignment, Counterpart


@dataclass(frozen=True)
class AlignedRow:
    """One row: a pair, or one side's statement with a gap on the other."""

    left: int | None
    right: int | None
    pair: Counterpart | None
    again: tuple[bool, bool] = (False, False)
    """Whether the left / right statement already stood on an earlier row (it pairs with more
    than one statement on the other side)."""


def aligned_rows(alignment: Alignment) -> list[AlignedRow]:
    rows: list[AlignedRow] = []
    seen_right: set[int] = set()
    for index in range(len(alignment.left)):
        pairs = sorted(alignment.counterparts("left", index), key=lambda pair: pair.right)
        if not pairs:
            rows.append(AlignedRow(index, None, None))
        for number, pair in enumerate(pairs):
            rows.append(AlignedRow(index, pair.right, pair, (number > 0, pair.right in seen_right)))
            seen_right.add(pair.right)
    # Where each paired right statement last stands, to put the right's unique ones after it.
    last_row = {row.right: at for at, row in enumerate(rows) if row.right is not None}
    placed = sorted(last_row)
    after: dict[int, list[int]] = {}
    for index in alignment.unique("right"):
        before = bisect_left(placed, index)
        after.setdefault(last_row[placed[before - 1]] if before else -1, []).append(index)
    result = [AlignedRow(None, index, None) for index in after.get(-1, [])]
    for at, row in enumerate(rows):
        result.append(row)
        result += [AlignedRow(None, index, None) for index in after.get(at, [])]
    return result
