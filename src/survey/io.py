"""Read raw survey exports (csv, xlsx, sav) as text, exactly as delivered.

Every cell comes back as a ``str`` (blank cells as ``""``), so that the cleaning
step sees what the survey tool wrote and can report it; nothing is converted or
dropped here. Raw files are opened read-only.

CSV files are decoded as UTF-8 (a byte-order mark is removed) and, when that
fails, as Windows-1252, which is what German Excel writes; the delimiter is
whichever of ``;``, ``,`` and tab splits the header line.
"""

from __future__ import annotations

import csv
import io as _io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .errors import DataError

__all__ = ["RawTable", "read_raw", "SUPPORTED"]

SUPPORTED = (".csv", ".txt", ".tsv", ".xlsx", ".xls", ".sav", ".zsav")


@dataclass
class RawTable:
    """A raw export read as text.

    Attributes
    ----------
    frame : DataFrame
        One ``str`` column per raw column, blanks as ``""``; index 0..n-1.
    path : Path
        The file read.
    encoding, delimiter : str
        What the file turned out to use (``""`` for non-CSV formats).
    """

    frame: pd.DataFrame
    path: Path
    encoding: str = ""
    delimiter: str = ""

    @staticmethod
    def row_number(position: int) -> int:
        """The row a spreadsheet shows for data row ``position`` (header = row 1)."""
        return position + 2


def read_raw(path: str | Path) -> RawTable:
    """Read a raw export as text.

    Parameters
    ----------
    path : str or Path
        A ``.csv``/``.txt``/``.tsv``, ``.xlsx`` or ``.sav`` file.

    Raises
    ------
    DataError
        The file is missing, of an unknown format, unreadable, has a blank or
        duplicate column name, or a row with the wrong number of fields.
    """
    path = Path(path)
    if not path.is_file():
        raise DataError("raw data file not found", file=path)
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        table = _read_csv(path)
    elif suffix in (".xlsx", ".xls"):
        table = _read_excel(path)
    elif suffix in (".sav", ".zsav"):
        table = _read_sav(path)
    else:
        raise DataError(f"unknown raw file format '{suffix}' (supported: "
                        f"{', '.join(SUPPORTED)})", file=path)
    _check_header(table)
    return table


def _decode(path: Path) -> tuple[str, str]:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="strict"), "cp1252"


def _read_csv(path: Path) -> RawTable:
    try:
        text, encoding = _decode(path)
    except UnicodeDecodeError as exc:
        raise DataError(f"neither UTF-8 nor Windows-1252 text (byte {exc.start})",
                        file=path) from None
    except OSError as exc:
        raise DataError(f"cannot be read ({exc.strerror})", file=path) from None
    if not text.strip():
        raise DataError("the file is empty", file=path)
    first = text.splitlines()[0]
    delimiter = max([";", ",", "\t"], key=first.count)
    if first.count(delimiter) == 0:
        delimiter = ","
    rows = list(csv.reader(_io.StringIO(text, newline=""), delimiter=delimiter))
    header, body = rows[0], rows[1:]
    header = [h.strip() for h in header]
    width = len(header)
    records = []
    for i, row in enumerate(body):
        if len(row) <= 1 and not "".join(row).strip():
            continue  # an empty line (e.g. a trailing newline); a row of empty fields stays
        if len(row) != width:
            raise DataError(f"has {len(row)} fields, the header has {width}", file=path,
                            row=i + 2)
        records.append(row)
    frame = pd.DataFrame(records, columns=header, dtype=object)
    return RawTable(frame, path, encoding, delimiter)


def _stringify(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return str(value)


def _read_excel(path: Path) -> RawTable:
    try:
        frame = pd.read_excel(path, dtype=object, header=0)
    except Exception as exc:  # openpyxl raises many types for broken files
        raise DataError(f"cannot be read as Excel ({type(exc).__name__}: {exc})",
                        file=path) from None
    frame.columns = [_stringify(c).strip() for c in frame.columns]
    return RawTable(frame.map(_stringify).astype(object), path)


def _read_sav(path: Path) -> RawTable:
    import pyreadstat

    try:
        frame, _meta = pyreadstat.read_sav(str(path), apply_value_formats=False,
                                           user_missing=True)
    except Exception as exc:  # pyreadstat.ReadstatError and OSError
        raise DataError(f"cannot be read as SPSS ({exc})", file=path) from None
    return RawTable(frame.map(_stringify).astype(object), path)


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
