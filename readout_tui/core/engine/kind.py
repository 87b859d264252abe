"""Same point, same telling, or the same point told differently: a pair's kind, learned.

The gold's "diverge" marks one point told with another framing: "criminals based in Russia"
against "allegedly from Russian territory", "Russia's unprovoked invasion" against "the
situation in Ukraine". How alike two statements are says little about that. What says more is
what one side has and the other lacks: a negation, a hedge, a word that judges or blames, a
demand, and how much of one telling the other leaves out. A logistic model over those signals
is fitted on the gold's agree/diverge labels by ``bench/learn.py`` (grouped by call) and
shipped as ``scorers/kind.json``; ``Telling.reason`` says in a few words what tipped it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import numpy as np

from readout_tui.core.engine.words import stem

NEGATION = re.compile(r"\b(?:not|no|never|nor|without|cannot|\w+n't)\b", re.IGNORECASE)
FRAMING = re.compile(
    r"\b(?:alleged\w*|so-called|claim\w*|purported\w*|supposed\w*|"  # distance from a claim
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
        framing = frozenset(m.group().lower() for m in FRAMING.finditer(text))
        return cls(
            len(text),
            frozenset(w.lower() for w in CONTENT_WORD.findall(text)),
            frozenset(m.group().lower() for m in NEGATION.finditer(text)),
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


def length_ratio(ratio):
    """How far apart two statements' lengths are, from the ratio of their lengths."""
    return np.abs(np.log(ratio))


@dataclass(frozen=True)
class Telling:
    """What tells two statements of one point apart, as the kind model reads it."""

    values: dict[str, float]
    negated: tuple[str, ...]
    """Negations one statement has and the other lacks."""
    framed: tuple[str, ...]
    """Framing words one statement has and the other lacks."""

    @classmethod
    def of(cls, left: str, right: str, cosine: float, lexical: float) -> Telling:
        return cls.between(_reading(left), _reading(right), cosine, lexical)

    @classmethod
    def between(cls, left: Reading, right: Reading, cosine: float, lexical: float) -> Telling:
        framed = tuple(sorted(left.one_sided_framing(right) | right.one_sided_framing(left)))
        values = dict(zip(FEATURES, left.against(right, cosine, lexical)))
        values["length_ratio"] = float(length_ratio(values["length_ratio"]))
        return cls(values, tuple(sorted(left.negated ^ right.negated)), framed)

    def reason(self) -> str:
        """Why the pair reads as told differently, in a few words."""
        parts = []
        if self.framed:
            parts.append("framing on one side only: " + ", ".join(self.framed[:4]))
        if self.negated:
            parts.append("negation on one side only: " + ", ".join(self.negated[:2]))
        if not parts:
            parts.append(f"few words in common ({self.values['jaccard']:.0%})")
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

    def differently(self, telling: Telling) -> bool:
        return self.probability(telling) >= self.threshold

    def differently_all(self, features: list[tuple[float, ...]]) -> np.ndarray:
        """``differently`` of each pair, from its ``Reading.against``, in one pass over them."""
        x = np.array(features, np.float64).reshape(-1, len(FEATURES))
        ratio = FEATURES.index("length_ratio")
        x[:, ratio] = length_ratio(x[:, ratio])
        z = ((x - self.centre) / self.scale) @ self.weights + self.intercept
        return 1 / (1 + np.exp(-np.clip(z, -30, 30))) >= self.threshold

    def probability(self, telling: Telling) -> float:
        x = np.array([telling.values[name] for name in FEATURES], np.float64)
        z = float(((x - self.centre) / self.scale) @ self.weights + self.intercept)
        return 1 / (1 + np.exp(-np.clip(z, -30, 30)))

    def to_json(self) -> dict:
        return {
            "features": list(FEATURES),
            "centre": self.centre.tolist(),
            "scale": self.scale.tolist(),
            "weights": self.weights.tolist(),
            "intercept": self.intercept,
            "threshold": self.threshold,
        }

    @classmethod
    def from_json(cls, data: dict) -> KindModel:
        if tuple(data["features"]) != FEATURES:
            raise ValueError("the kind model was fitted on other features")
        array = lambda key: np.asarray(data[key], np.float64)  # noqa: E731
        intercept, threshold = float(data["intercept"]), float(data["threshold"])
        return cls(array("centre"), array("scale"), array("weights"), intercept, threshold)


@cache
def kind_model() -> KindModel | None:
    """The shipped kind model; None when it is not shipped (then the score decides the kind)."""
    try:
        text = resources.files("readout_tui.core.engine").joinpath("scorers", "kind.json").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    return KindModel.from_json(json.loads(text))
