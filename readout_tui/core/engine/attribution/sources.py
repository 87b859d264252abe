"""The cues of one statement (a verb of saying and its source, a marker with the source
after it) and its subject."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import Enum

from readout_tui.core.engine import cues
from readout_tui.core.engine.attribution.tokens import CYRILLIC, Token, name_key, name_runs


class Kind(str, Enum):
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
class Cue:
    span: tuple[int, int]
    kind: Kind
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
    account: bool = False
    """It names a statement, a readout or a post, in the source or after the verb ("said in a
    statement"): what it reports is the account of the call."""
    adjectives: tuple[str, ...] = ()
    """The keys of the other words of a source without a name ("российского лидера", "в
    турецком сообщении", "Китайская сторона"): in Russian a country's adjective is not a
    name."""
    inside: bool = False
    """Inside what an earlier cue of the statement reports ("Xinhua said Trump said": the
    second)."""
    last: bool = False
    """At the statement's end (", Ushakov said."): it reports all that comes before."""
    relay: bool = False
    """A news outlet the article cites for what it relays ("Dilansir dari Reuters", "seperti
    dikutip AFP"), not for an account of its own."""

    @property
    def outer(self) -> bool:
        return self.last or not self.inside


_CLAUSE_MARKERS = frozenset({"как", "as", "seperti", "sebagaimana"})
"""Before a reporting verb, these put its source after it ("Как сообщила пресс-служба")."""
_MAX_PHRASE = 8
_MAX_AFTER_MARKER = 10
_RUSSIAN_MARKER_NOUNS = frozenset(m.split()[1] for m in cues.RUSSIAN_ACCORDING)
_RUSSIAN_MARKER_PREPOSITIONS = frozenset(m.split()[0] for m in cues.RUSSIAN_ACCORDING)
_THAT = frozenset({"that", "bahwa", "что"})


def _is_negation(token: Token) -> bool:
    return token.folded in cues.NEGATIONS or token.folded.endswith("n't")


_LAST_WORDS = 2
"""A cue with at most this many words after it ends its statement (", Ushakov said.")."""


def find_cues(tokens: list[Token], text: str) -> list[Cue]:
    found: list[Cue] = []
    for k, token in enumerate(tokens):
        if token.word and not token.name:
            cue = (
                _marker_cue(tokens, text, k)
                or _verb_cue(tokens, text, k)
                or _passive_cue(tokens, k)
                or _account_opening(tokens, text, k)
            )
            if cue is not None:
                found.append(cue)
    return [_placed(cue, found, tokens) for cue in found]


_ID_PASSIVES = frozenset({"disebut", "disebutkan", "dikatakan"})
"""Indonesian's passive verbs of saying without an agent ("Kedua pemimpin disebut mengenang
...", "Dalam pernyataan itu disebutkan pula bahwa ..."): what the source last named says, as
"говорится" and "it is said"; not naming ("disebut sebagai", called)."""


def _passive_cue(tokens: list[Token], k: int) -> Cue | None:
    token = tokens[k]
    if token.folded not in _ID_PASSIVES:
        return None
    j = k + 1
    while j < len(tokens) and tokens[j].word and tokens[j].folded in cues.ADVERBS:
        j += 1
    if j < len(tokens) and tokens[j].word and (tokens[j].name or tokens[j].folded == "sebagai"):
        return None
    return Cue((token.start, token.end), Kind.GENERIC, token.text, negated=_negated(tokens, k))


_IN = frozenset({"in", "dalam"})
_VERSION_NOUNS = frozenset({"version", "versi"})
_INDEFINITE = frozenset({"a", "an", "sebuah"})


def _account_opening(tokens: list[Token], text: str, k: int) -> Cue | None:
    """A statement opened by the account it comes from, set off by a comma: "In the Kremlin's
    version, ...", "In the Ruritanian statement, ...", "Dalam pernyataan Diwan Amiri, ..."
    (Russian has its own: "В изложении Кремля", ``cues.RUSSIAN_ACCORDING``). What follows is
    that account's."""
    if k != 0 or tokens[k].folded not in _IN:
        return None
    comma = next((j for j in range(k + 1, min(len(tokens), k + _MAX_AFTER_MARKER + 2)) if not tokens[j].word), None)
    if comma is None or tokens[comma].text != ",":
        return None
    phrase = tokens[k + 1 : comma]
    if not any(cues.is_account_noun(t.text) or t.folded in _VERSION_NOUNS for t in phrase):
        return None
    # Not where it was posted ("In a post on Truth Social, Trump said"), nor an account the
    # phrase does not name ("In a statement, the Kremlin said"): the verb's cue says whose.
    if any(t.folded in cues.PREPOSITIONS or t.folded in _INDEFINITE for t in phrase):
        return None
    cue = _classify(tokens, text, k + 1, comma, (tokens[k].start, tokens[comma - 1].end), True, False)
    # Named: "In that summary, the White House said" refers back, and its verb says whose.
    return replace(cue, documented=True) if cue is not None and cue.kind is Kind.NAMED else None


def _placed(cue: Cue, found: list[Cue], tokens: list[Token]) -> Cue:
    words_after = sum(1 for t in tokens if t.word and t.start >= cue.span[1])
    inside = any(other.span[1] <= cue.span[0] for other in found)
    # Set off from what it reports (", Ushakov said."), not a verb and its object at the
    # end of a clause ("Мускар изложил свою позицию"), nor after a cue that opens the
    # statement ("По его словам, Мускар изложил ...": nothing before it to report).
    opened = max((other.span[1] for other in found if other.span[1] <= cue.span[0]), default=0)
    before = [t for t in tokens if t.end <= cue.span[0]]
    reported = [t for t in before if t.word and t.start >= opened]
    set_off = bool(reported) and not before[-1].word
    last = set_off and (words_after <= _LAST_WORDS or _circumstance_after(cue, tokens))
    return replace(cue, inside=inside, last=last)


def _circumstance_after(cue: Cue, tokens: list[Token]) -> bool:
    """Whether what follows the cue (and its verb) opens with when, where or how it was said
    (a time clause or a preposition), not with what was said: ", Meloni's office said after
    the two leaders spoke by telephone on Wednesday", ", kata kantor itu setelah ...",
    ", сообщили в Кремле после разговора"."""
    after = [t for t in tokens if t.word and t.start >= cue.span[1]]
    if after and cues.is_reporting_verb(after[0].text):
        after = after[1:]
    return bool(after) and (after[0].folded in cues.TIME_CLAUSES or after[0].folded in cues.PREPOSITIONS)


def _marker_cue(tokens: list[Token], text: str, k: int) -> Cue | None:
    """A marker with the source after it: "according to X", "menurut X", "kata X",
    "согласно X", "по данным X"; "по его словам" carries on."""
    token = tokens[k]
    folded = token.folded
    after = k + 1
    if folded in _RUSSIAN_MARKER_PREPOSITIONS:
        words = [j for j in range(k + 1, min(k + 3, len(tokens))) if tokens[j].word]
        first = tokens[words[0]].folded if words else ""
        if len(words) == 2 and first in cues.POSSESSIVES and tokens[words[1]].folded in _RUSSIAN_MARKER_NOUNS:
            end = tokens[words[1]].end
            return Cue((token.start, end), Kind.PRONOUN, text[token.start : end], negated=_negated(tokens, k))
        if first not in _RUSSIAN_MARKER_NOUNS:
            return None
        after = words[0] + 1
    elif cues.is_own_marker(token.text):
        return Cue((token.start, token.end), Kind.PRONOUN, token.text, negated=_negated(tokens, k))
    elif folded not in cues.INVERTED:
        return None
    if folded == "according" and after < len(tokens) and tokens[after].folded == "to":
        after += 1
    # A verb of saying's source ends where whom it was said to begins ("kata Xi kepada Biden");
    # a marker's may run on ("menurut keterangan dari kantor Presiden").
    oblique = folded not in _INVERTED_VERBS
    end = _phrase_after(tokens, after, _MAX_AFTER_MARKER, stop_at_prepositions=not oblique)
    if end <= after:
        return None
    cue = _classify(tokens, text, after, end, (token.start, tokens[end - 1].end), oblique, _negated(tokens, k))
    if cue is not None and folded in cues.RELAY_MARKERS and not cue.documented:
        return replace(cue, relay=True)
    return cue


_INVERTED_VERBS = frozenset(
    "kata ujar tutur ucap tulis imbuh sebut lanjut ungkap tegas jelas tambah terang papar pungkas tandas sambung "
    "dikatakan disampaikan diumumkan dilaporkan ditulis".split()
)
"""Inverted markers that are verbs of saying, whose source is their subject (the form a
label takes); "according to", "menurut", "согласно", "по данным" put it in an oblique case."""


def _verb_cue(tokens: list[Token], text: str, k: int) -> Cue | None:
    token = tokens[k]
    if not cues.is_reporting_verb(token.text):
        return None
    negated = _negated(tokens, k)
    start, end, stop = _phrase_before(tokens, k)
    # "said in a statement", "menambahkan dalam pernyataannya", "заявил в сообщении"; not
    # "опроверг сообщения" (denied reports).
    after = tokens[k + 1 : k + 4]
    if not (after and after[0].folded in cues.PREPOSITIONS):
        after = []
    documented = any(t.word and documents(t) for t in after)
    account = any(t.word and cues.is_account_noun(t.text) for t in after)
    joined = stop in cues.CONJUNCTIONS and all(t.name for t in tokens[start:end]) and _joined_to_name(tokens, start)
    if start < end and joined:
        return None  # two names for one subject: no one source's cue (``find_subject``'s pair)
    if start < end:
        cue = _classify(tokens, text, start, end, (tokens[start].start, token.end), stop == "pp", negated)
        if cue is not None:
            return replace(
                cue,
                subordinate=stop in cues.TIME_CLAUSES,
                documented=cue.documented or documented,
                account=cue.account or account,
            )
        # "Об этом сообщила пресс-служба Кремля": a phrase of no source opens the statement
        # before the verb, the source is after it; in Russian, whose subject may follow its
        # verb, after any phrase without a name ("Первым о беседе сообщило ...").
        inverted = CYRILLIC.match(token.folded) is not None and not any(t.name for t in tokens[start:end])
        if (stop != "pp" or any(t.word for t in tokens[:start])) and not inverted:
            return None
    if stop in cues.TIME_CLAUSES:
        return None  # "after announcing": the statement is dated, not attributed
    if (
        (stop in ("punct", "start", "pp") or stop in _CLAUSE_MARKERS)
        and token.folded not in cues.ADDRESSEE_VERBS
        and not _participle(token)
    ):
        # Nothing before the verb: the source may follow it (", said the Kremlin", "Как
        # сообщила пресс-служба", "говорится в сообщении"), but not "told Trump" (whom he
        # told) nor "написал в соцсети" (where he wrote).
        begin = source = k + 1
        if begin < len(tokens) and tokens[begin].word and tokens[begin].folded in cues.PREPOSITIONS:
            if _without_subject(token):
                begin += 1
            else:
                # "Как сообщила в Telegram пресс-служба ...": in Russian the subject may follow
                # the verb's phrase of place or occasion.
                subject = _subject_after_phrase(tokens, begin)
                if subject is None:
                    return Cue((token.start, token.end), Kind.SUBJECT, negated=negated, documented=documented)
                begin = source = subject
        after = _phrase_after(tokens, begin, _MAX_PHRASE, stop_at_prepositions=True)
        if after > k + 1:
            opening = tokens[k - 1].start if stop in _CLAUSE_MARKERS else token.start
            # After the verb, a third party without a name is whom it was said to ("заявил
            # журналистам").
            span = (opening, tokens[after - 1].end)
            cue = _classify(tokens, text, source, after, span, False, negated, unnamed_third=False)
            if cue is not None:
                return replace(cue, documented=cue.documented or documented, account=cue.account or account)
    if stop == "pp":
        return None
    # "..., and said that", ", telling reporters": the source is the sentence's subject.
    return Cue((token.start, token.end), Kind.SUBJECT, negated=negated, documented=documented, account=account)


def _participle(token: Token) -> bool:
    """An English participle (", saying Putin had briefed him"): what follows it is what was
    said, never who said it, which is the sentence's subject."""
    return token.folded.endswith("ing") and token.folded.isascii()


_PHRASE_BEFORE_SUBJECT = 4
"""How many words a phrase may have between a Russian verb and its subject ("Как отметил в
ходе разговора глава государства")."""


def _subject_after_phrase(tokens: list[Token], begin: int) -> int | None:
    """Where a Russian verb's subject starts after the prepositional phrase at ``begin``
    ("Как сообщила в Telegram пресс-служба ...", "подчеркнул в ходе беседы президент"): the
    first title, role or office noun in the nominative within a few words; None when there is
    none (a name there is the phrase's: "в Кремле")."""
    if not CYRILLIC.match(tokens[begin].folded):
        return None
    for j in range(begin + 1, min(begin + 1 + _PHRASE_BEFORE_SUBJECT, len(tokens))):
        if not tokens[j].word:
            return None
        if cues.is_nominative_head(tokens[j].text):
            while j > begin + 1 and _RU_NOMINATIVE_ADJECTIVE.search(tokens[j - 1].folded):
                j -= 1  # "российский президент"
            return j
    return None


_RU_NOMINATIVE_ADJECTIVE = re.compile(r"(?:ий|ый|ой|ая|яя|ое|ее)$")


def _without_subject(verb: Token) -> bool:
    """A verb whose source stands in a prepositional phrase after it: "говорится в
    сообщении", and Russian's plural without a subject ("заявили в Кремле")."""
    return verb.folded in cues.IMPERSONAL_VERBS or (verb.folded.endswith("ли") and cues.is_reporting_verb(verb.text))


def documents(token: Token) -> bool:
    return cues.is_account_noun(token.text) or cues.is_office_noun(token.text)


def _negated(tokens: list[Token], k: int) -> bool:
    j = k - 1
    while j >= 0 and tokens[j].word and (tokens[j].folded in cues.ADVERBS or _is_negation(tokens[j])):
        if _is_negation(tokens[j]):
            return True
        j -= 1
    return False


def _before_verb(tokens: list[Token], k: int) -> int:
    """Where the phrase before verb ``k`` ends: adverbs, auxiliaries and negations skipped."""
    j = k
    while j > 0 and tokens[j - 1].word and (tokens[j - 1].folded in cues.ADVERBS or _is_negation(tokens[j - 1])):
        j -= 1
    return j


def _phrase_before(tokens: list[Token], k: int) -> tuple[int, int, str]:
    """The noun phrase before verb ``k`` as ``(start, end)``, and what ended the scan:
    "punct", "start", "pronoun", the boundary word ("and", "setelah", "как"), or "pp" when
    only a prepositional phrase was there ("в Кремле заявили"). Empty (``start == end``)
    when there is none.

    Prepositional phrases are dropped ("Trump melalui unggahan di Truth Social menyatakan":
    Trump), and a pronoun is a whole phrase ("Di mana ia menyatakan": ia). A relative clause
    is skipped for the noun it is of ("Menteri Luar Negeri Sugi Harjo yang mendampingi
    Presiden mengatakan", "Lavin, who was on the call, said"), and so is an aside set off by
    commas ("Lin Jia dalam jumpa pers, Senin, menyatakan", "Ли Вэнь, в свою очередь,
    подтвердил")."""
    end = _before_verb(tokens, k)
    end = _before_aside(tokens, end)
    start, phrase_end, stop = _scan_before(tokens, end)
    if stop == "punct" and start == end:
        stop = _relative_between_commas(tokens, end) or stop
    if stop in cues.RELATIVES:
        j = next(j for j in range(end - 1, -1, -1) if tokens[j].word and tokens[j].folded == stop)
        while j > 0 and not tokens[j - 1].word and tokens[j - 1].text == ",":
            j -= 1
        start, phrase_end, stop = _scan_before(tokens, j)
    return start, phrase_end, stop


def _relative_between_commas(tokens: list[Token], end: int) -> str:
    """The relative word that opens the clause set off by commas just before ``end`` (",
    who was on the call,"), or ""."""
    if end < 2 or tokens[end - 1].text != ",":
        return ""
    j = end - 2
    while j >= 0 and tokens[j].text != ",":
        j -= 1
    opening = next((t for t in tokens[j + 1 : end - 1] if t.word), None)
    return opening.folded if j >= 0 and opening is not None and opening.folded in cues.RELATIVES else ""


def _after_turn(tokens: list[Token], k: int) -> int:
    """Past a turn to the other side set off by commas at ``k`` ("Trump, for his part,
    called", "Путин, в свою очередь, проинформировал"), where the verb is; else ``k``."""
    if k >= len(tokens) or tokens[k].text != ",":
        return k
    j = k + 1
    while j < len(tokens) and tokens[j].text != ",":
        j += 1
    words = " ".join(t.folded for t in tokens[k + 1 : j] if t.word)
    return j + 1 if j < len(tokens) and words in cues.SWITCHES else k


def _before_aside(tokens: list[Token], end: int) -> int:
    """Where the phrase before a verb ends, an aside set off by commas before it skipped: a
    day (", Senin (9/11/2024),") or a turn to the other side (", в свою очередь,", ", for
    her part,")."""
    if end < 3 or tokens[end - 1].text != ",":
        return end
    j = end - 2
    while j >= 0 and tokens[j].text != ",":
        j -= 1
    if j <= 0:
        return end
    aside = [t for t in tokens[j + 1 : end - 1] if t.word]
    words = " ".join(t.folded for t in aside)
    day = any(cues.is_weekday(t.text) for t in aside) and all(
        cues.is_weekday(t.text) or t.text.isdigit() for t in aside
    )
    return j if day or words in cues.SWITCHES else end


def _scan_before(tokens: list[Token], end: int) -> tuple[int, int, str]:
    if _apposition_before(tokens, end):
        # "kantor berita pemerintah China, Xinhua, menyebut": the name between the commas.
        end -= 1
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


def _apposition_before(tokens: list[Token], end: int) -> bool:
    """Whether a name set off by commas ends just before ``end`` (", Xinhua,")."""
    if end < 3 or tokens[end - 1].text != ",":
        return False
    j = end - 2
    while j >= 0 and tokens[j].name:
        j -= 1
    return j < end - 2 and j >= 0 and tokens[j].text == ","


def _phrase_after(tokens: list[Token], begin: int, limit: int, stop_at_prepositions: bool) -> int:
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


def _owner_run(runs: list[list[Token]], words: list[Token]) -> list[Token]:
    """The name a statement is cited by: "keterangan resmi Oman yang dimuat harian Al-Roya",
    "an Omani statement carried by the newspaper Al-Roya" are Oman's, the outlet after it (a
    third-party word between) only carries it."""
    for k, run in enumerate(runs[:-1]):
        between = [t for t in words if run[-1].start < t.start < runs[k + 1][0].start]
        if any(cues.is_third_party(t.text) for t in between):
            return run
    return runs[-1]


def _analyst(words: list[Token], thirds: list[Token]) -> bool:
    """Whether the source is a third party ("российский эксперт"): a third-party word
    (``thirds``) that no role follows ("журналистам" in "сообщил журналистам помощник
    президента" is who was told)."""
    roles = [t.start for t in words if cues.is_role(t.text) and not t.title]
    return any(not any(r > t.start for r in roles) for t in thirds)


def _unnamed_thirds(words: list[Token]) -> list[Token]:
    """The third-party words of a source, but for sources an office qualifies: "Turkish
    presidential sources" speak for Turkey, "the sources" for whoever they were before."""
    texts = [t.text for t in words]
    return [t for k, t in enumerate(words) if cues.is_third_party(t.text) and not cues.is_office_source(texts, k)]


def _classify(
    tokens: list[Token],
    text: str,
    start: int,
    end: int,
    span: tuple[int, int],
    oblique: bool,
    negated: bool,
    unnamed_third: bool = True,
) -> Cue | None:
    """What kind of source ``tokens[start:end]`` is; None when it is none (no name, pronoun,
    statement, office, title or third party: "Leaders of the protest movement")."""
    phrase = tokens[start:end]
    words = [t for t in phrase if t.word]
    if not words:
        return None
    source = text[phrase[0].start : phrase[-1].end]
    documented = any(documents(t) for t in words)
    account = any(cues.is_account_noun(t.text) for t in words)
    runs = name_runs(tokens, start, end)
    adjectives = tuple(name_key(t.text) for t in words if not t.name and not cues.is_function_word(t.text))
    thirds = _unnamed_thirds(words)
    third = [t for t in thirds if not t.name]
    if runs and third and third[-1].start > runs[-1][-1].start:
        # "Бразильская пресса", "Chinese analysts": a third party of a country, not the
        # country's voice.
        return Cue(span, Kind.NAMED, source, name_key(third[-1].text), negated=negated, oblique=oblique)
    if runs:
        # "menurut Kremlin sebagaimana dilaporkan New York Times": the outlet after the
        # source only carries what it said.
        owners = [run for run in runs if not cues.is_publication(run[-1].text)] or runs
        run = _owner_run(owners, words) if documented else owners[-1]
        names = [t for t in run if t.name]
        key = name_key(names[-1].text)
        form = _form(tokens, run, start, end)
        # "Пресс-секретарь бордурского президента Денис Пеков": whose country he speaks for,
        # though the article names it only by an adjective (not for an analyst: "российский
        # эксперт"; but "сообщил журналистам помощник ...": those told come before the role).
        own = () if _analyst(words, thirds) else adjectives
        flags = {"documented": documented, "account": account, "adjectives": own}
        return Cue(span, Kind.NAMED, source, key, form, oblique, negated, **flags)
    office = _office_by_name(tokens, words)
    if office:
        # "Menurut keterangan tertulis Istana", "according to the Palace": an office the
        # article names by its capitalised noun alone is a source of its own, for the parties to
        # place, not the last one named.
        flags = {"documented": True, "account": account, "adjectives": adjectives}
        form = " ".join(t.text for t in office)
        return Cue(span, Kind.NAMED, source, name_key(office[-1].text), form, oblique, negated, **flags)
    if any(t.folded in cues.POSSESSIVES or cues.is_possessive_noun(t.text) for t in words):
        return Cue(span, Kind.POSSESSIVE, source, negated=negated, documented=documented, account=account)
    if any(t.folded in cues.PRONOUNS for t in words):
        return Cue(span, Kind.PRONOUN, source, negated=negated)
    if documented:
        return Cue(span, Kind.GENERIC, source, negated=negated, documented=True, account=account, adjectives=adjectives)
    texts = [t.text for t in words]
    roles = [
        k for k, t in enumerate(words) if (cues.is_role(t.text) or cues.is_office_source(texts, k)) and not t.title
    ]
    titles = [k for k, t in enumerate(words) if t.title]
    if titles and not (roles and roles[0] < titles[0]):
        return Cue(span, Kind.PRONOUN, source, negated=negated, adjectives=adjectives)
    if roles:
        # "The official, who spoke on condition of anonymity, said": the source last named;
        # so is a role of a title ("по словам помощника президента": the president's aide,
        # not the president).
        return Cue(span, Kind.GENERIC, source, negated=negated, adjectives=adjectives)
    if thirds and unnamed_third:
        # "По мнению аналитиков", "experts said": a source of its own, though it has no name
        # (a third party, the parties find).
        return Cue(span, Kind.NAMED, source, name_key(thirds[0].text), negated=negated, oblique=oblique)
    return None


def _office_by_name(tokens: list[Token], words: list[Token]) -> list[Token]:
    """The capitalised office noun of a source without a name, with the capitalised words
    after it ("Istana", "Sekretariat Presiden"), where it does not open the statement; else []."""
    for k, token in enumerate(words):
        if token is tokens[0] or not token.text[:1].isupper() or not cues.is_office_noun(token.text):
            continue
        if cues.POSSESSIVES & {t.folded for t in words[:k]}:
            return []
        j = k + 1
        while j < len(words) and words[j].text[:1].isupper():
            j += 1
        following = tokens.index(words[j - 1]) + 1
        if following < len(tokens) and tokens[following].folded in cues.PREPOSITIONS:
            return []  # "the Ministry of External Affairs": named after the preposition
        return list(words[k:j])
    return []


def _form(tokens: list[Token], run: list[Token], start: int, end: int) -> str:
    """The source's name as a label shows it: the name run without titles, with an office
    noun right next to it ("Israeli government", "Pemerintah Israel", "пресс-служба Кремля")."""
    names = [t for t in run if t.name]
    first, last = tokens.index(names[0]), tokens.index(names[-1])
    before = first - 1
    while before >= start and tokens[before].word and tokens[before].title:
        before -= 1
    after = last + 1
    # Titles and up to two modifiers may stand between ("prime minister's office", "Japanese
    # Foreign Ministry").
    while after < end and after - last <= 3 and tokens[after].word and not cues.is_office_noun(tokens[after].text):
        if not (tokens[after].title or tokens[after].text.islower() or tokens[after].folded in cues.OFFICE_MODIFIERS):
            break
        after += 1
    if before >= start and tokens[before].word and cues.is_office_noun(tokens[before].text):
        first = before
    elif before + 1 < first and cues.is_office_noun(names[-1].text):
        first = before + 1  # "Prime Minister's Office": the title names the office
    elif after < end and tokens[after].word and cues.is_office_noun(tokens[after].text):
        last = after
    if cues.is_office_noun(tokens[last].text):
        last = _of_name(tokens, last)
    return " ".join(t.text for t in tokens[first : last + 1] if t.word)


def _of_name(tokens: list[Token], office: int) -> int:
    """The last word of an office's name that goes on with "of" and capitalised words
    ("Ministry of External Affairs", where the source's phrase may stop at "of"); ``office``
    itself when it does not."""
    last = office
    if office + 2 < len(tokens) and tokens[office + 1].folded == "of":
        for k in range(office + 2, len(tokens)):
            if not (tokens[k].word and tokens[k].text[:1].isupper()):
                break
            last = k
    return last


@dataclass(frozen=True)
class Resolved:
    """A cue with the entity it stands for ("" for none), or a pronoun that carries on (with
    the entity of the statement before, which counts it for choosing the sides)."""

    cue: Cue
    entity: str
    carries_on: bool = False


# -- Subjects ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Subject:
    kind: str
    """"named", "pronoun" (a pronoun or a title alone), "title" (a title with a country
    before a demonstrative, "Presiden AS itu", or after its adjective, "Сильдавский
    премьер"), "joint" (the two parties together: "The two leaders agreed", "Keduanya
    membahas", "Условились продолжать") or "" (none found)."""
    key: str = ""
    verb: str = ""
    """The word after the subject (adverbs skipped): the main clause's verb, as a rule."""
    span: tuple[int, int] | None = None
    """From the subject to its verb, in the statement's text."""
    form: str = ""
    """A named subject as the article writes it ("Lena Brok")."""
    pair: tuple[str, ...] = ()
    """The keys of two names joined as one subject ("Путин и Макрон отметили", "Lee dan Trump
    membahas"): "joint" only if they are the two parties, which ``decide`` knows."""
    turned: bool = False
    """A named subject followed by a turn to his side set off by commas ("Trump, for his
    part, called", "Путин, в свою очередь, проинформировал")."""


_DATELINE = re.compile(r"^(?:[^\s.!?]+\s){0,5}?[^\s.!?]+\s[-–—]\s")
"""A place and a date or an outlet before a dash ("MEXICO CITY —", "Teheran -", "Jakarta
(ANTARA) - ", "MOSCOW, Dec 10 (Reuters) — "): a few words, not a clause that a dash goes on
("Лидеры также рассмотрели ход крупных совместных проектов —")."""


def find_subject(tokens: list[Token], text: str) -> Subject:
    """The subject of the sentence's main clause, after a dateline, an opening connective
    ("Namun", "However") and an opening prepositional phrase up to its comma ("Sebagai
    kesimpulan, Perdana Menteri Israel meminta"), or without one up to a name ("После беседы
    Путин вышел"). A sentence that opens with a subordinate clause ("Although ...") has none
    that can carry an account on."""
    dateline = _DATELINE.match(text)
    k = 0
    if dateline:
        while k < len(tokens) and tokens[k].start < dateline.end():
            k += 1
    while k < len(tokens) and not tokens[k].word:
        k += 1
    while k < len(tokens) and tokens[k].word and not tokens[k].name and _opener(tokens[k]):
        k += 1
    while k < len(tokens) and not tokens[k].word:
        k += 1
    if k >= len(tokens):
        return Subject("")
    if not tokens[k].name and tokens[k].folded in cues.SUBORDINATORS:
        return Subject("")
    if not tokens[k].name and tokens[k].folded in cues.PREPOSITIONS:
        k = _after_opening_phrase(tokens, k)
    while k < len(tokens) and tokens[k].word and not tokens[k].name and tokens[k].folded in cues.DETERMINERS:
        k += 1
    if k >= len(tokens) or not tokens[k].word:
        return Subject("")
    joint = _joint(tokens, k)
    if joint is not None:
        return joint
    token = tokens[k]
    if not token.name and token.folded in cues.PRONOUNS:
        verb = _verb_after(tokens, k + 1).text
        if token.folded in cues.IMPERSONAL_PRONOUNS and not (cues.is_speech_act(verb) or cues.is_reporting_verb(verb)):
            return Subject("")  # "It was the first call since March", not "It called the talks warm"
        return Subject("pronoun", verb=verb)
    if _adjective_before_title(tokens, k):
        end = k + 1
        while end < len(tokens) and tokens[end].word and tokens[end].title:
            end += 1
        return Subject("title", name_key(token.text), _verb_after(tokens, end).text)
    if token.name or token.title:
        end = k
        while end < len(tokens) and tokens[end].word and (tokens[end].name or tokens[end].title):
            end += 1
        names = [t for t in tokens[k:end] if t.name]
        turned = _after_turn(tokens, end)
        verb = _verb_after(tokens, turned)
        span = (token.start, verb.end) if verb.text else None
        if len(names) == 1 and end < len(tokens) and tokens[end].folded in cues.DEMONSTRATIVES:
            return Subject("title", name_key(names[0].text), _verb_after(tokens, end + 1).text)
        if names:
            form = " ".join(t.text for t in names)
            return Subject("named", name_key(names[-1].text), verb.text, span, form, turned=turned > end)
        return Subject("pronoun", verb=verb.text, span=span)
    return Subject("")


_EN_ADVERB = re.compile(r"^[a-z]{3,}ly$")


def _opener(token: Token) -> bool:
    """A connective or an adverb that opens a sentence before its subject or its opening
    phrase ("However", "Shortly after the call, Mr Zelensky ...")."""
    return token.folded in cues.OPENERS or bool(_EN_ADVERB.match(token.folded))


def _joint(tokens: list[Token], k: int) -> Subject | None:
    """The call's two parties together as the subject at ``k`` ("the two sides", "Keduanya",
    "kedua kepala negara", "Лидеры"), or a Russian plural verb of what is done in a call with
    no subject before it ("Условились продолжать контакты"), or None."""
    first = tokens[k].folded
    if cues.is_plural_past(first) and cues.is_speech_act(first) and not tokens[k].name:
        return Subject("joint", verb=tokens[k].text)
    pair = _named_pair(tokens, k)
    if pair is not None:
        keys, end = pair
        return Subject("joint", verb=_verb_after(tokens, end).text, pair=keys)
    end = k
    pair = end < len(tokens) and tokens[end].folded in cues.PAIR
    if pair:
        end += 1
    start = end
    while end < len(tokens) and tokens[end].word and (
        tokens[end].folded in cues.JOINT or (pair and tokens[end].folded in cues.JOINT_AFTER_PAIR)
    ):
        end += 1
    if end == start:
        return None
    return Subject("joint", verb=_verb_after(tokens, end).text)


def _named_pair(tokens: list[Token], k: int) -> tuple[tuple[str, str], int] | None:
    """Two names joined by "and" from ``k`` ("Путин и Макрон", "Lee dan Trump", "Trump and
    Duterte"), not one of a longer list ("France, Germany and Britain"): their keys and
    where the pair ends, or None."""
    end = k
    while end < len(tokens) and tokens[end].word and tokens[end].name:
        end += 1
    if end == k or end + 1 >= len(tokens) or tokens[end].folded not in cues.CONJUNCTIONS or tokens[end].name:
        return None
    second = end + 1
    last = second
    while last < len(tokens) and tokens[last].word and tokens[last].name:
        last += 1
    if last == second or (last < len(tokens) and not tokens[last].word and tokens[last].text == ","):
        return None
    return (name_key(tokens[end - 1].text), name_key(tokens[last - 1].text)), last


def _joined_to_name(tokens: list[Token], start: int) -> bool:
    """Whether the names from ``start`` are the second of two joined by "and" ("Путин и
    Макрон отметили"): the verb's source is both, not the name next to it."""
    return (
        start >= 2
        and tokens[start - 1].word
        and not tokens[start - 1].name
        and tokens[start - 1].folded in cues.CONJUNCTIONS
        and tokens[start - 2].name
    )


def _after_opening_phrase(tokens: list[Token], k: int) -> int:
    """Where the sentence goes on after the prepositional phrase that opens at ``k``: after
    its comma ("Dalam percakapan dengan Putin, Netanyahu"), or without one at a name that
    no comma follows ("После беседы Путин вышел")."""
    for j in range(k + 1, min(k + 5, len(tokens))):
        if tokens[j].name:
            end = j
            while end < len(tokens) and tokens[end].name:
                end += 1
            if end < len(tokens) and tokens[end].text != ",":
                return j
            break
    comma = next((j for j in range(k, min(k + 16, len(tokens))) if tokens[j].text == ","), None)
    return comma + 1 if comma is not None else len(tokens)


def _adjective_before_title(tokens: list[Token], k: int) -> bool:
    token = tokens[k]
    if token.name or token.title or cues.is_function_word(token.text):
        return False
    return k + 1 < len(tokens) and tokens[k + 1].word and tokens[k + 1].title


_NO_VERB = Token("", 0, 0, False)


def _verb_after(tokens: list[Token], k: int) -> Token:
    while k < len(tokens) and tokens[k].word and tokens[k].folded in cues.ADVERBS:
        k += 1
    return tokens[k] if k < len(tokens) and tokens[k].word else _NO_VERB


_ACCOUNT_REACH = 3
"""How many words after the verb the account it gives may come ("gave his own account")."""


def _gives_account(tokens: list[Token], verb_end: int) -> bool:
    """Whether the verb that ends at ``verb_end`` gives an account: "Trump gave his own
    account on Truth Social", "the Kremlin provided its account"."""
    words = [t for t in tokens if t.word and t.start >= verb_end][:_ACCOUNT_REACH]
    verb = next((t for t in reversed(tokens) if t.word and t.end <= verb_end), None)
    return verb is not None and verb.folded in cues.GIVING and any(cues.is_account_noun(t.text) for t in words)


def documented_act(tokens: list[Token], text: str, subject: Subject) -> Cue | None:
    """A named subject doing what is done in a call, with the statement or post it did it
    in ("In a post on Truth Social, Trump called it ...", "Dalam unggahannya, Trump
    mengundang ..."): a cue for the subject, though no verb of saying is there."""
    if subject.kind != "named" or subject.span is None:
        return None
    if not (cues.is_speech_act(subject.verb) or _gives_account(tokens, subject.span[1])):
        return None
    if not any(t.word and cues.is_account_noun(t.text) for t in tokens):
        return None
    span = subject.span
    return Cue(span, Kind.SUBJECT, text[span[0] : span[1]], documented=True, account=True)

