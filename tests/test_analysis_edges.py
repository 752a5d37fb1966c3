"""Each analysis on a small made-up council (tests/data/analysis/edgeton) whose data holds the
edge cases: a person with no work, an action with two leads, an unlinked action, a cycle in
part-of links, a lead's post, a group lead, due dates that slip or vanish, statuses that get
worse, a priority nobody supports and delivery groups with nothing in common."""

from __future__ import annotations

import datetime as dt

import pytest
from rdflib import URIRef

import strategygraph as sg
from strategygraph.analysis import (analyse, coverage_matrix, find_coverage_gaps, find_orphans, find_overdue,
                                    find_overloaded_leads, group_interactions, status_rollup, to_networkx, workload)
from strategygraph.analysis.interactions import WORKSTREAM_SIMILARITY, similarity
from strategygraph.analysis.workload import OVERLAP_WEIGHT, overlaps
from strategygraph.terms import ID_BASE, SG

from .conftest import FIXTURES

EDGETON = FIXTURES / "analysis" / "edgeton"
JULY = dt.date(2025, 7, 15)


def iri(rid: str) -> str:
    return f"{ID_BASE}edgeton/{rid}"


@pytest.fixture(scope="module")
def ds():
    return sg.build_graph(EDGETON)


@pytest.fixture(scope="module")
def G(ds):
    return to_networkx(ds)


def by(findings, rule=None) -> dict:
    return {f.iri: f for f in findings if rule is None or f.rule == rule}


# -- a person with no work --------------------------------------------------------------------
def test_person_with_no_work_has_no_row_and_no_finding(ds, G):
    assert G.nodes[iri("cat-cedar")]["kind"] == "person"
    assert iri("cat-cedar") not in set(workload(ds).agent)
    everyone = find_overloaded_leads(ds, threshold=0)  # everyone with any open work is "overloaded"
    assert iri("cat-cedar") not in {f.iri for f in everyone}
    assert {f.iri for f in everyone if f.rule == "overloaded-lead"} == {iri("ann-ash"), iri("bob-birch"),
                                                                       iri("eve-elm")}


# -- an action with two leads -----------------------------------------------------------------
def test_action_with_two_leads_counts_for_both(ds):
    df = workload(ds)
    leads = df[df.role == "lead"].set_index("agent")
    assert iri("a1") in leads.loc[iri("ann-ash"), "open_action_iris"]
    assert iri("a1") in leads.loc[iri("bob-birch"), "open_action_iris"]
    # Bob's other action is complete: open work only.
    assert (leads.loc[iri("bob-birch"), "actions"], leads.loc[iri("bob-birch"), "open_actions"]) == (2, 1)


def test_post_work_goes_to_its_holder_and_group_leads_are_a_role_of_their_own(ds):
    df = workload(ds)
    chief = df[df.role == "accountable chief officer"].iloc[0]
    assert (chief.agent, list(chief.via_posts)) == (iri("dan-dale"), [iri("director-place")])
    group_lead = df[df.role == "group lead"].iloc[0]
    assert (group_lead.agent, list(group_lead.open_action_iris)) == (iri("bob-birch"), [iri("p2")])


def test_overlapping_due_windows_weigh_more(ds):
    eve = workload(ds).set_index(["agent", "role"]).loc[(iri("eve-elm"), "lead")]
    # a6 (July 2025) falls inside p1's June–December 2025 window; a7 and p2 have no dates.
    assert (eve.open_actions, eve.overlapping, eve.peak_overlap) == (4, 2, 2)
    assert eve.weighted_load == 4 + 2 * OVERLAP_WEIGHT
    d = dt.date
    assert overlaps([(d(2025, 1, 1), d(2025, 1, 31)), (d(2025, 2, 1), d(2025, 2, 28))])[0] == [False, False]
    flags, peak, _ = overlaps([(d(2025, 1, 1), d(2025, 12, 31)), (d(2025, 2, 1), d(2025, 2, 28)),
                               (d(2025, 6, 1), d(2025, 6, 30))])
    assert flags == [True, True, True] and peak == 2


def test_threshold_is_relative_by_default_and_settable(ds):
    # Three leads with loads 1, 4 and 5: nobody stands out from the council's own distribution.
    assert not [f for f in find_overloaded_leads(ds) if f.rule.startswith("overloaded")]
    fixed = by(find_overloaded_leads(ds, threshold=4.5), "overloaded-lead")
    assert set(fixed) == {iri("eve-elm")}
    assert "threshold of 4.5" in fixed[iri("eve-elm")].why and "4 open actions" in fixed[iri("eve-elm")].why


def test_people_an_unlinked_action_hangs_on(ds):
    points = by(find_overloaded_leads(ds), "single-point")
    assert "Buy new ladders" in points[iri("ann-ash")].evidence["cut_off"]
    assert set(points[iri("eve-elm")].evidence["cut_off"]) >= {"Map the circular pair", "Audit the council's vans"}


# -- an unlinked action, no lead, no action, suggested links ------------------------------------
def test_orphans(ds):
    found = find_orphans(ds)
    orphans = by(found, "no-priority-path")
    assert iri("a3") in orphans and "Buy new ladders" in orphans[iri("a3")].why
    assert orphans[iri("a3")].severity == "high"
    assert iri("ws-g3-hr") in orphans and iri("ws-g1-parks") in orphans
    assert iri("a1") not in orphans  # through its recommendation's link to a commitment
    assert iri("a2") not in orphans  # through recommendation 2a, part of recommendation 2
    assert iri("p1") not in orphans  # through its workstream
    assert iri("r2a") not in orphans and iri("r2") not in orphans
    suggested = by(found, "suggested-only")
    assert set(suggested) == {iri("a7")} and "Good jobs" in suggested[iri("a7")].why
    assert set(by(found, "no-lead")) == {iri("a4")}
    assert set(by(found, "no-action")) == {iri("r3")}


# -- a cycle in part-of links -----------------------------------------------------------------
def test_cycle_in_part_of_links_neither_hangs_nor_crashes(ds, G):
    assert G.has_edge(iri("rc1"), iri("rc2"), "partOf") and G.has_edge(iri("rc2"), iri("rc1"), "partOf")
    result = analyse(ds, as_of=JULY)
    orphans = by(result["orphaned_actions"], "no-priority-path")
    assert {iri("rc1"), iri("rc2"), iri("a6")} <= set(orphans)
    rollups = by(result["status_rollup"], "rollup")
    assert rollups[iri("rc1")].evidence["actions"] == rollups[iri("rc2")].evidence["actions"] == 1


def test_a_link_on_one_member_of_a_cycle_reaches_the_whole_cycle():
    ds = sg.build_graph(EDGETON)
    ds.graph(URIRef(iri("curation"))).add((URIRef(iri("rc2")), SG.supports, URIRef(iri("p-jobs"))))
    orphans = by(find_orphans(ds), "no-priority-path")
    assert not {iri("rc1"), iri("rc2"), iri("a6")} & set(orphans)


# -- overdue and slipping ---------------------------------------------------------------------
def test_overdue_in_july(ds):
    found = find_overdue(ds, as_of=JULY)
    late = by(found, "past-due")
    assert set(late) == {iri("a1"), iri("a2"), iri("a3"), iri("a4"), iri("a8")}
    assert iri("a5") not in late  # complete
    assert iri("a6") not in late and iri("p1-m1") not in late  # not due yet
    assert late[iri("a2")].evidence["days_overdue"] == 137 and late[iri("a2")].severity == "high"
    assert "Red" in late[iri("a2")].why
    slip = by(found, "slipped")[iri("a1")]
    assert slip.evidence["days"] == 91 and "31 March 2025" in slip.why and "30 June 2025" in slip.why
    removed = by(found, "due-removed")[iri("a8")]
    assert "Ongoing" in removed.why


def test_overdue_reads_only_reports_published_by_the_as_of_date(ds):
    april = by(find_overdue(ds, as_of=dt.date(2025, 4, 15)), "past-due")
    # The June report (moving a1 to June, completing a5) was not out in April.
    assert iri("a1") in april and april[iri("a1")].evidence["due_date"] == "2025-03-31"
    assert iri("a5") in april
    assert not by(find_overdue(ds, as_of=dt.date(2025, 4, 15)), "slipped")


def test_milestones_are_overdue_too(ds):
    late = by(find_overdue(ds, as_of=dt.date(2025, 9, 15)), "past-due")
    assert iri("p1-m1") in late and late[iri("p1-m1")].evidence["kind"] == "milestone"


# -- status roll-up and trend -----------------------------------------------------------------
def test_rollup_trend_and_unrated_work(ds):
    found = status_rollup(ds, as_of=JULY)
    rollups = by(found, "rollup")
    assert rollups[iri("r2a")].evidence["status"] == "Red" and rollups[iri("r2a")].severity == "high"
    assert rollups[iri("r1")].evidence["status"] == "Amber" and rollups[iri("r1")].evidence["trend"] == "worse"
    assert rollups[iri("r1")].severity == "high"  # amber with a downward trend
    assert rollups[iri("rc1")].evidence["trend"] == "better"
    assert rollups[iri("p-jobs")].evidence["status"] == "Red"  # through recommendation 2
    assert rollups[iri("g3")].evidence["actions"] == 0
    worse = by(found, "worse")
    assert set(worse) == {iri("a1"), iri("a2")}
    assert "Green in the March 2025 report, Red in the June 2025 report" in worse[iri("a2")].why
    unrated = by(found, "no-status")
    assert {iri("a3"), iri("a4"), iri("a7"), iri("p1"), iri("p2")} <= set(unrated)
    assert "published no rating" in unrated[iri("a3")].why
    assert iri("a1") not in unrated and iri("a5") not in unrated


def test_rollup_before_the_second_report_has_no_trend(ds):
    found = status_rollup(ds, as_of=dt.date(2025, 4, 1))
    assert not by(found, "worse")
    assert by(found, "rollup")[iri("r1")].evidence["status"] == "Green"


# -- coverage ---------------------------------------------------------------------------------
def test_coverage_gaps(ds):
    gaps = find_coverage_gaps(ds)
    assert by(gaps, "no-support").keys() == {iri("p-parks"), iri("c-jobs-1")}
    assert by(gaps, "no-support")[iri("p-parks")].severity == "high"
    assert set(by(gaps, "no-action")) == {iri("t-fair")}
    assert set(by(gaps, "no-group")) == {iri("p-homes")}
    m = coverage_matrix(ds)
    assert m.loc["Fairness"].tolist() == [1, 1, 0, 0]
    assert m.loc["Good homes for everyone", "No delivery group"] == 2  # a1 and a5, through recommendation 1
    assert m.loc["Green and clean parks"].sum() == 0


# -- group interactions -----------------------------------------------------------------------
def test_group_interactions_every_pair_with_evidence(ds):
    pairs = group_interactions(ds)
    assert len(pairs) == 3
    strongest = pairs[0]
    assert strongest.iri == "|".join(sorted([iri("g1"), iri("g2")]))
    assert strongest.label == "Culture and Place – Economy"
    e = strongest.evidence
    assert e["strength"] == 1.0 and e["shared_priorities"] == ["Fairness"] and e["shared_people"] == ["Eve Elm"]
    assert e["similar_workstreams"] == [["Arts, Culture, Heritage", "Arts, Culture, Heritage & Tourism", 0.75]]
    assert [p.evidence["strength"] for p in pairs[1:]] == [0.0, 0.0]
    assert "no interaction" in pairs[1].why


def test_workstream_similarity_threshold():
    assert similarity("Arts, Culture, Heritage", "Arts, Culture, Heritage & Tourism") >= WORKSTREAM_SIMILARITY
    assert similarity("Sustainable planning", "Planning inc Local Plan (climate change)") < WORKSTREAM_SIMILARITY
    assert similarity("Connected communities", "Community Conversations") < WORKSTREAM_SIMILARITY
    assert similarity("", "Arts") == 0.0


def test_hostile_labels_survive_every_analysis():
    ds = sg.build_graph(FIXTURES / "evil")
    result = analyse(ds)
    labels = " ".join(f.label for items in result.values() for f in items)
    assert "<img src=x onerror=alert(1)>" in labels


# -- inheritance on graphs with cycles ------------------------------------------------------
@pytest.mark.parametrize("seed", range(25))
def test_inherit_gives_each_node_the_seeds_of_everything_it_reaches(seed):
    # Random link graphs, with cycles, self-links, links of other keys and vetoed links: each
    # node must get exactly the union of the seeds of the nodes it reaches (itself included),
    # the definition the linear-time pass has to meet.
    import random

    import networkx as nx

    from strategygraph.analysis.common import inherit

    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    nodes = [f"n{i}" for i in range(rng.randint(1, 40))]
    G.add_nodes_from(nodes)
    for _ in range(rng.randint(0, 80)):
        G.add_edge(rng.choice(nodes), rng.choice(nodes), key=rng.choice(["partOf", "respondsTo", "ledBy"]))
    seeds = {n: {f"s{rng.randint(0, 9)}"} for n in rng.sample(nodes, rng.randint(0, len(nodes)))}
    keys = ("partOf", "respondsTo")
    vetoed = set(rng.sample(nodes, len(nodes) // 5))

    def follow(u, v, k):
        return v not in vetoed

    for upward in (False, True):
        links = nx.DiGraph()
        links.add_nodes_from(nodes)
        links.add_edges_from(((v, u) if upward else (u, v)) for u, v, k in G.edges(keys=True)
                             if k in keys and u != v and follow(u, v, k))
        got = inherit(G, seeds, keys, follow=follow, upward=upward)
        for n in nodes:
            want = set().union(*(seeds.get(m, set()) for m in nx.descendants(links, n) | {n}))
            assert got[n] == want, (seed, upward, n)
