"""What one account mentions and the other does not: names, numbers, dates and durations.

No entity-recognition model is used: the multilingual ones that recognise names well are
hundreds of megabytes and none ships on PyPI with its weights. The method instead:

- **Names** are runs of capitalised words (short lower-case joiners such as "of" or "de" may
  sit inside a run), and all-capital words such as "UN" or "IAEA". A capitalised word opening a
  sentence counts only when the readouts also write it capitalised inside a sentence ("The"
  and "Both" do not count, "Netanyahu" does). This needs letter case: in scripts without it (Hebrew, Arabic, Chinese,
  Japanese...) no names are found, only numbers, dates and durations; ``OneSided.names``
  says for which sides names were looked for.
- **Numbers** in digits in any of the usual notations (1,000 / 1 000 / 2,5), and English
  number words ("fifty", "twenty-five").
- **Durations**: a number and a unit of time ("50 minutes", "50-minute", "fifty minutes",
  "50 минут", "50 menit"; Russian number words are not read), in English, Russian, Indonesian, French and German.
- **Dates**: a day and a month name (in the same languages) in either order, ISO dates,
  day/month/year dates (day first), and years from 1900 to 2099.

A mention counts as shared when the other account has it in some form: a name when half of
its words or more occur there (words compared by a common stem, so "Russia"/"Russian" and
"Путин"/"Путина" agree) or when it is the acronym of a name there ("UN"/"United Nations");
a number when the other side has the same value anywhere (also inside a date or a duration);
a duration when the other side has the same amount of the same unit; a date when it has the
same day of the same month (or the same year, or month).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .model import Readout

_TOKEN = re.compile(r"\w+(?:[-'\u2019]\w+)*")
_POSSESSIVE = re.compile(r"['\u2019]s$", re.IGNORECASE)
_JOINERS_MAX = 3
_JOINERS = 2
"""Up to two lower-case words this short may join capitalised ones inside a name
("Bank of Japan", "Committee of the Red Cross"); but not a conjunction, which joins two
names rather than making one ("the UN and the IAEA")."""
_CONJUNCTIONS = frozenset("and or nor but и или а но dan atau et ou und oder y o e".split())

_NUMBER = r"(?<![\w-])(?:\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})+(?!\d)|\d+(?:[.,]\d+)?)"
_ALONE = r"(?![\w-])"
"""A bare number is not part of a word ("COVID-19") nor of a compound ("50-minute")."""
_SMALL = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
        " fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {w: 10 * n for n, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split(), 0) if w != "_"}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
_WORD_NUMBER = (
    r"(?:(?:" + "|".join(sorted(_TENS, key=len, reverse=True)) + r")(?:[- ](?:"
    + "|".join(w for w in _SMALL if w != "zero") + r"))?|"
    + "|".join(sorted(_SMALL, key=len, reverse=True)) + r")"
    + r"(?:[- ](?:" + "|".join(_SCALES) + r"))?"
)
_ANY_NUMBER = rf"(?:{_NUMBER}|\b{_WORD_NUMBER}\b)"

_UNITS = {
    "minute": r"minutes?|min|минут[аы]?|menit|Minuten?",
    "hour": r"hours?|hrs?|час(?:а|ов)?|jam|heures?|Stunden?",
    "day": r"days?|дн(?:я|ей)|день|hari|jours?|Tage?n?",
    "week": r"weeks?|недел[иьяю]|minggu|semaines?|Wochen?",
    "month": r"months?|месяц(?:а|ев)?|bulan|mois|Monate?n?",
    "year": r"years?|год(?:а)?|лет|tahun|ans?|années?|Jahren?|Jahre",
}
_DURATION = re.compile(
    rf"(?P<number>{_ANY_NUMBER})[- \u00a0]?(?P<unit>"
    + "|".join(f"(?P<{unit}>{words})" for unit, words in _UNITS.items())
    + r")\b",
    re.IGNORECASE,
)

_MONTHS = [
    "january|jan|января|январь|januari|janvier|januar",
    "february|feb|февраля|февраль|februari|février|februar",
    "march|mar|марта|март|maret|mars|märz",
    "april|apr|апреля|апрель|avril",
    "may|мая|май|mei|mai",
    "june|jun|июня|июнь|juni|juin",
    "july|jul|июля|июль|juli|juillet",
    "august|aug|августа|август|agustus|août",
    "september|sep|sept|сентября|сентябрь|septembre",
    "october|oct|октября|октябрь|oktober|octobre",
    "november|nov|ноября|ноябрь|novembre",
    "december|dec|декабря|декабрь|desember|décembre|dezember",
]
_MONTH_OF = {name: number for number, names in enumerate(_MONTHS, 1) for name in names.split("|")}
_MONTH = "|".join(sorted(_MONTH_OF, key=len, reverse=True))
_DATE = re.compile(
    rf"\b(?:(?P<day1>\d{{1,2}})\.?\s+(?P<month1>{_MONTH})|(?P<month2>{_MONTH})\.?\s+(?P<day2>\d{{1,2}})\b)"
    rf"|\b(?P<iso>(?:19|20)\d\d-\d\d-\d\d)\b"
    r"|\b(?P<dmy>\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_MONTH_NAME = re.compile(rf"\b(?:{'|'.join(n for n in _MONTH_OF if len(n) > 3 or n == 'may')})\b", re.IGNORECASE)
"""A month on its own ("in June"); abbreviations such as "Mar" are left out, being words too."""
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_BARE_NUMBER = re.compile(rf"{_NUMBER}{_ALONE}|\b(?!one\b){_WORD_NUMBER}\b", re.IGNORECASE)
"""Numbers outside dates and durations; not "one", which is mostly a pronoun ("one China")."""


@dataclass(frozen=True)
class Mention:
    """One thing an account mentions."""

    kind: str
    """"name", "number", "date" or "duration"."""
    text: str
    """As the account first writes it."""
    key: tuple
    """What it is compared by: a name's words, a number's value, a date's (month, day)..."""
    statements: tuple[int, ...] = ()
    """0-based indices of the statements of its side that mention it."""


@dataclass(frozen=True)
class OneSided:
    """The mentions each side makes that the other side does not."""

    left: tuple[Mention, ...]
    right: tuple[Mention, ...]
    names: dict[str, bool]
    """Per side, whether names were looked for (False for a script without letter case)."""

    def of(self, side: str) -> tuple[Mention, ...]:
        return self.left if side == "left" else self.right

    def in_statement(self, side: str, index: int) -> list[Mention]:
        return [m for m in self.of(side) if index in m.statements]


def one_sided(left: Readout, right: Readout) -> OneSided:
    inner = _inner_capitalised([*left.texts, *right.texts])
    found = {side: mentions(r, inner) for side, r in (("left", left), ("right", right))}
    words = {side: _words(r.texts) for side, r in (("left", left), ("right", right))}
    return OneSided(
        left=tuple(m for m in found["left"] if not _shared(m, found["right"], words["right"])),
        right=tuple(m for m in found["right"] if not _shared(m, found["left"], words["left"])),
        names={side: _has_case(r.texts) for side, r in (("left", left), ("right", right))},
    )


def mentions(readout: Readout, inner: set[str] | None = None) -> list[Mention]:
    """Every distinct mention of ``readout``, in order of first appearance; ``inner`` as for
    ``_names`` (by default, from this readout alone)."""
    inner = _inner_capitalised(readout.texts) if inner is None else inner
    merged: dict[tuple, Mention] = {}
    for statement in readout.statements:
        for mention in _in_text(statement.text, inner):
            known = merged.get(mention.key)
            where = (known.statements if known else ()) + (statement.index,)
            first = known or mention
            merged[mention.key] = Mention(first.kind, first.text, first.key, tuple(dict.fromkeys(where)))
    return list(merged.values())


def _in_text(text: str, inner: set[str]) -> Iterator[Mention]:
    # Dates and durations first; their words are then blanked so that "50" in "50 minutes"
    # is not also a bare number, nor "December" a name.
    spans: list[tuple[int, int]] = []
    for match in _DATE.finditer(text):
        spans.append(match.span())
        yield _date(match)
    for match in _YEAR.finditer(text):
        if not _covered(match.span(), spans):
            spans.append(match.span())
            yield Mention("date", match.group(), ("year", int(match.group())))
    for match in _DURATION.finditer(text):
        if _covered(match.span(), spans):
            continue
        value = _number_value(match.group("number"))
        unit = next(u for u in _UNITS if match.group(u))
        if value is not None:
            spans.append(match.span())
            yield Mention("duration", match.group(), ("duration", value, unit))
    for match in _MONTH_NAME.finditer(text):
        if not _covered(match.span(), spans) and match.group()[:1].isupper():
            spans.append(match.span())
            yield Mention("date", match.group(), ("month", _MONTH_OF[match.group().casefold()]))
    rest = _blank(text, spans)
    for match in _BARE_NUMBER.finditer(rest):
        value = _number_value(match.group())
        if value is not None:
            yield Mention("number", match.group(), ("number", value))
    for words, surface in _names(rest, inner):
        yield Mention("name", surface, ("name", *words))


def _date(match: re.Match) -> Mention:
    if match.group("iso"):
        year, month, day = (int(part) for part in match.group("iso").split("-"))
        return Mention("date", match.group(), ("date", month, day))
    if match.group("dmy"):
        # Day first, as nearly everywhere but the United States.
        day, month, year = (int(part) for part in re.split(r"[./]", match.group("dmy")))
        return Mention("date", match.group(), ("date", month, day))
    month = match.group("month1") or match.group("month2")
    day = int(match.group("day1") or match.group("day2"))
    return Mention("date", match.group(), ("date", _MONTH_OF[month.casefold()], day))


def _covered(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < span[1] and span[0] < end for start, end in spans)


def _blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _number_value(text: str) -> float | None:
    text = text.strip().casefold()
    if text[:1].isdigit():
        if re.fullmatch(r"\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})+", text):
            return float(re.sub(r"\D", "", text))
        return float(text.replace(",", "."))
    total = 0
    for word in re.split(r"[- ]", text):
        if word in _SMALL:
            total += _SMALL[word]
        elif word in _TENS:
            total += _TENS[word]
        elif word in _SCALES:
            total = max(total, 1) * _SCALES[word]
        else:
            return None
    return float(total)


def _names(text: str, inner: set[str]) -> Iterator[tuple[tuple[str, ...], str]]:
    """(casefolded words, surface text) of each capitalised run and each acronym. A word
    opening a sentence starts a run only if ``inner`` (capitalised words seen inside
    sentences) holds it."""
    run: list[re.Match] = []
    pending: list[re.Match] = []  # joiners seen since the last capitalised word
    for match in _TOKEN.finditer(text):
        word = _POSSESSIVE.sub("", match.group())
        if _acronym(word):
            yield from _run(run)
            yield from _run([match])
            run, pending = [], []
        elif _capitalised(word) and (run or _counts(word, text, match.start(), inner)):
            run += pending + [match]
            pending = []
        elif _joiner(word) and run and len(pending) < _JOINERS:
            pending.append(match)
        else:
            yield from _run(run)
            run, pending = [], []
    yield from _run(run)


def _joiner(word: str) -> bool:
    return word.islower() and len(word) <= _JOINERS_MAX and word not in _CONJUNCTIONS


def _counts(word: str, text: str, start: int, inner: set[str]) -> bool:
    return not _opens_sentence(text, start) or word.casefold() in inner


def _run(run: list[re.Match]) -> Iterator[tuple[tuple[str, ...], str]]:
    if not run:
        return
    words = tuple(
        part for m in run for part in _POSSESSIVE.sub("", m.group()).casefold().split("-") if part
    )
    if sum(len(w) for w in words) >= 2:
        surface = run[0].string[run[0].start() : run[-1].end()]
        yield words, _POSSESSIVE.sub("", surface)


def _acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper() and word.isalpha()


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and not word[:1].isdigit()


def _opens_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"'\u201c\u201e\u00ab(\u2018")
    return not before or before[-1] in ".!?:;\u2026"


def _inner_capitalised(texts: Iterable[str]) -> set[str]:
    """Capitalised words used somewhere other than at the start of a sentence."""
    return {
        _POSSESSIVE.sub("", m.group()).casefold()
        for text in texts
        for m in _TOKEN.finditer(text)
        if _capitalised(m.group()) and not _opens_sentence(text, m.start())
    }


def _words(texts: Iterable[str]) -> set[str]:
    return {
        part
        for text in texts
        for w in _TOKEN.findall(text)
        for part in _POSSESSIVE.sub("", w).casefold().split("-")
    }


def _has_case(texts: Iterable[str]) -> bool:
    return any(ch.isupper() for text in texts for ch in text)


def _shared(mention: Mention, others: list[Mention], words: set[str]) -> bool:
    if mention.kind == "name":
        return _name_shared(mention, [m for m in others if m.kind == "name"], words)
    if mention.kind == "number":
        return any(mention.key[1] in _values(other) for other in others)
    return any(other.key == mention.key for other in others)


def _values(mention: Mention) -> set[float]:
    """The numbers a mention holds, for matching a bare number against it."""
    kind, *rest = mention.key
    if kind in ("number", "duration"):
        return {rest[0]}
    if kind == "date":
        return {float(rest[1])}
    if kind == "year":
        return {float(rest[0])}
    return set()


def _name_shared(mention: Mention, names: list[Mention], other_words: set[str]) -> bool:
    words = mention.key[1:]
    if _is_acronym(mention, [n.key[1:] for n in names]):
        return True
    if any(_is_acronym(name, [words]) for name in names):
        return True
    content = [w for w in words if len(w) > _JOINERS_MAX] or list(words)
    found = [any(_same_word(w, o) for o in other_words) for w in content]
    # The last word is the head ("Vladimir Putin", "Perdana Menteri Israel"): titles and first
    # names before it are often left out by the other side.
    return found[-1] or sum(found) * 2 >= len(found)


def _is_acronym(mention: Mention, names: list[tuple[str, ...]]) -> bool:
    """Is ``mention`` written in capitals and the initials of one of ``names`` (their
    joiners left out)?"""
    letters = mention.text.replace(".", "")
    if len(letters) < 2 or not letters.isupper() or not letters.isalpha():
        return False
    for name in names:
        initials = "".join(w[0] for w in name if len(w) > _JOINERS_MAX)
        if len(name) > 1 and initials == letters.casefold():
            return True
    return False


def _same_word(a: str, b: str) -> bool:
    """The same word up to an ending: a long common start ("Russia"/"Russian",
    "Путин"/"Путина"), but not "Austria"/"Australia"."""
    if a == b:
        return True
    if min(len(a), len(b)) < 4:
        return False
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common >= max(4, max(len(a), len(b)) - 3)
