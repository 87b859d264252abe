"""README's "What it prints" is what `readout-tui compare` prints on the bundled example."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


@pytest.mark.model
def test_the_readme_sample_is_what_compare_prints():
    # Its scores had gone stale after refits (meaning 0.78 where compare printed 0.73).
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(
        r"`(readout-tui compare fixtures/\S+ --segment lines --format text)`:\n\n```\n(.*?)```", readme, re.S
    )
    assert command
    argv = command.group(1).split()[1:]
    env = {**os.environ, "COLUMNS": "100"}
    printed = subprocess.run(
        [sys.executable, "-m", "readout_tui", *argv, "--no-session"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for line in command.group(2).splitlines():
        if line.strip() not in ("", "..."):
            assert line in printed.splitlines(), line
