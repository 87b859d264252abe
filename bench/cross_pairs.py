"""Research: does a cross-encoder trained on the gold find the counterparts the scorer misses?
(issue 17; docs/cross-pairs-draft.md)

    OMP_NUM_THREADS=1 python bench/cross_pairs.py               # train the folds not yet cached, then evaluate
    OMP_NUM_THREADS=1 python bench/cross_pairs.py --only 0,1,2  # train these folds only (one process each
    OMP_NUM_THREADS=1 python bench/cross_pairs.py --only 3,4    #  share of the folds), no evaluation
    python bench/cross_pairs.py --evaluate                      # evaluate from the cached logits only
    python bench/cross_pairs.py --evaluate --partial            # ... on the folds cached so far
    python bench/cross_pairs.py --dry                           # only the candidates and their recall
    python bench/cross_pairs.py --seed 5 ...                    # another deal of the calls into folds

The corpus, the groups and the scorer are ``bench/learn.py``'s: every English case with gold
(``fixtures/gold/final`` is never read), two tellings of one call one group.

1. Candidates: in each case, each statement's ``--top`` (3) partners on the other side by the
   plain cosine the scorer reads, and by the scorer's own out-of-fold probability (leave one
   call out, as ``bench/pieces.py`` computes it), union over rows and columns. It prints how
   many gold pairs the candidates hold.
2. The calls are dealt into 5 folds (``finetune.folds_of``). For each fold, a copy of the
   bundled MiniLM with a fresh one-logit head (``kind_cross.Cross``: sentence-transformers'
   ``CrossEncoder``, ``num_labels=1``; AdamW, 10% warm-up, one torch thread) is fine-tuned one
   epoch on the other folds' candidates, label "in the gold", each in both orders (left, right)
   and (right, left), max length 128, batch 16, lr 2e-5 (fixed before any result); the
   held-out fold's candidates get the mean logit of both orders. Each fold's logits, the CPU
   seconds it took to train and to predict are cached under ``--cache`` (a JSON file a fold),
   so evaluating never trains again.
3. Evaluation (``pieces.evaluate``: dense out-of-fold probabilities of the logistic scorer,
   leave one call out, pairs made as the engine's learned ``decide``, threshold chosen by call):
   the nineteen features alone (the baseline; it reproduces ``learn.py``'s 0.651 / 0.678), and
   with the cross-encoder's logit as one more signal matrix (a non-candidate gets its fold's
   lowest logit) with the standing features the other signals get, or value and z-scores only,
   or those and a 0/1 "candidate" column. Then the logit alone as a ranking of the candidates
   (ROC AUC and average precision) against the scorer's out-of-fold probability on the same
   candidates, which gold pairs the stacked scorer gains and loses, and the costs.

CPU seconds are the process's (user + system, ``time.process_time``), with one torch thread.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import learn  # noqa: E402
import pieces  # noqa: E402
from common import ROOT, machine  # noqa: E402
from finetune import folds_of  # noqa: E402
from kind_cross import Cross  # noqa: E402
from sklearn.metrics import average_precision_score, roc_auc_score  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from readout_tui.core.engine.cache import EmbeddingCache  # noqa: E402
from readout_tui.core.engine.embedder import DEFAULT_MODEL, make_embedder, resolve_model  # noqa: E402

SEED = 17
SETTINGS = SimpleNamespace(epochs=1, lr=2e-5, batch=16, max_length=128)
"""Fixed before any result was seen (the brief of issue 17's cross-encoder run)."""


@dataclass
class Candidate:
    """One candidate pair of one case. ``diverge`` holds its label, "in the gold": the name is
    the one ``kind_cross.Cross.train`` reads its label from."""

    path: Path
    pair: tuple[int, int]
    group: str
    left: str
    right: str
    diverge: bool

    @property
    def key(self) -> str:
        return f"{self.path.relative_to(ROOT)}#{self.pair[0]},{self.pair[1]}"


def top_pairs(matrix: np.ndarray, k: int) -> set[tuple[int, int]]:
    """Each row's and each column's ``k`` highest cells."""
    n, m = matrix.shape
    rows = np.argsort(-matrix, axis=1, kind="stable")[:, :k]
    columns = np.argsort(-matrix, axis=0, kind="stable")[:k, :]
    return {(i, int(j)) for i in range(n) for j in rows[i]} | {(int(i), j) for j in range(m) for i in columns[:, j]}


def candidates(cases: list[learn.Case], probs: dict, k: int, by: str) -> list[Candidate]:
    out = []
    for c in cases:
        chosen = top_pairs(c.evidence.signals().cosine, k)
        if by == "cosine+probability":
            chosen |= top_pairs(probs[c.path], k)
        left, right = c.evidence.left.texts, c.evidence.right.texts
        out += [Candidate(c.path, (i, j), c.group, left[i], right[j], (i, j) in c.gold) for i, j in sorted(chosen)]
    return out


def fold_file(args, fold: int) -> Path:
    return Path(args.cache) / f"seed{args.seed}-top{args.top}-{args.by}-fold{fold}.json"


def train_fold(args, fold: int, train: list[Candidate], test: list[Candidate]) -> None:
    """Fine-tune on ``train``, predict ``test``, and cache the logits and the costs."""
    started = time.process_time()
    model = Cross(SETTINGS, args.seed + fold)
    seen = model.train(train, args.seed + fold)
    train_cpu = time.process_time() - started
    started = time.process_time()
    logits = model.logits(test)
    predict_cpu = time.process_time() - started
    saved = Path(args.cache) / "model"
    if not saved.exists():  # one fold's model, to measure its size on disk
        model.network.save_pretrained(saved)
        model.tokenizer.save_pretrained(saved)
    record = {
        "fold": fold, "seed": args.seed, "settings": vars(SETTINGS), "train_pairs": len(train),
        "train_positives": sum(p.diverge for p in train), "train_examples": seen, "train_cpu": train_cpu,
        "test_pairs": len(test), "predict_cpu": predict_cpu, "load": os.getloadavg()[0],
        "logits": {p.key: float(v) for p, v in zip(test, logits)},
    }
    fold_file(args, fold).write_text(json.dumps(record), encoding="utf-8")
    auc = roc_auc_score([p.diverge for p in test], logits) if any(p.diverge for p in test) else float("nan")
    print(
        f"fold {fold}: {len(train)} training pairs ({seen} examples), {train_cpu:.0f} CPU-s to train; "
        f"{len(test)} held-out candidates, {1000 * predict_cpu / len(test):.1f} CPU-ms a pair to predict; "
        f"AUC {auc:.3f} on them; load {os.getloadavg()[0]:.1f}",
        flush=True,
    )


def signal_matrices(cases: list[learn.Case], records: list[dict]) -> dict:
    """Each case's n x m cross-encoder logits (a non-candidate: its fold's lowest logit) and
    its 0/1 candidate matrix."""
    out = {}
    for record in records:
        logits = record["logits"]
        low = min(logits.values())
        for c in cases:
            prefix = f"{c.path.relative_to(ROOT)}#"
            mine = {k[len(prefix) :]: v for k, v in logits.items() if k.startswith(prefix)}
            if not mine:
                continue
            cross, flag = np.full(c.shape, low, np.float32), np.zeros(c.shape, np.float32)
            for key, v in mine.items():
                i, j = map(int, key.split(","))
                cross[i, j], flag[i, j] = v, 1.0
            out[c.path] = (cross, flag)
    return out


def with_flag(xy: tuple[np.ndarray, np.ndarray], flag: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return np.hstack([xy[0], flag.reshape(-1, 1)]), xy[1]


def gained(cases: list[learn.Case], before: tuple[dict, dict], after: tuple[dict, dict]) -> str:
    """Gold pairs and false pairs the stacked scorer adds and drops, at the thresholds chosen."""
    counts = np.zeros(4, int)
    for c in cases:
        a = pieces.decisions(before[0][c.path], before[1][c.path])
        b = pieces.decisions(after[0][c.path], after[1][c.path])
        counts += [len((b - a) & c.gold), len((a - b) & c.gold), len((b - a) - c.gold), len((a - b) - c.gold)]
    return f"gold pairs gained {counts[0]}, lost {counts[1]}; false pairs added {counts[2]}, dropped {counts[3]}"


def folder_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def evaluate(args, cases: list[learn.Case], rows: list[Candidate], base: dict, records: list[dict]) -> None:
    done = sorted(r["fold"] for r in records)
    matrices = signal_matrices(cases, records)
    cases = [c for c in cases if c.path in matrices]
    rows = [p for p in rows if p.path in matrices]
    print(f"\nevaluated on folds {done}: {len(cases)} cases, {len(rows)} candidates")

    # The logit alone as a ranking of the candidates, against the scorer's out-of-fold probability.
    logit = {k: v for r in records for k, v in r["logits"].items()}
    y = [p.diverge for p in rows]
    base_probs = pieces.probabilities(cases, base)
    scores = {
        "cross-encoder logit (5 folds)": [logit[p.key] for p in rows],
        "scorer's probability (leave one call out)": [base_probs[p.path][p.pair] for p in rows],
    }
    print("| on the candidates | ROC AUC | average precision |\n|---|---|---|")
    for label, s in scores.items():
        print(f"| {label} | {roc_auc_score(y, s):.3f} | {average_precision_score(y, s):.3f} |")

    print("\n| features | pair F1 | unique F1 | fixtures | round 4 | dev case | tp / fp / fn | threshold |")
    print("|---|---|---|---|---|---|---|---|")
    before = pieces.evaluate(cases, base, "the scorer's nineteen", curve=True)
    variants = {
        "+ cross-encoder logit, standing features": lambda c: pieces.features(
            c, {"cross": matrices[c.path][0]}, pieces.ALL
        ),
        "+ cross-encoder logit, value and z": lambda c: pieces.features(
            c, {"cross": matrices[c.path][0]}, pieces.VALUE_Z
        ),
        "+ cross-encoder logit, value and z, and candidate": lambda c: with_flag(
            pieces.features(c, {"cross": matrices[c.path][0]}, pieces.VALUE_Z), matrices[c.path][1]
        ),
    }
    for label, make in variants.items():
        after = pieces.evaluate(cases, {c.path: make(c) for c in cases}, label, curve=True)
        print(f"  {gained(cases, before, after)}")

    train_cpu = [r["train_cpu"] for r in records]
    per_pair = 1000 * sum(r["predict_cpu"] for r in records) / sum(r["test_pairs"] for r in records)
    examples = sum(r["train_examples"] for r in records)
    loads = ", ".join(f"{r['load']:.1f}" for r in records)
    print(
        f"\ncosts: training {', '.join(f'{t:.0f}' for t in train_cpu)} CPU-s a fold "
        f"({1000 * sum(train_cpu) / examples:.0f} CPU-ms a training example, one order, one epoch; "
        f"load at the end of each fold {loads}); "
        f"prediction {per_pair:.1f} CPU-ms a pair (both orders, batches of 32)"
    )
    saved = Path(args.cache) / "model"
    if saved.exists():
        print(f"a fine-tuned model on disk: {folder_mb(saved):.0f} MB (the bundled folder: "
              f"{folder_mb(Path(resolve_model(DEFAULT_MODEL)[1])):.0f} MB)")
    sizes = [sum(c.shape) / 2 for c in cases]
    share = len(rows) / sum(c.shape[0] * c.shape[1] for c in cases)
    print(f"statements a side: median {np.median(sizes):.0f}; candidates are {share:.0%} of all pairs")
    for side in (15, 1000):
        top = min(side * side, 2 * side * args.top * (2 if args.by == "cosine+probability" else 1))
        print(
            f"at {side} statements a side: at most {top} candidates, {top * per_pair / 1000:.1f} CPU-s; "
            f"every pair ({side * side}), {side * side * per_pair / 1000:.1f} CPU-s"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=SEED, help="deals the folds and seeds the training")
    parser.add_argument("--top", type=int, default=3, help="each statement's candidates by each ranking")
    parser.add_argument("--by", default="cosine+probability", choices=["cosine", "cosine+probability"])
    parser.add_argument(
        "--cache", default=str(Path(tempfile.gettempdir()) / "cross_pairs"), help="where each fold's logits are kept"
    )
    parser.add_argument("--only", help="train these folds (0-based, comma-separated) and stop")
    parser.add_argument("--evaluate", action="store_true", help="train nothing: evaluate the cached folds")
    parser.add_argument("--partial", action="store_true", help="with --evaluate: on the folds cached so far")
    parser.add_argument("--dry", action="store_true", help="only count the candidates")
    args = parser.parse_args()
    threadpool_limits(1)
    Path(args.cache).mkdir(parents=True, exist_ok=True)
    print(machine())
    cases = learn.load(learn.english_paths(), make_embedder(DEFAULT_MODEL), EmbeddingCache())
    base = {c.path: pieces.features(c, {}, ()) for c in cases}
    rows = candidates(cases, pieces.probabilities(cases, base), args.top, args.by)
    gold = sum(len(c.gold) for c in cases)
    print(
        f"{len(cases)} cases in {len({c.group for c in cases})} calls; {sum(c.shape[0] * c.shape[1] for c in cases)} "
        f"pairs, {gold} in the gold; candidates (top {args.top} by {args.by}): {len(rows)}, holding "
        f"{sum(p.diverge for p in rows)} gold pairs (recall {sum(p.diverge for p in rows) / gold:.1%})"
    )
    if args.dry:
        return
    folds = [{c.group for c in fold} for fold in folds_of(cases, args.folds, args.seed)]
    by_fold = [[p for p in rows if p.group in fold] for fold in folds]
    if not args.evaluate:
        import torch

        torch.set_num_threads(1)
        wanted = [int(k) for k in args.only.split(",")] if args.only else range(args.folds)
        for k in wanted:
            if fold_file(args, k).exists():
                print(f"fold {k}: cached")
                continue
            train_fold(args, k, [p for j, f in enumerate(by_fold) if j != k for p in f], by_fold[k])
        if args.only:
            return
    records = [json.loads(fold_file(args, k).read_text()) for k in range(args.folds) if fold_file(args, k).exists()]
    if len(records) < args.folds and not args.partial:
        sys.exit(f"{len(records)} of {args.folds} folds cached: train the rest, or pass --partial")
    evaluate(args, cases, rows, base, records)


if __name__ == "__main__":
    main()
