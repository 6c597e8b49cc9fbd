"""Reading raw exports as text: encodings, delimiters, formats, broken files."""

from __future__ import annotations

import pandas as pd
import pytest

from survey.errors import DataError
from survey.io import read_raw


def test_german_excel_csv(tmp_path):
    # What German Excel writes: BOM, semicolons, decimal commas, CRLF
    path = tmp_path / "raw.csv"
    path.write_bytes(b"\xef\xbb\xbfcode;alter;ort\r\nA;34,5;M\xc3\xbcnster\r\nB;;\r\n")
    table = read_raw(path)
    assert (table.encoding, table.delimiter) == ("utf-8", ";")
    assert list(table.frame.columns) == ["code", "alter", "ort"]  # BOM removed from 'code'
    assert table.frame.values.tolist() == [["A", "34,5", "Münster"], ["B", "", ""]]


def test_windows_1252_fallback(tmp_path):
    path = tmp_path / "raw.csv"
    path.write_bytes("code;ort\nA;Münster\n".encode("cp1252"))
    table = read_raw(path)
    assert table.encoding == "cp1252" and table.frame.ort.tolist() == ["Münster"]


def test_quoted_commas_and_empty_trailing_line(tmp_path):
    path = tmp_path / "raw.csv"
    path.write_text('code,themen\nA,"1,3"\n\n', encoding="utf-8")
    assert read_raw(path).frame.themen.tolist() == ["1,3"]


@pytest.mark.parametrize("content, message", [
    ("code,a\nA,1,2\n", "row 2: has 3 fields, the header has 2"),
    ("code,a,a\nA,1,2\n", "row 1: columns 2 and 3 are both named 'a'"),
    ("code,,b\nA,1,2\n", "row 1: column 2 of the header has no name"),
    ("", "the file is empty"),
])
def test_broken_csv_is_one_line_error(tmp_path, content, message):
    path = tmp_path / "raw.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_raw(path)
    assert str(info.value) == f"{path}, {message}" or str(info.value) == f"{path}: {message}"


def test_missing_and_unknown_format(tmp_path):
    with pytest.raises(DataError, match="raw data file not found"):
        read_raw(tmp_path / "nope.csv")
    (tmp_path / "x.json").write_text("{}")
    with pytest.raises(DataError, match="unknown raw file format '.json'"):
        read_raw(tmp_path / "x.json")


def test_xlsx_cells_come_back_as_text(tmp_path):
    path = tmp_path / "raw.xlsx"
    pd.DataFrame({"code": ["A", "B"], "alter": [34.5, None], "f1": [5, 9]}).to_excel(
        path, index=False)
    frame = read_raw(path).frame
    assert frame.values.tolist() == [["A", "34.5", "5"], ["B", "", "9"]]


def test_sav_cells_come_back_as_text(tmp_path):
    pyreadstat = pytest.importorskip("pyreadstat")
    path = tmp_path / "raw.sav"
    pyreadstat.write_sav(pd.DataFrame({"code": ["A", "B"], "f1": [5.0, float("nan")]}), path)
    assert read_raw(path).frame.values.tolist() == [["A", "5"], ["B", ""]]


def test_raw_file_is_not_modified(tmp_path):
    path = tmp_path / "raw.csv"
    path.write_bytes(b"\xef\xbb\xbfcode;a\r\nA;1\r\n")
    before = path.read_bytes(), path.stat().st_mtime_ns
    read_raw(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
