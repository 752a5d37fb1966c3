"""What each diagram shows: nodes, edges, positions and details, drawn from the graph.

A :class:`View` is renderer-neutral: :mod:`strategygraph.render.html` turns it into an
interactive pyvis page and :mod:`strategygraph.render.static` into SVG/PNG, from the same
positions, so the printed figure and the page agree.
"""

from __future__ import annotations

import math
import re
import textwrap
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS

from strategygraph.build.graph import ontology
from strategygraph.bulk import paused_gc
from strategygraph.errors import StrategyGraphError
from strategygraph.store import Store, as_store, graph_view as union, plain
from strategygraph.terms import SG

#: Colour-blind-safe palette (Okabe and Ito) for groups and node kinds.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#8C6D31", "#6A3D9A"]
RAG_COLOURS = {"Red": "#C0392B", "Amber": "#E67E22", "Green": "#27AE60", "Complete": "#2E86C1",
               "Not started": "#7F8C8D", "Not rated": "#BDC3C7"}
KIND_COLOURS = {
    "plan": "#34495E", "priority": "#0072B2", "theme": "#56B4E9", "commitment": "#A6CEE3", "group": "#009E73",
    "workstream": "#8FD1B8", "recommendation": "#CC79A7", "action": "#E69F00", "milestone": "#F5C77E",
    "person": "#7B3F00", "post": "#B07A4F", "body": "#6A3D9A", "team": "#B39DDB", "indicator": "#BCBD22",
    "update": "#DDDDDD", "section": "#CFA3C2", "membership": "#CCCCCC",
}
KINDS = [  # (class, kind), most specific first
    (SG.CouncilPlan, "plan"), (SG.StrategicFramework, "plan"), (SG.ActionPlan, "plan"), (SG.DeliveryPlan, "plan"),
    (SG.Strategy, "plan"), (SG.Plan, "plan"), (SG.Priority, "priority"), (SG.Theme, "theme"),
    (SG.Commitment, "commitment"), (SG.DeliveryGroup, "group"), (SG.Workstream, "workstream"),
    (SG.Recommendation, "recommendation"), (SG.Project, "action"), (SG.Action, "action"),
    (SG.Milestone, "milestone"), (FOAF.Person, "person"), (ORG.Post, "post"), (SG.GoverningBody, "body"),
    (SG.Committee, "body"), (SG.WorkingGroup, "body"), (SG.OfficerTeam, "team"), (SG.Indicator, "indicator"),
    (SG.Section, "section"),
]


class ViewError(StrategyGraphError):
    """The graph has nothing to draw for the requested view."""


@dataclass
class Node:
    """A drawn node. ``x``/``y`` are pixels (y grows downward, as on screen)."""

    id: str
    label: str
    kind: str
    color: str
    x: float | None = None
    y: float | None = None
    size: float = 18
    shape: str = "dot"
    details: dict[str, str] = field(default_factory=dict)
    group: str | None = None


@dataclass
class Edge:
    """A drawn edge, with the words shown on hover."""

    source: str
    target: str
    label: str = ""
    width: float = 1.5
    color: str = "#95A5A6"
    details: dict[str, str] = field(default_factory=dict)
    dashes: bool = False


@dataclass
class View:
    """Everything a renderer needs for one diagram.

    >>> import strategygraph as sg
    >>> v = fig1(sg.build_graph(sg.sample_data()))
    >>> v.name, len(v.nodes)
    ('fig1', 37)
    """

    name: str
    title: str
    subtitle: str = ""
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)
    physics: bool = False
    #: Extra drawing for the page and the image, e.g. a time axis: {"axis": [(x, "Jun 2020"), ...]}.
    extras: dict[str, Any] = field(default_factory=dict)

    def node(self, node_id: str) -> Node:
        """The node with *node_id*."""
        return next(n for n in self.nodes if n.id == node_id)


# -- graph helpers ----------------------------------------------------------------------

def label(g: Graph, node) -> str:
    """The display label of *node*: rdfs:label, skos:prefLabel, foaf:name, else its id."""
    for source in (g, ontology()):  # RAG values and other vocabulary are labelled in the ontology
        for prop in (RDFS.label, SKOS.prefLabel, FOAF.name, DCTERMS.title):
            # Versions may word a label differently: take the same one whatever the store's order.
            values = [str(v) for v in source.objects(node, prop)]
            if values:
                return " ".join(max(values).split())
    return re.split(r"[/#]", str(node).rstrip("/"))[-1]


def _value(g: Graph, node, prop):
    """One value of *prop* on *node*, the same one on every store when versions disagree."""
    values = list(g.objects(node, prop))
    if len(values) < 2:
        return values[0] if values else None
    return max(values, key=lambda v: (str(v), type(v).__name__))


def kind_of(g: Graph, node) -> str | None:
    """The node's kind (``action``, ``priority``...) from its most specific class."""
    types = set(g.objects(node, RDF.type))
    for cls, kind in KINDS:
        if cls in types:
            return kind
    return None


def _natural(text: str) -> list:
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", text or "")]


def _short(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def wrap(text: str, width: int = 22) -> str:
    """*text* wrapped on word boundaries to lines of at most *width* characters."""
    return "\n".join(textwrap.wrap(text, width=width, break_long_words=False)) or text


def _pick_plan(g: Graph, cls, plan: str | None, need) -> URIRef:
    candidates = sorted(set(g.subjects(RDF.type, cls)), key=str)
    if plan:
        matches = [c for c in candidates if str(c).rsplit("/", 1)[-1] == plan or str(c) == plan]
        if not matches:
            known = ", ".join(str(c).rsplit("/", 1)[-1] for c in candidates) or "none"
            raise ViewError(f"no plan {plan!r} of this kind in the graph (known: {known})")
        return matches[0]
    usable = [c for c in candidates if need(c)]
    if not usable:
        raise ViewError(f"the graph has no {label(g, cls) if False else str(cls).rsplit('#', 1)[-1]} to draw")
    return usable[0]


class Versions:
    """Per-version facts: the value a property had in the latest version stating it."""

    def __init__(self, ds: Dataset | Graph):
        self.ds = ds
        g = union(ds)
        self.issued = {v: str(_value(g, v, DCTERMS.issued)) for v in g.subjects(RDF.type, SG.PlanVersion)}

    def latest(self, node, prop):
        """``(value, version)`` from the most recent version that states it."""
        if not isinstance(self.ds, Dataset):
            value = _value(self.ds, node, prop)
            return value, None
        best = None
        for _, _, value, ctx in self.ds.quads((node, prop, None, None)):
            version = ctx.identifier if hasattr(ctx, "identifier") else ctx
            key = self.issued.get(version, "")
            if best is None or key > best[2]:
                best = (value, version, key)
        return (best[0], best[1]) if best else (None, None)


def latest_status(g: Graph, action) -> tuple[str | None, Literal | None, str | None]:
    """``(RAG label, date, update text)`` of the newest progress update on *action*."""
    best = None
    for update in g.subjects(SG.reportsOn, action):
        when = str(_value(g, update, DCTERMS.date) or "")
        if best is None or when > best[0]:
            best = (when, update)
    if best is None:
        return None, None, None
    update = best[1]
    status = _value(g, update, SG.status)
    return (label(g, status) if status is not None else None, best[0],
            str(_value(g, update, DCTERMS.description) or ""))


def source_of(g: Graph, node) -> str:
    """Where a fact was read: 'file lines …; data file:row'."""
    parts = []
    for record in sorted(g.objects(node, PROV.wasDerivedFrom), key=str):
        file, lines = _value(g, record, SG.sourceFile), _value(g, record, SG.lines)
        parts.append(f"{file} line {lines}" if lines else str(file))
    curated = sorted(str(c) for c in g.objects(node, SG.curatedIn))
    return "; ".join(parts + [f"data {c}" for c in curated])


def details_of(g: Graph, versions: Versions, node) -> dict[str, str]:
    """The click-through details of a node: kind, lead, due, status, latest update, source."""
    kind = kind_of(g, node) or "node"
    out = {"Type": kind, "Name": label(g, node)}
    description = _value(g, node, DCTERMS.description) or _value(g, node, SKOS.definition)
    if description is not None and str(description) != out["Name"]:
        out["Text"] = str(description)
    notation = _value(g, node, SKOS.notation)
    if notation is not None:
        out["Number"] = str(notation)
    leads = sorted(label(g, p) for p in g.objects(node, SG.ledBy))
    if leads:
        out["Lead"] = ", ".join(leads)
    chiefs = sorted(label(g, p) for p in g.objects(node, SG.accountableChiefOfficer))
    if chiefs:
        out["Chief officer"] = ", ".join(chiefs)
    due, _ = versions.latest(node, SG.dueWording)
    due_date, _ = versions.latest(node, SG.dueDate)
    if due is not None or due_date is not None:
        out["Due"] = " ".join(x for x in (str(due or ""), f"({due_date})" if due_date else "") if x)
    if kind == "action":
        status, when, text = latest_status(g, node)
        out["Status"] = f"{status} ({when})" if status else "no update"
        if text:
            out["Latest update"] = text
    elif _value(g, node, SG.status) is not None:
        out["Status"] = label(g, _value(g, node, SG.status))
    supports = sorted(label(g, t) for t in g.objects(node, SG.supports))
    if supports:
        out["Supports"] = "; ".join(supports)
    source = source_of(g, node)
    if source:
        out["Source"] = source
    out["IRI"] = str(node)
    return out


# -- the views ----------------------------------------------------------------------------

def _groups(g: Graph, plan) -> list:
    groups = [x for x in g.subjects(SG.inPlan, plan) if (x, RDF.type, SG.DeliveryGroup) in g]
    return sorted(groups, key=lambda x: (_natural(str(_value(g, x, SKOS.notation) or "")), label(g, x)))


def _group_label(g: Graph, group) -> str:
    notation = _value(g, group, SKOS.notation)
    return f"Group {notation} – {label(g, group)}" if notation is not None else label(g, group)


def _column(gx: float, gy: float, angle: float, count: int, step: float = 85) -> list[tuple[float, float]]:
    """Positions for a group's workstreams: a column on the group's outer side.

    Columns (rather than a fan) keep labels from colliding however many groups there are.
    """
    cos, sin = math.cos(angle), math.sin(angle)
    if abs(cos) < 0.35:  # a group above or below the centre: the column runs away from it
        direction = 1 if sin > 0 else -1  # two staggered columns so no edge runs through a label
        return [(gx + (-150 if j % 2 == 0 else 150), gy + direction * (110 + j * step * 0.6)) for j in range(count)]
    x = gx + (1 if cos > 0 else -1) * 280
    middle = gy + sin * 200
    return [(x, middle + (j - (count - 1) / 2) * step) for j in range(count)]


def fig1(ds: Dataset | Graph, plan: str | None = None) -> View:
    """FIG 1: the framework at the centre, its delivery groups around it, their workstreams.

    >>> import strategygraph as sg
    >>> v = fig1(sg.build_graph(sg.sample_data()))
    >>> sorted({n.kind for n in v.nodes})
    ['group', 'plan', 'workstream']
    """
    g = union(ds)
    versions = Versions(ds)
    centre = _pick_plan(g, SG.StrategicFramework, plan, lambda p: bool(_groups(g, p)))
    groups = _groups(g, centre)
    title = label(g, centre)
    view = View("fig1", f"How the {len(groups)} groups contribute to {title}",
                subtitle=str(_value(g, centre, DCTERMS.description) or ""))
    view.nodes.append(Node(str(centre), title, "plan", "#34495E", 0, 0, size=40, shape="box",
                           details=details_of(g, versions, centre)))
    n = max(len(groups), 1)
    for i, grp in enumerate(groups):
        colour = PALETTE[i % len(PALETTE)]
        angle = -math.pi / 2 + 2 * math.pi * i / n
        gx, gy = 300 * math.cos(angle), 300 * math.sin(angle)
        glabel = _group_label(g, grp)
        view.legend.append((glabel, colour))
        view.nodes.append(Node(str(grp), glabel, "group", colour, gx, gy, size=30, shape="box",
                               details=details_of(g, versions, grp), group=str(grp)))
        view.edges.append(Edge(str(grp), str(centre), width=4, color=colour))
        streams = sorted(g.subjects(SG.inGroup, grp), key=lambda w: _natural(str(_value(g, w, SG.curatedIn) or "")))
        for j, (wx, wy) in enumerate(_column(gx, gy, angle, len(streams))):
            ws = streams[j]
            view.nodes.append(Node(str(ws), label(g, ws), "workstream", colour, wx, wy, size=14, shape="box",
                                   details=details_of(g, versions, ws), group=str(grp)))
            view.edges.append(Edge(str(ws), str(grp), width=1.5, color=colour))
    return view


def fig2(ds: Dataset | Graph, plan: str | None = None, interactions=None) -> View:
    """FIG 2: the delivery groups and how they interact, edge width by strength.

    *interactions* are the findings of ``strategygraph.analysis.group_interactions`` (computed
    here when not given); hovering an edge shows their evidence.

    >>> import strategygraph as sg
    >>> v = fig2(sg.build_graph(sg.sample_data()))
    >>> sum(1 for n in v.nodes if n.kind == "group")
    5
    """
    g = union(ds)
    versions = Versions(ds)
    centre = _pick_plan(g, SG.StrategicFramework, plan, lambda p: bool(_groups(g, p)))
    groups = _groups(g, centre)
    if interactions is None:
        from strategygraph.analysis import group_interactions

        interactions = group_interactions(ds, plan=str(centre))
    view = View("fig2", f"How the {len(groups)} groups interact", subtitle=label(g, centre))
    view.nodes.append(Node(str(centre), label(g, centre), "plan", "#34495E", 0, 0, size=30, shape="box",
                           details=details_of(g, versions, centre)))
    n = max(len(groups), 1)
    ids = {str(x) for x in groups}
    for i, grp in enumerate(groups):
        colour = PALETTE[i % len(PALETTE)]
        angle = -math.pi / 2 + 2 * math.pi * i / n
        glabel = _group_label(g, grp)
        view.legend.append((glabel, colour))
        view.nodes.append(Node(str(grp), glabel, "group", colour, 380 * math.cos(angle), 380 * math.sin(angle),
                               size=34, shape="box", details=details_of(g, versions, grp), group=str(grp)))
    for finding in interactions:
        evidence = finding.evidence
        a, b = evidence["groups"]
        strength = float(evidence.get("strength", 0))
        if a not in ids or b not in ids or strength <= 0:
            continue
        details = {"Groups": finding.label, "Strength": f"{strength:.2f}", "Why": finding.why}
        for key, name in (("shared_priorities", "Shared priorities"), ("shared_people", "Shared people"),
                          ("shared_actions", "Shared actions")):
            if evidence.get(key):
                details[name] = "; ".join(str(x) for x in evidence[key])
        if evidence.get("similar_workstreams"):
            details["Similar workstreams"] = "; ".join(f"{x[0]} ≈ {x[1]}" for x in evidence["similar_workstreams"])
        view.edges.append(Edge(a, b, width=1 + 11 * strength, color="#7F8C8D", details=details,
                               label=f"{strength:.2f}"))
    return view


def governance(ds: Dataset | Graph, plan: str | None = None) -> View:
    """FIG 7: governing bodies, delivery groups and members, and who reports to whom.

    >>> import strategygraph as sg
    >>> v = governance(sg.build_graph(sg.sample_data()))
    >>> any(e.label == "reports to" for e in v.edges)
    True
    """
    g = union(ds)
    versions = Versions(ds)
    bodies = set(g.subjects(RDF.type, SG.GoverningBody)) | set(g.subjects(RDF.type, SG.Committee)) | set(
        g.subjects(RDF.type, SG.WorkingGroup))
    groups = set(g.subjects(RDF.type, SG.DeliveryGroup))
    edges: list[tuple] = []
    for s, o in g.subject_objects(ORG.reportsTo):
        edges.append((s, o, "reports to"))
    for s, o in g.subject_objects(ORG.subOrganizationOf):
        edges.append((s, o, "part of"))
    members: dict = {}
    roles: dict = {}
    for m in g.subjects(RDF.type, ORG.Membership):
        body, role, member = _value(g, m, ORG.organization), _value(g, m, ORG.role), _value(g, m, ORG.member)
        if member is not None:
            edges.append((member, body, label(g, role)))
            members[member] = True
        else:
            roles.setdefault(body, []).append(label(g, m).split(": ", 1)[-1])
    involved = {n for e in edges for n in e[:2]} | (bodies & {n for e in edges for n in e[:2]})
    involved |= {b for b in bodies if b in roles} | groups
    if not involved:
        raise ViewError("the graph has no governing bodies to draw")
    # Levels: a node sits one level below what it reports to (longest chain), members below.
    parents: dict = {}
    for s, o, rel in edges:
        if rel in ("reports to", "part of"):
            parents.setdefault(s, set()).add(o)
    level: dict = {}

    def depth(node, seen=()):
        if node in level:
            return level[node]
        ups = [p for p in parents.get(node, ()) if p not in seen]
        level[node] = 0 if not ups else 1 + max(depth(p, seen + (node,)) for p in ups)
        return level[node]

    for node in involved:
        depth(node)
    for s, o, rel in edges:
        if rel not in ("reports to", "part of") and s not in parents:
            level[s] = max(level.get(s, 0), level.get(o, 0) + 1)
    rows: dict[int, list] = {}
    for node in involved:
        rows.setdefault(level[node], []).append(node)
    view = View("governance", "Governance: bodies, roles and who reports to whom")
    for lvl, nodes in sorted(rows.items()):
        nodes.sort(key=lambda x: (kind_of(g, x) or "", _natural(str(_value(g, x, SKOS.notation) or "")), label(g, x),
                                  str(x)))
        width = 230
        for i, node in enumerate(nodes):
            kind = kind_of(g, node) or "body"
            details = details_of(g, versions, node)
            if node in roles:
                details["Members"] = "; ".join(sorted(roles[node]))
            name = _group_label(g, node) if kind == "group" else label(g, node)
            view.nodes.append(Node(str(node), name, kind, KIND_COLOURS.get(kind, "#888888"),
                                   (i - (len(nodes) - 1) / 2) * width, lvl * 170, size=20, shape="box",
                                   details=details))
    drawn = {n.id for n in view.nodes}
    for s, o, rel in edges:
        if str(s) in drawn and str(o) in drawn:
            view.edges.append(Edge(str(s), str(o), label=rel, width=2 if rel == "reports to" else 1.2,
                                   color="#34495E" if rel == "reports to" else "#95A5A6",
                                   dashes=rel not in ("reports to", "part of")))
    kinds_present = sorted({n.kind for n in view.nodes})
    view.legend = [(k, KIND_COLOURS.get(k, "#888888")) for k in kinds_present]
    return view


def _d(value) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value is not None else None
    except ValueError:
        return None


def delivery(ds: Dataset | Graph, plan: str | None = None) -> View:
    """FIG 8: a delivery plan's projects, leads and milestones on a time axis.

    >>> import strategygraph as sg
    >>> v = delivery(sg.build_graph(sg.sample_data()))
    >>> sum(1 for n in v.nodes if n.kind == "milestone")
    20
    """
    g = union(ds)
    versions = Versions(ds)

    def projects_of(p):
        return [a for a in g.subjects(SG.inPlan, p) if (a, RDF.type, SG.Project) in g or (a, RDF.type, SG.Action) in g]

    chosen = _pick_plan(g, SG.DeliveryPlan, plan, lambda p: bool(projects_of(p)))
    projects = sorted(projects_of(chosen), key=lambda a: _natural(str(a)))
    milestones = {a: sorted(g.subjects(SG.milestoneOf, a), key=lambda m: _natural(str(m))) for a in projects}
    dates = [d for a in projects for m in milestones[a]
             for d in (_d(_value(g, m, SG.dueStart)), _d(_value(g, m, SG.dueDate))) if d]
    dates += [d for a in projects for d in (_d(_value(g, a, SG.dueStart)), _d(_value(g, a, SG.dueDate))) if d]
    if not dates:
        raise ViewError("the delivery plan has no dated milestones to draw")
    start, end = min(dates), max(dates)
    start = start.replace(day=1)
    scale = 1100 / max((end - start).days, 1)

    def x_of(d: date) -> float:
        return (d - start).days * scale

    view = View("delivery", label(g, chosen), subtitle=str(_value(g, chosen, DCTERMS.description) or ""))
    axis = []
    month = start
    while month <= end:
        axis.append((x_of(month), month.strftime("%b %Y")))
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    view.extras["axis"] = axis
    view.extras["bars"] = []
    people: dict = {}
    for row, action in enumerate(projects):
        y = row * 120
        colour = PALETTE[row % len(PALETTE)]
        leads = sorted(g.objects(action, SG.ledBy), key=lambda p: label(g, p))
        details = details_of(g, versions, action)
        if _value(g, action, SG.resource) is not None:
            details["Resource"] = str(_value(g, action, SG.resource))
        view.nodes.append(Node(str(action), label(g, action), "action", colour, -260, y, size=16, shape="box",
                               details=details, group=str(action)))
        for person in leads:
            people.setdefault(person, []).append((str(action), y))
        for k, m in enumerate(milestones[action]):
            due, begin = _d(_value(g, m, SG.dueDate)), _d(_value(g, m, SG.dueStart))
            mdetails = details_of(g, versions, m)
            if due is None:
                x = -120
                mlabel = f"{label(g, m)} (done)" if _value(g, m, SG.status) == SG.Complete else label(g, m)
            else:
                x = x_of(due)
                mlabel = label(g, m)
                if begin is not None:
                    view.extras["bars"].append((x_of(begin), x, y + (k % 2) * 26 - 13, colour))
            view.nodes.append(Node(str(m), mlabel, "milestone", colour, x, y + (k % 2) * 26 - 13, size=8,
                                   shape="diamond", details=mdetails, group=str(action)))
            view.edges.append(Edge(str(action), str(m), width=0.8, color=colour, dashes=True))
    for i, (person, rows_) in enumerate(sorted(people.items(), key=lambda kv: label(g, kv[0]))):
        y = sum(r[1] for r in rows_) / len(rows_)
        view.nodes.append(Node(str(person), label(g, person), "person", KIND_COLOURS["person"], -560, y + i * 8,
                               size=14, shape="ellipse", details=details_of(g, versions, person)))
        for action_id, _ in rows_:
            view.edges.append(Edge(str(person), action_id, label="leads", width=1.2, color=KIND_COLOURS["person"]))
    view.legend = [("project", "#555555"), ("milestone (by its due date)", "#F5C77E"), ("lead", KIND_COLOURS["person"])]
    return view


#: Predicates drawn in the explore view, with their edge labels.
EXPLORE_EDGES = {
    SG.supports: "supports", SG.respondsTo: "responds to", SG.ledBy: "led by",
    SG.accountableChiefOfficer: "chief officer", SG.inGroup: "in group", SG.inWorkstream: "in workstream",
    SG.milestoneOf: "milestone of", SG.partOf: "part of", SG.inSection: "in section", SKOS.broader: "under",
    SG.inPlan: "in plan", ORG.reportsTo: "reports to", ORG.heldBy: "held by", SG.indicator: "indicator",
    SG.suggestedSupport: "may support",
}


def _council(g: Graph, name: str):
    """The council whose id (or IRI) is *name*, if any."""
    for c in g.subjects(RDF.type, ORG.FormalOrganization):
        if str(c) == name or str(c).rsplit("/", 1)[-1] == name:
            return c
    return None


def explore(ds: Dataset | Graph | Store, plan: str | None = None) -> View:
    """The whole graph, one council of several (*plan* = the council's id), or one plan and
    what it touches, for exploring: every node kind, filterable by type, searchable, actions
    coloured by their latest RAG status.

    >>> import strategygraph as sg
    >>> v = explore(sg.build_graph(sg.sample_data()), plan="cpc")
    >>> {n.kind for n in v.nodes} >= {"recommendation", "action", "person"}
    True
    """
    g = union(ds)
    store = as_store(ds)
    versions = Versions(g if isinstance(ds, Store) else ds)
    council = _council(g, plan) if plan else None
    # Typed subjects and links are read in bulk from the store (through rdflib's API, one
    # call per subject, that was most of the time over hundreds of councils).
    typed = {s for s, *_ in store.plain_quads([RDF.type])}
    if council is not None:  # one council of many: only the subjects in its namespace are read
        home = str(council).rsplit("/", 1)[0] + "/"
        typed = {s for s in typed if str(s).startswith(home)}
        plan = None
    subjects = {URIRef(s) if type(s) is str else s for s in typed}
    nodes = {s for s in subjects if kind_of(g, s) not in (None, "update", "membership")}
    if plan:
        root = next((p for p in g.subjects(RDF.type) if kind_of(g, p) == "plan"
                     and (str(p).rsplit("/", 1)[-1] == plan or str(p) == plan)), None)
        if root is None:
            raise ViewError(f"no plan {plan!r} in the graph")
        inside = {root}
        frontier = {root}
        while frontier:  # everything that is (transitively) part of the plan
            nxt = set()
            for node in frontier:
                for prop in (SG.inPlan, SG.respondsTo, SG.milestoneOf, SG.partOf, SG.inSection, SKOS.inScheme,
                             SKOS.broader, SG.inGroup, SG.inWorkstream):
                    nxt |= {s for s in g.subjects(prop, node) if s in nodes and s not in inside}
            inside |= nxt
            frontier = nxt
        touched = {o for s in inside for p in (SG.supports, SG.ledBy, SG.accountableChiefOfficer, SG.respondsTo)
                   for o in g.objects(s, p) if o in nodes}
        nodes = inside | touched
    title = label(g, root) if plan else label(g, council) if council is not None else "the whole graph"
    view = View("explore", f"Explore: {title}", physics=True)
    for node in sorted(nodes, key=str):
        kind = kind_of(g, node)
        colour = KIND_COLOURS.get(kind, "#888888")
        details = details_of(g, versions, node)
        if kind == "action":
            colour = RAG_COLOURS.get(details["Status"].split(" (")[0], "#FFFFFF")
        size = {"plan": 30, "priority": 24, "theme": 22, "group": 22, "person": 14}.get(kind, 10)
        view.nodes.append(Node(str(node), _short(label(g, node)), kind, colour, size=size, details=details,
                               shape="dot"))
    drawn = {plain(n) for n in nodes}
    links = {(s, p, o) for s, p, o, _ in store.plain_quads(EXPLORE_EDGES)
             if s in drawn and not isinstance(o, Literal) and o in drawn}
    names = {str(p): name for p, name in EXPLORE_EDGES.items()}
    for s, p, o in sorted(links, key=lambda link: tuple(map(str, link))):
        view.edges.append(Edge(str(s), str(o), label=names[p], width=1, color="#B0B7BF",
                               dashes=p == str(SG.suggestedSupport)))
    view.legend = [(k, KIND_COLOURS[k]) for k in sorted({n.kind for n in view.nodes}) if k != "action"]
    view.legend += [(f"action: {k}", c) for k, c in RAG_COLOURS.items()]
    view.extras["filterable"] = True
    return view


VIEWS = {"fig1": fig1, "fig2": fig2, "governance": governance, "delivery": delivery, "explore": explore}


def make_view(ds: Dataset | Graph | Store, name: str, plan: str | None = None) -> View:
    """The view called *name* (``fig1``, ``fig2``, ``governance``, ``delivery``, ``explore``).

    >>> import strategygraph as sg
    >>> make_view(sg.build_graph(sg.sample_data()), "governance").name
    'governance'
    """
    if name not in VIEWS:
        raise ViewError(f"unknown view {name!r} (expected one of {', '.join(VIEWS)})")
    with paused_gc():
        # explore reads a store in bulk itself; the others read through rdflib's API.
        source = union(ds) if isinstance(ds, Store) and name != "explore" else ds
        view = VIEWS[name](source, plan)
    # Stores list triples in different orders: draw edges in one order on every back end.
    view.edges.sort(key=lambda e: (e.source, e.target, e.label))
    return view
