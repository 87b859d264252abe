"""Two encoders' pair signals side by side on the English corpus: is the encoder the limit?

    python bench/encoders.py --against FOLDER              # the bundled model against a folder's model
    python bench/encoders.py --model A --against B --resamples 2000

For each model, over the 76 English cases of ``bench/learn.py`` (the final round is not read):

- how well its own cosine tells the gold pairs from the other pairs of a case, before any
  scorer: ROC AUC over every pair, and how often a gold pair is the best of its left
  statement's row, and the best of both its row and its column;
- the same for the learned scorer's probability out of fold (leave-one-call-out, as
  ``bench/learn.py`` fits it) and its grouped pair F1 and unique F1 (threshold chosen on the
  other calls);
- the learned scorer fitted and scored on every case, no validation: what the method reaches
  with these features on the cases it saw.

Then the difference between the two models' grouped figures with a 95% interval from a paired
bootstrap over calls (both models scored on the same resampled calls).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import total  # noqa: E402
from learn import (  # noqa: E402
    counts,
    cross_validate,
    decided,
    dense_features,
    english_paths,
    fit,
    load,
    nested,
    pooled_threshold,
)
from sklearn.metrics import roc_auc_score  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from readout_tui.core.engine.cache import EmbeddingCache  # noqa: E402
from readout_tui.core.engine.embedder import DEFAULT_MODEL, make_embedder  # noqa: E402
from readout_tui.core.engine.scorer import SIGNALS, feature_names  # noqa: E402


def best_rates(cases, matrix_of) -> tuple[float, float]:
    """Of the gold pairs: the share that is its row's best, and its row's and column's best."""
    row = both = gold = 0
    for c in cases:
        m = matrix_of(c)
        for i, j in c.gold:
            gold += 1
            row += m[i].argmax() == j
            both += m[i].argmax() == j and m[:, j].argmax() == i
    return row / gold, both / gold


def measure(model: str, cache: EmbeddingCache) -> dict:
    embedder = make_embedder(model)
    cases = load(english_paths(), embedder, cache)
    data = {c.path: dense_features(c, SIGNALS) for c in cases}
    names = feature_names(SIGNALS)
    cosine = lambda c: c.evidence.signals().cosine  # noqa: E731
    labels = np.concatenate([data[c.path][1] for c in cases])
    raw = np.concatenate([cosine(c).ravel() for c in cases])

    groups, scorers, table = cross_validate(cases, SIGNALS, data)
    results, chosen = nested(cases, groups, table)
    found = {c.path: {(p.left, p.right) for p in decided(c, scorers[c.path], chosen[c.path])} for c in cases}
    by_case = dict(zip([c.path for g in groups for c in cases if c.group == g], results))

    def probabilities(c):
        x = data[c.path][0]
        return scorers[c.path].probability({name: x[:, k] for k, name in enumerate(names)}).reshape(c.shape)

    learned = np.concatenate([probabilities(c).ravel() for c in cases])
    everything = fit(cases, SIGNALS, data)
    threshold = pooled_threshold(cases, table)
    seen = [counts(c, {(p.left, p.right) for p in decided(c, everything, threshold)}) for c in cases]
    return {
        "name": Path(embedder.name).name,
        "cases": cases,
        "by_case": by_case,
        "found": found,
        "rows": [
            ("cosine alone: ROC AUC over every pair", f"{roc_auc_score(labels, raw):.3f}"),
            ("cosine alone: gold pair its row's best / mutual best", "{:.1%} / {:.1%}".format(*best_rates(cases, cosine))),
            ("learned, out of fold: ROC AUC", f"{roc_auc_score(labels, learned):.3f}"),
            ("learned, out of fold: row's best / mutual best", "{:.1%} / {:.1%}".format(*best_rates(cases, probabilities))),
            ("learned, leave-one-call-out: pair F1 / unique F1", "{:.3f} / {:.3f}".format(*total(results))),
            ("learned, fitted and scored on all: pair F1 / unique F1", "{:.3f} / {:.3f} at {}".format(*total(seen), threshold)),
        ],
    }


def overlap(first: dict, second: dict) -> list[str]:
    """Are the two models' errors the same ones? Gold pairs missed, and false pairs proposed,
    by both models or by one only (out of fold, at the thresholds chosen by call)."""
    missed, false = [0, 0, 0], [0, 0, 0]  # both, the first only, the second only
    # Of the gold pairs both miss: in a one-to-many group; the partner among the first three
    # of its row or its column by each model's cosine (the encoder ranked it, the decision dropped it).
    grouped, near = 0, [0, 0]
    other = {c.path: c for c in second["cases"]}
    for c in first["cases"]:
        a, b = first["found"][c.path], second["found"][c.path]
        for i, j in c.gold - a - b:
            grouped += sum(i == k for k, _ in c.gold) > 1 or sum(j == k for _, k in c.gold) > 1
            for k, cosine in enumerate(x.evidence.signals().cosine for x in (c, other[c.path])):
                near[k] += min((cosine[i] > cosine[i, j]).sum(), (cosine[:, j] > cosine[i, j]).sum()) < 3
        for pair in c.gold | a | b:
            out = [pair not in a, pair not in b] if pair in c.gold else [pair in a, pair in b]
            tally = missed if pair in c.gold else false
            if all(out):
                tally[0] += 1
            elif out[0] or out[1]:
                tally[1 if out[0] else 2] += 1
    gold = sum(len(c.gold) for c in first["cases"])
    return [
        f"gold pairs ({gold}) missed by both {missed[0]}, by {first['name']} only {missed[1]}, by {second['name']} only {missed[2]}",
        f"false pairs proposed by both {false[0]}, by {first['name']} only {false[1]}, by {second['name']} only {false[2]}",
        f"of the {missed[0]} missed by both: {grouped} in a one-to-many group of the gold; the partner among the first "
        f"three of its row or column by cosine: {near[0]} ({first['name']}), {near[1]} ({second['name']})",
    ]


def bootstrap(first: dict, second: dict, resamples: int) -> list[str]:
    """95% intervals of second minus first, resampling calls (every case of a call together)."""
    calls: dict[str, list[Path]] = {}
    for c in first["cases"]:
        calls.setdefault(c.group, []).append(c.path)
    keys = sorted(calls)
    rng = np.random.default_rng(0)

    def figures(run, picked):
        return total(run["by_case"][p] for k in picked for p in calls[k])

    observed = np.subtract(figures(second, keys), figures(first, keys))
    draws = np.array([
        np.subtract(figures(second, picked), figures(first, picked))
        for picked in ([keys[k] for k in rng.integers(0, len(keys), len(keys))] for _ in range(resamples))
    ])
    low, high = np.percentile(draws, [2.5, 97.5], axis=0)
    return [
        f"{what}: {observed[k]:+.3f} (95% {low[k]:+.3f} to {high[k]:+.3f}; {np.mean(draws[:, k] > 0):.0%} of resamples above 0)"
        for k, what in enumerate(("pair F1", "unique F1"))
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default=DEFAULT_MODEL, help="the first model (default: the bundled model)")
    parser.add_argument("--against", required=True, help="the second: e5, use, or a sentence-transformers folder")
    parser.add_argument("--resamples", type=int, default=2000)
    args = parser.parse_args()
    threadpool_limits(1)  # as bench/learn.py: many small fits
    cache = EmbeddingCache()
    first, second = measure(args.model, cache), measure(args.against, cache)
    print(f"{len(first['cases'])} English cases; {first['name']} | {second['name']}")
    width = max(len(label) for label, _ in first["rows"])
    for (label, a), (_, b) in zip(first["rows"], second["rows"]):
        print(f"{label.ljust(width)}  {a.ljust(22)}  {b}")
    # A statement with several partners in the gold can have only one of them as its best.
    cases = first["cases"]
    print(f"(gold pairs that can be their row's best, one per row: {sum(len({i for i, _ in c.gold}) for c in cases) / sum(len(c.gold) for c in cases):.1%})")
    for line in overlap(first, second):
        print(line)
    print(f"{second['name']} less {first['name']}, leave-one-call-out, paired bootstrap over calls ({args.resamples}):")
    for line in bootstrap(first, second, args.resamples):
        print(f"  {line}")


if __name__ == "__main__":
    main()
