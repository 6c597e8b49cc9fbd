"""The table a raw-file reader returns, and the signatures that tell raw formats apart.

One job: the common ground of :func:`survey.io.read_raw` and its readers
(:mod:`survey.iotext` for text tables, :mod:`survey.iobook` for Excel and SPSS files):
:class:`RawTable`, the raw export read as text, and the file signatures (magic bytes) by
which a reader recognises a file that is not what its name says.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

__all__ = ["RawTable"]

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
