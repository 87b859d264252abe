"""The call's two parties, and which of the article's sources speaks for which.

A call has two parties, each a government: its leader, and whoever the article has telling
its account (an office, a spokesman, an aide, a ministry, a state news agency, "the X side").

1. **The leaders** are two people named with a leader's title ("Presiden Rusia Vladimir
   Putin", "Israeli Prime Minister Benjamin Netanyahu"): the first two its headline names
   (by name, or by the country a title names: "Polish, Ukrainian presidents discuss ...";
   "Trump-Putin" is two), then those the article names most. Someone named with a role is
   none ("помощник президента Юрий Ушаков"). When the headline names fewer than two titled
   people, the people it names who speak in the article by name alone stand with them
   ("Starmer presses Xi", where the article titles only a premier it mentions).
2. **Linked sources.** A source whose name the article joins to a leader's (``names``) is that
   leader's party: a country and its adjective, an organisation an aide speaks for.
3. **Third parties** speak for neither: analysts, newspapers, think tanks, unnamed sources,
   and whoever the article joins to another titled person (a third leader).
4. **The rest,** when they speak of the call: where one party has no voice of its own in the
   article, its most cited other source ("the Kremlin said", where Putin is only reported),
   unless that source reports mostly the other leader speaking (then it is his side's);
   else a source first cited right after one party's statement is that party's, the other's
   when the statement turns ("Di sisi lain", "в свою очередь") or when it is an office and
   only that party speaks through one yet; else the party whose leader its statements name
   first.

A party's source speaks for its account only about the call: a statement that names the
call or the meeting, the two leaders or the other party's leader, or a readout or statement
(``about_call``); else the statement carries on one of the party's own. A minister's
remarks on another matter, a leader's speech elsewhere, are neither.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence, Set
from dataclasses import dataclass, field

from readout_tui.core.engine import cues
from readout_tui.core.engine.attribution import places
from readout_tui.core.engine.attribution.model import AttributionError, Side
from readout_tui.core.engine.attribution.names import Names
from readout_tui.core.engine.attribution.sources import Cue, Kind, Resolved
from readout_tui.core.engine.attribution.tokens import Token, name_key, same_stem


def find_leaders(
    names: Names,
    headline: Sequence[str],
    speakers: Set[str] = frozenset(),
    earlier: Set[str] = frozenset(),
    addressed: Set[str] = frozenset(),
) -> list[frozenset[str]]:
    """The call's two leaders, by the keys of their own names, in the order the article
    first names them; fewer when it names fewer people with a title. ``speakers``: the keys
    of the sources the article has speaking in person (no office, no statement), who stand
    for leaders the headline names but the article never titles next to their names.
    ``earlier``: the headline's keys in a clause on what came before ("Usai Telepon Putin").
    ``addressed``: the keys the article writes after an honorific ("Mr Merz"): people, who
    stand for leaders the headline names as the speakers do."""
    place = {key: k for k, key in enumerate(headline)}
    for key, k in list(place.items()):
        # A headline writes a leader by initials ("MBS"): the name they stand for.
        heads = names.acronyms.get(key)
        if heads and key not in names.heads:
            place.setdefault(heads.most_common(1)[0][0], k)
    people = [p for p in _people(names) if not p <= names.aides]
    titled_in_headline = [p for p in people if p & place.keys()]
    if len(titled_in_headline) > 2:
        # "Usai Telepon Putin, Trump Bicara dengan Zelensky": a third leader the headline names
        # only for what came before, and who never speaks in the article, is not the call's.
        people = [p for p in people if not (p & place.keys() <= earlier and not p & speakers)]
    elif len(titled_in_headline) < 2:
        # "Starmer presses Xi on Lai": "Sir Keir Starmer", "Xi Jinping" and "the Chinese
        # president" are never one name with a title, while a minister the article mentions
        # is.
        known = set().union(*people)
        people += [
            frozenset({key})
            for key in place
            if (key in speakers or key in addressed)
            and key not in known
            and key not in names.aides
            # "PM Lee" of "Prime Minister Lee Hsien Loong", titled by his last two names.
            and not known & set(names.votes.get(key, ()))
        ]

    def mentions(person: frozenset[str]) -> set[int]:
        return {i for key, seen in names.seen.items() if key in person for i in seen}

    def rank(person: frozenset[str]) -> tuple:
        named = mentions(person)
        # The headline names the call's parties first ("Rowan and Vask discuss air defence a
        # day after Rowan's call with Kessel"), though the article may name another leader
        # more often.
        first = min((place[key] for key in person if key in place), default=None)
        if first is None:
            # "Polish, Ukrainian presidents discuss ...; Duda urges calm with Trump": the
            # headline names a leader by the country his title names.
            countries = _countries_of(names, person)
            first = min((k for key, k in place.items() if any(same_stem(key, c) for c in countries)), default=None)
        return (first is not None, -first if first is not None else 0, len(named), -min(named, default=0))

    two = sorted(people, key=rank, reverse=True)[:2]
    return sorted(two, key=lambda p: min(mentions(p), default=0))


def _people(names: Names) -> list[frozenset[str]]:
    """The people named with a title, each once ("President Xi" and "Xi Jinping" are one);
    a title before a country alone ("Perdana Menteri Israel meminta") names nobody new; two
    full names that share only a first name are two people ("Владимир Путин", "Владимир
    Зеленский"; "Mohammed bin Salman", "Mohammed bin Zayed")."""
    people: list[set[str]] = []
    for keys in names.titled:
        if _country(names, keys):
            continue
        keys = set(keys)
        for other in [p for p in people if p & keys and not _first_name_only(names, p, keys)]:
            keys |= other
            people.remove(other)
        people.append(keys)
    return [frozenset(p) for p in people]


def _countries_of(names: Names, person: frozenset[str]) -> set[str]:
    """The keys of the countries a person's titles name ("Ukraine's President Volodymyr
    Zelensky": Ukraine; "Ukrainian" is one of its forms, ``same_stem``)."""
    return {key for titled, found in names.countries.items() if titled <= person for key in found}


def _first_name_only(names: Names, one: Set[str], other: Set[str]) -> bool:
    """Whether two names of two words each share no word that ends a name (a surname): only
    a first name."""
    shared = one & other
    return len(one) > 1 and len(other) > 1 and one != other and not any(names.heads[key] for key in shared)


def _country(names: Names, keys: frozenset[str]) -> bool:
    """Whether a single name is more often part of another name than its head ("Israel" of
    "Perdana Menteri Israel Benjamin Netanyahu")."""
    if len(keys) != 1:
        return False
    (key,) = keys
    if any(key in countries for person, countries in names.countries.items() if person != keys):
        return True  # "Perdana Menteri Kanada", where "Perdana Menteri Kanada Justin Trudeau" is his
    votes = names.votes.get(key)
    return bool(votes) and sum(votes.values()) > names.heads[key]


def _placed(names: Names) -> dict[str, str]:
    """The article's names that the places table gives a country, with its code; a place of
    several words only where the article names it whole (``places.named_whole``)."""
    return {
        key: code
        for key in names.frequency
        if (code := places.country_of(key)) and places.named_whole(key, names.frequency.__contains__)
    }


def _place_countries(names: Names, sides: dict[str, Side], titled: dict[Side, Counter]) -> dict[Side, str]:
    """Give each party the article's other names of its country: its capital, its seat of
    government, its news agency ("Ottawa said", "according to the Amiri Diwan"; ``places``).
    A party's country is the one most of the names already on its side belong to, with the
    country its leader's title has by an adjective (``titled``)."""
    placed = _placed(names)
    found: dict[Side, Counter] = {side: Counter(titled.get(side, {})) for side in (Side.LEFT, Side.RIGHT)}
    for key, code in placed.items():
        side = sides.get(names.resolve(key))
        if side in found:
            found[side][code] += names.frequency[key]
    owner = {counter.most_common(1)[0][0]: side for side, counter in found.items() if counter}
    if len(owner) < sum(1 for counter in found.values() if counter):
        return {}  # one country for both: its names tell no side
    for key, code in placed.items():
        if code in owner:
            sides.setdefault(names.resolve(key), owner[code])
    return {side: code for code, side in owner.items()}


@dataclass
class Parties:
    """Which side each source (an entity of ``names``) speaks for."""

    leaders: dict[Side, frozenset[str]]
    sides: dict[str, Side]
    third: set[str] = field(default_factory=set)
    bystanders: list[frozenset[str]] = field(default_factory=list)
    """Other people named with a title (a third leader), by the keys of their own names."""
    cited: dict[str, list[tuple[Sequence[Token], Cue]]] = field(default_factory=dict)
    """Each source's cues, with their statements' tokens."""
    led: frozenset[str] = frozenset()
    """The leaders' own entities (with what the article joins to their names)."""
    countries: dict[Side, str] = field(default_factory=dict)
    """Each party's country, where the article's names tell it (``_place_countries``)."""
    unheard: frozenset[Side] = frozenset()
    """Sides that no statement of the call went to: what their sources say counts as their
    account unless it names a third leader or another occasion (``about_call``), since the
    article tells both accounts."""

    @classmethod
    def of_leaders(cls, names: Names, leaders: Sequence[frozenset[str]]) -> Parties:
        """The two leaders' parties, their linked sources on their side (step 2)."""
        pairs = list(zip((Side.LEFT, Side.RIGHT), leaders))
        sides = {names.resolve(min(keys)): side for side, keys in pairs}
        led = frozenset(sides)
        # The country a leader's title names is the leader's party, though the article may
        # also name it alone more often than with him.
        titled: dict[Side, Counter] = {}
        for side, keys in pairs:
            for person, countries in names.countries.items():
                # Two keys in common when the person has two: a first name alone ("Mohammed")
                # may be another leader's.
                if len(person & keys) >= min(2, len(person)):
                    for key in countries:
                        sides.setdefault(names.resolve(key), side)
                    titled.setdefault(side, Counter()).update(names.codes.get(person, {}))
        countries = _place_countries(names, sides, titled)
        return cls(dict(pairs), sides, led=led, countries=countries)

    @classmethod
    def most_cited(cls, resolved: dict[int, list[Resolved]]) -> Parties:
        """Without two leaders, the two sources cited most (a cue that names a statement or
        an office counts double), the first cited on the left; not a third party ("Analysts
        said", "according to The Washington Post") nor an outlet cited for what it relays."""
        score: Counter = Counter()
        first: dict[str, int] = {}
        for index, found in resolved.items():
            weights: dict[str, int] = {}
            for r in found:
                if r.entity and not r.cue.negated and not _speaks_for_none(r.cue):
                    weights[r.entity] = max(weights.get(r.entity, 0), 2 if r.cue.documented else 1)
            for entity, weight in weights.items():
                score[entity] += weight
                first.setdefault(entity, index)
        ranked = sorted(score, key=lambda e: (-score[e], first[e]))
        if not ranked:
            raise AttributionError("the article cites no source (no 'X said', 'according to X')")
        if len(ranked) < 2:
            raise AttributionError("the article cites only one source, so it tells one account, not two")
        two = sorted(ranked[:2], key=lambda e: first[e])
        return cls({}, {two[0]: Side.LEFT, two[1]: Side.RIGHT})

    def side_of(self, entity: str) -> Side | None:
        return self.sides.get(entity)

    def settle(self, resolved: dict[int, list[Resolved]], tokens: dict[int, Sequence[Token]], names: Names) -> None:
        """Note each source's cues, the third parties (step 3), and give a party without a
        voice of its own its most cited other source (step 4)."""
        for index, found in resolved.items():
            for r in found:
                if r.entity and not r.carries_on and not r.cue.negated:
                    self.cited.setdefault(r.entity, []).append((tokens[index], r.cue))
        for entity, citations in self.cited.items():
            # An outlet cited for what it relays speaks for no one, in any other statement too
            # ("Reuters melaporkan pasar saham menguat").
            if any(cue.relay or _third_party(tokens, cue) for tokens, cue in citations):
                self.third.add(entity)
        led_keys = set().union(*self.leaders.values()) if self.leaders else set()
        for keys in _people(names):
            # By a word of his own name: a first name he shares with a leader ("Владимир")
            # does not make him that leader.
            entity = names.resolve(min(keys - led_keys if keys - led_keys and keys & led_keys else keys))
            if len(keys) == 1 and places.country_of(entity):
                continue  # "Perdana Menteri Jepang yang baru, Yoshihide Suga": a country, not a person
            if entity not in self.sides:
                self.third.add(entity)
                # Not a party's country named with him ("Kepala Staf Angkatan Bersenjata Saudi
                # Fayyad al-Ruwaili"): naming it does not name him.
                own = frozenset(key for key in keys if names.resolve(key) not in self.sides)
                if own:
                    self.bystanders.append(own)
        self._country_by_elimination(names)
        self._give_voice()

    def _country_by_elimination(self, names: Names) -> None:
        """Where one party's country is known and the other's is not, the one other country
        whose sources speak of the other party's leader is his party's ("Japanese Prime
        Minister Fumio Kishida and his new British counterpart Rishi Sunak ...; Downing
        Street said Mr Sunak ...")."""
        if len(self.countries) != 1 or not self.leaders:
            return
        ((known_side, known),) = self.countries.items()
        silent = _other(known_side)
        placed = _placed(names)
        speaking = {code for key, code in placed.items() if self._speaks_of(names.resolve(key), silent)} - {known}
        if len(speaking) != 1:
            return
        (code,) = speaking
        for key, found in placed.items():
            if found == code:
                self.sides.setdefault(names.resolve(key), silent)
        self.countries[silent] = code

    def _speaks_of(self, entity: str, side: Side) -> bool:
        """Whether a source, not a third party, names ``side``'s leader in a statement cited to it."""
        leader = self.leaders[side]
        cited = self.cited.get(entity, ())
        named = (t for tokens, _ in cited for t in tokens if t.name)
        return entity not in self.third and any(name_key(t.text) in leader for t in named)

    def _give_voice(self) -> None:
        """Where one party has no voice of its own about the call, its most cited other
        source."""
        if not self.leaders:
            return
        voiced: Counter = Counter()
        heard: Counter = Counter()
        for entity, citations in self.cited.items():
            side = self.sides.get(entity)
            about = sum(1 for tokens, cue in citations if self.about_call(tokens, cue, side))
            if side is not None:
                voiced[side] += about
            elif entity not in self.third and about:
                heard[entity] = about
        silent = [side for side in self.leaders if not voiced[side]]
        if len(silent) == 1 and heard:
            entity = heard.most_common(1)[0][0]
            # "Kremlin menyebut Putin mendukung ...", "Putin juga menyinggung ..., kata
            # Kremlin": a source that reports mostly the voiced leader's words speaks for his
            # government, not for the silent one.
            told = self._speakers_told(entity)
            voiced_side = _other(silent[0])
            if told[voiced_side] > 2 * told[silent[0]]:
                self.sides[entity] = voiced_side
            else:
                self.sides[entity] = silent[0]

    def _speakers_told(self, entity: str) -> Counter:
        """How many of a source's statements report each party's leader speaking."""
        told: Counter = Counter()
        for tokens, cue in self.cited.get(entity, ()):
            side = self._named(tokens, cue, speaking=True)
            if side is not None:
                told[side] += 1
        return told

    def is_leader(self, cue: Cue, side: Side) -> bool:
        """Whether a named cue's source is ``side``'s leader in person."""
        return cue.kind is Kind.NAMED and cue.key in self.leaders.get(side, ())

    def unplaced(self, entity: str) -> bool:
        """A source of no party yet that may be one (not a third party)."""
        return bool(entity) and entity not in self.sides and entity not in self.third

    def place(
        self, entity: str, previous: Side, turns: bool, following: Side, sides_told: Set[Side] = frozenset()
    ) -> None:
        """Give ``entity`` a party (step 4), first seen after a statement of side
        ``previous``, in a statement that ``turns`` to the other side or not, before one
        whose cue is ``following``'s. Votes: one for the side it follows (the other, if it
        turns; when it follows none, the side that follows it); for each of its statements,
        two for the leader whose speaking it reports ("... said Muskar urged"), else one for
        the leader it names first (a third leader's makes it a third party). Of equals, the
        side it follows."""
        if previous is Side.NEITHER:
            near = following
        else:
            near = _other(previous) if turns else previous
        votes: Counter = Counter()
        office = self._office(entity)
        for tokens, cue in self.cited.get(entity, ()):
            speaking = self._named(tokens, cue, speaking=True)
            first = speaking or self._named(tokens, cue, speaking=False)
            if first is not None:
                if first is not Side.NEITHER and _titled(tokens, cue):
                    # "When Trump pressed ..., the Mexican president said": a leader's title
                    # that names a country is a leader, not the one the statement names.
                    first = _other(first)
                elif (
                    office
                    and first is not Side.NEITHER
                    and self._alone_with_office(first)
                    and not self._same_role(entity, first)
                ):
                    # "Xinhua's account quoted Starmer as saying", after Downing Street's
                    # readout: an office or outlet that tells one leader's words, where that
                    # leader's side has its own office already, speaks for the other
                    # government; its account has the other leader's words too.
                    first = _other(first)
                votes[first] += 2 if speaking else 1
        if near is not Side.NEITHER:
            # "The Sylvanian presidential office said ..." right after the Freedonian
            # government's statement: another government's office, where only one side speaks
            # through an office yet, tells the other side's account.
            if not votes and office and self._alone_with_office(near):
                near = _other(near)
            votes[near] += 1
        if not votes and len(sides_told) == 1 and self.leaders:
            # Nothing near it says whose it is, and one side has told its account already: a
            # source of no party yet that speaks of the call is the other side's, whose voice the
            # article has not named yet ("WAM reported", "according to the Amiri Diwan").
            votes[_other(next(iter(sides_told)))] += 1
        ranked = votes.most_common()
        if not ranked:
            return
        best = [side for side, n in ranked if n == ranked[0][1]]
        side = best[0] if len(best) == 1 else near if near in best else None
        if side is Side.NEITHER:
            self.third.add(entity)
        elif side is not None:
            self.sides[entity] = side

    def _office(self, entity: str) -> bool:
        """Whether the article names ``entity`` with an office or a statement ("the Freedonian
        government", "the Sylvanian presidential office"), not a person or a bare name."""
        return any(cue.kind is Kind.NAMED and cue.documented for _, cue in self.cited.get(entity, ()))

    def _alone_with_office(self, side: Side) -> bool:
        """Whether ``side`` speaks through an office of its own and the other side not yet."""
        return self._office_of(side) and not self._office_of(_other(side))

    def _same_role(self, entity: str, side: Side) -> bool:
        """Whether ``entity`` is cited by a role one of ``side``'s offices is cited by
        ("menurut kantor kepresidenan Korea Selatan", then "kata juru bicara kepresidenan Kang
        Min-seok"): that office, named."""
        roles = _roles(self.cited.get(entity, ()))
        return any(s is side and roles & _roles(self.cited.get(e, ())) for e, s in self.sides.items() if e != entity)

    def _office_of(self, side: Side) -> bool:
        """Whether ``side`` already speaks through an office the article does not join to its
        leader's name."""
        return any(s is side and e not in self.led and self._office(e) for e, s in self.sides.items())

    def _named(self, tokens: Sequence[Token], cue: Cue, speaking: bool) -> Side | None:
        """The side whose leader the statement names first outside its cue (neither for a
        third leader), or None; ``speaking``: only a leader it reports speaking."""
        people = [*self.leaders.items(), *((Side.NEITHER, keys) for keys in self.bystanders)]
        for k, token in enumerate(tokens):
            if not token.name or cue.span[0] <= token.start < cue.span[1]:
                continue
            if speaking and not _speaking(tokens, k):
                continue
            for side, keys in people:
                if name_key(token.text) in keys:
                    return side
        return None

    def names_bystander(self, tokens: Sequence[Token]) -> bool:
        """Whether a statement names a third leader."""
        keys = {name_key(t.text) for t in tokens if t.name}
        return any(keys & person for person in self.bystanders)

    def about_call(self, tokens: Sequence[Token], cue: Cue, side: Side | None) -> bool:
        """Whether a statement cited to ``side`` (None: not yet known) speaks of the call:
        its cue names a statement, or it reports its leader speaking ("Kremlin mengatakan
        Putin menggambarkan"), or it names the other party's leader (any leader, for a side
        not yet known), or the call or the meeting, the two leaders or the counterpart
        (unless it names a third leader, or says it came before: "earlier", "ранее").
        Without leaders (the sides being the two sources cited most), any statement; for a
        side nothing else was given to (``unheard``), any that names no third leader and
        does not say it came before."""
        if not self.leaders or cue.account:
            return True
        if side is not None and self._named(tokens, cue, speaking=True) is side:
            return True
        others = [keys for s, keys in self.leaders.items() if side is None or s is not side]
        keys = [name_key(t.text) for t in tokens if t.name]
        if any(key in person for person in others for key in keys):
            return True
        if any(key in person for person in self.bystanders for key in keys):
            return False
        # "Ранее министр заявил, что переговоры с Западом зашли в тупик": talks on another
        # occasion.
        if elsewhen(tokens):
            return False
        return side in self.unheard or any(t.word and cues.is_call_word(t.text) for t in tokens)


def _roles(citations: Sequence[tuple[Sequence[Token], Cue]]) -> set[str]:
    """The role words (``cues.is_role``) of the sources of ``citations``."""
    return {word.casefold() for _, cue in citations for word in cue.source.split() if cues.is_role(word)}


def elsewhen(tokens: Sequence[Token]) -> bool:
    """Whether a statement says it came before the call: "earlier", "ранее", or before the
    call or meeting itself ("Ahead of the meeting", "Sehari sebelum percakapan", "до встречи")."""
    return any(t.folded in cues.EARLIER for t in tokens) or cues.before_call([t.text for t in tokens if t.word])


def _speaking(tokens: Sequence[Token], k: int) -> bool:
    """Whether name ``k`` is the subject of a verb of saying or of what is done in a call
    ("Putin menggambarkan", "Biden reaffirmed"), alone (not "Путин и Трамп договорились")."""
    j = k + 1
    while j < len(tokens) and tokens[j].name:
        j += 1
    if j < len(tokens) and tokens[j].folded in cues.CONJUNCTIONS:
        return False
    if k > 0 and tokens[k - 1].folded in cues.CONJUNCTIONS:
        return False
    while j < len(tokens) and tokens[j].word and tokens[j].folded in cues.ADVERBS:
        j += 1
    if j >= len(tokens) or not tokens[j].word:
        return False
    return cues.is_speech_act(tokens[j].text) or cues.is_reporting_verb(tokens[j].text)


_APPOSITION_WORDS = 8


def _third_party(tokens: Sequence[Token], cue: Cue) -> bool:
    """Whether a cue's source, or what the article says of it right after (", direktur program
    China di Stimson Center,"), names an analyst, a newspaper, a think tank."""
    words = [t for t in tokens if t.word and cue.span[0] <= t.start < cue.span[1]]
    after = [t for t in tokens if t.start >= cue.span[1]]
    if after and after[0].text == ",":
        apposition = []
        for token in after[1:]:
            if not token.word or len(apposition) == _APPOSITION_WORDS:
                break
            apposition.append(token)
        words += apposition
    return any(cues.is_third_party(t.text) for t in words)


def _speaks_for_none(cue: Cue) -> bool:
    return cue.relay or any(cues.is_third_party(word) for word in cue.source.split())


def _titled(tokens: Sequence[Token], cue: Cue) -> bool:
    """A leader's title with his country and no name ("the Mexican president", "российского
    лидера"), not "Russian President Vladimir Putin" nor an office."""
    if cue.kind is Kind.PRONOUN:
        return bool(cue.adjectives)
    if cue.kind is not Kind.NAMED or cue.documented:
        return False
    words = [t for t in tokens if t.word and cue.span[0] <= t.start < cue.span[1]]
    titles = [k for k, t in enumerate(words) if t.title]
    return bool(titles) and not any(t.name for t in words[titles[-1] + 1 :])


def _other(side: Side) -> Side:
    return Side.RIGHT if side is Side.LEFT else Side.LEFT
