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
import re

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


#: A backslash escape of N-Triples / Turtle strings.
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.S)
_ESCAPED = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
#: Numbers Turtle writes without quotes: integer, decimal, double.
_BARE_NUMBER = re.compile(r"[+-]?(?:(\d+)|(\d*\.\d+)|((?:\d+\.?\d*|\.\d+)[eE][+-]?\d+))")
_XSD = "http://www.w3.org/2001/XMLSchema#"


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda m: _ESCAPED[m.group(3)] if m.group(3) is not None
                       else chr(int(m.group(1) or m.group(2), 16)), text)


def read_tsv(data: bytes) -> tuple[list[str], list[list[str]], int]:
    r"""``(variables, columns, rows)`` of SPARQL TSV results: one list per variable, each value
    still in Turtle syntax (``""`` where unbound), to read with :class:`FromTsv`.

    >>> read_tsv(b'?a\t?n\n<urn:x>\t3\n\t\n')
    (['a', 'n'], [['<urn:x>', ''], ['3', '']], 2)
    >>> read_tsv(b'\n\n\n')  # no variables, two rows
    ([], [], 2)
    """
    head, _, body = data.decode("utf-8").partition("\n")
    if not head:
        return [], [], body.count("\n")
    names = [name[1:] for name in head.split("\t")]
    # TSV escapes tabs and newlines inside values: the body splits into one flat list of
    # values in C, and every variable's column is a slice of it.
    values = body.replace("\n", "\t").split("\t")
    values.pop()  # every row ends with a newline
    width = len(names)
    return names, [values[i::width] for i in range(width)], len(values) // width


class _Cells(dict):
    """A cache that makes a missing entry with *make*."""

    def __init__(self, make):
        super().__init__()
        self.make = make

    def __missing__(self, key):
        value = self[key] = self.make(key)
        return value


class FromTsv:
    r"""Converts values of SPARQL TSV results (Turtle syntax) to rdflib terms, each distinct
    value once. Oxigraph writes a SELECT result as TSV in Rust far faster than Python can take
    its solutions one term at a time.

    >>> conv = FromTsv()
    >>> conv('"2025-03-31"^^<http://www.w3.org/2001/XMLSchema#date>').toPython(), conv("3").toPython()
    (datetime.date(2025, 3, 31), 3)
    >>> conv(r'"say \"hi\""@en'), conv.cell("<urn:a>"), conv.cell(""), conv.cell(r'"a\tb"')
    (rdflib.term.Literal('say "hi"', lang='en'), 'urn:a', None, 'a\tb')
    """

    def __init__(self):
        self.seen: dict[str, object] = {}
        self.types: dict[str, URIRef] = {}
        #: *value* as a table cell (see ``Answer.cells``): the text of an IRI or a string, an
        #: rdflib ``Literal`` for other literals, ``None`` where unbound. Values repeat down a
        #: column (labels, plans, counts): a dict lookup in C for each one seen before.
        self.cell = _Cells(self._cell).__getitem__

    def __call__(self, value: str):
        found = self.seen.get(value)
        if found is None and value:
            found = self.seen[value] = self._make(value)
        return found

    def _cell(self, value: str):
        if not value:
            return None
        first = value[0]
        if first == "<" and value[1:2] != "<":
            return value[1:-1]
        if first == '"' and value[-1] == '"' and len(value) > 1:
            return _unescape(value[1:-1])
        term = self(value)
        return str(term) if type(term) is not Literal or term.language else term

    def _make(self, value: str):
        first = value[0]
        if first == "<":
            if value.startswith("<<"):
                raise ValueError(f"cannot read an RDF-star triple from TSV: {value[:60]}")
            return str.__new__(URIRef, value[1:-1])  # Oxigraph has checked the IRI
        if first == '"':
            end = value.rindex('"')
            text, rest = _unescape(value[1:end]), value[end + 1:]
            if not rest:
                return Literal(text)
            if rest[0] == "@":
                return Literal(text, lang=rest[1:])
            return Literal(text, datatype=self._type(rest[3:-1]))
        if value.startswith("_:"):
            return BNode(value[2:])
        if value in ("true", "false"):
            return Literal(value, datatype=self._type(_XSD + "boolean"))
        number = _BARE_NUMBER.fullmatch(value)
        if number is None:
            raise ValueError(f"unexpected value in TSV results: {value[:60]}")
        kind = "integer" if number.group(1) else "decimal" if number.group(2) else "double"
        return Literal(value, datatype=self._type(_XSD + kind))

    def _type(self, iri: str) -> URIRef:
        found = self.types.get(iri)
        if found is None:
            found = self.types[iri] = URIRef(iri)
        return found


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
