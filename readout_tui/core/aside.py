"""Work that needs only what it is given, done in a child process beside the caller's own.

At thousands of statements a side, some work needs only the two readouts (the mentions one
side makes and the other lacks, for every export but text) and could run on the second core
while the engine compares the statements. A Python thread gains nothing there: the engine's
reach takes the interpreter lock back too often for a thread beside it to get anywhere, and
slows the reach down. A process does overlap (docs/performance.md, sixth and seventh rounds).

``Aside.start(function, *args)`` runs ``function(*args)`` in a child and ``result()`` returns
what it returned, or raises what it raised. A child that cannot be started, or that dies
without an answer, leaves the work to ``result()``, which then does it in this process: the
function must be pure (the same answer wherever it runs). The child never outlives the
``Aside``: closing it (``close``, or leaving its ``with`` block, on an error or Ctrl-C as well)
ends a child still working; the child ignores Ctrl-C itself (the terminal sends it to the
whole process group) and leaves this process's answer to it; on Linux it is also ended if this
process dies.

The child is forked where that is safe: ``fork`` exists, not on macOS (where forking a process
that has used system frameworks is not), and no thread other than this one has been started
(a fork copies only the calling thread; a lock another thread held would stay locked in the
child). Elsewhere it is spawned: a fresh interpreter that imports ``function``'s module and is
sent the arguments pickled, which costs more to start (docs/performance.md).

Work whose answer is wanted late (``wanted_late``: the mentions, wanted by the export; the kind
model's readings, wanted after the reach) runs niced in its child, so that this process and the
children it waits for sooner get the cores first, and the late ones the time they leave idle.

``multiprocessing.Process`` and a pipe, not ``concurrent.futures.ProcessPoolExecutor``: the
executor offers no way to end a worker that is still running (before Python 3.14), and it
starts a thread of its own in this process.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")

_ENDED_WITHIN = 2.0
"""Seconds a child is given to end after SIGTERM before it is killed."""

LATE_NICENESS = 10
"""How much a child doing work wanted late (``wanted_late``) lowers its priority: at 10 the
kernel gives it about a tenth of a core that this process also wants, all of an idle one."""


def wanted_late(function: Callable[..., T]) -> Callable[..., T]:
    """Marks ``function`` as work whose answer is wanted well after it starts: in a child
    (``Aside``) it then runs at a lower priority. Started as soon as its inputs are known, it
    otherwise took its share of the cores from the work this process needs first (at 10,000
    statements a side, the word table, the texts to embed and the reach; docs/performance.md,
    tenth round). Where it runs in this process, its priority is left alone."""
    function.aside_late = True  # type: ignore[attr-defined]
    return function


class Aside(Generic[T]):
    """``function(*args)``, in a child process when one could be started (``how`` says which:
    "fork", "spawn" or "here")."""

    def __init__(self, function: Callable[..., T], *args: Any) -> None:
        self._function = function
        self._args = args
        self._process: Any = None
        self._connection: Any = None
        self._answer: tuple[bool, Any] | None = None
        self.how = "here"

    @classmethod
    def start(
        cls, function: Callable[..., T], *args: Any, child: bool = True, method: str | None = "auto"
    ) -> Aside[T]:
        """``function(*args)`` started in a child (``child`` False: done here, when asked);
        ``method``: "fork" or "spawn" instead of the one ``start_method`` chooses, when
        ``spare_core`` says a core is free (None: none to be had, done here)."""
        aside = cls(function, *args)
        if method == "auto":
            method = chosen_method()
        if child:
            aside._start(method)
        return aside

    def _start(self, method: str | None) -> None:
        if method is None:
            return
        import multiprocessing

        receiving = sending = None
        try:
            context = multiprocessing.get_context(method)
            receiving, sending = context.Pipe(duplex=False)
            process = context.Process(
                target=_run, args=(sending, os.getpid(), self._function, self._args), daemon=True, name="aside"
            )
            # What this process has buffered would be written again by a forked child.
            for stream in (sys.stdout, sys.stderr):
                if stream is not None:
                    stream.flush()
            process.start()
        except Exception:  # no process to be had here (limits, a sandbox, a daemonic parent...)
            for end in (receiving, sending):
                if end is not None:
                    end.close()
            return
        # This end's copy of the sending end closed, a child that dies is read as the end of
        # the pipe instead of a wait for ever.
        sending.close()
        self._process, self._connection, self.how = process, receiving, method

    def result(self) -> T:
        """What ``function(*args)`` returned (the same object at each call), or what it raised."""
        if self._answer is None:
            self._answer = self._fetched()
        done, value = self._answer
        if not done:
            raise value
        return value

    def _fetched(self) -> tuple[bool, Any]:
        if self._process is not None:
            try:
                # Read before the child is waited for: an answer larger than the pipe holds
                # keeps the child writing until it is read.
                return self._connection.recv()
            except Exception:  # noqa: BLE001
                # The child died without an answer (EOF), or its answer would not unpickle here
                # (an exception whose constructor wants other arguments): done here below.
                pass
            finally:
                self.close()
        try:
            return True, self._function(*self._args)
        except Exception as error:
            return False, error

    def close(self) -> None:
        """End the child if it is still working (its answer is then lost)."""
        process, self._process = self._process, None
        if process is None:
            return
        self._connection.close()
        if process.is_alive():
            process.terminate()
        process.join(_ENDED_WITHIN)
        if process.is_alive():
            process.kill()
            process.join()
        process.close()

    @property
    def child(self) -> int | None:
        """The child's process id while it may be running; None otherwise."""
        return None if self._process is None else self._process.pid

    def __enter__(self) -> Aside[T]:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        self.close()


def chosen_method() -> str | None:
    """How a child is started here and now: ``start_method``, if ``spare_core``; else None."""
    return start_method() if spare_core() else None


def spare_core() -> bool:
    """Whether a core is likely to be free for a child: two or more for this process, and a
    load average (1 min) at least half a core below their number. On a machine kept busy by
    other work, a child only takes its turn from this process and adds its own start and
    sending back (docs/performance.md, seventh round: no wall time gained at load 2.4-3.4 on
    2 cores). Where the load average is unknown, assumed free.

    An answer holds for ``SPARE_HOLDS`` seconds: the load average soon counts this process's
    own work and its children's, and asked again a few seconds on, it took the command's own
    load for other work and refused the children wanted last (on a quiet machine, at 10,000
    statements a side, the kinds' and the JSON pairs'; docs/performance.md, tenth round)."""
    global _spare
    now = time.monotonic()
    if _spare is None or now - _spare[0] >= SPARE_HOLDS:
        _spare = (now, _spare_now())
    return _spare[1]


SPARE_HOLDS = 60.0
"""Seconds a ``spare_core`` answer is kept: the load average's own window."""
_spare: tuple[float, bool] | None = None


def _spare_now() -> bool:
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    if cores < 2:
        return False
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        return True
    return load <= cores - 0.5


def start_method() -> str | None:
    """"fork" where it is safe (see the module's note), else "spawn"; None where neither is."""
    # Imported here: ~20-30 ms that a small comparison, which starts no child, is spared.
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and sys.platform != "darwin" and threading.active_count() == 1:
        return "fork"
    return "spawn" if "spawn" in methods else None


def _run(sending: Any, parent: int, function: Callable[..., Any], args: tuple) -> None:
    """The child: ``function(*args)``, its answer (done, value) sent back pickled."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _end_with(parent)
    if getattr(function, "aside_late", False):
        _lower_priority()
    try:
        answer: tuple[bool, Any] = (True, function(*args))
    except BaseException as error:  # noqa: BLE001 - every failure goes back to the parent
        answer = (False, error)
    try:
        sending.send(answer)
    except BrokenPipeError:
        return  # nobody is waiting any more
    except Exception as error:  # the value or the error would not pickle: say so instead
        what = f"{'value' if answer[0] else 'error'} {type(answer[1]).__name__}"
        why = f"the aside's {what} could not be sent back: {type(error).__name__}: {error}"
        sending.send((False, RuntimeError(why)))


def _lower_priority() -> None:
    try:
        os.nice(LATE_NICENESS)
    except (AttributeError, OSError):  # no nice here (Windows): the work is done all the same
        pass


def _end_with(parent: int) -> None:
    """On Linux, have the kernel end this child when the process that started it dies."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # it died before the request was made
        os._exit(1)
