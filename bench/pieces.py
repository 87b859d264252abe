"""Research: does a clause-level signal find the second partners of one-to-many groups?

    python bench/pieces.py                  # leave-one-call-out, with and without piece features
    python bench/pieces.py --cuts punct     # pieces cut at punctuation only
    python bench/pieces.py --curve          # ... with the F1s at every threshold and the ranking's AP

A long statement covering topics A and B pairs in the gold with R1 (about A) and R2 (about
B), but its whole-sentence cosine with R2 is diluted. Here each statement is cut into pieces
(clauses, ``pieces``), the pieces are embedded as the statements are (as written and without
the shared names, half weight each; through the embedding cache), and each pair gets signals
such as the best cosine of any piece of one statement with the whole other one, or of any two
pieces, described by their standing in the row and the column as the scorer's own signals
are (``scorer.pair_features``). Measured not to gain: docs/quality.md.

Decisions are made from the dense out-of-fold probabilities (every pair reaching the
threshold among either statement's 16 most probable partners, as the engine's learned
``decide``), so that many variants can be compared in minutes; the baseline row reproduces
``bench/learn.py``'s figures, threshold chosen by call the same way.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import learn  # noqa: E402
from common import f1, total  # noqa: E402
from learn import THRESHOLDS, Case  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import average_precision_score  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from readout_tui.core.engine import names  # noqa: E402
from readout_tui.core.engine.cache import EmbeddingCache  # noqa: E402
from readout_tui.core.engine.embedder import DEFAULT_MODEL, embed, make_embedder  # noqa: E402
from readout_tui.core.engine.evidence import Embeddings  # noqa: E402
from readout_tui.core.engine.scorer import STANDING_FEATURES, Standing, pair_features  # noqa: E402

PUNCTUATION = r"\s*[;:()\u2013\u2014]\s*|,\s+"
"""Semicolons, colons, parentheses, dashes and commas."""
CONJUNCTIONS = r"|\s+(?=(?:and|as well as|including|while|whereas|but|in order to|so that)\s)"
CUTS = {"punct": re.compile(PUNCTUATION), "conj": re.compile(PUNCTUATION + CONJUNCTIONS, re.IGNORECASE)}
BASE = ("cosine", "centred", "lexical")
DEV_CASE = "netanyahu-putin-2023-12-10"
"""The dev case (``../shared/eval/cases``): its misses are second partners."""
ALL, VALUE_Z = STANDING_FEATURES, ("value", "row_z", "column_z")
VARIANTS = {
    # label: (signals, which of their standing features, the regularisation C)
    "piece_left+right": (("piece_left", "piece_right"), ALL, 1.0),
    "piece_left+right, value and z": (("piece_left", "piece_right"), VALUE_Z, 1.0),
    "piece_left+right, C 0.2": (("piece_left", "piece_right"), ALL, 0.2),
    "piece_left+right+pair": (("piece_left", "piece_right", "piece_pair"), ALL, 1.0),
    "piece_either": (("piece_either",), ALL, 1.0),
    "piece_either, value and z": (("piece_either",), VALUE_Z, 1.0),
    "piece_pair": (("piece_pair",), ALL, 1.0),
    "piece_pair, value and z": (("piece_pair",), VALUE_Z, 1.0),
    "other_either (coverage)": (("other_either",), ALL, 1.0),
    "piece_either+other_either": (("piece_either", "other_either"), ALL, 1.0),
    "centred piece_left+right, value and z": (("c_piece_left", "c_piece_right"), VALUE_Z, 1.0),
    "centred piece_either, value and z": (("c_piece_either",), VALUE_Z, 1.0),
}


def pieces(text: str, cuts: re.Pattern, min_words: int) -> list[str]:
    """The clauses of ``text``, cut by ``cuts``, each piece short of ``min_words`` words joined
    to the one after it (the last to the one before); [] for a statement of one piece."""
    merged: list[str] = []
    carry = ""
    for part in (p.strip() for p in cuts.split(text) if p and p.strip()):
        part = f"{carry} {part}" if carry else part
        carry = part if len(part.split()) < min_words else ""
        if not carry:
            merged.append(part)
    if carry:
        if merged:
            merged[-1] = f"{merged[-1]} {carry}"
        else:
            merged.append(carry)
    return merged if len(merged) > 1 else []


def shared_names(texts: list[str]) -> set[str]:
    """The names ``names.without_shared_names`` takes out of ``texts``."""
    found = [names._words(t) for t in texts]
    named = {key for words in found for _, key, inside in words.capitals if inside}
    used = Counter(key for words in found for key in {key for _, key, _ in words.capitals} & named)
    return {key for key, count in used.items() if count >= names.SHARED_BY}


def piece_vectors(split: list[list[str]], embedder, cache, shared: set[str], dim: int) -> list[np.ndarray]:
    """Each statement's pieces' vectors, joined as ``evidence.statement_vectors`` joins a
    statement's, the names being those its statements share."""
    flat = [p for ps in split for p in ps]
    if not flat:
        return [np.zeros((0, dim), np.float32) for _ in split]
    free = [names._remove(p, names._words(p), shared) for p in flat]
    v = embed([*flat, *free], embedder, cache)
    joined = np.concatenate([v[: len(flat)], v[len(flat) :]], axis=1) * np.float32(np.sqrt(0.5))
    bounds = np.cumsum([0, *map(len, split)])
    return [joined[a:b] for a, b in zip(bounds, bounds[1:])]


def piece_matrices(case: Case, embedder, cache, cuts: re.Pattern, min_words: int) -> dict[str, np.ndarray]:
    """The n x m piece signals of ``case``, plain (and centred, ``c_``)."""
    left, right = list(case.evidence.left.texts), list(case.evidence.right.texts)
    shared = shared_names(left + right)
    e = case.evidence.embeddings
    dim = e.left.shape[1]
    vl = piece_vectors([pieces(t, cuts, min_words) for t in left], embedder, cache, shared, dim)
    vr = piece_vectors([pieces(t, cuts, min_words) for t in right], embedder, cache, shared, dim)
    out = _matrices(e, vl, vr)

    def centred(x):  # the centred cosine's way: the component all statements share taken out
        x = x - e.mean
        return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-9)

    c = Embeddings(centred(e.left), centred(e.right), e.mean)
    out.update({f"c_{k}": v for k, v in _matrices(c, [centred(v) for v in vl], [centred(v) for v in vr]).items()})
    return out


def _matrices(e: Embeddings, vl: list[np.ndarray], vr: list[np.ndarray]) -> dict[str, np.ndarray]:
    # A statement's pieces include the whole of it: every figure is at least the cosine.
    lp = [np.concatenate([e.left[i : i + 1], v]) if len(v) else e.left[i : i + 1] for i, v in enumerate(vl)]
    rp = [np.concatenate([e.right[j : j + 1], v]) if len(v) else e.right[j : j + 1] for j, v in enumerate(vr)]
    cosine = e.left @ e.right.T
    n, m = cosine.shape
    piece_left = np.array([(lp[i] @ e.right.T).max(axis=0) for i in range(n)])
    piece_right = np.array([(e.left @ rp[j].T).max(axis=1) for j in range(m)]).T
    piece_pair = np.array([[(lp[i] @ rp[j].T).max() for j in range(m)] for i in range(n)])
    # Coverage: take out the piece of a statement that its best partner explains; how well
    # does another partner explain what is left?
    other_left, other_right = cosine.copy(), cosine.copy()
    for i in range(n):
        if len(lp[i]) > 2:
            taken = (lp[i][1:] @ e.right[cosine[i].argmax()]).argmax() + 1
            rest = np.delete(lp[i], [0, taken], axis=0)
            other_left[i] = np.maximum(cosine[i], (rest @ e.right.T).max(axis=0))
    for j in range(m):
        if len(rp[j]) > 2:
            taken = (rp[j][1:] @ e.left[cosine[:, j].argmax()]).argmax() + 1
            rest = np.delete(rp[j], [0, taken], axis=0)
            other_right[:, j] = np.maximum(cosine[:, j], (e.left @ rest.T).max(axis=1))
    return {
        "piece_left": piece_left.astype(np.float32),
        "piece_right": piece_right.astype(np.float32),
        "piece_pair": piece_pair.astype(np.float32),
        "piece_either": np.maximum(piece_left, piece_right).astype(np.float32),
        "other_either": np.maximum(other_left, other_right).astype(np.float32),
    }


def features(case: Case, extra: dict[str, np.ndarray], parts: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """The scorer's features of every pair, and ``parts`` of the standing of each ``extra`` signal."""
    x, y = learn.dense_features(case, BASE)
    if not extra:
        return x, y
    n, m = case.shape
    rows, columns = Standing.of_rows(extra), Standing.of_rows({k: v.T for k, v in extra.items()})
    left, right = (a.ravel() for a in np.indices((n, m)))
    values = {k: v.ravel() for k, v in extra.items()}
    f = pair_features(values, np.zeros(n * m), rows, columns, left, right, tuple(extra))
    return np.hstack([x, np.stack([f[f"{k}.{p}"] for k in extra for p in parts], axis=1)]), y


def decisions(p: np.ndarray, t: float) -> set[tuple[int, int]]:
    """As the engine's learned ``decide``: pairs reaching ``t`` among either statement's 16 most
    probable partners."""
    n, m = p.shape
    keep = np.zeros_like(p, bool)
    keep[np.arange(n)[:, None], np.argsort(-p, axis=1, kind="stable")[:, :16]] = True
    keep[np.argsort(-p, axis=0, kind="stable")[:16, :], np.arange(m)[None, :]] = True
    i, j = np.nonzero(keep & (p >= t))
    return set(zip(i.tolist(), j.tolist()))


def probabilities(cases: list[Case], data: dict, c: float = 1.0) -> dict:
    """Each case's n x m out-of-fold probabilities, from a scorer fitted on the other calls."""
    groups = sorted({k.group for k in cases})
    probs = {}
    for g in groups:
        train = [k for k in cases if k.group != g]
        x, y = np.concatenate([data[k.path][0] for k in train]), np.concatenate([data[k.path][1] for k in train])
        scaler = StandardScaler().fit(x)
        model = LogisticRegression(C=c, max_iter=5000).fit(scaler.transform(x), y)
        for k in (k for k in cases if k.group == g):
            probs[k.path] = model.predict_proba(scaler.transform(data[k.path][0]))[:, 1].reshape(k.shape)
    return probs


def evaluate(cases: list[Case], data: dict, label: str, c: float = 1.0, curve: bool = False) -> tuple[dict, dict]:
    """Leave-one-call-out figures, overall, per round and on the dev case. Returns each case's
    out-of-fold probabilities and the threshold chosen for it (by its path)."""
    groups = sorted({k.group for k in cases})
    probs = probabilities(cases, data, c)
    table = {(k.path, t): learn.counts(k, decisions(probs[k.path], t)) for k in cases for t in THRESHOLDS}
    results, chosen = learn.nested(cases, groups, table)
    ordered = [k for g in groups for k in cases if k.group == g]
    by_round = {r: total(res for res, k in zip(results, ordered) if k.round == r) for r in ("fixtures", "round4")}
    dev = next(res for res, k in zip(results, ordered) if k.path.name == DEV_CASE)
    pf, uf = total(results)
    tp, fp, fn = (sum(r[0][k] for r in results) for k in range(3))
    print(
        f"| {label} | {pf:.3f} | {uf:.3f} | {by_round['fixtures'][0]:.3f} / {by_round['fixtures'][1]:.3f} "
        f"| {by_round['round4'][0]:.3f} / {by_round['round4'][1]:.3f} | {f1(dev[0]):.2f} / {f1(dev[1]):.2f} "
        f"| {tp} / {fp} / {fn} | {Counter(chosen.values()).most_common(1)[0][0]} |",
        flush=True,
    )
    if curve:
        y = np.concatenate([data[k.path][1] for k in cases])
        q = np.concatenate([probs[k.path].ravel() for k in cases])
        points = ((t, total(table[k.path, t] for k in cases)) for t in THRESHOLDS if 0.2 <= t <= 0.6)
        print(f"  AP {average_precision_score(y, q):.3f};", " ".join(f"{t}: {a:.3f}/{b:.3f}" for t, (a, b) in points))
    return probs, chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cuts", default="conj", choices=sorted(CUTS), help="where statements are cut")
    parser.add_argument("--min-words", type=int, default=4, help="the fewest words of a piece")
    parser.add_argument("--curve", action="store_true", help="print the F1s at every threshold and the ranking's AP")
    parser.add_argument("--show", type=int, default=0, help="only print the pieces of this many statements")
    args = parser.parse_args()
    threadpool_limits(1)
    cuts = CUTS[args.cuts]
    embedder, cache = make_embedder(DEFAULT_MODEL), EmbeddingCache()
    cases = learn.load(learn.english_paths(), embedder, cache)
    texts = [t for k in cases for side in (k.evidence.left, k.evidence.right) for t in side.texts]
    if args.show:
        for t in texts[: args.show]:
            print(t, "->", pieces(t, cuts, args.min_words))
        return
    split = [pieces(t, cuts, args.min_words) for t in texts]
    print(f"{len(split)} statements, {sum(map(bool, split))} cut, into {sum(map(len, split))} pieces")
    extras = {k.path: piece_matrices(k, embedder, cache, cuts, args.min_words) for k in cases}
    print("| features | pair F1 | unique F1 | fixtures | round 4 | dev case | tp / fp / fn | threshold |")
    print("|---|---|---|---|---|---|---|---|")
    evaluate(cases, {k.path: features(k, {}, ()) for k in cases}, "the scorer's nineteen", curve=args.curve)
    for label, (keys, parts, c) in VARIANTS.items():
        data = {k.path: features(k, {s: extras[k.path][s] for s in keys}, parts) for k in cases}
        evaluate(cases, data, f"+ {label}", c, args.curve)


if __name__ == "__main__":
    main()
