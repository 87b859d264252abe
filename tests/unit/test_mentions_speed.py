"""The mention finder's quicker patterns find exactly what the plain ones did: the look-ahead
for a pattern's first letters, the one search for any word before the four, "часа?" spelled out,
the words of an ASCII text looked up before that search."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from readout_tui.core.work import mentions as m

ROOT = Path(__file__).resolve().parents[2]
LED = re.compile(r"^\(\?=\[[^\]]+\]\)\(\?:(.*)\)$", re.DOTALL)
# Letters whose case folds are special (long s, Kelvin sign, dotted and dotless i, a Cyrillic
# variant of в), marks and spaces of several kinds.
ODD = ["ſ", "\u212a", "İ", "ı", "\u1c80", "É", "é", "Ä", "ß", "-", " ", "\u00a0", ".", "/", ",", "'", "’"]


def _pieces() -> list[str]:
    words = [*m._WORDS_LOOKED_FOR, *m._MULTIPLIERS, *m._SCALES, *m._MONTH_OF, "2024", "12", "7", "1,000", "2,5"]
    words += [w for units in m._UNITS.values() for w in re.sub(r"[()?:\[\]]", "|", units).split("|") if w]
    return [*words, *(w.upper() for w in words[:40]), *(w.capitalize() for w in words), *ODD, "Putin", "Тегеран"]


def _random_texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    pieces = _pieces()
    return ["".join(rng.choice(pieces) + rng.choice(["", " ", " ", "-", "."]) for _ in range(rng.randint(1, 9)))
            for _ in range(count)]


def _fixture_texts() -> list[str]:
    texts = []
    for path in sorted(ROOT.glob("fixtures/*/*.txt")) + sorted(ROOT.glob("fixtures/articles/*/article.txt")):
        texts += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts


def _plain(pattern: re.Pattern) -> re.Pattern:
    found = LED.match(pattern.pattern)
    assert found, pattern.pattern
    return re.compile(found.group(1), pattern.flags)


def _matches(pattern: re.Pattern, text: str) -> list:
    return [(x.span(), x.groupdict() or x.group()) for x in pattern.finditer(text)]


@pytest.mark.parametrize("name", ["_DATE", "_DURATION", "_BARE_NUMBER"])
def test_the_first_letter_look_ahead_changes_no_match(name):
    led = getattr(m, name)
    plain = _plain(led)
    for text in [*_random_texts(1, 20000), *_fixture_texts()]:
        assert _matches(led, text) == _matches(plain, text), text


def test_one_search_for_any_word_finds_one_where_any_of_the_four_would():
    old_hour = re.compile(r"(?<!\w)(?:an hour|часа?|sejam|une heure|eine Stunde)\b", re.IGNORECASE)
    assert _matches(m._WORDED_DURATION[1][0], "около часа, два часа, час") == _matches(old_hour, "около часа, два часа, час")
    four = [m._NUMBER_WORD, m._MONTH_NAME, *(w[0] for w in m._WORDED_DURATION)]
    hits = 0
    for text in [*_random_texts(2, 20000), *_fixture_texts()]:
        found = m._ANY_WORD_PATTERN.search(text) is not None
        assert found == any(p.search(text) for p in four), text
        assert _matches(m._WORDED_DURATION[1][0], text) == _matches(old_hour, text), text
        hits += found
    assert hits > 1000  # the random texts are not all without such words


def test_a_text_told_free_of_the_words_by_its_words_has_none_of_them():
    told = 0
    for text in [*_random_texts(4, 20000), *_fixture_texts(), *(t.lower() for t in _random_texts(5, 5000))]:
        if not m._may_hold_a_word(text):
            assert m._ANY_WORD_PATTERN.search(text) is None, text
            told += 1
        else:
            assert not text.isascii() or m._FIRST_WORDS & set(re.findall(r"\w+", text.lower()))
    assert told > 1000  # the quick answer is given, not only the pattern's
    # No other letter of the words folds to an ASCII one, which the pattern would match.
    letters = {c for words in m._WORDS_LOOKED_FOR for c in words if not c.isascii()}
    assert not [c for c in letters for a in map(chr, range(128)) if re.fullmatch(re.escape(c), a, re.IGNORECASE)]


def test_mentions_are_those_found_without_the_shortcuts(monkeypatch):
    texts = [*_random_texts(3, 5000), *_fixture_texts()]
    inner = {"putin", "тегеран", "may", "june"}
    quick = [list(m._in_text(t, inner)) for t in texts]
    for name in ("_DATE", "_DURATION", "_BARE_NUMBER"):
        monkeypatch.setattr(m, name, _plain(getattr(m, name)))
    monkeypatch.setattr(m, "_ANY_WORD_PATTERN", re.compile(""))  # always found: every pattern runs
    monkeypatch.setattr(m, "_may_hold_a_word", lambda text: True)
    assert [list(m._in_text(t, inner)) for t in texts] == quick
