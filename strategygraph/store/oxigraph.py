"""Oxigraph (pyoxigraph), in memory or on disk: the fast embedded back end.

Loading, SPARQL and pattern reads run in Rust. Code written against rdflib's API sees the
same store through oxrdflib (:meth:`OxigraphStore.dataset`), without a copy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from rdflib import Dataset, Graph, URIRef

from strategygraph.store.base import Answer, Store, columns_of
from strategygraph.store.convert import XSD_STRING, FromOx, FromTsv, read_tsv, to_ox


# The store's default graph holds the merge of the named graphs: one copy of each triple.
# SPARQL's default graph is that merge (a set), but Oxigraph's own union of graphs repeats a
# triple once per graph stating it, and is much slower (measured at 400 councils: 95 s
# against 0.03 s for the same query; passing the list of named graphs costs 0.2 s a query).
# So queries run on the default graph as it is, and ``COUNT(*)`` agrees with every other
# back end. When there are named graphs, the default graph is never read back or written
# out as data of its own.


#: Quads handed to Oxigraph per call when adding (each one a Python object until then).
_BATCH = 50_000

# An in-memory store also keeps the merge alone in a second Oxigraph store, which answers
# every query its caller says reads only the default graph (``named_graphs=False``).
# Oxigraph 0.5's in-memory index finds a subject's triples by walking all its quads, and in
# the main store those include one copy per version graph (about 60 for an action at 400
# councils, against 15 in the merge): joins there ran 1.1-2x slower. The copy costs about
# 40 % more memory. On disk, RocksDB indexes the default graph apart already: no copy.
#
# Those walks follow pointers from quad to quad, and quads added one after another sit
# together in memory: adding a list in subject order puts each subject's quads side by side.
# Measured at 400 councils, the slow joins ran 5-20 % faster than in the builder's order; the
# sort costs 0.15 s on 590,000 quads.


def _subject_text(quad: tuple) -> str:
    # plain text: rdflib terms compare through Python methods, far slower in a sort
    return str(quad[0])


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
                graphs = [g for g in graphs if g is not None and not _is_default(g)] or graphs
                if graphs:
                    merged.setdefault(triple, []).extend(graphs)
            return ((triple, iter(graphs)) for triple, graphs in merged.items())

        def contexts(self, triple=None):
            return (g for g in super().contexts(triple) if not _is_default(g))

    return UnionAdapter


def _cell_maker(conv: FromOx):
    """A function giving a table cell for a pyoxigraph term (see ``Answer.cells``): the text
    itself for an IRI, a blank node or a string, an rdflib term (*conv*) for other literals."""
    import pyoxigraph as ox

    named, blank, literal = ox.NamedNode, ox.BlankNode, ox.Literal

    def cell(term):
        if term is None:
            return None
        kind = type(term)
        if kind is named or kind is blank or (kind is literal and (term.language or term.datatype.value == XSD_STRING)):
            return term.value
        return conv(term)

    return cell


def _is_default(graph) -> bool:
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    return getattr(graph, "identifier", graph) == DATASET_DEFAULT_GRAPH_ID


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
        # Empty like the main store; add_quads keeps it equal to the main store's default graph.
        self._merge = ox.Store() if self.path is None else None
        try:
            self.ox = ox.Store(str(self.path)) if self.path is not None else ox.Store()
        except OSError:
            # An earlier store object on the same folder in this process holds its lock until
            # it is collected (rdflib graphs viewing it sit in reference cycles): collect, retry.
            import gc

            gc.collect()
            self.ox = ox.Store(str(self.path))
        self._reset()

    @classmethod
    def wrap(cls, ox_store) -> "OxigraphStore":
        """A store object around an existing ``pyoxigraph.Store``, without copying it (only its
        default graph is copied, at the first query that reads no named graph)."""
        self = cls.__new__(cls)
        Store.__init__(self)
        self.path, self.ox, self._merge = None, ox_store, None  # the merge is copied at the first query
        self._reset()
        return self

    def _reset(self) -> None:
        self._view: Dataset | None = None
        self._named: list | None = None

    def _query_store(self, named_graphs: bool):
        """The Oxigraph store that answers a query: the merge alone when the query reads only
        the default graph and the store is in memory, otherwise the main store."""
        import pyoxigraph as ox

        if named_graphs or self.path is not None:
            return self.ox
        if self._merge is None:  # a wrapped or loaded store: copy its merge once
            merge = ox.Store()
            merge.extend(self.ox.quads_for_pattern(None, None, None, ox.DefaultGraph()))
            self._merge = merge
        return self._merge

    def _graph_names(self) -> list:
        if self._named is None:
            self._named = list(self.ox.named_graphs())
        return self._named

    def _scans(self, predicates: Iterable[URIRef] | None):
        """``(graph, pattern, predicate IRI or None)`` for each pattern read to answer
        :meth:`quads`: the named graphs (never the merge kept as the default graph), one
        predicate at a time."""
        import pyoxigraph as ox

        patterns = [None] if predicates is None else [to_ox(p) for p in predicates]
        # One str object per predicate, not one per quad: dict lookups on it reuse its hash.
        values = [(pattern, pattern.value if pattern is not None else None) for pattern in patterns]
        for graph in self._graph_names() or [ox.DefaultGraph()]:
            for pattern, value in values:
                yield graph, pattern, value

    def quads(self, predicates: Iterable[URIRef] | None = None) -> Iterator[tuple]:
        conv = FromOx()
        for graph, pattern, _ in self._scans(predicates):
            for q in self.ox.quads_for_pattern(None, pattern, None, graph):
                yield conv(q.subject), conv(q.predicate), conv(q.object), conv(q.graph_name)

    def plain_quads(self, predicates: Iterable[URIRef] | None = None) -> Iterator[tuple]:
        import pyoxigraph as ox

        # The hot loop of every networkx view: IRIs go out as the .value Oxigraph already
        # holds, and only literals (a minority, cached when repeated) become rdflib terms.
        named_node, conv = ox.NamedNode, FromOx()
        for graph, pattern, p in self._scans(predicates):
            name = graph.value if type(graph) is named_node else None
            for q in self.ox.quads_for_pattern(None, pattern, None, graph):
                s, o = q.subject, q.object
                yield (s.value if type(s) is named_node else conv(s), p or q.predicate.value,
                       o.value if type(o) is named_node else conv(o), name)

    def query(self, text: str, limit: int | None = None, named_graphs: bool = True) -> Answer:
        import pyoxigraph as ox

        result = self._query_store(named_graphs).query(text)
        if isinstance(result, ox.QueryBoolean):
            return Answer("ASK", boolean=bool(result))
        if isinstance(result, ox.QuerySolutions) and limit is None:
            # Written as TSV in Rust (the GIL released), then split in Python: taking the
            # solutions one Python term at a time cost as much as evaluating the query.
            names, columns, size = read_tsv(result.serialize(format=ox.QueryResultsFormat.TSV))
            tsv = FromTsv()
            return Answer.lazy(names, columns, size, tsv, tsv.cell)
        conv = FromOx()
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            rows = []
            for solution in result:  # a Python loop: a time limit can stop it between rows
                rows.append(tuple(solution))
                if limit is not None and len(rows) > limit:
                    break
            return Answer.lazy(names, columns_of(rows, len(names)), len(rows), conv, _cell_maker(conv))
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
        import pyoxigraph as ox

        merged = sum(1 for _ in self.ox.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        return len(self.ox) - merged if self._graph_names() else merged

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

        if isinstance(quads, list):  # already held in full: ordering it costs no extra copy of the terms
            quads = sorted(quads, key=_subject_text)
        batch, merged = [], []
        for s, p, o, c in quads:
            triple = (node(s), node(p), node(o))
            if c is not None:
                batch.append(ox.Quad(*triple, node(c)))
            in_default = ox.Quad(*triple, default)
            batch.append(in_default)
            merged.append(in_default)
            if len(batch) >= _BATCH:  # a bounded batch: a whole build's quads at once doubled the peak
                self._extend(batch, merged)
                batch, merged = [], []
        self._extend(batch, merged)
        self._reset()

    def _extend(self, quads: list, merged: list) -> None:
        self.ox.extend(quads)
        if self._merge is not None:
            self._merge.extend(merged)

    def _merge_loaded(self) -> None:
        """Copy the named graphs a file load added into the default graph (the merge)."""
        self._reset()
        self._merge = None  # copied again at the next query
        if self._graph_names():
            self.ox.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")


    def serialize(self, fmt: str) -> str | None:
        import pyoxigraph as ox

        native = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}
        if fmt not in native:
            return None  # Turtle (the union) and JSON-LD go through rdflib
        default = ox.DefaultGraph()
        quads = (q for q in self.ox if q.graph_name != default) if self._graph_names() else iter(self.ox)
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
        if self._merge is not None:
            self._merge.clear()
        self._reset()

    def flush(self) -> None:
        """Make sure an on-disk store has everything written."""
        if self.path is not None:
            self.ox.flush()

    def describe(self) -> str:
        return f"oxigraph ({self.path})" if self.path is not None else "oxigraph (in memory)"
