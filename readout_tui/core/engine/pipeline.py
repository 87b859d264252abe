"""One call from two readouts to an alignment; what the CLI and the app both use."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from readout_tui.core.aside import Aside, chosen_method
from readout_tui.core.engine.cache import EmbeddingCache
from readout_tui.core.engine.coverage import LanguageCheck, coverage
from readout_tui.core.engine.decision import decide
from readout_tui.core.engine.embedder import ByLanguage, Embedder, ModelError, ProgressCallback, embed, make_embedder
from readout_tui.core.engine.evidence import Evidence, gather_evidence
from readout_tui.core.engine.kind import read_packed, unpacked
from readout_tui.core.engine.language import Language, cache_key, detect, sample
from readout_tui.core.engine.scorer import scorer_for, second_model
from readout_tui.core.engine.settings import AlignmentSettings
from readout_tui.core.types import Alignment, Readout


def collect(
    left: Readout,
    right: Readout,
    embedder: Embedder | ByLanguage | None,
    cache: EmbeddingCache | None = None,
    progress: ProgressCallback | None = None,
    settings: AlignmentSettings = AlignmentSettings(),
    aligning: ProgressCallback | None = None,
) -> Evidence:
    """Gather the evidence, embedding through ``cache`` (which spares loading the model when
    it holds every statement), reduced for ``settings`` (see ``Evidence.reach``). Raises
    ``ModelError`` when the model cannot be used. ``progress`` hears how many texts are
    embedded, ``aligning`` how many statements are compared with the other side.

    When a side is in a language the model is known not to cover, its cosines would look
    like meaning and be noise: the model is left out and only lexical evidence decides.
    ``ByLanguage`` picks the model for the two languages; the check records which and why.
    Across two languages, shared words are missing evidence, not evidence against a pair
    (``Signals.words_optional``), and a second model is read beside the first where one is
    fitted for it, installed and covers both sides (``beside``)."""
    languages = check_languages(left, right, embedder, cache)
    if isinstance(embedder, ByLanguage):
        embedder, why = embedder.choose(languages.left, languages.right)
        languages = replace(check_languages(left, right, embedder, cache), why=why)
    if embedder is None or not languages.semantic_ok:
        return replace(gather_evidence(left, right, None, settings=settings, progress=aligning), languages=languages)

    def embed_texts(texts: Sequence[str]):
        return embed(texts, embedder, cache, progress)

    second = beside(embedder.name, languages)
    scorer = scorer_for(embedder.name, languages.same, second.name if second else None)
    if second is not None:
        languages = replace(languages, why="; ".join(filter(None, [languages.why, f"with {second.name} beside"])))
    texts = [*left.texts, *right.texts]
    # What the kind model reads in each statement needs only the texts: at scale, read in a
    # child process while this one compares the statements.
    english = {languages.left.code, languages.right.code} <= {"en"}  # as ``decision._kinds`` asks
    child = scorer is not None and english and len(texts) >= READINGS_ASIDE_FROM and chosen_method() == "fork"
    with Aside.start(read_packed, texts, child=child, method="fork") as reading:
        evidence = gather_evidence(
            left,
            right,
            embed_texts,
            embedder.name,
            settings,
            aligning,
            cosine_floor=getattr(embedder, "cosine_floor", 0.0),
            words_optional=languages.across,
            scorer=scorer,
            # No progress from the second: it runs beside the first, whose counts the user sees.
            second_embed=None if second is None else lambda texts: embed(texts, second, cache),
        )
        if child:
            evidence.readings.update(unpacked(texts, reading.result()))
    return replace(evidence, languages=languages)


READINGS_ASIDE_FROM = 1000
"""Statements on both sides together from which ``collect`` has the kind model's readings
(``kind.Reading``) made in a forked child (``core.aside``): ~36 µs a statement here, against
~2-20 ms to fork. Never in a spawned child: starting one (0.3-0.6 s) costs about what it would
spare (docs/performance.md, seventh round)."""


def beside(model: str, languages: LanguageCheck) -> Embedder | None:
    """The second model whose cosines are read beside ``model``'s (``scorer.BESIDE``): across
    two languages it covers both of, when it is installed. Otherwise None, and the model's
    own scorer decides alone."""
    name = second_model(model, languages.same) if languages.across else None
    if name is None or not all(coverage(name).covers(side) for side in (languages.left, languages.right)):
        return None
    if scorer_for(model, languages.same, name) is None:  # nothing fitted to read it
        return None
    try:
        return make_embedder(name)
    except ModelError:  # not installed: it is optional
        return None


def check_languages(
    left: Readout, right: Readout, embedder: Embedder | ByLanguage | None, cache: EmbeddingCache | None = None
) -> LanguageCheck:
    """Each side's language (remembered in ``cache``), and what the embedder's model covers
    (None: no model, or one not chosen yet)."""
    model = None
    if embedder is not None and not isinstance(embedder, ByLanguage):
        model = coverage(embedder.name, getattr(embedder, "folder", None))
    languages = [_language(left.texts, cache), _language(right.texts, cache)]
    if left.source and left.source == right.source and not all(found.known for found in languages):
        # Both accounts read from one article: a side too short to tell ("Путин поблагодарил
        # за поздравления.") is in the article's language.
        whole = _language(left.texts + right.texts, cache)
        languages = [found if found.known else whole for found in languages]
    return LanguageCheck(*languages, model)


def _language(texts: list[str], cache: EmbeddingCache | None) -> Language:
    text = sample(texts)
    if cache is None:
        return detect(text)
    key = cache_key(text)
    known = cache.get_language(key)
    if known is not None:
        return Language(*known)
    found = detect(text)
    cache.put_language(key, found.code, found.confidence)
    return found


def compare(
    left: Readout,
    right: Readout,
    embedder: Embedder | ByLanguage | None,
    cache: EmbeddingCache | None = None,
    settings: AlignmentSettings = AlignmentSettings(),
    progress: ProgressCallback | None = None,
) -> Alignment:
    return decide(collect(left, right, embedder, cache, progress, settings), settings)


__all__ = ["ModelError", "check_languages", "collect", "compare"]
