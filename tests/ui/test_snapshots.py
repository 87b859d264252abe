"""Snapshots of the main screen, the narrow layout, the help screen and hostile text.

These pin what the screen looks like, not what the engine decides: ``decide`` is replaced by
the example's hand-made gold alignment (the ``gold`` fixture), so improving the alignment does
not churn them. Regenerate with ``pytest tests/ui --snapshot-update`` after looking at the report.
"""

from __future__ import annotations

from readout_tui.app import ReadoutApp
from readout_tui.testing import HashEmbedder, hostile, ready


def test_main_screen(snap_compare, gold, example):
    """Wide: panes side by side; L1 selected, its two Kremlin counterparts lit."""
    app = ReadoutApp(example, embedder=HashEmbedder())
    assert snap_compare(app, terminal_size=(120, 40), run_before=ready)


def test_many_to_one_group(snap_compare, gold, example):
    """Kremlin 6 covers two Israeli statements: both lit, the pair's reason in the strip."""
    app = ReadoutApp(example, embedder=HashEmbedder())
    assert snap_compare(app, press=["tab", *"jjjjj"], terminal_size=(120, 40), run_before=ready)


def test_narrow_layout(snap_compare, gold, example):
    """80x24: panes side by side, summary wrapped to two lines, a strip with room for both statements."""
    app = ReadoutApp(example, embedder=HashEmbedder())
    assert snap_compare(app, press=["j"], terminal_size=(80, 24), run_before=ready)


def test_help_screen(snap_compare, gold, example):
    app = ReadoutApp(example, embedder=HashEmbedder())
    assert snap_compare(app, press=["question_mark"], terminal_size=(120, 40), run_before=ready)


def test_unique_only_filter(snap_compare, gold, example):
    """The filter leaves what each side alone reports; the strip shows the nearest miss."""
    app = ReadoutApp(example, embedder=HashEmbedder())
    assert snap_compare(app, press=["f"], terminal_size=(120, 40), run_before=ready)


def test_hostile_text_is_literal(snap_compare, fix_pairs):
    """Markup, escape sequences, a bidi override and CJK, drawn as text (80x30: all four statements
    in view beside each other)."""
    fix_pairs([{"left": i, "right": i, "kind": "agree", "why": "the same [b]text[/b]"} for i in range(4)])
    app = ReadoutApp(hostile(), embedder=None)
    assert snap_compare(app, terminal_size=(80, 30), run_before=ready)


def test_aligned_view(snap_compare, gold, example):
    """v: each pair on one row, a shaded gap where one side is silent; the cursor on L4's row."""
    app = ReadoutApp(example, embedder=HashEmbedder())
    assert snap_compare(app, press=["v", *"jjjj"], terminal_size=(120, 40), run_before=ready)


def test_aligned_view_narrow(snap_compare, gold, example):
    """The aligned view at 80x24: two columns still, the strip under them."""
    app = ReadoutApp(example, embedder=HashEmbedder())
    assert snap_compare(app, press=["v", "j"], terminal_size=(80, 24), run_before=ready)
