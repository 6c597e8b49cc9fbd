"""The disclosure setting of one run: :class:`Policy` (``min_cell`` and shared or
internal) and where an internal run's reports go (:data:`INTERNAL_DIR`).

It is a module of its own so that the run's settings (:mod:`survey.settings`) can build a
policy without importing the disclosure machinery; :mod:`survey.disclosure` applies it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["Policy", "INTERNAL_DIR"]

#: The folder (beside ``reports/``) of the team's internal version.
INTERNAL_DIR = "reports-intern"


@dataclass(frozen=True)
class Policy:
    """The disclosure setting of one run (parameters ``min_cell`` and ``internal``,
    docs/registry.md).

    Parameters
    ----------
    min_cell : int, default 5
        The smallest count a shared output may show (1 shows everything).
    internal : bool, default False
        The team's unsuppressed version: nothing is withheld, and outputs go to
        ``reports-intern/`` only (:meth:`out_dir`).

    Examples
    --------
    >>> Policy(5).small(3), Policy(5).small(0), Policy(5).small(5)
    (True, False, False)
    >>> Policy(3, internal=True).out_dir("/study/reports").name
    'reports-intern'
    """

    min_cell: int = 5  # survey.settings.DEFAULTS.min_cell (a test holds them equal)
    internal: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.min_cell, bool) or not isinstance(self.min_cell, int | np.integer) \
                or self.min_cell < 1:
            raise ValueError(f"min_cell must be a positive integer, got {self.min_cell!r}")
        if not isinstance(self.internal, bool | np.bool_):
            raise ValueError(f"internal must be True or False, got {self.internal!r}")
        object.__setattr__(self, "min_cell", int(self.min_cell))
        object.__setattr__(self, "internal", bool(self.internal))

    def small(self, n: Any) -> bool:
        """Whether ``n`` is a count a shared output withholds (1 … ``min_cell`` − 1)."""
        try:
            value = float(n)
        except (TypeError, ValueError):
            return False
        return not np.isnan(value) and 1 <= value < self.min_cell

    def out_dir(self, out_dir: str | Path) -> Path:
        """Where this run's reports go: ``out_dir`` for a shared run; for an internal run
        ``reports-intern/`` beside a folder named ``reports`` (or ``out_dir`` itself when
        it is an internal folder), never a shared folder.

        Raises
        ------
        ValueError
            For an internal run into a folder that is neither.
        """
        path = Path(out_dir)
        if not self.internal:
            if path.resolve().name == INTERNAL_DIR or (path / ".internal").is_file():
                raise ValueError(f"a shared run (internal = False) does not write into "
                                 f"{path}: that folder is for the internal version")
            return path
        resolved = path.resolve()
        if resolved.name == INTERNAL_DIR or (resolved / ".internal").is_file():
            return path
        if resolved.name == "reports":
            return resolved.parent / INTERNAL_DIR
        raise ValueError(f"internal = True writes the unsuppressed version only to "
                         f"'{INTERNAL_DIR}/', not to {path}; pass out_dir=…/{INTERNAL_DIR}")
