"""Values computed from clean columns: keyed item matrices, scale scores, crosses, top box.

Cleaning and the analyses both call these, so a scale score and its reliability, or a
derived variable and a crossed grouping, are built by the same code.

Examples
--------
>>> import pathlib, tempfile
>>> from survey.codebook import load_codebook
>>> text = '''
... id: code
... answer_sets:
...   nj: {type: ordinal, levels: {1: Nein, 2: mittel, 3: Ja}, top_box: [3]}
... variables:
...   a: {answers: nj}
...   b: {answers: nj, reverse: true}
... scales:
...   s: {items: [a, b]}
... '''
>>> path = pathlib.Path(tempfile.mkdtemp()) / "codebook.yml"
>>> _ = path.write_text(text, encoding="utf-8")
>>> cb = load_codebook(path)
>>> levels = ["Nein", "mittel", "Ja"]
>>> data = pd.DataFrame({"a": pd.Categorical(["Ja", "Nein"], levels, ordered=True),
...                      "b": pd.Categorical(["Ja", None], ["Ja", "mittel", "Nein"],
...                                          ordered=True)})
>>> keyed_items(data, cb, "s")  # b is reverse-keyed: "Ja" (3) counts 1
     a    b
0  3.0  1.0
1  1.0  NaN
>>> top_box(data, cb, "b").tolist()  # delivered codes: "Ja" is the top box, also reversed
[1.0, nan]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .codebook import Codebook, Column
from .codebookmodel import _cross_groups
from .errors import CodebookError

__all__ = ["keyed_items", "scale_score", "cross", "grouping_series", "top_box"]


def keyed_items(data: pd.DataFrame, codebook: Codebook, scale: str) -> pd.DataFrame:
    """The item matrix of a scale as the scale keys it.

    Each item's numeric code after ``reverse: true`` on the variable, then the scale's own
    ``reverse: [items]`` (min + max of the answer set's valid levels − value), so an item
    keyed differently in two scales gets the right sign in each.

    Parameters
    ----------
    data : DataFrame
        Clean data (labelled categories).
    codebook : Codebook
    scale : str
        The scale's name.

    Returns
    -------
    DataFrame
        One float column per item, in the scale's item order, NaN where not answered.
    """
    spec = codebook.scales.get(scale)
    if spec is None:
        raise CodebookError("is not a scale of this codebook", file=codebook.path, key=scale)
    items = pd.DataFrame({i: _keyed_codes(data, codebook, i) for i in spec.items},
                         index=data.index)
    for item in spec.reverse:
        items[item] = codebook.variables[item].reverse_code(items[item])
    return items


def _keyed_codes(data: pd.DataFrame, codebook: Codebook, name: str) -> pd.Series:
    """:meth:`Codebook.codes` of a column, each category's code looked up once."""
    column, col = data[name], codebook.columns.get(name)
    keyed = col.keyed if col is not None else {}
    if not keyed or not isinstance(column.dtype, pd.CategoricalDtype):
        return codebook.codes(data, name)
    lookup = {label: float(code) for code, label in keyed.items()}
    per_category = np.array([lookup.get(c, np.nan) for c in column.cat.categories] + [np.nan])
    return pd.Series(per_category[column.cat.codes.to_numpy()], index=column.index, name=name)


def scale_score(items: pd.DataFrame, min_items: int) -> pd.Series:
    """Mean of the answered items of each row when at least ``min_items`` are answered.

    >>> scale_score(pd.DataFrame({"x": [1.0, 2.0, None], "y": [3.0, None, None]}), 1)
    0    2.0
    1    2.0
    2    NaN
    dtype: float64
    """
    enough = items.notna().sum(axis=1) >= min_items
    return items.mean(axis=1, skipna=True).where(enough).astype(float)


def cross(data: pd.DataFrame, codebook: Codebook, names: Sequence[str]) -> pd.Categorical:
    """The cross of categorical columns (e.g. single parent × child under 3).

    Each value reads ``"<label a>: <level> / <label b>: <level>"``; missing when any part
    is missing. Categories in codebook listing order, the first variable varying slowest,
    so the first category is group_a of a crossed grouping.
    """
    columns = [codebook.column(n) for n in names]
    categories = list(_cross_groups(columns))
    codes = _cross_codes(data, columns)
    if codes is not None:
        return pd.Categorical.from_codes(codes, categories=categories)
    values: pd.Series | None = None
    for col in columns:
        part = data[col.name]
        piece = (col.label + ": " + part.astype(object).astype(str)).where(part.notna())
        values = piece if values is None else values + " / " + piece
    return pd.Categorical(values, categories=categories)


def _cross_codes(data: pd.DataFrame, columns: Sequence[Column]) -> np.ndarray | None:
    """The category of each row of a cross from the parts' category codes (-1 where a part
    is missing); None unless every part is a categorical whose categories are its groups."""
    codes = np.zeros(len(data), dtype=np.int64)
    missing = np.zeros(len(data), dtype=bool)
    for col in columns:
        part = data[col.name]
        if not isinstance(part.dtype, pd.CategoricalDtype) or not col.groups:
            return None
        groups = {group: i for i, group in enumerate(col.groups)}
        position = [groups.get(c, -1) if isinstance(c, str) else -1
                    for c in part.cat.categories]
        if -1 in position:
            return None
        part_codes = part.cat.codes.to_numpy()
        missing |= part_codes < 0
        codes = codes * len(col.groups) + np.append(position, -1)[part_codes]
    return np.where(missing, -1, codes)


def grouping_series(data: pd.DataFrame, codebook: Codebook, grouping: str) -> pd.Series:
    """The groups of a codebook grouping as a categorical Series, in listing order.

    A grouping over one variable (or a derived cross) gives that column with its
    categories reordered to listing order; over several variables, their :func:`cross`.
    """
    spec = codebook.groupings.get(grouping)
    if spec is None:
        raise CodebookError("is not a grouping of this codebook", file=codebook.path,
                            key=grouping)
    if len(spec.variables) > 1:
        values = cross(data, codebook, spec.variables)
    else:
        col = codebook.column(spec.variables[0])
        values = pd.Categorical(data[col.name].astype(object), categories=list(col.groups)
                                or list(data[col.name].cat.categories))
    return pd.Series(values, index=data.index, name=grouping)


def top_box(data: pd.DataFrame, codebook: Codebook, name: str) -> pd.Series:
    """1.0 where the answer is in the column's top box, 0.0 where it is another valid
    level, NaN where missing.

    The top box is given in delivered codes (docs/results.md), so a reverse-keyed item's top box
    is the answers the respondent gave, not their keyed values.
    """
    col = codebook.column(name)
    if not col.top_box:
        raise CodebookError("has no top_box in the codebook", file=codebook.path, key=name)
    values = data[col.name]
    hit = values.isin(col.top_box_labels).astype(float)
    return hit.where(values.notna()).rename(name)
