"""The numerical core of reliability: alpha, Feldt's CI and omega from an item matrix.

Its one job is the arithmetic on the complete cases of one scale (a float matrix, one row
per respondent, one column per already keyed item): checking the input is numeric, the
covariance and correlation matrices, Cronbach's alpha (raw and standardised), Feldt's
interval, corrected item-rest correlations, alpha if an item is deleted, McDonald's omega
total and a score's mean and SD. :mod:`survey.scales` turns these numbers into the rows of
``reliability.csv`` and ``item_total.csv``.

Nothing is rounded. The private helpers expect to be called inside
``np.errstate(all="ignore")``: degenerate input (a single item, an item without variance,
fewer than two cases) gives NaN, never an exception or a numpy warning.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy import optimize, stats

from .errors import DataError

__all__ = ["feldt_ci"]

#: Upper bound of a communality in the one-factor fit (psych's ``fa`` bounds uniquenesses
#: below at 0.005, i.e. communalities above at 0.995).
_MAX_COMMUNALITY = 0.995


def feldt_ci(alpha: float, n: int, k: int, confidence: float = 0.95) -> tuple[float, float]:
    """Feldt's confidence interval for Cronbach's alpha.

    Parameters
    ----------
    alpha : float
        Sample Cronbach's alpha.
    n : int
        Number of respondents alpha was computed on (for a scale with missing answers: the
        number of complete cases).
    k : int
        Number of items.
    confidence : float
        Confidence level, strictly between 0 and 1 (default 0.95).

    Returns
    -------
    low, high : float
        Lower and upper confidence limit; both NaN when ``n < 2``, ``k < 2`` or ``alpha`` is
        not finite.

    Raises
    ------
    ValueError
        If ``confidence`` is not strictly between 0 and 1.

    Notes
    -----
    Feldt (1965) showed that :math:`W = (1 - \\alpha) / (1 - \\hat\\alpha)` follows an F
    distribution with :math:`df_1 = n - 1` and :math:`df_2 = (n - 1)(k - 1)` degrees of
    freedom. With :math:`a = 1 - \\text{confidence}` and :math:`F_p` the *p*-quantile of that
    distribution (Feldt, Woodruff & Salih 1987, formulas 6 and 7):

    .. math::

        c_L = 1 - (1 - \\hat\\alpha) \\, F_{1 - a/2}, \\qquad
        c_U = 1 - (1 - \\hat\\alpha) \\, F_{a/2}

    This is what ``psych::alpha.ci`` and ``pingouin.cronbach_alpha`` compute, but pingouin 0.7
    with ``nan_policy="listwise"`` (and ``psych::alpha(use="complete.obs")``) plug in the
    number of rows *before* incomplete rows are dropped; docs/results.md wants the complete-case n,
    which is what the caller passes here. Nothing is rounded.

    References
    ----------
    .. [1] Feldt, L. S. (1965). The approximate sampling distribution of Kuder-Richardson
           reliability coefficient twenty. Psychometrika, 30(3), 357-370.
    .. [2] Feldt, L. S., Woodruff, D. J., & Salih, F. A. (1987). Statistical inference for
           coefficient alpha. Applied Psychological Measurement, 11(1), 93-103.

    Examples
    --------
    >>> from survey.reliabilitymath import feldt_ci
    >>> low, high = feldt_ci(0.913, n=873, k=20)
    >>> print(f"{low:.7f} {high:.7f}")
    0.9044024 0.9211588
    >>> feldt_ci(0.8, n=1, k=5)
    (nan, nan)
    """
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be strictly between 0 and 1, got {confidence!r}")
    n = int(n)
    k = int(k)
    if n < 2 or k < 2 or not math.isfinite(alpha):
        return (math.nan, math.nan)
    tail = 1.0 - confidence
    df1 = n - 1
    df2 = df1 * (k - 1)
    with np.errstate(all="ignore"):
        f_upper = float(stats.f.ppf(1.0 - tail / 2.0, df1, df2))
        f_lower = float(stats.f.ppf(tail / 2.0, df1, df2))
    low = 1.0 - (1.0 - alpha) * f_upper
    high = 1.0 - (1.0 - alpha) * f_lower
    return (float(low), float(high))


# ---------------------------------------------------------------------------------------------
# Input
# ---------------------------------------------------------------------------------------------
def _numeric_items(items: pd.DataFrame) -> pd.DataFrame:
    """Check that every column is numeric (bool, int, float) and return a float copy."""
    if not isinstance(items, pd.DataFrame):
        raise DataError(f"items must be a pandas DataFrame, got {type(items).__name__}")
    for col in items.columns:
        if items[col].dtype.kind not in "biuf":
            raise DataError(
                f"item scores must be numeric, got dtype {items[col].dtype}", column=str(col)
            )
    return items.astype(float)


def _complete_cases(items: pd.DataFrame) -> tuple[list[str], np.ndarray]:
    """The items' names and the float matrix of the respondents who answered every item.

    >>> names, x = _complete_cases(pd.DataFrame({"a": [1, 2, None], "b": [3, 4, 5]}))
    >>> names, x.tolist()
    (['a', 'b'], [[1.0, 3.0], [2.0, 4.0]])
    """
    data = _numeric_items(items)
    names = [str(c) for c in data.columns]
    return names, data.dropna(how="any").to_numpy(dtype=float)


def _numeric_score(score: pd.Series) -> np.ndarray:
    """Non-missing values of the scale-score column as floats."""
    series = pd.Series(score)
    if series.dtype.kind not in "biuf":
        raise DataError(
            f"scale score must be numeric, got dtype {series.dtype}",
            column=str(series.name) if series.name is not None else None,
        )
    values = series.astype(float).to_numpy()
    return values[~np.isnan(values)]


# ---------------------------------------------------------------------------------------------
# Matrices and coefficients (all called inside np.errstate(all="ignore"))
# ---------------------------------------------------------------------------------------------
def _covariance(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sample covariance (ddof=1) of the columns of ``x`` and a mask of constant columns.

    Constant columns get exactly zero variance and covariances. With fewer than two rows the
    matrix is all NaN and no column is reported constant.
    """
    n, k = x.shape
    if n < 2:
        return np.full((k, k), np.nan), np.zeros(k, dtype=bool)
    constant = np.ptp(x, axis=0) == 0
    dev = x - x.mean(axis=0)
    dev[:, constant] = 0.0
    cov = dev.T @ dev / (n - 1)
    return cov, constant


def _correlation(cov: np.ndarray, constant: np.ndarray) -> np.ndarray:
    """Correlation matrix from a covariance matrix; NaN rows/columns for constant items."""
    sd = np.sqrt(np.diag(cov))
    corr = cov / np.outer(sd, sd)
    corr[constant, :] = np.nan
    corr[:, constant] = np.nan
    np.fill_diagonal(corr, np.where(np.isnan(sd) | constant, np.nan, 1.0))
    return corr


def _cronbach(cov: np.ndarray) -> float:
    """Cronbach's alpha :math:`\\frac{k}{k-1}(1 - \\sum s_i^2 / s_X^2)` from a covariance
    matrix; NaN if k < 2 or the total has no variance."""
    k = cov.shape[0]
    if k < 2:
        return math.nan
    total = float(cov.sum())
    if not math.isfinite(total) or total <= 0:
        return math.nan
    return k / (k - 1) * (1.0 - float(np.trace(cov)) / total)


def _standardised_alpha(k: int, mean_r: float) -> float:
    """Standardised alpha :math:`k \\bar r / (1 + (k - 1) \\bar r)`; NaN where undefined."""
    if k < 2 or not math.isfinite(mean_r):
        return math.nan
    denom = 1.0 + (k - 1) * mean_r
    return k * mean_r / denom if denom != 0 else math.nan


def _alpha_if_deleted(cov: np.ndarray) -> np.ndarray:
    """Per item, Cronbach's alpha of the other items."""
    k = cov.shape[0]
    out = np.full(k, np.nan)
    for i in range(k):
        keep = [j for j in range(k) if j != i]
        out[i] = _cronbach(cov[np.ix_(keep, keep)])
    return out


def _mean_offdiag(corr: np.ndarray) -> float:
    """Mean of the off-diagonal elements (NaN if there are none or any is NaN)."""
    k = corr.shape[0]
    if k < 2:
        return math.nan
    return float(corr[~np.eye(k, dtype=bool)].mean())


def _item_rest(cov: np.ndarray) -> np.ndarray:
    """Corrected item-total (item-rest) correlations from a covariance matrix."""
    k = cov.shape[0]
    out = np.full(k, np.nan)
    if k < 2:
        return out
    for i in range(k):
        rest = [j for j in range(k) if j != i]
        var_i = cov[i, i]
        var_rest = cov[np.ix_(rest, rest)].sum()
        cov_ir = cov[i, rest].sum()
        if var_i > 0 and var_rest > 0:
            out[i] = cov_ir / math.sqrt(var_i * var_rest)
    return out


def _omega_total(corr: np.ndarray) -> float:
    """psych-style omega total from a one-factor minres fit of a correlation matrix.

    Notes
    -----
    Omega total follows ``psych::omega(x, nfactors = 1)``'s ``omega.tot``: a one-factor
    minimum-residual (minres/ULS) fit of the complete-case correlation matrix :math:`R`, i.e.
    loadings :math:`\\lambda` minimising :math:`\\sum_{i<j} (r_{ij} - \\lambda_i\\lambda_j)^2`
    with communalities :math:`\\lambda_i^2 \\le 0.995` (psych's bound), then

    .. math::

        \\omega_t = 1 - \\frac{\\sum_i (1 - \\lambda_i^2)}{V_t}, \\qquad
        V_t = \\sum_{i,j} r_{ij}

    (observed total variance of the standardised items, diagonal included). This is the
    omega.tot that R users get from psych, so it can be checked against it; it needs no
    normality assumption (minres, not ML). The model-implied variant
    :math:`(\\sum\\lambda)^2 / ((\\sum\\lambda)^2 + \\sum\\psi)` differs in the fourth decimal
    (bfi Agreeableness: 0.74805 vs 0.74751).

    Unlike psych, no item is sign-flipped: items are expected to be keyed already, and a
    wrongly keyed item lowers omega as it lowers alpha. In a Heywood case psych's final
    loadings can exceed its bound (communality > 1, negative ``u2``, an "ultra-Heywood"
    warning); here the communality stays at 0.995, so omega is a little lower than psych's.
    """
    k = corr.shape[0]
    if k < 3 or not np.all(np.isfinite(corr)):
        return math.nan
    v_total = float(corr.sum())
    if v_total <= 0:
        return math.nan
    loadings = _one_factor(corr)
    if loadings is None:
        return math.nan
    uniqueness = 1.0 - loadings**2
    return 1.0 - float(uniqueness.sum()) / v_total


def _one_factor(corr: np.ndarray) -> np.ndarray | None:
    """Loadings of a one-factor minres fit of a (finite) correlation matrix, communalities
    bounded by :data:`_MAX_COMMUNALITY`; None when the fit fails."""
    k = corr.shape[0]
    rows, cols = np.triu_indices(k, 1)
    r = corr[rows, cols]

    def residuals(lam: np.ndarray) -> np.ndarray:
        return lam[rows] * lam[cols] - r

    def jacobian(lam: np.ndarray) -> np.ndarray:
        jac = np.zeros((r.size, k))
        pairs = np.arange(r.size)
        jac[pairs, rows] = lam[cols]
        jac[pairs, cols] = lam[rows]
        return jac

    bound = math.sqrt(_MAX_COMMUNALITY)
    # Start from the first principal component, scaled to the bounds.
    eigval, eigvec = np.linalg.eigh(corr)
    start = eigvec[:, -1] * math.sqrt(max(eigval[-1], 0.0))
    if start.sum() < 0:
        start = -start
    start = np.clip(start, -0.9 * bound, 0.9 * bound)
    try:
        fit = optimize.least_squares(
            residuals,
            start,
            jac=jacobian,
            bounds=(-bound, bound),
            method="trf",
            xtol=1e-15,
            ftol=1e-15,
            gtol=1e-15,
            max_nfev=10_000,
        )
    except (ValueError, np.linalg.LinAlgError):
        return None
    if fit.status <= 0 or not np.all(np.isfinite(fit.x)):
        return None
    return fit.x


def _mean_sd(values: np.ndarray) -> tuple[float, float]:
    """Mean and SD (ddof=1) of a 1-d array without NaN; NaN where undefined."""
    n = values.size
    mean = float(values.mean()) if n else math.nan
    sd = float(values.std(ddof=1)) if n >= 2 else math.nan
    return mean, sd
