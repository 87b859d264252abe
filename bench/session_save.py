"""How large a session file grows and how long a save takes, with a long note and many edits.

Two sessions of 100 edits on the bundled example, each with a note of about 1 MB: one where
the other 99 edits are short notes beside it, one where every edit changes the long note (a
sentence added each time). For each it prints the file's size; the median time of the first
save of a store (every difference worked out, as after reopening), of a save after one more
edit (what the app does after every edit), and of a load; and, as the baseline measured in the
same run, the size of the same history stored as whole copies of the decisions (how version 1
of the file stored it). Run from the repository:

    PYTHONPATH=. python bench/session_save.py [--repeat 7]

Target (issue 16): under 5 MB, a save under 0.2 s.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from readout_tui.core.io.loading import load_comparison
from readout_tui.core.work.decisions import Decisions, Journal, records
from readout_tui.core.work.session import HISTORY_KEPT, Session, SessionStore

EXAMPLE = Path(__file__).resolve().parents[1] / "readout_tui" / "examples" / "netanyahu-putin-2023-12-10"
NOTE = "A long note. " * 80_000
"""About 1 MB."""


def journals() -> dict[str, Journal]:
    beside = Journal()
    beside.record("long note", Decisions().note(("left", 0), NOTE))
    for k in range(99):
        beside.record(f"edit {k}", beside.current.note(("right", k % 3), f"short note {k}"))
    of_it = Journal()
    for k in range(100):
        of_it.record(f"edit {k}", of_it.current.note(("left", 0), f"{NOTE} and addition {k}."))
    return {"a 1 MB note and 99 other edits": beside, "100 edits of a 1 MB note": of_it}


def session(journal: Journal) -> Session:
    return Session(journal.current, undo=journal.undo_steps, redo=journal.redo_steps)


def whole_copies_size(journal: Journal) -> int:
    """The history as version 1 stored it: every step holding all the decisions."""
    steps = [{"what": what, **records(d)} for what, d in journal.undo_steps[-HISTORY_KEPT:]]
    return len(json.dumps(steps, ensure_ascii=False, indent=1).encode("utf-8"))


def timed(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="saves and loads timed per session (median)")
    args = parser.parse_args()
    print(f"{'session':32} {'file':>8} {'1st save':>9} {'after edit':>11} {'load':>7} {'whole copies':>13}")
    with tempfile.TemporaryDirectory() as folder:
        case = Path(folder) / "case"
        shutil.copytree(EXAMPLE, case)
        comparison = load_comparison([str(case)], "lines")
        for name, journal in journals().items():
            first = timed(lambda j=journal: SessionStore.of(comparison).save(session(j), comparison), args.repeat)
            store = SessionStore.of(comparison)
            store.save(session(journal), comparison)
            count = iter(range(10**6))

            def edit_and_save(journal=journal, store=store, count=count):
                journal.record("one more", journal.current.note(("right", 2), f"edit {next(count)}"))
                store.save(session(journal), comparison)

            after_edit = timed(edit_and_save, args.repeat)
            load = timed(lambda store=store: store.load(comparison), args.repeat)
            size = store.path.stat().st_size
            print(
                f"{name:32} {size / 2**20:6.2f}MB {first:8.3f}s {after_edit:10.3f}s {load:6.3f}s"
                f" {whole_copies_size(journal) / 2**20:11.1f}MB"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
