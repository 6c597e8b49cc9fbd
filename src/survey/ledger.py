"""Linked cells: every count a wave's shared outputs show, and which of them to withhold.

The counts a report shows are not independent: a question's answers add up to its base,
the groups of a grouping add up to the total, a crossed group is part of each of its
margins, the same cell appears in the descriptive tables and in the group comparisons.
Official statistics call these *linked tables* and protect them together (tau-ARGUS,
``sdcTable``). This module does the same for one wave, in three steps:

1. **Universes.** For each thing that is counted (a question, an option of a
   multiple-response set, a scale, a split, the respondents themselves) a
   :class:`Universe` holds the counts of one grid: its *levels* (the answers, and each
   kind and code of a missing answer) by its *atoms* (the combinations of the grouping
   variables' values, so that every group of every grouping is a set of atoms). Every
   count any output shows is the sum of a rectangle of one grid, a :data:`Node`
   (universe, levels, atoms): "answered ``ja``, single parents" is the rectangle
   ``{ja} × {atoms of single parents}``.
2. **Displays.** Each number an output shows is registered with :meth:`Ledger.show` as
   the nodes it equals (one, or the same count in several universes). Two outputs that
   show the same node share one display, and so one decision: the same cell in two
   tables or two reports is one cell.
3. **Solve.** :func:`survey.ledgersolve.solve` withholds every display of 1 … ``min_cell`` − 1
   (primary suppression), every display of a group whose size is withheld (a group that
   is too small gets no figures of its own), and then, one at a time, the cheapest further
   display that stops a reader from working out a count of 1 … ``min_cell`` − 1 from what
   is shown (secondary suppression), until none can be worked out. Where only the
   markers still give a count away and nothing more can be withheld (six ``< 5`` that add
   up to N = 6), the question's markers are given up: its withheld counts are all "."
   and bound nothing (:attr:`survey.ledgersolve.Solution.masked`).

What a reader can work out is decided exactly: the shown displays are linear equations
over the grid's cells (which are non-negative); a count is *determined* when it lies in
the row space of these equations (linear algebra on the null space), or when the linear
programme over the cells, with the bounds a reader knows of each withheld display
(``< 5`` is 1 … 4, ``.`` in a shown group is at least ``min_cell``), leaves it one whole
number. Checked are the withheld displays, the counts the caller marks with
:meth:`Ledger.protect` (the "no" count of a shown share) and every cell of one level in
one atom or one shown group.

Counts of missing answers (kind ``nonresponse``) are protected against the tables that
show missing answers (missing-value, frequency and item tables), also where one of their
numbers is a test's too, but not against the group comparisons' and hypothesis tests'
numbers of valid answers per group: those add up to the question's valid answers, so the
number without a valid answer is public wherever a question is tested in groups (see
``docs/disclosure.md``).

The solving (steps 3 and the checks above) is :mod:`survey.ledgersolve`.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

__all__ = ["Node", "Universe", "Display", "Ledger", "ANSWER", "NONRESPONSE"]

logger = logging.getLogger(__name__)

#: A count: (universe name, level indices, atom indices); its value is the sum of the
#: grid cells in that rectangle.
Node = tuple[str, frozenset[int], frozenset[int]]

#: Level classes: an answer (protected against every output) or a missing answer
#: (protected against everything but the tests' numbers of valid answers).
ANSWER = "answer"
NONRESPONSE = "nonresponse"


@dataclass
class Universe:
    """One grid of counts: ``grid[i, j]`` persons (or forms) with level ``levels[i]`` in
    atom ``atoms[j]``.

    Parameters
    ----------
    name : str
        Unique within a ledger.
    levels, atoms : list
        Labels of the rows and columns (for messages; the ledger uses positions).
    grid : ndarray of int, shape (len(levels), len(atoms))
    classes : list of str, optional
        :data:`ANSWER` or :data:`NONRESPONSE` per level (default all answers).
    """

    name: str
    levels: list[Hashable]
    atoms: list[Hashable]
    grid: np.ndarray
    classes: list[str] | None = None
    zero: np.ndarray | None = None  # cells a reader knows are empty (by logic, not by data)

    def __post_init__(self) -> None:
        self.grid = np.asarray(self.grid, dtype=np.int64).reshape(len(self.levels),
                                                                  len(self.atoms))
        if self.classes is None:
            self.classes = [ANSWER] * len(self.levels)
        if len(self.classes) != len(self.levels):
            raise ValueError(f"universe {self.name}: {len(self.classes)} classes for "
                             f"{len(self.levels)} levels")

    def value(self, levels: Iterable[int], atoms: Iterable[int]) -> int:
        """The count of a rectangle."""
        rows, cols = sorted(levels), sorted(atoms)
        if not rows or not cols:
            return 0
        return int(self.grid[np.ix_(rows, cols)].sum())

    def mask(self, levels: Iterable[int], atoms: Iterable[int]) -> np.ndarray:
        """The rectangle as a flat 0/1 vector over the grid's cells."""
        out = np.zeros(self.grid.shape, dtype=float)
        rows, cols = sorted(levels), sorted(atoms)
        if rows and cols:
            out[np.ix_(rows, cols)] = 1.0
        return out.ravel()

    def klass(self, levels: Iterable[int]) -> str:
        """:data:`NONRESPONSE` when every level is a missing answer, else :data:`ANSWER`."""
        classes = {self.classes[i] for i in levels}  # type: ignore[index]
        return NONRESPONSE if classes == {NONRESPONSE} else ANSWER


@dataclass
class Display:
    """One number that an output shows, and the nodes it equals."""

    id: int
    nodes: set[Node]
    value: int
    weight: float = 1.0
    test: bool = False
    group: bool = False
    hideable: bool = True
    label: str = ""
    tables: set[str] = field(default_factory=set)

    @property
    def cost(self) -> float:
        """What withholding it loses: its value, weighted by what goes with it."""
        return max(self.value, 1) * self.weight


class Ledger:
    """The universes and displays of one wave (see the module docstring)."""

    def __init__(self, nonresponse_tables: Iterable[str] = ()) -> None:
        #: the tables in which counts of missing answers are protected (empty: all)
        self.nonresponse_tables = frozenset(nonresponse_tables)
        self.universes: dict[str, Universe] = {}
        self.displays: list[Display] = []
        self._owner: dict[Node, int] = {}
        self._protected: dict[str, list[tuple[frozenset[int], frozenset[int]]]] = {}

    # ------------------------------------------------------------------ building
    def add_universe(self, universe: Universe) -> Universe:
        """Add a universe (its name must be new)."""
        if universe.name in self.universes:
            raise ValueError(f"universe {universe.name!r} already exists")
        self.universes[universe.name] = universe
        return universe

    def value(self, node: Node) -> int:
        """The count of a node."""
        name, levels, atoms = node
        return self.universes[name].value(levels, atoms)

    def show(self, nodes: Sequence[Node], *, weight: float = 1.0, test: bool = False,
             group: bool = False, hideable: bool = True, label: str = "",
             value: float | None = None, table: str = "") -> int | None:
        """Register a shown number equal to each of ``nodes``; return its display id.

        A node shown before joins the display that shows it (the decisions are shared).
        ``value`` is the number the output shows: when it differs from the nodes' count
        the number is not what its nodes say (a bug in the caller's mapping), and None
        is returned, so that the caller withholds it.
        """
        nodes = [n for n in nodes if n[0] in self.universes]
        if not nodes:
            return None
        values = {self.value(n) for n in nodes}
        if len(values) != 1 or (value is not None and not _same(value, next(iter(values)))):
            logger.warning("disclosure: %s shows %s but its cells count %s", label or nodes[0],
                           value, sorted(values))
            return None
        owners = sorted({self._owner[n] for n in nodes if n in self._owner})
        if owners:
            keep = self.displays[owners[0]]
            for other in owners[1:]:  # two displays found to be one: merge
                merged = self.displays[other]
                keep.nodes |= merged.nodes
                keep.weight, keep.test = max(keep.weight, merged.weight), keep.test or merged.test
                keep.group = keep.group or merged.group
                keep.hideable = keep.hideable and merged.hideable
                keep.tables |= merged.tables
                for n in merged.nodes:
                    self._owner[n] = keep.id
                merged.nodes = set()
            display = keep
            display.weight = max(display.weight, weight)
            display.test = display.test or test
            display.group = display.group or group
            display.hideable = display.hideable and hideable
        else:
            display = Display(len(self.displays), set(), next(iter(values)), weight, test,
                              group, hideable, label)
            self.displays.append(display)
        for n in nodes:
            display.nodes.add(n)
            self._owner[n] = display.id
        if table:
            display.tables.add(table)
        return display.id

    def protect(self, node: Node) -> None:
        """Mark a count that is not shown but must not be worked out either (the "no"
        count of a shown share: those who did not tick an option)."""
        name, levels, atoms = node
        if name in self.universes:
            self._protected.setdefault(name, []).append((levels, atoms))

    def display_of(self, node: Node) -> int | None:
        """The display showing ``node``, if any."""
        return self._owner.get(node)


def _same(a: float, b: float) -> bool:
    return not (isinstance(a, float) and math.isnan(a)) and abs(float(a) - float(b)) < 1e-6
