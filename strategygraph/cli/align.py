"""The ``align`` command: does a strategy draft support the council's priorities?"""

from __future__ import annotations

from pathlib import Path

import click

from strategygraph.cli.common import DATA_OPTION, GRAPH_OPTION

FORMATS = ["table", "markdown", "html", "json", "xlsx"]


@click.command()
@click.argument("document", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="Report format (default: from the -o file's extension, else table).")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="File to write the report to (default: standard output). With --add-to-graph and no "
                   "--data: the new data folder to write instead, and the report goes to standard output.")
@click.option("--add-to-graph", is_flag=True,
              help="Record the strategy, its objectives and suggested alignment links in a data folder.")
@click.option("--plan-id", help="Id of the strategy in the data folder (with --add-to-graph), e.g. econ-2026.")
@click.option("--title", help="Title of the strategy (default: the document's title or first heading).")
@DATA_OPTION
@GRAPH_OPTION
def align(document: Path, fmt: str | None, output: Path | None, add_to_graph: bool, plan_id: str | None,
          title: str | None, data_dir: Path | None, graph_file: Path | None) -> None:
    """Check how a strategy draft aligns to the Council Plan and Plan 2030.

    DOCUMENT is the draft as Markdown (.md), plain text (.txt), Word (.docx), or a CSV or
    Excel (.xlsx) table of objectives (one a row, in a column headed 'objective'). Its
    objectives are the draft's numbered or bulleted items, table rows and
    'Objective N:' headings (else its headings, else its paragraphs). Each is scored
    against every Council Plan priority, theme and commitment and every delivery group
    and workstream (TF-IDF over the graph's own text, lifted through its structure), with
    the words that matched and the commitment, workstream or action the match came
    through, and the existing actions it looks like. The report ends with the priorities
    and themes the draft covers and leaves uncovered, and a summary to quote.

    --add-to-graph --plan-id ID records the draft as a Strategy plan with one statement
    per objective and its alignment links with status 'suggested' (score and evidence in
    the rationale): added to the --data folder when given, else written to -o DIR as a
    copy of the bundled data. An officer confirms a link by changing its status to
    'curated' in alignments-ID.csv, and rejects it by deleting the row.

    Examples:

      strategygraph align draft-economic-strategy.docx

      strategygraph align draft.md --format html -o alignment.html

      strategygraph align draft.md --add-to-graph --plan-id econ-2026 --data data/mycouncil
    """
    from strategygraph.align.explain import align_document
    from strategygraph.align.report import EXTENSIONS, format_report, write_report
    from strategygraph.cli.common import data_dir as default_data, load_graph

    folder, copy_from, report_file = None, None, output
    if plan_id and not add_to_graph:
        raise click.UsageError("--plan-id is only used with --add-to-graph")
    if add_to_graph:
        if not plan_id:
            raise click.UsageError("--add-to-graph needs --plan-id ID (the strategy's id in the data folder)")
        if data_dir is not None:
            folder = data_dir
        elif graph_file is not None:
            raise click.UsageError("--add-to-graph with --graph needs --data DIR, the folder the graph was built from")
        elif output is None:
            raise click.UsageError("--add-to-graph needs --data DIR (a data folder to add to) or -o DIR (a new "
                                   "folder: the bundled data with the strategy added)")
        else:
            folder, copy_from, report_file = output, default_data(None), None
    if fmt is None:
        fmt = EXTENSIONS.get(report_file.suffix.lower(), "table") if report_file is not None else "table"
    if fmt == "xlsx" and report_file is None:
        raise click.UsageError("--format xlsx writes a workbook: give -o FILE.xlsx")

    from strategygraph.align.score import Scorer

    scorer = Scorer(load_graph(graph_file, data_dir))
    report = align_document(document, scorer=scorer, title=title)

    if folder is not None:
        from strategygraph.align.record import add_to_folder

        ids = {iri: node.id for iri, node in scorer.targets.nodes.items()}
        written = add_to_folder(report, plan_id, folder, ids, copy_from=copy_from)
        links = max(0, sum(1 for _ in written[-1].open(encoding="utf-8")) - 1)
        click.echo(f"Added strategy {plan_id!r} ({len(report.objectives)} objectives, {links} suggested links) to "
                   f"{folder}: {', '.join(p.name for p in written)}. Confirm a link by changing its status to "
                   f"'curated' in {written[-1].name}; build with: strategygraph build --data {folder}", err=True)
    if report_file is not None:
        write_report(report, report_file, fmt)
        click.echo(f"Wrote {report_file} ({fmt}): {len(report.objectives)} objectives, "
                   f"{len(report.covered)} priorities and themes covered, {len(report.uncovered)} uncovered.",
                   err=True)
    else:
        click.echo(format_report(report, fmt), nl=False)
