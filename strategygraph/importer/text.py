"""Cell text: HTML fragments, bullets, numbered items, sentences and joined fragments.

Exported tables (PDF → Word → text, pasted web pages) put HTML into cells, mark list items
with bullet glyphs, and break one cell over several rows at a page break. This module turns
a cell into plain text *without losing any of its characters* other than markup:

* markup is: HTML tags of known element names (``<p>``, ``<ul style=…>``, ``<li>``…),
  character entities written with a closing ``;`` (``&amp;`` becomes ``&``), bullet glyphs
  (:data:`BULLETS`, and ``-`` / ``*`` at the start of a line), the numbers of numbered
  items that :func:`split_items` turns into separate items (``1)``, ``2)``…), and
  whitespace;
* everything else is kept, in order.

``"a < b"`` is text, not a tag; ``AT&T`` and ``&notit`` are text, not entities.

>>> clean_html('<p>One &amp; two</p> <ul style="x"> • Three • Four </ul>')
'One & two\\n• Three • Four'
>>> [i.text for i in split_items(clean_html('<ul> • Three • Four </ul>'))]
['Three', 'Four']
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

#: Characters that mark a list item anywhere in a cell.
BULLETS = "•●▪◦‣∙○■□➢➤►▶✓✔\uf0b7\uf0a7\uf0d8"
_TAGS = ("p|div|span|ul|ol|li|br|b|i|u|em|strong|font|a|sup|sub|h[1-6]|table|tbody|thead|tr|td|th|hr|s|strike"
         "|small|big|blockquote|pre|code|o:p")
TAG_RE = re.compile(rf"</?(?:{_TAGS})(?:\s[^<>]*)?/?>", re.IGNORECASE)
_BLOCK_RE = re.compile(r"^</?(?:p|div|ul|ol|br|tr|h[1-6]|blockquote|table|hr)\b", re.IGNORECASE)
_LI_RE = re.compile(r"^<li\b", re.IGNORECASE)
ENTITY_RE = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SPACES = re.compile(r"[ \t\f\v\u00a0\u2007\u202f]+")
#: Characters that end a finished sentence or cell.
TERMINAL = ".!?:;)”’\"'…"
_ABBREVIATIONS = {"e.g", "eg", "i.e", "ie", "etc", "cf", "no", "nos", "vs", "approx", "incl", "inc", "dept",
                  "mr", "mrs", "ms", "dr", "cllr", "st", "co", "ltd", "fig", "para", "ref", "jan", "feb", "mar",
                  "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}


def clean_html(text: str) -> str:
    """*text* with HTML markup removed: block tags become line breaks, ``<li>`` a bullet.

    Runs of spaces become one space, each line is trimmed, empty lines are dropped.

    >>> clean_html("<p>A</p><p>B&nbsp;&lt;C&gt;</p>")
    'A\\nB <C>'
    >>> clean_html("x < y and AT&T")
    'x < y and AT&T'
    """
    def tag(match: re.Match) -> str:
        token = match.group(0)
        if _LI_RE.match(token):
            return "\n• "
        return "\n" if _BLOCK_RE.match(token) else " "

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = TAG_RE.sub(tag, text)
    text = ENTITY_RE.sub(lambda m: html.unescape(m.group(0)), text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def visible(text: str) -> str:
    """The characters of *text* that must survive an import: markup and whitespace removed.

    Used to state (and test) the no-lost-text guarantee.

    >>> visible("<p>• One &amp; two</p>")
    'One&two'
    """
    text = ENTITY_RE.sub(lambda m: html.unescape(m.group(0)), TAG_RE.sub(" ", text))
    return "".join(ch for ch in text if not ch.isspace() and ch not in BULLETS)


def is_finished(text: str) -> bool:
    """Whether *text* ends a sentence (so a following fragment starts a new one).

    >>> is_finished("needed in this"), is_finished("done.")
    (False, True)
    """
    text = text.rstrip()
    return not text or text[-1] in TERMINAL


def starts_lower(text: str) -> bool:
    """Whether the first letter of *text* is lower case (a sentence carried over).

    >>> starts_lower("  and work on EDI"), starts_lower("• Next")
    (True, False)
    """
    for ch in text:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit() or ch in BULLETS:
            return False
    return False


@dataclass
class Fragment:
    """Where a stretch of a joined cell's text came from: ``text[start:end]`` is from *line*.

    >>> Cell.of("<p>Plan</p>", 7).fragments[0]
    Fragment(start=0, end=4, line=7, raw='<p>Plan</p>')
    """

    start: int
    end: int
    line: int
    raw: str


@dataclass
class Cell:
    """A cell's cleaned text, possibly joined from several physical rows (page breaks).

    >>> c = Cell.of("needed in this", 16)
    >>> c.add("District in the future", 18)
    >>> c.text, c.lines()
    ('needed in this District in the future', [16, 18])
    """

    text: str = ""
    fragments: list[Fragment] = field(default_factory=list)

    @classmethod
    def of(cls, raw: str, line: int) -> "Cell":
        """A cell holding the cleaned *raw* text found on *line*."""
        cell = cls()
        cell.add(raw, line)
        return cell

    def add(self, raw: str, line: int) -> None:
        """Append the cleaned *raw* text of a continuation row.

        A fragment continuing an unfinished sentence (or starting in lower case) joins with a
        space; otherwise it starts a new line, so that it can be a new item.
        """
        cleaned = clean_html(raw)
        if not cleaned:
            if raw.strip():
                self.fragments.append(Fragment(len(self.text), len(self.text), line, raw))
            return
        if self.text:
            joiner = " " if (not is_finished(self.text) or starts_lower(cleaned)) and cleaned[0] not in BULLETS \
                else "\n"
            self.text += joiner
        start = len(self.text)
        self.text += cleaned
        self.fragments.append(Fragment(start, len(self.text), line, raw))

    def lines(self, start: int = 0, end: int | None = None) -> list[int]:
        """Physical lines holding ``text[start:end]`` (all lines when no span is given)."""
        end = len(self.text) if end is None else end
        found = [f.line for f in self.fragments
                 if (f.start < end and f.end > start) or (f.start == f.end and start <= f.start <= end)]
        return sorted(set(found)) or sorted({f.line for f in self.fragments})[:1]

    def raws(self) -> list[tuple[int, str]]:
        """The raw (uncleaned) fragments with their lines."""
        return [(f.line, f.raw) for f in self.fragments]

    def __bool__(self) -> bool:
        return bool(self.text.strip())


@dataclass
class Item:
    """One item of a cell split into items: its text, its span in the cell, stripped markers.

    >>> split_items("• One")[0]
    Item(text='One', start=2, end=5, markers=['•'])
    """

    text: str
    start: int
    end: int
    markers: list[str] = field(default_factory=list)


_NUMBERED = re.compile(r"(?:(?<=\s)|^)\(?(\d{1,2})[.)](?=\s*[^\s\d.)])")
_LINE_BULLET = re.compile(r"(?m)^[-*–](?=[ \t]+\S)")


def numbered_markers(text: str) -> list[tuple[int, int, str]]:
    """Positions of item numbers ``1)``, ``2)``… (or ``1.``…) that count up from 1.

    Only a run 1, 2, 3… in order counts, so "10 year programme" or "Q3" never split.

    >>> [m[2] for m in numbered_markers("1) one. 2) two 3) three")]
    ['1)', '2)', '3)']
    >>> numbered_markers("Budget 2024. 10 year plan")
    []
    """
    found, expected = [], 1
    for match in _NUMBERED.finditer(text):
        if int(match.group(1)) != expected:
            continue
        if expected > 1 and not (match.start() == 0 or text[match.start() - 1] in " \n"):
            continue
        found.append((match.start(), match.end(), match.group(0)))
        expected += 1
    return found if len(found) >= 2 else []


def split_items(text: str, numbered: bool = False) -> list[Item]:
    """Split a cell's cleaned text into list items.

    Items are separated by bullet glyphs, by ``-``/``*`` at the start of a line, by line
    breaks (unless the next line starts in lower case, i.e. is a wrapped sentence) and,
    when *numbered*, by item numbers counting up from 1. Empty items are dropped.

    >>> [i.text for i in split_items("Intro\\n• A\\n• B\\nwraps on")]
    ['Intro', 'A', 'B wraps on']
    >>> [(i.text, i.markers) for i in split_items("1) one 2) two", numbered=True)]
    [('one', ['1)']), ('two', ['2)'])]
    """
    cuts: list[tuple[int, int, str]] = []  # (start, end, marker) of each separator
    for i, ch in enumerate(text):
        if ch in BULLETS:
            cuts.append((i, i + 1, ch))
    for match in _LINE_BULLET.finditer(text):
        cuts.append((match.start(), match.end(), match.group(0)))
    for match in re.finditer(r"\n", text):
        rest = text[match.end():]
        if not starts_lower(rest):
            cuts.append((match.start(), match.end(), ""))
    if numbered:
        cuts += numbered_markers(text)
    cuts.sort()
    items, pos, markers = [], 0, []
    for start, end, marker in cuts:
        if start < pos:
            continue
        if _emit(items, text, pos, start, markers):
            markers = []
        markers = markers + ([marker] if marker else [])
        pos = end
    if not _emit(items, text, pos, len(text), markers) and markers and items:
        items[-1].markers += markers  # markers with nothing after them: record them on the last item
    if not items and any(not ch.isspace() and ch not in BULLETS for ch in text):
        # Only markers ("- •"): they are the text, not list markers.
        stripped = text.strip()
        start = text.find(stripped)
        items.append(Item(" ".join(stripped.split("\n")), start, start + len(stripped)))
    return items


def _emit(items: list[Item], text: str, start: int, end: int, markers: list[str]) -> bool:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return False
    lead = len(piece) - len(piece.lstrip())
    # Wrapped lines inside an item are one sentence: join them with a space.
    items.append(Item(" ".join(stripped.split("\n")), start + lead, start + lead + len(stripped), list(markers)))
    return True


def one_line(text: str) -> str:
    """*text* with its line breaks joined by spaces (paragraphs of one field).

    >>> one_line("A.\\nB.")
    'A. B.'
    """
    return " ".join(part.strip() for part in text.split("\n") if part.strip())


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of *text* (a full stop, ! or ? then a capital starts one).

    Abbreviations such as "e.g." and "etc." do not end a sentence.

    >>> t = "Delayed, e.g. HR. Next one."
    >>> [t[s:e] for s, e in sentences(t)]
    ['Delayed, e.g. HR.', 'Next one.']
    """
    spans, start = [], 0
    for match in re.finditer(r"[.!?]+[\"”’)]*\s+(?=[A-Z0-9“\"(])", text):
        word = re.findall(r"[\w.]+$", text[:match.start() + 1].rstrip(".!?"))
        before = (word[0] if word else "").lower().rstrip(".")
        if before in _ABBREVIATIONS or (len(before) == 1 and before.isalpha()):
            continue
        spans.append((start, match.start() + len(match.group(0).rstrip())))
        start = match.end()
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


_STOP = set("""a an and are as at be been being both but by can could do for from had has have in into is it its
of on or our should so such that the their them then there these they this those to was we were which while
will with within would all any more other over own same than too very also new work""".split())


#: Words that start a sentence far more often than they follow an unpunctuated word in
#: mid-sentence with a capital: "…throughout Q3 This has started" is two sentences run on.
_STARTERS = {"this", "the", "to", "a", "an", "it", "we", "there", "these", "those", "our", "they", "its", "once",
             "when", "while", "following", "further", "no", "some", "each", "both", "that", "work", "delays",
             "progress", "in", "on", "at", "for", "with", "as"}


def runon_cuts(text: str, count: int) -> list[int] | None:
    """Where *text* holds *count* items run together without punctuation, the item starts.

    Only a capitalised function word right after a word with no punctuation counts as a
    start ("Complete This has started"), and only when there are exactly ``count - 1`` of
    them; otherwise ``None``.

    >>> t = "Complete This has started throughout Q3"
    >>> [t[i:] for i in runon_cuts(t, 2)]
    ['This has started throughout Q3']
    >>> runon_cuts("Work with Lancaster University", 2) is None
    True
    """
    cuts = [m.start(1) for m in re.finditer(r"(?<=[A-Za-z0-9])\s+([A-Z][a-z]*)\b", text)
            if m.group(1).lower() in _STARTERS]
    return cuts if count > 1 and len(cuts) == count - 1 else None


def keywords(text: str) -> list[str]:
    """Content words of *text*, cut to their first five letters (a crude stem).

    >>> keywords("Reviewed the members' training")
    ['revie', 'membe', 'train']
    """
    return [w[:5] for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in _STOP]


def words_with_spans(text: str) -> list[tuple[str, int, int]]:
    """Lower-cased words of *text* with their character spans.

    >>> words_with_spans("Hi, you")
    [('hi', 0, 2), ('you', 4, 7)]
    """
    return [(m.group(0).lower(), m.start(), m.end()) for m in re.finditer(r"[^\W_]+(?:['’][^\W_]+)*", text)]


def sentence_case(text: str) -> str:
    """An ALL-CAPITALS heading in sentence case; other text unchanged.

    >>> sentence_case("CONTEXT AND PRIORITIES"), sentence_case("Finance")
    ('Context and priorities', 'Finance')
    """
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        lowered = text.lower()
        for i, ch in enumerate(lowered):
            if ch.isalpha():
                return lowered[:i] + ch.upper() + lowered[i + 1:]
    return text


def slug(text: str) -> str:
    """An id made from *text*: lower-case letters, digits and ``-``.

    >>> slug("Stephen O'Neil-Smith"), slug("£££")
    ('stephen-o-neil-smith', '')
    """
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def column_letter(index: int) -> str:
    """Spreadsheet letter of a 0-based column index.

    >>> column_letter(0), column_letter(27)
    ('A', 'AB')
    """
    letters, index = "", index + 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
