"""Multiple testing: the one p-value adjustment, applied within each family of tests.

Every result table with a ``p_adj`` column (group comparisons, Dunn's pairs, hypotheses,
splits, the wave comparison) gets it from :func:`adjust_by`: the rows are grouped into
families (docs/results.md: by default one section × one grouping), and the non-missing
p-values of each family are adjusted together; a row without a p-value is no test and
keeps NaN.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

__all__ = ["P_ADJUST", "adjusted", "adjust", "adjust_by", "check_method"]

#: The corrections ``p_adjust`` accepts.
P_ADJUST = ("holm", "bonferroni", "fdr_bh", "none")


def check_method(method: str) -> str:
    """``method`` if it is one of :data:`P_ADJUST` (else a ValueError naming them)."""
    if method not in P_ADJUST:
        raise ValueError(f"p_adjust must be one of {', '.join(P_ADJUST)}, not {method!r}")
    return method


def adjusted(p: np.ndarray, method: str = "holm") -> np.ndarray:
    """p-values adjusted for multiple testing, as ``statsmodels``' ``multipletests``
    computes them (``holm``: step-down, ``bonferroni``, ``fdr_bh``: Benjamini–Hochberg
    step-up, ``none``), capped at 1.

    Written out here because statsmodels' Holm branch calls ``gc.collect()`` on every
    call, which costs a tenth of a second or more in a process holding a large data set
    (half the time of a demo wave's comparisons).

    >>> adjusted(np.array([0.01, 0.04, 0.03])).round(3).tolist()
    [0.03, 0.06, 0.06]
    >>> adjusted(np.array([0.01, 0.04, 0.03]), "fdr_bh").round(3).tolist()
    [0.03, 0.04, 0.04]
    """
    p = np.asarray(p, dtype=float)
    m = len(p)
    if method == "none" or m == 0:
        return p.copy()
    if method == "bonferroni":
        return np.minimum(p * m, 1.0)
    order = np.argsort(p, kind="mergesort")
    ranked = p[order]
    if method == "holm":
        steps = np.maximum.accumulate(ranked * np.arange(m, 0, -1))
    elif method == "fdr_bh":
        steps = np.minimum.accumulate((ranked * m / np.arange(1, m + 1))[::-1])[::-1]
    else:
        raise ValueError(f"unknown p-value adjustment {method!r}")
    out = np.empty(m)
    out[order] = np.minimum(steps, 1.0)
    return out


def adjust(p: pd.Series, method: str = "holm") -> pd.Series:
    """Adjust the non-missing p-values of ``p`` together (one family); NaN stays NaN.

    >>> adjust(pd.Series([0.01, 0.04, np.nan, 0.03])).round(3).tolist()
    [0.03, 0.06, nan, 0.06]
    """
    check_method(method)
    out = pd.Series(np.nan, index=p.index)
    ok = p.notna()
    if ok.any():
        out[ok] = adjusted(p[ok].to_numpy(float), method)
    return out


def adjust_by(table: pd.DataFrame, by: str | Sequence[str] | pd.Series, method: str,
              rows: pd.Series | None = None) -> pd.Series:
    """``table["p"]`` adjusted within each family: the groups of ``by`` (column names or a
    Series aligned with ``table``), only over ``rows`` (a boolean mask; the others are NaN).

    >>> t = pd.DataFrame({"family": ["a", "a", "b"], "p": [0.01, 0.04, 0.04]})
    >>> adjust_by(t, "family", "holm").round(3).tolist()
    [0.02, 0.04, 0.04]
    """
    check_method(method)
    out = pd.Series(np.nan, index=table.index)
    chosen = table if rows is None else table[rows]
    keys = by[chosen.index] if isinstance(by, pd.Series) else by
    for _key, idx in chosen.groupby(keys, sort=False).groups.items():
        out[idx] = adjust(table.loc[idx, "p"], method)
    return out
