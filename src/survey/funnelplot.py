"""Many projects side by side: a share per project against one programme target, with the
exact binomial control limits of a funnel plot (Spiegelhalter 2005, Statistics in Medicine
24:1185–1202, appendix A.1.1).

For a target θ, a project size n and a probability p (0.025 and 0.975 for the 95 % limits,
0.001 and 0.999 for the 99,8 % limits), let r_p be the p-quantile of Binomial(n, θ), the
smallest r with P(R ≤ r) ≥ p (``scipy.stats.binom.ppf``). The limit on the share scale is
the interpolated

    (r_p − α) / n,   α = (P(R ≤ r_p) − p) / (P(R ≤ r_p) − P(R ≤ r_p − 1)),

which makes the limits a smooth function of n instead of a staircase (clipped to 0–1:
with r_p = 0 the formula gives a share below 0). For large n they
approach the normal limits θ ± z · sqrt(θ(1 − θ)/n).

A project's ``position`` compares its share with the limits at its own n: above the upper
99,8 % limit ``above_998``, else above the upper 95 % limit ``above_95``, likewise
``below_998``/``below_95``, else ``inside`` (a share on a limit is inside). ``z`` is the
project's standardised distance from the target, (share − θ) / sqrt(θ(1 − θ)/n).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from .errors import DataError, some_rows

__all__ = ["LEVELS", "POSITIONS", "LIMIT_COLUMNS", "POSITION_COLUMNS", "limits", "positions"]

#: The default levels of the limits (95 % and 99,8 %).
LEVELS = (0.95, 0.998)
#: The positions of a project, from highest to lowest.
POSITIONS = ("above_998", "above_95", "inside", "below_95", "below_998")
LIMIT_COLUMNS = ["n", "level", "lower", "upper"]
POSITION_COLUMNS = ["project", "k", "n", "share", "z", "position", "lower_95", "upper_95",
                    "lower_998", "upper_998"]


def _limit(target: float, n: np.ndarray, p: float) -> np.ndarray:
    """The interpolated p-limit of the share at each n (module docstring); NaN at n = 0."""
    out = np.full(len(n), np.nan)
    ok = n > 0
    m = n[ok]
    r = stats.binom.ppf(p, m, target)
    upper_cdf = stats.binom.cdf(r, m, target)
    lower_cdf = stats.binom.cdf(r - 1, m, target)
    step = upper_cdf - lower_cdf
    alpha = np.divide(upper_cdf - p, step, out=np.zeros_like(step), where=step > 0)
    out[ok] = (r - alpha) / m
    return np.clip(out, 0.0, 1.0)


def _check_target(target: float) -> float:
    target = float(target)
    if not 0.0 < target < 1.0:
        raise ValueError(f"target must be a share strictly between 0 and 1, not {target!r}")
    return target


def limits(target: float, n: Sequence[int] | np.ndarray,
           levels: Sequence[float] = LEVELS) -> pd.DataFrame:
    """Exact binomial control limits around ``target`` for each project size.

    Parameters
    ----------
    target : float
        The programme target share θ (strictly between 0 and 1).
    n : sequence of int
        Project sizes (e.g. ``range(1, 101)`` for the curves of a plot); 0 gives NaN.
    levels : sequence of float, default (0.95, 0.998)
        Two-sided coverage of each pair of limits.

    Returns
    -------
    DataFrame
        ``n, level, lower, upper``: one row per level × n (levels in the order given), the
        limits as shares (0–1).

    Examples
    --------
    >>> t = limits(0.34, [63])
    >>> [round(v, 3) for v in t.loc[0, ["lower", "upper"]]]
    [0.217, 0.452]
    """
    target = _check_target(target)
    sizes = np.asarray(list(n), dtype=float)
    if sizes.size and ((sizes < 0).any() or (sizes != np.round(sizes)).any()):
        raise ValueError("n must hold non-negative whole numbers")
    frames = []
    for level in levels:
        level = float(level)
        if not 0.0 < level < 1.0:
            raise ValueError(f"a level must be between 0 and 1, not {level!r}")
        tail = (1.0 - level) / 2.0
        frames.append(pd.DataFrame({
            "n": sizes.astype(int), "level": level,
            "lower": _limit(target, sizes, tail), "upper": _limit(target, sizes, 1.0 - tail)}))
    if not frames:
        return pd.DataFrame(columns=LIMIT_COLUMNS)
    return pd.concat(frames, ignore_index=True)[LIMIT_COLUMNS]


def _whole(frame: pd.DataFrame, column: str) -> np.ndarray:
    values = pd.to_numeric(frame[column], errors="coerce").to_numpy(float)
    bad = np.flatnonzero(~np.isfinite(values) | (values < 0) | (values != np.round(values)))
    if len(bad):
        raise DataError(f"not a count: {frame[column].iloc[bad[0]]!r} (rows "
                        f"{some_rows([int(b) + 2 for b in bad])})", column=column,
                        row=int(bad[0]) + 2)
    return values


def positions(frame: pd.DataFrame, *, project: str, hits: str, n: str,
              target: float) -> pd.DataFrame:
    """Each project's share against the target and the funnel's limits at its size.

    Parameters
    ----------
    frame : DataFrame
        One row per project.
    project, hits, n : str
        Columns: the project's name, its hits and its participants.
    target : float
        The programme target share.

    Returns
    -------
    DataFrame
        ``project, k, n, share, z, position`` (module docstring; NaN/None for a project
        without participants) and the limits at the project's n: ``lower_95, upper_95,
        lower_998, upper_998``.

    Raises
    ------
    DataError
        A missing or repeated project, a count that is not a whole number ≥ 0, or more
        hits than participants (naming column and row).
    """
    target = _check_target(target)
    for column in (project, hits, n):
        if column not in frame.columns:
            raise DataError(f"no such column (columns: {', '.join(map(str, frame.columns))})",
                            column=column)
    missing = np.flatnonzero(frame[project].isna().to_numpy())
    if len(missing):
        raise DataError("missing project name", column=project, row=int(missing[0]) + 2)
    dup = np.flatnonzero(frame[project].duplicated().to_numpy())
    if len(dup):
        raise DataError(f"project {frame[project].iloc[dup[0]]!r} occurs more than once",
                        column=project, row=int(dup[0]) + 2)
    k, size = _whole(frame, hits), _whole(frame, n)
    over = np.flatnonzero(k > size)
    if len(over):
        raise DataError(f"more hits ({int(k[over[0]])}) than participants "
                        f"({int(size[over[0]])})", column=hits, row=int(over[0]) + 2)
    bounds = limits(target, size.astype(int), (0.95, 0.998))
    m = len(frame)
    low95, up95 = bounds["lower"].to_numpy()[:m], bounds["upper"].to_numpy()[:m]
    low998, up998 = bounds["lower"].to_numpy()[m:], bounds["upper"].to_numpy()[m:]
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(size > 0, k / size, np.nan)
        z = np.where(size > 0, (share - target) / np.sqrt(target * (1 - target) / size), np.nan)
    where = []
    for s, a, b, c, d in zip(share, low95, up95, low998, up998, strict=True):
        if math.isnan(s):
            where.append(None)
        elif s > d:
            where.append("above_998")
        elif s > b:
            where.append("above_95")
        elif s < c:
            where.append("below_998")
        elif s < a:
            where.append("below_95")
        else:
            where.append("inside")
    out = pd.DataFrame({
        "project": frame[project].to_numpy(), "k": k.astype(int), "n": size.astype(int),
        "share": share, "z": z, "position": None, "lower_95": low95, "upper_95": up95,
        "lower_998": low998, "upper_998": up998}, columns=POSITION_COLUMNS)
    out["position"] = pd.Series(where, index=out.index, dtype=object)  # None stays None
    return out
