"""Every data file the package reads at run time is listed for the wheel.

An editable install finds any file beside the code, so a file missing from
``[tool.setuptools.package-data]`` only fails for a user who installs the wheel (the
attribution's learned weights were once left out that way).
"""

import tomllib
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "readout_tui"


def _patterns() -> list[str]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return pyproject["tool"]["setuptools"]["package-data"]["readout_tui"]


def test_every_data_file_of_the_package_is_in_its_package_data():
    patterns = _patterns()
    data = [
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
    ]
    assert data, "the package has data files (the scorers' weights at least)"
    missing = [name for name in data if not any(fnmatch(name, pattern) for pattern in patterns)]
    assert missing == []
