"""An article's words, and which of them are names."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from readout_tui.core.engine import cues
from readout_tui.core.engine.names import opens_sentence
from readout_tui.core.engine.words import stem

_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    name: bool
    """Capitalised (or an acronym), not one of the languages' function words, and, at the
    start of a sentence, a word the article also capitalises inside one, a possessive
    ("Freedonia's"), or followed by a verb of saying ("Rowan wrote")."""
    title: bool = False
    """A leader's title ("President", "Perdana Menteri", "премьер-министр"); "minister"
    only after "prime" ("Foreign Minister" is a role)."""

    @property
    def word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "_"

    @property
    def folded(self) -> str:
        return self.text.casefold()


def read_tokens(text: str, inside: set[str]) -> list[Token]:
    matches = list(_TOKEN.finditer(text))
    found = []
    inside_keys: set[str] | None = None
    headline_case = _title_cased(matches)
    for k, match in enumerate(matches):
        word = match.group()
        name = False
        title = cues.is_title(word) or (
            cues.key(word) in cues.MINISTERS and k > 0 and cues.key(matches[k - 1].group()) in cues.PRIME
        )
        if (
            word[0].isupper() and cues.is_function_word(word) and not headline_case
            and _continues_name(text, matches, found, k)
        ):
            # "the United States": a name's next word, though the lists know it lowercase
            # ("states" says); a country of two words stays one name.
            name = True
        elif word[0].isupper() and not cues.is_function_word(word) and not cues.is_weekday(word):
            # A day ("on Friday, Mr Kornelius said") names no one who could speak.
            name = (
                not opens_sentence(text, match.start())
                or bare(word).casefold() in inside
                or word.isupper()
                or bare(word) != word
                or says(matches, k + 1)
                or _name_follows(matches, k + 1)
            )
            if not name:
                # "Мускар, в свою очередь, ...": the article writes it inside a sentence in
                # another case ("с Мускаром").
                if inside_keys is None:
                    inside_keys = {name_key(w) for w in inside if CYRILLIC.match(w)}
                name = CYRILLIC.match(word.casefold()) is not None and name_key(word) in inside_keys
        elif _particle_name(word):
            name = True  # "ас-Сиси", "al-Ruwaili": a particle joined to a name
        elif _acronym(word) and not title and not cues.is_role(word) and not cues.is_office_noun(word):
            name = True  # "AS" (Amerika Serikat) is no English "as"
        if name and _REGNAL.fullmatch(word) and found and found[-1].name:
            name = False  # "King Charles III": the number of a name, not a name
        found.append(Token(word, match.start(), match.end(), name, title))
    return found


_REGNAL = re.compile(r"[IVX]{2,4}")


def _title_cased(matches: list[re.Match]) -> bool:
    """Whether a text capitalises the words of the lists too ("Putin And Xi Discuss Trade In
    Phone Call"), as some headlines do: there a capitalised "And" or "In" says nothing of a
    name. A sentence full of names ("Zemblan President Tom Rowan spoke with ...") leaves its
    small words in lower case."""
    known = [m.group() for m in matches[1:] if m.group()[0].isalpha() and cues.is_function_word(m.group())]
    small = [w for w in known if not (cues.is_title(w) or cues.is_role(w) or cues.is_office_noun(w))]
    return bool(small) and all(w[0].isupper() for w in small)


def _continues_name(text: str, matches: list[re.Match], found: list[Token], k: int) -> bool:
    """Whether the capitalised word ``k`` goes on the name right before it (one space
    between), inside a sentence."""
    if k == 0 or not found[-1].name or found[-1].title or matches[k].start() - matches[k - 1].end() != 1:
        return False
    if opens_sentence(text, matches[k].start()):
        return False
    # "Syldavian Foreign Minister", "White House Press Secretary": a modifier of the role or
    # office after it, not more of the name ("Wisma Negara, Jakarta").
    following = matches[k + 1].group() if k + 1 < len(matches) else ""
    modifies = following and (cues.is_role(following) or cues.is_office_noun(following) or cues.is_title(following))
    return not (cues.key(matches[k].group()) in cues.OFFICE_MODIFIERS and modifies)


def _name_follows(matches: list[re.Match], k: int) -> bool:
    """Whether a capitalised word, not one of the lists', follows right after: "Lena Brok,
    juru bicara ..." opens with a name."""
    if k >= len(matches) or matches[k].start() - matches[k - 1].end() != 1:
        return False
    word = matches[k].group()
    return word[0].isupper() and not cues.is_function_word(word)


def _acronym(word: str) -> bool:
    return len(word) > 1 and word.isalpha() and word.isupper()


def says(matches: list[re.Match], k: int) -> bool:
    """Whether a verb of saying or of what is done in a call follows (adverbs skipped)."""
    while k < len(matches) and matches[k].group().casefold() in cues.ADVERBS:
        k += 1
    if k >= len(matches):
        return False
    word = matches[k].group()
    return word[0].islower() and (cues.is_reporting_verb(word) or cues.is_speech_act(word))


_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


def bare(word: str) -> str:
    return _POSSESSIVE.sub("", word)


CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
QUOTES = "\"“”«»„'‘’"
"""The quotation marks, opening and closing, of the languages read."""
_RUSSIAN_ENDINGS = tuple(
    sorted(
        "ами ями ого его ому ему ыми ими ой ей ом ем ым им ах ях ую юю ая яя ий ый а я у ю е ы и ь й".split(),
        key=len,
        reverse=True,
    )
)
"""Case endings of Russian nouns and adjectives: "Путину", "Путиным", "Кремля" are keyed as
"Путин", "Кремль"."""
_RUSSIAN_STEM = 2
"""What an ending leaves at least ("Лэем", "Лэй": "лэ")."""


def name_key(word: str) -> str:
    """What a name is matched by: its stem, in Russian without its case ending."""
    folded = bare(word).casefold()
    if not CYRILLIC.match(folded):
        # "Erdoğan" and "Erdogan", "Türkiye" and "Turkiye" are one name: articles write both
        # (a headline often without the marks). Cyrillic keeps them: "й" is not "и".
        folded = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    elif not word.isupper():
        for ending in _RUSSIAN_ENDINGS:
            if folded.endswith(ending) and len(folded) - len(ending) >= _RUSSIAN_STEM:
                folded = folded[: -len(ending)]
                break
    return stem(folded)


_SHARED_PREFIX = 4
_OWN_ENDING = 2


def same_stem(a: str, b: str) -> bool:
    """Whether two name keys are one word's forms: "israel" and "israeli", "china" and
    "chines", "росси" and "россий" (a country and its adjective); in Russian the adjective
    may change the stem's last consonant ("турци" and "турецк")."""
    if a == b:
        return True
    shared = 0
    for x, y in zip(a, b):
        if x != y:
            break
        shared += 1
    endings = sorted((len(a) - shared, len(b) - shared))
    if shared >= _SHARED_PREFIX:
        return endings[1] <= _OWN_ENDING
    cyrillic = CYRILLIC.match(a) is not None
    return cyrillic and shared == _SHARED_PREFIX - 1 and endings[0] <= _OWN_ENDING and endings[1] <= _OWN_ENDING + 1



def name_runs(tokens: Sequence[Token], lo: int = 0, hi: int | None = None) -> list[list[Token]]:
    """Runs of adjacent names (titles may sit inside: "Israeli Prime Minister Benjamin
    Netanyahu") in ``tokens[lo:hi]``; a run needs a name. An acronym glossed in brackets
    does not end one ("Presiden Amerika Serikat (AS) Donald Trump")."""
    hi = len(tokens) if hi is None else hi
    runs: list[list[Token]] = []
    current: list[Token] = []
    k = lo
    glossed = False
    while k < hi:
        token = tokens[k]
        if current and _gloss_inside(tokens, k, hi):
            k += 3
            glossed = True
            continue
        joins = current and (glossed or token.start - current[-1].end <= 1)
        glossed = False
        if current and current[-1].name and _particle(tokens, k, hi) and joins:
            current.append(token)  # "Mohammed bin Zayed", "Ursula von der Leyen": one name
        elif token.name or (token.word and token.title):
            if current and not joins:
                runs.append(current)
                current = []
            current.append(token)
        else:
            if current:
                runs.append(current)
            current = []
        k += 1
    if current:
        runs.append(current)
    return [run for run in runs if any(t.name for t in run)]


_PARTICLES = frozenset(
    "bin binti bint ibn al el ul da de dos das del della van von der den ter "
    "бин бен ибн аль эль ас аш ад ат ан фон ван дер де да дос".split()
)
"""Lowercase words inside a person's name across the world's naming customs ("Mohammed bin
Salman", "Lula da Silva", "Ursula von der Leyen", "Мухаммед бин Салман")."""


def _particle_name(word: str) -> bool:
    head, _, rest = word.partition("-")
    return head in _PARTICLES and rest[:1].isupper()


def _particle(tokens: Sequence[Token], k: int, hi: int) -> bool:
    """Whether ``tokens[k]`` is a lowercase particle that more of the name follows (after
    more particles: "von der Leyen")."""
    j = k
    while j < hi and tokens[j].word and tokens[j].text.islower() and tokens[j].folded in _PARTICLES:
        if j + 1 < hi and tokens[j + 1].start - tokens[j].end > 1:
            return False
        j += 1
    return j > k and j < hi and tokens[j].name


def gloss(tokens: Sequence[Token], k: int) -> bool:
    """Whether ``tokens[k:k + 3]`` is an acronym in brackets ("(AS)")."""
    if k + 2 >= len(tokens) or tokens[k].text != "(" or tokens[k + 2].text != ")":
        return False
    return tokens[k + 1].name and tokens[k + 1].text.isupper()


def _gloss_inside(tokens: Sequence[Token], k: int, hi: int) -> bool:
    """Whether an acronym in brackets at ``k`` is followed by more of the name."""
    return k + 3 < hi and gloss(tokens, k) and (tokens[k + 3].name or tokens[k + 3].title)
