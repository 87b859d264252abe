"""What a model covers (known names, model cards, folder names), what to suggest instead, and
loading a sentence-transformers model from any local folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from readout_tui.core.engine.coverage import (
    SUGGESTED,
    LanguageCheck,
    card_languages,
    coverage,
)
from readout_tui.core.engine.embedder import DEFAULT_MODEL, resolve_model
from readout_tui.core.engine.language import Language
from readout_tui.testing import OFFLINE

REPO = Path(__file__).resolve().parents[2]
RUSSIAN = REPO / "fixtures" / "netanyahu-putin-2023-12-10-ru"
RU, EN, HE, AM = (Language(code, 0.9) for code in ("ru", "en", "he", "am"))
UND = Language("und", 0.2)


@pytest.mark.parametrize(
    ("name", "language", "covered"),
    [
        ("all-MiniLM-L6-v2", EN, True),
        ("all-MiniLM-L6-v2", RU, False),
        (DEFAULT_MODEL, EN, True),
        (DEFAULT_MODEL, RU, False),  # known without its folder (a cached comparison's name)
        ("sentence-transformers/all-mpnet-base-v2", HE, False),
        ("sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2", RU, True),
        ("paraphrase-multilingual-mpnet-base-v2", HE, True),
        ("distiluse-base-multilingual-cased-v1", HE, False),
        ("distiluse-base-multilingual-cased-v2", HE, True),
        ("sentence-transformers/LaBSE", AM, True),
        ("intfloat/multilingual-e5-small", AM, True),
        ("/models/models--sentence-transformers--LaBSE", HE, True),
        ("someone/my-own-model", RU, None),
        ("all-MiniLM-L6-v2", UND, None),
    ],
)
def test_known_models(name, language, covered):
    assert coverage(name).covers(language) is covered


def test_the_bundled_default_is_english_by_name_and_by_its_card():
    name, folder = resolve_model(None)
    assert coverage(name, folder).languages == {"en"}
    assert card_languages(Path(folder)) == {"en"}


def card(folder: Path, front_matter: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "README.md").write_text(f"---\n{front_matter}\n---\n# A model\n", encoding="utf-8")
    return folder


def test_a_folders_model_card_tells_its_languages(tmp_path):
    folder = card(tmp_path / "m", "language:\n- multilingual\n- ru\n- zh-cn\n- no\nlicense: mit")
    assert card_languages(folder) == {"ru", "zh", "no"}  # YAML's "no" is false: read as Norwegian
    found = coverage(str(folder), str(folder))
    assert found.source == "model card" and found.covers(RU) and not found.covers(HE)
    assert card_languages(card(tmp_path / "one", "language: he")) == {"he"}


@pytest.mark.parametrize(
    "front_matter", ["language: multilingual", "tags:\n- sentence-transformers", "language: [unclosed", ""]
)
def test_a_card_that_names_no_language_tells_nothing(tmp_path, front_matter):
    assert card_languages(card(tmp_path / "m", front_matter)) is None


def test_without_a_card_a_known_folder_name_tells_else_unknown(tmp_path):
    named = tmp_path / "paraphrase-multilingual-MiniLM-L12-v2"
    named.mkdir()
    assert coverage(str(named), str(named)).covers(RU)
    anonymous = tmp_path / "model"
    anonymous.mkdir()
    found = coverage(str(anonymous), str(anonymous))
    assert found.source == "unknown" and found.covers(RU) is None


def test_the_offline_multilingual_models_are_known_with_their_languages():
    e5 = coverage("multilingual-e5-small")
    assert e5.covers(HE) and e5.covers(Language("id", 0.9)) and e5.covers(Language("uk", 0.9))
    use = coverage("universal-sentence-encoder-multilingual-3")
    assert use.covers(RU) and use.covers(Language("zh", 0.9))
    assert use.covers(HE) is False and use.covers(Language("uk", 0.9)) is False


def test_the_warning_is_one_line_naming_the_model_to_use():
    check = LanguageCheck(RU, EN, coverage("all-MiniLM-L6-v2"))
    assert check.uncovered == ["left"]
    warning = check.warning()
    assert "\n" not in warning and "all-MiniLM-L6-v2 does not cover Russian (ru)" in warning
    assert f"--model {SUGGESTED}" in warning and SUGGESTED == "e5"  # installs offline, unlike LaBSE
    assert check.brief() == "model lacks Russian"
    assert check.swapped().uncovered == ["right"]
    assert LanguageCheck(RU, RU, None).warning() == ""  # no model in use
    assert LanguageCheck(UND, EN, coverage("all-MiniLM-L6-v2")).warning() == ""


# --- any local folder, end to end --------------------------------------------------------------

BUILD_TINY_MODEL = """
import sys
from pathlib import Path
from sentence_transformers import SentenceTransformer
from sentence_transformers.sentence_transformer.modules import Pooling, Transformer
from transformers import BertConfig, BertModel, BertTokenizerFast

root = Path(sys.argv[1])
letters = sorted(set("abcdefghijklmnopqrstuvwxyzабвгдеёжзийклмнопрстуфхцчшщъыьэюя"))
source = root / "bert"
source.mkdir(parents=True)
(source / "vocab.txt").write_text("\\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *letters]) + "\\n")
config = BertConfig(
    vocab_size=5 + len(letters), hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
    intermediate_size=37, max_position_embeddings=128,
)
BertModel(config).save_pretrained(source)
BertTokenizerFast(vocab_file=str(source / "vocab.txt")).save_pretrained(source)
transformer = Transformer(str(source), max_seq_length=64)
pooling = Pooling(transformer.get_embedding_dimension(), pooling_mode="mean")
SentenceTransformer(modules=[transformer, pooling]).save(str(root / "tiny-model"))
"""


def run(*argv: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *argv],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
        env={**os.environ, **OFFLINE, "PYTHONPATH": str(REPO), **env},
    )


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory) -> Path:
    """A random-weight BERT of width 32, saved as a sentence-transformers folder."""
    root = tmp_path_factory.mktemp("tiny")
    built = run("-c", BUILD_TINY_MODEL, str(root))
    assert built.returncode == 0, built.stderr[-2000:]
    return root / "tiny-model"


def compare(*argv: str) -> subprocess.CompletedProcess:
    return run("-m", "readout_tui", "compare", *argv, "--format", "json", "--segment", "lines", "--no-cache")


@pytest.mark.model
def test_any_local_sentence_transformers_folder_is_used(tiny_model):
    result = compare(str(RUSSIAN), "--model", str(tiny_model))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # its card names no language: nothing to warn about
    document = json.loads(result.stdout)
    assert document["model"] == str(tiny_model.resolve())
    assert document["semantic"] is True and document["lexical_fallback"] is None
    assert document["left"]["language"] == "ru"
    assert any(pair["semantic"] != 0.0 for pair in document["pairs"]) or document["pairs"] == []


@pytest.mark.model
def test_a_local_folder_whose_card_excludes_the_language_is_not_used(tiny_model, tmp_path):
    english = tmp_path / "english-tiny"
    shutil.copytree(tiny_model, english)
    (english / "README.md").write_text("---\nlanguage: en\n---\n", encoding="utf-8")
    result = compare(str(RUSSIAN), "--model", str(english))
    assert result.returncode == 0
    assert result.stderr.count("\n") == 1 and "does not cover Russian (ru)" in result.stderr
    assert f"--model {SUGGESTED}" in result.stderr
    assert json.loads(result.stdout)["semantic"] is False


@pytest.mark.model
def test_an_unknown_model_name_is_one_line_and_exit_2():
    result = compare(str(RUSSIAN), "--model", "no-such-model-anywhere")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("readout-tui: error: model 'no-such-model-anywhere' is not installed here")
