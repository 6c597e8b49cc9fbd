"""Load and validate ``codebook.yml`` (docs/codebook.md) into the model of
:mod:`survey.codebookmodel`, collecting every problem at once."""

from __future__ import annotations

import ast
import keyword
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .codebookmodel import (
    CATEGORICAL_TYPES,
    DIRECTIONS,
    TYPES,
    Codebook,
    Derived,
    Grouping,
    Hypothesis,
    MissingCode,
    Scale,
    SessionRatings,
    Split,
    Variable,
    column_index,
    missing_kind,
)
from .errors import CodebookError, ProblemList
from .vocabulary import CODE_KINDS, truth
from .yamlload import read_yaml

_TOP_KEYS = {
    "instrument", "title", "language", "id", "missing", "answer_sets", "sections",
    "variables", "derived", "scales", "groupings", "hypotheses", "splits", "session_ratings",
}
_VAR_KEYS = {
    "label", "type", "answers", "source", "section", "reverse", "range", "integer",
    "options", "codes", "filter", "max_choices", "levels", "missing", "top_box", "format",
    "note",
}
_SET_KEYS = {"type", "levels", "missing", "top_box", "label"}
_SCALE_KEYS = {"label", "items", "min_items", "reverse", "section", "note"}
_DERIVED_KEYS = {"label", "from", "section"}
_GROUPING_KEYS = {"label", "variable", "variables"}
_HYP_KEYS = {"text", "x", "y", "direction", "label", "confirmatory", "caveat"}
_SPLIT_KEYS = {"label", "scales", "method", "below", "by", "seed"}
SPLIT_METHODS = ("cut", "mixture")
_RATING_KEYS = {"raw", "id", "date", "rater", "items", "range", "cutoff", "label", "sources",
                "rater_results"}
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


# -- loading ------------------------------------------------------------------------------


class _Checker:
    """Collects problems while the codebook is converted."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[CodebookError] = []
        # names whose own definition failed (already reported): references to them are
        # not reported again, so that one mistake gives one message
        self.invalid: set[str] = set()
        self.invalid_sets: set[str] = set()

    def entries(self, value: Any, section: str, allowed: set[str]
                ) -> Iterator[tuple[str, str, dict]]:
        """The entries of a codebook block as ``(name, key, spec)``: each must be a
        mapping (else reported and skipped) and unknown keys are reported."""
        for name, spec in self.mapping(value, section).items():
            key = f"{section}.{name}"
            spec = self.mapping(spec, key, required=True)
            if not spec:
                continue
            self.unknown_keys(spec, allowed, key)
            yield name, key, spec

    def missing_ref(self, name: str, key: str, problem: str) -> None:
        """Report a reference to an undefined name, unless the name's own (failed)
        definition was reported already."""
        if name not in self.invalid:
            self.add(key, problem)

    def add(self, key: str, problem: str) -> None:
        self.problems.append(CodebookError(problem, file=self.path, key=key))

    def mapping(self, value: Any, key: str, *, required: bool = False) -> dict:
        if value is None or value == "":
            if required:
                self.add(key, "is required")
            return {}
        if not isinstance(value, dict):
            self.add(key, f"must be a mapping, not {_kind(value)}")
            return {}
        return value

    def string(self, value: Any, key: str, *, required: bool = False) -> str | None:
        if value is None or value == "":
            if required:
                self.add(key, "is required")
            return None
        if not isinstance(value, str):
            self.add(key, f"must be a text, not {_kind(value)}")
            return None
        return value

    def names(self, value: Any, key: str) -> list[str]:
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.add(key, "must be a name or a list of names")
            return []
        return list(value)

    def integer(self, value: Any, key: str) -> int | None:
        try:
            return _to_int(value)
        except ValueError:
            self.add(key, f"'{value}' is not an integer")
            return None

    def number(self, value: Any, key: str) -> float | None:
        try:
            number = float(str(value).replace(",", "."))
        except ValueError:
            self.add(key, f"'{value}' is not a number")
            return None
        if not math.isfinite(number):
            self.add(key, f"'{value}' is not a finite number")
            return None
        return number

    def boolean(self, value: Any, key: str) -> bool:
        if value is None or value == "":
            return False
        flag = truth(value)
        if flag is None:
            self.add(key, f"'{value}' is not true or false")
            return False
        return flag

    def unknown_keys(self, entry: dict, allowed: set[str], key: str) -> None:
        for unknown in sorted(set(entry) - allowed):
            self.add(f"{key}.{unknown}", f"unknown key (allowed: {', '.join(sorted(allowed))})")

    def labels(self, value: Any, key: str) -> dict[int, str]:
        out: dict[int, str] = {}
        for code, label in self.mapping(value, key).items():
            code_int = self.integer(code, f"{key}.{code}")
            if code_int is None:
                continue
            if not isinstance(label, str) or not label.strip():
                self.add(f"{key}.{code}", "needs a non-empty label")
                continue
            if code_int in out:
                self.add(f"{key}.{code}", f"code {code_int} is defined twice")
                continue
            out[code_int] = label
        seen: dict[str, int] = {}
        for code_int, label in out.items():
            if label in seen:
                self.add(f"{key}.{code_int}", f"label '{label}' is used for codes {seen[label]} "
                         f"and {code_int}")
            seen[label] = code_int
        return out

    def missing_codes(self, value: Any, key: str) -> dict[int, MissingCode]:
        out: dict[int, MissingCode] = {}
        for code, spec in self.mapping(value, key).items():
            code_int = self.integer(code, f"{key}.{code}")
            if code_int is None:
                continue
            if isinstance(spec, dict):
                self.unknown_keys(spec, {"label", "kind"}, f"{key}.{code}")
                label = self.string(spec.get("label"), f"{key}.{code}.label", required=True) or ""
                kind = spec.get("kind") or missing_kind(label)
                if kind not in CODE_KINDS:
                    self.add(f"{key}.{code}.kind",
                             f"unknown kind '{kind}' (allowed: {', '.join(CODE_KINDS)})")
                    kind = "no_answer"
            elif isinstance(spec, str) and spec.strip():
                label, kind = spec, missing_kind(spec)
            else:
                self.add(f"{key}.{code}", "needs a label")
                continue
            out[code_int] = MissingCode(code_int, label, kind)
        return out


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "a text"}.get(type(value), type(value).__name__)


def _to_int(value: Any) -> int:
    text = str(value).strip()
    if not re.fullmatch(r"[+-]?\d+", text):
        raise ValueError(text)
    return int(text)


def load_codebook(path: str | Path) -> Codebook:
    """Read and validate a codebook.

    Parameters
    ----------
    path : str or Path
        The ``codebook.yml``.

    Returns
    -------
    Codebook

    Raises
    ------
    ProblemList
        Of :class:`~survey.errors.CodebookError`, every problem found, each naming the
        file, the key and what is wrong.
    """
    path = Path(path)
    try:
        doc, duplicates = read_yaml(path, CodebookError)
    except CodebookError as exc:
        raise ProblemList([exc], what="codebook problems") from None
    chk = _Checker(path)
    for key, line in duplicates:
        chk.add(str(key), f"line {line}: defined twice (names must be unique)")
    if not isinstance(doc, dict):
        chk.add("(top)", "a codebook must be a mapping with 'variables:'")
        raise ProblemList(chk.problems, what="codebook problems")
    chk.unknown_keys(doc, _TOP_KEYS, "(top)")

    instrument = chk.string(doc.get("instrument"), "instrument") or path.parent.name
    title = chk.string(doc.get("title"), "title") or instrument
    language = chk.string(doc.get("language"), "language") or "de"
    id_name = chk.string(doc.get("id"), "id", required=True) or "id"
    global_missing = chk.missing_codes(doc.get("missing"), "missing")
    sections = {
        k: v for k, v in chk.mapping(doc.get("sections"), "sections").items()
        if chk.string(v, f"sections.{k}", required=True)
    }
    answer_sets = _answer_sets(chk, doc.get("answer_sets"))
    variables = _variables(chk, doc.get("variables"), answer_sets, global_missing, sections)

    id_source = id_name
    if id_name in variables:
        id_var = variables.pop(id_name)
        if id_var.type != "text":
            chk.add(f"variables.{id_name}.type", "the id column must be of type text")
        id_source = id_var.source

    derived = _derived(chk, doc.get("derived"), variables, sections)
    scales = _scales(chk, doc.get("scales"), variables, sections)
    _check_names(chk, id_name, variables, derived, scales)
    groupings = _groupings(chk, doc.get("groupings"), variables, derived)
    hypotheses = _hypotheses(chk, doc.get("hypotheses"), variables, derived, scales)
    splits = _splits(chk, doc.get("splits"), scales, groupings)
    _check_filters(chk, variables, id_name)
    ratings = _session_ratings(chk, doc.get("session_ratings"), path)

    if chk.problems:
        raise ProblemList(chk.problems, what="codebook problems")
    return Codebook(
        path=path, instrument=instrument, title=title, language=language, id=id_name,
        id_source=id_source, missing=global_missing, sections=sections, variables=variables,
        derived=derived, scales=scales, groupings=groupings, hypotheses=hypotheses,
        splits=splits, session_ratings=ratings,
    )


def _answer_sets(chk: _Checker, value: Any) -> dict[str, dict]:
    sets: dict[str, dict] = {}
    for name, key, spec in chk.entries(value, "answer_sets", _SET_KEYS):
        kind = spec.get("type", "ordinal")
        if kind not in CATEGORICAL_TYPES:
            chk.add(f"{key}.type", f"unknown answer-set type '{kind}' "
                    f"(allowed: {', '.join(CATEGORICAL_TYPES)})")
            chk.invalid_sets.add(name)
            continue
        if "levels" not in spec:
            chk.add(f"{key}.levels", "is required")
        elif not spec["levels"]:
            chk.add(f"{key}.levels", "is empty")
        levels = chk.labels(spec.get("levels"), f"{key}.levels")
        sets[name] = {
            "type": kind,
            "levels": levels,
            "missing": chk.missing_codes(spec.get("missing"), f"{key}.missing"),
            "top_box": spec.get("top_box"),
            "key": key,
        }
    return sets


def _top_box(chk: _Checker, value: Any, levels: dict[int, str], key: str) -> list[int]:
    if value is None or value == "":
        return []
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        code = chk.integer(item, key)
        if code is None:
            continue
        if code not in levels:
            chk.add(key, f"code {code} is not one of the levels ({', '.join(map(str, levels))})")
            continue
        out.append(code)
    return out


def _variables(
    chk: _Checker,
    value: Any,
    answer_sets: dict[str, dict],
    global_missing: dict[int, MissingCode],
    sections: dict[str, str],
) -> dict[str, Variable]:
    variables: dict[str, Variable] = {}
    entries = chk.mapping(value, "variables", required=True)
    for name, spec in entries.items():
        key = f"variables.{name}"
        if not _NAME.match(name) or keyword.iskeyword(name):
            chk.add(key, "a variable name must be a Python-style identifier "
                    "(letters, digits, underscore; not starting with a digit)")
            continue
        if isinstance(spec, str):
            chk.add(key, "must be a mapping with at least 'answers' or 'type'")
            continue
        spec = chk.mapping(spec, key, required=True)
        if not spec:
            continue
        chk.unknown_keys(spec, _VAR_KEYS, key)
        var = _variable(chk, name, spec, key, answer_sets, global_missing, sections)
        if var is not None:
            variables[name] = var
        else:
            chk.invalid.add(name)
    return variables


def _variable(
    chk: _Checker,
    name: str,
    spec: dict,
    key: str,
    answer_sets: dict[str, dict],
    global_missing: dict[int, MissingCode],
    sections: dict[str, str],
) -> Variable | None:
    label = chk.string(spec.get("label"), f"{key}.label") or name
    source = chk.string(spec.get("source"), f"{key}.source") or name
    section = chk.string(spec.get("section"), f"{key}.section")
    if section is not None and section not in sections:
        chk.add(f"{key}.section", f"section '{section}' is not defined under 'sections'")
    answers = chk.string(spec.get("answers"), f"{key}.answers")
    kind = chk.string(spec.get("type"), f"{key}.type")
    var = Variable(name=name, label=label, type="text", source=source, section=section)
    var.missing = dict(global_missing)

    if answers is not None:
        if answers not in answer_sets:
            known = ", ".join(answer_sets) or "none defined"
            if answers not in chk.invalid_sets:
                chk.add(f"{key}.answers",
                        f"answer set '{answers}' is not defined (answer_sets: {known})")
            return None
        aset = answer_sets[answers]
        if kind is not None and kind != aset["type"]:
            chk.add(f"{key}.type", f"type '{kind}' contradicts answer set '{answers}' "
                    f"of type '{aset['type']}'")
        var.answers, var.type = answers, aset["type"]
        var.levels = dict(aset["levels"])
        var.missing.update(aset["missing"])
        var.top_box = _top_box(chk, aset["top_box"], var.levels, f"{aset['key']}.top_box")
    elif kind is None:
        chk.add(key, "needs 'answers' (an answer set) or 'type'")
        return None
    elif kind not in TYPES:
        chk.add(f"{key}.type", f"unknown type '{kind}' (allowed: {', '.join(sorted(TYPES))})")
        return None
    else:
        var.type = kind

    if "levels" in spec:
        if var.type not in CATEGORICAL_TYPES:
            chk.add(f"{key}.levels", f"levels are only for {', '.join(CATEGORICAL_TYPES)}")
        else:
            var.levels = chk.labels(spec.get("levels"), f"{key}.levels")
    if var.type in CATEGORICAL_TYPES and not var.levels and answers is None:
        chk.add(key, f"a {var.type} variable needs 'answers' or 'levels'")
    if var.type == "binary" and var.levels and len(var.levels) != 2:
        chk.add(key, f"a binary variable needs exactly 2 levels, not {len(var.levels)}")
    var.missing.update(chk.missing_codes(spec.get("missing"), f"{key}.missing"))
    for code in set(var.missing) & set(var.levels):
        chk.add(f"{key}.missing", f"code {code} is both a valid level and a missing code")
    if "top_box" in spec:
        var.top_box = _top_box(chk, spec.get("top_box"), var.levels, f"{key}.top_box")

    var.reverse = chk.boolean(spec.get("reverse"), f"{key}.reverse")
    if var.reverse and var.type not in ("ordinal",):
        chk.add(f"{key}.reverse", f"only ordinal variables can be reverse-keyed, not {var.type}")
        var.reverse = False

    if "range" in spec:
        rng = spec.get("range")
        if var.type != "numeric":
            chk.add(f"{key}.range", "a range is only for numeric variables "
                    "(categorical ones are checked against their levels)")
        elif not isinstance(rng, list) or len(rng) != 2:
            chk.add(f"{key}.range", "must be a list [min, max]")
        else:
            lo, hi = chk.number(rng[0], f"{key}.range"), chk.number(rng[1], f"{key}.range")
            if lo is not None and hi is not None:
                if lo > hi:
                    chk.add(f"{key}.range", f"min {rng[0]} is larger than max {rng[1]}")
                var.range = (lo, hi)
    var.integer = chk.boolean(spec.get("integer"), f"{key}.integer")
    if var.integer and var.type != "numeric":
        chk.add(f"{key}.integer", "only numeric variables can be declared integer")
    var.date_format = chk.string(spec.get("format"), f"{key}.format")
    if var.date_format and var.type != "date":
        chk.add(f"{key}.format", "a format is only for date variables")

    if "options" in spec:
        if var.type != "multi":
            chk.add(f"{key}.options", "options are only for multi variables")
        else:
            _options(chk, var, spec.get("options"), f"{key}.options")
    elif var.type == "multi":
        chk.add(key, "a multi variable needs 'options'")
    if "codes" in spec:
        if var.type != "coded":
            chk.add(f"{key}.codes", "codes are only for coded variables")
        else:
            var.codes = chk.labels(spec.get("codes"), f"{key}.codes")
    elif var.type == "coded":
        chk.add(key, "a coded variable needs 'codes'")
    if "max_choices" in spec:
        if var.type not in ("multi", "coded"):
            chk.add(f"{key}.max_choices", "max_choices is only for multi and coded variables")
        else:
            n = chk.integer(spec.get("max_choices"), f"{key}.max_choices")
            if n is not None and n < 1:
                chk.add(f"{key}.max_choices", "must be at least 1")
            var.max_choices = n
    var.filter = chk.string(spec.get("filter"), f"{key}.filter")
    if var.type == "multi" and "source" in spec:
        chk.add(f"{key}.source", "a multi variable's raw columns are given per option "
                "({option: {label: ..., source: RAWCOL}})")
    return var


def _options(chk: _Checker, var: Variable, value: Any, key: str) -> None:
    for option, spec in chk.mapping(value, key, required=True).items():
        okey = f"{key}.{option}"
        if not _NAME.match(option):
            chk.add(okey, "an option name must be a Python-style identifier")
            continue
        if isinstance(spec, dict):
            chk.unknown_keys(spec, {"label", "source"}, okey)
            label = chk.string(spec.get("label"), f"{okey}.label", required=True) or option
            source = chk.string(spec.get("source"), f"{okey}.source") or option
        elif isinstance(spec, str) and spec.strip():
            label, source = spec, option
        else:
            chk.add(okey, "needs a label")
            continue
        var.options[option] = label
        var.option_sources[option] = source


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
