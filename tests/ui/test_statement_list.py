"""The statement list itself: wrapping long statements, measuring rows, the mouse."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from textual.content import Content

from readout_tui.core.io.display import printable
from readout_tui.core.io.loading import load_comparison
from readout_tui.testing import HOSTILE, comparison_of, ready
from readout_tui.widgets.statement_list import wrapped_height

LONG = (
    "The two leaders discussed at considerable length the grain corridor through the Black Sea"
    " ports, the exchange of prisoners of war, and the safety of the nuclear power plant, and"
    " agreed that their teams would meet again before the end of the month."
)
TEXTS = [
    *HOSTILE,
    LONG,
    "Short.",
    "",
    "   leading and   inner   spaces   ",
    "inner   spaces,  trailing ones   and a-hyphenated, well-punctuated (parenthesised) clause.  ",
    "x y z " * 30,
    "A supercalifragilisticexpialidociouslylongwordthatcannotfitanywhere in a narrow pane.",
    "Путин и Нетаньяху обсудили ситуацию в секторе Газа и освобождение заложников.",
    "中文句子没有空格所以整句是一个很长的词需要折行显示" * 3,
    "Mixed 中文 and English, with wide 字符 between words and a tab\tand a newline\nhere.",
    "Bracketed [bold]markup[/] and → arrows, ≈ and ∅ glyphs.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_measuring_agrees_with_textual_wrapping(text):
    """The list measures rows itself (fast); wherever it gives a height it must be Textual's."""
    text = printable(text)
    for width in range(1, 100):
        measured = wrapped_height(text, width)
        if measured is not None:  # None: a word is folded, and Textual measures the row
            assert measured == Content(text).get_height({}, width), width


def drawn_lines(pane) -> list[str]:
    return [pane.render_line(y).text.rstrip() for y in range(pane.content_size.height)]


async def test_long_statements_wrap_under_their_text_at_80x24(make_app):
    app = make_app(comparison_of([LONG, "Second statement."], ["Other side.", LONG]))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        left = screen.pane("left")
        lines = drawn_lines(left)
        second = next(y for y, line in enumerate(lines) if line.startswith("2 "))
        assert lines[0].startswith("1 ") and second > 1, lines
        for continuation in lines[1:second]:
            assert continuation.startswith("    ") and continuation.strip(), continuation
        text = " ".join(line[4:].strip() for line in lines[:second])
        assert text.startswith("The two leaders") and "the end of the month." in text
        assert max(len(line) for line in lines) <= left.content_size.width


async def test_clicking_a_wrapped_row_selects_its_statement(make_app):
    app = make_app(comparison_of([LONG, "Second statement.", LONG], ["Other side."]))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        left = screen.pane("left")
        lines = drawn_lines(left)
        second = next(y for y, line in enumerate(lines) if line.startswith("2 "))
        assert second >= 3, "the first statement wraps"
        # Offsets are from the pane's corner: one more than the line, for the border.
        for line, statement in [(second + 2, 2), (second, 1), (2, 0), (second + 1, 2)]:
            await pilot.click(left, offset=(20, 1 + line))
            assert left.current == statement, line
        await pilot.click(left, offset=(20, left.content_size.height))  # under the last row
        assert left.current == 2


async def test_a_row_measured_wrong_takes_its_drawn_height(make_app, monkeypatch):
    from readout_tui.widgets import statement_list

    monkeypatch.setattr(statement_list, "wrapped_height", lambda text, width: 1)
    app = make_app(comparison_of([LONG, "Second statement."], ["Other side."]))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.pause()
        lines = drawn_lines(screen.pane("left"))
        second = next(y for y, line in enumerate(lines) if line.startswith("2 "))
        assert second > 1 and lines[second].endswith("Second statement.")
        assert lines[second - 1].endswith("month.")  # the first statement's last line, whole


async def test_rows_rewrap_when_their_partners_change(make_app, monkeypatch):
    """New marks keep the heights of rows whose partners stay and re-measure the rest: no row
    needs its drawn height to correct a stale one."""
    from readout_tui.core.types import Status
    from readout_tui.widgets.statement_list import Mark, StatementList

    corrected = []
    monkeypatch.setattr(StatementList, "_correct", lambda self, row, height: corrected.append(row))
    app = make_app(comparison_of(["x"], ["Other side."]))
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await ready(pilot)
        pane = screen.pane("left")
        # A statement that just fills a line (gutter "1 ·  " and a padding cell aside).
        words = ["word"] * ((pane.content_size.width - 6) // 5)
        statements = (dataclasses.replace(pane.statements[0], text=" ".join(words)),)
        pane.show(statements, {}, [0])
        await pilot.pause()
        assert len(drawn_lines(pane)[1].strip()) == 0
        pane.show(statements, {0: Mark(Status.MATCH, (0, 1, 2))}, [0])
        await pilot.pause()
        lines = drawn_lines(pane)
        assert lines[1].strip().endswith("→1, 2, 3") and corrected == []


async def test_a_wrapped_partner_list_breaks_after_a_comma(make_app, fix_pairs):
    """At threshold 0.00 the real model pairs every statement of this case with every one of
    the other side (168 pairs): the lists of their numbers wrap, and no line of them may start
    with a comma."""
    fix_pairs([{"left": i, "right": j, "kind": "diverge", "why": ""} for i in range(12) for j in range(14)])
    case = Path(__file__).resolve().parents[2] / "fixtures" / "trump-putin-2025-03-18"
    app = make_app(load_comparison([str(case)], "lines"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        for width in range(70, 100, 2):
            await pilot.resize_terminal(width, 24)
            await pilot.pause()
            for side in ("left", "right"):
                lines = [line[5:].strip() for line in drawn_lines(screen.pane(side))]
                assert any("→" in line for line in lines), lines
                assert not [line for line in lines if line.startswith(",")], (width, lines)
