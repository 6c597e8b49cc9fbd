"""The schema clean data must satisfy, built from the codebook (pandera).

:func:`survey.store.clean_wave` checks every clean data set against it before
writing anything. A failure is a bug in the cleaning code, not a problem with the
user's data (that is reported by the cleaner itself), so it raises an internal error
listing what does not fit.

Examples
--------
>>> import pandas as pd
>>> from survey.codebook import Codebook, Variable
>>> cb = Codebook(path="cb.yml", instrument="i", title="t", language="de", id="code",
...     id_source="code", missing={}, sections={}, variables={
...     "alter": Variable("alter", "Alter", "numeric", "alter", range=(16, 70))})
>>> data = pd.DataFrame({"alter": [34.0, 99.0]}, index=pd.Index(["A", "B"], name="code"))
>>> check_clean(data, cb)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
survey.schema.CleanSchemaError: clean data do not fit the codebook: alter: ... for 99.0 (B)
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from .codebook import Codebook

__all__ = ["clean_schema", "check_clean", "CleanSchemaError"]


class CleanSchemaError(RuntimeError):
    """The cleaner produced data that break the codebook: a bug, not a user error."""


def _scale_range(codebook: Codebook, items: list[str]) -> tuple[float, float] | None:
    lows, highs = [], []
    for item in items:
        var = codebook.variables[item]
        if var.levels:
            lows.append(min(var.levels))
            highs.append(max(var.levels))
        elif var.range is not None:
            lows.append(var.range[0])
            highs.append(var.range[1])
        else:
            return None
    return min(lows), max(highs)


def clean_schema(codebook: Codebook, *, strict: bool = True) -> pa.DataFrameSchema:
    """A pandera schema of the clean data of ``codebook`` (see ``docs/architecture.md``).

    Parameters
    ----------
    codebook : Codebook
    strict : bool, default True
        No columns beyond the codebook's (``False`` for ``--allow-extra``).
    """
    columns: dict[str, pa.Column] = {}
    for var in codebook.variables.values():
        if var.is_categorical:
            labels = list(var.value_labels.values())
            dtype = pd.CategoricalDtype(labels, ordered=var.ordered)
            columns[var.name] = pa.Column(dtype, nullable=True)
        elif var.type in ("multi", "coded"):
            for col in var.columns:
                columns[col] = pa.Column("Int8", pa.Check.isin([0, 1]), nullable=True)
        elif var.type == "numeric":
            checks = [pa.Check.in_range(*var.range)] if var.range else []
            if var.integer:
                checks.append(pa.Check(lambda s: (s % 1 == 0), name="integer"))
            columns[var.name] = pa.Column(float, checks, nullable=True)
        elif var.type == "text":
            columns[var.name] = pa.Column("string", nullable=True)
        elif var.type == "date":
            columns[var.name] = pa.Column("datetime64[ns]", nullable=True)
    for derived in codebook.derived.values():
        columns[derived.name] = pa.Column("category", nullable=True)
    for scale in codebook.scales.values():
        bounds = _scale_range(codebook, scale.items)
        checks = [pa.Check.in_range(*bounds)] if bounds else []
        columns[scale.name] = pa.Column(float, checks, nullable=True)
    return pa.DataFrameSchema(
        columns,
        index=pa.Index(str, unique=True, name=codebook.id),
        strict=strict,
        ordered=False,
    )


def check_clean(data: pd.DataFrame, codebook: Codebook, *, strict: bool = True) -> None:
    """Raise :class:`CleanSchemaError` when ``data`` do not fit ``codebook``'s schema."""
    try:
        clean_schema(codebook, strict=strict).validate(data, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        parts = []
        for row in cases.head(5).itertuples():
            where = f" ({row.index})" if pd.notna(row.index) else ""
            parts.append(f"{row.column}: {row.check} fails for {row.failure_case}{where}")
        more = f"; … ({len(cases) - 5} more)" if len(cases) > 5 else ""
        raise CleanSchemaError("clean data do not fit the codebook: " + "; ".join(parts)
                               + more) from None
