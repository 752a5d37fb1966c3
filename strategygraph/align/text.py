"""Words to features: tokens, stems, stop words and a small council thesaurus.

The alignment checker compares an objective's words with the graph's own text. Plain
word matching misses the same idea said two ways ("homes" and "housing", "carbon" and
"climate"), so three general, documented normalisations apply to both sides alike:

1. **Stemming** with the Porter (1980) algorithm, so *housing*, *houses* and *house* meet.
2. **Stop words**: scikit-learn's English list plus :data:`COUNCIL_STOP_WORDS`, words that
   every council document uses and that say nothing about the topic (*council*, *deliver*,
   *ensure*...).
3. **Concepts**: :data:`CONCEPTS` names about twenty policy areas of UK local government,
   each with the plain words councils use for it. A word of a concept adds the concept's
   token (``~housing``) next to the word itself, so a draft that says *homeless* meets a
   workstream that says *housing*. The list was written from the usual service areas of a
   district council (those of the Local Government Service List), not from any labelled
   objectives, and it carries no council's names or places.

Features are unigrams and bigrams of stems (bigrams after stop words are removed, as
scikit-learn does) plus concept tokens. :func:`features` returns each feature with the
words of the text it came from, so evidence can quote the document.

>>> [f for f, _ in features("Reducing homelessness")]
['reduc', 'homeless', 'reduc homeless', '~housing']
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Words of every council document that carry no topic. Kept short on purpose: the IDF of
#: the graph's own text already lowers words that are everywhere.
COUNCIL_STOP_WORDS = frozenset("""
    council councils councillor district borough authority authorities local city town county
    strategy strategies plan plans planned objective objectives aim aims priority priorities
    ensure ensuring ensured deliver delivering delivered delivery develop developing work working
    works worked make making made help helping helped take taking improve improving improved
    improvement increase increasing increased provide providing provided continue continuing
    support supporting supported new year years including include includes across within way ways
    approach area areas number key clear able need needs based use using used better best good
    great high low level levels place places people residents everyone one two three five ten
""".split())

#: Policy areas and the words that name them. A word (after stemming) of any list adds
#: the area's token. Multi-word entries match as a phrase.
CONCEPTS: dict[str, tuple[str, ...]] = {
    "climate": ("climate", "carbon", "co2", "emissions", "greenhouse", "net zero", "decarbonise",
                "decarbonisation", "low carbon", "zero carbon", "global warming", "fossil"),
    "energy": ("energy", "renewable", "renewables", "solar", "wind turbine", "heat pump", "heat pumps",
               "insulation", "insulate", "retrofit", "electricity", "boiler", "heating"),
    "transport": ("transport", "travel", "cycling", "cycle", "walking", "bus", "buses", "rail",
                  "electric vehicle", "electric vehicles", "charging points", "traffic", "roads"),
    "nature": ("biodiversity", "wildlife", "habitat", "habitats", "nature", "trees", "woodland",
               "wetland", "wetlands", "species", "ecology", "rewilding", "hedgerows", "meadow", "meadows"),
    "flooding": ("flood", "flooding", "floods", "flood defences", "drainage", "coastal erosion",
                 "sea level", "adaptation", "resilience", "storms"),
    "waste": ("waste", "recycling", "recycle", "landfill", "rubbish", "refuse", "incineration",
              "reuse", "circular economy", "bins"),
    "cleanliness": ("litter", "litter picking", "fly-tipping", "fly tipping", "graffiti", "dog fouling",
                    "street cleaning", "clean", "cleaner", "cleanliness", "tidy"),
    "open_space": ("parks", "park", "open space", "open spaces", "green space", "green spaces",
                   "play areas", "playgrounds", "beaches", "beach", "allotments", "cemeteries"),
    "housing": ("housing", "homes", "home", "homeless", "homelessness", "rough sleeping", "tenants",
                "tenancy", "landlords", "affordable housing", "dwellings", "accommodation"),
    "health": ("health", "wellbeing", "well-being", "mental health", "loneliness", "lonely", "isolation",
               "isolated", "healthy", "gp", "social prescribing", "care", "public health"),
    "poverty": ("poverty", "deprivation", "deprived", "low-income", "low income", "hardship", "hunger",
                "food bank", "food banks", "food poverty", "fuel poverty", "cost of living", "inequality",
                "inequalities", "disadvantaged"),
    "culture": ("arts", "art", "culture", "cultural", "heritage", "museum", "museums", "theatre",
                "music", "festival", "festivals", "events", "creative", "history"),
    "leisure": ("leisure", "sport", "sports", "swimming", "recreation", "physical activity", "active",
                "fitness", "play"),
    "safety": ("safety", "safe", "safer", "crime", "anti-social", "antisocial", "police", "cctv",
               "violence", "disorder", "community safety", "street lighting"),
    "economy": ("economy", "economic", "business", "businesses", "enterprise", "enterprises", "firms",
                "employers", "investment", "investors", "growth", "prosperity", "prosperous", "jobs",
                "employment", "regeneration", "regenerate", "tourism", "visitor", "visitors", "high street",
                "town centre", "start-ups", "innovation", "productivity", "wages", "living wage"),
    "skills": ("skills", "training", "apprenticeships", "apprentices", "education", "learning",
               "college", "colleges", "schools", "university", "qualifications", "careers"),
    "wealth_building": ("community wealth building", "community wealth", "social value", "local supply",
                        "supply chain", "supply chains", "anchor institutions", "local suppliers",
                        "social enterprise", "social enterprises", "co-operatives", "cooperatives",
                        "community-owned", "community owned", "local spend"),
    "procurement": ("procurement", "purchasing", "commissioning", "contracts", "suppliers", "tender",
                    "tendering", "buy", "buying"),
    "finance": ("budget", "budgets", "financial", "finance", "finances", "money", "reserves", "savings",
                "income", "fees", "charges", "costs", "cost", "spending", "value for money", "funding",
                "medium-term financial", "efficiency", "efficient"),
    "assets": ("assets", "asset", "property", "estate", "buildings", "land", "premises"),
    "digital": ("digital", "online", "ict", "it systems", "software", "website", "technology", "data",
                "systems", "digitalisation", "automation"),
    "workforce": ("staff", "workforce", "employees", "managers", "leadership", "officers", "recruitment",
                  "organisational development", "hr", "workplace"),
    "engagement": ("engagement", "engage", "consultation", "consult", "listening", "listen",
                   "conversations", "conversation", "involve", "involvement", "co-production", "coproduction",
                   "co-design", "forums", "forum", "panel", "panels", "citizens", "assembly", "jury",
                   "have their say", "say in decisions"),
    "volunteering": ("volunteers", "volunteer", "volunteering", "mutual aid", "community groups",
                     "voluntary", "charities", "charity", "faith groups", "community-led"),
    "partnership": ("partnership", "partnerships", "partners", "partner", "collaboration", "collaborate",
                    "collaborative", "stakeholders", "working together"),
    "governance": ("governance", "scrutiny", "decision-making", "decisions", "accountability",
                   "performance", "risk", "democracy", "members", "councillors", "transparency"),
}

_TOKEN = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")


def tokens(text: str) -> list[str]:
    """Lower-case word tokens (hyphenated words kept whole, possessives dropped).

    >>> tokens("The council's Net-Zero plan (2030)")
    ['the', 'council', 'net-zero', 'plan', '2030']
    """
    out = []
    for tok in _TOKEN.findall(text.lower().replace("’", "'")):
        if tok.endswith("'s"):
            tok = tok[:-2]
        out.append(tok.strip("'"))
    return [t for t in out if t]


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """scikit-learn's English stop words plus :data:`COUNCIL_STOP_WORDS`.

    >>> "council" in stop_words() and "the" in stop_words()
    True
    """
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | COUNCIL_STOP_WORDS


_PREFIXES = ("co", "re", "non", "pre", "anti", "multi", "inter", "sub", "self", "cross", "well")
_SHORT_WORDS = frozenset({"gp", "ev", "hr", "uk", "it"})


def _split_hyphens(tok: str) -> list[str]:
    # "low-carbon" counts as "low" and "carbon"; "co-operative" and "anti-social" stay one
    # word (spelt as "cooperative" is), because their first part means nothing alone.
    if "-" not in tok:
        return [tok]
    parts = [p for p in tok.split("-") if p]
    if parts and parts[0] in _PREFIXES:
        return ["".join(parts)]
    return parts


@lru_cache(maxsize=1)
def _concept_index() -> dict[tuple[str, ...], str]:
    index: dict[tuple[str, ...], str] = {}
    for concept, words in CONCEPTS.items():
        for phrase in words:
            key = tuple(stem(p) for tok in tokens(phrase) for p in _split_hyphens(tok))
            index.setdefault(key, concept)
    return index


def features(text: str, concepts: bool = True) -> list[tuple[str, str]]:
    """The features of *text* as ``(feature, words of the text it came from)`` pairs.

    Unigram and bigram features are stems joined by a space; concept features start
    with ``~``. A feature appears once per occurrence (term frequency counts).

    >>> [f for f in features("Greenhouse gas from council buildings") if f[0].startswith("~")]
    [('~climate', 'Greenhouse'), ('~assets', 'buildings')]
    >>> [f for f, _ in features("value for money", concepts=False)]
    ['valu', 'monei', 'valu monei']
    """
    stops = stop_words()
    words: list[tuple[str, str, int, int, int]] = []   # (stem, surface, clause, start, end) kept
    all_words: list[tuple[str, str]] = []                # every word, for concept phrases
    for tok, surface, clause, start, end in _surface_words(text):
        for part in _split_hyphens(tok):
            s = stem(part)
            all_words.append((s, surface))
            if part not in stops and tok not in stops and (len(part) > 2 or part in _SHORT_WORDS) \
                    and not part.isdigit():
                words.append((s, surface, clause, start, end))
    out = [(w[0], w[1]) for w in words]
    # A bigram is quoted as the stretch of text it spans ("growth and an economic").
    out += [(f"{a[0]} {b[0]}", a[1] if a[3] == b[3] else text[a[3]:b[4]])
            for a, b in zip(words, words[1:]) if a[0] != b[0] and a[2] == b[2]]
    if concepts:
        out += _concept_features(all_words)
    return out


def _surface_words(text: str) -> list[tuple[str, str, int, int, int]]:
    # Tokens with their spelling in the text (for quoting evidence), a clause number
    # (bigrams never span punctuation) and where they stand.
    found, clause, end = [], 0, 0
    for match in _WORD.finditer(text):
        if _CLAUSE_BREAK.search(text[end:match.start()]):
            clause += 1
        end = match.end()
        surface = match.group()
        tok = tokens(surface)
        if tok:
            found.append((tok[0], _POSSESSIVE.sub("", surface), clause, match.start(), match.end()))
    return found


# Compiled once: every text of the graph goes through _surface_words.
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")
_CLAUSE_BREAK = re.compile(r"[.,;:!?()\[\]|/\u2013\u2014]")
_POSSESSIVE = re.compile(r"['’]s$")


@lru_cache(maxsize=1)
def _longest_concept() -> int:
    # Asked once per text the vectorizer reads: tens of thousands of times for a large graph.
    return max(len(k) for k in _concept_index())


def _concept_features(words: list[tuple[str, str]]) -> list[tuple[str, str]]:
    index = _concept_index()
    longest = _longest_concept()
    out, i = [], 0
    stems = [s for s, _ in words]
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            key = tuple(stems[i:i + n])
            if key in index:
                surface = " ".join(dict.fromkeys(w for _, w in words[i:i + n]))
                out.append((f"~{index[key]}", surface))
                i += n
                break
        else:
            i += 1
    return out


def analyzer(text: str) -> list[str]:
    """The feature list scikit-learn's vectorizers count (``analyzer=analyzer``).

    >>> analyzer("Homes for all")
    ['home', '~housing']
    """
    return [f for f, _ in features(text)]


def plain_analyzer(text: str) -> list[str]:
    """Like :func:`analyzer` without concept tokens (the benchmark's ablation).

    >>> plain_analyzer("Homes for all")
    ['home']
    """
    return [f for f, _ in features(text, concepts=False)]


# ---------------------------------------------------------------------------------------
# Porter stemmer (M. F. Porter, "An algorithm for suffix stripping", Program 14(3), 1980),
# written out here because scikit-learn ships none and nothing may be fetched at run time.
# ---------------------------------------------------------------------------------------

_VOWELS = frozenset("aeiou")


def _cons(w: str, i: int) -> bool:
    if w[i] in _VOWELS:
        return False
    if w[i] == "y":
        return i == 0 or not _cons(w, i - 1)
    return True


def _m(w: str) -> int:
    # Number of vowel-consonant sequences: [C](VC){m}[V].
    n, i, length = 0, 0, len(w)
    while i < length and _cons(w, i):
        i += 1
    while i < length:
        while i < length and not _cons(w, i):
            i += 1
        if i >= length:
            break
        n += 1
        while i < length and _cons(w, i):
            i += 1
    return n


def _has_vowel(w: str) -> bool:
    return any(not _cons(w, i) for i in range(len(w)))


def _double_cons(w: str) -> bool:
    return len(w) >= 2 and w[-1] == w[-2] and _cons(w, len(w) - 1)


def _cvc(w: str) -> bool:
    return (len(w) >= 3 and _cons(w, len(w) - 3) and not _cons(w, len(w) - 2) and _cons(w, len(w) - 1)
            and w[-1] not in "wxy")


def _replace(w: str, rules: tuple[tuple[str, str], ...], min_m: int) -> str:
    for suffix, repl in rules:
        if w.endswith(suffix):
            base = w[: len(w) - len(suffix)]
            return base + repl if _m(base) > min_m else w
    return w


_STEP2 = (("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"),
          ("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"),
          ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"),
          ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"),
          ("logi", "log"))
_STEP3 = (("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""),
          ("ness", ""))
_STEP4 = ("al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou",
          "ism", "ate", "iti", "ous", "ive", "ize")


@lru_cache(maxsize=20000)
def stem(word: str) -> str:
    """The Porter stem of a lower-case *word*.

    >>> [stem(w) for w in ("housing", "houses", "house", "communities", "community")]
    ['hous', 'hous', 'hous', 'commun', 'commun']
    >>> [stem(w) for w in ("caresses", "ponies", "hopping", "relational", "generalization")]
    ['caress', 'poni', 'hop', 'relat', 'gener']
    """
    w = word
    if len(w) <= 2:
        return w
    # Step 1a
    if w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("ies"):
        w = w[:-2]
    elif w.endswith("ss"):
        pass
    elif w.endswith("s"):
        w = w[:-1]
    # Step 1b
    again = False
    if w.endswith("eed"):
        if _m(w[:-3]) > 0:
            w = w[:-1]
    elif w.endswith("ed") and _has_vowel(w[:-2]):
        w, again = w[:-2], True
    elif w.endswith("ing") and _has_vowel(w[:-3]):
        w, again = w[:-3], True
    if again:
        if w.endswith(("at", "bl", "iz")):
            w += "e"
        elif _double_cons(w) and w[-1] not in "lsz":
            w = w[:-1]
        elif _m(w) == 1 and _cvc(w):
            w += "e"
    # Step 1c
    if w.endswith("y") and _has_vowel(w[:-1]):
        w = w[:-1] + "i"
    # Steps 2 and 3
    w = _replace(w, _STEP2, 0)
    w = _replace(w, _STEP3, 0)
    # Step 4
    for suffix in _STEP4:
        if w.endswith(suffix):
            base = w[: len(w) - len(suffix)]
            if _m(base) > 1 and (suffix != "ion" or base.endswith(("s", "t"))):
                w = base
            break
    # Step 5
    if w.endswith("e"):
        base = w[:-1]
        if _m(base) > 1 or (_m(base) == 1 and not _cvc(base)):
            w = base
    if _m(w) > 1 and _double_cons(w) and w.endswith("l"):
        w = w[:-1]
    return w
