"""The monitoring demo (``survey.demomonitoring``): every published figure of issue 19 comes
out of the cleaned records, and the programme's projects lie where they should.

The published numbers (ANNA final report, section 1.3 and the BuT user journey) are written
out below, not taken from the module; the counts are made with plain pandas on the clean
tables, the statistics with scipy and statsmodels called here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from survey import demomonitoring, monitoring, monitorload
from survey.cleanrecords import clean_records
from survey.codebook import load_codebook

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "raw"


@pytest.fixture(scope="module")
def anna():
    codebook = load_codebook(RAW / "anna-monitoring" / "codebook.yml")
    tables, _ = clean_records(codebook.records)
    return codebook.records, tables


def test_the_committed_files_are_what_the_generator_writes(tmp_path):
    written = demomonitoring.generate(tmp_path, 2022)
    for path in written:
        committed = RAW / path.relative_to(tmp_path / "data" / "raw")
        assert committed.read_bytes() == path.read_bytes(), f"{committed} differs"


def test_placements_by_kind_as_published(anna):
    _, tables = anna
    counts = tables["vermittlungen"]["art"].value_counts()
    assert counts.to_dict() == {
        "Ausweitung bestehender Beschäftigung": 14,
        "Sozialversicherungspflichtige Beschäftigung": 13, "Ausbildung": 6,
        "Schulabschluss": 1, "Weiterbildung": 5, "Minijob": 15, "Praktikum": 12,
        "Integrations-/Sprachkurs": 8, "Patenschaft": 5}


def test_success_quota_33_of_63_against_34_percent(anna):
    records, tables = anna
    people, placed = tables["teilnehmende"], tables["vermittlungen"]
    assert len(people) == 63
    kinds = {"Ausweitung bestehender Beschäftigung", "Sozialversicherungspflichtige "
             "Beschäftigung", "Ausbildung"}
    hit = people["code"].isin(placed.loc[placed["art"].isin(kinds), "code"])
    jobs = people["code"].isin(placed.loc[placed["art"].isin(
        ["Sozialversicherungspflichtige Beschäftigung", "Ausbildung"]), "code"])
    extended = people["code"].isin(placed.loc[placed["art"] == "Ausweitung bestehender "
                                              "Beschäftigung", "code"])
    assert (hit.sum(), jobs.sum(), extended.sum()) == (33, 19, 14)
    assert round(jobs.mean() * 100) == 30 and round(extended.mean() * 100) == 22  # "about"
    # the declared indicator gives the same count, its CI and test as statsmodels/scipy
    frame = monitorload.participants(records, tables)
    row = monitoring.indicator_table(frame, monitorload.indicator_specs(
        records, ["integration"])).iloc[0]
    assert (row["k"], row["n"], row["target"]) == (33, 63, 0.34)
    low, high = proportion_confint(33, 63, alpha=0.05, method="wilson")  # 0.4027, 0.6422
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((low, high), abs=1e-12)
    p = stats.binomtest(33, 63, 0.34, alternative="greater").pvalue  # 0.00203
    assert row["p_value"] == pytest.approx(p, rel=1e-12)
    assert row["diff_pp"] == pytest.approx(100 * (33 / 63 - 0.34))  # 18.4 points
    assert row["verdict"] == "met"  # the whole interval above 34 %


def test_household_types_as_published(anna):
    _, tables = anna
    people, placed = tables["teilnehmende"], tables["vermittlungen"]
    job = placed[placed["art"] == "Sozialversicherungspflichtige Beschäftigung"]
    household = job["code"].map(people.set_index("code")["haushalt"])
    assert household.value_counts().to_dict() == {"alleinerziehend": 8,
                                                  "in Bedarfsgemeinschaft erziehend": 5}
    left = people[people["lb_beendet"].astype(bool)]["haushalt"].value_counts()
    assert left.to_dict() == {"alleinerziehend": 3, "in Bedarfsgemeinschaft erziehend": 4}


BUT = {  # benefit: (entitled, using, {reason: children}) as published
    "Mittagessen": (48, 37, {"möchte zu Hause essen": 8, "Kosten nicht vollständig gedeckt": 1,
                             "Schule übernimmt die Kosten": 1, "kann nicht sagen": 1}),
    "Lernförderung": (38, 13, {"Lehrkräfte sehen keinen Bedarf": 7,
                               "Eltern sehen keinen Bedarf": 5, "über die Schule abgedeckt": 4,
                               "Kind entscheidet sich mit Zustimmung der Eltern dagegen": 3,
                               "Antrag in Bearbeitung": 3,
                               "keine Zustimmung der Sorgeberechtigten": 3}),
    "Ausflüge und Klassenfahrten": (38, 9, {"coronabedingt abgesagt": 25,
                                            "keine Zustimmung der Sorgeberechtigten": 3,
                                            "Förderschule übernimmt die Kosten": 1}),
    "Soziale und kulturelle Teilhabe": (53, 22, {"keine Zustimmung der Sorgeberechtigten": 7,
                                                "Kind findet noch seine Interessen": 6}),
}


def test_but_for_61_children_as_published(anna):
    records, tables = anna
    but = tables["but"]
    assert but["kind"].nunique() == 61
    reasons = monitorload.reasons(records, tables)
    for benefit, (entitled, using, why) in BUT.items():
        rows = but[but["leistung"] == benefit]
        assert (rows["berechtigt"].sum(), rows["genutzt"].sum()) == (entitled, using)
        counted = reasons[reasons["benefit"] == benefit]["reason"].value_counts()
        for reason, n in why.items():
            assert counted[reason] == n, (benefit, reason)
    social = reasons[reasons["benefit"] == "Soziale und kulturelle Teilhabe"]
    top3 = social["reason"].value_counts().head(3).index
    assert "Sprachbarrieren der Eltern" in top3  # "among the top three"


def test_resource_cards_six_areas_two_raters_two_occasions(anna):
    _, tables = anna
    card = tables["karte"]
    assert set(card["bereich"]) == {"Gesundheit", "Bildung/Arbeit", "Finanzen",
                                    "Wohnen/Infrastruktur", "Soziales/Migration", "Pflege"}
    assert card.groupby(["zeitpunkt", "wer"], observed=True)["code"].nunique().to_dict() == {
        ("Beginn", "Teilnehmende*r"): 40, ("Beginn", "Coach"): 40,
        ("Verlauf", "Teilnehmende*r"): 30, ("Verlauf", "Coach"): 30}
    start = card[card["zeitpunkt"] == "Beginn"].assign(
        value=lambda f: f["wert"].cat.codes, wer=lambda f: f["wer"].astype(str),
        bereich=lambda f: f["bereich"].astype(str))
    wide = start.pivot(index=["code", "bereich"], columns="wer", values="value")
    diff = (wide["Teilnehmende*r"] - wide["Coach"]).abs()
    assert len(diff) == 240 and diff.notna().all()
    assert 0 < (diff >= 2).sum() <= 15  # of 240 pairs: a few a coach would discuss (11)
    signed = (wide["Teilnehmende*r"] - wide["Coach"]).groupby(level="bereich").mean()
    assert signed["Finanzen"] > 0.5  # participants see their finances brighter than coaches


def test_two_of_twelve_projects_outside_the_998_limits_for_integration():
    """Exact binomial tail probabilities (scipy.stats.binom) against 34 %: a project lies
    outside the 99.8 % limits when its one-sided tail is below 0.001."""
    tails = {}
    for i, (n, k) in enumerate(demomonitoring.PROJECTS, start=1):
        codebook = load_codebook(RAW / "programm" / f"projekt-{i:02d}" / "codebook.yml")
        tables, _ = clean_records(codebook.records)
        hits, base = monitorload.project_counts(codebook.records, tables,
                                                codebook.records.indicators["integration"])
        assert (hits, base) == (k, n)
        tails[i] = min(stats.binom.sf(k - 1, n, 0.34), stats.binom.cdf(k, n, 0.34))
    outside = sorted(i for i, p in tails.items() if p < 0.001)
    assert outside == [10, 11]
    assert all(p > 0.025 for i, p in tails.items() if i not in (10, 11))  # inside 95 % too
