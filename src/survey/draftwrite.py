"""Write a draft codebook (YAML text with a comment on every guess) from what the readers
of a data file found (:class:`DraftColumn`)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

__all__ = ["DraftColumn", "document", "codebook_name"]


@dataclass
class DraftColumn:
    """What the draft says of one variable (or one multiple-response set)."""

    source: str
    label: str
    type: str
    levels: dict[int, str] = field(default_factory=dict)
    missing: dict[int, str] = field(default_factory=dict)
    options: dict[str, str] = field(default_factory=dict)  # multi: raw column → label
    notes: list[str] = field(default_factory=list)  # guesses, one comment each
    section: str | None = None
    raw_codes: dict[str, int] = field(default_factory=dict)  # delivered text → code
    unticked_blank: bool = False  # multi: a blank beside a tick is not ticked


def document(path: Path, title: str, language: str, language_note: str,
              id_column: str | None, id_note: str | None, columns: list[DraftColumn],
              sections: dict[str, str] | None = None) -> str:
    lines = [
        f"# Draft codebook made from {path.name} by `survey codebook draft`.",
        "# Each '# guess:' is a guess from the data: confirm or correct it. Then add",
        "# sections, scales, filters, groupings and hypotheses as needed (docs/codebook.md).",
        f"instrument: {_scalar(codebook_name(path.stem, set()))}",
        f"title: {_scalar(title)}",
        f"language: {language}  # guess: {language_note}",
    ]
    if id_column is not None:
        lines.append(f"id: {_scalar(id_column)}" + (f"  # guess: {id_note}" if id_note else ""))
    else:
        lines += [f"# guess: no respondent code ({id_note}).",
                  "# Without `id`, respondents are numbered by their row in the file (an",
                  "# internal code, never shown in a report). Name the code column here",
                  "# if the file has one:",
                  "# id: COLUMN"]
    if sections:
        lines.append("sections:")
        lines += [f"  {key}: {_scalar(title)}" for key, title in sections.items()]
    lines.append("variables:")
    taken = {id_column or ""}
    unlabelled = "fehlend" if language == "de" else "missing"
    for column in columns:
        column.missing = {k: v or unlabelled for k, v in column.missing.items()}
        lines += _variable(column, codebook_name(column.source, taken))
    return "\n".join(lines) + "\n"


def _variable(column: DraftColumn, name: str) -> list[str]:
    out = [f"  {name}:"]
    out.append(f"    label: {_scalar(column.label)}")
    if name != column.source and column.type != "multi":
        out.append(f"    source: {_scalar(column.source)}")
    out.append(f"    type: {column.type}")
    if column.section:
        out.append(f"    section: {column.section}")
    if column.options:
        out.append("    options:")
        out += [f"      {codebook_name(src, set())}: " + (
            _scalar(label) if codebook_name(src, set()) == src else
            f"{{label: {_scalar(label)}, source: {_scalar(src)}}}")
            for src, label in column.options.items()]
    if column.levels:
        out.append(f"    levels: {_mapping(_unique_labels(column.levels))}")
    if column.missing:
        out.append(f"    missing: {_mapping(column.missing)}")
    if column.raw_codes:
        out.append("    raw_codes: {" + ", ".join(f"{_scalar(k)}: {v}" for k, v in
                                                 column.raw_codes.items()) + "}")
    if column.unticked_blank:
        out.append("    unticked: blank")
    out += [f"    # guess: {note}" for note in column.notes]
    return out


def _mapping(values: dict[Any, str]) -> str:
    return "{" + ", ".join(f"{_code(k)}: {_scalar(v)}" for k, v in values.items()) + "}"


def _scalar(value: Any) -> str:
    """A YAML scalar on one line, quoted where YAML (also inside ``{…}``) needs it."""
    if isinstance(value, str) and (re.search(r"[\[\]{},:#&*!|>'\"%@`]", value)
                                   or value != value.strip()):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is YAML too
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**6)
    return text.strip().removesuffix("...").strip()


def _code(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def codebook_name(column: str, taken: set[str]) -> str:
    """A codebook name for a raw column: lower case, ``_`` for anything else, unique."""
    name = re.sub(r"\W", "_", str(column).lower()).strip("_") or "v"
    if name[0].isdigit():
        name = f"v_{name}"
    base, i = name, 2
    while name in taken:
        name, i = f"{base}_{i}", i + 1
    taken.add(name)
    return name


def _unique_labels(levels: dict[Any, str]) -> dict[Any, str]:
    """Labels made unique (a codebook refuses one label for two codes): a repeated one
    gets its code.

    >>> _unique_labels({1: "agree", 2: "agree", 3: "no"})
    {1: 'agree', 2: 'agree (2)', 3: 'no'}
    """
    seen: set[str] = set()
    out = {}
    for code, label in levels.items():
        out[code] = label if label not in seen else f"{label} ({_code(code)})"
        seen.add(label)
    return out
