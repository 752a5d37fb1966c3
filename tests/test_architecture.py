"""Dependencies point one way (cli -> library) and only the CLI imports click."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from .conftest import REPO


def test_import_contracts_hold():
    exe = shutil.which("lint-imports")
    if exe is None:
        pytest.fail("import-linter is not installed: pip install -e '.[test]'")
    result = subprocess.run([exe], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]
    assert "0 broken" in result.stdout
