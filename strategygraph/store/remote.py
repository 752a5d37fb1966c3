"""A SPARQL 1.1 endpoint as a store: queries run there; projections and rdflib views are
fetched with SELECT over the SPARQL 1.1 Protocol.

The default graph of a query is the merge of the endpoint's named graphs (listed, then sent
as ``default-graph-uri``), as in memory.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from typing import Iterable, Iterator

from rdflib import Dataset, URIRef

from strategygraph import __version__
from strategygraph.errors import RemoteError
from strategygraph.store.base import Answer, Store
from strategygraph.store.convert import from_json

USER_AGENT = f"strategygraph/{__version__}"


def send(request: urllib.request.Request, timeout: float, where: str) -> tuple[bytes, str]:
    """Send *request*; ``(body, content type)``, or :class:`RemoteError` naming *where*.

    >>> send(urllib.request.Request("http://127.0.0.1:9/"), 2, "http://127.0.0.1:9/")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    strategygraph.errors.RemoteError: http://127.0.0.1:9/: cannot reach the server (...)
    """
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            ctype = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            return response.read(), ctype
    except urllib.error.HTTPError as exc:
        detail = " ".join(exc.read().decode("utf-8", "replace").split())[:300]
        raise RemoteError(f"{where}: the server answered {exc.code} {exc.reason}" +
                          (f": {detail}" if detail else "")) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise RemoteError(f"{where}: cannot reach the server ({reason})") from None


class RemoteStore(Store):
    """The store behind a SPARQL 1.1 query endpoint, e.g. ``http://localhost:7878/query``.

    >>> RemoteStore("http://localhost:7878/query").describe()
    'remote (http://localhost:7878/query)'
    """

    kind = "remote"

    def __init__(self, url: str, timeout: float = 120.0):
        super().__init__()
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise RemoteError(f"{url}: an endpoint URL starts with http:// or https://")
        self.url = url
        self.timeout = timeout
        self._copy = None

    def _select(self, text: str, with_graphs: bool = True) -> Answer:
        form = [("query", text)]
        if with_graphs:
            graphs = [str(g) for g in self.graphs()]
            form += [("default-graph-uri", g) for g in graphs] + [("named-graph-uri", g) for g in graphs]
        request = urllib.request.Request(self.url, data=urllib.parse.urlencode(form).encode("utf-8"), method="POST",
                                         headers={"Content-Type": "application/x-www-form-urlencoded",
                                                  "Accept": "application/sparql-results+json",
                                                  "User-Agent": USER_AGENT})
        data, ctype = send(request, self.timeout, self.url)
        try:
            parsed = from_json(data)
        except ValueError:
            raise RemoteError(f"{self.url}: the answer is not SPARQL JSON results ({ctype})") from None
        if isinstance(parsed, bool):
            return Answer("ASK", boolean=parsed)
        return Answer("SELECT", vars=parsed[0], rows=parsed[1])

    def graphs(self) -> list[URIRef]:
        rows = self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", with_graphs=False).rows
        return sorted(r[0] for r in rows if isinstance(r[0], URIRef))

    def query(self, text: str, limit: int | None = None, named_graphs: bool = True) -> Answer:
        """SELECT and ASK (the analyst's CONSTRUCT goes through ``sparql.Endpoint``)."""
        return self._select(text)

    def quads(self, predicates: Iterable[URIRef] | None = None) -> Iterator[tuple]:
        values = "" if predicates is None else "VALUES ?p { " + " ".join(f"<{p}>" for p in predicates) + " }"
        graphs = self.graphs()
        text = f"SELECT ?s ?p ?o ?g WHERE {{ {values} GRAPH ?g {{ ?s ?p ?o }} }}"
        for s, p, o, g in self._select(text, with_graphs=False).rows:
            yield s, p, o, g
        if not graphs or predicates is None:
            default = f"SELECT ?s ?p ?o WHERE {{ {values} ?s ?p ?o }}"
            if not graphs:
                for s, p, o in self._select(default, with_graphs=False).rows:
                    yield s, p, o, None

    def dataset(self) -> Dataset:
        if self._copy is None:
            from strategygraph.store.memory import MemoryStore

            copy = MemoryStore()
            copy.add_quads(self.quads())
            self._copy = copy.dataset()
        return self._copy

    def __len__(self) -> int:
        rows = self._select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", with_graphs=False).rows
        return int(rows[0][0]) if rows else 0

    def describe(self) -> str:
        return f"remote ({self.url})"
