"""Fit the model that marks statements told twice, and validate it grouped by article.

    python bench/repeats.py              # grouped cross-validation on the gold's statements
    python bench/repeats.py --tool       # and on the tool's own statements and sides
    python bench/repeats.py --write      # and fitted on every article, written to repeats.json

Data: for each article of ``fixtures/articles``, each pair (earlier, later) of gold statements of
one side; the pair is a repeat when the later's ``same_as`` is the earlier, or both tell again
the same first telling. Features: ``attribution.repeats.Article.features`` (the code the product
runs). A logistic regression (scikit-learn, here only) is validated in folds grouped by call:
the articles of ``<leaders>-<date>-<lang>``, leaders in any order and any language, are in one
fold. Within each fold the threshold is chosen on the training folds alone (their own inner
grouped folds): the lowest whose marks are at least ``--precision`` right. Each later statement
repeats at most one earlier: its likeliest earlier of its side that is no repeat itself
(``repeats.choose``).

Counted per later statement: found (a gold repeat marked), false (marked, not a gold repeat),
gold; "wrong earlier" is a gold repeat marked as repeating another statement than its first
telling (still found: it leaves the account either way). ``--tool`` runs the product's attribution
(with its learned correction) on each article and scores the marks on its statements and sides,
as ``bench/attribution.py`` counts "told twice" (each gold sentence matched to the statement that
holds most of its words), with the fold's model and threshold.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.model_selection import GroupKFold  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attribution import ARTICLES, best_match, cases, words  # noqa: E402
from common import ROOT  # noqa: E402

sys.path.insert(0, str(ROOT))
from readout_tui.core.engine.attribution import AttributionError, repeats  # noqa: E402
from readout_tui.core.io.loading import InputError, load_comparison  # noqa: E402

CURVE = np.round(np.arange(0.98, 0.04, -0.01), 2)
_CALL = re.compile(r"^(?P<leaders>.+?)-(?P<date>\d{4}-\d{2}-\d{2})")


def call_of(name: str) -> str:
    """The call an article reports: its leaders in any order and its date."""
    m = _CALL.match(name)
    if m is None:
        return name
    return "-".join(sorted(m["leaders"].split("-"))) + "-" + m["date"]


def blocks_of(texts: list[str], article: str) -> list[int]:
    """Each gold statement's line in the article (the line holding most of its words, the
    nearest to the previous one's of equals)."""
    bags = [words(line) for line in article.splitlines()]
    out = []
    cursor = 0
    for text in texts:
        wanted = words(text)
        total = sum(wanted.values()) or 1
        shares = [(sum((wanted & bag).values()) / total, -abs(k - cursor)) for k, bag in enumerate(bags)]
        cursor = max(range(len(bags)), key=shares.__getitem__) if bags else 0
        out.append(cursor)
    return out


class Case:
    def __init__(self, folder: Path):
        self.folder = folder
        self.name = folder.name
        self.call = call_of(folder.name)
        gold = json.loads((folder / "attribution.json").read_text(encoding="utf-8"))
        self.language = gold["language"]
        self.gold = gold["statements"]
        texts = [s["text"] for s in self.gold]
        blocks = blocks_of(texts, (folder / "article.txt").read_text(encoding="utf-8"))
        self.article = repeats.Article([(s["text"], b, s["side"], s.get("cue") or "") for s, b in zip(self.gold, blocks)])
        self.root = [s["same_as"] if s.get("same_as") is not None else k for k, s in enumerate(self.gold)]
        self.pairs = [(e, later) for later in range(len(self.gold)) if self.gold[later]["side"] != "neither"
                      for e in self.article.earlier(later)]
        self.X = [self.article.features(e, later) for e, later in self.pairs]
        self.y = [self.gold[later].get("same_as") is not None and self.root[e] == self.root[later]
                  for e, later in self.pairs]
        self.tool: tuple | None = None

    def load_tool(self) -> None:
        """The product's statements and sides for this article, and each gold sentence's one."""
        try:
            attribution = load_comparison([str(self.folder / "article.txt")]).info.article
        except (InputError, AttributionError):
            self.tool = None
            return
        matched, cursor = [], 0
        for sentence in self.gold:
            cursor = best_match(sentence["text"], attribution, cursor)
            matched.append(cursor)
        statements = [(s.text, s.block, s.side.value, s.cue_text) for s in attribution.statements]
        # which of the tool's sides is the gold's left: the mapping that agrees best, as
        # bench/attribution.py scores
        agree = sum(statements[i][2] == g["side"] for i, g in zip(matched, self.gold))
        swap = {"left": "right", "right": "left", "neither": "neither"}
        flipped = sum(swap[statements[i][2]] == g["side"] for i, g in zip(matched, self.gold)) > agree
        self.tool_sides = [swap[side] if flipped else side for _, _, side, _ in statements]
        article = repeats.Article(statements)
        pairs = [(e, later) for later in range(article.n) if article.sides[later] != "neither"
                 for e in article.earlier(later)]
        self.tool = (article, pairs, [article.features(e, later) for e, later in pairs], matched)


def matrix(rows: list[dict[str, float]], names: list[str]) -> np.ndarray:
    return np.array([[r[n] for n in names] for r in rows], dtype=float)


class Fitted:
    def __init__(self, train: list[Case], names: list[str], c: float):
        X = matrix([x for case in train for x in case.X], names)
        y = np.array([v for case in train for v in case.y])
        self.mean = X.mean(axis=0)
        self.scale = X.std(axis=0) + 1e-9
        self.lr = LogisticRegression(C=c, max_iter=5000).fit((X - self.mean) / self.scale, y)
        self.names = names

    def proba(self, rows: list[dict[str, float]]) -> np.ndarray:
        if not rows:
            return np.zeros(0)
        return self.lr.predict_proba((matrix(rows, self.names) - self.mean) / self.scale)[:, 1]

    def model(self, threshold: float) -> repeats.Model:
        return repeats.Model(
            tuple(self.names),
            tuple(float(x) for x in self.mean),
            tuple(float(x) for x in self.scale),
            tuple(float(x) for x in self.lr.coef_[0]),
            float(self.lr.intercept_[0]),
            threshold,
        )


def by_later(pairs: list[tuple[int, int]], p: np.ndarray) -> dict[int, dict[int, float]]:
    out: dict[int, dict[int, float]] = {}
    for (e, later), q in zip(pairs, p):
        out.setdefault(later, {})[e] = float(q)
    return out


def count(case: Case, probabilities: dict[int, dict[int, float]], threshold: float) -> tuple[int, int, int, int]:
    """found, false, gold, wrong earlier, on the gold's statements."""
    marked = repeats.choose(case.article, probabilities, threshold)
    found = false = wrong = 0
    for later, e in enumerate(marked):
        gold = case.gold[later].get("same_as")
        if e is None:
            continue
        if gold is None:
            false += 1
        else:
            found += 1
            wrong += case.root[e] != case.root[later]
    return found, false, sum(1 for s in case.gold if s.get("same_as") is not None), wrong


def count_tool(case: Case, probabilities: dict[int, dict[int, float]], threshold: float) -> tuple[int, int, int, int]:
    """found, false, gold, as bench/attribution.py counts them on the tool's statements, and
    of the false, the ones on their gold side (a statement of the account taken out of it; the
    others were given a side the gold does not give them)."""
    gold_repeats = {k for k, s in enumerate(case.gold) if s.get("same_as") is not None}
    if case.tool is None:
        return 0, 0, len(gold_repeats), 0
    article, _, _, matched = case.tool
    marked = repeats.choose(article, probabilities, threshold)
    tool_repeats = {k for k, i in enumerate(matched) if marked[i] is not None}
    false = tool_repeats - gold_repeats
    in_account = {k for k in false if case.tool_sides[matched[k]] == case.gold[k]["side"]}
    return len(gold_repeats & tool_repeats), len(false), len(gold_repeats), len(in_account)


def thresholds_from(scored: list[tuple[Case, dict]], target: float, least: int = 10) -> float:
    """The lowest threshold whose marks (at least ``least`` of them) are at least ``target``
    right on ``scored``."""
    best = 1.0
    for t in CURVE:
        found = false = 0
        for case, probs in scored:
            f, x, _, _ = count(case, probs, t)
            found, false = found + f, false + x
        if found + false >= least and found / (found + false) >= target:
            best = min(best, float(t))
    return best


def inner_threshold(train: list[Case], names: list[str], c: float, target: float, folds: int) -> float:
    groups = [case.call for case in train]
    scored = []
    for tr, te in GroupKFold(n_splits=folds).split(train, groups=groups):
        fitted = Fitted([train[k] for k in tr], names, c)
        for k in te:
            case = train[k]
            scored.append((case, by_later(case.pairs, fitted.proba(case.X))))
    return thresholds_from(scored, target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--c", type=float, default=1.0)
    parser.add_argument("--precision", type=float, default=0.9, help="the precision the threshold is chosen for")
    parser.add_argument("--tool", action="store_true", help="also score on the tool's statements and sides")
    parser.add_argument("--write", action="store_true", help="fit on every article and write repeats.json")
    parser.add_argument("--drop", default="", help="features left out, comma-separated")
    parser.add_argument("--curve", action="store_true", help="and the held-out marks at fixed thresholds")
    args = parser.parse_args()
    all_cases = [Case(folder) for folder in cases(ARTICLES)]
    names = [n for n in all_cases[0].X[0] if n not in set(args.drop.split(","))] if all_cases[0].X else []
    if args.tool:
        for case in all_cases:
            case.load_tool()
    groups = [case.call for case in all_cases]
    pairs = sum(len(case.y) for case in all_cases)
    positives = sum(sum(case.y) for case in all_cases)
    print(f"{len(all_cases)} articles, {len(set(groups))} calls; {pairs} pairs, {positives} of them repeats")
    totals = np.zeros(4, dtype=int)
    tool_totals = np.zeros(4, dtype=int)
    by_language: dict[str, np.ndarray] = {}
    chosen = []
    curve = {float(t): np.zeros(6, dtype=int) for t in CURVE if t >= 0.5 and round(t * 100) % 5 == 0}
    for fold, (tr, te) in enumerate(GroupKFold(n_splits=args.folds).split(all_cases, groups=groups)):
        train = [all_cases[k] for k in tr]
        threshold = inner_threshold(train, names, args.c, args.precision, args.folds)
        chosen.append(threshold)
        fitted = Fitted(train, names, args.c)
        fold_counts = np.zeros(4, dtype=int)
        for k in te:
            case = all_cases[k]
            probabilities = by_later(case.pairs, fitted.proba(case.X))
            counts = np.array(count(case, probabilities, threshold))
            if args.curve:
                for t in curve:
                    curve[t][:2] += count(case, probabilities, t)[:2]
                    if args.tool:
                        article, tool_pairs, rows, _ = case.tool or (None, [], [], None)
                        f, x, _, in_account = count_tool(case, by_later(tool_pairs, fitted.proba(rows)), t)
                        curve[t][2:] += (f, x, in_account, 0)
            fold_counts += counts
            by_language[case.language] = by_language.get(case.language, np.zeros(4, dtype=int)) + counts
            if args.tool:
                article, tool_pairs, rows, _ = case.tool or (None, [], [], None)
                tool_totals += np.array(count_tool(case, by_later(tool_pairs, fitted.proba(rows)), threshold))
        totals += fold_counts
        print(f"fold {fold}: threshold {threshold:.3f} (chosen on the training folds); {_line(fold_counts)}")
    print(f"\nheld out, all folds: {_line(totals)}")
    for language, counts in sorted(by_language.items()):
        print(f"    {language}: {_line(counts)}")
    if args.tool:
        found, false, gold, in_account = (int(x) for x in tool_totals)
        marked = found + false
        print(
            f"on the tool's statements and sides: told twice {found}/{gold} marked as repeats, "
            f"{false} marked that the gold does not (precision {found / marked if marked else 0:.2f}); "
            f"of these {in_account} on their gold side, {false - in_account} on a side the gold does not give them"
        )
    if args.curve:
        print("\nheld out at fixed thresholds (the folds' models, no threshold chosen):")
        for t, (found, false, tool_found, tool_false, in_account, _) in sorted(curve.items()):
            line = f"    {t:.2f}: found {found}, false {false}"
            if args.tool:
                line += f"; on the tool's statements {tool_found}, false {tool_false} ({in_account} on their gold side)"
            print(line)
    if args.write:
        threshold = inner_threshold(all_cases, names, args.c, args.precision, args.folds)
        model = Fitted(all_cases, names, args.c).model(threshold)
        repeats.WEIGHTS.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
        print(f"written {repeats.WEIGHTS.relative_to(ROOT)}: threshold {threshold:.3f}, fitted on all {len(all_cases)} articles")


def _line(counts: np.ndarray) -> str:
    found, false, gold, wrong = (int(x) for x in counts)
    marked = found + false
    precision = found / marked if marked else 0.0
    return (
        f"found {found}/{gold}, false {false}, precision {precision:.2f}, recall {found / gold if gold else 0:.2f}"
        f" ({wrong} found with another earlier than the gold's)"
    )


if __name__ == "__main__":
    main()
