"""Clean the record tables of a codebook's ``records:`` section (docs/codebook.md,
"Record tables"): one raw file per table, read as text, every cell checked against its
column's type and codes.

The rules are those of :mod:`survey.clean` for a questionnaire: every column named in
the codebook and no other (else an error naming file and column), every cell readable
(else an error naming file, column and row, the first five rows and how many more), blank
cells kept as missing and logged. Besides, the records must fit together: a person of a
placement, take-up row or card rating is a participant; a participant, a child × benefit
and a card rating (person × area × rater × occasion) appear once; a take-up stage is not
"yes" after a "no" (a blank after a "no" is a "no", logged), and a reason for stopping is
only given where a child stopped.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .cleancells import _Log, _parse_dates, _strip, _to_number, _value_counts_text
from .codebookrecordmodel import LABELLED_TYPES, RecordColumn, Records, RecordTable
from .errors import DataError, ProblemList, some_rows
from .io import RawTable, read_raw
from .vocabulary import truth

__all__ = ["clean_records", "record_sources"]

_TOKENS = r"[,;\s]+"


def record_sources(records: Records) -> dict[str, object]:
    """The raw file of each record table, by table name (for provenance and staleness)."""
    return {name: table.raw for name, table in records.tables.items()}


def clean_records(records: Records) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """Read and clean every record table.

    Returns
    -------
    (tables, log)
        ``tables``: table name → clean frame (one column per codebook column, in codebook
        order; labelled columns as categoricals of their labels, yes/no as ``boolean``,
        coded columns as one ``Int8`` 0/1 column per code named ``<column>_<code>``,
        numbers as float, dates as datetime, text as ``string``). ``log``: the cleaning
        log's columns, ``variable`` as ``<table>.<column>``; for each table a header
        record (``rule=raw_file``) comes first.

    Raises
    ------
    ProblemList
        Of :class:`~survey.errors.DataError`, every problem found.
    """
    problems: list[DataError] = []
    tables: dict[str, pd.DataFrame] = {}
    log = _Log()
    for name, table in records.tables.items():
        try:
            raw = read_raw(table.raw).frame
        except DataError as err:
            problems.append(err)
            continue
        log.rows.append({"rule": "raw_file", "variable": f"{name}: {table.raw.name}",
                         "n_affected": len(raw), "detail": "", "rows": ""})
        found = _table(table, raw, log)
        if isinstance(found, list):
            problems.extend(found)
        else:
            tables[name] = found
    if not problems:
        problems.extend(_fit(records, tables, log))
    if problems:
        raise ProblemList(problems, what="data problems")
    return tables, log.frame()


def _bad(table: RecordTable, column: str, mask: np.ndarray, what: str) -> DataError:
    """One error for the rows in ``mask`` (the first named as the row, at most five)."""
    rows = [RawTable.row_number(int(p)) for p in np.flatnonzero(mask)]
    more = f" (rows {some_rows(rows)})" if len(rows) > 1 else ""
    return DataError(f"{what}{more}", file=table.raw, column=column, row=rows[0])


def _table(table: RecordTable, raw: pd.DataFrame, log: _Log) -> pd.DataFrame | list[DataError]:
    sources = {c.source for c in table.columns.values()}
    problems = [DataError(f"is missing from the raw file (needed by records.{table.name}."
                          f"columns.{c.name})", file=table.raw, column=c.source)
                for c in table.columns.values() if c.source not in raw.columns]
    problems += [DataError(f"is not a column of records.{table.name} in the codebook",
                           file=table.raw, column=col)
                 for col in raw.columns if col not in sources]
    if problems:
        return problems
    out: dict[str, object] = {}
    for column in table.columns.values():
        text = _strip(raw[column.source]).reset_index(drop=True)
        blank = (text == "").to_numpy()
        log.add("system_missing", f"{table.name}.{column.name}", blank, "blank cell")
        result = _column(table, column, text, blank, log)
        if isinstance(result, DataError):
            problems.append(result)
        else:
            out.update(result)
    if problems:
        return problems
    return pd.DataFrame(out, index=pd.RangeIndex(len(raw)))


def _column(table: RecordTable, column: RecordColumn, text: pd.Series, blank: np.ndarray,
            log: _Log) -> dict[str, object] | DataError:
    """One column's clean values (several for a coded column), or its first problem."""
    name, src = column.name, column.source
    if column.type == "text":
        return {name: text.where(~blank, None).astype("string")}
    if column.type == "yesno":
        flags = text.map(truth)
        bad = ~blank & flags.isna().to_numpy()
        if bad.any():
            return _bad(table, src, bad, f"'{text[bad].iloc[0]}' is not yes or no "
                        "(ja/nein, yes/no, 1/0)")
        return {name: pd.array(flags.where(~blank, None).tolist(), dtype="boolean")}
    if column.type in LABELLED_TYPES:
        by_label = {label.strip().lower(): code for code, label in column.levels.items()}
        number = _to_number(text)
        codes = number.where(number.isin(list(column.levels)))
        codes = codes.fillna(text.str.lower().map(by_label))
        bad = ~blank & codes.isna().to_numpy()
        if bad.any():
            allowed = ", ".join(f"{c} {lab}" for c, lab in column.levels.items())
            return _bad(table, src, bad, f"'{text[bad].iloc[0]}' is not a code or label "
                        f"of this column ({allowed})")
        labels = dict(sorted(column.levels.items()))
        keys = list(labels)
        positions = [keys.index(int(c)) if not np.isnan(c) else -1 for c in codes]
        return {name: pd.Categorical.from_codes(positions, categories=list(labels.values()),
                                                ordered=column.type == "ordinal")}
    if column.type == "numeric":
        number = _to_number(text)
        bad = ~blank & number.isna().to_numpy()
        if bad.any():
            return _bad(table, src, bad, f"'{text[bad].iloc[0]}' is not a number")
        if column.range is not None:
            lo, hi = column.range
            out = (number.notna() & ((number < lo) | (number > hi))).to_numpy()
            log.add("out_of_range", f"{table.name}.{name}", out,
                    f"outside [{lo:g}, {hi:g}]: {_value_counts_text(text[out])}; blanked")
            number = number.where(~out)
        return {name: number.astype(float)}
    if column.type == "date":
        dates = _parse_dates(text.where(~blank, None), None)
        bad = ~blank & dates.isna().to_numpy()
        if bad.any():
            return _bad(table, src, bad, f"'{text[bad].iloc[0]}' is not a date (YYYY-MM-DD "
                        "or DD.MM.YYYY)")
        return {name: dates}
    return _coded(table, column, text, blank)


def _coded(table: RecordTable, column: RecordColumn, text: pd.Series, blank: np.ndarray
           ) -> dict[str, object] | DataError:
    """A coded column (several codes per cell, separated by commas, semicolons or spaces):
    one Int8 0/1 column per code, NA where the cell is blank."""
    values = {code: np.zeros(len(text), dtype="int8") for code in column.codes}
    for i, cell in enumerate(text):
        if blank[i]:
            continue
        for token in (t for t in pd.Series([cell]).str.split(_TOKENS).iloc[0] if t):
            code = int(token) if token.lstrip("+-").isdigit() else None
            if code not in column.codes:
                mask = np.zeros(len(text), dtype=bool)
                mask[i] = True
                allowed = ", ".join(map(str, column.codes))
                return _bad(table, column.source, mask, f"'{token}' in '{cell}' is not one "
                            f"of the column's codes ({allowed})")
            values[code][i] = 1
    return {f"{column.name}_{code}": pd.array(np.where(blank, None, v).tolist(), dtype="Int8")
            for code, v in values.items()}


# -- the tables together -------------------------------------------------------------------


def _fit(records: Records, tables: dict[str, pd.DataFrame], log: _Log) -> list[DataError]:
    """The checks across rows and tables (see the module docstring)."""
    problems: list[DataError] = []
    people = records.role("participants")
    ids: set[str] | None = None
    if people is not None:
        frame = tables[people.name]
        id_col = people.key("id")
        problems += _unique(people, frame, [id_col], "participant")
        ids = set(frame[id_col].dropna())
    for table in records.tables.values():
        frame = tables[table.name]
        person = table.keys.get("person")
        if person is not None and ids is not None:
            unknown = frame[person].notna().to_numpy() & ~frame[person].isin(ids).to_numpy()
            if unknown.any():
                problems.append(_bad(table, table.columns[person].source, unknown,
                                     f"'{frame[person][unknown].iloc[0]}' is not a "
                                     f"participant of records.{people.name}"))
        for key in ("id", "person", "unit", "kind", "benefit", "area", "rater", "value"):
            column = table.keys.get(key)
            if column is not None and frame[column].isna().any():
                problems.append(_bad(table, table.columns[column].source,
                                     frame[column].isna().to_numpy(), "is blank (the "
                                     f"table's {key} is needed in every row)"))
        if table.role == "takeup":
            problems += _unique(table, frame, [table.key("unit"), table.key("benefit")],
                                "child × benefit")
            problems += _stages(table, frame, log)
        if table.role == "card":
            keys = [table.key(k) for k in ("person", "area", "rater", "occasion")
                    if k in table.keys]
            problems += _unique(table, frame, keys, "rating")
    return problems


def _unique(table: RecordTable, frame: pd.DataFrame, keys: list[str], what: str
            ) -> list[DataError]:
    twice = frame.duplicated(keys, keep="first").to_numpy()
    if not twice.any():
        return []
    return [_bad(table, table.columns[keys[0]].source, twice,
                 f"the same {what} ({', '.join(keys)}) is listed twice")]


def _stages(table: RecordTable, frame: pd.DataFrame, log: _Log) -> list[DataError]:
    """Stages in order: a blank after a "no" becomes "no" (logged); a "yes" or a blank
    after a "no" or blank … see the module docstring; a reason only where a child stopped."""
    problems: list[DataError] = []
    stopped = np.zeros(len(frame), dtype=bool)
    for stage in table.stages:
        values = frame[stage]
        yes = values.fillna(False).to_numpy(dtype=bool)
        missing = values.isna().to_numpy()
        after = stopped & yes
        if after.any():
            problems.append(_bad(table, table.columns[stage].source, after,
                                 "is 'yes' after a 'no' at an earlier stage"))
        unknown = ~stopped & missing
        if unknown.any():
            problems.append(_bad(table, table.columns[stage].source, unknown,
                                 "is blank although every earlier stage is 'yes' (the "
                                 "child's way is unknown)"))
        filled = stopped & missing
        log.add("stage_after_no", f"{table.name}.{stage}", filled,
                "blank after a 'no' at an earlier stage; read as 'no'")
        frame[stage] = values.mask(pd.Series(filled, index=frame.index), False)
        stopped |= ~yes
    if table.reason is not None:
        reason_cols = [f"{table.reason}_{c}" for c in table.columns[table.reason].codes]
        given = frame[reason_cols].fillna(0).to_numpy().sum(axis=1) > 0
        wrong = given & ~stopped
        if wrong.any():
            problems.append(_bad(table, table.columns[table.reason].source, wrong,
                                 "gives a reason for stopping, but every stage is 'yes'"))
    return problems
