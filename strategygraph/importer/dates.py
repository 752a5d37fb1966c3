"""Due wording → a date or a date window, with the wording kept as published.

Councils write due dates as officers speak: "End November 2024", "Annual review March 2025",
"October 24 – March 25", "Q3 2025/26", "Ongoing", "September - December 24". A cell may hold
several of them when one row lists dates for several actions ("September 24 September -
December 24 November 24 – February 25"). :func:`parse_due_list` reads them all.

Reading rules (each reading that is a guess says so in :attr:`Due.notes`):

* a month with a year → that month; the due date is its last day and there is no start
  ("February 2025" → end 2025-02-28), unless a window is written;
* "Month YY" with a two-digit number reads YY as the year ("October 24" → October 2024);
* ranges "A – B", "A - B", "A to B": start of A to end of B; a start without a year takes
  the end's year (one year earlier when its month is later);
* "end", "by", "before", "until" keep only the end; "from", "start of", "beginning of" only
  the start; "early", "mid", "late" take a third of the year;
* seasons (spring Mar–May, summer Jun–Aug, autumn Sep–Nov, winter Dec–Feb), quarters
  ("Q3 2025/26": financial quarters from April; "Q3 2025": calendar quarter, flagged),
  financial years ("2017/18": 1 April 2017 – 31 March 2018), years ("2025", "during 2017")
  and exact dates (ISO, 31/03/2025, 31 March 2025) are understood;
* months without any year are placed inside the plan's period (first occurrence in it), or
  failing that in the twelve months from the plan's date, and flagged as a guess;
* "Ongoing", "Continuous", "TBC", "Annually"… mean no date; anything else without a date is
  unreadable (a warning, or an error in strict mode).

>>> d = parse_due("October 24 – March 25")
>>> d.start, d.end
('2024-10-01', '2025-03-31')
>>> [(x.wording, x.start, x.end) for x in parse_due_list("September 24 September - December 24")]
[('September 24', None, '2024-09-30'), ('September - December 24', '2024-09-01', '2024-12-31')]
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

MONTHS = {name: i for i, names in enumerate(
    [(), ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")]) for name in names}
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 14)}
#: Words that say there is no due date (recurring or continuing work).
NO_DATE = ("ongoing", "on-going", "on going", "continuous", "continuing", "continual", "tbc", "tbd", "to be confirmed",
           "to be agreed", "n/a", "na", "none", "annually", "annual", "quarterly", "monthly", "weekly", "as required",
           "as and when", "throughout", "regularly", "business as usual", "bau", "complete", "completed", "done")
END_WORDS = {"end", "by", "before", "until", "till", "deadline"}
START_WORDS = {"from", "start", "beginning", "commencing", "starting"}
PART_WORDS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}

_TOKEN = re.compile(r"""
    (?P<iso>\b\d{4}-\d{2}-\d{2}\b)
  | (?P<dmy>\b\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})\b)
  | (?P<fy>\b(?:19|20)?\d{2}/(?:19|20)?\d{2}\b|\b(?:19|20)\d{2}-\d{2}\b)
  | (?P<quarter>\bQ[1-4]\b)
  | (?P<month>\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?
                  |oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?)
  | (?P<season>\b(?:spring|summer|autumn|fall|winter)\b)
  | (?P<year>\b(?:19|20)\d{2}\b)
  | (?P<num>\b\d{1,2}(?:st|nd|rd|th)?\b)
  | (?P<sep>\s[-–—‑]\s?|[-–—‑](?=\s?[A-Za-z0-9])|\bto\b|\buntil\b|\btill\b|\bthrough\b)
  | (?P<word>[A-Za-z]+)
""", re.IGNORECASE | re.VERBOSE)


@dataclass
class Due:
    """A due date as published (*wording*) and the window it means (ISO dates or ``None``).

    *problem* says why no date could be read from wording that seems to promise one.

    >>> Due("March 2025", end="2025-03-31").dated
    True
    """

    wording: str
    start: str | None = None
    end: str | None = None
    notes: list[str] = field(default_factory=list)
    problem: str | None = None
    span: tuple[int, int] = (0, 0)
    #: Separators (",", ";") between listed dates, left out of every wording.
    separators: str = ""

    @property
    def dated(self) -> bool:
        """Whether the wording gave a date."""
        return bool(self.start or self.end)


@dataclass
class Period:
    """The plan's period, used to place months written without a year.

    >>> Period.of("2024-09").start
    datetime.date(2024, 9, 1)
    """

    start: date | None = None
    end: date | None = None

    @classmethod
    def of(cls, issued: str | None, start: str | None = None, end: str | None = None) -> "Period":
        """A period from ISO strings; *issued* (``YYYY``, ``YYYY-MM``…) stands in for a missing start."""
        def parse(value: str | None, last: bool = False) -> date | None:
            if not value:
                return None
            parts = [int(p) for p in value.split("-")]
            year, month = parts[0], parts[1] if len(parts) > 1 else (12 if last else 1)
            day = parts[2] if len(parts) > 2 else (calendar.monthrange(year, month)[1] if last else 1)
            return date(year, month, day)
        return cls(parse(start) or parse(issued), parse(end, last=True))


@dataclass
class _Point:
    year: int | None
    first: tuple[int, int]  # (month, day) of the earliest day
    last: tuple[int, int]   # (month, day) of the latest day; month may be > 12 (winter)
    exact: bool = False
    kind: str = "month"
    start_tok: int = 0
    end_tok: int = 0
    guess: str | None = None


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _norm(year: int, month: int, day: int | None, last: bool) -> str:
    while month > 12:
        month, year = month - 12, year + 1
    if day is None:
        day = _last_day(year, month) if last else 1
    return date(year, month, min(day, _last_day(year, month))).isoformat()


def _year(text: str) -> int:
    value = int(text)
    return value + 2000 if value < 100 else value


def parse_due(text: str, period: Period | None = None) -> Due:
    """Read one cell of due wording as a single due window (the whole cell is the wording).

    When the cell lists several dates, the window runs from the earliest start to the
    latest end.

    >>> parse_due("End November 2024").end
    '2024-11-30'
    >>> parse_due("Ongoing").dated, parse_due("Ongoing").problem
    (False, None)
    >>> parse_due("when funding allows").problem
    "'when funding allows' is not a date (expected e.g. March 2025, 2025-03-31 or Q3 2025/26)"
    """
    text = (text or "").strip()
    parts = parse_due_list(text, period)
    if len(parts) <= 1:
        due = parts[0] if parts else Due(text)
        due.wording = text
        return due
    starts = [p.start or p.end for p in parts if p.dated]
    ends = [p.end or p.start for p in parts if p.dated]
    return Due(text, min(starts) if starts else None, max(ends) if ends else None,
               [n for p in parts for n in p.notes]
               + [f"{len(parts)} dates in one cell: window from the first to the last"])


def parse_due_list(text: str, period: Period | None = None) -> list[Due]:
    """Every due expression in *text*, in order, each with its own wording.

    Words between dates belong to the date that follows ("Annual review March 2025").
    Text without a date gives one :class:`Due` without dates (and a *problem* unless it
    says there is no date, like "Ongoing").

    >>> [d.wording for d in parse_due_list("October 2024 September 2025")]
    ['October 2024', 'September 2025']
    >>> parse_due_list("")
    []
    """
    text = (text or "").strip()
    if not text:
        return []
    tokens = [(m.lastgroup, m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    found: list[tuple[int, str | None, _Point, _Point | None]] = []  # (first char, qualifier, point, second)
    i, qualifier, lead = 0, None, None
    while i < len(tokens):
        kind, value, start, _ = tokens[i]
        try:
            point, j = _point(tokens, i, period)
        except ValueError:  # a day the calendar does not have (29 February 2025)
            return [Due(text, problem=f"{text!r} is not a date in the calendar", span=(0, len(text)))]
        if point is None:
            if kind == "word" and value.lower() in END_WORDS | START_WORDS | set(PART_WORDS) | {"during", "in"}:
                qualifier = value.lower()
            lead = start if lead is None else lead
            i += 1
            continue
        second = None
        if j < len(tokens) and tokens[j][0] == "sep":
            try:
                second, k = _point(tokens, j + 1, period)
            except ValueError:
                return [Due(text, problem=f"{text!r} is not a date in the calendar", span=(0, len(text)))]
            if second is not None:
                j = k
        found.append((lead if lead is not None else start, qualifier, point, second))
        qualifier, lead, i = None, None, j
    if not found:
        return [_undated(text)]
    dues = []
    for n, (first_char, qualifier, point, second) in enumerate(found):
        begin = 0 if n == 0 else first_char
        end = found[n + 1][0] if n + 1 < len(found) else len(text)
        piece = text[begin:end]
        wording = piece.strip(" ,;\n")
        try:
            due = _window(wording, qualifier, point, second, period, (begin, end))
        except ValueError:  # a date the calendar does not have (29 February 2025)
            due = Due(wording, problem=f"{wording!r} is not a date in the calendar", span=(begin, end))
        due.separators = "".join(ch for ch in piece.replace(wording, "", 1) if not ch.isspace())
        dues.append(due)
    return dues


def _undated(text: str) -> Due:
    lowered = re.sub(r"[^a-z/ -]", "", text.lower()).strip()
    if lowered in NO_DATE or any(re.search(rf"(^|\W){re.escape(w)}($|\W)", lowered) for w in NO_DATE):
        return Due(text, notes=[f"{text!r} gives no date"], span=(0, len(text)))
    return Due(text, problem=f"{text!r} is not a date (expected e.g. March 2025, 2025-03-31 or Q3 2025/26)",
               span=(0, len(text)))


def _point(tokens: list, i: int, period: Period | None = None) -> tuple[_Point | None, int]:
    """A date point starting at token *i*, and the index after it."""
    if i >= len(tokens):
        return None, i
    kind, value, _, _ = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else (None, "", 0, 0)
    nxt2 = tokens[i + 2] if i + 2 < len(tokens) else (None, "", 0, 0)
    if kind == "iso":
        y, m, d = (int(p) for p in value.split("-"))
        if not _valid(y, m, d):
            return None, i + 1
        return _Point(y, (m, d), (m, d), exact=True, kind="day"), i + 1
    if kind == "dmy":
        d, m, y = (int(p) for p in re.split(r"[/.]", value))
        if m > 12 and d <= 12:  # 03/31/2025: month first
            d, m = m, d
        if not _valid(_year(str(y)), m, d):
            return None, i + 1
        return _Point(_year(str(y)), (m, d), (m, d), exact=True, kind="day"), i + 1
    if kind == "num" and nxt[0] == "month" and 1 <= int(re.match(r"\d+", value).group()) <= 31:
        day = int(re.match(r"\d+", value).group())
        month = MONTHS[nxt[1].lower().rstrip(".")]
        year = _year(nxt2[1]) if nxt2[0] == "year" else None
        if year is not None and not _valid(year, month, day):
            raise ValueError(f"{day} {nxt[1]} {year}")
        return _Point(year, (month, day), (month, day), exact=True, kind="day"), i + (3 if year else 2)
    if kind == "month":
        month = MONTHS[value.lower().rstrip(".")]
        if nxt[0] == "num" and nxt2[0] == "year" and 1 <= int(re.match(r"\d+", nxt[1]).group()) <= 31:
            day = int(re.match(r"\d+", nxt[1]).group())  # March 31 2025
            if not _valid(int(nxt2[1]), month, day):
                raise ValueError(f"{value} {day} {nxt2[1]}")
            return _Point(int(nxt2[1]), (month, day), (month, day), exact=True, kind="day"), i + 3
        if nxt[0] == "year":
            return _Point(int(nxt[1]), (month, 1), (month, 0)), i + 2
        if nxt[0] == "num" and re.fullmatch(r"\d{2}", nxt[1]) and _plausible_year(_year(nxt[1]), period):
            return _Point(_year(nxt[1]), (month, 1), (month, 0),
                          guess=f"'{value} {nxt[1]}' read as {calendar.month_name[month]} {_year(nxt[1])}"), i + 2
        if nxt[0] == "fy":
            start_year = _year(re.split(r"[/-]", nxt[1])[0])
            year = start_year if month >= 4 else start_year + 1
            return _Point(year, (month, 1), (month, 0)), i + 2
        if nxt[0] == "num" and 1 <= int(re.match(r"\d+", nxt[1]).group()) <= 31:  # March 31, no year
            day = int(re.match(r"\d+", nxt[1]).group())
            return _Point(None, (month, day), (month, day), exact=True, kind="day"), i + 2
        return _Point(None, (month, 1), (month, 0)), i + 1
    if kind == "season":
        first, last = SEASONS[value.lower()]
        if nxt[0] == "year":
            return _Point(int(nxt[1]), (first, 1), (last, 0), kind="season"), i + 2
        return _Point(None, (first, 1), (last, 0), kind="season"), i + 1
    if kind == "quarter":
        q = int(value[1])
        if nxt[0] == "fy":
            start_year = _year(re.split(r"[/-]", nxt[1])[0])
            first = 3 * q + 1
            return _Point(start_year, (first, 1), (first + 2, 0), kind="quarter"), i + 2
        if nxt[0] == "year":
            first = 3 * q - 2
            return _Point(int(nxt[1]), (first, 1), (first + 2, 0), kind="quarter",
                          guess=f"'{value} {nxt[1]}' read as a calendar quarter (not a financial one)"), i + 2
        return None, i + 1
    if kind == "fy":
        a, b = re.split(r"[/-]", value)
        ya, yb = _year(a), _year(b)
        if yb != ya + 1:
            return None, i + 1
        return _Point(ya, (4, 1), (15, 0), kind="fy"), i + 1
    if kind == "year":
        return _Point(int(value), (1, 1), (12, 0), kind="year"), i + 1
    return None, i + 1


def _plausible_year(year: int, period: Period | None) -> bool:
    """Whether a two-digit number after a month is a year rather than a day of the month."""
    if not (period and period.start):
        return True
    return period.start.year - 10 <= year <= period.start.year + 6


def _window(wording: str, qualifier: str | None, first: _Point, second: _Point | None,
            period: Period | None, span: tuple[int, int]) -> Due:
    notes = [p.guess for p in (first, second) if p is not None and p.guess]
    unplaced = Due(wording, problem=f"{wording!r} has no year and the plan's period is unknown (give --period)",
                   span=span)
    if second is not None:
        if second.year is None and not _place(second, period, notes, wording):
            return unplaced
        if first.year is None:
            first.year = second.year - (1 if first.first[0] > second.last[0] else 0)
        start = _norm(first.year, *first.first, last=False)
        end = _norm(second.year, second.last[0], second.last[1] or None, last=True)
        if start > end:
            notes.append(f"{wording!r}: the window ends before it starts")
        return Due(wording, start, end, notes, span=span)
    if first.year is None and not _place(first, period, notes, wording):
        return unplaced
    start = _norm(first.year, *first.first, last=False)
    end = _norm(first.year, first.last[0], first.last[1] or None, last=True)
    if qualifier in PART_WORDS and first.kind == "year":
        lo, hi = PART_WORDS[qualifier]
        start, end = _norm(first.year, lo, 1, last=False), _norm(first.year, hi, None, last=True)
    if qualifier in END_WORDS or first.exact:
        start = None
    elif qualifier in START_WORDS:
        end = None
    elif first.kind == "month" and qualifier not in ("during", "in"):
        start = None
    return Due(wording, start, end, notes, span=span)


def _place(point: _Point, period: Period | None, notes: list[str], wording: str) -> bool:
    """Give a year to a month written without one, inside the plan's period."""
    if not (period and period.start):
        return False
    month = point.first[0]
    point.year = period.start.year if month >= period.start.month else period.start.year + 1
    notes.append(f"{wording!r} has no year: placed in {point.year}, inside the plan's period "
                 f"from {period.start.isoformat()}")
    return True
