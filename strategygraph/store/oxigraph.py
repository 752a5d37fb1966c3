"""Oxigraph (pyoxigraph), in memory or on disk: the fast embedded back end.

Loading, SPARQL and pattern reads run in Rust. Code written against rdflib's API sees the
same store through oxrdflib (:meth:`OxigraphStore.dataset`), without a copy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from rdflib import Dataset, Graph, URIRef

from strategygraph.store.base import Answer, Store
from strategygraph.store.convert import FromOx, to_ox


class OxigraphStore(Store):
    """A ``pyoxigraph.Store``; *path* keeps it on disk (a folder), otherwise in memory.

    >>> from rdflib import URIRef
    >>> s = OxigraphStore()
    >>> s.add_quads([(URIRef("urn:a"), URIRef("urn:p"), URIRef("urn:b"), URIRef("urn:g"))])
    >>> s.query("SELECT ?o WHERE { ?s ?p ?o }").rows
    [(rdflib.term.URIRef('urn:b'),)]
    """

    kind = "oxigraph"

    def __init__(self, path: str | Path | None = None):
        import pyoxigraph as ox

        super().__init__()
        self.path = Path(path) if path is not None else None
        if self.path is not None:
            self.path.mkdir(parents=True, exist_ok=True)
        self.ox = ox.Store(str(self.path)) if self.path is not None else ox.Store()
        self._view: Dataset | None = None

    @classmethod
    def wrap(cls, ox_store) -> "OxigraphStore":
        """A store object around an existing ``pyoxigraph.Store`` (no copy)."""
        self = cls.__new__(cls)
        Store.__init__(self)
        self.path, self.ox, self._view = None, ox_store, None
        return self

    def quads(self, predicates: Iterable[URIRef] | None = None) -> Iterator[tuple]:
        conv = FromOx()
        patterns = [None] if predicates is None else [to_ox(p) for p in predicates]
        for p in patterns:
            for q in self.ox.quads_for_pattern(None, p, None, None):
                yield conv(q.subject), conv(q.predicate), conv(q.object), conv(q.graph_name)

    def query(self, text: str) -> Answer:
        import pyoxigraph as ox

        result = self.ox.query(text, use_default_graph_as_union=True)
        conv = FromOx()
        if isinstance(result, ox.QueryBoolean):
            return Answer("ASK", boolean=bool(result))
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            width = range(len(names))
            rows = [tuple(conv(solution[i]) for i in width) for solution in result]
            return Answer("SELECT", vars=names, rows=rows)
        graph = Graph()
        graph.addN((conv(t.subject), conv(t.predicate), conv(t.object), graph) for t in result)
        return Answer("CONSTRUCT", graph=graph)

    def dataset(self) -> Dataset:
        if self._view is None:
            from oxrdflib import OxigraphStore as RdflibAdapter

            view = Dataset(store=RdflibAdapter(store=self.ox), default_union=True)
            for prefix, ns in self.prefixes.items():
                view.bind(prefix, ns, override=True)
            self._view = view
        return self._view

    def graphs(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self.ox.named_graphs() if type(g).__name__ == "NamedNode")

    def __len__(self) -> int:
        return len(self.ox)

    def add_quads(self, quads: Iterable[tuple]) -> None:
        import pyoxigraph as ox

        default = ox.DefaultGraph()
        iris: dict = {}

        def node(term):
            # IRIs repeat on almost every quad: convert each once.
            if isinstance(term, URIRef):
                found = iris.get(term)
                if found is None:
                    found = iris[term] = ox.NamedNode(str(term))
                return found
            return to_ox(term)

        batch = [ox.Quad(node(s), node(p), node(o), node(c) if c is not None else default) for s, p, o, c in quads]
        self.ox.extend(batch)
        self._view = None

    def clear(self) -> None:
        self.ox.clear()
        self._view = None

    def flush(self) -> None:
        """Make sure an on-disk store has everything written."""
        if self.path is not None:
            self.ox.flush()

    def describe(self) -> str:
        return f"oxigraph ({self.path})" if self.path is not None else "oxigraph (in memory)"
