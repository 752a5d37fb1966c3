"""The ``strategygraph`` command.

Commands are thin: they parse options, call one library function and format the result.
Each command lives in its own module under ``strategygraph.cli`` and is imported only when
it runs (or when ``--help`` lists it); the RDF stack is imported inside command bodies, so
start-up stays fast. This package is the only place that imports click.
"""

from __future__ import annotations

import importlib
import importlib.util

import click

from strategygraph import __version__
from strategygraph.errors import InputErrors, StrategyGraphError

#: Command name → "module:function" (modules under strategygraph.cli).
COMMANDS = {
    "build": "graph:build",
    "validate": "graph:validate",
    "stats": "graph:stats",
    "import": "importer:import_",
    "diff": "importer:diff",
    "analyse": "analyse:analyse",
    "render": "render:render",
    "report": "report:report",
    "query": "query:query",
    "serve": "query:serve",
    "push": "query:push",
    "align": "align:align",
    "synth": "synth:synth",
}


def _available(name: str) -> bool:
    # A command's module may not exist in every build of the package (optional parts).
    return importlib.util.find_spec(f"strategygraph.cli.{COMMANDS[name].split(':')[0]}") is not None


class UserError(click.ClickException):
    """Bad input: one line per problem on stderr, exit status 2."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"Error: {self.format_message()}", err=True)


class Group(click.Group):
    """Loads commands lazily and turns library errors into :class:`UserError`."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in COMMANDS if _available(name))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS or not _available(name):
            return None
        module, attr = COMMANDS[name].split(":")
        return getattr(importlib.import_module(f"strategygraph.cli.{module}"), attr)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except StrategyGraphError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            problems = exc.errors if isinstance(exc, InputErrors) else [exc]
            raise UserError("\n".join(str(p) for p in problems)) from None


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="strategygraph")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.option("--store", "store", metavar="SPEC",
              help="Where the graph is held: oxigraph (default, in memory), oxigraph:FOLDER (on disk, kept "
                   "between commands), memory (rdflib) or a SPARQL endpoint URL. Also set by the "
                   "STRATEGYGRAPH_STORE environment variable or strategygraph.toml.")
@click.pass_context
def cli(ctx: click.Context, debug: bool, store: str | None) -> None:
    """Turn a council's strategy documents into a knowledge graph and ask it questions.

    With no --data option, commands use the bundled Lancaster City Council data.
    """
    ctx.ensure_object(dict)["debug"] = debug
    ctx.obj["store"] = store


def main() -> None:  # pragma: no cover - console-script entry
    """Entry point of ``python -m strategygraph``."""
    cli(prog_name="strategygraph")
