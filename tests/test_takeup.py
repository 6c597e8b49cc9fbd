"""Tests for survey.takeup: the take-up funnel and the reasons at each drop.

The expected counts are counted by hand on the small frames below (written out beside
each assertion); shares are these counts divided, Wilson's interval is statsmodels'
``proportion_confint(method="wilson")`` called here. The published BuT lunch figures
(ANALYSES.md: 48 entitled / 37 using; not used: eat at home 8, cost 1, school 1, cannot
say 1) are rebuilt as a frame and counted back.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint

from survey.errors import DataError
from survey.takeup import funnel, reasons

pytestmark = pytest.mark.filterwarnings("error")

STAGES = ["entitled", "known", "applied", "using"]


def _frame() -> pd.DataFrame:
    # child c1..c6 × lunch, c1..c4 × tutoring; T/F per stage, None = not asked after a no
    rows = [
        ("c1", "lunch", True, True, True, True),
        ("c2", "lunch", True, True, True, False),
        ("c3", "lunch", True, True, False, None),
        ("c4", "lunch", True, False, None, None),
        ("c5", "lunch", False, False, False, False),
        ("c6", "lunch", True, True, True, True),
        ("c1", "tutoring", True, False, False, False),
        ("c2", "tutoring", True, True, True, True),
        ("c3", "tutoring", False, None, None, None),
        ("c4", "tutoring", True, True, False, False),
    ]
    frame = pd.DataFrame(rows, columns=["child", "benefit", *STAGES])
    for s in STAGES:
        frame[s] = frame[s].astype("boolean")
    return frame


def test_funnel_counts_by_hand():
    t = funnel(_frame(), "child", "benefit", STAGES)
    assert list(t["benefit"]) == ["lunch"] * 4 + ["tutoring"] * 4
    assert list(t["position"]) == [1, 2, 3, 4] * 2
    # lunch: entitled c1,c2,c3,c4,c6 = 5; known c1,c2,c3,c6 = 4; applied c1,c2,c6 = 3;
    # using c1,c6 = 2.  tutoring: entitled c1,c2,c4 = 3; known c2,c4 = 2; applied c2 = 1;
    # using c2 = 1
    assert list(t["n"]) == [5, 4, 3, 2, 3, 2, 1, 1]
    lunch = t[t["benefit"] == "lunch"]
    assert math.isnan(lunch["share_prev"].iloc[0])
    assert lunch["share_prev"].iloc[1:].tolist() == pytest.approx([4 / 5, 3 / 4, 2 / 3])
    assert lunch["share_first"].tolist() == pytest.approx([1, 4 / 5, 3 / 5, 2 / 5])
    low, high = proportion_confint(2, 5, method="wilson")
    assert (lunch["ci_low"].iloc[3], lunch["ci_high"].iloc[3]) == pytest.approx((low, high))
    assert list(lunch["n_first"]) == [5] * 4
    assert math.isnan(lunch["ci_low"].iloc[0]) and math.isnan(lunch["ci_high"].iloc[0])
    low, high = proportion_confint(4, 5, method="wilson")
    assert (lunch["ci_low"].iloc[1], lunch["ci_high"].iloc[1]) == pytest.approx((low, high))


def test_funnel_accepts_zero_one_columns_and_keeps_category_order():
    frame = _frame()
    for s in STAGES:
        frame[s] = frame[s].astype("Float64")
    frame["benefit"] = pd.Categorical(frame["benefit"], categories=["tutoring", "lunch"])
    t = funnel(frame, "child", "benefit", STAGES)
    assert list(t["benefit"].iloc[[0, 4]]) == ["tutoring", "lunch"]
    assert list(t["n"]) == [3, 2, 1, 1, 5, 4, 3, 2]


def test_nobody_at_the_first_stage_gives_nan_shares():
    frame = _frame().iloc[[4]]  # c5: not entitled to lunch
    t = funnel(frame, "child", "benefit", STAGES)
    assert list(t["n"]) == [0, 0, 0, 0]
    assert t["share_first"].isna().all() and t["ci_low"].isna().all()


def test_yes_after_no_names_the_row():
    frame = _frame()
    frame.loc[3, "applied"] = True  # c4 lunch: known = no, applied = yes (row 5)
    with pytest.raises(DataError, match=r"column 'applied', row 5: yes after an earlier no "
                                        r"\(child='c4', benefit='lunch'\)"):
        funnel(frame, "child", "benefit", STAGES)


def test_missing_after_yes_and_non_boolean_stage_are_errors():
    frame = _frame()
    frame.loc[1, "using"] = pd.NA  # c2 lunch: applied yes, using unknown (row 3)
    with pytest.raises(DataError, match=r"column 'using', row 3: missing value"):
        funnel(frame, "child", "benefit", STAGES)
    frame = _frame()
    frame["known"] = frame["known"].astype(object)
    frame.loc[0, "known"] = "ja"
    with pytest.raises(DataError, match=r"column 'known', row 2: not a yes/no value"):
        funnel(frame, "child", "benefit", STAGES)


def test_duplicate_unit_and_missing_column():
    frame = pd.concat([_frame(), _frame().iloc[[2]]], ignore_index=True)
    with pytest.raises(DataError, match=r"child='c3', benefit='lunch' occurs more than once"
                                        r" \(rows 12\)"):
        funnel(frame, "child", "benefit", STAGES)
    with pytest.raises(DataError, match="column 'approved'"):
        funnel(_frame(), "child", "benefit", [*STAGES, "approved"])


def test_published_lunch_funnel_counts_back():
    # 61 children: 48 entitled to lunch, 37 of them using it (ANALYSES.md)
    n = 61
    entitled = np.arange(n) < 48
    using = np.arange(n) < 37
    frame = pd.DataFrame({"child": [f"k{i}" for i in range(n)], "benefit": "lunch",
                          "entitled": entitled, "using": using})
    t = funnel(frame, "child", "benefit", ["entitled", "using"])
    assert list(t["n"]) == [48, 37]
    assert t["share_first"].iloc[1] == pytest.approx(37 / 48)


def _reasons() -> pd.DataFrame:
    # c1 names two reasons at "known", c2 one; c3 one at "applied"; tutoring c4 two
    return pd.DataFrame({
        "child": ["c1", "c1", "c2", "c3", "c4", "c4", "c5"],
        "benefit": ["lunch", "lunch", "lunch", "lunch", "tutoring", "tutoring", "lunch"],
        "stage": ["known", "known", "known", "applied", "known", "known", "known"],
        "reason": ["home", "cost", "home", "pending", "no_need", "school", "home"],
    })


def test_reasons_count_units_several_per_child():
    t = reasons(_reasons(), "child", "benefit", "stage", "reason", stages=STAGES)
    # lunch/known: home c1,c2,c5 = 3, cost c1 = 1; lunch/applied: pending 1;
    # tutoring/known: no_need 1, school 1 (tie: order of appearance)
    assert t.to_dict("list") == {
        "benefit": ["lunch", "lunch", "lunch", "tutoring", "tutoring"],
        "stage": ["known", "known", "applied", "known", "known"],
        "reason": ["home", "cost", "pending", "no_need", "school"],
        "n": [3, 1, 1, 1, 1],
    }


def test_reasons_stage_order_and_errors():
    frame = _reasons()
    with pytest.raises(DataError, match=r"column 'stage', row 2: stage 'known' is not one"):
        reasons(frame, "child", "benefit", "stage", "reason", stages=["applied"])
    with pytest.raises(DataError, match=r"occurs more than once \(rows 9\)"):
        reasons(pd.concat([frame, frame.iloc[[0]]], ignore_index=True), "child", "benefit",
                "stage", "reason")
    frame.loc[3, "reason"] = None
    with pytest.raises(DataError, match=r"column 'reason', row 5: missing value"):
        reasons(frame, "child", "benefit", "stage", "reason")


def test_published_lunch_reasons():
    # not used: wants to eat at home 8, cost not fully covered 1, school covers it 1,
    # cannot say 1 (ANALYSES.md)
    codes = ["home"] * 8 + ["cost", "school", "unknown"]
    frame = pd.DataFrame({"child": [f"k{i}" for i in range(11)], "benefit": "lunch",
                          "stage": "using", "reason": codes})
    t = reasons(frame, "child", "benefit", "stage", "reason")
    assert list(t["reason"]) == ["home", "cost", "school", "unknown"]
    assert list(t["n"]) == [8, 1, 1, 1]
