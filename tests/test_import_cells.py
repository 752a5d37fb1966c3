"""Cleaning what officers would otherwise tidy by hand, and the no-lost-text guarantee.

The guarantee (``strategygraph.importer.text``): every character of a kept cell ends up
in some output field, except markup — HTML tags of known element names, character
entities (decoded, so their character is kept), bullet glyphs, the numbers of numbered
items and recommendations the importer turns into structure (recorded in the report as
``stripped``), separators between listed dates (also recorded), and white space. Rows the
report lists as dropped (repeated page headers, rules) or blank are not kept cells. The
comparison is case-insensitive only for section headings (sentence-cased labels).
"""

from __future__ import annotations

import csv
import html
import re
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategygraph.importer import parse_due, parse_due_list, parse_rag, read_action_plan, split_people
from strategygraph.importer.columns import find_columns, role_of
from strategygraph.importer.layout import lay_out
from strategygraph.importer.people import Agent, People, groups
from strategygraph.importer.structure import parse_recommendation_cell
from strategygraph.importer.tables import RawRow
from strategygraph.importer.text import clean_html, sentences, split_items

BULLET_GLYPHS = "•●▪◦‣∙○■□➢➤►▶✓✔\uf0b7\uf0a7\uf0d8"
KNOWN_TAGS = re.compile(r"</?(?:p|div|span|ul|ol|li|br|b|i|u|em|strong|font|a|sup|sub|h[1-6]|table|tbody|thead|tr|td"
                        r"|th|hr|s|strike|small|big|blockquote|pre|code|o:p)(?:\s[^<>]*)?/?>", re.IGNORECASE)


def visible(text: str, fold: bool = False) -> Counter:
    """Characters that must survive, written independently of the importer's own helper."""
    text = KNOWN_TAGS.sub(" ", text)
    text = re.sub(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});",
                  lambda m: html.unescape(m.group(0)), text)
    chars = [c for c in text if not c.isspace() and c not in BULLET_GLYPHS]
    return Counter("".join(chars).casefold()) if fold else Counter(chars)


# -- due wording -----------------------------------------------------------------------------

@pytest.mark.parametrize("wording,start,end", [
    ("End November 2024", None, "2024-11-30"),
    ("Annual review March 2025", None, "2025-03-31"),
    ("October 24 – March 25", "2024-10-01", "2025-03-31"),
    ("Q3 2025/26", "2025-10-01", "2025-12-31"),
    ("Ongoing", None, None),
    ("February 2025", None, "2025-02-28"),
    ("September - December 24", "2024-09-01", "2024-12-31"),
    ("by Summer 2018", None, "2018-08-31"),
    ("during 2017/18", "2017-04-01", "2018-03-31"),
    ("31/03/2025", None, "2025-03-31"),
    ("2025-06-30", None, "2025-06-30"),
    ("From April 2025", "2025-04-01", None),
])
def test_due_wording(wording, start, end):
    due = parse_due(wording)
    assert (due.wording, due.start, due.end, due.problem) == (wording, start, end, None)


def test_months_without_a_year_fall_inside_the_plans_period():
    from strategygraph.importer.dates import Period

    due = parse_due("April – June", Period.of("2024-09"))
    assert (due.start, due.end) == ("2025-04-01", "2025-06-30")
    assert "placed in 2025, inside the plan's period" in due.notes[0]
    assert parse_due("November", Period.of("2024-09")).end == "2024-11-30"
    assert parse_due("April").problem == "'April' has no year and the plan's period is unknown (give --period)"


def test_one_cell_listing_several_dates():
    dues = parse_due_list("September 24 September - December 24 November 24 – February 25 April – September 25")
    assert [(d.start, d.end) for d in dues] == [(None, "2024-09-30"), ("2024-09-01", "2024-12-31"),
                                                 ("2024-11-01", "2025-02-28"), ("2025-04-01", "2025-09-30")]
    whole = parse_due("March 2025, June 2025")
    assert (whole.start, whole.end) == ("2025-03-31", "2025-06-30")


@given(st.text(max_size=60))
def test_due_parsing_never_fails_and_keeps_every_character(text):
    dues = parse_due_list(text)
    kept = "".join(d.wording + d.separators for d in dues)
    assert visible(kept) == visible(text.strip())
    for due in dues:
        if due.start and due.end:
            assert due.start <= due.end or "ends before it starts" in " ".join(due.notes)


# -- RAG --------------------------------------------------------------------------------------

@pytest.mark.parametrize("cell,label,published", [
    ("GREEN", "Green", "GREEN"), ("Orange", "Amber", "Orange"), ("COMPLETE", "Complete", "COMPLETE"),
    ("G", "Green", "G"), ("On track", "Green", "On track"), ("Not started", "Not started", "Not started"),
    ("", None, ""), ("Blue", "Complete", "Blue"),
])
def test_rag_vocabulary_comes_from_the_ontology(cell, label, published):
    rag = parse_rag(cell)
    assert (rag.label, rag.published) == (label, published)


def test_rag_cell_with_the_tail_of_another_sentence():
    rag = parse_rag("Service Improvement Plan. GREEN")
    assert (rag.label, rag.stray_before) == ("Green", "Service Improvement Plan.")
    prose = parse_rag("Delays with this commencing seen - however remains a priority")
    assert prose.label is None and prose.stray_before.startswith("Delays")
    assert parse_rag("the new park is green").label is None  # a word of prose is not a rating


@given(st.text(max_size=40))
def test_rag_parsing_keeps_every_character(text):
    rag = parse_rag(text)
    assert visible(rag.published + rag.stray_before + rag.stray_after) == visible(text)


# -- items, HTML, recommendations --------------------------------------------------------------

def test_html_and_bullets_become_separate_items():
    text = clean_html('<ul style="list-style-type: none"> • Prepare a draft • Consult on it &amp; adopt it </ul>')
    assert [i.text for i in split_items(text)] == ["Prepare a draft", "Consult on it & adopt it"]
    assert [i.text for i in split_items("- One\n- Two\nthree continues")] == ["One", "Two three continues"]


@given(st.lists(st.sampled_from(list("ab .-*1)2\n•") + ["<p>", "</li>", "<li>", "&amp;"]), max_size=40).map("".join))
def test_split_items_keeps_every_character(text):
    cleaned = clean_html(text)
    items = split_items(cleaned, numbered=True)
    kept = "".join(i.text + "".join(i.markers) for i in items)
    assert visible(kept) == visible(text)


def test_merged_recommendations_split_only_when_safe():
    chunks, warnings = parse_recommendation_cell("9.Engage with officers. 10.Accelerate the equality policy")
    assert [(c.number, c.split_from) for c in chunks] == [("9", None), ("10", "9")]
    chunks, warnings = parse_recommendation_cell("3. Review the plan. 7. Something else")
    assert len(chunks) == 1 and "'7.'" in warnings[0]
    chunks, _ = parse_recommendation_cell("5. Take steps by:\nAligning the budget.\nImplementing a framework.")
    assert [c.text for c in chunks] == ["Take steps by:", "Aligning the budget.", "Implementing a framework."]
    assert parse_recommendation_cell("10 year Capital Programme")[0][0].number is None


def test_sentences_ignore_abbreviations():
    text = "Plan agreed, e.g. HR EDI policy. Next step."
    assert [text[s:e] for s, e in sentences(text)] == ["Plan agreed, e.g. HR EDI policy.", "Next step."]


# -- columns, page headers, continuation rows ------------------------------------------------------

def test_header_synonyms():
    assert role_of("What") == ("recommendation", None) and role_of("How") == ("action", None)
    assert role_of("Target date") == ("due", None) and role_of("Owner") == ("lead", None)
    assert role_of("Responsible") == ("chief_officer", None) and role_of("RAG rating") == ("rag", None)
    assert role_of("Key updates") == ("update", None) and role_of("Update March 2024") == ("update", "2024-03")


def rows(*lines: str) -> list[RawRow]:
    return [RawRow(n, line.split("|")) for n, line in enumerate(lines, start=1)]


def test_page_headers_are_found_by_repetition_not_wording():
    table = rows("Anytown Borough Council – Improvement Plan (page header)", "",
                 "Recommendation|Action|Lead|Due", "1. Grow|Draft a|Ann Oak|May 2025", "",
                 "Anytown Borough Council – Improvement Plan (page header)", "", "|strategy||",
                 "Recommendation|Action|Lead|Due", "2. Fix|Mend it|Bo Elm|June 2025")
    layout = lay_out(table, find_columns(table, "t"))
    assert [(r.number, r.text("action")) for r in layout.rows] == [(4, "Draft a strategy"), (10, "Mend it")]
    kinds = {e.number: e.kind for e in layout.events}
    assert kinds[6] == "dropped" and kinds[9] == "dropped" and kinds[8] == "continuation"


def test_a_single_title_line_is_not_a_page_header():
    table = rows("Recommendation|Action|Lead", "1. Grow|Draft|Ann Oak", "Anytown plan", "2. Fix|Mend|Bo Elm")
    layout = lay_out(table, find_columns(table, "t"))
    assert [e.kind for e in layout.events if e.number == 3] == ["row"]


def test_continuation_with_text_in_the_first_column():
    table = rows("What|How|Lead", "Consider how best to influence educators in this|By using evidence to|AMH", "",
                 "District in the future|challenge providers|", "Clearly establish priorities|Through Cabinet|CEX")
    layout = lay_out(table, find_columns(table, "t"))
    assert [r.text("recommendation") for r in layout.rows] == [
        "Consider how best to influence educators in this District in the future", "Clearly establish priorities"]


# -- people -------------------------------------------------------------------------------------

@pytest.mark.parametrize("cell,names", [
    ("Claire Dubelbeis and Dawn Bradley", ["Claire Dubelbeis", "Dawn Bradley"]),
    ("Andrew Kipling / Shona Lee / Rebecca Lord", ["Andrew Kipling", "Shona Lee", "Rebecca Lord"]),
    ("Ann Oak & Bo Elm, Cy Ash\nDi Yew", ["Ann Oak", "Bo Elm", "Cy Ash", "Di Yew"]),
    ("Head of Planning and Housing", ["Head of Planning and Housing"]),
    ("WG and DL", ["WG", "DL"]),
])
def test_people_split(cell, names):
    assert [n.name for n in split_people(cell)] == names


def test_people_groups_one_per_action():
    cell = "Dan Wood Dan Wood Dan Wood Dan Wood / Stephen Morris / Russ Daley"
    assert [[n.name for n in g] for g in groups(split_people(cell))] == [
        ["Dan Wood"], ["Dan Wood"], ["Dan Wood"], ["Dan Wood", "Stephen Morris", "Russ Daley"]]


def test_people_resolution_reasons():
    people = People([Agent("mark-davies", "person", "Mark Davies"), Agent("ann-oak", "person", "Ann Oak"),
                     Agent("stephen-metcalfe", "person", "Stephen Metcalfe"),
                     Agent("chief-executive", "post", "Chief Executive", abbreviation="CEX")])
    assert people.resolve("Mark Davies").how == "exact"
    assert people.resolve("CEX").how == "alias"
    assert (people.resolve("M. Davies").id, people.resolve("M. Davies").how) == ("mark-davies", "initial and surname")
    near = people.resolve("Stephen Metcalf")
    assert (near.id, near.how, near.guess) == ("stephen-metcalfe", "near spelling", True)
    new = people.resolve("Anna Oakes")  # different first name: never merged with Ann Oak
    assert (new.id, new.how) == ("anna-oakes", "new")
    initials = people.resolve("AO")
    assert initials.id == "ao" and "could be Ann Oak" in initials.suggestion


def test_two_people_fitting_an_initial_are_not_merged():
    people = People([Agent("mark-davies", "person", "Mark Davies"), Agent("mary-davies", "person", "Mary Davies")])
    result = people.resolve("M Davies")
    assert (result.id, result.how) == ("m-davies", "new")


def test_new_person_never_takes_an_id_in_use():
    people = People([Agent("ann-oak", "person", "Ann Oak")], reserved={"bo-elm"})
    assert people.resolve("Bo Elm").id == "bo-elm-2"


# -- the whole table: no crash, no lost text -----------------------------------------------------------

PIECES = ["Develop", "the", "plan", "1.", "2)", "3.", "10.", "•", "<p>", "</p>", "<ul style='x'>", "<li>", "&amp;",
          "&lt;", "and", "/", "&", ",", ";", ":", ".", "-", "–", "\n", "Ann Oak", "Bo Elm", "CEX", "All", "TBC",
          "March 2025", "October 24", "Q3 2025/26", "Ongoing", "April", "GREEN", "Orange", "amber", "Complete",
          "a)", "e.g.", "10 year", "PLACE", "This", "é", "中", "'", '"', "1)", "Service Plan."]
CELL = st.one_of(st.just(""), st.lists(st.one_of(st.sampled_from(PIECES),
                                                 st.text(st.characters(blacklist_categories=("Cs", "Cc")),
                                                         max_size=6)), max_size=7).map(" ".join))
ROW = st.lists(CELL, min_size=6, max_size=6)
HEADER = ["Recommendation", "Action", "Lead officer", "Target date", "Status", "Progress"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(ROW, min_size=1, max_size=8))
def test_no_crash_and_no_lost_text(tmp_path, body):
    path = tmp_path / "plan.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerow(["1. First recommendation", "Do the first thing", "Ann Oak", "May 2025", "Green", ""])
        writer.writerows(body)
    result = read_action_plan(path, period="2025-01")
    report = result.report
    values = {}
    for kind, table in result.tables().items():
        for row in table:
            for field, value in row.items():
                values[f"{kind}:{row.get('id')}:{field}"] = value
    skipped = {r.row for r in report.rows if r.kind in ("dropped", "blank", "header", "preamble")}
    headings = {r.row for r in report.rows if r.kind == "section"}
    traced = {(c.row, c.column): c for c in report.cells}
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        start = 1
        for cells in reader:
            number, start = start, reader.line_num + 1
            if number in skipped:
                continue
            for column, raw in enumerate(cells):
                if not visible(raw):
                    continue
                trace = traced.get((number, column))
                assert trace is not None and trace.outputs, (number, column, raw)
                fold = number in headings
                kept = visible(" ".join(values[o] for o in trace.outputs), fold)
                lost = visible(raw, fold) - kept - visible("".join(trace.stripped), fold)
                assert not lost, (number, column, raw, lost, trace.outputs)


# -- nothing about one council in the code ---------------------------------------------------------

def test_importer_code_names_no_council_or_person():
    """Strings in the importer's code (docstrings and comments aside) name no council, plan or person."""
    import ast
    from pathlib import Path

    import strategygraph as sg
    from strategygraph.build.folder import read_folder

    folder = read_folder(sg.sample_data())
    names = {r.get("name").lower() for r in folder.table("people") if len(r.get("name")) > 4}
    names |= {"lancaster", "corporate peer challenge", "lga peer review", "metcalf"}
    names |= {r.id for r in folder.table("sources")}
    root = Path(sg.__file__).parent
    for path in sorted((root / "importer").glob("*.py")) + [root / "cli" / "importer.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body
                      and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                text = node.value.lower()
                assert not [n for n in names if re.search(rf"\b{re.escape(n)}\b", text)], (path.name, node.value)
