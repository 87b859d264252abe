"""Research: a kind model for pairs not both in English, from signals that exist across languages.

    python bench/kind_across.py [--found FOLDER]

The shipped kind models read English framing words, so two accounts not both in English get the
score's rule ("told differently" under ``match_threshold``). Here a logistic model over what any
language has is fitted on the English gold pairs (embedded with e5), on the cross-language gold
pairs, or on both, and validated leave-one-call-out over the cross-language cases of
``fixtures/gold/xlang``: no held-out pair is told by a model fitted on its call (the English
telling of the same call is left out too). Signals of a pair (e5's vectors):

- ``cosine``, ``centred``: e5's plain (rescaled) and centred cosine;
- ``probability``: the pair's probability under e5's two-cosine scorer fitted without its call;
- ``length``: |log| of the ratio of each statement's length to its own account's median length
  (characters mean different things in Chinese and in Russian; a side's own median does not);
- ``order``: the distance in reading order;
- ``subject``: the element-wise product of the two vectors on a few principal axes fitted with
  the model (as ``kind-minilm.json`` reads MiniLM's).

``--found FOLDER``: the ``readout-tui compare ... --format json`` output of each case (named
after it): accuracy is also given on the pairs found there that are in the gold, against the
score's rule (the ``kind`` in that output) and the majority guess.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import learn  # noqa: E402
from sklearn.decomposition import PCA  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from readout_tui.core.engine.cache import EmbeddingCache  # noqa: E402
from readout_tui.core.engine.embedder import make_embedder  # noqa: E402
from readout_tui.core.engine.kind import (  # noqa: E402
    ACROSS_FEATURES,
    AcrossKindModel,
    across_values,
    statement_lengths,
    subjects,
)

E5 = ("cosine", "centred")
CORE = ("cosine", "centred", "length")
VARIANTS = [
    ("cosines", ("cosine", "centred"), 0),
    ("cosines, probability", ("cosine", "centred", "probability"), 0),
    ("cosines, length, order", ("cosine", "centred", "length", "order"), 0),
    ("subject on 4 axes", ("subject",), 4),
    ("cosines, probability, length + subject 4", ("cosine", "centred", "probability", "length", "subject"), 4),
    ("cosines, length + subject 4", (*CORE, "subject"), 4),
    ("cosines, length + subject 8", (*CORE, "subject"), 8),
    ("cosines, length, order + subject 4", (*CORE, "order", "subject"), 4),
    ("cosines, length + subject 16", (*CORE, "subject"), 16),
]
CANDIDATES = [
    ("subject 4", ("subject",), 4, "english"),
    ("subject 4", ("subject",), 4, "both"),
    ("cosines, length + subject 4", (*CORE, "subject"), 4, "english"),
    ("cosines, length + subject 4", (*CORE, "subject"), 4, "both"),
    ("cosines, length + subject 4", (*CORE, "subject"), 4, "xlang"),
    ("cosines, length + subject 8", (*CORE, "subject"), 8, "both"),
]
"""What the nested choice picks from, by call: no signal that differs in scale between the scorers
(the probability: e5-use-across's threshold is not e5-across's)."""
SHIPPED = CANDIDATES[3]
"""The candidate the nested choice picked in 25 of 28 folds (docs/quality.md)."""
SCORERS = ("e5", "e5-across", "e5-use-across")
"""The scorers whose pairs ``scorers/across-kind-e5.json`` tells: their vectors are e5's."""


def out_of_fold_probability(cases: list[learn.Case]) -> dict:
    """Each case's probability matrix under e5's two-cosine scorer fitted without its call."""
    data = {c.path: learn.dense_features(c, E5) for c in cases}
    out = {}
    for g in sorted({c.group for c in cases}):
        scorer = learn.fit([c for c in cases if c.group != g], E5, data)
        for c in (c for c in cases if c.group == g):
            x = data[c.path][0]
            out[c.path] = scorer.probability({name: x[:, k] for k, name in enumerate(scorer.features)}).reshape(c.shape)
    return out


def rows_of(case: learn.Case, probability: np.ndarray) -> list[dict]:
    full = case.evidence.signals()
    vl, vr = case.evidence.embeddings.left, case.evidence.embeddings.right
    lengths = statement_lengths(case.evidence.left.texts, case.evidence.right.texts)
    pairs = np.array(sorted(case.diverge), np.intp).reshape(-1, 2)
    # As the engine reads them (kind.across_values): cosine, centred, length.
    values = across_values(vl, vr, lengths, pairs, full.cosine[pairs[:, 0], pairs[:, 1]])
    n, m = case.shape
    rows = []
    for (i, j), (cosine, centred, length) in zip(pairs.tolist(), values):
        rows.append({
            "case": case.path.name, "pair": (i, j), "group": case.group, "xlang": case.round == "xlang",
            "diverge": case.diverge[(i, j)],
            "cosine": [cosine], "centred": [centred], "probability": [probability[i, j]], "length": [length],
            "order": [abs(i / max(n - 1, 1) - j / max(m - 1, 1))],
            "subject": subjects(vl[i], vr[j]),
        })
    return rows


def fit(train: list[dict], parts: tuple[str, ...], axes: int, c: float = 1.0):
    """(matrix of rows, scaler, logistic model, PCA) fitted on ``train``'s pairs; the subject,
    when read, on ``axes`` principal axes fitted on them (the PCA; else None)."""
    pca = PCA(axes, random_state=0).fit(np.array([r["subject"] for r in train])) if "subject" in parts and axes else None

    def matrix(rows):
        cols = [np.array([r[p] for r in rows], float) for p in parts if p != "subject"]
        if pca is not None:
            cols.append(pca.transform(np.array([r["subject"] for r in rows])))
        return np.hstack(cols)

    x = matrix(train)
    scaler = StandardScaler().fit(x)
    model = LogisticRegression(C=c, max_iter=5000).fit(scaler.transform(x), [r["diverge"] for r in train])
    return matrix, scaler, model, pca


def predict(train: list[dict], test: list[dict], parts: tuple[str, ...], axes: int, c: float = 1.0) -> np.ndarray:
    matrix, scaler, model, _ = fit(train, parts, axes, c)
    return model.predict(scaler.transform(matrix(test))).astype(bool)


def shipped(rows: list[dict]) -> AcrossKindModel:
    """``SHIPPED`` fitted on every gold pair, as the engine reads it."""
    _, parts, axes, fit_on = SHIPPED
    assert fit_on == "both" and parts == (*ACROSS_FEATURES, "subject")
    _, scaler, model, pca = fit(rows, parts, axes)
    return AcrossKindModel(
        scaler.mean_, scaler.scale_, model.coef_[0], float(model.intercept_[0]), 0.5,
        pca.components_, pca.mean_, SCORERS,
    )


def validate(rows: list[dict], parts, axes, fit_on: str, c: float = 1.0, only: str | None = None) -> dict:
    """Each cross-language gold pair's out-of-fold kind (by case and pair); ``only``: of that call."""
    out = {}
    for g in [only] if only else sorted({r["group"] for r in rows if r["xlang"]}):
        train = [r for r in rows if r["group"] != g and (fit_on == "both" or r["xlang"] == (fit_on == "xlang"))]
        test = [r for r in rows if r["group"] == g and r["xlang"]]
        for r, d in zip(test, predict(train, test, parts, axes, c)):
            out[r["case"], r["pair"]] = bool(d)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--found", help="a folder of each case's compare JSON: also score the pairs found there")
    parser.add_argument("--write", action="store_true", help="write scorers/across-kind-e5.json, fitted on every pair")
    parser.add_argument("--quick", action="store_true", help="only the shipped candidate, no grid or nested choice")
    args = parser.parse_args()
    threadpool_limits(1)
    e5, cache = make_embedder("e5"), EmbeddingCache()
    cases = learn.load(learn.english_paths(), e5, cache) + learn.load(learn.xlang_paths(), e5, cache, words_optional=True)
    probability = out_of_fold_probability(cases)
    rows = [r for c in cases for r in rows_of(c, probability[c.path])]
    xl = [r for r in rows if r["xlang"]]
    gold = {(r["case"], r["pair"]): r["diverge"] for r in xl}
    share = np.mean(list(gold.values()))
    print(f"{len(rows)} gold pairs, {len(xl)} of them in {len({r['case'] for r in xl})} cross-language cases "
          f"({share:.1%} told differently); {len({r['group'] for r in xl})} calls")
    found = rule = None
    if args.found:
        found, rule = {}, {}
        for case in sorted({r["case"] for r in xl}):
            result = json.loads((Path(args.found) / f"{case}.json").read_text(encoding="utf-8"))
            for p in result["pairs"]:
                key = (case, (p["left"], p["right"]))
                if key in gold:
                    found[key] = gold[key]
                    rule[key] = p["kind"] != "match"
        right = sum(rule[k] == found[k] for k in found)
        f_share = np.mean(list(found.values()))
        print(f"found in the gold: {len(found)}; majority {max(f_share, 1 - f_share):.1%}; "
              f"the score's rule {right / len(found):.1%} (says 'told differently' for {sum(rule.values())})")
    print(f"majority on all: {max(share, 1 - share):.1%}")
    if args.write:
        target = learn.ROOT / "readout_tui" / "core" / "engine" / "scorers" / "across-kind-e5.json"
        model = shipped(rows)
        target.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {target.relative_to(learn.ROOT)}; weights", np.round(model.weights, 2).tolist())
    told = validate(rows, SHIPPED[1], SHIPPED[2], SHIPPED[3])
    print(f"{SHIPPED[0]} ({SHIPPED[3]}), leave-one-call-out: {np.mean([told[k] == gold[k] for k in gold]):.1%} of all"
          + ("" if found is None else f"; {np.mean([told[k] == found[k] for k in found]):.1%} of the found"))
    one_language(rows, e5, cache, args.found)
    if args.quick:
        return
    print("| signals | fitted on | all xlang gold pairs | found in the gold |\n|---|---|---|---|")
    for label, parts, axes in VARIANTS:
        for fit_on in ("english", "xlang", "both"):
            told = validate(rows, parts, axes, fit_on)
            on_all = np.mean([told[k] == gold[k] for k in gold])
            on_found = "" if found is None else f"{np.mean([told[k] == found[k] for k in found]):.1%}"
            print(f"| {label} | {fit_on} | {on_all:.1%} | {on_found} |", flush=True)
    told, picks = nested(rows)
    print("nested choice per held-out call:", {k: picks.count(k) for k in sorted(set(picks))})
    print(f"nested: {np.mean([told[k] == gold[k] for k in gold]):.1%} of all {len(gold)} (majority {max(share, 1 - share):.1%})")
    call_of = {r["case"]: r["group"] for r in xl}
    resampled("all gold pairs", told, gold, None, call_of)
    if found is not None:
        resampled(f"the {len(found)} found", told, found, rule, call_of)


def resampled(label: str, told: dict, truth: dict, rule: dict | None, call_of: dict) -> None:
    """Accuracy of ``told`` against the score's rule (None: not known, the pairs were not all
    found) and always "agree", and the gains with the calls resampled (2,000 times): is the gain
    more than which calls happen to be in the corpus?"""
    by_call = {}
    for k, d in truth.items():
        by_call.setdefault(call_of[k[0]], []).append((told[k] == d, rule is not None and rule[k] == d, not d))
    model, ruled, agree = (np.mean([v[i] for vs in by_call.values() for v in vs]) for i in range(3))
    print(f"{label}: {model:.1%} ({'' if rule is None else f'rule {ruled:.1%}, '}always 'agree' {agree:.1%})")
    calls = list(by_call)
    rng = np.random.default_rng(0)
    gains = {"always 'agree'": []} if rule is None else {"rule": [], "always 'agree'": []}
    for _ in range(2000):
        a = np.array([v for c in rng.choice(calls, len(calls)) for v in by_call[c]], float)
        if rule is not None:
            gains["rule"].append(a[:, 0].mean() - a[:, 1].mean())
        gains["always 'agree'"].append(a[:, 0].mean() - a[:, 2].mean())
    for name, g in gains.items():
        low, high = np.percentile(g, [2.5, 97.5])
        print(f"  gain over {name}, calls resampled: {np.mean(g):+.1%} (95% {low:+.1%} to {high:+.1%})")
    wins = sum(np.mean([v[0] for v in vs]) > np.mean([v[2] for v in vs]) for vs in by_call.values())
    losses = sum(np.mean([v[0] for v in vs]) < np.mean([v[2] for v in vs]) for vs in by_call.values())
    print(f"  calls where it beats / loses to always 'agree': {wins} / {losses} of {len(by_call)}")


def one_language(rows: list[dict], e5, cache, found_in: str | None) -> None:
    """The shipped candidate on the Russian and Indonesian fixtures (one language on both sides,
    not English), fitted without their call; the pairs found there against the score's rule."""
    paths = [("one", learn.ROOT / "fixtures" / f"netanyahu-putin-2023-12-10-{code}") for code in ("ru", "id")]
    for case in learn.load(paths, e5, cache):
        test = rows_of(case, np.zeros(case.shape))
        train = [r for r in rows if r["group"] != case.group]
        told = dict(zip([r["pair"] for r in test], predict(train, test, SHIPPED[1], SHIPPED[2])))
        right = sum(told[r["pair"]] == r["diverge"] for r in test)
        line = f"{case.path.name}: {right} of {len(test)} gold pairs"
        if found_in:
            result = json.loads((Path(found_in) / f"{case.path.name}.json").read_text(encoding="utf-8"))
            hits = [(p, (p["left"], p["right"])) for p in result["pairs"] if (p["left"], p["right"]) in case.diverge]
            model = sum(told[k] == case.diverge[k] for _, k in hits)
            rule = sum((p["kind"] != "match") == case.diverge[k] for p, k in hits)
            agree = sum(not case.diverge[k] for _, k in hits)
            line += f"; of the {len(hits)} found in the gold: model {model}, rule {rule}, 'agree' {agree}"
        print(line)


def nested(rows: list[dict]) -> tuple[dict, list]:
    """Each held-out call told by the candidate (signals, corpus) doing best, leave-one-call-out,
    on the other calls' cross-language pairs."""
    told, picks = {}, []
    calls = sorted({r["group"] for r in rows if r["xlang"]})
    for g in calls:
        inner = [r for r in rows if r["group"] != g]

        def score(candidate, inner=inner):
            label, parts, axes, fit_on = candidate
            t = validate(inner, parts, axes, fit_on)
            return np.mean([t[r["case"], r["pair"]] == r["diverge"] for r in inner if r["xlang"]])

        best = max(CANDIDATES, key=score)
        picks.append(f"{best[0]} ({best[3]})")
        told.update(validate(rows, best[1], best[2], best[3], only=g))
    return told, picks


if __name__ == "__main__":
    main()
