"""The progress line `compare` shows on a terminal while embedding and aligning."""

from __future__ import annotations

import io

from readout_tui.core.io.progress import ProgressLine


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def lines(written: str) -> list[str]:
    return written.split("\r\x1b[K")[1:]


def test_done_rate_and_time_left_redrawn_in_place_and_blanked_at_the_end():
    stream, clock = Terminal(), Clock()
    line = ProgressLine(stream, clock)
    aligning = line.stage("aligning", "statements")
    aligning(0, 10_000)
    clock.now += 2
    aligning(2_000, 10_000)
    clock.now += 0.05  # too soon to redraw
    aligning(2_100, 10_000)
    clock.now += 1.95
    aligning(4_000, 10_000)
    clock.now += 0.05
    aligning(10_000, 10_000)  # the last one is drawn however soon
    line.close()
    assert lines(stream.getvalue()) == [
        "aligning 0/10,000 statements",
        "aligning 2,000/10,000 statements · 1,000/s · 8 s left",
        "aligning 4,000/10,000 statements · 1,000/s · 6 s left",
        "aligning 10,000/10,000 statements · 2,469/s",
        "",
    ]


def test_the_rate_counts_from_the_first_report_not_from_before_the_work():
    stream, clock = Terminal(), Clock()
    embedding = ProgressLine(stream, clock).stage("embedding", "texts")
    clock.now += 30  # loading a model
    embedding(512, 20_480)
    clock.now += 2
    embedding(1_024, 20_480)
    assert stream.getvalue().endswith("embedding 1,024/20,480 texts · 256/s · 1 min 16 s left")


def test_nothing_on_a_pipe_or_a_file_and_nothing_to_blank_when_nothing_was_drawn(tmp_path):
    assert ProgressLine.on(io.StringIO()) is None
    with open(tmp_path / "log", "w") as file:
        assert ProgressLine.on(file) is None
    assert ProgressLine.on(None) is None
    stream = Terminal()
    ProgressLine(stream).close()
    assert stream.getvalue() == ""
