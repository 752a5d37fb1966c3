"""How the delivery groups of a framework interact (the data FIG 2 is drawn from).

Every pair of groups of the same framework gets one finding, including pairs with nothing
in common (strength 0), so a diagram can show all of them. The evidence of a pair:

- ``shared_priorities``: Council Plan priorities, themes and commitments both groups'
  work supports (the group's own links, its workstreams' and its actions'; a link to a
  commitment also counts for its priority);
- ``similar_workstreams``: near-duplicate workstreams, one in each group, such as "Arts,
  Culture, Heritage" and "Arts, Culture, Heritage & Tourism": the Jaccard similarity of
  their sets of normalised words (lower case, common words such as "and", "&", "inc" and
  "for" dropped, plural "s" removed) is at least :data:`WORKSTREAM_SIMILARITY`;
- ``shared_people``: people (or posts, or teams) who lead or answer for work in both, or
  are members of both;
- ``shared_actions``: actions or projects that belong to both.

The strength is ``WEIGHTS["priorities"] × Jaccard(priority sets) + WEIGHTS["workstreams"]
× Σ similarity of near-duplicate workstreams + WEIGHTS["people"] × shared people +
WEIGHTS["actions"] × shared actions``, divided by the largest such score among the pairs
of the framework, so the strongest pair is 1.0 and a pair with no evidence is 0. Near-
duplicate workstreams weigh most: they are the same work planned twice.
"""

from __future__ import annotations

import re
from itertools import combinations

import networkx as nx

from strategygraph.analysis.common import (agent_of, as_graph, council_targets, explicit_alignment,
                                           groups_of, in_nodes, listing, nodes_of, out_nodes, plural, resolve_plan,
                                           short)
from strategygraph.findings import Finding

ANALYSIS = "group_interactions"
#: Workstreams at least this similar (Jaccard over normalised words) are near-duplicates.
WORKSTREAM_SIMILARITY = 0.5
#: How much each kind of evidence adds to a pair's raw strength.
WEIGHTS = {"priorities": 1.0, "workstreams": 2.0, "people": 0.5, "actions": 1.0}
#: Words that carry no meaning in a workstream label.
STOPWORDS = frozenset("a an and & the of for in inc including to on with our by at as or".split())


def words(label: str) -> frozenset[str]:
    """The normalised words of a label: lower case, no common words, no plural ``s``.

    >>> sorted(words("Arts, Culture, Heritage & Tourism"))
    ['art', 'culture', 'heritage', 'tourism']
    """
    out = set()
    for w in re.findall(r"[a-z0-9]+", label.casefold()):
        if w in STOPWORDS:
            continue
        if len(w) > 4 and w.endswith("ies"):
            w = w[:-3] + "y"
        elif len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out.add(w)
    return frozenset(out)


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the normalised words of two labels (0 to 1).

    >>> similarity("Arts, Culture, Heritage", "Arts, Culture, Heritage & Tourism")
    0.75
    >>> similarity("Social value procurement", "Procurement & Value (Inc Social) for money")
    0.75
    """
    wa, wb = words(a), words(b)
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def _frameworks(G: nx.MultiDiGraph, plan_iri: str | None) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for grp in nodes_of(G, "group"):
        frame = G.nodes[grp].get("plan") or ""
        found.setdefault(frame, []).append(grp)
    if plan_iri is not None:
        found = {f: gs for f, gs in found.items() if f == plan_iri}
    return found


def _order(G, grp):
    notation = G.nodes[grp].get("notation") or ""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", notation)), G.nodes[grp]["label"]


def group_interactions(g, *, plan: str | None = None) -> list[Finding]:
    """One finding per pair of delivery groups of the same framework, strongest first.

    ``iri`` is ``"<iri A>|<iri B>"`` (sorted), ``label`` ``"<label A> – <label B>"`` and
    ``evidence`` holds ``groups``, ``strength`` (0 to 1), ``shared_priorities``,
    ``similar_workstreams`` (``[label A, label B, similarity]``), ``shared_people`` and
    ``shared_actions``. *plan* limits it to one framework.

    >>> import strategygraph as sg
    >>> pairs = group_interactions(sg.build_graph(sg.sample_data()))
    >>> len(pairs), max(p.evidence["strength"] for p in pairs)
    (10, 1.0)
    """
    G = as_graph(g)
    plan_iri = resolve_plan(G, plan)
    frames = _frameworks(G, plan_iri)
    if not frames:
        return []
    targets = council_targets(G)
    explicit = explicit_alignment(G, targets)
    membership = groups_of(G)
    members: dict[str, set[str]] = {}
    for n, gs in membership.items():
        for grp in gs:
            members.setdefault(grp, set()).add(n)
    findings = []
    for frame, groups in frames.items():
        groups = sorted(groups, key=lambda x: _order(G, x))
        profile = {grp: _profile(G, grp, members.get(grp, set()) | {grp}, explicit) for grp in groups}
        raw = []
        for a, b in combinations(groups, 2):
            raw.append((a, b, _evidence(G, profile[a], profile[b])))
        top = max((e["raw"] for _, _, e in raw), default=0.0)
        for a, b, e in raw:
            e["strength"] = round(e["raw"] / top, 4) if top > 0 else 0.0
            findings.append(_finding(G, a, b, e, frame))
    return sorted(findings, key=lambda f: (-f.evidence["strength"], f.iri))


def _profile(G, grp, members: set[str], explicit) -> dict:
    targets = set()
    for n in members:
        targets |= explicit.get(n, frozenset())
    people = set()
    actions = {n for n in members if G.nodes[n]["kind"] == "action"}
    for a in actions:
        for key in ("ledBy", "accountableChiefOfficer"):
            for x in out_nodes(G, a, key):
                people.add(agent_of(G, x)[0])
    for x in in_nodes(G, grp, "memberOf"):
        if G.nodes[x]["kind"] in ("person", "post", "team"):
            people.add(agent_of(G, x)[0])
    streams = [w for w in in_nodes(G, grp, "inGroup") if G.nodes[w]["kind"] == "workstream"]
    return {"group": grp, "targets": targets, "people": people, "actions": actions,
            "workstreams": sorted(streams, key=lambda w: G.nodes[w]["label"])}


def _evidence(G, pa: dict, pb: dict) -> dict:
    shared_targets = pa["targets"] & pb["targets"]
    union = pa["targets"] | pb["targets"]
    jaccard = len(shared_targets) / len(union) if union else 0.0
    similar = []
    for wa in pa["workstreams"]:
        for wb in pb["workstreams"]:
            s = similarity(G.nodes[wa]["label"], G.nodes[wb]["label"])
            if s >= WORKSTREAM_SIMILARITY:
                similar.append([G.nodes[wa]["label"], G.nodes[wb]["label"], round(s, 2)])
    people = pa["people"] & pb["people"]
    actions = pa["actions"] & pb["actions"]
    raw = (WEIGHTS["priorities"] * jaccard + WEIGHTS["workstreams"] * sum(s for *_, s in similar)
           + WEIGHTS["people"] * len(people) + WEIGHTS["actions"] * len(actions))
    kinds = {"priority": 0, "theme": 1, "commitment": 2}
    ordered = sorted(shared_targets, key=lambda t: (kinds[G.nodes[t]["kind"]], G.nodes[t]["label"]))
    return {"groups": sorted([pa["group"], pb["group"]]), "raw": raw, "priority_overlap": round(jaccard, 4),
            "shared_priorities": [G.nodes[t]["label"] for t in ordered],
            "priorities_either": len(union),
            "similar_workstreams": sorted(similar, key=lambda x: -x[2]),
            "shared_people": sorted(G.nodes[p]["label"] for p in people),
            "shared_actions": sorted(G.nodes[a]["label"] for a in actions)}


def _finding(G, a, b, e, frame) -> Finding:
    first, second = sorted([a, b])
    la, lb = G.nodes[a]["label"], G.nodes[b]["label"]
    label = f"{G.nodes[first]['label']} – {G.nodes[second]['label']}"
    reasons = []
    if e["similar_workstreams"]:
        pairs = listing([f"“{x}” and “{y}” ({s:.2f})" for x, y, s in e["similar_workstreams"]], 3)
        reasons.append(f"near-duplicate workstreams {pairs}")
    if e["shared_priorities"]:
        count = plural(len(e["shared_priorities"]), "Council Plan priority, theme or commitment",
                       "Council Plan priorities, themes and commitments")
        names = listing([f"“{short(x, 45)}”" for x in e["shared_priorities"]], 3)
        reasons.append(f"{count} both support ({names}; "
                       f"{len(e['shared_priorities'])} of the {e['priorities_either']} either supports)")
    if e["shared_people"]:
        reasons.append(f"{plural(len(e['shared_people']), 'person', 'people')} working in both "
                       f"({listing(e['shared_people'], 3)})")
    if e["shared_actions"]:
        reasons.append(f"{plural(len(e['shared_actions']), 'action')} belonging to both "
                       f"({listing([f'“{short(x, 45)}”' for x in e['shared_actions']], 3)})")
    if reasons:
        why = (f"{la} and {lb} interact with strength {e['strength']:.2f} (1 is the framework's strongest pair): "
               + "; ".join(reasons) + ".")
    else:
        why = (f"{la} and {lb} show no interaction in the data (strength 0): no shared priorities, people or "
               f"actions, and no similar workstreams.")
    evidence = {k: e[k] for k in ("groups", "strength", "shared_priorities", "similar_workstreams", "shared_people",
                                  "shared_actions", "priority_overlap")}
    evidence["framework"] = frame or None
    evidence["raw_score"] = round(e["raw"], 4)
    severity = "info"
    return Finding(ANALYSIS, f"{first}|{second}", label, why, "interaction", evidence, severity)


__all__ = ["group_interactions", "similarity", "words", "WORKSTREAM_SIMILARITY", "WEIGHTS"]
