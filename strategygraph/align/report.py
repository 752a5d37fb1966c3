"""An alignment report as text for a terminal, Markdown, HTML, JSON or an Excel workbook.

Every format renders the same :class:`~strategygraph.align.explain.AlignmentReport`, so
the scores and evidence are never recomputed. The HTML page is self-contained (inline
CSS, no script, no image, no link to load) and its Content-Security-Policy forbids any
request, so it works offline; every piece of document or graph text in it is escaped.

>>> import strategygraph as sg
>>> from strategygraph.align import align_objectives
>>> report = align_objectives(["Cut carbon <b>now</b>"], sg.build_graph(sg.sample_data()))
>>> "&lt;b&gt;now&lt;/b&gt;" in format_report(report, "html")
True
"""

from __future__ import annotations

import html
import textwrap
from pathlib import Path

from strategygraph.align.explain import AlignmentReport, ObjectiveResult
from strategygraph.io.atomic import atomic_write

#: Formats :func:`format_report` writes as text (``xlsx`` is written by :func:`write_report`).
TEXT_FORMATS = ("table", "markdown", "html", "json")
FORMATS = TEXT_FORMATS + ("xlsx",)
#: Output file extensions and the format each implies.
EXTENSIONS = {".txt": "table", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
              ".json": "json", ".xlsx": "xlsx"}
_KIND_NAMES = {"priority": "Priority", "theme": "Theme", "commitment": "Commitment", "group": "Group",
               "workstream": "Workstream"}


def format_report(report: AlignmentReport, fmt: str = "table") -> str:
    """*report* as text in *fmt*: ``table``, ``markdown``, ``html`` or ``json``.

    >>> import strategygraph as sg
    >>> from strategygraph.align import align_objectives
    >>> report = align_objectives(["Grow the visitor economy"], sg.build_graph(sg.sample_data()))
    >>> "An Inclusive and Prosperous Local Economy" in format_report(report, "table")
    True
    """
    if fmt == "json":
        return report.to_json() + "\n"
    if fmt == "markdown":
        return to_markdown(report)
    if fmt == "html":
        return to_html(report)
    if fmt == "table":
        return to_table(report)
    raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(TEXT_FORMATS)})")


def write_report(report: AlignmentReport, path: str | Path, fmt: str) -> Path:
    """Write *report* to *path* in *fmt* atomically (nothing is left behind on failure).

    >>> import strategygraph as sg, tempfile, pathlib
    >>> from strategygraph.align import align_objectives
    >>> report = align_objectives(["Grow the visitor economy"], sg.build_graph(sg.sample_data()))
    >>> write_report(report, pathlib.Path(tempfile.mkdtemp()) / "a.xlsx", "xlsx").stat().st_size > 1000
    True
    """
    path = Path(path)
    if fmt == "xlsx":
        with atomic_write(path, "wb") as handle:
            to_workbook(report).save(handle)
    else:
        with atomic_write(path, "w") as handle:
            handle.write(format_report(report, fmt))
    return path


def _score(value: float) -> str:
    return f"{value:.2f}"


def _top(o: ObjectiveResult, kind: str):
    found = [m for m in o.matches if m.kind == kind]
    return found[0] if found else None


def _aligned_names(o: ObjectiveResult) -> str:
    return "; ".join(a["label"] for a in o.aligned_to) or "nothing clearly"


# -- terminal ---------------------------------------------------------------------------------

def to_table(report: AlignmentReport) -> str:
    """A plain-text report for a terminal: each objective's best match of each kind.

    >>> import strategygraph as sg
    >>> from strategygraph.align import align_objectives
    >>> text = to_table(align_objectives(["Plant more trees"], sg.build_graph(sg.sample_data())))
    >>> text.splitlines()[0]
    'Alignment of "this strategy"'
    """
    wrap = textwrap.TextWrapper(width=100, subsequent_indent=" " * 6)
    lines = [f'Alignment of "{report.title}"' + (f" ({report.path})" if report.path else ""), ""]
    for o in report.objectives:
        lines += wrap.wrap(f"{o.number:>3}. {o.text}  [{report.unit} {o.line}]")
        for kind in ("priority", "theme", "group", "commitment", "workstream"):
            m = _top(o, kind)
            if m is None:
                continue
            lines.append(f"      {_KIND_NAMES[kind]:<11}{_score(m.score)}  {_cut(m.label, 70)}")
            if m.score > 0 and kind in ("priority", "group"):
                lines.append(f"{'':17}{_cut(m.evidence['text'], 83)}")
        lines.append(f"      Aligns to: {_aligned_names(o)}")
        for s in o.similar_actions:
            lines.append(f"      Similar {s['kind']} ({_score(s['score'])}): {_cut(s['label'], 70)}")
        lines.append("")
    lines.append("Covered:   " + ("; ".join(f"{c['label']} (objective{'s' if len(c['objectives']) > 1 else ''} "
                                             f"{', '.join(map(str, c['objectives']))})" for c in report.covered)
                                  or "none"))
    lines.append("Uncovered: " + ("; ".join(f"{c['label']} (best {_score(c['score'])})" for c in report.uncovered)
                                  or "none"))
    lines += ["", *textwrap.wrap("Summary: " + report.summary, width=100), ""]
    return "\n".join(lines)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


# -- Markdown ---------------------------------------------------------------------------------

def _md(text: str) -> str:
    # Cells stay one line and cannot open HTML or break the table.
    return html.escape(" ".join(str(text).split()), quote=False).replace("|", "\\|")


def to_markdown(report: AlignmentReport) -> str:
    """A Markdown report: summary, coverage, then a table of matches per objective.

    >>> import strategygraph as sg
    >>> from strategygraph.align import align_objectives
    >>> md = to_markdown(align_objectives(["Plant more trees | now"], sg.build_graph(sg.sample_data())))
    >>> "Plant more trees \\\\| now" in md
    True
    """
    out = [f"# Alignment of {_md(report.title)}", "", _md(report.summary), "",
           "| | Priorities and themes | |", "|---|---|---|"]
    for c in report.covered:
        out.append(f"| covered | {_md(c['label'])} | objectives {', '.join(map(str, c['objectives']))} |")
    for c in report.uncovered:
        out.append(f"| **uncovered** | {_md(c['label'])} | best score {_score(c['score'])} |")
    out.append("")
    for o in report.objectives:
        out += [f"## {o.number}. {_md(o.text)}", "", f"{report.unit.capitalize()} {o.line}. "
                f"Aligns to: {_md(_aligned_names(o))}.", ""]
        if o.detail:
            out += [f"> {_md(o.detail)}", ""]
        out += ["| Kind | Match | Score | Evidence |", "|---|---|---:|---|"]
        for m in o.matches:
            if m.kind in ("commitment", "workstream") or m.score > 0:
                out.append(f"| {m.kind} | {_md(m.label)} | {_score(m.score)} | {_md(m.evidence['text'])} |")
        if o.similar_actions:
            out += ["", "Existing work it looks like (possible duplication, or a partner to work with):", ""]
            out += [f"- {s['kind']} ({_score(s['score'])}): {_md(s['label'])}"
                    + (f" ({_md(s['plan'])})" if s["plan"] else "") for s in o.similar_actions]
        out.append("")
    out.append(f"Thresholds: {', '.join(f'{k} {v}' for k, v in report.thresholds.items())}.")
    return "\n".join(out) + "\n"


# -- HTML -------------------------------------------------------------------------------------

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;margin:2rem auto;max-width:70rem;
     padding:0 1rem;color:#1b1b1b;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.15rem;margin-top:2rem;border-top:1px solid #ccc;padding-top:1rem}
.summary{background:#f3f6fa;border-left:4px solid #2b5d8c;padding:.75rem 1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;padding:.3rem .5rem;
     border-bottom:1px solid #e3e3e3;vertical-align:top}th{background:#fafafa}
.score{white-space:nowrap;width:8rem}.bar{display:inline-block;height:.6rem;background:#2b5d8c;
     margin-right:.4rem;vertical-align:middle}
.kind{color:#555;font-size:.85rem;white-space:nowrap}.muted{color:#666;font-size:.9rem}
.chip{display:inline-block;border-radius:1rem;padding:.1rem .6rem;margin:.15rem;font-size:.9rem}
.covered{background:#dff0d8}.uncovered{background:#f8d7da}
"""


def _h(text) -> str:
    return html.escape(str(text), quote=True)


def to_html(report: AlignmentReport) -> str:
    """A self-contained HTML page of *report* (inline CSS, no script, works offline).

    >>> import strategygraph as sg
    >>> from strategygraph.align import align_objectives
    >>> page = to_html(align_objectives(["<script>alert(1)</script> parks"], sg.build_graph(sg.sample_data())))
    >>> "<script>" in page, "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    (False, True)
    """
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>Alignment of {_h(report.title)}</title><style>{_CSS}</style></head><body>",
             f"<h1>Alignment of {_h(report.title)}</h1>"]
    if report.path:
        parts.append(f'<p class="muted">Document: {_h(report.path)}</p>')
    parts.append(f'<p class="summary" id="summary">{_h(report.summary)}</p>')
    parts.append('<section id="coverage"><h2>Council Plan priorities and themes</h2><p>')
    parts += [f'<span class="chip covered" title="objectives {_h(", ".join(map(str, c["objectives"])))}">'
              f'Covered: {_h(c["label"])}</span>' for c in report.covered]
    parts += [f'<span class="chip uncovered" title="best score {_score(c["score"])}">Uncovered: {_h(c["label"])}'
              "</span>" for c in report.uncovered]
    parts.append("</p></section>")
    for o in report.objectives:
        parts.append(f'<section class="objective" id="objective-{o.number}">')
        parts.append(f'<h2>{o.number}. <span class="text">{_h(o.text)}</span></h2>')
        if o.detail:
            parts.append(f'<p class="muted detail">{_h(o.detail)}</p>')
        parts.append(f'<p class="muted">{_h(report.unit.capitalize())} {o.line}. Aligns to: '
                     f"<strong>{_h(_aligned_names(o))}</strong>.</p>")
        parts.append('<table><thead><tr><th>Kind</th><th>Match</th><th class="score">Score</th><th>Evidence</th>'
                     "</tr></thead><tbody>")
        for m in o.matches:
            if m.kind in ("commitment", "workstream") or m.score > 0:
                width = max(1, round(min(m.score, 1.0) * 80))
                parts.append(f'<tr><td class="kind">{_h(m.kind)}</td><td>{_h(m.label)}</td>'
                             f'<td class="score"><span class="bar" style="width:{width}px"></span>{_score(m.score)}'
                             f"</td><td>{_h(m.evidence['text'])}</td></tr>")
        parts.append("</tbody></table>")
        if o.similar_actions:
            parts.append("<p>Existing work it looks like (possible duplication, or a partner to work with):</p><ul>")
            parts += [f"<li>{_h(s['kind'])} ({_score(s['score'])}): {_h(s['label'])}"
                      + (f' <span class="muted">({_h(s["plan"])})</span>' if s["plan"] else "") + "</li>"
                      for s in o.similar_actions]
            parts.append("</ul>")
        parts.append("</section>")
    parts.append(f'<p class="muted">Thresholds: {_h(", ".join(f"{k} {v}" for k, v in report.thresholds.items()))}.'
                 " Scores are TF-IDF cosine similarities lifted through the graph's structure; see "
                 "<code>strategygraph align --help</code>.</p></body></html>")
    return "\n".join(parts) + "\n"


# -- Excel ------------------------------------------------------------------------------------

def to_workbook(report: AlignmentReport):
    """An openpyxl workbook of *report*: Summary, Objectives, Matches and Similar work sheets.

    Text that would start a spreadsheet formula is stored as text, never as a formula.

    >>> import strategygraph as sg
    >>> from strategygraph.align import align_objectives
    >>> book = to_workbook(align_objectives(["=1+1 parks"], sg.build_graph(sg.sample_data())))
    >>> book.sheetnames
    ['Summary', 'Objectives', 'Matches', 'Similar work']
    >>> book["Objectives"]["C2"].data_type
    's'
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheets = {"Summary": book.active}
    sheets["Summary"].title = "Summary"
    for name in ("Objectives", "Matches", "Similar work"):
        sheets[name] = book.create_sheet(name)
    rows = {
        "Summary": [["Document", report.title], ["File", report.path], ["Summary", report.summary], []]
        + [["Covered", c["label"], c["kind"], ", ".join(map(str, c["objectives"]))] for c in report.covered]
        + [["Uncovered", c["label"], c["kind"], f"best score {_score(c['score'])}"] for c in report.uncovered],
        "Objectives": [["Number", report.unit.capitalize(), "Objective", "Aligns to", "Best priority", "Score",
                        "Best theme", "Score", "Best group", "Score", "Evidence (priority)"]],
        "Matches": [["Objective", "Kind", "Match", "Score", "Words matched", "Through", "Evidence", "IRI"]],
        "Similar work": [["Objective", "Kind", "Existing work", "Plan", "Score", "Words in common", "IRI"]],
    }
    for o in report.objectives:
        best = {k: _top(o, k) for k in ("priority", "theme", "group")}
        rows["Objectives"].append([o.number, o.line, o.text, _aligned_names(o)]
                                  + [v for k in ("priority", "theme", "group")
                                     for v in ((best[k].label, round(best[k].score, 3)) if best[k] else ("", ""))]
                                  + [best["priority"].evidence["text"] if best["priority"] else ""])
        for m in o.matches:
            rows["Matches"].append([o.number, m.kind, m.label, round(m.score, 3), ", ".join(m.evidence["terms"]),
                                    " > ".join(v["label"] for v in m.evidence["via"]), m.evidence["text"], m.iri])
        for s in o.similar_actions:
            rows["Similar work"].append([o.number, s["kind"], s["label"], s["plan"], round(s["score"], 3),
                                         ", ".join(s["terms"]), s["iri"]])
    for name, sheet in sheets.items():
        for row in rows[name]:
            sheet.append(row)
        for cells in sheet.iter_rows():
            for cell in cells:
                if isinstance(cell.value, str) and cell.data_type == "f":
                    cell.data_type = "s"          # text that looks like a formula stays text
                if isinstance(cell.value, str) and len(cell.value) > 40:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        if name != "Summary":
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            sheet.freeze_panes = "A2"
        for column in sheet.columns:
            longest = max((len(str(c.value)) for c in column if c.value is not None), default=8)
            sheet.column_dimensions[column[0].column_letter].width = min(max(10, longest + 2), 60)
    return book
