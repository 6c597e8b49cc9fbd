"""The reliability tables of scales: ``reliability.csv`` and ``item_total.csv``.

Its one job is to assemble, per scale, the row of ``reliability.csv`` (Cronbach's alpha,
Feldt's CI, omega, ...) and the rows of ``item_total.csv``, and to do so for every scale of
a codebook, keyed as cleaning keys it; the arithmetic is :mod:`survey.reliabilitymath`'s.

:func:`reliability_stats` and :func:`item_total_stats` are pure functions on a DataFrame
whose columns are the (already reverse-keyed) numeric item scores of one scale, one row per
respondent, NaN for a missing answer. Everything is computed on the *complete cases*
(respondents who answered every item of the scale), as SPSS ``RELIABILITY`` does, and
returned at full precision: rounding, labels and the ``scale``/``label``/``reversed``
columns of docs/results.md (``reliability.csv``, ``item_total.csv``) are added by
:func:`reliability` and :func:`item_total`.

Degenerate input (a single item, an item without variance, fewer than two complete cases) gives
NaN and an entry in ``problems``, never an exception or a numpy/scipy warning.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .codebook import Codebook
from .derive import keyed_items
from .messages import text
from .reliabilitymath import (
    _alpha_if_deleted,
    _complete_cases,
    _correlation,
    _covariance,
    _cronbach,
    _item_rest,
    _mean_offdiag,
    _mean_sd,
    _numeric_score,
    _omega_total,
    _standardised_alpha,
    feldt_ci,
)

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

_ITEM_TOTAL_COLUMNS = ["item", "mean", "sd", "r_item_rest", "alpha_if_deleted"]


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------
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
    Omega total is ``psych::omega(x, nfactors = 1)``'s ``omega.tot``, without psych's
    sign flips; ``survey.reliabilitymath._omega_total`` gives the formula and how it
    differs from psych in a Heywood case.

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
    names, complete = _complete_cases(items)
    k, n = len(names), complete.shape[0]
    with np.errstate(all="ignore"):
        cov, constant = _covariance(complete)
        alpha = _cronbach(cov)
        low, high = feldt_ci(alpha, n, k, confidence)
        corr = _correlation(cov, constant)
        mean_r = _mean_offdiag(corr)
        alpha_std = _standardised_alpha(k, mean_r)
        omega = _omega_total(corr) if (k >= 3 and n >= k + 1) else math.nan
        problems = _problems(names, n, constant, _item_rest(cov))
        mean, sd = _mean_sd(_score_values(complete, score))
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


def _problems(names: list[str], n: int, constant: np.ndarray,
              r_rest: np.ndarray) -> list[tuple[str, str | None]]:
    """The ``problems`` of :func:`reliability_stats`, in its order."""
    k = len(names)
    problems: list[tuple[str, str | None]] = []
    if k < 2:
        problems.append(("single_item", None))
    if n < 2:
        problems.append(("too_few_cases", None))
    else:
        problems.extend(("zero_variance", names[i]) for i in np.flatnonzero(constant))
    problems.extend(("negative_item_rest", names[i]) for i in range(k) if r_rest[i] < 0)
    return problems


def _score_values(complete: np.ndarray, score: pd.Series | None) -> np.ndarray:
    """The values whose mean and SD are reported: ``score``'s, else the complete cases'
    row means."""
    if score is None:
        return complete.mean(axis=1) if complete.shape[1] else np.empty(0)
    return _numeric_score(score)


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
    names, complete = _complete_cases(items)
    k, n = len(names), complete.shape[0]
    with np.errstate(all="ignore"):
        cov, _ = _covariance(complete)
        means = complete.mean(axis=0) if n else np.full(k, np.nan)
        sds = np.sqrt(np.diag(cov)) if k else np.empty(0)
        r_rest = _item_rest(cov)
        alpha_del = _alpha_if_deleted(cov)
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
