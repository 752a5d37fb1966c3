"""A remote SPARQL 1.1 store: run queries there, and push a built graph into it.

Queries go over the SPARQL 1.1 Protocol (form-encoded POST). So that they mean the same as
in memory, where the default graph is the union of the named graphs, the store's named
graphs are listed first and sent as ``default-graph-uri`` (their merge is the default graph)
and as ``named-graph-uri`` (for ``GRAPH ?g``). A store without named graphs is queried as is.
Some stores repeat a triple that sits in two graphs of such a merge: the named queries count
with ``DISTINCT`` for that reason.

Pushing uses the Graph Store Protocol (``PUT ?graph=IRI``, one request per named graph,
replacing that graph) or SPARQL Update (``DROP SILENT GRAPH`` then ``INSERT DATA``).

>>> Endpoint("http://localhost:7878/query").url
'http://localhost:7878/query'
>>> Endpoint("ftp://x")
Traceback (most recent call last):
...
strategygraph.errors.RemoteError: ftp://x: an endpoint URL starts with http:// or https://
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from rdflib import Dataset, Graph
from rdflib.graph import ConjunctiveGraph

from strategygraph.sparql.engine import Prepared, Result, too_many
from strategygraph.sparql.errors import RemoteError, ResultTooLarge
from strategygraph.sparql.results import from_json
from strategygraph.store import Store, copy_to, graph_view
from strategygraph.store.remote import USER_AGENT as _USER_AGENT, send as _send
from strategygraph.sparql.text import tokens

_GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
_RDF_FORMATS = {"application/n-triples": "nt", "text/plain": "nt", "text/turtle": "turtle",
                "application/rdf+xml": "xml", "application/ld+json": "json-ld", "application/trig": "trig",
                "application/n-quads": "nquads"}
#: Triples per SPARQL Update request when pushing with ``protocol="update"``.
UPDATE_BATCH = 5000


@dataclass(frozen=True)
class Endpoint:
    """A SPARQL 1.1 query endpoint, e.g. ``http://localhost:7878/query`` (Oxigraph).

    Pass it where a graph is expected: ``sg.query(text, graph=Endpoint(url))``.
    """

    url: str
    #: Seconds to wait for the server (network and query time).
    timeout: float = 120.0
    #: ``named-graphs``: the default graph is the merge of the store's named graphs, listed
    #: and sent with each query (standard, works everywhere). ``store``: the store's own
    #: default graph, for stores set up with a union default graph (``oxigraph serve
    #: --union-default-graph``), which answer faster when they hold many graphs.
    default_graph: str = "named-graphs"
    headers: dict = field(default_factory=dict, compare=False)

    def __post_init__(self):
        if urllib.parse.urlsplit(self.url).scheme not in ("http", "https"):
            raise RemoteError(f"{self.url}: an endpoint URL starts with http:// or https://")
        if self.default_graph not in ("named-graphs", "store"):
            raise RemoteError(f"unknown default graph {self.default_graph!r} (expected named-graphs or store)")

    def _post(self, form: list[tuple[str, str]], accept: str) -> tuple[bytes, str]:
        body = urllib.parse.urlencode(form).encode("utf-8")
        request = urllib.request.Request(self.url, data=body, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded", "Accept": accept,
            "User-Agent": _USER_AGENT, **self.headers})
        return _send(request, self.timeout, self.url)

    def named_graphs(self) -> list[str]:
        """IRIs of the store's named graphs."""
        data, _ = self._post([("query", "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")],
                             "application/sparql-results+json")
        _, rows = from_json(data)
        return sorted(str(r[0]) for r in rows if r[0] is not None)

    def run(self, prepared: Prepared, timeout: float | None = None, max_rows: int | None = None) -> Result:
        """Run *prepared* on the store (its default graph = the merge of its named graphs)."""
        form = [("query", prepared.text)]
        has_from = any(t.kind == "word" and t.text.upper() == "FROM" for t in tokens(prepared.user_text))
        if not has_from and self.default_graph == "named-graphs":
            graphs = self.named_graphs()
            form += [("default-graph-uri", g) for g in graphs] + [("named-graph-uri", g) for g in graphs]
        if prepared.form in ("CONSTRUCT", "DESCRIBE"):
            data, ctype = self._post(form, _GRAPH_ACCEPT)
            fmt = _RDF_FORMATS.get(ctype)
            if fmt is None:
                raise RemoteError(f"{self.url}: answered a {prepared.form} query with {ctype or 'no content type'}")
            graph = Graph()
            graph.parse(data=data.decode("utf-8"), format=fmt)
            if max_rows is not None and len(graph) > max_rows:
                raise ResultTooLarge(too_many(max_rows, "triples"))
            return Result(prepared.form, graph=graph)
        data, ctype = self._post(form, "application/sparql-results+json")
        try:
            parsed = from_json(data)
        except ValueError:
            raise RemoteError(f"{self.url}: the answer is not SPARQL JSON results ({ctype})") from None
        if isinstance(parsed, bool):
            return Result("ASK", boolean=parsed)
        names, rows = parsed
        if max_rows is not None and len(rows) > max_rows:
            raise ResultTooLarge(too_many(max_rows, "rows"))
        return Result("SELECT", vars=names, rows=rows)


@dataclass
class PushReport:
    """What :func:`push` sent: triples per target graph (``None`` = the default graph)."""

    endpoint: str
    graphs: dict[str | None, int]

    @property
    def triples(self) -> int:
        """Triples sent in all."""
        return sum(self.graphs.values())


def _parts(g: Graph, graph_iri: str | None) -> list[tuple[str | None, Graph]]:
    if graph_iri is not None:
        merged = Graph()
        for triple in (g.triples((None, None, None)) if not isinstance(g, ConjunctiveGraph)
                       else ((s, p, o) for s, p, o, _ in g.quads((None, None, None, None)))):
            merged.add(triple)
        return [(graph_iri, merged)]
    if not isinstance(g, ConjunctiveGraph):
        return [(None, g)]
    parts = []
    for part in sorted(g.contexts(), key=lambda x: str(x.identifier)):
        if not len(part):
            continue
        default = isinstance(g, Dataset) and part.identifier == g.default_context.identifier
        parts.append((None if default else str(part.identifier), part))
    return parts


def push(g: Graph | Store, url: str, graph_iri: str | None = None, protocol: str = "store",
         timeout: float = 300.0) -> PushReport:
    """Load *g* into the store at *url*, one named graph per named graph of *g*.

    *protocol* ``store`` PUTs each graph to the Graph Store Protocol endpoint *url*
    (e.g. Oxigraph's ``/store``), replacing what that graph held; ``update`` sends SPARQL
    Update to *url* (e.g. ``/update``). With *graph_iri* every triple goes into that one
    graph (the version graphs are then merged, so queries comparing versions find nothing).

    >>> push(Graph(), "http://127.0.0.1:9/store", protocol="post")
    Traceback (most recent call last):
    ...
    strategygraph.errors.RemoteError: unknown push protocol 'post' (expected store or update)
    """
    if protocol not in ("store", "update"):
        raise RemoteError(f"unknown push protocol {protocol!r} (expected store or update)")
    g = copy_to(g, "memory").dataset() if isinstance(g, Store) and g.kind != "memory" else graph_view(g)
    Endpoint(url)  # checks the scheme
    if graph_iri is not None:
        from strategygraph.sparql.params import check_iri, ParameterError

        try:
            check_iri(graph_iri)
        except ParameterError as exc:
            raise RemoteError(f"--graph-iri: {exc}") from None
    sent: dict[str | None, int] = {}
    for name, part in _parts(g, graph_iri):
        if protocol == "store":
            _put_graph(url, name, part, timeout)
        else:
            _update_graph(url, name, part, timeout)
        sent[name] = len(part)
    return PushReport(url, sent)


def _with_query(url: str, params: dict[str, str] | str) -> str:
    query = params if isinstance(params, str) else urllib.parse.urlencode(params)
    return f"{url}{'&' if urllib.parse.urlsplit(url).query else '?'}{query}"


def _put_graph(url: str, name: str | None, part: Graph, timeout: float) -> None:
    target = _with_query(url, {"graph": name} if name else "default")
    body = part.serialize(format="nt", encoding="utf-8")
    request = urllib.request.Request(target, data=body, method="PUT", headers={
        "Content-Type": "application/n-triples", "User-Agent": _USER_AGENT})
    _send(request, timeout, f"{url} (graph {name or 'default'})")


def _update_graph(url: str, name: str | None, part: Graph, timeout: float) -> None:
    def post(update: str) -> None:
        request = urllib.request.Request(url, data=update.encode("utf-8"), method="POST", headers={
            "Content-Type": "application/sparql-update", "User-Agent": _USER_AGENT})
        _send(request, timeout, f"{url} (graph {name or 'default'})")

    target = f"GRAPH <{name}>" if name else "DEFAULT"
    post(f"DROP SILENT {target}" if name else "CLEAR SILENT DEFAULT")
    lines = part.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    lines = [line for line in lines if line.strip()]
    for start in range(0, len(lines), UPDATE_BATCH):
        chunk = "\n".join(lines[start:start + UPDATE_BATCH])
        post(f"INSERT DATA {{ GRAPH <{name}> {{\n{chunk}\n}} }}" if name else f"INSERT DATA {{\n{chunk}\n}}")


def is_url(text: str) -> bool:
    """Whether *text* looks like an http(s) URL.

    >>> is_url("http://localhost:7878/query"), is_url("lancaster.trig")
    (True, False)
    """
    return urllib.parse.urlsplit(text).scheme in ("http", "https")


__all__ = ["Endpoint", "push", "PushReport", "UPDATE_BATCH", "is_url"]
