"""Every curated fact is traceable to its source document and line."""

from __future__ import annotations

import re

import pytest
from rdflib.namespace import PROV, RDF

from strategygraph.build.schema import TABLES
from strategygraph.graphfile import union
from strategygraph.terms import SG

#: Tables whose text is quoted from the source (names and labels elsewhere are canonical forms).
QUOTED = {"commitments": "text", "recommendations": "text", "actions": "text", "milestones": "text",
          "updates": "text", "statements": "text", "observations": "text", "priorities": "label",
          "workstreams": "label", "sections": "label", "groups": "label", "aliases": "alias",
          "memberships": "member_label"}


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", re.sub(r"<[^>]+>", " ", text.lower())))


def cited_lines(record, index: int, count: int) -> set[int]:
    parts = [p.strip() for p in record.get("line", "").split("|")]
    part = parts[index] if len(parts) == count else parts[0]
    lines: set[int] = set()
    for segment in part.split(";"):
        start, _, end = segment.partition("-")
        lines |= set(range(int(start), int(end or start) + 1))
    return lines


@pytest.fixture(scope="module")
def seeds(lancaster_folder):
    root = lancaster_folder.path / "sources"
    return {r.id: (root / r.get("file")).read_text(encoding="utf-8").splitlines()
            for r in lancaster_folder.table("sources")}


def test_every_document_row_cites_source_and_line(lancaster_folder):
    missing = [f"{r.path.name}:{r.row}" for r in lancaster_folder.records
               if not TABLES[r.table].curation and not (r.get("source") and r.get("line"))]
    assert missing == []


def test_cited_lines_hold_the_quoted_words(lancaster_folder, seeds):
    checked, weak = 0, []
    for record in lancaster_folder.records:
        column = QUOTED.get(record.table)
        if not column or not record.get(column) or not record.get("source"):
            continue
        expected = words(record.get(column))
        sources = record.list("source")
        for i, source in enumerate(sources):
            lines = seeds[source]
            cited = cited_lines(record, i, len(sources))
            assert max(cited) <= len(lines), f"{record.path.name}:{record.row} cites past the end of {source}"
            found = words(" ".join(lines[n - 1] for n in cited))
            coverage = len(expected & found) / len(expected)
            checked += 1
            if coverage < 0.95:
                weak.append(f"{record.path.name}:{record.row} {source} {coverage:.0%} {sorted(expected - found)[:5]}")
    assert checked > 300
    assert weak == []


def test_every_fact_in_the_graph_points_at_a_source_record(lancaster):
    g = union(lancaster)
    kinds = (SG.Recommendation, SG.Action, SG.ProgressUpdate, SG.Commitment, SG.Workstream, SG.Milestone,
             SG.Observation)
    for kind in kinds:
        for node in g.subjects(RDF.type, kind):
            records = list(g.objects(node, PROV.wasDerivedFrom))
            assert records, node
            for rec in records:
                assert g.value(rec, SG.sourceFile) is not None and g.value(rec, SG.lines) is not None
            assert g.value(node, SG.curatedIn) is not None


def test_source_files_are_bundled(lancaster_folder):
    root = lancaster_folder.path / "sources"
    assert {r.get("file") for r in lancaster_folder.table("sources")} <= {p.name for p in root.iterdir()}
