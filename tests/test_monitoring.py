"""Tests for survey.monitoring: indicators against targets, by group, and placements.

Every expected number is computed here independently: scipy's ``binomtest`` and
``fisher_exact``, statsmodels' ``proportion_confint(method="wilson")``, scipy's
multivariate hypergeometric distribution for the exact test of more than two groups, or
by hand; the published success quota (ANALYSES.md, "Programme monitoring": 33 of 63
participants, over 52 % against the target of 34 %, "18 points above target").
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from survey.errors import DataError
from survey.monitoring import indicator, indicator_table, placements

pytestmark = pytest.mark.filterwarnings("error")


def test_published_success_quota_33_of_63_against_34_percent():
    r = indicator(33, 63, 0.34, "at_least")
    assert r["k"] == 33 and r["n"] == 63
    assert r["share"] == pytest.approx(33 / 63)
    assert round(100 * r["share"], 1) == 52.4  # published: "über 52 %"
    low, high = proportion_confint(33, 63, alpha=0.05, method="wilson")
    assert (r["ci_low"], r["ci_high"]) == pytest.approx((low, high), abs=1e-12)
    assert (round(low, 4), round(high, 4)) == (0.4027, 0.6422)  # the same call, printed
    assert round(r["diff_pp"], 1) == 18.4  # published: "18 Punkte über dem Ziel"
    p = stats.binomtest(33, 63, 0.34, alternative="greater").pvalue
    assert r["p_value"] == pytest.approx(p, rel=1e-12)
    assert r["p_value"] == pytest.approx(0.0020331, abs=1e-7)  # the same call, printed
    assert r["verdict"] == "met"  # 0.4027 > 0.34: the whole interval above the target


def test_at_most_direction_tests_the_lower_side():
    # 3 of 40 against a maximum of 20 %: Wilson (0.026, 0.199) lies wholly below 0.20
    r = indicator(3, 40, 0.20, "at_most")
    assert r["p_value"] == pytest.approx(stats.binomtest(3, 40, 0.20, alternative="less").pvalue)
    high = proportion_confint(3, 40, method="wilson")[1]
    assert high < 0.20
    assert r["verdict"] == "met"
    # the same share against a maximum of 5 %: wholly above the maximum
    low = proportion_confint(3, 40, method="wilson")[0]
    assert low < 0.05 and indicator(3, 40, 0.05, "at_most")["verdict"] == "unsure"
    assert indicator(30, 40, 0.20, "at_most")["verdict"] == "not_met"


@pytest.mark.parametrize(("k", "n", "target", "verdict"), [
    (5, 10, 0.34, "unsure"),   # Wilson (0.237, 0.763) covers 0.34
    (10, 100, 0.34, "not_met"),  # Wilson (0.055, 0.174) wholly below
    (0, 20, 0.34, "not_met"),  # all misses: (0, 0.161)
    (20, 20, 0.34, "met"),     # all hits: (0.839, 1)
])
def test_verdict_follows_the_wilson_interval(k, n, target, verdict):
    low, high = proportion_confint(k, n, method="wilson")
    r = indicator(k, n, target)
    assert r["verdict"] == verdict
    assert (r["ci_low"], r["ci_high"]) == pytest.approx((max(low, 0), min(high, 1)), abs=1e-12)
    assert r["p_value"] == pytest.approx(
        stats.binomtest(k, n, target, alternative="greater").pvalue)


def test_all_hits_and_all_misses_give_the_binomial_tail_by_hand():
    # P(X >= 20 | n=20, 0.34) = 0.34**20; P(X >= 0) = 1
    assert indicator(20, 20, 0.34)["p_value"] == pytest.approx(0.34 ** 20, rel=1e-9)
    assert indicator(0, 20, 0.34)["p_value"] == pytest.approx(1.0)
    assert indicator(0, 20, 0.34)["share"] == 0.0


def test_no_participants_gives_nan_and_unsure():
    r = indicator(0, 0, 0.34)
    assert r["n"] == 0 and math.isnan(r["share"]) and math.isnan(r["p_value"])
    assert math.isnan(r["ci_low"]) and r["verdict"] == "unsure"


@pytest.mark.parametrize(("args", "message"), [
    ((5, 4, 0.3), "exceed"), ((-1, 4, 0.3), "non-negative"), ((1.5, 4, 0.3), "whole"),
    ((1, 4, 1.3), "target"), ((1, 4, 0.3, "more"), "direction"),
])
def test_bad_arguments_name_themselves(args, message):
    with pytest.raises(ValueError, match=message):
        indicator(*args)


def _participants() -> pd.DataFrame:
    # 10 single parents (4 placed), 8 two-parent (1 placed); 2 not active (denominator no)
    return pd.DataFrame({
        "household": pd.Categorical(["single"] * 10 + ["couple"] * 8,
                                    categories=["single", "couple"]),
        "placed": [1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0],
        "active": [True] * 9 + [False] + [True] * 7 + [False],
        "left": [True, False] * 9,
    })


INDICATORS = [
    {"name": "placed", "label": "Vermittelt", "numerator": "placed", "denominator": None,
     "target": 0.34, "direction": "at_least"},
    {"name": "placed_active", "label": "Vermittelt (aktiv)", "numerator": "placed",
     "denominator": "active", "target": 0.34, "direction": "at_least"},
]


def test_indicator_table_counts_by_hand_and_fisher_of_two_groups():
    t = indicator_table(_participants(), INDICATORS, by="household")
    assert list(t["group"].iloc[:3]) == [None, "single", "couple"]
    total, single, couple = (t.iloc[i] for i in range(3))
    assert (total["k"], total["n"]) == (5, 18)
    assert (single["k"], single["n"], couple["k"], couple["n"]) == (4, 10, 1, 8)
    assert single["p_value"] == pytest.approx(
        stats.binomtest(4, 10, 0.34, alternative="greater").pvalue)
    table = [[4, 6], [1, 7]]  # group × (hit, miss), built by hand
    p = stats.fisher_exact(table, alternative="two-sided").pvalue
    assert single["fisher_p"] == pytest.approx(p) and couple["fisher_p"] == pytest.approx(p)
    assert math.isnan(total["fisher_p"])
    active = t[t["indicator"] == "placed_active"]
    # denominator "active": single 9 rows (the 4 placed among them), couple 7 (1 placed)
    assert list(active["n"]) == [16, 9, 7] and list(active["k"]) == [5, 4, 1]
    assert active["fisher_p"].iloc[1] == pytest.approx(
        stats.fisher_exact([[4, 5], [1, 6]]).pvalue)
    assert t.loc[0, "diff_pp"] == pytest.approx(100 * (5 / 18 - 0.34))


def test_indicator_table_without_by_has_no_fisher_column_and_one_row_each():
    t = indicator_table(_participants(), INDICATORS)
    assert len(t) == 2 and "fisher_p" not in t.columns
    assert t["group"].isna().all()


def test_one_group_only_has_no_fisher_test():
    frame = _participants().iloc[:10].copy()
    frame["household"] = "single"
    t = indicator_table(frame, INDICATORS[:1], by="household")
    assert list(t["group"]) == [None, "single"]
    assert t["fisher_p"].isna().all()


def test_three_groups_use_the_exact_test_of_the_r_by_2_table():
    # groups × (hit, miss): [1, 20], [3, 14], [5, 6]
    frame = pd.DataFrame({
        "g": ["a"] * 21 + ["b"] * 17 + ["c"] * 11,
        "hit": [1] * 1 + [0] * 20 + [1] * 3 + [0] * 14 + [1] * 5 + [0] * 6,
    })
    spec = [{"name": "x", "label": "x", "numerator": "hit", "denominator": None,
             "target": 0.2, "direction": "at_least"}]
    got = indicator_table(frame, spec, by="g")["fisher_p"].iloc[1]
    # Freeman–Halton by enumeration: every split of the 9 hits over groups of 21, 17, 11
    # with scipy.stats.multivariate_hypergeom, summing tables no more likely than observed
    sizes, hits = [21, 17, 11], 9
    observed = stats.multivariate_hypergeom.pmf([1, 3, 5], m=sizes, n=hits)
    p = 0.0
    for a, b in itertools.product(range(22), range(18)):
        c = hits - a - b
        if 0 <= c <= 11:
            q = stats.multivariate_hypergeom.pmf([a, b, c], m=sizes, n=hits)
            p += q if q <= observed * (1 + 1e-7) else 0.0
    assert got == pytest.approx(p, rel=1e-9)
    # and scipy's own Monte Carlo estimate agrees within its error (sd ~ 0.0003)
    mc = stats.fisher_exact([[1, 20], [3, 14], [5, 6]],
                            method=stats.MonteCarloMethod(n_resamples=100_000, rng=7)).pvalue
    assert got == pytest.approx(mc, abs=0.002)


def test_missing_numerator_in_the_base_names_the_row():
    frame = _participants()
    frame["placed"] = frame["placed"].astype("Float64")
    frame.loc[3, "placed"] = pd.NA
    with pytest.raises(DataError, match=r"column 'placed', row 5"):
        indicator_table(frame, INDICATORS)
    # outside the denominator a missing value is no problem
    frame.loc[3, "placed"] = 1.0
    frame.loc[9, "placed"] = pd.NA  # row 9 is not active
    assert indicator_table(frame, INDICATORS[1:])["n"].iloc[0] == 16


def test_a_non_boolean_numerator_names_column_and_row():
    frame = _participants()
    frame["placed"] = frame["placed"].astype(object)
    frame.loc[2, "placed"] = "ja"
    with pytest.raises(DataError, match=r"column 'placed', row 4: not a yes/no value"):
        indicator_table(frame, INDICATORS)
    frame.loc[2, "placed"] = 2
    with pytest.raises(DataError, match="row 4"):
        indicator_table(frame, INDICATORS)


def test_placements_count_placements_and_persons():
    # person A: 2 jobs and 1 course; B: 1 job; C: 1 internship
    frame = pd.DataFrame({"person": ["A", "A", "A", "B", "C"],
                          "kind": ["job", "job", "course", "job", "intern"]})
    t = placements(frame, "person", "kind",
                   labels={"job": "Arbeit", "course": "Kurs", "intern": "Praktikum",
                           "mentor": "Mentoring"})
    assert list(t["kind"]) == ["job", "course", "intern", "mentor", None]
    assert list(t["n_placements"]) == [3, 1, 1, 0, 5]
    assert list(t["n_persons"]) == [2, 1, 1, 0, 3]
    assert t["label"].iloc[0] == "Arbeit"


def test_placements_without_labels_and_bad_rows():
    frame = pd.DataFrame({"person": ["A", "B", None], "kind": ["x", "y", "x"]})
    with pytest.raises(DataError, match=r"column 'person', row 4"):
        placements(frame, "person", "kind")
    frame.loc[2, "person"] = "C"
    t = placements(frame, "person", "kind")
    assert list(t["kind"]) == ["x", "y", None] and list(t["n_persons"]) == [2, 1, 3]
    with pytest.raises(DataError, match=r"column 'kind', row 3: kind 'y' is not one of x"):
        placements(frame, "person", "kind", labels={"x": "X"})


def test_published_placements_sum():
    # ANALYSES.md: 14 + 13 + 6 + 1 + 5 + 15 + 12 + 8 + 5 = 79 placements
    kinds = {"ext": 14, "job": 13, "app": 6, "school": 1, "train": 5, "mini": 15,
             "intern": 12, "course": 8, "mentor": 5}
    frame = pd.DataFrame({"kind": np.repeat(list(kinds), list(kinds.values()))})
    frame["person"] = [f"p{i % 40}" for i in range(len(frame))]
    t = placements(frame, "person", "kind")
    assert t["n_placements"].iloc[-1] == 79 == sum(kinds.values())
    assert list(t["n_placements"].iloc[:-1]) == list(kinds.values())
