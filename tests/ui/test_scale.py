"""Thousands of statements, and what importing the app costs."""

from __future__ import annotations

import random
import subprocess
import sys
import time

from conftest import comparison_of, ready


def synthetic(count: int, seed: int = 7) -> tuple[list[str], list[str]]:
    """Two long readouts in made-up words: most statements of the right retell one of the left
    with some words changed, the rest are new; the right is shuffled."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocabulary = ["".join(rng.choices(letters, k=rng.randint(4, 9))) for _ in range(5000)]

    def statement() -> list[str]:
        return rng.choices(vocabulary, k=rng.randint(8, 40))

    left = [statement() for _ in range(count)]
    right = []
    for words in left:
        retold = list(words) if rng.random() < 0.6 else statement()
        for _ in range(len(retold) // 4):
            retold[rng.randrange(len(retold))] = rng.choice(vocabulary)
        right.append(retold)
    rng.shuffle(right)
    return [" ".join(w).capitalize() + "." for w in left], [" ".join(w).capitalize() + "." for w in right]


async def test_thousands_of_statements_stay_responsive(make_app):
    """Generous bounds for a slow CI machine; on 2 vCPU the measured times are about a third."""
    count = 1000
    app = make_app(comparison_of(*synthetic(count)))
    started = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert time.perf_counter() - started < 8
        assert len(screen.pane("left").shown) == count
        assert len(screen.links.alignment.pairs) > count // 3
        for keys, bound in [("jjjjj", 2.5), ("G", 1), ("f", 3), ("ff", 4), (["minus"], 3), ("s", 4)]:
            started = time.perf_counter()
            await pilot.press(*keys)
            assert time.perf_counter() - started < bound, keys


def test_importing_the_app_is_fast_and_leaves_the_model_alone():
    code = (
        "import sys, time; t = time.perf_counter(); import readout_tui.app; "
        "print(time.perf_counter() - t); "
        "print(sorted(m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds, loaded = result.stdout.splitlines()
    assert loaded == "[]"
    assert float(seconds) < 3
