"""The kind of a pair whose accounts are not both in English: read from signals any language has."""

from __future__ import annotations

import numpy as np
import pytest

from readout_tui.core.engine import decision, kind
from readout_tui.core.engine.decision import decide
from readout_tui.core.engine.embedder import ByLanguage
from readout_tui.core.engine.evidence import Embeddings
from readout_tui.core.engine.kind import (
    ACROSS_FEATURES,
    AcrossKindModel,
    across_kind_model,
    across_values,
)
from readout_tui.core.engine.pipeline import collect
from readout_tui.core.types import Kind
from readout_tui.testing import HASH_DIMENSIONS, HashEmbedder, comparison_of

RUSSIAN = [
    "Владимир Путин и Касым-Жомарт Токаев обсудили ситуацию в Казахстане.",
    "Стороны договорились продолжать контакты на разных уровнях.",
    "Президент России выразил соболезнования в связи с гибелью мирных жителей.",
    "Токаев поблагодарил за оперативную помощь.",
]


def unit(rng, n: int, d: int) -> np.ndarray:
    x = rng.normal(size=(n, d))
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def model(weights, d: int, scorers=("e5-across",), intercept: float = 0.0) -> AcrossKindModel:
    k = len(ACROSS_FEATURES) + 1
    return AcrossKindModel(
        np.zeros(k), np.ones(k), np.asarray(weights, float), intercept, 0.5, np.eye(1, d), np.zeros(d), tuple(scorers)
    )


def test_the_values_are_the_cosines_as_the_evidence_has_them_and_lengths_against_each_side_s_median(monkeypatch):
    monkeypatch.setattr(kind, "PAIR_BLOCK", 2)  # pairs in blocks, as at scale
    rng = np.random.default_rng(3)
    left, right = unit(rng, 3, 8), unit(rng, 5, 8)
    pairs = np.array([(0, 4), (2, 1), (1, 1)])
    cosine, centred = Embeddings.of(left, right).block(slice(None))
    lengths = (np.array([10.0, 20.0, 40.0]), np.array([100.0, 100.0, 300.0, 50.0, 100.0]))
    values = across_values(left, right, lengths, pairs, cosine[pairs[:, 0], pairs[:, 1]])
    assert values.shape == (3, len(ACROSS_FEATURES))
    np.testing.assert_allclose(values[:, 0], cosine[pairs[:, 0], pairs[:, 1]], rtol=1e-6)
    np.testing.assert_allclose(values[:, 1], centred[pairs[:, 0], pairs[:, 1]], atol=1e-5)
    # Twice its side's median against its side's median; at the median on both; half against 1.
    np.testing.assert_allclose(values[:, 2], [np.log(2), np.log(2), 0.0])


def test_the_model_tells_which_part_tipped_it_and_round_trips():
    rng = np.random.default_rng(5)
    left, right = unit(rng, 3, 4), unit(rng, 2, 4)
    lengths = (np.array([10.0, 40.0, 10.0]), np.array([10.0, 10.0]))
    pairs, cosine = np.array([(0, 0), (1, 1)]), np.array([0.5, 0.5])
    by_length = model([0, 0, 10.0, 0], 4, intercept=-1.0)
    assert by_length.told(left, right, lengths, pairs, cosine) == [
        (False, ""), (True, "one telling much longer than the other")
    ]
    by_meaning = model([-10.0, 0, 0, 0], 4, intercept=-1.0)
    assert by_meaning.told(left, right, lengths, pairs, np.array([0.9, -0.5])) == [
        (False, ""), (True, "meaning further apart than in most pairs")
    ]
    again = AcrossKindModel.from_json(by_length.to_json())
    assert again.told(left, right, lengths, pairs, cosine) == by_length.told(left, right, lengths, pairs, cosine)
    assert again.scorers == ("e5-across",)
    with pytest.raises(ValueError):
        AcrossKindModel.from_json({**by_length.to_json(), "features": ["cosine"]})


def test_the_shipped_model_serves_e5_s_scorers_on_e5_s_vectors_only():
    for scorer in ("e5", "e5-across", "e5-use-across"):
        shipped = across_kind_model(scorer, 768)
        assert shipped is not None and shipped.subject_axes.shape == (4, 768)  # e5: 384 wide, joined (evidence.statement_vectors)
    assert across_kind_model("e5-across", 384) is None  # other vectors
    assert across_kind_model("minilm", 768) is None  # another model's vectors, however wide


def one_language_not_english():
    # The same statements, one of them told at three times the length on the right.
    right = RUSSIAN[::-1]
    right[0] = " ".join([right[0]] * 3)
    comparison = comparison_of(RUSSIAN, right)
    auto = ByLanguage(HashEmbedder("minilm"), lambda: HashEmbedder("multilingual-e5-small"))
    return collect(comparison.left, comparison.right, auto)


def test_decide_tells_kinds_in_other_languages_by_the_model_that_reads_no_words(monkeypatch):
    evidence = one_language_not_english()
    assert evidence.scorer.name == "e5" and evidence.languages.left.code == "ru"
    ruled = decide(evidence).pairs
    assert ruled and {p.kind for p in ruled} == {Kind.MATCH}  # the score's rule, without the model
    # A model (on the test's vectors, joined) for which a much longer telling is told differently.
    fitted = model([0, 0, 10.0, 0], 2 * HASH_DIMENSIONS, scorers=("e5",), intercept=-5.0)
    monkeypatch.setattr(decision, "across_kind_model", lambda scorer, d: fitted if (scorer, d) == ("e5", 2 * HASH_DIMENSIONS) else None)
    evidence = one_language_not_english()
    pairs = decide(evidence).pairs
    vectors = evidence.embeddings
    lengths = tuple(np.array([len(t) for t in side.texts], float) for side in (evidence.left, evidence.right))
    expected = fitted.told(
        vectors.left, vectors.right, lengths, np.array([(p.left, p.right) for p in pairs]), [p.cosine for p in pairs]
    )
    assert [p.kind is Kind.RELATED for p in pairs] == [d for d, _ in expected]
    assert [(p.left, p.right) for p in pairs if p.kind is Kind.RELATED] == [(3, 0)]
    for pair, (_, why) in zip(pairs, expected):
        assert ("told differently: " + why in pair.reason) == (pair.kind is Kind.RELATED)
