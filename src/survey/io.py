"""Read raw survey exports (csv, xlsx, sav) as text, exactly as delivered.

Every cell comes back as a ``str`` (blank cells as ``""``), so that the cleaning
step sees what the survey tool wrote and can report it; nothing is converted or
dropped here. Raw files are opened read-only, and anything that cannot be read
as a table is refused with one :class:`~survey.errors.DataError` line naming the
file (and the row or column where it is known), never with a traceback.

Text tables (``.csv``, ``.txt``, ``.tsv``)
    Decoded as UTF-16 when the file starts with a UTF-16 byte-order mark (Excel's
    "Unicode text"), else as UTF-8 (a byte-order mark is removed) and, when that
    fails, as Windows-1252, which is what German Excel writes. A file that mixes
    UTF-8 and Windows-1252 is refused rather than read with garbled umlauts. The
    delimiter is whichever of ``;``, ``,`` and tab splits the header line most
    often (outside quotes), or the one named by an Excel ``sep=;`` first line
    (that line is not a row: the header is row 1, as Excel shows it). Quoted
    fields may contain delimiters and line breaks; a decimal comma stays text.
    Refused: an empty file; binary content (including an ``.xlsx``, ``.xls``,
    ``.sav``, PDF or ZIP file with a text name); NUL bytes (policy: refused, not
    stripped, because they mean a damaged or padded copy, and stripping them
    could hide a cut-off file; ask for the file again); a quote that is never
    closed, or text after a closing quote (``"zu" viel``); a row with more or
    fewer fields than the header; a blank or duplicate column name. A header
    without data rows reads as 0 rows; empty lines are skipped (but counted in
    row numbers).

    A plain UTF-8 file (the usual export, however large) is parsed by pyarrow's CSV
    reader, which gives each column as a categorical of its distinct texts; every other
    file, and every file with a problem, by Python's csv module, which names the row.
    Both read the same cells: pyarrow gets a file only when nothing in it could be read
    differently (see ``_read_csv_arrow``).

Excel workbooks (``.xlsx``; ``.xls`` only when it is really an ``.xlsx``)
    The first worksheet, or the one named by ``sheet=``. The first row is the
    header; empty rows inside the table are kept as rows of ``""``. Dates come
    back as ISO text (``"2021-04-01"``, with ``"T10:30:00"`` when the cell has a
    time of day), whole numbers without ``.0``. Old binary ``.xls`` workbooks and
    password-protected workbooks are refused with a line saying to save the
    file as an unprotected ``.xlsx``.

SPSS files (``.sav``, ``.zsav``)
    Cells are the codes as delivered: value labels are not applied and
    user-missing values keep their codes (``"9"``), system-missing is ``""``.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io as _io
import logging
import math
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import DataError

__all__ = ["RawTable", "read_raw", "SUPPORTED"]

SUPPORTED = (".csv", ".txt", ".tsv", ".xlsx", ".xls", ".sav", ".zsav")

_TEXT = (".csv", ".txt", ".tsv")
_EXCEL = (".xlsx", ".xls")
_SPSS = (".sav", ".zsav")

logger = logging.getLogger(__name__)

#: File signatures (magic bytes) of formats that are not text tables.
_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SIGNATURES = (
    (_ZIP, "an Excel .xlsx workbook or another ZIP archive"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (_OLE2, "an old Excel .xls workbook or another Office file"),
    (b"$FL2", "an SPSS .sav file"),
    (b"$FL3", "an SPSS .zsav file"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip-compressed file"),
)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"
#: Byte pairs that are UTF-8 for German letters and typographic signs (Ã¤ = ä,
#: â€ž = „ read as Windows-1252): found in a file that is not valid UTF-8, they
#: mean the file mixes both encodings.
_UTF8_EVIDENCE = re.compile(rb"\xc3[\x80-\xbf]|\xe2[\x80-\x82][\x80-\xbf]")
#: Control characters that do not occur in a text table (NUL is reported apart).
_CONTROL = re.compile("[\x01-\x08\x0b\x0e-\x1f\x7f]")
_SEP_LINE = re.compile(r"sep=([^\"\r\n])[ \t]*")


@dataclass
class RawTable:
    """A raw export read as text.

    Attributes
    ----------
    frame : DataFrame
        One column of ``str`` cells per raw column, blanks as ``""``; index 0..n-1. A
        text table read by pyarrow has categorical columns (of the distinct texts).
    path : Path
        The file read.
    encoding, delimiter : str
        What the file turned out to use (``""`` for non-CSV formats).
    sheet : str
        The worksheet read from an Excel workbook (``""`` for other formats).
    """

    frame: pd.DataFrame
    path: Path
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""

    @staticmethod
    def row_number(position: int) -> int:
        """The row a spreadsheet shows for data row ``position`` (header = row 1)."""
        return position + 2


def read_raw(path: str | Path, *, sheet: str | None = None) -> RawTable:
    """Read a raw export as text.

    Parameters
    ----------
    path : str or Path
        A ``.csv``/``.txt``/``.tsv``, ``.xlsx`` or ``.sav``/``.zsav`` file.
    sheet : str, optional
        The worksheet of an Excel workbook to read, by name; the first
        worksheet when not given. Only allowed for Excel files.

    Returns
    -------
    RawTable
        Every cell as text; see the module docstring for what each format gives.

    Raises
    ------
    DataError
        The file is missing, a folder, empty, of an unknown format, not what its
        name says, unreadable or damaged; it has no such sheet, a blank or
        duplicate column name, a row with the wrong number of fields, an
        unclosed quote or NUL bytes. ``str(error)`` is one line naming the file.
    """
    path = Path(path)
    if path.is_dir():
        raise DataError("is a folder, not a raw data file", file=path)
    if not path.exists():
        raise DataError("raw data file not found", file=path)
    if not path.is_file():
        raise DataError("is not a regular file", file=path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        what = f"unknown raw file format '{suffix}'" if suffix else "no file extension"
        raise DataError(f"{what} (supported: {', '.join(SUPPORTED)})", file=path)
    if sheet is not None and suffix not in _EXCEL:
        raise DataError(f"a sheet ('{sheet}') was asked for, but only Excel workbooks have "
                        "sheets", file=path)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise DataError(f"cannot be read ({exc.strerror})", file=path) from None
    if size == 0:
        raise DataError("the file is empty", file=path)
    if suffix in _TEXT:
        table = _read_csv(path)
    elif suffix in _EXCEL:
        table = _read_excel(path, head, sheet)
    else:
        table = _read_sav(path, head)
    _check_header(table)
    logger.debug("read %s: %d rows, %d columns", path, *table.frame.shape)
    return table


# --------------------------------------------------------------------------- text tables


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _looks_binary(text: str) -> bool:
    """Whether (the start of) a decoded file has control characters no table has."""
    sample = text[:65536]
    controls = len(_CONTROL.findall(sample))
    return controls > 8 and controls > len(sample) / 100


def _not_text(data: bytes) -> str | None:
    """Why ``data`` is not a text table, judged from its first bytes, or None."""
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            return f"it is {what}"
    if data.startswith(_UTF16_BOMS):
        return None
    sample = data[:65536]
    nuls = sample.count(0)
    if nuls == len(sample) and data.count(0) == len(data):
        return "it holds nothing but NUL bytes: a damaged copy"
    if nuls > len(sample) / 4 and max(sample[0::2].count(0), sample[1::2].count(0)) > nuls * 0.9:
        return "UTF-16 text without a byte-order mark? Save it as CSV UTF-8"
    return None


def _decode(path: Path, data: bytes | None = None) -> tuple[str, str]:
    """Decode a text table; return ``(text, encoding)`` or raise DataError."""
    if data is None:
        data = path.read_bytes()
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise DataError(f"is not valid UTF-16 text (byte {exc.start}; is it cut off?)",
                            file=path) from None
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        bad = exc.start
    if _looks_binary(data[:65536].decode("latin-1")):
        raise DataError("is not a text table (binary content)", file=path)
    evidence = 0 if data.startswith(_UTF8_BOM) else None
    if evidence is None:
        match = _UTF8_EVIDENCE.search(data)
        evidence = match.start() if match else None
    if evidence is not None:
        raise DataError(f"mixes UTF-8 (line {_line_of(data, evidence)}) and another encoding "
                        f"(byte 0x{data[bad]:02x} on line {_line_of(data, bad)}); save it "
                        "again as CSV UTF-8", file=path)
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise DataError(f"is neither UTF-8 nor Windows-1252 text (byte 0x{data[exc.start]:02x} "
                        f"on line {_line_of(data, exc.start)})", file=path) from None


def _sniff(line: str) -> str:
    """The delimiter of a header line: the most frequent of ``;``, ``,``, tab outside quotes."""
    counts = {";": 0, ",": 0, "\t": 0}
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=counts.__getitem__)  # ties: ';' before ',' before tab
    return best if counts[best] else ","


def _csv_problem(exc: csv.Error) -> str:
    text = str(exc)
    if "unexpected end of data" in text:
        return "a quoted field is never closed (the file ends inside quotes; is it cut off?)"
    if "field larger than field limit" in text:
        return (f"a field is longer than {csv.field_size_limit()} characters (a quote that is "
                "never closed?)")
    if "expected after" in text:
        return f"text follows a closing quote ({text})"
    return f"is not valid CSV ({text})"


def _read_csv(path: Path) -> RawTable:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot be read ({exc.strerror})", file=path) from None
    reason = _not_text(data)
    if reason:
        raise DataError(f"is not a text table ({reason})", file=path)
    table = _read_csv_arrow(path, data)
    return table if table is not None else _read_csv_module(path, data)


def _read_csv_module(path: Path, data: bytes) -> RawTable:
    """Read a text table with the csv module: every file the fast reader passes on, and
    the one that names what is wrong with a broken one."""
    text, encoding = _decode(path, data)
    if _looks_binary(text):
        raise DataError("is not a text table (binary content)", file=path)
    if not text.strip():
        raise DataError("the file is empty", file=path)

    first, *rest = re.split(r"\r\n|\r|\n", text, maxsplit=1)
    sep_line = _SEP_LINE.fullmatch(first)
    if sep_line:  # Excel's "sep=;" line names the delimiter and is not a row
        delimiter, text = sep_line.group(1), "".join(rest)
    else:
        delimiter = _sniff(first)

    rows: list[list[str]] = []
    reader = csv.reader(_io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for row in reader:
            rows.append(row)
    except csv.Error as exc:
        raise DataError(_csv_problem(exc), file=path, row=len(rows) + 1) from None
    if not rows or not rows[0]:
        raise DataError("the first line (the header) is empty", file=path, row=1)

    header = [h.strip() for h in rows[0]]
    width = len(header)
    _refuse_nul(path, rows[0], header, 1)
    last = max((i for i, row in enumerate(rows) if "".join(row).strip()), default=0)
    records = []
    for i, row in enumerate(rows[1:], start=1):
        if len(row) <= 1 and not "".join(row).strip():
            continue  # an empty line (e.g. a trailing newline); a row of empty fields stays
        _refuse_nul(path, row, header, i + 1)
        if len(row) != width:
            hint = ("; the last row is incomplete: is the file cut off?"
                    if i == last and len(row) < width else "")
            raise DataError(f"has {len(row)} fields, the header has {width}{hint}", file=path,
                            row=i + 1)
        records.append(row)
    frame = pd.DataFrame(records, columns=header, dtype=object)
    return RawTable(frame, path, encoding, delimiter)


def _refuse_nul(path: Path, row: list[str], header: list[str], number: int) -> None:
    for position, cell in enumerate(row):
        if "\x00" in cell:
            column = header[position] if position < len(header) else None
            raise DataError("contains NUL bytes (0x00): a damaged or padded copy; ask for the "
                            "file again", file=path, column=column or None, row=number)


# --------------------------------------------------------------------------- fast text tables

#: Bytes decoded to judge the start of a file: at least the 65 536 characters that
#: ``_looks_binary`` looks at (UTF-8 takes up to 4 bytes a character).
_HEAD_BYTES = 4 * 65536 + 4
_LINE_END = re.compile(r"\r\n|\r|\n")
#: pyarrow's blocks: large ones keep both cores busy on a large file.
_BLOCK_BYTES = 1 << 24


def _read_csv_arrow(path: Path, data: bytes) -> RawTable | None:
    """Read a plain UTF-8 text table with pyarrow's CSV reader; None where the csv module
    must decide.

    The cells are those the csv module reads (see :func:`_read_csv_module`); each column
    is a categorical of its distinct texts (a survey column holds few). Anything that
    module would refuse or might read otherwise is passed on, so that it reads the file
    and names the problem as it always did: another encoding, invalid UTF-8, NUL bytes, a
    header line that is empty, quoted or of one column, a quote that does not open and
    close a whole field, a row with the wrong number of fields (blank lines are skipped by
    both), a field longer than the csv module's limit.
    """
    layout = _plain_layout(data)
    if layout is None:
        return None
    delimiter, header, start = layout
    quoted = data.find(b'"', start) >= 0
    if quoted and not _quotes_well_formed(data, delimiter):
        return None
    import pyarrow as pa
    import pyarrow.csv as pacsv

    names = [f"f{i}" for i in range(len(header))]
    try:
        table = pacsv.read_csv(
            pa.py_buffer(memoryview(data)[start:]),
            read_options=pacsv.ReadOptions(column_names=names, block_size=_BLOCK_BYTES),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, quote_char='"',
                                             double_quote=True, escape_char=False,
                                             newlines_in_values=quoted,
                                             ignore_empty_lines=True),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.dictionary(pa.int32(), pa.string())),
                null_values=[], strings_can_be_null=False, quoted_strings_can_be_null=False,
                check_utf8=True))
    except pa.ArrowException:
        return None
    frame = pa.table([_mostly_distinct_as_text(c) for c in table.columns], names).to_pandas()
    del table
    pa.default_memory_pool().release_unused()  # the parser's buffers
    if any(_longest(frame[name]) > csv.field_size_limit() for name in names):
        return None
    frame.columns = [name.strip() for name in header]
    return RawTable(frame, path, "utf-8", delimiter)


def _mostly_distinct_as_text(column: Any) -> Any:
    """A dictionary-encoded pyarrow column, decoded when most of its cells differ (such as
    the respondent codes): a categorical of as many texts as rows is no gain."""
    import pyarrow as pa

    distinct = sum(len(chunk.dictionary) for chunk in column.chunks)
    return column.cast(pa.large_string()) if distinct > len(column) // 2 else column


def _longest(column: pd.Series) -> int:
    """The length of the longest cell of a column (as the csv module counts it)."""
    texts = column.cat.categories if isinstance(column.dtype, pd.CategoricalDtype) else column
    return int(texts.str.len().max()) if len(texts) else 0


def _plain_layout(data: bytes) -> tuple[str, list[str], int] | None:
    """The delimiter, header fields and first data byte of a UTF-8 text table whose header
    line is plain (no quote, two or more fields); None for any other file."""
    if data.startswith(_UTF16_BOMS) or b"\x00" in data or not _is_utf8(data):
        return None
    start = len(_UTF8_BOM) if data.startswith(_UTF8_BOM) else 0
    head = data[start:start + _HEAD_BYTES].decode("utf-8", errors="ignore")
    if _looks_binary(head):
        return None
    line = _LINE_END.search(head)
    if line is None:
        return None
    first = head[:line.start()]
    sep_line = _SEP_LINE.fullmatch(first)
    if sep_line:  # Excel's "sep=;" line names the delimiter and is not a row
        delimiter = sep_line.group(1)
        header_end = _LINE_END.search(head, line.end())
        if header_end is None:
            return None
        header_line, line = head[line.end():header_end.start()], header_end
    else:
        delimiter, header_line = _sniff(first), first
    header = header_line.split(delimiter)
    if (len(delimiter.encode("utf-8")) != 1 or '"' in header_line or len(header) < 2
            or len(header_line) > csv.field_size_limit()):
        return None
    body = start + len(head[:line.end()].encode("utf-8"))
    if data.startswith(_UTF8_BOM, body):  # pyarrow would drop it from the first cell
        return None
    return delimiter, header, body


def _is_utf8(data: bytes) -> bool:
    """Whether ``data`` is valid UTF-8 (as Python decodes it), without one large copy."""
    import codecs

    import numpy as np

    start = len(_UTF8_BOM) if data.startswith(_UTF8_BOM) else 0
    if len(data) == start or np.frombuffer(data, dtype=np.uint8, offset=start).max() < 0x80:
        return True
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for offset in range(0, len(data), _BLOCK_BYTES):
            decoder.decode(view[offset:offset + _BLOCK_BYTES],
                           final=offset + _BLOCK_BYTES >= len(data))
    except UnicodeDecodeError:
        return False
    return True


def _quotes_well_formed(data: bytes, delimiter: str) -> bool:
    """Whether every quote in ``data`` belongs to a quoted field that begins a field and is
    closed right before a delimiter or line end (inner quotes doubled): then the csv
    module and pyarrow read the same cells. Anything else (``ab"c``, ``"zu" viel``, an
    unclosed quote) is for the csv module."""
    sep = re.escape(delimiter.encode("utf-8"))
    field = re.compile(rb'"(?<![^' + sep + rb'\r\n]")(?:[^"]|"")*"(?=[' + sep + rb'\r\n]|\Z)')
    return b'"' not in field.sub(b"", data)


# --------------------------------------------------------------------------- cells as text


def _stringify(value: object) -> str:
    """One cell as text: blanks ``""``, whole numbers without ``.0``, dates as ISO text."""
    if value is None or value is pd.NaT:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, float):  # also numpy floats
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, _dt.datetime):  # also pandas Timestamps
        if value.tzinfo is None and value.time() == _dt.time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    return str(value)


def _as_frame(rows: list[list[object]]) -> pd.DataFrame:
    """Header row + data rows (cells of any type) as a frame of text, padded to one width."""
    width = max(len(row) for row in rows)
    header = [_stringify(c).strip() for c in rows[0]] + [""] * (width - len(rows[0]))
    body = [[_stringify(c) for c in row] + [""] * (width - len(row)) for row in rows[1:]]
    return pd.DataFrame(body, columns=header, dtype=object)


# --------------------------------------------------------------------------- Excel


def _read_excel(path: Path, head: bytes, sheet: str | None) -> RawTable:
    if head.startswith(_OLE2):
        what = ("an old Excel .xls workbook" if path.suffix.lower() == ".xls"
                else "password-protected, or an old .xls workbook with an .xlsx name")
        raise DataError(f"is {what}; save it (unprotected) as .xlsx", file=path)
    if not head.startswith(_ZIP):
        raise DataError("is not an Excel workbook (an .xlsx file is a ZIP archive; this one is "
                        "not: a text export with an Excel name, or a damaged file?)", file=path)
    from zipfile import BadZipFile

    import openpyxl

    try:
        with path.open("rb") as handle, warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
            try:
                worksheet = _pick_sheet(path, book, sheet)
                worksheet.reset_dimensions()  # trust the cells, not the stored size
                rows = [list(row) for row in worksheet.iter_rows(values_only=True)]
                title = worksheet.title
            finally:
                book.close()
        for warning in caught:
            logger.debug("%s: %s", path, warning.message)
    except DataError:
        raise
    except BadZipFile as exc:
        raise DataError(f"is a damaged or cut-off Excel workbook ({exc})", file=path) from None
    except Exception as exc:  # openpyxl raises many types (KeyError, ValueError, ...) here
        raise DataError(f"cannot be read as an Excel workbook ({type(exc).__name__}: {exc})",
                        file=path) from None
    rows = [_trim(row) for row in rows]
    while rows and not rows[-1]:
        rows.pop()
    if not rows:
        raise DataError(f"the sheet '{title}' is empty", file=path)
    if not rows[0]:
        raise DataError(f"the first row (the header) of sheet '{title}' is empty", file=path,
                        row=1)
    return RawTable(_as_frame(rows), path, sheet=title)


def _pick_sheet(path: Path, book: Any, sheet: str | None) -> Any:
    worksheets = book.worksheets  # worksheets only, no chart sheets
    if sheet is None:
        if not worksheets:
            raise DataError("the workbook has no worksheet", file=path)
        return worksheets[0]
    for worksheet in worksheets:
        if worksheet.title == sheet:
            return worksheet
    names = ", ".join(f"'{w.title}'" for w in worksheets)
    raise DataError(f"has no sheet '{sheet}' (sheets: {names})", file=path)


def _trim(row: list[object]) -> list[object]:
    """A row without its trailing empty cells."""
    end = len(row)
    while end and (row[end - 1] is None or row[end - 1] == ""):
        end -= 1
    return row[:end]


# --------------------------------------------------------------------------- SPSS


def _read_sav(path: Path, head: bytes) -> RawTable:
    if not head.startswith((b"$FL2", b"$FL3")):
        raise DataError("is not an SPSS file (it does not start with '$FL2' or '$FL3')",
                        file=path)
    import pyreadstat

    try:
        frame, _meta = pyreadstat.read_sav(str(path), apply_value_formats=False,
                                           user_missing=True)
    except Exception as exc:  # pyreadstat.ReadstatError, PyreadstatError and OSError
        raise DataError(f"cannot be read as SPSS data ({exc}); is it damaged or cut off?",
                        file=path) from None
    return RawTable(frame.map(_stringify).astype(object), path)


# --------------------------------------------------------------------------- header


def _check_header(table: RawTable) -> None:
    seen: dict[str, int] = {}
    for position, name in enumerate(table.frame.columns, start=1):
        if not name:
            raise DataError(f"column {position} of the header has no name", file=table.path,
                            row=1)
        if name in seen:
            raise DataError(f"columns {seen[name]} and {position} are both named '{name}'",
                            file=table.path, row=1)
        seen[name] = position
