"""Prepare a query (prefixes, parameters, located syntax errors) and run it on an rdflib graph.

Every query gets the standard PREFIX lines in front (``terms.PREFIXES``), its parameters as a
``VALUES`` block, and runs over the union of the named graphs (``GRAPH ?g`` still sees each
version on its own). The same prepared text is what a remote endpoint receives, so results
agree between the two.

>>> import strategygraph as sg
>>> p = prepare("ASK { ?a a sg:Action }")
>>> Memory(sg.build_graph(sg.sample_data())).run(p).boolean
True
>>> prepare("SELECT ?x WHERE { ?x ?y }")
Traceback (most recent call last):
...
strategygraph.sparql.errors.QuerySyntaxError: query:1:19: Expected SelectQuery, found '?'
"""

from __future__ import annotations

import ctypes
import re
import threading
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Callable

from rdflib import Dataset, Graph
from rdflib.graph import ConjunctiveGraph

from strategygraph.sparql import text as sq
from strategygraph.sparql.errors import (QueryRefused, QuerySyntaxError, QueryTimeout, ResultTooLarge)
from strategygraph.sparql.params import ParameterError, to_term
from strategygraph.store.base import Answer, Store

#: Threads that run queries under a time limit carry this name (see :func:`running_queries`).
WORKER_NAME = "strategygraph-sparql-query"

# pyparsing's grammar objects are shared: parse one query at a time.
_PARSE_LOCK = threading.Lock()


@dataclass(frozen=True)
class Prepared:
    """A query ready to run: the user's text, the full text sent to an engine, its form."""

    user_text: str
    text: str
    form: str
    source: str = "query"
    #: rdflib's translated query (``None`` until needed; only for in-memory runs).
    compiled: Any = field(default=None, compare=False, repr=False)

    def bind(self, params: dict[str, Any]) -> "Prepared":
        """This query with *params* bound through ``VALUES`` (values become RDF terms).

        Raises :class:`ParameterError` when the query has no variable of that name.

        >>> p = prepare("SELECT ?d WHERE { ?a sg:dueDate ?d FILTER(?d < ?asOf) }").bind({"asOf": "2025-01-01"})
        >>> 'VALUES (?asOf) { ("2025-01-01") }' in p.text
        True
        """
        if not params:
            return self
        known = sq.variables(self.user_text)
        terms = {}
        for name, value in params.items():
            if name not in known:
                raise ParameterError(f"unknown parameter {name!r}: the query has no variable ?{name}")
            terms[name] = to_term(value).n3()
        try:
            text = sq.bind_values(self.text, terms)
        except ValueError as exc:
            raise ParameterError(str(exc)) from None
        return replace(self, text=text, compiled=None)

    def compile(self):
        """rdflib's translated form of :attr:`text` (cached on the object)."""
        if self.compiled is None:
            compiled = _compile(self.text, self.user_text, self.source)
            object.__setattr__(self, "compiled", compiled)
        return self.compiled


# One result type for every back end (the stores answer in it directly).
Result = Answer


@lru_cache(maxsize=256)  # parsing is rdflib's pyparsing grammar: tens of ms a query
def prepare(text: str, source: str = "query") -> Prepared:
    """Check *text* and give it the standard prefixes.

    *source* names the text in error messages (``query`` or a file name). Updates are refused
    with :class:`QueryRefused`; syntax errors raise :class:`QuerySyntaxError` located in
    *text* itself (the prepended PREFIX lines are not counted).

    >>> prepare("DELETE WHERE { ?s ?p ?o }")
    Traceback (most recent call last):
    ...
    strategygraph.sparql.errors.QueryRefused: SPARQL Update is not allowed: the graph is read-only here
    >>> prepare("SELECT * WHERE {\\n  ?s nope:p ?o }")
    Traceback (most recent call last):
    ...
    strategygraph.sparql.errors.QuerySyntaxError: query:2:6: unknown prefix 'nope:' (declare it with PREFIX nope: <...>)
    """
    kind = sq.form(text)
    if kind == "UPDATE":
        raise QueryRefused("SPARQL Update is not allowed: the graph is read-only here")
    full = sq.with_prologue(text)
    compiled = _compile(full, text, source)
    if kind is None:
        raise QuerySyntaxError(source, 1, "1", "expected SELECT, ASK, CONSTRUCT or DESCRIBE")
    return Prepared(text, full, kind, source, compiled)


def _compile(full: str, user_text: str, source: str):
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    offset = sq.prologue_lines() if full.startswith(sq.prologue()) else 0
    try:
        with _PARSE_LOCK:
            return translateQuery(parseQuery(full))
    except ParseException as exc:
        line, col = max(exc.lineno - offset, 1), exc.col
        found = f", found {exc.found}" if getattr(exc, "found", None) else ""
        raise QuerySyntaxError(source, line, str(col), f"{exc.msg}{found}") from None
    except Exception as exc:  # rdflib raises bare Exceptions for semantic errors
        message = " ".join(str(exc).split())
        m = re.match(r"Unknown namespace prefix\s*:\s*(\S*)", message)
        if m:
            at = sq.find_prefix_use(user_text, m.group(1))
            line, col = sq.line_col(user_text, at) if at is not None else (None, None)
            raise QuerySyntaxError(source, line, str(col) if col else None,
                                   f"unknown prefix '{m.group(1)}:' (declare it with PREFIX {m.group(1)}: <...>)") \
                from None
        raise QuerySyntaxError(source, None, None, message or type(exc).__name__) from None


def _walk(node):
    yield node
    children = node.values() if isinstance(node, dict) else node if isinstance(node, (list, tuple)) else ()
    for child in children:
        if isinstance(child, (dict, list, tuple)):
            yield from _walk(child)


def check_local(prepared: Prepared) -> None:
    """Refuse what an in-memory run must not do: fetch data (FROM) or call out (SERVICE).

    >>> check_local(prepare("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"))
    Traceback (most recent call last):
    ...
    strategygraph.sparql.errors.QueryRefused: SERVICE is not allowed: queries run on the loaded graph only
    """
    # The user's text decides (bound values add neither): its parse is cached by prepare().
    source = prepare(prepared.user_text, prepared.source) if prepared.compiled is None else prepared
    algebra = source.compile().algebra
    if algebra.get("datasetClause"):
        raise QueryRefused("FROM / FROM NAMED is not supported: queries run on the loaded graph "
                           "(use GRAPH ?g to pick named graphs)")
    if any(getattr(n, "name", None) == "ServiceGraphPattern" for n in _walk(algebra)):
        raise QueryRefused("SERVICE is not allowed: queries run on the loaded graph only")


def union_view(g: Graph) -> Graph:
    """*g*, or a view of the same store whose default graph is the union of its named graphs.

    >>> ds = Dataset()
    >>> union_view(ds).default_union
    True
    """
    if isinstance(g, ConjunctiveGraph) and not g.default_union:
        return Dataset(store=g.store, default_union=True)
    return g


class Memory:
    """Runs prepared queries on an rdflib Dataset or Graph held in this process."""

    def __init__(self, g: Graph):
        self.g = union_view(g)

    def run(self, prepared: Prepared, timeout: float | None = None, max_rows: int | None = None) -> Result:
        """Run *prepared*; stop it after *timeout* seconds; refuse more than *max_rows* rows."""
        check_local(prepared)
        compiled = prepared.compile()
        return with_time_limit(lambda: self._run(compiled, max_rows), timeout)

    def _run(self, compiled, max_rows: int | None) -> Result:
        res = self.g.query(compiled)
        if res.type == "ASK":
            return Result("ASK", boolean=bool(res.askAnswer))
        if res.type in ("CONSTRUCT", "DESCRIBE"):
            graph = res.graph
            if max_rows is not None and len(graph) > max_rows:
                raise ResultTooLarge(too_many(max_rows, "triples"))
            return Result(res.type, graph=graph)
        names = [str(v) for v in res.vars]
        rows = []
        for row in res:
            rows.append(tuple(row))
            if max_rows is not None and len(rows) > max_rows:
                raise ResultTooLarge(too_many(max_rows, "rows"))
        return Result("SELECT", vars=names, rows=rows)


class OnStore:
    """Runs prepared queries in a :class:`~strategygraph.store.Store` (Oxigraph's engine, for one).

    >>> import strategygraph as sg
    >>> from strategygraph.store import copy_to
    >>> OnStore(copy_to(sg.build_graph(sg.sample_data()), "oxigraph")).run(prepare("ASK { ?a a sg:Action }")).boolean
    True
    """

    def __init__(self, store: Store):
        self.store = store

    def run(self, prepared: Prepared, timeout: float | None = None, max_rows: int | None = None) -> Result:
        """Run *prepared*; give up waiting after *timeout* seconds; refuse more than *max_rows* rows."""
        check_local(prepared)
        result = with_time_limit(lambda: self._query(prepared, max_rows), timeout)
        if max_rows is not None and result.size > max_rows:
            raise ResultTooLarge(too_many(max_rows, "rows" if result.form == "SELECT" else "triples"))
        return result

    def _query(self, prepared: Prepared, max_rows: int | None) -> Result:
        try:
            return self.store.query(prepared.text, limit=max_rows,
                                    # bound values add no keyword: the user's text (cached) decides
                                    named_graphs=sq.reads_named_graphs(prepared.user_text))
        except SyntaxError as exc:  # what rdflib's parser let through and the store's did not
            raise QuerySyntaxError(prepared.source, None, None, " ".join(str(exc).split())) from None


def too_many(limit: int, what: str) -> str:
    """The message for a result over the size limit.

    >>> too_many(10, "rows")
    'the result has more than 10 rows (the limit): add LIMIT or a narrower pattern'
    """
    return f"the result has more than {limit:,} {what} (the limit): add LIMIT or a narrower pattern"


class _Stop(BaseException):
    """Raised inside an abandoned query thread to end it (not an Exception: nothing catches it)."""


def _interrupt(thread: threading.Thread) -> None:
    # Deliver _Stop at the thread's next bytecode; rdflib's evaluation is Python, so it ends
    # promptly. A bare `except:` in rdflib could swallow one delivery, hence the retries.
    def keep_stopping():
        for _ in range(40):
            if not thread.is_alive():
                return
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident), ctypes.py_object(_Stop))
            thread.join(0.25)

    threading.Thread(target=keep_stopping, name=f"{WORKER_NAME}-stopper", daemon=True).start()


def with_time_limit(work: Callable[[], Any], timeout: float | None) -> Any:
    """Run *work* in a worker thread; after *timeout* seconds stop it and raise :class:`QueryTimeout`.

    >>> with_time_limit(lambda: 42, 5)
    42
    """
    if timeout is None:
        return work()
    box: dict[str, Any] = {}

    def target():
        try:
            box["value"] = work()
        except _Stop:
            box["stopped"] = True
        except BaseException as exc:  # handed to the caller's thread
            box["error"] = exc

    worker = threading.Thread(target=target, name=WORKER_NAME, daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        _interrupt(worker)
        raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped")
    if "error" in box:
        raise box["error"]
    return box["value"]


def running_queries() -> int:
    """How many queries are still running in time-limited worker threads.

    >>> running_queries()
    0
    """
    return sum(1 for t in threading.enumerate() if t.name == WORKER_NAME and t.is_alive())
