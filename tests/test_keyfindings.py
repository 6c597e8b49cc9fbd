"""Key findings ("Das Wichtigste in Kürze"): what the rules pick, in which order, and that
a withheld value is never picked or repeated."""

from __future__ import annotations

import math

import pandas as pd

from survey import keyfindings as kf
from survey.page import Page
from survey.render import page_identity


def _cmp(rows: list[dict]) -> pd.DataFrame:
    base = {"grouping": "g", "grouping_label": "Gruppe", "group_a": "A", "group_b": "B",
            "center": "mean", "center_a": 3.0, "center_b": 2.0, "test": "welch_t",
            "effect": "hedges_g", "ci_low": 0.1, "ci_high": 0.9, "p": 0.01, "section": "s"}
    return pd.DataFrame([{**base, **r} for r in rows])


def test_comparisons_count_first_then_smallest_adjusted_p_then_largest_effect():
    rows = _cmp([
        {"variable": "a", "label": "A-Frage", "p_adj": 0.04, "effect_size": 0.9},
        {"variable": "b", "label": "B-Frage", "p_adj": 0.001, "effect_size": 0.2},
        {"variable": "c", "label": "C-Frage", "p_adj": 0.001, "effect_size": -0.7},
        {"variable": "d", "label": "D-Frage", "p_adj": 0.05, "effect_size": 1.5},  # = α: no
        {"variable": "e", "label": "E-Frage", "p_adj": math.nan, "effect_size": math.nan},
        {"variable": "c", "label": "C-Frage", "p_adj": 0.0001, "test": "dunn",
         "effect_size": 2.0},  # a Dunn pair is no comparison of its own
    ])
    found = kf.comparisons(rows, alpha=0.05, ref=lambda r: f"t:{r['variable']}")
    # 4 tested (the withheld one is not counted), 3 below α
    assert found[0].text == ("3 von 4 Vergleichen unterscheiden sich nach Korrektur für "
                             "multiples Testen signifikant (α = ,05).")
    assert [f.ref for f in found[1:]] == ["t:c", "t:b", "t:a"]
    assert found[1].text == ("„C-Frage“ nach Gruppe (A: M = 3,00; B: M = 2,00): g = −0,70, "
                             "95 %-KI [0,10; 0,90]; p (korr.) = ,001.")


def test_comparisons_limit_and_no_hits():
    rows = _cmp([{"variable": str(i), "label": str(i), "p_adj": 0.001 * (i + 1),
                  "effect_size": 0.5} for i in range(7)])
    found = kf.comparisons(rows, limit=5)
    assert len(found) == 7 and found[-1].text.startswith("2 weitere signifikante")
    none = kf.comparisons(rows.assign(p_adj=0.5), language="en")
    assert [f.text for f in none] == ["None of the 7 comparisons is significant after "
                                      "correction for multiple testing (α = .05)."]


def test_comparison_shares_and_risk_difference_in_points():
    rows = _cmp([{"variable": "x", "label": "X", "p_adj": 0.003, "center": "percent",
                  "center_a": 47.3, "center_b": 26.7, "test": "chi2",
                  "effect": "risk_difference", "effect_size": 0.206, "ci_low": 0.071,
                  "ci_high": 0.329}])
    text = kf.comparisons(rows)[1].text
    assert "(A: 47,3 %; B: 26,7 %)" in text
    assert "Differenz +20,6 Prozentpunkte, 95 %-KI [+7,1; +32,9]" in text


def _multi(variable: str, label: str, shares: dict, base: int = 200, **withheld) -> list:
    rows = []
    for option, pct in shares.items():
        row = {"variable": variable, "variable_label": label, "label": option,
               "grouping": "total", "base_n": base, "pct_cases": pct, "suppressed": "",
               "suppressed_small": "", "suppressed_near_total": ""}
        kind = withheld.get(option)
        if kind:
            row.update(pct_cases=math.nan, suppressed="n;pct_cases")
            # the plan names the count in its marker column; the share follows from it
            row["suppressed_small" if kind == "small" else
                "suppressed_near_total" if kind == "near" else "x"] = "n"
        rows.append(row)
    return rows


def _rel(alphas: dict) -> pd.DataFrame:
    return pd.DataFrame({"scale": list(alphas), "label": [f"Skala {k}" for k in alphas],
                         "alpha": list(alphas.values())})


def test_descriptives_low_reliability_first_then_most_named_options():
    multi = pd.DataFrame(_multi("m1", "Geräte?", {"PC": 40.0, "Handy": 90.0, "Fax": 2.0})
                         + _multi("m2", "Dienste?", {"A": 10.0, "B": 20.0}))
    coded = pd.DataFrame(_multi("c1", "Themen?", {"Wohnen": 30.0}))
    found = kf.descriptives(multi, coded, _rel({"s1": 0.62, "s2": 0.91, "s3": 0.85}))
    assert [f.ref for f in found] == ["scales", "multi:m1", "multi:m2", "coded:c1", "scales"]
    assert found[0].text.startswith("Die Skala „Skala s1“ misst wenig zuverlässig "
                                    "(Cronbachs α = ,62, unter ,70)")
    assert found[1].text == "„Geräte?“: am häufigsten Handy (90,0 %), PC (40,0 %)."
    assert found[-1].text == ("Die übrigen 2 Skalen messen zuverlässig (Cronbachs α von ,85 "
                              "bis ,91).")


def test_descriptives_withheld_options_are_never_misranked():
    # nearly everyone: ranks first with the bound its table shows (> (200-5)/200 = 97,5 %)
    near = pd.DataFrame(_multi("m", "Dienste?", {"WhatsApp": 99.0, "Signal": 7.6},
                               WhatsApp="near"))
    found = kf.descriptives(near, near.iloc[0:0], _rel({}))
    assert found[0].text == "„Dienste?“: am häufigsten WhatsApp (> 97,5 %), Signal (7,6 %)."
    assert "99" not in found[0].text
    # a small option is below every shown one; a secondarily withheld one could be anything
    small = pd.DataFrame(_multi("m", "Q?", {"A": 2.0, "B": 30.0}, A="small"))
    assert kf.descriptives(small, small.iloc[0:0], _rel({}))[0].text == \
        "„Q?“: am häufigsten B (30,0 %)."
    # ... so the order is claimed only among the answers shown
    secret = pd.DataFrame(_multi("m", "Q?", {"A": 50.0, "B": 30.0}, A="secondary"))
    assert [f.text for f in kf.descriptives(secret, secret.iloc[0:0], _rel({}))] == [
        "„Q?“: unter den ausgewiesenen Antworten am häufigsten B (30,0 %)."]
    assert "50" not in kf.descriptives(secret, secret.iloc[0:0], _rel({}))[0].text


def test_descriptives_highest_and_lowest_top_box_per_section():
    items = pd.DataFrame({"section": ["s1", "s1", "s1", "s2", "s3", "s3"],
                          "label": ["a", "b", "c", "d", "e", "f"],
                          "top_box_pct": [91.6, 56.0, math.nan, 70.0, 10.0, 20.0]})
    found = kf.descriptives(pd.DataFrame(columns=["variable"]),
                            pd.DataFrame(columns=["variable"]), _rel({}), items=items,
                            sections={"s1": "Ebene 1", "s3": "Ebene 3"})
    # the withheld "c" is not picked; a section with one shown share has no finding
    assert [f.text for f in found] == [
        "Ebene 1: der höchste Anteil in den obersten Antwortkategorien bei „a“ (91,6 %), der "
        "niedrigste bei „b“ (56,0 %).",
        "Ebene 3: der höchste Anteil in den obersten Antwortkategorien bei „f“ (20,0 %), der "
        "niedrigste bei „e“ (10,0 %)."]
    assert [f.ref for f in found] == ["items:s1", "items:s3"]


def test_descriptives_limit():
    multi = pd.DataFrame([r for i in range(7) for r in _multi(f"m{i}", f"Q{i}", {"A": 50.0})])
    found = kf.descriptives(multi, multi.iloc[0:0], _rel({}), limit=5)
    assert len(found) == 6
    assert "2 weitere Fragen" in found[-1].text and "weiter unten" in found[-1].text


def test_hypotheses_confirmed_not_and_withheld_per_hypothesis():
    rows = pd.DataFrame({
        "hypothesis": ["H1", "H1", "H1", "H1", "H2"],
        "y_label": ["Gespräch", "Gespräch", "Fachlich", "Alltag", "Z"],
        "primary": [True, False, True, True, True],
        "supported": [True, False, False, True, math.nan]})
    found = kf.hypotheses(rows)
    assert [f.text for f in found] == [
        "H1: bestätigt für „Gespräch“ und „Alltag“; nicht bestätigt für „Fachlich“.",
        "H2: wegen kleiner Gruppen nicht ausgewiesen für „Z“."]
    assert [f.ref for f in found] == ["hyp:H1", "hyp:H2"]


def test_ratings_leave_out_what_is_withheld():
    total = {"n_forms": 84, "n_people": 24, "mean_total": 37.23, "pct_below_cutoff": 19.75}
    trend = {"slope": 0.12, "ci_low": 0.02, "ci_high": 0.2}
    found = kf.ratings(total, cutoff=36, trend=trend, high=40)
    assert [f.text for f in found] == [
        "84 Rückmeldebögen von 24 Teilnehmenden; mittlerer Gesamtwert 37,2 von höchstens 40.",
        "19,8 % der Bögen liegen unter dem Grenzwert 36.",
        "Über die Sitzungen steigt der Gesamtwert (um 0,12 je Sitzung)."]
    withheld = kf.ratings({**total, "pct_below_cutoff": math.nan}, cutoff=36, trend=None)
    assert len(withheld) == 1


def test_waves_per_section_with_direction():
    rows = pd.DataFrame({
        "section_label": ["Ebene 2"] * 3 + ["Ebene 1"],
        "wave_b": "w2", "label": ["a", "b", "c", "d"],
        "p_adj": [0.001, 0.01, 0.3, 0.5], "diff": [25.0, -8.0, 3.0, 1.0]})
    rows = pd.concat([rows.iloc[[3]], rows.iloc[:3]], ignore_index=True)  # Ebene 1 first
    found = kf.waves(rows, {"w1": "ANNA – Welle 1", "w2": "ANNA – Welle 2"})
    # the section with differences leads; the study's name is left out of the wave's title
    assert found[0].text == ("Ebene 2: in „Welle 2“ bei 1 von 3 Fragen signifikant höher, bei "
                             "1 niedriger (größte Differenz „a“: +25,0 Prozentpunkte).")
    assert found[1].text == ("Ebene 1: die eine verglichene Frage unterscheidet sich in "
                             "„Welle 2“ nicht signifikant.")
    assert [f.ref for f in found] == ["waves:Ebene 2", "waves:Ebene 1"]


def test_findings_html_links_escapes_and_summarises():
    findings = [kf.Finding("<b>3</b> von 5", "t1"), kf.Finding("ohne Tabelle", "missing")]
    markup = kf.findings_html(findings, {"t1": (4, "T_tab4")}, "de")
    assert '<h2>Das Wichtigste in Kürze</h2>' in markup
    assert '&lt;b&gt;3&lt;/b&gt; von 5 <a class="survey-ref" href="#T_tab4">(Tabelle 4)</a>' \
        in markup
    assert "<li>ohne Tabelle</li>" in markup
    assert 'data-summary="&lt;b&gt;3&lt;/b&gt; von 5"' in markup


def test_page_links_a_finding_to_the_number_of_its_table(shown, tmp_path):
    page = Page("comparisons")
    page.table(pd.DataFrame({"a": ["1"]}), "erste")
    page.show(pd.DataFrame({"variable": ["x"], "label": ["X"], "n": [10], "suppressed": [""]}),
              "frequencies",
              "zweite", ref="mine")
    page.show(pd.DataFrame({"variable": ["y"], "label": ["Y"], "n": [10], "suppressed": [""]}),
              "frequencies",
              "dritte", ref="mine")  # the first table with a key keeps it
    page.key_findings([kf.Finding("Befund", "mine")])
    assert 'href="#T_tab2">(Tabelle 2)</a>' in shown[-1]
    assert 'id="T_tab2"' in shown[1]  # the anchor is the table pandas wrote
    report = tmp_path / "r.html"
    report.write_text('<h1 class="survey-title" data-kind="comparisons">T</h1>' + shown[-1],
                      encoding="utf-8")
    assert page_identity(report)["summary"] == "Befund"


def test_monitoring_indicators_against_target_and_funnel_per_benefit():
    indicators = pd.DataFrame({
        "label": ["Eingliederung", "Leistungsbezug beendet"], "k": [33, math.nan],
        "n": [63, 63], "pct": [52.38, math.nan], "target_pct": [34.0, 20.0],
        "verdict": ["met", "unsure"]})
    funnel = pd.DataFrame({"benefit": ["Mittagessen"] * 3, "position": [1, 2, 3],
                           "stage": ["Anspruch", "beantragt", "genutzt"],
                           "n": [48, math.nan, 37], "pct_first": [100.0, math.nan, 77.08]})
    found = kf.monitoring(indicators, funnel)
    # the withheld indicator is left out; 37 of 48 = 77,1 %
    assert [f.text for f in found] == [
        "Eingliederung: 52,4 % (33 von 63), Ziel 34 % – erreicht.",
        "Mittagessen: 37 von 48 (77,1 %) kommen von „Anspruch“ bis „genutzt“."]
    assert [f.ref for f in found] == ["indicators", "takeup"]
    assert kf.monitoring(None, None) == []


def test_programme_names_projects_outside_the_998_limits():
    shown = pd.DataFrame({
        "indicator": ["i"] * 4 + ["j"] * 2, "label": ["Integration"] * 4 + ["Abgang"] * 2,
        "title": ["P1", "P2", "P3", "P4", "P1", "P2"],
        "position": ["above_998", "above_95", "below_998", math.nan, "inside", "inside"]})
    found = kf.programme(shown)
    assert [f.text for f in found] == [
        "Integration (4 Projekte): über den 99,8 %-Grenzen P1; unter den 99,8 %-Grenzen P3.",
        "Abgang (2 Projekte): kein Projekt außerhalb der 99,8 %-Grenzen."]
    assert found[0].ref == "programme:i"


def test_one_more_is_said_in_the_singular():
    rows = _cmp([{"variable": str(i), "label": str(i), "p_adj": 0.001 * (i + 1),
                  "effect_size": 0.5} for i in range(6)])
    assert kf.comparisons(rows, limit=5)[-1].text == ("Ein weiterer signifikanter Vergleich "
                                                      "steht in den Tabellen.")
    multi = pd.DataFrame([r for i in range(4) for r in _multi(f"m{i}", f"Q{i}", {"A": 50.0})])
    assert kf.descriptives(multi, multi.iloc[0:0], _rel({}))[-1].text.startswith(
        "Die Antworten auf eine weitere Frage")


def test_english_findings_write_percent_without_a_space():
    multi = pd.DataFrame(_multi("m", "Devices?", {"PC": 40.0, "Phone": 90.0}))
    assert kf.descriptives(multi, multi.iloc[0:0], _rel({}), language="en")[0].text == \
        "“Devices?”: most often Phone (90.0%), PC (40.0%)."
