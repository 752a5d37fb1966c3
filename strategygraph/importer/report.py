"""The import report: every published row, what it became, and every guess or warning.

An officer reviews an import by reading this report (the terminal summary, or the JSON
written with ``--report FILE``) next to the data folder it produced. Levels:

* ``guess``: a reading a person should confirm (a split merged cell, a near-spelling
  match, a year given to a month, a RAG word inside prose);
* ``warning``: something the importer could not read and left as published (an unreadable
  date, a cell listing more dates than actions);
* ``info``: what was done, for the record (a page header dropped, a person created).

>>> r = ImportReport("plan.csv", "csv")
>>> r.issue("guess", "plan.csv:3:B (Action)", "split into 2 actions")
>>> r.counts()["guess"]
1
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from strategygraph.findings import Finding


_WORDS = {"guess": ("guess", "guesses"), "warning": ("warning", "warnings"), "info": ("note", "notes")}


def _count(n: int, level: str) -> str:
    one, many = _WORDS.get(level, (level, level + "s"))
    return f"{n} {one if n == 1 else many}"


@dataclass
class Issue:
    """One guess, warning or note, located as ``path:row:column``.

    >>> Issue("guess", "plan.csv:3:C (Due)", "'October 24' read as October 2024").level
    'guess'
    """

    level: str
    where: str
    message: str


@dataclass
class RowReport:
    """One published row: what kind of row it was and which records it became.

    >>> RowReport(6, "section", "section heading", ["lga-s1"]).became
    ['lga-s1']
    """

    row: int
    kind: str
    detail: str = ""
    became: list[str] = field(default_factory=list)


@dataclass
class CellTrace:
    """Where the text of one published cell went (``table:id:field``), and the markers
    (item numbers, recommendation numbers) the importer removed from it.

    >>> CellTrace(4, 5, "1) Done 2) Started", ["updates:r3-a1-u2025:text"], ["1)", "2)"]).stripped
    ['1)', '2)']
    """

    row: int
    column: int
    raw: str
    outputs: list[str] = field(default_factory=list)
    stripped: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    """Everything an officer needs to review an import.

    >>> ImportReport("plan.docx", "docx").as_dict()["format"]
    'docx'
    """

    path: str
    format: str
    columns: list[dict[str, Any]] = field(default_factory=list)
    versions: list[dict[str, Any]] = field(default_factory=list)
    rows: list[RowReport] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    people: list[dict[str, Any]] = field(default_factory=list)
    changes: list[Finding] = field(default_factory=list)
    cells: list[CellTrace] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)

    def issue(self, level: str, where: str, message: str) -> None:
        """Record a guess, warning or note (duplicates are kept once)."""
        item = Issue(level, where, message)
        if item not in self.issues:
            self.issues.append(item)

    def counts(self) -> dict[str, int]:
        """Number of issues by level."""
        out = {"guess": 0, "warning": 0, "info": 0}
        for item in self.issues:
            out[item.level] = out.get(item.level, 0) + 1
        return out

    def row(self, number: int) -> RowReport | None:
        """The report of published row *number*."""
        return next((r for r in self.rows if r.row == number), None)

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data.

        >>> sorted(ImportReport("x.csv", "csv").as_dict())[:3]
        ['cells', 'changes', 'columns']
        """
        return {
            "file": self.path, "format": self.format, "totals": self.totals, "issue_counts": self.counts(),
            "columns": self.columns, "versions": self.versions,
            "rows": [asdict(r) for r in self.rows],
            "issues": [asdict(i) for i in self.issues],
            "people": self.people,
            "changes": [c.as_dict() for c in self.changes],
            "cells": [asdict(c) for c in self.cells],
            "written": self.written,
        }

    def summary(self, verbose: bool = False) -> str:
        """A terminal summary: totals, columns, people created, changes, guesses, warnings.

        Informational notes are listed only when *verbose*.

        >>> print(ImportReport("x.csv", "csv").summary().splitlines()[0])
        Imported x.csv (csv)
        """
        lines = [f"Imported {self.path} ({self.format})"]
        if self.totals:
            lines.append("  " + ", ".join(f"{v} {k}" for k, v in self.totals.items()))
        for v in self.versions:
            lines.append(f"  version {v['id']} (issued {v['issued']}): {v.get('title', '')}")
        if self.columns:
            lines.append("  columns: " + "; ".join(f"{c['column']} → {c['role'] or 'kept in notes'}"
                                                   for c in self.columns))
        new = [p for p in self.people if p.get("new")]
        if new:
            lines.append(f"  {len(new)} new people/posts/teams: " + ", ".join(sorted({p['id'] for p in new})))
        if self.changes:
            lines.append(f"  {len(self.changes)} changes since the previous version:")
            shown = [c for c in self.changes if c.rule != "reworded" or verbose]
            grouped: list[tuple[list[str], str]] = []
            for change in shown:  # the same change to consecutive items reads as one line
                if grouped and grouped[-1][1] == change.why:
                    grouped[-1][0].append(change.iri)
                else:
                    grouped.append(([change.iri], change.why))
            limit = len(grouped) if verbose else 30
            lines += [f"    {', '.join(iris)}: {why}" for iris, why in grouped[:limit]]
            hidden = len(self.changes) - sum(len(iris) for iris, _ in grouped[:limit])
            if hidden:
                lines.append(f"    (and {hidden} more, rewordings included: see --report or strategygraph diff)")
        for level in ("warning", "guess") + (("info",) if verbose else ()):
            items = [i for i in self.issues if i.level == level]
            if items:
                lines.append(f"  {_count(len(items), level)}:")
                lines += [f"    {i.where}: {i.message}" for i in items]
        counts = self.counts()
        lines.append(f"  {_count(counts['guess'], 'guess')} and {_count(counts['warning'], 'warning')} to review"
                     + ("" if verbose or not counts["info"] else
                        f" ({_count(counts['info'], 'info')} in the full report: -v or --report)"))
        if self.written:
            lines.append("  wrote " + ", ".join(self.written))
        return "\n".join(lines)
