"""Research: does where a pair stands in the two readouts help the scorer? (Measured not to:
docs/quality.md.)

    python bench/position.py

Most gold cases pair the two readouts' opening statements (each says the call took place).
Each variant adds features to the scorer's nineteen: both statements open their readout, both
close it, either opens or either closes, the distance in relative position. Same protocol as
``bench/pieces.py`` (leave-one-call-out, pairs made from the out-of-fold probabilities as the
engine's ``decide`` makes them, threshold chosen by call), with the F1s at every threshold.
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

VARIANTS = (("open",), ("open", "close"), ("open", "close", "ends"), ("open", "relative"))


def position(case: learn.Case, which: tuple[str, ...]) -> np.ndarray:
    """The position features of every pair of ``case``, row-major as ``learn.dense_features``."""
    n, m = case.shape
    i, j = (a.ravel() for a in np.indices((n, m)))
    columns = []
    if "open" in which:
        columns.append((i == 0) & (j == 0))
    if "close" in which:
        columns.append((i == n - 1) & (j == m - 1))
    if "ends" in which:
        columns += [(i == 0) | (j == 0), (i == n - 1) | (j == m - 1)]
    if "relative" in which:
        columns.append(np.abs(i / max(n - 1, 1) - j / max(m - 1, 1)))
    return np.stack(columns, axis=1).astype(np.float64)


def main() -> None:
    threadpool_limits(1)
    cases = learn.load(learn.english_paths(), make_embedder(DEFAULT_MODEL), EmbeddingCache())
    opening = sum((0, 0) in c.gold for c in cases)
    print(f"{opening} of {len(cases)} cases pair their two opening statements")
    base = {c.path: pieces.features(c, {}, ()) for c in cases}
    print("| features | pair F1 | unique F1 | fixtures | round 4 | dev case | tp / fp / fn | threshold |")
    print("|---|---|---|---|---|---|---|---|")
    pieces.evaluate(cases, base, "the scorer's nineteen", curve=True)
    for which in VARIANTS:
        data = {c.path: (np.hstack([x, position(c, which)]), y) for c in cases for x, y in [base[c.path]]}
        pieces.evaluate(cases, data, "+ " + ", ".join(which), curve=True)


if __name__ == "__main__":
    main()
