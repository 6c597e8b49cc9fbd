"""The disclosure plan of the wave comparison (notebook 06, ``wave_comparison.csv``).

A row of the wave comparison shows each wave's share of one item: the count ``k`` in the
top box (the event, the ticked option) of the ``n`` valid answers. Both are cells that the
wave's own reports show too (the item table's top box and valid answers, the frequency
table's answer, the multiple-response total), so the comparison withholds exactly what the
wave's own :class:`~survey.disclosure.Plan` withholds of them: the same cell in two
reports is one cell. On top of that, a share whose count or whose "no" count is below
``min_cell`` is withheld, and so is every statistic of the row (difference, interval,
test) when a count of either wave is: with the row's bases it would give the count away.
Rows over the respondents present in both waves (pairs) have counts of their own; they
follow the same two rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .disclosure import BOOKKEEPING, Plan, Policy, _bookkeeping, plan
from .numbers import is_missing

__all__ = ["WavesPlan"]

_STATS = ("diff", "ci_low", "ci_high", "p", "p_adj")


class WavesPlan:
    """What a shared wave comparison may show (see the module docstring).

    Parameters
    ----------
    waves : mapping
        Wave name → its loaded wave (:func:`survey.store.load_wave`), in comparison order.
    maps : mapping
        Wave name → ``{own name: common name}`` (the registry's ``comparison.map``).
    policy : Policy
    """

    def __init__(self, waves: Mapping[str, Any], maps: Mapping[str, Mapping[str, str]],
                 policy: Policy) -> None:
        self.policy = policy
        self.waves = dict(waves)
        self.plans: dict[str, Plan] = ({} if policy.internal else
                                       {name: plan(wd, policy) for name, wd in waves.items()})
        self.own: dict[str, dict[str, str]] = {}
        for name, wd in self.waves.items():
            mapping = dict(maps.get(name) or {})
            self.own[name] = {mapping.get(c, c): c for c in wd.codebook.columns}

    def _state(self, wave: str, common: str, which: str) -> tuple[bool, bool]:
        """(small, withheld) of a wave's ``k`` (``which="k"``) or ``n`` of an item."""
        p = self.plans.get(wave)
        name = self.own.get(wave, {}).get(common)
        if p is None or p.cells is None or name is None:
            return False, True
        cells = p.cells
        col = cells.columns.get(name)
        if col is None:
            return False, True
        if col.kind in ("option", "code"):
            u, valid, event = f"o:{name}", ("levels", ["ticked", "unticked"]), "ticked"
        elif col.level == "ordinal" and col.top_box:
            u, valid, event = f"v:{name}", "valid", ("labels", col.top_box_labels)
        else:
            u, valid, event = f"v:{name}", "valid", ("label", col.groups[-1] if col.groups
                                                     else "")
        node = cells.node(u, event if which == "k" else valid, cells.all_atoms)
        if node is None:
            return False, True
        small, withheld, _ = p._node_state(node)
        return small, withheld

    def table(self, frame: pd.DataFrame, name: str = "wave_comparison") -> pd.DataFrame:
        """``frame`` as a shared output may show it (internal: unchanged)."""
        if self.policy.internal:
            return frame.drop(columns=list(BOOKKEEPING), errors="ignore")
        table = frame.drop(columns=list(BOOKKEEPING), errors="ignore").reset_index(drop=True)
        n = len(table)
        columns = list(table.columns)
        hidden = {c: np.zeros(n, dtype=bool) for c in columns}
        small = {c: np.zeros(n, dtype=bool) for c in columns}
        near = {c: np.zeros(n, dtype=bool) for c in columns}
        policy = self.policy

        def hide(i: int, *cols: str) -> None:
            for c in cols:
                if c in hidden:
                    hidden[c][i] = True

        for i, row in table.iterrows():
            paired = bool(row.get("paired")) and not is_missing(row.get("paired"))
            stats_hidden = False
            for side in ("a", "b"):
                k, base = row.get(f"k_{side}"), row.get(f"n_{side}")
                shares = (f"k_{side}", f"pct_{side}", f"pct_{side}_low", f"pct_{side}_high")
                tiny_n = policy.small(base)
                tiny_k = policy.small(k)
                rest = (float(base) - float(k)) if not (is_missing(k) or is_missing(base)) \
                    else np.nan
                tiny_rest = policy.small(rest)
                withheld_k = withheld_n = False
                if not paired:
                    wave = row.get(f"wave_{side}")
                    _, withheld_k = self._state(str(wave), str(row["variable"]), "k")
                    _, withheld_n = self._state(str(wave), str(row["variable"]), "n")
                if tiny_n or withheld_n:
                    hide(i, f"n_{side}", *shares)
                    small[f"n_{side}"][i] = tiny_n
                    stats_hidden = True
                elif tiny_k or tiny_rest or withheld_k:
                    hide(i, *shares)
                    small[f"k_{side}"][i] = tiny_k
                    near[f"k_{side}"][i] = tiny_rest and not tiny_k
                    stats_hidden = True
            if paired and policy.small(row.get("n_pairs")):
                hide(i, "n_pairs")
                small["n_pairs"][i] = True
                stats_hidden = True
            if paired and policy.small(row.get("n_left_out")):  # named in the reason
                hide(i, "n_left_out")
                small["n_left_out"][i] = True
            if stats_hidden:
                hide(i, *_STATS)
        return _bookkeeping(table, hidden, small, near)

    def publish(self, frame: pd.DataFrame, name: str, tables_dir: str | Path) -> pd.DataFrame:
        """Write ``<tables_dir>/<name>.csv`` as :meth:`table` shows it; return that table."""
        from .fileio import write_table

        shown = self.table(frame, name)
        write_table(shown, tables_dir, name)
        return shown
