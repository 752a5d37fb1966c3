"""Every stage, every back end, one command: how strategygraph scales from one council to many.

For each size (default 1, 50 and 400 synthetic councils, written by ``strategygraph synth``)
and each back end (default ``memory`` = rdflib, the reference, and ``oxigraph``), the script
times, in this one process:

- ``build``: the data folders into the store;
- ``validate``: SHACL validation of the whole graph;
- ``analyse``: all six analyses together (including reading their networkx projection);
- ``query:NAME``: every named query (parameters picked from the graph, see ``samples.py``);
- ``render:fig1`` / ``fig2`` / ``explore``: the view drawn to HTML (explore: the first council);
- ``align``: three new-strategy objectives checked against the whole graph;

and prints a Markdown table of medians with each back end's ratio to rdflib's memory store
(``x`` = how many times faster than memory). A query still running after ``--cap`` seconds
is stopped and shown as such; its ratio is then a lower bound (``≥``). ``--browser`` adds ``chromium:explore``: the
explore page of one council opened in headless Chromium until its layout has stabilised.
Memory is measured in a fresh process per store that only builds the graph (the benchmark's
own process also holds what earlier stages left, which says little about the graph).

    python benchmarks/run.py                                   # 1, 50, 400 councils
    python benchmarks/run.py --sizes 1,20 --runs 3 --stores oxigraph,memory
    python benchmarks/run.py --browser --markdown BENCHMARKS.md   # what BENCHMARKS.md holds

Slow stages are repeated fewer times: each is run ``--runs`` times but stops repeating once
it has used ``--budget`` seconds (at least one run). The medians are of the runs made.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from samples import sample_params  # noqa: E402

OBJECTIVES = ["Cut carbon emissions from council buildings and fleet",
              "Build more affordable homes for local people",
              "Support young people into skilled local jobs"]


def timed(fn, runs: int, budget: float):
    """(median seconds, runs made, last result) of up to *runs* calls of *fn*."""
    times, result = [], None
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
        if sum(times) > budget:
            break
    return statistics.median(times), len(times), result


# VmHWM, not getrusage's ru_maxrss: that one keeps the peak of the parent's copy from before exec.
_BUILD_ONLY = """
import sys
from strategygraph.build import build_store
store = build_store(sys.argv[1], sys.argv[2])
status = dict(line.split(":", 1) for line in open("/proc/self/status"))
print(int(status["VmRSS"].split()[0]) / 1024, int(status["VmHWM"].split()[0]) / 1024)
"""


def build_memory(folder: Path, kind: str) -> tuple[float, float]:
    """(resident MB holding the built graph, peak MB while building) in a new process."""
    out = subprocess.run([sys.executable, "-c", _BUILD_ONLY, str(folder), kind], capture_output=True, text=True,
                         check=True).stdout.split()
    return float(out[0]), float(out[1])


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown CPU")
    import os

    from importlib.metadata import version

    mem = next((int(line.split()[1]) / 1024 / 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    libs = ", ".join(f"{p} {version(p)}" for p in ("rdflib", "pyoxigraph", "oxrdflib", "pyshacl", "networkx",
                                                    "pandas"))
    return (f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GB RAM; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}; {libs}")


def chromium_explore(html: str, folder: Path) -> float:
    """Seconds from opening the page to its ``data-ready`` mark (layout stabilised)."""
    from playwright.sync_api import sync_playwright

    page_path = folder / "explore.html"
    page_path.write_text(html, encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--headless", "--no-sandbox", "--disable-gpu",
                                          "--disable-background-networking", "--disable-component-update",
                                          "--disable-sync", "--no-first-run"])
        try:
            page = browser.new_page()
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
            start = time.perf_counter()
            page.goto(page_path.as_uri())
            page.wait_for_selector("body[data-ready='1']", state="attached", timeout=60_000)
            return time.perf_counter() - start
        finally:
            browser.close()


def named_query(nq, store, values: dict, cap: float):
    """``run_named``; on rdflib's store stopped after *cap* seconds (it takes hours on some at
    400 councils). Other stores run as ``sg.run_named`` runs them, with no time limit (the
    limit's worker thread would add ~0.2 ms to every run)."""
    from strategygraph.sparql.api import backend, named_params, output
    from strategygraph.sparql.engine import prepare

    runner = backend(store)
    prepared = prepare(nq.text, source=f"{nq.name}.rq").bind(named_params(nq, values, runner))
    return output(runner.run(prepared, timeout=cap if store.kind == "memory" else None))


def run_size(councils: int, stores: list[str], runs: int, budget: float, browser: bool, table: dict,
             quiet: bool = False, cap: float = 60.0) -> None:
    from strategygraph.align import align_objectives
    from strategygraph.analysis import analyse
    from strategygraph.build import build_store
    from strategygraph.render import make_view
    from strategygraph.render.html import generate_html
    from strategygraph.sparql import QueryTimeout, list_named
    from strategygraph.synth import generate_councils, write_councils
    from strategygraph.validation import validate

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "councils"
        write_councils(generate_councils(councils, 0), folder)
        for kind in stores:
            def record(stage, seconds, n):
                table.setdefault((stage, councils), {})[kind] = (seconds, n)
                if not quiet:
                    shown = f"{seconds * 1000:>10.1f} ms" if seconds != float("inf") else f"> {cap:.0f} s (stopped)"
                    print(f"  {councils:>4} councils  {kind:<9} {stage:<38} {shown}  ({n} runs)", flush=True)

            seconds, n, store = timed(lambda: build_store(folder, kind), runs, budget)
            record("build", seconds, n)
            held, peak = build_memory(folder, kind)
            table.setdefault(("resident MB holding the graph (own process)", councils), {})[kind] = (held, 0)
            table.setdefault(("peak MB while building (own process)", councils), {})[kind] = (peak, 0)
            council = store.query("PREFIX org: <http://www.w3.org/ns/org#> SELECT ?c WHERE "
                                  "{ ?c a org:FormalOrganization } ORDER BY ?c LIMIT 1").rows[0][0]
            seconds, n, _ = timed(lambda: validate(store), runs, budget)
            record("validate", seconds, n)
            as_of = dt.date(2025, 6, 30)
            seconds, n, _ = timed(lambda: analyse(store, as_of=as_of), runs, budget)
            record("analyse (all six)", seconds, n)
            params = sample_params(store)
            for nq in list_named():
                try:
                    seconds, n, _ = timed(lambda: named_query(nq, store, params.get(nq.name, {}), cap), runs, budget)
                except QueryTimeout:
                    seconds, n = float("inf"), 1
                record(f"query:{nq.name}", seconds, n)
            for view, plan in (("fig1", None), ("fig2", None), ("explore", str(council))):
                seconds, n, html = timed(lambda: generate_html(make_view(store, view, plan)), runs, budget)
                record(f"render:{view}", seconds, n)
            if browser and kind == stores[-1]:
                seconds, n, _ = timed(lambda: chromium_explore(html, Path(tmp)), runs, budget)
                record("chromium:explore (one council)", seconds, n)
            seconds, n, _ = timed(lambda: align_objectives(OBJECTIVES, store), runs, budget)
            record("align (3 objectives)", seconds, n)
            store = None  # let it go before the next back end is built
            gc.collect()


def cell(seconds: float, cap: float) -> str:
    return f"> {cap:,.0f} s (stopped)" if seconds == float("inf") else f"{seconds * 1000:,.1f} ms"


def ratio(reference: float, seconds: float, cap: float) -> str:
    if seconds == float("inf"):
        return "–"
    if reference == float("inf"):
        return f"≥ {cap / seconds:,.0f}×"
    return f"{reference / seconds:,.1f}×"


def markdown(table: dict, stores: list[str], sizes: list[int], cap: float) -> str:
    head = "| stage | councils | " + " | ".join(stores) + " | " + " | ".join(
        f"{k} vs memory" for k in stores if k != "memory") + " |"
    lines = [head, "|" + "---|" * (2 + len(stores) + sum(1 for k in stores if k != "memory"))]
    order = []
    for stage, n in table:
        if stage not in order:
            order.append(stage)
    for stage in order:
        for size in sizes:
            row = table.get((stage, size))
            if not row:
                continue
            if "MB" in stage:
                cells = [f"{row[k][0]:,.0f}" if k in row else "–" for k in stores]
                ratios = ["" for k in stores if k != "memory"]
            else:
                cells = [cell(row[k][0], cap) if k in row else "–" for k in stores]
                ratios = [ratio(row["memory"][0], row[k][0], cap) if "memory" in row and k in row else "–"
                          for k in stores if k != "memory"]
            lines.append(f"| {stage} | {size} | " + " | ".join(cells) + " | " + " | ".join(ratios) + " |")
    return "\n".join(lines)


def cli_startup(runs: int = 5) -> tuple[float, float]:
    """Median wall seconds of ``strategygraph --help`` and ``query --list`` (new processes)."""
    out = []
    for args in (["--help"], ["query", "--list"]):
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "strategygraph", *args], check=True, capture_output=True)
            times.append(time.perf_counter() - start)
        out.append(statistics.median(times))
    return out[0], out[1]


def lancaster_total(kind: str, runs: int) -> float:
    """Median seconds of build + validate + analyse + every figure (HTML, SVG, PNG) for Lancaster."""
    from strategygraph.analysis import analyse
    from strategygraph.build import build_store
    from strategygraph.render import VIEWS, make_view
    from strategygraph.render.html import generate_html
    from strategygraph.render.static import draw
    from strategygraph.resources import sample_data
    from strategygraph.validation import validate

    def everything():
        store = build_store(sample_data(), kind)
        validate(store)
        analyse(store, as_of=dt.date(2025, 6, 30))
        import matplotlib.pyplot as plt

        for name in VIEWS:
            view = make_view(store, name)
            generate_html(view)
            if name != "explore":
                fig = draw(view)
                plt.close(fig)

    everything()  # warm-up: imports, the ontology and shapes parse
    return timed(everything, runs, 60)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,50,400", help="council counts, comma-separated")
    parser.add_argument("--stores", default="memory,oxigraph", help="back ends, comma-separated (memory first)")
    parser.add_argument("--runs", type=int, default=5, help="runs per stage (at most)")
    parser.add_argument("--budget", type=float, default=20.0, help="seconds after which a stage stops repeating")
    parser.add_argument("--cap", type=float, default=60.0, help="seconds after which a query is stopped")
    parser.add_argument("--browser", action="store_true", help="also time the explore page in headless Chromium")
    parser.add_argument("--markdown", type=Path, help="write the results as this Markdown file")
    args = parser.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    stores = [x.strip() for x in args.stores.split(",")]

    started = dt.datetime.now()
    help_s, list_s = cli_startup()
    print(f"CLI start-up (median of 5): --help {help_s * 1000:.0f} ms, query --list {list_s * 1000:.0f} ms", flush=True)
    lancaster = {k: lancaster_total(k, args.runs) for k in stores}
    for k, v in lancaster.items():
        print(f"Lancaster build + validate + analyse + render all figures ({k}): {v:.2f} s", flush=True)
    run_size(1, stores, 1, args.budget, False, {}, quiet=True)  # warm-up: imports and first-use set-up
    table: dict = {}
    for size in sizes:
        run_size(size, stores, args.runs, args.budget, args.browser, table, cap=args.cap)
    text = markdown(table, stores, sizes, args.cap)
    print(text)
    if args.markdown:
        args.markdown.write_text(
            "# Benchmarks\n\n"
            f"Written by `python benchmarks/run.py {' '.join(sys.argv[1:])}` on {started:%Y-%m-%d}, "
            f"in {(dt.datetime.now() - started).total_seconds() / 60:.0f} minutes.\n\n"
            f"Machine: {machine()}.\n\n"
            f"- `strategygraph --help`: {help_s * 1000:.0f} ms; `strategygraph query --list`: "
            f"{list_s * 1000:.0f} ms (median of 5, new processes).\n"
            + "".join(f"- Lancaster, build + validate + analyse + render every figure (HTML and the static "
                      f"SVG/PNG drawing), {k}: {v:.2f} s (median).\n" for k, v in lancaster.items())
            + "\nMedians per stage; `x vs memory` is how many times faster than rdflib's memory store in the "
              "same run. Synthetic councils come from `strategygraph synth --seed 0`.\n\n"
            + text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
