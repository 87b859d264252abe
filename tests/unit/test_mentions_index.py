"""The indexed mention finder gives exactly what the pairwise one gave (``old_mentions`` is
the module before the index; both are kept until the old one is removed)."""

from __future__ import annotations

import random
from dataclasses import astuple
from pathlib import Path

import old_mentions
import pytest

from readout_tui.core.engine.names import capitalised_inside
from readout_tui.core.io.loading import load_comparison, readout_from_text
from readout_tui.core.work import mentions as module

FIXTURES = sorted(p for p in (Path(__file__).resolve().parents[2] / "fixtures").iterdir() if p.is_dir())


def fields(found):
    return [astuple(m) for m in found]


def check(left, right):
    inner = capitalised_inside([*left.texts, *right.texts])
    for r in (left, right):
        assert fields(module.mentions(r, inner)) == fields(old_mentions.mentions(r, inner))
        for text in r.texts:
            assert fields(module._in_text(text, inner)) == fields(old_mentions._in_text(text, inner))
    new, old = module.one_sided(left, right), old_mentions.one_sided(left, right)
    assert (fields(new.left), fields(new.right), new.names) == (fields(old.left), fields(old.right), old.names)


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
    "June May March Mar mar 1,000 1000 2,5 two hundred half an hour пятидесяти минут около часа COVID-19 50-minute "
    "EU E.U. European Union ASEAN Association of Southeast Asian AAA Abc Abcd Abcde Abcdefgh Abcdefghij Abcdefxyz "
    "Israel's ISRAEL'S 中AB 中AB's ǅX one One ONE ſix Six sixty-five TİGA tiga lima puluh menit сорок пять минут "
    "Международного комитета Красного Креста поддержала ١٢ ٢٠٢٣ 12/03/2023 3.5 2.5.2024 « » ( ) : ; ! ? - — _Abc a-Bc x'Abc Ⅻ ² 2G o'Brien O'Brien AB's A--B ab-CD IV. Ab_Cd"
).split()


def generated(rng: random.Random, count: int) -> str:
    lines = []
    for _ in range(count):
        words = [rng.choice(WORDS) for _ in range(rng.randint(1, 16))]
        glue = rng.choice([" ", " ", " ", ", ", ". ", "-"])
        lines.append(glue.join(words) + rng.choice(["", ".", ",", "."]))
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(40))
def test_generated(seed):
    rng = random.Random(seed)
    left = readout_from_text(generated(rng, rng.randint(1, 60)), "L", "lines")
    right = readout_from_text(generated(rng, rng.randint(1, 60)), "R", "lines")
    check(left, right)
