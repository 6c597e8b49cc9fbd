"""What an SPSS file says of its variables, for a draft codebook (:mod:`survey.draft`):
labels, value labels, user-missing values and measurement levels, checked against the
values the file holds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from .draftguess import missing_label, ordered_scale
from .draftwrite import DraftColumn
from .errors import DataError

__all__ = ["sav_columns"]

_DATE_FORMATS = ("DATE", "ADATE", "EDATE", "SDATE", "JDATE")


def sav_columns(path: Path, frame: pd.DataFrame) -> tuple[str, list[DraftColumn]]:
    """The file label and one :class:`DraftColumn` per column of an SPSS file whose cells
    (as the workbench reads them, text) are ``frame``."""
    import pyreadstat

    try:
        _, meta = pyreadstat.read_sav(str(path), metadataonly=True, user_missing=True)
    except Exception as exc:  # pyreadstat raises its own and OS errors
        raise DataError(f"cannot be read as SPSS ({exc})", file=path) from None
    labels = dict(zip(meta.column_names, meta.column_labels, strict=True))
    columns = [_column(meta, name, labels.get(name) or name, frame[name])
               for name in meta.column_names]
    return meta.file_label or path.stem, columns


def _column(meta: Any, name: str, label: str, cells: pd.Series) -> DraftColumn:
    fmt = str(meta.original_variable_types.get(name, "")).upper()
    if meta.readstat_variable_types.get(name) == "string":
        return _string(name, label, cells, meta.variable_value_labels.get(name, {}))
    if fmt.startswith(("DATETIME", "TIME", "DTIME", "YMDHMS", "MTIME")):
        return DraftColumn(name, label, "text", notes=["a date with a time: kept as text"])
    if fmt.startswith(_DATE_FORMATS):
        return DraftColumn(name, label, "date")
    values = pd.to_numeric(cells.astype(str).str.strip().replace("", None), errors="coerce")
    value_labels = {float(k): str(v) for k, v in meta.variable_value_labels.get(name, {}).items()}
    missing, notes = _missing(meta, name, value_labels)
    levels = {k: v for k, v in value_labels.items() if k not in missing}
    measure = meta.variable_measure.get(name, "unknown")
    whole = bool(values.dropna().mod(1).eq(0).all())
    observed = set(values.dropna()) - set(missing)
    if measure == "scale" and len(levels) >= 2 and observed <= set(levels):
        notes.append("categorical: SPSS says scale, but every value has a label")
        measure = "unknown"
    if not levels or measure == "scale" or not whole or not all(
            float(k).is_integer() for k in levels):
        column = DraftColumn(name, label, "numeric", missing=_codes(missing), notes=notes)
        if len(values.dropna()):
            column.notes.append(f"observed {values.min():g} to {values.max():g}; add a range "
                                "to blank impossible values")
        return column
    unlabelled = sorted(set(values.dropna()) - set(levels) - set(missing))
    for code in unlabelled:  # delivered without a label: a level of its own, not blanked
        levels[code] = f"{code:g}"
    levels = dict(sorted(levels.items()))
    if unlabelled:
        notes.append("code(s) " + ", ".join(f"{c:g}" for c in unlabelled)
                     + " occur without a label: labelled with their code")
    kind = _kind(measure, levels)
    if kind == "ordinal" and measure != "ordinal":
        notes.append(f"ordinal: the labels form an ordered scale (SPSS: {measure})")
    return DraftColumn(name, label, kind, levels=_codes(levels), missing=_codes(missing),
                       notes=notes)


def _missing(meta: Any, name: str, value_labels: dict[float, str]
             ) -> tuple[dict[float, str], list[str]]:
    """The user-missing codes (SPSS's, and labelled codes that name a missing answer)."""
    codes = [float(v) for v in meta.missing_user_values.get(name, [])]
    for rng in meta.missing_ranges.get(name, []):
        if rng["lo"] == rng["hi"] and float(rng["lo"]) not in codes:
            codes.append(float(rng["lo"]))  # discrete missing values come as ranges
    notes: list[str] = []
    found = [k for k, v in value_labels.items() if k not in codes and missing_label(v)]
    if found:
        notes.append("missing: " + ", ".join(f"{k:g} ({value_labels[k]})" for k in found)
                     + " by their labels")
    missing = {k: value_labels.get(k, "") for k in codes + found}  # "": the writer's word
    return missing, notes


def _kind(measure: str, levels: dict[float, str]) -> str:
    if measure == "ordinal":
        return "ordinal"
    if len(levels) == 2:
        return "binary"
    return "ordinal" if ordered_scale(levels) else "nominal"


def _codes(values: dict[float, str]) -> dict[int, str]:
    return {int(k) if float(k).is_integer() else k: v for k, v in values.items()}


def _string(name: str, label: str, cells: pd.Series, value_labels: dict) -> DraftColumn:
    """A string variable: free text, unless its values carry labels (``"f"`` → female):
    then categorical, its text codes numbered through ``raw_codes``."""
    given = sorted(set(cells.astype(str).str.strip()) - {""})
    labels = {str(k).strip(): str(v) for k, v in value_labels.items()}
    if not labels or len(set(given) - set(labels)) > 0:
        return DraftColumn(name, label, "text")
    codes = sorted(labels)
    missing = {i: labels[c] for i, c in enumerate(codes, start=1) if missing_label(labels[c])}
    levels = {i: labels[c] for i, c in enumerate(codes, start=1) if i not in missing}
    kind = "binary" if len(levels) == 2 else ("ordinal" if ordered_scale(levels) else "nominal")
    return DraftColumn(name, label, kind, levels=levels, missing=missing,
                       raw_codes={c: i for i, c in enumerate(codes, start=1)},
                       notes=[f"text codes {', '.join(codes[:4])}{' …' if len(codes) > 4 else ''}"
                              " with value labels: numbered in their order"])
