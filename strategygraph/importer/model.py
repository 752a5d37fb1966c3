"""What an import produces, in memory: plan versions, recommendations, actions, updates.

These records hold exactly what the data-folder CSV files hold (see ``data/README.md``), so
they can be written for review (:mod:`strategygraph.importer.output`) or compared
(:mod:`strategygraph.importer.versions`).

>>> v = VersionInfo("cpc-2024-09", "cpc", "Action plan", "2024-09", file="plan.txt")
>>> v.year
'2024'
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class VersionInfo:
    """A published version of the plan (one row of ``sources.csv``, one named graph).

    >>> VersionInfo("cpc-2025-10", "cpc", "Update", "2025-10").year
    '2025'
    """

    id: str
    plan: str
    title: str
    issued: str
    period_start: str | None = None
    period_end: str | None = None
    file: str = ""
    note: str = ""

    @property
    def year(self) -> str:
        """The year the version was issued."""
        return self.issued[:4]


@dataclass
class Section:
    """A section of the plan (a heading row).

    >>> Section("lga-s1", "lga", 1, "Context and priorities", ["lga-2019-01"], [6]).label
    'Context and priorities'
    """

    id: str
    plan: str
    number: int
    label: str
    sources: list[str]
    lines: list[int]


@dataclass
class Recommendation:
    """A recommendation (or an unnumbered part of one) as published in some versions.

    >>> Recommendation("cpc-r5a", "cpc", "5a", "Aligning…", ["cpc-2024-09"], [14], part_of="cpc-r5").part_of
    'cpc-r5'
    """

    id: str
    plan: str
    notation: str
    text: str
    sources: list[str]
    lines: list[int]
    part_of: str | None = None
    section: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class Action:
    """An action as published in some versions, with its due window and leads.

    >>> Action("cpc-r1-a1", "cpc", "cpc-r1", "Draft", ["cpc-2024-09"], [6], due_end="2025-02-28").due_end
    '2025-02-28'
    """

    id: str
    plan: str
    recommendation: str | None
    text: str
    sources: list[str]
    lines: list[int]
    due_wording: str = ""
    due_start: str | None = None
    due_end: str | None = None
    leads: list[str] = field(default_factory=list)
    leads_published: str = ""
    chiefs: list[str] = field(default_factory=list)
    chiefs_published: str = ""
    resource: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass
class Update:
    """A progress update published in one version about one or more actions.

    >>> Update("cpc-r1-u2025", ["cpc-r1-a1"], "Amber", "Orange", "Behind", "cpc-2025-10", [2]).rag
    'Amber'
    """

    id: str
    about: list[str]
    rag: str
    rag_published: str
    text: str
    source: str
    lines: list[int]
    notes: list[str] = field(default_factory=list)


@dataclass
class PlanVersion:
    """Everything one version of a plan publishes: what :func:`diff_versions` compares.

    >>> pv = PlanVersion(VersionInfo("v1", "p", "P", "2024"))
    >>> pv.rag_of("p-r1-a1") is None
    True
    """

    info: VersionInfo
    recommendations: dict[str, Recommendation] = field(default_factory=dict)
    actions: dict[str, Action] = field(default_factory=dict)
    updates: list[Update] = field(default_factory=list)

    @property
    def id(self) -> str:
        """The version id."""
        return self.info.id

    def rag_of(self, action_id: str) -> Update | None:
        """The update of this version that reports on *action_id*, if any."""
        for update in self.updates:
            if action_id in update.about:
                return update
        return None

    def actions_of(self, recommendation_id: str) -> list[Action]:
        """Actions answering *recommendation_id*, in published order."""
        return [a for a in self.actions.values() if a.recommendation == recommendation_id]

    def parts_of(self, recommendation_id: str) -> list[Recommendation]:
        """Parts of *recommendation_id* (5a, 5b…), in published order."""
        return [r for r in self.recommendations.values() if r.part_of == recommendation_id]


def _lines(value: str | None, index: int = 0, count: int = 1) -> list[int]:
    """Line numbers from a ``line`` cell (``8;12``, ``219-221``, ``8 | 4``)."""
    if not value:
        return []
    parts = [p.strip() for p in value.split("|")]
    part = parts[index] if len(parts) == count and index < len(parts) else parts[0]
    out: list[int] = []
    for segment in part.split(";"):
        start, _, end = segment.strip().partition("-")
        if start.isdigit():
            out += list(range(int(start), int(end or start) + 1))
    return out


def load_version(folder_path, version_id: str) -> PlanVersion:
    """The recommendations, actions and updates a data folder holds for *version_id*.

    Raises :class:`~strategygraph.errors.InputError` when the folder has no such version.

    >>> import strategygraph as sg
    >>> v = load_version(sg.sample_data(), "cpc-2025-10")
    >>> v.actions["cpc-r10-a1"].due_end, v.rag_of("cpc-r10-a1").rag
    ('2025-09-30', 'Amber')
    """
    from strategygraph.build.folder import Folder, read_folder
    from strategygraph.errors import InputError

    folder = folder_path if isinstance(folder_path, Folder) else read_folder(folder_path)
    sources = {r.id: r for r in folder.table("sources")}
    if version_id not in sources:
        known = ", ".join(sorted(sources)) or "none"
        raise InputError(str(folder.path), message=f"no version {version_id!r} in this data folder (versions: {known})")
    src = sources[version_id]
    info = VersionInfo(version_id, src.get("plan", ""), src.get("title", ""), src.get("issued", ""),
                       src.get("period_start"), src.get("period_end"), src.get("file", ""), src.get("note", ""))
    pv = PlanVersion(info)
    for rec in folder.records:
        listed = rec.list("source")
        if version_id not in listed:
            continue
        where = _lines(rec.get("line"), listed.index(version_id), len(listed))
        note = [rec.get("note")] if rec.get("note") else []
        if rec.table == "recommendations":
            pv.recommendations[rec.id] = Recommendation(
                rec.id, rec.get("plan", ""), rec.get("notation", ""), rec.get("text", ""), [version_id], where,
                rec.get("part_of"), rec.get("section"), note)
        elif rec.table == "actions":
            plan = rec.get("plan") or ""
            pv.actions[rec.id] = Action(
                rec.id, plan, rec.get("recommendation"), rec.get("text", ""), [version_id], where,
                rec.get("due_wording", ""), rec.get("due_start"), rec.get("due_end"), rec.list("leads"),
                rec.get("leads_as_published", ""), rec.list("chief_officers"),
                rec.get("chief_officers_as_published", ""), rec.get("resource", ""), note)
        elif rec.table == "updates":
            pv.updates.append(Update(rec.id, rec.list("about"), rec.get("rag", ""), rec.get("rag_as_published", ""),
                                     rec.get("text", ""), version_id, where, note))
    return pv
