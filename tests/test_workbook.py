"""Tests of survey.workbook: the Excel workbook of a wave's shared result tables.

The tables are written as :meth:`survey.disclosure.Plan.publish` writes them (min_cell 5
unless said): withheld values empty and listed in the bookkeeping columns, which are
written here by hand (:func:`_publish`) with the decisions worked out in the comments
(the plan itself is tested in test_disclosure.py). The workbook is read back with
openpyxl. Expected numbers are the hand-made inputs (percentages worked out in the
comments); expected markers are where the bookkeeping puts them.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from conftest import planned_by_hand

from survey import tables
from survey.disclosure import Policy
from survey.errors import SurveyError
from survey.fileio import write_table
from survey.workbook import write_workbook

# --------------------------------------------------------------------------- helpers


def _publish(frame: pd.DataFrame, name: str, tables_dir: Path,
             withheld: dict[int, str] | None = None, small: dict[int, str] | None = None,
             near: dict[int, str] | None = None) -> Path:
    """Write ``<tables_dir>/<name>.csv`` as the disclosure plan publishes it, the decisions
    given by hand: ``withheld`` maps a row (position) to its withheld columns
    (";"-joined), ``small`` to those of them below min_cell ("< 5"), ``near`` to counts
    close to their total ("> 180"). Withheld values are left empty."""
    out = planned_by_hand(frame, withheld, small, near)
    return write_table(out, tables_dir, name)


#: Withheld with a count of a frequencies row: everything computed from it
_FREQ_ROW = "n;pct;pct_valid;ci_low;ci_high;pct_valid_cum"


def _freq(variable: str, counts: list[int], labels: list[str]) -> pd.DataFrame:
    """A frequencies table of one variable with valid answers only."""
    n = np.asarray(counts, dtype=float)
    pct = 100 * n / n.sum()
    return pd.DataFrame({
        "variable": variable, "label": f"Frage {variable}", "section": "s",
        "code": [float(i + 1) for i in range(len(counts))], "value_label": labels,
        "kind": "valid", "n": counts, "pct": pct, "pct_valid": pct,
        # illustrative bounds: only where they are put is tested
        "ci_low": pct - 10, "ci_high": pct + 10,
        "pct_valid_cum": np.cumsum(pct), "base_n": int(n.sum()),
    })


def _items() -> pd.DataFrame:
    return pd.DataFrame({
        "variable": ["zufrieden"], "label": ["Zufriedenheit"], "section": ["s"],
        "type": ["likert"], "base_n": [20], "n_valid": [20], "n_dont_know": [0],
        "n_missing": [0], "mean": [3.25], "sd": [0.9], "median": [3.0], "n_top_box": [8],
        "top_box_pct": [40.0], "top_box_ci_low": [21.9], "top_box_ci_high": [61.3],
    })


def _comparisons() -> pd.DataFrame:
    return pd.DataFrame({
        "variable": ["zufrieden", "alter"], "label": ["Zufriedenheit", "Alter"],
        "grouping": "ae", "grouping_label": "Alleinerziehend",
        "group_a": "ja", "group_b": "nein", "n_a": [12, 12], "n_b": [30, 3],
        "n_min": [12, 3], "center": "mean", "center_a": [3.5, 41.0], "center_b": [2.9, 38.0],
        "test": "welch_t", "statistic": [4.1, 0.8], "df": [25.3, 2.4], "p": [0.0004, 0.49],
        "p_adj": [0.0008, 0.49], "effect": "hedges_g", "effect_size": [0.71, 0.4],
        "ci_low": [0.02, -0.9], "ci_high": [1.4, 1.7],
    })


def _log() -> pd.DataFrame:
    return pd.DataFrame({"variable": ["alter", "kinder"], "label": ["Alter", "Kinder"],
                         "rule": ["out_of_range", "out_of_range"],
                         "rule_label": ["außerhalb", "außerhalb"],
                         "n_affected": [7, 3], "description": ["zu alt", "zu viele"]})


@pytest.fixture
def tables_dir(tmp_path: Path) -> Path:
    """reports/<wave>/tables as the notebooks write it through the plan, with a table the
    registry does not know."""
    out = tmp_path / "reports" / "w1" / "tables"
    # v: 17 and 3 of 20 -> 3 is "< 5", 17 is withheld with it ("."), the base of 20
    # would reveal one from the other; w: 10 and 6 of 16 -> 62.5 % and 37.5 %, shown
    freq = pd.concat([_freq("v", [17, 3], ["ja", "nein"]),
                      _freq("w", [10, 6], ["ja", "nein"])], ignore_index=True)
    _publish(freq, "frequencies", out, {0: _FREQ_ROW, 1: _FREQ_ROW}, {1: "n"})
    _publish(_items(), "items", out)  # nothing small: 20 valid, 8 and 12 in and out of top box
    # "alter": n_b = 3 < 5 withholds the statistics of its row ("." in center_a, …)
    _publish(_comparisons(), "group_comparisons", out,
             {1: "n_b;n_min;center_a;center_b;statistic;df;p;p_adj;effect_size;ci_low;ci_high"},
             {1: "n_b;n_min"})
    _publish(pd.DataFrame({"name": ["a", "=SUM(A1)"], "score": [1.5, 2.25]}), "extra_table",
             out)
    # kinder: 3 values changed is "< 5"
    _publish(_log(), "cleaning_log", out, {1: "n_affected"}, {1: "n_affected"})
    return out


def _rows(ws) -> list[list]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def _column(ws, header: str) -> list:
    headers = [c.value for c in ws[1]]
    j = headers.index(header)
    return [row[j] for row in ws.iter_rows(min_row=2, values_only=True)]


@pytest.fixture
def book(tables_dir: Path, tmp_path: Path) -> openpyxl.Workbook:
    target = write_workbook(tables_dir, tmp_path / "reports" / "w1" / "tabellen.xlsx",
                            policy=Policy(5), title="Welle 1")
    return openpyxl.load_workbook(target)


# --------------------------------------------------------------------------- sheets


def test_sheet_names_in_report_order(book):
    # ORDER, then tables the registry does not know alphabetically, then LAST
    assert book.sheetnames == ["Hinweise", "Häufigkeiten", "Itemkennwerte",
                               "Gruppenvergleiche", "extra_table", "Bereinigungsprotokoll"]


def test_headers_in_german(book):
    # frequencies' show, "ci" as its two bounds; "Frage" because two questions are in it
    assert [c.value for c in book["Häufigkeiten"][1]] == [
        "Frage", "Antwort", "n", "%", "gültige %", "KI unten", "KI oben", "kumulierte %"]
    assert [c.value for c in book["Itemkennwerte"][1]] == [
        "Item", "Basis", "n gültig", "M", "SD", "Md", "% Top-Box", "Top-Box KI unten",
        "Top-Box KI oben"]
    # the grouping (a caption in the report) first, the test (named below it) last
    assert [c.value for c in book["Gruppenvergleiche"][1]] == [
        "Merkmal", "Frage", "A", "B", "Prüfgröße", "p", "p (korr.)", "Effekt", "KI unten",
        "KI oben", "Test"]
    # no catalogue entry: the column's name
    assert [c.value for c in book["extra_table"][1]] == ["name", "score"]


def test_headers_and_names_in_english(tables_dir, tmp_path):
    book = openpyxl.load_workbook(
        write_workbook(tables_dir, tmp_path / "t.xlsx", policy=Policy(), language="en"))
    assert book.sheetnames == ["Notes", "Frequencies", "Item statistics", "Group comparisons",
                               "extra_table", "Cleaning log"]
    assert [c.value for c in book["Frequencies"][1]] == [
        "Question", "Answer", "n", "%", "valid %", "CI low", "CI high", "cumulative %"]
    assert _column(book["Group comparisons"], "Test") == ["Welch t", "Welch t"]


def test_no_bookkeeping_columns(book):
    for ws in book.worksheets[1:]:
        headers = [c.value for c in ws[1]]
        assert not {"suppressed", "suppressed_small", "suppressed_near_total"} & set(headers)
    assert book["Häufigkeiten"].max_column == 8


# --------------------------------------------------------------------------- cells


def test_counts_and_percentages_are_numbers(book):
    ws = book["Häufigkeiten"]
    rows = _rows(ws)
    # row 4: w = "ja", 10 of 16 = 62.5 %, cumulative 62.5 %
    assert rows[3] == ["Frage w", "ja", 10, 62.5, 62.5, 52.5, 72.5, 62.5]
    assert ws["C4"].data_type == "n" and isinstance(ws["C4"].value, int)
    assert ws["C4"].number_format == "0"
    assert isinstance(ws["D4"].value, float) and ws["D4"].number_format == "0.0"
    assert ws["F4"].number_format == "0.0"  # CI bounds of a percentage: percent too


def test_statistics_formats(book):
    ws = book["Itemkennwerte"]
    assert _rows(ws)[1] == ["Zufriedenheit", 20, 20, 3.25, 0.9, 3, 40, 21.9, 61.3]
    formats = [c.number_format for c in ws[2]]
    # text; counts 0; M, SD 2 decimals; median 1 (the spec's override); percentages 1
    assert formats == ["General", "0", "0", "0.00", "0.00", "0.0", "0.0", "0.0", "0.0"]


def test_p_values_kept_exact_with_a_format_below_001(book):
    ws = book["Gruppenvergleiche"]
    p = ws.cell(row=2, column=6)
    assert p.value == pytest.approx(0.0004)  # stored unrounded
    # shown "< 0,001" below .001, else three decimals
    assert p.number_format == '[<0.001]"< 0,001";0.000'


def test_withheld_cells_hold_the_report_markers(book):
    rows = _rows(book["Häufigkeiten"])
    # v: 3 of 20 is "< 5" with all its percentages "."; 17 is withheld as its partner
    assert rows[1] == ["Frage v", "ja", ".", ".", ".", ".", ".", "."]
    assert rows[2] == ["Frage v", "nein", "< 5", ".", ".", ".", ".", "."]
    # "alter": n_b = 3 withholds every statistic of the row; the labels stay
    assert _rows(book["Gruppenvergleiche"])[2] == [
        "Alleinerziehend", "Alter", ".", ".", ".", ".", ".", ".", ".", ".", "Welch-t"]


def test_marker_uses_the_actual_min_cell(tmp_path):
    out = tmp_path / "tables"
    # 8 < 10 -> "< 10"; 12 withheld with it (20 − 12 = 8)
    _publish(_freq("v", [12, 8], ["ja", "nein"]), "frequencies", out,
             {0: _FREQ_ROW, 1: _FREQ_ROW}, {1: "n"})
    book = openpyxl.load_workbook(write_workbook(out, tmp_path / "t.xlsx",
                                                 policy=Policy(10)))
    assert _column(book["Häufigkeiten"], "n") == [".", "< 10"]
    notes = [c.value for c in book["Hinweise"]["B"]]
    assert tables.legend("de", Policy(10)) in notes


def test_a_count_close_to_its_total_is_a_bound(tmp_path):
    out = tmp_path / "tables"
    # 181 of 185 ticked WhatsApp: 4 did not, so the 181 is withheld near its total
    m = pd.DataFrame({
        "variable": "messenger", "variable_label": "Messenger", "option": ["wa", "tg"],
        "label": ["WhatsApp", "Telegram"], "grouping": "total", "group": "total",
        "base_n": 185, "n": [181, 9], "pct_cases": [100 * 181 / 185, 100 * 9 / 185],
        "pct_responses": [100 * 181 / 190, 100 * 9 / 190]})
    _publish(m, "multi_response", out, {0: "n;pct_cases;pct_responses", 1: "pct_responses"},
             near={0: "n"})
    ws = openpyxl.load_workbook(write_workbook(out, tmp_path / "t.xlsx",
                                               policy=Policy(5)))["Mehrfachantworten"]
    # 185 − 5 = 180; 100 * 180 / 185 = 97.297… -> "> 97,3"; the ticks' share: "."
    assert _rows(ws)[1:] == [["WhatsApp", "> 180", "> 97,3", "."],
                             ["Telegram", 9, pytest.approx(100 * 9 / 185), "."]]


def test_a_table_not_through_the_plan_is_refused(tables_dir, tmp_path):
    # the cleaning log written without the plan's bookkeeping: its 3 would be shown
    write_table(_log(), tables_dir, "cleaning_log")
    target = tmp_path / "t.xlsx"
    with pytest.raises(SurveyError, match="disclosure plan") as caught:
        write_workbook(tables_dir, target, policy=Policy(5))
    assert "cleaning_log.csv" in str(caught.value)
    assert not target.exists()
    # the internal workbook shows the tables as written: the 3 too
    intern = openpyxl.load_workbook(write_workbook(tables_dir, target,
                                                   policy=Policy(5, internal=True)))
    assert _rows(intern["Bereinigungsprotokoll"])[1:] == [
        ["Alter", "außerhalb", 7, "zu alt"], ["Kinder", "außerhalb", 3, "zu viele"]]


def test_a_planned_table_shows_its_markers(book):
    # the cleaning log through the plan: 7 >= 5 is shown, 3 is not
    assert _rows(book["Bereinigungsprotokoll"])[1:] == [
        ["Alter", "außerhalb", 7, "zu alt"], ["Kinder", "außerhalb", "< 5", "zu viele"]]


def test_text_that_looks_like_a_formula_stays_text(book):
    cell = book["extra_table"]["A3"]
    assert cell.value == "=SUM(A1)" and cell.data_type == "s"
    # a generic table's numbers keep their decimals (score: 2)
    assert book["extra_table"]["B3"].value == 2.25
    assert book["extra_table"]["B3"].number_format == "0.00"


# --------------------------------------------------------------------------- layout


def test_header_row_frozen_bold_and_filtered(book):
    ws = book["Häufigkeiten"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:H5"  # 8 columns, header and 4 rows
    assert all(c.font.b for c in ws[1])
    for ws in book.worksheets[1:]:
        assert ws.freeze_panes == "A2"


def test_column_widths_fitted_and_capped(tmp_path):
    out = tmp_path / "tables"
    long_label = "Wie zufrieden sind Sie " + "sehr " * 30 + "insgesamt?"
    frame = _freq("v", [10, 6], ["ja", "nein"]).assign(label=long_label)
    _publish(frame, "frequencies", out)
    ws = openpyxl.load_workbook(write_workbook(out, tmp_path / "t.xlsx",
                                               policy=Policy()))["Häufigkeiten"]
    widths = {k: v.width for k, v in ws.column_dimensions.items()}
    # one question only: its label is not shown (show_if_varies); "Antwort" + 2
    assert ws["A1"].value == "Antwort" and widths["A"] == 9
    assert all(w <= 60 for w in widths.values())

    frame = pd.concat([frame, _freq("w", [10, 6], ["ja", "nein"])], ignore_index=True)
    _publish(frame, "frequencies", out)
    ws = openpyxl.load_workbook(write_workbook(out, tmp_path / "t.xlsx",
                                               policy=Policy()))["Häufigkeiten"]
    assert ws.column_dimensions["A"].width == 60  # capped
    assert ws["A2"].alignment.wrap_text  # the long label wraps


def test_notes_sheet(book):
    ws = book["Hinweise"]
    assert ws["A1"].value == "Welle 1: Ergebnistabellen"
    assert ws["B3"].value == tables.legend("de", Policy(5))
    assert "Dezimalkomma" in ws["B4"].value
    listed = _rows(ws)[6:]
    assert [r[0] for r in listed] == book.sheetnames[1:]
    # rows per sheet: 4 frequencies, 1 item, 2 comparisons, 2 extra, 2 log entries
    assert [r[2] for r in listed] == [4, 1, 2, 2, 2]
    assert [r[3] for r in listed] == ["frequencies.csv", "items.csv",
                                      "group_comparisons.csv", "extra_table.csv",
                                      "cleaning_log.csv"]
    assert ws["A7"].hyperlink.location == "'Häufigkeiten'!A1"


def test_sheet_names_valid_and_unique(tmp_path):
    out = tmp_path / "tables"
    frame = pd.DataFrame({"x": [1.5]})
    for name in ("Hinweise", "a_very_long_table_name_of_more_than_31_chars", "what?"):
        _publish(frame, name, out)
    book = openpyxl.load_workbook(write_workbook(out, tmp_path / "t.xlsx", policy=Policy()))
    assert book.sheetnames == ["Hinweise", "Hinweise (2)", "a_very_long_table_name_of_more_",
                               "what_"]


def test_empty_table_gets_its_headers(tmp_path):
    out = tmp_path / "tables"
    _publish(_freq("v", [10, 6], ["ja", "nein"]).iloc[:0], "frequencies", out)
    ws = openpyxl.load_workbook(write_workbook(out, tmp_path / "t.xlsx",
                                               policy=Policy()))["Häufigkeiten"]
    assert ws.max_row == 1 and ws["A1"].value == "Antwort"


# --------------------------------------------------------------------------- failures


def test_failure_leaves_no_file(tables_dir, tmp_path, monkeypatch):
    target = tmp_path / "out" / "tabellen.xlsx"

    def fail(self, filename):
        Path(filename).write_bytes(b"half a workbook")
        raise OSError("disk full")

    monkeypatch.setattr(openpyxl.Workbook, "save", fail)
    with pytest.raises(OSError, match="disk full"):
        write_workbook(tables_dir, target, policy=Policy())
    assert not target.exists()
    assert list(target.parent.iterdir()) == []  # no temporary file left


def test_failure_keeps_the_old_workbook(tables_dir, tmp_path, monkeypatch):
    target = tmp_path / "tabellen.xlsx"
    target.write_bytes(b"old")

    def fail(self, filename):
        raise OSError("disk full")

    monkeypatch.setattr(openpyxl.Workbook, "save", fail)
    with pytest.raises(OSError):
        write_workbook(tables_dir, target, policy=Policy())
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports", "tabellen.xlsx"]


def test_no_tables_is_an_error(tmp_path):
    with pytest.raises(SurveyError, match="no result tables"):
        write_workbook(tmp_path, tmp_path / "t.xlsx", policy=Policy())
    assert not (tmp_path / "t.xlsx").exists()


@pytest.mark.parametrize(("arguments", "message"), [
    (lambda: {"policy": Policy(), "language": "fr"}, "language must be one of de, en"),
    (lambda: {"policy": Policy(min_cell=0)}, "min_cell must be a positive integer"),
])
def test_bad_arguments(tables_dir, tmp_path, arguments, message):
    # the run's min_cell is checked where the policy is made, before a workbook is written
    with pytest.raises(ValueError, match=message):
        write_workbook(tables_dir, tmp_path / "t.xlsx", **arguments())
    assert not (tmp_path / "t.xlsx").exists()
