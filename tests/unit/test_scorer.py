"""The learned pair scorer: its features computed block by block are those of the whole
matrices, the engine decides by its probabilities, every pair carries a calibrated
confidence, and the shipped weights load."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from readout_tui.core.engine import evidence as evidence_module
from readout_tui.core.engine import scorer as scorer_module
from readout_tui.core.engine.decision import decide, scored_pair
from readout_tui.core.engine.embedder import DEFAULT_MODEL, embed
from readout_tui.core.engine.evidence import gather_evidence
from readout_tui.core.engine.scorer import (
    BESIDE,
    SCORERS,
    SIGNALS,
    ColumnStanding,
    Logit,
    PairScorer,
    Standing,
    feature_names,
    first_best,
    least_logit,
    load_scorer,
    mean_and_std,
    pair_features,
    scorer_file,
    scorer_for,
    sigmoid,
)
from readout_tui.core.engine.settings import AlignmentSettings
from readout_tui.core.io.loading import readout_from_text
from readout_tui.testing import FakeEmbedder, HashEmbedder

WORDS = "hostages gaza ceasefire wheat exports sanctions summit visit energy nuclear talks the of and biden putin".split()


def readouts(seed: int, n: int, m: int):
    rng = random.Random(seed)
    texts = lambda k: "\n".join(" ".join(rng.choices(WORDS, k=rng.randint(2, 8))) for _ in range(k))  # noqa: E731
    return readout_from_text(texts(n), "left", "lines"), readout_from_text(texts(m), "right", "lines")


def toy_scorer(threshold: float = 0.5) -> PairScorer:
    """Weights that favour a high cosine that is also its row's and column's best."""
    names = feature_names(SIGNALS)
    weights = np.zeros(len(names), np.float32)
    for name, weight in (("cosine.value", 2.0), ("cosine.below_row_best", 1.5), ("lexical.value", 1.0),
                         ("cosine.mutual_best", 1.0), ("order", -0.5)):
        weights[names.index(name)] = weight
    return PairScorer(
        name="toy", signals=SIGNALS, features=names,
        centre=np.zeros(len(names), np.float32), scale=np.ones(len(names), np.float32) * 0.2,
        weights=weights, intercept=-3.0, threshold=threshold,
        calibration=(np.array([0.0, 0.5, 1.0]), np.array([0.0, 0.6, 0.95])), doubt=(0.6, 0.3),
    )


def evidence_of(seed: int, n: int, m: int, scorer: PairScorer | None):
    left, right = readouts(seed, n, m)
    embedder = FakeEmbedder()
    return gather_evidence(left, right, lambda t: embed(t, embedder, None), embedder.name, scorer=scorer)


def dense_features(evidence, scorer: PairScorer):
    """The scorer's features of every pair of the full matrices, with the rows' and columns'
    standing they come from."""
    full = evidence.signals()
    matrices = {key: getattr(full, key) for key in scorer.signals}
    rows = Standing.of_rows(matrices)
    columns = Standing.of_rows({key: m.T for key, m in matrices.items()})
    n, m = full.lexical.shape
    left, right = (a.ravel() for a in np.indices((n, m)))
    values = {key: v.ravel() for key, v in matrices.items()}
    return pair_features(values, full.order.ravel(), rows, columns, left, right, scorer.signals), rows, columns


def dense_probability(evidence, scorer: PairScorer) -> np.ndarray:
    features, _, _ = dense_features(evidence, scorer)
    return scorer.probability(features).reshape(len(evidence.left), len(evidence.right))


@pytest.mark.parametrize("rows_per_block", [1, 3, 1000])
def test_column_standing_from_blocks_is_the_whole_matrix(rows_per_block):
    rng = np.random.default_rng(4)
    matrix = rng.random((11, 7)).astype(np.float32)
    gathered = ColumnStanding()
    for start in range(0, 11, rows_per_block):
        gathered.add(start, {"cosine": matrix[start : start + rows_per_block]})
    got, want = gathered.standing(), Standing.of_rows({"cosine": matrix.T})
    for field in ("best", "best_at", "mean", "spread"):
        assert np.allclose(getattr(got, field)["cosine"], getattr(want, field)["cosine"], atol=1e-5), field


@pytest.mark.parametrize("shape", [(1, 1), (3, 7), (5, 1000), (40, 3001)])
def test_mean_and_std_are_numpys_to_the_bit(shape):
    rng = np.random.default_rng(shape[1])
    # Wide ranges and large offsets, where summing or dividing another way rounds differently.
    matrix = (rng.standard_normal(shape) * 1e3 + rng.standard_normal((shape[0], 1)) * 1e5).astype(np.float32)
    mean, std = mean_and_std(matrix)
    assert mean.dtype == std.dtype == np.float32
    assert np.array_equal(mean, matrix.mean(axis=1)) and np.array_equal(std, matrix.std(axis=1))


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()


@pytest.mark.parametrize("sweep_bytes", [4, 40, 2**20])
@pytest.mark.parametrize("kind", ["spread", "ties", "nan"])
def test_the_sweep_gives_the_rows_and_columns_standing_to_the_bit(sweep_bytes, kind, monkeypatch):
    monkeypatch.setattr(scorer_module, "SWEEP_BYTES", sweep_bytes)  # one row a piece, a few, all
    rng = np.random.default_rng(len(kind))
    blocks = []
    for _ in range(3):
        block = (rng.standard_normal((23, 37)) * 1e3 + rng.standard_normal((23, 1)) * 1e5).astype(np.float32)
        if kind == "ties":  # the first best must win; whole columns of zero overlaps
            block = rng.integers(0, 3, (23, 37)).astype(np.float32)
            block[:, :9] = 0
        if kind == "nan":
            block[rng.integers(0, 23, 4), rng.integers(0, 37, 4)] = np.nan
        blocks.append({"cosine": block, "lexical": np.abs(block)})
    apart, swept = ColumnStanding(), ColumnStanding()
    want, got = [], []
    for start, matrices in zip(range(0, 69, 23), blocks):
        want.append(Standing.of_rows(matrices))
        apart.add(start, matrices)
        got.append(swept.add_with_rows(start, matrices))
    pairs = [(Standing.concatenate(want), Standing.concatenate(got)), (apart.standing(), swept.standing())]
    for field in ("best", "best_at", "mean", "spread", "largest"):
        for a, b in pairs:
            for key in ("cosine", "lexical"):
                assert _same(getattr(a, field)[key], getattr(b, field)[key]), (field, key)
    for key in ("cosine", "lexical"):
        assert _same(apart.total[key], swept.total[key]) and _same(apart.squares[key], swept.squares[key])


@pytest.mark.parametrize("seed", range(3))
def test_first_best_is_argmax_with_ties_and_nan(seed):
    rng = np.random.default_rng(seed)
    block = rng.integers(0, 4, (50, 300)).astype(np.float32)  # many ties: the first must win
    block[rng.integers(0, 50, 5), rng.integers(0, 300, 5)] = np.nan
    assert np.array_equal(first_best(block, block.max(axis=0)), block.argmax(axis=0))
    clean = np.nan_to_num(block)
    assert np.array_equal(first_best(clean, clean.max(axis=0)), clean.argmax(axis=0))
    # A few ties among distinct values (the search for the first row), and columns tied in
    # every row (shared-word overlaps of zero: argmax).
    few = rng.standard_normal((50, 300)).astype(np.float32)
    best = few.max(axis=0)
    few[rng.integers(0, 50, 30), np.arange(30)] = best[:30]
    assert np.array_equal(first_best(few, few.max(axis=0)), few.argmax(axis=0))
    few[:, 40:100] = 0
    assert np.array_equal(first_best(few, few.max(axis=0)), few.argmax(axis=0))


@pytest.mark.parametrize("seed", range(4))
def test_blockwise_probabilities_are_the_dense_ones(seed, monkeypatch):
    monkeypatch.setattr(evidence_module, "rows_per_block", lambda m: 3)  # several blocks
    scorer = toy_scorer()
    evidence = evidence_of(seed, 17, 13, scorer)
    dense = dense_probability(evidence, scorer)
    rows, columns = evidence.reach()
    assert np.allclose(rows.probability, dense[rows.owners, rows.partners], atol=1e-5)
    assert np.allclose(columns.probability, dense[columns.partners, columns.owners], atol=1e-5)
    # A statement's presence is its best candidate's probability, and its nearest is that one.
    assert np.allclose(rows.presence, [dense[i, rows.nearest[i]] for i in range(17)], atol=1e-5)


@pytest.mark.parametrize("seed", range(4))
def test_decide_proposes_the_candidates_at_the_threshold(seed):
    scorer = toy_scorer(threshold=0.4)
    evidence = evidence_of(seed, 15, 12, scorer)
    dense = dense_probability(evidence, scorer)
    alignment = decide(evidence)
    got = {(p.left, p.right) for p in alignment.pairs}
    assert got, "the toy scorer proposes pairs on these readouts"
    for pair in alignment.pairs:
        assert pair.score >= 0.4
        assert pair.score == pytest.approx(dense[pair.left, pair.right], abs=1e-4)
        assert pair.confidence == pytest.approx(float(np.interp(pair.score, *scorer.calibration)), abs=1e-4)
        assert pair.reason.startswith(f"confidence {pair.confidence:.2f}")
    # Each statement's best partner by probability is proposed when it reaches the threshold.
    for i in range(15):
        j = int(dense[i].argmax())
        if dense[i, j] >= 0.45:
            assert (i, j) in got
    assert alignment.settings["threshold"] == 0.4


def test_a_threshold_given_holds_over_the_scorers_own():
    evidence = evidence_of(1, 15, 12, toy_scorer(threshold=0.4))
    default = decide(evidence)
    stricter = decide(evidence, AlignmentSettings(threshold=0.8))
    assert stricter.settings["threshold"] == 0.8
    assert {(p.left, p.right) for p in stricter.pairs} < {(p.left, p.right) for p in default.pairs}
    assert all(p.score >= 0.8 for p in stricter.pairs)


def test_a_pair_made_by_hand_is_scored_as_decide_scores_it():
    scorer = toy_scorer()
    evidence = evidence_of(2, 14, 9, scorer)
    dense = dense_probability(evidence, scorer)
    for i, j in ((0, 0), (5, 8), (13, 2)):
        pair = scored_pair(evidence, i, j)
        assert pair.score == pytest.approx(dense[i, j], abs=1e-4)
        assert pair.confidence is not None


def test_without_a_scorer_the_hand_set_scores_decide():
    evidence = evidence_of(3, 10, 10, None)
    alignment = decide(evidence)
    assert alignment.settings["threshold"] == 0.26
    assert all(p.confidence is None and not p.reason.startswith("confidence") for p in alignment.pairs)


def test_the_shipped_scorers_load_whole():
    for file in [*SCORERS.values(), *(file for _, file in BESIDE.values())]:
        scorer = load_scorer(file)
        assert scorer is not None, file
        assert scorer.features == feature_names(scorer.signals)
        assert len(scorer.weights) == len(scorer.features) == len(scorer.centre) == len(scorer.scale)
        assert 0 < scorer.threshold < 1
        points, rates = scorer.calibration
        assert np.all(np.diff(points) >= 0) and np.all(np.diff(rates) >= 0)
    assert scorer_for("all-MiniLM-L6-v2") is not None
    assert scorer_for("some-other-model") is None


def test_a_second_model_has_its_own_scorer_across_languages_only():
    use = "universal-sentence-encoder-multilingual-3"
    assert scorer_file("multilingual-e5-small", same_language=False) == "e5-across.json"
    assert scorer_file("multilingual-e5-small", same_language=False, second=use) == "e5-use-across.json"
    assert scorer_for("multilingual-e5-small", False, use).signals == ("cosine", "centred", "second_cosine", "second_centred")
    # Within one language, or beside a model nothing was fitted for: no such scorer.
    assert scorer_file("multilingual-e5-small", same_language=True, second=use) is None
    assert scorer_file("multilingual-e5-small", same_language=False, second="other") is None
    assert scorer_file("all-MiniLM-L6-v2", same_language=False, second=use) is None


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("rows_per_block", [4, 1000])
def test_a_second_models_cosines_are_read_beside_the_first(seed, rows_per_block, monkeypatch):
    """The second model's plain and centred cosines are signals like the first's: blockwise
    they are the whole matrices', swapped sides transpose them, and the statements keep their
    most probable partners by a scorer that reads them."""
    monkeypatch.setattr(evidence_module, "CANDIDATES", 3)
    monkeypatch.setattr(evidence_module, "rows_per_block", lambda m: rows_per_block)
    scorer = load_scorer("e5-use-across.json")
    left, right = with_repeats(seed, 21, 17)
    first, second = FakeEmbedder(), HashEmbedder("second")
    evidence = gather_evidence(
        left, right, lambda t: embed(t, first, None), first.name, scorer=scorer,
        second_embed=lambda t: embed(t, second, None),
    )
    full = blockwise(evidence, rows_per_block)
    vectors = evidence_module.statement_vectors([*left.texts, *right.texts], lambda t: embed(t, second, None))
    alone = evidence_module.Embeddings.of(vectors[:21], vectors[21:]).block(slice(None))
    np.testing.assert_allclose(full.second_cosine, alone[0], atol=1e-6)
    np.testing.assert_allclose(full.second_centred, alone[1], atol=1e-6)
    assert not np.allclose(full.second_cosine, full.cosine)  # not the first model's again
    np.testing.assert_allclose(evidence.swapped().signals().second_cosine, full.second_cosine.T, atol=1e-6)
    rows, columns = evidence.reach()
    dense = all_probabilities(evidence, scorer, full, rows.standing, columns.standing)
    for reach, matrix in ((rows, dense), (columns, dense.T)):
        for k, line in enumerate(matrix):
            want = sorted(range(len(line)), key=lambda j: (-line[j], j))[:3]
            assert reach.partners[reach.starts[k] : reach.starts[k + 1]].tolist() == want
            assert np.array_equal(reach.probability[reach.starts[k] : reach.starts[k + 1]], line[want])


def blockwise(evidence, rows: int):
    """The n x m signals, put together from blocks of ``rows`` rows as the engine computes them."""
    return evidence_module.Signals.concatenate(
        [evidence.signals(slice(s, s + rows)) for s in range(0, len(evidence.left), rows)]
    )


def all_probabilities(evidence, scorer, full, rows_standing, columns_standing) -> np.ndarray:
    n, m = full.lexical.shape
    left, right = (a.ravel() for a in np.indices((n, m)))
    values = {key: getattr(full, key).ravel() for key in scorer.signals}
    features = pair_features(values, full.order.ravel(), rows_standing, columns_standing, left, right, scorer.signals)
    return scorer.probability(features).reshape(n, m)


def with_repeats(seed: int, n: int, m: int):
    """Readouts where some statements repeat on both sides: their pairs tie."""
    left, right = readouts(seed, n, m)
    texts = lambda r: [s.text for s in r.statements]  # noqa: E731
    a, b = texts(left), texts(right)
    for k in range(0, n, 4):
        a[k] = a[0]
    for k in range(1, m, 3):
        b[k] = a[0]
    return readout_from_text("\n".join(a), "left", "lines"), readout_from_text("\n".join(b), "right", "lines")


def tying_scorer() -> PairScorer:
    """The toy scorer blind to order and saturating: repeated statements tie, and so do pairs
    of different logits whose probabilities both round to 1."""
    scorer = toy_scorer()
    weights = scorer.weights.copy()
    weights[scorer.features.index("order")] = 0
    return replace(scorer, name="tying", weights=weights * 6, intercept=14.0)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize(
    "scorer", [toy_scorer(), tying_scorer(), load_scorer("minilm.json")], ids=["toy", "tying", "minilm"]
)
@pytest.mark.parametrize("rows_per_block", [5, 1000])
@pytest.mark.parametrize("groups", [64, 4], ids=["exact-cut", "group-cut"])
def test_each_statement_keeps_its_most_probable_partners(seed, scorer, rows_per_block, groups, monkeypatch):
    """The candidates found through the logit's bounds are exactly each statement's most
    probable partners, ties broken by the partner's place, with their probabilities (lines
    cut into groups for their bound, or too short to cut)."""
    monkeypatch.setattr(evidence_module, "CANDIDATES", 3)
    monkeypatch.setattr(evidence_module, "GROUPS", groups)
    monkeypatch.setattr(evidence_module, "rows_per_block", lambda m: rows_per_block)
    left, right = with_repeats(seed, 23, 19)
    embedder = FakeEmbedder()
    evidence = gather_evidence(left, right, lambda t: embed(t, embedder, None), embedder.name, scorer=scorer)
    rows, columns = evidence.reach()
    full = blockwise(evidence, rows_per_block)
    dense = all_probabilities(evidence, scorer, full, rows.standing, columns.standing)
    for reach, matrix in ((rows, dense), (columns, dense.T)):
        for k, line in enumerate(matrix):
            want = sorted(range(len(line)), key=lambda j: (-line[j], j))[:3]
            got = reach.partners[reach.starts[k] : reach.starts[k + 1]]
            assert got.tolist() == want
            assert np.array_equal(reach.probability[reach.starts[k] : reach.starts[k + 1]], line[want])
            assert reach.presence[k] == line.max() and reach.nearest[k] == line.argmax()
            assert reach.floor[k] == line[want[-1]]
    if scorer.name == "tying":
        assert any(len(set(line[np.argsort(-line)[:4]].tolist())) < 4 for line in (*dense, *dense.T))


@pytest.mark.parametrize("seed", range(4))
def test_the_logit_from_coefficients_is_the_scorers_within_its_bound(seed):
    scorer = load_scorer("minilm.json")
    left, right = readouts(seed, 30, 25)
    embedder = FakeEmbedder()
    evidence = gather_evidence(left, right, lambda t: embed(t, embedder, None), embedder.name)
    full = evidence.signals()
    n, m = full.lexical.shape
    features, rows, columns = dense_features(evidence, scorer)
    x = np.stack([features[name] for name in scorer.features], axis=-1).astype(np.float64)
    want = (((x - scorer.centre) / scorer.scale) @ scorer.weights.astype(np.float64) + scorer.intercept).reshape(n, m)
    logit = Logit.of(scorer, rows, columns)
    for start in (0, 7):
        got, row_error, column_error = logit.block(full.take(slice(start, start + 9)), start)
        gap = np.abs(got - want[start : start + 9])
        assert np.all(gap <= np.minimum(row_error[:, None], column_error[None, :]))
        assert np.all(row_error < 0.05) and np.all(column_error < 0.05)


def _logit_of_readouts(seed: int, n: int, m: int):
    """Made-up readouts' evidence, their signals and the bundled scorer's logit over them."""
    scorer = load_scorer("minilm.json")
    left, right = readouts(seed, n, m)
    embedder = FakeEmbedder()
    evidence = gather_evidence(left, right, lambda t: embed(t, embedder, None), embedder.name)
    _, rows, columns = dense_features(evidence, scorer)
    return evidence, evidence.signals(), Logit.of(scorer, rows, columns)


def test_the_logits_made_a_few_rows_at_a_time_are_those_of_the_whole_block(monkeypatch):
    _, full, logit = _logit_of_readouts(2, 30, 25)
    whole = logit.block(full.take(slice(3, 20)), 3)
    monkeypatch.setattr(scorer_module, "SWEEP_BYTES", 3 * 4 * 25)  # pieces of three rows
    pieces = logit.block(full.take(slice(3, 20)), 3)
    assert all(_same(a, b) for a, b in zip(whole, pieces))


@pytest.mark.parametrize("sweep_bytes", [3 * 4 * 140, 70 * 4 * 140, 2**20])
def test_the_logits_order_and_groups_maxima_made_in_pieces_are_the_blocks(sweep_bytes, monkeypatch):
    """The second pass's logits without the block's order distances (made a few rows at a time
    from the statements' places) are the logits with them, and the groups' maxima taken with
    them give the cuts ``_kth_floor`` finds in the whole block; the pairs ``_near`` picks a few
    rows at a time are those of the whole block."""
    evidence, full, logit = _logit_of_readouts(4, 300, 140)
    positions = evidence_module._positions(300), evidence_module._positions(140)
    monkeypatch.setattr(scorer_module, "SWEEP_BYTES", sweep_bytes)  # three rows a piece, 70 (not 64), all
    monkeypatch.setattr(evidence_module, "SWEEP_BYTES", sweep_bytes)
    for start, height in ((0, 300), (5, 200), (170, 130), (7, 100)):
        block = full.take(slice(start, start + height))
        without_order = replace(block, order=None)
        z, row_error, column_error = logit.block(block, start)
        got = logit.block(without_order, start, positions, evidence_module.GROUPS)
        assert all(_same(a, b) for a, b in zip((z, row_error, column_error), got[:3]))
        for axis, maxima in ((1, got[3]), (0, got[4])):
            want = evidence_module._kth_floor(z, axis)
            if z.shape[axis] // evidence_module.GROUPS < 2:
                assert maxima is None
            else:
                assert _same(evidence_module._kth_of_maxima(maxima), want)
            assert _same(evidence_module._reachable(z, row_error if axis else column_error, axis, maxima),
                         evidence_module._reachable(z, row_error if axis else column_error, axis))
        kept = evidence_module._Kept(140)
        row_cut = evidence_module._reachable(z, row_error, 1)
        column_cut = evidence_module._reachable(z, column_error, 0)
        near = z >= row_cut[:, None]
        near |= z >= np.maximum(column_cut, kept.reachable(column_error))
        r, c = evidence_module._near(z, row_cut, column_cut, column_error, kept)
        want_r, want_c = np.nonzero(near)
        assert np.array_equal(r, want_r) and np.array_equal(c, want_c)
        order = np.abs(positions[0][r + start] - positions[1][c])
        assert _same(order, block.order[r, c])


@pytest.mark.parametrize("kept", [(0, 0), (2**30, 0), (0, 2**30), (2**30, 2**30), (4 * 7 * 40 * 2, 4 * 7 * 40 * 3)])
def test_the_reach_is_the_same_whatever_the_first_pass_keeps(kept, monkeypatch):
    """The second pass gives the same reach, bit for bit, whether the first pass's embedding
    products and shared-word overlaps are kept for it (all, none, some blocks) or made again."""
    scorer = load_scorer("minilm.json")
    left, right = readouts(7, 45, 40)
    embedder = FakeEmbedder()
    monkeypatch.setattr(evidence_module, "BLOCK_BYTES", 4 * 7 * 40)  # 7 rows a block
    reaches = []
    for products, overlaps in ((0, 0), kept):
        monkeypatch.setattr(evidence_module, "KEPT_BYTES", products)
        monkeypatch.setattr(evidence_module, "KEPT_OVERLAP_BYTES", overlaps)
        evidence = gather_evidence(left, right, lambda t: embed(t, embedder, None), embedder.name, scorer=scorer)
        reaches.append(evidence.reach())
    for one, other in zip(*reaches):
        for name in ("presence", "nearest", "floor", "starts", "partners", "topical", "probability"):
            assert _same(getattr(one, name), getattr(other, name))
        for name in ("cosine", "centred", "lexical", "order"):
            assert _same(getattr(one.signals, name), getattr(other.signals, name))


def test_the_least_logit_is_where_the_probability_is_reached():
    rng = np.random.default_rng(0)
    probability = np.concatenate([sigmoid(rng.normal(0, 12, 2000).astype(np.float32)), [0.0, 1.0, 0.5]])
    least = least_logit(probability)
    finite = np.isfinite(least)
    assert np.all(sigmoid(least[finite]) >= probability[finite])
    assert np.all(sigmoid(np.nextafter(least[finite], np.float32(-np.inf))) < probability[finite])
    assert np.all(probability[~finite] <= sigmoid(np.float32(-30)))


@pytest.mark.parametrize("scorer", [toy_scorer(threshold=0.4), None], ids=["learned", "hand-set"])
def test_a_new_threshold_reuses_the_pairs_made_and_decides_as_anew(scorer):
    evidence = evidence_of(5, 30, 26, scorer)
    first = decide(evidence)
    settings = AlignmentSettings().with_threshold(evidence.threshold(AlignmentSettings()) - 0.1)
    lower = decide(evidence, settings)
    assert lower.pairs == decide(evidence_of(5, 30, 26, scorer), settings).pairs
    made = {(p.left, p.right): p for p in first.pairs}
    again = [p for p in lower.pairs if (p.left, p.right) in made]
    assert again and all(made[(p.left, p.right)] is p for p in again)


def test_a_pair_made_from_other_figures_is_made_anew():
    from readout_tui.core.engine.decision import _counterparts

    evidence = evidence_of(6, 12, 10, toy_scorer())
    settings = AlignmentSettings()
    one = lambda score: _counterparts(  # noqa: E731
        evidence, np.array([3]), np.array([4]), np.array([score]), np.array([0.5]), np.array([0.25]), settings
    )[0]
    first = one(0.75)
    assert one(0.75) is first
    other = one(0.5)
    assert other.score == 0.5 and other.confidence != first.confidence
    assert one(0.5) is other


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("shape", [(40, 700), (130, 37), (25, 18)])
def test_the_groups_cut_is_below_each_lines_kth_largest(seed, shape):
    rng = np.random.default_rng(seed)
    z = rng.standard_normal(shape).astype(np.float32)
    z[:, 5:30] += 4  # a line's best side by side, as near the diagonal
    k = evidence_module.CANDIDATES
    for axis in (0, 1):
        kth = -np.sort(-z, axis=axis).take(k - 1, axis=axis)
        cut = evidence_module._kth_floor(z, axis)
        assert cut.shape == kth.shape and np.all(cut <= kth)
        if z.shape[axis] < 2 * evidence_module.GROUPS:
            assert np.array_equal(cut, kth)


def test_the_one_key_sort_is_the_three_key_one():
    rng = np.random.default_rng(0)
    pairs = rng.permutation(5000)  # each (owner, partner) once, as offered
    owner, partner = pairs % 50, pairs // 50 * 30
    probability = sigmoid(rng.normal(0, 20, 5000).astype(np.float32))  # many tie at 0 and 1
    want = np.lexsort((partner, -probability, owner))
    assert np.array_equal(evidence_module._by_owner_probability_partner(owner, probability, partner), want)


def test_the_second_model_encodes_while_the_first_does():
    """Across languages the second model works beside the first, so a new pair waits for
    the slower of the two rather than for both: the first model's encoding here returns only
    once the second's has started, which one after the other it never would."""
    import threading

    second_started = threading.Event()
    first, second = FakeEmbedder(), HashEmbedder("second")

    def first_embed(texts):
        assert second_started.wait(timeout=10), "the second model had not started"
        return embed(texts, first, None)

    def second_embed(texts):
        second_started.set()
        return embed(texts, second, None)

    left, right = with_repeats(0, 5, 4)
    evidence = gather_evidence(
        left, right, first_embed, first.name, scorer=load_scorer("e5-use-across.json"), second_embed=second_embed
    )
    assert evidence.second is not None


def test_the_reach_asks_glibc_once_for_one_arena(monkeypatch):
    import ctypes
    import sys

    asked = []

    class Library:
        def mallopt(self, parameter, value):
            asked.append((parameter, value))
            return 1

    monkeypatch.setattr(ctypes, "CDLL", lambda name: Library())
    monkeypatch.setattr(evidence_module, "_ARENA_ASKED", False)
    evidence_module._one_arena()
    evidence_module._one_arena()
    assert asked == ([(-8, 1)] if sys.platform.startswith("linux") else [])  # M_ARENA_MAX, once


@pytest.mark.parametrize("floor", [0.0, 0.3])
def test_the_centred_cosines_made_a_few_rows_at_a_time_are_those_of_the_whole_block(floor, monkeypatch):
    rng = np.random.default_rng(8)
    vectors = rng.standard_normal((40, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    embeddings = evidence_module.Embeddings.of(vectors[:23], vectors[23:], floor)
    whole = embeddings.block(slice(2, 21))
    monkeypatch.setattr(evidence_module, "SWEEP_BYTES", 4 * 4 * 17)  # pieces of four rows
    pieces = embeddings.block(slice(2, 21))
    assert all(_same(a, b) for a, b in zip(whole, pieces))


def test_the_centring_made_a_few_rows_at_a_time_is_that_of_the_whole_sides(monkeypatch):
    rng = np.random.default_rng(9)
    vectors = rng.standard_normal((50, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors[3] = 0  # a statement with no vector: its scale is 0
    monkeypatch.setattr(evidence_module, "SWEEP_BYTES", 4 * 16 * 3)  # pieces of three rows
    for left, right in ((vectors[:31], vectors[31:]), (vectors[:7], vectors[7:])):
        embeddings = evidence_module.Embeddings.of(left, right)
        c = embeddings.mean.astype(np.float64)
        want = []
        for x in (left, right):
            norms = np.linalg.norm(x - embeddings.mean, axis=1).astype(np.float64)
            want += [x.astype(np.float64) @ c, np.where(norms == 0, 0, 1 / np.where(norms == 0, 1, norms))]
        want[0] = c @ c - want[0]
        assert all(_same(got, w.astype(np.float32)) for got, w in zip(embeddings._centring, want))


def test_the_readme_gives_the_bundled_scorers_threshold():
    # A refit moves the threshold: the README still said 0.42 when the scorer's was 0.36.
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    threshold = load_scorer(SCORERS[DEFAULT_MODEL]).threshold
    assert f"the learned scorer's ({threshold:.2f} with the bundled model" in readme
