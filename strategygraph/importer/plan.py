"""Import one published action plan table: :func:`read_action_plan` and :func:`import_plan`.

:func:`read_action_plan` does everything in memory and returns an :class:`ImportResult`
(the records, the import report, the changes since the previous version); nothing is
written. :func:`import_plan` also writes the result, atomically, as a data folder (the
format of ``data/README.md``, for review and editing) or as an RDF file.

The plan's *versions*: a table whose update columns are headed by months ("February 2017",
"January 2019") publishes one version per such column; otherwise the table is one version,
dated by ``period`` (``2025-10``, ``2025-10-14`` or ``2024-09/2025-10``), else by the month
and year in its title. Version ids are ``<plan>-<YYYY-MM>``.

>>> import strategygraph as sg
>>> seed = sg.sample_data() / "sources" / "002_9f929405294b7105.txt"
>>> result = read_action_plan(seed, plan_id="cpc")
>>> [v.id for v in result.versions], len(result.recommendations), len(result.actions)
(['cpc-2024-09'], 14, 37)
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from pathlib import Path

from strategygraph.errors import InputError, InputErrors
from strategygraph.findings import Finding
from strategygraph.importer.columns import Mapping, find_columns, header_date, read_mapping
from strategygraph.importer.dates import Period
from strategygraph.importer.layout import lay_out
from strategygraph.importer.model import Action, PlanVersion, Recommendation, Section, Update, VersionInfo
from strategygraph.importer.people import Agent, People
from strategygraph.importer.rag import rag_vocabulary
from strategygraph.importer.report import ImportReport, RowReport
from strategygraph.importer.structure import Context, StructureReader
from strategygraph.importer.tables import MAX_BYTES, read_table
from strategygraph.importer.text import slug
from strategygraph.importer.versions import diff_versions


@dataclass
class ImportResult:
    """What an import read: the plan, its versions and records, new people, and the report.

    >>> import strategygraph as sg
    >>> r = read_action_plan(sg.sample_data() / "sources" / "004_139bcf9393a59e29.txt", plan_id="lga")
    >>> r.latest.id, len(r.version("lga-2017-02").updates)
    ('lga-2019-01', 22)
    """

    path: Path
    plan_id: str
    plan_title: str
    council: dict | None
    plan_is_new: bool
    versions: list[VersionInfo]
    sections: list[Section]
    recommendations: list[Recommendation]
    actions: list[Action]
    updates: list[Update]
    people: list[dict] = field(default_factory=list)
    posts: list[dict] = field(default_factory=list)
    bodies: list[dict] = field(default_factory=list)
    aliases: list[dict] = field(default_factory=list)
    changes: list[Finding] = field(default_factory=list)
    previous: PlanVersion | None = None
    report: ImportReport | None = None
    plan_line: int | None = None

    @property
    def latest(self) -> VersionInfo:
        """The latest version this import read."""
        return max(self.versions, key=lambda v: v.issued)

    def version(self, version_id: str | None = None) -> PlanVersion:
        """What version *version_id* (default: the latest) publishes, for :func:`diff_versions`."""
        vid = version_id or self.latest.id
        info = next(v for v in self.versions if v.id == vid)
        pv = PlanVersion(info)
        pv.recommendations = {r.id: r for r in self.recommendations if vid in r.sources}
        pv.actions = {a.id: a for a in self.actions if vid in a.sources}
        pv.updates = [u for u in self.updates if u.source == vid]
        return pv

    def tables(self) -> dict[str, list[dict]]:
        """The records as data-folder tables: table kind → rows (column → text)."""
        from strategygraph.importer.output import to_tables

        return to_tables(self)

    def to_frames(self) -> dict:
        """The records as pandas DataFrames, one per table kind (for notebooks).

        >>> import strategygraph as sg
        >>> r = read_action_plan(sg.sample_data() / "sources" / "004_139bcf9393a59e29.txt", plan_id="lga")
        >>> r.to_frames()["actions"].shape[0]
        22
        """
        import pandas as pd

        return {kind: pd.DataFrame(rows) for kind, rows in self.tables().items()}


def parse_period(value: str | None) -> tuple[str | None, str | None, str | None]:
    """``(issued, period_start, period_end)`` from a ``--period`` value.

    >>> parse_period("2025-10"), parse_period("2024-09/2025-10")
    (('2025-10', None, '2025-10-31'), ('2025-10', '2024-09-01', '2025-10-31'))
    >>> parse_period("October 2025")
    ('2025-10', None, '2025-10-31')
    """
    if not value:
        return None, None, None
    value = value.strip()
    start = None
    if "/" in value:
        first, value = (p.strip() for p in value.split("/", 1))
        start = _iso(first, last=False)
    iso = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if iso:
        issued = value
    else:
        issued = header_date(value)
        if issued is None:
            raise ValueError(f"{value!r} is not a date (expected e.g. 2025-10, 2025-10-14 or 2024-09/2025-10)")
    return issued, start, _iso(issued, last=True)


def _iso(value: str, last: bool) -> str:
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value.strip())
    if not match:
        raise ValueError(f"{value!r} is not a date (expected e.g. 2025-10 or 2025-10-14)")
    year = int(match.group(1))
    month = int(match.group(2) or (12 if last else 1))
    if not 1 <= month <= 12:
        raise ValueError(f"{value!r} is not a date (month {month})")
    day = int(match.group(3) or (calendar.monthrange(year, month)[1] if last else 1))
    return f"{year:04d}-{month:02d}-{day:02d}"


_COUNCIL = re.compile(r"^(.*?\b(?:Council|Authority))\b[\s,:;–-]*", re.IGNORECASE)


def _titles(preamble: list[str], title: str | None) -> tuple[str, str, str | None]:
    """(version title, plan title, council guessed from the title)."""
    full = title or (preamble[0] if preamble else "")
    plan_title = full
    council = None
    match = _COUNCIL.match(plan_title)
    if match and match.end() < len(plan_title):
        council = match.group(1).strip()
        plan_title = plan_title[match.end():]
    plan_title = re.sub(r"[\s,–-]*\b(?:update|progress update|progress report)?\s*[,–-]?\s*"
                        r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+)?(?:19|20)\d{2}\s*$",
                        "", plan_title, flags=re.IGNORECASE).strip(" ,–-")
    plan_title = re.sub(r"\s+(?:update|progress update)$", "", plan_title, flags=re.IGNORECASE).strip()
    return full.strip(), plan_title or full.strip(), council


def known_agents(folder) -> list[Agent]:
    """The people, posts, bodies and delivery groups of a read data folder, with their aliases.

    >>> import strategygraph as sg
    >>> agents = {a.id: a for a in known_agents(sg.read_folder(sg.sample_data()))}
    >>> agents["chief-executive"].abbreviation, "stephen metcalf" in agents["stephen-metcalfe"].names
    ('CEX', True)
    """
    agents: dict[str, Agent] = {}
    for rec in folder.table("people"):
        agents[rec.id] = Agent(rec.id, "person", rec.get("name"))
    for rec in folder.table("posts"):
        agents[rec.id] = Agent(rec.id, "post", rec.get("label"), abbreviation=rec.get("abbreviation"))
    for rec in folder.table("bodies"):
        agents[rec.id] = Agent(rec.id, "body", rec.get("label"), body_kind=rec.get("kind"))
    for rec in folder.table("groups"):
        agents[rec.id] = Agent(rec.id, "group", rec.get("label"))
    from strategygraph.importer.people import normalise_name

    for agent in agents.values():
        agent.names[normalise_name(agent.name)] = "name"
        if agent.abbreviation:
            agent.names[normalise_name(agent.abbreviation)] = "abbreviation"
    for rec in folder.table("aliases"):
        person = agents.get(rec.get("person"))
        if person is not None:
            person.names.setdefault(normalise_name(rec.get("alias")), "alias")
    return list(agents.values())


def read_action_plan(path: str | Path, *, plan_id: str | None = None, title: str | None = None,
                     period: str | None = None, mapping: Mapping | str | Path | None = None,
                     previous: PlanVersion | None = None, base=None, strict: bool = False,
                     council: str | None = None, max_bytes: int = MAX_BYTES) -> ImportResult:
    """Read one published action plan table into records, a report and changes.

    *base* is a read data folder (:func:`strategygraph.read_folder`) whose people, posts and
    bodies leads are resolved against, and whose council and plans are reused; *previous*
    an earlier version of the same plan (:func:`~strategygraph.importer.model.load_version`)
    that rows are matched to. Raises :class:`~strategygraph.errors.InputError` (or
    ``InputErrors``) for input that cannot be read, and in *strict* mode for unreadable dates.

    >>> import strategygraph as sg
    >>> r = read_action_plan(sg.sample_data() / "sources" / "002_9f929405294b7105.txt", plan_id="cpc")
    >>> a = next(a for a in r.actions if a.id == "cpc-r5c-a4")
    >>> a.due_wording, a.due_start, a.due_end, a.leads
    ('April – September 25', '2025-04-01', '2025-09-30', ['dan-wood', 'stephen-morris', 'russ-daley'])
    """
    path = Path(path)
    where = str(path)
    if mapping is not None and not isinstance(mapping, Mapping):
        mapping = read_mapping(mapping)
    table = read_table(path, max_bytes)
    columns = find_columns(table.rows, where, mapping)
    layout = lay_out(table.rows, columns)
    if not layout.rows:
        raise InputError(where, table.rows[columns.header_index].number + 1, None,
                         "the table has a header row but no rows under it")
    if not columns.first("recommendation") and not columns.first("action"):
        raise InputError(where, table.rows[columns.header_index].number, None,
                         "no Recommendation or Action column (name one in a --mapping file)")
    report = ImportReport(where, table.format)
    for note in table.notes:
        report.issue("info", where, note)
    for column in columns.columns:
        report.columns.append({"column": column.label, "role": column.role, "date": column.date, "how": column.how})
        if column.role is None and column.header:
            report.issue("info", f"{where}:{table.rows[columns.header_index].number}:{column.label}",
                         "column not recognised: its text is kept in the notes of each row's action")
    preamble = [t for _, t in layout.preamble] + table.before
    version_title, plan_title, council_guess = _titles(preamble, title)
    try:
        issued, period_start, period_end = parse_period(period)
    except ValueError as exc:
        raise InputError(where, message=f"--period: {exc}") from None
    dated = sorted({c.date for c in columns.of("update") if c.date})
    if issued is None and dated:
        issued = dated[-1]
    if issued is None:
        issued = header_date(version_title)
    if issued is None and previous is None:
        raise InputError(where, message="cannot tell when this version was published: give --period (e.g. 2025-10)")
    if issued is None:
        raise InputError(where, message="give --period for this later version (e.g. 2025-10)")
    if previous is not None:
        plan_id = plan_id or previous.info.plan
        if not title:
            plan_title = _plan_title_of(base, plan_id) or plan_title
            version_title = version_title or f"{plan_title} – update {issued}"
        period_start = period_start or _iso(previous.info.issued, last=False)
        period_end = period_end or _iso(issued, last=True)
    plan_id = plan_id or slug(plan_title)[:40].strip("-") or "plan"
    if not version_title:
        version_title = f"{plan_title or plan_id} – {issued}"
    plan_title = plan_title or version_title
    # Versions: one per dated update column, else one.
    versions: dict[str, VersionInfo] = {}
    update_versions = {}
    main = VersionInfo(f"{plan_id}-{issued[:7]}", plan_id, version_title, issued, period_start, period_end,
                       path.name, "Imported by strategygraph import")
    for column in columns.of("update"):
        if column.date and column.date != issued[:7]:
            vid = f"{plan_id}-{column.date}"
            versions.setdefault(vid, VersionInfo(
                vid, plan_id, f"{plan_title} – {column.header}", column.date, None, None, path.name,
                f"Read from the {column.header!r} column of {path.name}"))
            update_versions[column.index] = versions[vid]
        else:
            update_versions[column.index] = main
    if dated and len(versions) and main.period_start is None:
        main.period_start = _iso(min(dated), last=False)
        main.period_end = main.period_end or _iso(issued, last=True)
    versions[main.id] = main
    ordered = sorted(versions.values(), key=lambda v: v.issued)
    if base is not None:
        existing = {r.id for r in base.table("sources")}
        clash = [v.id for v in ordered if v.id in existing]
        if clash:
            raise InputError(where, message=f"version {clash[0]} is already in the data folder {base.path}: give "
                             "another --period or --plan-id")
    council_row = None
    if base is None:
        label = council or council_guess or "Council"
        council_row = {"id": slug(label) or "council", "label": label,
                       "note": "Named by the importer" + ("" if council else
                                                          " from the plan's title" if council_guess else "")}
        if not council and council_guess:
            report.issue("guess", where, f"council {label!r} read from the title {version_title!r}")
    plan_is_new = base is None or not any(r.id == plan_id for r in base.table("plans"))
    agents = known_agents(base) if base is not None else []
    taken = set(base.by_id) if base is not None else set()
    people = People(agents, mapping.people if mapping else None, reserved=taken)
    vocabulary = rag_vocabulary(mapping.rag if mapping else None)
    rag_version = main if columns.first("rag") else None
    ctx_period = Period.of(ordered[0].issued, period_start, period_end)
    ctx = Context(where, plan_id, ordered, main, columns, update_versions, rag_version, ctx_period, people, report,
                  vocabulary, previous, strict, taken=taken,
                  known_sections={(r.get("plan"), r.get("label")): r.id for r in base.table("sections")}
                  if base is not None else {})
    report.rows = [RowReport(e.number, e.kind, e.detail) for e in layout.events]
    reader = StructureReader(layout, ctx)
    reader.run()
    if ctx.errors:
        raise InputErrors(ctx.errors) if len(ctx.errors) > 1 else ctx.errors[0]
    for event in layout.events:
        if event.into is not None:
            target = report.row(event.into)
            mine = report.row(event.number)
            if target and mine:
                mine.became = list(target.became)
    report.cells = sorted(reader.traces.values(), key=lambda t: (t.row, t.column))
    report.people = list(reader.resolutions.values())
    result = ImportResult(path, plan_id, plan_title, council_row, plan_is_new, ordered, reader.sections,
                          list(reader.recs.values()), list(reader.actions.values()), reader.updates,
                          previous=previous, report=report,
                          plan_line=layout.preamble[0][0] if layout.preamble and not title
                          else table.rows[columns.header_index].number)
    _agents_out(result, people, reader, council_row["id"] if council_row else _council_id(base))
    result.aliases = reader.aliases
    for version in ordered:
        report.versions.append({"id": version.id, "issued": version.issued, "title": version.title})
    if previous is not None:
        result.changes = diff_versions(previous, result.version(main.id))
        _note_changes(result)
    elif len(ordered) > 1:
        result.changes = diff_versions(result.version(ordered[0].id), result.version(ordered[-1].id))
    report.changes = result.changes
    report.totals = {"recommendations": len(result.recommendations), "actions": len(result.actions),
                     "updates": len(result.updates), "sections": len(result.sections),
                     "new people": len(result.people), "new posts": len(result.posts),
                     "new teams": len(result.bodies)}
    return result


def _plan_title_of(base, plan_id: str) -> str | None:
    if base is None:
        return None
    return next((r.get("title") for r in base.table("plans") if r.id == plan_id), None)


def _council_id(base) -> str:
    return base.table("council")[0].id


def _agents_out(result: ImportResult, people: People, reader: StructureReader, council_id: str) -> None:
    sources = ";".join(v.id for v in result.versions)
    for agent in people.new_people():
        uses = sorted(reader.agent_uses.get(agent.id, set()))
        if not uses:
            continue
        line = ";".join(str(n) for n in uses)
        if agent.kind == "person":
            result.people.append({"id": agent.id, "name": agent.name, "note": agent.note, "source": sources,
                                  "line": line})
        elif agent.kind == "post":
            result.posts.append({"id": agent.id, "label": agent.name, "abbreviation": agent.abbreviation or "",
                                 "organization": council_id, "source": sources, "line": line,
                                 "note": agent.note or "Created by the importer from a lead cell"})
        else:
            result.bodies.append({"id": agent.id, "kind": agent.body_kind or "OfficerTeam", "label": agent.name,
                                  "source": sources, "line": line,
                                  "note": agent.note or "Created by the importer from a lead cell"})


def _note_changes(result: ImportResult) -> None:
    actions = {a.id: a for a in result.actions}
    for change in result.changes:
        act = actions.get(change.evidence.get("id"))
        if act is None:
            continue
        if change.rule == "due-moved":
            act.notes.append(f"Due changed from {change.evidence['old']!r} ({change.evidence['old_version']}) to "
                             f"{change.evidence['new']!r}")
        elif change.rule == "lead-changed":
            act.notes.append(f"Leads changed since {change.evidence['old_version']}: {change.why}")


def import_plan(path: str | Path, output: str | Path | None = None, *, data=None, previous: str | Path | None = None,
                report_path: str | Path | None = None, **options) -> ImportResult:
    """Read a plan table and write the result: a data folder, or RDF when *output* ends in
    ``.trig``, ``.nq``, ``.ttl`` or ``.jsonld``; plus the JSON report at *report_path*.

    *data* is an existing data folder (its people are resolved against; it is copied into a
    folder output). *previous* is a version id in *data* or a data folder holding the
    earlier version (which then also serves as *data*). Everything is built in memory and
    in a temporary folder first: on any error nothing is written.

    >>> import strategygraph as sg, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "cpc"
    >>> seed = sg.sample_data() / "sources" / "002_9f929405294b7105.txt"
    >>> result = import_plan(seed, out, plan_id="cpc")
    >>> sorted(p.name for p in out.glob("*.csv"))[:3]
    ['actions-cpc-2024-09.csv', 'council.csv', 'people-cpc-2024-09.csv']
    """
    from strategygraph.build.folder import read_folder
    from strategygraph.build.graph import rag_labels
    from strategygraph.importer.output import write_output, write_report

    base_path = Path(data) if data is not None else None
    prev_version = None
    if previous is not None and Path(previous).is_dir():
        prev_folder = read_folder(previous, rag_labels())
        if base_path is None:
            base_path = Path(previous)
        vid = _latest_version(prev_folder, options.get("plan_id"), str(previous))
        from strategygraph.importer.model import load_version

        prev_version = load_version(prev_folder, vid)
    base = read_folder(base_path, rag_labels()) if base_path is not None else None
    if previous is not None and prev_version is None:
        if base is None:
            raise InputError(str(previous), message="--previous names a version id: give the data folder holding it "
                             "with --data, or give the folder itself")
        from strategygraph.importer.model import load_version

        prev_version = load_version(base, str(previous))
    result = read_action_plan(path, previous=prev_version, base=base, **options)
    if output is not None:
        result.report.written = write_output(result, output, base)
    if report_path is not None:
        write_report(result, report_path)
    return result


def _latest_version(folder, plan_id: str | None, where: str) -> str:
    versions = [r for r in folder.table("sources") if plan_id is None or r.get("plan") == plan_id]
    plans = {r.get("plan") for r in versions}
    if not versions:
        raise InputError(where, message=f"no version of plan {plan_id!r} in this data folder" if plan_id
                         else "no plan versions in this data folder")
    if plan_id is None and len(plans) > 1:
        names = ", ".join(sorted(p or "?" for p in plans))
        raise InputError(where, message=f"holds versions of several plans ({names}): say which with --plan-id")
    return max(versions, key=lambda r: r.get("issued")).id
