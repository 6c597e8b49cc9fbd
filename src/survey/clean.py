"""Clean a raw wave against its codebook.

The rules, in the order they are applied (each one logged per variable in the
cleaning log with the number of values it touched):

1. ``rename``: raw ``source`` columns get the codebook's names.
2. ``user_missing``: user-missing codes become NA, counted per reason ("weiß nicht"
   apart from "keine Angabe"); ``system_missing``: blank cells.
3. ``out_of_range``: codes that are not a level, numbers outside ``range``,
   non-integers where ``integer: true``, unknown codes of coded answers: blanked.
4. ``filter_violation``: answers given outside a question's filter base: blanked;
   ``not_asked``: every row outside the base (violators included, so that the base of a
   question is its filter base).
5. ``max_choices``: multi answers with more options ticked than allowed: blanked.
6. ``reverse``: reverse keying (min + max − value) of ``reverse: true`` variables.
7. ``derived``: crosses of categorical variables.
8. ``scale_score``: the mean of answered items (scale-level ``reverse`` applied) when at
   least ``min_items`` items are answered.

Cells that cannot be read at all (text in a numeric column, an unreadable date), a
missing or unknown column, a blank or duplicate respondent code are errors: they stop
cleaning and are all reported at once, each naming file, column and row.

A survey column holds few distinct cells, so each distinct cell is read once and its
result spread to the rows (``_Cells``); why a value is missing is kept as a small number
per row (``_Status``). A million respondents clean in seconds.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .cleancells import (
    _DECIMAL_COMMA,
    LOG_COLUMNS,
    _Cells,
    _delivered_numbers,
    _labelled,
    _Log,
    _parse_codes,
    _parse_dates,
    _repeat_texts,
    _Status,
    _strip,
    _unticked_as_zero,
    _user_missing,
    _value_counts_text,
)
from .codebook import Codebook, Scale, Variable
from .derive import cross, keyed_items, scale_score
from .errors import CodebookError, DataError, ProblemList, some_rows
from .io import RawTable

__all__ = [
    "CleanResult",
    "clean",
    "LOG_COLUMNS",
    "MISSING_COLUMNS",
]

logger = logging.getLogger(__name__)

MISSING_COLUMNS = ["respondent", "variable", "code", "reason", "kind"]
_SYSTEM = ("system", "keine Antwort (leer)")
_NOT_ASKED = ("not_asked", "nicht gefragt (Filter)")


@dataclass
class CleanResult:
    """What :func:`clean` returns.

    Attributes
    ----------
    data : DataFrame
        The clean data, indexed by the respondent code (see ``docs/architecture.md``).
    log : DataFrame
        ``rule, variable, n_affected, detail, rows``: one row per rule applied per variable.
    missing : DataFrame
        ``respondent, variable, code, reason, kind``: one row per missing value.
    """

    data: pd.DataFrame
    log: pd.DataFrame
    missing: pd.DataFrame
    warnings: list[str] = field(default_factory=list)


class _Cleaner:
    def __init__(self, table: RawTable, codebook: Codebook, allow_extra: bool) -> None:
        self.table = table
        self.raw = table.frame
        self.cb = codebook
        self.allow_extra = allow_extra
        self.n = len(self.raw)
        self.log = _Log()
        self.problems: list[DataError] = []
        self.warnings: list[str] = []
        self.values: dict[str, pd.Series] = {}  # clean column -> float codes / parsed values
        self.status: dict[str, _Status] = {}  # variable -> missing reasons

    # errors -------------------------------------------------------------------------------
    def problem(self, column: str, mask: pd.Series | np.ndarray, what: str,
                values: pd.Series | _Cells) -> None:
        """One line per column: the first bad row, its value, and how many more."""
        positions = np.flatnonzero(np.asarray(mask, dtype=bool))
        if not len(positions):
            return
        first = positions[0]
        more = ""
        if len(positions) > 1:
            rows = [str(RawTable.row_number(p)) for p in positions[1:6]]
            more = f" (and {len(positions) - 1} more: rows {', '.join(rows)}" + \
                   (", …)" if len(positions) > 6 else ")")
        value = str(values.text_at(first) if isinstance(values, _Cells) else values.iloc[first])
        self.problems.append(DataError(f"'{value}' {what}{more}", file=self.table.path,
                                       column=column, row=RawTable.row_number(first)))

    # structure ------------------------------------------------------------------------------
    def check_columns(self) -> None:
        needed: dict[str, str] = {} if self.cb.id_source is None else {self.cb.id_source: "id"}
        for var in self.cb.variables.values():
            for src in var.sources:
                needed[src] = f"variables.{var.name}"
        for src, owner in needed.items():
            if src not in self.raw.columns:
                self.problems.append(DataError(
                    f"is missing from the raw file (needed by {owner} of {self.cb.path})",
                    file=self.table.path, column=src))
        for col in self.raw.columns:
            if col in needed:
                continue
            if self.allow_extra:
                self.warnings.append(f"{self.table.path}, column '{col}': not in the codebook, "
                                     "kept as text (--allow-extra)")
                self.log.add("extra_column", col, self.n, "not in the codebook; kept as text")
            else:
                self.problems.append(DataError(
                    f"is not in the codebook {self.cb.path} (declare it, or use --allow-extra "
                    "to keep it as text)", file=self.table.path, column=col))

    def ids(self) -> pd.Index:
        """The respondent codes (non-blank, unique); without ``id``: the row numbers."""
        col = self.cb.id_source
        if col is None:
            return pd.Index([str(RawTable.row_number(p)) for p in range(self.n)],
                            name=self.cb.id, dtype=object)
        ids = _strip(self.raw[col])
        self.problem(col, ids == "", "is a blank respondent code", ids)
        dup = ids.duplicated(keep=False) & (ids != "")
        if dup.any():
            first_dup, n_codes = ids[dup].iloc[0], ids[dup].nunique()
            rows = [RawTable.row_number(p) for p in np.flatnonzero(ids == first_dup)]
            self.problems.append(DataError(
                f"respondent code '{first_dup}' occurs in rows {some_rows(rows)}"
                + (f" ({n_codes - 1} more codes occur twice)" if n_codes > 1 else "")
                + "; a file without respondent codes needs no id in its codebook (rows are "
                "numbered)", file=self.table.path, column=col, row=rows[0]))
        return pd.Index(ids, name=self.cb.id)

    # reading one raw column ------------------------------------------------------------------
    def read_text(self, src: str, status: _Status) -> tuple[_Cells, np.ndarray]:
        """The cells of a raw column and where they are blank (marked as such)."""
        cells = _Cells(self.raw[src])
        blank = cells.per_row((cells.texts == "").to_numpy())
        status.set(blank, *_SYSTEM)
        return cells, blank

    def read_numbers(self, var: Variable, src: str, status: _Status, what: str
                     ) -> tuple[_Cells, np.ndarray, np.ndarray, pd.Series]:
        """A raw column as numbers (unreadable cells are problems, "'x' {what}"): the cells,
        where they are blank, where they hold a user-missing code, and the numbers (NA
        where blank, unreadable or user-missing, each with its reason)."""
        cells, blank = self.read_text(src, status)
        number = cells.per_row(_delivered_numbers(cells, var.raw_codes))
        self.problem(src, ~blank & np.isnan(number), what, cells)
        coded_missing = _user_missing(var, number, status)
        out = pd.Series(np.where(coded_missing, np.nan, number), index=self.raw.index,
                        copy=False)
        return cells, blank, coded_missing, out

    def codes_column(self, var: Variable, src: str, valid: set[int], status: _Status,
                     what: str) -> pd.Series:
        """Parse integer codes; user-missing and blank → NA with reasons; invalid → NA."""
        cells, blank, coded_missing, out = self.read_numbers(
            var, src, status, f"is not a code of '{var.name}' ({what})")
        known = np.isin(_delivered_numbers(cells, var.raw_codes), list(valid))
        bad = out.notna().to_numpy() & ~cells.per_row(known)
        if bad.any():
            self.log.add("out_of_range", var.name, bad,
                         f"not a valid code ({what}): {_value_counts_text(cells.rows(bad))}")
            status.set(bad, "invalid", "ungültiger Code")
            out[bad] = np.nan
        return out

    # per type ---------------------------------------------------------------------------------
    def categorical(self, var: Variable) -> None:
        status = self.status[var.name] = _Status(self.n)
        levels = ", ".join(f"{c}" for c in var.levels)
        self.values[var.name] = self.codes_column(var, var.source, set(var.levels), status,
                                                  f"levels {levels}")

    def numeric(self, var: Variable) -> None:
        status = self.status[var.name] = _Status(self.n)
        cells, _, _, out = self.read_numbers(var, var.source, status, "is not a number")
        decimal_comma = cells.per_row(cells.texts.str.fullmatch(_DECIMAL_COMMA).to_numpy())
        self.log.add("decimal_comma", var.name, decimal_comma, "read 3,5 as 3.5")
        if var.range is not None:
            lo, hi = var.range
            bad = (out.notna() & ((out < lo) | (out > hi))).to_numpy()
            self.log.add("out_of_range", var.name, bad,
                         f"outside [{lo:g}, {hi:g}]: {_value_counts_text(cells.rows(bad))}")
            status.set(bad, "invalid", f"außerhalb [{lo:g}, {hi:g}]")
            out[bad] = np.nan
        if var.integer:
            bad = (out.notna() & (out % 1 != 0)).to_numpy()
            self.log.add("out_of_range", var.name, bad,
                         f"not an integer: {_value_counts_text(cells.rows(bad))}")
            status.set(bad, "invalid", "keine ganze Zahl")
            out[bad] = np.nan
        self.values[var.name] = out

    def multi(self, var: Variable) -> None:
        status = self.status[var.name] = _Status(self.n)
        per_option = []
        for option in var.options:
            src = var.option_sources[option]
            option_status = _Status(self.n)
            col = self.codes_column(var, src, {0, 1}, option_status, "0 or 1")
            self.values[option] = col
            per_option.append(option_status)
        if var.blank_unticked:  # a blank beside a tick is "not ticked"
            _unticked_as_zero([self.values[o] for o in var.options], per_option)
        # the variable is missing where every option is; its reason is the first option's
        all_na = np.logical_and.reduce([self.values[o].isna().to_numpy() for o in var.options])
        status.copy_rows(per_option[0], all_na)
        status.set(all_na & (status.which == 0), "invalid", "ungültig")

    def coded(self, var: Variable) -> None:
        status = self.status[var.name] = _Status(self.n)
        cells, blank = self.read_text(var.source, status)
        parsed = [_parse_codes(text, var) if text else (False, np.nan, [], [])
                  for text in cells.texts]
        unreadable = cells.per_row(np.array([p[0] for p in parsed], dtype=bool))
        missing_code = cells.per_row(np.array([p[1] for p in parsed], dtype=float))
        unknown_per_text = [p[3] for p in parsed]
        unknown = cells.per_row(np.array([bool(u) for u in unknown_per_text], dtype=bool))
        self.problem(var.source, unreadable, f"is not a list of codes of '{var.name}' "
                     f"(codes {', '.join(map(str, var.codes))}, separated by ; or ,)", cells)
        na = blank | unreadable | ~np.isnan(missing_code)
        _user_missing(var, missing_code, status)
        if unknown.any():
            tokens = [t for c in cells.codes[unknown] for t in unknown_per_text[c]]
            self.log.add("out_of_range", var.name, unknown, "unknown codes dropped: "
                         f"{_value_counts_text(pd.Series(tokens))}")
        for code in var.codes:
            ticked = np.array([code in p[2] for p in parsed], dtype=float)
            values = cells.per_row(ticked)
            values[na] = np.nan
            self.values[f"{var.name}_{code}"] = pd.Series(values, index=self.raw.index,
                                                          copy=False)

    def text(self, var: Variable) -> None:
        status = self.status[var.name] = _Status(self.n)
        cells, blank = self.read_text(var.source, status)
        text = cells.column()
        coded_missing = _user_missing(var, text, status)
        self.values[var.name] = text.astype(object).where(~blank & ~coded_missing, None)

    def date(self, var: Variable) -> None:
        status = self.status[var.name] = _Status(self.n)
        cells, blank = self.read_text(var.source, status)
        text = cells.column()
        coded_missing = _user_missing(var, text, status)
        out = _parse_dates(text.where(~blank & ~coded_missing, None), var.date_format)
        unreadable = ~blank & ~coded_missing & out.isna().to_numpy()
        fmt = var.date_format or "YYYY-MM-DD or DD.MM.YYYY"
        self.problem(var.source, unreadable, f"is not a date ({fmt})", text)
        self.values[var.name] = out

    # cross-variable rules -----------------------------------------------------------------------
    def filters(self) -> None:
        """Apply the filters in codebook order, each on the values as the filters before it
        left them: a follow-up question sees that an answer it depends on was discarded."""
        owners = self.cb.column_owners()
        for var in self.cb.variables.values():
            if not var.filter:
                continue
            # the numeric columns the expression names (codes, 0/1 columns, numbers)
            refs = [r for r in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", var.filter)
                    if r in self.values and pd.api.types.is_numeric_dtype(self.values[r])]
            frame = pd.DataFrame({r: self.values[r] for r in refs}, index=self.raw.index)
            try:
                in_base = frame.eval(var.filter, engine="python")
            except Exception as exc:  # pandas raises many kinds for a bad expression
                raise ProblemList([CodebookError(
                    f"filter '{var.filter}' cannot be evaluated ({type(exc).__name__}: {exc})",
                    file=self.cb.path, key=f"variables.{var.name}.filter")],
                    what="codebook problems") from None
            in_base = pd.Series(in_base, index=frame.index).fillna(False).astype(bool).to_numpy()
            # a missing answer leaves the base unknown (answers kept), unless its question
            # was itself not asked: then this one was not asked either
            unknown = np.zeros(self.n, dtype=bool)
            for ref in refs:
                not_asked = self.status[owners[ref]].where(("not_asked",))
                unknown |= frame[ref].isna().to_numpy() & ~not_asked
            outside = ~in_base & ~unknown
            cols = var.columns
            given = np.zeros(self.n, dtype=bool)
            for col in cols:
                values = self.values[col]
                answered = values.notna().to_numpy()
                if var.type in ("multi", "coded"):
                    answered = (values == 1).to_numpy()
                given |= answered
            violation = outside & given
            self.log.add("filter_violation", var.name, violation,
                         f"answered outside the filter base ({var.filter}); blanked")
            fill = {"text": None, "date": pd.NaT}.get(var.type, np.nan)
            for col in cols:
                self.values[col] = self.values[col].where(~outside, fill)
            status = self.status[var.name]
            # violators were outside the base: not asked (their answer discarded), so the
            # base of the question stays the filter base
            status.set(violation, "not_asked", "Filterverstoß (Antwort verworfen)")
            status.set(outside & ~violation, *_NOT_ASKED)
            self.log.add("not_asked", var.name, outside & ~violation,
                         f"outside the filter base ({var.filter})")

    def max_choices(self) -> None:
        for var in self.cb.variables.values():
            if not var.max_choices:
                continue
            chosen = sum(self.values[c].fillna(0) for c in var.columns)
            over = (chosen > var.max_choices).to_numpy()
            self.log.add("max_choices", var.name, over,
                         f"more than {var.max_choices} answers ticked; blanked")
            for col in var.columns:
                self.values[col] = self.values[col].where(~over, np.nan)
            self.status[var.name].set(over, "invalid", f"mehr als {var.max_choices} Nennungen")

    def missing_log(self) -> None:
        """Log blank cells and user-missing codes per variable, as finally classified
        (a blank outside the filter base is ``not_asked``, not ``system_missing``)."""
        for name, status in self.status.items():
            self.log.add("system_missing", name, status.where(("system",)), "blank cell")
            for code in status.codes():
                hit = status.where(("dont_know", "no_answer"), code)
                if not hit.any():
                    continue
                kind, reason, _ = status.triples[status.which[np.flatnonzero(hit)[0]]]
                self.log.add("user_missing", name, hit, f"code {code:g} '{reason}' ({kind})")

    def reverse(self) -> None:
        for var in self.cb.variables.values():
            if var.reverse:
                values = self.values[var.name]
                self.values[var.name] = var.reverse_code(values)
                lo, hi = min(var.levels), max(var.levels)
                self.log.add("reverse", var.name, values.notna().to_numpy(),
                             f"reverse-keyed: value → {lo + hi} − value")

    # assembling -------------------------------------------------------------------------------
    def build(self, index: pd.Index) -> pd.DataFrame:
        out: dict[str, np.ndarray | pd.api.extensions.ExtensionArray] = {}
        for var in self.cb.variables.values():
            if var.is_categorical:
                out[var.name] = _labelled(self.values[var.name], var)
            elif var.type in ("multi", "coded"):
                for col in var.columns:
                    out[col] = pd.array(self.values[col].to_numpy(), dtype="Int8")
            elif var.type == "text":
                out[var.name] = pd.array(self.values[var.name].to_numpy(dtype=object),
                                         dtype="string")
            elif var.type == "date":
                out[var.name] = np.asarray(self.values[var.name])
            else:
                out[var.name] = self.values[var.name].to_numpy(dtype=float)
            if var.source != var.name and var.type != "multi":
                self.log.add("rename", var.name, self.n, f"raw column {var.source} → {var.name}")
            elif var.type == "multi":
                renamed = [f"{var.option_sources[o]} → {o}" for o in var.options
                           if var.option_sources[o] != o]
                if renamed:
                    self.log.add("rename", var.name, self.n, "; ".join(renamed))
        if self.allow_extra:
            known = {self.cb.id_source} | {s for v in self.cb.variables.values() for s in v.sources}
            for col in self.raw.columns:
                if col not in known:
                    out[col] = np.asarray(_strip(self.raw[col]).replace("", None)
                                          .astype("string"))
        data = pd.DataFrame(out, index=index, copy=False)
        for derived in self.cb.derived.values():
            data[derived.name] = cross(data, self.cb, derived.sources)
            self.log.add("derived", derived.name, data[derived.name].notna().to_numpy(),
                         f"cross of {' × '.join(derived.sources)}")
        for scale in self.cb.scales.values():
            data[scale.name] = self.scale(data, scale)
        return data

    def scale(self, data: pd.DataFrame, scale: Scale) -> pd.Series:
        score = scale_score(keyed_items(data, self.cb, scale.name), scale.min_items)
        enough = score.notna().to_numpy()
        keyed = f"; reverse-keyed here: {', '.join(scale.reverse)}" if scale.reverse else ""
        self.log.add("scale_score", scale.name, enough,
                     f"mean of {len(scale.items)} items, at least {scale.min_items} "
                     f"answered{keyed}")
        self.log.add("scale_missing", scale.name, ~enough,
                     f"fewer than {scale.min_items} of {len(scale.items)} items answered")
        return score

    def missing_frame(self, index: pd.Index) -> pd.DataFrame:
        frames = []
        for name, status in self.status.items():
            hit = np.flatnonzero(status.which)
            if not len(hit):
                continue
            which = status.which[hit]
            frames.append(pd.DataFrame({
                "respondent": index.take(hit), "variable": name,
                "code": status.code_at(hit),
                "reason": _repeat_texts([r for _, r, _ in status.triples], which),
                "kind": _repeat_texts([k for k, _, _ in status.triples], which),
            }))
        if not frames:
            return pd.DataFrame(columns=MISSING_COLUMNS)
        return pd.concat(frames, ignore_index=True)[MISSING_COLUMNS]


def clean(raw: RawTable, codebook: Codebook, *, allow_extra: bool = False) -> CleanResult:
    """Clean a raw table against a codebook.

    Parameters
    ----------
    raw : RawTable
        As returned by :func:`survey.io.read_raw` (every cell a string).
    codebook : Codebook
        As returned by :func:`survey.codebook.load_codebook`.
    allow_extra : bool, default False
        Keep raw columns that are not in the codebook as text (with a warning) instead
        of failing.

    Returns
    -------
    CleanResult

    Raises
    ------
    ProblemList
        Of :class:`~survey.errors.DataError`: every cell or column that cannot be read.
    """
    cleaner = _Cleaner(raw, codebook, allow_extra)
    cleaner.check_columns()
    if not cleaner.n:
        cleaner.problems.append(DataError("has a header but no data rows", file=raw.path))
    if cleaner.problems:
        raise ProblemList(cleaner.problems, what="data problems")
    index = cleaner.ids()
    handlers = {"binary": cleaner.categorical, "nominal": cleaner.categorical,
                "ordinal": cleaner.categorical, "numeric": cleaner.numeric,
                "multi": cleaner.multi, "coded": cleaner.coded, "text": cleaner.text,
                "date": cleaner.date}
    for var in codebook.variables.values():
        handlers[var.type](var)
    if cleaner.problems:
        raise ProblemList(cleaner.problems, what="data problems")
    cleaner.filters()
    cleaner.max_choices()
    cleaner.missing_log()
    cleaner.reverse()
    data = cleaner.build(index)
    cleaner.values.clear()  # (memory) the clean data hold them now
    missing = cleaner.missing_frame(index)
    cleaner.status.clear()
    # pandera (0.25 s to import) only where data are cleaned, not in every report's kernel
    from .schema import check_clean

    check_clean(data, codebook, strict=not allow_extra)  # guards against cleaning bugs
    log = cleaner.log.frame()
    order = {rule: i for i, rule in enumerate(
        ["extra_column", "rename", "system_missing", "user_missing", "decimal_comma",
         "out_of_range", "filter_violation", "not_asked", "max_choices", "reverse", "derived",
         "scale_score", "scale_missing"])}
    log = log.sort_values("rule", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
    for warning in cleaner.warnings:
        logger.warning(warning)
    return CleanResult(data, log, missing, cleaner.warnings)
