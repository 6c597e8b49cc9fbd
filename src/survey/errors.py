"""One exception family for everything a user can get wrong.

Every error carries where the problem is (file, key or column, row) and what is
wrong; ``str(error)`` is a single line. Only the command line turns errors into
messages and exit codes.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

__all__ = [
    "SurveyError",
    "CodebookError",
    "DataError",
    "UsageError",
    "some_rows",
    "RegistryError",
    "ExecutionError",
    "ProblemList",
]


class SurveyError(Exception):
    """Base class: a problem with the user's input, located as precisely as known.

    Parameters
    ----------
    problem : str
        What is wrong, in plain words.
    file : str or Path, optional
        The file the problem is in.
    key : str, optional
        A dotted key inside a YAML file (``variables.alter.range``).
    column : str, optional
        A column of a data file.
    row : int, optional
        The row as a spreadsheet shows it (the header is row 1).
    """

    def __init__(
        self,
        problem: str,
        *,
        file: str | Path | None = None,
        key: str | None = None,
        column: str | None = None,
        row: int | None = None,
    ) -> None:
        self.problem = problem
        self.file = str(file) if file is not None else None
        self.key = key
        self.column = column
        self.row = row
        super().__init__(str(self))

    def location(self) -> str:
        parts = []
        if self.file:
            parts.append(self.file)
        if self.key:
            parts.append(f"key '{self.key}'")
        if self.column:
            parts.append(f"column '{self.column}'")
        if self.row is not None:
            parts.append(f"row {self.row}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.location()
        text = f"{where}: {self.problem}" if where else self.problem
        return " ".join(text.split())  # always one line


class CodebookError(SurveyError):
    """A codebook (or one entry of it) is invalid."""


class DataError(SurveyError):
    """A raw data file does not fit its codebook."""


class RegistryError(SurveyError):
    """The wave registry (``waves.yml``) is invalid or names a missing wave."""


class ExecutionError(SurveyError):
    """A notebook failed while it was executed."""


class UsageError(SurveyError):
    """The command line was used wrongly (a ``-p`` value of the wrong type, …): exit code 2."""


class ProblemList(SurveyError):
    """Several problems found in one pass, reported together.

    ``str()`` gives the first line of a summary; :meth:`lines` gives one line
    per problem, which is what the command line prints.
    """

    def __init__(self, problems: Iterable[SurveyError], *, what: str = "problems") -> None:
        self.problems = list(problems)
        self.what = what
        if len(self.problems) == 1:
            super().__init__(str(self.problems[0]))
        else:
            first = str(self.problems[0]) if self.problems else ""
            super().__init__(f"{len(self.problems)} {what} found; the first: {first}")

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


def some_rows(rows: list[int], shown: int = 5) -> str:
    """At most ``shown`` row numbers, and how many more (an error line stays short).

    >>> some_rows([2, 7]), some_rows(list(range(2, 12)))
    ('2, 7', '2, 3, 4, 5, 6 and 5 more')
    """
    listed = ", ".join(str(r) for r in rows[:shown])
    return listed if len(rows) <= shown else f"{listed} and {len(rows) - shown} more"
