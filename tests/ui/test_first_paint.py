"""The first frame comes before the engine: the app lists both readouts, unmarked, without
having imported numpy or any model library; they come with the comparison worker.

Each test runs the real command line (``cli.main``) in a fresh interpreter, the app headless,
so ``sys.modules`` shows what the way to the first paint imported. How long it takes is
measured by ``bench/first_paint.py``, not here.
"""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("numpy", "scipy", "rapidfuzz", "torch", "onnxruntime", "tokenizers", "sentence_transformers", "transformers")

DRIVER = """
import json, sys
from textual.app import App
from readout_tui import cli
from readout_tui.app import ReadoutApp
from readout_tui.screens.compare import CompareScreen

HEAVY = json.loads(sys.argv[1])
worker = sys.argv[2] == "worker"
seen = {}
if not worker:
    # What the app does after its first paint: the comparison.
    CompareScreen._collect = lambda self, *args, **kwargs: None

async def look(pilot):
    await pilot.pause()
    if worker:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    screen = pilot.app.screen
    seen["listed"] = [len(screen.pane(side).shown) for side in ("left", "right")]
    seen["statements"] = [len(screen.comparison.left), len(screen.comparison.right)]
    seen["ready"] = screen.workspace.ready
    seen["loaded"] = sorted(name for name in HEAVY if name in sys.modules)
    await pilot.exit(None)

ReadoutApp.run = lambda self: App.run(self, headless=True, size=(120, 40), auto_pilot=look)
cli._keys_from_the_terminal = lambda: None  # no terminal here; the pilot is the keyboard
code = cli.main(sys.argv[3:])
print(json.dumps(seen))
sys.exit(code)
"""


def first_screen(*args: str, worker: bool = False) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, json.dumps(HEAVY), "worker" if worker else "paint", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_the_first_screen_lists_both_readouts_before_numpy_or_a_model_is_imported():
    seen = first_screen()  # the bundled example, with the bundled model, as `readout-tui` opens it
    assert seen["listed"] == seen["statements"]
    assert min(seen["statements"]) > 0
    assert seen["ready"] is False
    assert seen["loaded"] == []


def test_the_comparison_worker_imports_the_engine_and_lights_the_panes():
    """The other half: the worker, which the first test leaves out, is what brings numpy (so the
    check above would see it if the way to the first paint brought it)."""
    seen = first_screen("--lexical-only", worker=True)
    assert seen["ready"] is True
    assert "numpy" in seen["loaded"]
