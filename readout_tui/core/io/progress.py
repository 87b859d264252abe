"""A progress line for long work on a terminal: what is being done, how far it is, how fast it
goes and how long is left, redrawn in place on standard error."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

_CLEAR = "\r\x1b[K"
"""Back to the start of the line, and blank it: the line is redrawn where it stood."""
_EVERY = 0.1
"""Seconds between redraws at most: more often would cost more than it tells."""


class ProgressLine:
    """One line of progress on ``stream``; ``stage`` gives the callback for each piece of work,
    ``close`` blanks the line before anything else is written there."""

    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.clock = clock
        self.shown = False
        self.drawn_at = float("-inf")

    @classmethod
    def on(cls, stream: TextIO | None) -> ProgressLine | None:
        """A progress line on ``stream`` when it is a terminal; None when it is a pipe or a file,
        where a line redrawn in place would be noise for whoever reads it."""
        try:
            return cls(stream) if stream is not None and stream.isatty() else None
        except (AttributeError, ValueError):  # no isatty, or a closed stream
            return None

    def stage(self, what: str, unit: str) -> Callable[[int, int], None]:
        """The callback for one piece of work, called with (done, total). The rate is taken
        from the first call on, so that time spent before the work began (loading a model)
        does not count."""
        first: tuple[float, int] | None = None

        def report(done: int, total: int) -> None:
            nonlocal first
            now = self.clock()
            if first is None:
                first = (now, done)
            if done < total and now - self.drawn_at < _EVERY:
                return
            line = f"{what} {done:,}/{total:,} {unit}"
            since, done_then = first
            if now > since and done > done_then:
                rate = (done - done_then) / (now - since)
                line += f" · {rate:,.0f}/s"
                if done < total:
                    line += f" · {_duration((total - done) / rate)} left"
            self._draw(line, now)

        return report

    def _draw(self, line: str, now: float) -> None:
        self.stream.write(_CLEAR + line)
        self.stream.flush()
        self.shown, self.drawn_at = True, now

    def close(self) -> None:
        if self.shown:
            self.stream.write(_CLEAR)
            self.stream.flush()
            self.shown = False


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{max(seconds, 1):.0f} s"
    minutes, seconds = divmod(round(seconds), 60)
    return f"{minutes} min {seconds:02d} s"
