"""Build the RDF dataset from a council's data folder.

>>> from strategygraph.build import build_graph
>>> from strategygraph.resources import sample_data
>>> ds = build_graph(sample_data())
>>> len(list(ds.graphs())) > 5
True
"""

from strategygraph.build.folder import Record, council_folders, read_folder
from strategygraph.build.graph import build_graph, build_store, to_dataset

__all__ = ["build_graph", "build_store", "council_folders", "read_folder", "to_dataset", "Record"]
