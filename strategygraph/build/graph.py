"""Turn the checked records of a data folder into an RDF dataset.

Each source version's facts go into their own named graph (the graph's name is the
version's IRI), so that what changed between two reporting periods is a query over two
graphs. Curation (the council and its versions, people resolution, alignment links) goes
into the council's curation graph. Every fact cites the place it was read from through
``prov:wasDerivedFrom`` a :class:`sg:SourceRecord` (file and lines) and ``sg:curatedIn``
(data file and row).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, TIME, XSD

from strategygraph.bulk import paused_gc
from strategygraph.build.folder import Folder, Record, council_folders, read_folder
from strategygraph.errors import InputErrors
from strategygraph.resources import ontology_path
from strategygraph.terms import ID_BASE, SG


@lru_cache(maxsize=1)
def ontology() -> Graph:
    """The strategygraph ontology as an rdflib Graph (parsed once per process).

    >>> from strategygraph.terms import SG
    >>> (SG.Action, None, None) in ontology()
    True
    """
    return Graph().parse(ontology_path(), format="turtle")


def rag_labels(onto: Graph | None = None) -> dict[str, URIRef]:
    """Map every label of the ontology's RAG scheme (case-folded) to its concept.

    >>> rag_labels()["orange"] == SG.Amber
    True
    """
    onto = onto if onto is not None else ontology()
    labels = RagLabels()
    for concept in onto.subjects(SKOS.inScheme, SG.RAGScheme):
        labels.preferred.append(str(onto.value(concept, SKOS.prefLabel)))
        for prop in (SKOS.prefLabel, SKOS.altLabel, RDFS.label):
            for label in onto.objects(concept, prop):
                labels[str(label).casefold()] = concept
    labels.preferred.sort()
    return labels


class RagLabels(dict):
    """Case-folded RAG label → concept, with the preferred labels for messages."""

    def __init__(self):
        super().__init__()
        self.preferred: list[str] = []


def build_graph(data_dir: str | Path) -> Dataset:
    """Read the data folder *data_dir* and return its RDF dataset (rdflib, in memory).

    *data_dir* may also be a folder of data folders, one per council (each with its
    ``council.csv``, as ``strategygraph synth`` writes them): all are built into one
    dataset. Each council keeps its own IRIs (``ID_BASE`` + council id + ``/``) and its own
    named graphs, so ids never collide; two sub-folders with the same council id are refused.
    :func:`build_store` builds into any back end instead.

    Raises :class:`~strategygraph.errors.InputErrors` when a file has problems (every
    council's problems together).

    >>> from strategygraph.resources import sample_data
    >>> ds = build_graph(sample_data())
    >>> from strategygraph.terms import SG
    >>> any(ds.triples((None, RDF.type, SG.DeliveryGroup)))
    True
    """
    return build_store(data_dir, "memory").dataset()


def build_store(data_dir: str | Path, store=None):
    """Read the data folder (or folder of council folders) *data_dir* into a store.

    *store* is a :class:`~strategygraph.store.Store`, a spec such as ``"oxigraph"`` or
    ``"memory"``, or ``None`` for the configured back end. A store given is emptied first.
    Nothing is added when any file has problems.

    >>> from strategygraph.resources import sample_data
    >>> s = build_store(sample_data(), "oxigraph")
    >>> s.kind, len(s.graphs())
    ('oxigraph', 7)
    """
    from strategygraph.store import Store, open_store

    labels = rag_labels()
    target = store if isinstance(store, Store) else open_store(store)
    quads: list[tuple] = []
    prefixes: dict[str, str] = {}
    with paused_gc():
        folders = _read_all(data_dir, labels)
        for folder in folders:
            _Builder(folder, labels, quads, prefixes).run()
        target.clear()
        target.add_quads(quads)
    target.prefixes.update(prefixes)
    if target.kind == "memory":
        for prefix, ns in prefixes.items():
            target.dataset().bind(prefix, ns, override=True)
    return target


def _read_all(data_dir: str | Path, labels) -> list[Folder]:
    paths = council_folders(data_dir)
    if len(paths) == 1:
        return [read_folder(paths[0], labels)]
    folders, errors, seen = [], [], {}
    for path in paths:
        try:
            folder = read_folder(path, labels)
        except InputErrors as exc:
            errors += exc.errors
            continue
        council = folder.table("council")[0]
        if council.id in seen:
            errors.append(council.error("id", f"council id {council.id!r} is also used by {seen[council.id]}"))
        seen.setdefault(council.id, str(path))
        folders.append(folder)
    if errors:
        raise InputErrors(errors)
    return folders


def to_dataset(folder: Folder, labels: dict[str, URIRef] | None = None, into: Dataset | None = None) -> Dataset:
    """Convert a read :class:`Folder` to an rdflib ``Dataset`` (default graph = union).

    With *into*, the council's graphs are added to that dataset (and it is returned).

    >>> from strategygraph.resources import sample_data
    >>> ds = to_dataset(read_folder(sample_data()))
    >>> sum(len(g) for g in ds.graphs()) > 1000
    True
    """
    from strategygraph.store.memory import MemoryStore

    quads: list[tuple] = []
    prefixes: dict[str, str] = {}
    _Builder(folder, labels if labels is not None else rag_labels(), quads, prefixes).run()
    store = MemoryStore(into)
    store.add_quads(quads)
    for prefix, ns in prefixes.items():
        store.dataset().bind(prefix, ns, override=True)
    return store.dataset()


class _Sink:
    """A named graph being written: what the builder adds goes to the shared quad list."""

    __slots__ = ("identifier", "out")

    def __init__(self, identifier: URIRef, out: list):
        self.identifier = identifier
        self.out = out

    def add(self, triple: tuple) -> None:
        self.out.append((*triple, self.identifier))


_DAYS = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def issued_literal(value: str) -> Literal:
    """A typed literal for ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    >>> issued_literal("2025-10").datatype == XSD.gYearMonth
    True
    """
    if _DAYS.match(value):
        return Literal(value, datatype=XSD.date)
    return Literal(value, datatype=XSD.gYearMonth if len(value) == 7 else XSD.gYear)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class _Builder:
    def __init__(self, folder: Folder, labels: dict[str, URIRef], out: list, prefixes: dict[str, str]):
        self.folder = folder
        self.labels = labels
        council = folder.table("council")[0]
        self.council_id = council.id
        self.ns = Namespace(f"{ID_BASE}{council.id}/")
        self.out = out
        self.sinks: dict[URIRef, _Sink] = {}
        for prefix, ns in (("sg", SG), ("org", ORG), ("prov", PROV), ("skos", SKOS), ("dcterms", DCTERMS),
                           ("foaf", FOAF), ("time", TIME)):
            prefixes.setdefault(prefix, str(ns))
        prefixes[council.id] = str(self.ns)
        self.curation = self.graph(self.ns["curation"])
        self.files = {r.id: r.get("file") for r in folder.table("sources")}
        self.described: set[tuple] = set()

    # -- helpers -------------------------------------------------------------------------
    def graph(self, identifier: URIRef) -> _Sink:
        sink = self.sinks.get(identifier)
        if sink is None:
            sink = self.sinks[identifier] = _Sink(identifier, self.out)
        return sink

    def iri(self, rid: str) -> URIRef:
        return self.ns[rid]

    def file_node(self, file: str) -> URIRef:
        """The source document file as a PROV entity."""
        return self.iri(f"file-{_slug(file)}")

    def graphs(self, rec: Record) -> list[_Sink]:
        from strategygraph.build.schema import TABLES

        sources = rec.list("source")
        if TABLES[rec.table].curation or not sources:
            return [self.curation]
        return [self.graph(self.iri(s)) for s in sources]

    def source_records(self, rec: Record) -> list[tuple[_Sink, URIRef]]:
        sources = rec.list("source")
        parts = [p.strip() for p in rec.get("line", "").split("|")] if rec.get("line") else []
        out = []
        for i, source in enumerate(sources):
            lines = parts[i] if len(parts) == len(sources) else (parts[0] if len(parts) == 1 else "")
            node = self.iri(f"src-{source}-l{_slug(lines)}" if lines else f"src-{source}")
            g = self.curation if rec.table in ("aliases", "alignments", "sources") else self.graph(self.iri(source))
            out.append((g, node))
            if (g.identifier, node) in self.described:  # many rows cite the same lines: describe them once
                continue
            self.described.add((g.identifier, node))
            g.add((node, RDF.type, SG.SourceRecord))
            g.add((node, DCTERMS.isPartOf, self.iri(source)))
            g.add((node, SG.sourceFile, Literal(self.files[source])))
            g.add((node, PROV.hadPrimarySource, self.file_node(self.files[source])))
            if lines:
                g.add((node, SG.lines, Literal(lines)))
                # xsd:integer, not positiveInteger: Oxigraph stores integer subtypes as xsd:integer,
                # and a value must read back the same from every store.
                g.add((node, SG.firstLine, Literal(int(re.match(r"\d+", lines).group()))))
        return out

    def emit(self, rec: Record, subject: URIRef, triples: list[tuple], provenance: bool = True) -> None:
        """Add *triples* (with ``None`` objects skipped) to every graph of *rec*."""
        targets = self.graphs(rec)
        for g in targets:
            for s, p, o in triples:
                if o is not None:
                    g.add((s, p, o))
            if provenance:
                g.add((subject, SG.curatedIn, Literal(f"{rec.path.name}:{rec.row}")))
                if rec.get("note"):
                    g.add((subject, SKOS.editorialNote, Literal(rec.get("note"))))
        if provenance:
            for g, node in self.source_records(rec):
                g.add((subject, PROV.wasDerivedFrom, node))

    @staticmethod
    def text(value: str | None) -> Literal | None:
        return Literal(value) if value else None

    def ref(self, value: str | None) -> URIRef | None:
        return self.iri(value) if value else None

    def date(self, value: str | None) -> Literal | None:
        return Literal(value, datatype=XSD.date) if value else None

    def label_of(self, rid: str) -> str:
        rec = self.folder.first(rid)
        return rec.get("label") or rec.get("name") or rec.get("title") or rec.get("text") or rid

    def common(self, rec: Record, s: URIRef, cls: URIRef, label: str | None) -> list[tuple]:
        return [(s, RDF.type, cls), (s, DCTERMS.identifier, Literal(rec.id)), (s, RDFS.label, self.text(label))]

    # -- tables --------------------------------------------------------------------------
    def run(self) -> None:
        for rec in self.folder.records:
            getattr(self, f"do_{rec.table}")(rec)

    def do_council(self, rec: Record) -> None:
        s = self.iri(rec.id)
        self.emit(rec, s, self.common(rec, s, ORG.FormalOrganization, rec.get("label")) + [
            (s, FOAF.homepage, URIRef(rec.get("homepage")) if rec.get("homepage") else None)])
        c = self.curation.identifier
        self.curation.add((c, RDF.type, PROV.Entity))
        self.curation.add((c, RDFS.label, Literal(f"Curation of {rec.get('label')}: versions, people, alignment")))
        self.curation.add((c, PROV.wasAttributedTo, s))

    def do_sources(self, rec: Record) -> None:
        s = self.iri(rec.id)
        triples = self.common(rec, s, SG.PlanVersion, rec.get("title")) + [
            (s, DCTERMS.title, self.text(rec.get("title"))),
            (s, DCTERMS.isVersionOf, self.ref(rec.get("plan"))),
            (s, DCTERMS.issued, issued_literal(rec.get("issued"))),
            (s, SG.sourceFile, self.text(rec.get("file"))),
            (s, PROV.hadPrimarySource, self.file_node(rec.get("file"))),
            (self.file_node(rec.get("file")), RDF.type, PROV.Entity),
            (self.file_node(rec.get("file")), RDFS.label, Literal(rec.get("file"))),
        ]
        if rec.get("period_start") or rec.get("period_end"):
            period = self.iri(f"{rec.id}-period")
            triples += [(s, SG.reportingPeriod, period), (period, RDF.type, SG.ReportingPeriod),
                        (period, RDFS.label, Literal(f"Reporting period of {rec.get('title')}"))]
            for prop, col, suffix in ((TIME.hasBeginning, "period_start", "start"), (TIME.hasEnd, "period_end", "end")):
                if rec.get(col):
                    instant = self.iri(f"{rec.id}-period-{suffix}")
                    triples += [(period, prop, instant), (instant, RDF.type, TIME.Instant),
                                (instant, TIME.inXSDDate, self.date(rec.get(col)))]
        self.emit(rec, s, triples)

    def do_plans(self, rec: Record) -> None:
        s = self.iri(rec.id)
        self.emit(rec, s, self.common(rec, s, SG[rec.get("kind")], rec.get("title")) + [
            (s, DCTERMS.title, self.text(rec.get("title"))),
            (s, DCTERMS.description, self.text(rec.get("description"))),
            (s, SG.partOf, self.ref(rec.get("part_of"))),
            (s, SG.forGroup, self.ref(rec.get("group"))),
        ])

    def do_sections(self, rec: Record) -> None:
        s = self.iri(rec.id)
        order = Literal(int(rec.get("number")), datatype=XSD.integer) if rec.get("number").isdigit() else None
        self.emit(rec, s, self.common(rec, s, SG.Section, rec.get("label")) + [
            (s, SG.inPlan, self.ref(rec.get("plan"))), (s, SKOS.notation, self.text(rec.get("number"))),
            (s, SG.order, order)])

    def do_priorities(self, rec: Record) -> None:
        s, plan = self.iri(rec.id), self.iri(rec.get("plan"))
        is_priority = rec.get("kind") == "Priority"
        self.emit(rec, s, self.common(rec, s, SG[rec.get("kind")], rec.get("label")) + [
            (s, SKOS.prefLabel, self.text(rec.get("label"))),
            (s, SKOS.notation, self.text(rec.get("notation"))),
            (s, SKOS.definition, self.text(rec.get("description"))),
            (s, SKOS.inScheme, plan),
            (s, SKOS.topConceptOf, plan if is_priority else None),
            (plan, SKOS.hasTopConcept, s if is_priority else None),
            (plan, RDF.type, SKOS.ConceptScheme),
        ])

    def do_commitments(self, rec: Record) -> None:
        s = self.iri(rec.id)
        scheme = self.folder.first(rec.get("priority")).get("plan")
        self.emit(rec, s, self.common(rec, s, SG.Commitment, rec.get("text")) + [
            (s, SKOS.prefLabel, self.text(rec.get("text"))),
            (s, SKOS.broader, self.iri(rec.get("priority"))),
            (s, SKOS.inScheme, self.iri(scheme)),
        ])

    def do_groups(self, rec: Record) -> None:
        s = self.iri(rec.id)
        self.emit(rec, s, self.common(rec, s, SG.DeliveryGroup, rec.get("label")) + [
            (s, SG.inPlan, self.ref(rec.get("plan"))),
            (s, SKOS.notation, self.text(rec.get("notation"))),
            (s, DCTERMS.description, self.text(rec.get("focus"))),
            (s, ORG.reportsTo, self.ref(rec.get("reports_to"))),
            (s, ORG.unitOf, self.iri(self.council_id)),
        ])

    def do_workstreams(self, rec: Record) -> None:
        s = self.iri(rec.id)
        self.emit(rec, s, self.common(rec, s, SG.Workstream, rec.get("label")) + [
            (s, SG.inGroup, self.iri(rec.get("group")))])

    def do_recommendations(self, rec: Record) -> None:
        s = self.iri(rec.id)
        self.emit(rec, s, self.common(rec, s, SG.Recommendation, rec.get("text")) + [
            (s, DCTERMS.description, self.text(rec.get("text"))),
            (s, SG.inPlan, self.ref(rec.get("plan"))),
            (s, SG.inSection, self.ref(rec.get("section"))),
            (s, SKOS.notation, self.text(rec.get("notation"))),
            (s, SG.partOf, self.ref(rec.get("part_of"))),
        ])

    def _due(self, rec: Record, s: URIRef) -> list[tuple]:
        return [(s, SG.dueWording, self.text(rec.get("due_wording"))),
                (s, SG.dueStart, self.date(rec.get("due_start"))),
                (s, SG.dueDate, self.date(rec.get("due_end")))]

    def do_actions(self, rec: Record) -> None:
        s = self.iri(rec.id)
        plan = rec.get("plan") or (self.folder.first(rec.get("recommendation")).get("plan")
                                   if rec.get("recommendation") else None)
        triples = self.common(rec, s, SG[rec.get("kind", "Action")], rec.get("text")) + self._due(rec, s) + [
            (s, DCTERMS.description, self.text(rec.get("text"))),
            (s, SG.respondsTo, self.ref(rec.get("recommendation"))),
            (s, SG.inPlan, self.ref(plan)),
            (s, SG.inWorkstream, self.ref(rec.get("workstream"))),
            (s, SG.leadAsPublished, self.text(rec.get("leads_as_published"))),
            (s, SG.chiefOfficerAsPublished, self.text(rec.get("chief_officers_as_published"))),
            (s, SG.resource, self.text(rec.get("resource"))),
        ]
        triples += [(s, SG.ledBy, self.iri(p)) for p in rec.list("leads")]
        triples += [(s, SG.accountableChiefOfficer, self.iri(p)) for p in rec.list("chief_officers")]
        self.emit(rec, s, triples)

    def do_milestones(self, rec: Record) -> None:
        s = self.iri(rec.id)
        status = self.labels.get(rec.get("status", "").casefold()) if rec.get("status") else None
        self.emit(rec, s, self.common(rec, s, SG.Milestone, rec.get("text")) + self._due(rec, s) + [
            (s, SG.milestoneOf, self.iri(rec.get("action"))), (s, SG.status, status)])

    def do_updates(self, rec: Record) -> None:
        s = self.iri(rec.id)
        versions = rec.list("source")
        when = rec.get("date") or (self.folder.first(versions[0]).get("issued") if versions else None)
        triples = self.common(rec, s, SG.ProgressUpdate, f"Progress update {when}" if when else "Progress update") + [
            (s, DCTERMS.date, issued_literal(when) if when else None),
            (s, SG.status, self.labels.get(rec.get("rag").casefold())),
            (s, SG.statusAsPublished, self.text(rec.get("rag_as_published"))),
            (s, DCTERMS.description, self.text(rec.get("text"))),
        ]
        triples += [(s, SG.reportsOn, self.iri(a)) for a in rec.list("about")]
        triples += [(s, SG.inVersion, self.iri(v)) for v in versions]
        self.emit(rec, s, triples)

    def do_people(self, rec: Record) -> None:
        s = self.iri(rec.id)
        name = self.text(rec.get("name"))
        self.emit(rec, s, self.common(rec, s, FOAF.Person, rec.get("name")) + [(s, FOAF.name, name)])

    def do_aliases(self, rec: Record) -> None:
        person = self.iri(rec.get("person"))
        s = self.iri(f"{rec.get('person')}-alias-{_slug(rec.get('alias'))}")
        self.emit(rec, s, [
            (s, RDF.type, SG.NameVariant), (s, RDFS.label, Literal(rec.get("alias"))),
            (s, SG.resolutionReason, Literal(rec.get("reason"))),
            (person, SG.alias, s), (person, SKOS.altLabel, Literal(rec.get("alias"))),
        ])

    def do_posts(self, rec: Record) -> None:
        s = self.iri(rec.id)
        holder = self.ref(rec.get("holder"))
        self.emit(rec, s, self.common(rec, s, ORG.Post, rec.get("label")) + [
            (s, SKOS.altLabel, self.text(rec.get("abbreviation"))),
            (s, SKOS.notation, self.text(rec.get("abbreviation"))),
            (s, ORG.heldBy, holder), (holder, ORG.holds, s) if holder else (s, ORG.holds, None),
            (s, ORG.postIn, self.ref(rec.get("organization"))),
        ])

    def do_bodies(self, rec: Record) -> None:
        s = self.iri(rec.id)
        self.emit(rec, s, self.common(rec, s, SG[rec.get("kind")], rec.get("label")) + [
            (s, ORG.subOrganizationOf, self.ref(rec.get("part_of"))),
            (s, ORG.reportsTo, self.ref(rec.get("reports_to"))),
            (s, ORG.purpose, self.text(rec.get("purpose"))),
        ])

    def do_roles(self, rec: Record) -> None:
        s = self.iri(rec.id)
        self.emit(rec, s, self.common(rec, s, ORG.Role, rec.get("label")) + [
            (s, DCTERMS.description, self.text(rec.get("description")))])

    def do_memberships(self, rec: Record) -> None:
        s = self.iri(rec.id)
        label = f"{self.label_of(rec.get('role'))}, {self.label_of(rec.get('body'))}: " + (
            rec.get("member_label") or self.label_of(rec.get("member")))
        self.emit(rec, s, self.common(rec, s, ORG.Membership, label) + [
            (s, ORG.organization, self.iri(rec.get("body"))),
            (s, ORG.role, self.iri(rec.get("role"))),
            (s, ORG.member, self.ref(rec.get("member"))),
        ])

    def do_indicators(self, rec: Record) -> None:
        s = self.iri(rec.id)
        self.emit(rec, s, self.common(rec, s, SG.Indicator, rec.get("label")) + [
            (s, SG.unit, self.text(rec.get("unit"))), (s, DCTERMS.description, self.text(rec.get("description")))])

    def do_observations(self, rec: Record) -> None:
        s = self.iri(rec.id)
        self.emit(rec, s, self.common(rec, s, SG.Observation, rec.get("text") or rec.id) + [
            (s, SG.indicator, self.iri(rec.get("indicator"))),
            (s, SG.value, Literal(rec.get("value"), datatype=XSD.decimal)),
            (s, SG.unit, self.text(rec.get("unit"))),
            (s, SG.periodWording, self.text(rec.get("period"))),
            (s, DCTERMS.description, self.text(rec.get("text"))),
        ])

    def do_statements(self, rec: Record) -> None:
        s = self.iri(rec.id)
        self.emit(rec, s, self.common(rec, s, SG.Statement, rec.get("text")) + [
            (s, SG.inPlan, self.iri(rec.get("plan"))),
            (s, SG.statementKind, self.text(rec.get("kind"))),
            (s, SG.order, Literal(int(rec.get("order")), datatype=XSD.integer) if rec.get("order") else None),
            (s, DCTERMS.description, self.text(rec.get("text"))),
        ])

    def do_alignments(self, rec: Record) -> None:
        subject, target = self.iri(rec.get("subject")), self.iri(rec.get("target"))
        suggested = rec.get("status") == "suggested"
        link = self.iri(f"support-{rec.get('subject')}-{rec.get('target')}")
        by = rec.get("asserted_by") or f"{self.label_of(self.council_id)} curation"
        agent = self.iri(f"agent-{_slug(by)}")
        self.emit(rec, link, [
            (subject, SG.suggestedSupport if suggested else SG.supports, target),
            (subject, SG.qualifiedSupport, link),
            (link, RDF.type, SG.SupportLink),
            (link, RDFS.label, Literal(f"{self.label_of(rec.get('subject'))[:60]} supports "
                                       f"{self.label_of(rec.get('target'))}")),
            (link, SG.supportTarget, target),
            (link, SG.rationale, Literal(rec.get("rationale"))),
            (link, SG.linkStatus, SG.Suggested if suggested else SG.Curated),
            (link, SG.score, Literal(rec.get("score"), datatype=XSD.decimal) if rec.get("score") else None),
            (link, PROV.wasAttributedTo, agent),
            (agent, RDF.type, PROV.Agent), (agent, RDFS.label, Literal(by)),
        ])


__all__ = ["build_graph", "to_dataset", "ontology", "rag_labels", "issued_literal", "RagLabels"]
