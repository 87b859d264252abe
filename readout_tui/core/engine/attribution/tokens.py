"""An article's words, and which of them are names."""

from __future__ import annotations

import re
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

    @property
    def word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "_"

    @property
    def folded(self) -> str:
        return self.text.casefold()


def read_tokens(text: str, inside: set[str]) -> list[Token]:
    matches = list(_TOKEN.finditer(text))
    found = []
    for k, match in enumerate(matches):
        word = match.group()
        name = False
        if word[0].isupper() and not cues.is_function_word(word):
            name = (
                not opens_sentence(text, match.start())
                or bare(word).casefold() in inside
                or word.isupper()
                or bare(word) != word
                or says(matches, k + 1)
            )
        found.append(Token(word, match.start(), match.end(), name))
    return found


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


def name_key(word: str) -> str:
    return stem(bare(word).casefold())



def name_runs(tokens: Sequence[Token], lo: int = 0, hi: int | None = None) -> list[list[Token]]:
    """Runs of adjacent names (titles may sit inside: "Israeli Prime Minister Benjamin
    Netanyahu") in ``tokens[lo:hi]``; a run needs a name."""
    hi = len(tokens) if hi is None else hi
    runs: list[list[Token]] = []
    current: list[Token] = []
    for k in range(lo, hi):
        token = tokens[k]
        joins = current and token.start - current[-1].end <= 1
        if token.name or (token.word and cues.is_title(token.text)):
            if current and not joins:
                runs.append(current)
                current = []
            current.append(token)
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    return [run for run in runs if any(t.name for t in run)]
