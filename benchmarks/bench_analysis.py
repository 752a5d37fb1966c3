"""How long the delivery analysis takes on the Lancaster graph, against baselines measured
in the same run on the same machine (so the ratios, not the seconds, are what to compare
between machines and commits).

Baselines: building the graph from the data folder, and one trivial SPARQL count over it.
Measured: the networkx view, each analysis on that view, and ``analyse`` end to end (view
included). Each figure is the median of N runs after one warm-up run (imports, caches).

    python benchmarks/bench_analysis.py            # 7 runs each
    python benchmarks/bench_analysis.py -n 21 --data data/lancaster
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time


def median_time(fn, runs: int) -> float:
    fn()  # warm-up: imports and first-use caches are not what we measure
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=7, help="runs per measurement (median reported)")
    parser.add_argument("--data", help="data folder (default: the bundled Lancaster data)")
    args = parser.parse_args()

    import strategygraph as sg
    from strategygraph.analysis import (analyse, find_coverage_gaps, find_orphans, find_overdue,
                                        find_overloaded_leads, group_interactions, status_rollup, to_networkx)

    folder = args.data or sg.sample_data()
    ds = sg.build_graph(folder)
    as_of = dt.date(2026, 1, 1)
    build = median_time(lambda: sg.build_graph(folder), args.runs)
    count = median_time(lambda: list(ds.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")), args.runs)
    G = to_networkx(ds)
    measured = {
        "to_networkx": lambda: to_networkx(ds),
        "orphaned_actions": lambda: find_orphans(G),
        "overloaded_leads": lambda: find_overloaded_leads(G, as_of=as_of),
        "coverage_gaps": lambda: find_coverage_gaps(G),
        "overdue": lambda: find_overdue(G, as_of=as_of),
        "status_rollup": lambda: status_rollup(G, as_of=as_of),
        "group_interactions": lambda: group_interactions(G),
        "analyse (all, view included)": lambda: analyse(ds, as_of=as_of),
    }
    quads = sum(len(g) for g in ds.graphs())
    print(f"Lancaster graph: {quads:,} statements, {G.number_of_nodes()} nodes, {G.number_of_edges()} edges in the "
          f"view; median of {args.runs} runs")
    print(f"{'baseline: build the graph':<34} {build * 1000:8.1f} ms")
    print(f"{'baseline: SPARQL COUNT(*)':<34} {count * 1000:8.1f} ms")
    print(f"{'':<34} {'ms':>8}  {'× build':>8}  {'× count':>8}")
    for name, fn in measured.items():
        t = median_time(fn, args.runs)
        print(f"{name:<34} {t * 1000:8.1f}  {t / build:8.2f}  {t / count:8.2f}")


if __name__ == "__main__":
    main()
