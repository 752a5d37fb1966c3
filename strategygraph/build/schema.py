"""The data-folder format: which tables exist and what each column holds.

``data/README.md`` documents the same format for people; this module is what the builder
enforces. Column types:

``id``         a record id (``[a-z0-9][a-z0-9-]*``)
``text``       free text
``ref:K|L``    one id of a record of kind K or L
``refs:K|L``   ids separated by ``;``
``sources``    ids of ``sources`` rows separated by ``;``
``lines``      line reference(s) in the source file
``date``       ISO date
``issued``     ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``
``rag``        a value of the ontology's RAG scheme
``number``     a decimal number
``int``        a whole number
``enum:a|b``   one of the listed words
"""

from __future__ import annotations

from dataclasses import dataclass, field

AGENTS = "person|post|body|group"


@dataclass(frozen=True)
class Table:
    """One kind of table: its columns (name → type) and which are required."""

    kind: str
    columns: dict[str, str]
    required: frozenset[str] = field(default_factory=frozenset)
    #: Rows go into the curation graph even when they cite a source.
    curation: bool = False
    #: The same id may appear once per source version.
    versioned: bool = False
    #: Has an ``id`` column that other rows can refer to.
    identified: bool = True


def _t(kind, cols, required, **kw) -> Table:
    columns = dict(c.split("=", 1) if "=" in c else (c, "text") for c in cols.split())
    return Table(kind, columns, frozenset(required.split()), **kw)


COMMON = " source=sources line=lines"
TABLES: dict[str, Table] = {t.kind: t for t in [
    _t("council", "id=id label homepage note", "id label", curation=True),
    _t("sources", "id=id plan=ref:plan file title issued=issued period_start=date period_end=date note",
       "id file title issued", curation=True),
    _t("plans", "id=id kind=enum:CouncilPlan|StrategicFramework|ActionPlan|DeliveryPlan|Strategy|Plan title description"
       " part_of=ref:plan group=ref:group note" + COMMON, "id kind title"),
    _t("sections", "id=id plan=ref:plan number label" + COMMON, "id plan number label"),
    _t("priorities", "id=id plan=ref:plan kind=enum:Priority|Theme notation label description note" + COMMON,
       "id plan kind label"),
    _t("commitments", "id=id priority=ref:priority text note" + COMMON, "id priority text"),
    _t("groups", "id=id plan=ref:plan notation label focus reports_to=ref:body note" + COMMON, "id plan label"),
    _t("workstreams", "id=id group=ref:group label note" + COMMON, "id group label"),
    _t("recommendations", "id=id plan=ref:plan section=ref:section notation part_of=ref:recommendation text note"
       + COMMON, "id plan text", versioned=True),
    _t("actions", "id=id kind=enum:Action|Project recommendation=ref:recommendation plan=ref:plan"
       " workstream=ref:workstream text due_wording due_start=date due_end=date leads=refs:" + AGENTS
       + " leads_as_published chief_officers=refs:" + AGENTS + " chief_officers_as_published resource note" + COMMON,
       "id text", versioned=True),
    _t("milestones", "id=id action=ref:action text due_wording due_start=date due_end=date status=rag note" + COMMON,
       "id action text"),
    _t("updates", "id=id about=refs:action date=issued rag=rag rag_as_published text note" + COMMON,
       "id about rag"),
    _t("people", "id=id name note" + COMMON, "id name"),
    _t("aliases", "person=ref:person alias reason" + COMMON, "person alias reason", curation=True, identified=False),
    _t("posts", "id=id label abbreviation holder=ref:person organization=ref:body|council note" + COMMON, "id label"),
    _t("bodies", "id=id kind=enum:GoverningBody|Committee|WorkingGroup|OfficerTeam label part_of=ref:body"
       " reports_to=ref:body purpose note" + COMMON, "id kind label"),
    _t("roles", "id=id label description" + COMMON, "id label"),
    _t("memberships", "id=id body=ref:body|group role=ref:role member=ref:" + AGENTS + " member_label note" + COMMON,
       "id body role"),
    _t("indicators", "id=id label unit description" + COMMON, "id label"),
    _t("observations", "id=id indicator=ref:indicator value=number unit period text note" + COMMON,
       "id indicator value"),
    _t("statements", "id=id plan=ref:plan kind order=int text note" + COMMON, "id plan kind text"),
    _t("alignments", "subject=ref:recommendation|action|workstream|group|plan|statement|commitment"
       " target=ref:priority|commitment rationale asserted_by status=enum:curated|suggested score=number"
       + COMMON, "subject target rationale", curation=True, identified=False),
]}

#: Record kind of each table (what a ``ref:`` names): tables are plural, kinds singular.
KIND_OF_TABLE = {
    "council": "council", "sources": "source", "plans": "plan", "sections": "section",
    "priorities": "priority", "commitments": "commitment", "groups": "group", "workstreams": "workstream",
    "recommendations": "recommendation", "actions": "action", "milestones": "milestone", "updates": "update",
    "people": "person", "aliases": "alias", "posts": "post", "bodies": "body", "roles": "role",
    "memberships": "membership", "indicators": "indicator", "observations": "observation",
    "statements": "statement", "alignments": "alignment",
}

#: Kinds described in words for error messages.
KIND_WORDS = {"person": "a person", "post": "a post", "body": "a body", "group": "a delivery group",
              "council": "the council"}
