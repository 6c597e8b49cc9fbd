"""The audit's reading of shared tables: each count named by what it counts (question,
answer, group), each share with its base and interval, each marker as a bound, written
as equations of :mod:`survey.auditsolve`.

Its one job is that grammar: the groups as sets of atoms (:class:`_Groups`), a question's
levels and the reader that turns a shown or withheld number into an equation, a bound or
a target (:class:`_Reader`), and the wave comparison's table. :mod:`survey.auditwave`
reads a wave's own tables with it, table by table.
"""


from __future__ import annotations

import itertools
import math
from collections.abc import Hashable, Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from .auditsolve import Finding, _solve, _System, wilson_count, wilson_pairs
from .vocabulary import KINDS, MISSING_KINDS

# --------------------------------------------------------------------------- reading


def _read_csv(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, keep_default_na=False, na_values=[""], dtype=str)
    return frame


def _num(x: Any) -> float:
    try:
        value = float(x)
    except (TypeError, ValueError):
        return math.nan
    return value


def _listed(x: Any) -> set[str]:
    if x is None or (isinstance(x, float) and math.isnan(x)) or not str(x).strip():
        return set()
    return set(str(x).split(";"))


# --------------------------------------------------------------------------- groups


class _Groups:
    """Groups as sets of atoms (combinations of the grouping variables' answers)."""

    def __init__(self, codebook: Any) -> None:
        self.cb = codebook
        names: list[str] = []
        self.levels: dict[str, list[str]] = {}
        for spec in (codebook.groupings.values() if codebook is not None else []):
            for var in spec.variables:
                sources = codebook.derived[var].sources if var in codebook.derived else [var]
                for s in sources:
                    if s not in names:
                        names.append(s)
                        self.levels[s] = list(codebook.column(s).groups)
        self.variables = names
        self.atoms = list(itertools.product(*[[*self.levels[v], None] for v in names])) \
            if names else [()]
        self._labels: dict[str, dict[str, frozenset[int]]] = {}
        for g, spec in (codebook.groupings.items() if codebook is not None else []):
            self._labels[g] = self._group_labels(g, spec)

    def _group_labels(self, name: str, spec: Any) -> dict[str, frozenset[int]]:
        from .compare import group_names  # how a comparison names the groups

        variables: list[str] = []
        for var in spec.variables:
            variables += self.cb.derived[var].sources if var in self.cb.derived else [var]
        combos = list(itertools.product(*[self.levels[v] for v in variables]))
        describe = ([str(lvl) for lvl in self.levels[variables[0]]] if len(spec.variables) == 1
                    and spec.variables[0] not in self.cb.derived else
                    [" / ".join(f"{self.cb.column(v).label}: {lvl}"
                                for v, lvl in zip(variables, combo, strict=True))
                     for combo in combos])
        named = group_names(self.cb, name)
        out: dict[str, frozenset[int]] = {}
        for i, combo in enumerate(combos):
            atoms = frozenset(j for j, atom in enumerate(self.atoms)
                              if all(atom[self.variables.index(v)] == lvl
                                     for v, lvl in zip(variables, combo, strict=True)))
            out[describe[i]] = atoms
            if i < len(named):
                out[named[i]] = atoms
        out["\0missing"] = frozenset(j for j, atom in enumerate(self.atoms)
                                     if any(atom[self.variables.index(v)] is None
                                            for v in variables))
        return out

    def of(self, grouping: Any, group: Any) -> frozenset[int] | None:
        if str(grouping) in ("total", "nan", "None", "") or str(group) == "total":
            return frozenset(range(len(self.atoms)))
        table = self._labels.get(str(grouping))
        if table is None:
            return None
        return table.get(str(group))

    def unknown(self, grouping: Any) -> frozenset[int] | None:
        """The atoms of respondents whose group is unknown."""
        table = self._labels.get(str(grouping))
        return None if table is None else table["\0missing"]


# --------------------------------------------------------------------------- the tables


class _Reader:
    """Turns the shared tables of one wave into equations (see the module docstring)."""

    def __init__(self, wave: str, codebook: Any, min_cell: int, system: _System,
                 codes: Mapping[str, Mapping[str, set]] | None = None) -> None:
        self.wave, self.cb, self.m, self.sys = wave, codebook, min_cell, system
        self.groups = _Groups(codebook)
        self.all_atoms = range(len(self.groups.atoms))
        #: question → kind of missing answer → its codes, as the tables list them
        self.codes: Mapping[str, Mapping[str, set]] = codes or {}
        #: question → every level a respondent can be in (see :meth:`note`)
        self.everyone: dict[str, list[str]] = {}
        self.findings: list[Finding] = []
        self.file_of: dict[str, str] = {}

    # the levels of a question ---------------------------------------------------------
    def levels(self, u: str, which: str) -> list[str]:
        """The levels of question ``u`` that ``which`` names: ``valid``, ``asked``,
        ``missing``, ``miss`` (missing but "don't know"), ``all``, a kind of missing
        answer, or one level."""
        var = u.split(":", 1)[1]
        kinds = self.codes.get(var, {})
        valid = _levels_of(self.cb, var)
        missing = [lvl for k in MISSING_KINDS for lvl in _kind_levels(k, kinds)]
        return {"valid": valid, "asked": valid + missing, "missing": missing,
                "miss": [lvl for k in MISSING_KINDS[1:] for lvl in _kind_levels(k, kinds)],
                "all": valid + missing + _kind_levels("not_asked", kinds)}.get(
            which, _kind_levels(which, kinds) if which in KINDS else [which])

    def universe(self, variable: str) -> str:
        """The question a table's ``variable`` counts in: a set of options (``s:``), a
        scale (``sc:``) or a variable (``v:``)."""
        var = self.cb.variables.get(variable) if self.cb is not None else None
        if var is not None and var.type in ("multi", "coded"):
            return f"s:{variable}"
        if self.cb is not None and variable in self.cb.scales:
            return f"sc:{variable}"
        return f"v:{variable}"

    def note(self, u: str, lv: list[str]) -> None:
        """Levels ``lv`` of question ``u`` that, with its other noted levels, take in
        everyone."""
        known = self.everyone.setdefault(u, [])
        known += [x for x in lv if x not in known]

    # a count of question ``u``: answers ``levels`` in ``atoms`` ---------------------
    def form(self, u: str, levels: Iterable[Hashable], atoms: Iterable[int]) -> dict:
        return {(self.wave, u, lvl, a): 1.0 for lvl in levels for a in atoms}

    def part(self, u: str) -> str:
        return f"{self.wave}:{u}"

    def shown(self, table: str, file: str, row: int, column: str, value: float,
              u: str, form: dict, *, kind: str = "answer") -> None:
        """A shown count: a finding when small, else an equation."""
        if 1 <= value < self.m:
            self.findings.append(Finding(file, f"row {row + 2}, {column}", value,
                                         "shown in the table"))
        part = self.part(u)
        self.file_of.setdefault(part, file)
        self.sys.equal(part, form, value, table)

    def withheld(self, file: str, row: int, column: str, u: str, form: dict, small: bool,
                 nonresponse: bool = False) -> None:
        part = self.part(u)
        self.file_of.setdefault(part, file)
        if small:
            self.sys.bound(part, form, 1, self.m - 1)
        self.sys.target(part, form, f"row {row + 2}, {column} ({u})", nonresponse)

    def count(self, table: str, file: str, frame: pd.DataFrame, i: int, column: str, u: str,
              form: dict, nonresponse: bool = False) -> float:
        """A count column of row ``i``: shown (equation) or withheld (target)."""
        if column not in frame.columns or not form:
            return math.nan
        value = _num(frame[column].iloc[i])
        if math.isnan(value):
            if column in _listed(frame.get("suppressed", pd.Series([""] * len(frame))).iloc[i]):
                small = column in _listed(frame.get(
                    "suppressed_small", pd.Series([""] * len(frame))).iloc[i])
                self.withheld(file, i, column, u, form, small, nonresponse)
            return math.nan
        self.shown(table, file, i, column, value, u, form)
        return value

    def share(self, table: str, u: str, frame: pd.DataFrame, i: int, column: str,
              num: dict, den: dict, den_value: float = math.nan,
              ci: tuple[str, str] | None = None) -> None:
        """A shown percentage: ``100 · num − share · den = 0``; a shown interval with a
        shown base gives the count it was computed from."""
        value = _num(frame[column].iloc[i]) if column in frame.columns else math.nan
        part = self.part(u)
        if not math.isnan(value):
            form = {c: 100.0 * w for c, w in num.items()}
            for c, w in den.items():
                form[c] = form.get(c, 0.0) - value * w
            self.sys.equal(part, form, 0.0, table)
        elif ci is not None and all(c in frame.columns for c in ci):
            low, high = _num(frame[ci[0]].iloc[i]), _num(frame[ci[1]].iloc[i])
            if math.isfinite(den_value):
                k = wilson_count(low, high, int(den_value))
                pairs = [] if k is None else [(k, int(den_value))]
            else:  # the base withheld too: every base up to the question's total
                most = max((_num(frame[c].iloc[i]) for c in ("base_n", "n_base", "n")
                            if c in frame.columns), default=math.nan)
                pairs = wilson_pairs(low, high, int(most)) if math.isfinite(most) else []
            if len(pairs) == 1:
                self.sys.equal(part, num, float(pairs[0][0]), table)
                self.sys.equal(part, den, float(pairs[0][1]), table)
            elif pairs and len({k for k, _ in pairs}) == 1 and 1 <= pairs[0][0] < self.m:
                self.findings.append(Finding(self.file_of.get(part, table),
                                             f"row {i + 2}, {ci[0]}–{ci[1]}", pairs[0][0],
                                             "a confidence interval"))


def _levels_of(cb: Any, name: str) -> list[str]:
    col = cb.columns.get(name) if cb is not None else None
    return [f"v:{x}" for x in (col.levels.values() if col is not None and col.levels else [""])]


def _kind_levels(kind: str, codes: Mapping[str, set]) -> list[str]:
    return [f"m:{kind}:{c}" for c in sorted(codes.get(kind, {""}))]


def _wave_comparison(folder: Path, compared: Mapping[str, tuple[Path, Any]], min_cell: int,
                     system: _System) -> list[Finding]:
    """The wave comparison's shares: the same cells as the waves' own tables."""
    frame = _read_csv(folder / "tables" / "wave_comparison.csv")
    file = f"{folder.name}/tables/wave_comparison.csv"
    found: list[Finding] = []
    touched: set[str] = set()
    for i in range(len(frame)):
        row = frame.iloc[i]
        paired = str(row.get("paired")).lower() == "true"
        for side in ("a", "b"):
            k, n = _num(row.get(f"k_{side}")), _num(row.get(f"n_{side}"))
            pct = _num(row.get(f"pct_{side}"))
            if math.isnan(k) and math.isfinite(pct) and math.isfinite(n):
                k = round(pct * n / 100)
            for value, what in ((k, f"k_{side}"), (n - k, f"n_{side} − k_{side}"),
                                (n, f"n_{side}")):
                if 1 <= value < min_cell:
                    found.append(Finding(file, f"row {i + 2}, {what}", value,
                                         "shown or a share times its base"))
            wave = str(row.get(f"wave_{side}"))
            if paired or wave not in compared or not math.isfinite(k):
                continue
            cb = compared[wave][1]
            variable = str(row["variable"])
            own = variable
            col = cb.columns.get(own) if cb is not None else None
            if col is None:
                continue
            if col.kind in ("option", "code"):
                u, event = f"o:{own}", ["v:1"]
            elif col.level == "ordinal" and col.top_box:
                u, event = f"v:{own}", [f"v:{x}" for x in col.top_box_labels]
            else:
                u, event = f"v:{own}", [f"v:{col.groups[-1]}"]
            form = {(wave, u, lvl, a): 1.0 for lvl in event
                    for a in range(len(_Groups(cb).atoms))}
            system.equal(f"{wave}:{u}", form, k, "wave_comparison")
            touched.add(f"{wave}:{u}")
    for part in sorted(touched):
        found += [f for f in _solve(system, part, {}) if f not in found]
    return found
