"""One Excel workbook per wave with the result tables a report may share.

:func:`write_workbook` reads the shared result tables that :meth:`survey.disclosure.Plan.publish`
wrote to ``reports/<wave>/tables/*.csv`` and writes ``reports/<wave>/tabellen.xlsx`` for
readers who work in Excel:

- a first sheet ``Hinweise`` (``Notes``): the wave's title, the legend of the markers
  (:func:`survey.tables.legend`), how numbers are stored and shown, and one line per sheet
  (name as a link, contents, rows, source file);
- one sheet per table, in report order (:data:`ORDER`, then other tables alphabetically,
  then the tables of missing values and the cleaning log, :data:`LAST`), named from the
  catalogue (``workbook.sheet.<table>``; other tables by file name), at most 31
  characters and unique;
- per sheet the columns the report shows (``TableSpec.show``, the same choice as
  :func:`survey.tables.display`), with a combined interval (``ci``) written as its two
  bound columns so both can be used as numbers, and the columns that say which block a
  row belongs to where the report says so in a caption or a heading (:data:`CONTEXT`:
  the grouping of a group comparison, the hypothesis, the scale of an item, the split);
  a table the registry does not know shows all its columns. The bookkeeping columns
  (``suppressed``, ``suppressed_small``, ``suppressed_near_total``) are never written;
- headers from the catalogue in the report's language (``TableSpec.header_key``, then
  ``col.<column>``, then the column name, as :func:`survey.tables.display` does);
- numbers as numbers at full precision with an Excel number format from the column's
  decimals (``TableSpec.decimals_of``): ``0`` counts and codes, ``0.0`` percentages
  (stored as 0–100, not in Excel's percent format), ``0.00`` statistics and
  coefficients, ``0.000`` p-values (below .001 shown as ``< 0,001``/``< 0.001`` by a
  conditional format, the value itself kept); in a table the registry does not know, a
  numeric column holding only whole numbers (``dont_know`` of ``missingness``) gets
  ``0``. Excel shows the decimal comma or point of the computer's regional settings
  itself: a German Excel shows ``12,5``;
- labels (kinds of rows, tests, ``Gesamt``, ``ja``/``nein``) and the markers of withheld
  cells exactly as the report shows them, taken from :func:`survey.tables.display`:
  ``< 5`` (a count below ``min_cell``), ``.`` (withheld with it), ``> 180`` / ``> 97,3``
  (a count close to its total, as a bound) and ``–`` (not computable); such cells are
  text;
- a bold, wrapping header row that stays in view (frozen panes ``A2``), an autofilter,
  column widths fitted to their contents (at most 60 characters; longer text wraps).

What a shared workbook shows is what the report shows: the tables as
:meth:`survey.disclosure.Plan.publish` wrote them; a table written without the plan's
bookkeeping columns is refused. An internal workbook
(``policy.internal``) shows the tables as written.

The file is written to a temporary name in the target folder and moved into place
(:func:`survey.fileio.atomic_path`): a failure leaves the old workbook or none.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from .disclosure import SUPPRESSED, Policy, checked
from .errors import SurveyError
from .fileio import atomic_path
from .messages import MESSAGES, text, text_or

# _header and _role: survey.tables.display's header and role lookups (not public there),
# so that a sheet's headers and cells follow the report's rule without a copy of it
from .tables import _header, _role, legend, shown_columns, view
from .tablespec import BOOKKEEPING, COMBINED, ROLE_DECIMALS, TABLES, TEXT_ROLES, TableSpec, spec_for

__all__ = ["ORDER", "LAST", "CONTEXT", "APPEND", "MAX_WIDTH", "WORKBOOK", "write_workbook"]

logger = logging.getLogger(__name__)

#: File name of the workbook beside a wave's report (``reports/<wave>/tabellen.xlsx``).
WORKBOOK = "tabellen.xlsx"

#: Tables in the order of the reports; tables not named here follow alphabetically.
ORDER: tuple[str, ...] = (
    "sample", "frequencies", "items", "multi_response", "coded", "reliability", "item_total",
    "group_comparisons", "splits", "hypotheses", "session_ratings", "rating_items",
    "wave_comparison",
)
#: Tables that come after all others, in this order (data quality rather than results).
LAST: tuple[str, ...] = ("missingness", "rating_missingness", "missing_reasons", "cleaning_log")

#: Columns put before the shown ones: what a report says in a caption or heading above a
#: block (one sheet holds all blocks, so each row has to say which block it belongs to).
CONTEXT: dict[str, tuple[str, ...]] = {
    "item_total": ("scale",),
    "group_comparisons": ("grouping_label",),
    "splits": ("label",),
    "hypotheses": ("hypothesis",),
}
#: Columns put after the shown ones, for the same reason (the report names the test of a
#: group comparison below its table).
APPEND: dict[str, tuple[str, ...]] = {"group_comparisons": ("test",)}

#: Widest column, in characters; longer text wraps.
MAX_WIDTH = 60
_MIN_WIDTH = 6
_SHEET_NAME_MAX = 31
_WHOLE_ROLES = frozenset({"count", "code", "int"})
_P_THRESHOLD = 0.001  # the catalogue's workbook.p_below
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_BOLD = Font(bold=True)
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="bottom")


@dataclass
class _Sheet:
    """One table ready to be written: its name, headers, cells and number formats."""

    table: str
    file: str
    name: str
    headers: list[str]
    rows: list[list[Any]]
    formats: list[str | None]  # per column; None for text columns
    shown: list[list[str]]  # the report's strings, for column widths


def write_workbook(tables_dir: str | Path, target: str | Path, *, policy: Policy,
                   language: str = "de", title: str | None = None) -> Path:
    """Write the shared result tables of one wave as an Excel workbook.

    Parameters
    ----------
    tables_dir : str or Path
        ``reports/<wave>/tables``: the CSV files :meth:`survey.disclosure.Plan.publish`
        wrote (the shared versions, with a ``suppressed`` column).
    target : str or Path
        The workbook to write, usually ``reports/<wave>/tabellen.xlsx`` (:data:`WORKBOOK`);
        its folder is created when missing.
    policy : Policy
        The run's disclosure policy: its ``min_cell`` names the markers (``"< 5"``); an
        internal workbook (``reports-intern/``) shows the tables as written.
    language : {"de", "en"}, default "de"
        Sheet names, headers, labels and notes from the catalogue in this language.
    title : str, optional
        The wave's title, at the top of the first sheet (``"ANNA E2"``).

    Returns
    -------
    Path
        ``target``.

    Raises
    ------
    SurveyError
        When ``tables_dir`` holds no CSV file, one cannot be read, or (shared) one did not
        go through the disclosure plan.
    ValueError
        For an unknown ``language``.

    Examples
    --------
    >>> import tempfile
    >>> from survey.fileio import write_table
    >>> tmp = Path(tempfile.mkdtemp())
    >>> sample = pd.DataFrame({  # as survey.disclosure.Plan.table withholds it
    ...     "grouping": ["total", "ae", "ae"], "grouping_label": ["", "Alleinerziehend"] + [
    ...     "Alleinerziehend"], "group": ["total", "ja", "nein"], "kind": "valid",
    ...     "n": [24, None, None], "percent": [100.0, None, None],
    ...     "pct_valid": [100.0, None, None], "suppressed": ["", "n;percent;pct_valid"] + [
    ...     "n;percent;pct_valid"], "suppressed_small": ["", "n", ""],
    ...     "suppressed_near_total": ""})
    >>> _ = write_table(sample, tmp / "tables", "sample")
    >>> book = openpyxl.load_workbook(write_workbook(tmp / "tables", tmp / "t.xlsx",
    ...                                              policy=Policy(5)))
    >>> book.sheetnames
    ['Hinweise', 'Stichprobe']
    >>> for row in book["Stichprobe"].values:
    ...     print(row)
    ('Merkmal', 'Gruppe', 'n', '%', 'gültige %')
    (None, 'Gesamt', 24, 100, 100)
    ('Alleinerziehend', 'ja', '< 5', '.', '.')
    ('Alleinerziehend', 'nein', '.', '.', '.')
    """
    policy = checked(policy)
    marker_legend = legend(language, policy)  # checks language
    tables_dir = Path(tables_dir)
    files = _table_files(tables_dir)
    sheets: list[_Sheet] = []
    taken = {text("workbook.sheet.notes", language).casefold()}
    for table, path in files:
        sheet = _sheet(table, path, language, policy)
        sheet.name = _unique_name(sheet.name, taken)
        sheets.append(sheet)

    heading = (text("workbook.heading_title", language).format(title=title) if title
               else text("workbook.heading", language))
    book = openpyxl.Workbook()
    book.properties.title = heading
    book.properties.creator = "survey"
    notes = book.active
    notes.title = text("workbook.sheet.notes", language)
    _write_notes(notes, sheets, language, heading, marker_legend)
    for sheet in sheets:
        _write_sheet(book.create_sheet(sheet.name), sheet)
    target = Path(target)
    with atomic_path(target, ".xlsx") as tmp:
        book.save(tmp)
    logger.debug("wrote workbook %s (%d sheets)", target, len(sheets) + 1)
    return target


# --------------------------------------------------------------------------- tables


def _table_files(tables_dir: Path) -> list[tuple[str, Path]]:
    """``(table, path)`` of every CSV in ``tables_dir``, in workbook order."""
    paths = sorted(tables_dir.glob("*.csv")) if tables_dir.is_dir() else []
    if not paths:
        raise SurveyError("no result tables (*.csv) to put in a workbook", file=tables_dir)
    by_name = {p.stem: p for p in paths}
    first = [n for n in ORDER if n in by_name]
    last = [n for n in LAST if n in by_name]
    middle = sorted(n for n in by_name if n not in first and n not in last)
    return [(n, by_name[n]) for n in (*first, *middle, *last)]


def _read(path: Path, name: str) -> tuple[pd.DataFrame, TableSpec]:
    """The table as written (text columns kept as text) and its spec."""
    options: dict[str, Any] = {"keep_default_na": False, "na_values": [""]}
    try:
        frame = pd.read_csv(path, **options)
        spec = spec_for(name, frame)
        text_columns = {c: str for c, r in spec.roles.items()
                        if r in TEXT_ROLES - {"bool"} and c in frame.columns}
        text_columns.update({c: str for c in BOOKKEEPING if c in frame.columns})
        if text_columns:  # "007" stays "007", a group "1" stays text
            frame = pd.read_csv(path, dtype=text_columns, **options)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise SurveyError(f"cannot be read as a result table ({exc})", file=path) from None
    return frame, spec


def _columns(frame: pd.DataFrame, name: str) -> list[str]:
    """The report's columns (a combined interval as its two bounds), with context."""
    chosen = shown_columns(frame, name)
    columns: list[str] = [c for c in CONTEXT.get(name, ())
                          if c in frame.columns and c not in chosen]
    for column in chosen:
        columns.extend(COMBINED.get(column, (column,)))
    columns += [c for c in APPEND.get(name, ()) if c in frame.columns and c not in columns]
    return columns


def _number_format(spec: TableSpec, column: str, role: str, language: str) -> str:
    # the spec's decimals for its own role; a role set here (whole numbers) its default
    decimals = (spec.decimals_of(column) if spec.roles.get(column) == role
                else ROLE_DECIMALS[role])
    pattern = "0." + "0" * decimals if decimals > 0 else "0"
    if role == "p":
        # the value stays exact; only what Excel shows changes below the threshold
        return f'[<{_P_THRESHOLD}]"{text("workbook.p_below", language)}";{pattern}'
    return pattern


def _number(value: Any, role: str) -> float | int | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if number != number or number in (float("inf"), float("-inf")):
        return None
    if role in _WHOLE_ROLES and number.is_integer():
        return int(number)
    return number


def _whole(values: pd.Series) -> bool:
    """True when every value given is a whole number (and at least one is given)."""
    numbers = pd.to_numeric(values, errors="coerce").dropna()
    return bool(len(numbers)) and bool((numbers == numbers.round()).all())


def _clean(value: str) -> str | None:
    """A text cell: no control characters openpyxl refuses; empty → no value."""
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value or None


def _sheet(name: str, path: Path, language: str, policy: Policy) -> _Sheet:
    frame, spec = _read(path, name)
    if not policy.internal and SUPPRESSED not in frame.columns:
        raise SurveyError("was not written through the disclosure plan: a shared workbook "
                          "cannot show it", file=path)
    shared = frame
    columns = _columns(shared, name)
    cells_shown = view(shared, name, policy=policy, language=language, columns=columns)
    roles = [_role(spec, c, shared) for c in columns]
    if name not in TABLES:  # a column of whole numbers (a count by another name) has no decimals
        roles = ["int" if r == "stat" and _whole(shared[c]) else r
                 for c, r in zip(columns, roles, strict=True)]
    shown_cells = {c: cells_shown[c].tolist() for c in columns}
    cells = {c: shared[c].array for c in columns}
    rows: list[list[Any]] = []
    for i in range(len(shared)):
        row: list[Any] = []
        for column, role in zip(columns, roles, strict=True):
            shown = str(shown_cells[column][i])
            number = None if role in TEXT_ROLES else _number(cells[column][i], role)
            # withheld and not computable cells hold the report's marker as text
            row.append(number if number is not None else _clean(shown))
        rows.append(row)
    formats = [None if r in TEXT_ROLES else _number_format(spec, c, r, language)
               for c, r in zip(columns, roles, strict=True)]
    key = f"workbook.sheet.{name}"
    sheet_name = text_or(key, language, name)
    return _Sheet(table=name, file=path.name, name=sheet_name,
                  headers=[_header(spec, c, language) for c in columns], rows=rows,
                  formats=formats, shown=[[str(v) for v in cells_shown[c]] for c in columns])


def _unique_name(name: str, taken: set[str]) -> str:
    """A valid sheet name (≤ 31 characters, none of ``[]:*?/\\``), unique ignoring case."""
    base = _BAD_SHEET_CHARS.sub("_", name).strip("'").strip() or "Tabelle"
    base = base[:_SHEET_NAME_MAX]
    candidate, k = base, 1
    while candidate.casefold() in taken:
        k += 1
        suffix = f" ({k})"
        candidate = base[:_SHEET_NAME_MAX - len(suffix)] + suffix
    taken.add(candidate.casefold())
    return candidate


# --------------------------------------------------------------------------- writing


def _set(ws: Worksheet, row: int, column: int, value: Any) -> Any:
    cell = ws.cell(row=row, column=column, value=value)
    if cell.data_type == "f":  # free text "=…" is text, not a formula
        cell.data_type = "s"
    return cell


def _write_sheet(ws: Worksheet, sheet: _Sheet) -> None:
    n_columns = len(sheet.headers)
    for j, header in enumerate(sheet.headers, start=1):
        cell = _set(ws, 1, j, header)
        cell.font = _BOLD
        cell.alignment = _HEADER_ALIGN
    for i, row in enumerate(sheet.rows, start=2):
        for j, value in enumerate(row, start=1):
            _set(ws, i, j, value)
    for j in range(n_columns):
        letter = get_column_letter(j + 1)
        longest = max((len(s) for s in sheet.shown[j]), default=0)
        width = min(max(longest, len(sheet.headers[j]), _MIN_WIDTH) + 2, MAX_WIDTH)
        ws.column_dimensions[letter].width = width
        wrap = longest > MAX_WIDTH - 2
        numeric = sheet.formats[j] is not None
        alignment = Alignment(vertical="top", wrap_text=wrap,
                              horizontal="right" if numeric else None)
        for cells in ws.iter_rows(min_row=2, max_row=len(sheet.rows) + 1, min_col=j + 1,
                                  max_col=j + 1):
            for cell in cells:
                cell.alignment = alignment
                if numeric:
                    cell.number_format = sheet.formats[j]
    ws.freeze_panes = "A2"
    if n_columns:
        ws.auto_filter.ref = f"A1:{get_column_letter(n_columns)}{len(sheet.rows) + 1}"


def _write_notes(ws: Worksheet, sheets: Sequence[_Sheet], language: str, heading: str,
                 marker_legend: str) -> None:
    _set(ws, 1, 1, heading).font = Font(bold=True, size=14)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row, (label, body) in enumerate(
            ((text("workbook.markers", language), marker_legend),
             (text("workbook.numbers", language), text("workbook.numbers_note", language))),
            start=3):
        _set(ws, row, 1, label).font = _BOLD
        _set(ws, row, 2, body).alignment = wrap
        ws.cell(row=row, column=1).alignment = wrap
    head = 6
    for j, key in enumerate(("workbook.col_sheet", "workbook.col_about", "workbook.col_rows",
                             "workbook.col_file"), start=1):
        cell = _set(ws, head, j, text(key, language))
        cell.font = _BOLD
        cell.alignment = _HEADER_ALIGN
    for i, sheet in enumerate(sheets, start=head + 1):
        key = f"workbook.about.{sheet.table}"
        about = (text(key, language) if key in MESSAGES
                 else text("workbook.about_other", language).format(file=sheet.file))
        link = _set(ws, i, 1, sheet.name)
        quoted = sheet.name.replace("'", "''")
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{quoted}'!A1")
        link.style = "Hyperlink"
        link.alignment = wrap
        _set(ws, i, 2, about).alignment = wrap
        _set(ws, i, 3, len(sheet.rows)).alignment = Alignment(vertical="top")
        _set(ws, i, 4, sheet.file).alignment = wrap
    names = max((len(s.name) for s in sheets), default=0)
    files = max((len(s.file) for s in sheets), default=0)
    for letter, width in (("A", min(max(names + 4, 16), 40)), ("B", 90), ("C", 8),
                          ("D", min(max(files + 2, 10), 40))):
        ws.column_dimensions[letter].width = width
