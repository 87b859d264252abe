"""A pair's kind: what tells two tellings of one point apart, and the shipped model that reads it."""

from __future__ import annotations

import numpy as np
import pytest

from readout_tui.core.engine.kind import FEATURES, KindModel, Telling, kind_model


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
