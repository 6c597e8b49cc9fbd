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
from survey.tables import SUPPRESSED, SUPPRESSED_SMALL, TableSpec

MIN_CELL = 5

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
    shown = tables.display(table, "missing_reasons", internal=True).data
    assert shown.loc[shown.iloc[:, 3] == "weiß nicht"].iloc[:, 2].tolist() == ["9"]


def test_missingness_display_is_german():
    table = quality.missingness_table(_missing(), _codebook(), n=4)
    shown = tables.display(table, "missingness", internal=True).data
    # fam: 2 of 3 asked = 66,666… % -> "66,7" with a decimal comma
    fam = shown[shown.iloc[:, 0] == "Familie"]
    assert fam.iloc[0, -1].startswith("66,7")


# --------------------------------------------------------------------------- suppression


def _suppressed(table: pd.DataFrame, name: str = "missingness") -> pd.DataFrame:
    return tables.suppress(table, name, MIN_CELL)


def test_spec_sums_are_the_identities_of_the_table():
    # the spec states exactly the identities this file checks against
    assert set(tables.TABLES["missingness"].sums) == set(_IDENTITIES)
    assert set(tables.TABLES["rating_missingness"].sums) == set(_RATING_IDENTITIES)
    # and every row built by quality.missingness_table satisfies them
    table = quality.missingness_table(_missing(), _codebook(), n=4)
    for total, parts in _IDENTITIES:
        assert (table[total] == table[list(parts)].sum(axis=1)).all(), total


def test_one_dont_know_withholds_missing_and_valid():
    # N = 24, one "weiß nicht": dont_know = 1 and n_missing = 1 are below 5; n_valid = 23
    # must go too, else 24 − 23 = 1 gives n_missing away; pct = 100 · 1/24 reveals it
    s = _suppressed(_table(_row(24, dont_know=1)))
    assert _set(s.at[0, SUPPRESSED]) == {"dont_know", "n_missing", "n_valid", "pct_missing"}
    assert _set(s.at[0, SUPPRESSED_SMALL]) == {"dont_know", "n_missing"}
    for column in ("dont_know", "n_missing", "n_valid", "pct_missing"):
        assert pd.isna(s.at[0, column]), column
    # N, not asked, asked and the zero kinds stay
    assert s.loc[0, ["n", "not_asked", "n_base", "no_answer", "system", "invalid"]].tolist() \
        == [24, 0, 24, 0, 0, 0]


def test_small_not_asked_withholds_the_base_and_a_partner():
    # N = 24, 2 not asked: 24 − 22 would give 2 away, so n_base = 22 goes with it; then
    # n_base = n_valid + n_missing = 22 + 0 has n_base alone withheld: the smallest
    # non-zero part is n_valid = 22 (n_missing = 0 is never a partner)
    s = _suppressed(_table(_row(24, not_asked=2)))
    assert _set(s.at[0, SUPPRESSED]) == {"not_asked", "n_base", "n_valid", "pct_missing"}
    assert _set(s.at[0, SUPPRESSED_SMALL]) == {"not_asked"}
    assert s.loc[0, ["n", "n_missing", "dont_know"]].tolist() == [24, 0, 0]


def test_partner_chain_runs_through_all_three_identities():
    # N = 24, 2 not asked, 6 don't know: not_asked small -> partner n_base (22);
    # 22 = n_valid 16 + n_missing 6: smallest part n_missing (6) -> withheld;
    # 6 = dont_know 6 + 0 + 0 + 0: the only non-zero part dont_know -> withheld.
    # n_valid = 16 stays: every identity keeps two unknowns.
    s = _suppressed(_table(_row(24, not_asked=2, dont_know=6)))
    assert _set(s.at[0, SUPPRESSED]) == {"not_asked", "n_base", "n_missing", "dont_know",
                                        "pct_missing"}
    assert _set(s.at[0, SUPPRESSED_SMALL]) == {"not_asked"}
    assert s.at[0, "n_valid"] == 16
    assert s.at[0, "n"] == 24


def test_small_kind_takes_the_smallest_other_kind():
    # N = 24, 4 don't know, 9 blank, 6 invalid: n_missing = 19 is shown, so dont_know alone
    # would be 19 − 9 − 6 = 4; the smallest other non-zero kind is invalid (6 < 9)
    s = _suppressed(_table(_row(24, dont_know=4, system=9, invalid=6)))
    assert _set(s.at[0, SUPPRESSED]) == {"dont_know", "invalid"}
    assert _set(s.at[0, SUPPRESSED_SMALL]) == {"dont_know"}
    assert s.loc[0, ["n_missing", "n_valid", "system"]].tolist() == [19, 5, 9]
    assert s.at[0, "pct_missing"] == pytest.approx(100 * 19 / 24)


def test_small_missing_total_takes_valid_as_partner():
    # N = 24, 2 don't know + 1 blank = 3 missing: all three below 5; n_missing is then the
    # lone withheld cell of 24 = n_valid + n_missing, so n_valid (21) goes too
    s = _suppressed(_table(_row(24, dont_know=2, system=1)))
    assert _set(s.at[0, SUPPRESSED]) == {"dont_know", "system", "n_missing", "n_valid",
                                        "pct_missing"}
    assert _set(s.at[0, SUPPRESSED_SMALL]) == {"dont_know", "system", "n_missing"}


def test_zero_counts_are_never_withheld():
    rows = [_row(24, dont_know=1), _row(24, not_asked=2), _row(30, system=3, invalid=2),
            _row(24, not_asked=2, dont_know=6), _row(0)]
    s = _suppressed(_table(*rows))
    for i, row in enumerate(rows):
        for column in _COUNTS:
            if row[column] == 0:
                assert column not in _set(s.at[i, SUPPRESSED]), (i, column)
                assert s.at[i, column] == 0


def test_rows_with_every_count_large_enough_are_untouched():
    # N = 40: 5 not asked, 6 don't know, 7 blank, 5 invalid, 0 no answer -> 35 asked,
    # 18 missing, 17 valid: nothing below 5, nothing withheld
    table = _table(_row(40, not_asked=5, dont_know=6, system=7, invalid=5),
                   _row(24), _row(0))
    s = _suppressed(table)
    assert s[SUPPRESSED].tolist() == ["", "", ""]
    assert s[SUPPRESSED_SMALL].tolist() == ["", "", ""]
    for column in _COUNTS:
        assert s[column].tolist() == table[column].tolist(), column
    assert s.at[0, "pct_missing"] == pytest.approx(100 * 18 / 35)


def test_small_base_withholds_its_row():
    # N = 24 of whom 21 not asked: 3 asked (< 5) withholds everything counted among the
    # asked (also zeros: they are shares of 3 persons); 24 − 21 would give the 3 away, so
    # not_asked goes too. N stays.
    s = _suppressed(_table(_row(24, not_asked=21, dont_know=1)))
    assert _set(s.at[0, SUPPRESSED]) == {"not_asked", "n_base", "n_valid", "dont_know",
                                        "no_answer", "system", "invalid", "n_missing",
                                        "pct_missing"}
    assert "n_base" in _set(s.at[0, SUPPRESSED_SMALL])
    assert "not_asked" not in _set(s.at[0, SUPPRESSED_SMALL])
    assert s.at[0, "n"] == 24


def test_suppression_is_idempotent_and_leaves_the_input_alone():
    table = _table(_row(24, dont_know=1), _row(24, not_asked=2), _row(24, not_asked=2,
                   dont_know=6), _row(24, dont_know=4, system=9, invalid=6), _row(40),
                   _row(3, dont_know=1), _row(0))
    before = table.copy()
    once = _suppressed(table)
    twice = _suppressed(once)
    pd.testing.assert_frame_equal(twice, once)
    pd.testing.assert_frame_equal(table, before)


def test_sums_rule_falls_back_to_the_total(monkeypatch):
    # a toy spec: total = a + b, and a small x withholds a (derived). Row 0: x = 2 withholds
    # a = 10 (not itself small) and b = 0 cannot be a partner, so total 10 would give
    # a away: the total is withheld. Row 1: a part is unknown (NaN): nothing to recover,
    # no partner. Row 2: a = 3 small, b = 7 is the partner.
    spec = TableSpec(roles={"x": "count", "total": "count", "a": "count", "b": "count"},
                     derived={"x": ("a",)}, rule="sums", sums=(("total", ("a", "b")),))
    monkeypatch.setitem(tables.TABLES, "toy_sums", spec)
    frame = pd.DataFrame({"x": [2, 10, 10], "total": [10, 10, 10], "a": [10, 3, 3],
                          "b": [0.0, np.nan, 7.0]})
    s = tables.suppress(frame, "toy_sums", MIN_CELL)
    assert _set(s.at[0, SUPPRESSED]) == {"x", "a", "total"}
    assert _set(s.at[1, SUPPRESSED]) == {"a"}
    assert _set(s.at[2, SUPPRESSED]) == {"a", "b"}
    assert s.at[0, "b"] == 0


def test_suppressed_missingness_shared_and_internal():
    table = quality.missingness_table(_missing(), _codebook(), n=4)
    assert quality.suppressed_missingness(table, min_cell=5, internal=True) is table
    shared = quality.suppressed_missingness(table, min_cell=5)
    pd.testing.assert_frame_equal(shared, tables.suppress(table, "missingness", 5))
    # N = 4 is below 5 in every row: nothing of these four persons is shown
    assert shared["n"].isna().all()
    assert shared["pct_missing"].isna().all()


# --------------------------------------------------------------------------- disclosure


def _recoverable(original: pd.Series, shown: pd.Series, identities) -> list[str]:
    """Withheld counts that one identity gives away: every other member shown, so the
    withheld one is the total minus the parts (or a part is the total minus the others)."""
    found = []
    for total, parts in identities:
        members = [total, *parts]
        withheld = [c for c in members if pd.isna(shown[c])]
        if len(withheld) != 1:
            continue
        (cell,) = withheld
        if cell == total:
            value = sum(shown[p] for p in parts)
        else:
            value = shown[total] - sum(shown[p] for p in parts if p != cell)
        assert value == original[cell]  # the arithmetic really recovers it
        found.append(f"{cell} from {total} = {' + '.join(parts)}")
    return found


def _determined(shown: pd.Series, identities) -> list[str]:
    """Withheld counts pinned down by all identities together (and a shown percentage):
    a withheld cell is known iff its unit vector lies in the row space of the system
    restricted to the withheld cells."""
    hidden = [c for c in _COUNTS if c in shown.index and pd.isna(shown[c])]
    if not hidden:
        return []
    equations = [{total: 1.0, **{p: -1.0 for p in parts}} for total, parts in identities]
    if not pd.isna(shown["pct_missing"]):  # 100 · n_missing − pct · n_base = 0
        equations.append({"n_missing": 100.0, "n_base": -float(shown["pct_missing"])})
    return _determined_unknowns(equations, hidden)


def _random_rows(seed: int, n_rows: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    rows = [_row(0), _row(1, dont_know=1), _row(5, not_asked=5)]
    for i in range(n_rows):
        n = int(rng.integers(0, 40))
        # six parts of N, often several of them small or zero
        not_asked, _, dont_know, no_answer, system, invalid = (
            int(x) for x in rng.multinomial(n, rng.dirichlet(np.full(6, 0.4))))
        rows.append(_row(n, not_asked, dont_know, no_answer, system, invalid,
                         variable=f"v{i}"))
    return rows


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_no_withheld_count_can_be_recovered(seed):
    table = _table(*_random_rows(seed, 400))
    s = _suppressed(table)
    problems = []
    for i in range(len(table)):
        original, shown = table.loc[i], s.loc[i]
        problems += [f"row {i} {original[_COUNTS].tolist()}: {p}"
                     for p in _recoverable(original, shown, _IDENTITIES)]
        problems += [f"row {i} {original[_COUNTS].tolist()}: {c} by the system"
                     for c in _determined(shown, _IDENTITIES)]
        # a shown percentage with a shown base would give n_missing (and n_valid) away
        if not pd.isna(shown["pct_missing"]):
            assert not any(pd.isna(shown[c]) for c in ("n_base", "n_missing", "n_valid")), i
        for column in _COUNTS:
            value = original[column]
            if 0 < value < MIN_CELL:  # every small count is withheld and marked small
                assert pd.isna(shown[column]), (i, column)
                assert column in _set(shown[SUPPRESSED_SMALL]), (i, column)
            if not pd.isna(shown[column]):  # what is shown is the true value
                assert shown[column] == value, (i, column)
            assert pd.isna(shown[column]) == (column in _set(shown[SUPPRESSED])), (i, column)
            if value == 0 and original["n_base"] >= MIN_CELL and original["n"] >= MIN_CELL:
                assert shown[column] == 0, (i, column)  # zeros disclose nothing
    assert problems == []
    pd.testing.assert_frame_equal(_suppressed(s), s)  # idempotent on every kind of row


def test_no_withheld_rating_count_can_be_recovered():
    # the rating forms' table: N forms, blanks and invalid values only
    rng = np.random.default_rng(7)
    rows = []
    for i in range(300):
        n = int(rng.integers(0, 40))
        _, system, invalid = (int(x) for x in rng.multinomial(n, rng.dirichlet(np.full(3, .4))))
        rows.append(_row(n, system=system, invalid=invalid, variable=f"i{i}"))
    table = _table(*rows)
    s = _suppressed(table, "rating_missingness")
    problems = []
    for i in range(len(table)):
        problems += [f"row {i}: {p}"
                     for p in _recoverable(table.loc[i], s.loc[i], _RATING_IDENTITIES)]
    assert problems == []


def _missing_of(variable: str, groups: list[tuple[float, str, str, int]]) -> pd.DataFrame:
    """missing.parquet with ``k`` respondents per (code, reason, kind, k)."""
    rows, i = [], 0
    for code, reason, kind, k in groups:
        for _ in range(k):
            rows.append({"respondent": f"r{i}", "variable": variable, "code": code,
                         "reason": reason, "kind": kind})
            i += 1
    return pd.DataFrame(rows)


def _determined_across(missingness: pd.Series, reasons: pd.DataFrame) -> list[str]:
    """Withheld counts of one question pinned down by the missingness table and the
    reasons table together: the identities of the row, and per kind of missing value
    the reasons' rows adding up to the kind's count."""
    cells = [("m", c) for c in _COUNTS] + [("r", i) for i in reasons.index]
    value = {("m", c): missingness[c] for c in _COUNTS}
    value.update({("r", i): reasons.at[i, "n"] for i in reasons.index})
    equations = [{("m", total): 1.0, **{("m", p): -1.0 for p in parts}}
                 for total, parts in _IDENTITIES]
    for kind, rows in reasons.groupby("kind").groups.items():
        equations.append({("m", kind): 1.0, **{("r", i): -1.0 for i in rows}})
    hidden = [c for c in cells if pd.isna(value[c])]
    if not hidden:
        return []
    return [f"{cell[0]}:{cell[1] if cell[0] == 'm' else reasons.at[cell[1], 'kind']}"
            for cell in _determined_unknowns(equations, hidden)]


_CROSS_CASES = {
    # fam, N = 40: 5 don't know, no answer 3 (code -9) + 6 (code -8) = 9
    "one kind, two codes": [(9.0, "weiß nicht", "dont_know", 5),
                            (-9.0, "keine Angabe", "no_answer", 3),
                            (-8.0, "verweigert", "no_answer", 6)],
    # 2 don't know, no answer 4 + 4 = 8, 7 invalid
    "partner of another kind": [(9.0, "weiß nicht", "dont_know", 2),
                                (-9.0, "keine Angabe", "no_answer", 4),
                                (-8.0, "verweigert", "no_answer", 4),
                                (np.nan, "x", "invalid", 7)],
}


def test_reasons_and_missingness_agree_when_every_kind_has_one_code():
    # fam, N = 40: 2 don't know, 6 no answer, 7 invalid: both tables withhold the 2 and the
    # 6 (the smallest other kind) and nothing can be worked out from the two together
    missing = _missing_of("fam", [(9.0, "weiß nicht", "dont_know", 2),
                                  (-9.0, "keine Angabe", "no_answer", 6),
                                  (np.nan, "x", "invalid", 7)])
    shown = quality.suppressed_missingness(
        quality.missingness_table(missing, _codebook(), n=40)).set_index("variable")
    reasons = tables.suppress(
        quality.missing_reasons(missing, _codebook(), missingness=shown.reset_index()),
        "missing_reasons", MIN_CELL)
    assert _set(shown.at["fam", SUPPRESSED]) == {"dont_know", "no_answer"}
    assert reasons["n"].isna().tolist() == [True, True, False]
    assert _determined_across(shown.loc["fam"], reasons[reasons["variable"] == "fam"]) == []


@pytest.mark.parametrize("case", list(_CROSS_CASES))
def test_reasons_and_missingness_together_reveal_nothing(case):
    # "one kind, two codes": missingness shows no_answer = 9; the reasons withhold the 3
    # (code -9) with don't know as its partner but show code -8 = 6: 9 − 6 = 3.
    # "partner of another kind": missingness withholds don't know (2) and, as partner,
    # invalid (7), showing no_answer = 8 and n_missing = 17; the reasons show invalid = 7:
    # 17 − 8 − 7 = 2.
    missing = _missing_of("fam", _CROSS_CASES[case])
    shown = quality.suppressed_missingness(
        quality.missingness_table(missing, _codebook(), n=40)).set_index("variable")
    reasons = tables.suppress(quality.missing_reasons(missing, _codebook(), missingness=shown
                                                      .reset_index()),
                              "missing_reasons", MIN_CELL)
    assert _determined_across(shown.loc["fam"], reasons[reasons["variable"] == "fam"]) == []


def test_checker_finds_a_recoverable_count():
    # the checker itself: a table that withholds only dont_know = 1 of N = 24 (the code
    # would not) gives it away through n_missing = 1 shown
    table = _table(_row(24, dont_know=1))
    naive = table.copy()
    naive["dont_know"] = np.nan
    assert _recoverable(table.loc[0], naive.loc[0], _IDENTITIES) == [
        "dont_know from n_missing = dont_know + no_answer + system + invalid"]
    assert _determined(naive.loc[0], _IDENTITIES) == ["dont_know"]


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


def test_cleaning_log_withholds_small_counts():
    out = quality.cleaning_log(_log(), _codebook(), min_cell=5).set_index(["variable", "rule"])
    # alter out_of_range = 3 < 5 and zufrieden scale_missing = 4 < 5: withheld as small
    for key in (("alter", "out_of_range"), ("zufrieden", "scale_missing")):
        assert pd.isna(out.loc[key, "n_affected"]), key
        assert out.loc[key, SUPPRESSED] == "n_affected"
        assert out.loc[key, SUPPRESSED_SMALL] == "n_affected"
    # 7, 8, 6 and 6 are shown and not marked
    for key, n in ((("geraete", "max_choices"), 7), (("fam", "out_of_range"), 8),
                   (("fam", "filter_violation"), 6), (("alter", "decimal_comma"), 6)):
        assert out.loc[key, "n_affected"] == n, key
        assert out.loc[key, SUPPRESSED] == ""
    # min_cell = 9: 8, 7 and 6 are small now too
    strict = quality.cleaning_log(_log(), _codebook(), min_cell=9)
    assert strict["n_affected"].isna().all()


def test_cleaning_log_small_invalid_rule_withholds_the_other_invalid_rules():
    # alter (a whole number from 16 to 70): 3 values outside the range and 9 not whole
    # numbers, both made invalid. The missingness table shows alter's invalid = 3 + 9 =
    # 12, so 12 − 9 would give the 3 away: the 9 is withheld too (not small). alter's
    # decimal commas do not make values invalid: they stay; other questions are untouched.
    log = pd.concat([_log(), pd.DataFrame([{
        "rule": "out_of_range", "variable": "alter", "n_affected": 9,
        "detail": "not an integer: '17.5' ×9", "rows": ""}])], ignore_index=True)
    out = quality.cleaning_log(log, _codebook())
    alter = out[out["variable"] == "alter"]
    assert alter["rule"].tolist() == ["out_of_range", "out_of_range", "decimal_comma"]
    assert alter["n_affected"].isna().tolist() == [True, True, False]
    assert alter[SUPPRESSED].tolist() == ["n_affected", "n_affected", ""]
    assert alter[SUPPRESSED_SMALL].tolist() == ["n_affected", "", ""]  # only the 3 is small
    assert alter["n_affected"].tolist()[2] == 6
    shown = out.set_index(["variable", "rule"])
    assert shown.loc[("fam", "out_of_range"), "n_affected"] == 8
    assert shown.loc[("geraete", "max_choices"), "n_affected"] == 7


def test_cleaning_log_filter_violations_do_not_reveal_the_not_asked_split():
    # fam, N = 24: 6 answered outside the filter (cleaning counts them as not asked) and 2
    # were not asked; missingness shows not_asked = 6 + 2 = 8 (nothing small there). The
    # shared log shows 6 filter violations, so 8 − 6 = 2 persons correctly not asked:
    # a count below 5 that no shared table shows.
    missing = pd.DataFrame({"respondent": [f"r{i}" for i in range(8)], "variable": "fam",
                            "code": np.nan, "reason": "nicht gefragt", "kind": "not_asked"})
    shown = quality.suppressed_missingness(
        quality.missingness_table(missing, _codebook(), n=24), min_cell=5)
    fam = shown.set_index("variable").loc["fam"]
    assert fam["not_asked"] == 8  # shown
    log = _log()  # fam: filter_violation 6, not_asked 3 -> use 2
    log.loc[(log["variable"] == "fam") & (log["rule"] == "not_asked"), "n_affected"] = 2
    out = quality.cleaning_log(log, _codebook(), missingness=shown)
    violations = out.set_index(["variable", "rule"]).loc[("fam", "filter_violation"),
                                                         "n_affected"]
    assert pd.isna(violations)


def test_cleaning_log_as_the_report_shows_it():
    # shared: "< 5" for the small count, "." for its partner, no detail column
    log = pd.concat([_log(), pd.DataFrame([{
        "rule": "out_of_range", "variable": "alter", "n_affected": 9,
        "detail": "not an integer: '17.5' ×9", "rows": ""}])], ignore_index=True)
    styler = tables.display(quality.cleaning_log(log, _codebook()), "cleaning_log")
    view = styler.data
    assert view.shape[1] == 4  # question, rule, count, description
    alter = view[view.iloc[:, 0] == "Alter"]
    assert alter.iloc[:, 2].tolist() == ["< 5", ".", "6"]
    html = styler.to_html()
    assert "17.5" not in html and "97" not in html
    # internal: every count and the detail
    internal = tables.display(quality.cleaning_log(log, _codebook(), internal=True),
                              "cleaning_log", internal=True)
    assert internal.data.shape[1] == 5
    assert "&#39;97&#39; ×1, &#39;150&#39; ×2" in internal.to_html()  # escaped quotes


def test_cleaning_log_follows_the_suppressed_missingness_table():
    # 24 respondents; fam: r1, r2 "weiß nicht" (2 < 5) and r3 … r10 invalid (8).
    # missingness: n_missing = 10 shown, dont_know = 2 withheld; 10 − 8 would give it
    # away, so invalid (8, the only other non-zero kind) is withheld too.
    # The log's fam out_of_range = 8 would reveal that invalid count: withheld as well.
    missing = pd.DataFrame({
        "respondent": [f"r{i}" for i in range(1, 11)], "variable": "fam",
        "code": [9.0, 9.0] + [np.nan] * 8,
        "reason": ["weiß nicht"] * 2 + ["außerhalb"] * 8,
        "kind": ["dont_know"] * 2 + ["invalid"] * 8})
    full = quality.missingness_table(missing, _codebook(), n=24)
    shown = quality.suppressed_missingness(full, min_cell=5)
    fam = shown.set_index("variable").loc["fam"]
    assert _set(fam[SUPPRESSED]) == {"dont_know", "invalid"}
    assert fam["n_missing"] == 10

    log = _log()  # fam's invalid values: 8 out of range only (cleaning logs no zeros)
    log = log[~((log["variable"] == "fam") & (log["rule"] == "filter_violation"))]
    out = quality.cleaning_log(log, _codebook(), missingness=shown)
    out = out.set_index(["variable", "rule"])
    assert pd.isna(out.loc[("fam", "out_of_range"), "n_affected"])
    assert out.loc[("fam", "out_of_range"), SUPPRESSED] == "n_affected"
    assert out.loc[("fam", "out_of_range"), SUPPRESSED_SMALL] == ""  # 8 is not small
    # other questions' rules are untouched by fam's row
    assert out.loc[("geraete", "max_choices"), "n_affected"] == 7
    assert out.loc[("alter", "decimal_comma"), "n_affected"] == 6
    # without the missingness table the 8 would be shown
    plain = quality.cleaning_log(log, _codebook()).set_index(["variable", "rule"])
    assert plain.loc[("fam", "out_of_range"), "n_affected"] == 8
    # the internal version ignores it
    internal = quality.cleaning_log(log, _codebook(), internal=True, missingness=shown)
    internal = internal.set_index(["variable", "rule"])
    assert internal.loc[("fam", "out_of_range"), "n_affected"] == 8


def test_cleaning_log_internal_has_every_rule_and_the_detail():
    log = _log()
    out = quality.cleaning_log(log, _codebook(), internal=True)
    assert len(out) == len(log)  # every row of the log, none left out
    assert set(out["rule"]) == set(log["rule"])
    assert list(out.columns) == ["variable", "label", "rule", "rule_label", "n_affected",
                                 "description", "detail"]
    assert SUPPRESSED not in out.columns
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
    assert out["n_affected"].tolist()[0] == 12
    assert pd.isna(out["n_affected"].tolist()[1])  # 2 < 5
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


def test_rating_log_counts_follow_the_rating_table():
    # i1 of 100 forms: 2 blank (< 5) and 10 out of range. The rating table withholds the 2
    # and, as its partner, the 10 (shown: n_missing 12). A log showing 10 out of range
    # would give the 2 away (12 − 10): given the rating table, the log withholds it too.
    log = pd.DataFrame({"rule": ["system_missing", "out_of_range"],
                        "variable": ["session_ratings.i1", "session_ratings.i1"],
                        "n_affected": [2, 10], "detail": "x", "rows": ""})
    cb = _rating_codebook()
    forms = tables.suppress(quality.ratings_missingness(log, cb, n_forms=100),
                            "rating_missingness", MIN_CELL)
    i1 = forms.set_index("variable").loc["i1"]
    assert {"system", "invalid"} <= _set(i1[SUPPRESSED]) and i1["n_missing"] == 12
    alone = quality.cleaning_log(log, cb)
    assert alone["n_affected"].tolist() == [10]  # without the rating table: shown
    shared = quality.cleaning_log(log, cb, ratings=forms)
    assert shared["n_affected"].isna().tolist() == [True]
    assert _set(shared[SUPPRESSED].iloc[0]) == {"n_affected"}


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


def test_publish_writes_the_suppressed_missingness_table(tmp_path):
    # the shared CSV holds what the report shows, the internal one every count
    table = quality.missingness_table(_missing(), _codebook(), n=24)
    shown = tables.publish(table, "missingness", tmp_path, min_cell=5)
    written = pd.read_csv(tmp_path / "missingness.csv")
    assert written["dont_know"].isna().tolist() == shown["dont_know"].isna().tolist()
    fam = written.set_index("variable").loc["fam"]
    # N = 24: 1 not asked, 1 don't know, 1 no answer -> 23 asked, 2 missing, 21 valid;
    # the four small counts are withheld, n_base = 23 as the partner of not_asked
    # (24 − 23 = 1); n_valid = 21 stays (23 and 2 are both withheld)
    assert _set(fam["suppressed_small"]) == {"not_asked", "dont_know", "no_answer",
                                             "n_missing"}
    assert _set(fam["suppressed"]) == {"not_asked", "dont_know", "no_answer", "n_missing",
                                       "n_base", "pct_missing"}
    assert fam["n_valid"] == 21
    full = tables.publish(table, "missingness", tmp_path / "intern", internal=True)
    assert full is table
    assert pd.read_csv(tmp_path / "intern" / "missingness.csv")["dont_know"].tolist() == [
        0, 1, 0]


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, True), (float("nan"), True), (np.nan, True), (pd.NA, True), (pd.NaT, True),
     (0, False), (0.0, False), ("", False), ("< 5", False), ("nan", False), (False, False)],
)
def test_is_missing(value, expected):
    assert tables.is_missing(value) is expected


# --------------------------------------------------------------------------- markers pin


@pytest.mark.parametrize(("row", "partner"), [
    # "< 5" + "< 5" with a shown sum of 2 can only be 1 + 1: system (10) is withheld too
    (_row(24, dont_know=1, no_answer=1, system=10), "system"),
    # "< 5" + "< 5" = 8 can only be 4 + 4
    (_row(40, dont_know=4, no_answer=4, system=9), "system"),
])
def test_small_markers_that_pin_their_sum_get_a_partner(row, partner):
    shown = tables.suppress(_table(row), "missingness", MIN_CELL).iloc[0]
    assert {"dont_know", "no_answer", partner} <= _set(shown[SUPPRESSED])
    assert _set(shown[SUPPRESSED_SMALL]) == {"dont_know", "no_answer"}
    # now the sum (n_missing − shown parts) is 2 + system: 1 … 4 each and ≥ 5 fit many ways
    assert shown["n_missing"] == row["n_missing"]


def test_a_sum_that_does_not_pin_needs_no_partner():
    # "< 5" + "< 5" = 5 is 1 + 4, 2 + 3, …: nothing more is withheld
    shown = tables.suppress(_table(_row(40, dont_know=2, no_answer=3, system=9)),
                            "missingness", MIN_CELL).iloc[0]
    assert "system" not in _set(shown[SUPPRESSED])
