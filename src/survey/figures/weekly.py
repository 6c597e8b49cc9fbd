"""Feedback forms per week (or per period in a shared report), with the median."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..disclosure import Policy, checked, shown_only, withheld_columns
from ..messages import check_language, text
from ..numbers import _ISO_WEEK, format_number, is_missing, week_label
from .style import (
    _FONT,
    _SMALL,
    _TEXT_DARK,
    OKABE_ITO,
    _counts,
    _empty_figure,
    _figure,
    _n_lines,
    _require,
    _suptitle,
    wrap_label,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


_MEDIAN_COLOUR = OKABE_ITO[4]  # vermillion: stands out from the blue bars, also in grey


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
    check_language(language)
    empty = text("plot.weekly_empty", language)
    if weeks is None or len(weeks) == 0:
        return _empty_figure(empty, title)
    unit = "week" if policy.internal else "period"
    frame = _weekly_rows(weeks, unit, policy)
    if not len(frame):
        return _empty_figure(empty, title)
    keys = [str(k) for k in frame["key"]]
    counts = dict(zip(keys, _counts(frame["n_forms"]), strict=True))
    slots = (_week_slots(keys, language) if unit == "week"
             else [(k, week_label(k, language)) for k in keys])

    title_text = wrap_label(title, 90) if title else None
    fig = _figure(3.3 + (0.22 * _n_lines(title_text) + 0.2 if title_text else 0.0))
    ax = fig.add_subplot()
    many = len(slots) > 30
    _draw_weeks(ax, frame, keys, slots, counts, policy, _SMALL - (1.5 if many else 0.0),
                language)
    if unit == "week":  # internal only: periods have no weekly median
        _draw_median(ax, counts, language)
    finite = [v for v in counts.values() if not math.isnan(v)]
    _weekly_axes(ax, slots, max(finite) if finite else 1.0, many, ylabel, language)
    _suptitle(fig, title_text)
    return fig


def _weekly_rows(weeks: pd.DataFrame, unit: str, policy: Policy) -> pd.DataFrame:
    """The rows of ``unit`` (weeks or periods) with a key, as the policy may show them."""
    if not policy.internal and "unit" in weeks.columns and (weeks["unit"] == "week").any():
        raise ValueError("a shared figure draws periods of at least min_cell forms, not "
                         "weeks (survey.ratings.summary(..., period_min=min_cell))")
    frame = weeks[weeks["unit"] == unit] if "unit" in weeks.columns else weeks
    _require(frame, ["key", "n_forms"], "weekly_figure")
    return shown_only(frame[frame["key"].map(lambda k: not is_missing(k))],
                      "session_ratings", policy)


def _draw_weeks(ax: Axes, frame: pd.DataFrame, keys: list[str], slots: list[tuple[str, str]],
                counts: dict[str, float], policy: Policy, font: float, language: str) -> None:
    """A bar with its count per slot; "0" for a week without forms, a withheld count's marker."""
    raw = dict(zip(keys, frame["n_forms"], strict=True))
    small_of = (dict(zip(keys, frame["suppressed_small"], strict=True))
                if "suppressed_small" in frame.columns else {})
    for x, (key, _label) in enumerate(slots):
        if key not in counts:  # a week without forms
            ax.text(x, 0.0, "0", ha="center", va="bottom", fontsize=font, color="#888888",
                    gid=f"{key}|empty")
            continue
        value = counts[key]
        if math.isnan(value):  # masked in a shared table
            small = "n_forms" in withheld_columns(small_of.get(key))
            marker = raw[key].strip() if isinstance(raw[key], str) and raw[key].strip() else (
                f"< {policy.min_cell}" if small else text("text.not_shown", language))
            ax.text(x, 0.0, marker, ha="center", va="bottom", fontsize=font,
                    color="#555555", rotation=90 if len(marker) > 2 else 0,
                    gid=f"{key}|masked", parse_math=False)
            continue
        container = ax.bar(x, value, width=0.72, color=OKABE_ITO[0], edgecolor="white",
                           linewidth=0.5, zorder=2)
        container.patches[0].set_gid(key)
        if policy.internal or value >= policy.min_cell:
            ax.annotate(format_number(value, "count", language), (x, value), xytext=(0, 2),
                        textcoords="offset points", ha="center", va="bottom", fontsize=font,
                        color=_TEXT_DARK, gid=f"{key}|n", zorder=4,
                        bbox={"boxstyle": "square,pad=0.1", "facecolor": "white",
                              "edgecolor": "none"})


def _draw_median(ax: Axes, counts: dict[str, float], language: str) -> None:
    """The dashed line at the median of the listed weeks, labelled right of the axes."""
    ranked = np.array([-np.inf if math.isnan(v) else v for v in counts.values()])
    median = float(np.median(ranked))
    if not math.isfinite(median):
        return
    digits = 0 if median == int(median) else 1
    ax.axhline(median, color=_MEDIAN_COLOUR, linewidth=1.3, linestyle=(0, (5, 3)),
               zorder=3, gid="median")
    label = text("plot.weekly_median", language).format(
        value=format_number(median, "stat", language, digits))
    ax.annotate(label, (1.0, median), xycoords=("axes fraction", "data"), xytext=(4, 0),
                textcoords="offset points", ha="left", va="center", fontsize=_SMALL,
                color=_MEDIAN_COLOUR, fontweight="bold", annotation_clip=False,
                gid="median_label", parse_math=False)


def _weekly_axes(ax: Axes, slots: list[tuple[str, str]], top: float, many: bool,
                 ylabel: str | None, language: str) -> None:
    """The slots along the x axis (their labels turned), the counts up the y axis."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

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
