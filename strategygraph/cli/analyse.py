"""``strategygraph analyse``: orphaned actions, overloaded leads, coverage gaps, overdue work,
status roll-up and group interactions, each finding with the reason it was found."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from strategygraph.cli.common import DATA_OPTION, GRAPH_OPTION, load_graph

FORMAT_NAMES = ["table", "json", "csv", "markdown", "html", "xlsx"]


def _as_of(value: str | None) -> dt.date | None:
    from strategygraph.cli import UserError

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UserError(f"--as-of: {value!r} is not a date (expected YYYY-MM-DD, e.g. 2025-03-31)") from None


@click.command()
@click.argument("what", nargs=-1, metavar="[WHAT]...")
@click.option("--plan", metavar="ID", help="Only this plan's work (its id, e.g. cpc).")
@click.option("--as-of", "as_of", metavar="DATE", help="Date for overdue work and the reports then known "
              "(YYYY-MM-DD; default: today).")
@click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES),
              help="Output format (default: from the output file's extension, else table).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output; xlsx needs a file).")
@click.option("--threshold", type=float, metavar="N",
              help="Weighted open-work load above which a lead is overloaded (default: the council's median "
                   "+ 2 scaled MADs, per role).")
@DATA_OPTION
@GRAPH_OPTION
def analyse(what: tuple[str, ...], plan: str | None, as_of: str | None, fmt: str | None, output: Path | None,
            threshold: float | None, data_dir: Path | None, graph_file: Path | None) -> None:
    """Analyse delivery: what is orphaned, overloaded, uncovered, late, slipping or worsening,
    and how the delivery groups interact. Every finding says why.

    \b
    WHAT is any of (default: all; hyphens or underscores):
      orphaned_actions    work with no path to a Council Plan priority; no lead; no action
      overloaded_leads    open work per person and role against the council's norm
      coverage_gaps       priorities, themes and commitments nobody works on
      overdue             open work past its due date; due dates that moved
      status_rollup       RAG picture per recommendation, priority and group; worsening
      group_interactions  each pair of delivery groups: strength and evidence (FIG 2)

    JSON is an object keyed by analysis, each a list of findings (label, iri, why, rule,
    evidence, severity). HTML is a one-page report; xlsx has one sheet per analysis.

    Example: strategygraph analyse overdue --as-of 2025-06-30 --format html -o overdue.html
    """
    from strategygraph.analysis.report import format_for, render_analysis, write_analysis
    from strategygraph.analysis.run import analyse as run, analysis_names
    from strategygraph.cli import UserError

    names = analysis_names(what)  # bad names fail before any work
    day = _as_of(as_of)
    fmt = format_for(output, fmt)
    if fmt == "xlsx" and output is None:
        raise UserError("--format xlsx writes a workbook: give a file with -o, e.g. -o analysis.xlsx")
    result = run(load_graph(graph_file, data_dir), names, plan=plan, as_of=day, threshold=threshold)
    if output is None:
        click.echo(render_analysis(result, fmt), nl=False)
        return
    write_analysis(result, output, fmt)
    counts = ", ".join(f"{len(v)} {k.replace('_', ' ')}" for k, v in result.items())
    click.echo(f"Wrote {output} ({fmt}): {counts}.", err=True)
