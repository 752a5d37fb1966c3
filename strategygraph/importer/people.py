"""People in lead cells: splitting a cell into names, and resolving names to people.

**Splitting.** Names are separated by "/", "&", "+", ";", commas, line breaks and "and"
(when both sides look like names: "Director of Communities and Environment" stays whole).
A run of capitalised words with no separator ("Mark Davies Alex Kinch") is split into
known names, or else into two-word names when it has an even number (four or more) of
words; that split is reported as a guess. Whether a name was separated from the previous
one by a separator or only by white space is kept: a cell listing one lead group per action
("Dan Wood Dan Wood / Stephen Morris") is cut at white space only.

**Resolution** against the people, posts and bodies already in the graph, in this order,
each with its reason: the mapping file; exact name; a known alias or post abbreviation;
a role word ("CEX" = Chief Executive post, "All" = every lead officer); initial and surname
("M Davies" ↔ "Mark Davies", when exactly one person fits); near spelling (difflib ratio
≥ 0.85, same first name or initial, exactly one candidate: "Stephen Metcalf" ↔ "Stephen
Metcalfe"). Initials alone ("WG") are never merged with a person: a possible match is only
suggested. Anything else becomes a new person (or post or team, when the words say so).
Two different people are never merged silently: every merge that is not an exact match is
reported as a guess and recorded as an alias with its reason.

>>> [n.name for n in split_people("Claire Dubelbeis and Dawn Bradley")]
['Claire Dubelbeis', 'Dawn Bradley']
>>> [[n.name for n in g] for g in groups(split_people("Dan Wood Dan Wood / Stephen Morris"))]
[['Dan Wood'], ['Dan Wood', 'Stephen Morris']]
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from strategygraph.importer.text import slug

_TITLES = {"cllr", "councillor", "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame"}
#: Words that make a name a post ("Head of Finance") or a team ("Planning Team").
POST_WORDS = {"head", "director", "manager", "officer", "chief", "executive", "leader", "member", "cabinet",
              "portfolio", "holder", "deputy", "assistant", "coordinator", "co-ordinator", "lead", "clerk",
              "monitoring", "section", "s151", "treasurer", "secretary", "chair", "mayor", "advisor", "adviser"}
TEAM_WORDS = {"team", "teams", "group", "board", "service", "services", "unit", "department", "directorate",
              "committee", "partnership", "panel", "forum", "all", "everyone", "officers", "staff"}
#: Role words understood everywhere in UK local government: (kind, id, label, body kind).
ROLE_WORDS = {
    "cex": ("post", "chief-executive", "Chief Executive", None),
    "ceo": ("post", "chief-executive", "Chief Executive", None),
    "chief exec": ("post", "chief-executive", "Chief Executive", None),
    "chief executive": ("post", "chief-executive", "Chief Executive", None),
    "all": ("body", "all-leads", "All lead officers", "OfficerTeam"),
    "all leads": ("body", "all-leads", "All lead officers", "OfficerTeam"),
    "all officers": ("body", "all-leads", "All lead officers", "OfficerTeam"),
    "all lead officers": ("body", "all-leads", "All lead officers", "OfficerTeam"),
    "everyone": ("body", "all-leads", "All lead officers", "OfficerTeam"),
    "lt": ("body", "leadership-team", "Leadership Team", "OfficerTeam"),
    "slt": ("body", "senior-leadership-team", "Senior Leadership Team", "OfficerTeam"),
    "smt": ("body", "senior-management-team", "Senior Management Team", "OfficerTeam"),
    "mt": ("body", "management-team", "Management Team", "OfficerTeam"),
    "clt": ("body", "corporate-leadership-team", "Corporate Leadership Team", "OfficerTeam"),
}


@dataclass
class Name:
    """One name found in a cell, with its span and whether only white space separated it
    from the previous name (a possible group boundary).

    >>> split_people("Ann Oak / Bo Elm")[1]
    Name(name='Bo Elm', start=10, end=16, space_before=False, guessed=False)
    """

    name: str
    start: int
    end: int
    space_before: bool = False
    guessed: bool = False


_SEP = re.compile(r"\s*(?:/|&|\+|;|,|\n|\band\b)\s*", re.IGNORECASE)


def _looks_like_name(text: str) -> bool:
    words = text.split()
    if not words:
        return False
    if len(words) == 1:
        return bool(re.fullmatch(r"[A-Z]{2,4}", words[0])) or words[0].casefold() in ROLE_WORDS
    return sum(w[:1].isupper() for w in words) >= 2


def split_people(text: str, known: "People | None" = None) -> list[Name]:
    """The names in a lead cell, in order.

    >>> [(n.name, n.space_before) for n in split_people("Luke Gorst Alex Kinch")]
    [('Luke Gorst', False), ('Alex Kinch', True)]
    >>> [n.name for n in split_people("Director of Communities and Environment")]
    ['Director of Communities and Environment']
    """
    text = text or ""
    pieces: list[tuple[int, int, str]] = []  # segments between separators, with the separator before
    pos, sep_before = 0, ""
    for match in _SEP.finditer(text):
        pieces.append((pos, match.start(), sep_before))
        sep_before = match.group(0)
        pos = match.end()
    pieces.append((pos, len(text), sep_before))
    # "and" / "&" join the two sides into one name unless both look like names.
    merged: list[tuple[int, int, str]] = []
    for start, end, sep in pieces:
        seg = text[start:end].strip()
        if merged and sep.strip().lower() in ("and", "&") and not (
                _looks_like_name(seg) and _looks_like_name(text[merged[-1][0]:merged[-1][1]].strip())):
            merged[-1] = (merged[-1][0], end, merged[-1][2])
            continue
        merged.append((start, end, sep))
    names: list[Name] = []
    for start, end, sep in merged:
        segment = text[start:end]
        lead = len(segment) - len(segment.lstrip())
        segment = segment.strip()
        if not segment:
            continue
        offset = start + lead
        for i, (s, e, guessed) in enumerate(_split_run(segment, known)):
            space = i > 0 or sep == "\n" or (bool(sep) and not sep.strip())
            names.append(Name(segment[s:e], offset + s, offset + e, space_before=space, guessed=guessed))
    return names


def _split_run(segment: str, known: "People | None") -> list[tuple[int, int, bool]]:
    """Split a run of words with no separator into names (spans within *segment*)."""
    words = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"\S+", segment)]
    if len(words) < 4:
        return [(0, len(segment), False)]
    if known is not None:
        spans, i = [], 0
        while i < len(words):
            for j in range(len(words), i, -1):
                candidate = " ".join(w for _, _, w in words[i:j])
                if j - i >= 2 and known.lookup(candidate) is not None:
                    spans.append((words[i][0], words[j - 1][1], False))
                    i = j
                    break
            else:
                spans = []
                break
        if len(spans) > 1:
            return spans
    capitalised = all(re.fullmatch(r"[A-Z][a-zA-Z'’-]+", w) for _, _, w in words)
    role_like = any(w.lower() in POST_WORDS | TEAM_WORDS for _, _, w in words)
    if capitalised and not role_like and len(words) % 2 == 0:
        return [(words[i][0], words[i + 1][1], True) for i in range(0, len(words), 2)]
    return [(0, len(segment), False)]


def groups(names: list[Name]) -> list[list[Name]]:
    """Names grouped at white-space-only boundaries (one group per action, when counts agree).

    >>> [[n.name for n in g] for g in groups(split_people("Ann Oak / Bo Elm Cy Ash"))]
    [['Ann Oak', 'Bo Elm'], ['Cy Ash']]
    """
    out: list[list[Name]] = []
    for name in names:
        if not out or name.space_before:
            out.append([])
        out[-1].append(name)
    return out


def normalise_name(name: str) -> str:
    """A name for comparison: lower case, no titles, dots or extra spaces.

    >>> normalise_name("Cllr. M. Davies")
    'm davies'
    """
    words = re.sub(r"[.,]", " ", name).casefold().split()
    while words and words[0] in _TITLES:
        words = words[1:]
    return " ".join(words)


def _is_initials(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]{2,4}", name.strip())) or bool(re.fullmatch(r"([A-Z]\.\s?){2,4}", name.strip()))


def kind_of_name(name: str) -> str:
    """``person``, ``post`` or ``body`` from the words of a published name.

    >>> kind_of_name("Head of Finance"), kind_of_name("Planning Team"), kind_of_name("Jo Oak")
    ('post', 'body', 'person')
    """
    words = {w.lower() for w in re.findall(r"[A-Za-z0-9-]+", name)}
    if words & TEAM_WORDS:
        return "body"
    if words & POST_WORDS or " of " in f" {name.lower()} ":
        return "post"
    return "person"


@dataclass
class Agent:
    """A person, post or body that leads can resolve to.

    >>> Agent("chief-executive", "post", "Chief Executive", abbreviation="CEX").kind
    'post'
    """

    id: str
    kind: str
    name: str
    names: dict[str, str] = field(default_factory=dict)  # normalised alternative name → how it is known
    new: bool = False
    note: str = ""
    body_kind: str | None = None
    abbreviation: str | None = None


@dataclass
class Resolution:
    """How one published name was resolved: to which id, how, and why.

    >>> People().resolve("Planning Team").kind
    'body'
    """

    published: str
    id: str
    kind: str
    how: str
    reason: str
    guess: bool = False
    new: bool = False
    suggestion: str = ""


class People:
    """The people, posts and bodies known so far; resolves published names against them.

    >>> people = People([Agent("mark-davies", "person", "Mark Davies")])
    >>> r = people.resolve("M Davies")
    >>> r.id, r.how, r.guess
    ('mark-davies', 'initial and surname', True)
    >>> people.resolve("Jo Oak").how
    'new'
    """

    def __init__(self, agents: list[Agent] | None = None, mapping: dict[str, str] | None = None,
                 reserved: set[str] | None = None):
        self.agents: dict[str, Agent] = {}
        self.reserved = set(reserved or ())
        for agent in agents or []:
            self.add(agent)
        self.mapping = {normalise_name(k): v for k, v in (mapping or {}).items()}
        self.cache: dict[str, Resolution] = {}

    def add(self, agent: Agent) -> Agent:
        """Know one more agent (its name and alternative names)."""
        agent.names.setdefault(normalise_name(agent.name), "name")
        if agent.abbreviation:
            agent.names.setdefault(normalise_name(agent.abbreviation), "abbreviation")
        self.agents[agent.id] = agent
        return agent

    def lookup(self, name: str) -> Agent | None:
        """The agent known by exactly this name or alias, if any."""
        norm = normalise_name(name)
        for agent in self.agents.values():
            if norm in agent.names:
                return agent
        return None

    def new_people(self) -> list[Agent]:
        """Agents created by this import, in the order they were met."""
        return [a for a in self.agents.values() if a.new]

    def _free_id(self, base: str) -> str:
        base = base or "person"
        candidate, n = base, 2
        while candidate in self.agents or candidate in self.reserved:
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    def resolve(self, published: str) -> Resolution:
        """Resolve one published name (see the module documentation for the order)."""
        name = " ".join(published.split())
        key = normalise_name(name)
        if key in self.cache:
            return self.cache[key]
        result = self._resolve(name, key)
        self.cache[key] = result
        return result

    def _resolve(self, name: str, key: str) -> Resolution:
        if key in self.mapping and normalise_name(self.mapping[key]) != key:
            target = self.mapping[key]
            if target in self.agents:
                agent = self.agents[target]
                agent.names.setdefault(key, "mapping file")
                return Resolution(name, agent.id, agent.kind, "mapping file", f"the mapping file maps {name!r} to "
                                  f"{agent.id}")
            resolved = self.resolve(target)
            self.agents[resolved.id].names.setdefault(key, "mapping file")
            return Resolution(name, resolved.id, resolved.kind, "mapping file",
                              f"the mapping file says {name!r} is {target!r} ({resolved.how})", new=resolved.new)
        for agent in self.agents.values():
            how = agent.names.get(key)
            if how == "name":
                return Resolution(name, agent.id, agent.kind, "exact", f"same name as {agent.id}")
            if how:
                return Resolution(name, agent.id, agent.kind, "alias", f"a known {how} of {agent.id} ({agent.name})")
        if key in ROLE_WORDS:
            kind, rid, label, body_kind = ROLE_WORDS[key]
            agent = self.agents.get(rid)
            if agent is None:
                agent = self.add(Agent(rid, kind, label, new=True, body_kind=body_kind,
                                       abbreviation=name if name != label else None,
                                       note=f"{name!r} as published read as the {label}"
                                       + (" post" if kind == "post" else "")))
            agent.names.setdefault(key, "role word")
            return Resolution(name, rid, kind, "role word", f"{name!r} is read as the {label}"
                              + (" post" if kind == "post" else " (not a person)"), new=agent.new)
        if _is_initials(name):
            letters = re.sub(r"[^A-Z]", "", name)
            fits = [a for a in self.agents.values() if a.kind == "person" and not _is_initials(a.name)
                    and "".join(w[0] for w in a.name.split() if w[:1].isalpha()).upper() == letters]
            agent = self.add(Agent(self._free_id(slug(name)), "person", name, new=True,
                                   note="Initials as published; the document does not say who they are"))
            suggestion = ""
            if fits:
                suggestion = (f"{name!r} could be {' or '.join(a.name for a in fits)} (same initials); not merged: "
                              "add an alias if it is")
            return Resolution(name, agent.id, "person", "new", "initials only: kept as published", new=True,
                              suggestion=suggestion)
        words = key.split()
        persons = [a for a in self.agents.values() if a.kind == "person"]
        if len(words) >= 2:
            fits = [a for a in persons if _initial_match(words, normalise_name(a.name).split())]
            if len(fits) == 1:
                agent = fits[0]
                agent.names.setdefault(key, "initial and surname")
                return Resolution(name, agent.id, "person", "initial and surname",
                                  f"{name!r} has the initial and surname of {agent.name}, the only person who fits",
                                  guess=True)
            scored = sorted(((difflib.SequenceMatcher(None, key, n).ratio(), a, n) for a in persons
                             for n in a.names if len(n.split()) >= 2 and _same_first(words, n.split())),
                            key=lambda t: t[0], reverse=True)
            if scored and scored[0][0] >= 0.85:
                best, agent, _ = scored[0]
                rivals = {a.id for score, a, _ in scored if score >= best - 0.05}
                if len(rivals) == 1:
                    agent.names.setdefault(key, "spelling")
                    return Resolution(name, agent.id, "person", "near spelling",
                                      f"{name!r} is spelled like {agent.name} ({best:.0%} alike, same first name); "
                                      "read as the same person", guess=True)
        kind = kind_of_name(name)
        agent = self.add(Agent(self._free_id(slug(name)), kind, name, new=True,
                               body_kind="OfficerTeam" if kind == "body" else None))
        reason = "no known person matches: a new person" if kind == "person" else \
            f"no known {kind} matches: a new {'post' if kind == 'post' else 'team'} (its words say it is not a person)"
        if agent.id != slug(name):
            reason += f"; id {agent.id} because {slug(name)} is taken by someone else"
        return Resolution(name, agent.id, kind, "new", reason, new=True)


def _initial_match(published: list[str], known: list[str]) -> bool:
    """'m davies' ↔ 'mark davies' (either side may be the initial)."""
    if len(published) != 2 or len(known) != 2 or published[1] != known[1] or published == known:
        return False
    a, b = published[0], known[0]
    return (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def _same_first(a: list[str], b: list[str]) -> bool:
    return a[0] == b[0] or (a[0][:1] == b[0][:1] and difflib.SequenceMatcher(None, a[-1], b[-1]).ratio() >= 0.85)
