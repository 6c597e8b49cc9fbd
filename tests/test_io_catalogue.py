"""A catalogue of awkward and malformed raw files, and what ``survey.io.read_raw`` makes of them.

Every case writes its file's bytes into ``tmp_path`` and reads it once. Awkward but valid files
must give the listed cells (all ``str``); broken ones must raise exactly one
:class:`survey.errors.DataError` whose one-line message is ``<file><message>`` (the message
below starts right after the file name). Either way the raw file is byte-identical afterwards.

=============================  =============================================================
case (``id``)                  outcome (``<file>`` + message, or what is read)
=============================  =============================================================
comma_delimited                read: ``,`` delimiter, blank cell ``""``
semicolon_decimal_comma        read: ``;`` delimiter, CRLF, ``"34,5"`` stays text
tab_delimited_tsv              read: tab delimiter
utf8_bom                       read: BOM removed from the first column name
windows_1252                   read: ``encoding == "cp1252"``, umlauts right
utf16_bom_unicode_text         read: Excel "Unicode text" (UTF-16 LE with BOM, tabs)
quoted_line_break              read: a quoted cell with a line break and a ``;`` inside
header_only                    read: 0 rows, the header's columns
blank_lines_and_empty_row      read: blank lines skipped, a row of empty fields (``;``) kept
old_mac_line_ends              read: lines ended by ``\\r`` alone
excel_sep_line                 read: Excel's ``sep=;`` first line names the delimiter
quoted_delimiter_in_header     read: a ``,`` inside a quoted header name is no delimiter
xlsx_first_sheet_dates         read: first sheet; dates as ISO text, 5 not 5.0, blank ``""``
xlsx_named_sheet               read: ``read_raw(path, sheet="Zweites")``
sav_labels_user_missing        read: codes as delivered, user-missing ``"9"`` kept, dates ISO,
                               a missing date/time ``""``
empty_file                     ``: the file is empty``
only_bom_and_newline           ``: the file is empty``
truncated_last_row             ``, row 4: has 2 fields, the header has 3; the last row is
                               incomplete: is the file cut off?``
row_with_extra_field           ``, row 2: has 3 fields, the header has 2``
unclosed_quote                 ``, row 2: a quoted field is never closed (the file ends
                               inside quotes; is it cut off?)``
unclosed_quote_long_file       ``, row 2: a field is longer than 131072 characters (a quote
                               that is never closed?)``
text_after_closing_quote       ``, row 2: text follows a closing quote (';' expected after
                               '"')``
duplicate_column_names         ``, row 1: columns 2 and 3 are both named 'f1'``
blank_column_name              ``, row 1: column 2 of the header has no name``
empty_header_line              ``, row 1: the first line (the header) is empty``
nul_byte_in_cell               ``, column 'ort', row 2: contains NUL bytes (0x00): a damaged
                               or padded copy; ask for the file again``
nul_padding_at_end             ``, column 'code', row 3: contains NUL bytes (0x00): ...``
only_nul_bytes                 ``: is not a text table (it holds nothing but NUL bytes: a
                               damaged copy)``
utf16_without_bom              ``: is not a text table (UTF-16 text without a byte-order
                               mark? Save it as CSV UTF-8)``
binary_garbage_csv             ``: is not a text table (binary content)``
xlsx_named_csv                 ``: is not a text table (it is an Excel .xlsx workbook or
                               another ZIP archive)``
mixed_utf8_and_cp1252          ``: mixes UTF-8 (line 2) and another encoding (byte 0xfc on
                               line 3); save it again as CSV UTF-8``
undecodable_byte               ``: is neither UTF-8 nor Windows-1252 text (byte 0x81 on
                               line 2)``
zero_byte_xlsx                 ``: the file is empty``
cut_off_xlsx                   ``: is a damaged or cut-off Excel workbook (...)``
text_named_xlsx                ``: is not an Excel workbook (an .xlsx file is a ZIP archive;
                               this one is not: ...)``
protected_or_old_xlsx          ``: is password-protected, or an old .xls workbook with an
                               .xlsx name; save it (unprotected) as .xlsx``
old_binary_xls                 ``: is an old Excel .xls workbook; save it (unprotected) as
                               .xlsx``
xlsx_missing_sheet             ``: has no sheet 'Blatt9' (sheets: 'Erstes', 'Zweites')``
xlsx_duplicate_header          ``, row 1: columns 2 and 3 are both named 'f1'``
xlsx_empty_sheet               ``: the sheet 'Leer' is empty``
cut_off_sav                    ``: cannot be read as SPSS data (...); is it damaged or cut
                               off?``
garbage_sav                    ``: cannot be read as SPSS data (Invalid file, or file has
                               unsupported features); is it damaged or cut off?``
text_named_sav                 ``: is not an SPSS file (it does not start with '$FL2' or
                               '$FL3')``
unknown_extension              ``: unknown raw file format '.json' (supported: .csv, .txt,
                               .tsv, .xlsx, .xls, .sav, .zsav)``
no_extension                   ``: no file extension (supported: ...)``
sheet_for_a_csv                ``: a sheet ('Zweites') was asked for, but only Excel
                               workbooks have sheets``
missing_file                   ``: raw data file not found``
directory                      ``: is a folder, not a raw data file``
=============================  =============================================================

NUL bytes are refused, not stripped: they mean a damaged or padded copy, and stripping them
could hide a cut-off file (see ``survey.io``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from survey.errors import DataError
from survey.io import read_raw

pyreadstat = pytest.importorskip("pyreadstat")


# ------------------------------------------------------------------------------ file builders


def _bytes(data: bytes) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        path.write_bytes(data)

    return build


def _xlsx_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx(sheets: dict[str, list[list[object]]]) -> Callable[[Path], None]:
    return _bytes(_xlsx_bytes(sheets))


SHEETS = {
    "Erstes": [
        ["code", "datum", "zeitpunkt", "f1", "alter", "notiz"],
        ["A", dt.datetime(2021, 4, 1), dt.datetime(2021, 4, 1, 10, 30), 5, 34.5, "x"],
        ["B", dt.date(2021, 4, 2), None, 9, None, None],
    ],
    "Zweites": [["code", "f2"], ["C", 3]],
}


def _sav(path: Path) -> None:
    frame = pd.DataFrame({"code": ["A", "B", "C"], "f1": [1.0, 9.0, float("nan")],
                          "datum": [dt.date(2021, 4, 1), None, dt.date(2021, 4, 2)],
                          "zeit": [dt.datetime(2021, 4, 1, 10, 30), None, None]})
    pyreadstat.write_sav(frame, path, variable_value_labels={"f1": {1: "ja", 9: "weiß nicht"}},
                         missing_ranges={"f1": [9]})


def _cut_off_sav(path: Path) -> None:
    _sav(path)
    path.write_bytes(path.read_bytes()[:-3])  # the last value is cut off


def _directory(path: Path) -> None:
    path.mkdir()


def _nothing(path: Path) -> None:
    pass


def _garbage() -> bytes:
    return random.Random(20210401).randbytes(2048)  # fixed seed: the same bytes every run


# ------------------------------------------------------------------------------ the catalogue


@dataclass(frozen=True)
class Case:
    """One raw file: its name, how its bytes are made and what reading it gives.

    ``message`` is the documented error message after the file name (``None`` for files that
    read); ``columns``/``rows`` are the expected cells, ``attrs`` further RawTable fields;
    ``ask_sheet`` is passed as ``read_raw(path, sheet=...)``.
    """

    name: str
    build: Callable[[Path], None]
    message: str | None = None
    columns: list[str] | None = None
    rows: list[list[str]] | None = None
    attrs: dict[str, str] = field(default_factory=dict)
    ask_sheet: str | None = None  # read_raw(path, sheet=ask_sheet)


def ok(name, build, columns, rows, case_id, ask_sheet=None, **attrs):
    return pytest.param(Case(name, build, None, columns, rows, attrs, ask_sheet), id=case_id)


def bad(name, build, message, case_id, ask_sheet=None):
    return pytest.param(Case(name, build, message, ask_sheet=ask_sheet), id=case_id)


CUT_OFF = "; the last row is incomplete: is the file cut off?"
NUL = ": contains NUL bytes (0x00): a damaged or padded copy; ask for the file again"
SUPPORTED = "(supported: .csv, .txt, .tsv, .xlsx, .xls, .sav, .zsav)"

CATALOGUE = [
    # -- awkward but valid -------------------------------------------------------------------
    ok("raw.csv", _bytes(b"code,alter\nA,34\nB,\n"), ["code", "alter"],
       [["A", "34"], ["B", ""]], "comma_delimited", delimiter=","),
    ok("raw.csv", _bytes(b"code;alter\r\nA;34,5\r\n"), ["code", "alter"], [["A", "34,5"]],
       "semicolon_decimal_comma", delimiter=";"),
    ok("raw.tsv", _bytes(b"code\talter\nA\t34,5\n"), ["code", "alter"], [["A", "34,5"]],
       "tab_delimited_tsv", delimiter="\t"),
    ok("raw.csv", _bytes(b"\xef\xbb\xbfcode;ort\nA;M\xc3\xbcnster\n"), ["code", "ort"],
       [["A", "Münster"]], "utf8_bom", encoding="utf-8"),
    ok("raw.csv", _bytes("code;ort\nA;Münster\nB;Gießen\n".encode("cp1252")), ["code", "ort"],
       [["A", "Münster"], ["B", "Gießen"]], "windows_1252", encoding="cp1252"),
    ok("raw.txt", _bytes(b"\xff\xfe" + "code\tort\r\nA\tMünster\r\n".encode("utf-16-le")),
       ["code", "ort"], [["A", "Münster"]], "utf16_bom_unicode_text", encoding="utf-16",
       delimiter="\t"),
    ok("raw.csv", _bytes(b'code;kommentar;f1\r\nA;"erste Zeile\r\nzweite; Zeile";1\r\nB;x;2\r\n'),
       ["code", "kommentar", "f1"], [["A", "erste Zeile\r\nzweite; Zeile", "1"], ["B", "x", "2"]],
       "quoted_line_break"),
    ok("raw.csv", _bytes(b"code;f1\r\n"), ["code", "f1"], [], "header_only"),
    ok("raw.csv", _bytes(b"code;f1\nA;1\n\nB;2\n;\n\n"), ["code", "f1"],
       [["A", "1"], ["B", "2"], ["", ""]], "blank_lines_and_empty_row"),
    ok("raw.csv", _bytes(b"code;f1\rA;1\rB;2\r"), ["code", "f1"], [["A", "1"], ["B", "2"]],
       "old_mac_line_ends"),
    ok("raw.csv", _bytes(b"sep=;\r\ncode;f1\r\nA;1,5\r\n"), ["code", "f1"], [["A", "1,5"]],
       "excel_sep_line", delimiter=";"),
    ok("raw.csv", _bytes(b'code;"von, bis";f1\nA;1;2\n'), ["code", "von, bis", "f1"],
       [["A", "1", "2"]], "quoted_delimiter_in_header", delimiter=";"),
    ok("raw.xlsx", _xlsx(SHEETS), ["code", "datum", "zeitpunkt", "f1", "alter", "notiz"],
       [["A", "2021-04-01", "2021-04-01T10:30:00", "5", "34.5", "x"],
        ["B", "2021-04-02", "", "9", "", ""]], "xlsx_first_sheet_dates", sheet="Erstes"),
    ok("raw.xlsx", _xlsx(SHEETS), ["code", "f2"], [["C", "3"]], "xlsx_named_sheet",
       ask_sheet="Zweites", sheet="Zweites"),
    ok("raw.sav", _sav, ["code", "f1", "datum", "zeit"],
       [["A", "1", "2021-04-01", "2021-04-01T10:30:00"], ["B", "9", "", ""],
        ["C", "", "2021-04-02", ""]], "sav_labels_user_missing"),
    # -- refused with one line ---------------------------------------------------------------
    bad("raw.csv", _bytes(b""), ": the file is empty", "empty_file"),
    bad("raw.csv", _bytes(b"\xef\xbb\xbf\r\n"), ": the file is empty", "only_bom_and_newline"),
    bad("raw.csv", _bytes(b"code;f1;f2\r\nA;1;2\r\nB;3;4\r\nC;5"),
        ", row 4: has 2 fields, the header has 3" + CUT_OFF, "truncated_last_row"),
    bad("raw.csv", _bytes(b"code;f1\nA;1;2\nB;2\n"), ", row 2: has 3 fields, the header has 2",
        "row_with_extra_field"),
    bad("raw.csv", _bytes(b'code;text\nA;"offen\nB;x\n'),
        ", row 2: a quoted field is never closed (the file ends inside quotes; is it cut off?)",
        "unclosed_quote"),
    bad("raw.csv", _bytes(b'code;text\nA;"offen' + b"x" * 140_000 + b"\nB;x\n"),
        ", row 2: a field is longer than 131072 characters (a quote that is never closed?)",
        "unclosed_quote_long_file"),
    bad("raw.csv", _bytes(b'code;text\nA;"zu" viel\n'),
        ", row 2: text follows a closing quote (';' expected after '\"')",
        "text_after_closing_quote"),
    bad("raw.csv", _bytes(b"code;f1;f1\nA;1;2\n"), ", row 1: columns 2 and 3 are both named 'f1'",
        "duplicate_column_names"),
    bad("raw.csv", _bytes(b"code;;f2\nA;1;2\n"), ", row 1: column 2 of the header has no name",
        "blank_column_name"),
    bad("raw.csv", _bytes(b"\ncode;f1\nA;1\n"), ", row 1: the first line (the header) is empty",
        "empty_header_line"),
    bad("raw.csv", _bytes(b"code;ort\nA;M\x00nster\n"), ", column 'ort', row 2" + NUL,
        "nul_byte_in_cell"),
    bad("raw.csv", _bytes(b"code;f1\nA;1\n" + b"\x00" * 512), ", column 'code', row 3" + NUL,
        "nul_padding_at_end"),
    bad("raw.csv", _bytes(b"\x00" * 4096),
        ": is not a text table (it holds nothing but NUL bytes: a damaged copy)",
        "only_nul_bytes"),
    bad("raw.csv", _bytes("code;f1\r\nA;1\r\n".encode("utf-16-le")),
        ": is not a text table (UTF-16 text without a byte-order mark? Save it as CSV UTF-8)",
        "utf16_without_bom"),
    bad("raw.csv", _bytes(_garbage()), ": is not a text table (binary content)",
        "binary_garbage_csv"),
    bad("raw.csv", _xlsx(SHEETS),
        ": is not a text table (it is an Excel .xlsx workbook or another ZIP archive)",
        "xlsx_named_csv"),
    bad("raw.csv", _bytes(b"code;ort\nA;M\xc3\xbcnster\nB;M\xfcnster\n"),
        ": mixes UTF-8 (line 2) and another encoding (byte 0xfc on line 3); save it again as "
        "CSV UTF-8", "mixed_utf8_and_cp1252"),
    bad("raw.csv", _bytes(b"code;ort\nA;x\x81y\n"),
        ": is neither UTF-8 nor Windows-1252 text (byte 0x81 on line 2)", "undecodable_byte"),
    bad("raw.xlsx", _bytes(b""), ": the file is empty", "zero_byte_xlsx"),
    bad("raw.xlsx", _bytes(_xlsx_bytes(SHEETS)[:1500]), ": is a damaged or cut-off Excel "
        "workbook (", "cut_off_xlsx"),
    bad("raw.xlsx", _bytes(b"code;f1\nA;1\n"), ": is not an Excel workbook (an .xlsx file is a "
        "ZIP archive; this one is not: a text export with an Excel name, or a damaged file?)",
        "text_named_xlsx"),
    bad("raw.xlsx", _bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)),
        ": is password-protected, or an old .xls workbook with an .xlsx name; save it "
        "(unprotected) as .xlsx", "protected_or_old_xlsx"),
    bad("raw.xls", _bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)),
        ": is an old Excel .xls workbook; save it (unprotected) as .xlsx", "old_binary_xls"),
    bad("raw.xlsx", _xlsx(SHEETS), ": has no sheet 'Blatt9' (sheets: 'Erstes', 'Zweites')",
        "xlsx_missing_sheet", ask_sheet="Blatt9"),
    bad("raw.xlsx", _xlsx({"Daten": [["code", "f1", "f1"], ["A", 1, 2]]}),
        ", row 1: columns 2 and 3 are both named 'f1'", "xlsx_duplicate_header"),
    bad("raw.xlsx", _xlsx({"Leer": []}), ": the sheet 'Leer' is empty", "xlsx_empty_sheet"),
    bad("raw.sav", _cut_off_sav, ": cannot be read as SPSS data (", "cut_off_sav"),
    bad("raw.sav", _bytes(b"$FL2" + _garbage()),
        ": cannot be read as SPSS data (Invalid file, or file has unsupported features); is it "
        "damaged or cut off?", "garbage_sav"),
    bad("raw.sav", _bytes(b"code;f1\nA;1\n"),
        ": is not an SPSS file (it does not start with '$FL2' or '$FL3')", "text_named_sav"),
    bad("raw.json", _bytes(b"{}"), f": unknown raw file format '.json' {SUPPORTED}",
        "unknown_extension"),
    bad("raw", _bytes(b"code;f1\nA;1\n"), f": no file extension {SUPPORTED}", "no_extension"),
    bad("raw.csv", _bytes(b"code;f1\nA;1\n"),
        ": a sheet ('Zweites') was asked for, but only Excel workbooks have sheets",
        "sheet_for_a_csv", ask_sheet="Zweites"),
    bad("raw.csv", _nothing, ": raw data file not found", "missing_file"),
    bad("raw.csv", _directory, ": is a folder, not a raw data file", "directory"),
]


# ------------------------------------------------------------------------------ the checks


def _fingerprint(path: Path) -> tuple[object, ...]:
    """What must not change: the bytes (sha256) and mtime of a file, a folder's listing."""
    if path.is_dir():
        return ("folder", sorted(p.name for p in path.iterdir()))
    if not path.exists():
        return ("absent",)
    return (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)


@pytest.mark.parametrize("case", CATALOGUE)
def test_catalogue(tmp_path: Path, case: Case) -> None:
    path = tmp_path / case.name
    case.build(path)
    before = _fingerprint(path)
    kwargs = {} if case.ask_sheet is None else {"sheet": case.ask_sheet}

    if case.message is None:
        table = read_raw(path, **kwargs)
        assert list(table.frame.columns) == case.columns
        assert table.frame.values.tolist() == case.rows
        assert all(isinstance(v, str) for v in table.frame.to_numpy().ravel())
        assert list(table.frame.index) == list(range(len(case.rows)))
        for name, value in case.attrs.items():
            assert getattr(table, name) == value
    else:
        with pytest.raises(DataError) as info:
            read_raw(path, **kwargs)
        error = info.value
        text = str(error)
        assert type(error) is DataError  # the package's error, not a library's
        assert error.__cause__ is None and (error.__context__ is None
                                            or error.__suppress_context__)  # no chained trace
        assert "\n" not in text and "\r" not in text
        assert path.name in text and error.file == str(path)
        assert text.startswith(str(path) + case.message), text

    assert _fingerprint(path) == before  # the raw file is byte-identical afterwards


def test_docstring_lists_every_case() -> None:
    ids = [param.id for param in CATALOGUE]
    assert len(ids) == len(set(ids)) and len(ids) >= 18
    missing = [i for i in ids if f"\n{i} " not in __doc__]
    assert not missing, f"add to the module docstring: {missing}"
