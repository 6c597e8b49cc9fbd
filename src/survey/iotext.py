"""Delimited text tables (``.csv``, ``.txt``, ``.tsv``) read as text, exactly as delivered.

One job: read a raw text table for :func:`survey.io.read_raw`, whose module docstring says
what is decoded how and what is refused. Two readers give the same cells: a plain UTF-8
file is parsed by pyarrow's CSV reader (:func:`_read_csv_arrow`, each column a categorical
of its distinct texts); every other file, and every file with a problem, by Python's csv
module (:func:`_read_csv_module`), which names the row where the problem is.
"""

from __future__ import annotations

import csv
import io as _io
import re
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import DataError
from .iotable import _SIGNATURES, RawTable

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"
#: Byte pairs that are UTF-8 for German letters and typographic signs (Ã¤ = ä,
#: â€ž = „ read as Windows-1252): found in a file that is not valid UTF-8, they
#: mean the file mixes both encodings.
_UTF8_EVIDENCE = re.compile(rb"\xc3[\x80-\xbf]|\xe2[\x80-\x82][\x80-\xbf]")
#: Control characters that do not occur in a text table (NUL is reported apart).
_CONTROL = re.compile("[\x01-\x08\x0b\x0e-\x1f\x7f]")
_SEP_LINE = re.compile(r"sep=([^\"\r\n])[ \t]*")


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
