"""A pure-Python step run in a thread beside the alignment, so that the two cores work together.

The alignment spends most of its time in numpy's matrix products and element-wise passes,
which release the GIL; a step that needs only the readouts (the mention finder) can run
meanwhile on the other core instead of after it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Beside(Generic[T]):
    """``call(*args)`` started in a thread now; ``result()`` waits for it and gives its value,
    or raises what it raised, where the caller would have called it in line."""

    def __init__(self, call: Callable[..., T], *args: object) -> None:
        self._value: T | None = None
        self._error: BaseException | None = None
        # A daemon: an interrupted or failed comparison exits at once, not after this step.
        self._thread = threading.Thread(target=self._run, args=(call, args), name="readout-tui beside", daemon=True)
        self._thread.start()

    def _run(self, call: Callable[..., T], args: tuple) -> None:
        try:
            self._value = call(*args)
        except BaseException as error:  # handed to the caller by result()
            self._error = error

    def result(self) -> T:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]
