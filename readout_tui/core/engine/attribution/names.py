"""How the article's names lead to one another: a country to its leader, an aide to the
organisation they speak for."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from readout_tui.core.engine import cues
from readout_tui.core.engine.attribution.tokens import Token, name_key, name_runs


@dataclass
class Names:
    """How the article's names lead to one another (see the package's docstring, step 3)."""

    votes: dict[str, Counter] = field(default_factory=dict)
    members: dict[str, Counter] = field(default_factory=dict)
    """Who speaks for whom: "Kremlin aide Yuri Ushakov", "juru bicara Kremlin Dmitry Peskov",
    "помощник президента России Юрий Ушаков" make the person the organisation's."""
    heads: Counter = field(default_factory=Counter)
    """How often a key heads a name of several words."""
    frequency: Counter = field(default_factory=Counter)
    acronyms: dict[str, Counter] = field(default_factory=dict)

    def add(self, run: list[Token]) -> None:
        words = [t for t in run if not cues.is_title(t.text)]
        for token in words:
            self.frequency[name_key(token.text)] += 1
        if len(words) < 2:
            return
        head = name_key(words[-1].text)
        self.heads[head] += 1
        for token in words[:-1]:
            self.votes.setdefault(name_key(token.text), Counter())[head] += 1
        initials = "".join(t.text[0] for t in words).casefold()
        self.acronyms.setdefault(initials, Counter())[head] += 1

    def add_roles(self, tokens: Sequence[Token]) -> None:
        """Note who speaks for whom in one statement (see ``members``)."""
        runs = name_runs(tokens)
        for k, run in enumerate(runs):
            start = tokens.index(run[0])
            words = [t for t in run if t.name]
            # "Kremlin aide Yuri Ushakov": an organisation, a role, a person.
            if k and words:
                between = tokens[tokens.index(runs[k - 1][-1]) + 1 : start]
                if 0 < len(between) <= 3 and all(t.word and t.text.islower() for t in between):
                    if any(speaks_for(t) for t in between):
                        org = [t for t in runs[k - 1] if t.name]
                        if org:
                            self._member(words[-1], org[-1])
                        continue
            # "juru bicara Kremlin Dmitry Peskov", "помощник президента России Юрий Ушаков".
            before = start - 1
            while before >= 0 and tokens[before].word and cues.is_title(tokens[before].text):
                before -= 1
            if len(words) >= 3 and before >= 0 and tokens[before].word and speaks_for(tokens[before]):
                self._member(words[-1], words[-3])

    def _member(self, person: Token, organisation: Token) -> None:
        self.members.setdefault(name_key(person.text), Counter())[name_key(organisation.text)] += 1

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


def speaks_for(token: Token) -> bool:
    """A role that speaks for an organisation (spokesman, aide, "juru bicara", "помощник"),
    not a leader's title ("minister" is both: "Perdana Menteri" is a leader)."""
    return cues.is_role(token.text) and not cues.is_title(token.text)

