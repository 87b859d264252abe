"""Rendering an alignment as JSON, plain text or Markdown.

Statement text is data: the text and Markdown renderers show it through ``display.printable``,
so nothing a readout contains can drive the terminal, and the Markdown renderer also escapes
the characters that would change a table.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING

from readout_tui.core.bulk import collector_paused
from readout_tui.core.io.display import BIDI_CONTROLS, counted, printable
from readout_tui.core.types import Alignment, CaseInfo, Counterpart, Readout, other_side, statement_ref

if TYPE_CHECKING:
    from readout_tui.core.engine.attribution import Attribution
    from readout_tui.core.work.decisions import Decisions

_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{BIDI_CONTROLS}\ud800-\udfff]")
_JSON_UNSAFE_ASCII = tuple(c for c in map(chr, range(128)) if _JSON_UNSAFE.match(c))
_JSON_UNSAFE_LATIN1 = tuple(c for c in map(chr, range(256)) if _JSON_UNSAFE.match(c))


@dataclass(frozen=True)
class Summary:
    """The figures an analyst quotes first."""

    left_count: int
    right_count: int
    matches: int
    related: int
    left_unique: int
    right_unique: int
    left_coverage: float
    right_coverage: float

    @classmethod
    def of(cls, alignment: Alignment) -> Summary:
        kinds = [p.kind._value_ for p in alignment.pairs]  # not ``value``, a slow descriptor
        return cls(
            left_count=len(alignment.left),
            right_count=len(alignment.right),
            matches=kinds.count("match"),
            related=kinds.count("related"),
            left_unique=len(alignment.unique("left")),
            right_unique=len(alignment.unique("right")),
            left_coverage=alignment.coverage("left"),
            right_coverage=alignment.coverage("right"),
        )


@collector_paused()
def to_json(alignment: Alignment, info: CaseInfo = CaseInfo(), pretty: bool = True) -> str:
    return dump_json(json_document(alignment, info), pretty)


def json_document(
    alignment: Alignment, info: CaseInfo = CaseInfo(), manual: bool = False, pairs: object = None
) -> dict:
    """The JSON report as a dict, for exports that add to it (see ``core.export``); ``manual``
    adds each pair's ``manual`` last. ``pairs``: put in place of the pairs' rows (which
    ``pairs_text`` then writes apart)."""

    def side(readout: Readout, name: str) -> dict:
        # Each statement's status and partners in one pass over its pairs, not two look-ups.
        return {
            "label": readout.label,
            "source": readout.source,
            "encoding": readout.encoding,
            "statements": [
                {"index": s.index, "text": s.text, "status": status._value_, "counterparts": partners}
                for s, (status, partners) in zip(readout.statements, alignment.standing(name))
            ],
            "unique": alignment.unique(name),
            "coverage": round(alignment.coverage(name), 4),
            **_language_json(alignment, name),
        }

    return {
        "left": side(alignment.left, "left"),
        "right": side(alignment.right, "right"),
        "pairs": _pairs_json(alignment.pairs, manual) if pairs is None else pairs,
        "model": alignment.model,
        "model_reason": (alignment.languages.why or None) if alignment.languages else None,
        "semantic": alignment.semantic,
        "lexical_fallback": lexical_fallback(alignment) or None,
        "settings": alignment.settings,
        "summary": Summary.of(alignment).__dict__,
        "case": {
            "title": info.title,
            "date": info.date,
            "sources": list(info.sources),
            **({"sources_by_side": dict(zip(("left", "right"), map(list, info.side_sources)))}
               if any(info.side_sources) else {}),
        },
        **({"attribution": attribution_json(info.article)} if info.article is not None else {}),
    }


def attribution_json(attribution: Attribution) -> dict:
    """How each statement of the article was attributed: its side, the words that decided
    it (``cue``, with where they stand in ``text``), why, and where it stands in its side's
    account (``account_index``, 0-based; null for neither and for a repeat)."""
    return {
        "left_label": attribution.left_label,
        "right_label": attribution.right_label,
        "statements": [
            {
                "index": s.index,
                "text": s.text,
                "side": s.side.value,
                "how": s.how.value,
                "cue": s.cue_text,
                "cue_span": list(s.cue) if s.cue else None,
                "source": s.source,
                "why": attribution.why(s.index),
                "account_index": attribution.account_index(s.index),
                "repeats": s.repeats,
                "proposed": s.proposed.value if s.proposed else None,
            }
            for s in attribution.statements
        ],
    }


def attribution_tag(attribution: Attribution, index: int) -> str:
    """Where article statement ``index`` went, as the reports show it: "L3", "R1", "neither",
    or "L (repeat)" for a repeat left out of the account."""
    statement = attribution.statements[index]
    if statement.side.value == "neither":
        return "neither"
    letter = statement.side.value[0].upper()
    position = attribution.account_index(index)
    return f"{letter} (repeat)" if position is None else f"{letter}{position + 1}"


def attribution_counts(attribution: Attribution) -> str:
    """E.g. "34 statements: Israel 9, Kremlin 3, neither 22"."""
    sides = [s.side.value for s in attribution.statements]
    return (
        f"{counted(len(sides), 'statement')}: {attribution.left_label} {sides.count('left')}, "
        f"{attribution.right_label} {sides.count('right')}, neither {sides.count('neither')}"
    )


def dump_json(document: dict, pretty: bool = True) -> str:
    """``document`` as JSON: indented for a person to read, or ``pretty`` False, on one line
    for a program (the standard library then encodes in C: ~8x faster on a large report)."""
    # json escapes C0 controls itself; DEL, the C1 range (8-bit CSI), direction overrides and
    # lone surrogates are escaped here too, so printing the JSON on a terminal is as safe as
    # the text report, and it can always be encoded.
    if pretty:
        text = json.dumps(document, ensure_ascii=False, indent=2)
    else:
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return _made_safe(text)


def _made_safe(text: str) -> str:
    """JSON ``text`` with ``_JSON_UNSAFE``'s characters escaped."""
    if _nothing_unsafe(text):
        return text
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _nothing_unsafe(text: str) -> bool:
    """True when ``text`` holds none of ``_JSON_UNSAFE``'s characters, told by quick scans for
    single characters where the pattern's own scan is slow (0.27 s over a 35 MB report)."""
    if text.isascii():
        return not any(c in text for c in _JSON_UNSAFE_ASCII)
    try:
        # The unsafe characters above U+00FF (direction overrides, surrogates) are then absent.
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return not any(c in text for c in _JSON_UNSAFE_LATIN1)


def pairs_text(pairs: Sequence[Counterpart], manual: bool = False) -> str:
    """The pairs' rows of ``json_document`` as one-line JSON, escaped as ``dump_json`` escapes:
    made apart from the rest of the document (``dump_json_with``), possibly in another process."""
    text = _plain_pairs_text(pairs, manual)
    if text is None:
        return dump_json(_pairs_json(pairs, manual), pretty=False)
    return _made_safe(text)


_JSON_ESCAPED = re.compile(r'[\x00-\x1f"\\]')
"""The characters ``json`` writes as escapes in a string (with ``ensure_ascii`` False)."""


def _plain_pairs_text(pairs: Sequence[Counterpart], manual: bool) -> str | None:
    """``json.dumps(_pairs_json(pairs, manual))`` on one line, written row by row as text,
    without a dict per pair for the encoder to walk: ~0.2-0.4 CPU-s less for 94,000 pairs at
    10,000 statements a side (~1.2-1.6, of which ~0.3 for the checks here; docs/performance.md,
    twelfth round). The same characters where every figure is a finite float (written as
    ``repr``, as ``json`` does) or an int, and no text needs an escape; None otherwise, for
    ``json`` to write them."""
    if not pairs:
        return "[]"
    # The checks read each column of the pairs through ``map``, not a loop in Python per pair.
    figures = [*map(_SCORE, pairs), *map(_COSINE, pairs), *map(_LEXICAL, pairs)]
    figures += [c for c in map(_CONFIDENCE, pairs) if c is not None]
    if set(map(type, map(_LEFT, pairs))) | set(map(type, map(_RIGHT, pairs))) != {int}:
        return None
    if set(map(type, figures)) != {float} or not all(map(math.isfinite, figures)):
        return None
    if set(map(type, map(_MANUAL, pairs))) != {bool}:
        return None
    kinds = [kind._value_ for kind in map(_KIND, pairs)]
    texts = [*kinds, *map(_REASON, pairs), *(term for shared in map(_SHARED, pairs) for term in shared)]
    if set(map(type, texts)) != {str} or _JSON_ESCAPED.search("".join(texts)):
        return None
    ends = (',"manual":false}', ',"manual":true}') if manual else ("}", "}")
    return "[" + ",".join([
        f'{{"left":{p.left},"right":{p.right},"score":{p.score!r},"confidence":'
        f'{"null" if p.confidence is None else repr(p.confidence)},"kind":"{kind}","semantic":{p.cosine!r},'
        f'"lexical":{p.lexical!r},"shared_terms":{_strings(p.shared_terms)},"reason":"{p.reason}"{ends[p.manual]}'
        for p, kind in zip(pairs, kinds)
    ]) + "]"


_LEFT, _RIGHT, _SCORE, _COSINE, _LEXICAL, _CONFIDENCE, _MANUAL, _KIND, _REASON, _SHARED = map(
    attrgetter,
    ("left", "right", "score", "cosine", "lexical", "confidence", "manual", "kind", "reason", "shared_terms"),
)


def _strings(texts: Sequence[str]) -> str:
    """A JSON array of ``texts``, none of which needs an escape."""
    return '["' + '","'.join(texts) + '"]' if texts else "[]"


def dump_json_with(document: dict, pairs: str | Sequence[str], end: str = "") -> str:
    """``dump_json(document, pretty=False) + end`` with ``document["pairs"]`` written as
    ``pairs`` (``pairs_text``), or as the items of several such arrays in turn. The same
    characters: the encoder writes an object key by key and an array item by item, each as it
    would alone, and ``dump_json``'s escapes are of single characters. Joined once: a large
    report's text is not copied again for each piece added (tens of MB each)."""
    arrays = [pairs] if isinstance(pairs, str) else [array for array in pairs if array != "[]"] or ["[]"]
    pieces = ["{"]
    for key, value in document.items():
        pieces += [json.dumps(key, ensure_ascii=False), ":"]
        if key != "pairs":
            pieces += [dump_json(value, pretty=False), ","]
        elif len(arrays) == 1:
            pieces += [arrays[0], ","]
        else:
            # "[a,b]" and "[c]" make "[a,b,c]".
            pieces += [arrays[0][:-1], *(("," + array[1:-1]) for array in arrays[1:-1]), "," + arrays[-1][1:], ","]
    if len(pieces) > 1:
        pieces.pop()  # the last comma
    pieces += ["}", end]
    return "".join(pieces)


def _language_json(alignment: Alignment, side: str) -> dict:
    check = alignment.languages
    if check is None:
        return {"language": None, "language_confidence": None}
    language = getattr(check, side)
    return {"language": language.code, "language_confidence": language.confidence}


def lexical_fallback(alignment: Alignment) -> str:
    """Why only lexical evidence decided although a model was asked for, e.g. "all-MiniLM-L6-v2
    does not cover Indonesian (id)"; empty otherwise."""
    return alignment.languages.reason() if alignment.languages else ""


def _language_label(alignment: Alignment, side: str) -> str:
    """E.g. " · Indonesian (id, 0.59)" for a side's header; empty when not checked."""
    if alignment.languages is None:
        return ""
    return " · " + getattr(alignment.languages, side).describe()


def model_line(alignment: Alignment) -> str:
    """The model that decided, or why only shared words did ("lexical only (all-MiniLM-L6-v2
    does not cover Indonesian (id))")."""
    fallback = lexical_fallback(alignment)
    if fallback:
        return f"lexical only ({fallback})"
    why = alignment.languages.why if alignment.languages else ""
    return f"{alignment.model} ({why})" if why and alignment.semantic else alignment.model


def _pairs_json(pairs: Sequence[Counterpart], manual: bool = False) -> list[dict]:
    # One comprehension, not a function call per pair, and the kind's ``_value_`` (``value`` is
    # a descriptor, several times slower): at 10,000 statements a side there are ~140,000 pairs.
    # "confidence": how often pairs so scored were right on calls the scorer had not seen; null
    # without a learned scorer (see ``engine.scorer``). "semantic" is the plain cosine
    # (``Counterpart.cosine``): the key is kept for the readers of the JSON report (the
    # project's scorer, users' scripts).
    rows = [
        {
            "left": p.left, "right": p.right, "score": p.score, "confidence": p.confidence,
            "kind": p.kind._value_, "semantic": p.cosine, "lexical": p.lexical,
            "shared_terms": list(p.shared_terms), "reason": p.reason,
        }
        for p in pairs
    ]
    if manual:
        for row, p in zip(rows, pairs):
            row["manual"] = p.manual
    return rows


@collector_paused()
def to_text(
    alignment: Alignment, info: CaseInfo = CaseInfo(), width: int = 100, decisions: Decisions | None = None
) -> str:
    """The plain report, wrapped to ``width`` terminal cells; ``decisions`` (those applied to
    ``alignment``) adds the analyst's notes and marks what was decided by hand."""
    lines: list[str] = []
    if info.title:
        lines += [printable(info.title) + (f" ({printable(info.date)})" if info.date else ""), ""]
    elif info.date:
        lines += [printable(info.date), ""]  # a saved page's date with no title (left.txt against one)
    if lexical_fallback(alignment):
        lines += [f"Shared words only, not meaning: {printable(lexical_fallback(alignment))}", ""]
    no_pair = decisions.notes_on_no_pair(alignment) if decisions is not None else {}
    for side in ("left", "right"):
        readout = getattr(alignment, side)
        decoded = f", {_decoded(readout)}" if _decoded(readout) else ""
        lines.append(
            f"{printable(readout.label)} ({counted(len(readout), 'statement')}{decoded})"
            f"{_language_label(alignment, side)}"
        )
        for statement in readout.statements:
            lines += _statement_lines(alignment, side, statement.index, width, decisions, no_pair)
        lines.append("")
    if info.article is not None:
        lines += _attribution_lines(info.article, width)
    lines += _summary_lines(alignment, width)
    return "\n".join(lines) + "\n"


def _statement_lines(
    alignment: Alignment,
    side: str,
    index: int,
    width: int,
    decisions: Decisions | None,
    no_pair: dict[tuple[str, int], list[tuple[str, str]]],
) -> list[str]:
    """``no_pair``: ``Decisions.notes_on_no_pair``, said under the statement as in the app."""
    status = alignment.status(side, index)
    head = f"  {status.glyph} {statement_ref(side, index):>4}  "
    indent = " " * len(head)
    text = printable(getattr(alignment, side).statements[index].text)
    paired = bool(alignment.counterparts(side, index))
    if decisions is not None and not paired and decisions.touches(side, index):
        text += " (unique by hand)"
    lines = _hanging(head, text, width)
    note = decisions.statement_note(side, index) if decisions is not None else ""
    if note:
        lines += _hanging(indent, f"note: {printable(note)}", width)
    for head, pair_note in no_pair.get((side, index), ()):
        lines += _hanging(indent, f"{head}: {printable(pair_note)}", width)
    other = other_side(side)
    for pair in alignment.counterparts(side, index):
        # A learned pair's reason opens with its confidence, which says more than the score.
        score = "" if pair.confidence is not None else f" {pair.score:.2f}"
        line = f"→ {statement_ref(other, getattr(pair, other))} {pair.kind.label}{score} ({printable(pair.reason)})"
        pair_note = decisions.pair_note(pair.left, pair.right) if decisions is not None else ""
        if pair_note:
            line += f" — note: {printable(pair_note)}"
        lines += _hanging(indent, line, width)
    return lines


def _hanging(head: str, text: str, width: int) -> list[str]:
    """``text`` after ``head``, wrapped to ``width`` cells, its further lines under its start."""
    from rich.cells import cell_len  # as wrapped

    body = wrapped(text, max(width - cell_len(head), 20))
    return [head + body[0], *(" " * len(head) + more for more in body[1:])]


def wrapped(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` terminal cells (a Chinese character takes two),
    broken at spaces, and inside a word only where it alone is wider than a line: Chinese
    and Japanese write none."""
    from rich.cells import cell_len, chop_cells  # only the text report needs them

    lines: list[str] = []
    line, used = "", 0
    for word in text.split():
        size = cell_len(word)
        if line and used + 1 + size <= width:
            line, used = f"{line} {word}", used + 1 + size
            continue
        if line:
            lines.append(line)
        if size > width:
            *whole, word = chop_cells(word, width)
            lines += whole
            size = cell_len(word)
        line, used = word, size
    return [*lines, line] if line or not lines else lines


def _attribution_lines(attribution: Attribution, width: int) -> list[str]:
    lines = [f"How the article was attributed ({printable(attribution_counts(attribution))})"]
    for statement in attribution.statements:
        head = f"  {statement.index + 1:>3} {attribution_tag(attribution, statement.index):<12} "
        lines += _hanging(head, printable(statement.text), width)
        lines += _hanging(" " * len(head), f"({printable(attribution.why(statement.index))})", width)
    return [*lines, ""]


def _decoded(readout: Readout) -> str:
    """How the file was decoded, when that is worth checking: anything but UTF-8 was a guess
    or a byte-order mark."""
    if readout.encoding in ("utf-8", ""):
        return ""
    return f"decoded as {printable(readout.encoding)}"


def _summary_lines(alignment: Alignment, width: int = 100) -> list[str]:
    s = Summary.of(alignment)
    left, right = printable(alignment.left.label), printable(alignment.right.label)
    lines = [
        "Summary",
        f"  statements: {left} {s.left_count}, {right} {s.right_count}",
        f"  pairs: {s.matches} same, {s.related} told differently",
        f"  coverage: {left} {s.left_coverage:.0%}, {right} {s.right_coverage:.0%}",
        *_hanging("  model: ", printable(model_line(alignment)), width),
    ]
    for side, label in (("left", left), ("right", right)):
        unique = alignment.unique(side)
        lines.append(f"  only in {label}: {len(unique)}" if not unique else f"  only in {label} ({len(unique)}):")
        readout = getattr(alignment, side)
        # Right-aligned as the statements are above, to the list's longest reference: "R10"
        # put its text a column to the right of "R9"'s.
        refs = [statement_ref(side, index) for index in unique]
        size = max(map(len, refs), default=0)
        for index, ref in zip(unique, refs):
            lines += _hanging(f"    {ref:>{size}}  ", printable(readout.statements[index].text), width)
    return lines


_URL = re.compile(r"https?://[^\s<>\"'`\[\]]+?(?=[.,;:!?)\]]*(?:\s|$|\[|\]))")
"""A web address in running text, without the punctuation that ends its sentence. It stops at a
square bracket: in readouts one closes the bracket the address was written in (or markup around
it), and taken inside, the autolink would swallow the text after it."""


def markdown_escape(text: str) -> str:
    """Escape what would end a table cell or start Markdown/HTML formatting; a web address
    becomes an autolink instead, whose text Markdown takes as it is (escaped, its underscores
    would end up in the link as backslashes: ``?pm\\_campaign=``)."""
    text = printable(text)
    parts = []
    at = 0
    for match in _URL.finditer(text):
        parts.append(_markdown_plain(text[at : match.start()]))
        parts.append(f"<{markdown_url(match.group())}>")
        at = match.end()
    parts.append(_markdown_plain(text[at:]))
    return "".join(parts)


def is_url(text: str) -> bool:
    """Whether ``text`` is one web address and nothing else."""
    return _URL.fullmatch(text) is not None


def markdown_url(url: str) -> str:
    """A web address fit for an autolink in a table cell: the three characters that would end
    either are percent-encoded, which names the same address."""
    return url.replace("|", "%7C").replace("<", "%3C").replace(">", "%3E")


def _markdown_plain(text: str) -> str:
    return re.sub(r"([\\`*_{}\[\]()<>#+!|~])", r"\\\1", text)

