"""The interface every back end gives: quads in and out, SPARQL text in, rdflib terms out."""

from __future__ import annotations

from typing import Iterable, Iterator

from rdflib import Dataset, Graph, URIRef


class Answer:
    """What a query returned: rows of rdflib terms (SELECT), a boolean (ASK) or a graph.

    >>> a = Answer("SELECT", vars=["x"], rows=[(URIRef("urn:a"),)])
    >>> a.rows, a.size, a.cells(), a.columns()
    ([(rdflib.term.URIRef('urn:a'),)], 1, [(rdflib.term.URIRef('urn:a'),)], [[rdflib.term.URIRef('urn:a')]])
    """

    def __init__(self, form: str, vars: list[str] | None = None, rows: list[tuple] | None = None,
                 boolean: bool | None = None, graph: Graph | None = None):
        self.form = form
        self.vars = list(vars or [])
        self.boolean = boolean
        self.graph = graph
        self._rows = rows if rows is not None else []
        # Set by lazy(): the store's own values column by column, how many rows they make,
        # and how to convert one value.
        self._raw: list[list] | None = None
        self._size = 0
        self._term = self._cell = None

    @classmethod
    def lazy(cls, vars: list[str], columns: list[list], size: int, term, cell) -> "Answer":
        """A SELECT answer holding a store's own values, one list per variable of *vars*
        (*size* rows), converted only when read: *term* makes the rdflib term of one value
        (for :attr:`rows`), *cell* its table cell (for :meth:`cells` and :meth:`columns`).
        Making rdflib terms was most of the cost of a DataFrame.

        >>> a = Answer.lazy(["x"], [["urn:a", "urn:b"]], 2, URIRef, str)
        >>> a.columns(), a.cells(), a.rows[0]
        ([['urn:a', 'urn:b']], [('urn:a',), ('urn:b',)], (rdflib.term.URIRef('urn:a'),))
        """
        self = cls("SELECT", vars=vars)
        self._raw, self._size, self._term, self._cell = columns, size, term, cell
        self._rows = None
        return self

    def _converted(self, convert) -> list[tuple]:
        if not self._raw:  # no variables: rows without values
            return [()] * self._size
        return list(zip(*(list(map(convert, values)) for values in self._raw)))

    @property
    def rows(self) -> list[tuple]:
        """The solutions, one tuple of rdflib terms (``None`` where unbound) per row."""
        if self._rows is None:
            self._rows = self._converted(self._term)
        return self._rows

    @property
    def size(self) -> int:
        """How many rows (SELECT) or triples (CONSTRUCT, DESCRIBE) there are."""
        if self.form == "SELECT":
            return self._size if self._rows is None else len(self._rows)
        return len(self.graph) if self.graph is not None else 0

    def cells(self) -> list[tuple]:
        """The rows as a table is built from them: IRIs, blank nodes and text may be plain
        ``str``; any other literal is an rdflib ``Literal``, ``None`` is unbound."""
        if self._rows is None:
            return self._converted(self._cell)
        return self._rows

    def columns(self) -> list[list]:
        """The :meth:`cells`, one list per variable: how a DataFrame is built, without
        going through rows."""
        if self._rows is None:
            cell = self._cell
            return [list(map(cell, values)) for values in self._raw]
        return columns_of(self._rows, len(self.vars))

    def __repr__(self) -> str:
        shown = f"{self.size} rows" if self.form == "SELECT" else self.boolean if self.form == "ASK" else self.graph
        return f"<Answer {self.form} {shown}>"


class Store:
    """Where the graph lives. Subclasses: :class:`~strategygraph.store.memory.MemoryStore`
    (rdflib, the reference), :class:`~strategygraph.store.oxigraph.OxigraphStore` (in memory or
    on disk) and :class:`~strategygraph.store.remote.RemoteStore` (a SPARQL 1.1 endpoint).

    Every back end answers in rdflib terms, so callers never see which one they hold. The
    default graph of a query is the union of the named graphs, as in the rest of the package.
    """

    #: ``memory``, ``oxigraph`` or ``remote``.
    kind: str = ""

    def __init__(self):
        from strategygraph.terms import PREFIXES

        #: Prefix → namespace, for writing files readably. Not every store keeps prefixes (an
        #: Oxigraph folder reopened has none), so the standard ones are always there.
        self.prefixes: dict[str, str] = {k: str(v) for k, v in PREFIXES.items()}

    # -- reading ----------------------------------------------------------------------------
    def quads(self, predicates: Iterable[URIRef] | None = None) -> Iterator[tuple]:
        """``(s, p, o, graph)`` for every quad, or only those with one of *predicates*.

        ``graph`` is the named graph's IRI, or ``None`` for the default graph. Asking for the
        predicates a view needs (a projection) reads far less than the whole store.
        """
        raise NotImplementedError

    def plain_quads(self, predicates: Iterable[URIRef] | None = None) -> Iterator[tuple]:
        """:meth:`quads` with every IRI as a plain ``str`` (literals and blank nodes stay
        rdflib terms): for bulk readers that key dictionaries by IRI and would otherwise
        convert every term twice. ``type(o) is str`` tells an IRI object from a literal.

        >>> import strategygraph as sg
        >>> from strategygraph.store import as_store
        >>> from strategygraph.terms import SG
        >>> s, p, o, g = next(as_store(sg.build_graph(sg.sample_data())).plain_quads([SG.ledBy]))
        >>> type(s), type(o), p == str(SG.ledBy)
        (<class 'str'>, <class 'str'>, True)
        """
        for s, p, o, c in self.quads(predicates):
            yield plain(s), str(p), plain(o), None if c is None else str(c)

    def query(self, text: str, limit: int | None = None, named_graphs: bool = True) -> Answer:
        """Run complete SPARQL text (prefixes declared) over the union of the named graphs.

        With *limit*, reading stops after ``limit + 1`` rows, enough to tell the result is too
        large without holding all of it. ``named_graphs=False`` tells the store that the query
        reads the default graph only (no ``GRAPH``, ``FROM`` or ``SERVICE``), which lets a back
        end answer it from a smaller index."""
        raise NotImplementedError

    def dataset(self) -> Dataset:
        """The contents as an rdflib ``Dataset`` (default graph = union), for code written
        against rdflib's API. In memory this is the store itself; for Oxigraph a view through
        oxrdflib; for a remote endpoint a copy fetched once."""
        raise NotImplementedError

    def graphs(self) -> list[URIRef]:
        """IRIs of the named graphs, sorted."""
        return sorted({c for *_, c in self.quads() if c is not None})

    def __len__(self) -> int:
        return sum(1 for _ in self.quads())

    def serialize(self, fmt: str) -> str | None:
        """The contents as text in *fmt* (``trig``, ``nquads``...) when this back end writes
        it natively; ``None`` means "go through rdflib"."""
        return None

    # -- writing ----------------------------------------------------------------------------
    def load_file(self, path) -> None:
        """Add the contents of an RDF file (located errors as for ``read_dataset``)."""
        from strategygraph.graphfile import read_dataset

        self.add_dataset(read_dataset(path))

    def add_quads(self, quads: Iterable[tuple]) -> None:
        """Add ``(s, p, o, graph)`` quads of rdflib terms (``graph`` an IRI, or ``None``)."""
        raise NotImplementedError(f"the {self.kind} store is read-only here")

    def add_dataset(self, ds: Dataset | Graph) -> None:
        """Copy every quad of an rdflib Dataset (or Graph, into the default graph) in.

        >>> from strategygraph.store import open_store
        >>> import strategygraph as sg
        >>> s = open_store("oxigraph"); s.add_dataset(sg.build_graph(sg.sample_data()))
        >>> len(s) > 1000
        True
        """
        self.add_quads(dataset_quads(ds))
        for prefix, ns in ds.namespaces():
            self.prefixes.setdefault(prefix, str(ns))

    def clear(self) -> None:
        """Remove everything."""
        raise NotImplementedError(f"the {self.kind} store is read-only here")

    def describe(self) -> str:
        """A short name for messages and benchmark tables, e.g. ``oxigraph (in memory)``."""
        return self.kind

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.describe()}>"


def columns_of(rows: list[tuple], width: int) -> list[list]:
    """*rows* of *width* values as one list per position (``width`` lists even when there are
    no rows).

    >>> columns_of([(1, 2), (3, 4)], 2), columns_of([], 2)
    ([[1, 3], [2, 4]], [[], []])
    """
    return [[row[i] for row in rows] for i in range(width)]


def plain(term):
    """*term* as :meth:`Store.plain_quads` gives it: an IRI as a plain ``str``, anything else
    (literal, blank node) as it is, so an IRI never equals a literal spelled the same.

    >>> type(plain(URIRef("https://example.org/a"))).__name__
    'str'
    """
    return str(term) if type(term) is URIRef else term


def dataset_quads(ds: Dataset | Graph) -> Iterator[tuple]:
    """The quads of an rdflib Dataset or Graph, with the default graph as ``None``.

    >>> from rdflib import Graph, URIRef
    >>> g = Graph(); _ = g.add((URIRef("urn:a"), URIRef("urn:p"), URIRef("urn:b")))
    >>> list(dataset_quads(g))[0][3] is None
    True
    """
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID, ConjunctiveGraph

    if not isinstance(ds, ConjunctiveGraph):
        for s, p, o in ds:
            yield s, p, o, None
        return
    for s, p, o, c in ds.quads((None, None, None, None)):
        ident = c.identifier if isinstance(c, Graph) else c
        yield s, p, o, (None if ident == DATASET_DEFAULT_GRAPH_ID else ident)
