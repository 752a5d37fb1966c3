"""The main job in one call: build, validate, analyse and draw, into one folder of files a
policy officer can open, paste into a committee paper, or hand to an analyst.

Everything is written into a temporary folder first and moved into place at the end, so a
failure leaves no half-written pack.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from strategygraph.build import build_store
from strategygraph.graphfile import serialize
from strategygraph.io.atomic import make_readable
from strategygraph.render import VIEWS, make_view, write_html, write_image
from strategygraph.resources import ontology_path, shapes_path
from strategygraph.stats import class_counts
from strategygraph.validation import validate

#: Views drawn as static images too (explore is interactive first, but gets an overview image).
STATIC_VIEWS = ("fig1", "fig2", "governance", "delivery", "explore")


@dataclass
class Pack:
    """What :func:`write_report` wrote, and what it found."""

    folder: Path
    files: list[str] = field(default_factory=list)
    conforms: bool = True
    violations: int = 0
    warnings: int = 0
    findings: dict[str, int] = field(default_factory=dict)


def write_report(out_dir: str | Path, data_dir: str | Path | None = None, as_of: date | None = None,
                 store=None) -> Pack:
    """Build the graph from *data_dir* (the bundled Lancaster data by default), validate it,
    analyse it as of *as_of* (default today), draw every figure, and write it all with an
    ``index.html`` into *out_dir*. *store* picks the back end (a spec such as ``"memory"``, a
    :class:`~strategygraph.store.Store`, or ``None`` for the configured one).

    >>> import tempfile, pathlib
    >>> pack = write_report(pathlib.Path(tempfile.mkdtemp()) / "out")
    >>> "index.html" in pack.files and "figures/fig1.png" in pack.files
    True
    """
    from strategygraph.resources import sample_data

    out = Path(out_dir)
    source = Path(data_dir) if data_dir is not None else sample_data()
    ds = build_store(source, store)  # raises on bad input before anything is written
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        pack = _write_all(ds, staging, source, as_of or date.today())
        _move_into_place(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    pack.folder = out
    return pack


def _write_all(ds, folder: Path, source: Path, as_of: date) -> Pack:
    pack = Pack(folder)

    def write_text(name: str, text: str) -> None:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        pack.files.append(name)

    for name, fmt in (("graph/graph.trig", "trig"), ("graph/graph.nq", "nquads"), ("graph/graph.ttl", "turtle")):
        write_text(name, ds.serialize(fmt) or serialize(ds.dataset(), fmt))
    for name, path in (("graph/ontology.ttl", ontology_path()), ("graph/shapes.ttl", shapes_path())):
        write_text(name, path.read_text(encoding="utf-8"))

    report = validate(ds)
    pack.conforms, pack.violations, pack.warnings = report.conforms, len(report.violations), len(report.warnings)
    write_text("validation/validation.txt", report.text(limit=1000) + "\n")
    write_text("validation/validation.json", json.dumps(
        {"conforms": report.conforms, "problems": [asdict(p) | {"id": p.name} for p in report.problems]}, indent=2))

    from strategygraph.analysis import analyse, write_analysis

    findings = analyse(ds, as_of=as_of)
    pack.findings = {k: len(v) for k, v in findings.items()}
    for fmt in ("html", "json", "xlsx", "csv"):
        name = f"analysis/analysis.{fmt}"
        (folder / "analysis").mkdir(exist_ok=True)
        write_analysis(findings, folder / name, fmt)
        pack.files.append(name)

    (folder / "figures").mkdir(exist_ok=True)
    for view in VIEWS:
        drawn = make_view(ds, view)  # one view per figure, whatever the number of formats
        write_html(drawn, folder / "figures" / f"{view}.html")
        pack.files.append(f"figures/{view}.html")
        if view in STATIC_VIEWS:
            for fmt in ("svg", "png"):
                write_image(drawn, folder / "figures" / f"{view}.{fmt}", fmt)
                pack.files.append(f"figures/{view}.{fmt}")

    write_text("index.html", _index(pack, ds, source, as_of))
    return pack


FIGURE_TITLES = {
    "fig1": "FIG 1 – how the delivery groups contribute to the framework",
    "fig2": "FIG 2 – how the delivery groups interact",
    "governance": "FIG 7 – governance: bodies, roles, reporting lines",
    "delivery": "FIG 8 – delivery plan: projects, leads and milestones",
    "explore": "Explore the whole graph",
}


def _index(pack: Pack, ds, source: Path, as_of: date) -> str:
    def link(name: str, text: str) -> str:
        return f'<a href="{html.escape(name)}">{html.escape(text)}</a>'

    counts = class_counts(ds)
    council = next((str(o) for s, o in _council_labels(ds.dataset())), source.name)
    status = ("conforms to the shapes of complete data" if pack.conforms
              else f"does NOT conform: {pack.violations} violations")
    rows = "".join(f"<tr><td>{html.escape(k)}</td><td>{v}</td></tr>" for k, v in pack.findings.items())
    figures = "".join(
        f"<li>{html.escape(FIGURE_TITLES.get(v, v))}: "
        + ", ".join(link(f"figures/{v}.{fmt}", fmt.upper()) for fmt in ("html", "svg", "png")
                    if f"figures/{v}.{fmt}" in pack.files) + "</li>" for v in VIEWS)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(council)}: strategy graph report</title>
<style>body{{font-family:Arial,Helvetica,sans-serif;max-width:900px;margin:24px auto;color:#222;line-height:1.45}}
table{{border-collapse:collapse}}td{{border:1px solid #ccc;padding:3px 10px}}h2{{margin-top:28px}}</style></head>
<body>
<h1>{html.escape(council)}: strategy graph report</h1>
<p>Built from <code>{html.escape(source.name)}</code>; analysis as of {as_of.isoformat()}.
{counts.get('sg:Action', 0) + counts.get('sg:Project', 0)} actions and projects,
{counts.get('sg:Recommendation', 0)} recommendations, {counts.get('sg:Priority', 0)} priorities,
{counts.get('sg:DeliveryGroup', 0)} delivery groups, {counts.get('foaf:Person', 0)} people.</p>
<h2>Analysis</h2>
<p>{link('analysis/analysis.html', 'Read the analysis report')} (also as
{link('analysis/analysis.xlsx', 'Excel')}, {link('analysis/analysis.json', 'JSON')} and
{link('analysis/analysis.csv', 'CSV')}).</p>
<table><tr><td><b>Analysis</b></td><td><b>Findings</b></td></tr>{rows}</table>
<h2>Figures</h2>
<ul>{figures}</ul>
<h2>Validation</h2>
<p>The graph {html.escape(status)}, with {pack.warnings} warnings:
{link('validation/validation.txt', 'report')} ({link('validation/validation.json', 'JSON')}).</p>
<h2>The graph</h2>
<p>{link('graph/graph.trig', 'TriG')} (one named graph per source document version),
{link('graph/graph.nq', 'N-Quads')}, {link('graph/graph.ttl', 'Turtle')} (all versions together);
{link('graph/ontology.ttl', 'the ontology')} and {link('graph/shapes.ttl', 'the SHACL shapes')}.</p>
</body></html>
"""


def _council_labels(ds):
    from rdflib.namespace import ORG, RDF, RDFS

    for s in ds.subjects(RDF.type, ORG.FormalOrganization):
        for o in ds.objects(s, RDFS.label):
            yield s, o


def _move_into_place(staging: Path, out: Path) -> None:
    # Each file is moved with os.replace (atomic); files of an earlier pack not written
    # again are left alone.
    for path in sorted(staging.rglob("*")):
        if path.is_file():
            target = out / path.relative_to(staging)
            target.parent.mkdir(parents=True, exist_ok=True)
            make_readable(path)
            os.replace(path, target)


__all__ = ["write_report", "Pack"]
