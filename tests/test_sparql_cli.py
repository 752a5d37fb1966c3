"""``strategygraph query``: named and ad-hoc queries, formats, and one-line errors with exit 2."""

from __future__ import annotations

import csv
import io
import json

from rdflib import Graph

from strategygraph.cli import cli
from strategygraph.sparql import list_named
from strategygraph.terms import ID_BASE

from .conftest import FIXTURES

L = ID_BASE + "lancaster/"


def run(runner, *args):
    return runner.invoke(cli, ["query", *args])


def test_list_prints_one_line_per_named_query(runner):
    result = run(runner, "--list")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    queries = list_named()
    assert len(lines) == len(queries) >= 15
    for line, nq in zip(lines, queries):
        name, _, rest = line.partition(" ")
        assert name == nq.name and rest.strip().startswith(nq.title)
    assert any(line.startswith("overdue-actions") and "asOf=DATE (default today)" in line for line in lines)


def test_list_as_json(runner):
    data = json.loads(run(runner, "--list", "--format", "json").stdout)
    assert data[0].keys() == {"name", "title", "description", "params"}


def test_named_query_as_table(runner):
    result = run(runner, "--name", "workstreams-per-group")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["group", "notation", "label", "plan", "planTitle", "workstreams"]
    assert lines[-1] == "(5 rows)"
    row_3a = next(line for line in lines if "3a" in line.split())
    assert row_3a.startswith("lancaster:g3a-healthy") and row_3a.endswith(" 7")


def test_named_query_with_param_as_csv(runner):
    result = run(runner, "--name", "rag-history", "--param", "action=lga-r2-a1", "--format", "csv")
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["date"] for r in table] == ["2017-02", "2019-01"]
    assert table[0]["version"] == L + "lga-2017-02"  # full IRIs for programs


def test_formats(runner):
    q = "SELECT ?g ?n WHERE { ?w sg:inGroup ?grp . ?grp skos:notation ?g } GROUP BY ?g ORDER BY ?g"
    q = q.replace("?n WHERE", "(COUNT(?w) AS ?n) WHERE")
    as_json = json.loads(run(runner, q, "--format", "json").stdout)
    assert as_json[2] == {"g": "3a", "n": 7}
    tsv = run(runner, q, "--format", "tsv").stdout.splitlines()
    assert tsv[0] == "g\tn" and tsv[3] == "3a\t7"
    md = run(runner, q, "--format", "markdown").stdout.splitlines()
    assert md[0] == "| g | n |" and md[1] == "|---|---|" and md[4] == "| 3a | 7 |"


def test_dates_print_as_days(runner):
    out = run(runner, "--name", "fact-provenance", "-p", "node=cpc-r10-a1", "-p", "property=sg:dueDate",
              "--format", "json").stdout
    assert [r["value"] for r in json.loads(out)] == ["2025-03-31", "2025-09-30"]


def test_ask_and_construct(runner):
    assert run(runner, "ASK { ?a a sg:Action }").stdout.strip() == "true"
    result = run(runner, "CONSTRUCT { ?g sg:inPlan ?p } WHERE { ?g a sg:DeliveryGroup ; sg:inPlan ?p }")
    assert result.exit_code == 0, result.output
    assert len(Graph().parse(data=result.stdout, format="turtle")) == 5
    nt = run(runner, "CONSTRUCT { ?g sg:inPlan ?p } WHERE { ?g a sg:DeliveryGroup ; sg:inPlan ?p }",
             "--format", "ntriples").stdout
    assert len(Graph().parse(data=nt, format="nt")) == 5
    wrong = run(runner, "CONSTRUCT { ?g sg:inPlan ?p } WHERE { ?g sg:inPlan ?p }", "--format", "csv")
    assert wrong.exit_code == 2 and "use --format turtle" in wrong.stderr


def test_query_from_a_file_and_stdin(runner, tmp_path):
    path = tmp_path / "groups.rq"
    path.write_text("# my question\nSELECT ?g WHERE { ?g a sg:DeliveryGroup }\n")
    assert run(runner, str(path), "--format", "csv").stdout.count("\n") == 6
    piped = runner.invoke(cli, ["query", "-", "--format", "csv"], input="SELECT ?g WHERE { ?g a sg:DeliveryGroup }")
    assert piped.stdout.count("\n") == 6


def test_ad_hoc_params_are_typed_by_their_look(runner):
    q = "SELECT ?a WHERE { ?a sg:dueDate ?d FILTER (?d <= ?day) }"
    result = run(runner, q, "--param", "day=2017-12-31", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert sorted(result.stdout.split()[1:]) == [L + "lga-r11-a1", L + "lga-r8-a1"]


def test_output_file_and_other_data_folder(runner, tmp_path):
    out = tmp_path / "actions.csv"
    result = run(runner, "SELECT ?a WHERE { ?a a sg:Action } ORDER BY ?a", "--data", str(FIXTURES / "tinytown"),
                 "--format", "csv", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text().split() == ["a", ID_BASE + "tinytown/pr-1-a1", ID_BASE + "tinytown/pr-2-a1"]


def one_line_error(result, expected: str) -> str:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and expected in lines[0], lines
    assert "Traceback" not in result.output
    return lines[0]


def test_syntax_error_names_line_and_column(runner, tmp_path):
    line = one_line_error(run(runner, "SELECT ?a\nWHERE {\n  ?a sg:ledBy }"), "Error: query:3:")
    assert line.startswith("Error: query:3:3: ")
    out = tmp_path / "never.csv"
    one_line_error(run(runner, "SELECT ?a WHERE { ?a ex:p ?b }", "-o", str(out)),
                   "Error: query:1:22: unknown prefix 'ex:'")
    assert not out.exists()
    path = tmp_path / "bad.rq"
    path.write_text("# comment\nSELECT * WHERE {\n  ?a ?b\n}\n")
    one_line_error(run(runner, str(path)), f"Error: {path}:3:3: ")


def test_bad_requests_exit_2(runner):
    one_line_error(run(runner, "--name", "nope"), "no named query 'nope'")
    one_line_error(run(runner, "--name", "overdue-actions", "-p", "when=2025"),
                   "query 'overdue-actions' has no parameter 'when' (its parameters: asOf)")
    one_line_error(run(runner, "--name", "overdue-actions", "-p", "asOf=soon"), "asOf: 'soon' is not a date")
    one_line_error(run(runner, "--name", "rag-history"), "needs action=NODE")
    one_line_error(run(runner, "--name", "rag-history", "-p", "action=zz-top"), "no node has the id 'zz-top'")
    one_line_error(run(runner, "SELECT ?a WHERE { ?a ?b ?c }", "-p", "x=1"), "the query has no variable ?x")
    one_line_error(run(runner, "SELECT ?a WHERE { ?a ?b ?c }", "-p", "x"), "expected KEY=VALUE")
    one_line_error(run(runner, "INSERT DATA { <http://a/s> <http://a/p> 1 }"), "read-only")
    assert run(runner).exit_code == 2
    assert run(runner, "ASK {}", "--name", "versions").exit_code == 2
    usage = run(runner, "ASK {}", "--endpoint", "http://127.0.0.1:9/query", "--data", str(FIXTURES / "tinytown"))
    assert usage.exit_code == 2 and "leave out --graph and --data" in usage.stderr
    lone = run(runner, "ASK {}", "--store-default-graph")
    assert lone.exit_code == 2 and "--store-default-graph goes with --endpoint" in lone.stderr
    missing = run(runner, "questions/none.rq")
    assert missing.exit_code == 2 and "no such query file" in missing.stderr


def test_unreachable_endpoint_is_one_line(runner):
    one_line_error(run(runner, "ASK { ?s ?p ?o }", "--endpoint", "http://127.0.0.1:9/query"),
                   "http://127.0.0.1:9/query: cannot reach the server")
