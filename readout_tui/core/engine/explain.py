"""What a reader checks about one decision: the statement a unique one came nearest to, and
which words two statements share or do not.

Plain data for any front end: the app styles the spans, nothing here knows how.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np

from readout_tui.core.engine.evidence import Evidence, presence_scores, topical_scores
from readout_tui.core.engine.settings import AlignmentSettings
from readout_tui.core.engine.words import stems, words
from readout_tui.core.types import Side

SHARED_WEIGHT = 0.25
DIFFERS_WEIGHT = 0.7
"""Words are marked by their weight (see ``TermTable``) as a share of the weight of a word used
once. A shared word needs a little weight ("the" has almost none); a word the other side lacks
needs a lot, because only rare words are telling: common ones are the genre's vocabulary
("with", the leaders' titles), not a difference."""
CONTENT_WORD_LENGTH = 6
"""In a pair of short readouts every word is rare, "their" included, so weight alone would mark
grammar as a difference. Words this long (as long as the engine's stems), numbers, names
(capitalised inside the sentence) and words of scripts without letter case are marked."""
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class NearestMiss:
    """The statement on the other side a statement scored best against, and that score."""

    partner: int
    score: float


def nearest_miss(
    evidence: Evidence, settings: AlignmentSettings, side: Side, index: int
) -> NearestMiss | None:
    """Statement ``index`` of ``side``'s best-scoring statement on the other side (by presence
    score, as ``decide`` judges whether it has a counterpart at all); None when the other side
    has no statements. Read from ``Evidence.reach``, so no row of scores is computed."""
    rows, columns = evidence.reach(settings)
    reach, far = (rows, evidence.right) if side == "left" else (columns, evidence.left)
    if not len(far):
        return None
    return NearestMiss(int(reach.nearest[index]), float(reach.presence[index]))


def best_fit(evidence: Evidence, settings: AlignmentSettings, side: Side, index: int) -> NearestMiss | None:
    """The partner ``decide``'s second step would pick for statement ``index`` of ``side``:
    the best by topical score among the other side's statements that have a counterpart at
    all, with the pair's own presence score (under the threshold when no pair was made). None
    when no statement of the other side has a counterpart. One row of signals is computed."""
    threshold = settings.in_force(evidence.semantic_available)
    view = evidence if side == "left" else evidence.swapped()
    far = view.reach(settings)[1]
    eligible = far.presence >= threshold
    if not eligible.any():
        return None
    row = view.signals(slice(index, index + 1))
    topical = np.where(eligible, topical_scores(row)[0], -np.inf)
    partner = int(np.argmax(topical))
    return NearestMiss(partner, float(presence_scores(row, settings)[0, partner]))


WordKind = Literal["shared", "differs"]


@dataclass(frozen=True)
class WordSpan:
    """Characters ``start:end`` of a statement's text: a telling word the other statement
    shares, or a telling word it lacks."""

    start: int
    end: int
    kind: WordKind


def shares_words(text: str, other_text: str) -> bool:
    """Do the two texts have a word in common (by stem, as the engine compares them)?"""
    return not _stems_of(text).isdisjoint(_stems_of(other_text))


def word_spans(
    text: str, other_text: str, weights: Mapping[str, float], listed: Iterable[str] = ()
) -> tuple[WordSpan, ...]:
    """The words of ``text`` that ``other_text`` shares, and its distinctive words that
    ``other_text`` lacks, by stem as the engine compares them; ``weights`` are the comparison's
    word-stem weights (``TermTable.weight``). ``listed``: the words the pair's explanation
    names as shared (``TermTable.shared``), each marked wherever it stands, however short.

    Two texts without a word in common (an original and its translation, say) get no spans:
    every word would "differ", which says nothing."""
    if not shares_words(text, other_text):
        return ()
    named = {key for word in listed for key in stems(word)}
    other_stems = _stems_of(other_text)
    top = max(weights.values(), default=0.0)
    found = []
    for start, end, token in _tokens(text):
        keys = stems(token)
        if named.intersection(keys) and other_stems.intersection(keys):
            found.append(WordSpan(start, end, "shared"))
            continue
        if not _telling(token, text[start:end], start):
            continue
        weight = max(weights.get(key, 0.0) for key in keys)
        if other_stems.intersection(keys):
            if weight >= SHARED_WEIGHT * top:
                found.append(WordSpan(start, end, "shared"))
        elif token.isdigit() or weight >= DIFFERS_WEIGHT * top:
            found.append(WordSpan(start, end, "differs"))
    return tuple(found)


def _stems_of(text: str) -> set[str]:
    return {key for word in words(text) for key in stems(word)}


def _telling(token: str, original: str, start: int) -> bool:
    """Could this word carry meaning of its own (see ``CONTENT_WORD_LENGTH``)?"""
    return (
        len(token) >= CONTENT_WORD_LENGTH
        or token.isdigit()
        or token.upper() == token.lower()
        or (start > 0 and original[:1].isupper())
    )


def _tokens(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) for the words of ``text`` as ``words.words`` sees them."""
    for match in _WORD.finditer(text):
        tokens = words(match.group())
        if len(tokens) == 1:
            yield match.start(), match.end(), tokens[0]
        else:
            # A CJK run comes back as overlapping bigrams, one per character offset.
            for offset, token in enumerate(tokens):
                start = match.start() + offset
                yield start, start + len(token), token
