"""``strategygraph serve``: a read-only SPARQL 1.1 Protocol endpoint with limits and a query page."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph
from rdflib.query import Result

from strategygraph.sparql import graph
from strategygraph.sparql.engine import running_queries
from strategygraph.sparql.named import list_named
from strategygraph.sparql.serve import make_server
from strategygraph.terms import ID_BASE

L = ID_BASE + "lancaster/"
SELECT = "SELECT ?g ?label WHERE { ?g a sg:DeliveryGroup ; rdfs:label ?label } ORDER BY ?g"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def server():
    srv = make_server(graph(), port=0, timeout=1.5, max_rows=200)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()
    thread.join(10)


def request(server, path="sparql", *, query=None, data=None, content_type=None, accept=None, method=None):
    url = server.url + path
    if query is not None:
        url += "?" + urllib.parse.urlencode(query)
    headers = {}
    if content_type:
        headers["Content-Type"] = content_type
    if accept:
        headers["Accept"] = accept
    body = data.encode("utf-8") if isinstance(data, str) else data
    req = urllib.request.Request(url, data=body, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read().decode("utf-8")


def quads():
    return len(list(graph().quads((None, None, None, None))))


def test_get_select_returns_sparql_json(server):
    status, ctype, body = request(server, query={"query": SELECT})
    assert status == 200 and ctype == "application/sparql-results+json"
    data = json.loads(body)
    assert data["head"]["vars"] == ["g", "label"]
    assert data["results"]["bindings"][0] == {
        "g": {"type": "uri", "value": L + "g1-climate"}, "label": {"type": "literal", "value": "Climate Emergency"}}
    parsed = Result.parse(io.StringIO(body), format="json")  # a SPARQL JSON reader accepts it
    assert len(parsed) == 5


@pytest.mark.parametrize("accept,fmt", [("application/sparql-results+xml", "xml"), ("text/csv", "csv"),
                                        ("text/tab-separated-values", "tsv"),
                                        ("text/csv;q=0.2, application/sparql-results+xml;q=0.9", "xml")])
def test_content_negotiation(server, accept, fmt):
    status, ctype, body = request(server, data=urllib.parse.urlencode({"query": SELECT}),
                                  content_type="application/x-www-form-urlencoded", accept=accept)
    assert status == 200 and ctype.startswith(accept.split(";")[0].split(",")[0] if fmt != "xml" else
                                              "application/sparql-results+xml")
    result = Result.parse(io.StringIO(body), format=fmt)
    labels = sorted(str(row[1]) for row in result)
    assert labels[0] == "A Regenerative & Distributive Economy" and len(labels) == 5
    if fmt == "csv":
        assert next(csv.reader(io.StringIO(body))) == ["g", "label"]


def test_post_sparql_query_body_and_ask(server):
    status, _, body = request(server, data="ASK { ?a a sg:Action }", content_type="application/sparql-query")
    assert status == 200 and json.loads(body)["boolean"] is True
    status, ctype, body = request(server, data="ASK { ?a a sg:Nothing }", content_type="application/sparql-query",
                                  accept="application/sparql-results+xml")
    assert status == 200 and "<boolean>false</boolean>" in body


def test_construct_as_turtle_and_ntriples(server):
    q = "CONSTRUCT { ?g sg:inPlan ?p } WHERE { ?g a sg:DeliveryGroup ; sg:inPlan ?p }"
    status, ctype, body = request(server, query={"query": q})
    assert status == 200 and ctype.startswith("text/turtle")
    assert len(Graph().parse(data=body, format="turtle")) == 5
    status, ctype, body = request(server, query={"query": q}, accept="application/n-triples")
    assert ctype == "application/n-triples" and len(Graph().parse(data=body, format="nt")) == 5


@pytest.mark.parametrize("how", ["update-form", "query-form", "sparql-update-body", "get-update"])
def test_updates_are_refused_and_change_nothing(server, how):
    insert = f"INSERT DATA {{ GRAPH <{L}curation> {{ <{L}x> <{L}y> \"hacked\" }} }}"
    before = quads()
    if how == "update-form":
        status, _, body = request(server, data=urllib.parse.urlencode({"update": insert}),
                                  content_type="application/x-www-form-urlencoded")
    elif how == "query-form":
        status, _, body = request(server, data=urllib.parse.urlencode({"query": insert}),
                                  content_type="application/x-www-form-urlencoded")
    elif how == "sparql-update-body":
        status, _, body = request(server, data=insert, content_type="application/sparql-update")
    else:
        status, _, body = request(server, query={"update": insert})
    assert status == 403 and "read-only" in body
    assert quads() == before
    _, _, answer = request(server, query={"query": 'ASK { ?s ?p "hacked" }'})
    assert json.loads(answer)["boolean"] is False


def test_delete_is_refused_too(server):
    before = quads()
    status, _, _ = request(server, data="DELETE WHERE { ?s ?p ?o }", content_type="application/sparql-query")
    assert status == 403 and quads() == before


def test_runaway_query_is_stopped_at_the_limit(server):
    status, ctype, body = request(server, data=RUNAWAY, content_type="application/sparql-query")
    assert status == 503 and "ran longer than 1.5 s and was stopped" in body
    # the worker is really stopped, not left burning CPU
    for _ in range(300):
        if running_queries() == 0:
            break
        time.sleep(0.1)
    assert running_queries() == 0
    status, _, body = request(server, query={"query": "ASK { ?a a sg:Action }"})
    assert status == 200 and json.loads(body)["boolean"] is True


def test_result_size_limit(server):
    status, _, body = request(server, query={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert status == 413 and "more than 200 rows" in body
    status, _, body = request(server, query={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 200"})
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 200


def test_bad_requests(server):
    status, ctype, body = request(server, query={"query": "SELECT ?x WHERE {\n ?x ?y }"})
    assert status == 400 and "query:2:2:" in body and ctype.startswith("text/plain")
    assert request(server, query={"nothing": "x"})[0] == 400
    assert request(server, data="x", content_type="image/png")[0] == 415
    assert request(server, "nowhere")[0] == 404
    huge = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 1_100_000
    assert request(server, data=huge, content_type="application/sparql-query")[0] == 413
    assert request(server, query={"query": SELECT}, accept="image/png")[0] == 406
    status, _, body = request(server, query={"query": "SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }"})
    assert status == 403 and "SERVICE" in body


def test_named_query_endpoint_binds_params_server_side(server):
    status, _, body = request(server, "named/rag-history", query={"action": "lga-r2-a1"})
    assert status == 200
    dates = [b["date"]["value"] for b in json.loads(body)["results"]["bindings"]]
    assert dates == ["2017-02", "2019-01"]
    assert request(server, "named/rag-history", query={"action": 'x" } ; DROP ALL #'})[0] == 400
    assert request(server, "named/rag-history", query={"who": "x"})[0] == 400
    assert request(server, "named/no-such-query")[0] == 404
    status, ctype, body = request(server, "named/overdue-actions", query={"asOf": "2025-06-30", "format": "csv"})
    assert status == 200 and ctype.startswith("text/csv") and body.startswith("action,label,")


def test_query_page_is_self_contained_and_lists_named_queries(server):
    status, ctype, body = request(server, "")
    assert status == 200 and ctype.startswith("text/html")
    for nq in list_named():
        assert f'data-name="{nq.name}"' in body
    assert "<script src" not in body and "<link" not in body and "//cdn" not in body
    assert "http://" not in body.replace("http://www.w3.org", "")  # nothing to fetch from elsewhere


def test_only_localhost_by_default():
    srv = make_server(graph(), port=0)
    try:
        assert srv.server_address[0] == "127.0.0.1"
    finally:
        srv.server_close()


@pytest.mark.skipif(not shutil.which("curl"), reason="curl is not installed")
def test_curl(server):
    """The acceptance line, literally: curl gets SPARQL JSON, and an INSERT gets a 4xx."""
    out = subprocess.run(["curl", "-s", "-H", "Accept: application/sparql-results+json", "--data-urlencode",
                          f"query={SELECT}", server.url + "sparql"], capture_output=True, text=True, check=True)
    assert len(json.loads(out.stdout)["results"]["bindings"]) == 5
    code = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--data-urlencode",
                           "update=INSERT DATA { <urn:a> <urn:b> <urn:c> }", server.url + "sparql"],
                          capture_output=True, text=True, check=True).stdout
    assert code.startswith("4")


def test_serve_command_starts_and_answers(tmp_path):
    """The CLI serves until stopped; it binds the given port on localhost."""
    import socket
    import sys

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "strategygraph", "serve", "--port", str(port), "--timeout", "5"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/sparql?" + urllib.parse.urlencode({"query": "ASK { ?a a sg:Action }"})
        for _ in range(300):
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    assert json.loads(response.read())["boolean"] is True
                    break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        else:
            pytest.fail("strategygraph serve did not answer")
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/sparql" in err
