"""Record a checked strategy in a data folder, its alignment links marked "suggested".

:func:`add_to_folder` writes four CSV files named after the plan id, in the data-folder
format of ``data/README.md``, so that ``strategygraph build --data DIR`` includes them:

``sources-<id>.csv``
    the draft as a source version (its file name, and the date it was checked);
``plans-<id>.csv``
    the strategy as a plan of kind ``Strategy``;
``statements-<id>.csv``
    one statement of kind ``objective`` per objective, citing its line (or row, or
    paragraph) in the draft;
``alignments-<id>.csv``
    a link from each objective to each priority or theme it aligns to and to its best
    commitment, with status ``suggested``, the score, and the evidence as rationale.

The builder turns a ``suggested`` row into ``sg:suggestedSupport`` with an
``sg:SupportLink`` whose ``sg:linkStatus`` is ``sg:Suggested``, so analysis can tell it from
curated alignment. An officer confirms a link by changing its ``status`` to ``curated``
(and may rewrite the rationale), and rejects one by deleting its row.

Delivery groups and workstreams are not written: an alignment link points at a priority,
theme or commitment (``sg:supports`` ranges over SKOS concepts).
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import tempfile
from datetime import date
from pathlib import Path

from strategygraph.align.explain import COVERED, AlignmentReport
from strategygraph.errors import InputError, InputErrors
from strategygraph.io.atomic import make_readable

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
#: Who the alignment rows say asserted them.
ASSERTED_BY = "strategygraph align (suggested, to be confirmed)"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    # A cell an officer opens in Excel must not run as a formula.
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def data_tables(report: AlignmentReport, plan_id: str, nodes_by_iri: dict[str, str], *,
                title: str | None = None, issued: str | None = None) -> dict[str, tuple[list[str], list[list[str]]]]:
    """The rows to add for *report* as ``{file kind: (header, rows)}``.

    *nodes_by_iri* maps a target IRI to its record id in the data folder.

    >>> import strategygraph as sg
    >>> from strategygraph.align import align_objectives, collect_targets
    >>> g = sg.build_graph(sg.sample_data())
    >>> report = align_objectives(["Cut carbon emissions from council buildings"], g)
    >>> ids = {i: n.id for i, n in collect_targets(g).nodes.items()}
    >>> tables = data_tables(report, "green-2030", ids, issued="2026-01-15")
    >>> tables["alignments"][1][0][:2], tables["alignments"][1][0][4]
    (['green-2030-obj-1', 'cp-sustainable-district'], 'suggested')
    """
    _check_id(plan_id)
    title = title or report.title
    version = f"{plan_id}-draft"
    issued = issued or date.today().isoformat()
    file_name = Path(report.path).name if report.path else f"{plan_id}.txt"
    n = len(report.objectives)
    tables = {
        "sources": (["id", "plan", "file", "title", "issued", "note"],
                    [[version, plan_id, file_name, f"{title} (draft checked for alignment)", issued,
                      f"Recorded by strategygraph align on {issued}; lines count {report.unit}s of the draft"]]),
        "plans": (["id", "kind", "title", "description", "source", "line"],
                  [[plan_id, "Strategy", title, f"Strategy draft with {n} objective{'s' if n != 1 else ''}, "
                    "checked for alignment to the Council Plan", version, ""]]),
        "statements": (["id", "plan", "kind", "order", "text", "source", "line"], []),
        "alignments": (["subject", "target", "rationale", "asserted_by", "status", "score"], []),
    }
    for o in report.objectives:
        sid = f"{plan_id}-obj-{o.number}"
        text = f"{o.text} {o.detail}".strip() if o.detail else o.text
        tables["statements"][1].append([sid, plan_id, "objective", str(o.number), text, version, str(o.line)])
        links = [(a["iri"], a["score"]) for a in o.aligned_to]
        commitment = next((m for m in o.matches if m.kind == "commitment"), None)
        if commitment is not None and commitment.score >= COVERED:
            links.append((commitment.iri, commitment.score))
        for iri, score in links:
            match = next(m for m in o.matches if m.iri == iri)
            if iri not in nodes_by_iri:
                continue
            rationale = f"Suggested (score {score:.2f}): {match.evidence['text']}"
            tables["alignments"][1].append([sid, nodes_by_iri[iri], rationale, ASSERTED_BY, "suggested",
                                            f"{score:.3f}"])
    return tables


def _check_id(plan_id: str) -> None:
    if not ID_RE.match(plan_id or ""):
        raise InputError("--plan-id", message=f"{plan_id!r} is not a valid id (lower-case letters, digits and '-', "
                         "starting with a letter or digit)")


def _csv_text(header: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([[_cell(v) for v in row] for row in rows])
    return buffer.getvalue()


def _is_bundled(folder: Path) -> bool:
    from strategygraph.resources import data_root

    root = data_root().resolve()
    return folder.resolve() == root or root in folder.resolve().parents


def _write_all(folder: Path, texts: dict[str, str]) -> None:
    # Every file is written to a hidden temporary name first; they are renamed into place
    # only when all are written, so a failure part-way leaves the folder as it was.
    staged: list[tuple[str, Path]] = []
    try:
        for name, text in texts.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
            staged.append((tmp, folder / name))
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
            make_readable(tmp)
        for tmp, target in staged:
            os.replace(tmp, target)
    finally:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)


def add_to_folder(report: AlignmentReport, plan_id: str, folder: str | Path, nodes_by_iri: dict[str, str], *,
                  copy_from: str | Path | None = None, title: str | None = None,
                  issued: str | None = None) -> list[Path]:
    """Add the strategy of *report* to the data folder *folder*; return the files written.

    With *copy_from*, *folder* must not exist yet: it becomes a copy of *copy_from* (for
    example the bundled data) with the strategy added. Without it, the files are added to
    the existing *folder*. Either way the result is checked as a whole data folder
    (:func:`~strategygraph.build.read_folder`) before anything is written, the files are
    renamed into place only once all are written, and an id already used in the folder is
    refused.

    >>> import strategygraph as sg, tempfile, pathlib
    >>> from strategygraph.align import align_objectives, collect_targets
    >>> g = sg.build_graph(sg.sample_data())
    >>> report = align_objectives(["Cut carbon emissions from council buildings"], g)
    >>> ids = {i: n.id for i, n in collect_targets(g).nodes.items()}
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "with-strategy"
    >>> [p.name for p in add_to_folder(report, "green-2030", out, ids, copy_from=sg.sample_data())]
    ['sources-green-2030.csv', 'plans-green-2030.csv', 'statements-green-2030.csv', 'alignments-green-2030.csv']
    """
    from strategygraph.build import read_folder
    from strategygraph.build.graph import rag_labels

    folder = Path(folder)
    tables = data_tables(report, plan_id, nodes_by_iri, title=title, issued=issued)
    texts = {f"{kind}-{plan_id}.csv": _csv_text(*table) for kind, table in tables.items()}
    if copy_from is not None:
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            raise InputError(str(folder), message="already exists: give a new folder to write the data to "
                             "(or --data to add to an existing data folder)")
        base = Path(copy_from)
    else:
        if not folder.is_dir():
            raise InputError(str(folder), message="is not a data folder")
        if _is_bundled(folder):
            raise InputError(str(folder), message="is the bundled sample data, which is never changed: give "
                             "-o DIR instead to write a copy of it with the strategy added")
        base = folder
    existing = read_folder(base, rag_labels())        # the folder itself must be sound before we add to it
    clash = [rid for rid in (plan_id, f"{plan_id}-draft") if rid in existing.by_id]
    clash += [name for name in texts if (base / name).exists()]
    if clash:
        raise InputError(str(base), message=f"already holds {clash[0]!r}: choose another --plan-id, or delete the "
                         f"files of the earlier run ({plan_id}) first")
    parent = folder.parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=parent))
    try:
        trial = staging / "folder"
        shutil.copytree(base, trial, ignore=shutil.ignore_patterns(".*"))
        for name, text in texts.items():
            (trial / name).write_text(text, encoding="utf-8")
        try:
            read_folder(trial, rag_labels())
        except InputErrors as exc:
            # Report the problem against the folder the user named, not our staging copy.
            raise InputErrors([InputError(e.path.replace(str(trial), str(folder)), e.row, e.column, e.message)
                               for e in exc.errors]) from None
        if copy_from is not None:
            if folder.exists():
                folder.rmdir()
            os.replace(trial, folder)
        else:
            _write_all(folder, texts)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [folder / name for name in texts]
