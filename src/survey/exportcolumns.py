"""The exported columns of a cleaned wave and the codes the export files hold.

One job: describe each column that ``survey export`` writes (:class:`ExportColumn`: its
label, type, measurement level, value labels and user-missing codes) and turn the clean
data into the table of delivered codes the files hold (:func:`codes_table`). Both writers
use it: :mod:`survey.export` (xlsx, csv and one wave) and :mod:`survey.exportsav` (SPSS).
What the files hold is described in :mod:`survey.export`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .codebook import Codebook
from .errors import DataError
from .messages import text
from .vocabulary import CODE_KINDS

__all__ = ["MEASURES", "ExportColumn", "export_columns", "codes_table"]

#: SPSS measurement level per exported column type.
MEASURES = {
    "id": "nominal", "binary": "nominal", "nominal": "nominal", "ordinal": "ordinal",
    "numeric": "scale", "multi": "nominal", "coded": "nominal", "text": "nominal",
    "date": "scale", "derived": "nominal", "scale": "scale", "extra": "nominal",
}


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

