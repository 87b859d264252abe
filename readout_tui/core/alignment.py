"""Deciding which statements of two readouts are counterparts.

The work is split in two so the app can re-decide live when the user moves the threshold:
``gather_evidence`` computes the (slow) similarity matrices once, block by block, and keeps
only what deciding needs; ``decide`` turns that into counterparts for given settings, cheaply.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import cached_property

import numpy as np

from .lexical import TermTable
from .model import Alignment, Counterpart, Kind, Readout
from .models import LanguageCheck
from .names import without_shared_names

EmbedFunction = Callable[[Sequence[str]], np.ndarray]
"""Texts in, unit vectors out (see ``embedding.embed``)."""


@dataclass(frozen=True)
class AlignmentSettings:
    """The knobs of the alignment.

    Scores are on one 0..1 scale: the mean of the statements' cosine similarity and the
    weighted overlap of their distinctive words (see ``Evidence``).
    """

    threshold: float = 0.26
    """A statement has a counterpart when its best score against the other side reaches this.
    Lower finds more counterparts (and more false ones); higher leaves more statements unique.
    Chosen leave-one-case-out with the order weight over the nineteen English fixture cases
    with the default model (0.26 and 0.05 in 17 folds of 19; ``python bench/quality.py``).
    Quality falls off fast above it (pair F1 0.64 at 0.26, 0.61 at 0.27): lower it rather
    than raise it for a model whose scores run higher."""
    lexical_threshold: float = 0.08
    """The threshold in force when only lexical evidence decides (``--lexical-only``, or a
    language the model does not cover): shared-word overlap alone runs lower than the mean of
    cosine and overlap. Chosen leave-one-case-out at the default order weight (0.08 in every
    fold; ``python bench/quality.py --lexical``), never on a case in another language."""
    order_weight: float = 0.05
    """How much a pair's score drops for being far apart in the order of the two accounts:
    the score loses ``order_weight`` times the distance between the statements' relative
    positions (0 at the same place, 1 for first against last). Readouts recount a call
    roughly in the order it went, so this breaks ties between look-alike statements; 0 turns
    it off (for texts whose order says nothing, e.g. shuffled collections)."""
    match_threshold: float = 0.35
    """Pairs scoring at least this are "match" (the same thing said); below it, "related"."""
    group_margin: float = 0.0
    """A statement also links to further partners whose topical score is within this margin
    of its best one. 0 keeps only the best partner from each side's point of view, which
    still yields one-to-many groups where two statements pick the same partner."""

    def in_force(self, semantic: bool) -> float:
        """The presence threshold for evidence with (or without) embeddings."""
        return self.threshold if semantic else self.lexical_threshold

    def with_threshold(self, value: float, semantic: bool = True) -> AlignmentSettings:
        """These settings with the threshold in force for such evidence set to ``value``."""
        value = round(min(max(value, 0.0), 1.0), 2)
        return replace(self, **{"threshold" if semantic else "lexical_threshold": value})


@dataclass(frozen=True, eq=False)
class Signals:
    """The pairwise signals for some pairs of statements: arrays of one shape (a block of rows
    of the n x m matrices, or the pairs of a list). ``cosine`` is the plain cosine similarity
    of the statements' embeddings; ``semantic`` the same after removing the component that all
    statements share (the call, the leaders, the genre), which ranks partners better but says
    less about whether a partner exists at all; ``lexical`` the weighted overlap of distinctive
    words; ``order`` how far apart the two statements sit in the accounts' reading order
    (see ``order_distance``). ``cosine`` and ``semantic`` are None without embeddings."""

    cosine: np.ndarray | None
    semantic: np.ndarray | None
    lexical: np.ndarray
    order: np.ndarray

    def take(self, at) -> Signals:
        pick = lambda x: None if x is None else x[at]  # noqa: E731
        return Signals(pick(self.cosine), pick(self.semantic), self.lexical[at], self.order[at])

    @staticmethod
    def concatenate(parts: Sequence[Signals]) -> Signals:
        join = lambda xs: None if xs[0] is None else np.concatenate(xs)  # noqa: E731
        return Signals(
            join([p.cosine for p in parts]),
            join([p.semantic for p in parts]),
            join([p.lexical for p in parts]),
            join([p.order for p in parts]),
        )


@dataclass(frozen=True, eq=False)
class Embeddings:
    """Unit vectors of both sides, and what removing their shared component needs."""

    left: np.ndarray
    right: np.ndarray
    mean: np.ndarray

    @classmethod
    def of(cls, left: np.ndarray, right: np.ndarray) -> Embeddings:
        return cls(left, right, np.concatenate([left, right]).mean(axis=0))

    def swapped(self) -> Embeddings:
        return Embeddings(self.right, self.left, self.mean)

    @cached_property
    def _centring(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(offset, 1/norm) of each side's centred vectors: (u - c).(v - c) = u.v - u.c - v.c + c.c,
        so the centred cosine comes from the plain one without a second n x m product."""
        c = self.mean.astype(np.float64)
        out = []
        for x in (self.left, self.right):
            norms = np.linalg.norm(x - self.mean, axis=1).astype(np.float64)
            out += [x.astype(np.float64) @ c, np.where(norms == 0, 0, 1 / np.where(norms == 0, 1, norms))]
        left_offset, left_scale, right_offset, right_scale = out
        return (
            (c @ c - left_offset).astype(np.float32),
            left_scale.astype(np.float32),
            right_offset.astype(np.float32),
            right_scale.astype(np.float32),
        )

    def block(self, rows) -> tuple[np.ndarray, np.ndarray]:
        """Plain and centred cosine of left ``rows`` with every right statement."""
        cosine = self.left[rows] @ self.right.T
        left_offset, left_scale, right_offset, right_scale = self._centring
        semantic = cosine - right_offset
        semantic += left_offset[rows, None]
        semantic *= left_scale[rows, None]
        semantic *= right_scale
        return cosine, semantic


@dataclass(frozen=True, eq=False)
class Evidence:
    """Every pairwise signal between two readouts, kept compact.

    The n x m matrices of ``Signals`` are computed block by block (``gather_evidence``) and
    boiled down to what ``decide`` needs for any threshold: each statement's best presence
    score and its best candidates by topical score (``Reach``, see ``reach``). ``signals``
    recomputes any block of the full matrices on demand.
    """

    left: Readout
    right: Readout
    embeddings: Embeddings | None
    terms: TermTable
    model: str
    languages: LanguageCheck | None = None
    """Each side's language and whether the model covers it; None when not checked."""
    reaches: dict[float, tuple[Reach, Reach]] = field(default_factory=dict, repr=False)
    """``reach`` for each order weight used so far (presence scores depend on it)."""

    def reach(self, settings: AlignmentSettings = AlignmentSettings()) -> tuple[Reach, Reach]:
        """The left statements' view of the right ones, and the right's of the left, under
        ``settings``: computed once per order weight (seconds for 10,000 statements a side)."""
        if settings.order_weight not in self.reaches:
            self.reaches[settings.order_weight] = _reach(self, settings)
        return self.reaches[settings.order_weight]

    @property
    def semantic_available(self) -> bool:
        return self.embeddings is not None

    def signals(self, rows=slice(None)) -> Signals:
        """The signals of left ``rows`` with every right statement (all rows: n x m matrices,
        fine for two readouts, costly for thousands of statements)."""
        lexical = self.terms.overlap(rows)
        order = order_distance(len(self.left), len(self.right), rows)
        if self.embeddings is None:
            return Signals(None, None, lexical, order)
        return Signals(*self.embeddings.block(rows), lexical, order)

    def whole(self) -> Signals:
        """All n x m signals: kept once computed for a pair of readouts, recomputed on each
        use for thousands of statements, where they would hold gigabytes (there, ``reach``
        has each statement's nearest partner and ``semantic_available`` says whether there
        are embeddings)."""
        if len(self.left) * len(self.right) <= _KEEP_WHOLE:
            return self._kept
        return self.signals()

    @cached_property
    def _kept(self) -> Signals:
        return self.signals()

    @property
    def cosine(self) -> np.ndarray | None:
        return self.whole().cosine

    @property
    def semantic(self) -> np.ndarray | None:
        return self.whole().semantic

    @property
    def lexical(self) -> np.ndarray:
        return self.whole().lexical

    @property
    def order(self) -> np.ndarray:
        return self.whole().order

    def swapped(self) -> Evidence:
        """The same evidence with the sides exchanged (right becomes left)."""
        return Evidence(
            left=self.right,
            right=self.left,
            embeddings=None if self.embeddings is None else self.embeddings.swapped(),
            terms=self.terms.swapped(),
            model=self.model,
            languages=self.languages.swapped() if self.languages else None,
            reaches={weight: reach[::-1] for weight, reach in self.reaches.items()},
        )


_KEEP_WHOLE = 1_000_000
"""Pairs up to which ``Evidence.whole`` keeps the matrices (4 MB each)."""


def gather_evidence(
    left: Readout,
    right: Readout,
    embed: EmbedFunction | None,
    model: str = "",
    settings: AlignmentSettings = AlignmentSettings(),
) -> Evidence:
    """Compute the similarity signals, reduced for ``settings``' order weight; ``embed`` None
    means lexical evidence only."""
    terms = TermTable.build(left.texts, right.texts)
    embeddings = None
    if embed is not None and len(left) and len(right):
        vectors = statement_vectors([*left.texts, *right.texts], embed)
        embeddings = Embeddings.of(vectors[: len(left)], vectors[len(left) :])
    evidence = Evidence(left, right, embeddings, terms, model)
    evidence.reach(settings)
    return evidence


def embedded_texts(texts: Sequence[str]) -> list[str]:
    """What is embedded for ``texts``: each as written, then each without the names several
    statements share (see ``statement_vectors``)."""
    return [*texts, *without_shared_names(texts)]


def statement_vectors(texts: Sequence[str], embed: EmbedFunction) -> np.ndarray:
    """Each statement's unit vector: its text's embedding joined to the embedding of its text
    without the names several statements share (``names.without_shared_names``), each at half
    weight, so that the cosine of two statements is the mean of the two cosines. The names
    the two accounts repeat everywhere make statements about different points look alike;
    the full text keeps what a name says when it is the point ("Iran", "the Red Cross").
    Measured over the English fixture cases: pair F1 +0.05, unique F1 +0.01 at the defaults
    chosen for each, +0.06 / +0.05 with both chosen leave-one-case-out (docs/quality.md)."""
    vectors = embed(embedded_texts(texts))
    whole, focused = vectors[: len(texts)], vectors[len(texts) :]
    return np.concatenate([whole, focused], axis=1) * np.float32(np.sqrt(0.5))


def presence_scores(
    evidence: Signals | Evidence, settings: AlignmentSettings = AlignmentSettings()
) -> np.ndarray:
    """How strongly each pair suggests the two statements tell the same point, 0..1."""
    if evidence.cosine is None:
        scores = evidence.lexical
    else:
        # (clip(cosine, 0, 1) + lexical) / 2, in place: blocks hold millions of pairs.
        scores = np.clip(evidence.cosine, 0, 1)
        scores += evidence.lexical
        scores /= 2
    if not settings.order_weight:
        return scores
    penalised = scores - np.float32(settings.order_weight) * evidence.order
    return np.maximum(penalised, 0, out=penalised)


def pair_signals(
    evidence: Evidence, left: int, right: int, settings: AlignmentSettings = AlignmentSettings()
) -> tuple[float, float, float]:
    """One pair's presence score, plain cosine (0 without embeddings) and shared-word overlap,
    from its left statement's row only: the whole n x m signals cost gigabytes at scale."""
    row = evidence.signals(slice(left, left + 1))
    score = float(presence_scores(row, settings)[0, right])
    cosine = float(row.cosine[0, right]) if row.cosine is not None else 0.0
    return score, cosine, float(row.lexical[0, right])


def scored_pair(
    evidence: Evidence, left: int, right: int, settings: AlignmentSettings = AlignmentSettings()
) -> Counterpart:
    """Any one pair as ``decide`` would report it (kind, figures, reason), whether it decided
    on it or not: for pairs made by hand."""
    return _counterpart(evidence, left, right, *pair_signals(evidence, left, right, settings), settings)


def order_distance(n: int, m: int, rows=slice(None)) -> np.ndarray:
    """How far apart each pair (of left ``rows`` and every right statement) sits in the two
    accounts' reading order, 0..1."""
    left = (np.arange(n, dtype=np.float32) / max(n - 1, 1))[rows]
    right = np.arange(m, dtype=np.float32) / max(m - 1, 1)
    return np.abs(left[:, None] - right[None, :])


def topical_scores(signals: Signals | Evidence) -> np.ndarray:
    """Which partner fits a statement best: shared-component-free meaning plus shared words."""
    if signals.semantic is None:
        return signals.lexical
    return signals.semantic + signals.lexical


@dataclass(frozen=True, eq=False)
class Reach:
    """One side's statements against the other side, boiled down for ``decide``.

    Each statement keeps as candidates its partners of highest topical score, with the pair's
    signals; every partner scoring above the statement's ``floor`` is among them (the others
    were dropped as out of reach), so its best eligible partner is found there unless that one
    may score at or below the floor.
    """

    presence: np.ndarray
    """Each statement's best presence score against the other side."""
    nearest: np.ndarray
    """The partner with that score."""
    floor: np.ndarray
    starts: np.ndarray
    """Statement k's candidates are ``partners[starts[k]:starts[k + 1]]``."""
    partners: np.ndarray
    topical: np.ndarray
    signals: Signals

    @classmethod
    def empty(cls, n: int) -> Reach:
        nothing = np.zeros(0, dtype=np.float32)
        return cls(
            np.full(n, -np.inf, np.float32), np.zeros(n, np.int64), np.full(n, np.inf, np.float32),
            np.zeros(n + 1, np.int64), np.zeros(0, np.int64), nothing,
            Signals(nothing, nothing, nothing, nothing),
        )

    @cached_property
    def owners(self) -> np.ndarray:
        """The statement each candidate belongs to."""
        return np.repeat(np.arange(len(self.presence)), np.diff(self.starts))


def decide(evidence: Evidence, settings: AlignmentSettings = AlignmentSettings()) -> Alignment:
    """Turn evidence into counterparts, in two steps.

    1. Does a statement have a counterpart at all? Yes when its best presence score against
       the other side reaches the threshold. Plain cosine is the better judge of this.
    2. Which one? Among the statements of the other side that have counterparts too, the
       best by topical score (and any within ``group_margin`` of it), seen from both sides,
       so one statement covering two on the other side is linked to both; a pair whose own
       presence score is under the threshold is dropped.
    """
    threshold = settings.in_force(evidence.semantic_available)
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
    cosine = kept_signals.cosine.tolist() if kept_signals.cosine is not None else [0.0] * len(scores[kept])
    values = zip(i[kept].tolist(), j[kept].tolist(), scores[kept].tolist(), cosine, kept_signals.lexical.tolist())
    pairs = tuple(_counterpart(evidence, *pair, settings) for pair in values)
    return Alignment(
        left=evidence.left,
        right=evidence.right,
        pairs=pairs,
        model=evidence.model if evidence.semantic_available else "lexical only",
        semantic=evidence.semantic_available,
        settings=asdict(settings),
        languages=evidence.languages,
    )


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
    lowest = best - settings.group_margin
    # Partners under a statement's floor were never kept: if its pick may reach down there
    # (or none of its candidates is eligible), its whole row is looked at again.
    unsure = has & (lowest <= reach.floor)
    picked = (scores >= lowest[owner]) & (scores > -np.inf) & ~unsure[owner]
    found = [(owner[picked], reach.partners[picked], reach.signals.take(picked))]
    rows = np.nonzero(unsure)[0]
    step = _rows_per_block(len(eligible))
    for start in range(0, len(rows), step):
        block = evidence.signals(rows[start : start + step])
        scores = np.where(eligible, topical_scores(block), -np.inf)
        lowest = scores.max(axis=1) - settings.group_margin
        r, c = np.nonzero(scores >= lowest[:, None])
        found.append((rows[start + r], c, block.take((r, c))))
    statements, partners, signals = zip(*found)
    return np.concatenate(statements), np.concatenate(partners), Signals.concatenate(signals)


BLOCK_BYTES = 32 * 2**20
"""Size of one block of an n x m float32 matrix: large enough for the BLAS to run at full speed."""

CANDIDATES = 16
"""Partners kept per statement at most: enough that the best eligible one is nearly always
among them (otherwise ``decide`` recomputes that statement's row)."""

SPREAD = 0.2
"""Partners within this of a statement's best topical score are kept as candidates."""


def _rows_per_block(m: int) -> int:
    return max(1, BLOCK_BYTES // (4 * max(m, 1)))


def _reach(evidence: Evidence, settings: AlignmentSettings) -> tuple[Reach, Reach]:
    n, m = len(evidence.left), len(evidence.right)
    if not n or not m:
        return Reach.empty(n), Reach.empty(m)
    rows = _Collector(n)
    columns = _Collector(m)
    step = _rows_per_block(m)
    for start in range(0, n, step):
        block = evidence.signals(slice(start, start + step))
        presence, topical = presence_scores(block, settings), topical_scores(block)
        rows.add(start, block, presence, topical, transposed=False)
        columns.add(start, block, presence, topical, transposed=True)
    return rows.reach(), columns.reach()


class _Collector:
    """Builds one side's ``Reach`` from blocks of the signal matrices, keeping per statement
    only the candidates near its best topical score so far."""

    def __init__(self, n: int) -> None:
        self.presence = np.full(n, -np.inf, np.float32)
        self.nearest = np.zeros(n, np.int64)
        self.best = np.full(n, -np.inf, np.float32)
        self.floor = np.full(n, -np.inf, np.float32)
        self.parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, Signals]] = []
        self.held = 0

    def add(
        self, start: int, block: Signals, presence: np.ndarray, topical: np.ndarray, transposed: bool
    ) -> None:
        """Take in left rows ``start...`` of the matrices, for the left side's statements or,
        ``transposed``, for the right side's."""
        if transposed:
            owners = np.arange(presence.shape[1])
            value = presence.max(axis=0)
            # Strictly better only: the first of equal scores wins, as with argmax.
            better = np.nonzero(value > self.presence)[0]
            self.nearest[better] = presence[:, better].argmax(axis=0) + start
            self.best = np.maximum(self.best, topical.max(axis=0))
            lowest = (self.best - np.float32(SPREAD))[None, :]
        else:
            owners = np.arange(presence.shape[0]) + start
            nearest = presence.argmax(axis=1)
            value = presence[owners - start, nearest]
            self.nearest[owners] = nearest
            self.best[owners] = topical.max(axis=1)
            lowest = (self.best[owners] - np.float32(SPREAD))[:, None]
        self.presence[owners] = np.maximum(self.presence[owners], value)
        r, c = np.divmod(np.flatnonzero(topical >= lowest), topical.shape[1])
        signals = block.take((r, c))
        owner, partner = (c, r + start) if transposed else (r + start, c)
        self.parts.append((owner, partner, topical[r, c], signals))
        self.held += len(r)
        if self.held > 4 * CANDIDATES * len(self.presence):
            self._compact()

    def _compact(self) -> None:
        """Drop candidates now out of reach of their statement's best, and all but the best
        ``CANDIDATES`` of a statement; ``floor`` records what was dropped."""
        owner, partner, topical = (np.concatenate(x) for x in list(zip(*self.parts))[:3])
        signals = Signals.concatenate([part[3] for part in self.parts])
        np.maximum(self.floor, self.best - np.float32(SPREAD), out=self.floor)
        keep = topical > self.floor[owner]
        owner, partner, topical, signals = owner[keep], partner[keep], topical[keep], signals.take(keep)
        order = np.lexsort((-topical, owner))
        owner, partner, topical, signals = owner[order], partner[order], topical[order], signals.take(order)
        starts = np.searchsorted(owner, np.arange(len(self.floor) + 1))
        rank = np.arange(len(owner)) - starts[owner]
        cut = rank == CANDIDATES
        self.floor[owner[cut]] = np.maximum(self.floor[owner[cut]], topical[cut])
        keep = rank < CANDIDATES
        self.parts = [(owner[keep], partner[keep], topical[keep], signals.take(keep))]
        self.held = int(keep.sum())

    def reach(self) -> Reach:
        self._compact()
        owner, partner, topical, signals = self.parts[0]
        starts = np.searchsorted(owner, np.arange(len(self.floor) + 1))
        return Reach(self.presence, self.nearest, self.floor, starts, partner, topical, signals)


def _counterpart(
    evidence: Evidence,
    i: int,
    j: int,
    score: float,
    semantic: float,
    lexical: float,
    settings: AlignmentSettings,
) -> Counterpart:
    shared = tuple(evidence.terms.shared(i, j)[:8])
    kind = Kind.MATCH if score >= settings.match_threshold else Kind.RELATED
    n, m = len(evidence.left), len(evidence.right)
    order = settings.order_weight * abs(i / max(n - 1, 1) - j / max(m - 1, 1))
    return Counterpart(
        left=i,
        right=j,
        score=round(score, 4),
        kind=kind,
        semantic=round(semantic, 4),
        lexical=round(lexical, 4),
        shared_terms=shared,
        reason=_reason(semantic, lexical, shared, order, evidence.semantic_available),
    )


def _reason(
    semantic: float, lexical: float, shared: Sequence[str], order: float, has_semantic: bool
) -> str:
    parts = []
    if has_semantic:
        parts.append(f"meaning {semantic:.2f}")
    parts.append(f"shared words {lexical:.2f}")
    if order >= 0.03:  # smaller shifts would explain nothing a reader can see
        parts.append(f"far apart in order -{order:.2f}")
    if shared:
        parts.append("(" + ", ".join(shared[:4]) + ")")
    return " · ".join(parts)
