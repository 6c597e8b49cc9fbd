"""The result tables as a report shows them: headers, labels, numbers and markers.

:func:`display` turns a result table — as :meth:`survey.disclosure.Plan.table` returned it
for a shared report, or at full precision for the internal one — into the formatted
pandas Styler a notebook shows; :func:`figure_rows` gives a bar figure the same cells;
:func:`legend` is the one line that explains the markers. What a table's columns are
(counts, percentages, statistics …) is :mod:`survey.tablespec`'s registry; numbers are
formatted by :mod:`survey.numbers`.

Markers
-------
``< 5`` (with the actual ``min_cell``)
    a count of 1 … ``min_cell`` − 1 persons, withheld.
``> 180``, ``> 97,3 %``
    a count close to its total, withheld because its complement is small: shown as a
    bound (no more than ``< 5`` says of the complement).
``.``
    withheld because it is computed from so few cases, or because a withheld count could
    be worked out from it (official statistics' sign for "secret", Destatis,
    Zeichenerklärung: "Zahlenwert unbekannt oder geheim zu halten").
``–``
    not computable (a true NaN, e.g. an SD of one value).

Zero counts are shown: an empty cell discloses nothing about a person.

Why pandas Styler + babel and not great_tables
----------------------------------------------
great_tables 1.1 (the Python port of R's gt, what gtsummary renders with) was checked: it
renders inside nbconvert HTML and its default output loads nothing from the web (only
``google_font()`` adds an ``@import`` of fonts.googleapis.com). It was not chosen because

- its inline CSS is not fully scoped: ``#id thead, tbody, tfoot, tr, td, th
  {border-style: none}`` and ``tr {background-color: transparent}`` apply to *every*
  table of the page, so one gt table restyles all other tables of a report;
- it adds ten packages to this environment (great_tables, htmltools, faicons, multimark
  with compiled code, nokap, lazy-importer, websockets, importlib-metadata/-resources,
  zipp; about 23 MB) where pandas (already needed) and babel (which great_tables itself
  uses for locales) suffice;
- what this module needs beyond a plain table is cell-by-cell logic (four different
  markers depending on *why* a value is missing, APA's leading-zero rule, merged CI
  columns) that gt's column formatters do not express; it would be a pre-formatted string
  table either way.

Styler's HTML is self-contained (an inline ``<style>`` scoped by the table's id), needs no
script and is what nbconvert embeds for ``_repr_html_``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from pandas.io.formats.style import Styler

from .describe import TOTAL, UNKNOWN_GROUP
from .disclosure import (
    SUPPRESSED,
    SUPPRESSED_NEAR_TOTAL,
    SUPPRESSED_SMALL,
    Policy,
    checked,
    shown_only,
    withheld_columns,
)
from .messages import MESSAGES, check_language, text
from .numbers import (
    NOT_COMPUTABLE,
    decimal_separator,
    format_number,
    format_percent,
    is_missing,
    week_label,
)
from .statstext import _statistic, format_effect, format_interval
from .tablespec import COMBINED, TABLES, TEXT_ROLES, TableSpec, spec_for
from .tableview import (  # noqa: F401 - table_view re-exported
    mark_questions,
    table_view,
    under_questions,
)

__all__ = [
    "SECRET",
    "NOT_COMPUTABLE",
    "display",
    "view",
    "shown_columns",
    "figure_rows",
    "legend",
    "table_view",
    # re-exported: what a notebook or module formatting a table needs
    "TABLES",
    "TableSpec",
    "spec_for",
    "format_number",
    "is_missing",
    "withheld_columns",
]

#: Marker of a withheld value that is not itself a small count.
SECRET = "."



#: The group keys a result table writes (:mod:`survey.describe`) → their catalogue words.
_GROUP_WORDS = {TOTAL: "value.total", UNKNOWN_GROUP: "value.group_missing"}


def _header(spec: TableSpec, column: str, language: str) -> str:
    for key in (spec.header_key(column), f"col.{column}"):
        if key in MESSAGES:
            return text(key, language)
    return column


def _label(prefixes: Sequence[str], value: Any, language: str) -> str:
    for prefix in prefixes:
        key = f"{prefix}.{value}"
        if key in MESSAGES:
            return text(key, language)
    return str(value)


def _cell(value: Any, role: str, decimals: int, language: str) -> str:
    if role == "text":
        return "" if is_missing(value) else str(value)
    if role == "week":  # an ISO week or period as "KW 2–4/2021"; other keys as they are
        return "" if is_missing(value) else week_label(str(value), language)
    if is_missing(value):
        return NOT_COMPUTABLE
    if role == "kind":
        return _label(("row_kind", "kind"), value, language)
    if role == "test":
        return _label(("test",), value, language)
    if role == "group":
        key = _GROUP_WORDS.get(str(value))
        return text(key, language) if key else str(value)
    if role == "bool":
        if isinstance(value, str):
            return value
        return text("value.true" if bool(value) else "value.false", language)
    try:
        return format_number(value, role, language, decimals)
    except (TypeError, ValueError):
        return str(value)


def _columns(frame: pd.DataFrame, spec: TableSpec, columns: Sequence[str] | None,
             name: str) -> list[str]:
    available = [c for c in frame.columns
                 if c not in (SUPPRESSED, SUPPRESSED_SMALL, SUPPRESSED_NEAR_TOTAL)]
    combinable = [k for k, (lo, hi) in COMBINED.items() if lo in available and hi in available]
    if columns is not None:
        unknown = [c for c in columns if c not in available and c not in combinable]
        if unknown:
            raise ValueError(
                f"display({name!r}): no column(s) {', '.join(map(str, unknown))}; "
                f"columns: {', '.join(map(str, [*available, *combinable]))}")
        return list(columns)
    chosen: list[str] = []
    for c in spec.show or tuple(available):
        if c not in available and c not in combinable:
            continue
        values = None if c in combinable else frame[c]
        if c in spec.show_if_varies and values is not None and values.nunique(dropna=False) <= 1:
            continue
        if c in spec.show_if_any and values is not None and not any(
                not is_missing(v) and str(v) for v in values):
            continue
        chosen.append(c)
    if not spec.show:  # a generic table: merge CI bounds into one column
        for key in combinable:
            lo, hi = COMBINED[key]
            chosen[chosen.index(lo)] = key
            chosen.remove(hi)
    return chosen


def _view(frame: pd.DataFrame, spec: TableSpec, columns: Sequence[str], language: str,
          min_cell: int) -> pd.DataFrame:
    blank = pd.Series([""] * len(frame))
    withheld, small, near = ([withheld_columns(x) for x in frame.get(marker, blank)]
                             for marker in (SUPPRESSED, SUPPRESSED_SMALL,
                                            SUPPRESSED_NEAR_TOTAL))
    # a count close to its total shows as "> total − min_cell", its share of the total as
    # "> (total − min_cell) / total": no more than "< min_cell" says of the complement
    bounded = {(count, shown): total for count, total in spec.complement.items()
               for shown in (count, *spec.reveals.get(count, ()))}

    def bound(i: int, column: str) -> str | None:
        for (count, shown), total in bounded.items():
            if shown != column or count not in near[i] or total in withheld[i]:
                continue
            t = pd.to_numeric(pd.Series([frame[total].iloc[i]]), errors="coerce").iloc[0]
            if is_missing(t) or t <= min_cell:
                return None
            if shown == count:
                return "> " + format_number(t - min_cell, "count", language)
            return "> " + format_number(100.0 * (t - min_cell) / t, "percent", language,
                                        spec.decimals_of(shown))
        return None

    # per column once: its cells (as .iloc gives them), role and decimals
    arrays = {c: frame[c].array for c in frame.columns}
    formats: dict[str, tuple[str, int]] = {}

    def cell(i: int, column: str) -> str:
        if column in withheld[i]:
            if column in small[i]:
                return f"< {min_cell}"
            return bound(i, column) or SECRET
        if column in spec.named:
            return _named(column, {c: arrays[c][i] for c in _MEASURE if c in arrays},
                          language)
        if column not in formats:
            formats[column] = (_role(spec, column, frame), spec.decimals_of(column))
        role, decimals = formats[column]
        return _cell(arrays[column][i], role, decimals, language)

    out: dict[str, list[str]] = {}
    sep = "; " if decimal_separator(language) == "," else ", "
    for column in columns:
        if column in COMBINED:
            lo, hi = COMBINED[column]
            values = []
            for i in range(len(frame)):
                if lo in withheld[i] or hi in withheld[i]:
                    values.append(SECRET)
                elif is_missing(arrays[lo][i]) and is_missing(arrays[hi][i]):
                    values.append(NOT_COMPUTABLE)
                elif column in spec.named and "effect" in arrays:
                    values.append(_named_interval(arrays["effect"][i], arrays[lo][i],
                                                  arrays[hi][i], language))
                else:
                    values.append(f"[{cell(i, lo)}{sep}{cell(i, hi)}]")
            out[column] = values
        else:
            out[column] = [cell(i, column) for i in range(len(frame))]
    return pd.DataFrame(out, index=range(len(frame)), columns=list(columns), dtype=object)


#: the columns a row's measure is named from (:attr:`TableSpec.named`)
_MEASURE = ("test", "statistic", "df", "df2", "effect", "effect_size", "center", "center_a",
            "center_b")


def _named(column: str, row: dict[str, Any], language: str) -> str:
    """A statistic or effect size with its symbol: "U = 4.549,5", "r = ,02",
    "RD = −15,4 Pp." (the risk difference in percentage points, as figures and sentences
    give it)."""
    if column in ("center_a", "center_b"):  # a group's share carries its %
        value = row.get(column)
        if is_missing(value):
            return NOT_COMPUTABLE
        if row.get("center") == "percent":
            return format_percent(value, language)
        return format_number(value, "stat", language, 1 if row.get("center") == "median" else 2)
    if column == "statistic":
        if f"sentence.stat.{row.get('test')}" not in MESSAGES:  # a test without a symbol
            value = row.get("statistic")
            return NOT_COMPUTABLE if is_missing(value) else format_number(value, "stat",
                                                                          language, 2)
        return _statistic(row, language) or NOT_COMPUTABLE
    effect, value = row.get("effect"), row.get(column)
    if is_missing(value) or is_missing(effect):
        return NOT_COMPUTABLE
    effect = str(effect)
    key = next((k for k in (f"table.symbol.{effect}", f"sentence.symbol.{effect}")
                if k in MESSAGES), None)
    symbol = text(key, language) if key else effect
    unit = text(f"table.unit.{effect}", language) if f"table.unit.{effect}" in MESSAGES else ""
    return f"{symbol} = {format_effect(effect, value, language=language)}{unit}"


def _named_interval(effect: Any, low: Any, high: Any, language: str) -> str:
    """An effect size's CI on the scale its cell shows (percentage points for RD)."""
    if is_missing(effect):
        return NOT_COMPUTABLE
    return format_interval(str(effect), low, high, language=language) or NOT_COMPUTABLE


def _role(spec: TableSpec, column: str, frame: pd.DataFrame) -> str:
    """``column``'s role; a column the spec does not know is text unless it holds numbers."""
    if column in COMBINED:
        column = COMBINED[column][0]
    if column in spec.roles:
        return spec.roles[column]
    if column in frame.columns and not pd.api.types.is_numeric_dtype(frame[column]):
        return "text"
    return "stat"


_TABLE_CSS = [
    {"selector": "", "props": "border-collapse: collapse; table-layout: auto; width: auto; "
                             "max-width: 100%; font-variant-numeric: tabular-nums; "
                             "margin: 0.5em 0 1em;"},
    {"selector": "caption", "props": "caption-side: top; text-align: left; font-weight: bold; "
                                    "padding: 0 0 0.4em; white-space: normal;"},
    {"selector": "th", "props": "vertical-align: bottom; padding: 0.3em 0.6em; "
                               "white-space: normal; font-weight: bold; "
                               "border-bottom: 1px solid #888;"},
    {"selector": "td", "props": "vertical-align: top; padding: 0.25em 0.6em; "
                               "border-bottom: 1px solid #e3e3e3;"},
]
# per column: (header cell, body cell); long text wraps, numbers never break
_ALIGN = {
    "left": ("text-align: left;",
             "text-align: left; white-space: normal; overflow-wrap: break-word; "
             "min-width: 6em; max-width: 32em;"),
    "right": ("text-align: right;", "text-align: right; white-space: nowrap;"),
}


def shown_columns(frame: pd.DataFrame, name: str) -> list[str]:
    """The columns :func:`display` shows of a table that went through
    :meth:`survey.disclosure.Plan.table` (or an internal one), in order (a
    :data:`~survey.tablespec.COMBINED` name for an interval), without formatting a cell."""
    return _columns(frame.reset_index(drop=True), spec_for(name, frame), None, name)


def display(frame: pd.DataFrame, name: str, *, policy: Policy, language: str = "de",
            columns: Sequence[str] | None = None, caption: str | None = None,
            questions: Sequence[str | None] | None = None) -> Styler:
    """The formatted report table of a docs/results.md result table.

    Parameters
    ----------
    frame : DataFrame
        The result table as :meth:`survey.disclosure.Plan.table` returned it (shared), or
        at full precision (``policy.internal``).
    name : str
        The table (a key of :data:`~survey.tablespec.TABLES`; other names are formatted
        by dtype).
    policy : Policy
        The run's disclosure policy: its ``min_cell`` names the markers.
    language : {"de", "en"}, default "de"
        Headers and labels from the catalogue, numbers formatted for the language.
    columns : sequence of str, optional
        Columns to show, in order; default the spec's ``show``. A
        :data:`~survey.tablespec.COMBINED` name (``alpha_ci``) shows two bounds as one
        interval.
    caption : str, optional
        Caption above the table.
    questions : sequence of str or None, optional
        Per row, the question an option belongs to: consecutive options of a question are
        shown below one row with the question's text, indented (None: a row of its own).

    Returns
    -------
    pandas.io.formats.style.Styler
        Strings only, index hidden; text columns left-aligned and wrapping, numbers
        right-aligned with tabular figures; markers ``< 5``, ``.``, ``> 180`` and ``–``
        (see :func:`legend`). HTML-escaped; self-contained CSS.

    Raises
    ------
    ValueError
        For a shared table that did not go through the disclosure plan.
    """
    policy = checked(policy)
    check_language(language)
    spec = spec_for(name, frame)
    table = shown_only(frame, name, policy)
    chosen = _columns(table, spec, columns, name)
    view = _view(table, spec, chosen, language, policy.min_cell)
    marks: list[str] = []
    if questions is not None:
        view, marks = under_questions(view, list(questions), chosen[0])
    styler = mark_questions(view.style.hide(axis="index").format(escape="html"), view, marks)
    styler = styler.relabel_index(
        [html.escape(_header(spec, c, language)) for c in chosen], axis="columns")
    styles: dict[str, list[dict[str, str]]] = {}
    for column in chosen:
        head, body = _ALIGN["left" if _role(spec, column, table) in TEXT_ROLES else "right"]
        styles[column] = [{"selector": "th", "props": head}, {"selector": "td", "props": body}]
    styler = styler.set_table_styles(_TABLE_CSS).set_table_styles(styles, overwrite=False)
    if caption:
        styler = styler.set_caption(html.escape(caption))
    return styler


def withheld_rows(frame: pd.DataFrame, name: str, *, policy: Policy) -> pd.Series:
    """Rows of a shared table that :func:`display` would show as markers only: every
    number it shows (not codes or counts of items) withheld or not computable, at least
    one withheld. None for an internal table."""
    policy = checked(policy)
    table = shown_only(frame, name, policy)
    if policy.internal or table.empty:
        return pd.Series(False, index=frame.index)
    spec = spec_for(name, table)
    numbers = []
    for c in _columns(table, spec, None, name):
        for one in COMBINED.get(c, (c,)):
            if one in table.columns and _role(spec, one, table) not in (*TEXT_ROLES, "code",
                                                                        "int"):
                numbers.append(one)
    out = []
    for i in range(len(table)):
        hidden = withheld_columns(table[SUPPRESSED].iloc[i])
        out.append(bool(numbers) and bool(hidden & set(numbers)) and all(
            c in hidden or is_missing(table[c].iloc[i]) for c in numbers))
    return pd.Series(out, index=frame.index)


def view(frame: pd.DataFrame, name: str, *, policy: Policy, language: str = "de",
         columns: Sequence[str] | None = None) -> pd.DataFrame:
    """The cells :func:`display` shows, as strings (for a figure's labels or a check)."""
    policy = checked(policy)
    check_language(language)
    spec = spec_for(name, frame)
    table = shown_only(frame, name, policy)
    return _view(table, spec, _columns(table, spec, columns, name), language, policy.min_cell)


def figure_rows(frame: pd.DataFrame, name: str, *, policy: Policy, value: str = "pct_cases",
                count: str = "n", language: str = "de") -> pd.DataFrame:
    """The rows of a result table as a bar figure (:func:`survey.plots.bar_figure`) may
    draw them: ``frame`` as :meth:`survey.disclosure.Plan.table` returned it.

    A withheld count becomes the report's marker as text and its bar is not drawn: a small
    count ``"n < 5"``, any other withheld count the catalogue's "not shown" text; a count
    close to its total (a small complement) is drawn at its lower bound with the count
    ``"> 180"``, which ``bar_figure`` labels ``"> 97,3 % (n > 180)"``. Internal: unchanged.
    """
    policy = checked(policy)
    table = shown_only(frame, name, policy)
    if policy.internal:
        return table
    check_language(language)
    spec = spec_for(name, table)
    shown = _view(table, spec, [count, value], language, policy.min_cell)
    out = table.copy()
    counts: list[Any] = []
    values: list[float] = []
    for i in range(len(table)):
        shown_n, shown_v = shown[count].iloc[i], shown[value].iloc[i]
        withheld = count in withheld_columns(table[SUPPRESSED].iloc[i])
        if not withheld:
            counts.append(table[count].iloc[i])
            values.append(table[value].iloc[i])
        elif shown_n.startswith(">") and shown_v.startswith(">"):
            total = float(table[spec.complement[count]].iloc[i])
            counts.append(shown_n)
            values.append(100.0 * (total - policy.min_cell) / total)
        else:
            counts.append(f"n {shown_n}" if shown_n.startswith("<")
                          else text("text.not_shown", language))
            values.append(np.nan)
    out[count] = pd.Series(counts, index=out.index, dtype=object)
    out[value] = pd.Series(values, index=out.index, dtype=float)
    return out


def legend(language: str, policy: Policy) -> str:
    """One line explaining the markers of :func:`display`'s tables.

    Examples
    --------
    >>> print(legend("en", Policy(10)))  # doctest: +NORMALIZE_WHITESPACE
    < 10: fewer than 10 cases, withheld for data protection; > 180: more than this many
    (fewer than 10 make up the rest of the base); .: withheld because computed from such a
    number or because one could be worked out from it; –: cannot be computed
    """
    policy = checked(policy)
    check_language(language)
    return text("text.table_legend", language).format(min_cell=policy.min_cell)


#: A cell that reads as a number once formatted ("1.234", "12,5 %", "< 5", "–", ".").
