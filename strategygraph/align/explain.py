"""Turn scores into an explained alignment report: matches, evidence, coverage, summary.

:func:`align_document` reads a draft, scores each objective against every target of the
graph (:mod:`strategygraph.align.score`) and returns an :class:`AlignmentReport`:

- for each objective, every priority, theme and group (and the best commitments and
  workstreams) ranked, each with its score and evidence: the objective's words that
  matched and the commitment, workstream, action or curated link the match came through;
- the existing actions, projects and recommendations it looks like (score at least
  :data:`SIMILAR`): possible duplication, or partners to work with;
- the priorities and themes each objective aligns to, and from them those the document
  covers and those it leaves uncovered;
- a summary of two to four sentences a Cabinet report can quote.

An objective *aligns to* a priority or theme when

1. it is the objective's best priority (or best theme) and scores at least
   :data:`COVERED`; or
2. it is the best priority (or theme) of one of the objective's clauses (its aims, split
   at commas and semicolons), scoring at least :data:`COVERED`, so a one-paragraph
   strategy with five aims aligns to each aim's priority; or
3. it scores at least :data:`STRONG`, whatever else the objective matches.

Scores are cosine similarities (half with the best item, half with the target's profile)
times path weights. :data:`COVERED` (0.15) is a real shared topic word or concept, rare
enough in the graph to count; :data:`STRONG` (0.35) is above what the best priority of a
typical one-line objective scores, so a second priority needs about as much evidence as a
first. A word the objective shares with a priority only in passing ("education campaigns"
in a litter objective) therefore does not make that priority covered.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from strategygraph.align.document import Document, Objective, read_document
from strategygraph.align.score import Scorer, TargetScore
from strategygraph.align.targets import TARGET_KINDS
from strategygraph.errors import InputError

#: Least score of an objective's (or a clause's) best priority or theme to align to it.
COVERED = 0.15
#: Least score for any priority or theme to count as aligned, best or not.
STRONG = 0.35
#: Existing work is listed as similar to an objective from this score.
SIMILAR = 0.25
#: How many similar pieces of work to list per objective.
SIMILAR_LIMIT = 3
#: Commitments and workstreams listed per objective (every priority, theme and group is).
DETAIL_LIMIT = 5


@dataclass
class Match:
    """One target an objective matches, with its score and why."""

    label: str
    iri: str
    kind: str
    score: float
    evidence: dict

    def as_dict(self) -> dict:
        """JSON-ready form.

        >>> Match("Climate Emergency", "x", "theme", 0.5, {}).as_dict()["kind"]
        'theme'
        """
        return asdict(self)


@dataclass
class ObjectiveResult:
    """An objective with its ranked matches and the existing work it resembles."""

    number: int
    text: str
    line: int
    detail: str
    matches: list[Match]
    similar_actions: list[dict] = field(default_factory=list)
    #: The priorities and themes this objective aligns to (see the module's rules).
    aligned_to: list[dict] = field(default_factory=list)

    def best(self, kind: str) -> Match | None:
        """The best match of *kind* (``None`` if it scores 0).

        >>> ObjectiveResult(1, "x", 1, "", [Match("P", "p", "priority", 0.3, {})]).best("priority").label
        'P'
        """
        found = [m for m in self.matches if m.kind == kind and m.score > 0]
        return found[0] if found else None


@dataclass
class AlignmentReport:
    """The alignment of one strategy draft to the council's plans."""

    title: str
    path: str
    unit: str
    objectives: list[ObjectiveResult]
    covered: list[dict]
    uncovered: list[dict]
    summary: str
    thresholds: dict = field(default_factory=lambda: {"covered": COVERED, "strong": STRONG, "similar": SIMILAR})

    def as_dict(self) -> dict:
        """The report as the JSON object ``strategygraph align --format json`` prints.

        >>> import strategygraph as sg
        >>> from strategygraph.align import align_objectives
        >>> d = align_objectives(["Plant trees in every park"], sg.build_graph(sg.sample_data())).as_dict()
        >>> sorted(d)[:4], sorted(d["objectives"][0]["matches"][0])
        (['covered', 'document', 'objectives', 'summary'], ['evidence', 'iri', 'kind', 'label', 'score'])
        """
        objectives = []
        for o in self.objectives:
            entry = {"number": o.number, "text": o.text, "line": o.line}
            if o.detail:
                entry["detail"] = o.detail
            entry["matches"] = [m.as_dict() for m in o.matches]
            for kind in ("priority", "theme", "group"):
                best = o.best(kind)
                entry[f"best_{kind}"] = {"label": best.label, "iri": best.iri, "score": best.score} if best else None
            entry["aligned_to"] = o.aligned_to
            entry["similar_actions"] = o.similar_actions
            objectives.append(entry)
        return {"document": {"title": self.title, "path": self.path, "unit": self.unit},
                "objectives": objectives, "covered": self.covered, "uncovered": self.uncovered,
                "summary": self.summary, "thresholds": self.thresholds}

    def to_json(self) -> str:
        """The report as indented JSON text.

        >>> import strategygraph as sg
        >>> from strategygraph.align import align_objectives
        >>> '"summary"' in align_objectives(["Cut carbon"], sg.build_graph(sg.sample_data())).to_json()
        True
        """
        return json.dumps(self.as_dict(), indent=2, ensure_ascii=False)


def align_document(path: str | Path, g=None, scorer: Scorer | None = None, title: str | None = None
                   ) -> AlignmentReport:
    """Read the strategy draft at *path* and align its objectives to graph *g*.

    Give *scorer* (a :class:`~strategygraph.align.score.Scorer`) to reuse one across
    documents, and *title* to name the strategy (default: the document's title or first
    heading, else its file name). Raises :class:`~strategygraph.errors.InputError` for an unreadable draft,
    one with no objectives, or one whose objectives share no word with the plans.

    >>> import strategygraph as sg, tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "draft.txt"
    >>> _ = p.write_text("- Build 500 affordable homes\\n- Cut the council's carbon emissions\\n")
    >>> report = align_document(p, sg.build_graph(sg.sample_data()))
    >>> [o.best("priority").label for o in report.objectives]
    ['Healthy and Happy Communities', 'A Sustainable District']
    """
    document = read_document(path)
    if title:
        document.title = title
    return align_objectives(document, g, scorer=scorer)


def align_objectives(objectives: Document | list[str] | list[Objective], g=None, scorer: Scorer | None = None,
                     title: str = "this strategy") -> AlignmentReport:
    """Align *objectives* (a read :class:`Document`, or texts) to graph *g*.

    >>> import strategygraph as sg
    >>> report = align_objectives(["Grow the visitor economy"], sg.build_graph(sg.sample_data()))
    >>> report.objectives[0].best("group").label
    'A Regenerative & Distributive Economy'
    """
    if isinstance(objectives, Document):
        document = objectives
    else:
        items = [o if isinstance(o, Objective) else Objective(str(o), i) for i, o in enumerate(objectives, start=1)]
        document = Document("", "text", title, items, "line")
    if scorer is None:
        scorer = Scorer(g)
    texts = [o.full_text for o in document.objectives]
    all_scores = scorer.score(texts)
    if all(s.score <= 0 for scores in all_scores for s in scores):
        raise InputError(document.path or "<objectives>", message=f"none of the {len(texts)} objective(s) shares a "
                         "word with the council's priorities, commitments, groups or workstreams: is this a "
                         "strategy draft?")
    work_sims = _work_similarity(scorer, texts)
    results = []
    for number, (objective, scores, sims) in enumerate(zip(document.objectives, all_scores, work_sims), start=1):
        clauses = _clause_scores(scorer, objective.full_text)
        result = ObjectiveResult(number, objective.text, objective.line, objective.detail,
                                 _matches(scorer, scores, clauses), _similar(scorer, sims, objective.full_text))
        result.aligned_to = _aligned(scorer, scores, clauses)
        results.append(result)
    covered, uncovered = _coverage(scorer, results)
    report = AlignmentReport(document.title, document.path, document.unit, results, covered, uncovered, "")
    report.summary = summarise(report)
    return report


def _clause_scores(scorer: Scorer, text: str) -> list[tuple[str, list[TargetScore]]]:
    # Each aim of a multi-aim objective scored on its own (none for a one-clause objective).
    from strategygraph.align.score import split_clauses

    clauses = split_clauses(text)
    return list(zip(clauses, scorer.score(clauses))) if len(clauses) > 1 else []


def _matches(scorer: Scorer, scores: list[TargetScore], clauses: list[tuple[str, list[TargetScore]]]
             ) -> list[Match]:
    chosen: list[TargetScore] = []
    for kind in TARGET_KINDS:
        ranked = scorer.ranked(scores, kind)
        if kind in ("commitment", "workstream"):
            ranked = [s for s in ranked if s.score > 0][:DETAIL_LIMIT]
        chosen += ranked
    order = {t: i for i, t in enumerate(scorer.targets.targets)}
    chosen.sort(key=lambda s: (-round(s.score, 9), order[s.target]))
    nodes = scorer.targets.nodes
    index = scorer.target_index
    out = []
    for s in chosen:
        # Quote the words of the aim (clause) that matches this target best, if any does.
        best_clause = max(clauses, key=lambda c: c[1][index[s.target]].score, default=None)
        words = best_clause[0] if best_clause and best_clause[1][index[s.target]].score > 0 else s.clause
        out.append(Match(nodes[s.target].label, s.target, nodes[s.target].kind, round(s.score, 4),
                         _evidence(scorer, s, words)))
    return out


def _evidence(scorer: Scorer, s: TargetScore, words: str) -> dict:
    if s.item is None or s.score <= 0:
        return {"terms": [], "via": [], "text": "no words in common"}
    nodes = scorer.targets.nodes
    item = scorer.targets.items[s.item]
    terms = scorer.shared_terms(words, target=s.target) or scorer.shared_terms(s.clause, target=s.target)
    via = [{"label": nodes[i].label, "iri": i, "kind": nodes[i].kind} for i in s.path[:-1]]
    quoted = ", ".join(f"'{t}'" for t in terms) or "related words"
    if item.kind == "rationale":
        source = nodes[item.source]
        text = (f"{quoted}, through the curated link of {source.kind} '{_short(source.label)}' "
                f"(\u201c{_short(item.text, 120)}\u201d)")
    elif not via:
        text = f"{quoted}, in its own wording"
    else:
        first = via[0]
        text = f"{quoted}, through {first['kind']} '{_short(first['label'])}'"
        if len(via) > 1:
            text += " (" + ", ".join(f"{v['kind']} '{_short(v['label'], 50)}'" for v in via[1:]) + ")"
    evidence = {"terms": terms, "via": via, "text": text}
    if item.kind == "rationale":
        evidence["rationale"] = item.text
    return evidence


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _work_similarity(scorer: Scorer, texts: list[str]):
    import numpy as np

    work = scorer.targets.work
    rows = [scorer.targets.work_items[w] for w in work if w in scorer.targets.work_items]
    if not rows or not texts:
        return [[] for _ in texts]
    sims = scorer.item_similarity(texts)[:, rows]
    return [list(zip([w for w in work if w in scorer.targets.work_items], row)) for row in np.asarray(sims)]


def _similar(scorer: Scorer, sims: list, text: str) -> list[dict]:
    nodes = scorer.targets.nodes
    ranked = sorted((pair for pair in sims if pair[1] >= SIMILAR), key=lambda p: -p[1])[:SIMILAR_LIMIT]
    out = []
    for iri, score in ranked:
        node = nodes[iri]
        out.append({"label": node.label, "iri": iri, "kind": node.kind, "plan": node.plan,
                    "score": round(float(score), 4),
                    "terms": scorer.shared_terms(text, scorer.targets.work_items[iri])})
    return out


def _aligned(scorer: Scorer, scores: list[TargetScore], clauses: list[tuple[str, list[TargetScore]]]
             ) -> list[dict]:
    from strategygraph.align.score import CLAUSE_WEIGHT

    nodes = scorer.targets.nodes
    found: dict[str, tuple[float, str]] = {}       # iri → (score, why)

    def keep(iri: str, score: float, why: str) -> None:
        if score > found.get(iri, (-1.0, ""))[0]:
            found[iri] = (score, why)

    pieces = [(scores, "best match", 1.0)]
    pieces += [(clause_scores, f"best match of '{_short(clause, 60)}'", CLAUSE_WEIGHT)
               for clause, clause_scores in clauses]
    for piece_scores, why, factor in pieces:
        for kind in ("priority", "theme"):
            ranked = scorer.ranked(piece_scores, kind)
            if ranked and ranked[0].score * factor >= COVERED:
                keep(ranked[0].target, ranked[0].score * factor, why)
    for s in scores:
        if nodes[s.target].kind in ("priority", "theme") and s.score >= STRONG:
            keep(s.target, s.score, "strong match")
    order = {t: i for i, t in enumerate(scorer.targets.targets)}
    return [{"label": nodes[iri].label, "iri": iri, "kind": nodes[iri].kind,
             "score": round(next(x.score for x in scores if x.target == iri), 4), "why": why}
            for iri, (_, why) in sorted(found.items(), key=lambda kv: order[kv[0]])]


def _coverage(scorer: Scorer, results: list[ObjectiveResult]) -> tuple[list[dict], list[dict]]:
    covered, uncovered = [], []
    # Each target's best match score and the objectives aligned to it, in one pass over
    # the results (a scan per target grows with the square of the graph).
    best_score: dict[str, float] = {}
    for r in results:
        for m in r.matches:
            if m.iri not in best_score or m.score > best_score[m.iri]:
                best_score[m.iri] = m.score
    aligned_by: dict[str, list[int]] = {}
    for r in results:
        for iri in dict.fromkeys(a["iri"] for a in r.aligned_to):
            aligned_by.setdefault(iri, []).append(r.number)
    for kind in ("priority", "theme"):
        for iri in scorer.targets.of_kind(kind):
            by = aligned_by.get(iri, [])
            best = best_score.get(iri, 0.0)
            entry = {"label": scorer.targets.nodes[iri].label, "iri": iri, "kind": kind, "score": round(best, 4)}
            if by:
                covered.append({**entry, "objectives": by})
            else:
                uncovered.append(entry)
    return covered, uncovered


def _names(labels: list[str]) -> str:
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def summarise(report: AlignmentReport) -> str:
    """Two to four sentences on *report* that a Cabinet report can quote.

    >>> import strategygraph as sg
    >>> from strategygraph.align import align_objectives
    >>> text = align_objectives(["Keep parks free of litter"], sg.build_graph(sg.sample_data())).summary
    >>> "leaves" in text and "uncovered" in text
    True
    """
    n = len(report.objectives)
    counts: dict[str, int] = {}
    for o in report.objectives:
        best = o.best("priority")
        if best and any(a["iri"] == best.iri for a in o.aligned_to):
            counts[best.label] = counts.get(best.label, 0) + 1
    noun = "objective" if n == 1 else "objectives"
    sentences = []
    if counts:
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        parts = [f"{label} ({k} of {n})" if n > 1 else label for label, k in ranked]
        sentences.append(f"The {n} objectives of {report.title} align most closely to {_names(parts)}."
                         if n > 1 else f"The objective of {report.title} aligns most closely to {parts[0]}.")
    else:
        sentences.append(f"None of the {n} {noun} of {report.title} aligns clearly to a Council Plan priority.")
    themes = [c["label"] for c in report.covered if c["kind"] == "theme"]
    other = [c["label"] for c in report.covered if c["kind"] == "priority" and c["label"] not in counts]
    also = other + [f"the {t} theme" for t in themes]
    if also:
        sentences.append(f"It also contributes to {_names(also)}.")
    gaps = [u["label"] for u in report.uncovered]
    if gaps:
        sentences.append(f"It leaves {_names(gaps)} uncovered.")
    else:
        sentences.append("It touches every Council Plan priority and cross-cutting theme.")
    similar = [o for o in report.objectives if o.similar_actions]
    if similar:
        example = similar[0].similar_actions[0]
        verb = "resembles" if len(similar) == 1 else "resemble"
        sentences.append(f"{len(similar)} of its {n} {noun} {verb} existing work (for example "
                         f"{example['kind']} '{_short(example['label'], 70)}'): possible duplication, or partners "
                         "to work with." if n > 1 else
                         f"It resembles existing work ({example['kind']} '{_short(example['label'], 70)}'): "
                         "possible duplication, or a partner to work with.")
    return " ".join(sentences)
