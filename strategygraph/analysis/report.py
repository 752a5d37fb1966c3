"""Write analysis findings as a terminal table, JSON, CSV, Markdown, a one-page HTML report
or an Excel workbook. Every format renders the same :class:`~strategygraph.findings.Finding`
objects, so the reason given is the same everywhere.

User text is escaped for HTML and Markdown; spreadsheet cells that would start a formula
(``=``, ``+``, ``-``, ``@``) are stored as text (xlsx) or prefixed with ``'`` (CSV), so a
hostile label never runs in Excel. Files are written atomically.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import textwrap
from pathlib import Path
from typing import Mapping

from strategygraph.analysis.common import fmt_date
from strategygraph.analysis.run import ANALYSES, QUESTIONS, TITLES
from strategygraph.errors import InputError
from strategygraph.findings import Finding
from strategygraph.io.atomic import atomic_write

FORMATS = ("table", "json", "csv", "markdown", "html", "xlsx")
EXTENSIONS = {".txt": "table", ".json": "json", ".csv": "csv", ".md": "markdown", ".markdown": "markdown",
              ".html": "html", ".htm": "html", ".xlsx": "xlsx"}
COLUMNS = ["analysis", "severity", "rule", "label", "iri", "why", "evidence"]
_SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2, "info": 3}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def format_for(path: str | Path | None, fmt: str | None = None) -> str:
    """The format for *path*: *fmt* when given, else from the extension, else ``table``.

    >>> format_for("out/analysis.xlsx"), format_for(None), format_for("x.data", "json")
    ('xlsx', 'table', 'json')
    """
    if fmt:
        if fmt not in FORMATS:
            raise InputError(str(path or "-"), message=f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")
        return fmt
    if path is None:
        return "table"
    suffix = Path(path).suffix.lower()
    if suffix not in EXTENSIONS:
        raise InputError(str(path), message=f"cannot tell the format from {suffix or 'no extension'!r}: use "
                         f".txt, .json, .csv, .md, .html or .xlsx, or give --format")
    return EXTENSIONS[suffix]


def _sections(findings) -> dict[str, list[Finding]]:
    if isinstance(findings, Mapping):
        return {k: list(findings[k]) for k in ANALYSES if k in findings} | {
            k: list(v) for k, v in findings.items() if k not in ANALYSES}
    grouped: dict[str, list[Finding]] = {}
    for f in findings:
        grouped.setdefault(f.analysis, []).append(f)
    return _sections(grouped)


def _jsonable(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value) if isinstance(value, (set, frozenset)) else list(value)
    if hasattr(value, "item"):  # numpy scalars from pandas
        return value.item()
    return str(value)


def _evidence_json(f: Finding) -> str:
    return json.dumps(f.evidence, default=_jsonable, ensure_ascii=False, sort_keys=True)


def to_dataframe(findings):
    """All findings in one pandas DataFrame (columns: analysis, severity, rule, label, iri,
    why, evidence as JSON text).

    >>> to_dataframe({"overdue": [Finding("overdue", "x", "X", "late", "past-due")]}).loc[0, "rule"]
    'past-due'
    """
    import pandas as pd

    rows = [[f.analysis, f.severity, f.rule, f.label, f.iri, f.why, _evidence_json(f)]
            for items in _sections(findings).values() for f in items]
    return pd.DataFrame(rows, columns=COLUMNS)


def render_analysis(findings, fmt: str) -> str | bytes:
    """The findings (a dict of lists, as :func:`~strategygraph.analysis.analyse` returns, or
    a list) rendered in *fmt*: text for every format but ``xlsx``, which is bytes.

    >>> out = render_analysis({"overdue": [Finding("overdue", "x", "X <b>", "late", "past-due")]}, "html")
    >>> "X &lt;b&gt;" in out and "<script" not in out
    True
    """
    fmt = format_for(None, fmt)
    return {"table": _table, "json": _json, "csv": _csv, "markdown": _markdown, "html": _html,
            "xlsx": _xlsx}[fmt](findings)


def write_analysis(findings, path: str | Path, fmt: str | None = None) -> Path:
    """Write the findings to *path* (format from *fmt* or the extension), atomically.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "analysis.json"
    >>> write_analysis({"overdue": []}, out).read_text()
    '{\\n  "overdue": []\\n}\\n'
    """
    path = Path(path)
    fmt = format_for(path, fmt)
    content = render_analysis(findings, fmt)
    binary = isinstance(content, bytes)
    with atomic_write(path, "wb" if binary else "w") as handle:
        handle.write(content)
    return path


# -- text formats ------------------------------------------------------------------------------
def _json(findings) -> str:
    data = {k: [f.as_dict() for f in v] for k, v in _sections(findings).items()}
    return json.dumps(data, default=_jsonable, ensure_ascii=False, indent=2) + "\n"


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _csv(findings) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for items in _sections(findings).values():
        for f in items:
            writer.writerow([_cell(str(x)) for x in (f.analysis, f.severity, f.rule, f.label, f.iri, f.why,
                                                      _evidence_json(f))])
    return out.getvalue()


def _heading(findings) -> list[str]:
    council = getattr(findings, "council", None)
    as_of = getattr(findings, "as_of", None)
    title = f"{council}: delivery analysis" if council else "Delivery analysis"
    sub = f"As of {fmt_date(as_of)}" if as_of else ""
    return [title, sub]


def _table(findings) -> str:
    lines = []
    title, sub = _heading(findings)
    lines += [title, sub, ""] if sub else [title, ""]
    for name, items in _sections(findings).items():
        heading = f"{TITLES.get(name, name)} ({len(items)})"
        lines += [heading, "=" * len(heading)]
        if not items:
            lines += ["  Nothing found.", ""]
            continue
        for f in items:
            lines.append(f"  [{f.severity.upper()}] {f.label if len(f.label) <= 96 else f.label[:95] + '…'}")
            lines += textwrap.wrap(f.why, 96, initial_indent="      ", subsequent_indent="      ")
        lines.append("")
    return "\n".join(lines)


def _md(text: str) -> str:
    # Escape what Markdown (and the HTML it may contain) would interpret; keep tables intact.
    text = html.escape(" ".join(str(text).split()), quote=False)
    for ch in "\\`*_[]|#":
        text = text.replace(ch, "\\" + ch)
    return text


def _markdown(findings) -> str:
    title, sub = _heading(findings)
    lines = [f"# {_md(title)}", ""] + ([f"_{sub}_", ""] if sub else [])
    for name, items in _sections(findings).items():
        lines += [f"## {TITLES.get(name, name)} ({len(items)})", "", _md(QUESTIONS.get(name, "")), ""]
        if not items:
            lines += ["Nothing found.", ""]
            continue
        lines += ["| Severity | Item | Why |", "|---|---|---|"]
        lines += [f"| {f.severity} | {_md(f.label)} | {_md(f.why)} |" for f in items]
        lines.append("")
    return "\n".join(lines)


# -- HTML ----------------------------------------------------------------------------------------
_CSS = """
body{font-family:Arial,Helvetica,sans-serif;color:#1f2933;line-height:1.45}
body{max-width:1100px;margin:24px auto;padding:0 16px}
h1{font-size:1.7em;margin-bottom:0}
h2{margin-top:2em;border-bottom:2px solid #d0d7de;padding-bottom:4px}
.sub{color:#52606d;margin-top:4px}
.question{color:#3e4c59;font-style:italic}
table{border-collapse:collapse;width:100%;margin:8px 0 16px}
th,td{border:1px solid #d0d7de;padding:6px 8px;vertical-align:top;text-align:left}
th{background:#f0f4f8}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.sev{display:inline-block;min-width:58px;text-align:center;border-radius:3px}
.sev{padding:1px 6px;font-size:.85em;font-weight:bold}
.sev-high{background:#c0392b;color:#fff}
.sev-medium{background:#e67e22;color:#fff}
.sev-low{background:#f1c40f;color:#222}
.sev-info{background:#d0d7de;color:#222}
.rag{display:inline-block;border-radius:3px;padding:1px 6px;font-size:.85em}
.rag-Red{background:#c0392b;color:#fff}
.rag-Amber{background:#f39c12;color:#222}
.rag-Green{background:#27ae60;color:#fff}
.rag-Complete{background:#2e86c1;color:#fff}
.rag-NotStarted{background:#95a5a6;color:#fff}
.rag-none{background:#ecf0f1;color:#222;border:1px dashed #95a5a6}
.bar{background:#e4e7eb;width:120px;height:10px;display:inline-block;vertical-align:middle;margin-right:6px}
.bar span{display:block;height:10px;background:#34495e}
details{margin-top:4px;font-size:.9em;color:#3e4c59}
dl{margin:4px 0}
dt{font-weight:bold}
dd{margin:0 0 4px 16px}
.summary td:first-child{width:40%}
.empty{color:#52606d}
nav a{margin-right:12px}
.strength{white-space:nowrap}
"""


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def _evidence_html(f: Finding) -> str:
    if not f.evidence:
        return ""
    rows = []
    for key, value in f.evidence.items():
        if value in (None, [], {}, ""):
            continue
        if isinstance(value, list):
            shown = "; ".join(" ≈ ".join(_e(x) for x in v) if isinstance(v, (list, tuple)) else _e(v) for v in value)
        elif isinstance(value, dict):
            shown = ", ".join(f"{_e(k)}: {_e(v)}" for k, v in value.items())
        else:
            shown = _e(_jsonable(value) if isinstance(value, (dt.date,)) else value)
        rows.append(f"<dt>{_e(key.replace('_', ' '))}</dt><dd>{shown}</dd>")
    return f"<details><summary>Evidence</summary><dl>{''.join(rows)}</dl></details>" if rows else ""


def _rag(status) -> str:
    labels = {"Red": "Red", "Amber": "Amber", "Green": "Green", "Complete": "Complete", "NotStarted": "Not started"}
    if status in labels:
        return f'<span class="rag rag-{status}">{labels[status]}</span>'
    return '<span class="rag rag-none">no rating</span>'


def _row(name: str, f: Finding) -> str:
    extra = ""
    if name == "group_interactions":
        strength = float(f.evidence.get("strength", 0))
        extra = (f'<div class="strength"><span class="bar"><span style="width:{round(strength * 100)}%"></span></span>'
                 f"strength {strength:.2f}</div>")
    elif name == "status_rollup" and f.rule == "rollup":
        extra = f"<div>{_rag(f.evidence.get('status'))}</div>"
    return (f'<tr><td><span class="sev sev-{_e(f.severity)}">{_e(f.severity)}</span></td>'
            f"<td>{_e(f.label)}{extra}</td><td>{_e(f.why)}{_evidence_html(f)}</td></tr>")


def _matrix_html(matrix) -> str:
    if matrix is None or matrix.empty:
        return ""
    top = max(int(matrix.values.max()), 1)
    head = "".join(f"<th>{_e(c)}</th>" for c in matrix.columns)
    body = []
    for label, row in matrix.iterrows():
        cells = []
        for value in row:
            shade = int(235 - 150 * int(value) / top)
            colour = "#fff" if shade < 150 else "#1f2933"
            cells.append(f'<td class="num" style="background:rgb({shade},{shade + 10},{min(shade + 30, 255)});'
                         f'color:{colour}">{int(value)}</td>')
        body.append(f"<tr><th>{_e(label)}</th>{''.join(cells)}</tr>")
    return (f"<h3>Priorities × delivery groups</h3><p>How many workstreams and actions of each group support each "
            f"Council Plan priority and theme (a link to a commitment counts for its priority).</p>"
            f"<table><tr><th>{_e(matrix.index.name or '')}</th>{head}</tr>{''.join(body)}</table>")


def _html(findings) -> str:
    sections = _sections(findings)
    title, sub = _heading(findings)
    plan = getattr(findings, "plan", None)
    scope = f" Limited to the plan {_e(plan)}." if plan else ""
    summary_rows = []
    for name, items in sections.items():
        counts = {s: sum(1 for f in items if f.severity == s) for s in _SEVERITY_ORDER}
        detail = ", ".join(f"{n} {s}" for s, n in counts.items() if n) or "nothing found"
        summary_rows.append(f'<tr><td><a href="#{_e(name)}">{_e(TITLES.get(name, name))}</a></td>'
                            f'<td class="num">{len(items)}</td><td>{_e(detail)}</td></tr>')
    parts = [f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
             f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
             f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
             f"<h1>{_e(title)}</h1><p class=\"sub\">{_e(sub)}.{scope} Each finding says why it was found; "
             f"open “Evidence” for the details.</p>",
             "<h2>Summary</h2><table class=\"summary\"><tr><th>Analysis</th><th>Findings</th><th>By severity</th></tr>"
             + "".join(summary_rows) + "</table>"]
    for name, items in sections.items():
        parts.append(f'<h2 id="{_e(name)}">{_e(TITLES.get(name, name))} ({len(items)})</h2>'
                     f'<p class="question">{_e(QUESTIONS.get(name, ""))}</p>')
        if name == "coverage_gaps":
            parts.append(_matrix_html(getattr(findings, "coverage_matrix", None)))
        if not items:
            parts.append('<p class="empty">Nothing found.</p>')
            continue
        parts.append("<table><tr><th>Severity</th><th>Item</th><th>Why</th></tr>"
                     + "".join(_row(name, f) for f in items) + "</table>")
    parts.append("<p class=\"sub\">Made by strategygraph from the council's published strategy documents.</p>"
                 "</body></html>\n")
    return "\n".join(parts)


# -- Excel ---------------------------------------------------------------------------------------
def _xlsx(findings) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    wb.remove(wb.active)
    title, sub = _heading(findings)
    wb.properties.title = title
    wb.properties.description = sub
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="F0F4F8")
    widths = {"severity": 10, "rule": 18, "label": 40, "why": 90, "iri": 40, "evidence": 60}
    for name, items in _sections(findings).items():
        ws = wb.create_sheet(name[:31])
        header = ["severity", "rule", "label", "why", "iri", "evidence"]
        ws.append(header)
        for cell in ws[1]:
            cell.font, cell.fill = bold, fill
        for f in items:
            ws.append([f.severity, f.rule, f.label, f.why, f.iri, _evidence_json(f)])
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                _text_cell(cell)
                if cell.column_letter == "D":
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        for i, key in enumerate(header):
            ws.column_dimensions[chr(ord("A") + i)].width = widths[key]
        ws.freeze_panes = "A2"
    matrix = getattr(findings, "coverage_matrix", None)
    if matrix is not None and not matrix.empty:
        ws = wb.create_sheet("coverage_matrix")
        ws.append([matrix.index.name or ""] + [str(c) for c in matrix.columns])
        for label, row in matrix.iterrows():
            ws.append([str(label)] + [int(v) for v in row])
        for row in ws.iter_rows():
            for cell in row:
                _text_cell(cell)
        for cell in ws[1]:
            cell.font = bold
        ws.column_dimensions["A"].width = 45
    if not wb.sheetnames:
        wb.create_sheet("analysis")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _text_cell(cell) -> None:
    # openpyxl treats any string starting with "=" as a formula: keep user text as text.
    if isinstance(cell.value, str) and cell.value.startswith(_FORMULA_START):
        cell.data_type = "s"


__all__ = ["write_analysis", "render_analysis", "to_dataframe", "format_for", "FORMATS", "EXTENSIONS"]
