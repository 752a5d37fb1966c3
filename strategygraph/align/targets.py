"""What an objective can align to, and the graph's own text for each, found by type.

Targets are every priority and theme in the scheme of an ``sg:CouncilPlan``, every
``sg:Commitment`` under them, every ``sg:DeliveryGroup`` and every ``sg:Workstream``.
Nothing names a council: the same code reads Lancaster's graph or any other.

The text an objective is compared with comes in *items*, each a short piece of the
graph's own wording that describes one or more nodes:

- a node's own words: label plus definition or description (an action's or
  recommendation's text);
- the rationale of each curated ``sg:supports`` link, which describes both ends of the
  link ("Its 'Food Networks & Provision' workstream: tackling food poverty").

An item reaches targets along the graph's structure, each step multiplying its weight:
a commitment lifts to its priority, an action to its workstream and a workstream to its
group (:data:`LIFT`); a curated ``X sg:supports Y`` link carries X's words to Y
(:data:`SUPPORT`), and a priority's words reach the groups and workstreams that support
it, more weakly (:data:`SUPPORTED_BY`). A target's score is its best item's similarity
times the weight of the path, so every match can say which commitment, workstream or
action it came through.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from rdflib import URIRef

from strategygraph.store.base import plain
from strategygraph.terms import DCTERMS, RDF, RDFS, SG, SKOS

#: Weight of a structural step upwards (commitment → priority, action → workstream → group).
LIFT = 0.9
#: Weight of a curated ``sg:supports`` link, from the supporter to what it supports.
SUPPORT = 0.8
#: Weight of the same link read backwards, from a priority to a group or workstream that
#: supports it (weaker: a priority is served by several groups).
SUPPORTED_BY = 0.5
#: Longest path an item's words travel (steps).
MAX_STEPS = 3

#: Kinds a match can have, in the order reports list them.
TARGET_KINDS = ("priority", "theme", "commitment", "group", "workstream")
#: Kinds of existing work an objective may duplicate or partner with.
WORK_KINDS = ("action", "project", "recommendation")


@dataclass(frozen=True)
class Node:
    """A node of the graph the checker knows about: a target or a piece of existing work."""

    iri: str
    kind: str
    label: str
    id: str = ""
    #: For commitments and workstreams: the priority or group they belong to.
    parent: str | None = None
    #: For existing work: the title of the plan it belongs to.
    plan: str = ""


@dataclass
class Item:
    """A piece of the graph's text and the targets it reaches.

    ``reaches`` maps a target IRI to ``(weight, path)`` where *path* lists the IRIs the
    words travelled through (the item's own node first).
    """

    text: str
    source: str                     # IRI of the node whose words these are
    kind: str                       # "text" (a node's own words) or "rationale"
    reaches: dict[str, tuple[float, tuple[str, ...]]] = field(default_factory=dict)


@dataclass
class TargetSet:
    """Targets, existing work and the text items of one graph."""

    nodes: dict[str, Node]
    targets: list[str]              # IRIs of targets, in report order
    work: list[str]                 # IRIs of actions, projects and recommendations
    items: list[Item]
    #: For each piece of work, the index of the item holding its own words.
    work_items: dict[str, int]

    def of_kind(self, kind: str) -> list[str]:
        """IRIs of the targets of *kind*.

        >>> import strategygraph as sg
        >>> len(collect_targets(sg.build_graph(sg.sample_data())).of_kind("priority"))
        4
        """
        return [t for t in self.targets if self.nodes[t].kind == kind]


#: The properties :func:`collect_targets` reads of its nodes, each read for every node at once.
_READ = (RDFS.label, SKOS.prefLabel, DCTERMS.title, SKOS.definition, DCTERMS.description, DCTERMS.identifier,
         SKOS.notation, SKOS.inScheme, SKOS.broader, SG.inGroup, SG.inPlan, SG.respondsTo, SG.qualifiedSupport,
         SG.supportTarget, SG.linkStatus, SG.rationale)
_TEXT = (RDFS.label, SKOS.prefLabel, DCTERMS.title, SKOS.definition, DCTERMS.description)
_LABEL = (SKOS.prefLabel, RDFS.label, DCTERMS.title)


# Nodes are keyed as Store.plain_quads gives them (strategygraph.store.plain).
_key = plain


def _term(key):
    return URIRef(key) if type(key) is str else key


class _Facts:
    """The values of :data:`_READ` for every node of graph *g*, read in bulk.

    Asking rdflib for each node's values one by one costs a call per node and property
    (through oxrdflib on Oxigraph: most of the time at 400 councils); one pass per property
    reads the same triples. :meth:`objects` answers as ``view.objects(node, prop)`` would,
    values as :func:`_key` keys: where a node has several values their order is the
    store's, which only rdflib's own answer gives, so those few are asked of *view*.

    >>> import strategygraph as sg
    >>> from strategygraph.store import graph_view
    >>> from strategygraph.terms import ID_BASE
    >>> g = sg.build_graph(sg.sample_data())
    >>> facts = _Facts(g, graph_view(g))
    >>> facts.label(ID_BASE + "lancaster/g1-climate"), facts.value(ID_BASE + "lancaster/g1-climate", DCTERMS.identifier)
    ('Climate Emergency', rdflib.term.Literal('g1-climate'))
    """

    def __init__(self, g, view):
        self.view = view
        self.values: dict[str, dict] = {str(p): {} for p in _READ}
        if _bulk_readable(g):
            # Each triple once, however many named graphs state it, as the view answers: a
            # dict per node is an ordered set of its values.
            for s, p, o, _ in g.plain_quads(_READ):
                self.values[p].setdefault(s, {})[o] = None
        else:
            # Whatever rdflib's view gives, as often as it gives it.
            for prop in _READ:
                values = self.values[str(prop)]
                for s, _, o in view.triples((None, prop, None)):
                    values.setdefault(_key(s), []).append(_key(o))

    def all(self, node, prop):
        """Every value of *prop* for *node* (keys), in no particular order."""
        return self.values[str(prop)].get(node, ())

    def objects(self, node, prop) -> list:
        """The values of *prop* for *node* (keys) in the order ``view.objects`` gives them."""
        found = self.values[str(prop)].get(node, ())
        if len(found) > 1:
            return [_key(o) for o in self.view.objects(_term(node), prop)]
        return list(found)

    def value(self, node, prop):
        """The first of :meth:`objects`, or ``None`` (rdflib's ``Graph.value``)."""
        found = self.objects(node, prop)
        return found[0] if found else None

    def text(self, node) -> str:
        """The node's own words: labels, title, definition and description, each once (the
        wordings of one property in text order, not the store's)."""
        parts: list[str] = []
        for prop in _TEXT:
            for value in sorted(str(v).strip() for v in self.objects(node, prop)):
                if value and not any(value in p for p in parts):
                    parts = [p for p in parts if p not in value] + [value]
        return ". ".join(parts)

    def label(self, node) -> str:
        """The first (sorted) preferred label, else label, else title, else the IRI's last part."""
        for prop in _LABEL:
            values = sorted(str(v) for v in self.all(node, prop))
            if values:
                return values[0]
        return str(node).rsplit("/", 1)[-1]

    def sort_key(self, node) -> tuple:
        """Notation, then identifier (else the IRI), then the IRI: the order targets are
        listed in. The IRI settles ties (councils share notations and ids), so that the order,
        and with it every tie in the scores, is the same whatever store the graph is in."""
        notation = self.value(node, SKOS.notation)
        ident = self.value(node, DCTERMS.identifier)
        return (str(notation or ""), str(ident or node), str(node))


def _bulk_readable(g) -> bool:
    # An Oxigraph store's rdflib view (oxrdflib) costs tens of microseconds a triple, its
    # plain_quads one; they agree when its default graph holds nothing the named graphs do
    # not (the merge the store keeps), which one query checks.
    from strategygraph.store import Store

    if not isinstance(g, Store) or g.kind != "oxigraph":
        return False
    values = " ".join(f"<{p}>" for p in _READ)
    return not g.query(f"ASK {{ VALUES ?p {{ {values} }} ?s ?p ?o FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }} }}"
                       ).boolean


def collect_targets(g) -> TargetSet:
    """Read the targets, existing work and text items of graph or dataset *g*.

    >>> import strategygraph as sg
    >>> ts = collect_targets(sg.build_graph(sg.sample_data()))
    >>> sorted({ts.nodes[t].kind for t in ts.targets})
    ['commitment', 'group', 'priority', 'theme', 'workstream']
    >>> len(ts.of_kind("group")), len(ts.of_kind("commitment"))
    (5, 21)
    """
    from strategygraph.store import graph_view as union

    view = union(g)
    facts = _Facts(g, view)
    nodes: dict[str, Node] = {}

    def add(node, kind, parent=None) -> str:
        iri = str(node)
        if iri not in nodes:
            ident = facts.value(node, DCTERMS.identifier)
            nodes[iri] = Node(iri, kind, facts.label(node), str(ident) if ident else iri.rsplit("/", 1)[-1],
                              str(parent) if parent is not None else None)
        return iri

    def members(cls) -> list:
        return [_key(c) for c in view.subjects(RDF.type, cls)]

    schemes = {_key(s) for s in view.subjects(RDF.type, SG.CouncilPlan)}
    concepts = []
    for kind, cls in (("priority", SG.Priority), ("theme", SG.Theme)):
        found = [c for c in members(cls) if any(s in schemes for s in facts.all(c, SKOS.inScheme))]
        concepts += [add(c, kind) for c in sorted(found, key=facts.sort_key)]
    concept_set = set(concepts)
    commitments = []
    for c in sorted(members(SG.Commitment), key=facts.sort_key):
        parent = next((p for p in facts.objects(c, SKOS.broader) if str(p) in concept_set), None)
        if parent is not None:
            commitments.append(add(c, "commitment", parent))
    groups = [add(x, "group") for x in sorted(members(SG.DeliveryGroup), key=facts.sort_key)]
    group_set = set(groups)
    workstreams = []
    for w in sorted(members(SG.Workstream), key=facts.sort_key):
        parent = next((p for p in facts.objects(w, SG.inGroup) if str(p) in group_set), None)
        workstreams.append(add(w, "workstream", parent))
    targets = concepts + commitments + groups + workstreams

    work = []
    for kind, cls in (("action", SG.Action), ("project", SG.Project), ("recommendation", SG.Recommendation)):
        for x in sorted(members(cls), key=facts.sort_key):
            plan = facts.value(x, SG.inPlan)
            if plan is None and facts.value(x, SG.respondsTo) is not None:
                plan = facts.value(facts.value(x, SG.respondsTo), SG.inPlan)
            iri = add(x, kind)
            if plan is not None:
                nodes[iri] = replace(nodes[iri], plan=facts.label(plan))
            work.append(iri)

    # Edges along which words travel: child → [(parent, weight)].
    up: dict[str, list[tuple[str, float]]] = {}

    def edge(a: str, b: str, w: float) -> None:
        if a != b and b in nodes and (b, w) not in up.setdefault(a, []):
            up[a].append((b, w))

    for iri in commitments + workstreams:
        if nodes[iri].parent:
            edge(iri, nodes[iri].parent, LIFT)
    for a, w in view.subject_objects(SG.inWorkstream):
        if str(w) in nodes:
            edge(add(_key(a), "action"), str(w), LIFT)
    structural = {a: list(edges) for a, edges in up.items()}
    target_set = set(targets)
    links = []
    for x, t in sorted(view.subject_objects(SG.supports)):
        if str(t) not in target_set:
            continue
        if str(x) not in nodes:
            add(_key(x), "other")
        edge(str(x), str(t), SUPPORT)
        if nodes[str(x)].kind in ("group", "workstream") and nodes[str(t)].kind in ("priority", "theme", "commitment"):
            edge(str(t), str(x), SUPPORTED_BY)
        links.append((x, t))

    items: list[Item] = []
    work_items: dict[str, int] = {}
    work_set = set(work)
    for iri in targets + work + [i for i in nodes if nodes[i].kind == "other"]:
        # the words of the node with this IRI (never of a blank node spelt the same)
        text = facts.text(iri)
        if text:
            if iri in work_set and iri not in work_items:
                work_items[iri] = len(items)
            items.append(Item(text, iri, "text", _reach(iri, up, target_set)))
    curated = str(SG.Curated)
    for x, t in links:
        for rationale in _rationales(facts, view, x, t, curated):
            # A link's rationale says why X supports T: it describes T and X itself
            # (and X's place in the structure), not X's other supported targets.
            reach = _reach(str(t), up, target_set)
            for target, (w, path) in _reach(str(x), structural, target_set).items():
                if w > reach.get(target, (0.0,))[0]:
                    reach[target] = (w, path)
            items.append(Item(str(rationale), str(x), "rationale", reach))
    return TargetSet(nodes, targets, work, items, work_items)


def _rationales(facts: _Facts, view, x, t, curated: str) -> list:
    # The rationales of X's curated qualified links to T. Several come in the store's
    # order, so then rdflib is asked as it always was; one (the usual case) is read from
    # the bulk values.
    if type(x) is URIRef and type(t) is URIRef:     # else literal forms may differ: ask rdflib
        found = [r for link in facts.all(str(x), SG.qualifiedSupport)
                 if str(t) in facts.all(link, SG.supportTarget) and curated in facts.all(link, SG.linkStatus)
                 for r in facts.all(link, SG.rationale)]
        if len(found) <= 1:
            return found
    return [r for link in view.objects(x, SG.qualifiedSupport)
            if (link, SG.supportTarget, t) in view and (link, SG.linkStatus, SG.Curated) in view
            for r in view.objects(link, SG.rationale)]


def _reach(start: str, up: dict[str, list[tuple[str, float]]], targets: set[str]
           ) -> dict[str, tuple[float, tuple[str, ...]]]:
    # Best (highest-weight) path from *start* to every target within MAX_STEPS steps.
    best: dict[str, tuple[float, tuple[str, ...]]] = {}
    frontier = [(start, 1.0, (start,))]
    for _ in range(MAX_STEPS + 1):
        following = []
        for node, weight, path in frontier:
            if node in targets and weight > best.get(node, (0.0,))[0]:
                best[node] = (weight, path)
            for parent, w in up.get(node, ()):
                if parent not in path:
                    following.append((parent, weight * w, path + (parent,)))
        frontier = following
    return best
