"""``strategygraph synth``: write synthetic council data folders for testing at scale."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command()
@click.option("--councils", "-n", type=click.IntRange(min=1), default=1, show_default=True,
              help="How many councils to generate.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Random seed: the same seed gives the same files.")
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write into: one data folder per council, DIR/<council-id>/.")
@click.option("--overwrite", is_flag=True, help="Replace council folders that already exist in DIR.")
@click.option("--check", is_flag=True,
              help="Then build all the councils into one graph and validate it (exit 1 on violations).")
def synth(councils: int, seed: int, out_dir: Path, overwrite: bool, check: bool) -> None:
    """Generate realistic synthetic council data folders, to test scale without real data.

    Each folder has the format of data/README.md: a Council Plan (4 priorities, 3 themes,
    commitments), a framework of delivery groups and workstreams with a delivery plan, and a
    peer-challenge action plan published and then updated twice (recommendations, actions
    whose due dates move, RAG ratings that worsen or go unpublished), with leads skewed so a
    few officers carry much of the work. Names are invented; nothing real is described.
    DIR as a whole builds into one graph (--data DIR), each council also on its own.

    Example: strategygraph synth --councils 50 --seed 1 -o synth/
    """
    from strategygraph.synth import generate_councils, summarise, write_councils

    generated = generate_councils(councils, seed)
    write_councils(generated, out_dir, overwrite=overwrite)
    totals = summarise(generated)
    click.echo(f"Wrote {councils} council data folder{'s' if councils != 1 else ''} to {out_dir} (seed {seed}): "
               f"{totals['action ids']:,} actions and projects ({totals['actions']:,} rows over their versions), "
               f"{totals['recommendations']:,} recommendation rows, {totals['updates']:,} progress updates, "
               f"{totals['people']:,} people, {totals['alignments']:,} alignment links.", err=True)
    if not check:
        return
    from strategygraph.build import build_store
    from strategygraph.cli.common import store_spec
    from strategygraph.validation import validate

    ds = build_store(out_dir, store_spec())  # every council in DIR, as one dataset
    statements = len(ds)
    report = validate(ds)
    click.echo(f"Built {out_dir}: {report.triples:,} triples ({statements:,} statements in named graphs). "
               + report.text().splitlines()[0], err=True)
    if not report.conforms:
        click.echo(report.text(), err=True)
        sys.exit(1)
