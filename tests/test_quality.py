"""Tests of survey.quality: missing values, their reasons, what cleaning did, and how the
missingness table is suppressed (spec ``missingness``, rule ``sums``).

Every expected value is worked out by hand in the comments; the disclosure checks at the
end recompute each identity of the table themselves instead of trusting the code's own
bookkeeping.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from survey import messages, quality, tables
from survey.codebook import Codebook, Derived, Scale, SessionRatings, Variable
from survey.disclosure import Policy
from survey.numbers import is_missing

INTERNAL = Policy(5, internal=True)

# --------------------------------------------------------------------------- helpers


def _variables() -> dict[str, Variable]:
    """A multi question, an ordinal item with a filter and a number with a range."""
    return {
        "geraete": Variable("geraete", "Geräte", "multi", "geraete",
                            options={"geraet_phone": "Telefon", "geraet_pc": "PC"},
                            option_sources={"geraet_phone": "G1", "geraet_pc": "G2"},
                            max_choices=1),
        "fam": Variable("fam", "Familie", "ordinal", "F1", section="subjekt",
                        levels={1: "Nein", 5: "Ja"}, filter="ae == 1"),
        "alter": Variable("alter", "Alter", "numeric", "A1", range=(16, 70)),
    }


def _codebook(language: str = "de") -> Codebook:
    """A real codebook (id 'code') with one scale over fam and alter."""
    return Codebook(Path("/home/eva/study/codebook.yml"), "t", "T", language, "code", "code",
                    {}, {"subjekt": "Ebene 1"}, _variables(),
                    scales={"zufrieden": Scale("zufrieden", "Zufriedenheit",
                                               ["fam", "alter"], 2)})


def _english_codebook() -> Codebook:
    """The same questions, labelled in English."""
    variables = {
        "geraete": Variable("geraete", "Devices", "multi", "geraete",
                            options={"geraet_phone": "Phone", "geraet_pc": "PC"},
                            option_sources={"geraet_phone": "G1", "geraet_pc": "G2"},
                            max_choices=1),
        "fam": Variable("fam", "Family", "ordinal", "F1", levels={1: "No", 5: "Yes"},
                        filter="ae == 1"),
        "alter": Variable("alter", "Age", "numeric", "A1", range=(16, 70)),
    }
    return Codebook(Path("codebook.yml"), "t", "T", "en", "code", "code", {}, {}, variables,
                    scales={"zufrieden": Scale("zufrieden", "Satisfaction",
                                               ["fam", "alter"], 2)})


def _missing() -> pd.DataFrame:
    """missing.parquet of four respondents r1 … r4."""
    return pd.DataFrame(
        {
            "respondent": ["r1", "r1", "r2", "r3", "r4", "r2"],
            "variable": ["geraet_phone", "geraet_pc", "fam", "fam", "fam", "alter"],
            "code": [np.nan, np.nan, 9.0, np.nan, -9.0, np.nan],
            "reason": ["leer", "leer", "weiß nicht", "nicht gefragt (Filter)", "keine Angabe",
                       "außerhalb des Wertebereichs"],
            "kind": ["system", "system", "dont_know", "not_asked", "no_answer", "invalid"],
        }
    )


_COLUMNS = ["variable", "label", "section", "type", "n", "not_asked", "n_base", "n_valid",
            "dont_know", "no_answer", "system", "invalid", "n_missing", "pct_missing"]
_COUNTS = ["n", "not_asked", "n_base", "n_valid", "dont_know", "no_answer", "system",
           "invalid", "n_missing"]
#: The identities of the missingness table, written down here independently of the spec.
_IDENTITIES = [
    ("n", ("not_asked", "n_base")),                                    # asked + not = N
    ("n_base", ("n_valid", "n_missing")),                              # valid + missing
    ("n_missing", ("dont_know", "no_answer", "system", "invalid")),    # the kinds
]
_RATING_IDENTITIES = [
    ("n_base", ("n_valid", "n_missing")),
    ("n_missing", ("system", "invalid")),
]


def _determined_unknowns(equations: list[dict], hidden: list) -> list:
    """The unknowns ``hidden`` that the linear ``equations`` (unknown → coefficient, the
    shown cells already moved to the right-hand side) fix uniquely: a unit vector in the
    row space of the system."""
    a = np.array([[e.get(c, 0.0) for c in hidden] for e in equations])
    rank = np.linalg.matrix_rank(a)
    out = []
    for j, cell in enumerate(hidden):
        unit = np.zeros(len(hidden))
        unit[j] = 1.0
        if np.linalg.matrix_rank(np.vstack([a, unit])) == rank:
            out.append(cell)
    return out


def _row(n: int, not_asked: int = 0, dont_know: int = 0, no_answer: int = 0, system: int = 0,
         invalid: int = 0, variable: str = "v") -> dict:
    """One row of the missingness table, its totals added up here."""
    n_base = n - not_asked
    n_missing = dont_know + no_answer + system + invalid
    return {"variable": variable, "label": f"Frage {variable}", "section": None,
            "type": "ordinal", "n": n, "not_asked": not_asked, "n_base": n_base,
            "n_valid": n_base - n_missing, "dont_know": dont_know, "no_answer": no_answer,
            "system": system, "invalid": invalid, "n_missing": n_missing,
            "pct_missing": 100.0 * n_missing / n_base if n_base else np.nan}


def _table(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=_COLUMNS)


def _set(entry) -> set[str]:
    """The columns listed in a ``suppressed`` cell."""
    return {c for c in str(entry).split(";") if c} if not pd.isna(entry) else set()


def _log(**extra) -> pd.DataFrame:
    """A cleaning log with every rule; details quote values as cleaning does."""
    rows = [
        ("raw_file", "raw.csv", 24, "sha256=abc; survey=0.1.0"),
        ("extra_column", "XY", 24, "not in the codebook; kept as text"),
        ("rename", "fam", 24, "raw column F1 → fam"),
        ("out_of_range", "alter", 3, "'97' ×1, '150' ×2"),
        ("decimal_comma", "alter", 6, "read 3,5 as 3.5"),
        ("out_of_range", "fam", 8, "unknown codes dropped: '7' ×8"),
        ("filter_violation", "fam", 6, "answered although ae != 1"),
        ("max_choices", "geraete", 7, "more than 1 ticked"),
        ("system_missing", "fam", 4, "blank cell"),
        ("user_missing", "fam", 2, "code 9"),
        ("not_asked", "fam", 3, "filter ae == 1"),
        ("reverse", "fam", 24, "reverse-keyed"),
        ("scale_score", "zufrieden", 20, "mean of 2 items"),
        ("scale_missing", "zufrieden", 4, "fewer than 2 items"),
    ]
    frame = pd.DataFrame(rows, columns=["rule", "variable", "n_affected", "detail"])
    frame["rows"] = "3;4"
    return frame


# --------------------------------------------------------------------------- missingness


def test_missingness_table_by_hand():
    table = quality.missingness_table(_missing(), _codebook(), n=4).set_index("variable")
    assert "code" not in table.index  # the respondent id is never a row
    assert list(table.index) == ["geraete", "fam", "alter"]  # codebook order
    assert list(table.columns) == _COLUMNS[1:]
    assert table["n"].tolist() == [4, 4, 4]
    # geraete: r1 blank in two option columns counts once -> 1 of 4 = 25 %, 4 − 1 = 3 valid
    assert table.loc["geraete", "system"] == 1
    assert table.loc["geraete", ["n_base", "n_missing", "n_valid"]].tolist() == [4, 1, 3]
    assert table.loc["geraete", "pct_missing"] == pytest.approx(25.0)
    # fam: r3 not asked -> base 4 − 1 = 3; r2 don't know + r4 no answer = 2 -> 2/3 = 66.67 %;
    # valid = 3 − 2 = 1
    assert table.loc["fam", ["dont_know", "no_answer", "not_asked"]].tolist() == [1, 1, 1]
    assert table.loc["fam", "n_base"] == 3
    assert table.loc["fam", "n_missing"] == 2
    assert table.loc["fam", "n_valid"] == 1
    assert table.loc["fam", "pct_missing"] == pytest.approx(200 / 3)
    # alter: one invalid value -> 1/4; 4 − 1 = 3 valid
    assert table.loc["alter", "invalid"] == 1
    assert table.loc["alter", "n_valid"] == 3
    assert table.loc["alter", "pct_missing"] == pytest.approx(25.0)
    # labels, sections and types come from the codebook
    assert table.loc["fam", ["label", "section", "type"]].tolist() == [
        "Familie", "subjekt", "ordinal"]


def test_missingness_table_without_missing_values():
    empty = pd.DataFrame(columns=["respondent", "variable", "code", "reason", "kind"])
    table = quality.missingness_table(empty, _codebook(), n=10)
    assert table["n_missing"].tolist() == [0, 0, 0]
    assert table["n_valid"].tolist() == [10, 10, 10]  # 10 − 0 not asked − 0 missing
    assert table["pct_missing"].tolist() == [0.0, 0.0, 0.0]


def test_missingness_table_nobody_asked_has_no_percentage():
    # all four not asked: base 4 − 4 = 0, so % missing is not defined (NaN, not 0)
    missing = pd.DataFrame({"respondent": ["r1", "r2", "r3", "r4"], "variable": "alter",
                            "code": np.nan, "reason": "nicht gefragt", "kind": "not_asked"})
    table = quality.missingness_table(missing, _codebook(), n=4).set_index("variable")
    assert table.loc["alter", ["not_asked", "n_base", "n_valid", "n_missing"]].tolist() == [
        4, 0, 0, 0]
    assert np.isnan(table.loc["alter", "pct_missing"])


def test_missingness_table_counts_a_respondent_once_per_kind():
    # r1 has two blank option columns of geraete and r2 one: 2 respondents, not 3 cells
    missing = pd.DataFrame({"respondent": ["r1", "r1", "r2"],
                            "variable": ["geraet_phone", "geraet_pc", "geraet_pc"],
                            "code": np.nan, "reason": "leer", "kind": "system"})
    table = quality.missingness_table(missing, _codebook(), n=10).set_index("variable")
    assert table.loc["geraete", "system"] == 2
    assert table.loc["geraete", "n_valid"] == 8  # 10 − 2


def test_missing_reasons_has_no_respondents():
    table = quality.missing_reasons(_missing(), _codebook())
    assert list(table.columns) == ["variable", "label", "kind", "kind_label", "code",
                                   "reason", "n"]
    assert "respondent" not in table.columns
    # codebook order, then kind order
    assert table["variable"].tolist() == ["geraete", "fam", "fam", "fam", "alter"]
    assert table["label"].tolist() == ["Geräte", "Familie", "Familie", "Familie", "Alter"]
    # geraete: r1's two blank option columns are one blank answer
    assert table["n"].tolist() == [1, 1, 1, 1, 1]
    fam = table[table["variable"] == "fam"]
    assert fam["kind"].tolist() == ["dont_know", "no_answer", "not_asked"]
    assert fam["kind_label"].tolist() == ["weiß nicht", "keine Angabe", "nicht gefragt (Filter)"]
    assert fam["code"].tolist()[:2] == [9.0, -9.0]
    assert pd.isna(fam["code"].tolist()[2])


def test_missing_reasons_names_codeless_kinds_in_the_codebook_language():
    table = quality.missing_reasons(_missing(), _codebook()).set_index("kind")
    # a missing code keeps its own label; values without a code get the kind's name
    # instead of cleaning's technical reason ("außerhalb des Wertebereichs", "leer")
    assert table.loc["dont_know", "reason"] == "weiß nicht"
    assert table.loc["no_answer", "reason"] == "keine Angabe"
    assert table.loc["system", "reason"] == "leer"
    assert table.loc["not_asked", "reason"] == "nicht gefragt (Filter)"
    assert table.loc["invalid", "reason"] == "ungültig"

    english = _missing().assign(reason=["blank", "blank", "don't know", "not asked",
                                        "no answer", "outside the range 16–70"])
    table = quality.missing_reasons(english, _english_codebook()).set_index("kind")
    assert table.loc["dont_know", "reason"] == "don't know"  # the code's own label
    assert table.loc["system", "reason"] == "blank"
    assert table.loc["not_asked", "reason"] == "not asked (filter)"
    assert table.loc["invalid", "reason"] == "invalid"  # not "outside the range 16–70"
    assert table.loc["invalid", "kind_label"] == "invalid"
    assert table.loc["no_answer", "kind_label"] == "no answer"


def test_missing_reasons_separates_codes_of_one_kind():
    # two codes of kind no_answer for fam: -9 twice (r1, r2) and -8 once (r3), in code order
    missing = pd.DataFrame({"respondent": ["r1", "r2", "r3"], "variable": "fam",
                            "code": [-9.0, -9.0, -8.0],
                            "reason": ["keine Angabe", "keine Angabe", "verweigert"],
                            "kind": "no_answer"})
    table = quality.missing_reasons(missing, _codebook())
    assert table["code"].tolist() == [-9.0, -8.0]
    assert table["reason"].tolist() == ["keine Angabe", "verweigert"]
    assert table["n"].tolist() == [2, 1]


def test_missing_reasons_empty():
    empty = pd.DataFrame(columns=["respondent", "variable", "code", "reason", "kind"])
    table = quality.missing_reasons(empty, _codebook())
    assert table.empty
    assert list(table.columns) == ["variable", "label", "kind", "kind_label", "code",
                                   "reason", "n"]


def test_missing_reasons_display_shows_the_code():
    table = quality.missing_reasons(_missing(), _codebook())
    shown = tables.display(table, "missing_reasons", policy=INTERNAL).data
    assert shown.loc[shown.iloc[:, 3] == "weiß nicht"].iloc[:, 2].tolist() == ["9"]


def test_missingness_display_is_german():
    table = quality.missingness_table(_missing(), _codebook(), n=4)
    shown = tables.display(table, "missingness", policy=INTERNAL).data
    # fam: 2 of 3 asked = 66,666… % -> "66,7" with a decimal comma
    fam = shown[shown.iloc[:, 0] == "Familie"]
    assert fam.iloc[0, -1].startswith("66,7")


# --------------------------------------------------------------------------- cleaning log

_SHARED = ("out_of_range", "filter_violation", "max_choices", "decimal_comma", "scale_missing")


def test_cleaning_log_shared_lists_only_changed_answers():
    out = quality.cleaning_log(_log(), _codebook())
    assert set(out["rule"]) <= set(_SHARED)
    assert "detail" not in out.columns
    assert "rows" not in out.columns
    # codebook order (geraete, fam, alter, then the scale), rules in the fixed order
    assert list(zip(out["variable"], out["rule"], strict=True)) == [
        ("geraete", "max_choices"), ("fam", "out_of_range"), ("fam", "filter_violation"),
        ("alter", "out_of_range"), ("alter", "decimal_comma"),
        ("zufrieden", "scale_missing")]
    assert out["label"].tolist() == ["Geräte", "Familie", "Familie", "Alter", "Alter",
                                     "Zufriedenheit"]
    assert out["rule_label"].tolist() == [
        "zu viele Nennungen", "außerhalb des Wertebereichs", "Filterverstoß",
        "außerhalb des Wertebereichs", "Dezimalkomma", "Skalenwert fehlt"]
    # the descriptions say what the rule did with the codebook's valid answers
    assert out["description"].tolist() == [
        "Mehr als eine Antwort angekreuzt; als ungültig gezählt.",
        "Wert außerhalb der gültigen Antworten (1, 5); als ungültig gezählt, nicht "
        "ausgewertet.",
        "Beantwortet, obwohl die Frage laut Filterführung nicht gestellt wurde; Antwort "
        "nicht ausgewertet.",
        "Wert außerhalb der gültigen Antworten (16 bis 70); als ungültig gezählt, nicht "
        "ausgewertet.",
        "Zahl mit Dezimalkomma gelesen.",
        "Weniger als 2 von 2 Items beantwortet; kein Skalenwert.",
    ]


def test_cleaning_log_never_quotes_a_value():
    out = quality.cleaning_log(_log(), _codebook())
    cells = [str(v) for v in out.to_numpy().ravel()] + [str(c) for c in out.columns]
    for quoted in ("97", "150", "'7'", "3,5 as", "ae != 1", "×"):
        assert not any(quoted in cell for cell in cells), quoted








def test_cleaning_log_as_the_report_shows_it():
    # shared: "< 5" for the small count, "." for its partner, no detail column
    log = pd.concat([_log(), pd.DataFrame([{
        "rule": "out_of_range", "variable": "alter", "n_affected": 9,
        "detail": "not an integer: '17.5' ×9", "rows": ""}])], ignore_index=True)
    # as the wave's plan returns it: the 3 withheld as small, the 9 as its partner
    shared = quality.cleaning_log(log, _codebook())
    alter_rows = shared.index[(shared["variable"] == "alter")
                              & (shared["rule"] == "out_of_range")].tolist()
    shared["suppressed"], shared["suppressed_small"] = "", ""
    shared["suppressed_near_total"] = ""
    shared["n_affected"] = shared["n_affected"].astype("Float64")
    for i, small in zip(alter_rows, (True, False), strict=True):
        shared.loc[i, "n_affected"] = pd.NA
        shared.loc[i, "suppressed"] = "n_affected"
        shared.loc[i, "suppressed_small"] = "n_affected" if small else ""
    styler = tables.display(shared, "cleaning_log", policy=Policy(5))
    view = styler.data
    assert view.shape[1] == 4  # question, rule, count, description
    alter = view[view.iloc[:, 0] == "Alter"]
    assert alter.iloc[:, 2].tolist() == ["< 5", ".", "6"]
    html = styler.set_uuid("t").to_html()  # a random table id could contain "97"
    assert "17.5" not in html and "97" not in html
    # a shared display refuses the log that did not go through the plan
    with pytest.raises(ValueError, match="disclosure plan"):
        tables.display(quality.cleaning_log(log, _codebook()), "cleaning_log", policy=Policy(5))
    # internal: every count and the detail
    internal = tables.display(quality.cleaning_log(log, _codebook(), internal=True),
                              "cleaning_log", policy=INTERNAL)
    assert internal.data.shape[1] == 5
    assert "&#39;97&#39; ×1, &#39;150&#39; ×2" in internal.to_html()  # escaped quotes




def test_cleaning_log_internal_has_every_rule_and_the_detail():
    log = _log()
    out = quality.cleaning_log(log, _codebook(), internal=True)
    assert len(out) == len(log)  # every row of the log, none left out
    assert set(out["rule"]) == set(log["rule"])
    assert list(out.columns) == ["variable", "label", "rule", "rule_label", "n_affected",
                                 "description", "detail"]
    assert "suppressed" not in out.columns
    alter = out[(out["variable"] == "alter") & (out["rule"] == "out_of_range")]
    assert alter["detail"].item() == "'97' ×1, '150' ×2"
    assert alter["n_affected"].item() == 3  # not withheld
    # fam's rules in the log's fixed order: rename, out of range, filter violation,
    # blank cell, missing code, not asked, reverse
    assert out.loc[out["variable"] == "fam", "rule"].tolist() == [
        "rename", "out_of_range", "filter_violation", "system_missing", "user_missing",
        "not_asked", "reverse"]
    # names not in the codebook (the raw file, an extra column) come last, as they are
    assert set(out["variable"].tolist()[-2:]) == {"raw.csv", "XY"}
    assert out.set_index("variable").loc["raw.csv", "label"] == "raw.csv"


def test_cleaning_log_describes_derived_variables():
    variables = {"ae": Variable("ae", "Alleinerziehend", "binary", "AE", levels={0: "n", 1: "j"}),
                 "kind3": Variable("kind3", "Kind unter 3", "binary", "K3",
                                   levels={0: "n", 1: "j"})}
    cb = Codebook(Path("c.yml"), "t", "T", "de", "code", "code", {}, {}, variables,
                  derived={"ae_k": Derived("ae_k", "AE × K3", ["ae", "kind3"])})
    log = pd.DataFrame({"rule": ["derived"], "variable": ["ae_k"], "n_affected": [10],
                        "detail": ["cross"], "rows": [""]})
    out = quality.cleaning_log(log, cb, internal=True)
    assert out["description"].item() == "Aus „Alleinerziehend“ × „Kind unter 3“ gebildet."
    out = quality.cleaning_log(log, cb, internal=True, language="en")
    assert out["description"].item() == 'Formed from "Alleinerziehend" × "Kind unter 3".'


def test_cleaning_log_in_english():
    cb = _english_codebook()
    out = quality.cleaning_log(_log(), cb, language=cb.language)
    assert out["label"].tolist() == ["Devices", "Family", "Family", "Age", "Age",
                                     "Satisfaction"]
    assert out["rule_label"].tolist() == ["too many answers", "out of range",
                                          "filter violation", "out of range", "decimal comma",
                                          "scale score missing"]
    assert out["description"].tolist()[3] == (
        "Value outside the valid answers (16 to 70); counted as invalid, not analysed.")
    german = ("Wert", " bis ", "gezählt", "Antwort", "Skalenwert", "außerhalb", "Frage",
              "Dezimalkomma", "Filter", "Nennungen", "gelesen", "Beantwortet", "Items",
              "ä", "ö", "ü", "ß", "„")
    words = " ".join(out["description"].tolist() + out["rule_label"].tolist()
                     + out["label"].tolist())
    for word in german:
        if word == "Filter":  # "filter" is English too; only the German noun phrase
            assert "Filterführung" not in words
            continue
        assert word not in words, word


def test_cleaning_log_of_session_ratings():
    sr = SessionRatings(raw=Path("r.csv"), id="id", date="d", rater="r",
                        items={"i1": "Beziehung", "i2": "Ziele"}, range=(0, 10))
    cb = Codebook(Path("c.yml"), "t", "T", "de", "code", "code", {}, {}, _variables(),
                  session_ratings=sr)
    log = pd.DataFrame({"rule": ["out_of_range", "out_of_range"],
                        "variable": ["session_ratings.i1", "session_ratings.i2"],
                        "n_affected": [12, 2], "detail": ["'11' ×12", "'99' ×2"],
                        "rows": ""})
    out = quality.cleaning_log(log, cb)
    assert out["label"].tolist() == ["Rückmeldebogen: Beziehung", "Rückmeldebogen: Ziele"]
    assert out["description"].tolist()[0] == (
        "Wert außerhalb der gültigen Antworten (0 bis 10); als ungültig gezählt, nicht "
        "ausgewertet.")
    # the log holds every count: the wave's plan withholds the 2 (test_disclosure)
    assert out["n_affected"].tolist() == [12, 2]
    assert not out.astype(str).apply(lambda c: c.str.contains("99|'11'")).any().any()


# --------------------------------------------------------------------------- valid answers


@pytest.mark.parametrize(
    ("var", "de", "en"),
    [
        # five consecutive codes: a range
        (Variable("x", "X", "ordinal", "X", levels={1: "a", 2: "b", 3: "c", 4: "d", 5: "e"}),
         "1 bis 5", "1 to 5"),
        # codes 0 … 10 (eleven levels)
        (Variable("x", "X", "ordinal", "X", levels={i: str(i) for i in range(11)}),
         "0 bis 10", "0 to 10"),
        # not consecutive: the codes one by one
        (Variable("x", "X", "nominal", "X", levels={1: "a", 3: "b", 7: "c"}),
         "1, 3, 7", "1, 3, 7"),
        (Variable("x", "X", "ordinal", "X", levels={1: "Nein", 5: "Ja"}), "1, 5", "1, 5"),
        # two consecutive codes are listed, not a range
        (Variable("x", "X", "binary", "X", levels={0: "nein", 1: "ja"}), "0, 1", "0, 1"),
        # coded answers: their codes
        (Variable("x", "X", "coded", "X", codes={1: "a", 2: "b", 4: "c"}), "1, 2, 4",
         "1, 2, 4"),
        # a number with a range; thousands grouped, fractions with two decimals
        (Variable("x", "X", "numeric", "X", range=(16, 70)), "16 bis 70", "16 to 70"),
        (Variable("x", "X", "numeric", "X", range=(0.5, 1234.25)), "0,50 bis 1.234,25",
         "0.50 to 1,234.25"),
        # nothing known: a dash
        (Variable("x", "X", "numeric", "X"), "–", "–"),
    ],
)
def test_valid_text(var, de, en):
    assert quality.valid_text(var, "de") == de
    assert quality.valid_text(var, "en") == en


# --------------------------------------------------------------------------- ratings


def _rating_codebook() -> Codebook:
    sr = SessionRatings(raw=Path("r.csv"), id="id", date="d", rater="r",
                        items={"i1": "Beziehung", "i2": "Ziele", "i3": "Methode"},
                        range=(0, 10))
    return Codebook(Path("c.yml"), "t", "T", "de", "code", "code", {}, {}, _variables(),
                    session_ratings=sr)


def test_ratings_missingness_from_the_log():
    log = pd.DataFrame({
        "rule": ["system_missing", "out_of_range", "system_missing", "rename",
                 "system_missing"],
        "variable": ["session_ratings.i1", "session_ratings.i1", "session_ratings.i2", "fam",
                     "fam"],
        "n_affected": [2, 10, 7, 100, 50], "detail": "x", "rows": ""})
    table = quality.ratings_missingness(log, _rating_codebook(), n_forms=100)
    assert list(table.columns) == _COLUMNS
    # one row per statement, in the codebook's order, labelled by the statement
    assert table["variable"].tolist() == ["i1", "i2", "i3"]
    assert table["label"].tolist() == ["Beziehung", "Ziele", "Methode"]
    # i1: 2 blank + 10 invalid = 12 of 100 forms -> 88 valid, 12 %
    # i2: 7 blank -> 93 valid, 7 %; i3: nothing -> 100 valid, 0 %
    # (fam's blank cells belong to the questionnaire, not to the forms)
    assert table["system"].tolist() == [2, 7, 0]
    assert table["invalid"].tolist() == [10, 0, 0]
    assert table["n_missing"].tolist() == [12, 7, 0]
    assert table["n_valid"].tolist() == [88, 93, 100]
    assert table["n_base"].tolist() == [100, 100, 100]
    assert table["not_asked"].tolist() == [0, 0, 0]
    assert table["dont_know"].tolist() == [0, 0, 0]
    assert table["pct_missing"].tolist() == pytest.approx([12.0, 7.0, 0.0])




def test_ratings_missingness_without_ratings_or_log():
    empty = quality.ratings_missingness(_log(), _codebook(), n_forms=10)
    assert empty.empty
    assert list(empty.columns) == _COLUMNS
    no_log = pd.DataFrame(columns=["rule", "variable", "n_affected", "detail", "rows"])
    table = quality.ratings_missingness(no_log, _rating_codebook(), n_forms=10)
    assert table["n_valid"].tolist() == [10, 10, 10]
    assert table["n_missing"].tolist() == [0, 0, 0]


# --------------------------------------------------------------------------- raw columns


def test_raw_columns_lists_sources_and_filters():
    out = quality.raw_columns(_codebook())
    assert list(out.columns) == ["Frage", "Spalte der Rohdatei", "Variable", "Filter"]
    assert out.values.tolist() == [
        ["Geräte", "G1, G2", "geraete", ""],  # a multi question: one column per option
        ["Familie", "F1", "fam", "ae == 1"],
        ["Alter", "A1", "alter", ""],
    ]
    english = quality.raw_columns(_english_codebook(), "en")
    assert list(english.columns) == ["Question", "Raw-file column", "Variable", "Filter"]
    assert english["Question"].tolist() == ["Devices", "Family", "Age"]


def test_kinds_in_report_order():
    assert quality.KINDS == ("dont_know", "no_answer", "system", "not_asked", "invalid")
    # every kind has a label in both languages
    for kind, language in itertools.product(quality.KINDS, ("de", "en")):
        assert messages.text(f"kind.{kind}", language)


# --------------------------------------------------------------------------- files


def test_write_table_full_precision(tmp_path):
    from survey.fileio import write_table

    frame = pd.DataFrame({"x": [1 / 3], "label": ["ä"]})
    path = write_table(frame, tmp_path / "tables", "items")
    assert path == tmp_path / "tables" / "items.csv"
    text = path.read_text(encoding="utf-8")
    assert "0.3333333333333333" in text  # repr of 1/3, not rounded
    assert pd.read_csv(path)["x"].iloc[0] == 1 / 3
    assert pd.read_csv(path)["label"].iloc[0] == "ä"
    assert not list((tmp_path / "tables").glob(".*"))  # no temporary file left
    with pytest.raises(ValueError):
        write_table(frame, tmp_path, "../escape")




@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, True), (float("nan"), True), (np.nan, True), (pd.NA, True), (pd.NaT, True),
     (0, False), (0.0, False), ("", False), ("< 5", False), ("nan", False), (False, False)],
)
def test_is_missing(value, expected):
    assert is_missing(value) is expected


