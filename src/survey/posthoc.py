"""Post-hoc and factorial tests: Dunn's pairwise rank test and the type-II two-way ANOVA.

Pure functions that return one small DataFrame per call at full precision; labels, the
``group_comparisons.csv`` columns of docs/results.md, rounding and small-cell suppression
are added by the caller (``survey.compare``).

- :func:`dunn` -- Dunn's (1964) z test for every pair of groups after a Kruskal-Wallis test,
  ranks pooled over all groups, tie-corrected variance, two-sided p and Holm's adjustment over
  the pairs of the call (as ``rstatix::dunn_test(p.adjust.method = "holm")`` and SPSS do; R's
  ``dunn.test`` and jamovi print one-sided p by default).
- :func:`anova2` -- type-II two-way ANOVA of y on two categorical factors and their interaction
  (statsmodels ``ols`` + ``anova_lm(typ=2)``, as ``car::Anova(type = 2)``) with partial eta
  squared and its confidence interval by inverting the noncentral F distribution
  (:func:`eta2_partial_ci`, as ``effectsize::eta_squared``).

Degenerate input (all values equal, no residual degrees of freedom, an empty group in
:func:`dunn`) gives NaN, never an exception or a numpy/scipy/statsmodels warning. A design that
cannot be analysed at all (an empty cell of the a × b table, a factor with a single level) is
a ``ValueError`` that names the problem.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import optimize, stats

from .multiplicity import adjust

__all__ = [
    "DUNN_COLUMNS",
    "ANOVA2_COLUMNS",
    "dunn",
    "anova2",
    "eta2_partial_ci",
]

#: Columns of :func:`dunn`'s result, in order.
DUNN_COLUMNS = ["group_a", "group_b", "n_a", "n_b", "mean_rank_a", "mean_rank_b", "z", "p",
                "p_adj"]
#: Columns of :func:`anova2`'s result, in order.
ANOVA2_COLUMNS = ["term", "n", "ss", "df", "df_resid", "F", "p", "eta2_partial", "ci_low",
                  "ci_high", "method"]

#: ``method`` entry of :func:`anova2`'s rows.
_ANOVA2_METHOD = ("type II SS (nested least-squares fits, as car::Anova type 2); "
                  "CI: noncentral F inversion")


# ---------------------------------------------------------------------------------------------
# Dunn's test
# ---------------------------------------------------------------------------------------------
def dunn(samples: Sequence[np.ndarray], labels: Sequence[str]) -> pd.DataFrame:
    """Dunn's (1964) pairwise z test of mean ranks, tie-corrected, with Holm-adjusted p.

    All observations of all groups are ranked together (average ranks for ties). For groups
    *i* and *j* with mean ranks R̄_i, R̄_j and sizes n_i, n_j out of N observations::

        z = (R̄_i - R̄_j) / sqrt((N(N+1)/12 - Σ(t³ - t) / (12(N-1))) * (1/n_i + 1/n_j))

    where *t* runs over the sizes of the groups of tied values (Dunn 1964, eq. for tied
    observations; the same statistic as ``rstatix::dunn_test``, ``FSA::dunnTest``,
    ``dunn.test::dunn.test`` and ``scikit_posthocs.posthoc_dunn``). p is two-sided,
    ``2 * P(Z >= |z|)``, and ``p_adj`` is Holm's step-down adjustment
    (:func:`adjusted`, as statsmodels' ``multipletests(method="holm")``) over all pairs
    of this call.

    Parameters
    ----------
    samples : sequence of 1-D arrays
        The values of each group, in the order of ``labels``. NaN values are dropped (and not
        counted in ``n_a``/``n_b``).
    labels : sequence of str
        One unique label per sample; the codebook's group order (group_a comes first).

    Returns
    -------
    pandas.DataFrame
        One row per pair (i < j in label order) with columns

        - ``group_a``, ``group_b`` : the labels of the pair (group_a is the earlier label).
        - ``n_a``, ``n_b`` : the group sizes (without NaN).
        - ``mean_rank_a``, ``mean_rank_b`` : mean ranks among all N pooled observations.
        - ``z`` : Dunn's z, positive when group_a has the higher mean rank.
        - ``p`` : two-sided p-value, unadjusted.
        - ``p_adj`` : Holm-adjusted p over the pairs of this call that have a p-value.

        A pair with an empty group, or samples without any variation (every value tied, so
        the rank variance is 0), gets NaN for ``z``, ``p`` and ``p_adj``; such pairs are no
        test and are left out of the Holm adjustment. A group of size 1 is no problem for
        Dunn's z (its variance comes from all N ranks) and is computed like in R.

    Raises
    ------
    ValueError
        If ``labels`` does not give one unique label per sample.

    References
    ----------
    Dunn, O. J. (1964). Multiple comparisons using rank sums. *Technometrics*, 6(3), 241-252.
    Holm, S. (1979). A simple sequentially rejective multiple test procedure. *Scandinavian
    Journal of Statistics*, 6(2), 65-70.

    Examples
    --------
    Three groups with one tie (the two 3s share rank 3.5):

    >>> res = dunn([[1, 2, 3], [3, 4, 5, 6], [7, 8, 9]], ["low", "mid", "high"])
    >>> print(res[["group_a", "group_b", "z", "p", "p_adj"]].round(4).to_string(index=False))
    group_a group_b       z      p  p_adj
        low     mid -1.3917 0.1640 0.2317
        low    high -2.7726 0.0056 0.0167
        mid    high -1.5724 0.1159 0.2317
    """
    labels = [str(label) for label in labels]
    if len(labels) != len(samples):
        raise ValueError(f"dunn: {len(samples)} samples but {len(labels)} labels; "
                         "give one label per sample")
    if len(set(labels)) != len(labels):
        raise ValueError(f"dunn: labels must be unique, got {labels}")

    groups = [_finite(sample) for sample in samples]
    sizes = np.array([len(group) for group in groups], dtype=int)
    n_total = int(sizes.sum())
    pooled = np.concatenate(groups) if n_total else np.empty(0)
    ranks = stats.rankdata(pooled) if n_total else np.empty(0)
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    with np.errstate(all="ignore"):
        mean_ranks = np.array([ranks[bounds[k]:bounds[k + 1]].mean() if sizes[k] else np.nan
                               for k in range(len(groups))])
    variance = _dunn_rank_variance(pooled)

    rows = []
    for i in range(len(groups)):
        for j in range(i + 1, len(groups)):
            z = math.nan
            if sizes[i] and sizes[j] and variance > 0:
                z = (mean_ranks[i] - mean_ranks[j]) / math.sqrt(
                    variance * (1 / sizes[i] + 1 / sizes[j]))
            p = 2 * stats.norm.sf(abs(z)) if math.isfinite(z) else math.nan
            rows.append({"group_a": labels[i], "group_b": labels[j], "n_a": int(sizes[i]),
                         "n_b": int(sizes[j]), "mean_rank_a": float(mean_ranks[i]),
                         "mean_rank_b": float(mean_ranks[j]), "z": float(z), "p": float(p)})
    result = pd.DataFrame(rows, columns=DUNN_COLUMNS[:-1])
    result["p_adj"] = adjust(result["p"], "holm").to_numpy(dtype=float)
    return result[DUNN_COLUMNS]


def _finite(sample: np.ndarray) -> np.ndarray:
    values = np.asarray(sample, dtype=float).ravel()
    return values[~np.isnan(values)]


def _dunn_rank_variance(pooled: np.ndarray) -> float:
    """N(N+1)/12 - Σ(t³-t)/(12(N-1)): the tie-corrected variance of one rank (0 if undefined)."""
    n = len(pooled)
    if n < 2:
        return 0.0
    _, ties = np.unique(pooled, return_counts=True)
    ties = ties.astype(float)
    variance = n * (n + 1) / 12 - float(np.sum(ties**3 - ties)) / (12 * (n - 1))
    # all values tied: the exact value is 0; rounding must not make it a tiny positive number
    return variance if variance > 1e-9 * n * (n + 1) / 12 else 0.0


# ---------------------------------------------------------------------------------------------
# Two-way ANOVA
# ---------------------------------------------------------------------------------------------
def anova2(data: pd.DataFrame, y: str, a: str, b: str, *, confidence: float = 0.95
           ) -> pd.DataFrame:
    """Type-II two-way ANOVA of ``y`` on the categorical factors ``a``, ``b`` and ``a:b``.

    The model ``y ~ a * b`` is fitted by least squares and its sums of squares are Type II
    (as statsmodels' ``anova_lm(ols("y ~ C(a) * C(b)"), typ=2)``; its default is Type I):
    each main effect is adjusted for the other main effect but not for the interaction, the
    interaction for both main effects -- the same numbers as ``car::Anova(lm(y ~ a * b),
    type = 2)`` in R, also for unbalanced designs. Partial eta squared is
    SS_term / (SS_term + SS_resid), and its confidence interval comes from inverting the
    noncentral F distribution (:func:`eta2_partial_ci`).

    Rows with a missing ``y``, ``a`` or ``b`` are dropped before the fit (listwise); the number
    of rows used is the ``n`` column.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per respondent.
    y : str
        Numeric outcome column.
    a, b : str
        Factor columns (any dtype; every distinct value is a level). For a pandas
        ``Categorical`` column every category is a level, observed or not.
    confidence : float, default 0.95
        Two-sided confidence level of the partial eta squared interval.

    Returns
    -------
    pandas.DataFrame
        Three rows, in the order [a, b, a:b], with columns

        - ``term`` : ``a``, ``b`` (the column names) and ``"a:b"`` with the real names.
        - ``n`` : rows used (complete in y, a and b).
        - ``ss`` : Type II sum of squares of the term.
        - ``df`` : degrees of freedom of the term.
        - ``df_resid`` : residual degrees of freedom of the full model.
        - ``F``, ``p`` : F statistic and its p-value.
        - ``eta2_partial`` : SS_term / (SS_term + SS_resid).
        - ``ci_low``, ``ci_high`` : noncentral-F confidence interval of ``eta2_partial``.
        - ``method`` : how SS and CI were computed, in a few words.

        Without residual variation (every y equal within its cell, e.g. all values equal)
        ``F``, ``p`` and the CI are NaN, and ``eta2_partial`` is 1 for a term with SS > 0 and
        NaN for a term with SS = 0. Without residual degrees of freedom (one respondent per
        cell) every statistic except ``n``, ``df`` and ``df_resid`` (0) is NaN.

    Raises
    ------
    KeyError
        If a column is not in ``data``.
    ValueError
        If ``y`` is not numeric, a factor has fewer than two levels, or a cell of the a × b
        table is empty (the message names the cell): the interaction is then not estimable.

    References
    ----------
    Fox, J. & Weisberg, S. (2019). *An R Companion to Applied Regression* (3rd ed.), ch. 5
    (Type II tests, ``car::Anova``).
    Steiger, J. H. (2004). Beyond the F test: effect size confidence intervals and tests of
    close fit in the analysis of variance and contrast analysis. *Psychological Methods*, 9(2),
    164-182.
    """
    for column in (y, a, b):
        if column not in data.columns:
            raise KeyError(f"anova2: column '{column}' not in the data")
    if len({y, a, b}) != 3:
        raise ValueError(f"anova2: y, a and b must be three different columns, got "
                         f"{y!r}, {a!r}, {b!r}")

    try:
        outcome = pd.to_numeric(data[y]).astype(float)
    except (TypeError, ValueError) as err:
        raise ValueError(f"anova2: outcome column '{y}' is not numeric ({err})") from None
    keep = outcome.notna() & data[a].notna() & data[b].notna()
    levels_a = _levels(data[a], keep)
    levels_b = _levels(data[b], keep)
    for column, levels in ((a, levels_a), (b, levels_b)):
        if len(levels) < 2:
            raise ValueError(f"anova2: factor '{column}' has {len(levels)} level(s) among the "
                             f"complete rows {levels}; a two-way ANOVA needs at least two")

    codes_a = pd.Categorical(data.loc[keep, a], categories=levels_a).codes
    codes_b = pd.Categorical(data.loc[keep, b], categories=levels_b).codes
    counts = np.zeros((len(levels_a), len(levels_b)), dtype=int)
    np.add.at(counts, (codes_a, codes_b), 1)
    empty = [(levels_a[i], levels_b[j]) for i, j in zip(*np.nonzero(counts == 0), strict=True)]
    if empty:
        cells = "; ".join(f"{a}={la!r} × {b}={lb!r}" for la, lb in empty)
        raise ValueError(f"anova2: empty cell(s) of the {a} × {b} table: {cells}; the "
                         f"interaction {a}:{b} cannot be estimated")

    # the fit runs on a copy with plain names (any column name works) and integer level codes
    # (Type II SS do not depend on the coding); the real names go back into ``term``
    frame = pd.DataFrame({"y": outcome[keep].to_numpy(), "a": codes_a, "b": codes_b})
    n = len(frame)
    terms = [a, b, f"{a}:{b}"]
    df_terms = [len(levels_a) - 1, len(levels_b) - 1, (len(levels_a) - 1) * (len(levels_b) - 1)]
    if n <= counts.size:  # one observation per cell: the model fits exactly, nothing to test
        return pd.DataFrame(
            [{"term": term, "n": n, "ss": math.nan, "df": float(df), "df_resid": 0.0,
              "F": math.nan, "p": math.nan, "eta2_partial": math.nan, "ci_low": math.nan,
              "ci_high": math.nan, "method": _ANOVA2_METHOD}
             for term, df in zip(terms, df_terms, strict=True)], columns=ANOVA2_COLUMNS)
    table = _type2(frame["y"].to_numpy(float), codes_a, codes_b, len(levels_a), len(levels_b))
    table_rows = ["a", "b", "a:b"]

    ss_resid = float(table.loc["Residual", "sum_sq"])
    df_resid = float(table.loc["Residual", "df"])
    ss_total = float(np.sum((frame["y"] - frame["y"].mean()) ** 2))
    # Sums of squares that are zero up to rounding: all values equal (ss_total is then rounding
    # noise of the mean, far below the scale of y), or a perfect fit (no residual variation).
    all_equal = ss_total <= 1e-24 * float(np.sum(frame["y"] ** 2))
    no_error = all_equal or ss_resid <= 1e-12 * ss_total

    rows = []
    for term, row in zip(terms, table_rows, strict=True):
        ss = float(table.loc[row, "sum_sq"])
        df = float(table.loc[row, "df"])
        if no_error and (all_equal or ss <= 1e-12 * ss_total):
            ss = 0.0  # rounding noise of an effect that is exactly zero
        if no_error:
            f_value = p_value = ci_low = ci_high = math.nan
            eta2 = 1.0 if ss > 0 else math.nan
        else:
            f_value = float(table.loc[row, "F"])
            p_value = float(table.loc[row, "PR(>F)"])
            eta2 = ss / (ss + ss_resid)
            ci_low, ci_high = eta2_partial_ci(f_value, df, df_resid, confidence=confidence)
        rows.append({"term": term, "n": n, "ss": ss, "df": df, "df_resid": df_resid,
                     "F": f_value, "p": p_value, "eta2_partial": eta2, "ci_low": ci_low,
                     "ci_high": ci_high, "method": _ANOVA2_METHOD})
    return pd.DataFrame(rows, columns=ANOVA2_COLUMNS)


def _rss(y: np.ndarray, design: np.ndarray) -> float:
    """Residual sum of squares of the least-squares fit of ``y`` on ``design``."""
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    residual = y - design @ coef
    return float(residual @ residual)


def _type2(y: np.ndarray, codes_a: np.ndarray, codes_b: np.ndarray, k_a: int, k_b: int
           ) -> pd.DataFrame:
    """Type II sums of squares of ``y ~ a * b`` by comparing nested least-squares fits:
    SS(a | b) = RSS(b) − RSS(a + b), SS(b | a) = RSS(a) − RSS(a + b), SS(a:b) =
    RSS(a + b) − RSS(a * b); the full model's residuals are those from the cell means (no
    cell is empty). The same numbers as statsmodels' ``anova_lm(ols("y ~ C(a) * C(b)"),
    typ=2)`` and R's ``car::Anova(type = 2)``, without building a formula's design
    matrix value by value (patsy), which dominated the time on large waves."""
    n = y.size
    ones = np.ones((n, 1))
    dummies_a = (codes_a[:, None] == np.arange(1, k_a)[None, :]).astype(float)
    dummies_b = (codes_b[:, None] == np.arange(1, k_b)[None, :]).astype(float)
    rss_a = _rss(y, np.hstack([ones, dummies_a]))
    rss_b = _rss(y, np.hstack([ones, dummies_b]))
    rss_ab = _rss(y, np.hstack([ones, dummies_a, dummies_b]))
    cell = codes_a * k_b + codes_b
    sums = np.bincount(cell, weights=y, minlength=k_a * k_b)
    sizes = np.bincount(cell, minlength=k_a * k_b)
    residual = y - (sums / np.maximum(sizes, 1))[cell]
    rss_full = float(residual @ residual)
    df_resid = float(n - k_a * k_b)
    table = pd.DataFrame({
        "sum_sq": [max(rss_b - rss_ab, 0.0), max(rss_a - rss_ab, 0.0),
                   max(rss_ab - rss_full, 0.0), rss_full],
        "df": [k_a - 1.0, k_b - 1.0, (k_a - 1.0) * (k_b - 1.0), df_resid],
    }, index=["a", "b", "a:b", "Residual"])
    with np.errstate(divide="ignore", invalid="ignore"):
        f_values = (table["sum_sq"] / table["df"]) / (rss_full / df_resid)
    table["F"] = f_values
    table["PR(>F)"] = stats.f.sf(f_values, table["df"], df_resid)
    table.loc["Residual", ["F", "PR(>F)"]] = np.nan
    return table


def _levels(column: pd.Series, keep: pd.Series) -> list:
    """The levels of a factor: all categories of a Categorical, else the observed values."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return list(column.cat.categories)
    values = column[keep].unique().tolist()
    try:
        return sorted(values)
    except TypeError:  # mixed types: keep the order of appearance
        return values


def eta2_partial_ci(f: float, df1: float, df2: float, *, confidence: float = 0.95
                    ) -> tuple[float, float]:
    """Confidence interval of partial eta squared by inverting the noncentral F distribution.

    The noncentrality λ_low is the one at which the observed F is the upper α/2 quantile
    (``ncf.cdf(F, df1, df2, λ_low) = 1 - α/2``), λ_high the one at which it is the lower α/2
    quantile (``= α/2``), found with ``scipy.optimize.brentq`` (Steiger 2004). A bound is 0
    when even λ = 0 puts F below that quantile. Each λ is turned into partial eta squared like
    an F statistic, F_λ = λ/df1::

        eta2 = F_λ·df1 / (F_λ·df1 + df2) = λ / (λ + df2)

    which is what ``effectsize::eta_squared(..., alternative = "two.sided")`` does (R package
    effectsize: ``.get_ncp_F`` then ``F_to_eta2(λ/df1, df1, df2)``), so the point estimate
    SS/(SS + SS_resid) = F·df1/(F·df1 + df2) always lies inside the interval. (The variant
    λ / (λ + df1 + df2 + 1), Steiger's conversion with N = df1 + df2 + 1, gives slightly
    smaller bounds.)

    Parameters
    ----------
    f : float
        Observed F statistic.
    df1, df2 : float
        Numerator (term) and denominator (residual) degrees of freedom.
    confidence : float, default 0.95
        Two-sided confidence level.

    Returns
    -------
    (float, float)
        Lower and upper bound; (NaN, NaN) when F or a df is not a finite positive number.

    Examples
    --------
    >>> low, high = eta2_partial_ci(10.0, 1, 36)
    >>> round(low, 4), round(high, 4)
    (0.0298, 0.4321)
    """
    if not (0 < confidence < 1):
        raise ValueError(f"eta2_partial_ci: confidence must be between 0 and 1, got {confidence}")
    if not all(math.isfinite(v) for v in (f, df1, df2)) or f < 0 or df1 <= 0 or df2 <= 0:
        return math.nan, math.nan
    alpha = 1 - confidence
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        lam_low = _noncentrality(f, df1, df2, 1 - alpha / 2)
        lam_high = _noncentrality(f, df1, df2, alpha / 2)
    return _lambda_to_eta2(lam_low, df2), _lambda_to_eta2(lam_high, df2)


def _lambda_to_eta2(lam: float, df2: float) -> float:
    return 1.0 if math.isinf(lam) else lam / (lam + df2)


def _noncentrality(f: float, df1: float, df2: float, target: float) -> float:
    """The λ >= 0 with P(F' <= f) = target for F' ~ F(df1, df2, λ); 0 if none is positive."""

    def gap(lam: float) -> float:
        cdf = stats.f.cdf(f, df1, df2) if lam == 0 else stats.ncf.cdf(f, df1, df2, lam)
        return float(cdf) - target

    if gap(0.0) <= 0:  # the cdf falls with λ: already at or below the target at λ = 0
        return 0.0
    upper = max(10.0, 2 * f * df1)
    while True:
        if upper > 1e10:  # F astronomically large: the bound is effectively eta2 = 1
            return math.inf
        value = gap(upper)
        if not math.isfinite(value):
            return math.inf
        if value < 0:
            break
        upper *= 2
    return float(optimize.brentq(gap, 0.0, upper, xtol=1e-12, rtol=1e-12, maxiter=500))
