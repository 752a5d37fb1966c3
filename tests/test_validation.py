"""The shapes accept complete data and name the node that is incomplete."""

from __future__ import annotations

import json

import strategygraph as sg
from strategygraph.cli import cli

from .conftest import FIXTURES


def test_lancaster_conforms_with_only_timescale_warnings(lancaster):
    report = sg.validate(lancaster)
    assert report.conforms and report.violations == []
    assert {p.message for p in report.warnings} == {"action has no due wording: the source published no timescale"}
    assert all(p.name.startswith("lga-") for p in report.warnings)


def test_broken_fixture_is_rejected_naming_the_nodes():
    report = sg.validate(sg.read_dataset(FIXTURES / "broken-action.ttl"))
    assert not report.conforms
    found = {(p.name, p.message) for p in report.violations}
    assert ("orphan-action", "action has no lead (sg:ledBy a person, post or team)") in found
    assert ("silent-update", "progress update has no status from the RAG scheme") in found


def test_validate_cli_exit_1_and_names_node(runner):
    result = runner.invoke(cli, ["validate", str(FIXTURES / "broken-action.ttl")])
    assert result.exit_code == 1
    assert "orphan-action \"Buy ladders\": action has no lead" in result.output


def test_validate_cli_json(runner):
    result = runner.invoke(cli, ["validate", "--format", "json", str(FIXTURES / "broken-action.ttl")])
    payload = json.loads(result.output)
    assert payload["conforms"] is False
    assert {"orphan-action", "silent-update"} <= {p["id"] for p in payload["problems"]}


def test_recommendation_without_action_is_a_violation(tinytown):
    (tinytown / "recommendations.csv").write_text(
        (tinytown / "recommendations.csv").read_text() + "pr-3,improve,3,Review the constitution,ip-2026-q2,4\n")
    report = sg.validate(sg.build_graph(tinytown))
    assert [(p.name, p.message) for p in report.violations] == [
        ("pr-3", "recommendation has no action responding to it (itself or through its parts)")]
