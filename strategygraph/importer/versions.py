"""Two versions of the same plan: matching them and saying what changed.

:func:`diff_versions` compares actions and recommendations that share an id (an import of
a later version gives matched rows the earlier ids, see :mod:`.structure`) and returns one
:class:`~strategygraph.findings.Finding` per change:

==========================  ============================================================
rule                        change
==========================  ============================================================
``recommendation-added``    a recommendation only the later version publishes
``recommendation-dropped``  a recommendation the later version no longer publishes
``action-added``            an action only the later version publishes
``action-dropped``          an action the later version no longer publishes
``due-moved``               the due window changed (its wording alone changing is not a move)
``due-set``/``due-cleared`` a date appeared or disappeared ("Ongoing" → "March 2026")
``lead-changed``            a different set of leads
``chief-officer-changed``   a different set of chief officers
``rag-appeared``            a RAG rating where the earlier version had none
``rag-moved``               a different RAG rating
``reworded``                the text changed (how much is in the evidence)
==========================  ============================================================

>>> import strategygraph as sg
>>> from strategygraph.importer.model import load_version
>>> old, new = (load_version(sg.sample_data(), v) for v in ("cpc-2024-09", "cpc-2025-10"))
>>> [f.why for f in diff_versions(old, new) if f.rule == "due-moved" and "cpc-r10" in f.iri]
['due moved from March 25 (2025-03-31) to September 2025 (2025-09-30)']
"""

from __future__ import annotations

import difflib
import re

from strategygraph.findings import Finding
from strategygraph.importer.model import Action, PlanVersion

ANALYSIS = "version_diff"


def similarity(a: str, b: str) -> float:
    """How alike two texts are, word by word, ignoring case and punctuation (0 to 1).

    >>> round(similarity("Focus on the ICT strategy.", "Focusing on the ICT strategy"), 2)
    0.8
    """
    wa = re.findall(r"[^\W_]+", a.casefold())
    wb = re.findall(r"[^\W_]+", b.casefold())
    if not wa and not wb:
        return 1.0
    return difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def _window(action: Action) -> str:
    if action.due_start and action.due_end:
        return f"{action.due_start} to {action.due_end}"
    if action.due_end:
        return action.due_end
    if action.due_start:
        return f"from {action.due_start}"
    return "no date"


def _due_words(action: Action) -> str:
    return f"{action.due_wording or 'no due date'} ({_window(action)})"


def diff_versions(old: PlanVersion, new: PlanVersion) -> list[Finding]:
    """What changed from *old* to *new* (matched by id), one Finding per change.

    >>> from strategygraph.importer.model import Action, VersionInfo
    >>> old, new = PlanVersion(VersionInfo("v1", "p", "P", "2024")), PlanVersion(VersionInfo("v2", "p", "P", "2025"))
    >>> old.actions["a"] = Action("a", "p", None, "Draft", ["v1"], [], "Ongoing")
    >>> [f.rule for f in diff_versions(old, new)]
    ['action-dropped']
    """
    out: list[Finding] = []

    def add(rule: str, item_id: str, label: str, why: str, severity: str = "info", **evidence) -> None:
        evidence.update({"id": item_id, "old_version": old.id, "new_version": new.id})
        out.append(Finding(ANALYSIS, item_id, label[:120], why, rule=rule, evidence=evidence, severity=severity))

    for rid, rec in new.recommendations.items():
        if rid not in old.recommendations:
            add("recommendation-added", rid, rec.text, f"recommendation {rec.notation} is new in {new.id}", "medium")
        else:
            score = similarity(old.recommendations[rid].text, rec.text)
            if score < 1:
                add("reworded", rid, rec.text, f"recommendation {rec.notation} reworded ({score:.0%} alike)", "low",
                    old=old.recommendations[rid].text, new=rec.text, similarity=round(score, 3))
    for rid, rec in old.recommendations.items():
        if rid not in new.recommendations:
            add("recommendation-dropped", rid, rec.text,
                f"recommendation {rec.notation} is no longer published in {new.id}", "medium")
    for aid, act in new.actions.items():
        before = old.actions.get(aid)
        if before is None:
            add("action-added", aid, act.text, f"new action in {new.id}", "medium", new=act.text)
            continue
        if (before.due_start, before.due_end) != (act.due_start, act.due_end):
            if not (before.due_start or before.due_end):
                add("due-set", aid, act.text, f"due date set: {_due_words(act)} (was {_due_words(before)})",
                    "low", old=before.due_wording, new=act.due_wording, old_end=before.due_end, new_end=act.due_end)
            elif not (act.due_start or act.due_end):
                add("due-cleared", aid, act.text, f"due date removed: was {_due_words(before)}, now "
                    f"{act.due_wording or 'none'}", "medium", old=before.due_wording, new=act.due_wording)
            else:
                later = (act.due_end or "") > (before.due_end or "")
                add("due-moved", aid, act.text,
                    f"due moved from {_due_words(before)} to {_due_words(act)}", "medium" if later else "low",
                    old=before.due_wording, new=act.due_wording, old_start=before.due_start,
                    old_end=before.due_end, new_start=act.due_start, new_end=act.due_end)
        if set(before.leads) != set(act.leads):
            add("lead-changed", aid, act.text, f"leads changed from {before.leads_published or 'none'} "
                f"({', '.join(before.leads) or '-'}) to {act.leads_published or 'none'} "
                f"({', '.join(act.leads) or '-'})", "medium", old=before.leads, new=act.leads)
        if set(before.chiefs) != set(act.chiefs):
            add("chief-officer-changed", aid, act.text, f"chief officers changed from "
                f"{', '.join(before.chiefs) or 'none'} to {', '.join(act.chiefs) or 'none'}", "low",
                old=before.chiefs, new=act.chiefs)
        score = similarity(before.text, act.text)
        if score < 1:
            add("reworded", aid, act.text, f"action reworded ({score:.0%} alike)", "low",
                old=before.text, new=act.text, similarity=round(score, 3))
        _rag_change(add, aid, act, old, new)
    for aid, act in old.actions.items():
        if aid not in new.actions:
            add("action-dropped", aid, act.text, f"action no longer published in {new.id}", "medium", old=act.text)
    return out


_ORDER = {"Red": 1, "Amber": 2, "Green": 3, "Complete": 4}


def _rag_change(add, aid: str, act: Action, old: PlanVersion, new: PlanVersion) -> None:
    now = new.rag_of(aid)
    if now is None or now.rag in ("", "Not rated"):
        return
    was = old.rag_of(aid)
    shown = now.rag + (f" (published {now.rag_published!r})" if now.rag_published and
                       now.rag_published != now.rag else "")
    if was is None or was.rag in ("", "Not rated"):
        add("rag-appeared", aid, act.text, f"RAG rating appeared: {shown}", "info", new=now.rag,
            published=now.rag_published, update=now.id)
    elif was.rag != now.rag:
        worse = _ORDER.get(now.rag, 0) < _ORDER.get(was.rag, 0)
        add("rag-moved", aid, act.text, f"RAG moved from {was.rag} to {shown}", "high" if worse else "info",
            old=was.rag, new=now.rag, update=now.id)
