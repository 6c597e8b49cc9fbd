"""The take-up funnel of a benefit: how many units (children) reach each stage, and why not.

The frame of :func:`funnel` has one row per unit × benefit and one yes/no column per
stage, in the order of the stages (e.g. entitled, offer known, interested, applied,
approved, using). A "no" at a stage means no at every later stage: a later stage may say
no or be missing (not asked), but a "yes" after a "no" is a
:class:`~survey.errors.DataError` naming the row. A missing value where every stage
before it said yes is an error too (the unit's path is unknown).

Per benefit and stage :func:`funnel` reports the units at the stage (``n``), the share kept
from the stage before (``share_prev``, NaN at the first stage) and from the first stage
(``share_first``) with Wilson's interval of the latter. :func:`reasons` counts the coded
reasons for stopping at a stage (several per unit allowed) from a long frame.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .errors import DataError, some_rows
from .intervals import wilson_interval
from .monitoring import flags

__all__ = ["FUNNEL_COLUMNS", "REASON_COLUMNS", "funnel", "reasons"]

FUNNEL_COLUMNS = ["benefit", "stage", "position", "n", "n_prev", "n_first", "share_prev",
                  "share_first", "ci_low", "ci_high"]
REASON_COLUMNS = ["benefit", "stage", "reason", "n"]


def _require(frame: pd.DataFrame, columns: Sequence[str]) -> None:
    for column in columns:
        if column not in frame.columns:
            raise DataError(f"no such column (columns: {', '.join(map(str, frame.columns))})",
                            column=column)


def _order(values: pd.Series, given: Sequence | None = None) -> list:
    """The levels of a column: ``given``, else category order, else first appearance."""
    if given is not None:
        return list(given)
    if isinstance(values.dtype, pd.CategoricalDtype):
        return [c for c in values.cat.categories if (values == c).any()]
    return list(dict.fromkeys(values.dropna()))


def _missing_keys(frame: pd.DataFrame, columns: Sequence[str]) -> None:
    for column in columns:
        missing = np.flatnonzero(frame[column].isna().to_numpy())
        if len(missing):
            raise DataError(f"missing value in rows {some_rows([int(p) + 2 for p in missing])}",
                            column=column, row=int(missing[0]) + 2)


def _duplicates(frame: pd.DataFrame, keys: list[str]) -> None:
    dup = np.flatnonzero(frame.duplicated(keys).to_numpy())
    if len(dup):
        first = int(dup[0])
        values = ", ".join(f"{k}={frame[k].iloc[first]!r}" for k in keys)
        raise DataError(f"{values} occurs more than once (rows "
                        f"{some_rows([int(p) + 2 for p in dup])})", row=first + 2)


def funnel(frame: pd.DataFrame, unit: str, benefit: str, stages: Sequence[str]) -> pd.DataFrame:
    """Units at each stage of the take-up funnel, per benefit.

    Parameters
    ----------
    frame : DataFrame
        One row per unit × benefit; the stage columns yes/no (booleans or 0/1).
    unit : str
        The unit's code column (a child).
    benefit : str
        The benefit column; benefits follow its category order, else first appearance.
    stages : sequence of str
        The stage columns in funnel order.

    Returns
    -------
    DataFrame
        One row per benefit × stage: ``benefit, stage, position`` (1 = first stage),
        ``n`` (units with yes), ``n_prev`` (at the stage before; NaN at the first),
        ``n_first`` (at the first stage), ``share_prev = n / n_prev``, ``share_first =
        n / n_first`` and Wilson's 95 % interval of ``share_first`` (``ci_low, ci_high``;
        NaN at the first stage, which is 100 % of itself by definition, and when nobody
        reached the first stage).

    Raises
    ------
    DataError
        A missing or duplicated key, a stage value that is not yes/no, a yes after a no or
        an unknown value after a yes (naming column and row).
    """
    stages = list(stages)
    if not stages:
        raise ValueError("stages must name at least one stage column")
    _require(frame, [unit, benefit, *stages])
    _missing_keys(frame, [unit, benefit])
    _duplicates(frame, [unit, benefit])
    matrix = np.column_stack([flags(frame, s, allow_missing=True).to_numpy() for s in stages])
    _check_monotone(frame, matrix, stages, unit, benefit)
    reached = np.nan_to_num(matrix, nan=0.0).astype(bool)
    rows = []
    for level in _order(frame[benefit]):
        mine = reached[(frame[benefit] == level).to_numpy()]
        counts = mine.sum(axis=0).astype(int)
        first = int(counts[0])
        for pos, stage in enumerate(stages):
            n = int(counts[pos])
            prev = int(counts[pos - 1]) if pos else np.nan
            # the first stage is 100 % of itself by definition: no interval
            low, high = wilson_interval(n, first) if pos else (np.nan, np.nan)
            rows.append({"benefit": level, "stage": stage, "position": pos + 1, "n": n,
                         "n_prev": prev, "n_first": first,
                         "share_prev": n / prev if pos and prev > 0 else np.nan,
                         "share_first": n / first if first > 0 else np.nan,
                         "ci_low": low, "ci_high": high})
    return pd.DataFrame(rows, columns=FUNNEL_COLUMNS).astype({"n_prev": float})


def _check_monotone(frame: pd.DataFrame, matrix: np.ndarray, stages: list[str], unit: str,
                    benefit: str) -> None:
    """A yes after a no, or a missing value while every stage before said yes: DataError."""
    for pos in range(len(stages)):
        column = matrix[:, pos]
        before = matrix[:, :pos]
        all_yes = (before == 1.0).all(axis=1)
        some_no = (before == 0.0).any(axis=1)
        for bad, what in ((some_no & (column == 1.0), "yes after an earlier no"),
                          (all_yes & np.isnan(column), "missing value although every "
                                                       "stage before it says yes")):
            where = np.flatnonzero(bad)
            if len(where):
                row = int(where[0])
                raise DataError(
                    f"{what} ({unit}={frame[unit].iloc[row]!r}, "
                    f"{benefit}={frame[benefit].iloc[row]!r}); rows "
                    f"{some_rows([int(p) + 2 for p in where])}",
                    column=stages[pos], row=row + 2)


def reasons(frame: pd.DataFrame, unit: str, benefit: str, stage: str, reason: str, *,
            stages: Sequence | None = None) -> pd.DataFrame:
    """The coded reasons for stopping at a stage, counted per benefit and stage.

    Parameters
    ----------
    frame : DataFrame
        Long: one row per unit × benefit × reason given (several reasons per unit and
        benefit allowed; the same reason twice for one unit, benefit and stage is an error).
    unit, benefit, stage, reason : str
        The columns of the unit, the benefit, the stage the unit stopped at and the reason.
    stages : sequence, optional
        The stage order (e.g. the funnel's stage names); else the category order of a
        categorical ``stage`` column, else first appearance.

    Returns
    -------
    DataFrame
        ``benefit, stage, reason, n`` (units giving the reason), sorted by benefit (category
        order or first appearance), stage order and ``n`` descending (ties in the reason's
        category order or first appearance).
    """
    _require(frame, [unit, benefit, stage, reason])
    _missing_keys(frame, [unit, benefit, stage, reason])
    _duplicates(frame, [unit, benefit, stage, reason])
    stage_order = _order(frame[stage], stages)
    unknown = ~frame[stage].isin(stage_order).to_numpy()
    if unknown.any():
        pos = int(np.flatnonzero(unknown)[0])
        raise DataError(f"stage {frame[stage].iloc[pos]!r} is not one of "
                        f"{', '.join(map(str, stage_order))}", column=stage, row=pos + 2)
    benefits = _order(frame[benefit])
    reason_order = _order(frame[reason])
    counts = (frame.groupby([benefit, stage, reason], observed=True, sort=False)[unit]
              .nunique().rename("n").reset_index())
    counts["_b"] = counts[benefit].map({b: i for i, b in enumerate(benefits)})
    counts["_s"] = counts[stage].map({s: i for i, s in enumerate(stage_order)})
    counts["_r"] = counts[reason].map({r: i for i, r in enumerate(reason_order)})
    counts = counts.sort_values(["_b", "_s", "n", "_r"], ascending=[True, True, False, True],
                                kind="mergesort")
    out = pd.DataFrame({"benefit": counts[benefit].astype(object).to_numpy(),
                        "stage": counts[stage].astype(object).to_numpy(),
                        "reason": counts[reason].astype(object).to_numpy(),
                        "n": counts["n"].astype(int).to_numpy()}, columns=REASON_COLUMNS)
    return out
