"""Publishing a comparison with the analyst's work: Markdown, HTML, CSV and JSON (and the plain
text report).

Every format carries the same things: a header (labels, date, sources, model, threshold,
statement counts, coverage, the two accounts' lengths), the divergence table analysts publish
(left statement | right statement | same / told differently | score | note), each side's
unique statements, and the names, numbers, dates and durations one side only mentions.
Decisions made by hand are marked as such in every format.

Statement text is data everywhere: HTML escapes it with ``html.escape``, CSV neutralises cells
a spreadsheet would run as a formula, Markdown escapes what would change the table, and the
control characters the text report shows as escapes are escaped here too.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from readout_tui.core.aside import Aside, chosen_method
from readout_tui.core.bulk import collector_paused
from readout_tui.core.engine.explain import WordSpan, word_spans
from readout_tui.core.engine.settings import AlignmentSettings
from readout_tui.core.engine.words import TermTable
from readout_tui.core.io import report
from readout_tui.core.io.display import printable
from readout_tui.core.types import Alignment, CaseInfo, Counterpart, Readout, other_side, statement_ref
from readout_tui.core.work.aligned import aligned_rows
from readout_tui.core.work.decisions import HAND, Decisions, records
from readout_tui.core.work.mentions import Mention, OneSided, one_sided

FORMATS = ("markdown", "html", "csv", "json", "text")
SUFFIXES = {
    ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".csv": "csv", ".json": "json",
    ".txt": "text",
}
"""What a file name's ending asks for; "text" is the text report of ``compare`` (``report.to_text``)."""
ENDINGS = {fmt: next(suffix for suffix, named in SUFFIXES.items() if named == fmt) for fmt in FORMATS}
"""The usual ending of each format's file name."""
BY_HAND = "by hand"
_FORMULA_START = ("=", "+", "-", "@")
"""Cells starting so, after any leading white space, are run as formulas by spreadsheets (CSV
injection): some skip the spaces, tabs and line breaks before the sign."""


FILE_ENCODINGS = {"csv": "utf-8-sig"}
"""Formats whose files have a byte-order mark: Excel reads a CSV file without one in the
system's legacy code page, and Cyrillic, Arabic or Hebrew come out as mojibake. Only files: the
report on standard output, in a pipe or a FIFO (``-o /dev/stdout``) goes to a program, for which
the mark would be a stray character before the first column's name."""


def write(path: Path | str, fmt: str, text: str) -> Path:
    """Write the export ``text`` (as ``fmt``) to the file the user named (``files.write_output``):
    with a byte-order mark where ``FILE_ENCODINGS`` says so, if it is a file."""
    from readout_tui.core.io.files import write_output

    return write_output(path, text, encoding=FILE_ENCODINGS.get(fmt, "utf-8"), stream_encoding="utf-8")


def format_of(path: Path | str) -> str | None:
    """The export format a file name asks for, by its suffix; None when it names none."""
    return SUFFIXES.get(Path(path).suffix.lower())


@dataclass(frozen=True)
class Row:
    """One line of the divergence table: a pair, or a statement with no counterpart."""

    left: int | None
    right: int | None
    relation: str
    """"same", "told differently" or "unique"."""
    score: float | None
    by_hand: bool
    note: str


@dataclass(frozen=True)
class Published:
    """Everything an export shows, gathered once for all the formats."""

    alignment: Alignment
    """With the decisions already applied."""
    info: CaseInfo
    decisions: Decisions
    mentions: OneSided

    @classmethod
    def of(
        cls, alignment: Alignment, info: CaseInfo, decisions: Decisions = Decisions(), mentions: OneSided | None = None
    ) -> Published:
        """``mentions``: ``one_sided`` of the alignment's readouts, when already found."""
        return cls(alignment, info, decisions, mentions or one_sided(alignment.left, alignment.right))

    @property
    def title(self) -> str:
        return self.info.title or f"{self.alignment.left.label} vs {self.alignment.right.label}"

    def pairs(self, no_pair: bool = True) -> list[Row]:
        """``no_pair``: the notes on pairs that are no pair now in their statements' notes."""
        return [self._pair_row(p, no_pair) for p in sorted(self.alignment.pairs, key=lambda p: (p.left, p.right))]

    def _pair_row(self, pair: Counterpart, no_pair: bool) -> Row:
        notes = [
            self.decisions.pair_note(pair.left, pair.right),
            _labelled("L", pair.left, self.statement_notes("left", pair.left, no_pair)),
            _labelled("R", pair.right, self.statement_notes("right", pair.right, no_pair)),
        ]
        note = "; ".join(n for n in notes if n)
        return Row(pair.left, pair.right, pair.kind.label, pair.score, pair.manual, note)

    def unique(self, side: str, no_pair: bool = True) -> list[Row]:
        rows = []
        for index in self.alignment.unique(side):
            by_hand = self.decisions.touches(side, index)
            note = self.statement_notes(side, index, no_pair)
            left, right = (index, None) if side == "left" else (None, index)
            rows.append(Row(left, right, "unique", None, by_hand, note))
        return rows

    def statement_notes(self, side: str, index: int, no_pair: bool = True) -> str:
        """The note on the statement, and with ``no_pair`` the notes on its pairs that are no
        pair now, as the app's strip says them ("note on the pair with R1 (no pair now): …")."""
        notes = [self.decisions.statement_note(side, index)]
        if no_pair:
            notes += [f"{head}: {note}" for head, note in self.notes_on_no_pair.get((side, index), ())]
        return "; ".join(n for n in notes if n)

    def notes_said(self, side: str, index: int) -> list[tuple[str, str]]:
        """The statement's notes as said beside it, (what it is, the note): ("note", …) for its
        own, then those on its pairs that are no pair now."""
        own = self.decisions.statement_note(side, index)
        return [("note", own)] * bool(own) + self.notes_on_no_pair.get((side, index), [])

    @cached_property
    def notes_on_no_pair(self) -> dict[tuple[str, int], list[tuple[str, str]]]:
        """See ``Decisions.notes_on_no_pair``: looked up for each statement, found once."""
        return self.decisions.notes_on_no_pair(self.alignment)

    def header(self) -> list[tuple[str, str]]:
        """(field, value) pairs, in the order every format shows them."""
        a, s = self.alignment, report.Summary.of(self.alignment)
        left_len, right_len = _length(a.left), _length(a.right)
        ratio = f"{left_len / right_len:.2f}" if right_len else "n/a"
        fields = [
            ("Left account", a.left.label),
            ("Right account", a.right.label),
            ("Date", self.info.date),
            *self._sources(),
            ("Languages", self._languages()),
            ("Encoding", self._encodings()),
            ("Model", report.model_line(a)),
            ("Threshold", f"{self._threshold():.2f}"),
            ("Statements", f"{a.left.label} {s.left_count}, {a.right.label} {s.right_count}"),
            ("Pairs", f"{s.matches} same, {s.related} told differently"),
            ("Coverage", f"{a.left.label} {s.left_coverage:.0%}, {a.right.label} {s.right_coverage:.0%}"),
            ("Length", f"{left_len} vs {right_len} characters, ratio {ratio} (left / right)"),
            ("Decided by hand", self._hand_summary()),
            ("Article", report.attribution_counts(self.info.article) if self.info.article else ""),
        ]
        return [(name, value) for name, value in fields if value]

    def _sources(self) -> list[tuple[str, str]]:
        """Each side's sources under its label, then the case's other sources."""
        listed = []
        for side, sources in zip(("left", "right"), self.info.side_sources):
            listed += [(f"Source, {self.label(side)}", source) for source in sources]
        by_side = {source for sources in self.info.side_sources for source in sources}
        return listed + [("Source", source) for source in self.info.sources if source not in by_side]

    def _languages(self) -> str:
        check = self.alignment.languages
        if check is None:
            return ""
        a = self.alignment
        # "Israeli PMO: English (en, 1.00); Kremlin: ...": a label may itself end in a language's name.
        return f"{a.left.label}: {check.left.describe()}; {a.right.label}: {check.right.describe()}"

    def _encodings(self) -> str:
        """The sides that were not UTF-8 and how they were decoded: a guess worth checking."""
        sides = (self.alignment.left, self.alignment.right)
        return ", ".join(f"{r.label} {r.encoding}" for r in sides if r.encoding not in ("utf-8", ""))

    def _threshold(self) -> float:
        # ``decide`` records the threshold it applied, whatever set it.
        settings = AlignmentSettings(**self.alignment.settings)
        return settings.in_force(self.alignment.semantic)

    def _hand_summary(self) -> str:
        d = self.decisions
        counts = [
            ("pairs linked or re-kinded", len(d.links)),
            ("pairs removed", len(d.unlinks)),
            ("statements marked unique", len(d.unique)),
            ("notes", len(d.notes)),
        ]
        return ", ".join(f"{what}: {n}" for what, n in counts if n)

    def label(self, side: str) -> str:
        return getattr(self.alignment, side).label

    def text(self, side: str, index: int | None) -> str:
        return "" if index is None else getattr(self.alignment, side).statements[index].text

    def language(self, side: str) -> str:
        """The language code of ``side``'s account (BCP 47: ISO 639-1, else 639-3); empty when
        the languages were not checked or this one could not be told."""
        check = self.alignment.languages
        language = getattr(check, side) if check is not None else None
        return language.code if language is not None and language.known else ""


def _labelled(prefix: str, index: int, note: str) -> str:
    return f"{prefix}{index + 1}: {note}" if note else ""


def _length(readout: Readout) -> int:
    """Characters other than spaces: a measure that works for every script."""
    return sum(len("".join(text.split())) for text in readout.texts)


def _ref(side: str, index: int | None) -> str:
    return "" if index is None else statement_ref(side, index)


def render(
    fmt: str,
    alignment: Alignment,
    info: CaseInfo = CaseInfo(),
    decisions: Decisions = Decisions(),
    pretty: bool = True,
    mentions: OneSided | None = None,
) -> str:
    """The comparison as ``fmt`` (one of ``FORMATS``); ``alignment`` already has ``decisions``
    applied, they are passed to say which parts were decided by hand and to carry the notes.
    ``pretty`` False writes JSON on one line. ``mentions``: see ``Published.of``."""
    if fmt == "text":
        return report.to_text(alignment, info, decisions=decisions)
    published = Published.of(alignment, info, decisions, mentions)
    if fmt == "json":
        return to_json(published, pretty)
    return {"markdown": to_markdown, "html": to_html, "csv": to_csv}[fmt](published)


# -- Markdown ---------------------------------------------------------------------------------


@collector_paused()
def to_markdown(p: Published) -> str:
    md = report.markdown_escape
    out = [f"# {md(p.title)}", ""]
    out += [f"- {name}: {md(value)}" for name, value in p.header()]
    out += ["", "## Divergence table", ""]
    rows = p.pairs()
    # No pairs is said as the lists below say no statement: headings over no rows read as a
    # table that failed to fill.
    if not rows:
        out.append("- (none)")
    else:
        out.append(f"| {md(p.label('left'))} | {md(p.label('right'))} | relation | score | note |")
        out.append("|---|---|---|---|---|")
    for row in rows:
        out.append(
            f"| {_ref('left', row.left)}: {md(p.text('left', row.left))}"
            f" | {_ref('right', row.right)}: {md(p.text('right', row.right))}"
            f" | {_relation(row)} | {_score(row)} | {md(row.note)} |"
        )
    for side in ("left", "right"):
        out += ["", f"## Only in {md(p.label(side))}", ""]
        indices = [row.left if side == "left" else row.right for row in p.unique(side)]
        out += [
            f"- {_ref(side, index)}: {md(p.text(side, index))}"
            + (f" *({BY_HAND})*" if p.decisions.touches(side, index) else "")
            + "".join(f" — {md(head)}: {md(note)}" for head, note in p.notes_said(side, index))
            for index in indices
        ] or ["- (none)"]
    out += ["", "## Mentioned by one side only", ""]
    for side in ("left", "right"):
        found = p.mentions.of(side)
        items = "; ".join(f"{md(m.text)} ({m.kind}, {_refs(side, m)})" for m in found) or "(none)"
        out.append(f"- Only {md(p.label(side))}: {items}{_caseless(p, side)}")
    article = p.info.article
    if article is not None:
        out += ["", "## How the article was attributed", "", "| # | statement | account | how |", "|---|---|---|---|"]
        for s in article.statements:
            tag, why = report.attribution_tag(article, s.index), article.why(s.index)
            out.append(f"| {s.index + 1} | {md(s.text)} | {md(tag)} | {md(why)} |")
    return "\n".join(out) + "\n"


def _relation(row: Row) -> str:
    return f"{row.relation} {HAND} {BY_HAND}" if row.by_hand else row.relation


def _score(row: Row) -> str:
    return "—" if row.score is None else f"{row.score:.2f}"


def _refs(side: str, mention: Mention) -> str:
    return ", ".join(_ref(side, i) for i in mention.statements)


def _caseless(p: Published, side: str) -> str:
    if p.mentions.names[side]:
        return ""
    return " (names not compared: a script without capital letters)"


# -- HTML -------------------------------------------------------------------------------------

_CSS = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 80em; padding: 0 1em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; }
dl.header { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; }
dl.header dt { font-weight: bold; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #bbb; padding: .3em .5em; vertical-align: top; text-align: start; }
th { background: #eee; }
.ref { font-weight: bold; white-space: nowrap; }
.hand { font-style: italic; color: #7a3e00; }
.same { color: #1a6b1a; } .differently { color: #8a5a00; } .unique { color: #a11; }
.legend span { margin-right: 1.2em; padding: .1em .4em; }
table.accounts td { width: 46%; }
table.accounts td.relation { width: 8%; text-align: center; white-space: nowrap; }
table.accounts td.gap { background: repeating-linear-gradient(45deg, #f4f4f4, #f4f4f4 6px, #fff 6px, #fff 12px); }
.row-same td.text, .legend .row-same { background: #eef7ee; }
.row-differently td.text, .legend .row-differently { background: #fdf5e4; }
.row-unique td.text, .legend .row-unique { background: #fbeaea; }
td:target, td.text:target { outline: 2px solid #e0b000; }
.again { color: #777; }
u.shared { text-decoration: underline; text-decoration-color: #1a6b1a; text-underline-offset: 2px; }
mark.differs { background: #ffe08a; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  tr, li { break-inside: avoid; }
}
"""


def _h(text: str) -> str:
    return html.escape(printable(text), quote=True)


@collector_paused()
def to_html(p: Published) -> str:
    parts = [
        "<!DOCTYPE html>",
        # The page's own words are English; each statement says its side's language and takes
        # its direction from its text (dir="auto"), a Hebrew or Arabic one then right-aligned.
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_h(p.title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_h(p.title)}</h1>",
        '<dl class="header">',
        *(f"<dt>{_h(name)}</dt><dd>{_linked(value)}</dd>" for name, value in p.header()),
        "</dl>",
        *_html_table(p),
        *_html_unique(p),
        *_html_mentions(p),
        *_html_accounts(p),
        *_html_attribution(p),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _linked(value: str) -> str:
    """``value`` escaped, and a link when it is a web address (http or https only: no
    ``javascript:`` or local file from a meta.json reaches a reader's browser)."""
    shown = _h(value)
    if not report.is_url(printable(value)):
        return shown
    return f'<a href="{shown}" rel="noopener noreferrer">{shown}</a>'


def _anchor(side: str, index: int | None) -> str:
    # dir="ltr": "R1" is not part of the statement, and an element with its own direction is
    # passed over when dir="auto" on the cell or item around it looks for the text's direction.
    ref = _ref(side, index)
    return f'<a class="ref" dir="ltr" href="#{ref}">{ref}</a>' if ref else ""


def _written(p: Published, side: str) -> str:
    """The attributes of an element holding one of ``side``'s statements (after its reference):
    its direction from its first strong letter, and its language when known."""
    language = p.language(side)
    return ' dir="auto"' + (f' lang="{_h(language)}"' if language else "")


def _html_table(p: Published) -> Iterator[str]:
    yield "<h2>Divergence table</h2>"
    rows = p.pairs()
    if not rows:
        yield "<p>(none)</p>"
        return
    yield "<table><thead><tr>"
    yield f"<th>{_h(p.label('left'))}</th><th>{_h(p.label('right'))}</th>"
    yield "<th>relation</th><th>score</th><th>note</th></tr></thead><tbody>"
    for row in rows:
        css = "same" if row.relation == "same" else "differently"
        hand = f' <span class="hand">{HAND} {BY_HAND}</span>' if row.by_hand else ""
        yield (
            f'<tr><td{_written(p, "left")}>{_anchor("left", row.left)} {_h(p.text("left", row.left))}</td>'
            f'<td{_written(p, "right")}>{_anchor("right", row.right)} {_h(p.text("right", row.right))}</td>'
            f'<td class="{css}">{_h(row.relation)}{hand}</td><td>{_score(row)}</td>'
            f'<td dir="auto">{_h(row.note)}</td></tr>'
        )
    yield "</tbody></table>"


def _html_unique(p: Published) -> Iterator[str]:
    for side in ("left", "right"):
        yield f"<h2>Only in {_h(p.label(side))}</h2>"
        rows = p.unique(side)
        if not rows:
            yield "<p>(none)</p>"
            continue
        yield "<ul>"
        for row in rows:
            index = row.left if side == "left" else row.right
            hand = f' <span class="hand">{HAND} {BY_HAND}</span>' if row.by_hand else ""
            note = "".join(f" — {_h(head)}: <bdi>{_h(said)}</bdi>" for head, said in p.notes_said(side, index))
            yield f"<li{_written(p, side)}>{_anchor(side, index)} {_h(p.text(side, index))}{hand}{note}</li>"
        yield "</ul>"


def _html_mentions(p: Published) -> Iterator[str]:
    yield "<h2>Mentioned by one side only</h2><ul>"
    for side in ("left", "right"):
        # Punctuated as in the markdown: refs by commas, mentions by semicolons.
        found = "; ".join(
            f"<bdi>{_h(m.text)}</bdi> ({_h(m.kind)}: {', '.join(_anchor(side, i) for i in m.statements)})"
            for m in p.mentions.of(side)
        )
        yield f"<li>Only {_h(p.label(side))}: {found or '(none)'}{_h(_caseless(p, side))}</li>"
    yield "</ul>"


_LEGEND = (
    '<p class="legend">'
    '<span class="row-same">same</span>'
    '<span class="row-differently">told differently (≈)</span>'
    '<span class="row-unique">only one side (∅; the other side\'s cell is hatched)</span>'
    '<span><u class="shared">word both tell</u></span>'
    '<span><mark class="differs">telling word the other lacks</mark></span>'
    f'<span class="hand">{HAND} decided by hand</span>'
    "<span>→ its counterpart(s) · ↑ shown on an earlier row too</span></p>"
)


def _html_accounts(p: Published) -> Iterator[str]:
    """The two accounts aligned as a diff tool shows them: each pair on one row, the shared
    and the differing words marked as in the app, a hatched gap where one side is silent."""
    a = p.alignment
    weights = TermTable.build(a.left.texts, a.right.texts).weight
    yield "<h2>The two accounts</h2>"
    yield _LEGEND
    yield '<table class="accounts"><thead><tr>'
    yield f"<th>{_h(p.label('left'))}</th><th>relation</th><th>{_h(p.label('right'))}</th></tr></thead><tbody>"
    for row in aligned_rows(a):
        pair = row.pair
        if pair is None:
            css, relation = "unique", "∅"
        else:
            css = "same" if pair.kind.label == "same" else "differently"
            relation = f"{'=' if css == 'same' else '≈'} {pair.score:.2f}"
        cells = []
        for side, index, again in (("left", row.left, row.again[0]), ("right", row.right, row.again[1])):
            if index is None:
                cells.append('<td class="gap"></td>')
                continue
            other_index = getattr(row, other_side(side))
            cells.append(_html_cell(p, side, index, other_index, pair, weights, again))
        hand = f' <span class="hand">{HAND}</span>' if pair is not None and pair.manual else ""
        yield (
            f'<tr class="row-{css}">{cells[0]}<td class="relation {css}">{relation}{hand}</td>{cells[1]}</tr>'
        )
    yield "</tbody></table>"


def _html_cell(
    p: Published,
    side: str,
    index: int,
    other_index: int | None,
    pair: Counterpart | None,
    weights: dict[str, float],
    again: bool,
) -> str:
    ref = _ref(side, index)
    text = p.text(side, index)
    if again:
        # The statement stood on an earlier row already: its reference only, linked there.
        return f'<td class="text again">↑ <a class="ref" dir="ltr" href="#{ref}">{ref}</a></td>'
    spans = ()
    if other_index is not None and pair is not None:
        spans = word_spans(text, p.text(other_side(side), other_index), weights, pair.shared_terms)
    partners = [getattr(c, other_side(side)) for c in p.alignment.counterparts(side, index)]
    links = " ".join(_anchor(other_side(side), i) for i in partners)
    hand = f' <span class="hand">{HAND}</span>' if p.decisions.touches(side, index) else ""
    note_html = "".join(f" <em>{_h(head)}: <bdi>{_h(said)}</bdi></em>" for head, said in p.notes_said(side, index))
    return (
        f'<td class="text" id="{ref}"{_written(p, side)}><span class="ref" dir="ltr">{ref}</span>'
        f" {_marked(text, spans)}{hand}{note_html}"
        f' <span class="links" dir="ltr">{("→ " + links) if links else "∅"}</span></td>'
    )


def _marked(text: str, spans: tuple[WordSpan, ...]) -> str:
    """``text`` escaped, its shared words underlined and its differing words marked."""
    out, at = [], 0
    for span in spans:
        out.append(_h(text[at : span.start]))
        word = _h(text[span.start : span.end])
        out.append(f'<u class="shared">{word}</u>' if span.kind == "shared" else f'<mark class="differs">{word}</mark>')
        at = span.end
    out.append(_h(text[at:]))
    return "".join(out)


def _html_attribution(p: Published) -> Iterator[str]:
    article = p.info.article
    if article is None:
        return
    yield f"<h2>How the article was attributed</h2><p>{_h(report.attribution_counts(article))}</p>"
    yield "<table><thead><tr><th>#</th><th>statement</th><th>account</th><th>how</th></tr></thead><tbody>"
    for s in article.statements:
        tag = report.attribution_tag(article, s.index)
        ref = tag if tag[1:].isdigit() else ""
        account = f'<a class="ref" dir="ltr" href="#{ref}">{_h(tag)}</a>' if ref else _h(tag)
        why = _h(article.why(s.index))
        yield f'<tr><td>{s.index + 1}</td><td dir="auto">{_h(s.text)}</td><td>{account}</td><td>{why}</td></tr>'
    yield "</tbody></table>"


# -- CSV --------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "section", "left_ref", "left_statement", "right_ref", "right_statement",
    "relation", "score", "by_hand", "note",
)
"""Sections: "about" (the header: relation holds the field, note its value), "pair",
"unique" and "mention" (relation holds the kind, note the statements); "note": a note on a
pair that is no pair now (unlinked, or under the threshold since), its two statements in
their columns, relation "no pair now", note the note; for an article,
"attribution": each of its statements in the column of its side (neither: the left column,
with no ref), relation its side, note how it was attributed."""


def _cell(value: str) -> str:
    # Checked on what is written, once printable() has made a tab or a line break a space.
    value = printable(value)
    return "'" + value if value.lstrip().startswith(_FORMULA_START) else value


@collector_paused()
def to_csv(p: Published) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for name, value in p.header():
        writer.writerow(["about", "", "", "", "", _cell(name), "", "", _cell(value)])
    # The notes on pairs that are no pair now have their own rows, not a part of their
    # statements' notes: one row each, with the two statements in their columns.
    for row in [*p.pairs(no_pair=False), *p.unique("left", no_pair=False), *p.unique("right", no_pair=False)]:
        writer.writerow(
            [
                "pair" if row.left is not None and row.right is not None else "unique",
                _ref("left", row.left),
                _cell(p.text("left", row.left)),
                _ref("right", row.right),
                _cell(p.text("right", row.right)),
                row.relation,
                "" if row.score is None else f"{row.score:.4f}",
                "yes" if row.by_hand else "",
                _cell(row.note),
            ]
        )
    for (left, right), note in p.decisions.pair_notes_on_no_pair(p.alignment):
        writer.writerow(
            [
                "note", _ref("left", left), _cell(p.text("left", left)), _ref("right", right),
                _cell(p.text("right", right)), "no pair now", "", "", _cell(note),
            ]
        )
    for side in ("left", "right"):
        for m in p.mentions.of(side):
            statement = [_ref(side, i) for i in m.statements]
            cells = [", ".join(statement), _cell(m.text)]
            left, right = (cells, ["", ""]) if side == "left" else (["", ""], cells)
            writer.writerow(["mention", *left, *right, m.kind, "", "", ""])
    article = p.info.article
    for s in article.statements if article is not None else ():
        tag = report.attribution_tag(article, s.index)
        ref = tag if tag[1:].isdigit() else ""
        cells = [ref, _cell(s.text)]
        left, right = (["", ""], cells) if s.side.value == "right" else (cells, ["", ""])
        by_hand = "yes" if s.how.value == "by hand" else ""
        writer.writerow(["attribution", *left, *right, s.side.value, "", by_hand, _cell(article.why(s.index))])
    return buffer.getvalue()


# -- JSON -------------------------------------------------------------------------------------


PAIRS_ASIDE_FROM = 20_000
"""Pairs from which one-line JSON has its pairs written in a forked child (``core.aside``)
while this process writes the rest: ~8 µs a pair, against ~20-40 ms to fork a process that
holds the evidence and to send the text back (docs/performance.md, seventh round)."""

PAIRS_HERE = 1 / 6
"""The share of those pairs this process writes itself, after the rest of the document: about
what levels its work with the child's, which also sends its text back."""


@collector_paused()
def to_json(p: Published, pretty: bool = True) -> str:
    """The ``report.to_json`` contract, with the decisions, notes and mentions added."""
    pairs = p.alignment.pairs
    # The pairs are most of a large report: written beside the rest, in a child forked with
    # them in memory (a spawned one would have to be sent them: no gain).
    child = not pretty and len(pairs) >= PAIRS_ASIDE_FROM and chosen_method() == "fork"
    # This process writes the rest of the document, then the last of the pairs while the child
    # writes the others: it waited idle for the child with all of them (docs/performance.md,
    # tenth round).
    apart = len(pairs) - int(len(pairs) * PAIRS_HERE) if child else len(pairs)
    with Aside.start(report.pairs_text, pairs[:apart], True, child=child, method="fork") as written:
        if pretty:
            return report.dump_json(_json_document(p, None), pretty) + "\n"
        # On one line, the pairs are written apart (``pairs_text``) here too: as text, not
        # through a dict each.
        document = _json_document(p, "")
        here = report.pairs_text(pairs[apart:], True)
        return report.dump_json_with(document, [written.result(), here], end="\n")


def _json_document(p: Published, pairs: object) -> dict:
    document = report.json_document(p.alignment, p.info, manual=True, pairs=pairs)
    kept = records(p.decisions)
    document["notes"] = kept.pop("notes")
    document["decisions"] = kept
    document["mentions"] = {
        side: [{"kind": m.kind, "text": m.text, "statements": list(m.statements)} for m in p.mentions.of(side)]
        for side in ("left", "right")
    }
    document["mentions"]["names_checked"] = dict(p.mentions.names)
    document["length"] = {side: _length(getattr(p.alignment, side)) for side in ("left", "right")}
    return document
