"""Confidence intervals of the effect sizes and of shares, and the checks of their inputs.

The interval machinery under :mod:`survey.effects` (whose docstrings name each effect's
method and its references):

- Wilson's score interval of a share, :func:`wilson_interval` — the one Wilson interval of
  the package: every share in a table (frequencies, top box, options, splits, the wave
  comparison) and Newcombe's difference use it;
- Fisher's z interval of a correlation, ``tanh(atanh(r) ± z se)``;
- the noncentrality parameters of the noncentral t and chi² distributions that put an
  observed statistic at both tails (root finding);
- the bootstrap resamples of the Kruskal–Wallis epsilon² (for its percentile interval),
  with the tie-corrected H of many resamples at once (from value counts or from ranks);
- the checks of the effect sizes' inputs, so that every effect size's ``ValueError`` names
  the offending argument alike.

Degenerate but valid input gives NaN limits, never an exception or a numpy/scipy warning.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from scipy import optimize, stats
from statsmodels.stats.proportion import proportion_confint

__all__ = ["wilson_interval"]

_NAN = float("nan")


# ---------------------------------------------------------------------------------------------
# Input checks
# ---------------------------------------------------------------------------------------------
def _vector(values, name: str) -> np.ndarray:
    """``values`` as a finite, non-empty 1-D float array, else ValueError naming ``name``."""
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a 1-D array of numbers ({exc})") from None
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got {arr.ndim} dimensions")
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty")
    if np.isnan(arr).any():
        raise ValueError(f"{name} contains NaN (drop missing values before calling)")
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} contains infinite values")
    return arr


def _table(values, name: str, shape: tuple[int, int] | None = None) -> np.ndarray:
    """A table of non-negative finite counts, else ValueError naming ``name``."""
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a table of counts ({exc})") from None
    if shape is not None and arr.shape != shape:
        raise ValueError(f"{name} must be a {shape[0]}x{shape[1]} table, got shape {arr.shape}")
    if arr.ndim != 2 or min(arr.shape) < 2:
        raise ValueError(f"{name} must be a 2-D table with at least 2 rows and 2 columns, "
                         f"got shape {arr.shape}")
    if np.isnan(arr).any():
        raise ValueError(f"{name} contains NaN")
    if not np.isfinite(arr).all() or (arr < 0).any():
        raise ValueError(f"{name} must hold non-negative finite counts")
    return arr


def _samples(samples) -> list[np.ndarray]:
    if isinstance(samples, (str, bytes)) or not isinstance(samples, Sequence):
        raise ValueError("samples must be a list of 1-D arrays, one per group")
    if len(samples) < 2:
        raise ValueError(f"samples must hold at least 2 groups, got {len(samples)}")
    return [_vector(group, f"samples[{i}]") for i, group in enumerate(samples)]


def _check_confidence(confidence: float) -> None:
    if not (isinstance(confidence, (int, float)) and 0 < confidence < 1):
        raise ValueError(f"confidence must be strictly between 0 and 1, got {confidence!r}")



def _check_bootstrap(n_boot: int, seed: int) -> None:
    if isinstance(n_boot, bool) or not isinstance(n_boot, (int, np.integer)) or n_boot < 1:
        raise ValueError(f"n_boot must be an integer of at least 1, got {n_boot!r}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise ValueError(f"seed must be an integer, got {seed!r}")


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------
def _z_two_sided(confidence: float) -> float:
    return float(stats.norm.ppf(1 - (1 - confidence) / 2))


def _fisher_z_interval(r: float, se: float, confidence: float,
                       alternative: str) -> tuple[float, float]:
    """Interval ``tanh(atanh(r) ± z se)``; ``[r, r]`` when ``|r| = 1`` (as R)."""
    if abs(r) >= 1.0:
        low = high = r
    else:
        z_r = math.atanh(r)
        if alternative == "two-sided":
            q = _z_two_sided(confidence)
            low, high = math.tanh(z_r - q * se), math.tanh(z_r + q * se)
        else:
            q = float(stats.norm.ppf(confidence))
            low, high = math.tanh(z_r - q * se), math.tanh(z_r + q * se)
    if alternative == "greater":
        high = 1.0
    elif alternative == "less":
        low = -1.0
    return low, high


def _solve_decreasing(func, target: float, start: float) -> float:
    """Root of ``func(x) = target`` for a function decreasing in x, bracketed from ``start``."""
    step = max(1.0, abs(start))
    low, high = start - step, start + step
    for _ in range(200):
        if func(low) >= target:
            break
        low -= step
        step *= 2
    for _ in range(200):
        if func(high) <= target:
            break
        high += step
        step *= 2
    f_low, f_high = func(low) - target, func(high) - target
    if not (math.isfinite(f_low) and math.isfinite(f_high)) or f_low * f_high > 0:
        return _NAN
    return _brentq(lambda v: func(v) - target, low, high)


def _brentq(func, low: float, high: float) -> float:
    """Root of ``func`` in ``[low, high]``; NaN when the solver fails (e.g. a NaN cdf)."""
    try:
        return float(optimize.brentq(func, low, high, xtol=1e-12, rtol=1e-12, maxiter=500))
    except (ValueError, RuntimeError):
        return _NAN


def _ncp_t_interval(t: float, df: int, confidence: float) -> tuple[float, float]:
    """Noncentrality parameters of the noncentral t with the observed t at both tails."""
    alpha = 1 - confidence

    def cdf(ncp: float) -> float:
        return float(stats.nct.cdf(t, df, ncp))

    return (_solve_decreasing(cdf, 1 - alpha / 2, t),
            _solve_decreasing(cdf, alpha / 2, t))


def _ncp_chi2_interval(chi2: float, df: int, confidence: float) -> tuple[float, float]:
    """Noncentrality parameters of the noncentral chi² with the observed chi² at both tails.

    A limit is 0 when even the central chi² puts the observed value below that tail, as
    effectsize's ``.get_ncp_chi`` does.
    """
    alpha = 1 - confidence
    p_central = float(stats.chi2.cdf(chi2, df))

    def cdf(ncp: float) -> float:
        if ncp <= 0:
            return p_central
        return float(stats.ncx2.cdf(chi2, df, ncp))

    def limit(target: float) -> float:
        if p_central <= target:
            return 0.0
        high = max(1.0, 2.0 * chi2)
        for _ in range(200):
            if cdf(high) < target:
                break
            high *= 2
        return _brentq(lambda v: cdf(v) - target, 0.0, high)

    return limit(1 - alpha / 2), limit(alpha / 2)


# ---------------------------------------------------------------------------------------------
# Bootstrap of epsilon²
# ---------------------------------------------------------------------------------------------
#: Up to this many distinct values, bootstrap H is computed from counts (no sorting).
_COUNT_PATH_LEVELS = 256
#: Bootstrap replicates computed at once (bounds memory to about this many values times n).
_BOOT_CHUNK_VALUES = 2_000_000


def _epsilon2_bootstrap(groups: list[np.ndarray], n_boot: int, seed: int) -> np.ndarray:
    """Epsilon² = H / (n - 1) of ``n_boot`` resamples drawn with replacement *within* each
    group (group sizes fixed), from ``numpy.random.default_rng(seed)``.

    For at most :data:`_COUNT_PATH_LEVELS` distinct values each group's resampled value
    counts are drawn from their multinomial distribution (the same resampling); otherwise
    the values are drawn and ranked, :data:`_BOOT_CHUNK_VALUES` values at a time. A resample
    whose values are all identical gets epsilon² = 0.
    """
    pooled = np.concatenate(groups)
    n = pooled.size
    rng = np.random.default_rng(int(seed))
    sizes = np.array([g.size for g in groups])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    # Few distinct values (rating items, scale means of few items): a resample of a group
    # is fully described by how often it holds each value, and drawing n_g values with
    # replacement gives those counts a multinomial distribution with the group's shares.
    # Drawing the counts and computing H from them is the same bootstrap without n × n_boot
    # draws and without ranking.
    distinct, codes = np.unique(pooled, return_inverse=True)
    if distinct.size <= _COUNT_PATH_LEVELS:
        shares = [np.bincount(c, minlength=distinct.size) / c.size
                  for c in np.split(codes, starts[1:])]
        boot = _kruskal_h_counts([rng.multinomial(g.size, share, size=int(n_boot))
                                  for g, share in zip(groups, shares, strict=True)], n)
        return boot / (n - 1)
    chunk = max(1, min(int(n_boot), _BOOT_CHUNK_VALUES // n))
    boot = np.empty(int(n_boot))
    done = 0
    while done < n_boot:
        size = min(chunk, int(n_boot) - done)
        resampled = np.concatenate(
            [g[rng.integers(0, g.size, size=(size, g.size))] for g in groups], axis=1)
        boot[done:done + size] = _kruskal_h_rows(resampled, sizes, starts) / (n - 1)
        done += size
    return boot


def _kruskal_h_counts(counts: Sequence[np.ndarray], n: int) -> np.ndarray:
    """:func:`_kruskal_h_rows` from value counts: one (rows × levels) matrix per group, the
    count of each distinct value (in ascending order of the values) in each row. With
    ``c_k`` values of level k in a row, level k's midrank is ``c_1 + … + c_(k−1) +
    (c_k + 1) / 2``, a group's rank sum its counts times the midranks, the tie term
    ``Σ (c_k³ − c_k)``: the same H without ranking n values."""
    counts = [np.asarray(c, dtype=float) for c in counts]
    total = np.sum(counts, axis=0)
    midrank = np.cumsum(total, axis=1) - total + (total + 1.0) / 2.0
    sums = np.stack([(c * midrank).sum(axis=1) for c in counts], axis=1)
    sizes = np.stack([c.sum(axis=1) for c in counts], axis=1)
    h = 12.0 / (n * (n + 1)) * np.sum(sums**2 / sizes, axis=1) - 3.0 * (n + 1)
    correction = 1.0 - np.sum(total**3 - total, axis=1) / (n**3 - n)
    out = np.zeros(total.shape[0])
    ok = correction > 0
    out[ok] = h[ok] / correction[ok]
    return np.clip(out, 0.0, None)


def _kruskal_h_rows(values: np.ndarray, sizes: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Tie-corrected Kruskal–Wallis H for every row of ``values`` (groups as column blocks).

    Same formula as ``scipy.stats.kruskal``; a row whose values are all identical gets H = 0.
    """
    n = values.shape[1]
    ranks = stats.rankdata(values, axis=1)
    rank_sums = np.add.reduceat(ranks, starts, axis=1)
    h = 12.0 / (n * (n + 1)) * np.sum(rank_sums**2 / sizes, axis=1) - 3.0 * (n + 1)
    # size of the tie group of every value: max rank - min rank + 1; sum(t³ - t) over groups
    tie = stats.rankdata(values, axis=1, method="max") - stats.rankdata(values, axis=1,
                                                                        method="min") + 1
    correction = 1.0 - np.sum(tie**2 - 1.0, axis=1) / (n**3 - n)
    out = np.zeros(values.shape[0])
    ok = correction > 0
    out[ok] = h[ok] / correction[ok]
    return np.clip(out, 0.0, None)


# ---------------------------------------------------------------------------------------------
# Shares
# ---------------------------------------------------------------------------------------------
def wilson_interval(k: float, n: float, *, confidence: float = 0.95,
                    percent: bool = False) -> tuple[float, float]:
    """Wilson's score interval of the share ``k / n`` (no continuity correction): the one
    interval of a share in every table (the frequencies, top box, options, splits, the wave
    comparison) and in Newcombe's difference.

    statsmodels ``proportion_confint(k, n, method="wilson")``; NaN limits when ``n`` is 0;
    in percent (0–100) with ``percent=True``.

    >>> wilson_interval(0, 20)[1]  # doctest: +ELLIPSIS
    0.16112...
    >>> [round(x, 2) for x in wilson_interval(81, 263, percent=True)]  # Newcombe (1998a)
    [25.53, 36.62]
    >>> wilson_interval(0, 0)
    (nan, nan)
    """
    if not n > 0:
        return math.nan, math.nan
    low, high = proportion_confint(k, n, alpha=1 - confidence, method="wilson")
    scale = 100.0 if percent else 1.0
    return scale * max(0.0, float(low)), scale * min(1.0, float(high))
