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


def store_spec() -> str | None:
    """The ``--store`` given to the command line (``None``: the configured back end)."""
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root() if ctx is not None else None
    return (root.obj or {}).get("store") if root is not None else None


def load_graph(graph_file: Path | None, data: Path | None):
    """The store to work on: *graph_file* read into the chosen back end when given, else the
    data folder built into it. A store that already holds a graph (an Oxigraph folder filled
    by ``build``, or an endpoint) is used as it is when neither is given."""
    from strategygraph.store import open_store, load_file

    store = open_store(store_spec())
    if graph_file is not None:
        return load_file(graph_file, store)
    if data is None and (store.kind == "remote" or (store.kind == "oxigraph" and store.path and len(store))):
        return store
    from strategygraph.build import build_store

    return build_store(data_dir(data), store)
