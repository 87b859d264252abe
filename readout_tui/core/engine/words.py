"""Lexical evidence that works in any language: distinctive words two statements share.

Words are weighted by how rare they are across *both* readouts, so the leaders' names, titles
and protocol words that nearly every statement carries count for little, while a word that two
statements alone share counts for a lot. No stopword list is needed, which keeps this free of
English-only assumptions.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

import numpy as np

from readout_tui.core.bulk import collector_paused
from readout_tui.core.engine.statements import terminal_visible

if TYPE_CHECKING:
    from scipy import sparse

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


_TRANSLITERATED = re.compile(r"[\u0370-\u058f\u0900-\u0dff\u10a0-\u10ff]")
"""Scripts whose words are also matched in Latin letters, so that a name bridges two accounts in
different scripts (Путин = Putin, Нетаньяху = Netanyahu, Іран = Iran): Greek, Cyrillic,
Armenian, the Indic scripts, Georgian, which write their vowels. Hebrew and Arabic mostly do
not ("נתניהו" -> "ntnyhv"), so their transliterations match nothing and would only dilute the
weights of their own words; CJK's romanisation (Pinyin) does not spell names as English does."""
TRANSLITERATED_STEM = 5
"""A transliterated word is matched by its first five letters as well as six: the case endings
of Cyrillic names then fall away ("Путина" = "Putina" -> "putin")."""


_TELLING = math.log(2)
"""Shown as shared only when a word is in at most about half of all statements: "the" and the
leaders' names count a little towards the score but explain nothing to a reader."""


def words(text: str) -> list[str]:
    """The words of ``text`` as a terminal shows it (``terminal_visible``: a colour code must
    not glue "31m" to the word it colours), case-folded; runs of CJK characters become
    overlapping bigrams."""
    text = terminal_visible(text)
    if not _CJK.search(text):  # the common case, without a look at every word
        return [w for w in map(str.casefold, _WORD.findall(text)) if len(w) > 1 or w.isdigit()]
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
    if _TRANSLITERATED.match(word):
        latin = transliterated(word)
        if latin:
            keys += [latin[:STEM_LENGTH], latin[:TRANSLITERATED_STEM]]
    return tuple(dict.fromkeys(keys))


@lru_cache(maxsize=65536)
def transliterated(word: str) -> str:
    """``word`` in lower-case Latin letters and digits ("Нетаньяху" -> "netanyakhu"), by
    anyascii: one small table per character, every script, no model. Apostrophes it writes for
    soft signs are dropped, as English spellings of names drop them."""
    from anyascii import anyascii

    return "".join(c for c in anyascii(word).casefold() if c.isalnum())


@dataclass(frozen=True)
class TermTable:
    """Each statement's stems and each stem's weight, over both readouts together."""

    left: tuple[frozenset[str], ...]
    right: tuple[frozenset[str], ...]
    weight: dict[str, float]
    surface: dict[str, str]
    """A readable word for each stem (its first occurrence), for explanations."""

    @classmethod
    @collector_paused()
    def build(cls, left: Sequence[str], right: Sequence[str]) -> TermTable:
        surface: dict[str, str] = {}
        bags = []
        keys: dict[str, tuple[str, ...]] = {}  # words recur: each is stemmed once
        read: dict[str, frozenset[str]] = {}  # and statements: each distinct text read once
        for text in [*left, *right]:
            if text in read:
                bags.append(read[text])
                continue
            found = words(text)
            for word in found:
                if word not in keys:
                    keys[word] = stems(word)
                    # A stem's surface is the first word that had it, so only a new word can set one.
                    for key in keys[word]:
                        surface.setdefault(key, word)
            bags.append(read.setdefault(text, frozenset(key for word in found for key in keys[word])))
        frequency = Counter(key for bag in bags for key in bag)
        total = len(bags)
        # Smoothed inverse document frequency: a stem in every statement weighs ~0.
        weight = {key: math.log((total + 1) / count) for key, count in frequency.items()}
        return cls(tuple(bags[: len(left)]), tuple(bags[len(left) :]), weight, surface)

    def swapped(self) -> TermTable:
        table = TermTable(self.right, self.left, self.weight, self.surface)
        if "_vectors" in self.__dict__:  # already built: they serve the other way round too
            left, right = self._vectors
            table.__dict__["_vectors"] = (right, left)
        return table

    def shared(self, i: int, j: int) -> list[str]:
        """Words statements left ``i`` and right ``j`` share, most distinctive first."""
        left, right = self._telling_places
        surface = self._telling_surface
        return [surface[place] for place in sorted(left[i] & right[j])]

    def shared_of_pairs(self, left: list[int], right: list[int], limit: int) -> list[tuple[str, ...]]:
        """``shared(i, j)[:limit]`` of each pair (``left[k]``, ``right[k]``), as tuples: the
        look-ups made once for all (~100,000 pairs at 10,000 statements a side)."""
        of_left, of_right = self._telling_places
        surface = self._telling_surface
        return [
            tuple([surface[place] for place in sorted(of_left[i] & of_right[j])[:limit]])
            for i, j in zip(left, right)
        ]

    @cached_property
    def _telling_places(self) -> tuple[list[frozenset[int]], list[frozenset[int]]]:
        """Each statement's stems worth showing as shared (a pair's are in both of its own), by
        their places in ``_telling``: a pair's then sort as plain integers, with no look-up per
        stem (~140,000 pairs at 10,000 statements a side)."""
        rank = self._telling
        return (
            [frozenset(rank[k] for k in bag if k in rank) for bag in self.left],
            [frozenset(rank[k] for k in bag if k in rank) for bag in self.right],
        )

    @cached_property
    def _telling_surface(self) -> list[str]:
        """The readable word of each place of ``_telling``."""
        return list(dict.fromkeys(self.surface[k] for k in self._telling))

    @cached_property
    def _telling(self) -> dict[str, int]:
        """The stems worth showing as shared, each with the place of its readable word, most
        distinctive first. Stems of one word share its place, so that the word is shown once:
        a Cyrillic word is keyed by its own stem and by two of its transliteration's."""
        telling = [k for k, w in self.weight.items() if w >= _TELLING]
        telling.sort(key=lambda k: (-self.weight[k], k))
        places: dict[str, int] = {}
        return {key: places.setdefault(self.surface[key], len(places)) for key in telling}

    def make_vectors(self) -> None:
        """Make what ``overlap`` reads (and import scipy, for thousands of statements) now
        rather than at its first call: for a caller with nothing else to do meanwhile."""
        self._vectors  # noqa: B018 - a cached property, made here

    def overlap(self, rows: Sequence[int] | np.ndarray | slice = slice(None)) -> np.ndarray:
        """Weighted cosine overlap of left statements ``rows`` with every right one, 0..1."""
        left, right = self._vectors
        scores = left.common[rows] @ right.common.T
        if left.rare is not None and right.rare is not None:
            rare = left.rare[rows] @ right.rare_columns
            # Added in place: the rare stems touch only a few pairs of a block.
            at = np.repeat(np.arange(rare.shape[0]) * scores.shape[1], np.diff(rare.indptr)) + rare.indices
            scores.ravel()[at] += rare.data.astype(np.float32)
        return scores

    @cached_property
    def _vectors(self) -> tuple[_Vectors, _Vectors]:
        keys = sorted(self.weight)
        column = {key: n for n, key in enumerate(keys)}
        weight = np.array([self.weight[k] for k in keys], dtype=np.float64)
        left = _UnitRows.of(self.left, column, weight)
        right = _UnitRows.of(self.right, column, weight)
        statements = [np.bincount(side.indices, minlength=len(keys)) for side in (left, right)]
        pairs = statements[0] * statements[1]
        if (len(self.left) + len(self.right)) * len(keys) <= _ALL_DENSE:
            common = pairs > 0
        else:
            # A stem in many statements of both sides costs a sparse product more than a
            # dense column costs the BLAS (measured ~500x per multiply): those few go dense.
            common = pairs > _DENSE_SHARE * len(self.left) * len(self.right)
        rare = (pairs > 0) & ~common  # a stem on one side only adds nothing: left out
        return _Vectors.split(left, common, rare), _Vectors.split(right, common, rare)


_ALL_DENSE = 4_000_000
"""Up to this many statement-stem cells, every stem goes to the dense part (16 MB), which
also spares importing scipy for a pair of readouts."""

_DENSE_SHARE = 1 / 500
"""A stem shared by more than this share of all left-right pairs goes to the dense part."""


@dataclass(frozen=True, eq=False)
class _UnitRows:
    """Statements x stems, each row the statement's stem weights scaled to unit length, as the
    (row, column, value) of each cell that is not zero, in row order."""

    count: int
    rows: np.ndarray
    indices: np.ndarray
    data: np.ndarray

    @classmethod
    def of(cls, bags: Sequence[frozenset[str]], column: dict[str, int], weight: np.ndarray) -> _UnitRows:
        lengths = np.array([len(bag) for bag in bags], dtype=np.int64)
        rows = np.repeat(np.arange(len(bags)), lengths)
        indices = np.fromiter((column[key] for bag in bags for key in bag), dtype=np.int64, count=int(lengths.sum()))
        # Sorted within each statement, so the float sums (and every score) are the same in
        # every process.
        indices = indices[np.lexsort((indices, rows))]
        values = weight[indices]
        norms = np.sqrt(np.bincount(rows, weights=values**2, minlength=len(bags)))
        return cls(len(bags), rows, indices, values / np.where(norms == 0, 1, norms)[rows])


@dataclass(frozen=True, eq=False)
class _Vectors:
    """One side's statements as unit vectors of stem weights: a dense part for the common
    stems, a sparse one (None if empty) for the rest."""

    common: np.ndarray
    rare: sparse.csr_matrix | None

    @classmethod
    def split(cls, cells: _UnitRows, common: np.ndarray, rare: np.ndarray) -> _Vectors:
        dense = np.zeros((cells.count, int(common.sum())), dtype=np.float32)
        at = common[cells.indices]
        dense[cells.rows[at], (np.cumsum(common) - 1)[cells.indices[at]]] = cells.data[at]
        at = rare[cells.indices]
        if not at.any():
            return cls(dense, None)
        from scipy import sparse  # only for thousands of statements: its import takes 0.3 s

        indptr = np.concatenate([[0], np.cumsum(np.bincount(cells.rows[at], minlength=cells.count))])
        columns = (np.cumsum(rare) - 1)[cells.indices[at]]
        shape = (cells.count, int(rare.sum()))
        return cls(dense, sparse.csr_matrix((cells.data[at], columns, indptr), shape=shape))

    @cached_property
    def rare_columns(self) -> sparse.csr_matrix:
        return self.rare.T.tocsr()
