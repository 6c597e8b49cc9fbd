"""The clean-data schema catches what a cleaning bug would produce."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import BASIC_CODEBOOK, write

from survey.clean import clean
from survey.codebook import load_codebook
from survey.io import read_raw
from survey.schema import CleanSchemaError, check_clean

CODEBOOK = BASIC_CODEBOOK + """
  alter: {label: "Alter", type: numeric, range: [16, 70], integer: true}
  geraete: {label: "Geräte", type: multi, options: {g_sp: "Smartphone"}}
  anm: {type: text}
scales:
  s: {label: "S", items: [fam], min_items: 1}
"""


@pytest.fixture
def good(tmp_path):
    cb = load_codebook(write(tmp_path / "codebook.yml", CODEBOOK))
    raw = read_raw(write(tmp_path / "raw.csv",
                         "code,AE,F1,alter,g_sp,anm\nA,1,5,34,1,hallo\nB,0,2,,0,\n"))
    return clean(raw, cb).data, cb


def test_clean_output_fits(good):
    data, cb = good
    check_clean(data, cb)  # does not raise


@pytest.mark.parametrize("break_it, message", [
    (lambda d: d.assign(alter=[34.0, 80.0]), "alter: in_range(16.0, 70.0) fails for 80.0 (B)"),
    (lambda d: d.assign(alter=[34.5, None]), "alter: integer fails for 34.5 (A)"),
    (lambda d: d.assign(g_sp=pd.array([1, 2], dtype="Int8")), "g_sp: isin([0, 1]) fails for 2"),
    (lambda d: d.assign(s=[5.0, 6.0]), "s: in_range(1, 5) fails for 6.0 (B)"),
    (lambda d: d.assign(fam=d.fam.cat.as_unordered()), "fam"),
    (lambda d: d.assign(extra=1), "extra"),
    (lambda d: d.set_axis(["A", "A"]).rename_axis("code"), "unique"),
])
def test_broken_clean_data_are_caught(good, break_it, message):
    data, cb = good
    with pytest.raises(CleanSchemaError, match="clean data do not fit the codebook") as info:
        check_clean(break_it(data), cb)
    assert message in str(info.value)
