"""Reading raw exports as text: encodings, delimiters, formats, broken files."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from survey.errors import DataError
from survey.io import read_raw
from survey.iotext import _read_csv_arrow, _read_csv_module


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


# -- the fast reader (pyarrow) reads exactly what the csv module reads ----------------------

AWKWARD_BUT_VALID = [
    pytest.param(b"\xef\xbb\xbfsep=;\r\ncode;text;f1\r\nA;\"x;y\";1\r\n\r\n"
                 b"B;\"zwei\r\nZeilen\";2\r\nC;\"\"\"zitiert\"\"\";3\r\n;;\r\n\r\n",
                 id="excel_sep_line_quotes_line_break_blank_lines"),
    pytest.param(b'code,ort,f1\nA,"Berlin, Mitte",1\nB,,\n\n\n', id="comma_quoted_comma"),
    pytest.param(b"code;f1\rA;1\rB;2\r\r", id="old_mac_line_ends"),
    pytest.param(b"code\tf1\nA\t 3 \nB\t\n", id="tab_padded_cells"),
    pytest.param("code;ort\nA;M\u00fcnster\nB;x\ufeffy\n".encode(), id="umlaut_and_inner_bom"),
    pytest.param(b'code;a;b\nA;"";""\nB;"""";x\n', id="empty_and_quote_only_quoted_cells"),
]


@pytest.mark.parametrize("data", AWKWARD_BUT_VALID)
def test_fast_reader_reads_what_the_csv_module_reads(tmp_path, data):
    path = tmp_path / "raw.csv"
    fast, module = _read_csv_arrow(path, data), _read_csv_module(path, data)
    assert fast is not None  # this file is for pyarrow
    assert list(fast.frame.columns) == list(module.frame.columns)
    assert fast.frame.values.tolist() == module.frame.values.tolist()
    assert (fast.encoding, fast.delimiter) == (module.encoding, module.delimiter)


@pytest.mark.parametrize("data", [
    pytest.param(b'code;f1\nA;ab"c\n', id="quote_inside_a_cell"),
    pytest.param(b'code;f1\nA;"zu" viel\n', id="text_after_closing_quote"),
    pytest.param(b'code;f1\nA;"offen\nB;1\n', id="unclosed_quote"),
    pytest.param(b"code;f1\nA;1\n   \nB;2\n", id="line_of_spaces"),
    pytest.param(b"code;f1\nA;1;2\n", id="too_many_fields"),
    pytest.param(b"code;f1\nA;1\nB\n", id="too_few_fields"),
    pytest.param(b"code;f1\nA;M\x00nster\n", id="nul_byte"),
    pytest.param("code;ort\nA;Münster\n".encode("cp1252"), id="windows_1252"),
    pytest.param(b"\xff\xfe" + "code\tf1\r\nA\t1\r\n".encode("utf-16-le"), id="utf16"),
    pytest.param(b"code;f1\nA;" + b"x" * 140_000 + b"\n", id="field_over_the_csv_limit"),
    pytest.param(b'code;"von; bis"\nA;1\n', id="quoted_header"),
    pytest.param(b"code\nA\n", id="one_column"),
    pytest.param(b"code;f1\n\xef\xbb\xbfA;1\n", id="bom_starting_the_first_row"),
    pytest.param(b"\ncode;f1\nA;1\n", id="empty_header_line"),
    pytest.param(b"code;f1", id="header_without_line_end"),
])
def test_fast_reader_passes_on_what_the_csv_module_must_decide(tmp_path, data):
    assert _read_csv_arrow(tmp_path / "raw.csv", data) is None


def test_fast_reader_agrees_with_the_csv_module_on_random_files(tmp_path):
    # small files made of the awkward pieces: quoted cells with separators, line breaks
    # and doubled quotes, stray quotes, blank and space-only lines, short rows, three
    # kinds of line end, BOM and sep= line; whatever pyarrow reads, the csv module reads
    # the same (and does not refuse)
    rng = random.Random(20240611)
    path, fast_reads = tmp_path / "raw.csv", 0
    for _ in range(1500):
        data = _random_table(rng)
        fast = _read_csv_arrow(path, data)
        if fast is None:
            continue
        fast_reads += 1
        module = _read_csv_module(path, data)
        assert fast.frame.values.tolist() == module.frame.values.tolist(), data
        assert list(fast.frame.columns) == list(module.frame.columns), data
    assert fast_reads > 200  # the test exercises the fast reader


def _random_table(rng: random.Random) -> bytes:
    sep = rng.choice([";", ",", "\t"])
    newline = rng.choice(["\n", "\r\n", "\r"])

    def cell() -> str:
        pick = rng.random()
        if pick < 0.4:
            return rng.choice(["", "1", "ab", " x ", "ü", "-9", "3,5"])
        if pick < 0.8:
            parts = ["a", sep, "\n", "\r\n", "\r", '""', " ", "ü"]
            return '"' + "".join(rng.choice(parts) for _ in range(rng.randint(0, 5))) + '"'
        return "".join(rng.choice(["a", '"', sep, " ", "\r", "\n"]) for _ in range(3))

    width = rng.randint(2, 4)
    lines = [sep.join(rng.choice(["code", "a", " b ", "c"]) for _ in range(width))]
    for _ in range(rng.randint(0, 6)):
        lines.append(sep.join(cell() for _ in range(width if rng.random() < 0.9 else 1)))
        if rng.random() < 0.1:
            lines.append(rng.choice(["", "  "]))
    text = rng.choice(["", f"sep={sep}{newline}"]) + newline.join(lines)
    return rng.choice([b"", b"\xef\xbb\xbf"]) + (text + rng.choice(["", newline])).encode()


def test_a_large_plain_export_is_read_by_pyarrow(tmp_path):
    rows = "".join(f"R{i:05d};{i % 5 + 1};{i % 3};;34,5\r\n" for i in range(20_000))
    data = b"\xef\xbb\xbf" + ("code;f1;f2;f3;f4\r\n" + rows).encode()
    path = tmp_path / "raw.csv"
    path.write_bytes(data)
    fast, table = _read_csv_arrow(path, data), read_raw(path)
    assert fast is not None and table.frame.shape == (20_000, 5)
    assert table.frame.iloc[-1].tolist() == ["R19999", "5", "1", "", "34,5"]
    assert (table.encoding, table.delimiter) == ("utf-8", ";")
