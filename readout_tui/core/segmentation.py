"""Splitting a readout into statements.

Sentences come from pysbd, a maintained rule-based segmenter that knows titles, abbreviations,
numbers and quotes ("U.S.", "Mr.", "Dec. 10", "No. 2") in many languages. Two repairs are made
on top of it, both independent of the language: a piece ending in a lone initial ("В.В.",
"B.") is joined to what follows, and so is a piece that the next one continues in lower case.
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum
from functools import lru_cache


class Segmentation(str, Enum):
    SENTENCES = "sentences"
    LINES = "lines"
    PARAGRAPHS = "paragraphs"


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_SPACES = re.compile(r"[^\S\n]+")
_INITIAL = re.compile(r"(?:^|[\s.])[^\W\d_]\.\s*$")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_MAX_SENTENCE_INPUT = 20_000
"""pysbd slows down badly on very long runs without punctuation; longer paragraphs are cut
at this many characters first (on white space where possible) so time stays bounded."""


def normalise(text: str) -> str:
    """Unify line endings and spaces, drop invisible characters; the words stay as written."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    text = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", text)


def split_statements(text: str, mode: Segmentation | str = Segmentation.SENTENCES) -> list[str]:
    """The statements of ``text`` in reading order, stripped, none empty."""
    mode = Segmentation(mode)
    text = normalise(text)
    if mode is Segmentation.LINES:
        return [line.strip() for line in text.split("\n") if line.strip()]
    paragraphs = [" ".join(p.split()) for p in _PARAGRAPH_BREAK.split(text)]
    paragraphs = [p for p in paragraphs if p]
    if mode is Segmentation.PARAGRAPHS:
        return paragraphs
    # A single newline inside prose is usually a hard wrap, but a line that ends a sentence
    # or stands alone (a heading) is its own statement: segment each line block as one text
    # and let the segmenter decide.
    statements: list[str] = []
    for paragraph in _line_blocks(text):
        statements.extend(_sentences(paragraph))
    return statements


def _line_blocks(text: str) -> list[str]:
    """Paragraphs, with hard-wrapped lines joined but headings (no final punctuation,
    followed by a capitalised line) kept apart."""
    blocks: list[str] = []
    for paragraph in _PARAGRAPH_BREAK.split(text):
        current: list[str] = []
        for line in (ln.strip() for ln in paragraph.split("\n")):
            if not line:
                continue
            if current and _ends_block(current[-1], line):
                blocks.append(" ".join(current))
                current = []
            current.append(line)
        if current:
            blocks.append(" ".join(current))
    return blocks


def _ends_block(previous: str, line: str) -> bool:
    if previous[-1] in ".!?…:;\"'”»)":
        return True
    return len(previous) < 60 and line[:1].isupper()


def _sentences(paragraph: str) -> list[str]:
    pieces: list[str] = []
    for chunk in _bounded_chunks(paragraph):
        pieces.extend(p.strip() for p in _segmenter(_language(chunk)).segment(chunk))
    return _repair([p for p in pieces if p])


def _bounded_chunks(paragraph: str) -> list[str]:
    chunks = []
    while len(paragraph) > _MAX_SENTENCE_INPUT:
        cut = paragraph.rfind(" ", 0, _MAX_SENTENCE_INPUT)
        cut = cut if cut > _MAX_SENTENCE_INPUT // 2 else _MAX_SENTENCE_INPUT
        chunks.append(paragraph[:cut])
        paragraph = paragraph[cut:].lstrip()
    chunks.append(paragraph)
    return chunks


def _repair(pieces: list[str]) -> list[str]:
    merged: list[str] = []
    for piece in pieces:
        if merged and (_INITIAL.search(merged[-1]) or piece[:1].islower()):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return merged


def _language(text: str) -> str:
    """The pysbd rule set to use, chosen by script: its English rules serve Latin-script
    languages such as Indonesian well."""
    counts = {"ru": 0, "zh": 0, "ar": 0, "el": 0}
    for char in text[:2000]:
        if "\u0400" <= char <= "\u04ff":
            counts["ru"] += 1
        elif "\u4e00" <= char <= "\u9fff" or "\u3040" <= char <= "\u30ff":
            counts["zh"] += 1
        elif "\u0600" <= char <= "\u06ff":
            counts["ar"] += 1
        elif "\u0370" <= char <= "\u03ff":
            counts["el"] += 1
    language, count = max(counts.items(), key=lambda kv: kv[1])
    return language if count > len(text[:2000]) // 4 else "en"


@lru_cache(maxsize=8)
def _segmenter(language: str):
    import pysbd

    return pysbd.Segmenter(language=language, clean=False)
