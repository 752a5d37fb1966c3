"""SPARQL for analysts: queries into typed DataFrames, named queries, a read-only endpoint,
and a remote store.

>>> import strategygraph as sg
>>> sg.query("SELECT (COUNT(DISTINCT ?w) AS ?n) WHERE { ?w a sg:Workstream }")["n"].item()
31
>>> from strategygraph.sparql import list_named
>>> [q.name for q in list_named()][:3]
['actions-by-chief-officer', 'actions-by-lead', 'actions-without-priority']
"""

from __future__ import annotations

import importlib

# Imported on first use, so that listing the named queries (CLI start-up) does not load
# rdflib and pandas.
_API = {
    "query": "api", "run_named": "api", "graph": "api",
    "ParameterError": "errors", "QueryRefused": "errors", "QuerySyntaxError": "errors", "QueryTimeout": "errors",
    "RemoteError": "errors", "ResultTooLarge": "errors", "UnknownQuery": "errors",
    "NamedQuery": "named", "Param": "named", "get_named": "named", "list_named": "named",
    "Endpoint": "remote", "PushReport": "remote", "push": "remote",
}

__all__ = sorted(_API)


def __getattr__(name: str):
    if name in _API:
        return getattr(importlib.import_module(f"strategygraph.sparql.{_API[name]}"), name)
    raise AttributeError(f"module 'strategygraph.sparql' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
