"""Query parameters: from Python values or command-line text to typed RDF terms.

A parameter never reaches a query as pasted text: it becomes an RDF term (an IRI, a typed
literal) whose SPARQL form rdflib writes with the escaping the grammar requires.

>>> import datetime
>>> to_term(datetime.date(2025, 6, 30)).n3()
'"2025-06-30"^^<http://www.w3.org/2001/XMLSchema#date>'
>>> parse_text('2025-06-30', "date").n3()
'"2025-06-30"^^<http://www.w3.org/2001/XMLSchema#date>'
>>> guess_term('x" } ; DROP ALL #').n3()
'"x\\\\" } ; DROP ALL #"'
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal, InvalidOperation

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from strategygraph.sparql.errors import TYPES, ParameterError  # noqa: F401  (re-exported)
from strategygraph.terms import PREFIXES, XSD

#: Parameter types a named query can declare in its ``# params:`` header.

_IRI = re.compile(r'^[A-Za-z][A-Za-z0-9+.\-]*:[^<>"{}|^`\\\x00-\x20]*$')
_CURIE = re.compile(r"^([A-Za-z][\w.\-]*)?:([\w\-.]*)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INT = re.compile(r"^[+-]?\d+$")
_DEC = re.compile(r"^[+-]?(\d+\.\d*|\.\d+)$")


def to_term(value) -> Identifier:
    """An RDF term for a Python value: IRIs and literals as given, dates, numbers, text.

    >>> to_term(3).n3()
    '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'
    >>> to_term(URIRef("https://example.org/a")).n3()
    '<https://example.org/a>'
    """
    if isinstance(value, Identifier):
        if isinstance(value, URIRef):
            check_iri(str(value))
        return value
    if isinstance(value, bool):
        return Literal(value)
    if hasattr(value, "to_pydatetime") and hasattr(value, "normalize"):  # pandas Timestamp
        value = value.to_pydatetime()
        if value == value.replace(hour=0, minute=0, second=0, microsecond=0) and value.tzinfo is None:
            value = value.date()  # a day, as the date columns of a DataFrame hold them
    if isinstance(value, _dt.datetime):
        return Literal(value, datatype=XSD.dateTime)
    if isinstance(value, _dt.date):
        return Literal(value, datatype=XSD.date)
    if isinstance(value, (int, float, Decimal)):
        return Literal(value)
    if isinstance(value, str):
        return Literal(value)
    raise ParameterError(f"cannot use a {type(value).__name__} as a query parameter")


def check_iri(text: str) -> str:
    """*text* when it is an absolute IRI that SPARQL can hold between ``<`` and ``>``.

    >>> check_iri("https://example.org/a b")
    Traceback (most recent call last):
    ...
    strategygraph.sparql.errors.ParameterError: 'https://example.org/a b' is not an absolute IRI
    """
    if not _IRI.match(text):
        raise ParameterError(f"{text!r} is not an absolute IRI")
    return text


def curie(text: str) -> URIRef | None:
    """The IRI a ``prefix:local`` name stands for with the standard prefixes, else ``None``.

    >>> curie("sg:Amber").endswith("#Amber")
    True
    >>> curie("cpc-2024-09") is None
    True
    """
    m = _CURIE.match(text)
    if m and (m.group(1) or "") in PREFIXES:
        return URIRef(PREFIXES[m.group(1) or ""] + m.group(2))
    return None


def explicit_iri(text: str) -> URIRef | None:
    """The IRI *text* names when written ``<...>``, as ``http(s)://...`` or as a known CURIE.

    >>> explicit_iri("<urn:x:1>")
    rdflib.term.URIRef('urn:x:1')
    >>> explicit_iri("cpc-r10-a1") is None
    True
    """
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        return URIRef(check_iri(text[1:-1]))
    if re.match(r"^(https?|urn|file):", text):
        return URIRef(check_iri(text))
    return curie(text)


def parse_text(text: str, kind: str, name: str = "value", today: _dt.date | None = None) -> Identifier:
    """The term for *text* given as a parameter of type *kind* (see :data:`TYPES`).

    ``node`` values that are not IRIs are ids: they are returned as plain literals, and the
    caller resolves them to a node through ``dcterms:identifier``.

    >>> parse_text("12", "integer").toPython()
    12
    >>> parse_text("soon", "date", "asOf")
    Traceback (most recent call last):
    ...
    strategygraph.sparql.errors.ParameterError: asOf: 'soon' is not a date (expected YYYY-MM-DD or 'today')
    """
    text = text.strip()
    if kind == "date":
        if text == "today":
            return Literal(today or _dt.date.today(), datatype=XSD.date)
        try:
            if not _DATE.match(text):
                raise ValueError
            return Literal(_dt.date.fromisoformat(text), datatype=XSD.date)
        except ValueError:
            raise ParameterError(f"{name}: {text!r} is not a date (expected YYYY-MM-DD or 'today')") from None
    if kind == "integer":
        if not _INT.match(text):
            raise ParameterError(f"{name}: {text!r} is not a whole number")
        return Literal(int(text))
    if kind == "decimal":
        try:
            return Literal(Decimal(text))
        except InvalidOperation:
            raise ParameterError(f"{name}: {text!r} is not a number") from None
    if kind in ("node", "iri"):
        try:
            iri = explicit_iri(text)
        except ParameterError as exc:
            raise ParameterError(f"{name}: {exc}") from None
        if iri is not None:
            return iri
        if kind == "iri":
            raise ParameterError(f"{name}: {text!r} is not an IRI (write <...>, http(s)://... or prefix:name)")
        if not text:
            raise ParameterError(f"{name}: an id or IRI is needed")
        return Literal(text)
    if kind == "string":
        return Literal(text)
    raise ParameterError(f"{name}: unknown parameter type {kind!r} (expected one of {', '.join(TYPES)})")


def guess_term(text: str) -> Identifier:
    """The term a command-line value most plausibly means, for queries that declare no types.

    ``<...>``, ``http(s)://...`` and known ``prefix:name`` are IRIs; ``YYYY-MM-DD`` is a date;
    numbers are numbers; anything else is a string.

    >>> [guess_term(v).n3() for v in ("sg:Red", "42", "Jo")][1:]
    ['"42"^^<http://www.w3.org/2001/XMLSchema#integer>', '"Jo"']
    """
    iri = explicit_iri(text)
    if iri is not None:
        return iri
    if _DATE.match(text):
        return parse_text(text, "date")
    if _INT.match(text):
        return Literal(int(text))
    if _DEC.match(text):
        return Literal(Decimal(text))
    return Literal(text)
