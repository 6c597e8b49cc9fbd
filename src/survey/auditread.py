"""The audit's reading of shared tables: each count named by what it counts (question,
answer, group), each share with its base and interval, each marker as a bound, written
as equations of :mod:`survey.auditsolve`."""


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

    def __init__(self, wave: str, codebook: Any, min_cell: int, system: _System) -> None:
        self.wave, self.cb, self.m, self.sys = wave, codebook, min_cell, system
        self.groups = _Groups(codebook)
        self.findings: list[Finding] = []
        self.file_of: dict[str, str] = {}

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


def _read_wave(folder: Path, wave: str, codebook: Any, min_cell: int, system: _System,
               ) -> tuple[list[Finding], dict[str, str]]:
    """Equations and findings of one wave's shared tables."""
    tables = {p.stem: (_read_csv(p), p) for p in sorted((folder / "tables").glob("*.csv"))}
    r = _Reader(wave, codebook, min_cell, system)
    atoms_all = range(len(r.groups.atoms))

    # the missing codes of each question, as the tables list them
    codes: dict[str, dict[str, set]] = {}
    for name in ("frequencies", "missing_reasons"):
        if name in tables:
            frame = tables[name][0]
            for _, row in frame.iterrows():
                kind = str(row.get("kind"))
                if kind in KINDS:
                    code = row.get("code")
                    code = "" if code is None or (isinstance(code, float) and
                                                  math.isnan(code)) else str(int(float(code)))
                    codes.setdefault(str(row["variable"]), {}).setdefault(kind, set()).add(code)

    def levels(u: str, which: str) -> list[str]:
        var = u.split(":", 1)[1]
        kinds = codes.get(var, {})
        valid = _levels_of(codebook, var)
        missing = [lvl for k in MISSING_KINDS for lvl in _kind_levels(k, kinds)]
        return {"valid": valid, "asked": valid + missing, "missing": missing,
                "miss": [lvl for k in MISSING_KINDS[1:] for lvl in _kind_levels(k, kinds)],
                "all": valid + missing + _kind_levels("not_asked", kinds)}.get(
            which, _kind_levels(which, kinds) if which in KINDS else [which])

    def universe(variable: str) -> str:
        var = codebook.variables.get(variable) if codebook is not None else None
        if var is not None and var.type in ("multi", "coded"):
            return f"s:{variable}"
        if codebook is not None and variable in codebook.scales:
            return f"sc:{variable}"
        return f"v:{variable}"

    everyone_levels: dict[str, list[str]] = {}

    def note(u: str, lv: list[str]) -> None:
        known = everyone_levels.setdefault(u, [])
        known += [x for x in lv if x not in known]

    # frequencies -------------------------------------------------------------------
    if "frequencies" in tables:
        frame, path = tables["frequencies"]
        file = f"{wave}/tables/{path.name}"
        for variable, block in frame.groupby("variable", sort=False):
            u = f"v:{variable}"
            rows = block.index.tolist()
            valid = levels(u, "valid")
            note(u, levels(u, "all"))
            cum: list[str] = []
            for i in rows:
                row = frame.iloc[i]
                kind = str(row["kind"])
                if kind == "valid":
                    lvl = [f"v:{row['value_label']}"]
                    cum = cum + lvl
                elif kind in ("dont_know", "no_answer") and not pd.isna(row.get("code")):
                    lvl = [f"m:{kind}:{int(float(row['code']))}"]
                else:
                    lvl = levels(u, kind)
                form = r.form(u, lvl, atoms_all)
                r.count("frequencies", file, frame, i, "n", u, form, kind != "valid")
                base = r.form(u, levels(u, "asked"), atoms_all)
                r.count("frequencies", file, frame, i, "base_n", u, base)
                r.share("frequencies", u, frame, i, "pct", form, base)
                if kind == "valid":
                    vform = r.form(u, valid, atoms_all)
                    r.share("frequencies", u, frame, i, "pct_valid", form, vform,
                            ci=("ci_low", "ci_high"))
                    r.share("frequencies", u, frame, i, "pct_valid_cum",
                            r.form(u, cum, atoms_all), vform)
                r.sys.target(r.part(u), form, f"{file}: {variable} {lvl[0]}", kind != "valid")

    # items -------------------------------------------------------------------------
    if "items" in tables:
        frame, path = tables["items"]
        file = f"{wave}/tables/{path.name}"
        for i in range(len(frame)):
            row = frame.iloc[i]
            variable = str(row["variable"])
            u = universe(variable)
            scale = u.startswith("sc:")
            if scale:
                valid, asked = ["v:"], ["v:", "m:scale"]
                note(u, asked)
            else:
                valid, asked = levels(u, "valid"), levels(u, "asked")
                note(u, levels(u, "all"))
            vform = r.form(u, valid, atoms_all)
            r.count("items", file, frame, i, "base_n", u, r.form(u, asked, atoms_all))
            n_valid = r.count("items", file, frame, i, "n_valid", u, vform)
            if not scale:
                r.count("items", file, frame, i, "n_dont_know", u,
                        r.form(u, levels(u, "dont_know"), atoms_all), True)
                r.count("items", file, frame, i, "n_missing", u,
                        r.form(u, levels(u, "miss"), atoms_all), True)
            else:
                r.count("items", file, frame, i, "n_missing", u,
                        r.form(u, ["m:scale"], atoms_all), True)
            col = codebook.columns.get(variable) if codebook is not None else None
            if col is not None and col.top_box:
                top = r.form(u, [f"v:{x}" for x in col.top_box_labels], atoms_all)
                r.count("items", file, frame, i, "n_top_box", u, top)
                r.share("items", u, frame, i, "top_box_pct", top, vform, n_valid,
                        ("top_box_ci_low", "top_box_ci_high"))
                rest = r.form(u, [v for v in valid if v[2:] not in col.top_box_labels],
                              atoms_all)
                r.sys.target(r.part(u), rest, f"{file}: {variable} not in the top box", False)
            mean = _num(row.get("mean"))
            if col is not None and col.keyed and not math.isnan(mean):
                form = {(wave, u, f"v:{label}", a): -float(code)
                        for code, label in col.keyed.items() for a in atoms_all}
                for c in vform:
                    form[c] = form.get(c, 0.0) + mean
                r.sys.equal(r.part(u), form, 0.0, "items")

    # missing values ----------------------------------------------------------------
    if "missingness" in tables:
        frame, path = tables["missingness"]
        file = f"{wave}/tables/{path.name}"
        for i in range(len(frame)):
            variable = str(frame["variable"].iloc[i])
            u = universe(variable)
            if u.startswith("s:"):
                valid = ["v:answered"]
            elif u.startswith("sc:"):
                continue
            else:
                valid = levels(u, "valid")
            kinds = codes.get(variable, {})
            miss = {k: _kind_levels(k, kinds) for k in KINDS}
            note(u, valid + [x for k in KINDS for x in miss[k]])
            for column, lv, nr in (
                    ("not_asked", miss["not_asked"], True),
                    ("n_base", valid + [x for k in MISSING_KINDS for x in miss[k]], False),
                    ("n_valid", valid, False), ("dont_know", miss["dont_know"], True),
                    ("no_answer", miss["no_answer"], True), ("system", miss["system"], True),
                    ("invalid", miss["invalid"], True),
                    ("n_missing", [x for k in MISSING_KINDS for x in miss[k]], True)):
                r.count("missingness", file, frame, i, column, u, r.form(u, lv, atoms_all), nr)
            r.share("missingness", u, frame, i, "pct_missing",
                    r.form(u, [x for k in MISSING_KINDS for x in miss[k]], atoms_all),
                    r.form(u, valid + [x for k in MISSING_KINDS for x in miss[k]], atoms_all))
    if "missing_reasons" in tables:
        frame, path = tables["missing_reasons"]
        file = f"{wave}/tables/{path.name}"
        for i in range(len(frame)):
            row = frame.iloc[i]
            u = universe(str(row["variable"]))
            kind = str(row["kind"])
            lv = ([f"m:{kind}:{int(float(row['code']))}"] if not pd.isna(row.get("code"))
                  else _kind_levels(kind, codes.get(str(row["variable"]), {})))
            r.count("missing_reasons", file, frame, i, "n", u, r.form(u, lv, atoms_all), True)

    # multiple response, coded answers ------------------------------------------------
    for name, key in (("multi_response", "option"), ("coded", "code")):
        if name not in tables:
            continue
        frame, path = tables[name]
        file = f"{wave}/tables/{path.name}"
        blocks: dict[tuple, list[int]] = {}
        for i in range(len(frame)):
            row = frame.iloc[i]
            blocks.setdefault((row["variable"], row["grouping"], row["group"]), []).append(i)
        for (variable, grouping, group), rows in blocks.items():
            atoms = r.groups.of(grouping, group)
            if atoms is None:
                continue
            ticks = []
            for i in rows:
                row = frame.iloc[i]
                option = (str(row[key]) if name == "multi_response"
                          else f"{variable}_{int(float(row[key]))}")
                u = f"o:{option}"
                note(u, ["v:1", "v:0", "m:partial", "m:set"])
                n_form = r.form(u, ["v:1"], atoms)
                base = r.form(u, ["v:1", "v:0", "m:partial"], atoms)
                r.count(name, file, frame, i, "n", u, n_form)
                base_value = r.count(name, file, frame, i, "base_n", u, base)
                r.share(name, u, frame, i, "pct_cases", n_form, base, base_value,
                        ("ci_low", "ci_high"))
                r.sys.target(r.part(u), r.form(u, ["v:0", "m:partial"], atoms),
                             f"{file}: {option} not ticked in {grouping}={group}", False)
                r.sys.target(r.part(u), n_form,
                             f"{file}: {option} ticked in {grouping}={group}", False)
                ticks.append((i, u, n_form))
            for i, u, n_form in ticks:  # share of responses: one question's options
                value = _num(frame["pct_responses"].iloc[i]) if "pct_responses" in \
                    frame.columns else math.nan
                if math.isnan(value):
                    continue
                known = [_num(frame["n"].iloc[j]) for j, uu, _ in ticks if uu != u]
                if all(math.isfinite(v) for v in known):  # then the count follows
                    total_others = sum(known)
                    form = {c: 100.0 - value for c in n_form}
                    r.sys.equal(r.part(u), form, value * total_others, name)

    # the sample and its groups ---------------------------------------------------------
    if "sample" in tables:
        frame, path = tables["sample"]
        file = f"{wave}/tables/{path.name}"
        for i in range(len(frame)):
            row = frame.iloc[i]
            if str(row.get("kind")) == "missing":
                atoms = r.groups.unknown(row["grouping"])
            else:
                atoms = r.groups.of(row["grouping"], row["group"])
            if atoms is None:
                continue
            r.count("sample", file, frame, i, "n", "pop", r.form("pop", ["all"], atoms))
            r.sys.target(r.part("pop"), r.form("pop", ["all"], atoms),
                         f"{file}: group {row['grouping']}={row['group']}", False)

    # splits --------------------------------------------------------------------------
    if "splits" in tables:
        frame, path = tables["splits"]
        file = f"{wave}/tables/{path.name}"
        for i in range(len(frame)):
            row = frame.iloc[i]
            atoms = r.groups.of(row["grouping"], row["group"])
            if atoms is None:
                continue
            u = f"sp:{row['split']}"
            note(u, ["weak", "strong", "none"])
            n = r.form(u, ["weak", "strong"], atoms)
            weak = r.form(u, ["weak"], atoms)
            base = r.count("splits", file, frame, i, "n", u, n)
            r.count("splits", file, frame, i, "n_weak", u, weak)
            r.share("splits", u, frame, i, "pct_weak", weak, n, base, ("ci_low", "ci_high"))
            r.sys.target(r.part(u), r.form(u, ["strong"], atoms),
                         f"{file}: strong in {row['grouping']}={row['group']}", False)

    # group comparisons ---------------------------------------------------------------
    if "group_comparisons" in tables:
        frame, path = tables["group_comparisons"]
        file = f"{wave}/tables/{path.name}"
        for i in range(len(frame)):
            row = frame.iloc[i]
            variable = str(row["variable"])
            if pd.isna(row.get("group_a")) or pd.isna(row.get("group_b")):
                continue
            col = codebook.columns.get(variable) if codebook is not None else None
            if codebook is not None and variable in codebook.splits:
                u, valid, event = f"sp:{variable}", ["weak", "strong"], ["weak"]
            elif col is not None and col.kind in ("option", "code"):
                u, valid, event = f"o:{variable}", ["v:1", "v:0"], ["v:1"]
            elif col is not None and col.kind == "variable":
                u = f"v:{variable}"
                valid = levels(u, "valid")
                event = [f"v:{col.groups[-1]}"] if col.level == "binary" else None
            else:
                continue
            sides = []
            for side in ("a", "b"):
                atoms = r.groups.of(row["grouping"], row[f"group_{side}"])
                if atoms is None:
                    break
                vform = r.form(u, valid, atoms)
                value = _num(row.get(f"n_{side}"))
                if math.isfinite(value):
                    if 1 <= value < min_cell:
                        r.findings.append(Finding(file, f"row {i + 2}, n_{side}", value,
                                                  "shown in the table"))
                    # the tests' numbers of valid answers take part in answers only
                    r.sys.equal(r.part(u), vform, value, "group_comparisons")
                sides.append((atoms, vform, value))
                if event is not None and str(row.get("center")) == "percent":
                    k = r.form(u, event, atoms)
                    r.share("group_comparisons", u, frame, i, f"center_{side}", k, vform)
                    r.sys.target(r.part(u), k, f"{file}: {variable} in group {side}", False)
                    r.sys.target(r.part(u), r.form(u, [v for v in valid if v not in event],
                                                   atoms),
                                 f"{file}: {variable} not in group {side}", False)
            if (event is not None and len(sides) == 2 and str(row.get("effect")) ==
                    "risk_difference" and math.isfinite(_num(row.get("effect_size")))
                    and all(math.isfinite(s[2]) and s[2] > 0 for s in sides)):
                (atoms_a, _, n_a), (atoms_b, _, n_b) = sides
                rd = _num(row.get("effect_size"))
                form = {c: n_b for c in r.form(u, event, atoms_a)}
                for c in r.form(u, event, atoms_b):
                    form[c] = form.get(c, 0.0) - n_a
                r.sys.equal(r.part(u), form, rd * n_a * n_b, "group_comparisons")

    # everyone is in one level of each question: N and the groups' sizes --------------
    pop_rows = [(form, value, src) for form, value, src in system.rows.get(r.part("pop"), [])]
    for u, lv in everyone_levels.items():
        for form, value, _src in pop_rows:
            atoms = {c[3] for c in form}
            system.equal(r.part(u), r.form(u, lv + (["m:set"] if u.startswith("o:") else []),
                                           atoms), value, "N")
    findings = list(r.findings)
    for part in list(system.targets):
        if part.startswith(f"{wave}:"):
            findings += _solve(system, part, r.file_of)
    return findings, r.file_of


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
