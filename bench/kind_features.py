"""Research: does the kind model gain from more features? (Measured not to: docs/quality.md.)

    python bench/kind_features.py

Leave-one-call-out accuracy of the agree/diverge model on the English gold pairs, with the
shipped features (``kind.FEATURES`` and the pair's subject on ``SUBJECT_AXES`` axes) and with
each addition: the pair's difference |left - right| on principal axes, each statement's own
vector, numbers and capitalised names on one side only with both lengths, how differently the
whole call is told, and a weaker regularisation.
"""

from __future__ import annotations

import re
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
from readout_tui.core.engine.embedder import DEFAULT_MODEL, make_embedder  # noqa: E402
from readout_tui.core.engine.kind import FEATURES  # noqa: E402

NUMBER = re.compile(r"\d+")
INNER_NAME = re.compile(r"(?<!^)(?<![.!?] )\b[A-Z][a-z]+")
"""A capitalised word that does not open a sentence."""
VECTORS = ("subject", "difference", "left", "right")
"""The parts read on principal axes fitted on the training pairs."""


def rows_of(case: learn.Case) -> list[dict]:
    """Each gold pair's parts: the shipped features, the vectors, and the additions."""
    pairs = sorted(case.diverge)
    told = learn.tellings(case, pairs)
    left, right = case.evidence.left.texts, case.evidence.right.texts
    vl, vr = case.evidence.embeddings.left, case.evidence.embeddings.right
    full = case.evidence.signals()
    whole_call = [
        full.cosine.max(axis=1).mean(), full.cosine.max(axis=0).mean(),
        np.mean([t.values["framing"] for t in told]), np.mean([t.values["cosine"] for t in told]),
    ]
    rows = []
    for t, (i, j) in zip(told, pairs):
        numbers = set(NUMBER.findall(left[i])) ^ set(NUMBER.findall(right[j]))
        names_l, names_r = set(INNER_NAME.findall(left[i])), set(INNER_NAME.findall(right[j]))
        one_sided = [
            len(numbers), len(names_l ^ names_r), len(names_l ^ names_r) / max(len(names_l | names_r), 1),
            np.log1p(len(left[i])), np.log1p(len(right[j])),
        ]
        rows.append({
            "group": case.group, "diverge": case.diverge[(i, j)], "base": [t.values[f] for f in FEATURES],
            "one_sided": one_sided, "whole_call": whole_call, "subject": t.subject,
            "difference": np.abs(vl[i] - vr[j]), "left": vl[i], "right": vr[j],
        })
    return rows


def accuracy(rows: list[dict], parts: tuple[str, ...], axes: int = learn.SUBJECT_AXES, c: float = 1.0) -> float:
    y = np.array([r["diverge"] for r in rows])
    groups = np.array([r["group"] for r in rows])
    matrices = {p: np.array([r[p] for r in rows], dtype=float) for p in parts}
    right = 0
    for group in sorted(set(groups)):
        train, test = groups != group, groups == group
        columns_train, columns_test = [], []
        for p in parts:
            m = matrices[p]
            if p in VECTORS:
                pca = PCA(axes, random_state=0).fit(m[train])
                columns_train.append(pca.transform(m[train]))
                columns_test.append(pca.transform(m[test]))
            else:
                columns_train.append(m[train])
                columns_test.append(m[test])
        x_train, x_test = np.hstack(columns_train), np.hstack(columns_test)
        scaler = StandardScaler().fit(x_train)
        model = LogisticRegression(C=c, max_iter=5000).fit(scaler.transform(x_train), y[train])
        right += int((model.predict(scaler.transform(x_test)) == y[test]).sum())
    return right / len(y)


def main() -> None:
    threadpool_limits(1)
    cases = learn.load(learn.english_paths(), make_embedder(DEFAULT_MODEL), EmbeddingCache())
    rows = [r for c in cases for r in rows_of(c)]
    print(f"{len(rows)} gold pairs in {len(cases)} cases; told differently: {np.mean([r['diverge'] for r in rows]):.1%}")
    variants = [
        ("framing, negation, words (kind.json)", ("base",), learn.SUBJECT_AXES, 1.0),
        ("+ the subject on 4 axes (shipped)", ("base", "subject"), learn.SUBJECT_AXES, 1.0),
        ("+ one-sided numbers and names, lengths", ("base", "subject", "one_sided"), learn.SUBJECT_AXES, 1.0),
        ("+ the difference on 4 axes", ("base", "subject", "difference"), 4, 1.0),
        ("+ the difference, 8 axes", ("base", "subject", "difference"), 8, 1.0),
        ("+ the difference, 16 axes", ("base", "subject", "difference"), 16, 1.0),
        ("+ each statement's own vector", ("base", "subject", "left", "right"), learn.SUBJECT_AXES, 1.0),
        ("+ how differently the whole call is told", ("base", "subject", "whole_call"), learn.SUBJECT_AXES, 1.0),
        ("+ one-sided, C 0.3", ("base", "subject", "one_sided"), learn.SUBJECT_AXES, 0.3),
    ]
    print("| features | kind accuracy on the gold pairs, by call |\n|---|---|")
    for label, parts, axes, c in variants:
        print(f"| {label} | {accuracy(rows, parts, axes, c):.1%} |", flush=True)


if __name__ == "__main__":
    main()
