"""Which country a place or an institution speaks for: "Ottawa said", "как сообщили в Баку",
"according to the Amiri Diwan", "VNA melaporkan".

An article often names a government by its capital, its seat or its news agency, which the
article itself never joins to the leader ("Carney accepted Xi's invitation, Ottawa said"). The
table (``places.json``, written by ``bench/places.py`` from pycountry, GeoNames and countryinfo
with seats and agencies added) gives each name's country. Names are matched by their last word, with
the same keys as the article's names (``tokens.name_key``), as the article joins a name's
words to its last; a word that two countries' names end with ("House", "Istana", "Republic")
is no one's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from readout_tui.core.engine.attribution.tokens import CYRILLIC, name_key

TABLE = Path(__file__).with_name("places.json")
_WORD = re.compile(r"\w+(?:[-'’.]\w+)*")
"""A word as the article's tokens are (``tokens._TOKEN``): "Nur-Sultan" is one."""


def country_of(key: str) -> str | None:
    """The ISO code of the one country whose names have the word keyed ``key``, or None."""
    return _countries().get(key)


def named_whole(key: str, named: Callable[[str], bool]) -> bool:
    """Whether the article names the place ``key`` ends in whole: where every name of the table
    that ends in ``key`` has more words, the article names each word of one of them too, in any
    order (``named``: whether a word's key is among the article's names). "High Commission" ends
    as "European Commission" does; "Directorate of Communications" is Türkiye's "Communications
    Directorate"."""
    fronts = _fronts().get(key)
    return fronts is None or any(all(named(word) for word in front) for front in fronts)


@lru_cache(maxsize=1)
def _fronts() -> dict[str, list[tuple[str, ...]]]:
    """For each key that only names of several words end in, the keys of their other words."""
    found: dict[str, list[tuple[str, ...]]] = {}
    single: set[str] = set()
    for names in _table().values():
        for name in names:
            words = _WORD.findall(name)
            if not words or len(words[-1]) <= 1:
                continue
            key = name_key(words[-1])
            if len(words) == 1:
                single.add(key)
            else:
                found.setdefault(key, []).append(tuple(name_key(w) for w in words[:-1]))
    return {key: fronts for key, fronts in found.items() if key not in single}


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    found: dict[str, set[str]] = {}
    for code, names in _table().items():
        for name in names:
            words = _WORD.findall(name)
            # A name of several words by its last, as the article's names are joined ("Costa
            # Rica" by "Rica": "António Costa" is no place).
            if words and len(words[-1]) > 1:
                found.setdefault(name_key(words[-1]), set()).add(code)
    return {key: next(iter(codes)) for key, codes in found.items() if len(codes) == 1}


def is_adjective(word: str) -> bool:
    """Whether ``word`` is a country's adjective rather than its name, by the names the table
    gives that country: a name that extends it as a country's name does ("German" of "Germany",
    "Uzbek" of "Uzbekistan", "Czech" of "Czechia"), or one it extends with "-i" ("Israeli" of
    "Israel", "Pakistani" of "Pakistan")."""
    code = country_of(name_key(word))
    if code is None:
        return False
    for name in _table()[code]:
        if name == word or not _WORD.fullmatch(name):
            continue
        if name.startswith(word) and name[len(word) :] in _COUNTRY_ENDINGS:
            return True
        if word.startswith(name) and word[len(name) :] == "i":
            return True
    return False


_COUNTRY_ENDINGS = ("y", "ia", "stan", "istan")


@lru_cache(maxsize=1)
def _table() -> dict[str, list[str]]:
    return json.loads(TABLE.read_text(encoding="utf-8"))


def russian_nominative(word: str) -> str:
    """The table's one-word Russian name that ``word`` is a case or the adjective of: the
    longest that ``word`` begins with ("Ташкент" for "Ташкенте", "Азербайджан" for
    "Азербайджанский"), else one whose last letter is the ending ``word`` changes ("Москва"
    for "Москве", "Россия" for "Российский"); "" for none. A word ending in a consonant is
    a nominative already ("Мускар" is not the case of a place "Мускав")."""
    if not _RU_CASE_ENDING.search(word):
        return ""
    names = _russian_names().get(name_key(word), ())
    prefixes = [name for name in names if word.startswith(name)]
    if prefixes:
        found = max(prefixes, key=lambda name: (len(name), name))
        # The table has some oblique forms too ("Акорды", "Канберре"): their "-а"/"-я" name.
        nominative = next((f"{word[:-1]}{end}" for end in "ая" if f"{word[:-1]}{end}" in names), "")
        return nominative if found == word and word[-1] in "ыиеую" and nominative else found
    stems = [name for name in names if _RU_REPLACED_END.search(name) and word.startswith(name[:-1])]
    if stems:
        return min(stems, key=lambda name: (len(name), name))
    # A vowel the cases drop ("Египта", "Египте": Египет).
    return _russian_fleeting().get(_RU_CASE_ENDING.sub("", word), "")


_RU_CASE_ENDING = re.compile(r"[аеиоуыюяй]$", re.IGNORECASE)
_RU_REPLACED_END = re.compile(r"[аеиоуыюяйь]$", re.IGNORECASE)
"""The nominative's last letter that a case ending takes the place of ("Москва", "Кремль")."""


def russian_name_nominative(words: list[str]) -> list[str]:
    """The table's Russian name of several words that ``words`` are a case of, word by word
    ("Пула Первого": Пул Первого), else ``words``."""
    for name in _russian_multiword().get(name_key(words[0]), ()):
        parts = name.split()
        if len(parts) == len(words) and all(
            w == n or (w.startswith(n) and _RU_CASE_ENDING.search(w) and len(w) - len(n) <= 2)
            for w, n in zip(words, parts, strict=True)
        ):
            return parts
    return words


_RU_ADJECTIVE_CASE = re.compile(r"(?:ого|ому|ом|ым|ый|ий|ой|ая|ую)$")


def russian_adjective_name(word: str) -> list[str]:
    """The table's one Russian name of several words whose first word, an adjective, ``word``
    is a case of ("Белого" of "Белого дома": Белый дом; "Елисейском": Елисейский дворец), the
    noun after it being written in lower case and so in no name of the article's; else []."""
    if not _RU_ADJECTIVE_CASE.search(word):
        return []
    names = _russian_multiword().get(name_key(word), set())
    return next(iter(names)).split() if len(names) == 1 else []


@lru_cache(maxsize=1)
def _russian_multiword() -> dict[str, set[str]]:
    return _russian_by(lambda name: " " in name, lambda name: name_key(name.split()[0]))


@lru_cache(maxsize=1)
def _russian_fleeting() -> dict[str, str]:
    """The table's one-word Russian names whose last vowel the cases drop, by the stem they
    leave ("Египт": Египет)."""
    found: dict[str, set[str]] = {}
    for names in _russian_names().values():
        for name in names:
            if len(name) > 4 and name[-2] in "еоё" and not _RU_REPLACED_END.search(name):
                found.setdefault(name[:-2] + name[-1], set()).add(name)
    return {stem: next(iter(names)) for stem, names in found.items() if len(names) == 1}


@lru_cache(maxsize=1)
def _russian_names() -> dict[str, set[str]]:
    return _russian_by(_WORD.fullmatch, name_key)


def _russian_by(fits: Callable[[str], object], key_of: Callable[[str], str]) -> dict[str, set[str]]:
    """The table's capitalised Russian names that ``fits``, by ``key_of``."""
    found: dict[str, set[str]] = {}
    for names in _table().values():
        for name in names:
            if name[:1].isupper() and CYRILLIC.match(name.casefold()) and fits(name):
                found.setdefault(key_of(name), set()).add(name)
    return found
