"""Tests of survey.sentences: result sentences from rows of group_comparisons.csv.

Every expected sentence is written out by hand from the row above it. Number formats
(survey.tables.format_number): German "," decimal mark and "." between thousands, English
the other way round; p with three decimals and no leading zero, "< ,001" below .001;
t, F, H, z, χ² with two decimals, U with one, Welch's df with one; r, V, ε², η²p without
leading zero, g and OR with it; the risk difference × 100 with one decimal and its sign;
negative numbers with U+2212 "−"; rounding half away from zero.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from survey import messages
from survey.sentences import anova, omnibus, two_group
from survey.statstext import format_effect, format_interval

NAN = math.nan


# --------------------------------------------------------------------------- rows


def _mwu(**changes) -> dict:
    row = {
        "variable": "f1", "label": "Haben Sie regelmäßig Kontakt zu Freunden?",
        "grouping": "ae", "group_a": "Alleinerziehende", "group_b": "Nicht-Alleinerziehende",
        "n_a": 60, "n_b": 140, "center": "median", "center_a": 4.0, "center_b": 3.0,
        "test": "mann_whitney", "statistic": 3850.0, "df": NAN, "df2": NAN,
        "p": 0.0123, "p_adj": 0.0361, "effect": "rank_biserial", "effect_size": 0.2134,
        "ci_low": 0.0512, "ci_high": 0.3589, "odds_ratio": NAN, "or_ci_low": NAN,
        "or_ci_high": NAN, "small_cell": False,
    }
    row.update(changes)
    return row


def _welch(**changes) -> dict:
    row = _mwu(label="Belastung (Skala)", center="mean", center_a=3.456, center_b=3.012,
               test="welch_t", statistic=2.4567, df=87.349, p=0.0161, p_adj=0.0483,
               effect="hedges_g", effect_size=0.4512, ci_low=0.0861, ci_high=0.8149)
    row.update(changes)
    return row


def _chi2(**changes) -> dict:
    row = _mwu(label="Haben Sie die Beratung genutzt?", center="percent", center_a=54.0,
               center_b=40.0, test="chi2", statistic=5.3121, df=1.0, p=0.0212, p_adj=0.0424,
               effect="risk_difference", effect_size=0.14, ci_low=0.0213, ci_high=0.2528,
               odds_ratio=1.7607, or_ci_low=1.0876, or_ci_high=2.8503)
    row.update(changes)
    return row


# --------------------------------------------------------------------------- numbers


def test_format_effect_and_interval():
    # bounded effects without leading zero, g and OR with it, RD in points with its sign
    assert format_effect("rank_biserial", 0.2134) == ",21"
    assert format_effect("cramers_v", 0.125) == ",13"  # half away from zero
    assert format_effect("hedges_g", -0.4512) == "−0,45"
    assert format_effect("odds_ratio", 1.7607, language="en") == "1.76"
    assert format_effect("risk_difference", 0.14) == "+14,0"
    assert format_effect("risk_difference", -0.0049) == "−0,5"
    assert format_effect("risk_difference", 0.0) == "0,0"
    assert format_effect("epsilon2", NAN) == "–"
    assert format_interval("rank_biserial", -0.1234, 0.2) == "[−,12; ,20]"
    assert format_interval("rank_biserial", -0.1234, 0.2, language="en") == "[−.12, .20]"
    assert format_interval("hedges_g", NAN, 0.2) == ""


# --------------------------------------------------------------------------- two groups


def test_mann_whitney_significant():
    # p_adj .0361 < .05; r = +.21: group_a higher; U 3850 -> "3.850,0"
    assert two_group(_mwu()) == (
        "„Haben Sie regelmäßig Kontakt zu Freunden?“: Alleinerziehende (Md = 4,0) höher als "
        "Nicht-Alleinerziehende (Md = 3,0), U = 3.850,0, p = ,012 (korrigiert: ,036), "
        "r = ,21, 95 %-KI [,05; ,36].")
    assert two_group(_mwu(), language="en") == (
        "“Haben Sie regelmäßig Kontakt zu Freunden?”: Alleinerziehende (Mdn = 4.0) higher "
        "than Nicht-Alleinerziehende (Mdn = 3.0), U = 3,850.0, p = .012 (adjusted: .036), "
        "r = .21, 95% CI [.05, .36].")


def test_mann_whitney_significant_negative_effect_says_lower():
    # r = −.21: group_a named first, "niedriger als", the sign kept
    row = _mwu(center_a=3.0, center_b=4.0, statistic=2450.0, effect_size=-0.2134,
               ci_low=-0.3589, ci_high=-0.0512)
    assert two_group(row) == (
        "„Haben Sie regelmäßig Kontakt zu Freunden?“: Alleinerziehende (Md = 3,0) niedriger "
        "als Nicht-Alleinerziehende (Md = 4,0), U = 2.450,0, p = ,012 (korrigiert: ,036), "
        "r = −,21, 95 %-KI [−,36; −,05].")
    assert two_group(row, language="en").startswith(
        "“Haben Sie regelmäßig Kontakt zu Freunden?”: Alleinerziehende (Mdn = 3.0) lower "
        "than Nicht-Alleinerziehende (Mdn = 4.0), ")


def test_mann_whitney_not_significant():
    # p_adj .9 >= .05: statistics in parentheses, the adjusted p in brackets (APA nesting)
    row = _mwu(center_a=3.0, statistic=4431.5, p=0.4512, p_adj=0.9024, effect_size=0.0551,
               ci_low=-0.1234, ci_high=0.2049)
    assert two_group(row) == (
        "„Haben Sie regelmäßig Kontakt zu Freunden?“: Alleinerziehende (Md = 3,0) und "
        "Nicht-Alleinerziehende (Md = 3,0) unterscheiden sich nicht signifikant "
        "(U = 4.431,5, p = ,451 [korrigiert: ,902], r = ,06, 95 %-KI [−,12; ,20]).")
    assert two_group(row, language="en") == (
        "“Haben Sie regelmäßig Kontakt zu Freunden?”: Alleinerziehende (Mdn = 3.0) and "
        "Nicht-Alleinerziehende (Mdn = 3.0) did not differ significantly "
        "(U = 4,431.5, p = .451 [adjusted: .902], r = .06, 95% CI [−.12, .20]).")


def test_significance_on_the_adjusted_p():
    # p .012 < .05 but p_adj .0612 is not: not significant
    assert "unterscheiden sich nicht signifikant" in two_group(_mwu(p_adj=0.0612))
    # p_adj missing: p decides
    assert " höher als " in two_group(_mwu(p_adj=NAN))
    # alpha .01: .036 is not below it
    assert "nicht signifikant" in two_group(_mwu(), alpha=0.01)


def test_adjusted_p_left_out_when_equal_and_below_001():
    # a family of one test: p_adj = p -> no "korrigiert"
    assert ", p = ,012, r = ,21," in two_group(_mwu(p_adj=0.0123))
    # p .0004 -> "< ,001"; p_adj .0024 -> ",002"
    assert ", p < ,001 (korrigiert: ,002), " in two_group(_mwu(p=0.0004, p_adj=0.0024))
    # both below .001 read the same: shown once
    assert ", p < ,001, r = ,21," in two_group(_mwu(p=0.00001, p_adj=0.00009))


def test_welch_t_significant_and_not():
    # t 2.4567 -> "2,46"; df 87.349 -> "87,3"; means 2 decimals; g with leading zero
    assert two_group(_welch()) == (
        "„Belastung (Skala)“: Alleinerziehende (M = 3,46) höher als Nicht-Alleinerziehende "
        "(M = 3,01), t(87,3) = 2,46, p = ,016 (korrigiert: ,048), g = 0,45, "
        "95 %-KI [0,09; 0,81].")
    row = _welch(center_a=2.9, statistic=-1.2345, df=101.25, p=0.2201, p_adj=0.4402,
                 effect_size=-0.2467, ci_low=-0.6433, ci_high=0.1512)
    assert two_group(row) == (
        "„Belastung (Skala)“: Alleinerziehende (M = 2,90) und Nicht-Alleinerziehende "
        "(M = 3,01) unterscheiden sich nicht signifikant (t(101,3) = −1,23, "
        "p = ,220 [korrigiert: ,440], g = −0,25, 95 %-KI [−0,64; 0,15]).")
    assert two_group(row, language="en") == (
        "“Belastung (Skala)”: Alleinerziehende (M = 2.90) and Nicht-Alleinerziehende "
        "(M = 3.01) did not differ significantly (t(101.3) = −1.23, "
        "p = .220 [adjusted: .440], g = −0.25, 95% CI [−0.64, 0.15]).")


def test_chi2_two_by_two_with_risk_difference_and_odds_ratio():
    # χ² 5.3121 -> "5,31", df 1; 54 % vs 40 %; RD .14 -> "+14,0" points [+2,1; +25,3];
    # OR 1.7607 [1.0876; 2.8503] -> "1,76 [1,09; 2,85]"
    assert two_group(_chi2()) == (
        "„Haben Sie die Beratung genutzt?“: Alleinerziehende (54 %) höher als "
        "Nicht-Alleinerziehende (40 %), χ²(1) = 5,31, p = ,021 (korrigiert: ,042), "
        "Differenz +14,0 Prozentpunkte, 95 %-KI [+2,1; +25,3], OR = 1,76, "
        "95 %-KI [1,09; 2,85].")
    assert two_group(_chi2(), language="en") == (
        "“Haben Sie die Beratung genutzt?”: Alleinerziehende (54%) higher than "
        "Nicht-Alleinerziehende (40%), χ²(1) = 5.31, p = .021 (adjusted: .042), "
        "difference +14.0 percentage points, 95% CI [+2.1, +25.3], OR = 1.76, "
        "95% CI [1.09, 2.85].")


def test_fisher_not_significant():
    # no statistic: the test's name stands in its place; 12.5 % -> "13 %" (half away)
    row = _chi2(test="fisher", statistic=NAN, df=NAN, center_a=12.5, center_b=25.0,
                p=0.3123, p_adj=0.6246, effect_size=-0.125, ci_low=-0.3349, ci_high=0.1121,
                odds_ratio=0.4286, or_ci_low=0.0812, or_ci_high=2.2613)
    assert two_group(row) == (
        "„Haben Sie die Beratung genutzt?“: Alleinerziehende (13 %) und "
        "Nicht-Alleinerziehende (25 %) unterscheiden sich nicht signifikant (exakter Test "
        "nach Fisher, p = ,312 [korrigiert: ,625], Differenz −12,5 Prozentpunkte, "
        "95 %-KI [−33,5; +11,2], OR = 0,43, 95 %-KI [0,08; 2,26]).")
    assert two_group(row, language="en") == (
        "“Haben Sie die Beratung genutzt?”: Alleinerziehende (13%) and "
        "Nicht-Alleinerziehende (25%) did not differ significantly (Fisher's exact test, "
        "p = .312 [adjusted: .625], difference −12.5 percentage points, "
        "95% CI [−33.5, +11.2], OR = 0.43, 95% CI [0.08, 2.26]).")


def test_fisher_significant():
    row = _chi2(test="fisher", statistic=NAN, df=NAN, p=0.0042, p_adj=0.0168)
    assert two_group(row) == (
        "„Haben Sie die Beratung genutzt?“: Alleinerziehende (54 %) höher als "
        "Nicht-Alleinerziehende (40 %), exakter Test nach Fisher, p = ,004 "
        "(korrigiert: ,017), Differenz +14,0 Prozentpunkte, 95 %-KI [+2,1; +25,3], "
        "OR = 1,76, 95 %-KI [1,09; 2,85].")


def test_chi2_nominal_has_no_direction():
    # r x c table: Cramér's V, no centres: "unterscheiden sich signifikant"
    row = _mwu(label="Familienstand", center=NAN, center_a=NAN, center_b=NAN, test="chi2",
               statistic=9.8765, df=3.0, p=0.0197, p_adj=0.0394, effect="cramers_v",
               effect_size=0.2222, ci_low=0.0555, ci_high=0.3456)
    assert two_group(row) == (
        "„Familienstand“: Alleinerziehende und Nicht-Alleinerziehende unterscheiden sich "
        "signifikant, χ²(3) = 9,88, p = ,020 (korrigiert: ,039), V = ,22, "
        "95 %-KI [,06; ,35].")
    assert two_group(row, language="en") == (
        "“Familienstand”: Alleinerziehende and Nicht-Alleinerziehende differed "
        "significantly, χ²(3) = 9.88, p = .020 (adjusted: .039), V = .22, "
        "95% CI [.06, .35].")


def test_withheld_and_not_computable_rows():
    # shared report: small_cell and the statistics emptied
    withheld = _mwu(statistic=NAN, p=NAN, p_adj=NAN, effect_size=NAN, ci_low=NAN,
                    ci_high=NAN, center_a=NAN, small_cell=True)
    assert two_group(withheld) == (
        "„Haben Sie regelmäßig Kontakt zu Freunden?“: nicht ausgewiesen (Gruppe mit weniger "
        "als 5 Fällen).")
    assert two_group(withheld, language="en", min_cell=10) == (
        "“Haben Sie regelmäßig Kontakt zu Freunden?”: not shown (a group has fewer than 10 "
        "cases).")
    # read back from CSV the flag is text
    assert "nicht ausgewiesen" in two_group({**withheld, "small_cell": "True"})
    # no p and no small group: no test was possible
    assert two_group({**withheld, "small_cell": False}) == (
        "„Haben Sie regelmäßig Kontakt zu Freunden?“: kein Test berechenbar.")
    # internal report: small_cell but the numbers are there -> the full sentence
    assert two_group(_mwu(small_cell=True)) == two_group(_mwu())


def test_two_group_accepts_series_and_itertuples():
    frame = pd.DataFrame([_mwu()])
    expected = two_group(_mwu())
    assert two_group(frame.iloc[0]) == expected
    assert two_group(next(frame.itertuples(index=False))) == expected


def test_two_group_checks_its_arguments():
    with pytest.raises(ValueError, match="not test 'kruskal'"):
        two_group(_mwu(test="kruskal"))
    with pytest.raises(ValueError, match="language"):
        two_group(_mwu(), language="fr")
    with pytest.raises(ValueError, match="alpha"):
        two_group(_mwu(), alpha=5)
    with pytest.raises(ValueError, match="min_cell"):
        two_group(_mwu(), min_cell=0)
    with pytest.raises(TypeError, match="mapping"):
        two_group(["not", "a", "row"])


# --------------------------------------------------------------------------- omnibus

GROUPS = ["unter 25", "25 bis 34", "35 bis 44", "45 und älter"]


def _kruskal(**changes) -> dict:
    row = {"variable": "k", "label": "Wie belastet fühlen Sie sich?", "grouping": "alter",
           "group_a": "", "group_b": "", "test": "kruskal", "statistic": 19.2049, "df": 3.0,
           "p": 0.00025, "p_adj": 0.00075, "effect": "epsilon2", "effect_size": 0.0965,
           "ci_low": 0.0412, "ci_high": 0.1703, "small_cell": False}
    row.update(changes)
    return row


def _dunn(z: dict[tuple[str, str], float], p_adj: dict[tuple[str, str], float],
          variable: str = "k") -> list[dict]:
    """Dunn rows in codebook order (i < j), z positive when group_a has the higher ranks."""
    rows = []
    for i, a in enumerate(GROUPS):
        for b in GROUPS[i + 1:]:
            rows.append({"variable": variable, "grouping": "alter", "test": "dunn",
                         "group_a": a, "group_b": b, "statistic": z[(a, b)],
                         "p_adj": p_adj[(a, b)], "effect": "rank_biserial"})
    return rows


U25, B34, B44, A45 = GROUPS
# "45 und älter" (the last group, so always group_b) has the higher mean ranks against
# every other group: negative z in each of its pairs, each p_adj < .05
HIGHEST_Z = {(U25, B34): 0.41, (U25, B44): -0.52, (U25, A45): -3.8,
             (B34, B44): -0.93, (B34, A45): -3.1, (B44, A45): -2.54}
HIGHEST_P = {(U25, B34): 1.0, (U25, B44): 1.0, (U25, A45): 0.0008,
             (B34, A45): 0.0096, (B34, B44): 1.0, (B44, A45): 0.0444}


def test_omnibus_one_group_higher_than_every_other():
    pairs = _dunn(HIGHEST_Z, HIGHEST_P)
    # H 19.2049 -> "19,20"; p .00025 and p_adj .00075 both "< ,001"; ε² .0965 -> ",10";
    # the largest adjusted p of the group's pairs: .0444 -> "≤ ,044"
    assert omnibus(_kruskal(), pairs) == (
        "„Wie belastet fühlen Sie sich?“: 45 und älter höher als jede andere Gruppe "
        "(H(3) = 19,20, p < ,001, ε² = ,10, 95 %-KI [,04; ,17]; Dunn, Holm-korrigiert: "
        "jedes p ≤ ,044).")
    assert omnibus(_kruskal(), pairs, language="en") == (
        "“Wie belastet fühlen Sie sich?”: 45 und älter higher than every other group "
        "(H(3) = 19.20, p < .001, ε² = .10, 95% CI [.04, .17]; Dunn, Holm-adjusted: "
        "every p ≤ .044).")
    # a DataFrame of pairs does the same
    assert omnibus(pd.Series(_kruskal()), pd.DataFrame(pairs)) == omnibus(_kruskal(), pairs)


def test_omnibus_one_pair_not_significant_lists_the_pairs():
    p_adj = {**HIGHEST_P, (B44, A45): 0.0712}  # 45+ vs 35-44 no longer significant
    pairs = _dunn(HIGHEST_Z, p_adj)
    # the significant pairs in input order, the higher group first, z from its side:
    # (U25, A45) z = −3.8 -> "45 und älter höher als unter 25 (z = 3,80, p < ,001)"
    assert omnibus(_kruskal(), pairs) == (
        "„Wie belastet fühlen Sie sich?“: signifikante Unterschiede zwischen den Gruppen "
        "(H(3) = 19,20, p < ,001, ε² = ,10, 95 %-KI [,04; ,17]); paarweise nach Dunn "
        "(Holm-korrigiert): 45 und älter höher als unter 25 (z = 3,80, p < ,001), "
        "45 und älter höher als 25 bis 34 (z = 3,10, p = ,010).")
    assert omnibus(_kruskal(), pairs, language="en") == (
        "“Wie belastet fühlen Sie sich?”: the groups differed significantly "
        "(H(3) = 19.20, p < .001, ε² = .10, 95% CI [.04, .17]); pairwise (Dunn, "
        "Holm-adjusted): 45 und älter higher than unter 25 (z = 3.80, p < .001), "
        "45 und älter higher than 25 bis 34 (z = 3.10, p = .010).")


def test_omnibus_sign_of_z():
    # a positive z: group_a higher; a negative z: group_b higher
    z = {key: 0.0 for key in HIGHEST_Z} | {(U25, B34): 2.5, (B44, A45): -2.7}
    p_adj = {key: 1.0 for key in HIGHEST_P} | {(U25, B34): 0.0372, (B44, A45): 0.0207}
    sentence = omnibus(_kruskal(), _dunn(z, p_adj))
    assert sentence.endswith(
        "(Holm-korrigiert): unter 25 höher als 25 bis 34 (z = 2,50, p = ,037), "
        "45 und älter höher als 35 bis 44 (z = 2,70, p = ,021).")


def test_omnibus_one_group_lower_than_every_other():
    # "unter 25" (always group_a) has the lower mean ranks against everybody: z < 0
    z = {(U25, B34): -3.3, (U25, B44): -2.9, (U25, A45): -4.1,
         (B34, B44): 0.2, (B34, A45): -0.6, (B44, A45): -0.9}
    p_adj = {(U25, B34): 0.0048, (U25, B44): 0.0149, (U25, A45): 0.0002,
             (B34, B44): 1.0, (B34, A45): 1.0, (B44, A45): 1.0}
    assert omnibus(_kruskal(), _dunn(z, p_adj)) == (
        "„Wie belastet fühlen Sie sich?“: unter 25 niedriger als jede andere Gruppe "
        "(H(3) = 19,20, p < ,001, ε² = ,10, 95 %-KI [,04; ,17]; Dunn, Holm-korrigiert: "
        "jedes p ≤ ,015).")


def test_omnibus_not_significant_and_no_significant_pair():
    row = _kruskal(statistic=2.1049, p=0.5509, p_adj=1.0, effect_size=0.0106, ci_low=0.0,
                   ci_high=0.0498)
    # the pairs are not looked at when the omnibus test is not significant
    assert omnibus(row, _dunn(HIGHEST_Z, HIGHEST_P)) == (
        "„Wie belastet fühlen Sie sich?“: kein signifikanter Unterschied zwischen den "
        "Gruppen (H(3) = 2,10, p = ,551 [korrigiert: 1,000], ε² = ,01, 95 %-KI [,00; ,05]).")
    assert omnibus(row, [], language="en") == (
        "“Wie belastet fühlen Sie sich?”: no significant difference between the groups "
        "(H(3) = 2.10, p = .551 [adjusted: 1.000], ε² = .01, 95% CI [.00, .05]).")
    none = _dunn(HIGHEST_Z, {key: 0.08 for key in HIGHEST_P})
    assert omnibus(_kruskal(), none) == (
        "„Wie belastet fühlen Sie sich?“: signifikante Unterschiede zwischen den Gruppen "
        "(H(3) = 19,20, p < ,001, ε² = ,10, 95 %-KI [,04; ,17]), aber kein Paarvergleich "
        "nach Dunn ist nach Holm-Korrektur signifikant.")


def test_omnibus_ignores_pairs_of_other_variables_and_withheld_pairs():
    other = _dunn(HIGHEST_Z, HIGHEST_P, variable="other")
    assert omnibus(_kruskal(), other) == (
        "„Wie belastet fühlen Sie sich?“: signifikante Unterschiede zwischen den Gruppen "
        "(H(3) = 19,20, p < ,001, ε² = ,10, 95 %-KI [,04; ,17]).")
    # a withheld pair of the highest group: "higher than every other" cannot be claimed
    pairs = _dunn(HIGHEST_Z, HIGHEST_P)
    pairs[-1] |= {"statistic": NAN, "p_adj": NAN}  # 35-44 vs 45+
    assert "jede andere Gruppe" not in omnibus(_kruskal(), pairs)
    assert "45 und älter höher als unter 25 (z = 3,80" in omnibus(_kruskal(), pairs)


def test_omnibus_chi2_and_withheld():
    row = _kruskal(label="Familienstand", test="chi2", statistic=14.5678, df=6.0, p=0.0239,
                   p_adj=0.0478, effect="cramers_v", effect_size=0.1904, ci_low=0.0501,
                   ci_high=0.2603)
    assert omnibus(row) == (
        "„Familienstand“: signifikante Unterschiede zwischen den Gruppen (χ²(6) = 14,57, "
        "p = ,024 [korrigiert: ,048], V = ,19, 95 %-KI [,05; ,26]).")
    withheld = _kruskal(statistic=NAN, p=NAN, p_adj=NAN, effect_size=NAN, small_cell=True)
    assert omnibus(withheld, []) == (
        "„Wie belastet fühlen Sie sich?“: nicht ausgewiesen (Gruppe mit weniger als 5 "
        "Fällen).")
    with pytest.raises(ValueError, match="not test 'mann_whitney'"):
        omnibus(_mwu(), [])


# --------------------------------------------------------------------------- anova


def _anova_rows() -> list[dict]:
    base = {"variable": "s", "label": "Belastung (Skala)", "grouping": "ae_k3",
            "group_a": "", "group_b": "", "test": "anova2", "df": 1.0, "df2": 196.0,
            "effect": "eta2_partial", "small_cell": False}
    return [
        base | {"term": "Alleinerziehend", "statistic": 5.3149, "p": 0.0222, "p_adj": 0.0444,
                "effect_size": 0.0264, "ci_low": 0.0011, "ci_high": 0.0821},
        base | {"term": "Kind unter 3", "statistic": 0.4187, "p": 0.5183, "p_adj": 0.5183,
                "effect_size": 0.0021, "ci_low": 0.0, "ci_high": 0.0298},
        base | {"term": "Alleinerziehend × Kind unter 3", "statistic": 7.1023, "p": 0.0083,
                "p_adj": 0.0249, "effect_size": 0.0350, "ci_low": 0.0036, "ci_high": 0.0940},
    ]


def test_anova_one_sentence_per_term():
    rows = _anova_rows()
    rows.insert(1, _mwu())  # other tests are skipped
    assert anova(rows) == [
        "„Belastung (Skala)“: signifikanter Haupteffekt Alleinerziehend, F(1, 196) = 5,31, "
        "p = ,022 (korrigiert: ,044), η²p = ,03, 95 %-KI [,00; ,08].",
        "„Belastung (Skala)“: kein signifikanter Haupteffekt Kind unter 3 (F(1, 196) = 0,42, "
        "p = ,518, η²p = ,00, 95 %-KI [,00; ,03]).",
        "„Belastung (Skala)“: signifikante Wechselwirkung Alleinerziehend × Kind unter 3, "
        "F(1, 196) = 7,10, p = ,008 (korrigiert: ,025), η²p = ,04, 95 %-KI [,00; ,09].",
    ]
    assert anova(pd.DataFrame(_anova_rows()), language="en") == [
        "“Belastung (Skala)”: significant main effect of Alleinerziehend, F(1, 196) = 5.31, "
        "p = .022 (adjusted: .044), ηp² = .03, 95% CI [.00, .08].",
        "“Belastung (Skala)”: no significant main effect of Kind unter 3 (F(1, 196) = 0.42, "
        "p = .518, ηp² = .00, 95% CI [.00, .03]).",
        "“Belastung (Skala)”: significant interaction of Alleinerziehend × Kind unter 3, "
        "F(1, 196) = 7.10, p = .008 (adjusted: .025), ηp² = .04, 95% CI [.00, .09].",
    ]


def test_anova_interaction_not_significant_and_withheld():
    row = _anova_rows()[2] | {"statistic": 0.0512, "p": 0.8212, "p_adj": 0.8212,
                              "effect_size": 0.0003, "ci_low": 0.0, "ci_high": 0.0151}
    assert anova([row]) == [
        "„Belastung (Skala)“: keine signifikante Wechselwirkung Alleinerziehend × Kind "
        "unter 3 (F(1, 196) = 0,05, p = ,821, η²p = ,00, 95 %-KI [,00; ,02])."]
    withheld = [r | {"statistic": NAN, "p": NAN, "p_adj": NAN, "effect_size": NAN,
                     "small_cell": True} for r in _anova_rows()]
    assert anova(withheld, min_cell=3) == [
        "„Belastung (Skala)“, Haupteffekt Alleinerziehend: nicht ausgewiesen (Gruppe mit "
        "weniger als 3 Fällen).",
        "„Belastung (Skala)“, Haupteffekt Kind unter 3: nicht ausgewiesen (Gruppe mit "
        "weniger als 3 Fällen).",
        "„Belastung (Skala)“, Wechselwirkung Alleinerziehend × Kind unter 3: nicht "
        "ausgewiesen (Gruppe mit weniger als 3 Fällen).",
    ]
    assert anova(withheld[:1], language="en") == [
        "“Belastung (Skala)”, main effect of Alleinerziehend: not shown (a group has fewer "
        "than 5 cases)."]
    assert anova([]) == []


# --------------------------------------------------------------------------- catalogue


def test_catalogue_entries_in_both_languages():
    keys = [k for k in messages.MESSAGES if k.startswith(("sentence.", "effect.", "plot."))]
    assert len(keys) > 40
    for key in keys:
        entry = messages.MESSAGES[key]
        assert entry.get("de") and entry.get("en"), key
        # the same placeholders in both languages
        assert sorted(_fields(entry["de"])) == sorted(_fields(entry["en"])), key


def _fields(template: str) -> list[str]:
    import string

    return [name for _, name, _, _ in string.Formatter().parse(template) if name]
