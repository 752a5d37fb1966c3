"""Find the objectives in a strategy draft: Markdown, plain text, Word, CSV or Excel.

A draft's objectives are what it lists: numbered or bulleted items, table rows, and
headings such as "Objective 2: ..." with the text under them. When a draft has none of
those, its headings (with their paragraphs) are the objectives, and failing that its
paragraphs, so a one-paragraph strategy is one objective. Sections such as Contents,
Introduction, Background or Appendix are skipped (:data:`SKIPPED_SECTIONS`).

A CSV or Excel file holds one objective a row, in the column headed ``objective`` (or
``aim``, ``goal``, ``outcome``, ``text``...; a file of one column needs no header name).

Bad input raises :class:`~strategygraph.errors.InputError`: an empty file, a file with no
objectives, a password-protected or corrupt Word or Excel file, a binary file.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "draft.md"
>>> _ = p.write_text("# Parks Strategy\\n\\n1. Keep parks clean and safe\\n2. Plant more trees in parks\\n")
>>> doc = read_document(p)
>>> doc.title, [o.text for o in doc.objectives]
('Parks Strategy', ['Keep parks clean and safe', 'Plant more trees in parks'])
"""

from __future__ import annotations

import csv
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from strategygraph.errors import InputError

#: Headings whose sections hold no objectives (matched on the heading's first words).
SKIPPED_SECTIONS = ("contents", "table of contents", "introduction", "background", "context", "foreword",
                    "purpose of this", "about this", "executive summary", "summary", "references",
                    "appendix", "appendices", "glossary", "acknowledgements", "document control",
                    "version", "contact", "next steps", "consultation questions", "how to respond",
                    "further information", "sources", "monitoring", "how we will measure", "measuring success",
                    "how we will know", "performance measures", "key performance indicators")

#: Headings of sections that list the objectives: when a draft has one, only its lists count.
OBJECTIVE_SECTIONS = re.compile(r"(?i)\b(objectives?|aims?|goals?|priorities|outcomes|ambitions|commitments|"
                                r"what we will do|our plan)\b")

#: Column headings that name the objective column of a CSV or Excel file (case-insensitive).
OBJECTIVE_COLUMNS = ("objective", "objectives", "strategic objective", "aim", "aims", "goal", "goals",
                     "outcome", "outcomes", "ambition", "commitment", "priority", "action", "text",
                     "statement", "title")
#: Extra columns whose text is added to an objective's detail.
DETAIL_COLUMNS = ("detail", "details", "description", "what we will do", "how", "actions")

#: Suffixes read as each kind of document.
KINDS = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".text": "text", "": "text",
         ".docx": "docx", ".csv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx"}

_MIN_WORDS = 3
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OBJECTIVE_HEADING = re.compile(
    r"^(?:strategic\s+|key\s+|our\s+)?(?:objective|aim|goal|outcome|ambition|priority|commitment|theme)s?"
    r"\s*(?:\d{1,3}|[a-z]|[ivx]{1,4})?\s*[:.)\u2013\u2014-]\s*(?P<text>\S.*)$", re.I)
_ITEM = re.compile(r"^(?P<indent>\s*)(?P<marker>[-*+\u2022\u25aa\u25e6\u00b7\u2013\u2043\u25cf]|\(?\d{1,3}[.)]|"
                   r"\(?[a-zA-Z][.)]|\(?[ivxIVX]{1,4}[.)])\s+(?P<text>\S.*)$")
_ATX = re.compile(r"^\s{0,3}(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_=])(\s*\1){2,}\s*$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


@dataclass
class Objective:
    """One objective found in a document.

    ``text`` is the objective as written (an item, a row, a heading); ``detail`` is the
    text that stands under it (sub-items, the paragraph under a heading), used in scoring
    but not shown as the objective. ``line`` is where it stands: the line of a text file,
    the row of a CSV or Excel sheet, the paragraph (or table row) of a Word document, all
    counted from 1.
    """

    text: str
    line: int
    detail: str = ""
    section: str = ""

    @property
    def full_text(self) -> str:
        """The objective and its detail, as scored.

        >>> Objective("Cut carbon", 3, "in council buildings").full_text
        'Cut carbon. in council buildings'
        """
        return f"{self.text}. {self.detail}" if self.detail else self.text


@dataclass
class Document:
    """A strategy draft: where it came from, its title and its objectives in order."""

    path: str
    kind: str
    title: str
    objectives: list[Objective] = field(default_factory=list)
    #: Word for a place in the document: "line", "row" or "paragraph".
    unit: str = "line"


@dataclass
class _Block:
    kind: str                   # heading, item, row, para
    text: str
    line: int
    level: int = 0              # heading level or item indent
    cells: list[str] = field(default_factory=list)
    header: bool = False


def read_document(path: str | Path, kind: str | None = None) -> Document:
    """Read the strategy draft at *path* and find its objectives.

    *kind* is ``markdown``, ``text``, ``docx``, ``csv`` or ``xlsx``; by default it comes
    from the file's extension.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "aims.csv"
    >>> _ = p.write_text("ref,objective\\nA1,Grow the visitor economy\\nA2,Cut council carbon emissions\\n")
    >>> [(o.line, o.text) for o in read_document(p).objectives]
    [(2, 'Grow the visitor economy'), (3, 'Cut council carbon emissions')]
    """
    path = Path(path)
    where = str(path)
    if kind is None:
        suffix = path.suffix.lower()
        if suffix in (".doc", ".xls"):
            raise InputError(where, message=f"is an old Office {suffix} file: save it as "
                             f"{'.docx' if suffix == '.doc' else '.xlsx'} and try again")
        if suffix not in KINDS:
            raise InputError(where, message=f"cannot read {suffix!r} files: give the draft as .md, .txt, "
                             ".docx, .csv or .xlsx (save a PDF as Word or text first)")
        kind = KINDS[suffix]
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(where, message=f"cannot be read: {exc.strerror or exc}") from None
    if not data.strip():
        raise InputError(where, message="the document is empty")
    if kind in ("docx", "xlsx"):
        if data.startswith(_OLE_MAGIC):
            raise InputError(where, message="is password-protected (or an old Office file saved with a new "
                             f"name): remove the password, save it as .{kind} and try again")
        if not zipfile.is_zipfile(path):
            raise InputError(where, message=f"is not a readable .{kind} file (it may be corrupt, or not really "
                             f"{'a Word document' if kind == 'docx' else 'an Excel workbook'})")
        doc = _read_docx(path) if kind == "docx" else _read_xlsx(path)
    else:
        text = _decode(data, where)
        doc = _read_csv(path, text) if kind == "csv" else _read_text(path, text, kind)
    if not doc.objectives:
        raise InputError(where, message="no objectives found: expected numbered or bulleted items, table rows, "
                         "headings or paragraphs of at least three words")
    return doc


def _decode(data: bytes, where: str) -> str:
    if b"\x00" in data[:4096]:
        raise InputError(where, message="is a binary file, not text: give the draft as .md, .txt, .docx, "
                         ".csv or .xlsx")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(where, message=f"is not UTF-8 text (byte {exc.start}): save it as UTF-8") from None


def _words(text: str) -> int:
    return len(re.findall(r"[A-Za-z][A-Za-z'’-]+", text))


def _clean(text: str) -> str:
    # Markdown emphasis, links and code marks carry no meaning for matching or display.
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__|`)", "", text)
    text = re.sub(r"(?<!\w)[*_](\S(?:.*?\S)?)[*_](?!\w)", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


# -- plain text and Markdown ------------------------------------------------------------------

def _read_text(path: Path, text: str, kind: str) -> Document:
    lines = text.splitlines()
    blocks = _blocks(lines)
    title, blocks = _title(blocks)
    return Document(str(path), kind, title or path.stem, _select(blocks), "line")


def _blocks(lines: list[str]) -> list[_Block]:
    blocks: list[_Block] = []
    open_block: _Block | None = None       # paragraph or item that may continue
    blank = False
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        if not line.strip():
            blank = True
            if open_block is not None and open_block.kind == "para":
                open_block = None
            continue
        heading = _ATX.match(line)
        if heading:
            blocks.append(_Block("heading", _clean(heading["text"]), number, len(heading["hashes"])))
            open_block, blank = None, False
            continue
        if _RULE.match(line):
            # Setext underline turns the paragraph above into a heading.
            if open_block is not None and open_block.kind == "para" and not blank and line.strip()[0] in "=-":
                open_block.kind, open_block.level = "heading", 1 if line.strip()[0] == "=" else 2
            open_block, blank = None, False
            continue
        if line.lstrip().startswith("|") or line.count("|") >= 2:
            if _TABLE_SEP.match(line):
                if blocks and blocks[-1].kind == "row":
                    blocks[-1].header = True
            else:
                cells = [_clean(c) for c in line.strip().strip("|").split("|")]
                blocks.append(_Block("row", " — ".join(c for c in cells if c), number, cells=cells))
            open_block, blank = None, False
            continue
        item = _ITEM.match(line)
        if item:
            indent = len(item["indent"].expandtabs(4))
            open_block = _Block("item", _clean(item["text"]), number, indent)
            blocks.append(open_block)
            blank = False
            continue
        indent = len(line) - len(line.lstrip())
        if open_block is not None and open_block.kind == "item" and (not blank or indent >= 2):
            open_block.text = f"{open_block.text} {_clean(line)}"
        elif open_block is not None and open_block.kind == "para" and not blank:
            open_block.text = f"{open_block.text} {_clean(line)}"
        else:
            open_block = _Block("para", _clean(line), number)
            blocks.append(open_block)
        blank = False
    return blocks


def _title(blocks: list[_Block]) -> tuple[str, list[_Block]]:
    # A single top-level heading is the document's title; so is a short first line of a
    # plain text file with no closing full stop, when more text follows.
    tops = [b for b in blocks if b.kind == "heading" and b.level == 1]
    if len(tops) == 1 and blocks and blocks[0] is tops[0]:
        return tops[0].text, blocks[1:]
    if (len(blocks) > 1 and blocks[0].kind == "para" and _words(blocks[0].text) <= 10
            and not blocks[0].text.rstrip().endswith((".", ":", ";"))):
        return blocks[0].text, blocks[1:]
    return "", blocks


def _skipped(heading: str) -> bool:
    words = heading.lower().lstrip("0123456789. ").strip()
    return any(words == s or words.startswith(s + " ") or words.startswith(s + ":") for s in SKIPPED_SECTIONS)


def _select(blocks: list[_Block]) -> list[Objective]:
    # Mark each block with its section heading, dropping skipped sections.
    kept: list[tuple[_Block, str]] = []
    stack: list[tuple[int, str, bool]] = []
    for block in blocks:
        if block.kind == "heading":
            stack = [s for s in stack if s[0] < block.level]
            stack.append((block.level, block.text, _skipped(block.text)))
            if not any(s[2] for s in stack[:-1]) and not stack[-1][2]:
                kept.append((block, stack[-2][1] if len(stack) > 1 else ""))
            continue
        if any(s[2] for s in stack):
            continue
        kept.append((block, stack[-1][1] if stack else ""))

    objectives = _objective_headings(kept)
    if objectives:
        return objectives
    listed = [(b, s) for b, s in kept if b.kind in ("item", "row")]
    in_objective_sections = [(b, s) for b, s in listed if OBJECTIVE_SECTIONS.search(s)]
    if in_objective_sections:
        listed = in_objective_sections
    if listed:
        return _from_lists(listed)
    headings = [(b, s) for b, s in kept if b.kind == "heading"]
    if headings:
        found = _from_headings(kept)
        if found:
            return found
    return [Objective(b.text, b.line, section=s) for b, s in kept if b.kind == "para" and _words(b.text) >= _MIN_WORDS]


def _objective_headings(kept: list[tuple[_Block, str]]) -> list[Objective]:
    # "Objective 1: ..." as a heading, a paragraph or a list item: it and the text under it.
    out: list[Objective] = []
    current: Objective | None = None
    level = 0
    for block, section in kept:
        match = _OBJECTIVE_HEADING.match(block.text) if block.kind in ("heading", "para", "item") else None
        if match and _words(match["text"]) >= 1:
            current = Objective(match["text"].strip(), block.line, section=section)
            level = block.level if block.kind == "heading" else 99
            out.append(current)
        elif block.kind == "heading" and current is not None and block.level <= level:
            current = None
        elif current is not None and block.kind != "heading":
            current.detail = f"{current.detail} {block.text}".strip()
    return out


def _from_lists(listed: list[tuple[_Block, str]]) -> list[Objective]:
    out: list[Objective] = []
    top: dict[str, int] = {}
    column: int | None = None
    for block, section in listed:
        if block.kind == "row":
            if block.header:
                column = _pick_column(block.cells)
                continue
            cells = block.cells
            if column is not None and column < len(cells) and cells[column]:
                text = cells[column]
                rest = " ".join(c for i, c in enumerate(cells) if i != column and _words(c) >= _MIN_WORDS)
            else:
                text, rest = block.text, ""
            if _words(text) >= _MIN_WORDS or (_words(text) >= 1 and _words(rest) >= _MIN_WORDS):
                out.append(Objective(text, block.line, rest, section))
            continue
        # Items indented deeper than the first item of their section are detail of the
        # item above them.
        indent = top.setdefault(section, block.level)
        if block.level >= indent + 2 and out and out[-1].section == section:
            out[-1].detail = f"{out[-1].detail} {block.text}".strip()
        elif _words(block.text) >= _MIN_WORDS:
            out.append(Objective(block.text, block.line, section=section))
    return out


def _from_headings(kept: list[tuple[_Block, str]]) -> list[Objective]:
    out: list[Objective] = []
    current: Objective | None = None
    for block, section in kept:
        if block.kind == "heading":
            current = Objective(block.text, block.line, section=section)
            out.append(current)
        elif current is not None:
            current.detail = f"{current.detail} {block.text}".strip()
    # A heading with nothing under it and fewer than three words is a section title.
    return [o for o in out if o.detail or _words(o.text) >= _MIN_WORDS]


def _pick_column(cells: list[str]) -> int | None:
    names = [c.strip().lower().rstrip(":") for c in cells]
    for wanted in OBJECTIVE_COLUMNS:
        if wanted in names:
            return names.index(wanted)
    return None


# -- Word ---------------------------------------------------------------------------------------

def _read_docx(path: Path) -> Document:
    import docx
    from docx.opc.exceptions import OpcError

    try:
        document = docx.Document(str(path))
        title = (document.core_properties.title or "").strip()
        blocks = _docx_blocks(document)
    except (OpcError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(str(path), message=f"cannot be read as a Word document (it may be corrupt): {exc}") from None
    except Exception as exc:  # lxml parse errors and other damage inside the package
        if type(exc).__module__.startswith(("lxml", "docx", "xml")):
            raise InputError(str(path), message="cannot be read as a Word document (it may be corrupt): "
                             f"{exc}") from None
        raise
    found_title, blocks = _title(blocks)
    return Document(str(path), "docx", title or found_title or path.stem, _select(blocks), "paragraph")


def _docx_blocks(document) -> list[_Block]:
    from docx.table import Table

    blocks: list[_Block] = []
    number = 0
    for part in document.iter_inner_content():
        if isinstance(part, Table):
            for r, row in enumerate(part.rows):
                number += 1
                cells, seen = [], set()
                for cell in row.cells:
                    if id(cell._tc) in seen:   # a merged cell repeats in each column it spans
                        continue
                    seen.add(id(cell._tc))
                    cells.append(_clean(cell.text))
                block = _Block("row", " — ".join(c for c in cells if c), number, cells=cells, header=False)
                blocks.append(block)
                if r == 0 and _pick_column(cells) is not None:
                    block.header = True
            continue
        number += 1
        text = _clean(part.text)
        if not text:
            continue
        style = (part.style.name if part.style is not None else "") or ""
        heading = re.match(r"(?i)^(heading|title)\s*(\d*)", style)
        ppr = part._p.pPr
        numbered = ppr is not None and ppr.numPr is not None
        if heading:
            level = int(heading[2]) if heading[2] else 1
            blocks.append(_Block("heading", text, number, level if heading[1].lower() == "heading" else 1))
        elif numbered or "list" in style.lower():
            level = 0
            if numbered and ppr.numPr.ilvl is not None:
                level = int(ppr.numPr.ilvl.val) * 4
            else:
                digits = re.search(r"(\d+)$", style)
                level = (int(digits[1]) - 1) * 4 if digits else 0
            blocks.append(_Block("item", text, number, level))
        else:
            parsed = _blocks([part.text])
            for block in parsed:
                block.line = number
            blocks += parsed
    return blocks


# -- CSV and Excel ------------------------------------------------------------------------------

def _read_csv(path: Path, text: str) -> Document:
    rows = list(csv.reader(text.splitlines()))
    return Document(str(path), "csv", path.stem, _from_rows(str(path), rows), "row")


def _read_xlsx(path: Path) -> Document:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(str(path), message=f"cannot be read as an Excel workbook (it may be corrupt): {exc}") from None
    try:
        for sheet in book.worksheets:
            rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            if any(any(c.strip() for c in row) for row in rows):
                title = (book.properties.title or "").strip() if book.properties else ""
                return Document(str(path), "xlsx", title or path.stem, _from_rows(f"{path}[{sheet.title}]", rows),
                                "row")
    finally:
        book.close()
    raise InputError(str(path), message="the workbook is empty")


def _from_rows(where: str, rows: list[list[str]]) -> list[Objective]:
    start = next((i for i, row in enumerate(rows) if any(c.strip() for c in row)), None)
    if start is None:
        raise InputError(where, message="the document is empty")
    header = [c.strip() for c in rows[start]]
    names = [h.lower().rstrip(":") for h in header]
    column = next((names.index(w) for w in OBJECTIVE_COLUMNS if w in names), None)
    first = start + 1                         # first row of objectives (0-based)
    if column is None:
        filled = [i for i, h in enumerate(header) if h]
        if len(filled) != 1:
            shown = ", ".join(repr(h) for h in header if h)
            raise InputError(where, start + 1, None, "no objective column: head the column of objectives "
                             f"'objective' (found {shown})")
        column = filled[0]
        if _words(header[column]) >= _MIN_WORDS:
            first = start                     # no header: the first row is an objective too
    details = [names.index(d) for d in DETAIL_COLUMNS if d in names and names.index(d) != column]
    out = []
    for index in range(first, len(rows)):
        row = rows[index]
        text = _clean(row[column]) if column < len(row) else ""
        detail = " ".join(_clean(row[d]) for d in details if d < len(row) and row[d].strip())
        if _words(text) >= _MIN_WORDS or (_words(text) >= 1 and _words(detail) >= _MIN_WORDS):
            out.append(Objective(text, index + 1, detail))
    return out
