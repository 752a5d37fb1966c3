"""Query results as text: an aligned table, Markdown, CSV, TSV or JSON records.

Tables and Markdown are for reading, so IRIs are shortened with the standard prefixes and
an instance IRI ``…/id/<council>/<id>`` reads ``<council>:<id>``; CSV, TSV and JSON keep
full IRIs and full text for other programs.

>>> import pandas as pd
>>> df = pd.DataFrame({"n": [1], "due": pd.to_datetime(["2025-03-31"]), "what": ["A|B"]})
>>> print(to_text(df, "markdown"))
| n | due | what |
|---|---|---|
| 1 | 2025-03-31 | A\\|B |
"""

from __future__ import annotations

import json
import math

import pandas as pd

from strategygraph.terms import ID_BASE, PREFIXES

#: Formats for SELECT results.
FRAME_FORMATS = ("table", "csv", "tsv", "json", "markdown")
#: Formats for CONSTRUCT / DESCRIBE results (a graph), with the rdflib serializer of each.
GRAPH_FORMATS = {"turtle": "turtle", "ntriples": "nt", "json": "json-ld"}
#: Longest cell shown in a table (the rest is cut with an ellipsis).
TABLE_WIDTH = 60


def compact(value: str) -> str:
    """*value* with a known namespace written as a prefix.

    >>> from strategygraph.terms import ID_BASE, SG
    >>> compact(str(SG.Action)), compact(ID_BASE + "lancaster/cpc-r1-a1"), compact("plain text")
    ('sg:Action', 'lancaster:cpc-r1-a1', 'plain text')
    """
    if value.startswith(ID_BASE):
        council, sep, rest = value[len(ID_BASE):].partition("/")
        if sep and rest and "/" not in rest:
            return f"{council}:{rest}"
    for prefix, ns in PREFIXES.items():
        if value.startswith(ns) and len(value) > len(ns):
            local = value[len(ns):]
            if all(c.isalnum() or c in "-_." for c in local):
                return f"{prefix}:{local}"
    return value


def _plain(value):
    """A cell as JSON-ready data: dates as ISO days, missing as None."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    if value is pd.NA:
        return None
    return value


def _cell(value, short: bool, cut: bool = True) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    if short:
        text = compact(text)
        text = " ".join(text.split())
        if cut and len(text) > TABLE_WIDTH:
            text = text[:TABLE_WIDTH - 1] + "…"
    return text


def records(df: pd.DataFrame) -> list[dict]:
    """The rows of *df* as JSON-ready dicts.

    >>> records(pd.DataFrame({"a": [1.5, float("nan")]}))
    [{'a': 1.5}, {'a': None}]
    """
    return [{c: _plain(v) for c, v in zip(df.columns, row)} for row in df.itertuples(index=False, name=None)]


def to_text(df: pd.DataFrame, fmt: str = "table") -> str:
    """*df* as text in *fmt* (one of :data:`FRAME_FORMATS`).

    >>> print(to_text(pd.DataFrame({"group": ["3a"], "workstreams": [7]})))
    group  workstreams
    -----  -----------
    3a               7
    (1 row)
    """
    if fmt == "json":
        return json.dumps(records(df), ensure_ascii=False, indent=2)
    if fmt in ("csv", "tsv"):
        rows = [[_cell(v, False) for v in row] for row in df.itertuples(index=False, name=None)]
        return pd.DataFrame(rows, columns=df.columns).to_csv(index=False, sep="," if fmt == "csv" else "\t")
    cells = [[_cell(v, True, fmt == "table") for v in row] for row in df.itertuples(index=False, name=None)]
    if fmt == "markdown":
        def line(values):
            return "| " + " | ".join(v.replace("|", "\\|") for v in values) + " |"

        return "\n".join([line(list(df.columns)), "|" + "---|" * len(df.columns)] + [line(r) for r in cells])
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}")
    headers = [str(c) for c in df.columns]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    numeric = [pd.api.types.is_numeric_dtype(df[c]) for c in df.columns]

    def fmt_row(values):
        parts = [v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric)]
        return "  ".join(parts).rstrip()

    lines = [fmt_row(headers), "  ".join("-" * w for w in widths)] + [fmt_row(r) for r in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines)
