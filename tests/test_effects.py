"""Tests for survey.effects (effect sizes and their confidence intervals).

Reference values come from R 4.2.2 with effectsize 0.8.3 (Debian bookworm packages), run once
on the data defined below; R is not needed to run the tests. Every R call is written beside the
numbers it printed (``options(digits = 15)``). effectsize finds noncentrality parameters with
``optim`` (abstol 1e-9), so its CI limits are only accurate to about 1e-7: they are compared
with ``abs=1e-6``. Newcombe's risk-difference limits are the published ones (Stat Med 1998;
17:873–890, Table II, method 10), the odds ratio is checked by hand.

Every test runs with warnings turned into errors: degenerate input must give NaN silently.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from scipy import stats
from statsmodels.stats.proportion import confint_proportions_2indep

from survey.effects import (
    Effect,
    correlation,
    cramers_v,
    epsilon_squared,
    hedges_g,
    odds_ratio,
    rank_biserial,
    risk_difference,
)

pytestmark = pytest.mark.filterwarnings("error")

# Two groups with ties between them (4.8 and 5.5 occur in both), in R:
#   a <- c(5.1, 4.8, 6.0, 5.5, 6.2, 5.9, 4.9, 5.7, 6.4, 5.3)
#   b <- c(4.2, 5.0, 4.6, 3.9, 5.2, 4.4, 4.8, 4.1, 5.5)
A = [5.1, 4.8, 6.0, 5.5, 6.2, 5.9, 4.9, 5.7, 6.4, 5.3]
B = [4.2, 5.0, 4.6, 3.9, 5.2, 4.4, 4.8, 4.1, 5.5]
#: Small-sample factor of docs/results.md for n_a + n_b = 19: 1 - 3/(4*19 - 9) = 1 - 3/67.
J_19 = 1 - 3 / 67

# 2x3 tables, in R: tab <- matrix(c(12, 7, 5, 6, 9, 14), nrow = 2, byrow = TRUE)
#                   tab2 <- matrix(c(15, 7, 3, 5, 9, 16), nrow = 2, byrow = TRUE)
TAB = [[12, 7, 5], [6, 9, 14]]
TAB2 = [[15, 7, 3], [5, 9, 16]]

# Three groups of 5-point answers with many ties, in R:
#   g1 <- c(3, 4, 4, 5, 2, 3, 4); g2 <- c(2, 2, 3, 1, 3, 2); g3 <- c(5, 4, 5, 5, 3, 4, 5, 4)
#   x <- c(g1, g2, g3); grp <- factor(rep(c("g1", "g2", "g3"), c(7, 6, 8)))
G1 = [3, 4, 4, 5, 2, 3, 4]
G2 = [2, 2, 3, 1, 3, 2]
G3 = [5, 4, 5, 5, 3, 4, 5, 4]

# Paired data (y has a tie: 9.9 twice), in R:
#   xx <- c(1.2, 2.3, 2.9, 4.1, 5.0, 5.8, 7.1, 7.9, 9.2, 10.0, 11.3, 12.1)
#   yy <- c(2.0, 2.8, 2.5, 4.4, 4.0, 6.1, 5.2, 7.9, 6.6, 9.9, 8.4, 9.9)
XX = [1.2, 2.3, 2.9, 4.1, 5.0, 5.8, 7.1, 7.9, 9.2, 10.0, 11.3, 12.1]
YY = [2.0, 2.8, 2.5, 4.4, 4.0, 6.1, 5.2, 7.9, 6.6, 9.9, 8.4, 9.9]

Z975 = 1.959963984540054  # qnorm(0.975)


def approx(value, abs=1e-12, rel=1e-12):  # noqa: A002 - mirrors pytest.approx
    return pytest.approx(value, abs=abs, rel=rel)


def is_nan_effect(effect: Effect) -> bool:
    return all(math.isnan(v) for v in (effect.value, effect.ci_low, effect.ci_high))


# ---------------------------------------------------------------------------------------------
# Effect
# ---------------------------------------------------------------------------------------------
def test_effect_is_frozen():
    effect = Effect("hedges_g", 0.5, 0.1, 0.9, "noncentral t")
    with pytest.raises(AttributeError):
        effect.value = 1.0  # type: ignore[misc]


# ---------------------------------------------------------------------------------------------
# Hedges' g
# ---------------------------------------------------------------------------------------------
def test_hedges_g_against_r_cohens_d_times_spec_factor():
    # R: cohens_d(a, b, pooled_sd = TRUE)
    #   Cohens_d 1.73931677390764, CI_low 0.650060083395801, CI_high 2.79247807600596
    # g is d times J of docs/results.md, the CI is the noncentral-t d-CI times J (as
    # effectsize scales it by its J).
    g = hedges_g(A, B)
    assert g.effect == "hedges_g"
    assert g.method == "noncentral t"
    assert g.value == approx(1.73931677390764 * J_19)
    assert g.ci_low == pytest.approx(0.650060083395801 * J_19, abs=1e-6)
    assert g.ci_high == pytest.approx(2.79247807600596 * J_19, abs=1e-6)


def test_hedges_g_close_to_r_hedges_g_with_exact_factor():
    # R: hedges_g(a, b, pooled_sd = TRUE)   (ci_method: "ncp", distribution "t")
    #   Hedges_g 1.6612414626658, CI_low 0.620879864991424, CI_high 2.66712793956684
    # effectsize 0.8.3 uses the exact J = Gamma(df/2) / (sqrt(df/2) Gamma((df-1)/2)),
    # docs/results.md the approximation 1 - 3/(4n - 9): they differ by about 1.2e-4
    # (relative) at n = 19.
    g = hedges_g(A, B)
    assert g.value == pytest.approx(1.6612414626658, rel=2e-4)
    assert g.ci_low == pytest.approx(0.620879864991424, rel=2e-4)
    assert g.ci_high == pytest.approx(2.66712793956684, rel=2e-4)
    df = 17
    exact_j = math.exp(math.lgamma(df / 2) - math.log(math.sqrt(df / 2))
                       - math.lgamma((df - 1) / 2))
    assert 1.6612414626658 / exact_j == approx(1.73931677390764, rel=1e-12)


def test_hedges_g_pooled_sd_by_hand():
    # pooled SD with ddof=1 per group: sqrt((9 s_a² + 8 s_b²) / 17)
    a, b = np.array(A), np.array(B)
    sd = math.sqrt((9 * a.var(ddof=1) + 8 * b.var(ddof=1)) / 17)
    assert hedges_g(A, B).value == approx(J_19 * (a.mean() - b.mean()) / sd)


def test_hedges_g_other_confidence():
    # R: cohens_d(a, b, ci = 0.90)  ->  CI_low 0.819325948210435, CI_high 2.6173702990439
    g = hedges_g(A, B, confidence=0.90)
    assert g.ci_low == pytest.approx(0.819325948210435 * J_19, abs=1e-6)
    assert g.ci_high == pytest.approx(2.6173702990439 * J_19, abs=1e-6)


def test_hedges_g_sign_flips_when_groups_swap():
    # R: hedges_g(b, a) -> -1.6612414626658 [-2.6671281045628, -0.620879881555472]
    g, swapped = hedges_g(A, B), hedges_g(B, A)
    assert swapped.value == approx(-g.value)
    assert swapped.ci_low == approx(-g.ci_high, abs=1e-9)
    assert swapped.ci_high == approx(-g.ci_low, abs=1e-9)


# ---------------------------------------------------------------------------------------------
# Rank-biserial r
# ---------------------------------------------------------------------------------------------
def test_rank_biserial_against_r():
    # R: rank_biserial(a, b)
    #   r_rank_biserial 0.777777777777778, CI_low 0.467046493596181, CI_high 0.917526221623631
    # R: wilcox.test(a, b)$statistic -> W = 80 (= U of a): 2 * 80 / 90 - 1 = 7/9
    r = rank_biserial(A, B)
    assert r.effect == "rank_biserial"
    assert r.method == "Fisher z"
    assert stats.mannwhitneyu(A, B).statistic == 80
    assert r.value == approx(7 / 9)
    assert r.ci_low == approx(0.467046493596181, abs=1e-12)
    assert r.ci_high == approx(0.917526221623631, abs=1e-12)


def test_rank_biserial_ci_by_hand():
    # tanh(atanh(7/9) ± 1.96 * sqrt((10 + 9 + 1) / (3 * 10 * 9)))
    se = math.sqrt(20 / 270)
    r = rank_biserial(A, B)
    assert r.ci_low == approx(math.tanh(math.atanh(7 / 9) - Z975 * se))
    assert r.ci_high == approx(math.tanh(math.atanh(7 / 9) + Z975 * se))


def test_rank_biserial_sign_flips_when_groups_swap():
    # R: rank_biserial(b, a) -> -0.777777777777778 [-0.917526221623631, -0.467046493596181]
    r, swapped = rank_biserial(A, B), rank_biserial(B, A)
    assert swapped.value == approx(-r.value)
    assert swapped.ci_low == approx(-r.ci_high)
    assert swapped.ci_high == approx(-r.ci_low)


def test_rank_biserial_complete_separation_as_effectsize():
    # r = 1: atanh(1) = Inf, effectsize's tanh(Inf ± x) gives the interval [1, 1]
    r = rank_biserial([3, 4], [1, 2])
    assert (r.value, r.ci_low, r.ci_high) == (1.0, 1.0, 1.0)


# ---------------------------------------------------------------------------------------------
# Cramér's V
# ---------------------------------------------------------------------------------------------
def test_cramers_v_against_r_lower_limit_zero():
    # R: chisq.test(tab)$statistic -> 6.09571139594676
    # R: cramers_v(tab, adjust = FALSE, alternative = "two.sided")
    #   Cramers_v 0.339136289071272, CI_low 0, CI_high 0.587110247126889
    chi2 = stats.chi2_contingency(TAB, correction=False).statistic
    assert chi2 == approx(6.09571139594676)
    v = cramers_v(TAB)
    assert v.effect == "cramers_v"
    assert v.method == "noncentral chi-square"
    assert v.value == approx(0.339136289071272)
    assert v.value == approx(math.sqrt(chi2 / (53 * 1)))
    assert v.ci_low == 0.0
    assert v.ci_high == pytest.approx(0.587110247126889, abs=1e-6)


def test_cramers_v_against_r():
    # R: chisq.test(tab2)$statistic -> 13.8042763157895
    # R: cramers_v(tab2, adjust = FALSE, alternative = "two.sided")
    #   Cramers_v 0.50098587016528, CI_low 0.208705804433352, CI_high 0.750413637949304
    v = cramers_v(TAB2)
    assert v.value == approx(0.50098587016528)
    assert v.value == approx(math.sqrt(13.8042763157895 / 55))
    assert v.ci_low == pytest.approx(0.208705804433352, abs=1e-6)
    assert v.ci_high == pytest.approx(0.750413637949304, abs=1e-6)


def test_cramers_v_ci_inverts_noncentral_chi2():
    # the limits λ satisfy pchisq(chi2, 2, ncp = λ) = 0.975 / 0.025 with V = sqrt(λ / n)
    v = cramers_v(TAB2)
    chi2, n = 13.8042763157895, 55
    assert stats.ncx2.cdf(chi2, 2, v.ci_low**2 * n) == approx(0.975, abs=1e-9)
    assert stats.ncx2.cdf(chi2, 2, v.ci_high**2 * n) == approx(0.025, abs=1e-9)


def test_cramers_v_does_not_change_when_groups_swap_or_table_transposes():
    # R: cramers_v(t(tab2), adjust = FALSE, alternative = "two.sided") -> same as tab2
    v = cramers_v(TAB2)
    for other in (TAB2[::-1], np.array(TAB2).T, np.array(TAB2)[:, ::-1]):
        w = cramers_v(other)
        assert (w.value, w.ci_low, w.ci_high) == approx((v.value, v.ci_low, v.ci_high))


def test_cramers_v_upper_limit_capped_at_one():
    # perfect association: V = 1, the upper limit is capped at 1 (as effectsize's pmin(., 1))
    v = cramers_v([[5, 0], [0, 5]])
    assert v.value == approx(1.0)
    assert v.ci_high == 1.0
    assert 0 < v.ci_low < 1


# ---------------------------------------------------------------------------------------------
# Odds ratio
# ---------------------------------------------------------------------------------------------
def test_odds_ratio_woolf_by_hand():
    # OR = (10 * 11) / (5 * 4) = 5.5; log OR ± 1.96 sqrt(1/10 + 1/5 + 1/4 + 1/11)
    o = odds_ratio([[10, 5], [4, 11]])
    se = math.sqrt(1 / 10 + 1 / 5 + 1 / 4 + 1 / 11)
    assert o.effect == "odds_ratio"
    assert o.method == "Woolf (log)"
    assert o.value == approx(5.5)
    assert o.ci_low == approx(math.exp(math.log(5.5) - Z975 * se))
    assert o.ci_high == approx(math.exp(math.log(5.5) + Z975 * se))
    # with the rounded 1.96 of the textbook formula: 5.5 * exp(∓1.96 * 0.8021) = 1.141 / 26.51
    assert o.ci_low == pytest.approx(5.5 * math.exp(-1.96 * se), rel=1e-4)
    assert o.ci_high == pytest.approx(5.5 * math.exp(1.96 * se), rel=1e-4)


def test_odds_ratio_haldane_anscombe_for_a_zero_cell():
    # zero cell: every cell + 0.5 -> (6.5 * 4.5) / (0.5 * 2.5) = 23.4,
    # SE = sqrt(1/6.5 + 1/0.5 + 1/2.5 + 1/4.5)
    o = odds_ratio([[6, 0], [2, 4]])
    se = math.sqrt(1 / 6.5 + 1 / 0.5 + 1 / 2.5 + 1 / 4.5)
    assert o.value == approx(23.4)
    assert o.ci_low == approx(math.exp(math.log(23.4) - Z975 * se))
    assert o.ci_high == approx(math.exp(math.log(23.4) + Z975 * se))
    assert "Haldane" in o.method and "0.5" in o.method


def test_odds_ratio_inverts_when_groups_swap():
    for table in ([[10, 5], [4, 11]], [[6, 0], [2, 4]]):
        o, swapped = odds_ratio(table), odds_ratio(table[::-1])
        assert swapped.value == approx(1 / o.value)
        assert swapped.ci_low == approx(1 / o.ci_high)
        assert swapped.ci_high == approx(1 / o.ci_low)


# ---------------------------------------------------------------------------------------------
# Risk difference
# ---------------------------------------------------------------------------------------------
#: Newcombe (1998), Stat Med 17:873–890, Table II, method 10 ("score, no CC"), 95 % limits to
#: 4 decimals: (x_a, n_a, x_b, n_b, lower, upper). Transcribed from the paper as in
#: DeepPSP/DBCI test/test-data/newcombee.csv (row "wilson"); example (d) also in
#: PeteLaud/ratesci tests/testthat/test3.R ("Newcombe/'Score'/Square&add": -0.0381, 0.1926).
NEWCOMBE_TABLE_II = [
    (56, 70, 48, 80, 0.0524, 0.3339),  # (a)
    (9, 10, 3, 10, 0.1705, 0.8090),  # (b)
    (6, 7, 2, 7, 0.0582, 0.8062),  # (c)
    (5, 56, 0, 29, -0.0381, 0.1926),  # (d)
    (0, 10, 0, 20, -0.1611, 0.2775),  # (e)
    (0, 10, 0, 10, -0.2775, 0.2775),  # (f)
    (10, 10, 0, 20, 0.6791, 1.0000),  # (g)
    (10, 10, 0, 10, 0.6075, 1.0000),  # (h)
]


@pytest.mark.parametrize(("x_a", "n_a", "x_b", "n_b", "low", "high"), NEWCOMBE_TABLE_II)
def test_risk_difference_newcombe_published_limits(x_a, n_a, x_b, n_b, low, high):
    rd = risk_difference([[x_a, n_a - x_a], [x_b, n_b - x_b]])
    assert rd.effect == "risk_difference"
    assert rd.method == "Newcombe hybrid score (method 10)"
    assert rd.value == approx(x_a / n_a - x_b / n_b)
    assert rd.ci_low == pytest.approx(low, abs=5e-5)
    assert rd.ci_high == pytest.approx(high, abs=5e-5)


@pytest.mark.parametrize(("x_a", "n_a", "x_b", "n_b", "low", "high"), NEWCOMBE_TABLE_II)
def test_risk_difference_matches_statsmodels(x_a, n_a, x_b, n_b, low, high):
    # statsmodels 0.15: confint_proportions_2indep(..., method="newcomb", compare="diff")
    ref = confint_proportions_2indep(x_a, n_a, x_b, n_b, method="newcomb", compare="diff")
    rd = risk_difference([[x_a, n_a - x_a], [x_b, n_b - x_b]])
    assert (rd.ci_low, rd.ci_high) == approx((float(ref[0]), float(ref[1])), abs=1e-12)


def test_risk_difference_other_confidence_matches_statsmodels():
    ref = confint_proportions_2indep(7, 34, 1, 34, method="newcomb", compare="diff",
                                     alpha=0.10)
    rd = risk_difference([[7, 27], [1, 33]], confidence=0.90)
    assert (rd.ci_low, rd.ci_high) == approx((float(ref[0]), float(ref[1])), abs=1e-12)


def test_risk_difference_sign_flips_when_groups_swap():
    for x_a, n_a, x_b, n_b, _, _ in NEWCOMBE_TABLE_II:
        table = [[x_a, n_a - x_a], [x_b, n_b - x_b]]
        rd, swapped = risk_difference(table), risk_difference(table[::-1])
        assert swapped.value == approx(-rd.value)
        assert swapped.ci_low == approx(-rd.ci_high)
        assert swapped.ci_high == approx(-rd.ci_low)


# ---------------------------------------------------------------------------------------------
# Epsilon² (Kruskal–Wallis)
# ---------------------------------------------------------------------------------------------
def test_epsilon_squared_against_r():
    # R: kruskal.test(x, grp)$statistic -> 11.3854115529373 (tie-corrected)
    # R: set.seed(1); rank_epsilon_squared(x, grp, ci = 0.95, alternative = "two.sided",
    #                                      iterations = 2000)
    #   rank_epsilon_squared 0.569270577646867, CI_low 0.407392547096267,
    #   CI_high 0.805216977251356
    # 11.3854115529373 / ((21^2 - 1) / 22) = 11.3854115529373 / 20
    assert stats.kruskal(G1, G2, G3).statistic == approx(11.3854115529373)
    e = epsilon_squared([G1, G2, G3])
    assert e.effect == "epsilon2"
    assert e.method == "bootstrap percentile"
    assert e.value == approx(0.569270577646867)
    assert e.value == approx(11.3854115529373 / 20)
    # R's bootstrap uses R's RNG: only a loose agreement of the percentile limits is expected
    assert e.ci_low == pytest.approx(0.407392547096267, abs=0.03)
    assert e.ci_high == pytest.approx(0.805216977251356, abs=0.03)
    assert 0 <= e.ci_low <= e.value <= e.ci_high <= 1


def test_epsilon_squared_seeded_and_group_order_free():
    e1 = epsilon_squared([G1, G2, G3], n_boot=500, seed=7)
    e2 = epsilon_squared([G1, G2, G3], n_boot=500, seed=7)
    assert e1 == e2  # same seed, same interval
    other = epsilon_squared([G3, G1, G2], n_boot=500, seed=7)
    assert other.value == approx(e1.value)  # not directional: the group order does not matter
    assert epsilon_squared([G1, G2, G3], n_boot=500, seed=8).ci_low != e1.ci_low


def test_epsilon_squared_bootstrap_h_matches_scipy():
    # the vectorised H of the bootstrap equals scipy.stats.kruskal on resampled rows
    from survey.intervals import _kruskal_h_rows

    rng = np.random.default_rng(0)
    rows = rng.integers(1, 5, size=(200, 12)).astype(float)
    sizes, starts = np.array([3, 4, 5]), np.array([0, 3, 7])
    got = _kruskal_h_rows(rows, sizes, starts)
    for row, h in zip(rows, got, strict=True):
        if np.all(row == row[0]):
            assert h == 0.0
        else:
            assert h == approx(stats.kruskal(row[:3], row[3:7], row[7:]).statistic)


def test_epsilon_squared_perfect_separation():
    # ranks 1..9 in three blocks: H = 12/(9*10) * (6² + 15² + 24²)/3 - 30 = 7.2, eps² = 7.2/8
    e = epsilon_squared([[1, 2, 3], [4, 5, 6], [7, 8, 9]], n_boot=200)
    assert e.value == approx(0.9)


# ---------------------------------------------------------------------------------------------
# Correlation
# ---------------------------------------------------------------------------------------------
def test_pearson_two_sided_against_r():
    # R: cor.test(xx, yy)
    #   cor 0.948763482358348, t 9.49486057253424, df 10, p 2.55091679538363e-06,
    #   conf.int 0.822962264406881 0.985864783953975
    e, t, p = correlation(XX, YY)
    assert e.effect == "r"
    assert e.method == "Fisher z"
    assert e.value == approx(0.948763482358348)
    assert t == approx(9.49486057253424, rel=1e-11)
    assert p == approx(2.55091679538363e-06, rel=1e-9)
    assert (e.ci_low, e.ci_high) == approx((0.822962264406881, 0.985864783953975))


def test_pearson_one_sided_against_r():
    # R: cor.test(xx, yy, alternative = "greater")
    #   p 1.27545839769182e-06, conf.int 0.854058810986176 1
    e, t, p = correlation(XX, YY, alternative="greater")
    assert p == approx(1.27545839769182e-06, rel=1e-9)
    assert (e.ci_low, e.ci_high) == approx((0.854058810986176, 1.0))
    assert e.method == "Fisher z, one-sided"
    # R: cor.test(xx, yy, alternative = "less")
    #   p 0.999998724541602, conf.int -1 0.982589177003446
    e, t, p = correlation(XX, YY, alternative="less")
    assert p == approx(0.999998724541602, rel=1e-9)
    assert (e.ci_low, e.ci_high) == approx((-1.0, 0.982589177003446))


def test_spearman_against_r():
    # R: cor.test(xx, yy, method = "spearman", exact = FALSE)
    #   rho 0.959721261623534, S 11.5197191756692, p 7.80278165030978e-07
    # R: cor.test(xx, yy, method = "spearman", exact = FALSE, alternative = "greater")
    #   p 3.90139082515489e-07
    # (exact = FALSE: R's t approximation, which scipy.stats.spearmanr uses; R's default
    # exact p-value is only used without ties.) The statistic here is t, not R's S.
    rho = 0.959721261623534
    e, t, p = correlation(XX, YY, method="spearman")
    assert e.value == approx(rho)
    assert p == approx(7.80278165030978e-07, rel=1e-9)
    assert t == approx(rho * math.sqrt(10 / (1 - rho**2)), rel=1e-11)
    assert e.method == "Fisher z, Bonett–Wright SE"
    _, _, p_greater = correlation(XX, YY, method="spearman", alternative="greater")
    assert p_greater == approx(3.90139082515489e-07, rel=1e-9)


def test_spearman_ci_bonett_wright_by_hand():
    # tanh(atanh(rho) ± 1.96 sqrt((1 + rho²/2) / (n - 3))), n = 12
    rho = 0.959721261623534
    se = math.sqrt((1 + rho**2 / 2) / 9)
    e, _, _ = correlation(XX, YY, method="spearman")
    assert e.ci_low == approx(math.tanh(math.atanh(rho) - Z975 * se))
    assert e.ci_high == approx(math.tanh(math.atanh(rho) + Z975 * se))
    # one-sided "greater": lower bound with qnorm(0.95) = 1.6448536269514722, upper bound 1
    e, _, _ = correlation(XX, YY, method="spearman", alternative="greater")
    assert e.ci_low == approx(math.tanh(math.atanh(rho) - 1.6448536269514722 * se))
    assert e.ci_high == 1.0


@pytest.mark.parametrize("method", ["pearson", "spearman"])
def test_correlation_sign_flips_with_reversed_variable(method):
    e, t, p = correlation(XX, YY, method=method)
    neg, t_neg, p_neg = correlation(XX, -np.array(YY), method=method)
    assert neg.value == approx(-e.value)
    assert (neg.ci_low, neg.ci_high) == approx((-e.ci_high, -e.ci_low))
    assert t_neg == approx(-t)
    assert p_neg == approx(p, rel=1e-9)
    # one-sided: "greater" of a negative correlation is the complement of "less"
    _, _, p_g = correlation(XX, -np.array(YY), method=method, alternative="greater")
    _, _, p_l = correlation(XX, YY, method=method, alternative="less")
    assert p_g == approx(p_l, rel=1e-9)


def test_point_biserial_is_pearson_with_student_t():
    # point-biserial r with a 0/1 x: its t equals the pooled-variance t-test of y by group
    # (scipy.stats.ttest_ind(equal_var=True)), with group 1 as the first sample.
    x = [1] * len(A) + [0] * len(B)
    y = A + B
    e, t, p = correlation(x, y)
    ref = stats.ttest_ind(A, B, equal_var=True)
    assert t == approx(ref.statistic, rel=1e-10)
    assert p == approx(ref.pvalue, rel=1e-9)
    assert e.value > 0  # group coded 1 (group_a) scores higher


# ---------------------------------------------------------------------------------------------
# Degenerate input: NaN, no exception, no warning (warnings are errors in this module)
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("call", [
    lambda: hedges_g([2.0, 2.0, 2.0], [2.0, 2.0]),  # zero pooled SD
    lambda: hedges_g([1.0, 2.0], [3.0]),  # n = 3: J = 0
    lambda: hedges_g([1.0], [3.0]),  # df = 0
    lambda: cramers_v([[0, 0, 0], [3, 4, 5]]),  # empty row
    lambda: cramers_v([[3, 0, 2], [4, 0, 5]]),  # empty column
    lambda: odds_ratio([[0, 0], [3, 6]]),  # empty group
    lambda: odds_ratio([[0, 5], [0, 6]]),  # no events at all
    lambda: risk_difference([[3, 6], [0, 0]]),  # empty group
    lambda: epsilon_squared([[2.0, 2.0], [2.0, 2.0, 2.0]]),  # all values identical
    lambda: correlation([1.0, 1.0, 1.0, 1.0], [1.0, 2.0, 3.0, 4.0])[0],  # constant x
    lambda: correlation([1.0, 2.0, 3.0, 4.0], [5.0, 5.0, 5.0, 5.0], method="spearman")[0],
    lambda: correlation([1.0, 2.0], [2.0, 1.0])[0],  # n = 2
])
def test_degenerate_input_gives_nan(call):
    assert is_nan_effect(call())


def test_degenerate_correlation_statistic_and_p_are_nan():
    _, t, p = correlation([1.0, 1.0, 1.0, 1.0], [1.0, 2.0, 3.0, 4.0])
    assert math.isnan(t) and math.isnan(p)


def test_too_small_for_a_ci():
    # n = 3: r, t and p exist, the Fisher-z SE 1/sqrt(n - 3) does not
    e, t, p = correlation([1.0, 2.0, 3.0], [3.0, 4.0, 6.0])
    assert math.isfinite(e.value) and math.isfinite(t) and math.isfinite(p)
    assert math.isnan(e.ci_low) and math.isnan(e.ci_high)


def test_zero_cells_and_perfect_correlations_stay_finite():
    # a zero cell is not degenerate for V, RD (Newcombe example (g)) or the OR (+0.5)
    assert cramers_v([[5, 0], [3, 4]]).value > 0
    assert risk_difference([[10, 0], [0, 20]]).value == 1.0
    assert math.isfinite(odds_ratio([[10, 0], [0, 20]]).ci_high)
    # perfect correlation: r = ±1, t = ±inf, interval [r, r] (as R's tanh(atanh(1)))
    e, t, _ = correlation([1.0, 2.0, 3.0, 4.0, 5.0], [5.0, 4.0, 3.0, 2.0, 1.0],
                          method="spearman")
    assert (e.value, e.ci_low, e.ci_high, t) == (-1.0, -1.0, -1.0, -math.inf)
    # identical groups: r = 0 with a CI, g NaN only if there is no variance at all
    assert rank_biserial([1.0, 1.0, 1.0], [1.0, 1.0]).value == 0.0
    assert hedges_g([1.0, 2.0, 3.0], [1.0, 2.0, 3.0]).value == 0.0


def test_hedges_g_extreme_t_gives_nan_ci_without_error():
    # t of about 1e10: scipy's noncentral t cdf is NaN out there, the root finding gives up
    g = hedges_g([0.0, 1e-9, 0.0], [5.0, 5.0, 5.0])
    assert math.isfinite(g.value) and g.value < 0
    assert math.isnan(g.ci_low) and math.isnan(g.ci_high)


# ---------------------------------------------------------------------------------------------
# Input checks: ValueError naming the argument
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("call", "name"), [
    (lambda: hedges_g([1.0, float("nan")], [1.0, 2.0]), "a"),
    (lambda: hedges_g([1.0, 2.0], []), "b"),
    (lambda: rank_biserial([[1.0, 2.0]], [1.0]), "a"),
    (lambda: rank_biserial([1.0, 2.0], [1.0, float("inf")]), "b"),
    (lambda: cramers_v([1, 2, 3]), "table"),
    (lambda: cramers_v([[1, 2, 3]]), "table"),
    (lambda: cramers_v([[1, -2], [3, 4]]), "table"),
    (lambda: odds_ratio([[1, 2, 3], [4, 5, 6]]), "table"),
    (lambda: risk_difference([[1, 2], [3, float("nan")]]), "table"),
    (lambda: epsilon_squared([[1.0, 2.0]]), "samples"),
    (lambda: epsilon_squared([[1.0, 2.0], []]), "samples[1]"),
    (lambda: epsilon_squared([[1.0, 2.0], [float("nan")]]), "samples[1]"),
    (lambda: epsilon_squared([[1.0, 2.0], [3.0]], n_boot=0), "n_boot"),
    (lambda: correlation([1.0, 2.0, 3.0], [1.0, 2.0]), "y"),
    (lambda: correlation([1.0, 2.0, 3.0], [1.0, 2.0, 3.0], method="kendall"), "method"),
    (lambda: correlation([1.0, 2.0, 3.0], [1.0, 2.0, 3.0], alternative="two.sided"),
     "alternative"),
    (lambda: hedges_g([1.0, 2.0], [3.0, 4.0], confidence=95), "confidence"),
])
def test_invalid_input_raises_value_error_naming_the_argument(call, name):
    with pytest.raises(ValueError, match=rf"^{re.escape(name)} "):
        call()


def test_bootstrap_h_from_counts_equals_ranking():
    """H from value counts (the shortcut for few distinct values) is the tie-corrected H
    that ranking gives (scipy.stats.kruskal per row)."""
    from survey.intervals import _kruskal_h_counts

    rng = np.random.default_rng(5)
    distinct = np.array([1.0, 2.0, 2.5, 4.0, 5.0])
    sizes = [7, 12, 4]
    codes = [rng.integers(0, 5, size=(50, m)) for m in sizes]
    for c in codes:  # one row of all-equal values (H = 0)
        c[0] = 2
    counts = [np.stack([np.bincount(row, minlength=5) for row in c]) for c in codes]
    h = _kruskal_h_counts(counts, sum(sizes))
    assert h[0] == 0.0
    for i in range(1, 50):
        expected = stats.kruskal(*[distinct[c[i]] for c in codes]).statistic
        assert h[i] == pytest.approx(expected, rel=1e-12, abs=1e-12)


def test_epsilon_squared_interval_agrees_between_the_two_bootstraps(monkeypatch):
    """Drawing each group's value counts (multinomial) is the same resampling as drawing
    values: the two intervals agree within Monte-Carlo error (2000 resamples each)."""
    import survey.effects as eff
    import survey.intervals as intervals

    rng = np.random.default_rng(9)
    groups = [rng.integers(1, 6, size=m).astype(float) for m in (30, 45, 25)]
    fast = eff.epsilon_squared(groups)
    monkeypatch.setattr(intervals, "_COUNT_PATH_LEVELS", 0)  # force drawing values and ranking
    slow = eff.epsilon_squared(groups)
    assert fast.value == slow.value
    assert fast.ci_low == pytest.approx(slow.ci_low, abs=0.01)
    assert fast.ci_high == pytest.approx(slow.ci_high, abs=0.02)
