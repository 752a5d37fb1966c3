"""One result type for every finding, so the reason is never recomputed.

The analysis returns :class:`Finding` records; the CLI table, JSON, HTML report, diagram
tooltips and DataFrames all render the same objects.

>>> f = Finding("orphaned_actions", "https://example.org/a1", "Buy ladders",
...             "no path to any Council Plan priority or theme", rule="no-priority-path")
>>> f.as_dict()["why"]
'no path to any Council Plan priority or theme'
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Finding:
    """A finding about one node (or pair of nodes) and why it was found.

    Attributes
    ----------
    analysis: which analysis produced it (``orphaned_actions``, ``overloaded_leads``...).
    iri: the node it is about (for a pair, a stable IRI-like key of the pair).
    label: a readable name for it.
    why: one or two sentences a Director can read.
    rule: a short code for the test that fired (``no-lead``, ``past-due``...).
    evidence: structured detail (numbers, related nodes) for tables and tooltips.
    severity: ``high``, ``medium``, ``low`` or ``info``.
    """

    analysis: str
    iri: str
    label: str
    why: str
    rule: str = ""
    evidence: dict[str, Any] = field(default_factory=dict)
    severity: str = "info"

    def as_dict(self) -> dict[str, Any]:
        """The finding as plain JSON-ready data.

        >>> Finding("overdue", "x", "X", "late").as_dict()["label"]
        'X'
        """
        return asdict(self)
