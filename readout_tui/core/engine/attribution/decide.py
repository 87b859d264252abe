"""Where each statement of the article goes, read in order: by its cue, by carrying on the
statement before it, or to neither (see the package's docstring, steps 4 and 5)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from readout_tui.core.engine import cues
from readout_tui.core.engine.attribution.model import Attributed, How, Side
from readout_tui.core.engine.attribution.names import Names
from readout_tui.core.engine.attribution.parties import Parties, elsewhen
from readout_tui.core.engine.attribution.sources import Cue, Kind, Resolved, Subject
from readout_tui.core.engine.attribution.tokens import Token


@dataclass
class Body:
    """What is read from one statement of the article's body."""

    text: str
    tokens: list[Token]
    cues: list[Cue]
    subject: Subject


@dataclass(frozen=True)
class _Previous:
    """The last body statement (links skipped): what a pronoun carries on, and the source
    whose account it told."""

    statement: Attributed | None = None
    entity: str = ""
    subject: str = ""
    """The key of its named subject, for a pronoun after the reporter's text."""
    speaking: bool = False
    """Whether it is the reporter's text (no cue) in which someone says or does what is done
    in a call ("Mexico's government offered a shorter summary"), not a source's words nor
    "Hubungan Saudi-Iran sedang berada ..." (the relations are)."""

    @property
    def side(self) -> Side:
        return self.statement.side if self.statement is not None else Side.NEITHER


def assign(flat, structure, bodies: dict[int, Body], resolved, names: Names, parties: Parties) -> list[Attributed]:
    """Each statement attributed: ``flat`` the article's (block, text) pairs, ``structure``
    each block's kind, ``resolved`` each body statement's cues with their entities."""
    statements: list[Attributed] = []
    previous = _Previous()
    told: dict[str, Side] = {}
    """The sources that have told a side's account of the call so far."""
    order = sorted(bodies)
    for index, (b, text) in enumerate(flat):
        kind, marker = structure[b]
        if kind is not None:
            cue = (0, len(marker)) if marker else None
            statements.append(Attributed(index, text, b, Side.NEITHER, kind, cue))
            if kind is not How.LINK:
                previous = _Previous()
            continue
        after = order.index(index) + 1
        following = _linked_side(resolved[order[after]], parties) if after < len(order) else Side.NEITHER
        reading = _Reading(index, b, bodies[index], resolved[index], names, parties, previous, told)
        statement, entity = reading.decide(following)
        if statement.how is How.CUE and entity:
            told.setdefault(entity, statement.side)
        statements.append(statement)
        subject = bodies[index].subject
        named = subject.kind == "named"
        speaking = statement.how is How.NO_CUE and any(
            t.word and (cues.is_speech_act(t.text) or cues.is_reporting_verb(t.text)) for t in bodies[index].tokens
        )
        if statement.announces is not None:
            # "Brask gave his own account on Telegram. He wrote that ...": what follows tells
            # the account it announced.
            statement = replace(statement, side=statement.announces)
        previous = _Previous(statement, entity, subject.key if named else "", speaking)
    return statements


def _linked_side(found: list[Resolved], parties: Parties) -> Side:
    """The side of a statement's first cue whose source already has one."""
    sides = [parties.side_of(r.entity) for r in found if not r.carries_on and not r.cue.negated]
    return next((side for side in sides if side), Side.NEITHER)


@dataclass
class _Reading:
    """One body statement being decided."""

    index: int
    block: int
    body: Body
    found: list[Resolved]
    names: Names
    parties: Parties
    previous: _Previous
    told: dict[str, Side]

    def decide(self, following: Side) -> tuple[Attributed, str]:
        """The statement attributed, and the source whose account it tells ("" for none).
        ``following``: the side of the next statement's cue, for a source first seen here."""
        usable = [r for r in self.found if not r.cue.negated]
        self._place_new_sources(usable, following)
        named = [r for r in usable if self.parties.side_of(r.entity) and not r.carries_on]
        carried = self.previous.side
        pronouns = [r for r in usable if r.carries_on]
        # "По словам российского лидера, Трамп изложил ...": what the pronoun's source reports
        # holds the named cue, so the statement carries on.
        reported = any(r.cue.outer for r in pronouns) and not any(r.cue.outer for r in named)
        if named and not (reported and carried is not Side.NEITHER):
            return self._by_cue(named)
        if pronouns and carried is not Side.NEITHER:
            return self._continuing(pronouns[0].cue)
        others = [r for r in usable if r.entity and not r.carries_on]
        if others:
            return self._neither(How.OTHER_SOURCE, others[0].cue)
        negated = [r for r in self.found if r.cue.negated]
        if negated:
            return self._neither(How.NEGATED, negated[0].cue)
        turned = self._leader_turning()
        if turned is not None:
            return turned
        if carried is not Side.NEITHER and self._carries_on(carried):
            return self._continuing(None)
        if carried is Side.NEITHER:
            acting = self._leader_acting() or self._leader_referred(pronouns)
            if acting is not None:
                return acting
        return self._neither(How.NO_CUE, None)

    def _leader_referred(self, pronouns: list[Resolved]) -> tuple[Attributed, str] | None:
        """After the reporter's text whose subject is a party's leader or source ("Trump, for
        his part, called it a very good call", "Mexico's government offered a shorter
        summary"), a statement whose source or subject is a pronoun ("He said they had
        discussed ...", "In a post on social media, it said ...", "Ia menyebut ...") that
        speaks of the call: that party's account, as the article reports it; not before the
        call nor about another leader's."""
        key = self.previous.subject
        if not key or not (pronouns or self.body.subject.kind == "pronoun"):
            return None
        side = self._leader_side(key) or (self._party_side(key) if self.previous.speaking else None)
        if side is None:
            return None
        if pronouns:
            # "In a post on social media, it said": the pronoun, not the post, says whose it is.
            cue = next((r.cue for r in pronouns if r.cue.kind is Kind.PRONOUN), pronouns[0].cue)
        elif self.body.subject.span is not None:
            cue = Cue(self.body.subject.span, Kind.PRONOUN, self.body.text[slice(*self.body.subject.span)])
        else:
            return None
        if not self.parties.about_call(self.body.tokens, cue, side):
            return None
        return self._attributed(side, How.CUE, cue.span, cue.source), self.names.resolve(key)

    def _leader_acting(self) -> tuple[Attributed, str] | None:
        """After the reporter's text, a party's leader as the subject doing what is done in a
        call, in a sentence that names the call or the other leader ("Dalam pertemuan itu,
        Prabowo berterima kasih karena Xi ..."): that leader's account, as the article reports
        it; not before the call nor about another leader's."""
        subject = self.body.subject
        if subject.kind != "named" or subject.span is None or not cues.is_speech_act(subject.verb):
            return None
        side = self._leader_side(subject.key)
        if side is None:
            return None
        cue = Cue(subject.span, Kind.SUBJECT, subject.form)
        if not self.parties.about_call(self.body.tokens, cue, side):
            return None
        entity = self.names.resolve(subject.key)
        return self._attributed(side, How.CUE, subject.span, subject.form), entity

    def _leader_turning(self) -> tuple[Attributed, str] | None:
        """A party's leader as the subject turning to his side ("Trump, for his part, called
        it a very good call", "Путин, в свою очередь, проинформировал собеседника ..."),
        saying or doing what is done in a call: his account, whatever came before. The turn
        answers the other side's account of the same exchange, so it is about the call though
        it names neither the call nor the other leader, or names what came before it."""
        subject = self.body.subject
        if subject.kind != "named" or subject.span is None or not subject.turned:
            return None
        if not (cues.is_speech_act(subject.verb) or cues.is_reporting_verb(subject.verb)):
            return None
        side = next((s for s, keys in self.parties.leaders.items() if subject.key in keys), None)
        if side is None:
            return None
        entity = self.names.resolve(subject.key)
        return self._attributed(side, How.CUE, subject.span, subject.form), entity

    def _leader_side(self, key: str) -> Side | None:
        """The side whose party's leader ``key`` is, unless the statement says it came before
        the call or names a third leader (then it tells of something else); None otherwise."""
        side = next((s for s, keys in self.parties.leaders.items() if key in keys), None)
        if side is None or elsewhen(self.body.tokens) or self.parties.names_bystander(self.body.tokens):
            return None
        return side

    def _party_side(self, key: str) -> Side | None:
        """The side whose source ``key`` names ("Mexico" of "Mexico's government"), on the
        same terms as ``_leader_side``."""
        side = self.parties.side_of(self.names.resolve(key))
        if side is None or elsewhen(self.body.tokens) or self.parties.names_bystander(self.body.tokens):
            return None
        return side

    def _place_new_sources(self, usable: list[Resolved], following: Side) -> None:
        for r in usable:
            if r.carries_on or not self.parties.unplaced(r.entity):
                continue
            if self.parties.about_call(self.body.tokens, r.cue, None):
                sides_told = frozenset(self.told.values())
                self.parties.place(r.entity, self.previous.side, cues.switches(self.body.text), following, sides_told)

    def _by_cue(self, named: list[Resolved]) -> tuple[Attributed, str]:
        """A statement with a cue for a party's source: that party's when it speaks of the
        call, or goes on where the side's statement before did (the same source, or the
        side's leader, not "separately" or "earlier"); else neither."""
        side_of = self.parties.side_of
        # The cue that ends the statement reports all of it; else the first not inside another.
        outer = sorted((r for r in named if r.cue.outer), key=lambda r: not r.cue.last) or named
        side = side_of(outer[0].entity)
        # Of two cues for the side, the one that names a statement or an office shows best why.
        best = max((r for r in outer if side_of(r.entity) is side), key=lambda r: _documented(r.cue))
        apart = any(t.folded in cues.APART for t in self.body.tokens) or elsewhen(self.body.tokens)
        # The side's own voice: the source of the statement before, the side's leader, or a
        # source that has already told this side's account; not a new one ("Foreign Minister
        # Lavrov also said").
        own = [
            r
            for r in named
            if r.entity == self.previous.entity
            or self.parties.is_leader(r.cue, side)
            or self.told.get(r.entity) is side
        ]
        # "Rowan said Kessel wanted to go all the way": a third leader named makes it about
        # another call.
        other_call = self.parties.names_bystander(self.body.tokens)
        # A source that has told this side's account of the call goes on telling it, past a
        # heading or another paragraph ("по словам помощника президента" after Ushakov's).
        # Not an office without a name ("according to the territory's health ministry"),
        # which is the last source only by default.
        # Not right after the other side's statement, whose turn it is.
        voice = self.previous.side in (side, Side.NEITHER) and any(
            self.told.get(r.entity) is side and not _unnamed_office(r.cue) for r in named
        )
        goes_on = ((side is self.previous.side and bool(own)) or voice) and not apart and not other_call
        cue = best.cue
        # "Трамп, в свою очередь, написал ...": the leader's turn in the exchange (see
        # ``_leader_turning``).
        subject = self.body.subject
        turn = subject.turned and subject.key == cue.key and self.parties.is_leader(cue, side)
        if _account_only(self.body.tokens, cue):
            return replace(self._neither(How.ACCOUNT_ONLY, cue)[0], announces=side), best.entity
        if goes_on or turn or self.parties.about_call(self.body.tokens, cue, side):
            return self._attributed(side, How.CUE, cue.span, cue.source), best.entity
        return self._neither(How.OUTSIDE_CALL, cue)

    def _carries_on(self, carried: Side) -> bool:
        """A statement without a cue carries on the account before it when it is a quotation,
        or its subject is a pronoun or a title (of no other side: "Presiden AS itu"), or the
        side's own source doing what is done in a call."""
        subject = self.body.subject
        side_of = self.parties.side_of
        if elsewhen(self.body.tokens):
            return False  # "Перед разговором с Си Путин обсудил ...": another occasion
        if subject.kind == "pronoun" or self.body.text.startswith(_QUOTES):
            return True
        if not subject.kind and self._passive_act():
            # "Затрагивался ряд вопросов", "Selain itu, dibahas pula ...", "В разговоре было
            # отмечено, что ...": what was discussed, with no one named doing it, is the
            # account being told.
            return True
        if subject.kind == "joint":
            # "Keduanya membahas ...", "Условились продолжать контакты": what both did in the
            # call, as the account being told has it; not having the call or meeting itself
            # ("The two leaders met at a hotel", "Созвонились и министры обороны").
            verb = subject.verb
            if subject.pair and not self._both_parties(subject.pair):
                return False  # "Lavrov and Rubio discussed": two others, not the call's parties
            return (cues.is_speech_act(verb) or cues.is_reporting_verb(verb)) and not cues.is_contact(verb)
        if subject.kind == "title":
            return side_of(self.names.entity_of(subject.key)) in (None, carried)
        if subject.kind != "named" or side_of(self.names.resolve(subject.key)) is not carried:
            return False
        return cues.is_speech_act(subject.verb) or cues.is_reporting_verb(subject.verb)

    def _passive_act(self) -> bool:
        words = [t.text for t in self.body.tokens if t.word]
        return any(cues.is_passive_act(words, k) for k in range(len(words)))

    def _both_parties(self, keys: tuple[str, ...]) -> bool:
        sides = {self.parties.side_of(self.names.resolve(key)) for key in keys}
        return sides == {Side.LEFT, Side.RIGHT}

    def _continuing(self, cue: Cue | None) -> tuple[Attributed, str]:
        previous = self.previous
        span, source = (cue.span, cue.source) if cue else (None, "")
        statement = self._attributed(previous.side, How.CONTINUES, span, source, previous.statement.index)
        return statement, previous.entity

    def _neither(self, how: How, cue: Cue | None) -> tuple[Attributed, str]:
        span, source = (cue.span, cue.source) if cue else (None, "")
        return self._attributed(Side.NEITHER, how, span, source), ""

    def _attributed(self, side: Side, how: How, span, source: str, continues: int | None = None) -> Attributed:
        return Attributed(self.index, self.body.text, self.block, side, how, span, source, continues)


_QUOTES = tuple("\"“”„«'‘")


def _account_only(tokens: list[Token], cue: Cue) -> bool:
    """Whether a statement says only that its source told of the call, and how: outside its
    cue, the call or an account of it and a word of manner, and nothing else but names and
    function words ("Ankara gave its own account of the conversation"). What the account said
    would add words of its own ("..., saying the two had agreed to ...")."""
    rest = [t for t in tokens if t.word and not t.name and not cue.span[0] <= t.start < cue.span[1]]
    told = [t for t in rest if cues.is_account_noun(t.text) or cues.is_call_noun(t.text)]
    others = [t for t in rest if t not in told and not cues.is_function_word(t.text)]
    return bool(told) and bool(others) and all(cues.is_manner(t.text) for t in others)


def _unnamed_office(cue: Cue) -> bool:
    return cue.kind is Kind.GENERIC and cue.documented


def _documented(cue: Cue) -> bool:
    return cue.kind in (Kind.POSSESSIVE, Kind.GENERIC) or " " in cue.form
