"""Tests of survey.audit: leaks of every kind are planted into shared outputs that are
clean, and the audit must find each one (and nothing in the clean outputs).

The wave (N = 20, worked out by hand): ``ae`` (yes/no) 3 × ja, 17 × nein; ``fam`` (1–5 with
"weiß nicht" = 9) 10 × Ja, 6 × eher ja, 2 × mittel, 2 × weiß nicht. At ``min_cell`` 5 the
wave's plan withholds ae's 3 and its complement 17, fam's 2 "mittel" and 2 "weiß nicht" (the
two protect each other: they add up to 20 − 16 = 4, which 1 + 3, 2 + 2 and 3 + 1 all give).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import TINY_STUDY, write

from survey import audit, describe, quality
from survey.audit import Finding, audit_folder, wilson_count
from survey.disclosure import Policy, plan
from survey.store import load_wave

CODEBOOK, RAW = TINY_STUDY


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> tuple[Path, object]:
    """A shared folder ``reports/tiny/tables`` as the wave's plan writes it."""
    root = tmp_path_factory.mktemp("tiny")
    write(root / "data/raw/tiny/codebook.yml", CODEBOOK)
    write(root / "data/raw/tiny/raw.csv", RAW)
    write(root / "waves.yml", """
        waves:
          tiny: {title: "Tiny", raw: data/raw/tiny/raw.csv, codebook: data/raw/tiny/codebook.yml}
        """)
    wd = load_wave("tiny", root / "waves.yml", root / "processed")
    folder = root / "reports" / "tiny"
    p = plan(wd, Policy(5))
    for name, frame in (("frequencies", describe.frequencies(wd.data, wd.missing, wd.codebook)),
                        ("items", describe.items(wd.data, wd.missing, wd.codebook)),
                        ("missingness", quality.missingness_table(wd.missing, wd.codebook, 20))):
        p.publish(frame, name, folder / "tables")
    return folder, wd.codebook


@pytest.fixture
def shared(clean, tmp_path) -> tuple[Path, object]:
    folder, codebook = clean
    copy = tmp_path / "reports" / "tiny"
    shutil.copytree(folder, copy)
    return copy, codebook


def _edit(folder: Path, table: str, variable: str, where: dict, **values) -> None:
    """Show again (``values``) what the plan withheld in one row of a shared CSV."""
    path = folder / "tables" / f"{table}.csv"
    frame = pd.read_csv(path, keep_default_na=False, na_values=[""])
    rows = frame["variable"] == variable
    for column, value in where.items():
        rows &= frame[column] == value
    assert rows.sum() == 1
    for column, value in values.items():
        frame[column] = frame[column].astype(object)
        frame.loc[rows, column] = value
        frame.loc[rows, "suppressed"] = ";".join(
            c for c in str(frame.loc[rows, "suppressed"].item()).split(";") if c != column)
    frame.to_csv(path, index=False)


def _values(findings: list[Finding]) -> list[float]:
    return sorted(f.value for f in findings)


def test_the_plans_outputs_pass(clean):
    folder, codebook = clean
    assert audit_folder(folder, min_cell=5, codebook=codebook) == []
    # the same outputs at a stricter threshold: 6 (eher ja) is below 10 and shown
    strict = audit_folder(folder, min_cell=10, codebook=codebook)
    assert 6 in _values(strict)


def test_a_small_count_shown_is_read(shared):
    folder, codebook = shared
    _edit(folder, "frequencies", "ae", {"value_label": "ja"}, n=3)
    found = audit_folder(folder, min_cell=5, codebook=codebook)
    assert any(f.value == 3 and f.how == "shown in the table" for f in found)


def test_a_share_times_its_base(shared):
    folder, codebook = shared
    _edit(folder, "frequencies", "ae", {"value_label": "ja"}, pct=15.0)  # 15 % of 20 = 3
    found = audit_folder(folder, min_cell=5, codebook=codebook)
    assert 3 in _values(found)


def test_a_confidence_interval_gives_its_count(shared):
    # the Wilson interval of 3 of 20 (worked out with the formula, below) and the base
    folder, codebook = shared
    z = 1.959963984540054
    p, n = 3 / 20, 20
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    _edit(folder, "frequencies", "ae", {"value_label": "ja"},
          ci_low=100 * (centre - half), ci_high=100 * (centre + half))
    assert wilson_count(100 * (centre - half), 100 * (centre + half), 20) == 3
    assert 3 in _values(audit_folder(folder, min_cell=5, codebook=codebook))


def test_a_total_minus_the_shown_parts(shared):
    folder, codebook = shared
    _edit(folder, "frequencies", "ae", {"value_label": "nein"}, n=17)  # 20 − 17 = 3
    assert 3 in _values(audit_folder(folder, min_cell=5, codebook=codebook))


def test_the_same_cell_in_two_tables(shared):
    # each table alone keeps fam's 2 "mittel": frequencies shows Ja 10, eher ja 6 and the
    # base 20 (mittel + weiß nicht = 4, both withheld); the missing-value table shows only
    # fam's 18 valid answers if it shows n_valid. Together: 18 − 10 − 6 = 2.
    folder, codebook = shared
    assert audit_folder(folder, min_cell=5, codebook=codebook) == []
    _edit(folder, "missingness", "fam", {}, n_valid=18)
    found = audit_folder(folder, min_cell=5, codebook=codebook)
    assert 2 in _values(found)


def test_a_binary_items_mean(shared):
    folder, codebook = shared
    _edit(folder, "items", "ae", {}, mean=0.15)  # 0.15 · 20 valid = 3
    assert 3 in _values(audit_folder(folder, min_cell=5, codebook=codebook))


def test_a_workbook_number_where_the_csv_withholds(shared):
    from openpyxl import load_workbook

    from survey.workbook import write_workbook

    folder, codebook = shared
    book = folder / "tabellen.xlsx"
    write_workbook(folder / "tables", book, policy=Policy(5), language="de", title="Tiny")
    assert audit_folder(folder, min_cell=5, codebook=codebook) == []
    wb = load_workbook(book)
    planted = False
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value == "< 5" and not planted:
                    cell.value = 3  # the number the marker stands for
                    planted = True
    assert planted
    wb.save(book)
    found = audit_folder(folder, min_cell=5, codebook=codebook)
    assert any("tabellen.xlsx" in f.file for f in found)


@pytest.mark.parametrize(("html", "value"), [
    ("<p>Befragte (n = 3) sagten …</p>", 3),
    ("<table><thead><tr><th>n</th></tr></thead><tbody><tr><td>4</td></tr></tbody>"
     "</table>", 4),
])
def test_a_count_in_the_text_of_a_page(shared, html, value):
    folder, codebook = shared
    (folder / "02-descriptives.html").write_text(f"<html><body>{html}</body></html>",
                                                 encoding="utf-8")
    found = audit_folder(folder, min_cell=5, codebook=codebook)
    assert value in _values(found)


def test_an_internal_page_in_a_shared_folder(shared):
    folder, codebook = shared
    (folder / "02-descriptives.html").write_text(
        '<html><body><div class="survey-intern">intern</div></body></html>', encoding="utf-8")
    found = audit_folder(folder, min_cell=5, codebook=codebook)
    assert any("internal" in f.how for f in found)


def test_findings_name_file_row_and_column(shared):
    folder, codebook = shared
    _edit(folder, "frequencies", "ae", {"value_label": "ja"}, n=3)
    found = [f for f in audit_folder(folder, min_cell=5, codebook=codebook)
             if f.how == "shown in the table"]
    assert str(found[0]) == "tiny/tables/frequencies.csv: row 3, n = 3 (shown in the table)"


def test_audit_of_a_batch_folder(clean):
    folder, codebook = clean
    result = audit.audit(folder.parent, ["tiny", "absent"], min_cell=5,
                         codebooks={"tiny": codebook})
    assert result == {"tiny": []}
