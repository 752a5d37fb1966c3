"""Synthetic council data folders, for testing scale without real data.

:func:`generate_council` makes one council's curated data in exactly the data-folder format
of ``data/README.md`` (the same kinds of file as the bundled example): a Council Plan with
four priorities and three cross-cutting themes, a strategic framework with delivery groups,
workstreams and one delivery plan of projects and milestones, and a peer-challenge action
plan first published and then updated twice (recommendations, some split into parts, and
actions republished in each version with due wording that sometimes moves, plus RAG ratings
that sometimes worsen and are sometimes not published). Leads follow a Zipf-like skew: a
few officers lead much of the work, and some leads are posts rather than people. A few
names are published in a second spelling (recorded in ``aliases``), and most subjects carry
a curated alignment link while a few are left as orphans.

Everything is drawn from small built-in lists (first names, surnames, place-name syllables,
generic council priorities and peer-challenge recommendations): no real person is named,
and each council's ``note`` says it is synthetic. The same ``(index, seed)`` always gives
the same council, so ``generate_councils(50)`` is the first 50 of ``generate_councils(400)``.

>>> council = generate_council(0, seed=1)
>>> council == generate_council(0, seed=1)
True
>>> sorted(council.tables)[:4]
['actions-dp-g1', 'actions-peer-challenge', 'aliases', 'alignments']
>>> council.counts()["priorities"]
7
"""

from __future__ import annotations

import calendar
import csv
import io
import os
import random
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from strategygraph.errors import InputError

# -- word lists -------------------------------------------------------------------------------

_PLACE_START = [
    "Ash", "Bal", "Bex", "Bram", "Brock", "Cal", "Carn", "Dun", "Elm", "Eskel", "Fal", "Fen", "Gar", "Glen",
    "Gran", "Hal", "Hart", "Kel", "Kil", "Lang", "Lind", "Lox", "Mar", "Mel", "Nor", "Oak", "Orm", "Pen",
    "Quen", "Raven", "Ros", "Sal", "Stan", "Tam", "Thorn", "Ul", "Vel", "Wex", "Whit", "Wyn", "Yar", "Zel",
]
_PLACE_END = [
    "ford", "ley", "ton", "by", "wick", "ham", "field", "bridge", "mouth", "dale", "stow", "worth",
    "chester", "holme", "borough", "thorpe", "mere", "combe", "hurst", "minster",
]
_PLACE_EXTRA = ["Vale", "Valley", "Coast", "Downs", "Moor", "Fells", "Weald", "Marshes"]
_COUNCIL_FORMS = ["{} City Council", "{} Borough Council", "{} District Council", "{} Council"]

_FIRST = [
    "Aisha", "Alan", "Amira", "Andrew", "Beth", "Callum", "Chloe", "Daniel", "Deborah", "Eilidh", "Emma",
    "Farah", "Gareth", "Gemma", "Hannah", "Harjit", "Imran", "Isla", "James", "Janet", "Kamal", "Karen",
    "Kieran", "Laura", "Liam", "Lorna", "Mandeep", "Martin", "Megan", "Nadia", "Neil", "Niamh", "Oliver",
    "Priya", "Rachel", "Rhys", "Ruth", "Samir", "Sarah", "Sean", "Sian", "Simon", "Sophie", "Stuart",
    "Tariq", "Tom", "Una", "Vikram", "Wendy", "Yusuf", "Zoe",
]
_SURNAME = [
    "Ahmed", "Ainsworth", "Bancroft", "Bhatt", "Blackwood", "Brennan", "Carrick", "Chaudhry", "Corbett",
    "Dalton", "Driscoll", "Ellison", "Fairclough", "Fenwick", "Gallagher", "Greaves", "Haworth", "Hussain",
    "Iqbal", "Jarvis", "Kaur", "Kershaw", "Lambert", "Lomax", "McAllister", "Mellor", "Nolan", "Okafor",
    "Oldroyd", "Pickering", "Quayle", "Rashid", "Redmond", "Sandford", "Shackleton", "Singh", "Tennant",
    "Thornber", "Upton", "Varley", "Walmsley", "Whitaker", "Yates",
]

_MONTHS = list(calendar.month_name)[1:]
_MON = [m[:3] for m in _MONTHS]
_MON_MESSY = {9: "Sept"}

#: Council Plan priorities: key → (label, description of a delivery group, commitments,
#: workstreams, delivery-plan projects).
_TOPICS: dict[str, tuple[str, str, list[str], list[str], list[str]]] = {
    "green": ("A Greener, Cleaner District", "Net Zero and Environment", [
        "reach net zero carbon for the council's own operations by 2030",
        "increase recycling and reduce the waste sent to landfill",
        "protect and improve parks, green spaces and biodiversity",
        "help residents and businesses cut their energy use",
    ], ["Council carbon emissions", "District-wide emissions", "Waste and recycling", "Nature recovery",
        "Flood resilience and adaptation"],
        ["Solar canopy at the depot", "Electric refuse vehicles", "Tree planting programme",
         "Retrofit of civic buildings"]),
    "economy": ("A Thriving Local Economy", "Economy and Skills", [
        "support local businesses to start, stay and grow",
        "create good-quality jobs and apprenticeships",
        "bring empty town-centre units back into use",
        "spend more of the council's budget with local suppliers",
    ], ["Town centre regeneration", "Business support", "Skills and employment", "Local procurement",
        "Visitor economy"],
        ["Market hall refurbishment", "Business grants scheme", "Skills hub pilot", "Shopfront improvement grants"]),
    "health": ("Healthy and Happy Communities", "Health and Wellbeing", [
        "narrow the gap in healthy life expectancy between neighbourhoods",
        "help residents lead active lives",
        "tackle loneliness and social isolation",
        "support people through the cost of living",
    ], ["Active lives", "Health inequalities", "Cost of living support", "Community hubs", "Mental wellbeing"],
        ["Community hub network", "Free swimming for under-16s", "Warm spaces scheme", "Social prescribing pilot"]),
    "homes": ("Homes for Everyone", "Housing", [
        "deliver more affordable homes",
        "improve the condition of private rented homes",
        "prevent homelessness and end rough sleeping",
    ], ["Affordable housing delivery", "Private rented sector", "Homelessness prevention", "Empty homes"],
        ["Council house building phase 1", "Selective licensing scheme", "Rough sleeper outreach"]),
    "safety": ("Safe and Strong Neighbourhoods", "Communities and Safety", [
        "reduce anti-social behaviour with the police and partners",
        "support community groups and volunteers",
        "keep streets clean and well maintained",
    ], ["Anti-social behaviour", "Volunteering", "Street scene", "Community grants"],
        ["Neighbourhood wardens", "Community grants round", "CCTV upgrade"]),
    "connected": ("Connected Places", "Transport and Connectivity", [
        "improve bus services and active travel routes",
        "bring full-fibre broadband to every community",
        "make the district easier to get around for disabled people",
    ], ["Active travel", "Bus partnership", "Digital connectivity", "Accessible transport"],
        ["Cycle route extension", "Rural broadband voucher scheme", "Bus shelter renewal"]),
    "young": ("Opportunity for Young People", "Children and Young People", [
        "give every young person somewhere to go and something to do",
        "raise aspirations and attainment",
        "support care leavers into work and housing",
    ], ["Youth provision", "Aspiration and attainment", "Care leavers"],
        ["Youth zone feasibility", "Summer activities programme", "Care leaver apprenticeships"]),
}
#: The internal priority every council has, with its group.
_COUNCIL_TOPIC = ("council", ("A Well-Run, Efficient Council", "Finance and Resources", [
    "balance the budget over the medium term",
    "make services easy to use online",
    "be a good employer that attracts and keeps talented people",
    "listen to residents and act on what they tell us",
], ["Financial resilience", "Digital services", "Workforce", "Customer experience", "Assets and property"],
    ["New customer contact system", "Asset disposals programme", "Agile working rollout"]))

_THEMES = [
    ("climate", "Climate Emergency", "Taking action on the climate emergency in everything we do"),
    ("inequality", "Tackling Inequality", "Narrowing the gaps between the most and least well-off"),
    ("wealth", "Community Wealth Building", "Keeping wealth in the local economy and in local hands"),
    ("partnership", "Working in Partnership", "Working with residents, partners and businesses to deliver"),
    ("digital", "Digital Inclusion", "Making sure nobody is left behind as services move online"),
    ("engagement", "Community Engagement", "Drawing on the skills and knowledge of our communities"),
]
#: Which priority topic each theme sits closest to (for alignment links).
_THEME_TOPIC = {"climate": "green", "inequality": "health", "wealth": "economy", "partnership": "safety",
                "digital": "council", "engagement": "safety"}

#: Peer-challenge recommendations: key → (topic, text, actions).
_RECOMMENDATIONS: dict[str, tuple[str, str, list[str]]] = {
    "vision": ("economy", "Agree a clear, shared vision for the place with partners and communicate it consistently "
               "to residents, staff and businesses.", [
                   "Run a programme of engagement with residents and partners on the vision",
                   "Publish the refreshed place vision",
                   "Embed the vision in every service plan"]),
    "finance": ("council", "Set out a sustainable medium-term financial strategy that closes the budget gap over "
                "the next three years.", [
                    "Refresh the Medium Term Financial Strategy",
                    "Agree a savings programme with named owners and milestones",
                    "Report progress on savings to Cabinet every quarter"]),
    "capital": ("council", "Introduce a prioritisation framework for the capital programme so that resources go "
                "where they will have most impact.", [
                    "Draft a capital prioritisation framework",
                    "Review the current capital programme against the framework"]),
    "assets": ("council", "Complete the review of the council's land and property and act on its findings to "
               "reduce costs and raise income.", [
                   "Complete condition surveys of operational buildings",
                   "Agree an asset disposal and investment plan"]),
    "digital": ("council", "Create and deliver a digital and ICT strategy that improves services for residents.", [
        "Adopt a Digital Strategy",
        "Move the most-used transactions online",
        "Replace the customer contact system"]),
    "data": ("council", "Use data and performance information consistently to inform decisions and to keep the "
             "focus on the council's priorities.", [
                 "Introduce a corporate performance dashboard",
                 "Train managers in using performance data"]),
    "members": ("council", "Invest in member development, particularly for newly elected councillors.", [
        "Agree a member development programme",
        "Offer mentoring to new councillors"]),
    "scrutiny": ("council", "Strengthen overview and scrutiny so that it adds value to policy development.", [
        "Review the scrutiny work programme with members",
        "Hold an annual scrutiny development session"]),
    "partners": ("safety", "Build stronger partnerships with health, education and the voluntary sector.", [
        "Set up a local strategic partnership board",
        "Agree shared priorities with health partners"]),
    "workforce": ("council", "Develop a workforce strategy that addresses recruitment and retention pressures.", [
        "Publish a workforce strategy",
        "Launch a graduate and apprenticeship scheme",
        "Review pay and grading for hard-to-fill posts"]),
    "housing": ("homes", "Accelerate the delivery of affordable homes with registered providers.", [
        "Adopt a Housing Delivery Plan",
        "Bring forward council-owned sites for affordable housing"]),
    "climate": ("green", "Turn the climate emergency declaration into a costed and resourced action plan.", [
        "Publish a costed Climate Action Plan",
        "Report the council's carbon footprint every year"]),
    "equality": ("health", "Refresh the equality policy with clear and measurable objectives.", [
        "Consult staff networks on equality objectives",
        "Adopt a refreshed Equality, Diversity and Inclusion policy"]),
    "comms": ("council", "Improve internal and external communications so that residents know what the council "
              "is doing and why.", [
                  "Agree a communications and engagement strategy",
                  "Launch a regular residents' newsletter"]),
    "programme": ("council", "Strengthen programme and project management to give greater consistency, oversight "
                  "and accountability.", [
                      "Set up a corporate programme board",
                      "Introduce a standard project management toolkit"]),
    "localplan": ("homes", "Bring forward the Local Plan review without further delay.", [
        "Publish a revised Local Development Scheme",
        "Consult on the draft Local Plan"]),
}
#: Recommendations that a council may publish as one stem with lettered parts.
_SPLIT_STEM = "Take steps to strengthen the transformation and savings programme by:"
_SPLIT_PARTS = ["capital", "assets", "digital"]

_POSTS = ["Chief Executive", "Head of Planning", "Head of Housing", "Head of Finance", "Head of Environmental Services"]
_DIRECTORS = ["Director of Place", "Director of Communities", "Director of Corporate Services",
              "Director of Resources"]

_UPDATE_TEXT = {
    "Green": ["On track: the approach to {x} was agreed by Cabinet in {past}.",
              "Work to {x} is progressing as planned.",
              "Good progress; a first draft was shared with members in {past}."],
    "Amber": ["Some delay: work to {x} has been held up by capacity in the team; a revised timetable goes to "
              "Cabinet in {future}.",
              "Progressing, but behind the original timetable while partners are consulted.",
              "Scope widened after member feedback; completion now expected later than planned."],
    "Red": ["Not progressed: the lead post has been vacant since {past}.",
            "Significantly delayed; the funding needed to {x} has not been secured.",
            "Paused pending the outcome of the budget process."],
    "Complete": ["Complete: the work to {x} finished in {past}.", "Delivered and now business as usual.",
                 "Complete; the final report went to Overview and Scrutiny in {past}."],
    "Not started": ["Not yet started; scheduled to begin in {future}.", "Awaiting the outcome of related work."],
    "Not rated": ["Update to follow.", "Verbal update to be given at the meeting.",
                  "Work continues; see the covering report."],
}
_RAG_AS_PUBLISHED = {"Green": ["GREEN", "Green", "green"], "Amber": ["AMBER", "Amber", "Orange"],
                     "Red": ["RED", "Red"], "Complete": ["COMPLETE", "Complete", "Blue"],
                     "Not started": ["Not started", "NOT STARTED"], "Not rated": [""]}
#: RAG trajectories over the two progress updates, with how often each occurs.
_TRAJECTORIES = [
    (("Green", "Green"), 18), (("Green", "Complete"), 14), (("Amber", "Green"), 10), (("Green", "Amber"), 12),
    (("Amber", "Red"), 8), (("Green", "Red"), 4), (("Amber", "Amber"), 10), (("Red", "Amber"), 5),
    (("Not started", "Amber"), 5), (("Not rated", "Green"), 6), (("Not rated", "Not rated"), 4),
    (("Amber", "Complete"), 4),
]

#: Column order of each file kind (as in the bundled example data).
HEADERS: dict[str, list[str]] = {
    "council": ["id", "label", "homepage", "note"],
    "sources": ["id", "plan", "file", "title", "issued", "period_start", "period_end", "note"],
    "plans": ["id", "kind", "title", "description", "part_of", "group", "source", "line", "note"],
    "priorities": ["id", "plan", "kind", "notation", "label", "description", "source", "line", "note"],
    "commitments": ["id", "priority", "text", "source", "line", "note"],
    "bodies": ["id", "kind", "label", "part_of", "reports_to", "purpose", "source", "line", "note"],
    "groups": ["id", "plan", "notation", "label", "focus", "reports_to", "source", "line"],
    "workstreams": ["id", "group", "label", "source", "line", "note"],
    "posts": ["id", "label", "abbreviation", "holder", "organization", "source", "line", "note"],
    "people": ["id", "name", "note", "source", "line"],
    "aliases": ["person", "alias", "reason", "source", "line"],
    "recommendations": ["id", "plan", "section", "notation", "part_of", "text", "source", "line", "note"],
    "actions": ["id", "kind", "recommendation", "plan", "workstream", "text", "due_wording", "due_start", "due_end",
                "leads", "leads_as_published", "chief_officers", "chief_officers_as_published", "resource",
                "source", "line", "note"],
    "milestones": ["id", "action", "text", "due_wording", "due_start", "due_end", "status", "source", "line", "note"],
    "updates": ["id", "about", "date", "rag", "rag_as_published", "text", "source", "line", "note"],
    "alignments": ["subject", "target", "rationale", "asserted_by", "status", "score", "source", "line"],
}


@dataclass
class SynthCouncil:
    """One synthetic council's data folder, held in memory.

    ``tables`` maps a file stem (``actions-peer-challenge``) to its rows; each file's kind,
    and so its columns, is the part of the stem before the first ``-``.

    >>> c = generate_council(3, seed=7)
    >>> c.id == c.tables["council"][0]["id"]
    True
    """

    id: str
    label: str
    tables: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        """Rows per file kind (``actions`` counts one row per action per version).

        >>> generate_council(0).counts()["council"]
        1
        """
        out: dict[str, int] = {}
        for stem, rows in self.tables.items():
            kind = stem.split("-", 1)[0]
            out[kind] = out.get(kind, 0) + len(rows)
        return out

    def csv_text(self, stem: str) -> str:
        """The CSV text of one file (CRLF line ends, as Excel writes them).

        >>> generate_council(0).csv_text("council").splitlines()[0]
        'id,label,homepage,note'
        """
        header = HEADERS[stem.split("-", 1)[0]]
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        for row in self.tables[stem]:
            writer.writerow([row.get(column, "") for column in header])
        return buffer.getvalue()

    def write(self, folder: str | os.PathLike) -> Path:
        """Write the council's CSV files into *folder* (created if needed); return it.

        >>> import tempfile, pathlib
        >>> path = generate_council(0).write(pathlib.Path(tempfile.mkdtemp()) / "c")
        >>> (path / "council.csv").exists()
        True
        """
        path = Path(folder)
        path.mkdir(parents=True, exist_ok=True)
        for stem in self.tables:
            (path / f"{stem}.csv").write_text(self.csv_text(stem), encoding="utf-8", newline="")
        return path


def generate_councils(councils: int, seed: int = 0) -> list[SynthCouncil]:
    """*councils* synthetic councils with distinct ids, the same for the same *seed*.

    >>> [c.id for c in generate_councils(2, seed=3)] == [c.id for c in generate_councils(2, seed=3)]
    True
    >>> len({c.id for c in generate_councils(30)})
    30
    """
    if councils < 0:
        raise InputError("--councils", message=f"cannot generate {councils} councils")
    out: list[SynthCouncil] = []
    taken: set[str] = set()
    for index in range(councils):
        council = generate_council(index, seed, taken=taken)
        taken.add(council.id)
        out.append(council)
    return out


def generate_council(index: int, seed: int = 0, *, taken: set[str] | frozenset = frozenset()) -> SynthCouncil:
    """The synthetic council number *index* of run *seed*; its id avoids those in *taken*.

    >>> c = generate_council(0, seed=2)
    >>> c.counts()["groups"] in range(4, 7), c.counts()["priorities"]
    (True, 7)
    """
    return _Council(random.Random(f"strategygraph-synth:{seed}:{index}"), index, seed, taken).run()


def write_councils(councils: list[SynthCouncil], out_dir: str | os.PathLike, *, overwrite: bool = False) -> list[Path]:
    """Write each council into ``out_dir/<council id>/``; return the folders written.

    Everything is written into a temporary folder inside *out_dir* first and moved into
    place only when all councils are written, so a failure leaves nothing half-written.
    An existing council folder is refused unless *overwrite* is true (then it is replaced).

    >>> import tempfile
    >>> out = tempfile.mkdtemp()
    >>> [p.name for p in write_councils(generate_councils(1, seed=4), out)] == [generate_council(0, 4).id]
    True
    """
    root = Path(out_dir)
    if root.exists() and not root.is_dir():
        raise InputError(str(root), message="is a file, not a folder")
    clashes = [c.id for c in councils if (root / c.id).exists()]
    if clashes and not overwrite:
        more = f" and {len(clashes) - 3} more" if len(clashes) > 3 else ""
        raise InputError(str(root), message=f"already holds council folder(s) {', '.join(clashes[:3])}{more}: "
                                            "choose another folder, or replace them (--overwrite)")
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".synth-", dir=root))
    try:
        for council in councils:
            council.write(staging / council.id)
        written = []
        for council in councils:
            target = root / council.id
            if target.exists():
                shutil.rmtree(target)
            os.replace(staging / council.id, target)
            written.append(target)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def summarise(councils: list[SynthCouncil]) -> dict[str, int]:
    """Rows per file kind over all *councils*, plus ``councils`` and distinct ``action ids``.

    >>> summarise(generate_councils(2))["councils"]
    2
    """
    total: dict[str, int] = {"councils": len(councils)}
    for council in councils:
        for kind, n in council.counts().items():
            total[kind] = total.get(kind, 0) + n
        total["action ids"] = total.get("action ids", 0) + len(
            {r["id"] for stem, rows in council.tables.items() if stem.startswith("actions") for r in rows})
    return total


# -- dates and due wording -----------------------------------------------------------------------

def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def _month_name(rng: random.Random, month: int, short: bool = False) -> str:
    if short:
        return _MON_MESSY.get(month, _MON[month - 1]) if rng.random() < 0.5 else _MON[month - 1]
    return _MONTHS[month - 1]


def due_wording(rng: random.Random, year: int, month: int, *, ongoing: float = 0.08) -> tuple[str, str, str]:
    """Messy published wording for a target month, with the window it means.

    Returns ``(wording, due_start, due_end)`` with ISO dates or ``""`` (``Ongoing`` has no
    dates); the styles are those councils publish: ``End November 2025``, ``Q3 2025/26``,
    ``October 25 – March 26``, ``2025/26``, ``By Summer 2025``, ``Annual review March 2026``.

    >>> due_wording(random.Random(1), 2025, 11)
    ('November 2025', '', '2025-11-30')
    """
    if rng.random() < ongoing:
        return "Ongoing", "", ""
    end = _month_end(year, month)
    style = rng.choice(["end", "month", "month", "quarter", "window", "fy", "season", "annual", "short"])
    fy = year if month >= 4 else year - 1  # UK financial year starting in April
    if style == "end":
        return f"End {_month_name(rng, month)} {year}", "", end.isoformat()
    if style == "month":
        return f"{_month_name(rng, month)} {year}", "", end.isoformat()
    if style == "short":
        return f"{_month_name(rng, month, short=True)} {year}", "", end.isoformat()
    if style == "quarter":
        q = (month - 4) % 12 // 3 + 1
        qy, qm = _add_months(fy, 4, (q - 1) * 3)
        ey, em = _add_months(qy, qm, 2)
        return f"Q{q} {fy}/{(fy + 1) % 100:02d}", date(qy, qm, 1).isoformat(), _month_end(ey, em).isoformat()
    if style == "window":
        sy, sm = _add_months(year, month, -rng.choice([3, 5, 6, 9]))
        dash = rng.choice([" – ", " - ", "–"])
        return (f"{_MONTHS[sm - 1]} {sy % 100:02d}{dash}{_MONTHS[month - 1]} {year % 100:02d}",
                date(sy, sm, 1).isoformat(), end.isoformat())
    if style == "fy":
        return f"{fy}/{(fy + 1) % 100:02d}", date(fy, 4, 1).isoformat(), date(fy + 1, 3, 31).isoformat()
    if style == "season" and month in range(3, 12):
        season, last = [("Spring", 5), ("Summer", 8), ("Autumn", 11)][(month - 3) // 3]
        return f"By {season} {year}", "", _month_end(year, last).isoformat()
    return f"Annual review {_month_name(rng, month)} {year}", "", end.isoformat()


# -- one council ----------------------------------------------------------------------------

def _slug(text: str, words: int = 4) -> str:
    return "-".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split()[:words])


def _zipf_counts(total: int, ranks: int, exponent: float, skew: int = 3) -> list[int]:
    """*total* split over *ranks* in proportion to 1/rank^exponent (largest remainders).

    A council has only a dozen or so items, so rounding alone can flatten the skew: the
    tail's last items move to the top rank until it carries *skew* times the median load
    (where *total* allows).

    >>> _zipf_counts(10, 6, 1.5)
    [5, 2, 1, 1, 1, 0]
    """
    weights = [1 / (r + 1) ** exponent for r in range(ranks)]
    share = [total * w / sum(weights) for w in weights]
    counts = [int(s) for s in share]
    for i in sorted(range(ranks), key=lambda i: counts[i] - share[i])[: total - sum(counts)]:
        counts[i] += 1
    while True:
        loaded = sorted(c for c in counts if c)
        tail = max((i for i in range(1, ranks) if counts[i]), default=0)
        if not tail or counts[0] >= skew * loaded[(len(loaded) - 1) // 2]:
            return counts
        counts[tail] -= 1
        counts[0] += 1


class _Council:
    """Draws one council's rows; every choice comes from ``self.rng`` in a fixed order."""

    def __init__(self, rng: random.Random, index: int, seed: int, taken):
        self.rng, self.index, self.seed, self.taken = rng, index, seed, taken
        self.tables: dict[str, list[dict[str, str]]] = {}
        self.lines: dict[str, int] = {}
        self.ids: set[str] = set()

    # helpers
    def add(self, stem: str, **row) -> dict[str, str]:
        row = {k: str(v) for k, v in row.items() if v not in (None, "")}
        self.tables.setdefault(stem, []).append(row)
        return row

    def line(self, source: str, step: tuple[int, int] = (1, 2)) -> int:
        self.lines[source] = self.lines.get(source, 3) + self.rng.randint(*step)
        return self.lines[source]

    def unique(self, base: str) -> str:
        rid, n = base, 2
        while rid in self.ids:
            rid, n = f"{base}-{n}", n + 1
        self.ids.add(rid)
        return rid

    # the council
    def run(self):
        self.place()
        self.timeline()
        self.plans()
        self.people()
        self.framework()
        self.recommendations()
        # one Zipf-skewed allocation over all work, so the busiest officer leads projects and actions alike
        leads = self.leads_for(len(self.projects) + len(self.items))
        self.delivery_plan(leads[: len(self.projects)])
        self.peer_challenge(leads[len(self.projects):])
        self.alignments()
        order = ["council", "sources", "plans", "priorities", "commitments", "bodies", "groups", "workstreams",
                 "posts", "people", "aliases", "recommendations-peer-challenge", "actions-peer-challenge",
                 "updates-peer-challenge", "actions-dp-g1", "milestones-dp-g1", "alignments"]
        tables = {stem: self.tables[stem] for stem in order if stem in self.tables}
        return SynthCouncil(self.id, self.label, tables)

    def place(self) -> None:
        rng = self.rng
        for attempt in range(50):
            name = rng.choice(_PLACE_START) + rng.choice(_PLACE_END)
            if attempt >= 3 or rng.random() < 0.12:
                name = rng.choice([f"{name} {rng.choice(_PLACE_EXTRA)}",
                                   f"{rng.choice(['North', 'South', 'East', 'West'])} {name}"])
            if _slug(name) not in self.taken:
                break
        else:
            name = f"{name} {self.index + 1}"
        self.name, self.id = name, _slug(name)
        self.label = rng.choice(_COUNCIL_FORMS).format(name)
        self.ids.add(self.id)
        self.add("council", id=self.id, label=self.label, homepage=f"https://example.org/{self.id}/",
                 note=f"Synthetic council generated by strategygraph synth (seed {self.seed}, council "
                      f"{self.index + 1}); not a real authority")

    def timeline(self) -> None:
        rng = self.rng
        self.y0 = rng.randint(2019, 2023)
        self.target = rng.choice([2030, 2030, 2035])
        self.cp_source = self.unique(f"cp-{self.y0}")
        self.add("sources", id=self.cp_source, plan="framework", file=f"{self.id}-council-plan-{self.y0}.pdf",
                 title=f"Council Plan {self.y0}–{self.y0 + 4} and {self.name} {self.target} framework",
                 issued=f"{self.y0}-{rng.randint(3, 7):02d}")
        y, m = self.y0 + rng.randint(1, 2), rng.randint(2, 10)
        self.versions: list[tuple[str, int, int]] = []
        for k in range(3):
            vid = self.unique(f"ap-{y}-{m:02d}")
            self.versions.append((vid, y, m))
            first = self.versions[0]
            if k == 0:
                title, start, end = f"Peer Challenge Action Plan – {_MONTHS[m - 1]} {y}", "", ""
                note = "As first published"
            else:
                title = f"Peer Challenge Action Plan – progress update {_MONTHS[m - 1]} {y}"
                start, end = date(first[1], first[2], 1).isoformat(), _month_end(y, m).isoformat()
                note = "Key updates and RAG ratings added" if k == 1 else ""
            extension = rng.choice(["docx", "pdf", "xlsx"])
            self.add("sources", id=vid, plan="peer-challenge", file=f"{vid}-action-plan.{extension}",
                     title=title, issued=f"{y}-{m:02d}", period_start=start, period_end=end, note=note)
            y, m = _add_months(y, m, rng.randint(5, 8))

    def plans(self) -> None:
        rng, src = self.rng, self.cp_source
        topics = ["council"] + rng.sample(sorted(_TOPICS), 3)
        rng.shuffle(topics)
        self.topics = topics
        self.catalogue = dict(_TOPICS, council=_COUNCIL_TOPIC[1])
        for rid, kind, title, desc in [
            ("council-plan", "CouncilPlan", f"Council Plan {self.y0}–{self.y0 + 4}",
             "Four priorities and three cross-cutting themes"),
            ("framework", "StrategicFramework", f"{self.name} {self.target}",
             f"The partnership framework for {self.name} to {self.target}: delivery groups and their workstreams"),
        ]:
            self.ids.add(rid)
            self.add("plans", id=rid, kind=kind, title=title, description=desc, source=src, line=self.line(src))
        # the Council Plan matrix: one line per priority column, commitments in its cell
        self.priorities: dict[str, str] = {}
        self.commitments: dict[str, list[str]] = {}
        matrix = self.line(src, (2, 4))
        for n, key in enumerate(topics, start=1):
            label, _, commitments, _, _ = self.catalogue[key]
            pid = self.unique(f"cp-{key}")
            self.priorities[key] = pid
            self.add("priorities", id=pid, plan="council-plan", kind="Priority", notation=n, label=label,
                     source=src, line=matrix)
            chosen = rng.sample(commitments, rng.choice([1, 2, 2, 3]))
            self.commitments[key] = []
            for k, text in enumerate(chosen, start=1):
                cid = self.unique(f"{pid}-{k}")
                self.commitments[key].append(cid)
                self.add("commitments", id=cid, priority=pid, text=text, source=src, line=matrix)
        self.themes: dict[str, str] = {}
        themes_line = self.line(src)
        for n, (key, label, desc) in enumerate(rng.sample(_THEMES, 3), start=1):
            tid = self.unique(f"theme-{key}")
            self.themes[key] = tid
            self.add("priorities", id=tid, plan="council-plan", kind="Theme", notation=f"T{n}", label=label,
                     description=desc, source=src, line=themes_line,
                     note="Cross-cutting theme: a row of the matrix")

    def people(self) -> None:
        rng = self.rng
        self.names: dict[str, str] = {}
        count = rng.randint(9, 13)
        while len(self.names) < count:
            name = f"{rng.choice(_FIRST)} {rng.choice(_SURNAME)}"
            pid = _slug(name)
            if pid in self.ids:
                continue
            self.ids.add(pid)
            self.names[pid] = name
        people = list(self.names)
        # the chief officers: directors, each a post held by one of the people
        self.directors: list[str] = people[:3]
        self.posts: dict[str, str] = {}
        self.post_rows: list[dict] = []
        for pid, title in zip(self.directors, rng.sample(_DIRECTORS, 3)):
            post = self.unique(_slug(title))
            self.post_rows.append(dict(id=post, label=title, holder=pid, organization=self.id))
        # posts that lead work in their own name ("CEX", "Head of Planning")
        for title in ["Chief Executive"] + rng.sample(_POSTS[1:], 1):
            post = self.unique(_slug(title))
            self.posts[post] = title
            self.post_rows.append(dict(id=post, label=title, abbreviation="CEX" if title == "Chief Executive" else "",
                                       holder="", organization=self.id))
        # who leads: a Zipf-ranked list of people and posts
        agents = people + list(self.posts)
        rng.shuffle(agents)
        self.ranked = agents
        self.exponent = rng.uniform(1.3, 1.7)
        self.appearances: dict[str, list[str]] = {}
        # one to three people are published under a second spelling in the first progress update
        self.variants: dict[str, str] = {}
        self.n_variants = rng.randint(1, 3)
        self.aliases: list[dict] = []

    def leads_for(self, n: int) -> list[str]:
        """Leads for *n* work items: Zipf-skewed counts, shuffled over the items."""
        counts = _zipf_counts(n, len(self.ranked), self.exponent)
        pool = [agent for agent, k in zip(self.ranked, counts) for _ in range(k)]
        self.rng.shuffle(pool)
        return pool

    def published(self, agent: str, source: str, line: int) -> str:
        if agent in self.posts:
            title = self.posts[agent]
            return "CEX" if title == "Chief Executive" and self.rng.random() < 0.5 else title
        self.appearances.setdefault(agent, [])
        if source not in self.appearances[agent]:
            self.appearances[agent].append(source)
        if source != self.versions[1][0]:
            return self.names[agent]
        if agent not in self.variants and len(self.variants) < self.n_variants and (
                not self.variants or self.rng.random() < 0.3):
            first, last = self.names[agent].split(" ", 1)
            self.variants[agent] = self.rng.choice([f"{first[0]} {last}", f"{first[0]}. {last}", f"{first} {last[:-1]}",
                                                    f"{first} {last}s"])
        variant = self.variants.get(agent)
        if variant:
            if not any(a["person"] == agent for a in self.aliases):
                self.aliases.append(dict(person=agent, alias=variant, source=source, line=line,
                                         reason=f"Same officer and same actions as '{self.names[agent]}' in the other "
                                                "versions; this version spells the name differently"))
            return variant
        return self.names[agent]

    def framework(self) -> None:
        rng, src = self.rng, self.cp_source
        self.ids.update({"body-cabinet", "body-oversight"})
        chart = self.line(src)  # the governance chart: one line of the document
        self.add("bodies", id="body-cabinet", kind="Committee", label="Cabinet", source=src, line=chart)
        self.add("bodies", id="body-oversight", kind="WorkingGroup", label="Strategic Oversight Board",
                 reports_to="body-cabinet", purpose="Oversees the delivery groups of the framework",
                 source=src, line=chart)
        extra = [t for t in sorted(_TOPICS) if t not in self.topics]
        group_topics = self.topics + rng.sample(extra, rng.choice([0, 1, 1, 2]))
        self.groups: list[tuple[str, str]] = []
        self.workstreams: dict[str, list[tuple[str, str]]] = {}
        for n, key in enumerate(group_topics, start=1):
            _, label, _, workstreams, _ = self.catalogue[key]
            gid = self.unique(f"g{n}-{key}")
            fig = self.line(src)
            self.groups.append((gid, key))
            self.add("groups", id=gid, plan="framework", notation=n, label=label, reports_to="body-oversight",
                     source=src, line=fig)
            self.workstreams[gid] = []
            for ws in rng.sample(workstreams, rng.choice([1, 2, 2, 3])):
                wid = self.unique(f"ws-g{n}-{_slug(ws, 3)}")
                self.workstreams[gid].append((wid, ws))
                self.add("workstreams", id=wid, group=gid, label=ws, source=src, line=fig)
        self.projects = rng.sample(self.catalogue[self.groups[0][1]][4], 2)

    def delivery_plan(self, leads: list[str]) -> None:
        """The example delivery plan of the first group: projects with milestones, months without a year."""
        rng, src = self.rng, self.cp_source
        gid, key = self.groups[0]
        start_y, end_y = self.y0, self.y0 + 1
        self.ids.add("dp-g1")
        window = f"June {start_y} – March {end_y}"
        self.add("plans", id="dp-g1", kind="DeliveryPlan", part_of="framework", group=gid,
                 title=f"Delivery plan {window}: {self.catalogue[key][1]}",
                 description="What, officer lead, resource and milestones", source=src, line=self.line(src))
        for k, (text, lead) in enumerate(zip(self.projects, leads), start=1):
            pid = self.unique(f"dp-g1-p{k}")
            row = self.line(src)
            wid = rng.choice(self.workstreams[gid])[0]
            self.add("actions-dp-g1", id=pid, kind="Project", plan="dp-g1", workstream=wid, text=text,
                     due_wording=f"June–March {end_y}", due_start=f"{start_y}-06-01", due_end=f"{end_y}-03-31",
                     leads=lead, leads_as_published=self.published(lead, src, row),
                     resource=rng.choice(["In budget", "Capital programme", "External grant", "Existing staff"]),
                     source=src, line=row, note="Due window is the delivery plan's; the project row gives none")
            months = sorted(rng.sample(range(0, 10), rng.choice([1, 1, 2])))
            for j, offset in enumerate(months, start=1):
                y, m = _add_months(start_y, 6, offset)
                status = rng.choice(["", "", "Complete", "Green"])
                self.add("milestones-dp-g1", id=self.unique(f"{pid}-m{j}"), action=pid,
                         text=rng.choice(["Business case approved", "Procurement complete", "Report to Cabinet",
                                          "Consultation closes", "Works start on site", "Evaluation"]),
                         due_wording=_month_name(rng, m, short=True), due_end=_month_end(y, m).isoformat(),
                         status=status, source=src, line=row,
                         note="Month without a year (same row as its project); placed inside the plan's window")

    def recommendations(self) -> None:
        rng = self.rng
        self.ids.add("peer-challenge")
        self.add("plans", id="peer-challenge", kind="ActionPlan", title="Corporate Peer Challenge Action Plan",
                 description=f"{self.label}'s response to the recommendations of its corporate peer challenge",
                 source=";".join(v[0] for v in self.versions), line=" | ".join("3" for _ in self.versions))
        split = rng.random() < 0.5
        pool = sorted(set(_RECOMMENDATIONS) - set(_SPLIT_PARTS)) if split else sorted(_RECOMMENDATIONS)
        keys = rng.sample(pool, rng.randint(3, 5))
        if split:
            keys.insert(rng.randint(1, len(keys)), "split")
        # (rec id, notation, text, part_of, topic key, actions)
        recs: list[tuple[str, str, str, str, str, list[str]]] = []
        for n, key in enumerate(keys, start=1):
            if key == "split":
                rid = self.unique(f"pc-r{n}")
                recs.append((rid, str(n), _SPLIT_STEM, "", "council", []))
                for letter, part in zip("abc", rng.sample(_SPLIT_PARTS, 2)):
                    topic, text, actions = _RECOMMENDATIONS[part]
                    recs.append((self.unique(f"pc-r{n}{letter}"), f"{n}{letter}", text, rid, topic,
                                 rng.sample(actions, 1)))
            else:
                topic, text, actions = _RECOMMENDATIONS[key]
                recs.append((self.unique(f"pc-r{n}"), str(n), text, "", topic,
                             rng.sample(actions, 2 if rng.random() < 0.3 else 1)))
        self.recs = recs
        self.items = [(rid, k, text) for rid, _, _, _, _, actions in recs for k, text in enumerate(actions, start=1)]

    def peer_challenge(self, leads: list[str]) -> None:
        """Each version republishes every recommendation and action; leads and chief officers stay."""
        rng, recs = self.rng, self.recs
        v1, v1y, v1m = self.versions[0]
        self.actions: list[str] = []
        plan: list[dict] = []
        for (rid, k, text), lead in zip(self.items, leads):
            aid = self.unique(f"{rid}-a{k}")
            self.actions.append(aid)
            # now and then the busiest officer co-leads someone else's action
            second = self.ranked[0] if lead != self.ranked[0] and rng.random() < 0.15 else None
            months = rng.randint(3, 16)
            trajectory = rng.choices([t for t, _ in _TRAJECTORIES], [w for _, w in _TRAJECTORIES])[0]
            plan.append(dict(id=aid, rec=rid, text=text, leads=[lead] + ([second] if second else []),
                             chief=rng.choice(self.directors), due=_add_months(v1y, v1m, months),
                             rag=("",) + trajectory, added=1 if rng.random() < 0.08 else 0))
        # the updates republish a few recommendations with "Council" capitalised; the rest as published
        kept = {r[1] for r in recs if rng.random() < 0.7}
        for k, (vid, vy, vm) in enumerate(self.versions):
            for rid, notation, text, part_of, _, actions in recs:
                row = self.line(vid, (1, 3))
                self.add("recommendations-peer-challenge", id=rid, plan="peer-challenge", notation=notation,
                         part_of=part_of,
                         text=text if k == 0 or notation in kept else text.replace("council", "Council"),
                         source=vid, line=row)
                for item in (a for a in plan if a["rec"] == rid and a["added"] <= k):
                    self.action_row(item, k, vid, vy, vm, row)

    def action_row(self, item: dict, k: int, vid: str, vy: int, vm: int, row: int) -> None:
        rng = self.rng
        rag = item["rag"][k]
        if k == 0 or "wording" not in item:
            item["wording"] = due_wording(rng, *item["due"])
        elif rag in ("Amber", "Red") and item["wording"][2] and rng.random() < 0.7:
            # slipping work is republished with a later date, often in different words
            item["due"] = _add_months(*item["due"], rng.choice([2, 3, 3, 6]))
            item["wording"] = due_wording(rng, *item["due"], ongoing=0.0)
        wording, start, end = item["wording"]
        leads = item["leads"]
        joiner = rng.choice([" and ", " / ", ", "])
        self.add("actions-peer-challenge", id=item["id"], recommendation=item["rec"],
                 text=item["text"], due_wording=wording, due_start=start, due_end=end, leads=";".join(leads),
                 leads_as_published=joiner.join(self.published(a, vid, row) for a in leads),
                 chief_officers=item["chief"], chief_officers_as_published=self.published(item["chief"], vid, row),
                 source=vid, line=row,
                 note="Added in this update" if item["added"] == k and k > 0 else "")
        if k > 0:
            rag = rag or "Not rated"
            py, pm = _add_months(vy, vm, -rng.randint(1, 4))
            fy, fm = _add_months(vy, vm, rng.randint(1, 4))
            text = rng.choice(_UPDATE_TEXT[rag]).format(
                x=item["text"][0].lower() + item["text"][1:], past=f"{_MONTHS[pm - 1]} {py}",
                future=f"{_MONTHS[fm - 1]} {fy}")
            self.add("updates-peer-challenge", id=self.unique(f"{item['id']}-u{vy}{vm:02d}"), about=item["id"],
                     rag=rag, rag_as_published=rng.choice(_RAG_AS_PUBLISHED[rag]), text=text, source=vid, line=row,
                     note="No RAG rating was published for this row" if rag == "Not rated" else "")

    def alignments(self) -> None:
        rng = self.rng
        # posts and people are written now that we know where each person appears
        for post in self.post_rows:
            self.add("posts", **post)
        for pid, name in self.names.items():
            if pid in self.appearances or any(p.get("holder") == pid for p in self.post_rows):
                self.add("people", id=pid, name=name, source=";".join(self.appearances.get(pid, [])))
        for alias in self.aliases:
            self.add("aliases", **alias)

        def link(subject: str, target: str, why: str) -> None:
            if rng.random() < 0.06:
                self.add("alignments", subject=subject, target=target, rationale=why, status="suggested",
                         asserted_by="strategygraph align", score=f"{rng.uniform(0.2, 0.6):.2f}")
            else:
                self.add("alignments", subject=subject, target=target, rationale=why)

        for gid, key in self.groups:
            label = self.catalogue[key][1]
            if key in self.priorities:
                link(gid, self.priorities[key], f"Group '{label}' delivers the priority it is named for")
            theme = next((t for t, topic in _THEME_TOPIC.items() if topic == key and t in self.themes), None)
            if theme:
                link(gid, self.themes[theme], f"Group '{label}' carries the cross-cutting theme")
            elif key not in self.priorities:
                link(gid, self.priorities["council"], f"Group '{label}' reports through the council's own priority")
            for wid, ws in self.workstreams[gid]:
                if key in self.commitments and rng.random() < 0.35:
                    link(wid, rng.choice(self.commitments[key]), f"Workstream '{ws}' works toward this commitment")
        for rid, _, text, part_of, topic, actions in self.recs:
            if not actions or rng.random() < 0.12:
                continue  # parents are reached through their parts; a few are left as orphans
            target = self.priorities.get(topic)
            if target is None:
                target = self.themes.get(next((t for t, tp in _THEME_TOPIC.items() if tp == topic), ""))
            if target:
                link(rid, target, f"The recommendation's aim is the priority's: {text[:50].rstrip()}…")
        for aid in self.actions:
            rec = next(r for r in self.recs if aid.startswith(r[0] + "-a"))
            if rec[4] in self.commitments and rng.random() < 0.15:
                link(aid, rng.choice(self.commitments[rec[4]]), "The action delivers this commitment directly")


__all__ = ["SynthCouncil", "generate_council", "generate_councils", "write_councils", "summarise", "due_wording",
           "HEADERS"]
