"""Programme monitoring: indicators against their targets, and placements.

An *indicator* is a share of participants (``numerator`` among ``denominator``) with a
target share and a direction (``at_least``: the target is a minimum, ``at_most``: a
maximum). For each indicator :func:`indicator` reports

- the count ``k`` of hits among ``n`` and the share with its Wilson 95 % interval
  (:func:`survey.intervals.wilson_interval`, statsmodels' ``method="wilson"``);
- the target and ``diff_pp``, the share minus the target in percentage points;
- ``p_value``: the exact one-sided binomial test against the target in the direction of
  the indicator (``scipy.stats.binomtest(k, n, target, alternative="greater")`` for
  ``at_least``, ``"less"`` for ``at_most``);
- ``verdict`` by the interval rule: ``met`` when the whole Wilson interval lies on the
  good side of the target (``ci_low > target`` for ``at_least``, ``ci_high < target`` for
  ``at_most``), ``not_met`` when it lies wholly on the bad side, ``unsure`` otherwise
  (also without participants, ``n = 0``). With the 95 % interval the rule is a one-sided
  test at the 2,5 % level in either direction; a target the interval covers is neither
  confirmed nor refuted.

:func:`indicator_table` does this for several indicators declared as mappings and, with
``by``, per group with Fisher's exact test of the group × hit table (2 groups:
``scipy.stats.fisher_exact``, two-sided; more groups: the Freeman–Halton extension, the
exact probability of every table with the observed margins summed over the tables no more
likely than the observed one). :func:`placements` counts placements of several kinds per
person.

The frames hold numbers and keys only; words come from :mod:`survey.messages`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import stats

from .errors import DataError, some_rows
from .intervals import wilson_interval

__all__ = ["DIRECTIONS", "VERDICTS", "INDICATOR_COLUMNS", "PLACEMENT_COLUMNS", "indicator",
           "indicator_table", "placements", "flags"]

#: The directions of a target: the share should be at least / at most the target.
DIRECTIONS = ("at_least", "at_most")
#: The verdicts of :func:`indicator`.
VERDICTS = ("met", "not_met", "unsure")

INDICATOR_COLUMNS = ["indicator", "label", "group", "k", "n", "share", "ci_low", "ci_high",
                     "target", "diff_pp", "p_value", "verdict"]
PLACEMENT_COLUMNS = ["kind", "label", "n_placements", "n_persons"]

#: Above this many tables of the margins the Freeman–Halton p is not enumerated.
_MAX_TABLES = 2_000_000


def _shown(value) -> str:
    """A value for an error line: numpy scalars as plain Python values, texts quoted."""
    return repr(value.item() if isinstance(value, np.generic) else value)


def _check_direction(direction: str) -> None:
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}, not {direction!r}")


def indicator(hits: int, n: int, target: float, direction: str = "at_least", *,
              confidence: float = 0.95) -> dict:
    """One indicator against its target (see the module docstring for the rule).

    Parameters
    ----------
    hits : int
        Participants who reached the indicator (0 ≤ hits ≤ n).
    n : int
        Participants it is counted among (0 gives NaN statistics and ``unsure``).
    target : float
        The target share, 0–1.
    direction : {"at_least", "at_most"}, default "at_least"
        Whether the share should reach (``at_least``) or stay below (``at_most``) the target.
    confidence : float, default 0.95
        Confidence level of the Wilson interval (and so of the verdict).

    Returns
    -------
    dict
        ``k, n, share, ci_low, ci_high, target, diff_pp, p_value, verdict``: the count, the
        base, the share (0–1) and its Wilson interval, the target, share − target in
        percentage points, the exact one-sided binomial p against the target and the
        verdict ``met``/``not_met``/``unsure``.

    Examples
    --------
    >>> r = indicator(33, 63, 0.34)
    >>> round(r["share"], 3), round(r["diff_pp"], 1), r["verdict"]
    (0.524, 18.4, 'met')
    """
    _check_direction(direction)
    if not 0.0 <= float(target) <= 1.0:
        raise ValueError(f"target must be a share between 0 and 1, not {target!r}")
    if not 0.0 < float(confidence) < 1.0:
        raise ValueError(f"confidence must be between 0 and 1, not {confidence!r}")
    k, m = _count(hits, "hits"), _count(n, "n")
    if k > m:
        raise ValueError(f"hits ({k}) must not exceed n ({m})")
    target = float(target)
    if m == 0:
        return {"k": 0, "n": 0, "share": math.nan, "ci_low": math.nan, "ci_high": math.nan,
                "target": target, "diff_pp": math.nan, "p_value": math.nan,
                "verdict": "unsure"}
    share = k / m
    low, high = wilson_interval(k, m, confidence=confidence)
    alternative = "greater" if direction == "at_least" else "less"
    p_value = float(stats.binomtest(k, m, target, alternative=alternative).pvalue)
    good_low, good_high = (low, high) if direction == "at_least" else (-high, -low)
    goal = target if direction == "at_least" else -target
    verdict = "met" if good_low > goal else "not_met" if good_high < goal else "unsure"
    return {"k": k, "n": m, "share": share, "ci_low": low, "ci_high": high, "target": target,
            "diff_pp": 100.0 * (share - target), "p_value": p_value, "verdict": verdict}


def _count(value, name: str) -> int:
    """A non-negative whole number, else ValueError naming ``name``."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a whole number, not {value!r}") from None
    if not math.isfinite(number) or number < 0 or number != int(number):
        raise ValueError(f"{name} must be a non-negative whole number, not {value!r}")
    return int(number)


def _where(frame: pd.DataFrame, position: int) -> str:
    """The index label of a row, for error messages (row numbers are spreadsheet rows)."""
    if isinstance(frame.index, pd.RangeIndex):
        return ""
    return f" (index {frame.index[position]!r})"


def flags(frame: pd.DataFrame, column: str, *, allow_missing: bool = False) -> pd.Series:
    """A yes/no column as floats 1.0/0.0 (NaN where missing, if ``allow_missing``).

    Accepts booleans (also pandas' nullable ``boolean``) and the numbers 0 and 1.
    Anything else, or a missing value when ``allow_missing`` is False, is a
    :class:`~survey.errors.DataError` naming the column and the row (spreadsheet numbering:
    the frame's first row is row 2).
    """
    if column not in frame.columns:
        raise DataError(f"no such column (columns: {', '.join(map(str, frame.columns))})",
                        column=column)
    values = frame[column]
    out = np.full(len(values), np.nan)
    bad: list[int] = []
    for pos, value in enumerate(values.astype(object)):
        if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
            if not allow_missing:
                raise DataError(f"missing yes/no value{_where(frame, pos)}",
                                column=column, row=pos + 2)
            continue
        if isinstance(value, (bool, np.bool_)):
            out[pos] = float(value)
        elif isinstance(value, (int, float, np.integer, np.floating)) and value in (0, 1):
            out[pos] = float(value)
        else:
            bad.append(pos)
    if bad:
        pos = bad[0]
        raise DataError(f"not a yes/no value (true/false or 1/0): {_shown(values.iloc[pos])}"
                        f"{_where(frame, pos)}; rows {some_rows([b + 2 for b in bad])}",
                        column=column, row=pos + 2)
    return pd.Series(out, index=frame.index, name=column)


def _group_fisher(table: np.ndarray) -> float:
    """Fisher's exact test of a groups × (hit, miss) table (see the module docstring)."""
    table = table[table.sum(axis=1) > 0]
    if table.shape[0] < 2 or (table.sum(axis=0) == 0).any():
        return math.nan if table.shape[0] < 2 else 1.0
    if table.shape[0] == 2:
        return float(stats.fisher_exact(table.astype(int), alternative="two-sided").pvalue)
    return _freeman_halton(table.astype(int))


def _freeman_halton(table: np.ndarray) -> float:
    """The exact p of an r × 2 table given its margins: sum of the hypergeometric
    probabilities of every table no more likely than the observed one."""
    sizes = table.sum(axis=1)
    hits = int(table[:, 0].sum())
    if math.prod(int(s) + 1 for s in sizes[:-1]) > _MAX_TABLES:
        raise ValueError("too many groups and participants for Fisher's exact test")
    log_total = _log_comb(int(sizes.sum()), hits)
    observed = sum(_log_comb(int(s), int(k)) for s, k in zip(sizes, table[:, 0], strict=True))
    p = 0.0
    for ks in itertools.product(*(range(int(s) + 1) for s in sizes[:-1])):
        last = hits - sum(ks)
        if not 0 <= last <= sizes[-1]:
            continue
        log_p = sum(_log_comb(int(s), k) for s, k in zip(sizes, (*ks, last), strict=True))
        if log_p <= observed + 1e-7:
            p += math.exp(log_p - log_total)
    return min(1.0, p)


def _log_comb(n: int, k: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def indicator_table(frame: pd.DataFrame, indicators: Sequence[Mapping], *,
                    by: str | None = None, total: bool = True,
                    confidence: float = 0.95) -> pd.DataFrame:
    """Indicators against their targets, overall and per group.

    Parameters
    ----------
    frame : DataFrame
        One row per participant.
    indicators : sequence of mappings
        Each with ``name``, ``label``, ``numerator`` (a yes/no column: booleans or 0/1),
        ``denominator`` (a yes/no column, or None for every row), ``target`` (0–1) and
        ``direction`` (``at_least``/``at_most``; default ``at_least``). Within the
        denominator a missing numerator is an error (naming the row).
    by : str, optional
        A grouping column: one row per group (in category order for a categorical, else
        in order of appearance) with ``fisher_p``, Fisher's exact test of group × hit
        (module docstring). Rows without a group are in the total row only.
    total : bool, default True
        Whether the overall row (``group`` None) comes first.
    confidence : float, default 0.95
        Level of the Wilson intervals.

    Returns
    -------
    DataFrame
        ``indicator, label, group`` (None for the total row), ``k, n, share, ci_low,
        ci_high, target, diff_pp, p_value, verdict`` as :func:`indicator`, and with ``by``
        ``fisher_p`` (NaN on the total row and with fewer than two groups).
    """
    columns = INDICATOR_COLUMNS + (["fisher_p"] if by is not None else [])
    groups = None
    if by is not None:
        if by not in frame.columns:
            raise DataError("no such grouping column", column=by)
        groups = frame[by]
        levels = (list(groups.cat.categories) if isinstance(groups.dtype, pd.CategoricalDtype)
                  else list(dict.fromkeys(groups.dropna())))
    rows = []
    for spec in indicators:
        name = spec["name"]
        direction = spec.get("direction", "at_least") or "at_least"
        target = float(spec["target"])
        denominator = spec.get("denominator")
        base = (pd.Series(True, index=frame.index) if denominator is None
                else flags(frame, denominator).astype(bool))
        hit = flags(frame, spec["numerator"], allow_missing=True)
        missing = base & hit.isna()
        if missing.any():
            first = int(np.flatnonzero(missing.to_numpy())[0])
            raise DataError(f"indicator {name!r}: missing value in the denominator's rows "
                            f"{some_rows([p + 2 for p in np.flatnonzero(missing.to_numpy())])}",
                            column=spec["numerator"], row=first + 2)
        hit = hit.where(base, 0.0).astype(bool) & base
        common = {"indicator": name, "label": spec.get("label")}
        if total:
            rows.append({**common, "group": None,
                         **indicator(int(hit.sum()), int(base.sum()), target, direction,
                                     confidence=confidence)})
        if groups is None:
            continue
        counts = np.array([[int((hit & (groups == g)).sum()),
                            int((base & ~hit & (groups == g)).sum())] for g in levels])
        fisher_p = _group_fisher(counts) if len(levels) else math.nan
        for level, (k, miss) in zip(levels, counts, strict=True):
            rows.append({**common, "group": level,
                         **indicator(int(k), int(k + miss), target, direction,
                                     confidence=confidence), "fisher_p": fisher_p})
    out = pd.DataFrame(rows, columns=columns)
    out["group"] = pd.Series([r["group"] for r in rows], index=out.index, dtype=object)
    if by is not None:
        out["fisher_p"] = out["fisher_p"].astype(float)
    return out


def placements(frame: pd.DataFrame, person: str, kind: str,
               labels: Mapping | None = None) -> pd.DataFrame:
    """Placements by kind: how many placements and how many persons, and in total.

    Parameters
    ----------
    frame : DataFrame
        One row per placement (a person may have several, also of one kind).
    person : str
        The column of the person's code.
    kind : str
        The column of the placement's kind.
    labels : mapping, optional
        Kind → label, in the order the rows should follow; declared kinds without a
        placement get a row with 0. Without it the kinds follow the category order of a
        categorical column, else their first appearance.

    Returns
    -------
    DataFrame
        ``kind, label, n_placements, n_persons``: per kind the placements and the distinct
        persons with at least one of them; the last row (``kind`` None) counts every
        placement and every person with at least one.
    """
    for column in (person, kind):
        if column not in frame.columns:
            raise DataError("no such column", column=column)
        missing = frame[column].isna().to_numpy()
        if missing.any():
            rows = [int(p) + 2 for p in np.flatnonzero(missing)]
            raise DataError(f"missing value in rows {some_rows(rows)}", column=column,
                            row=rows[0])
    values = frame[kind]
    if labels is not None:
        kinds = list(labels)
        unknown = [k for k in dict.fromkeys(values) if k not in labels]
        if unknown:
            pos = int(np.flatnonzero(values.isin(unknown).to_numpy())[0])
            raise DataError(f"kind {unknown[0]!r} is not one of {', '.join(map(str, kinds))}",
                            column=kind, row=pos + 2)
    elif isinstance(values.dtype, pd.CategoricalDtype):
        kinds = list(values.cat.categories)
    else:
        kinds = list(dict.fromkeys(values))
    rows = []
    for k in kinds:
        chosen = frame[values == k]
        rows.append({"kind": k, "label": (labels or {}).get(k, k),
                     "n_placements": len(chosen), "n_persons": int(chosen[person].nunique())})
    rows.append({"kind": None, "label": None, "n_placements": len(frame),
                 "n_persons": int(frame[person].nunique())})
    out = pd.DataFrame(rows, columns=PLACEMENT_COLUMNS)
    for column in ("kind", "label"):  # None stays None (pandas 3 would make NaN of it)
        out[column] = pd.Series([r[column] for r in rows], index=out.index, dtype=object)
    return out.astype({"n_placements": int, "n_persons": int})
