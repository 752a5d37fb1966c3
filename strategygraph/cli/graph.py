"""Commands that build, check and count the graph: ``build``, ``validate``, ``stats``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from strategygraph.cli.common import DATA_OPTION, data_dir as _data_dir, load_graph as _load, store_spec


@click.command()
@DATA_OPTION
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output).")
@click.option("--format", "fmt", type=click.Choice(["trig", "nquads", "turtle", "json-ld"]),
              help="RDF format (default: from the output file's extension, else trig).")
def build(data_dir: Path | None, output: Path | None, fmt: str | None) -> None:
    """Build the RDF graph from a data folder.

    Each source document version becomes a named graph (TriG / N-Quads keep them; Turtle
    writes the union). Nothing is written if any data file has a problem.

    Example: strategygraph build -o lancaster.trig
    """
    from strategygraph.build import build_store
    from strategygraph.graphfile import format_for, serialize
    from strategygraph.stats import class_counts
    from strategygraph.store import open_store, write_file

    if output is not None:
        fmt = format_for(output, fmt)  # refuse an unknown extension before building
    store = open_store(store_spec())
    if store.kind == "remote":
        raise click.UsageError("build cannot write into an endpoint: build -o FILE, then push it")
    build_store(_data_dir(data_dir), store)
    kept = store.kind == "oxigraph" and store.path is not None
    if output is None and not kept:
        click.echo(store.serialize(fmt or "trig") or serialize(store.dataset(), fmt or "trig"), nl=False)
        return
    if output is not None:
        write_file(store, output, fmt)
    counts = class_counts(store)
    where = f"{output} ({fmt})" if output is not None else store.describe()
    if kept:
        store.flush()
        if output is not None:
            where += f" and {store.describe()}"
    click.echo(f"Wrote {where}: {len(store):,} statements in {len(store.graphs())} named graphs, "
               f"{counts.get('sg:Action', 0)} actions, {counts.get('sg:Recommendation', 0)} recommendations.",
               err=True)


@click.command()
@click.argument("graph_file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@DATA_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Report format.")
def validate(graph_file: Path | None, data_dir: Path | None, fmt: str) -> None:
    """Check a graph against the SHACL shapes of complete data.

    GRAPH_FILE is a built graph (.trig, .nq, .ttl, .jsonld); without it the data folder is
    built and checked. Exits 0 when the graph conforms (warnings allowed), 1 when it has
    violations, 2 when the file cannot be read.

    Example: strategygraph validate lancaster.trig
    """
    import json
    from dataclasses import asdict

    from strategygraph.validation import validate as run

    report = run(_load(graph_file, data_dir))
    if fmt == "json":
        click.echo(json.dumps({"conforms": report.conforms, "triples": report.triples,
                               "problems": [asdict(p) | {"id": p.name} for p in report.problems]}, indent=2))
    else:
        click.echo(report.text())
    if not report.conforms:
        sys.exit(1)


@click.command()
@click.argument("graph_file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@DATA_OPTION
def stats(graph_file: Path | None, data_dir: Path | None) -> None:
    """Count the nodes of each class, and the triples of each named graph.

    Example: strategygraph stats
    """
    from strategygraph.stats import class_counts

    from strategygraph.stats import graph_sizes

    store = _load(graph_file, data_dir)
    counts = class_counts(store)
    click.echo(f"Held in: {store.describe()}")
    width = max(len(k) for k in counts)
    click.echo("Nodes by class")
    for cls, n in counts.items():
        click.echo(f"  {cls:<{width}}  {n:>6,}")
    click.echo("Triples by named graph")
    for name, size in graph_sizes(store).items():
        click.echo(f"  {name}  {size:,}")
