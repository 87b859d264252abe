"""Same point, same telling, or the same point told differently: a pair's kind, learned.

The gold's "diverge" marks one point told with another framing: "criminals based in Russia"
against "allegedly from Russian territory", "Russia's unprovoked invasion" against "the
situation in Ukraine". How alike two statements are says little about that. What says more is
what one side has and the other lacks: a negation, a hedge, a word that judges or blames, a
demand, and how much of one telling the other leaves out. A logistic model over those signals
is fitted on the gold's agree/diverge labels by ``bench/learn.py`` (grouped by call) and
shipped as ``scorers/kind.json``; ``Telling.reason`` says in a few words what tipped it.

Some subjects are told differently more often than others (a war, a dispute) and some hardly
ever (greetings, invitations). With a model's own vectors at hand, the kind model for that model
(``scorers/kind-<scorer>.json``) also reads what the pair is about: the element-wise product of
the two statements' vectors, projected on a few axes fitted with it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from operator import and_, attrgetter, itemgetter, xor

import numpy as np

from readout_tui.core.aside import wanted_late
from readout_tui.core.bulk import collector_paused
from readout_tui.core.engine.words import stem

NEGATION = re.compile(r"\b(?:not|no|never|nor|without|cannot|\w+n't)\b", re.IGNORECASE)
NEGATION_WITHOUT_APOSTROPHE = re.compile(r"\b(?=[cnw])(?:not|no|never|nor|without|cannot)\b", re.IGNORECASE)
"""``NEGATION`` for a text without an apostrophe, where "\\w+n't" cannot match: tried at each
word, that part ran through the whole word and back (~0.25 of ``Reading.of``'s ~1.6 CPU-s for
20,000 statements). The look-ahead skips, quickly, the words no negation starts with."""
FRAMING = re.compile(
    # The look-ahead for the words' first letters only skips, quickly, the places where none
    # of them can start, most of a statement; it matches nothing else (a test keeps the letters
    # and the words in step).
    r"\b(?=[abcdhimoprstuw])(?:alleged\w*|so-called|claim\w*|purported\w*|supposed\w*|"  # distance from a claim
    r"must|should|urg\w+|demand\w*|insist\w*|warn\w*|call\w* on|"  # pressure
    r"concern\w*|regret\w*|condemn\w*|oppos\w+|reject\w*|criticis\w*|deplor\w*|"  # disapproval
    r"aggression|invasion|unprovoked|illegal\w*|illegitimate|brutal\w*|terror\w*|crim\w+|"  # blame
    r"provocat\w*|hostil\w*|unacceptable|unilateral\w*|interfer\w*|"
    r"situation|crisis|conflict|tension\w*)\b",  # the neutral words that replace blame
    re.IGNORECASE,
)
"""English words that frame a point: distance from a claim, pressure, disapproval, blame, and
the neutral words a side uses instead of the other's blame. General vocabulary of diplomatic
prose, not taken from any one readout."""
CONTENT_WORD = re.compile(r"\w{4,}")


def _for_lower_case(pattern: re.Pattern) -> re.Pattern:
    """``pattern`` without IGNORECASE, for an ASCII text already in lower case: the patterns'
    letters are all lower case, and without the case folding the regular expression engine
    scans several times faster (``Reading.of``)."""
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


_LOWER_FRAMING, _LOWER_NEGATION, _LOWER_NEGATION_WITHOUT_APOSTROPHE = map(
    _for_lower_case, (FRAMING, NEGATION, NEGATION_WITHOUT_APOSTROPHE)
)

FEATURES = (
    "cosine", "lexical", "jaccard", "length_ratio", "negation_gap", "framing_gap", "framing", "one_sided_words"
)


@dataclass(frozen=True)
class Reading:
    """What the kind model reads in one statement: read once, it serves every pair the
    statement is in."""

    length: int
    words: frozenset[str]
    negated: frozenset[str]
    framing: frozenset[str]
    framing_stems: tuple[tuple[str, str], ...]
    """Each framing word with its stem."""

    @classmethod
    def of(cls, text: str) -> Reading:
        if text.isascii():
            return cls._of_ascii(text)
        # The patterns have no groups: findall gives each whole match.
        framing = frozenset(map(str.lower, FRAMING.findall(text)))
        negation = NEGATION if "'" in text else NEGATION_WITHOUT_APOSTROPHE
        return cls(
            len(text),
            frozenset(map(str.lower, CONTENT_WORD.findall(text))),
            frozenset(map(str.lower, negation.findall(text))),
            framing,
            tuple((w, stem(w)) for w in framing),
        )

    @classmethod
    def _of_ascii(cls, text: str) -> Reading:
        """``of`` an ASCII ``text``, read in lower case: each letter lowers to one letter and
        stays a word character, so the patterns match the same places and each match comes
        lowered, in the same order (the sets are built alike). ~0.55 -> ~0.3 CPU-s for 18,000
        statements (docs/performance.md, thirteenth round)."""
        lower = text.lower()
        framing = frozenset(_LOWER_FRAMING.findall(lower))
        negation = _LOWER_NEGATION if "'" in text else _LOWER_NEGATION_WITHOUT_APOSTROPHE
        return cls(
            len(text),
            frozenset(CONTENT_WORD.findall(lower)),
            frozenset(negation.findall(lower)),
            framing,
            tuple((w, stem(w)) for w in framing),
        )

    def one_sided_framing(self, other: Reading) -> set[str]:
        """The framing words whose stem the other's framing words lack ("criminal" and
        "criminals" are one)."""
        stems = {s for _, s in other.framing_stems}
        return {w for w, s in self.framing_stems if s not in stems}

    def against(self, other: Reading, cosine: float, lexical: float) -> tuple[float, ...]:
        """The pair's ``FEATURES``, but for the length ratio: this statement's and the other's
        lengths instead (``length_ratio`` takes them all at once)."""
        shared = len(self.words & other.words)
        union = len(self.words) + len(other.words) - shared
        if self.framing or other.framing:
            framed = len(self.one_sided_framing(other) | other.one_sided_framing(self))
            framing = len(self.framing | other.framing)
        else:
            framed = framing = 0
        return (
            cosine,
            lexical,
            shared / max(union, 1),
            max(self.length, 1) / max(other.length, 1),
            float(len(self.negated ^ other.negated)),
            float(framed),
            float(framing),
            (union - shared) / max(union, 1),
        )


_Packed = tuple[int, str, tuple[str, ...], tuple[tuple[str, str], ...]]


# Wanted after the reach only: in a child it leaves the cores to the comparison first.
@wanted_late
def read_packed(texts: Sequence[str]) -> list[_Packed]:
    """``Reading.of`` each text, packed to be sent from another process (``unpacked``): its
    content words as one string, as a frozenset of thousands of short strings costs the
    receiver about half of reading them itself to unpickle."""
    packed = []
    for text in texts:
        reading = Reading.of(text)
        packed.append((reading.length, " ".join(reading.words), tuple(reading.negated), reading.framing_stems))
    return packed


# 20,000 readings and their sets at 10,000 statements a side, none in a cycle: the cyclic
# collector walked them for nothing (~0.15 -> ~0.1 s, on this process's way to decide).
@collector_paused()
def unpacked(texts: Sequence[str], packed: list[_Packed]) -> dict[str, Reading]:
    """The readings of ``read_packed(texts)`` by text, each equal to ``Reading.of`` of it
    (content words hold no white space: they are runs of word characters)."""
    return {
        text: Reading(length, frozenset(words.split()), frozenset(negated), frozenset(w for w, _ in stems), stems)
        for text, (length, words, negated, stems) in zip(texts, packed)
    }


def against_all(pairs: list[tuple[Reading, Reading, float, float]]) -> np.ndarray:
    """``Reading.against`` of each (reading, other, cosine, lexical), as the rows of one array:
    the counts in Python, the divisions in numpy (of integers exact in float64, rounded as
    Python's), the framing sets only where a pair has any; ~140,000 pairs at 10,000 a side.
    The counts are taken through ``map`` over the pairs' columns, not a loop in Python per
    pair and count (~0.35 -> ~0.26 CPU-s at 10,000 a side; docs/performance.md, sixteenth round)."""
    out = np.empty((len(pairs), len(FEATURES)))
    if not pairs:
        return out
    n = len(pairs)
    ours, theirs = list(map(_FIRST, pairs)), list(map(_SECOND, pairs))
    out[:, 0] = np.fromiter(map(_THIRD, pairs), np.float64, n)
    out[:, 1] = np.fromiter(map(_FOURTH, pairs), np.float64, n)
    our_words, their_words = list(map(_WORDS, ours)), list(map(_WORDS, theirs))
    shared = np.fromiter(map(len, map(and_, our_words, their_words)), np.float64, n)
    union = np.fromiter(map(len, our_words), np.float64, n) + np.fromiter(map(len, their_words), np.float64, n)
    union -= shared
    union_or_1 = np.maximum(union, 1)
    out[:, 2] = shared / union_or_1
    out[:, 3] = np.maximum(np.fromiter(map(_LENGTH, ours), np.float64, n), 1) / np.maximum(
        np.fromiter(map(_LENGTH, theirs), np.float64, n), 1
    )
    # Empty sets for most statements: the symmetric difference of two is empty (0), as when
    # neither has a negation.
    out[:, 4] = np.fromiter(
        map(len, map(xor, map(_NEGATED, ours), map(_NEGATED, theirs))), np.float64, n
    )
    out[:, 5:7] = 0
    framed = np.fromiter(map(len, map(_FRAMING, ours)), np.intp, n) + np.fromiter(
        map(len, map(_FRAMING, theirs)), np.intp, n
    )
    # Both counts depend on the two framing sets alone, and few pairs of them recur (~60 among
    # ~36,000 framed pairs at 10,000 a side): each pair of sets is counted once.
    counted: dict[tuple[frozenset[str], frozenset[str]], tuple[int, int]] = {}
    for k in np.flatnonzero(framed).tolist():
        a, b = ours[k], theirs[k]
        key = (a.framing, b.framing)
        if key not in counted:
            counted[key] = (len(a.one_sided_framing(b) | b.one_sided_framing(a)), len(a.framing | b.framing))
        out[k, 5:7] = counted[key]
    out[:, 7] = (union - shared) / union_or_1
    return out


_FIRST, _SECOND, _THIRD, _FOURTH = (itemgetter(k) for k in range(4))
_WORDS, _NEGATED, _FRAMING, _LENGTH = (attrgetter(name) for name in ("words", "negated", "framing", "length"))


def length_ratio(ratio):
    """How far apart two statements' lengths are, from the ratio of their lengths."""
    return np.abs(np.log(ratio))


Vectors = tuple[np.ndarray, np.ndarray]
PAIR_BLOCK = 4096


def subjects(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """What each pair is about, from its two unit vectors (or rows of them)."""
    return left.astype(np.float64) * right


@dataclass(frozen=True)
class Telling:
    """What tells two statements of one point apart, as the kind model reads it."""

    values: dict[str, float]
    negated: tuple[str, ...]
    """Negations one statement has and the other lacks."""
    framed: tuple[str, ...]
    """Framing words one statement has and the other lacks."""
    subject: np.ndarray | None = None
    """What the pair is about: the element-wise product of its two unit vectors (None without
    vectors)."""

    @classmethod
    def of(cls, left: str, right: str, cosine: float, lexical: float, vectors: Vectors | None = None) -> Telling:
        subject = None if vectors is None else subjects(*vectors)
        return cls.between(_reading(left), _reading(right), cosine, lexical, subject)

    @classmethod
    def between(
        cls, left: Reading, right: Reading, cosine: float, lexical: float, subject: np.ndarray | None = None
    ) -> Telling:
        values = dict(zip(FEATURES, left.against(right, cosine, lexical)))
        values["length_ratio"] = float(length_ratio(values["length_ratio"]))
        return cls(values, _negated(left, right), _framed(left, right), subject)

    def reason(self, by_subject: bool = False) -> str:
        """Why the pair reads as told differently, in a few words; ``by_subject``: what it is
        about weighed towards it."""
        return _told_apart(self.framed, self.negated, self.values["jaccard"], by_subject)


def _framed(left: Reading, right: Reading) -> tuple[str, ...]:
    """``Telling.framed`` of two readings."""
    return tuple(sorted(left.one_sided_framing(right) | right.one_sided_framing(left)))


def _negated(left: Reading, right: Reading) -> tuple[str, ...]:
    """``Telling.negated`` of two readings."""
    return tuple(sorted(left.negated ^ right.negated))


def _told_apart(framed: tuple[str, ...], negated: tuple[str, ...], jaccard: float, by_subject: bool) -> str:
    """``Telling.reason`` of a telling with these ``framed`` and ``negated`` words and ``jaccard``."""
    parts = []
    if framed:
        parts.append("framing on one side only: " + ", ".join(framed[:4]))
    if negated:
        parts.append("negation on one side only: " + ", ".join(negated[:2]))
    if by_subject and not parts:
        parts.append("a subject often told differently")
    if not parts:
        parts.append(f"few words in common ({jaccard:.0%})")
    return "; ".join(parts)


@lru_cache(maxsize=4096)
def _reading(text: str) -> Reading:
    return Reading.of(text)


@dataclass(frozen=True, eq=False)
class KindModel:
    """The fitted model: the probability that a pair is the same point told differently."""

    centre: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    intercept: float
    threshold: float
    subject_axes: np.ndarray | None = None
    """k x d: the axes the pair's subject is projected on (the mean is taken out first); None:
    the model reads no vectors. ``centre``, ``scale`` and ``weights`` then cover the k
    projections after ``FEATURES``."""
    subject_mean: np.ndarray | None = None

    def differently(self, telling: Telling) -> bool:
        return self.probability(telling) >= self.threshold

    def differently_all(self, features: list[tuple[float, ...]], projected: np.ndarray | None = None) -> np.ndarray:
        """``differently`` of each pair, from its ``Reading.against`` (and, for a model that
        reads the subject, its ``projections``), in one pass over them."""
        x = np.array(features, np.float64).reshape(-1, len(FEATURES))
        ratio = FEATURES.index("length_ratio")
        x[:, ratio] = length_ratio(x[:, ratio])
        if self.subject_axes is not None:
            if projected is None:
                raise ValueError("this kind model reads the pairs' vectors")
            x = np.hstack([x, projected])
        z = ((x - self.centre) / self.scale) @ self.weights + self.intercept
        return _probability(z) >= self.threshold

    def probability(self, telling: Telling) -> float:
        z = float(self._terms(telling).sum() + self.intercept)
        return _probability(z)

    def reason(self, telling: Telling, projected: np.ndarray | None = None) -> str:
        """``Telling.reason``, knowing whether the pair's subject weighed towards "differently";
        ``projected``: the pair's row of ``projections`` when already worked out."""
        if self.subject_axes is None:
            return telling.reason()
        if projected is None:
            projected = self._projected(telling.subject)
        return telling.reason(by_subject=bool(self._subject_parts(projected) > 0))

    def reasons(
        self, pairs: Sequence[tuple[Reading, Reading]], jaccard: np.ndarray, projected: np.ndarray | None = None
    ) -> list[str]:
        """``reason`` of each pair of readings, from its ``jaccard`` (``against_all``'s) and, for
        a model that reads the subject, its row of ``projections``: for the thousands of pairs
        told differently at scale, without a ``Telling`` (all its features) and numpy's calls
        on a few numbers for each (~0.15 CPU-s for 8,700 pairs; docs/performance.md, thirteenth round)."""
        if self.subject_axes is None:
            by_subject = [False] * len(pairs)
        else:
            by_subject = (self._subject_parts(np.asarray(projected)) > 0).tolist()
        return [
            _told_apart(_framed(left, right), _negated(left, right), share, subject)
            for (left, right), share, subject in zip(pairs, np.asarray(jaccard).tolist(), by_subject)
        ]

    def _subject_parts(self, projected: np.ndarray) -> np.ndarray:
        """The subject's part of the log-odds, from a pair's ``projections`` (a row: a number),
        or of each pair (rows: each row's sum, as of that row alone: the last axis's)."""
        inputs = slice(len(FEATURES), None)
        return ((projected - self.centre[inputs]) / self.scale[inputs] * self.weights[inputs]).sum(axis=-1)

    def _terms(self, telling: Telling) -> np.ndarray:
        """Each input's part of the log-odds."""
        x = np.array([telling.values[name] for name in FEATURES], np.float64)
        if self.subject_axes is not None:
            x = np.concatenate([x, self._projected(telling.subject)])
        return (x - self.centre) / self.scale * self.weights

    def projections(self, left: np.ndarray, right: np.ndarray, pairs: np.ndarray) -> np.ndarray:
        """Each pair's subject on the model's axes, from the two sides' vectors and the pairs'
        (left, right) rows."""
        return projections(left, right, pairs, self.subject_axes, self.subject_mean)

    def _projected(self, subject: np.ndarray | None) -> np.ndarray:
        if subject is None:
            raise ValueError("this kind model reads the pair's vectors")
        return (subject - self.subject_mean) @ self.subject_axes.T

    def to_json(self) -> dict:
        data = {
            "features": list(FEATURES),
            "centre": self.centre.tolist(),
            "scale": self.scale.tolist(),
            "weights": self.weights.tolist(),
            "intercept": self.intercept,
            "threshold": self.threshold,
        }
        if self.subject_axes is not None:
            data["subject_axes"] = self.subject_axes.astype(np.float32).tolist()
            data["subject_mean"] = self.subject_mean.astype(np.float32).tolist()
        return data

    @classmethod
    def from_json(cls, data: dict) -> KindModel:
        if tuple(data["features"]) != FEATURES:
            raise ValueError("the kind model was fitted on other features")
        array = lambda key: None if key not in data else np.asarray(data[key], np.float64)  # noqa: E731
        intercept, threshold = float(data["intercept"]), float(data["threshold"])
        return cls(
            array("centre"), array("scale"), array("weights"), intercept, threshold,
            array("subject_axes"), array("subject_mean"),
        )


def _probability(z):
    """The logistic probability of log-odds ``z`` (a number or an array), clipped at +-30,
    where it is 0 or 1 to well past any threshold, so that ``exp`` never overflows."""
    return 1 / (1 + np.exp(-np.clip(z, -30, 30)))


def projections(
    left: np.ndarray, right: np.ndarray, pairs: np.ndarray, axes: np.ndarray, mean: np.ndarray
) -> np.ndarray:
    """Each pair's subject on ``axes`` (``mean`` taken out first), from the two sides' vectors
    and the pairs' (left, right) rows, a block of pairs at a time: a subject is as wide as a
    vector, so all of them at once would take gigabytes for a large collection."""
    out = np.empty((len(pairs), len(axes)))
    width = left.shape[1]
    # Each block's subjects are made a few hundred pairs at a time into one buffer, in the
    # steps of ``subjects(...) - mean`` (the same float64 values), while they are in the
    # cache; the product then runs on the whole block as before, so to the same bits. Made in
    # one go, the block's four temporaries went through memory: ~0.6 -> ~0.35 CPU-s for
    # 90,000 pairs (docs/performance.md, tenth round).
    subject = np.empty((min(len(pairs), PAIR_BLOCK), width))
    step = min(len(pairs), SUBJECT_CHUNK)
    of_left, of_right = np.empty((step, width), left.dtype), np.empty((step, width), right.dtype)
    for start in range(0, len(pairs), PAIR_BLOCK):
        block = pairs[start : start + PAIR_BLOCK]
        for at in range(0, len(block), step):
            part = block[at : at + step]
            a, b, made = of_left[: len(part)], of_right[: len(part)], subject[at : at + len(part)]
            np.take(left, part[:, 0], axis=0, out=a)
            np.take(right, part[:, 1], axis=0, out=b)
            np.multiply(a, b, out=made, dtype=np.float64)  # = left.astype(float64) * right
            made -= mean
        out[start : start + len(block)] = subject[: len(block)] @ axes.T
    return out


SUBJECT_CHUNK = 32
"""Pairs whose subjects ``projections`` makes at a time (~200 KB of float64 at 768 wide, and
the two sides' rows ~100 KB each): all three stay in a core's second-level cache. With 256
(~3 MB in all) the 93,000 pairs' projections took 0.48-0.54 CPU-s, with 32 0.35-0.40, the same
bits (docs/performance.md, fifteenth round)."""


ACROSS_FEATURES = ("cosine", "centred", "length")
"""What the kind model for two accounts not both in English reads beside the pair's subject:
signals any language has. Not the framing words (English), not the probability (the scorers
used across languages put it on different scales)."""
ACROSS_REASONS = {
    "cosine": "meaning further apart than in most pairs",
    "length": "one telling much longer than the other",
    "subject": "a subject often told differently",
}


def statement_lengths(*sides: Sequence[str]) -> tuple[np.ndarray, ...]:
    """Each side's statement lengths in characters, as ``across_values`` reads them."""
    return tuple(np.array([len(text) for text in texts], float) for texts in sides)


def across_values(
    left: np.ndarray, right: np.ndarray, lengths: tuple[np.ndarray, np.ndarray], pairs: np.ndarray, cosine: np.ndarray
) -> np.ndarray:
    """``ACROSS_FEATURES`` of each pair (rows of ``pairs``, with its plain ``cosine`` as the
    scorer read it), from both sides' unit vectors and statement lengths. The centred cosine is
    taken against both sides' mean vector, as ``evidence`` takes it; a statement's length is
    read against its own account's median, since a character says more in Chinese than in
    Russian and an account's own median does not depend on its script."""
    mean = np.concatenate([left, right]).mean(axis=0)
    centred = np.empty(len(pairs))
    # A block of pairs at a time, as ``projections``: 140,000 pairs' vectors would take gigabytes.
    for start in range(0, len(pairs), PAIR_BLOCK):
        block = pairs[start : start + PAIR_BLOCK]
        u, v = (left[block[:, 0]] - mean).astype(np.float64), (right[block[:, 1]] - mean).astype(np.float64)
        norms = np.linalg.norm(u, axis=1) * np.linalg.norm(v, axis=1)
        dots = (u * v).sum(axis=1)
        centred[start : start + len(block)] = np.where(norms > 0, dots / np.where(norms > 0, norms, 1), 0)
    relative = [np.maximum(x, 1) / np.median(np.maximum(x, 1)) for x in lengths]
    length = np.abs(np.log(relative[0][pairs[:, 0]] / relative[1][pairs[:, 1]]))
    return np.column_stack([np.asarray(cosine, np.float64), centred, length])


@dataclass(frozen=True, eq=False)
class AcrossKindModel:
    """Told differently or not, for two accounts not both in English (``scorers/across-kind-e5.json``):
    a logistic model over ``ACROSS_FEATURES`` and the pair's subject on a few axes, fitted by
    ``bench/kind_across.py`` on the English and the cross-language gold pairs, embedded by the
    model of the ``scorers`` it serves."""

    centre: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    intercept: float
    threshold: float
    subject_axes: np.ndarray
    subject_mean: np.ndarray
    scorers: tuple[str, ...]

    def told(self, left: np.ndarray, right: np.ndarray, lengths, pairs: np.ndarray, cosine) -> list[tuple[bool, str]]:
        """(told differently, why) of each pair, with the part of the log-odds that tipped it."""
        pairs = np.asarray(pairs, np.intp).reshape(-1, 2)
        x = np.hstack([
            across_values(left, right, lengths, pairs, cosine),
            projections(left, right, pairs, self.subject_axes, self.subject_mean),
        ])
        terms = (x - self.centre) / self.scale * self.weights
        z = terms.sum(axis=1) + self.intercept
        differently = _probability(z) >= self.threshold
        # The parts of ``ACROSS_REASONS``, in its order: the two cosines', the length's, the subject's.
        k = len(ACROSS_FEATURES)
        parts = np.column_stack([terms[:, :2].sum(axis=1), terms[:, 2], terms[:, k:].sum(axis=1)])
        reasons = list(ACROSS_REASONS.values())
        why = [reasons[a] for a in parts.argmax(axis=1).tolist()]
        return [(bool(d), w if d else "") for d, w in zip(differently.tolist(), why)]

    def to_json(self) -> dict:
        return {
            "features": list(ACROSS_FEATURES),
            "scorers": list(self.scorers),
            "centre": self.centre.tolist(),
            "scale": self.scale.tolist(),
            "weights": self.weights.tolist(),
            "intercept": self.intercept,
            "threshold": self.threshold,
            "subject_axes": self.subject_axes.astype(np.float32).tolist(),
            "subject_mean": self.subject_mean.astype(np.float32).tolist(),
        }

    @classmethod
    def from_json(cls, data: dict) -> AcrossKindModel:
        if tuple(data["features"]) != ACROSS_FEATURES:
            raise ValueError("the kind model was fitted on other features")
        array = lambda key: np.asarray(data[key], np.float64)  # noqa: E731
        return cls(
            array("centre"), array("scale"), array("weights"), float(data["intercept"]), float(data["threshold"]),
            array("subject_axes"), array("subject_mean"), tuple(data["scorers"]),
        )


def across_kind_model(scorer: str, dimensions: int) -> AcrossKindModel | None:
    """The kind model for accounts not both in English, when its vectors are those of the model
    whose scorer is ``scorer`` (``dimensions`` long); None otherwise (the score's rule decides)."""
    model = _shipped_across("across-kind-e5.json")
    if model is None or scorer not in model.scorers or model.subject_axes.shape[1] != dimensions:
        return None
    return model


@cache
def _shipped_across(name: str) -> AcrossKindModel | None:
    text = _shipped_text(name)
    return None if text is None else AcrossKindModel.from_json(json.loads(text))


def kind_model(scorer: str = "", dimensions: int = 0) -> KindModel | None:
    """The shipped kind model for ``dimensions``-long vectors of the model whose scorer is
    ``scorer`` (it reads the pair's subject), else the one that reads no vectors; None when
    neither is shipped (then the score decides the kind)."""
    model = _shipped_kind(f"kind-{scorer}.json") if scorer else None
    if model is not None and model.subject_axes is not None and model.subject_axes.shape[1] == dimensions:
        return model
    return _shipped_kind("kind.json")


@cache
def _shipped_kind(name: str) -> KindModel | None:
    text = _shipped_text(name)
    return None if text is None else KindModel.from_json(json.loads(text))


def _shipped_text(name: str) -> str | None:
    try:
        return resources.files("readout_tui.core.engine").joinpath("scorers", name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
