"""A real SPARQL 1.1 store (Oxigraph's server): push the graph, then every named query gives
the same rows there as in memory."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager

import pandas as pd
import pytest

from strategygraph.cli import cli
from strategygraph.sparql import Endpoint, RemoteError, graph, list_named, push, run_named
from strategygraph.terms import ID_BASE

L = ID_BASE + "lancaster/"

#: Parameters for the named queries that need them (Lancaster ids).
PARAMS = {
    "overdue-actions": {"asOf": "2025-06-30"},
    "rag-history": {"action": "lga-r2-a1"},
    "changes-between-versions": {"older": "cpc-2024-09", "newer": "cpc-2025-10"},
    "provenance": {"node": "cpc-r10-a1"},
    "fact-provenance": {"node": "cpc-r10-a1", "property": "sg:dueDate"},
    "supporters": {"target": "theme-climate-emergency"},
}

pytestmark = pytest.mark.skipif(not shutil.which("oxigraph"), reason="the oxigraph server is not installed "
                                                                     "(pip install oxigraph)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def oxigraph(location=None):
    """An ``oxigraph serve`` on a free loopback port; yields its base URL and stops it after."""
    port = free_port()
    args = ["oxigraph", "serve", "--bind", f"127.0.0.1:{port}"]
    if location is not None:
        args += ["--location", str(location)]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"oxigraph serve exited: {proc.stderr.read().decode()}")
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(30)


def store_count(base: str, query: str) -> int:
    data = urllib.parse.urlencode({"query": query}).encode()
    req = urllib.request.Request(f"{base}/query", data=data, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=60) as response:
        bindings = json.load(response)["results"]["bindings"]
    return int(bindings[0]["n"]["value"])


def quad_count() -> int:
    return len(list(graph().quads((None, None, None, None))))


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with oxigraph(tmp_path_factory.mktemp("oxigraph")) as base:
        report = push(graph(), f"{base}/store")
        assert report.triples == quad_count()
        yield base


def test_push_keeps_named_graphs(store):
    named = {g for g in graph().graphs() if len(g)}
    assert store_count(store, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == len(named)
    assert store_count(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == quad_count()
    assert Endpoint(f"{store}/query").named_graphs() == sorted(str(g.identifier) for g in named)


def test_push_again_replaces_rather_than_duplicates(store):
    push(graph(), f"{store}/store")
    assert store_count(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == quad_count()


def _same(name: str, local: pd.DataFrame, remote: pd.DataFrame) -> None:
    if "ORDER BY" not in next(q for q in list_named() if q.name == name).text:
        local = local.astype(str).sort_values(list(local.columns)).reset_index(drop=True)
        remote = remote.astype(str).sort_values(list(remote.columns)).reset_index(drop=True)
    pd.testing.assert_frame_equal(local, remote)


@pytest.mark.parametrize("name", [q.name for q in list_named()])
def test_named_query_same_on_the_store_as_in_memory(store, name):
    local = run_named(name, **PARAMS.get(name, {}))
    remote = run_named(name, graph=Endpoint(f"{store}/query"), **PARAMS.get(name, {}))
    _same(name, local, remote)


def test_every_named_query_with_parameters_is_covered():
    needing = {q.name for q in list_named() if any(p.required for p in q.params)}
    assert needing <= set(PARAMS)


def test_cli_push_and_query_endpoint(runner, tmp_path):
    with oxigraph() as base:
        result = runner.invoke(cli, ["push", "--endpoint", f"{base}/store"])
        assert result.exit_code == 0, result.output
        assert f"Pushed {quad_count():,} triples in 7 graphs" in result.stderr
        remote = runner.invoke(cli, ["query", "--endpoint", f"{base}/query", "--name", "changes-between-versions",
                                     "-p", "older=cpc-2024-09", "-p", "newer=cpc-2025-10", "--format", "csv"])
        local = runner.invoke(cli, ["query", "--name", "changes-between-versions", "-p", "older=cpc-2024-09",
                                    "-p", "newer=cpc-2025-10", "--format", "csv"])
        assert remote.exit_code == 0, remote.output
        assert remote.stdout == local.stdout and "2025-09-30" in remote.stdout
        ask = runner.invoke(cli, ["query", "--endpoint", f"{base}/query", "ASK { ?a a sg:Action }"])
        assert ask.stdout.strip() == "true"
        construct = runner.invoke(cli, ["query", "--endpoint", f"{base}/query",
                                        "CONSTRUCT { ?g sg:inPlan ?p } WHERE { ?g a sg:DeliveryGroup ; sg:inPlan ?p }",
                                        "--format", "ntriples"])
        assert construct.exit_code == 0 and len(construct.stdout.strip().splitlines()) == 5
        bad = runner.invoke(cli, ["query", "--endpoint", f"{base}/query", "SELECT ?x WHERE {\n ?x ?y }"])
        assert bad.exit_code == 2 and bad.stderr.startswith("Error: query:2:2: ")  # checked before sending


def test_store_with_a_union_default_graph(runner):
    """Stores set up with a union default graph can be queried as they are (no graph list)."""
    port = free_port()
    proc = subprocess.Popen(["oxigraph", "serve", "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        push(graph(), f"{base}/store")
        endpoint = Endpoint(f"{base}/query", default_graph="store")
        for name in ("actions-by-lead", "changes-between-versions", "overdue-actions"):
            _same(name, run_named(name, **PARAMS.get(name, {})), run_named(name, graph=endpoint,
                                                                            **PARAMS.get(name, {})))
        cli_result = runner.invoke(cli, ["query", "--endpoint", f"{base}/query", "--store-default-graph",
                                         "--name", "workstreams-per-group", "--format", "csv"])
        assert cli_result.exit_code == 0 and cli_result.stdout == runner.invoke(
            cli, ["query", "--name", "workstreams-per-group", "--format", "csv"]).stdout
    finally:
        proc.terminate()
        proc.wait(30)


def test_push_with_sparql_update(tmp_path):
    with oxigraph() as base:
        report = push(graph(), f"{base}/update", protocol="update")
        assert len(report.graphs) == 7
        assert store_count(base, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == quad_count()
        local = run_named("workstreams-per-group")
        remote = run_named("workstreams-per-group", graph=f"{base}/query")
        pd.testing.assert_frame_equal(local, remote)


def test_push_into_one_graph(runner):
    with oxigraph() as base:
        result = runner.invoke(cli, ["push", "--endpoint", f"{base}/store", "--graph-iri", "https://example.org/all"])
        assert result.exit_code == 0, result.output
        assert "in 1 graph " in result.stderr
        assert store_count(base, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == 1
        distinct = len({(s, p, o) for s, p, o, _ in graph().quads((None, None, None, None))})
        assert store_count(base, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://example.org/all> { ?s ?p ?o } }") \
            == distinct
        # the union questions still work; the version comparison has no versions left to compare
        pd.testing.assert_frame_equal(run_named("actions-by-lead"), run_named("actions-by-lead", graph=f"{base}/query"))
        changes = run_named("changes-between-versions", graph=f"{base}/query", older="cpc-2024-09",
                            newer="cpc-2025-10")
        assert changes.empty


def test_push_errors_are_one_line(runner):
    result = runner.invoke(cli, ["push", "--endpoint", f"http://127.0.0.1:{free_port()}/store"])
    assert result.exit_code == 2 and result.stderr.startswith("Error: http://127.0.0.1:")
    assert "cannot reach the server" in result.stderr
    bad_iri = runner.invoke(cli, ["push", "--endpoint", "http://127.0.0.1:9/store", "--graph-iri", "not an iri"])
    assert bad_iri.exit_code == 2 and "--graph-iri: 'not an iri' is not an absolute IRI" in bad_iri.stderr
    with pytest.raises(RemoteError, match="starts with http"):
        Endpoint("localhost:7878/query")
    with pytest.raises(RemoteError, match="expected named-graphs or store"):
        Endpoint("http://localhost:7878/query", default_graph="union")


def test_server_errors_are_reported(store):
    with pytest.raises(RemoteError, match="answered 404"):
        run_named("versions", graph=Endpoint(f"{store}/no-such-service"))
