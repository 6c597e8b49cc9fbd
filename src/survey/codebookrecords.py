"""Read and check a codebook's ``records:`` and ``indicators:`` sections
(docs/codebook.md, "Record tables") into :class:`~survey.codebookrecordmodel.Records`.

One job: every table's role, raw file (relative to the codebook), columns and named
columns, and every indicator's numerator, denominator, target and direction, checked
against each other; problems go to the shared :class:`~survey.codebookcheck._Checker`
(file, dotted key, what is wrong), so that a codebook reports all its mistakes at once.

Examples
--------
>>> from pathlib import Path
>>> chk = _Checker(Path("codebook.yml"))
>>> _target(chk, "34 %", "indicators.x.target"), _target(chk, "0,5", "indicators.x.target")
(0.34, 0.5)
>>> _target(chk, 34, "indicators.y.target") is None
True
>>> [p.problem for p in chk.problems]
["34 is not a share between 0 and 1 (write 0.34 or '34 %')"]
"""

from __future__ import annotations

import keyword
import re
from pathlib import Path
from typing import Any

from .codebookcheck import _Checker
from .codebookrecordmodel import (
    INDICATOR_DIRECTIONS,
    LABELLED_TYPES,
    RECORD_TYPES,
    ROLE_KEYS,
    ROLES,
    Indicator,
    RecordColumn,
    Records,
    RecordTable,
)

__all__ = ["read_records"]

_TABLE_KEYS = {"role", "raw", "label", "columns", "id", "person", "kind", "unit", "benefit",
               "stages", "reason", "groupings", "area", "rater", "self", "coach", "occasion",
               "value", "note"}
_COLUMN_KEYS = {"label", "type", "source", "levels", "codes", "range", "note"}
_INDICATOR_KEYS = {"label", "numerator", "denominator", "target", "direction", "by", "note"}
#: Named columns a role may leave out.
_OPTIONAL = {("takeup", "person"), ("card", "occasion")}
#: Keys a role has besides its named columns.
_EXTRA = {"participants": {"groupings"}, "placements": set(),
          "takeup": {"person", "stages", "reason"}, "card": {"self", "coach"}}
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def read_records(chk: _Checker, tables: Any, indicators: Any, path: Path) -> Records | None:
    """The record tables and indicators of a codebook, or None when it declares neither.

    Parameters
    ----------
    chk : _Checker
        Collects every problem (the caller raises them together).
    tables, indicators : Any
        The YAML values of ``records`` and ``indicators``.
    path : Path
        The codebook (raw files are relative to its folder).
    """
    if tables in (None, "") and indicators in (None, ""):
        return None
    out = Records()
    seen: dict[str, str] = {}
    for name, key, spec in chk.entries(tables, "records", _TABLE_KEYS):
        table = _table(chk, name, key, spec, path)
        if table is None:
            continue
        if table.role in seen:
            chk.add(f"{key}.role", f"role '{table.role}' is already the role of table "
                    f"'{seen[table.role]}' (one table per role)")
            continue
        seen[table.role] = name
        out.tables[name] = table
    for name, key, spec in chk.entries(indicators, "indicators", _INDICATOR_KEYS):
        indicator = _indicator(chk, name, key, spec, out)
        if indicator is not None:
            out.indicators[name] = indicator
    return out


def _table(chk: _Checker, name: str, key: str, spec: dict, path: Path) -> RecordTable | None:
    if not _NAME.match(name) or keyword.iskeyword(name):
        chk.add(key, "a table name must be a Python-style identifier")
        return None
    role = chk.string(spec.get("role"), f"{key}.role") or name
    if role not in ROLES:
        chk.add(f"{key}.role", f"unknown role '{role}' (allowed: {', '.join(ROLES)})")
        return None
    raw = chk.string(spec.get("raw"), f"{key}.raw", required=True)
    columns = _columns(chk, spec.get("columns"), f"{key}.columns")
    table = RecordTable(name=name, role=role, raw=(path.parent / (raw or "")).resolve(),
                        label=chk.string(spec.get("label"), f"{key}.label") or name,
                        columns=columns)
    for role_key, types in ROLE_KEYS[role].items():
        column = _named(chk, spec.get(role_key), f"{key}.{role_key}", columns, types,
                        required=(role, role_key) not in _OPTIONAL)
        if column is not None:
            table.keys[role_key] = column
    if role == "takeup" and spec.get("person") not in (None, ""):
        column = _named(chk, spec.get("person"), f"{key}.person", columns, ("text",))
        if column is not None:
            table.keys["person"] = column
    allowed = {"role", "raw", "label", "columns", "note", *ROLE_KEYS[role], *_EXTRA[role]}
    for extra in sorted(set(spec) & _TABLE_KEYS - allowed):
        chk.add(f"{key}.{extra}", f"is not a key of a '{role}' table")
    if role == "participants":
        table.groupings = [c for c in chk.names(spec.get("groupings") or [], f"{key}.groupings")
                           if _named(chk, c, f"{key}.groupings", columns, LABELLED_TYPES)]
    if role == "takeup":
        _takeup(chk, table, spec, key)
    if role == "card":
        _card(chk, table, spec, key)
    return table


def _takeup(chk: _Checker, table: RecordTable, spec: dict, key: str) -> None:
    """The take-up stages (yes/no columns, in order) and the coded reason column."""
    stages = chk.names(spec.get("stages"), f"{key}.stages")
    if not stages:
        chk.add(f"{key}.stages", "a take-up table needs its stages (yes/no columns, in order)")
    table.stages = [s for s in stages
                    if _named(chk, s, f"{key}.stages", table.columns, ("yesno",))]
    if len(set(stages)) != len(stages):
        chk.add(f"{key}.stages", "a stage is listed twice")
    if spec.get("reason") not in (None, ""):
        table.reason = _named(chk, spec.get("reason"), f"{key}.reason", table.columns,
                              ("coded",))


def _card(chk: _Checker, table: RecordTable, spec: dict, key: str) -> None:
    """The rater codes of the participant (``self``) and the coach (``coach``)."""
    rater = table.columns.get(table.keys.get("rater", ""))
    for which in ("self", "coach"):
        code = chk.integer(spec.get(which), f"{key}.{which}") if which in spec else None
        if which not in spec:
            chk.add(f"{key}.{which}", "is required (the rater column's code of "
                    f"{'the participant' if which == 'self' else 'the coach'})")
        elif code is not None and rater is not None and code not in rater.levels:
            chk.add(f"{key}.{which}", f"code {code} is not a level of rater column "
                    f"'{rater.name}' ({', '.join(map(str, rater.levels))})")
        setattr(table, f"{which}_code", code)
    if table.self_code is not None and table.self_code == table.coach_code:
        chk.add(f"{key}.coach", "the coach's code is the participant's (self) code")


def _named(chk: _Checker, value: Any, key: str, columns: dict[str, RecordColumn],
           types: tuple[str, ...], *, required: bool = True) -> str | None:
    """A column named by a table key: it must be one of the table's columns, of ``types``."""
    name = chk.string(value, key, required=required)
    if name is None:
        return None
    column = columns.get(name)
    if column is None:
        chk.add(key, f"'{name}' is not a column of this table "
                f"(columns: {', '.join(columns) or 'none'})")
        return None
    if column.type not in types:
        chk.add(key, f"'{name}' is {column.type}; needs {' or '.join(types)}")
        return None
    return name


def _columns(chk: _Checker, value: Any, key: str) -> dict[str, RecordColumn]:
    out: dict[str, RecordColumn] = {}
    for name, ckey, spec in chk.entries(value, key, _COLUMN_KEYS):
        if not _NAME.match(name) or keyword.iskeyword(name):
            chk.add(ckey, "a column name must be a Python-style identifier")
            continue
        kind = chk.string(spec.get("type"), f"{ckey}.type", required=True)
        if kind is None:
            continue
        if kind not in RECORD_TYPES:
            chk.add(f"{ckey}.type", f"unknown type '{kind}' (allowed: {', '.join(RECORD_TYPES)})")
            continue
        levels = chk.labels(spec.get("levels"), f"{ckey}.levels") if "levels" in spec else {}
        codes = chk.labels(spec.get("codes"), f"{ckey}.codes") if "codes" in spec else {}
        if kind in LABELLED_TYPES and not levels:
            chk.add(ckey, f"a {kind} column needs 'levels'")
        elif kind not in LABELLED_TYPES and "levels" in spec:
            chk.add(f"{ckey}.levels", f"levels are only for {', '.join(LABELLED_TYPES)}")
        if kind == "binary" and levels and len(levels) != 2:
            chk.add(ckey, f"a binary column needs exactly 2 levels, not {len(levels)}")
        if kind == "coded" and not codes:
            chk.add(ckey, "a coded column needs 'codes'")
        elif kind != "coded" and "codes" in spec:
            chk.add(f"{ckey}.codes", "codes are only for coded columns")
        out[name] = RecordColumn(
            name=name, label=chk.string(spec.get("label"), f"{ckey}.label") or name,
            type=kind, source=chk.string(spec.get("source"), f"{ckey}.source") or name,
            levels=levels, codes=codes, range=_range(chk, spec, kind, ckey))
    if not out and value not in (None, ""):
        return out
    if not out:
        chk.add(key, "is required (the table's columns)")
    return out


def _range(chk: _Checker, spec: dict, kind: str, key: str) -> tuple[float, float] | None:
    rng = spec.get("range")
    if rng is None:
        return None
    if kind != "numeric":
        chk.add(f"{key}.range", "a range is only for numeric columns")
        return None
    if not isinstance(rng, list) or len(rng) != 2:
        chk.add(f"{key}.range", "must be a list [min, max]")
        return None
    lo, hi = chk.number(rng[0], f"{key}.range"), chk.number(rng[1], f"{key}.range")
    if lo is None or hi is None:
        return None
    if lo > hi:
        chk.add(f"{key}.range", f"min {rng[0]} is larger than max {rng[1]}")
    return lo, hi


# -- indicators ----------------------------------------------------------------------------


def _indicator(chk: _Checker, name: str, key: str, spec: dict, records: Records
               ) -> Indicator | None:
    people = records.role("participants")
    if people is None:
        chk.add(key, "an indicator needs a record table with role 'participants'")
        return None
    target = _target(chk, spec.get("target"), f"{key}.target")
    if "target" not in spec:
        chk.add(f"{key}.target", "is required (the target share, e.g. 0.34 or '34 %')")
    direction = chk.string(spec.get("direction"), f"{key}.direction") or "at_least"
    if direction not in INDICATOR_DIRECTIONS:
        chk.add(f"{key}.direction", f"unknown direction '{direction}' "
                f"(allowed: {', '.join(INDICATOR_DIRECTIONS)})")
    if "numerator" not in spec:
        chk.add(f"{key}.numerator", "is required (a yes/no column of the participants or "
                "{placement: [kind codes]})")
    num = _part(chk, spec.get("numerator"), f"{key}.numerator", people, records)
    den = _part(chk, spec.get("denominator"), f"{key}.denominator", people, records)
    by = chk.string(spec.get("by"), f"{key}.by")
    if by is not None and by not in people.groupings:
        chk.add(f"{key}.by", f"'{by}' is not one of the participants' groupings "
                f"({', '.join(people.groupings) or 'none declared'})")
        by = None
    if target is None or num is None or den is None or direction not in INDICATOR_DIRECTIONS:
        return None
    return Indicator(name=name, label=chk.string(spec.get("label"), f"{key}.label") or name,
                     target=target, direction=direction, numerator_column=num[0],
                     numerator_kinds=num[1], denominator_column=den[0],
                     denominator_kinds=den[1], by=by)


def _part(chk: _Checker, value: Any, key: str, people: RecordTable, records: Records
          ) -> tuple[str | None, tuple[int, ...]] | None:
    """A numerator or denominator: (yes/no column, ()) or (None, placement kinds);
    (None, ()) for "every participant" (a missing denominator or ``all``)."""
    if value in (None, "", "all"):
        return None, ()
    if isinstance(value, str):
        column = _named(chk, value, key, people.columns, ("yesno",))
        return (column, ()) if column is not None else None
    if isinstance(value, dict) and set(value) == {"placement"}:
        placements = records.role("placements")
        if placements is None:
            chk.add(key, "'placement' needs a record table with role 'placements'")
            return None
        kind = placements.columns.get(placements.keys.get("kind", ""))
        raw = value["placement"] if isinstance(value["placement"], list) else [value["placement"]]
        codes = [chk.integer(c, f"{key}.placement") for c in raw]
        for code in codes:
            if code is not None and kind is not None and code not in kind.levels:
                chk.add(f"{key}.placement", f"code {code} is not a level of placement kind "
                        f"'{kind.name}' ({', '.join(map(str, kind.levels))})")
                return None
        if not codes or any(c is None for c in codes):
            chk.add(f"{key}.placement", "must list placement kind codes")
            return None
        return None, tuple(c for c in codes if c is not None)
    chk.add(key, "must be a yes/no column of the participants, 'all' or "
            "{placement: [kind codes]}")
    return None


def _target(chk: _Checker, value: Any, key: str) -> float | None:
    """A target share: a number in [0, 1] or a percentage written ``34 %``."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    percent = text.endswith("%")
    number = chk.number(text.rstrip("%").strip(), key)
    if number is None:
        return None
    share = number / 100 if percent else number
    if not 0 <= share <= 1:
        chk.add(key, f"{value} is not a share between 0 and 1 (write 0.34 or '34 %')")
        return None
    return round(share, 12)
