"""Who carries the work: workload per person (or post, or team) and role, overloaded leads,
and the people work depends on to reach the Council Plan.

Roles are kept apart (lead, accountable chief officer, group lead): leading seven actions
and being accountable for seven are different burdens. Only open work counts (the latest
status is not Complete). Work due in overlapping windows weighs more than the same number
of actions spread over the year: each open action counts 1, plus :data:`OVERLAP_WEIGHT`
when its due window overlaps the window of another of the same person's open actions. A
due window is the published one (``October 24 – March 25``), or the month the work is due
in when only an end date is published; undated work (``Ongoing``) counts 1.

"Overloaded" is relative to the council's own distribution by default: a weighted load
above the median of everyone in that role plus *k* (default 2) scaled median absolute
deviations. A fixed threshold can be given instead.

Work is assigned to the person holding a post when the post has a holder (the post is
named in the evidence), otherwise to the post or team itself: an unfilled post still
carries its work.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from strategygraph.analysis.common import (TARGET_KINDS, agent_of, as_graph, council_targets, groups_of,
                                           links_in_version, listing, nodes_of, out_nodes, plural,
                                           resolve_plan, robust_threshold, scope, state)
from strategygraph.findings import Finding

ANALYSIS = "overloaded_leads"
#: Extra weight of an open action whose due window overlaps another of the same person's.
OVERLAP_WEIGHT = 0.5
#: Default number of scaled median absolute deviations above the median that is "overloaded".
DEFAULT_K = 2.0
ROLES = {"lead": "ledBy", "accountable chief officer": "accountableChiefOfficer"}
GROUP_LEAD = "group lead"
_ROLE_RULE = {"lead": "overloaded-lead", "accountable chief officer": "overloaded-chief-officer",
              GROUP_LEAD: "overloaded-group-lead"}
_ROLE_PLURAL = {"lead": "leads", "accountable chief officer": "accountable chief officers", GROUP_LEAD: "group leads"}
_LEAD_ROLE = re.compile(r"\blead", re.IGNORECASE)


@dataclass
class _Load:
    actions: set = field(default_factory=set)
    open: set = field(default_factory=set)
    via: set = field(default_factory=set)


def _window(st) -> tuple[dt.date, dt.date] | None:
    if st.due_date is None:
        return None
    return (st.due_start or st.due_date.replace(day=1)), st.due_date


def overlaps(windows: list[tuple[dt.date, dt.date]]) -> tuple[list[bool], int, dt.date | None]:
    """For date windows: which overlap another, the most open at once, and a date when that happens.

    Sorting makes this O(n log n): a window overlaps a later one exactly when the next
    window by start begins before it ends, and an earlier one when the latest end so far
    reaches its start.

    >>> d = dt.date
    >>> flags, peak, when = overlaps([(d(2025, 1, 1), d(2025, 3, 31)), (d(2025, 3, 1), d(2025, 3, 31)),
    ...                               (d(2025, 6, 1), d(2025, 6, 30))])
    >>> flags, peak, str(when)
    ([True, True, False], 2, '2025-03-01')
    """
    order = sorted(range(len(windows)), key=lambda i: windows[i])
    flags = [False] * len(windows)
    latest_end = None
    for pos, i in enumerate(order):
        start, end = windows[i]
        if latest_end is not None and latest_end >= start:
            flags[i] = True
        if pos + 1 < len(order) and windows[order[pos + 1]][0] <= end:
            flags[i] = True
        latest_end = end if latest_end is None else max(latest_end, end)
    events = sorted([(s, 0) for s, _ in windows] + [(e, 1) for _, e in windows])  # starts before ends on a day
    peak, current, when = 0, 0, None
    for day, is_end in events:
        current += -1 if is_end else 1
        if current > peak:
            peak, when = current, day
    return flags, peak, when


def _loads(G: nx.MultiDiGraph, inside, as_of) -> tuple[dict[tuple[str, str], _Load], dict]:
    loads: dict[tuple[str, str], _Load] = defaultdict(_Load)
    states = {}
    for a in nodes_of(G, "action"):
        if inside is not None and a not in inside:
            continue
        st = state(G, a, as_of)
        if not st.known:
            continue
        states[a] = st
        for role, key in ROLES.items():
            for x in links_in_version(G, a, key, st.version):
                agent, post = agent_of(G, x)
                load = loads[(agent, role)]
                load.actions.add(a)
                if st.open:
                    load.open.add(a)
                if post:
                    load.via.add(post)
    group_leads = [(u, v) for u, v, k, d in G.edges(keys=True, data=True)
                   if k == "memberOf" and G.nodes[v]["kind"] == "group" and _LEAD_ROLE.search(d.get("role") or "")]
    if group_leads:
        in_group: dict[str, list[str]] = defaultdict(list)
        for a, groups in groups_of(G).items():
            if a in states:
                for grp in groups:
                    in_group[grp].append(a)
        for u, grp in group_leads:
            agent, post = agent_of(G, u)
            load = loads[(agent, GROUP_LEAD)]
            for a in in_group.get(grp, []):
                load.actions.add(a)
                if states[a].open:
                    load.open.add(a)
            if post:
                load.via.add(post)
    return loads, states


def workload(g, *, plan: str | None = None, as_of: dt.date | None = None):
    """Workload per person (or post, or team) and role, as a pandas DataFrame.

    Columns: ``agent`` (IRI), ``name``, ``agent_kind``, ``role``, ``actions``,
    ``open_actions``, ``recommendations`` (answered by their actions), ``open_recommendations``,
    ``weighted_load``, ``overlapping`` (open actions due in overlapping windows),
    ``peak_overlap`` and ``peak_date``, ``plans``, ``via_posts``, and the IRIs of the
    actions (``action_iris``, ``open_action_iris``). Sorted by weighted load. Agents with
    no work in the scope have no row.

    >>> import strategygraph as sg
    >>> df = workload(sg.build_graph(sg.sample_data()), plan="lga")
    >>> df.sort_values("recommendations", ascending=False).iloc[0]["name"]
    'Chief Executive'
    """
    import pandas as pd

    G = as_graph(g)
    inside = scope(G, resolve_plan(G, plan))
    loads, states = _loads(G, inside, as_of)
    rows = [_row(G, agent, role, load, states) for (agent, role), load in loads.items()]
    columns = ["agent", "name", "agent_kind", "role", "actions", "open_actions", "recommendations",
               "open_recommendations", "weighted_load", "overlapping", "peak_overlap", "peak_date", "plans",
               "via_posts", "action_iris", "open_action_iris"]
    df = pd.DataFrame(rows, columns=columns)
    return df.sort_values(["weighted_load", "open_actions", "name"], ascending=[False, False, True],
                          ignore_index=True)


def _recs(G, actions) -> set[str]:
    return {r for a in actions for r in out_nodes(G, a, "respondsTo")}


def _row(G, agent, role, load: _Load, states: dict) -> dict:
    windows = {a: w for a, w in ((a, _window(states[a])) for a in load.open) if w is not None}
    keys = sorted(windows)
    flags, peak, when = overlaps([windows[a] for a in keys]) if keys else ([], 0, None)
    overlapping = sum(flags)
    return {"agent": agent, "name": G.nodes[agent]["label"], "agent_kind": G.nodes[agent]["kind"], "role": role,
            "actions": len(load.actions), "open_actions": len(load.open),
            "recommendations": len(_recs(G, load.actions)), "open_recommendations": len(_recs(G, load.open)),
            "weighted_load": float(len(load.open) + OVERLAP_WEIGHT * overlapping), "overlapping": overlapping,
            "peak_overlap": peak, "peak_date": when,
            "plans": sorted({G.nodes[a]["plan"] for a in load.actions if G.nodes[a].get("plan")}),
            "via_posts": sorted(load.via), "action_iris": sorted(load.actions), "open_action_iris": sorted(load.open)}


def find_overloaded_leads(g, *, plan: str | None = None, as_of: dt.date | None = None,
                          threshold: float | None = None, k: float = DEFAULT_K) -> list[Finding]:
    """People carrying more open work than the council's norm, and people work hangs on.

    For each role, a person is overloaded when their weighted load is above *threshold*,
    or, by default, above the median of everyone in that role plus *k* scaled median
    absolute deviations (roles held by fewer than three people have no norm to compare
    with). Also reported: people whose removal would cut work off from the Council Plan
    (articulation points of the work–people–priority graph, rule ``single-point``) and
    people on unusually many of the paths between work and priorities (betweenness, rule
    ``broker``).

    >>> import strategygraph as sg
    >>> found = find_overloaded_leads(sg.build_graph(sg.sample_data()), plan="cpc")
    >>> found[0].label, found[0].evidence["role"]
    ('Alex Kinch', 'accountable chief officer')
    """
    G = as_graph(g)
    plan_iri = resolve_plan(G, plan)
    inside = scope(G, plan_iri)
    df = workload(G, plan=plan, as_of=as_of)
    findings: list[Finding] = []
    for role, rows in df[df.open_actions > 0].groupby("role", sort=False):
        loads = rows.weighted_load.tolist()
        if threshold is not None:
            med, mad, _ = robust_threshold(loads, k)
            limit = float(threshold)
            rule_text = f"the threshold of {limit:g} set for this analysis"
        else:
            if len(loads) < 3:
                continue
            med, mad, limit = robust_threshold(loads, k)
            rule_text = f"the council's threshold of {limit:.1f} (median + {k:g} × scaled MAD {mad:.2f})"
        for row in rows[rows.weighted_load > limit].itertuples():
            findings.append(_overloaded(G, row, role, med, mad, limit, rule_text, plan_iri))
    findings.sort(key=lambda f: -f.evidence["weighted_load"] / max(f.evidence["threshold"], 1e-9))
    findings.extend(_bridges(G, inside))
    return findings


def _overloaded(G, row, role, med, mad, limit, rule_text, plan_iri) -> Finding:
    open_actions = list(row.open_action_iris)
    recs = sorted(_recs(G, open_actions), key=lambda r: G.nodes[r].get("notation") or "")
    plans = sorted({G.nodes[p]["label"] for p in row.plans if p in G})
    in_plans = f" in the {listing(plans)}" if plans and not plan_iri else ""
    across = f" across {plural(len(recs), 'recommendation')}" if recs else ""
    overlap = (f"; {row.overlapping} of them fall due in overlapping windows (up to {row.peak_overlap} at once, "
               f"around {row.peak_date:%B %Y})" if row.overlapping else "")
    ratio = row.weighted_load / med if med else float("inf")
    times = (f"{ratio:.1f}× the median of {med:g} for {_ROLE_PLURAL[role]}" if med
             else f"against a median of 0 for {_ROLE_PLURAL[role]}")
    via = f" (through the post of {listing([G.nodes[p]['label'] for p in row.via_posts])})" if row.via_posts else ""
    role_text = {"lead": "the lead", "accountable chief officer": "accountable chief officer",
                 GROUP_LEAD: "group lead"}[role]
    name = _name(G, row.agent)
    why = (f"{name[0].upper() + name[1:]}{via} is {role_text} for {plural(row.open_actions, 'open action')}"
           f"{across}{in_plans}"
           f"{overlap}: a weighted load of {row.weighted_load:g}, {times}, above {rule_text}.")
    evidence = {"role": role, "open_actions": row.open_actions, "actions": row.actions,
                "recommendations": [G.nodes[r].get("notation") or G.nodes[r]["label"] for r in recs],
                "weighted_load": row.weighted_load, "overlapping": row.overlapping, "peak_overlap": row.peak_overlap,
                "peak_date": row.peak_date.isoformat() if row.peak_date else None, "median": med, "mad": mad,
                "threshold": limit, "ratio": round(ratio, 2) if med else None,
                "open_action_labels": [G.nodes[a]["label"] for a in open_actions],
                "via_posts": [G.nodes[p]["label"] for p in row.via_posts], "agent_kind": row.agent_kind}
    severity = "high" if row.weighted_load > 2 * limit else "medium"
    return Finding(ANALYSIS, row.agent, row.name, why, _ROLE_RULE[role], evidence, severity)


# -- people work depends on -----------------------------------------------------------------
_WORK = ("action", "recommendation", "workstream", "milestone", "group")
_AGENTS = ("person", "post", "team")
_LINKS = ("supports", "respondsTo", "partOf", "inWorkstream", "inGroup", "milestoneOf", "ledBy",
          "accountableChiefOfficer", "broader", "heldBy")


def work_graph(G: nx.MultiDiGraph, inside: set | None = None) -> nx.Graph:
    """The undirected graph of work, the people on it and the Council Plan targets it supports.

    >>> import strategygraph as sg
    >>> from strategygraph.analysis import to_networkx
    >>> U = work_graph(to_networkx(sg.build_graph(sg.sample_data())))
    >>> {d["kind"] for _, d in U.nodes(data=True)} >= {"action", "person", "priority"}
    True
    """
    targets = council_targets(G)
    U = nx.Graph()
    for u, v, k in G.edges(keys=True):
        if k not in _LINKS:
            continue
        ends = []
        for n in (u, v):
            kind = G.nodes[n]["kind"]
            if n in targets or kind in _AGENTS or (kind in _WORK and (inside is None or n in inside)):
                ends.append(n)
        if len(ends) == 2:
            U.add_edge(u, v)
    for n in U:
        U.nodes[n]["kind"] = G.nodes[n]["kind"]
    return U


def _bridges(G: nx.MultiDiGraph, inside) -> list[Finding]:
    U = work_graph(G, inside)
    targets = {n for n in U if U.nodes[n]["kind"] in TARGET_KINDS}
    findings = []
    for p in sorted(nx.articulation_points(U)):
        if U.nodes[p]["kind"] not in _AGENTS:
            continue
        cut_off: list[str] = []
        seen = {p}
        for start in U.neighbors(p):
            if start in seen:
                continue
            # Walk the part of the graph this neighbour leads to, stopping at the first target:
            # parts that reach the Council Plan are usually large and found quickly.
            component, stack, reaches = {start}, [start], start in targets
            while stack and not reaches:
                for m in U.neighbors(stack.pop()):
                    if m not in seen and m not in component and m != p:
                        component.add(m)
                        stack.append(m)
                        if m in targets:
                            reaches = True
                            break
            seen |= component
            if not reaches:
                cut_off += [n for n in component if U.nodes[n]["kind"] in ("action", "recommendation", "workstream")]
        if cut_off:
            labels = [G.nodes[n]["label"] for n in sorted(cut_off, key=lambda n: G.nodes[n]["label"])]
            who = _name(G, p)
            one = len(labels) == 1
            why = (f"{who[0].upper() + who[1:]} is the only link between {plural(len(labels), 'piece')} of work and "
                   f"the rest of the plan: {listing([repr_short(x) for x in labels], 3)} "
                   f"{'has' if one else 'have'} no supports link of {'its' if one else 'their'} own and "
                   f"{'connects' if one else 'connect'} to the Council Plan only through this {G.nodes[p]['kind']}. "
                   f"Without them, nothing would tie that work to a priority.")
            findings.append(Finding(ANALYSIS, p, G.nodes[p]["label"], why, "single-point",
                                    {"cut_off": labels, "agent_kind": G.nodes[p]["kind"]}, "medium"))
    findings.extend(_brokers(G, U, targets))
    return findings


def _name(G, n) -> str:
    """A person's name, or "the Chief Executive" for a post or team."""
    d = G.nodes[n]
    label = d["label"]
    return label if d["kind"] == "person" or label.lower().startswith("the ") else f"the {label}"


def repr_short(text: str) -> str:
    """A label in quotes, cut short for a sentence.

    >>> repr_short("Adopt new Economic Strategy")
    '“Adopt new Economic Strategy”'
    """
    from strategygraph.analysis.common import short

    return f"“{short(text, 50)}”"


#: Most shortest-path sources taken from one connected part of the graph (see _betweenness).
MAX_SOURCES = 400


def _betweenness(U: nx.Graph, work: list[str], targets: set) -> dict[str, float]:
    """Shortest-path betweenness from work to targets, summed over connected parts.

    No shortest path crosses from one connected part to another (one council's work never
    reaches another's plan), so each part is computed alone: the cost grows with the number
    of councils, not its square (measured at 400 councils: 0.6 s, against 520 s for networkx
    on the whole graph at once). A part with more than :data:`MAX_SOURCES` pieces of work
    uses an evenly spread sample of them, scaled up (Brandes' source sampling), which keeps
    one very large council linear too.
    """
    between = dict.fromkeys(U, 0.0)
    work_set = set(work)
    for part in nx.connected_components(U):
        sources = sorted(n for n in part if n in work_set)
        ends = sorted(n for n in part if n in targets)
        if not sources or not ends:
            continue
        scale = 1.0
        if len(sources) > MAX_SOURCES:
            step = len(sources) / MAX_SOURCES
            sampled = [sources[int(i * step)] for i in range(MAX_SOURCES)]
            scale, sources = len(sources) / len(sampled), sampled
        # A copy, not a subgraph view: networkx walks a view's filtered adjacency ~8x slower.
        found = nx.betweenness_centrality_subset(U.subgraph(part).copy(), sources=sources, targets=ends,
                                                 normalized=False)
        for n, value in found.items():
            between[n] += value * scale
    return between


def _brokers(G, U: nx.Graph, targets: set) -> list[Finding]:
    agents = [n for n in U if U.nodes[n]["kind"] in _AGENTS]
    work = [n for n in U if U.nodes[n]["kind"] in ("action", "recommendation", "workstream")]
    if not agents or not work or not targets:
        return []
    between = _betweenness(U, work, targets)
    pairs = len(work) * len(targets)
    scores = {a: between[a] / pairs for a in agents}
    positive = [s for s in scores.values() if s > 0]
    if len(positive) < 3:
        return []
    med, mad, limit = robust_threshold(positive, DEFAULT_K)
    found = []
    for a in sorted(agents, key=lambda a: -scores[a]):
        if scores[a] <= limit:
            break
        work = [n for n in U.neighbors(a) if U.nodes[n]["kind"] == "action"]
        plans = sorted({G.nodes[G.nodes[n]["plan"]]["label"] for n in work if G.nodes[n].get("plan") in G})
        spans = (f" Their {plural(len(work), 'action')} span {listing(['the ' + p for p in plans])}."
                 if len(plans) > 1 else "")
        why = (f"{_name(G, a)} sits on {scores[a]:.2%} of the shortest paths from work to the Council Plan, "
               f"{scores[a] / med:.1f}× the median ({med:.2%}) of the people on any such path and above the threshold "
               f"of {limit:.2%} (median + {DEFAULT_K:g} × scaled MAD): a broker whose absence would separate parts of "
               f"the plan.{spans}")
        found.append(Finding(ANALYSIS, a, G.nodes[a]["label"], why, "broker",
                             {"betweenness": round(scores[a], 5), "median": round(med, 5), "threshold": round(limit, 5),
                              "actions": len(work), "plans": plans, "agent_kind": G.nodes[a]["kind"]}, "info"))
    return found


__all__ = ["workload", "find_overloaded_leads", "work_graph", "overlaps", "OVERLAP_WEIGHT", "DEFAULT_K"]
