"""The vectorised lexical overlap and the blockwise alignment give what the plain definitions
give: a loop over word bags, and ``decide`` over whole dense matrices."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from readout_tui.core.engine import evidence as alignment
from readout_tui.core.engine import words as lexical
from readout_tui.core.engine.decision import TIE, decide
from readout_tui.core.engine.embedder import embed
from readout_tui.core.engine.evidence import gather_evidence, presence_scores, topical_scores
from readout_tui.core.engine.settings import AlignmentSettings
from readout_tui.core.engine.words import TermTable
from readout_tui.core.io.loading import readout_from_text
from readout_tui.testing import FakeEmbedder

WORDS = (
    "hostages gaza ceasefire wheat exports sanctions summit visit energy nuclear talks "
    "заложников освобождение газа переговоры санкции пшеница "
    "人质 释放 停火 谈判 制裁 小麦 峰会 "
    "the of and on in to президент 主席 biden putin xi 2023 12"
).split()


def sentences(count: int, rng: random.Random) -> list[str]:
    return [" ".join(rng.choices(WORDS, k=rng.randint(0, 9))) for _ in range(count)]


def reference_overlap(table: TermTable) -> np.ndarray:
    """The definition: sum of squared weights of shared stems over the product of norms."""

    def norm(bag):
        return math.sqrt(sum(table.weight[k] ** 2 for k in bag))

    scores = np.zeros((len(table.left), len(table.right)))
    for i, a in enumerate(table.left):
        for j, b in enumerate(table.right):
            if norm(a) and norm(b):
                scores[i, j] = sum(table.weight[k] ** 2 for k in a & b) / (norm(a) * norm(b))
    return scores


@pytest.fixture(params=["dense", "dense and sparse", "sparse"])
def split(request, monkeypatch):
    """Small inputs keep every stem in the dense part; large ones put the stems few pairs share
    in a sparse part: force each way."""
    if request.param != "dense":
        monkeypatch.setattr(lexical, "_ALL_DENSE", 0)
        monkeypatch.setattr(lexical, "_DENSE_SHARE", 1 / 50 if request.param == "dense and sparse" else 1.0)
    return request.param


@pytest.mark.parametrize("seed", range(5))
def test_overlap_equals_the_definition(seed, split):
    rng = random.Random(seed)
    table = TermTable.build(sentences(rng.randint(1, 30), rng), sentences(rng.randint(1, 30), rng))
    assert np.allclose(table.overlap(), reference_overlap(table), atol=1e-6)
    assert table.overlap().dtype == np.float32


def test_overlap_of_cjk_and_cyrillic_words(split):
    table = TermTable.build(
        ["释放人质", "Освобождение заложников", "wheat"],
        ["人质释放问题", "освобождение заложника", "пшеница"],
    )
    scores = table.overlap()
    assert np.allclose(scores, reference_overlap(table), atol=1e-6)
    assert scores[0, 0] > 0 and scores[1, 1] > 0  # shared bigram 人质 / stems "освобо", "заложн"
    assert scores[2].max() == 0 and scores[:, 2].max() == 0


def test_overlap_of_some_rows_and_of_swapped_sides(split):
    rng = random.Random(9)
    table = TermTable.build(sentences(40, rng), sentences(25, rng))
    whole = table.overlap()
    assert np.array_equal(table.overlap([3, 17, 30]), whole[[3, 17, 30]])
    assert np.allclose(table.swapped().overlap(), whole.T, atol=1e-6)


def test_overlap_without_any_words(split):
    table = TermTable.build(["—", "…"], ["2", "!"])
    assert table.overlap().shape == (2, 2)


def dense_decide(evidence, settings):
    """The rule of ``decide`` on whole matrices, as it was written before the blockwise engine."""
    signals = evidence.signals()
    presence, topical = presence_scores(signals, settings), topical_scores(signals)
    threshold = settings.in_force(signals.centred is not None)
    has_left = presence.max(axis=1) >= threshold
    has_right = presence.max(axis=0) >= threshold

    def best(scores, eligible):
        if not eligible.any():
            return []
        masked = np.where(eligible, scores, -np.inf)
        return np.nonzero(masked >= masked.max() - (settings.group_margin + TIE))[0]

    chosen = {(i, j) for i in np.nonzero(has_left)[0] for j in best(topical[i], has_right)}
    chosen |= {(i, j) for j in np.nonzero(has_right)[0] for i in best(topical[:, j], has_left)}
    return {
        (int(i), int(j)): round(float(presence[i, j]), 4)
        for i, j in chosen
        if presence[i, j] >= threshold
    }


def readouts(seed: int, n: int, m: int):
    rng = random.Random(seed)
    left = sentences(n, rng)
    right = [t if rng.random() < 0.5 else s for t, s in zip(rng.choices(left, k=m), sentences(m, rng))]
    as_readout = lambda texts: readout_from_text("\n".join(t or "x" for t in texts), "side", "lines")  # noqa: E731
    return as_readout(left), as_readout(right)


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("semantic", [True, False])
def test_blockwise_decide_equals_dense(monkeypatch, seed, semantic, split):
    """Tiny blocks and few candidates, so that blocks, pruning and the recomputation of
    statements whose candidates run out are all exercised."""
    monkeypatch.setattr(alignment, "BLOCK_BYTES", 4 * 7 * 60)
    monkeypatch.setattr(alignment, "CANDIDATES", 2)
    left, right = readouts(seed, 60, 45)
    embedder = FakeEmbedder(dim=8)
    evidence = gather_evidence(left, right, (lambda texts: embed(texts, embedder, None)) if semantic else None)
    for threshold in (0.05, 0.1, 0.29, 0.5, 0.8):
        for margin in (0.0, 0.05, 0.3):
            for order in (0.0, 0.15):
                settings = AlignmentSettings(
                    threshold=threshold, lexical_threshold=threshold, group_margin=margin, order_weight=order
                )
                got = {(p.left, p.right): p.score for p in decide(evidence, settings).pairs}
                assert got == dense_decide(evidence, settings), (threshold, margin, order)
                swapped = {(p.right, p.left): p.score for p in decide(evidence.swapped(), settings).pairs}
                assert swapped == got


@pytest.mark.parametrize("semantic", [True, False])
def test_reach_holds_each_statements_nearest_partner(monkeypatch, semantic):
    """The first of equal scores wins, as with argmax (lexical scores tie at 0 often)."""
    monkeypatch.setattr(alignment, "BLOCK_BYTES", 4 * 7 * 20)
    left, right = readouts(3, 30, 20)
    embedder = FakeEmbedder(dim=8)
    evidence = gather_evidence(left, right, (lambda texts: embed(texts, embedder, None)) if semantic else None)
    presence = presence_scores(evidence.signals())
    rows, columns = evidence.reach()
    assert np.array_equal(rows.nearest, presence.argmax(axis=1))
    assert np.array_equal(columns.nearest, presence.argmax(axis=0))
    assert np.allclose(rows.presence, presence.max(axis=1))


@pytest.mark.parametrize("semantic", [True, False])
@pytest.mark.parametrize("order_weight", [0.0, 0.15])
def test_presence_scores_equal_their_definition_and_leave_the_signals_alone(semantic, order_weight):
    """Scores are computed in place, block by block: the block's own signals must survive,
    as the candidates' signals are taken from them afterwards."""
    left, right = readouts(4, 30, 20)
    evidence = gather_evidence(left, right, (lambda texts: embed(texts, FakeEmbedder(dim=8), None)) if semantic else None)
    signals = evidence.signals()
    kept = [None if x is None else x.copy() for x in (signals.cosine, signals.centred, signals.lexical, signals.order)]
    got = presence_scores(signals, AlignmentSettings(order_weight=order_weight))
    base = (np.clip(kept[0], 0, 1) + kept[2]) / 2 if semantic else kept[2]
    assert np.allclose(got, np.maximum(base - order_weight * kept[3], 0), atol=1e-6)
    for before, after in zip(kept, (signals.cosine, signals.centred, signals.lexical, signals.order)):
        assert (before is None and after is None) or np.array_equal(before, after)


def test_order_distance_equals_its_definition():
    n, m = 7, 5
    expected = np.array([[abs(i / (n - 1) - j / (m - 1)) for j in range(m)] for i in range(n)])
    assert np.allclose(alignment.order_distance(n, m), expected, atol=1e-6)
    assert np.allclose(alignment.order_distance(n, m, np.array([5, 1])), expected[[5, 1]], atol=1e-6)
    assert np.allclose(alignment.order_distance(n, m, slice(2, 4)), expected[2:4], atol=1e-6)
    assert alignment.order_distance(1, 1).tolist() == [[0.0]]


def test_a_new_threshold_reuses_the_pairs_already_made_and_decides_as_afresh():
    left, right = readouts(5, 60, 45)
    evidence = gather_evidence(left, right, lambda texts: embed(texts, FakeEmbedder(dim=8), None))
    first = decide(evidence, AlignmentSettings(threshold=0.1))
    made = {(p.left, p.right): p for p in first.pairs}
    for settings in (
        AlignmentSettings(threshold=0.05),
        AlignmentSettings(threshold=0.2),
        AlignmentSettings(threshold=0.1, match_threshold=0.2),
        AlignmentSettings(threshold=0.1, order_weight=0.3),
    ):
        again = decide(evidence, settings)
        fresh = gather_evidence(left, right, lambda texts: embed(texts, FakeEmbedder(dim=8), None))
        assert again.pairs == decide(fresh, settings).pairs
    again = decide(evidence, AlignmentSettings(threshold=0.2))
    assert again.pairs and all(p is made[(p.left, p.right)] for p in again.pairs)


def test_gathering_reports_the_statements_compared_block_by_block(monkeypatch):
    monkeypatch.setattr(alignment, "BLOCK_BYTES", 4 * 20 * 7)  # 7 rows of 20 right statements a block
    left, right = readouts(6, 30, 20)
    heard = []
    gather_evidence(left, right, None, progress=lambda done, total: heard.append((done, total)))
    assert heard == [(0, 30), (7, 30), (14, 30), (21, 30), (28, 30), (30, 30)]
