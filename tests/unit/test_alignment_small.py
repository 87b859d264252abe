"""Alignment on tiny hand-made readouts whose answer is obvious.

The method itself is being reworked; these tests pin only what any method must do: identical
statements pair, clearly unrelated ones stay unique, pairs follow content rather than position,
and swapping the sides swaps the answer.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from readout_tui.cli import EXAMPLE
from readout_tui.core.engine.cache import EmbeddingCache
from readout_tui.core.engine.decision import decide
from readout_tui.core.engine.evidence import embedded_texts, gather_evidence, presence_scores
from readout_tui.core.engine.pipeline import compare
from readout_tui.core.engine.settings import AlignmentSettings
from readout_tui.core.io.loading import readout_from_text
from readout_tui.core.types import Kind, Status
from readout_tui.testing import FakeEmbedder

HOSTAGES = "Netanyahu asked Putin to help free the Israeli hostages held by Hamas in Gaza."
IRAN = "Netanyahu sharply criticised the dangerous cooperation between Russia and Iran."
WHEAT = "Wheat exports through the Black Sea ports were expected to grow next season."
UN_VOTE = "Russian envoys voted against the resolution at the United Nations."
AID = "Putin stressed the catastrophic humanitarian situation of civilians."


def readout(label: str, *texts: str):
    return readout_from_text("\n".join(texts), label, "lines")


def pairs(alignment) -> set[tuple[int, int]]:
    return {(p.left, p.right) for p in alignment.pairs}


def lexical(left, right, settings=AlignmentSettings()):
    return decide(gather_evidence(left, right, None), settings)


def test_lexical_only_identical_statements_match_and_unrelated_are_unique():
    left = readout("Israeli PMO", HOSTAGES, WHEAT)
    right = readout("Kremlin", HOSTAGES, AID)
    alignment = lexical(left, right)
    assert pairs(alignment) == {(0, 0)}
    assert alignment.pairs[0].kind is Kind.MATCH
    assert alignment.unique("left") == [1] and alignment.unique("right") == [1]
    assert alignment.status("left", 1) is Status.UNIQUE
    assert alignment.semantic is False and alignment.model == "lexical only"


def test_lexical_only_pairs_follow_content_not_position():
    left = readout("L", HOSTAGES, IRAN, UN_VOTE)
    right = readout("R", UN_VOTE, HOSTAGES, IRAN)
    assert pairs(lexical(left, right)) == {(0, 1), (1, 2), (2, 0)}


def test_lexical_only_single_statements():
    assert pairs(lexical(readout("L", HOSTAGES), readout("R", HOSTAGES))) == {(0, 0)}
    assert pairs(lexical(readout("L", HOSTAGES), readout("R", WHEAT))) == set()


def test_statements_without_words_do_not_break_anything():
    alignment = lexical(readout("L", "—", "…", HOSTAGES), readout("R", HOSTAGES, "2023."))
    assert pairs(alignment) == {(2, 0)}
    assert alignment.unique("left") == [0, 1]


def test_lexical_works_for_russian():
    left = readout("L", "Путин и Нетаньяху обсудили освобождение заложников в секторе Газа.", "Погода была холодной.")
    right = readout("R", "Стороны обсудили освобождение заложников в секторе Газа.", "Пшеница подорожала.")
    assert pairs(lexical(left, right)) == {(0, 0)}


def test_swapping_sides_swaps_the_pairs():
    left = readout("L", HOSTAGES, IRAN, WHEAT)
    right = readout("R", IRAN, AID, HOSTAGES)
    evidence = gather_evidence(left, right, None)
    forward = decide(evidence)
    backward = decide(evidence.swapped())
    assert {(p.right, p.left) for p in backward.pairs} == pairs(forward)
    assert backward.left.label == "R"


def test_a_higher_threshold_never_adds_pairs():
    left = readout("L", HOSTAGES, IRAN, WHEAT, UN_VOTE)
    right = readout("R", IRAN, AID, HOSTAGES, "Putin and Netanyahu also discussed Iran.")
    evidence = gather_evidence(left, right, None)
    found = [pairs(decide(evidence, AlignmentSettings().with_threshold(t, semantic=False))) for t in (0.1, 0.3, 0.6, 0.9)]
    assert all(later <= earlier for earlier, later in zip(found, found[1:]))


# --- With embeddings (a deterministic fake: identical texts get identical vectors) -----------


def test_identical_statements_pair_with_embeddings():
    embedder = FakeEmbedder(dim=384)
    left = readout("L", HOSTAGES, IRAN, WHEAT)
    right = readout("R", IRAN, HOSTAGES, AID)
    alignment = compare(left, right, embedder, EmbeddingCache())
    assert pairs(alignment) == {(0, 1), (1, 0)}
    assert all(p.kind is Kind.MATCH for p in alignment.pairs)
    assert alignment.unique("left") == [2] and alignment.unique("right") == [2]
    assert alignment.semantic is True and alignment.model == "fake-model"
    texts = [*left.texts, *right.texts]
    assert sorted(embedder.encoded) == sorted(set(embedded_texts(texts)))


def test_identical_single_statements_match_with_embeddings():
    alignment = compare(readout("L", HOSTAGES), readout("R", HOSTAGES), FakeEmbedder(dim=384))
    assert pairs(alignment) == {(0, 0)}
    assert alignment.pairs[0].kind is Kind.MATCH


def test_the_same_comparison_gives_the_same_report_in_every_process(cache_dir):
    outputs = set()
    for seed in ("1", "2", "3"):
        result = subprocess.run(
            [sys.executable, "-m", "readout_tui", "compare", str(EXAMPLE), "--lexical-only"],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert result.returncode == 0, result.stderr
        outputs.add(result.stdout)
    assert len(outputs) == 1


def test_a_pair_loses_score_for_being_far_apart_in_order():
    strict = AlignmentSettings(lexical_threshold=0.9, order_weight=0.15)
    same_place = lexical(readout("L", IRAN, WHEAT), readout("R", IRAN, AID), strict)
    opposite = lexical(readout("L", IRAN, WHEAT), readout("R", AID, IRAN), strict)
    assert pairs(same_place) == {(0, 0)} and same_place.pairs[0].score == pytest.approx(1.0)
    assert pairs(opposite) == set()
    unordered = AlignmentSettings(lexical_threshold=0.9, order_weight=0.0)
    assert pairs(lexical(readout("L", IRAN, WHEAT), readout("R", AID, IRAN), unordered)) == {(0, 1)}


def test_the_order_penalty_is_explained_in_the_reason():
    left = readout("L", IRAN, WHEAT, AID)
    right = readout("R", AID, WHEAT, IRAN)
    far = next(p for p in lexical(left, right).pairs if (p.left, p.right) == (0, 2))
    assert f"far apart in order -{AlignmentSettings().order_weight:.2f}" in far.reason
    near = next(p for p in lexical(left, right).pairs if (p.left, p.right) == (1, 1))
    assert "order" not in near.reason


def test_order_penalty_never_makes_a_score_negative():
    left = readout("L", IRAN, WHEAT, HOSTAGES)
    right = readout("R", AID, UN_VOTE, WHEAT)
    scores = presence_scores(gather_evidence(left, right, None).signals())
    assert scores.min() >= 0.0


def test_a_pairs_score_is_rebuilt_from_the_figures_shown_with_it():
    left = readout("L", HOSTAGES, IRAN, UN_VOTE, AID)
    right = readout("R", UN_VOTE, HOSTAGES, IRAN, "Putin spoke of civilians in Gaza.")
    alignment = compare(left, right, FakeEmbedder(), settings=AlignmentSettings(threshold=0.1))
    assert alignment.pairs
    n, m = len(left), len(right)
    for pair in alignment.pairs:
        order = AlignmentSettings().order_weight * abs(pair.left / (n - 1) - pair.right / (m - 1))
        rebuilt = max((max(pair.cosine, 0.0) + pair.lexical) / 2 - order, 0.0)
        assert pair.score == pytest.approx(rebuilt, abs=2e-4)
