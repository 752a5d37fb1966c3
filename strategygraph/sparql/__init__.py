"""SPARQL for analysts: queries into typed DataFrames, named queries, a read-only endpoint,
and a remote store.

>>> import strategygraph as sg
>>> sg.query("SELECT (COUNT(DISTINCT ?w) AS ?n) WHERE { ?w a sg:Workstream }")["n"].item()
31
>>> [q.name for q in list_named()][:3]
['actions-by-chief-officer', 'actions-by-lead', 'actions-without-priority']
"""

from __future__ import annotations

from strategygraph.sparql.api import graph, query, run_named
from strategygraph.sparql.errors import (ParameterError, QueryRefused, QuerySyntaxError, QueryTimeout, RemoteError,
                                         ResultTooLarge, UnknownQuery)
from strategygraph.sparql.named import NamedQuery, Param, get_named, list_named
from strategygraph.sparql.remote import Endpoint, PushReport, push

__all__ = ["query", "run_named", "list_named", "get_named", "graph", "Endpoint", "push", "PushReport", "NamedQuery",
           "Param", "QuerySyntaxError", "QueryRefused", "QueryTimeout", "ResultTooLarge", "RemoteError",
           "UnknownQuery", "ParameterError"]
