"""The monitoring reports' tables (notebooks 07 and 08): the analyses' tidy frames
(:mod:`survey.monitoring`, :mod:`survey.takeup`, :mod:`survey.resourcecard`,
:mod:`survey.funnelplot`) as result tables with shares in percent (``docs/results.md``),
and :class:`RecordsPlan`, the disclosure rule of record tables.

The rule (docs/disclosure.md, "Record tables"): a count of 1 … ``min_cell`` − 1 is
withheld with every number computed from it (its share, interval, test, verdict), and so
is a count whose complement (``n − k``) is that small; then, so that no withheld count
can be worked out from the others,

- a group's row withheld withholds the same indicator's or kind's rows of every other
  group (the total minus the shown groups would give it);
- of the placements of one group, a single withheld kind withholds the next smallest
  (the total minus the shown kinds would give it);
- a stage of a take-up funnel at which 1 … ``min_cell`` − 1 stopped is withheld (the
  stage before minus it would give them), and a withheld stage withholds the next
  stage's share kept (stage ``n`` = next ``n`` ÷ that share); of the reasons given at one
  stage a single withheld reason withholds the next smallest.

Internal reports show everything. The tables keep keys and full precision; the report
shows them through :func:`survey.tables.display` (specs in :mod:`survey.tablespec`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from .policy import Policy
from .tablespec import BOOKKEEPING, spec_for

__all__ = ["RecordsPlan", "indicator_report", "placements_report", "funnel_report",
           "reasons_report", "agreement_report", "change_report", "programme_report"]

_PCT = 100.0


def indicator_report(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`survey.monitoring.indicator_table` with shares in percent: ``indicator,
    label, group, k, n, pct, ci_low, ci_high, target_pct, diff_pp, p_value, verdict``
    (and ``fisher_p`` when grouped)."""
    out = table.copy()
    out["pct"] = out.pop("share") * _PCT
    out["ci_low"] *= _PCT
    out["ci_high"] *= _PCT
    out["target_pct"] = out.pop("target") * _PCT
    order = ["indicator", "label", "group", "k", "n", "pct", "ci_low", "ci_high",
             "target_pct", "diff_pp", "p_value", "verdict"]
    return out[order + [c for c in ("fisher_p",) if c in out.columns]]


def placements_report(tables: Mapping[str | None, pd.DataFrame],
                      persons: Mapping[str | None, int]) -> pd.DataFrame:
    """:func:`survey.monitoring.placements` per group (``None``: everyone) as one table:
    ``group, kind, n_placements, n_persons, pct_persons`` (of the group's participants);
    the total rows have ``kind`` None."""
    parts = []
    for group, table in tables.items():
        part = table.assign(group=group)
        part["pct_persons"] = part["n_persons"] / persons[group] * _PCT if persons[group] \
            else np.nan
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    out["kind"] = out["label"].where(out["kind"].notna(), None)
    return out[["group", "kind", "n_placements", "n_persons", "pct_persons"]]


def funnel_report(table: pd.DataFrame, stage_labels: Mapping[str, str]) -> pd.DataFrame:
    """:func:`survey.takeup.funnel` in percent, stages by their labels: ``benefit, stage,
    position, n, pct_prev, pct_first, ci_low, ci_high``."""
    out = pd.DataFrame({
        "benefit": table["benefit"].astype(str),
        "stage": table["stage"].map(lambda s: stage_labels.get(s, s)),
        "position": table["position"], "n": table["n"],
        "pct_prev": table["share_prev"] * _PCT, "pct_first": table["share_first"] * _PCT,
        "ci_low": table["ci_low"] * _PCT, "ci_high": table["ci_high"] * _PCT})
    return out.reset_index(drop=True)


def reasons_report(table: pd.DataFrame, stage_labels: Mapping[str, str]) -> pd.DataFrame:
    """:func:`survey.takeup.reasons` with the stages by their labels."""
    out = table[["benefit", "stage", "reason", "n"]].copy()
    out["benefit"] = out["benefit"].astype(str)
    out["stage"] = out["stage"].astype(str).map(lambda s: stage_labels.get(s, s))
    out["reason"] = out["reason"].astype(str)
    return out.reset_index(drop=True)


def agreement_report(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`survey.resourcecard.agreement` with the exact agreement as a count and in
    percent (``n_exact``, ``pct_exact``, ``ci_low``, ``ci_high``)."""
    out = table.drop(columns=["n_incomplete"], errors="ignore").copy()
    out["area"] = out["area"].astype(str)
    out["n_exact"] = (out.pop("exact") * out["n"]).round().astype("Int64")
    out["pct_exact"] = out["n_exact"].astype(float) / out["n"] * _PCT
    out["ci_low"] = out.pop("exact_ci_low") * _PCT
    out["ci_high"] = out.pop("exact_ci_high") * _PCT
    return out


def change_report(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`survey.resourcecard.change` as the report's table."""
    out = table.drop(columns=["n_incomplete"], errors="ignore").copy()
    out["area"] = out["area"].astype(str)
    out["rater"] = out["rater"].astype(str)
    return out


def programme_report(positions: pd.DataFrame, *, indicator: str, label: str,
                     titles: Mapping[str, str], target: float) -> pd.DataFrame:
    """:func:`survey.funnelplot.positions` of one indicator: ``indicator, label, project,
    title, k, n, pct, z, position, target_pct``."""
    return pd.DataFrame({
        "indicator": indicator, "label": label, "project": positions["project"],
        "title": positions["project"].map(lambda p: titles.get(p, p)),
        "k": positions["k"], "n": positions["n"], "pct": positions["share"] * _PCT,
        "z": positions["z"], "position": positions["position"], "target_pct": target * _PCT})


# -- disclosure ----------------------------------------------------------------------------

#: Per table: the columns whose rows are the same cell in each group (linked), the
#: additive count column and the columns that name its parts.
_LINKED = {"indicators": "indicator", "placements": "kind"}


class RecordsPlan:
    """The disclosure plan of a monitoring report (module docstring); use it with
    :meth:`survey.page.Page.attach`.

    Parameters
    ----------
    policy : Policy
        The run's policy (``min_cell``; internal shows everything).
    """

    def __init__(self, policy: Policy) -> None:
        self.policy = policy

    def publish(self, frame: pd.DataFrame, name: str, tables_dir: str | Path) -> pd.DataFrame:
        """Write ``<tables_dir>/<name>.csv`` as :meth:`table` shows it, and return it."""
        from .fileio import write_table

        shown = self.table(frame, name)
        write_table(shown, tables_dir, name)
        return shown

    def table(self, frame: pd.DataFrame, name: str) -> pd.DataFrame:
        """``frame`` as the report may show it: withheld values NaN (NA), listed per row in
        ``suppressed`` (and ``suppressed_small`` for the small counts themselves).
        ``<table>_by_<grouping>`` follows the rules of ``<table>``."""
        table = frame.drop(columns=list(BOOKKEEPING), errors="ignore").reset_index(drop=True)
        if self.policy.internal:
            return table
        name = name.split("_by_")[0]  # "indicators_by_<grouping>": the indicators' rules
        spec = spec_for(name, table)
        hidden = {c: np.zeros(len(table), dtype=bool) for c in table.columns}
        small = {c: np.zeros(len(table), dtype=bool) for c in table.columns}
        counts = [c for c in spec.counts if c in table.columns]

        def hide(i: int, column: str, tiny: bool = False) -> None:
            if column not in hidden:
                return
            hidden[column][i] = True
            small[column][i] |= tiny
            for other in (*spec.derived.get(column, ()), *spec.reveals.get(column, ())):
                if other in hidden:
                    hidden[other][i] = True

        for i in range(len(table)):
            for column in counts:
                value = table[column].iloc[i]
                total = spec.complement.get(column)
                rest = (table[total].iloc[i] - value) if total in table.columns else None
                if self.policy.small(value):
                    hide(i, column, tiny=True)
                elif rest is not None and self.policy.small(rest):
                    hide(i, column)
        before = -1
        while before != sum(int(m.sum()) for m in hidden.values()):  # until nothing changes
            before = sum(int(m.sum()) for m in hidden.values())
            _secondary(name, table, hidden, hide, self.policy)
        return _bookkeeping(table, hidden, small)


_Hide = Callable[..., None]


def _secondary(name: str, table: pd.DataFrame, hidden: dict[str, np.ndarray], hide: _Hide,
               policy: Policy) -> None:
    """The rules that keep a withheld count from being worked out (module docstring)."""
    linked = _LINKED.get(name)
    if linked is not None and "group" in table.columns:
        grouped = table["group"].notna()
        counts = [c for c in ("k", "n_placements", "n_persons") if c in table.columns]
        for key in table.loc[grouped, linked].dropna().unique():
            rows = np.flatnonzero(grouped.to_numpy() & (table[linked] == key).to_numpy())
            for column in counts:
                if hidden[column][rows].any():
                    for i in rows:
                        hide(int(i), column)
    if name == "placements":
        for group in table["group"].unique():
            mine = (table["group"].isna() if group is None or pd.isna(group)
                    else table["group"] == group).to_numpy() & table["kind"].notna().to_numpy()
            _one_more(table, hidden, hide, np.flatnonzero(mine), "n_placements", "n_persons")
    if name == "takeup_funnel":
        for i in range(1, len(table)):
            if table["benefit"].iloc[i] != table["benefit"].iloc[i - 1]:
                continue
            if policy.small(table["n"].iloc[i - 1] - table["n"].iloc[i]):
                hide(i, "n")  # so few stopped at this stage
            if hidden["n"][i - 1]:
                hidden["pct_prev"][i] = True
    if name == "takeup_reasons":
        for _, rows in table.groupby(["benefit", "stage"], sort=False).groups.items():
            _one_more(table, hidden, hide, np.asarray([table.index.get_loc(r) for r in rows]),
                      "n")


def _one_more(table: pd.DataFrame, hidden: dict[str, np.ndarray], hide: _Hide,
              rows: Sequence[int], column: str, *linked: str) -> None:
    """A single withheld part of a total withholds the smallest shown other part (and its
    ``linked`` columns, which bound it)."""
    rows = np.asarray(rows, dtype=int)
    if len(rows) < 2 or hidden[column][rows].sum() != 1:
        return
    shown = [int(i) for i in rows if not hidden[column][i]]
    values = table[column].iloc[shown].astype(float).to_numpy()
    chosen = shown[int(np.argmin(values))]
    for name in (column, *linked):
        hide(chosen, name)


def _bookkeeping(table: pd.DataFrame, hidden: dict[str, np.ndarray],
                 small: dict[str, np.ndarray]) -> pd.DataFrame:
    out = table.copy()
    for column, mask in hidden.items():
        if not mask.any():
            continue
        if pd.api.types.is_numeric_dtype(out[column]) and not pd.api.types.is_bool_dtype(
                out[column]):
            out[column] = out[column].astype(float).mask(mask)
        else:
            out[column] = out[column].astype(object).mask(mask, None)
    out["suppressed"] = [";".join(c for c in table.columns if hidden[c][i])
                         for i in range(len(table))]
    out["suppressed_small"] = [";".join(c for c in table.columns if small[c][i])
                               for i in range(len(table))]
    out["suppressed_near_total"] = ""
    return out
