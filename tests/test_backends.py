"""Every back end gives the same answers: each named query, each analysis, each view, the
validation report and the counts, on rdflib's memory store (the reference), Oxigraph in
memory, Oxigraph on disk and a real SPARQL endpoint (``oxigraph serve``), for Lancaster and
for a set of synthetic councils."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest
from rdflib import Dataset

import strategygraph as sg
from strategygraph.analysis import analyse
from strategygraph.build import build_store
from strategygraph.cli import cli
from strategygraph.render import VIEWS, make_view
from strategygraph.sparql import list_named, run_named
from strategygraph.sparql.api import output
from strategygraph.sparql.remote import push
from strategygraph.stats import class_counts, graph_sizes
from strategygraph.store import open_store, write_file
from strategygraph.synth import generate_councils, write_councils
from strategygraph.validation import validate

from .test_remote import oxigraph

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
from samples import sample_params  # noqa: E402

BACK_ENDS = ["oxigraph", "oxigraph-disk", "remote"]
AS_OF = dt.date(2025, 6, 30)


@pytest.fixture(scope="module", params=["lancaster", "synthetic"])
def data(request, tmp_path_factory) -> Path:
    if request.param == "lancaster":
        return sg.sample_data()
    folder = tmp_path_factory.mktemp("councils")
    write_councils(generate_councils(3, seed=7), folder)
    return folder


@pytest.fixture(scope="module")
def stores(data, tmp_path_factory):
    """The data built into each back end (the endpoint gets the memory build pushed)."""
    built = {"memory": build_store(data, "memory"), "oxigraph": build_store(data, "oxigraph")}
    disk = tmp_path_factory.mktemp("oxigraph-disk")
    build_store(data, f"oxigraph:{disk}").flush()
    built["oxigraph-disk"] = open_store(f"oxigraph:{disk}")  # reopened: what the disk holds
    if shutil.which("oxigraph") is None:
        yield built
        return
    with oxigraph() as base:
        push(built["memory"], f"{base}/store")
        built["remote"] = open_store(f"{base}/query")
        yield built


def other(stores, kind):
    if kind not in stores:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    return stores[kind]


def rows(df) -> list[tuple]:
    return [tuple(str(v) for v in row) for row in df.itertuples(index=False)]


@pytest.mark.parametrize("kind", BACK_ENDS)
def test_every_named_query_gives_the_same_table(stores, kind):
    reference, store = stores["memory"], other(stores, kind)
    params = sample_params(reference)
    assert len(list_named()) == 20
    for nq in list_named():
        want = run_named(nq.name, reference, **params.get(nq.name, {}))
        got = run_named(nq.name, store, **params.get(nq.name, {}))
        assert list(got.columns) == list(want.columns), nq.name
        assert [str(t) for t in got.dtypes] == [str(t) for t in want.dtypes], nq.name
        if "ORDER BY" in nq.text:
            assert rows(got) == rows(want), nq.name
        else:
            assert sorted(rows(got)) == sorted(rows(want)), nq.name


def test_the_named_queries_find_something(stores):
    # So that the comparison above compares something: most queries have rows on this data.
    reference = stores["memory"]
    params = sample_params(reference)
    found = [nq.name for nq in list_named() if len(run_named(nq.name, reference, **params.get(nq.name, {})))]
    assert len(found) >= 14, found


@pytest.mark.parametrize("kind", BACK_ENDS)
def test_every_analysis_gives_the_same_findings(stores, kind):
    want = analyse(stores["memory"], as_of=AS_OF)
    got = analyse(other(stores, kind), as_of=AS_OF)
    assert list(got) == list(want)
    for name in want:
        assert [dataclasses.asdict(f) for f in got[name]] == [dataclasses.asdict(f) for f in want[name]], name
    assert sum(len(v) for v in want.values()) > 10
    for frame in ("coverage_matrix", "workload"):
        a, b = getattr(want, frame), getattr(got, frame)
        assert (a is None and b is None) or a.equals(b), frame


@pytest.mark.parametrize("kind", BACK_ENDS)
def test_every_view_draws_the_same_figure(stores, kind):
    for name in VIEWS:
        want = make_view(stores["memory"], name)
        got = make_view(other(stores, kind), name)
        assert got == want, name
        assert len(want.nodes) > 3


@pytest.mark.parametrize("kind", BACK_ENDS)
def test_validation_and_counts_agree(stores, kind):
    reference, store = stores["memory"], other(stores, kind)
    want, got = validate(reference), validate(store)
    assert (got.conforms, got.triples) == (want.conforms, want.triples)
    assert sorted(map(repr, got.problems)) == sorted(map(repr, want.problems))
    assert class_counts(store) == class_counts(reference)
    assert graph_sizes(store) == graph_sizes(reference)
    assert len(store) == len(reference)


@pytest.mark.parametrize("kind", BACK_ENDS)
def test_plain_quads_are_the_quads_with_iris_as_text(stores, kind):
    from strategygraph.terms import RDFS, SG

    wanted = [SG.ledBy, SG.dueDate, RDFS.label]
    reference = sorted(stores["memory"].plain_quads(wanted), key=repr)
    got = sorted(other(stores, kind).plain_quads(wanted), key=repr)
    assert got == reference
    assert {type(s) for s, *_ in got} == {str}
    assert {type(o).__name__ for _, p, o, _ in got if p == str(SG.ledBy)} == {"str"}
    assert {type(o).__name__ for _, p, o, _ in got if p == str(SG.dueDate)} == {"Literal"}
    assert {g for *_, g in got} <= {str(c) for c in stores["memory"].graphs()}


@pytest.mark.parametrize("kind", ["oxigraph", "oxigraph-disk"])
def test_a_triple_in_two_versions_counts_once(stores, kind):
    # SPARQL's default graph is the merge of the named graphs (a set); Oxigraph's own union
    # would count a triple stated by two versions twice.
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    want = sg.query(text, stores["memory"])["n"].item()
    assert sg.query(text, stores[kind])["n"].item() == want
    per_graph = sg.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", stores[kind])["n"].item()
    assert per_graph == len(stores["memory"]) > want


def test_files_written_from_oxigraph_hold_the_same_quads(stores, tmp_path):
    reference = {tuple(q) for q in stores["memory"].quads()}
    for fmt in ("trig", "nquads"):
        path = write_file(stores["oxigraph"], tmp_path / f"g.{fmt}")
        ds = Dataset()
        ds.parse(path, format=fmt)
        read = {(s, p, o, c.identifier if hasattr(c, "identifier") else c)
                for s, p, o, c in ds.quads((None, None, None, None))}
        assert read == reference, fmt


# -- choosing the back end ----------------------------------------------------------------

def test_the_store_is_chosen_by_option_then_environment_then_config(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("STRATEGYGRAPH_STORE", raising=False)

    def held_in(*args, env=None):
        result = runner.invoke(cli, [*args, "stats"], env=env)
        assert result.exit_code == 0, result.output
        return next(line for line in result.output.splitlines() if line.startswith("Held in"))

    assert held_in() == "Held in: oxigraph (in memory)"
    (tmp_path / "strategygraph.toml").write_text('[strategygraph]\nstore = "memory"\n')
    assert held_in() == "Held in: memory (rdflib)"
    assert held_in(env={"STRATEGYGRAPH_STORE": "oxigraph"}) == "Held in: oxigraph (in memory)"
    assert held_in("--store", "memory", env={"STRATEGYGRAPH_STORE": "oxigraph"}) == "Held in: memory (rdflib)"


def test_a_bad_store_setting_is_one_line_and_exit_2(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["--store", "postgres", "stats"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "Error: --store: unknown store 'postgres' (expected memory, oxigraph, oxigraph:FOLDER or an http(s):// "
        "endpoint URL)"]
    (tmp_path / "strategygraph.toml").write_text("[strategygraph\nstore = 1\n")
    result = runner.invoke(cli, ["stats"], env={"STRATEGYGRAPH_STORE": ""})
    assert result.exit_code == 2 and result.stderr.startswith("Error: strategygraph.toml: is not valid TOML")


def test_an_oxigraph_folder_keeps_the_graph_between_commands(runner, tmp_path):
    folder = tmp_path / "store"
    built = runner.invoke(cli, ["--store", f"oxigraph:{folder}", "build"])
    assert built.exit_code == 0, built.output
    assert f"oxigraph ({folder})" in built.stderr and "7 named graphs" in built.stderr
    kept = runner.invoke(cli, ["--store", f"oxigraph:{folder}", "query", "--name", "versions", "--format", "csv"])
    fresh = runner.invoke(cli, ["--store", "memory", "query", "--name", "versions", "--format", "csv"])
    assert kept.exit_code == 0, kept.output
    assert kept.stdout == fresh.stdout and kept.stdout.count("\n") == 7


def test_a_broken_graph_file_is_one_line_on_oxigraph(runner, tmp_path):
    bad = tmp_path / "bad.trig"
    bad.write_text("<urn:a> <urn:b> .\n")
    result = runner.invoke(cli, ["--store", "oxigraph", "validate", str(bad)])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith(f"Error: {bad}: is not valid trig RDF")


def _count(store, named_graphs: bool) -> int:
    return int(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", named_graphs=named_graphs).rows[0][0])


def test_oxigraph_in_memory_answers_default_graph_queries_from_a_merge_kept_in_step(tmp_path):
    # Queries without GRAPH run on a second store holding the merge only: it must hold the
    # same triples as the main store's default graph after every kind of write.
    import pyoxigraph as ox
    from rdflib import Literal, URIRef

    from strategygraph.store.oxigraph import OxigraphStore

    a, p, g1, g2 = (URIRef(f"urn:x:{n}") for n in ("a", "p", "g1", "g2"))
    store = open_store("oxigraph")
    store.add_quads([(a, p, Literal("one"), g1), (a, p, Literal("one"), g2)])
    store.add_quads([(a, p, Literal("two"), g2)])  # a second write
    assert _count(store, False) == _count(store, True) == 2
    assert store._merge is not None and len(store._merge) == 2  # the merge only, no version copies
    store.clear()
    assert _count(store, False) == _count(store, True) == 0

    path = write_file(build_store(sg.sample_data(), "memory"), tmp_path / "g.trig")
    loaded = open_store("oxigraph")
    loaded.load_file(path)  # a file load adds through Oxigraph itself: the merge is copied afresh
    assert _count(loaded, False) == _count(loaded, True) == _count(build_store(sg.sample_data(), "memory"), True)

    raw = ox.Store()
    raw.add(ox.Quad(ox.NamedNode("urn:x:a"), ox.NamedNode("urn:x:p"), ox.Literal("z"), ox.DefaultGraph()))
    assert _count(OxigraphStore.wrap(raw), False) == 1


def test_oxigraph_cells_are_the_terms_text_except_typed_literals():
    from rdflib import Literal

    from strategygraph.sparql.text import with_prologue

    store = build_store(sg.sample_data(), "oxigraph")
    answer = store.query(with_prologue(
        "SELECT ?a ?label ?due ?none WHERE { ?a a sg:Action ; rdfs:label ?label ; sg:dueDate ?due . "
        "OPTIONAL { ?a sg:noSuchThing ?none } } LIMIT 3"), named_graphs=False)
    assert answer.size == 3
    for cells, terms in zip(answer.cells(), answer.rows):
        assert [type(c) for c in cells[:2]] == [str, str] and cells[:2] == tuple(str(t) for t in terms[:2])
        assert type(cells[2]) is Literal and cells[2] == terms[2] and cells[2].datatype == terms[2].datatype
        assert cells[3] is None and terms[3] is None


def test_oxigraph_results_read_from_tsv_equal_those_read_term_by_term():
    # Without a row limit Oxigraph hands a SELECT over as TSV text: every kind of value must
    # come back as the same rdflib term (and table cell) as when read one term at a time.
    from rdflib import BNode, Literal, URIRef

    from strategygraph.terms import XSD

    s, p = URIRef("urn:x:s"), URIRef("urn:x:p")
    values = [Literal('tab\there "quoted" back\\slash\nnew line \u00e9 \u2028 \x01'), Literal("fr", lang="fr-CA"),
              Literal("-5", datatype=XSD.integer), Literal("0.5", datatype=XSD.decimal),
              Literal("1e3", datatype=XSD.double), Literal("true", datatype=XSD.boolean),
              Literal("2025-03-31", datatype=XSD.date), Literal("abc", datatype=XSD.integer),
              Literal("x", datatype=URIRef("urn:x:type")),
              URIRef("http://example.org/caf\u00e9?q=1#f"), BNode("b1"), Literal("")]
    store = open_store("oxigraph")
    store.add_quads([(s, p, v, URIRef("urn:x:g")) for v in values])
    for text, named in (("SELECT ?o ?none WHERE { ?s ?p ?o OPTIONAL { ?o ?q ?none } } ORDER BY STR(?o)", False),
                        ("SELECT ?g ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY STR(?o)", True),
                        ("SELECT ?none WHERE { ?s ?p ?o OPTIONAL { ?o ?q ?none } }", False),
                        ("SELECT * WHERE { ?s <urn:x:none> ?o }", False), ("SELECT * WHERE { }", False)):
        by_tsv, by_term = store.query(text, named_graphs=named), store.query(text, limit=10**6, named_graphs=named)
        assert by_tsv.vars == by_term.vars, text
        assert by_tsv.size == by_term.size, text
        assert by_tsv.rows == by_term.rows, text
        assert [[(type(v), getattr(v, "datatype", None), getattr(v, "language", None)) for v in row]
                for row in by_tsv.rows] == \
               [[(type(v), getattr(v, "datatype", None), getattr(v, "language", None)) for v in row]
                for row in by_term.rows], text
        assert by_tsv.cells() == by_term.cells(), text
        cells = by_term.cells()
        assert by_tsv.columns() == by_term.columns() == [[row[i] for row in cells] for i in range(len(by_term.vars))]
        if by_tsv.vars:
            pd.testing.assert_frame_equal(output(by_tsv), output(by_term))
    assert store.query("SELECT ?o WHERE { ?s ?p ?o }", named_graphs=False).size == len(values)


@pytest.mark.parametrize("kind", BACK_ENDS)
def test_alignment_gives_the_same_report(stores, kind):
    # Councils share notations and ids, so ties between targets are settled by IRI, never by
    # the order a store happens to hand triples over in.
    from strategygraph.align import align_objectives

    objectives = ["Cut carbon emissions from council buildings and fleet",
                  "Build more affordable homes for local people", "Support young people into skilled local jobs"]
    want = align_objectives(objectives, stores["memory"]).as_dict()
    got = align_objectives(objectives, other(stores, kind)).as_dict()
    assert got == want
    assert any(o["matches"] for o in want["objectives"])
