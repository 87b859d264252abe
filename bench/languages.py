"""Alignment quality across languages, and how the multilingual mode's parameters were chosen.

    python bench/languages.py CASES_DIR            # e.g. the cross-language gold cases
    python bench/languages.py CASES_DIR --use      # also the multilingual USE, if installed

A case is a folder with left.txt, right.txt (one statement per line) and gold.json, as for
``../shared/eval/score.py``, which this scores like (pair F1 over the links, unique F1 over the
statements in no pair, micro-averaged over the cases). Each case's evidence is computed once
with the model chosen by its languages (through the embedding cache), then re-decided for every
setting of the grid. Leave-one-case-out: each case is scored with the values that do best (pair
F1 + unique F1) on all the other cases, so no case is scored with values chosen on it.

What is chosen: e5's cosine floor (the cosine mapped to 0, ``E5_COSINE_FLOOR``), with the
threshold at its default (one threshold for every model, so the app's +/- and a saved session
mean the same everywhere); then, to see what a threshold of its own would add, the floor and the
threshold together.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT  # noqa: E402

sys.path.insert(0, str(ROOT))
from common import Counts, score, total  # noqa: E402

from readout_tui.core.engine.cache import EmbeddingCache  # noqa: E402
from readout_tui.core.engine.decision import decide  # noqa: E402
from readout_tui.core.engine.embedder import make_embedder  # noqa: E402
from readout_tui.core.engine.embedders import E5_COSINE_FLOOR  # noqa: E402
from readout_tui.core.engine.evidence import Evidence  # noqa: E402
from readout_tui.core.engine.pipeline import collect  # noqa: E402
from readout_tui.core.engine.settings import AlignmentSettings  # noqa: E402
from readout_tui.core.io.loading import load_case  # noqa: E402

FLOORS = [round(0.70 + 0.01 * k, 2) for k in range(0, 17)]
THRESHOLDS = [round(0.14 + 0.02 * k, 2) for k in range(0, 14)]


def gold_pairs(case: Path) -> set[tuple[int, int]]:
    import json

    document = json.loads((case / "gold.json").read_text(encoding="utf-8"))
    return {(p["left"], p["right"]) for p in document["pairs"]}


def refloored(evidence: Evidence, floor: float | None, words_optional: bool | None = None) -> Evidence:
    """The same evidence with another cosine floor (or words counted as within one language),
    its reductions dropped so they are made again."""
    embeddings = evidence.embeddings
    if embeddings is not None and floor is not None:
        embeddings = replace(embeddings, floor=floor)
    optional = evidence.words_optional if words_optional is None else words_optional
    return replace(evidence, embeddings=embeddings, words_optional=optional, reaches={}, counterparts={})


def result(evidence: Evidence, gold: set, settings: AlignmentSettings) -> tuple[Counts, Counts]:
    found = {(p.left, p.right) for p in decide(evidence, settings).pairs}
    return score(gold, found, len(evidence.left), len(evidence.right))


def loo(table: dict, cases: list[Path], grid: list) -> tuple[tuple[float, float], Counter]:
    held_out, chosen = [], Counter()
    for case in cases:
        others = [c for c in cases if c != case]
        best = max(grid, key=lambda g: sum(total([table[g, c] for c in others])))
        chosen[best] += 1
        held_out.append(table[best, case])
    return total(held_out), chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("cases", type=Path, help="folder of case folders with gold.json")
    parser.add_argument("--use", action="store_true", help="also score the multilingual USE (--model use)")
    args = parser.parse_args()
    cases = sorted(p for p in args.cases.iterdir() if (p / "gold.json").exists())
    cache = EmbeddingCache()
    defaults = AlignmentSettings()
    gold = {case: gold_pairs(case) for case in cases}
    comparisons = {case: load_case(case, "lines") for case in cases}

    def gathered(model) -> dict[Path, Evidence]:
        return {c: collect(comparisons[c].left, comparisons[c].right, model, cache) for c in cases}

    auto = gathered(make_embedder(None))
    models = Counter(f"{e.model} ({e.languages.why})" for e in auto.values())
    print(f"{len(cases)} cases; models chosen by language: " + ", ".join(f"{m} x{n}" for m, n in models.items()))

    def line(label: str, figures: tuple[float, float], extra: str = "") -> None:
        print(f"  {label:62} pair F1 {figures[0]:.3f}  unique F1 {figures[1]:.3f}{extra}")

    print(f"in force (floor {E5_COSINE_FLOOR}, threshold {defaults.threshold}):")
    line("chosen by language (e5 here), as shipped", total([result(auto[c], gold[c], defaults) for c in cases]))
    line(
        "the same, shared words counted as within one language",
        total([result(refloored(auto[c], None, False), gold[c], defaults) for c in cases]),
    )
    line(
        "the same, cosines not rescaled (floor 0)",
        total([result(refloored(auto[c], 0.0), gold[c], defaults) for c in cases]),
    )
    minilm = gathered(make_embedder("all-MiniLM-L6-v2"))
    line("all-MiniLM-L6-v2 (falls back to shared words where it lacks a side)",
         total([result(minilm[c], gold[c], defaults) for c in cases]))
    lexical = gathered(None)
    line("shared words only (--lexical-only)", total([result(lexical[c], gold[c], defaults) for c in cases]))
    if args.use:
        use = gathered(make_embedder("use"))
        line("universal-sentence-encoder-multilingual-3 (--model use)",
             total([result(use[c], gold[c], defaults) for c in cases]))
        for t in (0.22, 0.26, 0.30, 0.34):
            line(f"  at threshold {t}", total([result(use[c], gold[c], replace(defaults, threshold=t)) for c in cases]))

    print("leave-one-case-out:")
    table = {
        ((f, t), c): result(refloored(auto[c], f), gold[c], replace(defaults, threshold=t))
        for f in FLOORS for t in THRESHOLDS for c in cases
    }
    figures, chosen = loo(table, cases, [(f, defaults.threshold) for f in FLOORS])
    line(f"floor, threshold at {defaults.threshold}", figures,
         "  (floor chosen: " + ", ".join(f"{f} in {n}" for (f, _), n in chosen.most_common()) + ")")
    figures, chosen = loo(table, cases, [(f, t) for f in FLOORS for t in THRESHOLDS])
    line("floor and threshold", figures,
         "  (chosen: " + ", ".join(f"{f}/{t} in {n}" for (f, t), n in chosen.most_common()) + ")")
    print("in-sample, threshold at its default, by floor (for the curve):")
    for f in FLOORS:
        line(f"  floor {f}", total([table[(f, defaults.threshold), c] for c in cases]))


if __name__ == "__main__":
    main()
