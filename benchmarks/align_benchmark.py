"""Accuracy of the alignment checker on a labelled set of objectives.

    python benchmarks/align_benchmark.py [--split tune|held-out|all] [--labelled FILE] [--misses]

``align_labelled.csv`` holds objectives written in plain council language (not the source
documents' wording), each labelled with the Council Plan priority and the Plan 2030 group
it belongs to. The set was written before the checker was tuned, and split (alternately
within each priority) into a *tune* half, looked at while adjusting the checker, and a
*held-out* half, only scored for the report.

Printed for each split, in one run so the figures compare: top-1 and top-3 accuracy for
priorities (4 classes) and groups (5 classes) of

- ``majority``: always the most common label of the set (a floor);
- ``labels only``: TF-IDF cosine between the objective and each priority's or group's
  label alone (scikit-learn defaults, English stop words), no graph text or structure;
- ``graph, no concepts``: the checker without its concept thesaurus (stems and the
  graph's text and structure only);
- ``checker``: the checker as shipped.
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from pathlib import Path

import numpy as np

import strategygraph as sg
from strategygraph.align.score import Scorer
from strategygraph.align.targets import collect_targets
from strategygraph.align.text import plain_analyzer

HERE = Path(__file__).parent


def read_labelled(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def accuracy(ranked: list[list[str]], gold: list[str], k: int) -> float:
    return sum(g in r[:k] for r, g in zip(ranked, gold)) / len(gold)


def checker_rankings(scorer: Scorer, texts: list[str], kind: str) -> list[list[str]]:
    ids = {t: scorer.targets.nodes[t].id for t in scorer.targets.targets}
    return [[ids[s.target] for s in scorer.ranked(scores, kind)] for scores in scorer.score(texts)]


def label_rankings(targets, texts: list[str], kind: str) -> list[list[str]]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    iris = targets.of_kind(kind)
    labels = [targets.nodes[t].label for t in iris]
    vec = TfidfVectorizer(stop_words="english").fit(labels + texts)
    sims = (vec.transform(texts) @ vec.transform(labels).T).toarray()
    return [[targets.nodes[iris[j]].id for j in np.argsort(-row, kind="stable")] for row in sims]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=["tune", "held-out", "all", "each"], default="each")
    parser.add_argument("--labelled", type=Path, default=HERE / "align_labelled.csv")
    parser.add_argument("--misses", action="store_true", help="list the checker's top-1 misses")
    args = parser.parse_args()

    rows = read_labelled(args.labelled)
    g = sg.build_graph(sg.sample_data())
    targets = collect_targets(g)
    methods = {
        "checker": Scorer(targets=targets),
        "graph, no concepts": Scorer(targets=targets, analyzer=plain_analyzer),
    }
    splits = ["tune", "held-out", "all"] if args.split == "each" else [args.split]
    print(f"{len(rows)} labelled objectives ({args.labelled.name}); accuracy top-1 / top-3")
    for split in splits:
        chosen = [r for r in rows if split == "all" or r["split"] == split]
        texts = [r["objective"] for r in chosen]
        print(f"\n{split} ({len(chosen)} objectives)")
        print(f"  {'method':<20} {'priority (4)':>14} {'group (5)':>14}")
        results = {}
        for name in ("majority", "labels only", "graph, no concepts", "checker"):
            line = f"  {name:<20}"
            for kind, column in (("priority", "priority"), ("group", "group")):
                gold = [r[column] for r in chosen]
                if name == "majority":
                    order = [label for label, _ in Counter(r[column] for r in rows).most_common()]
                    ranked = [order] * len(chosen)
                elif name == "labels only":
                    ranked = label_rankings(targets, texts, kind)
                else:
                    ranked = checker_rankings(methods[name], texts, kind)
                results[(name, kind)] = ranked
                line += f" {accuracy(ranked, gold, 1):>6.0%} / {accuracy(ranked, gold, 3):>4.0%}"
            print(line)
        if args.misses:
            for kind in ("priority", "group"):
                for r, ranked in zip(chosen, results[("checker", kind)]):
                    if ranked[0] != r[kind]:
                        print(f"    miss {kind}: {r['id']} expected {r[kind]}, got {ranked[:2]}: {r['objective']}")


if __name__ == "__main__":
    main()
