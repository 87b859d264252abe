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
   ("according to the Israeli statement", "menurut ...", "по данным Кремля"), or an
   impersonal passive ("уточняется в сообщении", "Kedua pemimpin disebut ..."). The source is
   the noun phrase next to the verb, without prepositional phrases ("Trump melalui unggahan di
   Truth Social menyatakan": Trump). A cue in a time clause ("after Trump announced") dates
   the statement rather than attributing it; a negated one ("did not mention", "не
   говорится") says what an account lacks: neither.
3. **Sources.** A source with names is the entity its last name run heads ("National Security
   Council spokesman John Kirby": Kirby), names being joined into entities by how the
   article writes them (``names``: "Israel" of "Perdana Menteri Israel Benjamin Netanyahu",
   "Kremlin" of "Kremlin aide Yuri Ushakov", "Israeli" and "Israel"). A possessive source
   ("his office", "kantornya") is the sentence's subject's; a bare one ("the readout said",
   "говорится в сообщении") is the last source named outside what another reports, and an
   office noun alone ("по данным агентства", "the agency said") the last name the article
   gave that noun ("Вьетнамское информационное агентство (ВИА)"), cited or not, unless the
   article capitalises it inside the sentence as the office's name ("menurut keterangan
   tertulis Istana"): a source of its own; a title with a country's adjective ("российского
   лидера", "Сильдавский премьер") is that country's, and so is an office named with one
   party's country ("The Zemblan Presidential Office"). A verb of saying's source ends where
   whom it was said to begins ("kata Xi kepada Biden").
4. **Sides.** The call's two parties (``parties``): each leader named with a title, and the
   sources the article joins to them or has telling their account; third parties (analysts,
   newspapers, a third leader) are neither. A party's source speaks for its account about
   the call; its remarks on another matter ("separately", "earlier", a minister's budget,
   another leader's call, anything said before the call: "ahead of the meeting", "sehari
   sebelum percakapan", "до встречи") are neither, and so is a news outlet cited for what it
   relays ("Dilansir dari Reuters"). A source that has already told a side's account goes on
   telling it, unless the other side spoke just before; a new one must speak of the call.
   The account told first is on the left; each is labelled as the article names the sources
   whose cues decide its statements ("Israeli government", "Kremlin"), in the nominative, a
   spokesman by whose he is, a side without a named source by its leader. An article that
   names no two leaders with a title has the two sources it cites most for sides.
5. **Carrying on.** A statement with a pronoun for its source ("Dia menambahkan", "He also
   told", "по его словам", "ujarnya"), or with no cue that opens with a quotation mark or
   whose subject is a pronoun (not "it" doing no speaking: "It was the first call"), a title
   ("Kepala Negara", "the prime minister", "Presiden AS itu") or the side's own source doing
   what is done in a call ("Netanyahu juga menyampaikan apresiasinya") or the two parties
   together doing it ("Keduanya membahas", "Путин и Макрон отметили": two leaders' names
   joined by "and" are no one leader's cue), carries on the account of the statement before
   it (links skipped). Anything else without a cue is the
   reporter's: neither, unless a party's leader is its subject doing what is done in a call
   in a sentence that names the call or the other leader ("Dalam pertemuan itu, Prabowo
   berterima kasih karena Xi"): that leader's account; so is a pronoun's statement about the
   call after the reporter's text whose subject is that leader ("Trump, for his part, ...",
   then "He said they had discussed ...").
6. **Told twice.** A statement that tells an earlier statement of the same side again, in
   the words or the letters they share as a model learned from the gold weighs them
   (``repeats``), is marked as repeating it, and left out of that side's account (it stays in
   the attribution, marked).

Nothing here knows any country, leader or outlet: the word lists (``cues``) are each
language's reporting verbs, pronouns and function words.

The pieces: ``tokens`` (words and names), ``names`` (how names lead to one another),
``sources`` (a statement's cues and subject), ``parties`` (who speaks for which side),
``model`` (what an attribution is), ``repeats`` (statements told twice); this module reads the article through them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from readout_tui.core.engine import cues
from readout_tui.core.engine.attribution import places
from readout_tui.core.engine.attribution.decide import Body, assign
from readout_tui.core.engine.attribution.learned import apply as correct
from readout_tui.core.engine.attribution.learned import shipped
from readout_tui.core.engine.attribution.model import (
    Attributed,
    Attribution,
    AttributionError,
    How,
    Side,
    mark_repeats,
)
from readout_tui.core.engine.attribution.names import Names
from readout_tui.core.engine.attribution.parties import Parties, find_leaders
from readout_tui.core.engine.attribution.sources import (
    Cue,
    Kind,
    Resolved,
    Subject,
    documented_act,
    find_cues,
    find_subject,
)
from readout_tui.core.engine.attribution.tokens import (
    CYRILLIC,
    QUOTES,
    Token,
    name_key,
    name_runs,
    read_tokens,
    same_stem,
)
from readout_tui.core.engine.names import capitalised_inside
from readout_tui.core.engine.statements import terminal_visible_offsets

__all__ = ["Attributed", "Attribution", "AttributionError", "How", "Side", "attribute"]

_HEADLINE_WORDS = 40
_HEADING_WORDS = 10
_ENDS_SENTENCE = tuple(".!?…\"'”»)。！？")
_WORD = re.compile(r"\w+")


def attribute(blocks: Sequence[Sequence[str]], learned: bool = False) -> Attribution:
    """Attribute an article's statements, given grouped by line (``statement_blocks``).
    ``learned``: the rules' decisions corrected by the model learned from the gold
    (``learned``), as the product reads articles (``io.article``); without it, the rules alone,
    which the unit tests hold to their reasons (the correction moves some statements of their
    short made-up articles; docs/attribution.md). Raises ``AttributionError`` when fewer than
    two sources are cited."""
    flat = [(b, text) for b, block in enumerate(blocks) for text in block]
    structure = _structure(blocks)
    # Cues are read in the text as a terminal shows it: "\x1b[31mThe Kremlin\x1b[0m said" is
    # the Kremlin's cue. The statements keep their text as written, their cues pointed at in it.
    shown = {index: terminal_visible_offsets(text) for index, (b, text) in enumerate(flat) if structure[b][0] is None}
    body_texts = [visible for visible, _ in shown.values()]
    inside = capitalised_inside(body_texts) | {w.casefold() for w in _always_names(body_texts)}
    bodies: dict[int, Body] = {}
    names = Names()
    for index, (b, _) in enumerate(flat):
        if structure[b][0] is not None:
            continue
        text = shown[index][0]
        tokens = read_tokens(text, inside)
        names.read(index, tokens)
        subject = find_subject(tokens, text)
        found = find_cues(tokens, text)
        act = documented_act(tokens, text, subject) if not found else None
        bodies[index] = Body(text, tokens, [act] if act else found, subject)
    names.settle()
    headline = _headline_keys(flat, structure, inside)
    leaders = find_leaders(
        names, headline, _speakers(bodies), _headline_earlier(flat, structure, inside), _addressed(bodies)
    )
    names.join(leaders)
    parties = Parties.of_leaders(names, leaders) if len(leaders) == 2 else None
    resolved = _resolve_sources(bodies, names, parties)
    if parties is None:
        parties = Parties.most_cited(resolved)
    parties.settle(resolved, {i: body.tokens for i, body in bodies.items()}, names)
    statements = assign(flat, structure, bodies, resolved, names, parties)
    unheard = frozenset({Side.LEFT, Side.RIGHT} - {s.side for s in statements})
    if parties.leaders and len(unheard) == 1:
        # "Trump confirmed the pause in a post": a side whose every statement was held to
        # speak of something other than the call would leave nothing to compare.
        parties = replace(parties, unheard=unheard)
        statements = assign(flat, structure, bodies, resolved, names, parties)
    if learned:
        statements = correct(statements, shipped())
    swapped = _right_told_first(statements)
    if swapped:
        statements = _sides_swapped(statements)
    labels = _labels(statements, resolved, _Labelling(bodies, names, parties, swapped))
    written = {index: offsets for index, (_, offsets) in shown.items() if offsets is not None}
    marked = [_as_written(s, flat[s.index][1], written.get(s.index)) for s in mark_repeats(statements)]
    return Attribution(tuple(marked), *labels)


def _as_written(statement: Attributed, text: str, offsets: list[int] | None) -> Attributed:
    """A statement read without its terminal codes, given back its text as written, its cue
    at the same words there."""
    if offsets is None:
        return statement
    cue = statement.cue
    if cue is not None and cue[1] > cue[0]:
        cue = (offsets[cue[0]], offsets[cue[1] - 1] + 1)
    return replace(statement, text=text, cue=cue)


def _speakers(bodies: dict[int, Body]) -> set[str]:
    """The keys of the named sources that speak in person, by name alone: not an office or a
    statement ("a Downing Street readout"), an outlet cited for what it relays, or a country
    by its leader's title ("the Ukrainian president wrote")."""
    return {
        cue.key
        for body in bodies.values()
        for cue in body.cues
        if cue.kind is Kind.NAMED
        and cue.key
        and not (cue.documented or cue.relay or cue.negated or cue.subordinate)
        and not any(t.title for t in body.tokens if cue.span[0] <= t.start < cue.span[1])
    }


def _addressed(bodies: dict[int, Body]) -> set[str]:
    """The keys of names the article writes right after an honorific ("Mr Merz", "Pak
    Prabowo", "господин Путин")."""
    return {
        name_key(token.text)
        for body in bodies.values()
        for before, token in zip(body.tokens, body.tokens[1:])
        if token.name and cues.is_honorific(before.text)
    }


def _always_names(texts: Iterable[str]) -> set[str]:
    """Acronyms are names wherever they stand."""
    return {w for text in texts for w in _WORD.findall(text) if len(w) > 1 and w.isupper()}


def _headline_keys(flat, structure, inside: set[str]) -> list[str]:
    """The name keys of the headline's capitalised words (a headline capitalises most), in
    the headline's order."""
    texts = [text for b, text in flat if structure[b][0] is How.HEADLINE]
    keys = [
        name_key(part)
        for text in texts
        for t in read_tokens(text, inside)
        if t.word and t.text[0].isupper()
        for part in _hyphen_pair(t.text)
    ]
    return list(dict.fromkeys(keys))


def _headline_earlier(flat, structure, inside: set[str]) -> set[str]:
    """The name keys the headline has only in clauses on what came before the call: from
    "after", "usai", "после" to the clause's end ("Usai Telepon Putin, ...")."""
    keys: dict[bool, set[str]] = {True: set(), False: set()}
    for text in (text for b, text in flat if structure[b][0] is How.HEADLINE):
        earlier = False
        for t in read_tokens(text, inside):
            if t.word and t.folded in cues.TIME_CLAUSES:
                earlier = True
            elif not t.word and t.text in ",:;—–|":
                earlier = False
            elif t.word and t.text[0].isupper():
                keys[earlier].update(name_key(part) for part in _hyphen_pair(t.text))
    return keys[True] - keys[False]


def _hyphen_pair(word: str) -> list[str]:
    """A headline's two names joined by a hyphen ("Trump-Putin", "Indonesia-Rusia"), each;
    one name with a hyphen ("Jae-myung", "ас-Сиси") stays whole."""
    parts = word.split("-")
    if len(parts) == 2 and all(part[:1].isupper() and len(part) > 1 for part in parts):
        return parts
    return [word]


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


def _resolve_sources(bodies: dict[int, Body], names: Names, parties: Parties | None) -> dict[int, list[Resolved]]:
    """Each body statement's usable cues (not in a time clause), with their entities."""
    resolved: dict[int, list[Resolved]] = {}
    last_entity = ""
    offices: list[tuple[str, str]] = []
    """Each office noun named with a name so far ("агентство (ВИА)", "Xinhua news agency"),
    with that name's entity."""
    before = ""
    """The entity of the body statement before, for a pronoun."""
    for index in sorted(bodies):
        body = bodies[index]
        subject = _subject_entity(body.subject, names, parties)
        found = []
        for cue in body.cues:
            if cue.subordinate:
                continue
            national = _national(cue, names, parties)
            if cue.kind is Kind.NAMED:
                entity = names.resolve(cue.key)
                if parties is not None and parties.side_of(entity) is None and national:
                    # "помощник российского президента Юрий Ушаков": the aide speaks for that
                    # country's party wherever the article cites him by name alone.
                    parties.sides[entity] = parties.side_of(national)
                elif parties is not None and parties.side_of(entity) is None and cue.documented:
                    _place_office(entity, cue, body.tokens, names, parties)
                found.append(Resolved(cue, entity))
            elif national:
                found.append(Resolved(cue, national))
            elif cue.kind in (Kind.POSSESSIVE, Kind.SUBJECT) and subject:
                found.append(Resolved(_of_subject(cue, body.subject), subject))
            elif cue.kind is Kind.GENERIC or (cue.kind is Kind.POSSESSIVE and body.subject.kind != "pronoun"):
                holder = _title_holder(cue, body.tokens, names, parties)
                entity = (
                    _office_named(cue, body.tokens, offices)
                    or (names.resolve(min(parties.leaders[holder])) if holder is not None and parties else "")
                    or _office_of_country(cue, names)
                    or last_entity
                )
                if entity:
                    found.append(Resolved(cue, entity))
            else:
                found.append(Resolved(cue, before, carries_on=True))
        # "the readout said" is the last source named outside what another reports.
        sources = [r for r in found if r.entity and not r.cue.negated]
        if sources:
            last_entity = next((r.entity for r in sources if r.cue.outer), sources[-1].entity)
        resolved[index] = found
        offices.extend(_offices(body.tokens, names))
        before = next((r.entity for r in found if r.entity and not r.cue.negated), "")
    return resolved


_NEAR_OFFICE = 2
"""How many modifiers may stand between an office noun and its name ("Xinhua news agency",
"kantor berita Korvo")."""


def _place_office(entity: str, cue: Cue, tokens: Sequence[Token], names: Names, parties: Parties) -> None:
    """An office named with a party's country ("The Zemblan Presidential Office", "Kantor
    Kepresidenan Korea Selatan", "Пресс-служба Кремля") is on that party's side: by the
    country its name has, not by a title word it shares with a leader's title."""
    keys = {
        name_key(t.text)
        for t in tokens
        if cue.span[0] <= t.start < cue.span[1] and t.word and t.name and name_key(t.text) != cue.key
    }
    found = {
        side
        for side, leader in parties.leaders.items()
        for person, countries in names.countries.items()
        if len(person & leader) >= min(2, len(person))
        for key in keys
        if key in countries
    }
    if not found:
        side = _title_holder(cue, tokens, names, parties)
        found = {side} if side is not None else set()
    if len(found) == 1:
        parties.sides.setdefault(entity, found.pop())


def _title_holder(cue: Cue, tokens: Sequence[Token], names: Names, parties: Parties | None) -> Side | None:
    """The party of an office named by its noun and a leader's title alone ("the Prime
    Minister's Office", "Kantor Perdana Menteri"; not "Sekretariat Presiden Yusuf Permana", a
    person), where only one of the two leaders holds that title (a prime minister and a
    president); else None."""
    if parties is None:
        return None
    inside = [t for t in tokens if cue.span[0] <= t.start < cue.span[1] and t.word]
    office = any(cues.is_office_noun(t.text) for t in inside) and all(
        cues.is_office_noun(t.text) or _POSSESSIVE.search(t.text) for t in inside if t.name and not t.title
    )
    held = {cues.title_key(t.text) for t in inside if t.title}
    if not office or not held:
        return None
    found = {
        side
        for side, leader in parties.leaders.items()
        for person, titles in names.titles.items()
        if len(person & leader) >= min(2, len(person)) and titles & held
    }
    return found.pop() if len(found) == 1 else None


def _modifier(token: Token) -> bool:
    return token.word and not token.name and token.text.islower() and not cues.is_function_word(token.text)


def _offices(tokens: Sequence[Token], names: Names) -> list[tuple[str, str]]:
    """The office nouns of a statement that a name goes with, each with the name's entity:
    the name after it, or in brackets after it ("агентства Синьхуа", "kantor berita Korvo",
    "агентство (ВИА)"), or just before it ("Xinhua news agency")."""
    found = []
    for k, token in enumerate(tokens):
        if token.name or not token.word or not cues.is_office_noun(token.text):
            continue
        j = k + 1
        while j < min(k + 1 + _NEAR_OFFICE, len(tokens)) and _modifier(tokens[j]):
            j += 1  # "kantor berita Korvo"
        if j + 1 < len(tokens) and tokens[j].text == "(":
            j += 1
        if j < len(tokens) and tokens[j].name:
            named = tokens[j]
        else:
            i = k - 1
            while i >= max(0, k - _NEAR_OFFICE) and _modifier(tokens[i]):
                i -= 1  # "Xinhua news agency"
            named = tokens[i] if i >= 0 and tokens[i].word and tokens[i].name else None
        if named is not None:
            found.append((name_key(token.text), names.resolve(name_key(named.text))))
    return found


def _office_named(cue: Cue, tokens: Sequence[Token], offices: list[tuple[str, str]]) -> str:
    """For a source that is an office noun alone ("по данным агентства", "the state news
    agency said"), the last office of that noun the article named with a name; else ""."""
    nouns = [
        name_key(t.text)
        for t in tokens
        if cue.span[0] <= t.start < cue.span[1] and t.word and not t.name and cues.is_office_noun(t.text)
    ]
    for noun, entity in reversed(offices):
        if any(same_stem(noun, n) for n in nouns):
            return entity
    return ""


def _of_subject(cue: Cue, subject: Subject) -> Cue:
    """A cue whose source is the sentence's subject, named after it ("Мускар, выступая в
    Клове, написал": Мускар)."""
    if cue.kind is not Kind.SUBJECT or not subject.form:
        return cue
    return replace(cue, source=subject.form, form=subject.form)


def _subject_entity(subject: Subject, names: Names, parties: Parties | None) -> str:
    """The entity of a named subject, or of a title's country when it is a party's."""
    if subject.kind == "named":
        return names.resolve(subject.key)
    if subject.kind == "title" and parties is not None:
        entity = names.entity_of(subject.key)
        return entity if parties.side_of(entity) else ""
    return ""


def _national(cue: Cue, names: Names, parties: Parties | None) -> str:
    """The party a source without a name is, by its lowercase adjective ("российского
    лидера", "в турецком сообщении"), or ""."""
    if parties is None:
        return ""
    for adjective in cue.adjectives:
        entity = names.lookup(adjective)
        if parties.side_of(entity):
            return entity
    return ""


def _office_of_country(cue: Cue, names: Names) -> str:
    """An office named by the adjective of a country the article names, of no party yet
    ("пресс-служба казахстанского лидера", where "Казахстана" is no leader's by his title): that
    country, for the parties to place; else ""."""
    if not cue.documented:
        return ""
    return next(filter(None, (names.lookup(adjective) for adjective in cue.adjectives)), "")


def _right_told_first(statements: list[Attributed]) -> bool:
    """Whether the account the article tells first is on the right: the sides are then swapped,
    so that it is on the left."""
    return next((s.side for s in statements if s.side is not Side.NEITHER), Side.LEFT) is Side.RIGHT


def _sides_swapped(statements: list[Attributed]) -> list[Attributed]:
    swap = {Side.LEFT: Side.RIGHT, Side.RIGHT: Side.LEFT, Side.NEITHER: Side.NEITHER}
    return [replace(s, side=swap[s.side], announces=s.announces and swap[s.announces]) for s in statements]


class _Labelling:
    """What a label needs beyond the cues: who is a spokesman or aide rather than a party's
    leader, and the forms the article gives each name where it opens a clause (in Russian,
    the nominative: "Кремль заявил" against "в Кремле", "пресс-служба Кремля")."""

    def __init__(self, bodies: dict[int, Body], names: Names, parties: Parties, swapped: bool):
        self.names = names
        self.texts = {index: body.text for index, body in bodies.items()}
        """Each statement's text, as its cues' spans point into it."""
        led = set().union(*parties.leaders.values()) if parties.leaders else set()
        # An aide is a person: not a leader, nor a name the article has anyone speak for or a
        # leader's title name (the country of "Israeli National Security Adviser").
        spoken_for = {key for members in names.members.values() for key in members}
        countries = {key for found in names.countries.values() for key in found}
        # Nor a seat in the table of places ("seorang juru bicara Downing Street").
        self.aides = {key for key in set(names.aides) - led - spoken_for - countries if not places.country_of(key)}
        self.leaders = {(_other(side) if swapped else side): keys for side, keys in parties.leaders.items()}
        self.clause_forms: dict[str, Counter] = {}
        self.forms: dict[str, Counter] = {}
        self.runs: dict[str, Counter] = {}
        """Each name's whole runs, by the key of their last word ("National Security Council")."""
        self.last: Counter = Counter()
        """How often each key ends a name run: a person's surname does."""
        self.agencies: set[str] = set()
        """Names the article gives a news agency ("Xinhua news agency", "агентство ВИА")."""
        self.inside: set[str] = set()
        """Names the article capitalises inside a sentence, not only at its start."""
        for body in bodies.values():
            tokens = body.tokens
            for k, token in enumerate(tokens):
                if token.word and token.text[:1].isupper() and any(t.word for t in tokens[:k]):
                    self.inside.add(name_key(token.text))
                after = [t.folded for t in tokens[k + 1 : k + 3] if t.word]
                before = [t.folded for t in tokens[max(k - 2, 0) : k]]
                if token.name and (
                    after[:1] == ["agency"]
                    or after[:2] == ["news", "agency"]
                    or before == ["kantor", "berita"]
                    or before[-1:] and before[-1].startswith("агентств")
                    # A name in guillemets is a publication's, a channel's, a company's
                    # ("По данным «Азатутюн»"): a government is not written in them; nor is
                    # a medium named after its noun ("в соцсети Truth Social") or before "post"
                    # ("In a Facebook post"). A seat or a press pool in the table of places
                    # ("«Пул Первого»") speaks for its own.
                    or (
                        before[-1:]
                        and (
                            before[-1] in _NAME_QUOTES
                            or _MEDIUM.match(before[-1])
                            # "Divisi Media Presiden" is a name of its own, no medium's.
                            and not (before[-1] == "media" and tokens[k - 1].text[:1].isupper())
                        )
                        or after[:1]
                        and after[0] in _POSTED_IN
                    )
                    and not places.country_of(name_key(_run_from(tokens, k)[-1].text))
                    and name_key(token.text) not in led
                ):
                    self.agencies.add(name_key(token.text))
            for run in name_runs(tokens):
                words = [t for t in run if t.word and not t.title]
                if words and words[-1].name:
                    self.runs.setdefault(name_key(words[-1].text), Counter())[" ".join(t.text for t in words)] += 1
                    self.last[name_key(words[-1].text)] += 1
            for k, token in enumerate(tokens):
                if not token.name or not token.word:
                    continue
                key = name_key(token.text)
                self.forms.setdefault(key, Counter())[_bare_possessive(token.text)] += 1
                before = next((t for t in reversed(tokens[:k]) if t.text not in QUOTES), None)
                opens = before is None or not before.word or before.folded in cues.CONJUNCTIONS
                if opens and not (k + 1 < len(tokens) and tokens[k + 1].name) and not _RU_ADJECTIVE.search(token.text):
                    self.clause_forms.setdefault(key, Counter())[token.text] += 1

        # A name that also ends another name is not the agency's ("Kantor Berita Saudi" and
        # "Arab Saudi").
        self.agencies = {
            key
            for key in self.agencies
            if all(" " not in run or any(_AGENCY.match(w) for w in run.split()) for run in self.runs.get(key, ()))
        }

    def opens_only(self, form: str) -> bool:
        """Whether a label's form is one word the article capitalises only where it opens a
        sentence, and no leader's name or place ("Там" of "Там же подчеркнули")."""
        if " " in form or not form[:1].isupper():
            return False
        key = name_key(form)
        leaders = set().union(*self.leaders.values())
        return key not in self.inside and key not in leaders and not places.country_of(key)

    def nominative(self, words: list[str]) -> list[str]:
        """A label's words in the form a label takes: in Russian, an office noun in the
        nominative ("пресс-службы Кремля" -> "пресс-служба Кремля"; the name after it stays
        its genitive), a name that heads the label in the form the article gives it where it
        opens a clause, if it does ("Кремля" -> "Кремль"); a possessive at the end bare."""
        if words:
            # "Doha's": the name; "Freedonia's foreign ministry" stays whole.
            words = [*words[:-1], _bare_possessive(words[-1])]
        if not words or not CYRILLIC.match(words[0].casefold()):
            return words
        office = cues.office_nominative(words[0])
        if office:
            if office[1:].islower():
                # A common noun, capitalised where it opened a sentence ("Пресс-служба Кремля
                # сообщила"): as the article writes it inside one ("пресс-служба"), not "МИД".
                office = office[:1].lower() + office[1:]
            return [office, *words[1:]]
        if not words[0][:1].isupper():
            return words
        named = places.russian_name_nominative(words)
        if named != words:
            return named  # a name of several words in the table ("Пула Первого": Пул Первого)
        whole = places.russian_adjective_name(words[0]) if len(words) == 1 else []
        if whole:
            return whole  # "в Белом доме": the article's name is the adjective alone
        if _RU_ADJECTIVE.search(words[0]):
            # "Алжирская сторона" is in the nominative already; the name its adjective is of
            # ("Алжиром") is another word. An adjective alone ("Азербайджанский") names its place.
            # A surname declined as an adjective ("По словам Зеленского") in the nominative
            # the article writes it in ("Зеленский").
            if len(words) > 1:
                return words
            return [places.russian_nominative(words[0]) or self._adjective_nominative(words[0]) or words[0]]
        clause = self.clause_forms.get(name_key(words[0]))
        if clause:
            # The form as written when the article opens a clause with it too ("Путин тогда
            # говорил"): another that does ("Путину исполнилось 73 года") is a dative.
            form = words[0] if words[0] in clause else clause.most_common(1)[0][0]
            if form.isupper() and not words[0].isupper():
                form = form.capitalize()  # a dateline in capitals ("ТАШКЕНТ — 14 сентября ...")
            return [_ru_nominative(form), *words[1:]]
        # A place the article names only in an oblique case ("в Берлине") as the table writes it.
        return [places.russian_nominative(words[0]) or _ru_nominative(words[0]), *words[1:]]

    def _adjective_nominative(self, word: str) -> str:
        """The article's own nominative ("-ий", "-ый") of a name written here in an oblique
        case of an adjective's endings ("Зеленского": "Зеленский"); "" when it has none."""
        forms = self.forms.get(name_key(word), Counter())
        found = [f for f in forms if f != word and _RU_NOMINATIVE.search(f) and word.startswith(f[:-2])]
        return max(found, key=lambda f: (forms[f], f)) if found else ""

    def organisation(self, key: str) -> str:
        """The organisation the article has an aide speak for, as it writes it most."""
        members = self.names.members.get(key)
        if not members:
            return ""
        return self._written_most(members.most_common(1)[0][0])

    def country(self, side: Side) -> str:
        """The country the leader's title names ("Presiden Korea Selatan Lee Jae-myung"), as
        the article writes it most where it opens a clause, else most."""
        keys = self.leaders.get(side, frozenset())
        found: Counter = Counter()
        for person, countries in self.names.countries.items():
            if person & keys:
                found.update(countries)
        return next(filter(None, (self._written_most(key) for key, _ in found.most_common())), "")

    def _written_most(self, key: str) -> str:
        """The name run ending in ``key`` the article writes most, in the form a label takes;
        "" when no run ends in it."""
        runs = self.runs.get(key)
        return " ".join(self.nominative(runs.most_common(1)[0][0].split())) if runs else ""

    def leader_name(self, side: Side) -> str:
        """The leader's surname (the key that ends his name most often), as the article writes
        it most; in Russian, a form the others extend first ("Путин" of "Путиным",
        "Путина"): the nominative, however often the article writes "с Путиным"."""
        keys = [key for key in self.leaders.get(side, ()) if self.forms.get(key)]
        if not keys:
            return ""
        key = max(keys, key=lambda k: (self.last[k], sum(self.forms[k].values()), k))
        forms = self.forms[key]
        stems = [f for f in forms if CYRILLIC.match(f.casefold()) and any(o != f and o.startswith(f) for o in forms)]
        form = max(stems or forms, key=lambda form: (forms[form], form))
        if not stems:
            form = _ru_hard_stem(forms) or form
        # The country his title names ("президент Ирана"), where that names him most.
        return (places.country_of(key) and places.russian_nominative(form)) or form


_POSSESSIVE = re.compile(r"['’]s$")
_RU_ADJECTIVE = re.compile(r"[сц]к(?:ий|ая|ое|ие|ого|ой|ому|им|ом|их|ую)$")
"""A name's adjective ("Российская", "Елисейского"): not the name itself."""
_RU_NOMINATIVE = re.compile(r"[сц]к(?:ий|ый)$")
"""A masculine adjective's nominative ("Зеленский"), the form of a surname declined as one."""
_PERSON_NAME = 2
"""The last words of an aide's named source that are their own name ("Дмитрий Песков",
"Kang Yu-jung"); what stands before is whose they are."""


_RU_CASES = (
    # A name in "-ия" ("России", "Германией", "Армению": Россия, Германия, Армения).
    (re.compile(r"(?<=и)(?:и|ей|ю)$"), "я"),
    # In "-й" after a hard vowel ("Китая", "Китае": Китай); not "-ея", a nominative ("Корея").
    (re.compile(r"(?<=[аоу])(?:я|е|ю|ем)$"), "й"),
    # In "-ль" ("Кремля", "Израиле": Кремль, Израиль).
    (re.compile(r"(?<=л)(?:я|е|ю|ем)$"), "ь"),
    # In "-стан" ("Кыргызстана", "Узбекистане": Кыргызстан, Узбекистан).
    (re.compile(r"(?<=стан)(?:а|у|ом|е)$"), ""),
)
"""Where the article never opens a clause with a name, its nominative by the endings whose
nominative is certain; a hard-stem name ("Египта") is left as it stands."""


_RU_INSTRUMENTAL = re.compile(r"(?<=[бвгджзклмнпрстфхцчшщ])(?:ом|ым)$")
"""A masculine name's instrumental after a hard consonant ("Рахмоном", "Путиным"): its
nominative is the consonant stem ("Рахмон", "Путин"); a feminine one ends in "-ой"."""
_RU_HARD_CASES = frozenset({"а", "у", "е", "ом", "ым"})


def _ru_hard_stem(forms: Counter) -> str:
    """The nominative of a man's name the article writes only in oblique cases ("с президентом
    Эмомали Рахмоном", "поздравил Рахмона": Рахмон): the stem its instrumental leaves, when
    each other form is that stem with a case ending; else ""."""
    for form in forms:
        found = _RU_INSTRUMENTAL.search(form)
        if found is None:
            continue
        stem = form[: found.start()]
        if all(f.startswith(stem) and f[len(stem) :] in _RU_HARD_CASES for f in forms):
            return stem
    return ""


def _run_from(tokens: Sequence[Token], k: int) -> list[Token]:
    """The name tokens from ``k`` on, up to the first that is none ("Пул Первого")."""
    run = [tokens[k]]
    for token in tokens[k + 1 :]:
        if not token.name or not token.word:
            break
        run.append(token)
    return run


def _ru_nominative(word: str) -> str:
    if _RU_ADJECTIVE.search(word):
        return word
    for ending, nominative in _RU_CASES:
        if ending.search(word):
            return ending.sub(nominative, word)
    return word


def _other(side: Side) -> Side:
    return Side.RIGHT if side is Side.LEFT else Side.LEFT


def _bare_possessive(word: str) -> str:
    return _POSSESSIVE.sub("", word)


def _label_form(r: Resolved, labelling: _Labelling, text: str = "") -> tuple[str, int]:
    """A cue's source as a label names it, and how well it names a government: 2 with an
    office, 1 a name, or what stands before a spokesman's name ("juru bicara Kremlin Dmitry
    Peskov": Kremlin), or the organisation the article has a spokesman speak for, 0 a
    spokesman by his own name; honorifics and pronouns left out, each word in the form a
    label takes. ``text``: the statement the cue is in, where a name may go on past the
    source's words ("Zembla's Directorate of Communications said")."""
    form = _whole_name(r.cue.form.split(), r.cue.source)
    form = [*form, *_name_goes_on(form, text[r.cue.span[0] : r.cue.span[1]])]
    words = [w for w in form if not cues.names_nobody(w)]
    if not words or all(cues.key(w) in cues.CALL_WORDS for w in words):
        # "Keduanya juga menekankan ...", "Both leaders said": the two parties, neither side.
        return "", 0
    if any(_WEB_NAME.match(w) for w in words):
        # An outlet by its web address ("пишет Panorama.am", "KOMPAS.com"): it relays, as an
        # agency does, and labels a side only when nothing else does.
        return " ".join(words), 0
    if any(_AGENCY.match(w) or name_key(w) in labelling.agencies for w in words):
        # A news agency relays a side's account ("China's Xinhua news agency", "Kantor Berita
        # Saudi"), as a spokesman tells it: its name labels the side only when nothing else does.
        return " ".join(labelling.nominative(words)), 0
    leaders = set().union(*labelling.leaders.values())
    if len(words) > 1 and name_key(words[-1]) in leaders and not any(cues.is_office_noun(w) for w in words):
        # A leader by his name, not by the title and country before it ("Amerika Serikat
        # Donald Trump", "US President Donald Trump", "Белоруссии Александр Лукашенко").
        prime = False
        while len(words) > 1 and (
            cues.is_title(words[0])
            or places.country_of(name_key(words[0]))
            or (prime and cues.key(words[0]) in cues.MINISTERS)  # "Prime Minister"
        ):
            prime = cues.key(words[0]) in cues.PRIME
            words = words[1:]
    if r.cue.key in labelling.aides and not cues.is_office_noun(words[-1]):
        # An aide's named source ends in his own name; one that ends in an office is the
        # office ("Freedonian Prime Minister's Office"), not a man called "Minister's Office".
        whose = words[:-_PERSON_NAME] if len(words) > _PERSON_NAME else []
        if whose:
            return _ranked(labelling.nominative(whose))
        organisation = labelling.organisation(r.cue.key)
        if organisation:
            return organisation, 1
        return " ".join(words), 0
    return _ranked(labelling.nominative(words))


_WEB_NAME = re.compile(r"^[^\W\d_][\w-]*(?:\.[^\W\d_]{2,})+$")
"""A site's name as its web address ("Panorama.am", "KOMPAS.com", "Axar.az")."""
_NAME_QUOTES = "«„"
"""The opening quotation marks that the languages read put around a name of their own."""
_MEDIUM = re.compile(
    r"^(?:(?:telegram-|телеграм-|теле)?канал\w*|(?:онлайн-)?радио|газет\w*|издани[еяюи]\w*|соцсет\w*|интервью"
    r"|newspaper|broadcaster|channel|media)$"
)
"""The nouns before a medium's name ("в соцсети Truth Social", "онлайн-радио «Голос СНГ»",
"Laporan media Ibrani" (Hebrew media: an adjective, no side's name),
"the newspaper Haaretz"): it relays, as an agency does."""
_POSTED_IN = {"post", "posts", "posting", "livestream"}
"""The nouns after a platform's name ("In a Facebook post"): it carries a side's words, as a
medium does, and names no government. Not "account": "the White House account" is one."""
_AGENCY = re.compile(r"(?i)^(?:agency|berita|агентств\w*)$")
"""A news agency's noun ("Xinhua news agency", "Kantor Berita Antara", "агентство ВИА")."""
_EN_NATIONALITY = re.compile(r"[a-z](?:ian|ean|ese|ish|ican)$")
"""The endings of an English adjective of nationality ("Freedonian", "Japanese", "Turkish")."""


def _nationality_adjective(label: str, labelling: _Labelling) -> bool:
    """Whether a label is a country's adjective alone ("Ethiopian", "Uzbek"): by the table of
    places, or by its English ending where it is no person's name in the article."""
    if not label or " " in label or not label[:1].isupper() or CYRILLIC.match(label.casefold()):
        return False
    if places.is_adjective(label):
        return True
    key = name_key(label)
    # A surname ends a name of several words ("Nikol Pashinian").
    surnames = {k for k, runs in labelling.runs.items() if any(" " in run for run in runs)}
    people = set().union(*labelling.leaders.values()) | labelling.aides | surnames
    return _EN_NATIONALITY.search(label) is not None and key not in people


def _whole_name(form: list[str], source: str) -> list[str]:
    """A source's form with the capitalised words and "of" before it that make one name with
    it ("a statement from Türkiye's Directorate of Communications": not "Communications")."""
    said = source.split()
    k = len(said) - len(form)
    if not form or k < 2 or said[k:] != form or said[k - 1] not in ("of", "for") or not said[k - 2][:1].isupper():
        return form
    start = k - 2
    while start > 0 and said[start - 1][:1].isupper():
        start -= 1
    return said[start:]


def _name_goes_on(form: list[str], said: str) -> list[str]:
    """The capitalised words after "of" or "for" that carry a source's name on in the cue's
    text ("Turkey's Directorate" of "Turkey's Directorate of Communications said")."""
    if not form:
        return []
    at = said.find(" ".join(form))
    if at < 0:
        return []
    rest = said[at + len(" ".join(form)) :].split()
    if len(rest) < 2 or rest[0] not in ("of", "for") or not rest[1][:1].isupper():
        return []
    more = [rest[0]]
    for word in rest[1:]:
        if not word[:1].isupper() or not word.rstrip(",.;:").isalpha() and "'" not in word:
            break
        more.append(word.rstrip(",.;:"))
        if word != word.rstrip(",.;:"):
            break
    return more if len(more) > 1 else []


def _ranked(words: list[str]) -> tuple[str, int]:
    """Words as a label, and how well they name a government as ``_label_form`` ranks it: 2
    with an office noun, else 1."""
    return " ".join(words), 2 if any(cues.is_office_noun(w) for w in words) else 1


def _labels(
    statements: list[Attributed], resolved: dict[int, list[Resolved]], labelling: _Labelling
) -> tuple[str, str]:
    """Each side named as the article names the sources its cues attribute to it: the
    subject's form before an oblique one ("пресс-служба Кремля" before "по данным Кремля"), a
    name with its office ("Israeli government") or whose a spokesman is before a bare name, a
    spokesman's own name last, then the most frequent form; a side without a named source,
    its leader's name."""
    labels = []
    for side in (Side.LEFT, Side.RIGHT):
        forms: Counter = Counter()
        order: dict[str, tuple] = {}
        for statement in statements:
            # "Сильдавская сторона рассказала о разговоре подробнее" names the side it announces.
            announced = statement.how is How.ACCOUNT_ONLY and statement.announces is side
            if not announced and (statement.side is not side or statement.how is not How.CUE):
                continue
            for r in resolved[statement.index]:
                if r.cue.span != statement.cue or not r.cue.form:
                    continue
                form, level = _label_form(r, labelling, labelling.texts.get(statement.index, ""))
                if not form:
                    continue
                if labelling.opens_only(form):
                    # A word capitalised only where it opens a sentence ("Там же подчеркнули"):
                    # no name, however it was taken for a source.
                    continue
                # Only a case marks an oblique form ("по данным Кремля"); "menurut Istana" is the name.
                oblique = r.cue.oblique and CYRILLIC.match(form.casefold()) is not None
                rank = (not oblique, level)
                forms[form] += 1
                order[form] = max(order.get(form, rank), rank)
        # A spokesman named in full once, by his role ("presidential spokesperson Kang Yu-jung"),
        # then by his surname alone ("Kang said"): that word is his own name too, no government's.
        own = {word for form, rank in order.items() if rank[1] == 0 and " " in form for word in form.split()}
        leaders = set().union(*labelling.leaders.values())
        for form, (subject, level) in order.items():
            if level == 1 and form in own and name_key(form) not in leaders:
                order[form] = (subject, 0)
        label = max(forms, key=lambda f: (order[f], forms[f])) if forms else ""
        if not label:
            label = labelling.leader_name(side) or labelling.country(side)
        elif order[label][1] == 0 or label.islower():
            # A spokesman by his own name ("Peskov said"): whose spokesman he is. An office
            # with no name ("juru bicara kepresidenan Johan Budi": "kepresidenan") is anyone's.
            label = labelling.country(side) or labelling.leader_name(side) or label
        if _nationality_adjective(label, labelling):
            # "according to the Ethiopian account", "Turkish presidential sources said": the
            # side, not a bare adjective.
            label = f"{label} side"
        labels.append(label or side.value.capitalize())
    if labels[0].casefold() == labels[1].casefold():
        labels[1] = f"{labels[1]} (2)"
    return labels[0], labels[1]
