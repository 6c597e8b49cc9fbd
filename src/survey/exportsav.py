"""The SPSS ``.sav`` export: names, labels, user-missing codes, formats.

One job: write the clean data of a wave as an SPSS file (:func:`to_sav`), with valid and
unique variable names (:func:`spss_names`), variable and value labels cut to SPSS's byte
limits, the "weiß nicht"/"keine Angabe" codes declared as user-missing values, measurement
levels, display formats, and a file label and note saying who may use the file. What the
file holds, beside the xlsx and csv files, is described in :mod:`survey.export`; the
columns and their codes come from :mod:`survey.exportcolumns`.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from .codebook import Codebook
from .errors import SurveyError
from .exportcolumns import ExportColumn, codes_table, export_columns
from .fileio import atomic_path
from .messages import text

__all__ = ["spss_names", "to_sav"]

logger = logging.getLogger(__name__)

_SPSS_RESERVED = {"ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO",
                  "WITH"}
_SPSS_NAME_BYTES = 64
_SPSS_VARIABLE_LABEL_BYTES = 256
_SPSS_VALUE_LABEL_BYTES = 120
_SPSS_FILE_LABEL_BYTES = 64
_SPSS_NOTE_LINE_BYTES = 80
_TRANSLITERATE = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe",
                                "Ü": "Ue", "ß": "ss"})


def spss_names(names: Iterable[str]) -> dict[str, str]:
    """SPSS variable names for column names: each name → a valid, unique SPSS name.

    SPSS names have at most 64 bytes, start with a letter, hold letters, digits and ``_``
    only here (SPSS would allow ``.``, ``@``, ``#``, ``$`` and non-ASCII letters, which other
    programs reading the file do not), are not a reserved word (``ALL``, ``AND``, ``BY``,
    ``EQ``, ``GE``, ``GT``, ``LE``, ``LT``, ``NE``, ``NOT``, ``OR``, ``TO``, ``WITH``) and are
    unique regardless of case. A name that breaks a rule is changed: ä ö ü ß become ae oe
    ue ss, accents are dropped, other characters become ``_``, a name not starting with a
    letter gets a ``v`` in front, a reserved word gets a ``_`` behind, a long name is cut
    to 64 bytes and a repeated one gets ``_2``, ``_3``, …. Codebook names (letters, digits,
    ``_``) mostly pass unchanged.

    Examples
    --------
    >>> spss_names(["code", "by", "_x", "Fall-Nr", "größe", "Alter", "alter"])
    {'code': 'code', 'by': 'by_', '_x': 'v_x', 'Fall-Nr': 'Fall_Nr', 'größe': 'groesse', \
'Alter': 'Alter', 'alter': 'alter_2'}
    """
    out: dict[str, str] = {}
    taken: set[str] = set()
    for name in names:
        ascii_name = unicodedata.normalize("NFKD", name.translate(_TRANSLITERATE))
        ascii_name = ascii_name.encode("ascii", "ignore").decode("ascii")
        spss = re.sub(r"[^A-Za-z0-9_]", "_", ascii_name) or "v"
        if not spss[0].isalpha():
            spss = f"v{spss}"
        if spss.upper() in _SPSS_RESERVED:
            spss = f"{spss}_"
        spss = spss[:_SPSS_NAME_BYTES]
        base, i = spss, 2
        while spss.upper() in taken:
            suffix = f"_{i}"
            spss, i = base[:_SPSS_NAME_BYTES - len(suffix)] + suffix, i + 1
        taken.add(spss.upper())
        out[name] = spss
    return out


def _shorten(label: str, limit: int) -> str:
    """``label`` cut to ``limit`` UTF-8 bytes at a character boundary, ending in "…"."""
    if len(label.encode("utf-8")) <= limit:
        return label
    cut = label.encode("utf-8")[:limit - len("…".encode())].decode("utf-8", "ignore")
    return cut.rstrip() + "…"


def _note_lines(paragraph: str, limit: int = _SPSS_NOTE_LINE_BYTES) -> list[str]:
    """``paragraph`` wrapped at word boundaries into lines of at most ``limit`` UTF-8 bytes
    (SPSS document lines)."""
    lines: list[str] = []
    for word in paragraph.split():
        word = _shorten(word, limit)
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and len(joined.encode("utf-8")) <= limit:
            lines[-1] = joined
        else:
            lines.append(word)
    return lines


def _missing_spec(codes: list[int], valid: set[float], name: str) -> list:
    """SPSS missing values for ``codes``: up to three discrete values, or one range and one
    discrete value when there are more (a range must not hold a valid value)."""
    codes = sorted(set(codes))
    if len(codes) <= 3:
        return codes
    for lo_i in range(len(codes)):
        for hi_i in range(len(codes) - 1, lo_i, -1):
            lo, hi = codes[lo_i], codes[hi_i]
            rest = codes[:lo_i] + codes[hi_i + 1:]
            if len(rest) <= 1 and not any(lo <= v <= hi for v in valid):
                return [{"lo": lo, "hi": hi}, *rest]
    logger.warning("column '%s': SPSS takes at most 3 discrete missing values or one range; "
                   "declared %s of %s", name, codes[:3], codes)
    return codes[:3]


def _spss_format(col: ExportColumn, values: pd.Series, codebook: Codebook) -> str | None:
    if col.is_coded:
        width = max((len(str(c)) for c in [*col.levels, *col.missing]), default=1)
        return f"F{width}.0"
    if col.type == "date":
        times = values.dropna()
        return "DATE11" if (times == times.dt.normalize()).all() else "DATETIME20"
    if col.type in ("numeric", "scale"):
        valid = values.dropna().to_numpy(dtype=float)
        whole = col.type == "numeric" and (
            codebook.variables[col.name].integer or bool(np.all(valid % 1 == 0)))
        return "F8.0" if whole else "F8.2"
    return None  # strings: pyreadstat sizes them


def to_sav(data: pd.DataFrame, codebook: Codebook, path: str | Path, *,
           missing: pd.DataFrame | None = None) -> Path:
    """Write the clean data as an SPSS ``.sav`` file (atomically).

    Parameters
    ----------
    data : DataFrame
        Clean data, indexed by the respondent code.
    codebook : Codebook
    path : str or Path
        The ``.sav`` file to write.
    missing : DataFrame, optional
        The wave's missing table: put the "weiß nicht"/"keine Angabe" codes back as
        user-missing values (see :mod:`survey.export`). Without it those values are
        system-missing.

    Returns
    -------
    Path
        ``path``.
    """
    import pyreadstat

    path = Path(path)
    columns = export_columns(data, codebook)
    table = codes_table(data, codebook, missing=missing)
    names = spss_names(table.columns)
    for old, new in names.items():
        if old != new:
            logger.warning("column '%s' is '%s' in the SPSS file (SPSS naming rules)", old, new)
    dictionary = _dictionary(columns, table, names, codebook)
    table = table.rename(columns=names)
    lang = codebook.language
    note = _note_lines(" ".join([text("export.notice", lang).format(title=codebook.title),
                                 text("export.notice_sav", lang)]))
    try:
        with atomic_path(path, ".sav") as tmp:
            pyreadstat.write_sav(
                table, tmp,
                file_label=_shorten(text("export.file_label", lang), _SPSS_FILE_LABEL_BYTES),
                note=note, **dictionary)
    except pyreadstat.ReadstatError as exc:
        raise SurveyError(f"cannot be written as SPSS ({exc})", file=path) from None
    return path


def _dictionary(columns: list[ExportColumn], table: pd.DataFrame, names: dict[str, str],
                codebook: Codebook) -> dict[str, dict]:
    """The SPSS dictionary of the exported columns, as keyword arguments of
    ``pyreadstat.write_sav`` (keyed by SPSS name): variable labels, value labels,
    user-missing values, measurement levels and display formats.

    ``table`` (:func:`~survey.exportcolumns.codes_table`, not yet renamed) is changed in
    place: its ``Int64`` columns become ``float64``.
    """
    labels, value_labels, missing_ranges, measure, formats = {}, {}, {}, {}, {}
    for col in columns:
        spss = names[col.name]
        values = table[col.name]
        if values.dtype == "Int64":
            table[col.name] = values.astype("float64")
        labels[spss] = _shorten(col.label, _SPSS_VARIABLE_LABEL_BYTES)
        coded = {**col.levels, **col.missing}
        if coded:
            value_labels[spss] = {code: _shorten(label, _SPSS_VALUE_LABEL_BYTES)
                                  for code, label in coded.items()}
        if col.missing:
            valid = set(col.levels) | set(table[col.name].dropna().tolist())
            valid -= set(col.missing)
            missing_ranges[spss] = _missing_spec(list(col.missing), valid, col.name)
        measure[spss] = col.measure
        fmt = _spss_format(col, values, codebook)
        if fmt is not None:
            formats[spss] = fmt
    return {"column_labels": labels, "variable_value_labels": value_labels,
            "missing_ranges": missing_ranges, "variable_measure": measure,
            "variable_format": formats}
