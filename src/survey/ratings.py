"""Session-rating forms (e.g. the Session Rating Scale): totals, weekly counts, trend.

The input is the cleaned forms table of a wave's ``session_ratings`` block, as
:func:`survey.cleanratings.clean_ratings` (and ``load_wave(...).ratings``) returns it: one row per
form with the participant code (``spec.id``), the date (``spec.date``, datetime64, NaT when
blank), the rater (``spec.rater``), one float column per item of ``spec.items`` (NaN = missing)
and ``total`` (the sum of the items, NaN when any item is missing).

Forms are repeated measures: one participant fills in several forms, so the number of forms is
not the number of people. Figures *between people* (``mean_person``, ``pct_people_below``) are
computed from each participant's mean total first and then over participants; the trend over
sessions is a linear mixed model with a random intercept per participant.

Functions
---------
:func:`sessions`
    The forms with their session number per participant and ISO week.
:func:`summary`
    ``session_ratings.csv`` (docs/results.md): one row overall, per ISO week, per rater and per
    participant, in :data:`RATING_COLUMNS`.
:func:`item_summary`
    One row per item.
:func:`survey.ratingtrend.trend`
    Change of the total over sessions: slope, Wald CI, p and ICC of a random-intercept model.

Numbers are returned at full precision; rounding, German labels and small-cell suppression
happen in the report layer. Degenerate input (no forms, no totals, fewer than three
participants, no variance) gives NaN, never an exception or a numpy/statsmodels warning.
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
import pandas as pd

from .codebook import SessionRatings

__all__ = [
    "RATING_COLUMNS",
    "ITEM_COLUMNS",
    "sessions",
    "period_of",
    "summary",
    "item_summary",
]

#: Columns of ``session_ratings.csv`` (docs/results.md plus the spread and between-person figures).
RATING_COLUMNS = ["unit", "key", "n_forms", "n_people", "mean_total", "median_total",
                  "sd_total", "pct_below_cutoff", "pct_ceiling", "forms_per_week_median",
                  "forms_per_week_min", "forms_per_week_max", "first_total", "last_total",
                  "mean_person", "pct_people_below"]
#: Columns of :func:`item_summary`.
ITEM_COLUMNS = ["item", "label", "n_forms", "mean", "sd", "median", "mean_person"]

#: Totals are rounded to this many decimals before they are compared with the cutoff or the
#: ceiling: items with one decimal (a 10 cm line read to 1 mm) can sum to 35.99999999999999
#: (8.6 + 9.7 + 9.9 + 7.8), which must count as 36, not as "below 36".
_DECIMALS = 9


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------
def sessions(ratings: pd.DataFrame, spec: SessionRatings) -> pd.DataFrame:
    """The forms with their session number and ISO week.

    Parameters
    ----------
    ratings : DataFrame
        The cleaned forms, one row per form (see the module docstring).
    spec : SessionRatings
        The codebook's ``session_ratings`` block (``codebook.session_ratings``).

    Returns
    -------
    DataFrame
        A copy of ``ratings`` (same rows, same order, same index) with two more columns:

        - ``session`` (Int64): 1, 2, … per participant in date order; forms of one
          participant on the same date are numbered in file order. NA for a form without a
          date (its place in the sequence is unknown).
        - ``week`` (str): the ISO 8601 year and week of the date, ``"2021-W02"``, from
          ``Series.dt.isocalendar()``: the ISO year, not the calendar year, so
          2021-01-03 (a Sunday) belongs to ``"2020-W53"``. NA without a date.

        A ``total`` column is added (sum of the items, NaN when one is missing) if
        ``ratings`` has none.

    Raises
    ------
    ValueError
        If a column of ``spec`` (id, date, rater or an item) is not in ``ratings``.

    Examples
    --------
    >>> import pandas as pd
    >>> from pathlib import Path
    >>> from survey.codebook import SessionRatings
    >>> spec = SessionRatings(raw=Path("srs.csv"), id="code", date="datum", rater="coach",
    ...                       items={"a": "A", "b": "B"}, range=(0, 10), cutoff=18)
    >>> forms = pd.DataFrame({"code": ["x", "y", "x"],
    ...                       "datum": pd.to_datetime(["2021-01-04", "2021-01-03", "2020-12-28"]),
    ...                       "coach": ["k", "k", "k"], "a": [9.0, 10, 8], "b": [9.0, 10, 8]})
    >>> sessions(forms, spec)[["code", "session", "week"]]
      code  session      week
    0    x        2  2021-W01
    1    y        1  2020-W53
    2    x        1  2020-W53
    """
    out = _prepared(ratings, spec)
    dates = out[spec.date]
    dated = pd.DataFrame({"pos": np.arange(len(out)), "id": out[spec.id].to_numpy(),
                          "date": dates.to_numpy()})
    dated = dated[dated["date"].notna()].sort_values("date", kind="stable")
    number = dated.groupby("id", sort=False).cumcount() + 1
    session = pd.Series(pd.NA, index=range(len(out)), dtype="Int64")
    session.iloc[dated["pos"].to_numpy()] = number.to_numpy()
    out["session"] = pd.Series(session.array, index=out.index)
    iso = dates.dt.isocalendar()
    out["week"] = pd.Series(
        [f"{int(y)}-W{int(w):02d}" if not (pd.isna(y) or pd.isna(w)) else None
         for y, w in zip(iso["year"], iso["week"], strict=True)],
        index=out.index, dtype="str",
    )
    return out


def period_of(weeks: pd.Series, min_forms: int) -> pd.Series:
    """Consecutive ISO weeks merged into periods of at least ``min_forms`` forms each.

    ``weeks`` is the ``week`` column of :func:`sessions` (one entry per form, NA without a
    date). Going through the weeks with forms in calendar order, a period takes weeks until
    it holds ``min_forms`` forms; a last period with fewer joins the one before it (with
    fewer forms in all, everything is one period). A period is named by its first and last
    week, ``"2021-W02/2021-W04"`` (one week: ``"2021-W02"``), so that a shared report can
    show forms over time without a week of fewer than ``min_forms`` forms.

    Examples
    --------
    >>> weeks = pd.Series(["2021-W01"] * 3 + ["2021-W02"] * 4 + ["2021-W03"] * 6 + [None])
    >>> period_of(weeks, 5).value_counts(sort=False).to_dict()
    {'2021-W01/2021-W02': 7, '2021-W03': 6}
    """
    counts = weeks.dropna().value_counts().sort_index()
    periods: list[list[str]] = []
    filled = 0
    for week, n in counts.items():
        if not periods or filled >= min_forms:
            periods.append([])
            filled = 0
        periods[-1].append(str(week))
        filled += int(n)
    if len(periods) > 1 and filled < min_forms:
        periods[-2].extend(periods.pop())
    name = {w: (p[0] if len(p) == 1 else f"{p[0]}/{p[-1]}") for p in periods for w in p}
    return weeks.map(lambda w: name.get(str(w)) if isinstance(w, str) else None).astype("object")


def summary(ratings: pd.DataFrame, spec: SessionRatings, *,
            cutoff: float | None = None, period_min: int | None = None) -> pd.DataFrame:
    """Totals of the forms overall, per ISO week, per rater and per participant.

    Parameters
    ----------
    ratings : DataFrame
        The cleaned forms, one row per form (see the module docstring).
    spec : SessionRatings
        The codebook's ``session_ratings`` block.
    cutoff : float, optional
        A total below this is flagged. Default: ``spec.cutoff``; when that is None too,
        ``pct_below_cutoff`` and ``pct_people_below`` are NaN.
    period_min : int, optional
        Also one row per period of at least this many forms (:func:`period_of`), after
        the weeks: what a shared report shows instead of the weeks.

    Returns
    -------
    DataFrame
        Columns :data:`RATING_COLUMNS`, rows in this order:

        - ``unit`` "overall", ``key`` "total": all forms;
        - ``unit`` "week", ``key`` the ISO week (``"2020-W53"``), one row per week with at
          least one form, in calendar order (forms without a date are in no week);
        - with ``period_min``: ``unit`` "period", ``key`` the period
          (``"2021-W02/2021-W04"``), in calendar order;
        - ``unit`` "rater", ``key`` the rater, natural order ("2" before "10"); forms
          without a rater are in no rater row;
        - ``unit`` "participant", ``key`` the participant code, natural order.

        Columns:

        - ``n_forms``: forms in the row (including forms without a total);
        - ``n_people``: distinct participants among them;
        - ``mean_total``, ``median_total``, ``sd_total`` (n − 1): of the forms with a total;
        - ``pct_below_cutoff``: percent (0–100) of the forms with a total whose total is
          below ``cutoff``;
        - ``pct_ceiling``: percent of the forms with a total at the ceiling, the number of
          items × the range's maximum (40 for four items 0–10);
        - ``forms_per_week_median``, ``_min``, ``_max`` (overall row only): the number of
          forms per ISO week over the weeks with **at least one form**; weeks inside the
          period without any form are not counted (so the figure survives suppression of
          small weekly counts, and a holiday does not pull the median to 0);
        - ``first_total``, ``last_total`` (participant rows only): the total of the
          participant's first and last form *with a total*, by session number;
          ``mean_total`` of a participant row is the participant's mean;
        - ``mean_person`` (overall and rater rows): the mean over participants of each
          participant's mean total (on a rater row: of the participant's forms with that
          rater), so that everyone counts once however many forms they filled in;
        - ``pct_people_below`` (overall and rater rows): percent of these participants
          whose mean total is below ``cutoff``.

        Percentages and means are NaN where their base is empty; the columns that do not
        apply to a unit are NaN. Totals are compared with the cutoff and the ceiling after
        rounding to 9 decimals, so a float sum such as 35.99999999999999 is not "below 36".

    Raises
    ------
    ValueError
        If a column of ``spec`` is not in ``ratings`` or ``cutoff`` is not a finite number.

    Examples
    --------
    >>> import pandas as pd
    >>> from pathlib import Path
    >>> from survey.codebook import SessionRatings
    >>> spec = SessionRatings(raw=Path("srs.csv"), id="code", date="datum", rater="coach",
    ...                       items={"a": "A", "b": "B"}, range=(0, 10), cutoff=18)
    >>> forms = pd.DataFrame({"code": ["x", "y", "x", "x"],
    ...                       "datum": pd.to_datetime(["2021-01-04", "2021-01-03",
    ...                                                "2020-12-28", "2021-01-05"]),
    ...                       "coach": ["k", "k", "k", "m"],
    ...                       "a": [9.0, 10, 8, 9], "b": [9.0, 10, 8, 10]})
    >>> table = summary(forms, spec)
    >>> table[["unit", "key", "n_forms", "n_people", "mean_total", "pct_below_cutoff"]].round(2)
              unit       key  n_forms  n_people  mean_total  pct_below_cutoff
    0      overall     total        4         2       18.25             25.00
    1         week  2020-W53        2         2       18.00             50.00
    2         week  2021-W01        2         1       18.50              0.00
    3        rater         k        3         2       18.00             33.33
    4        rater         m        1         1       19.00              0.00
    5  participant         x        3         1       17.67             33.33
    6  participant         y        1         1       20.00              0.00
    >>> [round(v, 4) for v in table.loc[0, ["forms_per_week_median", "mean_person",
    ...                                       "pct_people_below"]]]
    [2.0, 18.8333, 50.0]
    """
    cut = _check_cutoff(spec.cutoff if cutoff is None else cutoff)
    forms = sessions(ratings, spec)
    ceiling = len(spec.items) * float(spec.range[1])
    rows: list[dict[str, Any]] = []

    overall = _row("overall", "total", forms, spec, cut, ceiling, between=True)
    weekly = forms["week"].dropna().value_counts()
    if len(weekly):
        overall.update(forms_per_week_median=float(weekly.median()),
                       forms_per_week_min=float(weekly.min()),
                       forms_per_week_max=float(weekly.max()))
    rows.append(overall)

    dated = forms[forms["week"].notna()]
    for week, part in dated.groupby("week", sort=True):
        rows.append(_row("week", str(week), part, spec, cut, ceiling))
    if period_min is not None:
        periods = period_of(forms["week"], period_min)
        for period, part in forms.groupby(periods, sort=True):
            rows.append(_row("period", str(period), part, spec, cut, ceiling))

    rated = forms[forms[spec.rater].notna()]
    groups = dict(list(rated.groupby(rated[spec.rater].astype(str), sort=False)))
    for rater in sorted(groups, key=_natural):
        rows.append(_row("rater", rater, groups[rater], spec, cut, ceiling, between=True))

    groups = dict(list(forms.groupby(forms[spec.id].astype(str), sort=False)))
    for person in sorted(groups, key=_natural):
        row = _row("participant", person, groups[person], spec, cut, ceiling)
        part = groups[person]
        ordered = part[part["total"].notna() & part["session"].notna()].sort_values(
            "session", kind="stable")
        if len(ordered):
            row.update(first_total=float(ordered["total"].iloc[0]),
                       last_total=float(ordered["total"].iloc[-1]))
        rows.append(row)

    table = pd.DataFrame(rows, columns=RATING_COLUMNS)
    float_columns = [c for c in RATING_COLUMNS if c not in ("unit", "key", "n_forms",
                                                             "n_people")]
    table[float_columns] = table[float_columns].astype(float)
    table[["n_forms", "n_people"]] = table[["n_forms", "n_people"]].astype(int)
    return table


def item_summary(ratings: pd.DataFrame, spec: SessionRatings) -> pd.DataFrame:
    """One row per item of the form.

    Parameters
    ----------
    ratings : DataFrame
        The cleaned forms, one row per form (see the module docstring).
    spec : SessionRatings
        The codebook's ``session_ratings`` block.

    Returns
    -------
    DataFrame
        Columns :data:`ITEM_COLUMNS`, one row per item in the order of ``spec.items``:

        - ``item``: the item's column name; ``label``: its statement;
        - ``n_forms``: forms with an answer to the item;
        - ``mean``, ``sd`` (n − 1), ``median``: over these forms;
        - ``mean_person``: the mean over participants of each participant's mean answer.

    Raises
    ------
    ValueError
        If a column of ``spec`` is not in ``ratings``.

    Examples
    --------
    >>> import pandas as pd
    >>> from pathlib import Path
    >>> from survey.codebook import SessionRatings
    >>> spec = SessionRatings(raw=Path("srs.csv"), id="code", date="datum", rater="coach",
    ...                       items={"a": "A", "b": "B"}, range=(0, 10))
    >>> forms = pd.DataFrame({"code": ["x", "x", "y"],
    ...                       "datum": pd.to_datetime(["2021-01-04", "2021-01-05", "2021-01-05"]),
    ...                       "coach": ["k", "k", "k"], "a": [8.0, 10, 6], "b": [9.0, None, 7]})
    >>> item_summary(forms, spec)[["item", "n_forms", "mean", "mean_person"]]
      item  n_forms  mean  mean_person
    0    a        3   8.0          7.5
    1    b        2   8.0          8.0
    """
    forms = _prepared(ratings, spec)
    ids = forms[spec.id].astype(str).to_numpy()
    rows = []
    for item, label in spec.items.items():
        values = forms[item].astype(float).reset_index(drop=True)
        valid = values.dropna()
        answered = ids[values.notna().to_numpy()]
        rows.append({
            "item": item, "label": label, "n_forms": int(len(valid)),
            "mean": float(valid.mean()) if len(valid) else math.nan,
            "sd": float(valid.std(ddof=1)) if len(valid) > 1 else math.nan,
            "median": float(valid.median()) if len(valid) else math.nan,
            "mean_person": (float(valid.groupby(answered).mean().mean())
                            if len(valid) else math.nan),
        })
    return pd.DataFrame(rows, columns=ITEM_COLUMNS)


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------
def _prepared(ratings: pd.DataFrame, spec: SessionRatings) -> pd.DataFrame:
    """A copy of the forms with checked columns, datetime dates and a ``total``."""
    fields = {"id": spec.id, "date": spec.date, "rater": spec.rater,
              **{f"items.{i}": i for i in spec.items}}
    for key, column in fields.items():
        if column not in ratings.columns:
            raise ValueError(f"the session-rating table has no column '{column}' "
                             f"(session_ratings.{key})")
    out = ratings.copy()
    out[spec.date] = pd.to_datetime(out[spec.date])
    if "total" not in out.columns:
        out["total"] = out[list(spec.items)].astype(float).sum(axis=1,
                                                                min_count=len(spec.items))
    return out


def _check_cutoff(cutoff: Any) -> float | None:
    if cutoff is None:
        return None
    if isinstance(cutoff, bool) or not isinstance(cutoff, int | float | np.number) \
            or not math.isfinite(float(cutoff)):
        raise ValueError(f"cutoff must be a finite number or None, not {cutoff!r}")
    return float(cutoff)


def _percent(flags: pd.Series) -> float:
    """Percent of True in a boolean Series; NaN when it is empty."""
    return 100.0 * float(flags.mean()) if len(flags) else math.nan


def _row(unit: str, key: str, forms: pd.DataFrame, spec: SessionRatings,
         cutoff: float | None, ceiling: float, *, between: bool = False) -> dict[str, Any]:
    """One row of :func:`summary` (without the weekly counts and first/last totals)."""
    totals = forms["total"].astype(float).reset_index(drop=True)
    valid = totals.dropna()
    rounded = valid.round(_DECIMALS)
    row: dict[str, Any] = dict.fromkeys(RATING_COLUMNS, math.nan)
    row.update(
        unit=unit, key=key, n_forms=int(len(forms)), n_people=int(forms[spec.id].nunique()),
        mean_total=float(valid.mean()) if len(valid) else math.nan,
        median_total=float(valid.median()) if len(valid) else math.nan,
        sd_total=float(valid.std(ddof=1)) if len(valid) > 1 else math.nan,
        pct_below_cutoff=_percent(rounded < cutoff) if cutoff is not None else math.nan,
        pct_ceiling=_percent(rounded >= round(ceiling, _DECIMALS)),
    )
    if between:
        ids = forms[spec.id].astype(str).to_numpy()[totals.notna().to_numpy()]
        person = valid.groupby(ids).mean()
        row["mean_person"] = float(person.mean()) if len(person) else math.nan
        if cutoff is not None:
            row["pct_people_below"] = _percent(person.round(_DECIMALS) < cutoff)
    return row


def _natural(text: str) -> list[tuple[int, Any]]:
    """Sort key that orders embedded numbers by value ("k2" before "k10")."""
    return [(0, int(part)) if part.isdigit() else (1, part)
            for part in re.split(r"(\d+)", text) if part]
