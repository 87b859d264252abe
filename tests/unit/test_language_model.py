"""The language identifier's model, unpacked once into the cache folder and loaded from there."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

from readout_tui.core.engine import language
from readout_tui.core.io.files import STALE_PART

TEXTS = (
    "Президент России провёл телефонный разговор с премьер-министром Израиля.",
    "The two leaders discussed the situation in the Middle East and agreed to stay in contact.",
    "Kedua pemimpin membahas situasi di Timur Tengah dan sepakat untuk tetap berhubungan.",
    "两国元首就中东局势交换了意见，同意保持沟通。",
    "ناقش الزعيمان الوضع في الشرق الأوسط واتفقا على البقاء على اتصال.",
)


@pytest.fixture
def fresh_model():
    """No identifier kept in memory before or after the test (the cache folder is the test's own)."""
    language._load.cache_clear()
    yield
    language._load.cache_clear()


def test_the_unpacked_model_identifies_as_the_packed_one(fresh_model):
    unpacked = language._from_unpacked(LanguageIdentifier, language._unpacked(MODEL_DIR / MODEL_FILE))
    packed = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    for text in TEXTS:
        assert unpacked.rank(text)[:5] == packed.rank(text)[:5]


def test_the_model_is_unpacked_once_and_whole(fresh_model):
    language.detect(TEXTS[0])
    path = language.unpacked_path()
    assert path.exists() and [p.name for p in path.parent.iterdir()] == [path.name]  # no part left
    before = path.stat().st_mtime_ns
    language._load.cache_clear()
    assert language.detect(TEXTS[0]).code == "ru"
    assert path.stat().st_mtime_ns == before


def test_the_unpacked_model_replaces_the_older_single_file_layout_and_stale_parts(fresh_model):
    path = language.unpacked_path()
    older = path.with_name(path.name + ".npz")
    older.parent.mkdir(parents=True)
    older.write_bytes(b"the model as an earlier release kept it")
    stale, fresh = older.parent / "tmpkilled.part", older.parent / "tmpbusy.part"
    stale.mkdir()
    fresh.mkdir()
    os.utime(stale, (time.time() - 2 * STALE_PART,) * 2)
    assert language.detect(TEXTS[0]).code == "ru"
    # Another process may still be writing a recent part: it stays.
    assert sorted(p.name for p in older.parent.iterdir()) == sorted([path.name, fresh.name])


@pytest.mark.parametrize("damage", ["not a folder", "an array damaged", "an array missing"])
def test_a_damaged_unpacked_model_is_unpacked_again(fresh_model, damage):
    path = language.unpacked_path()
    if damage == "not a folder":
        path.parent.mkdir(parents=True)
        path.write_bytes(b"not a model")
    else:
        language._unpacked(MODEL_DIR / MODEL_FILE)
        language._load.cache_clear()
        if damage == "an array damaged":
            (path / "nextmove.npy").write_bytes(b"not an array")
        else:
            (path / "ptc.npy").unlink()
    assert language.detect(TEXTS[0]).code == "ru"
    assert language.detect(TEXTS[2]).code == "id"
    # Mended where it lies: the next process loads it from there again.
    assert sorted(p.name for p in path.iterdir()) == sorted(f"{name}.npy" for name in language._ARRAYS)
    assert len(list(path.parent.iterdir())) == 1
    language._load.cache_clear()
    unpacked = language._from_unpacked(LanguageIdentifier, path)
    assert unpacked.rank(TEXTS[0])[:3] == LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True).rank(TEXTS[0])[:3]


def test_a_model_of_another_layout_falls_back_to_py3langid_s_own_loading(fresh_model, monkeypatch):
    # A later py3langid that names its arrays otherwise: the keys read here are not in it.
    monkeypatch.setattr(language, "_ARRAYS", (*language._ARRAYS, "renamed"))
    assert language.detect(TEXTS[0]).code == "ru"
    assert language.detect(TEXTS[2]).code == "id"
    assert not language.unpacked_path().exists()


def test_a_model_unpacked_by_another_process_first_is_kept(fresh_model, monkeypatch):
    # Two processes unpack at once: the second's rename finds the first's folder in place.
    path = language.unpacked_path()
    real_replace = os.replace

    def another_process_first(source, target):
        if Path(target) == path:
            real_replace(source, Path(source).with_name("winner"))
            real_replace(Path(source).with_name("winner"), path)
            raise OSError(39, "Directory not empty")
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", another_process_first)
    assert language._unpacked(MODEL_DIR / MODEL_FILE) == path
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    monkeypatch.undo()
    assert language.detect(TEXTS[0]).code == "ru"
