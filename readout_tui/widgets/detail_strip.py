"""The strip under the panes: the selected statement and its counterpart, word by word."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from readout_tui.core.engine.words import stems, words
from readout_tui.core.io.display import printable
from readout_tui.core.types import Counterpart, Status

from .statement_list import GLYPH_STYLES, GLYPHS
from .text import HangingIndent

SHARED_STYLE = "underline $text-success"
DIFFERS_STYLE = "bold $text-warning"
SHARED_WEIGHT = 0.25
DIFFERS_WEIGHT = 0.7
"""Words are marked by their weight (see ``TermTable``) as a share of the weight of a word used
once. A shared word needs a little weight ("the" has almost none); a word the other side lacks
needs a lot, because only rare words are telling: common ones are the genre's vocabulary
("with", the leaders' titles), not a difference."""
CONTENT_WORD_LENGTH = 6
"""In a pair of short readouts every word is rare, "their" included, so weight alone would mark
grammar as a difference. Words this long (as long as the engine's stems), numbers, names
(capitalised inside the sentence) and words of scripts without letter case are marked."""
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Side:
    """One statement as the strip shows it."""

    label: str
    number: int
    """1-based, as in the panes."""
    text: str


@dataclass(frozen=True)
class Detail:
    """Everything the strip shows; built by the screen from the alignment."""

    focus: Side
    headline: Content
    """The pair (or the lack of one), its scores and why it was made."""
    partner: Side | None = None
    weights: Mapping[str, float] | None = None
    """Word-stem weights of the comparison; None while no evidence is known (no highlighting)."""


def compare_words(text: str, other_text: str, weights: Mapping[str, float]) -> Content:
    """``text`` with the words ``other_text`` shares marked, and its distinctive words that
    ``other_text`` lacks marked differently. Words are compared by stem, as the engine does.

    Two texts without a word in common (an original and its translation, say) are left
    unmarked: every word would "differ", which says nothing."""
    if not shares_words(text, other_text):
        return Content(printable(text))
    other_stems = _stems_of(other_text)
    top = max(weights.values(), default=0.0)
    content = Content(printable(text))
    plain = content.plain
    for start, end, token in _tokens(plain):
        if not _telling(token, plain[start:end], start):
            continue
        keys = stems(token)
        weight = max(weights.get(key, 0.0) for key in keys)
        if other_stems.intersection(keys):
            if weight >= SHARED_WEIGHT * top:
                content = content.stylize(SHARED_STYLE, start, end)
        elif token.isdigit() or weight >= DIFFERS_WEIGHT * top:
            content = content.stylize(DIFFERS_STYLE, start, end)
    return content


def _stems_of(text: str) -> set[str]:
    return {key for word in words(text) for key in stems(word)}


def shares_words(text: str, other_text: str) -> bool:
    return not _stems_of(text).isdisjoint(_stems_of(other_text))


def _telling(token: str, original: str, start: int) -> bool:
    """Could this word carry meaning of its own (see ``CONTENT_WORD_LENGTH``)?"""
    return (
        len(token) >= CONTENT_WORD_LENGTH
        or token.isdigit()
        or token.upper() == token.lower()
        or (start > 0 and original[:1].isupper())
    )


def _tokens(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) for the words of ``text`` as ``lexical.words`` sees them."""
    for match in _WORD.finditer(text):
        tokens = words(match.group())
        if len(tokens) == 1:
            yield match.start(), match.end(), tokens[0]
        else:
            # A CJK run comes back as overlapping bigrams, one per character offset.
            for offset, token in enumerate(tokens):
                start = match.start() + offset
                yield start, start + len(token), token


def legend() -> Content:
    return Content.assemble(("shared", SHARED_STYLE), " ", ("differs", DIFFERS_STYLE))


def pair_headline(pair: Counterpart, focus: str, partner: str, rank: int, count: int) -> Content:
    """E.g. "L3 ≈ R5  told differently · 1 of 2 · score 0.31 · meaning 0.41 · shared words
    0.22 · (terrorist, stressed)": the score, then what it is made of (the pair's reason)."""
    status = Status(pair.kind.value)
    glyph, style = GLYPHS[status], GLYPH_STYLES[status]
    parts = [
        Content.assemble(f"{focus} ", (glyph, style), f" {partner}  ", (pair.kind.label, style)),
        Content(f"{rank} of {count}") if count > 1 else None,
        Content(f"score {pair.score:.2f}"),
        Content(printable(pair.reason)) if pair.reason else None,
    ]
    return Content(" · ").join(p for p in parts if p is not None)


class DetailStrip(VerticalScroll, can_focus=False):
    """Headline, then the focused statement and its partner with word-level marks."""

    def compose(self) -> ComposeResult:
        yield Static(id="detail-head", markup=False)
        yield Static(id="detail-focus", markup=False)
        yield Static(id="detail-partner", markup=False)

    def show(self, detail: Detail | None) -> None:
        head, focus, partner = (
            self.query_one(f"#detail-{name}", Static) for name in ("head", "focus", "partner")
        )
        if detail is None:
            head.update(Content("No statement selected."))
            focus.update("")
            partner.update("")
            return
        head.update(self._headline(detail))
        sides = [detail.focus] + ([detail.partner] if detail.partner else [])
        width = max(len(_gutter(s)) for s in sides)
        focus.update(self._line(detail.focus, detail.partner, detail.weights, width))
        if detail.partner is not None:
            partner.update(self._line(detail.partner, detail.focus, detail.weights, width))
        partner.display = detail.partner is not None

    @staticmethod
    def _headline(detail: Detail) -> Content:
        if not detail.weights or detail.partner is None:
            return detail.headline
        if not shares_words(detail.focus.text, detail.partner.text):
            return detail.headline + "   " + Content.styled("no words in common", "dim")
        return detail.headline + "   " + legend()

    @staticmethod
    def _line(side: Side, other: Side | None, weights, width: int) -> HangingIndent:
        if other is not None and weights is not None:
            body = compare_words(side.text, other.text, weights)
        else:
            body = Content(printable(side.text))
        gutter = Content.styled(_gutter(side).ljust(width), "bold")
        return HangingIndent(gutter, body)


def _gutter(side: Side) -> str:
    label = printable(side.label)
    label = label if len(label) <= 18 else label[:17] + "…"
    return f"{label} {side.number} "


