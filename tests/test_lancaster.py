"""The Lancaster graph holds what the five source documents say (counts checked by hand)."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import FOAF, RDF, RDFS, SKOS, XSD, DCTERMS

from strategygraph.graphfile import union
from strategygraph.terms import ID_BASE, SG

L = ID_BASE + "lancaster/"


def iri(rid: str) -> URIRef:
    return URIRef(L + rid)


@pytest.fixture(scope="module")
def g(lancaster):
    return union(lancaster)


def version(lancaster, vid):
    return lancaster.graph(iri(vid))


def test_named_graph_per_source_version(lancaster):
    names = {str(x.identifier).removeprefix(L) for x in lancaster.graphs() if len(x)}
    assert {"p2030-2020", "cpc-2024-09", "cpc-2025-10", "lga-2017-02", "lga-2019-01", "apse-2021",
            "curation"} <= names


def test_council_plan_has_four_priorities_three_themes(g):
    scheme = iri("council-plan")
    priorities = {p for p in g.subjects(SKOS.topConceptOf, scheme)}
    themes = {t for t in g.subjects(RDF.type, SG.Theme) if (t, SKOS.inScheme, scheme) in g}
    assert {str(g.value(p, SKOS.prefLabel)) for p in priorities} == {
        "A Sustainable District", "An Inclusive and Prosperous Local Economy",
        "Healthy and Happy Communities", "A Co-operative, Kind and Responsible Council"}
    assert {str(g.value(t, SKOS.prefLabel)) for t in themes} == {
        "Climate Emergency", "Community Wealth-Building", "Community Engagement"}


def commitments(g, priority):
    return {str(g.value(c, SKOS.prefLabel)) for c in g.subjects(SKOS.broader, iri(priority))}


def test_matrix_commitments_per_priority(g):
    counts = {p: len(commitments(g, p)) for p in
              ("cp-sustainable-district", "cp-inclusive-economy", "cp-healthy-communities", "cp-cooperative-council")}
    assert counts == {"cp-sustainable-district": 6, "cp-inclusive-economy": 5, "cp-healthy-communities": 5,
                      "cp-cooperative-council": 5}


def test_matrix_sentences_are_rejoined(g):
    economy = commitments(g, "cp-inclusive-economy")
    assert ("advocating for fair employment and just labour markets that increase prosperity and reduce income "
            "inequality") in economy
    healthy = commitments(g, "cp-healthy-communities")
    assert any("loneliness focused on early-intervention approaches" in c for c in healthy)
    assert "improving access to the arts, culture, leisure and recreation, supporting our thriving arts and " \
           "culture sector" in healthy
    district = commitments(g, "cp-sustainable-district")
    assert "supporting our communities to be resilient to flooding and adapt to the wider effects of climate " \
           "change" in district
    council = commitments(g, "cp-cooperative-council")
    assert "embracing innovative ways of working to improve service delivery and the operations of the council" \
           in council
    # no commitment is a broken fragment
    for text in economy | healthy | district | council:
        assert not text.endswith((" that", " the", " our", "early-")), text


def test_plan2030_groups_and_workstreams(g):
    groups = {str(g.value(x, SKOS.notation)): x for x in g.subjects(RDF.type, SG.DeliveryGroup)}
    per_group = {n: len(set(g.subjects(SG.inGroup, x))) for n, x in groups.items()}
    assert per_group == {"1": 5, "2": 6, "3a": 7, "3b": 7, "4": 6}
    assert {str(g.value(x, RDFS.label)) for x in groups.values()} == {
        "Climate Emergency", "Finance & Resources", "Healthy & Happy Communities",
        "Community Power & Resilience", "A Regenerative & Distributive Economy"}
    labels = Counter(str(g.value(w, RDFS.label)) for w in g.subjects(RDF.type, SG.Workstream))
    assert labels["Arts, Culture, Heritage"] == 1 and labels["Arts, Culture, Heritage & Tourism"] == 1
    assert (iri("ws-g3b-community-safety"), SG.inGroup, iri("g3b-community-power")) in g


def test_fig7_governance(g):
    assert (iri("body-strategic-oversight"), RDF.type, SG.WorkingGroup) in g
    assert (iri("g1-climate"), URIRef("http://www.w3.org/ns/org#reportsTo"), iri("body-strategic-oversight")) in g
    chairs = set(g.subjects(URIRef("http://www.w3.org/ns/org#role"), iri("role-chair")))
    assert len(chairs) == 2  # the Leader chairs both informal groups


def test_fig8_projects_and_dated_milestones(g):
    projects = set(g.subjects(SG.inPlan, iri("plan2030-dp-g1")))
    assert len(projects) == 6
    milestones = set(g.subjects(RDF.type, SG.Milestone))
    assert len(milestones) == 20
    undated = [m for m in milestones if g.value(m, SG.dueDate) is None]
    assert [str(g.value(m, RDFS.label)) for m in undated] == ["Place vehicle orders"]
    assert g.value(undated[0], SG.status) == SG.Complete
    # months without a year are placed inside June 2020 - March 2021
    assert g.value(iri("dp-g1-p1-m3"), SG.dueDate) == Literal("2021-01-31", datatype=XSD.date)
    assert g.value(iri("dp-g1-p3-m5"), SG.dueDate) == Literal("2020-12-31", datatype=XSD.date)
    assert (iri("dp-g1-p6"), SG.ledBy, iri("s-kirby")) in g and (iri("dp-g1-p6"), SG.ledBy, iri("e-grimshaw")) in g


def recs(graph, plan):
    return {r for r in graph.subjects(SG.inPlan, iri(plan)) if (r, RDF.type, SG.Recommendation) in graph}


def test_cpc_recommendations_in_both_versions(lancaster):
    for vid in ("cpc-2024-09", "cpc-2025-10"):
        notations = sorted(str(version(lancaster, vid).value(r, SKOS.notation))
                           for r in recs(version(lancaster, vid), "cpc"))
        assert notations == ["1", "10", "2", "3", "4", "5", "5a", "5b", "5c", "5d", "6", "7", "8", "9"]


def test_cpc_actions_per_recommendation(lancaster):
    expected = {"1": 4, "2": 2, "3": 5, "4": 3, "5a": 3, "5b": 3, "5c": 4, "5d": 1, "6": 1, "7": 1, "8": 7,
                "9": 2, "10": 1}
    for vid in ("cpc-2024-09", "cpc-2025-10"):
        v = version(lancaster, vid)
        counts = {str(v.value(r, SKOS.notation)): len(set(v.subjects(SG.respondsTo, r))) for r in recs(v, "cpc")}
        counts.pop("5")
        assert counts == expected, vid


def test_recommendations_9_and_10_are_separated(lancaster):
    v = version(lancaster, "cpc-2025-10")
    r9, r10 = iri("cpc-r9"), iri("cpc-r10")
    assert str(v.value(r9, DCTERMS.description)).startswith("Engage with Councillors and officers")
    assert str(v.value(r10, DCTERMS.description)).startswith("Accelerate the production of a refreshed equality")
    assert "inclusive approaches are developed internally and externally" in str(v.value(r10, DCTERMS.description))
    a9, a10 = iri("cpc-r9-a1"), iri("cpc-r10-a1")
    assert v.value(a9, SG.dueWording) == Literal("October 2024")
    assert v.value(a10, SG.dueWording) == Literal("September 2025")
    assert set(v.objects(a9, SG.ledBy)) == {iri("debbie-chambers"), iri("stephen-metcalfe")}
    assert set(v.objects(a10, SG.ledBy)) == {iri("dawn-bradley"), iri("dan-clarke")}
    assert set(v.objects(a9, SG.accountableChiefOfficer)) == {iri("luke-gorst")}
    assert set(v.objects(a10, SG.accountableChiefOfficer)) == {iri("alex-kinch")}


def test_recommendation_10_due_date_moved(lancaster):
    a10 = iri("cpc-r10-a1")
    assert version(lancaster, "cpc-2024-09").value(a10, SG.dueDate) == Literal("2025-03-31", datatype=XSD.date)
    assert version(lancaster, "cpc-2025-10").value(a10, SG.dueDate) == Literal("2025-09-30", datatype=XSD.date)


def test_recommendation_5_parts_and_asset_review(lancaster, g):
    parts = {str(g.value(p, SKOS.notation)) for p in g.subjects(SG.partOf, iri("cpc-r5"))}
    assert parts == {"5a", "5b", "5c", "5d"}
    v = version(lancaster, "cpc-2024-09")
    windows = [(str(v.value(iri(f"cpc-r5c-a{i}"), SG.dueStart) or ""), str(v.value(iri(f"cpc-r5c-a{i}"), SG.dueDate)))
               for i in range(1, 5)]
    assert windows == [("", "2024-09-30"), ("2024-09-01", "2024-12-31"), ("2024-11-01", "2025-02-28"),
                       ("2025-04-01", "2025-09-30")]
    assert set(v.objects(iri("cpc-r5c-a4"), SG.ledBy)) == {iri("dan-wood"), iri("stephen-morris"), iri("russ-daley")}


def test_2025_updates_are_progress_on_the_same_actions(lancaster, g):
    v = version(lancaster, "cpc-2025-10")
    updates = set(v.subjects(RDF.type, SG.ProgressUpdate))
    assert len(updates) == 20
    covered = {a for u in updates for a in v.objects(u, SG.reportsOn)}
    assert covered == {a for a in v.subjects(RDF.type, SG.Action)}  # every 2025 action has an update
    assert covered <= set(version(lancaster, "cpc-2024-09").subjects(RDF.type, SG.Action))
    statuses = Counter(v.value(u, SG.status) for u in updates)
    assert statuses == {SG.Green: 10, SG.Amber: 4, SG.Complete: 1, SG.NotRated: 5}
    r1 = iri("cpc-r1-u2025")
    assert v.value(r1, SG.status) == SG.Amber and v.value(r1, SG.statusAsPublished) == Literal("Orange")
    assert not list(version(lancaster, "cpc-2024-09").subjects(RDF.type, SG.ProgressUpdate))


def test_lga_sections_recommendations_and_updates(lancaster, g):
    sections = {str(g.value(s, RDFS.label)): len(set(g.subjects(SG.inSection, s)))
                for s in g.subjects(RDF.type, SG.Section)}
    assert sections == {"Context and priorities": 9, "Political and managerial leadership": 3,
                        "Governance and decision making": 3, "Financial viability": 4, "Organisational capacity": 3}
    for vid in ("lga-2017-02", "lga-2019-01"):
        assert len(set(version(lancaster, vid).subjects(RDF.type, SG.ProgressUpdate))) == 22


def test_lga_leads_keep_initials_and_cex_is_a_post(g):
    lga_actions = {a for a in g.subjects(SG.inPlan, iri("lga")) if (a, RDF.type, SG.Action) in g}
    leads = Counter(lead for a in lga_actions for lead in g.objects(a, SG.ledBy))
    assert leads.most_common(1)[0] == (iri("chief-executive"), 9)
    assert (iri("chief-executive"), RDF.type, URIRef("http://www.w3.org/ns/org#Post")) in g
    assert (iri("amh"), FOAF.name, Literal("AMH")) in g
    assert (iri("all-leads"), RDF.type, FOAF.Person) not in g
    assert not any(str(n) == "All" for n in g.objects(None, FOAF.name))


def test_one_person_per_real_person(g):
    names = Counter(str(n) for n in g.objects(None, FOAF.name))
    assert all(c == 1 for c in names.values())
    davies = [p for p in g.subjects(FOAF.name, Literal("Mark Davies"))]
    assert davies == [iri("mark-davies")]
    assert (iri("mark-davies"), SKOS.altLabel, Literal("M Davies")) in g
    assert (iri("dp-g1-p1"), SG.ledBy, iri("mark-davies")) in g  # FIG 8's "M Davies"
    assert (iri("cpc-r3-a1"), SG.accountableChiefOfficer, iri("mark-davies")) in g
    assert (iri("stephen-metcalfe"), SKOS.altLabel, Literal("Stephen Metcalf")) in g
    assert not list(g.subjects(FOAF.name, Literal("Stephen Metcalf")))
    reason = g.value(g.value(iri("mark-davies"), SG.alias), SG.resolutionReason)
    assert reason and "FIG 8" in str(reason)


def test_forum_figures_are_observations(g):
    values = {str(g.value(o, SG.unit)): float(g.value(o, SG.value)) for o in g.subjects(RDF.type, SG.Observation)
              if str(g.value(o, SG.unit)) in ("emails", "applications")}
    assert values == {"emails": 54348.0, "applications": 1594.0}
    assert len(set(g.subjects(RDF.type, SG.Observation))) == 11
    hsf = [o for o in g.subjects(SG.value, Literal("360000", datatype=XSD.decimal))]
    assert str(g.value(hsf[0], SG.periodWording)) == "over the next 4 months"
    recovery = {str(g.value(p, SKOS.prefLabel)) for p in g.subjects(SKOS.inScheme, iri("recovery-2021"))}
    assert "Climate change agenda" in recovery and len(recovery) == 8


def test_curated_alignment_covers_everything(g):
    kinds = (SG.Recommendation, SG.Action, SG.Workstream, SG.DeliveryGroup)
    subjects = {s for k in kinds for s in g.subjects(RDF.type, k)}
    unlinked = [s for s in subjects if not list(g.objects(s, SG.supports))]
    assert unlinked == []
    for link in g.subjects(RDF.type, SG.SupportLink):
        assert g.value(link, SG.rationale) and g.value(link, SG.linkStatus) == SG.Curated
    # Plan 2030 groups link to Council Plan priorities
    for grp in g.subjects(RDF.type, SG.DeliveryGroup):
        assert any((t, RDF.type, SG.Priority) in g for t in g.objects(grp, SG.supports))
    cpc1 = set(g.objects(iri("cpc-r1"), SG.supports))
    assert {iri("cp-inclusive-economy"), iri("theme-community-wealth-building"),
            iri("theme-climate-emergency")} <= cpc1
