"""Read the rows of a published table: CSV, TSV, tab-separated text, XLSX or DOCX.

Every low-level failure becomes one :class:`~strategygraph.errors.InputError` naming the
file (an empty file, a binary file, a file over :data:`MAX_BYTES`, a damaged workbook, a
document without a table), so a garbage file never reaches a traceback.

Rows keep the number an officer would look for: the physical line of a text file (where the
row starts), the row of a worksheet, the row of a Word table (counted across the document's
tables). Blank lines are kept: they mark page breaks in text exported from PDF.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "plan.csv"
>>> _ = p.write_text("Recommendation,Action\\n1. Grow,Draft a strategy\\n")
>>> t = read_table(p)
>>> t.format, [r.cells for r in t.rows]
('csv', [['Recommendation', 'Action'], ['1. Grow', 'Draft a strategy']])
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from strategygraph.errors import InputError

#: Largest file accepted (bytes): an action plan table is a few hundred kilobytes, a Word
#: document with pictures a few megabytes. Larger files are refused before being read.
MAX_BYTES = 20 * 1024 * 1024
FORMATS = ("csv", "tsv", "text", "xlsx", "docx")


@dataclass
class RawRow:
    """One row as published: its cells (text) and its number in the file.

    ``merged_above`` lists the columns whose cell is the same merged cell as the row above
    (Word and Excel merge a recommendation over its action rows); ``spans_all`` says one
    merged cell spans the whole row (a heading).

    >>> RawRow(3, ["", "Plan", " "]).filled
    [1]
    """

    number: int
    cells: list[str]
    merged_above: set[int] = field(default_factory=set)
    spans_all: bool = False

    @property
    def filled(self) -> list[int]:
        """Indexes of the non-blank cells."""
        return [i for i, c in enumerate(self.cells) if c.strip()]

    def cell(self, index: int) -> str:
        """The cell at *index*, or ``""`` past the end of a short row."""
        return self.cells[index] if 0 <= index < len(self.cells) else ""


@dataclass
class RawTable:
    """The rows of a file's table, with text found before the table (titles).

    >>> from pathlib import Path
    >>> RawTable(Path("plan.docx"), "docx", [], before=["Action plan 2025"]).before
    ['Action plan 2025']
    """

    path: Path
    format: str
    rows: list[RawRow]
    before: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def read_table(path: str | Path, max_bytes: int = MAX_BYTES) -> RawTable:
    """Read the table in *path*; the format comes from the content, the extension helps.

    Raises :class:`InputError` for anything that is not a readable table.

    >>> import strategygraph as sg
    >>> t = read_table(sg.sample_data() / "sources" / "004_139bcf9393a59e29.txt")
    >>> t.format, t.rows[4].cells[:2]
    ('text', ['What', 'How'])
    """
    path = Path(path)
    where = str(path)
    if not path.exists():
        raise InputError(where, message="no such file")
    if path.is_dir():
        raise InputError(where, message="is a folder, not a table file (expected .csv, .tsv, .txt, .xlsx or .docx)")
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(where, message=f"is {size / 1024 / 1024:.1f} MB, over the {max_bytes / 1024 / 1024:.0f} MB "
                         "limit for an action plan table (is this the right file?)")
    data = path.read_bytes()
    if not data.strip():
        raise InputError(where, message="is empty: expected a table with a header row")
    suffix = path.suffix.lower()
    if data[:4] == b"PK\x03\x04" or zipfile.is_zipfile(io.BytesIO(data)):
        return _read_zip(path, data, suffix)
    if suffix in (".xlsx", ".xlsm", ".docx"):
        kind = "an Excel workbook" if suffix.startswith(".xls") else "a Word document"
        raise InputError(where, message=f"is not {kind} ({suffix}): is this really {_article(suffix)} file?")
    if suffix in (".xls", ".doc"):
        raise InputError(where, message=f"the old binary {suffix} format is not supported: save it as "
                         f"{suffix}x from Excel or Word")
    if data[:5] == b"%PDF-":
        raise InputError(where, message="is a PDF: export the table to Word or Excel, or save it as text, first")
    text = _decode(path, data)
    if suffix == ".csv":
        return _read_delimited(path, text, "csv")
    if suffix == ".tsv":
        return _read_delimited(path, text, "tsv")
    return _read_text(path, text)


def _article(suffix: str) -> str:
    suffix = suffix or ".xlsx"
    return f"{'an' if suffix.startswith('.x') else 'a'} {suffix}"


def _decode(path: Path, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    head = data[:8192]
    if b"\x00" in head or sum(b < 9 or 13 < b < 32 for b in head) > len(head) // 20:
        raise InputError(str(path), message="is a binary file, not a table (expected CSV, TSV, text, XLSX or DOCX)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" in the Windows code page; it decodes every byte.
        return data.decode("cp1252", errors="replace")


def _read_delimited(path: Path, text: str, fmt: str) -> RawTable:
    if fmt == "tsv":
        return _parse_delimited(path, text, fmt, "\t")
    # The delimiter is the one that yields a header row (a sniffer is fooled by cell contents).
    from strategygraph.importer.columns import looks_like_header

    first = None
    for delimiter in (",", ";", "\t"):
        table = _parse_delimited(path, text, fmt, delimiter, quiet=True)
        if table is None:
            continue
        first = first or table
        if any(looks_like_header(r.cells) for r in table.rows[:40]):
            return table
    return first or _parse_delimited(path, text, fmt, ",")


def _parse_delimited(path: Path, text: str, fmt: str, delimiter: str, quiet: bool = False) -> RawTable | None:
    rows, line = [], 1
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for cells in reader:
            rows.append(RawRow(line, [c.replace("\r\n", "\n") for c in cells]))
            line = reader.line_num + 1
    except csv.Error as exc:
        if quiet:
            return None
        raise InputError(str(path), line, None, f"is not readable as {fmt.upper()}: {exc}") from None
    return RawTable(path, fmt, rows)


def _read_text(path: Path, text: str) -> RawTable:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if text.endswith("\n"):
        lines = lines[:-1]
    if sum("\t" in line for line in lines) < 2:
        if sum("," in line for line in lines) >= 2 and path.suffix.lower() not in (".txt", ".text"):
            return _read_delimited(path, text, "csv")
        raise InputError(str(path), message="no table found: fewer than two lines have tab-separated cells "
                         "(expected CSV, TSV, tab-separated text, XLSX or DOCX)")
    return RawTable(path, "text", [RawRow(n, line.split("\t")) for n, line in enumerate(lines, start=1)])


def _read_zip(path: Path, data: bytes, suffix: str) -> RawTable:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile:
        raise InputError(str(path), message=f"is a damaged archive: is this really {_article(suffix)} file?") from None
    if "word/document.xml" in names:
        return _read_docx(path, data)
    if "xl/workbook.xml" in names:
        return _read_xlsx(path, data)
    raise InputError(str(path), message="is a zip archive but neither a Word document (.docx) nor an Excel "
                     "workbook (.xlsx)")


def _cell_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(path: Path, data: bytes) -> RawTable:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise InputError(str(path), message=f"cannot be read as an Excel workbook ({type(exc).__name__}): "
                         "is this really an .xlsx file?") from None
    from strategygraph.importer.columns import looks_like_header

    sheets = [ws for ws in book.worksheets if ws.max_row and ws.max_column]
    if not sheets:
        raise InputError(str(path), message="the workbook has no cells")
    chosen = next((ws for ws in sheets if any(looks_like_header([_cell_value(c) for c in row])
                                              for row in ws.iter_rows(max_row=30, values_only=True))), sheets[0])
    below: dict[tuple[int, int], bool] = {}
    whole_rows: set[int] = set()
    for rng in chosen.merged_cells.ranges:
        if rng.min_col == 1 and rng.max_col >= chosen.max_column and rng.min_row == rng.max_row:
            whole_rows.add(rng.min_row)
        for r in range(rng.min_row + 1, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                below[(r, c)] = True
    rows = []
    for r, values in enumerate(chosen.iter_rows(values_only=True), start=1):
        cells = [_cell_value(v) for v in values]
        merged = {c - 1 for (rr, c) in below if rr == r}
        rows.append(RawRow(r, cells, merged, r in whole_rows))
    notes = [f"read worksheet {chosen.title!r}"] if len(sheets) > 1 else []
    return RawTable(path, "xlsx", rows, notes=notes)


def _paragraph_text(paragraph) -> str:
    text = paragraph.text
    ppr = paragraph._p.pPr
    listed = (ppr is not None and ppr.numPr is not None) or "list" in (paragraph.style.name or "").lower()
    return f"• {text}" if listed and text.strip() else text


def _read_docx(path: Path, data: bytes) -> RawTable:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for damaged files
        raise InputError(str(path), message=f"cannot be read as a Word document ({type(exc).__name__}): "
                         "is this really a .docx file?") from None
    before: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "tbl":
            break
        if tag == "p":
            text = "".join(t.text or "" for t in block.iter() if t.tag.endswith("}t")).strip()
            if text:
                before.append(text)
    if not document.tables:
        raise InputError(str(path), message="the Word document has no table")
    rows, number = [], 0
    for table in document.tables:
        previous: list = []
        for row in table.rows:
            number += 1
            tcs = [cell._tc for cell in row.cells]
            cells, merged = [], set()
            for i, cell in enumerate(row.cells):
                if i and tcs[i] is tcs[i - 1]:
                    cells.append("")  # the same cell spanning several columns
                    continue
                if i < len(previous) and tcs[i] is previous[i]:
                    merged.add(i)
                    cells.append("")
                    continue
                cells.append("\n".join(_paragraph_text(p) for p in cell.paragraphs))
            spans_all = len(tcs) > 1 and all(tc is tcs[0] for tc in tcs)
            rows.append(RawRow(number, cells, merged, spans_all))
            previous = tcs
    return RawTable(path, "docx", rows, before=before)
