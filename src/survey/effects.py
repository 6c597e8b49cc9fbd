"""Effect sizes with confidence intervals for the group comparisons and hypotheses.

Conventions: docs/results.md.

One function per effect named in docs/results.md; each returns an :class:`Effect` (``correlation``
also the test statistic and p-value) at full precision. The CI method is named in the
docstring and in :attr:`Effect.method`.

Sign convention (docs/results.md): ``a`` / the first row of a table is ``group_a``, the first group
listed in the codebook; a directional effect is positive when ``group_a`` scores higher (mean,
ranks, or share of the event). Swapping the groups flips the sign of Hedges' g, the
rank-biserial r and the risk difference and inverts the odds ratio; Cramér's V and epsilon²
do not change.

Inputs are checked and a ``ValueError`` names the offending argument (NaN or infinite values,
empty input, wrong table shape). Degenerate but valid input (no variance, an empty row of a
table, too few cases for a CI) gives NaN values or limits, never an exception or a
numpy/scipy warning.

References
----------
- Hedges' g: pooled SD, small-sample factor 1 - 3/(4(n_a + n_b) - 9) (docs/results.md); CI by
  inverting the noncentral t distribution as R ``effectsize::hedges_g`` (0.8.3) does.
- Rank-biserial r = 2 U_a / (n_a n_b) - 1; CI on Fisher's z scale with
  SE = sqrt((n_a + n_b + 1) / (3 n_a n_b)) as R ``effectsize::rank_biserial``.
- Cramér's V (unadjusted) with a CI by inverting the noncentral chi-square distribution as
  R ``effectsize::cramers_v(adjust = FALSE, alternative = "two.sided")``.
- Odds ratio with Woolf's logit CI; Haldane–Anscombe +0.5 when a cell is zero.
- Risk difference with Newcombe's hybrid score CI (Newcombe 1998, Stat Med 17:873–890,
  method 10).
- Epsilon² of the Kruskal–Wallis test, H / ((n² - 1)/(n + 1)) (R
  ``effectsize::rank_epsilon_squared``), with a percentile bootstrap CI.
- Pearson r / Spearman rho with Fisher-z CIs; Spearman's SE after Bonett & Wright (2000,
  Psychometrika 65:23–28).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

from .intervals import (
    _check_bootstrap,
    _check_confidence,
    _epsilon2_bootstrap,
    _fisher_z_interval,
    _ncp_chi2_interval,
    _ncp_t_interval,
    _samples,
    _table,
    _vector,
    _z_two_sided,
    wilson_interval,
)

__all__ = [
    "Effect",
    "hedges_g",
    "rank_biserial",
    "cramers_v",
    "odds_ratio",
    "risk_difference",
    "epsilon_squared",
    "correlation",
]

_NAN = float("nan")
_ALTERNATIVES = ("two-sided", "greater", "less")
_CORRELATION_METHODS = ("pearson", "spearman")


@dataclass(frozen=True)
class Effect:
    """An effect size with its confidence interval.

    Attributes
    ----------
    effect : str
        docs/results.md name: ``hedges_g``, ``rank_biserial``, ``cramers_v``, ``odds_ratio``,
        ``risk_difference``, ``epsilon2`` or ``r``.
    value : float
        Point estimate (NaN when undefined).
    ci_low, ci_high : float
        Confidence limits (NaN when undefined).
    method : str
        The CI method in a few words, e.g. ``"noncentral t"``.
    """

    effect: str
    value: float
    ci_low: float
    ci_high: float
    method: str


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------
def hedges_g(a, b, *, confidence: float = 0.95) -> Effect:
    """Hedges' g of two independent groups with a noncentral-t confidence interval.

    ``g = J * (mean(a) - mean(b)) / s_pooled`` with the pooled SD
    ``s_pooled = sqrt(((n_a - 1) s_a² + (n_b - 1) s_b²) / (n_a + n_b - 2))`` (``ddof=1`` per
    group) and the small-sample factor ``J = 1 - 3 / (4 (n_a + n_b) - 9)`` (docs/results.md).

    CI method "noncentral t": the noncentrality parameters whose noncentral t distribution
    (df = n_a + n_b - 2) puts the observed ``t = d / sqrt(1/n_a + 1/n_b)`` at the upper and
    lower ``(1 - confidence)/2`` quantiles are found by root finding, scaled back to Cohen's d
    by ``sqrt(1/n_a + 1/n_b)`` and multiplied by ``J`` — as R
    ``effectsize::hedges_g(pooled_sd = TRUE)`` (0.8.3, CI method "ncp") does, except that
    effectsize uses the exact gamma-function J (a relative difference below 0.1 % for
    n ≥ 10).

    Parameters
    ----------
    a, b : array_like
        1-D scores of group_a and group_b (no NaN).
    confidence : float
        Two-sided confidence level, strictly between 0 and 1.

    Returns
    -------
    Effect
        ``effect="hedges_g"``, positive when ``a`` has the higher mean. All NaN when the pooled
        SD is zero or ``n_a + n_b < 4`` (for n = 3, J = 0); the CI is NaN when the root
        finding fails (scipy's noncentral t gives NaN for |t| of about 10⁵ and more).

    Examples
    --------
    >>> e = hedges_g([5.0, 6.0, 7.0], [3.0, 4.0, 5.0])  # d = 2 / 1, J = 1 - 3/15
    >>> round(e.value, 4), e.method
    (1.6, 'noncentral t')
    """
    a = _vector(a, "a")
    b = _vector(b, "b")
    _check_confidence(confidence)
    n_a, n_b = a.size, b.size
    df = n_a + n_b - 2
    if df < 2:  # n_a + n_b = 3 gives J = 0
        return Effect("hedges_g", _NAN, _NAN, _NAN, "noncentral t")
    with np.errstate(all="ignore"):
        ss = float(np.sum((a - a.mean()) ** 2) + np.sum((b - b.mean()) ** 2))
        sd_pooled = math.sqrt(ss / df)
        if not sd_pooled > 0 or not math.isfinite(sd_pooled):
            return Effect("hedges_g", _NAN, _NAN, _NAN, "noncentral t")
        d = float(a.mean() - b.mean()) / sd_pooled
        j = 1.0 - 3.0 / (4.0 * (n_a + n_b) - 9.0)
        hn = math.sqrt(1.0 / n_a + 1.0 / n_b)
        ncp_low, ncp_high = _ncp_t_interval(d / hn, df, confidence)
    return Effect("hedges_g", j * d, j * ncp_low * hn, j * ncp_high * hn, "noncentral t")


def rank_biserial(a, b, *, confidence: float = 0.95) -> Effect:
    """Rank-biserial correlation of two independent groups with a Fisher-z interval.

    ``r = 2 U_a / (n_a n_b) - 1`` (docs/results.md), ``U_a`` the Mann–Whitney U of ``a``
    (``scipy.stats.mannwhitneyu(a, b).statistic``, ties get average ranks). This is
    Cliff's delta: P(a > b) - P(a < b).

    CI method "Fisher z": ``tanh(atanh(r) ± z_q * SE)`` with
    ``SE = sqrt((n_a + n_b + 1) / (3 n_a n_b))`` and ``z_q`` the normal quantile at
    ``1 - (1 - confidence)/2``, as R ``effectsize::rank_biserial`` (0.8.3). As there, complete
    separation (``r = ±1``) gives the degenerate interval ``[r, r]``.

    Parameters
    ----------
    a, b : array_like
        1-D scores of group_a and group_b (no NaN).
    confidence : float
        Two-sided confidence level, strictly between 0 and 1.

    Returns
    -------
    Effect
        ``effect="rank_biserial"``, positive when ``a`` tends to have the higher ranks.

    Examples
    --------
    >>> e = rank_biserial([3, 4, 5, 5], [1, 2, 3])
    >>> round(e.value, 4), e.method
    (0.9167, 'Fisher z')
    """
    a = _vector(a, "a")
    b = _vector(b, "b")
    _check_confidence(confidence)
    n_a, n_b = a.size, b.size
    u_a = float(stats.mannwhitneyu(a, b, method="asymptotic").statistic)
    r = 2.0 * u_a / (n_a * n_b) - 1.0
    r = min(1.0, max(-1.0, r))
    se = math.sqrt((n_a + n_b + 1) / (3.0 * n_a * n_b))
    low, high = _fisher_z_interval(r, se, confidence, "two-sided")
    return Effect("rank_biserial", r, low, high, "Fisher z")


def cramers_v(table, *, confidence: float = 0.95) -> Effect:
    """Cramér's V of an r x c table of counts with a noncentral chi-square interval.

    ``V = sqrt(chi² / (n (min(r, c) - 1)))`` with Pearson's chi² **without** continuity
    correction (docs/results.md) and no bias adjustment.

    CI method "noncentral chi-square": the noncentrality parameters λ that put the observed
    chi² (df = (r - 1)(c - 1)) at the upper and lower ``(1 - confidence)/2`` quantiles of the
    noncentral chi-square distribution (λ = 0 when no positive solution exists), converted
    by ``sqrt(λ / (n (min(r, c) - 1)))`` and capped at 1 — two-sided, as R
    ``effectsize::cramers_v(x, adjust = FALSE, alternative = "two.sided")`` (0.8.3; its
    default ``alternative = "greater"`` would give a one-sided interval with upper limit 1).

    Parameters
    ----------
    table : array_like
        2-D table of non-negative counts, at least 2 x 2.
    confidence : float
        Two-sided confidence level, strictly between 0 and 1.

    Returns
    -------
    Effect
        ``effect="cramers_v"`` (not directional). All NaN when a row or column total is zero
        (drop empty levels before calling if that is wanted).

    Examples
    --------
    >>> e = cramers_v([[12, 7, 5], [6, 9, 14]])
    >>> round(e.value, 4), e.method
    (0.3391, 'noncentral chi-square')
    """
    counts = _table(table, "table")
    _check_confidence(confidence)
    method = "noncentral chi-square"
    n = float(counts.sum())
    rows, cols = counts.sum(axis=1), counts.sum(axis=0)
    if n <= 0 or np.any(rows <= 0) or np.any(cols <= 0):
        return Effect("cramers_v", _NAN, _NAN, _NAN, method)
    with np.errstate(all="ignore"):
        expected = np.outer(rows, cols) / n
        chi2 = float(np.sum((counts - expected) ** 2 / expected))
        k = min(counts.shape) - 1
        df = (counts.shape[0] - 1) * (counts.shape[1] - 1)
        value = math.sqrt(chi2 / (n * k))
        ncp_low, ncp_high = _ncp_chi2_interval(chi2, df, confidence)
        low = min(1.0, math.sqrt(ncp_low / (n * k)))
        high = min(1.0, math.sqrt(ncp_high / (n * k)))
    return Effect("cramers_v", value, low, high, method)


def odds_ratio(table, *, confidence: float = 0.95) -> Effect:
    """Sample odds ratio of a 2x2 table with Woolf's (logit) confidence interval.

    ``table`` rows are ``[group_a, group_b]``, columns ``[event, no event]``;
    ``OR = (n11 / n12) / (n21 / n22)``, the odds of the event in group_a over those in
    group_b.

    CI method "Woolf (log)": ``exp(log OR ± z_q sqrt(1/n11 + 1/n12 + 1/n21 + 1/n22))`` with
    ``z_q`` the normal quantile at ``1 - (1 - confidence)/2``. When a cell is zero, 0.5 is
    added to every cell (Haldane–Anscombe) for the estimate and the CI, and ``method`` says
    so.

    Parameters
    ----------
    table : array_like
        2x2 table of non-negative counts.
    confidence : float
        Two-sided confidence level, strictly between 0 and 1.

    Returns
    -------
    Effect
        ``effect="odds_ratio"``, above 1 when group_a has the higher odds; swapping the rows
        inverts it. All NaN when a row or a column total is zero (the OR is undefined).

    Examples
    --------
    >>> e = odds_ratio([[10, 5], [4, 11]])
    >>> round(e.value, 4), e.method
    (5.5, 'Woolf (log)')
    >>> odds_ratio([[6, 0], [2, 4]]).method
    'Woolf (log), Haldane–Anscombe +0.5 (zero cell)'
    """
    counts = _table(table, "table", shape=(2, 2))
    _check_confidence(confidence)
    method = "Woolf (log)"
    if np.any(counts.sum(axis=1) <= 0) or np.any(counts.sum(axis=0) <= 0):
        return Effect("odds_ratio", _NAN, _NAN, _NAN, method)
    if np.any(counts == 0):
        counts = counts + 0.5
        method = "Woolf (log), Haldane–Anscombe +0.5 (zero cell)"
    (n11, n12), (n21, n22) = counts
    log_or = math.log(n11) + math.log(n22) - math.log(n12) - math.log(n21)
    se = math.sqrt(1.0 / n11 + 1.0 / n12 + 1.0 / n21 + 1.0 / n22)
    z = _z_two_sided(confidence)
    return Effect("odds_ratio", math.exp(log_or), math.exp(log_or - z * se),
                  math.exp(log_or + z * se), method)


def risk_difference(table, *, confidence: float = 0.95) -> Effect:
    """Difference of the event shares of a 2x2 table with Newcombe's hybrid score interval.

    ``table`` rows are ``[group_a, group_b]``, columns ``[event, no event]``;
    ``RD = p_a - p_b`` with ``p_a = n11 / (n11 + n12)`` and ``p_b = n21 / (n21 + n22)``.

    CI method "Newcombe hybrid score (method 10)" (Newcombe 1998, Stat Med 17:873–890):
    with the Wilson score intervals ``(l_a, u_a)`` and ``(l_b, u_b)`` (no continuity
    correction) of the two shares, ``L = RD - sqrt((p_a - l_a)² + (u_b - p_b)²)`` and
    ``U = RD + sqrt((u_a - p_a)² + (p_b - l_b)²)``. Same as statsmodels
    ``confint_proportions_2indep(method="newcomb")``.

    Parameters
    ----------
    table : array_like
        2x2 table of non-negative counts.
    confidence : float
        Two-sided confidence level, strictly between 0 and 1.

    Returns
    -------
    Effect
        ``effect="risk_difference"`` (a share difference in [-1, 1]), positive when group_a
        has the higher share of the event. All NaN when a row total is zero.

    Examples
    --------
    >>> e = risk_difference([[56, 14], [48, 32]])  # Newcombe (1998), example (a)
    >>> round(e.value, 4), round(e.ci_low, 4), round(e.ci_high, 4)
    (0.2, 0.0524, 0.3339)
    """
    counts = _table(table, "table", shape=(2, 2))
    _check_confidence(confidence)
    method = "Newcombe hybrid score (method 10)"
    n_a, n_b = counts.sum(axis=1)
    if n_a <= 0 or n_b <= 0:
        return Effect("risk_difference", _NAN, _NAN, _NAN, method)
    p_a, p_b = counts[0, 0] / n_a, counts[1, 0] / n_b
    l_a, u_a = wilson_interval(counts[0, 0], n_a, confidence=confidence)
    l_b, u_b = wilson_interval(counts[1, 0], n_b, confidence=confidence)
    rd = float(p_a - p_b)
    low = rd - math.sqrt((p_a - l_a) ** 2 + (u_b - p_b) ** 2)
    high = rd + math.sqrt((u_a - p_a) ** 2 + (p_b - l_b) ** 2)
    return Effect("risk_difference", rd, max(-1.0, low), min(1.0, high), method)


def epsilon_squared(samples: Sequence, *, confidence: float = 0.95, n_boot: int = 2000,
                    seed: int = 20220110) -> Effect:
    """Epsilon² of the Kruskal–Wallis test with a percentile bootstrap interval.

    ``ε² = H / ((n² - 1) / (n + 1))`` (= H / (n - 1)) with the tie-corrected H of
    ``scipy.stats.kruskal`` and n the total number of cases — the point estimate of R
    ``effectsize::rank_epsilon_squared``.

    CI method "bootstrap percentile": ``n_boot`` resamples drawn with replacement *within*
    each group (group sizes fixed, as effectsize does), seeded with ``seed`` (for at most
    256 distinct values each group's resampled value counts are drawn from their
    multinomial distribution, which is the same resampling); the limits are the
    ``(1 - confidence)/2`` and ``1 - (1 - confidence)/2`` quantiles of the resampled ε²
    (two-sided; effectsize's default is one-sided), clipped to [0, 1]. A resample whose values
    are all identical has no rank differences between groups and counts as ε² = 0.

    Parameters
    ----------
    samples : sequence of array_like
        One 1-D array of scores per group (at least two groups, none empty, no NaN).
    confidence : float
        Two-sided confidence level, strictly between 0 and 1.
    n_boot : int
        Number of bootstrap resamples (at least 1).
    seed : int
        Seed of ``numpy.random.default_rng``; the same seed gives the same interval.

    Returns
    -------
    Effect
        ``effect="epsilon2"`` in [0, 1] (not directional). All NaN when all values are
        identical.

    Examples
    --------
    >>> e = epsilon_squared([[1, 2, 3], [4, 5, 6], [7, 8, 9]], n_boot=200)
    >>> round(e.value, 4), e.method
    (0.9, 'bootstrap percentile')
    """
    groups = _samples(samples)
    _check_confidence(confidence)
    _check_bootstrap(n_boot, seed)
    method = "bootstrap percentile"
    pooled = np.concatenate(groups)
    n = pooled.size
    if np.all(pooled == pooled[0]):
        return Effect("epsilon2", _NAN, _NAN, _NAN, method)
    h = float(stats.kruskal(*groups).statistic)
    value = h / ((n**2 - 1) / (n + 1))
    boot = _epsilon2_bootstrap(groups, int(n_boot), int(seed))
    alpha = 1.0 - confidence
    low, high = np.quantile(boot, [alpha / 2, 1 - alpha / 2])
    return Effect("epsilon2", value, float(np.clip(low, 0.0, 1.0)),
                  float(np.clip(high, 0.0, 1.0)), method)


def correlation(x, y, *, method: str = "pearson", alternative: str = "two-sided",
                confidence: float = 0.95) -> tuple[Effect, float, float]:
    """Pearson or Spearman correlation with test statistic, p-value and Fisher-z interval.

    Pearson: r and p from ``scipy.stats.pearsonr(x, y, alternative=...)`` (the t-test of r,
    df = n - 2, same as R ``cor.test``); the statistic is ``t = r sqrt((n - 2) / (1 - r²))``.
    A point-biserial r is Pearson's r with a 0/1 ``x``.

    Spearman: rho and p from ``scipy.stats.spearmanr(x, y, alternative=...)`` (ties get
    average ranks; p from the t approximation with df = n - 2, as R
    ``cor.test(method = "spearman", exact = FALSE)``); the statistic is that t,
    ``rho sqrt((n - 2) / (1 - rho²))``, not rho itself and not R's S.

    CI method "Fisher z": ``tanh(atanh(r) ± z_q SE)`` with ``SE = 1 / sqrt(n - 3)`` for
    Pearson (as R ``cor.test``) and ``SE = sqrt((1 + rho² / 2) / (n - 3))`` for Spearman
    (Bonett & Wright 2000; ``method`` says "Fisher z, Bonett–Wright SE"). Two-sided: ``z_q`` at
    ``1 - (1 - confidence)/2``. One-sided (``alternative`` "greater" or "less"): the one-sided
    ``confidence`` bound with ``z_q`` at ``confidence`` and the other limit 1 (for "greater")
    or -1 (for "less"), as R ``cor.test`` does; ``method`` then ends in ", one-sided".

    Parameters
    ----------
    x, y : array_like
        1-D paired observations of equal length (no NaN).
    method : {"pearson", "spearman"}
        Correlation coefficient.
    alternative : {"two-sided", "greater", "less"}
        Alternative hypothesis; "greater" tests a positive correlation.
    confidence : float
        Confidence level, strictly between 0 and 1.

    Returns
    -------
    effect : Effect
        ``effect="r"`` (for both methods).
    statistic : float
        The t statistic described above (±inf when ``|r| = 1``).
    p : float
        p-value for ``alternative``.

    All NaN when ``x`` or ``y`` is constant or ``n < 3``; the CI is NaN when ``n < 4``.

    Examples
    --------
    >>> e, t, p = correlation([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])
    >>> round(e.value, 2), round(t, 4), e.method
    (0.8, 2.3094, 'Fisher z')
    """
    x, y, label = _correlation_input(x, y, method, alternative, confidence)
    n = x.size
    if n < 3 or np.all(x == x[0]) or np.all(y == y[0]):
        return Effect("r", _NAN, _NAN, _NAN, label), _NAN, _NAN
    r, t, p = _correlation_test(x, y, method, alternative)
    if n < 4:
        return Effect("r", r, _NAN, _NAN, label), t, p
    se = 1.0 / math.sqrt(n - 3) if method == "pearson" else math.sqrt((1 + r * r / 2) / (n - 3))
    low, high = _fisher_z_interval(r, se, confidence, alternative)
    return Effect("r", r, low, high, label), t, p


def _correlation_input(x, y, method: str, alternative: str,
                       confidence: float) -> tuple[np.ndarray, np.ndarray, str]:
    """The checked ``x`` and ``y`` of :func:`correlation` and the label of its CI method."""
    x = _vector(x, "x")
    y = _vector(y, "y")
    if y.size != x.size:
        raise ValueError(f"y must have the same length as x ({x.size}), got {y.size}")
    if method not in _CORRELATION_METHODS:
        raise ValueError(f"method must be one of {_CORRELATION_METHODS}, got {method!r}")
    if alternative not in _ALTERNATIVES:
        raise ValueError(f"alternative must be one of {_ALTERNATIVES}, got {alternative!r}")
    _check_confidence(confidence)
    label = "Fisher z" if method == "pearson" else "Fisher z, Bonett–Wright SE"
    if alternative != "two-sided":
        label += ", one-sided"
    return x, y, label


def _correlation_test(x: np.ndarray, y: np.ndarray, method: str,
                      alternative: str) -> tuple[float, float, float]:
    """r (±1 exactly for a perfect correlation), its t statistic and p-value."""
    n = x.size
    if method == "pearson":
        res = stats.pearsonr(x, y, alternative=alternative)
    else:
        res = stats.spearmanr(x, y, alternative=alternative)
    r = min(1.0, max(-1.0, float(res.statistic)))
    if abs(abs(r) - 1.0) < 1e-12:  # rounding of a perfect (rank) correlation
        r = math.copysign(1.0, r)
    p = float(res.pvalue)
    with np.errstate(all="ignore"):
        t = math.copysign(math.inf, r) if abs(r) == 1.0 else r * math.sqrt((n - 2) / (1 - r * r))
    return r, t, p
