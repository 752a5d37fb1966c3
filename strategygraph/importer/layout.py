"""From published rows to logical rows: what a person would tidy by hand before reading.

* **Repeated page headers** are found by repetition, not by their wording: a one-cell row
  whose text occurs two or more times in the file, or a repeat of the table's header row,
  is a running page header (or footer) and is dropped. Rows without a letter or digit
  ("--", "—") are dropped too. Both are reported.
* **Section headings**: a row with a single filled cell written in capitals, or one merged
  cell across the whole row, starts a section.
* **Continuation rows** are joined to the row they continue (their cells appended to the
  same cells):

  - a row with an empty first column (recommendation) whose action cell is empty, whose
    lead and due cells are both empty, or whose action text starts in lower case;
  - a row whose recommendation cell starts in lower case, or follows a page break while the
    row above's recommendation is unfinished, and whose lead and due cells are empty.

  A row with an empty recommendation cell but an action, lead and due of its own is a new
  action of the recommendation above.
* Cells merged with the row above (Word/Excel) are taken from the row above.

>>> from strategygraph.importer.tables import RawRow
>>> from strategygraph.importer.columns import find_columns
>>> rows = [RawRow(1, ["Recommendation", "Action", "Lead"]), RawRow(2, ["1. Grow", "Draft a", ""]),
...         RawRow(3, ["", "strategy", ""]), RawRow(4, ["", "Adopt it", "Ann"])]
>>> laid = lay_out(rows, find_columns(rows, "x"))
>>> [(r.number, r.text("action")) for r in laid.rows]
[(2, 'Draft a strategy'), (4, 'Adopt it')]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from strategygraph.importer.columns import ColumnMap, find_columns  # noqa: F401  (doctests)
from strategygraph.importer.tables import RawRow
from strategygraph.importer.text import Cell, clean_html, is_finished, sentence_case, starts_lower


@dataclass
class LogicalRow:
    """One row of the table after joining continuation rows.

    ``cells`` maps a column index to its (joined) :class:`Cell`; ``numbers`` are the
    published rows it was made from; ``section`` is the heading it stands under.

    >>> from strategygraph.importer.columns import Column, ColumnMap
    >>> row = LogicalRow(2, {0: Cell.of("1. Grow", 2)}, ColumnMap(0, [Column(0, "What", "recommendation")]))
    >>> row.text("recommendation"), row.text("lead")
    ('1. Grow', '')
    """

    number: int
    cells: dict[int, Cell]
    columns: ColumnMap
    numbers: list[int] = field(default_factory=list)
    section: "Heading | None" = None
    inherited: dict[int, int] = field(default_factory=dict)

    def cell(self, role: str, which: int = 0) -> Cell:
        """The cell of the *which*-th column with *role* (an empty Cell when absent)."""
        columns = self.columns.of(role)
        if which < len(columns):
            return self.cells.get(columns[which].index) or Cell()
        return Cell()

    def text(self, role: str, which: int = 0) -> str:
        """Cleaned text of :meth:`cell`."""
        return self.cell(role, which).text


@dataclass
class Heading:
    """A section heading row: its number in the plan, label and where it was published.

    >>> Heading(1, "Context and priorities", "CONTEXT AND PRIORITIES", 6).label
    'Context and priorities'
    """

    number: int
    label: str
    published: str
    line: int
    column: int = 0


@dataclass
class RowEvent:
    """What happened to one published row (for the import report).

    >>> RowEvent(12, "continuation", "continues row 8", into=8).into
    8
    """

    number: int
    kind: str
    detail: str = ""
    into: int | None = None


@dataclass
class Layout:
    """The logical rows of a table, its headings, preamble text and row events.

    >>> Layout([], [], [(1, "Action plan 2025")], []).preamble[0][1]
    'Action plan 2025'
    """

    rows: list[LogicalRow]
    headings: list[Heading]
    preamble: list[tuple[int, str]]
    events: list[RowEvent]


def _norm(text: str) -> str:
    return " ".join(clean_html(text).split()).casefold()


def _single(row: RawRow) -> str | None:
    filled = row.filled
    if len(filled) == 1 or (row.spans_all and filled):
        return row.cells[filled[0]]
    return None


def lay_out(rows: list[RawRow], columns: ColumnMap) -> Layout:
    """Classify every published row and join continuation rows into logical rows.

    >>> rows = [RawRow(1, ["What", "How", "Lead"]), RawRow(2, ["PLACE", "", ""]), RawRow(3, ["Grow", "Plan", "Ann"])]
    >>> laid = lay_out(rows, find_columns(rows, "x"))
    >>> [h.label for h in laid.headings], [e.kind for e in laid.events]
    (['Place'], ['header', 'section', 'row'])
    """
    header = rows[columns.header_index]
    header_norm = [_norm(c) for c in header.cells if c.strip()]
    singles = Counter(_norm(s) for r in rows if (s := _single(r)) is not None)
    events: list[RowEvent] = []
    preamble = []
    for row in rows[:columns.header_index]:
        text = _single(row) if _single(row) is not None else " ".join(c for c in row.cells if c.strip())
        if text and text.strip():
            preamble.append((row.number, clean_html(text)))
            events.append(RowEvent(row.number, "preamble", "text before the table (title)"))
        else:
            events.append(RowEvent(row.number, "blank", "empty row before the table"))
    events.append(RowEvent(header.number, "header", "column headers"))
    rec = columns.first("recommendation")
    act = columns.first("action")
    leads = [c.index for c in columns.of("lead") + columns.of("chief_officer")]
    dues = [c.index for c in columns.of("due")]
    out: list[LogicalRow] = []
    headings: list[Heading] = []
    page_break = False
    current_heading: Heading | None = None
    for row in rows[columns.header_index + 1:]:
        if not row.filled:
            page_break = True
            events.append(RowEvent(row.number, "blank", "empty row (page break)"))
            continue
        single = _single(row)
        norm_cells = [_norm(c) for c in row.cells if c.strip()]
        if norm_cells == header_norm:
            page_break = True
            events.append(RowEvent(row.number, "dropped", "repeats the header row (running table header)"))
            continue
        if single is not None and singles[_norm(single)] >= 2 and not row.spans_all:
            page_break = True
            events.append(RowEvent(row.number, "dropped",
                                   f"running page header or footer: {clean_html(single)[:60]!r} "
                                   f"appears {singles[_norm(single)]} times"))
            continue
        if not any(ch.isalnum() for c in row.cells for ch in c):
            events.append(RowEvent(row.number, "dropped", "no letter or digit (a rule or separator)"))
            continue
        if single is not None and _is_heading(single, row):
            label = sentence_case(" ".join(clean_html(single).split()))
            current_heading = Heading(len(headings) + 1, label, single, row.number, row.filled[0])
            headings.append(current_heading)
            events.append(RowEvent(row.number, "section", f"section heading {label!r}"))
            page_break = False
            continue
        cells = {i: Cell.of(c, row.number) for i, c in enumerate(row.cells) if c.strip()}
        inherited = {}
        if out and row.merged_above:
            for i in row.merged_above:
                if i in out[-1].cells and (rec is None or i != rec.index):
                    cells[i] = Cell.of(out[-1].cells[i].text, row.number)
                    inherited[i] = out[-1].number
        target = out[-1] if out else None
        if target is not None and _continues(row, target, rec, act, leads, dues, page_break, inherited):
            for i, c in enumerate(row.cells):
                if c.strip() and i not in inherited:
                    target.cells.setdefault(i, Cell()).add(c, row.number)
            target.numbers.append(row.number)
            events.append(RowEvent(row.number, "continuation",
                                   f"continues row {target.number}" + (" after a page break" if page_break else ""),
                                   into=target.number))
        else:
            logical = LogicalRow(row.number, cells, columns, [row.number], current_heading, inherited)
            out.append(logical)
            events.append(RowEvent(row.number, "row", ""))
        page_break = False
    return Layout(out, headings, preamble, events)


def _is_heading(text: str, row: RawRow) -> bool:
    if row.spans_all:
        return True
    letters = [c for c in clean_html(text) if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters) and len(text) < 120


def _continues(row: RawRow, target: LogicalRow, rec, act, leads: list[int], dues: list[int],
               page_break: bool, inherited: dict[int, int]) -> bool:
    def blank(index: int | None) -> bool:
        return index is None or not row.cell(index).strip() or index in row.merged_above

    own = [i for i in leads + dues if not blank(i) and i not in inherited]
    no_lead_or_due = (leads or dues) and not own
    action_text = clean_html(row.cell(act.index)) if act is not None else ""
    if rec is None or blank(rec.index):
        if act is None:
            return bool(no_lead_or_due)
        if not action_text:
            return True
        if re.match(r"^\s*[a-z]", action_text) or starts_lower(action_text):
            return True
        return bool(no_lead_or_due) and not inherited
    rec_text = clean_html(row.cell(rec.index))
    if not no_lead_or_due:
        return False
    if starts_lower(rec_text):
        return True
    above = target.cells.get(rec.index)
    return page_break and above is not None and not is_finished(above.text)
