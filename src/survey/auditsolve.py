"""The audit's algebra: what a reader can work out from shown numbers.

Every shown count is an equation over named cells, every marker a bound; per question a
linear programme decides which small counts come out as one whole number
(:mod:`survey.audit` explains the reader it models). Its own code, not the disclosure
plan's."""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field

import numpy as np

#: A cell of a question's grid, named by what it counts.
Cell = tuple[Hashable, ...]

_Z = 1.959963984540054


@dataclass(frozen=True)
class Finding:
    """One count of 1 … ``min_cell`` − 1 that a shared output lets a reader have."""

    file: str
    what: str
    value: float
    how: str

    def __str__(self) -> str:
        return f"{self.file}: {self.what} = {self.value:g} ({self.how})"


def _wilson(n: int) -> tuple[np.ndarray, np.ndarray]:
    k = np.arange(n + 1)
    p = k / n
    z2 = _Z * _Z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = _Z * np.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return 100 * (centre - half), 100 * (centre + half)


def wilson_count(low: float, high: float, n: int) -> int | None:
    """The count ``k`` of ``n`` whose Wilson 95 % interval (in percent) is
    ``[low, high]``, or None when no count gives it.

    >>> wilson_count(25.53, 36.62, 263)
    81
    """
    if not (n > 0 and math.isfinite(low) and math.isfinite(high)):
        return None
    lo, hi = _wilson(n)
    hit = np.flatnonzero((np.abs(lo - low) < 0.01) & (np.abs(hi - high) < 0.01))
    return int(hit[0]) if len(hit) == 1 else None


def wilson_pairs(low: float, high: float, most: int) -> list[tuple[int, int]]:
    """Every (count, base) with a base of at most ``most`` whose Wilson 95 % interval (in
    percent) is ``[low, high]``: an interval shown without its base still names them.

    >>> wilson_pairs(5.24, 36.04, 40)
    [(3, 20)]
    """
    if not (math.isfinite(low) and math.isfinite(high)):
        return []
    out = []
    for n in range(1, int(most) + 1):
        k = wilson_count(low, high, n)
        if k is not None:
            out.append((k, n))
    return out


@dataclass
class _System:
    """Linear equations over named cells, grouped by question (a component)."""

    min_cell: int
    rows: dict[str, list[tuple[dict[Cell, float], float, str]]] = field(default_factory=dict)
    bounds: dict[str, list[tuple[dict[Cell, float], float, float]]] = field(
        default_factory=dict)
    targets: dict[str, dict[tuple, tuple[dict[Cell, float], str, bool]]] = field(
        default_factory=dict)

    def equal(self, part: str, form: Mapping[Cell, float], value: float, source: str) -> None:
        form = {c: w for c, w in form.items() if w}
        if form:
            self.rows.setdefault(part, []).append((dict(form), float(value), source))

    def bound(self, part: str, form: Mapping[Cell, float], low: float, high: float) -> None:
        self.bounds.setdefault(part, []).append((dict(form), low, high))

    def target(self, part: str, form: Mapping[Cell, float], what: str, nonresponse: bool,
               ) -> None:
        key = tuple(sorted((str(c), w) for c, w in form.items()))
        self.targets.setdefault(part, {}).setdefault(key, (dict(form), what, nonresponse))


_NONRESPONSE_TABLES = ("missingness", "missing_reasons", "frequencies", "items",
                       "cleaning_log", "rating_missingness", "N")


def _solve(system: _System, part: str, file_of: Mapping[str, str]) -> list[Finding]:
    """The targets of one component that come out as one whole number below min_cell."""
    from scipy.optimize import linprog

    found: list[Finding] = []
    rows = system.rows.get(part, [])
    for nonresponse in (False, True):
        chosen = [r for r in rows if not nonresponse or r[2] in _NONRESPONSE_TABLES]
        targets = [t for t in system.targets.get(part, {}).values() if t[2] == nonresponse]
        if not targets:
            continue
        cells = sorted({c for form, _, _ in chosen for c in form}
                       | {c for form, _, _ in targets for c in form}
                       | {c for form, _, _ in system.bounds.get(part, []) for c in form},
                       key=str)
        index = {c: i for i, c in enumerate(cells)}
        a = np.zeros((len(chosen), len(cells)))
        b = np.zeros(len(chosen))
        for i, (form, value, _) in enumerate(chosen):
            for c, w in form.items():
                a[i, index[c]] += w
            b[i] = value
        ub, ubv = [], []
        for form, low, high in system.bounds.get(part, []):
            row = np.zeros(len(cells))
            for c, w in form.items():
                row[index[c]] += w
            ub.append(-row)
            ubv.append(-low)
            if math.isfinite(high):
                ub.append(row)
                ubv.append(high)
        null = _null(a, len(cells))
        wide = _null(np.vstack([a, *[np.abs(r)[None, :] for r in ub]]) if ub else a,
                     len(cells))
        for form, what, _ in targets:
            f = np.zeros(len(cells))
            for c, w in form.items():
                f[index[c]] += w
            if np.abs(f @ null).max(initial=0.0) < 1e-7:  # a combination of shown numbers
                value = _combination(a, b, f)
                if value is not None and 1 <= round(value) < system.min_cell:
                    found.append(Finding(file_of.get(part, part), what, round(value),
                                         "worked out from the shown numbers"))
                continue
            if not ub or np.abs(f @ wide).max(initial=0.0) >= 1e-7:
                continue  # no bound can pin it
            kw = dict(A_eq=a if len(a) else None, b_eq=b if len(a) else None,
                      A_ub=np.array(ub), b_ub=np.array(ubv),
                      bounds=[(0, None)] * len(cells), method="highs")
            lo = linprog(f, **kw)
            if lo.status != 0 or lo.fun > system.min_cell - 1 + 1e-6:
                continue  # cannot be a small count
            hi = linprog(-f, **kw)
            if hi.status != 0:
                continue
            low, high = lo.fun, -hi.fun
            if math.floor(high + 1e-6) == math.ceil(low - 1e-6):
                value = round((low + high) / 2)
                if 1 <= value < system.min_cell:
                    found.append(Finding(file_of.get(part, part), what, value,
                                         "worked out from the shown numbers and the markers"))
    return found


def _null(a: np.ndarray, n: int) -> np.ndarray:
    if n == 0:
        return np.zeros((0, 0))
    if not len(a):
        return np.eye(n)
    _, sv, vt = np.linalg.svd(a, full_matrices=True)
    rank = int((sv > 1e-9 * max(1.0, sv.max(initial=0.0))).sum())
    return vt[rank:].T


def _combination(a: np.ndarray, b: np.ndarray, f: np.ndarray) -> float | None:
    """The value of ``f · x`` when ``f`` is a combination of the rows of ``a``."""
    alpha, *_ = np.linalg.lstsq(a.T, f, rcond=None)
    value = float(alpha @ b)
    return value if math.isfinite(value) else None
