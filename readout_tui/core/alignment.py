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
from .models import LanguageCheck

EmbedFunction = Callable[[Sequence[str]], np.ndarray]
"""Texts in, unit vectors out (see ``embedding.embed``)."""


@dataclass(frozen=True)
class AlignmentSettings:
    """The knobs of the alignment.

    Scores are on one 0..1 scale: the mean of the statements' cosine similarity and the
    weighted overlap of their distinctive words (see ``Evidence``).
    """

    threshold: float = 0.25
    """A statement has a counterpart when its best score against the other side reaches this.
    Lower finds more counterparts (and more false ones); higher leaves more statements unique."""
    lexical_threshold: float = 0.05
    """The threshold in force when only lexical evidence decides (``--lexical-only``, or a
    language the model does not cover): shared-word overlap alone runs lower than the mean of
    cosine and overlap. Chosen leave-one-case-out over the eleven English fixture cases
    (0.05 in nine folds, 0.06 in two), never on a case in another language."""
    order_weight: float = 0.15
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


@dataclass(frozen=True)
class Evidence:
    """Every pairwise signal between two readouts.

    All are n x m float32 matrices. ``cosine`` is the plain cosine similarity of the statements'
    embeddings; ``semantic`` the same after removing the component that all statements share
    (the call, the leaders, the genre), which ranks partners better but says less about whether
    a partner exists at all; ``lexical`` the weighted overlap of distinctive words.
    """

    left: Readout
    right: Readout
    cosine: np.ndarray | None
    semantic: np.ndarray | None
    lexical: np.ndarray
    terms: TermTable
    model: str
    languages: LanguageCheck | None = None
    """Each side's language and whether the model covers it; None when not checked."""

    def swapped(self) -> Evidence:
        """The same evidence with the sides exchanged (right becomes left)."""
        return Evidence(
            left=self.right,
            right=self.left,
            cosine=None if self.cosine is None else self.cosine.T.copy(),
            semantic=None if self.semantic is None else self.semantic.T.copy(),
            lexical=self.lexical.T.copy(),
            terms=self.terms.swapped(),
            model=self.model,
            languages=self.languages.swapped() if self.languages else None,
        )


def gather_evidence(
    left: Readout, right: Readout, embed: EmbedFunction | None, model: str = ""
) -> Evidence:
    """Compute the similarity signals; ``embed`` None means lexical evidence only."""
    terms = TermTable.build(left.texts, right.texts)
    cosine = semantic = None
    if embed is not None and len(left) and len(right):
        vectors = embed([*left.texts, *right.texts])
        a, b = vectors[: len(left)], vectors[len(left) :]
        cosine = (a @ b.T).astype(np.float32)
        semantic = _centred_cosine(a, b)
    return Evidence(left, right, cosine, semantic, terms.overlap(), terms, model)


def _centred_cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    mean = np.concatenate([a, b]).mean(axis=0)
    a = _unit(a - mean)
    b = _unit(b - mean)
    return (a @ b.T).astype(np.float32)


def _unit(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms == 0, 1, norms)


def presence_scores(
    evidence: Evidence, settings: AlignmentSettings = AlignmentSettings()
) -> np.ndarray:
    """How strongly each pair suggests the two statements tell the same point, 0..1."""
    if evidence.cosine is None:
        scores = evidence.lexical
    else:
        scores = (np.clip(evidence.cosine, 0, 1) + evidence.lexical) / 2
    if not settings.order_weight:
        return scores
    penalised = scores - np.float32(settings.order_weight) * order_distance(*scores.shape)
    return np.maximum(penalised, 0, out=penalised)


def order_distance(n: int, m: int) -> np.ndarray:
    """How far apart each pair sits in the two accounts' reading order, 0..1."""
    left = np.arange(n, dtype=np.float32) / max(n - 1, 1)
    right = np.arange(m, dtype=np.float32) / max(m - 1, 1)
    return np.abs(left[:, None] - right[None, :])


def topical_scores(evidence: Evidence) -> np.ndarray:
    """Which partner fits a statement best: shared-component-free meaning plus shared words."""
    if evidence.semantic is None:
        return evidence.lexical
    return evidence.semantic + evidence.lexical


def decide(evidence: Evidence, settings: AlignmentSettings = AlignmentSettings()) -> Alignment:
    """Turn evidence into counterparts, in two steps.

    1. Does a statement have a counterpart at all? Yes when its best presence score against
       the other side reaches the threshold. Plain cosine is the better judge of this.
    2. Which one? Among the statements of the other side that have counterparts too, the
       best by topical score (and any within ``group_margin`` of it), seen from both sides,
       so one statement covering two on the other side is linked to both; a pair whose own
       presence score is under the threshold is dropped.
    """
    presence = presence_scores(evidence, settings)
    topical = topical_scores(evidence)
    threshold = settings.in_force(evidence.semantic is not None)
    chosen: set[tuple[int, int]] = set()
    if presence.size:
        has_left = presence.max(axis=1) >= threshold
        has_right = presence.max(axis=0) >= threshold
        for i in np.nonzero(has_left)[0]:
            chosen |= {(int(i), int(j)) for j in _best(topical[i], has_right, settings)}
        for j in np.nonzero(has_right)[0]:
            chosen |= {(int(i), int(j)) for i in _best(topical[:, j], has_left, settings)}
    # A partner chosen by topic must still reach the threshold itself, so every pair shown
    # scores at least what the user asked for (measured: no loss of quality).
    kept = sorted((i, j) for i, j in chosen if presence[i, j] >= threshold)
    pairs = tuple(_counterpart(evidence, presence, i, j, settings) for i, j in kept)
    return Alignment(
        left=evidence.left,
        right=evidence.right,
        pairs=pairs,
        model=evidence.model if evidence.semantic is not None else "lexical only",
        semantic=evidence.semantic is not None,
        settings=asdict(settings),
        languages=evidence.languages,
    )


def _best(scores: np.ndarray, eligible: np.ndarray, settings: AlignmentSettings) -> np.ndarray:
    if not eligible.any():
        return np.array([], dtype=int)
    masked = np.where(eligible, scores, -np.inf)
    return np.nonzero(masked >= masked.max() - settings.group_margin)[0]


def _counterpart(
    evidence: Evidence, scores: np.ndarray, i: int, j: int, settings: AlignmentSettings
) -> Counterpart:
    score = float(scores[i, j])
    semantic = float(evidence.semantic[i, j]) if evidence.semantic is not None else 0.0
    lexical = float(evidence.lexical[i, j])
    shared = tuple(evidence.terms.shared(i, j)[:8])
    kind = Kind.MATCH if score >= settings.match_threshold else Kind.RELATED
    n, m = scores.shape
    order = settings.order_weight * abs(i / max(n - 1, 1) - j / max(m - 1, 1))
    return Counterpart(
        left=i,
        right=j,
        score=round(score, 4),
        kind=kind,
        semantic=round(semantic, 4),
        lexical=round(lexical, 4),
        shared_terms=shared,
        reason=_reason(semantic, lexical, shared, order, evidence.semantic is not None),
    )


def _reason(
    semantic: float, lexical: float, shared: Sequence[str], order: float, has_semantic: bool
) -> str:
    parts = []
    if has_semantic:
        parts.append(f"meaning {semantic:.2f}")
    parts.append(f"shared words {lexical:.2f}")
    if order >= 0.005:
        parts.append(f"far apart in order -{order:.2f}")
    if shared:
        parts.append("(" + ", ".join(shared[:4]) + ")")
    return " · ".join(parts)
