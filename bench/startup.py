"""Start-up and throughput of the model path, each against its floor measured in the same run.

    python bench/startup.py                      # all three
    python bench/startup.py --only warm,cold     # some

warm:       `readout-tui compare CASE` with every statement in the cache, against a bare Python
            start; and which heavy modules that process imported (it must be none).
cold:       the same with nothing embedded yet (a new pair of readouts): the default path
            (onnxruntime, its ONNX export made by a first run and kept in the cache folder)
            against the sentence-transformers path (`--device cpu`) and the floor: a bare script
            that imports sentence-transformers, loads the same model and encodes the same
            statements. Fresh processes, alternating. Target: ratio to the floor <= 1.2.
multilingual: an English readout against a Russian one (e5 chosen), nothing embedded yet
            and then all cached.
throughput: our embedder against the model's own `encode` at its best batch size, on many
            statements, alternating in one process. Target: >= 90%. ``--model DIR``: another
            sentence-transformers folder's (the throughput only).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import PYTHON, ROOT, machine, measure, table  # noqa: E402

CASE = ROOT / "fixtures" / "biden-xi-2022-07-28"
"""The fixture with the most statements."""

OFFLINE = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}

FLOOR = """
import json, sys
from sentence_transformers import SentenceTransformer
model = SentenceTransformer(sys.argv[1], device="cpu")
texts = json.load(open(sys.argv[2], encoding="utf-8"))
model.encode(texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
"""
"""The least any cold comparison must do: import the library, load the model, encode."""

HEAVY = """
import io, contextlib, json, sys
from readout_tui.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(sys.argv[1:])
heavy = ("torch", "sentence_transformers", "transformers", "scipy", "textual")
print(json.dumps({"code": code, "imported": [m for m in heavy if m in sys.modules]}))
"""


def compare_command(case: Path) -> list[str]:
    return [PYTHON, "-m", "readout_tui", "compare", str(case), "--format", "json"]


def statements(case: Path) -> list[str]:
    """The distinct statements `compare` embeds for ``case``, in its order."""
    from readout_tui.core.io.loading import load_comparison

    comparison = load_comparison([str(case)], "sentences")
    return list(dict.fromkeys([*comparison.left.texts, *comparison.right.texts]))


def warm(repeats: int) -> list[list[str]]:
    with tempfile.TemporaryDirectory() as cache:
        env = {"READOUT_TUI_CACHE_DIR": cache, **OFFLINE}
        first = measure(compare_command(CASE), env)  # fills the cache
        if first.returncode:
            raise SystemExit(first.stderr)
        runs = [measure(compare_command(CASE), env) for _ in range(repeats)]
        bare = [measure([PYTHON, "-c", "pass"], env) for _ in range(repeats)]
        modules = measure([PYTHON, "-c", HEAVY, "compare", str(CASE), "--format", "json"], env)
    imported = json.loads(modules.stdout)["imported"]
    return [
        ["warm compare (median)", f"{median(runs, 'wall'):.2f}", f"{median(runs, 'cpu'):.2f}",
         f"{median(runs, 'peak_mb'):.0f}", "< 1 s"],
        ["  bare `python -c pass`", f"{median(bare, 'wall'):.2f}", f"{median(bare, 'cpu'):.2f}",
         f"{median(bare, 'peak_mb'):.0f}", ""],
        ["  heavy modules imported", ", ".join(imported) or "none", "", "", "none of torch, s-t"],
    ]


def cold(repeats: int) -> list[list[str]]:
    from readout_tui.core.engine.embedder import resolve_model

    _, target = resolve_model(None)
    texts = statements(CASE)
    onnx, torch_path, floor = [], [], []
    with tempfile.TemporaryDirectory() as folder:
        listing = Path(folder) / "texts.json"
        listing.write_text(json.dumps(texts), encoding="utf-8")
        cache = Path(folder) / "cache"
        env = {"READOUT_TUI_CACHE_DIR": str(cache), **OFFLINE}
        first = measure(compare_command(CASE), env)  # exports the model to ONNX, once
        if first.returncode:
            raise SystemExit(first.stderr)
        for _ in range(repeats):  # alternating, so load from the other engineers hits all alike
            for runs, extra in ((onnx, []), (torch_path, ["--device", "cpu"])):
                for stale in cache.glob("embeddings.sqlite3*"):
                    stale.unlink()  # a new pair of readouts: nothing embedded yet
                run = measure(compare_command(CASE) + extra, env)
                if run.returncode:
                    raise SystemExit(run.stderr)
                runs.append(run)
            floor.append(measure([PYTHON, "-c", FLOOR, target, str(listing)], OFFLINE))
            if floor[-1].returncode:
                raise SystemExit(floor[-1].stderr)

    def row(label: str, runs) -> list[str]:
        return [label, f"{median(runs, 'wall'):.2f}", f"{median(runs, 'cpu'):.2f}", f"{median(runs, 'peak_mb'):.0f}", ""]

    return [
        ["cold compare, first run (exports to ONNX)", f"{first.wall:.2f}", f"{first.cpu:.2f}", f"{first.peak_mb:.0f}", "once"],
        row(f"cold compare, onnxruntime (median of {repeats})", onnx),
        row(f"cold compare, sentence-transformers (--device cpu, median of {repeats})", torch_path),
        row(f"  floor: import s-t, load, encode {len(texts)}", floor),
        ["  ratio onnxruntime / sentence-transformers", f"{median(onnx, 'wall') / median(torch_path, 'wall'):.2f}",
         f"{median(onnx, 'cpu') / median(torch_path, 'cpu'):.2f}", "", "< 1: the default"],
        ["  ratio onnxruntime / floor", f"{median(onnx, 'wall') / median(floor, 'wall'):.2f}",
         f"{median(onnx, 'cpu') / median(floor, 'cpu'):.2f}", "", "<= 1.2"],
    ]


CROSS = (ROOT / "fixtures" / "netanyahu-putin-2023-12-10" / "left.txt",
         ROOT / "fixtures" / "netanyahu-putin-2023-12-10-ru" / "right.txt")
"""The Israeli PMO's English readout against the Kremlin's Russian one: e5 is chosen."""


def multilingual(repeats: int) -> list[list[str]]:
    """A new cross-language pair (nothing embedded yet), and the same again (all cached)."""
    command = [PYTHON, "-m", "readout_tui", "compare", *map(str, CROSS), "--format", "json"]
    cold_runs, warm_runs = [], []
    with tempfile.TemporaryDirectory() as cache:
        env = {"READOUT_TUI_CACHE_DIR": cache, **OFFLINE}
        for _ in range(repeats):
            for stale in Path(cache).glob("embeddings.sqlite3*"):
                stale.unlink()
            cold_runs.append(measure(command, env))
            warm_runs.append(measure(command, env))
            if cold_runs[-1].returncode:
                raise SystemExit(cold_runs[-1].stderr)
    model = json.loads(cold_runs[-1].stdout)
    label = f"{model['model']} ({model['model_reason']})"
    return [
        [f"cross-language compare, cold: {label}", f"{median(cold_runs, 'wall'):.2f}",
         f"{median(cold_runs, 'cpu'):.2f}", f"{median(cold_runs, 'peak_mb'):.0f}", "< 2 s, no torch"],
        ["cross-language compare, warm", f"{median(warm_runs, 'wall'):.2f}",
         f"{median(warm_runs, 'cpu'):.2f}", f"{median(warm_runs, 'peak_mb'):.0f}", "< 1 s"],
    ]


THROUGHPUT = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import synthetic
from readout_tui.core.engine.embedder import SentenceTransformerEmbedder
left, right = synthetic.readouts(int(sys.argv[2]) // 2, seed=11)
texts = list(dict.fromkeys(left + right))
embedder = SentenceTransformerEmbedder(sys.argv[4] or None, device="cpu")
embedder.load()
model = embedder._model
model.encode(texts[:64], batch_size=64)  # warm up
best = {}
def timed(name, work):
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    old = best.get(name, (float("inf"), float("inf")))
    best[name] = (min(old[0], wall), min(old[1], cpu))
for _ in range(int(sys.argv[3])):
    for size in (32, 64, 128):
        timed(f"model.encode, batch {size}", lambda: model.encode(texts, batch_size=size, normalize_embeddings=True, convert_to_numpy=True))
    timed("our embedder", lambda: embedder.encode(texts))
print(json.dumps({"count": len(texts), "best": best, "model": Path(embedder.name).name}))
"""
"""Both in one process on one loaded model, alternating, best of each: the least noisy way."""


def throughput(count: int, repeats: int, model: str | None = None) -> list[list[str]]:
    script = [PYTHON, "-c", THROUGHPUT, str(Path(__file__).resolve().parent), str(count), str(repeats), str(Path(model).resolve()) if model else ""]
    run = measure(script, OFFLINE)
    if run.returncode:
        raise SystemExit(run.stderr)
    figures = json.loads(run.stdout)
    texts, best = figures["count"], figures["best"]
    rows = [
        [f"  {name}", f"{wall:.2f}", f"{cpu:.2f}", "", f"{texts / wall:.0f} statements/s"]
        for name, (wall, cpu) in best.items()
    ]
    model_wall = min(v[0] for k, v in best.items() if k.startswith("model"))
    model_cpu = min(v[1] for k, v in best.items() if k.startswith("model"))
    ours_wall, ours_cpu = best["our embedder"]
    rows.append(["  ours / the model's best", f"{model_wall / ours_wall:.0%}", f"{model_cpu / ours_cpu:.0%}", "", ">= 90%"])
    return [[f"throughput, {figures['model']}, {texts} statements (best of {repeats})", "", "", "", ""], *rows]


def median(runs, field: str) -> float:
    return statistics.median(getattr(r, field) for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", default="warm,cold,multilingual,throughput")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--statements", type=int, default=2000, help="for the throughput")
    parser.add_argument("--model", help="for the throughput: a sentence-transformers folder (default: the bundled model)")
    args = parser.parse_args()
    parts = args.only.split(",")
    print(f"machine: {machine()}")
    print(f"case: {CASE.relative_to(ROOT)} ({len(statements(CASE))} distinct statements)\n")
    rows: list[list[str]] = []
    if "warm" in parts:
        rows += warm(max(args.repeats, 3))
    if "cold" in parts:
        rows += cold(args.repeats)
    if "multilingual" in parts:
        rows += multilingual(args.repeats)
    if "throughput" in parts:
        rows += throughput(args.statements, args.repeats, args.model)
    print(table(["", "wall s", "CPU s", "peak MB", "target"], rows))
    print("\nwall: process start to exit; CPU: user + system of all its threads. The machine is")
    print("shared: compare the ratios, measured side by side, more than the absolute times.")


if __name__ == "__main__":
    main()
