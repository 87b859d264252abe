"""How likely two statements are counterparts, learned from annotated readouts.

A logistic model over each pair's signals and over where the pair stands among the other
pairs of its two statements: a cosine of 0.5 means little on its own, but the best cosine in
both statements' rows means much. Its weights are fitted by ``bench/learn.py`` on the gold of
``fixtures/`` (grouped by call, never scoring a case with a model that saw it) and shipped as
JSON beside this module, one file per model it was fitted for. A model without weights keeps
the hand-set scores of ``evidence.presence_scores``.

The model's output is a probability; ``confidence`` maps it to how often pairs so scored were
in the gold of calls the model had not seen (a calibration measured, not assumed).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

SIGNALS = ("cosine", "centred", "lexical")
"""The ``Signals`` fields whose standing is described (``Standing``)."""

STANDING_FEATURES = ("value", "below_row_best", "below_column_best", "row_z", "column_z", "mutual_best")
"""For each signal: its value; how far under the best of its left statement's row and of its
right statement's column; its z-score in that row and that column; whether it is the best of
both."""


@dataclass(frozen=True, eq=False)
class Standing:
    """For one side's statements, each signal's best value against the other side, where that
    best is, and the mean and spread of its values: what a pair's signal is judged against."""

    best: dict[str, np.ndarray]
    best_at: dict[str, np.ndarray]
    mean: dict[str, np.ndarray]
    spread: dict[str, np.ndarray]

    @classmethod
    def of_rows(cls, matrices: dict[str, np.ndarray]) -> Standing:
        """The standing of the rows of complete matrices (every partner present)."""
        return cls(
            {k: m.max(axis=1) for k, m in matrices.items()},
            {k: m.argmax(axis=1) for k, m in matrices.items()},
            {k: m.mean(axis=1) for k, m in matrices.items()},
            {k: m.std(axis=1) for k, m in matrices.items()},
        )

    @classmethod
    def concatenate(cls, parts: list[Standing]) -> Standing:
        join = lambda name: {k: np.concatenate([getattr(p, name)[k] for p in parts]) for k in getattr(parts[0], name)}  # noqa: E731
        return cls(join("best"), join("best_at"), join("mean"), join("spread"))

    def take(self, at) -> Standing:
        pick = lambda d: {k: v[at] for k, v in d.items()}  # noqa: E731
        return Standing(pick(self.best), pick(self.best_at), pick(self.mean), pick(self.spread))


class ColumnStanding:
    """A ``Standing`` of the columns, gathered from blocks of rows as they are computed."""

    def __init__(self) -> None:
        self.best: dict[str, np.ndarray] = {}
        self.best_at: dict[str, np.ndarray] = {}
        self.total: dict[str, np.ndarray] = {}
        self.squares: dict[str, np.ndarray] = {}
        self.rows = 0

    def add(self, start: int, matrices: dict[str, np.ndarray]) -> None:
        for key, block in matrices.items():
            value, at = block.max(axis=0), block.argmax(axis=0) + start
            total = block.sum(axis=0, dtype=np.float64)
            squares = np.einsum("ij,ij->j", block, block, dtype=np.float64)
            if key not in self.best:
                self.best[key], self.best_at[key], self.total[key], self.squares[key] = value, at, total, squares
                continue
            better = value > self.best[key]
            self.best[key] = np.where(better, value, self.best[key])
            self.best_at[key] = np.where(better, at, self.best_at[key])
            self.total[key] += total
            self.squares[key] += squares
        self.rows += next(iter(matrices.values())).shape[0]

    def standing(self) -> Standing:
        mean = {k: (v / self.rows).astype(np.float32) for k, v in self.total.items()}
        spread = {
            k: np.sqrt(np.maximum(self.squares[k] / self.rows - (self.total[k] / self.rows) ** 2, 0)).astype(np.float32)
            for k in self.total
        }
        return Standing(self.best, self.best_at, mean, spread)


def pair_features(
    values: dict[str, np.ndarray],
    order: np.ndarray,
    rows: Standing,
    columns: Standing,
    left: np.ndarray,
    right: np.ndarray,
    signals: tuple[str, ...],
) -> dict[str, np.ndarray]:
    """Every feature of the pairs (``left[k]``, ``right[k]``) with signal values ``values``;
    ``rows`` and ``columns`` are the standings of the left and the right statements."""
    features = {"order": np.asarray(order, np.float32)}
    for key in signals:
        value = np.asarray(values[key], np.float32)
        row_best, column_best = rows.best[key][left], columns.best[key][right]
        features[f"{key}.value"] = value
        features[f"{key}.below_row_best"] = value - row_best
        features[f"{key}.below_column_best"] = value - column_best
        features[f"{key}.row_z"] = (value - rows.mean[key][left]) / (rows.spread[key][left] + 1e-6)
        features[f"{key}.column_z"] = (value - columns.mean[key][right]) / (columns.spread[key][right] + 1e-6)
        features[f"{key}.mutual_best"] = (
            (rows.best_at[key][left] == right) & (columns.best_at[key][right] == left)
        ).astype(np.float32)
    return features


def feature_names(signals: tuple[str, ...]) -> tuple[str, ...]:
    return ("order", *(f"{key}.{name}" for key in signals for name in STANDING_FEATURES))


@dataclass(frozen=True, eq=False)
class PairScorer:
    """A fitted logistic model and the calibration of its output."""

    name: str
    signals: tuple[str, ...]
    features: tuple[str, ...]
    centre: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    intercept: float
    threshold: float
    """The probability from which a pair is proposed, chosen in grouped cross-validation."""
    calibration: tuple[np.ndarray, np.ndarray]
    """(probability, how often so scored pairs were in the gold) at increasing probabilities."""
    doubt: tuple[float, float]
    """A proposed pair under the first confidence, or a statement left unique whose nearest
    partner's confidence reaches the second, is worth a second look."""

    def probability(self, features: dict[str, np.ndarray]) -> np.ndarray:
        x = np.stack([features[name] for name in self.features], axis=-1).astype(np.float32)
        z = ((x - self.centre) / self.scale) @ self.weights + self.intercept
        return (1 / (1 + np.exp(-np.clip(z, -30, 30)))).astype(np.float32)

    def confidence(self, probability):
        """How often pairs with this probability were counterparts in the gold (0..1)."""
        points, rates = self.calibration
        return np.interp(probability, points, rates)

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "signals": list(self.signals),
            "features": list(self.features),
            "centre": self.centre.tolist(),
            "scale": self.scale.tolist(),
            "weights": self.weights.tolist(),
            "intercept": self.intercept,
            "threshold": self.threshold,
            "calibration": [self.calibration[0].tolist(), self.calibration[1].tolist()],
            "doubt": list(self.doubt),
        }

    @classmethod
    def from_json(cls, data: dict) -> PairScorer:
        array = lambda key: np.asarray(data[key], np.float32)  # noqa: E731
        points, rates = data["calibration"]
        return cls(
            name=data["name"],
            signals=tuple(data["signals"]),
            features=tuple(data["features"]),
            centre=array("centre"),
            scale=array("scale"),
            weights=array("weights"),
            intercept=float(data["intercept"]),
            threshold=float(data["threshold"]),
            calibration=(np.asarray(points, np.float64), np.asarray(rates, np.float64)),
            doubt=tuple(data["doubt"]),
        )


SCORERS = {"all-MiniLM-L6-v2": "minilm.json", "multilingual-e5-small": "e5.json"}
"""Models with fitted weights, and the file that holds them."""


def scorer_file(model: str, same_language: bool = True) -> str | None:
    """The weights fitted for ``model`` (two accounts in one language, or not); None if none."""
    name = SCORERS.get(model)
    if name and not same_language:
        name = name.replace(".json", "-across.json")
    return name


@cache
def load_scorer(file: str) -> PairScorer | None:
    """The shipped scorer in ``file``; None when it is not shipped."""
    try:
        text = resources.files(__package__).joinpath("scorers", file).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    return PairScorer.from_json(json.loads(text))


def scorer_for(model: str, same_language: bool = True) -> PairScorer | None:
    file = scorer_file(model, same_language)
    return load_scorer(file) if file else None
