"""What every analysis needs from the networkx view: which priorities count, how alignment
and group membership are inherited, the state of work as of a date, scope by plan, and
readable names and dates for the ``why`` sentences.

Inheritance is computed once over the strongly connected components of the "inherits
from" graph, so a cycle in part-of links neither hangs nor double-counts, and the cost is
linear in the number of links.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

import networkx as nx
from rdflib import Dataset, Graph

from strategygraph.errors import InputError
from strategygraph.store import Store

#: Kinds of node a Council Plan alignment can point at.
TARGET_KINDS = ("priority", "theme", "commitment")

#: Link keys along which work inherits the alignment of what it belongs to (child → parent).
INHERIT_KEYS = ("respondsTo", "partOf", "inWorkstream", "inGroup", "milestoneOf", "forGroup")

#: Link keys along which work belongs to a delivery group.
GROUP_KEYS = ("inWorkstream", "inGroup", "partOf", "milestoneOf", "forGroup")

#: How bad each RAG status is, for roll-ups and trends (higher is worse). Not rated and no
#: status are not on the scale: they are reported separately.
SEVERITY_OF_STATUS = {"Complete": 0, "Green": 1, "NotStarted": 2, "Amber": 3, "Red": 4}

STATUS_LABELS = {"Red": "Red", "Amber": "Amber", "Green": "Green", "Complete": "Complete",
                 "NotStarted": "Not started", "NotRated": "Not rated", None: "no status"}


def as_graph(g) -> nx.MultiDiGraph:
    """*g* as the networkx view: built with :func:`to_networkx` from a store or an rdflib
    dataset or graph, or returned as is when it already is one.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> as_graph(G) is G
    True
    """
    if isinstance(g, nx.MultiDiGraph):
        return g
    if isinstance(g, (Dataset, Graph, Store)):
        from strategygraph.analysis.to_nx import to_networkx

        return to_networkx(g)
    raise TypeError(f"expected an RDF dataset or the graph of to_networkx, not {type(g).__name__}")


def nodes_of(G: nx.MultiDiGraph, *kinds: str) -> list[str]:
    """Nodes of the given kinds, in a stable order (by label, then IRI).

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(); G.add_node("b", kind="action", label="B"); G.add_node("a", kind="action", label="A")
    >>> nodes_of(G, "action")
    ['a', 'b']
    """
    return sorted((n for n, k in G.nodes(data="kind") if k in kinds), key=lambda n: (G.nodes[n]["label"], n))


def out_nodes(G: nx.MultiDiGraph, n: str, key: str) -> list[str]:
    """Targets of *n*'s links with *key*.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(); _ = G.add_edge("a", "b", key="ledBy")
    >>> out_nodes(G, "a", "ledBy")
    ['b']
    """
    return [v for _, v, k in G.out_edges(n, keys=True) if k == key]


def in_nodes(G: nx.MultiDiGraph, n: str, key: str) -> list[str]:
    """Sources of links with *key* that point at *n*.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(); _ = G.add_edge("a", "b", key="ledBy")
    >>> in_nodes(G, "b", "ledBy")
    ['a']
    """
    return [u for u, _, k in G.in_edges(n, keys=True) if k == key]


# -- Council Plan targets and inheritance ----------------------------------------------------
def council_targets(G: nx.MultiDiGraph) -> set[str]:
    """Priorities, themes and commitments of the council's Council Plan(s).

    Found by type: concepts in the scheme of a plan typed ``sg:CouncilPlan`` (commitments
    also through ``skos:broader``). A council without a Council Plan gets every priority,
    theme and commitment.

    >>> import strategygraph as sg
    >>> from strategygraph.analysis import to_networkx
    >>> G = to_networkx(sg.build_graph(sg.sample_data()))
    >>> sorted({G.nodes[t]["kind"] for t in council_targets(G)})
    ['commitment', 'priority', 'theme']
    """
    plans = {n for n, d in G.nodes(data=True) if d["kind"] == "plan" and "CouncilPlan" in d["types"]}
    concepts = [n for n, k in G.nodes(data="kind") if k in TARGET_KINDS]
    if not plans:
        return set(concepts)
    found = {n for n in concepts if set(out_nodes(G, n, "inScheme")) & plans or G.nodes[n]["plan"] in plans}
    for n in concepts:
        if n not in found and any(b in found for b in broader_closure(G, n)):
            found.add(n)
    return found


def broader_closure(G: nx.MultiDiGraph, n: str) -> set[str]:
    """Everything *n* is narrower than (``skos:broader`` followed transitively, cycle-safe).

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(); _ = G.add_edge("c", "p", key="broader"), G.add_edge("p", "c", key="broader")
    >>> sorted(broader_closure(G, "c"))
    ['p']
    """
    seen: set[str] = set()
    stack = [n]
    while stack:
        for b in out_nodes(G, stack.pop(), "broader"):
            if b not in seen and b != n:
                seen.add(b)
                stack.append(b)
    return seen


def inherit(G: nx.MultiDiGraph, seeds: dict[str, set], keys: Iterable[str],
            follow=None, upward: bool = False) -> dict[str, frozenset]:
    """Propagate *seeds* (node → set) from parents to children along links with *keys*.

    A node gets its own seeds plus everything its parents (the targets of its links with
    *keys*) get, transitively; with *upward*, parents get what their children get instead.
    *follow(u, v, key)* may veto a link. Cycles are handled by working on strongly
    connected components (members of a cycle share one set).

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for u, v, k in [("a", "r", "respondsTo"), ("r", "s", "partOf"), ("s", "r", "partOf")]:
    ...     _ = G.add_edge(u, v, key=k)
    >>> sorted(inherit(G, {"s": {"P"}}, ["respondsTo", "partOf"])["a"])
    ['P']
    >>> sorted(inherit(G, {"a": {"A"}}, ["respondsTo", "partOf"], upward=True)["s"])
    ['A']
    """
    keys = set(keys)
    # Only nodes on a link take part: the rest keep their own seeds (most of a big graph).
    parents: dict[str, list[str]] = defaultdict(list)
    for u, v, k in G.edges(keys=True):
        if k in keys and u != v and (follow is None or follow(u, v, k)):
            if upward:
                u, v = v, u
            parents[u].append(v)
    result = _propagate(parents, seeds)
    empty: frozenset = frozenset()
    for n in G:
        if n not in result:
            result[n] = frozenset(seeds[n]) if n in seeds else empty
    return result


def _propagate(parents: dict[str, list[str]], seeds: dict[str, set]) -> dict[str, frozenset]:
    """Each node of the link graph *parents* with its seeds and every seed above it.

    Tarjan's strongly connected components, iterative (long chains of parts would overflow
    Python's stack): a component is finished only after every component it links to, so
    its set is its members' seeds plus the finished sets of those it links to, and the
    members of a cycle share one set. Linear in the links.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    result: dict[str, frozenset] = {}
    counter = 0
    for root in list(parents):
        if root in index:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(parents.get(root, ())))]
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(parents.get(child, ()))))
                    break
                if child in on_stack and index[child] < low[node]:
                    low[node] = index[child]
            else:
                work.pop()
                if work and low[node] < low[work[-1][0]]:
                    low[work[-1][0]] = low[node]
                if low[node] != index[node]:
                    continue
                members = []
                while True:
                    m = stack.pop()
                    on_stack.discard(m)
                    members.append(m)
                    if m == node:
                        break
                acc: set = set()
                for m in members:
                    acc.update(seeds.get(m, ()))
                    for parent in parents.get(m, ()):
                        if parent in result:  # finished: another component (members are not yet)
                            acc.update(result[parent])
                shared = frozenset(acc)
                for m in members:
                    result[m] = shared
    return result


def _cached(G: nx.MultiDiGraph, key: tuple, compute):
    """*compute()*, worked out once per view: several analyses ask for the same inheritance,
    and over hundreds of councils each costs a second. The view is not changed after it is
    built (its users read it), so the cache stays valid."""
    cache = G.graph.setdefault("_derived", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def alignment(G: nx.MultiDiGraph, suggested: bool = False, targets: set[str] | None = None) -> dict[str, frozenset]:
    """Council Plan targets each node supports, directly or through what it belongs to.

    Curated ``supports`` links only, unless *suggested* (then unconfirmed links count too).
    Commitments count for their priority (``skos:broader``), so the result holds both.

    >>> import strategygraph as sg
    >>> from strategygraph.analysis import to_networkx
    >>> G = to_networkx(sg.build_graph(sg.sample_data()))
    >>> a = next(n for n, d in G.nodes(data=True) if d["identifier"] == "dp-g1-p4")
    >>> sorted(G.nodes[t]["label"] for t in alignment(G)[a] if G.nodes[t]["kind"] == "priority")
    ['A Sustainable District']
    """
    if targets is None:
        return _cached(G, ("alignment", suggested), lambda: alignment(G, suggested, council_targets(G)))
    keys = ("supports", "suggestedSupport") if suggested else ("supports",)
    seeds: dict[str, set] = defaultdict(set)
    for u, v, k in G.edges(keys=True):
        if k in keys and v in targets:
            seeds[u].add(v)
            seeds[u] |= broader_closure(G, v) & targets
    # An action inherits from its plan (and through it the group the plan is for, as FIG 8's
    # projects do); other things' plan membership says nothing about priorities.
    return inherit(G, seeds, INHERIT_KEYS + ("inPlan",),
                   follow=lambda u, v, k: k != "inPlan" or G.nodes[u]["kind"] == "action")


def explicit_alignment(G: nx.MultiDiGraph, targets: set[str] | None = None) -> dict[str, frozenset]:
    """Council Plan targets each node supports by its own curated link or its recommendation's.

    Narrower than :func:`alignment`: belonging to a workstream or group that supports a
    priority does not make an action support it, so counts of supporting work are not
    inflated by every item of a group inheriting the group's links. Commitments count for
    their priority.

    >>> import strategygraph as sg
    >>> from strategygraph.analysis import to_networkx
    >>> G = to_networkx(sg.build_graph(sg.sample_data()))
    >>> ws = next(n for n, d in G.nodes(data=True) if d["identifier"] == "ws-g1-planning-local-plan")
    >>> len(explicit_alignment(G)[ws]), len(alignment(G)[ws])  # its own two links; and its group's too
    (2, 3)
    """
    if targets is None:
        return _cached(G, ("explicit_alignment",), lambda: explicit_alignment(G, council_targets(G)))
    seeds: dict[str, set] = defaultdict(set)
    for u, v, k in G.edges(keys=True):
        if k == "supports" and v in targets:
            seeds[u].add(v)
            seeds[u] |= broader_closure(G, v) & targets
    return inherit(G, seeds, ("respondsTo", "partOf"),
                   follow=lambda u, v, k: G.nodes[v]["kind"] == "recommendation")


def groups_of(G: nx.MultiDiGraph) -> dict[str, frozenset]:
    """Delivery groups each node belongs to (through workstreams, group plans, parts).

    >>> import strategygraph as sg
    >>> from strategygraph.analysis import to_networkx
    >>> G = to_networkx(sg.build_graph(sg.sample_data()))
    >>> p = next(n for n, d in G.nodes(data=True) if d["identifier"] == "dp-g1-p1")
    >>> [G.nodes[g]["notation"] for g in groups_of(G)[p]]
    ['1']
    """
    def compute():
        seeds = {n: {n} for n, k in G.nodes(data="kind") if k == "group"}
        return inherit(G, seeds, GROUP_KEYS + ("inPlan",),
                       follow=lambda u, v, k: k != "inPlan" or G.nodes[u]["kind"] in ("action", "milestone"))
    return _cached(G, ("groups_of",), compute)


# -- plans and scope --------------------------------------------------------------------------
def resolve_plan(G: nx.MultiDiGraph, plan: str | None) -> str | None:
    """The IRI of the plan named *plan* (its id, IRI or title), or ``None`` for all plans.

    Raises :class:`~strategygraph.errors.InputError` naming the known plans otherwise.

    >>> import strategygraph as sg
    >>> from strategygraph.analysis import to_networkx
    >>> G = to_networkx(sg.build_graph(sg.sample_data()))
    >>> resolve_plan(G, "cpc").endswith("/cpc")
    True
    """
    if plan is None:
        return None
    plans = nodes_of(G, "plan")
    for n in plans:
        d = G.nodes[n]
        if plan in (n, d["identifier"]) or plan.casefold() == d["label"].casefold():
            return n
    known = ", ".join(sorted(G.nodes[n]["identifier"] or n for n in plans))
    raise InputError("--plan", message=f"no plan has id {plan!r} (plans: {known or 'none'})")


def plans_of(G: nx.MultiDiGraph) -> dict[str, frozenset]:
    """The plans each node belongs to: its own, its parents' (actions, milestones,
    workstreams through their group) and the plans those are part of.

    >>> import strategygraph as sg
    >>> from strategygraph.analysis import to_networkx
    >>> G = to_networkx(sg.build_graph(sg.sample_data()))
    >>> m = next(n for n, d in G.nodes(data=True) if d["identifier"] == "dp-g1-p1-m1")
    >>> sorted(G.nodes[p]["identifier"] for p in plans_of(G)[m])
    ['plan2030', 'plan2030-dp-g1']
    """
    seeds = {n: {d["plan"]} for n, d in G.nodes(data=True)
             if d.get("plan") and G.nodes.get(d["plan"], {}).get("kind") == "plan"}
    for n, k in G.nodes(data="kind"):
        if k == "plan":
            seeds.setdefault(n, set()).add(n)
    return inherit(G, seeds, ("milestoneOf", "inWorkstream", "inGroup", "respondsTo", "partOf", "inPlan"))


def scope(G: nx.MultiDiGraph, plan: str | None) -> set[str] | None:
    """Nodes inside *plan* (an IRI from :func:`resolve_plan`), or ``None`` for no limit.

    >>> import strategygraph as sg
    >>> from strategygraph.analysis import to_networkx
    >>> G = to_networkx(sg.build_graph(sg.sample_data()))
    >>> inside = scope(G, resolve_plan(G, "lga"))
    >>> sum(1 for n in inside if G.nodes[n]["kind"] == "action")
    22
    """
    if plan is None:
        return None
    homes = plans_of(G)
    return {n for n, plans in homes.items() if plan in plans}


# -- state as of a date ---------------------------------------------------------------------
@dataclass(frozen=True)
class State:
    """What the council had published about a piece of work by a date (see :func:`state`).

    >>> State(True, "v2", "Complete", "v2", None, None, "Ongoing", None).open
    False
    """

    known: bool                     # stated in a version issued by then (or unversioned)
    version: str | None             # the latest such version
    status: str | None
    status_version: str | None
    due_date: dt.date | None
    due_start: dt.date | None
    due_wording: str | None
    due_version: str | None

    @property
    def open(self) -> bool:
        """Not reported complete."""
        return self.status != "Complete"


def state(G: nx.MultiDiGraph, n: str, as_of: dt.date | None = None) -> State:
    """The state of action or milestone *n* from the versions issued by *as_of* (all when ``None``).

    A version issued in a month (``2025-10``) counts from the first day of that month.

    >>> import datetime as dt, strategygraph as sg
    >>> from strategygraph.analysis import to_networkx
    >>> G = to_networkx(sg.build_graph(sg.sample_data()))
    >>> a = next(n for n, d in G.nodes(data=True) if d["identifier"] == "cpc-r10-a1")
    >>> str(state(G, a).due_date), str(state(G, a, dt.date(2025, 1, 1)).due_date)
    ('2025-09-30', '2025-03-31')
    """
    d = G.nodes[n]
    versions = G.graph.get("versions", {})

    def issued_by(v: str | None) -> bool:
        if as_of is None or v is None or v not in versions:
            return True
        start = versions[v]["start"]
        return start is None or start <= as_of

    own = [v for v in d.get("versions", []) if issued_by(v)]
    known = not d.get("versions") or bool(own)
    dues = [x for x in d.get("due_history", []) if issued_by(x["version"])]
    due = next((x for x in reversed(dues) if x["due_date"] is not None), None)
    wording = next((x for x in reversed(dues) if x["due_wording"]), None)
    statuses = [x for x in d.get("status_history", []) if issued_by(x["version"])]
    latest = statuses[-1] if statuses else None
    return State(known=known, version=own[-1] if own else None,
                 status=latest["status"] if latest else None, status_version=latest["version"] if latest else None,
                 due_date=due["due_date"] if due else None, due_start=due["due_start"] if due else None,
                 due_wording=(due or wording or {}).get("due_wording"), due_version=due["version"] if due else None)


def links_in_version(G: nx.MultiDiGraph, n: str, key: str, version: str | None) -> list[str]:
    """Targets of *n*'s *key* links as stated in *version*.

    When *version* states none (or is ``None``), the links of the latest version that
    states any are used; links with no version information (curation) always count.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(versions={"v1": {"order": 0}, "v2": {"order": 1}})
    >>> _ = G.add_edge("a", "p", key="ledBy", versions=["v1"]), G.add_edge("a", "q", key="ledBy", versions=["v2"])
    >>> links_in_version(G, "a", "ledBy", "v1"), links_in_version(G, "a", "ledBy", None)
    (['p'], ['q'])
    """
    edges = [(v, data.get("versions") or []) for _, v, k, data in G.out_edges(n, keys=True, data=True) if k == key]
    unversioned = [v for v, versions in edges if not versions]
    versioned = [(v, versions) for v, versions in edges if versions]
    if version is not None and any(version in versions for _, versions in versioned):
        return [v for v, versions in versioned if version in versions] + unversioned
    order = _cached(G, ("version_order",), lambda: {v: d["order"] for v, d in G.graph.get("versions", {}).items()})
    if not versioned:
        return unversioned
    rank = {v: max(order.get(x, -1) for x in versions) for v, versions in versioned}
    latest = max(rank.values())
    return [v for v in rank if rank[v] == latest] + unversioned


def agent_of(G: nx.MultiDiGraph, n: str) -> tuple[str, str | None]:
    """Who carries work assigned to *n*: the holder of a post (with the post), else *n*.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(); G.add_node("p", kind="post"); _ = G.add_edge("p", "x", key="heldBy")
    >>> agent_of(G, "p")
    ('x', 'p')
    """
    if G.nodes[n].get("kind") == "post":
        holders = out_nodes(G, n, "heldBy")
        if holders:
            return holders[0], n
    return n, None


# -- numbers ----------------------------------------------------------------------------------
def robust_threshold(values: list[float], k: float) -> tuple[float, float, float]:
    """``(median, scaled MAD, median + k × scaled MAD)`` of *values*.

    The MAD is scaled by 1.4826 so it estimates a standard deviation; when it is 0 (most
    values equal) one unit is used instead, so a threshold is never the median itself.

    >>> robust_threshold([1, 2, 2, 3, 10], 3)
    (2, 1.4826, 6.4478)
    """
    if not values:
        return 0.0, 0.0, float("inf")
    med = statistics.median(values)
    mad = statistics.median(abs(v - med) for v in values) * 1.4826
    spread = mad if mad > 0 else 1.0
    return med, round(mad, 4), round(med + k * spread, 4)


# -- words ------------------------------------------------------------------------------------
def fmt_date(d: dt.date | None) -> str:
    """``31 March 2025``.

    >>> fmt_date(dt.date(2025, 3, 31))
    '31 March 2025'
    """
    return f"{d.day} {d:%B %Y}" if d else "no date"


def issued_text(G: nx.MultiDiGraph, v: str | None) -> str:
    """A version named by when it was issued: ``October 2025``, ``2020``.

    >>> import networkx as nx
    >>> issued_text(nx.MultiDiGraph(versions={"v": {"issued": "2025-10"}}), "v")
    'October 2025'
    """
    info = G.graph.get("versions", {}).get(v or "")
    if not info or not info.get("issued"):
        return "an undated version"
    issued = info["issued"]
    parts = issued.split("-")
    if len(parts) >= 2 and parts[1].isdigit():
        return f"{dt.date(int(parts[0]), int(parts[1]), 1):%B %Y}" if len(parts) == 2 else fmt_date(
            dt.date(int(parts[0]), int(parts[1]), int(parts[2][:2])))
    return issued


def short(text: str | None, width: int = 90) -> str:
    """*text* cut to *width* characters at a word boundary, with an ellipsis.

    >>> short("Progress to-date to be reviewed and action plan to progress to be developed.", 40)
    'Progress to-date to be reviewed and…'
    """
    text = " ".join((text or "").split())
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–-") + "…"


def quoted(G: nx.MultiDiGraph, n: str, width: int = 70) -> str:
    """The label of *n* in quotes, shortened.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(); G.add_node("a", label="Buy ladders")
    >>> quoted(G, "a")
    '“Buy ladders”'
    """
    return f"“{short(G.nodes[n]['label'], width)}”"


def where(G: nx.MultiDiGraph, n: str) -> str:
    """Where a piece of work sits: ``recommendation 10 of the Corporate Peer Challenge
    Action Plan``, ``workstream Council CO2 emissions (Climate Emergency)``.

    >>> import strategygraph as sg
    >>> from strategygraph.analysis import to_networkx
    >>> G = to_networkx(sg.build_graph(sg.sample_data()))
    >>> a = next(n for n, d in G.nodes(data=True) if d["identifier"] == "cpc-r10-a1")
    >>> where(G, a)
    'recommendation 10 of the Corporate Peer Challenge Action Plan'
    """
    d = G.nodes[n]
    if d["kind"] == "milestone":
        parents = out_nodes(G, n, "milestoneOf")
        return f"a milestone of {quoted(G, parents[0], 50)}" if parents else "a milestone"
    recs = out_nodes(G, n, "respondsTo")
    if d["kind"] == "recommendation":
        recs = [n]
    if recs:
        r = G.nodes[recs[0]]
        plan = G.nodes[r["plan"]]["label"] if r.get("plan") in G else None
        number = f"recommendation {r['notation']}" if r.get("notation") else f"recommendation {quoted(G, recs[0], 40)}"
        return f"{number} of the {plan}" if plan else number
    if d["kind"] == "workstream":
        groups = out_nodes(G, n, "inGroup")
        return f"a workstream of {G.nodes[groups[0]]['label']}" if groups else "a workstream of no group"
    streams = out_nodes(G, n, "inWorkstream")
    if streams:
        groups = out_nodes(G, streams[0], "inGroup")
        of = f" ({G.nodes[groups[0]]['label']})" if groups else ""
        return f"workstream {G.nodes[streams[0]]['label']}{of}"
    if d.get("plan") in G:
        return f"the {G.nodes[d['plan']]['label']}"
    return "no plan"


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 action``, ``3 actions``.

    >>> plural(3, "action"), plural(1, "action")
    ('3 actions', '1 action')
    """
    return f"{n} {word if n == 1 else (many or word + 's')}"


def listing(items: list[str], limit: int = 4) -> str:
    """``a, b and c``; longer lists end ``and N more``.

    >>> listing(["a", "b", "c"]), listing(list("abcdef"), 3)
    ('a, b and c', 'a, b, c and 3 more')
    """
    items = list(items)
    if not items:
        return "none"
    if len(items) > limit:
        return ", ".join(items[:limit]) + f" and {len(items) - limit} more"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
