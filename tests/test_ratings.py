"""Session-rating forms: every expected number worked out by hand (in the comments), taken
from a simulation with a known trend, or from R's lme4 (the call is in the comment)."""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from survey.codebook import SessionRatings
from survey.ratings import (
    ITEM_COLUMNS,
    RATING_COLUMNS,
    item_summary,
    sessions,
    summary,
)
from survey.ratingtrend import TREND_METHOD, trend
from survey.store import load_wave

ROOT = Path(__file__).resolve().parents[1]

SPEC = SessionRatings(raw=Path("srs.csv"), id="code", date="datum", rater="coach",
                      items={"s1": "verstanden", "s2": "Themen", "s3": "Art", "s4": "insgesamt"},
                      range=(0, 10), cutoff=36)

# A hand-made form table: 2 participants (A, B), 2 raters (r1, r2), dates across the turn of
# the year. ISO weeks: 2020 has 53 (1 Jan 2020 and 31 Dec 2020 are Thursdays), so
# Mon 2020-12-28 … Sun 2021-01-03 is 2020-W53, Mon 2021-01-04 … Sun 2021-01-10 is 2021-W01,
# Mon 2021-01-11 is 2021-W02. Rows are not in date order.
#
#  row code date        week      rater items            total                 session
#   0   A   2021-01-04  2021-W01  r1   9 9 9 9           36                    A3
#   1   A   2020-12-28  2020-W53  r1   8 8 8 8           32 (below)            A1
#   2   B   2021-01-03  2020-W53  r2   10 10 10 10       40 (ceiling)          B1
#   3   B   2021-01-04  2021-W01  r2   9 9 9 –           NaN                   B2 (tie, file order)
#   4   A   2021-01-10  2021-W01  r2   8.6 9.7 9.9 7.8   35.99999999999999 → 36 A4
#   5   B   2021-01-04  2021-W01  r2   9 9 9 8           35 (below)            B3 (tie, file order)
#   6   A   2021-01-11  2021-W02  r1   10 10 10 10       40 (ceiling)          A5
#   7   B   2021-01-11  2021-W02  r1   7 8 8 7           30 (below)            B4 (tie, file order)
#   8   A   2021-01-03  2020-W53  r1   9 10 9 10         38                    A2
#   9   B   2021-01-11  2021-W02  r2   9 9 9 8           35 (below)            B5 (tie, file order)
#
# Row 4's items sum to 35.99999999999999 in floating point; it must count as 36, not below.
HAND = pd.DataFrame({
    "code": ["A", "A", "B", "B", "A", "B", "A", "B", "A", "B"],
    "datum": pd.to_datetime(["2021-01-04", "2020-12-28", "2021-01-03", "2021-01-04",
                             "2021-01-10", "2021-01-04", "2021-01-11", "2021-01-11",
                             "2021-01-03", "2021-01-11"]),
    "coach": pd.array(["r1", "r1", "r2", "r2", "r2", "r2", "r1", "r1", "r1", "r2"],
                      dtype="string"),
    "s1": [9, 8, 10, 9, 8.6, 9, 10, 7, 9, 9],
    "s2": [9, 8, 10, 9, 9.7, 9, 10, 8, 10, 9],
    "s3": [9, 8, 10, 9, 9.9, 9, 10, 8, 9, 9],
    "s4": [9, 8, 10, np.nan, 7.8, 8, 10, 7, 10, 8],
})
HAND["total"] = HAND[["s1", "s2", "s3", "s4"]].sum(axis=1, min_count=4)


def spec(**changes) -> SessionRatings:
    fields = {"raw": SPEC.raw, "id": SPEC.id, "date": SPEC.date, "rater": SPEC.rater,
              "items": SPEC.items, "range": SPEC.range, "cutoff": SPEC.cutoff, **changes}
    return SessionRatings(**fields)


@pytest.fixture(scope="module")
def hand():
    return summary(HAND, SPEC).set_index(["unit", "key"])


# -- sessions ---------------------------------------------------------------------------------
def test_hand_table_sums_to_just_below_36():
    # the float trap the cutoff comparison must survive (8.6 + 9.7 + 9.9 + 7.8 in binary)
    assert HAND.loc[4, "total"] < 36
    assert HAND.loc[4, "total"] == pytest.approx(36)


def test_sessions_in_date_order_ties_in_file_order():
    out = sessions(HAND, SPEC)
    # table above: A 12-28, 01-03, 01-04, 01-10, 01-11; B 01-03, 01-04 (row 3, then row 5),
    # 01-11 (row 7, then row 9)
    assert out["session"].tolist() == [3, 1, 1, 2, 4, 3, 5, 4, 2, 5]
    assert str(out["session"].dtype) == "Int64"
    assert out.index.equals(HAND.index)
    assert out[list(HAND.columns)].equals(HAND)  # rows and values untouched


def test_iso_weeks_cross_the_year_boundary():
    out = sessions(HAND, SPEC)
    assert out["week"].tolist() == ["2021-W01", "2020-W53", "2020-W53", "2021-W01", "2021-W01",
                                    "2021-W01", "2021-W02", "2021-W02", "2020-W53", "2021-W02"]
    # the ISO year, not the calendar year: 3 Jan 2021 is a Sunday of 2020-W53
    one = sessions(HAND.iloc[[2]], SPEC)
    assert one["week"].tolist() == ["2020-W53"]


def test_sessions_without_a_date_are_not_numbered():
    forms = HAND.copy()
    forms.loc[8, "datum"] = pd.NaT  # A's second form loses its date
    out = sessions(forms, SPEC)
    # A: 12-28 → 1, 01-04 → 2, 01-10 → 3, 01-11 → 4; the undated form gets NA
    assert out["session"].tolist()[:9] == [2, 1, 1, 2, 3, 3, 4, 4, pd.NA]
    assert pd.isna(out.loc[8, "week"])


def test_sessions_missing_column():
    with pytest.raises(ValueError, match="session_ratings.rater"):
        sessions(HAND.drop(columns="coach"), SPEC)


def test_sessions_computes_total_when_absent():
    out = sessions(HAND.drop(columns="total"), SPEC)
    assert out["total"].equals(HAND["total"])


# -- summary: hand table ----------------------------------------------------------------------
def test_summary_columns_and_row_order(hand):
    table = summary(HAND, SPEC)
    assert list(table.columns) == RATING_COLUMNS
    assert list(zip(table["unit"], table["key"], strict=True)) == [
        ("overall", "total"), ("week", "2020-W53"), ("week", "2021-W01"), ("week", "2021-W02"),
        ("rater", "r1"), ("rater", "r2"), ("participant", "A"), ("participant", "B")]


def test_summary_overall(hand):
    row = hand.loc[("overall", "total")]
    assert row["n_forms"] == 10 and row["n_people"] == 2
    # 9 totals: 36 32 40 36 35 40 30 38 35, sum 322 → mean 322/9 = 35.778
    assert row["mean_total"] == pytest.approx(322 / 9)
    # sorted 30 32 35 35 36 36 38 40 40 → median 36
    assert row["median_total"] == pytest.approx(36)
    # sum of squares 11610 − 322²/9 = 806/9 → variance 806/72
    assert row["sd_total"] == pytest.approx(math.sqrt(806 / 72))
    # below 36: 32, 35, 30, 35 (not row 4's 35.99999999999999) → 4 of 9
    assert row["pct_below_cutoff"] == pytest.approx(100 * 4 / 9)
    # ceiling 4 × 10 = 40: rows 2 and 6 → 2 of 9
    assert row["pct_ceiling"] == pytest.approx(100 * 2 / 9)
    # forms per week (the NaN-total form counts): W53 3, W01 4, W02 3
    assert row["forms_per_week_median"] == 3
    assert row["forms_per_week_min"] == 3 and row["forms_per_week_max"] == 4
    # per person first: A 32 38 36 36 40 → 36.4; B 40 35 30 35 → 35.0
    assert row["mean_person"] == pytest.approx((36.4 + 35.0) / 2)
    assert row["pct_people_below"] == pytest.approx(50)  # B only
    assert np.isnan(row["first_total"]) and np.isnan(row["last_total"])


def test_summary_weeks(hand):
    w53, w01, w02 = (hand.loc[("week", k)] for k in ("2020-W53", "2021-W01", "2021-W02"))
    # 2020-W53: rows 1 (A 32), 2 (B 40), 8 (A 38)
    assert (w53["n_forms"], w53["n_people"]) == (3, 2)
    assert w53["mean_total"] == pytest.approx(110 / 3)
    assert w53["median_total"] == pytest.approx(38)
    # deviations −14/3, 10/3, 4/3: squares 196/9 + 100/9 + 16/9 = 312/9, / 2 → 52/3
    assert w53["sd_total"] == pytest.approx(math.sqrt(52 / 3))
    assert w53["pct_below_cutoff"] == pytest.approx(100 / 3)  # 32
    assert w53["pct_ceiling"] == pytest.approx(100 / 3)  # 40
    # 2021-W01: rows 0 (A 36), 3 (B NaN), 4 (A 35.99…), 5 (B 35) → 4 forms, 3 totals
    assert (w01["n_forms"], w01["n_people"]) == (4, 2)
    assert w01["mean_total"] == pytest.approx(107 / 3)
    assert w01["median_total"] == pytest.approx(36)
    # deviations 1/3, 1/3, −2/3: squares 6/9, / 2 → 1/3
    assert w01["sd_total"] == pytest.approx(math.sqrt(1 / 3))
    assert w01["pct_below_cutoff"] == pytest.approx(100 / 3)  # 35 only
    assert w01["pct_ceiling"] == 0
    # 2021-W02: rows 6 (A 40), 7 (B 30), 9 (B 35)
    assert (w02["n_forms"], w02["n_people"]) == (3, 2)
    assert w02["mean_total"] == pytest.approx(35)
    assert w02["median_total"] == pytest.approx(35)
    assert w02["sd_total"] == pytest.approx(5)  # (25 + 25 + 0) / 2 = 25
    assert w02["pct_below_cutoff"] == pytest.approx(200 / 3)  # 30, 35
    assert w02["pct_ceiling"] == pytest.approx(100 / 3)
    for row in (w53, w01, w02):  # per-unit columns that do not apply
        assert row[["forms_per_week_median", "first_total", "mean_person",
                    "pct_people_below"]].isna().all()


def test_summary_raters(hand):
    r1, r2 = hand.loc[("rater", "r1")], hand.loc[("rater", "r2")]
    # r1: rows 0 (A 36), 1 (A 32), 6 (A 40), 7 (B 30), 8 (A 38)
    assert (r1["n_forms"], r1["n_people"]) == (5, 2)
    assert r1["mean_total"] == pytest.approx(176 / 5)
    assert r1["median_total"] == pytest.approx(36)
    assert r1["pct_below_cutoff"] == pytest.approx(40)  # 32, 30
    assert r1["pct_ceiling"] == pytest.approx(20)  # 40
    # per person within r1: A (36 + 32 + 40 + 38) / 4 = 36.5, B 30
    assert r1["mean_person"] == pytest.approx((36.5 + 30) / 2)
    assert r1["pct_people_below"] == pytest.approx(50)
    # r2: rows 2 (B 40), 3 (B NaN), 4 (A 35.99…), 5 (B 35), 9 (B 35) → 5 forms, 4 totals
    assert (r2["n_forms"], r2["n_people"]) == (5, 2)
    assert r2["mean_total"] == pytest.approx(146 / 4)
    assert r2["median_total"] == pytest.approx(35.5)
    assert r2["pct_below_cutoff"] == pytest.approx(50)  # 35, 35
    assert r2["pct_ceiling"] == pytest.approx(25)  # 40
    # per person within r2: A 36 (not below), B (40 + 35 + 35) / 3 = 36.667 (not below)
    assert r2["mean_person"] == pytest.approx((36 + 110 / 3) / 2)
    assert r2["pct_people_below"] == 0
    assert r1[["forms_per_week_median", "first_total", "last_total"]].isna().all()


def test_summary_participants(hand):
    a, b = hand.loc[("participant", "A")], hand.loc[("participant", "B")]
    # A by session: 32 (row 1), 38 (row 8), 36 (row 0), 35.99… (row 4), 40 (row 6)
    assert (a["n_forms"], a["n_people"]) == (5, 1)
    assert a["mean_total"] == pytest.approx(36.4)
    assert a["median_total"] == pytest.approx(36)
    assert (a["first_total"], a["last_total"]) == (32, 40)
    assert a["pct_below_cutoff"] == pytest.approx(20)
    assert a["pct_ceiling"] == pytest.approx(20)
    # B by session: 40 (row 2), NaN (row 3), 35 (row 5), 30 (row 7), 35 (row 9)
    assert (b["n_forms"], b["n_people"]) == (5, 1)
    assert b["mean_total"] == pytest.approx(35)
    assert b["median_total"] == pytest.approx(35)
    assert (b["first_total"], b["last_total"]) == (40, 35)
    assert b["pct_below_cutoff"] == pytest.approx(75)
    assert b["pct_ceiling"] == pytest.approx(25)
    assert a[["forms_per_week_median", "mean_person", "pct_people_below"]].isna().all()


def test_first_total_skips_a_first_form_without_total():
    # B's session 1 (row 2) loses an item: the first total is then session 3's (row 5), 35
    forms = HAND.copy()
    forms.loc[2, "s1"] = np.nan
    forms["total"] = forms[["s1", "s2", "s3", "s4"]].sum(axis=1, min_count=4)
    row = summary(forms, SPEC).set_index(["unit", "key"]).loc[("participant", "B")]
    assert (row["first_total"], row["last_total"]) == (35, 35)
    assert row["n_forms"] == 5


def test_cutoff_keyword_and_none():
    # cutoff 38: of the totals 36 32 40 36 35 40 30 38 35, six are below (not 40 40 38)
    row = summary(HAND, SPEC, cutoff=38).iloc[0]
    assert row["pct_below_cutoff"] == pytest.approx(100 * 6 / 9)
    assert row["pct_people_below"] == pytest.approx(100)  # 36.4 and 35 are both below 38
    table = summary(HAND, spec(cutoff=None))
    assert table["pct_below_cutoff"].isna().all()
    assert table["pct_people_below"].isna().all()
    assert table["pct_ceiling"].notna().all()
    with pytest.raises(ValueError, match="cutoff"):
        summary(HAND, SPEC, cutoff="36")


def test_summary_natural_rater_order():
    forms = HAND.copy()
    forms["coach"] = pd.array(["10", "2"] * 5, dtype="string")
    keys = summary(forms, SPEC).query("unit == 'rater'")["key"].tolist()
    assert keys == ["2", "10"]


def test_summary_forms_without_rater_or_date():
    forms = HAND.copy()
    forms.loc[0, "coach"] = pd.NA
    forms.loc[1, "datum"] = pd.NaT
    table = summary(forms, SPEC).set_index(["unit", "key"])
    assert table.loc[("overall", "total"), "n_forms"] == 10
    assert table.loc[("rater", "r1"), "n_forms"] == 4  # row 0 is in no rater row
    assert table.loc[("week", "2020-W53"), "n_forms"] == 2  # row 1 is in no week
    # weekly counts W53 2, W01 4, W02 3 → median 3, min 2
    assert table.loc[("overall", "total"), "forms_per_week_min"] == 2


def test_summary_empty_and_all_missing():
    empty = summary(HAND.iloc[0:0], SPEC)
    assert len(empty) == 1
    row = empty.iloc[0]
    assert row["n_forms"] == 0 and row["n_people"] == 0
    assert row.drop(["unit", "key", "n_forms", "n_people"]).isna().all()
    forms = HAND.assign(s4=np.nan, total=np.nan)
    table = summary(forms, SPEC)
    assert table["n_forms"].iloc[0] == 10
    assert table[["mean_total", "pct_below_cutoff", "pct_ceiling", "mean_person"]].isna().all(
        axis=None)
    assert table["forms_per_week_median"].iloc[0] == 3  # forms are counted without totals


# -- item_summary -----------------------------------------------------------------------------
def test_item_summary_hand():
    items = item_summary(HAND, SPEC).set_index("item")
    assert list(items.reset_index().columns) == ITEM_COLUMNS
    assert items["label"].tolist() == list(SPEC.items.values())
    # s4: 9 8 10 – 7.8 8 10 7 10 8 → 9 answers, sum 77.8
    s4 = items.loc["s4"]
    assert s4["n_forms"] == 9
    assert s4["mean"] == pytest.approx(77.8 / 9)
    assert s4["median"] == pytest.approx(8)  # 7 7.8 8 8 8 9 10 10 10
    assert s4["sd"] == pytest.approx(np.std([9, 8, 10, 7.8, 8, 10, 7, 10, 8], ddof=1))
    # per person: A 9 8 7.8 10 10 → 44.8 / 5 = 8.96; B 10 8 7 8 → 33 / 4 = 8.25
    assert s4["mean_person"] == pytest.approx((8.96 + 8.25) / 2)
    # s1: 10 answers, A 9 8 8.6 10 9 → 44.6 / 5 = 8.92; B 10 9 9 7 9 → 44 / 5 = 8.8
    assert items.loc["s1", "n_forms"] == 10
    assert items.loc["s1", "mean_person"] == pytest.approx((8.92 + 8.8) / 2)


# -- trend ------------------------------------------------------------------------------------
def _forms(codes, session_numbers, totals) -> pd.DataFrame:
    """Forms with one item (``t``) holding the total, dated a week apart per session."""
    dates = pd.Timestamp("2021-03-01") + pd.to_timedelta(7 * np.asarray(session_numbers),
                                                         unit="D")
    return pd.DataFrame({"code": codes, "datum": dates, "coach": "k",
                         "t": np.asarray(totals, dtype=float)})


ONE_ITEM = spec(items={"t": "total"}, range=(0, 40))

# The R reference data set: 6 participants, 2–5 sessions each.
R_IDS = np.repeat(list("ABCDEF"), [4, 3, 5, 3, 2, 4])
R_SESSIONS = [1, 2, 3, 4, 1, 2, 3, 1, 2, 3, 4, 5, 1, 2, 3, 1, 2, 1, 2, 3, 4]
R_TOTALS = [30, 32, 33, 35, 35, 36, 36, 28, 31, 30, 33, 34, 38, 37, 39, 33, 35, 36, 35, 38, 39]


def test_trend_matches_lme4():
    # R 4.2, lme4 1.1.31:
    #   d <- data.frame(id = rep(c("A","B","C","D","E","F"), times = c(4,3,5,3,2,4)),
    #     session = c(1:4, 1:3, 1:5, 1:3, 1:2, 1:4),
    #     total = c(30,32,33,35, 35,36,36, 28,31,30,33,34, 38,37,39, 33,35, 36,35,38,39))
    #   m <- lmer(total ~ session + (1 | id), data = d, REML = TRUE)
    #   fixef(m)                       # (Intercept) 31.910579022, session 1.247601677
    #   confint(m, method = "Wald")    # session 0.8938998815 1.601303473
    #   as.data.frame(VarCorr(m))$vcov # id 8.7830499484, Residual 0.8018582628
    #   → ICC 8.7830499484 / (8.7830499484 + 0.8018582628) = 0.9163415815
    #   sqrt(diag(vcov(m)))            # session SE 0.1804634159, z = 6.913321854
    r = trend(_forms(R_IDS, R_SESSIONS, R_TOTALS), ONE_ITEM)
    assert r["converged"] is True
    assert (r["n_forms"], r["n_people"]) == (21, 6)
    assert r["slope"] == pytest.approx(1.247601677, abs=1e-5)
    assert r["intercept"] == pytest.approx(31.910579022, abs=1e-4)
    assert r["icc"] == pytest.approx(0.9163415815, abs=1e-4)
    # The Wald limits agree to 1e-3 only: lme4's vcov is the GLS covariance
    # sigma² (X'V⁻¹X)⁻¹ given the variance estimates (SE 0.18046), statsmodels inverts the
    # observed Hessian of all parameters jointly, whose slope/variance cross term is not 0
    # (SE 0.18093, CI 0.89298 … 1.60222).
    assert r["ci_low"] == pytest.approx(0.8938998815, abs=1.5e-3)
    assert r["ci_high"] == pytest.approx(1.601303473, abs=1.5e-3)
    # p is the two-sided z test belonging to that CI: z = slope / SE, SE = CI width / 2z_.975
    se = (r["ci_high"] - r["ci_low"]) / (2 * stats.norm.ppf(0.975))
    assert r["p"] == pytest.approx(2 * stats.norm.sf(r["slope"] / se), rel=1e-6)
    # R's 2 * pnorm(-6.913321854) = 4.734e-12; statsmodels' z 6.895 gives 5.37e-12
    assert 4e-12 < r["p"] < 6e-12
    assert r["method"] == TREND_METHOD


def test_trend_confidence_level():
    data = _forms(R_IDS, R_SESSIONS, R_TOTALS)
    r95, r90 = trend(data, ONE_ITEM), trend(data, ONE_ITEM, confidence=0.90)
    # same SE: the half-widths are in the ratio z_.95 / z_.975
    ratio = (r90["ci_high"] - r90["ci_low"]) / (r95["ci_high"] - r95["ci_low"])
    assert ratio == pytest.approx(stats.norm.ppf(0.95) / stats.norm.ppf(0.975))
    for bad in (0, 1, 95, "0.95"):
        with pytest.raises(ValueError, match="confidence"):
            trend(data, ONE_ITEM, confidence=bad)


def test_trend_recovers_a_simulated_slope():
    # 40 participants × 6 sessions: total = 30 + u_i + 0.3·session + e, u_i ~ N(0, 1.5²),
    # e ~ N(0, 1); true ICC = 1.5² / (1.5² + 1) = 2.25 / 3.25 = 0.692. Seed fixed.
    rng = np.random.default_rng(20220110)
    n, k = 40, 6
    u = rng.normal(0, 1.5, n)
    codes = np.repeat([f"P{i:02d}" for i in range(n)], k)
    numbers = np.tile(np.arange(1, k + 1), n)
    totals = 30 + np.repeat(u, k) + 0.3 * numbers + rng.normal(0, 1, n * k)
    forms = _forms(codes, numbers, totals)
    forms = forms.sample(frac=1, random_state=1).reset_index(drop=True)  # file order ≠ date
    r = trend(forms, ONE_ITEM)
    assert r["converged"] is True
    assert (r["n_forms"], r["n_people"]) == (240, 40)
    assert r["ci_low"] < 0.3 < r["ci_high"]
    assert r["slope"] == pytest.approx(0.3, abs=0.1)
    assert r["icc"] == pytest.approx(2.25 / 3.25, abs=0.1)
    assert r["intercept"] == pytest.approx(30, abs=1.0)


def test_trend_drops_forms_without_total():
    data = _forms(R_IDS, R_SESSIONS, R_TOTALS)
    data.loc[0, "t"] = np.nan
    r = trend(data, ONE_ITEM)
    assert (r["n_forms"], r["n_people"]) == (20, 6)
    assert np.isfinite(r["slope"])


@pytest.mark.parametrize(("codes", "numbers", "totals", "reason"), [
    (["A", "A", "B", "B"], [1, 2, 1, 2], [30, 31, 32, 34], "fewer than 3 participants"),
    (["A", "A", "B", "B", "C", "C"], [1, 2, 1, 2, 1, 2], [35] * 6, "totals do not vary"),
    (["A", "B", "C", "D"], [1, 1, 1, 1], [30, 31, 32, 34], "session numbers do not vary"),
    ([], [], [], "fewer than 3 participants"),
])
def test_trend_degenerate_is_nan(codes, numbers, totals, reason):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = trend(_forms(codes, numbers, totals), ONE_ITEM)
    assert r["converged"] is False
    assert all(np.isnan(r[k]) for k in ("slope", "ci_low", "ci_high", "p", "intercept", "icc"))
    assert reason in r["method"]
    assert r["n_forms"] == len(totals)


def test_trend_boundary_fit_reports_estimate_without_warning():
    # Four participants with the same totals 31 33 32: the between-person variance is 0,
    # statsmodels warns ("MLE may be on the boundary", ConvergenceWarning): converged False,
    # the slope is still the OLS slope of the pooled data, (32 − 31) / 2 = 0.5.
    data = _forms(np.repeat(list("ABCD"), 3), np.tile([1, 2, 3], 4), np.tile([31, 33, 32], 4))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = trend(data, ONE_ITEM)
    assert r["converged"] is False
    assert r["slope"] == pytest.approx(0.5, abs=1e-6)
    assert r["icc"] == pytest.approx(0, abs=1e-6)
    assert "boundary" in r["method"]


# -- the demo wave ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def e1(tmp_path_factory):
    return load_wave("anna-e1", ROOT / "waves.yml", tmp_path_factory.mktemp("processed"))


def test_demo_wave(e1):
    srs = e1.codebook.session_ratings
    table = summary(e1.ratings, srs)
    row = table.iloc[0]
    # 84 forms from 24 participants and 4 coaches (the demo generator's design)
    assert (row["n_forms"], row["n_people"]) == (84, 24)
    assert (table["unit"] == "rater").sum() == 4
    assert (table["unit"] == "participant").sum() == 24
    assert table.query("unit == 'participant'")["n_forms"].sum() == 84
    assert table.query("unit == 'week'")["n_forms"].sum() == 84
    assert row["forms_per_week_median"] == 3
    # recomputed directly with pandas from the forms
    totals = e1.ratings["total"].dropna()
    assert row["mean_total"] == pytest.approx(totals.mean())
    assert row["pct_below_cutoff"] == pytest.approx(100 * (totals.round(9) < 36).mean())
    person = totals.groupby(e1.ratings.loc[totals.index, "code"]).mean()
    assert row["mean_person"] == pytest.approx(person.mean())
    # 16 of the 81 forms with a total are below 36; 4 of 24 participants on average
    assert row["pct_below_cutoff"] == pytest.approx(100 * 16 / 81)
    assert row["pct_people_below"] == pytest.approx(100 * 4 / 24)
    assert row["pct_ceiling"] == 0  # the highest total is 39.6
    r = trend(e1.ratings, srs)
    assert (r["n_forms"], r["n_people"]) == (81, 24)
    # R 4.2, lme4 1.1.31 on the model data (code, session from sessions(), total; 81 rows):
    #   m <- lmer(total ~ session + (1 | code), data = d, REML = TRUE)
    #   fixef(m)                     # session 0.06627008538, (Intercept) 37.11004962939
    #   confint(m, method = "Wald")  # session -0.08110170513 0.21364187589
    #   as.data.frame(VarCorr(m))$vcov  # 1.6883319539 0.7570797259 → ICC 0.6904080682
    assert r["converged"] is True
    assert r["slope"] == pytest.approx(0.06627008538, abs=1e-5)
    assert r["intercept"] == pytest.approx(37.11004962939, abs=1e-4)
    assert r["ci_low"] == pytest.approx(-0.08110170513, abs=1e-4)
    assert r["ci_high"] == pytest.approx(0.21364187589, abs=1e-4)
    assert r["icc"] == pytest.approx(0.6904080682, abs=1e-4)
    assert len(item_summary(e1.ratings, srs)) == 4
