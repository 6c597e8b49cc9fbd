"""Indicators against their targets: each share as a point with its 95 % interval and its
target as a mark on the same row (programme monitoring, notebook 07)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..messages import check_language, text
from ..numbers import format_number, is_missing
from .style import (
    _FONT,
    OKABE_ITO,
    _empty_figure,
    _figure,
    _legend,
    _not_shown_text,
    _percent_ticks,
    _Rows,
    _style_axes,
    _suptitle,
    _title_height,
    _value_text,
    wrap_label,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["indicator_figure"]


def indicator_figure(table: pd.DataFrame, *, title: str | None = None, wrap: int = 45,
                     language: str = "de") -> Figure:
    """Shares of indicators (and their groups) with Wilson intervals against the target.

    Parameters
    ----------
    table : DataFrame
        The ``indicators`` result table as the report shows it (:mod:`survey.
        monitortables`): ``label, group, k, n, pct, ci_low, ci_high, target_pct``; a
        withheld share (NaN) is drawn as "nicht ausgewiesen" at its row.
    title : str, optional
        Figure title.
    wrap : int, default 45
        Characters per label line.
    language : {"de", "en"}
        Words and numbers.

    Returns
    -------
    matplotlib.figure.Figure
        Not registered with pyplot; in ``fig.axes[0]`` each row has a point (gid
        ``"<row>|point"``), its interval (``"<row>|ci"``) and target mark
        (``"<row>|target"``), or the text ``"<row>|not_shown"``.

    Examples
    --------
    >>> rows = pd.DataFrame({"label": ["Integration"], "group": [None], "k": [33],
    ...                      "n": [63], "pct": [52.4], "ci_low": [40.3], "ci_high": [64.2],
    ...                      "target_pct": [34.0]})
    >>> ax = indicator_figure(rows).axes[0]
    >>> [line.get_xdata().tolist() for line in ax.lines if line.get_gid() == "0|ci"]
    [[40.3, 64.2]]
    """
    check_language(language)
    if not len(table):
        return _empty_figure(text("plot.no_results", language), title)
    from matplotlib.lines import Line2D

    rows = _Rows()
    drawn = []  # (centre, row) of each row with a share; a group's indicator is a heading
    grouped = "group" in table.columns and table["group"].notna().any()
    heading = None
    for _, row in table.iterrows():
        group = row.get("group")
        if is_missing(group):
            drawn.append((rows.add(wrap_label(str(row["label"]), wrap), 0.42, bold=grouped),
                          row))
            heading = row["label"]
            continue
        if row["label"] != heading:
            rows.add(wrap_label(str(row["label"]), wrap), 0.36, bold=True)
            heading = row["label"]
        drawn.append((rows.add(wrap_label(f"   {group}", wrap), 0.42), row))
    title_text = wrap_label(title, 90) if title else None
    fig = _figure(rows.height + _title_height(title_text) + 1.1)
    ax = fig.add_subplot()
    colour, target_colour = OKABE_ITO[5], OKABE_ITO[6]
    for i, (y, row) in enumerate(drawn):
        ax.plot([row["target_pct"]] * 2, [y - 0.15, y + 0.15], color=target_colour,
                linewidth=2.2, gid=f"{i}|target", zorder=3)
        if is_missing(row["pct"]):
            _not_shown_text(ax, 50.0, y, text("text.not_shown", language), f"{i}|not_shown")
            continue
        ax.plot([row["ci_low"], row["ci_high"]], [y, y], color=colour, linewidth=1.6,
                gid=f"{i}|ci", zorder=2)
        ax.plot([row["pct"]], [y], marker="o", color=colour, markersize=6, gid=f"{i}|point",
                linestyle="none", zorder=4)
        _value_text(ax, y, f"{format_number(row['pct'], 'percent', language, 1)} % "
                    f"({format_number(row['k'], 'count', language)}/"
                    f"{format_number(row['n'], 'count', language)})", f"{i}|value")
    ax.set_xlim(0.0, 100.0)
    rows.label(ax)
    _percent_ticks(ax.xaxis, language)
    ax.set_xlabel(text("plot.indicator_xlabel", language), fontsize=_FONT, parse_math=False)
    _style_axes(ax)
    _legend(fig, [Line2D([], [], color=colour, marker="o", linewidth=1.6),
                  Line2D([], [], color=target_colour, linewidth=2.2)],
            [text("plot.indicator_share", language), text("plot.indicator_target", language)])
    _suptitle(fig, title_text)
    return fig
