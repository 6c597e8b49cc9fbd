"""The resource card: participant (self) and coach rate the same areas; how far they agree,
and how the ratings change between two occasions.

Statistics, per area, over the units rated by both (a unit with one rating of an area is
left out of that area's pairs and counted in ``n_incomplete``):

- the paired difference ``self − coach`` (``second − first`` in :func:`change`): means and
  the paired t interval ``mean ± t(n−1, 0.975) · sd / √n``;
- Wilcoxon's signed-rank test, ``scipy.stats.wilcoxon(a, b, zero_method="wilcox",
  correction=True, method="asymptotic")``: zero differences dropped (as R's
  ``wilcox.test`` and SPSS do), the normal approximation with the tie-corrected variance
  and the continuity correction — the settings docs/results.md asks of Mann–Whitney U
  (SPEC §7). scipy's defaults (``correction=False``, ``method="auto"``, which picks exact
  p-values for small samples without ties) would differ between areas by chance of ties.
  ``wilcoxon_w`` is W+, the sum of the ranks of the positive differences (R's ``V``),
  not scipy's two-sided ``min(W+, W−)``. Without a non-zero difference there is no test
  (NaN). ``p_adj``: Holm over the areas (per rater in :func:`change`);
- weighted Cohen's κ with linear agreement weights ``w_ij = 1 − |i − j| / (K − 1)`` over
  the K categories given (Cicchetti–Allison; statsmodels'
  ``cohens_kappa(table, wt="linear")``), and its 95 % CI ``κ ± z · SE`` with the
  asymptotic (non-null) standard error of Fleiss, Cohen & Everitt (1969, Psychological
  Bulletin 72:323–327);
- the share of exact agreement with Wilson's interval;
- in :func:`change`, the matched-pairs rank-biserial correlation r = (W+ − W−) / (W+ + W−)
  (Kerby 2014; pingouin's ``RBC``), zero differences dropped, with the Fisher-z interval
  ``tanh(atanh(r) ± z · SE)``, ``SE = sqrt((2m³ + 3m² + m) / 6) / (m(m + 1) / 2)``, m the
  non-zero differences (R's ``effectsize::rank_biserial(paired = TRUE)``).

Ratings are numbers: the category values themselves when every category is a number,
else the category's position (1, 2, …).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from .errors import DataError, some_rows
from .intervals import wilson_interval
from .multiplicity import adjust

__all__ = ["AGREEMENT_COLUMNS", "CHANGE_COLUMNS", "agreement", "change", "weighted_kappa"]

AGREEMENT_COLUMNS = ["area", "n", "n_incomplete", "mean_self", "mean_coach", "mean_diff",
                     "diff_ci_low", "diff_ci_high", "wilcoxon_w", "p_value", "p_adj", "kappa_w",
                     "kappa_ci_low", "kappa_ci_high", "exact", "exact_ci_low", "exact_ci_high"]
CHANGE_COLUMNS = ["rater", "area", "n", "n_incomplete", "mean_first", "mean_second",
                  "mean_diff", "diff_ci_low", "diff_ci_high", "wilcoxon_w", "p_value", "p_adj",
                  "r", "r_ci_low", "r_ci_high"]

_Z95 = float(stats.norm.ppf(0.975))


def _shown(value) -> str:
    """A value for an error line: numpy scalars as plain Python values, texts quoted."""
    return repr(value.item() if isinstance(value, np.generic) else value)


def weighted_kappa(table: np.ndarray, *, confidence: float = 0.95) -> tuple[float, float, float]:
    """Weighted κ of a K × K table (rows: one rater, columns: the other) with linear
    agreement weights, and its asymptotic CI (Fleiss, Cohen & Everitt 1969).

    Returns ``(kappa, ci_low, ci_high)``; NaN when the table is empty or the expected
    weighted agreement is 1 (both raters always gave one and the same category).

    >>> k, lo, hi = weighted_kappa(np.array([[5, 1, 0], [1, 4, 1], [0, 2, 6]]))
    >>> round(k, 4)
    0.7191
    """
    table = np.asarray(table, dtype=float)
    size, n = table.shape[0], table.sum()
    if n == 0 or size < 2:
        return math.nan, math.nan, math.nan
    index = np.arange(size)
    w = 1.0 - np.abs(index[:, None] - index[None, :]) / (size - 1)
    p = table / n
    rows, cols = p.sum(axis=1), p.sum(axis=0)
    observed = (w * p).sum()
    expected = (w * np.outer(rows, cols)).sum()
    if expected >= 1.0 - 1e-12:
        return math.nan, math.nan, math.nan
    kappa = (observed - expected) / (1.0 - expected)
    w_row = w @ cols  # w̄_i. = Σ_j p_.j w_ij
    w_col = rows @ w  # w̄_.j = Σ_i p_i. w_ij
    inner = (p * (w - (w_row[:, None] + w_col[None, :]) * (1.0 - kappa)) ** 2).sum()
    var = (inner - (kappa - expected * (1.0 - kappa)) ** 2) / (n * (1.0 - expected) ** 2)
    z = float(stats.norm.ppf(0.5 + confidence / 2))
    se = math.sqrt(max(var, 0.0))
    return float(kappa), float(kappa - z * se), float(kappa + z * se)


def _paired(a: np.ndarray, b: np.ndarray) -> dict:
    """The paired statistics of a − b (module docstring)."""
    n = len(a)
    d = a - b
    out = {"n": n, "mean_a": float(a.mean()) if n else math.nan,
           "mean_b": float(b.mean()) if n else math.nan,
           "mean_diff": float(d.mean()) if n else math.nan,
           "diff_ci_low": math.nan, "diff_ci_high": math.nan, "wilcoxon_w": math.nan,
           "p_value": math.nan, "r": math.nan, "r_ci_low": math.nan, "r_ci_high": math.nan}
    if n >= 2:
        half = float(stats.t.ppf(0.975, n - 1)) * float(d.std(ddof=1)) / math.sqrt(n)
        out["diff_ci_low"], out["diff_ci_high"] = out["mean_diff"] - half, out["mean_diff"] + half
    nonzero = d[d != 0]
    m = len(nonzero)
    if m == 0:
        if n:
            out["wilcoxon_w"] = 0.0
        return out
    ranks = stats.rankdata(np.abs(nonzero))
    w_plus, w_minus = float(ranks[nonzero > 0].sum()), float(ranks[nonzero < 0].sum())
    out["wilcoxon_w"] = w_plus
    out["p_value"] = float(stats.wilcoxon(a, b, zero_method="wilcox", correction=True,
                                          method="asymptotic").pvalue)
    r = (w_plus - w_minus) / (w_plus + w_minus)
    se = math.sqrt((2 * m ** 3 + 3 * m ** 2 + m) / 6) / (m * (m + 1) / 2)
    z = math.atanh(min(max(r, -0.9999999), 0.9999999))
    out.update(r=r, r_ci_low=math.tanh(z - _Z95 * se), r_ci_high=math.tanh(z + _Z95 * se))
    return out


def _scores(frame: pd.DataFrame, value: str, categories: Sequence | None) -> tuple:
    """The ratings as numbers and as category positions (NaN where missing)."""
    values = frame[value]
    missing = values.isna().to_numpy()
    if categories is None:
        numbers = pd.to_numeric(values, errors="coerce").to_numpy(float)
        bad = np.flatnonzero(np.isnan(numbers) & ~missing)
        if len(bad):
            raise DataError(f"not a number: {_shown(values.iloc[bad[0]])} (rows "
                            f"{some_rows([int(b) + 2 for b in bad])})", column=value,
                            row=int(bad[0]) + 2)
        return numbers, None
    categories = list(categories)
    lookup = {c: i for i, c in enumerate(categories)}
    positions = np.array([np.nan if m else lookup.get(v, -1) for v, m in zip(values, missing,
                                                                             strict=True)],
                         dtype=float)
    bad = np.flatnonzero(positions == -1)
    if len(bad):
        raise DataError(f"{_shown(values.iloc[bad[0]])} is not one of the categories "
                        f"{', '.join(map(str, categories))} (rows "
                        f"{some_rows([int(b) + 2 for b in bad])})", column=value,
                        row=int(bad[0]) + 2)
    numeric = all(isinstance(c, (int, float, np.integer, np.floating))
                  and not isinstance(c, bool) for c in categories)
    scale = (np.array([float(c) for c in categories]) if numeric
             else np.arange(1.0, len(categories) + 1))
    numbers = np.where(np.isnan(positions), np.nan,
                       scale[np.nan_to_num(positions, nan=0).astype(int)])
    return numbers, positions


def _pairs(frame: pd.DataFrame, unit: str, area: str, key: str, codes: tuple,
           value: str, categories: Sequence | None, extra: list[str]) -> pd.DataFrame:
    """Wide: one row per (extra…,) area × unit with the two ratings (``a``, ``b``) as
    numbers and positions; checks keys, codes, duplicates."""
    for column in (unit, area, key, value, *extra):
        if column not in frame.columns:
            raise DataError(f"no such column (columns: {', '.join(map(str, frame.columns))})",
                            column=column)
    for column in (unit, area, key, *extra):
        missing = np.flatnonzero(frame[column].isna().to_numpy())
        if len(missing):
            raise DataError(f"missing value in rows {some_rows([int(p) + 2 for p in missing])}",
                            column=column, row=int(missing[0]) + 2)
    known = frame[key].isin(list(codes)).to_numpy()
    if not known.all():
        pos = int(np.flatnonzero(~known)[0])
        raise DataError(f"{_shown(frame[key].iloc[pos])} is neither {_shown(codes[0])} nor "
                        f"{_shown(codes[1])}",
                        column=key, row=pos + 2)
    keys = [*extra, area, unit, key]
    dup = np.flatnonzero(frame.duplicated(keys).to_numpy())
    if len(dup):
        pos = int(dup[0])
        what = ", ".join(f"{k}={_shown(frame[k].iloc[pos])}" for k in keys)
        raise DataError(f"{what} is rated more than once (rows "
                        f"{some_rows([int(p) + 2 for p in dup])})", row=pos + 2)
    numbers, positions = _scores(frame, value, categories)
    long = frame[[*extra, area, unit]].copy()
    long["_side"] = np.where(frame[key] == codes[0], "a", "b")
    long["_x"] = numbers
    long["_pos"] = positions if positions is not None else np.nan
    wide = long.pivot(index=[*extra, area, unit], columns="_side", values=["_x", "_pos"])
    wide.columns = [f"{v}_{s}" for v, s in wide.columns]
    for column in ("_x_a", "_x_b", "_pos_a", "_pos_b"):
        if column not in wide.columns:
            wide[column] = np.nan
    return wide.reset_index()


def _levels(values: pd.Series) -> list:
    if isinstance(values.dtype, pd.CategoricalDtype):
        return [c for c in values.cat.categories if (values == c).any()]
    return list(dict.fromkeys(values))


def agreement(frame: pd.DataFrame, *, unit: str, area: str, rater: str, value: str,
              self_code, coach_code, categories: Sequence) -> pd.DataFrame:
    """Self vs coach per area of the resource card (statistics: module docstring).

    Parameters
    ----------
    frame : DataFrame
        Long: one row per unit × area × rater, already one occasion.
    unit, area, rater, value : str
        Columns: the participant, the area, who rated, the rating.
    self_code, coach_code
        The values of ``rater`` for the participant's own and the coach's rating.
    categories : sequence
        The rating categories, lowest first (e.g. ``[1, 2, 3, 4, 5]``).

    Returns
    -------
    DataFrame
        One row per area (category order, else first appearance): ``area, n`` (pairs),
        ``n_incomplete``, ``mean_self, mean_coach, mean_diff`` (self − coach),
        ``diff_ci_low, diff_ci_high`` (paired t), ``wilcoxon_w`` (W+ of self − coach),
        ``p_value, p_adj`` (Holm over areas), ``kappa_w, kappa_ci_low, kappa_ci_high``
        (linear weights, Fleiss–Cohen–Everitt SE), ``exact, exact_ci_low, exact_ci_high``
        (share of identical ratings, Wilson).
    """
    wide = _pairs(frame, unit, area, rater, (self_code, coach_code), value, categories, [])
    size = len(list(categories))
    rows = []
    for level in _levels(frame[area]):
        mine = wide[wide[area] == level]
        both = mine["_x_a"].notna() & mine["_x_b"].notna()
        pairs = mine[both]
        stat = _paired(pairs["_x_a"].to_numpy(float), pairs["_x_b"].to_numpy(float))
        table = np.zeros((size, size))
        np.add.at(table, (pairs["_pos_a"].to_numpy(int), pairs["_pos_b"].to_numpy(int)), 1)
        kappa, k_low, k_high = weighted_kappa(table)
        same = int(np.trace(table))
        e_low, e_high = wilson_interval(same, len(pairs))
        rows.append({"area": level, "n": len(pairs), "n_incomplete": int((~both).sum()),
                     "mean_self": stat["mean_a"], "mean_coach": stat["mean_b"],
                     "mean_diff": stat["mean_diff"], "diff_ci_low": stat["diff_ci_low"],
                     "diff_ci_high": stat["diff_ci_high"], "wilcoxon_w": stat["wilcoxon_w"],
                     "p_value": stat["p_value"], "kappa_w": kappa, "kappa_ci_low": k_low,
                     "kappa_ci_high": k_high,
                     "exact": same / len(pairs) if len(pairs) else math.nan,
                     "exact_ci_low": e_low, "exact_ci_high": e_high})
    out = pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)
    out["p_adj"] = adjust(out["p_value"].astype(float), "holm")
    return out


def change(frame: pd.DataFrame, *, unit: str, area: str, occasion: str, value: str, first,
           second, rater_col: str | None = None,
           categories: Sequence | None = None) -> pd.DataFrame:
    """The change of the ratings between two occasions, per area (and rater).

    Parameters
    ----------
    frame : DataFrame
        Long: one row per unit × area × occasion (× rater).
    unit, area, occasion, value : str
        Columns: the participant, the area, the occasion, the rating.
    first, second
        The values of ``occasion`` compared (``second − first``); rows of other occasions
        are an error (filter them first).
    rater_col : str, optional
        A rater column: one row per rater × area, Holm within each rater.
    categories : sequence, optional
        The rating categories, lowest first, when the ratings are labels; without it the
        ratings must be numbers.

    Returns
    -------
    DataFrame
        ``rater`` (None without ``rater_col``), ``area, n, n_incomplete, mean_first,
        mean_second, mean_diff, diff_ci_low, diff_ci_high`` (paired t), ``wilcoxon_w``
        (W+ of second − first), ``p_value, p_adj``, and the matched-pairs rank-biserial
        ``r, r_ci_low, r_ci_high`` (positive: higher at the second occasion).
    """
    extra = [rater_col] if rater_col else []
    wide = _pairs(frame, unit, area, occasion, (second, first), value, categories, extra)
    raters = _levels(frame[rater_col]) if rater_col else [None]
    rows = []
    for who in raters:
        part = wide if who is None else wide[wide[rater_col] == who]
        for level in _levels(frame[area]):
            mine = part[part[area] == level]
            both = mine["_x_a"].notna() & mine["_x_b"].notna()
            if not len(mine):
                continue
            pairs = mine[both]
            stat = _paired(pairs["_x_a"].to_numpy(float), pairs["_x_b"].to_numpy(float))
            rows.append({"rater": who, "area": level, "n": stat["n"],
                         "n_incomplete": int((~both).sum()), "mean_first": stat["mean_b"],
                         "mean_second": stat["mean_a"],
                         **{k: stat[k] for k in ("mean_diff", "diff_ci_low", "diff_ci_high",
                                                 "wilcoxon_w", "p_value", "r", "r_ci_low",
                                                 "r_ci_high")}})
    out = pd.DataFrame(rows, columns=CHANGE_COLUMNS)
    out["rater"] = pd.Series([r["rater"] for r in rows], index=out.index, dtype=object)
    out["p_adj"] = np.nan
    for who in raters:
        chosen = out["rater"].map(lambda r, w=who: r == w) if who is not None \
            else out["rater"].isna()
        out.loc[chosen, "p_adj"] = adjust(out.loc[chosen, "p_value"].astype(float), "holm")
    return out
