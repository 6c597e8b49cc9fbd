"""Horizontal bars of multiple-response and coded answers, overall or by group."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..messages import check_language, text
from ..numbers import format_number, is_missing
from .style import (
    _FIG_WIDTH,
    _FONT,
    _LINE,
    _SMALL,
    _TEXT_DARK,
    OKABE_ITO,
    _empty_figure,
    _fit_right,
    _group_values,
    _legend,
    _legend_rows,
    _n_lines,
    _percent,
    _require,
    _style_axes,
    wrap_label,
)

if TYPE_CHECKING:
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
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch
    from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator

    check_language(language)
    if wrap < 1:
        raise ValueError(f"wrap must be a positive number of characters, got {wrap!r}")
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

    data = pd.DataFrame({
        "label": table[label].map(lambda x: "" if is_missing(x) else str(x)).to_numpy(),
        "value": pd.to_numeric(table[value], errors="coerce").astype(float).to_numpy(),
        "count": table[count].to_numpy(dtype=object),
    })
    data["group"] = (_group_values(table, group, language).to_numpy() if group is not None
                     else "")
    groups = list(dict.fromkeys(data["group"]))

    if group is None:
        order = list(range(len(data)))
        if sort:
            order = sorted(order, key=lambda i: (np.isnan(data["value"].iloc[i]),
                                                 -np.nan_to_num(data["value"].iloc[i])))
        rows = [[i] for i in order]
    else:
        labels = list(dict.fromkeys(data["label"]))
        if sort:
            means = {}
            for lbl in labels:
                vals = data.loc[data["label"] == lbl, "value"].dropna()
                means[lbl] = float(vals.mean()) if len(vals) else math.nan
            labels = sorted(labels, key=lambda s: (math.isnan(means[s]),
                                                   -np.nan_to_num(means[s])))
        rows = []
        for lbl in labels:
            members = data.index[data["label"] == lbl]
            rows.append(sorted(members, key=lambda i: groups.index(data.at[i, "group"])))

    colours = {g: OKABE_ITO[i % len(OKABE_ITO)] for i, g in enumerate(groups)}
    n_groups = len(groups) if group is not None else 1
    bar_height = 0.24 if group is None else 0.2
    positions: list[tuple[int, float]] = []
    ticks: list[float] = []
    tick_texts: list[str] = []
    y = 0.0
    for members in rows:
        tick = wrap_label(data.at[members[0], "label"], wrap)
        slots = n_groups if group is not None else 1
        air = 0.14 if group is None else 0.26  # grouped: keep the items apart
        height = max(_LINE * _n_lines(tick) + 0.12, slots * bar_height + air)
        ticks.append(y + height / 2)
        tick_texts.append(tick)
        for member in members:
            slot = groups.index(data.at[member, "group"]) if group is not None else 0
            offset = (slot - (slots - 1) / 2) * bar_height
            positions.append((member, y + height / 2 + offset))
        y += height
    rows_height = y

    title_text = wrap_label(title, 90) if title else None
    top = 0.22 * _n_lines(title_text) + 0.2 if title_text else 0.1
    bottom = 0.6 + (0.25 * _legend_rows(groups) + 0.15 if group is not None else 0.0)
    fig = Figure(figsize=(_FIG_WIDTH, rows_height + top + bottom), layout="constrained")
    ax = fig.add_subplot()
    texts, anchors = [], []
    for member, ypos in positions:
        v = float(data.at[member, "value"])
        n_raw = data.at[member, "count"]
        n_num = pd.to_numeric(pd.Series([n_raw], dtype=object), errors="coerce").iloc[0]
        colour = colours[data.at[member, "group"]] if group is not None else OKABE_ITO[0]
        if math.isnan(v):
            if is_missing(n_num):  # masked: "< 5" as given, NaN as masked_text
                note = n_raw.strip() if isinstance(n_raw, str) and n_raw.strip() else masked_text
            else:
                note = f"– (n = {format_number(n_num, 'count', language)})"
            anchor = 0.0
        else:
            container = ax.barh(ypos, v, height=bar_height * 0.92, color=colour,
                                edgecolor="white", linewidth=0.5, zorder=2)
            container.patches[0].set_gid(f"{data.at[member, 'label']}|{data.at[member, 'group']}")
            note = _percent(v, language, 1)
            if not is_missing(n_num):
                note += f" (n = {format_number(n_num, 'count', language)})"
            elif isinstance(n_raw, str) and n_raw.strip().startswith(">"):
                note = f"> {note} (n {n_raw.strip()})"  # a lower bound, e.g. n > 180
            anchor = v
        texts.append(ax.annotate(note, (anchor, ypos), xytext=(3, 0), textcoords="offset points",
                                 ha="left", va="center", fontsize=_SMALL, color=_TEXT_DARK,
                                 annotation_clip=False, parse_math=False))
        anchors.append(anchor)

    finite = data["value"][np.isfinite(data["value"])]
    upper = float(finite.max()) if len(finite) else 0.0
    ax.set_xlim(0.0, max(upper * 1.05, 1.0))
    ax.set_ylim(rows_height, 0.0)
    ax.set_yticks(ticks, tick_texts, parse_math=False)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
    ax.xaxis.set_major_formatter(FuncFormatter(
        lambda v, _pos: format_number(v, "percent", language, 0)))
    ax.set_xlabel(xlabel, fontsize=_FONT, parse_math=False)
    ax.axvline(0.0, color="#333333", linewidth=0.8, zorder=3)
    _style_axes(ax)
    if group is not None:
        handles = [Patch(facecolor=colours[g], edgecolor="white") for g in groups]
        _legend(fig, handles, groups)
    if title_text:
        fig.suptitle(title_text, fontsize=12, parse_math=False)
    _fit_right(ax, texts, anchors)
    # ticks only up to 100 %: the room right of the bars is for their labels
    right = ax.get_xlim()[1]
    ticks = MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]).tick_values(0.0, min(right, 100.0))
    ax.xaxis.set_major_locator(FixedLocator([t for t in ticks if 0 <= t <= min(right, 100.0)]))
    return fig


# --------------------------------------------------------------------------- missing values

#: The kinds of missing values a missingness figure stacks, in order, and their bars:
#: "weiß nicht" as in likert_figure (hatched grey), the others Okabe-Ito colours that
#: differ in lightness (grey print).
