"""A read-only SPARQL 1.1 Protocol endpoint over a graph held in memory.

``/sparql`` answers GET ``?query=`` and POST (form-encoded ``query=`` or a body of type
``application/sparql-query``) with SPARQL JSON, XML, CSV or TSV results chosen by the
``Accept`` header (CONSTRUCT and DESCRIBE: Turtle, N-Triples or RDF/XML). Updates are refused
with 403 and never reach the graph. Each query runs under a time limit (503 when it is
stopped) and a result-size limit (413). ``/named/NAME?param=value`` runs a named query with
its parameters bound server-side, and ``/`` is a small query page that works offline.

Tests and notebooks start it on port 0 in a thread:

>>> import threading, urllib.request, json
>>> server = make_server(port=0)
>>> thread = threading.Thread(target=server.serve_forever, daemon=True); thread.start()
>>> url = server.url + "sparql?query=" + urllib.parse.quote("ASK { ?a a sg:Action }")
>>> json.load(urllib.request.urlopen(url))["boolean"]
True
>>> server.shutdown(); server.server_close()
"""

from __future__ import annotations

import html
import json
import logging
import secrets
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from rdflib import Graph

from strategygraph.errors import StrategyGraphError
from strategygraph.sparql import results
from strategygraph.sparql.api import backend
from strategygraph.sparql.engine import prepare
from strategygraph.sparql.errors import (ParameterError, QueryRefused, QuerySyntaxError, QueryTimeout,
                                         ResultTooLarge, UnknownQuery)
from strategygraph.sparql.named import get_named, list_named

log = logging.getLogger("strategygraph.serve")

#: Largest request body accepted (a query, not a data upload).
MAX_BODY = 1_000_000
_GRAPH_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml",
                "application/ld+json": "json-ld"}
_GRAPH_CONTENT = {"turtle": "text/turtle; charset=utf-8", "nt": "application/n-triples",
                  "xml": "application/rdf+xml", "json-ld": "application/ld+json"}
#: Short names accepted in ``?format=`` (for browsers, which cannot set Accept on a link).
FORMAT_NAMES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
                "ntriples": "application/n-triples", "rdfxml": "application/rdf+xml", "jsonld": "application/ld+json"}
_STATUS = {QuerySyntaxError: 400, ParameterError: 400, QueryRefused: 403, UnknownQuery: 404, ResultTooLarge: 413,
           QueryTimeout: 503}


def accepted(header: str | None, offered: list[str]) -> str | None:
    """The media type of *offered* that the ``Accept`` *header* prefers (first offered on ties).

    >>> accepted("text/csv;q=0.5, application/sparql-results+xml", ["application/sparql-results+json",
    ...          "application/sparql-results+xml", "text/csv"])
    'application/sparql-results+xml'
    >>> accepted(None, ["text/turtle"]), accepted("image/png", ["text/turtle"])
    ('text/turtle', None)
    """
    if not header or not header.strip():
        return offered[0]
    ranges = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        ranges.append((fields[0].lower(), q))

    def quality(media: str) -> float:
        # the most specific range that matches decides (RFC 9110, 12.5.1)
        major = media.split("/")[0] + "/*"
        for pattern in (media, major, "*/*"):
            matches = [q for r, q in ranges if r == pattern]
            if matches:
                return max(matches)
        return 0.0

    best, best_q = None, 0.0
    for candidate in offered:
        q = quality(candidate)
        if q > best_q:
            best, best_q = candidate, q
    return best


class SparqlServer(ThreadingHTTPServer):
    """The endpoint: a ``ThreadingHTTPServer`` holding the graph and the limits."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], g: Graph, timeout: float, max_rows: int):
        self.engine = backend(g)
        self.query_timeout = timeout
        self.max_rows = max_rows
        super().__init__(address, _Handler)

    @property
    def url(self) -> str:
        """Base URL of the server (``http://host:port/``)."""
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"


def make_server(g: Graph | None = None, host: str = "127.0.0.1", port: int = 7070, timeout: float = 5.0,
                max_rows: int = 10_000) -> SparqlServer:
    """A server for *g* (default: the bundled graph) on *host*:*port*; call ``serve_forever()``.

    *timeout* is the per-query time limit in seconds and *max_rows* the largest result served.
    Port 0 picks a free port (see ``server.url``).
    """
    if g is None:
        from strategygraph.sparql.api import graph

        g = graph()
    return SparqlServer((host, port), g, timeout, max_rows)


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "strategygraph-sparql"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        log.info("%s %s", self.address_string(), format % args)

    # -- responses -------------------------------------------------------------------------
    def send(self, status: int, body: bytes | str, content_type: str, extra: dict | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def fail(self, status: int, message: str) -> None:
        self.send(status, message.rstrip() + "\n", "text/plain; charset=utf-8")

    # -- routes ----------------------------------------------------------------------------
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        parts = urllib.parse.urlsplit(self.path)
        form = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
        if parts.path in ("/", "/index.html"):
            return self.page()
        if parts.path == "/sparql":
            if "update" in form:
                return self.fail(403, "SPARQL Update is not allowed: this endpoint is read-only")
            if "query" not in form:
                return self.fail(400, "no query: send ?query=... (GET) or POST a query")
            return self.answer(form["query"][0], form)
        if parts.path.startswith("/named/"):
            return self.named(urllib.parse.unquote(parts.path[len("/named/"):]), form)
        if parts.path == "/queries.json":
            return self.send(200, json.dumps([q.as_dict() | {"text": q.text} for q in list_named()]),
                             "application/json")
        return self.fail(404, f"no such page: {parts.path} (the endpoint is /sparql)")

    def do_POST(self) -> None:  # noqa: N802
        parts = urllib.parse.urlsplit(self.path)
        if parts.path != "/sparql":
            return self.fail(404, f"no such endpoint: {parts.path} (POST queries to /sparql)")
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0:
            return self.fail(400, "bad Content-Length")
        if length > MAX_BODY:
            # read what was sent (up to a bound) so the client sees the answer, not a reset
            remaining = min(length, 16 * MAX_BODY)
            while remaining > 0:
                chunk = self.rfile.read(min(remaining, 65536))
                if not chunk:
                    break
                remaining -= len(chunk)
            self.close_connection = True
            return self.fail(413, f"the request body is larger than {MAX_BODY:,} bytes")
        body = self.rfile.read(length).decode("utf-8", "replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        form = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
        if ctype == "application/sparql-update":
            return self.fail(403, "SPARQL Update is not allowed: this endpoint is read-only")
        if ctype == "application/sparql-query":
            return self.answer(body, form)
        if ctype in ("application/x-www-form-urlencoded", ""):
            form.update(urllib.parse.parse_qs(body, keep_blank_values=True))
            if "update" in form:
                return self.fail(403, "SPARQL Update is not allowed: this endpoint is read-only")
            if "query" not in form:
                return self.fail(400, "no query: the form has no 'query' field")
            return self.answer(form["query"][0], form)
        return self.fail(415, f"unsupported content type {ctype!r}: send application/sparql-query or a "
                              f"form (application/x-www-form-urlencoded)")

    # -- queries ---------------------------------------------------------------------------
    def accept(self, form: dict) -> str | None:
        wanted = form.get("format", [""])[0].strip().lower()
        if wanted:
            return FORMAT_NAMES.get(wanted, wanted)
        return self.headers.get("Accept")

    def answer(self, text: str, form: dict, params: dict | None = None) -> None:
        try:
            prepared = prepare(text).bind(params or {})
            if form.get("default-graph-uri") or form.get("named-graph-uri"):
                raise QueryRefused("default-graph-uri / named-graph-uri are not supported: the default graph is "
                                   "the union of all named graphs (use GRAPH ?g to pick one)")
            result = self.server.engine.run(prepared, timeout=self.server.query_timeout,
                                            max_rows=self.server.max_rows)
        except StrategyGraphError as exc:
            status = next((code for cls, code in _STATUS.items() if isinstance(exc, cls)), 400)
            return self.fail(status, f"{type(exc).__name__}: {exc}")
        accept = self.accept(form)
        if result.form in ("CONSTRUCT", "DESCRIBE"):
            media = accepted(accept, list(_GRAPH_TYPES))
            if media is None:
                return self.fail(406, "a graph result is available as " + ", ".join(_GRAPH_TYPES))
            fmt = _GRAPH_TYPES[media]
            return self.send(200, result.graph.serialize(format=fmt, encoding="utf-8"), _GRAPH_CONTENT[fmt])
        offered = list(dict.fromkeys(results.MEDIA_TYPES))
        media = accepted(accept, offered if result.form == "SELECT" else offered[:5])
        if media is None:
            return self.fail(406, "results are available as " + ", ".join(offered))
        fmt = results.MEDIA_TYPES[media]
        if result.form == "ASK":
            body = results.boolean_json(result.boolean) if fmt == "json" else results.boolean_xml(result.boolean)
        else:
            body = results.write(fmt, result.vars, result.rows)
        return self.send(200, body, results.CONTENT_TYPES[fmt])

    def named(self, name: str, form: dict) -> None:
        from strategygraph.sparql.api import named_params

        try:
            nq = get_named(name)
            values = {k: v[0] for k, v in form.items() if k != "format"}
            params = named_params(nq, values, self.server.engine)
        except StrategyGraphError as exc:
            status = next((code for cls, code in _STATUS.items() if isinstance(exc, cls)), 400)
            return self.fail(status, f"{type(exc).__name__}: {exc}")
        return self.answer(nq.text, {"format": form.get("format", [""])}, params)

    def page(self) -> None:
        nonce = secrets.token_urlsafe(16)
        body = page_html(nonce)
        self.send(200, body, "text/html; charset=utf-8", {
            "Content-Security-Policy": f"default-src 'none'; script-src 'nonce-{nonce}'; "
                                       f"style-src 'nonce-{nonce}'; connect-src 'self'; form-action 'self'; "
                                       f"base-uri 'none'"})


def page_html(nonce: str = "") -> str:
    """The query page: a text box, the named queries to start from, results as a table.

    Everything is inline (no network beyond this server); query texts travel as escaped JSON
    and results are put in the page as text, never as HTML.

    >>> "<textarea" in page_html() and "overdue-actions" in page_html()
    True
    """
    queries = [q.as_dict() | {"text": q.text, "paramSpecs": [
        {"name": p.name, "type": p.type, "default": p.default or "", "required": p.required,
         "description": p.description} for p in q.params]} for q in list_named()]
    data = json.dumps(queries).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    items = "\n".join(
        f'<li><button type="button" data-name="{html.escape(q["name"])}">{html.escape(q["name"])}</button> '
        f'<span class="title">{html.escape(q["title"])}</span>'
        + (f' <span class="params">{html.escape(", ".join(q["params"]))}</span>' if q["params"] else "")
        + "</li>" for q in queries)
    n = html.escape(nonce)
    return _PAGE.replace("{{nonce}}", n).replace("{{items}}", items).replace("{{data}}", data)


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>strategygraph SPARQL</title>
<style nonce="{{nonce}}">
body { font: 15px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1b1b1b; }
main { display: grid; grid-template-columns: minmax(18rem, 1fr) 2fr; gap: 1.5rem; }
textarea { width: 100%; height: 16rem; font: 13px/1.4 ui-monospace, monospace; }
ul { list-style: none; padding: 0; } li { margin: .35rem 0; }
li button { font: 12px ui-monospace, monospace; }
.params { color: #555; font-size: 12px; } #status { margin: .5rem 0; white-space: pre-wrap; }
.error { color: #a00000; } table { border-collapse: collapse; font-size: 13px; }
th, td { border: 1px solid #ccc; padding: .2rem .4rem; text-align: left; vertical-align: top; }
#paramBox label { display: block; margin: .2rem 0; }
</style>
</head>
<body>
<h1>Ask the graph</h1>
<p>SPARQL 1.1 endpoint at <code>/sparql</code> (read-only). The prefixes <code>sg:</code>,
<code>skos:</code>, <code>org:</code>, <code>dcterms:</code>, <code>prov:</code>, <code>foaf:</code>
and the other standard ones are predeclared.</p>
<main>
<section>
<h2>Named queries</h2>
<ul id="named">
{{items}}
</ul>
</section>
<section>
<h2>Query</h2>
<textarea id="query" spellcheck="false">SELECT ?action ?label
WHERE { ?action a sg:Action ; rdfs:label ?label }
LIMIT 10</textarea>
<div id="paramBox"></div>
<button type="button" id="run">Run</button>
<div id="status" role="status"></div>
<div id="results"></div>
</section>
</main>
<script type="application/json" id="queries">{{data}}</script>
<script nonce="{{nonce}}">
(function () {
  const queries = JSON.parse(document.getElementById("queries").textContent);
  const box = document.getElementById("query");
  const paramBox = document.getElementById("paramBox");
  const status = document.getElementById("status");
  const out = document.getElementById("results");
  let current = null;
  function show(message, isError) {
    status.textContent = message;
    status.className = isError ? "error" : "";
  }
  function load(name) {
    current = queries.find(q => q.name === name);
    box.value = current.text;
    paramBox.replaceChildren();
    for (const p of current.paramSpecs) {
      const label = document.createElement("label");
      label.textContent = p.name + " (" + p.type + (p.required ? "" : ", optional") + "): ";
      const input = document.createElement("input");
      input.name = p.name; input.value = p.default; input.title = p.description;
      label.appendChild(input);
      paramBox.appendChild(label);
    }
    show(current.description, false);
  }
  for (const b of document.querySelectorAll("#named button")) {
    b.addEventListener("click", () => load(b.dataset.name));
  }
  box.addEventListener("input", () => { current = null; paramBox.replaceChildren(); });
  function cell(term) {
    const td = document.createElement("td");
    td.textContent = term === undefined ? "" : term.value;
    return td;
  }
  function table(data) {
    out.replaceChildren();
    if ("boolean" in data) { show(String(data.boolean), false); return; }
    const t = document.createElement("table");
    const head = t.createTHead().insertRow();
    for (const v of data.head.vars) {
      const th = document.createElement("th");
      th.textContent = v;
      head.appendChild(th);
    }
    const body = t.createTBody();
    for (const b of data.results.bindings) {
      const row = body.insertRow();
      for (const v of data.head.vars) row.appendChild(cell(b[v]));
    }
    out.appendChild(t);
    show(data.results.bindings.length + " rows", false);
  }
  async function run() {
    show("Running…", false);
    out.replaceChildren();
    let response;
    const accept = "application/sparql-results+json";
    if (current && current.text === box.value) {
      const params = new URLSearchParams();
      for (const input of paramBox.querySelectorAll("input")) if (input.value) params.set(input.name, input.value);
      response = await fetch("named/" + encodeURIComponent(current.name) + "?" + params, {headers: {Accept: accept}});
    } else {
      response = await fetch("sparql", {method: "POST", headers: {"Content-Type": "application/sparql-query",
                                         Accept: accept}, body: box.value});
    }
    const text = await response.text();
    if (!response.ok) { show(text, true); return; }
    const type = response.headers.get("Content-Type") || "";
    if (type.indexOf("json") < 0) { const pre = document.createElement("pre"); pre.textContent = text;
                                    out.appendChild(pre); show("", false); return; }
    table(JSON.parse(text));
  }
  document.getElementById("run").addEventListener("click", () => run().catch(e => show(String(e), true)));
})();
</script>
</body>
</html>
"""
