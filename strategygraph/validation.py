"""Check a graph against the SHACL shapes and say what is wrong in plain words."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from strategygraph.store import union_copy
from strategygraph.resources import shapes_path

SH = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True)
class Problem:
    """One SHACL result: which node, what is wrong, and how bad."""

    severity: str  # "Violation", "Warning" or "Info"
    focus: str  # the node's IRI
    label: str  # the node's label (or the end of its IRI)
    message: str
    path: str | None = None
    value: str | None = None

    @property
    def name(self) -> str:
        """The node's id: the end of its IRI."""
        return self.focus.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


@dataclass
class Report:
    """The outcome of :func:`validate`."""

    conforms: bool
    problems: list[Problem] = field(default_factory=list)
    triples: int = 0

    @property
    def violations(self) -> list[Problem]:
        """Problems that make the data incomplete."""
        return [p for p in self.problems if p.severity == "Violation"]

    @property
    def warnings(self) -> list[Problem]:
        """Gaps worth a look that do not fail validation."""
        return [p for p in self.problems if p.severity != "Violation"]

    def text(self, limit: int = 12) -> str:
        """A readable report: violations one per line, warnings grouped by message.

        >>> import strategygraph as sg
        >>> print(sg.validate(sg.build_graph(sg.sample_data())).text().splitlines()[0])  # doctest: +ELLIPSIS
        Conforms: 0 violations, ...
        """
        v, w = self.violations, self.warnings
        head = "Conforms" if not v else "Does not conform"
        lines = [f"{head}: {_n(len(v), 'violation')}, {_n(len(w), 'warning')} in {self.triples:,} triples."]
        if v:
            lines.append("")
            lines.append("Violations")
            for p in sorted(v, key=lambda p: (p.message, p.name)):
                extra = f" (value {p.value})" if p.value else ""
                lines.append(f"  {p.name} \"{_short(p.label)}\": {p.message}{extra}")
        if w:
            lines.append("")
            lines.append("Warnings")
            grouped: dict[str, list[Problem]] = defaultdict(list)
            for p in w:
                grouped[p.message].append(p)
            for message, items in sorted(grouped.items(), key=lambda kv: -len(kv[1])):
                names = sorted(p.name for p in items)
                more = f" and {len(names) - limit} more" if len(names) > limit else ""
                lines.append(f"  {message}: {_n(len(names), 'item')}: {', '.join(names[:limit])}{more}")
        return "\n".join(lines)


def _n(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def validate(ds: Dataset | Graph, shapes: Graph | None = None) -> Report:
    """Validate *ds* (all named graphs together) against the SHACL shapes.

    The ontology is merged into the data first so subclasses are followed (an
    ``sg:Project`` is checked as an ``sg:Action``). Merging ourselves rather than passing
    pySHACL an ``ont_graph`` is measured: 0.2 s against 80 s on the Lancaster graph.

    >>> import strategygraph as sg
    >>> report = validate(sg.build_graph(sg.sample_data()))
    >>> report.conforms, len(report.violations)
    (True, 0)
    """
    import pyshacl

    from strategygraph.build.graph import ontology

    data = union_copy(ds)  # a copy: the ontology is added to it
    triples = len(data)
    data += ontology()
    shapes_graph = shapes if shapes is not None else Graph().parse(shapes_path(), format="turtle")
    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes_graph, inference="none", allow_warnings=True)
    problems = [_problem(results, r, data) for r in results.subjects(RDF.type, URIRef(SH + "ValidationResult"))]
    return Report(conforms=bool(conforms), problems=problems, triples=triples)


def _problem(results: Graph, r, data: Graph) -> Problem:
    def get(p):
        return results.value(r, URIRef(SH + p))

    focus = get("focusNode")
    severity = str(get("resultSeverity")).rsplit("#", 1)[-1]
    label = data.value(focus, RDFS.label) or str(focus).rsplit("/", 1)[-1]
    path = get("resultPath")
    value = get("value")
    return Problem(severity=severity, focus=str(focus), label=str(label),
                   message=str(get("resultMessage") or "does not conform"),
                   path=str(path) if isinstance(path, URIRef) else None,
                   value=str(value) if isinstance(value, (Literal, URIRef)) else None)
