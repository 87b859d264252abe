"""The strip under the panes: the selected statement and its counterpart, word by word."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import var
from textual.widgets import Static

from readout_tui.core.io.display import printable
from readout_tui.core.types import Counterpart, Status, statement_ref
from readout_tui.core.work.workspace import Detail, PairShown, Pending, ShownStatement, UniqueShown, Verdict

from .statement_list import GLYPH_STYLES
from .text import HangingIndent

if TYPE_CHECKING:
    from readout_tui.core.engine.explain import WordSpan

WORD_STYLES = {"shared": "underline $text-success", "differs": "bold $text-warning"}


def legend() -> Content:
    # One word to the wrapping: a long headline moves the key to the next line whole, where a
    # space let "differs" start a line of its own.
    return Content.assemble(("shared", WORD_STYLES["shared"]), "/", ("differs", WORD_STYLES["differs"]))


def marked_words(text: str, spans: Sequence[WordSpan]) -> Content:
    """``text`` made printable, its words styled as ``spans`` (offsets into ``text``) say."""
    shown = printable(text)
    if not spans:
        return Content(shown)
    # printable() replaces character by character: a span moves by what came before it.
    at = [0, *accumulate(len(printable(character)) for character in text)]
    content = Content(shown)
    for span in spans:
        content = content.stylize(WORD_STYLES[span.kind], at[span.start], at[span.end])
    return content


def pair_headline(pair: Counterpart, focus: str, partner: str, rank: int, count: int) -> Content:
    """E.g. "L3 ≈ R5  told differently · 1 of 2 · score 0.31 · meaning 0.41 · shared words
    0.22 · (terrorist, stressed)": the score, then what it is made of (the pair's reason)."""
    status = Status(pair.kind.value)
    style = GLYPH_STYLES[status]
    parts = [
        Content.assemble(f"{focus} ", (status.glyph, style), f" {partner}  ", (pair.kind.label, style)),
        Content(f"{rank} of {count}") if count > 1 else None,
        Content(f"score {pair.score:.2f}"),
        Content(printable(pair.reason)) if pair.reason else None,
    ]
    return Content(" · ").join(p for p in parts if p is not None)


def unique_headline(detail: UniqueShown) -> Content:
    """E.g. "L4 ∅ unique to Israeli PMO · nearest: R3 scores 0.21, under the threshold 0.26";
    for a statement the analyst took the pair from, which decision did: "· its pair with R1
    (score 0.67) was removed by hand". Scores with two decimals, as everywhere."""
    focus = detail.focus
    head = Content.assemble(
        f"{focus.ref} ",
        (Status.UNIQUE.glyph, GLYPH_STYLES[Status.UNIQUE]),
        f" unique to {printable(focus.label)}",
    )
    nearest = detail.nearest
    if nearest is None:
        return head
    score, threshold = detail.score, detail.threshold
    if detail.verdict is Verdict.REMOVED:
        return head + f" · its pair with {nearest.ref} (score {score:.2f}) was removed by hand"
    if detail.verdict is Verdict.PARTNER_MARKED:
        return head + (
            f" · its pair with {nearest.ref} (score {score:.2f}) went when {nearest.ref} was marked unique by hand"
        )
    if detail.verdict is Verdict.MARKED:
        return head + f" · marked unique by hand; nearest: {nearest.ref} scores {score:.2f}"
    if detail.verdict is Verdict.UNDER:
        doubt = "" if detail.doubt is None else f" · doubtful: confidence {detail.doubt:.2f} that it has this partner"
        return head + f" · nearest: {nearest.ref} scores {_under(score, threshold)}{doubt}"
    # The two-step rule: it reaches the threshold with one statement, but the partner that
    # fits best by topic does not; that one is named, with its own score.
    fit = "" if detail.best_fit is None else statement_ref(nearest.side, detail.best_fit)
    if not fit or fit == nearest.ref:
        return head + f" · nearest: {nearest.ref} scores {score:.2f} (the threshold is {threshold:.2f})"
    return head + (
        f" · nearest: {nearest.ref} scores {score:.2f}, but {fit}, the partner that fits best by topic,"
        f" scores {_under(detail.best_fit_score, threshold)}"
    )


def _under(score: float, threshold: float) -> str:
    """"0.21, under the threshold 0.26"; "0.26, just under the threshold 0.26" when two
    decimals round the two alike."""
    just = "just " if f"{score:.2f}" == f"{threshold:.2f}" else ""
    return f"{score:.2f}, {just}under the threshold {threshold:.2f}"


def headline(detail: Detail) -> Content:
    """The pair (or the lack of one), its scores and why it was made; then the key to the
    words' marks."""
    if isinstance(detail, Pending):
        return Content.styled(f"{detail.focus.ref} · waiting for the comparison", "dim")
    if isinstance(detail, PairShown):
        pair = detail.pair
        head = pair_headline(pair, detail.focus.ref, detail.partner.ref, detail.rank, detail.count)
        if detail.siblings:
            # Why rows of the focus's own pane are shaded: they share this partner.
            refs = ", ".join(statement_ref(detail.focus.side, i) for i in detail.siblings)
            head += f" · {detail.partner.ref} also pairs with {refs} (shaded)"
    else:
        head = unique_headline(detail)
    if detail.in_common is None or _second(detail) is None:
        return head
    if not detail.in_common:
        return head + "   " + Content.styled("no words in common", "dim")
    return head + "   " + legend()


def _second(detail: Detail) -> ShownStatement | None:
    """The statement shown under the focused one: its counterpart, or its nearest miss."""
    if isinstance(detail, PairShown):
        return detail.partner
    if isinstance(detail, UniqueShown):
        return detail.nearest
    return None


class DetailStrip(VerticalScroll, can_focus=False):
    """Headline, what the analyst decided, then the focused statement and its partner with
    word-level marks. The screen sets ``detail`` and ``work``."""

    detail: var[Detail | None] = var(None, init=False, always_update=True)
    """The statement under the cursor, as the workspace describes it; None: no statement."""
    work: var[Content] = var(Content(""), init=False, always_update=True)
    """The line about the analyst's work on it (decisions, notes, a link being made)."""
    nothing = "No statement selected."
    """What the strip says with no statement under the cursor: the screen says why, when it
    knows (a filter that leaves the pane empty)."""

    def compose(self) -> ComposeResult:
        yield Static(id="detail-head", markup=False)
        # Right under the headline: at 80x24 the strip has room for few lines, and a decision
        # placed after two wrapped texts would never be seen.
        yield Static(id="work-line", markup=False)
        yield Static(id="detail-focus", markup=False)
        yield Static(id="detail-partner", markup=False)

    def watch_work(self, work: Content) -> None:
        line = self.query_one("#work-line", Static)
        line.update(work)
        line.display = bool(work.plain)
        self._fit()

    def watch_detail(self, detail: Detail | None) -> None:
        head, focus, partner = (
            self.query_one(f"#detail-{name}", Static) for name in ("head", "focus", "partner")
        )
        if detail is None:
            head.update(Content(self.nothing))
            focus.update("")
            partner.update("")
            return
        head.update(headline(detail))
        second = _second(detail)
        partner.display = second is not None
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """The two statements, each cut (with "…") to a share of the rows left under the
        headline when both do not fit: a long statement pushed its partner out of the strip,
        where no key could scroll to it. The panes show both whole."""
        detail = self.detail
        if detail is None:
            return
        second = _second(detail)
        shown = [detail.focus] + ([second] if second else [])
        gutter = max(len(_gutter(s)) for s in shown)
        lines = [_line(statement, gutter) for statement in shown]
        width = self.content_region.width
        work = self.work.wrap(width) if width > 0 and self.work.plain else []
        if work:
            # A long note took every row and pushed the statements out of the strip, where no
            # key scrolls: cut to the rows that leave each statement two, the whole note in
            # its prompt (a, A).
            keep = max(1, self.content_region.height - len(headline(detail).wrap(width)) - 2 * len(lines))
            if len(work) > keep:
                work = work[:keep]
                work[-1] = work[-1].truncate(width - 1) + "\u2026"
                self.query_one("#work-line", Static).update(Content("\n").join(work))
            else:
                self.query_one("#work-line", Static).update(self.work)
        if width > 0 and len(lines) == 2:
            room = self.content_region.height - len(headline(detail).wrap(width)) - len(work)
            focus_lines, partner_lines = (line.lines(width) for line in lines)
            if focus_lines + partner_lines > room >= 2:
                # The partner gets at least half; a short partner leaves the rest to the focus.
                partner_lines = min(partner_lines, max(room // 2, room - focus_lines))
                lines = [_line(shown[0], gutter, room - partner_lines), _line(shown[1], gutter, partner_lines)]
        self.query_one("#detail-focus", Static).update(lines[0])
        if second is not None:
            self.query_one("#detail-partner", Static).update(lines[1])


def _line(statement: ShownStatement, width: int, max_lines: int | None = None) -> HangingIndent:
    gutter = Content.styled(_gutter(statement).ljust(width), "bold")
    return HangingIndent(gutter, marked_words(statement.text, statement.spans), max_lines)


def _gutter(statement: ShownStatement) -> str:
    # The reference, as the headline and the panes number it: a label cut to fit said less.
    return f"{statement.ref} "
