"""Names in readouts, found by letter case, and statements with the shared ones taken out.

Both accounts of a call name the same leaders, titles and countries in nearly every
statement. In short sentences those names weigh heavily in a sentence embedding, so two
statements about different points ("the Prime Minister criticised Russia's cooperation with
Iran", "Vladimir Putin reaffirmed Russia's position on terrorism") look alike for what they
name rather than for what they say. ``without_shared_names`` gives the text that is left when
the names several statements share are removed, for embedding next to the full text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from readout_tui.core.bulk import collector_paused

WORD = re.compile(r"\w+(?:[-'\u2019]\w+)*")
MAY_START = re.compile(r"(?<!\w)(?<!\w[-'\u2019])(?=[^\W\d_a-z])" + WORD.pattern)
"""A word, as ``WORD.finditer`` would find it, that may start a name: it starts where no word
goes on (neither after a letter nor after a hyphen or apostrophe inside a word) and with
neither a digit, "_" nor a lower-case ASCII letter (those start no capitalised word nor
acronym)."""
POSSESSIVE = re.compile(r"['\u2019]s$", re.IGNORECASE)
NAME_PART = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_][\w'\u2019]*")
"""A word as names are taken out: a dotted abbreviation whole ("U.S."), and each part of a
hyphenated word apart ("Russian-Israeli", "anti-Israel"), so that a shared name inside one goes
too."""

SHARED_BY = 2
"""A name is shared when this many distinct statements, of either account, use it: with both
accounts' statements together, a name that each account mentions once is shared. (3 and 4
measured worse on the English fixture cases.)"""
KEPT_WORDS = 3
"""A statement left with fewer words than this is kept whole: it was about its names."""


def capitalised(word: str) -> bool:
    return word[:1].isupper()


_OPENERS = frozenset(" \t\"'\u201c\u201e\u00ab(\u2018")
_SENTENCE_ENDS = frozenset(".!?:;\u2026")
_ABBREVIATION = 3
"""A full stop after a capitalised word this short ("Mr.", "Dr.", "St."), a single letter or a
dotted abbreviation ("U.S.") ends no sentence: statements are sentences already, so a stop
inside one is nearly always such a word's."""


def opens_sentence(text: str, start: int) -> bool:
    # Looks back character by character: slicing the text before every capitalised word made
    # a long statement quadratic.
    k = start - 1
    while k >= 0 and text[k] in _OPENERS:
        k -= 1
    if k < 0:
        return True
    return text[k] in _SENTENCE_ENDS and not (text[k] == "." and _abbreviation_before(text, k))


def _abbreviation_before(text: str, stop: int) -> bool:
    k = stop
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] == "."):
        k -= 1
    word = text[k:stop]
    return len(word) == 1 or "." in word or (capitalised(word) and len(word) <= _ABBREVIATION)


def capitalised_inside(texts: Iterable[str], opens: Callable[[str, int], bool] = opens_sentence) -> set[str]:
    """Capitalised words used somewhere other than at the start of a sentence (casefolded,
    without a possessive "'s"): the words that are names, not just sentence openers. ``opens``:
    whether the word at a position opens its sentence."""
    # Only the words that may be capitalised are found (most words start with a lower-case
    # ASCII letter), then the capital is looked at inline: this runs over both readouts.
    return {
        _key(word)
        for text in texts
        for m in MAY_START.finditer(text)
        if (word := m.group())[0].isupper() and not opens(text, m.start())
    }


class _Words(NamedTuple):
    """One text's word count and its capitalised words, each with its key and whether it
    stands inside a sentence."""

    count: int
    capitals: list[tuple[re.Match, str, bool]]


@collector_paused()
def without_shared_names(texts: Sequence[str]) -> list[str]:
    """Each text with the name words that at least ``SHARED_BY`` of ``texts`` use taken out.

    A name word is a capitalised word that the texts also write capitalised inside a
    sentence, so "The" or "Both" opening a sentence stay. Texts without letter case, and
    texts in capitals or Title Case, are returned unchanged."""
    # Each distinct text read once (the same statement may recur, on one side or both).
    found: dict[str, _Words] = {}
    for text in texts:
        if text not in found:
            found[text] = _words(text)
    names = {key for words in found.values() for _, key, inside in words.capitals if inside}
    used_by = Counter(key for words in found.values() for key in {key for _, key, _ in words.capitals} & names)
    shared = {key for key, count in used_by.items() if count >= SHARED_BY}
    kept = {text: _remove(text, words, shared) for text, words in found.items()}
    return [kept[text] for text in texts]


def _words(text: str) -> _Words:
    parts = list(NAME_PART.finditer(text))
    # capitalised() inlined: this runs for every word of both readouts.
    capitals = [(m, word) for m in parts if (word := m.group())[0].isupper()]
    if len(capitals) == len(parts):
        # In capitals or Title Case throughout, a text's capitals say nothing of its names.
        return _Words(len(parts), [])
    return _Words(len(parts), [(m, _key(word), not opens_sentence(text, m.start())) for m, word in capitals])


@lru_cache(maxsize=65536)
def _key(word: str) -> str:
    return POSSESSIVE.sub("", word).casefold()


def _remove(text: str, words: _Words, shared: set[str]) -> str:
    names = [m for m, key, _ in words.capitals if key in shared]
    if not names or words.count - len(names) < KEPT_WORDS:
        return text
    kept, last = [], 0
    for match in names:
        kept.append(text[last : match.start()].rstrip("-\u2010\u2011"))
        last = match.end()
        # The hyphen that joined a removed part to the rest of its word goes with it, and so
        # does the stop of an abbreviation ("Mr.") inside the statement.
        if text[last : last + 1] in ("-", "\u2010", "\u2011"):
            last += 1
        elif text[last : last + 1] == "." and text[last + 1 :].strip() and _abbreviation_before(text, last):
            last += 1
    kept.append(text[last:])
    joined = re.sub(r"\s+([,.;:!?])", r"\1", "".join(kept))
    return re.sub(r"\s+", " ", joined).strip()
