"""Tests for survey.scales (reliability statistics).

Reference values come from R 4.2.2 with psych 2.2.9 / psychTools 2.2.9 (Debian bookworm
packages r-base-core, r-cran-psych, r-cran-psychtools, r-cran-gparotation), from hand
calculations written out below, and from published Feldt examples. R is not needed to run them.

The fixture ``tests/data/bfi_agree.csv`` is the first 300 rows of the Agreeableness items of
``psychTools::bfi`` as delivered (A1 NOT reversed), written in R with::

    library(psych); data(bfi, package = "psychTools")
    raw <- bfi[1:300, c("A1", "A2", "A3", "A4", "A5")]
    write.csv(raw, "tests/data/bfi_agree.csv", row.names = FALSE, na = "")

It has 7 missing answers in 7 different rows, so 293 complete cases. The R session behind the
numbers below (``x`` is the keyed scale, ``cc`` its complete cases)::

    x <- raw; x$A1 <- 7 - x$A1
    cc <- na.omit(x)                # 293 rows
    a2 <- psych::alpha(cc)          # same alpha as alpha(x, use = "complete.obs")
    o <- psych::omega(cc, nfactors = 1, plot = FALSE)  # o$omega.tot
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from survey.errors import DataError
from survey.scales import feldt_ci, item_total_stats, reliability_stats

DATA = Path(__file__).parent / "data" / "bfi_agree.csv"


def quietly(func, *args, **kwargs):
    """Call ``func`` with every warning turned into an error (degenerate input must be silent)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return func(*args, **kwargs)


@pytest.fixture
def bfi_raw() -> pd.DataFrame:
    return pd.read_csv(DATA)


@pytest.fixture
def bfi_keyed(bfi_raw: pd.DataFrame) -> pd.DataFrame:
    keyed = bfi_raw.copy()
    keyed["A1"] = 7 - keyed["A1"]  # A1 is reverse keyed on the 1..6 scale
    return keyed


# ---------------------------------------------------------------------------------------------
# bfi Agreeableness against R psych
# ---------------------------------------------------------------------------------------------
def test_fixture_shape(bfi_raw: pd.DataFrame) -> None:
    # R: nrow(x) = 300; sum(is.na(x)) = 7; sum(complete.cases(x)) = 293
    assert bfi_raw.shape == (300, 5)
    assert int(bfi_raw.isna().sum().sum()) == 7
    assert len(bfi_raw.dropna()) == 293


def test_reliability_matches_psych_alpha(bfi_keyed: pd.DataFrame) -> None:
    res = quietly(reliability_stats, bfi_keyed)
    assert res["n_items"] == 5
    assert res["n_complete"] == 293  # R: sum(complete.cases(x))
    # R: sprintf("%.15f", a2$total$raw_alpha) -> 0.718295582686509
    assert res["alpha"] == pytest.approx(0.718295582686509, abs=1e-12)
    # R: a2$total$std.alpha -> 0.731477536764451
    assert res["alpha_std"] == pytest.approx(0.731477536764451, abs=1e-12)
    # R: a2$total$average_r -> 0.352673986484633
    assert res["mean_r"] == pytest.approx(0.352673986484633, abs=1e-12)
    # R: psych::alpha.ci(a2$total$raw_alpha, n.obs = 293, n.var = 5), printed with
    # sprintf("%.15f", 1 - (1 - a2$total$raw_alpha) * qf(c(.975, .025), 292, 292 * 4))
    # -> 0.663876120170771 0.766258995412101
    assert res["alpha_ci_low"] == pytest.approx(0.663876120170771, abs=1e-12)
    assert res["alpha_ci_high"] == pytest.approx(0.766258995412101, abs=1e-12)
    # R: sprintf("%.15f", o$omega.tot) -> 0.747505242078867; psych's optim() stops short by
    # up to ~1e-6 (our fit converges to 0.7475053263...), so compare to 2e-6. The model-implied
    # variant (sum l)^2 / ((sum l)^2 + sum u2) would give 0.748050149388036 in R: it must fail.
    assert res["omega"] == pytest.approx(0.747505242078867, abs=2e-6)
    # R: c(mean(rowMeans(cc)), sd(rowMeans(cc))) -> 4.597952218430034 0.907877947508428
    # (a2$total$mean / $sd give the same; alpha(x, use="complete.obs") reports 4.607/0.904,
    # the mean over all 300 rows, which is not what docs/results.md wants without a score column)
    assert res["mean"] == pytest.approx(4.597952218430034, abs=1e-12)
    assert res["sd"] == pytest.approx(0.907877947508428, abs=1e-12)
    assert res["problems"] == []


def test_psych_alpha_ci_uses_all_rows_ours_does_not(bfi_keyed: pd.DataFrame) -> None:
    # R: a <- psych::alpha(x, use = "complete.obs"); c(a$feldt$lower.ci, a$feldt$upper.ci)
    # -> 0.664556965534004 0.765729495539243, i.e. Feldt with n = 300 (all rows).
    # docs/results.md wants the complete-case n (293), so our interval must be different
    # (and slightly wider).
    res = reliability_stats(bfi_keyed)
    assert res["alpha_ci_low"] < 0.664556965534004 - 5e-4
    assert res["alpha_ci_high"] > 0.765729495539243 + 5e-4


def test_item_total_matches_psych(bfi_keyed: pd.DataFrame) -> None:
    table = quietly(item_total_stats, bfi_keyed)
    assert list(table.columns) == ["item", "mean", "sd", "r_item_rest", "alpha_if_deleted"]
    assert table["item"].tolist() == ["A1", "A2", "A3", "A4", "A5"]
    # R: sprintf("%.15f", colMeans(cc))
    r_mean = [
        4.648464163822526,
        4.784982935153583,
        4.638225255972697,
        4.464163822525597,
        4.453924914675768,
    ]
    # R: sprintf("%.15f", apply(cc, 2, sd))
    r_sd = [
        1.378394699713283,
        1.139956026721416,
        1.286989527920251,
        1.508961495528656,
        1.277610122251649,
    ]
    # R: sprintf("%.15f", a2$item.stats$r.drop)
    r_drop = [
        0.297532555111885,
        0.600358929997611,
        0.659888796021085,
        0.369768176677051,
        0.525774321438051,
    ]
    # R: sprintf("%.15f", a2$alpha.drop$raw_alpha)
    alpha_drop = [
        0.741986717228388,
        0.630189782179003,
        0.596231679080080,
        0.721266791705121,
        0.651832842241389,
    ]
    np.testing.assert_allclose(table["mean"], r_mean, rtol=0, atol=1e-12)
    np.testing.assert_allclose(table["sd"], r_sd, rtol=0, atol=1e-12)
    np.testing.assert_allclose(table["r_item_rest"], r_drop, rtol=0, atol=1e-12)
    np.testing.assert_allclose(table["alpha_if_deleted"], alpha_drop, rtol=0, atol=1e-12)


def test_unreversed_item_is_flagged(bfi_raw: pd.DataFrame) -> None:
    # A1 left as delivered (not reversed). R:
    # b <- psych::alpha(na.omit(raw), check.keys = FALSE)
    # b$total$raw_alpha -> 0.475804853069922; b$item.stats$r.drop[1] -> -0.297532555111885
    res = quietly(reliability_stats, bfi_raw)
    assert res["alpha"] == pytest.approx(0.475804853069922, abs=1e-12)
    assert res["problems"] == [("negative_item_rest", "A1")]
    table = item_total_stats(bfi_raw)
    assert table.loc[0, "r_item_rest"] == pytest.approx(-0.297532555111885, abs=1e-12)
    # R: b$alpha.drop$raw_alpha[2] -> 0.360744329251719
    assert table.loc[1, "alpha_if_deleted"] == pytest.approx(0.360744329251719, abs=1e-12)


def test_omega_three_items_matches_psych(bfi_keyed: pd.DataFrame) -> None:
    # R: psych::omega(cc[, c("A2", "A3", "A5")], nfactors = 1)$omega.tot -> 0.774713283126999
    # (cc = the 293 complete cases of all five items, so drop those rows first here too; on the
    # rows complete for A2, A3, A5 alone the value is different)
    # With 3 items the fit is exact, and ours is 0.7747126531592 = 1 - sum(1 - r12 r13 / r23,
    # ...)/sum(R): psych's optim() is 6.3e-7 off, hence 2e-6.
    res = reliability_stats(bfi_keyed.dropna()[["A2", "A3", "A5"]])
    assert res["omega"] == pytest.approx(0.774713283126999, abs=2e-6)


def test_omega_three_items_by_hand() -> None:
    # With 3 items the one-factor model fits exactly: l1*l2 = r12, l1*l3 = r13, l2*l3 = r23,
    # so l1^2 = r12*r13/r23 etc. Correlations chosen: r12 = .48, r13 = .40, r23 = .30
    # -> l1^2 = .64, l2^2 = .36, l3^2 = .25; sum(u2) = .36 + .64 + .75 = 1.75;
    # Vt = 3 + 2*(.48 + .40 + .30) = 5.36; omega = 1 - 1.75/5.36 = 0.673507462686567.
    # Data with exactly that correlation matrix: 2000 normal rows, whitened, then coloured
    # with the Cholesky factor of R.
    target = np.array([[1.0, 0.48, 0.40], [0.48, 1.0, 0.30], [0.40, 0.30, 1.0]])
    z = np.random.default_rng(1).standard_normal((2000, 3))
    z = z - z.mean(axis=0)
    z = z @ np.linalg.inv(np.linalg.cholesky(np.cov(z, rowvar=False))).T
    x = z @ np.linalg.cholesky(target).T
    items = pd.DataFrame(x, columns=["a", "b", "c"])
    np.testing.assert_allclose(items.corr().to_numpy(), target, atol=1e-12)  # the setup
    res = quietly(reliability_stats, items)
    assert res["omega"] == pytest.approx(1 - 1.75 / 5.36, abs=1e-9)
    # mean_r = (.48 + .40 + .30)/3 = 0.393333...; alpha_std = 3*r/(1 + 2*r) = 1.18/1.786667
    assert res["mean_r"] == pytest.approx(1.18 / 3, abs=1e-12)
    assert res["alpha_std"] == pytest.approx(1.18 / (1 + 2 * 1.18 / 3), abs=1e-12)


def test_omega_heywood_case_is_capped() -> None:
    # Population correlations r12 = r13 = .8, r23 = .5 imply l1^2 = .8 * .8 / .5 = 1.28 > 1
    # (Heywood case). psych::omega(d, nfactors = 1) on this sample gives omega.tot 0.882895 with
    # h2(a) = 1.048, u2(a) = -0.048; we cap the communality at 0.995, so omega must be finite,
    # below psych's value and above alpha's 0.8753 here (alpha <= omega_t for one factor).
    target = np.array([[1.0, 0.8, 0.8], [0.8, 1.0, 0.5], [0.8, 0.5, 1.0]])
    z = np.random.default_rng(0).standard_normal((500, 3)) @ np.linalg.cholesky(target).T
    res = quietly(reliability_stats, pd.DataFrame(z, columns=["a", "b", "c"]))
    assert res["alpha"] < res["omega"] < 0.882895


# ---------------------------------------------------------------------------------------------
# Feldt's CI
# ---------------------------------------------------------------------------------------------
def test_feldt_by_hand_with_scipy() -> None:
    # Feldt, Woodruff & Salih (1987) formulas 6 and 7, written out with scipy's F quantiles:
    # df1 = n - 1 = 292, df2 = (n - 1)(k - 1) = 1168, a = .05
    alpha, n, k = 0.718295582686509, 293, 5
    f_975 = stats.f.ppf(0.975, 292, 1168)
    f_025 = stats.f.ppf(0.025, 292, 1168)
    low, high = quietly(feldt_ci, alpha, n, k)
    assert low == pytest.approx(1 - (1 - alpha) * f_975, abs=1e-14)
    assert high == pytest.approx(1 - (1 - alpha) * f_025, abs=1e-14)
    # and R: 1 - (1 - alpha) * qf(c(.975, .025), 292, 1168) -> 0.663876120170771 0.766258995412101
    assert (low, high) == pytest.approx((0.663876120170771, 0.766258995412101), abs=1e-12)


def test_feldt_published_example() -> None:
    # Chris Evans' feldt1.return(0.913, 873, 20, 0.95) (MRC CBU statswiki, "R code for
    # computing confidence intervals for Cronbach's alpha") prints 0.9044024 and 0.9211588.
    low, high = feldt_ci(0.913, 873, 20)
    assert low == pytest.approx(0.9044024, abs=5e-8)
    assert high == pytest.approx(0.9211588, abs=5e-8)


def test_feldt_confidence_level() -> None:
    # 90 %: quantiles .95 and .05 of F(99, 891); R: 1 - (1 - .8) * qf(c(.95, .05), 99, 891)
    # written out with scipy here.
    low, high = feldt_ci(0.8, 100, 10, confidence=0.90)
    assert low == pytest.approx(1 - 0.2 * stats.f.ppf(0.95, 99, 891), abs=1e-14)
    assert high == pytest.approx(1 - 0.2 * stats.f.ppf(0.05, 99, 891), abs=1e-14)
    low95, high95 = feldt_ci(0.8, 100, 10)
    assert low95 < low < 0.8 < high < high95


def test_feldt_degenerate() -> None:
    for args in [(0.8, 1, 5), (0.8, 0, 5), (0.8, 50, 1), (math.nan, 50, 5)]:
        low, high = quietly(feldt_ci, *args)
        assert math.isnan(low) and math.isnan(high), args
    with pytest.raises(ValueError, match="confidence"):
        feldt_ci(0.8, 50, 5, confidence=95)


def test_pingouin_reference_datasets() -> None:
    pg = pytest.importorskip("pingouin")
    # pingouin's tests/test_reliability.py (upstream): real-statistics.com example, 15 subjects
    # x 10 items, complete -> alpha 0.592, CI [0.195, 0.840] (rounded to 3 decimals there).
    long = pg.read_dataset("cronbach_alpha")
    wide = long.pivot(index="Subj", columns="Items", values="Scores").astype(float)
    res = reliability_stats(wide)
    assert res["n_complete"] == 15
    assert res["alpha"] == pytest.approx(0.592, abs=5e-4)
    assert res["alpha_ci_low"] == pytest.approx(0.195, abs=5e-4)
    assert res["alpha_ci_high"] == pytest.approx(0.840, abs=5e-4)
    # Same upstream test, "cronbach_wide_missing" (12 x 11 binary, 3 incomplete rows), in R
    # psych::alpha(data[complete.cases(data), ]) -> alpha 0.801695, and upstream pingouin's
    # listwise CI with the complete-case n (9): [0.533, 0.947]. pingouin 0.7 as installed gives
    # [0.581, 0.933] (n = 12), which is the bug docs/results.md warns about.
    data = pg.read_dataset("cronbach_wide_missing").astype(float)
    res = reliability_stats(data)
    assert res["n_complete"] == 9
    assert res["alpha"] == pytest.approx(0.801695, abs=5e-7)
    assert res["alpha_ci_low"] == pytest.approx(0.533, abs=5e-4)
    assert res["alpha_ci_high"] == pytest.approx(0.947, abs=5e-4)


# ---------------------------------------------------------------------------------------------
# Hand-made data with missing answers
# ---------------------------------------------------------------------------------------------
@pytest.fixture
def small() -> pd.DataFrame:
    # rows 5 and 6 are incomplete; the complete rows are 1-4
    return pd.DataFrame(
        {
            "x1": [1, 2, 3, 4, np.nan, 5],
            "x2": [2, 2, 4, 5, 1, np.nan],
            "x3": [2, 3, 3, 5, 2, 4],
        }
    )


def test_alpha_by_hand_on_complete_rows(small: pd.DataFrame) -> None:
    res = quietly(reliability_stats, small)
    assert res["n_complete"] == 4
    # Complete rows: x1 = 1,2,3,4 (var 5/3); x2 = 2,2,4,5 (var 6.75/3 = 2.25);
    # x3 = 2,3,3,5 (var 4.75/3); totals 5,7,10,14 (mean 9, SS 16+4+1+25 = 46, var 46/3).
    # sum of item variances = 20/12 + 27/12 + 19/12 = 5.5
    # alpha = 3/2 * (1 - 5.5 / (46/3)) = 1.5 * 29.5/46 = 177/184 = 0.961956521739...
    assert res["alpha"] == pytest.approx(177 / 184, abs=1e-12)
    # scale score = row means of complete rows 5/3, 7/3, 10/3, 14/3: mean 3, sd sqrt(46/3)/3
    assert res["mean"] == pytest.approx(3.0, abs=1e-12)
    assert res["sd"] == pytest.approx(math.sqrt(46 / 3) / 3, abs=1e-12)
    # Feldt with the complete-case n = 4 (df 3 and 6), not the 6 rows
    assert res["alpha_ci_low"] == pytest.approx(1 - (7 / 184) * stats.f.ppf(0.975, 3, 6), abs=1e-12)
    assert res["alpha_ci_high"] == pytest.approx(
        1 - (7 / 184) * stats.f.ppf(0.025, 3, 6), abs=1e-12
    )
    assert res["problems"] == []


def test_item_total_by_hand(small: pd.DataFrame) -> None:
    table = quietly(item_total_stats, small)
    # x3 deleted: x1, x2 with cov(x1, x2) = (1.875 + .625 + .375 + 2.625)/3 = 5.5/3;
    # alpha = 2 * (1 - (5/3 + 9/4) / (5/3 + 9/4 + 2 * 5.5/3)) = 2 * (1 - 47/91) = 88/91
    assert table.loc[2, "alpha_if_deleted"] == pytest.approx(88 / 91, abs=1e-12)
    # x3 vs rest (x1 + x2 = 3, 4, 7, 9; mean 5.75): x3 deviations -1.25, -.25, -.25, 1.75;
    # rest deviations -2.75, -1.75, 1.25, 3.25; cross products 3.4375 + .4375 - .3125 + 5.6875
    # = 9.25; SS x3 = 4.75; SS rest = 7.5625 + 3.0625 + 1.5625 + 10.5625 = 22.75
    # r = 9.25 / sqrt(4.75 * 22.75)
    assert table.loc[2, "r_item_rest"] == pytest.approx(9.25 / math.sqrt(4.75 * 22.75), abs=1e-12)
    # means and SDs on the complete rows only: x1 = 1..4 -> 2.5, sqrt(5/3)
    assert table.loc[0, "mean"] == pytest.approx(2.5, abs=1e-12)
    assert table.loc[0, "sd"] == pytest.approx(math.sqrt(5 / 3), abs=1e-12)
    # x3 over all 6 rows would be 19/6; on complete rows it is 13/4
    assert table.loc[2, "mean"] == pytest.approx(3.25, abs=1e-12)


def test_score_column_is_used_for_mean_and_sd(small: pd.DataFrame) -> None:
    score = pd.Series([1.0, 2.0, np.nan, 4.0, 5.0, 6.0], name="scale")
    res = reliability_stats(small, score=score)
    # answered values 1, 2, 4, 5, 6: mean 18/5 = 3.6, SS = 6.76+2.56+.16+1.96+5.76 = 17.2,
    # sd = sqrt(17.2/4)
    assert res["mean"] == pytest.approx(3.6, abs=1e-12)
    assert res["sd"] == pytest.approx(math.sqrt(17.2 / 4), abs=1e-12)


# ---------------------------------------------------------------------------------------------
# Degenerate input: NaN and a problem code, never an exception or a warning
# ---------------------------------------------------------------------------------------------
def test_single_item() -> None:
    items = pd.DataFrame({"q": [1.0, 2.0, 4.0, np.nan]})
    res = quietly(reliability_stats, items)
    assert res["n_items"] == 1
    assert res["n_complete"] == 3
    assert res["problems"] == [("single_item", None)]
    for key in ["alpha", "alpha_ci_low", "alpha_ci_high", "alpha_std", "mean_r", "omega"]:
        assert math.isnan(res[key]), key
    # scale score = the item itself: 1, 2, 4 -> mean 7/3
    assert res["mean"] == pytest.approx(7 / 3, abs=1e-12)
    table = quietly(item_total_stats, items)
    assert table.shape == (1, 5)
    assert math.isnan(table.loc[0, "r_item_rest"])
    assert math.isnan(table.loc[0, "alpha_if_deleted"])


def test_no_items() -> None:
    res = quietly(reliability_stats, pd.DataFrame(index=range(3)))
    assert res["n_items"] == 0
    assert ("single_item", None) in res["problems"]
    assert math.isnan(res["alpha"])
    assert quietly(item_total_stats, pd.DataFrame(index=range(3))).empty


def test_zero_variance_item() -> None:
    items = pd.DataFrame(
        {"a": [1, 2, 3, 4, 5], "b": [3, 3, 3, 3, 3], "c": [2, 1, 4, 3, 5]}, dtype=float
    )
    res = quietly(reliability_stats, items)
    assert res["problems"] == [("zero_variance", "b")]
    # var a = var c = 10/4 = 2.5, cov(a, c) = (2 + 2 + 0 + 0 + 4)/4 = 2, b adds nothing:
    # alpha = 3/2 * (1 - 5 / (5 + 2*2)) = 3/2 * 4/9 = 2/3
    assert res["alpha"] == pytest.approx(2 / 3, abs=1e-12)
    # correlations with b are undefined -> standardised alpha, mean r, omega undefined
    assert math.isnan(res["alpha_std"])
    assert math.isnan(res["mean_r"])
    assert math.isnan(res["omega"])
    table = quietly(item_total_stats, items)
    assert math.isnan(table.loc[1, "r_item_rest"])
    assert table.loc[1, "sd"] == 0.0
    # without b: alpha of a, c = 2 * (1 - 5/9) = 8/9
    assert table.loc[1, "alpha_if_deleted"] == pytest.approx(8 / 9, abs=1e-12)


def test_all_items_constant_gives_nan_alpha() -> None:
    items = pd.DataFrame({"a": [2.0, 2.0, 2.0], "b": [4.0, 4.0, 4.0]})
    res = quietly(reliability_stats, items)
    assert math.isnan(res["alpha"])  # total variance 0: alpha undefined
    assert res["problems"] == [("zero_variance", "a"), ("zero_variance", "b")]
    assert quietly(item_total_stats, items)["r_item_rest"].isna().all()


def test_two_items_alpha_if_deleted_is_nan() -> None:
    items = pd.DataFrame({"a": [1.0, 2.0, 3.0, 5.0], "b": [2.0, 1.0, 4.0, 4.0]})
    table = quietly(item_total_stats, items)
    assert table["alpha_if_deleted"].isna().all()
    # the item-rest correlation of a 2-item scale is the Pearson r of the two items
    r = stats.pearsonr([1, 2, 3, 5], [2, 1, 4, 4]).statistic
    np.testing.assert_allclose(table["r_item_rest"], [r, r], atol=1e-12)
    res = quietly(reliability_stats, items)
    assert math.isnan(res["omega"])  # one-factor model needs 3 items


@pytest.mark.parametrize("n_complete", [0, 1])
def test_too_few_complete_cases(n_complete: int) -> None:
    a = [1.0, np.nan, 3.0]
    b = [2.0, 2.0, np.nan]
    c = [1.0, 4.0, 2.0]
    if n_complete == 0:
        c = [np.nan, 4.0, 2.0]
    items = pd.DataFrame({"a": a, "b": b, "c": c})
    res = quietly(reliability_stats, items)
    assert res["n_complete"] == n_complete
    assert res["problems"] == [("too_few_cases", None)]
    for key in ["alpha", "alpha_ci_low", "alpha_ci_high", "alpha_std", "mean_r", "omega", "sd"]:
        assert math.isnan(res[key]), key
    table = quietly(item_total_stats, items)
    assert table.shape == (3, 5)
    assert table[["sd", "r_item_rest", "alpha_if_deleted"]].isna().all().all()


def test_non_numeric_item_is_rejected() -> None:
    items = pd.DataFrame({"a": [1.0, 2.0], "b": ["x", "y"]})
    with pytest.raises(DataError, match="column 'b'"):
        reliability_stats(items)
    with pytest.raises(DataError, match="column 'b'"):
        item_total_stats(items)
