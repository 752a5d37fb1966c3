"""The README's quick start and pictures stay true."""

from __future__ import annotations

import re

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def quick_start() -> list[str]:
    block = re.search(r"## Quick start.*?```bash\n(.*?)```", README, re.S).group(1)
    return [line for line in block.splitlines() if line and not line.startswith("#")]


def test_quick_start_is_two_commands():
    commands = quick_start()
    assert len(commands) == 2
    assert commands[0] == "pip install . && strategygraph report -o out/"
    assert commands[1] == "bash .ci/run"


def test_ci_runs_the_readme_test_command():
    test_command = re.search(r"The test command, which `.ci/run` runs after installing, is `([^`]+)`", README).group(1)
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    last = [line for line in ci.splitlines() if line.strip() and not line.startswith("#")][-1]
    assert last.strip() == test_command


def test_readme_shows_generated_fig1_and_fig2():
    for name in ("fig1", "fig2"):
        assert f"](docs/images/{name}.png)" in README
        assert f"strategygraph render {name} -o docs/images/{name}.png" in README
        data = (REPO / "docs" / "images" / f"{name}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(data[16:20], "big") >= 1600
