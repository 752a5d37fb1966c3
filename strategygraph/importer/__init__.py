"""Import the action plans councils actually publish (CSV, TSV, text, XLSX, DOCX tables).

The pipeline, one module per step:

:mod:`.tables` (read rows) → :mod:`.columns` (which column holds what, mapping files) →
:mod:`.layout` (page headers, section headings, continuation rows) → :mod:`.structure`
(recommendations, actions, updates; with :mod:`.text`, :mod:`.dates`, :mod:`.rag`,
:mod:`.people`) → :mod:`.versions` (changes since the previous version) → :mod:`.output`
(data folder or RDF) with :mod:`.report` (every row, every guess).

>>> import strategygraph as sg
>>> from strategygraph.importer import read_action_plan
>>> r = read_action_plan(sg.sample_data() / "sources" / "004_139bcf9393a59e29.txt", plan_id="lga")
>>> [v.id for v in r.versions], len(r.updates)
(['lga-2017-02', 'lga-2019-01'], 44)
"""

from __future__ import annotations

from pathlib import Path

from strategygraph.errors import InputError
from strategygraph.importer.columns import Mapping, read_mapping
from strategygraph.importer.dates import Due, parse_due, parse_due_list
from strategygraph.importer.model import PlanVersion, load_version
from strategygraph.importer.people import People, split_people
from strategygraph.importer.plan import ImportResult, import_plan, read_action_plan
from strategygraph.importer.rag import parse_rag
from strategygraph.importer.report import ImportReport
from strategygraph.importer.tables import MAX_BYTES, read_table
from strategygraph.importer.versions import diff_versions


def compare(old: str, new: str, data=None, plan_id: str | None = None, period: str | None = None) -> list:
    """Changes from *old* to *new*: version ids in *data* (default: the bundled data), data
    folders (their latest version of *plan_id*), or table files (imported in memory).

    >>> [c.why for c in compare("cpc-2024-09", "cpc-2025-10") if c.iri == "cpc-r10-a1"][0]
    'due moved from March 25 (2025-03-31) to September 2025 (2025-09-30)'
    """
    from strategygraph.build.folder import read_folder
    from strategygraph.build.graph import rag_labels
    from strategygraph.importer.plan import _latest_version

    folder = None

    def version_of(ref: str, previous: PlanVersion | None = None) -> PlanVersion:
        nonlocal folder
        path = Path(ref)
        if path.is_dir():
            other = read_folder(path, rag_labels())
            return load_version(other, _latest_version(other, plan_id, ref))
        if path.is_file():
            result = read_action_plan(path, plan_id=plan_id or (previous.info.plan if previous else None),
                                      previous=previous, period=period if previous is not None else None)
            return result.version()
        if folder is None:
            from strategygraph.resources import sample_data

            folder = read_folder(Path(data) if data is not None else sample_data(), rag_labels())
        return load_version(folder, ref)

    before = version_of(old)
    after = version_of(new, before)
    if before.info.plan and after.info.plan and before.info.plan != after.info.plan:
        raise InputError(new, message=f"is a version of plan {after.info.plan!r}, not {before.info.plan!r}")
    return diff_versions(before, after)


__all__ = ["read_action_plan", "import_plan", "diff_versions", "compare", "load_version", "read_table",
           "read_mapping", "parse_due", "parse_due_list", "parse_rag", "split_people", "People", "Mapping",
           "ImportResult", "ImportReport", "PlanVersion", "Due", "MAX_BYTES"]
