"""Where the graph lives: one interface, three back ends.

- ``memory``: rdflib's in-memory ``Dataset``, the reference every other back end is tested
  against;
- ``oxigraph``: pyoxigraph, in memory (``oxigraph``) or on disk (``oxigraph:FOLDER``), the
  default: loading and SPARQL run in Rust (see BENCHMARKS.md for the measurements);
- a SPARQL 1.1 endpoint (``http://…/query``): queries run there.

The back end is chosen by, first to last: the ``store`` argument (the CLI's ``--store``),
the ``STRATEGYGRAPH_STORE`` environment variable, ``store = "…"`` under ``[strategygraph]``
in ``strategygraph.toml`` in the working folder or in ``~/.config/strategygraph/config.toml``,
and otherwise ``oxigraph``.

>>> s = open_store("memory")
>>> s.kind, len(s)
('memory', 0)
>>> open_store("nonsense")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
strategygraph.errors.InputError: --store: unknown store 'nonsense' (expected memory, oxigraph, ...)
"""

from __future__ import annotations

import os
import urllib.parse
from pathlib import Path

from strategygraph.errors import InputError
from strategygraph.store.base import Answer, Store, dataset_quads, plain

#: The back ends a spec may name, with what each is for (``strategygraph --help``).
BACKENDS = {
    "memory": "rdflib in memory (the reference)",
    "oxigraph": "Oxigraph in memory; oxigraph:FOLDER keeps it on disk (default)",
    "URL": "a SPARQL 1.1 query endpoint, http(s)://…",
}
DEFAULT = "oxigraph"
ENV = "STRATEGYGRAPH_STORE"
CONFIG_FILES = (Path("strategygraph.toml"), Path.home() / ".config" / "strategygraph" / "config.toml")


def configured(spec: str | None = None) -> tuple[str, str]:
    """The store spec to use and where it came from.

    >>> configured("memory")
    ('memory', 'option')
    """
    if spec:
        return spec, "option"
    if os.environ.get(ENV):
        return os.environ[ENV], ENV
    for path in CONFIG_FILES:
        if path.is_file():
            value = _from_config(path)
            if value:
                return value, str(path)
    return DEFAULT, "default"


def _from_config(path: Path) -> str | None:
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(str(path), message=f"is not valid TOML: {exc}") from None
    value = data.get("strategygraph", {}).get("store")
    if value is not None and not isinstance(value, str):
        raise InputError(str(path), message="[strategygraph] store must be a string such as \"oxigraph\"")
    return value


def open_store(spec: str | None = None) -> Store:
    """A new, empty store (or the endpoint) that *spec* names; ``None`` = the configured one.

    >>> open_store("oxigraph").describe()
    'oxigraph (in memory)'
    """
    spec, origin = configured(spec)
    where = "--store" if origin == "option" else origin
    if spec == "memory":
        from strategygraph.store.memory import MemoryStore

        return MemoryStore()
    if spec == "oxigraph" or spec.startswith("oxigraph:"):
        from strategygraph.store.oxigraph import OxigraphStore

        path = spec.partition(":")[2] or None
        try:
            return OxigraphStore(path)
        except OSError as exc:
            raise InputError(path or "", message=f"cannot open the Oxigraph store: {exc}") from None
    if urllib.parse.urlsplit(spec).scheme in ("http", "https"):
        from strategygraph.store.remote import RemoteStore

        return RemoteStore(spec)
    raise InputError(where, message=f"unknown store {spec!r} (expected memory, oxigraph, oxigraph:FOLDER or "
                                    f"an http(s):// endpoint URL)")


def as_store(g) -> Store:
    """*g* as a :class:`Store`: a store as is; an rdflib Dataset or Graph wrapped (no copy),
    in whichever back end holds it.

    >>> import strategygraph as sg
    >>> as_store(sg.build_graph(sg.sample_data())).kind
    'memory'
    """
    if isinstance(g, Store):
        return g
    from rdflib import Dataset, Graph

    if isinstance(g, Graph):
        from oxrdflib import OxigraphStore as RdflibAdapter

        if isinstance(g.store, RdflibAdapter):  # a graph on Oxigraph: use the store directly
            from strategygraph.store.oxigraph import OxigraphStore

            return OxigraphStore.wrap(g.store._inner)
        from strategygraph.store.memory import MemoryStore

        if isinstance(g, Dataset):
            return MemoryStore(g)
        store = MemoryStore()
        store.add_dataset(g)
        return store
    raise TypeError(f"expected a store or an rdflib graph, not {type(g).__name__}")


def graph_view(g):
    """An rdflib view of *g* whose triples are those of every named graph (no copy).

    For reading with rdflib's API (``value``, ``objects``…) whatever holds the data: a
    store's :meth:`Store.dataset`, an rdflib Dataset seen through its union, a Graph as is.

    >>> import strategygraph as sg
    >>> ds = sg.build_graph(sg.sample_data())
    >>> graph_view(ds).store is ds.store
    True
    """
    if isinstance(g, Store):
        return g.dataset()
    from rdflib import Dataset
    from rdflib.graph import ConjunctiveGraph

    if isinstance(g, ConjunctiveGraph) and not g.default_union:
        view = Dataset(store=g.store, default_union=True)
        for prefix, ns in g.namespaces():
            view.bind(prefix, ns, override=True)
        return view
    return g


def union_copy(g):
    """A new rdflib Graph (in memory) holding every triple of *g*, to change freely.

    >>> import strategygraph as sg
    >>> len(union_copy(copy_to(sg.build_graph(sg.sample_data()), "oxigraph"))) > 1000
    True
    """
    from rdflib import Graph

    store = as_store(g)
    copy = Graph()
    copy.addN((s, p, o, copy) for s, p, o, _ in store.quads())
    for prefix, ns in store.prefixes.items():
        copy.bind(prefix, ns, override=True)
    return copy


def load_file(path, store=None) -> Store:
    """Read a graph file (TriG, N-Quads, Turtle, JSON-LD) into *store* (a store, a spec, or
    ``None`` for the configured back end), replacing what it held.

    >>> import strategygraph as sg, tempfile, pathlib
    >>> out = sg.write_dataset(sg.build_graph(sg.sample_data()), pathlib.Path(tempfile.mkdtemp()) / "g.nq")
    >>> len(load_file(out, "oxigraph").graphs())
    7
    """
    target = store if isinstance(store, Store) else open_store(store)
    target.clear()
    target.load_file(path)
    return target


def write_file(g, path, fmt: str | None = None):
    """Write *g* (a store or rdflib graph) to *path* atomically, in *fmt* or the format its
    extension names (see :func:`strategygraph.graphfile.write_dataset`).

    >>> import strategygraph as sg, tempfile, pathlib
    >>> s = copy_to(sg.build_graph(sg.sample_data()), "oxigraph")
    >>> write_file(s, pathlib.Path(tempfile.mkdtemp()) / "g.trig").stat().st_size > 10000
    True
    """
    from strategygraph.graphfile import format_for, write_dataset, write_text

    store = as_store(g)
    fmt = format_for(path, fmt)
    text = store.serialize(fmt)
    if text is not None:
        return write_text(text, path)
    return write_dataset(store.dataset(), path, fmt)


def copy_to(g, spec: str | None = None) -> Store:
    """The contents of *g* (a store or rdflib graph) in a new store of kind *spec*.

    >>> import strategygraph as sg
    >>> s = copy_to(sg.build_graph(sg.sample_data()), "oxigraph")
    >>> s.kind, len(s) > 1000
    ('oxigraph', True)
    """
    source = as_store(g)
    target = open_store(spec)
    target.clear()
    target.add_quads(source.quads())
    target.prefixes.update(source.prefixes)
    return target


__all__ = ["Store", "Answer", "plain", "open_store", "as_store", "copy_to", "graph_view", "union_copy", "configured",
           "dataset_quads", "load_file", "write_file", "BACKENDS", "DEFAULT", "ENV"]
