"""One news article, two accounts: which statements tell which government's account of a call.

An article that reports a call often tells both governments' accounts in one text ("Israel
said ...; the Kremlin said ..."), among its headline, links to other articles, the reporter's
context and other people's remarks. Each statement is given to the left account, the right
account or neither, from the article's own cues:

1. **What a statement is.** The first line is the headline; a line that opens with a link
   marker ("Baca juga:", "Read more:", "Читайте также:") is a link; a short line without final
   punctuation is a heading. All three are neither.
2. **Cues.** A reporting verb and its source ("the Kremlin said", "Kremlin mengatakan",
   "в Кремле заявили", "kata sebuah pernyataan Israel"), or a marker with the source after it
   ("according to the Israeli statement", "menurut ...", "по данным Кремля"). The source is
   the noun phrase next to the verb, without prepositional phrases ("Trump melalui unggahan di
   Truth Social menyatakan": Trump). A cue in a time clause ("after Trump announced") dates
   the statement rather than attributing it; a negated one ("did not mention", "не
   говорится") says what an account lacks: neither.
3. **Sources.** A source with names is the entity its last name run heads ("National Security
   Council spokesman John Kirby": Kirby). Names are linked by how the article writes them:
   every word of a multi-word name votes for the name's last word, so "Israel" in "Perdana
   Menteri Israel Benjamin Netanyahu" and "Amerika Serikat" (and "AS") in "Presiden Amerika
   Serikat Donald Trump" lead to the person; a spokesman or an aide speaks for the
   organisation the article names with them ("Kremlin aide Yuri Ushakov", "juru bicara
   Kremlin Dmitry Peskov"). A possessive source ("his office",
   "kantornya") is the sentence's subject's; a bare one ("the readout said", "говорится в
   сообщении") is the last source named.
4. **Sides.** The two sources the article cites most (a cue that names a statement or an
   office counts double) are the two accounts, the one cited first on the left; they are
   labelled as the article names them ("Israeli government", "Kremlin"). Other sources
   (another minister, another newspaper) are neither.
5. **Carrying on.** A statement with a pronoun for its source ("Dia menambahkan", "He also
   told", "по его словам"), or with no cue whose subject is a pronoun, a title ("Kepala
   Negara", "the prime minister") or the side's own source doing what is done in a call
   ("Netanyahu juga menyampaikan apresiasinya"), carries on the account of the statement
   before it (links skipped). Anything else without a cue is the reporter's: neither.
6. **Told twice.** A statement most of whose words an earlier statement of the same side
   already has is marked as repeating it, and left out of that side's account (it stays in
   the attribution, marked).

Nothing here knows any country, leader or outlet: the word lists (``cues``) are each
language's reporting verbs, pronouns and function words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum

from readout_tui.core.engine import cues
from readout_tui.core.engine.names import capitalised_inside, opens_sentence
from readout_tui.core.engine.words import stem
from readout_tui.core.types import Readout, Statement


class Side(str, Enum):
    LEFT = "left"
    RIGHT = "right"
    NEITHER = "neither"


class How(str, Enum):
    """Why a statement went where it did."""

    CUE = "cue"
    """Its own cue names the side's source."""
    CONTINUES = "continues"
    """It carries on the side's statement before it (a pronoun, a title, the side's source)."""
    HEADLINE = "headline"
    LINK = "link"
    HEADING = "heading"
    OTHER_SOURCE = "other source"
    """Its cue names a source that is neither account."""
    NEGATED = "negated"
    """Its cue says what an account does not say."""
    NO_CUE = "no cue"
    """Nothing attributes it: the reporter's own text."""
    BY_HAND = "by hand"


@dataclass(frozen=True)
class Attributed:
    """One statement of the article and where it went."""

    index: int
    """0-based position among the article's statements."""
    text: str
    block: int
    """The line (paragraph) of the article it comes from."""
    side: Side
    how: How
    cue: tuple[int, int] | None = None
    """Where in ``text`` the words that decided it are (for highlighting), if any."""
    source: str = ""
    """The source the cue names, as the article writes it ("the Kremlin", "kantornya")."""
    continues: int | None = None
    """The statement it carries on, for ``How.CONTINUES``."""
    repeats: int | None = None
    """An earlier statement of the same side it tells again; then it is left out of the
    side's account."""
    proposed: Side | None = None
    """What the attribution proposed, when the statement was moved by hand."""
    proposed_how: How | None = None

    @property
    def cue_text(self) -> str:
        return self.text[self.cue[0] : self.cue[1]] if self.cue else ""

    @property
    def in_account(self) -> bool:
        return self.side is not Side.NEITHER and self.repeats is None

    @property
    def proposed_side(self) -> Side:
        """The side the attribution proposed, whether or not it was moved since."""
        return self.proposed or self.side


@dataclass(frozen=True)
class Attribution:
    """An article's statements, each given to the left account, the right one or neither.

    Immutable: ``moved`` returns the attribution with one statement moved by hand, so an
    assignment screen can keep each step for undo."""

    statements: tuple[Attributed, ...]
    left_label: str
    right_label: str

    def label(self, side: Side | str) -> str:
        side = Side(side)
        return {Side.LEFT: self.left_label, Side.RIGHT: self.right_label}.get(side, "neither")

    def account(self, side: Side | str) -> list[Attributed]:
        """The statements of ``side``'s account in reading order, repeats left out."""
        side = Side(side)
        return [s for s in self.statements if s.side is side and s.in_account]

    def account_index(self, index: int) -> int | None:
        """Where article statement ``index`` stands in its side's account (0-based), or None
        when it is in no account (neither, or a repeat)."""
        statement = self.statements[index]
        if not statement.in_account:
            return None
        return [s.index for s in self.account(statement.side)].index(index)

    def readouts(self, source: str = "", encoding: str = "utf-8") -> tuple[Readout, Readout]:
        """The two accounts as readouts, ready to compare."""
        return tuple(  # type: ignore[return-value]
            Readout(
                self.label(side),
                tuple(Statement(i, s.text) for i, s in enumerate(self.account(side))),
                source,
                encoding,
            )
            for side in (Side.LEFT, Side.RIGHT)
        )

    def moved(self, index: int, side: Side | str) -> Attribution:
        """This attribution with statement ``index`` moved to ``side`` by hand (moving it back
        to what was proposed undoes the move); repeats are marked afresh."""
        side = Side(side)
        current = self.statements[index]
        proposed = current.proposed or current.side
        proposed_how = current.proposed_how or current.how
        if side is proposed:
            changed = replace(current, side=side, how=proposed_how, proposed=None, proposed_how=None)
        else:
            changed = replace(current, side=side, how=How.BY_HAND, proposed=proposed, proposed_how=proposed_how)
        statements = list(self.statements)
        statements[index] = changed
        return replace(self, statements=tuple(_mark_repeats(statements)))

    def relabelled(self, left: str | None = None, right: str | None = None) -> Attribution:
        return replace(self, left_label=left or self.left_label, right_label=right or self.right_label)

    def hand_moves(self) -> dict[str, str]:
        """The statements moved by hand, by text: what a session saves. ``with_hand_moves``
        applies them again to the same article (or one edited since: a statement no longer
        there is skipped)."""
        return {s.text: s.side.value for s in self.statements if s.how is How.BY_HAND}

    def with_hand_moves(self, moves: dict[str, str]) -> Attribution:
        result = self
        for statement in self.statements:
            side = moves.get(statement.text)
            if side in Side._value2member_map_:
                result = result.moved(statement.index, side)
        return result

    def why(self, index: int) -> str:
        """In a few words a person can read: how statement ``index`` was attributed."""
        s = self.statements[index]
        label = self.label(s.side)
        if s.how is How.BY_HAND:
            base = f"moved by hand (proposed: {self.label(s.proposed or Side.NEITHER)})"
        elif s.how is How.CUE:
            base = f"cue “{s.cue_text}”"
        elif s.how is How.CONTINUES:
            lead = f"“{s.cue_text}” " if s.cue else ""
            base = f"{lead}continues statement {s.continues + 1} ({label})" if s.continues is not None else "continues"
        elif s.how is How.LINK:
            base = f"link line (“{s.cue_text}”)" if s.cue else "link line"
        elif s.how is How.OTHER_SOURCE:
            base = f"cue “{s.cue_text}” names neither account"
        elif s.how is How.NEGATED:
            base = f"“{s.cue_text}” says what an account does not"
        elif s.how is How.NO_CUE:
            base = "no cue: the reporter's own text"
        else:
            base = s.how.value
        if s.repeats is not None:
            base += f"; repeats statement {s.repeats + 1}, left out of the account"
        return base


class AttributionError(ValueError):
    """The article does not tell two accounts that its cues show."""


# -- Tokens -----------------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")


@dataclass(frozen=True)
class _Token:
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


def _tokens(text: str, inside: set[str]) -> list[_Token]:
    matches = list(_TOKEN.finditer(text))
    found = []
    for k, match in enumerate(matches):
        word = match.group()
        name = False
        if word[0].isupper() and not cues.is_function_word(word):
            name = (
                not opens_sentence(text, match.start())
                or _bare(word).casefold() in inside
                or word.isupper()
                or _bare(word) != word
                or _says(matches, k + 1)
            )
        found.append(_Token(word, match.start(), match.end(), name))
    return found


def _says(matches: list[re.Match], k: int) -> bool:
    """Whether a verb of saying or of what is done in a call follows (adverbs skipped)."""
    while k < len(matches) and matches[k].group().casefold() in cues.ADVERBS:
        k += 1
    if k >= len(matches):
        return False
    word = matches[k].group()
    return word[0].islower() and (cues.is_reporting_verb(word) or cues.is_speech_act(word))


_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


def _bare(word: str) -> str:
    return _POSSESSIVE.sub("", word)


def _name_key(word: str) -> str:
    return stem(_bare(word).casefold())


# -- Names and what they stand for -----------------------------------------------------------


@dataclass
class _Names:
    """How the article's names lead to one another (see the module's docstring, step 3)."""

    votes: dict[str, Counter] = field(default_factory=dict)
    members: dict[str, Counter] = field(default_factory=dict)
    """Who speaks for whom: "Kremlin aide Yuri Ushakov", "juru bicara Kremlin Dmitry Peskov",
    "помощник президента России Юрий Ушаков" make the person the organisation's."""
    heads: Counter = field(default_factory=Counter)
    """How often a key heads a name of several words."""
    frequency: Counter = field(default_factory=Counter)
    acronyms: dict[str, Counter] = field(default_factory=dict)

    def add(self, run: list[_Token]) -> None:
        words = [t for t in run if not cues.is_title(t.text)]
        for token in words:
            self.frequency[_name_key(token.text)] += 1
        if len(words) < 2:
            return
        head = _name_key(words[-1].text)
        self.heads[head] += 1
        for token in words[:-1]:
            self.votes.setdefault(_name_key(token.text), Counter())[head] += 1
        initials = "".join(t.text[0] for t in words).casefold()
        self.acronyms.setdefault(initials, Counter())[head] += 1

    def add_roles(self, tokens: Sequence[_Token]) -> None:
        """Note who speaks for whom in one statement (see ``members``)."""
        runs = _runs(tokens)
        for k, run in enumerate(runs):
            start = tokens.index(run[0])
            words = [t for t in run if t.name]
            # "Kremlin aide Yuri Ushakov": an organisation, a role, a person.
            if k and words:
                between = tokens[tokens.index(runs[k - 1][-1]) + 1 : start]
                if 0 < len(between) <= 3 and all(t.word and t.text.islower() for t in between):
                    if any(_speaks_for(t) for t in between):
                        org = [t for t in runs[k - 1] if t.name]
                        if org:
                            self._member(words[-1], org[-1])
                        continue
            # "juru bicara Kremlin Dmitry Peskov", "помощник президента России Юрий Ушаков".
            before = start - 1
            while before >= 0 and tokens[before].word and cues.is_title(tokens[before].text):
                before -= 1
            if len(words) >= 3 and before >= 0 and tokens[before].word and _speaks_for(tokens[before]):
                self._member(words[-1], words[-3])

    def _member(self, person: _Token, organisation: _Token) -> None:
        self.members.setdefault(_name_key(person.text), Counter())[_name_key(organisation.text)] += 1

    def resolve(self, key: str) -> str:
        """The entity a name key stands for. Each key is joined to the organisation it
        speaks for, else to the name it is most often part of, when it is more often part of
        one than the head of one ("israel" with "netanyahu"; "trump" stays itself, though
        "Trump Tower" may be in the article too); the entity is the most frequent key of
        what is joined."""
        if self._parent is None:
            self._join()
        root = key
        while self._parent.get(root, root) != root:
            root = self._parent[root]
        return root

    _parent: dict[str, str] | None = None

    def _join(self) -> None:
        self._parent = {}

        def find(key: str) -> str:
            while self._parent.get(key, key) != key:
                key = self._parent[key]
            return key

        for key in sorted({*self.votes, *self.members, *self.acronyms}):
            target = self._joined_to(key)
            if target is None:
                continue
            a, b = find(key), find(target)
            if a != b:
                # The more frequent key names the entity.
                keep, drop = sorted((a, b), key=lambda k: (-self.frequency[k], k))
                self._parent[drop] = keep

    def _joined_to(self, key: str) -> str | None:
        if key in self.members:
            return max(self.members[key].items(), key=lambda kv: (kv[1], self.frequency[kv[0]]))[0]
        options = self.votes.get(key) or (self.acronyms.get(key) if len(key) <= 5 and key in self.frequency else None)
        if not options:
            return None
        best, count = max(options.items(), key=lambda kv: (kv[1], self.frequency[kv[0]]))
        return best if count > self.heads[key] else None


def _speaks_for(token: _Token) -> bool:
    """A role that speaks for an organisation (spokesman, aide, "juru bicara", "помощник"),
    not a leader's title ("minister" is both: "Perdana Menteri" is a leader)."""
    return cues.is_role(token.text) and not cues.is_title(token.text)


def _runs(tokens: Sequence[_Token], lo: int = 0, hi: int | None = None) -> list[list[_Token]]:
    """Runs of adjacent names (titles may sit inside: "Israeli Prime Minister Benjamin
    Netanyahu") in ``tokens[lo:hi]``; a run needs a name."""
    hi = len(tokens) if hi is None else hi
    runs: list[list[_Token]] = []
    current: list[_Token] = []
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


# -- Cues -------------------------------------------------------------------------------------


class _Kind(str, Enum):
    NAMED = "named"
    POSSESSIVE = "possessive"
    """"his office", "kantornya": the subject's."""
    GENERIC = "generic"
    """"the readout", "в сообщении": the last source named."""
    PRONOUN = "pronoun"
    """"he", "dia", "по его словам", or a title alone ("the prime minister"): carries on."""
    SUBJECT = "subject"
    """No source next to the verb ("..., and said that"): the sentence's subject's."""


@dataclass(frozen=True)
class _Cue:
    span: tuple[int, int]
    kind: _Kind
    source: str = ""
    key: str = ""
    form: str = ""
    """The source as a label would show it ("Israeli government", "Kremlin")."""
    oblique: bool = False
    """Named after a marker ("according to", "по данным"): in Russian not the form a label takes."""
    negated: bool = False
    subordinate: bool = False
    documented: bool = False
    """It names a statement or an office ("according to the Israeli statement", "his office
    said", "said in a statement", "menambahkan dalam pernyataannya"): an account's cue."""


_CLAUSE_MARKERS = frozenset({"как", "as", "seperti", "sebagaimana"})
"""Before a reporting verb, these put its source after it ("Как сообщила пресс-служба")."""
_MAX_PHRASE = 8
_MAX_AFTER_MARKER = 10
_RUSSIAN_MARKER_NOUNS = frozenset(m.split()[1] for m in cues.RUSSIAN_ACCORDING)
_THAT = frozenset({"that", "bahwa", "что"})


def _is_negation(token: _Token) -> bool:
    return token.folded in cues.NEGATIONS or token.folded.endswith("n't")


def _find_cues(tokens: list[_Token], text: str) -> list[_Cue]:
    found: list[_Cue] = []
    k = 0
    while k < len(tokens):
        token = tokens[k]
        cue = None
        if token.word and not token.name:
            cue = _marker_cue(tokens, text, k) or _verb_cue(tokens, text, k)
        if cue is not None:
            found.append(cue)
        k += 1
    return found


def _marker_cue(tokens: list[_Token], text: str, k: int) -> _Cue | None:
    """A marker with the source after it: "according to X", "menurut X", "kata X",
    "согласно X", "по данным X"; "по его словам" carries on."""
    token = tokens[k]
    folded = token.folded
    after = k + 1
    if folded in ("по", "со"):
        words = [j for j in range(k + 1, min(k + 3, len(tokens))) if tokens[j].word]
        first = tokens[words[0]].folded if words else ""
        if len(words) == 2 and first in cues.POSSESSIVES and tokens[words[1]].folded in _RUSSIAN_MARKER_NOUNS:
            end = tokens[words[1]].end
            return _Cue((token.start, end), _Kind.PRONOUN, text[token.start : end], negated=_negated(tokens, k))
        if first not in _RUSSIAN_MARKER_NOUNS:
            return None
        after = words[0] + 1
    elif folded not in cues.INVERTED:
        return None
    if folded == "according" and after < len(tokens) and tokens[after].folded == "to":
        after += 1
    end = _phrase_after(tokens, after, _MAX_AFTER_MARKER, stop_at_prepositions=False)
    if end <= after:
        return None
    oblique = folded not in _INVERTED_VERBS
    return _classify(tokens, text, after, end, (token.start, tokens[end - 1].end), oblique, _negated(tokens, k))


_INVERTED_VERBS = frozenset(
    "kata katanya ujar ujarnya tutur tuturnya ucap ucapnya tulis tulisnya imbuh imbuhnya sebut sebutnya "
    "dikatakan disampaikan diumumkan dilaporkan ditulis".split()
)
"""Inverted markers that are verbs of saying, whose source is their subject (the form a
label takes); "according to", "menurut", "согласно", "по данным" put it in an oblique case."""


def _verb_cue(tokens: list[_Token], text: str, k: int) -> _Cue | None:
    token = tokens[k]
    if not cues.is_reporting_verb(token.text):
        return None
    negated = _negated(tokens, k)
    start, end, stop = _phrase_before(tokens, k)
    # "said in a statement", "menambahkan dalam pernyataannya", "заявил в сообщении"
    documented = any(t.word and _documents(t) for t in tokens[k + 1 : k + 4])
    if start < end:
        cue = _classify(tokens, text, start, end, (tokens[start].start, token.end), stop == "pp", negated)
        if cue is None:
            return None
        return replace(cue, subordinate=stop in cues.TIME_CLAUSES, documented=cue.documented or documented)
    if stop in cues.TIME_CLAUSES:
        return None  # "after announcing": the statement is dated, not attributed
    if stop in ("punct", "start") or stop in _CLAUSE_MARKERS:
        # Nothing before the verb: the source may follow it (", said the Kremlin", "Как
        # сообщила пресс-служба", "говорится в сообщении").
        begin = k + 1
        if begin < len(tokens) and tokens[begin].word and tokens[begin].folded in cues.PREPOSITIONS:
            begin += 1
        after = _phrase_after(tokens, begin, _MAX_PHRASE, stop_at_prepositions=True)
        if after > k + 1:
            opening = tokens[k - 1].start if stop in _CLAUSE_MARKERS else token.start
            cue = _classify(tokens, text, k + 1, after, (opening, tokens[after - 1].end), False, negated)
            if cue is not None:
                return replace(cue, documented=cue.documented or documented)
    # "..., and said that", ", telling reporters": the source is the sentence's subject.
    return _Cue((token.start, token.end), _Kind.SUBJECT, negated=negated, documented=documented)


def _documents(token: _Token) -> bool:
    return cues.is_account_noun(token.text) or cues.is_office_noun(token.text)


def _negated(tokens: list[_Token], k: int) -> bool:
    j = k - 1
    while j >= 0 and tokens[j].word and (tokens[j].folded in cues.ADVERBS or _is_negation(tokens[j])):
        if _is_negation(tokens[j]):
            return True
        j -= 1
    return False


def _before_verb(tokens: list[_Token], k: int) -> int:
    """Where the phrase before verb ``k`` ends: adverbs, auxiliaries and negations skipped."""
    j = k
    while j > 0 and tokens[j - 1].word and (tokens[j - 1].folded in cues.ADVERBS or _is_negation(tokens[j - 1])):
        j -= 1
    return j


def _phrase_before(tokens: list[_Token], k: int) -> tuple[int, int, str]:
    """The noun phrase before verb ``k`` as ``(start, end)``, and what ended the scan:
    "punct", "start", "pronoun", the boundary word ("and", "setelah", "как"), or "pp" when
    only a prepositional phrase was there ("в Кремле заявили"). Empty (``start == end``)
    when there is none.

    Prepositional phrases are dropped ("Trump melalui unggahan di Truth Social menyatakan":
    Trump), and a pronoun is a whole phrase ("Di mana ia menyatakan": ia)."""
    end = _before_verb(tokens, k)
    start = phrase_end = end
    dropped = None
    stop = "start"
    j = end - 1
    while j >= 0 and end - j <= _MAX_PHRASE:
        token = tokens[j]
        if not token.word:
            if token.text in "'’":
                j -= 1
                continue
            stop = "punct"
            break
        if not token.name and (token.folded in cues.BOUNDARIES or cues.is_reporting_verb(token.text)):
            # Another verb of saying: "Kremlin mengatakan Putin menegaskan" (the subject is Putin).
            stop = token.folded
            break
        if not token.name and token.folded in cues.PREPOSITIONS:
            dropped = j
            start = phrase_end = j
            j -= 1
            continue
        start = j
        if not token.name and token.folded in cues.PRONOUNS:
            stop = "pronoun"
            break
        j -= 1
    if start < phrase_end:
        return start, phrase_end, stop
    if dropped is not None:
        return dropped, end, "pp"
    return end, end, stop


def _phrase_after(tokens: list[_Token], begin: int, limit: int, stop_at_prepositions: bool) -> int:
    """Where the source phrase that starts at ``begin`` ends (exclusive)."""
    j = begin
    while j < len(tokens) and j - begin < limit:
        token = tokens[j]
        if not token.word:
            if token.text in "\"“”«»'’„":
                j += 1
                continue
            break
        if not token.name and token.folded in _THAT:
            break
        if stop_at_prepositions and j > begin and not token.name and token.folded in cues.PREPOSITIONS:
            break
        if stop_at_prepositions and not token.name and token.folded in cues.BOUNDARIES:
            break
        j += 1
    while j > begin and not tokens[j - 1].word:
        j -= 1
    return j


def _classify(
    tokens: list[_Token],
    text: str,
    start: int,
    end: int,
    span: tuple[int, int],
    oblique: bool,
    negated: bool,
) -> _Cue | None:
    """What kind of source ``tokens[start:end]`` is; None when it is none (no name, pronoun,
    statement, office or title: "Leaders of the protest movement")."""
    phrase = tokens[start:end]
    words = [t for t in phrase if t.word]
    if not words:
        return None
    source = text[phrase[0].start : phrase[-1].end]
    documented = any(_documents(t) for t in words)
    runs = _runs(tokens, start, end)
    if runs:
        run = runs[-1]
        names = [t for t in run if t.name]
        key = _name_key(names[-1].text)
        form = _form(tokens, run, start, end)
        return _Cue(span, _Kind.NAMED, source, key, form, oblique, negated, documented=documented)
    if any(t.folded in cues.POSSESSIVES or cues.is_possessive_noun(t.text) for t in words):
        return _Cue(span, _Kind.POSSESSIVE, source, negated=negated, documented=documented)
    if any(t.folded in cues.PRONOUNS for t in words):
        return _Cue(span, _Kind.PRONOUN, source, negated=negated)
    if documented:
        return _Cue(span, _Kind.GENERIC, source, negated=negated, documented=True)
    if any(cues.is_title(t.text) for t in words):
        return _Cue(span, _Kind.PRONOUN, source, negated=negated)
    return None


def _form(tokens: list[_Token], run: list[_Token], start: int, end: int) -> str:
    """The source's name as a label shows it: the name run without titles, with an office
    noun right next to it ("Israeli government", "Pemerintah Israel", "пресс-служба Кремля")."""
    names = [t for t in run if t.name]
    first, last = tokens.index(names[0]), tokens.index(names[-1])
    before = first - 1
    while before >= start and tokens[before].word and cues.is_title(tokens[before].text):
        before -= 1
    after = last + 1
    # Titles and up to two modifiers may stand between ("prime minister's office", "foreign ministry").
    while after < end and after - last <= 3 and tokens[after].word and not cues.is_office_noun(tokens[after].text):
        if not (cues.is_title(tokens[after].text) or tokens[after].text.islower()):
            break
        after += 1
    if before >= start and tokens[before].word and cues.is_office_noun(tokens[before].text):
        first = before
    elif after < end and tokens[after].word and cues.is_office_noun(tokens[after].text):
        last = after
    return " ".join(t.text for t in tokens[first : last + 1] if t.word)


# -- Subjects ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Subject:
    kind: str
    """"named", "pronoun" (a pronoun or a title alone) or "" (none found)."""
    key: str = ""
    verb: str = ""
    """The word after the subject (adverbs skipped): the main clause's verb, as a rule."""


_DATELINE = re.compile(r"^[^.!?]{1,60}?\s[-–—]\s")
""""Jakarta (ANTARA) - ", "MOSCOW, Dec 10 (Reuters) — ": a dateline before the sentence."""


def _subject(tokens: list[_Token], text: str) -> _Subject:
    """The subject of the sentence's main clause, after a dateline, an opening connective
    ("Namun", "However") and an opening prepositional phrase up to its comma ("Sebagai
    kesimpulan, Perdana Menteri Israel meminta"). A sentence that opens with a subordinate
    clause ("Although ...") has none that can carry an account on."""
    dateline = _DATELINE.match(text)
    k = 0
    if dateline:
        while k < len(tokens) and tokens[k].start < dateline.end():
            k += 1
    while k < len(tokens) and not tokens[k].word:
        k += 1
    while k < len(tokens) and tokens[k].word and not tokens[k].name and tokens[k].folded in cues.OPENERS:
        k += 1
    while k < len(tokens) and not tokens[k].word:
        k += 1
    if k >= len(tokens):
        return _Subject("")
    if not tokens[k].name and tokens[k].folded in cues.SUBORDINATORS:
        return _Subject("")
    if not tokens[k].name and tokens[k].folded in cues.PREPOSITIONS:
        comma = next((j for j in range(k, min(k + 16, len(tokens))) if tokens[j].text == ","), None)
        if comma is None:
            return _Subject("")
        k = comma + 1
    while k < len(tokens) and tokens[k].word and not tokens[k].name and tokens[k].folded in cues.DETERMINERS:
        k += 1
    if k >= len(tokens) or not tokens[k].word:
        return _Subject("")
    token = tokens[k]
    if not token.name and token.folded in cues.PRONOUNS:
        return _Subject("pronoun", verb=_verb_after(tokens, k + 1))
    if token.name or cues.is_title(token.text):
        end = k
        while end < len(tokens) and tokens[end].word and (tokens[end].name or cues.is_title(tokens[end].text)):
            end += 1
        names = [t for t in tokens[k:end] if t.name]
        if names:
            return _Subject("named", _name_key(names[-1].text), _verb_after(tokens, end))
        return _Subject("pronoun", verb=_verb_after(tokens, end))
    return _Subject("")


def _verb_after(tokens: list[_Token], k: int) -> str:
    while k < len(tokens) and tokens[k].word and tokens[k].folded in cues.ADVERBS:
        k += 1
    return tokens[k].text if k < len(tokens) and tokens[k].word else ""


# -- The article ------------------------------------------------------------------------------

_HEADLINE_WORDS = 40
_HEADING_WORDS = 10
_ENDS_SENTENCE = tuple(".!?…\"'”»)。！？")
_REPEAT_SHARE = 0.8
"""A statement whose words an earlier one of its side has at least this share of tells
nothing new: it is marked as repeating it."""
_REPEAT_MIN_WORDS = 5
_WORD = re.compile(r"\w+")


@dataclass
class _Body:
    """What is read from one statement of the article's body."""

    tokens: list[_Token]
    cues: list[_Cue]
    subject: _Subject


def attribute(blocks: Sequence[Sequence[str]]) -> Attribution:
    """Attribute an article's statements, given grouped by line (``statement_blocks``).
    Raises ``AttributionError`` when fewer than two sources are cited."""
    flat = [(b, text) for b, block in enumerate(blocks) for text in block]
    structure = _structure(blocks)
    body_texts = [text for (b, text) in flat if structure[b][0] is None]
    inside = capitalised_inside(body_texts) | {w.casefold() for w in _always_names(body_texts)}
    bodies: dict[int, _Body] = {}
    names = _Names()
    for index, (b, text) in enumerate(flat):
        if structure[b][0] is not None:
            continue
        tokens = _tokens(text, inside)
        for run in _runs(tokens):
            names.add(run)
        names.add_roles(tokens)
        bodies[index] = _Body(tokens, _find_cues(tokens, text), _subject(tokens, text))
    resolved = _resolve_sources(flat, bodies, names)
    left, right = _sides(resolved, bodies)
    statements = _assign(flat, structure, bodies, resolved, names, (left, right))
    labels = _labels(resolved, bodies, names, (left, right))
    return Attribution(tuple(_mark_repeats(statements)), *labels)


def _always_names(texts: Iterable[str]) -> set[str]:
    """Acronyms are names wherever they stand."""
    return {w for text in texts for w in _WORD.findall(text) if len(w) > 1 and w.isupper()}


def _structure(blocks: Sequence[Sequence[str]]) -> list[tuple[How | None, str]]:
    """Each block's kind: headline, link or heading (with the link's marker), or None for
    body text."""
    kinds: list[tuple[How | None, str]] = []
    for b, block in enumerate(blocks):
        joined = " ".join(block)
        marker = cues.link_marker(joined)
        words = len(joined.split())
        if b == 0 and len(blocks) > 1 and words <= _HEADLINE_WORDS:
            kinds.append((How.HEADLINE, ""))
        elif marker:
            kinds.append((How.LINK, marker))
        elif len(block) == 1 and words <= _HEADING_WORDS and not joined.endswith(_ENDS_SENTENCE):
            kinds.append((How.HEADING, ""))
        else:
            kinds.append((None, ""))
    return kinds


@dataclass(frozen=True)
class _Resolved:
    """A cue with the entity it stands for ("" for none), or a pronoun that carries on (with
    the entity of the statement before, which counts it for choosing the sides)."""

    cue: _Cue
    entity: str
    carries_on: bool = False


def _resolve_sources(flat, bodies: dict[int, _Body], names: _Names) -> dict[int, list[_Resolved]]:
    """Each body statement's usable cues (not in a time clause), with their entities."""
    resolved: dict[int, list[_Resolved]] = {}
    last_entity = ""
    before = ""
    """The entity of the body statement before, for a pronoun."""
    for index in sorted(bodies):
        body = bodies[index]
        subject = names.resolve(body.subject.key) if body.subject.kind == "named" else ""
        found = []
        for cue in body.cues:
            if cue.subordinate:
                continue
            if cue.kind is _Kind.NAMED:
                found.append(_Resolved(cue, names.resolve(cue.key)))
            elif cue.kind in (_Kind.POSSESSIVE, _Kind.SUBJECT) and subject:
                found.append(_Resolved(cue, subject))
            elif cue.kind is _Kind.GENERIC or (cue.kind is _Kind.POSSESSIVE and body.subject.kind != "pronoun"):
                if last_entity:
                    found.append(_Resolved(cue, last_entity))
            else:
                found.append(_Resolved(cue, before, carries_on=True))
            if found and found[-1].entity and not found[-1].cue.negated:
                last_entity = found[-1].entity
        resolved[index] = found
        before = next((r.entity for r in found if r.entity and not r.cue.negated), "")
    return resolved


def _sides(resolved: dict[int, list[_Resolved]], bodies: dict[int, _Body]) -> tuple[str, str]:
    """The two entities cited most (a documented cue counts double); the first cited left."""
    score: Counter = Counter()
    first: dict[str, int] = {}
    for index, found in resolved.items():
        weights: dict[str, int] = {}
        for r in found:
            if r.entity and not r.cue.negated:
                weights[r.entity] = max(weights.get(r.entity, 0), 2 if r.cue.documented else 1)
        for entity, weight in weights.items():
            score[entity] += weight
            first.setdefault(entity, index)
    ranked = sorted(score, key=lambda e: (-score[e], first[e]))
    if len(ranked) < 2:
        if not ranked:
            raise AttributionError("the article cites no source (no 'X said', 'according to X')")
        raise AttributionError("the article cites only one source, so it tells one account, not two")
    two = sorted(ranked[:2], key=lambda e: first[e])
    return two[0], two[1]


def _assign(flat, structure, bodies, resolved, names: _Names, sides: tuple[str, str]) -> list[Attributed]:
    side_of = {sides[0]: Side.LEFT, sides[1]: Side.RIGHT}
    statements: list[Attributed] = []
    previous: Attributed | None = None
    """The last body statement: what a pronoun carries on."""
    for index, (b, text) in enumerate(flat):
        kind, marker = structure[b]
        if kind is not None:
            cue = (0, len(marker)) if marker else None
            statement = Attributed(index, text, b, Side.NEITHER, kind, cue)
            statements.append(statement)
            if kind is not How.LINK:
                previous = None
            continue
        statement = _decide(index, text, b, bodies[index], resolved[index], names, side_of, previous)
        statements.append(statement)
        previous = statement
    return statements


def _decide(index, text, block, body: _Body, found: list[_Resolved], names, side_of, previous) -> Attributed:
    carried = previous.side if previous is not None else Side.NEITHER

    def continuing(cue: _Cue | None) -> Attributed:
        span = cue.span if cue else None
        return Attributed(index, text, block, carried, How.CONTINUES, span, cue.source if cue else "", previous.index)

    usable = [r for r in found if not r.cue.negated]
    named = [r for r in usable if r.entity in side_of and not r.carries_on]
    if named:
        # Of two cues for the side, the one that names a statement or an office shows best why.
        best = max(named, key=lambda r: (r.entity == named[0].entity, _documented(r.cue)))
        return Attributed(index, text, block, side_of[best.entity], How.CUE, best.cue.span, best.cue.source)
    pronouns = [r for r in usable if r.carries_on]
    if pronouns and carried is not Side.NEITHER:
        return continuing(pronouns[0].cue)
    others = [r for r in usable if r.entity and not r.carries_on]
    if others:
        cue = others[0].cue
        return Attributed(index, text, block, Side.NEITHER, How.OTHER_SOURCE, cue.span, cue.source)
    negated = [r for r in found if r.cue.negated]
    if negated:
        cue = negated[0].cue
        return Attributed(index, text, block, Side.NEITHER, How.NEGATED, cue.span, cue.source)
    if carried is not Side.NEITHER and _carries_on(body, names, side_of, carried):
        return continuing(None)
    return Attributed(index, text, block, Side.NEITHER, How.NO_CUE)


def _documented(cue: _Cue) -> bool:
    return cue.kind in (_Kind.POSSESSIVE, _Kind.GENERIC) or " " in cue.form


def _carries_on(body: _Body, names: _Names, side_of: dict[str, Side], carried: Side) -> bool:
    """A statement without a cue carries on the account before it when its subject is a
    pronoun or a title alone, or the side's own source doing what is done in a call."""
    subject = body.subject
    if subject.kind == "pronoun":
        return True
    if subject.kind != "named" or side_of.get(names.resolve(subject.key)) is not carried:
        return False
    return cues.is_speech_act(subject.verb) or cues.is_reporting_verb(subject.verb)


def _labels(resolved, bodies, names: _Names, sides: tuple[str, str]) -> tuple[str, str]:
    """Each side named as the article names its source: a name with its office ("Israeli
    government") before a bare name, the most frequent form, the subject's form before an
    oblique one ("пресс-служба Кремля" before "Кремля")."""
    labels = []
    for entity in sides:
        forms: Counter = Counter()
        order: dict[str, tuple] = {}
        for found in resolved.values():
            for r in found:
                if r.entity != entity or r.cue.kind is not _Kind.NAMED or not r.cue.form or r.cue.negated:
                    continue
                office = any(cues.is_office_noun(w) for w in r.cue.form.split())
                rank = (not r.cue.oblique, office)
                forms[r.cue.form] += 1
                order[r.cue.form] = max(order.get(r.cue.form, rank), rank)
        if forms:
            best = max(forms, key=lambda f: (order[f], forms[f]))
            labels.append(best)
        else:
            labels.append(entity.capitalize())
    if labels[0].casefold() == labels[1].casefold():
        labels[1] = f"{labels[1]} (2)"
    return labels[0], labels[1]


def _mark_repeats(statements: Sequence[Attributed]) -> list[Attributed]:
    """Each side's statements with the ones that tell an earlier one again marked."""
    marked: list[Attributed] = []
    kept: dict[Side, list[tuple[int, Counter]]] = {Side.LEFT: [], Side.RIGHT: []}
    for statement in statements:
        repeats = None
        if statement.side is not Side.NEITHER:
            words = Counter(w.casefold() for w in _WORD.findall(statement.text))
            total = sum(words.values())
            if total >= _REPEAT_MIN_WORDS:
                for earlier, earlier_words in kept[statement.side]:
                    shared = sum((words & earlier_words).values())
                    if shared >= _REPEAT_SHARE * total:
                        repeats = earlier
                        break
            if repeats is None:
                kept[statement.side].append((statement.index, words))
        marked.append(replace(statement, repeats=repeats))
    return marked
