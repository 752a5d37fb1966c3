"""Which column holds what: header synonyms, dated update columns, and a mapping file.

Each column gets a *role*:

=================  ==========================================================================
role               headers recognised (case, punctuation and "(s)" ignored)
=================  ==========================================================================
recommendation     Recommendation, What, Area for improvement, Finding, Issue, Objective…
action             Action, How, Actions to be taken, Planned action, Response, What we will do…
due                By when, Due, Due date, Target date, Deadline, Timescale, When…
lead               Actioned by, Lead, Lead officer, Owner, Responsible officer, Who…
chief_officer      Chief officer, Responsible, Accountable, Director, Sponsor…
update             Key updates, Progress, Update, Comments, Current position…; also any header
                   that is a month and year ("February 2017", "Update January 2019"): the
                   progress reported in that month
rag                RAG, RAG rating, RAG status, Status, Rating
notation           No., Ref, Number, #
section            Section, Theme
resource           Resource(s), Budget
ignore             (only from a mapping file) a column to leave out
=================  ==========================================================================

A "Status" column whose cells are mostly prose rather than RAG words is read as an update
column (the importer reports it). Other headers are kept: their text goes into the note of
the row's action.

A mapping file (JSON, TOML, or CSV with columns ``kind,published,meaning``) overrides and
extends this::

    {"columns": {"Peer team finding": "recommendation", "Completion by": "due"},
     "people": {"CEX": "chief-executive", "AMH": "Anne Marie Hall"},
     "rag": {"On target": "Green", "Slipping": "Amber"}}

>>> role_of("By When"), role_of("Lead Officer(s)"), role_of("February 2017")
(('due', None), ('lead', None), ('update', '2017-02'))
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from strategygraph.errors import InputError
from strategygraph.importer.text import clean_html, column_letter

ROLES = ("recommendation", "action", "due", "lead", "chief_officer", "update", "rag", "notation", "section",
         "resource", "ignore")
SYNONYMS: dict[str, tuple[str, ...]] = {
    "recommendation": ("recommendation", "recommendations", "what", "area for improvement", "areas for improvement",
                       "finding", "findings", "issue", "issues", "objective", "key recommendation",
                       "peer recommendation", "peer challenge recommendation", "recommendation from the peer team",
                       "improvement area", "aim"),
    "action": ("action", "actions", "how", "action to be taken", "actions to be taken", "planned action",
               "planned actions", "proposed action", "proposed actions", "response", "management response",
               "what we will do", "activity", "activities", "key actions", "tasks", "task", "council response",
               "action planned", "actions agreed", "agreed action", "agreed actions"),
    "due": ("by when", "due", "due date", "target date", "target", "deadline", "timescale", "timescales",
            "timeframe", "time frame", "when", "completion date", "target completion date", "date due", "by",
            "target completion", "delivery date", "milestone date"),
    "lead": ("actioned by", "lead", "lead officer", "lead officers", "leads", "owner", "action owner", "owners",
             "responsible officer", "responsible officers", "officer", "officers", "who", "officer lead",
             "responsible person", "lead person", "named lead", "assigned to", "lead service"),
    "chief_officer": ("chief officer", "chief officers", "responsible", "accountable", "accountable officer",
                      "director", "executive lead", "sponsor", "responsible chief officer", "lead director",
                      "senior responsible officer", "sro", "executive director", "accountable director",
                      "responsible director", "corporate director", "lead member", "portfolio holder"),
    "update": ("key updates", "key update", "progress", "update", "updates", "progress update", "progress updates",
               "comments", "commentary", "comment", "current position", "position", "progress to date",
               "status update", "progress comments", "update on progress", "progress made", "latest update",
               "notes", "evidence", "position statement"),
    "rag": ("rag", "rag rating", "rag status", "status", "rating", "rag rating status", "current rag",
            "rag score", "red amber green", "traffic light", "overall status", "progress rag", "status rag"),
    "notation": ("no", "number", "ref", "reference", "#", "rec no", "recommendation number", "item", "id",
                 "rec", "ref no"),
    "section": ("section", "theme", "heading", "category", "area"),
    "resource": ("resource", "resources", "budget", "cost", "resource implications", "funding"),
}
_INDEX = {syn: role for role, syns in SYNONYMS.items() for syn in syns}
_MONTH_YEAR = re.compile(
    r"\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?"
    r"|nov(?:ember)?|dec(?:ember)?)\.?\s+((?:19|20)\d{2})\b", re.IGNORECASE)
_ISO_MONTH = re.compile(r"\b((?:19|20)\d{2})-(\d{2})(?:-\d{2})?\b")


def normalise_header(text: str) -> str:
    """A header reduced for matching: lower case, no "(s)", punctuation → spaces.

    >>> normalise_header("  Lead Officer(s):")
    'lead officer'
    """
    text = clean_html(text or "").lower().replace("(s)", "").replace("&", " and ")
    text = re.sub(r"[^\w#]+", " ", text)
    return " ".join(text.split())


def header_date(text: str) -> str | None:
    """``YYYY-MM`` when a header names a month and year ("Update January 2019").

    >>> header_date("January 2019"), header_date("Progress at 2024-06"), header_date("Lead")
    ('2019-01', '2024-06', None)
    """
    from strategygraph.importer.dates import MONTHS

    match = _MONTH_YEAR.search(text or "")
    if match:
        return f"{int(match.group(2)):04d}-{MONTHS[match.group(1).lower().rstrip('.')]:02d}"
    match = _ISO_MONTH.search(text or "")
    if match and 1 <= int(match.group(2)) <= 12:
        return f"{match.group(1)}-{match.group(2)}"
    return None


def role_of(header: str, mapping: "Mapping | None" = None) -> tuple[str | None, str | None]:
    """``(role, date)`` of a column from its *header*; ``(None, None)`` when not recognised.

    >>> role_of("Target date for completion")
    ('due', None)
    """
    norm = normalise_header(header)
    if mapping and norm in mapping.columns:
        role = mapping.columns[norm]
        return role, header_date(header) if role == "update" else None
    if not norm:
        return None, None
    if norm in _INDEX:
        return _INDEX[norm], None
    when = header_date(header)
    if when:
        return "update", when
    # The longest synonym the header contains as whole words ("Target date for completion").
    best = max((syn for syn in _INDEX if len(syn) > 3 and re.search(rf"(^| ){re.escape(syn)}( |$)", norm)),
               key=len, default=None)
    return (_INDEX[best], None) if best else (None, None)


def looks_like_header(cells: list[str], mapping: "Mapping | None" = None) -> bool:
    """Whether a row reads as a table header (two roles, one of them what or how).

    >>> looks_like_header(["Recommendation", "Action", "Lead"]), looks_like_header(["Total", "12"])
    (True, False)
    """
    roles = [role_of(c, mapping)[0] for c in cells if c and c.strip() and len(c) < 120]
    found = {r for r in roles if r and r != "ignore"}
    return len(found) >= 2 and bool(found & {"recommendation", "action"})


@dataclass
class Column:
    """One column of the table: where it is, its header and what it holds.

    >>> Column(2, "By When", "due").label
    'C (By When)'
    """

    index: int
    header: str
    role: str | None
    date: str | None = None
    how: str = ""

    @property
    def label(self) -> str:
        """``"C (By When)"``: the column as an officer finds it."""
        return f"{column_letter(self.index)} ({self.header.strip()})" if self.header.strip() \
            else column_letter(self.index)


@dataclass
class ColumnMap:
    """The columns of a table and the row holding their headers (0-based index in the rows).

    >>> cm = ColumnMap(0, [Column(0, "What", "recommendation"), Column(1, "Lead", "lead")])
    >>> cm.first("lead").label, cm.of("due")
    ('B (Lead)', [])
    """

    header_index: int
    columns: list[Column]

    def of(self, role: str) -> list[Column]:
        """Columns with *role*, left to right."""
        return [c for c in self.columns if c.role == role]

    def first(self, role: str) -> Column | None:
        """The first column with *role*, or ``None``."""
        found = self.of(role)
        return found[0] if found else None

    def label(self, index: int) -> str:
        """Label of the column at *index* (``"C (By When)"``)."""
        for column in self.columns:
            if column.index == index:
                return column.label
        return column_letter(index)


@dataclass
class Mapping:
    """What a council's mapping file says: header → role, published name → person, wording → RAG.

    >>> role_of("Accountable manager", Mapping(columns={"accountable manager": "lead"}))
    ('lead', None)
    """

    columns: dict[str, str] = field(default_factory=dict)
    people: dict[str, str] = field(default_factory=dict)
    rag: dict[str, str] = field(default_factory=dict)
    path: str = ""


def read_mapping(path: str | Path) -> Mapping:
    """Read a mapping file (``.json``, ``.toml`` or ``.csv``).

    The CSV form has a header ``kind,published,meaning`` and one row per entry, kind being
    ``column``, ``person`` or ``rag``.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "map.csv"
    >>> _ = p.write_text("kind,published,meaning\\ncolumn,Peer team finding,recommendation\\nrag,On target,Green\\n")
    >>> m = read_mapping(p)
    >>> m.columns, m.rag
    ({'peer team finding': 'recommendation'}, {'On target': 'Green'})
    """
    path = Path(path)
    where = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(where, message=f"cannot read the mapping file: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(where, message="the mapping file is not UTF-8 text") from None
    suffix = path.suffix.lower()
    errors: list[InputError] = []
    if suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(where, exc.lineno, None, f"is not valid JSON: {exc.msg}") from None
    elif suffix == ".toml":
        try:
            import tomllib
        except ImportError:  # Python 3.10
            raise InputError(where, message="TOML mapping files need Python 3.11 or later: use .json or .csv") \
                from None

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise InputError(where, message=f"is not valid TOML: {exc}") from None
    elif suffix == ".csv":
        data = {"columns": {}, "people": {}, "rag": {}}
        rows = list(csv.reader(io.StringIO(text)))
        if not rows or [h.strip().lower() for h in rows[0][:3]] != ["kind", "published", "meaning"]:
            raise InputError(where, 1, None, "a CSV mapping file needs the header kind,published,meaning")
        section = {"column": "columns", "person": "people", "rag": "rag"}
        for number, cells in enumerate(rows[1:], start=2):
            if not any(c.strip() for c in cells):
                continue
            if len(cells) < 3 or cells[0].strip().lower() not in section:
                errors.append(InputError(where, number, "A (kind)", "kind must be column, person or rag"))
                continue
            data[section[cells[0].strip().lower()]][cells[1].strip()] = cells[2].strip()
    else:
        raise InputError(where, message="a mapping file must be .json, .toml or .csv")
    if not isinstance(data, dict):
        raise InputError(where, message="a mapping file holds sections columns, people and rag")
    unknown = set(data) - {"columns", "people", "rag"}
    if unknown:
        errors.append(InputError(where, message=f"unknown section(s) {', '.join(sorted(unknown))} "
                                 "(expected columns, people, rag)"))
    mapping = Mapping(path=where)
    for header, role in (data.get("columns") or {}).items():
        if role not in ROLES:
            errors.append(InputError(where, message=f"column {header!r}: unknown role {role!r} "
                                     f"(expected one of {', '.join(ROLES)})"))
        mapping.columns[normalise_header(header)] = role
    mapping.people = {str(k).strip(): str(v).strip() for k, v in (data.get("people") or {}).items()}
    from strategygraph.importer.rag import preferred_labels, rag_vocabulary

    for published, label in (data.get("rag") or {}).items():
        if label.casefold() not in rag_vocabulary():
            errors.append(InputError(where, message=f"rag {published!r}: {label!r} is not a RAG label "
                                     f"(expected one of {', '.join(preferred_labels())})"))
        else:
            mapping.rag[str(published)] = rag_vocabulary()[label.casefold()]
    if errors:
        from strategygraph.errors import InputErrors

        raise InputErrors(errors)
    return mapping


def find_columns(rows: list, path: str, mapping: Mapping | None = None) -> ColumnMap:
    """Find the header row among the first rows of a table and give each column its role.

    Raises :class:`InputError` when no row has recognisable headers.

    >>> from strategygraph.importer.tables import RawRow
    >>> cm = find_columns([RawRow(1, ["Plan title"]), RawRow(2, ["What", "How", "Owner"])], "plan.csv")
    >>> cm.header_index, [c.role for c in cm.columns]
    (1, ['recommendation', 'action', 'lead'])
    """
    best, best_score = None, 0
    for index, row in enumerate(rows[:40]):
        cells = row.cells
        if looks_like_header(cells, mapping):
            best = index
            break
        score = len({role_of(c, mapping)[0] for c in cells if c.strip()} - {None})
        if score > best_score:
            best_score = score
    if best is None:
        sample = next((r for r in rows if r.filled), None)
        headers = ", ".join(repr(c.strip()[:30]) for c in (sample.cells if sample else []) if c.strip())[:200]
        raise InputError(path, sample.number if sample else None, None,
                         "no recognisable columns: expected headers such as Recommendation, Action, Lead, Due, "
                         f"Status, Progress (found {headers or 'nothing'}); name them in a --mapping file")
    header = rows[best]
    columns, seen = [], set()
    for i, text in enumerate(header.cells):
        role, when = role_of(text, mapping)
        how = ""
        if role and mapping and normalise_header(text) in mapping.columns:
            how = f"mapping file {Path(mapping.path).name}"
        elif role == "update" and when:
            how = f"a month and year: progress reported in {when}"
        elif role:
            how = f"header {clean_html(text)!r}"
        if role in seen and role not in ("update", "ignore"):
            how = f"a second {role} column: its text is kept in the notes"
            role = None
        if role:
            seen.add(role)
        columns.append(Column(i, clean_html(text), role, when, how))
    return ColumnMap(best, columns)
