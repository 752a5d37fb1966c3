"""Status roll-up and trend: the RAG picture of each recommendation, Council Plan priority
and theme, and delivery group, from the latest status of its actions; work whose status got
worse between reporting periods; and work with no status in the latest period.

Roll-up rule: an item is Red if any of its open actions is Red, else Amber if any is Amber,
else Not started if any is, else Green if any is; Complete when every action is complete;
and "no rating" when none of its actions has a rating. An item's trend compares each
action's latest rating with its previous one: worse when more actions got worse than got
better. Scrutiny committees ask for "red or amber with a downward trend": those are high
severity.

Which actions belong to an item: a recommendation's are those answering it or any of its
parts; a priority's or theme's are those whose own curated link, or their recommendation's,
supports it or one of its commitments; a group's are those in its workstreams or plans.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from strategygraph.analysis.common import (SEVERITY_OF_STATUS, STATUS_LABELS, as_graph, council_targets,
                                           explicit_alignment, groups_of, issued_text, listing, nodes_of,
                                           plural, quoted, resolve_plan, scope, state, where)
from strategygraph.findings import Finding

ANALYSIS = "status_rollup"
#: Order statuses are listed in.
_LISTING = ("Red", "Amber", "NotStarted", "Green", "Complete", "NotRated", None)


def rolled_status(statuses: list[str | None]) -> str | None:
    """The roll-up of several actions' statuses (see the module documentation).

    >>> rolled_status(["Green", "Amber", "Complete"]), rolled_status(["Complete", "Complete"])
    ('Amber', 'Complete')
    >>> rolled_status(["NotRated", None]) is None
    True
    """
    rated = [s for s in statuses if s in SEVERITY_OF_STATUS]
    if not rated:
        return None
    if all(s == "Complete" for s in rated) and len(rated) == len(statuses):
        return "Complete"
    open_rated = [s for s in rated if s != "Complete"]
    if not open_rated:
        return "Complete"
    return max(open_rated, key=SEVERITY_OF_STATUS.__getitem__)


def _previous(G, n, as_of):
    """The action's latest rated status and the rated status of the report before it."""
    versions = G.graph.get("versions", {})
    def known(x) -> bool:
        v = versions.get(x["version"])
        return v is None or as_of is None or (v["start"] or dt.date.min) <= as_of

    history = [x for x in G.nodes[n].get("status_history", []) if x["status"] in SEVERITY_OF_STATUS and known(x)]
    if len(history) < 2:
        return None
    latest = history[-1]
    earlier = [x for x in history[:-1] if (x["version"], x["date"]) != (latest["version"], latest["date"])]
    return (earlier[-1], latest) if earlier else None


def status_rollup(g, *, plan: str | None = None, as_of: dt.date | None = None) -> list[Finding]:
    """RAG roll-ups (rule ``rollup``), worsening work (``worse``) and unrated work (``no-status``).

    >>> import strategygraph as sg
    >>> found = status_rollup(sg.build_graph(sg.sample_data()), plan="cpc")
    >>> r9 = next(f for f in found if f.rule == "rollup" and f.evidence.get("notation") == "9")
    >>> r9.evidence["status"], r9.evidence["counts"]
    ('Amber', {'Amber': 2})
    """
    G = as_graph(g)
    plan_iri = resolve_plan(G, plan)
    inside = scope(G, plan_iri)
    actions = [a for a in nodes_of(G, "action") if inside is None or a in inside]
    states = {a: state(G, a, as_of) for a in actions}
    states = {a: st for a, st in states.items() if st.known}
    trends = {a: t for a in states if (t := _previous(G, a, as_of))}

    findings: list[Finding] = []
    for item, kind, members in _items(G, states, inside, plan_iri):
        findings.append(_rollup(G, item, kind, members, states, trends))
    for a, (before, after) in trends.items():
        if SEVERITY_OF_STATUS[after["status"]] > SEVERITY_OF_STATUS[before["status"]]:
            findings.append(_worse(G, a, before, after))
    findings.extend(_unrated(G, states, as_of))
    order = {"high": 0, "medium": 1, "low": 2, "info": 3}
    rule_order = {"rollup": 0, "worse": 1, "no-status": 2}
    return sorted(findings, key=lambda f: (rule_order[f.rule], order[f.severity],
                                           f.evidence.get("item_kind", ""), f.label))


def _items(G, states, inside, plan_iri):
    members_of_rec = defaultdict(set)
    for a in states:
        for r in G.successors(a):
            if G.nodes[r]["kind"] == "recommendation" and G.has_edge(a, r, "respondsTo"):
                seen, stack = {r}, [r]
                while stack:  # the recommendation and those it is part of, cycle-safe
                    x = stack.pop()
                    members_of_rec[x].add(a)
                    for p in G.successors(x):
                        if p not in seen and G.has_edge(x, p, "partOf") and G.nodes[p]["kind"] == "recommendation":
                            seen.add(p)
                            stack.append(p)
    for r in nodes_of(G, "recommendation"):
        if inside is None or r in inside:
            yield r, "recommendation", members_of_rec.get(r, set())
    explicit = explicit_alignment(G)
    targets = council_targets(G)
    members_of_target = defaultdict(set)
    for a in states:
        for t in explicit.get(a, ()):
            members_of_target[t].add(a)
    for t in nodes_of(G, "priority", "theme"):
        if t in targets:
            yield t, G.nodes[t]["kind"], members_of_target.get(t, set())
    membership = groups_of(G)
    members_of_group = defaultdict(set)
    for a in states:
        for grp in membership.get(a, ()):
            members_of_group[grp].add(a)
    for grp in nodes_of(G, "group"):
        if plan_iri is None or grp in (inside or ()) or G.nodes[grp]["plan"] == plan_iri:
            yield grp, "group", members_of_group.get(grp, set())


def _counts(statuses) -> dict[str, int]:
    c = Counter(statuses)
    return {STATUS_LABELS[s] if s is None else s: c[s] for s in _LISTING if c[s]}


def _count_label(status: str) -> str:
    words = {"NotRated": "not rated", "NotStarted": "not started", "no status": "with no status at all"}
    return words.get(status, status)


def _rollup(G, item, kind, members, states, trends) -> Finding:
    d = G.nodes[item]
    statuses = [states[a].status for a in members]
    status = rolled_status(statuses)
    counts = _counts(statuses)
    worse = sorted(a for a in members if a in trends
                   and SEVERITY_OF_STATUS[trends[a][1]["status"]] > SEVERITY_OF_STATUS[trends[a][0]["status"]])
    better = sorted(a for a in members if a in trends
                    and SEVERITY_OF_STATUS[trends[a][1]["status"]] < SEVERITY_OF_STATUS[trends[a][0]["status"]])
    compared = [a for a in members if a in trends]
    trend = None
    if compared:
        trend = "worse" if len(worse) > len(better) else "better" if len(better) > len(worse) else "steady"
    title = {"recommendation": "Recommendation", "priority": "Priority", "theme": "Cross-cutting theme",
             "group": "Delivery group"}[kind]
    name = (f"Recommendation {d['notation']} ({where(G, item).split(' of the ', 1)[-1]})" if kind == "recommendation"
            and d.get("notation") else f"{title} {quoted(G, item)}")
    if not members:
        why = f"{name} has no actions to roll up: nothing reports progress on it."
        severity = "medium" if kind == "recommendation" else "low"
    else:
        parts = ", ".join(f"{n} {_count_label(s)}" for s, n in counts.items())
        unrated = sum(1 for s in statuses if s not in SEVERITY_OF_STATUS)
        if status:
            why = (f"{name} rolls up to {STATUS_LABELS[status]} from the latest status of its "
                   f"{plural(len(members), 'action')}: {parts}.")
            if unrated:
                why += f" The {unrated} without a rating {'is' if unrated == 1 else 'are'} not counted in the roll-up."
        else:
            many = len(members) > 1
            whose = (f"none of its {plural(len(members), 'action')} has a rating" if many
                     else "its one action has no rating")
            why = f"{name} has no rating: {whose} in the latest report ({parts})."
        if trend == "worse":
            why += (f" Trend: worse — {listing([_change(G, a, trends[a]) for a in worse], 3)}.")
        elif trend == "better":
            why += f" Trend: better — {listing([_change(G, a, trends[a]) for a in better], 3)}."
        elif trend == "steady":
            why += " Trend: no change since the previous report."
        severity = ("high" if status == "Red" or (status == "Amber" and trend == "worse")
                    else "medium" if status in ("Amber", None) else "info")
    evidence = {"item_kind": kind, "status": status, "counts": counts, "actions": len(members), "trend": trend,
                "worse": [G.nodes[a]["label"] for a in worse], "better": [G.nodes[a]["label"] for a in better],
                "notation": d.get("notation")}
    return Finding(ANALYSIS, item, d["label"], why, "rollup", evidence, severity)


def _change(G, a, pair) -> str:
    before, after = pair
    return (f"{quoted(G, a, 40)} went from {STATUS_LABELS[before['status']]} ({issued_text(G, before['version'])}) "
            f"to {STATUS_LABELS[after['status']]} ({issued_text(G, after['version'])})")


def _worse(G, a, before, after) -> Finding:
    d = G.nodes[a]
    why = (f"Action {quoted(G, a)} ({where(G, a)}) got worse between reporting periods: "
           f"{STATUS_LABELS[before['status']]} in the {issued_text(G, before['version'])} report, "
           f"{STATUS_LABELS[after['status']]} in the {issued_text(G, after['version'])} report.")
    evidence = {"item_kind": "action", "from": before["status"], "to": after["status"],
                "from_version": before["version"], "to_version": after["version"], "where": where(G, a)}
    severity = "high" if after["status"] in ("Red", "Amber") else "medium"
    return Finding(ANALYSIS, a, d["label"], why, "worse", evidence, severity)


def _unrated(G, states, as_of) -> list[Finding]:
    versions = G.graph.get("versions", {})
    latest_of_plan: dict[str, str] = {}
    for v, info in versions.items():  # versions are ordered oldest first
        if info.get("plan") and (as_of is None or (info["start"] or dt.date.min) <= as_of):
            latest_of_plan[info["plan"]] = v
    found = []
    for a, st in states.items():
        d = G.nodes[a]
        period = latest_of_plan.get(d.get("plan") or "")
        if period is None and d.get("versions"):
            period = d["versions"][-1]
        in_period = period is None or st.status_version == period
        if in_period and st.status in SEVERITY_OF_STATUS:
            continue
        if period is not None and period not in d.get("versions", []) and d.get("versions"):
            continue  # not in the latest report at all: dropped work is another question
        when = issued_text(G, period) if period else "the latest"
        if st.status is None:
            detail = "it has no progress report at all"
        elif st.status == "NotRated" and in_period:
            detail = f"the {when} report published no rating for it"
        else:
            detail = (f"the {when} report gives it no status; the last one was {STATUS_LABELS[st.status]} "
                      f"in {issued_text(G, st.status_version)}")
        why = f"Action {quoted(G, a)} ({where(G, a)}) has no status for the latest period: {detail}."
        found.append(Finding(ANALYSIS, a, d["label"], why, "no-status",
                             {"item_kind": "action", "status": st.status, "period": period,
                              "status_version": st.status_version, "where": where(G, a)}, "low"))
    return found


__all__ = ["status_rollup", "rolled_status"]
