"""The aligned layout: every pair on one row, every statement shown, gaps where a side is silent."""

from __future__ import annotations

from readout_tui.core.types import Alignment, Counterpart, Kind
from readout_tui.core.work.aligned import AlignedRow, aligned_rows
from readout_tui.testing import comparison_of


def alignment(left: int, right: int, pairs: list[tuple[int, int]]) -> Alignment:
    c = comparison_of([f"left {i}." for i in range(left)], [f"right {j}." for j in range(right)])
    made = tuple(Counterpart(i, j, 0.9, Kind.MATCH, 0.9, 0.9) for i, j in pairs)
    return Alignment(c.left, c.right, made, "test")


def cells(rows: list[AlignedRow]) -> list[tuple[int | None, int | None]]:
    return [(row.left, row.right) for row in rows]


def test_pairs_share_a_row_and_a_silent_side_leaves_a_gap():
    rows = aligned_rows(alignment(4, 4, [(0, 0), (2, 1), (3, 3)]))
    assert cells(rows) == [(0, 0), (1, None), (2, 1), (None, 2), (3, 3)]
    assert all(row.pair is not None for row in rows if row.left is not None and row.right is not None)


def test_right_unique_statements_follow_the_statement_before_them_even_at_the_start():
    rows = aligned_rows(alignment(2, 4, [(0, 2), (1, 3)]))
    assert cells(rows) == [(None, 0), (None, 1), (0, 2), (1, 3)]


def test_a_statement_with_several_partners_stands_on_each_of_their_rows_marked_again():
    rows = aligned_rows(alignment(2, 2, [(0, 0), (0, 1), (1, 0)]))
    assert cells(rows) == [(0, 0), (0, 1), (1, 0)]
    assert [row.again for row in rows] == [(False, False), (True, False), (False, True)]


def test_crossed_pairs_keep_their_row_and_every_statement_appears():
    rows = aligned_rows(alignment(3, 3, [(0, 2), (2, 0)]))
    assert cells(rows) == [(0, 2), (1, None), (2, 0), (None, 1)]
    assert {r.left for r in rows} - {None} == {0, 1, 2}
    assert {r.right for r in rows} - {None} == {0, 1, 2}
