"""Statements told twice: a side's point the article tells again later, in other words.

An article often tells a side's point in its lede and again in the body ("Erdogan said Ankara
wants stability in Syria" ... "Erdogan also repeated that Türkiye is committed to peace and
stability in Syria"), or quotes a leader and then says what he said in reported speech. The
later telling adds nothing to the side's account, and left in, it would be compared twice.

For each pair of statements of one side, an earlier and a later, a logistic model reads how
much they share, each read without its cue ("the Kremlin said": what is said, not who says it):
the share of each one's words the other has, each word weighed by how few of the article's
statements have it (so "Putin", in every other statement, weighs little, and the rare words of
a point much), also without the words the article capitalises (names, titles); the names,
numbers and word pairs they share and the ones the later one adds; how alike their letters are
(``rapidfuzz``); their lengths; how far apart they stand, whether the earlier is in the lede or
the side's first statement, and whether it is the earlier statement of the side the later one
shares most with. Words are cut to their first letters (``_STEM``) so that "stability" and
"stable", "Путин" and "Путина" meet; no word list is read, in any language.

A later statement whose likeliest earlier one (not itself a repeat) passes the threshold is
marked as repeating it. The weights and threshold (``repeats.json``) are fitted by
``bench/repeats.py``; only the standard library and ``rapidfuzz`` are needed here, so
attribution stays instant. What it cannot tell: a new point told in the lede's frame ("President
Vorel also told Prime Minister Brask that ...") shares as much as a retelling does.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

WEIGHTS = Path(__file__).with_name("repeats.json")
_STEM = 5
_LONG = 4
_RUN = 5
"""A word of at least this many letters counts as a content word for the plain shares."""
_WORD = re.compile(r"\w+")
_DIGITS = re.compile(r"\d+")
_QUOTES = "\"'“”«»„‘’"
NEITHER = "neither"
CANDIDATES = 12
"""How many earlier statements of its side a statement is compared with in full: the ones
that share most of its rarer words (in the gold, every repeat's first telling is among them)."""


@dataclass(frozen=True)
class _Read:
    stems: frozenset[str]
    long: frozenset[str]
    names: frozenset[str]
    order: tuple[str, ...]
    """The names in the order they first come."""
    numbers: frozenset[str]
    bigrams: frozenset[tuple[str, str]]
    chars: frozenset[str]
    grams: dict[str, frozenset[str]]
    """Each word's stem, and the five letters runs inside the word."""
    inside: frozenset[str]
    flat: str
    words: int
    quoted: bool


def _names(text: str) -> tuple[str, ...]:
    """The stems of its words written with a capital inside the sentence, in order."""
    return tuple(dict.fromkeys(w.casefold()[:_STEM] for w in _WORD.findall(text)[1:] if w[:1].isupper()))


def _read(text: str) -> _Read:
    order = _names(text)
    words = _WORD.findall(text)
    stems = [w.casefold()[:_STEM] for w in words if not w.isdigit()]
    flat = " ".join(w.casefold() for w in words)
    squeezed = flat.replace(" ", "")
    grams = {}
    for w in words:
        if w.isdigit():
            continue
        w = w.casefold()
        grams.setdefault(w[:_STEM], set()).update(w[k : k + _RUN] for k in range(max(1, len(w) - _RUN + 1)))
    grams = {s: frozenset(g) for s, g in grams.items()}
    return _Read(
        frozenset(stems),
        frozenset(w.casefold()[:_STEM] for w in words if len(w) >= _LONG and not w.isdigit()),
        frozenset(order),
        order,
        frozenset(_DIGITS.findall(text)),
        frozenset(zip(stems, stems[1:])),
        frozenset(squeezed[k : k + 4] for k in range(len(squeezed) - 3)),
        grams,
        frozenset(g for gs in grams.values() for g in gs),
        flat,
        len(words),
        any(c in _QUOTES for c in text),
    )


def _without(text: str, cue: str) -> str:
    """The statement without the words of its cue ("the Kremlin said"): what it says, not who."""
    if not cue:
        return text
    start = text.find(cue)
    return text if start < 0 else text[:start] + " " + text[start + len(cue) :]


def _jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _share(part: frozenset, whole: frozenset) -> float:
    return len(part & whole) / len(part) if part else 0.0


class Article:
    """An article's statements read once for every pair of them: ``statements`` is each
    statement's text, line (block) and side ("left", "right" or "neither")."""

    def __init__(self, statements: Sequence[tuple[str, int, str, str]]):
        self.sides = [str(side) for _, _, side, _ in statements]
        texts = [_without(text, cue) for text, _, _, cue in statements]
        self.names = frozenset(n for text in texts for n in _names(text))
        """The stems of the words the article writes with a capital inside a sentence."""
        self.read = [_read(text) for text in texts]
        self.n = len(statements)
        df: dict[str, int] = {}
        for r in self.read:
            for s in r.stems:
                df[s] = df.get(s, 0) + 1
        self.idf = {s: math.log((self.n + 1) / d) for s, d in df.items()}
        blocks = sorted({block for _, block, _, _ in statements})
        rank = {b: k for k, b in enumerate(blocks)}
        self.block_rank = [rank[block] for _, block, _, _ in statements]
        self._earlier: dict[int, list[int]] = {}
        self._later: dict[int, dict[str, float]] = {}
        self._top: dict[int, list[tuple[int, float]]] = {}

    def earlier(self, later: int) -> list[int]:
        """The earlier statements of ``later``'s side."""
        if later not in self._earlier:
            side = self.sides[later]
            self._earlier[later] = [e for e in range(later) if self.sides[e] == side]
        return self._earlier[later]

    def _weighed(self, stems: frozenset[str], among: frozenset[str]) -> float:
        """The share of ``stems``, each weighed by its rarity in the article, that ``among`` has."""
        # fsum: the same share whatever order the set gives its words in
        total = math.fsum(self.idf[s] for s in stems)
        return math.fsum(self.idf[s] for s in stems & among) / total if total else 0.0

    def _soft(self, a: _Read, b: _Read) -> float:
        """The share of ``a``'s words, weighed by rarity, that have a run of letters inside a
        word of ``b`` ("menyatakan" and "pernyataan", "kerja" and "bekerja")."""
        total = found = 0.0
        for stem, grams in a.grams.items():
            weight = self.idf[stem]
            total += weight
            if stem in b.stems or grams & b.inside:
                found += weight
        return found / total if total else 0.0

    def _of_later(self, later: int) -> dict[str, float]:
        """What a later statement's pairs share: how much of it was told before, and how much
        of it each earlier statement of its side has."""
        if later not in self._later:
            a = self.read[later]
            same_side = self.earlier(later)
            before_side = frozenset().union(*(self.read[o].stems for o in same_side))
            before_all = frozenset().union(*(self.read[o].stems for o in range(later)))
            covered = {o: self._weighed(a.stems, self.read[o].stems) for o in same_side}
            self._later[later] = {
                "side_before": self._weighed(a.stems, before_side),
                "all_before": self._weighed(a.stems, before_all),
                **{str(o): cov for o, cov in covered.items()},
            }
            # The two earlier statements that cover most of it, for each pair's best of the others.
            self._top[later] = sorted(covered.items(), key=lambda oc: -oc[1])[:2]
        return self._later[later]

    def candidates(self, later: int) -> list[int]:
        """The earlier statements of ``later``'s side worth scoring: the ``CANDIDATES`` that
        cover most of it, so that a long text costs a few pairs a statement, not all of them."""
        of_later = self._of_later(later)
        earlier = self.earlier(later)
        if len(earlier) <= CANDIDATES:
            return earlier
        return sorted(sorted(earlier, key=lambda o: -of_later[str(o)])[:CANDIDATES])

    def _best_other(self, e: int, later: int) -> float | None:
        """How much of ``later`` the earlier statement of its side that covers most of it, other
        than ``e``, covers (None when there is none)."""
        others = [cov for o, cov in self._top[later] if o != e]
        return others[0] if others else None

    def features(self, e: int, later: int) -> dict[str, float]:
        """The pair's features: ``e`` an earlier statement of ``later``'s side."""
        a, b = self.read[later], self.read[e]
        of_later = self._of_later(later)
        same_side = self.earlier(later)
        cov_l = of_later[str(e)]
        cov_e = self._weighed(b.stems, a.stems)
        best_other = self._best_other(e, later)
        shared_names = a.names & b.names
        order_a = [n for n in a.order if n in shared_names]
        order_b = [n for n in b.order if n in shared_names]
        content_a, content_b = a.stems - self.names, b.stems - self.names
        return {
            "content_l": self._weighed(content_a, content_b),
            "content_e": self._weighed(content_b, content_a),
            "content_shared": math.log1p(len(content_a & content_b)),
            "cov_l": cov_l,
            "cov_e": cov_e,
            "cov_min": min(cov_l, cov_e),
            "soft_l": self._soft(a, b),
            "soft_e": self._soft(b, a),
            "side_before": of_later["side_before"],
            "all_before": of_later["all_before"],
            "best": 1.0 if best_other is None or cov_l >= best_other else 0.0,
            "gap": cov_l - (best_other or 0.0),
            "long_l": _share(a.long, b.long),
            "long_e": _share(b.long, a.long),
            "long_shared": math.log1p(len(a.long & b.long)),
            "names_shared": math.log1p(len(shared_names)),
            "names_new": len(a.names - b.names) / len(a.names) if a.names else 0.0,
            "first_name": 1.0 if a.order and b.order and a.order[0] == b.order[0] else 0.0,
            "name_order": 1.0 if len(order_a) >= 2 and order_a != order_b else 0.0,
            "numbers_shared": math.log1p(len(a.numbers & b.numbers)),
            "numbers_new": 1.0 if a.numbers - b.numbers else 0.0,
            "bigrams_l": _share(a.bigrams, b.bigrams),
            "bigrams_shared": math.log1p(len(a.bigrams & b.bigrams)),
            "chars": _jaccard(a.chars, b.chars),
            "token_set": fuzz.token_set_ratio(a.flat, b.flat) / 100,
            "partial": fuzz.partial_ratio(a.flat, b.flat) / 100,
            "token_sort": fuzz.token_sort_ratio(a.flat, b.flat) / 100,
            "length": math.log((a.words + 1) / (b.words + 1)),
            "words": math.log1p(a.words),
            "apart": math.log1p(later - e),
            "between": math.log1p(len(same_side) - bisect_right(same_side, e)),
            "lede": 1.0 if self.block_rank[e] <= 2 else 0.0,
            "first": 1.0 if same_side[0] == e else 0.0,
            "place": later / max(1, self.n),
            "quoted_l": 1.0 if a.quoted else 0.0,
            "quoted_e": 1.0 if b.quoted else 0.0,
        }


@dataclass(frozen=True)
class Model:
    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float

    def probability(self, features: dict[str, float]) -> float:
        z = self.intercept
        for name, mean, scale, coef in zip(self.names, self.mean, self.scale, self.coef):
            z += coef * (features[name] - mean) / scale
        return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0

    def to_json(self) -> dict:
        return {
            "features": list(self.names),
            "mean": [round(x, 6) for x in self.mean],
            "scale": [round(x, 6) for x in self.scale],
            "coef": [round(x, 6) for x in self.coef],
            "intercept": round(self.intercept, 6),
            "threshold": round(self.threshold, 4),
        }

    @classmethod
    def from_json(cls, data: dict) -> Model:
        return cls(
            tuple(data["features"]),
            tuple(float(x) for x in data["mean"]),
            tuple(float(x) for x in data["scale"]),
            tuple(float(x) for x in data["coef"]),
            float(data["intercept"]),
            float(data["threshold"]),
        )


@lru_cache(maxsize=1)
def shipped() -> Model | None:
    if not WEIGHTS.is_file():
        return None
    return Model.from_json(json.loads(WEIGHTS.read_text(encoding="utf-8")))


def scores(article: Article, model: Model) -> dict[int, dict[int, float]]:
    """For each statement of a side, each earlier statement of its side's probability of being
    the one it tells again."""
    out: dict[int, dict[int, float]] = {}
    for later in range(article.n):
        if article.sides[later] == NEITHER:
            continue
        out[later] = {e: model.probability(article.features(e, later)) for e in article.candidates(later)}
    return out


def choose(
    article: Article, probabilities: dict[int, dict[int, float]], threshold: float
) -> list[int | None]:
    """Each statement's earlier one it repeats, or None: its likeliest earlier statement of its
    side that is no repeat itself, where that passes ``threshold``."""
    repeats: list[int | None] = [None] * article.n
    for later, candidates in sorted(probabilities.items()):
        kept = {e: p for e, p in candidates.items() if repeats[e] is None}
        if kept:
            e = max(kept, key=kept.get)
            if kept[e] >= threshold:
                repeats[later] = e
    return repeats


def find_repeats(
    statements: Sequence[tuple[str, int, str, str]], model: Model | None = None
) -> list[int | None] | None:
    """Which earlier statement each statement tells again (positions in ``statements``), or
    None when no weights are shipped."""
    model = model or shipped()
    if model is None:
        return None
    article = Article(statements)
    return choose(article, scores(article, model), model.threshold)
