"""Options and helpers shared by the commands."""

from __future__ import annotations

from pathlib import Path

import click

DATA_OPTION = click.option(
    "--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
    help="Data folder of CSV files to build from (default: the bundled Lancaster data).")

GRAPH_OPTION = click.option(
    "--graph", "graph_file", type=click.Path(dir_okay=False, path_type=Path),
    help="A built graph file (.trig, .nq, .ttl, .jsonld) to use instead of building from --data.")


def data_dir(path: Path | None) -> Path:
    """*path*, or the bundled Lancaster data folder when it is ``None``."""
    from strategygraph.resources import sample_data

    return path if path is not None else sample_data()


def load_graph(graph_file: Path | None, data: Path | None):
    """The dataset read from *graph_file* when given, else built from the data folder."""
    if graph_file is not None:
        from strategygraph.graphfile import read_dataset

        return read_dataset(graph_file)
    from strategygraph.build import build_graph

    return build_graph(data_dir(data))
