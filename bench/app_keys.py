"""How the app's first paint and key presses scale with the number of statements.

Runs the app headless (Textual's ``run_test``) on a synthetic comparison of N statements per
side, N = 100, 1,000 and 10,000 by default, with a hashed bag-of-words embedder so no model is
loaded. Prints, per N, the time from starting the app to both panes painted, and the mean cost
of each key press; then the ratio of the largest N to the smallest. Run from the repository:

    PYTHONPATH=. python bench/app_keys.py [--sizes 100 1000 10000] [--presses 20]

The figures include Pilot's own cost per key press, which does not depend on N: what matters is
the ratio, measured in one run on the same machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from readout_tui.core.engine.settings import AlignmentSettings
from readout_tui.core.io.loading import Comparison, load_comparison, readout_from_text
from readout_tui.core.types import CaseInfo
from readout_tui.testing import HashEmbedder

CASE = Path(__file__).resolve().parents[1] / "fixtures" / "netanyahu-putin-2023-12-10"
"""The case opened in a real terminal to time the first paint."""

THRESHOLD = 0.55
KEYS = ["j", "k", "tab", "enter", "u", "plus"]
"""Pressed in this order; "plus" (raise the threshold) is followed by "minus" to undo it, and
both re-decide the alignment, so its cost grows with the engine's, not the screen's."""

_SUBJECTS = [
    "The two leaders", "The President", "The Prime Minister", "The sides", "Both leaders",
    "The Chancellor", "The foreign ministers", "The delegations", "The heads of state",
]
_VERBS = [
    "discussed", "agreed to continue talks on", "exchanged views on", "stressed the importance of",
    "reaffirmed their commitment to", "expressed concern about", "welcomed progress on",
    "called for urgent steps on", "noted differences over", "underlined the need for",
]
_TOPICS = [
    "the grain corridor through the Black Sea ports", "a prisoner exchange",
    "energy infrastructure", "nuclear safety at the power plant", "trade and investment",
    "the humanitarian situation in the region", "sanctions relief", "climate cooperation",
    "arms control and strategic stability", "the release of hostages", "maritime security",
    "supply chains for critical minerals", "visa arrangements for students",
    "the situation on the Korean Peninsula", "counter-narcotics cooperation",
    "the fight against terrorism", "regional security architecture", "food security",
    "the reconstruction of damaged cities", "direct flights between the two capitals",
]
_TAILS = [
    "", "in the coming weeks", "at the working level", "through diplomatic channels",
    "on the basis of international law", "as agreed at the previous meeting",
    "with the participation of partners in the region", "without preconditions",
    "and instructed their teams to prepare concrete proposals before the next round",
    "while acknowledging that serious disagreements remain on several key questions",
]
_SYNONYMS = {
    "discussed": "talked about", "leaders": "presidents", "stressed": "emphasised",
    "concern": "worry", "progress": "advances", "importance": "significance",
    "agreed": "decided", "situation": "circumstances", "cooperation": "collaboration",
}


def statement(rng: random.Random, serial: int) -> str:
    """A readout-like sentence; the serial number makes every statement distinct."""
    parts = [rng.choice(_SUBJECTS), rng.choice(_VERBS), rng.choice(_TOPICS)]
    for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
        parts.append(rng.choice(_TAILS))
    parts.append(f"(item {serial})")
    return " ".join(p for p in parts if p) + "."


def retold(rng: random.Random, text: str) -> str:
    words = text.split()
    return " ".join(_SYNONYMS.get(w, w) if rng.random() < 0.7 else w for w in words)


def synthetic(count: int, seed: int = 4) -> Comparison:
    """Two readouts of ``count`` statements: about 60% of the right retell one of the left,
    the rest are new; the right is shuffled, so counterparts lie far apart."""
    rng = random.Random(seed)
    left = [statement(rng, i) for i in range(count)]
    right = [
        retold(rng, text) if rng.random() < 0.6 else statement(rng, count + i)
        for i, text in enumerate(left)
    ]
    rng.shuffle(right)
    return Comparison(
        readout_from_text("\n".join(left), "Left account", "lines"),
        readout_from_text("\n".join(right), "Right account", "lines"),
        CaseInfo(title=f"synthetic {count}"),
    )


async def measure(count: int, presses: int, size: tuple[int, int]) -> dict[str, tuple[float, float]]:
    """(wall, CPU) seconds: of the first paint, and per press of each key (wall: the median,
    CPU: the mean). CPU time is this process's only, so other work on the machine hardly
    disturbs it; wall time is what the user sees."""
    from readout_tui.app import ReadoutApp

    comparison = synthetic(count)
    # The hashed vectors of these templated sentences are all alike: a higher threshold than
    # the model's leaves some statements unique (about one in six), so "u" has work to do.
    settings = AlignmentSettings(threshold=THRESHOLD)
    app = ReadoutApp(comparison, embedder=HashEmbedder("hash-bench"), cache=None, settings=settings)
    figures: dict[str, tuple[float, float]] = {}
    started, cpu = time.perf_counter(), time.process_time()
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        for side in ("left", "right"):  # a pane may have scrolled to the cursor's partner
            assert "(item " in " ".join(
                screen.pane(side).render_line(y).text for y in range(screen.pane(side).size.height)
            )
        figures["first paint"] = (time.perf_counter() - started, time.process_time() - cpu)
        started = time.perf_counter()
        await app.workers.wait_for_complete()
        await pilot.pause()
        figures["evidence (info)"] = (time.perf_counter() - started, 0.0)
        assert screen.workspace.alignment is not None
        for key in KEYS:
            walls, cpus = [], []
            # Each threshold step re-decides the whole alignment: a few are enough.
            for _ in range(presses if key != "plus" else max(2, presses // 10)):
                started, cpu = time.perf_counter(), time.process_time()
                await pilot.press(key)
                walls.append(time.perf_counter() - started)
                cpus.append(time.process_time() - cpu)
                if key == "plus":
                    await pilot.press("minus")
            figures[key] = (statistics.median(walls), statistics.mean(cpus))
    return figures


def process_first_paint(count: int) -> tuple[float, bool]:
    """Seconds from launching a fresh Python to both panes painted, headless, and whether
    torch was imported by then (it must not be)."""
    code = (
        "import time, sys, asyncio\n"
        "from bench.app_keys import synthetic\n"
        "from readout_tui.testing import HashEmbedder\n"
        "from readout_tui.app import ReadoutApp\n"
        f"app = ReadoutApp(synthetic({count}), embedder=HashEmbedder('hash-bench'), cache=None)\n"
        "async def paint():\n"
        "    async with app.run_test(size=(120, 40)) as pilot:\n"
        "        print(time.time(), 'torch' in sys.modules, flush=True)\n"
        "asyncio.run(paint())\n"
    )
    launched = time.time()
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    painted, torch = result.stdout.split()[:2]
    return float(painted) - launched, torch == "True"


def terminal_first_paint(case: Path, runs: int = 5) -> float | None:
    """Median seconds from ``python -m readout_tui CASE`` starting in a 120x40 tmux window to
    the first statement of each side on screen: what a user waits for. None without tmux."""
    if shutil.which("tmux") is None:
        return None
    comparison = load_comparison([str(case)])
    wanted = [side.statements[0].text[:12] for side in (comparison.left, comparison.right)]
    times = []
    for run in range(runs):
        session = f"readout-bench-{os.getpid()}-{run}"
        with tempfile.TemporaryDirectory() as cache:
            command = (
                f"READOUT_TUI_CACHE_DIR={cache} PYTHONPATH={Path.cwd()} "
                f"{sys.executable} -m readout_tui {case}"
            )
            started = time.perf_counter()
            opened = subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40", command])
            if opened.returncode:
                continue  # tmux itself failed (a shared server going away): skip this run
            try:
                while time.perf_counter() - started < 30:
                    screen = subprocess.run(
                        ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True
                    ).stdout
                    if all(text in screen for text in wanted):
                        times.append(time.perf_counter() - started)
                        break
                    time.sleep(0.01)
            finally:
                subprocess.run(["tmux", "kill-session", "-t", session], check=False)
    return statistics.median(times) if times else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--presses", type=int, default=20, help="per key (threshold: a tenth)")
    args = parser.parse_args()
    columns = ["first paint", *KEYS, "evidence (info)"]
    rows = {}
    for count in args.sizes:
        rows[count] = asyncio.run(measure(count, args.presses, (120, 40)))
        print(f"measured N={count}", file=sys.stderr, flush=True)
    small, large = min(rows), max(rows)
    for which, title in [(0, "wall seconds (keys: median per press)"), (1, "CPU seconds of this process (keys: mean per press)")]:
        print(f"\n{title}")
        print(f"{'N per side':>10} " + " ".join(f"{c:>15}" for c in columns[: len(columns) - which]))
        for count, figures in rows.items():
            print(f"{count:>10} " + " ".join(f"{figures[c][which]:>15.4f}" for c in columns[: len(columns) - which]))
        ratios = [rows[large][c][which] / rows[small][c][which] for c in columns[: len(columns) - which]]
        print(f"{'ratio':>10} " + " ".join(f"{r:>15.2f}" for r in ratios) + f"   ({large} / {small})")
    print()
    seconds, torch = process_first_paint(small)
    print(f"process start to first paint, headless, N={small}: {seconds:.3f} s; torch imported by then: {torch}")
    seconds = terminal_first_paint(CASE)
    if seconds is not None:
        print(f"process start to first paint in a 120x40 tmux window, {CASE.name}: {seconds:.3f} s (median of 5)")


if __name__ == "__main__":
    main()
