"""Descriptive tables, each number worked out by hand (in the comments) or recomputed
with numpy/pandas directly from the raw codes, and the published ANNA figures."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import ANSWER_SETS, write

from survey import describe, scales
from survey.clean import clean
from survey.codebook import load_codebook
from survey.io import read_raw
from survey.store import load_wave

ROOT = Path(__file__).resolve().parents[1]

CODEBOOK = """
id: code
missing: {-9: "keine Angabe"}
answer_sets:""" + ANSWER_SETS + """sections: {s: "Teil"}
variables:
  ae: {label: "Alleinerziehend", answers: ja_nein}
  fam: {label: "Familie", answers: nj5, section: s}
  allein: {label: "Oft allein", answers: nj5, reverse: true, section: s}
  alter: {label: "Alter", type: numeric, range: [16, 70]}
  geraete: {label: "Geräte", type: multi, options: {g_phone: "Smartphone", g_pc: "PC"}}
  apps: {label: "Apps", type: multi, options: {a_wa: "WhatsApp", a_tg: "Telegram"},
         filter: "g_phone == 1"}
  themen: {label: "Themen", type: coded, codes: {1: "Arbeit", 2: "Kinder", 3: "Wohnen"}}
scales:
  sk: {label: "Skala", items: [fam, allein], min_items: 1, section: s}
groupings:
  ae: {variable: ae, label: "AE"}
"""
# 8 respondents; fam: 9 = weiß nicht, -9 = keine Angabe, 7 = invalid (not a level), blank
RAW = """
code,ae,fam,allein,alter,g_phone,g_pc,a_wa,a_tg,themen
r1,1,5,1,30,1,0,1,1,1;2
r2,1,4,2,41,1,1,1,0,2
r3,0,4,5,,1,0,0,0,
r4,0,2,9,25,0,1,1,0,3
r5,0,9,4,80,0,0,,,1
r6,1,-9,,33,1,1,1,0,1 3
r7,0,7,2,45,,,,,2
r8,1,,1,52,1,0,0,1,-9
"""


@pytest.fixture(scope="module")
def wave(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("describe")
    cb = load_codebook(write(tmp / "codebook.yml", CODEBOOK))
    result = clean(read_raw(write(tmp / "raw.csv", RAW)), cb)
    return result.data, result.missing, cb


def rows(table, **where):
    mask = np.ones(len(table), dtype=bool)
    for key, value in where.items():
        mask &= (table[key] == value).to_numpy()
    return table[mask]


def test_frequencies_as_spss_shows_them(wave):
    data, missing, cb = wave
    f = rows(describe.frequencies(data, missing, cb), variable="fam")
    # valid: 5 x1 (r1), 4 x2 (r2, r3), 2 x1 (r4) -> 4 valid of 8 asked
    assert f["kind"].tolist() == ["valid"] * 5 + ["dont_know", "no_answer", "system", "invalid"]
    assert f["code"].tolist()[:5] == [1, 2, 3, 4, 5]
    assert f["n"].tolist() == [0, 1, 0, 2, 1, 1, 1, 1, 1]
    assert (f["base_n"] == 8).all() and f["n"].sum() == 8
    np.testing.assert_allclose(f["pct"], [0, 12.5, 0, 25, 12.5, 12.5, 12.5, 12.5, 12.5])
    np.testing.assert_allclose(f["pct_valid"].iloc[:5], [0, 25, 0, 50, 25])
    np.testing.assert_allclose(f["pct_valid_cum"].iloc[:5], [0, 25, 25, 75, 100])
    assert f["pct_valid"].iloc[5:].isna().all()
    assert f["value_label"].tolist()[5:] == ["weiß nicht", "keine Angabe", "leer", "ungültig"]
    assert f["code"].tolist()[5:7] == [9, -9]


def test_frequencies_of_a_reversed_item_show_the_delivered_codes(wave):
    data, missing, cb = wave
    f = rows(describe.frequencies(data, missing, cb), variable="allein", kind="valid")
    # delivered: 1 (r1, r8), 2 (r2, r7), 4 (r5), 5 (r3); r4 9 = weiß nicht, r6 blank
    assert dict(zip(f["code"], f["n"], strict=True)) == {1: 2, 2: 2, 3: 0, 4: 1, 5: 1}
    assert f["value_label"].tolist() == ["Nein", "eher nein", "mittel", "eher ja", "Ja"]


def test_items_on_keyed_codes_and_top_box_on_delivered_codes(wave):
    data, missing, cb = wave
    t = describe.items(data, missing, cb).set_index("variable")
    # allein keyed = 6 - delivered: r1 5, r2 4, r3 1, r5 2, r7 4, r8 5
    keyed = np.array([5, 4, 1, 2, 4, 5], dtype=float)
    assert t.loc["allein", "n_valid"] == 6 and t.loc["allein", "n_dont_know"] == 1
    assert t.loc["allein", "n_missing"] == 1  # r6 blank
    assert t.loc["allein", "mean"] == pytest.approx(keyed.mean())
    assert t.loc["allein", "sd"] == pytest.approx(keyed.std(ddof=1))
    assert t.loc["allein", "median"] == pytest.approx(np.median(keyed))
    # top box [4, 5] as delivered: r3 (5) and r5 (4) -> 2 of 6 valid
    assert t.loc["allein", "n_top_box"] == 2
    assert t.loc["allein", "top_box_pct"] == pytest.approx(100 * 2 / 6)
    # fam: valid 5, 4, 4, 2 -> top box 3 of 4; invalid 7 counts as missing, not valid
    assert t.loc["fam", "top_box_pct"] == pytest.approx(75.0)
    assert t.loc["fam", "n_missing"] == 3 and t.loc["fam", "base_n"] == 8
    # alter: 80 is out of range; r3 blank -> 30, 41, 25, 33, 45, 52
    assert t.loc["alter", "mean"] == pytest.approx(np.mean([30, 41, 25, 33, 45, 52]))
    assert t.loc["sk", "type"] == "scale" and pd.isna(t.loc["sk", "n_dont_know"])


def test_multi_response_cases_versus_responses(wave):
    data, missing, cb = wave
    m = describe.multi_response(data, missing, cb, by=[])
    # geraete: r7 left both blank -> base 7; phone r1 r2 r3 r6 r8 = 5, pc r2 r4 r6 = 3
    g = rows(m, variable="geraete")
    assert g["base_n"].tolist() == [7, 7] and g["n"].tolist() == [5, 3]
    np.testing.assert_allclose(g["pct_cases"], [100 * 5 / 7, 100 * 3 / 7])
    np.testing.assert_allclose(g["pct_responses"], [100 * 5 / 8, 100 * 3 / 8])
    # apps: asked only with a smartphone (r1 r2 r3 r6 r8); r4's answer is discarded
    a = rows(m, variable="apps")
    assert a["base_n"].tolist() == [5, 5] and a["n"].tolist() == [3, 2]  # wa r1 r2 r6
    np.testing.assert_allclose(a["pct_cases"], [60.0, 40.0])
    np.testing.assert_allclose(a["pct_responses"], [60.0, 40.0])
    assert a["label"].tolist() == ["WhatsApp", "Telegram"]


def test_multi_response_by_grouping(wave):
    data, missing, cb = wave
    m = rows(describe.multi_response(data, missing, cb, ["geraete"]), grouping="ae")
    # AE ja: r1 r2 r6 r8, all answered; phones 4, pcs r2 r6 = 2
    ja = rows(m, group="ja")
    assert ja["base_n"].tolist() == [4, 4] and ja["n"].tolist() == [4, 2]
    # AE nein: r3 r4 r5 (r7 blank); phone r3, pc r4
    nein = rows(m, group="nein")
    assert nein["base_n"].tolist() == [3, 3] and nein["n"].tolist() == [1, 1]
    assert m["group"].unique().tolist() == ["nein", "ja"]  # listing order


def test_coded_answers_with_their_base(wave):
    data, missing, cb = wave
    c = describe.coded(data, missing, cb, by=[])
    # answered: r1 (1,2), r2 (2), r4 (3), r5 (1), r6 (1,3), r7 (2); r3 blank, r8 -9
    assert c["code"].tolist() == [1, 2, 3]
    assert c["n"].tolist() == [3, 3, 2] and (c["base_n"] == 6).all()
    np.testing.assert_allclose(c["pct_cases"], [50.0, 50.0, 100 * 2 / 6])
    np.testing.assert_allclose(c["pct_responses"], [100 * 3 / 8, 100 * 3 / 8, 100 * 2 / 8])


def test_sample_by_grouping(wave):
    data, _missing, cb = wave
    s = describe.sample(data, cb)
    assert s.iloc[0][["grouping", "n", "percent"]].tolist() == ["total", 8, 100.0]
    ae = rows(s, grouping="ae")
    assert ae["group"].tolist() == ["nein", "ja"] and ae["n"].tolist() == [4, 4]
    np.testing.assert_allclose(ae["percent"], [50.0, 50.0])


def test_reliability_of_a_scale_keys_its_items(wave):
    data, _missing, cb = wave
    table = scales.reliability(data, cb).set_index("scale")
    # complete cases of (fam, allein keyed 6 - x): r1 (5, 5), r2 (4, 4), r3 (4, 1)
    x = np.array([[5, 5], [4, 4], [4, 1]], dtype=float)
    k = 2
    alpha = k / (k - 1) * (1 - x.var(axis=0, ddof=1).sum() / x.sum(axis=1).var(ddof=1))
    assert table.loc["sk", "n_complete"] == 3
    assert table.loc["sk", "alpha"] == pytest.approx(alpha)
    it = scales.item_total(data, cb)
    assert it["reversed"].tolist() == [False, True]


# -- the published figures of the reference study (ANALYSES.md) --------------------------


@pytest.fixture(scope="module")
def e2(tmp_path_factory):
    return load_wave("anna-e2", ROOT / "waves.yml", tmp_path_factory.mktemp("processed"))


@pytest.fixture(scope="module")
def e1(tmp_path_factory):
    return load_wave("anna-e1", ROOT / "waves.yml", tmp_path_factory.mktemp("processed"))


def test_e2_digital_resources(e2):
    m = describe.multi_response(e2.data, e2.missing, e2.codebook, by=[]).set_index("option")
    assert m.loc["geraet_smartphone", "n"] == 185  # "smartphone n = 185"
    # "tablet or PC n = 155": the base of the access-problems question, asked only then
    assert m.loc["prob_formulare", "base_n"] == 155
    assert 100 * (200 - 155) / 200 == pytest.approx(22.5)  # "one in five has neither"
    assert m.loc["msg_whatsapp", "base_n"] == 185 and m.loc["msg_whatsapp", "pct_cases"] > 90
    others = ["msg_telegram", "msg_signal", "msg_facebook", "msg_sonstige"]
    assert (m.loc[others, "pct_cases"] < 10).all()  # "others negligible"
    assert (m.loc[["medien_youtube", "medien_facebook"], "pct_cases"] > 50).all()
    assert m.loc["medien_instagram", "pct_cases"] > m.loc["medien_tiktok", "pct_cases"]


def test_e2_social_space(e2):
    f = describe.frequencies(e2.data, e2.missing, e2.codebook)
    kids = rows(f, variable="freizeit_kinder", value_label="ja").iloc[0]
    assert kids["n"] == 64 and 30 <= kids["pct_valid"] <= 36  # "about one third", n = 64
    own = rows(f, variable="freizeit_eltern_regelmaessig", value_label="ja").iloc[0]
    assert own["pct_valid"] < 10  # "fewer than 10 % have regular leisure of their own"
    t = describe.items(e2.data, e2.missing, e2.codebook).set_index("variable")
    barriers = t.loc[["hindernis_kosten", "hindernis_erreichbarkeit", "hindernis_zeit"]]
    assert barriers["top_box_pct"].idxmax() == "hindernis_kosten"  # "too expensive most"


def test_e1_level_one_and_coded_answers(e1):
    t = describe.items(e1.data, e1.missing, e1.codebook).set_index("variable")
    # 16, 12 and 10 of 24 = 67 %, 50 %, 42 % "have the resource" (top box of all 24)
    for name, k in [("fam_zeit", 16), ("staerken", 12), ("selbststaendig", 10)]:
        assert t.loc[name, "n_top_box"] == k
    c = describe.coded(e1.data, e1.missing, e1.codebook, by=[])
    counts = {v: rows(c, variable=v)["n"].tolist() for v in c["variable"].unique()}
    assert counts == {"themen_wichtig": [10, 8, 7, 5, 5], "themen_wunsch": [13, 5, 4, 2, 1],
                      "feedback_positiv": [13, 10, 7, 4]}


def test_sections_in_report_order(wave):
    _data, _missing, cb = wave
    # section s: fam, allein, scale sk; no section: ae, alter, the sets geraete/apps/themen
    assert describe.sections(cb) == [
        ("s", "Teil", ["fam", "allein", "sk"]),
        (None, "", ["ae", "alter", "geraete", "apps", "themen"])]
    assert describe.sections(cb, kinds=["variable"], levels=["ordinal"]) == [
        ("s", "Teil", ["fam", "allein"])]


def test_cumulative_percent_ends_at_exactly_100(e2):
    f = describe.frequencies(e2.data, e2.missing, e2.codebook)
    last = f[f["kind"] == "valid"].groupby("variable")["pct_valid_cum"].last()
    assert (last == 100.0).all()  # summing float shares gave 99.99999999999999 before


def _wilson_by_hand(k, n, z=1.959963984540054):
    # (p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n), in percent
    p = k / n
    centre, half = p + z**2 / (2 * n), z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    return 100 * (centre - half) / (1 + z**2 / n), 100 * (centre + half) / (1 + z**2 / n)


def test_wilson_intervals_beside_every_share(wave):
    data, missing, cb = wave
    f = rows(describe.frequencies(data, missing, cb), variable="fam", value_label="eher ja")
    # 2 of the 4 valid answers
    assert (f["ci_low"].iloc[0], f["ci_high"].iloc[0]) == pytest.approx(_wilson_by_hand(2, 4))
    t = describe.items(data, missing, cb).set_index("variable")
    # allein: top box 2 of 6 valid
    assert (t.loc["allein", "top_box_ci_low"], t.loc["allein", "top_box_ci_high"]) == \
        pytest.approx(_wilson_by_hand(2, 6))
    m = rows(describe.multi_response(data, missing, cb, by=[]), option="g_phone")
    assert (m["ci_low"].iloc[0], m["ci_high"].iloc[0]) == pytest.approx(_wilson_by_hand(5, 7))
