"""Snapshots of the assignment screen, wide and narrow.

The article's attribution is given (``testing.article``), not worked out, so changes to the
attribution rules do not churn these pictures. Regenerate with ``--snapshot-update`` after
looking at the report.
"""

from __future__ import annotations

from readout_tui.app import ReadoutApp
from readout_tui.testing import HashEmbedder, article


async def moved_by_hand(pilot) -> None:
    """The reporter's line (7) moved to the left account, the cursor left on it; the markup and
    escape sequence of statement 8 drawn as text."""
    await pilot.pause()
    await pilot.press(*["down"] * 6, "left")
    # A toast times out on the clock: whether it is still up would depend on the machine.
    pilot.app.clear_notifications()
    await pilot.pause()


def test_assignment_screen(snap_compare, tmp_path):
    """120x40: each statement with its account (colour), the cue underlined, why after those
    on neither, ✎ and the proposal for the moved one, the counts in the title."""
    app = ReadoutApp(article(str(tmp_path / "article.txt")), embedder=HashEmbedder())
    assert snap_compare(app, terminal_size=(120, 40), run_before=moved_by_hand)


def test_assignment_screen_narrow(snap_compare, tmp_path):
    """80x24: the account names cut to fit, the labels in the title too; the footer keeps
    help and quit."""
    app = ReadoutApp(article(str(tmp_path / "article.txt")), embedder=HashEmbedder())
    assert snap_compare(app, terminal_size=(80, 24), run_before=moved_by_hand)
