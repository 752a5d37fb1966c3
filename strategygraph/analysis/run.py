"""Run every analysis (or some) on one graph: :func:`analyse`."""

from __future__ import annotations

import datetime as dt

from strategygraph.analysis.common import as_graph, resolve_plan
from strategygraph.bulk import paused_gc
from strategygraph.errors import InputError
from strategygraph.findings import Finding

#: The analyses, in report order.
ANALYSES = ("orphaned_actions", "overloaded_leads", "coverage_gaps", "overdue", "status_rollup",
            "group_interactions")

#: Headings for reports.
TITLES = {
    "orphaned_actions": "Orphaned actions",
    "overloaded_leads": "Overloaded leads",
    "coverage_gaps": "Coverage gaps",
    "overdue": "Overdue and slipping work",
    "status_rollup": "Status roll-up and trend",
    "group_interactions": "How the delivery groups interact",
}

#: One sentence on what each analysis asks, for reports.
QUESTIONS = {
    "orphaned_actions": "Is every action pulling toward a Council Plan priority? Work with no curated path to a "
                        "priority, theme or commitment, actions with no lead, and recommendations with no action.",
    "overloaded_leads": "Is anyone carrying too much? Open work per person and role, weighted where due dates "
                        "bunch, against the council's own norm; and people the work depends on.",
    "coverage_gaps": "Which priorities have nobody working on them? Priorities, themes and commitments with no "
                     "supporting action, and how much each delivery group's work supports each priority.",
    "overdue": "What is late? Open work past its due date, and due dates that moved between reports.",
    "status_rollup": "How is delivery going? The RAG picture of each recommendation, priority and group from its "
                     "actions' latest status, what got worse, and what has no status in the latest report.",
    "group_interactions": "How do the delivery groups depend on each other? For each pair, a strength and the "
                          "evidence: shared priorities, near-duplicate workstreams, shared people and actions.",
}


class Analysis(dict):
    """The findings of :func:`analyse` (analysis name → list of findings), with the
    context they were computed in: ``as_of``, ``plan`` (IRI or ``None``), ``council``
    (label), ``coverage_matrix`` (DataFrame, or ``None`` for a graph of several councils
    analysed without a plan) and ``workload`` (DataFrame or
    ``None``).

    >>> a = Analysis({"overdue": []}, as_of=dt.date(2025, 1, 1))
    >>> a["overdue"], a.as_of.year
    ([], 2025)
    """

    def __init__(self, findings=(), *, as_of: dt.date | None = None, plan: str | None = None,
                 council: str | None = None, coverage_matrix=None, workload=None, threshold: float | None = None):
        super().__init__(findings)
        self.as_of = as_of
        self.plan = plan
        self.council = council
        self.coverage_matrix = coverage_matrix
        self.workload = workload
        self.threshold = threshold


def analysis_names(names=None) -> list[str]:
    """The analyses *names* asks for, in report order (all when empty); hyphens and
    underscores are interchangeable. Raises :class:`~strategygraph.errors.InputError` for an
    unknown name.

    >>> analysis_names(["group-interactions", "overdue"])
    ['overdue', 'group_interactions']
    """
    if not names:
        return list(ANALYSES)
    wanted = set()
    for name in names:
        key = name.strip().lower().replace("-", "_")
        if key not in ANALYSES:
            raise InputError("analyse", message=f"unknown analysis {name!r} (expected one of: {', '.join(ANALYSES)})")
        wanted.add(key)
    return [a for a in ANALYSES if a in wanted]


def analyse(g, what=None, *, plan: str | None = None, as_of: dt.date | None = None,
            threshold: float | None = None) -> Analysis:
    """Run the analyses named in *what* (all by default) and return an :class:`Analysis`.

    *as_of* (default today) is the date for overdue work and the state of the reports;
    *plan* limits every analysis to one plan's work; *threshold* fixes the overloaded-lead
    threshold instead of deriving it from the council's own distribution.

    >>> import strategygraph as sg
    >>> result = analyse(sg.build_graph(sg.sample_data()), ["overdue"], as_of=dt.date(2025, 6, 1))
    >>> list(result), result.as_of.isoformat()
    (['overdue'], '2025-06-01')
    """
    # Over many councils the analyses build large dictionaries and sets: see bulk.py.
    with paused_gc():
        return _analyse(g, what, plan, as_of, threshold)


def _analyse(g, what, plan, as_of, threshold) -> Analysis:
    from strategygraph.analysis.coverage import coverage_matrix, find_coverage_gaps
    from strategygraph.analysis.interactions import group_interactions
    from strategygraph.analysis.orphans import find_orphans
    from strategygraph.analysis.overdue import find_overdue
    from strategygraph.analysis.rollup import status_rollup
    from strategygraph.analysis.workload import find_overloaded_leads, workload

    names = analysis_names(what)
    G = as_graph(g)
    plan_iri = resolve_plan(G, plan)
    as_of = as_of or dt.date.today()
    runners = {
        "orphaned_actions": lambda: find_orphans(G, plan=plan),
        "overloaded_leads": lambda: find_overloaded_leads(G, plan=plan, as_of=as_of, threshold=threshold),
        "coverage_gaps": lambda: find_coverage_gaps(G, plan=plan),
        "overdue": lambda: find_overdue(G, as_of=as_of, plan=plan),
        "status_rollup": lambda: status_rollup(G, plan=plan, as_of=as_of),
        "group_interactions": lambda: group_interactions(G, plan=plan),
    }
    results: dict[str, list[Finding]] = {name: runners[name]() for name in names}
    # Priorities × groups is a table for one council: over many councils it would be mostly
    # empty and grow with the square of their number (ask for one council's plan instead).
    councils = sum(1 for _, k in G.nodes(data="kind") if k == "council")
    one_council = councils <= 1 or plan_iri is not None
    matrix = coverage_matrix(G, plan=plan) if "coverage_gaps" in names and one_council else None
    load = workload(G, plan=plan, as_of=as_of) if "overloaded_leads" in names else None
    return Analysis(results, as_of=as_of, plan=plan_iri, council=G.graph.get("council"), coverage_matrix=matrix,
                    workload=load, threshold=threshold)


__all__ = ["analyse", "Analysis", "ANALYSES", "TITLES", "QUESTIONS", "analysis_names"]
