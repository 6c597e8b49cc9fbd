"""Diverging bars of rating-scale answers, "weiß nicht" and withheld parts beside them."""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..disclosure import Policy, checked, shown_only
from ..messages import check_language, text
from ..numbers import format_number, is_missing
from .style import (
    _DONT_KNOW_HATCH,
    _FONT,
    _LINE,
    _MIN_SEGMENT_LABEL,
    _SMALL,
    _TEXT_DARK,
    _WITHHELD_STYLE,
    DONT_KNOW_COLOUR,
    _check_wrap,
    _empty_figure,
    _figure,
    _fit_right,
    _group_values,
    _legend,
    _legend_rows,
    _n_lines,
    _nice_limit,
    _ordered_groups,
    _percent_ticks,
    _require,
    _Rows,
    _style_axes,
    _suptitle,
    _text_colour,
    _title_height,
    _with_n,
    _withheld_patch,
    likert_colours,
    wrap_label,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch


_BAR_HEIGHT = 0.24  # inches


def likert_figure(
    freq: pd.DataFrame,
    *,
    policy: Policy,
    title: str | None = None,
    dont_know_label: str | None = None,
    xlabel: str | None = None,
    n_label: str = "n",
    wrap: int = 45,
    group_order: Sequence[Hashable] | None = None,
    empty_text: str | None = None,
    language: str = "de",
) -> Figure:
    """Diverging stacked bars of rating-scale items, "weiß nicht" in a panel of its own.

    A figure is a table drawn: each bar shows exactly the ``pct`` column of the frequency
    table beside it (the share of those who were asked, the base ``n``), nothing the table
    withholds. One bar per variable (top to bottom in input order) or, when ``freq`` has a
    ``group`` column, one bar per variable and group: the item's label as a bold heading,
    its groups' bars underneath, labelled with the group name. With ``k`` valid levels the
    shown levels below the middle are stacked to the left of zero (the lowest farthest
    left), the middle level of an odd scale is centred on zero, the shown levels above it
    go to the right; segments of at least 8 % carry their percentage. A withheld level is
    not drawn and leaves no gap: what the table withholds of a bar (its withheld levels,
    "weiß nicht" and missing answers) is one hatched segment "nicht ausgewiesen" in the
    panel on the right, beside "weiß nicht", as long as the base minus everything shown
    (which the table shows too), so that no length gives a withheld count away. Answers
    missing for other reasons (no answer, blank, invalid) are not drawn. A bar whose base
    is withheld is not drawn; its row says so.

    Each variable uses its own levels (so items with different scales can share a figure),
    but the legend shows the value labels of the first variable only: give items with
    different scales figures of their own when their labels differ.

    Parameters
    ----------
    freq : DataFrame
        The frequency table as :meth:`survey.disclosure.Plan.table` returned it (shared)
        or at full precision (internal): ``variable, label, value_label, kind, n, pct,
        base_n`` and optionally ``code``, ``group`` and the bookkeeping columns; valid
        rows in the order of the answer scale, lowest level first.
    policy : Policy
        The run's disclosure policy (a shared table must have been through its plan).
    title : str, optional
        Figure title (wrapped).
    dont_know_label : str, optional
        Legend entry and panel title of the ``dont_know`` answers; default
        ``kind.dont_know`` of the catalogue ("weiß nicht", "don't know").
    xlabel : str, optional
        Label of the diverging axis; default ``plot.likert_xlabel``.
    n_label : str, default "n"
        Symbol of the base in the tick labels (``"(n = 123)"``).
    wrap : int, default 45
        Characters per line of the item labels; lines break between words only.
    group_order : sequence, optional
        Groups to show and their order; default all groups in order of appearance. A
        missing group value is shown as ``value.total`` ("Gesamt", "Total").
    empty_text : str, optional
        Text of the figure drawn when ``freq`` has no bar; default ``plot.no_answers``.
    language : {"de", "en"}
        Language of the catalogue texts and numbers.

    Returns
    -------
    matplotlib.figure.Figure
        Not registered with pyplot. ``fig.axes[0]`` is the diverging chart, ``fig.axes[1]``
        (when present) the panel of "weiß nicht" and withheld answers. Every bar segment is
        a ``Rectangle`` whose ``gid`` is ``"<variable>|<group>|<level>"`` (level: 1-based
        position on the scale, ``"dont_know"`` or ``"not_shown"``; group empty without
        groups).

    Examples
    --------
    >>> import pandas as pd
    >>> freq = pd.DataFrame({"variable": "x", "label": "Frage", "code": [1, 2],
    ...                      "value_label": ["nein", "ja"], "kind": "valid", "n": [15, 5],
    ...                      "pct": [75.0, 25.0], "base_n": 20})
    >>> fig = likert_figure(freq, policy=Policy(5, internal=True))
    >>> [(float(p.get_x()), float(p.get_width())) for p in fig.axes[0].patches]
    [(-75.0, 75.0), (0.0, 25.0)]
    """
    policy = checked(policy)
    check_language(language)
    _check_wrap(wrap)
    if dont_know_label is None:
        dont_know_label = text("kind.dont_know", language)
    if xlabel is None:
        xlabel = text("plot.likert_xlabel", language)
    if empty_text is None:
        empty_text = text("plot.no_answers", language)
    if freq is None or len(freq) == 0:
        return _empty_figure(empty_text, title)
    _require(freq, ["variable", "label", "value_label", "kind", "n", "pct", "base_n"],
             "likert_figure")
    data, grouped, groups = _likert_data(freq, policy, group_order, language)
    if not groups:
        return _empty_figure(empty_text, title)
    not_shown = text("text.not_shown", language)
    bars, headings, legend_levels = _likert_bars(data, groups, grouped, wrap, n_label,
                                                 not_shown, language)
    if not bars:
        return _empty_figure(empty_text, title)
    show_dk = any(b["dk"] > 0 for b in bars)
    show_hidden = any(b["hidden"] > 1e-9 for b in bars)
    rows = _likert_rows(bars, headings, grouped)

    legend_labels = list(legend_levels or [])
    if show_dk:
        legend_labels.append(dont_know_label)
    if show_hidden:
        legend_labels.append(not_shown)
    title_text = wrap_label(title, 90) if title else None
    top = _title_height(title_text) + (0.25 if show_dk or show_hidden else 0)
    bottom = 0.6 + 0.25 * _legend_rows(legend_labels) + 0.15
    fig = _figure(rows.height + top + bottom)
    ax, ax_dk = _likert_axes(fig, show_dk or show_hidden)
    extent = _draw_likert(ax, bars, language)
    _likert_x_axis(ax, extent, rows, xlabel, language)
    texts, anchors = [], []
    if ax_dk is not None:
        panel = ([dont_know_label] if show_dk else []) + ([not_shown] if show_hidden else [])
        texts, anchors = _dont_know_panel(ax_dk, bars, "\n".join(panel), language)
    handles = _likert_handles(legend_levels, show_dk, show_hidden)
    if handles:
        _legend(fig, handles, legend_labels)
    _suptitle(fig, title_text)
    if ax_dk is not None and texts:
        _fit_right(ax_dk, texts, anchors)
    return fig


def _likert_data(freq: pd.DataFrame, policy: Policy, group_order: Sequence[Hashable] | None,
                 language: str) -> tuple[pd.DataFrame, bool, list[str]]:
    """The shown rows with numeric shares and bases, whether grouped, the groups to draw."""
    data = shown_only(freq, "frequencies", policy).copy()
    data["_pct"] = pd.to_numeric(data["pct"], errors="coerce").astype(float)
    data["_base"] = pd.to_numeric(data["base_n"], errors="coerce").astype(float)
    grouped = "group" in data.columns and bool(data["group"].notna().any())
    data["_group"] = _group_values(data, "group", language) if grouped else ""
    groups = _ordered_groups(data["_group"], group_order) if grouped else [""]
    if "code" not in data.columns:
        data["code"] = np.nan
    return data, grouped, groups


def _level_key(row: pd.Series) -> Hashable:
    """A level of the scale: its code, or its value label when it has none."""
    return ("code", float(row["code"])) if not is_missing(row["code"]) else (
        "label", str(row["value_label"]))


def _likert_bars(data: pd.DataFrame, groups: list[str], grouped: bool, wrap: int,
                 n_label: str, not_shown: str, language: str,
                 ) -> tuple[list[dict[str, Any]], list[str], list[str] | None]:
    """One entry per bar in display order, the items' headings and the legend's levels."""
    bars: list[dict[str, Any]] = []
    headings: list[str] = []
    legend_levels: list[str] | None = None
    for variable in dict.fromkeys(data["variable"]):
        rows = data[data["variable"] == variable]
        label = str(rows["label"].iloc[0])
        valid = rows[rows["kind"] == "valid"]
        keys = list(dict.fromkeys(_level_key(r) for _, r in valid.iterrows()))
        if not keys:  # no answer on the scale to draw (only missing answers)
            continue
        if legend_levels is None and keys:
            first = {_level_key(r): str(r["value_label"]) for _, r in valid.iterrows()}
            legend_levels = [first[k] for k in keys]
        if grouped:
            headings.append(wrap_label(label, wrap))
        for group in groups:
            sub = rows[rows["_group"] == group]
            if grouped and not len(sub):
                continue
            tick = wrap_label(group if grouped else label, wrap)
            bars.append({"variable": variable, "group": group, "heading": len(headings) - 1,
                         **_likert_bar(sub, keys, tick, wrap, n_label, not_shown, language)})
    return bars, headings, legend_levels


def _likert_bar(sub: pd.DataFrame, keys: list[Hashable], tick: str, wrap: int, n_label: str,
                not_shown: str, language: str) -> dict[str, Any]:
    """One bar: its shares per level, base, "weiß nicht", withheld part and tick label."""
    base = float(sub["_base"].iloc[0]) if len(sub) else math.nan
    pct = np.full(len(keys), np.nan)
    for _, r in sub[sub["kind"] == "valid"].iterrows():
        pct[keys.index(_level_key(r))] = r["_pct"]
    dk_rows = sub[sub["kind"] == "dont_know"]
    dont_know = float(dk_rows["_pct"].sum(min_count=1)) if len(dk_rows) else 0.0
    shown_total = np.nansum(pct) + (0.0 if math.isnan(dont_know) else dont_know) + \
        float(sub.loc[~sub["kind"].isin(["valid", "dont_know"]), "_pct"].sum())
    # what the table withholds of the bar, drawn as one neutral part (only where
    # it withholds something: rounded shares need not add up to 100 exactly)
    withheld = max(0.0, round(100.0 - shown_total, 9)) \
        if base > 0 and sub["_pct"].isna().any() else 0.0
    return {"pct": pct, "base": base,
            "dk": 0.0 if math.isnan(dont_know) else dont_know,
            "hidden": 0.0 if math.isnan(base) else withheld,
            "text": (tick + "\n(" + not_shown + ")" if math.isnan(base)
                     else _with_n(tick, base, wrap, n_label, language))}


def _likert_rows(bars: list[dict[str, Any]], headings: list[str], grouped: bool) -> _Rows:
    """Rows and their heights (items' headings above their groups); sets each bar's y."""
    rows = _Rows()
    last_heading = -1
    for bar in bars:
        if grouped and bar["heading"] != last_heading:
            last_heading = bar["heading"]
            heading = headings[last_heading]
            if rows.ticks:
                rows.height += 0.2  # air between items
            rows.add(heading, _LINE * _n_lines(heading) + 0.08, bold=True)
        height = max(0.32 if grouped else 0.38, _LINE * _n_lines(bar["text"]) + 0.12)
        bar["y"] = rows.add(bar["text"], height)
    return rows


def _likert_axes(fig: Figure, side: bool) -> tuple[Axes, Axes | None]:
    """The diverging chart and, with ``side``, the narrow panel right of it."""
    if not side:
        return fig.add_subplot(), None
    grid = fig.add_gridspec(1, 2, width_ratios=[6.0, 1.0], wspace=0.02)
    ax = fig.add_subplot(grid[0, 0])
    return ax, fig.add_subplot(grid[0, 1], sharey=ax)


def _segments(pct: np.ndarray) -> tuple[list[tuple[int, float, float]], float]:
    """(level, left, width) of a bar's shown levels around zero, and its reach from zero."""
    k = len(pct)
    middle = k // 2
    centre = pct[middle] if k % 2 and not math.isnan(pct[middle]) else 0.0
    segments: list[tuple[int, float, float]] = []
    left = -centre / 2
    for i in range(middle - 1, -1, -1):
        if math.isnan(pct[i]):
            continue  # withheld: not drawn, no gap
        left -= pct[i]
        segments.append((i, left, pct[i]))
    if k % 2 and not math.isnan(pct[middle]):
        segments.append((middle, -centre / 2, centre))
    right = centre / 2
    for i in range(middle + k % 2, k):
        if math.isnan(pct[i]):
            continue
        segments.append((i, right, pct[i]))
        right += pct[i]
    return sorted(segments), max(-left, right)


def _draw_likert(ax: Axes, bars: list[dict[str, Any]], language: str) -> float:
    """The diverging bars with their percentages; returns the widest reach from zero."""
    extent = 0.0
    for bar in bars:
        k = len(bar["pct"])
        colours = likert_colours(k) if k else []
        segments, reach = _segments(bar["pct"])
        extent = max(extent, reach)
        for i, x, width in segments:
            if width <= 0:
                continue
            container = ax.barh(bar["y"], width, left=x, height=_BAR_HEIGHT, color=colours[i],
                                edgecolor="white", linewidth=0.8, zorder=2)
            container.patches[0].set_gid(f"{bar['variable']}|{bar['group']}|{i + 1}")
            if width >= _MIN_SEGMENT_LABEL:
                ax.text(x + width / 2, bar["y"], format_number(width, "percent", language, 0),
                        ha="center", va="center",
                        fontsize=_SMALL, color=_text_colour(colours[i]), zorder=4,
                        bbox={"boxstyle": "square,pad=0.05", "facecolor": colours[i],
                              "edgecolor": "none"})
    return extent


def _likert_x_axis(ax: Axes, extent: float, rows: _Rows, xlabel: str, language: str) -> None:
    """The symmetric x axis (shares on both sides of zero), the rows on the y axis."""
    from matplotlib.ticker import FixedLocator, FuncFormatter

    limit, step = _nice_limit(extent)
    ax.set_xlim(-limit, limit)
    ax.xaxis.set_major_locator(FixedLocator(np.arange(-limit, limit + step / 2, step)))
    ax.xaxis.set_major_formatter(FuncFormatter(
        lambda v, _pos: format_number(abs(v), "percent", language, 0)))
    ax.axvline(0.0, color="#333333", linewidth=0.9, zorder=3)
    rows.label(ax)
    ax.set_xlabel(xlabel, fontsize=_FONT, parse_math=False)
    _style_axes(ax)


def _dont_know_panel(ax_dk: Axes, bars: list[dict[str, Any]], title: str,
                     language: str) -> tuple[list[Any], list[float]]:
    """The panel of "weiß nicht" and withheld parts; returns its texts and their anchors."""
    from matplotlib.ticker import FixedLocator

    texts, anchors = [], []
    for bar in bars:
        if bar["dk"] > 0:
            container = ax_dk.barh(bar["y"], bar["dk"], height=_BAR_HEIGHT,
                                   color=DONT_KNOW_COLOUR, edgecolor="white",
                                   linewidth=0.8, hatch=_DONT_KNOW_HATCH, zorder=2)
            container.patches[0].set_gid(f"{bar['variable']}|{bar['group']}|dont_know")
        if bar["hidden"] > 1e-9:
            container = ax_dk.barh(bar["y"], bar["hidden"], left=bar["dk"],
                                   height=_BAR_HEIGHT, linewidth=0.6, zorder=2,
                                   **_WITHHELD_STYLE)
            container.patches[0].set_gid(f"{bar['variable']}|{bar['group']}|not_shown")
        if bar["dk"] > 0:
            texts.append(ax_dk.annotate(format_number(bar["dk"], "percent", language, 0),
                                        (bar["dk"] + bar["hidden"], bar["y"]),
                                        xytext=(2, 0), textcoords="offset points",
                                        ha="left", va="center", fontsize=_SMALL,
                                        color=_TEXT_DARK))
            anchors.append(bar["dk"] + bar["hidden"])
    dk_limit, _ = _nice_limit(max(b["dk"] + b["hidden"] for b in bars))
    ax_dk.set_xlim(0.0, dk_limit)
    ax_dk.xaxis.set_major_locator(FixedLocator([0.0, dk_limit]))
    _percent_ticks(ax_dk.xaxis, language)
    ax_dk.tick_params(axis="y", left=False, labelleft=False)
    ax_dk.set_title(title, fontsize=_SMALL, parse_math=False)  # narrow panel
    ax_dk.set_xlabel("%", fontsize=_FONT)
    _style_axes(ax_dk)
    ax_dk.spines["left"].set_visible(True)
    ax_dk.spines["left"].set_color("#999999")
    return texts, anchors


def _likert_handles(legend_levels: list[str] | None, show_dk: bool,
                    show_hidden: bool) -> list[Patch]:
    """The legend entries: the first item's levels, "weiß nicht", the withheld part."""
    from matplotlib.patches import Patch

    handles = [Patch(facecolor=c, edgecolor="white")
               for c in (likert_colours(len(legend_levels)) if legend_levels else [])]
    if show_dk:
        handles.append(Patch(facecolor=DONT_KNOW_COLOUR, edgecolor="white",
                             hatch=_DONT_KNOW_HATCH))
    if show_hidden:
        handles.append(_withheld_patch())
    return handles
