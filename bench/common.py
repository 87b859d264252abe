"""What every benchmark script needs: running a child process and measuring it, the machine,
and a table printer. The benchmarks run as scripts (``python bench/NAME.py``), not as tests:
this machine is shared and noisy, so they print ratios measured within one run."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable

Counts = tuple[int, int, int]
"""True positives, false positives, false negatives."""


def f1(counts: Counts) -> float:
    tp, fp, fn = counts
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def score(gold: set, got: set, n: int, m: int) -> tuple[Counts, Counts]:
    """(pair counts, unique counts) of the pairs ``got`` against ``gold`` for accounts of
    ``n`` and ``m`` statements, as ``../shared/eval/score.py`` counts them."""

    def unique(pairs: set) -> set:
        return {("L", i) for i in range(n) if all(a != i for a, _ in pairs)} | {
            ("R", j) for j in range(m) if all(b != j for _, b in pairs)
        }

    def three(want: set, found: set) -> Counts:
        return len(want & found), len(found - want), len(want - found)

    return three(gold, got), three(unique(gold), unique(got))


def total(results) -> tuple[float, float]:
    """Pair F1 and unique F1 micro-averaged over the cases' ``score``s."""
    results = list(results)
    pairs = tuple(sum(r[0][k] for r in results) for k in range(3))
    uniques = tuple(sum(r[1][k] for r in results) for k in range(3))
    return f1(pairs), f1(uniques)


@dataclass(frozen=True)
class Run:
    wall: float
    """Seconds from just before the process started until it exited."""
    cpu: float
    """User plus system seconds of the process (all its threads)."""
    peak_mb: float
    """Peak resident memory of the process."""
    stdout: str
    stderr: str
    returncode: int


_PARENT = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
child = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024,
                  "stdout": child.stdout, "stderr": child.stderr, "returncode": child.returncode}))
"""
"""Runs the measured process as its only child, so the peak memory and CPU time the kernel
reports for its children are that process's own."""


def measure(args: list[str], env: dict[str, str] | None = None, package: Path = ROOT) -> Run:
    """Run ``args`` with the ``readout_tui`` under ``package`` (this checkout) and measure it."""
    environment = {**os.environ, "PYTHONPATH": str(package), **(env or {})}
    # Run from there too: ``python -m`` puts the working folder first on the path.
    outer = subprocess.run(
        [PYTHON, "-c", _PARENT, *args], env=environment, capture_output=True, text=True, cwd=package
    )
    if outer.returncode:
        raise RuntimeError(outer.stderr)
    return Run(**json.loads(outer.stdout))


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        memory = next(
            int(line.split()[1]) // 1024 // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
    except (OSError, StopIteration):
        memory = 0
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{model}, {os.cpu_count()} cores, {memory} GiB RAM, Python {platform.python_version()}, "
        f"load average {load:.1f} at start"
    )


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(r[k])) for r in [header, *rows]) for k in range(len(header))]
    line = lambda r: "  ".join(str(c).ljust(w) for c, w in zip(r, widths))  # noqa: E731
    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])
