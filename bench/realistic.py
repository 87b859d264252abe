"""Realistic synthetic collections: statements that carry names, acronyms, figures, durations
and dates as often as the statements of the fixture cases do.

    python bench/realistic.py            # the proportions: fixtures against a generated sample

Years of readouts name many people, places and bodies, a few of them in nearly every statement
(the leaders, their countries) and most rarely; figures are mostly distinct ("(item 4711)",
"1,250 tonnes"). So each kind's words are drawn from a large pool with a Zipf law, and how many
mentions of each kind a statement gets is drawn to match what the mention finder
(``core/work/mentions.py``) finds in ``fixtures/*/left.txt`` and ``right.txt``: the share of
statements with at least one, and the mean number in those that have any. Statements are
filled out with readout phrasing to the fixtures' mean length.

About 60% of the right side retells a left statement: its mentions are mostly kept, some in
another form (an acronym spelled out, a date written the other way, a possessive), a few
dropped or changed (a figure differs); the rest are new statements, and the right side is
locally shuffled, as two accounts of one call are. Seeded: the same texts in every process.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

KINDS = ("name", "acronym", "number", "duration", "date", "year", "month")
"""What the mention finder tells apart; a date is a day and a month, or a full date."""


@dataclass(frozen=True)
class Profile:
    """How often statements carry each kind of mention, and how long they are."""

    share: dict[str, float]
    """Share of statements with at least one mention of the kind."""
    mean: dict[str, float]
    """Mean number of mentions of the kind in the statements that have any."""
    length: float
    """Mean characters per statement."""
    statements: int


def kind_of(found: tuple) -> str:
    """The kind of a mention as ``mentions._in_text`` finds it: (kind, text, key, parts)."""
    kind, text, key, _ = found
    if kind == "name":
        letters = text.replace(".", "")
        return "acronym" if len(letters) >= 2 and letters.isupper() and letters.isalpha() else "name"
    if kind == "date":
        return {"date": "date", "year": "year", "month": "month"}[key[0]]
    return kind


def profile(texts_by_readout: list[list[str]]) -> Profile:
    """Measure ``texts_by_readout`` (each readout's statements) with the mention finder."""
    from readout_tui.core.engine.names import capitalised_inside
    from readout_tui.core.work.mentions import _in_text

    having = dict.fromkeys(KINDS, 0)
    total = dict.fromkeys(KINDS, 0)
    lengths = []
    for texts in texts_by_readout:
        inner = capitalised_inside(texts)
        for text in texts:
            lengths.append(len(text))
            counts = dict.fromkeys(KINDS, 0)
            for mention in _in_text(text, inner):
                counts[kind_of(mention)] += 1
            for kind, count in counts.items():
                having[kind] += count > 0
                total[kind] += count
    n = max(len(lengths), 1)
    return Profile(
        share={k: having[k] / n for k in KINDS},
        mean={k: total[k] / having[k] if having[k] else 0.0 for k in KINDS},
        length=statistics.fmean(lengths) if lengths else 0.0,
        statements=len(lengths),
    )


@cache
def fixture_profile() -> Profile:
    """The fixture cases' statements (split into sentences, as the app does by default)."""
    from readout_tui.core.io.loading import load_comparison

    readouts = []
    for case in sorted((ROOT / "fixtures").iterdir()):
        if (case / "left.txt").is_file() and (case / "right.txt").is_file():
            comparison = load_comparison([str(case)], "sentences")
            readouts += [comparison.left.texts, comparison.right.texts]
    return profile(readouts)


# -- vocabulary --------------------------------------------------------------------------------

_SYLLABLES = (
    "ka ro mi san te lu vo na der el ar ben zi pol ma ri ko sha ta vin gor lek us an to be ra "
    "dal mer sin ost wal fa ni lo hu ber gen tar ku dim ev ya ska rov nov ich ez ia"
).split()
TITLES = ["President", "Prime Minister", "Chancellor", "Foreign Minister", "King", "Secretary", "Ambassador"]
REAL_ACRONYMS = [
    ("UN", "United Nations"), ("EU", "European Union"), ("NATO", "North Atlantic Treaty Organization"),
    ("IAEA", "International Atomic Energy Agency"), ("WHO", "World Health Organization"),
    ("ASEAN", "Association of Southeast Asian Nations"), ("OPEC", "Organization of Petroleum Exporting Countries"),
    ("ICRC", "International Committee of the Red Cross"), ("WTO", "World Trade Organization"),
    ("BRICS", ""), ("SCO", "Shanghai Cooperation Organisation"), ("OSCE", "Organization for Security and Co-operation in Europe"),
]
VERBS = [
    "discussed", "reviewed", "stressed the importance of", "expressed concern about", "welcomed progress on",
    "agreed to deepen cooperation on", "exchanged views on", "noted the need for", "raised", "reaffirmed support for",
    "called for progress on", "underlined their commitment to", "touched upon", "briefed each other on",
]
TOPICS = [
    "energy supplies", "the humanitarian situation", "grain exports", "trade and investment", "regional security",
    "the settlement of the conflict", "climate change", "public health", "nuclear safety", "food security",
    "the release of hostages", "migration", "arms control", "transport corridors", "cyber security",
    "the bilateral agenda", "critical minerals", "the fight against terrorism", "space cooperation",
]
FILLERS = [
    "and agreed to stay in close contact", "in a frank and constructive atmosphere", "at the request of the other side",
    "as part of the ongoing dialogue", "with a view to further steps", "and instructed their teams to follow up",
    "in the spirit of the agreements reached earlier", "and confirmed the mutual interest in continuing the talks",
]
SYNONYMS = {
    "discussed": "talked about", "stressed": "emphasised", "concern": "worry", "welcomed": "noted",
    "deepen": "expand", "exchanged views": "had an exchange", "reaffirmed": "confirmed", "raised": "brought up",
    "agreed": "decided", "cooperation": "partnership", "situation": "developments", "close contact": "touch",
}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables)).capitalize()


class Vocabulary:
    """Pools of people, places, bodies and acronyms, each drawn from with a Zipf law."""

    def __init__(self, rng: random.Random, size: int) -> None:
        self.people = [f"{_word(rng, 2)} {_word(rng, rng.randint(2, 3))}" for _ in range(size)]
        self.places = [_word(rng, rng.randint(2, 3)) for _ in range(size)]
        self.bodies = [
            f"{_word(rng, 2)} {rng.choice(['Council', 'Committee', 'Agency', 'Fund', 'Bank', 'Forum'])}"
            f"{rng.choice(['', ' of ' + _word(rng, 2)])}"
            for _ in range(size // 2)
        ]
        self.acronyms = list(REAL_ACRONYMS) + [
            ("".join(w[0] for w in body.split() if w != "of").upper(), body) for body in self.bodies
        ]
        self.weights = {
            name: [1 / (rank + 1) ** 1.1 for rank in range(len(pool))]
            for name, pool in (("people", self.people), ("places", self.places), ("bodies", self.bodies),
                               ("acronyms", self.acronyms))
        }

    def pick(self, rng: random.Random, pool: str):
        return rng.choices(getattr(self, pool), self.weights[pool])[0]


# -- statements --------------------------------------------------------------------------------


def _count(rng: random.Random, share: float, mean: float) -> int:
    """How many mentions of one kind: none with probability 1 - share, else 1 + a geometric
    number with the given mean."""
    if rng.random() >= share:
        return 0
    extra = 0
    stop = 1 / mean if mean > 1 else 1.0
    while rng.random() >= stop:
        extra += 1
    return 1 + extra


def _name(rng: random.Random, vocabulary: Vocabulary) -> tuple[str, str]:
    """A name, and the word that leads to it when it is not the subject."""
    roll = rng.random()
    if roll < 0.45:
        person = vocabulary.pick(rng, "people")
        return (f"{rng.choice(TITLES)} {person}" if rng.random() < 0.6 else person), "with"
    if roll < 0.8:
        return vocabulary.pick(rng, "places"), "in"
    return "the " + vocabulary.pick(rng, "bodies"), "with"


def _figure(rng: random.Random) -> str:
    value = int(rng.paretovariate(0.6) * 3)
    return rng.choice([
        f"(item {rng.randint(1000, 99999)})", f"worth {value} billion dollars", f"involving {value:,} people",
        f"by {rng.randint(1, 40)}.{rng.randint(1, 9)} percent", f"of {value * 10:,} tonnes",
    ])


def _duration(rng: random.Random) -> str:
    return rng.choice([
        f"for about {rng.randrange(20, 125, 5)} minutes", f"for {rng.randint(2, 14)} days",
        f"within {rng.randint(2, 12)} months", f"over {rng.randint(2, 6)} hours",
        f"in a {rng.randrange(20, 95, 5)}-minute call",
    ])


def _date(rng: random.Random) -> str:
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2015, 2026)
    return rng.choice([f"on {day} {MONTHS[month - 1]}", f"on {MONTHS[month - 1]} {day}", f"on {year}-{month:02d}-{day:02d}"])


def statement(rng: random.Random, vocabulary: Vocabulary, shape: Profile) -> str:
    count = {kind: _count(rng, shape.share[kind], shape.mean[kind]) for kind in KINDS}
    names = [_name(rng, vocabulary) for _ in range(count["name"])]
    # No number words in the phrasing ("the two leaders"): they would be figures.
    subject = names.pop(0)[0] if names and rng.random() < 0.7 else rng.choice(["The leaders", "The sides", "They"])
    parts = [subject[0].upper() + subject[1:], rng.choice(VERBS), rng.choice(TOPICS)]
    extras = [f"{lead} {name}" for name, lead in names]
    extras += [f"within the {vocabulary.pick(rng, 'acronyms')[0]}" for _ in range(count["acronym"])]
    extras += [_figure(rng) for _ in range(count["number"])]
    extras += [_duration(rng) for _ in range(count["duration"])]
    extras += [_date(rng) for _ in range(count["date"])]
    extras += [f"in {rng.randint(1995, 2030)}" for _ in range(count["year"])]
    extras += [f"in {rng.choice(MONTHS)}" for _ in range(count["month"])]
    rng.shuffle(extras)
    parts += extras
    text = " ".join(parts)
    fillers = rng.sample(FILLERS, len(FILLERS))
    while fillers and len(text) < shape.length * rng.uniform(0.5, 1.2):
        text += " " + fillers.pop()
    return text + "."


def retell(text: str, rng: random.Random, vocabulary: Vocabulary) -> str:
    """The same statement as the other side would give it."""
    for word, other in SYNONYMS.items():
        if word in text and rng.random() < 0.6:
            text = text.replace(word, other)
    for acronym, full in vocabulary.acronyms[:40]:
        if full and f"the {acronym}" in text and rng.random() < 0.3:
            text = text.replace(f"the {acronym}", f"the {full}")
    words = text.split(" ")
    for k, word in enumerate(words):
        if word.isdigit() and rng.random() < 0.1:  # a figure told differently
            words[k] = str(int(word) + rng.randint(1, 9))
        elif word[:1].isupper() and k and rng.random() < 0.05:
            words[k] = word + "'s"
    text = " ".join(words)
    if " with " in text and rng.random() < 0.2:  # a clause left out
        head, _, tail = text.partition(" with ")
        text = head + (" " + tail.split(" ", 2)[-1] if tail.count(" ") > 2 else ".")
    return text if text.endswith(".") else text + "."


def readouts(count: int, seed: int = 2024) -> tuple[list[str], list[str]]:
    """Two readouts of ``count`` statements each."""
    rng = random.Random(seed)
    shape = fixture_profile()
    vocabulary = Vocabulary(rng, size=max(200, count // 4))
    left = [statement(rng, vocabulary, shape) for _ in range(count)]
    right = [retell(text, rng, vocabulary) if rng.random() < 0.6 else statement(rng, vocabulary, shape) for text in left]
    for start in range(0, count, 5):
        block = right[start : start + 5]
        rng.shuffle(block)
        right[start : start + 5] = block
    return left, right


def comparison_table(count: int = 2000) -> str:
    fixtures = fixture_profile()
    left, right = readouts(count)
    generated = profile([left, right])
    rows = [f"{'':18}{'fixtures':>22}{'generated':>22}", f"{'':18}{'share   mean if any':>22}{'share   mean if any':>22}"]
    for kind in KINDS:
        rows.append(
            f"{kind:18}{fixtures.share[kind]:>10.3f}{fixtures.mean[kind]:>12.2f}"
            f"{generated.share[kind]:>10.3f}{generated.mean[kind]:>12.2f}"
        )
    rows.append(f"{'mean length':18}{fixtures.length:>22.0f}{generated.length:>22.0f}")
    rows.append(f"{'statements':18}{fixtures.statements:>22}{generated.statements:>22}")
    return "\n".join(rows)


if __name__ == "__main__":
    if sys.argv[1:] == ["--json"]:
        print(json.dumps(fixture_profile().__dict__))
    else:
        print(comparison_table())
