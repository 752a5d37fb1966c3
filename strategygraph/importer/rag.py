"""RAG cells → the ontology's RAG scheme, with the wording as published kept.

The labels come from the ontology (:func:`strategygraph.build.graph.rag_labels`): preferred
and alternative labels, matched without regard to case ("GREEN", "Orange" = Amber,
"Done" = Complete). A single letter is read when it is the initial of exactly one preferred
label ("G", "A", "R", "C"). A mapping file may add a council's own words ("On target").

Exported tables sometimes put the tail of a neighbouring sentence into the RAG cell
("Service Improvement Plan. GREEN"): a label is looked for at the start and at the end of
the cell, never inside prose, and the rest is returned as *stray* text for the caller to
keep (it is never dropped).

>>> r = parse_rag("Service Improvement Plan. GREEN")
>>> r.label, r.published, r.stray_before
('Green', 'GREEN', 'Service Improvement Plan.')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@lru_cache(maxsize=1)
def _ontology_labels() -> tuple[dict[str, str], tuple[str, ...]]:
    from strategygraph.build.graph import rag_labels

    labels = rag_labels()
    preferred = {str(labels[p.casefold()]): p for p in labels.preferred}
    return {k: preferred[str(v)] for k, v in labels.items()}, tuple(labels.preferred)


def rag_vocabulary(extra: dict[str, str] | None = None) -> dict[str, str]:
    """Case-folded RAG wording → preferred label of the ontology's scheme (plus *extra*).

    >>> rag_vocabulary()["orange"], rag_vocabulary({"On target": "Green"})["on target"]
    ('Amber', 'Green')
    """
    words, preferred = _ontology_labels()
    vocab = dict(words)
    for p in preferred:
        initials = [q for q in preferred if q[0].casefold() == p[0].casefold()]
        if len(initials) == 1:
            vocab.setdefault(p[0].casefold(), p)
    for published, label in (extra or {}).items():
        target = words.get(label.casefold())
        if target is None:
            raise ValueError(f"{label!r} is not a RAG label (expected one of {', '.join(preferred)})")
        vocab[published.casefold().strip()] = target
    return vocab


def preferred_labels() -> tuple[str, ...]:
    """The preferred labels of the RAG scheme, e.g. ``('Amber', 'Complete', …)``.

    >>> "Not rated" in preferred_labels()
    True
    """
    return _ontology_labels()[1]


@dataclass
class Rag:
    """A RAG cell read: *label* (preferred label or ``None``), *published* (the label's wording
    as published), and any *stray* text found around it.

    >>> Rag("Green", "GREEN", stray_before="Plan.").stray
    'Plan.'
    """

    label: str | None
    published: str = ""
    stray_before: str = ""
    stray_after: str = ""
    ambiguous: bool = False

    @property
    def stray(self) -> str:
        """All text of the cell that is not the label."""
        return " ".join(s for s in (self.stray_before, self.stray_after) if s)


def parse_rag(text: str, vocabulary: dict[str, str] | None = None) -> Rag:
    """Read a RAG cell. An empty cell gives ``Rag(None)``.

    >>> parse_rag("Orange").label, parse_rag(" amber / green ").ambiguous
    ('Amber', True)
    >>> parse_rag("Delays with this commencing").label is None
    True
    """
    vocab = vocabulary if vocabulary is not None else rag_vocabulary()
    text = " ".join((text or "").split())
    if not text:
        return Rag(None)
    whole = text.strip(" .;:").casefold()
    if whole in vocab:
        return Rag(vocab[whole], text.strip())
    pattern = "|".join(re.escape(w) for w in sorted((w for w in vocab if len(w) > 1), key=len, reverse=True))
    pair = re.fullmatch(rf"\s*({pattern})\s*(?:/|&|,|-|and|or|to)\s*({pattern})\s*[.]?", text, re.IGNORECASE)
    if pair:
        return Rag(vocab[pair.group(1).casefold()], text, ambiguous=True)
    # A label at the end counts after a sentence ends or when written in capitals (a rating,
    # not a word of the prose: "…Plan. GREEN" but not "…the park is green").
    end = re.search(rf"(?:^|(?<=[\s.;:,)]))({pattern})[\s.]*$", text, re.IGNORECASE)
    if end:
        before = text[:end.start()].strip()
        if not before or before[-1] in ".;:,)!?" or end.group(1).isupper():
            return Rag(vocab[end.group(1).casefold()], text[end.start(1):].strip(), stray_before=before)
    start = re.match(rf"^\s*({pattern})(?=\s*[.:;,(–-]|$)", text, re.IGNORECASE)
    if start:
        return Rag(vocab[start.group(1).casefold()], start.group(1), stray_after=text[start.end():].strip())
    return Rag(None, "", stray_before=text)
