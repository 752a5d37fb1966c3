"""Build the importer's fixtures: another council's plan as Word and Excel, and bad files.

Run ``python tests/data/import/make_fixtures.py`` to rebuild them; the tests use the
committed files. "Northshire District Council" is made up; the table follows the layout
of the published LGA corporate peer challenge action plans (Recommendation | Action |
Lead officer | Target date | Status), with what real ones contain: a heading row merged
across the table, a recommendation merged down over its action rows, bulleted actions in
one cell, a stem with lettered parts, several leads in a cell, and dates written as
officers write them.

The Excel file is the same plan's progress update six months on, with the column headers
another team chose ("Peer team finding", "Our response", "Accountable manager",
"Completion by", "Progress RAG", "Commentary"): ``northshire-mapping.*`` say what they mean.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).parent

PLAN = [
    ("heading", "FINANCIAL SUSTAINABILITY"),
    ("rec", "1. Set out a medium-term financial strategy that closes the budget gap over three years.", [
        (["Refresh the Medium Term Financial Strategy"], "Head of Finance", "31/03/2025", "On track"),
        (["Agree a savings programme with Cabinet"], "J. Patel / Head of Finance", "June 2025", "Amber"),
    ]),
    ("rec", "2. Strengthen the governance of the capital programme.", [
        (["Create a Capital Board", "Publish quarterly capital reports"], "Sam Okafor and Priya Shah",
         "Q3 2025/26", "Not started"),
    ]),
    ("heading", "PLACE AND GROWTH"),
    ("rec", "3. Develop a shared vision for the town centre with partners by:", []),
    ("rec", "a) Agreeing a masterplan with the business community", [
        (["Run three public workshops"], "Priya Shah", "End September 2025", "Green"),
    ]),
    ("rec", "b) Bidding for regeneration funding", [
        (["Submit a regeneration funding bid"], "Chief Executive", "Ongoing", "Complete"),
    ]),
    ("rec", "4. Invest in member development.", [
        (["Launch a councillor induction programme"], "Democratic Services Team", "May 2025", "Red"),
    ]),
]

UPDATE_HEADER = ["Ref", "Peer team finding", "Our response", "Accountable manager", "Completion by", "Progress RAG",
                 "Commentary"]
UPDATE_ROWS = [
    ["1", "Set out a medium-term financial strategy that closes the budget gap over three years.",
     "Refresh the Medium Term Financial Strategy\nAgree a savings programme with Cabinet",
     "Head of Finance\nJ Patel / Head of Finance", "31/03/2025\nSeptember 2025", "Green",
     "MTFS approved by Council in February 2025. Savings programme delayed to September."],
    ["2", "Strengthen the governance of the capital programme.", "Create a Capital Board",
     "Priya Shah", "Q3 2025/26", "Amber", "Board terms of reference drafted."],
    ["3", "Develop a shared vision for the town centre with partners by:", "", "", "", "", ""],
    ["", "Agreeing a masterplan with the business community", "Run three public workshops", "Priya Shah",
     "End September 2025", "Green", "Two workshops held; the third is booked."],
    ["", "Bidding for regeneration funding", "Submit a regeneration funding bid", "Chief Executive", "Ongoing",
     "Complete", "Bid submitted in April 2025."],
    ["4", "Invest in member development.",
     "Launch a councillor induction programme\nOffer mentoring for new councillors", "Democratic Services Team",
     "May 2025\nDecember 2025", "Amber", "Induction delivered; mentoring scheme being designed."],
]
MAPPING = {"columns": {"Accountable manager": "lead", "Completion by": "due", "Progress RAG": "rag"},
           "people": {"J Patel": "J. Patel"},
           "rag": {"On track": "Green"}}


def make_docx(path: Path) -> None:
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.add_heading("Northshire District Council – Corporate Peer Challenge Action Plan, March 2025", level=1)
    document.add_paragraph("Agreed by Cabinet. Progress is reported to Overview and Scrutiny every six months.")
    headers = ["Recommendation", "Action", "Lead officer", "Target date", "Status"]
    rows = 1 + sum(1 if kind == "heading" else max(1, len(body[1])) for kind, *body in PLAN)
    table = document.add_table(rows=rows, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers):
        cell.text = text
        cell.paragraphs[0].runs[0].font.size = Pt(10)
    r = 1
    for kind, *body in PLAN:
        if kind == "heading":
            merged = table.cell(r, 0).merge(table.cell(r, 4))
            merged.text = body[0]
            r += 1
            continue
        text, actions = body
        span = max(1, len(actions))
        rec_cell = table.cell(r, 0) if span == 1 else table.cell(r, 0).merge(table.cell(r + span - 1, 0))
        rec_cell.text = text
        for i, (items, lead, due, status) in enumerate(actions):
            row = table.rows[r + i]
            action_cell = row.cells[1]
            action_cell.text = ""
            if len(items) == 1:
                action_cell.paragraphs[0].text = items[0]
            else:
                action_cell.paragraphs[0].text = items[0]
                action_cell.paragraphs[0].style = "List Bullet"
                for item in items[1:]:
                    action_cell.add_paragraph(item, style="List Bullet")
            row.cells[2].text = lead
            row.cells[3].text = due
            row.cells[4].text = status
        r += span
    document.save(path)


def make_xlsx(path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Action plan"
    sheet.append(["Northshire District Council – Peer Challenge Action Plan: progress at September 2025"])
    sheet.merge_cells("A1:G1")
    sheet.append([])
    sheet.append(UPDATE_HEADER)
    for row in UPDATE_ROWS:
        sheet.append(row)
    notes = book.create_sheet("Notes")
    notes.append(["RAG key", "Green: on track; Amber: at risk; Red: off track"])
    book.save(path)


def make_mappings() -> None:
    (HERE / "northshire-mapping.json").write_text(json.dumps(MAPPING, indent=2) + "\n", encoding="utf-8")
    toml = ['[columns]'] + [f'"{k}" = "{v}"' for k, v in MAPPING["columns"].items()]
    toml += ["", "[people]"] + [f'"{k}" = "{v}"' for k, v in MAPPING["people"].items()]
    toml += ["", "[rag]"] + [f'"{k}" = "{v}"' for k, v in MAPPING["rag"].items()]
    (HERE / "northshire-mapping.toml").write_text("\n".join(toml) + "\n", encoding="utf-8")
    rows = ["kind,published,meaning"] + [f"column,{k},{v}" for k, v in MAPPING["columns"].items()]
    rows += [f"person,{k},{v}" for k, v in MAPPING["people"].items()]
    rows += [f"rag,{k},{v}" for k, v in MAPPING["rag"].items()]
    (HERE / "northshire-mapping.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def make_malformed() -> None:
    bad = HERE / "malformed"
    bad.mkdir(exist_ok=True)
    (bad / "empty.csv").write_bytes(b"")
    (bad / "not-a-table.txt").write_text(
        "Minutes of the meeting\n\nThe committee noted the report and agreed the recommendations.\n", encoding="utf-8")
    (bad / "no-columns.csv").write_text("Name,Amount,Year\nGrant,1200,2024\nLoan,500,2025\n", encoding="utf-8")
    (bad / "header-only.csv").write_text("Recommendation,Action,Lead officer,Target date,Status\n", encoding="utf-8")
    (bad / "bad-date.csv").write_text(
        "Recommendation,Action,Lead officer,Target date,Status\n"
        "1. Publish a plan,Draft the plan,Ann Oak,March 2025,Green\n"
        "2. Consult residents,Run a survey,Bo Elm,when funding allows,Amber\n", encoding="utf-8")
    (bad / "binary.xlsx").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (bad / "binary.csv").write_bytes(bytes(range(256)) * 4)
    (bad / "broken.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 40 + b"not really a zip")


def main() -> None:
    make_docx(HERE / "northshire-action-plan.docx")
    make_xlsx(HERE / "northshire-update.xlsx")
    make_mappings()
    make_malformed()


if __name__ == "__main__":
    main()
