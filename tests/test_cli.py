"""The command line: builds, reports, and refuses bad input with one clear line."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rdflib import Dataset, Graph

from strategygraph.cli import cli

from .conftest import FIXTURES


def test_build_then_validate_exits_0(runner, tmp_path):
    out = tmp_path / "lancaster.trig"
    result = runner.invoke(cli, ["build", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "named graphs" in result.stderr
    result = runner.invoke(cli, ["validate", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Conforms: 0 violations")
    # plain rdflib reads it, named graphs and all
    ds = Dataset()
    ds.parse(out, format="trig")
    assert len({g.identifier for g in ds.graphs() if len(g)}) == 7


@pytest.mark.parametrize("name,fmt", [("g.nq", "nquads"), ("g.ttl", "turtle"), ("g.jsonld", "json-ld")])
def test_build_formats_from_extension(runner, tmp_path, name, fmt):
    out = tmp_path / name
    assert runner.invoke(cli, ["build", "-o", str(out)]).exit_code == 0
    g = Graph().parse(out, format=fmt) if fmt == "turtle" else Dataset().parse(out, format=fmt)
    assert len(g) > 1000 or sum(len(x) for x in g.graphs()) > 1000


def test_build_to_stdout_is_trig(runner):
    result = runner.invoke(cli, ["build", "--format", "nquads"])
    assert result.exit_code == 0
    assert result.stdout.count("\n") > 5000


def test_stats(runner):
    result = runner.invoke(cli, ["stats"])
    assert result.exit_code == 0
    assert "sg:DeliveryGroup" in result.output and "cpc-2025-10" in result.output


def test_another_council_builds_with_no_code_change(runner, tmp_path):
    out = tmp_path / "tinytown.trig"
    result = runner.invoke(cli, ["build", "--data", str(FIXTURES / "tinytown"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert runner.invoke(cli, ["validate", str(out)]).exit_code == 0
    text = out.read_text()
    assert "pr-2-a1" in text and "lancaster" not in text.lower()


def _fails_cleanly(runner, tinytown, tmp_path, expected):
    out = tmp_path / "out.trig"
    result = runner.invoke(cli, ["build", "--data", str(tinytown), "-o", str(out)])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert expected in lines[0], lines[0]
    assert "Traceback" not in result.output
    assert not out.exists()
    assert not list(tmp_path.glob(".out.trig*"))
    return lines[0]


def edit(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_missing_column(runner, tinytown, tmp_path):
    edit(tinytown / "actions.csv", "id,recommendation,text,", "id,recommendation,")
    edit(tinytown / "actions.csv", ",Draft the MTFS", "")
    edit(tinytown / "actions.csv", ",Procure a new repairs contract", "")
    line = _fails_cleanly(runner, tinytown, tmp_path, "actions.csv:1: missing column 'text'")
    assert line.startswith("Error: ")


def test_unknown_rag_value(runner, tinytown, tmp_path):
    edit(tinytown / "updates.csv", "pr-2-a1,Red,R", "pr-2-a1,Purple,P")
    _fails_cleanly(runner, tinytown, tmp_path,
                   "updates.csv:3:C (rag): unknown RAG value 'Purple' (expected one of Amber, ")


def test_link_to_missing_id(runner, tinytown, tmp_path):
    edit(tinytown / "actions.csv", "December 2026,2026-12-31,ann-oak", "December 2026,2026-12-31,jo-bloggs")
    _fails_cleanly(runner, tinytown, tmp_path,
                   "actions.csv:2:F (leads): no record has id 'jo-bloggs' (expected a person or a post")


def test_bad_date(runner, tinytown, tmp_path):
    edit(tinytown / "actions.csv", "2027-03-31", "next spring")
    _fails_cleanly(runner, tinytown, tmp_path, "actions.csv:3:E (due_end): 'next spring' is not a date")


def test_duplicate_id(runner, tinytown, tmp_path):
    (tinytown / "people.csv").write_text((tinytown / "people.csv").read_text() + "ann-oak,Ann Oak (again),,\n")
    _fails_cleanly(runner, tinytown, tmp_path, "people.csv:4:A (id): id 'ann-oak' is already used at people.csv:2")


def test_binary_file(runner, tinytown, tmp_path):
    (tinytown / "updates.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff\xfe")
    _fails_cleanly(runner, tinytown, tmp_path, "updates.csv: is not UTF-8 text")


def test_several_problems_are_all_listed(runner, tinytown, tmp_path):
    edit(tinytown / "updates.csv", "pr-2-a1,Red,R", "pr-2-a1,Purple,P")
    edit(tinytown / "actions.csv", "2027-03-31", "next spring")
    result = runner.invoke(cli, ["build", "--data", str(tinytown), "-o", str(tmp_path / "x.trig")])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 2


def test_unreadable_graph_file(runner, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle <<<")
    result = runner.invoke(cli, ["validate", str(bad)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {bad}: is not valid turtle RDF")


def test_unknown_output_extension(runner, tmp_path):
    result = runner.invoke(cli, ["build", "-o", str(tmp_path / "g.xyz")])
    assert result.exit_code == 2 and "cannot tell the format" in result.stderr
    assert not (tmp_path / "g.xyz").exists()


@pytest.mark.parametrize("args", [["--help"], ["query", "--list"]])
def test_start_up_does_not_import_the_rdf_stack(args):
    code = ("import sys; from strategygraph.cli import cli\n"
            f"try:\n    cli({args!r})\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('rdflib', 'pandas', 'networkx', 'pyvis', 'pyshacl') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
