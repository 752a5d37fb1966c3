"""Delivery analysis on the bundled Lancaster data: findings a person can check against the
seeds (the CSV files in data/lancaster), checked here against those files or against the
graph read with plain rdflib, independently of the analysis code."""

from __future__ import annotations

import csv
import datetime as dt

import networkx as nx
import pytest
from rdflib import URIRef

import strategygraph as sg
from strategygraph.analysis import (analyse, coverage_matrix, find_coverage_gaps, find_orphans, find_overdue,
                                    find_overloaded_leads, group_interactions, status_rollup, to_networkx, workload)
from strategygraph.analysis.run import ANALYSES
from strategygraph.errors import InputError
from strategygraph.graphfile import union
from strategygraph.terms import DCTERMS, ID_BASE, RDF, SG

LANCASTER = sg.sample_data()


def iri(rid: str) -> str:
    return f"{ID_BASE}lancaster/{rid}"


def rows(name: str) -> list[dict]:
    with open(LANCASTER / f"{name}.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def G(lancaster):
    return to_networkx(lancaster)


# -- the networkx view --------------------------------------------------------------------------
def test_view_has_a_node_for_every_typed_thing(lancaster, G):
    g = union(lancaster)
    for cls, kind in ((SG.Recommendation, "recommendation"), (SG.DeliveryGroup, "group"),
                      (SG.Workstream, "workstream"), (SG.Milestone, "milestone")):
        expected = {str(s) for s in g.subjects(RDF.type, cls)}
        assert {n for n, k in G.nodes(data="kind") if k == kind} == expected
    actions = {str(s) for s in g.subjects(RDF.type, SG.Action)} | {str(s) for s in g.subjects(RDF.type, SG.Project)}
    assert {n for n, k in G.nodes(data="kind") if k == "action"} == actions


def test_view_edges_carry_predicate_versions_and_link_status(lancaster, G):
    g = union(lancaster)
    supports = {(str(s), str(o)) for s, o in g.subject_objects(SG.supports)}
    drawn = {(u, v) for u, v, k in G.edges(keys=True) if k == "supports"}
    assert drawn == {(s, o) for s, o in supports if s in G and o in G}
    assert {d["status"] for _, _, k, d in G.edges(keys=True, data=True) if k == "supports"} == {"curated"}
    edge = G.edges[iri("cpc-r10-a1"), iri("dawn-bradley"), "ledBy"]
    assert edge["predicate"] == "ledBy" and edge["versions"] == [iri("cpc-2024-09"), iri("cpc-2025-10")]


def test_view_keeps_each_versions_due_date_and_the_latest_status(G):
    r10 = G.nodes[iri("cpc-r10-a1")]
    assert [(h["version"], h["due_date"]) for h in r10["due_history"]] == [
        (iri("cpc-2024-09"), dt.date(2025, 3, 31)), (iri("cpc-2025-10"), dt.date(2025, 9, 30))]
    assert (r10["due_date"], r10["due_wording"], r10["status"]) == (dt.date(2025, 9, 30), "September 2025", "Amber")
    assert G.nodes[iri("cpc-r5c-a1")]["status"] == "Complete"
    assert G.nodes[iri("dp-g1-p5-m1")]["status"] == "Complete"  # a milestone's own status


def test_view_of_a_plain_graph_has_the_same_nodes_without_versions(lancaster, G):
    flat = to_networkx(union(lancaster))
    assert set(flat) == set(G)
    r10 = flat.nodes[iri("cpc-r10-a1")]
    assert r10["versions"] == [] and r10["kind"] == "action"
    assert r10["due_date"] == dt.date(2025, 9, 30)  # with no versions to tell, the later of the two dates
    assert r10["status"] == "Amber"


# -- acceptance facts --------------------------------------------------------------------------
def test_chief_executive_post_carries_the_most_2017_recommendations(lancaster):
    # From the seeds: recommendations whose 2017 action names each lead.
    by_lead: dict[str, set] = {}
    for r in rows("actions-lga"):
        if "lga-2017-02" in r["source"].split(";"):
            for lead in r["leads"].split(";"):
                by_lead.setdefault(lead, set()).add(r["recommendation"])
    seed_top = max(by_lead, key=lambda k: len(by_lead[k]))
    assert seed_top == "chief-executive"

    df = workload(lancaster, plan="lga", as_of=dt.date(2017, 12, 31))
    df = df.sort_values("recommendations", ascending=False)
    top = df.iloc[0]
    assert (top["agent"], top["name"], top["agent_kind"]) == (iri("chief-executive"), "Chief Executive", "post")
    assert top["recommendations"] == len(by_lead["chief-executive"]) == 9
    assert df.iloc[1]["recommendations"] < top["recommendations"]


def test_alex_kinch_carries_the_most_2024_25_cpc_work(lancaster):
    # From the seeds: CPC actions of the latest version naming each person as lead or chief officer.
    work: dict[str, set] = {}
    for r in rows("actions-cpc"):
        if r["source"] == "cpc-2025-10":
            for who in set(r["leads"].split(";")) | set(r["chief_officers"].split(";")):
                work.setdefault(who, set()).add(r["id"])
    assert max(work, key=lambda k: len(work[k])) == "alex-kinch"

    df = workload(lancaster, plan="cpc")
    carried = {}
    for row in df.itertuples():
        carried.setdefault(row.agent, set()).update(row.action_iris)
    ranked = sorted(carried, key=lambda a: -len(carried[a]))
    assert ranked[0] == iri("alex-kinch")
    assert len(carried[ranked[0]]) == len(work["alex-kinch"]) == 15
    assert len(carried[ranked[1]]) < 15

    found = find_overloaded_leads(lancaster, plan="cpc")
    first = found[0]
    assert (first.label, first.rule, first.evidence["role"]) == ("Alex Kinch", "overloaded-chief-officer",
                                                                  "accountable chief officer")
    assert "15 open actions across 7 recommendations" in first.why and "median" in first.why


def test_groups_with_near_duplicate_workstreams_interact_with_that_evidence(lancaster):
    pairs = group_interactions(lancaster)
    assert len(pairs) == 10  # every pair of Plan 2030's five groups, nothing-in-common pairs included
    by_iri = {f.iri: f for f in pairs}
    key = "|".join(sorted([iri("g3a-healthy"), iri("g4-economy")]))
    arts = by_iri[key]
    assert arts.evidence["groups"] == sorted([iri("g3a-healthy"), iri("g4-economy")])
    assert arts.label == "Healthy & Happy Communities – A Regenerative & Distributive Economy"
    similar = arts.evidence["similar_workstreams"]
    assert ["Arts, Culture, Heritage", "Arts, Culture, Heritage & Tourism", 0.75] in similar
    assert arts.evidence["strength"] == 1.0 and "Arts, Culture, Heritage" in arts.why
    procurement = by_iri["|".join(sorted([iri("g2-finance"), iri("g4-economy")]))]
    assert procurement.evidence["similar_workstreams"][0][:2] == ["Procurement & Value (Inc Social) for money",
                                                                 "Social value procurement"]
    for f in pairs:
        assert set(f.evidence) >= {"groups", "strength", "shared_priorities", "similar_workstreams", "shared_people",
                                   "shared_actions"}
        assert 0.0 <= f.evidence["strength"] <= 1.0
        a, b = f.evidence["groups"]
        assert f.iri == f"{a}|{b}" and a < b
    assert any(f.evidence["strength"] == 0 for f in pairs)
    # Near-duplicates weigh more than shared priorities alone.
    only_priorities = [f for f in pairs if not f.evidence["similar_workstreams"]]
    assert max(f.evidence["strength"] for f in only_priorities) < procurement.evidence["strength"]


def _independent_overdue(lancaster, as_of: dt.date) -> set[str]:
    """Open work past its due date, read from the named graphs with plain rdflib."""
    issued = {str(v): str(d) for v, d in lancaster.subject_objects(DCTERMS.issued)}

    def started(v) -> bool:
        text = issued[str(v)]
        year, month = int(text[:4]), int(text[5:7]) if len(text) >= 7 else 1
        return dt.date(year, month, 1) <= as_of

    due: dict[str, tuple] = {}
    for s, _, o, c in lancaster.quads((None, SG.dueDate, None, None)):
        if str(c.identifier if hasattr(c, "identifier") else c) in issued:
            version = c.identifier if hasattr(c, "identifier") else c
            if started(version) and (str(s) not in due or issued[str(version)] > due[str(s)][0]):
                due[str(s)] = (issued[str(version)], o.toPython())
    status: dict[str, tuple] = {}
    for u, _, target, _ in lancaster.quads((None, SG.reportsOn, None, None)):
        version = lancaster.value(u, SG.inVersion)
        if started(version) and (str(target) not in status or issued[str(version)] >= status[str(target)][0]):
            status[str(target)] = (issued[str(version)], lancaster.value(u, SG.status))
    for m, _, st, c in lancaster.quads((None, SG.status, None, None)):
        if (m, RDF.type, SG.Milestone) in lancaster:
            status[str(m)] = ("", st)
    complete = {s for s, (_, st) in status.items() if st == SG.Complete}
    closed_milestones = {str(m) for m, a in lancaster.subject_objects(SG.milestoneOf) if str(a) in complete}
    return {s for s, (_, d) in due.items() if d < as_of and s not in complete and s not in closed_milestones}


@pytest.mark.parametrize("as_of", [dt.date(2025, 3, 15), dt.date(2025, 10, 15), dt.date(2026, 11, 24)])
def test_work_due_before_the_as_of_date_and_not_complete_is_overdue(lancaster, as_of):
    found = {f.iri for f in find_overdue(lancaster, as_of=as_of) if f.rule == "past-due"}
    assert found == _independent_overdue(lancaster, as_of)
    # Due September 2024 and reported Complete in October 2025: overdue only until then.
    assert (iri("cpc-r5c-a1") in found) == (as_of < dt.date(2025, 10, 1))


def test_overdue_uses_what_was_published_by_the_as_of_date(lancaster):
    march = {f.iri: f for f in find_overdue(lancaster, as_of=dt.date(2025, 3, 15), plan="cpc")}
    assert iri("cpc-r9-a1") in march and iri("cpc-r10-a1") not in march  # due 31 October 2024 / 31 March 2025
    assert iri("cpc-r5c-a1") in march  # not yet reported complete in March 2025
    late = {f.iri: f for f in find_overdue(lancaster, as_of=dt.date(2025, 12, 1), plan="cpc") if f.rule == "past-due"}
    r10 = late[iri("cpc-r10-a1")]
    assert r10.evidence["due_date"] == "2025-09-30" and r10.evidence["days_overdue"] == 62
    assert "30 September 2025" in r10.why and "Amber" in r10.why
    assert iri("cpc-r6-a1") not in late  # due March 2026


def test_recommendation_10s_slip_is_reported(lancaster):
    slips = [f for f in find_overdue(lancaster, as_of=dt.date(2026, 1, 1)) if f.rule == "slipped"]
    assert [f.iri for f in slips] == [iri("cpc-r10-a1")]
    move = slips[0].evidence["moves"][0]
    assert (move["from"], move["to"], move["days"]) == ("2025-03-31", "2025-09-30", 183)
    assert "31 March 2025" in slips[0].why and "30 September 2025" in slips[0].why


def test_status_rollup_of_recommendations_priorities_and_groups(lancaster):
    found = status_rollup(lancaster)
    rollups = {f.iri: f for f in found if f.rule == "rollup"}
    assert rollups[iri("cpc-r9")].evidence["status"] == "Amber"
    assert rollups[iri("cpc-r5c")].evidence["counts"] == {"Complete": 1, "NotRated": 3}
    assert rollups[iri("cpc-r5c")].evidence["status"] == "Complete"
    assert rollups[iri("cpc-r5")].evidence["actions"] == 11  # through its four parts
    assert rollups[iri("cp-cooperative-council")].evidence["status"] == "Amber"
    assert rollups[iri("g1-climate")].evidence["status"] is None  # FIG 8's projects publish no status
    assert "no rating" in rollups[iri("g1-climate")].why
    # Not rated in the latest period is called out, never hidden: all 22 LGA actions, 12 CPC, 6 projects.
    unrated = {f.iri for f in found if f.rule == "no-status"}
    expected = {iri(a) for r in rows("updates-cpc") if r["rag"] == "Not rated" for a in r["about"].split(";")}
    assert expected <= unrated
    assert {iri(r["id"]) for r in rows("actions-lga")} <= unrated
    assert {iri(r["id"]) for r in rows("actions-p2030")} <= unrated
    assert not [f for f in found if f.rule == "worse"]  # no action was rated in two CPC reports


def test_coverage_gaps_and_matrix(lancaster):
    gaps = {f.iri: f for f in find_coverage_gaps(lancaster)}
    assert gaps[iri("cp-sd-6")].rule == "no-support"  # "increasing the biodiversity of our district"
    assert gaps[iri("cp-sd-5")].rule == "no-action" and "Resilience & Adaptation" in gaps[iri("cp-sd-5")].why
    supported = {o for r in rows("alignments") for o in [r["target"]]}
    for f in gaps.values():
        if f.rule == "no-support":
            assert f.iri.rsplit("/", 1)[-1] not in supported
    m = coverage_matrix(lancaster)
    assert list(m.columns)[:5] == ["Climate Emergency", "Finance & Resources", "Healthy & Happy Communities",
                                   "Community Power & Resilience", "A Regenerative & Distributive Economy"]
    assert m.loc["A Sustainable District", "Climate Emergency"] == 11  # 5 workstreams and 6 projects
    assert m.loc["Climate Emergency", "Finance & Resources"] == 0
    assert m.attrs["iris"]["Climate Emergency"] in (iri("theme-climate-emergency"), iri("g1-climate"))


def test_lancaster_has_no_orphans_and_every_finding_explains_itself(lancaster):
    assert find_orphans(lancaster) == []
    result = analyse(lancaster, as_of=dt.date(2026, 11, 24))
    assert list(result) == list(ANALYSES)
    for name, findings in result.items():
        for f in findings:
            assert f.analysis == name and f.iri and f.label
            assert f.why.endswith((".", ")")) and len(f.why) > 40, f.why
            assert f.severity in ("high", "medium", "low", "info")


def test_analysis_of_a_graph_file_matches_the_built_graph(lancaster, tmp_path):
    path = sg.write_dataset(lancaster, tmp_path / "lancaster.trig")
    again = analyse(sg.read_dataset(path), as_of=dt.date(2026, 1, 1))
    first = analyse(lancaster, as_of=dt.date(2026, 1, 1))
    for name in ANALYSES:
        assert [(f.iri, f.rule, f.why) for f in again[name]] == [(f.iri, f.rule, f.why) for f in first[name]]


def test_people_work_depends_on_are_found_on_the_work_graph(lancaster, G):
    from strategygraph.analysis.workload import work_graph

    U = work_graph(G)
    assert isinstance(U, nx.Graph) and not any(U.nodes[n]["kind"] == "plan" for n in U)
    brokers = [f for f in find_overloaded_leads(lancaster) if f.rule == "broker"]
    assert brokers and all(f.evidence["betweenness"] > f.evidence["threshold"] for f in brokers)
    # Mark Davies leads the Plan 2030 climate projects and answers for CPC partnership work.
    assert brokers[0].label == "Mark Davies" and len(brokers[0].evidence["plans"]) == 2


def test_plan_scope_limits_every_analysis(lancaster):
    cpc = analyse(lancaster, plan="cpc", as_of=dt.date(2026, 1, 1))
    assert cpc["group_interactions"] == []
    assert all("/cpc-" in f.iri for f in cpc["overdue"])
    framework = analyse(lancaster, ["group_interactions"], plan="plan2030")
    assert len(framework["group_interactions"]) == 10
    with pytest.raises(InputError, match="no plan has id 'no-such-plan'"):
        analyse(lancaster, plan="no-such-plan")


def test_added_supports_link_is_seen(lancaster):
    # The view is rebuilt from the graph: an extra curated link changes the answer.
    ds = sg.build_graph(LANCASTER)
    action = iri("cpc-r10-a1")
    before = to_networkx(ds)
    assert not before.has_edge(action, iri("cp-sd-6"), "supports")
    ds.graph(URIRef(iri("curation"))).add((URIRef(action), SG.supports, URIRef(iri("cp-sd-6"))))
    gaps = {f.iri for f in find_coverage_gaps(ds)}
    assert iri("cp-sd-6") not in gaps
