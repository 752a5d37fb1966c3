"""A networkx view of the strategy graph, for the analyses and for analysts.

:func:`to_networkx` reads the RDF dataset in one pass over its quads (no per-node queries)
and returns a :class:`networkx.MultiDiGraph` whose nodes are the things a policy officer
talks about (actions, recommendations, priorities, groups, people...) and whose edges are
the links between them, keyed by the RDF predicate's local name.

Node attributes (every node): ``iri``, ``kind`` (see :data:`KINDS`), ``label``, ``types``
(local class names), ``identifier`` (the data-folder id), ``notation``, ``plan`` (IRI of
the plan or scheme it belongs to) and ``versions`` (IRIs of the source-document versions
that state it, oldest first). Actions, projects and milestones also carry ``due_date``,
``due_start``, ``due_wording`` and ``due_version`` (from the latest version that states a
due date), ``status`` (latest RAG status: ``Red``, ``Amber``, ``Green``, ``Complete``,
``NotStarted``, ``NotRated`` or ``None``), ``status_version``, ``status_date``, and the
full ``due_history`` and ``status_history`` (lists of dicts, oldest first).

Edge attributes: ``predicate`` (local name, also the edge key), ``iri`` (the predicate),
``versions`` (version IRIs stating the link), ``curation`` (stated by curation rather than
by a document) and, on ``supports`` / ``suggestedSupport`` edges, ``status``
(``"curated"`` or ``"suggested"``), ``rationale`` and ``score``. Memberships become
``memberOf`` edges from the member to the body with the ``role`` label.

Graph attributes: ``versions`` (IRI → dict with ``label``, ``plan``, ``issued``,
``start`` date and ``order``), ``council`` (label of the council, if stated).

>>> import strategygraph as sg
>>> G = to_networkx(sg.build_graph(sg.sample_data()))
>>> r10 = next(n for n, d in G.nodes(data=True) if d["identifier"] == "cpc-r10-a1")
>>> G.nodes[r10]["kind"], str(G.nodes[r10]["due_date"]), G.nodes[r10]["status"]
('action', '2025-09-30', 'Amber')
>>> sorted(k for _, _, k in G.out_edges(r10, keys=True))
['accountableChiefOfficer', 'inPlan', 'ledBy', 'ledBy', 'respondsTo', 'supports', 'supports']
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import networkx as nx
from rdflib import Dataset, Graph, Literal, URIRef

from strategygraph.bulk import paused_gc
from strategygraph.terms import DCTERMS, FOAF, ORG, RDF, RDFS, SG, SKOS
from strategygraph.store import as_store

#: rdf:type → node kind. When a node has several types, the first listed here wins.
KINDS: dict[URIRef, str] = {
    SG.Project: "action",
    SG.Action: "action",
    SG.Milestone: "milestone",
    SG.Recommendation: "recommendation",
    SG.Commitment: "commitment",
    SG.Priority: "priority",
    SG.Theme: "theme",
    SG.DeliveryGroup: "group",
    SG.Workstream: "workstream",
    FOAF.Person: "person",
    ORG.Post: "post",
    SG.OfficerTeam: "team",
    SG.CouncilPlan: "plan",
    SG.StrategicFramework: "plan",
    SG.ActionPlan: "plan",
    SG.DeliveryPlan: "plan",
    SG.Strategy: "plan",
    SG.Plan: "plan",
    SG.Section: "section",
    SG.Committee: "body",
    SG.WorkingGroup: "body",
    SG.GoverningBody: "body",
    ORG.FormalOrganization: "council",
    SG.Indicator: "indicator",
}
_RANK = {t: i for i, t in enumerate(KINDS)}

#: Predicates drawn as edges (when both ends are nodes), by local name.
EDGE_PREDICATES: dict[URIRef, str] = {
    SG.supports: "supports",
    SG.suggestedSupport: "suggestedSupport",
    SG.respondsTo: "respondsTo",
    SG.ledBy: "ledBy",
    SG.accountableChiefOfficer: "accountableChiefOfficer",
    SG.inGroup: "inGroup",
    SG.partOf: "partOf",
    SG.inPlan: "inPlan",
    SG.inSection: "inSection",
    SG.milestoneOf: "milestoneOf",
    SG.inWorkstream: "inWorkstream",
    SG.forGroup: "forGroup",
    SKOS.broader: "broader",
    SKOS.inScheme: "inScheme",
    ORG.heldBy: "heldBy",
    ORG.reportsTo: "reportsTo",
    ORG.subOrganizationOf: "subOrganizationOf",
}

#: RAG concepts by their local name, as node and history values.
STATUSES = {SG.Red: "Red", SG.Amber: "Amber", SG.Green: "Green", SG.Complete: "Complete",
            SG.NotStarted: "NotStarted", SG.NotRated: "NotRated"}

_DUE = {SG.dueDate: "due_date", SG.dueStart: "due_start", SG.dueWording: "due_wording"}
_SUPPORT_STATUS = {SG.Curated: "curated", SG.Suggested: "suggested"}


def to_networkx(g) -> nx.MultiDiGraph:
    """The dataset *g* (a :class:`~strategygraph.store.Store` or an rdflib Dataset or Graph) as a
    typed, attributed :class:`networkx.MultiDiGraph`.

    Node ids are IRI strings. See the module documentation for the attributes.

    >>> import strategygraph as sg
    >>> G = to_networkx(sg.build_graph(sg.sample_data()))
    >>> sum(1 for _, d in G.nodes(data=True) if d["kind"] == "group")
    5
    """
    with paused_gc():
        return _Reader(g).graph()


def _python(value):
    if isinstance(value, Literal):
        v = value.toPython()
        return v if isinstance(v, (dt.date, int, float)) else str(value)
    return str(value)


def version_start(issued: str | None) -> dt.date | None:
    """The first day an ``issued`` value (``2025``, ``2025-10`` or ``2025-10-14``) can mean.

    >>> version_start("2025-10")
    datetime.date(2025, 10, 1)
    """
    if not issued:
        return None
    parts = [int(x) for x in str(issued)[:10].split("-") if x.isdigit()]
    try:
        return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def _date_key(value):
    return str(value) if value is not None else ""


# The reader works on plain strings (IRIs as ``str``, see Store.plain_quads): the same
# tables keyed by IRI text.
_KIND_OF = {str(t): kind for t, kind in KINDS.items()}
_RANK_OF = {str(t): i for t, i in _RANK.items()}
_EDGE_KEY = {str(p): key for p, key in EDGE_PREDICATES.items()}
_STATUS_OF = {str(t): name for t, name in STATUSES.items()}
_DUE_OF = {str(p): key for p, key in _DUE.items()}
_SUPPORT_STATUS_OF = {str(t): s for t, s in _SUPPORT_STATUS.items()}
_LABEL_ORDER = [str(p) for p in (FOAF.name, SKOS.prefLabel, RDFS.label, DCTERMS.title)]
_PLAN_VERSION = str(SG.PlanVersion)
_ISSUED, _IS_VERSION_OF = str(DCTERMS.issued), str(DCTERMS.isVersionOf)
_REPORTS_ON, _IN_VERSION = str(SG.reportsOn), str(SG.inVersion)
_DATE, _DESCRIPTION, _AS_PUBLISHED = str(DCTERMS.date), str(DCTERMS.description), str(SG.statusAsPublished)
_TARGET, _LINK_STATUS, _RATIONALE, _SCORE = (str(SG.supportTarget), str(SG.linkStatus), str(SG.rationale),
                                             str(SG.score))
_MEMBER, _ORGANIZATION, _ROLE = str(ORG.member), str(ORG.organization), str(ORG.role)


class _Reader:
    """Collects everything the view needs in a single pass over the quads."""

    def __init__(self, g: Dataset | Graph):
        self.types: dict = defaultdict(set)              # s → {(type, ctx)}
        self.labels: dict = defaultdict(lambda: defaultdict(dict))  # s → predicate → ctx → text
        self.identifier: dict = {}
        self.notation: dict = defaultdict(dict)          # s → ctx → notation
        self.edges: dict = defaultdict(set)              # (s, p, o) → {ctx}
        self.due: dict = defaultdict(dict)               # (s, ctx) → {field: value}
        self.status: dict = defaultdict(dict)            # (s, ctx) → status (milestones and updates)
        self.updates: dict = defaultdict(lambda: defaultdict(list))  # u → field → values
        self.links: dict = defaultdict(dict)             # support link → field → value
        self.memberships: dict = defaultdict(dict)
        self.version_facts: dict = defaultdict(dict)
        handlers = {RDF.type: self._type, RDFS.label: self._label, FOAF.name: self._label,
                    SKOS.prefLabel: self._label, DCTERMS.title: self._label,
                    DCTERMS.identifier: self._identifier, SKOS.notation: self._notation,
                    SG.dueDate: self._due, SG.dueStart: self._due, SG.dueWording: self._due,
                    SG.status: self._status, SG.statusAsPublished: self._update, SG.reportsOn: self._update,
                    SG.inVersion: self._update, DCTERMS.date: self._update, DCTERMS.description: self._update,
                    SG.qualifiedSupport: self._qualified, SG.supportTarget: self._link,
                    SG.rationale: self._link, SG.linkStatus: self._link, SG.score: self._link,
                    ORG.member: self._membership, ORG.organization: self._membership, ORG.role: self._membership,
                    DCTERMS.isVersionOf: self._version, DCTERMS.issued: self._version}
        # A projection: only the predicates the view uses are read from the store.
        wanted = list(dict.fromkeys([*handlers, *EDGE_PREDICATES]))
        by_iri = {str(p): h for p, h in handlers.items()}
        edges, edge_keys = self.edges, _EDGE_KEY
        for s, p, o, c in as_store(g).plain_quads(wanted):
            handler = by_iri.get(p)
            if handler is not None:
                handler(s, p, o, c)
            if type(o) is str and p in edge_keys:  # an IRI object: a link
                edges[(s, p, o)].add(c)

    # -- handlers (each one dictionary write) -------------------------------------------
    def _type(self, s, p, o, c):
        self.types[s].add((o, c))

    def _label(self, s, p, o, c):
        self.labels[s][p][c] = str(o)

    def _identifier(self, s, p, o, c):
        self.identifier.setdefault(s, str(o))

    def _notation(self, s, p, o, c):
        self.notation[s][c] = str(o)

    def _due(self, s, p, o, c):
        # A plain graph (no versions) can hold several due dates of one item: keep them all.
        self.due[(s, c)].setdefault(_DUE_OF[p], []).append(_python(o))

    def _status(self, s, p, o, c):
        self.status[(s, c)] = _STATUS_OF.get(o)
        self.updates[s]["status"].append(_STATUS_OF.get(o))

    def _update(self, s, p, o, c):
        self.updates[s][p].append(o)

    def _qualified(self, s, p, o, c):
        self.links[o]["subject"] = s

    def _link(self, s, p, o, c):
        self.links[s][p] = o

    def _membership(self, s, p, o, c):
        self.memberships[s][p] = o

    def _version(self, s, p, o, c):
        self.version_facts[s][p] = o

    # -- assembly ------------------------------------------------------------------------
    def versions(self) -> dict[str, dict]:
        found = {}
        for s, types in self.types.items():
            if any(t == _PLAN_VERSION for t, _ in types):
                facts = self.version_facts.get(s, {})
                issued = str(facts.get(_ISSUED, "")) or None
                found[s] = {"iri": str(s), "label": self.label(s),
                            "plan": str(facts.get(_IS_VERSION_OF, "")) or None,
                            "issued": issued, "start": version_start(issued)}
        ordered = sorted(found.values(), key=lambda v: (v["start"] or dt.date.min, v["iri"]))
        for i, v in enumerate(ordered):
            v["order"] = i
        return {v["iri"]: v for v in ordered}

    def latest(self, by_context: dict):
        """The value stated by the latest version (else the first, sorted, of the others)."""
        order = self.order
        versioned = [c for c in by_context if c in order]
        if versioned:
            return by_context[max(versioned, key=order.__getitem__)]
        return sorted(by_context.values())[0]

    def label(self, s) -> str:
        names = self.labels.get(s, {})
        for p in _LABEL_ORDER:
            if p in names:
                return self.latest(names[p])
        return self.identifier.get(s) or str(s).rsplit("/", 1)[-1]

    def graph(self) -> nx.MultiDiGraph:
        self.order: dict[str, int] = {}
        versions = self.versions()
        order = self.order = {v: d["order"] for v, d in versions.items()}
        G = nx.MultiDiGraph(versions=versions)
        lists: dict[frozenset, list[str]] = {}

        def vlist(contexts) -> list[str]:
            # Many nodes and links share one set of versions: sort each set once (a copy
            # each, since callers may change their list).
            key = frozenset(contexts)
            found = lists.get(key)
            if found is None:
                found = lists[key] = sorted((c for c in key if c in order), key=order.__getitem__)
            return list(found)

        # Sorted, so that node and edge order (and every listing built from it) is the same
        # whichever store the quads came from.
        for s, types in sorted(self.types.items(), key=lambda kv: kv[0]):
            known = [t for t, _ in types if t in _KIND_OF]
            if not known or type(s) is not str:
                continue
            main = min(known, key=_RANK_OF.__getitem__)
            attrs = {"iri": s, "kind": _KIND_OF[main], "label": self.label(s),
                     "types": sorted({t.rsplit("#", 1)[-1].rsplit("/", 1)[-1] for t in known}),
                     "identifier": self.identifier.get(s),
                     "notation": self.latest(self.notation[s]) if s in self.notation else None, "plan": None,
                     "versions": vlist(c for _, c in types)}
            if attrs["kind"] == "council":
                G.graph["council"] = attrs["label"]
            G.add_node(s, **attrs)

        nodes = G._node  # networkx's own node dict: membership tests without the view layer
        for (s, p, o), contexts in sorted(self.edges.items(), key=lambda kv: kv[0]):
            if s not in nodes or o not in nodes:
                continue
            key = _EDGE_KEY[p]
            G.add_edge(s, o, key=key, predicate=key, iri=p, versions=vlist(contexts),
                       curation=any(c not in order for c in contexts))
            if key in ("inPlan", "inScheme") and nodes[s]["plan"] is None:
                nodes[s]["plan"] = o

        for link, facts in sorted(self.links.items(), key=lambda kv: str(kv[0])):
            s, target = facts.get("subject"), facts.get(_TARGET)
            if s is None or target is None:
                continue
            status = _SUPPORT_STATUS_OF.get(facts.get(_LINK_STATUS), "curated")
            key = "suggestedSupport" if status == "suggested" else "supports"
            if G.has_edge(str(s), str(target), key):
                data = G.edges[str(s), str(target), key]
                data["status"] = status
                data["rationale"] = str(facts[_RATIONALE]) if _RATIONALE in facts else None
                data["score"] = _python(facts[_SCORE]) if _SCORE in facts else None
        for _, _, key, data in G.edges(keys=True, data=True):
            if key in ("supports", "suggestedSupport"):
                data.setdefault("status", "curated" if key == "supports" else "suggested")
                data.setdefault("rationale", None)
                data.setdefault("score", None)

        for m, facts in sorted(self.memberships.items(), key=lambda kv: str(kv[0])):
            member, body, role = facts.get(_MEMBER), facts.get(_ORGANIZATION), facts.get(_ROLE)
            if member is not None and body is not None and str(member) in G and str(body) in G:
                G.add_edge(str(member), str(body), key="memberOf", predicate="memberOf", iri=str(ORG.member),
                           versions=[], curation=False, role=self.label(role) if role is not None else None,
                           membership=str(m))

        self._work_attributes(G, order)
        return G

    def _work_attributes(self, G: nx.MultiDiGraph, order: dict[str, int]) -> None:
        due_by_node: dict = defaultdict(list)
        for (s, c), facts in self.due.items():
            if str(s) in G:  # facts outside any version (a plain graph, curation) sort first
                due_by_node[str(s)].append({"version": c if c in order else None,
                                            "due_date": max(facts.get("due_date") or [None], key=_date_key),
                                            "due_start": max(facts.get("due_start") or [None], key=_date_key),
                                            "due_wording": sorted(facts.get("due_wording") or [None],
                                                                  key=str)[-1]})
        status_by_node: dict = defaultdict(list)
        for (s, c), status in self.status.items():
            if str(s) in G and G.nodes[str(s)]["kind"] == "milestone":
                status_by_node[str(s)].append({"version": c if c in order else None, "date": None,
                                               "status": status, "status_as_published": None, "update": None,
                                               "text": None})
        for u, facts in self.updates.items():
            if _REPORTS_ON not in facts:
                continue
            versions = [v for v in facts.get(_IN_VERSION, []) if v in order]
            def first(key):
                return str(facts[key][0]) if facts.get(key) else None

            entry = {"version": max(versions, key=order.__getitem__) if versions else None,
                     "date": first(_DATE), "status": facts["status"][0] if facts.get("status") else None,
                     "status_as_published": first(_AS_PUBLISHED), "update": str(u),
                     "text": first(_DESCRIPTION)}
            for target in set(facts[_REPORTS_ON]):
                if str(target) in G:
                    status_by_node[str(target)].append(dict(entry))

        def sort_key(entry):
            return (order.get(entry["version"], -1), entry.get("date") or "",
                    str(entry.get("due_date") or ""))

        for n, data in G.nodes(data=True):
            if data["kind"] not in ("action", "milestone"):
                continue
            dues = sorted(due_by_node.get(n, []), key=sort_key)
            stated = [d for d in dues if d["due_date"] is not None or d["due_wording"]]
            latest_due = next((d for d in reversed(dues) if d["due_date"] is not None), None)
            wording = stated[-1] if stated else None
            data["due_history"] = dues
            data["due_date"] = latest_due["due_date"] if latest_due else None
            data["due_start"] = latest_due["due_start"] if latest_due else None
            data["due_version"] = latest_due["version"] if latest_due else None
            data["due_wording"] = (latest_due or wording or {}).get("due_wording")
            history = sorted(status_by_node.get(n, []), key=sort_key)
            data["status_history"] = history
            data["status"] = history[-1]["status"] if history else None
            data["status_version"] = history[-1]["version"] if history else None
            data["status_date"] = history[-1]["date"] if history else None


__all__ = ["to_networkx", "KINDS", "EDGE_PREDICATES", "STATUSES", "version_start"]
