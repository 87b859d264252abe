"""The knobs of the alignment."""

from __future__ import annotations

from dataclasses import dataclass, replace

HAND_SET_THRESHOLD = 0.26
"""The threshold of the hand-set scores (the mean of cosine and shared-word overlap), for models
without a learned scorer. Chosen leave-one-case-out with the order weight over the nineteen
English fixture cases with the default model (0.26 and 0.05 in 17 folds of 19;
``python bench/quality.py``). Quality falls off fast above it (pair F1 0.64 at 0.26, 0.61 at
0.27): lower it rather than raise it for a model whose scores run higher."""


@dataclass(frozen=True)
class AlignmentSettings:
    """The knobs of the alignment.

    Scores are on one 0..1 scale: a learned scorer's probability that two statements are
    counterparts (``scorer``), or for models without one, the mean of the statements' cosine
    similarity and the weighted overlap of their distinctive words (``evidence.presence_scores``).
    """

    threshold: float | None = None
    """A statement has a counterpart when its best score against the other side reaches this.
    Lower finds more counterparts (and more false ones); higher leaves more statements unique.
    None: the default of the scores in use, a learned scorer's own threshold (its scores are
    probabilities, see ``scorer``) or ``HAND_SET_THRESHOLD`` for the hand-set scores."""
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

    def in_force(self, semantic: bool, learned: float | None = None) -> float:
        """The presence threshold for evidence with (or without) embeddings; ``learned``: the
        default of the learned scorer deciding, if one does."""
        if not semantic:
            return self.lexical_threshold
        if self.threshold is not None:
            return self.threshold
        return HAND_SET_THRESHOLD if learned is None else learned

    def with_threshold(self, value: float, semantic: bool = True) -> AlignmentSettings:
        """These settings with the threshold in force for such evidence set to ``value``."""
        value = round(min(max(value, 0.0), 1.0), 2)
        return replace(self, **{"threshold" if semantic else "lexical_threshold": value})
