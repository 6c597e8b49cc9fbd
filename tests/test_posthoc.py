"""Tests for survey.posthoc (Dunn's test, type-II two-way ANOVA, partial eta squared CI).

Reference values come from R 4.2 with rstatix 0.7.2, car 3.1.1 and effectsize 0.8.3 (Debian
bookworm packages; run once, R is not needed to run the tests), from scikit-posthocs and
statsmodels called here by another route, and from the published example of the R package
dunn.test (Hollander & Wolfe 1973 data).

Sign conventions of the references:

- ``rstatix::dunn_test`` reports ``statistic`` = (mean rank of group2 - mean rank of group1)
  / se, i.e. the opposite sign of our ``z`` (positive when group_a, the earlier label, ranks
  higher); its p is two-sided and ``p.adj`` uses R's ``p.adjust``.
- ``dunn.test::dunn.test`` prints "Col Mean - Row Mean" and one-sided p = P(Z >= |z|) (R's
  dunn.test and jamovi default; STYLE.md): the two-sided p is twice the printed one.
- ``scikit_posthocs.posthoc_dunn`` returns a symmetric matrix of two-sided p-values (no z) and
  adjusts nothing unless ``p_adjust`` is given.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
import scikit_posthocs as sp
from scipy import stats
from statsmodels.formula.api import ols
from statsmodels.stats.multitest import multipletests

from survey.posthoc import ANOVA2_COLUMNS, DUNN_COLUMNS, anova2, dunn, eta2_partial_ci


def quietly(func, *args, **kwargs):
    """Call ``func`` with every warning turned into an error (degenerate input must be silent)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return func(*args, **kwargs)


# ---------------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------------
# Likert-type answers (many ties), four groups of unequal size; the label order is deliberately
# not alphabetical. R: the same vectors in
#   d <- data.frame(y = c(...), g = factor(rep(c("urban","rural","suburban","remote"),
#                   c(10, 8, 9, 6)), levels = c("urban","rural","suburban","remote")))
LIKERT = {
    "urban": [3, 4, 2, 5, 4, 4, 3, 5, 1, 4],
    "rural": [2, 1, 3, 2, 2, 3, 1, 2],
    "suburban": [4, 5, 5, 3, 5, 4, 4, 5, 5],
    "remote": [3, 3, 2, 4, 3, 1],
}

# Hollander, M. & Wolfe, D. A. (1973). Nonparametric Statistical Methods, p. 116: mucociliary
# efficiency (rate of dust removal) in normal subjects, subjects with obstructive airway
# disease (COPD) and subjects with asbestosis -- the example of R's dunn.test documentation
# (Dinno, package dunn.test, ?dunn.test, taken from ?kruskal.test). No ties.
HOLLANDER_WOLFE = {
    "Normal": [2.9, 3.0, 2.5, 2.6, 3.2],
    "COPD": [3.8, 2.7, 4.0, 2.4],
    "Asbestosis": [2.8, 3.4, 3.7, 2.2, 2.0],
}

# Dunn (1964), Table 1: occupation (ordinal code 1..7) of 383 patients by home-care
# eligibility, as the data set `homecare` of R's dunn.test package (heavy ties). Counts from
# R: load("homecare.rda"); table(homecare$occupation, homecare$eligibility).
HOMECARE_COUNTS = {  # eligibility -> counts of occupation codes 1..7
    "Eligible": [3, 12, 10, 20, 47, 74, 62],
    "No responsible person": [0, 4, 7, 10, 9, 12, 26],
    "Responsible person unable": [1, 2, 4, 11, 10, 21, 38],
}


def homecare_samples() -> dict[str, np.ndarray]:
    return {group: np.repeat(np.arange(1, 8), counts).astype(float)
            for group, counts in HOMECARE_COUNTS.items()}


def as_long(samples: dict[str, list]) -> pd.DataFrame:
    return pd.DataFrame({"y": np.concatenate([np.asarray(v, float) for v in samples.values()]),
                         "g": np.repeat(list(samples), [len(v) for v in samples.values()])})


def by_pair(result: pd.DataFrame) -> dict[tuple[str, str], pd.Series]:
    return {(row.group_a, row.group_b): row for row in result.itertuples(index=False)}


# ---------------------------------------------------------------------------------------------
# Dunn's test
# ---------------------------------------------------------------------------------------------
def test_dunn_columns_and_pair_order() -> None:
    res = quietly(dunn, list(LIKERT.values()), list(LIKERT))
    assert list(res.columns) == DUNN_COLUMNS
    assert list(zip(res["group_a"], res["group_b"], strict=True)) == [
        ("urban", "rural"), ("urban", "suburban"), ("urban", "remote"),
        ("rural", "suburban"), ("rural", "remote"), ("suburban", "remote")]
    assert res["n_a"].tolist() == [10, 10, 10, 8, 8, 9]
    assert res["n_b"].tolist() == [8, 9, 6, 9, 6, 6]


def test_dunn_matches_rstatix_with_ties() -> None:
    # R (rstatix 0.7.2):
    #   r <- rstatix::dunn_test(d, y ~ g, p.adjust.method = "holm", detailed = TRUE)
    #   sprintf("%.15f %.15e %.15e", r$statistic, r$p, r$p.adj); r$estimate1, r$estimate2
    # (group1, group2, statistic = R̄2 - R̄1 over se, p, p.adj, estimate1, estimate2)
    expected = [
        ("urban", "rural", -2.431739831468774, 1.502649648211439e-02, 6.010598592845754e-02,
         18.9, 8.0),
        ("urban", "suburban", 1.584070344007184, 1.131777121550819e-01, 3.395331364652457e-01,
         18.9, 25.7777777777778),
        ("urban", "remote", -1.277373362149209, 2.014704645289366e-01, 4.029409290578732e-01,
         18.9, 12.6666666666667),
        ("rural", "suburban", 3.871694935312903, 1.080811700013943e-04, 6.484870200083661e-04,
         8.0, 25.7777777777778),
        ("rural", "remote", 0.914419021236089, 3.604967107580466e-01, 4.029409290578732e-01,
         8.0, 12.6666666666667),
        ("suburban", "remote", -2.632525689112985, 8.475261339488432e-03, 4.237630669744216e-02,
         25.7777777777778, 12.6666666666667),
    ]
    res = by_pair(quietly(dunn, list(LIKERT.values()), list(LIKERT)))
    for g1, g2, statistic, p, p_adj, rank1, rank2 in expected:
        row = res[(g1, g2)]
        assert row.z == pytest.approx(-statistic, abs=1e-12)  # rstatix: group2 - group1
        assert row.p == pytest.approx(p, rel=1e-10)
        assert row.p_adj == pytest.approx(p_adj, rel=1e-10)
        assert row.mean_rank_a == pytest.approx(rank1, abs=1e-12)
        assert row.mean_rank_b == pytest.approx(rank2, abs=1e-12)


def test_dunn_matches_rstatix_on_dunn_1964_homecare() -> None:
    # R (rstatix 0.7.2) on Dunn's (1964) own data, 383 rows in 7 tied values:
    #   r <- rstatix::dunn_test(homecare, occupation ~ eligibility, p.adjust.method = "holm",
    #                           detailed = TRUE)
    expected = [
        ("Eligible", "No responsible person", 228, 68, 185.390350877192986, 187.698529411764696,
         0.155968618465199, 8.760577572974458e-01, 8.760577572974458e-01),
        ("Eligible", "Responsible person unable", 228, 87, 185.390350877192986,
         212.683908045977006, 2.022198188177373, 4.315588139264584e-02, 1.294676441779375e-01),
        ("No responsible person", "Responsible person unable", 68, 87, 187.698529411764696,
         212.683908045977006, 1.441205702592640, 1.495265778121611e-01, 2.990531556243223e-01),
    ]
    samples = homecare_samples()
    res = by_pair(quietly(dunn, list(samples.values()), list(samples)))
    for g1, g2, n1, n2, rank1, rank2, statistic, p, p_adj in expected:
        row = res[(g1, g2)]
        assert (row.n_a, row.n_b) == (n1, n2)
        assert row.mean_rank_a == pytest.approx(rank1, abs=1e-10)
        assert row.mean_rank_b == pytest.approx(rank2, abs=1e-10)
        assert row.z == pytest.approx(-statistic, abs=1e-12)
        assert row.p == pytest.approx(p, rel=1e-10)
        assert row.p_adj == pytest.approx(p_adj, rel=1e-10)


def test_dunn_hollander_wolfe_published_example() -> None:
    # dunn.test documentation example (Hollander & Wolfe 1973, p. 116), output of
    #   dunn.test(x, g, method = "none")   with levels Normal, COPD, Asbestosis
    # as printed in rstatix issue #20 (github.com/kassambara/rstatix/issues/20):
    #   Col Mean-Row Mean  COPD - Asbestosis (row COPD, col Asbestos): -0.855235, p = 0.1962
    #                      Normal row: col Asbestos -0.226778 (p 0.4103), col COPD 0.641426
    #                      (p 0.2606)
    # i.e. z = (col mean rank - row mean rank) / se with one-sided p = P(Z >= |z|).
    # Our z is (group_a - group_b): Normal-COPD = -0.641426, Normal-Asbestosis = +0.226778,
    # COPD-Asbestosis = +0.855235; two-sided p = 2 x the printed one-sided p.
    samples = HOLLANDER_WOLFE
    res = by_pair(quietly(dunn, list(samples.values()), list(samples)))
    published = {("Normal", "COPD"): (-0.641426, 0.2606),
                 ("Normal", "Asbestosis"): (0.226778, 0.4103),
                 ("COPD", "Asbestosis"): (0.855235, 0.1962)}
    for pair, (z, p_one_sided) in published.items():
        # dunn.test prints z truncated (not rounded) to 6 decimals: 0.6414269... -> 0.641426
        assert res[pair].z == pytest.approx(z, abs=1e-6)
        assert res[pair].p == pytest.approx(2 * p_one_sided, abs=2e-4)  # printed to 4
    # R (rstatix 0.7.2, two-sided): dunn_test(hw, y ~ g, p.adjust.method = "holm")
    #   Normal COPD 0.641426980589818 p 5.212453081148150e-01 p.adj 1
    #   Normal Asbestosis -0.226778683805537 p 8.205958397554408e-01 p.adj 1
    #   COPD Asbestosis -0.855235974119758 p 3.924205244765817e-01 p.adj 1
    assert res[("Normal", "COPD")].z == pytest.approx(-0.641426980589818, abs=1e-12)
    assert res[("Normal", "Asbestosis")].z == pytest.approx(0.226778683805537, abs=1e-12)
    assert res[("COPD", "Asbestosis")].z == pytest.approx(0.855235974119758, abs=1e-12)
    assert res[("Normal", "COPD")].p == pytest.approx(5.212453081148150e-01, rel=1e-10)
    assert res[("Normal", "Asbestosis")].p == pytest.approx(8.205958397554408e-01, rel=1e-10)
    assert res[("COPD", "Asbestosis")].p == pytest.approx(3.924205244765817e-01, rel=1e-10)
    assert all(row.p_adj == pytest.approx(1.0) for row in res.values())


@pytest.mark.parametrize("samples", [LIKERT, HOLLANDER_WOLFE, "homecare"])
def test_dunn_matches_scikit_posthocs(samples) -> None:
    if samples == "homecare":
        samples = homecare_samples()
    labels = list(samples)
    res = quietly(dunn, list(samples.values()), labels)
    long = as_long(samples)
    # posthoc_dunn returns a matrix indexed by group; p_adjust=None is its (unadjusted) default
    raw = sp.posthoc_dunn(long, val_col="y", group_col="g", p_adjust=None)
    holm = sp.posthoc_dunn(long, val_col="y", group_col="g", p_adjust="holm")
    for row in res.itertuples(index=False):
        assert row.p == pytest.approx(raw.loc[row.group_a, row.group_b], rel=1e-12)
        assert row.p_adj == pytest.approx(holm.loc[row.group_a, row.group_b], rel=1e-12)


def test_dunn_hand_computed_tie_correction() -> None:
    # Hand calculation for [1, 2, 3] vs [3, 4, 5, 6] vs [7, 8, 9] (the docstring example):
    # N = 10, one pair of tied 3s (ranks 3 and 4 -> 3.5): Σ(t³ - t) = 6;
    # variance = 10·11/12 - 6/(12·9) = 9.1666... - 0.0555... = 9.1111...
    # mean ranks: low (1+2+3.5)/3 = 2.1666..., mid (3.5+5+6+7)/4 = 5.375, high 9
    # z(low, mid) = (2.1666... - 5.375) / sqrt(9.1111... · (1/3 + 1/4))
    variance = 10 * 11 / 12 - 6 / (12 * 9)
    z_low_mid = (6.5 / 3 - 5.375) / np.sqrt(variance * (1 / 3 + 1 / 4))
    z_low_high = (6.5 / 3 - 9) / np.sqrt(variance * (2 / 3))
    z_mid_high = (5.375 - 9) / np.sqrt(variance * (1 / 4 + 1 / 3))
    res = quietly(dunn, [[1, 2, 3], [3, 4, 5, 6], [7, 8, 9]], ["low", "mid", "high"])
    assert res["z"].tolist() == pytest.approx([z_low_mid, z_low_high, z_mid_high], abs=1e-12)
    p = 2 * stats.norm.sf(np.abs([z_low_mid, z_low_high, z_mid_high]))
    assert res["p"].tolist() == pytest.approx(p.tolist(), rel=1e-12)
    # Holm by hand: sorted p (low-high, mid-high, low-mid) times 3, 2, 1, made monotone
    assert res["p_adj"].tolist() == pytest.approx(
        multipletests(p, method="holm")[1].tolist(), rel=1e-12)
    # R (rstatix 0.7.2): dunn_test(doc, y ~ g, p.adjust.method = "holm")
    #   low mid 1.391667275205553, low high 2.772634126602355, mid high 1.572403284972508
    #   p.adj 2.317141058627699e-01, 1.668137979641220e-02, 2.317141058627699e-01
    assert res["z"].tolist() == pytest.approx(
        [-1.391667275205553, -2.772634126602355, -1.572403284972508], abs=1e-12)
    assert res["p_adj"].tolist() == pytest.approx(
        [2.317141058627699e-01, 1.668137979641220e-02, 2.317141058627699e-01], rel=1e-10)


def test_dunn_sign_follows_label_order() -> None:
    samples = list(LIKERT.values())
    forward = quietly(dunn, samples, list(LIKERT))
    backward = quietly(dunn, samples[::-1], list(LIKERT)[::-1])
    first = by_pair(forward)[("urban", "rural")]
    second = by_pair(backward)[("rural", "urban")]
    assert first.z > 0  # urban answers higher (mean rank 18.9 vs 8.0)
    assert second.z == pytest.approx(-first.z, abs=1e-12)
    assert second.p == pytest.approx(first.p, rel=1e-12)
    assert second.p_adj == pytest.approx(first.p_adj, rel=1e-12)


def test_dunn_drops_nan_and_accepts_lists() -> None:
    clean = quietly(dunn, list(LIKERT.values()), list(LIKERT))
    with_nan = {k: [*v, np.nan] for k, v in LIKERT.items()}
    res = quietly(dunn, [np.array(v) for v in with_nan.values()], list(with_nan))
    pd.testing.assert_frame_equal(res, clean)


def test_dunn_group_of_size_one_is_computed_like_scikit_posthocs() -> None:
    samples = {"a": [1.0, 2.0, 2.0, 5.0], "b": [4.0], "c": [6.0, 7.0, 2.0]}
    res = quietly(dunn, list(samples.values()), list(samples))
    assert res["z"].notna().all()
    raw = sp.posthoc_dunn(as_long(samples), val_col="y", group_col="g")
    for row in res.itertuples(index=False):
        assert row.p == pytest.approx(raw.loc[row.group_a, row.group_b], rel=1e-12)


def test_dunn_all_values_equal_gives_nan_silently() -> None:
    res = quietly(dunn, [[3, 3, 3], [3, 3], [3, 3, 3, 3]], ["a", "b", "c"])
    assert len(res) == 3
    assert res[["z", "p", "p_adj"]].isna().all().all()
    assert res["mean_rank_a"].tolist() == [5.0, 5.0, 5.0]  # every rank is (1 + 9) / 2


def test_dunn_empty_group_gives_nan_and_is_left_out_of_holm() -> None:
    samples = [[1, 2, 3, 4], [], [5, 6, 7], [np.nan, np.nan]]
    res = quietly(dunn, samples, ["a", "b", "c", "d"])
    pairs = by_pair(res)
    for pair in [("a", "b"), ("a", "d"), ("b", "c"), ("b", "d"), ("c", "d")]:
        assert np.isnan(pairs[pair].z) and np.isnan(pairs[pair].p)
        assert np.isnan(pairs[pair].p_adj)
    assert (pairs[("a", "b")].n_b, pairs[("a", "d")].n_b) == (0, 0)
    # the only real test is a vs c; Holm over one test leaves p unchanged
    only = quietly(dunn, [[1, 2, 3, 4], [5, 6, 7]], ["a", "c"]).iloc[0]
    assert pairs[("a", "c")].z == pytest.approx(only.z, abs=1e-12)
    assert pairs[("a", "c")].p_adj == pytest.approx(only.p, rel=1e-12)


def test_dunn_fewer_than_two_groups_gives_no_rows() -> None:
    res = quietly(dunn, [[1, 2, 3]], ["only"])
    assert list(res.columns) == DUNN_COLUMNS
    assert res.empty
    single = quietly(dunn, [[1.0], [2.0]], ["a", "b"])  # N = 2, no ties
    assert single["z"].iloc[0] == pytest.approx(-1.0)  # (1 - 2) / sqrt(2·3/12 · 2)


def test_dunn_rejects_bad_labels() -> None:
    with pytest.raises(ValueError, match="labels"):
        dunn([[1, 2], [3, 4]], ["a"])
    with pytest.raises(ValueError, match="unique"):
        dunn([[1, 2], [3, 4]], ["a", "a"])


# ---------------------------------------------------------------------------------------------
# Two-way ANOVA
# ---------------------------------------------------------------------------------------------
# 2 x 2 designs (a: single parent, b: child under 3). R:
#   bal <- data.frame(y = c(...), a = rep(c("no","no","yes","yes"), each = 5),
#                     b = rep(c("no","yes","no","yes"), each = 5))
#   unb <- data.frame(y = c(...), a = rep(c("no","no","yes","yes"), c(4, 7, 3, 6)),
#                     b = rep(c("no","yes","no","yes"), c(4, 7, 3, 6)))
#   m <- lm(y ~ a * b, data = d, contrasts = list(a = "contr.sum", b = "contr.sum"))
#   t2 <- car::Anova(m, type = 2)
#   e <- effectsize::eta_squared(t2, partial = TRUE, alternative = "two.sided", ci = 0.95)
BALANCED_CELLS = {("no", "no"): [12, 15, 11, 14, 13], ("no", "yes"): [16, 18, 15, 17, 19],
                  ("yes", "no"): [14, 13, 16, 15, 12], ("yes", "yes"): [22, 20, 23, 19, 21]}
UNBALANCED_CELLS = {("no", "no"): [12, 15, 11, 14], ("no", "yes"): [16, 18, 15, 17, 19, 14, 20],
                    ("yes", "no"): [14, 13, 16], ("yes", "yes"): [22, 20, 23, 19, 21, 18]}

# car::Anova(m, type = 2): sprintf("%.15f", t2[, "Sum Sq"]), t2$Df, t2[, "F value"],
# sprintf("%.15e", t2[, "Pr(>F)"]); residual SS and df in the last entry
CAR_BALANCED = {
    "ss": [31.250000000000043, 151.250000000000057, 11.249999999999993, 40.000000000000028],
    "df": [1, 1, 1, 16],
    "F": [12.500000000000009, 60.499999999999979, 4.499999999999994],
    "p": [2.749255341808796e-03, 7.971395371971603e-07, 4.986461165754889e-02],
}
CAR_UNBALANCED = {
    "ss": [37.366764346764349, 111.525050505050558, 5.257777777777768, 60.166666666666671],
    "df": [1, 1, 1, 16],
    "F": [9.936868081134008, 29.657631159237820, 1.398190212373035],
    "p": [6.165633278713296e-03, 5.387579907287029e-05, 2.543015380599951e-01],
}
# effectsize 0.8.3: sprintf("%.15f", e$Eta2_partial, e$CI_low, e$CI_high)
EFFECTSIZE_BALANCED = {
    "eta2": [0.438596491228070, 0.790849673202614, 0.219512195121951],
    "ci_low": [0.081219905816959, 0.550068884183011, 0.0],
    "ci_high": [0.677808036237599, 0.884101914005481, 0.522417755425352],
}
EFFECTSIZE_UNBALANCED = {
    "eta2": [0.383117500927643, 0.649565700327343, 0.080364118066642],
    "ci_low": [0.045280481237190, 0.311722834436999, 0.0],
    "ci_high": [0.641789278414322, 0.804359553031350, 0.385222299804005],
}


def cells_frame(cells: dict, a: str = "single_parent", b: str = "child_u3") -> pd.DataFrame:
    rows = [{"score": float(v), a: la, b: lb} for (la, lb), values in cells.items()
            for v in values]
    return pd.DataFrame(rows)


def nested_type2(data: pd.DataFrame) -> dict[str, tuple[float, float, float, float]]:
    """Type II SS, df, F, p by nested model comparisons (statsmodels RSS, not anova_lm).

    SS_A = RSS(y ~ B) - RSS(y ~ A + B); SS_B = RSS(y ~ A) - RSS(y ~ A + B);
    SS_AB = RSS(y ~ A + B) - RSS(y ~ A * B); F = (SS / df) / (RSS_full / df_resid_full).
    """
    d = data.rename(columns={"single_parent": "A", "child_u3": "B"})
    fits = {f: ols(f, data=d).fit() for f in
            ["score ~ C(B)", "score ~ C(A)", "score ~ C(A) + C(B)", "score ~ C(A) * C(B)"]}
    full = fits["score ~ C(A) * C(B)"]
    mse = full.ssr / full.df_resid
    out = {}
    for term, small, big in [("A", "score ~ C(B)", "score ~ C(A) + C(B)"),
                             ("B", "score ~ C(A)", "score ~ C(A) + C(B)"),
                             ("A:B", "score ~ C(A) + C(B)", "score ~ C(A) * C(B)")]:
        ss = fits[small].ssr - fits[big].ssr
        df = fits[small].df_resid - fits[big].df_resid
        f = ss / df / mse
        out[term] = (ss, df, f, stats.f.sf(f, df, full.df_resid))
    return out


@pytest.mark.parametrize(("cells", "car", "es"), [
    (BALANCED_CELLS, CAR_BALANCED, EFFECTSIZE_BALANCED),
    (UNBALANCED_CELLS, CAR_UNBALANCED, EFFECTSIZE_UNBALANCED),
], ids=["balanced", "unbalanced"])
def test_anova2_matches_car_and_effectsize(cells, car, es) -> None:
    res = quietly(anova2, cells_frame(cells), "score", "single_parent", "child_u3")
    assert list(res.columns) == ANOVA2_COLUMNS
    assert res["term"].tolist() == ["single_parent", "child_u3", "single_parent:child_u3"]
    assert (res["n"] == 20).all()
    assert res["ss"].tolist() == pytest.approx(car["ss"][:3], rel=1e-10)
    assert res["df"].tolist() == car["df"][:3]
    assert (res["df_resid"] == car["df"][3]).all()
    assert res["F"].tolist() == pytest.approx(car["F"], rel=1e-10)
    assert res["p"].tolist() == pytest.approx(car["p"], rel=1e-9)
    # partial eta² = SS / (SS + SS_resid), from car's SS
    ss_resid = car["ss"][3]
    assert res["eta2_partial"].tolist() == pytest.approx(
        [ss / (ss + ss_resid) for ss in car["ss"][:3]], rel=1e-10)
    assert res["eta2_partial"].tolist() == pytest.approx(es["eta2"], abs=1e-12)
    # effectsize finds the noncentrality with optim() (abstol 1e-9 on quantiles): agreement
    # to ~1e-7; the exact roots are checked against R's pf() in test_eta2_partial_ci_*
    assert res["ci_low"].tolist() == pytest.approx(es["ci_low"], abs=1e-6)
    assert res["ci_high"].tolist() == pytest.approx(es["ci_high"], abs=1e-6)
    assert res["method"].str.contains("noncentral F").all()


@pytest.mark.parametrize("cells", [BALANCED_CELLS, UNBALANCED_CELLS],
                         ids=["balanced", "unbalanced"])
def test_anova2_matches_nested_model_comparisons(cells) -> None:
    data = cells_frame(cells)
    res = quietly(anova2, data, "score", "single_parent", "child_u3")
    expected = nested_type2(data)
    for row, term in zip(res.itertuples(index=False), ["A", "B", "A:B"], strict=True):
        ss, df, f, p = expected[term]
        assert row.ss == pytest.approx(ss, rel=1e-10)
        assert row.df == df
        assert row.F == pytest.approx(f, rel=1e-10)
        assert row.p == pytest.approx(p, rel=1e-9)


def test_anova2_unbalanced_differs_from_type1() -> None:
    # type I (statsmodels' default) would give SS_A = RSS(y ~ 1) - RSS(y ~ A) for the first
    # factor; in the unbalanced design that is not car's type II value
    data = cells_frame(UNBALANCED_CELLS).rename(columns={"single_parent": "A"})
    ss_type1 = ols("score ~ 1", data=data).fit().ssr - ols("score ~ C(A)", data=data).fit().ssr
    assert abs(ss_type1 - CAR_UNBALANCED["ss"][0]) > 1.0


def test_anova2_drops_incomplete_rows() -> None:
    data = cells_frame(UNBALANCED_CELLS)
    extra = pd.DataFrame({"score": [np.nan, 30.0, 31.0, 32.0],
                          "single_parent": ["no", None, "yes", np.nan],
                          "child_u3": ["yes", "no", np.nan, "no"]})
    res = quietly(anova2, pd.concat([data, extra], ignore_index=True), "score",
                  "single_parent", "child_u3")
    assert (res["n"] == 20).all()
    assert res["F"].tolist() == pytest.approx(CAR_UNBALANCED["F"], rel=1e-10)


def test_anova2_column_names_with_spaces_and_quotes() -> None:
    data = cells_frame(BALANCED_CELLS, a="single parent's", b="child < 3").rename(
        columns={"score": "well-being (score)"})
    res = quietly(anova2, data, "well-being (score)", "single parent's", "child < 3")
    assert res["term"].tolist() == ["single parent's", "child < 3", "single parent's:child < 3"]
    assert res["F"].tolist() == pytest.approx(CAR_BALANCED["F"], rel=1e-10)


def test_anova2_numeric_and_categorical_factors() -> None:
    data = cells_frame(UNBALANCED_CELLS)
    coded = data.assign(single_parent=(data["single_parent"] == "yes").astype(int),
                        child_u3=pd.Categorical(data["child_u3"], categories=["yes", "no"]))
    res = quietly(anova2, coded, "score", "single_parent", "child_u3")
    assert res["F"].tolist() == pytest.approx(CAR_UNBALANCED["F"], rel=1e-10)


def test_anova2_empty_cell_is_a_clear_error() -> None:
    data = cells_frame(UNBALANCED_CELLS)
    data = data[~((data["single_parent"] == "yes") & (data["child_u3"] == "no"))]
    with pytest.raises(ValueError, match=r"single_parent='yes' × child_u3='no'"):
        anova2(data, "score", "single_parent", "child_u3")


def test_anova2_unobserved_category_is_an_empty_cell() -> None:
    data = cells_frame(BALANCED_CELLS)
    data["child_u3"] = pd.Categorical(data["child_u3"], categories=["no", "yes", "unknown"])
    with pytest.raises(ValueError, match=r"single_parent='no' × child_u3='unknown'"):
        anova2(data, "score", "single_parent", "child_u3")


def test_anova2_single_level_factor_is_an_error() -> None:
    data = cells_frame(BALANCED_CELLS)
    data = data[data["single_parent"] == "no"]
    with pytest.raises(ValueError, match="'single_parent' has 1 level"):
        anova2(data, "score", "single_parent", "child_u3")


def test_anova2_missing_or_non_numeric_column() -> None:
    data = cells_frame(BALANCED_CELLS)
    with pytest.raises(KeyError, match="nope"):
        anova2(data, "nope", "single_parent", "child_u3")
    with pytest.raises(ValueError, match="'child_u3' is not numeric"):
        anova2(data, "child_u3", "single_parent", "score")
    nullable = data.assign(score=data["score"].astype("Int64"))
    nullable.loc[0, "score"] = pd.NA  # a nullable integer column with a missing value is fine
    assert quietly(anova2, nullable, "score", "single_parent", "child_u3")["n"].eq(19).all()


def test_anova2_all_values_equal_gives_nan_silently() -> None:
    cells = {key: [4.0] * 3 for key in BALANCED_CELLS}
    res = quietly(anova2, cells_frame(cells), "score", "single_parent", "child_u3")
    assert res[["F", "p", "eta2_partial", "ci_low", "ci_high"]].isna().all().all()
    assert (res["ss"] == 0).all()
    assert (res["df_resid"] == 8).all()


def test_anova2_one_observation_per_cell_gives_nan_silently() -> None:
    cells = {key: [float(i)] for i, key in enumerate(BALANCED_CELLS)}
    res = quietly(anova2, cells_frame(cells), "score", "single_parent", "child_u3")
    assert (res["df_resid"] == 0).all() and res["df"].tolist() == [1, 1, 1]
    assert res[["ss", "F", "p", "eta2_partial", "ci_low", "ci_high"]].isna().all().all()


def test_anova2_no_residual_variation_gives_nan_tests() -> None:
    # every cell constant but the cells differ: SS_resid = 0, F undefined (infinite)
    cells = {("no", "no"): [1.0, 1.0], ("no", "yes"): [2.0, 2.0],
             ("yes", "no"): [3.0, 3.0], ("yes", "yes"): [5.0, 5.0]}
    res = quietly(anova2, cells_frame(cells), "score", "single_parent", "child_u3")
    assert res[["F", "p", "ci_low", "ci_high"]].isna().all().all()
    # hand: grand mean 2.75; SS_A = 8·(1.5-2.75)²... via cell means 1, 2, 3, 5 (n = 2 each):
    # A means 1.5 / 4, SS_A = 8·1.25² = 12.5; B means 2 / 3.5, SS_B = 8·0.75² = 4.5;
    # SS_AB = 2·Σ(cell - row - col + grand)² = 2·4·0.25² = 0.5
    assert res["ss"].tolist() == pytest.approx([12.5, 4.5, 0.5], abs=1e-10)
    assert res["eta2_partial"].tolist() == [1.0, 1.0, 1.0]


def test_anova2_group_of_size_one_in_a_cell_is_fine() -> None:
    cells = dict(UNBALANCED_CELLS)
    cells[("yes", "no")] = [14.0]
    res = quietly(anova2, cells_frame(cells), "score", "single_parent", "child_u3")
    expected = nested_type2(cells_frame(cells))
    assert res["F"].tolist() == pytest.approx([expected[t][2] for t in ["A", "B", "A:B"]],
                                              rel=1e-10)


# ---------------------------------------------------------------------------------------------
# eta2_partial_ci
# ---------------------------------------------------------------------------------------------
# R (stats::pf, the exact roots the method defines):
#   root <- function(f, df1, df2, target) if (pf(f, df1, df2) <= target) 0 else
#     uniroot(function(l) pf(f, df1, df2, ncp = l) - target, c(0, 1000), tol = 1e-13)$root
#   lo <- root(f, df1, df2, 0.975); hi <- root(f, df1, df2, 0.025)
#   sprintf("%.15f", c(lo / (lo + df2), hi / (hi + df2)))
R_PF_ROOTS = [
    ((12.500000000000009, 1, 16), (0.081219929109023, 0.677808038756595)),
    ((60.499999999999979, 1, 16), (0.550068931757115, 0.884101915649100)),
    ((4.499999999999994, 1, 16), (0.0, 0.522417732783273)),
    ((9.936868081134008, 1, 16), (0.045280459362336, 0.641789278742677)),
    ((29.657631159237820, 1, 16), (0.311722856597050, 0.804359547014315)),
    ((1.398190212373035, 1, 16), (0.0, 0.385222245597262)),
    ((10.0, 1, 36), (0.029795747887883, 0.432101604703967)),
    ((0.01, 1, 36), (0.0, 0.060336745413882)),
    ((2.5, 2, 40), (0.0, 0.293811707345155)),
]


@pytest.mark.parametrize(("args", "expected"), R_PF_ROOTS)
def test_eta2_partial_ci_matches_r_noncentral_f_roots(args, expected) -> None:
    low, high = quietly(eta2_partial_ci, *args)
    # scipy's ncf and R's pf agree to ~1e-9 here
    assert low == pytest.approx(expected[0], abs=1e-8)
    assert high == pytest.approx(expected[1], abs=1e-8)


def test_eta2_partial_ci_against_effectsize_f_to_eta2() -> None:
    # R (effectsize 0.8.3): F_to_eta2(f, df1, df2, ci = 0.95, alternative = "two.sided")
    #   F_to_eta2(10, 1, 36):  0.217391304347826 [0.029795754998846, 0.432101599977419]
    #   F_to_eta2(3, 3, 500):  0.017681728880157 [0, 0.042315226270705]
    #   F_to_eta2(2.5, 2, 40): 0.111111111111111 [0, 0.293811664932974]
    assert quietly(eta2_partial_ci, 10.0, 1, 36) == pytest.approx(
        (0.029795754998846, 0.432101599977419), abs=1e-7)
    assert quietly(eta2_partial_ci, 3.0, 3, 500) == pytest.approx((0.0, 0.042315226270705),
                                                                  abs=1e-7)
    assert quietly(eta2_partial_ci, 2.5, 2, 40) == pytest.approx((0.0, 0.293811664932974),
                                                                 abs=1e-6)
    # For a tiny F effectsize's optim() stops early: F_to_eta2(0.01, 1, 36) gives the upper
    # bound 0.062869699449686, where pf(0.01, 1, 36, ncp = 2.41515) = 0.02374, not 0.025.
    # The exact root (R uniroot on pf, above) is 0.060336745413882, which we return.
    assert quietly(eta2_partial_ci, 0.01, 1, 36)[1] == pytest.approx(0.060336745413882,
                                                                     abs=1e-8)


def test_eta2_partial_ci_defines_its_bounds_by_the_noncentral_f() -> None:
    f, df1, df2 = 7.3, 2, 57
    low, high = quietly(eta2_partial_ci, f, df1, df2, confidence=0.90)
    lam_low, lam_high = low * df2 / (1 - low), high * df2 / (1 - high)
    assert stats.ncf.cdf(f, df1, df2, lam_low) == pytest.approx(0.95, abs=1e-9)
    assert stats.ncf.cdf(f, df1, df2, lam_high) == pytest.approx(0.05, abs=1e-9)
    point = f * df1 / (f * df1 + df2)
    assert low < point < high


def test_eta2_partial_ci_edge_cases() -> None:
    assert quietly(eta2_partial_ci, 0.0, 1, 10) == (0.0, 0.0)  # F = 0: both bounds at λ = 0
    assert quietly(eta2_partial_ci, 1e12, 1, 36) == (1.0, 1.0)
    for args in [(np.nan, 1, 10), (np.inf, 1, 10), (3.0, 0, 10), (3.0, 1, 0), (-1.0, 1, 10)]:
        low, high = quietly(eta2_partial_ci, *args)
        assert np.isnan(low) and np.isnan(high)
    with pytest.raises(ValueError, match="confidence"):
        eta2_partial_ci(3.0, 1, 10, confidence=95)


@pytest.mark.parametrize("method", ["holm", "bonferroni", "fdr_bh"])
def test_adjusted_p_values_equal_statsmodels(method):
    """Our adjustment against statsmodels' multipletests: random p-values, ties, ones,
    zeros and a single test."""
    from statsmodels.stats.multitest import multipletests

    from survey.multiplicity import adjusted

    rng = np.random.default_rng(11)
    cases = [rng.uniform(size=n) ** 3 for n in (1, 2, 5, 17, 200)]
    cases += [np.array([0.01, 0.01, 0.5, 0.5, 1.0, 0.0]), np.array([0.04, 0.03, 0.02])]
    for p in cases:
        expected = multipletests(p, method=method)[1]
        np.testing.assert_allclose(adjusted(p, method), expected, rtol=0, atol=1e-15)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_anova2_type2_equals_statsmodels(seed):
    """Type II sums of squares from nested fits against statsmodels' anova_lm(typ=2) on
    unbalanced random designs (2 × 3, with an interaction)."""
    import warnings

    from statsmodels.formula.api import ols
    from statsmodels.stats.anova import anova_lm

    from survey.posthoc import anova2

    rng = np.random.default_rng(seed)
    n = 90
    frame = pd.DataFrame({"a": rng.choice(["x", "y"], size=n, p=[0.3, 0.7]),
                          "b": rng.choice(["p", "q", "r"], size=n, p=[0.2, 0.5, 0.3])})
    frame["y"] = (rng.normal(size=n) + (frame["a"] == "y") * 0.8
                  + (frame["b"] == "r") * 0.5 + ((frame["a"] == "y") & (frame["b"] == "q")))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = anova_lm(ols("y ~ C(a) * C(b)", data=frame).fit(), typ=2)
    ours = anova2(frame, "y", "a", "b").set_index("term")
    for term, row in (("a", "C(a)"), ("b", "C(b)"), ("a:b", "C(a):C(b)")):
        assert ours.loc[term, "ss"] == pytest.approx(ref.loc[row, "sum_sq"], rel=1e-10)
        assert ours.loc[term, "F"] == pytest.approx(ref.loc[row, "F"], rel=1e-10)
        assert ours.loc[term, "p"] == pytest.approx(ref.loc[row, "PR(>F)"], rel=1e-9)
        assert ours.loc[term, "df_resid"] == ref.loc["Residual", "df"]
