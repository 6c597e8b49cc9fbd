"""Read the later sections of a codebook, those that refer to its variables.

One job: given the variables already read by :mod:`survey.codebookload`, read and
cross-check ``derived``, ``scales``, ``groupings``, ``hypotheses``, ``splits`` and
``session_ratings``, check that every clean column name is unique and that every
filter is a valid expression over known columns. Problems go to the shared
:class:`~survey.codebookcheck._Checker`.

Examples
--------
>>> from pathlib import Path
>>> chk = _Checker(Path("codebook.yml"))
>>> _splits(chk, {"weak": {"scales": "res", "below": 2.5}}, {}, {})
{}
>>> [str(p) for p in chk.problems]
["codebook.yml, key 'splits.weak.scales': 'res' is not a scale"]
"""

from __future__ import annotations

import ast
import keyword
import re
from pathlib import Path
from typing import Any

from .codebookcheck import _Checker
from .codebookmodel import (
    DIRECTIONS,
    Derived,
    Grouping,
    Hypothesis,
    Scale,
    SessionRatings,
    Split,
    Variable,
    column_index,
)

_SCALE_KEYS = {"label", "items", "min_items", "reverse", "section", "note"}
_DERIVED_KEYS = {"label", "from", "section"}
_GROUPING_KEYS = {"label", "variable", "variables"}
_HYP_KEYS = {"text", "x", "y", "direction", "label", "confirmatory", "caveat"}
_SPLIT_KEYS = {"label", "scales", "method", "below", "by", "seed"}
SPLIT_METHODS = ("cut", "mixture")
_RATING_KEYS = {"raw", "id", "date", "rater", "items", "range", "cutoff", "label", "sources",
                "rater_results"}
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _derived(chk: _Checker, value: Any, variables: dict[str, Variable],
             sections: dict[str, str]) -> dict[str, Derived]:
    out: dict[str, Derived] = {}
    for name, key, spec in chk.entries(value, "derived", _DERIVED_KEYS):
        sources = chk.names(spec.get("from"), f"{key}.from")
        ok = len(sources) >= 2
        if not ok:
            chk.add(f"{key}.from", "a derived cross needs at least two variables")
        for src in sources:
            var = variables.get(src)
            if var is None:
                chk.missing_ref(src, f"{key}.from", f"'{src}' is not a variable")
                ok = False
            elif not var.is_categorical:
                chk.add(f"{key}.from",
                        f"'{src}' is {var.type}; a cross needs categorical variables")
                ok = False
        section = chk.string(spec.get("section"), f"{key}.section")
        if ok:
            label = chk.string(spec.get("label"), f"{key}.label") or " × ".join(
                variables[s].label for s in sources)
            out[name] = Derived(name, label, sources, section)
    return out


def _scales(chk: _Checker, value: Any, variables: dict[str, Variable],
            sections: dict[str, str]) -> dict[str, Scale]:
    out: dict[str, Scale] = {}
    for name, key, spec in chk.entries(value, "scales", _SCALE_KEYS):
        items = chk.names(spec.get("items"), f"{key}.items")
        ok = bool(items)
        if not items:
            chk.add(f"{key}.items", "a scale needs items")
        if len(set(items)) != len(items):
            chk.add(f"{key}.items", "lists an item twice")
        for item in items:
            var = variables.get(item)
            if var is None:
                chk.missing_ref(item, f"{key}.items", f"'{item}' is not a variable")
                ok = False
            elif var.type not in ("ordinal", "numeric", "binary"):
                chk.add(f"{key}.items", f"'{item}' is {var.type}; scale items must be ordinal, "
                        "numeric or binary")
                ok = False
        reverse = chk.names(spec.get("reverse"), f"{key}.reverse") if "reverse" in spec else []
        for item in reverse:
            if item not in items:
                chk.add(f"{key}.reverse", f"'{item}' is not one of the scale's items")
                ok = False
            elif item in variables and variables[item].type != "ordinal":
                chk.add(f"{key}.reverse", f"'{item}' is not ordinal and cannot be reverse-keyed")
                ok = False
        min_items = len(items)
        if "min_items" in spec:
            n = chk.integer(spec.get("min_items"), f"{key}.min_items")
            if n is not None and not 1 <= n <= max(len(items), 1):
                chk.add(f"{key}.min_items", f"must be between 1 and the number of items "
                        f"({len(items)}), not {n}")
            elif n is not None:
                min_items = n
        section = chk.string(spec.get("section"), f"{key}.section")
        if section is not None and section not in sections:
            chk.add(f"{key}.section", f"section '{section}' is not defined under 'sections'")
        if ok:
            label = chk.string(spec.get("label"), f"{key}.label") or name
            out[name] = Scale(name, label, items, min_items, reverse, section)
        else:
            chk.invalid.add(name)
    return out


def _check_names(chk: _Checker, id_name: str, variables: dict[str, Variable],
                 derived: dict[str, Derived], scales: dict[str, Scale]) -> None:
    """Every clean column name must be unique: variables, options, codes, derived, scales."""
    owner: dict[str, str] = {id_name: "id"}
    sources: dict[str, str] = {}
    for var in variables.values():
        for col in var.columns:
            if col in owner:
                chk.add(f"variables.{var.name}", f"column name '{col}' is also used by "
                        f"{owner[col]}")
            owner[col] = f"variables.{var.name}"
        for src in var.sources:
            if src in sources:
                chk.add(f"variables.{var.name}.source", f"raw column '{src}' is also read by "
                        f"{sources[src]}")
            sources[src] = f"variables.{var.name}"
    for group, names in (("derived", derived), ("scales", scales)):
        for name in names:
            if name in owner:
                chk.add(f"{group}.{name}", f"name '{name}' is also used by {owner[name]}")
            owner[name] = f"{group}.{name}"


def _groupings(chk: _Checker, value: Any, variables: dict[str, Variable],
               derived: dict[str, Derived]) -> dict[str, Grouping]:
    out: dict[str, Grouping] = {}
    for name, key, spec in chk.entries(value, "groupings", _GROUPING_KEYS):
        if ("variable" in spec) == ("variables" in spec):
            chk.add(key, "needs exactly one of 'variable' or 'variables'")
            continue
        names = chk.names(spec.get("variable", spec.get("variables")), key)
        ok = bool(names)
        for var_name in names:
            var = variables.get(var_name)
            if var is None and var_name not in derived:
                chk.missing_ref(var_name, key, f"'{var_name}' is not a variable")
                ok = False
            elif var is not None and not var.is_categorical:
                chk.add(key, f"'{var_name}' is {var.type}; groups need a categorical variable")
                ok = False
        if ok:
            label = chk.string(spec.get("label"), f"{key}.label") or " × ".join(
                variables[n].label if n in variables else derived[n].label for n in names)
            out[name] = Grouping(name, label, names)
        else:
            chk.invalid.add(name)
    return out


def _hypotheses(chk: _Checker, value: Any, variables: dict[str, Variable],
                derived: dict[str, Derived], scales: dict[str, Scale]) -> dict[str, Hypothesis]:
    out: dict[str, Hypothesis] = {}
    known = column_index(variables, derived, scales)
    for name, key, spec in chk.entries(value, "hypotheses", _HYP_KEYS):
        x = chk.string(spec.get("x"), f"{key}.x", required=True)
        ys = chk.names(spec.get("y"), f"{key}.y") if "y" in spec else []
        if "y" not in spec:
            chk.add(f"{key}.y", "is required")
        ok = x is not None and bool(ys)
        for ref, refkey in [(x, f"{key}.x")] + [(y, f"{key}.y") for y in ys]:
            if ref is not None and ref not in known:
                chk.missing_ref(ref, refkey, f"'{ref}' is not a variable or scale")
                ok = False
        direction = spec.get("direction") or "two-sided"
        if direction not in DIRECTIONS:
            chk.add(f"{key}.direction", f"unknown direction '{direction}' "
                    f"(allowed: {', '.join(DIRECTIONS)})")
            ok = False
        confirmatory = chk.boolean(spec.get("confirmatory"), f"{key}.confirmatory")
        caveat = chk.string(spec.get("caveat"), f"{key}.caveat")
        if ok:
            text = chk.string(spec.get("text"), f"{key}.text") or name
            out[name] = Hypothesis(name, text, x, ys, direction, confirmatory, caveat)
    return out


def _splits(chk: _Checker, value: Any, scales: dict[str, Scale],
            groupings: dict[str, Grouping]) -> dict[str, Split]:
    out: dict[str, Split] = {}
    for name, key, spec in chk.entries(value, "splits", _SPLIT_KEYS):
        names = chk.names(spec.get("scales"), f"{key}.scales") if "scales" in spec else []
        ok = bool(names)
        if not names:
            chk.add(f"{key}.scales", "a split needs the scales it is built from")
        for scale in names:
            if scale not in scales:
                chk.missing_ref(scale, f"{key}.scales", f"'{scale}' is not a scale")
                ok = False
        method = spec.get("method") or "cut"
        if method not in SPLIT_METHODS:
            chk.add(f"{key}.method", f"unknown method '{method}' "
                    f"(allowed: {', '.join(SPLIT_METHODS)})")
            ok = False
        below = None
        if "below" in spec:
            below = chk.number(spec.get("below"), f"{key}.below")
            ok = ok and below is not None
        elif method == "cut":
            chk.add(f"{key}.below", "a cut needs the value below which resources are weak")
            ok = False
        by = chk.names(spec.get("by"), f"{key}.by") if "by" in spec else []
        for grouping in by:
            if grouping not in groupings:
                chk.missing_ref(grouping, f"{key}.by", f"'{grouping}' is not a grouping")
                ok = False
        seed = chk.integer(spec["seed"], f"{key}.seed") if "seed" in spec else 20220110
        if ok:
            label = chk.string(spec.get("label"), f"{key}.label") or name
            out[name] = Split(name, label, names, method, below, by,
                              20220110 if seed is None else seed)
    return out


def _check_filters(chk: _Checker, variables: dict[str, Variable], id_name: str) -> None:
    columns: set[str] = set()
    for var in variables.values():
        columns.update(var.columns)
    for var in variables.values():
        if not var.filter:
            continue
        try:
            ast.parse(var.filter, mode="eval")
        except SyntaxError as exc:
            chk.add(f"variables.{var.name}.filter", f"'{var.filter}' is not a valid expression "
                    f"({exc.msg})")
            continue
        expr = re.sub(r"(\"[^\"]*\"|'[^']*')", "", var.filter)  # ignore string literals
        for ident in _IDENT.findall(expr):
            if keyword.iskeyword(ident) or ident in {"True", "False"}:
                continue
            if ident not in columns:
                chk.missing_ref(ident, f"variables.{var.name}.filter",
                                f"'{ident}' is not a variable or option column")
            elif ident in var.columns:
                chk.add(f"variables.{var.name}.filter", "a filter cannot refer to the variable "
                        "it filters")


def _session_ratings(chk: _Checker, value: Any, path: Path) -> SessionRatings | None:
    if value is None or value == "":
        return None
    key = "session_ratings"
    spec = chk.mapping(value, key)
    if not spec:
        return None
    chk.unknown_keys(spec, _RATING_KEYS, key)
    raw = chk.string(spec.get("raw"), f"{key}.raw", required=True)
    fields = {f: chk.string(spec.get(f), f"{key}.{f}", required=True) for f in ("id", "date",
                                                                                  "rater")}
    items = chk.mapping(spec.get("items"), f"{key}.items", required=True)
    for item, text in items.items():
        if not isinstance(text, str) or not text.strip():
            chk.add(f"{key}.items.{item}", "needs the statement's text")
    rng = spec.get("range")
    lo = hi = None
    if not isinstance(rng, list) or len(rng) != 2:
        chk.add(f"{key}.range", "must be a list [min, max]")
    else:
        lo, hi = chk.number(rng[0], f"{key}.range"), chk.number(rng[1], f"{key}.range")
        if lo is not None and hi is not None and lo > hi:
            chk.add(f"{key}.range", f"min {rng[0]} is larger than max {rng[1]}")
    cutoff = chk.number(spec["cutoff"], f"{key}.cutoff") if spec.get("cutoff") else None
    sources = {k: str(v) for k, v in chk.mapping(spec.get("sources"), f"{key}.sources").items()}
    rater_results = str(spec.get("rater_results") or "internal")
    if rater_results not in ("internal", "shared"):
        chk.add(f"{key}.rater_results", f"must be 'internal' or 'shared', not '{rater_results}'")
        rater_results = "internal"
    if raw is None or None in fields.values() or lo is None or hi is None:
        return None
    return SessionRatings(
        raw=(path.parent / raw).resolve(), id=fields["id"], date=fields["date"],
        rater=fields["rater"], items={k: str(v) for k, v in items.items()}, range=(lo, hi),
        cutoff=cutoff, label=str(spec.get("label") or "Session Rating Scale"), sources=sources,
        rater_results=rater_results,
    )
