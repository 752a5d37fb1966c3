"""``strategygraph import`` and ``diff`` on another council's tables, and on bad input.

Bad input gives one ``Error: path:row:column: message`` line, exit status 2, and writes
nothing (no output folder, no report, no temporary folder left behind).
"""

from __future__ import annotations

import json

import pytest

import strategygraph as sg
from strategygraph.build.folder import read_folder
from strategygraph.cli import cli

from .conftest import FIXTURES

HERE = FIXTURES / "import"
BAD = HERE / "malformed"
DOCX = HERE / "northshire-action-plan.docx"
XLSX = HERE / "northshire-update.xlsx"


def fails(runner, tmp_path, args, expected):
    out, report = tmp_path / "out", tmp_path / "report.json"
    result = runner.invoke(cli, ["import", *map(str, args), "-o", str(out), "--report", str(report)])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("Error: ") and expected in lines[0], lines[0]
    assert "Traceback" not in result.output
    assert not out.exists() and not report.exists()
    assert [p.name for p in tmp_path.iterdir()] == []  # no temporary folder left behind
    return lines[0]


@pytest.mark.parametrize("name,expected", [
    ("empty.csv", "empty.csv: is empty: expected a table with a header row"),
    ("not-a-table.txt", "not-a-table.txt: no table found"),
    ("no-columns.csv", "no-columns.csv:1: no recognisable columns: expected headers such as Recommendation"),
    ("header-only.csv", "header-only.csv:2: the table has a header row but no rows under it"),
    ("binary.xlsx", "binary.xlsx: is not an Excel workbook (.xlsx): is this really an .xlsx file?"),
    ("binary.csv", "binary.csv: is a binary file, not a table"),
    ("broken.docx", "broken.docx: is a damaged archive: is this really a .docx file?"),
    ("missing.csv", "missing.csv: no such file"),
])
def test_malformed_input(runner, tmp_path, name, expected):
    fails(runner, tmp_path, [BAD / name], expected)


def test_unreadable_date_in_strict_mode(runner, tmp_path):
    line = fails(runner, tmp_path, [BAD / "bad-date.csv", "--strict", "--period", "2025-01"],
                 "bad-date.csv:3:D (Target date): 'when funding allows' is not a date")
    assert line.endswith("(expected e.g. March 2025, 2025-03-31 or Q3 2025/26)")


def test_unreadable_date_without_strict_is_a_warning(runner, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(cli, ["import", str(BAD / "bad-date.csv"), "--period", "2025-01", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "bad-date.csv:3:D (Target date): 'when funding allows' is not a date" in result.stdout
    action = next(r for r in read_folder(out).table("actions") if r.get("recommendation") == "plan-r2")
    assert action.get("due_wording") == "when funding allows" and action.get("due_end") is None


def test_a_50_mb_file_is_refused_before_reading(runner, tmp_path):
    big = tmp_path / "in" / "plan.csv"
    big.parent.mkdir()
    with big.open("wb") as handle:
        handle.write(b"Recommendation,Action\n")
        line = b"1. Grow the economy,Draft an economic strategy and consult on it\n"
        handle.write(line * (50 * 1024 * 1024 // len(line) + 1))
    out = tmp_path / "out"
    result = runner.invoke(cli, ["import", str(big), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: {big}: is 50.0 MB, over the 20 MB limit for an action plan table " \
                                    "(is this the right file?)"
    assert not out.exists()


def test_no_date_anywhere_asks_for_period(runner, tmp_path):
    fails(runner, tmp_path, [BAD / "bad-date.csv"], "give --period (e.g. 2025-10)")


def test_bad_period(runner, tmp_path):
    fails(runner, tmp_path, [DOCX, "--period", "next spring"], "--period: 'next spring' is not a date")


def test_bad_mapping_file(runner, tmp_path):
    mapping = tmp_path.parent / f"{tmp_path.name}-map.json"
    mapping.write_text('{"columns": {"Owner": "boss"}}')
    fails(runner, tmp_path, [DOCX, "--mapping", mapping], "column 'Owner': unknown role 'boss'")


def test_output_folder_must_be_new_or_empty(runner, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    result = runner.invoke(cli, ["import", str(DOCX), "-o", str(out)])
    assert result.exit_code == 2 and "exists and is not empty" in result.stderr
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


# -- another council -----------------------------------------------------------------------

def test_word_table_of_another_council_imports_without_a_mapping(runner, tmp_path):
    out = tmp_path / "northshire"
    result = runner.invoke(cli, ["import", str(DOCX), "--plan-id", "cpc", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "A (Recommendation) → recommendation; B (Action) → action; C (Lead officer) → lead; " \
           "D (Target date) → due; E (Status) → rag" in result.stdout
    folder = read_folder(out)
    council = folder.table("council")[0]
    assert council.id == "northshire-district-council"
    recs = {r.get("notation"): r for r in folder.table("recommendations")}
    assert sorted(recs) == ["1", "2", "3", "3a", "3b", "4"]
    assert recs["3a"].get("part_of") == "cpc-r3" and recs["3a"].get("text").startswith("Agreeing a masterplan")
    assert {s.get("label") for s in folder.table("sections")} == {"Financial sustainability", "Place and growth"}
    acts = {a.id: a for a in folder.table("actions")}
    # A recommendation merged down over two action rows; two bulleted actions in one cell.
    assert acts["cpc-r1-a1"].get("due_end") == "2025-03-31" and acts["cpc-r1-a2"].get("due_end") == "2025-06-30"
    assert acts["cpc-r2-a1"].get("text") == "Create a Capital Board"
    assert acts["cpc-r2-a2"].get("text") == "Publish quarterly capital reports"
    assert (acts["cpc-r2-a2"].get("due_start"), acts["cpc-r2-a2"].get("due_end")) == ("2025-10-01", "2025-12-31")
    assert acts["cpc-r2-a1"].list("leads") == ["sam-okafor", "priya-shah"]
    assert acts["cpc-r1-a2"].list("leads") == ["j-patel", "head-of-finance"]
    assert acts["cpc-r3b-a1"].list("leads") == ["chief-executive"] and acts["cpc-r3b-a1"].get("due_end") is None
    assert {p.id for p in folder.table("posts")} == {"head-of-finance", "chief-executive"}
    assert {b.id for b in folder.table("bodies")} == {"democratic-services-team"}
    rags = {u.id: (u.get("rag"), u.get("rag_as_published")) for u in folder.table("updates")}
    assert rags["cpc-r1-a1-u2025"] == ("Green", "On track") and rags["cpc-r4-u2025"] == ("Red", "Red")
    assert rags["cpc-r2-u2025"] == ("Not started", "Not started")
    assert sg.validate(sg.build_graph(out)).conforms
    assert "lancaster" not in "".join(p.read_text() for p in out.glob("*.csv")).lower()


@pytest.mark.parametrize("mapping", ["northshire-mapping.json", "northshire-mapping.toml", "northshire-mapping.csv"])
def test_excel_update_with_other_headers_imports_with_a_mapping_file(runner, tmp_path, mapping):
    v1, v2 = tmp_path / "v1", tmp_path / "v2"
    assert runner.invoke(cli, ["import", str(DOCX), "--plan-id", "cpc", "-o", str(v1)]).exit_code == 0
    result = runner.invoke(cli, ["import", str(XLSX), "--previous", str(v1), "--mapping", str(HERE / mapping),
                                 "-o", str(v2), "--report", str(tmp_path / "r.json")])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "cpc-r1-a2: due moved from June 2025 (2025-06-30) to September 2025 (2025-09-30)" in out
    assert "cpc-r1-a2: RAG moved from Amber to Green" in out
    assert "cpc-r2-a1: leads changed from Sam Okafor and Priya Shah (sam-okafor, priya-shah) to Priya Shah" in out
    assert "cpc-r4-a2: new action in cpc-2025-09" in out
    assert "cpc-r2-a2: action no longer published in cpc-2025-09" in out
    folder = read_folder(v2)
    updates = {u.id: u for u in folder.table("updates") if u.get("source") == "cpc-2025-09"}
    # The plan's March 2025 version already has cpc-r3b-u2025: a second update that year gets the month.
    assert updates["cpc-r3b-u202509"].get("text") == "Bid submitted in April 2025."
    assert updates["cpc-r3b-u202509"].get("rag") == "Complete"
    assert {u.list("about")[0] for u in updates.values()} >= {"cpc-r1-a1", "cpc-r2-a1", "cpc-r4-a1"}
    assert sg.validate(sg.build_graph(v2)).conforms
    report = json.loads((tmp_path / "r.json").read_text())
    assert {c["rule"] for c in report["changes"]} >= {"due-moved", "rag-moved", "lead-changed", "action-added",
                                                      "action-dropped"}


def test_excel_update_without_the_mapping_keeps_unknown_columns_in_notes(runner, tmp_path):
    v1 = tmp_path / "v1"
    runner.invoke(cli, ["import", str(DOCX), "--plan-id", "cpc", "-o", str(v1)])
    result = runner.invoke(cli, ["import", str(XLSX), "--previous", str(v1), "-o", str(tmp_path / "v2")])
    assert result.exit_code == 0, result.output
    assert "E (Completion by) → kept in notes" in result.stdout
    act = next(a for a in read_folder(tmp_path / "v2").table("actions")
               if a.id == "cpc-r1-a2" and a.get("source") == "cpc-2025-09")
    assert "Completion by: 31/03/2025 September 2025" in act.get("note") and act.get("due_end") is None


def test_rdf_output(runner, tmp_path):
    out = tmp_path / "plan.trig"
    result = runner.invoke(cli, ["import", str(DOCX), "--plan-id", "cpc", "-o", str(out)])
    assert result.exit_code == 0, result.output
    ds = sg.read_dataset(out)
    assert sg.class_counts(ds)["sg:Action"] == 7
    assert [p.name for p in tmp_path.iterdir()] == ["plan.trig"]


def test_import_into_the_data_folder_in_place(runner, tmp_path):
    folder = tmp_path / "data"
    runner.invoke(cli, ["import", str(DOCX), "--plan-id", "cpc", "-o", str(folder)])
    before = sorted(p.name for p in folder.iterdir())
    result = runner.invoke(cli, ["import", str(XLSX), "--data", str(folder), "--previous", "cpc-2025-03",
                                 "--mapping", str(HERE / "northshire-mapping.json"), "-o", str(folder)])
    assert result.exit_code == 0, result.output
    after = sorted(p.name for p in folder.iterdir())
    assert set(after) - set(before) == {"actions-cpc-2025-09.csv", "recommendations-cpc-2025-09.csv",
                                        "sources-cpc-2025-09.csv", "updates-cpc-2025-09.csv"}
    assert [p.name for p in tmp_path.iterdir()] == ["data"]
    again = runner.invoke(cli, ["import", str(XLSX), "--data", str(folder), "--previous", "cpc-2025-03",
                                "--mapping", str(HERE / "northshire-mapping.json"), "-o", str(folder)])
    assert again.exit_code == 2 and "version cpc-2025-09 is already in the data folder" in again.stderr


def test_leads_resolve_against_the_people_already_in_the_graph(runner, tmp_path):
    """Importing the 2024 seed into the Lancaster data: every lead is a known person."""
    out = tmp_path / "out"
    seed = sg.sample_data() / "sources" / "002_9f929405294b7105.txt"
    result = runner.invoke(cli, ["import", str(seed), "--plan-id", "cpc", "--period", "2024-10", "--data",
                                 str(sg.sample_data()), "-o", str(out), "--report", str(tmp_path / "r.json")])
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "r.json").read_text())
    how = {p["published"]: (p["id"], p["how"]) for p in report["people"]}
    assert how["Stephen Metcalf"] == ("stephen-metcalfe", "alias")
    assert how["Jonathan Noad"] == ("jonathan-noad", "exact")
    assert not [p for p in report["people"] if p["new"]]
    assert not any(p.name.startswith("people-") for p in out.iterdir())


def test_dry_run_writes_nothing(runner, tmp_path):
    result = runner.invoke(cli, ["import", str(DOCX)])
    assert result.exit_code == 0
    assert "nothing written" in result.stdout
    assert "Imported" in result.stdout and "6 recommendations, 7 actions" in result.stdout


def test_diff_of_two_data_folders_and_unknown_version(runner, tmp_path):
    v1, v2 = tmp_path / "v1", tmp_path / "v2"
    runner.invoke(cli, ["import", str(DOCX), "--plan-id", "cpc", "-o", str(v1)])
    runner.invoke(cli, ["import", str(XLSX), "--previous", str(v1), "--mapping", str(HERE / "northshire-mapping.csv"),
                        "-o", str(v2)])
    result = runner.invoke(cli, ["diff", "cpc-2025-03", "cpc-2025-09", "--data", str(v2)])
    assert result.exit_code == 0
    assert "cpc-r4-a1: RAG moved from Red to Amber" in result.stdout
    result = runner.invoke(cli, ["diff", "cpc-2024-09", "cpc-2031-01"])
    assert result.exit_code == 2 and "no version 'cpc-2031-01' in this data folder" in result.stderr
