"""``strategygraph import`` (a published action plan table → data folder or RDF) and
``strategygraph diff`` (what changed between two versions of a plan)."""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--plan-id", help="Id of the plan (default: from its title). Record ids start with it.")
@click.option("--title", help="Title of this version (default: the text above the table).")
@click.option("--period", help="When this version was published: 2025-10, 2025-10-14, or START/END such as "
              "2024-09/2025-10 (default: the month in the title, or in dated update columns).")
@click.option("--council", help="The council's name, when importing without --data (default: from the title).")
@click.option("--mapping", type=click.Path(dir_okay=False, path_type=Path),
              help="Mapping file (.json, .toml or .csv): column headers, people and RAG words.")
@click.option("--previous", help="The earlier version of this plan: a version id in --data, or a data folder "
              "(its latest version). Rows are matched to it; changes are listed.")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Existing data folder: leads are resolved against its people; a folder output includes it.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Data folder to write (new or empty, or the --data folder to add to it), or an RDF file "
              "(.trig, .nq, .ttl, .jsonld). Without it nothing is written.")
@click.option("--report", "report_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the full import report (every row, every guess) as JSON.")
@click.option("--strict", is_flag=True, help="Refuse unreadable dates and RAG values instead of warning.")
@click.option("--max-size", type=float, default=None, help="Largest file accepted, in MB (default 20).")
@click.option("-v", "--verbose", is_flag=True, help="List informational notes and rewordings too.")
def import_(path: Path, plan_id, title, period, council, mapping, previous, data_dir, output, report_file, strict,
            max_size, verbose) -> None:
    """Import an action plan table (CSV, TSV, tab-separated text, XLSX or DOCX).

    Columns are recognised by their headers (Recommendation / What, Action / How, By when /
    Due / Target date, Lead / Actioned by / Owner, Chief officer, Progress / Key updates,
    RAG / Status); a --mapping file names any others. Bullets and HTML become separate
    actions, repeated page headers are dropped, rows continued across pages are joined,
    due wording becomes dates, leads are resolved to people. The summary lists every guess
    and warning; --report FILE has the whole story. Nothing is written on error.

    Examples:

      strategygraph import plan-2024.docx --plan-id cpc -o data/ourcouncil

      strategygraph import update-2025.xlsx --previous cpc-2024-09 --data data/ourcouncil
      --period 2025-10 -o data/ourcouncil
    """
    from strategygraph.importer import MAX_BYTES, import_plan

    options = dict(plan_id=plan_id, title=title, period=period, council=council, mapping=mapping, strict=strict,
                   max_bytes=int(max_size * 1024 * 1024) if max_size else MAX_BYTES)
    result = import_plan(path, output, data=data_dir, previous=previous, report_path=report_file, **options)
    click.echo(result.report.summary(verbose=verbose))
    if output is None:
        click.echo("  nothing written (give -o to write a data folder or an RDF file)")
    if report_file is not None:
        click.echo(f"  report: {report_file}")


@click.command()
@click.argument("old")
@click.argument("new")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Data folder holding the versions named by id (default: the bundled sample data).")
@click.option("--plan-id", help="Plan to compare, when a data folder holds several (or for table files).")
@click.option("--period", help="When NEW was published, when NEW is a table file without a date.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--all", "show_all", is_flag=True, help="Include rewordings.")
def diff(old: str, new: str, data_dir: Path | None, plan_id, period, fmt: str, show_all: bool) -> None:
    """List what changed from version OLD to version NEW of a plan.

    OLD and NEW are version ids in the data folder (cpc-2024-09), data folders (their latest
    version), or published table files (imported in memory, NEW matched to OLD). Changes:
    due dates moved, leads changed, RAG ratings appeared or moved, actions and
    recommendations added or dropped, rewordings (with --all).

    Example: strategygraph diff cpc-2024-09 cpc-2025-10
    """
    from strategygraph.importer import compare

    changes = compare(old, new, data=data_dir, plan_id=plan_id, period=period)
    shown = [c for c in changes if show_all or c.rule != "reworded"]
    if fmt == "json":
        click.echo(json.dumps([c.as_dict() for c in shown], indent=2, ensure_ascii=False))
        return
    if not shown:
        click.echo("No changes.")
    for change in shown:
        click.echo(f"{change.iri}: {change.why}")
    hidden = len(changes) - len(shown)
    if hidden:
        click.echo(f"({hidden} rewordings not shown: use --all)", err=True)
