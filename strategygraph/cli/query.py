"""``strategygraph query``, ``serve`` and ``push``: SPARQL on the graph, locally or in a store."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from strategygraph.cli.common import DATA_OPTION, GRAPH_OPTION, load_graph

_FORMATS = ["table", "csv", "tsv", "json", "markdown", "turtle", "ntriples"]


def _query_text(query: str | None) -> tuple[str, str]:
    """The query text and the name to locate errors by (``query`` or the file's name)."""
    if query == "-":
        return sys.stdin.read(), "query"
    path = Path(query)
    try:
        is_file = path.is_file()
    except OSError:  # a long query is not a valid path on some systems
        is_file = False
    if is_file:
        return path.read_text(encoding="utf-8"), str(path)
    if path.suffix.lower() in (".rq", ".sparql", ".txt") and "\n" not in query and "{" not in query:
        raise click.UsageError(f"no such query file: {query}")
    return query, "query"


def _write(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    from strategygraph.io.atomic import atomic_write

    with atomic_write(output) as handle:
        handle.write(text if text.endswith("\n") else text + "\n")
    click.echo(f"Wrote {output}", err=True)


def _list(fmt: str, output: Path | None) -> None:
    import json

    from strategygraph.sparql.named import list_named

    queries = list_named()
    if fmt == "json":
        return _write(json.dumps([q.as_dict() for q in queries], indent=2, ensure_ascii=False), output)
    width = max(len(q.name) for q in queries)
    lines = []
    for q in queries:
        params = f"  [{', '.join(p.usage() for p in q.params)}]" if q.params else ""
        lines.append(f"{q.name:<{width}}  {q.title}{params}")
    _write("\n".join(lines), output)


@click.command()
@click.argument("query", required=False, metavar="QUERY|FILE")
@click.option("-n", "--name", help="Run a named query (see --list) instead of QUERY.")
@click.option("--list", "list_", is_flag=True, help="List the named queries: name, then what each answers.")
@click.option("--format", "fmt", type=click.Choice(_FORMATS), default="table", show_default=True,
              help="Output format. SELECT: table, csv, tsv, json, markdown. CONSTRUCT/DESCRIBE: turtle "
                   "(the default), ntriples, json (JSON-LD).")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="Bind the query variable ?KEY to VALUE (repeatable). Named queries type their "
                   "parameters; ids such as cpc-r10-a1 name nodes.")
@GRAPH_OPTION
@DATA_OPTION
@click.option("--endpoint", metavar="URL", help="Run on a SPARQL 1.1 endpoint instead (e.g. "
                                                 "http://localhost:7878/query).")
@click.option("--store-default-graph", is_flag=True,
              help="With --endpoint: query the store's own default graph rather than the merge of its named "
                   "graphs (faster on stores set up with a union default graph, e.g. oxigraph serve "
                   "--union-default-graph).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output).")
def query(query: str | None, name: str | None, list_: bool, fmt: str, params: tuple[str, ...],
          graph_file: Path | None, data_dir: Path | None, endpoint: str | None, store_default_graph: bool,
          output: Path | None) -> None:
    """Ask the graph a SPARQL question (SELECT, ASK, CONSTRUCT or DESCRIBE).

    QUERY is SPARQL text, a file holding it, or - to read standard input. The usual
    prefixes (sg:, skos:, org:, dcterms:, prov:, foaf:...) are predeclared, and the default
    graph is the union of every source version's named graph.

    \b
    Examples:
      strategygraph query --list
      strategygraph query --name overdue-actions --param asOf=2025-06-30
      strategygraph query 'SELECT ?g (COUNT(?w) AS ?n) WHERE { ?w sg:inGroup ?g } GROUP BY ?g'
      strategygraph query my-question.rq --format csv -o answer.csv
    """
    if list_:
        return _list(fmt, output)
    if (query is None) == (name is None):
        raise click.UsageError("give a QUERY (text or file), or --name NAME, or --list")
    if endpoint and (graph_file or data_dir):
        raise click.UsageError("--endpoint runs on the server's data: leave out --graph and --data")

    if store_default_graph and not endpoint:
        raise click.UsageError("--store-default-graph goes with --endpoint")

    from strategygraph.sparql.api import backend, cli_params, guessed, named_params, output as to_output
    from strategygraph.sparql.display import FRAME_FORMATS, GRAPH_FORMATS, to_text
    from strategygraph.sparql.engine import prepare
    from strategygraph.sparql.named import get_named
    from strategygraph.sparql.remote import Endpoint

    def runner():
        if endpoint:
            return Endpoint(endpoint, default_graph="store" if store_default_graph else "named-graphs")
        return backend(load_graph(graph_file, data_dir))

    values = cli_params(params)
    if name is not None:
        nq = get_named(name)
        run_on = runner()
        prepared = prepare(nq.text, source=f"{nq.name}.rq").bind(named_params(nq, values, run_on))
    else:
        text, source = _query_text(query)
        prepared = prepare(text, source=source)  # syntax errors before any data is loaded
        run_on = runner()
        prepared = prepared.bind(guessed(values))
    result = to_output(run_on.run(prepared))

    if isinstance(result, bool):
        return _write("true" if result else "false", output)
    if prepared.form in ("CONSTRUCT", "DESCRIBE"):
        graph_fmt = "turtle" if fmt == "table" else fmt
        if graph_fmt not in GRAPH_FORMATS:
            raise click.UsageError(f"a {prepared.form} result is a graph: use --format turtle, ntriples or json")
        from strategygraph.terms import PREFIXES

        for prefix, ns in PREFIXES.items():
            result.bind(prefix, ns)
        return _write(result.serialize(format=GRAPH_FORMATS[graph_fmt]), output)
    if fmt not in FRAME_FORMATS:
        raise click.UsageError(f"a SELECT result is a table: use --format {', '.join(FRAME_FORMATS)}")
    _write(to_text(result, fmt), output)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (the default serves this machine only).")
@click.option("--port", default=7070, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--timeout", default=5.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds a query may run before it is stopped (HTTP 503).")
@click.option("--max-rows", default=10_000, show_default=True, type=click.IntRange(min=1),
              help="Largest result served, in rows or triples (larger ones get HTTP 413).")
@GRAPH_OPTION
@DATA_OPTION
def serve(host: str, port: int, timeout: float, max_rows: int, graph_file: Path | None,
          data_dir: Path | None) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint at /sparql, with a query page at /.

    Results come as SPARQL JSON, XML, CSV or TSV (by the Accept header); updates are
    refused. Stop with Ctrl-C.

    Example: strategygraph serve --port 7070
    """
    import logging

    from strategygraph.sparql.serve import make_server

    g = load_graph(graph_file, data_dir)
    try:
        server = make_server(g, host, port, timeout=timeout, max_rows=max_rows)
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    click.echo(f"SPARQL endpoint: {server.url}sparql (read-only; query page at {server.url}). "
               f"Ctrl-C stops it.", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@click.command()
@click.option("--endpoint", required=True, metavar="URL",
              help="Graph Store Protocol endpoint (e.g. http://localhost:7878/store), or the SPARQL Update "
                   "endpoint with --protocol update (e.g. http://localhost:7878/update).")
@click.option("--graph-iri", metavar="IRI", help="Put every triple into this one graph (default: each source "
                                                   "version's named graph to its own graph IRI).")
@click.option("--protocol", type=click.Choice(["store", "update"]), default="store", show_default=True,
              help="Graph Store Protocol (PUT per graph) or SPARQL Update (DROP + INSERT DATA).")
@GRAPH_OPTION
@DATA_OPTION
def push(endpoint: str, graph_iri: str | None, protocol: str, graph_file: Path | None, data_dir: Path | None) -> None:
    """Load the built graph into a SPARQL store, replacing the graphs it sends.

    Example: strategygraph push --endpoint http://localhost:7878/store
    """
    from strategygraph.sparql.remote import push as run_push

    report = run_push(load_graph(graph_file, data_dir), endpoint, graph_iri=graph_iri, protocol=protocol)
    graphs = len(report.graphs)
    click.echo(f"Pushed {report.triples:,} triples in {graphs} graph{'s' if graphs != 1 else ''} to {endpoint}.",
               err=True)
