"""Excel workbooks and SPSS files read as text, exactly as delivered.

One job: read a raw ``.xlsx`` workbook (one worksheet) or ``.sav``/``.zsav`` file for
:func:`survey.io.read_raw`, whose module docstring says what each format gives, and turn
every cell into text: blanks ``""``, whole numbers without ``.0``, dates as ISO text.
"""

from __future__ import annotations

import datetime as _dt
import logging
import math
import warnings
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import DataError
from .iotable import _OLE2, _ZIP, RawTable

logger = logging.getLogger(__name__)


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
