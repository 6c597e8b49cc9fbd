"""Drafting a codebook from a data file: SPSS, CSV, Excel and LimeSurvey exports."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from survey.codebook import load_codebook
from survey.draft import draft_codebook

pyreadstat = pytest.importorskip("pyreadstat")


def test_draft_round_trips_labels_and_user_missing(tmp_path):
    sav = tmp_path / "w.sav"
    frame = pd.DataFrame({"CODE": ["A", "B"], "SD01": [1.0, 0.0], "F1": [5.0, 9.0],
                          "ALTER": [34.0, 51.0]})
    pyreadstat.write_sav(
        frame, sav,
        column_labels=["Code", "Alleinerziehend", "Genießen Sie die Zeit?", "Alter"],
        variable_value_labels={"SD01": {0: "no", 1: "ja"},
                               "F1": {1: "Nein", 3: "mittel", 5: "Ja", 9: "weiß nicht"}},
        missing_ranges={"F1": [9]},
        variable_measure={"CODE": "nominal", "SD01": "nominal", "F1": "ordinal",
                          "ALTER": "scale"},
    )
    text = draft_codebook(sav)
    path = tmp_path / "codebook.yml"
    path.write_text(text, encoding="utf-8")
    cb = load_codebook(path)  # the draft is a valid codebook
    assert cb.id == "CODE"
    sd = cb.variables["sd01"]
    assert (sd.type, sd.source, sd.label) == ("binary", "SD01", "Alleinerziehend")
    assert sd.levels == {0: "no", 1: "ja"}  # 'no' survives as a label
    f1 = cb.variables["f1"]
    assert f1.type == "ordinal" and f1.levels == {1: "Nein", 3: "mittel", 5: "Ja"}
    assert f1.missing[9].label == "weiß nicht" and f1.missing[9].kind == "dont_know"
    assert cb.variables["alter"].type == "numeric"


# -- files without a respondent code, English labels, ordered scales -----------------------

FREQ = {1: "never", 2: "rarely", 3: "sometimes", 4: "often", 5: "always", 8: "Don't know"}


def _english_sav(path, n=40, seed=3):
    """A questionnaire as public SPSS files often come: no code column, the first column a
    number of hours (not unique), answer scales typed nominal or without a level."""
    import numpy as np

    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({
        "c12hour": rng.integers(0, 12, n).astype(float),
        "e42dep": rng.choice([1.0, 2.0, 3.0, 4.0, 5.0, 8.0], n),
        "e16sex": rng.choice([1.0, 2.0], n),
        "quol": rng.choice([1.0, 2.0, 3.0, 5.0], n),  # 4 never given, unlabelled 5 given
        "c160age": rng.integers(20, 80, n).astype(float),
    })
    frame.loc[3, "e42dep"] = float("nan")
    pyreadstat.write_sav(
        frame, path,
        column_labels=["average number of hours of care per week", "How often do you feel "
                       "dependent?", "sex", "quality of life", "age of the carer"],
        variable_value_labels={"e42dep": FREQ, "e16sex": {1: "male", 2: "female"},
                               "quol": {1: "very poor", 2: "poor", 3: "good",
                                        4: "very good"}},
        variable_measure={"c12hour": "scale", "e42dep": "nominal", "e16sex": "nominal",
                          "quol": "unknown", "c160age": "scale"})
    return frame


def test_a_file_without_a_code_is_numbered_by_row_and_scales_are_ordinal(tmp_path):
    from survey.clean import clean
    from survey.io import read_raw

    sav = tmp_path / "efc.sav"
    frame = _english_sav(sav)
    text = draft_codebook(sav)
    assert "language: en  # guess:" in text
    assert "\nid:" not in text and "no respondent code" in text
    path = tmp_path / "codebook.yml"
    path.write_text(text, encoding="utf-8")
    cb = load_codebook(path)
    assert cb.id_source is None
    dep, quol = cb.variables["e42dep"], cb.variables["quol"]
    assert dep.type == "ordinal" and list(dep.levels) == [1, 2, 3, 4, 5]
    assert dep.missing[8].kind == "dont_know"  # recognised by its label
    assert quol.type == "ordinal" and quol.levels[5] == "5"  # delivered unlabelled: kept
    assert cb.variables["e16sex"].type == "binary"
    assert cb.variables["c12hour"].type == "numeric"
    result = clean(read_raw(sav), cb)
    assert list(result.data.index[:3]) == ["2", "3", "4"]  # spreadsheet row numbers
    # every delivered answer kept: counts equal those read from the file directly
    for name in ("e42dep", "quol", "e16sex"):
        codes = cb.codes(result.data, name).value_counts()
        expected = frame[name][~frame[name].isin([8.0])].value_counts()
        assert codes.sort_index().to_dict() == expected.sort_index().to_dict(), name


@pytest.mark.parametrize(("columns", "expected"), [
    ({"lfdn": ["1", "2", "3"], "x": ["a", "b", "c"]}, "lfdn"),       # named like a code
    ({"token": ["q", "r", "s"], "age": ["1", "2", "3"]}, "token"),
    ({"serial": ["10", "11", "12"], "v": ["1", "1", "2"]}, "serial"),
    ({"hours": ["1.5", "2.5", "3.5"], "v": ["1", "1", "2"]}, None),   # unique, but a measure
    ({"hours": ["1", "1", "3"], "v": ["1", "2", "3"]}, None),         # first column repeats
    ({"code": ["A", "", "C"], "v": ["1", "2", "3"]}, None),           # a blank code
])
def test_the_code_column_is_found_or_none(columns, expected):
    from survey.draftguess import find_id

    assert find_id(pd.DataFrame(columns))[0] == expected


def test_a_duplicate_code_names_a_handful_of_rows(tmp_path):
    from survey.clean import clean
    from survey.errors import ProblemList
    from survey.io import read_raw

    raw = tmp_path / "w.csv"
    raw.write_text("code;v\n" + "".join(f"{i % 7};1\n" for i in range(300)), encoding="utf-8")
    book = tmp_path / "codebook.yml"
    book.write_text("instrument: w\ntitle: W\nlanguage: en\nid: code\nvariables:\n"
                    "  v: {label: V, type: numeric}\n", encoding="utf-8")
    with pytest.raises(ProblemList) as caught:
        clean(read_raw(raw), load_codebook(book))
    (line,) = [x for x in caught.value.lines() if "occurs in rows" in x]
    assert "occurs in rows 2, 9, 16, 23, 30 and 38 more" in line and len(line) < 400
    assert "no id" in line  # and says what to do when the file has no codes


# -- plain tables -----------------------------------------------------------------------------


def test_a_csv_draft_guesses_types_from_values(tmp_path):
    csv = tmp_path / "export.csv"
    csv.write_text(
        "q1;q2;m5_1;m5_2;m5_3;alter;datum;kommentar\n"
        "1;3;1;0;1;34;2024-03-01;sehr gut\n"
        "2;5;0;0;1;51,5;2024-03-02;\n"
        "5;4;1;1;0;28;2024-03-05;nicht so gut\n"
        "3;;0;1;0;45;2024-03-09;weiß nicht genau\n", encoding="utf-8")
    text = draft_codebook(csv)
    path = tmp_path / "codebook.yml"
    path.write_text(text, encoding="utf-8")
    cb = load_codebook(path)
    assert "language: de" in text
    assert cb.id_source is None  # q1 is an answer scale, not a code
    assert cb.variables["q1"].type == "ordinal" and list(cb.variables["q1"].levels) == [
        1, 2, 3, 4, 5]
    assert cb.variables["q2"].type == "ordinal"
    m5 = cb.variables["m5"]
    assert m5.type == "multi" and list(m5.options) == ["m5_1", "m5_2", "m5_3"]
    assert cb.variables["alter"].type == "numeric"
    assert cb.variables["datum"].type == "date"
    assert cb.variables["kommentar"].type == "text"
    assert text.count("# guess:") >= 6  # every guess marked


# -- LimeSurvey: the structure (.lss) and its response export ---------------------------------

LSS = Path(__file__).parent / "data" / "limesurvey"


def test_a_limesurvey_draft_reads_texts_options_arrays_and_multiple_choice(tmp_path):
    from survey.clean import clean
    from survey.io import read_raw

    text = draft_codebook(LSS / "responses.csv", structure=LSS / "survey.lss")
    path = tmp_path / "codebook.yml"
    path.write_text(text, encoding="utf-8")
    cb = load_codebook(path)
    assert cb.title == "Client survey 2024" and cb.language == "en" and cb.id == "id"
    assert cb.sections == {"group_10": "About you", "group_11": "Your experience",
                           "q_sat": "How satisfied are you with …"}
    gender = cb.variables["gender"]
    assert (gender.label, gender.type) == ("What is your gender?", "binary")  # no HTML
    advice = cb.variables["sat_sq001"]  # an array's subquestion: an item of its section
    assert (advice.label, advice.section, advice.type) == ("the advice", "q_sat", "ordinal")
    assert advice.levels == {1: "very dissatisfied", 2: "dissatisfied", 3: "satisfied",
                             4: "very satisfied"}
    assert advice.raw_codes == {"A1": 1, "A2": 2, "A3": 3, "A4": 4}
    channel = cb.variables["channel"]
    assert channel.type == "multi" and channel.blank_unticked
    assert list(channel.options.values()) == ["a friend", "the web site", "a flyer"]
    assert cb.variables["channel_other"].type == "text"  # "other" is free text
    assert cb.variables["remarks"].type == "text"
    assert cb.variables["again"].levels == {0: "no", 1: "yes"}
    assert cb.variables["often"].levels == {1: "rarely", 2: "sometimes", 3: "often"}
    # the counts equal those read from the export directly
    raw = pd.read_csv(LSS / "responses.csv", dtype=str, keep_default_na=False)
    data = clean(read_raw(LSS / "responses.csv"), cb).data
    labels = dict(zip(["A1", "A2", "A3", "A4"], advice.levels.values(), strict=True))
    expected = raw["sat[SQ001]"].replace("", None).dropna().map(labels).value_counts()
    assert data["sat_sq001"].value_counts().to_dict() == expected.to_dict()
    ticked_any = (raw[["channel[SQ001]", "channel[SQ002]", "channel[SQ003]"]] == "Y").any(axis=1)
    friend = data["channel_sq001"]
    assert int(friend.notna().sum()) == int(ticked_any.sum())  # base: ticked at least one
    assert int((friend == 1).sum()) == int((raw["channel[SQ001]"] == "Y").sum())


def test_a_structure_alone_says_what_it_needs(tmp_path):
    from survey.errors import DataError

    with pytest.raises(DataError, match="response export"):
        draft_codebook(LSS / "survey.lss")


def test_an_excel_draft_reads_the_first_sheet_or_the_one_named(tmp_path):
    book = tmp_path / "export.xlsx"
    with pd.ExcelWriter(book) as writer:
        pd.DataFrame({"note": ["x"]}).to_excel(writer, sheet_name="Hinweise", index=False)
        pd.DataFrame({"fallnr": ["F1", "F2", "F3", "F4"], "zufrieden": [1, 4, 5, 2],
                      "datum": pd.to_datetime(["2024-01-02", "2024-01-05", "2024-02-01",
                                               "2024-02-03"])}).to_excel(
            writer, sheet_name="Daten", index=False)
    text = draft_codebook(book, sheet="Daten")
    path = tmp_path / "codebook.yml"
    path.write_text(text, encoding="utf-8")
    cb = load_codebook(path)
    assert cb.id == "fallnr"
    assert cb.variables["zufrieden"].type == "ordinal"
    assert cb.variables["datum"].type == "date"
    assert "note" in draft_codebook(book)  # the first sheet by default


def test_a_labelled_string_variable_becomes_categorical(tmp_path):
    from survey.clean import clean
    from survey.io import read_raw

    sav = tmp_path / "s.sav"
    frame = pd.DataFrame({"sex": ["f", "m", "m", "f", "x", ""], "q": [1.0, 2, 1, 2, 1, 2]})
    pyreadstat.write_sav(frame, sav, variable_value_labels={
        "sex": {"f": "female", "m": "male", "x": "don't know"}})
    path = tmp_path / "codebook.yml"
    path.write_text(draft_codebook(sav), encoding="utf-8")
    cb = load_codebook(path)
    sex = cb.variables["sex"]
    assert (sex.type, sex.levels, sex.raw_codes) == (
        "binary", {1: "female", 2: "male"}, {"f": 1, "m": 2, "x": 3})
    assert sex.missing[3].kind == "dont_know"
    result = clean(read_raw(sav), cb)
    assert result.data["sex"].value_counts().to_dict() == {"female": 2, "male": 2}
