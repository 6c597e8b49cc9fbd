"""Tests for survey.funnelplot: Spiegelhalter's exact binomial limits and project positions.

The limits are recomputed here from ``scipy.stats.binom.ppf``/``cdf`` with the
interpolation of Spiegelhalter (2005, Statistics in Medicine 24:1185–1202, appendix A.1.1)
written out; for large n they must be close to the normal limits
target ± z · sqrt(target (1 − target) / n).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from survey.errors import DataError
from survey.funnelplot import limits, positions

pytestmark = pytest.mark.filterwarnings("error")


def _spiegelhalter(theta: float, n: int, p: float) -> float:
    # r_p: the smallest r with P(R <= r) >= p; alpha interpolates between r_p - 1 and r_p
    r = stats.binom.ppf(p, n, theta)
    f_r = stats.binom.cdf(r, n, theta)
    f_before = stats.binom.cdf(r - 1, n, theta)
    alpha = (f_r - p) / (f_r - f_before)
    return min(1.0, max(0.0, (r - alpha) / n))


@pytest.mark.parametrize("n", [10, 25, 63, 150, 400])
@pytest.mark.parametrize(("level", "p_low", "p_high"), [(0.95, 0.025, 0.975),
                                                        (0.998, 0.001, 0.999)])
def test_limits_are_spiegelhalters_interpolated_binomial_quantiles(n, level, p_low, p_high):
    t = limits(0.34, [n], levels=[level])
    assert t.loc[0, "lower"] == pytest.approx(_spiegelhalter(0.34, n, p_low), abs=1e-12)
    assert t.loc[0, "upper"] == pytest.approx(_spiegelhalter(0.34, n, p_high), abs=1e-12)


def test_limits_by_hand_for_n_10():
    # Binomial(10, 0.3): P(R <= 0) = 0.7**10 = 0.0282475 >= 0.025 → r = 0,
    # alpha = (0.0282475 - 0.025) / 0.0282475, lower = (0 - alpha)/10 < 0 → clipped to 0.
    # P(R <= 5) = 0.952651, P(R <= 6) = 0.989408 >= 0.975 → r = 6,
    # alpha = (0.989408 - 0.975) / (0.989408 - 0.952651) = 0.39199, upper = 5.60801 / 10
    t = limits(0.3, [10], levels=[0.95])
    assert t.loc[0, "lower"] == 0.0
    assert t.loc[0, "upper"] == pytest.approx(0.560801, abs=2e-6)


def test_large_n_approaches_the_normal_limits():
    for n in (2_000, 10_000):
        t = limits(0.34, [n])
        for level, z in ((0.95, stats.norm.ppf(0.975)), (0.998, stats.norm.ppf(0.999))):
            row = t[t["level"] == level].iloc[0]
            half = z * math.sqrt(0.34 * 0.66 / n)
            # the exact limits differ from the normal ones by about 1/n (skewness, discreteness)
            assert row["lower"] == pytest.approx(0.34 - half, abs=2.0 / n)
            assert row["upper"] == pytest.approx(0.34 + half, abs=2.0 / n)


def test_limits_shape_n_zero_and_order():
    t = limits(0.3, np.array([0, 5, 20]))
    assert list(t.columns) == ["n", "level", "lower", "upper"]
    assert list(t["level"]) == [0.95] * 3 + [0.998] * 3 and list(t["n"]) == [0, 5, 20] * 2
    assert t.loc[0, ["lower", "upper"]].isna().all()
    wide, narrow = t.iloc[5], t.iloc[2]
    assert wide["lower"] <= narrow["lower"] and wide["upper"] >= narrow["upper"]
    with pytest.raises(ValueError, match="target"):
        limits(0.0, [5])
    with pytest.raises(ValueError, match="whole"):
        limits(0.3, [2.5])


def _projects() -> pd.DataFrame:
    return pd.DataFrame({"name": ["A", "B", "C", "D", "E", "F"],
                         "hits": [20, 14, 42, 2, 15, 0],
                         "n": [40, 25, 200, 40, 45, 0]})


def test_positions_against_limits_computed_here():
    t = positions(_projects(), project="name", hits="hits", n="n", target=0.3)
    assert list(t["project"]) == list("ABCDEF")
    expected = []
    for k, n in zip(_projects()["hits"], _projects()["n"], strict=True):
        if n == 0:
            expected.append(None)
            continue
        s = k / n
        if s > _spiegelhalter(0.3, n, 0.999):
            expected.append("above_998")
        elif s > _spiegelhalter(0.3, n, 0.975):
            expected.append("above_95")
        elif s < _spiegelhalter(0.3, n, 0.001):
            expected.append("below_998")
        elif s < _spiegelhalter(0.3, n, 0.025):
            expected.append("below_95")
        else:
            expected.append("inside")
    assert list(t["position"]) == expected
    # and by reading: A 50 % of 40 is above the 95 % limit (upper ~0.44) but not 99,8 % (~0.52)
    assert expected[:5] == ["above_95", "above_95", "below_95", "below_998", "inside"]
    assert t.loc[0, "z"] == pytest.approx((0.5 - 0.3) / math.sqrt(0.3 * 0.7 / 40))
    assert math.isnan(t.loc[5, "share"]) and math.isnan(t.loc[5, "z"])


def test_positions_bad_rows():
    frame = _projects()
    frame.loc[2, "hits"] = 300
    with pytest.raises(DataError, match=r"column 'hits', row 4: more hits \(300\)"):
        positions(frame, project="name", hits="hits", n="n", target=0.3)
    frame = _projects()
    frame["n"] = frame["n"].astype(float)
    frame.loc[1, "n"] = 2.5
    with pytest.raises(DataError, match=r"column 'n', row 3: not a count"):
        positions(frame, project="name", hits="hits", n="n", target=0.3)
    frame = _projects()
    frame.loc[4, "name"] = "A"
    with pytest.raises(DataError, match=r"column 'name', row 6: project 'A' occurs"):
        positions(frame, project="name", hits="hits", n="n", target=0.3)
