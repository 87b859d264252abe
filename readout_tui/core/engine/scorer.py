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

from readout_tui.core.engine.embedder import DEFAULT_MODEL, STOCK_MODEL

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
    largest: dict[str, np.ndarray]
    """The largest magnitude of the signal (what bounds rounding errors, see ``Logit``)."""

    @classmethod
    def of_rows(cls, matrices: dict[str, np.ndarray]) -> Standing:
        """The standing of the rows of complete matrices (every partner present)."""
        best, best_at, mean, spread, largest = {}, {}, {}, {}, {}
        for k, m in matrices.items():
            best_at[k] = m.argmax(axis=1)
            # The value at the argmax is the max (NaN included), without another pass.
            best[k] = np.take_along_axis(m, best_at[k][:, None], axis=1)[:, 0]
            mean[k], spread[k] = mean_and_std(m)
            largest[k] = np.maximum(best[k], -m.min(axis=1))
        return cls(best, best_at, mean, spread, largest)

    @classmethod
    def concatenate(cls, parts: list[Standing]) -> Standing:
        join = lambda name: {k: np.concatenate([getattr(p, name)[k] for p in parts]) for k in getattr(parts[0], name)}  # noqa: E731
        return cls(join("best"), join("best_at"), join("mean"), join("spread"), join("largest"))

    def take(self, at) -> Standing:
        pick = lambda d: {k: v[at] for k, v in d.items()}  # noqa: E731
        return Standing(pick(self.best), pick(self.best_at), pick(self.mean), pick(self.spread), pick(self.largest))


def mean_and_std(matrix: np.ndarray, scratch: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``matrix.mean(axis=1)`` and ``matrix.std(axis=1)`` of a float32 or float64 ``matrix``,
    equal to the bit: the same steps as numpy's own (its ``_var``), but summing the rows once
    for both (integers or float16 numpy would sum otherwise). ``scratch``: an array of the
    matrix's shape and type to hold the deviations, if one is at hand."""
    assert matrix.dtype in (np.float32, np.float64), matrix.dtype
    count = np.intp(matrix.shape[1])  # as numpy divides
    total = np.add.reduce(matrix, axis=1, keepdims=True)
    mean = np.true_divide(total, count, out=total, casting="unsafe")
    deviation = np.subtract(matrix, mean, out=scratch)
    np.multiply(deviation, deviation, out=deviation)
    variance = np.add.reduce(deviation, axis=1)
    np.true_divide(variance, count, out=variance, casting="unsafe")
    return mean[:, 0], np.sqrt(variance, out=variance)


def first_best(block: np.ndarray, best: np.ndarray) -> np.ndarray:
    """``block.argmax(axis=0)`` given ``best``, its ``max(axis=0)``: the first row holding each
    column's best. numpy's argmax along the rows of a C-ordered block runs at a fraction of the
    speed of a comparison; the best is nearly always in one row only."""
    rows, width = block.shape
    # A few rows at a time, the mask in the core's cache: a whole block's mask was a fresh
    # 8 MB of memory for each signal of each block at 10,000 statements a side.
    step = max(1, SWEEP_BYTES // max(width, 1))
    mask = np.empty((min(step, rows), width), bool)
    found, count = [], 0
    for at in range(0, rows, step):
        piece = block[at : at + step]
        here = mask[: len(piece)]
        np.equal(piece, best, out=here)
        hits = np.flatnonzero(here)
        count += hits.size
        if count > 2 * width:
            # Many ties (a column of zero overlaps ties in every row): argmax is then the cheaper.
            return block.argmax(axis=0)
        found.append(hits + at * width)
    hits = np.concatenate(found) if found else np.zeros(0, np.intp)
    row, column = np.divmod(hits, width)
    first = np.full(width, rows, np.intp)
    np.minimum.at(first, column, row)
    if (first == rows).any():  # a NaN is nobody's equal: numpy's own rule then
        return block.argmax(axis=0)
    return first


class ColumnStanding:
    """A ``Standing`` of the columns, gathered from blocks of rows as they are computed."""

    def __init__(self) -> None:
        self.best: dict[str, np.ndarray] = {}
        self.best_at: dict[str, np.ndarray] = {}
        self.total: dict[str, np.ndarray] = {}
        self.squares: dict[str, np.ndarray] = {}
        self.largest: dict[str, np.ndarray] = {}
        self.rows = 0

    def add(self, start: int, matrices: dict[str, np.ndarray]) -> None:
        """Take in a block of rows, one reduction at a time: the plain statement of what
        ``add_with_rows`` does in one sweep, which the tests hold it to bit for bit."""
        for key, block in matrices.items():
            value = block.max(axis=0)
            at = first_best(block, value) + start
            total = block.sum(axis=0, dtype=np.float64)
            squares = np.einsum("ij,ij->j", block, block, dtype=np.float64)
            self._merge(key, value, at, total, squares, np.maximum(value, -block.min(axis=0)))
        self.rows += next(iter(matrices.values())).shape[0]

    def _merge(self, key: str, value, at, total, squares, largest) -> None:
        """Take in one block's column figures for the signal ``key``."""
        if key not in self.best:
            self.best[key], self.best_at[key], self.total[key], self.squares[key] = value, at, total, squares
            self.largest[key] = largest
            return
        np.maximum(self.largest[key], largest, out=self.largest[key])
        better = value > self.best[key]
        self.best[key] = np.where(better, value, self.best[key])
        self.best_at[key] = np.where(better, at, self.best_at[key])
        self.total[key] += total
        self.squares[key] += squares

    def add_with_rows(self, start: int, matrices: dict[str, np.ndarray]) -> Standing:
        """``add(start, matrices)`` and ``Standing.of_rows(matrices)``, to the bit, in one
        sweep over each block a few rows at a time (``SWEEP_BYTES``): every piece is read from
        memory once for the dozen reductions, not once for each (docs/performance.md, eleventh
        round). The blocks are C-ordered, as the reach makes them: numpy then reduces a piece's
        rows as it reduces the whole block's."""
        rows = [_Sweep(block, start) for block in matrices.values()]
        for key, swept in zip(matrices, rows):
            self._merge(key, *swept.columns())
        self.rows += next(iter(matrices.values())).shape[0]
        figures = [swept.rows() for swept in rows]
        return Standing(*({key: f[k] for key, f in zip(matrices, figures)} for k in range(5)))

    def standing(self) -> Standing:
        mean = {k: (v / self.rows).astype(np.float32) for k, v in self.total.items()}
        spread = {
            k: np.sqrt(np.maximum(self.squares[k] / self.rows - (self.total[k] / self.rows) ** 2, 0)).astype(np.float32)
            for k in self.total
        }
        return Standing(self.best, self.best_at, mean, spread, self.largest)


SWEEP_BYTES = 2**20
"""Rows of a block taken together by the element-wise work done a few rows at a time
(``ColumnStanding.add_with_rows``, ``Logit.block``, ``evidence.Embeddings.block``): a piece
and its scratch stay in the core's cache between passes (26 rows at 10,000 a side; pieces of
128 KB and less were slower than whole blocks, each numpy call's own cost then weighing more)."""


class _Sweep:
    """A block's row and column figures (``Standing.of_rows``, ``ColumnStanding.add``) from
    pieces of its rows. Each row's figures are its piece's; the columns' are carried from
    piece to piece in the same order as one pass over the block: the first best row wins,
    and the float64 sums add row after row from the block's first (numpy's order for a
    reduction down the rows)."""

    def __init__(self, block: np.ndarray, start: int) -> None:
        self.block, self.start = block, start
        n, m = block.shape
        self.best_at, self.best = np.empty(n, np.intp), np.empty(n, block.dtype)
        self.mean, self.spread, self.largest = (np.empty(n, block.dtype) for _ in range(3))
        step = max(1, SWEEP_BYTES // (block.itemsize * max(m, 1)))
        scratch, stacked = np.empty((step, m), block.dtype), np.empty((step + 1, m), np.float64)
        for at in range(0, n, step):
            piece = block[at : at + step]
            self._rows(at, piece, scratch[: len(piece)])
            self._columns(at, piece, stacked[: len(piece) + 1])

    def _rows(self, at: int, piece: np.ndarray, scratch: np.ndarray) -> None:
        here = slice(at, at + len(piece))
        best_at = self.best_at[here] = piece.argmax(axis=1)
        best = self.best[here] = np.take_along_axis(piece, best_at[:, None], axis=1)[:, 0]
        self.mean[here], self.spread[here] = mean_and_std(piece, scratch)
        self.largest[here] = np.maximum(best, -piece.min(axis=1))

    def _columns(self, at: int, piece: np.ndarray, stacked: np.ndarray) -> None:
        value, lowest = piece.max(axis=0), piece.min(axis=0)
        if at == 0:
            self.value, self.lowest = value, lowest
            self.total = np.add.reduce(piece, axis=0, dtype=np.float64)
            self.squares = np.einsum("ij,ij->j", piece, piece, dtype=np.float64)
            return
        np.maximum(self.value, value, out=self.value)
        np.minimum(self.lowest, lowest, out=self.lowest)
        # The sums so far, then this piece's rows, reduced down: the same additions in the
        # same order as one reduction of the whole block.
        stacked[0] = self.total
        copied = stacked[1:]
        np.copyto(copied, piece)
        np.add.reduce(stacked, axis=0, out=self.total)
        stacked[0] = self.squares
        np.multiply(copied, copied, out=copied)
        np.add.reduce(stacked, axis=0, out=self.squares)

    def rows(self) -> tuple[np.ndarray, ...]:
        return self.best, self.best_at, self.mean, self.spread, self.largest

    def columns(self) -> tuple[np.ndarray, ...]:
        # Where each column's best is, once it is known: searched for piece by piece, nearly
        # every column's best in a piece is found again in a later one.
        first = first_best(self.block, self.value) + self.start
        return self.value, first, self.total, self.squares, np.maximum(self.value, -self.lowest)


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


def sigmoid(z: np.ndarray) -> np.ndarray:
    """The probability of float32 logits ``z``, as ``PairScorer.probability`` computes it."""
    return (1 / (1 + np.exp(-np.clip(z, -30, 30)))).astype(np.float32)


def least_logit(probability: np.ndarray) -> np.ndarray:
    """For each probability, the least float32 logit whose ``sigmoid`` reaches it (-inf when
    every logit does): a pair's probability reaches p exactly when its logit reaches this,
    which turns comparisons of probabilities, ties included, into comparisons of logits."""
    probability = np.asarray(probability, np.float32)
    lo = np.full(probability.shape, _ordered(np.float32(-31)), np.int64)  # sigmoid clips at -30
    hi = np.full(probability.shape, _ordered(np.float32(31)), np.int64)
    everything = sigmoid(_unordered(lo)) >= probability
    hi = np.where(sigmoid(_unordered(hi)) >= probability, hi, hi + 1)  # unreachable: above 31
    while np.any(hi - lo > 1):
        middle = (lo + hi) // 2
        reached = sigmoid(_unordered(middle)) >= probability
        hi, lo = np.where(reached, middle, hi), np.where(reached, lo, middle)
    return np.where(everything, np.float32(-np.inf), _unordered(hi))


def _ordered(value: np.ndarray) -> np.ndarray:
    """float32 values as integers in the same order (adjacent floats, adjacent integers)."""
    bits = np.asarray(value, np.float32).view(np.int32).astype(np.int64)
    return np.where(bits < 0, -(bits & 0x7FFFFFFF), bits)


def _unordered(key: np.ndarray) -> np.ndarray:
    bits = np.where(key < 0, (-key) | 0x80000000, key)
    return bits.astype(np.uint32).view(np.float32)


@dataclass(frozen=True, eq=False)
class Logit:
    """A scorer's logit for every pair of a block of rows, from per-row and per-column
    coefficients in a few float32 passes instead of from nineteen feature matrices, with a
    bound on how far it may lie from the logit that ``PairScorer.probability`` computes.

    The logit is linear in the features, and each feature is a signal's value less a row's or
    a column's statistic, or divided by one: so it is, for each signal, the value times (a row
    coefficient plus a column coefficient), plus a row term, a column term, the order's and the
    mutual-best cells'. It only tells which pairs can be among a statement's best; their
    probabilities are then computed by the scorer as ever, so no figure depends on its rounding."""

    signals: tuple[str, ...]
    order: np.float32
    row_factor: dict[str, np.ndarray]
    column_factor: dict[str, np.ndarray]
    """Each signal's coefficient, per row and per column (the column's includes the value's own)."""
    row_term: np.ndarray
    column_term: np.ndarray
    mutual: dict[str, np.float32]
    rows: Standing
    columns: Standing
    row_size: np.ndarray
    column_size: np.ndarray
    """Bounds on the sum of the magnitudes of all terms of a pair's logit, in either
    computation, split into a row's share and a column's: rounding errors scale with it."""

    ERROR = 2.0**-14
    """Rounding error allowed per unit of magnitude: float32 rounds to 2^-24 of it, and neither
    computation takes more than a few dozen rounded steps; this allows 2^10 of them."""

    @classmethod
    def of(cls, scorer: PairScorer, rows: Standing, columns: Standing) -> Logit:
        index = {name: k for k, name in enumerate(scorer.features)}
        a = scorer.weights.astype(np.float64) / scorer.scale.astype(np.float64)
        weight = lambda name: float(a[index[name]])  # noqa: E731
        centred = a * scorer.centre.astype(np.float64)
        n, m = len(rows.best[scorer.signals[0]]), len(columns.best[scorer.signals[0]])
        row_term, column_term = np.zeros(n), np.full(m, float(scorer.intercept) - float(centred.sum()))
        row_size = np.zeros(n)
        column_size = np.full(m, abs(float(scorer.intercept)) + float(np.abs(centred).sum()) + abs(weight("order")))
        row_factor, column_factor, mutual = {}, {}, {}
        for key in scorer.signals:
            w = {name: weight(f"{key}.{name}") for name in STANDING_FEATURES}
            # The float32 divisors of ``pair_features``.
            row_scale = 1 / (rows.spread[key] + 1e-6).astype(np.float64)
            column_scale = 1 / (columns.spread[key] + 1e-6).astype(np.float64)
            row_best, column_best = rows.best[key].astype(np.float64), columns.best[key].astype(np.float64)
            row_mean, column_mean = rows.mean[key].astype(np.float64), columns.mean[key].astype(np.float64)
            plain = w["value"] + w["below_row_best"] + w["below_column_best"]
            row_factor[key] = w["row_z"] * row_scale
            column_factor[key] = w["column_z"] * column_scale + plain
            row_term -= w["below_row_best"] * row_best + row_factor[key] * row_mean
            column_term -= w["below_column_best"] * column_best + w["column_z"] * column_scale * column_mean
            mutual[key] = np.float32(w["mutual_best"])
            # |value| is at most its row's and its column's largest.
            plain = abs(w["value"]) + abs(w["below_row_best"]) + abs(w["below_column_best"])
            row_size += (
                rows.largest[key] * (plain + abs(w["row_z"]) * row_scale)
                + abs(w["below_row_best"]) * np.abs(row_best) + abs(w["row_z"]) * row_scale * np.abs(row_mean)
                + abs(w["mutual_best"])
            )
            column_size += (
                columns.largest[key] * (plain + abs(w["column_z"]) * column_scale)
                + abs(w["below_column_best"]) * np.abs(column_best)
                + abs(w["column_z"]) * column_scale * np.abs(column_mean)
            )
        return cls(
            scorer.signals,
            np.float32(weight("order")),
            {k: v.astype(np.float32) for k, v in row_factor.items()},
            {k: v.astype(np.float32) for k, v in column_factor.items()},
            row_term.astype(np.float32),
            column_term.astype(np.float32),
            mutual,
            rows,
            columns,
            row_size,
            column_size,
        )

    def block(
        self, signals, start: int, positions: tuple[np.ndarray, np.ndarray] | None = None, groups: int = 0
    ) -> tuple[np.ndarray, ...]:
        """The logits of rows ``start...`` (``signals``, an ``evidence.Signals`` block) with
        every column, and the most they may be off, for each row and for each column.

        ``positions``: each left and right statement's place in its account's reading order
        (``evidence.order_distance``'s), from which the pairs' order distances are made a few
        rows at a time here when ``signals.order`` is None (the same values). ``groups``: also
        return, for ``evidence._kth_floor``, the maxima of each row's and each column's
        ``groups`` interleaved groups (None for a line too short to cut), taken while each
        piece of the logits is in the core's cache rather than in passes over the block."""
        b, m = signals.lexical.shape
        rows = slice(start, start + b)
        z = np.empty((b, m), np.float32)
        # A few rows at a time, so that the scratch stays in the core's cache and each matrix
        # is read from memory once (the same operations on each pair as on the whole block).
        step = max(1, SWEEP_BYTES // (4 * max(m, 1)))
        scratch = np.empty((min(step, b), m), np.float32)
        own = np.arange(b)
        mutual = []
        for key in self.signals:
            partner = self.rows.best_at[key][rows]
            found = self.columns.best_at[key][partner] == own + start
            mutual.append((own[found], partner[found], self.mutual[key]))
        row_width, column_width = m // groups if groups else 0, b // groups if groups else 0
        row_maxima = np.empty((b, groups), np.float32) if row_width >= 2 else None
        column_maxima = np.full((groups, m), -np.inf, np.float32) if column_width >= 2 else None
        for at in range(0, b, step):
            here = slice(at, at + step)
            self._piece(signals, start + at, here, z, scratch, positions)
            piece = z[here]
            # The mutual bests' cells of these rows, key after key, as after the whole block.
            for cells, partners, weight in mutual:
                inside = (cells >= at) & (cells < at + len(piece))
                piece[cells[inside] - at, partners[inside]] += weight
            if row_maxima is not None:
                piece[:, : row_width * groups].reshape(len(piece), row_width, groups).max(axis=1, out=row_maxima[here])
            if column_maxima is not None:
                _fold_rows(column_maxima, piece, at, column_width * groups)
        row_size = self.row_size[rows]
        row_error = self.ERROR * (row_size + self.column_size.max())
        column_error = self.ERROR * (self.column_size + row_size.max())
        if not groups:
            return z, row_error, column_error
        return z, row_error, column_error, row_maxima, None if column_maxima is None else column_maxima.T

    def _piece(
        self, signals, start: int, rows: slice, z: np.ndarray, scratch: np.ndarray,
        positions: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> None:
        """Block ``signals``' logits in ``z`` for its ``rows``, which are rows ``start...``."""
        z, scratch = z[rows], scratch[: len(z[rows])]
        at = slice(start, start + len(z))
        np.add.outer(self.row_term[at], self.column_term, out=z)
        if signals.order is None:
            left, right = positions
            np.subtract.outer(left[at], right, out=scratch)
            np.abs(scratch, out=scratch)
            z += np.multiply(scratch, self.order, out=scratch)
        else:
            z += np.multiply(signals.order[rows], self.order, out=scratch)
        for key in self.signals:
            np.add.outer(self.row_factor[key][at], self.column_factor[key], out=scratch)
            scratch *= getattr(signals, key)[rows]
            z += scratch


def _fold_rows(maxima: np.ndarray, piece: np.ndarray, at: int, used: int) -> None:
    """Fold rows ``at...`` of a block (``piece``) into the maxima of its interleaved groups of
    rows (row r in group r % len(maxima)), for the block's first ``used`` rows."""
    groups = len(maxima)
    r, end = at, min(at + len(piece), used)
    while r < end:
        g = r % groups
        take = min(end - r, groups - g)
        np.maximum(maxima[g : g + take], piece[r - at : r - at + take], out=maxima[g : g + take])
        r += take


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
        # Feature by feature, in one order: a pair's probability is then the same whatever
        # pairs it is computed with (a matrix product's rounding depends on where a row sits).
        z = np.full(np.shape(features[self.features[0]]), self.intercept, np.float32)
        for k, name in enumerate(self.features):
            z += (np.asarray(features[name], np.float32) - self.centre[k]) / self.scale[k] * self.weights[k]
        return sigmoid(z)

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


SCORERS = {DEFAULT_MODEL: "minilm-readouts.json", STOCK_MODEL: "minilm.json", "multilingual-e5-small": "e5.json"}
"""Models with fitted weights, and the file that holds them."""

BESIDE = {"multilingual-e5-small": ("universal-sentence-encoder-multilingual-3", "e5-use-across.json")}
"""Across two languages, a second model whose cosines are read beside a model's, and the
file fitted for the two (docs/quality.md: more pairs found than by the first model alone)."""


def second_model(model: str, same_language: bool = True) -> str | None:
    """The model to read beside ``model`` for accounts in one language or not; None if none."""
    if same_language or model not in BESIDE:
        return None
    return BESIDE[model][0]


def scorer_file(model: str, same_language: bool = True, second: str | None = None) -> str | None:
    """The weights fitted for ``model`` (two accounts in one language, or not; with the
    ``second`` model's cosines beside, or not); None if none."""
    if second is not None:
        return BESIDE[model][1] if second == second_model(model, same_language) else None
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


def scorer_for(model: str, same_language: bool = True, second: str | None = None) -> PairScorer | None:
    file = scorer_file(model, same_language, second)
    return load_scorer(file) if file else None
