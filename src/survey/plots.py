"""Report figures: diverging bars for rating scales, horizontal bars for multiple responses,
missing values per variable, forest plots of effect sizes, feedback forms per week and two
waves compared item by item.

Every function returns a :class:`matplotlib.figure.Figure` built without pyplot, so
nothing global changes (no rcParams, no open pyplot figures); show it in a notebook with
:func:`survey.render.figure_image`. The figures follow the report conventions: one
language, German by default and English with ``language="en"`` (every word from the
catalogue :mod:`survey.messages`, numbers by :func:`survey.tables.format_number`: decimal
comma in German, decimal point in English), colour-blind-safe colours that stay
distinguishable when printed in grey, labels wrapped at word boundaries (never cut inside
a word) and a height that grows with the number of bars.

Examples
--------
>>> import pandas as pd
>>> freq = pd.DataFrame({
...     "variable": ["fam"] * 4,
...     "label": ["Ich fühle mich in meiner Familie wohl."] * 4,
...     "code": [1, 2, 3, float("nan")],
...     "value_label": ["nein", "teils", "ja", "weiß nicht"],
...     "kind": ["valid", "valid", "valid", "dont_know"],
...     "n": [2, 3, 4, 1], "pct": [20.0, 30.0, 40.0, 10.0], "base_n": 10,
... })
>>> fig = likert_figure(freq, wrap=30, policy=Policy(internal=True))
>>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
['Ich fühle mich in meiner\\nFamilie wohl. (n = 10)']
>>> len(fig.axes)  # the diverging chart and the "weiß nicht" bars
2
"""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Hashable, Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .disclosure import Policy, checked, shown_only, withheld_columns
from .messages import check_language, text, text_or
from .numbers import format_number, is_missing

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "OKABE_ITO",
    "DONT_KNOW_COLOUR",
    "NEUTRAL_COLOUR",
    "likert_colours",
    "wrap_label",
    "likert_figure",
    "bar_figure",
    "missingness_figure",
    "forest_figure",
    "weekly_figure",
    "week_label",
    "wave_figure",
]

#: Okabe-Ito colours, ordered so that neighbours also differ in lightness (grey print).
OKABE_ITO: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#CC79A7",  # reddish purple
    "#000000",  # black
)

#: The middle level of an odd scale (neither side): a neutral light grey.
NEUTRAL_COLOUR = "#DDDDDD"

#: "weiß nicht" bars: a mid grey, drawn with a white hatch.
DONT_KNOW_COLOUR = "#969696"
_DONT_KNOW_HATCH = "////"

_FIG_WIDTH = 9.0  # inches
_FONT = 9.0  # tick labels, legend
_SMALL = 8.0  # numbers inside and beside bars
_LINE = 0.16  # inches per text line at _FONT
_MIN_SEGMENT_LABEL = 8.0  # percent: smaller segments carry no number
_TEXT_DARK = "#222222"
#: What a shared table withholds, drawn as one part: grey hatch on white.
_WITHHELD_STYLE: dict[str, Any] = {"color": "white", "hatch": "xxx", "edgecolor": "#888888"}


# --------------------------------------------------------------------------- helpers


def wrap_label(text: Any, width: int = 45) -> str:
    """Wrap a label at word boundaries: words are never cut, shortened or hyphenated.

    A word longer than ``width`` gets a line of its own; runs of white space become
    one space.

    Parameters
    ----------
    text : str
        The label (other values are converted with ``str``).
    width : int, default 45
        Preferred maximum number of characters per line.

    Returns
    -------
    str
        The lines joined with ``"\\n"``.

    Examples
    --------
    >>> wrap_label("Kinderbetreuung-Angebote in der Nähe sind ausreichend", 20)
    'Kinderbetreuung-Angebote\\nin der Nähe sind\\nausreichend'
    """
    if width < 1:
        raise ValueError(f"wrap must be a positive number of characters, got {width!r}")
    words = " ".join(str(text).split())
    lines = textwrap.wrap(words, width=width, break_long_words=False, break_on_hyphens=False)
    return "\n".join(lines)


def _percent(value: float, language: str, decimals: int = 1) -> str:
    """A share on the 0–100 scale with its sign: ``"12,3 %"`` in German, ``"12.3%"`` in English."""
    number = format_number(value, "percent", language, decimals)
    if is_missing(value):
        return number
    return f"{number} %" if language == "de" else f"{number}%"


def _with_n(wrapped: str, n: float, width: int, symbol: str = "n",
            language: str = "de") -> str:
    """Append ``" (n = 123)"`` to the last line of a wrapped label, or on a line of its own."""
    suffix = f"({symbol} = {format_number(n, 'count', language)})"
    if not wrapped:
        return suffix
    lines = wrapped.split("\n")
    if len(lines[-1]) + 1 + len(suffix) <= width + 2:
        lines[-1] = f"{lines[-1]} {suffix}"
    else:
        lines.append(suffix)
    return "\n".join(lines)


def _n_lines(text: str) -> int:
    return text.count("\n") + 1


def likert_colours(k: int) -> list[str]:
    """Colours of the ``k`` levels of a rating scale, lowest level first.

    The lower half comes from the orange side of ColorBrewer's PuOr, the upper half from
    its purple side, the middle level of an odd scale is a neutral light grey. The samples
    are chosen so that the levels also differ in lightness (grey print): the purple side
    ends darker than the orange side.

    Parameters
    ----------
    k : int
        Number of valid levels (at least 1).

    Returns
    -------
    list of str
        Hex colours.

    Examples
    --------
    >>> likert_colours(3)[1]
    '#DDDDDD'
    >>> len(likert_colours(4))
    4
    """
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    if k < 1:
        raise ValueError(f"a scale needs at least one level, got k={k}")
    side = k // 2
    if side == 0:
        low: np.ndarray = np.array([])
        high: np.ndarray = np.array([])
    elif side == 1:
        low, high = np.array([0.2]), np.array([0.82])
    elif side == 2:
        low, high = np.array([0.10, 0.30]), np.array([0.74, 0.95])
    elif side == 3:
        low, high = np.array([0.05, 0.17, 0.32]), np.array([0.68, 0.82, 0.96])
    else:
        low, high = np.linspace(0.02, 0.34, side), np.linspace(0.66, 0.98, side)
    cmap = colormaps["PuOr"]
    colours = [to_hex(cmap(float(t))) for t in low]
    if k % 2:
        colours.append(NEUTRAL_COLOUR)
    colours += [to_hex(cmap(float(t))) for t in high]
    return colours


def _text_colour(colour: str) -> str:
    """Dark or white text, whichever reads better on ``colour``."""
    from matplotlib.colors import to_rgb

    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
               for c in to_rgb(colour))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "white" if luminance < 0.2 else _TEXT_DARK


def _counts(values: pd.Series) -> pd.Series:
    """Counts as floats; masked counts (``"< 5"``, NaN) become NaN."""
    return pd.to_numeric(values, errors="coerce").astype(float)


def _require(frame: pd.DataFrame, columns: Sequence[str], func: str) -> None:
    unknown = [c for c in columns if c not in frame.columns]
    if unknown:
        raise KeyError(
            f"{func}: no column(s) {', '.join(map(str, unknown))} "
            f"(columns: {', '.join(map(str, frame.columns))})"
        )


def _empty_figure(text: str, title: str | None) -> Figure:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(_FIG_WIDTH, 1.6 if title else 1.2), layout="constrained")
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes,
            fontsize=11, color="#444444", parse_math=False)
    if title:
        fig.suptitle(wrap_label(title, 90), fontsize=12, parse_math=False)
    return fig


def _nice_limit(value: float) -> tuple[float, float]:
    """An axis end at a round number ≥ ``value`` (a percentage) and its tick step."""
    value = max(float(value), 1.0)
    for step in (5.0, 10.0, 20.0, 25.0):
        if math.ceil(value / step - 1e-9) <= 5:
            return step * math.ceil(value / step - 1e-9), step
    return 25.0 * math.ceil(value / 25.0), 25.0


def _fit_right(ax: Axes, texts: Sequence[Any], anchors: Sequence[float]) -> None:
    """Widen the x range of ``ax`` (starting at 0) until every text ends inside it."""
    if not texts:
        return
    fig = ax.get_figure()
    fig.draw_without_rendering()  # runs the layout engine: real axes and text sizes
    box = ax.get_window_extent()
    width_px = box.width
    x0, x1 = ax.get_xlim()
    need = x1
    for artist, anchor in zip(texts, anchors, strict=True):
        extent = artist.get_window_extent()
        start = box.x0 + (anchor - x0) / (x1 - x0) * width_px
        text_px = extent.x1 - start + 4.0  # text with its offset, plus a little air
        room = width_px - text_px
        if room <= width_px * 0.1:  # text wider than the axes: give the bars a tenth
            need = max(need, anchor * 10.0, x1)
        elif anchor > 0:
            need = max(need, x0 + (anchor - x0) * width_px / room)
    if need > x1:
        ax.set_xlim(x0, need)


def _legend_shape(labels: Sequence[str]) -> tuple[int, int]:
    """Rows and columns of a legend that fits the figure width, with as few rows as possible.

    Entries are read row by row (left to right, then the next row); each column is as
    wide as its widest entry.
    """
    chars_per_row = (_FIG_WIDTH - 0.4) / 0.068  # ~ characters of _FONT across the figure
    widths = [len(lbl) + 5 for lbl in labels]  # handle and spacing ~ 5 characters
    n = len(labels)
    for rows in range(1, n + 1):
        ncols = math.ceil(n / rows)
        cols = [max(widths[c::ncols]) for c in range(ncols)]
        if sum(cols) <= chars_per_row:
            return rows, ncols
    return n, 1


def _legend(fig: Figure, handles: list[Any], labels: list[str]) -> None:
    """A frameless legend below the axes, entries in reading order (row by row)."""
    rows, ncols = _legend_shape(labels)
    # matplotlib fills a legend column by column: reorder so that it reads row by row
    order = [i for c in range(ncols) for i in range(c, len(labels), ncols)]
    legend = fig.legend([handles[i] for i in order], [labels[i] for i in order],
                        loc="outside lower center", ncols=ncols, frameon=False,
                        fontsize=_FONT, handlelength=1.4, columnspacing=1.2)
    for entry in legend.get_texts():
        entry.set_parse_math(False)


def _legend_rows(labels: Sequence[str]) -> int:
    return _legend_shape(labels)[0] if labels else 0


def _group_values(frame: pd.DataFrame, column: str, language: str = "de") -> pd.Series:
    """Group names as strings; a missing group is the total (``"Gesamt"``, ``"Total"``)."""
    total = text("value.total", language)
    return frame[column].map(lambda g: total if is_missing(g) else str(g))


def _ordered_groups(values: pd.Series, group_order: Sequence[Hashable] | None) -> list[str]:
    present = list(dict.fromkeys(values))
    if group_order is None:
        return present
    wanted = [str(g) for g in group_order]
    return [g for g in wanted if g in set(present)]


def _style_axes(ax: Axes) -> None:
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0, labelsize=_FONT)
    ax.tick_params(axis="x", labelsize=_SMALL + 0.5, colors="#333333")
    ax.grid(axis="x", color="#BBBBBB", linewidth=0.5, alpha=0.6)
    ax.set_axisbelow(True)


# --------------------------------------------------------------------------- likert


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
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch
    from matplotlib.ticker import FixedLocator, FuncFormatter

    check_language(language)
    if wrap < 1:
        raise ValueError(f"wrap must be a positive number of characters, got {wrap!r}")
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
    data = shown_only(freq, "frequencies", policy).copy()
    data["_pct"] = pd.to_numeric(data["pct"], errors="coerce").astype(float)
    data["_base"] = pd.to_numeric(data["base_n"], errors="coerce").astype(float)
    grouped = "group" in data.columns and bool(data["group"].notna().any())
    data["_group"] = _group_values(data, "group", language) if grouped else ""
    groups = _ordered_groups(data["_group"], group_order) if grouped else [""]
    if not groups:
        return _empty_figure(empty_text, title)
    if "code" not in data.columns:
        data["code"] = np.nan
    not_shown = text("text.not_shown", language)

    def level_key(row: pd.Series) -> Hashable:
        return ("code", float(row["code"])) if not is_missing(row["code"]) else (
            "label", str(row["value_label"]))

    # one entry per bar, in display order
    bars: list[dict[str, Any]] = []
    headings: list[dict[str, Any]] = []
    legend_levels: list[str] | None = None
    for variable in dict.fromkeys(data["variable"]):
        rows = data[data["variable"] == variable]
        label = str(rows["label"].iloc[0])
        valid = rows[rows["kind"] == "valid"]
        keys = list(dict.fromkeys(level_key(r) for _, r in valid.iterrows()))
        if not keys:  # no answer on the scale to draw (only missing answers)
            continue
        if legend_levels is None and keys:
            first = {level_key(r): str(r["value_label"]) for _, r in valid.iterrows()}
            legend_levels = [first[k] for k in keys]
        if grouped:
            headings.append({"variable": variable, "text": wrap_label(label, wrap)})
        for group in groups:
            sub = rows[rows["_group"] == group]
            if grouped and not len(sub):
                continue
            base = float(sub["_base"].iloc[0]) if len(sub) else math.nan
            pct = np.full(len(keys), np.nan)
            for _, r in sub[sub["kind"] == "valid"].iterrows():
                pct[keys.index(level_key(r))] = r["_pct"]
            dk_rows = sub[sub["kind"] == "dont_know"]
            dont_know = float(dk_rows["_pct"].sum(min_count=1)) if len(dk_rows) else 0.0
            shown_total = np.nansum(pct) + (0.0 if math.isnan(dont_know) else dont_know) + \
                float(sub.loc[~sub["kind"].isin(["valid", "dont_know"]), "_pct"].sum())
            # what the table withholds of the bar, drawn as one neutral part (only where
            # it withholds something: rounded shares need not add up to 100 exactly)
            withheld = max(0.0, round(100.0 - shown_total, 9)) \
                if base > 0 and sub["_pct"].isna().any() else 0.0
            tick = (wrap_label(group if grouped else label, wrap) + "\n(" + not_shown + ")"
                    if math.isnan(base) else _with_n(wrap_label(group if grouped else label,
                                                                 wrap),
                                                      base, wrap, n_label, language))
            bars.append({"variable": variable, "group": group, "pct": pct, "base": base,
                         "dk": 0.0 if math.isnan(dont_know) else dont_know,
                         "hidden": 0.0 if math.isnan(base) else withheld,
                         "text": tick, "heading": len(headings) - 1})
    if not bars:
        return _empty_figure(empty_text, title)
    show_dk = any(b["dk"] > 0 for b in bars)
    show_hidden = any(b["hidden"] > 1e-9 for b in bars)
    side = show_dk or show_hidden

    # rows top to bottom, heights in inches so that wrapped labels never collide
    ticks: list[float] = []
    tick_texts: list[str] = []
    bold: list[int] = []
    y = 0.0
    last_heading = -1
    for bar in bars:
        if grouped and bar["heading"] != last_heading:
            last_heading = bar["heading"]
            heading = headings[last_heading]["text"]
            if ticks:
                y += 0.2  # air between items
            height = _LINE * _n_lines(heading) + 0.08
            bold.append(len(ticks))
            ticks.append(y + height / 2)
            tick_texts.append(heading)
            y += height
        height = max(0.32 if grouped else 0.38, _LINE * _n_lines(bar["text"]) + 0.12)
        bar["y"] = y + height / 2
        ticks.append(bar["y"])
        tick_texts.append(bar["text"])
        y += height
    rows_height = y

    legend_labels = list(legend_levels or [])
    if show_dk:
        legend_labels.append(dont_know_label)
    if show_hidden:
        legend_labels.append(not_shown)
    title_text = wrap_label(title, 90) if title else None
    top = (0.22 * _n_lines(title_text) + 0.2 if title_text else 0.1) + (0.25 if side else 0)
    bottom = 0.6 + 0.25 * _legend_rows(legend_labels) + 0.15
    fig = Figure(figsize=(_FIG_WIDTH, rows_height + top + bottom), layout="constrained")
    if side:
        grid = fig.add_gridspec(1, 2, width_ratios=[6.0, 1.0], wspace=0.02)
        ax = fig.add_subplot(grid[0, 0])
        ax_dk = fig.add_subplot(grid[0, 1], sharey=ax)
    else:
        ax = fig.add_subplot()
        ax_dk = None

    bar_height = 0.24
    extent = 0.0
    for bar in bars:
        pct = bar["pct"]
        k = len(pct)
        colours = likert_colours(k) if k else []
        middle = k // 2
        centre = pct[middle] if k % 2 and not math.isnan(pct[middle]) else 0.0
        segments: list[tuple[int, float, float]] = []  # level index, left, width
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
        extent = max(extent, -left, right)
        for i, x, width in sorted(segments):
            if width <= 0:
                continue
            container = ax.barh(bar["y"], width, left=x, height=bar_height, color=colours[i],
                                edgecolor="white", linewidth=0.8, zorder=2)
            container.patches[0].set_gid(f"{bar['variable']}|{bar['group']}|{i + 1}")
            if width >= _MIN_SEGMENT_LABEL:
                ax.text(x + width / 2, bar["y"], format_number(width, "percent", language, 0),
                        ha="center", va="center",
                        fontsize=_SMALL, color=_text_colour(colours[i]), zorder=4,
                        bbox={"boxstyle": "square,pad=0.05", "facecolor": colours[i],
                              "edgecolor": "none"})

    limit, step = _nice_limit(extent)
    ax.set_xlim(-limit, limit)
    ax.xaxis.set_major_locator(FixedLocator(np.arange(-limit, limit + step / 2, step)))
    ax.xaxis.set_major_formatter(FuncFormatter(
        lambda v, _pos: format_number(abs(v), "percent", language, 0)))
    ax.axvline(0.0, color="#333333", linewidth=0.9, zorder=3)
    ax.set_ylim(rows_height, 0.0)
    ax.set_yticks(ticks, tick_texts, parse_math=False)
    for index in bold:
        ax.get_yticklabels()[index].set_fontweight("bold")
    ax.set_xlabel(xlabel, fontsize=_FONT, parse_math=False)
    _style_axes(ax)

    if ax_dk is not None:
        texts, anchors = [], []
        for bar in bars:
            if bar["dk"] > 0:
                container = ax_dk.barh(bar["y"], bar["dk"], height=bar_height,
                                       color=DONT_KNOW_COLOUR, edgecolor="white",
                                       linewidth=0.8, hatch=_DONT_KNOW_HATCH, zorder=2)
                container.patches[0].set_gid(f"{bar['variable']}|{bar['group']}|dont_know")
            if bar["hidden"] > 1e-9:
                container = ax_dk.barh(bar["y"], bar["hidden"], left=bar["dk"],
                                       height=bar_height, linewidth=0.6, zorder=2,
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
        ax_dk.xaxis.set_major_formatter(FuncFormatter(
            lambda v, _pos: format_number(v, "percent", language, 0)))
        ax_dk.tick_params(axis="y", left=False, labelleft=False)
        panel = [dont_know_label] if show_dk else []
        if show_hidden:
            panel.append(not_shown)
        ax_dk.set_title("\n".join(panel), fontsize=_SMALL, parse_math=False)  # narrow panel
        ax_dk.set_xlabel("%", fontsize=_FONT)
        _style_axes(ax_dk)
        ax_dk.spines["left"].set_visible(True)
        ax_dk.spines["left"].set_color("#999999")

    handles = [Patch(facecolor=c, edgecolor="white")
               for c in (likert_colours(len(legend_levels)) if legend_levels else [])]
    if show_dk:
        handles.append(Patch(facecolor=DONT_KNOW_COLOUR, edgecolor="white",
                             hatch=_DONT_KNOW_HATCH))
    if show_hidden:
        handles.append(Patch(facecolor=_WITHHELD_STYLE["color"],
                             edgecolor=_WITHHELD_STYLE["edgecolor"],
                             hatch=_WITHHELD_STYLE["hatch"]))
    if handles:
        _legend(fig, handles, legend_labels)
    if title_text:
        fig.suptitle(title_text, fontsize=12, parse_math=False)
    if ax_dk is not None and texts:
        _fit_right(ax_dk, texts, anchors)
    return fig


# --------------------------------------------------------------------------- bars


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
_MISSING_KINDS: dict[str, dict[str, Any]] = {
    "dont_know": {"color": DONT_KNOW_COLOUR, "hatch": _DONT_KNOW_HATCH},
    "no_answer": {"color": OKABE_ITO[1]},
    "system": {"color": OKABE_ITO[0]},
    "invalid": {"color": OKABE_ITO[4]},
}


def missingness_figure(
    table: pd.DataFrame,
    *,
    top: int = 30,
    title: str | None = None,
    language: str = "de",
    wrap: int = 45,
    policy: Policy,
) -> Figure:
    """Stacked horizontal bars of the missing values per variable, by kind.

    One bar per variable with missing values (the ``top`` variables with the highest
    ``pct_missing``, highest on top), split into "weiß nicht", "keine Angabe", blank and
    invalid values; each segment is that kind's share of the respondents who were asked
    (``100 * kind / n_base``), so the bar ends at ``pct_missing``. Labels are wrapped at
    word boundaries (never cut or shortened), and the figure grows with their lines.

    A variable whose ``n_missing`` and ``pct_missing`` the shared table withholds
    (:class:`survey.disclosure.Plan`) gets no bar — its length would reveal the count —
    but a marker at the foot of its row: ``"< 5"`` (catalogue ``plot.fewer_than``) when its
    ``suppressed_small`` column names ``n_missing``, else "nicht ausgewiesen". Such rows
    come last, in table order (as masked rows in :func:`bar_figure`), so their position
    tells nothing either. When only some kinds of a row are withheld, the rest of its
    ``pct_missing`` (which the table shows) is one hatched segment ("nicht ausgewiesen").

    Parameters
    ----------
    table : DataFrame
        One row per variable (:func:`survey.quality.missingness_table`, as
        :meth:`survey.disclosure.Plan.table` returned it for a shared report): ``label,
        n_base, dont_know, no_answer, system, invalid, pct_missing`` and optionally
        ``variable`` (names the bars; default the row position), ``n_missing`` (default
        the sum of the four kinds) and ``suppressed_small``.
    top : int, default 30
        Show at most this many variables (0 % left out).
    title : str, optional
        Figure title (wrapped); default ``plot.missing_title`` of the catalogue ("Fehlende
        Werte je Variable", "Missing values per variable"); ``""`` for none.
    language : {"de", "en"}
        Language of the catalogue texts (title, axis, legend: ``kind.*``) and numbers.
    wrap : int, default 45
        Characters per label line; lines break between words only.
    policy : Policy
        The run's disclosure policy (a shared table must have been through its plan).

    Returns
    -------
    matplotlib.figure.Figure
        Not registered with pyplot. In ``fig.axes[0]`` every segment is a ``Rectangle``
        whose ``gid`` is ``"<variable>|<kind>"`` (``"<variable>|not_shown"`` for the
        withheld part); the marker of a small or masked count is a text with ``gid``
        ``"<variable>|masked"``.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({
    ...     "variable": ["fam", "job", "pc"],
    ...     "label": ["Familie", "Arbeit", "PC"], "n_base": [200, 200, 100],
    ...     "dont_know": [10, 2, 0], "no_answer": [6, 0, 0], "system": [4, 0, 0],
    ...     "invalid": [0, 0, 0], "pct_missing": [10.0, 1.0, 0.0]})
    >>> fig = missingness_figure(table, policy=Policy(5, internal=True))
    >>> ax = fig.axes[0]
    >>> [(p.get_gid(), float(p.get_x()), float(p.get_width())) for p in ax.patches]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('fam|dont_know', 0.0, 5.0), ('fam|no_answer', 5.0, 3.0), ('fam|system', 8.0, 2.0),
     ('job|dont_know', 0.0, 1.0)]
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Familie', 'Arbeit']
    """
    policy = checked(policy)
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch
    from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator

    check_language(language)
    if wrap < 1:
        raise ValueError(f"wrap must be a positive number of characters, got {wrap!r}")
    if top < 1:
        raise ValueError(f"top must be a positive number of variables, got {top!r}")
    if title is None:
        title = text("plot.missing_title", language)
    empty = text("plot.no_missing", language)
    if table is None or len(table) == 0:
        return _empty_figure(empty, title)
    kinds = list(_MISSING_KINDS)
    _require(table, ["label", "n_base", *kinds, "pct_missing"], "missingness_figure")
    min_count = 0 if policy.internal else policy.min_cell
    frame = shown_only(table, "missingness", policy)
    variables = ([("" if is_missing(v) else str(v)) for v in frame["variable"]]
                 if "variable" in frame.columns else [str(i) for i in range(len(frame))])
    labels = ["" if is_missing(v) else str(v) for v in frame["label"]]
    base = _counts(frame["n_base"]).to_numpy()
    counts = {kind: _counts(frame[kind]).to_numpy() for kind in kinds}
    if "n_missing" in frame.columns:
        n_missing = _counts(frame["n_missing"]).to_numpy()
        raw = frame["n_missing"].tolist()
    else:
        n_missing = np.sum([counts[kind] for kind in kinds], axis=0)
        raw = [math.nan] * len(frame)
    pct = _counts(frame["pct_missing"]).to_numpy()

    small = (frame["suppressed_small"].map(withheld_columns).tolist()
        if "suppressed_small" in frame.columns else [set()] * len(frame))
    not_shown = text("text.not_shown", language)
    fewer = text("plot.fewer_than", language).format(
        min_count=format_number(min_count, "count", language)) if min_count > 0 else not_shown
    markers: dict[int, str] = {}  # row -> marker instead of a bar
    for i, (n, given) in enumerate(zip(n_missing, raw, strict=True)):
        if 0 < n < min_count:
            markers[i] = fewer
        elif math.isnan(n) and not pct[i] > 0:  # withheld in a shared table
            if isinstance(given, str) and given.strip():
                markers[i] = given.strip()  # "< 5" as given
            else:
                markers[i] = fewer if "n_missing" in small[i] else not_shown
    drawn = [i for i in range(len(frame)) if i not in markers and pct[i] > 0]
    drawn.sort(key=lambda i: -pct[i])  # stable: ties keep table order
    rows = (drawn + sorted(markers))[:top]
    if not rows:
        return _empty_figure(empty, title)

    # rows top to bottom, heights in inches so that wrapped labels never collide
    bar_height = 0.24
    ticks: list[float] = []
    tick_texts: list[str] = []
    y = 0.0
    for i in rows:
        tick = wrap_label(labels[i] or variables[i], wrap)
        height = max(0.34, _LINE * _n_lines(tick) + 0.12)
        ticks.append(y + height / 2)
        tick_texts.append(tick)
        y += height
    rows_height = y

    shares = {kind: 100.0 * counts[kind] / np.where(base > 0, base, np.nan)
              for kind in kinds}
    shown = [kind for kind in kinds
             if any(i not in markers and shares[kind][i] > 0 for i in rows)]
    withheld = {}  # row -> the share of its withheld kinds: pct_missing - the known kinds
    for i in rows:
        if i not in markers and any(math.isnan(shares[kind][i]) for kind in kinds):
            rest = pct[i] - sum(float(np.nan_to_num(shares[kind][i])) for kind in kinds)
            if rest > 1e-9:
                withheld[i] = rest
    legend_labels = [text(f"kind.{kind}", language) for kind in shown]
    if withheld:
        legend_labels.append(not_shown)
    title_text = wrap_label(title, 90) if title else None
    top_inches = 0.22 * _n_lines(title_text) + 0.2 if title_text else 0.1
    bottom = 0.6 + (0.25 * _legend_rows(legend_labels) + 0.15 if legend_labels else 0.0)
    fig = Figure(figsize=(_FIG_WIDTH, rows_height + top_inches + bottom),
                 layout="constrained")
    ax = fig.add_subplot()

    texts, anchors = [], []
    upper = 0.0
    for i, ypos in zip(rows, ticks, strict=True):
        if i in markers:
            texts.append(ax.annotate(
                markers[i], (0.0, ypos), xytext=(3, 0), textcoords="offset points",
                ha="left", va="center", fontsize=_SMALL, style="italic", color="#555555",
                annotation_clip=False, parse_math=False, gid=f"{variables[i]}|masked"))
            anchors.append(0.0)
            continue
        left = 0.0
        for kind in shown:
            share = shares[kind][i]
            if not share > 0:  # zero or unknown
                continue
            container = ax.barh(ypos, share, left=left, height=bar_height, edgecolor="white",
                                linewidth=0.6, zorder=2, **_MISSING_KINDS[kind])
            container.patches[0].set_gid(f"{variables[i]}|{kind}")
            left += share
        if i in withheld:
            container = ax.barh(ypos, withheld[i], left=left, height=bar_height,
                                linewidth=0.6, zorder=2, **_WITHHELD_STYLE)
            container.patches[0].set_gid(f"{variables[i]}|not_shown")
            left += withheld[i]
        upper = max(upper, left)

    ax.set_xlim(0.0, max(5.0, min(100.0, upper * 1.15 + 1.0)))
    ax.set_ylim(rows_height, 0.0)
    ax.set_yticks(ticks, tick_texts, parse_math=False)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
    ax.xaxis.set_major_formatter(FuncFormatter(
        lambda v, _pos: format_number(v, "percent", language, 0)))
    ax.set_xlabel(text("plot.missing_xlabel", language), fontsize=_FONT, parse_math=False)
    ax.axvline(0.0, color="#333333", linewidth=0.8, zorder=3)
    _style_axes(ax)
    if legend_labels:
        handles = [Patch(facecolor=_MISSING_KINDS[kind]["color"], edgecolor="white",
                         hatch=_MISSING_KINDS[kind].get("hatch")) for kind in shown]
        if withheld:
            handles.append(Patch(facecolor=_WITHHELD_STYLE["color"],
                                 edgecolor=_WITHHELD_STYLE["edgecolor"],
                                 hatch=_WITHHELD_STYLE["hatch"]))
        _legend(fig, handles, legend_labels)
    if title_text:
        fig.suptitle(title_text, fontsize=12, parse_math=False)
    if texts:
        _fit_right(ax, texts, anchors)
        right = ax.get_xlim()[1]
        ticks_x = MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]).tick_values(
            0.0, min(right, 100.0))
        ax.xaxis.set_major_locator(FixedLocator(
            [t for t in ticks_x if 0 <= t <= min(right, 100.0)]))
    return fig


# --------------------------------------------------------------------------- forest

#: Effect sizes with a sign: the forest figure says which side is which group.
_DIRECTIONAL_EFFECTS = frozenset({"hedges_g", "rank_biserial", "risk_difference",
                                  "odds_ratio", "r"})
_FOREST_COLOUR = OKABE_ITO[0]
_FOREST_MARKER = 7.0  # points


def _forest_digits(step: float) -> int:
    """Decimals that show a tick step exactly (0,25 → 2; 0,5 → 1; 2 → 0), at most 3."""
    for digits in range(4):
        if abs(step * 10**digits - round(step * 10**digits)) < 1e-6:
            return digits
    return 3


def _alpha_text(alpha: float, language: str) -> str:
    """``",05"`` for 0.05, ``",001"`` for 0.001: as few decimals as the level needs."""
    return format_number(alpha, "p", language, max(1, _forest_digits(alpha)))


def forest_figure(
    rows: pd.DataFrame | Sequence[Mapping[str, Any]],
    *,
    policy: Policy,
    title: str | None = None,
    xlabel: str | None = None,
    wrap: int = 45,
    alpha: float = 0.05,
    effect: str | None = None,
    language: str = "de",
) -> Figure:
    """Effect sizes with their 95 % confidence intervals, one row per test (a forest plot).

    Meant for the rows of one grouping and one kind of effect size, e.g. the rank-biserial
    r of a section's items for the grouping "single parent": a point at the effect size, a
    horizontal line from ``ci_low`` to ``ci_high``, a vertical reference line at 0 (at 1 on
    the logarithmic axis of odds ratios). Rows run top to bottom in input order, labelled
    with their wrapped ``label`` (and ``term``, when the rows have one). A point is filled
    when ``p_adj < alpha`` and open otherwise (legend below); the effect size and its CI
    stand in a column right of the axes. A row whose effect size is missing (withheld in a
    shared report) gets the text "nicht ausgewiesen" instead of a point. For signed
    effects a note under the axis says which side is which group ("positiv: {group_a}
    höher · negativ: {group_b} höher"). One colour (Okabe-Ito blue) and filled vs. open
    markers: safe for colour-blind readers and in grey print.

    Parameters
    ----------
    rows : DataFrame
        Rows of ``group_comparisons.csv``: ``label, effect, effect_size, ci_low, ci_high,
        p_adj`` and, for the note, ``group_a, group_b``; optional ``variable``, ``term``,
        ``grouping``; with ``effect="odds_ratio"`` also ``odds_ratio, or_ci_low,
        or_ci_high``. A list of mappings is accepted too. Shared: as
        :meth:`survey.disclosure.Plan.table` returned them.
    policy : Policy
        The run's disclosure policy.
    title : str, optional
        Figure title (wrapped).
    xlabel : str, optional
        Label of the x axis; default the effect's name from the catalogue
        (``effect.<name>``), the risk difference in percentage points, the odds ratio with
        a note on its logarithmic axis.
    wrap : int, default 45
        Characters per label line; lines break between words only.
    alpha : float, default 0.05
        Significance level for filled markers, applied to ``p_adj``.
    effect : str, optional
        Default: the rows' ``effect`` (which must be one kind). ``"odds_ratio"`` plots the
        odds ratios of 2×2 rows (``odds_ratio, or_ci_low, or_ci_high``) on a logarithmic
        axis.
    language : {"de", "en"}
        Language of the catalogue texts and numbers.

    Returns
    -------
    matplotlib.figure.Figure
        Not registered with pyplot. In ``fig.axes[0]`` every row has a ``Line2D`` point
        (``gid`` ``"<variable>|<term>|point"``) and CI line (``"<variable>|<term>|ci"``)
        or, when withheld, a text ``"<variable>|<term>|not_shown"``; the value column
        texts have ``"<variable>|<term>|value"`` (variable: the row's position when the
        rows have no ``variable`` column; term empty without terms). The risk difference is
        drawn in percentage points (100 × the CSV value).

    Raises
    ------
    KeyError
        For a missing column.
    ValueError
        For rows with several kinds of effect size or several groupings, an unknown
        language, or ``wrap``/``alpha`` out of range.

    Examples
    --------
    >>> import pandas as pd
    >>> rows = pd.DataFrame({
    ...     "variable": ["f1", "f2"], "label": ["Kontakt zu Freunden", "Hilfe im Alltag"],
    ...     "group_a": "ja", "group_b": "nein", "effect": "rank_biserial",
    ...     "effect_size": [0.21, float("nan")], "ci_low": [0.05, float("nan")],
    ...     "ci_high": [0.36, float("nan")], "p_adj": [0.036, float("nan")]})
    >>> fig = forest_figure(rows, policy=Policy(internal=True))
    >>> ax = fig.axes[0]
    >>> [line.get_xdata().tolist() for line in ax.lines if line.get_gid() == "f1||ci"]
    [[0.05, 0.36]]
    >>> [t.get_text() for t in ax.texts if t.get_gid() == "f2||not_shown"]
    ['nicht ausgewiesen']
    >>> ax.get_xlabel()
    'Rangbiseriale Korrelation r'
    """
    policy = checked(policy)
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.ticker import (
        FixedLocator,
        FuncFormatter,
        MaxNLocator,
        NullFormatter,
        NullLocator,
    )

    from .sentences import format_effect, format_interval

    check_language(language)
    if wrap < 1:
        raise ValueError(f"wrap must be a positive number of characters, got {wrap!r}")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha!r}")
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows or []))
    if not len(frame):
        return _empty_figure(text("plot.no_results", language), title)
    frame = shown_only(frame, "group_comparisons", policy)

    if effect == "odds_ratio":
        _require(frame, ["label", "odds_ratio", "or_ci_low", "or_ci_high", "p_adj"],
                 "forest_figure")
        columns = ("odds_ratio", "or_ci_low", "or_ci_high")
    else:
        _require(frame, ["label", "effect", "effect_size", "ci_low", "ci_high", "p_adj"],
                 "forest_figure")
        columns = ("effect_size", "ci_low", "ci_high")
        kinds = list(dict.fromkeys(str(e) for e in frame["effect"] if not is_missing(e)))
        if effect is not None and kinds and kinds != [effect]:
            raise ValueError(f"forest_figure: effect={effect!r}, but the rows have "
                             f"{', '.join(kinds)}")
        if effect is None:
            if len(kinds) > 1:
                raise ValueError("forest_figure shows one kind of effect size, the rows have "
                                 f"{', '.join(kinds)}: select one")
            effect = kinds[0] if kinds else "r"
    if "grouping" in frame.columns:
        groupings = list(dict.fromkeys(str(g) for g in frame["grouping"] if not is_missing(g)))
        if len(groupings) > 1:
            raise ValueError("forest_figure shows one grouping, the rows have "
                             f"{', '.join(groupings)}: select one")

    scale = 100.0 if effect == "risk_difference" else 1.0  # risk difference in points
    log = effect == "odds_ratio"
    reference = 1.0 if log else 0.0

    def number(column: str) -> np.ndarray:
        values = pd.to_numeric(frame[column], errors="coerce").astype(float).to_numpy()
        return values * scale

    est, low, high = (number(c) for c in columns)
    p_adj = pd.to_numeric(frame["p_adj"], errors="coerce").astype(float).to_numpy()
    if log:  # an odds ratio of 0 or infinity cannot be placed on a log axis
        est, low, high = (np.where((v > 0) & np.isfinite(v), v, np.nan)
                          for v in (est, low, high))

    def column_text(column: str) -> list[str]:
        if column not in frame.columns:
            return [""] * len(frame)
        return ["" if is_missing(v) else str(v) for v in frame[column]]

    variables = column_text("variable") if "variable" in frame.columns else [
        str(i) for i in range(len(frame))]
    terms = column_text("term")
    labels = column_text("label")
    group_a, group_b = column_text("group_a"), column_text("group_b")
    pairs = list(dict.fromkeys((a, b) for a, b in zip(group_a, group_b, strict=True)
                               if a or b))

    # rows top to bottom, heights in inches so that wrapped labels never collide
    tick_texts: list[str] = []
    ticks: list[float] = []
    y = 0.0
    for i in range(len(frame)):
        label = labels[i] or variables[i]
        wrapped = wrap_label(label, wrap)
        if terms[i]:  # "label: term" on one line, or the term on lines of its own
            one_line = wrap_label(f"{label}: {terms[i]}", wrap)
            wrapped = (one_line if "\n" not in one_line else
                       wrap_label(f"{label}:", wrap) + "\n" + wrap_label(terms[i], wrap))
        if len(pairs) > 1 and (group_a[i] or group_b[i]):
            wrapped += "\n" + wrap_label(text("plot.forest_pair", language).format(
                group_a=group_a[i], group_b=group_b[i]), wrap)
        height = max(0.34, _LINE * _n_lines(wrapped) + 0.14)
        ticks.append(y + height / 2)
        tick_texts.append(wrapped)
        y += height
    rows_height = y

    # texts
    name = text_or(f"effect.{effect}", language, effect)
    if xlabel is None:
        xlabel = name
        if effect == "risk_difference":
            xlabel = text("plot.forest_xlabel_pp", language).format(effect=name)
        elif log:
            xlabel = text("plot.forest_xlabel_log", language).format(effect=name)
    note = None
    if effect in _DIRECTIONAL_EFFECTS:
        if len(pairs) == 1:
            key = "plot.forest_direction_ratio" if log else "plot.forest_direction"
            note = text(key, language).format(group_a=pairs[0][0], group_b=pairs[0][1])
        elif len(pairs) > 1:
            note = text("plot.forest_direction_pairs", language)
    symbol_key = f"sentence.symbol.{effect}"
    symbol = text_or(symbol_key, language, effect)
    header = text("plot.forest_value_header", language).format(symbol=symbol)

    finite = np.isfinite(est)
    significant = finite & np.isfinite(p_adj) & (p_adj < alpha)
    legend_labels: list[str] = []
    handles: list[Any] = []
    line_style = {"color": _FOREST_COLOUR, "linewidth": 1.6, "solid_capstyle": "butt"}
    marker_style = {"marker": "o", "markersize": _FOREST_MARKER, "markeredgewidth": 1.5,
                    "markeredgecolor": _FOREST_COLOUR, "linestyle": "none"}
    if significant.any():
        handles.append(Line2D([], [], markerfacecolor=_FOREST_COLOUR, **marker_style))
        legend_labels.append(text("plot.forest_significant", language).format(
            alpha=_alpha_text(alpha, language)))
    if (finite & ~significant).any():
        handles.append(Line2D([], [], markerfacecolor="white", **marker_style))
        legend_labels.append(text("plot.forest_not_significant", language))
    if (finite & np.isfinite(low) & np.isfinite(high)).any():
        handles.append(Line2D([], [], **line_style))
        legend_labels.append(text("plot.forest_ci", language))

    title_text = wrap_label(title, 90) if title else None
    top = (0.22 * _n_lines(title_text) + 0.2 if title_text else 0.1) + 0.25  # + header
    bottom = 0.55 + (0.2 if note else 0.0) + 0.25 * _legend_rows(legend_labels) + 0.15
    fig = Figure(figsize=(_FIG_WIDTH, rows_height + top + bottom), layout="constrained")
    ax = fig.add_subplot()

    for i, ypos in enumerate(ticks):
        key = f"{variables[i]}|{terms[i]}"
        if not finite[i]:
            ax.text(reference, ypos, text("text.not_shown", language), ha="center",
                    va="center", fontsize=_SMALL, style="italic", color="#555555", zorder=4,
                    gid=f"{key}|not_shown", parse_math=False,
                    bbox={"boxstyle": "square,pad=0.15", "facecolor": "white",
                          "edgecolor": "none"})
            continue
        if np.isfinite(low[i]) and np.isfinite(high[i]):
            ax.plot([low[i], high[i]], [ypos, ypos], gid=f"{key}|ci", zorder=2, **line_style)
        face = _FOREST_COLOUR if significant[i] else "white"
        ax.plot([est[i]], [ypos], markerfacecolor=face, gid=f"{key}|point", zorder=3,
                **marker_style)
        value = format_effect("odds_ratio" if log else effect, est[i] / scale,
                              language=language)
        interval = format_interval("odds_ratio" if log else effect, low[i] / scale,
                                   high[i] / scale, language=language)
        ax.annotate(f"{value} {interval}".strip(), (1.0, ypos),
                    xycoords=("axes fraction", "data"), xytext=(10, 0),
                    textcoords="offset points", ha="left", va="center", fontsize=_SMALL,
                    color=_TEXT_DARK, annotation_clip=False, parse_math=False,
                    gid=f"{key}|value")
    ax.annotate(header, (1.0, 1.0), xycoords="axes fraction", xytext=(10, 4),
                textcoords="offset points", ha="left", va="bottom", fontsize=_SMALL,
                fontweight="bold", color=_TEXT_DARK, annotation_clip=False, parse_math=False)

    # x range: every point, CI end and the reference line, with some air
    values = np.concatenate([v[np.isfinite(v)] for v in (est, low, high)] + [[reference]])
    if log:
        lo, hi = np.log2(values.min()), np.log2(values.max())
        pad = max(0.08 * (hi - lo), 0.15)
        ax.set_xscale("log", base=2)
        ax.set_xlim(2 ** (lo - pad), 2 ** (hi + pad))
        first, last = math.floor(lo - pad), math.ceil(hi + pad)
        step = max(1, math.ceil((last - first) / 6))
        tick_values = [2.0**k for k in range(first, last + 1, step)
                       if lo - pad <= k <= hi + pad]
        digits: int | None = None  # powers of 2: each with the decimals it needs
        if len(tick_values) < 3:  # a narrow range: round linear steps instead of powers of 2
            left, right = 2 ** (lo - pad), 2 ** (hi + pad)
            tick_values = [float(t) for t in MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10])
                           .tick_values(left, right) if left <= t <= right and t > 0]
            digits = max(_forest_digits(v) for v in tick_values)
        ax.xaxis.set_major_locator(FixedLocator(tick_values))
        ax.xaxis.set_major_formatter(FuncFormatter(
            lambda v, _pos: format_number(
                v, "stat", language, _forest_digits(v) if digits is None else digits)))
        ax.xaxis.set_minor_locator(NullLocator())
        ax.xaxis.set_minor_formatter(NullFormatter())
    else:
        lo, hi = float(values.min()), float(values.max())
        pad = max(0.06 * (hi - lo), 0.02 * scale)
        ax.set_xlim(lo - pad, hi + pad)
        tick_values = MaxNLocator(nbins=7, steps=[1, 2, 2.5, 5, 10]).tick_values(lo - pad,
                                                                                  hi + pad)
        tick_values = [t for t in tick_values if lo - pad <= t <= hi + pad]
        digits = _forest_digits(float(np.diff(tick_values).min())) if len(tick_values) > 1 else 1
        ax.xaxis.set_major_locator(FixedLocator(tick_values))
        ax.xaxis.set_major_formatter(FuncFormatter(
            lambda v, _pos: format_number(v, "stat", language, digits)))
    ax.axvline(reference, color="#333333", linewidth=0.9, zorder=1, gid="reference")
    ax.set_ylim(rows_height, 0.0)
    ax.set_yticks(ticks, tick_texts, parse_math=False)
    ax.set_xlabel(xlabel, fontsize=_FONT, parse_math=False)
    _style_axes(ax)
    ax.spines["bottom"].set_color("#666666")
    if handles:
        _legend(fig, handles, legend_labels)
    if title_text:
        fig.suptitle(title_text, fontsize=12, parse_math=False)
    if note:
        # under the x label: measure its distance from the axes (in points, so it stays
        # right when the layout engine moves the axes) and write the note below it
        fig.draw_without_rendering()
        label_box = ax.xaxis.label.get_window_extent()
        axes_box = ax.get_window_extent()
        gap = (axes_box.y0 - label_box.y0) * 72.0 / fig.dpi + 3.0
        ax.annotate(wrap_label(note, 120), (0.5, 0.0), xycoords="axes fraction",
                    xytext=(0, -gap),
                    textcoords="offset points", ha="center", va="top", fontsize=_SMALL,
                    style="italic", color="#444444", annotation_clip=False, parse_math=False,
                    gid="direction")
    return fig


# --------------------------------------------------------------------------- weekly forms

_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MEDIAN_COLOUR = OKABE_ITO[4]  # vermillion: stands out from the blue bars, also in grey


def week_label(key: str, language: str = "de") -> str:
    """An ISO week or a period of weeks as a report names it.

    >>> week_label("2021-W02"), week_label("2021-W02/2021-W04"), week_label("2021-W02", "en")
    ('KW 2/2021', 'KW 2–4/2021', 'W2/2021')
    >>> week_label("2020-W53/2021-W02")
    'KW 53/2020–KW 2/2021'
    """
    word = "KW " if language == "de" else "W"
    parts = [_ISO_WEEK.match(k) for k in str(key).split("/")]
    if not parts or not all(parts) or len(parts) > 2:
        return str(key)
    first, last = parts[0], parts[-1]
    assert first is not None and last is not None
    year, week = first.group(1), int(first.group(2))
    if len(parts) == 1 or first.group(0) == last.group(0):
        return f"{word}{week}/{year}"
    if first.group(1) == last.group(1):
        return f"{word}{week}–{int(last.group(2))}/{year}"
    return f"{word}{week}/{year}–{word}{int(last.group(2))}/{last.group(1)}"


def _week_slots(keys: Sequence[str], language: str = "de") -> list[tuple[str, str]]:
    """``(key, tick label)`` of every week from the first to the last of ``keys``.

    ISO keys (``"2021-W02"``) are put in calendar order, the weeks in between without
    forms get a slot of their own, and tick labels read ``"KW 2/2021"``; other keys stay in
    the given order and are their own labels.
    """
    parsed = [_ISO_WEEK.match(k) for k in keys]
    if not keys or not all(parsed):
        return [(k, k) for k in dict.fromkeys(keys)]
    try:
        mondays = [date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
                   for m in parsed if m is not None]
    except ValueError:  # e.g. "2021-W60"
        return [(k, k) for k in dict.fromkeys(keys)]
    out = []
    day, last = min(mondays), max(mondays)
    while day <= last:
        year, week, _ = day.isocalendar()
        out.append((f"{year}-W{week:02d}", week_label(f"{year}-W{week:02d}", language)))
        day += timedelta(days=7)
    return out


def weekly_figure(
    weeks: pd.DataFrame,
    *,
    policy: Policy,
    title: str | None = None,
    ylabel: str | None = None,
    language: str = "de",
) -> Figure:
    """Feedback forms over time: one vertical bar per ISO week (internal) or per period of
    at least ``min_cell`` forms (shared), a line at the weekly median (internal).

    A shared report draws the ``period`` rows of :func:`survey.ratings.summary`: every
    bar holds at least ``min_cell`` forms, so neither a bar, its number, the axis nor a
    grid line tells a week's small count. The internal version draws the ``week`` rows:
    weeks run left to right in calendar order; a week between the first and the last
    without any form keeps its place (no bar, a grey "0"), so gaps in the fieldwork show;
    each bar carries its count; the dashed line marks the median number of forms over the
    listed weeks, labelled right of the axes.

    Parameters
    ----------
    weeks : DataFrame
        Rows of :func:`survey.ratings.summary`: ``unit`` (``week`` or ``period``; the
        others are ignored), ``key`` (ISO week ``"2021-W02"``, period
        ``"2021-W02/2021-W04"``) and ``n_forms``.
    policy : Policy
        The run's disclosure policy: a shared figure draws periods only (ValueError for
        week rows).
    title : str, optional
        Figure title (wrapped).
    ylabel : str, optional
        Label of the y axis; default the catalogue's ("Bögen je Woche" / "Forms per week").
    language : {"de", "en"}
        Language of the catalogue texts and numbers.

    Returns
    -------
    matplotlib.figure.Figure
        Not registered with pyplot. In ``fig.axes[0]`` every bar is a ``Rectangle`` with
        ``gid`` = its week key; its count is a text with ``gid`` ``"<key>|n"``; the median
        is a ``Line2D`` with ``gid`` ``"median"`` and its label a text ``"median_label"``.
        X tick labels read ``"KW 2/2021"`` (:func:`week_label`).

    Examples
    --------
    >>> import pandas as pd
    >>> weeks = pd.DataFrame({"unit": "week", "key": ["2021-W01", "2021-W02", "2021-W04"],
    ...                       "n_forms": [4, 2, 6]})
    >>> fig = weekly_figure(weeks, policy=Policy(3, internal=True))
    >>> ax = fig.axes[0]
    >>> [(p.get_gid(), float(p.get_height())) for p in ax.patches]
    [('2021-W01', 4.0), ('2021-W02', 2.0), ('2021-W04', 6.0)]
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['KW 1/2021', 'KW 2/2021', 'KW 3/2021', 'KW 4/2021']
    >>> sorted(t.get_text() for t in ax.texts if str(t.get_gid()).endswith("|n"))
    ['2', '4', '6']
    >>> [t.get_text() for t in ax.texts if t.get_gid() == "median_label"]
    ['Median: 4']
    >>> periods = pd.DataFrame({"unit": "period", "key": ["2021-W01/2021-W02", "2021-W04"],
    ...                         "n_forms": [6, 6], "suppressed": ""})
    >>> ax = weekly_figure(periods, policy=Policy(3)).axes[0]
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['KW 1–2/2021', 'KW 4/2021']
    """
    policy = checked(policy)
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    check_language(language)
    empty = text("plot.weekly_empty", language)
    if weeks is None or len(weeks) == 0:
        return _empty_figure(empty, title)
    unit = "week" if policy.internal else "period"
    if not policy.internal and "unit" in weeks.columns and (weeks["unit"] == "week").any():
        raise ValueError("a shared figure draws periods of at least min_cell forms, not "
                         "weeks (survey.ratings.summary(..., period_min=min_cell))")
    frame = weeks[weeks["unit"] == unit] if "unit" in weeks.columns else weeks
    _require(frame, ["key", "n_forms"], "weekly_figure")
    frame = shown_only(frame[frame["key"].map(lambda k: not is_missing(k))],
                       "session_ratings", policy)
    if not len(frame):
        return _empty_figure(empty, title)
    keys = [str(k) for k in frame["key"]]
    counts = dict(zip(keys, _counts(frame["n_forms"]), strict=True))
    raw = dict(zip(keys, frame["n_forms"], strict=True))
    slots = (_week_slots(keys, language) if unit == "week"
             else [(k, week_label(k, language)) for k in keys])
    min_count = policy.min_cell
    small_of = (dict(zip(keys, frame["suppressed_small"], strict=True))
                if "suppressed_small" in frame.columns else {})

    title_text = wrap_label(title, 90) if title else None
    height = 3.3 + (0.22 * _n_lines(title_text) + 0.2 if title_text else 0.0)
    fig = Figure(figsize=(_FIG_WIDTH, height), layout="constrained")
    ax = fig.add_subplot()
    many = len(slots) > 30
    font = _SMALL - (1.5 if many else 0.0)
    finite = [v for v in counts.values() if not math.isnan(v)]
    top = max(finite) if finite else 1.0
    for x, (key, _label) in enumerate(slots):
        if key not in counts:  # a week without forms
            ax.text(x, 0.0, "0", ha="center", va="bottom", fontsize=font, color="#888888",
                    gid=f"{key}|empty")
            continue
        value = counts[key]
        if math.isnan(value):  # masked in a shared table
            small = "n_forms" in withheld_columns(small_of.get(key))
            marker = raw[key].strip() if isinstance(raw[key], str) and raw[key].strip() else (
                f"< {min_count}" if small else text("text.not_shown", language))
            ax.text(x, 0.0, marker, ha="center", va="bottom", fontsize=font,
                    color="#555555", rotation=90 if len(marker) > 2 else 0,
                    gid=f"{key}|masked", parse_math=False)
            continue
        container = ax.bar(x, value, width=0.72, color=OKABE_ITO[0], edgecolor="white",
                           linewidth=0.5, zorder=2)
        container.patches[0].set_gid(key)
        if policy.internal or value >= min_count:
            ax.annotate(format_number(value, "count", language), (x, value), xytext=(0, 2),
                        textcoords="offset points", ha="center", va="bottom", fontsize=font,
                        color=_TEXT_DARK, gid=f"{key}|n", zorder=4,
                        bbox={"boxstyle": "square,pad=0.1", "facecolor": "white",
                              "edgecolor": "none"})

    # the median of the listed weeks (internal only: periods have no weekly median)
    ranked = np.array([-np.inf if math.isnan(v) else v for v in counts.values()])
    median = float(np.median(ranked)) if unit == "week" else math.nan
    if math.isfinite(median):
        digits = 0 if median == int(median) else 1
        ax.axhline(median, color=_MEDIAN_COLOUR, linewidth=1.3, linestyle=(0, (5, 3)),
                   zorder=3, gid="median")
        label = text("plot.weekly_median", language).format(
            value=format_number(median, "stat", language, digits))
        ax.annotate(label, (1.0, median), xycoords=("axes fraction", "data"), xytext=(4, 0),
                    textcoords="offset points", ha="left", va="center", fontsize=_SMALL,
                    color=_MEDIAN_COLOUR, fontweight="bold", annotation_clip=False,
                    gid="median_label", parse_math=False)

    ax.set_xlim(-0.6, len(slots) - 0.4)
    ax.set_ylim(0.0, top * 1.15 + 0.5)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    ax.yaxis.set_major_formatter(FuncFormatter(
        lambda v, _pos: format_number(v, "count", language)))
    ax.set_xticks(range(len(slots)))
    vertical = len(slots) > 16
    ax.set_xticklabels([label for _key, label in slots], rotation=90 if vertical else 45,
                       ha="center" if vertical else "right",
                       rotation_mode="default" if vertical else "anchor",
                       fontsize=_SMALL - (1.0 if many else 0.0))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.spines["left"].set_color("#666666")
    ax.spines["bottom"].set_color("#666666")
    ax.tick_params(axis="x", length=0, colors="#333333")
    ax.tick_params(axis="y", labelsize=_SMALL + 0.5, colors="#333333")
    ax.grid(axis="y", color="#BBBBBB", linewidth=0.5, alpha=0.6)
    ax.set_axisbelow(True)
    if ylabel is None:
        ylabel = text("plot.weekly_ylabel", language)
    ax.set_ylabel(ylabel, fontsize=_FONT, parse_math=False)
    ax.set_xlabel(text("plot.weekly_xlabel", language), fontsize=_FONT, parse_math=False)
    if title_text:
        fig.suptitle(title_text, fontsize=12, parse_math=False)
    return fig


# --------------------------------------------------------------------------- waves

#: Earlier wave: open circles in blue; later wave: filled squares in vermillion.
_WAVE_STYLES = (
    {"marker": "o", "colour": OKABE_ITO[0], "face": "white"},
    {"marker": "s", "colour": OKABE_ITO[4], "face": OKABE_ITO[4]},
)
_WAVE_OFFSET = 0.1  # inches between an item's row and each wave's line


def wave_figure(
    table: pd.DataFrame,
    *,
    policy: Policy,
    title: str | None = None,
    wrap: int = 45,
    language: str = "de",
) -> Figure:
    """Two waves side by side, item by item: each wave's share with its 95 % CI.

    One row per item (top to bottom in table order), grouped under bold section headings
    (``section_label``) in the order the sections first appear — level by level when the
    sections are the evaluation's levels ("Ebene 1: …"). Each row holds two lines: the
    earlier wave (``pct_a``, open circle) above the later one (``pct_b``, filled square),
    each a point at the share and a line from its ``pct_*_low`` to ``pct_*_high``; the x
    axis runs from 0 to 100 %. Marker shapes and fills tell the waves apart without
    colour (grey print); the colours are Okabe-Ito blue and vermillion. A column right of
    the axes gives ``diff`` (percentage points, wave b − wave a) with its CI. A share
    missing from the table (withheld in a shared report) is written "nicht ausgewiesen".

    Parameters
    ----------
    table : DataFrame
        Rows of ``wave_comparison.csv`` (:func:`survey.wavecompare.wave_comparison`):
        ``variable, label, wave_a, wave_b, pct_a, pct_b, pct_a_low, pct_a_high,
        pct_b_low, pct_b_high`` and optionally ``section_label`` (or ``section``),
        ``diff, ci_low, ci_high``; shared: as :meth:`survey.disclosure.Plan.table`
        returned them.
    policy : Policy
        The run's disclosure policy.
    title : str, optional
        Figure title (wrapped).
    wrap : int, default 45
        Characters per label line; lines break between words only.
    language : {"de", "en"}
        Language of the catalogue texts and numbers.

    Returns
    -------
    matplotlib.figure.Figure
        Not registered with pyplot. In ``fig.axes[0]`` each wave of each item has a
        ``Line2D`` point (``gid`` ``"<variable>|a|point"`` / ``"<variable>|b|point"``)
        and CI line (``"…|ci"``) or, when withheld, a text ``"…|not_shown"``; the
        difference column's texts have ``"<variable>|diff"``. The legend names the waves
        (the ``wave_a``/``wave_b`` values).

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({
    ...     "variable": ["fam", "job"], "label": ["Familie", "Arbeit"],
    ...     "section_label": ["Ebene 1", "Ebene 2"], "wave_a": "E1", "wave_b": "E2",
    ...     "pct_a": [50.0, float("nan")], "pct_a_low": [30.0, float("nan")],
    ...     "pct_a_high": [70.0, float("nan")], "pct_b": [80.0, 40.0],
    ...     "pct_b_low": [70.0, 30.0], "pct_b_high": [87.0, 50.0],
    ...     "diff": [30.0, float("nan")], "ci_low": [8.0, float("nan")],
    ...     "ci_high": [49.0, float("nan")]})
    >>> fig = wave_figure(table, policy=Policy(internal=True))
    >>> ax = fig.axes[0]
    >>> [line.get_xdata().tolist() for line in ax.lines if line.get_gid() == "fam|b|ci"]
    [[70.0, 87.0]]
    >>> [t.get_text() for t in ax.texts if t.get_gid() == "job|a|not_shown"]
    ['nicht ausgewiesen']
    >>> [t.get_text() for t in fig.legends[0].get_texts()][:2]
    ['E1', 'E2']
    """
    policy = checked(policy)
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.ticker import FixedLocator, FuncFormatter, MultipleLocator

    from .sentences import format_effect, format_interval

    check_language(language)
    if wrap < 1:
        raise ValueError(f"wrap must be a positive number of characters, got {wrap!r}")
    if table is None or len(table) == 0:
        return _empty_figure(text("plot.no_results", language), title)
    _require(table, ["variable", "label", "wave_a", "wave_b", "pct_a", "pct_b", "pct_a_low",
                     "pct_a_high", "pct_b_low", "pct_b_high"], "wave_figure")
    table = shown_only(table, "wave_comparison", policy)

    def numbers(column: str) -> np.ndarray:
        if column not in table.columns:
            return np.full(len(table), np.nan)
        return pd.to_numeric(table[column], errors="coerce").astype(float).to_numpy()

    def texts_of(column: str) -> list[str]:
        if column not in table.columns:
            return [""] * len(table)
        return ["" if is_missing(v) else str(v) for v in table[column]]

    variables, labels = texts_of("variable"), texts_of("label")
    sections = texts_of("section_label" if "section_label" in table.columns else "section")
    names = []
    for column, fallback in (("wave_a", "A"), ("wave_b", "B")):
        present = [v for v in texts_of(column) if v]
        names.append(present[0] if present else fallback)
    shares = {"a": (numbers("pct_a"), numbers("pct_a_low"), numbers("pct_a_high")),
              "b": (numbers("pct_b"), numbers("pct_b_low"), numbers("pct_b_high"))}
    diff, diff_low, diff_high = numbers("diff"), numbers("ci_low"), numbers("ci_high")

    small_cols, withheld_cols = texts_of("suppressed_small"), texts_of("suppressed")

    def count_texts(column: str) -> list[str]:  # a withheld count as its marker
        values = numbers(column)
        out = []
        for i, v in enumerate(values):
            if not math.isnan(v):
                out.append(format_number(v, "count", language))
            elif column in small_cols[i].split(";"):
                out.append(f"< {policy.min_cell}")
            elif column in withheld_cols[i].split(";"):
                out.append(".")
            else:
                out.append("")
        return out

    counts = (count_texts("n_a"), count_texts("n_b"))

    # sections in order of first appearance, their items in table order
    section_order = list(dict.fromkeys(sections))
    order = sorted(range(len(table)), key=lambda i: section_order.index(sections[i]))
    ticks: list[float] = []
    tick_texts: list[str] = []
    bold: list[int] = []
    rows: list[tuple[int, float]] = []
    y = 0.0
    current = None
    for i in order:
        if sections[i] != current and ticks:
            y += 0.12  # air between sections
        if sections[i] and sections[i] != current:
            heading = wrap_label(sections[i], wrap + 10)
            h = _LINE * _n_lines(heading) + 0.12
            bold.append(len(ticks))
            ticks.append(y + h / 2)
            tick_texts.append(heading)
            y += h
        current = sections[i]
        label = wrap_label(labels[i] or variables[i], wrap)
        if counts[0][i] or counts[1][i]:  # "(n = 24; 190)" on the last line or its own
            suffix = f"(n = {counts[0][i] or '–'}; {counts[1][i] or '–'})"
            lines = label.split("\n")
            if len(lines[-1]) + 1 + len(suffix) <= wrap + 2:
                lines[-1] = f"{lines[-1]} {suffix}"
            else:
                lines.append(suffix)
            label = "\n".join(lines)
        h = max(2 * _WAVE_OFFSET + 0.3, _LINE * _n_lines(label) + 0.16)
        ticks.append(y + h / 2)
        tick_texts.append(label)
        rows.append((i, y + h / 2))
        y += h
    rows_height = y

    title_text = wrap_label(title, 90) if title else None
    top = (0.22 * _n_lines(title_text) + 0.2 if title_text else 0.1) + 0.25  # + header
    legend_labels = [*names, text("plot.forest_ci", language)]
    note = text("plot.wave_direction", language).format(wave_a=names[0], wave_b=names[1])
    bottom = 0.55 + 0.2 + 0.25 * _legend_rows(legend_labels) + 0.15
    fig = Figure(figsize=(_FIG_WIDTH, rows_height + top + bottom), layout="constrained")
    ax = fig.add_subplot()
    offset = _WAVE_OFFSET  # y data units are inches: the axes are rows_height tall

    for i, ypos in rows:
        for side, style, shift in (("a", _WAVE_STYLES[0], -offset),
                                   ("b", _WAVE_STYLES[1], offset)):
            est, low, high = (v[i] for v in shares[side])
            key = f"{variables[i]}|{side}"
            if math.isnan(est):
                ax.text(50.0, ypos + shift, text("text.not_shown", language), ha="center",
                        va="center", fontsize=_SMALL - 0.5, style="italic", color="#555555",
                        gid=f"{key}|not_shown", parse_math=False, zorder=4,
                        bbox={"boxstyle": "square,pad=0.15", "facecolor": "white",
                              "edgecolor": "none"})
                continue
            if not (math.isnan(low) or math.isnan(high)):
                ax.plot([low, high], [ypos + shift, ypos + shift], color=style["colour"],
                        linewidth=1.6, solid_capstyle="butt", zorder=2, gid=f"{key}|ci")
            ax.plot([est], [ypos + shift], marker=style["marker"], markersize=6.5,
                    markerfacecolor=style["face"], markeredgecolor=style["colour"],
                    markeredgewidth=1.5, linestyle="none", zorder=3, gid=f"{key}|point",
                    clip_on=False)  # a share of 0 or 100 % shows its whole marker
        value = format_effect("risk_difference", diff[i] / 100, language=language)
        interval = format_interval("risk_difference", diff_low[i] / 100, diff_high[i] / 100,
                                   language=language)
        ax.annotate(f"{value} {interval}".strip(), (1.0, ypos),
                    xycoords=("axes fraction", "data"), xytext=(10, 0),
                    textcoords="offset points", ha="left", va="center", fontsize=_SMALL,
                    color=_TEXT_DARK, annotation_clip=False, parse_math=False,
                    gid=f"{variables[i]}|diff")
    ax.annotate(text("plot.wave_value_header", language), (1.0, 1.0),
                xycoords="axes fraction", xytext=(10, 4), textcoords="offset points",
                ha="left", va="bottom", fontsize=_SMALL, fontweight="bold", color=_TEXT_DARK,
                annotation_clip=False, parse_math=False)

    ax.set_xlim(0.0, 100.0)
    ax.xaxis.set_major_locator(FixedLocator([0, 20, 40, 60, 80, 100]))
    ax.xaxis.set_minor_locator(MultipleLocator(10))
    ax.xaxis.set_major_formatter(FuncFormatter(
        lambda v, _pos: format_number(v, "percent", language, 0)))
    ax.set_ylim(rows_height, 0.0)
    ax.set_yticks(ticks, tick_texts, parse_math=False)
    for index in bold:
        ax.get_yticklabels()[index].set_fontweight("bold")
    ax.set_xlabel(text("plot.wave_xlabel", language), fontsize=_FONT, parse_math=False)
    _style_axes(ax)
    ax.grid(axis="x", which="minor", color="#DDDDDD", linewidth=0.4)
    ax.spines["bottom"].set_color("#666666")
    handles = [Line2D([], [], marker=s["marker"], markersize=6.5, markerfacecolor=s["face"],
                      markeredgecolor=s["colour"], markeredgewidth=1.5, linestyle="none")
               for s in _WAVE_STYLES]
    handles.append(Line2D([], [], color="#555555", linewidth=1.6))
    _legend(fig, handles, legend_labels)
    if title_text:
        fig.suptitle(title_text, fontsize=12, parse_math=False)
    # the direction of the difference under the x label (as forest_figure's note)
    fig.draw_without_rendering()
    gap = ((ax.get_window_extent().y0 - ax.xaxis.label.get_window_extent().y0) * 72.0
           / fig.dpi + 3.0)
    ax.annotate(wrap_label(note, 120), (0.5, 0.0), xycoords="axes fraction",
                xytext=(0, -gap), textcoords="offset points", ha="center", va="top",
                fontsize=_SMALL, style="italic", color="#444444", annotation_clip=False,
                parse_math=False, gid="direction")
    return fig
