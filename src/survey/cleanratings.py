"""Clean the session-rating forms of a codebook's ``session_ratings`` block (one form per
session: respondent code, date, counsellor, one rating per item).

The rules are those of :mod:`survey.clean` for a questionnaire: every column named, every
cell readable (else an error naming file, column and row), blank cells and ratings outside
the block's ``range`` logged and blanked.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .cleancells import _Log, _parse_dates, _strip, _to_number, _value_counts_text
from .codebook import Codebook, SessionRatings
from .errors import DataError, ProblemList
from .io import RawTable, read_raw

__all__ = ["clean_ratings"]


def clean_ratings(codebook: Codebook) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read and clean the session-rating forms of a codebook's ``session_ratings`` block.

    Returns
    -------
    (ratings, log)
        ``ratings`` has the id, date, rater, one float column per item and ``total``
        (the sum of the items, NA when an item is missing); ``log`` has the cleaning
        log's columns with ``variable`` prefixed ``session_ratings.``.

    Raises
    ------
    ProblemList
        Of :class:`~survey.errors.DataError` for missing columns or unreadable cells.
    """
    spec = codebook.session_ratings
    if spec is None:
        raise ValueError("the codebook has no session_ratings block")
    raw = read_raw(spec.raw).frame
    sources = _sources(codebook, spec, raw)
    log = _Log()
    problems: list[DataError] = []
    out = pd.DataFrame(index=raw.index)
    out[spec.id] = _ids(raw, spec, sources, problems)
    out[spec.date] = _dates(raw, spec, sources, problems)
    out[spec.rater] = _strip(raw[sources["rater"]]).replace("", None).astype("string")
    for item in spec.items:
        out[item] = _item(raw, spec, sources[item], item, log, problems)
    if problems:
        raise ProblemList(problems, what="data problems")
    out["total"] = out[list(spec.items)].sum(axis=1, min_count=len(spec.items))
    return out, log.frame()


def _sources(codebook: Codebook, spec: SessionRatings, raw: pd.DataFrame) -> dict[str, str]:
    """The file's column of each field; every field's column present, no other column."""
    fields = {"id": spec.id, "date": spec.date, "rater": spec.rater, **{i: i for i in spec.items}}
    sources = {name: spec.sources.get(col, col) for name, col in fields.items()}
    problems = [DataError(f"is missing from the session-rating file (needed by "
                          f"session_ratings.{name} of {codebook.path})",
                          file=spec.raw, column=src)
                for name, src in sources.items() if src not in raw.columns]
    problems += [DataError(f"is not in the codebook's session_ratings block {codebook.path}",
                           file=spec.raw, column=col)
                 for col in sorted(set(raw.columns) - set(sources.values()))]
    if problems:
        raise ProblemList(problems, what="data problems")
    return sources


def _ids(raw: pd.DataFrame, spec: SessionRatings, sources: dict[str, str],
         problems: list[DataError]) -> pd.Series:
    """The respondent codes; the first blank one is a problem."""
    ids = _strip(raw[sources["id"]])
    blank = (ids == "").to_numpy()
    if blank.any():
        p = int(np.flatnonzero(blank)[0])
        problems.append(DataError("is a blank respondent code", file=spec.raw,
                                  column=sources["id"], row=RawTable.row_number(p)))
    return ids


def _dates(raw: pd.DataFrame, spec: SessionRatings, sources: dict[str, str],
           problems: list[DataError]) -> pd.Series:
    """The session dates; the first unreadable one is a problem."""
    text = _strip(raw[sources["date"]])
    dates = _parse_dates(text.where(text != "", None), None)
    bad = (text != "").to_numpy() & dates.isna().to_numpy()
    if bad.any():
        p = int(np.flatnonzero(bad)[0])
        problems.append(DataError(f"'{text.iloc[p]}' is not a date (YYYY-MM-DD or "
                                  "DD.MM.YYYY)", file=spec.raw, column=sources["date"],
                                  row=RawTable.row_number(p)))
    return dates


def _item(raw: pd.DataFrame, spec: SessionRatings, source: str, item: str, log: _Log,
          problems: list[DataError]) -> pd.Series:
    """One item's ratings: blank cells and ratings outside the range logged and blanked;
    the first unreadable cell is a problem."""
    lo, hi = spec.range
    text = _strip(raw[source])
    number = _to_number(text)
    blank = (text == "").to_numpy()
    unreadable = ~blank & number.isna().to_numpy()
    if unreadable.any():
        p = int(np.flatnonzero(unreadable)[0])
        problems.append(DataError(f"'{text.iloc[p]}' is not a number", file=spec.raw,
                                  column=source, row=RawTable.row_number(p)))
    out_range = (number.notna() & ((number < lo) | (number > hi))).to_numpy()
    log.add("system_missing", f"session_ratings.{item}", blank, "blank cell")
    log.add("out_of_range", f"session_ratings.{item}", out_range,
            f"outside [{lo:g}, {hi:g}]: {_value_counts_text(text[out_range])}")
    return number.where(~out_range).astype(float)
