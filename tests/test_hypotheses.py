"""Hypotheses: one-sided tests for directional hypotheses, recomputed with scipy; the
confirmatory Holm family apart from the exploratory one; the demo wave's H1."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import ANSWER_SETS, write
from scipy import stats

from survey.clean import clean
from survey.codebook import load_codebook
from survey.hypotheses import hypotheses, sentence
from survey.io import read_raw
from survey.presentation import present, verdict
from survey.store import load_wave

ROOT = Path(__file__).resolve().parents[1]

CODEBOOK = """
id: code
answer_sets:""" + ANSWER_SETS + """variables:
  frei: {label: "Freizeit", answers: ja_nein}
  job: {label: "Job", answers: ja_nein}
  a: {answers: nj5}
  b: {answers: nj5}
  alter: {type: numeric}
scales:
  sa: {label: "Skala A", items: [a]}
  sb: {label: "Skala B", items: [b]}
hypotheses:
  H1: {x: frei, y: [sa, sb], direction: positive, confirmatory: true, caveat: "Vorsicht."}
  H2: {x: alter, y: [sa], direction: negative}
  H3: {x: frei, y: [job], direction: positive}
  H4: {x: sa, y: [sb]}
"""


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    rng = np.random.default_rng(3)
    n = 60
    frei = rng.integers(0, 2, n)
    a = np.clip(np.round(2.5 + 1.2 * frei + rng.normal(0, 1, n)), 1, 5).astype(int)
    b = np.clip(np.round(3 + rng.normal(0, 1.2, n)), 1, 5).astype(int)
    alter = np.round(40 - 3 * a + rng.normal(0, 5, n), 1)
    job = (rng.random(n) < 0.3 + 0.4 * frei).astype(int)
    lines = ["code,frei,job,a,b,alter"] + [
        f"r{i},{frei[i]},{job[i]},{a[i]},{b[i]},{alter[i]}" for i in range(n)]
    tmp = tmp_path_factory.mktemp("hyp")
    cb = load_codebook(write(tmp / "codebook.yml", CODEBOOK))
    data = clean(read_raw(write(tmp / "raw.csv", "\n".join(lines) + "\n")), cb).data
    return data, cb, hypotheses(data, cb)


def pick(table, **where):
    mask = np.ones(len(table), dtype=bool)
    for k, v in where.items():
        mask &= (table[k] == v).to_numpy()
    assert mask.sum() == 1, where
    return table[mask].iloc[0]


def test_binary_by_scale_is_one_sided_mann_whitney_and_point_biserial(result):
    data, cb, table = result
    r = pick(table, hypothesis="H1", y="sa", test="mann_whitney")
    yes, no = data.loc[data["frei"] == "ja", "sa"], data.loc[data["frei"] == "nein", "sa"]
    ref = stats.mannwhitneyu(yes, no, alternative="greater", use_continuity=True,
                             method="asymptotic")
    assert r.statistic == pytest.approx(ref.statistic) and r.p == pytest.approx(ref.pvalue)
    assert r.alternative == "greater" and r.primary
    # one-sided test, one-sided 95 % CI: the lower bound of the two-sided 90 % interval
    # (Fisher z, SE = sqrt((n_a + n_b + 1) / (3 n_a n_b))) and 1 above
    n_a, n_b = len(yes), len(no)
    z = np.arctanh(r.effect_size) - stats.norm.ppf(0.95) * np.sqrt((n_a + n_b + 1)
                                                                   / (3 * n_a * n_b))
    assert (r.ci_low, r.ci_high) == (pytest.approx(np.tanh(z)), 1.0)
    pb = pick(table, hypothesis="H1", y="sa", test="point_biserial")
    x01 = (data["frei"] == "ja").astype(float)
    ref_r = stats.pearsonr(x01, data["sa"], alternative="greater")
    assert pb.effect_size == pytest.approx(ref_r.statistic)
    assert pb.p == pytest.approx(ref_r.pvalue) and not pb.primary
    two_sided = stats.pearsonr(x01, data["sa"]).pvalue
    assert pb.p == pytest.approx(two_sided / 2)  # one-sided, effect in the named direction


def test_numeric_by_scale_gives_spearman_and_pearson(result):
    data, _cb, table = result
    s = pick(table, hypothesis="H2", test="spearman")
    p = pick(table, hypothesis="H2", test="pearson")
    ref_s = stats.spearmanr(data["alter"], data["sa"], alternative="less")
    ref_p = stats.pearsonr(data["alter"], data["sa"], alternative="less")
    assert s.effect_size == pytest.approx(ref_s.statistic) and s.p == pytest.approx(ref_s.pvalue)
    assert p.effect_size == pytest.approx(ref_p.statistic) and p.p == pytest.approx(ref_p.pvalue)
    assert s.primary and not p.primary and s.alternative == "less"
    h4 = pick(table, hypothesis="H4", test="spearman")  # two-sided
    ref = stats.spearmanr(data["sa"], data["sb"])
    assert h4.p == pytest.approx(ref.pvalue) and h4.alternative == "two-sided"
    # Spearman's statistic is the t of its test, t = ρ √((n − 2) / (1 − ρ²)) with n − 2 df;
    # the sentence writes it as t(df) and the correlation as ρ
    n = int(s.n)
    rho = ref_s.statistic
    assert s.df == n - 2 and s.statistic == pytest.approx(rho * np.sqrt((n - 2) / (1 - rho**2)))
    line = sentence(s, language="en")
    expected_rho = f"ρ = {'−' if rho < 0 else ''}.{round(abs(rho) * 100):02d}"  # APA: .xx
    assert f"t({n - 2}) = " in line and expected_rho in line, line


def test_binary_by_binary_one_sided_chi2(result):
    data, _cb, table = result
    r = pick(table, hypothesis="H3")
    t = pd.crosstab(data["frei"], data["job"]).loc[["ja", "nein"], ["ja", "nein"]].to_numpy()
    chi2, p, _, expected = stats.chi2_contingency(t, correction=False)
    assert expected.min() >= 5 and r.test == "chi2"
    rd = t[0, 0] / t[0].sum() - t[1, 0] / t[1].sum()
    assert r.effect_size == pytest.approx(rd) and rd > 0
    assert r.p == pytest.approx(p / 2)  # one-sided: half, the difference points the right way


def test_confirmatory_family_apart_and_verdicts(result):
    _data, _cb, table = result
    primary = table[table["primary"]]
    conf = primary[primary["family"] == "confirmatory"]
    assert sorted(conf["y"]) == ["sa", "sb"]
    holm = np.minimum(1, np.maximum.accumulate(np.sort(conf["p"]) * np.array([2, 1])))
    np.testing.assert_allclose(np.sort(conf["p_adj"]), holm)  # Holm over two tests by hand
    expl = primary[primary["family"] == "exploratory"]
    assert len(expl) == 3 and (expl["p_adj"] >= expl["p"]).all()
    sa = pick(table, hypothesis="H1", y="sa", test="mann_whitney")
    assert bool(sa.supported) is True and sa.caveat == "Vorsicht."
    assert pd.isna(pick(table, hypothesis="H1", y="sa", test="point_biserial").supported)
    assert verdict(True) == "bestätigt" and verdict(False, "en") == "not supported"


def test_demo_h1_confirmed_for_conversation_and_everyday_not_expert(tmp_path):
    wd = load_wave("anna-e2", ROOT / "waves.yml", tmp_path)
    table = hypotheses(wd.data, wd.codebook)
    primary = table[table["primary"]].set_index("y")
    assert primary["supported"].to_dict() == {"umfeld_gespraech": True,
                                              "umfeld_fachlich": False,
                                              "umfeld_alltag": True}
    assert (primary["family"] == "confirmatory").all()
    assert (primary["caveat"] == "Kein Kausalschluss; kleine Teilstichprobe.").all()


def test_the_verdict_is_words_added_for_the_report():
    """hypotheses() writes ``supported``; the report's verdict is added by present(), and
    withheld with ``supported`` (a hypothesis about a group below min_cell)."""
    rows = pd.DataFrame({"primary": [True, True, True, False],
                         "supported": pd.array([True, False, pd.NA, pd.NA], dtype="boolean"),
                         "suppressed": ["", "", "n;supported", ""]})
    shown = present(rows, "hypotheses", "de")
    assert shown["verdict"].tolist()[:2] == ["bestätigt", "nicht bestätigt"]
    assert pd.isna(shown["verdict"][2]) and shown["verdict"][3] == ""
    assert shown["suppressed"][2] == "n;supported;verdict"
    assert present(rows, "hypotheses", "en")["verdict"][0] == "supported"
