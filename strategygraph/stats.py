"""Counts that summarise a graph."""

from __future__ import annotations

from collections import Counter

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from strategygraph.graphfile import union


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


def _curie(g: Graph, iri: URIRef) -> str:
    try:
        return g.namespace_manager.normalizeUri(iri)
    except Exception:  # an IRI no prefix covers prints in full
        return str(iri)
