"""``strategygraph report``: the main job in one command."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from strategygraph.cli.common import DATA_OPTION


@click.command()
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder to write the pack into (created if needed).")
@click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), help="Date for overdue work (default: today).")
@DATA_OPTION
def report(out_dir: Path, as_of, data_dir: Path | None) -> None:
    """Build, validate, analyse and draw everything into one folder with an index.html.

    The pack holds the graph (TriG, N-Quads, Turtle), the validation report, the analysis
    report (HTML, Excel, JSON, CSV) and every figure (HTML, SVG, PNG). Exits 1 when the
    graph has SHACL violations (the pack is still written so you can read why).

    Example: strategygraph report -o out/
    """
    from strategygraph.cli.common import store_spec
    from strategygraph.report import write_report

    pack = write_report(out_dir, data_dir, as_of.date() if as_of else None, store=store_spec())
    click.echo(f"Wrote {len(pack.files)} files to {out_dir}/ — open {out_dir / 'index.html'}", err=True)
    click.echo(f"Validation: {'conforms' if pack.conforms else 'DOES NOT CONFORM'} "
               f"({pack.violations} violations, {pack.warnings} warnings)", err=True)
    for name, count in pack.findings.items():
        click.echo(f"  {name.replace('_', ' ')}: {count}", err=True)
    if not pack.conforms:
        sys.exit(1)


