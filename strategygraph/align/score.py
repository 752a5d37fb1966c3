"""Score objectives against the graph's targets with TF-IDF and the graph's structure.

A :class:`Scorer` fits scikit-learn's ``TfidfVectorizer`` (sublinear term frequency,
unigrams and bigrams of stems, English and council stop words, concept tokens: see
:mod:`strategygraph.align.text`) on the graph's text items, then for each objective:

1. computes the cosine similarity of the objective with every item;
2. gives each target the mean of two similarities: with its best item (the items that
   reach it, each times the weight of the path its words travelled: see
   :mod:`strategygraph.align.targets`), and with its profile, the sum of all those items
   weighted the same way (Rocchio's centroid). The best item says *through which*
   commitment, workstream or action the match came; the profile keeps one stray word
   shared with a three-word workstream name from outweighing an objective's topic;
3. also scores each clause of the objective (split at ``;``, ``,`` and sentence ends)
   and keeps ``CLAUSE_WEIGHT`` × the best clause when that is higher, so a one-paragraph
   strategy with five aims is matched on each aim rather than diluted by the other four.

Scores are cosines (0 to 1) times path weights; a score of 0.2 or more is a real overlap
of words or concepts, below 0.1 it is incidental.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from strategygraph.align.targets import TargetSet, collect_targets
from strategygraph.align.text import analyzer, features

#: Share of a target's score that comes from its profile (all the items that reach it,
#: summed with their path weights: Rocchio's centroid) rather than its best single item.
PROFILE_WEIGHT = 0.5
#: Weight of the best single clause against the whole objective.
CLAUSE_WEIGHT = 0.85
#: A clause needs this many distinct features to be scored on its own.
MIN_CLAUSE_FEATURES = 2


@dataclass
class TargetScore:
    """One objective's score for one target, and where it came from."""

    target: str                  # IRI
    score: float
    item: int | None             # index of the best item in TargetSet.items
    path: tuple[str, ...]        # IRIs the item's words travelled through
    clause: str                  # the part of the objective that matched


class Scorer:
    """TF-IDF over a graph's text items, with the graph's structure lifting scores.

    >>> import strategygraph as sg
    >>> scorer = Scorer(sg.build_graph(sg.sample_data()))
    >>> best = scorer.best(["Build more affordable homes and tackle homelessness"], "priority")[0]
    >>> scorer.targets.nodes[best].label
    'Healthy and Happy Communities'
    """

    def __init__(self, g=None, targets: TargetSet | None = None, analyzer=analyzer):
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.targets = targets if targets is not None else collect_targets(g)
        self.analyzer = analyzer
        texts = [item.text for item in self.targets.items]
        # The same words recur across items (a workstream's name in each rationale citing
        # it, the same wording in many councils): while fitting, analyse each text once.
        seen: dict[str, list[str]] = {}

        def analyse_once(text: str) -> list[str]:
            found = seen.get(text)
            if found is None:
                found = seen[text] = analyzer(text)
            return found

        self.vectorizer = TfidfVectorizer(analyzer=analyse_once, sublinear_tf=True, norm="l2")
        self.item_matrix = self.vectorizer.fit_transform(texts)
        self.vectorizer.set_params(analyzer=analyzer)
        self.vocabulary = self.vectorizer.vocabulary_
        index = {t: i for i, t in enumerate(self.targets.targets)}
        self.target_index = index
        # Weight of each item for each target (absent where the item does not reach it) and
        # the path it travels, used to lift item similarities to targets. Sparse: an item
        # reaches a handful of targets, so a dense items × targets array grows with the
        # square of the graph.
        rows: list[int] = []
        cols: list[int] = []
        data: list[float] = []
        self.paths: dict[tuple[int, int], tuple[str, ...]] = {}
        for i, item in enumerate(self.targets.items):
            for target, (w, path) in item.reaches.items():
                j = index[target]
                if j >= len(index):     # a target listed twice: fail as the dense array did
                    raise IndexError(f"index {j} is out of bounds for axis 1 with size {len(index)}")
                rows.append(i)
                cols.append(j)
                data.append(w)
                self.paths[(i, j)] = path
        from scipy.sparse import csc_matrix, csr_matrix
        from sklearn.preprocessing import normalize

        weights = csc_matrix((np.asarray(data, dtype=float), (np.asarray(rows, dtype=np.int64),
                                                              np.asarray(cols, dtype=np.int64))),
                             shape=(len(texts), len(index)))
        # As a dense array would hold them: no stored zeros, rows in order within a column
        # (so the first stored maximum of a column is numpy's argmax).
        weights.eliminate_zeros()
        weights.sort_indices()
        self.weights = weights
        counts = np.diff(weights.indptr)
        self._filled = np.flatnonzero(counts)              # columns with at least one item
        self._starts = weights.indptr[:-1][self._filled]
        self._counts = counts[self._filled]
        # Columns holding a weight that is not a positive number (never from
        # collect_targets) are lifted densely: there a stored entry need not beat the
        # implicit zeros, and numpy's argmax has its own rules for NaN.
        bad = ~(np.isfinite(weights.data) & (weights.data > 0))
        self._dense_columns = np.unique(np.repeat(np.arange(len(index)), counts)[bad]).tolist()
        self._lift_weights = np.where(bad, 0.0, weights.data)
        self.profiles = normalize(csr_matrix(weights.T) @ self.item_matrix, norm="l2")
        self._names = None
        self._vector_cache: dict[str, object] = {}

    def vectors(self, texts: list[str]):
        """TF-IDF vectors (rows of a sparse matrix) of *texts* in the graph's vocabulary.

        >>> import strategygraph as sg
        >>> Scorer(sg.build_graph(sg.sample_data())).vectors(["solar farm"]).shape[0]
        1
        """
        return self.vectorizer.transform(texts)

    def item_similarity(self, texts: list[str]) -> np.ndarray:
        """Cosine similarity of each text (rows) with each item (columns).

        >>> import strategygraph as sg
        >>> float(Scorer(sg.build_graph(sg.sample_data())).item_similarity(["solar farm"]).max()) > 0.3
        True
        """
        return (self.vectors(texts) @ self.item_matrix.T).toarray()

    def score(self, texts: list[str]) -> list[list[TargetScore]]:
        """For each text, a :class:`TargetScore` for every target (in ``targets.targets`` order).

        >>> import strategygraph as sg
        >>> scorer = Scorer(sg.build_graph(sg.sample_data()))
        >>> scores = scorer.score(["Cut carbon emissions from council buildings"])[0]
        >>> max(scores, key=lambda s: s.score).score > 0.3
        True
        """
        pieces: list[tuple[int, str, float]] = []      # (text index, piece, weight)
        for t, text in enumerate(texts):
            pieces.append((t, text, 1.0))
            clauses = split_clauses(text)
            if len(clauses) > 1:
                pieces += [(t, c, CLAUSE_WEIGHT) for c in clauses
                           if len({f for f in self.analyzer(c) if f in self.vocabulary}) >= MIN_CLAUSE_FEATURES]
        vectors = self.vectors([p for _, p, _ in pieces])
        sims = (vectors @ self.item_matrix.T).toarray()
        profile_sims = (vectors @ self.profiles.T).toarray()
        n = len(self.target_index)
        # Per text and target, the piece that won so far and what it scored: a piece
        # replaces the one before only when it scores more (by over 1e-12).
        won: list[tuple] = [None] * len(texts)
        for row, (t, piece, factor) in enumerate(pieces):
            top_item_scores, top_items = self._lift(sims[row])
            scores = factor * ((1 - PROFILE_WEIGHT) * top_item_scores + PROFILE_WEIGHT * profile_sims[row])
            kept = np.where(scores <= 0, 0.0, scores)      # what a TargetScore records
            if won[t] is None:
                won[t] = (kept, scores, top_item_scores, top_items, np.full(n, row, dtype=np.int64))
                continue
            best_kept, best_scores, best_top, best_items, best_row = won[t]
            better = ~(scores <= best_kept + 1e-12)
            best_kept[better] = kept[better]
            best_scores[better] = scores[better]
            best_top[better] = top_item_scores[better]
            best_items[better] = top_items[better]
            best_row[better] = row
        targets = self.targets.targets
        out = []
        for _, best_scores, best_top, best_items, best_row in won:
            row_scores = []
            for j, (s, top, i, r) in enumerate(zip(best_scores.tolist(), best_top.tolist(), best_items.tolist(),
                                                    best_row.tolist())):
                target = targets[j]
                if s <= 0:
                    row_scores.append(TargetScore(target, 0.0, None, (), ""))
                elif top <= 0:
                    row_scores.append(TargetScore(target, s, None, (target,), pieces[r][1]))
                else:
                    row_scores.append(TargetScore(target, s, i, self.paths[(i, j)], pieces[r][1]))
            out.append(row_scores)
        return out

    def _lift(self, sims: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        # For every target, the best of its items' similarities times their weights, and
        # that item (the first in item order on a tie, as numpy's argmax picks). Only the
        # stored weights are looked at; a target no item reaches scores 0 through item 0.
        w = self.weights
        n = w.shape[1]
        top_scores = np.zeros(n)
        top_items = np.zeros(n, dtype=np.int64)
        if len(self._filled):
            lifted = sims[w.indices] * self._lift_weights
            maxima = np.maximum.reduceat(lifted, self._starts)
            at_max = np.where(lifted == np.repeat(maxima, self._counts), np.arange(len(lifted)), len(lifted))
            first = np.minimum.reduceat(at_max, self._starts)
            top_scores[self._filled] = maxima
            top_items[self._filled] = w.indices[first]
        for j in self._dense_columns:
            column = sims * w[:, [j]].toarray()[:, 0]
            top_items[j] = column.argmax()
            top_scores[j] = column[top_items[j]]
        return top_scores, top_items

    def best(self, texts: list[str], kind: str) -> list[str | None]:
        """The IRI of the best target of *kind* for each text (``None`` when nothing matches).

        >>> import strategygraph as sg
        >>> scorer = Scorer(sg.build_graph(sg.sample_data()))
        >>> iri = scorer.best(["Switch the bin lorries to electric"], "group")[0]
        >>> scorer.targets.nodes[iri].label
        'Climate Emergency'
        """
        kinds = {t: self.targets.nodes[t].kind for t in self.targets.targets}
        out = []
        for scores in self.score(texts):
            ranked = sorted((s for s in scores if kinds[s.target] == kind), key=lambda s: -s.score)
            out.append(ranked[0].target if ranked and ranked[0].score > 0 else None)
        return out

    def ranked(self, scores: list[TargetScore], kind: str) -> list[TargetScore]:
        """*scores* of targets of *kind*, best first (ties in report order).

        >>> import strategygraph as sg
        >>> scorer = Scorer(sg.build_graph(sg.sample_data()))
        >>> len(scorer.ranked(scorer.score(["parks"])[0], "group"))
        5
        """
        order = {t: i for i, t in enumerate(self.targets.targets)}
        return sorted((s for s in scores if self.targets.nodes[s.target].kind == kind),
                      key=lambda s: (-round(s.score, 9), order[s.target]))

    def shared_terms(self, text: str, item: int | None = None, target: str | None = None,
                     limit: int = 5) -> list[str]:
        """The words of *text* that contribute most to its similarity with item *item*, or
        with the profile of *target* (what the graph says the target is about).

        Quoted as written in *text*; a matched phrase replaces its single words, and a
        concept match shows the word and the concept (``"homeless (housing)"``).

        >>> import strategygraph as sg
        >>> scorer = Scorer(sg.build_graph(sg.sample_data()))
        >>> i = scorer.targets.work_items[next(w for w in scorer.targets.work if w.endswith("/dp-g1-p3"))]
        >>> scorer.shared_terms("A new solar farm on council land", i)
        ['solar farm']
        >>> scorer.shared_terms("Homes for rough sleepers", target=scorer.targets.of_kind("priority")[2])
        ['Homes (housing)']
        """
        q, surfaces = self._query(text)
        matrix, row = (self.profiles, self.target_index[target]) if target is not None else (self.item_matrix, item)
        ranked = _contributions(q, matrix, row)
        if not ranked:
            return []
        if self._names is None:
            # an array of every feature name: built once, not per call (reports ask per match)
            self._names = self.vectorizer.get_feature_names_out()
        names = self._names
        chosen: list[str] = []
        covered: set[str] = set()
        for index, _ in ranked:
            feature = names[index]
            surface = surfaces.get(feature, feature)
            words = set(surface.lower().split())
            if words <= covered:
                continue
            if feature.startswith("~"):
                concept = feature[1:].replace("_", " ")
                shown = surface if concept == surface.lower() else f"{surface} ({concept})"
            else:
                shown = surface
            if len(words) > 1:
                # a phrase: drop single words it already contains
                chosen = [c for c in chosen if c.split(" (")[0].lower() not in words]
            covered |= words
            chosen.append(shown)
            if len(chosen) >= limit:
                break
        return chosen

    def _query(self, text: str):
        # A report asks for the shared terms of the same few objective and clause texts
        # with hundreds of targets: vectorise each text and find its surfaces once.
        found = self._vector_cache.get(text)
        if found is None:
            surfaces: dict[str, str] = {}
            for feature, surface in features(text) if self.analyzer is analyzer else _plain(text):
                surfaces.setdefault(feature, surface)
            if len(self._vector_cache) >= 256:
                self._vector_cache.clear()
            found = self._vector_cache[text] = (self.vectors([text]), surfaces)
        return found


def _contributions(q, matrix, row) -> list[tuple[int, float]]:
    """The features the one-row matrix *q* shares with row *row* of *matrix*, each with the
    product of their weights, largest first: the ranking of ``q.multiply(matrix[row])``.

    A report asks this for every match, and slicing the row and multiplying through scipy
    costs more than the ranking itself. Where two products are equal, scipy's order of the
    product's entries decides, so those rows (and any unusual input) go through scipy.

    >>> from scipy.sparse import csr_matrix
    >>> _contributions(csr_matrix([[0.6, 0.8, 0.0]]), csr_matrix([[0.0, 1.0, 1.0], [0.5, 0.5, 0.0]]), 1)
    [(1, 0.4), (0, 0.3)]
    """
    if (type(row) is int or isinstance(row, np.integer)) and 0 <= row < matrix.shape[0] \
            and matrix.format == "csr" and q.shape[0] == 1 and q.shape[1] == matrix.shape[1] and q.has_canonical_format:
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        indices, values = matrix.indices[start:end], matrix.data[start:end]
        at = np.minimum(np.searchsorted(q.indices, indices), max(len(q.indices) - 1, 0))
        shared = (q.indices[at] == indices) if len(q.indices) else np.zeros(len(indices), dtype=bool)
        indices = indices[shared]
        products = q.data[at[shared]] * values[shared]
        nonzero = products != 0                 # scipy keeps no zero products
        indices, products = indices[nonzero], products[nonzero]
        if len(np.unique(indices)) == len(indices) and len(np.unique(products)) == len(products) \
                and not np.isnan(products).any():
            return sorted(zip(indices.tolist(), products.tolist()), key=lambda x: -x[1])
    contrib = q.multiply(matrix[row]).tocsr()
    return sorted(zip(contrib.indices, contrib.data), key=lambda x: -x[1])


def _plain(text: str):
    return features(text, concepts=False)


_CLAUSE = re.compile(r"(?<=[.;:!?])\s+|[;,]\s+|\s+[\u2013\u2014-]\s+")


def split_clauses(text: str) -> list[str]:
    """The clauses of *text*: split at sentence ends, semicolons, commas and dashes.

    >>> split_clauses("Grow jobs, build homes; cut carbon.")
    ['Grow jobs', 'build homes', 'cut carbon.']
    """
    return [c.strip() for c in _CLAUSE.split(text) if c and c.strip()]
