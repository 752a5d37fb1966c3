"""The library of named queries: ``queries/*.rq`` files shipped in the package.

Each file opens with a comment header::

    # title: Which actions are overdue?
    # description: Open actions whose current due date is before a given day ...
    #   (indented comment lines continue the field above)
    # params: asOf (date, default today) the day to compare due dates with

A ``params`` line declares one parameter: its name (the query's variable), its type (one of
``node``, ``iri``, ``date``, ``string``, ``integer``, ``decimal``), an optional default, and
``optional`` when the query also runs with the variable left free. ``# params: none`` says
there are none. A ``node`` takes an IRI, ``prefix:name`` or a record id (``cpc-r10-a1``),
which is looked up through ``dcterms:identifier`` in the data, so no query knows a council's
IRIs. The PREFIX lines come from ``terms.PREFIXES``; query files do not repeat them.

>>> names = [q.name for q in list_named()]
>>> "overdue-actions" in names and len(names) >= 15
True
>>> get_named("overdue-actions").params[0].name
'asOf'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from strategygraph.sparql.errors import TYPES, ParameterError, QuerySyntaxError, UnknownQuery

_PARAM = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s*\((?P<type>\w+)(?P<opts>[^)]*)\)\s*(?P<description>.*)$")


@dataclass(frozen=True)
class Param:
    """A parameter of a named query."""

    name: str
    type: str
    description: str = ""
    default: str | None = None
    optional: bool = False

    @property
    def required(self) -> bool:
        """Whether a value must be given (no default, not optional)."""
        return self.default is None and not self.optional

    def usage(self) -> str:
        """How the parameter reads in ``query --list``.

        >>> Param("asOf", "date", default="today").usage()
        'asOf=DATE (default today)'
        """
        extra = f" (default {self.default})" if self.default is not None else " (optional)" if self.optional else ""
        return f"{self.name}={self.type.upper()}{extra}"


@dataclass(frozen=True)
class NamedQuery:
    """A named query: what it answers, its parameters and its SPARQL text."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str = field(repr=False)
    path: str = field(default="", repr=False)

    def param(self, name: str) -> Param:
        """The declared parameter *name*; :class:`ParameterError` names the known ones."""
        for p in self.params:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.params) or "none"
        raise ParameterError(f"query {self.name!r} has no parameter {name!r} (its parameters: {known})")

    def as_dict(self) -> dict:
        """Name, title, description and parameters as plain data (for JSON and DataFrames).

        >>> get_named("workstreams-per-group").as_dict()["params"]
        []
        """
        return {"name": self.name, "title": self.title, "description": self.description,
                "params": [p.usage() for p in self.params]}


def parse_header(text: str, path: str = "query.rq") -> dict[str, str]:
    """The ``# key: value`` fields of the comment lines that open *text*.

    >>> parse_header("# title: T\\n# description: one\\n#   two\\nSELECT * {}")
    {'title': 'T', 'description': 'one two'}
    """
    fields: dict[str, str] = {}
    last = None
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break
        body = line[1:]
        m = re.match(r"^\s?(\w+):\s*(.*)$", body)
        if m and not body.startswith("   "):
            key, value = m.group(1), m.group(2).strip()
            fields[key] = f"{fields[key]}\n{value}" if key == "params" and key in fields else value
            last = key
        elif last and body.strip():
            joiner = " "
            fields[last] = f"{fields[last]}{joiner}{body.strip()}"
        elif body.strip():
            raise QuerySyntaxError(path, lineno, None, "header comment lines are '# key: value' "
                                   "(title, description, params) or indented continuations")
    return fields


def parse_params(spec: str, path: str = "query.rq") -> tuple[Param, ...]:
    """Parameters from the ``params`` field (one per line; ``none`` for none).

    >>> parse_params("action (node) the action or project")[0]
    Param(name='action', type='node', description='the action or project', default=None, optional=False)
    """
    params = []
    for line in spec.splitlines():
        line = line.strip()
        if not line or line.lower() == "none":
            continue
        m = _PARAM.match(line)
        if not m or m.group("type") not in TYPES:
            raise QuerySyntaxError(path, None, None, f"bad params line {line!r}: expected "
                                   f"'name (type[, default VALUE][, optional]) description' with a type of "
                                   f"{', '.join(TYPES)}")
        default, optional = None, False
        for opt in (o.strip() for o in m.group("opts").split(",") if o.strip()):
            if opt.startswith("default "):
                default = opt[len("default "):].strip()
            elif opt == "optional":
                optional = True
            else:
                raise QuerySyntaxError(path, None, None, f"bad params option {opt!r} in {line!r}")
        params.append(Param(m.group("name"), m.group("type"), m.group("description").strip(), default, optional))
    return tuple(params)


def read_named(path: str | Path) -> NamedQuery:
    """Read one ``.rq`` file into a :class:`NamedQuery`.

    >>> read_named(queries_folder() / "versions.rq").title
    'Which published versions does the graph hold?'
    """
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    fields = parse_header(text, path.name)
    for key in ("title", "description"):
        if not fields.get(key):
            raise QuerySyntaxError(path.name, 1, None, f"the header has no '# {key}:' line")
    return NamedQuery(path.stem, fields["title"], fields["description"],
                      parse_params(fields.get("params", ""), path.name), text, str(path))


def queries_folder() -> Path:
    """The folder of the shipped ``.rq`` files.

    >>> (queries_folder() / "provenance.rq").exists()
    True
    """
    return Path(str(files("strategygraph.sparql") / "queries"))


@lru_cache(maxsize=1)
def _library() -> dict[str, NamedQuery]:
    return {q.name: q for q in (read_named(p) for p in sorted(queries_folder().glob("*.rq")))}


def list_named() -> list[NamedQuery]:
    """Every named query, sorted by name. ``pandas.DataFrame(list_named())`` tabulates them.

    >>> list_named()[0].name < list_named()[1].name
    True
    """
    return list(_library().values())


def get_named(name: str) -> NamedQuery:
    """The named query *name*; :class:`UnknownQuery` suggests close names.

    >>> try:
    ...     get_named("overdue")
    ... except UnknownQuery as exc:
    ...     print(str(exc).split(";")[0])
    no named query 'overdue' (did you mean overdue-actions?)
    """
    library = _library()
    if name in library:
        return library[name]
    import difflib

    close = [n for n in library if name and name in n][:3] or difflib.get_close_matches(name, library, n=3, cutoff=0.6)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise UnknownQuery(f"no named query {name!r}{hint}; strategygraph query --list shows them all")
