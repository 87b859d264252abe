"""First paint of the app, as a user sees it: the real app in a pseudo-terminal of 120 x 40.

    python bench/first_paint.py                  # the bundled example, first run, new pair, warm cache
    python bench/first_paint.py --sizes 10000    # also synthetic readouts of that many statements
    python bench/first_paint.py --no-bytecode    # keep PYTHONDONTWRITEBYTECODE (compile at each start)

Measured from just before the process starts:
  paint   the first statement of both readouts is on the terminal (escape codes stripped);
  ready   the summary bar says the model is ready, i.e. the comparison is decided and shown;
  torch   when the process first imported torch (an import hook notes it), if it did.
First run: an empty cache (the ONNX export of the model is made first, with torch); new pair:
the cache as an earlier run on other readouts leaves it (the export and the language model
kept, none of these statements embedded), the case issue 18's "new pair lit within 2 s" is
about; warm: every statement cached.
The floor is a bare `python -c pass`. Target: paint < 0.5 s, torch never before paint.
"""

from __future__ import annotations

import argparse
import os
import re
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import PYTHON, ROOT, machine, measure, table  # noqa: E402

EXAMPLE = ROOT / "readout_tui" / "examples" / "netanyahu-putin-2023-12-10"

DRIVER = """
import os, sys, time
class NoteTorch:
    def find_spec(self, name, path=None, target=None):
        if name == "torch":
            with open(os.environ["BENCH_TORCH_FILE"], "a") as f:
                f.write(repr(time.time()) + "\\n")
            sys.meta_path.remove(self)
        return None
sys.meta_path.insert(0, NoteTorch())
from readout_tui.cli import main
sys.exit(main(sys.argv[1:]))
"""
"""The app as `readout-tui` runs it, plus a note of when torch is first imported."""

ESCAPES = re.compile(r"\x1b(\[[0-9;?<=>!]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|P[^\x1b]*\x1b\\|[()][A-Za-z0-9]|[=>78])")


def launch(args: list[str], env: dict[str, str], wanted: dict[str, str], timeout: float) -> dict:
    """Start the app in a pseudo-terminal; return when each ``wanted`` text appeared (seconds
    from the start), then quit it."""
    import fcntl
    import pty
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    with tempfile.TemporaryDirectory() as folder:
        torch_file = Path(folder) / "torch"
        environment = {
            **os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color", "COLORTERM": "truecolor",
            "BENCH_TORCH_FILE": str(torch_file), **env,
        }
        started_at = time.time()
        started = time.perf_counter()
        child = subprocess.Popen(
            [PYTHON, "-c", DRIVER, *args], stdin=slave, stdout=slave, stderr=slave, env=environment,
            cwd=ROOT, start_new_session=True,
        )
        os.close(slave)
        seen: dict[str, float] = {}
        screen = ""
        try:
            while not wanted.keys() <= seen.keys() and time.perf_counter() - started < timeout:
                ready, _, _ = select.select([master], [], [], 0.05)
                if not ready:
                    continue
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    break
                now = time.perf_counter() - started
                screen += ESCAPES.sub("", chunk.decode("utf-8", "ignore"))
                for name, text in wanted.items():
                    if name not in seen and text in screen:
                        seen[name] = now
                        seen[f"{name} cpu"] = _cpu_seconds(child.pid)
        finally:
            os.write(master, b"q")
            _drain(master, child)
        torch = float(torch_file.read_text().split()[0]) - started_at if torch_file.exists() else None
    return {**seen, "torch": torch}


def _cpu_seconds(pid: int) -> float | None:
    """CPU seconds (user + system, all threads) the process has used so far: unlike wall time,
    hardly affected by the other work on a shared machine."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _drain(master: int, child: subprocess.Popen) -> None:
    """Read until the app has quit (it must keep its terminal readable to exit)."""
    deadline = time.perf_counter() + 10
    while child.poll() is None and time.perf_counter() < deadline:
        if select.select([master], [], [], 0.05)[0]:
            try:
                os.read(master, 65536)
            except OSError:
                break
    if child.poll() is None:
        child.kill()
        child.wait()
    os.close(master)


def snippet(text: str) -> str:
    """A start of a statement short enough to fit on one row of a pane."""
    return " ".join(text.split())[:18]


def case(folder: Path) -> tuple[list[str], dict[str, str]]:
    from readout_tui.core.io.loading import load_comparison

    comparison = load_comparison([str(folder)], "sentences")
    return [str(folder)], {
        "paint left": snippet(comparison.left.texts[0]),
        "paint right": snippet(comparison.right.texts[0]),
        "ready": ": ready",
    }


def fill_cache(args: list[str], cache: str) -> None:
    if not args:
        return
    run = measure([PYTHON, "-m", "readout_tui", "compare", *args, "--format", "json"], {"READOUT_TUI_CACHE_DIR": cache})
    if run.returncode:
        raise SystemExit(run.stderr)


def trial(args: list[str], wanted: dict[str, str], cache: str, timeout: float) -> dict:
    seen = launch(args, {"READOUT_TUI_CACHE_DIR": cache, "HF_HUB_OFFLINE": "1"}, wanted, timeout)
    paints = [seen.get("paint left"), seen.get("paint right")]
    cpus = [seen.get("paint left cpu"), seen.get("paint right cpu")]
    return {
        "paint": max(paints) if None not in paints else None,
        "paint cpu": max(cpus) if None not in cpus else None,
        "ready": seen.get("ready"),
        "torch": seen["torch"],
    }


OTHER_CASE = ROOT / "fixtures" / "biden-xi-2022-07-28"
"""Readouts other than the example's, compared first to leave the cache as an earlier run does."""


def rows_for(label: str, args: list[str], wanted: dict[str, str], repeats: int, timeout: float, cold: bool) -> list[list[str]]:
    rows = []
    for state in (["first run", "new pair"] if cold else []) + ["warm"]:
        results = []
        with tempfile.TemporaryDirectory() as cache:
            fill_cache({"warm": args, "new pair": [str(OTHER_CASE)]}.get(state, []), cache)
            for _ in range(repeats):
                if state == "warm":
                    results.append(trial(args, wanted, cache, timeout))
                    continue
                with tempfile.TemporaryDirectory() as fresh:
                    if state == "new pair":
                        shutil.copytree(cache, fresh, dirs_exist_ok=True)
                    results.append(trial(args, wanted, fresh, timeout))
        rows.append(summary(f"{label}, {state}", results))
    return rows


def summary(label: str, results: list[dict]) -> list[str]:
    torches = [r["torch"] for r in results]
    before = sum(1 for r in results if r["torch"] is not None and (r["paint"] is None or r["torch"] < r["paint"]))
    return [
        label,
        _seconds(_median([r["paint"] for r in results])),
        _seconds(_median([r["paint cpu"] for r in results])),
        _seconds(_median([r["ready"] for r in results])),
        "not imported" if all(t is None for t in torches) else f"at {_seconds(_median(torches))}",
        f"{before} of {len(results)}",
    ]


def _median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def _seconds(value) -> str:
    return "not seen" if value is None else f"{value:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="", help="also synthetic readouts of these many statements per side")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument(
        "--no-bytecode", action="store_true",
        help="keep PYTHONDONTWRITEBYTECODE if set: every start then compiles the package's source",
    )
    args = parser.parse_args()
    print(f"machine: {machine()}")
    if not args.no_bytecode and os.environ.pop("PYTHONDONTWRITEBYTECODE", None):
        # An installed package starts from its bytecode; without it each start compiles the
        # package's own modules first, which no user pays.
        measure([PYTHON, "-c", "import readout_tui.cli, readout_tui.app"])
        print("bytecode: PYTHONDONTWRITEBYTECODE was set; unset for these runs, as after an install")
    print()
    bare = statistics.median(measure([PYTHON, "-c", "pass"]).wall for _ in range(3))
    imports = statistics.median(
        measure([PYTHON, "-c", "import readout_tui.app"]).wall for _ in range(3)
    )
    args_example, wanted = case(EXAMPLE)
    rows = rows_for("bundled example", args_example, wanted, args.repeats, args.timeout, cold=True)
    for size in [int(s) for s in args.sizes.split(",") if s]:
        import scale  # the synthetic readouts with their embeddings in a cache

        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            scale.prepare(size, folder, real_model=False)
            files = [str(folder / "left.txt"), str(folder / "right.txt"), "--segment", "lines"]
            left = (folder / "left.txt").read_text(encoding="utf-8").splitlines()
            right = (folder / "right.txt").read_text(encoding="utf-8").splitlines()
            wanted_size = {"paint left": snippet(left[0]), "paint right": snippet(right[0]), "ready": ": ready"}
            results = [trial(files, wanted_size, str(folder / "cache"), args.timeout) for _ in range(args.repeats)]
            rows.append(summary(f"{size:,} per side, warm", results))
    print(table(["", "paint s", "paint CPU s", "ready s", "torch", "torch before paint"], rows))
    print(f"\nfloor: bare `python -c pass` {bare:.2f} s; `import readout_tui.app` {imports:.2f} s")
    print("paint: both readouts' first statements on the terminal (paint CPU: CPU seconds the app had")
    print("used by then); ready: the comparison decided and shown (the summary bar's model state);")
    print("times from just before the process started; medians.")



if __name__ == "__main__":
    main()
