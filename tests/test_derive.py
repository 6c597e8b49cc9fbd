"""Keyed item matrices, scale scores, crosses and top box: one implementation for
cleaning and the analyses."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import ANSWER_SETS, write

from survey.clean import clean
from survey.codebook import load_codebook
from survey.derive import cross, grouping_series, keyed_items, scale_score, top_box
from survey.errors import CodebookError
from survey.io import read_raw

CODEBOOK = """
id: code
answer_sets:""" + ANSWER_SETS + """variables:
  ae: {label: "AE", answers: ja_nein}
  u3: {label: "U3", type: binary, levels: {1: "ja", 0: "nein"}}
  a: {answers: nj5}
  b: {answers: nj5}
  allein: {answers: nj5, reverse: true}
scales:
  s1: {items: [a, b, allein], min_items: 2}
  s2: {items: [a, b], reverse: [b]}
derived:
  gruppe: {from: [ae, u3]}
groupings:
  ae_u3: {variables: [ae, u3]}
  ae: {variable: ae}
"""
RAW = """
code,ae,u3,a,b,allein
r1,1,1,5,4,2
r2,0,1,2,9,5
r3,1,0,4,2,
r4,,0,1,5,1
"""


@pytest.fixture
def cleaned(tmp_path):
    cb = load_codebook(write(tmp_path / "codebook.yml", CODEBOOK))
    data = clean(read_raw(write(tmp_path / "raw.csv", RAW)), cb).data
    return cb, data


def test_an_item_keyed_differently_in_two_scales(cleaned):
    cb, data = cleaned
    # s1 keys b as delivered; s2 reverses it for that scale only (1 + 5 - b)
    assert keyed_items(data, cb, "s1")["b"].tolist()[:1] == [4.0]
    np.testing.assert_array_equal(keyed_items(data, cb, "s2")["b"], [2.0, np.nan, 4.0, 1.0])
    # allein is reverse: true everywhere: delivered 2 -> 4, 5 -> 1, 1 -> 5
    np.testing.assert_array_equal(keyed_items(data, cb, "s1")["allein"],
                                  [4.0, 1.0, np.nan, 5.0])


def test_cleaning_scores_are_the_means_of_the_keyed_items(cleaned):
    cb, data = cleaned
    # by hand: s1 row means of (a, b, allein keyed) with >= 2 answered
    # r1 (5 + 4 + 4)/3, r2 (2 + 1)/2 (b is "weiß nicht"), r3 (4 + 2)/2, r4 (1 + 5 + 5)/3
    assert data["s1"].tolist() == pytest.approx([13 / 3, 1.5, 3.0, 11 / 3])
    # s2 needs both items (min_items defaults to all): r2 has no b
    assert data["s2"].tolist()[0] == pytest.approx((5 + 2) / 2)
    assert np.isnan(data["s2"].iloc[1])
    pd.testing.assert_series_equal(
        scale_score(keyed_items(data, cb, "s1"), 2), data["s1"], check_names=False)


def test_a_derived_cross_and_a_crossed_grouping_are_the_same(cleaned):
    cb, data = cleaned
    groups = grouping_series(data, cb, "ae_u3")
    assert list(groups.astype(object).where(groups.notna(), None)) == list(
        data["gruppe"].astype(object).where(data["gruppe"].notna(), None))
    # listing order: ae lists nein first, u3 lists ja first
    assert list(groups.cat.categories) == ["AE: nein / U3: ja", "AE: nein / U3: nein",
                                           "AE: ja / U3: ja", "AE: ja / U3: nein"]
    assert list(data["gruppe"].cat.categories) == list(groups.cat.categories)
    assert groups.iloc[0] == "AE: ja / U3: ja" and pd.isna(groups.iloc[3])
    assert list(cross(data, cb, ["u3", "ae"]).categories)[0] == "U3: ja / AE: nein"
    assert list(grouping_series(data, cb, "ae").cat.categories) == ["nein", "ja"]


def test_top_box_is_delivered_codes_also_when_reversed(cleaned):
    cb, data = cleaned
    # top_box [4, 5] as delivered: allein delivered 2, 5, blank, 1
    np.testing.assert_array_equal(top_box(data, cb, "allein"), [0.0, 1.0, np.nan, 0.0])
    assert top_box(data, cb, "a").tolist() == [1.0, 0.0, 1.0, 0.0]
    with pytest.raises(CodebookError, match="top_box"):
        top_box(data, cb, "ae")
