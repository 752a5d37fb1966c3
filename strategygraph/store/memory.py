"""rdflib's in-memory store: the reference back end every other one is checked against."""

from __future__ import annotations

from typing import Iterable, Iterator

from rdflib import Dataset, Graph, URIRef

from strategygraph.store.base import Answer, Store, dataset_quads


class MemoryStore(Store):
    """An rdflib ``Dataset`` (default graph = union of the named graphs).

    >>> s = MemoryStore()
    >>> s.add_quads([(URIRef("urn:a"), URIRef("urn:p"), URIRef("urn:b"), URIRef("urn:g"))])
    >>> len(s), s.graphs()
    (1, [rdflib.term.URIRef('urn:g')])
    """

    kind = "memory"

    def __init__(self, ds: Dataset | None = None):
        super().__init__()
        if ds is None:
            ds = Dataset(default_union=True)
            for prefix, ns in self.prefixes.items():
                ds.bind(prefix, ns, override=False)
        self.ds = ds
        if not self.ds.default_union:
            self.ds = Dataset(store=self.ds.store, default_union=True)
        for prefix, ns in self.ds.namespaces():
            self.prefixes[prefix] = str(ns)

    def quads(self, predicates: Iterable[URIRef] | None = None) -> Iterator[tuple]:
        if predicates is None:
            yield from dataset_quads(self.ds)
            return
        from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

        for p in predicates:
            for s, _, o, c in self.ds.quads((None, p, None, None)):
                ident = c.identifier if isinstance(c, Graph) else c
                yield s, p, o, (None if ident == DATASET_DEFAULT_GRAPH_ID else ident)

    def query(self, text, limit: int | None = None, named_graphs: bool = True) -> Answer:
        """Run SPARQL text, or a query rdflib has already translated."""
        res = self.ds.query(text)
        if res.type == "ASK":
            return Answer("ASK", boolean=bool(res.askAnswer))
        if res.type in ("CONSTRUCT", "DESCRIBE"):
            return Answer(res.type, graph=res.graph)
        rows = []
        for row in res:
            rows.append(tuple(row))
            if limit is not None and len(rows) > limit:
                break
        return Answer("SELECT", vars=[str(v) for v in res.vars], rows=rows)

    def dataset(self) -> Dataset:
        return self.ds

    def graphs(self) -> list[URIRef]:
        from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

        return sorted(c.identifier for c in self.ds.contexts()
                      if c.identifier != DATASET_DEFAULT_GRAPH_ID and len(c))

    def __len__(self) -> int:
        return sum(1 for _ in self.ds.quads((None, None, None, None)))

    def add_quads(self, quads: Iterable[tuple]) -> None:
        graphs: dict = {}
        default = self.ds.default_context

        def context(c):
            if c is None:
                return default
            g = graphs.get(c)
            if g is None:
                g = graphs[c] = self.ds.graph(c)
            return g

        self.ds.addN((s, p, o, context(c)) for s, p, o, c in quads)

    def add_dataset(self, ds: Dataset | Graph) -> None:
        super().add_dataset(ds)
        for prefix, ns in ds.namespaces():
            self.ds.bind(prefix, ns, override=False)

    def clear(self) -> None:
        prefixes = list(self.ds.namespaces())
        self.ds = Dataset(default_union=True)
        for prefix, ns in prefixes:
            self.ds.bind(prefix, ns, override=True)

    def describe(self) -> str:
        return "memory (rdflib)"
