"""The alignment checker: does a new strategy support the council's priorities?

Read a strategy draft (Markdown, text, Word, CSV or Excel), find its objectives, score
each against every Council Plan priority, theme and commitment and every Plan 2030-style
delivery group and workstream of a graph, and explain the result.

>>> import strategygraph as sg
>>> from strategygraph.align import align_objectives
>>> report = align_objectives(["Cut carbon emissions from council buildings"], sg.build_graph(sg.sample_data()))
>>> report.objectives[0].best("priority").label
'A Sustainable District'
"""

from __future__ import annotations

from strategygraph.align.document import Document, Objective, read_document
from strategygraph.align.explain import (
    COVERED,
    SIMILAR,
    AlignmentReport,
    Match,
    ObjectiveResult,
    align_document,
    align_objectives,
    summarise,
)
from strategygraph.align.record import add_to_folder
from strategygraph.align.report import format_report, write_report
from strategygraph.align.score import Scorer
from strategygraph.align.targets import collect_targets


def extract_objectives(path) -> list[Objective]:
    """The objectives found in the strategy draft at *path* (see :func:`read_document`).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "d.md"
    >>> _ = p.write_text("## Objective 1: Cleaner streets\\nMore street cleaning in town centres.\\n")
    >>> [(o.text, o.detail) for o in extract_objectives(p)]
    [('Cleaner streets', 'More street cleaning in town centres.')]
    """
    return read_document(path).objectives


__all__ = ["align_document", "align_objectives", "extract_objectives", "read_document", "collect_targets",
           "format_report", "write_report", "add_to_folder", "summarise", "Scorer", "AlignmentReport",
           "ObjectiveResult", "Match", "Document", "Objective", "COVERED", "SIMILAR"]
