"""``strategygraph render``: draw a diagram as an offline page or an image."""

from __future__ import annotations

from pathlib import Path

import click

from strategygraph.cli.common import DATA_OPTION, GRAPH_OPTION, load_graph

VIEW_NAMES = ["fig1", "fig2", "governance", "delivery", "explore"]


@click.command()
@click.argument("view", type=click.Choice(VIEW_NAMES))
@click.option("--plan", help="Plan id to draw (default: the first plan of the right kind).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: VIEW.FORMAT in the current folder).")
@click.option("--format", "fmt", type=click.Choice(["html", "svg", "png"]),
              help="Output format (default: from the output file's extension, else html).")
@DATA_OPTION
@GRAPH_OPTION
def render(view: str, plan: str | None, output: Path | None, fmt: str | None, data_dir: Path | None,
           graph_file: Path | None) -> None:
    """Draw VIEW from the graph.

    \b
    fig1        the framework's centre, its delivery groups and their workstreams
    fig2        the delivery groups and how they interact (hover an edge for the evidence)
    governance  bodies, roles and who reports to whom
    delivery    a delivery plan's projects, leads and milestones on a time axis
    explore     the whole graph or one plan: filter by type, search, click for details

    HTML pages work offline (everything inlined); SVG and PNG are for committee papers.

    Example: strategygraph render fig1 -o fig1.png
    """
    from strategygraph.render import write_figure

    if fmt is None:
        fmt = output.suffix.lstrip(".").lower() if output is not None and output.suffix else "html"
    output = output or Path(f"{view}.{fmt}")
    ds = load_graph(graph_file, data_dir)
    path = write_figure(ds, view, output, fmt, plan)
    click.echo(f"Wrote {path}", err=True)
