"""Delivery analysis: orphaned work, overloaded leads, coverage gaps, overdue and slipping
work, status roll-up and trend, and how delivery groups interact.

Every analysis takes the RDF dataset (or the networkx view of :func:`to_networkx`, to build
it once for several analyses) and returns a list of
:class:`~strategygraph.findings.Finding`, each with the sentence that explains it.
:func:`analyse` runs them all; :func:`write_analysis` writes the result as a table,
JSON, CSV, Markdown, a one-page HTML report or an Excel workbook.

>>> import strategygraph as sg
>>> from strategygraph.analysis import analyse
>>> result = analyse(sg.build_graph(sg.sample_data()))
>>> list(result)
['orphaned_actions', 'overloaded_leads', 'coverage_gaps', 'overdue', 'status_rollup', 'group_interactions']
"""

from __future__ import annotations

from strategygraph.analysis.coverage import coverage_matrix, find_coverage_gaps
from strategygraph.analysis.interactions import group_interactions
from strategygraph.analysis.orphans import find_orphans
from strategygraph.analysis.overdue import find_overdue
from strategygraph.analysis.report import FORMATS, render_analysis, to_dataframe, write_analysis
from strategygraph.analysis.rollup import status_rollup
from strategygraph.analysis.run import ANALYSES, Analysis, analyse
from strategygraph.analysis.to_nx import to_networkx
from strategygraph.analysis.workload import find_overloaded_leads, workload

__all__ = ["to_networkx", "find_orphans", "find_overloaded_leads", "workload", "find_coverage_gaps",
           "coverage_matrix", "find_overdue", "status_rollup", "group_interactions", "analyse", "Analysis",
           "ANALYSES", "write_analysis", "render_analysis", "to_dataframe", "FORMATS"]
