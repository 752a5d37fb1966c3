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

from itertools import repeat

import numpy as np
import pandas as pd
from rdflib import Literal

from strategygraph.store.base import columns_of
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


_NONE = type(None)


def _data(values: list):
    """A column's data: a typed array, or a list of ``str`` / ``None`` for a text column."""
    # Each step below runs in C over the cells; Python code runs once per distinct object
    # (a store hands a repeated value over as one object), which is what keeps a DataFrame
    # cheap next to the query that made it.
    types = set(map(type, values))
    if Literal not in types:  # IRIs, blank nodes and text: told by type alone
        return values if types <= {str, _NONE} else [None if v is None else str(v) for v in values]
    distinct = dict(zip(map(id, values), values))

    def each(convert, default=None) -> list:
        converted = {key: convert(v) for key, v in distinct.items() if v is not None}
        return list(map(converted.get, map(id, values), repeat(default)))

    kinds = {_kind(v) for v in distinct.values() if type(v) is Literal}
    if types - {Literal, _NONE}:
        kinds.add("str")
    if kinds == {"int"}:
        ints = each(lambda v: int(v.toPython()))
        return pd.array(ints, dtype="Int64") if _NONE in types else np.array(ints, dtype="int64")
    if kinds <= {"int", "float"}:
        return np.array(each(lambda v: float(v.toPython()), float("nan")), dtype="float64")
    if kinds in ({"date"}, {"datetime"}):
        try:
            return _stamps(distinct, values)
        except (TypeError, ValueError, OverflowError):  # time zones, years out of range: keep the text
            pass
    if kinds == {"bool"}:
        return pd.array(each(lambda v: bool(v.toPython())), dtype="boolean")
    return each(str)


def _stamps(distinct: dict, values: list) -> pd.Series:
    # pandas reads the distinct dates only; the column is their nanoseconds mapped in C.
    keys = [key for key, value in distinct.items() if value is not None]
    stamps = pd.Series(pd.to_datetime([distinct[key].toPython() for key in keys]))
    nanoseconds = stamps.astype("datetime64[ns]").to_numpy().view("int64")  # one resolution whatever pandas infers
    found = dict(zip(keys, nanoseconds.tolist()))
    stamped = np.array(list(map(found.get, map(id, values), repeat(_NAT))), dtype="int64")
    return pd.Series(stamped.view("datetime64[ns]"))


_NAT = np.iinfo(np.int64).min  # how numpy stores NaT


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
    return frame_of_columns(names, columns_of(rows, len(names)))


def frame_of_columns(names: list[str], columns: list[list]) -> pd.DataFrame:
    """:func:`to_frame` from the values one list per variable, as :meth:`Answer.columns`
    gives them.

    >>> from rdflib import Literal
    >>> frame_of_columns(["x", "n"], [["a", None], [Literal(1), None]]).dtypes.astype(str).tolist()
    ['object', 'Int64']
    """
    if not names:
        return pd.DataFrame({}, columns=[])
    data = [_data(values) for values in columns]
    # The text columns go in as one block of Python objects: a Series per column cost more
    # than the query itself on small results. An object array passed any other way would be
    # read as pandas' str dtype.
    block = np.empty((len(columns[0]), len(names)), dtype=object)
    for i, values in enumerate(data):
        if isinstance(values, list):
            block[:, i] = np.array(values, dtype=object)
    frame = pd.DataFrame(block, columns=names, dtype=object)
    for i, values in enumerate(data):
        if not isinstance(values, list):
            frame.isetitem(i, values)
    return frame
