"""Fit the learned correction of the attribution rules, and validate it grouped by article.

    python bench/attribution_learn.py                  # leave-one-article-out, the variants
    python bench/attribution_learn.py --nested 3       # the variant, C and margin chosen inside each fold
    python bench/attribution_learn.py --nested 3 --write   # and chosen and fitted on every article, written

Each gold sentence of ``fixtures/articles`` is matched to the rules' statement that holds most
of its words (as ``bench/attribution.py`` scores), and labelled in the rules' frame: neither,
the statement's reference side (its rules side, or the side of the last statement the rules
gave one) or the other side. A multinomial logistic regression (scikit-learn, here only)
fitted on the other articles corrects each article's rules (``learned.apply``, the code the
product runs); the corrected article is scored as ``bench/attribution.py`` does (the side
mapping that agrees best). Every variant is scored on the same folds against the rules alone.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
from scipy.sparse import csr_matrix  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attribution import ARTICLES, SEED, SEED_FIXTURE, best_match, cases  # noqa: E402
from common import ROOT  # noqa: E402

sys.path.insert(0, str(ROOT))
from readout_tui.core.engine.attribution import (  # noqa: E402
    AttributionError,
    Side,
    learned,  # noqa: E402
)
from readout_tui.core.io.article import attribute_text  # noqa: E402
from readout_tui.core.io.loading import read_page_or_text  # noqa: E402

SWAP = {Side.LEFT: Side.RIGHT, Side.RIGHT: Side.LEFT, Side.NEITHER: Side.NEITHER}


class Case:
    """One article: the rules' statements, the gold matched to them, the gold's labels."""

    def __init__(self, folder: Path):
        self.name = folder.name
        self._rows: dict = {}
        gold = json.loads((folder / "attribution.json").read_text(encoding="utf-8"))
        self.language = gold["language"]
        self.gold = [s["side"] for s in gold["statements"]]
        text = read_page_or_text(str(folder / "article.txt"))[0]
        try:
            self.rules = list(attribute_text(text, learned=False).statements)
        except AttributionError:
            self.rules = []
        self.matched: list[int] = []
        cursor = 0
        if self.rules:
            holder = _Holder(self.rules)
            for sentence in gold["statements"]:
                cursor = best_match(sentence["text"], holder, cursor)
                self.matched.append(cursor)
        flip = self.score(self.rules, flip=True) > self.score(self.rules, flip=False)
        # the gold's sides in the rules' frame
        self.frame = [Side(g) if not flip else SWAP[Side(g)] for g in self.gold]

    def score(self, statements, flip: bool | None = None) -> int:
        if not statements:
            return 0
        if flip is None:
            return max(self.score(statements, True), self.score(statements, False))
        sides = [statements[i].side for i in self.matched]
        if flip:
            sides = [SWAP[s] for s in sides]
        return sum(s.value == g for s, g in zip(sides, self.gold))

    def named(self, options: learned.Options) -> list:
        if ("named", options) not in self._rows:
            self._rows[("named", options)] = learned.features(self.rules, options)
        return self._rows[("named", options)]

    def tally(self, corrected, changes: Counter) -> None:
        flip = self.score(corrected, True) > self.score(corrected, False)
        for index, gold in zip(self.matched, self.gold):
            before, after = self.rules[index], corrected[index]
            if before.side is after.side:
                continue
            side = SWAP[after.side] if flip else after.side
            rules_side = SWAP[before.side] if flip else before.side
            verdict = "right" if side.value == gold else ("was right" if rules_side.value == gold else "still wrong")
            move = f"{'side' if before.side is not Side.NEITHER else 'neither'} -> {'neither' if after.side is Side.NEITHER else 'side'}"
            changes[(self.language, before.how.value, move, verdict)] += 1

    def rows(self, options: learned.Options) -> tuple[list[dict], list[int]]:
        """A training row per gold sentence: its statement's features and the gold's class."""
        if options not in self._rows:
            self._rows[options] = self._compute_rows(options)
        return self._rows[options]

    def _compute_rows(self, options: learned.Options) -> tuple[list[dict], list[int]]:
        if not self.rules:
            return [], []
        named = self.named(options)
        refs = learned.reference(self.rules)
        xs, ys = [], []
        for index, side in zip(self.matched, self.frame):
            if named[index] is None:
                continue
            if side is Side.NEITHER:
                label = "neither"
            else:
                label = "ref" if side is (refs[index] or Side.LEFT) else "other"
            xs.append(named[index])
            ys.append(learned.CLASSES.index(label))
        return xs, ys


class _Holder:
    def __init__(self, statements):
        self.statements = statements


def matrix(named: list[dict], dims: int) -> csr_matrix:
    data, indices, indptr = [], [], [0]
    for f in named:
        for b, v in learned.hashed(f, dims).items():
            indices.append(b)
            data.append(v)
        indptr.append(len(indices))
    return csr_matrix((data, indices, indptr), shape=(len(named), dims))


def corrections(case: Case, model: learned.Model, margins: list[float], offs: tuple = (0.0,)) -> dict:
    """The case corrected at each margin and extra margin to neither; the same moves as
    ``learned.apply``, with the features read once and scored as one product (``loao`` checks
    the two agree)."""
    named = case.named(model.options)
    keep = [k for k, f in enumerate(named) if f is not None]
    probabilities: list = [None] * len(named)
    if keep:
        rows = sorted(model.rows)
        coef = np.array([model.rows[b] for b in rows])
        X = matrix([named[k] for k in keep], model.options.dims)[:, rows]
        scores = X @ coef + model.intercept
        scores -= scores.max(axis=1, keepdims=True)
        e = np.exp(scores)
        for k, p in zip(keep, e / e.sum(axis=1, keepdims=True)):
            probabilities[k] = p
    swap = model.options.swap
    return {(m, o): learned.moved(case.rules, probabilities, m, swap=swap, margin_off=o) for m in margins for o in offs}


def fit(train: list[Case], options: learned.Options, c: float, margin: float) -> learned.Model:
    xs, ys = [], []
    for case in train:
        x, y = case.rows(options)
        xs += x
        ys += y
    X = matrix(xs, options.dims)
    clf = LogisticRegression(C=c, max_iter=3000)
    clf.fit(X, ys)
    coef = np.zeros((len(learned.CLASSES), options.dims))
    coef[clf.classes_] = clf.coef_
    intercept = np.full(len(learned.CLASSES), -30.0)
    intercept[clf.classes_] = clf.intercept_
    used = np.flatnonzero(np.abs(coef).sum(axis=0) > 0)
    return learned.Model(options, {int(b): coef[:, b] for b in used}, intercept, margin)


def loao(
    all_cases: list[Case], options: learned.Options, c: float, margins: list[float], changes: Counter | None = None
) -> dict[float, dict]:
    """Leave-one-article-out: each article corrected by a model fitted on the others; for each
    margin, the correct statements per article. ``changes``: tallies the gold sentences the
    first margin moves, by the rules' reason and whether the move put them right or wrong."""
    out: dict[float, dict] = {m: {} for m in margins}
    for k, case in enumerate(all_cases):
        if not case.rules:
            for m in margins:
                out[m][case.name] = 0
            continue
        model = fit(all_cases[:k] + all_cases[k + 1 :], options, c, 0.0)
        fast = corrections(case, model, margins)
        for m in margins:
            corrected = learned.apply(case.rules, replace(model, margin=m))
            assert corrected == fast[(m, 0.0)], case.name  # the product's path and the fast one agree
            out[m][case.name] = case.score(corrected)
            if changes is not None and m == margins[0]:
                case.tally(corrected, changes)
            if case.name == SEED.name:
                out[m]["seed targets"] = seed_targets(replace(model, margin=m))
    return out


def select(
    train: list[Case], variants: list[str], cs: list[float], margins: list[float], folds: int, offs: tuple = (0.0,)
) -> tuple:
    """The feature set, C, margin and extra margin to neither that correct ``train`` best in
    grouped ``folds``-fold validation on it (articles dealt to folds in turn; of equals, the
    largest margins)."""
    inner: dict = defaultdict(int)
    for name in variants:
        for c in cs:
            for f in range(folds):
                rest = [t for j, t in enumerate(train) if j % folds != f]
                model = fit(rest, VARIANTS[name], c, 0.0)
                for j, t in enumerate(train):
                    if j % folds != f or not t.rules:
                        continue
                    for (m, o), corrected in corrections(t, model, margins, offs).items():
                        inner[(name, c, m, o)] += t.score(corrected)
    return max(inner, key=lambda key: (inner[key], key[2], key[3]))


def nested(
    all_cases: list[Case], variants: list[str], cs: list[float], margins: list[float], folds: int, offs: tuple
) -> dict:
    """Leave-one-article-out, with the feature set, C and margins chosen for each left-out
    article by ``select`` on the other articles alone."""
    out: dict = {}
    chosen: dict = defaultdict(int)
    for k, case in enumerate(all_cases):
        train = all_cases[:k] + all_cases[k + 1 :]
        best = select(train, variants, cs, margins, folds, offs)
        chosen[best] += 1
        print(f"    {case.name}: {best}", flush=True)
        name, c, m, off = best
        if case.rules:
            model = replace(fit(train, VARIANTS[name], c, m), margin_off=off)
            out[case.name] = case.score(learned.apply(case.rules, model))
            if case.name == SEED.name:
                out["seed targets"] = seed_targets(model)
        else:
            out[case.name] = 0
    for (name, c, m, off), n in sorted(chosen.items(), key=lambda kv: -kv[1]):
        print(f"    chosen for {n} articles: {name}, C={c:g}, margin={m:g}, to neither +{off:g}")
    return out


def report(title: str, all_cases: list[Case], correct: dict[str, int], base: dict[str, int]) -> dict:
    by = defaultdict(lambda: [0, 0, 0])
    for case in all_cases:
        for key in ("all", case.language):
            by[key][0] += correct[case.name]
            by[key][1] += base[case.name]
            by[key][2] += len(case.gold)
    parts = []
    for key in ("all", "en", "id", "ru"):
        got, was, total = by[key]
        parts.append(f"{key} {got}/{total} {got / total:.1%} ({100 * (got - was) / total:+.1f})")
    better = sum(correct[c.name] > base[c.name] for c in all_cases)
    worse = sum(correct[c.name] < base[c.name] for c in all_cases)
    seed = f", seed {correct['seed targets']}" if "seed targets" in correct else ""
    print(f"{title:44} " + "  ".join(parts) + f"  articles +{better}/-{worse}{seed}", flush=True)
    return {k: (v[0] - v[1]) / v[2] for k, v in by.items()}


def seed_targets(model: learned.Model) -> str:
    text = read_page_or_text(str(SEED / "article.txt"))[0]
    from readout_tui.core.engine.attribution.model import mark_repeats

    rules = attribute_text(text, learned=False).statements
    statements = mark_repeats(learned.apply(rules, model))
    checked, ok = 0, 0
    sides = {}
    for side in ("left", "right"):
        for line in (SEED_FIXTURE / f"{side}.txt").read_text(encoding="utf-8").splitlines():
            statement = statements[best_match(line, _Holder(statements))]
            sides.setdefault(side, set()).add(statement.side)
            checked += 1
            ok += statement.in_account
    # each fixture side wholly on one tool side, the two different
    same = len(sides["left"]) == 1 and len(sides["right"]) == 1 and sides["left"] != sides["right"]
    links = [s for s in statements if s.text.startswith("Baca juga:")]
    checked += len(links)
    ok += sum(s.side is Side.NEITHER for s in links)
    return f"{ok if same else 0}/{checked}"


VARIANTS = {
    "words+bigrams+chars+prev words": learned.Options(),
    "words only": learned.Options(bigrams=False, chars=False, context=False),
    "no n-grams (rules, position, quotes)": learned.Options(words=False, bigrams=False, chars=False, context=False),
    "all + crossed with the rules' decision": learned.Options(crossed=True),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--write", action="store_true", help="fit on every article and write the weights (with --nested: chosen so)"
    )
    parser.add_argument("--c", type=float, nargs="+", default=[1.0, 3.0])
    parser.add_argument("--margins", type=float, nargs="+", default=[0.0, 0.2, 0.3, 0.4, 0.5])
    parser.add_argument(
        "--variants", nargs="+", choices=list(VARIANTS), help="default: all; with --nested the first two"
    )
    parser.add_argument("--changes", action="store_true", help="tally what the first variant, C and margin move")
    parser.add_argument(
        "--nested", type=int, default=0, metavar="FOLDS", help="choose the variant, C and margin inside each fold"
    )
    parser.add_argument("--write-only", action="store_true", help="with --write: skip the validation")
    parser.add_argument(
        "--swap", choices=("yes", "no"), default="no", help="whether a side's statement may move to the other side"
    )
    parser.add_argument(
        "--offs",
        type=float,
        nargs="+",
        default=[0.0, 0.2, 0.4],
        help="extra margins for a side's statement to move to neither, chosen with --nested",
    )
    args = parser.parse_args()
    args.offs = tuple(args.offs)
    for name, options in VARIANTS.items():
        VARIANTS[name] = replace(options, swap=args.swap == "yes")
    args.variants = args.variants or list(VARIANTS)[: 2 if args.nested else None]
    all_cases = [Case(folder) for folder in cases(ARTICLES)]
    base = {case.name: case.score(case.rules) for case in all_cases}
    print(f"{len(all_cases)} articles, {sum(len(c.gold) for c in all_cases)} gold sentences; leave-one-article-out")
    report("rules alone", all_cases, base, base)
    if args.nested and not args.write_only:
        correct = nested(all_cases, args.variants, args.c, args.margins, args.nested, args.offs)
        report(f"nested ({args.nested} inner folds)", all_cases, correct, base)
    for name in [] if args.nested or args.write_only else args.variants:
        for c in args.c:
            changes: Counter | None = Counter() if args.changes else None
            results = loao(all_cases, VARIANTS[name], c, args.margins, changes)
            for m, correct in results.items():
                report(f"{name[:26]}, C={c:g}, margin={m:g}", all_cases, correct, base)
            if changes:
                print(
                    f"    moved at margin {args.margins[0]:g}, by the rules' reason (language, reason, move, verdict):"
                )
                for key, n in sorted(changes.items()):
                    print(f"      {n:3}  " + ", ".join(key))
                args.changes = False
    if args.write:
        if args.nested:
            name, c, margin, off = select(all_cases, args.variants, args.c, args.margins, args.nested, args.offs)
        else:
            name, c, margin, off = args.variants[0], args.c[0], args.margins[0], args.offs[0]
        print(f"fitted on every article: {name}, C={c:g}, margin={margin:g}, to neither +{off:g}")
        model = replace(fit(all_cases, VARIANTS[name], c, margin), margin_off=off)
        learned.WEIGHTS.write_text(json.dumps(model.to_json(), separators=(",", ":")) + "\n", encoding="utf-8")
        print(
            f"wrote {learned.WEIGHTS.relative_to(ROOT)}: {len(model.rows)} features, seed targets {seed_targets(model)}"
        )


if __name__ == "__main__":
    main()
