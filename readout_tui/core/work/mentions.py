"""What one account mentions and the other does not: names, numbers, dates and durations.

No entity-recognition model is used: the multilingual ones that recognise names well are
hundreds of megabytes and none ships on PyPI with its weights. The method instead:

- **Names** are runs of capitalised words, and all-capital words such as "UN" or "IAEA".
  Inside a run may sit a name particle of some language ("of", "of the", "de la", "von der",
  "bin": "Bank of England"), but not a preposition ("России с Ираном" is two names), and in
  Russian, where an organisation's name capitalises its first word only, up to two lower-case
  words after a capitalised adjective ("Международного комитета Красного Креста"). Punctuation
  ends a run ("Xinjiang, Tibet"), except an initial's full stop and ", Jr."; a Roman numeral
  right after a name belongs to it ("World War II"). A capitalised word
  opening a sentence counts only when the readouts also write it capitalised inside a sentence
  ("The" and "Both" do not count, "Netanyahu" does). This needs letter case: in scripts without
  it (Hebrew, Arabic, Chinese, Japanese...) no names are found, only numbers, dates and
  durations; ``OneSided.names`` says for which sides names were looked for. The first word of
  a line after Markdown-like marks only ("# Not a heading", "> Both") opens it as any other.
  A run of titles and roles alone ("the Ambassador", "Prime Minister") names nobody and is
  left out; the word lists are those the attribution of articles uses (``engine.cues``).
- **Numbers** in digits in any of the usual notations (1,000 / 1 000 / 2,5), and number words
  in English, Russian (in all their case forms: "пять", "пятидесяти") and Indonesian ("lima
  puluh", "seratus"); "one" and its like alone are taken for pronouns ("one China").
- **Durations**: a number and a unit of time ("50 minutes", "50-minute", "fifty minutes",
  "около пятидесяти минут", "50 menit"), or a word for one ("полчаса", "an hour", "sejam"), in
  English, Russian, Indonesian, French and German; "one" written apart from the unit is an
  indefinite time ("will one day bring"), not a duration.
- **Dates**: a day and a month name (in the same languages) in either order, ISO dates,
  day/month/year dates (day first), and years from 1900 to 2099.

A mention counts as shared when the other account has it in some form: a name when the last of
its parts (what its particles join: "England" in "Bank of England") has half of its words or
its last word there (words compared by a common stem, so "Russia"/"Russian" and
"Путин"/"Путина" agree; and, in Latin letters, words in two scripts, as the scores compare them:
"Путина"/"Putin", though not "Байден"/"Biden", spelt apart), or when it is the acronym of a name
or of a name's part there
("UN"/"United Nations", "UN"/"Secretary-General of the United Nations"); a number when the
other side has the same value anywhere (also inside a date or a duration); a duration when the
other side has the same amount of the same unit; a date when it has the same day of the same
month (or the same year, or month). A name is also shared when both accounts name the same
country in any of its forms: its names in ISO 3166-1 (the data of the ``pycountry`` package),
its codes and initials, and adjectives made from them ("American" and "United States").

A side lists each name once: an acronym given in parentheses after a name is that name's, in
whatever language ("Organisasi Kerja Sama Shanghai (SCO)", shared when the other side has
either), when made of its initials or of about one letter a word; and the forms of a name in
its grammatical cases, word by word the same up to an ending as above ("Грозный", "Грозного"),
are one name, listed as first written. Left undone: an acronym that is a common noun ("KTT",
Indonesian for "summit") is listed as a name; telling it from an organisation's needs a
lexicon, not its shape.

A name that names the side itself is left out of its one-sided mentions: one whose words are
all words of the side's label (up to an ending: "Kremlin", "Israeli" for "Israeli prime
minister's office"), or that names only the country its label names ("Israel" for "Israeli
PMO"). An article's cue ("the Kremlin said", "according to the Israeli statement") stays in the
statement it attributes, and that the Kremlin's account names the Kremlin is no news.

Everything is looked for in the text as a terminal shows it: a hyperlink's address or a window
title written in terminal codes is not a mention (``statements.terminal_visible``).
"""

from __future__ import annotations

import importlib.util
import json
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path

from readout_tui.core.aside import Aside, chosen_method, wanted_late
from readout_tui.core.bulk import collector_paused
from readout_tui.core.engine.cues import is_role, is_title
from readout_tui.core.engine.names import (
    MAY_START,
    POSSESSIVE,
    WORD,
    capitalised_inside,
    opens_sentence,
)
from readout_tui.core.engine.statements import terminal_visible
from readout_tui.core.types import Readout

_PARTICLES = {
    "en": ("of", "of the", "for", "for the"),
    "fr": ("de", "de la", "du", "des"),
    "es": ("de", "del", "de la", "de los", "de las"),
    "pt": ("de", "da", "do", "dos", "das"),
    "de": ("von", "von der", "der", "des", "für"),
    "nl": ("van", "van der", "van den", "van de"),
    "ar": ("bin", "ibn", "bint"),
    "ms": ("bin", "binti"),
}
"""Lower-case words that sit inside a name ("Bank of England", "Committee of the Red Cross",
"Ministère de la Défense", "Ursula von der Leyen"), per language. Everyday prepositions are not
particles: Russian "с"/"в" or Indonesian "di"/"ke" between two names join nothing ("России с
Ираном" is Russia and Iran). None of these is a word of Russian or Indonesian, so all are
accepted wherever they occur and no language need be known. Where one still joins two names
("thanked Russia for Iran's help"), matching by the last part keeps the second one seen."""
_JOINS = frozenset(tuple(p.split()) for particles in _PARTICLES.values() for p in particles)
_PARTICLE_WORDS = frozenset(word for join in _JOINS for word in join)

_SENTENCE_CASE = re.compile(
    r"[а-яё]+(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ым|им|ых|их|ую|юю|ей)", re.IGNORECASE
)
"""A capitalised Russian adjective: in Russian only the first word of an organisation's name
takes a capital ("Международного комитета Красного Креста", "Государственная дума"), so one
followed by lower-case words and then a capital starts a single name."""
_SENTENCE_CASE_WORDS = 2
_VERB = re.compile(r"\w+(?:л|ла|ло|ли|ть|ться|ся|сь|ет|ёт|ит|ют|ут|ат|ят)")
"""A Russian verb by its ending: no part of a name ("Российская сторона поддержала Израиль")."""
_SHORT = 3
"""Words this short are prepositions and the like; they are no part of a sentence-case name
("России с Ираном")."""
_SUFFIXES = frozenset({"Jr", "Sr"})
_SUFFIX_WORDS = frozenset(s.casefold() for s in _SUFFIXES)
_PENDING = max(_SENTENCE_CASE_WORDS, *map(len, _JOINS))
"""Lower-case words a name may hold between two capitalised ones."""
_CONJUNCTIONS = frozenset("and or nor but и или а но dan atau et ou und oder y o e".split())

_NUMBER = r"(?<![\w-])(?:\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})+(?!\d)|\d+(?:[.,]\d+)?)"
_ALONE = r"(?![\w-])"
"""A bare number is not part of a word ("COVID-19") nor of a compound ("50-minute")."""


def _forms(table: dict[int, str]) -> dict[str, int]:
    return {form: value for value, forms in table.items() for form in forms.split()}


_NUMBER_WORDS = {
    "en": _forms({
        0: "zero", 1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven",
        8: "eight", 9: "nine", 10: "ten", 11: "eleven", 12: "twelve", 13: "thirteen",
        14: "fourteen", 15: "fifteen", 16: "sixteen", 17: "seventeen", 18: "eighteen",
        19: "nineteen", 20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty",
        70: "seventy", 80: "eighty", 90: "ninety",
    }),
    # Every case form a number takes; not "семью" (also "family"), nor "сорока" ("magpie").
    "ru": _forms({
        0: "ноль нуля", 1: "один одна одно одного одной одному одним одном одну",
        2: "два две двух двум двумя", 3: "три трёх трех трём трем тремя",
        4: "четыре четырёх четырех четырём четырем четырьмя", 5: "пять пяти пятью",
        6: "шесть шести шестью", 7: "семь семи", 8: "восемь восьми восемью",
        9: "девять девяти девятью", 10: "десять десяти десятью",
        11: "одиннадцать одиннадцати", 12: "двенадцать двенадцати", 13: "тринадцать тринадцати",
        14: "четырнадцать четырнадцати", 15: "пятнадцать пятнадцати", 16: "шестнадцать шестнадцати",
        17: "семнадцать семнадцати", 18: "восемнадцать восемнадцати",
        19: "девятнадцать девятнадцати", 20: "двадцать двадцати двадцатью",
        30: "тридцать тридцати тридцатью", 40: "сорок", 50: "пятьдесят пятидесяти пятьюдесятью",
        60: "шестьдесят шестидесяти шестьюдесятью", 70: "семьдесят семидесяти семьюдесятью",
        80: "восемьдесят восьмидесяти восемьюдесятью", 90: "девяносто девяноста",
        100: "сто ста", 200: "двести двухсот", 300: "триста трёхсот трехсот",
        400: "четыреста четырёхсот четырехсот", 500: "пятьсот пятисот",
    }),
    "id": _forms({
        0: "nol", 1: "satu", 2: "dua", 3: "tiga", 4: "empat", 5: "lima", 6: "enam", 7: "tujuh",
        8: "delapan", 9: "sembilan", 10: "sepuluh", 11: "sebelas", 100: "seratus", 1000: "seribu",
    }),
}
"""Number words per language, in every form they take; add a language by adding its table."""
_MULTIPLIERS = {"hundred": 100, "puluh": 10, "ratus": 100, "belas": None}
"""Words that multiply the number word before them ("two hundred", "lima puluh" = 50);
Indonesian "belas" adds ten to it instead ("dua belas" = 12)."""
_SCALES = {
    "thousand": 1000, "million": 10**6, "billion": 10**9,
    **_forms({1000: "тысяча тысячи тысяч тысячу", 10**6: "миллион миллиона миллионов",
              10**9: "миллиард миллиарда миллиардов"}),
    "ribu": 1000, "juta": 10**6, "miliar": 10**9,
}
"""Words that multiply all that comes before them ("two hundred thousand")."""
_UNIT_WORDS = {word: value for table in _NUMBER_WORDS.values() for word, value in table.items()}
_ONE = frozenset(word for word, value in _UNIT_WORDS.items() if value == 1)
""""One" alone is mostly a pronoun ("one China", "одна из", "salah satu"): no bare number."""


def _alternation(words: Iterable[str]) -> str:
    """A pattern matching any of ``words``, factored by common beginnings ("пят(?:ь|и|ью)"):
    a flat alternation of hundreds of words is tried word by word at every position and made
    finding mentions several times slower."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _subpattern(tree)


def _subpattern(node: dict) -> str:
    # Longer continuations first, so that "пятьдесят" is not read as "пять".
    branches = [re.escape(char) + _subpattern(child) for char, child in node.items() if char]
    if not branches:
        return ""
    optional = "" in node
    if len(branches) == 1 and not optional:
        return branches[0]
    return "(?:" + "|".join(branches) + ")" + ("?" if optional else "")


def _led(pattern: str, starts: Iterable[str], digits: bool = False) -> str:
    """``pattern``, first looking ahead for a letter that one of its words ``starts`` with (or,
    with ``digits``, a digit): a one-character test that quickly skips the many places where
    none can start, instead of trying the whole alternation there. It matches nothing else."""
    letters = "".join(sorted({re.escape(word[0]) for word in starts}))
    return rf"(?=[{letters}{chr(92) + 'd' if digits else ''}])(?:{pattern})"


_ALL_NUMBER_WORDS = _alternation({*_UNIT_WORDS, *_MULTIPLIERS, *_SCALES})
_FIRST_NUMBER_WORDS = _alternation(_UNIT_WORDS)
_WORD_NUMBER = rf"(?:{_FIRST_NUMBER_WORDS})(?:[- ](?:{_ALL_NUMBER_WORDS}))*"
"""Number words in a row, the first not a multiplier ("тысячи людей" is "thousands of people")."""
_ANY_NUMBER = rf"(?:{_NUMBER}|\b{_WORD_NUMBER}\b)"

_UNITS = {
    "minute": r"minutes?|min|минут[аыу]?|menit|Minuten?",
    "hour": r"hours?|hrs?|час(?:а|ов|у)?|jam|heures?|Stunden?",
    "day": r"days?|дн(?:я|ей)|день|hari|jours?|Tage?n?",
    "week": r"weeks?|недел[иьяю]|minggu|semaines?|Wochen?",
    "month": r"months?|месяц(?:а|ев)?|bulan|mois|Monate?n?",
    "year": r"years?|год(?:а)?|лет|tahun|ans?|années?|Jahren?|Jahre",
}
_DURATION = re.compile(
    _led(
        rf"(?P<number>{_ANY_NUMBER})[- \u00a0]?(?P<unit>"
        + "|".join(f"(?P<{unit}>{words})" for unit, words in _UNITS.items())
        + r")\b",
        _UNIT_WORDS,
        digits=True,
    ),
    re.IGNORECASE,
)

_WORDED_DURATIONS = [
    (r"half an hour|полчаса|setengah jam|une demi-heure|eine halbe Stunde", 30, "minute"),
    (r"an hour|часа|час|sejam|une heure|eine Stunde", 1, "hour"),
]
"""Durations said without a number ("около часа"); read after those with one, so "два часа"
is two hours, not one. Words and phrases only, no other pattern syntax: ``_ANY_WORD_PATTERN``
joins them."""
_WORDED_DURATION = [
    # (?<!\w) is \b before a letter, and quicker to test at every position.
    (re.compile(rf"(?<!\w)(?:{words})\b", re.IGNORECASE), value, unit) for words, value, unit in _WORDED_DURATIONS
]

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
_MONTH = _alternation(_MONTH_OF)
_DATE = re.compile(
    _led(
        rf"\b(?:(?P<day1>\d{{1,2}})\.?\s+(?P<month1>{_MONTH})|(?P<month2>{_MONTH})\.?\s+(?P<day2>\d{{1,2}})\b)"
        rf"|\b(?P<iso>(?:19|20)\d\d-\d\d-\d\d)\b"
        r"|\b(?P<dmy>\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d)\b",
        _MONTH_OF,
        digits=True,
    ),
    re.IGNORECASE,
)
_MONTH_NAMES = [n for n in _MONTH_OF if len(n) > 3 or n == "may"]
_MONTH_NAME = re.compile(rf"(?<!\w)(?:{_alternation(_MONTH_NAMES)})\b", re.IGNORECASE)
"""A month on its own ("in June"); abbreviations such as "Mar" are left out, being words too."""
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_BARE_NUMBER = re.compile(_led(rf"{_NUMBER}{_ALONE}|\b{_WORD_NUMBER}\b", _UNIT_WORDS, digits=True), re.IGNORECASE)
"""Numbers outside dates and durations."""
_DIGIT = re.compile(r"\d")
_NUMBER_WORD = re.compile(rf"(?<!\w)(?:{_FIRST_NUMBER_WORDS})\b", re.IGNORECASE)
"""Whether a text can hold a date (a digit) or a number (a digit or a number word): most
statements hold neither, and are spared the longer patterns."""
_WORDS_LOOKED_FOR = [*_UNIT_WORDS, *_MONTH_NAMES, *(w for words, *_ in _WORDED_DURATIONS for w in words.split("|"))]
_ANY_WORD_PATTERN = re.compile(rf"(?<!\w)(?:{_alternation(_WORDS_LOOKED_FOR)})\b", re.IGNORECASE)
"""Any of the words every statement is searched for (``_NUMBER_WORD``, ``_MONTH_NAME``,
``_WORDED_DURATION``), in one pattern factored by their beginnings: most statements have none,
and one search then does instead of four. It finds a match where one of them would."""
_WORD_RUN = re.compile(r"\w+")
_FIRST_WORDS = frozenset(_WORD_RUN.match(words.lower()).group() for words in _WORDS_LOOKED_FOR)
"""The first word of each of ``_WORDS_LOOKED_FOR`` ("half" of "half an hour")."""


def _may_hold_a_word(text: str) -> bool:
    """False when ``text`` surely holds none of ``_WORDS_LOOKED_FOR``, told by a set of its
    words: ``_ANY_WORD_PATTERN`` matches only where one of them starts a word and ends one
    (the rest of a phrase, after a space or a hyphen, is for the pattern to look at). Only
    for ASCII text, where lower case is the pattern's case folding, and none of the words'
    other letters folds to an ASCII one (tested). Half the pattern's search, which is tried at
    every place of every statement (~0.4 CPU-s for 20,000, ~0.75 with ``_NUMBER_WORD``'s)."""
    return not text.isascii() or not _FIRST_WORDS.isdisjoint(_WORD_RUN.findall(text.lower()))


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
    parts: tuple[tuple[str, ...], ...] = ()
    """A name's parts, the words its particles join: (("bank",), ("england",)) for "Bank of
    England"; matched on their own too, so that "Russia" on the other side does not make
    "Russia" and a second name one shared run."""
    same_as: tuple[tuple, ...] = ()
    """The keys of the names of its side it stands for: an acronym given in parentheses after a
    name ("Organisasi Kerja Sama Shanghai (SCO)") is that name's, in whatever language."""


@dataclass(frozen=True)
class OneSided:
    """The mentions each side makes that the other side does not."""

    left: tuple[Mention, ...]
    right: tuple[Mention, ...]
    names: dict[str, bool]
    """Per side, whether names were compared (False when either script has no letter case)."""

    def of(self, side: str) -> tuple[Mention, ...]:
        return self.left if side == "left" else self.right


# Wanted by the export only: in a child it leaves the cores to the comparison first.
@wanted_late
@collector_paused()
def one_sided(left: Readout, right: Readout) -> OneSided:
    texts = {"left": _visible(left), "right": _visible(right)}
    inner = _capitalised_inside([*texts["left"], *texts["right"]])
    # A statement both accounts (or one account twice) word alike is read once.
    read: dict[str, list[_Found]] = {}
    found = {side: mentions(r, inner, read) for side, r in (("left", left), ("right", right))}
    # Each side's mentions are looked up in an index of the other's, not compared with each
    # of them: with thousands of statements a side, comparing every pair took minutes.
    has = {side: _Index(found[side], _words(texts[side])) for side in ("left", "right")}
    own = {"left": _Own(left.label), "right": _Own(right.label)}
    # Names are found by their capitals: where one script has none (Japanese, Chinese), the
    # other side's names have nothing to be found in, and would all be listed as its own.
    compared = all(_has_case(texts[side]) for side in ("left", "right"))

    def alone(side: str, other: str) -> tuple[Mention, ...]:
        listed = [m for m in found[side] if compared or m.kind != "name"]
        known = {m.key for m in listed if has[other].shares(m) or own[side].names(m)}
        # A name and the acronym given for it are one: either known, both are.
        same = _same_as(listed)
        return _merged([m for m in listed if m.key not in known and known.isdisjoint(same.get(m.key, ()))])

    names = dict.fromkeys(("left", "right"), compared)
    return OneSided(left=alone("left", "right"), right=alone("right", "left"), names=names)


ASIDE_FROM = {"fork": 1000, "spawn": 8000}
"""Statements on both sides together from which ``one_sided_aside`` finds the mentions in a
child process, by how it is started: below, starting one costs more than it spares. A fork
costs the parent ~2-20 ms, a spawn 0.3-0.6 s (a fresh interpreter importing the finder),
against ~75 µs a statement to find the mentions (docs/performance.md, seventh round)."""


def one_sided_aside(left: Readout, right: Readout, child: bool | None = None) -> Aside[OneSided]:
    """``one_sided(left, right)`` begun beside the caller's own work (``Aside``), in a child
    process when the readouts are large enough to be worth it (``child``: say which)."""
    size = len(left) + len(right)
    method = chosen_method() if size >= min(ASIDE_FROM.values()) or child else None
    if child is None:
        child = method is not None and size >= ASIDE_FROM[method]
    return Aside.start(one_sided, left, right, child=child, method=method)


def mentions(
    readout: Readout, inner: set[str] | None = None, read: dict[str, list[_Found]] | None = None
) -> list[Mention]:
    """Every distinct mention of ``readout``, in order of first appearance; ``inner`` as for
    ``_names`` (by default, from this readout alone). ``read``: what was found in each text
    read so far with this ``inner``, kept and consulted (a statement's mentions depend on its
    text and ``inner`` alone)."""
    inner = _capitalised_inside(_visible(readout)) if inner is None else inner
    read = {} if read is None else read
    first: dict[tuple, _Found] = {}
    # The statements of each mention, gathered before any tuple is built: rebuilding the
    # tuple at each repeat was quadratic in the statements that share a mention.
    where: dict[tuple, dict[int, None]] = {}
    same: dict[tuple, dict[tuple, None]] = {}
    for statement in readout.statements:
        text = statement.text
        if text not in read:
            read[text] = list(_in_text(terminal_visible(text), inner))
        for found in read[text]:
            key = found[2]
            if found[0] == _SAME_AS:
                same.setdefault(key, {})[found[3]] = None
                continue
            if key not in first:
                first[key], where[key] = found, {}
            where[key][statement.index] = None
    # Made once per distinct mention, not a frozen dataclass per occurrence and then a copy with
    # its statements: those weighed at scale (docs/performance.md).
    return [
        Mention(kind, text, key, tuple(where[key]), parts, tuple(same.get(key, ())))
        for key, (kind, text, _, parts) in first.items()
    ]


def _same_as(found: list[Mention]) -> dict[tuple, set[tuple]]:
    """For each name of ``found`` given an acronym or given for a name, the keys of the others."""
    same: dict[tuple, set[tuple]] = {}
    for m in found:
        for key in m.same_as:
            same.setdefault(m.key, set()).add(key)
            same.setdefault(key, set()).add(m.key)
    return same


def _merged(alone: list[Mention]) -> tuple[Mention, ...]:
    """The one-sided mentions of a side with each name listed once: an acronym with the name it
    was given for ("Organisasi Kerja Sama Shanghai (SCO)"), and the forms of one name in its
    grammatical cases, word by word the same up to an ending ("Грозный", "Грозного"; as the
    other side's mentions are matched, ``_same_word``), under the first one written."""
    into: dict[int, int] = {}  # the position of a mention merged -> that of the one it joins
    keys = {m.key: i for i, m in enumerate(alone)}
    for i, m in enumerate(alone):
        named = [keys[key] for key in m.same_as if key in keys and keys[key] != i]
        if m.kind == "name" and named:
            into[i] = named[0]
    forms: dict[tuple, list[int]] = {}
    for i, m in enumerate(alone):
        if m.kind != "name" or i in into:
            continue
        words = m.key[1:]
        # Only names whose words begin alike can be one: they are compared in small groups.
        for j in forms.setdefault((len(words), *(w[:4] for w in words)), []):
            if len(m.parts) == len(alone[j].parts) and all(map(_same_word, words, alone[j].key[1:])):
                into[i] = j
                break
        else:
            forms[(len(words), *(w[:4] for w in words))].append(i)
    if not into:
        return tuple(alone)
    texts = {i: m.text for i, m in enumerate(alone)}
    statements = {i: dict.fromkeys(m.statements) for i, m in enumerate(alone)}
    for i in sorted(into):
        j = into[i]
        while j in into:
            j = into[j]
        if alone[i].same_as and alone[j].key in alone[i].same_as:
            texts[j] = f"{texts[j]} ({alone[i].text})"
        statements[j].update(statements[i])
    return tuple(
        Mention(m.kind, texts[i], m.key, tuple(sorted(statements[i])), m.parts, m.same_as)
        for i, m in enumerate(alone)
        if i not in into
    )


def _visible(readout: Readout) -> list[str]:
    """The statements' texts without the terminal codes in them (``terminal_visible``)."""
    return [terminal_visible(text) for text in readout.texts]


_Found = tuple[str, str, tuple, tuple[tuple[str, ...], ...]]
"""A mention as found in one statement: (kind, text, key, parts), ``Mention``'s fields."""


def _in_text(text: str, inner: set[str]) -> Iterator[_Found]:
    # Dates and durations first; their words are then blanked so that "50" in "50 minutes"
    # is not also a bare number, nor "December" a name.
    spans: list[tuple[int, int]] = []
    digits = _DIGIT.search(text) is not None
    worded = _may_hold_a_word(text) and _ANY_WORD_PATTERN.search(text) is not None
    numbers = digits or (worded and _NUMBER_WORD.search(text) is not None)
    for match in _DATE.finditer(text) if digits else ():
        spans.append(match.span())
        yield _date(match)
    for match in _YEAR.finditer(text) if digits else ():
        if not _covered(match.span(), spans):
            spans.append(match.span())
            yield "date", match.group(), ("year", int(match.group())), ()
    for match in _DURATION.finditer(text) if numbers else ():
        if _covered(match.span(), spans):
            continue
        value = _number_value(match.group("number"))
        unit = next(u for u in _UNITS if match.group(u))
        if value is not None and not _indefinite(match):
            spans.append(match.span())
            yield "duration", match.group(), ("duration", value, unit), ()
    for pattern, value, unit in _WORDED_DURATION if worded else ():
        for match in pattern.finditer(text):
            if not _covered(match.span(), spans):
                spans.append(match.span())
                yield "duration", match.group(), ("duration", float(value), unit), ()
    for match in _MONTH_NAME.finditer(text) if worded else ():
        if not _covered(match.span(), spans) and match.group()[:1].isupper():
            spans.append(match.span())
            yield "date", match.group(), ("month", _MONTH_OF[match.group().casefold()]), ()
    rest = _blank(text, spans)
    for match in _BARE_NUMBER.finditer(rest) if numbers else ():
        value = _number_value(match.group())
        if value is not None and match.group().casefold() not in _ONE:
            yield "number", match.group(), ("number", value), ()
    before: tuple | None = None  # the name just before, and where it ends
    for words, surface, parts, start, end in _names(rest, inner):
        if _titles_only(words):
            before = None
            continue
        key = ("name", *words)
        yield "name", surface, key, parts
        if before is not None and _acronym(surface) and _GIVEN.fullmatch(rest, before[1], start):
            if _CLOSED.match(rest, end) and _stands_for(surface, before[0][1:]):
                yield _SAME_AS, surface, key, before[0]
        before = key, end


def _stands_for(acronym: str, words: tuple[str, ...]) -> bool:
    """May ``acronym``, in parentheses after the name of ``words``, be that name's? When it is
    made of the name's initials, or, as an acronym of the name in another language ("Organisasi
    Kerja Sama Shanghai (SCO)"), when it has about one letter for each of the name's words: one
    word in parentheses after a place ("Manaus (AM)") is more often something else."""
    content = sum(map(_content, words))
    return _initials(words) == acronym.casefold() or (content >= 2 and abs(len(acronym) - content) <= 1)


_SAME_AS = "same as"
"""What ``_in_text`` yields, (it, text, key, the name's key), for an acronym given in
parentheses after a name: it is that name's."""
_GIVEN = re.compile(r"\s*\(\s*")
_CLOSED = re.compile(r"\s*\)")


@lru_cache(maxsize=65536)
def _titles_only(words: tuple[str, ...]) -> bool:
    """A run of titles and roles alone ("the Ambassador", "Prime Minister"): no name. Names
    recur, each is looked up once (~0.15 of the finder's ~2 CPU-s at 10,000 statements a side)."""
    return all(is_title(word) or is_role(word) for word in words)


def _indefinite(duration: re.Match) -> bool:
    """"One day", "one year" written apart are nearly always an indefinite time ("will one day
    bring", "one year later"), as "one" alone is a pronoun; a duration of one is written
    "one-day", "1 day", "a day" or "an hour"."""
    return duration.group("number").casefold() in _ONE and duration.string[duration.end("number")] != "-"


def _date(match: re.Match) -> _Found:
    if match.group("iso"):
        year, month, day = (int(part) for part in match.group("iso").split("-"))
        return "date", match.group(), ("date", month, day), ()
    if match.group("dmy"):
        # Day first, as nearly everywhere but the United States.
        day, month, year = (int(part) for part in re.split(r"[./]", match.group("dmy")))
        return "date", match.group(), ("date", month, day), ()
    month = match.group("month1") or match.group("month2")
    day = int(match.group("day1") or match.group("day2"))
    return "date", match.group(), ("date", _MONTH_OF[month.casefold()], day), ()


def _covered(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < span[1] and span[0] < end for start, end in spans)


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
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
    return _worded_value(re.split(r"[- ]", text))


def _worded_value(words: list[str]) -> float | None:
    """The value of number words in a row, or None when they are no one number ("два-три",
    "two-three": a range)."""
    total = current = 0
    last = None  # the number word the next multiplier applies to
    for word in words:
        if word in _UNIT_WORDS:
            value = _UNIT_WORDS[word]
            if last is not None and not value < _place(last):
                return None
            current, last = current + value, value
        elif word in _MULTIPLIERS and last is not None:
            multiplied = last + 10 if _MULTIPLIERS[word] is None else last * _MULTIPLIERS[word]
            current, last = current - last + multiplied, multiplied
        elif word in _SCALES:
            total, current, last = total + max(current, 1) * _SCALES[word], 0, None
        else:
            return None
    return float(total + current)


def _place(value: int) -> int:
    """The place a number word after ``value`` must fit in: 50 leaves room for 1..9, 100
    for 1..99, 7 for nothing."""
    place = 1
    while value and value % (place * 10) == 0:
        place *= 10
    return place


_Name = tuple[tuple[str, ...], str, tuple[tuple[str, ...], ...], int, int]


def _names(text: str, inner: set[str]) -> Iterator[_Name]:
    """(casefolded words, surface text, words of each part, start, end) of each capitalised run
    and each acronym. A run's parts are what its particles join ("Bank" and "England" in "Bank of
    England"). A word opening a sentence starts a run only if ``inner`` (capitalised words
    seen inside sentences) holds it; punctuation ends a run ("Xinjiang, Tibet" are two)."""
    run: list[list[re.Match]] = []  # parts, each a list of words (particles between them left out)
    pending: list[re.Match] = []  # lower-case words since the last capitalised one
    at = 0
    while True:
        # Outside a run only a capitalised word or an acronym matters: the search goes
        # straight to the next word that may be one, past the many that cannot.
        match = WORD.search(text, at) if run else MAY_START.search(text, at)
        if match is None:
            break
        at = match.end()
        word = match.group()
        if "'" in word or "\u2019" in word:
            word = POSSESSIVE.sub("", word)
        if run and not _adjacent(run[-1][-1] if not pending else pending[-1], match):
            yield from _run(run)
            run, pending = [], []
        capital = word[0].isupper()  # capitalised(), inlined: this runs for most words
        if _acronym(word) and not (run and not pending and _ROMAN.fullmatch(word)):
            if run:
                yield from _run(run)
            yield from _run([[match]])
            run, pending = [], []
        elif capital and run and _joins(run[-1][-1], pending):
            if pending and tuple(m.group() for m in pending) in _JOINS:
                run.append([match])
            else:
                run[-1] += pending + [match]
            pending = []
        elif capital and (run or _counts(word, text, match.start(), inner)):
            if run:
                yield from _run(run)
            run, pending = [[match]], []
        elif word.islower() and run and len(pending) < _PENDING:
            pending.append(match)
        elif run:
            yield from _run(run)
            run, pending = [], []
    if run:
        yield from _run(run)


_ROMAN = re.compile(r"(?=[MDCLXVI])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
"""A Roman numeral: right after a name it is part of it ("World War II", "Elizabeth II"), not
an acronym of its own."""


def _adjacent(before: re.Match, after: re.Match) -> bool:
    """Nothing but space between two words, or what a name itself holds: an initial's full
    stop ("Joseph R. Biden", "В.В. Путин") or the comma before "Jr"."""
    between = before.string[before.end() : after.start()]
    if between == " ":  # the usual case, told at once
        return True
    between = between.strip()
    return (
        not between
        or (between == "." and len(before.group()) == 1)
        or (between == "," and after.group() in _SUFFIXES)
    )


def _joins(last: re.Match, between: list[re.Match]) -> bool:
    """May a capitalised word after ``last`` and the lower-case words ``between`` continue
    its name? Yes when nothing is between, when a particle is, or when ``last`` is a capitalised
    Russian adjective and ``between`` words that are no prepositions, conjunctions nor verbs."""
    words = [m.group() for m in between]
    if not words or tuple(words) in _JOINS:
        return True
    return (
        _SENTENCE_CASE.fullmatch(last.group()) is not None
        and len(words) <= _SENTENCE_CASE_WORDS
        and all(len(w) > _SHORT and w not in _CONJUNCTIONS and not _VERB.fullmatch(w) for w in words)
    )


def _counts(word: str, text: str, start: int, inner: set[str]) -> bool:
    return not _opens_sentence(text, start) or word.casefold() in inner


_MARKUP = frozenset(" \t\"'\u201c\u201e\u00ab(\u2018#*>-+=|~_\u2022\u00b7\u2013\u2014")
"""What may stand before the first word of a line that is still its first: quotes, and the
marks of a Markdown heading, quote or list item ("# Not a heading", "> But", "* Both")."""


def _opens_sentence(text: str, start: int) -> bool:
    """``opens_sentence``, and also the first word of a line after markup only: "Not" in
    "# Not a heading" opens it as much as in "Not a heading"."""
    if opens_sentence(text, start):
        return True
    k = start - 1
    while k >= 0 and text[k] in _MARKUP:
        k -= 1
    return k < 0 or text[k] == "\n"


def _capitalised_inside(texts: Iterable[str]) -> set[str]:
    # A line's first word after markup opens it: "# Not a heading" made "Not" a name.
    return capitalised_inside(texts, _opens_sentence)


def _run(run: list[list[re.Match]]) -> Iterator[_Name]:
    start, end = run[0][0].start(), run[-1][-1].end()
    words, surface = _surface(run[0][0].string[start:end])
    if sum(len(w) for w in words) >= 2:
        yield words, surface, tuple(_casefolded(part) for part in run), start, end


@lru_cache(maxsize=65536)
def _surface(surface: str) -> tuple[tuple[str, ...], str]:
    """A name's casefolded words and its text without a possessive: names recur."""
    return _casefolded(list(WORD.finditer(surface))), POSSESSIVE.sub("", surface)


def _casefolded(matches: list[re.Match]) -> tuple[str, ...]:
    return tuple(part for m in matches for part in _folded(m.group()))


@lru_cache(maxsize=65536)
def _folded(word: str) -> tuple[str, ...]:
    """A word's casefolded parts, without a possessive: names recur, each is folded once."""
    return tuple(part for part in POSSESSIVE.sub("", word).casefold().split("-") if part)


def _acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper() and word.isalpha()


def _words(texts: Iterable[str]) -> set[str]:
    distinct = {w for text in texts for w in WORD.findall(text)}
    return {part for w in distinct for part in POSSESSIVE.sub("", w).casefold().split("-")}


def _has_case(texts: Iterable[str]) -> bool:
    return any(ch.isupper() for text in texts for ch in text)


class _Index:
    """One side's mentions and words, arranged to tell at once whether a mention of the other
    side is shared (the rules of the module's docstring, looked up instead of compared)."""

    def __init__(self, found: list[Mention], words: set[str]) -> None:
        self.keys = {m.key for m in found}
        self.values = {value for m in found for value in _values(m)}
        names = [m for m in found if m.kind == "name"]
        self.initials = {_initials(s) for name in names for s in _spellings(name) if len(s) > 1}
        self.acronyms = {_letters(name.text).casefold() for name in names if _acronym_shaped(name.text)}
        self.countries = {code for name in names for code in _countries(name)}
        self.words = words
        self.sorted_words = sorted(words)
        self.word_found: dict[str, bool] = {}

    def shares(self, mention: Mention) -> bool:
        if mention.kind == "name":
            return self._has_name(mention)
        if mention.kind == "number":
            return mention.key[1] in self.values
        return mention.key in self.keys

    def _has_name(self, mention: Mention) -> bool:
        if _countries(mention) & self.countries:
            return True
        # An acronym of one of this side's names (or of a part of one), or a name this side
        # writes as an acronym: initials compared, particles left out.
        if _acronym_shaped(mention.text) and _letters(mention.text).casefold() in self.initials:
            return True
        if any(len(s) > 1 and _initials(s) in self.acronyms for s in _spellings(mention)):
            return True
        # The last part decides: in "Bank of England" or "Committee of the Red Cross" it names
        # which one; and a name that only shares its first part ("Russia" of "Russia of Iran")
        # is another name.
        last = mention.parts[-1] if mention.parts else mention.key[1:]
        content = [w for w in last if _content(w)] or list(last)
        found = [self._has_word(w) for w in content]
        # The last word is the head ("Vladimir Putin", "Perdana Menteri Israel"): titles and first
        # names before it are often left out by the other side.
        return found[-1] or sum(found) * 2 >= len(found)

    def _has_word(self, word: str) -> bool:
        """Does this side have ``word`` up to an ending (``_same_word``), as written or in Latin
        letters (``_latin``)? The second look is made only when the first finds nothing: the
        side's words are put in Latin letters once, when first needed."""
        if word not in self.word_found:
            self.word_found[word] = _has(word, self.words, self.sorted_words) or _has(
                _latin(word), *self._latin_words
            )
        return self.word_found[word]

    @cached_property
    def _latin_words(self) -> tuple[set[str], list[str]]:
        latin = {_latin(word) for word in self.words}
        return latin, sorted(latin)


def _has(word: str, words: set[str], ordered: list[str]) -> bool:
    """Is ``word`` in ``words`` up to an ending? Only words that begin as it does can be: they
    sit together in ``ordered``, the words sorted."""
    return word in words or (len(word) >= 4 and any(_same_word(word, other) for other in _starting(word, ordered)))


def _starting(word: str, ordered: list[str]) -> Iterator[str]:
    # _same_word needs a common start of max(4, len(word) - 3) letters at least.
    prefix = word[: max(4, len(word) - 3)]
    for other in ordered[bisect_left(ordered, prefix) :]:
        if not other.startswith(prefix):
            return
        yield other


@lru_cache(maxsize=65536)
def _latin(word: str) -> str:
    """A word in another script than Latin in Latin letters ("путина" -> "putina"), else as it
    is: ``engine.words.transliterated``'s rule, without that module's numpy, which the finder's
    child process would import for it."""
    if word.isascii():
        return word
    from anyascii import anyascii

    return "".join(c for c in anyascii(word).casefold() if c.isalnum()) or word


class _Own:
    """What names a side itself: the words of its label and the countries they name."""

    def __init__(self, label: str) -> None:
        self.words = _words([label])
        self.countries = _named_countries(label)

    def names(self, mention: Mention) -> bool:
        if mention.kind != "name":
            return False
        countries = _countries(mention)
        if countries and countries <= self.countries:
            return True
        content = [w for w in mention.key[1:] if _content(w)]
        return bool(content) and all(any(_own_word(w, own) for own in self.words) for w in content)


def _own_word(word: str, label_word: str) -> bool:
    """``_same_word``, and for a short word a case ending on it: a label is often in another
    case than the text ("Пул Первого" in the text, "Пула Первого" the label)."""
    short, long = sorted((word, label_word), key=len)
    return _same_word(word, label_word) or (len(short) >= 3 and long.startswith(short) and len(long) - len(short) <= 2)


_COUNTRY_WORDS = 3
"""The longest country name looked for in a label, in words ("United Arab Emirates")."""


def _named_countries(text: str) -> frozenset[str]:
    """The countries any run of words of ``text`` names, capitalised or not (a label is
    written as its user likes: "Israeli prime minister's office")."""
    matches = list(WORD.finditer(text))
    found: set[str] = set()
    for start in range(len(matches)):
        for end in range(start + 1, min(start + _COUNTRY_WORDS, len(matches)) + 1):
            run = matches[start:end]
            surface = text[run[0].start() : run[-1].end()]
            found |= _countries(Mention("name", surface, ("name", *_casefolded(run))))
    return frozenset(found)


def _letters(text: str) -> str:
    return text.replace(".", "")


def _acronym_shaped(text: str) -> bool:
    """Written in capitals, dots aside ("UN", "U.N.")."""
    letters = _letters(text)
    return len(letters) >= 2 and letters.isupper() and letters.isalpha()


def _initials(words: tuple[str, ...]) -> str:
    return "".join(w[0] for w in words if w not in _PARTICLE_WORDS)


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


def _content(word: str) -> bool:
    """Does the word tell which name it is? Not a particle, an initial or "Jr"."""
    return word not in _PARTICLE_WORDS and len(word) > 1 and word not in _SUFFIX_WORDS


def _spellings(name: Mention) -> list[tuple[str, ...]]:
    """A name's words, and each of its parts' ("United Nations" in "Secretary-General of the
    United Nations", for "UN")."""
    return [name.key[1:], *name.parts]


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


# -- countries ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Countries:
    """The names of the world's countries (ISO 3166-1), by what a mention may match."""

    forms: dict[tuple[str, ...], frozenset[str]]
    """Each name's words ("united", "states"; the official "united", "states", "of", "america")."""
    codes: dict[str, frozenset[str]]
    """Each code and each name's initials ("us", "usa", "prc", "dprk")."""
    heads: dict[str, list[tuple[str, str]]]
    """The first and last word of each name, by its first four letters, for the adjectives and
    short forms made from them ("American", "Chinese", "Russian"); words that begin or end the
    names of three countries or more ("republic", "islands") are left out."""


_SHARED_HEADS = 3


def _countries(mention: Mention) -> frozenset[str]:
    """The countries a name mention names (ISO codes): one of a country's names in full, its
    code or initials, or, for a single word, a word made from the first or last word of one of
    its names. Two accounts that name a country differently ("American" and "United States",
    "U.S." and "America", "Chinese" and "People's Republic of China") then share it."""
    if mention.kind != "name":
        return frozenset()
    table = _country_table()
    words = mention.key[1:]
    found = set(table.forms.get(words, ()))
    for part in mention.parts:
        found |= table.forms.get(part, frozenset())
    letters = mention.text.replace(".", "")
    if len(letters) >= 2 and letters.isupper() and letters.isalpha():
        found |= table.codes.get(letters.casefold(), frozenset())
    if len(words) == 1 and len(words[0]) >= 4:
        found |= {code for head, code in table.heads.get(words[0][:4], ()) if _same_word(words[0], head)}
    return frozenset(found)


@cache
def _country_table() -> _Countries:
    # pycountry's data file, read as data: importing the package builds all its databases
    # (0.15 s), and one table of 249 entries is all that is needed.
    spec = importlib.util.find_spec("pycountry")
    path = Path(next(iter(spec.submodule_search_locations))) / "databases" / "iso3166-1.json"
    forms: dict[tuple[str, ...], set[str]] = {}
    codes: dict[str, set[str]] = {}
    ends: dict[str, set[str]] = {}
    for entry in json.loads(path.read_text(encoding="utf-8"))["3166-1"]:
        code = entry["alpha_2"]
        codes.setdefault(code.casefold(), set()).add(code)
        codes.setdefault(entry["alpha_3"].casefold(), set()).add(code)
        for key in ("name", "official_name", "common_name"):
            # "Iran, Islamic Republic of": the part before the comma is the name in use.
            name = entry.get(key, "").split(",")[0].removeprefix("the ")
            words = _casefolded(list(WORD.finditer(name)))
            if not words:
                continue
            forms.setdefault(words, set()).add(code)
            if len(words) > 1:
                codes.setdefault("".join(w[0] for w in words if w not in _PARTICLE_WORDS), set()).add(code)
            for word in {words[0], words[-1]}:
                ends.setdefault(word, set()).add(code)
    heads: dict[str, list[tuple[str, str]]] = {}
    for word, owners in ends.items():
        if len(owners) < _SHARED_HEADS and len(word) >= 4 and word not in _PARTICLE_WORDS:
            heads.setdefault(word[:4], []).extend((word, code) for code in owners)
    return _Countries(
        {k: frozenset(v) for k, v in forms.items()}, {k: frozenset(v) for k, v in codes.items()}, heads
    )
