"""Two waves compared item by item: shares with their intervals, one line per wave."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..disclosure import Policy, checked, shown_only
from ..messages import check_language, text
from ..numbers import format_number
from .style import (
    _FONT,
    _LINE,
    _SMALL,
    OKABE_ITO,
    _check_wrap,
    _direction_note,
    _empty_figure,
    _figure,
    _legend,
    _legend_rows,
    _n_lines,
    _not_shown_text,
    _percent_ticks,
    _require,
    _Rows,
    _style_axes,
    _suptitle,
    _text_column,
    _title_height,
    _value_header,
    _value_text,
    _with_suffix,
    wrap_label,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


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
    check_language(language)
    _check_wrap(wrap)
    if table is None or len(table) == 0:
        return _empty_figure(text("plot.no_results", language), title)
    _require(table, ["variable", "label", "wave_a", "wave_b", "pct_a", "pct_b", "pct_a_low",
                     "pct_a_high", "pct_b_low", "pct_b_high"], "wave_figure")
    data = _wave_data(shown_only(table, "wave_comparison", policy), policy, language)
    layout, rows = _wave_rows(data, wrap)

    title_text = wrap_label(title, 90) if title else None
    top = _title_height(title_text) + 0.25  # + header
    legend_labels = [*data.names, text("plot.forest_ci", language)]
    note = text("plot.wave_direction", language).format(wave_a=data.names[0],
                                                        wave_b=data.names[1])
    bottom = 0.55 + 0.2 + 0.25 * _legend_rows(legend_labels) + 0.15
    fig = _figure(layout.height + top + bottom)
    ax = fig.add_subplot()  # y data units are inches: the axes are layout.height tall
    _draw_waves(ax, data, rows, language)
    _value_header(ax, text("plot.wave_value_header", language))
    _wave_axes(ax, layout, language)
    _legend(fig, _wave_handles(), legend_labels)
    _suptitle(fig, title_text)
    # the direction of the difference under the x label (as forest_figure's note)
    fig.draw_without_rendering()
    gap = ((ax.get_window_extent().y0 - ax.xaxis.label.get_window_extent().y0) * 72.0
           / fig.dpi + 3.0)
    _direction_note(ax, note, "axes fraction", gap)
    return fig


@dataclass
class _Waves:
    """The table's items: names, sections, counts, both waves' shares and the difference."""

    variables: list[str]
    labels: list[str]
    sections: list[str]
    names: list[str]  # of wave a and wave b
    shares: dict[str, tuple[np.ndarray, ...]]  # wave -> share, CI low, CI high
    diff: tuple[np.ndarray, ...]  # difference, CI low, CI high
    counts: tuple[list[str], list[str]]  # per wave: the count as text or its marker


def _numbers(table: pd.DataFrame, column: str) -> np.ndarray:
    """A column as floats; NaN for withheld values or a missing column."""
    if column not in table.columns:
        return np.full(len(table), np.nan)
    return pd.to_numeric(table[column], errors="coerce").astype(float).to_numpy()


def _count_texts(table: pd.DataFrame, column: str, policy: Policy,
                 language: str) -> list[str]:
    """A column of counts as texts; a withheld count as its marker ("< 5" or ".")."""
    small_cols = _text_column(table, "suppressed_small")
    withheld_cols = _text_column(table, "suppressed")
    out = []
    for i, v in enumerate(_numbers(table, column)):
        if not math.isnan(v):
            out.append(format_number(v, "count", language))
        elif column in small_cols[i].split(";"):
            out.append(f"< {policy.min_cell}")
        elif column in withheld_cols[i].split(";"):
            out.append(".")
        else:
            out.append("")
    return out


def _wave_data(table: pd.DataFrame, policy: Policy, language: str) -> _Waves:
    """The items of a wave comparison table (withheld cells NaN)."""
    names = []
    for column, fallback in (("wave_a", "A"), ("wave_b", "B")):
        present = [v for v in _text_column(table, column) if v]
        names.append(present[0] if present else fallback)
    return _Waves(
        variables=_text_column(table, "variable"), labels=_text_column(table, "label"),
        sections=_text_column(
            table, "section_label" if "section_label" in table.columns else "section"),
        names=names,
        shares={side: tuple(_numbers(table, f"pct_{side}{end}") for end in ("", "_low", "_high"))
                for side in ("a", "b")},
        diff=tuple(_numbers(table, c) for c in ("diff", "ci_low", "ci_high")),
        counts=(_count_texts(table, "n_a", policy, language),
                _count_texts(table, "n_b", policy, language)))


def _wave_rows(data: _Waves, wrap: int) -> tuple[_Rows, list[tuple[int, float]]]:
    """Rows and their heights, sections in order of appearance; each item's index and y."""
    section_order = list(dict.fromkeys(data.sections))
    order = sorted(range(len(data.sections)),
                   key=lambda i: section_order.index(data.sections[i]))
    layout = _Rows()
    rows: list[tuple[int, float]] = []
    current = None
    for i in order:
        if data.sections[i] != current and layout.ticks:
            layout.height += 0.12  # air between sections
        if data.sections[i] and data.sections[i] != current:
            heading = wrap_label(data.sections[i], wrap + 10)
            layout.add(heading, _LINE * _n_lines(heading) + 0.12, bold=True)
        current = data.sections[i]
        label = wrap_label(data.labels[i] or data.variables[i], wrap)
        n_a, n_b = data.counts[0][i], data.counts[1][i]
        if n_a or n_b:  # "(n = 24; 190)" on the last line or its own
            label = _with_suffix(label, f"(n = {n_a or '–'}; {n_b or '–'})", wrap)
        height = max(2 * _WAVE_OFFSET + 0.3, _LINE * _n_lines(label) + 0.16)
        rows.append((i, layout.add(label, height)))
    return layout, rows


def _draw_waves(ax: Axes, data: _Waves, rows: list[tuple[int, float]], language: str) -> None:
    """Each item's two waves and its difference in the value column."""
    from ..statstext import format_effect, format_interval

    diff, diff_low, diff_high = data.diff
    for i, ypos in rows:
        for side, style, shift in (("a", _WAVE_STYLES[0], -_WAVE_OFFSET),
                                   ("b", _WAVE_STYLES[1], _WAVE_OFFSET)):
            est, low, high = (v[i] for v in data.shares[side])
            _draw_share(ax, ypos + shift, (est, low, high), style,
                        f"{data.variables[i]}|{side}", language)
        value = format_effect("risk_difference", diff[i] / 100, language=language)
        interval = format_interval("risk_difference", diff_low[i] / 100, diff_high[i] / 100,
                                   language=language)
        _value_text(ax, ypos, f"{value} {interval}".strip(), f"{data.variables[i]}|diff")


def _draw_share(ax: Axes, y: float, share: tuple[float, float, float],
                style: dict[str, Any], key: str, language: str) -> None:
    """One wave's point and CI line at ``y``, or "nicht ausgewiesen"."""
    est, low, high = share
    if math.isnan(est):
        _not_shown_text(ax, 50.0, y, text("text.not_shown", language), f"{key}|not_shown",
                        _SMALL - 0.5)
        return
    if not (math.isnan(low) or math.isnan(high)):
        ax.plot([low, high], [y, y], color=style["colour"],
                linewidth=1.6, solid_capstyle="butt", zorder=2, gid=f"{key}|ci")
    ax.plot([est], [y], marker=style["marker"], markersize=6.5,
            markerfacecolor=style["face"], markeredgecolor=style["colour"],
            markeredgewidth=1.5, linestyle="none", zorder=3, gid=f"{key}|point",
            clip_on=False)  # a share of 0 or 100 % shows its whole marker


def _wave_axes(ax: Axes, layout: _Rows, language: str) -> None:
    """The x axis from 0 to 100 %, the rows on the y axis."""
    from matplotlib.ticker import FixedLocator, MultipleLocator

    ax.set_xlim(0.0, 100.0)
    ax.xaxis.set_major_locator(FixedLocator([0, 20, 40, 60, 80, 100]))
    ax.xaxis.set_minor_locator(MultipleLocator(10))
    _percent_ticks(ax.xaxis, language)
    layout.label(ax)
    ax.set_xlabel(text("plot.wave_xlabel", language), fontsize=_FONT, parse_math=False)
    _style_axes(ax)
    ax.grid(axis="x", which="minor", color="#DDDDDD", linewidth=0.4)
    ax.spines["bottom"].set_color("#666666")


def _wave_handles() -> list[Any]:
    """The legend entries: each wave's marker, then a CI line."""
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], marker=s["marker"], markersize=6.5, markerfacecolor=s["face"],
                      markeredgecolor=s["colour"], markeredgewidth=1.5, linestyle="none")
               for s in _WAVE_STYLES]
    handles.append(Line2D([], [], color="#555555", linewidth=1.6))
    return handles
