"""Which language each readout is written in.

Identification is py3langid's (a maintained fork of langid.py: 4.6 MB, needs only numpy, 140
languages). Its model ships compressed and takes about 0.9 s to unpack and load, most of it the
unpacking: it is unpacked once into the cache folder (68 MB, one plain array file each), mapped
from there on first use in a process, so that only the pages a text touches are read, and kept.
A text too short to tell, or one the identifier is unsure of, is "und" (undetermined) rather
than a guess presented as fact.
"""

from __future__ import annotations

import hashlib
import lzma
import shutil
import threading
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from readout_tui.core.io.files import folder_built_whole, forget_stale_parts, set_aside

UNDETERMINED = "und"
"""ISO 639-2's code for "undetermined"."""

NO_LANGUAGE = "zxx"
"""ISO 639-2's code for "no linguistic content", which the identifier gives lists of codes or
a long run of one letter: taken as undetermined, since no model fails to cover it."""

MIN_LETTERS = 30
"""Fewer letters than this (about one short sentence) say too little to name a language."""
SAMPLE = 20_000
MIN_CONFIDENCE = 0.5
"""Below this probability the best guess is reported as undetermined."""

_SAME_LANGUAGE = {"wuu": "zh", "yue": "zh", "hbo": "he"}
"""Labels the identifier distinguishes that every embedding model treats as one language:
written Wu and Cantonese share Mandarin's characters (short Mandarin texts are often labelled
Wu), and Biblical Hebrew's letters are modern Hebrew's."""

NAMES = {
    "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech", "da": "Danish",
    "de": "German", "el": "Greek", "en": "English", "es": "Spanish", "et": "Estonian",
    "fa": "Persian", "fi": "Finnish", "fr": "French", "he": "Hebrew", "hi": "Hindi",
    "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian", "it": "Italian",
    "ja": "Japanese", "ka": "Georgian", "kk": "Kazakh", "ko": "Korean", "lt": "Lithuanian",
    "lv": "Latvian", "mk": "Macedonian", "ms": "Malay", "nl": "Dutch", "no": "Norwegian",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak",
    "sl": "Slovenian", "sq": "Albanian", "sr": "Serbian", "sv": "Swedish", "th": "Thai",
    "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese", "zh": "Chinese",
}


@dataclass(frozen=True)
class Language:
    """The language of a text as identified, with how sure the identifier is."""

    code: str
    """ISO 639-1 where there is one (else 639-3); "und" when it cannot be told."""
    confidence: float
    """The identifier's probability for its best guess, 0..1 (also when that guess was
    rejected as too unsure: it shows how unsure)."""

    @property
    def known(self) -> bool:
        return self.code != UNDETERMINED

    @property
    def name(self) -> str:
        if not self.known:
            return "undetermined"
        return NAMES.get(self.code, self.code)

    def describe_short(self) -> str:
        """E.g. "Indonesian (id)"; a language ``NAMES`` lacks by its code alone ("ary", not
        "ary (ary)")."""
        return f"{self.name} ({self.code})" if self.code in NAMES else self.name

    def describe(self) -> str:
        """E.g. "Indonesian (id, 0.59)", "language ary (0.88)" or "language undetermined (0.21)"."""
        if self.code not in NAMES:
            return f"language {self.name} ({self.confidence:.2f})"
        return f"{self.name} ({self.code}, {self.confidence:.2f})"


def detect(text: str) -> Language:
    """The language of ``text``; "und" when it is too short or the identifier is unsure."""
    if sum(c.isalpha() for c in text) < MIN_LETTERS:
        return Language(UNDETERMINED, 0.0)
    scores: dict[str, float] = {}
    for label, probability in _identifier().rank(text):
        code = _SAME_LANGUAGE.get(label, label)
        scores[code] = scores.get(code, 0.0) + probability
    code, confidence = max(scores.items(), key=lambda kv: kv[1])
    confidence = round(min(confidence, 1.0), 2)
    if confidence < MIN_CONFIDENCE or code == NO_LANGUAGE:
        return Language(UNDETERMINED, confidence)
    return Language(code, confidence)


def sample(texts: Iterable[str]) -> str:
    """What is read of a readout to tell its language: its statements as one text (one
    statement alone is often too short to tell, and closely related languages like Indonesian
    and Malay are told apart only over several), up to ``SAMPLE`` characters: more would cost
    time and tell nothing new."""
    taken: list[str] = []
    size = 0
    for text in texts:
        if size >= SAMPLE:
            break
        taken.append(text)
        size += len(text) + 1
    return "\n".join(taken)[:SAMPLE]


def cache_key(text: str) -> str:
    """Identifies what ``detect(text)`` returns: the text, the identifier's version and the
    limits applied to its answer."""
    from importlib.metadata import version

    limits = f"{MIN_LETTERS} {MIN_CONFIDENCE} {sorted(_SAME_LANGUAGE.items())} {NO_LANGUAGE}"
    rules = f"py3langid {version('py3langid')} {limits}"
    return hashlib.sha256(f"{rules}\n{text}".encode("utf-8", "surrogatepass")).hexdigest()


_lock = threading.Lock()


@lru_cache(maxsize=1)
def _load():
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    packed = Path(MODEL_FILE) if Path(MODEL_FILE).is_absolute() else MODEL_DIR / MODEL_FILE
    for again in (False, True):  # a damaged unpacked model is unpacked again, once
        try:
            return _from_unpacked(LanguageIdentifier, _unpacked(packed, again))
        except _UNUSABLE:
            continue
    # No room or no right to keep the unpacked model, or a layout this code does not know:
    # py3langid's own loading, as slow as ever.
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


_UNUSABLE = (OSError, EOFError, KeyError, ValueError, lzma.LZMAError, zipfile.BadZipFile)
"""What reading or unpacking the model raises when a file is damaged, cut short or missing,
or when a release of py3langid packs its model otherwise."""


def unpacked_path() -> Path:
    """Where the unpacked model is kept: next to the embedding cache, one folder per release."""
    from importlib.metadata import version

    from readout_tui.core.engine.cache import default_cache_path

    return default_cache_path().parent / "langid" / f"py3langid-{version('py3langid')}"


_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")
"""The arrays of py3langid's packed model (the keys its npz inside the LZMA file uses)."""


def _unpacked(packed: Path, again: bool = False) -> Path:
    """The unpacked model's folder, unpacked first if it is not there (or, ``again``, even if
    it is: the one there could not be read)."""
    target = unpacked_path()
    if target.exists() and not again:
        return target
    import numpy as np

    if again:
        set_aside(target)
    with folder_built_whole(target) as temporary:
        # Decompressed whole first: the zip inside is read by seeking, which an LZMA stream
        # can only do by decompressing again from the start.
        archive = temporary / "model.npz"
        with archive.open("wb") as out, lzma.open(packed) as source:
            shutil.copyfileobj(source, out, length=1 << 20)
        with np.load(archive, allow_pickle=False) as model:
            if missing := set(_ARRAYS) - set(model.files):
                raise ValueError(f"py3langid's model lacks {sorted(missing)}")
            for name in _ARRAYS:
                np.save(temporary / f"{name}.npy", model[name], allow_pickle=False)
        archive.unlink()
    _forget_older_layouts(target)
    return target


def _forget_older_layouts(kept: Path) -> None:
    """Earlier releases kept the model as one compressed file (68 MB nobody reads any more),
    and a process killed while unpacking leaves its part behind. Housekeeping only: a file
    that cannot be removed now stays for another time."""
    for old in kept.parent.glob("py3langid-*.npz"):
        try:
            old.unlink()
        except OSError:
            continue
    forget_stale_parts(kept.parent)


def _from_unpacked(identifier, folder: Path):
    """The identifier built from the unpacked model as py3langid builds it from the packed one.

    The arrays are mapped, not read: a text walks a few thousand entries of the 39 MB state
    table and reads a few hundred rows of the 28 MB probability table, and the rest stays on
    disk (reading it all in was most of a warm ``compare``'s work: docs/models.md)."""
    import numpy as np

    model = {name: np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False) for name in _ARRAYS}
    return identifier(
        model["ptc"], np.asarray(model["pc"]), model["classes"].tolist(), memoryview(model["nextmove"]),
        model["out_feat"].tolist(), norm_probs=True, tk_row=model["nextmove_row"].tolist(),
    )


def _identifier():
    # The app identifies in a worker thread while a test or the CLI may do so on another:
    # load the model once.
    with _lock:
        return _load()
