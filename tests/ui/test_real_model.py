"""The app end to end with the real bundled model (slow: loads torch; run with -m model)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from readout_tui.app import ReadoutApp
from readout_tui.core.engine.cache import EmbeddingCache
from readout_tui.core.engine.embedder import DEFAULT_MODEL, SentenceTransformerEmbedder
from readout_tui.testing import ready, summary_text

WARM_RUN = textwrap.dedent(
    """
    import asyncio, sys
    from pathlib import Path
    from readout_tui.app import ReadoutApp
    from readout_tui.core.engine.cache import EmbeddingCache
    from readout_tui.core.engine.embedder import SentenceTransformerEmbedder
    from readout_tui.core.io.loading import load_comparison

    async def main():
        comparison = load_comparison([sys.argv[1]])
        cache = EmbeddingCache(Path(sys.argv[2]))
        app = ReadoutApp(comparison, SentenceTransformerEmbedder(), cache)
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            alignment = app.screen.workspace.alignment
            print(alignment is not None and alignment.semantic)
            print("torch" in sys.modules)

    asyncio.run(main())
    """
)


@pytest.mark.model
async def test_the_bundled_model_end_to_end(example, case_dir, tmp_path):
    cache_path = tmp_path / "vectors.sqlite3"
    app = ReadoutApp(example, SentenceTransformerEmbedder(), EmbeddingCache(cache_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert f"{DEFAULT_MODEL}: ready" in summary_text(app)
        assert screen.workspace.alignment.semantic
        # Both governments report that the call took place: the first lines pair up.
        assert 0 in screen.workspace.alignment.partners("left", 0)
        head = str(screen.query_one("#detail-head").render())
        assert head.startswith("L1 ") and "R1" in head
        await pilot.press("enter")
        assert screen.side == "right" and screen.pane("right").current in screen.workspace.alignment.partners(
            "left", 0
        )

    # Again with the cache now warm: marked without torch ever being imported (how fast is
    # measured by bench/startup.py, not here: a loaded machine would fail a timed test).
    warm = subprocess.run(
        [sys.executable, "-c", WARM_RUN, str(case_dir), str(cache_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    semantic, torch_loaded = warm.stdout.split()
    assert semantic == "True" and torch_loaded == "False"
