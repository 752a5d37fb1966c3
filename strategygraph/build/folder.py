"""Read and check a council's data folder.

Every problem is collected with its file, row and column, and raised together as one
:class:`~strategygraph.errors.InputErrors`, so an officer can fix a whole file at once.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from strategygraph.build.schema import KIND_OF_TABLE, KIND_WORDS, TABLES, Table
from strategygraph.errors import InputError, InputErrors

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ISSUED_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
LINES_RE = re.compile(r"^\d+(-\d+)?(;\d+(-\d+)?)*$")


@dataclass
class Record:
    """One row of a data file, with where it came from.

    ``values`` holds the cells (stripped strings, blanks omitted); ``columns`` maps a column
    name to its spreadsheet label (``"D (due_end)"``) for error messages.
    """

    table: str
    path: Path
    row: int
    values: dict[str, str]
    columns: dict[str, str] = field(repr=False, default_factory=dict)

    @property
    def kind(self) -> str:
        """The record kind (``action``, ``person``...)."""
        return KIND_OF_TABLE[self.table]

    @property
    def id(self) -> str | None:
        """The record id, if its table has one."""
        return self.values.get("id")

    def get(self, column: str, default: str | None = None) -> str | None:
        """Cell value, or *default* when blank."""
        return self.values.get(column, default)

    def list(self, column: str) -> list[str]:
        """Cell split on ``;``, blanks dropped."""
        return [part.strip() for part in self.values.get(column, "").split(";") if part.strip()]

    def where(self, column: str | None = None) -> tuple[str, int, str | None]:
        """``(path, row, column label)`` for an :class:`InputError`."""
        return str(self.path), self.row, self.columns.get(column) if column else None

    def error(self, column: str | None, message: str) -> InputError:
        """An :class:`InputError` located at this record's *column*."""
        return InputError(*self.where(column), message)


@dataclass
class Folder:
    """The checked records of a data folder, by table and by id."""

    path: Path
    records: list[Record]
    by_id: dict[str, list[Record]]

    def table(self, name: str) -> list[Record]:
        """All records of table *name*, in file then row order."""
        return [r for r in self.records if r.table == name]

    def first(self, record_id: str) -> Record:
        """The first record with *record_id*."""
        return self.by_id[record_id][0]


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _table_of(path: Path) -> str:
    return re.split(r"[-.]", path.name, maxsplit=1)[0]


def read_table(path: Path, rag_labels: dict[str, object]) -> tuple[list[Record], list[InputError]]:
    """Read one CSV file of a data folder and check each cell against its column type.

    Returns the records and the problems found (references are checked later, by
    :func:`read_folder`, once every file is read).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "people.csv"
    >>> _ = p.write_text("id,name\\nAnn-1,Ann\\n")
    >>> records, errors = read_table(p, {})
    >>> print(errors[0])  # doctest: +ELLIPSIS
    /.../people.csv:2:A (id): 'Ann-1' is not a valid id (lower-case letters, digits and '-')
    """
    name = _table_of(path)
    spec = TABLES.get(name)
    if spec is None:
        known = ", ".join(sorted(TABLES))
        return [], [InputError(str(path), None, None,
                               f"unknown kind of file {name!r}: a data file's name starts with one of {known}")]
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        return [], [InputError(str(path), None, None, f"is not UTF-8 text (byte {exc.start}); save it as CSV UTF-8")]
    rows = list(csv.reader(text.splitlines(keepends=True)))
    if not rows or not any(cell.strip() for cell in rows[0]):
        return [], [InputError(str(path), 1, None, "the file is empty: expected a header row")]
    header = [h.strip() for h in rows[0]]
    labels = {h: f"{_letter(i)} ({h})" for i, h in enumerate(header)}
    errors = [InputError(str(path), 1, labels[h], f"unknown column {h!r} (expected: {', '.join(spec.columns)})")
              for h in header if h and h not in spec.columns]
    errors += [InputError(str(path), 1, None, f"missing column {c!r}") for c in sorted(spec.required)
               if c not in header]
    if errors:
        return [], errors
    records = []
    for number, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            errors.append(InputError(str(path), number, labels[header[-1]],
                                     f"{len(cells)} cells but only {len(header)} columns: quote cells holding commas"))
            continue
        values = {h: c.strip() for h, c in zip(header, cells) if h and c.strip()}
        record = Record(name, path, number, values, labels)
        errors += _check_cells(record, spec, rag_labels)
        records.append(record)
    return records, errors


def _check_cells(record: Record, spec: Table, rag_labels: dict[str, object]) -> list[InputError]:
    errors = []
    for column in sorted(spec.required):
        if column not in record.values:
            errors.append(record.error(column, f"{column} is required"))
    for column, value in record.values.items():
        ctype = spec.columns[column]
        problem = _check_value(ctype, value, rag_labels)
        if problem:
            errors.append(record.error(column, problem))
    return errors


def _check_value(ctype: str, value: str, rag_labels: dict[str, object]) -> str | None:
    if ctype == "id" and not ID_RE.match(value):
        return f"{value!r} is not a valid id (lower-case letters, digits and '-')"
    if ctype == "date":
        try:
            date.fromisoformat(value)
        except ValueError:
            return f"{value!r} is not a date (expected YYYY-MM-DD, e.g. 2025-03-31)"
    if ctype == "issued" and not (ISSUED_RE.match(value) and _valid_issued(value)):
        return f"{value!r} is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)"
    if ctype == "lines" and not all(LINES_RE.match(p.strip()) for p in value.split("|")):
        return f"{value!r} is not a line reference (expected e.g. 219, 219-221, 14;18 or 8 | 4)"
    if ctype == "number":
        try:
            Decimal(value)
        except InvalidOperation:
            return f"{value!r} is not a number (write 1594, not 1,594)"
    if ctype == "int" and not re.match(r"^-?\d+$", value):
        return f"{value!r} is not a whole number"
    if ctype == "rag" and value.casefold() not in rag_labels:
        known = getattr(rag_labels, "preferred", None) or sorted(rag_labels)
        return f"unknown RAG value {value!r} (expected one of {', '.join(known)})"
    if ctype.startswith("enum:") and value not in ctype[5:].split("|"):
        return f"{value!r} is not one of {', '.join(ctype[5:].split('|'))}"
    return None


def _valid_issued(value: str) -> bool:
    parts = value.split("-")
    try:
        date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def read_folder(path: str | Path, rag_labels: dict[str, object] | None = None) -> Folder:
    """Read every CSV file of a data folder and check ids, references and sources.

    *rag_labels* maps case-folded RAG labels to their scheme value (the builder passes the
    ontology's); when omitted RAG cells are not checked.

    Raises :class:`InputErrors` listing every problem found.

    >>> from strategygraph.resources import sample_data
    >>> folder = read_folder(sample_data())
    >>> folder.first("cpc-r10").table
    'recommendations'
    """
    root = Path(path)
    if not root.is_dir():
        raise InputErrors([InputError(str(root), None, None, "is not a folder of CSV data files")])
    files = sorted(root.glob("*.csv"))
    if not files:
        raise InputErrors([InputError(str(root), None, None, "holds no .csv data files")])
    records: list[Record] = []
    errors: list[InputError] = []
    labels = rag_labels if rag_labels is not None else _AnyRag()
    for file in files:
        found, problems = read_table(file, labels)
        records += found
        errors += problems
    if any(e.row in (None, 1) for e in errors):
        # A file that cannot be read hides ids others refer to: report the files first.
        raise InputErrors([e for e in errors if e.row in (None, 1)])
    by_id: dict[str, list[Record]] = {}
    for record in records:
        if TABLES[record.table].identified and record.id:
            by_id.setdefault(record.id, []).append(record)
    errors += _check_ids(by_id)
    errors += _check_refs(records, by_id)
    councils = [r for r in records if r.table == "council"]
    if len(councils) != 1:
        errors.append(InputError(str(root / "council.csv"), None, None,
                                 f"expected exactly one council row, found {len(councils)}"))
    if errors:
        raise InputErrors(errors)
    return Folder(root, records, by_id)


def council_folders(path: str | Path) -> list[Path]:
    """The data folders under *path*: *path* itself, or its sub-folders holding ``council.csv``.

    A folder of councils (one data folder per sub-folder, as ``strategygraph synth``
    writes) builds into one dataset; any other folder is read as a single data folder, so
    its problems are reported as before.

    >>> from strategygraph.resources import data_root, sample_data
    >>> council_folders(sample_data()) == [sample_data()]
    True
    >>> sample_data() in council_folders(data_root())
    True
    """
    root = Path(path)
    if not root.is_dir() or (root / "council.csv").exists() or any(root.glob("*.csv")):
        return [root]
    subs = sorted(p for p in root.iterdir() if p.is_dir() and (p / "council.csv").is_file())
    return subs or [root]


class _AnyRag(dict):
    def __contains__(self, key) -> bool:
        return True


def _check_ids(by_id: dict[str, list[Record]]) -> list[InputError]:
    errors = []
    for rid, recs in by_id.items():
        if len(recs) == 1:
            continue
        first = recs[0]
        versioned = all(r.table == first.table and TABLES[r.table].versioned for r in recs)
        seen: set[str] = set(first.list("source"))
        for rec in recs[1:]:
            sources = set(rec.list("source"))
            if not versioned or not sources or sources & seen:
                f, row, _ = first.where()
                errors.append(rec.error("id", f"id {rid!r} is already used at {Path(f).name}:{row}"
                                        + (" for the same source version" if versioned else "")))
            seen |= sources
    return errors


def _check_refs(records: list[Record], by_id: dict[str, list[Record]]) -> list[InputError]:
    errors = []
    for rec in records:
        spec = TABLES[rec.table]
        for column, ctype in spec.columns.items():
            if column not in rec.values:
                continue
            if ctype == "sources":
                targets, kinds = rec.list(column), ["source"]
            elif ctype.startswith(("ref:", "refs:")):
                kinds = ctype.split(":", 1)[1].split("|")
                targets = rec.list(column) if ctype.startswith("refs:") else [rec.values[column]]
            else:
                continue
            for target in targets:
                found = by_id.get(target)
                if not found:
                    errors.append(rec.error(column, f"no record has id {target!r} ({_expected(kinds)})"))
                elif found[0].kind not in kinds:
                    errors.append(rec.error(column, f"{target!r} is {_word(found[0].kind)}, {_expected(kinds)}"))
    return errors


def _word(kind: str) -> str:
    return KIND_WORDS.get(kind, f"a{'n' if kind[0] in 'aeiou' else ''} {kind}")


def _expected(kinds: list[str]) -> str:
    return "expected " + " or ".join(_word(k) for k in kinds)
