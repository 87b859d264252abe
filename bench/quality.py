"""Alignment quality of the hand-set scores on the fixture cases with gold, and how their parameters were chosen.

    python bench/quality.py               # English cases: defaults, then leave-one-case-out
    python bench/quality.py --lexical     # the same for shared words alone
    python bench/quality.py --model DIR   # the same with a sentence-transformers folder's vectors

Scores as ``../shared/eval/score.py`` does (pair F1 over the links, unique F1 over the
statements in no pair, micro-averaged over the cases), one statement per line. Leave-one-case-
out: each case is scored with the parameters that do best (pair F1 + unique F1) on all the
other cases, so no case is scored with values chosen on it. The evidence of each case is
computed once with the bundled model (through the embedding cache) and re-decided for every
setting of the grid, which is what lets the whole search run in a minute.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, Counts, score, total  # noqa: E402

sys.path.insert(0, str(ROOT))
from readout_tui.core.engine.cache import EmbeddingCache
from readout_tui.core.engine.decision import decide  # noqa: E402
from readout_tui.core.engine.embedder import SentenceTransformerEmbedder  # noqa: E402
from readout_tui.core.engine.pipeline import collect  # noqa: E402
from readout_tui.core.engine.settings import HAND_SET_THRESHOLD, AlignmentSettings  # noqa: E402
from readout_tui.core.io.loading import load_case  # noqa: E402


def english_cases() -> list[Path]:
    return sorted(
        p for p in (ROOT / "fixtures").iterdir()
        if (p / "gold.json").exists() and not p.name.endswith(("-id", "-ru"))
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lexical", action="store_true", help="shared words alone, no model")
    parser.add_argument("--model", help="a sentence-transformers folder (default: the bundled model)")
    args = parser.parse_args()
    embedder = None if args.lexical else SentenceTransformerEmbedder(args.model)
    cache = EmbeddingCache()
    cases = english_cases()
    evidence, gold = {}, {}
    for case in cases:
        comparison = load_case(case, "lines")
        # The hand-set scores: learned ones are fitted and validated by bench/learn.py.
        evidence[case] = replace(collect(comparison.left, comparison.right, embedder, cache), scorer=None, reaches={})
        document = json.loads((case / "gold.json").read_text(encoding="utf-8"))
        gold[case] = {(p["left"], p["right"]) for p in document["pairs"]}

    def results(settings: AlignmentSettings, some: list[Path]) -> list[tuple[Counts, Counts]]:
        out = []
        for case in some:
            found = {(p.left, p.right) for p in decide(evidence[case], settings).pairs}
            out.append(score(gold[case], found, len(evidence[case].left), len(evidence[case].right)))
        return out

    defaults = AlignmentSettings(threshold=HAND_SET_THRESHOLD)
    field = "lexical_threshold" if args.lexical else "threshold"
    thresholds = [round(0.01 * k, 2) for k in range(3, 12)] if args.lexical else [
        round(0.01 * k, 2) for k in range(22, 31)
    ]
    weights = [0.0, 0.05, 0.1, 0.15, 0.2]
    print(f"{len(cases)} English cases; model: {'none (shared words only)' if args.lexical else embedder.name}")
    print("defaults ({}={}, order_weight={}): pair F1 {:.3f}, unique F1 {:.3f}".format(
        field, getattr(defaults, field), defaults.order_weight, *total(results(defaults, cases))))
    for label, grid in (
        ("threshold only, order weight at its default",
         [replace(defaults, **{field: t}) for t in thresholds]),
        ("threshold and order weight",
         [replace(defaults, **{field: t, "order_weight": w}) for t in thresholds for w in weights]),
    ):
        table = {(s, case): results(s, [case])[0] for s in grid for case in cases}
        held_out, chosen = [], Counter()
        for case in cases:
            others = [c for c in cases if c != case]
            best = max(grid, key=lambda s: sum(total([table[s, c] for c in others])))
            chosen[(getattr(best, field), best.order_weight)] += 1
            held_out.append(table[best, case])
        picks = ", ".join(f"{t}/{w} in {n}" for (t, w), n in chosen.most_common())
        print("leave-one-case-out, {}: pair F1 {:.3f}, unique F1 {:.3f} (chosen {}/order weight: {})".format(
            label, *total(held_out), field, picks))


if __name__ == "__main__":
    main()
