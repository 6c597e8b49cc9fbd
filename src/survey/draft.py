"""Draft a codebook from a data file: SPSS ``.sav`` (labels, value labels, user-missing
values), or a plain CSV or Excel table (types inferred from the values).

The draft is a starting point: every guess is marked with a ``# guess:`` comment for the
user to confirm (the language, the respondent code or its absence, ordered scales, missing
codes, sets of 0/1 columns). It is written so that ``survey validate`` and the reports
run on it unchanged: a value that occurs in the data without a label becomes a level of
its own (labelled with its code), so that nothing delivered is blanked.

The readers of each format are :mod:`survey.draftsav` and :mod:`survey.drafttable`, the
guesses :mod:`survey.draftguess`, the writer :mod:`survey.draftwrite`.
"""

from __future__ import annotations

from pathlib import Path

from .draftguess import find_id, guess_language
from .draftlss import lss_columns
from .draftsav import sav_columns
from .drafttable import table_columns
from .draftwrite import document
from .errors import DataError

__all__ = ["DRAFT_SUFFIXES", "draft_codebook"]

#: the files a codebook can be drafted from
DRAFT_SUFFIXES = (".sav", ".zsav", ".csv", ".tsv", ".txt", ".xlsx", ".xls")


def draft_codebook(path: str | Path, *, id_column: str | None = None,
                   sheet: str | None = None, structure: str | Path | None = None) -> str:
    """Return a draft ``codebook.yml`` (as text) for a data file.

    Parameters
    ----------
    path : str or Path
        SPSS (``.sav``, ``.zsav``), CSV/TSV/TXT or Excel (``.xlsx``, ``.xls``).
    id_column : str, optional
        The respondent-code column. By default the draft looks for a column with a value
        in every row and no value twice (named like a code, or the first column); when
        there is none it leaves ``id`` out: respondents are numbered by their row.
    sheet : str, optional
        The Excel sheet (default: the first).
    structure : str or Path, optional
        A LimeSurvey survey structure (``.lss``) of which ``path`` is the response export
        (:mod:`survey.draftlss`): texts, answer options and groups from there.

    Raises
    ------
    DataError
        When the file cannot be read, or ``id_column`` is not one of its columns.
    """
    from .io import read_raw

    path = Path(path)
    if path.suffix.lower() == ".lss":
        raise DataError("is a LimeSurvey structure: draft from its response export and "
                        "give the structure with --lss (survey codebook draft "
                        "responses.csv --lss survey.lss)", file=path)
    if path.suffix.lower() not in DRAFT_SUFFIXES:
        raise DataError(f"cannot be drafted from (use one of {', '.join(DRAFT_SUFFIXES)})",
                        file=path)
    table = read_raw(path, sheet=sheet)
    frame = table.frame
    sections: dict[str, str] = {}
    if structure is not None:
        title, columns, sections = lss_columns(Path(structure), frame)
    elif path.suffix.lower() in (".sav", ".zsav"):
        title, columns = sav_columns(path, frame)
    else:
        title, columns = path.stem, table_columns(frame)
    labelled = [c.source for c in columns if c.levels or c.missing]
    if id_column is not None:
        if id_column not in frame.columns:
            raise DataError(f"has no column '{id_column}'", file=path)
        id_note = None
    else:
        id_column, id_note = find_id(frame, labelled)
    language, language_note = guess_language(
        [c.label for c in columns] + [v for c in columns for v in c.levels.values()])
    return document(path, title, language, language_note, id_column, id_note,
                    [c for c in columns if c.source != id_column], sections)
