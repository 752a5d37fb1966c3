"""Write an import: a data folder for review (CSV, ``data/README.md`` format) or RDF.

A folder output holds everything ``strategygraph build --data OUT`` needs: the files of the
existing data folder (``--data`` or ``--previous``), unchanged, plus one file per table kind
for the imported version (``actions-cpc-2025-10.csv``…), the new people, posts, teams and
aliases, and a copy of the imported file under ``sources/``. It is written to a temporary
folder next to the target, checked by reading it back as a data folder, and only then moved
into place: on any error nothing is left behind. An RDF output is built from that same
temporary folder.

>>> to_row({"id": "a", "lines": [8, 12], "sources": ["v1"]}, ["id", "line", "source"])
{'id': 'a', 'line': '8;12', 'source': 'v1'}
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from pathlib import Path

from strategygraph.errors import InputError
from strategygraph.io.atomic import atomic_write

COLUMNS = {
    "council": ["id", "label", "homepage", "note"],
    "sources": ["id", "plan", "file", "title", "issued", "period_start", "period_end", "note"],
    "plans": ["id", "kind", "title", "description", "part_of", "group", "source", "line", "note"],
    "sections": ["id", "plan", "number", "label", "source", "line"],
    "recommendations": ["id", "plan", "section", "notation", "part_of", "text", "source", "line", "note"],
    "actions": ["id", "kind", "recommendation", "plan", "workstream", "text", "due_wording", "due_start", "due_end",
                "leads", "leads_as_published", "chief_officers", "chief_officers_as_published", "resource", "source",
                "line", "note"],
    "updates": ["id", "about", "date", "rag", "rag_as_published", "text", "source", "line", "note"],
    "people": ["id", "name", "note", "source", "line"],
    "aliases": ["person", "alias", "reason", "source", "line"],
    "posts": ["id", "label", "abbreviation", "holder", "organization", "source", "line", "note"],
    "bodies": ["id", "kind", "label", "part_of", "reports_to", "purpose", "source", "line", "note"],
}
RDF_SUFFIXES = (".trig", ".nq", ".nquads", ".ttl", ".jsonld", ".json")


def to_row(values: dict, columns: list[str]) -> dict:
    """A record's values as CSV cells: lists joined with ``;``, ``lines`` → ``line``,
    ``sources`` → ``source``, ``None`` → blank.

    >>> to_row({"id": "x", "due_end": None}, ["id", "due_end"])
    {'id': 'x', 'due_end': ''}
    """
    out = {}
    for column in columns:
        value = values.get(column)
        if value is None and column == "line":
            value = values.get("lines")
        if value is None and column == "source":
            value = values.get("sources")
        if isinstance(value, (list, tuple)):
            value = ";".join(str(v) for v in value)
        out[column] = "" if value is None else str(value)
    return out


def to_tables(result) -> dict[str, list[dict]]:
    """Table kind → rows (column → text) for everything *result* adds to a data folder.

    >>> import strategygraph as sg
    >>> from strategygraph.importer import read_action_plan
    >>> r = read_action_plan(sg.sample_data() / "sources" / "004_139bcf9393a59e29.txt", plan_id="lga")
    >>> sorted(to_tables(r))[:4]
    ['actions', 'bodies', 'council', 'people']
    """
    tables: dict[str, list[dict]] = {}
    if result.council:
        tables["council"] = [to_row(result.council, COLUMNS["council"])]
    tables["sources"] = [to_row(vars(v) | {"plan": v.plan}, COLUMNS["sources"]) for v in result.versions]
    if result.plan_is_new:
        tables["plans"] = [to_row({"id": result.plan_id, "kind": "ActionPlan", "title": result.plan_title,
                                   "source": ";".join(v.id for v in result.versions), "line": result.plan_line,
                                   "note": f"Imported from {result.path.name}"}, COLUMNS["plans"])]
    if result.sections:
        tables["sections"] = [to_row(vars(s), COLUMNS["sections"]) for s in result.sections]
    tables["recommendations"] = [to_row(vars(r) | {"note": "; ".join(r.notes)}, COLUMNS["recommendations"])
                                 for r in result.recommendations]
    tables["actions"] = [to_row(vars(a) | {
        "kind": "Action", "leads_as_published": a.leads_published, "chief_officers": a.chiefs,
        "chief_officers_as_published": a.chiefs_published, "note": "; ".join(a.notes)}, COLUMNS["actions"])
        for a in result.actions]
    tables["updates"] = [to_row(vars(u) | {"source": u.source, "rag_as_published": u.rag_published,
                                           "note": "; ".join(u.notes)}, COLUMNS["updates"]) for u in result.updates]
    for kind in ("people", "aliases", "posts", "bodies"):
        rows = getattr(result, kind)
        if rows:
            tables[kind] = [to_row(r, COLUMNS[kind]) for r in rows]
    return {k: v for k, v in tables.items() if v}


def csv_text(rows: list[dict], columns: list[str]) -> str:
    """*rows* as CSV text with a header (UTF-8, quoted when needed, ``\\n`` line ends).

    >>> csv_text([{"id": "a", "text": "x, y"}], ["id", "text"])
    'id,text\\na,"x, y"\\n'
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _file_name(kind: str, result) -> str:
    if kind == "council":
        return "council.csv"
    return f"{kind}-{result.latest.id}.csv"


def _stage(result, base: Path | None, parent: Path, target_name: str | Path = "output") -> Path:
    """Write the whole output folder into a new temporary folder under *parent*."""
    stage = Path(tempfile.mkdtemp(prefix=".import-", dir=parent))
    try:
        if base is not None:
            for item in base.path.iterdir():
                if item.name.startswith("."):
                    continue
                target = stage / item.name
                if item.is_dir():
                    shutil.copytree(item, target)
                else:
                    shutil.copy2(item, target)
        for kind, rows in to_tables(result).items():
            name = _file_name(kind, result)
            if (stage / name).exists():
                raise InputError(str(stage / name), message="would overwrite a file of the data folder")
            (stage / name).write_text(csv_text(rows, COLUMNS[kind]), encoding="utf-8")
        sources = stage / "sources"
        sources.mkdir(exist_ok=True)
        if not (sources / result.path.name).exists():
            shutil.copy2(result.path, sources / result.path.name)
        from strategygraph.build.folder import read_folder
        from strategygraph.build.graph import rag_labels
        from strategygraph.errors import InputErrors

        try:
            read_folder(stage, rag_labels())
        except InputErrors as exc:
            # A bug of the importer or a clash with the data folder: say where, in the output's terms.
            raise InputErrors([InputError(e.path.replace(str(stage), str(target_name)), e.row, e.column,
                                          f"the import would make the data folder invalid: {e.message}")
                               for e in exc.errors]) from None
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return stage


def write_output(result, output: str | Path, base=None) -> list[str]:
    """Write *result* (plus the *base* data folder) to *output*; return what was written.

    *output* is a data folder (new, empty, or the *base* folder itself, updated in place)
    or an RDF file (by its extension).

    >>> import strategygraph as sg, tempfile, pathlib
    >>> from strategygraph.importer import read_action_plan
    >>> r = read_action_plan(sg.sample_data() / "sources" / "004_139bcf9393a59e29.txt", plan_id="lga")
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "lga.nq"
    >>> write_output(r, out) == [str(out)]
    True
    """
    output = Path(output)
    if output.suffix.lower() in RDF_SUFFIXES:
        from strategygraph.build.graph import build_graph
        from strategygraph.graphfile import format_for, write_dataset

        format_for(output)
        parent = output.parent if output.parent.exists() else Path(tempfile.gettempdir())
        stage = _stage(result, base, parent, output)
        try:
            write_dataset(build_graph(stage), output)
        finally:
            shutil.rmtree(stage, ignore_errors=True)
        return [str(output)]
    in_place = base is not None and output.exists() and output.resolve() == base.path.resolve()
    if output.exists() and not in_place:
        if not output.is_dir():
            raise InputError(str(output), message="exists and is not a folder")
        if any(output.iterdir()):
            raise InputError(str(output), message="exists and is not empty: give a new folder, or the --data folder "
                             "itself to add the import to it")
    parent = output.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    stage = _stage(result, base, parent, output)
    if in_place:
        backup = parent / f".{output.name}.old-{os.getpid()}"
        os.replace(output, backup)
        try:
            os.replace(stage, output)
        except BaseException:
            os.replace(backup, output)
            raise
        shutil.rmtree(backup, ignore_errors=True)
    else:
        if output.exists():
            output.rmdir()
        os.replace(stage, output)
    return [str(output / _file_name(kind, result)) for kind in to_tables(result)]


def write_report(result, path: str | Path) -> None:
    """Write the import report as JSON, atomically.

    >>> import strategygraph as sg, tempfile, pathlib, json
    >>> from strategygraph.importer import read_action_plan
    >>> r = read_action_plan(sg.sample_data() / "sources" / "004_139bcf9393a59e29.txt", plan_id="lga")
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "report.json"
    >>> write_report(r, path); json.loads(path.read_text())["totals"]["actions"]
    22
    """
    with atomic_write(path) as handle:
        json.dump(result.report.as_dict(), handle, indent=2, ensure_ascii=False)
        handle.write("\n")
