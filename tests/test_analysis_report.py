"""`strategygraph analyse` and the report formats: JSON shape, one-line errors, atomic
files, spreadsheet safety, and the HTML report in a real headless Chromium, offline."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

import strategygraph as sg
from strategygraph.analysis import analyse, render_analysis, write_analysis
from strategygraph.analysis.run import ANALYSES, Analysis
from strategygraph.cli import cli
from strategygraph.findings import Finding

from .browser import open_page, screenshot
from .conftest import FIXTURES

EDGETON = FIXTURES / "analysis" / "edgeton"


def run(runner, *args):
    return runner.invoke(cli, ["analyse", *args])


# -- CLI ----------------------------------------------------------------------------------------
def test_json_is_an_object_of_the_six_analyses(runner):
    result = run(runner, "--format", "json", "--as-of", "2026-01-01")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == list(ANALYSES)
    assert all(isinstance(v, list) for v in data.values())
    items = [x for v in data.values() for x in v]
    assert items and all({"label", "iri", "why", "rule", "evidence", "severity"} <= set(x) for x in items)
    pair = data["group_interactions"][0]
    assert set(pair["evidence"]) >= {"groups", "strength", "shared_priorities", "similar_workstreams",
                                     "shared_people", "shared_actions"}


def test_what_names_pick_analyses_and_accept_hyphens(runner):
    result = run(runner, "group-interactions", "overdue", "--format", "json", "--plan", "plan2030")
    assert result.exit_code == 0, result.stderr
    assert list(json.loads(result.stdout)) == ["overdue", "group_interactions"]


def test_as_of_moves_overdue(runner):
    early = json.loads(run(runner, "overdue", "--format", "json", "--plan", "cpc", "--as-of", "2024-10-15").stdout)
    late = json.loads(run(runner, "overdue", "--format", "json", "--plan", "cpc", "--as-of", "2026-01-01").stdout)
    assert [x["iri"].rsplit("/", 1)[-1] for x in early["overdue"]] == ["cpc-r5c-a1"]  # due September 2024
    assert len(late["overdue"]) > 20


@pytest.mark.parametrize("args, message", [
    (["--as-of", "2025-13-01"], "--as-of: '2025-13-01' is not a date"),
    (["--as-of", "last tuesday"], "is not a date (expected YYYY-MM-DD"),
    (["orphans"], "unknown analysis 'orphans'"),
    (["--plan", "nope"], "no plan has id 'nope'"),
    (["--format", "xlsx"], "give a file with -o"),
])
def test_bad_input_is_one_line_exit_2_and_nothing_written(runner, tmp_path, args, message):
    out = tmp_path / "analysis.html"
    result = run(runner, *args, *(["-o", str(out)] if "xlsx" not in args else []))
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("Error: ") and "Traceback" not in result.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_format_from_extension_and_xlsx_one_sheet_per_analysis(runner, tmp_path):
    out = tmp_path / "analysis.xlsx"
    result = run(runner, "--data", str(EDGETON), "--as-of", "2025-07-15", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert "Wrote" in result.stderr and [p.name for p in tmp_path.iterdir()] == ["analysis.xlsx"]
    wb = load_workbook(out)
    assert wb.sheetnames == list(ANALYSES) + ["coverage_matrix"]
    sheet = wb["orphaned_actions"]
    assert [c.value for c in sheet[1]] == ["severity", "rule", "label", "why", "iri", "evidence"]
    assert "Buy new ladders" in [c.value for c in sheet["C"]]


def test_threshold_and_graph_file_options(runner, tmp_path):
    graph = tmp_path / "edgeton.trig"
    sg.write_dataset(sg.build_graph(EDGETON), graph)
    result = run(runner, "overloaded_leads", "--graph", str(graph), "--threshold", "4.5", "--format", "json")
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)["overloaded_leads"]
    assert [x["label"] for x in found if x["rule"] == "overloaded-lead"] == ["Eve Elm"]


def test_table_is_the_default_and_reads_as_sentences(runner):
    result = run(runner, "overdue", "--plan", "cpc", "--as-of", "2025-12-01")
    assert result.exit_code == 0
    assert result.stdout.startswith("Lancaster City Council: delivery analysis\nAs of 1 December 2025")
    assert "Overdue and slipping work (" in result.stdout and "[HIGH]" in result.stdout
    assert "moved from 31 March 2025" in result.stdout.replace("\n      ", " ")


# -- formats ------------------------------------------------------------------------------------
def hostile() -> Analysis:
    evil = "=HYPERLINK(\"http://x\",\"y\") <img src=x onerror=alert(1)> | *x* [y](z)"
    return Analysis({"overdue": [Finding("overdue", "urn:x", evil, f"Why {evil}", "past-due", {"who": evil}, "high")],
                     "group_interactions": []})


def test_csv_keeps_every_finding_and_neutralises_formulas(tmp_path):
    text = render_analysis(hostile(), "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["rule"] for r in rows] == ["past-due"]
    assert rows[0]["label"].startswith("'=HYPERLINK")
    assert json.loads(rows[0]["evidence"])["who"].startswith("=HYPERLINK")


def test_xlsx_keeps_formula_like_text_as_text(tmp_path):
    out = write_analysis(hostile(), tmp_path / "x.xlsx")
    cell = load_workbook(out)["overdue"]["C2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_markdown_escapes_tables_and_html():
    text = render_analysis(hostile(), "markdown")
    line = next(x for x in text.splitlines() if x.startswith("| high"))
    assert line.count(" | ") == 2  # the label's "|" cannot split the row
    assert "<img" not in text and "&lt;img" in text


def test_json_of_an_analysis_round_trips(lancaster):
    result = analyse(lancaster, ["status_rollup"])
    data = json.loads(render_analysis(result, "json"))
    assert [x["iri"] for x in data["status_rollup"]] == [f.iri for f in result["status_rollup"]]


def test_failed_write_leaves_nothing(tmp_path):
    class Broken(Finding):
        def as_dict(self):
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_analysis({"overdue": [Broken("overdue", "x", "X", "late")]}, tmp_path / "a.json")
    assert list(tmp_path.iterdir()) == []


# -- the HTML report in a real browser ------------------------------------------------------------
def test_html_report_reads_offline(browser, lancaster, tmp_path):
    import datetime as dt

    path = write_analysis(analyse(lancaster, as_of=dt.date(2026, 1, 1)), tmp_path / "analysis.html")
    visit = open_page(browser, path, ready=None)
    page = visit.page
    assert visit.console_errors == [] and visit.blocked_requests == [] and visit.dialogs == []
    assert page.evaluate("document.scripts.length") == 0
    headings = page.eval_on_selector_all("h2", "hs => hs.map(h => h.id)")
    assert [h for h in headings if h] == list(ANALYSES)
    text = page.inner_text("body")
    assert "Lancaster City Council: delivery analysis" in text and "Alex Kinch" in text
    assert "Arts, Culture, Heritage & Tourism" in text
    assert page.evaluate("document.querySelectorAll('table').length") >= 7  # summary, matrix, six analyses
    screenshot(visit, "analysis-lancaster")
    page.close()


def test_html_report_shows_hostile_labels_as_text(browser, tmp_path):
    path = write_analysis(analyse(sg.build_graph(FIXTURES / "evil")), tmp_path / "evil.html")
    visit = open_page(browser, path, ready=None)
    page = visit.page
    assert visit.console_errors == [] and visit.blocked_requests == [] and visit.dialogs == []
    assert page.evaluate("document.querySelectorAll('img, iframe, svg, script, b, i').length") == 0
    assert "<img src=x onerror=alert(1)>" in page.inner_text("body")
    page.click("details summary")  # evidence opens without running anything
    assert visit.dialogs == []
    screenshot(visit, "analysis-hostile")
    page.close()
