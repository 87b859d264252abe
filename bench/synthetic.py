"""Deterministic synthetic readouts in the phrasing of diplomatic call readouts, for benchmarks.

Every left statement is built from a template with varied leaders, places, sectors and numbers;
about 60% of the right statements retell a left one (synonyms swapped, a clause dropped, the
numbers kept), the rest are new. The right side keeps the left's rough order with local
shuffling, as two readouts of one call do. The same seed gives the same texts in every process.
"""

from __future__ import annotations

import hashlib
import random

import numpy as np

LEADERS = [
    ("President", "Biden"), ("President", "Xi"), ("President", "Putin"), ("President", "Macron"),
    ("Chancellor", "Scholz"), ("Prime Minister", "Netanyahu"), ("Prime Minister", "Modi"),
    ("President", "Erdogan"), ("President", "Lula"), ("Prime Minister", "Kishida"),
    ("President", "Ramaphosa"), ("Prime Minister", "Albanese"), ("President", "Zelensky"),
    ("Crown Prince", "Mohammed bin Salman"), ("Prime Minister", "Meloni"), ("President", "Yoon"),
]
PLACES = [
    "the Middle East", "Ukraine", "the Gaza Strip", "the South China Sea", "the Korean Peninsula",
    "the Sahel", "the Black Sea", "the Arctic", "the Western Balkans", "Central Asia", "Syria",
    "Afghanistan", "the Red Sea", "the Taiwan Strait", "Venezuela", "Sudan", "Libya", "Armenia",
    "Azerbaijan", "Kosovo", "Myanmar", "Haiti", "Yemen", "the Horn of Africa", "the Caucasus",
]
CITIES = [
    "Geneva", "Vienna", "Istanbul", "Doha", "Riyadh", "Beijing", "Moscow", "Washington", "Paris",
    "Berlin", "New Delhi", "Brasilia", "Tokyo", "Jakarta", "Abu Dhabi", "Cairo", "Astana", "Rome",
]
SECTORS = [
    "energy", "trade", "investment", "agriculture", "food security", "climate change",
    "public health", "artificial intelligence", "space exploration", "nuclear safety",
    "counter-terrorism", "cyber security", "education", "tourism", "transport corridors",
    "critical minerals", "semiconductors", "shipbuilding", "grain exports", "humanitarian aid",
]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]
TEMPLATES = [
    "{t1} {n1} and {t2} {n2} discussed the situation in {place} and agreed to stay in close contact.",
    "{t1} {n1} stressed the importance of {sector} cooperation, which reached {num} billion dollars last year.",
    "The two leaders agreed to expand cooperation in {sector} and {sector2}.",
    "{t2} {n2} expressed concern about the escalation in {place} and called for restraint.",
    "The sides agreed that their foreign ministers would meet in {city} in {month}.",
    "{t1} {n1} congratulated {t2} {n2} on the {ordinal} anniversary of diplomatic relations.",
    "The leaders reviewed preparations for the summit in {city} scheduled for {month} {year}.",
    "{t1} {n1} underscored that a ceasefire in {place} was urgently needed to protect civilians.",
    "They discussed the release of {num} hostages held in {place} and the delivery of humanitarian aid.",
    "{t2} {n2} informed {t1} {n1} about the results of his recent visit to {city}.",
    "Both sides reaffirmed their commitment to the peaceful settlement of the conflict in {place}.",
    "The conversation lasted about {minutes} minutes and was held in a frank and constructive atmosphere.",
    "{t1} {n1} thanked {t2} {n2} for the assistance in evacuating {num} citizens from {place}.",
    "The leaders noted the growth of bilateral trade by {num} percent and the launch of new projects in {sector}.",
    "{t2} {n2} raised concerns about export controls on {sector2} and unfair trade practices.",
    "It was agreed to set up a joint working group on {sector} to report by {month}.",
]
SYNONYMS = {
    "discussed": "talked about", "agreed": "decided", "stressed": "emphasised",
    "expand": "deepen", "concern": "worry", "called for": "urged", "importance": "significance",
    "underscored": "pointed out", "urgently": "immediately", "reaffirmed": "confirmed",
    "thanked": "expressed gratitude to", "informed": "briefed", "conversation": "call",
    "leaders": "presidents", "sides": "parties", "noted": "welcomed", "meet": "hold talks",
    "cooperation": "partnership", "situation": "developments", "raised": "voiced",
}
ORDINALS = ["20th", "25th", "30th", "40th", "50th", "60th", "75th"]
OPENINGS = [
    "", "", "", "During the call, ", "In a telephone conversation, ", "Separately, ",
    "At the request of the other side, ", "In the course of the talks, ", "On {weekday}, ",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def statement(rng: random.Random) -> str:
    (t1, n1), (t2, n2) = rng.sample(LEADERS, 2)
    sector, sector2 = rng.sample(SECTORS, 2)
    opening = rng.choice(OPENINGS).format(weekday=rng.choice(WEEKDAYS))
    body = rng.choice(TEMPLATES).format(
        t1=t1, n1=n1, t2=t2, n2=n2, place=rng.choice(PLACES), city=rng.choice(CITIES),
        sector=sector, sector2=sector2, month=rng.choice(MONTHS), year=rng.randint(2020, 2030),
        num=rng.randint(2, 950), minutes=rng.randrange(20, 120, 5), ordinal=rng.choice(ORDINALS),
    )
    if opening and body.startswith(("The ", "They ", "Both ", "It ")):
        body = body[0].lower() + body[1:]  # names and titles keep their capitals
    return opening + body


def retell(text: str, rng: random.Random) -> str:
    for word, other in SYNONYMS.items():
        if word in text and rng.random() < 0.7:
            text = text.replace(word, other)
    if ", which" in text and rng.random() < 0.5:
        text = text.split(", which")[0] + "."
    if " and " in text and rng.random() < 0.3:
        text = text.split(" and ")[0] + "."
    return text


def readouts(count: int, seed: int = 2024) -> tuple[list[str], list[str]]:
    """Two readouts of ``count`` statements each."""
    rng = random.Random(seed)
    left = [statement(rng) for _ in range(count)]
    right = [retell(text, rng) if rng.random() < 0.6 else statement(rng) for text in left]
    for start in range(0, count, 5):  # local reordering, like two accounts of one call
        block = right[start : start + 5]
        rng.shuffle(block)
        right[start : start + 5] = block
    return left, right


def embeddings(texts: list[str], dim: int = 384) -> np.ndarray:
    """Stand-in sentence embeddings without a model: the normalised sum of a fixed random
    vector per word, so retellings land near their originals as with a real model."""
    vectors = np.zeros((len(texts), dim), dtype=np.float32)
    per_word: dict[str, np.ndarray] = {}
    for row, text in enumerate(texts):
        for word in text.lower().replace(".", " ").replace(",", " ").split():
            if word not in per_word:
                seed = int.from_bytes(hashlib.sha256(word.encode()).digest()[:8], "little")
                per_word[word] = np.random.default_rng(seed).standard_normal(dim).astype(np.float32)
            vectors[row] += per_word[word]
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors
