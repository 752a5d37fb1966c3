"""Logical rows → recommendations, actions and progress updates (the reading a person does).

**Recommendations.** A cell may start with its number ("5.", "9.Engage", "Recommendation
3:"). A numbered text ending with ":" introduces unnumbered parts (5a, 5b…): the following
paragraphs of the cell and the following unnumbered rows, until the next number. A second
number inside a cell that is the *next* number ("… the Council. 10.Accelerate …") starts a
second recommendation: the cell is split (reported as a guess); any other number inside a
cell is only flagged. "…by: Aligning…" (a colon then a capital inside one paragraph) is
split into stem and first part when unnumbered parts follow or the earlier version has
parts. Unnumbered recommendations are matched to the earlier version by text; failing
that, numbered in document order (when nothing is numbered) or counted back from the first
number.

**Actions.** The action cell is split at bullets and line breaks. In a later version the
cell is first cut where the earlier version's actions begin (so a run-together cell
"Prepare a draft strategy Work with stakeholders…" is cut like the earlier bullets), and
each piece keeps its earlier action's id; unmatched pieces are new actions.

**Values listed per action.** When a due, lead or chief officer cell holds as many values
as the row has actions, they are matched in order; as many as the recommendations merged
into the row, one per recommendation; one value, to every action; otherwise the whole cell
applies to every action and a warning says so.

**Updates.** Each update column (one per version) gives one update per row, about the
row's actions, unless the cell numbers its items "1) … 2) …" as many as the actions (one
update per action), the row holds two recommendations (the text is cut between sentences
where its words stop being about the first and start being about the second, a guess), or
the row spans published rows that each carry their own dates (one update per published
row). RAG text that is not a rating ("…Property" / "Service Improvement Plan. GREEN") is
kept in the update text: a RAG cell ending mid-sentence continues in the next row's RAG
cell.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from strategygraph.errors import InputError
from strategygraph.importer.columns import Column, ColumnMap
from strategygraph.importer.dates import Period, parse_due, parse_due_list
from strategygraph.importer.layout import Layout, LogicalRow
from strategygraph.importer.model import Action, PlanVersion, Recommendation, Section, Update, VersionInfo
from strategygraph.importer.people import People, Resolution, groups, split_people
from strategygraph.importer.rag import parse_rag
from strategygraph.importer.report import CellTrace, ImportReport
from strategygraph.importer.text import (
    BULLETS, Cell, clean_html, is_finished, keywords, numbered_markers, one_line, runon_cuts, sentences, slug,
    split_items, words_with_spans)
from strategygraph.importer.versions import similarity

#: Lead cells that name nobody.
NO_LEAD = {"tbc", "tba", "tbd", "n/a", "na", "none", "vacant", "to be confirmed", "to be agreed", "unassigned"}
_NUM = re.compile(r"^\s*(?:(?:recommendation|rec)\.?\s*)?(\d{1,3})\s*(?:[.):]|\s[-–])\s*(?=\S)", re.IGNORECASE)
_LETTER = re.compile(r"^\s*\(?([a-z])\)\s+(?=\S)")
_INLINE = re.compile(r"(?<=[.!?;:”\"’)])\s+(\d{1,3})[.)]\s*(?=[A-Z“\"‘'])")
_COLON = re.compile(r":\s+(?=[A-Z])")


@dataclass
class Chunk:
    """One recommendation found in a recommendation cell.

    >>> Chunk("5", 0, 20, "Take steps by:").stem
    True
    """

    number: str | None
    start: int
    end: int
    text: str
    marker: str = ""
    letter: str | None = None
    split_from: str | None = None
    colon_at: int | None = None

    @property
    def stem(self) -> bool:
        """Ends with ":" (introduces parts)."""
        return self.text.rstrip().endswith(":")


def parse_recommendation_cell(text: str, expected: int | None = None) -> tuple[list[Chunk], list[str]]:
    """The recommendations in one cell, and warnings about numbers left unsplit.

    *expected* is the number the next recommendation would have; a number inside the cell
    splits it only when it is one more than the number before it (or *expected*).

    >>> chunks, _ = parse_recommendation_cell("9.Engage with officers. 10.Accelerate the policy")
    >>> [(c.number, c.text) for c in chunks]
    [('9', 'Engage with officers.'), ('10', 'Accelerate the policy')]
    >>> [c.text for c in parse_recommendation_cell("5. Take steps by:\\nAligning the budget.")[0]]
    ['Take steps by:', 'Aligning the budget.']
    """
    chunks: list[Chunk] = []
    warnings: list[str] = []
    pos, in_parts = 0, False
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        m = _NUM.match(line)
        letter = _LETTER.match(line) if not m else None
        if m:
            chunk = Chunk(m.group(1), start + m.end(), end, "", marker=m.group(0).strip())
        elif letter:
            chunk = Chunk(None, start + letter.end(), end, "", marker=letter.group(0).strip(), letter=letter.group(1))
        else:
            chunk = Chunk(None, start + len(line) - len(line.lstrip()), end, "")
        if chunk.number is not None:
            in_parts = False
        if chunks and chunk.number is None and chunk.letter is None and not in_parts and \
                not text[chunks[-1].start:chunks[-1].end].rstrip().endswith(":"):
            chunks[-1].end = end  # a further paragraph of the same recommendation
        else:
            if chunks and chunk.number is None and text[chunks[-1].start:chunks[-1].end].rstrip().endswith(":"):
                in_parts = True  # paragraphs after a stem ending in ":" are its parts
            chunks.append(chunk)
    # A next number inside a paragraph starts another recommendation.
    out: list[Chunk] = []
    for chunk in chunks:
        current = int(chunk.number) if chunk.number else (expected - 1 if expected else None)
        piece = chunk
        while True:
            body = text[piece.start:piece.end]
            found = None
            for match in _INLINE.finditer(body):
                n = int(match.group(1))
                if current is not None and n == current + 1:
                    found = match
                    break
                if len(match.group(1)) <= 2 and n > 0:
                    warnings.append(f"holds the number {match.group(0).strip()!r} inside its text: if it starts "
                                    "another recommendation, split the cell by hand")
            if not found:
                out.append(piece)
                break
            first = Chunk(piece.number, piece.start, piece.start + found.start(), "", piece.marker, piece.letter,
                          piece.split_from)
            out.append(first)
            piece = Chunk(found.group(1), piece.start + found.end(), piece.end, "", found.group(0).strip(),
                          split_from=piece.number or "?")
            current = int(found.group(1))
    for chunk in out:
        chunk.text = one_line(text[chunk.start:chunk.end]).strip()
        if chunk.number and not chunk.stem:
            colon = _COLON.search(chunk.text)
            if colon and len(chunk.text[colon.end():].split()) >= 3:
                chunk.colon_at = colon.end()
    return [c for c in out if c.text], warnings


@dataclass
class Context:
    """What the structure reader needs besides the rows (built by
    :func:`~strategygraph.importer.plan.read_action_plan`).

    >>> Context.__dataclass_fields__["strict"].default
    False
    """

    path: str
    plan: str
    versions: list[VersionInfo]
    main: VersionInfo
    columns: ColumnMap
    update_versions: dict[int, VersionInfo]
    rag_version: VersionInfo | None
    period: Period
    people: People
    report: ImportReport
    rag_vocabulary: dict[str, str]
    previous: PlanVersion | None = None
    strict: bool = False
    errors: list[InputError] = field(default_factory=list)
    #: Ids already used in the data folder the import joins (ids are unique across a folder).
    taken: set[str] = field(default_factory=set)
    #: (plan, label) → id of the sections the data folder already has.
    known_sections: dict[tuple[str, str], str] = field(default_factory=dict)


class StructureReader:
    """Reads a :class:`Layout` into recommendations, actions and updates
    (:func:`~strategygraph.importer.plan.read_action_plan` drives it).

    >>> import strategygraph as sg
    >>> from strategygraph.importer import read_action_plan
    >>> r = read_action_plan(sg.sample_data() / "sources" / "001_c16c167fb18a239d.txt", period="2025-10")
    >>> [x.text[:30] for x in r.recommendations if x.notation in ("9", "10")]
    ['Engage with Councillors and of', 'Accelerate the production of a']
    """

    def __init__(self, layout: Layout, ctx: Context):
        self.layout = layout
        self.ctx = ctx
        self.cols = ctx.columns
        self.sources = [v.id for v in ctx.versions]
        self.sections: list[Section] = []
        self.recs: dict[str, Recommendation] = {}
        self.actions: dict[str, Action] = {}
        self.updates: list[Update] = []
        self.resolutions: dict[str, dict] = {}
        self.aliases: list[dict] = []
        self.agent_uses: dict[str, set[int]] = {}
        self.traces: dict[tuple[int, int], CellTrace] = {}
        self.last_main: Recommendation | None = None
        self.stem: Recommendation | None = None
        self.targets: list[Recommendation] = []
        self.used_previous: set[str] = set()
        self.pending_stray: Update | None = None
        prev = ctx.previous
        self.prev_recs = list(prev.recommendations.values()) if prev else []

    # -- helpers -------------------------------------------------------------------------
    def _where(self, row: LogicalRow | int, column: Column | None = None) -> str:
        number = row if isinstance(row, int) else row.number
        return f"{self.ctx.path}:{number}" + (f":{column.label}" if column else "")

    def _trace(self, cell: Cell, column: int, outputs: list[str], stripped: list[str] | None = None) -> None:
        for fragment in cell.fragments:
            key = (fragment.line, column)
            entry = self.traces.setdefault(key, CellTrace(fragment.line, column, fragment.raw))
            entry.outputs += [o for o in outputs if o not in entry.outputs]
            entry.stripped += stripped or []

    def _row_report(self, number: int, *ids: str) -> None:
        report = self.ctx.report.row(number)
        if report is not None:
            report.became += [i for i in ids if i not in report.became]

    def _free(self, base: str, taken) -> str:
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    # -- run -----------------------------------------------------------------------------
    def run(self) -> None:
        """Read every logical row."""
        for heading in self.layout.headings:
            sid = self.ctx.known_sections.get((self.ctx.plan, heading.label))
            if sid is None:
                sid = self._free(f"{self.ctx.plan}-s{heading.number}", self.ctx.taken)
                self.sections.append(Section(sid, self.ctx.plan, heading.number, heading.label, self.sources,
                                             [heading.line]))
            heading.id = sid  # type: ignore[attr-defined]
            entry = self.traces.setdefault((heading.line, heading.column),
                                           CellTrace(heading.line, heading.column, heading.published))
            entry.outputs.append(f"sections:{sid}:label")
            self._row_report(heading.line, sid)
        rec_col = self.cols.first("recommendation")
        plan_numbers = self._prescan(rec_col)
        self.last_section = None
        for index, row in enumerate(self.layout.rows):
            if self.cols.first("section") is not None:
                self._section_of(row)
            following = self.layout.rows[index + 1] if index + 1 < len(self.layout.rows) else None
            targets = self._recommendations(row, rec_col, following, plan_numbers)
            acts = self._actions(row, targets)
            self._extra_columns(row, acts, targets)
            self._updates(row, targets, acts)
        self._name_updates()
        self._untraced()

    def _untraced(self) -> None:
        """Text no record holds is reported, never dropped silently."""
        from strategygraph.importer.text import visible

        for row in self.layout.rows:
            for index, cell in row.cells.items():
                for fragment in cell.fragments:
                    key = (fragment.line, index)
                    if key in self.traces or not visible(fragment.raw) or index in row.inherited:
                        continue
                    column = next((c for c in self.cols.columns if c.index == index), None)
                    self.traces[key] = CellTrace(fragment.line, index, fragment.raw)
                    self.ctx.report.issue("warning", self._where(fragment.line, column),
                                          f"not imported: {one_line(clean_html(fragment.raw))[:60]!r} is in a row "
                                          "with no recommendation or action to hold it")
    def _name_updates(self) -> None:
        """Final update ids, now that every row is read: ``<rec>-u<year>`` for an update about all
        of a recommendation's actions, else ``<first action>-u<year>``."""
        renames: dict[str, str] = {}
        taken: set[str] = set(self.ctx.taken)
        versions = {v.id: v for v in self.ctx.versions}
        for update in self.updates:
            about = [self.actions[a] for a in update.about]
            recs = {a.recommendation for a in about}
            base = about[0].id if about else self.ctx.plan
            if len(recs) == 1 and next(iter(recs)):
                rec = next(iter(recs))
                if sorted(a.id for a in self.actions.values() if a.recommendation == rec) == sorted(update.about):
                    base = rec
            version = versions[update.source]
            new = f"{base}-u{version.year}"
            if new in taken:
                new = self._free(f"{base}-u{version.issued.replace('-', '')}", taken)
            taken.add(new)
            if new != update.id:
                renames[update.id] = new
        if not renames:
            return
        pattern = re.compile("|".join(re.escape(k) for k in sorted(renames, key=len, reverse=True)))

        def fix(text: str) -> str:
            return pattern.sub(lambda m: renames[m.group(0)], text)

        for update in self.updates:
            update.id = renames.get(update.id, update.id)
            update.notes = [fix(n) for n in update.notes]
        for trace in self.traces.values():
            trace.outputs = [fix(o) for o in trace.outputs]
        for row in self.ctx.report.rows:
            row.became = [renames.get(b, b) for b in row.became]
        for issue in self.ctx.report.issues:
            issue.message = fix(issue.message)

    def _prescan(self, rec_col: Column | None) -> dict:
        numbered = []
        for row in self.layout.rows:
            if rec_col is None:
                continue
            chunks, _ = parse_recommendation_cell(row.text("recommendation"))
            numbered.append(any(c.number for c in chunks) if chunks else None)
        firsts = [i for i, n in enumerate(numbered) if n]
        return {"any": bool(firsts), "flags": numbered}

    # -- recommendations -----------------------------------------------------------------
    def _recommendations(self, row: LogicalRow, rec_col: Column | None, following: LogicalRow | None,
                         plan_numbers: dict) -> list[Recommendation]:
        if rec_col is None:
            self.targets = []
            return []
        cell = row.cell("recommendation")
        if not cell:
            return self.targets
        notation_col = self.cols.first("notation")
        expected = int(self.last_main.notation) + 1 if self.last_main and self.last_main.notation.isdigit() else None
        chunks, warnings = parse_recommendation_cell(cell.text, expected)
        for message in warnings:
            self.ctx.report.issue("warning", self._where(row, rec_col), message)
        if notation_col is not None and row.text("notation") and chunks and chunks[0].number is None:
            number = re.sub(r"[^0-9A-Za-z.]", "", row.text("notation"))
            chunks[0].number = number.rstrip(".") or None
            chunks[0].marker = row.text("notation")
        made: list[Recommendation] = []
        for i, chunk in enumerate(chunks):
            next_unnumbered = self._next_unnumbered(chunks, i, following)
            made += self._one_recommendation(row, cell, rec_col, chunk, next_unnumbered, plan_numbers)
        notation_cell = row.cells.get(notation_col.index) if notation_col is not None else None
        if notation_cell and made:
            made[0].notes.append(f"Numbered {one_line(notation_cell.text)!r} in the {notation_col.header!r} column")
            self._trace(notation_cell, notation_col.index, [f"recommendations:{made[0].id}:note"])
        if len(made) == 0:
            return self.targets
        targets = [r for r in made if not (r.text.rstrip().endswith(":") and any(p.part_of == r.id for p in made))]
        self.targets = targets or made[-1:]
        return self.targets

    def _next_unnumbered(self, chunks: list[Chunk], i: int, following: LogicalRow | None) -> bool:
        if i + 1 < len(chunks):
            return chunks[i + 1].number is None
        if following is None or not following.text("recommendation"):
            return False
        nxt, _ = parse_recommendation_cell(following.text("recommendation"))
        return bool(nxt) and nxt[0].number is None

    def _new_rec(self, row: LogicalRow, cell: Cell, rec_col: Column, chunk: Chunk, notation: str, text: str,
                 part_of: str | None, notes: list[str], rid: str | None = None,
                 span: tuple[int, int] | None = None) -> Recommendation:
        if rid is None:
            rid = self._free(f"{self.ctx.plan}-r{slug(notation) or 'x'}", self.recs)
            if rid != f"{self.ctx.plan}-r{slug(notation)}":
                self.ctx.report.issue("warning", self._where(row, rec_col),
                                      f"recommendation {notation} appears twice: the second is {rid}")
        start, end = span or (chunk.start, chunk.end)
        lines = sorted(set([row.number] + cell.lines(start, end)))
        section = getattr(row.section, "id", None) if row.section else None
        rec = Recommendation(rid, self.ctx.plan, notation, text, self.sources, lines, part_of, section, notes)
        self.recs[rid] = rec
        self._trace(cell, rec_col.index, [f"recommendations:{rid}:text", f"recommendations:{rid}:notation"],
                   [chunk.marker] if chunk.marker else [])
        self._row_report(row.number, rid)
        return rec

    def _match_previous(self, text: str, parts_of: str | None = None) -> tuple[Recommendation | None, float]:
        pool = [r for r in self.prev_recs if r.id not in self.used_previous
                and (r.part_of == parts_of if parts_of is not None else True)]
        scored = sorted(((similarity(text, r.text), r) for r in pool), key=lambda t: t[0], reverse=True)
        if scored and scored[0][0] >= 0.5:
            return scored[0][1], scored[0][0]
        return None, scored[0][0] if scored else 0.0

    def _one_recommendation(self, row: LogicalRow, cell: Cell, rec_col: Column, chunk: Chunk, next_unnumbered: bool,
                            plan_numbers: dict) -> list[Recommendation]:
        where = self._where(row, rec_col)
        prev = self.ctx.previous
        notes: list[str] = []
        if chunk.split_from:
            notes.append(f"Split from a cell holding recommendations {chunk.split_from} and {chunk.number} "
                         f"(published rows {', '.join(map(str, row.numbers))})")
            self.ctx.report.issue("guess", where, f"one cell holds recommendations {chunk.split_from} and "
                                  f"{chunk.number}: split before {chunk.marker!r}")
        if chunk.number:
            self.stem = None
            number = chunk.number
            stem_text, part_text = chunk.text, None
            prev_rec = next((r for r in self.prev_recs if r.notation == number and not r.part_of), None)
            if chunk.colon_at and (next_unnumbered or (prev_rec and prev and prev.parts_of(prev_rec.id))):
                stem_text, part_text = chunk.text[:chunk.colon_at].rstrip(), chunk.text[chunk.colon_at:]
                self.ctx.report.issue("guess", where, f"recommendation {number} reads as a stem ending in ':' "
                                      f"followed by its first unnumbered part ({part_text[:40]!r}…): split there")
            if prev_rec is not None:
                self.used_previous.add(prev_rec.id)
                score = similarity(stem_text, prev_rec.text)
                if score < 0.5:
                    self.ctx.report.issue("warning", where, f"recommendation {number} reads differently from "
                                          f"{prev.id} ({score:.0%} alike); kept as the same recommendation because "
                                          "the numbers match")
            if chunk.marker and not re.fullmatch(r"\d+\.", chunk.marker) and not chunk.split_from:
                notes.append(f"Published as {chunk.marker + chunk.text[:12]!r}…")
            stem = self._new_rec(row, cell, rec_col, chunk, number, stem_text, None, notes,
                                 prev_rec.id if prev_rec else None)
            self.last_main = stem
            made = [stem]
            if stem_text.endswith(":"):
                self.stem = stem
                stem.notes.append("Introduces unnumbered parts"
                                  + (" (published in the same cell)" if part_text else ""))
            if part_text:
                made.append(self._part(row, cell, rec_col, chunk, part_text, "published in the same cell as the "
                                       f"recommendation {number} stem, after its colon"))
            return made
        if chunk.letter and self.last_main is not None:
            return [self._part(row, cell, rec_col, chunk, chunk.text, f"published as {chunk.marker!r}",
                               letter=chunk.letter)]
        if self.stem is not None:
            return [self._part(row, cell, rec_col, chunk, chunk.text, "")]
        if prev is not None:
            match, score = self._match_previous(chunk.text)
            if match is not None:
                self.used_previous.add(match.id)
                notes.append(f"Published without its number in this version; matched to recommendation "
                             f"{match.notation} of {prev.id} by its text ({score:.0%} alike)")
                if score < 0.8:
                    self.ctx.report.issue("guess", where, f"unnumbered recommendation matched to "
                                          f"{match.notation} of {prev.id} by its text ({score:.0%} alike)")
                rec = self._new_rec(row, cell, rec_col, chunk, match.notation, chunk.text, match.part_of, notes,
                                    match.id)
                if match.part_of is None:
                    self.last_main = rec
                else:
                    self.stem = self.recs.get(match.part_of)
                return [rec]
        flags = plan_numbers["flags"]
        position = sum(1 for r in self.recs.values() if r.part_of is None) + 1
        if not plan_numbers["any"]:
            notation = str(position)
            notes.append(f"The source does not number its recommendations; notation {notation} is the position "
                         "in document order")
        else:
            first_numbered = next(i for i, f in enumerate(flags) if f)
            first_chunks, _ = parse_recommendation_cell(self.layout.rows[first_numbered].text("recommendation"))
            first_number = int(first_chunks[0].number) if first_chunks and first_chunks[0].number else position
            before = sum(1 for f in flags[:first_numbered] if f is False)
            if self.last_main is None and first_number - before >= 1:
                notation = str(first_number - before + position - 1)
            else:
                notation = str(int(self.last_main.notation) + 1) if self.last_main and \
                    self.last_main.notation.isdigit() else str(position)
            notes.append(f"Published without a number; numbered {notation} from its place among the numbered "
                         "recommendations")
            self.ctx.report.issue("guess", where, f"unnumbered recommendation numbered {notation} from its place")
        rec = self._new_rec(row, cell, rec_col, chunk, notation, chunk.text, None, notes)
        self.last_main = rec
        return [rec]

    def _part(self, row: LogicalRow, cell: Cell, rec_col: Column, chunk: Chunk, text: str, how: str,
              letter: str | None = None) -> Recommendation:
        parent = self.stem or self.last_main
        prev = self.ctx.previous
        existing = [r for r in self.recs.values() if r.part_of == parent.id]
        match, score = (self._match_previous(text, parent.id) if prev is not None else (None, 0.0))
        notes = [f"Unnumbered part of recommendation {parent.notation} in the source"]
        if match is not None:
            self.used_previous.add(match.id)
            notation, rid = match.notation, match.id
            notes.append(f"matched to part {match.notation} of {prev.id} by its text ({score:.0%} alike)")
        else:
            notation = parent.notation + (letter or "abcdefghijklmnopqrstuvwxyz"[min(len(existing), 25)])
            rid = None
            notes.append("letter assigned by the importer" if not letter else "letter as published")
        if how:
            notes.append(how)
        if prev is not None and match is None:
            self.ctx.report.issue("guess", self._where(row, rec_col),
                                  f"part {notation} of recommendation {parent.notation} has no match in {prev.id}")
        span = (chunk.start + (chunk.colon_at or 0), chunk.end) if chunk.colon_at and text != chunk.text else None
        return self._new_rec(row, cell, rec_col, chunk, notation, text, parent.id, ["; ".join(notes)], rid, span)

    # -- actions -------------------------------------------------------------------------
    def _actions(self, row: LogicalRow, targets: list[Recommendation]) -> list[Action]:
        act_col = self.cols.first("action")
        cell = row.cell("action")
        pieces = self._pieces(row, cell, targets) if act_col is not None and cell else []
        if not pieces:
            if targets and any(row.text(r) for r in ("due", "lead", "chief_officer")):
                self.ctx.report.issue("warning", self._where(row), "a row with due date or lead but no action text: "
                                      "its due date and leads are kept in the recommendation's note")
                for r in targets:
                    r.notes.append("Due/leads published without an action: "
                                   + "; ".join(row.text(x) for x in ("due", "lead", "chief_officer") if row.text(x)))
                    for role in ("due", "lead", "chief_officer"):
                        column = self.cols.first(role)
                        if column is not None and row.cells.get(column.index):
                            self._trace(row.cells[column.index], column.index, [f"recommendations:{r.id}:note"])
            return []
        acts: list[Action] = []
        counters: dict[str | None, int] = {}
        for piece in pieces:
            owner = piece["rec"]
            if piece.get("id"):
                aid = piece["id"]
            else:
                base = owner.id if owner else self.ctx.plan
                taken = set(self.actions) | (set(self.ctx.previous.actions) if self.ctx.previous else set())
                n = counters.get(base) or (1 + sum(1 for a in taken if re.fullmatch(rf"{re.escape(base)}-a\d+", a)))
                while f"{base}-a{n}" in taken:
                    n += 1
                counters[base] = n + 1
                aid = f"{base}-a{n}"
            lines = sorted(set([row.number] + cell.lines(piece["start"], piece["end"])))
            act = Action(aid, self.ctx.plan, owner.id if owner else None, piece["text"], self.sources, lines,
                         notes=list(piece.get("notes", [])))
            if aid in self.actions:
                act.id = self._free(aid, self.actions)
                self.ctx.report.issue("warning", self._where(row, act_col), f"action {aid} matched twice: the "
                                      f"second is {act.id}")
            self.actions[act.id] = act
            acts.append(act)
            self._trace(cell, act_col.index, [f"actions:{act.id}:text"], piece.get("markers", []))
            self._row_report(row.number, act.id)
        self._due(row, acts, targets)
        for role, attr in (("lead", "leads"), ("chief_officer", "chiefs")):
            self._agents(row, acts, targets, role, attr)
        resource = self.cols.first("resource")
        if resource is not None and row.cells.get(resource.index):
            for act in acts:
                act.resource = one_line(row.cells[resource.index].text)
            self._trace(row.cells[resource.index], resource.index, [f"actions:{a.id}:resource" for a in acts])
        return acts

    def _pieces(self, row: LogicalRow, cell: Cell, targets: list[Recommendation]) -> list[dict]:
        """The actions of an action cell: its bullet items, also cut where the earlier version's
        actions begin; each piece matched to an earlier action where one fits."""
        prev = self.ctx.previous
        previous_actions = [a for t in targets for a in (prev.actions_of(t.id) if prev else [])]
        items = split_items(cell.text)
        located = _locate(cell.text, previous_actions) if previous_actions else None
        starts = {start: before for (start, _, _), before in zip(located or [], previous_actions)}
        pieces = []
        for item in items:
            cuts = sorted(s for s in starts if item.start < s < item.end)
            bounds = [item.start] + cuts + [item.end]
            for a, b in zip(bounds, bounds[1:]):
                text = cell.text[a:b].strip().strip(BULLETS).strip()
                if not text:
                    continue
                offset = a + cell.text[a:b].find(text)
                before = starts.get(a) if a in starts else (starts.get(item.start) if a == item.start else None)
                pieces.append({"start": offset, "end": offset + len(text), "text": one_line(text),
                               "markers": item.markers if a == item.start else [], "before": before,
                               "rec": None, "notes": []})
        if len(items) != len(pieces) and located:
            bullets = len(items)
            note = (f"Published run together with the other actions of the cell without bullets; cut where the "
                    f"actions of {prev.id} begin" if bullets == 1 else
                    f"The cell has {bullets} bullet items for {len(pieces)} actions; cut where the actions of "
                    f"{prev.id} begin")
            for piece in pieces:
                piece["notes"].append(note)
            self.ctx.report.issue("guess", self._where(row, self.cols.first("action")),
                                  f"action cell cut into {len(pieces)} actions where the actions of {prev.id} begin")
        if previous_actions:
            free = list(previous_actions)
            for piece in pieces:
                if piece["before"] is not None and piece["before"] in free:
                    chosen, score = piece["before"], similarity(piece["text"], piece["before"].text)
                    if score < 0.5:
                        chosen = None
                else:
                    scored = sorted(((similarity(piece["text"], a.text), a) for a in free), key=lambda t: t[0],
                                    reverse=True)
                    chosen, score = scored[0][1] if scored and scored[0][0] >= 0.5 else None, \
                        scored[0][0] if scored else 0.0
                    if chosen is not None and score < 0.8:
                        self.ctx.report.issue("guess", self._where(row, self.cols.first("action")),
                                              f"action matched to {chosen.id} of {prev.id} by its text "
                                              f"({score:.0%} alike)")
                if chosen is not None:
                    piece["id"] = chosen.id
                    piece["rec"] = self.recs.get(chosen.recommendation)
                    free.remove(chosen)
        if len(targets) > 1:
            unassigned = [p for p in pieces if p["rec"] is None]
            shares = _split_by_words([p["text"] for p in unassigned], targets, self._target_words)
            for piece, target in zip(unassigned, shares):
                piece["rec"] = target
            if unassigned:
                self.ctx.report.issue("guess", self._where(row, self.cols.first("action")),
                                      f"the actions of one cell were shared between recommendations "
                                      f"{', '.join(t.notation for t in targets)} by the words they share")
        for piece in pieces:
            if piece["rec"] is None:
                piece["rec"] = targets[0] if targets else None
        return pieces

    def _target_words(self, target: Recommendation) -> list[str]:
        words = keywords(target.text)
        prev = self.ctx.previous
        for act in list(self.actions.values()) + (list(prev.actions.values()) if prev else []):
            if act.recommendation == target.id:
                words += keywords(act.text)
        return words

    def _due(self, row: LogicalRow, acts: list[Action], targets: list[Recommendation]) -> None:
        column = self.cols.first("due")
        cell = row.cell("due")
        if column is None or not cell or not acts:
            return
        values = parse_due_list(cell.text, self.ctx.period)
        mode, share = _share(len(values), acts, targets)
        where = self._where(row, column)
        if mode == "whole":
            whole = parse_due(cell.text, self.ctx.period)
            whole.span = (0, len(cell.text))
            chosen = [whole] * len(acts)
            self.ctx.report.issue("warning", where, f"{len(values)} dates for {len(acts)} actions: the whole "
                                  "cell applies to every action")
        else:
            chosen = [values[i] for i in share]
        for act, due, index in zip(acts, chosen, share or [0] * len(acts)):
            act.due_wording, act.due_start, act.due_end = one_line(due.wording), due.start, due.end
            act.lines = sorted(set(act.lines) | set(cell.lines(*due.span)))
            if mode == "in order":
                act.notes.append(f"The due cell lists {len(values)} dates, matched to the {len(acts)} actions in "
                                 f"order ({index + 1} of {len(values)})")
            elif mode == "per recommendation":
                act.notes.append(f"The due cell lists one date per recommendation merged into the row "
                                 f"({index + 1} of {len(values)})")
        if mode in ("in order", "per recommendation") and len(values) > 1:
            self.ctx.report.issue("guess", where, f"{len(values)} dates in one cell matched to the "
                                  f"{'actions' if mode == 'in order' else 'recommendations'} in order")
        for due in {id(d): d for d in chosen}.values():
            for note in due.notes:
                if "read as" in note or "no year" in note or "calendar quarter" in note:
                    self.ctx.report.issue("guess" if "no year" in note or "quarter" in note else "info", where, note)
            if due.problem:
                if self.ctx.strict:
                    self.ctx.errors.append(InputError(self.ctx.path, row.number, column.label, due.problem))
                else:
                    self.ctx.report.issue("warning", where, due.problem + ": kept as wording, no date")
        separators = [d.separators for d in values if d.separators] if mode != "whole" else []
        self._trace(cell, column.index, [f"actions:{a.id}:due_wording" for a in acts], separators)

    def _agents(self, row: LogicalRow, acts: list[Action], targets: list[Recommendation], role: str,
                attr: str) -> None:
        column = self.cols.first(role)
        cell = row.cell(role)
        if column is None or not cell or not acts:
            return
        if re.sub(r"[^a-z/ ]", "", cell.text.lower()).strip() in NO_LEAD or not re.search(r"[^\W\d_]", cell.text):
            self.ctx.report.issue("info" if cell.text.strip() else "warning", self._where(row, column),
                                  f"{cell.text!r} names nobody: no {role.replace('_', ' ')} recorded")
            for act in acts:
                setattr(act, f"{attr}_published", one_line(cell.text))
            self._trace(cell, column.index, [f"actions:{a.id}:{'leads' if role == 'lead' else 'chief_officers'}"
                                            "_as_published" for a in acts])
            return
        names = [n for n in split_people(cell.text, self.ctx.people) if re.search(r"[^\W\d_]", n.name)]
        if not names:
            return
        where = self._where(row, column)
        found = groups(names)
        mode, share = _share(len(found), acts, targets)
        if mode == "whole":
            chosen = [[n for g in found for n in g]] * len(acts)
            spans = [(0, len(cell.text))] * len(acts)
        else:
            chosen = [found[i] for i in share]
            # Each group's wording runs to the next group, so nothing between groups is lost.
            bounds = [0] + [g[0].start for g in found[1:]] + [len(cell.text)]
            spans = [(bounds[i], bounds[i + 1]) for i in share]
        if any(n.guessed for n in names):
            self.ctx.report.issue("guess", where, f"{cell.text!r} has no separators between names: read as "
                                  + ", ".join(repr(n.name) for n in names))
        for act, group, span, index in zip(acts, chosen, spans, share or [0] * len(acts)):
            ids = []
            for name in group:
                res = self._resolve(name.name, row, column)
                if res.id not in ids:
                    ids.append(res.id)
            published = one_line(cell.text) if mode in ("whole", "one") else one_line(cell.text[span[0]:span[1]])
            setattr(act, attr, ids)
            setattr(act, f"{attr}_published", published)
            act.lines = sorted(set(act.lines) | set(cell.lines(*span)))
            if mode in ("in order", "per recommendation"):
                label = "lead" if role == "lead" else "chief officer"
                act.notes.append(f"The {label} cell lists {len(found)} groups of names, matched "
                                 f"{'to the actions' if mode == 'in order' else 'per recommendation'} in order "
                                 f"({index + 1} of {len(found)})")
        if mode in ("in order", "per recommendation"):
            self.ctx.report.issue("guess", where, f"{len(found)} groups of names matched to the "
                                  f"{'actions' if mode == 'in order' else 'recommendations'} in order")
        field_name = "leads" if role == "lead" else "chief_officers"
        self._trace(cell, column.index, [f"actions:{a.id}:{field_name}_as_published" for a in acts])

    def _resolve(self, name: str, row: LogicalRow, column: Column) -> Resolution:
        res = self.ctx.people.resolve(name)
        self.agent_uses.setdefault(res.id, set()).add(row.number)
        entry = self.resolutions.get(name)
        if entry is None:
            entry = {"published": name, "id": res.id, "kind": res.kind, "how": res.how, "reason": res.reason,
                     "guess": res.guess, "new": res.new, "rows": []}
            self.resolutions[name] = entry
            where = self._where(row, column)
            if res.guess:
                self.ctx.report.issue("guess", where, f"{name!r} → {res.id}: {res.reason}")
                if res.kind == "person":
                    self.aliases.append({"person": res.id, "alias": name, "reason": res.reason,
                                         "source": self.ctx.main.id, "line": str(row.number)})
            elif res.suggestion:
                self.ctx.report.issue("guess", where, res.suggestion)
            elif res.new:
                self.ctx.report.issue("info", where, f"{name!r} → new {res.kind} {res.id}: {res.reason}")
        if row.number not in entry["rows"]:
            entry["rows"].append(row.number)
        return res

    def _extra_columns(self, row: LogicalRow, acts: list[Action], targets: list[Recommendation]) -> None:
        """Text of columns with no role is kept in the notes of the row's actions."""
        for column in self.cols.columns:
            cell = row.cells.get(column.index)
            if column.role is not None or not cell:
                continue
            text = f"{column.header or column.label}: {one_line(cell.text)}"
            holders = acts or targets
            for holder in holders:
                holder.notes.append(text)
            kind = "actions" if acts else "recommendations"
            self._trace(cell, column.index, [f"{kind}:{h.id}:note" for h in holders])
            if not holders:
                self.ctx.report.issue("warning", self._where(row, column), "text in a row with no recommendation "
                                      "or action: not imported")

    def _section_of(self, row: LogicalRow) -> None:
        """A section column names the row's section (sections are created as met)."""
        column = self.cols.first("section")
        cell = row.cells.get(column.index) if column else None
        if not cell:
            if self.sections and column is not None and self.last_section is not None:
                row.section = self.last_section
            return
        label = one_line(cell.text)
        found = next((s for s in self.sections if s.label == label), None)
        if found is None:
            found = Section(f"{self.ctx.plan}-s{len(self.sections) + 1}", self.ctx.plan, len(self.sections) + 1,
                            label, self.sources, [row.number])
            self.sections.append(found)
        self._trace(cell, column.index, [f"sections:{found.id}:label"])
        holder = type("Heading", (), {})()
        holder.id = found.id
        row.section = holder
        self.last_section = holder

    # -- updates -------------------------------------------------------------------------
    def _updates(self, row: LogicalRow, targets: list[Recommendation], acts: list[Action]) -> None:
        update_cols = self.cols.of("update")
        rag_col = self.cols.first("rag")
        if not acts:
            if any(row.cells.get(c.index) for c in update_cols) or (rag_col and row.cells.get(rag_col.index)):
                self.ctx.report.issue("warning", self._where(row), "progress published on a row without an action: "
                                      "kept in the recommendation's note")
                for column in update_cols + ([rag_col] if rag_col else []):
                    cell = row.cells.get(column.index)
                    if cell:
                        for t in targets:
                            t.notes.append(f"{column.header}: {one_line(cell.text)}")
                        self._trace(cell, column.index, [f"recommendations:{t.id}:note" for t in targets])
            return
        by_version: dict[str, list[Column]] = {}
        for column in update_cols:
            by_version.setdefault(self.ctx.update_versions[column.index].id, []).append(column)
        versions = {v.id: v for v in self.ctx.versions}
        rag_version = self.ctx.rag_version
        if rag_version is not None and rag_version.id not in by_version:
            by_version[rag_version.id] = []
        for vid, columns in by_version.items():
            version = versions[vid]
            text_cell = Cell()
            for column in columns:
                cell = row.cells.get(column.index)
                if cell:
                    if text_cell.text:
                        text_cell.text += "\n"
                    offset = len(text_cell.text)
                    text_cell.text += cell.text
                    for f in cell.fragments:
                        text_cell.fragments.append(type(f)(f.start + offset, f.end + offset, f.line, f.raw))
            rag_cell = row.cells.get(rag_col.index) if (rag_col is not None and rag_version is not None
                                                        and vid == rag_version.id) else None
            self._version_updates(row, targets, acts, version, columns, text_cell, rag_cell, rag_col)

    def _version_updates(self, row, targets, acts, version: VersionInfo, columns: list[Column], text_cell: Cell,
                         rag_cell: Cell | None, rag_col: Column | None) -> None:
        rag_fragments = [(f.line, clean_html(f.raw)) for f in rag_cell.fragments] if rag_cell else []
        if not text_cell and not any(t.strip() for _, t in rag_fragments):
            return
        where = self._where(row, columns[0] if columns else rag_col)
        plans: list[tuple[list[Action], int, int, list[str], list[int]]] = []  # (about, start, end, markers, lines)
        text = text_cell.text
        markers = numbered_markers(text)
        line_groups = self._line_groups(row, acts, text_cell)
        if len(markers) == len(acts) > 1 and not text[:markers[0][0]].strip():
            bounds = [m[0] for m in markers] + [len(text)]
            for i, act in enumerate(acts):
                plans.append(([act], markers[i][1], bounds[i + 1], [markers[i][2]], []))
            self.ctx.report.issue("info", where, f"update items numbered 1) to {len(acts)}) matched to the "
                                  f"{len(acts)} actions in order")
        elif len({a.recommendation for a in acts}) > 1 and text:
            owners = [t for t in targets if any(a.recommendation == t.id for a in acts)]
            spans = sentences(text)
            shares = _split_by_words([text[s:e] for s, e in spans], owners, self._target_words)
            for owner in owners:
                mine = [sp for sp, o in zip(spans, shares) if o is owner]
                about = [a for a in acts if a.recommendation == owner.id]
                if mine:
                    plans.append((about, mine[0][0], mine[-1][1], [], []))
                else:
                    plans.append((about, 0, 0, [], []))
            self.ctx.report.issue("guess", where, "one update cell for recommendations "
                                  f"{' and '.join(o.notation for o in owners)}: cut between sentences by the "
                                  "words each part shares with each recommendation")
        elif line_groups:
            for lines, about in line_groups:
                frags = [f for f in text_cell.fragments if f.line in lines]
                start = min((f.start for f in frags), default=0)
                end = max((f.end for f in frags), default=0)
                cuts = runon_cuts(text[start:end], len(about)) if len(about) > 1 else None
                if cuts:
                    bounds = [start] + [start + c for c in cuts] + [end]
                    for act, a, b in zip(about, bounds, bounds[1:]):
                        plans.append(([act], a, b, [], lines))
                    self.ctx.report.issue("guess", f"{self.ctx.path}:{lines[0]}:{columns[0].label}",
                                          f"{len(about)} updates run together without punctuation: cut before "
                                          + ", ".join(repr(text[start + c:start + c + 12] + "…") for c in cuts))
                else:
                    plans.append((about, start, end, [], lines))
            self.ctx.report.issue("guess", where, f"the row spans published rows {', '.join(map(str, row.numbers))}"
                                  ", each with its own dates: the updates of each published row go to the actions "
                                  "whose dates it carries")
        else:
            plans.append((acts, 0, len(text), [], []))
        # A published row's RAG cell goes with the updates of that row; a RAG fragment on a row
        # carrying no dates of its own goes with the row above it.
        firsts = sorted({p[4][0] for p in plans if p[4]})

        def owner(line: int) -> int:
            return max([f for f in firsts if f <= line], default=firsts[0] if firsts else line)

        chosen = [[(ln, t) for ln, t in rag_fragments if not only_lines or owner(ln) == only_lines[0]]
                  for _, _, _, _, only_lines in plans]
        for i, (about, start, end, stripped, only_lines) in enumerate(plans):
            # Text in a RAG cell shared by several updates is kept once, at the end of the last.
            last = not any(chosen[j] == chosen[i] for j in range(i + 1, len(plans)))
            self.updates.append(self._one_update(row, targets, about, version, columns, text_cell, start, end,
                                                 stripped, chosen[i], rag_col, rag_cell, len(plans) > 1,
                                                 only_lines, last))

    def _line_groups(self, row: LogicalRow, acts: list[Action], text_cell: Cell):
        if len(row.numbers) < 2 or len(acts) < 2:
            return None
        due = self.cols.first("due")
        cell = row.cells.get(due.index) if due else None
        if not cell:
            return None
        values = parse_due_list(cell.text, self.ctx.period)
        if len(values) != len(acts):
            return None
        by_line: dict[int, list[Action]] = {}
        for act, value in zip(acts, values):
            lines = cell.lines(*value.span)
            by_line.setdefault(lines[0], []).append(act)
        text_lines = {f.line for f in text_cell.fragments if f.end > f.start}
        if len(by_line) < 2 or not text_lines or not text_lines <= set(by_line):
            return None
        return [([ln], about) for ln, about in sorted(by_line.items())]

    def _one_update(self, row, targets, about: list[Action], version: VersionInfo, columns: list[Column],
                    text_cell: Cell, start: int, end: int, stripped: list[str], rag_fragments, rag_col,
                    rag_cell, shared_rag: bool, only_lines: list[int] | None = None, last: bool = True) -> Update:
        text = one_line(text_cell.text[start:end]).strip()
        label, published, notes = None, "", []
        strays: list[tuple[int, str, str]] = []  # (line, text, position)
        ambiguous = False
        for line, fragment in rag_fragments:
            parsed = parse_rag(fragment, self.ctx.rag_vocabulary)
            if parsed.label and label is None:
                label, published, ambiguous = parsed.label, parsed.published, parsed.ambiguous
                if parsed.stray_before:
                    strays.append((line, parsed.stray_before, "before"))
                if parsed.stray_after:
                    strays.append((line, parsed.stray_after, "after"))
            elif fragment.strip():
                strays.append((line, fragment.strip(), "before" if label is None else "after"))
        if not last:
            strays = []
        lines = sorted(set(only_lines or [row.number]) | set(text_cell.lines(start, end) if text_cell.text else []))
        rag_where = f"{self.ctx.path}:{row.number}:{rag_col.label}" if rag_col else self._where(row)
        uid = self._update_id(about, targets, version)
        update = Update(uid, [a.id for a in about], label or "Not rated", published, text, version.id, lines)
        if len(self.cols.of("update")) > 1 and columns:
            notes.append(f"From the {columns[0].header!r} column")
        if rag_col is None or version is not self.ctx.rag_version:
            notes.append("no RAG rating is published")
        elif label is None and not strays:
            notes.append("RAG cell blank")
        elif label and published.casefold() != label.casefold():
            notes.append(f"RAG published as {published!r}, read as {label}")
        if ambiguous:
            self.ctx.report.issue("warning", rag_where, f"RAG {published!r} names two ratings: read as {label}")
        if shared_rag and label:
            notes.append(f"the one RAG cell {published!r} covers every part of the row")
        first = True
        for line, stray, _position in strays:
            if first and self.pending_stray is not None and _position == "before":
                target = self.pending_stray
                target.text = f"{target.text} {stray}".strip()
                target.lines = sorted(set(target.lines) | {line})
                target.notes.append(f"ends in {stray!r}, published in the RAG cell of row {line}")
                self.ctx.report.issue("guess", f"{self.ctx.path}:{line}:{rag_col.label}",
                                      f"{stray!r} in the RAG cell is not a rating: read as the end of the update "
                                      f"{target.id} above, whose RAG cell stopped mid-sentence")
                self._trace_rag(rag_cell, line, rag_col, [f"updates:{target.id}:text"])
                first = False
                continue
            first = False
            update.text = f"{update.text} {stray}".strip()
            update.lines = sorted(set(update.lines) | {line})
            update.notes.append(f"{stray!r} in the RAG cell is not a rating: kept as the end of this update")
            if self.ctx.strict and label is None:
                self.ctx.errors.append(InputError(self.ctx.path, line, rag_col.label,
                                                  f"{stray!r} is not a RAG rating (expected one of Red, Amber, Green, "
                                                  "Complete, Not started, Not rated)"))
            self.ctx.report.issue("guess" if label else "warning", f"{self.ctx.path}:{line}:{rag_col.label}",
                                  f"{stray!r} in the RAG cell is not a rating: kept at the end of update {uid}")
        # A RAG cell that stops mid-sentence without a rating continues in the next row's RAG cell.
        self.pending_stray = update if strays and label is None and not is_finished(strays[-1][1]) else None
        update.notes = notes + update.notes
        for column in columns:
            cell = row.cells.get(column.index)
            if cell:
                self._trace(cell, column.index, [f"updates:{uid}:text"], stripped)
        if rag_cell:
            for line, _ in rag_fragments:
                self._trace_rag(rag_cell, line, rag_col, [f"updates:{uid}:rag_as_published", f"updates:{uid}:text"])
        self._row_report(row.number, uid)
        return update

    def _trace_rag(self, rag_cell: Cell, line: int, rag_col: Column, outputs: list[str]) -> None:
        for fragment in rag_cell.fragments:
            if fragment.line == line:
                entry = self.traces.setdefault((line, rag_col.index), CellTrace(line, rag_col.index, fragment.raw))
                entry.outputs += [o for o in outputs if o not in entry.outputs]

    def _update_id(self, about: list[Action], targets: list[Recommendation], version: VersionInfo) -> str:
        """A provisional id, unique while reading (:meth:`_name_updates` gives the final one)."""
        return f"update-{len(self.updates) + 1}-{version.id}"


def _share(count: int, acts: list[Action], targets: list[Recommendation]) -> tuple[str, list[int]]:
    """How *count* listed values go to the actions: mode and, per action, a value index."""
    if count == 0:
        return "none", []
    if count == 1:
        return "one", [0] * len(acts)
    if count == len(acts):
        return "in order", list(range(count))
    owners = []
    for act in acts:
        if act.recommendation not in owners:
            owners.append(act.recommendation)
    if len(owners) > 1 and count == len(owners):
        return "per recommendation", [owners.index(a.recommendation) for a in acts]
    return "whole", []


def _split_by_words(pieces: list[str], targets: list[Recommendation], words_of) -> list[Recommendation]:
    """Share consecutive *pieces* among *targets* in order, cutting where the words change.

    Each cut point is chosen to maximise the words each piece shares with its target.
    """
    if not pieces:
        return []
    if len(targets) == 1:
        return [targets[0]] * len(pieces)
    vocab = [set(words_of(t)) for t in targets]
    scores = [[sum(1 for w in keywords(p) if w in v) for v in vocab] for p in pieces]
    best: tuple[float, list[int]] | None = None

    def walk(i: int, t: int, acc: list[int], total: float) -> None:
        nonlocal best
        if i == len(pieces):
            if t == len(targets) - 1 and (best is None or total > best[0]):
                best = (total, list(acc))
            return
        for nt in (t, t + 1):
            if nt < len(targets) and len(pieces) - i >= len(targets) - nt:
                acc.append(nt)
                walk(i + 1, nt, acc, total + scores[i][nt])
                acc.pop()

    walk(0, 0, [], 0)
    if best is None:
        return [targets[0]] * len(pieces)
    return [targets[i] for i in best[1]]


def _locate(text: str, previous: list[Action]) -> list[tuple[int, int, list[str]]] | None:
    """Cut *text* where each earlier action begins; ``None`` unless every one is found in order
    and each piece reads like its earlier action."""
    words = words_with_spans(text)
    if not words:
        return None
    cuts: list[int] = []
    pos = 0
    for act in previous:
        target = [w for w, _, _ in words_with_spans(act.text)][:6]
        if not target:
            return None
        chosen, best = None, (0.0, None)
        for j in range(pos, len(words)):
            if words[j][0] != target[0] and difflib.SequenceMatcher(None, words[j][0], target[0]).ratio() < 0.8:
                continue
            window = [w for w, _, _ in words[j:j + len(target)]]
            score = difflib.SequenceMatcher(None, target, window, autojunk=False).ratio()
            if score >= 0.75:
                chosen = j
                break
            if score > best[0]:
                best = (score, j)
        if chosen is None:
            if best[0] < 0.6:
                return None
            chosen = best[1]
        cuts.append(chosen)
        pos = chosen + 1
    if cuts[0] != 0 and any(ch.isalnum() for ch in text[:words[cuts[0]][1]]):
        return None
    out = []
    for i, cut in enumerate(cuts):
        start = 0 if i == 0 else words[cut][1]
        end = words[cuts[i + 1]][1] if i + 1 < len(cuts) else len(text)
        piece = text[start:end]
        stripped = piece.strip().strip(BULLETS).strip()
        markers = [ch for ch in piece if ch in BULLETS]
        offset = start + piece.find(stripped) if stripped else start
        out.append((offset, offset + len(stripped), markers))
        if similarity(stripped, previous[i].text) < 0.6:
            return None
    return out
