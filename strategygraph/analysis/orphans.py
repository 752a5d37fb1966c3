"""Orphaned work: actions, recommendations, workstreams and milestones with no path to any
Council Plan priority, theme or commitment; actions with no lead; recommendations with no
action.

A path counts when the item, or something it belongs to (its recommendation and the
recommendation that one is part of, its workstream and delivery group, the delivery plan
it is in, the action a milestone belongs to), or something that belongs to it (an action
answering a recommendation), has a curated ``supports`` link. Items that reach the Council
Plan only through suggested (unconfirmed) links are reported separately, so nobody mistakes
a tool's guess for an agreed alignment.
"""

from __future__ import annotations

from strategygraph.analysis.common import (INHERIT_KEYS, alignment, as_graph, council_targets, in_nodes, inherit,
                                           links_in_version, listing, nodes_of, out_nodes, plural, quoted,
                                           resolve_plan, scope, state, where)
from strategygraph.findings import Finding

ANALYSIS = "orphaned_actions"
#: Kinds of work checked for a path to the Council Plan.
WORK_KINDS = ("action", "recommendation", "workstream", "milestone")
_SEVERITY = {"action": "high", "recommendation": "medium", "workstream": "medium", "milestone": "low"}
_ORDER = {"high": 0, "medium": 1, "low": 2, "info": 3}


def find_orphans(g, *, plan: str | None = None) -> list[Finding]:
    """Work with no path to the Council Plan, actions with no lead, recommendations with no action.

    *g* is an RDF dataset or the graph of :func:`~strategygraph.analysis.to_networkx`;
    *plan* (an id such as ``cpc``) limits the check to that plan's work.

    >>> import strategygraph as sg
    >>> findings = find_orphans(sg.build_graph(sg.sample_data()))
    >>> {f.rule for f in findings} <= {"no-priority-path", "suggested-only", "no-lead", "no-action"}
    True
    """
    G = as_graph(g)
    inside = scope(G, resolve_plan(G, plan))
    targets = council_targets(G)
    curated = alignment(G, targets=targets)
    suggested = alignment(G, suggested=True, targets=targets)
    direct = {u: {v} for u, v, k in G.edges(keys=True) if k == "supports" and v in targets}
    # Something that belongs to an item and supports a target gives the item a path too.
    below = inherit(G, direct, INHERIT_KEYS + ("inPlan",), upward=True,
                    follow=lambda u, v, k: k != "inPlan" or G.nodes[u]["kind"] == "action")
    findings: list[Finding] = []
    for n in nodes_of(G, *WORK_KINDS):
        if inside is not None and n not in inside:
            continue
        kind = G.nodes[n]["kind"]
        if kind == "milestone" and any(a in G for a in out_nodes(G, n, "milestoneOf")):
            continue  # reported with its action, which has the same path or none
        if not curated.get(n) and not below.get(n):
            findings.append(_orphan(G, n, sorted(suggested.get(n, ()))))
        if kind == "action":
            findings.extend(_no_lead(G, n))
        if kind == "recommendation":
            findings.extend(_no_action(G, n))
    return sorted(findings, key=lambda f: (_ORDER[f.severity], f.rule, f.label, f.iri))


def _kind_name(G, n) -> str:
    d = G.nodes[n]
    return "Project" if "Project" in d.get("types", []) else d["kind"].capitalize()


def _orphan(G, n: str, hints: list[str]) -> Finding:
    d = G.nodes[n]
    kind = d["kind"]
    milestones = in_nodes(G, n, "milestoneOf")
    evidence = {"kind": kind, "where": where(G, n), "plan": d.get("plan"),
                "recommendations": out_nodes(G, n, "respondsTo"), "workstreams": out_nodes(G, n, "inWorkstream"),
                "milestones": [G.nodes[m]["label"] for m in milestones],
                "suggested_targets": [G.nodes[t]["label"] for t in hints]}
    checked = {"action": "neither it, its recommendation, workstream, delivery group nor any of its milestones",
               "recommendation": "neither it, the recommendation it is part of, nor any action answering it",
               "workstream": "neither it, its delivery group, nor any action in it",
               "milestone": "neither it nor its action"}[kind]
    subject = f"{_kind_name(G, n)} {quoted(G, n)} ({where(G, n)})"
    if hints:
        names = listing([quoted(G, t, 50) for t in hints], 3)
        why = (f"{subject} reaches the Council Plan only through suggested, unconfirmed links (to {names}); "
               f"{checked} has a curated link. Confirm or reject the suggestion.")
        return Finding(ANALYSIS, n, d["label"], why, "suggested-only", evidence, "low")
    more = f" Its {plural(len(milestones), 'milestone')} have none either." if milestones else ""
    why = (f"{subject} has no path to any Council Plan priority, theme or commitment: "
           f"{checked} has a curated supports link.{more}")
    return Finding(ANALYSIS, n, d["label"], why, "no-priority-path", evidence, _SEVERITY[kind])


def _no_lead(G, n: str) -> list[Finding]:
    now = state(G, n)
    if links_in_version(G, n, "ledBy", now.version):
        return []
    d = G.nodes[n]
    chiefs = [G.nodes[c]["label"] for c in links_in_version(G, n, "accountableChiefOfficer", now.version)]
    also = (f" Its accountable chief officer is {listing(chiefs)}." if chiefs
            else " It has no accountable chief officer either.")
    why = f"{_kind_name(G, n)} {quoted(G, n)} ({where(G, n)}) has no lead: nobody is named to deliver it.{also}"
    return [Finding(ANALYSIS, n, d["label"], why, "no-lead", {"kind": "action", "where": where(G, n),
                                                               "chief_officers": chiefs}, "high")]


def _no_action(G, n: str) -> list[Finding]:
    parts, stack = {n}, [n]
    while stack:  # the recommendation and its parts, cycle-safe
        for p in in_nodes(G, stack.pop(), "partOf"):
            if p not in parts and G.nodes[p]["kind"] == "recommendation":
                parts.add(p)
                stack.append(p)
    if any(G.nodes[a]["kind"] == "action" for p in parts for a in in_nodes(G, p, "respondsTo")):
        return []
    d = G.nodes[n]
    extra = f" nor do any of its {plural(len(parts) - 1, 'part')}" if len(parts) > 1 else ""
    why = (f"Recommendation {quoted(G, n)} ({where(G, n)}) has no action answering it{extra}: "
           f"nothing in the plan says how it will be delivered.")
    return [Finding(ANALYSIS, n, d["label"], why, "no-action",
                    {"kind": "recommendation", "where": where(G, n), "parts": sorted(parts - {n})}, "high")]


__all__ = ["find_orphans"]
