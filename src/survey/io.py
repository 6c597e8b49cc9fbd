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
    differently (see ``survey.iotext._read_csv_arrow``).

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

This module checks the path, hands the file to the reader for its format and checks the
header; the readers are :mod:`survey.iotext` (text tables) and :mod:`survey.iobook`
(Excel and SPSS), and :class:`RawTable` comes from :mod:`survey.iotable`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from .errors import DataError
from .iobook import _read_excel, _read_sav
from .iotable import RawTable
from .iotext import _read_csv

__all__ = ["RawTable", "read_raw", "SUPPORTED"]

SUPPORTED = (".csv", ".txt", ".tsv", ".xlsx", ".xls", ".sav", ".zsav")

_TEXT = (".csv", ".txt", ".tsv")
_EXCEL = (".xlsx", ".xls")
_SPSS = (".sav", ".zsav")

logger = logging.getLogger(__name__)


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
