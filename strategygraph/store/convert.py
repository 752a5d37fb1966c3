"""Terms between rdflib, pyoxigraph and SPARQL JSON results, so every back end hands the
rest of the package the same rdflib terms.

A plain literal is ``xsd:string`` to Oxigraph and to SPARQL 1.1, but ``Literal("x")``
(no datatype) to rdflib, and the two are unequal in rdflib: conversion maps one to the
other so results compare equal across back ends.

>>> from rdflib import Literal, URIRef
>>> from_ox(to_ox(Literal("Green"))) == Literal("Green")
True
>>> from_ox(to_ox(URIRef("https://example.org/a")))
rdflib.term.URIRef('https://example.org/a')
"""

from __future__ import annotations

import json

from rdflib import BNode, Literal, URIRef

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def to_ox(term):
    """The pyoxigraph term for an rdflib term (``None`` stays ``None``).

    >>> to_ox(Literal("2025-03-31", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date"))).datatype.value
    'http://www.w3.org/2001/XMLSchema#date'
    """
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store a {type(term).__name__} in Oxigraph")


class FromOx:
    """Converts pyoxigraph terms to rdflib terms, reusing IRIs already seen (they repeat a lot).

    >>> import pyoxigraph as ox
    >>> FromOx()(ox.Literal("7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))).toPython()
    7
    """

    def __init__(self):
        self.iris: dict[str, URIRef] = {}
        self.types: dict[str, URIRef] = {}
        # Terms repeat (a graph name or label on thousands of quads) and making rdflib terms
        # is the cost of reading from Oxigraph: each distinct term is made once.
        self.seen: dict = {}

    def __call__(self, term):
        found = self.seen.get(term)
        if found is None and term is not None:
            found = self.seen[term] = self._make(term)
        return found

    def _make(self, term):
        cls = type(term).__name__
        if cls == "NamedNode":
            value = term.value
            found = self.iris.get(value)
            if found is None:
                # Oxigraph has already checked the IRI: skip rdflib's check (most of the cost).
                found = self.iris[value] = str.__new__(URIRef, value)
            return found
        if cls == "Literal":
            if term.language:
                return Literal(term.value, lang=term.language)
            datatype = term.datatype.value
            if datatype == XSD_STRING:
                return Literal(term.value)
            kind = self.types.get(datatype)
            if kind is None:
                kind = self.types[datatype] = URIRef(datatype)
            return Literal(term.value, datatype=kind)
        if cls == "BlankNode":
            return BNode(term.value)
        if cls == "DefaultGraph":
            return None
        raise TypeError(f"unexpected term {term!r} from Oxigraph")


def from_ox(term):
    """The rdflib term for one pyoxigraph term (see :class:`FromOx` for many)."""
    return FromOx()(term)


def json_term(binding: dict):
    """An rdflib term from one SPARQL JSON results binding.

    >>> json_term({"type": "literal", "value": "5", "datatype": "http://www.w3.org/2001/XMLSchema#integer"})
    rdflib.term.Literal('5', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
    """
    kind, value = binding.get("type"), binding.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind not in ("literal", "typed-literal"):  # RDF-star triples: as text
        return Literal(json.dumps(value) if not isinstance(value, str) else value)
    lang = binding.get("xml:lang")
    datatype = binding.get("datatype")
    if lang:
        return Literal(value, lang=lang)
    if datatype and datatype not in (XSD_STRING, RDF_LANGSTRING):
        return Literal(value, datatype=URIRef(datatype))
    return Literal(value)


def from_json(text: str | bytes):
    """Parse SPARQL JSON results: ``(vars, rows)`` for SELECT, a ``bool`` for ASK.

    >>> from_json('{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "uri", "value": "urn:a"}}]}}')
    (['x'], [(rdflib.term.URIRef('urn:a'),)])
    """
    data = json.loads(text)
    if "boolean" in data:
        return bool(data["boolean"])
    names = list(data.get("head", {}).get("vars", []))
    rows = []
    for b in data.get("results", {}).get("bindings", []):
        rows.append(tuple(json_term(b[n]) if n in b else None for n in names))
    return names, rows
