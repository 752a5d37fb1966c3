"""Overdue and slipping work.

*Overdue*: an action, project or milestone whose due date is before the as-of date and
which is not reported complete. The due date is the one in the latest version (issued by
the as-of date) that states one; "complete" is the latest status reported by then (a
milestone also closes when its action is complete). Versions issued after the as-of date
are ignored, so ``--as-of 2025-01-01`` answers "what was late on New Year's Day 2025, on
what the council had published then".

*Slipping*: a due date that moved between versions of a plan (later: slipped; earlier:
brought forward), or that a later version no longer states.
"""

from __future__ import annotations

import datetime as dt

from strategygraph.analysis.common import (STATUS_LABELS, as_graph, fmt_date, issued_text, nodes_of, out_nodes,
                                           plural, quoted, resolve_plan, scope, state, where)
from strategygraph.findings import Finding

ANALYSIS = "overdue"
#: Work more than this many days overdue is high severity.
LONG_OVERDUE_DAYS = 90


def find_overdue(g, *, as_of: dt.date | None = None, plan: str | None = None) -> list[Finding]:
    """Open work past its due date on *as_of* (default today), and due dates that moved.

    Rules: ``past-due``, ``slipped``, ``brought-forward``, ``due-removed``.

    >>> import datetime as dt, strategygraph as sg
    >>> found = find_overdue(sg.build_graph(sg.sample_data()), as_of=dt.date(2025, 12, 1), plan="cpc")
    >>> [f.evidence["moves"][0]["to"] for f in found if f.rule == "slipped"]
    ['2025-09-30']
    """
    G = as_graph(g)
    as_of = as_of or dt.date.today()
    inside = scope(G, resolve_plan(G, plan))
    late, moved = [], []
    for n in nodes_of(G, "action", "milestone"):
        if inside is not None and n not in inside:
            continue
        st = state(G, n, as_of)
        if not st.known:
            continue
        finding = _past_due(G, n, st, as_of)
        if finding:
            late.append(finding)
        moved.extend(_moves(G, n, st, as_of))
    late.sort(key=lambda f: (-f.evidence["days_overdue"], f.label))
    order = {"high": 0, "medium": 1, "low": 2, "info": 3}
    moved.sort(key=lambda f: (order[f.severity], -abs(f.evidence.get("days", 0)), f.label))
    return late + moved


def _subject(G, n) -> str:
    d = G.nodes[n]
    kind = "Milestone" if d["kind"] == "milestone" else ("Project" if "Project" in d.get("types", []) else "Action")
    return f"{kind} {quoted(G, n)} ({where(G, n)})"


def _past_due(G, n, st, as_of: dt.date) -> Finding | None:
    if st.due_date is None or st.due_date >= as_of or not st.open:
        return None
    d = G.nodes[n]
    parents = out_nodes(G, n, "milestoneOf")
    if d["kind"] == "milestone" and any(state(G, a, as_of).status == "Complete" for a in parents):
        return None
    days = (as_of - st.due_date).days
    wording = f" (“{st.due_wording}” in the {issued_text(G, st.due_version)} version)" if st.due_wording else ""
    if st.status is None:
        status = "It has no progress report at all."
    elif st.status == "NotRated":
        status = f"Its latest report ({issued_text(G, st.status_version)}) gave no rating."
    else:
        status = f"Its latest status is {STATUS_LABELS[st.status]} ({issued_text(G, st.status_version)})."
    why = (f"{_subject(G, n)} was due by {fmt_date(st.due_date)}{wording} and is not reported complete: "
           f"{plural(days, 'day')} overdue on {fmt_date(as_of)}. {status}")
    evidence = {"kind": d["kind"], "due_date": st.due_date.isoformat(), "due_wording": st.due_wording,
                "due_version": st.due_version, "as_of": as_of.isoformat(), "days_overdue": days,
                "status": st.status, "status_version": st.status_version, "where": where(G, n)}
    return Finding(ANALYSIS, n, d["label"], why, "past-due", evidence,
                   "high" if days > LONG_OVERDUE_DAYS else "medium")


def _moves(G, n, st, as_of: dt.date) -> list[Finding]:
    versions = G.graph.get("versions", {})
    history = [x for x in G.nodes[n].get("due_history", [])
               if x["version"] in versions and (versions[x["version"]]["start"] or dt.date.min) <= as_of]
    dated = [x for x in history if x["due_date"] is not None]
    moves = [{"from": a["due_date"].isoformat(), "to": b["due_date"].isoformat(),
              "from_version": a["version"], "to_version": b["version"],
              "from_wording": a["due_wording"], "to_wording": b["due_wording"],
              "days": (b["due_date"] - a["due_date"]).days}
             for a, b in zip(dated, dated[1:]) if a["due_date"] != b["due_date"]]
    d = G.nodes[n]
    found = []
    if moves:
        total = sum(m["days"] for m in moves)
        steps = "; then ".join(
            f"from {fmt_date(dt.date.fromisoformat(m['from']))} in the {issued_text(G, m['from_version'])} version "
            f"to {fmt_date(dt.date.fromisoformat(m['to']))} in the {issued_text(G, m['to_version'])} version"
            for m in moves)
        later = total > 0
        why = (f"{_subject(G, n)}: its due date {'moved' if len(moves) == 1 else f'moved {len(moves)} times'} "
               f"{steps}, {abs(total)} days {'later' if later else 'earlier'} in all"
               + (f" (“{moves[0]['from_wording']}” became “{moves[-1]['to_wording']}”)."
                  if moves[0]["from_wording"] and moves[-1]["to_wording"] else "."))
        if later and st.open:
            why += f" It is not reported complete (latest status: {STATUS_LABELS[st.status]})."
        evidence = {"kind": d["kind"], "moves": moves, "days": total, "status": st.status, "where": where(G, n)}
        severity = ("medium" if st.open else "low") if later else "low"
        found.append(Finding(ANALYSIS, n, d["label"], why, "slipped" if later else "brought-forward", evidence,
                             severity))
    last = history[-1] if history else None
    stated = {x["version"] for x in history}
    if dated and st.version in versions and st.version not in stated and \
            versions[st.version]["order"] > versions[dated[-1]["version"]]["order"]:
        last = {"version": st.version, "due_date": None, "due_wording": None}  # restated with no due at all
    if dated and last and last["due_date"] is None and last["version"] != dated[-1]["version"]:
        now = f"“{last['due_wording']}”" if last["due_wording"] else "no due date"
        why = (f"{_subject(G, n)} was due by {fmt_date(dated[-1]['due_date'])} in the "
               f"{issued_text(G, dated[-1]['version'])} version; the {issued_text(G, last['version'])} version "
               f"gives {now} instead, so its deadline has quietly gone.")
        found.append(Finding(ANALYSIS, n, d["label"], why, "due-removed",
                             {"kind": d["kind"], "was": dated[-1]["due_date"].isoformat(),
                              "now": last["due_wording"], "where": where(G, n)}, "medium" if st.open else "low"))
    return found


__all__ = ["find_overdue", "LONG_OVERDUE_DAYS"]
