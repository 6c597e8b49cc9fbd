"""Draft a codebook from an SPSS file: labels, value labels and user-missing values.

The draft is a starting point for the analyst: every variable gets its SPSS label,
a type guessed from SPSS's measurement level (nominal, ordinal, scale → numeric,
string → text), its value labels as ``levels`` and its user-missing values as
``missing``. Review it (scales, filters, sections, groupings) before use.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .errors import DataError

__all__ = ["draft_codebook"]


def _name(column: str, taken: set[str]) -> str:
    name = re.sub(r"\W", "_", column.lower()).strip("_") or "v"
    if name[0].isdigit():
        name = f"v_{name}"
    base, i = name, 2
    while name in taken:
        name, i = f"{base}_{i}", i + 1
    taken.add(name)
    return name


def _code(value: float | str) -> int | str:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def draft_codebook(sav_path: str | Path, *, id_column: str | None = None) -> str:
    """Return a draft ``codebook.yml`` (as text) for an SPSS ``.sav`` file.

    Parameters
    ----------
    sav_path : str or Path
        The SPSS file (only its dictionary is read).
    id_column : str, optional
        The respondent-code column; by default the first column.

    Raises
    ------
    DataError
        When the file cannot be read as SPSS.
    """
    import pyreadstat

    sav_path = Path(sav_path)
    try:
        _, meta = pyreadstat.read_sav(str(sav_path), metadataonly=True, user_missing=True)
    except Exception as exc:  # pyreadstat raises its own and OS errors
        raise DataError(f"cannot be read as SPSS ({exc})", file=sav_path) from None
    columns = list(meta.column_names)
    id_column = id_column or columns[0]
    if id_column not in columns:
        raise DataError(f"has no column '{id_column}'", file=sav_path)
    labels = dict(zip(columns, meta.column_labels, strict=True))
    taken: set[str] = set()
    variables: dict[str, dict] = {}
    for column in columns:
        if column == id_column:
            continue
        entry: dict = {"label": labels.get(column) or column}
        name = _name(column, taken)
        if name != column:
            entry["source"] = column
        value_labels = meta.variable_value_labels.get(column, {})
        user_missing = list(meta.missing_user_values.get(column, []))
        for rng in meta.missing_ranges.get(column, []):
            if rng["lo"] == rng["hi"] and rng["lo"] not in user_missing:
                user_missing.append(rng["lo"])  # discrete missing values come as ranges
        missing = {_code(v): value_labels.get(v, "fehlend") for v in user_missing}
        levels = {_code(v): lab for v, lab in value_labels.items() if v not in user_missing}
        measure = meta.variable_measure.get(column, "unknown")
        if meta.readstat_variable_types.get(column) == "string":
            entry["type"] = "text"
        elif levels and measure != "scale":
            entry["type"] = "binary" if len(levels) == 2 and measure == "nominal" else (
                "ordinal" if measure == "ordinal" else "nominal")
            entry["levels"] = levels
        else:
            entry["type"] = "numeric"
        if missing:
            entry["missing"] = missing
        variables[name] = entry
    document = {
        "instrument": sav_path.stem,
        "title": meta.file_label or sav_path.stem,
        "language": "de",
        "id": id_column,
        "variables": variables,
    }
    header = (f"# Draft codebook made from {sav_path.name} by `survey codebook draft`.\n"
              "# Review types, levels and missing codes; add sections, scales, filters,\n"
              "# groupings and hypotheses as needed.\n")
    return header + yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
