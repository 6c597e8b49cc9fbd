"""Secondary suppression: which displays of a :class:`~survey.ledger.Ledger` to withhold.

:func:`solve` withholds every display of 1 … ``min_cell`` − 1 (primary suppression), every
display of a group whose size is withheld, and then, one at a time, the cheapest further
display that stops a reader from working out a small count from what is shown, until none
can be worked out; :meth:`_Solver.prune` then shows again each further display that turned
out not to be needed. The rules and what "worked out" means are in :mod:`survey.ledger`.

Deciding whether a count can be worked out is the cost of a wave's plan, so each check
goes from cheap to exact: linear algebra first (a count in the row space of what is shown
is *equal* to a combination of shown numbers); for the bounds a reader has of withheld
numbers, a move from the true counts that stays within every known bound and changes the
count by at least one proves it is not pinned (no linear programme needed); only where no
such move is found do the two linear programmes (lowest and highest value) decide.

Examples
--------
A yes/no question: 17 "ja", 3 "nein". "nein" is below 5, and the base (20) would give it
away from "ja", so "ja" is withheld too.

>>> led = Ledger()
>>> _ = led.add_universe(Universe("q", ["ja", "nein"], ["all"], np.array([[17], [3]])))
>>> ja = led.show([("q", frozenset({0}), frozenset({0}))])
>>> nein = led.show([("q", frozenset({1}), frozenset({0}))])
>>> base = led.show([("q", frozenset({0, 1}), frozenset({0}))])
>>> s = solve(led, 5)
>>> s.hidden[ja], s.hidden[nein], s.hidden[base], s.small[nein], s.small[ja]
(True, True, False, True, False)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .ledger import ANSWER, NONRESPONSE, Display, Ledger, Node, Universe

__all__ = ["Solution", "solve"]

_TOL = 1e-7


@dataclass
class Solution:
    """What :func:`solve` decided, per display id."""

    min_cell: int
    hidden: dict[int, bool]
    small: dict[int, bool]
    reason: dict[int, str] = field(default_factory=dict)
    unresolved: list[str] = field(default_factory=list)
    #: universes whose withheld counts are all "." (their markers would give one away)
    masked: frozenset[str] = frozenset()

    def is_hidden(self, display: int | None) -> bool:
        return display is not None and self.hidden.get(display, False)


def solve(ledger: Ledger, min_cell: int) -> Solution:
    """Decide which displays of ``ledger`` to withhold at threshold ``min_cell`` (see
    :mod:`survey.ledger` and this module's docstring). Deterministic: the same ledger
    gives the same solution."""
    if isinstance(min_cell, bool) or not isinstance(min_cell, int) or min_cell < 1:
        raise ValueError(f"min_cell must be a positive integer, got {min_cell!r}")
    live = [d for d in ledger.displays if d.nodes]
    hidden = {d.id: False for d in live}
    small = {d.id: 1 <= d.value < min_cell for d in live}
    reason: dict[int, str] = {}
    for d in live:
        if small[d.id]:
            hidden[d.id], reason[d.id] = True, "small"
    solver = _Solver(ledger, min_cell, hidden, reason)
    solver.cascade()
    solver.run()
    solver.prune()
    return Solution(min_cell, hidden, small, reason, solver.unresolved,
                    frozenset(solver.masked))


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
        self._masks: dict[tuple[str, frozenset[int], frozenset[int]], np.ndarray] = {}

    def _mask_of(self, u: Universe, levels: frozenset[int], atoms: frozenset[int]) -> np.ndarray:
        """:meth:`Universe.mask`, kept: the same rectangles are checked again and again."""
        key = (u.name, frozenset(levels), frozenset(atoms))
        out = self._masks.get(key)
        if out is None:
            out = self._masks[key] = u.mask(levels, atoms)
            out.flags.writeable = False
        return out

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
                zero |= self._mask_of(u, node[1], node[2]) > 0
        free = ~zero
        rows = np.array([self._mask_of(u, n[1], n[2])[free] for n, _ in known]) if known else \
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
            f = self._mask_of(u, *t)[free]
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
        extra = [self._mask_of(u, node[1], node[2])[free] for node, d, dropped in bounded
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
        """Whether the shown rows and the bounds of the withheld ones leave ``f``'s count
        one whole number: a move that changes it by at least one says no (see
        :func:`_moves`), else the linear programmes decide."""
        n = int(free.sum())
        h_rows, lows, highs = [], [], []
        for node, d, dropped in bounded:
            b = self._bounds(d, dropped)
            if b is not None:
                h_rows.append(self._mask_of(u, node[1], node[2])[free])
                lows.append(b[0])
                highs.append(b[1])
        h = np.array(h_rows) if h_rows else np.zeros((0, n))
        low, high = np.array(lows, dtype=float), np.array(highs, dtype=float)
        x0 = u.grid.ravel()[free].astype(float)
        if _moves(x0, rows, h, low, high, f):
            return False
        from scipy.optimize import linprog  # only here: importing it costs a third of a second

        a_ub = np.vstack([-h, h[np.isfinite(high)]]) if len(h) else None
        b_ub = np.concatenate([-low, high[np.isfinite(high)]]) if len(h) else None
        kwargs = dict(A_eq=rows if len(rows) else None, b_eq=values if len(rows) else None,
                      A_ub=a_ub, b_ub=b_ub, bounds=[(0, None)] * n, method="highs")
        value = float(f @ x0)
        hi = linprog(-f, **kwargs)
        if hi.status == 3 or (hi.status == 0 and -hi.fun >= value + 1 - 1e-6):
            return False  # unbounded above, or one more is possible
        lo = linprog(f, **kwargs)
        if lo.status != 0 or hi.status != 0:
            return False
        return math.floor(-hi.fun + 1e-6) == math.ceil(lo.fun - 1e-6)

    def _partner(self, name: str, klass: str, target, how: str) -> Display | None:
        """The cheapest shown display whose withholding stops ``target`` being worked out;
        else the cheapest display in the least-norm combination of shown counts that gives
        ``target`` away (withholding it breaks that combination), else the cheapest that
        overlaps it."""
        u = self.led.universes[name]
        f_full = self._mask_of(u, *target)
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
            if (self._mask_of(u, node[1], node[2]) * f_full).any():
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
        f = self._mask_of(u, *target)[free]
        alpha, *_ = np.linalg.lstsq(rows.T, f, rcond=None)
        return {node: abs(float(a)) for node, a in zip(known, alpha, strict=True)}

    def _still(self, name: str, klass: str, target, how: str, drop: Display) -> bool:
        """Whether ``target`` can still be worked out with ``drop`` withheld."""
        was = self.hidden.get(drop.id, False)
        self.hidden[drop.id] = True
        try:
            u, free, rows, values, bounded = self._system(name, klass)
            f = self._mask_of(u, *target)[free]
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


def _moves(x0: np.ndarray, rows: np.ndarray, h: np.ndarray, low: np.ndarray,
           high: np.ndarray, f: np.ndarray) -> bool:
    """Whether the count ``f @ x`` can be moved by at least one from the true counts
    ``x0`` without leaving what a reader knows: the shown rows stay equal, no cell goes
    below 0, every bounded row ``h`` stays within ``low`` … ``high``.

    The move goes along ``f`` projected onto the directions that keep the shown rows, the
    empty cells and the bounds already reached where they are (a bound reached is held in
    both directions); it is a proof that the count is not pinned, a False proves nothing.

    >>> x0 = np.array([2.0, 3.0])           # two cells, their sum 5 shown
    >>> rows = np.array([[1.0, 1.0]])
    >>> none = np.zeros((0, 2))
    >>> _moves(x0, rows, none, np.zeros(0), np.zeros(0), np.array([1.0, 0.0]))
    True
    >>> _moves(x0, rows, np.array([[1.0, 0.0]]), np.array([1.0]), np.array([4.0]),
    ...        np.array([1.0, 0.0]))       # the first cell known to be 1 … 4: it can be 3
    True
    >>> _moves(x0, rows, np.array([[1.0, 0.0]]), np.array([2.0]), np.array([2.0]),
    ...        np.array([1.0, 0.0]))       # known to be 2
    False
    """
    n = len(x0)
    reached = h @ x0 if len(h) else np.zeros(0)
    tight = (np.abs(reached - low) < 1e-9) | (np.abs(reached - high) < 1e-9)
    fixed = [rows] if len(rows) else []
    fixed += [np.eye(n)[x0 < 0.5], h[tight]]
    null = _null_space(np.vstack(fixed), n)
    step = null @ (null.T @ f)
    gain = float(f @ step)
    if abs(gain) < _TOL:
        return False
    along = h @ step if len(h) else np.zeros(0)
    for sign in (1.0, -1.0):
        d, g = sign * step, sign * along
        limits = [x0[d < -1e-12] / -d[d < -1e-12]]
        up, down = g > 1e-12, g < -1e-12
        limits += [(high[up] - reached[up]) / g[up], (reached[down] - low[down]) / -g[down]]
        t = min((float(v.min()) for v in limits if len(v)), default=math.inf)
        if t * abs(gain) >= 1 - 1e-9:
            return True
    return False
