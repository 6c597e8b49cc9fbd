"""The audit's reading of one wave's shared tables, table by table.

Its one job: read back each ``tables/*.csv`` of a wave (frequencies, items, missing values
and their reasons, multiple response and coded answers, the sample, splits and group
comparisons) and register, through :class:`survey.auditread._Reader`, the equations,
bounds and targets its numbers imply; then solve each of the wave's questions with
:mod:`survey.auditsolve`. How a number becomes an equation (cells, groups, shares,
markers) is :mod:`survey.auditread`'s; :mod:`survey.audit` calls :func:`_read_wave`.

Notes
-----
Every reader takes the wave's reader, the table's name, its frame and the file name a
finding reports (``<wave>/tables/<name>.csv``); they run in the order of
:data:`_TABLES`, which is the order in which the equations are registered.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from .auditread import _kind_levels, _num, _read_csv, _Reader
from .auditsolve import Finding, _solve, _System
from .vocabulary import KINDS, MISSING_KINDS

# --------------------------------------------------------------------------- missing codes


def _missing_codes(tables: dict[str, tuple[pd.DataFrame, Path]]) -> dict[str, dict[str, set]]:
    """The missing codes of each question, as the tables list them."""
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
    return codes


# --------------------------------------------------------------------------- frequencies


def _frequencies(r: _Reader, name: str, frame: pd.DataFrame, file: str) -> None:
    """Each answer's count, its share of those asked and of the valid answers (with its
    interval), the cumulative share."""
    for variable, block in frame.groupby("variable", sort=False):
        u = f"v:{variable}"
        valid = r.levels(u, "valid")
        r.note(u, r.levels(u, "all"))
        cum: list[str] = []
        for i in block.index.tolist():
            row = frame.iloc[i]
            kind = str(row["kind"])
            if kind == "valid":
                lvl = [f"v:{row['value_label']}"]
                cum = cum + lvl
            elif kind in ("dont_know", "no_answer") and not pd.isna(row.get("code")):
                lvl = [f"m:{kind}:{int(float(row['code']))}"]
            else:
                lvl = r.levels(u, kind)
            form = _frequency_row(r, frame, file, i, u, kind, lvl, valid, cum)
            r.sys.target(r.part(u), form, f"{file}: {variable} {lvl[0]}", kind != "valid")


def _frequency_row(r: _Reader, frame: pd.DataFrame, file: str, i: int, u: str, kind: str,
                   lvl: list[str], valid: list[str], cum: list[str]) -> dict:
    """The counts and shares of one row of the frequency table; the row's count."""
    form = r.form(u, lvl, r.all_atoms)
    r.count("frequencies", file, frame, i, "n", u, form, kind != "valid")
    base = r.form(u, r.levels(u, "asked"), r.all_atoms)
    r.count("frequencies", file, frame, i, "base_n", u, base)
    r.share("frequencies", u, frame, i, "pct", form, base)
    if kind == "valid":
        vform = r.form(u, valid, r.all_atoms)
        r.share("frequencies", u, frame, i, "pct_valid", form, vform,
                ci=("ci_low", "ci_high"))
        r.share("frequencies", u, frame, i, "pct_valid_cum",
                r.form(u, cum, r.all_atoms), vform)
    return form


# --------------------------------------------------------------------------- items


def _items(r: _Reader, name: str, frame: pd.DataFrame, file: str) -> None:
    """Per item (or scale): those asked, the valid and missing answers, the top box and a
    keyed item's mean."""
    for i in range(len(frame)):
        row = frame.iloc[i]
        variable = str(row["variable"])
        u = r.universe(variable)
        scale = u.startswith("sc:")
        if scale:
            valid, asked = ["v:"], ["v:", "m:scale"]
            r.note(u, asked)
        else:
            valid, asked = r.levels(u, "valid"), r.levels(u, "asked")
            r.note(u, r.levels(u, "all"))
        vform = r.form(u, valid, r.all_atoms)
        r.count("items", file, frame, i, "base_n", u, r.form(u, asked, r.all_atoms))
        n_valid = r.count("items", file, frame, i, "n_valid", u, vform)
        if not scale:
            r.count("items", file, frame, i, "n_dont_know", u,
                    r.form(u, r.levels(u, "dont_know"), r.all_atoms), True)
            r.count("items", file, frame, i, "n_missing", u,
                    r.form(u, r.levels(u, "miss"), r.all_atoms), True)
        else:
            r.count("items", file, frame, i, "n_missing", u,
                    r.form(u, ["m:scale"], r.all_atoms), True)
        col = r.cb.columns.get(variable) if r.cb is not None else None
        if col is not None and col.top_box:
            _top_box(r, frame, file, i, u, col, valid, vform, n_valid)
        mean = _num(row.get("mean"))
        if col is not None and col.keyed and not math.isnan(mean):
            _keyed_mean(r, u, col, mean, vform)


def _top_box(r: _Reader, frame: pd.DataFrame, file: str, i: int, u: str, col: Any,
             valid: list[str], vform: dict, n_valid: float) -> None:
    """An item's top box: its count and share, and the rest of the valid answers."""
    top = r.form(u, [f"v:{x}" for x in col.top_box_labels], r.all_atoms)
    r.count("items", file, frame, i, "n_top_box", u, top)
    r.share("items", u, frame, i, "top_box_pct", top, vform, n_valid,
            ("top_box_ci_low", "top_box_ci_high"))
    rest = r.form(u, [v for v in valid if v[2:] not in col.top_box_labels], r.all_atoms)
    variable = str(frame["variable"].iloc[i])
    r.sys.target(r.part(u), rest, f"{file}: {variable} not in the top box", False)


def _keyed_mean(r: _Reader, u: str, col: Any, mean: float, vform: dict) -> None:
    """A keyed item's mean: ``Σ code · count − mean · valid = 0``."""
    form = {(r.wave, u, f"v:{label}", a): -float(code)
            for code, label in col.keyed.items() for a in r.all_atoms}
    for c in vform:
        form[c] = form.get(c, 0.0) + mean
    r.sys.equal(r.part(u), form, 0.0, "items")


# --------------------------------------------------------------------------- missing values


def _missingness(r: _Reader, name: str, frame: pd.DataFrame, file: str) -> None:
    """Per question: not asked, asked, valid, each kind of missing answer, their sum and
    its share."""
    for i in range(len(frame)):
        variable = str(frame["variable"].iloc[i])
        u = r.universe(variable)
        if u.startswith("s:"):
            valid = ["v:answered"]
        elif u.startswith("sc:"):
            continue
        else:
            valid = r.levels(u, "valid")
        kinds = r.codes.get(variable, {})
        miss = {k: _kind_levels(k, kinds) for k in KINDS}
        missing = [x for k in MISSING_KINDS for x in miss[k]]
        r.note(u, valid + [x for k in KINDS for x in miss[k]])
        for column, lv, nr in (
                ("not_asked", miss["not_asked"], True), ("n_base", valid + missing, False),
                ("n_valid", valid, False), ("dont_know", miss["dont_know"], True),
                ("no_answer", miss["no_answer"], True), ("system", miss["system"], True),
                ("invalid", miss["invalid"], True), ("n_missing", missing, True)):
            r.count("missingness", file, frame, i, column, u, r.form(u, lv, r.all_atoms), nr)
        r.share("missingness", u, frame, i, "pct_missing", r.form(u, missing, r.all_atoms),
                r.form(u, valid + missing, r.all_atoms))


def _missing_reasons(r: _Reader, name: str, frame: pd.DataFrame, file: str) -> None:
    """The count of each reason (code) of a missing answer."""
    for i in range(len(frame)):
        row = frame.iloc[i]
        u = r.universe(str(row["variable"]))
        kind = str(row["kind"])
        lv = ([f"m:{kind}:{int(float(row['code']))}"] if not pd.isna(row.get("code"))
              else _kind_levels(kind, r.codes.get(str(row["variable"]), {})))
        r.count("missing_reasons", file, frame, i, "n", u, r.form(u, lv, r.all_atoms), True)


# --------------------------------------------------------------------------- options


def _options(r: _Reader, name: str, frame: pd.DataFrame, file: str) -> None:
    """Multiple response (``multi_response``) or coded answers (``coded``): per question
    and group, each option's count, base and shares."""
    blocks: dict[tuple, list[int]] = {}
    for i in range(len(frame)):
        row = frame.iloc[i]
        blocks.setdefault((row["variable"], row["grouping"], row["group"]), []).append(i)
    for (variable, grouping, group), rows in blocks.items():
        atoms = r.groups.of(grouping, group)
        if atoms is None:
            continue
        ticks = [_option_row(r, name, frame, file, i, variable, f"{grouping}={group}", atoms)
                 for i in rows]
        _responses_share(r, name, frame, ticks)


def _option_row(r: _Reader, name: str, frame: pd.DataFrame, file: str, i: int,
                variable: Any, where: str, atoms: frozenset[int]) -> tuple[int, str, dict]:
    """One option in one group: ticked, its base and share; row, question, ticked form."""
    row = frame.iloc[i]
    key = "option" if name == "multi_response" else "code"
    option = (str(row[key]) if name == "multi_response"
              else f"{variable}_{int(float(row[key]))}")
    u = f"o:{option}"
    r.note(u, ["v:1", "v:0", "m:partial", "m:set"])
    n_form = r.form(u, ["v:1"], atoms)
    base = r.form(u, ["v:1", "v:0", "m:partial"], atoms)
    r.count(name, file, frame, i, "n", u, n_form)
    base_value = r.count(name, file, frame, i, "base_n", u, base)
    r.share(name, u, frame, i, "pct_cases", n_form, base, base_value, ("ci_low", "ci_high"))
    r.sys.target(r.part(u), r.form(u, ["v:0", "m:partial"], atoms),
                 f"{file}: {option} not ticked in {where}", False)
    r.sys.target(r.part(u), n_form, f"{file}: {option} ticked in {where}", False)
    return i, u, n_form


def _responses_share(r: _Reader, name: str, frame: pd.DataFrame,
                     ticks: list[tuple[int, str, dict]]) -> None:
    """The share of responses: with the other options' counts shown, an option's count
    follows."""
    for i, u, n_form in ticks:
        value = _num(frame["pct_responses"].iloc[i]) if "pct_responses" in \
            frame.columns else math.nan
        if math.isnan(value):
            continue
        known = [_num(frame["n"].iloc[j]) for j, uu, _ in ticks if uu != u]
        if all(math.isfinite(v) for v in known):  # then the count follows
            total_others = sum(known)
            form = {c: 100.0 - value for c in n_form}
            r.sys.equal(r.part(u), form, value * total_others, name)


# --------------------------------------------------------------------------- sample, splits


def _sample(r: _Reader, name: str, frame: pd.DataFrame, file: str) -> None:
    """The size of each group (and of those whose group is unknown)."""
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


def _splits(r: _Reader, name: str, frame: pd.DataFrame, file: str) -> None:
    """Per split and group: those split, the weak side and its share."""
    for i in range(len(frame)):
        row = frame.iloc[i]
        atoms = r.groups.of(row["grouping"], row["group"])
        if atoms is None:
            continue
        u = f"sp:{row['split']}"
        r.note(u, ["weak", "strong", "none"])
        n = r.form(u, ["weak", "strong"], atoms)
        weak = r.form(u, ["weak"], atoms)
        base = r.count("splits", file, frame, i, "n", u, n)
        r.count("splits", file, frame, i, "n_weak", u, weak)
        r.share("splits", u, frame, i, "pct_weak", weak, n, base, ("ci_low", "ci_high"))
        r.sys.target(r.part(u), r.form(u, ["strong"], atoms),
                     f"{file}: strong in {row['grouping']}={row['group']}", False)


# --------------------------------------------------------------------------- group comparisons


def _group_comparisons(r: _Reader, name: str, frame: pd.DataFrame, file: str) -> None:
    """Per test: each side's valid answers, a binary share per side and the risk
    difference."""
    for i in range(len(frame)):
        row = frame.iloc[i]
        variable = str(row["variable"])
        if pd.isna(row.get("group_a")) or pd.isna(row.get("group_b")):
            continue
        compared = _compared(r, variable)
        if compared is None:
            continue
        u, valid, event = compared
        sides = []
        for side in ("a", "b"):
            atoms = r.groups.of(row["grouping"], row[f"group_{side}"])
            if atoms is None:
                break
            sides.append(_comparison_side(r, frame, file, i, side, atoms, u, valid, event))
        if (event is not None and len(sides) == 2 and str(row.get("effect")) ==
                "risk_difference" and math.isfinite(_num(row.get("effect_size")))
                and all(math.isfinite(s[2]) and s[2] > 0 for s in sides)):
            _risk_difference(r, u, event, sides, _num(row.get("effect_size")))


def _compared(r: _Reader, variable: str) -> tuple[str, list[str], list[str] | None] | None:
    """The question a comparison tests, its valid levels and its event (None: not a
    share); None when the audit does not read it."""
    col = r.cb.columns.get(variable) if r.cb is not None else None
    if r.cb is not None and variable in r.cb.splits:
        return f"sp:{variable}", ["weak", "strong"], ["weak"]
    if col is not None and col.kind in ("option", "code"):
        return f"o:{variable}", ["v:1", "v:0"], ["v:1"]
    if col is not None and col.kind == "variable":
        u = f"v:{variable}"
        event = [f"v:{col.groups[-1]}"] if col.level == "binary" else None
        return u, r.levels(u, "valid"), event
    return None


def _comparison_side(r: _Reader, frame: pd.DataFrame, file: str, i: int, side: str,
                     atoms: frozenset[int], u: str, valid: list[str],
                     event: list[str] | None) -> tuple[frozenset[int], dict, float]:
    """One side of a comparison: its valid answers and, for a share, its event."""
    row = frame.iloc[i]
    vform = r.form(u, valid, atoms)
    value = _num(row.get(f"n_{side}"))
    if math.isfinite(value):
        if 1 <= value < r.m:
            r.findings.append(Finding(file, f"row {i + 2}, n_{side}", value,
                                      "shown in the table"))
        # the tests' numbers of valid answers take part in answers only
        r.sys.equal(r.part(u), vform, value, "group_comparisons")
    if event is not None and str(row.get("center")) == "percent":
        variable = str(row["variable"])
        k = r.form(u, event, atoms)
        r.share("group_comparisons", u, frame, i, f"center_{side}", k, vform)
        r.sys.target(r.part(u), k, f"{file}: {variable} in group {side}", False)
        r.sys.target(r.part(u), r.form(u, [v for v in valid if v not in event], atoms),
                     f"{file}: {variable} not in group {side}", False)
    return atoms, vform, value


def _risk_difference(r: _Reader, u: str, event: list[str],
                     sides: list[tuple[frozenset[int], dict, float]], rd: float) -> None:
    """``n_b · k_a − n_a · k_b = rd · n_a · n_b``."""
    (atoms_a, _, n_a), (atoms_b, _, n_b) = sides
    form = {c: n_b for c in r.form(u, event, atoms_a)}
    for c in r.form(u, event, atoms_b):
        form[c] = form.get(c, 0.0) - n_a
    r.sys.equal(r.part(u), form, rd * n_a * n_b, "group_comparisons")


# --------------------------------------------------------------------------- the wave

#: The tables read, in the order their equations are registered.
_TABLES: tuple[tuple[str, Callable[[_Reader, str, pd.DataFrame, str], None]], ...] = (
    ("frequencies", _frequencies), ("items", _items), ("missingness", _missingness),
    ("missing_reasons", _missing_reasons), ("multi_response", _options),
    ("coded", _options), ("sample", _sample), ("splits", _splits),
    ("group_comparisons", _group_comparisons))


def _everyone(r: _Reader) -> None:
    """Everyone is in one level of each question: N and the groups' sizes."""
    pop_rows = [(form, value, src) for form, value, src in r.sys.rows.get(r.part("pop"), [])]
    for u, lv in r.everyone.items():
        for form, value, _src in pop_rows:
            atoms = {c[3] for c in form}
            r.sys.equal(r.part(u), r.form(u, lv + (["m:set"] if u.startswith("o:") else []),
                                          atoms), value, "N")


def _read_wave(folder: Path, wave: str, codebook: Any, min_cell: int, system: _System,
               ) -> tuple[list[Finding], dict[str, str]]:
    """Equations and findings of one wave's shared tables."""
    tables = {p.stem: (_read_csv(p), p) for p in sorted((folder / "tables").glob("*.csv"))}
    r = _Reader(wave, codebook, min_cell, system, _missing_codes(tables))
    for name, read in _TABLES:
        if name in tables:
            frame, path = tables[name]
            read(r, name, frame, f"{wave}/tables/{path.name}")
    _everyone(r)
    findings = list(r.findings)
    for part in list(system.targets):
        if part.startswith(f"{wave}:"):
            findings += _solve(system, part, r.file_of)
    return findings, r.file_of
