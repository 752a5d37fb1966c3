"""The Python API: typed DataFrames, safe parameters, located errors, the graph to query."""

from __future__ import annotations

import datetime
import re

import pandas as pd
import pytest
from rdflib import Dataset, Graph, Literal, URIRef

import strategygraph as sg
from strategygraph.sparql import (ParameterError, QueryRefused, QuerySyntaxError, UnknownQuery, get_named, graph,
                                  list_named, query, run_named)
from strategygraph.sparql.engine import prepare
from strategygraph.sparql.text import prologue_lines
from strategygraph.terms import ID_BASE, PREFIXES, SG, XSD

from .conftest import FIXTURES, REPO

L = ID_BASE + "lancaster/"


def test_package_api_maps_to_sparql():
    assert sg.query is query
    df = sg.query("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a sg:Action }")
    assert df["n"].item() == 37 + 22


def test_typed_columns():
    df = query("""
        SELECT ?action ?due ?label ?n ?value ?flag WHERE {
          ?action sg:dueDate ?due ; rdfs:label ?label .
          BIND (3 AS ?n) BIND (2.5 AS ?value) BIND (true AS ?flag)
        } LIMIT 3""")
    assert str(df["due"].dtype) == "datetime64[ns]"
    assert str(df["n"].dtype) == "int64" and str(df["value"].dtype) == "float64"
    assert str(df["flag"].dtype) == "boolean"
    assert df["action"].map(type).eq(str).all() and df["action"].str.startswith(L).all()
    assert df["label"].map(type).eq(str).all()


def test_unbound_values_are_missing_not_text():
    df = query("""SELECT ?action ?due WHERE { ?action a sg:Action OPTIONAL { ?action sg:dueDate ?due } }""")
    assert df["due"].isna().any() and df["due"].notna().any()
    assert str(df["due"].dtype) == "datetime64[ns]"
    counts = query("SELECT ?a ?n WHERE { ?a a sg:Action OPTIONAL { ?a sg:order ?n } } LIMIT 2")
    assert counts["n"].isna().all()


def test_mixed_columns_are_text():
    df = query("SELECT ?v WHERE { VALUES ?v { 1 \"one\" } }")
    assert list(df["v"]) == ["1", "one"]


def test_a_frame_from_columns_is_the_frame_from_rows():
    # Columns are converted once per distinct object and mapped back to every row: a value
    # repeated as one object, unbound cells and every column kind must land where they were.
    from strategygraph.sparql.frame import frame_of_columns, to_frame

    three, due = Literal(3), Literal("2025-03-31", datatype=XSD.date)
    rows = [(URIRef("urn:a"), three, due, Literal(True), Literal(1), "text", Literal("x", lang="en")),
            (None, None, None, None, Literal(2.5), None, Literal("y")),
            ("urn:b", three, due, Literal(False), None, "text", None),
            (URIRef("urn:a"), Literal(4), Literal("2024-01-02", datatype=XSD.date), None, Literal(1), "", Literal(7))]
    names = ["iri", "n", "due", "flag", "value", "text", "mixed"]
    by_rows = to_frame(names, rows)
    by_columns = frame_of_columns(names, [[row[i] for row in rows] for i in range(len(names))])
    pd.testing.assert_frame_equal(by_rows, by_columns)
    assert [str(t) for t in by_columns.dtypes] == ["object", "Int64", "datetime64[ns]", "boolean", "float64",
                                                   "object", "object"]
    assert by_columns["n"].tolist()[:3] == [3, pd.NA, 3] and by_columns["n"].iloc[3] == 4
    assert by_columns["due"].dt.date.tolist()[2:] == [datetime.date(2025, 3, 31), datetime.date(2024, 1, 2)]
    assert by_columns["iri"].tolist() == ["urn:a", None, "urn:b", "urn:a"]
    assert by_columns["mixed"].tolist() == ["x", "y", None, "7"]
    assert by_columns["value"].isna().tolist() == [False, False, True, False]
    assert frame_of_columns(["x"], [[]]).shape == (0, 1)
    # dates pandas cannot hold as datetime64[ns] stay text
    old, zoned = Literal("1200-01-01", datatype=XSD.date), Literal("2025-03-31T10:00:00+01:00", datatype=XSD.dateTime)
    kept = frame_of_columns(["old", "zoned"], [[old, None, old], [zoned, zoned, None]])
    assert kept["old"].tolist() == ["1200-01-01", None, "1200-01-01"]
    assert kept["zoned"].tolist() == ["2025-03-31T10:00:00+01:00"] * 2 + [None]


def test_ask_is_bool_and_construct_is_a_graph():
    assert query("ASK { ?a sg:ledBy ?who }") is True
    assert query("ASK { ?a sg:ledBy sg:Nobody }") is False
    g = query("CONSTRUCT { ?a sg:ledBy ?who } WHERE { ?a sg:ledBy ?who }")
    assert isinstance(g, Graph) and (URIRef(L + "cpc-r10-a1"), SG.ledBy, URIRef(L + "dawn-bradley")) in g
    d = query(f"DESCRIBE <{L}cpc-r10-a1>")
    assert isinstance(d, Graph) and len(d) > 5


def test_default_graph_is_the_union_and_graph_sees_versions():
    both = query("SELECT ?due WHERE { lancaster:cpc-r10-a1 sg:dueDate ?due } ORDER BY ?due".replace(
        "lancaster:", f"<{L}").replace("cpc-r10-a1 ", "cpc-r10-a1> "))
    assert [d.date().isoformat() for d in both["due"]] == ["2025-03-31", "2025-09-30"]
    per_version = query(f"SELECT ?v ?due WHERE {{ GRAPH ?v {{ <{L}cpc-r10-a1> sg:dueDate ?due }} }} ORDER BY ?v")
    assert [v.removeprefix(L) for v in per_version["v"]] == ["cpc-2024-09", "cpc-2025-10"]


def test_params_are_typed_terms():
    df = query("SELECT ?a ?due WHERE { ?a sg:dueDate ?due FILTER (?due < ?asOf) }", asOf=datetime.date(2017, 12, 31))
    assert df.empty
    df = query("SELECT ?a ?due WHERE { ?a sg:dueDate ?due FILTER (?due <= ?asOf) }", asOf=datetime.date(2017, 12, 31))
    assert len(df) == 2 and set(d.date().isoformat() for d in df["due"]) == {"2017-12-31"}
    who = query("SELECT ?a WHERE { ?a sg:ledBy ?lead }", lead=URIRef(L + "chief-executive"))
    assert len(who) == 9
    by_name = query("SELECT ?p WHERE { ?p foaf:name ?name }", name="Mark Davies")
    assert list(by_name["p"]) == [L + "mark-davies"]
    assert len(query("SELECT ?a WHERE { ?a sg:dueDate ?d FILTER (?d < ?when) }",
                     when=pd.Timestamp("2018-01-01"))) == 2


@pytest.mark.parametrize("evil", [
    '"} ; DROP ALL ; #',
    'x" } UNION { ?p ?q ?r } #',
    "Mark Davies\" || true || \"",
    "<http://evil.example/> }",
])
def test_params_cannot_change_the_query(evil):
    df = query("SELECT ?p WHERE { ?p foaf:name ?name }", name=evil)
    assert df.empty  # the value stays one literal that matches no name


def test_iri_params_are_checked():
    with pytest.raises(ParameterError, match="not an absolute IRI"):
        query("SELECT ?a WHERE { ?a sg:ledBy ?lead }", lead=URIRef("http://x> } <y"))


def test_unknown_param_is_refused():
    with pytest.raises(ParameterError, match=r"unknown parameter 'who': the query has no variable \?who"):
        query("SELECT ?a WHERE { ?a sg:ledBy ?lead }", who="x")


def test_prefixes_come_from_terms_and_user_prefixes_win():
    assert prologue_lines() == len(PREFIXES)
    df = query("PREFIX sg: <http://example.org/other#> SELECT ?a WHERE { ?a a sg:Action }")
    assert df.empty


def test_syntax_error_is_located_in_the_users_text():
    text = "SELECT ?a\nWHERE {\n  ?a sg:ledBy ?lead .\n  FILTER (?lead = ) }"
    with pytest.raises(QuerySyntaxError) as info:
        query(text)
    message = str(info.value)
    assert re.match(r"^query:4:\d+: ", message), message
    line, col = map(int, message.split(":")[1:3])
    assert line == 4 and 1 <= col <= len(text.splitlines()[3])


def test_unknown_prefix_is_located():
    with pytest.raises(QuerySyntaxError, match=r"^query:2:6: unknown prefix 'ex:'"):
        query("SELECT * WHERE {\n  ?a ex:p ?b }")


def test_updates_service_and_from_are_refused():
    for update in ("INSERT DATA { <http://a/s> <http://a/p> 1 }", "DELETE WHERE { ?s ?p ?o }",
                   "LOAD <http://example.org/x.ttl>", "CLEAR ALL", "DROP GRAPH <http://a/g>"):
        with pytest.raises(QueryRefused, match="read-only"):
            query(update)
    with pytest.raises(QueryRefused, match="SERVICE"):
        query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    with pytest.raises(QueryRefused, match="FROM"):
        query("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }")


def test_the_bundled_graph_is_built_once():
    assert graph() is graph()
    assert isinstance(graph(), Dataset)


def test_any_graph_can_be_queried(tmp_path):
    tiny = sg.build_graph(FIXTURES / "tinytown")
    assert query("SELECT ?a WHERE { ?a a sg:Action }", graph=tiny).shape == (2, 1)
    plain = Graph()
    plain.add((URIRef("http://example.org/a"), SG.dueDate, Literal("2026-01-31", datatype=XSD.date)))
    assert query("SELECT ?d WHERE { ?a sg:dueDate ?d }", graph=plain)["d"].iloc[0] == pd.Timestamp("2026-01-31")
    path = sg.write_dataset(tiny, tmp_path / "tiny.nq")
    assert len(query("SELECT ?a WHERE { ?a a sg:Action }", graph=str(path))) == 2
    # a Dataset read without default_union still queries the union
    ds = Dataset()
    ds.parse(path, format="nquads")
    assert not ds.default_union
    assert len(query("SELECT ?a WHERE { ?a a sg:Action }", graph=ds)) == 2


def test_named_queries_have_headers_and_no_hand_written_prefixes_or_council_iris():
    for nq in list_named():
        assert nq.title.endswith("?"), nq.name
        assert len(nq.description) > 40, nq.name
        text = nq.text
        assert not re.search(r"(?im)^\s*PREFIX\b", text), f"{nq.name}: PREFIX lines come from terms.PREFIXES"
        assert "/id/" not in text and "lancaster" not in text.lower(), f"{nq.name}: council-specific IRI"
        assert "\\/" not in text, f"{nq.name}: rdflib misreads \\/ in prefixed names"
        for p in nq.params:
            assert p.name in re.findall(r"[?$](\w+)", text), (nq.name, p.name)
        prepare(nq.text)  # parses


def test_no_constants_inside_optional():
    # rdflib orders a BGP by its constants, so a constant in an OPTIONAL is scanned per row
    checked = 0
    for nq in list_named():
        body = re.sub(r"(?m)#.*$", "", nq.text)
        for block in re.findall(r"OPTIONAL\s*\{([^{}]*)\}", body):
            block = re.sub(r"(FILTER|BIND)\s*\((?:[^()]|\([^()]*\))*\)", " ", block)
            for statement in filter(str.strip, re.split(r"\s\.(?:\s|$)", block)):
                parts = [p.split() for p in statement.split(";")]
                subject, rest = parts[0][0], [parts[0][1:]] + parts[1:]
                objects = [" ".join(po[1:]) for po in rest if po]
                for term in [subject] + [o.strip() for obj in objects for o in obj.split(",")]:
                    checked += 1
                    assert term.startswith("?"), f"{nq.name}: constant {term} in OPTIONAL {{{block.strip()}}}"
    assert checked > 50


def test_list_named_tabulates():
    table = pd.DataFrame(list_named())
    assert {"name", "title", "description", "params"} <= set(table.columns)
    assert get_named("rag-history").params[0].required


def test_run_named_errors():
    with pytest.raises(UnknownQuery, match="did you mean overdue-actions"):
        run_named("overdue")
    with pytest.raises(ParameterError, match="needs action=NODE"):
        run_named("rag-history")
    with pytest.raises(ParameterError, match="has no parameter 'when' \\(its parameters: asOf\\)"):
        run_named("overdue-actions", when="2025-01-01")
    with pytest.raises(ParameterError, match="no node has the id 'no-such-action'"):
        run_named("rag-history", action="no-such-action")
    with pytest.raises(ParameterError, match="is not a date"):
        run_named("overdue-actions", asOf="next spring")


def test_run_named_accepts_python_values():
    a = run_named("overdue-actions", asOf=datetime.date(2025, 6, 30))
    b = run_named("overdue-actions", asOf="2025-06-30")
    pd.testing.assert_frame_equal(a, b)
    with pytest.raises(ParameterError, match="expected a date"):
        run_named("overdue-actions", asOf=20250630)


def test_named_query_files_ship_in_the_package():
    folder = REPO / "strategygraph" / "sparql" / "queries"
    assert sorted(p.stem for p in folder.glob("*.rq")) == [q.name for q in list_named()]
