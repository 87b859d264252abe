"""Making many small objects at once, with the cyclic garbage collector paused meanwhile."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the block (or, as a decorator, the call).

    Deciding, finding mentions and writing a report make an object or a dict for each of
    ~140,000 pairs at 10,000 statements a side, and each few hundred new objects set off a
    pass of the collector over the young ones, and now and then over the whole heap: a fifth to
    a quarter of the JSON export's time. None of these objects is freed by the collector
    (reference counting frees them; they make no cycles), and anything cyclic made meanwhile is
    collected at its first pass after. Nested uses, or a collector already off, leave it as
    they found it."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
