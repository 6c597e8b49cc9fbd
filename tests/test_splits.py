"""Strong/weak splits: shares by hand, Wilson CIs, the test across a grouping, the mixture
kept only when two components fit better, and the demo wave's 47 % vs 27 %."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from conftest import ANSWER_SETS, write
from scipy import stats

from survey.clean import clean
from survey.codebook import load_codebook
from survey.io import read_raw
from survey.splits import split, splits
from survey.store import load_wave

ROOT = Path(__file__).resolve().parents[1]

CODEBOOK = """
id: code
answer_sets:""" + ANSWER_SETS + """variables:
  ae: {label: "AE", answers: ja_nein}
  a: {answers: nj5}
  b: {answers: nj5}
scales:
  sa: {items: [a]}
  sb: {items: [b]}
groupings:
  ae: {variable: ae}
splits:
  cut: {label: "Schwach", scales: [sa, sb], method: cut, below: 3, by: [ae]}
  mix: {scales: [sa, sb], method: mixture, seed: 1}
"""


def _wave(tmp, rows):
    cb = load_codebook(write(tmp / "codebook.yml", CODEBOOK))
    lines = ["code,ae,a,b"] + [f"r{i},{r[0]},{r[1]},{r[2]}" for i, r in enumerate(rows)]
    return clean(read_raw(write(tmp / "raw.csv", "\n".join(lines) + "\n")), cb).data, cb


def test_cut_shares_wilson_and_test(tmp_path):
    # ae = 1: means (1+2)/2, (2+2)/2, (4+5)/2, (5+5)/2, (3+3)/2 -> weak 2 of 5
    # ae = 0: (1+1)/2, (2+3)/2, (2+2)/2, (1+2)/2, (4+4)/2, (3+2)/2 -> weak 5 of 6
    # (b blank for the last: mean of a alone = 5, strong) -> weak 5 of 7
    rows = [(1, 1, 2), (1, 2, 2), (1, 4, 5), (1, 5, 5), (1, 3, 3),
            (0, 1, 1), (0, 2, 3), (0, 2, 2), (0, 1, 2), (0, 4, 4), (0, 3, 2), (0, 5, "")]
    data, cb = _wave(tmp_path, rows)
    table, tests, _ = splits(data, cb, min_cell=1)
    cut = table[table["split"] == "cut"].set_index("group")
    assert cut.loc["total", ["n", "n_weak"]].tolist() == [12, 7]
    assert cut.loc["AE: ja", ["n", "n_weak"]].tolist() == [5, 2]
    assert cut.loc["AE: nein", ["n", "n_weak"]].tolist() == [7, 5]
    # Wilson by hand for 2 of 5: (p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)
    z, p, n = stats.norm.ppf(0.975), 2 / 5, 5
    centre, half = p + z**2 / (2 * n), z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    assert cut.loc["AE: ja", "ci_low"] == pytest.approx(100 * (centre - half) / (1 + z**2 / n))
    assert cut.loc["AE: ja", "ci_high"] == pytest.approx(100 * (centre + half) / (1 + z**2 / n))
    row = tests[tests["variable"] == "cut"].iloc[0]
    assert (row.group_a, row.group_b, row.test) == ("AE: nein", "AE: ja", "fisher")
    assert row.p == pytest.approx(stats.fisher_exact([[5, 2], [2, 3]]).pvalue)
    assert row.effect_size == pytest.approx(5 / 7 - 2 / 5)


def test_mixture_kept_only_when_two_components_fit_better(tmp_path):
    rng = np.random.default_rng(0)
    low = [(0, int(a), int(b)) for a, b in rng.integers(1, 3, (40, 2))]
    high = [(1, int(a), int(b)) for a, b in rng.integers(4, 6, (40, 2))]
    data, cb = _wave(tmp_path / "bimodal", low + high)
    res = split(data, cb, "mix")
    assert res.kept and res.bic_two < res.bic_one
    # the weak component is the low cluster: exactly the first 40
    assert res.weak.tolist() == [1.0] * 40 + [0.0] * 40
    flat = [(0, int(a), int(b)) for a, b in zip(np.repeat([1, 2, 3, 4, 5], 16),
                                              np.tile([1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2,
                                                       3, 4, 5, 3], 5), strict=True)]
    data, cb = _wave(tmp_path / "flat", flat)
    res = split(data, cb, "mix")
    assert not res.kept and res.weak.isna().all()


def test_demo_weak_close_environment_47_vs_27(tmp_path):
    wd = load_wave("anna-e2", ROOT / "waves.yml", tmp_path)
    table, tests, _ = splits(wd.data, wd.codebook)
    ae = table[table["grouping"] == "ae"].set_index("group")
    assert ae.loc["Alleinerziehend: nein", "pct_weak"] == pytest.approx(100 * 52 / 110)  # 47,3 %
    assert ae.loc["Alleinerziehend: ja", "pct_weak"] == pytest.approx(100 * 24 / 90)  # 26,7 %
    row = tests.iloc[0]
    assert row.test == "chi2" and row.p < 0.01 and row.effect_size > 0
