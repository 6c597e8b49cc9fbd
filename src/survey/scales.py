"""Reliability statistics of one scale: Cronbach's alpha, Feldt's CI, omega, item-total table.

Pure functions on a DataFrame whose columns are the (already reverse-keyed) numeric item
scores of one scale, one row per respondent, NaN for a missing answer. Everything is computed
on the *complete cases* (respondents who answered every item of the scale), as SPSS
``RELIABILITY`` does, and returned at full precision: rounding, labels and the ``scale``/
``label``/``reversed`` columns of docs/results.md (``reliability.csv``,
``item_total.csv``) are added by the caller.

Degenerate input (a single item, an item without variance, fewer than two complete cases) gives
NaN and an entry in ``problems``, never an exception or a numpy/scipy warning.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy import optimize, stats

from .codebook import Codebook
from .derive import keyed_items
from .errors import DataError
from .messages import text

__all__ = [
    "RELIABILITY_COLUMNS",
    "ITEM_TOTAL_COLUMNS",
    "feldt_ci",
    "reliability_stats",
    "item_total_stats",
    "reliability",
    "item_total",
    "scale_problems",
]

#: Columns of ``reliability.csv`` (docs/results.md, plus ``section`` and ``problems``).
RELIABILITY_COLUMNS = ["scale", "label", "section", "n_items", "n_complete", "alpha",
                       "alpha_ci_low", "alpha_ci_high", "alpha_std", "mean_r", "omega", "mean",
                       "sd", "problems"]
#: Columns of ``item_total.csv`` (docs/results.md, plus ``n_complete``).
ITEM_TOTAL_COLUMNS = ["scale", "item", "label", "reversed", "n_complete", "mean", "sd",
                      "r_item_rest", "alpha_if_deleted"]

#: Upper bound of a communality in the one-factor fit (psych's ``fa`` bounds uniquenesses
#: below at 0.005, i.e. communalities above at 0.995).
_MAX_COMMUNALITY = 0.995

_ITEM_TOTAL_COLUMNS = ["item", "mean", "sd", "r_item_rest", "alpha_if_deleted"]


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------
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
    >>> from survey.scales import feldt_ci
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


def reliability_stats(
    items: pd.DataFrame,
    *,
    confidence: float = 0.95,
    score: pd.Series | None = None,
) -> dict:
    """Reliability of one scale on its complete cases (one row of ``reliability.csv``).

    Parameters
    ----------
    items : pandas.DataFrame
        One column per item of the scale, already reverse-keyed, numeric; NaN = missing.
    confidence : float
        Confidence level of Feldt's interval for alpha (default 0.95).
    score : pandas.Series, optional
        The scale score column (e.g. mean of answered items when enough are answered). Its mean
        and SD are reported as ``mean`` and ``sd``. If None, the row means of the complete
        cases are used.

    Returns
    -------
    dict
        ``n_items`` : int
            Number of items (columns).
        ``n_complete`` : int
            Respondents who answered every item (listwise, as SPSS ``RELIABILITY``).
        ``alpha`` : float
            Cronbach's alpha :math:`\\frac{k}{k-1}(1 - \\sum s_i^2 / s_X^2)` from the
            complete-case covariance matrix (ddof=1).
        ``alpha_ci_low``, ``alpha_ci_high`` : float
            Feldt's interval (:func:`feldt_ci`) with ``n = n_complete``.
        ``alpha_std`` : float
            Standardised alpha :math:`k \\bar r / (1 + (k - 1) \\bar r)`.
        ``mean_r`` : float
            Mean off-diagonal Pearson correlation :math:`\\bar r` of the complete cases.
        ``omega`` : float
            McDonald's omega total from a one-factor minres fit (see Notes); NaN when it cannot
            be estimated (fewer than 3 items, fewer than ``n_items + 1`` complete cases, an
            item without variance, or the fit fails).
        ``mean``, ``sd`` : float
            Mean and SD (ddof=1) of ``score`` (NaN dropped), or of the complete-case row means.
        ``problems`` : list of tuple
            ``(code, item_or_None)`` pairs, in this order: ``("single_item", None)`` (fewer
            than 2 items), ``("too_few_cases", None)`` (fewer than 2 complete cases),
            ``("zero_variance", item)`` for every item constant on the complete cases,
            ``("negative_item_rest", item)`` for every item whose corrected item-rest
            correlation is negative (check its keying: "Polung prüfen").

    Raises
    ------
    DataError
        If a column of ``items`` (or ``score``) is not numeric.

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

    Examples
    --------
    >>> import pandas as pd
    >>> from survey.scales import reliability_stats
    >>> items = pd.DataFrame({"q1": [1, 2, 3, 4, None],
    ...                       "q2": [2, 2, 4, 5, 1],
    ...                       "q3": [2, 3, 3, 5, 2]})
    >>> res = reliability_stats(items)
    >>> res["n_complete"], round(res["alpha"], 4), res["problems"]
    (4, 0.962, [])
    """
    data = _numeric_items(items)
    names = [str(c) for c in data.columns]
    k = len(names)
    complete = data.dropna(how="any").to_numpy(dtype=float)
    n = complete.shape[0]
    problems: list[tuple[str, str | None]] = []
    if k < 2:
        problems.append(("single_item", None))
    if n < 2:
        problems.append(("too_few_cases", None))

    with np.errstate(all="ignore"):
        cov, constant = _covariance(complete)
        if n >= 2:
            problems.extend(("zero_variance", names[i]) for i in np.flatnonzero(constant))
        alpha = _cronbach(cov)
        low, high = feldt_ci(alpha, n, k, confidence)
        corr = _correlation(cov, constant)
        mean_r = _mean_offdiag(corr)
        alpha_std = math.nan
        if k >= 2 and math.isfinite(mean_r):
            denom = 1.0 + (k - 1) * mean_r
            alpha_std = k * mean_r / denom if denom != 0 else math.nan
        omega = _omega_total(corr) if (k >= 3 and n >= k + 1) else math.nan
        r_rest = _item_rest(cov)
        problems.extend(("negative_item_rest", names[i]) for i in range(k) if r_rest[i] < 0)
        if score is None:
            values = complete.mean(axis=1) if k else np.empty(0)
        else:
            values = _numeric_score(score)
        mean, sd = _mean_sd(values)

    return {
        "n_items": k,
        "n_complete": int(n),
        "alpha": _f(alpha),
        "alpha_ci_low": _f(low),
        "alpha_ci_high": _f(high),
        "alpha_std": _f(alpha_std),
        "mean_r": _f(mean_r),
        "omega": _f(omega),
        "mean": _f(mean),
        "sd": _f(sd),
        "problems": problems,
    }


def item_total_stats(items: pd.DataFrame) -> pd.DataFrame:
    """Item-total statistics of one scale (the rows of ``item_total.csv``).

    Everything is computed on the complete cases of the whole scale, as SPSS ``RELIABILITY
    /SUMMARY=TOTAL`` does.

    Parameters
    ----------
    items : pandas.DataFrame
        One column per item of the scale, already reverse-keyed, numeric; NaN = missing.

    Returns
    -------
    pandas.DataFrame
        One row per item, in column order, with columns:

        ``item`` : str
            Column name of the item.
        ``mean``, ``sd`` : float
            Mean and SD (ddof=1) of the item on the complete cases.
        ``r_item_rest`` : float
            Corrected item-total correlation: Pearson r of the item with the sum of the other
            items. NaN for a single item, an item without variance, or a constant rest.
        ``alpha_if_deleted`` : float
            Cronbach's alpha of the scale without this item; NaN when fewer than two items
            remain or it is undefined.

    Raises
    ------
    DataError
        If a column of ``items`` is not numeric.
    """
    data = _numeric_items(items)
    names = [str(c) for c in data.columns]
    k = len(names)
    complete = data.dropna(how="any").to_numpy(dtype=float)
    n = complete.shape[0]
    with np.errstate(all="ignore"):
        cov, _ = _covariance(complete)
        means = complete.mean(axis=0) if n else np.full(k, np.nan)
        sds = np.sqrt(np.diag(cov)) if k else np.empty(0)
        r_rest = _item_rest(cov)
        alpha_del = np.full(k, np.nan)
        for i in range(k):
            keep = [j for j in range(k) if j != i]
            alpha_del[i] = _cronbach(cov[np.ix_(keep, keep)])
    out = pd.DataFrame(
        {
            "item": names,
            "mean": means.astype(float),
            "sd": sds.astype(float),
            "r_item_rest": r_rest.astype(float),
            "alpha_if_deleted": alpha_del.astype(float),
        },
        columns=_ITEM_TOTAL_COLUMNS,
    )
    return out


# ---------------------------------------------------------------------------------------------
# Helpers (all called inside np.errstate(all="ignore"))
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
    """Cronbach's alpha from a covariance matrix; NaN if k < 2 or the total has no variance."""
    k = cov.shape[0]
    if k < 2:
        return math.nan
    total = float(cov.sum())
    if not math.isfinite(total) or total <= 0:
        return math.nan
    return k / (k - 1) * (1.0 - float(np.trace(cov)) / total)


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
    """psych-style omega total from a one-factor minres fit of a correlation matrix."""
    k = corr.shape[0]
    if k < 3 or not np.all(np.isfinite(corr)):
        return math.nan
    v_total = float(corr.sum())
    if v_total <= 0:
        return math.nan
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
        return math.nan
    if fit.status <= 0 or not np.all(np.isfinite(fit.x)):
        return math.nan
    uniqueness = 1.0 - fit.x**2
    return 1.0 - float(uniqueness.sum()) / v_total


def _mean_sd(values: np.ndarray) -> tuple[float, float]:
    """Mean and SD (ddof=1) of a 1-d array without NaN; NaN where undefined."""
    n = values.size
    mean = float(values.mean()) if n else math.nan
    sd = float(values.std(ddof=1)) if n >= 2 else math.nan
    return mean, sd


def _f(value: float) -> float:
    """Plain Python float (NaN stays NaN)."""
    return float(value)


# ---------------------------------------------------------------------------------------------
# Per codebook: every scale, keyed as cleaning keys it
# ---------------------------------------------------------------------------------------------
def _scale_names(codebook: Codebook, scales: list[str] | None) -> list[str]:
    return list(codebook.scales) if scales is None else list(scales)


def reliability(data: pd.DataFrame, codebook: Codebook, scales: list[str] | None = None, *,
                confidence: float = 0.95) -> pd.DataFrame:
    """``reliability.csv``: one row per scale of the codebook.

    The items are keyed by :func:`survey.derive.keyed_items`, the function cleaning's scale
    scores use, so an item reversed for one scale only is reversed here too. Alpha and its
    Feldt CI use the respondents who answered every item (SPSS RELIABILITY); ``mean`` and
    ``sd`` are those of the scale score (mean of answered items when at least
    ``min_items`` are answered).

    Returns
    -------
    DataFrame
        :data:`RELIABILITY_COLUMNS`; ``problems`` holds ``code:item`` entries joined by
        ``"; "`` (see :func:`reliability_stats`; :func:`scale_problems` words them).
    """
    rows = []
    for name in _scale_names(codebook, scales):
        spec = codebook.scales[name]
        stats_ = reliability_stats(keyed_items(data, codebook, name), confidence=confidence,
                                   score=data[name])
        problems = "; ".join(code if item is None else f"{code}:{item}"
                             for code, item in stats_.pop("problems"))
        rows.append({"scale": name, "label": spec.label, "section": spec.section, **stats_,
                     "problems": problems})
    return pd.DataFrame(rows, columns=RELIABILITY_COLUMNS)


def item_total(data: pd.DataFrame, codebook: Codebook,
               scales: list[str] | None = None) -> pd.DataFrame:
    """``item_total.csv``: per scale and item the corrected item-rest r and alpha if deleted.

    Returns
    -------
    DataFrame
        :data:`ITEM_TOTAL_COLUMNS`; ``reversed`` is True when the item is reverse-keyed in
        this scale (``reverse: true`` on the variable or the scale's ``reverse`` list);
        statistics on the scale's complete cases, item mean and SD on keyed codes.
    """
    frames = []
    for name in _scale_names(codebook, scales):
        spec = codebook.scales[name]
        items = keyed_items(data, codebook, name)
        table = item_total_stats(items)
        table.insert(0, "scale", name)
        table.insert(2, "label", [codebook.label(i) for i in spec.items])
        table.insert(3, "reversed", [codebook.variables[i].reverse != (i in spec.reverse)
                                     for i in spec.items])
        table.insert(4, "n_complete", int(items.notna().all(axis=1).sum()))
        frames.append(table)
    if not frames:
        return pd.DataFrame(columns=ITEM_TOTAL_COLUMNS)
    return pd.concat(frames, ignore_index=True)[ITEM_TOTAL_COLUMNS]


def scale_problems(table: pd.DataFrame, codebook: Codebook) -> list[str]:
    """The problems of :func:`reliability` as sentences for a report, in its language.

    >>> from pathlib import Path
    >>> from survey.codebook import Codebook, Scale, Variable
    >>> cb = Codebook(Path("cb.yml"), "i", "t", "de", "id", "id", {}, {},
    ...               {"b3": Variable("b3", "Oft müde", "ordinal", "b3")},
    ...               scales={"s": Scale("s", "Belastung", ["b3"], 1)})
    >>> scale_problems(pd.DataFrame({"scale": ["s"], "label": ["Belastung"],
    ...                              "problems": ["negative_item_rest:b3"]}), cb)
    ['Belastung: „Oft müde“ korreliert negativ mit den übrigen Items – Polung prüfen.']
    """
    out = []
    for row in table.itertuples():
        for entry in filter(None, str(row.problems or "").split("; ")):
            code, _, item = entry.partition(":")
            message = text(f"scale_problem.{code}", codebook.language)
            out.append(f"{row.label}: " + message.format(item=codebook.label(item)))
    return out
