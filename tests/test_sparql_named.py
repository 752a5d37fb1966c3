"""Every named query answers its question on the bundled Lancaster data.

Expected values are read from the curated CSV files (the seeds) wherever that can be done
independently of the graph, so a query that drifts from the data fails. Queries whose
Lancaster answer is empty (nothing is unaligned, every recommendation has an action) are
also run on tests/data/sparql/brookvale, a small council built to have such gaps.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict

import pandas as pd
import pytest

import strategygraph as sg
from strategygraph.sparql import list_named, run_named
from strategygraph.terms import ID_BASE

from .conftest import FIXTURES

L = ID_BASE + "lancaster/"
B = ID_BASE + "brookvale/"
DATA = sg.sample_data()


def rows(kind: str) -> list[dict]:
    """All rows of the Lancaster tables of *kind* (``actions`` reads actions-*.csv), with row numbers."""
    out = []
    for path in sorted(DATA.glob(f"{kind}*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                out.append(row | {"_file": path.name, "_row": number})
    return out


def rag_name(label: str) -> str:
    """The RAG concept's local name for a label in the data files ("Not rated" -> "NotRated")."""
    return "".join(word.capitalize() for word in label.split())


def ids(series: pd.Series, base: str = L) -> list[str]:
    return [v.removeprefix(base) if isinstance(v, str) else v for v in series]


def action_plans() -> dict[str, str]:
    rec_plan = {r["id"]: r["plan"] for r in rows("recommendations")}
    return {r["id"]: r["plan"] or rec_plan[r["recommendation"]] for r in rows("actions")}


@pytest.fixture(scope="module")
def brookvale():
    return sg.build_graph(FIXTURES / "sparql" / "brookvale")


def test_at_least_fifteen_named_queries_each_tested_here():
    names = {q.name for q in list_named()}
    assert len(names) >= 15
    tested = {name.removeprefix("test_").replace("_", "-") for name in globals() if name.startswith("test_")}
    untested = {n for n in names if not any(t.startswith(n) for t in tested)}
    assert not untested, f"named queries without a test here: {sorted(untested)}"


def _count_by_agent(column: str) -> dict[tuple[str, str], int]:
    plans = action_plans()
    seen = defaultdict(set)
    for r in rows("actions"):
        for agent in filter(None, r[column].split(";")):
            seen[(agent, plans[r["id"]])].add(r["id"])
    return {k: len(v) for k, v in seen.items()}


def test_actions_by_lead():
    df = run_named("actions-by-lead")
    got = {(lead, plan): n for lead, plan, n in zip(ids(df["lead"]), ids(df["plan"]), df["actions"])}
    assert got == _count_by_agent("leads")
    cex = df[df["lead"] == L + "chief-executive"]
    assert (cex["leadKind"].item(), ids(cex["plan"]), cex["actions"].item()) == ("post", ["lga"], 9)
    assert df["actions"].is_monotonic_decreasing
    assert set(df["leadKind"]) == {"person", "post", "officer team"}


def test_actions_by_chief_officer():
    df = run_named("actions-by-chief-officer")
    got = {(o, plan): n for o, plan, n in zip(ids(df["officer"]), ids(df["plan"]), df["actions"])}
    assert got == _count_by_agent("chief_officers")
    top = df.iloc[0]
    assert (top["officerLabel"], top["actions"]) == ("Alex Kinch", 15)
    assert str(df["actions"].dtype) == "int64"


def test_open_actions_by_due_date():
    df = run_named("open-actions-by-due-date")
    every_action = {r["id"] for r in rows("actions")}
    completed = {r["about"] for r in rows("updates") if r["rag"] == "Complete"}
    assert completed == {"cpc-r5c-a1"}
    assert set(ids(df["action"])) == every_action - completed
    assert len(df) == len(every_action) - 1  # one row per action
    r10 = df[df["action"] == L + "cpc-r10-a1"].iloc[0]
    assert (r10["dueDate"].date().isoformat(), r10["dueWording"], r10["status"]) == ("2025-09-30", "September 2025",
                                                                                    "Amber")
    assert r10["version"] == L + "cpc-2025-10"
    dated = df["dueDate"].dropna()
    assert dated.is_monotonic_increasing and str(df["dueDate"].dtype) == "datetime64[ns]"
    assert df["dueDate"].isna().sum() > 0 and df["dueDate"].iloc[len(dated):].isna().all()  # undated last


def test_overdue_actions_as_published_by_that_day():
    before_update = run_named("overdue-actions", asOf="2025-06-30")
    row = before_update.set_index("action").loc[L + "cpc-r10-a1"]
    # in June 2025 only the 2024 plan was out: recommendation 10 was due 2025-03-31, unrated
    assert row["dueDate"].date().isoformat() == "2025-03-31" and row["version"] == L + "cpc-2024-09"
    assert row["status"] is None
    assert L + "cpc-r5c-a1" in set(before_update["action"])  # not yet reported complete
    assert L + "cpc-r6-a1" not in set(before_update["action"])  # due March 2026
    after_update = run_named("overdue-actions", asOf="2025-10-31")
    late = after_update.set_index("action")
    assert late.loc[L + "cpc-r10-a1", "dueDate"].date().isoformat() == "2025-09-30"
    assert late.loc[L + "cpc-r10-a1", "status"] == "Amber"
    assert L + "cpc-r5c-a1" not in late.index  # COMPLETE in the 2025 update
    # once everything is published, overdue = open and due before the day
    open_ = run_named("open-actions-by-due-date")
    expected = set(open_[open_["dueDate"] < pd.Timestamp("2025-10-31")]["action"])
    assert set(after_update["action"]) == expected
    assert after_update["dueDate"].is_monotonic_increasing


def test_overdue_actions_default_is_today():
    assert len(run_named("overdue-actions")) >= len(run_named("overdue-actions", asOf="2025-10-31"))


def test_overdue_actions_leave_out_dropped_actions(brookvale):
    july = run_named("overdue-actions", graph=brookvale, asOf="2025-07-15")
    assert ids(july["action"], B) == ["bv-a3"]  # due June in the Q1 report
    october = run_named("overdue-actions", graph=brookvale, asOf="2025-10-15")
    assert ids(october["action"], B) == ["bv-a5"]  # bv-a3 is not in the Q2 report; bv-a1 moved to December


def test_recommendations_without_actions():
    assert run_named("recommendations-without-actions").empty  # 5 is answered through 5a-5d


def test_recommendations_without_actions_in_a_council_with_gaps(brookvale):
    df = run_named("recommendations-without-actions", graph=brookvale)
    assert ids(df["recommendation"], B) == ["pr-2b", "pr-3"]  # pr-2 is answered through pr-2a
    assert list(df["label"]) == ["Publish repair times", "Review the leisure offer"]


def test_actions_without_priority():
    assert run_named("actions-without-priority").empty  # Lancaster's curation aligns every action


def test_actions_without_priority_in_a_council_with_gaps(brookvale):
    df = run_named("actions-without-priority", graph=brookvale)
    # bv-a5 and its recommendation support only the Leisure Strategy's priority; bv-a1 counts
    # through a commitment, bv-a3 and bv-a4 through their recommendation
    assert ids(df["action"], B) == ["bv-a5"]


def _expected_coverage() -> dict[str, int]:
    """Actions per Council Plan priority/theme, from the CSV files: an action counts for a
    target when it, its recommendation or that recommendation's parent links to the target or
    to one of its commitments."""
    recs = {r["id"]: r["part_of"] for r in rows("recommendations")}
    links = defaultdict(set)
    commitment_of = {r["id"]: r["priority"] for r in rows("commitments")}
    for link in rows("alignments"):
        if link["status"] in ("", "curated"):
            links[link["subject"]].add(commitment_of.get(link["target"], link["target"]))
    covered = defaultdict(set)
    for a in rows("actions"):
        sources = [a["id"], a["recommendation"], recs.get(a["recommendation"], "")]
        for target in set().union(*(links[x] for x in sources if x)):
            covered[target].add(a["id"])
    council_plan = {r["id"] for r in rows("priorities") if r["plan"] == "council-plan"}
    return {p: len(covered[p]) for p in council_plan}


def test_priority_coverage():
    df = run_named("priority-coverage")
    assert dict(zip(ids(df["priority"]), df["actions"])) == _expected_coverage()
    assert len(df) == 7 and list(df["kind"]) == ["priority"] * 4 + ["theme"] * 3


def test_priority_coverage_counts_commitments_and_recommendations(brookvale):
    df = run_named("priority-coverage", graph=brookvale)
    # bv-a1 through a commitment; bv-a1, bv-a3, bv-a4 through their recommendation pr-1
    assert dict(zip(ids(df["priority"], B), df["actions"])) == {"amb-green": 1, "amb-homes": 3, "th-fair": 1}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """Three generated councils in one graph: unaligned and suggested-only work included."""
    from strategygraph.synth import generate_councils, write_councils

    out = tmp_path_factory.mktemp("synth")
    write_councils(generate_councils(3, seed=7), out)
    return sg.build_graph(out)


@pytest.mark.parametrize("which", ["lancaster", "brookvale", "synthetic"])
def test_priority_queries_agree_with_the_analysis(which, request):
    """The SPARQL answers and the networkx analyses are two implementations of one rule."""
    from strategygraph.analysis import to_networkx
    from strategygraph.analysis.common import explicit_alignment
    from strategygraph.analysis.orphans import find_orphans

    ds = sg.build_graph(DATA) if which == "lancaster" else request.getfixturevalue(which)
    orphans = {f.iri for f in find_orphans(ds)
               if f.rule in ("no-priority-path", "suggested-only") and f.evidence.get("kind") == "action"}
    assert set(run_named("actions-without-priority", graph=ds)["action"]) == orphans
    G = to_networkx(ds)
    aligned = explicit_alignment(G)
    actions = [n for n, d in G.nodes(data=True) if d.get("kind") == "action"]
    coverage = run_named("priority-coverage", graph=ds)
    assert dict(zip(coverage["priority"], coverage["actions"])) == {
        p: sum(1 for a in actions if p in aligned.get(a, ())) for p in coverage["priority"]}
    if which == "synthetic":
        assert orphans and coverage["actions"].sum() > 0  # the comparison is not between empty sets


def test_rag_history():
    df = run_named("rag-history", action="cpc-r1-a1")
    assert df[["date", "status", "statusAsPublished"]].values.tolist() == [["2025-10", "Amber", "Orange"]]
    lga = run_named("rag-history", action="lga-r2-a1")
    assert list(lga["date"]) == ["2017-02", "2019-01"] and set(lga["status"]) == {"NotRated"}
    assert ids(lga["version"]) == ["lga-2017-02", "lga-2019-01"]


def test_rag_history_takes_an_iri(brookvale):
    df = run_named("rag-history", graph=brookvale, action=f"<{B}bv-a1>")
    assert list(df["status"]) == ["Amber", "Green"] and list(df["statusAsPublished"]) == ["A", "G"]


def test_changes_between_versions():
    df = run_named("changes-between-versions", older="cpc-2024-09", newer="cpc-2025-10")
    due = df[df["change"] == "due date"]
    assert due[["before", "after"]].values.tolist() == [["2025-03-31", None], [None, "2025-09-30"]]
    assert set(ids(due["item"])) == {"cpc-r10-a1"}
    assert not set(df["change"]) & {"lead", "chief officer", "item", "recommendation"}
    status = df[df["change"] == "status"]
    latest = {}
    for r in rows("updates-cpc"):
        for action in r["about"].split(";"):
            latest[action] = rag_name(r["rag"])
    assert dict(zip(ids(status["item"]), status["after"])) == latest
    assert status["before"].isna().all()  # the 2024 plan published no ratings


def test_changes_between_versions_leads_items_and_statuses(brookvale):
    df = run_named("changes-between-versions", graph=brookvale, older="ip-2025-q1", newer="ip-2025-q2")
    got = [(i.removeprefix(B), c, b, a) for i, c, b, a in df[["item", "change", "before", "after"]].values]
    assert got == [
        ("bv-a1", "due date", "2025-09-30", None), ("bv-a1", "due date", None, "2025-12-31"),
        ("bv-a1", "lead", B + "ann-oak", None), ("bv-a1", "lead", None, B + "raj-elm"),
        ("bv-a1", "status", "Amber", None), ("bv-a1", "status", None, "Green"),
        ("bv-a2", "status", None, "Complete"),
        ("bv-a3", "item", "Action", None), ("bv-a4", "item", None, "Action"),
    ]


def test_workstreams_per_group():
    df = run_named("workstreams-per-group")
    assert dict(zip(df["notation"], df["workstreams"])) == {"1": 5, "2": 6, "3a": 7, "3b": 7, "4": 6}
    expected = Counter(r["group"] for r in rows("workstreams"))
    assert dict(zip(ids(df["group"]), df["workstreams"])) == dict(expected)


def test_people_roles():
    df = run_named("people-roles")
    davies = df[df["person"] == L + "mark-davies"]
    got = {(role, version.removeprefix(L)): n for role, version, n in davies[["role", "version", "items"]].values}
    p2030_led = sum(1 for r in rows("actions-p2030") if "mark-davies" in r["leads"].split(";"))
    co = {v: sum(1 for r in rows("actions-cpc") if r["source"] == v and "mark-davies" in r["chief_officers"])
          for v in ("cpc-2024-09", "cpc-2025-10")}
    assert got == {("lead", "p2030-2020"): p2030_led, ("chief officer", "cpc-2024-09"): co["cpc-2024-09"],
                   ("chief officer", "cpc-2025-10"): co["cpc-2025-10"], ("post holder", "apse-2021"): 1}
    assert (p2030_led, co["cpc-2025-10"]) == (2, 5)
    metcalfe = df[df["name"] == "Stephen Metcalfe"]
    assert list(metcalfe["items"]) == [2, 2] and set(metcalfe["role"]) == {"lead"}


def test_people_roles_through_posts(brookvale):
    df = run_named("people-roles", graph=brookvale)
    oak = df[df["name"] == "Ann Oak"]
    assert ("chief officer through a post", B + "ip-2025-q1", 1) in [tuple(r) for r in
                                                                     oak[["role", "version", "items"]].values]


def test_indicators_by_plan():
    df = run_named("indicators-by-plan")
    observations = rows("observations")
    assert len(df) == len(observations) == 11
    assert set(ids(df["plan"])) == {"recovery-2021"}
    assert str(df["value"].dtype) == "float64"
    expected = {r["indicator"]: float(r["value"]) for r in observations}
    assert dict(zip(ids(df["indicator"]), df["value"])) == expected
    eags = df.set_index("indicator").loc[L + "ind-eags-fund-delivered"]
    assert (eags["value"], eags["unit"]) == (180000.0, "GBP")


def test_provenance():
    df = run_named("provenance", node="cpc-r10-a1")
    sources = {r["id"]: r["file"] for r in rows("sources")}
    expected = [(r["source"], sources[r["source"]], r["line"], f"{r['_file']}:{r['_row']}")
                for r in rows("actions-cpc") if r["id"] == "cpc-r10-a1"]
    got = [(g.removeprefix(L), f, lines, row) for g, f, lines, row in df[["graph", "file", "lines", "dataRow"]].values]
    assert got == sorted(expected) and len(got) == 2


def test_fact_provenance():
    df = run_named("fact-provenance", node="cpc-r10-a1", property="sg:dueDate")
    got = [(v.date().isoformat(), g.removeprefix(L), lines) for v, g, lines in df[["value", "graph", "lines"]].values]
    assert got == [("2025-03-31", "cpc-2024-09", "38"), ("2025-09-30", "cpc-2025-10", "14")]


def test_fact_provenance_of_an_alignment_link():
    df = run_named("fact-provenance", node="cpc-r1-a1", property="sg:supports")
    links = [r for r in rows("alignments") if r["subject"] == "cpc-r1-a1"]
    assert sorted(zip(ids(df["value"]), df["dataRow"])) == sorted(
        (r["target"], f"alignments.csv:{r['_row']}") for r in links)
    assert set(ids(df["graph"])) == {"curation"}


def test_versions():
    df = run_named("versions")
    sources = {r["id"]: r for r in rows("sources")}
    assert sorted(df["id"]) == sorted(sources)
    for _, v in df.iterrows():
        assert v["issued"] == sources[v["id"]]["issued"]
        assert v["plan"] == L + sources[v["id"]]["plan"]
        end = sources[v["id"]]["period_end"]
        assert (v["periodEnd"].date().isoformat() if not pd.isna(v["periodEnd"]) else "") == end


def test_status_summary():
    df = run_named("status-summary")
    got = {(p.removeprefix(L), s): n for p, s, n in df[["plan", "status", "actions"]].values}
    latest = {}
    for r in sorted(rows("updates"), key=lambda r: r["id"]):  # ...-u2017 before ...-u2019
        for action in r["about"].split(";"):
            latest[action] = rag_name(r["rag"])
    plans = action_plans()
    expected = Counter((plans[a], latest.get(a, "No update")) for a in plans)
    assert got == dict(expected)
    assert got[("cpc", "Green")] == 15 and got[("plan2030-dp-g1", "No update")] == 6


def test_milestones_by_project():
    df = run_named("milestones-by-project")
    assert len(df) == len(rows("milestones")) == 20
    last = df.groupby("project").tail(1)
    undated = df[df["dueDate"].isna()]
    assert list(undated["label"]) == ["Place vehicle orders"] and undated.index[0] in last.index
    assert undated["status"].item() == "Complete"


def test_name_variants():
    df = run_named("name-variants")
    expected = sorted((r["person"], r["alias"]) for r in rows("aliases"))
    assert sorted(zip(ids(df["person"]), df["alias"])) == expected
    assert df["reason"].str.len().min() > 10


def test_governance():
    df = run_named("governance")
    reports = dict(zip(ids(df["body"]), ids(df["reportsTo"])))
    for r in rows("groups") + rows("bodies"):
        assert reports[r["id"]] == (r["reports_to"] or None)
    parts = dict(zip(ids(df["body"]), ids(df["partOf"])))
    assert parts["body-cabinet"] == "body-formal-committees"
    assert len(df) == len(rows("groups")) + len(rows("bodies"))


def test_supporters():
    df = run_named("supporters", target="theme-climate-emergency")
    expected = {r["subject"] for r in rows("alignments") if r["target"] == "theme-climate-emergency"}
    assert set(ids(df["thing"])) == expected
    assert set(df["linkStatus"]) == {"Curated"} and df["rationale"].notna().all()


def test_supporters_through_commitments(brookvale):
    df = run_named("supporters", graph=brookvale, target="amb-green")
    assert ids(df["thing"], B) == ["bv-a1"] and ids(df["via"], B) == ["amb-green-1"]
