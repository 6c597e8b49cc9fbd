"""Group comparisons: each statistic recomputed with scipy/statsmodels directly on the
same numbers, signs when the groups swap, the Fisher/chi² switch, Holm within a family."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import ANSWER_SETS, write
from scipy import stats
from statsmodels.stats.multitest import multipletests

from survey import messages
from survey.clean import clean
from survey.codebook import load_codebook
from survey.compare import compare, two_groups
from survey.io import read_raw
from survey.posthoc import anova2, dunn

CODEBOOK = """
id: code
answer_sets:""" + ANSWER_SETS + """  drei: {type: nominal, levels: {1: "A", 2: "B", 3: "C"}}
sections: {s1: "Teil 1", s2: "Teil 2"}
variables:
  ae: {label: "AE", ORDER}
  u3: {label: "U3", answers: ja_nein}
  ort: {label: "Ort", answers: drei}
  fam: {label: "Familie", answers: nj5, section: s1}
  freunde: {label: "Freunde", answers: nj5, section: s1}
  alter: {label: "Alter", type: numeric, section: s2}
  job: {label: "Job", answers: ja_nein, section: s2}
scales:
  sk: {label: "Skala", items: [fam, freunde], section: s1}
groupings:
  ae: {variable: ae, label: "AE"}
  ort: {variable: ort, label: "Ort"}
  ae_u3: {variables: [ae, u3], label: "AE × U3"}
"""
NATURAL = 'answers: ja_nein'
SWAPPED = 'type: binary, levels: {1: "ja", 0: "nein"}'


def _raw(n: int = 80, seed: int = 7) -> str:
    rng = np.random.default_rng(seed)
    ae = rng.integers(0, 2, n)
    u3 = rng.integers(0, 2, n)
    ort = rng.integers(1, 4, n)
    fam = np.clip(np.round(3 + ae + rng.normal(0, 1, n)), 1, 5).astype(int)
    freunde = np.clip(np.round(3 + 0.5 * u3 + rng.normal(0, 1.2, n)), 1, 5).astype(int)
    alter = np.round(30 + 5 * ae + rng.normal(0, 6, n), 1)
    job = (rng.random(n) < 0.3 + 0.3 * ae).astype(int)
    lines = ["code,ae,u3,ort,fam,freunde,alter,job"]
    for i in range(n):
        lines.append(f"r{i},{ae[i]},{u3[i]},{ort[i]},{fam[i]},{freunde[i]},{alter[i]},{job[i]}")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def waves(tmp_path_factory):
    out = {}
    for name, order in (("natural", NATURAL), ("swapped", SWAPPED)):
        tmp = tmp_path_factory.mktemp(name)
        cb = load_codebook(write(tmp / "codebook.yml", CODEBOOK.replace("ORDER", order)))
        data = clean(read_raw(write(tmp / "raw.csv", _raw())), cb).data
        out[name] = (data, cb, compare(data, cb))
    return out


def row(table, **where):
    mask = np.ones(len(table), dtype=bool)
    for k, v in where.items():
        mask &= (table[k] == v).to_numpy()
    assert mask.sum() == 1, where
    return table[mask].iloc[0]


def groups_of(data, column, name, a="nein", b="ja"):
    return (data.loc[data["ae"] == a, column], data.loc[data["ae"] == b, column])


def test_welch_for_numeric_and_scales(waves):
    data, cb, table = waves["natural"]
    r = row(table, variable="alter", grouping="ae")
    a, b = (x.dropna().to_numpy() for x in groups_of(data, "alter", "alter"))
    ref = stats.ttest_ind(a, b, equal_var=False)  # group_a = "nein" (listed first)
    assert (r.test, r.group_a, r.group_b) == ("welch_t", "AE: nein", "AE: ja")
    assert r.statistic == pytest.approx(ref.statistic) and r.p == pytest.approx(ref.pvalue)
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    df = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))  # Welch-Satterthwaite
    assert r.df == pytest.approx(df)
    assert (r.center_a, r.center_b) == pytest.approx((a.mean(), b.mean()))
    sp = np.sqrt(((len(a) - 1) * a.var(ddof=1) + (len(b) - 1) * b.var(ddof=1))
                 / (len(a) + len(b) - 2))
    g = (a.mean() - b.mean()) / sp * (1 - 3 / (4 * (len(a) + len(b)) - 9))  # docs/results.md
    assert (r.effect, r.effect_size) == ("hedges_g", pytest.approx(g))
    assert r.ci_low < g < r.ci_high
    assert row(table, variable="sk", grouping="ae").test == "welch_t"


def test_mann_whitney_for_ordinal_items(waves):
    data, cb, table = waves["natural"]
    r = row(table, variable="fam", grouping="ae")
    a, b = (cb.codes(data, "fam")[data["ae"] == g].dropna().to_numpy() for g in ("nein", "ja"))
    ref = stats.mannwhitneyu(a, b, use_continuity=True, alternative="two-sided",
                             method="asymptotic")
    assert r.test == "mann_whitney" and r.statistic == pytest.approx(ref.statistic)  # U of a
    assert r.p == pytest.approx(ref.pvalue)
    assert r.effect_size == pytest.approx(2 * ref.statistic / (len(a) * len(b)) - 1)
    assert (r.center_a, r.center_b) == (np.median(a), np.median(b))
    assert r.effect_size < 0  # fam was generated higher for ae = ja (group_b)


def test_every_sign_flips_when_the_groups_swap(waves):
    nat, swp = waves["natural"][2], waves["swapped"][2]
    for variable in ("fam", "alter", "job", "sk"):
        a, b = row(nat, variable=variable, grouping="ae"), row(swp, variable=variable,
                                                               grouping="ae")
        assert (a.group_a, b.group_a) == ("AE: nein", "AE: ja")
        assert b.effect_size == pytest.approx(-a.effect_size), variable
        assert (b.ci_low, b.ci_high) == pytest.approx((-a.ci_high, -a.ci_low)), variable
        assert (b.center_a, b.center_b) == pytest.approx((a.center_b, a.center_a))
        assert b.p == pytest.approx(a.p)
    ja, nein = row(nat, variable="job", grouping="ae"), row(swp, variable="job", grouping="ae")
    assert nein.odds_ratio == pytest.approx(1 / ja.odds_ratio)


def test_binary_chi2_without_continuity_correction(waves):
    data, cb, table = waves["natural"]
    r = row(table, variable="job", grouping="ae")
    t = pd.crosstab(data["ae"], data["job"]).loc[["nein", "ja"], ["ja", "nein"]].to_numpy()
    chi2, p, df, expected = stats.chi2_contingency(t, correction=False)
    assert expected.min() >= 5 and r.test == "chi2"
    assert (r.statistic, r.p, r.df) == pytest.approx((chi2, p, 1))
    # event = "ja" (the last listed level): percent of "ja" per group, RD = p_a - p_b
    p_a, p_b = t[0, 0] / t[0].sum(), t[1, 0] / t[1].sum()
    assert (r.center_a, r.center_b) == pytest.approx((100 * p_a, 100 * p_b))
    assert (r.effect, r.effect_size) == ("risk_difference", pytest.approx(p_a - p_b))
    assert r.odds_ratio == pytest.approx(t[0, 0] * t[1, 1] / (t[0, 1] * t[1, 0]))


def test_fisher_below_an_expected_count_of_5():
    # row totals 10 and 30, column totals 8 and 32: smallest expected 10 * 8 / 40 = 2 < 5
    a = np.array([1.0] * 4 + [0.0] * 6)
    b = np.array([1.0] * 4 + [0.0] * 26)
    res = two_groups(a, b, "binary")
    assert res["test"] == "fisher"
    assert res["p"] == pytest.approx(stats.fisher_exact([[4, 6], [4, 26]]).pvalue)
    # totals 20 and 20, columns 10 and 30: smallest expected exactly 5 -> chi-square
    a = np.array([1.0] * 6 + [0.0] * 14)
    b = np.array([1.0] * 4 + [0.0] * 16)
    res = two_groups(a, b, "binary")
    chi2, p, _, expected = stats.chi2_contingency([[6, 14], [4, 16]], correction=False)
    assert expected.min() == 5 and res["test"] == "chi2" and res["p"] == pytest.approx(p)
    assert two_groups(a, b, "binary", exact=True)["test"] == "fisher"  # small sample


def test_holm_within_a_family(waves):
    _data, _cb, table = waves["natural"]
    fam = table[(table["family"] == "s1 × ae")]
    assert sorted(fam["variable"]) == ["fam", "freunde", "sk"]
    np.testing.assert_allclose(fam["p_adj"], multipletests(fam["p"], method="holm")[1])
    other = table[table["family"] == "s2 × ae"]
    np.testing.assert_allclose(other["p_adj"], multipletests(other["p"], method="holm")[1])


def test_kruskal_dunn_and_chi2_for_three_groups(waves):
    data, cb, table = waves["natural"]
    r = row(table, variable="fam", grouping="ort", test="kruskal")
    samples = [cb.codes(data, "fam")[data["ort"] == g].dropna().to_numpy() for g in "ABC"]
    h, p = stats.kruskal(*samples)
    assert (r.statistic, r.p, r.df) == pytest.approx((h, p, 2))
    n = sum(len(s) for s in samples)
    assert r.effect_size == pytest.approx(h / ((n**2 - 1) / (n + 1)))  # epsilon squared
    pairs = table[(table["variable"] == "fam") & (table["grouping"] == "ort")
                  & (table["test"] == "dunn")]
    ref = dunn(samples, ["A", "B", "C"])
    np.testing.assert_allclose(pairs["statistic"], ref["z"])
    np.testing.assert_allclose(pairs["p_adj"], multipletests(ref["p"], method="holm")[1])
    job = row(table, variable="job", grouping="ort")
    t = pd.crosstab(data["ort"], data["job"]).to_numpy()
    chi2, p, df, _ = stats.chi2_contingency(t, correction=False)
    assert (job.test, job.statistic, job.df) == ("chi2", pytest.approx(chi2), 2)
    assert job.effect_size == pytest.approx(np.sqrt(chi2 / t.sum()))  # V, min(r, c) - 1 = 1


def test_two_way_anova_for_the_crossed_grouping(waves):
    data, cb, table = waves["natural"]
    rows = table[(table["variable"] == "alter") & (table["test"] == "anova2")]
    assert rows["term"].tolist() == ["AE", "U3", "AE × U3"]
    frame = pd.DataFrame({"y": data["alter"], "a": data["ae"].astype(object),
                          "b": data["u3"].astype(object)}).dropna()
    ref = anova2(frame, "y", "a", "b")
    np.testing.assert_allclose(rows["statistic"], ref["F"])
    np.testing.assert_allclose(rows["p"], ref["p"])
    assert (rows["df2"] == len(frame) - 4).all()
    # ordinal items get no ANOVA, but Kruskal-Wallis over the four cells
    assert not ((table["variable"] == "fam") & (table["test"] == "anova2")
                & (table["grouping"] == "ae_u3")).any()
    assert ((table["variable"] == "fam") & (table["test"] == "kruskal")
            & (table["grouping"] == "ae_u3")).sum() == 1


def test_small_cells_are_flagged(waves):
    data, cb, _table = waves["natural"]
    small = compare(data.iloc[:12], cb, groupings=["ort"], min_cell=5)
    assert small["small_cell"].any()
    big = compare(data, cb, groupings=["ae"], min_cell=5)
    assert not big.loc[big["test"] != "dunn", "small_cell"].any()


def test_the_published_wave_two_findings(tmp_path):
    from pathlib import Path

    from survey.store import load_wave

    wd = load_wave("anna-e2", Path(__file__).resolve().parents[1] / "waves.yml", tmp_path)
    c = compare(wd.data, wd.codebook)
    ja_ja = "Alleinerziehend: ja / Kind unter 3 Jahren im Haushalt: ja"
    # friend contact: single parents with a child under 3 above each of the three others
    assert row(c, variable="freunde_kontakt", grouping="ae_u3", test="kruskal").p_adj < 0.05
    pairs = c[(c["variable"] == "freunde_kontakt") & (c["test"] == "dunn")]
    theirs = pairs[(pairs["group_a"] == ja_ja) | (pairs["group_b"] == ja_ja)]
    assert len(theirs) == 3 and (theirs["p_adj"] < 0.05).all()
    higher = np.where(theirs["group_a"] == ja_ja, theirs["statistic"], -theirs["statistic"])
    assert (higher > 0).all()
    # no difference in competence and independence between single and other parents
    for item in ("staerken", "selbststaendig"):
        assert row(c, variable=item, grouping="ae").p_adj >= 0.05
    # group_a is "nein": a negative effect means the "ja" group is higher
    gespraech = row(c, variable="umfeld_gespraech", grouping="u3")
    assert gespraech.center_b > gespraech.center_a  # parents of under-3s more
    fachlich = row(c, variable="umfeld_fachlich", grouping="ae")
    assert fachlich.effect_size < 0 and fachlich.p_adj < 0.05  # single parents more
    alltag = row(c, variable="umfeld_alltag", grouping="ae")
    assert alltag.effect_size < 0 and alltag.p < 0.05  # "tend to have more"


def test_the_results_do_not_depend_on_the_report_language(waves):
    """compare() writes keys, not words: the same table for a German and an English
    codebook; the report's words come from survey.presentation."""
    from dataclasses import replace

    from survey.presentation import present

    data, cb, german = waves["natural"]
    english = compare(data, replace(cb, language="en"))
    pd.testing.assert_frame_equal(german, english)
    assert "reason" not in german.columns and german["reason_key"].notna().all()
    shown = present(german.head(3), "group_comparisons", "en")
    for key, words in zip(shown["reason_key"], shown["reason"], strict=True):
        assert words == messages.text(f"reason.{key}", "en")
