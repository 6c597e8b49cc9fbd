"""Each cleaning rule on a tiny frame, expectations worked out by hand in the comments."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import BASIC_CODEBOOK, write

from survey.clean import clean
from survey.codebook import load_codebook
from survey.errors import ProblemList
from survey.io import read_raw


def run(tmp_path, codebook: str, raw: str, **kwargs):
    cb = load_codebook(write(tmp_path / "codebook.yml", codebook))
    table = read_raw(write(tmp_path / "raw.csv", raw))
    return clean(table, cb, **kwargs), cb


def log_row(result, rule, variable, detail=""):
    log = result.log
    rows = log[(log.rule == rule) & (log.variable == variable) & log.detail.str.contains(detail)]
    assert len(rows) == 1, result.log
    return rows.iloc[0]


def test_rename_labels_and_user_missing_by_reason(tmp_path):
    result, cb = run(tmp_path, BASIC_CODEBOOK, """
        code,AE,F1
        A,1,5
        B,0,9
        C,-9,-9
        D,1,
        """)
    data = result.data
    assert list(data.index) == ["A", "B", "C", "D"] and data.index.name == "code"
    assert list(data.columns) == ["ae", "fam"]
    # labelled categoricals: ae binary (unordered), fam ordinal (ordered)
    assert list(data.ae.astype(object)) == ["ja", "nein", np.nan, "ja"]
    assert not data.ae.cat.ordered and data.fam.cat.ordered
    assert list(data.fam.cat.categories) == ["Nein", "eher nein", "mittel", "eher ja", "Ja"]
    assert data.fam.iloc[0] == "Ja" and data.fam.iloc[1:].isna().all()
    # B's 9 is "weiß nicht", C's -9 "keine Angabe", D blank: three different reasons
    missing = result.missing.set_index(["respondent", "variable"])
    assert missing.loc[("B", "fam"), "kind"] == "dont_know"
    assert missing.loc[("C", "fam"), "kind"] == "no_answer"
    assert missing.loc[("C", "ae"), "reason"] == "keine Angabe"
    assert missing.loc[("D", "fam"), "kind"] == "system"
    assert log_row(result, "user_missing", "fam", "code 9 ").n_affected == 1  # a row per code
    assert log_row(result, "user_missing", "fam", "code -9 ").n_affected == 1
    assert log_row(result, "system_missing", "fam").rows == "5"  # D is spreadsheet row 5
    assert log_row(result, "rename", "fam").detail == "raw column F1 → fam"


def test_out_of_range_codes_are_blanked_and_logged(tmp_path):
    result, _ = run(tmp_path, BASIC_CODEBOOK, """
        code,AE,F1
        A,2,7
        B,1,0
        C,0,3
        """)
    assert result.data.ae.isna().tolist() == [True, False, False]  # 2 is no binary level
    assert result.data.fam.isna().tolist() == [True, True, False]  # 7 and 0 are not 1..5
    row = log_row(result, "out_of_range", "fam")
    assert row.n_affected == 2 and row.rows == "2;3"
    assert "'7' ×1" in row.detail and "'0' ×1" in row.detail
    kinds = result.missing[result.missing.variable == "fam"].kind.tolist()
    assert kinds == ["invalid", "invalid"]


NUMERIC = """
id: code
missing: {-9: "keine Angabe"}
variables:
  alter: {label: "Alter", type: numeric, range: [16, 70], source: AGE}
  kinder: {label: "Kinder", type: numeric, range: [1, 12], integer: true}
"""


def test_numeric_range_integer_and_decimal_comma(tmp_path):
    result, _ = run(tmp_path, NUMERIC, """
        code;AGE;kinder
        A;34,5;2
        B;99;1,5
        C;-9;13
        D;16;1
        """)
    # 34,5 is read as 34.5; 99 is outside [16, 70]; -9 is user-missing
    assert result.data.alter.tolist()[0] == 34.5
    assert result.data.alter.isna().tolist() == [False, True, True, False]
    # kinder: 1,5 is not an integer, 13 is outside [1, 12]
    assert result.data.kinder.tolist()[::3] == [2.0, 1.0]
    assert result.data.kinder.isna().tolist() == [False, True, True, False]
    assert log_row(result, "decimal_comma", "alter").n_affected == 1
    assert [r.n_affected for r in result.log[result.log.rule == "out_of_range"].itertuples()] \
        == [1, 1, 1]


def test_unreadable_cells_are_errors_naming_file_column_and_row(tmp_path):
    with pytest.raises(ProblemList) as info:
        run(tmp_path, NUMERIC, """
            code,AGE,kinder
            A,abc,2
            B,30,zwei
            C,x,1
            """)
    lines = info.value.lines()
    assert len(lines) == 2  # one line per column, the first bad row named
    assert "raw.csv, column 'AGE', row 2: 'abc' is not a number (and 1 more: rows 4)" in lines[0]
    assert "column 'kinder', row 3: 'zwei' is not a number" in lines[1]


def test_missing_and_extra_columns(tmp_path):
    with pytest.raises(ProblemList) as info:
        run(tmp_path, BASIC_CODEBOOK, "code,AE,EXTRA\nA,1,x\n")
    lines = info.value.lines()
    assert any("column 'F1': is missing from the raw file" in line for line in lines)
    assert any("column 'EXTRA': is not in the codebook" in line for line in lines)


def test_allow_extra_keeps_extra_columns_as_text(tmp_path):
    result, _ = run(tmp_path, BASIC_CODEBOOK, "code,AE,F1,EXTRA\nA,1,5,x\n", allow_extra=True)
    assert result.data.EXTRA.tolist() == ["x"]
    assert log_row(result, "extra_column", "EXTRA").n_affected == 1
    assert result.warnings and "EXTRA" in result.warnings[0]


def test_blank_and_duplicate_ids_are_errors(tmp_path):
    with pytest.raises(ProblemList) as info:
        run(tmp_path, BASIC_CODEBOOK, "code,AE,F1\nA,1,5\n,0,3\nA,1,1\n")
    lines = info.value.lines()
    assert any("row 3: '' is a blank respondent code" in line for line in lines)
    assert any("respondent code 'A' occurs in rows 2, 4" in line for line in lines)


REVERSE = BASIC_CODEBOOK + """
  allein: {label: "Allein", answers: nj5, reverse: true}
scales:
  both: {label: "Beide", items: [fam, allein], min_items: 2}
  keyed: {label: "Gekeyed", items: [fam, allein], reverse: [fam], min_items: 1}
"""


def test_reverse_keying_and_scale_scores(tmp_path):
    result, cb = run(tmp_path, REVERSE, """
        code,AE,F1,allein
        A,1,5,1
        B,0,4,9
        C,1,,
        D,0,2,4
        """)
    data = result.data
    # allein reversed: 6 - 1 = 5 ("Nein" keeps its label), 6 - 4 = 2
    assert cb.codes(data, "allein").tolist()[0] == 5 and data.allein.iloc[0] == "Nein"
    assert cb.codes(data, "allein").tolist()[3] == 2
    # both (min 2): A mean(5, 5) = 5; B has one item -> NA; C none -> NA; D mean(2, 2) = 2
    assert data.both.tolist()[0] == 5 and data.both.tolist()[3] == 2
    assert data.both.isna().tolist() == [False, True, True, False]
    # keyed reverses fam for this scale only: A mean(6-5, 5) = 3; B mean(6-4) = 2;
    # D mean(6-2, 2) = 3
    assert data.keyed.tolist()[0] == 3 and data.keyed.tolist()[1] == 2
    assert data.keyed.tolist()[3] == 3 and np.isnan(data.keyed.tolist()[2])
    assert log_row(result, "reverse", "allein").n_affected == 2  # A and D (B is 9, C blank)
    assert log_row(result, "scale_score", "both").n_affected == 2
    assert log_row(result, "scale_missing", "both").n_affected == 2


MULTI = """
id: code
answer_sets:
  ja_nein: {type: binary, levels: {0: "nein", 1: "ja"}}
variables:
  geraete: {label: "Geräte", type: multi,
            options: {g_sp: {label: "Smartphone", source: DG01_01}, g_pc: "PC"}}
  messenger: {label: "Messenger", type: multi, filter: "g_sp == 1",
              options: {m_wa: {label: "WhatsApp", source: DG02_01},
                        m_tg: {label: "Telegram", source: DG02_02}}}
  kanal: {label: "Kanal", type: multi, max_choices: 2,
          options: {k_tel: "Telefon", k_mail: "E-Mail", k_post: "Post"}}
"""


def test_multi_filter_violation_and_max_choices(tmp_path):
    result, _ = run(tmp_path, MULTI, """
        code,DG01_01,g_pc,DG02_01,DG02_02,k_tel,k_mail,k_post
        A,1,0,1,0,1,1,0
        B,0,1,1,0,1,1,1
        C,0,0,0,0,0,0,1
        D,1,1,,,0,0,0
        E,,1,1,1,2,0,0
        """)
    d = result.data
    assert d.g_sp.dtype == "Int8"
    # B ticked WhatsApp without a smartphone: a filter violation, blanked.
    # C has no smartphone and ticked nothing: not asked. E's base is unknown: kept.
    assert d.m_wa.tolist() == [1, pd.NA, pd.NA, pd.NA, 1]
    viol = log_row(result, "filter_violation", "messenger")
    assert viol.n_affected == 1 and viol.rows == "3"
    assert log_row(result, "not_asked", "messenger").n_affected == 1
    missing = result.missing.set_index(["respondent", "variable"])
    # B was outside the base: not asked, its answer discarded (and logged as a violation)
    assert tuple(missing.loc[("B", "messenger"), ["kind", "reason"]]) == (
        "not_asked", "Filterverstoß (Antwort verworfen)")
    assert missing.loc[("C", "messenger"), "kind"] == "not_asked"
    assert missing.loc[("D", "messenger"), "kind"] == "system"  # asked, no answer
    # B ticked three channels, at most two allowed: blanked
    assert d.loc["B", ["k_tel", "k_mail", "k_post"]].isna().all()
    assert log_row(result, "max_choices", "kanal").n_affected == 1
    # E's k_tel = 2 is not 0/1
    assert log_row(result, "out_of_range", "kanal").n_affected == 1
    assert pd.isna(d.loc["E", "k_tel"])


CODED = """
id: code
missing: {-9: "keine Angabe"}
variables:
  themen: {label: "Themen", type: coded, codes: {1: "Arbeit", 2: "Kinder", 3: "Wohnung"}}
"""


def test_coded_answers_several_per_person(tmp_path):
    result, _ = run(tmp_path, CODED, """
        code;themen
        A;1,3
        B;2; 3
        C;-9
        D;
        E;4;1
        """.replace("B;2; 3", 'B;"2; 3"').replace("E;4;1", 'E;"4;1"'))
    d = result.data
    assert list(d.columns) == ["themen_1", "themen_2", "themen_3"]
    assert d.themen_1.tolist() == [1, 0, pd.NA, pd.NA, 1]
    assert d.themen_3.tolist() == [1, 1, pd.NA, pd.NA, 0]
    # column sums = counts of mentions: 1 → A, E; 2 → B; 3 → A, B
    assert d.sum().tolist() == [2, 1, 2]
    row = log_row(result, "out_of_range", "themen")
    assert row.n_affected == 1 and "'4' ×1" in row.detail


def test_derived_cross(tmp_path):
    result, cb = run(tmp_path, BASIC_CODEBOOK + """
  u3: {label: "Kind u3", answers: ja_nein}
derived:
  gruppe: {label: "Gruppe", from: [ae, u3]}
""", "code,AE,F1,u3\nA,1,5,0\nB,0,5,1\nC,,5,1\n")
    g = result.data.gruppe
    assert list(g.cat.categories) == [
        "Alleinerziehend: nein / Kind u3: nein", "Alleinerziehend: nein / Kind u3: ja",
        "Alleinerziehend: ja / Kind u3: nein", "Alleinerziehend: ja / Kind u3: ja"]
    assert g.astype(object).tolist()[:2] == ["Alleinerziehend: ja / Kind u3: nein",
                                            "Alleinerziehend: nein / Kind u3: ja"]
    assert pd.isna(g.iloc[2])


def test_text_and_dates(tmp_path):
    result, _ = run(tmp_path, """
        id: code
        variables:
          anm: {type: text}
          datum: {type: date}
        """, "code,anm,datum\nA,hallo,2022-01-10\nB,,10.01.2022\nC,x,\n")
    assert result.data.anm.tolist()[0] == "hallo" and pd.isna(result.data.anm.iloc[1])
    assert result.data.datum.tolist()[:2] == [pd.Timestamp("2022-01-10")] * 2
    with pytest.raises(ProblemList, match="'32.13.2022' is not a date"):
        run(tmp_path, "id: code\nvariables:\n  datum: {type: date}\n",
            "code,datum\nA,32.13.2022\n")


CHAINED = """
id: code
answer_sets:
  ja_nein: {type: binary, levels: {0: "nein", 1: "ja"}}
variables:
  sp: {label: "Smartphone", answers: ja_nein}
  wa: {label: "WhatsApp", answers: ja_nein, filter: "sp == 1"}
  wa_tage: {label: "Tage mit WhatsApp", type: numeric, filter: "wa == 1"}
"""


def test_chained_filters_see_answers_already_discarded(tmp_path):
    result, _ = run(tmp_path, CHAINED, """
        code,sp,wa,wa_tage
        R1,0,1,3
        R2,1,,2
        R3,1,1,5
        R4,1,0,
        """)
    d = result.data
    # R1 had no smartphone: WhatsApp was not asked (answer discarded), so neither was the
    # follow-up; R2's WhatsApp answer is missing, so the base is unknown and 2 is kept
    assert d.wa_tage.tolist()[1:3] == [2.0, 5.0] and d.wa_tage.isna().tolist() == [
        True, False, False, True]
    assert log_row(result, "filter_violation", "wa").rows == "2"
    assert log_row(result, "filter_violation", "wa_tage").rows == "2"
    missing = result.missing.set_index(["respondent", "variable"])
    assert missing.loc[("R1", "wa_tage"), "kind"] == "not_asked"
    assert missing.loc[("R4", "wa_tage"), "kind"] == "not_asked"  # said no to WhatsApp


def test_log_lists_the_first_30_rows_and_counts_the_rest(tmp_path):
    # 100 respondents, every second one left F1 blank: 50 blank cells in rows 2, 4, ...
    rows = "".join(f"R{i},1,{'' if i % 2 == 0 else 3}\n" for i in range(100))
    result, _ = run(tmp_path, BASIC_CODEBOOK, "code,AE,F1\n" + rows)
    entry = log_row(result, "system_missing", "fam")
    # R0 is spreadsheet row 2, R58 row 60: the 30th blank; 20 more are counted, not listed
    assert entry.n_affected == 50
    assert entry.rows == ";".join(str(r) for r in range(2, 61, 2)) + ";… (+20)"


def test_each_distinct_cell_is_parsed_once_and_spread_to_its_rows(tmp_path):
    # the same texts in many rows (and padded with spaces) give the same values as once
    rows = "".join(f"R{i},{['1', ' 0 ', '2', '-9'][i % 4]},{['5', '9', ' 4', 'x'][i % 4]}\n"
                   for i in range(400)).replace(",x\n", ",\n")
    result, _ = run(tmp_path, BASIC_CODEBOOK, "code,AE,F1\n" + rows)
    ae, fam = (result.data[v].astype(object).fillna("NA").tolist() for v in ("ae", "fam"))
    assert ae[:4] == ["ja", "nein", "NA", "NA"] and ae == ae[:4] * 100
    assert fam[:4] == ["Ja", "NA", "eher ja", "NA"] and fam == fam[:4] * 100
    # '2' is not a level of ae (100 rows), -9 is user-missing (100 rows)
    assert log_row(result, "out_of_range", "ae").detail.endswith("'2' ×100")
    assert log_row(result, "user_missing", "ae").n_affected == 100


def test_text_codes_and_blank_unticked_options_are_read_as_delivered(tmp_path):
    """LimeSurvey-style delivery: answer codes as text ("A1") mapped by raw_codes, and a
    multiple-choice set that marks a tick "Y" and leaves other options blank."""
    from survey.codebook import load_codebook
    from survey.io import read_raw

    raw = tmp_path / "r.csv"
    raw.write_text("code;q;m_a;m_b\nR1;A1;Y;\nR2;A3;;Y\nR3;A2;;\nR4;;Y;Y\n", encoding="utf-8")
    book = tmp_path / "codebook.yml"
    book.write_text(
        "instrument: t\ntitle: T\nlanguage: en\nid: code\nvariables:\n"
        "  q: {label: Q, type: ordinal, levels: {1: low, 2: mid, 3: high},\n"
        "      raw_codes: {A1: 1, A2: 2, A3: 3}}\n"
        "  m: {label: M, type: multi, options: {m_a: A, m_b: B}, raw_codes: {Y: 1},\n"
        "      unticked: blank}\n", encoding="utf-8")
    cb = load_codebook(book)
    result = clean(read_raw(raw), cb)
    assert cb.codes(result.data, "q").tolist()[:3] == [1.0, 3.0, 2.0]
    assert pd.isna(cb.codes(result.data, "q").iloc[3])
    assert result.data["m_a"].astype(float).fillna(-1).tolist() == [1, 0, -1, 1]  # -1: NA
    assert result.data["m_b"].astype(float).fillna(-1).tolist() == [0, 1, -1, 1]
    bad = tmp_path / "bad.yml"
    bad.write_text(book.read_text(encoding="utf-8").replace("A3: 3", "A3: 7"),
                   encoding="utf-8")
    with pytest.raises(ProblemList, match=r"raw_codes\.A3.*7 is not a level"):
        load_codebook(bad)
