"""Load and validate ``codebook.yml`` (docs/codebook.md) into the model of
:mod:`survey.codebookmodel`, collecting every problem at once.

One job: :func:`load_codebook` reads the file, its header (instrument, id, missing
codes, sections), its answer sets and its variables; the sections that refer to the
variables (derived, scales, groupings, hypotheses, splits, session ratings) are read by
:mod:`survey.codebooksections`, and the problems are collected by
:class:`~survey.codebookcheck._Checker`.
"""

from __future__ import annotations

import keyword
import re
from pathlib import Path
from typing import Any

from .codebookcheck import _Checker
from .codebookmodel import (
    CATEGORICAL_TYPES,
    ROW_ID,
    TYPES,
    Codebook,
    MissingCode,
    Variable,
)
from .codebookrecords import read_records
from .codebooksections import (
    _check_filters,
    _check_names,
    _derived,
    _groupings,
    _hypotheses,
    _scales,
    _session_ratings,
    _splits,
)
from .errors import CodebookError, ProblemList
from .yamlload import read_yaml

_TOP_KEYS = {
    "instrument", "title", "language", "id", "missing", "answer_sets", "sections",
    "variables", "derived", "scales", "groupings", "hypotheses", "splits", "session_ratings",
    "records", "indicators",
}
_VAR_KEYS = {
    "label", "type", "answers", "source", "section", "reverse", "range", "integer",
    "options", "codes", "filter", "max_choices", "levels", "missing", "top_box", "format",
    "note", "raw_codes", "unticked",
}
_SET_KEYS = {"type", "levels", "missing", "top_box", "label"}
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


# -- loading ------------------------------------------------------------------------------


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
    chk, doc = _open(path)
    instrument = chk.string(doc.get("instrument"), "instrument") or path.parent.name
    title = chk.string(doc.get("title"), "title") or instrument
    language = chk.string(doc.get("language"), "language") or "de"
    given_id = chk.string(doc.get("id"), "id")
    id_name = given_id or ROW_ID  # no respondent code: respondents numbered by their row
    global_missing = chk.missing_codes(doc.get("missing"), "missing")
    sections = {
        k: v for k, v in chk.mapping(doc.get("sections"), "sections").items()
        if chk.string(v, f"sections.{k}", required=True)
    }
    answer_sets = _answer_sets(chk, doc.get("answer_sets"))
    records = read_records(chk, doc.get("records"), doc.get("indicators"), path)
    variables = _variables(chk, doc.get("variables"), answer_sets, global_missing, sections,
                           required=records is None or not records.tables)
    id_source = _pop_id(chk, variables, id_name) if given_id else None

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
        splits=splits, session_ratings=ratings, records=records,
    )


def _open(path: Path) -> tuple[_Checker, dict]:
    """Read the YAML and start the checker: duplicate keys and unknown top-level keys
    are reported; a file that cannot be read or is not a mapping raises at once."""
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
    return chk, doc


def _pop_id(chk: _Checker, variables: dict[str, Variable], id_name: str) -> str:
    """The raw column of the id: the id's own variable entry, if any, is removed from
    ``variables`` (it must be of type text)."""
    id_source = id_name
    if id_name in variables:
        id_var = variables.pop(id_name)
        if id_var.type != "text":
            chk.add(f"variables.{id_name}.type", "the id column must be of type text")
        id_source = id_var.source
    return id_source


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
    *,
    required: bool = True,
) -> dict[str, Variable]:
    variables: dict[str, Variable] = {}
    entries = chk.mapping(value, "variables", required=required)
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
    """One variable's entry, or None when its type cannot be decided (reported)."""
    label = chk.string(spec.get("label"), f"{key}.label") or name
    source = chk.string(spec.get("source"), f"{key}.source") or name
    section = chk.string(spec.get("section"), f"{key}.section")
    if section is not None and section not in sections:
        chk.add(f"{key}.section", f"section '{section}' is not defined under 'sections'")
    answers = chk.string(spec.get("answers"), f"{key}.answers")
    kind = chk.string(spec.get("type"), f"{key}.type")
    var = Variable(name=name, label=label, type="text", source=source, section=section)
    var.missing = dict(global_missing)
    if not _set_type(chk, var, answers, kind, answer_sets, key):
        return None
    _levels(chk, var, spec, answers, key)
    _value_rules(chk, var, spec, key)
    _choices(chk, var, spec, key)
    _delivered(chk, var, spec, key)
    var.filter = chk.string(spec.get("filter"), f"{key}.filter")
    if var.type == "multi" and "source" in spec:
        chk.add(f"{key}.source", "a multi variable's raw columns are given per option "
                "({option: {label: ..., source: RAWCOL}})")
    return var


def _delivered(chk: _Checker, var: Variable, spec: dict, key: str) -> None:
    """How codes are delivered when not as the codebook's numbers: ``raw_codes`` (text →
    code, for categorical and multi variables) and a multi set's ``unticked: blank``."""
    if "raw_codes" in spec:
        if var.type not in (*CATEGORICAL_TYPES, "multi"):
            chk.add(f"{key}.raw_codes", "raw_codes are only for categorical and multi variables")
        for text, code in chk.mapping(spec.get("raw_codes"), f"{key}.raw_codes").items():
            number = chk.integer(code, f"{key}.raw_codes.{text}")
            valid = set(var.levels) | set(var.missing) | ({0, 1} if var.type == "multi" else set())
            if number is not None and number not in valid:
                chk.add(f"{key}.raw_codes.{text}", f"{number} is not a level or missing code")
            elif number is not None:
                var.raw_codes[str(text).strip()] = number
    if "unticked" in spec:
        value = chk.string(spec.get("unticked"), f"{key}.unticked")
        if var.type != "multi" or value != "blank":
            chk.add(f"{key}.unticked", "only 'unticked: blank' on a multi variable (an option "
                    "left blank by someone who ticked another counts as not ticked)")
        var.blank_unticked = var.type == "multi" and value == "blank"


def _set_type(chk: _Checker, var: Variable, answers: str | None, kind: str | None,
              answer_sets: dict[str, dict], key: str) -> bool:
    """Set the variable's type from its answer set (with levels, missing codes and top
    box) or its ``type``; False when neither gives a valid type (reported)."""
    if answers is not None:
        if answers not in answer_sets:
            known = ", ".join(answer_sets) or "none defined"
            if answers not in chk.invalid_sets:
                chk.add(f"{key}.answers",
                        f"answer set '{answers}' is not defined (answer_sets: {known})")
            return False
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
        return False
    elif kind not in TYPES:
        chk.add(f"{key}.type", f"unknown type '{kind}' (allowed: {', '.join(sorted(TYPES))})")
        return False
    else:
        var.type = kind
    return True


def _levels(chk: _Checker, var: Variable, spec: dict, answers: str | None, key: str) -> None:
    """The variable's own levels, missing codes and top box, checked against its type."""
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


def _value_rules(chk: _Checker, var: Variable, spec: dict, key: str) -> None:
    """What makes a value valid beyond its levels: reverse keying, range, integer, date
    format."""
    var.reverse = chk.boolean(spec.get("reverse"), f"{key}.reverse")
    if var.reverse and var.type not in ("ordinal",):
        chk.add(f"{key}.reverse", f"only ordinal variables can be reverse-keyed, not {var.type}")
        var.reverse = False
    _range(chk, var, spec, key)
    var.integer = chk.boolean(spec.get("integer"), f"{key}.integer")
    if var.integer and var.type != "numeric":
        chk.add(f"{key}.integer", "only numeric variables can be declared integer")
    var.date_format = chk.string(spec.get("format"), f"{key}.format")
    if var.date_format and var.type != "date":
        chk.add(f"{key}.format", "a format is only for date variables")


def _range(chk: _Checker, var: Variable, spec: dict, key: str) -> None:
    """A numeric variable's ``range: [min, max]``."""
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


def _choices(chk: _Checker, var: Variable, spec: dict, key: str) -> None:
    """The options of a multi variable, the codes of a coded one and their max_choices."""
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

