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
        self.vectorizer = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, norm="l2")
        texts = [item.text for item in self.targets.items]
        self.item_matrix = self.vectorizer.fit_transform(texts)
        self.vocabulary = self.vectorizer.vocabulary_
        index = {t: i for i, t in enumerate(self.targets.targets)}
        self.target_index = index
        # Weight of each item for each target (0 where the item does not reach it) and the
        # path it travels, used to lift item similarities to targets.
        self.weights = np.zeros((len(texts), len(index)))
        self.paths: dict[tuple[int, int], tuple[str, ...]] = {}
        for i, item in enumerate(self.targets.items):
            for target, (w, path) in item.reaches.items():
                self.weights[i, index[target]] = w
                self.paths[(i, index[target])] = path
        from scipy.sparse import csr_matrix
        from sklearn.preprocessing import normalize

        self.profiles = normalize(csr_matrix(self.weights.T) @ self.item_matrix, norm="l2")

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
        best: list[list[TargetScore | None]] = [[None] * len(self.target_index) for _ in texts]
        columns = np.arange(self.weights.shape[1])
        for row, (t, piece, factor) in enumerate(pieces):
            lifted = sims[row][:, None] * self.weights                # items × targets
            top_items = lifted.argmax(axis=0)
            top_item_scores = lifted[top_items, columns]
            scores = factor * ((1 - PROFILE_WEIGHT) * top_item_scores + PROFILE_WEIGHT * profile_sims[row])
            for j in columns:
                current, s = best[t][j], float(scores[j])
                if current is not None and s <= current.score + 1e-12:
                    continue
                target = self.targets.targets[j]
                if s <= 0:
                    best[t][j] = TargetScore(target, 0.0, None, (), "")
                elif top_item_scores[j] <= 0:
                    best[t][j] = TargetScore(target, s, None, (target,), piece)
                else:
                    i = int(top_items[j])
                    best[t][j] = TargetScore(target, s, i, self.paths[(i, int(j))], piece)
        return [list(row) for row in best]

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
        q = self.vectors([text])
        d = self.profiles[self.target_index[target]] if target is not None else self.item_matrix[item]
        contrib = q.multiply(d).tocsr()
        if contrib.nnz == 0:
            return []
        names = self.vectorizer.get_feature_names_out()
        surfaces: dict[str, str] = {}
        for feature, surface in features(text) if self.analyzer is analyzer else _plain(text):
            surfaces.setdefault(feature, surface)
        ranked = sorted(zip(contrib.indices, contrib.data), key=lambda x: -x[1])
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


def _plain(text: str):
    return features(text, concepts=False)


_CLAUSE = re.compile(r"(?<=[.;:!?])\s+|[;,]\s+|\s+[\u2013\u2014-]\s+")


def split_clauses(text: str) -> list[str]:
    """The clauses of *text*: split at sentence ends, semicolons, commas and dashes.

    >>> split_clauses("Grow jobs, build homes; cut carbon.")
    ['Grow jobs', 'build homes', 'cut carbon.']
    """
    return [c.strip() for c in _CLAUSE.split(text) if c and c.strip()]
