"""The main job: one command writes the whole pack, and its index links every file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from urllib.parse import urlparse, unquote

import pytest

from strategygraph.cli import cli
from strategygraph.report import write_report

from .browser import open_page, screenshot
from .conftest import FIXTURES


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    return write_report(tmp_path_factory.mktemp("report") / "out", as_of=date(2025, 11, 1))


def test_pack_holds_graph_reports_and_every_figure(pack):
    files = set(pack.files)
    assert {"graph/graph.trig", "graph/graph.nq", "graph/graph.ttl", "validation/validation.txt",
            "analysis/analysis.html", "analysis/analysis.xlsx", "analysis/analysis.json", "index.html"} <= files
    for view in ("fig1", "fig2", "governance", "delivery", "explore"):
        assert {f"figures/{view}.html", f"figures/{view}.svg", f"figures/{view}.png"} <= files
    assert all((pack.folder / name).stat().st_size > 0 for name in files)
    assert pack.conforms
    analysis = json.loads((pack.folder / "analysis" / "analysis.json").read_text())
    assert len(analysis["group_interactions"]) == 10


def test_index_opens_and_every_link_resolves(browser, pack):
    visit = open_page(browser, pack.folder / "index.html", ready=None)
    links = visit.page.eval_on_selector_all("a", "els => els.map(a => a.href)")
    assert len(links) >= 20
    for href in links:
        url = urlparse(href)
        assert url.scheme == "file", href
        target = Path(unquote(url.path))
        assert target.is_file(), href
        assert pack.folder.resolve() in target.resolve().parents
    assert visit.console_errors == [] and visit.blocked_requests == []
    screenshot(visit, "report-index")
    visit.page.close()


def test_report_cli_writes_nothing_on_bad_data(runner, tmp_path, tinytown):
    (tinytown / "updates.csv").write_text("id,about,rag\nu1,pr-1-a1,Purple\n")
    out = tmp_path / "out"
    result = runner.invoke(cli, ["report", "-o", str(out), "--data", str(tinytown)])
    assert result.exit_code == 2
    assert "updates.csv:2:C (rag): unknown RAG value 'Purple'" in result.stderr
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [tinytown]


def test_report_cli_on_another_council(runner, tmp_path):
    out = tmp_path / "evil"
    result = runner.invoke(cli, ["report", "-o", str(out), "--data", str(FIXTURES / "evil")])
    assert result.exit_code == 0, result.output
    index = (out / "index.html").read_text()
    assert "<b>Borough</b>" not in index and "Evil &lt;b&gt;Borough&lt;/b&gt; Council" in index
