"""Errors the library raises. The CLI turns them into one line each and exit status 2.

>>> str(InputError("plan.csv", 3, "D (due_end)", "'next spring' is not a date"))
"plan.csv:3:D (due_end): 'next spring' is not a date"
"""

from __future__ import annotations

from dataclasses import dataclass


class StrategyGraphError(Exception):
    """Base class of every error strategygraph raises on purpose."""


@dataclass
class InputError(StrategyGraphError):
    """A problem in a user's file, located as ``path:row:column: message``.

    Rows are 1-based as an officer sees them in a spreadsheet (the header is row 1).
    """

    path: str
    row: int | None = None
    column: str | None = None
    message: str = ""

    def __str__(self) -> str:
        where = [self.path]
        if self.row is not None:
            where.append(str(self.row))
            if self.column:
                where.append(self.column)
        return f"{':'.join(where)}: {self.message}"


class InputErrors(StrategyGraphError):
    """Several input problems, all reported together."""

    def __init__(self, errors: list[InputError]):
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


class RemoteError(StrategyGraphError):
    """A SPARQL endpoint could not be reached or answered with an error."""


class ValidationFailed(StrategyGraphError):
    """The graph does not conform to the SHACL shapes."""


class MissingExtra(StrategyGraphError):
    """An optional dependency is needed for this feature."""
