"""The analyst's entry points: ``query``, ``run_named``, ``list_named`` and ``graph``.

>>> import strategygraph as sg
>>> df = query("SELECT ?g (COUNT(DISTINCT ?w) AS ?n) WHERE { ?w sg:inGroup ?grp . ?grp skos:notation ?g } "
...            "GROUP BY ?g ORDER BY ?g")
>>> df.set_index("g")["n"].to_dict()
{'1': 5, '2': 6, '3a': 7, '3b': 7, '4': 6}
>>> leads = run_named("actions-by-lead")
>>> leads[(leads["leadLabel"] == "Chief Executive") & leads["planTitle"].str.startswith("LGA")]["actions"].item()
9
"""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, Literal

from strategygraph.sparql.engine import Memory, OnStore, Prepared, Result, prepare
from strategygraph.sparql.frame import frame_of_columns
from strategygraph.sparql.named import NamedQuery, get_named, list_named
from strategygraph.sparql.params import ParameterError, guess_term, parse_text, to_term
from strategygraph.sparql.remote import Endpoint, is_url
from strategygraph.store import Store, as_store


@lru_cache(maxsize=1)
def graph() -> Dataset:
    """The bundled Lancaster dataset that queries run on by default (built once per process).

    It is shared: add to it only if you mean every later query in this process to see it.

    >>> len(list(graph().graphs())) > 5
    True
    """
    from strategygraph.build import build_graph
    from strategygraph.resources import sample_data

    return build_graph(sample_data())


@lru_cache(maxsize=1)
def default_store():
    """The bundled Lancaster data built once per process into the configured store (see
    :mod:`strategygraph.store`): what ``query`` and ``run_named`` use when given no graph.

    >>> default_store().kind in ("oxigraph", "memory")
    True
    """
    from strategygraph.build import build_store
    from strategygraph.resources import sample_data

    return build_store(sample_data())


def backend(g=None):
    """Where a query runs: *g* may be ``None`` (the bundled graph), a
    :class:`~strategygraph.store.Store`, an rdflib Graph or Dataset, a graph file's path, an
    :class:`Endpoint` or an endpoint's ``http(s)://`` URL.

    >>> type(backend(graph())).__name__, type(backend("http://localhost:7878/query")).__name__
    ('Memory', 'Endpoint')
    """
    if g is None:
        return backend(default_store())
    if isinstance(g, (Memory, OnStore, Endpoint)):
        return g
    if isinstance(g, Graph):
        g = as_store(g)
    if isinstance(g, Store):
        if g.kind == "memory":
            return Memory(g.dataset())
        if g.kind == "remote":
            return Endpoint(g.url, timeout=g.timeout)
        return OnStore(g)
    if isinstance(g, str) and is_url(g):
        return Endpoint(g)
    if isinstance(g, (str, Path)):
        from strategygraph.graphfile import read_dataset

        return Memory(read_dataset(g))
    raise ParameterError(f"cannot query a {type(g).__name__}: give an rdflib Graph or Dataset, a graph file, "
                         f"or an endpoint URL")


def output(result: Result):
    """A DataFrame for SELECT, a bool for ASK, an rdflib Graph for CONSTRUCT and DESCRIBE."""
    if result.form == "SELECT":
        return frame_of_columns(result.vars, result.columns())
    if result.form == "ASK":
        return bool(result.boolean)
    return result.graph


def run(prepared: Prepared, g=None, params: dict[str, Any] | None = None, timeout: float | None = None,
        max_rows: int | None = None) -> Result:
    """Run a prepared query with *params* bound (values as RDF terms) on *g*."""
    return backend(g).run(prepared.bind(params or {}), timeout=timeout, max_rows=max_rows)


def query(sparql: str, graph: Graph | Endpoint | str | None = None, **params):
    """Run SPARQL text; SELECT gives a typed pandas DataFrame, ASK a bool, CONSTRUCT a Graph.

    The standard prefixes (``sg:``, ``skos:``, ``org:``...) are predeclared. The default
    graph is the union of the named graphs; ``GRAPH ?g`` sees each source version alone.
    Keyword arguments bind variables of the same name: ``asOf=datetime.date(2025, 6, 30)``
    becomes an ``xsd:date``, ``rdflib.URIRef`` an IRI, ``str`` a plain string.

    >>> import datetime
    >>> df = query("SELECT ?a ?due WHERE { ?a sg:dueDate ?due FILTER(?due < ?asOf) } ORDER BY ?due LIMIT 1",
    ...            asOf=datetime.date(2019, 1, 1))
    >>> str(df["due"].dtype), df["due"].iloc[0].date().isoformat()
    ('datetime64[ns]', '2017-12-31')
    >>> query("ASK { ?a sg:ledBy ?who }")
    True
    """
    return output(run(prepare(sparql), graph, params))


def named_params(nq: NamedQuery, values: dict[str, Any], runner, today: _dt.date | None = None) -> dict[str, Any]:
    """Typed, resolved values for the parameters of *nq* (defaults filled in).

    Text values (the command line's, or a ``str`` from Python) are read by each parameter's
    type; other Python values become RDF terms as they are. Ids given for ``node``
    parameters are looked up through ``dcterms:identifier`` with *runner* (the backend the
    query will run on), so no query needs to know a council's IRIs.

    >>> from strategygraph.sparql.named import get_named
    >>> named_params(get_named("overdue-actions"), {}, backend(), today=_dt.date(2025, 6, 30))["asOf"].n3()
    '"2025-06-30"^^<http://www.w3.org/2001/XMLSchema#date>'
    """
    for name in values:
        nq.param(name)  # unknown names fail here, listing the known ones
    bound: dict[str, Any] = {}
    for p in nq.params:
        if p.name in values and values[p.name] is not None:
            value = values[p.name]
        elif p.default is not None:
            value = p.default
        elif p.optional:
            continue
        else:
            raise ParameterError(f"query {nq.name!r} needs {p.usage()}: {p.description}")
        if isinstance(value, str):
            term = parse_text(value, p.type, p.name, today)
        else:
            term = to_term(value)
            if p.type == "date" and not (isinstance(term, Literal) and term.datatype is not None
                                         and str(term.datatype).endswith("#date")):
                raise ParameterError(f"{p.name}: expected a date, got {value!r}")
        if p.type == "node" and isinstance(term, Literal):
            term = resolve_id(str(term), runner, p.name)
        bound[p.name] = term
    return bound


def resolve_id(rid: str, runner, name: str = "node"):
    """The node whose ``dcterms:identifier`` is *rid*.

    >>> str(resolve_id("cpc-r10-a1", backend())).endswith("/cpc-r10-a1")
    True
    """
    found = runner.run(prepare("SELECT DISTINCT ?node WHERE { ?node dcterms:identifier ?id }").bind({"id": rid}))
    nodes = sorted({row[0] for row in found.rows if row[0] is not None})
    if not nodes:
        raise ParameterError(f"{name}: no node has the id {rid!r}")
    if len(nodes) > 1:
        raise ParameterError(f"{name}: the id {rid!r} names {len(nodes)} nodes ({', '.join(nodes)}): give the IRI")
    return nodes[0]


def run_named(name: str, graph: Graph | Endpoint | str | None = None, **params):
    """Run the named query *name* (see :func:`list_named`) with its parameters.

    >>> run_named("rag-history", action="cpc-r10-a1")[["date", "status"]].values.tolist()
    [['2025-10', 'Amber']]
    """
    nq = get_named(name)
    runner = backend(graph)
    bound = named_params(nq, params, runner)
    return output(runner.run(prepare(nq.text, source=f"{nq.name}.rq").bind(bound)))


def cli_params(pairs: list[str] | tuple[str, ...]) -> dict[str, str]:
    """``key=value`` strings as a dict (the command line's ``--param``).

    >>> cli_params(["asOf=2025-06-30", "q=a=b"])
    {'asOf': '2025-06-30', 'q': 'a=b'}
    """
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ParameterError(f"--param {pair!r}: expected KEY=VALUE")
        out[key.strip()] = value
    return out


def guessed(values: dict[str, str]) -> dict[str, Any]:
    """Command-line values for an ad-hoc query, typed by their look (see ``guess_term``)."""
    return {k: guess_term(v) for k, v in values.items()}


__all__ = ["query", "run_named", "list_named", "get_named", "graph", "default_store", "backend", "run", "output",
           "Endpoint", "named_params", "resolve_id", "cli_params", "guessed"]
