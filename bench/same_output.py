"""Old == new: every fixture's `readout-tui compare` output, kept before a change and checked after.

    python bench/same_output.py --save OUT          # before the change: writes OUT/<case>.<how>.json
    python bench/same_output.py --check OUT         # after it: byte for byte, prints what differs

Cases: each case folder under ``fixtures/`` and ``fixtures/gold/*/`` (JSON, split by lines and
by sentences) and each article under ``fixtures/articles/`` (JSON). Each runs the command of
this checkout in a fresh process, as a user would, with no saved session read. An engine change
meant to leave the results alone must leave every one of these files byte-identical.
"""

from __future__ import annotations

import argparse
import difflib
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT  # noqa: E402

COMMAND = [str(Path(sys.executable).with_name("readout-tui")), "compare", "--format", "json", "--no-session"]
"""The command of the Python running this (a venv's own)."""


def runs() -> list[tuple[str, list[str]]]:
    """(name, arguments) of every comparison checked."""
    fixtures = ROOT / "fixtures"
    cases = sorted(p.parent for p in [*fixtures.glob("*/left.txt"), *fixtures.glob("gold/*/*/left.txt")])
    found = []
    for case in cases:
        name = str(case.relative_to(fixtures)).replace("/", "+")
        for how in ("lines", "sentences"):
            found.append((f"{name}.{how}", [str(case / "left.txt"), str(case / "right.txt"), "--segment", how]))
    for article in sorted(fixtures.glob("articles/*/article.txt")):
        found.append((f"articles+{article.parent.name}.article", [str(article)]))
    return found


def output(arguments: list[str]) -> bytes:
    done = subprocess.run([*COMMAND, *arguments], capture_output=True, cwd=ROOT)
    return done.stdout + (b"\n[exit %d]\n" % done.returncode + done.stderr if done.returncode else b"")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--save", metavar="OUT", type=Path)
    what.add_argument("--check", metavar="OUT", type=Path)
    parser.add_argument("--only", default="", help="run only the cases whose name holds this")
    args = parser.parse_args()
    folder = args.save or args.check
    folder.mkdir(parents=True, exist_ok=True)
    differ = 0
    chosen = [(n, a) for n, a in runs() if args.only in n]
    for name, arguments in chosen:
        got, kept = output(arguments), folder / f"{name}.json"
        if args.save:
            kept.write_bytes(got)
        elif not kept.exists() or kept.read_bytes() != got:
            differ += 1
            old = kept.read_text(encoding="utf-8", errors="replace") if kept.exists() else ""
            print(f"DIFFERS {name}")
            changes = difflib.unified_diff(
                old.replace(", ", ",\n").splitlines(), got.decode(errors="replace").replace(", ", ",\n").splitlines(),
                lineterm="", n=0,
            )
            print("\n".join(list(changes)[2:22]))
    print(f"{len(chosen)} outputs {'saved' if args.save else 'checked'}, {differ} differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
