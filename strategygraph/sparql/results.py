"""SPARQL 1.1 result formats: JSON, XML, CSV and TSV writers, and a JSON reader.

>>> from rdflib import Literal, URIRef
>>> to_csv(["a", "n"], [(URIRef("https://example.org/a"), Literal(3))]).splitlines()
['a,n', 'https://example.org/a,3']
>>> from_json(to_json(["n"], [(Literal(3),)]))
(['n'], [(rdflib.term.Literal('3', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer')),)])
"""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Literal, URIRef  # noqa: F401 (Literal: for the doctests)

#: Media type → writer name for SELECT / ASK results.
MEDIA_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
#: Writer name → the media type it answers with.
CONTENT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
}


def term_json(term) -> dict:
    """The SPARQL JSON form of one RDF term.

    >>> from rdflib import Literal
    >>> term_json(Literal("hi", lang="en"))
    {'type': 'literal', 'value': 'hi', 'xml:lang': 'en'}
    """
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def to_json(names: list[str], rows: list[tuple]) -> str:
    """SELECT results as ``application/sparql-results+json``."""
    bindings = [{n: term_json(t) for n, t in zip(names, row) if t is not None} for row in rows]
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False)


def boolean_json(value: bool) -> str:
    """ASK result as SPARQL JSON.

    >>> boolean_json(True)
    '{"head": {}, "boolean": true}'
    """
    return json.dumps({"head": {}, "boolean": bool(value)})


_XML_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'


def _term_xml(term) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    attrs = ""
    if term.language:
        attrs = f" xml:lang={quoteattr(term.language)}"
    elif term.datatype:
        attrs = f" datatype={quoteattr(str(term.datatype))}"
    return f"<literal{attrs}>{escape(str(term))}</literal>"


def to_xml(names: list[str], rows: list[tuple]) -> str:
    """SELECT results as ``application/sparql-results+xml``.

    >>> "<variable name=\\"a\\"/>" in to_xml(["a"], [])
    True
    """
    out = [_XML_HEAD, "<head>", *(f"<variable name={quoteattr(n)}/>" for n in names), "</head>\n<results>\n"]
    for row in rows:
        out.append("<result>")
        out.extend(f"<binding name={quoteattr(n)}>{_term_xml(t)}</binding>" for n, t in zip(names, row)
                   if t is not None)
        out.append("</result>\n")
    out.append("</results>\n</sparql>\n")
    return "".join(out)


def boolean_xml(value: bool) -> str:
    """ASK result as SPARQL XML."""
    return f"{_XML_HEAD}<head/>\n<boolean>{'true' if value else 'false'}</boolean>\n</sparql>\n"


def to_csv(names: list[str], rows: list[tuple]) -> str:
    """SELECT results as SPARQL CSV: values only (IRIs and lexical forms), no types."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")  # RFC 4180, as the SPARQL CSV format asks
    writer.writerow(names)
    for row in rows:
        writer.writerow(["" if t is None else (f"_:{t}" if isinstance(t, BNode) else str(t)) for t in row])
    return buf.getvalue()


def _term_tsv(term) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return term.n3().replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def to_tsv(names: list[str], rows: list[tuple]) -> str:
    """SELECT results as SPARQL TSV: terms in Turtle syntax, so types survive.

    >>> to_tsv(["n"], [(Literal(3),)]).splitlines()
    ['?n', '"3"^^<http://www.w3.org/2001/XMLSchema#integer>']
    """
    lines = ["\t".join(f"?{n}" for n in names)]
    lines += ["\t".join(_term_tsv(t) for t in row) for row in rows]
    return "\n".join(lines) + "\n"


def write(fmt: str, names: list[str], rows: list[tuple]) -> str:
    """SELECT results in writer *fmt* (``json``, ``xml``, ``csv``, ``tsv``)."""
    return {"json": to_json, "xml": to_xml, "csv": to_csv, "tsv": to_tsv}[fmt](names, rows)


# The JSON results reader is shared with the remote store, which sits below this package.
from strategygraph.store.convert import from_json, json_term  # noqa: E402,F401
