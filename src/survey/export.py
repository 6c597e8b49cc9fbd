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
from pathlib import Path

import pandas as pd

from .codebook import Codebook
from .errors import SurveyError
from .exportcolumns import codes_table, export_columns
from .exportsav import spss_names, to_sav
from .fileio import atomic_path
from .messages import text
from .store import WaveData

__all__ = [
    "FORMATS",
    "labels_table",
    "codebook_table",
    "to_xlsx",
    "to_csv",
    "default_export_dir",
    "export_wave",
]

logger = logging.getLogger(__name__)

#: The formats of :func:`export_wave` (``survey export --to``).
FORMATS = ("sav", "xlsx", "csv")
#: Columns of :func:`codebook_table`.
CODEBOOK_COLUMNS = ["variable", "spss_name", "label", "type", "measure", "levels", "missing",
                    "note"]
CODEBOOK_FILE = "codebook.csv"
_CSV = {"sep": ";", "decimal": ",", "encoding": "utf-8-sig", "index": False,
        "date_format": "%Y-%m-%d"}


# -- the code, label and codebook tables ------------------------------------------------------


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
            See :attr:`~survey.exportcolumns.ExportColumn.type`.
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
    logger.debug("exported %s (%s): %d rows, %d columns → %s", wave_data.wave.name, fmt,
                len(data), data.shape[1] + 1, out_dir)
    return paths
