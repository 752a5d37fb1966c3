"""Namespaces of strategygraph.

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
    Action: URIRef  # A piece of work with a lead and a due date that responds to a recommendation ...
    ActionPlan: URIRef  # A plan of actions answering recommendations, such as a peer-challenge action ...
    Amber: URIRef  # Some problems or delay; being managed.
    Commitment: URIRef  # A commitment stated under a priority (skos:broader the priority).
    Committee: URIRef  # A formal committee of the council such as Cabinet or Overview and Scrutiny.
    Complete: URIRef  # Finished.
    CouncilPlan: URIRef  # The council's corporate plan: its priorities, cross-cutting themes and commit...
    Curated: URIRef  # Asserted and checked by a person.
    DeliveryGroup: URIRef  # A group delivering part of a strategic framework (a Plan 2030 'circle').
    DeliveryPlan: URIRef  # A delivery group's plan of projects, leads, resources and milestones over a p...
    GoverningBody: URIRef  # A body that governs or oversees the plans: committees, working and oversight ...
    Green: URIRef  # On track.
    Indicator: URIRef  # A performance indicator or reported measure (KPI, a figure in a presentation).
    LinkStatus: URIRef  # Whether an alignment link was curated by a person or suggested by a tool.
    LinkStatusScheme: URIRef  # Curated or suggested.
    Milestone: URIRef  # A dated step of an action or project.
    NameVariant: URIRef  # A spelling of a person's name as published, with the reason it was resolved t...
    NotRated: URIRef  # The version published no rating for this work: reported, not hidden.
    NotStarted: URIRef  # Work has not begun.
    Observation: URIRef  # One observed value of an indicator, with unit and period.
    OfficerTeam: URIRef  # A team of officers, such as the executive team, that can lead work or sit on ...
    Plan: URIRef  # A plan, framework, strategy or action plan a council publishes. Published ver...
    PlanVersion: URIRef  # One published version of a plan document (first publication, a progress updat...
    Priority: URIRef  # A priority of a plan (a top concept of the plan's scheme), such as a Council ...
    ProgressUpdate: URIRef  # What one plan version reports on one or more actions: date, RAG status and text.
    Project: URIRef  # An action run as a project with milestones and a resource line, as in a deliv...
    RAGScheme: URIRef  # Red, amber, green, complete, not started and not rated: the status scale of p...
    RAGStatus: URIRef  # A value of the red/amber/green status scale used in progress reporting.
    Recommendation: URIRef  # A recommendation of a peer challenge or review, numbered and possibly in part...
    Red: URIRef  # Off track: significant problems, delivery at risk.
    ReportingPeriod: URIRef  # The interval a plan version reports on.
    Section: URIRef  # A headed section of a plan grouping its recommendations.
    SourceRecord: URIRef  # A place in a source document (file and lines) that facts were read from.
    Statement: URIRef  # Another statement a document makes: a key point, a key step, a question, a qu...
    StrategicFramework: URIRef  # A framework organising work into delivery groups and workstreams, such as Pla...
    Strategy: URIRef  # A thematic strategy (economic, climate, digital) whose objectives are checked...
    Suggested: URIRef  # Proposed by a tool (with a score) and not yet confirmed.
    SupportLink: URIRef  # The qualified form of 'X supports Y': the target, the rationale, who asserted...
    Theme: URIRef  # A theme that runs across all priorities of a plan, such as Climate Emergency.
    WorkingGroup: URIRef  # An informal member/officer working or oversight group.
    Workstream: URIRef  # A strand of work of a delivery group.
    accountableChiefOfficer: URIRef  # The chief officer accountable for the work.
    alias: URIRef  # A published spelling of this person's name and why it was resolved to them.
    archimateConcept: URIRef  # The ArchiMate 3 motivation or strategy element a class or property correspond...
    bmmConcept: URIRef  # The OMG Business Motivation Model (BMM 1.3) concept a class or property corre...
    chiefOfficerAsPublished: URIRef  # The chief officer cell exactly as published.
    curatedIn: URIRef  # The data file and row that state the fact ('actions-cpc.csv:12'), so an offic...
    dueDate: URIRef  # The date by which the work is due: the last day of the window the wording means.
    dueStart: URIRef  # First day of the due window when the wording gives a range.
    dueWording: URIRef  # When the work is due, in the words published ('End November 2024', 'October 2...
    firstLine: URIRef  # First line of the source record, for sorting.
    forGroup: URIRef  # The delivery group whose plan this is.
    inGroup: URIRef  # The delivery group a workstream belongs to.
    inPlan: URIRef  # The plan a section, recommendation, action, delivery group or statement belon...
    inSection: URIRef  # The section of its plan a recommendation stands in.
    inVersion: URIRef  # The plan version that published a progress update.
    inWorkstream: URIRef  # The workstream an action or project delivers.
    indicator: URIRef  # The indicator an observation is a value of.
    leadAsPublished: URIRef  # The lead cell exactly as the version published it, before people were resolved.
    ledBy: URIRef  # Who leads the work ('Actioned by', 'Officer lead', 'Lead'): a person, a post ...
    lines: URIRef  # Line reference in the source file as cited ('219', '219-221', '14;18').
    linkStatus: URIRef  # Curated or suggested.
    milestoneOf: URIRef  # The action or project a milestone is a step of.
    order: URIRef  # Position in the published list.
    partOf: URIRef  # Structural containment: a recommendation part in its recommendation, a plan i...
    periodWording: URIRef  # The period an observation covers, as published ('over the next 4 months').
    qualifiedSupport: URIRef  # From the supporting thing to the sg:SupportLink describing the link.
    rationale: URIRef  # One line saying why a link holds.
    reportingPeriod: URIRef  # The period a plan version reports on.
    reportsOn: URIRef  # The action(s) a progress update reports on.
    resolutionReason: URIRef  # Why a published name was taken to be this person.
    resource: URIRef  # How the work is resourced, as published ('In budget').
    respondsTo: URIRef  # An action responds to the recommendation that gave it impetus.
    score: URIRef  # The score a tool gave a suggested link (higher is stronger).
    sourceFile: URIRef  # File name of the source document.
    statementKind: URIRef  # What kind of statement: key point, key step, question, quotation, heading.
    status: URIRef  # RAG status of a progress update or milestone.
    statusAsPublished: URIRef  # The status cell exactly as published ('Orange', 'GREEN').
    suggestedSupport: URIRef  # Unconfirmed link proposed by a tool: the subject may support the target. Not ...
    supportTarget: URIRef  # The priority, theme or commitment a support link points to.
    supports: URIRef  # Curated link: the subject (recommendation, action, workstream, group, objecti...
    unit: URIRef  # Unit of a value or indicator (GBP, applications, phone calls).
    value: URIRef  # The observed number.

    _NS = Namespace("https://w3id.org/strategygraph/def#")


#: PREFIX lines for SPARQL, built from the namespaces above.
PREFIXES = {
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
}

__all__ = ["SG", "ID_BASE", "SHAPES", "PREFIXES", "URIRef", "DCTERMS", "FOAF", "ORG", "OWL", "PROV",
           "QB", "RDF", "RDFS", "SKOS", "TIME", "XSD"]
