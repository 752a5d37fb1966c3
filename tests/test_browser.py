"""Every diagram opens in headless Chromium offline, draws what the graph holds, and keeps
user text inert."""

from __future__ import annotations

import pytest
from rdflib.namespace import FOAF, ORG, RDF

import strategygraph as sg
from strategygraph.graphfile import union
from strategygraph.render import write_figure
from strategygraph.terms import SG

from .browser import open_page, screenshot
from .conftest import FIXTURES

VIEWS = ["fig1", "fig2", "governance", "delivery", "explore"]


def expected_count(ds, view: str) -> int:
    """The number of nodes a view must draw, counted from the graph independently of the view code."""
    g = union(ds)
    frameworks = [f for f in g.subjects(RDF.type, SG.StrategicFramework)
                  if any((x, RDF.type, SG.DeliveryGroup) in g for x in g.subjects(SG.inPlan, f))]
    groups = {x for x in g.subjects(SG.inPlan, frameworks[0]) if (x, RDF.type, SG.DeliveryGroup) in g}
    if view == "fig1":
        return 1 + len(groups) + len({w for grp in groups for w in g.subjects(SG.inGroup, grp)})
    if view == "fig2":
        return 1 + len(groups)
    if view == "governance":
        nodes = set(g.subjects(RDF.type, SG.DeliveryGroup))
        for cls in (SG.GoverningBody, SG.Committee, SG.WorkingGroup):
            nodes |= set(g.subjects(RDF.type, cls))
        nodes |= {o for o in g.objects(None, ORG.member)}
        for prop in (ORG.reportsTo, ORG.subOrganizationOf):
            nodes |= {n for pair in g.subject_objects(prop) for n in pair}
        return len(nodes)
    if view == "delivery":
        plan = next(iter(g.subjects(RDF.type, SG.DeliveryPlan)))
        projects = set(g.subjects(SG.inPlan, plan))
        return (len(projects) + len({m for p in projects for m in g.subjects(SG.milestoneOf, p)})
                + len({lead for p in projects for lead in g.objects(p, SG.ledBy)}))
    kinds = [SG.Plan, SG.CouncilPlan, SG.StrategicFramework, SG.ActionPlan, SG.DeliveryPlan, SG.Strategy,
             SG.Priority, SG.Theme, SG.Commitment, SG.DeliveryGroup, SG.Workstream, SG.Recommendation,
             SG.Action, SG.Project, SG.Milestone, SG.GoverningBody, SG.Committee, SG.WorkingGroup,
             SG.OfficerTeam, SG.Indicator, SG.Section, ORG.Post, FOAF.Person]
    return len({s for k in kinds for s in g.subjects(RDF.type, k)})


def click_first(visit, kind: str) -> str:
    """Click the first node of *kind* on the canvas and return the details panel's text."""
    page = visit.page
    point = page.evaluate(
        """kind => { const n = sgNodes.get({filter: x => x.kind === kind})[0];
                     const p = sgNetwork.canvasToDOM(sgNetwork.getPositions([n.id])[n.id]);
                     const r = document.getElementById('network').getBoundingClientRect();
                     return {x: p.x + r.left, y: p.y + r.top}; }""", kind)
    page.mouse.click(point["x"], point["y"])
    return page.inner_text("#details")


@pytest.fixture(scope="module")
def pages(tmp_path_factory, lancaster):
    out = tmp_path_factory.mktemp("pages")
    return {v: write_figure(lancaster, v, out / f"{v}.html") for v in VIEWS}


@pytest.mark.parametrize("view", VIEWS)
def test_view_opens_offline_and_draws_the_graph(browser, pages, lancaster, view):
    visit = open_page(browser, pages[view])
    assert visit.console_errors == []
    assert visit.blocked_requests == []
    assert visit.page.evaluate("sgNodes.length") == expected_count(lancaster, view)
    kind = {"fig1": "group", "fig2": "group", "governance": "body", "delivery": "action", "explore": "priority"}[view]
    details = click_first(visit, kind)
    assert "Type" in details and kind in details
    screenshot(visit, f"lancaster-{view}")
    visit.page.close()


def test_fig1_on_lancaster_has_centre_five_groups_and_31_workstreams(browser, pages):
    visit = open_page(browser, pages["fig1"])
    counts = visit.page.evaluate("""() => { const c = {}; sgNodes.forEach(n => c[n.kind] = (c[n.kind] || 0) + 1);
                                           return c; }""")
    assert counts == {"plan": 1, "group": 5, "workstream": 31}
    visit.page.close()


def test_fig2_edge_hover_shows_evidence(browser, pages):
    visit = open_page(browser, pages["fig2"])
    page = visit.page
    point = page.evaluate(
        """() => { const e = sgEdges.get().filter(
                       x => x.details && (x.details['Similar workstreams'] || '').includes('Arts'))[0];
                   const pos = sgNetwork.getPositions([e.from, e.to]);
                   const mid = {x: (pos[e.from].x + pos[e.to].x) / 2, y: (pos[e.from].y + pos[e.to].y) / 2};
                   const p = sgNetwork.canvasToDOM(mid);
                   const r = document.getElementById('network').getBoundingClientRect();
                   return {x: p.x + r.left, y: p.y + r.top}; }""")
    page.mouse.move(point["x"], point["y"])
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
    tip = page.inner_text("div.vis-tooltip")
    assert "Arts, Culture, Heritage" in tip
    visit.page.close()


def test_explore_filters_and_search(browser, pages):
    visit = open_page(browser, pages["explore"])
    page = visit.page
    total = page.evaluate("sgNodes.get({filter: n => !n.hidden}).length")
    page.uncheck("input[data-kind='person']")
    people = page.evaluate("sgNodes.get({filter: n => n.kind === 'person'}).length")
    assert page.evaluate("sgNodes.get({filter: n => !n.hidden}).length") == total - people
    page.fill("#search", "Economic Strategy")
    assert "found" in page.inner_text("#matches")
    assert page.evaluate("sgNetwork.getSelectedNodes().length") >= 1
    visit.page.close()


@pytest.mark.parametrize("view", VIEWS)
def test_hostile_labels_render_as_text(browser, tmp_path, view):
    ds = sg.build_graph(FIXTURES / "evil")
    path = write_figure(ds, view, tmp_path / f"{view}.html")
    visit = open_page(browser, path)
    page = visit.page
    assert visit.dialogs == [] and visit.console_errors == [] and visit.blocked_requests == []
    assert page.evaluate("document.querySelectorAll('img, iframe, svg[onload]').length") == 0
    assert page.evaluate("document.scripts.length") == 3  # our data, vis-network and our code: nothing injected
    labels = page.evaluate("sgNodes.get().map(n => n.label).join(' ')")
    if view in ("fig1", "fig2", "explore"):
        assert "<img src=x onerror=alert(1)>" in labels
    kind = {"fig1": "group", "fig2": "group", "governance": "body", "delivery": "action", "explore": "person"}[view]
    details = click_first(visit, kind)
    assert "<" in details  # the hostile text is shown, as text
    assert visit.dialogs == []
    screenshot(visit, f"hostile-{view}")
    page.close()
