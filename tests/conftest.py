"""Shared fixtures: the Lancaster graph built once per session, a CLI runner, fixtures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import strategygraph as sg

from .browser import browser  # noqa: F401  (the headless Chromium fixture, shared)

TESTS = Path(__file__).parent
FIXTURES = TESTS / "data"
REPO = TESTS.parent


@pytest.fixture(scope="session")
def lancaster():
    """The bundled Lancaster dataset (rdflib Dataset)."""
    return sg.build_graph(sg.sample_data())


@pytest.fixture(scope="session")
def lancaster_folder():
    """The bundled Lancaster data folder, read and checked."""
    return sg.read_folder(sg.sample_data())


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def tinytown(tmp_path) -> Path:
    """A writable copy of the tiny other-council fixture."""
    target = tmp_path / "tinytown"
    shutil.copytree(FIXTURES / "tinytown", target)
    return target
