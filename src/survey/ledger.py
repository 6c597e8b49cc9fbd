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
3. **Solve.** :meth:`Ledger.solve` withholds every display of 1 … ``min_cell`` − 1
   (primary suppression), every display of a group whose size is withheld (a group that
   is too small gets no figures of its own), and then, one at a time, the cheapest further
   display that stops a reader from working out a count of 1 … ``min_cell`` − 1 from what
   is shown (secondary suppression), until none can be worked out. Where only the
   markers still give a count away and nothing more can be withheld (six ``< 5`` that add
   up to N = 6), the question's markers are given up: its withheld counts are all "."
   and bound nothing (:attr:`Solution.masked`).

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

Examples
--------
A yes/no question: 17 "ja", 3 "nein". "nein" is below 5, and the base (20) would give it
away from "ja", so "ja" is withheld too.

>>> led = Ledger()
>>> _ = led.add_universe(Universe("q", ["ja", "nein"], ["all"], np.array([[17], [3]])))
>>> ja = led.show([("q", frozenset({0}), frozenset({0}))])
>>> nein = led.show([("q", frozenset({1}), frozenset({0}))])
>>> base = led.show([("q", frozenset({0, 1}), frozenset({0}))])
>>> s = led.solve(5)
>>> s.hidden[ja], s.hidden[nein], s.hidden[base], s.small[nein], s.small[ja]
(True, True, False, True, False)
"""

from __future__ import annotations

import logging
import math
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

__all__ = ["Node", "Universe", "Display", "Ledger", "Solution", "ANSWER", "NONRESPONSE"]

logger = logging.getLogger(__name__)

#: A count: (universe name, level indices, atom indices); its value is the sum of the
#: grid cells in that rectangle.
Node = tuple[str, frozenset[int], frozenset[int]]

#: Level classes: an answer (protected against every output) or a missing answer
#: (protected against everything but the tests' numbers of valid answers).
ANSWER = "answer"
NONRESPONSE = "nonresponse"

_TOL = 1e-7


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


@dataclass
class Solution:
    """What :meth:`Ledger.solve` decided, per display id."""

    min_cell: int
    hidden: dict[int, bool]
    small: dict[int, bool]
    reason: dict[int, str] = field(default_factory=dict)
    unresolved: list[str] = field(default_factory=list)
    #: universes whose withheld counts are all "." (their markers would give one away)
    masked: frozenset[str] = frozenset()

    def is_hidden(self, display: int | None) -> bool:
        return display is not None and self.hidden.get(display, False)


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

    # ------------------------------------------------------------------ solving
    def solve(self, min_cell: int) -> Solution:
        """Decide which displays to withhold at threshold ``min_cell`` (see the module
        docstring). Deterministic: the same ledger gives the same solution."""
        if isinstance(min_cell, bool) or not isinstance(min_cell, int) or min_cell < 1:
            raise ValueError(f"min_cell must be a positive integer, got {min_cell!r}")
        live = [d for d in self.displays if d.nodes]
        hidden = {d.id: False for d in live}
        small = {d.id: 1 <= d.value < min_cell for d in live}
        reason: dict[int, str] = {}
        for d in live:
            if small[d.id]:
                hidden[d.id], reason[d.id] = True, "small"
        solver = _Solver(self, min_cell, hidden, reason)
        solver.cascade()
        solver.run()
        solver.prune()
        return Solution(min_cell, hidden, small, reason, solver.unresolved,
                        frozenset(solver.masked))


def _same(a: float, b: float) -> bool:
    return not (isinstance(a, float) and math.isnan(a)) and abs(float(a) - float(b)) < 1e-6


class _Solver:
    """Secondary suppression over the ledger's universes (one worklist of universes)."""

    def __init__(self, ledger: Ledger, min_cell: int, hidden: dict[int, bool],
                 reason: dict[int, str]) -> None:
        self.led, self.m = ledger, min_cell
        self.hidden, self.reason = hidden, reason
        self.unresolved: list[str] = []
        self.by_universe: dict[str, list[tuple[Node, Display]]] = {}
        for d in ledger.displays:
            for node in sorted(d.nodes, key=_node_key):
                self.by_universe.setdefault(node[0], []).append((node, d))
        self._checked: set[tuple[str, int]] = set()
        #: universes whose markers would give a count away: every withheld display in
        #: them is ".", bounds nothing and may be 0 (see :meth:`_mask`)
        self.masked: set[str] = set()

    # a group withheld: nothing of its own is shown ---------------------------------
    def cascade(self) -> None:
        groups = [d for d in self.led.displays if d.group and d.nodes and self.hidden.get(d.id)]
        for g in groups:
            atoms = {frozenset(n[2]) for n in g.nodes}
            for d in self.led.displays:
                if not d.nodes or self.hidden.get(d.id) or not d.hideable:
                    continue
                if all(any(n[2] <= a for a in atoms) for n in d.nodes):
                    self.hidden[d.id], self.reason[d.id] = True, "group"

    def _hide(self, d: Display, why: str) -> set[str]:
        self.hidden[d.id], self.reason[d.id] = True, why
        before = {k for k, v in self.hidden.items() if v}
        if d.group:
            self.cascade()
        after = {k for k, v in self.hidden.items() if v}
        touched = {n[0] for i in (after - before) | {d.id} for n in self.led.displays[i].nodes}
        return touched

    def run(self) -> None:
        queue = [u for u in self.led.universes
                 if self._any_hidden(u) or self._small_protected(u)]
        queued = set(queue)
        steps = 0
        limit = 20 * len(self.led.displays) + 100
        while queue and steps < limit:
            name = queue.pop(0)
            queued.discard(name)
            for klass in (ANSWER, NONRESPONSE):
                while steps < limit:
                    steps += 1
                    found = self._determined(name, klass)
                    if found is None:
                        break
                    target, how = found
                    pick = self._partner(name, klass, target, how)
                    if pick is None and how == "bounds" and self._mask(name):
                        continue
                    if pick is None:
                        u = self.led.universes[name]
                        self.unresolved.append(
                            f"{name}: {sorted(u.levels[i] for i in target[0])!s} × "
                            f"{len(target[1])} atom(s) can be worked out")
                        self._checked.add((name, hash(target)))
                        continue
                    for other in self._hide(pick, "secondary") - {name}:
                        if other not in queued:
                            queue.append(other)
                            queued.add(other)

    def _mask(self, name: str) -> bool:
        """Give up the markers of universe ``name``: its withheld small counts become
        "." like the others (a reader learns neither "1 … m − 1" nor "at least m" of any
        of them), and a 0 may be withheld there too. For a question whose ``< 5`` markers
        add up to what is shown (six answers of one person each, N = 6). False when it
        was masked before."""
        if name in self.masked:
            return False
        self.masked.add(name)
        for _, d in self.by_universe.get(name, []):
            if self.hidden.get(d.id) and self.reason.get(d.id) == "small":
                self.reason[d.id] = "masked"
        return True

    def _in_masked(self, d: Display) -> bool:
        return any(n[0] in self.masked for n in d.nodes)

    def prune(self) -> None:
        """Show again each secondary withholding (the costliest first) that turned out not
        to be needed: the greedy choice can withhold a cell that a later one made
        redundant (a cell already fixed by another margin, say). A count found
        unresolvable is checked again here, so that its cover stays."""
        self._checked.clear()
        picked = [d for d in self.led.displays if d.nodes and self.hidden.get(d.id)
                  and self.reason.get(d.id) == "secondary" and not d.group]
        for d in sorted(picked, key=lambda d: (-d.cost, d.id)):
            self.hidden[d.id] = False
            del self.reason[d.id]
            names = sorted({n[0] for n in d.nodes})
            if any(self._determined(name, klass) is not None
                   for name in names for klass in (ANSWER, NONRESPONSE)):
                self.hidden[d.id], self.reason[d.id] = True, "secondary"

    def _small_protected(self, name: str) -> bool:
        u = self.led.universes[name]
        return any(1 <= u.value(levels, atoms) < self.m
                   for levels, atoms in self.led._protected.get(name, []))

    def _any_hidden(self, name: str) -> bool:
        return any(self.hidden.get(d.id) for _, d in self.by_universe.get(name, []))

    # the system of one universe ------------------------------------------------------
    def _system(self, name: str, klass: str, drop: Display | None = None):
        """Known rows (shown displays' nodes), bounds of withheld ones, fixed-zero cells."""
        u = self.led.universes[name]
        known, bounded = [], []
        for node, d in self.by_universe.get(name, []):
            if d is drop:
                bounded.append((node, d, True))
                continue
            if self.hidden.get(d.id) or not self._counts(d, node, klass, u):
                bounded.append((node, d, False))
            else:
                known.append((node, d))
        zero = (np.zeros(u.grid.size, dtype=bool) if u.zero is None
                else np.asarray(u.zero, dtype=bool).ravel().copy())
        for node, d in known:
            if d.value == 0:
                zero |= u.mask(node[1], node[2]) > 0
        free = ~zero
        rows = np.array([u.mask(n[1], n[2])[free] for n, _ in known]) if known else \
            np.zeros((0, int(free.sum())))
        values = np.array([float(d.value) for _, d in known])
        return u, free, rows, values, bounded

    def _counts(self, d: Display, node: Node, klass: str, u: Universe) -> bool:
        """Whether a shown display takes part in the check of ``klass``: missing answers
        are protected against the totals of the tables that show them (not against the
        tests' and the groups' numbers of answers, see the module docstring)."""
        if klass != NONRESPONSE:
            return True
        if len(node[2]) != len(u.atoms):
            return False
        nonresponse = self.led.nonresponse_tables
        if bool(d.tables & nonresponse) or d.label == "N":
            return True  # shown where missing answers are shown, also when a test shows it
        return not d.test and not nonresponse

    def _candidates(self, name: str, klass: str) -> list[tuple[frozenset[int], frozenset[int]]]:
        """Rectangles to check: withheld displays, protected counts, and every level in
        every atom and every shown group."""
        u = self.led.universes[name]
        seen: set[tuple[frozenset[int], frozenset[int]]] = set()
        out = []

        everyone = frozenset(range(len(u.atoms)))

        def add(levels: frozenset[int], atoms: frozenset[int]) -> None:
            key = (levels, atoms)
            if key in seen or not levels or not atoms:
                return
            if klass == NONRESPONSE and atoms != everyone:
                return  # missing answers are protected in total (each group's base shows
                #         how many of its members answered)
            seen.add(key)
            value = u.value(levels, atoms)
            if 1 <= value < self.m and u.klass(levels) == klass:
                out.append(key)

        entries = self.by_universe.get(name, [])
        for node, d in entries:
            if self.hidden.get(d.id) and d.hideable:
                add(node[1], node[2])
        for levels, atoms in self.led._protected.get(name, []):
            add(levels, atoms)
        groups = {node[2] for node, _ in entries} | {frozenset({j}) for j in range(len(u.atoms))}
        for atoms in sorted(groups, key=lambda a: (len(a), sorted(a))):
            for i in range(len(u.levels)):
                add(frozenset({i}), atoms)
        return out

    def _determined(self, name: str, klass: str):
        """The first checked rectangle a reader could work out, and how (``"equal"`` or
        ``"bounds"``); None when there is none."""
        targets = [t for t in self._candidates(name, klass)
                   if (name, hash(t)) not in self._checked]
        if not targets:
            return None
        u, free, rows, values, bounded = self._system(name, klass)
        null = _null_space(rows, int(free.sum()))
        undetermined = []
        for t in targets:
            f = u.mask(*t)[free]
            if not f.any() or np.abs(f @ null).max(initial=0.0) < _TOL:
                return t, "equal"
            undetermined.append((t, f))
        wide = self._bounded_null(u, free, rows, bounded)
        if wide is None:
            return None
        for t, f in undetermined:
            if np.abs(f @ wide).max(initial=0.0) < _TOL and \
                    self._pinned(u, free, rows, values, bounded, f):
                return t, "bounds"
        return None

    def _bounded_null(self, u: Universe, free: np.ndarray, rows: np.ndarray, bounded):
        """The null space of the shown rows together with the withheld ones a reader has
        bounds for (None when there are none): only a rectangle outside it can be pinned
        by those bounds."""
        extra = [u.mask(node[1], node[2])[free] for node, d, dropped in bounded
                 if self._bounds(d, dropped) is not None]
        if not extra:
            return None
        stacked = np.vstack([rows, np.array(extra)]) if len(rows) else np.array(extra)
        return _null_space(stacked, int(free.sum()))

    def _bounds(self, d: Display, dropped: bool) -> tuple[float, float] | None:
        """What a reader knows of a withheld display: ``< m`` → 1 … m − 1; ``.`` in a
        shown group → at least ``m``; withheld with its group, or dropped → nothing."""
        if dropped or not self.hidden.get(d.id) or self._in_masked(d):
            return None
        why = self.reason.get(d.id)
        if why == "small":
            return (1.0, float(self.m - 1))
        if why == "secondary" and d.value >= self.m:
            return (float(self.m), math.inf)
        return None

    def _pinned(self, u: Universe, free: np.ndarray, rows: np.ndarray, values: np.ndarray,
                bounded, f: np.ndarray) -> bool:
        from scipy.optimize import linprog

        n = int(free.sum())
        a_ub, b_ub = [], []
        for node, d, dropped in bounded:
            b = self._bounds(d, dropped)
            if b is None:
                continue
            h = u.mask(node[1], node[2])[free]
            lo, hi = b
            a_ub.append(-h)
            b_ub.append(-lo)
            if math.isfinite(hi):
                a_ub.append(h)
                b_ub.append(hi)
        kwargs = dict(A_eq=rows if len(rows) else None, b_eq=values if len(rows) else None,
                      A_ub=np.array(a_ub) if a_ub else None, b_ub=np.array(b_ub) if b_ub else None,
                      bounds=[(0, None)] * n, method="highs")
        lo = linprog(f, **kwargs)
        hi = linprog(-f, **kwargs)
        if lo.status != 0 or hi.status not in (0, 3):
            return False
        if hi.status == 3:  # unbounded above
            return False
        low, high = lo.fun, -hi.fun
        return math.floor(high + 1e-6) == math.ceil(low - 1e-6)

    def _partner(self, name: str, klass: str, target, how: str) -> Display | None:
        """The cheapest shown display whose withholding stops ``target`` being worked out;
        else the cheapest display in the least-norm combination of shown counts that gives
        ``target`` away (withholding it breaks that combination), else the cheapest that
        overlaps it."""
        u = self.led.universes[name]
        f_full = u.mask(*target)
        options = []
        for node, d in self.by_universe.get(name, []):
            if self.hidden.get(d.id) or not d.hideable:
                continue
            if d.value <= 0 and name not in self.masked:  # a 0 only where "." may be 0
                continue
            if not self._counts(d, node, klass, u):
                continue
            options.append((d.cost, d.id, d, node))
        options.sort(key=lambda o: (o[0], o[1]))
        seen: set[int] = set()
        for _, _, d, _ in options:
            if d.id in seen:
                continue
            seen.add(d.id)
            if not self._still(name, klass, target, how, d):
                return d
        if how == "equal":
            weights = self._combination(name, klass, target)
            for _, _, d, node in options:
                if weights.get(node, 0.0) > _TOL:
                    return d
        for _, _, d, node in options:
            if (u.mask(node[1], node[2]) * f_full).any():
                return d
        return options[0][2] if options else None

    def _combination(self, name: str, klass: str, target) -> dict[Node, float]:
        """|weight| of each shown node in the least-norm combination giving ``target``."""
        u, free, rows, _, _ = self._system(name, klass)
        u = self.led.universes[name]
        known = [node for node, d in self.by_universe.get(name, [])
                 if not self.hidden.get(d.id) and self._counts(d, node, klass, u)]
        if not len(rows):
            return {}
        f = u.mask(*target)[free]
        alpha, *_ = np.linalg.lstsq(rows.T, f, rcond=None)
        return {node: abs(float(a)) for node, a in zip(known, alpha, strict=True)}

    def _still(self, name: str, klass: str, target, how: str, drop: Display) -> bool:
        """Whether ``target`` can still be worked out with ``drop`` withheld."""
        was = self.hidden.get(drop.id, False)
        self.hidden[drop.id] = True
        try:
            u, free, rows, values, bounded = self._system(name, klass)
            f = u.mask(*target)[free]
            null = _null_space(rows, int(free.sum()))
            if not f.any() or np.abs(f @ null).max(initial=0.0) < _TOL:
                return True
            wide = self._bounded_null(u, free, rows, bounded)
            if wide is None or np.abs(f @ wide).max(initial=0.0) >= _TOL:
                return False
            return self._pinned(u, free, rows, values, bounded, f)
        finally:
            self.hidden[drop.id] = was


def _null_space(rows: np.ndarray, n: int) -> np.ndarray:
    """An orthonormal basis (columns) of the null space of ``rows`` (n unknowns)."""
    if n == 0:
        return np.zeros((0, 0))
    if len(rows) == 0:
        return np.eye(n)
    _, s, vt = np.linalg.svd(rows, full_matrices=True)
    rank = int((s > 1e-9 * max(1.0, s.max(initial=0.0))).sum())
    return vt[rank:].T


def _node_key(node: Node) -> tuple:
    return (node[0], sorted(node[1]), sorted(node[2]))
