"""Scale: time and peak memory of a comparison at 100, 1,000 and 10,000 statements per side.

    python bench/scale.py                 # sizes 100, 1000, 10000
    python bench/scale.py --sizes 300,3000

Readouts are synthetic (``synthetic.py``: seeded, diplomatic phrasing) and their embeddings are
put into a fresh cache first, as after an earlier run, so what is measured is the engine, not
the model. The stand-in embeddings come from words (see ``synthetic.embeddings``); they are not
the model's, which is what lets the script run in seconds: ``--real-model`` embeds with the
bundled model instead (slow on a CPU, and it measures the same engine work).

Each size runs in fresh processes: ``readout-tui compare`` end to end (wall, CPU, peak memory),
then the same steps one by one in-process for what dominates. Up to ``--before-up-to``
statements the engine as it was before the blockwise rewrite (``--before``, a git revision) runs
too on the same files and cache, as the time baseline. (It also decided the same pairs with the
same scores until statements were embedded without their shared names as well; that the
blockwise engine decides as the dense rule does is a unit test, tests/unit/test_scale_engine.py.)
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import synthetic  # noqa: E402
from common import PYTHON, ROOT, machine, measure, table  # noqa: E402


def prepare(count: int, folder: Path, real_model: bool) -> None:
    """Write the two readouts and fill a cache with their statements' embeddings and languages,
    as an earlier comparison of them would have."""
    from readout_tui.core.engine.cache import EmbeddingCache
    from readout_tui.core.engine.embedder import DEFAULT_MODEL, SentenceTransformerEmbedder
    from readout_tui.core.engine.evidence import embedded_texts
    from readout_tui.core.engine.pipeline import check_languages
    from readout_tui.core.io.loading import load_comparison

    left, right = synthetic.readouts(count)
    (folder / "left.txt").write_text("\n".join(left) + "\n", encoding="utf-8")
    (folder / "right.txt").write_text("\n".join(right) + "\n", encoding="utf-8")
    comparison = load_comparison([str(folder / "left.txt"), str(folder / "right.txt")], "lines")
    statements = [*comparison.left.texts, *comparison.right.texts]
    texts = list(dict.fromkeys(embedded_texts(statements)))
    vectors = SentenceTransformerEmbedder().encode(texts) if real_model else synthetic.embeddings(texts)
    cache = EmbeddingCache(folder / "cache" / "embeddings.sqlite3")
    cache.put(DEFAULT_MODEL, texts, vectors)
    check_languages(comparison.left, comparison.right, None, cache)  # kept in the cache too
    cache.close()


def stages(folder: Path) -> dict:
    """Each step of a cached comparison, timed in this process (wall and CPU seconds)."""
    import resource

    import numpy as np

    from readout_tui.core.engine.cache import EmbeddingCache
    from readout_tui.core.engine.decision import decide
    from readout_tui.core.engine.embedder import SentenceTransformerEmbedder, embed
    from readout_tui.core.engine.evidence import embedded_texts, gather_evidence
    from readout_tui.core.engine.settings import AlignmentSettings
    from readout_tui.core.engine.words import TermTable
    from readout_tui.core.io import report
    from readout_tui.core.io.loading import load_comparison

    figures: dict = {}

    def step(name, work):
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        figures[name] = (time.perf_counter() - wall, time.process_time() - cpu)
        return result

    comparison = step("load", lambda: load_comparison([str(folder / "left.txt"), str(folder / "right.txt")], "lines"))
    left, right = comparison.left, comparison.right
    cache = EmbeddingCache(folder / "cache" / "embeddings.sqlite3")
    statements = [*left.texts, *right.texts]
    texts = list(dict.fromkeys(embedded_texts(statements)))
    vectors = step("cache read", lambda: dict(zip(texts, embed(texts, SentenceTransformerEmbedder(), cache))))
    figures["peak MB before alignment"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    step("word table", lambda: TermTable.build(left.texts, right.texts).overlap(slice(0, 0)))
    evidence = step("evidence", lambda: gather_evidence(left, right, lambda some: np.stack([vectors[t] for t in some]), "model"))
    alignment = step("decide", lambda: decide(evidence))
    step("re-decide (threshold key)", lambda: decide(evidence, AlignmentSettings().with_threshold(0.31)))
    step("json report", lambda: report.to_json(alignment, comparison.info))
    figures["peak MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def extract(revision: str, folder: Path) -> Path:
    """The package as it was at ``revision``, unpacked into ``folder``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "readout_tui"], capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def growth(sizes: list[int], values: list[float]) -> str:
    """The exponent k of value ~ n^k between the two largest sizes."""
    if len(sizes) < 2 or min(values[-2:]) <= 0:
        return "n/a"
    return f"n^{math.log(values[-1] / values[-2]) / math.log(sizes[-1] / sizes[-2]):.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--real-model", action="store_true", help="embed with the bundled model (slow)")
    parser.add_argument("--before", default="5cc65c1", help="git revision of the engine before the blockwise rewrite")
    parser.add_argument("--before-up-to", type=int, default=1000, help="run the baseline up to this size")
    parser.add_argument("--stages", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stages:
        print(json.dumps(stages(Path(args.stages))))
        return
    old = extract(args.before, Path(tempfile.mkdtemp()))

    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"machine: {machine()}")
    print(f"embeddings: {'the bundled model' if args.real_model else 'word-based stand-ins (see synthetic.py)'}, cached\n")
    rows, breakdown, walls, peaks = [], [], [], []
    for count in sizes:
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            prepare(count, folder, args.real_model)
            env = {"READOUT_TUI_CACHE_DIR": str(folder / "cache")}
            command = [PYTHON, "-m", "readout_tui", "compare", str(folder / "left.txt"),
                       str(folder / "right.txt"), "--segment", "lines", "--format", "json"]
            cli = measure(command, env)
            if cli.returncode:
                raise SystemExit(cli.stderr)
            report = json.loads(cli.stdout)
            before = None
            if count <= args.before_up_to:
                before = measure(command, env, package=old)
                if before.returncode:
                    raise SystemExit(before.stderr)
            inner = measure([PYTHON, __file__, "--stages", str(folder)], env)
            if inner.returncode:
                raise SystemExit(inner.stderr)
            figures = json.loads(inner.stdout)
        align_wall = figures["evidence"][0] + figures["decide"][0]
        align_cpu = figures["evidence"][1] + figures["decide"][1]
        walls.append(align_wall)
        peaks.append(cli.peak_mb)
        rows.append([
            f"{count:,}", f"{cli.wall:.2f}", f"{cli.cpu:.2f}", f"{cli.peak_mb:.0f}", f"{len(report['pairs']):,}",
            f"{align_wall:.2f}", f"{align_cpu:.2f}", f"{figures['re-decide (threshold key)'][0]:.3f}",
            f"{figures['peak MB'] - figures['peak MB before alignment']:.0f}",
            *([f"{before.wall:.2f}", f"{before.cpu:.2f}", f"{before.peak_mb:.0f}"] if before else ["-", "-", "-"]),
        ])
        breakdown.append([f"{count:,}"] + [
            f"{figures[k][0]:.2f} ({figures[k][1]:.2f})"
            for k in ("load", "cache read", "word table", "evidence", "decide", "json report")
        ])
    print(table(
        ["n per side", "compare s", "CPU s", "peak MB", "pairs", "alignment s", "CPU s", "re-decide s",
         "alignment MB", "before s", "CPU s", "peak MB"],
        rows,
    ))
    print("\ncompare: `readout-tui compare` end to end (process start to exit), warm cache;")
    print("alignment: evidence + decide in-process; alignment MB: peak memory growth during it;")
    print(f"before: the same compare with the engine at {args.before} (baseline).\n")
    print("Steps, wall s (CPU s, all threads):")
    print(table(["n per side", "load", "cache read", "word table", "evidence", "decide", "json report"], breakdown))
    print(f"\ngrowth between the two largest sizes: alignment time {growth(sizes, walls)}, "
          f"compare peak memory {growth(sizes, peaks)}")


if __name__ == "__main__":
    main()
