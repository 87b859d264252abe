"""One-sided mentions are looked up in an index of the other side: the result must be the rule
of ``core/work/mentions.py`` applied to every pair of mentions, written out plainly here (with
the module's own test of two word forms, which is not what the index changes)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from readout_tui.core.io.loading import load_comparison, readout_from_text
from readout_tui.core.work import mentions as module
from readout_tui.core.work.mentions import Mention, _same_word, mentions, one_sided

FIXTURES = sorted(p.parent for p in (Path(__file__).resolve().parents[2] / "fixtures").glob("*/left.txt"))


def is_acronym(mention: Mention, names: list[tuple[str, ...]]) -> bool:
    letters = mention.text.replace(".", "")
    if len(letters) < 2 or not letters.isupper() or not letters.isalpha():
        return False
    return any(
        len(name) > 1 and "".join(w[0] for w in name if w not in module._PARTICLE_WORDS) == letters.casefold()
        for name in names
    )


def shared(mention: Mention, others: list[Mention], words: set[str]) -> bool:
    """The rule, one pair at a time."""
    if mention.kind == "number":
        return any(mention.key[1] in module._values(other) for other in others)
    if mention.kind != "name":
        return any(other.key == mention.key for other in others)
    names = [m for m in others if m.kind == "name"]
    if any(module._countries(mention) & module._countries(name) for name in names):
        return True
    if is_acronym(mention, [s for name in names for s in module._spellings(name)]):
        return True
    if any(is_acronym(name, module._spellings(mention)) for name in names):
        return True
    last = mention.parts[-1] if mention.parts else mention.key[1:]
    content = [w for w in last if module._content(w)] or list(last)
    found = [any(_same_word(w, o) or _same_word(module._latin(w), module._latin(o)) for o in words) for w in content]
    return found[-1] or sum(found) * 2 >= len(found)


def alone(found: list[Mention], others: list[Mention], words: set[str]) -> list[Mention]:
    """The mentions of ``found`` the other side lacks, listed as ``one_sided`` lists them: a
    name and the acronym given for it shared together, and each name once (``_merged``, which
    is not what the index changes)."""
    known = {m.key for m in found if shared(m, others, words)}
    same = module._same_as(found)
    return list(module._merged([m for m in found if m.key not in known and known.isdisjoint(same.get(m.key, ()))]))


def check(left, right):
    inner = module._capitalised_inside([*left.texts, *right.texts])
    found = {"left": mentions(left, inner), "right": mentions(right, inner)}
    words = {"left": module._words(left.texts), "right": module._words(right.texts)}
    result = one_sided(left, right)
    assert list(result.left) == alone(found["left"], found["right"], words["right"])
    assert list(result.right) == alone(found["right"], found["left"], words["left"])


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


def test_a_word_is_found_among_the_other_sides_words_that_begin_alike():
    # Sorted, the other side's words run "kazakhs", "kazakhstan", "kazakhstani", "kazakhstanis":
    # the match lies past words that share a shorter start.
    left, right = readout_from_text("Then the Kazakhstanis met.", "L", "lines"), readout_from_text(
        "Kazakhs and Kazakhstan and the Kazakhstani side met.", "R", "lines"
    )
    assert [m.text for m in one_sided(left, right).left] == []
    left = readout_from_text("Then the Kazakhstanis met.", "L", "lines")
    right = readout_from_text("Kazakhs and Kazak met.", "R", "lines")
    assert [m.text for m in one_sided(left, right).left] == ["Kazakhstanis"]


def test_a_mention_repeated_by_many_statements_lists_each_once_in_order():
    text = "\n".join(f"Russian talks {k}, Russian side." for k in range(3000))
    (russian,) = [m for m in mentions(readout_from_text(text, "L", "lines")) if m.kind == "name"]
    assert russian.statements == tuple(range(3000))
