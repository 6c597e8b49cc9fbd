"""Export a cleaned wave for colleagues who continue in SPSS, R or Excel.

``survey export WAVE --to sav|xlsx|csv`` writes the clean data of one wave to
``data/processed/<wave>/export/`` (or ``--out DIR``; never anywhere under ``data/raw``),
each file written to a temporary name and moved into place.

What the files hold
-------------------
* **Codes, not labels.** Categorical variables carry the codes *as delivered* — the
  codebook's ``levels``, i.e. the questionnaire's codes — also for ``reverse: true`` items:
  the clean data key those items (min + max − value), the export undoes nothing but simply
  writes each answer's delivered code, so ``Ja`` is 5 in the file as in the questionnaire.
  The codebook sheet/file says which items the analyses reverse-key. Multi-choice options
  and coded open answers are 0/1 (``0 = nicht genannt``, ``1 = genannt``), derived crosses
  are numbered 1, 2, … in the codebook's group order, scale scores and numeric variables
  are numbers, dates are dates, free text is text.
* **The respondent code is the first column**, named as the codebook's ``id``.
* **Free text and pseudonymous codes are included.** The export is for the analysis team
  and must not be shared: the SPSS file label, the SPSS file note and the workbook's
  notice sheet say so.

Per format
----------
``sav`` (pyreadstat)
    Variable labels (a multi option's is ``"Question: option"``), value labels (delivered
    codes and user-missing codes → labels), measurement level (nominal, ordinal, scale),
    display formats, and **user-missing values**: the clean data hold NA where a
    "weiß nicht" (9) or "keine Angabe" (-9) was; the code is put back from the wave's
    ``missing`` table (kinds ``dont_know`` and ``no_answer``) and declared in the variable's
    missing values, so SPSS shows it as user-missing, not system-missing. Other NA (blank,
    not asked, invalid) stay system-missing. Not restored: codes of text and date variables;
    for a multi-choice question, the code recorded for the question as a whole (every option
    missing) is put into each of its options, and a code given for one option while others
    were answered is not recorded by the cleaning and stays system-missing. SPSS variable
    names follow :func:`spss_names`; SPSS keeps variable labels up to 256 and value labels
    up to 120 bytes (longer ones are shortened with "…").
``xlsx`` (openpyxl via pandas)
    Sheets ``Daten`` (codes), ``Daten (Labels)`` (answer labels), ``Codebuch`` (see
    :func:`codebook_table`) and ``Hinweis`` (the notice). Every missing value is an empty
    cell — Excel and R cannot declare user-missing codes, and a 9 among 1–5 would enter
    every mean; which codes exist is in the codebook's ``missing`` column, the codes
    themselves are kept in the SPSS file (which R reads with ``haven::read_sav(user_na =
    TRUE)``). Texts starting with ``=`` are stored as text, not as formulas.
``csv``
    ``<wave>.csv`` (codes, as the ``Daten`` sheet) and ``codebook.csv`` beside it, both
    UTF-8 with byte-order mark, ``;`` separated, decimal comma, dates as ``YYYY-MM-DD``:
    what German Excel opens directly and R reads with ``read.csv2(fileEncoding =
    "UTF-8-BOM")``.

Session ratings (``ratings.parquet``) are not exported.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .codebook import Codebook
from .errors import DataError, SurveyError
from .fileio import atomic_path
from .messages import text
from .store import WaveData
from .vocabulary import CODE_KINDS

__all__ = [
    "FORMATS",
    "MEASURES",
    "ExportColumn",
    "export_columns",
    "codes_table",
    "labels_table",
    "codebook_table",
    "spss_names",
    "to_sav",
    "to_xlsx",
    "to_csv",
    "default_export_dir",
    "export_wave",
]

logger = logging.getLogger(__name__)

#: The formats of :func:`export_wave` (``survey export --to``).
FORMATS = ("sav", "xlsx", "csv")
#: SPSS measurement level per exported column type.
MEASURES = {
    "id": "nominal", "binary": "nominal", "nominal": "nominal", "ordinal": "ordinal",
    "numeric": "scale", "multi": "nominal", "coded": "nominal", "text": "nominal",
    "date": "scale", "derived": "nominal", "scale": "scale", "extra": "nominal",
}
#: The missing-value kinds whose code is put back into the SPSS file.
#: Columns of :func:`codebook_table`.
CODEBOOK_COLUMNS = ["variable", "spss_name", "label", "type", "measure", "levels", "missing",
                    "note"]
CODEBOOK_FILE = "codebook.csv"

_SPSS_RESERVED = {"ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO",
                  "WITH"}
_SPSS_NAME_BYTES = 64
_SPSS_VARIABLE_LABEL_BYTES = 256
_SPSS_VALUE_LABEL_BYTES = 120
_SPSS_FILE_LABEL_BYTES = 64
_SPSS_NOTE_LINE_BYTES = 80
_TRANSLITERATE = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe",
                                "Ü": "Ue", "ß": "ss"})
_CSV = {"sep": ";", "decimal": ",", "encoding": "utf-8-sig", "index": False,
        "date_format": "%Y-%m-%d"}


@dataclass(frozen=True)
class ExportColumn:
    """One column of an exported file.

    Attributes
    ----------
    name : str
        The clean data column (the codebook's ``id`` for the respondent code).
    label : str
        Variable label; a multi option's or coded answer's is ``"Question: option"``.
    type : str
        ``id``, the codebook type (``binary``, ``nominal``, ``ordinal``, ``numeric``,
        ``multi``, ``coded``, ``text``, ``date``), ``derived``, ``scale`` or ``extra`` (a
        raw column kept with ``--allow-extra``).
    measure : str
        SPSS measurement level: ``nominal``, ``ordinal`` or ``scale`` (:data:`MEASURES`).
    levels : dict
        Code → label of the valid values, in codebook order: delivered codes for
        categorical variables, ``{0: nicht genannt, 1: genannt}`` for option/code columns,
        1, 2, … for a derived cross.
    missing : dict
        User-missing code → label (put back into the SPSS file; empty for text and date).
    variable : str or None
        The codebook variable whose rows of the ``missing`` table belong to this column.
    note : str
        What else a user of the file should know (reverse keying, what a scale averages).
    """

    name: str
    label: str
    type: str
    measure: str
    levels: dict[int, str] = field(default_factory=dict)
    missing: dict[int, str] = field(default_factory=dict)
    variable: str | None = None
    note: str = ""

    @property
    def is_coded(self) -> bool:
        """Values are integer codes (categorical, option/code column, derived cross)."""
        return self.type in ("binary", "nominal", "ordinal", "multi", "coded", "derived")


# -- what is exported -------------------------------------------------------------------------


def _ids(data: pd.DataFrame, codebook: Codebook) -> pd.Series:
    """The respondent codes: the column named as the codebook's id, else the index."""
    values = data[codebook.id] if codebook.id in data.columns else data.index.to_series()
    return pd.Series(pd.array(values.astype(object).to_numpy(), dtype="string"),
                     name=codebook.id)


def export_columns(data: pd.DataFrame, codebook: Codebook) -> list[ExportColumn]:
    """Describe every exported column: the respondent code first, then the clean data's
    columns in their order.

    Parameters
    ----------
    data : DataFrame
        Clean data (:attr:`survey.store.WaveData.data`), indexed by the respondent code.
    codebook : Codebook

    Returns
    -------
    list of ExportColumn
    """
    lang = codebook.language
    binary = {0: text("export.not_mentioned", lang), 1: text("export.mentioned", lang)}
    out = [ExportColumn(codebook.id, text("export.id_label", lang), "id", MEASURES["id"])]
    for name in data.columns:
        if name == codebook.id:
            continue
        col = codebook.columns.get(name)
        if col is None:
            out.append(ExportColumn(name, name, "extra", MEASURES["extra"],
                                    note=text("export.note_extra", lang)))
        elif col.kind == "variable":
            var = codebook.variables[col.variable]
            restored = var.type not in ("text", "date")
            missing = {c: m.label for c, m in var.missing.items()} if restored else {}
            note = text("export.note_reverse", lang) if var.reverse else ""
            out.append(ExportColumn(name, col.label, var.type, MEASURES[var.type],
                                    dict(col.levels), missing, var.name, note))
        elif col.kind in ("option", "code"):
            var = codebook.variables[col.variable]
            note = text(f"export.note_{col.kind}", lang).format(variable=var.name)
            out.append(ExportColumn(name, f"{var.label}: {col.label}", var.type,
                                    MEASURES[var.type], dict(binary),
                                    {c: m.label for c, m in var.missing.items()}, var.name,
                                    note))
        elif col.kind == "derived":
            values = data[name]
            groups = (list(values.cat.categories)
                      if isinstance(values.dtype, pd.CategoricalDtype) else list(col.groups))
            note = text("export.note_derived", lang).format(
                sources=" × ".join(codebook.derived[name].sources))
            out.append(ExportColumn(name, col.label, "derived", MEASURES["derived"],
                                    {i: str(g) for i, g in enumerate(groups, start=1)},
                                    note=note))
        elif col.kind == "scale":
            scale = codebook.scales[name]
            note = text("export.note_scale", lang).format(
                items=", ".join(scale.items), min_items=scale.min_items)
            out.append(ExportColumn(name, col.label, "scale", MEASURES["scale"], note=note))
        else:  # a multi/coded variable as a whole is no data column
            continue
    return out


def _coded_values(data: pd.DataFrame, col: ExportColumn) -> pd.Series:
    """Integer codes of a categorical, option/code or derived column (nullable Int64)."""
    values = data[col.name]
    if col.type in ("multi", "coded"):
        return pd.Series(pd.array(values.to_numpy(dtype=object), dtype="Int64"))
    index = {label: code for code, label in col.levels.items()}
    labels = values.astype(object).to_numpy()
    codes = pd.Series([index.get(v) if isinstance(v, str) else None for v in labels],
                      dtype="Int64")
    unknown = codes.isna().to_numpy() & pd.notna(labels)
    if unknown.any():
        first = labels[np.flatnonzero(unknown)[0]]
        raise DataError(f"value '{first}' is not a label of the codebook (re-clean the wave)",
                        column=col.name)
    return codes


def codes_table(data: pd.DataFrame, codebook: Codebook, *,
                missing: pd.DataFrame | None = None) -> pd.DataFrame:
    """The clean data with codes instead of labels, as the files hold them.

    Parameters
    ----------
    data : DataFrame
        Clean data, indexed by the respondent code.
    codebook : Codebook
    missing : DataFrame, optional
        The wave's missing table (``respondent, variable, code, reason, kind``). When given,
        the code of every ``dont_know``/``no_answer`` value is put back where the clean
        data have NA (for the SPSS file); without it every missing value stays NA.

    Returns
    -------
    DataFrame
        The respondent code first (string), then one column per clean column: delivered
        codes (``Int64``) for categorical, option/code and derived columns; ``Int64`` for
        numeric variables declared ``integer: true``, float for other numbers and scales;
        datetime for dates; string for text. Index 0..n-1.
    """
    columns = export_columns(data, codebook)
    out: dict[str, pd.Series] = {codebook.id: _ids(data, codebook)}
    for col in columns[1:]:
        values = data[col.name]
        if col.is_coded:
            series = _coded_values(data, col)
        elif col.type in ("text", "extra"):
            series = pd.Series(pd.array(values.astype(object).to_numpy(), dtype="string"))
        elif col.type == "date":
            series = pd.Series(pd.to_datetime(values).to_numpy())
        elif col.type == "numeric" and codebook.variables[col.name].integer:
            series = pd.Series(pd.array(values.to_numpy(dtype=float), dtype="Int64"))
        else:
            series = pd.Series(values.to_numpy(dtype=float))
        out[col.name] = series
    table = pd.DataFrame(out)
    if missing is not None:
        _restore_user_missing(table, columns, missing, codebook)
    return table


def _restore_user_missing(table: pd.DataFrame, columns: list[ExportColumn],
                          missing: pd.DataFrame, codebook: Codebook) -> None:
    """Put the user-missing codes of ``missing`` back where ``table`` has NA."""
    user = missing[missing["kind"].isin(CODE_KINDS) & missing["code"].notna()]
    if user.empty:
        return
    ids = pd.Index(table[codebook.id].astype(object))
    for col in columns:
        if not col.missing or col.variable is None:
            continue
        rows = user[user["variable"] == col.variable]
        if rows.empty:
            continue
        position = ids.get_indexer(rows["respondent"].astype(object))
        found = position >= 0
        position, codes = position[found], rows["code"].to_numpy(dtype=float)[found]
        values = table[col.name].copy()
        blank = values.isna().to_numpy()[position]
        if values.dtype == "Int64":
            values.iloc[position[blank]] = codes[blank].astype(int)
        else:
            values.iloc[position[blank]] = codes[blank]
        table[col.name] = values


def labels_table(data: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """The clean data with answer labels (the ``Daten (Labels)`` sheet).

    Like :func:`codes_table` without ``missing``, but categorical, option/code and derived
    columns hold their labels (``nicht genannt``/``genannt`` for 0/1) as text.
    """
    table = codes_table(data, codebook)
    for col in export_columns(data, codebook)[1:]:
        if col.is_coded:
            table[col.name] = pd.Series(pd.array(
                [col.levels[int(c)] if pd.notna(c) else None for c in table[col.name]],
                dtype="string"))
    return table


def _listing(codes: dict[int, str]) -> str:
    return "; ".join(f"{code} = {label}" for code, label in codes.items())


def codebook_table(data: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """The codebook of the exported columns (the ``Codebuch`` sheet, ``codebook.csv``).

    Returns
    -------
    DataFrame
        One row per exported column, in file order, with the columns

        ``variable``
            The column name in the xlsx/csv files.
        ``spss_name``
            Its name in the SPSS file (see :func:`spss_names`).
        ``label``
            Variable label.
        ``type``
            See :attr:`ExportColumn.type`.
        ``measure``
            ``nominal``, ``ordinal`` or ``scale``.
        ``levels``
            The codes and labels, ``"1 = Nein; 2 = eher nein; …"`` (delivered codes).
        ``missing``
            The user-missing codes, ``"-9 = keine Angabe; 9 = weiß nicht"``; in the xlsx and
            csv files these values are empty cells.
        ``note``
            Reverse keying, what a derived cross crosses, what a scale averages.
    """
    columns = export_columns(data, codebook)
    names = spss_names([c.name for c in columns])
    return pd.DataFrame([{
        "variable": c.name, "spss_name": names[c.name], "label": c.label, "type": c.type,
        "measure": c.measure, "levels": _listing(c.levels), "missing": _listing(c.missing),
        "note": c.note,
    } for c in columns], columns=CODEBOOK_COLUMNS)


# -- SPSS -------------------------------------------------------------------------------------


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
        user-missing values (see the module docstring). Without it those values are
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
    table = table.rename(columns=names)
    lang = codebook.language
    note = _note_lines(" ".join([text("export.notice", lang).format(title=codebook.title),
                                 text("export.notice_sav", lang)]))
    try:
        with atomic_path(path, ".sav") as tmp:
            pyreadstat.write_sav(
                table, tmp,
                file_label=_shorten(text("export.file_label", lang), _SPSS_FILE_LABEL_BYTES),
                column_labels=labels, note=note, variable_value_labels=value_labels,
                missing_ranges=missing_ranges, variable_measure=measure,
                variable_format=formats)
    except pyreadstat.ReadstatError as exc:
        raise SurveyError(f"cannot be written as SPSS ({exc})", file=path) from None
    return path


# -- Excel and CSV ----------------------------------------------------------------------------


def _notice_lines(codebook: Codebook) -> list[str]:
    lang = codebook.language
    return [text("export.notice", lang).format(title=codebook.title),
            text("export.notice_blank", lang)]


def to_xlsx(data: pd.DataFrame, codebook: Codebook, path: str | Path) -> Path:
    """Write the clean data as an Excel workbook (atomically).

    Sheets ``Daten`` (codes, :func:`codes_table`), ``Daten (Labels)``
    (:func:`labels_table`), ``Codebuch`` (:func:`codebook_table`) and ``Hinweis`` (who may
    use the file); sheet names follow the codebook's language. Missing values are empty
    cells; dates are shown as ``YYYY-MM-DD``.

    Returns
    -------
    Path
        ``path``.
    """
    path = Path(path)
    lang = codebook.language
    sheets = {
        text("export.sheet_data", lang): codes_table(data, codebook),
        text("export.sheet_labels", lang): labels_table(data, codebook),
        text("export.sheet_codebook", lang): codebook_table(data, codebook),
    }
    with atomic_path(path, ".xlsx") as tmp:
        with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            for i, (name, frame) in enumerate(sheets.items()):
                frame.to_excel(writer, sheet_name=name, index=False)
                # data sheets keep the header row and the respondent code in view
                writer.sheets[name].freeze_panes = "B2" if i < 2 else "A2"
            notice = writer.book.create_sheet(text("export.sheet_notice", lang))
            for row, line in enumerate(_notice_lines(codebook), start=1):
                notice.cell(row=row, column=1, value=line)
            for sheet in writer.book.worksheets:
                for row in sheet.iter_rows():
                    for cell in row:
                        if cell.data_type == "f":  # free text "=…" is text, not a formula
                            cell.data_type = "s"
                        elif cell.is_date and cell.value is not None:
                            cell.number_format = (
                                "YYYY-MM-DD" if cell.value == cell.value.replace(
                                    hour=0, minute=0, second=0, microsecond=0)
                                else "YYYY-MM-DD HH:MM:SS")
    return path


def to_csv(data: pd.DataFrame, codebook: Codebook, path: str | Path) -> list[Path]:
    """Write the clean data as CSV for German Excel and R, and ``codebook.csv`` beside it.

    Both files: UTF-8 with byte-order mark, ``;`` separated, decimal comma, dates as
    ``YYYY-MM-DD``, missing values empty. The data file holds codes
    (:func:`codes_table`), the codebook file :func:`codebook_table`.

    Returns
    -------
    list of Path
        The data file and the codebook file.
    """
    path = Path(path)
    codebook_path = path.parent / CODEBOOK_FILE
    for target, frame in ((path, codes_table(data, codebook)),
                          (codebook_path, codebook_table(data, codebook))):
        with atomic_path(target, ".csv") as tmp:
            frame.to_csv(tmp, **_CSV)
    return [path, codebook_path]


# -- one wave ---------------------------------------------------------------------------------


def default_export_dir(processed_dir: str | Path, wave: str) -> Path:
    """Where ``survey export`` writes by default: ``<processed_dir>/<wave>/export``."""
    return Path(processed_dir) / wave / "export"


def _check_out_dir(out_dir: Path, wave_data: WaveData) -> Path:
    out_dir = Path(out_dir).resolve()
    raw_dirs = {wave_data.wave.raw.resolve().parent, wave_data.wave.codebook.resolve().parent}
    parts = out_dir.parts
    in_data_raw = any(parts[i:i + 2] == ("data", "raw") for i in range(len(parts)))
    if in_data_raw or any(out_dir == d or d in out_dir.parents for d in raw_dirs):
        raise SurveyError("is a raw-data folder; exports never go under data/raw "
                          "(choose another --out)", file=out_dir)
    return out_dir


def export_wave(wave_data: WaveData, fmt: str, out_dir: str | Path) -> list[Path]:
    """Export a cleaned wave as ``<out_dir>/<wave>.sav``, ``.xlsx`` or ``.csv``.

    Parameters
    ----------
    wave_data : WaveData
        As :func:`survey.store.load_wave` returns it (clean data, codebook, missing table).
    fmt : {"sav", "xlsx", "csv"}
        The file format.
    out_dir : str or Path
        The folder to write to (created when needed); never under ``data/raw``. The CLI's
        default is :func:`default_export_dir`.

    Returns
    -------
    list of Path
        The files written (for ``csv`` also ``codebook.csv``).

    Raises
    ------
    SurveyError
        For an unknown format or an output folder under ``data/raw``.
    """
    fmt = str(fmt).lower().lstrip(".")
    if fmt not in FORMATS:
        raise SurveyError(f"unknown export format '{fmt}' (allowed: {', '.join(FORMATS)})")
    out_dir = _check_out_dir(Path(out_dir), wave_data)
    target = out_dir / f"{wave_data.wave.name}.{fmt}"
    data, codebook = wave_data.data, wave_data.codebook
    if fmt == "sav":
        paths = [to_sav(data, codebook, target, missing=wave_data.missing)]
    elif fmt == "xlsx":
        paths = [to_xlsx(data, codebook, target)]
    else:
        paths = to_csv(data, codebook, target)
    logger.info("exported %s (%s): %d rows, %d columns → %s", wave_data.wave.name, fmt,
                len(data), data.shape[1] + 1, out_dir)
    return paths
