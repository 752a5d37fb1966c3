"""strategygraph: a council's strategy documents as one knowledge graph.

The public API is imported lazily, so ``import strategygraph`` (and the CLI's start-up)
does not pay for rdflib, pandas or pySHACL until they are used.

>>> import strategygraph as sg
>>> ds = sg.build_graph(sg.sample_data())
>>> sg.validate(ds).conforms
True
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_API = {
    "build_graph": "strategygraph.build",
    "read_folder": "strategygraph.build",
    "read_dataset": "strategygraph.graphfile",
    "write_dataset": "strategygraph.graphfile",
    "validate": "strategygraph.validation",
    "Report": "strategygraph.validation",
    "class_counts": "strategygraph.stats",
    "ontology_path": "strategygraph.resources",
    "shapes_path": "strategygraph.resources",
    "sample_data": "strategygraph.resources",
    "Finding": "strategygraph.findings",
    "make_view": "strategygraph.render",
    "render_network": "strategygraph.render",
    "write_figure": "strategygraph.render",
    "write_report": "strategygraph.report",
    "to_networkx": "strategygraph.analysis",
    "find_orphans": "strategygraph.analysis",
    "find_overloaded_leads": "strategygraph.analysis",
    "workload": "strategygraph.analysis",
    "find_coverage_gaps": "strategygraph.analysis",
    "coverage_matrix": "strategygraph.analysis",
    "find_overdue": "strategygraph.analysis",
    "status_rollup": "strategygraph.analysis",
    "group_interactions": "strategygraph.analysis",
    "analyse": "strategygraph.analysis",
    "write_analysis": "strategygraph.analysis",
    "align_document": "strategygraph.align",
    "align_objectives": "strategygraph.align",
    "extract_objectives": "strategygraph.align",
    "read_action_plan": "strategygraph.importer",
    "import_plan": "strategygraph.importer",
    "diff_versions": "strategygraph.importer",
    "load_version": "strategygraph.importer",
    "query": "strategygraph.sparql",
    "run_named": "strategygraph.sparql",
    "list_named": "strategygraph.sparql",
    "graph": "strategygraph.sparql",
}

__all__ = sorted(_API) + ["__version__"]


def __getattr__(name: str):
    if name in _API:
        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'strategygraph' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
