"""Diagrams drawn from the graph, checked as data and as files."""

from __future__ import annotations

import re

import pytest
from rdflib.namespace import RDF, RDFS

from strategygraph.cli import cli
from strategygraph.graphfile import union
from strategygraph.render import make_view, write_figure
from strategygraph.render.views import ViewError
from strategygraph.terms import SG

from .conftest import FIXTURES


def test_fig1_is_centre_groups_and_every_workstream(lancaster):
    view = make_view(lancaster, "fig1")
    kinds = [n.kind for n in view.nodes]
    assert kinds.count("plan") == 1 and kinds.count("group") == 5 and kinds.count("workstream") == 31
    assert [label for label, _ in view.legend] == [
        "Group 1 – Climate Emergency", "Group 2 – Finance & Resources", "Group 3a – Healthy & Happy Communities",
        "Group 3b – Community Power & Resilience", "Group 4 – A Regenerative & Distributive Economy"]
    # every workstream hangs from its own group, in that group's colour
    by_id = {n.id: n for n in view.nodes}
    for edge in view.edges:
        child, parent = by_id[edge.source], by_id[edge.target]
        if child.kind == "workstream":
            assert parent.kind == "group" and child.color == parent.color


def test_fig1_nodes_do_not_overlap(lancaster):
    view = make_view(lancaster, "fig1")
    points = [(n.x, n.y) for n in view.nodes]
    for i, (x0, y0) in enumerate(points):
        for x1, y1 in points[i + 1:]:
            assert abs(x0 - x1) > 100 or abs(y0 - y1) > 40


def test_governance_shows_fig7(lancaster):
    view = make_view(lancaster, "governance")
    labels = {n.label for n in view.nodes}
    assert {"Existing formal committees", "Cabinet", "Informal Strategic Oversight Group",
            "Leader of the Council", "Group 1 – Climate Emergency"} <= labels
    reports = {(view.node(e.source).label, view.node(e.target).label) for e in view.edges if e.label == "reports to"}
    assert ("Informal Strategic Oversight Group", "Existing formal committees") in reports
    chair = [e for e in view.edges if e.label == "Chair"]
    assert {view.node(e.source).label for e in chair} == {"Leader of the Council"}
    oversight = view.node(next(n.id for n in view.nodes if n.label == "Informal Strategic Oversight Group"))
    top = view.node(next(n.id for n in view.nodes if n.label == "Existing formal committees"))
    assert top.y < oversight.y  # the formal committees sit above what reports to them


def test_delivery_puts_milestones_on_a_time_axis(lancaster):
    view = make_view(lancaster, "delivery")
    ms = {n.label: n for n in view.nodes if n.kind == "milestone"}
    assert len(ms) == 20
    assert ms["Undertake procurement exercise"].x < ms["Finalise business case"].x < ms["Report to Council"].x
    assert [t[1] for t in view.extras["axis"]][:2] == ["Jun 2020", "Jul 2020"]
    leads = {n.label for n in view.nodes if n.kind == "person"}
    assert leads == {"Mark Davies", "E Grimshaw", "S Kirby"}


def test_explore_colours_actions_by_latest_status(lancaster):
    view = make_view(lancaster, "explore", plan="cpc")
    node = view.node(next(n.id for n in view.nodes if n.id.endswith("/cpc-r1-a1")))
    assert node.details["Status"].startswith("Amber") and node.color == "#E67E22"
    assert "001_c16c167fb18a239d.txt line 2" in node.details["Source"]
    assert node.details["Due"] == "February 2025 (2025-02-28)"


def test_unknown_plan_is_a_clear_error(lancaster):
    with pytest.raises(ViewError, match="no plan 'nope'"):
        make_view(lancaster, "fig1", plan="nope")


@pytest.mark.parametrize("view", ["fig1", "fig2"])
def test_svg_holds_every_group_label_as_text(lancaster, tmp_path, view):
    svg = write_figure(lancaster, view, tmp_path / f"{view}.svg").read_text(encoding="utf-8")
    texts = " ".join(re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<text[^>]*>.*?</text>", svg, re.S))
    g = union(lancaster)
    for group in g.subjects(RDF.type, SG.DeliveryGroup):
        words = str(g.value(group, RDFS.label)).replace("&", "&amp;")
        assert words.split()[-1] in texts, words
    assert "Group 3a" in texts


@pytest.mark.parametrize("view", ["fig1", "fig2", "governance", "delivery"])
def test_png_is_a4_readable(lancaster, tmp_path, view):
    png = write_figure(lancaster, view, tmp_path / f"{view}.png")
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(data[16:20], "big")
    assert width >= 1600  # A4 width at about 200 dpi


def test_render_cli(runner, tmp_path):
    out = tmp_path / "fig1.html"
    result = runner.invoke(cli, ["render", "fig1", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "Plan 20 30" in page and not re.search(r"""(src|href)=["']https?:""", page)
    result = runner.invoke(cli, ["render", "fig1", "-o", str(tmp_path / "fig1.pdf")])
    assert result.exit_code == 2 and "the format is one of html, svg, png" in result.stderr
    assert not (tmp_path / "fig1.pdf").exists()


def test_render_another_councils_data(runner, tmp_path):
    out = tmp_path / "g.html"
    result = runner.invoke(cli, ["render", "governance", "--data", str(FIXTURES / "evil"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "<iframe" not in out.read_text(encoding="utf-8")


def test_pyvis_network_for_notebooks(lancaster):
    from strategygraph.render import render_network

    net = render_network(lancaster, "fig1")
    assert net.num_nodes() == 37 and net.num_edges() == 36
