"""What a plain table (CSV, Excel) says of its columns, for a draft codebook
(:mod:`survey.draft`): types inferred from the values, every inference a guess.

- whole numbers in a short run of codes (at most 11, e.g. 1–5): an ordinal scale to
  review, labelled with their codes;
- 0/1 (or 1/2) columns sharing a stem (``q5_1``, ``q5_2``, …): one multiple-response set;
- other numbers: numeric, with the observed range as a note;
- ISO or German dates: date; anything else: free text.

>>> import pandas as pd
>>> frame = pd.DataFrame({"q1": ["1", "5", "3"], "m_a": ["1", "0", "1"],
...                       "m_b": ["0", "0", "1"], "note": ["gut", "", "ok"]})
>>> [(c.source, c.type) for c in table_columns(frame)]
[('q1', 'ordinal'), ('m', 'multi'), ('note', 'text')]
"""

from __future__ import annotations

import re

import pandas as pd

from .draftwrite import DraftColumn

__all__ = ["table_columns"]

_STEM = re.compile(r"^(.*?)[ _.-]?(\d+|[a-z])$", re.IGNORECASE)
_MAX_CODES = 11


def table_columns(frame: pd.DataFrame) -> list[DraftColumn]:
    """One :class:`DraftColumn` per column of a table of text cells (0/1 columns that
    share a stem as one multiple-response set)."""
    kinds = {c: _kind(frame[c]) for c in frame.columns}
    sets = _multi_sets(frame, kinds)
    in_set = {c for members in sets.values() for c in members}
    out: list[DraftColumn] = []
    done: set[str] = set()
    for column in frame.columns:
        if column in in_set:
            stem = next(s for s, members in sets.items() if column in members)
            if stem not in done:
                done.add(stem)
                out.append(_multi(stem, sets[stem], frame))
            continue
        out.append(_column(column, kinds[column], frame[column]))
    return out


def _numbers(cells: pd.Series) -> pd.Series:
    text = cells.astype(str).str.strip()
    return pd.to_numeric(text.str.replace(",", ".", regex=False).replace("", None),
                         errors="coerce")


def _kind(cells: pd.Series) -> str:
    text = cells.astype(str).str.strip()
    given = text[text != ""]
    if given.empty:
        return "text"
    numbers = _numbers(given)
    if numbers.notna().all():
        if not (numbers % 1 == 0).all():
            return "numeric"
        distinct = sorted(set(numbers))
        if set(distinct) <= {0, 1}:
            return "flag"
        if len(distinct) <= _MAX_CODES and distinct[-1] - distinct[0] <= _MAX_CODES:
            return "codes"
        return "numeric"
    dates = pd.to_datetime(given, format="%Y-%m-%d", errors="coerce").fillna(
        pd.to_datetime(given, format="%d.%m.%Y", errors="coerce"))
    return "date" if dates.notna().all() else "text"


def _multi_sets(frame: pd.DataFrame, kinds: dict[str, str]) -> dict[str, list[str]]:
    """Stems with at least two 0/1 (or 1/2) columns: ``q5_1``, ``q5_2`` → ``q5``."""
    stems: dict[str, list[str]] = {}
    for column, kind in kinds.items():
        match = _STEM.match(str(column))
        values = set(_numbers(frame[column]).dropna())
        if match and match.group(1) and (kind == "flag" or values <= {1, 2} and values):
            stems.setdefault(match.group(1), []).append(column)
    return {s: cols for s, cols in stems.items() if len(cols) >= 2 and all(
        set(_numbers(frame[c]).dropna()) <= {0, 1} for c in cols)}


def _multi(stem: str, members: list[str], frame: pd.DataFrame) -> DraftColumn:
    return DraftColumn(stem, stem, "multi", options={c: c for c in members},
                       notes=[f"multiple response: {len(members)} 0/1 columns sharing the stem "
                              f"'{stem}'; give the set and its options their question texts"])


def _column(column: str, kind: str, cells: pd.Series) -> DraftColumn:
    numbers = _numbers(cells).dropna()
    if kind == "codes" or kind == "flag":
        low, high = int(numbers.min()), int(numbers.max())
        levels = {k: str(k) for k in range(low, high + 1)}
        what = "binary" if kind == "flag" else "ordinal"
        note = (f"{what}: codes {low} to {high} taken as an ordered scale; add the answer "
                "labels (or make it nominal)" if what == "ordinal" else
                "binary: codes 0 and 1; add the answer labels")
        return DraftColumn(column, column, what, levels=levels, notes=[note])
    if kind == "numeric":
        return DraftColumn(column, column, "numeric",
                           notes=[f"numeric, observed {numbers.min():g} to {numbers.max():g};"
                                  " add a range to blank impossible values"])
    if kind == "date":
        return DraftColumn(column, column, "date", notes=["date (from its values)"])
    distinct = cells.astype(str).str.strip().replace("", None).dropna().nunique()
    return DraftColumn(column, column, "text",
                       notes=[f"free text ({distinct} different answers); never shown in a "
                              "report — code it if it holds answer categories"])
