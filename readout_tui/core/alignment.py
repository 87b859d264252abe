"""Deciding which statements of two readouts are counterparts.

The work is split in two so the app can re-decide live when the user moves the threshold:
``gather_evidence`` computes the (slow) similarity matrices once; ``decide`` turns them into
counterparts for given settings, cheaply.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace

import numpy as np

from .lexical import TermTable
from .model import Alignment, Counterpart, Kind, Readout

EmbedFunction = Callable[[Sequence[str]], np.ndarray]
"""Texts in, unit vectors out (see ``embedding.embed``)."""


@dataclass(frozen=True)
class AlignmentSettings:
    """The knobs of the alignment. Scores are on the combined scale described in ``Evidence``."""

    threshold: float = 0.30
    """A pair needs at least this combined score. Lower finds more counterparts (and more noise)."""
    match_threshold: float = 0.60
    """Pairs scoring at least this are "match" (same thing said); below it, "related"."""
    group_margin: float = 0.10
    """A statement also links to further statements scoring within this margin of its best one,
    which is how one statement covering two on the other side is found."""
    lexical_weight: float = 0.35
    """Share of the lexical overlap in the combined score (the rest is semantic)."""

    def with_threshold(self, value: float) -> AlignmentSettings:
        return replace(self, threshold=round(min(max(value, 0.0), 1.0), 2))


@dataclass(frozen=True)
class Evidence:
    """Every pairwise signal between two readouts.

    ``semantic`` is the cosine similarity of the statements' embeddings after the component that
    all statements share (the call, the leaders, the genre) is removed; ``lexical`` the weighted
    overlap of distinctive words. Both are n x m float32 matrices.
    """

    left: Readout
    right: Readout
    semantic: np.ndarray | None
    lexical: np.ndarray
    terms: TermTable
    model: str

    def swapped(self) -> Evidence:
        """The same evidence with the sides exchanged (right becomes left)."""
        return Evidence(
            left=self.right,
            right=self.left,
            semantic=None if self.semantic is None else self.semantic.T.copy(),
            lexical=self.lexical.T.copy(),
            terms=self.terms.swapped(),
            model=self.model,
        )


def gather_evidence(
    left: Readout, right: Readout, embed: EmbedFunction | None, model: str = ""
) -> Evidence:
    """Compute the similarity signals; ``embed`` None means lexical evidence only."""
    terms = TermTable.build(left.texts, right.texts)
    semantic = None
    if embed is not None and len(left) and len(right):
        vectors = embed([*left.texts, *right.texts])
        semantic = _centred_cosine(vectors[: len(left)], vectors[len(left) :])
    return Evidence(left, right, semantic, terms.overlap(), terms, model)


def _centred_cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    mean = np.concatenate([a, b]).mean(axis=0)
    a = _unit(a - mean)
    b = _unit(b - mean)
    return (a @ b.T).astype(np.float32)


def _unit(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms == 0, 1, norms)


def combined_scores(evidence: Evidence, settings: AlignmentSettings) -> np.ndarray:
    if evidence.semantic is None:
        return evidence.lexical
    w = settings.lexical_weight
    return (1 - w) * evidence.semantic + w * evidence.lexical


def decide(evidence: Evidence, settings: AlignmentSettings = AlignmentSettings()) -> Alignment:
    """Turn evidence into counterparts: each statement's best partner above the threshold,
    plus near-best partners within ``group_margin`` (many-to-one groups)."""
    scores = combined_scores(evidence, settings)
    chosen: set[tuple[int, int]] = set()
    if scores.size:
        for i, row in enumerate(scores):
            chosen |= {(i, int(j)) for j in _near_best(row, settings)}
        for j, column in enumerate(scores.T):
            chosen |= {(int(i), j) for i in _near_best(column, settings)}
    pairs = tuple(
        _counterpart(evidence, scores, i, j, settings) for i, j in sorted(chosen)
    )
    return Alignment(
        left=evidence.left,
        right=evidence.right,
        pairs=pairs,
        model=evidence.model if evidence.semantic is not None else "lexical only",
        semantic=evidence.semantic is not None,
        settings=asdict(settings),
    )


def _near_best(scores: np.ndarray, settings: AlignmentSettings) -> np.ndarray:
    best = scores.max()
    if best < settings.threshold:
        return np.array([], dtype=int)
    floor = max(settings.threshold, best - settings.group_margin)
    return np.nonzero(scores >= floor)[0]


def _counterpart(
    evidence: Evidence, scores: np.ndarray, i: int, j: int, settings: AlignmentSettings
) -> Counterpart:
    score = float(scores[i, j])
    semantic = float(evidence.semantic[i, j]) if evidence.semantic is not None else 0.0
    lexical = float(evidence.lexical[i, j])
    shared = tuple(evidence.terms.shared(i, j)[:8])
    kind = Kind.MATCH if score >= settings.match_threshold else Kind.RELATED
    return Counterpart(
        left=i,
        right=j,
        score=round(score, 4),
        kind=kind,
        semantic=round(semantic, 4),
        lexical=round(lexical, 4),
        shared_terms=shared,
        reason=_reason(semantic, lexical, shared, evidence.semantic is not None),
    )


def _reason(semantic: float, lexical: float, shared: Sequence[str], has_semantic: bool) -> str:
    parts = []
    if has_semantic:
        parts.append(f"meaning {semantic:.2f}")
    parts.append(f"shared words {lexical:.2f}")
    if shared:
        parts.append("(" + ", ".join(shared[:4]) + ")")
    return " · ".join(parts)
