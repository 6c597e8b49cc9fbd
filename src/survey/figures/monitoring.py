"""Programme monitoring figures: the take-up funnel per benefit, self vs coach per area of
the resource card, and many projects against one target (a funnel plot).

Each is drawn from a result table as the report shows it (:mod:`survey.monitortables`,
after the records' disclosure plan): a withheld value (NaN) is never drawn, its place
says "nicht ausgewiesen" as in the other figures.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

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
    _check_wrap,
    _empty_figure,
    _figure,
    _fit_percent_labels,
    _legend,
    _n_lines,
    _not_shown_text,
    _percent,
    _percent_axis,
    _percent_ticks,
    _require,
    _Rows,
    _style_axes,
    _suptitle,
    _title_height,
    _value_header,
    _value_text,
    wrap_label,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["takeup_figure", "card_figure", "funnel_plot"]

_BAR = OKABE_ITO[0]
_SELF, _COACH = OKABE_ITO[0], OKABE_ITO[1]
_OUTSIDE = OKABE_ITO[4]  # vermillion
_CI_STYLE: dict[str, Any] = {"color": "#333333", "linewidth": 1.0, "zorder": 3}


def _numbers(frame: pd.DataFrame, column: str) -> np.ndarray:
    """A column as floats; withheld values (NaN, NA, markers as text) are NaN."""
    if column not in frame.columns:
        return np.full(len(frame), np.nan)
    return pd.to_numeric(frame[column], errors="coerce").astype(float).to_numpy()


def _texts(frame: pd.DataFrame, column: str) -> list[str]:
    return ["" if is_missing(v) else str(v) for v in frame[column]]


# --------------------------------------------------------------------------- take-up funnel


def takeup_figure(table: pd.DataFrame, *, title: str | None = None, wrap: int = 40,
                  language: str = "de") -> Figure:
    """The take-up funnel: per benefit one bar per stage, the share of the first stage.

    Parameters
    ----------
    table : DataFrame
        The ``takeup_funnel`` table as the report shows it: ``benefit, stage, n,
        pct_first`` and optionally ``ci_low, ci_high`` (Wilson, percent of the first
        stage), rows in funnel order per benefit. A withheld share (NaN) gets the text
        "nicht ausgewiesen" instead of a bar.
    title : str, optional
        Figure title (wrapped).
    wrap : int, default 40
        Characters per label line.
    language : {"de", "en"}
        Words and numbers.

    Returns
    -------
    matplotlib.figure.Figure
        Not registered with pyplot. In ``fig.axes[0]``: per row a bar (``Rectangle``,
        gid ``"<benefit>|<stage>"``), its interval (``Line2D`` ``"<benefit>|<stage>|ci"``)
        and the text at its end (``"<benefit>|<stage>|value"``: share and count), or the
        text ``"<benefit>|<stage>|not_shown"``. The benefits are bold headings.

    Examples
    --------
    >>> t = pd.DataFrame({"benefit": ["Mittagessen"] * 2, "stage": ["berechtigt", "nutzt"],
    ...                   "n": [48, 37], "pct_first": [100.0, 77.08],
    ...                   "ci_low": [92.6, 63.5], "ci_high": [100.0, 86.7]})
    >>> ax = takeup_figure(t).axes[0]
    >>> [round(float(p.get_width()), 2) for p in ax.patches]
    [100.0, 77.08]
    >>> [x.get_text() for x in ax.texts if x.get_gid() == "Mittagessen|nutzt|value"]
    ['77,1 % (n = 37)']
    """
    check_language(language)
    _check_wrap(wrap)
    if table is None or not len(table):
        return _empty_figure(text("plot.no_results", language), title)
    _require(table, ["benefit", "stage", "n", "pct_first"], "takeup_figure")
    benefits, stages = _texts(table, "benefit"), _texts(table, "stage")
    n, pct = _numbers(table, "n"), _numbers(table, "pct_first")
    low, high = _numbers(table, "ci_low"), _numbers(table, "ci_high")
    rows = _Rows()
    centres = []
    for i, benefit in enumerate(benefits):
        if i == 0 or benefit != benefits[i - 1]:
            rows.add(wrap_label(benefit, wrap), 0.34, bold=True)
        label = wrap_label(stages[i], wrap)
        centres.append(rows.add(label, max(0.3, _LINE * _n_lines(label) + 0.1)))
    title_text = wrap_label(title, 90) if title else None
    fig = _figure(rows.height + _title_height(title_text) + 0.6)
    ax = fig.add_subplot()
    texts, anchors = [], []
    not_shown = text("text.not_shown", language)
    for i, ypos in enumerate(centres):
        key = f"{benefits[i]}|{stages[i]}"
        if math.isnan(pct[i]):
            ax.annotate(not_shown, (0.0, ypos), xytext=(3, 0), textcoords="offset points",
                        ha="left", va="center", fontsize=_SMALL, style="italic",
                        color="#555555", annotation_clip=False, parse_math=False,
                        gid=f"{key}|not_shown")
            continue
        bars = ax.barh(ypos, pct[i], height=0.22, color=_BAR, edgecolor="white",
                       linewidth=0.5, zorder=2)
        bars.patches[0].set_gid(key)
        end = pct[i]
        if np.isfinite(low[i]) and np.isfinite(high[i]) and high[i] > low[i]:
            ax.plot([low[i], high[i]], [ypos, ypos], gid=f"{key}|ci", **_CI_STYLE)
            end = max(end, high[i])
        note = _percent(pct[i], language, 1)
        if np.isfinite(n[i]):
            note += f" (n = {format_number(n[i], 'count', language)})"
        texts.append(ax.annotate(note, (end, ypos), xytext=(3, 0), textcoords="offset points",
                                 ha="left", va="center", fontsize=_SMALL, color=_TEXT_DARK,
                                 annotation_clip=False, parse_math=False,
                                 gid=f"{key}|value"))
        anchors.append(end)
    _percent_axis(ax, 100.0, rows, text("plot.takeup_xlabel", language), language)
    _suptitle(fig, title_text)
    _fit_percent_labels(ax, texts, anchors)
    return fig


# --------------------------------------------------------------------------- resource card


def card_figure(table: pd.DataFrame, *, title: str | None = None, wrap: int = 40,
                scale: tuple[float, float] | None = None, language: str = "de") -> Figure:
    """Self vs coach per area of the resource card: two points per area joined by a line,
    and the mean difference with its 95 % interval in a column to the right.

    Parameters
    ----------
    table : DataFrame
        The ``card_agreement`` table as the report shows it: ``area, mean_self,
        mean_coach`` and optionally ``n, mean_diff, diff_ci_low, diff_ci_high``; an area
        whose means are withheld (NaN) says "nicht ausgewiesen".
    title : str, optional
        Figure title (wrapped).
    wrap : int, default 40
        Characters per label line.
    scale : (float, float), optional
        The ends of the rating scale (e.g. ``(1, 5)``) for the x axis; default the range
        of the means with some air, on whole numbers.
    language : {"de", "en"}
        Words and numbers.

    Returns
    -------
    matplotlib.figure.Figure
        Not registered with pyplot. In ``fig.axes[0]`` each area has the points
        ``"<area>|self"`` and ``"<area>|coach"`` (``Line2D``), the line between them
        (``"<area>|gap"``) and the value text ``"<area>|value"``, or the text
        ``"<area>|not_shown"``; the legend names self and coach.

    Examples
    --------
    >>> t = pd.DataFrame({"area": ["Gesundheit"], "n": [30], "mean_self": [3.9],
    ...                   "mean_coach": [3.2], "mean_diff": [0.7], "diff_ci_low": [0.3],
    ...                   "diff_ci_high": [1.1]})
    >>> ax = card_figure(t, scale=(1, 5)).axes[0]
    >>> [line.get_xdata().tolist() for line in ax.lines if line.get_gid() == "Gesundheit|gap"]
    [[3.9, 3.2]]
    """
    from matplotlib.lines import Line2D
    from matplotlib.ticker import MultipleLocator

    check_language(language)
    _check_wrap(wrap)
    if table is None or not len(table):
        return _empty_figure(text("plot.no_results", language), title)
    _require(table, ["area", "mean_self", "mean_coach"], "card_figure")
    areas = _texts(table, "area")
    own, coach = _numbers(table, "mean_self"), _numbers(table, "mean_coach")
    diff, d_low, d_high = (_numbers(table, c) for c in ("mean_diff", "diff_ci_low",
                                                         "diff_ci_high"))
    n = _numbers(table, "n")
    rows = _Rows()
    for i, area in enumerate(areas):
        label = wrap_label(area, wrap)
        if np.isfinite(n[i]):
            label += f" (n = {format_number(n[i], 'count', language)})"
        rows.add(label, max(0.36, _LINE * _n_lines(label) + 0.14))
    title_text = wrap_label(title, 90) if title else None
    fig = _figure(rows.height + _title_height(title_text) + 0.25 + 0.95)
    ax = fig.add_subplot()
    shown = np.isfinite(own) & np.isfinite(coach)
    values = np.concatenate([own[shown], coach[shown]])
    lo, hi = scale if scale is not None else (
        (math.floor(values.min() - 0.25), math.ceil(values.max() + 0.25)) if len(values)
        else (1.0, 5.0))
    marker = {"markersize": 7.5, "linestyle": "none", "zorder": 3}
    for i, ypos in enumerate(rows.ticks):
        if not shown[i]:
            _not_shown_text(ax, (lo + hi) / 2, ypos, text("text.not_shown", language),
                            f"{areas[i]}|not_shown")
            continue
        ax.plot([own[i], coach[i]], [ypos, ypos], color="#999999", linewidth=1.6, zorder=2,
                gid=f"{areas[i]}|gap")
        ax.plot([own[i]], [ypos], marker="o", color=_SELF, gid=f"{areas[i]}|self", **marker)
        ax.plot([coach[i]], [ypos], marker="s", color=_COACH, gid=f"{areas[i]}|coach",
                **marker)
        if np.isfinite(diff[i]):
            value = _signed(diff[i], language)
            if np.isfinite(d_low[i]) and np.isfinite(d_high[i]):
                value += (f" [{_signed(d_low[i], language)}; "
                          f"{_signed(d_high[i], language)}]")
            _value_text(ax, ypos, value, f"{areas[i]}|value")
    _value_header(ax, text("plot.card_value_header", language))
    ax.set_xlim(lo - 0.1 * (hi - lo) / 4, hi + 0.1 * (hi - lo) / 4)
    ax.xaxis.set_major_locator(MultipleLocator(1.0 if hi - lo <= 10 else 2.0))
    ax.xaxis.set_major_formatter(_stat_formatter(language, 0))
    rows.label(ax)
    ax.set_xlabel(text("plot.card_xlabel", language), fontsize=_FONT, parse_math=False)
    _style_axes(ax)
    handles = [Line2D([], [], marker="o", color=_SELF, linestyle="none", markersize=7.5),
               Line2D([], [], marker="s", color=_COACH, linestyle="none", markersize=7.5)]
    _legend(fig, handles, [text("plot.card_self", language), text("plot.card_coach", language)])
    _suptitle(fig, title_text)
    return fig


def _signed(value: float, language: str) -> str:
    """A difference with its sign, one decimal: ``+0,7``, ``−0,3``."""
    number = format_number(abs(value), "stat", language, 1)
    if round(value, 1) == 0:
        return format_number(0.0, "stat", language, 1)
    return ("+" if value > 0 else "−") + number


def _stat_formatter(language: str, digits: int):
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _pos: format_number(v, "stat", language, digits))


# --------------------------------------------------------------------------- funnel plot


def funnel_plot(positions: pd.DataFrame, limits: pd.DataFrame, target: float, *,
                title: str | None = None, label: str = "title",
                language: str = "de") -> Figure:
    """Many projects against one target: share vs participants with the 95 % and 99,8 %
    limits around the target (Spiegelhalter 2005; :func:`survey.funnelplot.limits`).

    Parameters
    ----------
    positions : DataFrame
        One row per project (the ``programme`` table as the report shows it): ``project,
        n`` and ``share`` (0–1) or ``pct`` (0–100), ``position``
        (:data:`survey.funnelplot.POSITIONS`) and the ``label`` column naming the project
        in the figure (default ``title``, else ``project``). A project whose share or n is
        withheld (NaN) is not placed; a note under the axis names it.
    limits : DataFrame
        :func:`survey.funnelplot.limits` over the range of n to draw: ``n, level, lower,
        upper`` (shares).
    target : float
        The target share (0–1), drawn as a horizontal line.
    title : str, optional
        Figure title (wrapped).
    label : str, default "title"
        Column of the project names written beside projects outside the 95 % limits.
    language : {"de", "en"}
        Words and numbers.

    Returns
    -------
    matplotlib.figure.Figure
        Not registered with pyplot. In ``fig.axes[0]``: each placed project a point
        (``Line2D``, gid ``"<project>|point"``; filled vermillion when outside the 95 %
        limits, open blue inside), the lines ``"limit|<level>|lower"`` and
        ``"limit|<level>|upper"``, ``"target"``; names of projects outside the 95 % limits
        as texts ``"<project>|label"``; the note ``"withheld"`` when a project is not placed.

    Examples
    --------
    >>> from survey.funnelplot import limits, positions
    >>> p = positions(pd.DataFrame({"p": ["A", "B"], "k": [30, 5], "n": [40, 30]}),
    ...               project="p", hits="k", n="n", target=0.34)
    >>> ax = funnel_plot(p, limits(0.34, range(1, 50)), 0.34, label="project").axes[0]
    >>> sorted(line.get_gid() for line in ax.lines if line.get_gid().endswith("|point"))
    ['A|point', 'B|point']
    """
    check_language(language)
    if positions is None or not len(positions):
        return _empty_figure(text("plot.no_results", language), title)
    _require(positions, ["project", "n"], "funnel_plot")
    _require(limits, ["n", "level", "lower", "upper"], "funnel_plot")
    share = (_numbers(positions, "share") * 100.0 if "share" in positions.columns
             else _numbers(positions, "pct"))
    n = _numbers(positions, "n")
    projects = _texts(positions, "project")
    names = _texts(positions, label if label in positions.columns else "project")
    names = [nm or pr for nm, pr in zip(names, projects, strict=True)]
    where = (_texts(positions, "position") if "position" in positions.columns
             else [""] * len(positions))
    placed = np.isfinite(share) & np.isfinite(n)
    withheld = [names[i] for i in range(len(names)) if not placed[i]]

    title_text = wrap_label(title, 90) if title else None
    fig = _figure(4.6 + _title_height(title_text) + (0.25 if withheld else 0.0))
    ax = fig.add_subplot()
    from matplotlib.lines import Line2D

    styles = {0.95: {"linestyle": "--", "linewidth": 1.1},
              0.998: {"linestyle": ":", "linewidth": 1.4}}
    handles, labels = [], []
    for level, part in limits.sort_values(["level", "n"]).groupby("level", sort=True):
        style = styles.get(round(float(level), 3), {"linestyle": "-.", "linewidth": 1.0})
        x = part["n"].to_numpy(float)
        for side in ("lower", "upper"):
            ax.plot(x, part[side].to_numpy(float) * 100.0, color="#555555", zorder=1,
                    gid=f"limit|{level:g}|{side}", **style)
        handles.append(Line2D([], [], color="#555555", **style))
        key = "plot.funnel_limit_95" if round(float(level), 3) == 0.95 else (
            "plot.funnel_limit_998" if round(float(level), 3) == 0.998 else None)
        labels.append(text(key, language) if key else
                      f"{format_number(100 * float(level), 'percent', language, 1)} %")
    ax.axhline(100.0 * target, color=_TEXT_DARK, linewidth=1.2, zorder=1, gid="target")
    handles.append(Line2D([], [], color=_TEXT_DARK, linewidth=1.2))
    labels.append(text("plot.funnel_target", language).format(
        target=_percent(100.0 * target, language, 0)))
    outside = np.array([w.startswith(("above", "below")) for w in where])
    for i in np.flatnonzero(placed):
        face, edge = (_OUTSIDE, _OUTSIDE) if outside[i] else ("white", OKABE_ITO[0])
        ax.plot([n[i]], [share[i]], marker="o", markersize=7, markerfacecolor=face,
                markeredgecolor=edge, markeredgewidth=1.4, linestyle="none", zorder=4,
                gid=f"{projects[i]}|point")
        if outside[i]:
            ax.annotate(names[i], (n[i], share[i]), xytext=(6, 0), textcoords="offset points",
                        ha="left", va="center", fontsize=_SMALL, color=_TEXT_DARK,
                        parse_math=False, gid=f"{projects[i]}|label")
    if (placed & ~outside).any():
        handles.append(Line2D([], [], marker="o", markerfacecolor="white", linestyle="none",
                              markeredgecolor=OKABE_ITO[0], markeredgewidth=1.4))
        labels.append(text("plot.funnel_inside", language))
    if (placed & outside).any():
        handles.append(Line2D([], [], marker="o", color=_OUTSIDE, linestyle="none"))
        labels.append(text("plot.funnel_outside", language))
    right = max(float(np.nanmax(limits["n"])) if len(limits) else 0.0,
                float(np.nanmax(n[placed])) * 1.1 if placed.any() else 0.0, 1.0)
    ax.set_xlim(0.0, right)
    ax.set_ylim(0.0, 100.0)
    from matplotlib.ticker import MaxNLocator, MultipleLocator

    ax.yaxis.set_major_locator(MultipleLocator(20.0))
    _percent_ticks(ax.yaxis, language)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=8, steps=[1, 2, 2.5, 5, 10], integer=True))
    ax.xaxis.set_major_formatter(_stat_formatter(language, 0))
    ax.set_xlabel(text("plot.funnel_xlabel", language), fontsize=_FONT, parse_math=False)
    ax.set_ylabel(text("plot.funnel_ylabel", language), fontsize=_FONT, parse_math=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=_SMALL + 0.5, colors="#333333")
    ax.grid(color="#BBBBBB", linewidth=0.5, alpha=0.6)
    ax.set_axisbelow(True)
    if withheld:
        note = wrap_label(text("plot.funnel_withheld", language).format(
            projects=", ".join(withheld)), int(_FIG_WIDTH * 13))
        ax.annotate(note, (0.5, 0.0), xycoords=ax.xaxis.label, xytext=(0, -4),
                    textcoords="offset points", ha="center", va="top", fontsize=_SMALL,
                    style="italic", color="#444444", annotation_clip=False,
                    parse_math=False, gid="withheld")
    _legend(fig, handles, labels)
    _suptitle(fig, title_text)
    return fig
