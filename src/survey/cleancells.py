"""The cells of a raw column as cleaning sees them: each distinct text parsed once
(:class:`_Cells`), the reason a value is missing per row (:class:`_Status`), the log of
what each rule did (:class:`_Log`), and the parsers of numbers, codes and dates."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa

from .codebook import Variable
from .io import RawTable

#: The columns of ``cleaning_log.csv``.
LOG_COLUMNS = ["rule", "variable", "n_affected", "detail", "rows"]
_TOKENS = re.compile(r"[,;\s]+")
_MAX_ROWS_LISTED = 30
#: The dtype pandas gives a column of Python strings (``str``; ``object`` before pandas 3).
_TEXT = pd.Series([""]).dtype



def _rows_text(positions: np.ndarray) -> str:
    """The first rows of a log entry in spreadsheet numbering, and how many more."""
    rows = [str(RawTable.row_number(int(p))) for p in positions[:_MAX_ROWS_LISTED]]
    text = ";".join(rows)
    if len(positions) > _MAX_ROWS_LISTED:
        text += f";… (+{len(positions) - _MAX_ROWS_LISTED})"
    return text


def _value_counts_text(values: pd.Series, limit: int = 8) -> str:
    counts = values.astype(str).value_counts()
    parts = [f"'{v}' ×{n}" for v, n in counts.head(limit).items()]
    if len(counts) > limit:
        parts.append(f"… ({len(counts) - limit} more)")
    return ", ".join(parts)


class _Log:
    def __init__(self) -> None:
        self.rows: list[dict] = []

    def add(self, rule: str, variable: str, mask_or_n, detail: str = "") -> None:
        if isinstance(mask_or_n, pd.Series | np.ndarray):
            positions = np.flatnonzero(np.asarray(mask_or_n, dtype=bool))
            n, rows = len(positions), _rows_text(positions)
        else:
            n, rows = int(mask_or_n), ""
        if n:
            self.rows.append({"rule": rule, "variable": variable, "n_affected": n,
                              "detail": detail, "rows": rows})

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=LOG_COLUMNS)


class _Status:
    """Why each value of one variable is missing: code, kind and reason per row.

    A variable has few (kind, reason, user-missing code) triples; ``which`` numbers each
    row's in ``triples``, and 0 (``(None, None, None)``) is "not missing".
    """

    def __init__(self, n: int) -> None:
        self.which = np.zeros(n, dtype=np.int16)
        self.triples: list[tuple[str | None, str | None, float | None]] = [(None, None, None)]

    def set(self, mask: np.ndarray, kind: str, reason: str, code: float = np.nan) -> None:
        self.which[np.asarray(mask, dtype=bool)] = self._number(
            (kind, reason, None if np.isnan(code) else code))

    def _number(self, triple: tuple) -> int:
        if triple not in self.triples:
            self.triples.append(triple)
        return self.triples.index(triple)

    def copy_rows(self, other: _Status, mask: np.ndarray) -> None:
        """Take code, kind and reason of the rows in ``mask`` from ``other``."""
        numbers = np.array([self._number(triple) for triple in other.triples], dtype=np.int16)
        self.which[mask] = numbers[other.which[mask]]

    def where(self, kinds: tuple[str, ...], code: float | None = None) -> np.ndarray:
        """Where the value is missing for one of ``kinds`` (and, if given, ``code``)."""
        numbers = [i for i, (k, _, c) in enumerate(self.triples)
                   if k in kinds and (code is None or c == code)]
        return np.isin(self.which, numbers)

    def codes(self) -> list[float]:
        """The user-missing codes ever set, sorted (a later rule may have replaced them)."""
        return sorted({float(c) for _, _, c in self.triples if c is not None})

    def code_at(self, rows: np.ndarray) -> np.ndarray:
        """The user-missing code of ``rows`` (float; NaN where there is none)."""
        codes = [np.nan if c is None else c for _, _, c in self.triples]
        return np.array(codes, dtype=float)[self.which[rows]]


# -- parsing --------------------------------------------------------------------------------


def _strip(series: pd.Series) -> pd.Series:
    return series.astype(str).str.strip()


_DECIMAL_COMMA = r"[+-]?\d*,\d+"


def _to_number(text: pd.Series) -> pd.Series:
    """Parse numbers written with a decimal point or a German decimal comma."""
    comma = text.str.fullmatch(_DECIMAL_COMMA)
    return pd.to_numeric(text.where(~comma, text.str.replace(",", ".", regex=False)),
                         errors="coerce")


class _Cells:
    """One raw column as its distinct stripped texts and, per row, which of them it holds,
    so that each distinct value is parsed once, not once per row.

    Attributes
    ----------
    codes : ndarray
        Per row, the position of its text in ``texts``.
    texts : Series
        The distinct cells, stripped (two cells that differ only in spaces strip to the
        same text).
    """

    def __init__(self, column: pd.Series) -> None:
        if isinstance(column.dtype, pd.CategoricalDtype):  # as pyarrow read it
            codes, distinct = column.cat.codes.to_numpy(), column.cat.categories
        else:
            codes, distinct = pd.factorize(column)
        self.codes = codes
        self.texts = _strip(pd.Series(distinct))
        self.index = column.index
        self._numbers: np.ndarray | None = None

    def numbers(self) -> np.ndarray:
        """The distinct texts read as numbers (:func:`_to_number`; NaN where not one)."""
        if self._numbers is None:
            self._numbers = _to_number(self.texts).to_numpy(dtype=float, na_value=np.nan)
        return self._numbers

    def per_row(self, values: np.ndarray | pd.Series) -> np.ndarray:
        """Values given per distinct text, spread to the rows."""
        return np.asarray(values)[self.codes]

    def rows(self, mask: np.ndarray) -> pd.Series:
        """The stripped texts of the rows in ``mask``, in row order."""
        return self.texts.take(self.codes[mask]).reset_index(drop=True)

    def text_at(self, position: int) -> str:
        """The stripped text of the row at ``position``."""
        return self.texts.iloc[self.codes[position]]

    def column(self) -> pd.Series:
        """The stripped text of every row."""
        return pd.Series(self.texts.array.take(self.codes), index=self.index, copy=False)


def _parse_codes(cell: str, var: Variable) -> tuple[bool, float, list[int], list[str]]:
    """One coded-answer cell: unreadable?, its user-missing code (NaN if none), the known
    codes and the unknown ones (as text, in the order written)."""
    tokens = [t for t in _TOKENS.split(cell) if t]
    try:
        codes = [int(t) for t in tokens]
    except ValueError:
        return True, np.nan, [], []
    if len(codes) == 1 and codes[0] in var.missing:
        return False, codes[0], [], []
    known = [c for c in codes if c in var.codes]
    return False, np.nan, known, [str(c) for c in codes if c not in var.codes]


def _repeat_texts(texts: list[str | None], numbers: np.ndarray
                  ) -> pd.api.extensions.ExtensionArray:
    """``texts[numbers]`` as the text a frame makes of Python strings, each text made once
    and repeated by pyarrow."""
    repeated = pa.array(texts, type=pa.large_string()).take(numbers)
    return pd.array(repeated, dtype=_TEXT)


def _labelled(codes: pd.Series, var: Variable) -> pd.Categorical:
    """Keyed codes as the categorical of their labels (NA where not a level)."""
    labels = var.value_labels
    keys = np.array(list(labels), dtype=float)  # sorted by code
    position = np.searchsorted(keys, codes.to_numpy(dtype=float))
    position = np.minimum(position, len(keys) - 1)
    found = keys[position] == codes.to_numpy(dtype=float)
    return pd.Categorical.from_codes(np.where(found, position, -1),
                                     categories=list(labels.values()), ordered=var.ordered)


def _parse_dates(text: pd.Series, fmt: str | None) -> pd.Series:
    if fmt:
        return pd.to_datetime(text, format=fmt, errors="coerce")
    iso = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    german = pd.to_datetime(text, format="%d.%m.%Y", errors="coerce")
    return iso.fillna(german)


def _delivered_numbers(cells: _Cells, raw_codes: dict[str, int]) -> np.ndarray:
    """The number of each distinct cell: its ``raw_codes`` code when it is delivered as a
    text code ("A1", "Y"), else the number it reads as."""
    numbers = cells.numbers()
    if not raw_codes:
        return numbers
    return np.array([raw_codes.get(t, n) for t, n in zip(cells.texts, numbers, strict=True)],
                    dtype=float)


def _unticked_as_zero(options: list[pd.Series], statuses: list[_Status]) -> None:
    """A multi set delivered with blanks for options not ticked: where a respondent ticked
    one option, a blank option is 0 (not ticked), no longer missing."""
    ticked = np.logical_or.reduce([values.eq(1).to_numpy() for values in options])
    for values, status in zip(options, statuses, strict=True):
        blank = ticked & status.where(("system",))
        values[blank] = 0.0
        status.which[blank] = 0


def _user_missing(var: Variable, values: pd.Series | np.ndarray, status: _Status
                  ) -> np.ndarray:
    """Mark the cells holding a user-missing code (numbers, or texts equal to the code)
    with their reason; return where they are."""
    numeric = pd.api.types.is_numeric_dtype(values)
    found = np.zeros(len(values), dtype=bool)
    for code, mc in var.missing.items():
        hit = np.asarray(values == (code if numeric else str(code)), dtype=bool)
        status.set(hit, mc.kind, mc.label, code)
        found |= hit
    return found
