"""The reported pairs made together (``decision._built``, ``TermTable.shared`` by places) equal
the per-pair definitions they replaced."""

from __future__ import annotations

import dataclasses
import random

import numpy as np
import pytest

from readout_tui.core.engine import decision
from readout_tui.core.engine.embedder import DEFAULT_MODEL
from readout_tui.core.engine.evidence import gather_evidence
from readout_tui.core.engine.scorer import scorer_for
from readout_tui.core.engine.settings import AlignmentSettings
from readout_tui.core.engine.words import TermTable
from readout_tui.core.types import Counterpart, Kind, Readout, Statement
from readout_tui.testing import HASH_DIMENSIONS, HashEmbedder

WORDS = (
    "Putin Xi Biden talks sanctions trade Ukraine Russia Russian China Chinese energy gas oil grain "
    "security ceasefire summit leaders agreed discussed called welcomed вопросы переговоры Путин "
    "санкции торговля Путина kerja sama Indonesia 合作 会谈 the of and in on a to"
).split()


def _texts(rng: random.Random, count: int) -> list[str]:
    return [" ".join(rng.choices(WORDS, k=rng.randint(1, 14))) for _ in range(count)]


def _readout(label: str, texts: list[str]) -> Readout:
    return Readout(label, tuple(Statement(i, t) for i, t in enumerate(texts)))


def _old_shared(table: TermTable, i: int, j: int) -> list[str]:
    rank = table._telling
    ranked = sorted(table.left[i] & table.right[j] & rank.keys(), key=rank.__getitem__)
    return list(dict.fromkeys(table.surface[k] for k in ranked))


@pytest.mark.parametrize("seed", range(12))
def test_shared_words_by_places_are_those_by_stems(seed):
    rng = random.Random(seed)
    table = TermTable.build(_texts(rng, rng.randint(1, 25)), _texts(rng, rng.randint(1, 25)))
    for t in (table, table.swapped()):
        for i in range(len(t.left)):
            for j in range(len(t.right)):
                assert t.shared(i, j) == _old_shared(t, i, j)


def _old_reason(cosine, lexical, shared, order, has_cosine, confidence=None, differently=""):
    """``decision._reason`` as it was: its parts joined."""
    parts = [] if confidence is None else [f"confidence {confidence:.2f}"]
    if differently:
        parts.append(f"told differently: {differently}")
    if has_cosine:
        parts.append(f"meaning {cosine:.2f}")
    parts.append(f"shared words {lexical:.2f}")
    if order >= 0.03:
        parts.append(f"far apart in order -{order:.2f}")
    if shared:
        parts.append("(" + ", ".join(shared[:4]) + ")")
    return " · ".join(parts)


def _old_counterpart(evidence, i, j, score, cosine, lexical, settings, kind, confidence) -> Counterpart:
    """``decision._counterpart`` as it was, one pair at a time."""
    shared = tuple(_old_shared(evidence.terms, i, j)[:8])
    kind, why = kind
    n, m = len(evidence.left), len(evidence.right)
    order = settings.order_weight * abs(i / max(n - 1, 1) - j / max(m - 1, 1))
    reason = _old_reason(cosine, lexical, shared, order, evidence.semantic_available, confidence, why)
    return Counterpart(
        left=i, right=j, score=round(score, 4), kind=kind, cosine=round(cosine, 4), lexical=round(lexical, 4),
        confidence=confidence, shared_terms=shared, reason=reason,
    )


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("semantic", [False, True])
def test_pairs_made_together_equal_those_made_one_by_one(seed, semantic):
    rng = random.Random(seed)
    left, right = _readout("L", _texts(rng, rng.randint(1, 30))), _readout("R", _texts(rng, rng.randint(1, 30)))
    evidence = gather_evidence(left, right, HashEmbedder().encode if semantic else None, "hash")
    assert evidence.semantic_available == semantic
    settings = AlignmentSettings(order_weight=rng.choice([0.0, 0.05, 0.15]))
    rows = [
        (rng.randrange(len(left)), rng.randrange(len(right)),
         rng.choice([rng.random(), 0.12345, 0.99995, 1 / 3]), rng.random(), rng.random())
        for _ in range(60)
    ]
    kinds = [rng.choice([(Kind.MATCH, ""), (Kind.RELATED, "few words in common (3%)")]) for _ in rows]
    confidences = [rng.choice([None, 0.5, round(rng.random(), 4)]) for _ in rows]
    made = decision._built(evidence, rows, settings, kinds, confidences)
    expected = [_old_counterpart(evidence, *row, settings, k, c) for row, k, c in zip(rows, kinds, confidences)]
    assert made == expected
    assert [repr(vars(p)) for p in made] == [repr(vars(p)) for p in expected]


def test_figures_rounded_in_numpy_are_those_python_rounds():
    rng = np.random.default_rng(0)
    values = np.concatenate([
        rng.random(200_000), rng.standard_normal(100_000).astype(np.float32), rng.random(50_000) ** 8,
        np.arange(-20_000, 20_000) / 2e4, np.arange(0, 20_000) / 1e4 + 5e-5,
        (np.arange(0, 20_000) / 1e4 + 5e-5).astype(np.float32),
        [0.0, -0.0, -1e-9, 0.00005, 0.00015, 0.99995, 1.0, -0.00005, 0.12345, float("nan"), 1e-300],
    ])
    assert repr(decision.rounded(values)) == repr([round(float(v), 4) for v in values])
    assert decision.rounded(np.zeros(0)) == []


def test_a_pair_made_without_its_constructor_is_the_same_pair():
    figures = dict(left=3, right=5, score=0.5, kind=Kind.RELATED, cosine=-0.0, lexical=0.25,
                   shared_terms=("gas",), reason="r", manual=False, confidence=None)
    made, built = Counterpart.made(**figures), Counterpart(**figures)
    assert made == built and hash(made) == hash(built) and repr(vars(made)) == repr(vars(built))
    assert list(vars(made)) == [f.name for f in dataclasses.fields(Counterpart)]


def test_decide_reports_each_pair_as_it_did_one_by_one(example):
    """The learned path end to end (kind model, confidences): every pair as the per-pair code made it."""
    embed = lambda texts: np.pad(HashEmbedder().encode(texts), ((0, 0), (0, 384 - HASH_DIMENSIONS)))  # noqa: E731
    evidence = gather_evidence(example.left, example.right, embed, DEFAULT_MODEL, scorer=scorer_for(DEFAULT_MODEL))
    settings = AlignmentSettings()
    pairs = decision.decide(evidence, settings).pairs
    assert pairs
    for pair in pairs:
        score, cosine, lexical = decision.pair_signals(evidence, pair.left, pair.right, settings)
        row = (pair.left, pair.right, score, cosine, lexical)
        kind = decision._kinds(evidence, [row], settings)[0]
        confidence = decision._confidences(evidence, [score])[0]
        assert pair == _old_counterpart(evidence, *row, settings, kind, confidence)


@pytest.mark.parametrize("seed", range(6))
def test_kind_features_made_together_equal_those_made_pair_by_pair(seed):
    from readout_tui.core.engine.kind import Reading, against_all

    rng = random.Random(seed)
    framing = "must should allegedly criminals concern not never без cannot won't".split()
    texts = [" ".join(rng.choices(WORDS + framing, k=rng.randint(0, 16))) for _ in range(40)]
    readings = [Reading.of(t) for t in texts]
    pairs = [(rng.choice(readings), rng.choice(readings), rng.random(), rng.choice([0.0, rng.random()]))
             for _ in range(300)]
    expected = np.array([a.against(b, c, lx) for a, b, c, lx in pairs], np.float64)
    assert against_all(pairs).tobytes() == expected.tobytes()
    assert against_all([]).shape == (0, expected.shape[1])
