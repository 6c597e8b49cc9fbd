"""Tests for survey.resourcecard: self vs coach per area, and change between occasions.

Independent values, each written beside its number:
- weighted κ: the formula written out by hand on a 3 × 3 table (fractions below) and
  statsmodels ``cohens_kappa(table, wt="linear")``. statsmodels' ``wt="linear"`` (as ``"ca"``
  and None) builds *disagreement* weights |i − j| / (K − 1) from the scores 0, 1, …, K − 1
  and κ = 1 − Σ w p_o / Σ w p_e, which equals κ with the agreement weights 1 − |i − j|/(K − 1)
  that survey uses; its ``std_kappa`` is the Fleiss–Cohen–Everitt (1969) non-null SE, which
  is written out here as a loop as well.
- Wilcoxon: ``scipy.stats.wilcoxon(..., zero_method="wilcox", correction=True,
  method="asymptotic")`` called here; W+ summed by hand from the ranks.
- paired t CI: mean ± t · sd / √n by hand and scipy's ``ttest_rel(...).confidence_interval()``.
- matched-pairs rank-biserial r: Kerby (2014) by hand and ``pingouin.wilcoxon(...)["RBC"]``;
  its CI by the formula of R's effectsize (``rank_biserial(paired = TRUE)``) written out.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pingouin as pg
import pytest
from scipy import stats
from statsmodels.stats.inter_rater import cohens_kappa
from statsmodels.stats.proportion import proportion_confint

from survey.errors import DataError
from survey.resourcecard import agreement, change, weighted_kappa

pytestmark = pytest.mark.filterwarnings("error")

TABLE = np.array([[5, 1, 0], [1, 4, 1], [0, 2, 6]])


def test_weighted_kappa_by_hand_and_statsmodels():
    # n = 20; linear agreement weights 1, 0.5, 0 (K = 3)
    # p_o = (5 + 4 + 6)/20 + 0.5 (1 + 1 + 1 + 2)/20 = 0.875
    # rows .3 .3 .4, cols .3 .35 .35:
    # p_e = (.3·.3 + .3·.35 + .4·.35) + 0.5 (.3·.35 + .3·.3 + .3·.35 + .4·.35) = .335 + .22
    p_o, p_e = 0.875, 0.555
    kappa, low, high = weighted_kappa(TABLE)
    assert kappa == pytest.approx((p_o - p_e) / (1 - p_e), rel=1e-12)  # 0.719101...
    ref = cohens_kappa(TABLE, wt="linear")
    assert kappa == pytest.approx(ref.kappa, rel=1e-12)
    assert (low, high) == pytest.approx((ref.kappa_low, ref.kappa_upp), rel=1e-12)
    assert (round(low, 4), round(high, 4)) == (0.4940, 0.9442)  # statsmodels, printed


def test_weighted_kappa_se_fleiss_cohen_everitt_written_out():
    t = np.array([[3, 2, 1, 0], [1, 5, 2, 0], [0, 1, 4, 2], [1, 0, 1, 6]], dtype=float)
    n, k = t.sum(), t.shape[0]
    p = t / n
    r, c = p.sum(1), p.sum(0)
    w = [[1 - abs(i - j) / (k - 1) for j in range(k)] for i in range(k)]
    po = sum(w[i][j] * p[i, j] for i in range(k) for j in range(k))
    pe = sum(w[i][j] * r[i] * c[j] for i in range(k) for j in range(k))
    kap = (po - pe) / (1 - pe)
    wi = [sum(c[j] * w[i][j] for j in range(k)) for i in range(k)]  # w̄_i.
    wj = [sum(r[i] * w[i][j] for i in range(k)) for j in range(k)]  # w̄_.j
    s = sum(p[i, j] * (w[i][j] - (wi[i] + wj[j]) * (1 - kap)) ** 2
            for i in range(k) for j in range(k))
    se = math.sqrt((s - (kap - pe * (1 - kap)) ** 2) / (n * (1 - pe) ** 2))
    got = weighted_kappa(t)
    assert got[0] == pytest.approx(kap)
    assert got[1] == pytest.approx(kap - 1.959963984540054 * se)
    assert cohens_kappa(t, wt="linear").std_kappa == pytest.approx(se)


def test_weighted_kappa_degenerate():
    assert all(math.isnan(v) for v in weighted_kappa(np.zeros((3, 3))))
    # everybody in the middle category by both raters: p_e = 1, no κ
    assert all(math.isnan(v) for v in weighted_kappa(np.diag([0, 7, 0])))


# Ratings 1–5 of 8 participants in two areas, self and coach
SELF = {"health": [4, 3, 5, 2, 4, 3, 5, 4], "finances": [2, 2, 3, 1, 2, 4, 3, 2]}
COACH = {"health": [3, 3, 4, 2, 2, 3, 4, 3], "finances": [2, 3, 3, 2, 2, 4, 4, 3]}


def _card() -> pd.DataFrame:
    rows = []
    for area in SELF:
        for i in range(8):
            rows.append((f"p{i}", area, "self", SELF[area][i]))
            rows.append((f"p{i}", area, "coach", COACH[area][i]))
    return pd.DataFrame(rows, columns=["person", "area", "rater", "rating"])


def _agreement(frame=None):
    return agreement(_card() if frame is None else frame, unit="person", area="area",
                     rater="rater", value="rating", self_code="self", coach_code="coach",
                     categories=[1, 2, 3, 4, 5])


def test_agreement_paired_difference_and_wilcoxon():
    t = _agreement()
    assert list(t["area"]) == ["health", "finances"]
    h = t.iloc[0]
    a, b = np.array(SELF["health"]), np.array(COACH["health"])
    d = a - b  # 1, 0, 1, 0, 2, 0, 1, 1
    assert (h["n"], h["mean_self"], h["mean_coach"]) == (8, 3.75, 3.0)
    assert h["mean_diff"] == pytest.approx(0.75)
    half = stats.t.ppf(0.975, 7) * d.std(ddof=1) / math.sqrt(8)
    assert (h["diff_ci_low"], h["diff_ci_high"]) == pytest.approx((0.75 - half, 0.75 + half))
    ci = stats.ttest_rel(a, b).confidence_interval()
    assert (h["diff_ci_low"], h["diff_ci_high"]) == pytest.approx((ci.low, ci.high))
    # non-zero |d| = 1, 1, 2, 1, 1 → ranks 2.5, 2.5, 5, 2.5, 2.5, all positive: W+ = 15
    assert h["wilcoxon_w"] == 15.0
    p = stats.wilcoxon(a, b, zero_method="wilcox", correction=True,
                       method="asymptotic").pvalue
    assert h["p_value"] == pytest.approx(p, rel=1e-12)
    # default scipy settings give another p here (no correction): the choice matters
    assert stats.wilcoxon(a, b).pvalue != pytest.approx(p)
    f = t.iloc[1]
    pf = stats.wilcoxon(SELF["finances"], COACH["finances"], zero_method="wilcox",
                        correction=True, method="asymptotic").pvalue
    # Holm over the two areas by hand
    small, large = sorted([p, pf])
    assert sorted(t["p_adj"]) == pytest.approx(sorted([min(1, 2 * small),
                                                       min(1, max(2 * small, large))]))
    assert f["mean_diff"] == pytest.approx(np.mean(np.subtract(SELF["finances"],
                                                               COACH["finances"])))


def test_agreement_kappa_and_exact_share():
    h = _agreement().iloc[0]
    table = np.zeros((5, 5))
    for s, c in zip(SELF["health"], COACH["health"], strict=True):
        table[s - 1, c - 1] += 1
    ref = cohens_kappa(table, wt="linear")
    assert h["kappa_w"] == pytest.approx(ref.kappa)
    assert (h["kappa_ci_low"], h["kappa_ci_high"]) == pytest.approx((ref.kappa_low,
                                                                     ref.kappa_upp))
    # exact agreement: persons p1, p3, p5 → 3 of 8
    assert h["exact"] == 3 / 8
    low, high = proportion_confint(3, 8, method="wilson")
    assert (h["exact_ci_low"], h["exact_ci_high"]) == pytest.approx((low, high))


def test_agreement_with_label_categories_and_incomplete_pairs():
    frame = _card()
    labels = ["sehr schlecht", "schlecht", "mittel", "gut", "sehr gut"]
    frame["rating"] = frame["rating"].map(lambda v: labels[v - 1])
    frame = frame.drop(index=[1])  # p0 health: no coach rating
    t = agreement(frame, unit="person", area="area", rater="rater", value="rating",
                  self_code="self", coach_code="coach", categories=labels)
    h = t.iloc[0]
    assert (h["n"], h["n_incomplete"]) == (7, 1)
    assert h["mean_self"] == pytest.approx(np.mean(SELF["health"][1:]))  # positions 1–5


def test_all_agree_gives_no_test():
    frame = _card()
    frame.loc[frame["rater"] == "coach", "rating"] = frame.loc[frame["rater"] == "self",
                                                               "rating"].to_numpy()
    t = _agreement(frame)
    assert t["wilcoxon_w"].tolist() == [0.0, 0.0] and t["p_value"].isna().all()
    assert t["exact"].tolist() == [1.0, 1.0]
    assert t["kappa_w"].tolist() == pytest.approx([1.0, 1.0])


def test_agreement_bad_input_names_rows():
    frame = _card()
    frame.loc[4, "rating"] = 7
    with pytest.raises(DataError, match=r"column 'rating', row 6: 7 is not one of"):
        _agreement(frame)
    frame = _card()
    frame.loc[5, "rater"] = "mother"
    with pytest.raises(DataError, match=r"column 'rater', row 7: 'mother' is neither"):
        _agreement(frame)
    with pytest.raises(DataError, match=r"rated more than once \(rows 34\)"):
        _agreement(pd.concat([_card(), _card().iloc[[0]]], ignore_index=True))


def _two_occasions() -> pd.DataFrame:
    before = {"health": [2, 3, 2, 1, 3, 2, 4, 2, 3, 2], "care": [3, 3, 3, 3, 2, 2, 4, 3, 3, 3]}
    after = {"health": [3, 4, 2, 3, 3, 4, 4, 3, 5, 1], "care": [3, 2, 3, 3, 2, 3, 4, 3, 3, 3]}
    rows = []
    for area in before:
        for i in range(10):
            rows.append((f"p{i}", area, "start", before[area][i]))
            rows.append((f"p{i}", area, "later", after[area][i]))
    return pd.DataFrame(rows, columns=["person", "area", "when", "rating"])


def test_change_rank_biserial_against_pingouin_and_by_hand():
    frame = _two_occasions()
    t = change(frame, unit="person", area="area", occasion="when", value="rating",
               first="start", second="later")
    h = t.iloc[0]
    first = np.array([2, 3, 2, 1, 3, 2, 4, 2, 3, 2], float)
    second = np.array([3, 4, 2, 3, 3, 4, 4, 3, 5, 1], float)
    d = second - first  # 1, 1, 0, 2, 0, 2, 0, 1, 2, -1
    # |d| non-zero: 1,1,2,2,1,2,1 → ranks 2.5,2.5,6,6,2.5,6,2.5 (four 1s, three 2s);
    # W+ = 28 − 2.5 = 25.5, W− = 2.5 (the −1), r = (25.5 − 2.5) / 28
    assert h["wilcoxon_w"] == 25.5
    assert h["r"] == pytest.approx(23 / 28)
    rbc = pg.wilcoxon(second, first, alternative="two-sided")["RBC"].iloc[0]
    assert h["r"] == pytest.approx(rbc)
    m = 7
    se = math.sqrt((2 * m ** 3 + 3 * m ** 2 + m) / 6) / (m * (m + 1) / 2)
    z = 1.959963984540054
    assert h["r_ci_low"] == pytest.approx(math.tanh(math.atanh(23 / 28) - z * se))
    assert h["r_ci_high"] == pytest.approx(math.tanh(math.atanh(23 / 28) + z * se))
    p = stats.wilcoxon(second, first, zero_method="wilcox", correction=True,
                       method="asymptotic").pvalue
    assert h["p_value"] == pytest.approx(p)
    assert (h["mean_first"], h["mean_second"], h["mean_diff"]) == pytest.approx(
        (first.mean(), second.mean(), d.mean()))
    assert t["rater"].isna().all() and list(t["area"]) == ["health", "care"]


def test_change_per_rater_holm_within_rater():
    frame = _two_occasions()
    other = frame.copy()
    frame["who"], other["who"] = "self", "coach"
    other["rating"] = other["rating"].where(other["when"] == "start", 3)
    t = change(pd.concat([frame, other], ignore_index=True), unit="person", area="area",
               occasion="when", value="rating", first="start", second="later",
               rater_col="who")
    assert list(t["rater"]) == ["self", "self", "coach", "coach"]
    for who in ("self", "coach"):
        part = t[t["rater"] == who]
        ps = part["p_value"].to_numpy()
        holm = np.minimum(1, np.maximum.accumulate(np.sort(ps) * [2, 1]))
        assert sorted(part["p_adj"]) == pytest.approx(sorted(holm))


def test_change_other_occasion_and_non_number_are_errors():
    frame = _two_occasions()
    frame.loc[0, "when"] = "middle"
    with pytest.raises(DataError, match=r"column 'when', row 2: 'middle' is neither"):
        change(frame, unit="person", area="area", occasion="when", value="rating",
               first="start", second="later")
    frame = _two_occasions()
    frame["rating"] = frame["rating"].astype(object)
    frame.loc[3, "rating"] = "gut"
    with pytest.raises(DataError, match=r"column 'rating', row 5: not a number: 'gut'"):
        change(frame, unit="person", area="area", occasion="when", value="rating",
               first="start", second="later")
