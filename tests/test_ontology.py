"""The ontology is the single source of truth for terms."""

from __future__ import annotations

import re

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

import strategygraph as sg
from strategygraph.build.graph import ontology
from strategygraph.graphfile import union
from strategygraph.terms import SG
from strategygraph.tools.gen_terms import render

from .conftest import REPO

SH = "http://www.w3.org/ns/shacl#"


def defined_terms() -> set[URIRef]:
    onto = ontology()
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.NamedIndividual}
    return {s for s, k in onto.subject_objects(RDF.type) if k in kinds and isinstance(s, URIRef)}


def test_terms_up_to_date():
    generated = render(sg.ontology_path())
    committed = (REPO / "strategygraph" / "terms.py").read_text(encoding="utf-8")
    assert generated == committed, "run: python -m strategygraph.tools.gen_terms"


def test_every_own_term_has_label_and_comment():
    onto = ontology()
    own = {s for s in onto.subjects() if isinstance(s, URIRef) and str(s).startswith(str(SG))}
    assert len(own) > 60
    missing = [s for s in own if not (onto.value(s, RDFS.label) and onto.value(s, RDFS.comment))]
    assert missing == []


def test_every_term_the_lancaster_graph_uses_is_defined(lancaster):
    defined = defined_terms()
    g = union(lancaster)
    predicates = {p for p in g.predicates() if p != RDF.type}
    classes = set(g.objects(None, RDF.type))
    undefined = sorted(str(t) for t in predicates | classes if t not in defined)
    assert undefined == []


def test_shapes_refer_only_to_defined_terms():
    shapes = Graph().parse(sg.shapes_path())
    defined = defined_terms()
    used = set(shapes.objects(None, URIRef(SH + "targetClass"))) | set(shapes.objects(None, URIRef(SH + "class")))
    used |= {o for o in shapes.objects(None, URIRef(SH + "path")) if isinstance(o, URIRef)}
    used |= {o for o in shapes.objects(None, URIRef(SH + "inversePath")) if isinstance(o, URIRef)}
    assert used, "the shapes target nothing"
    assert sorted(str(t) for t in used if t not in defined) == []


def test_classes_map_to_business_motivation_concepts():
    onto = ontology()
    assert str(onto.value(SG.Recommendation, SG.bmmConcept)) == "Assessment"
    assert str(onto.value(SG.Priority, SG.bmmConcept)) == "Goal"
    assert "Course of Action" in str(onto.value(SG.Action, SG.bmmConcept))


def test_namespace_iri_only_in_terms_module():
    offenders = []
    for path in (REPO / "strategygraph").rglob("*.py"):
        if path.name in ("terms.py", "gen_terms.py"):
            continue
        if re.search(r"w3id\.org/strategygraph", path.read_text(encoding="utf-8")):
            offenders.append(path.name)
    assert offenders == []
