"""How far two annotators agree on the same material: the ceiling for the engine's figures.

    python bench/agreement.py

``fixtures/gold/agreement/<case>/gold.json`` is a second annotation, made blind by another
hand from the two sides' texts and labels alone, of cases whose first gold is in
``fixtures/gold/round*/<case>/``. Printed: pair F1 and unique F1 of one against the other (as
``../shared/eval/score.py`` counts them; F1 is symmetric), and on the pairs both made, how often
they give the same kind, with Cohen's kappa.

``fixtures/articles/agreement/<case>/attribution.json`` likewise gives each statement of an
article of ``fixtures/articles/<case>/`` a side, from the article, its statements and the two
sides' labels alone: printed, how often the two annotations give the same side, per language."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, f1  # noqa: E402

GOLD = ROOT / "fixtures" / "gold"
ARTICLES = ROOT / "fixtures" / "articles"


def annotation(path: Path) -> tuple[dict[tuple[int, int], str], set[tuple[str, int]]]:
    gold = json.loads(path.read_text(encoding="utf-8"))
    pairs = {(p["left"], p["right"]): p["kind"] for p in gold["pairs"]}
    unique = {("L", i) for i in gold["unique_left"]} | {("R", i) for i in gold["unique_right"]}
    return pairs, unique


def readouts() -> None:
    pairs = [0, 0, 0]  # both, first only, second only
    unique = [0, 0, 0]
    kinds: list[tuple[str, str]] = []
    cases = sorted(p for p in (GOLD / "agreement").iterdir() if p.is_dir())
    for second_path in cases:
        [first_path] = GOLD.glob(f"round*/{second_path.name}/gold.json")
        first, first_unique = annotation(first_path)
        second, second_unique = annotation(second_path / "gold.json")
        shared = first.keys() & second.keys()
        for total, a, b in ((pairs, set(first), set(second)), (unique, first_unique, second_unique)):
            total[0] += len(a & b)
            total[1] += len(a - b)
            total[2] += len(b - a)
        kinds += [(first[k], second[k]) for k in sorted(shared)]
    same = sum(a == b for a, b in kinds) / len(kinds)
    share = [sum(k[i] == "agree" for k in kinds) / len(kinds) for i in (0, 1)]
    chance = share[0] * share[1] + (1 - share[0]) * (1 - share[1])
    print(f"{len(cases)} cases; pairs: first {pairs[0] + pairs[1]}, second {pairs[0] + pairs[2]}, both {pairs[0]}")
    print(f"pair F1 {f1(tuple(pairs)):.3f}, unique F1 {f1(tuple(unique)):.3f}")
    print(
        f"kind on the {len(kinds)} pairs both made: the same {same:.1%} "
        f"(\"agree\": first {share[0]:.0%}, second {share[1]:.0%}; Cohen's kappa {(same - chance) / (1 - chance):.2f})"
    )


def articles() -> None:
    same: dict[str, list[int]] = {}
    cases = sorted(p for p in (ARTICLES / "agreement").iterdir() if p.is_dir())
    for second_path in cases:
        first = json.loads((ARTICLES / second_path.name / "attribution.json").read_text(encoding="utf-8"))
        second = json.loads((second_path / "attribution.json").read_text(encoding="utf-8"))
        assert len(first["statements"]) == len(second["statements"]), second_path.name
        counts = same.setdefault(first["language"], [0, 0])
        for a, b in zip(first["statements"], second["statements"]):
            counts[0] += a["side"] == b["side"]
            counts[1] += 1
    agreed, total = (sum(c[i] for c in same.values()) for i in (0, 1))
    by_language = ", ".join(f"{lang} {c[0]}/{c[1]}" for lang, c in sorted(same.items()))
    print(f"{len(cases)} articles; the same side for {agreed}/{total} = {agreed / total:.1%} of the statements ({by_language})")


if __name__ == "__main__":
    readouts()
    articles()
