"""A pair's kind: what tells two tellings of one point apart, and the shipped model that reads it."""

from __future__ import annotations

import random
import re

import numpy as np
import pytest

from readout_tui.core.engine import kind
from readout_tui.core.engine.decision import decide
from readout_tui.core.engine.embedder import DEFAULT_MODEL
from readout_tui.core.engine.evidence import gather_evidence
from readout_tui.core.engine.kind import (
    FEATURES,
    FRAMING,
    NEGATION,
    NEGATION_WITHOUT_APOSTROPHE,
    KindModel,
    Telling,
    kind_model,
)
from readout_tui.core.engine.scorer import scorer_for
from readout_tui.core.types import Kind
from readout_tui.testing import HASH_DIMENSIONS, HashEmbedder


def test_framing_and_negation_on_one_side_are_found():
    telling = Telling.of(
        "Cyberattacks by criminals based in Russia must stop.",
        "The leaders discussed cyberattacks allegedly launched from Russian territory.",
        0.6,
        0.2,
    )
    assert telling.framed == ("allegedly", "criminals", "must")
    assert telling.values["framing_gap"] == 3
    assert "allegedly" in telling.reason() and "framing on one side only" in telling.reason()
    negated = Telling.of("They will not accept the plan.", "They accepted the plan.", 0.7, 0.4)
    assert negated.negated == ("not",) and "negation on one side only: not" in negated.reason()


def test_the_same_words_on_both_sides_frame_nothing():
    telling = Telling.of("Both voiced concern over the crisis.", "They shared concern about the crisis.", 0.8, 0.5)
    assert telling.framed == () and telling.values["framing_gap"] == 0
    assert telling.values["framing"] == 2  # "concern" and "crisis", on both sides
    assert telling.reason().startswith("few words in common")


def test_the_model_reads_its_features_in_order():
    weights = np.zeros(len(FEATURES))
    weights[FEATURES.index("framing_gap")] = 2.0
    model = KindModel(np.zeros(len(FEATURES)), np.ones(len(FEATURES)), weights, -1.0, 0.5)
    plain = Telling.of("They met in Bali.", "The meeting was in Bali.", 0.8, 0.4)
    framed = Telling.of("They condemned the invasion.", "They discussed the situation.", 0.5, 0.1)
    assert not model.differently(plain) and model.differently(framed)
    assert KindModel.from_json(model.to_json()).probability(framed) == pytest.approx(model.probability(framed))
    with pytest.raises(ValueError):
        KindModel.from_json({**model.to_json(), "features": ["cosine"]})


def test_the_shipped_kind_model_loads_and_tells_framings_apart():
    model = kind_model()
    assert model is not None
    same = Telling.of(
        "The two presidents exchanged greetings for the Lunar New Year.",
        "The two presidents exchanged greetings for the New Year.",
        0.95,
        0.8,
    )
    framed = Telling.of(
        "The president condemned Russia's unprovoked invasion and urged an end to the aggression.",
        "The two leaders discussed the situation in Ukraine.",
        0.45,
        0.05,
    )
    assert model.probability(same) < model.probability(framed)
    assert not model.differently(same)


def _subject_model(weight: float) -> KindModel:
    """A model whose one subject axis is the first vector dimension, weighed by ``weight``."""
    size = len(FEATURES) + 1
    weights = np.zeros(size)
    weights[-1] = weight
    return KindModel(np.zeros(size), np.ones(size), weights, -1.0, 0.5, np.eye(1, 3), np.zeros(3))


def test_a_kind_model_with_subject_axes_reads_what_the_pair_is_about():
    model = _subject_model(4.0)
    war = np.array([1.0, 0.0, 0.0])
    greeting = np.array([0.0, 1.0, 0.0])
    texts = ("They talked about it.", "They discussed it.", 0.8, 0.5)
    about_war = Telling.of(*texts, (war, war))
    about_greetings = Telling.of(*texts, (greeting, greeting))
    assert model.differently(about_war) and not model.differently(about_greetings)
    assert model.reason(about_war) == "a subject often told differently"
    assert _subject_model(-4.0).reason(about_war).startswith("few words in common")
    with pytest.raises(ValueError):
        model.probability(Telling.of(*texts))  # no vectors: this model cannot read the pair
    again = KindModel.from_json(model.to_json())
    assert again.probability(about_war) == pytest.approx(model.probability(about_war))


def test_the_kind_model_for_the_bundled_scorer_reads_the_subject_and_others_fall_back():
    reading = kind_model("minilm", 768)
    assert reading.subject_axes is not None and reading.subject_axes.shape[1] == 768
    assert kind_model("minilm", 512).subject_axes is None  # other vectors: the model that reads none
    assert kind_model("no-such-scorer", 768).subject_axes is None
    assert kind_model().subject_axes is None


def test_decide_tells_each_pair_s_kind_as_the_kind_model_reading_its_subject_does(example):
    # The bundled model's vectors are 384 wide (768 joined): hashed words padded to that width.
    embed = lambda texts: np.pad(HashEmbedder().encode(texts), ((0, 0), (0, 384 - HASH_DIMENSIONS)))  # noqa: E731
    scorer = scorer_for(DEFAULT_MODEL)
    evidence = gather_evidence(example.left, example.right, embed, DEFAULT_MODEL, scorer=scorer)
    pairs = decide(evidence).pairs
    model = kind_model(scorer.name, 768)  # the bundled model's own kind model, as decide reads it
    assert pairs and model.subject_axes is not None
    vectors = evidence.embeddings
    for pair in pairs:
        telling = Telling.of(
            example.left.statements[pair.left].text, example.right.statements[pair.right].text,
            pair.cosine, pair.lexical, (vectors.left[pair.left], vectors.right[pair.right]),
        )
        assert (pair.kind is Kind.RELATED) == model.differently(telling)
        if pair.kind is Kind.RELATED:
            assert f"told differently: {model.reason(telling)}" in pair.reason


def test_the_reasons_of_many_pairs_are_each_pair_s_reason():
    words = ["They", "condemned", "the", "invasion", "discussed", "situation", "did", "not", "never", "agree",
             "urged", "talks", "on", "trade", "in", "Bali", "must", "stop", "criminals", "crimes", "."]
    rng = random.Random(5)
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 9))) for _ in range(60)]
    readings = [kind.Reading.of(text) for text in texts]
    pairs = [(rng.choice(readings), rng.choice(readings), rng.random(), rng.random()) for _ in range(400)]
    jaccard = kind.against_all(pairs)[:, FEATURES.index("jaccard")]
    subject = kind_model("minilm-readouts", 768)
    assert subject.subject_axes is not None
    axes = len(subject.subject_axes)
    projected = np.random.default_rng(5).normal(size=(len(pairs), axes)) * subject.scale[-axes:]
    projected[::7] = subject.centre[-axes:]  # parts of exactly 0: no weight towards "differently"
    for model, rows in ((subject, projected), (kind_model(), None)):
        expected = [
            model.reason(Telling.between(a, b, c, lx), None if rows is None else rows[k])
            for k, (a, b, c, lx) in enumerate(pairs)
        ]
        assert model.reasons([p[:2] for p in pairs], jaccard, rows) == expected
    assert subject.reasons([], jaccard[:0], projected[:0]) == []


def test_subjects_are_projected_a_block_of_pairs_at_a_time_as_one_by_one(monkeypatch):
    monkeypatch.setattr(kind, "PAIR_BLOCK", 3)
    rng = np.random.default_rng(1)
    left, right = rng.normal(size=(5, 4)), rng.normal(size=(6, 4))
    model = KindModel(
        np.zeros(len(FEATURES) + 2), np.ones(len(FEATURES) + 2), np.ones(len(FEATURES) + 2), 0.0, 0.5,
        rng.normal(size=(2, 4)), rng.normal(size=4),
    )
    pairs = np.array([(i, j) for i in range(5) for j in range(6)][:8])
    one_by_one = [(left[i] * right[j] - model.subject_mean) @ model.subject_axes.T for i, j in pairs]
    assert np.allclose(model.projections(left, right, pairs), one_by_one)


def test_the_framing_look_ahead_changes_no_match():
    plain = re.compile(FRAMING.pattern.replace(r"\b(?=[abcdhimoprstuw])", r"\b", 1), re.IGNORECASE)
    assert plain.pattern != FRAMING.pattern
    words = re.sub(r"\\[bw][*+]?|\(\?:|\)|\(\?=\[[a-z]+\]\)", "", FRAMING.pattern).split("|")
    # Letters whose case folds are special (long s, Kelvin sign, dotted and dotless i) included.
    pieces = [*words, *"acdhiksuwACDHIKSUW -'", "ſ", "\u212a", "İ", "ı", "É"]
    rng = random.Random(7)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        assert [m.span() for m in FRAMING.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_negations_without_an_apostrophe_are_found_as_by_the_whole_pattern():
    words = ["not", "no", "never", "nor", "without", "cannot", "don't", "won't", "nothing", "know", "canon"]
    # Letters whose case folds are special (long s, Kelvin sign, dotted and dotless i) included.
    pieces = [*words, *"cnowCNOW -_5", "ſ", "\u212a", "İ", "ı", "É"]
    rng = random.Random(11)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))).replace("'", "")
        assert NEGATION_WITHOUT_APOSTROPHE.findall(text) == NEGATION.findall(text), text


def _read_with_case_folding(text: str) -> kind.Reading:
    """``Reading.of`` as it reads any text: the patterns with IGNORECASE, each match lowered."""
    framing = frozenset(map(str.lower, FRAMING.findall(text)))
    return kind.Reading(
        len(text),
        frozenset(map(str.lower, kind.CONTENT_WORD.findall(text))),
        frozenset(map(str.lower, NEGATION.findall(text))),
        framing,
        tuple((w, kind.stem(w)) for w in framing),
    )


def test_an_ascii_text_read_in_lower_case_reads_as_with_case_folding():
    patterns = (FRAMING, NEGATION, NEGATION_WITHOUT_APOSTROPHE)
    assert all(p.pattern == p.pattern.lower() and p.flags & re.IGNORECASE for p in patterns)
    words = re.sub(r"\\[bw][*+]?|\(\?:|\)|\(\?=\[[a-z]+\]\)", "", FRAMING.pattern).split("|")
    words += ["not", "no", "never", "nor", "without", "cannot", "don't", "WON'T", "Nothing", "talks", "the"]
    pieces = [*words, *(w.upper() for w in words), *(w.title() for w in words), *"acdnswACDNSW -'_5.,"]
    rng = random.Random(13)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(20000)]
    texts += ["Cyberattacks by criminals based in Russia MUST stop.", "They Won't accept; it's Illegal."]
    for text in texts:
        reading = kind.Reading.of(text)
        assert reading == _read_with_case_folding(text), text
        assert list(reading.words) == list(_read_with_case_folding(text).words)  # the same set order too


@pytest.mark.parametrize(("block", "chunk", "count"), [(4096, 256, 9000), (7, 3, 30), (7, 7, 6), (5, 64, 23), (4, 2, 0)])
def test_subjects_made_a_chunk_at_a_time_project_to_the_same_bits(monkeypatch, block, chunk, count):
    monkeypatch.setattr(kind, "PAIR_BLOCK", block)
    monkeypatch.setattr(kind, "SUBJECT_CHUNK", chunk)
    rng = np.random.default_rng(2)
    left, right = rng.normal(size=(40, 96)).astype(np.float32), rng.normal(size=(50, 96)).astype(np.float32)
    axes, mean = rng.normal(size=(4, 96)), rng.normal(size=96)
    pairs = np.stack([rng.integers(0, 40, count), rng.integers(0, 50, count)], axis=1).astype(np.intp)
    # The computation before the chunks: each block's subjects made whole, then projected.
    expected = np.empty((count, 4))
    for start in range(0, count, block):
        at = pairs[start : start + block]
        expected[start : start + len(at)] = (kind.subjects(left[at[:, 0]], right[at[:, 1]]) - mean) @ axes.T
    assert kind.projections(left, right, pairs, axes, mean).tobytes() == expected.tobytes()
