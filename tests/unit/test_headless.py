"""readout_tui/core/ is headless: importing any module of it loads neither Textual nor Rich,
nor torch (only the embedder loads torch, when it first embeds)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "readout_tui"
FORBIDDEN = ("textual", "rich", "torch")

CHECK = """
import importlib, pathlib, sys
root = pathlib.Path(sys.argv[1])
sys.path.insert(0, str(root))
import readout_tui.core
assert pathlib.Path(readout_tui.core.__file__).is_relative_to(root), readout_tui.core.__file__
names = sorted(
    ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
    for path in (root / "readout_tui" / "core").rglob("*.py")
)
for name in names:
    importlib.import_module(name)
print(len(names))
print(" ".join(m for m in sys.argv[2:] if m in sys.modules))
"""


def loaded_by_core(root: Path) -> tuple[int, set[str]]:
    """Import every module under ``root``/readout_tui/core in a fresh interpreter: how many
    there were, and which of ``FORBIDDEN`` they loaded."""
    result = subprocess.run(
        [sys.executable, "-c", CHECK, str(root), *FORBIDDEN],
        capture_output=True,
        text=True,
        check=True,
        cwd=root,
    )
    count, loaded = (result.stdout.splitlines() + [""])[:2]
    return int(count), set(loaded.split())


def test_importing_every_core_module_loads_neither_textual_rich_nor_torch():
    count, loaded = loaded_by_core(PACKAGE.parent)
    assert count >= 20  # every module, in every folder of core/
    assert loaded == set()


@pytest.mark.parametrize("module", FORBIDDEN)
def test_the_check_catches_a_core_module_that_imports_one(tmp_path, module):
    """The same check, on a copy of the package whose word tables import ``module``."""
    shutil.copytree(PACKAGE, tmp_path / "readout_tui", ignore=shutil.ignore_patterns("__pycache__"))
    words = tmp_path / "readout_tui" / "core" / "engine" / "words.py"
    words.write_text(words.read_text(encoding="utf-8") + f"\nimport {module}  # noqa: E402\n", encoding="utf-8")
    _, loaded = loaded_by_core(tmp_path)
    assert module in loaded
