"""The ``strategygraph`` command.

Commands are thin: they parse options, call one library function and format the result.
Only click and the standard library are imported at start-up; the RDF stack is imported
inside the commands that need it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from strategygraph import __version__
from strategygraph.errors import InputErrors, StrategyGraphError


class UserError(click.ClickException):
    """Bad input: one line per problem on stderr, exit status 2."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"Error: {self.format_message()}", err=True)


class Group(click.Group):
    """Turns library errors into :class:`UserError` unless ``--debug`` is given."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except StrategyGraphError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            problems = exc.errors if isinstance(exc, InputErrors) else [exc]
            raise UserError("\n".join(str(p) for p in problems)) from None


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="strategygraph")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Turn a council's strategy documents into a knowledge graph and ask it questions.

    With no --data option, commands use the bundled Lancaster City Council data.
    """
    ctx.ensure_object(dict)["debug"] = debug


DATA_OPTION = click.option(
    "--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
    help="Data folder of CSV files to build from (default: the bundled Lancaster data).")


def _data_dir(data_dir: Path | None) -> Path:
    from strategygraph.resources import sample_data

    return data_dir if data_dir is not None else sample_data()


def _load(graph_file: Path | None, data_dir: Path | None):
    """The dataset from *graph_file* when given, else built from the data folder."""
    if graph_file is not None:
        from strategygraph.graphfile import read_dataset

        return read_dataset(graph_file)
    from strategygraph.build import build_graph

    return build_graph(_data_dir(data_dir))


@cli.command()
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
    from strategygraph.build import build_graph
    from strategygraph.graphfile import format_for, serialize, write_dataset
    from strategygraph.stats import class_counts

    if output is not None:
        fmt = format_for(output, fmt)  # refuse an unknown extension before building
    ds = build_graph(_data_dir(data_dir))
    if output is None:
        click.echo(serialize(ds, fmt or "trig"), nl=False)
        return
    write_dataset(ds, output, fmt)
    counts = class_counts(ds)
    graphs = sum(1 for g in ds.graphs() if len(g))
    click.echo(f"Wrote {output} ({fmt}): {sum(len(g) for g in ds.graphs()):,} statements in {graphs} named graphs, "
               f"{counts.get('sg:Action', 0)} actions, {counts.get('sg:Recommendation', 0)} recommendations.",
               err=True)


@cli.command()
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


@cli.command()
@click.argument("graph_file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@DATA_OPTION
def stats(graph_file: Path | None, data_dir: Path | None) -> None:
    """Count the nodes of each class, and the triples of each named graph.

    Example: strategygraph stats
    """
    from strategygraph.stats import class_counts

    ds = _load(graph_file, data_dir)
    counts = class_counts(ds)
    width = max(len(k) for k in counts)
    click.echo("Nodes by class")
    for cls, n in counts.items():
        click.echo(f"  {cls:<{width}}  {n:>6,}")
    click.echo("Triples by named graph")
    for g in sorted(ds.graphs(), key=lambda g: str(g.identifier)):
        if len(g):
            click.echo(f"  {g.identifier}  {len(g):,}")


def main() -> None:  # pragma: no cover - console-script entry
    """Entry point of ``python -m strategygraph``."""
    cli(prog_name="strategygraph")
