"""Generate ``strategygraph/terms.py`` from ``ontology/strategygraph.ttl``.

The ontology is the single source of truth for terms: Python refers to them through the
generated ``SG`` namespace, which fails at import time on a misspelt term.

Run ``python -m strategygraph.tools.gen_terms`` after editing the ontology; the test suite
checks that the committed file is up to date.
"""

from __future__ import annotations

import sys
from pathlib import Path

HEADER = '''"""Namespaces of strategygraph.

GENERATED from ontology/strategygraph.ttl by ``python -m strategygraph.tools.gen_terms``.
Do not edit by hand: edit the ontology and regenerate.

>>> from strategygraph.terms import SG
>>> SG.Action.endswith("#Action")
True
"""

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, QB, RDF, RDFS, SKOS, TIME, XSD, DefinedNamespace

#: Base of instance IRIs: ``ID_BASE + council + "/" + id``.
ID_BASE = "https://w3id.org/strategygraph/id/"
#: Base of the SHACL shapes.
SHAPES = Namespace("https://w3id.org/strategygraph/shapes#")


class SG(DefinedNamespace):
    """The strategygraph ontology (``sg:``)."""

    _fail = True
'''

FOOTER = '''
    _NS = Namespace("{ns}")


#: PREFIX lines for SPARQL, built from the namespaces above.
PREFIXES = {{
    "sg": str(SG),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "org": str(ORG),
    "foaf": str(FOAF),
    "time": str(TIME),
    "qb": str(QB),
}}

__all__ = ["SG", "ID_BASE", "SHAPES", "PREFIXES", "URIRef", "DCTERMS", "FOAF", "ORG", "OWL", "PROV",
           "QB", "RDF", "RDFS", "SKOS", "TIME", "XSD"]
'''


def render(ontology: Path) -> str:
    """Return the source of ``terms.py`` for the ontology at *ontology*.

    >>> from strategygraph.resources import ontology_path
    >>> "Action: URIRef" in render(ontology_path())
    True
    """
    from rdflib import Graph, URIRef
    from rdflib.namespace import RDFS

    g = Graph().parse(ontology)
    ns = _namespace(g)
    names = sorted({str(s)[len(ns):] for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(ns)
                    and str(s) != ns})
    lines = [HEADER]
    for name in names:
        comment = g.value(URIRef(ns + name), RDFS.comment)
        text = " ".join(str(comment).split()) if comment else ""
        text = text if len(text) <= 80 else text[:77] + "..."
        lines.append(f"    {name}: URIRef  # {text}\n")
    lines.append(FOOTER.format(ns=ns))
    return "".join(lines)


def _namespace(g) -> str:
    from rdflib.namespace import OWL, RDF

    onto = next(g.subjects(RDF.type, OWL.Ontology))
    return str(onto) + "#"


def main() -> None:
    """Write ``strategygraph/terms.py``."""
    from strategygraph.resources import ontology_path

    target = Path(__file__).resolve().parent.parent / "terms.py"
    target.write_text(render(ontology_path()), encoding="utf-8")
    sys.stdout.write(f"wrote {target}\n")


if __name__ == "__main__":
    main()
