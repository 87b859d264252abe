"""Deciding which statements are counterparts, from the evidence."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass

import numpy as np

from readout_tui.core.aside import Aside, chosen_method
from readout_tui.core.bulk import collector_paused
from readout_tui.core.engine.evidence import (
    Evidence,
    Reach,
    Signals,
    presence_scores,
    rows_per_block,
    topical_scores,
)
from readout_tui.core.engine.kind import (
    FEATURES,
    PAIR_BLOCK,
    Reading,
    across_kind_model,
    against_all,
    kind_model,
    statement_lengths,
)
from readout_tui.core.engine.settings import AlignmentSettings
from readout_tui.core.types import Alignment, Counterpart, Kind


def pair_signals(
    evidence: Evidence, left: int, right: int, settings: AlignmentSettings = AlignmentSettings()
) -> tuple[float, float, float]:
    """One pair's presence score, plain cosine (0 without embeddings) and shared-word overlap,
    from its left statement's row only: the whole n x m signals cost gigabytes at scale."""
    row = evidence.signals(slice(left, left + 1))
    if evidence.scorer is not None:
        score = evidence.probability(left, right, settings)
    else:
        score = float(presence_scores(row, settings)[0, right])
    cosine = float(row.cosine[0, right]) if row.cosine is not None else 0.0
    return score, cosine, float(row.lexical[0, right])


def scored_pair(
    evidence: Evidence, left: int, right: int, settings: AlignmentSettings = AlignmentSettings()
) -> Counterpart:
    """Any one pair as ``decide`` would report it (kind, figures, reason), whether it decided
    on it or not: for pairs made by hand."""
    return _counterpart(evidence, left, right, *pair_signals(evidence, left, right, settings), settings)


@collector_paused()
def decide(evidence: Evidence, settings: AlignmentSettings = AlignmentSettings()) -> Alignment:
    """Turn evidence into counterparts, in two steps.

    1. Does a statement have a counterpart at all? Yes when its best presence score against
       the other side reaches the threshold. Plain cosine is the better judge of this.
    2. Which one? Among the statements of the other side that have counterparts too, the
       best by topical score (and any within ``group_margin`` of it), seen from both sides,
       so one statement covering two on the other side is linked to both; a pair whose own
       presence score is under the threshold is dropped.
    """
    if evidence.scorer is not None:
        return _decide_learned(evidence, settings)
    threshold = evidence.threshold(settings)
    rows, columns = evidence.reach(settings)
    has_left = rows.presence >= threshold
    has_right = columns.presence >= threshold
    i, j, signals = _best(evidence, rows, has_left, has_right, settings)
    j2, i2, signals2 = _best(evidence.swapped(), columns, has_right, has_left, settings)
    # Each pair once, in (left, right) order.
    width = max(len(evidence.right), 1)
    keys, first = np.unique(np.concatenate([i, i2]) * width + np.concatenate([j, j2]), return_index=True)
    i, j = np.divmod(keys, width)
    signals = Signals.concatenate([signals, signals2]).take(first)
    # A partner chosen by topic must still reach the threshold itself, so every pair shown
    # scores at least what the user asked for (measured: no loss of quality).
    scores = presence_scores(signals, settings)
    kept = scores >= threshold
    kept_signals = signals.take(kept)
    # The plain cosine is reported: it is what the score is made of, so a reader can check it.
    cosine = kept_signals.cosine if kept_signals.cosine is not None else np.zeros(int(kept.sum()))
    pairs = _counterparts(evidence, i[kept], j[kept], scores[kept], cosine, kept_signals.lexical, settings)
    return _alignment(evidence, pairs, settings)


def _alignment(evidence: Evidence, pairs: tuple[Counterpart, ...], settings: AlignmentSettings) -> Alignment:
    return Alignment(
        left=evidence.left,
        right=evidence.right,
        pairs=pairs,
        model=evidence.model if evidence.semantic_available else "lexical only",
        semantic=evidence.semantic_available,
        settings={**asdict(settings), "threshold": evidence.threshold(settings)},
        languages=evidence.languages,
    )


def _decide_learned(evidence: Evidence, settings: AlignmentSettings) -> Alignment:
    """Every candidate pair whose probability (``scorer``) reaches the threshold, seen from
    either side: a statement may so pair with several on the other side."""
    threshold = evidence.threshold(settings)
    found = []
    for reach, transposed in zip(evidence.reach(settings), (False, True)):
        kept = reach.probability >= threshold
        owners, partners = reach.owners[kept], reach.partners[kept]
        left, right = (partners, owners) if transposed else (owners, partners)
        found.append((left, right, reach.probability[kept], reach.signals.take(kept)))
    left, right, probability = (np.concatenate([part[k] for part in found]) for k in range(3))
    signals = Signals.concatenate([part[3] for part in found])
    width = max(len(evidence.right), 1)
    _, first = np.unique(left * width + right, return_index=True)
    pairs = _counterparts(
        evidence, left[first], right[first], probability[first], signals.cosine[first], signals.lexical[first], settings
    )
    return _alignment(evidence, pairs, settings)


TIE = 1e-5
"""Topical scores this close count as equal: the same pair computed in blocks of different
shapes can differ in the last bits, and two identical statements must both be chosen."""


def _best(
    evidence: Evidence, reach: Reach, has: np.ndarray, eligible: np.ndarray, settings: AlignmentSettings
) -> tuple[np.ndarray, np.ndarray, Signals]:
    """For each statement that has a counterpart, the eligible partners whose topical score is
    within ``group_margin`` of its best one: (statements, partners, signals of the pairs)."""
    if not eligible.any():
        return reach.partners[:0], reach.partners[:0], reach.signals.take(slice(0))
    owner = reach.owners
    scores = np.where(has[owner] & eligible[reach.partners], reach.topical, -np.inf)
    best = np.full(len(has), -np.inf, np.float32)
    np.maximum.at(best, owner, scores)
    lowest = best - (settings.group_margin + TIE)
    # Partners under a statement's floor were never kept: if its pick may reach down there
    # (or none of its candidates is eligible), its whole row is looked at again.
    unsure = has & (lowest <= reach.floor)
    picked = (scores >= lowest[owner]) & (scores > -np.inf) & ~unsure[owner]
    found = [(owner[picked], reach.partners[picked], reach.signals.take(picked))]
    rows = np.nonzero(unsure)[0]
    step = rows_per_block(len(eligible))
    for start in range(0, len(rows), step):
        block = evidence.signals(rows[start : start + step])
        scores = np.where(eligible, topical_scores(block), -np.inf)
        lowest = scores.max(axis=1) - (settings.group_margin + TIE)
        r, c = np.nonzero(scores >= lowest[:, None])
        found.append((rows[start + r], c, block.take((r, c))))
    statements, partners, signals = zip(*found)
    return np.concatenate(statements), np.concatenate(partners), Signals.concatenate(signals)


def _counterparts(
    evidence: Evidence,
    left: np.ndarray,
    right: np.ndarray,
    score: np.ndarray,
    cosine: np.ndarray,
    lexical: np.ndarray,
    settings: AlignmentSettings,
) -> tuple[Counterpart, ...]:
    """``_counterpart`` of each pair (``left[k]``, ``right[k]``) with its score, cosine and
    overlap, each made once per evidence and settings: a new threshold mostly reports the
    same pairs again, and making them (their kind, shared words and reason) was nearly all of
    a re-decision's time. A pair made before is taken again only when everything it was made
    from is the same; the new ones are made together (the kind model reads each statement once)."""
    codes = np.asarray(left, np.int64) * max(len(evidence.right), 1) + np.asarray(right, np.int64)
    values = np.stack([np.asarray(v, np.float64).reshape(-1) for v in (score, cosine, lexical)], axis=1)
    made = evidence.counterparts.get((settings.match_threshold, settings.order_weight))
    found = np.zeros(len(codes), bool)
    at = np.zeros(len(codes), np.int64)
    if made is not None and len(made.codes):
        at = np.minimum(np.searchsorted(made.codes, codes), len(made.codes) - 1)
        found = (made.codes[at] == codes) & (made.values[at] == values).all(axis=1)
    new = np.nonzero(~found)[0]
    rows = list(zip(left[new].tolist(), right[new].tolist(), *values[new].T.tolist()))
    with _kinds_aside(evidence, rows, settings) as kinds:
        confidences = _confidences(evidence, [row[2] for row in rows])
        pairs = np.empty(len(codes), object)
        if made is not None:
            pairs[found] = made.pairs[at[found]]
        pairs[new] = _built(evidence, rows, settings, kinds, confidences)
    _remember(evidence, settings, codes[new], values[new], pairs[new])
    return tuple(pairs.tolist())


@dataclass(frozen=True, eq=False)
class Made:
    """The pairs made for one evidence under one (match threshold, order weight): by
    ``left * width + right``, with the (score, cosine, lexical) each was made from."""

    codes: np.ndarray
    values: np.ndarray
    pairs: np.ndarray


def _remember(
    evidence: Evidence, settings: AlignmentSettings, codes: np.ndarray, values: np.ndarray, pairs: np.ndarray
) -> None:
    """Keep newly made pairs; one made anew from other figures replaces the one made before."""
    key = (settings.match_threshold, settings.order_weight)
    made = evidence.counterparts.get(key)
    if made is not None:
        older = ~np.isin(made.codes, codes)
        codes = np.concatenate([made.codes[older], codes])
        values = np.concatenate([made.values[older], values])
        pairs = np.concatenate([made.pairs[older], pairs])
    codes, first = np.unique(codes, return_index=True)
    evidence.counterparts[key] = Made(codes, values[first], pairs[first])


def _confidences(evidence: Evidence, scores: list[float]) -> list[float | None]:
    """The scorer's calibrated confidence of each score, to 4 places (None: no scorer)."""
    if evidence.scorer is None:
        return [None] * len(scores)
    return rounded(evidence.scorer.confidence(np.asarray(scores, np.float64)))


PLACES = 10.0**4
"""A pair's figures are reported to 4 places."""


def rounded(values: np.ndarray) -> list[float]:
    """``round(v, 4)`` of each value, as Python rounds it (the nearest double to the decimal
    rounded half to even from the value's exact binary), in numpy: a call per figure of every
    pair is slow at scale (docs/performance.md). ``rint(v * 10**4) / 10**4`` is that double
    whenever the product is not within its own rounding error of a half (the integer is the
    same, and the division is correctly rounded as Python's conversion back is); those few are
    rounded by Python."""
    values = np.asarray(values, np.float64)
    scaled = values * PLACES
    out = np.rint(scaled) / PLACES
    near = np.abs(scaled - np.floor(scaled) - 0.5) <= 2 * np.spacing(np.abs(scaled))
    for k in np.nonzero(near)[0].tolist():
        out[k] = round(float(values[k]), 4)
    return out.tolist()


def _counterpart(
    evidence: Evidence,
    i: int,
    j: int,
    score: float,
    cosine: float,
    lexical: float,
    settings: AlignmentSettings,
    kind: tuple[Kind, str] | None = None,
    confidence: float | None = None,
) -> Counterpart:
    """A pair as reported: ``kind`` and ``confidence`` when already worked out (``_counterparts``)."""
    row = (i, j, score, cosine, lexical)
    kind = kind or _kinds(evidence, [row], settings)[0]
    if confidence is None:
        confidence = _confidences(evidence, [score])[0]
    return _built(evidence, [row], settings, [kind], [confidence])[0]


KINDS_ASIDE_FROM = 10_000
"""New pairs from which ``decide`` has their kinds (``_kinds``, ~9-14 µs a pair with the
statements read) made in a forked child while it works out the rest of each pair (~5 µs a
pair): a fork and the kinds sent back cost ~20-60 ms (docs/performance.md, eighth round)."""

KINDS_HERE = 1 / 5
"""The share of those pairs whose kinds this process makes itself once the rest of each pair
is worked out: about what levels its work with the child's, which also forks, sends them back
and, on a busy machine, waits for a core (docs/performance.md, tenth round)."""


@contextmanager
def _kinds_aside(
    evidence: Evidence, rows: list[tuple[int, int, float, float, float]], settings: AlignmentSettings
) -> Iterator[Callable[[], list[tuple[Kind, str]]]]:
    """A function returning ``_kinds(evidence, rows, settings)``. At scale, and when a core is
    to spare and no thread runs beside this one (``core.aside``), the kinds are made from the
    start in a child forked with the evidence in memory, while this process works out the
    pairs' figures and shared words (``_built``): after the reach, decide ran on one core."""
    if len(rows) < KINDS_ASIDE_FROM or chosen_method() != "fork":
        yield lambda: _kinds(evidence, rows, settings)
        return
    # The child makes the first pairs' kinds; this process, its own work done, the last ones
    # (it waited idle for the child with all of them: docs/performance.md, tenth round). Cut at
    # a whole number of the kind model's blocks of pairs, each pair is worked out with the same
    # others as when all are made at once, so to the same bits.
    apart = int(len(rows) * (1 - KINDS_HERE)) // PAIR_BLOCK * PAIR_BLOCK
    with Aside.start(_packed_kinds, evidence, rows[:apart], settings, method="fork") as made:

        def kinds() -> list[tuple[Kind, str]]:
            here = _kinds(evidence, rows[apart:], settings)
            return _unpacked_kinds(made.result()) + here

        yield kinds


def _packed_kinds(
    evidence: Evidence, rows: list[tuple[int, int, float, float, float]], settings: AlignmentSettings
) -> tuple[list[tuple[Kind, str]], np.ndarray]:
    """``_kinds`` as (each distinct kind and reason, each pair's place among them): to be sent
    back from a child, where ~140,000 pairs' tuples and reasons would pickle one by one."""
    places: dict[tuple[Kind, str], int] = {}
    at = np.fromiter(
        (places.setdefault(kind, len(places)) for kind in _kinds(evidence, rows, settings)), np.int64, len(rows)
    )
    return list(places), at


def _unpacked_kinds(packed: tuple[list[tuple[Kind, str]], np.ndarray]) -> list[tuple[Kind, str]]:
    distinct, at = packed
    return [distinct[k] for k in at.tolist()]


def _built(
    evidence: Evidence,
    rows: list[tuple[int, int, float, float, float]],
    settings: AlignmentSettings,
    kinds: list[tuple[Kind, str]] | Callable[[], list[tuple[Kind, str]]],
    confidences: list[float | None],
) -> list[Counterpart]:
    """The reported pair of each (left, right, score, cosine, lexical) row, of its kind (and
    why) and confidence: its figures to 4 places, its shared words, its reason. One loop for
    all, the figures rounded and the order shifts worked out in numpy, what every pair shares
    looked up once: ~100,000 pairs at 10,000 statements a side. ``kinds``: or a function
    returning them, called once the rest is worked out (they may be made in a child)."""
    if not rows:
        return []
    left, right = ([row[k] for row in rows] for k in (0, 1))
    values = np.array([row[2:] for row in rows], np.float64)
    figures = zip(*(rounded(values[:, k]) for k in range(3)))
    n, m = max(len(evidence.left) - 1, 1), max(len(evidence.right) - 1, 1)
    # As Python would: each quotient, the difference and the product correctly rounded.
    orders = (settings.order_weight * np.abs(np.array(left) / n - np.array(right) / m)).tolist()
    shared_words = evidence.terms.shared_of_pairs(left, right, 8)
    meaning = evidence.semantic_available
    made = Counterpart.made
    if callable(kinds):
        kinds = kinds()
    # The reason shows the figures unrounded, to 2 places; the pair keeps them to 4.
    return [
        made(
            i, j, score, kind, cosine, lexical, shared,
            _reason(exact_cosine, exact_lexical, shared, order, meaning, confidence, why), False, confidence,
        )
        for (i, j, _, exact_cosine, exact_lexical), (score, cosine, lexical), (kind, why), confidence, shared, order
        in zip(rows, figures, kinds, confidences, shared_words, orders)
    ]


def _kinds(
    evidence: Evidence, pairs: list[tuple[int, int, float, float, float]], settings: AlignmentSettings
) -> list[tuple[Kind, str]]:
    """Each pair's (left, right, score, cosine, lexical) kind, and why it is told differently
    when it is (else ""). With a learned scorer the kind model decides (``engine.kind``): on
    two English accounts the one that reads framing words, on others the one that reads only
    what any language has; without one a score under ``match_threshold`` counts as told
    differently."""
    english = evidence.languages is None or {evidence.languages.left.code, evidence.languages.right.code} <= {"en"}
    vectors = evidence.embeddings
    dimensions = 0 if vectors is None else vectors.left.shape[1]
    model = kind_model(evidence.scorer.name, dimensions) if evidence.scorer is not None and english else None
    across = None if english or evidence.scorer is None else across_kind_model(evidence.scorer.name, dimensions)
    if across is not None:
        lengths = statement_lengths(evidence.left.texts, evidence.right.texts)
        told = across.told(vectors.left, vectors.right, lengths, [p[:2] for p in pairs], [p[3] for p in pairs])
        return [(Kind.RELATED, why) if d else (Kind.MATCH, "") for d, why in told]
    if model is None:
        return [(Kind.MATCH, "") if p[2] >= settings.match_threshold else (Kind.RELATED, "") for p in pairs]
    readings = evidence.readings

    def read(text: str) -> Reading:
        if text not in readings:
            readings[text] = Reading.of(text)
        return readings[text]

    left, right = evidence.left.statements, evidence.right.statements
    # Each statement looked up once, not once per pair it is in.
    of_left = {i: read(left[i].text) for i in {p[0] for p in pairs}}
    of_right = {j: read(right[j].text) for j in {p[1] for p in pairs}}
    read_pairs = [(of_left[i], of_right[j], c, lx) for i, j, _, c, lx in pairs]
    projected = None
    if model.subject_axes is not None:
        rows = np.array([p[:2] for p in pairs], np.intp).reshape(-1, 2)
        projected = model.projections(vectors.left, vectors.right, rows)
    features = against_all(read_pairs)
    # The reasons of the pairs told differently made together, from the features at hand.
    told = np.flatnonzero(model.differently_all(features, projected))
    reasons = model.reasons(
        [read_pairs[k][:2] for k in told.tolist()],
        features[told, FEATURES.index("jaccard")],
        None if projected is None else projected[told],
    )
    kinds = [(Kind.MATCH, "")] * len(pairs)
    for k, why in zip(told.tolist(), reasons):
        kinds[k] = (Kind.RELATED, why)
    return kinds


def _reason(
    cosine: float,
    lexical: float,
    shared: Sequence[str],
    order: float,
    has_cosine: bool,
    confidence: float | None = None,
    differently: str = "",
) -> str:
    # Strings added in the reading order, not parts joined: this runs once per pair proposed.
    text = f"meaning {cosine:.2f} · shared words {lexical:.2f}" if has_cosine else f"shared words {lexical:.2f}"
    if differently:
        text = f"told differently: {differently} · {text}"
    if confidence is not None:
        text = f"confidence {confidence:.2f} · {text}"
    if order >= 0.03:  # smaller shifts would explain nothing a reader can see
        text += f" · far apart in order -{order:.2f}"
    if shared:
        text += " · (" + ", ".join(shared[:4]) + ")"
    return text
