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
    def of(
        cls, left: str, right: str, cosine: float, lexical: float, vectors: tuple[np.ndarray, np.ndarray] | None = None
    ) -> Telling:
        words_left, words_right = _content(left), _content(right)
        union = words_left | words_right
        negation_left, negation_right = _found(NEGATION, left), _found(NEGATION, right)
        framing_left, framing_right = _found(FRAMING, left), _found(FRAMING, right)
        framed = tuple(sorted(_one_sided(framing_left, framing_right) | _one_sided(framing_right, framing_left)))
        values = {
            "cosine": cosine,
            "lexical": lexical,
            "jaccard": len(words_left & words_right) / max(len(union), 1),
            "length_ratio": abs(np.log(max(len(left), 1) / max(len(right), 1))),
            "negation_gap": float(len(negation_left ^ negation_right)),
            "framing_gap": float(len(framed)),
            "framing": float(len(framing_left | framing_right)),
            "one_sided_words": len(words_left ^ words_right) / max(len(union), 1),
        }
        subject = None if vectors is None else vectors[0].astype(np.float64) * vectors[1]
        return cls(values, tuple(sorted(negation_left ^ negation_right)), framed, subject)

    def reason(self, by_subject: bool = False) -> str:
        """Why the pair reads as told differently, in a few words; ``by_subject``: what it is
        about weighed towards it."""
        parts = []
        if self.framed:
            parts.append("framing on one side only: " + ", ".join(self.framed[:4]))
        if self.negated:
            parts.append("negation on one side only: " + ", ".join(self.negated[:2]))
        if by_subject and not parts:
            parts.append("a subject often told differently")
        if not parts:
            parts.append(f"few words in common ({self.values['jaccard']:.0%})")
        return "; ".join(parts)


@lru_cache(maxsize=4096)
def _content(text: str) -> frozenset[str]:
    # Cached: a statement is in many candidate pairs, and the searches are most of the cost.
    return frozenset(w.lower() for w in CONTENT_WORD.findall(text))


def _one_sided(words: set[str], other: set[str]) -> set[str]:
    """The words whose stem the other side's words lack ("criminal" and "criminals" are one)."""
    other_stems = {stem(w) for w in other}
    return {w for w in words if stem(w) not in other_stems}


@lru_cache(maxsize=8192)
def _found(pattern: re.Pattern, text: str) -> frozenset[str]:
    return frozenset(m.group().lower() for m in pattern.finditer(text))


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

    def inputs(self, telling: Telling) -> np.ndarray:
        x = np.array([telling.values[name] for name in FEATURES], np.float64)
        if self.subject_axes is None:
            return x
        if telling.subject is None:
            raise ValueError("this kind model reads the pair's vectors")
        return np.concatenate([x, self.subject_axes @ (telling.subject - self.subject_mean)])

    def probability(self, telling: Telling) -> float:
        z = float(self._terms(telling).sum() + self.intercept)
        return 1 / (1 + np.exp(-np.clip(z, -30, 30)))

    def reason(self, telling: Telling) -> str:
        """``Telling.reason``, knowing whether the pair's subject weighed towards "differently"."""
        return telling.reason(by_subject=float(self._terms(telling)[len(FEATURES):].sum()) > 0)

    def _terms(self, telling: Telling) -> np.ndarray:
        """Each input's part of the log-odds."""
        return (self.inputs(telling) - self.centre) / self.scale * self.weights

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
    try:
        text = resources.files("readout_tui.core.engine").joinpath("scorers", name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    return KindModel.from_json(json.loads(text))
