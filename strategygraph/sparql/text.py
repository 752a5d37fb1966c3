"""Reading SPARQL text without a full parser: prefixes, variables, where to bind parameters.

Parameters are bound by adding a ``VALUES`` block as the first element of the query's WHERE
group, so the same text runs on rdflib and on any SPARQL 1.1 server. Finding that group needs
a tokenizer that knows strings, IRIs and comments, which is all this module is.

>>> q = 'SELECT ?a WHERE { ?a sg:dueDate ?d FILTER(?d < ?asOf) }'
>>> sorted(variables(q))
['a', 'asOf', 'd']
>>> bind_values(q, {"asOf": '"2025-06-30"^^xsd:date'})
'SELECT ?a WHERE { VALUES (?asOf) { ("2025-06-30"^^xsd:date) } ?a sg:dueDate ?d FILTER(?d < ?asOf) }'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from strategygraph.terms import PREFIXES

_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+)
  | (?P<pname>(?:[A-Za-z\u00c0-\uffff][\w.\-\u00b7\u00c0-\uffff]*)?:(?:[\w\-:%.\u00b7\u00c0-\uffff]|\\.)*)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<punct>.)
""", re.VERBOSE | re.DOTALL)

#: Keywords that start a SPARQL Update operation: refused by every read-only entry point.
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})
QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


@dataclass(frozen=True)
class Token:
    """A token of SPARQL text: its kind, its text and where it starts (character offset)."""

    kind: str
    text: str
    start: int


def tokens(text: str) -> Iterator[Token]:
    """The tokens of *text*, without whitespace and comments.

    >>> [t.kind for t in tokens('SELECT ?x { ?x a <http://x/y> } # done')]
    ['word', 'var', 'punct', 'var', 'word', 'iri', 'punct']
    """
    for m in _TOKEN.finditer(text):
        if m.lastgroup not in ("ws", "comment"):
            yield Token(m.lastgroup, m.group(), m.start())


def prologue() -> str:
    """The PREFIX lines prepended to every query, one per line (from ``terms.PREFIXES``).

    >>> prologue().splitlines()[0].startswith("PREFIX sg: <")
    True
    """
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())


def prologue_lines() -> int:
    """How many lines :func:`prologue` adds in front of a query.

    >>> prologue_lines() == len(PREFIXES)
    True
    """
    return prologue().count("\n")


def with_prologue(text: str) -> str:
    """*text* with the standard PREFIX lines in front (a query's own PREFIX lines win).

    >>> with_prologue("ASK {}").endswith("\\nASK {}")
    True
    """
    return prologue() + text


def form(text: str) -> str | None:
    """What *text* is: ``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``, ``UPDATE`` or ``None``.

    >>> form("PREFIX a: <http://a/> construct { ?s ?p ?o } where { ?s ?p ?o }")
    'CONSTRUCT'
    >>> form("INSERT DATA { <http://a/s> <http://a/p> 1 }")
    'UPDATE'
    """
    expect_iri = False
    for tok in tokens(text):
        if expect_iri:
            expect_iri = tok.kind == "pname"  # PREFIX name: <iri> - the name, then the IRI
            continue
        if tok.kind != "word":
            continue
        word = tok.text.upper()
        if word in ("PREFIX", "BASE"):
            expect_iri = word == "PREFIX"
            continue
        if word in QUERY_FORMS:
            return word
        if word in UPDATE_KEYWORDS:
            return "UPDATE"
        return None
    return None


@lru_cache(maxsize=256)  # a named query is bound afresh on every run: tokenize its text once
def variables(text: str) -> frozenset[str]:
    """Names of the variables *text* mentions (without ``?`` or ``$``).

    >>> sorted(variables('SELECT ?a { ?a ?b "?not" . $c <x:y> ?a }'))
    ['a', 'b', 'c']
    """
    return frozenset(tok.text[1:] for tok in tokens(text) if tok.kind == "var")


@lru_cache(maxsize=256)
def keywords(text: str) -> frozenset[str]:
    """The words *text* uses as SPARQL keywords (upper-cased), not counting those inside
    strings, IRIs, prefixed names, variables or comments.

    >>> sorted(keywords('SELECT ?graph { GRAPH ?g { ?s <x:graph> "graph" } } # FROM'))
    ['GRAPH', 'SELECT']
    """
    return frozenset(tok.text.upper() for tok in tokens(text) if tok.kind == "word")


def reads_named_graphs(text: str) -> bool:
    """Whether *text* may read more than the default graph (``GRAPH``, ``FROM``, ``SERVICE``).

    >>> reads_named_graphs("SELECT ?g { GRAPH ?g { } }"), reads_named_graphs("ASK { ?graph a ?t }")
    (True, False)
    """
    return bool(keywords(text) & {"GRAPH", "FROM", "SERVICE"})


@lru_cache(maxsize=256)
def where_offset(text: str) -> int:
    """Character offset just after the ``{`` that opens the query's WHERE group.

    For CONSTRUCT the template's braces are skipped. Raises ``ValueError`` when there is none.

    >>> q = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    >>> q[where_offset(q):]
    ' ?s ?p ?o }'
    """
    toks = list(tokens(text))
    query_form = form(text)
    i = 0
    if query_form == "CONSTRUCT":
        start = next(k for k, t in enumerate(toks) if t.kind == "word" and t.text.upper() == "CONSTRUCT")
        following = toks[start + 1] if start + 1 < len(toks) else None
        if following is not None and following.text == "{":
            depth, i = 0, start + 1
            while i < len(toks):
                if toks[i].text == "{":
                    depth += 1
                elif toks[i].text == "}":
                    depth -= 1
                    if depth == 0:
                        break
                i += 1
            i += 1
        else:
            raise ValueError("parameters cannot be bound in the short CONSTRUCT WHERE form")
    for tok in toks[i:]:
        if tok.kind == "punct" and tok.text == "{":
            return tok.start + 1
    raise ValueError("the query has no WHERE group")


def bind_values(text: str, terms: dict[str, str]) -> str:
    """*text* with ``VALUES (?k ...) { (term ...) }`` opening its WHERE group.

    *terms* maps variable names to terms already written in SPARQL syntax (``Term.n3()``);
    the caller makes them from typed values, so nothing a user typed reaches the query as
    text. An empty mapping returns *text* unchanged.

    >>> bind_values("ASK { ?s ?p ?o }", {"s": "<http://a/b>"})
    'ASK { VALUES (?s) { (<http://a/b>) } ?s ?p ?o }'
    """
    if not terms:
        return text
    at = where_offset(text)
    names = " ".join(f"?{k}" for k in terms)
    row = " ".join(terms.values())
    return f"{text[:at]} VALUES ({names}) {{ ({row}) }}{text[at:]}"


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of character *offset* in *text*.

    >>> line_col("ab\\ncd", 4)
    (2, 2)
    """
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def find_prefix_use(text: str, prefix: str) -> int | None:
    """Offset of the first prefixed name using *prefix* (``foo`` for ``foo:bar``), or ``None``.

    >>> find_prefix_use('SELECT * { ?s foo:bar "foo:x" }', "foo")
    14
    """
    for tok in tokens(text):
        if tok.kind == "pname" and tok.text.split(":", 1)[0] == prefix:
            return tok.start
    return None
