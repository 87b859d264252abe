"""Research: does a cross-encoder, reading both statements together, tell the kind better?
(Measured not to, at 1 epoch: docs/quality.md, "Kind".)

    python bench/kind_cross.py                      # 5 folds by call, 1 epoch
    python bench/kind_cross.py --epochs 3
    python bench/kind_cross.py --stack              # ... and the cross-encoder inside the logistic kind model

The corpus, the groups and the pairs found are ``bench/learn.py``'s: every English case with
gold, two tellings of one call one group, and "found" the gold pairs the learned scorer
proposes out of fold at the threshold chosen on the other calls (``learn.cross_validate``,
``learn.nested``). ``fixtures/gold/final`` is never read.

The calls are dealt into K folds (``finetune.folds_of``). For each fold, a copy of the bundled
MiniLM with a fresh one-logit head (sentence-transformers' ``CrossEncoder``, ``num_labels=1``)
is fine-tuned on the other folds' gold pairs with their agree/diverge labels, each pair in both
orders (left, right) and (right, left); the fold's pairs are then told by the mean logit of
both orders. Baselines on the same pairs: the shipped logistic kind model
(``learn.fit_kind(subject=True)``), leave-one-call-out as ``learn.py`` reports it and on the
same K folds.

``--stack``: the cross-encoder's logit as one more column of the shipped logistic kind model.
Nested, so nothing leaks: for each outer fold, the training folds' own logits come from
cross-encoders trained on the other training folds only (K-1 more fits per outer fold), and
the held-out fold's from the outer fold's cross-encoder, which never saw it.

CPU seconds are the process's (user + system, ``time.process_time``) with one torch thread.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import learn  # noqa: E402
from common import machine  # noqa: E402
from finetune import folds_of  # noqa: E402
from sklearn.decomposition import PCA  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from readout_tui.core.engine.cache import EmbeddingCache  # noqa: E402
from readout_tui.core.engine.embedder import DEFAULT_MODEL, make_embedder, resolve_model  # noqa: E402
from readout_tui.core.engine.kind import FEATURES  # noqa: E402

SEED = 17


class Pair:
    """One gold pair: its texts, its label, and the shipped kind model's inputs."""

    def __init__(self, case: learn.Case, pair: tuple[int, int], telling) -> None:
        self.path, self.pair, self.group = case.path, pair, case.group
        self.left, self.right = case.evidence.left.texts[pair[0]], case.evidence.right.texts[pair[1]]
        self.diverge = case.diverge[pair]
        self.base = [telling.values[f] for f in FEATURES]
        self.subject = telling.subject


def pairs_of(cases: list[learn.Case]) -> list[Pair]:
    out = []
    for c in cases:
        pairs = sorted(c.diverge)
        out += [Pair(c, p, t) for p, t in zip(pairs, learn.tellings(c, pairs))]
    return out


def found_pairs(cases: list[learn.Case]) -> set[tuple[Path, tuple[int, int]]]:
    """The gold pairs the learned scorer proposes, out of fold, as ``learn.py`` counts them."""
    signals = ("cosine", "centred", "lexical")
    data = {c.path: learn.dense_features(c, signals) for c in cases}
    groups, scorers, table = learn.cross_validate(cases, signals, data)
    _, chosen = learn.nested(cases, groups, table)
    return {
        (c.path, (p.left, p.right))
        for c in cases
        for p in learn.decided(c, scorers[c.path], chosen[c.path])
        if (p.left, p.right) in c.gold
    }


def logistic(train: list[Pair], test: list[Pair], extra_train=None, extra_test=None) -> np.ndarray:
    """The shipped kind model's fit (``learn.fit_kind(subject=True)``), with optional extra
    columns; the probability of "told differently" for ``test``."""
    pca = PCA(learn.SUBJECT_AXES, random_state=0).fit(np.array([p.subject for p in train]))

    def matrix(rows, extra):
        x = np.hstack([np.array([p.base for p in rows]), pca.transform(np.array([p.subject for p in rows]))])
        return x if extra is None else np.hstack([x, np.asarray(extra).reshape(len(rows), -1)])

    x_train = matrix(train, extra_train)
    scaler = StandardScaler().fit(x_train)
    model = LogisticRegression(C=1.0, max_iter=5000).fit(scaler.transform(x_train), [p.diverge for p in train])
    return model.predict_proba(scaler.transform(matrix(test, extra_test)))[:, 1]


class Cross:
    """A cross-encoder fine-tuned for the kind: logit > 0 means "told differently"."""

    def __init__(self, args, seed: int) -> None:
        import torch
        from sentence_transformers import CrossEncoder

        torch.manual_seed(seed)
        self.torch, self.args = torch, args
        encoder = CrossEncoder(resolve_model(DEFAULT_MODEL)[1], num_labels=1, max_length=args.max_length, device="cpu")
        self.network, self.tokenizer = encoder.model, encoder.tokenizer

    def _batch(self, lefts, rights):
        return self.tokenizer(
            list(lefts),
            list(rights),
            padding=True,
            truncation=True,
            max_length=self.args.max_length,
            return_tensors="pt",
        )

    def train(self, rows: list[Pair], seed: int) -> int:
        """Fine-tune on ``rows`` in both orders; returns the number of examples seen."""
        torch = self.torch
        examples = [(p.left, p.right, float(p.diverge)) for p in rows] + [
            (p.right, p.left, float(p.diverge)) for p in rows
        ]
        size = self.args.batch
        steps = self.args.epochs * ((len(examples) + size - 1) // size)
        optimiser = torch.optim.AdamW(self.network.parameters(), lr=self.args.lr, weight_decay=0.01)
        warmup = max(1, steps // 10)
        schedule = torch.optim.lr_scheduler.LambdaLR(
            optimiser, lambda s: min((s + 1) / warmup, max(0.0, (steps - s) / max(1, steps - warmup)))
        )
        loss_of = torch.nn.BCEWithLogitsLoss()
        shuffler = random.Random(seed)
        self.network.train()
        for _ in range(self.args.epochs):
            shuffler.shuffle(examples)
            for k in range(0, len(examples), size):
                chunk = examples[k : k + size]
                inputs = self._batch([e[0] for e in chunk], [e[1] for e in chunk])
                logits = self.network(**inputs).logits.squeeze(-1)
                loss = loss_of(logits, torch.tensor([e[2] for e in chunk]))
                loss.backward()
                torch.nn.utils.clip_grad_norm_(self.network.parameters(), 1.0)
                optimiser.step()
                schedule.step()
                optimiser.zero_grad()
        return self.args.epochs * len(examples)

    def logits(self, rows: list[Pair]) -> np.ndarray:
        """The mean logit of both orders."""
        torch = self.torch
        self.network.eval()
        out = []
        with torch.no_grad():
            for lefts, rights in (
                ([p.left for p in rows], [p.right for p in rows]),
                ([p.right for p in rows], [p.left for p in rows]),
            ):
                values = []
                for k in range(0, len(rows), 32):
                    values.append(
                        self.network(**self._batch(lefts[k : k + 32], rights[k : k + 32])).logits.squeeze(-1).numpy()
                    )
                out.append(np.concatenate(values))
        return (out[0] + out[1]) / 2


def fitted(args, train: list[Pair], seed: int) -> tuple[Cross, float, int]:
    """A cross-encoder trained on ``train``, the CPU seconds it took and the examples seen."""
    started = time.process_time()
    model = Cross(args, seed)
    seen = model.train(train, seed)
    return model, time.process_time() - started, seen


def accuracy(rows: list[Pair], diverge: dict[int, bool], found: set) -> tuple[str, str]:
    """Right on every gold pair, and on those found; as "73.3% (443/604)"."""

    def share(keep):
        right = sum(diverge[k] == p.diverge for k, p in enumerate(rows) if keep(p))
        n = sum(1 for p in rows if keep(p))
        return f"{right / n:.1%} ({right}/{n})"

    return share(lambda p: True), share(lambda p: (p.path, p.pair) in found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--lr", type=float, default=3e-5)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--max-length", type=int, default=128)
    parser.add_argument("--seed", type=int, default=SEED, help="deals the folds and seeds the training")
    parser.add_argument("--stack", action="store_true", help="also the cross-encoder inside the logistic model, nested")
    parser.add_argument("--cases", type=int, help="only the first N cases (a quick check of the script)")
    args = parser.parse_args()
    threadpool_limits(1)
    import torch

    torch.set_num_threads(1)
    print(machine())
    cases = learn.load(learn.english_paths()[: args.cases], make_embedder(DEFAULT_MODEL), EmbeddingCache())
    rows = pairs_of(cases)
    found = found_pairs(cases)
    index = {(p.path, p.pair): k for k, p in enumerate(rows)}
    groups = sorted({c.group for c in cases})
    share = np.mean([p.diverge for p in rows])
    share_found = np.mean([p.diverge for p in rows if (p.path, p.pair) in found])
    print(
        f"{len(cases)} cases in {len(groups)} calls; {len(rows)} gold pairs ({share:.1%} told differently), "
        f"{len(found)} of them found ({share_found:.1%})"
    )
    # Each subset's own majority, as learn.py reports it.
    lines = [
        ("always the majority kind", f"{max(share, 1 - share):.1%}", f"{max(share_found, 1 - share_found):.1%}"),
    ]

    # The shipped logistic model, leave-one-call-out: reproduces learn.py's figures.
    loco = {}
    for g in groups:
        test = [p for p in rows if p.group == g]
        for p, prob in zip(test, logistic([p for p in rows if p.group != g], test)):
            loco[index[p.path, p.pair]] = prob > 0.5
    lines.append(("logistic kind model (shipped), leave-one-call-out", *accuracy(rows, loco, found)))

    folds = [{c.group for c in fold} for fold in folds_of(cases, args.folds, args.seed)]
    by_fold = [[p for p in rows if p.group in fold] for fold in folds]
    five, cross, stacked = {}, {}, {}
    logits = np.zeros(len(rows))
    train_cpu, seen_total, infer_cpu = [], 0, 0.0
    for k, test in enumerate(by_fold):
        train = [p for j, fold in enumerate(by_fold) if j != k for p in fold]
        for p, prob in zip(test, logistic(train, test)):
            five[index[p.path, p.pair]] = prob > 0.5
        model, cpu, seen = fitted(args, train, args.seed + k)
        train_cpu.append(cpu)
        seen_total += seen
        started = time.process_time()
        values = model.logits(test)
        infer_cpu += time.process_time() - started
        for p, v in zip(test, values):
            logits[index[p.path, p.pair]] = v
            cross[index[p.path, p.pair]] = v > 0
        right = sum((v > 0) == p.diverge for p, v in zip(test, values))
        print(
            f"fold {k + 1}: {len(train)} training pairs, {cpu:.0f} CPU-s to train; cross-encoder right on "
            f"{right}/{len(test)} held-out pairs",
            flush=True,
        )
        if args.stack:
            inner = np.zeros(len(train))
            inner_index = {(p.path, p.pair): n for n, p in enumerate(train)}
            for j, fold in enumerate(by_fold):
                if j == k:
                    continue
                inner_train = [p for i, f in enumerate(by_fold) if i not in (j, k) for p in f]
                inner_model, cpu, seen = fitted(args, inner_train, args.seed + 100 * (k + 1) + j)
                train_cpu.append(cpu)
                seen_total += seen
                for p, v in zip(fold, inner_model.logits(fold)):
                    inner[inner_index[p.path, p.pair]] = v
            for p, prob in zip(test, logistic(train, test, inner, values)):
                stacked[index[p.path, p.pair]] = prob > 0.5
            right = sum(stacked[index[p.path, p.pair]] == p.diverge for p in test)
            print(f"  stacked, nested: right on {right}/{len(test)}", flush=True)

    lines.append((f"logistic kind model (shipped), {args.folds} folds", *accuracy(rows, five, found)))
    lines.append((f"cross-encoder, {args.epochs} epoch(s), {args.folds} folds", *accuracy(rows, cross, found)))
    if args.stack:
        lines.append(("logistic + the cross-encoder's logit, nested", *accuracy(rows, stacked, found)))
    print(
        f"\n| kind accuracy (lr {args.lr}, batch {args.batch}, max length {args.max_length}, seed {args.seed}) "
        f"| on all {len(rows)} gold pairs | on the {len(found)} gold pairs found |\n|---|---|---|"
    )
    for label, everything, some in lines:
        print(f"| {label} | {everything} | {some} |")
    print(
        f"training: {np.mean(train_cpu):.0f} CPU-s a fit on average ({len(train_cpu)} fits), "
        f"{1000 * sum(train_cpu) / seen_total:.0f} CPU-ms per training example (one order of one pair, one epoch); "
        f"inference {1000 * infer_cpu / len(rows):.1f} CPU-ms per pair (both orders, batches of 32); "
        f"load average {os.getloadavg()[0]:.1f} at the end"
    )


if __name__ == "__main__":
    main()
