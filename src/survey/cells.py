"""The counting grids of one wave: who answered what, in which group.

:class:`WaveCells` turns a cleaned wave into the :class:`~survey.ledger.Universe` grids the
disclosure ledger works on, and looks up the rectangle (a :data:`~survey.ledger.Node`)
behind any count a result table shows:

- **atoms**: the respondents split by every combination of the values of the grouping
  variables (the codebook's ``groupings``, derived crosses expanded into their sources;
  a missing value is a value of its own). Every group of every grouping is a set of
  atoms, so "single parents" and "single parents with a child under 3" are nested sets;
- **levels** of a question (universe ``v:<variable>``): its answers in codebook order,
  then each kind, code and reason of a missing answer (``weiß nicht``, ``keine Angabe``,
  blank, invalid, not asked), as ``missing.parquet`` records them;
- an option of a multiple-response set or a code of a coded answer (``o:<column>``):
  ticked, not ticked, blank among those who answered the set (``partial``), and the set's
  missing answers; the set itself (``s:<variable>``): answered, or its missing answer;
- a scale score (``sc:<scale>``): scored or not; a split (``sp:<split>``): weak, strong,
  not classified; the respondents themselves (``pop``).

Level keys: ``("valid", label)`` for an answer (``"1"``/``"0"`` for a ticked or unticked
option, ``""`` for a number or text), ``(kind, code, reason)`` for a missing answer,
``("partial",)`` for a blank option of an answered set.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from .codebook import Codebook, Column
from .derive import grouping_series
from .describe import TOTAL
from .ledger import ANSWER, NONRESPONSE, Ledger, Node, Universe
from .vocabulary import MISSING_KINDS

__all__ = ["WaveCells", "KIND_ORDER", "MISSING_KINDS", "NONRESPONSE_TABLES", "TOTAL"]

#: The kinds of missing answers in the order of a question's counting grid.
KIND_ORDER = (*MISSING_KINDS, "not_asked")
#: The tables that show counts of missing answers: such counts are protected against
#: what these tables show (see :mod:`survey.ledger`).
NONRESPONSE_TABLES = ("missingness", "missing_reasons", "cleaning_log", "frequencies",
                      "items", "rating_missingness")


def _label(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return None
    return str(value)


class WaveCells:
    """The grids of one cleaned wave (see the module docstring).

    Parameters
    ----------
    data : DataFrame
        Clean data (index: respondent codes).
    missing : DataFrame
        ``missing.parquet``: ``respondent, variable, code, reason, kind``.
    codebook : Codebook
    splits : mapping, optional
        Split name → weak-group membership (1.0 weak, 0.0 strong, NaN not classified).
    """

    def __init__(self, data: pd.DataFrame, missing: pd.DataFrame, codebook: Codebook,
                 splits: dict[str, pd.Series] | None = None) -> None:
        self.data, self.missing, self.codebook = data, missing, codebook
        self.splits = dict(splits or {})
        self.n = len(data)
        self.ledger = Ledger(NONRESPONSE_TABLES)
        self._atoms()
        self._universes: dict[str, Universe | None] = {}
        self.ledger.add_universe(Universe("pop", ["all"], self.atom_keys,
                                          np.bincount(self.atom, minlength=len(self.atom_keys))
                                          .reshape(1, -1)))

    # ------------------------------------------------------------------ atoms & groups
    @cached_property
    def columns(self) -> dict[str, Column]:
        return self.codebook.columns

    def _grouping_variables(self) -> list[str]:
        names: list[str] = []
        for spec in self.codebook.groupings.values():
            for var in spec.variables:
                if var in self.codebook.derived:
                    names.extend(self.codebook.derived[var].sources)
                else:
                    names.append(var)
        return list(dict.fromkeys(n for n in names if n in self.data.columns))

    def _atoms(self) -> None:
        self.atom_variables = self._grouping_variables()
        if not self.atom_variables or self.n == 0:
            self.atom = np.zeros(self.n, dtype=np.int64)
            self.atom_keys: list[Hashable] = [()]
            return
        parts = []
        for var in self.atom_variables:
            values = self.data[var]
            codes = (values.cat.codes.to_numpy() if isinstance(values.dtype, pd.CategoricalDtype)
                     else pd.factorize(values, use_na_sentinel=True)[0])
            parts.append(np.asarray(codes, dtype=np.int64))
        stacked = np.stack(parts, axis=1)
        keys, inverse = np.unique(stacked, axis=0, return_inverse=True)
        self.atom = inverse.reshape(-1).astype(np.int64)
        first = np.zeros(len(keys), dtype=np.int64)
        first[self.atom[::-1]] = np.arange(self.n)[::-1]
        self.atom_keys = [tuple(_label(self.data[v].iloc[first[j]]) for v in self.atom_variables)
                          for j in range(len(keys))]

    @property
    def all_atoms(self) -> frozenset[int]:
        return frozenset(range(len(self.atom_keys)))

    @cached_property
    def _groups(self) -> dict[str, dict[str, frozenset[int]]]:
        """grouping → group label (as describe and compare write it) → its atoms."""
        from .compare import group_names  # the labels of group comparisons

        out: dict[str, dict[str, frozenset[int]]] = {}
        for name in self.codebook.groupings:
            series = grouping_series(self.data, self.codebook, name)
            categories = [str(c) for c in series.cat.categories]
            named = group_names(self.codebook, name)
            codes = series.cat.codes.to_numpy()
            table: dict[str, frozenset[int]] = {}
            for i, category in enumerate(categories):
                atoms = frozenset(np.unique(self.atom[codes == i]).tolist())
                table[category] = atoms
                if i < len(named):
                    table.setdefault(named[i], atoms)
            table[f"\0missing:{name}"] = frozenset(np.unique(self.atom[codes < 0]).tolist())
            out[name] = table
        return out

    def group(self, grouping: str | None, group: Any) -> frozenset[int] | None:
        """The atoms of a group (``"total"``: all); None for an unknown label."""
        if grouping is None or str(grouping) == TOTAL or str(group) == TOTAL:
            return self.all_atoms
        table = self._groups.get(str(grouping))
        if table is None:
            return None
        return table.get(str(group))

    def missing_group(self, grouping: str) -> frozenset[int]:
        """The atoms of respondents whose group in ``grouping`` is unknown."""
        return self._groups.get(grouping, {}).get(f"\0missing:{grouping}", frozenset())

    def groups_of(self, grouping: str) -> list[frozenset[int]]:
        """The atoms of each group of a grouping, in listing order."""
        series_labels = self._group_order(grouping)
        return [self._groups[grouping][label] for label in series_labels]

    @cached_property
    def _orders(self) -> dict[str, list[str]]:
        return {name: [str(c) for c in grouping_series(self.data.iloc[:0], self.codebook,
                                                          name).cat.categories]
                for name in self.codebook.groupings}

    def _group_order(self, grouping: str) -> list[str]:
        return self._orders[grouping]

    # ------------------------------------------------------------------ universes
    def universe(self, name: str) -> Universe | None:
        """The universe ``name`` (built on first use), or None when there is none."""
        if name in self.ledger.universes:
            return self.ledger.universes[name]
        if name in self._universes:
            return self._universes[name]
        kind, _, key = name.partition(":")
        built = None
        try:
            if kind == "v":
                built = self._variable_universe(key)
            elif kind == "s":
                built = self._set_universe(key)
            elif kind == "o":
                built = self._option_universe(key)
            elif kind == "sc":
                built = self._scale_universe(key)
            elif kind == "sp":
                built = self._split_universe(key)
        except KeyError:
            built = None
        self._universes[name] = built
        if built is not None:
            self.ledger.add_universe(built)
        return built

    def _status(self, variable: str) -> tuple[np.ndarray, list[tuple]]:
        """Per respondent: index of its missing sublevel (−1: not missing) and the
        sublevels (kind, code, reason) in report order."""
        m = self.missing
        rows = m[m["variable"] == variable].drop_duplicates("respondent")
        out = np.full(self.n, -1, dtype=np.int64)
        if rows.empty:
            return out, []
        position = pd.Index(self.data.index).get_indexer(rows["respondent"])
        ok = position >= 0
        rows, position = rows[ok], position[ok]
        codes = [None if pd.isna(c) else float(c) for c in rows["code"]]
        keys = list(zip(rows["kind"].astype(str), codes, rows["reason"].astype(str),
                        strict=True))
        order = {k: i for i, k in enumerate(KIND_ORDER)}
        levels = sorted(set(keys), key=lambda k: (order.get(k[0], 9),
                                                  -1e18 if k[1] is None else k[1], k[2]))
        index = {k: i for i, k in enumerate(levels)}
        out[position] = [index[k] for k in keys]
        return out, levels

    def _grid(self, level: np.ndarray, n_levels: int) -> np.ndarray:
        ok = level >= 0
        flat = np.bincount(level[ok] * len(self.atom_keys) + self.atom[ok],
                           minlength=n_levels * len(self.atom_keys))
        return flat.reshape(n_levels, len(self.atom_keys))

    def _make(self, name: str, valid: Sequence[Hashable], valid_index: np.ndarray,
              extra: Sequence[Hashable], extra_index: np.ndarray,
              extra_classes: Sequence[str]) -> Universe:
        """A universe from per-respondent indices into ``valid`` (answers) and ``extra``
        (missing sublevels); −1 where neither."""
        level = np.where(valid_index >= 0, valid_index,
                         np.where(extra_index >= 0, len(valid) + extra_index, -1))
        levels = [*valid, *extra]
        classes = [ANSWER] * len(valid) + list(extra_classes)
        return Universe(name, levels, list(self.atom_keys), self._grid(level, len(levels)),
                        classes)

    def _variable_universe(self, name: str) -> Universe | None:
        col = self.columns.get(name)
        if col is None or col.kind != "variable" or name not in self.codebook.variables:
            return None
        status, sublevels = self._status(name)
        values = self.data[name] if name in self.data.columns else pd.Series(
            np.nan, index=self.data.index)
        if col.is_categorical and isinstance(values.dtype, pd.CategoricalDtype):
            labels = list(col.levels.values())
            lookup = {label: i for i, label in enumerate(labels)}
            per_category = np.array([lookup.get(str(c), -1) for c in values.cat.categories]
                                    + [-1], dtype=np.int64)
            valid_index = per_category[values.cat.codes.to_numpy()]
            valid = [("valid", label) for label in labels]
        else:
            valid_index = np.where(values.notna().to_numpy(), 0, -1)
            valid = [("valid", "")]
        valid_index = np.where(status >= 0, -1, valid_index)
        universe = self._make(f"v:{name}", valid, valid_index, sublevels, status,
                              [NONRESPONSE] * len(sublevels))
        if name in self.atom_variables:  # a grouping variable: its atoms say its answer
            position = self.atom_variables.index(name)
            zero = np.zeros(universe.grid.shape, dtype=bool)
            for j, key in enumerate(self.atom_keys):
                value = key[position]
                for i, level in enumerate(universe.levels):
                    zero[i, j] = (level[1] != value) if level[0] == "valid" else value is not None
            universe.zero = zero
        return universe

    def _set_universe(self, name: str) -> Universe | None:
        var = self.codebook.variables.get(name)
        if var is None or var.type not in ("multi", "coded"):
            return None
        status, sublevels = self._status(name)
        ticks = self.data[list(var.columns)]
        answered = ticks.notna().any(axis=1).to_numpy() & (status < 0)
        return self._make(f"s:{name}", [("valid", "answered")],
                          np.where(answered, 0, -1), sublevels, status,
                          [NONRESPONSE] * len(sublevels))

    def _option_universe(self, column: str) -> Universe | None:
        col = self.columns.get(column)
        if col is None or col.kind not in ("option", "code"):
            return None
        status, sublevels = self._status(col.variable)
        values = pd.to_numeric(self.data[column], errors="coerce").to_numpy(dtype=float)
        valid_index = np.where(values == 1, 0, np.where(values == 0, 1, -1))
        var = self.codebook.variables[col.variable]
        answered = self.data[list(var.columns)].notna().any(axis=1).to_numpy() & (status < 0)
        partial = answered & np.isnan(values)
        extra_index = np.where(partial, 0, np.where(status >= 0, status + 1, -1))
        extra = [("partial",), *sublevels]
        valid_index = np.where(status >= 0, -1, valid_index)
        return self._make(f"o:{column}", [("valid", "1"), ("valid", "0")], valid_index, extra,
                          extra_index, [NONRESPONSE] * len(extra))

    def _scale_universe(self, name: str) -> Universe | None:
        if name not in self.codebook.scales or name not in self.data.columns:
            return None
        scored = self.data[name].notna().to_numpy()
        return self._make(f"sc:{name}", [("valid", "")], np.where(scored, 0, -1),
                          [("missing", None, "scale")], np.where(scored, -1, 0), [NONRESPONSE])

    def _split_universe(self, name: str) -> Universe | None:
        weak = self.splits.get(name)
        if weak is None:
            return None
        values = weak.reindex(self.data.index).to_numpy(dtype=float)
        valid_index = np.where(values == 1, 0, np.where(values == 0, 1, -1))
        return self._make(f"sp:{name}", [("weak",), ("strong",)], valid_index,
                          [("unclassified",)], np.where(np.isnan(values), 0, -1),
                          [NONRESPONSE])

    # ------------------------------------------------------------------ session ratings
    def add_ratings(self, forms: pd.DataFrame, spec: Any, log: pd.DataFrame | None,
                    min_forms: int) -> None:
        """The grids of the session-rating forms (:mod:`survey.ratings`):

        ``f:forms``: each form below the cutoff, ok, at the ceiling or without a total, by
        atoms of (rater, period of at least ``min_forms`` forms); ``p:people`` and
        ``pr:<rater>``: each participant's mean total below the cutoff or not (a person
        may have forms with several raters, so these are grids of their own); ``ri:<item>``:
        each statement answered, blank or invalid (the cleaning log's counts)."""
        from .ratings import _DECIMALS, period_of, sessions

        table = sessions(forms, spec)
        periods = period_of(table["week"], min_forms)
        raters = table[spec.rater].astype(object).where(table[spec.rater].notna(), None)
        keys = list(zip(raters.map(lambda r: None if r is None else str(r)), periods,
                        strict=True))
        self.rating_atom_keys = sorted(set(keys), key=lambda k: (str(k[0]), str(k[1])))
        index = {k: i for i, k in enumerate(self.rating_atom_keys)}
        atom = np.array([index[k] for k in keys], dtype=np.int64)
        total = table["total"].astype(float).round(_DECIMALS)
        ceiling = round(len(spec.items) * float(spec.range[1]), _DECIMALS)
        cut = spec.cutoff
        level = np.where(total.isna(), 3, np.where(
            (total < cut) if cut is not None else False, 0, np.where(total >= ceiling, 2, 1)))
        grid = np.zeros((4, len(self.rating_atom_keys)), dtype=np.int64)
        np.add.at(grid, (level, atom), 1)
        self.ledger.add_universe(Universe("f:forms", [("below",), ("ok",), ("ceiling",),
                                                      ("no_total",)],
                                          list(self.rating_atom_keys), grid,
                                          [ANSWER, ANSWER, ANSWER, NONRESPONSE]))
        ids = table[spec.id].astype(str)

        def people(name: str, mask: np.ndarray) -> None:
            means = total[mask].groupby(ids[mask]).mean()
            everyone = ids[mask].nunique()
            below = int((means.round(_DECIMALS) < cut).sum()) if cut is not None else 0
            scored = int(means.notna().sum())
            counts = np.array([[below], [scored - below], [everyone - scored]])
            self.ledger.add_universe(Universe(name, [("below",), ("not",), ("no_total",)],
                                              ["all"], counts, [ANSWER, ANSWER, NONRESPONSE]))

        people("p:people", np.ones(len(table), dtype=bool))
        for rater in sorted({r for r, _ in keys if r is not None}):
            people(f"pr:{rater}", (raters.map(str) == rater).to_numpy() & raters.notna().to_numpy())
        affected = (pd.to_numeric(log["n_affected"], errors="coerce")
                    if log is not None and len(log) else None)
        for item in spec.items:
            answered = int(table[item].notna().sum())
            counts = {"system": 0, "invalid": 0}
            for rule, kind in (("system_missing", "system"), ("out_of_range", "invalid")):
                if affected is not None:
                    hit = (log["rule"] == rule) & (log["variable"] == f"session_ratings.{item}")
                    counts[kind] = int(affected[hit].sum())
            rest = len(table) - answered - counts["system"] - counts["invalid"]
            grid = np.array([[answered], [counts["system"]], [counts["invalid"]],
                             [max(rest, 0)]])
            self.ledger.add_universe(Universe(
                f"ri:{item}", [("valid", ""), ("system",), ("invalid",), ("missing",)],
                ["all"], grid, [ANSWER, NONRESPONSE, NONRESPONSE, NONRESPONSE]))

    def rating_atoms(self, unit: str, key: Any) -> frozenset[int] | None:
        """The (rater, period) atoms of a row of ``session_ratings.csv``."""
        keys = getattr(self, "rating_atom_keys", None)
        if keys is None:
            return None
        if unit == "overall":
            return frozenset(range(len(keys)))
        position = {"rater": 0, "period": 1}.get(unit)
        if position is None:
            return None
        return frozenset(j for j, k in enumerate(keys) if k[position] == str(key))

    # ------------------------------------------------------------------ rectangles
    def levels(self, universe: str, which: Any) -> frozenset[int]:
        """Level indices of ``universe`` selected by ``which``:

        ``"valid"`` (the answers), ``"asked"`` (all but not asked), ``"all"``,
        ``"missing"`` (the missing kinds among those asked), ``"miss"`` (no answer, blank,
        invalid), a kind (``"dont_know"``, …), ``("code", kind, code)``,
        ``("label", label)`` (one answer), ``("labels", labels)``, ``("reason", kind,
        text)``, ``("prefix", kind, text)`` (reasons starting with ``text``),
        ``"partial"``, ``"ticked"``/``"unticked"`` (an option's 1/0), ``"weak"``,
        ``"strong"``, ``"unclassified"``.
        """
        u = self.universe(universe)
        if u is None:
            return frozenset()
        out = []
        for i, level in enumerate(u.levels):
            if _selects(level, which):
                out.append(i)
        return frozenset(out)

    def node(self, universe: str, which: Any, atoms: Iterable[int] | None) -> Node | None:
        """The rectangle ``which`` × ``atoms`` of ``universe`` (None when either is
        unknown). Atoms in which the levels cannot occur (a grouping variable's answer
        outside its own groups) are left out, so that equal rectangles are equal keys."""
        u = self.universe(universe) if atoms is not None else None
        if u is None:
            return None
        levels = self.levels(universe, which)
        atoms = frozenset(atoms)
        if u.zero is not None and levels:
            rows = sorted(levels)
            possible = ~u.zero[rows].all(axis=0)
            atoms = frozenset(j for j in atoms if possible[j])
        return (universe, levels, atoms)

    def standalone(self, key: str, value: int) -> Node:
        """A count linked to no other (a universe of one cell)."""
        name = f"x:{key}"
        if name not in self.ledger.universes:
            self.ledger.add_universe(Universe(name, ["n"], ["all"], np.array([[int(value)]])))
        return (name, frozenset({0}), frozenset({0}))

    def value(self, node: Node | None) -> int | None:
        return None if node is None else self.ledger.value(node)


def _selects(level: tuple, which: Any) -> bool:
    head = level[0]
    is_valid = head == "valid" or head in ("weak", "strong")
    if which == "all":
        return True
    if which == "valid":
        return is_valid
    if which == "asked":
        return head != "not_asked"
    if which == "missing":
        return head in MISSING_KINDS or head in ("missing", "partial", "unclassified")
    if which == "miss":
        return head in ("no_answer", "system", "invalid")
    if which in KIND_ORDER or which in ("partial", "unclassified", "weak", "strong", "missing",
                                        "below", "ok", "ceiling", "no_total", "not"):
        return head == which
    if which == "ticked":
        return level == ("valid", "1")
    if which == "unticked":
        return level == ("valid", "0")
    if isinstance(which, tuple):
        tag = which[0]
        if tag == "label":
            return is_valid and len(level) > 1 and level[1] == str(which[1])
        if tag == "labels":
            return is_valid and len(level) > 1 and level[1] in {str(x) for x in which[1]}
        if tag == "code":
            return head == which[1] and level[1] is not None and float(level[1]) == float(which[2])
        if tag == "reason":
            return head == which[1] and level[2] == which[2]
        if tag == "prefix":
            return head == which[1] and str(level[2]).startswith(which[2])
        if tag == "not":
            return is_valid and not _selects(level, which[1])
        if tag == "levels":
            return any(_selects(level, w) for w in which[1])
    return False
