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
from collections.abc import Iterable, Sequence
from functools import lru_cache

WORD = re.compile(r"\w+(?:[-'\u2019]\w+)*")
POSSESSIVE = re.compile(r"['\u2019]s$", re.IGNORECASE)

SHARED_BY = 2
"""A name is shared when this many statements (of either account) use it."""
KEPT_WORDS = 3
"""A statement left with fewer words than this is kept whole: it was about its names."""


def capitalised(word: str) -> bool:
    return word[:1].isupper()


_OPENERS = frozenset(" \t\"'\u201c\u201e\u00ab(\u2018")
_SENTENCE_ENDS = frozenset(".!?:;\u2026")


def opens_sentence(text: str, start: int) -> bool:
    # Looks back character by character: slicing the text before every capitalised word made
    # a long statement quadratic.
    k = start - 1
    while k >= 0 and text[k] in _OPENERS:
        k -= 1
    return k < 0 or text[k] in _SENTENCE_ENDS


def capitalised_inside(texts: Iterable[str]) -> set[str]:
    """Capitalised words used somewhere other than at the start of a sentence (casefolded,
    without a possessive "'s"): the words that are names, not just sentence openers."""
    return {
        _key(m.group())
        for text in texts
        for m in WORD.finditer(text)
        if capitalised(m.group()) and not opens_sentence(text, m.start())
    }


def without_shared_names(texts: Sequence[str]) -> list[str]:
    """Each text with the name words that at least ``SHARED_BY`` of ``texts`` use taken out.

    A name word is a capitalised word that the texts also write capitalised inside a
    sentence, so "The" or "Both" opening a sentence stay. Texts without letter case are
    returned unchanged."""
    found = [_capitalised_words(text) for text in texts]
    names = {key for text, (_, words) in zip(texts, found) for m, key in words if not opens_sentence(text, m.start())}
    used_by = Counter(key for _, words in found for key in {key for _, key in words if key in names})
    return [
        _remove(text, count, [m for m, key in words if used_by[key] >= SHARED_BY])
        for text, (count, words) in zip(texts, found)
    ]


def _capitalised_words(text: str) -> tuple[int, list[tuple[re.Match, str]]]:
    """How many words ``text`` has, and its capitalised ones with their keys."""
    words = list(WORD.finditer(text))
    # The test is inlined: this runs for every word of both readouts.
    return len(words), [(m, _key(m.group())) for m in words if m.group()[0].isupper()]


@lru_cache(maxsize=65536)
def _key(word: str) -> str:
    return POSSESSIVE.sub("", word).casefold()


def _remove(text: str, words: int, names: list[re.Match]) -> str:
    if not names or words - len(names) < KEPT_WORDS:
        return text
    kept, last = [], 0
    for match in names:
        kept.append(text[last : match.start()])
        last = match.end()
    kept.append(text[last:])
    joined = re.sub(r"\s+([,.;:!?])", r"\1", "".join(kept))
    return re.sub(r"\s+", " ", joined).strip()
