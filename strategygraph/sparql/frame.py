"""SELECT results as a pandas DataFrame with typed columns.

A column whose values are all ``xsd:date`` (or ``xsd:dateTime``) becomes ``datetime64``;
all integers become ``int64`` (``Int64`` when some rows are unbound); any other numbers
become ``float64``; booleans become ``boolean``; everything else (IRIs, text, mixed
columns) is ``str``, with ``None`` where the variable is unbound.

>>> from rdflib import Literal, URIRef
>>> from strategygraph.terms import XSD
>>> df = to_frame(["a", "due", "n"], [(URIRef("https://example.org/a"), Literal("2025-03-31", datatype=XSD.date),
...                                    Literal(3))])
>>> [str(t) for t in df.dtypes]
['object', 'datetime64[ns]', 'int64']
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from rdflib import Literal

from strategygraph.terms import XSD

_INTEGERS = {XSD[t] for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                              "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong",
                              "unsignedShort", "unsignedByte")}
_NUMBERS = _INTEGERS | {XSD.decimal, XSD.double, XSD.float}
#: Datatype → column kind (any other datatype is text).
_KIND_OF = {**dict.fromkeys(_NUMBERS, "float"), **dict.fromkeys(_INTEGERS, "int"), XSD.date: "date",
            XSD.dateTime: "datetime", XSD.boolean: "bool"}


def _kind(term) -> str:
    if not isinstance(term, Literal) or term.datatype is None or term.ill_typed:
        return "str"
    return _KIND_OF.get(term.datatype, "str")


def _kinds(values: list) -> set[str]:
    # Columns of IRIs and plain text (most) are told by type alone, without a call per value.
    literals = [v for v in values if type(v) is Literal]
    # A store hands a repeated value over as one object: each is looked at once.
    kinds = {_kind(v) for v in {id(v): v for v in literals}.values()}
    if len(literals) < len(values) and any(v is not None and type(v) is not Literal for v in values):
        kinds.add("str")
    return kinds


def _data(values: list):
    """A column's data: a typed array, or a list of ``str`` / ``None`` for a text column."""
    kinds = _kinds(values)
    missing = any(v is None for v in values)
    if kinds == {"int"}:
        ints = [None if v is None else int(v.toPython()) for v in values]
        return pd.array(ints, dtype="Int64") if missing else np.array(ints, dtype="int64")
    if kinds and kinds <= {"int", "float"}:
        return np.array([float("nan") if v is None else float(v.toPython()) for v in values], dtype="float64")
    if kinds in ({"date"}, {"datetime"}):
        try:
            stamps = pd.to_datetime([None if v is None else v.toPython() for v in values])
            return pd.Series(stamps).astype("datetime64[ns]")  # one resolution whatever pandas infers
        except (TypeError, ValueError, OverflowError):  # time zones, years out of range: keep the text
            pass
    if kinds == {"bool"}:
        return pd.array([None if v is None else bool(v.toPython()) for v in values], dtype="boolean")
    return [None if v is None else str(v) for v in values]


def column(values: list) -> pd.Series:
    """One typed column from RDF terms (``None`` = unbound).

    >>> from rdflib import Literal
    >>> column([Literal(1), None]).dtype
    Int64Dtype()
    >>> column([Literal(1), Literal(2.5)]).tolist()
    [1.0, 2.5]
    """
    data = _data(values)
    return pd.Series(data, dtype="object") if isinstance(data, list) else pd.Series(data)


def to_frame(names: list[str], rows: list[tuple]) -> pd.DataFrame:
    """A DataFrame with one typed column per variable of *names*, one row per solution.

    >>> to_frame(["x"], []).columns.tolist()
    ['x']
    """
    if not names:
        return pd.DataFrame({}, columns=[])
    data = [_data([row[i] for row in rows]) for i in range(len(names))]
    # The text columns go in as one block of Python objects: a Series per column cost more
    # than the query itself on small results. An object array passed any other way would be
    # read as pandas' str dtype.
    block = np.empty((len(rows), len(names)), dtype=object)
    for i, values in enumerate(data):
        if isinstance(values, list):
            block[:, i] = np.array(values, dtype=object)
    frame = pd.DataFrame(block, columns=names, dtype=object)
    for i, values in enumerate(data):
        if not isinstance(values, list):
            frame.isetitem(i, values)
    return frame
