"""Making many small objects at once, with the cyclic garbage collector paused meanwhile."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
"""How many pauses are under way, in any thread."""
_restore = False
"""Whether the last pause to end turns the collector back on (it was on when the first began)."""


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the block (or, as a decorator, the call).

    Deciding, finding mentions and writing a report make an object or a dict for each of
    ~140,000 pairs at 10,000 statements a side, and each few hundred new objects set off a
    pass of the collector over the young ones, and now and then over the whole heap: a fifth to
    a quarter of the JSON export's time. None of these objects is freed by the collector
    (reference counting frees them; they make no cycles), and anything cyclic made meanwhile is
    collected at its first pass after. Nested uses, or a collector already off, leave it as
    they found it.

    The collector is one for the process: pauses in two threads at once (the mention finder
    runs beside the alignment, ``core.beside``) are counted, so the first to end does not turn
    it back on under the other."""
    global _pauses, _restore
    with _lock:
        if _pauses == 0:
            _restore = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _restore:
                gc.enable()
