"""Horizontal bars of multiple-response and coded answers, overall or by group."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..messages import check_language, text
from ..numbers import format_number, is_missing
from .style import (
    _LINE,
    _SMALL,
    _TEXT_DARK,
    OKABE_ITO,
    _check_wrap,
    _empty_figure,
    _figure,
    _fit_percent_labels,
    _group_values,
    _legend,
    _legend_rows,
    _n_lines,
    _percent,
    _percent_axis,
    _require,
    _Rows,
    _suptitle,
    _title_height,
    wrap_label,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


def bar_figure(
    table: pd.DataFrame,
    *,
    value: str = "pct_cases",
    label: str = "label",
    count: str = "n",
    title: str | None = None,
    xlabel: str | None = None,
    wrap: int = 45,
    sort: bool = True,
    group: str | None = None,
    masked_text: str | None = None,
    empty_text: str | None = None,
    language: str = "de",
) -> Figure:
    """Horizontal bars of percentages: multiple-response options, coded open answers.

    Each bar ends in its value and count, ``"54,0 % (n = 108)"`` (in English
    ``"54.0% (n = 108)"``). A count masked for
    privacy (a string such as ``"< 5"``, or NaN with the percentage NaN) gets no bar;
    its marker (the string, or ``masked_text`` for NaN) is written instead.

    Parameters
    ----------
    table : DataFrame
        One row per bar (``multi_response.csv``, ``coded.csv``): columns named by
        ``label``, ``value``, ``count`` and, with ``group``, the group column.
    value : str, default "pct_cases"
        Column of the percentages (0–100) the bars show.
    label : str, default "label"
        Column of the bar labels (wrapped at word boundaries).
    count : str, default "n"
        Column of the counts shown beside the percentages.
    title : str, optional
        Figure title (wrapped).
    xlabel : str, optional
        Label of the x axis; default ``plot.bar_xlabel`` of the catalogue ("Anteil der
        Fälle (%)", "Share of cases (%)").
    wrap : int, default 45
        Characters per label line; lines break between words only.
    sort : bool, default True
        Largest value on top (with groups: the largest mean over the groups); masked
        rows go last. False keeps the order of ``table``.
    group : str, optional
        Column naming the group of each row: one bar per label and group, one Okabe-Ito
        colour per group (order of appearance; a missing group is ``value.total``,
        "Gesamt" / "Total"), legend below.
    masked_text : str, optional
        Written instead of a bar when the count is NaN and the percentage too; default
        ``plot.too_few_cases`` ("zu wenige Fälle", "too few cases"). A count
        given as text is written as it is; a text count starting with ``">"`` marks a
        lower bound: the bar is drawn at the value and labelled ``"> 97,3 % (n > 180)"``
        (see :func:`survey.tables.figure_rows`).
    empty_text : str, optional
        Text of the figure drawn for an empty table; default ``plot.no_answers`` ("Keine
        Antworten", "No answers").
    language : {"de", "en"}
        Language of the catalogue texts and numbers.

    Returns
    -------
    matplotlib.figure.Figure
        Not registered with pyplot; the bars are the ``Rectangle`` patches of
        ``fig.axes[0]``, each with ``gid`` ``"<label>|<group>"`` (group empty without
        groups).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"label": ["zu teuer", "schlecht erreichbar", "Uhrzeit"],
    ...                   "n": [12, 108, "< 5"], "pct_cases": [6.0, 54.0, float("nan")]})
    >>> fig = bar_figure(t)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['schlecht erreichbar', 'zu teuer', 'Uhrzeit']
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['54,0 % (n = 108)', '6,0 % (n = 12)', '< 5']
    """
    from matplotlib.patches import Patch

    check_language(language)
    _check_wrap(wrap)
    if xlabel is None:
        xlabel = text("plot.bar_xlabel", language)
    if masked_text is None:
        masked_text = text("plot.too_few_cases", language)
    if empty_text is None:
        empty_text = text("plot.no_answers", language)
    if table is None or len(table) == 0:
        return _empty_figure(empty_text, title)
    columns = [label, value, count] + ([group] if group is not None else [])
    _require(table, columns, "bar_figure")

    data = _bar_data(table, label, value, count, group, language)
    groups = list(dict.fromkeys(data["group"]))  # [""] without groups
    order = _bar_order(data, groups, group is not None, sort)
    rows, positions, bar_height = _bar_rows(data, order, groups, group is not None, wrap)
    colours = {g: OKABE_ITO[i % len(OKABE_ITO)] for i, g in enumerate(groups)}

    title_text = wrap_label(title, 90) if title else None
    bottom = 0.6 + (0.25 * _legend_rows(groups) + 0.15 if group is not None else 0.0)
    fig = _figure(rows.height + _title_height(title_text) + bottom)
    ax = fig.add_subplot()
    texts, anchors = _draw_bars(ax, data, positions, colours, bar_height, masked_text,
                                language)
    finite = data["value"][np.isfinite(data["value"])]
    upper = float(finite.max()) if len(finite) else 0.0
    _percent_axis(ax, max(upper * 1.05, 1.0), rows, xlabel, language)
    if group is not None:
        handles = [Patch(facecolor=colours[g], edgecolor="white") for g in groups]
        _legend(fig, handles, groups)
    _suptitle(fig, title_text)
    _fit_percent_labels(ax, texts, anchors)
    return fig


def _bar_data(table: pd.DataFrame, label: str, value: str, count: str, group: str | None,
              language: str) -> pd.DataFrame:
    """The bars' label, value, count (as given) and group (``""`` without groups)."""
    data = pd.DataFrame({
        "label": table[label].map(lambda x: "" if is_missing(x) else str(x)).to_numpy(),
        "value": pd.to_numeric(table[value], errors="coerce").astype(float).to_numpy(),
        "count": table[count].to_numpy(dtype=object),
    })
    data["group"] = (_group_values(table, group, language).to_numpy() if group is not None
                     else "")
    return data


def _bar_order(data: pd.DataFrame, groups: list[str], grouped: bool,
               sort: bool) -> list[list[int]]:
    """The rows of ``data`` per label, labels top to bottom, groups in their order."""
    if not grouped:
        order = list(range(len(data)))
        if sort:
            order = sorted(order, key=lambda i: (np.isnan(data["value"].iloc[i]),
                                                 -np.nan_to_num(data["value"].iloc[i])))
        return [[i] for i in order]
    labels = list(dict.fromkeys(data["label"]))
    if sort:
        means = {}
        for lbl in labels:
            vals = data.loc[data["label"] == lbl, "value"].dropna()
            means[lbl] = float(vals.mean()) if len(vals) else math.nan
        labels = sorted(labels, key=lambda s: (math.isnan(means[s]),
                                               -np.nan_to_num(means[s])))
    return [sorted(data.index[data["label"] == lbl],
                   key=lambda i: groups.index(data.at[i, "group"])) for lbl in labels]


def _bar_rows(data: pd.DataFrame, order: list[list[int]], groups: list[str], grouped: bool,
              wrap: int) -> tuple[_Rows, list[tuple[int, float]], float]:
    """The rows and their heights, each bar's y position and the bar height."""
    bar_height = 0.24 if not grouped else 0.2
    air = 0.14 if not grouped else 0.26  # grouped: keep the items apart
    rows = _Rows()
    positions: list[tuple[int, float]] = []
    for members in order:
        tick = wrap_label(data.at[members[0], "label"], wrap)
        height = max(_LINE * _n_lines(tick) + 0.12, len(groups) * bar_height + air)
        centre = rows.add(tick, height)
        for member in members:
            slot = groups.index(data.at[member, "group"])
            positions.append((member, centre + (slot - (len(groups) - 1) / 2) * bar_height))
    return rows, positions, bar_height


def _bar_note(v: float, n_raw: object, masked_text: str, language: str) -> str:
    """The text at the end of a bar: value and count, or the marker of a masked count."""
    n_num = pd.to_numeric(pd.Series([n_raw], dtype=object), errors="coerce").iloc[0]
    if math.isnan(v):
        if is_missing(n_num):  # masked: "< 5" as given, NaN as masked_text
            return n_raw.strip() if isinstance(n_raw, str) and n_raw.strip() else masked_text
        return f"– (n = {format_number(n_num, 'count', language)})"
    note = _percent(v, language, 1)
    if not is_missing(n_num):
        note += f" (n = {format_number(n_num, 'count', language)})"
    elif isinstance(n_raw, str) and n_raw.strip().startswith(">"):
        note = f"> {note} (n {n_raw.strip()})"  # a lower bound, e.g. n > 180
    return note


def _draw_bars(ax: Axes, data: pd.DataFrame, positions: list[tuple[int, float]],
               colours: dict[str, str], bar_height: float, masked_text: str,
               language: str) -> tuple[list[object], list[float]]:
    """The bars and the texts at their ends; returns the texts and where they start."""
    texts, anchors = [], []
    for member, ypos in positions:
        v = float(data.at[member, "value"])
        anchor = 0.0 if math.isnan(v) else v
        if not math.isnan(v):
            container = ax.barh(ypos, v, height=bar_height * 0.92,
                                color=colours[data.at[member, "group"]], edgecolor="white",
                                linewidth=0.5, zorder=2)
            container.patches[0].set_gid(f"{data.at[member, 'label']}|{data.at[member, 'group']}")
        note = _bar_note(v, data.at[member, "count"], masked_text, language)
        texts.append(ax.annotate(note, (anchor, ypos), xytext=(3, 0), textcoords="offset points",
                                 ha="left", va="center", fontsize=_SMALL, color=_TEXT_DARK,
                                 annotation_clip=False, parse_math=False))
        anchors.append(anchor)
    return texts, anchors
