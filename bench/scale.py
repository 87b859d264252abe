"""Scale: the whole `readout-tui compare`, in every format, at 100, 1,000 and 10,000 statements
per side, on realistic statements, with its time, peak memory and their growth.

    python bench/scale.py                          # sizes 100, 1000, 10000; every format
    python bench/scale.py --sizes 300,3000 --formats json,html
    python bench/scale.py --before REV             # the same runs with the code at git REV too

Readouts come from ``realistic.py``: statements carrying names, acronyms, figures, durations and
dates as often as the fixture cases' statements do (the script prints both proportions). Their
embeddings are put into a fresh cache first, as an earlier run would have, so what is measured
is the comparison, not the model: by default the embeddings are deterministic stand-ins (the
normalised sum of a fixed random vector per word, ``synthetic.embeddings``), which lets the
script run in minutes; ``--real-model`` embeds with the bundled model instead (slow on a CPU;
the compare that is then measured does the same work).

Each size runs in fresh processes: `readout-tui compare LEFT RIGHT --segment lines --format F`
end to end for each format, standard output a pipe (wall, CPU of all threads, peak memory), then
the same steps one by one in-process for what dominates.
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

import realistic  # noqa: E402
import synthetic  # noqa: E402
from common import PYTHON, ROOT, machine, measure, table  # noqa: E402

FORMATS = ("text", "json", "markdown", "html", "csv")
TARGETS = {
    "json s": 8.0, "json peak MB": 1536, "json growth": 1.6, "alignment s": 3.0, "re-decide s": 0.3,
}
"""At 10,000 statements per side (growth: the exponent from 1,000 to 10,000), issue 18."""


def prepare(count: int, folder: Path, real_model: bool, make=synthetic.readouts) -> None:
    """Write two readouts of ``count`` statements (made by ``make``) and fill a cache with
    their statements' embeddings and languages, as an earlier comparison of them would have."""
    from readout_tui.core.engine.cache import EmbeddingCache
    from readout_tui.core.engine.embedder import DEFAULT_MODEL, SentenceTransformerEmbedder
    from readout_tui.core.engine.evidence import embedded_texts
    from readout_tui.core.engine.pipeline import check_languages
    from readout_tui.core.io.loading import load_comparison

    left, right = make(count)
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


STEPS = ("load", "cache read", "evidence", "decide", "re-decide", "carry-over", "mentions", "text", "json", "markdown", "html", "csv")


def stages(folder: Path) -> dict:
    """Each step of a cached comparison, timed in this process (wall and CPU seconds)."""
    import resource

    import numpy as np

    from readout_tui.core.engine.cache import EmbeddingCache
    from readout_tui.core.engine.decision import decide
    from readout_tui.core.engine.embedder import SentenceTransformerEmbedder, embed
    from readout_tui.core.engine.evidence import embedded_texts, gather_evidence
    from readout_tui.core.engine.settings import AlignmentSettings
    from readout_tui.core.io import export, report
    from readout_tui.core.io.loading import load_comparison
    from readout_tui.core.work.session import statement_map

    figures: dict = {}

    def step(name, work):
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        figures[name] = (time.perf_counter() - wall, time.process_time() - cpu)
        return result

    comparison = step("load", lambda: load_comparison([str(folder / "left.txt"), str(folder / "right.txt")], "lines"))
    left, right = comparison.left, comparison.right
    cache = EmbeddingCache(folder / "cache" / "embeddings.sqlite3")
    texts = list(dict.fromkeys(embedded_texts([*left.texts, *right.texts])))
    vectors = step("cache read", lambda: dict(zip(texts, embed(texts, SentenceTransformerEmbedder(), cache))))
    figures["peak MB before alignment"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    evidence = step("evidence", lambda: gather_evidence(left, right, lambda some: np.stack([vectors[t] for t in some]), "model"))
    alignment = step("decide", lambda: decide(evidence))
    figures["peak MB after alignment"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    step("re-decide", lambda: decide(evidence, AlignmentSettings().with_threshold(0.31)))
    # A saved session carried over to the left readout with every 50th statement edited.
    edited = [text + " (edited)" if k % 50 == 0 else text for k, text in enumerate(left.texts)]
    step("carry-over", lambda: statement_map(left.texts, edited))
    published = step("mentions", lambda: export.Published.of(alignment, comparison.info))
    step("text", lambda: report.to_text(alignment, comparison.info))
    for fmt in ("json", "markdown", "html", "csv"):
        step(fmt, lambda fmt=fmt: getattr(export, f"to_{fmt}")(published))
    figures["peak MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def extract(revision: str, folder: Path) -> Path:
    """The package as it was at ``revision``, unpacked into ``folder``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "readout_tui"], capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def exponent(sizes: list[int], values: list[float]) -> float | None:
    """k of value ~ n^k between the two largest sizes (the log-log slope)."""
    if len(sizes) < 2 or min(values[-2:]) <= 0:
        return None
    return math.log(values[-1] / values[-2]) / math.log(sizes[-1] / sizes[-2])


def _k(value: float | None) -> str:
    return "n/a" if value is None else f"n^{value:.2f}"


def compare(folder: Path, fmt: str, package: Path = ROOT):
    env = {"READOUT_TUI_CACHE_DIR": str(folder / "cache")}
    command = [PYTHON, "-m", "readout_tui", "compare", str(folder / "left.txt"), str(folder / "right.txt"),
               "--segment", "lines", "--format", fmt]
    run = measure(command, env, package=package)
    if run.returncode:
        raise SystemExit(run.stderr)
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--real-model", action="store_true", help="embed with the bundled model (slow)")
    parser.add_argument("--before", metavar="REV", help="also run compare with the code at this git revision")
    parser.add_argument("--before-up-to", type=int, default=10**9, help="run the --before code up to this size")
    parser.add_argument("--stages", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stages:
        print(json.dumps(stages(Path(args.stages))))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    formats = args.formats.split(",")
    old = extract(args.before, Path(tempfile.mkdtemp())) if args.before else None

    print(f"machine: {machine()}")
    embeddings = "the bundled model" if args.real_model else "deterministic word-based stand-ins (synthetic.embeddings)"
    print(f"embeddings: {embeddings}, in a warm cache\n")
    print("statements (realistic.py) against the fixtures, by the mention finder:")
    print(realistic.comparison_table() + "\n")

    runs: dict[str, dict[str, list]] = {"now": {f: [] for f in formats}, "before": {f: [] for f in formats}}
    inner: list[dict] = []
    for count in sizes:
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            prepare(count, folder, args.real_model, make=realistic.readouts)
            for fmt in formats:
                runs["now"][fmt].append(compare(folder, fmt))
                if old is not None and count <= args.before_up_to:
                    runs["before"][fmt].append(compare(folder, fmt, package=old))
            staged = measure([PYTHON, __file__, "--stages", str(folder)], {"READOUT_TUI_CACHE_DIR": str(folder / "cache")})
            if staged.returncode:
                raise SystemExit(staged.stderr)
            inner.append(json.loads(staged.stdout))

    for which, title in (("now", "this checkout"), ("before", f"the code at {args.before}")):
        done = {f: r for f, r in runs[which].items() if r}
        if not done:
            continue
        print(f"`readout-tui compare` end to end, {title}: wall s (CPU s) / peak MB")
        rows = []
        for k, count in enumerate(sizes):
            if all(len(r) > k for r in done.values()):
                rows.append([f"{count:,}", *(f"{r[k].wall:.2f} ({r[k].cpu:.2f}) / {r[k].peak_mb:.0f}" for r in done.values())])
        measured = sizes[: len(rows)]
        rows.append(["growth, time", *(_k(exponent(measured, [x.wall for x in r])) for r in done.values())])
        rows.append(["growth, CPU", *(_k(exponent(measured, [x.cpu for x in r])) for r in done.values())])
        rows.append(["growth, peak", *(_k(exponent(measured, [x.peak_mb for x in r])) for r in done.values())])
        print(table(["n per side", *done], rows) + "\n")

    print("In-process steps, wall s (CPU s, all threads):")
    rows = [[f"{count:,}", *(f"{f[s][0]:.2f} ({f[s][1]:.2f})" for s in STEPS)] for count, f in zip(sizes, inner)]
    rows.append(["growth", *(_k(exponent(sizes, [f[s][0] for f in inner])) for s in STEPS)])
    print(table(["n per side", *STEPS], rows))
    alignment = [f["evidence"][0] + f["decide"][0] for f in inner]
    print("alignment (evidence + decide): " + ", ".join(f"{a:.2f} s" for a in alignment)
          + f"; growth {_k(exponent(sizes, alignment))}; memory added by it at the largest size: "
          f"{inner[-1]['peak MB after alignment'] - inner[-1]['peak MB before alignment']:.0f} MB")
    print("steps: load = read and split the files; cache read = the embeddings of statements and their name-free")
    print("forms; evidence = word table, vectors, blockwise signals; re-decide = decide at a new threshold (the")
    print("app's +); carry-over = a saved session's statements mapped onto the left readout with every 50th")
    print("statement edited; mentions = the one-sided names, figures, dates (every export but text); then each")
    print("format rendered (JSON indented, as on a terminal).\n")

    if sizes[-1] == 10_000 and "json" in runs["now"] and runs["now"]["json"]:
        json_runs = runs["now"]["json"]
        figures = {
            "json s": json_runs[-1].wall, "json peak MB": json_runs[-1].peak_mb,
            "json growth": exponent(sizes, [r.wall for r in json_runs]),
            "alignment s": alignment[-1], "re-decide s": inner[-1]["re-decide"][0],
        }
        rows = [[name, f"{figures[name]:.2f}" if figures[name] is not None else "n/a", f"< {TARGETS[name]}",
                 "yes" if figures[name] is not None and figures[name] < TARGETS[name] else "no"] for name in TARGETS]
        print("Targets at 10,000 per side:")
        print(table(["", "measured", "target", "met"], rows))


if __name__ == "__main__":
    main()
