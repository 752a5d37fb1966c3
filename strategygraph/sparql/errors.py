"""Errors of the SPARQL layer. Each is a :class:`~strategygraph.errors.StrategyGraphError`,
so the CLI prints it as one line with exit status 2.

>>> str(QuerySyntaxError("query", 3, "12", "Expected SelectQuery, found '?'"))
"query:3:12: Expected SelectQuery, found '?'"
"""

from __future__ import annotations

from strategygraph.errors import InputError, RemoteError, StrategyGraphError  # noqa: F401 (RemoteError re-exported)

#: Types a named query's parameter can declare.
TYPES = ("node", "iri", "date", "string", "integer", "decimal")


class ParameterError(StrategyGraphError):
    """A parameter is unknown, missing, or its value does not fit its type."""


class QuerySyntaxError(InputError):
    """The query text does not parse; located as ``query:LINE:COL`` in the text the user gave."""


class QueryRefused(StrategyGraphError):
    """The query asks for something a read-only interface does not do (update, SERVICE, FROM)."""


class QueryTimeout(StrategyGraphError):
    """The query ran longer than the time limit and was stopped."""


class ResultTooLarge(StrategyGraphError):
    """The result has more rows than the limit allows."""


class UnknownQuery(StrategyGraphError):
    """No named query has this name."""


__all__ = ["QuerySyntaxError", "QueryRefused", "QueryTimeout", "ResultTooLarge", "RemoteError", "UnknownQuery",
           "ParameterError"]
