"""Lexical evidence that works in any language: distinctive words two statements share.

Words are weighted by how rare they are across *both* readouts, so the leaders' names, titles
and protocol words that nearly every statement carries count for little, while a word that two
statements alone share counts for a lot. No stopword list is needed, which keeps this free of
English-only assumptions.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")

STEM_LENGTH = 6
"""Words are compared by their first letters, a crude stemmer that serves every alphabetic
language ("hostage"/"hostages", "terrorism"/"terrorist", "заложник"/"заложников")."""
_SHORTER_STEMS = ((re.compile(r"[\u0400-\u04ff]"), 5), (re.compile(r"[\u0590-\u05ff]"), 4))
"""Scripts whose words inflect on short roots: Russian cases change the letter after a short
name ("Путин"/"Путина", "Россия"/"России"); Hebrew adds plural and construct endings to
three-letter roots ("חטוף"/"חטופים", "ממשלה"/"ממשלת")."""
_HEBREW_PREFIXES = "והבלמשכ"
"""Hebrew writes "and", "the", "in", "to", "from", "that", "as" as one letter joined to the next
word ("ובירושלים" = "and in Jerusalem")."""
_HEBREW_WORD = re.compile(r"[\u05d0-\u05ea]{2,}")
_HEBREW_FINAL_FORMS = str.maketrans("ךםןףץ", "כמנפצ")
"""Five Hebrew letters take another shape at the end of a word, which an ending moves
("חטוף"/"חטופים"): compared in their usual shape."""


_TELLING = math.log(2)
"""Shown as shared only when a word is in at most about half of all statements: "the" and the
leaders' names count a little towards the score but explain nothing to a reader."""


def words(text: str) -> list[str]:
    """The words of ``text``, case-folded; runs of CJK characters become overlapping bigrams."""
    found: list[str] = []
    for match in _WORD.finditer(text):
        word = match.group().casefold()
        if _CJK.search(word):
            found.extend(_cjk_bigrams(word))
        elif len(word) > 1 or word.isdigit():
            found.append(word)
    return found


def _cjk_bigrams(run: str) -> list[str]:
    if len(run) < 2:
        return [run]
    return [run[k : k + 2] for k in range(len(run) - 1)]


def stem(word: str) -> str:
    if _CJK.search(word):
        return word
    for script, length in _SHORTER_STEMS:
        if script.match(word):
            return word.translate(_HEBREW_FINAL_FORMS)[:length]
    return word[:STEM_LENGTH]


def stems(word: str) -> tuple[str, ...]:
    """The keys a word is matched by: its stem, and for a Hebrew word also the stems of what
    is left without one or two prefix letters. A prefix letter cannot be told from a root
    letter without a dictionary, so every reading is kept and the weights sort them out."""
    keys = [stem(word)]
    if _HEBREW_WORD.fullmatch(word):
        for cut in (1, 2):
            if word[cut - 1] not in _HEBREW_PREFIXES or len(word) - cut < 3:
                break
            keys.append(stem(word[cut:]))
    return tuple(dict.fromkeys(keys))


@dataclass(frozen=True)
class TermTable:
    """Each statement's stems and each stem's weight, over both readouts together."""

    left: tuple[frozenset[str], ...]
    right: tuple[frozenset[str], ...]
    weight: dict[str, float]
    surface: dict[str, str]
    """A readable word for each stem (its first occurrence), for explanations."""

    @classmethod
    def build(cls, left: Sequence[str], right: Sequence[str]) -> TermTable:
        surface: dict[str, str] = {}
        bags = []
        for text in [*left, *right]:
            bag = set()
            for word in words(text):
                for key in stems(word):
                    surface.setdefault(key, word)
                    bag.add(key)
            bags.append(frozenset(bag))
        frequency: dict[str, int] = {}
        for bag in bags:
            for key in bag:
                frequency[key] = frequency.get(key, 0) + 1
        total = len(bags)
        # Smoothed inverse document frequency: a stem in every statement weighs ~0.
        weight = {key: math.log((total + 1) / count) for key, count in frequency.items()}
        return cls(tuple(bags[: len(left)]), tuple(bags[len(left) :]), weight, surface)

    def swapped(self) -> TermTable:
        return TermTable(self.right, self.left, self.weight, self.surface)

    def norm(self, bag: frozenset[str]) -> float:
        # Sorted, so the float sum (and every score) is the same in every process.
        return math.sqrt(sum(self.weight[k] ** 2 for k in sorted(bag)))

    def shared(self, i: int, j: int) -> list[str]:
        """Words statements left ``i`` and right ``j`` share, most distinctive first."""
        common = self.left[i] & self.right[j]
        ranked = sorted(common, key=lambda k: (-self.weight[k], k))
        return [self.surface[k] for k in ranked if self.weight[k] >= _TELLING]

    def overlap(self) -> np.ndarray:
        """Weighted cosine overlap of every left statement with every right one, 0..1."""
        scores = np.zeros((len(self.left), len(self.right)), dtype=np.float32)
        right_norms = [self.norm(b) for b in self.right]
        index: dict[str, list[int]] = {}
        for j, bag in enumerate(self.right):
            for key in bag:
                index.setdefault(key, []).append(j)
        for i, bag in enumerate(self.left):
            left_norm = self.norm(bag)
            if not left_norm:
                continue
            for key in sorted(bag):
                w2 = self.weight[key] ** 2
                for j in index.get(key, ()):
                    scores[i, j] += w2
            for j in np.nonzero(scores[i])[0]:
                scores[i, j] /= left_norm * right_norms[j] or 1.0
        return scores
