"""Splitting a readout into statements.

Sentences come from pysbd, a maintained rule-based segmenter that knows titles, abbreviations,
numbers and quotes ("U.S.", "Mr.", "Dec. 10", "No. 2") in many languages. Repairs are made on
top of it, mostly independent of the language: a piece ending in a lone initial ("В.В.", "B.")
is joined to what follows, and so is a piece that the next one continues in lower case, or with
a number after a date or number abbreviation its rules lack ("10 Des. 2023", "10 дек. 2023");
closing quotes and brackets the segmenter left at the start of the next piece ("。”") go back to
the sentence they close; a sentence that ends in a one-letter name ("wrote on X.") is cut from
the next one where that opens with a function word ("The", "Ia", "Он"). Statements are cut
from the text by position, so a join never changes what the user wrote ("Б.Нетаньяху" stays as
it is).

pysbd has no Indonesian rules: Indonesian text is segmented with the English ones, and the
titles, ranks and address words that Indonesian abbreviates before a name or a number ("Dr.",
"Jl.", "Kol.", "Rp.") end no sentence.

A line break ends a statement when the text is written one paragraph to a line (most of its
lines end a sentence): there, a line without final punctuation is a heading, a link or a
paragraph that lacks its full stop, not a hard wrap.
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum
from functools import lru_cache

from readout_tui.core.engine import cues


class Segmentation(str, Enum):
    SENTENCES = "sentences"
    LINES = "lines"
    PARAGRAPHS = "paragraphs"


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"))
"""Zero-width space, word joiner, BOM and soft hyphen: invisible, and inside a word they would
split it for matching ("nego\u00adtiations"). The zero-width (non-)joiners stay: they are part
of how emoji sequences (👩‍👩‍👧) and Persian or Indic words are written."""
_LINE_BREAK = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
"""Every line boundary ``str.splitlines`` knows, so "one statement per line" counts lines as
Python (and the evaluation script) does."""
_SPACES = re.compile(r"[^\S\n]+")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
"""Text that was not valid Unicode (from a text stream decoded with ``surrogateescape``):
statements must be encodable, for the model's tokenizer and the cache's keys."""
_INITIAL = re.compile(r"(?:^|[\s.])[^\W\d_]\.\s*$")
_LETTER_ENDS_SENTENCE = re.compile(r"(?<=\s)(?P<word>[^\W\d_]+) (?P<letter>[^\W\d_])\.(?P<space>\s+)(?=[^\W\d_])")
"""A capital letter after a lower-case word, then a full stop and a capitalised word ("posted on
X. The French President said", "unggahan di X. Ia menulis"): a platform's or a plan's name that
ends a sentence, which pysbd keeps with the next one as if it were an initial. It is cut there
only when the next word is a function word that opens sentences (``_OPENS_SENTENCE``): after
a name's initial comes a name ("spoke to J. Smith", "George W. Bush")."""
_OPENS_SENTENCE = (
    cues.PRONOUNS | cues.DETERMINERS | cues.POSSESSIVES | cues.FIRST_PERSON | cues.OPENERS
    | cues.PREPOSITIONS | cues.SUBORDINATORS | cues.TIME_CLAUSES | cues.ADVERBS
)
_FIRST_WORD = re.compile(r"\w+")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_CJK_CHARACTER = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_SEGMENTER_WINDOW = 2_000
"""pysbd's time grows with the square of its input (it searches the whole text again for
each sentence it found), so long paragraphs are given to it in windows of about this many
characters, cut where a sentence most likely ends: 100 KB of prose on one line takes 0.8 s
instead of 4 s."""
_MAX_SENTENCE_INPUT = 20_000
"""The longest window, and so the longest statement: a run without a likely sentence end is
cut here (on white space where possible)."""
_LIKELY_SENTENCE_END = re.compile(
    r"[.!?…][\"'”’»)\]]*\s+(?=[\"'“„«(\[]?[^\W\d_])|[。！？][」』”’）]*"
)
"""Where a window may end: a full stop, then space and a letter; or a CJK full stop."""
_ABBREVIATION_LIKE = re.compile(r"(?:^|\W)(?:[^\W\d_]|[A-ZА-Я][^\W\d_]{0,2})[.!?…]$")
"""A full stop after an initial or a short capitalised word ("B.", "Mr.", "Gen."), which is
more likely an abbreviation than the end of a sentence."""
_ONE_SENTENCE = re.compile(
    r"[^.!?…。！？｡؟۔।;:\"'“”„‘’«»「」『』]*+[.!?…。！？｡؟۔।]?[\"'”’»)\]」』）]*"
)
"""Text with no sentence mark or quote before its end, which pysbd would return whole: it is
not asked (pysbd takes about half a millisecond a sentence), so a file of one sentence per
line, or a long run without punctuation, is split fast. Possessive (``*+``): backtracking
into a run of brackets would make the test itself quadratic."""


def normalise(text: str) -> str:
    """Unify line endings and spaces, drop invisible characters, replace lone surrogates by
    U+FFFD; the words stay as written."""
    text = _LINE_BREAK.sub("\n", text).translate(_INVISIBLE)
    text = _LONE_SURROGATE.sub("\ufffd", text)
    text = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", text)


_TERMINAL_CODE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
    r"|[\x00-\x08\x0e-\x1f\x7f-\x9f]"
)
"""A terminal escape sequence: CSI (colours, cursor moves; ``ESC [`` or the one-byte U+009B),
a string sequence up to its terminator (OSC: window titles and hyperlinks' addresses; DCS,
SOS, PM, APC), another ``ESC`` sequence; or a lone control character (BEL, ...)."""
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
"""What every terminal code starts with, or is: texts without one are not searched further."""


def terminal_visible(text: str) -> str:
    """``text`` as a terminal would show it: without escape sequences and control characters.

    Statements keep them (the display shows them as ``\\x1b``-style escapes, JSON as written);
    what is looked for in the words (mentions) is looked for in this, so a hyperlink's address
    or a window title is not taken for something the readout says, while the linked or
    coloured words are."""
    return _TERMINAL_CODE.sub("", text) if _CONTROL.search(text) else text


def terminal_visible_offsets(text: str) -> tuple[str, list[int] | None]:
    """``terminal_visible(text)``, and where each of its characters stands in ``text`` (None
    when it has no terminal code), so that what is found in the visible text can be pointed
    at in the text as written."""
    if not _CONTROL.search(text):
        return text, None
    kept: list[int] = []
    position = 0
    for code in _TERMINAL_CODE.finditer(text):
        kept.extend(range(position, code.start()))
        position = code.end()
    kept.extend(range(position, len(text)))
    return "".join(text[k] for k in kept), kept


def split_statements(text: str, mode: Segmentation | str = Segmentation.SENTENCES) -> list[str]:
    """The statements of ``text`` in reading order, stripped, none empty."""
    return [statement for block in statement_blocks(text, mode) for statement in block]


def statement_blocks(text: str, mode: Segmentation | str = Segmentation.SENTENCES) -> list[list[str]]:
    """The statements of ``text`` grouped by the block of text they come from: a line (with
    the lines that wrap it), or a paragraph in ``paragraphs`` mode. An article's link lines and
    headings are told by their block."""
    mode = Segmentation(mode)
    text = normalise(text)
    if mode is Segmentation.LINES:
        return [[line.strip()] for line in text.split("\n") if line.strip()]
    paragraphs = [" ".join(p.split()) for p in _PARAGRAPH_BREAK.split(text)]
    if mode is Segmentation.PARAGRAPHS:
        return [[p] for p in paragraphs if p]
    # A single newline inside prose is usually a hard wrap, but a line that ends a sentence
    # or stands alone (a heading) is its own statement: segment each line block as one text
    # and let the segmenter decide.
    language = _language(text)
    blocks = [_sentences(block, language) for block in _line_blocks(text)]
    return [block for block in blocks if block]


def _line_blocks(text: str) -> list[str]:
    """Paragraphs, with hard-wrapped lines joined but headings (no final punctuation,
    followed by a capitalised line) kept apart."""
    blocks: list[str] = []
    paragraphs = [
        [line for line in (ln.strip() for ln in paragraph.split("\n")) if line]
        for paragraph in _PARAGRAPH_BREAK.split(text)
    ]
    # The layout is the text's: a headline over its first paragraph, with blank lines
    # between the others, is one paragraph to a line like them.
    whole = _paragraph_per_line([line for lines in paragraphs for line in lines[:-1]] + [""])
    for lines in paragraphs:
        one_per_line = whole or _paragraph_per_line(lines)
        current: list[str] = []
        for line in lines:
            if current and _ends_block(current[-1], line, one_per_line):
                blocks.append(" ".join(current))
                current = []
            current.append(line)
        if current:
            blocks.append(" ".join(current))
    return blocks


_ENDS_SENTENCE = ".!?…:;\"'”»)。！？；：」』"
_CARRIES_ON = ",-‐‑–—(/&"
"""A line ending in one of these continues on the next whatever the layout."""


def _paragraph_per_line(lines: list[str]) -> bool:
    """Whether ``lines`` are written one paragraph to a line rather than hard-wrapped: at
    least a third of the lines that have a next one end a sentence. In wrapped prose a
    sentence ends exactly at a line's end about once in ten lines or less; in an article
    saved one paragraph to a line, all but its headings and links do. Two lines tell nothing
    either way."""
    inner = lines[:-1]
    if len(inner) < 2:
        return False
    ended = sum(line[-1] in _ENDS_SENTENCE for line in inner)
    return ended * 3 >= len(inner)


def _ends_block(previous: str, line: str, one_per_line: bool = False) -> bool:
    if previous[-1] in _ENDS_SENTENCE:
        return True
    if one_per_line:
        return previous[-1] not in _CARRIES_ON and not line[:1].islower()
    return len(previous) < 60 and _may_start_sentence(line[:1])


def _may_start_sentence(first: str) -> bool:
    """Capitalised; or a letter of a script without case (Hebrew, Arabic), where only the
    short line before tells a heading. Chinese and Japanese lines are short when hard-wrapped,
    so there a short line is joined to the next as before."""
    if first.isupper():
        return True
    return first.isalpha() and not first.islower() and not _CJK_CHARACTER.match(first)


def _sentences(paragraph: str, language: str) -> list[str]:
    statements: list[str] = []
    for window in _windows(paragraph):
        if _ONE_SENTENCE.fullmatch(window):
            statements.append(window)
            continue
        # Repairs stay inside a window: joining across windows would undo the bound.
        for piece in _repair(window, _segmenter(language).segment(window), language):
            statements.extend(_split_after_letter(piece))
    return statements


def _split_after_letter(piece: str) -> list[str]:
    """``piece`` cut after each lone capital letter that ends a sentence (``_LETTER_ENDS_SENTENCE``)."""
    pieces, start = [], 0
    for found in _LETTER_ENDS_SENTENCE.finditer(piece):
        word, letter = found["word"], found["letter"]
        following = _FIRST_WORD.match(piece, found.end())[0]
        if word.islower() and letter.isupper() and following.casefold() in _OPENS_SENTENCE:
            pieces.append(piece[start : found.start("space")])
            start = found.end()
    pieces.append(piece[start:])
    return pieces


def _windows(paragraph: str) -> list[str]:
    """``paragraph`` in pieces for the segmenter, each ended where a sentence most likely ends."""
    windows = []
    start = 0
    while len(paragraph) - start > _SEGMENTER_WINDOW:
        end = _window_end(paragraph, start)
        if end is None:
            break
        windows.append(paragraph[start:end])
        start = end
        while start < len(paragraph) and paragraph[start].isspace():
            start += 1
    windows.append(paragraph[start:])
    return [w for w in windows if w]


def _window_end(text: str, start: int) -> int | None:
    """Where the window from ``start`` ends: at the first likely sentence end past
    ``_SEGMENTER_WINDOW`` characters; None when the rest fits in one window."""
    low, high = start + _SEGMENTER_WINDOW, start + _MAX_SENTENCE_INPUT
    for boundary in _LIKELY_SENTENCE_END.finditer(text, low, high):
        if not _ABBREVIATION_LIKE.search(text[boundary.start() - 4 : boundary.start() + 1]):
            return boundary.end()
    if len(text) <= high:
        return None
    # No sentence end in sight (a run without punctuation): a space will do.
    space = text.rfind(" ", start + _MAX_SENTENCE_INPUT // 2, high)
    return space if space > 0 else high


def _spans(chunk: str, pieces: list[str]) -> list[tuple[int, int]] | None:
    """Where each (stripped, non-empty) piece lies in ``chunk``; None if one is not found."""
    spans = []
    cursor = 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        at = chunk.find(piece, cursor)
        if at < 0:
            return None
        spans.append((at, at + len(piece)))
        cursor = at + len(piece)
    return spans


def _repair(chunk: str, pieces: list[str], language: str = "en") -> list[str]:
    spans = _spans(chunk, pieces)
    if spans is None:  # the segmenter changed the text: fall back to its pieces as they are
        merged_text: list[str] = []
        for piece in (p.strip() for p in pieces):
            if not piece:
                continue
            if merged_text and (
                _continues(merged_text[-1], piece, language) or _dateline(len(merged_text), merged_text[-1], piece)
            ):
                merged_text[-1] = f"{merged_text[-1]} {piece}"
            else:
                merged_text.append(piece)
        return merged_text
    merged: list[list[int]] = []
    for start, end in spans:
        if merged:
            closing = _leading_closers(chunk[start:end])
            if closing:  # give the closing quote or bracket back to the sentence it closes
                merged[-1][1] = start + closing
                start += closing
                while start < end and chunk[start].isspace():
                    start += 1
                if start >= end:
                    continue
            previous = chunk[merged[-1][0] : merged[-1][1]]
            piece = chunk[start:end]
            if _continues(previous, piece, language) or _dateline(len(merged), previous, piece):
                merged[-1][1] = end
                continue
        merged.append([start, end])
    return [chunk[start:end] for start, end in merged]


_PLACE = re.compile(r"[^\W\d_][\w-]*\.")
_DAY = re.compile(r"\d{1,2}\s+[^\W\d_]+\.")
"""A paragraph's opening place and date, each closed by a full stop ("Москва. 15 ноября.
INTERFAX.RU - Президент ..."): the start of the sentence that follows, not statements."""


def _dateline(kept: int, previous: str, piece: str) -> bool:
    """Whether ``piece`` carries on a paragraph's dateline, the one piece ``kept`` so far: the
    date after its place, or the sentence after both. A word alone ("Great.") is no dateline
    without its date."""
    if kept != 1:
        return False
    opening = previous.strip()
    if _PLACE.fullmatch(opening):
        return _DAY.fullmatch(piece.strip()) is not None
    place, _, day = opening.partition(" ")
    return _PLACE.fullmatch(place) is not None and _DAY.fullmatch(day.strip()) is not None


def _leading_closers(piece: str) -> int:
    """How many characters at the start of ``piece`` close a quote or bracket (”, », 」, ）)."""
    count = 0
    while count < len(piece) and unicodedata.category(piece[count]) in ("Pe", "Pf"):
        count += 1
    return count


_NUMBER_ABBREVIATIONS = frozenset(
    """
    jan feb mar apr jun jul aug agu agt ags sep sept okt oct nov dec des mei
    янв фев февр мар апр июн июл авг сен сент окт нояб ноя дек
    no nr tgl pkl hlm pp
    """.split()
)
"""Month and number abbreviations after which a number continues the sentence ("10 Des. 2023",
"10 дек. 2023", "tgl. 5"): pysbd's rules for English and Russian miss some, and it has no
Indonesian rules at all."""
_INDONESIAN_ABBREVIATIONS = frozenset(
    """
    dr drs dra prof ir hj kh ust tn ny nn sdr sdri bpk yth
    jend letjen mayjen brigjen kol letkol kapt lettu letda kompol kombes irjen komjen
    ipda iptu aiptu aipda bripka briptu bripda laksda laksma marsda marsma marsdya pol inf
    jl jln gg kp kab kec kel ds prov kav rp th thn
    """.split()
)
"""Titles, ranks, address words and "Rp." that Indonesian abbreviates before a name or a
number ("Dr. Retno", "Jl. Sudirman", "Kol. Inf. Budi", "Rp. 10.000"): they end no sentence.
Abbreviations that may close one ("dll.", "dsb.") are not here."""
_LAST_WORD = re.compile(r"(\w+)\.\s*$")


_AGENCY_TAG = re.compile(r"/[^\W\d_][^/]{0,40}/\W*")
"""An agency's name between slashes after a dateline ("МОСКВА, 17 октября. /ТАСС/."): it
ends the dateline, it does not start a statement."""


def _continues(previous: str, piece: str, language: str = "en") -> bool:
    """Whether ``piece`` carries on the sentence ``previous`` instead of starting a new one."""
    if _INITIAL.search(previous) or piece[:1].islower() or _AGENCY_TAG.fullmatch(piece):
        return True
    last = _LAST_WORD.search(previous)
    word = last.group(1).casefold() if last else ""
    if language == "id" and word in _INDONESIAN_ABBREVIATIONS:
        return True
    return piece[:1].isdigit() and word in _NUMBER_ABBREVIATIONS


PYSBD_LANGUAGES = frozenset(
    "am ar bg da de el en es fa fr hi hy it ja kk mr my nl pl ru sk ur zh".split()
)
"""The languages pysbd has rules for."""


_INDONESIAN_WORDS = frozenset("yang dan di dengan untuk dari ini itu pada dalam tidak akan bahwa oleh juga".split())
"""Indonesian's (and Malay's) commonest words, none of them an English word."""
_INDONESIAN_SHARE = 0.08
"""Share of a text's words that are among ``_INDONESIAN_WORDS`` above which it is taken for
Indonesian: about a fifth in Indonesian prose, next to none in English."""
_WORD_SAMPLE = 20_000


def _language(text: str) -> str:
    """The rule set to use: "id" for Indonesian (English rules and Indonesian abbreviations);
    otherwise pysbd's for the text's own language when pysbd has one (German's ordinals, "3.
    Oktober", end no sentence; English's would), else the closest by script: English rules
    serve other Latin-script languages well, and Hebrew too.

    Text whose letters are all plain ASCII is told English or Indonesian by its commonest
    words: identifying a language costs its model's loading time (about half a second), which
    the app would spend before it paints."""
    if all(char.isascii() for char in text if char.isalpha()):
        return "id" if _looks_indonesian(text) else "en"
    from readout_tui.core.engine.language import SAMPLE, detect

    detected = detect(text[:SAMPLE]).code
    if detected in ("id", "ms"):
        return "id"
    return detected if detected in PYSBD_LANGUAGES else _language_by_script(text)


def _looks_indonesian(text: str) -> bool:
    words = re.findall(r"[a-z]+", text[:_WORD_SAMPLE].casefold())
    hits = sum(word in _INDONESIAN_WORDS for word in words)
    return hits >= 3 and hits > _INDONESIAN_SHARE * len(words)



def _language_by_script(text: str) -> str:
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

    # pysbd has no Indonesian: its English rules, with the repairs above.
    return pysbd.Segmenter(language="en" if language == "id" else language, clean=False)
