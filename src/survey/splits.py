"""Strong and weak resources: the codebook's ``splits`` (docs/codebook.md) → ``splits.csv``.

``method: cut``
    A respondent is in the weak group when the mean of the named scale scores (those
    present) is below ``below``; without any of the scores, the respondent is not
    classified.
``method: mixture``
    A two-component Gaussian mixture (scikit-learn, full covariance, ``seed``, 10 starts)
    on the standardised scale scores of the respondents with every score; it is kept only
    when its BIC is lower than that of one component, and the weak group is the component
    whose members have the lower mean score. When one component fits better, nobody is
    classified and :func:`split` says so (``kept`` False).

For each grouping of ``by`` the share of the weak group per group is reported with its
Wilson 95 % CI, and the share is compared across the groups as in :mod:`survey.compare`
(2×2: chi-square or Fisher, risk difference with Newcombe's CI; more groups: chi-square
with Cramér's V).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .codebook import Codebook
from .compare import COMPARISON_COLUMNS, _chi2, _row, group_names, two_groups
from .derive import grouping_series
from .describe import TOTAL
from .intervals import wilson_interval
from .multiplicity import adjust_by
from .settings import DEFAULTS

__all__ = ["SPLIT_COLUMNS", "SplitResult", "split", "splits"]

SPLIT_COLUMNS = ["split", "label", "method", "grouping", "grouping_label", "group", "n",
                 "n_weak", "pct_weak", "ci_low", "ci_high"]


@dataclass
class SplitResult:
    """The weak group of one split: membership (1.0 weak, 0.0 strong, NaN not classified)
    and, for a mixture, whether it was kept and the two BICs."""

    weak: pd.Series
    kept: bool = True
    bic_one: float = np.nan
    bic_two: float = np.nan


def split(data: pd.DataFrame, codebook: Codebook, name: str) -> SplitResult:
    """Who is in the weak group of the split ``name`` (see the module docstring)."""
    spec = codebook.splits[name]
    scores = data[spec.scales].astype(float)
    if spec.method == "cut":
        mean = scores.mean(axis=1, skipna=True)
        return SplitResult((mean < spec.below).astype(float).where(mean.notna()).rename(name))
    from sklearn.mixture import GaussianMixture

    complete = scores.dropna()
    weak = pd.Series(np.nan, index=data.index, name=name)
    if len(complete) < 10:
        return SplitResult(weak, kept=False)
    z = ((complete - complete.mean()) / complete.std(ddof=0)).to_numpy()
    one = GaussianMixture(1, random_state=spec.seed).fit(z)
    two = GaussianMixture(2, random_state=spec.seed, n_init=10).fit(z)
    bic_one, bic_two = float(one.bic(z)), float(two.bic(z))
    if bic_two >= bic_one:
        return SplitResult(weak, kept=False, bic_one=bic_one, bic_two=bic_two)
    component = two.predict(z)
    means = [complete.mean(axis=1)[component == k].mean() for k in (0, 1)]
    weak.loc[complete.index] = (component == int(np.argmin(means))).astype(float)
    return SplitResult(weak, kept=True, bic_one=bic_one, bic_two=bic_two)


def splits(data: pd.DataFrame, codebook: Codebook, *, p_adjust: str = DEFAULTS.p_adjust,
           min_cell: int = DEFAULTS.min_cell
           ) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, SplitResult]]:
    """Every split of the codebook: shares of the weak group and their comparison.

    Returns
    -------
    (table, comparisons, results)
        ``table``: :data:`SPLIT_COLUMNS`, the total (``grouping == "total"``) and each
        group of each ``by`` grouping; ``comparisons``: rows of ``group_comparisons.csv``
        (``variable`` = the split, family ``"splits × <grouping>"``); ``results``: the
        :class:`SplitResult` per split.
    """
    rows, tests, results = [], [], {}
    for name, spec in codebook.splits.items():
        result = results[name] = split(data, codebook, name)
        weak = result.weak
        common = {"split": name, "label": spec.label, "method": spec.method}
        rows.append({**common, **_share(weak, TOTAL, "", TOTAL)})
        for grouping in spec.by:
            groups = grouping_series(data, codebook, grouping)
            groups = groups.cat.rename_categories(group_names(codebook, grouping))
            label = codebook.groupings[grouping].label
            labels = [str(c) for c in groups.cat.categories]
            for group in labels:
                rows.append({**common, **_share(weak[groups == group], grouping, label,
                                                group)})
            if not result.kept:
                continue
            samples = [weak[(groups == g) & weak.notna()].to_numpy() for g in labels]
            sizes = [len(s) for s in samples]
            base = {"variable": name, "label": spec.label, "section": None,
                    "grouping": grouping, "grouping_label": label,
                    "family": f"splits × {grouping}", "term": "", "n_min": min(sizes),
                    "small_cell": min(sizes) < min_cell}
            if len(labels) == 2 and min(sizes) >= 2:
                tests.append(_row(**base, group_a=labels[0], group_b=labels[1],
                                  n_a=sizes[0], n_b=sizes[1],
                                  **two_groups(samples[0], samples[1], "binary")))
            elif min(sizes) >= 1:
                table = np.array([[s.sum(), len(s) - s.sum()] for s in samples])
                tests.append(_row(**base, group_a="", group_b="", **_chi2(table)))
    comparisons = pd.DataFrame(tests, columns=COMPARISON_COLUMNS)
    if len(comparisons):
        comparisons["small_cell"] = comparisons["small_cell"].astype(bool)
        comparisons["p_adj"] = adjust_by(comparisons, "family", p_adjust)
    return pd.DataFrame(rows, columns=SPLIT_COLUMNS), comparisons, results


def _share(weak: pd.Series, grouping: str, label: str, group: str) -> dict:
    known = weak.dropna()
    n, k = len(known), int(known.sum())
    low, high = wilson_interval(k, n, percent=True)
    return {"grouping": grouping, "grouping_label": label, "group": group, "n": n,
            "n_weak": k, "pct_weak": 100.0 * k / n if n else np.nan,
            "ci_low": low, "ci_high": high}
