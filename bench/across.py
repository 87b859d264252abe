"""Does a second multilingual encoder help the two-language scorer? Measured, grouped by call.

    python bench/across.py                  # every variant, per case and in total
    python bench/across.py --english round4 # English: the fixtures and round 4 only (the 56 e5-across.json was first fitted on)
    python bench/across.py --english round4,round6,round7,round8 --corpora
                                            # the shipped decision fitted on the corpus the files were
                                            # fitted on against the whole corpus, on every case

The baseline is the shipped two-language scorer's protocol (``bench/learn.py --model e5
--signals cosine,centred --fit-xlang``): a logistic model over e5's plain and centred cosines
and their standing, fitted on the English cases and the cross-language cases of
``fixtures/gold/xlang``, each case scored by a model and a threshold fitted without its call.
Its figures on the 12 cross-language cases must come out as shipped before any variant counts.

Variants (each decided as the engine's learned ``decide`` does: a pair is proposed when its
probability reaches the threshold and it is among the ``CANDIDATES`` most probable partners of
either statement; checked against the engine on the baseline):

- ``use``: the multilingual Universal Sentence Encoder's cosine and centred cosine as two more
  signals, in a scorer fitted on the cases whose two languages USE covers (by the product's own
  language check); the e5-only scorer for the others.
- ``use-missing``: one scorer for every case, USE's signals zero and a missing-signal indicator
  set where it does not cover a side.
- ``mean``: e5's and USE's cosines, each standardised (mean and spread over every pair of the
  English cases), averaged into one signal, and the same for the centred ones; e5-only elsewhere.
- ``xlang-threshold``: the baseline's scorer, with the threshold for cross-language cases
  chosen on the other calls' cross-language cases only.
- ``mutual``: the baseline, and also a pair that is the most probable partner of both its
  statements at a lower threshold (chosen by call).
- ``weight``: the baseline with the cross-language cases weighted more in the fit (the weight
  chosen by call).
- ``4``: ``use`` with each scorer's threshold chosen on the other calls' cross-language cases;
  ``4'``, as shipped: the same where USE covers, the baseline unchanged elsewhere
  (``scorers/e5-use-across.json`` and ``e5-across.json``; docs/quality.md).

``--corpora``: only ``4'``, twice over the same cases: each scorer fitted (and its threshold
chosen) on the corpus its shipped file was fitted on (``FILES_CORPUS``), less the held-out
call, and on every case loaded, less the held-out call. Every cross-language case is scored
either way, so the first is the shipped files evaluated on the cases added since; the cases
are reported all together and by cross-language round (``meta.json``'s ``round``).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, f1  # noqa: E402

sys.path.insert(0, str(ROOT))
import learn  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from readout_tui.core.engine.cache import EmbeddingCache  # noqa: E402
from readout_tui.core.engine.embedder import embed, make_embedder  # noqa: E402
from readout_tui.core.engine.evidence import CANDIDATES, Embeddings, statement_vectors  # noqa: E402
from readout_tui.core.engine.pipeline import check_languages  # noqa: E402
from readout_tui.core.engine.scorer import PairScorer, Standing, feature_names, pair_features  # noqa: E402

THRESHOLDS = learn.THRESHOLDS
E5 = ("cosine", "centred")
BOTH = ("cosine", "centred", "second_cosine", "second_centred")
MEAN = ("mean_cosine", "mean_centred")


@dataclass
class Matrices:
    """One case's n x m signals, by name, and its gold."""

    case: learn.Case
    values: dict[str, np.ndarray]
    order: np.ndarray
    covered: bool
    """USE covers both sides' languages."""

    @property
    def path(self):
        return self.case.path


def matrices(case: learn.Case, use, cache) -> Matrices:
    full = case.evidence.signals()
    values = {"cosine": full.cosine, "centred": full.centred}
    covered = check_languages(case.evidence.left, case.evidence.right, use, cache).semantic_ok
    texts = [*case.evidence.left.texts, *case.evidence.right.texts]
    vectors = statement_vectors(texts, lambda t: embed(t, use, cache))
    n = len(case.evidence.left)
    values["second_cosine"], values["second_centred"] = Embeddings.of(vectors[:n], vectors[n:]).block(slice(None))
    return Matrices(case, values, full.order, covered)


def features(mat: Matrices, signals: tuple[str, ...], missing: bool = False) -> np.ndarray:
    """The scorer's features of every pair (n*m x k); ``missing``: with the indicator, USE's
    features zero where it does not cover the case."""
    chosen = {k: mat.values[k] for k in signals}
    rows = Standing.of_rows(chosen)
    columns = Standing.of_rows({k: v.T for k, v in chosen.items()})
    n, m = mat.order.shape
    left, right = (a.ravel() for a in np.indices((n, m)))
    feats = pair_features({k: v.ravel() for k, v in chosen.items()}, mat.order.ravel(), rows, columns, left, right, signals)
    x = np.stack([feats[name] for name in feature_names(signals)], axis=1)
    if missing:
        use = [k for k, name in enumerate(feature_names(signals)) if name.startswith("second_")]
        if not mat.covered:
            x[:, use] = 0
        x = np.hstack([x, np.full((len(x), 1), float(not mat.covered), np.float32)])
    return x


def labels(mat: Matrices) -> np.ndarray:
    n, m = mat.order.shape
    y = np.zeros(n * m)
    for i, j in mat.case.gold:
        y[i * m + j] = 1
    return y


def fit(x: np.ndarray, y: np.ndarray, weight: np.ndarray | None = None) -> PairScorer:
    scaler = StandardScaler().fit(x)
    model = LogisticRegression(C=1.0, max_iter=5000).fit(scaler.transform(x), y, sample_weight=weight)
    k = x.shape[1]
    return PairScorer(
        name="", signals=(), features=tuple(f"f{i}" for i in range(k)),
        centre=scaler.mean_.astype(np.float32), scale=scaler.scale_.astype(np.float32),
        weights=model.coef_[0].astype(np.float32), intercept=float(model.intercept_[0]),
        threshold=0.5, calibration=(np.array([0.0, 1.0]), np.array([0.0, 1.0])), doubt=learn.DOUBT,
    )


def probabilities(scorer: PairScorer, x: np.ndarray, shape) -> np.ndarray:
    return scorer.probability({f"f{i}": x[:, i] for i in range(x.shape[1])}).reshape(shape)


def top(p: np.ndarray, axis: int) -> np.ndarray:
    """Whether each pair is among the ``CANDIDATES`` most probable of its row (axis 1) or column
    (axis 0); of equal ones the first, as the engine keeps them."""
    q = p if axis == 1 else p.T
    order = np.argsort(-q, axis=1, kind="stable")
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(q.shape[1])[None, :].repeat(q.shape[0], 0), axis=1)
    kept = rank < CANDIDATES
    return kept if axis == 1 else kept.T


def decided(p: np.ndarray, t: float, mutual_t: float | None = None) -> set[tuple[int, int]]:
    found = (p >= np.float32(t)) & (top(p, 1) | top(p, 0))
    if mutual_t is not None:
        best = (p == p.max(axis=1, keepdims=True)) & (p == p.max(axis=0, keepdims=True))
        found |= best & (p >= np.float32(mutual_t))
    return set(zip(*map(lambda a: a.tolist(), np.nonzero(found))))


def nested(mats, table, chosen_on=lambda c, others: others):
    """Each group at the threshold (any key of ``table``'s second part) doing best on the other
    groups (``chosen_on`` narrows those for a case). Plain thresholds are chosen as
    ``bench/learn.py`` chooses the shipped one (``learn.best_threshold``, smoothed over its
    neighbours): the plain maximum flips between near-equal peaks as each call is left out."""
    groups = sorted({m.case.group for m in mats})
    keys = sorted({k for _, k in table})
    plain = keys == sorted(THRESHOLDS)
    out, picks = {}, {}
    for g in groups:
        for mat in (m for m in mats if m.case.group == g):
            others = chosen_on(mat, [o for o in mats if o.case.group != g])
            if plain:
                best = learn.best_threshold(others, table)
            else:
                best = max(keys, key=lambda k: sum(learn.total(table[o.path, k] for o in others)))
            out[mat.path] = table[mat.path, best]
            picks[mat.path] = best
    return out, picks


def out_of_fold(mats, signals, applies=lambda m: True, missing=False, weight_of=None, trains=lambda m: True):
    """Each case's out-of-fold probability matrix under a scorer fitted on the other calls'
    cases that ``applies`` to and that ``trains`` admits (cases it does not apply to get None)."""
    data = {m.path: (features(m, signals, missing), labels(m)) for m in mats}
    groups = sorted({m.case.group for m in mats})
    probs = {}
    for g in groups:
        train = [m for m in mats if m.case.group != g and applies(m) and trains(m)]
        x = np.concatenate([data[m.path][0] for m in train])
        y = np.concatenate([data[m.path][1] for m in train])
        w = None if weight_of is None else np.concatenate([np.full(len(data[m.path][1]), weight_of(m)) for m in train])
        scorer = fit(x, y, w)
        for m in mats:
            if m.case.group == g:
                probs[m.path] = probabilities(scorer, data[m.path][0], m.order.shape) if applies(m) else None
    return probs


def table_of(mats, probs, mutual=None):
    table = {}
    for m in mats:
        for t in THRESHOLDS:
            if mutual is None:
                table[m.path, t] = learn.counts(m.case, decided(probs[m.path], t))
            else:
                for mt in mutual:
                    if mt <= t:
                        table[m.path, (t, mt)] = learn.counts(m.case, decided(probs[m.path], t, mt))
    return table


def show(label: str, results: dict, mats, baseline: dict | None = None) -> None:
    xl = [m for m in mats if m.case.round == "xlang"]
    en = [m for m in mats if m.case.round != "xlang"]
    p_x, u_x = learn.total(results[m.path] for m in xl)
    p_e, u_e = learn.total(results[m.path] for m in en)
    pairs = tuple(sum(results[m.path][0][k] for m in xl) for k in range(3))
    tp, fp, fn = pairs
    print(f"{label:34s} xlang pair F1 {p_x:.3f} unique F1 {u_x:.3f} (P {tp / max(tp + fp, 1):.2f} R {tp / max(tp + fn, 1):.2f})"
          f" | English pair F1 {p_e:.3f} unique F1 {u_e:.3f}")


def per_case(columns: dict[str, dict], mats) -> None:
    xl = [m for m in mats if m.case.round == "xlang"]
    print("| case | USE covers | " + " | ".join(columns) + " |")
    print("|---|---|" + "---|" * len(columns))
    for m in xl:
        cells = []
        for results in columns.values():
            p, u = f1(results[m.path][0]), f1(results[m.path][1])
            cells.append(f"{p:.2f} / {u:.2f}")
        print(f"| {m.path.name} | {'yes' if m.covered else 'no'} | " + " | ".join(cells) + " |")
    cells = []
    for results in columns.values():
        p, u = learn.total(results[m.path] for m in xl)
        cells.append(f"**{p:.3f} / {u:.3f}**")
    print(f"| all {len(xl)} | | " + " | ".join(cells) + " |")
    for covered in (True, False):
        some = [m for m in xl if m.covered == covered]
        cells = [" / ".join(f"{v:.3f}" for v in learn.total(r[m.path] for m in some)) for r in columns.values()]
        print(f"| the {len(some)} {'USE covers' if covered else 'it does not'} | | " + " | ".join(cells) + " |")


def standardised_mean(mats) -> None:
    """``mean_cosine`` and ``mean_centred``: e5's and USE's signals standardised over every pair
    of the English cases (no labels), then averaged; e5's own where USE does not cover."""
    english = [m for m in mats if m.case.round != "xlang"]
    stats = {}
    for k in BOTH:
        allv = np.concatenate([m.values[k].ravel() for m in english])
        stats[k] = (float(allv.mean()), float(allv.std()))
    z = lambda m, k: (m.values[k] - stats[k][0]) / stats[k][1]  # noqa: E731
    for m in mats:
        for a, b, name in (("cosine", "second_cosine", "mean_cosine"), ("centred", "second_centred", "mean_centred")):
            m.values[name] = ((z(m, a) + z(m, b)) / 2 if m.covered else z(m, a)).astype(np.float32)


def xlang_round(m: Matrices) -> str:
    """The cross-language gold round of a case (``meta.json``), "" for an English one."""
    if m.case.round != "xlang":
        return ""
    return json.loads((m.path / "meta.json").read_text(encoding="utf-8")).get("round", "xlang")


def xlang_others(m, others, covered_only):
    """For a cross-language case, the other calls' cross-language cases (those USE covers
    with ``covered_only``); for an English one, all the others."""
    if m.case.round != "xlang":
        return others
    return [o for o in others if o.case.round == "xlang" and (o.covered or not covered_only)]


def as_shipped(mats, fits_e5=lambda m: True, fits_use=lambda m: True) -> dict:
    """``4'``: USE beside e5 where it covers both sides at the threshold chosen on the other
    calls' covered cross-language cases, ``e5-across.json``'s protocol elsewhere; each fitted
    and its threshold chosen only on the cases ``fits_e5`` / ``fits_use`` admit."""
    base_probs = out_of_fold(mats, E5, trains=fits_e5)
    base, base_picks = nested(mats, table_of(mats, base_probs), lambda m, others: [o for o in others if fits_e5(o)])
    print("  thresholds chosen for xlang USE does not cover:",
          sorted(base_picks[m.path] for m in mats if m.case.round == "xlang" and not m.covered))
    use_probs = out_of_fold(mats, BOTH, applies=lambda m: m.covered, trains=fits_use)
    use_mixed = {m.path: use_probs[m.path] if m.covered else base_probs[m.path] for m in mats}
    use_x, picks = nested(
        mats, table_of(mats, use_mixed), lambda m, o: [x for x in xlang_others(m, o, m.covered) if fits_use(x)]
    )
    print("  thresholds chosen for covered xlang:", sorted(picks[m.path] for m in mats if m.case.round == "xlang" and m.covered))
    return {m.path: (use_x if m.covered else base)[m.path] for m in mats}


_ENGLISH = ("fixtures", "round4", "round6", "round7", "round8", "round9", "round10", "round11", "round12", "round13")
_XLANG = ("xlang", "xlang-2", "xlang-3", "xlang-4", "xlang-5", "xlang-6", "xlang-7", "xlang-8", "xlang-9")
FILES_CORPUS = {
    "e5-across.json": (_ENGLISH, _XLANG),
    "e5-use-across.json": (
        _ENGLISH + tuple(f"round{k}" for k in range(14, 20)),
        _XLANG + tuple(f"xlang-{k}" for k in range(10, 16)),
    ),
}
"""The English rounds and the cross-language rounds each shipped two-language file was last
fitted on (``e5-use-across.json``: the cross-language cases of these that USE covers)."""


def corpora(mats) -> None:
    """The shipped decision fitted on the shipped files' corpus against the whole corpus."""
    rounds = {m.path: xlang_round(m) for m in mats}

    def fitted(name):
        english, xlang = FILES_CORPUS[name]
        return lambda m: m.case.round in english or rounds[m.path] in xlang

    columns = {
        "files' corpus": as_shipped(mats, fits_e5=fitted("e5-across.json"), fits_use=fitted("e5-use-across.json")),
        "whole corpus": as_shipped(mats),
    }
    xl = [m for m in mats if m.case.round == "xlang"]
    for label, results in columns.items():
        for name, some in [("all", xl)] + [(r, [m for m in xl if rounds[m.path] == r]) for r in sorted({rounds[m.path] for m in xl})]:
            tp, fp, fn = (sum(results[m.path][0][k] for m in some) for k in range(3))
            p, u = learn.total(results[m.path] for m in some)
            print(f"{label:14s} {name:8s} {len(some):2d} cases: pair F1 {p:.3f} unique F1 {u:.3f} "
                  f"(P {tp / max(tp + fp, 1):.2f} R {tp / max(tp + fn, 1):.2f})")
    per_case(columns, mats)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--english", default="round4,round6", help="which English rounds beside the fixtures")
    parser.add_argument("--check", action="store_true", help="check the dense decisions against the engine's")
    parser.add_argument("--corpora", action="store_true", help="only the shipped decision, on the files' corpus and on all")
    args = parser.parse_args()
    threadpool_limits(1)
    rounds = set(args.english.split(","))
    cache = EmbeddingCache()
    e5, use = make_embedder("e5"), make_embedder("use")
    paths = [(r, p) for r, p in learn.english_paths() if r == "fixtures" or r in rounds]
    cases = learn.load(paths, e5, cache) + learn.load(learn.xlang_paths(), e5, cache, words_optional=True)
    mats = [matrices(c, use, cache) for c in cases]
    standardised_mean(mats)
    xl = [m for m in mats if m.case.round == "xlang"]
    print(f"{len(mats)} cases, {len({m.case.group for m in mats})} calls; USE covers {sum(m.covered for m in xl)} "
          f"of the {len(xl)} cross-language cases")
    if args.corpora:
        corpora(mats)
        return

    columns = {}
    base_probs = out_of_fold(mats, E5)
    base_table = table_of(mats, base_probs)
    columns["e5 (baseline)"], base_t = nested(mats, base_table)
    show("baseline (e5 cosine, centred)", columns["e5 (baseline)"], mats)
    print("  thresholds chosen for xlang:", sorted({base_t[m.path] for m in xl}))
    if args.check:
        scorers = learn.cross_validate(cases, E5, {c.path: learn.dense_features(c, E5) for c in cases})[1]
        for m in mats:
            engine = {(p.left, p.right) for p in learn.decided(m.case, scorers[m.path], base_t[m.path])}
            assert engine == decided(base_probs[m.path], base_t[m.path]), m.path.name
        print("  dense decisions = the engine's, every case")

    # 1. USE as two more signals where it covers both sides; e5 alone elsewhere.
    use_probs = out_of_fold(mats, BOTH, applies=lambda m: m.covered)
    mixed = {m.path: use_probs[m.path] if m.covered else base_probs[m.path] for m in mats}
    mixed_table = table_of(mats, mixed)
    # The USE scorer's threshold is chosen on the cases it scores; e5's as the baseline's.
    columns["+USE where covered"], picks = nested(
        mats, mixed_table, lambda m, others: [o for o in others if o.covered == m.covered] if m.covered else others
    )
    for m in mats:
        if not m.covered:
            columns["+USE where covered"][m.path] = columns["e5 (baseline)"][m.path]
    show("1. +USE signals where covered", columns["+USE where covered"], mats)
    print("  thresholds chosen for covered xlang:", sorted({picks[m.path] for m in xl if m.covered}))

    # 1b. One scorer, a missing-signal indicator.
    miss_probs = out_of_fold(mats, BOTH, missing=True)
    columns["+USE, indicator"], _ = nested(mats, table_of(mats, miss_probs))
    show("1b. +USE, missing indicator", columns["+USE, indicator"], mats)

    # 2. Averaged standardised cosines, e5 alone elsewhere.
    mean_probs = out_of_fold(mats, MEAN, applies=lambda m: m.covered)
    mixed = {m.path: mean_probs[m.path] if m.covered else base_probs[m.path] for m in mats}
    columns["mean of the two"], _ = nested(
        mats, table_of(mats, mixed), lambda m, others: [o for o in others if o.covered == m.covered] if m.covered else others
    )
    for m in mats:
        if not m.covered:
            columns["mean of the two"][m.path] = columns["e5 (baseline)"][m.path]
    show("2. mean of standardised cosines", columns["mean of the two"], mats)
    # 2b. The same signal for every case (e5's alone where USE does not cover), one scorer.
    mean_all = out_of_fold(mats, MEAN)
    columns["mean, one scorer"], _ = nested(mats, table_of(mats, mean_all))
    show("2b. mean, one scorer for all", columns["mean, one scorer"], mats)

    # 3a. Threshold for cross-language cases chosen on the other calls' cross-language cases.
    columns["xlang threshold"], picks = nested(
        mats, base_table, lambda m, others: [o for o in others if o.case.round == "xlang"] if m.case.round == "xlang" else others
    )
    show("3a. baseline, xlang's own threshold", columns["xlang threshold"], mats)
    print("  thresholds chosen for xlang:", sorted(picks[m.path] for m in xl))
    # The same with USE where covered.
    use_mixed = {m.path: use_probs[m.path] if m.covered else base_probs[m.path] for m in mats}
    columns["+USE, xlang threshold"], picks = nested(
        mats, table_of(mats, use_mixed),
        lambda m, others: [o for o in others if o.case.round == "xlang" and o.covered == m.covered] if m.case.round == "xlang" else others,
    )
    show("3a'. +USE, xlang's own threshold", columns["+USE, xlang threshold"], mats)

    # 4. USE where covered and the cross-language threshold: each scorer's threshold chosen on
    # the other calls' cross-language cases it would score (e5's on all of them: its
    # probabilities are defined on every case).
    use_x, picks = nested(mats, table_of(mats, use_mixed), lambda m, o: xlang_others(m, o, m.covered))
    base_x, base_picks = nested(mats, base_table, lambda m, o: xlang_others(m, o, False))
    columns["+USE where covered, xlang thresholds"] = {m.path: (use_x if m.covered else base_x)[m.path] for m in mats}
    show("4. +USE where covered, xlang thr.", columns["+USE where covered, xlang thresholds"], mats)
    print("  thresholds chosen for covered xlang:", sorted(picks[m.path] for m in xl if m.covered),
          "uncovered:", sorted(base_picks[m.path] for m in xl if not m.covered))
    # 4'. As shipped: USE beside e5 where it covers both sides, at the cross-language threshold;
    # elsewhere the two-language e5 scorer as it was (the threshold chosen on every call).
    columns["shipped: +USE where covered, xlang threshold"] = {
        m.path: (use_x if m.covered else columns["e5 (baseline)"])[m.path] for m in mats
    }
    show("4'. as shipped", columns["shipped: +USE where covered, xlang threshold"], mats)
    columns["+USE, indicator, xlang threshold"], picks = nested(
        mats, table_of(mats, miss_probs), lambda m, o: xlang_others(m, o, False)
    )
    show("4b. +USE indicator, xlang thr.", columns["+USE, indicator, xlang threshold"], mats)
    print("  thresholds chosen for xlang:", sorted(picks[m.path] for m in xl))
    mean_mixed = {m.path: mean_probs[m.path] if m.covered else base_probs[m.path] for m in mats}
    mean_x, _ = nested(mats, table_of(mats, mean_mixed), lambda m, o: xlang_others(m, o, m.covered))
    columns["mean, xlang thresholds"] = {m.path: (mean_x if m.covered else base_x)[m.path] for m in mats}
    show("4c. mean where covered, xlang thr.", columns["mean, xlang thresholds"], mats)

    # 3b. Mutual best at a lower threshold (both thresholds chosen by call).
    mutual_table = table_of(mats, base_probs, mutual=[0.1, 0.15, 0.2, 0.25, 0.3, 1.0])
    columns["mutual best"], picks = nested(mats, mutual_table)
    show("3b. + mutual best, lower threshold", columns["mutual best"], mats)
    print("  chosen for xlang:", sorted({picks[m.path] for m in xl}))
    columns["mutual best, xlang"], picks = nested(
        mats, mutual_table, lambda m, others: [o for o in others if o.case.round == "xlang"] if m.case.round == "xlang" else others
    )
    show("3b'. the same, chosen on xlang", columns["mutual best, xlang"], mats)
    print("  chosen for xlang:", sorted({picks[m.path] for m in xl}))

    # 3c. Cross-language cases weighted more in the fit (weight chosen by call, threshold too).
    weighted = {}
    for w in (1, 3, 10):
        probs = out_of_fold(mats, E5, weight_of=lambda m, w=w: w if m.case.round == "xlang" else 1)
        for key, value in table_of(mats, probs).items():
            weighted[key[0], (w, key[1])] = value
    columns["xlang weighted"], picks = nested(
        mats, weighted, lambda m, others: [o for o in others if o.case.round == "xlang"] if m.case.round == "xlang" else others
    )
    show("3c. xlang weighted, chosen on xlang", columns["xlang weighted"], mats)
    print("  chosen for xlang:", sorted({picks[m.path] for m in xl}))

    per_case(columns, mats)


if __name__ == "__main__":
    main()
