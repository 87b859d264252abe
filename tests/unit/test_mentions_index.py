"""The indexed mention finder gives exactly what the pairwise one gave (kept until the pairwise
code is removed)."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from readout_tui.core.engine.names import capitalised_inside
from readout_tui.core.io.loading import load_comparison, readout_from_text
from readout_tui.core.work import mentions as module

FIXTURES = sorted(p for p in (Path(__file__).resolve().parents[2] / "fixtures").iterdir() if p.is_dir())


def old_mentions(readout, inner):
    merged = {}
    for statement in readout.statements:
        for mention in module._in_text(statement.text, inner):
            known = merged.get(mention.key)
            where = (known.statements if known else ()) + (statement.index,)
            first = known or mention
            merged[mention.key] = replace(first, statements=tuple(dict.fromkeys(where)))
    return list(merged.values())


def check(left, right):
    inner = capitalised_inside([*left.texts, *right.texts])
    for r in (left, right):
        assert module.mentions(r, inner) == old_mentions(r, inner)
    assert module.one_sided(left, right) == module.one_sided_pairwise(left, right)


@pytest.mark.parametrize("case", FIXTURES, ids=lambda p: p.name)
@pytest.mark.parametrize("mode", ["sentences", "lines"])
def test_fixtures(case, mode):
    c = load_comparison([str(case)], mode)
    check(c.left, c.right)
    check(c.right, c.left)


WORDS = (
    "Russia Russian Russians Rus Austria Australia Australian Aust Iran Iranian Ira United Nations UN U.N. "
    "Secretary-General of the Bank England Japan International Atomic Energy Agency IAEA IAE NATO North "
    "Atlantic Treaty Organization Red Cross ICRC Committee Путин Путина Россия России Ираном с и Biden Joseph R. "
    "Jr. Xi Jinping von der Leyen Ursula de la Défense Mohammed bin Salman Gaza Strip talks the on in and for "
    "discussed about call lasted 50 fifty minutes 45 hours 10 December 7 October 2023 2024-01-15 10.12.2023 "
    "June May March 1,000 1000 2,5 two hundred half an hour пятидесяти минут около часа COVID-19 50-minute "
    "EU E.U. European Union ASEAN Association of Southeast Asian AAA Abc Abcd Abcde Abcdefgh Abcdefghij Abcdefxyz"
).split()


def generated(rng: random.Random, count: int) -> str:
    lines = []
    for _ in range(count):
        words = [rng.choice(WORDS) for _ in range(rng.randint(3, 14))]
        punctuation = rng.choice(["", ".", ",", "."])
        lines.append(" ".join(words) + punctuation)
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(40))
def test_generated(seed):
    rng = random.Random(seed)
    left = readout_from_text(generated(rng, rng.randint(1, 60)), "L", "lines")
    right = readout_from_text(generated(rng, rng.randint(1, 60)), "R", "lines")
    check(left, right)
