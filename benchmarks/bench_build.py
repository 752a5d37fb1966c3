"""How generating, building (rdflib) and validating scale from one synthetic council to many.

For each size (default 1, 50 and 400 councils) the script writes that many synthetic
councils (``strategygraph synth``) into a temporary folder, builds the folder into one
rdflib dataset and validates it, and prints the median time of each stage with the ratio to
the one-council build measured in the same run (so the ratios, not the seconds, are what
to compare between machines and commits). ``build/council`` is the build time per council
against the one-council build: 1.0 means linear scaling.

Each stage is timed over ``--runs`` runs for sizes up to ``--cheap`` councils and once
above it; one untimed warm-up (imports, the ontology parse, pySHACL's set-up) comes first.
``--profile`` adds a cProfile of the largest build and validation (top functions).

    python benchmarks/bench_build.py                     # 1, 50, 400 councils
    python benchmarks/bench_build.py --sizes 1,20 --runs 3 --profile
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import platform
import pstats
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path


def timed(fn, runs: int):
    """(median seconds, last result) of *runs* calls of *fn*."""
    times, result = [], None
    for _ in range(runs):
        result = None
        gc.collect()
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def profile(fn, label: str, top: int) -> str:
    prof = cProfile.Profile()
    prof.enable()
    fn()
    prof.disable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out)
    out.write(f"\n== cProfile: {label} (profiling slows everything down; compare shares, not seconds)\n")
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return "\n".join(line for line in out.getvalue().splitlines() if line.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,50,400", help="numbers of councils, comma-separated (first = baseline)")
    parser.add_argument("--runs", type=int, default=5, help="runs per stage for sizes up to --cheap (median reported)")
    parser.add_argument("--cheap", type=int, default=50, help="sizes above this are timed once")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile", action="store_true", help="cProfile the largest build and validation")
    parser.add_argument("--top", type=int, default=15, help="functions to show per profile")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    import strategygraph as sg
    from strategygraph.synth import generate_councils, write_councils

    root = Path(tempfile.mkdtemp(prefix="bench-build-"))
    rows = []
    try:
        # warm-up: imports, the ontology parse and pySHACL's first use are not what we measure
        write_councils(generate_councils(1, seed=args.seed), root / "warm-up")
        sg.validate(sg.build_graph(root / "warm-up"))
        for n in sizes:
            runs = args.runs if n <= args.cheap else 1
            folder = root / f"councils-{n}"
            counter = iter(range(10 ** 6))

            def generate():
                target = root / f"gen-{n}-{next(counter)}"
                written = write_councils(generate_councils(n, seed=args.seed), target)
                return target, written

            gen_s, (target, _) = timed(generate, runs)
            target.rename(folder)
            for extra in root.glob(f"gen-{n}-*"):
                shutil.rmtree(extra)
            build_s, built = timed(lambda: sg.build_graph(folder), runs)
            statements = sum(len(g) for g in built.graphs())
            validate_s, report = timed(lambda: sg.validate(built), runs)
            rows.append(dict(n=n, runs=runs, triples=report.triples, statements=statements, generate=gen_s,
                             build=build_s, validate=validate_s, violations=len(report.violations),
                             warnings=len(report.warnings), rss=max_rss_mb()))
            print(f"  {n:>4} councils done: build {build_s:.2f} s, validate {validate_s:.2f} s", flush=True)
            if args.profile and n == max(sizes):
                print(profile(lambda: sg.build_graph(folder), f"build_graph, {n} councils", args.top))
                print(profile(lambda: sg.validate(built), f"validate, {n} councils", args.top))
            built = report = None  # free the graph before the next size
            gc.collect()
    finally:
        shutil.rmtree(root, ignore_errors=True)

    base = rows[0]["build"]
    print()
    print(f"strategygraph synthetic councils (seed {args.seed}); Python {platform.python_version()}, "
          f"{platform.machine()}, {_cpus()} CPUs; times are medians in seconds; "
          f"× = time / the {rows[0]['n']}-council build ({base * 1000:.0f} ms)")
    head = (f"{'councils':>8} {'runs':>4} {'triples':>9} {'statements':>10} {'generate':>9} {'build':>8} "
            f"{'validate':>9} {'gen ×':>7} {'build ×':>8} {'valid. ×':>8} {'build/council':>13} "
            f"{'violations':>10} {'max RSS MB':>10}")
    print(head)
    print("-" * len(head))
    for r in rows:
        per_council = r["build"] / (r["n"] / rows[0]["n"]) / base
        print(f"{r['n']:>8} {r['runs']:>4} {r['triples']:>9,} {r['statements']:>10,} {r['generate']:>9.3f} "
              f"{r['build']:>8.3f} {r['validate']:>9.3f} {r['generate'] / base:>7.1f} {r['build'] / base:>8.1f} "
              f"{r['validate'] / base:>8.1f} {per_council:>13.2f} {r['violations']:>10} {r['rss']:>10.0f}")


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


if __name__ == "__main__":
    main()
