"""Doubtful statements: the ones a learned scorer is unsure about are marked, one key steps
through them, and a decision by hand settles them."""

from __future__ import annotations

from dataclasses import replace

import pytest

from readout_tui.core.engine.explain import nearest_miss
from readout_tui.core.engine.pipeline import collect
from readout_tui.core.types import SIDES, Status
from readout_tui.core.work.workspace import Refusal, Workspace
from readout_tui.testing import HashEmbedder

BUNDLED = "all-MiniLM-L6-v2"


def learned(comparison, doubt=(0.6, 0.4)) -> Workspace:
    """A workspace whose evidence the bundled model's scorer judges (over test vectors), with
    the scorer's doubt levels set to ``doubt``."""
    evidence = collect(comparison.left, comparison.right, HashEmbedder(BUNDLED))
    assert evidence.scorer is not None
    evidence = replace(evidence, scorer=replace(evidence.scorer, doubt=doubt), reaches={}, counterparts={})
    workspace = Workspace(comparison)
    workspace.set_evidence(evidence)
    workspace.point("left", 0)
    return workspace


def expected_doubt(workspace: Workspace, side, index) -> bool:
    scorer = workspace.evidence.scorer
    if workspace.alignment.status(side, index) is Status.UNIQUE:
        miss = nearest_miss(workspace.evidence, workspace.settings, side, index)
        return float(scorer.confidence(miss.score)) >= scorer.doubt[1]
    return max(p.confidence for p in workspace.alignment.counterparts(side, index)) < scorer.doubt[0]


@pytest.mark.parametrize("doubt", [(0.6, 0.4), (1.01, 0.0), (0.0, 1.01)])
def test_marks_follow_the_confidences(newsroom, doubt):
    workspace = learned(newsroom, doubt)
    for side in SIDES:
        for index, mark in workspace.marks[side].items():
            assert mark.doubtful == expected_doubt(workspace, side, index), (side, index)
    every = sum(mark.doubtful for side in SIDES for mark in workspace.marks[side].values())
    if doubt == (1.01, 0.0):  # every pair under 1.01 and every unique statement reaching 0
        assert every == len(newsroom.left) + len(newsroom.right)
    if doubt == (0.0, 1.01):
        assert every == 0


def test_the_seek_steps_through_the_doubtful_ones_and_wraps(newsroom):
    workspace = learned(newsroom, (1.01, 0.0))  # all doubtful: the seek visits every statement
    visited = []
    for _ in range(len(newsroom.left) + len(newsroom.right)):
        workspace.point(*workspace.seek("doubtful", 1))
        visited.append((workspace.side, workspace.index))
    assert sorted(visited) == sorted((side, i) for side in SIDES for i in range(len(workspace.readout(side))))
    assert workspace.seek("doubtful", 1) == visited[0]


def test_a_decision_by_hand_settles_the_doubt(newsroom):
    workspace = learned(newsroom, (1.01, 0.0))
    workspace.point("left", 3)
    assert workspace.marks["left"][3].doubtful
    workspace.toggle_unique()
    assert not workspace.marks["left"][3].doubtful


def test_nothing_is_doubtful_without_a_learned_scorer(newsroom):
    workspace = Workspace(newsroom)
    workspace.set_evidence(collect(newsroom.left, newsroom.right, HashEmbedder()))
    workspace.point("left", 0)
    assert not any(mark.doubtful for side in SIDES for mark in workspace.marks[side].values())
    with pytest.raises(Refusal, match="No doubtful statement"):
        workspace.seek("doubtful", 1)


def test_a_doubtful_unique_statement_says_how_near_it_came(newsroom):
    from readout_tui.widgets.detail_strip import unique_headline

    workspace = learned(newsroom, (0.6, 0.0))  # every unique statement doubtful
    sure = learned(newsroom, (0.6, 1.01))  # none
    uniques = [(s, i) for s in SIDES for i in workspace.alignment.unique(s)]
    assert uniques
    for side, index in uniques:
        workspace.point(side, index)
        sure.point(side, index)
        detail, calm = workspace.detail(), sure.detail()
        miss = nearest_miss(workspace.evidence, workspace.settings, side, index)
        assert detail.doubt == pytest.approx(float(workspace.evidence.scorer.confidence(miss.score)))
        assert f"doubtful: confidence {detail.doubt:.2f}" in unique_headline(detail).plain
        assert calm.doubt is None and "doubtful" not in unique_headline(calm).plain
