"""The disclosure policy: what a shared report, table, workbook, figure or sentence may show.

Every number a shared output shows passes through one :class:`Plan` of its wave:

- :class:`Policy` is the run's setting, set once: ``min_cell`` (the smallest count a
  shared output may show) and ``internal`` (the team's version, which shows everything
  and is written only to ``reports-intern/``);
- :class:`Plan` knows every count the wave's reports can show (the result tables of all
  notebooks, computed from the clean data, mapped onto the wave's counting grids by
  :mod:`survey.cellmap`) and decides once, with :mod:`survey.ledger`, which of them to
  withhold; every notebook of the wave builds the same plan from the same data, so that
  each cell is withheld alike in every table and report;
- :meth:`Plan.table` returns a result table as a shared output may show it (withheld
  values NaN, listed per row in the bookkeeping columns :data:`SUPPRESSED`,
  :data:`SUPPRESSED_SMALL` and :data:`SUPPRESSED_NEAR_TOTAL`); :meth:`Plan.publish` also
  writes its CSV; figures and sentences are drawn and written from these tables only.

The rules (``docs/disclosure.md`` states them with an example each):

primary
    A count of 1 … ``min_cell`` − 1 is withheld, and so is every number computed from it:
    its share and interval, the mean, SD and median of so few, a test that needs it.
complement
    The "no" of a yes/no share is a count too: 181 of 185 ticked means 4 did not, so the
    181 is withheld (shown as ``> 180``).
derivation
    A withheld count must not be recoverable from a shown share and its base, from a
    total minus the shown parts, or from the same cell in another table or report of the
    wave: the ledger withholds, one at a time, the cheapest further count until none of
    1 … ``min_cell`` − 1 can be worked out from everything the wave shows.
groups
    A group of 1 … ``min_cell`` − 1 respondents gets no figures of its own (also a cell of
    a crossed grouping); the group withheld with it so that its size is not the total minus
    the others gets none either.

Markers: ``< 5`` a withheld count of 1 … 4; ``.`` withheld so that no such count can be
worked out; ``> 180`` a count withheld because its complement is small, shown as a bound;
``–`` not computable.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .cellmap import MAPPED, RowCells, comparison_layout, row_cells
from .cells import WaveCells
from .ledgersolve import Solution, solve
from .numbers import is_missing
from .policy import INTERNAL_DIR, Policy
from .tablespec import BOOKKEEPING, spec_for

__all__ = [
    "Policy",
    "Plan",
    "plan",
    "SUPPRESSED",
    "SUPPRESSED_SMALL",
    "SUPPRESSED_NEAR_TOTAL",
    "BOOKKEEPING",
    "INTERNAL_DIR",
    "withheld_columns",
    "shown_only",
    "checked",
]

logger = logging.getLogger(__name__)

#: Column listing each row's withheld columns (";"-joined, "" when none).
SUPPRESSED = "suppressed"
#: Column listing the withheld counts that were below ``min_cell`` (shown as "< 5").
SUPPRESSED_SMALL = "suppressed_small"
#: Column listing the withheld counts close to their total (shown as "> total − min_cell").
SUPPRESSED_NEAR_TOTAL = "suppressed_near_total"


def withheld_columns(entry: Any) -> set[str]:
    """The columns a ``suppressed`` (or ``suppressed_small``) cell lists.

    >>> sorted(withheld_columns("n;pct")), withheld_columns(""), withheld_columns(None)
    (['n', 'pct'], set(), set())
    """
    return set() if is_missing(entry) or not str(entry) else set(str(entry).split(";"))


def checked(policy: Any) -> Policy:
    """``policy`` if it is a :class:`Policy`: a call that still passes a number (the old
    ``min_cell=5``) fails here with a TypeError, not later with a wrong number.

    >>> checked(5)
    Traceback (most recent call last):
    TypeError: policy must be a survey.disclosure.Policy, got int
    """
    if not isinstance(policy, Policy):
        raise TypeError(f"policy must be a survey.disclosure.Policy, got {type(policy).__name__}")
    return policy


def shown_only(frame: pd.DataFrame, name: str, policy: Policy) -> pd.DataFrame:
    """``frame`` (index reset) if an output of ``policy`` may show it: a shared output only
    a table that went through the wave's plan (:meth:`Plan.table`).

    Raises
    ------
    ValueError
        For a shared output of a table the plan has not seen.
    """
    policy = checked(policy)
    if not policy.internal and SUPPRESSED not in frame.columns:
        raise ValueError(f"table {name!r} has not been through the disclosure plan "
                         "(survey.disclosure.Plan.table): a shared output cannot show it")
    return frame.reset_index(drop=True)



class Plan:
    """The withheld cells of one wave at one policy (see the module docstring).

    Build it with :func:`plan`. ``tables`` (optional) gives the full-precision result
    tables the notebooks show, by name; missing ones are computed from the wave.
    """

    def __init__(self, wd: Any, policy: Policy, *,
                 tables: Mapping[str, pd.DataFrame] | None = None) -> None:
        self.policy = policy
        self.wd = wd
        self.codebook = wd.codebook
        self.cells: WaveCells | None = None
        self.solution: Solution | None = None
        if policy.internal:
            return
        from .splits import split

        weak = {name: split(wd.data, wd.codebook, name).weak for name in wd.codebook.splits}
        self.cells = WaveCells(wd.data, wd.missing, wd.codebook, splits=weak)
        spec = wd.codebook.session_ratings
        if spec is not None and getattr(wd, "ratings", None) is not None:
            self.cells.add_ratings(wd.ratings, spec, wd.log, policy.min_cell)
        frames = dict(wave_tables(wd, policy))
        frames["group_comparisons"] = comparison_layout(self.cells)
        frames.update(tables or {})
        for name, frame in frames.items():
            self._register(name, frame)
        self._link_sizes()
        self.solution = solve(self.cells.ledger, policy.min_cell)
        for line in self.solution.unresolved:
            logger.warning("disclosure: %s", line)

    def state(self) -> dict[str, Any]:
        """What the plan decided, without the wave's data (for :mod:`survey.plancache`)."""
        cells = None
        if self.cells is not None:
            cells = {k: v for k, v in vars(self.cells).items()
                     if k not in ("data", "missing", "codebook", "columns")}
        return {"cells": cells, "solution": self.solution}

    @classmethod
    def restored(cls, wd: Any, policy: Policy, state: Mapping[str, Any]) -> Plan:
        """The plan :meth:`state` described, on the same wave ``wd``."""
        out = cls.__new__(cls)
        out.policy, out.wd, out.codebook = policy, wd, wd.codebook
        out.solution, out.cells = state["solution"], None
        if state["cells"] is not None:
            out.cells = WaveCells.__new__(WaveCells)
            vars(out.cells).update(state["cells"])
            out.cells.data, out.cells.missing = wd.data, wd.missing
            out.cells.codebook = wd.codebook
        return out

    # ---------------------------------------------------------------- registering
    def _shared_rows(self, frame: pd.DataFrame, name: str) -> pd.DataFrame:
        """The rows of ``frame`` a shared output may show at all (index reset, no
        bookkeeping): not a participant's or a week's feedback forms, and results per
        counsellor only where the codebook shares them (docs/registry.md)."""
        table = frame.drop(columns=list(BOOKKEEPING), errors="ignore").reset_index(drop=True)
        for column, values in spec_for(name, table).private_rows.items():
            if column in table.columns:
                table = table[~table[column].isin(values)].reset_index(drop=True)
        ratings = self.codebook.session_ratings
        if name == "session_ratings" and "unit" in table.columns and (
                ratings is None or ratings.rater_results != "shared"):
            table = table[table["unit"] != "rater"].reset_index(drop=True)
        return table

    def _register(self, name: str, frame: pd.DataFrame) -> None:
        assert self.cells is not None
        table = self._shared_rows(frame, name)
        rows = row_cells(name, table, self.cells)
        if rows is None:
            return
        for i, rc in enumerate(rows):
            for column, nodes in rc.counts.items():
                value = table[column].iloc[i] if column in table.columns else None
                if value is not None and is_missing(value):
                    continue
                self.cells.ledger.show(nodes, value=None if value is None else float(value),
                                       label=f"{name}.{column}", table=name,
                                       **rc.options.get(column, {}))
            for node in rc.protect:
                if node is not None:
                    self.cells.ledger.protect(node)

    def _link_sizes(self) -> None:
        """Every respondent is in one level of every grid: N and each group's size (both
        shown) are the same counts in every universe of the wave."""
        assert self.cells is not None
        ledger = self.cells.ledger
        grids = [u for name, u in ledger.universes.items() if name.split(":")[0] in
                 ("v", "s", "o", "sc", "sp")]
        everyone = self.cells.all_atoms
        ledger.show([("pop", frozenset({0}), everyone),
                     *((u.name, frozenset(range(len(u.levels))), everyone) for u in grids)],
                    hideable=False, label="N")
        for display in list(ledger.displays):
            if not display.group:
                continue
            atoms = {n[2] for n in display.nodes if n[0] == "pop"}
            for group in atoms:
                ledger.show([("pop", frozenset({0}), group),
                             *((u.name, frozenset(range(len(u.levels))), group) for u in grids)],
                            weight=display.weight, group=True, label="group size")

    # ---------------------------------------------------------------- deciding
    def _node_state(self, node: Any) -> tuple[bool, bool, str | None]:
        """(small, withheld, why) of one rectangle."""
        assert self.cells is not None and self.solution is not None
        value = self.cells.ledger.value(node)
        display = self.cells.ledger.display_of(node)
        small = self.policy.small(value)
        if display is None:
            return small, small, "small" if small else None
        return small, self.solution.is_hidden(display), self.solution.reason.get(display)

    def in_masked(self, nodes: Any) -> bool:
        """Whether a count of ``nodes`` is in a question whose markers were given up
        (every withheld number there is ".", see :meth:`survey.ledgersolve._Solver._mask`)."""
        assert self.solution is not None
        return any(node[0] in self.solution.masked for node in nodes)

    def table(self, frame: pd.DataFrame, name: str) -> pd.DataFrame:
        """``frame`` as a shared output may show it (internal: unchanged).

        Returns a copy with withheld values NaN/NA and the bookkeeping columns; a frame
        that went through a plan before is taken as it was before that.
        """
        if self.policy.internal:
            return frame.drop(columns=list(BOOKKEEPING), errors="ignore")
        spec = spec_for(name, frame)
        table = self._shared_rows(frame, name)
        assert self.cells is not None
        rows = row_cells(name, table, self.cells) if name in MAPPED else None
        return _apply(table, spec, rows, self)

    def publish(self, frame: pd.DataFrame, name: str, tables_dir: str | Path) -> pd.DataFrame:
        """Write ``<tables_dir>/<name>.csv`` (atomically) as :meth:`table` shows it and
        return that table."""
        from .fileio import write_table

        shown = self.table(frame, name)
        write_table(shown, tables_dir, name)
        return shown


def _apply(table: pd.DataFrame, spec: Any, rows: list[RowCells] | None, plan: Plan
           ) -> pd.DataFrame:
    """Withhold the cells of ``table`` that ``plan`` withholds (see :meth:`Plan.table`)."""
    n = len(table)
    columns = list(table.columns)
    hidden = {c: np.zeros(n, dtype=bool) for c in columns}
    small = {c: np.zeros(n, dtype=bool) for c in columns}
    masked = {c: np.zeros(n, dtype=bool) for c in columns}
    counts = [c for c in spec.counts if c in table.columns]
    values = {c: pd.to_numeric(table[c], errors="coerce").to_numpy(dtype=float) for c in counts}
    min_cell = plan.policy.min_cell

    def withhold(i: int, column: str, *, tiny: bool, derived: bool) -> None:
        if column not in hidden:
            return
        hidden[column][i] = True
        small[column][i] |= tiny
        for other in spec.reveals.get(column, ()):
            if other in hidden:
                hidden[other][i] = True
        if derived:
            for other in spec.derived.get(column, ()):
                if other in hidden:
                    hidden[other][i] = True

    for i in range(n):
        rc = rows[i] if rows is not None else None
        for column in counts:
            v = values[column][i]
            if rc is not None and column in rc.counts:
                tiny, withheld, why = plan._node_state(rc.counts[column][0])
                if withheld:  # in a masked question every count is "." (no "< 5", no "> …")
                    masked[column][i] = plan.in_masked(rc.counts[column])
                    withhold(i, column, tiny=tiny and not masked[column][i],
                             derived=tiny or why == "group")
            elif plan.policy.small(v):
                withhold(i, column, tiny=True, derived=True)
        if rc is None:
            continue
        for column in rc.withhold:
            if column in hidden:
                hidden[column][i] = True
        for column, nodes in rc.needs.items():
            if column not in hidden:
                continue
            for node in nodes:
                tiny, withheld, _ = plan._node_state(node)
                if tiny or withheld:
                    hidden[column][i] = True
                    break
    near = {c: np.zeros(n, dtype=bool) for c in columns}
    for count, total in spec.complement.items():
        if count in values and total in table.columns:
            totals = pd.to_numeric(table[total], errors="coerce").to_numpy(dtype=float)
            rest = totals - values[count]
            near[count] = hidden[count] & ~small[count] & ~masked[count] & \
                (rest >= 1) & (rest < min_cell)
    return _bookkeeping(table, hidden, small, near)


def _bookkeeping(table: pd.DataFrame, hidden: dict[str, np.ndarray],
                 small: dict[str, np.ndarray], near: dict[str, np.ndarray]) -> pd.DataFrame:
    out = table.copy()
    columns = list(table.columns)
    for column in columns:
        mask = hidden[column] & ~table[column].isna().to_numpy()
        hidden[column] = mask
        if not mask.any():
            continue
        series = out[column]
        if pd.api.types.is_bool_dtype(series):
            series = series.astype("boolean")
        elif pd.api.types.is_integer_dtype(series):
            series = series.astype("Int64")
        elif not pd.api.types.is_numeric_dtype(series):
            series = series.astype(object)
        out[column] = series.mask(mask)
    n = len(table)
    out[SUPPRESSED] = [";".join(c for c in columns if hidden[c][i]) for i in range(n)]
    out[SUPPRESSED_SMALL] = [";".join(c for c in columns if hidden[c][i] and small[c][i])
                             for i in range(n)]
    out[SUPPRESSED_NEAR_TOTAL] = [";".join(c for c in columns if hidden[c][i] and near[c][i]
                                           and not small[c][i]) for i in range(n)]
    return out


# --------------------------------------------------------------------------- the wave


def wave_tables(wd: Any, policy: Policy) -> dict[str, pd.DataFrame]:
    """The full-precision count tables of every report the workbench makes of a wave
    (what :class:`Plan` registers): sample, frequencies, items, multiple response, coded
    answers, splits, missing values, their reasons, the cleaning log and the
    session-rating forms (the layout of the group comparisons is added by the plan)."""
    from . import describe, quality

    data, missing, cb = wd.data, wd.missing, wd.codebook
    out: dict[str, pd.DataFrame] = {
        "sample": describe.sample(data, cb),
        "frequencies": describe.frequencies(data, missing, cb),
        "items": describe.items(data, missing, cb),
        "multi_response": describe.multi_response(data, missing, cb),
        "coded": describe.coded(data, missing, cb),
        "missingness": quality.missingness_table(missing, cb, len(data)),
        "missing_reasons": quality.missing_reasons(missing, cb),
    }
    if wd.log is not None and len(wd.log):
        out["cleaning_log"] = quality.cleaning_log(wd.log, cb, language=cb.language)
    if cb.splits:
        from .splits import splits

        table, _tests, _results = splits(data, cb)
        out["splits"] = table
    spec = cb.session_ratings
    if spec is not None and getattr(wd, "ratings", None) is not None:
        from .ratings import item_summary, summary

        out["session_ratings"] = summary(wd.ratings, spec, period_min=policy.min_cell)
        out["rating_items"] = item_summary(wd.ratings, spec)
        out["rating_missingness"] = quality.ratings_missingness(wd.log, cb, len(wd.ratings))
    return out


_CACHE: dict[tuple[int, int, Policy], Plan] = {}


def plan(wd: Any, policy: Policy) -> Plan:
    """The :class:`Plan` of a loaded wave: one per wave and policy in a process, and one
    per cleaned wave, policy and package source on disk (:mod:`survey.plancache`), so
    that the reports of a wave build it once."""
    key = (id(wd), id(wd.data), policy)
    found = _CACHE.get(key)
    if found is None or found.wd is not wd:
        found = _CACHE[key] = _stored_plan(wd, policy)
        if len(_CACHE) > 8:
            _CACHE.pop(next(iter(_CACHE)))
    return found


def _stored_plan(wd: Any, policy: Policy) -> Plan:
    """The wave's plan from :mod:`survey.plancache`, else built and stored there."""
    from . import plancache

    folder = getattr(wd, "folder", None)
    name = plancache.key(wd, policy)
    state = plancache.load(folder, name)
    if state is not None:
        return Plan.restored(wd, policy, state)
    built = Plan(wd, policy)
    plancache.save(folder, name, built.state())
    return built


__all__ += ["wave_tables"]
