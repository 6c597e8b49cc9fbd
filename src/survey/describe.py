"""Descriptive tables of a cleaned wave: sample, frequencies, items, multiple response, coded.

Every function takes the clean data (and, where the kind of a missing value matters, the
long ``missing`` table of the wave) with the codebook and returns one tidy DataFrame in the
columns of docs/results.md, numbers at full precision. Labels come from the codebook; formatting,
German headers and small-cell suppression happen in :mod:`survey.tables`.

Bases, as SPSS shows them:

- a question's base is who was *asked*: respondents outside its filter base (and those
  who answered although they were not asked, whose answer cleaning discarded) are not in
  it (``missing`` kind ``not_asked``);
- in :func:`frequencies` every valid level has n, % of the base, valid % and cumulative
  valid %, then each user-missing code ("weiß nicht" apart from "keine Angabe"), blank
  cells and invalid values as rows of their own (SPSS FREQUENCIES);
- in :func:`multi_response` and :func:`coded` the base is who was asked and answered the
  question (at least one option not blank); % of cases is over that base and adds up to
  more than 100 % because several answers are allowed, % of responses is over all ticks
  (SPSS MULT RESPONSE). Unlike SPSS's default, a respondent who ticked none of the
  options counts in the base (a 0 is an answer: "none of these").
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .codebook import Codebook, Column
from .derive import grouping_series, top_box
from .intervals import wilson_interval
from .messages import text
from .vocabulary import MISSING_KINDS

__all__ = [
    "SAMPLE_COLUMNS",
    "FREQUENCY_COLUMNS",
    "ITEM_COLUMNS",
    "MULTI_COLUMNS",
    "CODED_COLUMNS",
    "TOTAL",
    "UNKNOWN_GROUP",
    "asked",
    "sections",
    "sample",
    "frequencies",
    "items",
    "multi_response",
    "coded",
]

SAMPLE_COLUMNS = ["grouping", "grouping_label", "group", "kind", "n", "percent", "pct_valid"]
FREQUENCY_COLUMNS = ["variable", "label", "section", "code", "value_label", "kind", "n", "pct",
                     "pct_valid", "ci_low", "ci_high", "pct_valid_cum", "base_n"]
ITEM_COLUMNS = ["variable", "label", "section", "type", "base_n", "n_valid", "n_dont_know",
                "n_missing", "mean", "sd", "median", "n_top_box", "top_box_pct",
                "top_box_ci_low", "top_box_ci_high"]
MULTI_COLUMNS = ["variable", "variable_label", "option", "label", "grouping", "grouping_label",
                 "group", "base_n", "n", "pct_cases", "ci_low", "ci_high", "pct_responses"]
CODED_COLUMNS = ["variable", "variable_label", "code", "label", "grouping", "grouping_label",
                 "group", "base_n", "n", "pct_cases", "ci_low", "ci_high", "pct_responses"]

#: ``grouping`` and ``group`` of the rows over all respondents.
TOTAL = "total"
#: ``group`` of a sample row counting those whose group is not known (``kind`` missing);
#: a report shows it as "Gruppe unbekannt".
UNKNOWN_GROUP = "(unknown)"



def _kinds(missing: pd.DataFrame, variable: str, index: pd.Index) -> pd.Series:
    """The kind of missing value of ``variable`` per respondent (NaN where not missing)."""
    rows = missing[missing["variable"] == variable].drop_duplicates("respondent")
    return rows.set_index("respondent")["kind"].reindex(index)


def asked(missing: pd.DataFrame, variable: str, index: pd.Index) -> pd.Series:
    """True for the respondents who were asked ``variable`` (not outside its filter base).

    >>> m = pd.DataFrame({"respondent": ["b"], "variable": ["q"], "code": [None],
    ...                   "reason": ["Filter"], "kind": ["not_asked"]})
    >>> asked(m, "q", pd.Index(["a", "b"])).tolist()
    [True, False]
    """
    return (_kinds(missing, variable, index) != "not_asked").rename(variable)


def _groupings(data: pd.DataFrame, codebook: Codebook,
               by: Sequence[str] | None) -> list[tuple[str, str, pd.Series | None]]:
    """(name, label, groups) for the total and each grouping of ``by`` (default: all)."""
    names = list(codebook.groupings) if by is None else list(by)
    out: list[tuple[str, str, pd.Series | None]] = [(TOTAL, "", None)]
    for name in names:
        out.append((name, codebook.groupings[name].label,
                    grouping_series(data, codebook, name)))
    return out


def _subsets(data: pd.DataFrame, codebook: Codebook, by: Sequence[str] | None):
    """Yield (grouping, its label, group, row mask) for the total and every group of every
    grouping."""
    for name, label, groups in _groupings(data, codebook, by):
        if groups is None:
            yield TOTAL, "", TOTAL, np.ones(len(data), dtype=bool)
            continue
        for group in groups.cat.categories:
            yield name, label, str(group), (groups == group).to_numpy()


def sections(codebook: Codebook, *, kinds: Sequence[str] = ("variable", "set", "scale"),
             levels: Sequence[str] | None = None) -> list[tuple[str | None, str, list[str]]]:
    """The analysable names of each codebook section, in report order.

    Parameters
    ----------
    kinds : sequence of str
        :attr:`~survey.codebook.Column.kind` values to include.
    levels : sequence of str, optional
        Measurement levels to include (default all).

    Returns
    -------
    list of (section key, section title, names)
        Sections in codebook order, each with its names in codebook order; names without
        a section last under the key ``None`` (title ``""``). Sections without a matching
        name are left out.

    Examples
    --------
    >>> from pathlib import Path
    >>> from survey.codebook import Codebook, Variable
    >>> cb = Codebook(Path("cb.yml"), "i", "t", "de", "id", "id", {}, {"s": "Teil 1"}, {
    ...     "a": Variable("a", "A", "numeric", "a"),
    ...     "b": Variable("b", "B", "numeric", "b", section="s")})
    >>> sections(cb)
    [('s', 'Teil 1', ['b']), (None, '', ['a'])]
    """
    chosen = [c for c in codebook.columns.values()
              if c.kind in kinds and (levels is None or c.level in levels)]
    out: list[tuple[str | None, str, list[str]]] = []
    for key, title in [*codebook.sections.items(), (None, "")]:
        names = [c.name for c in chosen if c.section == key
                 or (key is None and c.section not in codebook.sections)]
        if names:
            out.append((key, title, names))
    return out


def sample(data: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """The sample by every grouping of the codebook (crossed ones included).

    Returns
    -------
    DataFrame
        ``grouping, grouping_label, group, kind, n, percent, pct_valid``: first the total
        (``grouping == "total"``), then per grouping each group in codebook listing order
        (``kind == "valid"``) and, when some respondents' group is unknown, a row of kind
        ``missing``. ``percent`` is of all respondents, ``pct_valid`` of those whose group
        is known.
    """
    n_total = len(data)
    rows = [{"grouping": TOTAL, "grouping_label": "", "group": TOTAL, "kind": "valid",
             "n": n_total, "percent": 100.0 if n_total else np.nan,
             "pct_valid": 100.0 if n_total else np.nan}]
    for name, label, groups in _groupings(data, codebook, None)[1:]:
        counts = groups.value_counts(sort=False)
        known = int(counts.sum())
        for group, n in counts.items():
            rows.append({"grouping": name, "grouping_label": label, "group": str(group),
                         "kind": "valid", "n": int(n), "percent": _pct(n, n_total),
                         "pct_valid": _pct(n, known)})
        if known < n_total:
            rows.append({"grouping": name, "grouping_label": label,
                         "group": UNKNOWN_GROUP,
                         "kind": "missing", "n": n_total - known,
                         "percent": _pct(n_total - known, n_total), "pct_valid": np.nan})
    return pd.DataFrame(rows, columns=SAMPLE_COLUMNS)


def _pct(n: float, base: float) -> float:
    return 100.0 * float(n) / float(base) if base else np.nan


def _categorical(codebook: Codebook, names: Sequence[str] | None) -> list[Column]:
    cols = [codebook.column(n) for n in names] if names is not None else [
        c for c in codebook.columns.values() if c.kind == "variable" and c.is_categorical]
    return cols


def frequencies(data: pd.DataFrame, missing: pd.DataFrame, codebook: Codebook,
                variables: Sequence[str] | None = None) -> pd.DataFrame:
    """Frequency tables as SPSS FREQUENCIES shows them, one block of rows per variable.

    Parameters
    ----------
    data : DataFrame
        Clean data.
    missing : DataFrame
        The wave's ``missing`` table (``respondent, variable, code, reason, kind``).
    codebook : Codebook
    variables : sequence of str, optional
        Categorical variables (binary, nominal, ordinal); default all of them.

    Returns
    -------
    DataFrame
        ``variable, label, section, code, value_label, kind, n, pct, pct_valid,
        pct_valid_cum, base_n``. Per variable: each valid level in codebook listing order
        (``code`` as delivered, also for reverse-keyed items; zero counts included), then
        each user-missing code that occurs (``dont_know``, ``no_answer``), blank cells
        (``system``) and values blanked by cleaning (``invalid``). ``base_n`` is who was
        asked; the rows' n add up to it. ``pct`` is of the base, ``pct_valid`` and the
        cumulative ``pct_valid_cum`` of the valid answers.
    """
    rows: list[dict] = []
    lang = codebook.language
    for col in _categorical(codebook, variables):
        values = data[col.name]
        in_base = asked(missing, col.variable, data.index)
        kinds = _kinds(missing, col.variable, data.index)
        base = int(in_base.sum())
        counts = values[in_base.to_numpy()].value_counts()
        n_valid = int(counts.sum())
        common = {"variable": col.name, "label": col.label, "section": col.section,
                  "base_n": base}
        cum = 0
        for code, label in col.levels.items():
            n = int(counts.get(label, 0))
            cum += n  # cumulated as a count, so the last level is exactly 100 %
            low, high = wilson_interval(n, n_valid, percent=True)
            rows.append({**common, "code": code, "value_label": label, "kind": "valid",
                         "n": n, "pct": _pct(n, base), "pct_valid": _pct(n, n_valid),
                         "ci_low": low, "ci_high": high,
                         "pct_valid_cum": _pct(cum, n_valid)})
        m = missing[missing["variable"] == col.variable]
        # those asked, by looking each respondent up (an isin over the whole base builds a
        # Python list of every code: seconds for a large wave)
        m = m[in_base.reindex(m["respondent"].to_numpy(), fill_value=False).to_numpy(bool)]
        for kind in MISSING_KINDS:
            hit = m[m["kind"] == kind]
            if kind in ("dont_know", "no_answer"):
                groups = hit.groupby(["code", "reason"], dropna=False).size()
                for (code, reason), n in sorted(groups.items()):
                    rows.append({**common, "code": int(code), "value_label": reason,
                                 "kind": kind, "n": int(n), "pct": _pct(n, base),
                                 "pct_valid": np.nan, "pct_valid_cum": np.nan})
            else:
                n = int((kinds[in_base.to_numpy()] == kind).sum())
                if n:
                    rows.append({**common, "code": np.nan,
                                 "value_label": text(f"kind.{kind}", lang), "kind": kind,
                                 "n": n, "pct": _pct(n, base), "pct_valid": np.nan,
                                 "pct_valid_cum": np.nan})
    return pd.DataFrame(rows, columns=FREQUENCY_COLUMNS).astype({"code": "Int64"})


def items(data: pd.DataFrame, missing: pd.DataFrame, codebook: Codebook,
          names: Sequence[str] | None = None) -> pd.DataFrame:
    """Item statistics: n, mean, SD and median on keyed codes, and the top-box share.

    Parameters
    ----------
    names : sequence of str, optional
        Variables and scales; default every ordinal, binary and numeric variable, then
        every scale, in codebook order.

    Returns
    -------
    DataFrame
        ``variable, label, section, type, base_n, n_valid, n_dont_know, n_missing, mean,
        sd, median, n_top_box, top_box_pct``. ``base_n`` = who was asked =
        ``n_valid + n_dont_know + n_missing`` (``n_missing``: no answer, blank, invalid).
        Mean, SD (n − 1) and median use the keyed codes (after ``reverse: true``), so
        higher means more of the construct; ``top_box_pct`` is the share of valid answers
        in the top box, which the codebook gives in delivered codes.
    """
    if names is None:
        names = [c.name for c in codebook.columns.values()
                 if (c.kind == "variable" and c.level in ("ordinal", "binary", "numeric"))
                 or c.kind == "scale"]
    rows = []
    for name in names:
        col = codebook.column(name)
        values = codebook.codes(data, name)
        if col.kind == "scale":
            in_base = pd.Series(True, index=data.index)
            n_dk = np.nan
        else:
            in_base = asked(missing, col.variable, data.index)
            n_dk = int((_kinds(missing, col.variable, data.index)[in_base] == "dont_know").sum())
        x = values[in_base.to_numpy()].dropna()
        base, n_valid = int(in_base.sum()), len(x)
        n_top = pct_top = top_low = top_high = np.nan
        if col.top_box:
            hits = top_box(data, codebook, name)[in_base.to_numpy()].dropna()
            n_top, pct_top = int(hits.sum()), _pct(hits.sum(), len(hits))
            top_low, top_high = wilson_interval(hits.sum(), len(hits), percent=True)
        rows.append({
            "variable": name, "label": col.label, "section": col.section, "type": col.level,
            "base_n": base, "n_valid": n_valid, "n_dont_know": n_dk,
            "n_missing": base - n_valid - (0 if np.isnan(n_dk) else n_dk),
            "mean": float(x.mean()) if n_valid else np.nan,
            "sd": float(x.std(ddof=1)) if n_valid > 1 else np.nan,
            "median": float(x.median()) if n_valid else np.nan,
            "n_top_box": n_top, "top_box_pct": pct_top, "top_box_ci_low": top_low,
            "top_box_ci_high": top_high,
        })
    return pd.DataFrame(rows, columns=ITEM_COLUMNS).astype(
        {"n_dont_know": "Int64", "n_top_box": "Int64"})


def _sets(codebook: Codebook, level: str, names: Sequence[str] | None) -> list[Column]:
    if names is not None:
        return [codebook.column(n) for n in names]
    return [c for c in codebook.columns.values() if c.kind == "set" and c.level == level]


def _response_table(data: pd.DataFrame, missing: pd.DataFrame, codebook: Codebook,
                    level: str, names: Sequence[str] | None,
                    by: Sequence[str] | None) -> list[dict]:
    rows: list[dict] = []
    for col in _sets(codebook, level, names):
        ticks = data[list(col.data_columns)].astype("Float64")
        answered = (asked(missing, col.name, data.index).to_numpy()
                    & ticks.notna().any(axis=1).to_numpy())
        for grouping, grouping_label, group, mask in _subsets(data, codebook, by):
            base_rows = answered & mask
            counts = ticks[base_rows].fillna(0).sum().astype(int)
            total = int(counts.sum())
            base = int(base_rows.sum())
            for column in col.data_columns:
                n = int(counts[column])
                rows.append({
                    "variable": col.name, "variable_label": col.label, "column": column,
                    "label": codebook.column(column).label, "grouping": grouping,
                    "grouping_label": grouping_label, "group": group, "base_n": base, "n": n,
                    "pct_cases": _pct(n, base),
                    **dict(zip(("ci_low", "ci_high"), wilson_interval(n, base, percent=True),
                               strict=True)),
                    "pct_responses": _pct(n, total)})
    return rows


def multi_response(data: pd.DataFrame, missing: pd.DataFrame, codebook: Codebook,
                   variables: Sequence[str] | None = None, *,
                   by: Sequence[str] | None = None) -> pd.DataFrame:
    """Multiple-response sets (SPSS MULT RESPONSE, dichotomies) overall and by grouping.

    Parameters
    ----------
    variables : sequence of str, optional
        Multi variables; default all.
    by : sequence of str, optional
        Groupings; default every grouping of the codebook (``[]`` for the total only).

    Returns
    -------
    DataFrame
        ``variable, variable_label, option, label, grouping, grouping_label, group, base_n,
        n, pct_cases, pct_responses``; rows over all respondents have
        ``grouping == group == "total"`` (and an empty ``grouping_label``).
        ``base_n``: asked (filter base) and answered; ``pct_cases = n / base_n``;
        ``pct_responses = n / (ticks of all options)``.
    """
    rows = _response_table(data, missing, codebook, "multi", variables, by)
    frame = pd.DataFrame(rows, columns=[*MULTI_COLUMNS[:2], "column", *MULTI_COLUMNS[3:]])
    return frame.rename(columns={"column": "option"})[MULTI_COLUMNS]


def coded(data: pd.DataFrame, missing: pd.DataFrame, codebook: Codebook,
          variables: Sequence[str] | None = None, *,
          by: Sequence[str] | None = None) -> pd.DataFrame:
    """Coded open answers: counts per category with their base (several codes per person).

    Same bases and percentages as :func:`multi_response`; ``code`` is the category's code.
    """
    rows = _response_table(data, missing, codebook, "coded", variables, by)
    for row in rows:
        row["code"] = int(row.pop("column").rsplit("_", 1)[1])
    return pd.DataFrame(rows, columns=CODED_COLUMNS)
