"""A graph of several councils: analysis and the report work, and councils stay apart."""

from __future__ import annotations

import json

import pytest

import strategygraph as sg
from strategygraph.analysis import coverage_matrix
from strategygraph.cli import cli
from strategygraph.synth import generate_councils, write_councils


@pytest.fixture(scope="module")
def councils(tmp_path_factory):
    folder = tmp_path_factory.mktemp("councils")
    write_councils(generate_councils(3, seed=5), folder)
    return folder


def test_coverage_matrix_keeps_councils_apart(councils):
    matrix = coverage_matrix(sg.build_graph(councils))
    assert matrix.index.is_unique and matrix.columns.is_unique
    assert len(matrix.index) == 3 * 7  # four priorities and three themes per council


def test_analyse_and_report_on_several_councils(runner, councils, tmp_path):
    out = tmp_path / "analysis.json"
    result = runner.invoke(cli, ["analyse", "--data", str(councils), "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert set(json.loads(out.read_text())) == {"orphaned_actions", "overloaded_leads", "coverage_gaps", "overdue",
                                                "status_rollup", "group_interactions"}
    result = runner.invoke(cli, ["report", "--data", str(councils), "-o", str(tmp_path / "pack")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "pack" / "index.html").exists()
