"""Parameter values for the named queries that need them, found in the graph itself (so the
same code serves Lancaster and any synthetic council set): the first action with progress
updates, the first two versions of one document, a Council Plan priority.
"""

from __future__ import annotations

from strategygraph.sparql.text import with_prologue

_PICKS = {
    "action": "SELECT ?x WHERE { ?u sg:reportsOn ?x } ORDER BY ?x LIMIT 1",
    "versions": """SELECT ?older ?newer WHERE {
        ?older dcterms:isVersionOf ?s ; dcterms:issued ?i1 . ?newer dcterms:isVersionOf ?s ; dcterms:issued ?i2 .
        ?s a sg:ActionPlan . FILTER (STR(?i1) < STR(?i2)) } ORDER BY ?s ?i1 ?i2 LIMIT 1""",
    "target": "SELECT ?x WHERE { ?a sg:supports ?x . ?x a sg:Priority } ORDER BY ?x LIMIT 1",
}


def sample_params(store) -> dict[str, dict]:
    """Named query name → parameter values (IRIs, so ids shared by councils are no problem).

    >>> import strategygraph as sg
    >>> from strategygraph.store import as_store
    >>> sample_params(as_store(sg.build_graph(sg.sample_data())))["rag-history"]["action"].startswith("https://")
    True
    """
    def one(key):
        rows = store.query(with_prologue(_PICKS[key])).rows
        return [str(t) for t in rows[0]] if rows else None

    action, (older, newer), target = one("action")[0], one("versions"), one("target")[0]
    return {
        "changes-between-versions": {"older": older, "newer": newer},
        "fact-provenance": {"node": action, "property": "https://w3id.org/strategygraph/def#dueDate"},
        "provenance": {"node": action},
        "rag-history": {"action": action},
        "supporters": {"target": target},
        "overdue-actions": {"asOf": "2025-06-30"},
    }
