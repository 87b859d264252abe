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
its steps one by one in-process for what dominates: the path the command takes, with the bundled
model's learned scorer (``stages``).
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
THRESHOLD_STEP = 0.05
"""What the app's ``+`` adds to the threshold (``screens.compare``, not imported: it needs Textual)."""


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


STEPS = (
    "load", "segment", "languages", "terms", "name-free", "cache read", "reach", "decide", "re-decide",
    "carry-over", "mentions", "text", "json", "markdown", "html", "csv",
)
"""The in-process steps, in the order they run (``segment`` is part of ``load``)."""
ALIGNMENT = ("terms", "name-free", "reach", "decide")
"""The steps that make the alignment from the statements and their cached embeddings."""


def stages(folder: Path) -> dict:
    """Each step of a cached comparison, timed in this process (wall and CPU seconds), on the
    path `readout-tui compare` takes: ``pipeline.collect`` with the embedder and the scorer the
    command line chooses (the bundled model's learned scorer), its inner steps timed by
    wrapping the functions it calls, not by a copy of them."""
    import resource

    from readout_tui.core.engine import evidence as evidence_module
    from readout_tui.core.engine import pipeline
    from readout_tui.core.engine.cache import EmbeddingCache
    from readout_tui.core.engine.decision import decide
    from readout_tui.core.engine.embedder import make_embedder
    from readout_tui.core.engine.settings import AlignmentSettings
    from readout_tui.core.io import export, loading, report
    from readout_tui.core.work.session import statement_map

    figures: dict = {}

    def timed(name, work):
        def run(*args, **kwargs):
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return work(*args, **kwargs)
            finally:
                spent = (time.perf_counter() - wall, time.process_time() - cpu)
                before = figures.get(name, (0.0, 0.0))
                figures[name] = (before[0] + spent[0], before[1] + spent[1])
        return run

    def wrap(owner, name, step):
        setattr(owner, name, timed(step, getattr(owner, name)))

    wrap(loading, "split_statements", "segment")
    wrap(pipeline, "check_languages", "languages")
    wrap(evidence_module.TermTable, "build", "terms")
    wrap(evidence_module, "embedded_texts", "name-free")
    wrap(pipeline, "embed", "cache read")
    wrap(evidence_module, "_reach", "reach")

    files = [str(folder / "left.txt"), str(folder / "right.txt")]
    comparison = timed("load", loading.load_comparison)(files, "lines")
    cache = EmbeddingCache(folder / "cache" / "embeddings.sqlite3")
    evidence = pipeline.collect(comparison.left, comparison.right, make_embedder(), cache)
    figures["scorer"] = evidence.scorer.name if evidence.scorer else "hand-set"
    figures["pairs considered"] = len(comparison.left) * len(comparison.right)
    figures["peak MB after evidence"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    alignment = timed("decide", decide)(evidence)
    figures["pairs proposed"] = len(alignment.pairs)
    timed("re-decide", decide)(evidence, AlignmentSettings().with_threshold(evidence.threshold(AlignmentSettings()) + THRESHOLD_STEP))
    # A saved session carried over to the left readout with every 50th statement edited.
    edited = [text + " (edited)" if k % 50 == 0 else text for k, text in enumerate(comparison.left.texts)]
    timed("carry-over", statement_map)(comparison.left.texts, edited)
    published = timed("mentions", export.Published.of)(alignment, comparison.info)
    timed("text", report.to_text)(alignment, comparison.info)
    # JSON as `compare` writes it into a pipe: on one line.
    timed("json", export.to_json)(published, False)
    for fmt in ("markdown", "html", "csv"):
        timed(fmt, getattr(export, f"to_{fmt}"))(published)
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

    print(f"In-process steps of `compare` (scorer: {inner[-1]['scorer']}), wall s (CPU s, all threads):")
    header = ["step", *(f"{count:,}" for count in sizes), "growth, time", "growth, CPU"]
    # A step made in a forked child (with a core to spare) is not timed in this process.
    spent = [{name: f.get(name, (0.0, 0.0)) for name in STEPS} for f in inner]
    rows = [
        [name, *(f"{s[name][0]:.2f} ({s[name][1]:.2f})" if name in f else "in a child" for s, f in zip(spent, inner)),
         _k(exponent(sizes, [s[name][0] for s in spent])), _k(exponent(sizes, [s[name][1] for s in spent]))]
        for name in STEPS
    ]
    alignment = [tuple(sum(s[name][k] for name in ALIGNMENT) for k in (0, 1)) for s in spent]
    rows.append(["alignment", *(f"{a[0]:.2f} ({a[1]:.2f})" for a in alignment),
                 _k(exponent(sizes, [a[0] for a in alignment])), _k(exponent(sizes, [a[1] for a in alignment]))])
    for name in ("pairs proposed", "peak MB after evidence", "peak MB"):
        values = [f[name] for f in inner]
        rows.append([name, *(f"{v:,.0f}" for v in values), _k(exponent(sizes, values)), ""])
    print(table(header, rows))
    print("steps: load = read and split the files (segment: the splitting alone); languages = each side's")
    print("language, from the cache; terms = the word table; name-free = each statement without the names")
    print("several share; cache read = the embeddings of both; reach = the blockwise signals, the learned")
    print("scorer's standings and each statement's candidates; decide = the pairs, their kind and reason;")
    print("re-decide = decide after the app's + (threshold +0.05); carry-over = a saved session's statements")
    print("mapped onto the left readout with every 50th statement edited; mentions = the one-sided names,")
    print("figures, dates (every export but text); then each format rendered (JSON on one line, as piped).")
    print(f"alignment = {' + '.join(ALIGNMENT)}.\n")

    if sizes[-1] == 10_000 and "json" in runs["now"] and runs["now"]["json"]:
        json_runs = runs["now"]["json"]
        figures = {
            "json s": (json_runs[-1].wall, json_runs[-1].cpu), "json peak MB": (json_runs[-1].peak_mb, None),
            "json growth": (exponent(sizes, [r.wall for r in json_runs]), exponent(sizes, [r.cpu for r in json_runs])),
            "alignment s": alignment[-1], "re-decide s": tuple(inner[-1]["re-decide"]),
        }
        rows = [[name, "n/a" if wall is None else f"{wall:.2f}", "" if cpu is None else f"{cpu:.2f}",
                 f"< {TARGETS[name]}", "yes" if wall is not None and wall < TARGETS[name] else "no"]
                for name, (wall, cpu) in figures.items()]
        print("Targets at 10,000 per side (met: by the wall figure):")
        print(table(["", "measured", "CPU", "target", "met"], rows))


if __name__ == "__main__":
    main()
