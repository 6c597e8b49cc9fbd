"""Wave comparison: which items two codebooks share, and each share, difference, interval and
test recomputed from published worked examples, scipy/statsmodels directly and R.

Reference values
----------------
- Wilson intervals: Newcombe RG (1998), Stat Med 17:857–872, Table I, method 3 (published
  to 4 decimals), and R 4.2 running ``Wilson_score_CI_1x2`` of the contingencytables
  package (Fagerland, Lydersen & Laake; github.com/ocbe-uio/contingencytables,
  ``R/Wilson_score_CI_1x2.R``), sourced directly, printed with ``%.10f``.
- Paired differences: Newcombe RG (1998), Stat Med 17:2635–2650, Table II, method 10 (4
  decimals; the limits as transcribed in a public test suite, see below), and R 4.2 running
  contingencytables' ``Newcombe_square_and_add_CI_paired_2x2`` (``R/…paired_2x2.R``) once;
  the package's own test (tests/testthat/test-ch8.R) gives -0.1186 to -0.0046 for
  Cavo et al. (2012), 59/6/16/80.
- Two-proportion z and McNemar: statsmodels ``proportions_ztest``, scipy
  ``chi2_contingency(correction=False)``, ``fisher_exact``, ``binomtest`` and statsmodels
  ``mcnemar(exact=True)``; R 4.2 ``prop.test(c(16, 174), c(24, 190), correct = FALSE)``
  (X² = 13.2813050169, p = 0.0002680658) and ``2 * pbinom(3, 12, 0.5)`` = 0.1459960938.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import ANSWER_SETS, write
from scipy import stats
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

from survey import effects
from survey.clean import clean
from survey.codebook import load_codebook
from survey.intervals import wilson_interval
from survey.io import read_raw
from survey.wavecompare import (
    PAIRED_METHOD,
    WAVE_COLUMNS,
    comparable,
    paired_risk_difference,
    two_proportion_z,
    wave_comparison,
)

pytestmark = pytest.mark.filterwarnings("error")  # no numpy/scipy/statsmodels warnings

# --------------------------------------------------------------------------- statistics

# Newcombe (1998), Stat Med 17:857, Table I, method 3 (Wilson score, no correction)
WILSON_PUBLISHED = [(81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605),
                    (0, 20, 0.0000, 0.1611), (1, 29, 0.0061, 0.1718)]
# R 4.2, contingencytables::Wilson_score_CI_1x2 (sourced from the repository), %.10f
WILSON_R = [(81, 263, 0.2552885199, 0.3662095770), (15, 148, 0.0623863995, 0.1604872417),
            (1, 29, 0.0061132143, 0.1717552188), (13, 24, 0.3507486536, 0.7210866627)]


@pytest.mark.parametrize(("k", "n", "low", "high"), WILSON_PUBLISHED)
def test_wilson_matches_newcombe_1998a(k, n, low, high):
    got = wilson_interval(k, n)
    assert got == pytest.approx((low, high), abs=5e-5)
    # and statsmodels directly
    assert got == pytest.approx(proportion_confint(k, n, method="wilson"), abs=1e-12)


@pytest.mark.parametrize(("k", "n", "low", "high"), WILSON_R)
def test_wilson_matches_r(k, n, low, high):
    assert wilson_interval(k, n) == pytest.approx((low, high), abs=1e-9)


def test_wilson_degenerate():
    assert all(math.isnan(x) for x in wilson_interval(0, 0))
    low, high = wilson_interval(5, 5)
    assert high == 1.0 and 0 < low < 1


# Newcombe (1998), Stat Med 17:2635, Table II: cells e, f, g, h (e = event both times,
# f = first only, g = second only), theta = (f - g)/n, method 10 limits to 4 decimals.
# Transcribed from the published table in a public test suite (vitest file with
# "reproduces Newcombe (1998) Table III method 10 limits"); every row is also reproduced
# by the contingencytables R function to the 4th decimal, which cross-checks the
# transcription. The 8th row's lower limit 0.8736 is 0.873672 in R (and here): the
# tolerance of 1e-4 covers the table's rounding.
NEWCOMBE_PAIRED = [
    (36, 12, 2, 0, 0.0569, 0.3404), (20, 12, 2, 16, 0.0562, 0.3292),
    (18, 12, 2, 18, 0.0562, 0.3290), (36, 14, 0, 0, 0.1528, 0.4167),
    (35, 14, 0, 1, 0.1461, 0.4175), (18, 14, 0, 18, 0.1441, 0.3963),
    (2, 97, 1, 0, 0.8721, 0.9854), (1, 97, 1, 1, 0.8736, 0.9850),
    (0, 29, 1, 0, 0.6666, 0.9882), (2, 98, 0, 0, 0.9178, 0.9945),
    (1, 98, 0, 1, 0.9171, 0.9916), (0, 30, 0, 0, 0.8395, 1.0),
    (54, 0, 0, 0, -0.0664, 0.0664), (53, 0, 0, 1, -0.0729, 0.0729),
    (30, 0, 0, 24, -0.0358, 0.0358), (29, 0, 0, 25, -0.0354, 0.0354),
    (28, 0, 0, 26, -0.0352, 0.0352), (27, 0, 0, 27, -0.0351, 0.0351),
]
# R 4.2, contingencytables::Newcombe_square_and_add_CI_paired_2x2(matrix(t, 2, byrow=TRUE))
NEWCOMBE_PAIRED_R = [
    (36, 12, 2, 0, 0.2, 0.0569295840, 0.3404276030),
    (20, 12, 2, 16, 0.2, 0.0561564248, 0.3292069954),
    (1, 97, 1, 1, 0.96, 0.8736721762, 0.9850257704),
    (30, 0, 0, 24, 0.0, -0.0358376219, 0.0358376219),
    (59, 6, 16, 80, -0.0621118012, -0.1186211956, -0.0046251139),  # Cavo et al. (2012)
    (1, 1, 7, 12, -0.2857142857, -0.5069202267, -0.0255591242),  # Bentur et al. (2009)
    (5, 3, 9, 3, -0.3, -0.5533599655, 0.0255555722),
    (10, 0, 0, 10, 0.0, -0.0897566594, 0.0897566594),
]


@pytest.mark.parametrize(("e", "f", "g", "h", "low", "high"), NEWCOMBE_PAIRED)
def test_paired_difference_matches_newcombe_1998_table(e, f, g, h, low, high):
    res = paired_risk_difference([[e, f], [g, h]])
    assert res.value == pytest.approx((f - g) / (e + f + g + h), abs=1e-12)
    assert (res.ci_low, res.ci_high) == pytest.approx((low, high), abs=1e-4)
    assert res.method == PAIRED_METHOD and res.effect == "risk_difference"


@pytest.mark.parametrize(("e", "f", "g", "h", "est", "low", "high"), NEWCOMBE_PAIRED_R)
def test_paired_difference_matches_r(e, f, g, h, est, low, high):
    res = paired_risk_difference([[e, f], [g, h]])
    assert (res.value, res.ci_low, res.ci_high) == pytest.approx((est, low, high), abs=1e-9)


def test_paired_difference_needs_the_corrected_correlation():
    # (30, 0, 0, 24): eh - fg = 720 > n/2 = 27, phi = (720 - 27)/720 (hand calculation);
    # with the plain phi = 1 the interval would shrink to about ±0.007, not the
    # published ±0.0358 (Newcombe 1998, Table II)
    res = paired_risk_difference([[30, 0], [0, 24]])
    assert res.ci_high == pytest.approx(0.0358, abs=5e-5)


def test_paired_difference_swapping_the_measurements_flips_the_sign():
    a = paired_risk_difference([[5, 3], [9, 3]])
    b = paired_risk_difference([[5, 9], [3, 3]])  # transposed table
    assert (b.value, b.ci_low, b.ci_high) == pytest.approx((-a.value, -a.ci_high, -a.ci_low))


def test_paired_difference_degenerate_and_invalid():
    res = paired_risk_difference([[0, 0], [0, 0]])
    assert math.isnan(res.value) and math.isnan(res.ci_low) and math.isnan(res.ci_high)
    # one pair, nothing discordant: defined, limits inside [-1, 1]
    res = paired_risk_difference([[1, 0], [0, 0]])
    assert res.value == 0 and -1 <= res.ci_low < 0 < res.ci_high <= 1
    with pytest.raises(ValueError, match="2x2"):
        paired_risk_difference([1, 2, 3, 4])
    with pytest.raises(ValueError, match="non-negative"):
        paired_risk_difference([[1, -1], [0, 2]])


def test_two_proportion_z_is_chi_square_without_correction():
    k_a, n_a, k_b, n_b = 16, 24, 174, 190
    z, p = two_proportion_z(k_a, n_a, k_b, n_b)
    # statsmodels: pooled z of the first minus the second share (here a - b: sign flips)
    z_sm, p_sm = proportions_ztest([k_a, k_b], [n_a, n_b])
    assert z == pytest.approx(-z_sm, rel=1e-12) and p == pytest.approx(p_sm, rel=1e-12)
    chi2, p_chi2, _df, _exp = stats.chi2_contingency(
        [[k_a, n_a - k_a], [k_b, n_b - k_b]], correction=False)
    assert z**2 == pytest.approx(chi2, rel=1e-12) and p == pytest.approx(p_chi2, rel=1e-12)
    # R: prop.test(c(16, 174), c(24, 190), correct = FALSE)
    assert z**2 == pytest.approx(13.2813050169, abs=1e-9)
    assert p == pytest.approx(0.0002680658, abs=1e-10)


def test_two_proportion_z_degenerate():
    assert all(math.isnan(x) for x in two_proportion_z(0, 10, 0, 12))  # pooled share 0
    assert all(math.isnan(x) for x in two_proportion_z(0, 0, 3, 12))


# --------------------------------------------------------------------------- codebooks

SETS = ANSWER_SETS + """  haeufig5:
    type: ordinal
    levels: {1: "nie", 2: "selten", 3: "manchmal", 4: "oft", 5: "sehr oft"}
    top_box: [4, 5]
  nj5_streng:
    type: ordinal
    levels: {1: "Nein", 2: "eher nein", 3: "mittel", 4: "eher ja", 5: "Ja"}
    top_box: [5]
  nein_ja: {type: binary, levels: {1: "ja", 0: "nein"}}
"""

CODEBOOK_A = """
instrument: w1
language: de
id: code
answer_sets:""" + SETS + """sections:
  stichprobe: "Stichprobe"
  subjekt: "Ebene 1: Subjektebene"
  digital: "Ebene 1: Digitale Kompetenz"
variables:
  ae: {label: "Haushaltsform: alleinerziehend", answers: ja_nein, section: stichprobe}
  fam: {label: "Persönliche Beziehungen: Genießen Sie die Zeit mit Ihrer Familie?",
        answers: nj5, section: subjekt}
  kontakt_freunde_e1: {label: "Kontakt zu Freunden", answers: nj5, section: subjekt}
  staerken: {label: "Stärken", answers: nj5, section: subjekt}
  hilfe: {label: "Hilfe", answers: nj5, section: subjekt}
  job: {label: "Job", answers: ja_nein, section: stichprobe}
  kinder: {label: "Kinder", answers: ja_nein, section: stichprobe}
  alter: {label: "Alter", type: numeric, section: stichprobe}
  geraete:
    label: "Geräte"
    type: multi
    section: digital
    options:
      geraet_pc: {label: "PC", source: G1}
      geraet_handy: {label: "Handy", source: G2}
  themen: {label: "Themen", type: coded, codes: {1: "Arbeit", 2: "Kinder"}, section: digital}
"""

CODEBOOK_B = """
instrument: w2
language: de
id: code
answer_sets:""" + SETS + """sections:
  subjekt: "Ebene 1: Subjektebene"
  stichprobe: "Stichprobe (Telefon)"
variables:
  ae: {label: "Alleinerziehend", answers: ja_nein, section: stichprobe}
  fam: {label: "Genießen Sie die Zeit mit Ihrer Familie?", answers: nj5, section: subjekt}
  freunde_kontakt: {label: "Haben Sie regelmäßig Kontakt zu Freunden?", answers: nj5,
                    section: subjekt}
  staerken: {label: "Stärken", answers: haeufig5, section: subjekt}
  hilfe: {label: "Hilfe", answers: nj5_streng, section: subjekt}
  job: {label: "Job", answers: nj5, section: stichprobe}
  kinder: {label: "Kinder", answers: nein_ja, section: stichprobe}
  alter: {label: "Alter", type: numeric, section: stichprobe}
  geraete:
    label: "Geräte"
    type: multi
    options:
      geraet_pc: {label: "Computer", source: G1}
      geraet_handy: {label: "Handy", source: G2}
  themen: {label: "Themen", type: coded, codes: {1: "Arbeit", 2: "Wohnung"}}
"""

MAP_A = {"kontakt_freunde_e1": "freunde_kontakt"}


def _column(counts: list[tuple[object, int]]) -> list[object]:
    """Cells from (value, how many) runs, in order."""
    return [value for value, times in counts for _ in range(times)]


def _raw_a() -> str:
    # wave 1: 24 respondents A01..A24 (hand-made counts, see the tests below)
    cols = {
        "code": [f"A{i:02d}" for i in range(1, 25)],
        "ae": _column([(1, 13), (0, 11)]),                      # 13 of 24 ja
        "fam": _column([(5, 9), (4, 7), (3, 3), (2, 2), (1, 1), (9, 2)]),  # 16 of 22
        "kontakt_freunde_e1": _column([(4, 10), (2, 14)]),      # 10 of 24
        "staerken": _column([(4, 12), (2, 12)]),
        "hilfe": _column([(5, 6), (3, 18)]),
        "job": _column([(1, 12), (0, 12)]),
        "kinder": _column([(1, 6), (0, 18)]),                   # 18 of 24 nein
        "alter": [30 + i for i in range(24)],
        "G1": _column([(1, 6), (0, 18)]),                       # PC 6 of 24
        "G2": _column([(1, 20), (0, 4)]),                       # Handy 20 of 24
        "themen": _column([("1", 8), ("2", 8), ("1;2", 8)]),    # Arbeit 16 of 24
    }
    return pd.DataFrame(cols).to_csv(index=False)


def _raw_b(codes: list[str] | None = None) -> str:
    # wave 2: 200 respondents B001..B200 unless ``codes`` are given
    cols = {
        "code": codes or [f"B{i:03d}" for i in range(1, 201)],
        "ae": _column([(1, 90), (0, 110)]),                     # 90 of 200 ja
        "fam": _column([(5, 143), (4, 31), (3, 14), (2, 2), (9, 10)]),  # 174 of 190
        "freunde_kontakt": _column([(5, 60), (4, 40), (3, 100)]),  # 100 of 200
        "staerken": _column([(4, 100), (2, 100)]),
        "hilfe": _column([(5, 100), (3, 100)]),
        "job": _column([(4, 100), (2, 100)]),
        "kinder": _column([(1, 50), (0, 150)]),                 # 150 of 200 nein
        "alter": [30 + i % 40 for i in range(200)],
        "G1": _column([(1, 150), (0, 50)]),                     # PC 150 of 200
        "G2": _column([(1, 190), (0, 10)]),                     # Handy 190 of 200
        "themen": _column([("1", 40), ("2", 160)]),             # Arbeit 40 of 200
    }
    return pd.DataFrame(cols).to_csv(index=False)


def _wave(folder: Path, codebook: str, raw: str, name: str):
    cb = load_codebook(write(folder / "codebook.yml", codebook))
    data = clean(read_raw(write(folder / "raw.csv", raw)), cb).data
    return name, data, cb


@pytest.fixture(scope="module")
def waves(tmp_path_factory):
    root = tmp_path_factory.mktemp("waves")
    a = _wave(root / "w1", CODEBOOK_A, _raw_a(), "E1")
    b = _wave(root / "w2", CODEBOOK_B, _raw_b(), "E2")
    return a, b


@pytest.fixture(scope="module")
def result(waves):
    a, b = waves
    return wave_comparison(a, b, map_a=MAP_A)


def row(table: pd.DataFrame, variable: str) -> pd.Series:
    """The row of ``variable`` with its reason in German, as a report writes it."""
    from survey.presentation import present

    table = present(table, "wave_comparison", "de")
    hit = table[table["variable"] == variable]
    assert len(hit) == 1, variable
    return hit.iloc[0]


# --------------------------------------------------------------------------- comparable


def test_comparable_items_in_wave_b_order(waves):
    (_, _, cb_a), (_, _, cb_b) = waves
    items, _problems = comparable(cb_a, cb_b, map_a=MAP_A)
    assert items == [
        ("ae", "ae", "ae"),
        ("fam", "fam", "fam"),
        ("freunde_kontakt", "kontakt_freunde_e1", "freunde_kontakt"),  # through the map
        ("kinder", "kinder", "kinder"),  # same levels, listed the other way round
        ("geraet_pc", "geraet_pc", "geraet_pc"),  # option labels may be reworded
        ("geraet_handy", "geraet_handy", "geraet_handy"),
        ("themen_1", "themen_1", "themen_1"),
    ]


def test_comparable_without_map_misses_the_renamed_item(waves):
    (_, _, cb_a), (_, _, cb_b) = waves
    items, _ = comparable(cb_a, cb_b)
    assert "freunde_kontakt" not in [common for common, _, _ in items]


def test_refused_pairs_name_both_files_the_item_and_the_difference(waves):
    (_, _, cb_a), (_, _, cb_b) = waves
    _, problems = comparable(cb_a, cb_b, map_a=MAP_A)
    assert problems == [
        "w1/codebook.yml vs w2/codebook.yml, variable 'staerken': answer sets differ "
        "(wave 1: 1 Nein … 5 Ja; wave 2: 1 nie … 5 sehr oft)",
        "w1/codebook.yml vs w2/codebook.yml, variable 'hilfe': top box differs "
        "(wave 1: 4 eher ja, 5 Ja; wave 2: 5 Ja)",
        "w1/codebook.yml vs w2/codebook.yml, variable 'job': types differ "
        "(wave 1: binary variable; wave 2: ordinal item)",
        "w1/codebook.yml vs w2/codebook.yml, variable 'themen_2': code labels differ "
        "(wave 1: 'Kinder'; wave 2: 'Wohnung')",
    ]
    # numeric variables in both waves have no share: left out without a problem
    assert not any("alter" in p for p in problems)


def test_mapped_item_is_named_in_problem_lines(tmp_path):
    a = load_codebook(write(tmp_path / "w1" / "codebook.yml", CODEBOOK_A))
    b = load_codebook(write(tmp_path / "w2" / "codebook.yml", CODEBOOK_B))
    _, problems = comparable(a, b, map_a={"staerken": "freunde_kontakt", "gibts_nicht": "x"})
    assert ("w1/codebook.yml: the comparison map of wave 1 names 'gibts_nicht', which is "
            "not a column of this codebook") in problems
    # staerken (nj5) now stands for freunde_kontakt (nj5): comparable; kontakt_freunde_e1
    # keeps its own name and has no partner
    items, _ = comparable(a, b, map_a={"staerken": "freunde_kontakt"})
    assert ("freunde_kontakt", "staerken", "freunde_kontakt") in items
    # a clash: two columns of wave 1 for one common name
    _, problems = comparable(a, b, map_a={"staerken": "fam"})
    assert any("'fam' and 'staerken' both stand for 'fam'" in p for p in problems)


def test_answer_set_difference_in_the_middle_is_shown(tmp_path):
    text_a = CODEBOOK_A
    text_b = CODEBOOK_B.replace('3: "mittel"', '3: "teils"', 1)  # nj5 of wave 2 only
    a = load_codebook(write(tmp_path / "a" / "codebook.yml", text_a))
    b = load_codebook(write(tmp_path / "b" / "codebook.yml", text_b))
    _, problems = comparable(a, b)
    assert ("a/codebook.yml vs b/codebook.yml, variable 'fam': answer sets differ (wave 1: "
            "1 Nein … 3 mittel … 5 Ja; wave 2: 1 Nein … 3 teils … 5 Ja)") in problems


# --------------------------------------------------------------------------- independent


def test_columns_and_order(result):
    table, _ = result
    assert list(table.columns) == WAVE_COLUMNS
    # wave b's section order (subjekt before stichprobe), then wave a's extra section
    # (digital: the options have no section in wave b); codebook order within a section
    assert table["variable"].tolist() == ["fam", "freunde_kontakt", "ae", "kinder",
                                          "geraet_pc", "geraet_handy", "themen_1"]
    assert table["section"].tolist() == ["subjekt"] * 2 + ["stichprobe"] * 2 + ["digital"] * 3
    assert row(table, "ae")["section_label"] == "Stichprobe (Telefon)"  # wave b's label
    assert row(table, "geraet_pc")["section_label"] == "Ebene 1: Digitale Kompetenz"
    assert row(table, "fam")["label"] == "Genießen Sie die Zeit mit Ihrer Familie?"
    assert (table["wave_a"] == "E1").all() and (table["wave_b"] == "E2").all()
    assert not table["paired"].any() and (table["n_pairs"] == 0).all()


@pytest.mark.parametrize(("variable", "k_a", "n_a", "k_b", "n_b"), [
    ("ae", 13, 24, 90, 200), ("fam", 16, 22, 174, 190),
    ("freunde_kontakt", 10, 24, 100, 200), ("kinder", 18, 24, 150, 200),
    ("geraet_pc", 6, 24, 150, 200), ("geraet_handy", 20, 24, 190, 200),
    ("themen_1", 16, 24, 40, 200)])
def test_counts_shares_and_wilson(result, variable, k_a, n_a, k_b, n_b):
    r = row(result[0], variable)
    # counts as written into the raw files above ("weiß nicht" is not a valid answer)
    assert (r["k_a"], r["n_a"], r["k_b"], r["n_b"]) == (k_a, n_a, k_b, n_b)
    assert r["pct_a"] == pytest.approx(100 * k_a / n_a)
    assert r["pct_b"] == pytest.approx(100 * k_b / n_b)
    low, high = proportion_confint(k_a, n_a, method="wilson")
    assert (r["pct_a_low"], r["pct_a_high"]) == pytest.approx((100 * low, 100 * high))
    low, high = proportion_confint(k_b, n_b, method="wilson")
    assert (r["pct_b_low"], r["pct_b_high"]) == pytest.approx((100 * low, 100 * high))
    # difference b - a with Newcombe's hybrid score interval (effects.risk_difference is
    # verified against Newcombe 1998, 17:873): rows [wave b, wave a]
    rd = effects.risk_difference([[k_b, n_b - k_b], [k_a, n_a - k_a]])
    assert r["diff"] == pytest.approx(100 * (k_b / n_b - k_a / n_a))
    assert (r["diff"], r["ci_low"], r["ci_high"]) == pytest.approx(
        (100 * rd.value, 100 * rd.ci_low, 100 * rd.ci_high))
    assert r["ci_method"] == "Newcombe hybrid score (method 10)"


def test_binary_event_is_wave_b_s_last_listed_level(result):
    # wave b lists {1: ja, 0: nein}, wave a {0: nein, 1: ja}: the same code → label, so
    # comparable; the event is wave b's last listed level, "nein", in both waves
    # (18 of 24, 150 of 200), as compare.event_level would take it
    r = row(result[0], "kinder")
    assert (r["k_a"], r["k_b"]) == (18, 150)


@pytest.mark.parametrize("variable", ["ae", "freunde_kontakt", "geraet_pc", "themen_1"])
def test_z_prop_when_every_expected_count_is_at_least_5(result, variable):
    r = row(result[0], variable)
    table = [[r["k_a"], r["n_a"] - r["k_a"]], [r["k_b"], r["n_b"] - r["k_b"]]]
    assert (stats.contingency.expected_freq(table) >= 5).all()
    chi2, p, _df, _exp = stats.chi2_contingency(table, correction=False)
    assert r["test"] == "z_prop"
    assert r["p"] == pytest.approx(p, rel=1e-10)
    assert r["p"] == pytest.approx(proportions_ztest([r["k_a"], r["k_b"]],
                                                     [r["n_a"], r["n_b"]])[1], rel=1e-10)
    assert "z-Test für zwei Anteile" in r["reason"]


@pytest.mark.parametrize("variable", ["fam", "geraet_handy"])
def test_fisher_when_an_expected_count_is_below_5(result, variable):
    r = row(result[0], variable)
    table = [[r["k_a"], r["n_a"] - r["k_a"]], [r["k_b"], r["n_b"] - r["k_b"]]]
    # fam: 22 · 22 / 212 = 2.28 expected "not top box" answers in wave 1 (hand calculation)
    assert (stats.contingency.expected_freq(table) < 5).any()
    assert r["test"] == "fisher"
    assert r["p"] == pytest.approx(stats.fisher_exact(table).pvalue, rel=1e-12)
    assert "Fisher" in r["reason"]


def test_holm_within_each_section(result):
    table, _ = result
    for _section, part in table.groupby("section"):
        expected = multipletests(part["p"].to_numpy(), method="holm")[1]
        assert part["p_adj"].to_numpy() == pytest.approx(expected)
    # three tests in "digital": the smallest p is multiplied by 3 (hand calculation)
    digital = table[table["section"] == "digital"]
    smallest = digital["p"].idxmin()
    assert digital.loc[smallest, "p_adj"] == pytest.approx(min(1, 3 * digital["p"].min()))


def test_p_adjust_none_and_unknown(waves):
    a, b = waves
    table, _ = wave_comparison(a, b, map_a=MAP_A, p_adjust="none")
    assert table["p_adj"].tolist() == pytest.approx(table["p"].tolist())
    with pytest.raises(ValueError, match="p_adjust must be one of"):
        wave_comparison(a, b, p_adjust="sidak")


def test_problems_are_returned_and_refused_items_not_compared(result):
    table, problems = result
    assert len(problems) == 4
    assert not {"staerken", "hilfe", "job", "themen_2"} & set(table["variable"])


def test_a_wave_without_valid_answers_gives_nan_not_an_error(waves):
    (name_a, data_a, cb_a), b = waves
    empty = data_a.copy()
    empty["fam"] = pd.Categorical([None] * len(empty), categories=data_a["fam"].cat.categories,
                                  ordered=True)
    table, _ = wave_comparison((name_a, empty, cb_a), b)
    r = row(table, "fam")
    assert r["n_a"] == 0 and math.isnan(r["pct_a"]) and math.isnan(r["pct_a_low"])
    assert math.isnan(r["diff"]) and math.isnan(r["p"]) and math.isnan(r["p_adj"])
    assert r["reason"] == "keine gültige Antwort in einer Erhebung → kein Vergleich"
    assert r["pct_b"] == pytest.approx(100 * 174 / 190)


def test_no_common_items_gives_an_empty_table(tmp_path):
    only = CODEBOOK_A.split("variables:")[0] + 'variables:\n  x: {label: "X", answers: nj5}\n'
    a = _wave(tmp_path / "a", only, "code,x\nr1,4\nr2,2\n", "A")
    b = _wave(tmp_path / "b", only.replace("  x: {", "  y: {"), "code,y\ns1,4\n", "B")
    table, problems = wave_comparison(a, b)
    assert table.empty and list(table.columns) == WAVE_COLUMNS and problems == []


# --------------------------------------------------------------------------- paired


@pytest.fixture(scope="module")
def paired_result(tmp_path_factory):
    root = tmp_path_factory.mktemp("paired")
    a = _wave(root / "w1", CODEBOOK_A, _raw_a(), "E1")
    # the same 24 people again (A01..A24), then 176 new ones
    codes = [f"A{i:02d}" for i in range(1, 25)] + [f"N{i:03d}" for i in range(1, 177)]
    b = _wave(root / "w2", CODEBOOK_B, _raw_b(codes), "E2")
    return a, b, wave_comparison(a, b, map_a=MAP_A)


def _pairs(a: pd.Series, b: pd.Series) -> np.ndarray:
    both = a.dropna().index.intersection(b.dropna().index)
    x, y = b[both] == 1, a[both] == 1  # rows: wave b (event, none); columns: wave a
    return np.array([[(x & y).sum(), (x & ~y).sum()], [(~x & y).sum(), (~x & ~y).sum()]])


def test_paired_when_codes_overlap(paired_result):
    (_, data_a, _), (_, data_b, _), (table, _) = paired_result
    assert table["paired"].all()
    r = row(table, "ae")
    # A01..A13 said ja in both waves (the first 90 rows of wave 2 are ja); A14..A24 nein
    # in wave 1 and ja in wave 2: e = 13, f = 11, g = 0, h = 0 (hand calculation)
    pairs = _pairs((data_a["ae"] == "ja").astype(float), (data_b["ae"] == "ja").astype(float))
    assert pairs.tolist() == [[13, 11], [0, 0]]
    assert r["n_pairs"] == 24 and r["test"] == "mcnemar"
    # McNemar exact: 2 · P(Bin(11, 1/2) ≤ 0) = 2 / 2048 (hand calculation)
    assert r["p"] == pytest.approx(2 / 2048)
    assert r["p"] == pytest.approx(mcnemar(pairs, exact=True).pvalue)
    assert r["p"] == pytest.approx(stats.binomtest(0, 11, 0.5).pvalue)
    rd = paired_risk_difference(pairs)
    assert r["diff"] == pytest.approx(100 * 11 / 24)  # (f − g)/n
    assert (r["ci_low"], r["ci_high"]) == pytest.approx((100 * rd.ci_low, 100 * rd.ci_high))
    assert r["ci_method"] == PAIRED_METHOD
    # the whole row describes the pairs: 13/24 and 24/24, so diff = pct_b − pct_a
    assert (r["n_a"], r["k_a"], r["n_b"], r["k_b"]) == (24, 13, 24, 24)
    assert r["diff"] == pytest.approx(r["pct_b"] - r["pct_a"])
    low, high = proportion_confint(13, 24, method="wilson")
    assert (r["pct_a_low"], r["pct_a_high"]) == pytest.approx((100 * low, 100 * high))
    assert r["reason"].startswith("24 Befragte in beiden Erhebungen (gepaart)")
    # 24 + 200 − 2 · 24 = 176 answers of wave-2-only respondents (hand calculation)
    assert "176 gültige Antworten von Befragten nur einer Erhebung" in r["reason"]
    assert (r["reason_key"], r["n_left_out"]) == ("wave_mcnemar+wave_pairs_partial", 176)


def test_paired_partial_overlap_is_reported(paired_result):
    _, _, (_, problems) = paired_result
    assert ("w1/codebook.yml vs w2/codebook.yml: respondents in both waves (same code): 24 "
            "of 24 in E1 and 200 in E2; they are compared as pairs and the others left out — "
            "check that codes were not reassigned between the waves") in problems


def test_paired_pairs_need_a_valid_answer_in_both_waves(paired_result):
    (_, data_a, cb_a), (_, data_b, cb_b), (table, _) = paired_result
    r = row(table, "fam")
    # A23, A24 answered "weiß nicht" in wave 1: 22 pairs (hand calculation)
    assert r["n_pairs"] == 22 and r["n_a"] == 22 and r["n_b"] == 22
    from survey.derive import top_box

    pairs = _pairs(top_box(data_a, cb_a, "fam"), top_box(data_b, cb_b, "fam"))
    assert pairs.sum() == 22
    assert r["p"] == pytest.approx(mcnemar(pairs, exact=True).pvalue)
    rd = paired_risk_difference(pairs)
    assert (r["diff"], r["ci_low"], r["ci_high"]) == pytest.approx(
        (100 * rd.value, 100 * rd.ci_low, 100 * rd.ci_high))
    # 22 + 190 − 2 · 22 = 168 left out (hand calculation)
    assert "168 gültige Antworten" in r["reason"]


def test_complete_panel_reason_has_no_left_out_note(tmp_path):
    a = _wave(tmp_path / "w1", CODEBOOK_A, _raw_a(), "E1")
    b = _wave(tmp_path / "w2", CODEBOOK_A, _raw_a(), "E1 again")  # the same 24 people
    table, problems = wave_comparison(a, b)
    assert problems == [] and table["paired"].all()
    r = row(table, "ae")
    # identical answers: no discordant pair, difference 0, McNemar p = 1
    assert (r["diff"], r["p"]) == (0.0, 1.0)
    assert r["ci_low"] < 0 < r["ci_high"]
    assert "nicht berücksichtigt" not in r["reason"]
    assert (r["reason_key"], r["n_left_out"]) == ("wave_mcnemar", 0)


def test_an_item_without_pairs_is_compared_as_independent(paired_result):
    (name_a, data_a, cb_a), b, _ = paired_result
    empty = data_a.copy()
    empty.loc[: "A12", "geraet_pc"] = np.nan  # the first twelve pairs lose wave 1 ...
    other = b[1].copy()
    other.loc["A13":"A24", "geraet_pc"] = np.nan  # ... the other twelve wave 2
    table, _ = wave_comparison((name_a, empty, cb_a), (b[0], other, b[2]))
    r = row(table, "geraet_pc")
    assert not r["paired"] and r["n_pairs"] == 0 and r["test"] in ("z_prop", "fisher")
    # wave 1: A13..A24 (none ticked: the first 6 are); wave 2: rows 1-12 and 25-200
    assert (r["k_a"], r["n_a"]) == (0, 12)
    assert r["n_b"] == 188


# --------------------------------------------------------------------------- demo data


def test_demo_waves(tmp_path):
    from survey import load_wave

    registry = Path(__file__).resolve().parents[1] / "waves.yml"
    e1 = load_wave("anna-e1", registry, tmp_path)
    e2 = load_wave("anna-e2", registry, tmp_path)
    table, problems = wave_comparison(("anna-e1", e1.data, e1.codebook),
                                      ("anna-e2", e2.data, e2.codebook))
    assert problems == []
    assert table["variable"].tolist() == ["alleinerziehend", "fam_zeit", "staerken",
                                          "selbststaendig"]
    assert not table["paired"].any()  # T1-… and T2-… codes do not overlap
    from survey.describe import items

    # the shares are those each wave's own items table reports (survey.describe.items)
    for cb, data, side in ((e1.codebook, e1.data, "a"), (e2.codebook, e2.data, "b")):
        own = items(data, e1.missing if side == "a" else e2.missing, cb,
                    ["fam_zeit", "staerken", "selbststaendig"]).set_index("variable")
        got = table.set_index("variable").loc[own.index, f"pct_{side}"]
        assert got.to_numpy() == pytest.approx(own["top_box_pct"].to_numpy(dtype=float))


def test_refused_pairs_in_the_report_language(waves):
    # a German report lists refused pairs in German (the 06 report's appendix)
    (_, _, cb_a), (_, _, cb_b) = waves
    _, problems = comparable(cb_a, cb_b, map_a=MAP_A, language="de")
    assert problems[0] == ("w1/codebook.yml und w2/codebook.yml, Variable 'staerken': "
                           "Antwortvorgaben verschieden (Erhebung 1: 1 Nein … 5 Ja; "
                           "Erhebung 2: 1 nie … 5 sehr oft)")
    assert "Fragetypen verschieden (Erhebung 1: binäre Variable; Erhebung 2: ordinale " \
        "Frage)" in problems[2]
    assert not any(word in " ".join(problems) for word in ("differ", "wave", "variable '"))
