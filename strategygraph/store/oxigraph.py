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


#: The graph holding one copy of every triple: the default graph of queries. SPARQL's
#: default graph is the *merge* of the named graphs (a set), but Oxigraph's union of graphs
#: repeats a triple once per graph stating it; keeping the merge as a graph of its own makes
#: ``COUNT(*)`` agree with every other back end. It is never listed, read back or written out.
UNION_GRAPH = "urn:x-strategygraph:union"


def _adapter():
    """oxrdflib's rdflib store, reading a pattern over all graphs as rdflib's memory store
    does: each triple once, with every graph that holds it (oxrdflib gives it once per graph),
    and the merge graph hidden."""
    from oxrdflib import OxigraphStore as Base

    class UnionAdapter(Base):
        def triples(self, triple_pattern, context=None):
            if context is not None:
                return super().triples(triple_pattern, context)
            merged: dict = {}
            for triple, graphs in super().triples(triple_pattern, None):
                graphs = [g for g in graphs if g is None or str(getattr(g, "identifier", g)) != UNION_GRAPH]
                if graphs:
                    merged.setdefault(triple, []).extend(graphs)
            return ((triple, iter(graphs)) for triple, graphs in merged.items())

        def contexts(self, triple=None):
            return (g for g in super().contexts(triple) if str(g.identifier) != UNION_GRAPH)

    return UnionAdapter


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
        self._reset()

    @classmethod
    def wrap(cls, ox_store) -> "OxigraphStore":
        """A store object around an existing ``pyoxigraph.Store`` (no copy)."""
        self = cls.__new__(cls)
        Store.__init__(self)
        self.path, self.ox = None, ox_store
        self._reset()
        return self

    def _reset(self) -> None:
        import pyoxigraph as ox

        self.union = ox.NamedNode(UNION_GRAPH)
        self._view: Dataset | None = None
        self._named: list | None = None

    def _graph_names(self) -> list:
        if self._named is None:
            self._named = [g for g in self.ox.named_graphs() if g != self.union]
        return self._named

    def quads(self, predicates: Iterable[URIRef] | None = None) -> Iterator[tuple]:
        import pyoxigraph as ox

        conv = FromOx()
        patterns = [None] if predicates is None else [to_ox(p) for p in predicates]
        for graph in [*self._graph_names(), ox.DefaultGraph()]:
            for p in patterns:
                for q in self.ox.quads_for_pattern(None, p, None, graph):
                    yield conv(q.subject), conv(q.predicate), conv(q.object), conv(q.graph_name)

    def query(self, text: str, limit: int | None = None) -> Answer:
        import pyoxigraph as ox

        result = self.ox.query(text, default_graph=self.union, named_graphs=self._graph_names())
        conv = FromOx()
        if isinstance(result, ox.QueryBoolean):
            return Answer("ASK", boolean=bool(result))
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            width = range(len(names))
            rows = []
            for solution in result:  # a Python loop: a time limit can stop it between rows
                rows.append(tuple(conv(solution[i]) for i in width))
                if limit is not None and len(rows) > limit:
                    break
            return Answer("SELECT", vars=names, rows=rows)
        graph = Graph()
        graph.addN((conv(t.subject), conv(t.predicate), conv(t.object), graph) for t in result)
        return Answer("CONSTRUCT", graph=graph)

    def dataset(self) -> Dataset:
        if self._view is None:
            view = Dataset(store=_adapter()(store=self.ox), default_union=True)
            for prefix, ns in self.prefixes.items():
                view.bind(prefix, ns, override=True)
            self._view = view
        return self._view

    def graphs(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self._graph_names() if type(g).__name__ == "NamedNode")

    def __len__(self) -> int:
        merged = sum(1 for _ in self.ox.quads_for_pattern(None, None, None, self.union))
        return len(self.ox) - merged

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

        batch = []
        for s, p, o, c in quads:
            triple = (node(s), node(p), node(o))
            batch.append(ox.Quad(*triple, node(c) if c is not None else default))
            batch.append(ox.Quad(*triple, self.union))
        self.ox.extend(batch)
        self._reset()

    def _merge_loaded(self) -> None:
        """Copy what a file load put in the store into the merge graph."""
        self._reset()
        self.ox.update(f"INSERT {{ GRAPH <{UNION_GRAPH}> {{ ?s ?p ?o }} }} WHERE {{ ?s ?p ?o }}")
        for g in self._graph_names():
            self.ox.update(f"INSERT {{ GRAPH <{UNION_GRAPH}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }}")


    def serialize(self, fmt: str) -> str | None:
        import pyoxigraph as ox

        native = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}
        if fmt not in native:
            return None  # Turtle (the union) and JSON-LD go through rdflib
        quads = (q for q in self.ox if q.graph_name != self.union)
        return ox.serialize(quads, format=native[fmt],
                            prefixes=self.prefixes if fmt == "trig" else None).decode("utf-8")

    def load_file(self, path) -> None:
        import pyoxigraph as ox

        from strategygraph.errors import InputError
        from strategygraph.graphfile import format_for

        path = Path(path)
        if not path.is_file():
            raise InputError(str(path), message="no such file")
        fmt = format_for(path)
        formats = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS, "turtle": ox.RdfFormat.TURTLE,
                   "json-ld": ox.RdfFormat.JSON_LD}
        try:
            self.ox.load(path=str(path), format=formats[fmt])
        except (SyntaxError, ValueError) as exc:
            message = " ".join(str(exc).split())[:300]
            raise InputError(str(path), message=f"is not valid {fmt} RDF: {message}") from None
        except OSError as exc:
            raise InputError(str(path), message=f"cannot be read: {exc}") from None
        self._merge_loaded()

    def clear(self) -> None:
        self.ox.clear()
        self._reset()

    def flush(self) -> None:
        """Make sure an on-disk store has everything written."""
        if self.path is not None:
            self.ox.flush()

    def describe(self) -> str:
        return f"oxigraph ({self.path})" if self.path is not None else "oxigraph (in memory)"
