"""Coverage of the Council Plan: priorities, themes and commitments nobody is working on,
and a priorities × delivery-groups matrix of how much work supports each.

An action (or project) supports a target when it, or the recommendation it answers, has a
curated ``supports`` link to it; a link to a commitment also supports the commitment's
priority. Workstreams, recommendations and groups that support a target without any action
doing so are reported as a weaker kind of gap: the intent is stated, the work is not.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from strategygraph.analysis.common import (as_graph, council_targets, explicit_alignment, groups_of,
                                           listing, nodes_of, plural, quoted, resolve_plan, scope)
from strategygraph.findings import Finding

ANALYSIS = "coverage_gaps"
NO_GROUP = "No delivery group"
_KIND_ORDER = {"priority": 0, "theme": 1, "commitment": 2}
_STRUCTURES = ("recommendation", "workstream", "group")


def _targets(G: nx.MultiDiGraph) -> list[str]:
    def key(n):
        d = G.nodes[n]
        return _KIND_ORDER[d["kind"]], _natural(d.get("notation") or d.get("identifier") or ""), d["label"], n
    return sorted(council_targets(G), key=key)


def _natural(text: str) -> tuple:
    import re

    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text))


def _group_order(G: nx.MultiDiGraph, plan_iri: str | None) -> list[str]:
    groups = nodes_of(G, "group")
    if plan_iri is not None and any(G.nodes[g]["plan"] == plan_iri for g in groups):
        groups = [g for g in groups if G.nodes[g]["plan"] == plan_iri]
    return sorted(groups, key=lambda g: (_natural(G.nodes[g].get("notation") or ""), G.nodes[g]["label"]))


def _supporters(G: nx.MultiDiGraph, inside) -> dict[str, dict[str, list[str]]]:
    """target → kind of supporter → supporters (actions, recommendations, workstreams, groups)."""
    explicit = explicit_alignment(G)
    found: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for n, d in G.nodes(data=True):
        outside = inside is not None and n not in inside and d["kind"] != "group"
        if d["kind"] not in ("action",) + _STRUCTURES or outside:
            continue
        for t in explicit.get(n, ()):
            found[t][d["kind"]].append(n)
    return found


def coverage_matrix(g, *, plan: str | None = None):
    """Priorities and themes × delivery groups: how many workstreams and actions of each
    group support each (a link to a commitment counts for its priority), as a DataFrame.

    The last column counts actions that belong to no delivery group (peer-challenge action
    plans, for instance). ``df.attrs["iris"]`` maps row and column labels to IRIs.

    >>> import strategygraph as sg
    >>> m = coverage_matrix(sg.build_graph(sg.sample_data()))
    >>> int(m.loc["Climate Emergency", "Climate Emergency"]) > 0
    True
    """
    import pandas as pd

    G = as_graph(g)
    plan_iri = resolve_plan(G, plan)
    inside = scope(G, plan_iri)
    rows = [t for t in _targets(G) if G.nodes[t]["kind"] in ("priority", "theme")]
    groups = _group_order(G, plan_iri)
    counts = _group_counts(G, inside, rows, groups)
    labels = _unique_labels(G, groups)
    names = _unique_labels(G, rows)
    columns = [labels[grp] for grp in groups] + [NO_GROUP]
    data = [[counts[t][grp] for grp in groups] + [counts[t][None]] for t in rows]
    df = pd.DataFrame(data, index=[names[t] for t in rows], columns=columns, dtype=int)
    df.index.name = "Council Plan priority or theme"
    df.attrs["iris"] = {**{names[t]: t for t in rows}, **{labels[grp]: grp for grp in groups}}
    df.attrs["kinds"] = {names[t]: G.nodes[t]["kind"] for t in rows}
    df.attrs["row_of"] = names
    return df


def _group_counts(G, inside, rows, groups) -> dict[str, dict]:
    """target → delivery group (``None``: no group) → actions and workstreams supporting it."""
    membership = groups_of(G)
    explicit = explicit_alignment(G)
    group_set = set(groups)
    counts = {t: defaultdict(int) for t in rows}
    for n, d in G.nodes(data=True):
        if d["kind"] not in ("action", "workstream") or (inside is not None and n not in inside):
            continue
        mine = [x for x in membership.get(n, ()) if x in group_set] or ([None] if d["kind"] == "action" else [])
        for t in explicit.get(n, ()):
            if t in counts:
                for grp in mine:
                    counts[t][grp] += 1
    return counts


def _home(n: str) -> str:
    """The namespace a node's IRI sits in: one per council, so a council's own groups are
    found without comparing every target with every group."""
    return str(n).rsplit("/", 1)[0]


def _unique_labels(G, nodes) -> dict:
    """Label of each node, with its council's id added where several councils share a label
    (a graph of many councils repeats priority and group names)."""
    counts = defaultdict(int)
    for n in nodes:
        counts[G.nodes[n]["label"]] += 1
    return {n: G.nodes[n]["label"] if counts[G.nodes[n]["label"]] == 1
            else f"{G.nodes[n]['label']} ({str(n).rsplit('/', 2)[-2]})" for n in nodes}


def find_coverage_gaps(g, *, plan: str | None = None) -> list[Finding]:
    """Priorities, themes and commitments no action supports, and priorities no delivery
    group works on.

    Rules: ``no-support`` (nothing at all supports it), ``no-action`` (workstreams,
    recommendations or groups support it but no action or project does), ``no-group``
    (no delivery group's work supports a priority or theme).

    >>> import strategygraph as sg
    >>> gaps = find_coverage_gaps(sg.build_graph(sg.sample_data()))
    >>> all(f.evidence["kind"] in ("priority", "theme", "commitment") for f in gaps)
    True
    """
    G = as_graph(g)
    plan_iri = resolve_plan(G, plan)
    inside = scope(G, plan_iri)
    supporters = _supporters(G, inside)
    suggested = _suggested(G)
    groups = _group_order(G, plan_iri)
    counts = _group_counts(G, inside, [t for t in _targets(G) if G.nodes[t]["kind"] in ("priority", "theme")], groups)
    groups_at: dict[str, list[str]] = defaultdict(list)
    for grp in groups:
        groups_at[_home(grp)].append(grp)
    findings = []
    for t in _targets(G):
        d = G.nodes[t]
        kind = d["kind"]
        found = supporters.get(t, {})
        name = f"{_kind_title(G, t)} {quoted(G, t)}"
        evidence = {"kind": kind, "actions": len(found.get("action", [])),
                    **{f"{k}s": [G.nodes[x]["label"] for x in found.get(k, [])] for k in _STRUCTURES},
                    "suggested": [G.nodes[x]["label"] for x in suggested.get(t, [])]}
        if found.get("action"):
            pass  # supported by work; may still lack a delivery group (below)
        elif not any(found.get(k) for k in _STRUCTURES):
            hint = ""
            if suggested.get(t):
                sources = listing([quoted(G, x, 40) for x in suggested[t]], 3)
                hint = f" Only suggested, unconfirmed links point at it (from {sources})."
            why = (f"{name} has no supporting work: no action, project, recommendation, workstream or group is "
                   f"linked to it{_how(kind)}.{hint}")
            findings.append(Finding(ANALYSIS, t, d["label"], why, "no-support", evidence,
                                    "high" if kind != "commitment" else "medium"))
            continue
        else:
            parts = [plural(len(found[k]), k) for k in _STRUCTURES if found.get(k)]
            named = listing([quoted(G, x, 40) for k in _STRUCTURES for x in found.get(k, [])], 3)
            why = (f"{name} is supported by {listing(parts)} ({named}) but by no action or project{_how(kind)}: "
                   f"the intent is stated, the work to deliver it is not.")
            findings.append(Finding(ANALYSIS, t, d["label"], why, "no-action", evidence,
                                    "medium" if kind != "commitment" else "low"))
        # Only the council's own groups could work on its priorities.
        own = groups_at.get(_home(t)) or ([] if len(groups_at) > 1 else groups)
        if t in counts and own and kind in ("priority", "theme"):
            row = counts[t]
            if sum(row[grp] for grp in own) == 0:
                outside = row[None]
                why = (f"{name} is not supported by the work of any of the {plural(len(own), 'delivery group')} "
                       f"({listing([G.nodes[x]['label'] for x in own], 5)})"
                       + (f"; only {plural(outside, 'action')} outside the groups support it." if outside else "."))
                findings.append(Finding(ANALYSIS, t, d["label"], why, "no-group",
                                        {**evidence, "groups": [G.nodes[x]["label"] for x in own]}, "medium"))
    order = {"high": 0, "medium": 1, "low": 2, "info": 3}
    return sorted(findings, key=lambda f: (order[f.severity], _KIND_ORDER[f.evidence["kind"]]))


def _kind_title(G, t) -> str:
    d = G.nodes[t]
    return {"priority": "Priority", "theme": "Cross-cutting theme", "commitment": "Commitment"}[d["kind"]]


def _how(kind: str) -> str:
    return ", directly or through one of its commitments" if kind == "priority" else ""


def _suggested(G) -> dict[str, list[str]]:
    found = defaultdict(list)
    for u, v, k in G.edges(keys=True):
        if k == "suggestedSupport":
            found[v].append(u)
    return found


__all__ = ["find_coverage_gaps", "coverage_matrix", "NO_GROUP"]
