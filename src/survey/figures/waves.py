"""Two waves compared item by item: shares with their intervals, one line per wave."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..disclosure import Policy, checked, shown_only
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
    _legend,
    _legend_rows,
    _n_lines,
    _require,
    _style_axes,
    wrap_label,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure


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

    from ..sentences import format_effect, format_interval

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
