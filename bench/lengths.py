"""Research: do the two statements' lengths help the scorer? (Measured not to:
docs/quality.md.)

    python bench/lengths.py

A short general statement ("exchanged views on the Ukraine crisis") is often paired in the
gold with several long specific ones at a low cosine. Each variant adds features to the
scorer's nineteen: each statement's length in words (log), the difference of the two, that
difference and the shorter length each times the cosine, the two readouts' sizes (log). Same
protocol as ``bench/position.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import learn  # noqa: E402
import pieces  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from readout_tui.core.engine.cache import EmbeddingCache  # noqa: E402
from readout_tui.core.engine.embedder import DEFAULT_MODEL, make_embedder  # noqa: E402

VARIANTS = (("lengths",), ("difference",), ("lengths", "difference", "with cosine"), ("sizes",))


def log_words(texts) -> np.ndarray:
    return np.log([max(len(t.split()), 1) for t in texts])


def length_features(case: learn.Case, which: tuple[str, ...]) -> np.ndarray:
    """The length features of every pair of ``case``, row-major as ``learn.dense_features``."""
    n, m = case.shape
    i, j = (a.ravel() for a in np.indices((n, m)))
    left, right = log_words(case.evidence.left.texts)[i], log_words(case.evidence.right.texts)[j]
    cosine = case.evidence.signals().cosine.ravel()
    columns = []
    if "lengths" in which:
        columns += [left, right]
    if "difference" in which:
        columns.append(np.abs(left - right))
    if "with cosine" in which:
        columns += [cosine * np.abs(left - right), cosine * np.minimum(left, right)]
    if "sizes" in which:
        columns += [np.full(n * m, np.log(n)), np.full(n * m, np.log(m))]
    return np.stack(columns, axis=1)


def main() -> None:
    threadpool_limits(1)
    cases = learn.load(learn.english_paths(), make_embedder(DEFAULT_MODEL), EmbeddingCache())
    base = {c.path: pieces.features(c, {}, ()) for c in cases}
    print("| features | pair F1 | unique F1 | fixtures | round 4 | dev case | tp / fp / fn | threshold |")
    print("|---|---|---|---|---|---|---|---|")
    pieces.evaluate(cases, base, "the scorer's nineteen")
    for which in VARIANTS:
        data = {c.path: (np.hstack([x, length_features(c, which)]), y) for c in cases for x, y in [base[c.path]]}
        pieces.evaluate(cases, data, "+ " + ", ".join(which))


if __name__ == "__main__":
    main()
