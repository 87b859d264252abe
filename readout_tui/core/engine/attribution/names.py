"""How the article's names lead to one another: a country to its leader, an aide to the
organisation they speak for, an adjective to its country.

Every name is keyed (``tokens.name_key``), and keys are joined into entities by how the
article writes them:

- **Part of a name.** Every word of a multi-word name votes for the name's last word, so
  "Israel" in "Perdana Menteri Israel Benjamin Netanyahu" and "Amerika Serikat" (and "AS") in
  "Presiden Amerika Serikat Donald Trump" lead to the person. A key joins the name it is most
  often part of, when it is more often part of one than the head of one ("trump" stays
  itself, though "Trump Tower" may be in the article too).
- **Who speaks for whom.** A spokesman or an aide is the organisation's the article names
  with them: "Kremlin aide Yuri Ushakov", "juru bicara Kremlin Dmitry Peskov", "пресс-секретарь
  президента России Дмитрий Песков", "Dmitry Peskov, a Kremlin spokesman", and an agency
  named after its country and office words ("kantor berita pemerintah China, Xinhua").
- **One word's forms.** "Israeli" and "Israel", "Chinese" and "China" (``same_stem``).

The call's two leaders are never joined into one entity (``join``'s guard): each is one
party, and what joins one cannot join the other.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from readout_tui.core.engine import cues
from readout_tui.core.engine.attribution import places
from readout_tui.core.engine.attribution.tokens import CYRILLIC, Token, gloss, name_key, name_runs, same_stem

_ROLE_REACH = 4
"""How many words before a name a role may stand and still name it ("penasihat kebijakan luar
negeri Kremlin Yuri Ushakov")."""


@dataclass
class Names:
    """The article's names and how they lead to one another (see the module's docstring)."""

    votes: dict[str, Counter] = field(default_factory=dict)
    heads: Counter = field(default_factory=Counter)
    """How often a key heads a name of several words."""
    members: dict[str, Counter] = field(default_factory=dict)
    """Who speaks for whom: the person's key, the organisations' keys."""
    frequency: Counter = field(default_factory=Counter)
    acronyms: dict[str, Counter] = field(default_factory=dict)
    blends: dict[str, Counter] = field(default_factory=dict)
    """A first name run into the start of the surname, as a person is nicknamed ("Jokowi" of
    "Joko Widodo"), with the surnames it stands for."""
    seen: dict[str, set[int]] = field(default_factory=dict)
    """The statements each key is named in."""
    titled: list[frozenset[str]] = field(default_factory=list)
    """The people named with a leader's title, each by the keys of their own name (the last
    two words after the title: "Vladimir Putin" of "Presiden Rusia Vladimir Putin")."""
    countries: dict[frozenset[str], Counter] = field(default_factory=dict)
    """The other names a titled person is named with ("Arab Saudi" of "Putra Mahkota Arab
    Saudi Mohammed bin Salman", "Israeli" of "Israeli Prime Minister Benjamin Netanyahu"):
    whose leader the title makes them."""
    codes: dict[frozenset[str], Counter] = field(default_factory=dict)
    """The country a titled person's title is of by an adjective the article does not write
    as a name ("с турецким лидером Реджепом Тайипом Эрдоганом"), as the places table codes it."""
    aides: set[str] = field(default_factory=set)
    """People named with a role (spokesman, aide, minister): never a party's leader."""
    glosses: list[tuple[str, str]] = field(default_factory=list)
    """An acronym and the name it glosses ("Amerika Serikat (AS)")."""
    offices: list[list[str]] = field(default_factory=list)
    """The keys of names an office noun stands next to ("Kementerian Luar Negeri China",
    "Chinese Foreign Ministry"): the office is its country's, whichever word that is."""
    titles: dict[frozenset[str], set[str]] = field(default_factory=dict)
    """The titles each titled person is named with (``cues.title_key``: "prime", "president")."""
    split: list[tuple[frozenset[str], str]] = field(default_factory=list)
    """A title parted from its person by a few lowercase words ("президентом Сирии на
    переходный период Ахмедом аш-Шараа", "Presiden terpilih Prabowo Subianto"): the person's
    keys and the one name after the title ("" for none), for ``settle``."""
    _parent: dict[str, str] = field(default_factory=dict)

    def read(self, index: int, tokens: Sequence[Token]) -> None:
        """Note the names of body statement ``index``."""
        runs = name_runs(tokens)
        titled_before = False
        for k, run in enumerate(runs):
            coordinated = k > 0 and _coordinated(tokens, runs[k - 1], run)
            words = [t for t in run if not t.title]
            ambiguous = coordinated and not any(t.title for t in run)
            if _office_name(tokens, run) and len(words) > 1:
                self.offices.append([name_key(t.text) for t in words])
                ambiguous = True
            self._add(words, votes=not ambiguous)
            self._title_acronym(run)
            titled_before = self._title(tokens, run, coordinated and titled_before)
            self._roles(tokens, runs, k)
            self._split_title(tokens, runs, k)
            self._respective(tokens, runs, k)
        for k, token in enumerate(tokens):
            if token.name:
                self.seen.setdefault(name_key(token.text), set()).add(index)
            if k > 0 and tokens[k - 1].name and gloss(tokens, k):
                self.glosses.append((name_key(tokens[k + 1].text), name_key(tokens[k - 1].text)))

    def _add(self, words: list[Token], votes: bool) -> None:
        for token in words:
            self.frequency[name_key(token.text)] += 1
        if len(words) < 2 or not votes:
            return
        head = name_key(words[-1].text)
        self.heads[head] += 1
        for token in words[:-1]:
            self.votes.setdefault(name_key(token.text), Counter())[head] += 1
        initials = "".join(t.text[0] for t in words).casefold()
        self.acronyms.setdefault(initials, Counter())[head] += 1
        for k in (2, 3):
            blend = (words[0].text + words[-1].text[:k]).casefold()
            # Whole, not cut to a stem: "Taiwan Ing-wen" would give "taiwan" itself.
            if name_key(blend) == blend:
                self.blends.setdefault(blend, Counter())[head] += 1
        # A name with a particle is shortened by its own initials, without the country or the
        # family name around it ("MBS" of "Arab Saudi Mohammed bin Salman", "MBZ" of
        # "Mohammed bin Zayed Al Nahyan").
        for k, token in enumerate(words):
            if not token.name and 0 < k < len(words) - 1:
                initials = "".join(t.text[0] for t in words[k - 1 : k + 2]).casefold()
                self.acronyms.setdefault(initials, Counter())[head] += 1

    def _respective(self, tokens: Sequence[Token], runs: list[list[Token]], k: int) -> None:
        """Two countries, then their two leaders, in the same order: "Президенты России и США
        Владимир Путин и Дональд Трамп" (the second country heads the first leader's run)."""
        if k + 2 >= len(runs) or not runs[k][0].title or not _countries_first(tokens, runs[k]):
            return
        middle = [t for t in runs[k + 1] if t.name and not t.title]
        last = [t for t in runs[k + 2] if t.name and not t.title]
        if len(middle) < 2 or not last or not _coordinated(tokens, runs[k + 1], runs[k + 2]):
            return
        first = next(t for t in runs[k] if t.name)
        for country, person in ((first, middle[1:]), (middle[0], last)):
            keys = frozenset(name_key(t.text) for t in person[-2:])
            self.countries.setdefault(keys, Counter())[name_key(country.text)] += 1

    def _title_acronym(self, run: list[Token]) -> None:
        """An office or person named with a title abbreviates with the title's initials too
        ("PMO" of "Prime Minister's Office"), which ``_add`` leaves out of its own."""
        if len(run) > 1 and run[0].title and run[-1].name:
            initials = "".join(t.text[0] for t in run).casefold()
            self.acronyms.setdefault(initials, Counter())[name_key(run[-1].text)] += 1

    def _title(self, tokens: Sequence[Token], run: list[Token], coordinated_title: bool) -> bool:
        """Note a person named with a leader's title ("Presiden Rusia Vladimir Putin"; both
        of "Президенты России и США Владимир Путин и Дональд Трамп"); whether ``run`` has one."""
        titles = [k for k, t in enumerate(run) if t.title]
        if not titles and not coordinated_title:
            return False
        if titles and _office_of_title(tokens, run, titles[-1]):
            return True  # "the Prime Minister's Office": an office, placed as the parties place one
        if _countries_first(tokens, run):
            return True  # "Президенты России и США Владимир Путин": the names come after
        if _role_before(tokens, tokens.index(run[0])):
            return False  # "помощник президента Юрий Ушаков": the aide of a president
        after = [t for t in run[titles[-1] + 1 :] if t.name] if titles else [t for t in run if t.name]
        # "the new Prime Minister's first afternoon": the possessive hides the title's second
        # word, which names nobody.
        after = [t for t in after if cues.title_key(t.text) not in cues.MINISTERS]
        if after and not (len(after) == 1 and after[0].text.isupper()):  # "Presiden AS": a country
            person = frozenset(name_key(t.text) for t in after[-2:])
            self.titled.append(person)
            self.titles.setdefault(person, set()).update(cues.title_key(t.text) for t in run if t.title)
            if titles:  # not "Президенты России и Казахстана Владимир Путин и ...": whose is whose
                # In the order the run has them: of equally frequent names, the label takes the
                # first, the same for every run of the program.
                named = dict.fromkeys(name_key(t.text) for t in run if t.name and not t.title)
                others = [key for key in named if key not in person]
                self.countries.setdefault(person, Counter()).update(others)
                code = _adjective_country(tokens, run)
                if code:
                    self.codes.setdefault(person, Counter())[code] += 1
        return True

    def _split_title(self, tokens: Sequence[Token], runs: list[list[Token]], k: int) -> None:
        """Note a person whose title stands a few lowercase words before his name, the title
        alone or with one name after it that may be his country (see ``split``)."""
        run = runs[k]
        names = [t for t in run if t.name]
        if len(names) < 2 or any(t.title for t in run):
            return  # a full name of his own, not a title's country
        start = tokens.index(run[0])
        j = start - 1
        between: list[Token] = []
        while j >= 0 and tokens[j].word and not tokens[j].name and not tokens[j].title:
            between.append(tokens[j])
            j -= 1
        if not all(_modifies_title(t) for t in between):
            return
        country = ""
        if j >= 0 and tokens[j].name and not tokens[j].title:
            country = name_key(tokens[j].text)  # "президентом Сирии"
            j -= 1
        # With no country between, one word ("Presiden terpilih Prabowo Subianto"): more is a
        # clause or a place ("the Philippine leader to the White House").
        if not 0 < len(between) <= (_SPLIT_REACH if country else 1):
            return
        if j < 0 or not tokens[j].word or not tokens[j].title:
            return
        if not country and not tokens[j].text[:1].isupper():
            # A lowercase title with nothing but a modifier after it is a common noun ("negara
            # penerus Uni Soviet", "лидерами стран Центральной Азии"), not one person's title.
            return
        if _role_before(tokens, j + 1) or _office_before(tokens, j):
            return
        self.split.append((frozenset(name_key(t.text) for t in names[-2:]), country))

    def settle(self) -> None:
        """Count the people of ``split`` among the titled, where the name between title and
        person, if any, is no person's own ("президентом Сирии", not "President Rowan")."""
        people = {key for keys in self.titled if len(keys) > 1 for key in keys}
        for person, country in self.split:
            if person in self.titled or country in people:
                continue
            self.titled.append(person)
            if country:
                self.countries.setdefault(person, Counter())[country] += 1

    def _roles(self, tokens: Sequence[Token], runs: list[list[Token]], k: int) -> None:
        """Note who speaks for whom around name run ``k`` (see ``members``)."""
        run = runs[k]
        names = [t for t in run if t.name]
        start, end = tokens.index(run[0]), tokens.index(run[-1]) + 1
        if k > 0:
            previous = runs[k - 1]
            if _role_after(tokens, tokens.index(previous[-1]) + 1, run) is not None:
                return  # "Lena Brok, juru bicara Muskar": Muskar is whom she speaks for, no aide
            between = tokens[tokens.index(previous[-1]) + 1 : start]
            organisation = [t for t in previous if t.name]
            # "Kremlin aide Yuri Ushakov", "Russian Foreign Minister Sergei Lavrov": an
            # organisation, a role, a person; not a role and where it serves ("China's
            # ambassador in Ottawa").
            if (
                0 < len(between) <= 3
                and all(_lowercase_or_function(t) for t in between)
                and between[-1].folded not in cues.PREPOSITIONS
                and not any(cues.is_reporting_verb(t.text) for t in between)
            ):
                if any(speaks_for(t) for t in between):
                    self._member(names[-1], organisation[-1])
                    return
            # "kantor berita pemerintah China, Xinhua": an office's name, a comma, its name.
            if _office_named_before(tokens, previous, between) and not _reported_after(tokens, previous, run):
                self._member(names[-1], organisation[-1], aide=False)
                return
            # "Dubes Syldavia, Ivan Dorov", "juru bicara Kremlin, Dmitry Peskov": a role and whom
            # it is of, a comma, the person; not a role and a person's full name ("juru bicara
            # kepresidenan Kang Yoo-jung, Trump membuka ..."), after which a clause opens.
            if (
                [t.text for t in between] == [","]
                and _role_before(tokens, tokens.index(previous[0]))
                and len(organisation) < 2
            ):
                self._member(names[-1], organisation[-1])
                return
        # "juru bicara Kremlin Dmitry Peskov", "пресс-секретарь президента России Дмитрий Песков".
        if _role_before(tokens, start):
            self.aides.add(name_key(names[-1].text))
            if len(names) >= 3:
                self._member(names[-1], names[-3])
            return
        # "Dmitry Peskov, a Kremlin spokesman", "Sergei Lavrov, Russia's foreign minister".
        if k + 1 < len(runs):
            organisation = _role_after(tokens, end, runs[k + 1])
            if organisation is None:
                return
            if len(names) == 1 and places.country_of(name_key(names[0].text)):
                # A place, a role and its person ("In Berlin, government spokesman Steffen
                # Seibert said"): the person speaks there, for its government.
                self._member(organisation, names[0])
            else:
                self._member(names[-1], organisation)

    def _member(self, person: Token, organisation: Token, aide: bool = True) -> None:
        key = name_key(person.text)
        self.members.setdefault(key, Counter())[name_key(organisation.text)] += 1
        if aide:
            self.aides.add(key)

    def join(self, leaders: Sequence[frozenset[str]] = ()) -> None:
        """Join the keys into entities (see the module's docstring); no entity may hold
        keys of two of ``leaders``."""
        self._parent = {}
        owner: dict[str, int] = {}
        for n, keys in enumerate(leaders):
            for key in keys:
                owner[self._find(key)] = n
        for key, target in self._links(leaders):
            a, b = self._find(key), self._find(target)
            if a == b or (a in owner and b in owner and owner[a] != owner[b]):
                continue
            # The more frequent key names the entity.
            keep, drop = sorted((a, b), key=lambda k: (-self.frequency[k], k))
            self._parent[drop] = keep
            if drop in owner:
                owner[keep] = owner.pop(drop)

    def _links(self, leaders: Sequence[frozenset[str]]) -> list[tuple[str, str]]:
        """The pairs of keys to join, the surest first: a leader's own names, who speaks
        for whom, an office's name, one word's forms, then part of a name."""
        links = [(key, min(keys)) for keys in leaders for key in keys] + self.glosses
        for key in sorted(self.members):
            links.append((key, max(self.members[key].items(), key=lambda kv: (kv[1], self.frequency[kv[0]]))[0]))
        for keys in self.offices:
            country = max(keys, key=lambda k: (self.frequency[k], k))
            links += [(key, country) for key in keys if key != country]
        # One word's forms, but not a person's name ("Fred" is not "Fredonia"'s).
        people = set().union(*self.titled)
        known = sorted((set(self.frequency) | set(self.seen)) - people)
        links += [(a, b) for i, a in enumerate(known) for b in known[i + 1 :] if same_stem(a, b)]
        for key in sorted({*self.votes, *self.acronyms}):
            target = self._part_of(key)
            if target is not None:
                links.append((key, target))
        links += [(key, self.blends[key].most_common(1)[0][0]) for key in sorted(self.blends) if key in self.frequency]
        return links

    def _part_of(self, key: str) -> str | None:
        options = self.votes.get(key) or (self.acronyms.get(key) if len(key) <= 5 and key in self.frequency else None)
        if not options:
            return None
        # A country named more often with its minister than with its leader is still its
        # leader's: an aide is joined to it by whom he speaks for, not the other way. ("Li"
        # of "spokesman Li Dao" has only the aide to go to.)
        options = {k: n for k, n in options.items() if k not in self.aides} or options
        best, count = max(options.items(), key=lambda kv: (kv[1], self.frequency[kv[0]]))
        return best if count > self.heads[key] else None

    def _find(self, key: str) -> str:
        while self._parent.get(key, key) != key:
            key = self._parent[key]
        return key

    def resolve(self, key: str) -> str:
        """The entity a name key stands for (after ``join``): the most frequent key of what
        is joined to it."""
        return self._find(key)

    def entity_of(self, key: str) -> str:
        """The entity of a name key, or of a name the article writes in this word's form."""
        return self.resolve(key) if key in self.frequency else self.lookup(key)

    def lookup(self, key: str) -> str:
        """The entity of a name the article writes in this word's form ("российского" for
        "России"), or ""."""
        forms = [k for k in self.frequency if same_stem(k, key)]
        if not forms or len(key) < 4:
            return ""
        return self.resolve(max(forms, key=lambda k: (self.frequency[k], k)))


def speaks_for(token: Token) -> bool:
    """A role that speaks for an organisation (spokesman, aide, "juru bicara", "помощник"),
    not a leader's title ("Perdana Menteri" is a leader)."""
    return token.word and cues.is_role(token.text) and not token.title


def _lowercase_or_function(token: Token) -> bool:
    return token.word and (token.text.islower() or cues.is_function_word(token.text))


def _coordinated(tokens: Sequence[Token], previous: list[Token], run: list[Token]) -> bool:
    """Whether ``run`` follows ``previous`` after a conjunction ("России и США")."""
    between = tokens[tokens.index(previous[-1]) + 1 : tokens.index(run[0])]
    return len(between) == 1 and between[0].folded in cues.CONJUNCTIONS


def _office_name(tokens: Sequence[Token], run: list[Token]) -> bool:
    """Whether an office noun stands right before or after ``run``."""
    start, end = tokens.index(run[0]), tokens.index(run[-1]) + 1
    around = [tokens[j] for j in (start - 1, end) if 0 <= j < len(tokens)]
    return any(t.word and cues.is_office_noun(t.text) for t in around)


def _adjective_country(tokens: Sequence[Token], run: list[Token]) -> str | None:
    """The country of the lowercase adjective just before a title ("турецким лидером")."""
    start = tokens.index(run[0])
    before = tokens[start - 1] if start > 0 else None
    if before is None or not before.word or before.name or not run[0].title:
        return None
    return places.country_of(name_key(before.text))


def _countries_first(tokens: Sequence[Token], run: list[Token]) -> bool:
    """Whether a title and one name are followed by "and" and names without a title: the
    titled names are countries, the people come after ("Президенты России и США Владимир
    Путин и Дональд Трамп")."""
    end = tokens.index(run[-1]) + 1
    names = [t for t in run if t.name]
    return (
        len(names) == 1
        and end + 1 < len(tokens)
        and tokens[end].folded in cues.CONJUNCTIONS
        and tokens[end + 1].name
    )


def _role_before(tokens: Sequence[Token], start: int) -> bool:
    """Whether a role stands within a few words before ``start``, titles and lowercase words
    between ("Помощник президента", "penasihat kebijakan luar negeri")."""
    j = start - 1
    while j >= 0 and tokens[j].word and tokens[j].title:
        j -= 1
    reach = 0
    while j >= 0 and reach < _ROLE_REACH and tokens[j].word and not tokens[j].name:
        if speaks_for(tokens[j]):
            return True
        if not tokens[j].text.islower() and not cues.is_function_word(tokens[j].text):
            return False
        if cues.is_reporting_verb(tokens[j].text):
            return False  # "a Downing Street spokesperson said Mr Biden had ...": what he said
        j -= 1
        reach += 1
    return False


_SPLIT_REACH = 3
"""How many lowercase words may part a title from its person ("на переходный период")."""


def _modifies_title(token: Token) -> bool:
    """A lowercase word that may stand between a title and its person ("terpilih", "на
    переходный период"), not a verb of saying or of a call, a conjunction or a role
    ("President Rowan told Vask", "the president and Vask")."""
    text = token.text
    folded = text.casefold()
    # English and Indonesian modify a title with an adjective ("terpilih"); a preposition there
    # opens a place or a means ("lewat akun Truth Social"). Russian puts the phrase after the
    # title's country ("президентом Сирии на переходный период").
    if folded in cues.DETERMINERS or (folded in cues.PREPOSITIONS and not CYRILLIC.match(folded)):
        return False
    return (
        text.islower()
        and not cues.is_account_noun(text)
        and folded not in cues.CONJUNCTIONS
        and folded not in cues.RELATIVES
        and not cues.is_reporting_verb(text)
        and not cues.is_speech_act(text)
        and not cues.is_contact(text)
        and not cues.is_role(text)
        and not cues.is_office_noun(text)
    )


def _office_before(tokens: Sequence[Token], k: int) -> bool:
    """Whether an office noun stands right before the title at ``k`` (or before the titles
    that end there: "Kantor Perdana Menteri")."""
    j = k
    while j >= 0 and tokens[j].word and tokens[j].title:
        j -= 1
    return j >= 0 and tokens[j].word and cues.is_office_noun(tokens[j].text)


def _office_of_title(tokens: Sequence[Token], run: list[Token], last_title: int) -> bool:
    """Whether a title names an office, not a person: an office noun among the names after it
    ("the Prime Minister's Office", "the President's Office")."""
    return any(t.name and cues.is_office_noun(t.text) for t in run[last_title + 1 :])


def _role_after(tokens: Sequence[Token], end: int, following: list[Token]) -> Token | None:
    """The organisation of an apposition after a person (", a Kremlin spokesman", ", juru
    bicara Kremlin"), if ``tokens[end:]`` is one."""
    if end >= len(tokens) or tokens[end].text != ",":
        return None
    start = tokens.index(following[0])
    after = tokens.index(following[-1]) + 1
    before = tokens[end + 1 : start]
    behind = tokens[after : after + 3]
    if len(before) > 3 or not all(t.word and not t.name for t in before):
        return None
    role = any(speaks_for(t) for t in before) or any(speaks_for(t) for t in behind if t.word)
    names = [t for t in following if t.name]
    return names[-1] if role and names else None


def _reported_after(tokens: Sequence[Token], source: list[Token], run: list[Token]) -> bool:
    """Whether ``source`` is the source of what the clause opened by ``run`` says: "According
    to the Chinese foreign ministry, Carney said": a marker before it ("according to",
    "menurut", "согласно"), and a word, not a comma, after the name ("Xinhua, " is the
    ministry's own name in "menurut kantor berita pemerintah China, Xinhua, ...")."""
    first, after = tokens.index(source[0]), tokens.index(run[-1]) + 1
    marked = any(t.word and t.text.casefold() in cues.INVERTED for t in tokens[max(0, first - 3) : first])
    return marked and after < len(tokens) and tokens[after].word


_OFFICE_WORDS = 3


def _office_named_before(tokens: Sequence[Token], previous: list[Token], between: Sequence[Token]) -> bool:
    """Whether ``previous`` names an office ("kantor berita pemerintah China", "the Chinese
    state news agency") and a comma alone (with office words) separates it from the next name."""
    if not between or between[-1].text != ",":
        return False
    words = [t for t in between[:-1] if t.word]
    # A few words of the office's name ("state news agency"), not a clause that ends on a
    # comma ("Ishiba congratulated Lee on taking office and said ..., Japan's Foreign Ministry").
    if len(words) != len(between) - 1 or len(words) > _OFFICE_WORDS:
        return False
    first = tokens.index(previous[0])
    before = [t for t in tokens[max(0, first - 3) : first] if t.word]
    if any(t.title for t in (*before, *previous)) or _role_before(tokens, first):
        # "Согласно заявлению администрации президента Сирии, Путин поздравил": a leader's
        # office, named by his title; "Menurut juru bicara kepresidenan Kang Yoo-jung, Trump
        # membuka percakapan": a spokesman, named by his role. The name after the comma opens
        # the clause.
        return False
    # "at the request of the Ukrainian side, Turkey's Directorate of Communications said": a
    # side has no name of its own; the name after the comma opens the clause.
    return any(cues.is_office_noun(t.text) and not cues.is_side_noun(t.text) for t in (*before, *words))
