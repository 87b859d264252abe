"""Fit the learned pair scorer on the annotated readouts, validate it grouped by call, and ship it.

    python bench/learn.py                       # cross-validate, print figures and the reliability table
    python bench/learn.py --write               # ... and write readout_tui/core/engine/scorers/minilm-readouts.json
    python bench/learn.py --model all-MiniLM-L6-v2 --name minilm.json --write --kind   # the stock model's
    python bench/learn.py --final               # ... and score the final round (report it last, tune nothing on it)
    python bench/learn.py --model PATH --signals cosine,centred --name NAME.json
    python bench/learn.py --model e5 --signals cosine,centred --fit-xlang --name e5-across.json
    python bench/learn.py --model e5 --signals cosine,centred,second_cosine,second_centred --fit-xlang \
        --xlang-threshold --name e5-use-across.json      # with the multilingual USE beside e5
    python bench/learn.py --second FOLDER --signals cosine,centred,lexical,second_cosine,second_centred
                                                # another model's cosines beside the bundled model's

The corpus is every English case with gold: the fixtures and every ``fixtures/gold/round*``.
``fixtures/gold/final`` is kept out of every choice; ``--final`` scores it with the model
fitted on everything else. ``fixtures/gold/xlang`` (accounts in two languages) is scored with
``--xlang``; with ``--fit-xlang`` they join the fitting and the validation instead (for the
scorer of two accounts in two languages), and their own leave-one-call-out figures are printed.

Validation is leave-one-call-out: two tellings of one call (e.g. in two languages, or by two
annotators) are one group, and no case is ever scored by a model, a threshold or a
calibration that saw its group. Scoring is ``../shared/eval/score.py``'s: pair F1 over the
links, unique F1 over the statements in no pair, micro-averaged over the cases. The engine's
own ``decide`` makes the pairs, so the figures are the product's.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, Counts, score, total  # noqa: E402

sys.path.insert(0, str(ROOT))
from sklearn.decomposition import PCA  # noqa: E402
from sklearn.isotonic import IsotonicRegression  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from readout_tui.core.engine.cache import EmbeddingCache  # noqa: E402
from readout_tui.core.engine.decision import decide  # noqa: E402
from readout_tui.core.engine.embedder import DEFAULT_MODEL, embed, make_embedder  # noqa: E402
from readout_tui.core.engine.evidence import Evidence, gather_evidence  # noqa: E402
from readout_tui.core.engine.kind import FEATURES, KindModel, Telling  # noqa: E402
from readout_tui.core.engine.pipeline import check_languages  # noqa: E402
from readout_tui.core.engine.scorer import PairScorer, Standing, feature_names, pair_features, second_model  # noqa: E402
from readout_tui.core.engine.settings import AlignmentSettings  # noqa: E402
from readout_tui.core.io.loading import load_case  # noqa: E402

THRESHOLDS = [round(0.02 * k, 2) for k in range(5, 36)]
BANDS = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0001]
DOUBT = (0.6, 0.4)
"""A proposed pair under 0.6 confidence, or a unique statement whose nearest partner reaches
0.4, is marked doubtful: more than half of the first are wrong and about half of the second
has a counterpart (see the reliability table this prints)."""
SUBJECT_AXES = 4
"""How many axes the kind model reads the pair's subject on: chosen by call in a nested search
over 4, 8 and 16 axes and the regularisation C 0.05, 0.3 and 1 (4 and C 1 in 38 of 56 folds,
4 in 54; docs/quality.md)."""
UNSEEN_FROM = 13
"""The first round after the 126 cases ``minilm-readouts-1`` was fine-tuned on (the fixtures and
rounds 4 to 12): on the rounds from it on, the bundled model's cosines are out of sample."""
CALL = re.compile(r"^(?P<names>.+?)-(?P<date>\d{4}-\d{2}-\d{2})")


@dataclass
class Case:
    path: Path
    round: str
    evidence: Evidence
    gold: set[tuple[int, int]]
    diverge: dict[tuple[int, int], bool]
    """Each gold pair: is it the same point told differently?"""

    @property
    def group(self) -> str:
        """The call: its leaders (in any order) and its date."""
        found = CALL.match(self.path.name)
        return "-".join(sorted(found["names"].split("-"))) + "@" + found["date"]

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.evidence.left), len(self.evidence.right)


def _unseen(case: Case) -> bool:
    """Whether ``case`` comes from a round the bundled model's fine-tuning never saw."""
    return case.round.startswith("round") and int(case.round[5:]) >= UNSEEN_FROM


def english_paths() -> list[tuple[str, Path]]:
    fixtures = ROOT / "fixtures"
    own = [
        ("fixtures", p) for p in sorted(fixtures.iterdir())
        if (p / "gold.json").exists() and not p.name.endswith(("-id", "-ru"))
    ]
    return own + [
        (round_.name, p) for round_ in english_rounds()
        for p in sorted(round_.iterdir()) if p.is_dir()
    ]


def english_rounds() -> list[Path]:
    """Every blind English round once it has been scored (``fixtures/gold/round*``), so a new
    round joins the fitting cases by being copied there, not by editing this script."""
    return sorted((ROOT / "fixtures" / "gold").glob("round*"), key=lambda p: int(p.name[5:]))


def xlang_paths() -> list[tuple[str, Path]]:
    return [("xlang", p) for p in sorted((ROOT / "fixtures" / "gold" / "xlang").iterdir()) if p.is_dir()]


def load(paths: list[tuple[str, Path]], embedder, cache, words_optional: bool = False, second=None) -> list[Case]:
    """The cases with the model's own signals: no shipped scorer. ``words_optional``: the
    accounts are in two languages, as the pipeline marks them. ``second``: a second model
    whose cosines are gathered too; the cases in a language it does not cover are left out."""
    out = []
    for round_, path in paths:
        comparison = load_case(path, "lines")
        if second is not None:
            check = check_languages(comparison.left, comparison.right, second, cache)
            if not all(check.coverage.covers(side) for side in (check.left, check.right)):
                continue
        evidence = gather_evidence(
            comparison.left,
            comparison.right,
            lambda texts: embed(texts, embedder, cache),
            embedder.name,
            # As the pipeline does: the scorer learns from the signals it will be given.
            cosine_floor=getattr(embedder, "cosine_floor", 0.0),
            words_optional=words_optional,
            second_embed=None if second is None else lambda texts: embed(texts, second, cache),
        )
        gold = json.loads((path / "gold.json").read_text(encoding="utf-8"))
        pairs = {(p["left"], p["right"]): p.get("kind") == "diverge" for p in gold["pairs"]}
        out.append(Case(path, round_, evidence, set(pairs), pairs))
    return out


def dense_features(case: Case, signals: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """(features of every pair, n*m x k; whether each is a gold pair)."""
    full = case.evidence.signals()
    matrices = {key: getattr(full, key) for key in signals}
    rows = Standing.of_rows(matrices)
    columns = Standing.of_rows({k: m.T for k, m in matrices.items()})
    n, m = case.shape
    left, right = (a.ravel() for a in np.indices((n, m)))
    values = {k: v.ravel() for k, v in matrices.items()}
    features = pair_features(values, full.order.ravel(), rows, columns, left, right, signals)
    x = np.stack([features[name] for name in feature_names(signals)], axis=1)
    y = np.zeros(n * m)
    for i, j in case.gold:
        y[i * m + j] = 1
    return x, y


def fit(cases: list[Case], signals: tuple[str, ...], data: dict) -> PairScorer:
    x = np.concatenate([data[c.path][0] for c in cases])
    y = np.concatenate([data[c.path][1] for c in cases])
    scaler = StandardScaler().fit(x)
    model = LogisticRegression(C=1.0, max_iter=5000).fit(scaler.transform(x), y)
    return PairScorer(
        name="", signals=signals, features=feature_names(signals),
        centre=scaler.mean_.astype(np.float32), scale=scaler.scale_.astype(np.float32),
        weights=model.coef_[0].astype(np.float32), intercept=float(model.intercept_[0]),
        threshold=0.5, calibration=(np.array([0.0, 1.0]), np.array([0.0, 1.0])), doubt=DOUBT,
    )


def counts(case: Case, found: set) -> tuple[Counts, Counts]:
    return score(case.gold, found, *case.shape)


def decided(case: Case, scorer: PairScorer | None, threshold: float | None = None):
    evidence = replace(case.evidence, scorer=scorer, reaches={}, counterparts={})
    return decide(evidence, AlignmentSettings(threshold=threshold)).pairs


def cross_validate(cases: list[Case], signals: tuple[str, ...], data: dict):
    """Out-of-fold scorers, per-threshold counts, and candidate probabilities with labels."""
    groups = sorted({c.group for c in cases})
    scorers = {}
    for g in groups:
        scorer = fit([c for c in cases if c.group != g], signals, data)
        for c in cases:
            if c.group == g:
                scorers[c.path] = scorer
    table = {}
    for c in cases:
        for t in THRESHOLDS:
            table[c.path, t] = counts(c, {(p.left, p.right) for p in decided(c, scorers[c.path], t)})
    return groups, scorers, table


def nested(cases: list[Case], groups: list[str], table: dict, xlang_threshold: bool = False):
    """Each group scored at the threshold that does best on the other groups (a
    cross-language case, with ``xlang_threshold``, on the other groups' cross-language cases
    only). Returns the counts in group order and each case's threshold, by its path."""
    results, chosen = [], {}
    for g in groups:
        for c in (c for c in cases if c.group == g):
            others = [o for o in cases if o.group != g and (o.round == "xlang" or not xlang_threshold or c.round != "xlang")]
            chosen[c.path] = best_threshold(others, table)
            results.append(table[c.path, chosen[c.path]])
    return results, chosen


def pooled_threshold(cases: list[Case], table: dict) -> float:
    return best_threshold(cases, table)


SMOOTHING = 2
"""Thresholds either side whose pooled F1s are averaged with a threshold's own when one is
chosen. Where pair + unique F1 is flat with peaks of near-equal height, the plain maximum
flips between them as one call is left out, towards the peak the left-out call does worse at
(the calls that hold a peak up are those scored at the other), and the grouped figure reads
low (docs/quality.md, round 9). The middle of the plateau does not hang on one call."""


def best_threshold(cases: list[Case], table: dict) -> float:
    """The threshold whose pooled pair + unique F1 over ``cases``, averaged with its
    ``SMOOTHING`` neighbours either side, is highest."""
    height = [sum(total(table[c.path, t] for c in cases)) for t in THRESHOLDS]

    def smoothed(k: int) -> float:
        near = height[max(0, k - SMOOTHING) : k + SMOOTHING + 1]
        return sum(near) / len(near)

    return THRESHOLDS[max(range(len(THRESHOLDS)), key=smoothed)]


def held_out(train: list[Case], test: list[Case], signals: tuple[str, ...]) -> tuple[list, float, PairScorer]:
    """``test`` scored by a scorer fitted on ``train`` alone, at the threshold that does best
    on ``train``'s own leave-one-call-out decisions: nothing about ``test`` is seen. Returns
    each test case's counts, the threshold and the scorer."""
    data = {c.path: dense_features(c, signals) for c in train}
    _, _, table = cross_validate(train, signals, data)
    threshold = pooled_threshold(train, table)
    scorer = fit(train, signals, data)
    results = [counts(c, {(p.left, p.right) for p in decided(c, scorer, threshold)}) for c in test]
    return results, threshold, scorer


def proposals(case: Case, scorer: PairScorer, threshold: float):
    """(probability, in the gold) of each pair the engine proposes at ``threshold``, and
    (nearest probability, has a gold partner) of each statement it leaves unique."""
    pairs = decided(case, scorer, threshold)
    evidence = replace(case.evidence, scorer=scorer, reaches={}, counterparts={})
    rows, columns = evidence.reach()
    linked = {("L", p.left) for p in pairs} | {("R", p.right) for p in pairs}
    gold_linked = {("L", i) for i, _ in case.gold} | {("R", j) for _, j in case.gold}
    uniques = [
        (float(reach.presence[k]), (tag, k) in gold_linked)
        for tag, reach in (("L", rows), ("R", columns)) for k in range(len(reach.presence))
        if (tag, k) not in linked
    ]
    return [(p.score, (p.left, p.right) in case.gold) for p in pairs], uniques


def calibration(points: list[tuple[float, bool]]) -> tuple[np.ndarray, np.ndarray]:
    x = np.array([p for p, _ in points])
    y = np.array([float(g) for _, g in points])
    iso = IsotonicRegression(y_min=0, y_max=1, increasing=True, out_of_bounds="clip").fit(x, y)
    return iso.X_thresholds_.astype(np.float64), iso.y_thresholds_.astype(np.float64)


def reliability(cases, groups, scorers, chosen):
    """Per confidence band: proposed pairs and how many are in the gold, each case's
    confidence calibrated on the other groups only; and the same for unique statements."""
    by_group = {}
    for c, t in ((c, chosen[c.path]) for c in cases):
        by_group.setdefault(c.group, []).append(proposals(c, scorers[c.path], t))
    pair_rows, unique_rows = [], []
    for g in groups:
        pool = [pt for h in groups if h != g for prop in by_group[h] for pt in prop[0] + prop[1]]
        points, rates = calibration(pool)
        for pairs, uniques in by_group[g]:
            pair_rows += [(float(np.interp(p, points, rates)), ok) for p, ok in pairs]
            unique_rows += [(float(np.interp(p, points, rates)), has) for p, has in uniques]
    return pair_rows, unique_rows


def band_table(rows, what: str, outcome: str) -> list[str]:
    lines = [f"| confidence | {what} | {outcome} |", "|---|---|---|"]
    for low, high in zip(BANDS, BANDS[1:]):
        inside = [ok for c, ok in rows if low <= c < high]
        if inside:
            lines.append(f"| {low:.1f}–{min(high, 1):.1f} | {len(inside)} | {sum(inside) / len(inside):.0%} |")
    return lines


def tellings(case: Case, pairs) -> list[Telling]:
    full, vectors = case.evidence.signals(), case.evidence.embeddings
    texts_left, texts_right = case.evidence.left.texts, case.evidence.right.texts
    return [
        Telling.of(
            texts_left[i], texts_right[j], float(full.cosine[i, j]), float(full.lexical[i, j]),
            (vectors.left[i], vectors.right[j]),
        )
        for i, j in pairs
    ]


def fit_kind(cases: list[Case], subject: bool = False) -> KindModel:
    """The kind model; ``subject``: one that also reads what the pair is about, on
    ``SUBJECT_AXES`` principal axes of the training pairs' subjects."""
    told = [t for c in cases for t in tellings(c, sorted(c.diverge))]
    x = np.array([[t.values[f] for f in FEATURES] for t in told])
    y = np.array([c.diverge[p] for c in cases for p in sorted(c.diverge)])
    axes = mean = None
    if subject:
        subjects = np.array([t.subject for t in told])
        pca = PCA(SUBJECT_AXES, random_state=0).fit(subjects)
        axes, mean = pca.components_, pca.mean_
        x = np.hstack([x, pca.transform(subjects)])
    scaler = StandardScaler().fit(x)
    model = LogisticRegression(C=1.0, max_iter=5000).fit(scaler.transform(x), y)
    return KindModel(scaler.mean_, scaler.scale_, model.coef_[0], float(model.intercept_[0]), 0.5, axes, mean)


def kinds_right(model: KindModel, case: Case, pairs: list[tuple[int, int]]) -> int:
    """How many of ``case``'s gold ``pairs`` the kind model tells as the gold does."""
    return sum(model.differently(t) == case.diverge[p] for t, p in zip(tellings(case, pairs), pairs))


def kind_accuracy(cases: list[Case], groups: list[str], scorers: dict, chosen: list[float], subject: bool) -> None:
    """Leave-one-call-out: on every gold pair, and on the pairs the engine proposes that are in
    the gold (the kind a user sees), against always saying the majority kind."""
    on_gold = on_found = found = 0
    majority = np.mean([d for c in cases for d in c.diverge.values()])
    majority_found = []
    for g in groups:
        model = fit_kind([c for c in cases if c.group != g], subject)
        for c in (c for c in cases if c.group == g):
            pairs = sorted(c.diverge)
            on_gold += kinds_right(model, c, pairs)
            hits = [(p.left, p.right) for p in decided(c, scorers[c.path], chosen[c.path])]
            hits = [p for p in hits if p in c.gold]
            on_found += kinds_right(model, c, hits)
            found += len(hits)
            majority_found += [c.diverge[p] for p in hits]
    total_gold = sum(len(c.diverge) for c in cases)
    share = np.mean(majority_found)
    print(f"kind{' reading the subject' if subject else ''}, leave-one-call-out: {on_gold / total_gold:.1%} of {total_gold} gold pairs "
          f"(majority {max(majority, 1 - majority):.1%}); {on_found / max(found, 1):.1%} of the {found} "
          f"pairs found that are in the gold (majority {max(share, 1 - share):.1%})")


def final_kind(some: list[Case], scorer: PairScorer, fitting: list[Case]) -> None:
    """The kind models fitted on ``fitting``, on the pairs found in ``some`` that are in the gold."""
    hits = {c.path: [(p.left, p.right) for p in decided(c, scorer) if (p.left, p.right) in c.gold] for c in some}
    found = sum(len(h) for h in hits.values())
    share = np.mean([c.diverge[pair] for c in some for pair in hits[c.path]])
    for subject in (False, True):
        model = fit_kind(fitting, subject)
        right = sum(kinds_right(model, c, hits[c.path]) for c in some)
        print(f"final, kind{' reading the subject' if subject else ''}: {right / found:.1%} of the {found} "
              f"pairs found that are in the gold (majority {max(share, 1 - share):.1%})")


def report(label: str, results) -> None:
    print(f"{label}: pair F1 {total(results)[0]:.3f}, unique F1 {total(results)[1]:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", help="e5, or a model folder (default: the bundled model)")
    parser.add_argument("--signals", default="cosine,centred,lexical")
    parser.add_argument(
        "--second", help="with second_* signals: the model read beside (default: scorer.BESIDE's)"
    )
    parser.add_argument("--name", default="minilm-readouts.json", help="the file written under scorers/")
    parser.add_argument("--write", action="store_true", help="write the scorer fitted on every case")
    parser.add_argument("--kind", action="store_true", help="with --write: also write the kind model")
    parser.add_argument("--final", action="store_true", help="also score fixtures/gold/final")
    parser.add_argument("--xlang", action="store_true", help="also score fixtures/gold/xlang")
    parser.add_argument("--fit-xlang", action="store_true", help="fit and validate on fixtures/gold/xlang too")
    parser.add_argument(
        "--xlang-threshold", action="store_true",
        help="with --fit-xlang: choose the threshold (and calibrate) on the cross-language cases only",
    )
    parser.add_argument(
        "--calibrate-unseen", action="store_true",
        help=f"calibrate the written scorer on the leave-one-call-out points of rounds {UNSEEN_FROM} and later only, "
        "which the bundled model's fine-tuning never saw",
    )
    parser.add_argument(
        "--calibrate-from", type=Path,
        help="calibrate the written scorer on these (probability, in the gold) points instead: "
        "bench/finetune.py --points, for a fine-tuned model that has seen every case here",
    )
    args = parser.parse_args()
    # Thousands of small fits and products: more BLAS threads only contend for the cores, and
    # on this busy 2-core machine they made a run take minutes instead of seconds.
    threadpool_limits(1)
    signals = tuple(args.signals.split(","))
    embedder, cache = make_embedder(args.model or DEFAULT_MODEL), EmbeddingCache()
    # The second model's signals (second_cosine, second_centred): ``--second``, or the model
    # read beside this one across languages (scorer.BESIDE); on the cases it covers only.
    second = None
    if any(s.startswith("second_") for s in signals):
        name = args.second or second_model(embedder.name, same_language=not args.fit_xlang)
        if name is None:
            parser.error(f"no model is read beside {embedder.name}: name one with --second")
        second = make_embedder(name)
    elif args.second:
        parser.error("--second needs second_cosine or second_centred among --signals")
    cases = load(english_paths(), embedder, cache, second=second)
    if args.fit_xlang:
        cases += load(xlang_paths(), embedder, cache, words_optional=True, second=second)
    data = {c.path: dense_features(c, signals) for c in cases}
    groups = sorted({c.group for c in cases})
    print(f"{len(cases)} cases in {len(groups)} calls; model {embedder.name}; signals {', '.join(signals)}")

    report("hand-set scores at their default threshold", [counts(c, {(p.left, p.right) for p in decided(c, None)}) for c in cases])
    groups, scorers, table = cross_validate(cases, signals, data)
    results, chosen = nested(cases, groups, table, args.xlang_threshold)
    report("learned, leave-one-call-out (threshold chosen on the other calls too)", results)
    in_order = [c for g in groups for c in cases if c.group == g]
    for round_ in ["fixtures", *(r.name for r in english_rounds()), "xlang"]:
        some = [r for r, c in zip(results, in_order) if c.round == round_]
        if some:
            report(f"  of which {round_}", some)
    unseen = [r for r, c in zip(results, in_order) if _unseen(c)]
    if unseen:
        report(f"  of which rounds {UNSEEN_FROM} and later (never seen by the bundled model's fine-tuning)", unseen)
    thresholds = list(chosen.values())
    print("thresholds chosen (cases):", ", ".join(f"{t} ×{thresholds.count(t)}" for t in sorted(set(thresholds))))

    pair_rows, unique_rows = reliability(cases, groups, scorers, chosen)
    print("\n".join(band_table(pair_rows, "pairs proposed", "in the gold")))
    print("\n".join(band_table(unique_rows, "statements left unique (by their nearest pair)", "paired in the gold")))
    confident = [ok for c, ok in pair_rows if c >= 0.8]
    if confident:
        print(f"pairs at confidence >= 0.8: {len(confident)}, in the gold {sum(confident) / len(confident):.1%}")

    # The kind model reads English framing words: it learns from English pairs only.
    english = [c for c in cases if c.round != "xlang"]
    english_groups = sorted({c.group for c in english})
    for subject in (False, True):
        kind_accuracy(english, english_groups, scorers, chosen, subject)
    final_scorer = fit(cases, signals, data)
    # With --xlang-threshold the threshold and the calibration are the cross-language cases'
    # own: the scorer is used for nothing else.
    judged = [c for c in cases if c.round == "xlang"] if args.xlang_threshold else cases
    threshold = pooled_threshold(judged, table)
    if args.calibrate_unseen:
        judged = [c for c in judged if _unseen(c)]
    pool = [pt for c in judged for prop in [proposals(c, scorers[c.path], threshold)] for pt in prop[0] + prop[1]]
    if args.calibrate_unseen:
        print(f"calibrated on {len(pool)} points of the {len(judged)} cases of rounds {UNSEEN_FROM} and later")
    if args.calibrate_from:
        pool = [(float(p), bool(ok)) for p, ok in json.loads(args.calibrate_from.read_text(encoding="utf-8"))]
        print(f"calibrated on {len(pool)} points of {args.calibrate_from}")
    final_scorer = replace(final_scorer, name=Path(args.name).stem, threshold=threshold, calibration=calibration(pool))
    print(f"fitted on all {len(cases)} cases; threshold {threshold}")
    for flag, folder in ((args.xlang and not args.fit_xlang, "xlang"), (args.final, "final")):
        if flag:
            paths = [(folder, p) for p in sorted((ROOT / "fixtures" / "gold" / folder).iterdir()) if p.is_dir()]
            some = load(paths, embedder, cache, words_optional=folder == "xlang", second=second)
            report(f"{folder} (hand-set)", [counts(c, {(p.left, p.right) for p in decided(c, None)}) for c in some])
            report(f"{folder} (learned)", [counts(c, {(p.left, p.right) for p in decided(c, final_scorer)}) for c in some])
            if folder == "final":
                final_kind(some, final_scorer, english)
    if args.write:
        target = ROOT / "readout_tui" / "core" / "engine" / "scorers" / args.name
        target.parent.mkdir(exist_ok=True)
        target.write_text(json.dumps(final_scorer.to_json(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}")
        if args.kind:
            for name, subject in (("kind.json", False), (f"kind-{final_scorer.name}.json", True)):
                kind = target.parent / name
                kind.write_text(json.dumps(fit_kind(english, subject).to_json(), indent=1) + "\n", encoding="utf-8")
                print(f"wrote {kind.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
