"""What the strip says about a statement without counterpart: never a threshold for a pair the
analyst removed, always the partner it means, two decimals (issue 15)."""

from __future__ import annotations

from readout_tui.core.types import Status
from readout_tui.core.work.workspace import ShownStatement, UniqueShown, Verdict
from readout_tui.testing import ready
from readout_tui.widgets.detail_strip import unique_headline


def shown(side, index, label="Side") -> ShownStatement:
    return ShownStatement(side, index, label, "text")


def test_a_best_fitting_partner_under_the_threshold_is_named_with_two_decimals():
    detail = UniqueShown(
        shown("left", 4, "White House"), shown("right", 2), 0.2612, Verdict.PARTNER_UNDER, 0.26, True, 4, 0.2471
    )
    assert unique_headline(detail).plain == (
        "L5 ∅ unique to White House · nearest: R3 scores 0.26, but R5, the partner that fits best by topic,"
        " scores 0.25, under the threshold 0.26"
    )


def test_a_score_that_rounds_to_the_threshold_is_just_under_it():
    detail = UniqueShown(shown("left", 0), shown("right", 1), 0.2598, Verdict.UNDER, 0.26)
    assert unique_headline(detail).plain.endswith("nearest: R2 scores 0.26, just under the threshold 0.26")


async def test_a_pair_removed_by_hand_is_named_as_the_reason(make_app, example):
    app = make_app(example)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        [partner, *_] = screen.workspace.alignment.partners("left", 0)
        score = screen.workspace.alignment.counterparts("left", 0)[0].score
        await pilot.press("x", "tab")
        screen.pane("right").move_to(partner)
        await pilot.pause()
        assert screen.workspace.alignment.status("right", partner) is Status.UNIQUE
        head = screen.query_one("#detail-head").render().plain
        assert head == f"R{partner + 1} ∅ unique to Kremlin · its pair with L1 (score {score:.2f}) was removed by hand" + (
            head[head.index("   ") :] if "   " in head else ""
        )
        assert "threshold" not in head
