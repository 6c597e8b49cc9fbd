"""Record tables in the codebook (docs/codebook.md, "Record tables"): loading, bad input as
one line naming file, column and row, the cleaning log, the wave store's round trip, the
disclosure rule of the monitoring tables, and notebook 07 on a second, differently named,
English monitoring study (tests/data/records_study).

Expected numbers are counted from the raw csv files with plain pandas, beside each test."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import write

from survey.cleanrecords import clean_records
from survey.codebook import load_codebook
from survey.errors import ProblemList, SurveyError
from survey.monitortables import RecordsPlan
from survey.policy import Policy
from survey.registry import load_programme, load_registry
from survey.store import clean_wave, is_stale, load_wave, validation

STUDY = Path(__file__).parent / "data" / "records_study"
SURVEY = str(Path(sys.executable).with_name("survey"))


@pytest.fixture
def study(tmp_path: Path) -> Path:
    """A copy of the second study and a registry without ``raw`` for it."""
    shutil.copytree(STUDY, tmp_path / "data" / "raw" / "youth")
    write(tmp_path / "waves.yml", """
        waves:
          youth:
            title: "Youth mentoring – records"
            codebook: data/raw/youth/codebook.yml
            notebooks: [07-monitoring]
            parameters: {min_cell: 3}
        programme:
          title: "Mentoring programme"
          waves: [youth]
          notebooks: [08-programme]
          parameters: {min_cell: 3}
        """)
    return tmp_path


def _problems(codebook: Path) -> list[str]:
    with pytest.raises(ProblemList) as err:
        clean_records(load_codebook(codebook).records)
    return err.value.lines()


def _edit(study: Path, name: str, old: str, new: str) -> Path:
    path = study / "data" / "raw" / "youth" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return study / "data" / "raw" / "youth" / "codebook.yml"


# -- loading ------------------------------------------------------------------------------


def test_the_codebook_declares_tables_roles_and_indicators():
    records = load_codebook(STUDY / "codebook.yml").records
    assert list(records.tables) == ["people", "jobs", "services", "scores"]
    assert [records.role(r).name for r in ("participants", "placements", "takeup", "card")] \
        == ["people", "jobs", "services", "scores"]
    services = records.role("takeup")
    assert services.stages == ["eligible", "aware", "applied", "received"]
    assert services.raw == (STUDY / "services.csv").resolve()  # relative to the codebook
    assert (records.role("card").self_code, records.role("card").coach_code) == (7, 8)
    work = records.indicators["in_work"]
    assert (work.target, work.numerator_kinds, work.by) == (0.40, (1, 2), "region")  # "40 %"
    assert records.indicators["left"].numerator_column == "left_support"


@pytest.mark.parametrize("old, new, expected", [
    ("role: takeup", "role: uptake", "key 'records.services.role': unknown role 'uptake'"),
    ("stages: [eligible,", "stages: [region_x,",
     "key 'records.services.stages': 'region_x' is not a column of this table"),
    ("numerator: {placement: [1, 2]}", "numerator: {placement: [1, 9]}",
     "key 'indicators.in_work.numerator.placement': code 9 is not a level"),
    ("target: 40 %", "target: 40", "key 'indicators.in_work.target': 40 is not a share"),
    ("    self: 7\n", "    self: 5\n", "key 'records.scores.self': code 5 is not a level"),
    ("by: region", "by: age", "key 'indicators.in_work.by': 'age' is not one of the"),
    ("reason: why", "reason: pid", "key 'records.services.reason': 'pid' is text; needs coded"),
])
def test_a_bad_codebook_is_one_line_per_problem(study, old, new, expected):
    codebook = _edit(study, "codebook.yml", old, new)
    with pytest.raises(ProblemList) as err:
        load_codebook(codebook)
    lines = err.value.lines()
    assert any(expected in line for line in lines), lines
    assert all("\n" not in line and str(codebook) in line for line in lines)


# -- bad data -------------------------------------------------------------------------------


@pytest.mark.parametrize("name, old, new, expected", [
    ("people.csv", "M03,1,", "M03,4,", "people.csv, column 'region', row 4: '4' is not a code"),
    ("people.csv", "M02,1,2025-02-02,no", "M02,1,2025-02-02,maybe",
     "people.csv, column 'left_support', row 3: 'maybe' is not yes or no"),
    ("people.csv", "M02,", "M01,", "column 'pid', row 3: the same participant"),
    ("jobs.csv", "M01,1", "M99,1", "jobs.csv, column 'pid', row 2: 'M99' is not a participant"),
    ("services.csv", "S00,M01,2,yes,no,,,", "S00,M01,2,yes,no,yes,,",
     "column 'applied', row 3: is 'yes' after a 'no'"),
    ("services.csv", "S00,M01,1,yes,yes,yes,no,", "S00,M01,1,yes,yes,,,",
     "column 'applied', row 2: is blank although every earlier stage is 'yes'"),
    ("services.csv", "S01,M02,1,yes,yes,yes,yes,", "S01,M02,1,yes,yes,yes,yes,2",
     "column 'why', row 4: gives a reason for stopping, but every stage is 'yes'"),
    ("services.csv", "no,1;2\nS00", "no,1;5\nS00", "'5' in '1;5' is not one of the column's codes"),
    ("ratings.csv", "M01,1,8,1,", "M01,1,7,1,", "column 'pid', row 3: the same rating"),
    ("people.csv", "pid,region,", "pid,area,", "people.csv, column 'area': is not a column"),
])
def test_bad_records_are_one_line_naming_file_column_row(study, name, old, new, expected):
    codebook = _edit(study, name, old, new)
    lines = _problems(codebook)
    assert any(expected in line for line in lines), lines
    assert all("\n" not in line for line in lines)


def test_validate_and_clean_on_the_command_line_say_one_line(study):
    _edit(study, "jobs.csv", "M01,1", "M99,1")
    for verb in ("validate", "clean"):
        proc = subprocess.run([SURVEY, verb, "youth", "--waves", str(study / "waves.yml")],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 1
        assert "Traceback" not in proc.stderr
        assert "jobs.csv, column 'pid', row 2: 'M99' is not a participant" in proc.stderr


def test_a_questionnaire_wave_still_needs_its_raw_file(tmp_path):
    write(tmp_path / "codebook.yml", "id: code\nvariables: {q: {type: numeric}}\n")
    registry = write(tmp_path / "waves.yml", "waves:\n  w: {codebook: codebook.yml}\n")
    errors = validation(load_registry(registry)["w"]).errors
    assert [str(e) for e in errors] == [
        f"{registry}, key 'waves.w.raw': is required: the codebook declares a questionnaire"]


# -- cleaning and the store -------------------------------------------------------------------


def test_clean_values_and_the_cleaning_log():
    tables, log = clean_records(load_codebook(STUDY / "codebook.yml").records)
    raw = pd.read_csv(STUDY / "services.csv", dtype=str, keep_default_na=False)
    services = tables["services"]
    # stages: "yes" → True, "no" and a blank after a "no" → False (pandas on the raw file)
    for stage in ("eligible", "aware", "applied", "received"):
        assert services[stage].tolist() == (raw[stage] == "yes").tolist()
    header = log[log["rule"] == "raw_file"]
    assert header["n_affected"].tolist() == [24, 20, 40, 144]  # rows of the four files
    blanks = log[(log["rule"] == "stage_after_no")].set_index("variable")["n_affected"]
    assert blanks.to_dict() == {f"services.{s}": int((raw[s] == "").sum())
                                for s in ("aware", "applied", "received")}
    out = log[log["rule"] == "out_of_range"].iloc[0]
    assert (out["variable"], out["n_affected"], out["rows"]) == ("people.age", 1, "7")
    assert np.isnan(tables["people"]["age"].iloc[5])  # 44 is outside [14, 30]: blanked
    # a coded cell "1;2" is two 0/1 columns; a blank cell is NA in each
    why = raw["why"]
    assert services["why_1"].tolist() == [pd.NA if w == "" else int("1" in w.split(";"))
                                          for w in why]
    assert tables["scores"]["score"].dtype == pd.CategoricalDtype(
        ["poor", "fair", "good", "very good"], ordered=True)


def test_the_store_round_trip_and_staleness(study):
    waves = load_registry(study / "waves.yml")
    wave = waves["youth"]
    assert wave.raw == wave.codebook  # no raw file: the codebook stands in for it
    out = clean_wave(wave, study / "processed")
    assert sorted(p.name for p in out.glob("records_*.parquet")) == [
        "records_jobs.parquet", "records_people.parquet", "records_scores.parquet",
        "records_services.parquet"]
    wd = load_wave("youth", study / "waves.yml", study / "processed")
    fresh, _ = clean_records(wd.codebook.records)
    for name, frame in fresh.items():
        pd.testing.assert_frame_equal(wd.records[name], frame, check_dtype=False)
    assert len(wd.data) == 24 and wd.data.index.name == "pid"  # N = its participants
    assert wd.log["rule"].iloc[0] == "raw_file"
    assert not is_stale(out, wave)
    _edit(study, "jobs.csv", "M01,1", "M01,2")
    assert is_stale(out, wave)  # a record table changed


# -- disclosure --------------------------------------------------------------------------------


def test_records_plan_withholds_small_counts_and_what_reveals_them():
    plan = RecordsPlan(Policy(5))
    table = pd.DataFrame({
        "indicator": ["a", "a", "a"], "label": "A", "group": [None, "x", "y"],
        "k": [9, 3, 6], "n": [30, 10, 20], "pct": [30.0, 30.0, 30.0], "ci_low": 1.0,
        "ci_high": 2.0, "target_pct": 34.0, "diff_pp": -4.0, "p_value": 0.5,
        "verdict": "unsure", "fisher_p": [np.nan, 1.0, 1.0]})
    shown = plan.table(table, "indicators")
    # group x: k = 3 < 5 is withheld with its share; group y too (9 − 6 would give it)
    assert shown["k"].isna().tolist() == [False, True, True]
    assert shown["pct"].isna().tolist() == [False, True, True]
    assert shown["suppressed_small"].tolist() == ["", "k", ""]
    # n − k small: 28 of 30 withholds the 28 (2 without a hit)
    near = plan.table(table.iloc[[0]].assign(k=28), "indicators")
    assert near["k"].isna().tolist() == [True]
    assert near["suppressed_small"].tolist() == [""]  # withheld, but not itself small
    placements = pd.DataFrame({"group": None, "kind": ["a", "b", "c", None],
                               "n_placements": [10, 1, 6, 17], "n_persons": [10, 1, 6, 15],
                               "pct_persons": [40.0, 4.0, 24.0, 60.0]})
    shown = plan.table(placements, "placements")
    # 1 withheld; 17 − 10 − 6 would give it: the next smallest (6) goes too, with its persons
    assert shown["n_placements"].isna().tolist() == [False, True, True, False]
    assert shown["n_persons"].isna().tolist() == [False, True, True, False]
    assert shown["pct_persons"].isna().tolist() == [False, True, True, False]
    assert RecordsPlan(Policy(5, internal=True)).table(placements, "placements").equals(
        placements)


# -- the programme block ------------------------------------------------------------------------


def test_the_programme_block_is_read_and_checked(tmp_path):
    registry = write(tmp_path / "waves.yml", """
        waves:
          a: {codebook: a.yml}
          b: {codebook: b.yml}
        programme:
          title: "Programme"
          waves: [a, b]
          notebooks: [08-programme]
        """)
    block = load_programme(registry)
    assert (block.name, block.waves, block.notebooks) == ("programme", ["a", "b"],
                                                          ["08-programme"])
    assert block.pseudo_wave(load_registry(registry)).name == "programme"
    write(registry, "waves:\n  a: {codebook: a.yml}\nprogramme: {waves: [a, c], map: {}}\n")
    with pytest.raises(SurveyError) as err:
        load_programme(registry)
    assert "key 'programme.map': unknown key" in " ".join(err.value.lines())
    assert "key 'programme.waves': no wave 'c'" in " ".join(err.value.lines())


# -- notebook 07 on the second study ---------------------------------------------------------------


def test_notebooks_07_and_08_run_unchanged_on_another_study(study):
    proc = subprocess.run([SURVEY, "batch", "--waves", str(study / "waves.yml"), "-q"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    programme = (study / "reports" / "programme" / "08-programme.html").read_text("utf-8")
    assert 'lang="en"' in programme and "In a paid job or vocational training" in programme
    assert (study / "reports" / "programme" / "tables" / "programme.csv").is_file()
    out = study / "reports" / "youth"
    page = (out / "07-monitoring.html").read_text(encoding="utf-8")
    assert 'lang="en"' in page and "Targets and how far they were met" in page
    for word in ("Tabelle", "Abbildung", "erreicht", "Leistung"):
        assert f">{word}" not in page and f" {word} " not in page
    people = pd.read_csv(STUDY / "people.csv")
    jobs = pd.read_csv(STUDY / "jobs.csv")
    hits = people["pid"].isin(jobs.loc[jobs["outcome"].isin([1, 2]), "pid"])  # paid or training
    table = pd.read_csv(out / "tables" / "indicators.csv")
    row = table[table["indicator"] == "in_work"].iloc[0]
    assert (row["k"], row["n"]) == (hits.sum(), len(people)) == (12, 24)
    left = table[table["indicator"] == "left"].iloc[0]
    assert left["k"] == (people["left_support"] == "yes").sum() == 8
    by_region = pd.read_csv(out / "tables" / "indicators_by_region.csv")
    work = by_region[by_region["indicator"] == "in_work"]
    assert work["k"].tolist() == hits.groupby(people["region"]).sum().tolist()  # 4, 4, 4
    funnel = pd.read_csv(out / "tables" / "takeup_funnel.csv")
    services = pd.read_csv(STUDY / "services.csv", dtype=str, keep_default_na=False)
    sport = services[services["service"] == "1"]
    assert funnel.loc[funnel["benefit"] == "sports club", "n"].iloc[0] == \
        (sport["eligible"] == "yes").sum()
    assert (out / "tables" / "card_agreement.csv").is_file()
    assert (out / "tables" / "card_change.csv").is_file()
