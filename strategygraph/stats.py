"""Counts that summarise a graph."""

from __future__ import annotations

from collections import Counter

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from strategygraph.store import graph_view as union


def class_counts(ds: Dataset | Graph) -> dict[str, int]:
    """Number of distinct nodes of each class, as ``{"sg:Action": 96, ...}``, largest first.

    >>> import strategygraph as sg
    >>> counts = class_counts(sg.build_graph(sg.sample_data()))
    >>> counts["sg:DeliveryGroup"]
    5
    """
    g = union(ds)
    counts = Counter(_curie(g, cls) for _, cls in set(g.subject_objects(RDF.type)) if isinstance(cls, URIRef))
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def graph_sizes(g) -> dict[str, int]:
    """Triples in each named graph (those with any), by graph IRI.

    >>> import strategygraph as sg
    >>> sizes = graph_sizes(sg.build_graph(sg.sample_data()))
    >>> len(sizes), all(n > 0 for n in sizes.values())
    (7, True)
    """
    from strategygraph.store import as_store

    rows = as_store(g).query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g").rows
    return {str(name): int(n) for name, n in sorted(rows, key=lambda r: str(r[0]))}


def _curie(g: Graph, iri: URIRef) -> str:
    try:
        return g.namespace_manager.normalizeUri(iri)
    except Exception:  # an IRI no prefix covers prints in full
        return str(iri)
