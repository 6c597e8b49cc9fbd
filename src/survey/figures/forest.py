"""Forest plots: effect sizes with their confidence intervals, one row per comparison."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..disclosure import Policy, checked, shown_only
from ..messages import check_language, text, text_or
from ..numbers import exact_digits, format_alpha, format_number, is_missing
from ..settings import DEFAULTS
from .style import (
    _FONT,
    _LINE,
    OKABE_ITO,
    _check_wrap,
    _direction_note,
    _empty_figure,
    _figure,
    _legend,
    _legend_rows,
    _n_lines,
    _not_shown_text,
    _require,
    _Rows,
    _style_axes,
    _suptitle,
    _text_column,
    _title_height,
    _value_header,
    _value_text,
    wrap_label,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


#: Effect sizes with a sign: the forest figure says which side is which group.
_DIRECTIONAL_EFFECTS = frozenset({"hedges_g", "rank_biserial", "risk_difference",
                                  "odds_ratio", "r"})
_FOREST_COLOUR = OKABE_ITO[0]
_FOREST_MARKER = 7.0  # points
#: The CI lines and the points (filled when significant, else white inside).
_LINE_STYLE: dict[str, Any] = {"color": _FOREST_COLOUR, "linewidth": 1.6,
                               "solid_capstyle": "butt"}
_MARKER_STYLE: dict[str, Any] = {"marker": "o", "markersize": _FOREST_MARKER,
                                 "markeredgewidth": 1.5, "markeredgecolor": _FOREST_COLOUR,
                                 "linestyle": "none"}


def forest_figure(
    rows: pd.DataFrame | Sequence[Mapping[str, Any]],
    *,
    policy: Policy,
    title: str | None = None,
    xlabel: str | None = None,
    wrap: int = 45,
    alpha: float = DEFAULTS.alpha,
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
    check_language(language)
    _check_wrap(wrap)
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha!r}")
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows or []))
    if not len(frame):
        return _empty_figure(text("plot.no_results", language), title)
    frame = shown_only(frame, "group_comparisons", policy)
    effect, columns = _forest_effect(frame, effect)
    data = _forest_data(frame, effect, columns, alpha)
    layout = _forest_rows(data, wrap, language)
    xlabel, note, header = _forest_texts(data, xlabel, language)
    handles, legend_labels = _forest_legend(data, alpha, language)

    title_text = wrap_label(title, 90) if title else None
    top = _title_height(title_text) + 0.25  # + header
    bottom = 0.55 + (0.2 if note else 0.0) + 0.25 * _legend_rows(legend_labels) + 0.15
    fig = _figure(layout.height + top + bottom)
    ax = fig.add_subplot()
    _draw_forest(ax, data, layout.ticks, language)
    _value_header(ax, header)
    _forest_x_axis(ax, data, language)
    ax.axvline(data.reference, color="#333333", linewidth=0.9, zorder=1, gid="reference")
    layout.label(ax)
    ax.set_xlabel(xlabel, fontsize=_FONT, parse_math=False)
    _style_axes(ax)
    ax.spines["bottom"].set_color("#666666")
    if handles:
        _legend(fig, handles, legend_labels)
    _suptitle(fig, title_text)
    if note:
        # 3 points under the x label, wherever the layout engine puts it: anchored to the
        # label itself, so the figure needs no layout pass to measure it
        _direction_note(ax, note, ax.xaxis.label, 3.0)
    return fig


def _forest_effect(frame: pd.DataFrame, effect: str | None) -> tuple[str, tuple[str, ...]]:
    """The kind of effect size drawn and its columns; checks the rows have one of each."""
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
    return effect, columns


@dataclass
class _Forest:
    """The rows of a forest figure: effect sizes and CIs on the drawn scale, their texts."""

    effect: str
    scale: float  # 100 for the risk difference, drawn in percentage points
    est: np.ndarray
    low: np.ndarray
    high: np.ndarray
    significant: np.ndarray  # p_adj < alpha
    variables: list[str]
    terms: list[str]
    labels: list[str]
    group_a: list[str]
    group_b: list[str]
    pairs: list[tuple[str, str]]  # the rows' (group_a, group_b), each once

    @property
    def log(self) -> bool:
        """Whether the axis is logarithmic (odds ratios)."""
        return self.effect == "odds_ratio"

    @property
    def reference(self) -> float:
        """Where the reference line stands: no effect."""
        return 1.0 if self.log else 0.0


def _forest_data(frame: pd.DataFrame, effect: str, columns: tuple[str, ...],
                 alpha: float) -> _Forest:
    """The numbers and texts of the rows (risk differences × 100, odds ratios > 0)."""
    scale = 100.0 if effect == "risk_difference" else 1.0  # risk difference in points
    est, low, high = (pd.to_numeric(frame[c], errors="coerce").astype(float).to_numpy() * scale
                      for c in columns)
    p_adj = pd.to_numeric(frame["p_adj"], errors="coerce").astype(float).to_numpy()
    if effect == "odds_ratio":  # an odds ratio of 0 or infinity cannot be placed on a log axis
        est, low, high = (np.where((v > 0) & np.isfinite(v), v, np.nan)
                          for v in (est, low, high))
    group_a, group_b = _text_column(frame, "group_a"), _text_column(frame, "group_b")
    return _Forest(
        effect=effect, scale=scale, est=est, low=low, high=high,
        significant=np.isfinite(est) & np.isfinite(p_adj) & (p_adj < alpha),
        variables=(_text_column(frame, "variable") if "variable" in frame.columns
                   else [str(i) for i in range(len(frame))]),
        terms=_text_column(frame, "term"), labels=_text_column(frame, "label"),
        group_a=group_a, group_b=group_b,
        pairs=list(dict.fromkeys((a, b) for a, b in zip(group_a, group_b, strict=True)
                                 if a or b)))


def _forest_rows(data: _Forest, wrap: int, language: str) -> _Rows:
    """Rows top to bottom, heights in inches so that wrapped labels never collide."""
    layout = _Rows()
    for i, given in enumerate(data.labels):
        label = given or data.variables[i]
        wrapped = wrap_label(label, wrap)
        if data.terms[i]:  # "label: term" on one line, or the term on lines of its own
            one_line = wrap_label(f"{label}: {data.terms[i]}", wrap)
            wrapped = (one_line if "\n" not in one_line else
                       wrap_label(f"{label}:", wrap) + "\n" + wrap_label(data.terms[i], wrap))
        if len(data.pairs) > 1 and (data.group_a[i] or data.group_b[i]):
            wrapped += "\n" + wrap_label(text("plot.forest_pair", language).format(
                group_a=data.group_a[i], group_b=data.group_b[i]), wrap)
        layout.add(wrapped, max(0.34, _LINE * _n_lines(wrapped) + 0.14))
    return layout


def _forest_texts(data: _Forest, xlabel: str | None,
                  language: str) -> tuple[str, str | None, str]:
    """The x label, the note on the direction (signed effects only), the value header."""
    name = text_or(f"effect.{data.effect}", language, data.effect)
    if xlabel is None:
        xlabel = name
        if data.effect == "risk_difference":
            xlabel = text("plot.forest_xlabel_pp", language).format(effect=name)
        elif data.log:
            xlabel = text("plot.forest_xlabel_log", language).format(effect=name)
    note = None
    if data.effect in _DIRECTIONAL_EFFECTS:
        if len(data.pairs) == 1:
            key = "plot.forest_direction_ratio" if data.log else "plot.forest_direction"
            note = text(key, language).format(group_a=data.pairs[0][0],
                                              group_b=data.pairs[0][1])
        elif len(data.pairs) > 1:
            note = text("plot.forest_direction_pairs", language)
    symbol = text_or(f"sentence.symbol.{data.effect}", language, data.effect)
    header = text("plot.forest_value_header", language).format(symbol=symbol)
    return xlabel, note, header


def _forest_legend(data: _Forest, alpha: float, language: str) -> tuple[list[Any], list[str]]:
    """Legend handles and labels for what the figure draws: filled, open points, CIs."""
    from matplotlib.lines import Line2D

    finite = np.isfinite(data.est)
    handles: list[Any] = []
    labels: list[str] = []
    if data.significant.any():
        handles.append(Line2D([], [], markerfacecolor=_FOREST_COLOUR, **_MARKER_STYLE))
        labels.append(text("plot.forest_significant", language).format(
            alpha=format_alpha(alpha, language)))
    if (finite & ~data.significant).any():
        handles.append(Line2D([], [], markerfacecolor="white", **_MARKER_STYLE))
        labels.append(text("plot.forest_not_significant", language))
    if (finite & np.isfinite(data.low) & np.isfinite(data.high)).any():
        handles.append(Line2D([], [], **_LINE_STYLE))
        labels.append(text("plot.forest_ci", language))
    return handles, labels


def _draw_forest(ax: Axes, data: _Forest, ticks: list[float], language: str) -> None:
    """Each row's point, CI line and value column text, or "nicht ausgewiesen"."""
    from ..statstext import format_effect, format_interval

    for i, ypos in enumerate(ticks):
        key = f"{data.variables[i]}|{data.terms[i]}"
        if not np.isfinite(data.est[i]):
            _not_shown_text(ax, data.reference, ypos, text("text.not_shown", language),
                            f"{key}|not_shown")
            continue
        if np.isfinite(data.low[i]) and np.isfinite(data.high[i]):
            ax.plot([data.low[i], data.high[i]], [ypos, ypos], gid=f"{key}|ci", zorder=2,
                    **_LINE_STYLE)
        face = _FOREST_COLOUR if data.significant[i] else "white"
        ax.plot([data.est[i]], [ypos], markerfacecolor=face, gid=f"{key}|point", zorder=3,
                **_MARKER_STYLE)
        value = format_effect(data.effect, data.est[i] / data.scale, language=language)
        interval = format_interval(data.effect, data.low[i] / data.scale,
                                   data.high[i] / data.scale, language=language)
        _value_text(ax, ypos, f"{value} {interval}".strip(), f"{key}|value")


def _forest_x_axis(ax: Axes, data: _Forest, language: str) -> None:
    """The x range: every point, CI end and the reference line, with some air."""
    values = np.concatenate([v[np.isfinite(v)] for v in (data.est, data.low, data.high)]
                            + [[data.reference]])
    if data.log:
        _log_x_axis(ax, values, language)
    else:
        _linear_x_axis(ax, values, data.scale, language)


def _log_x_axis(ax: Axes, values: np.ndarray, language: str) -> None:
    """A logarithmic x axis (base 2) around ``values`` with round tick labels."""
    from matplotlib.ticker import (
        FixedLocator,
        FuncFormatter,
        MaxNLocator,
        NullFormatter,
        NullLocator,
    )

    lo, hi = np.log2(values.min()), np.log2(values.max())
    pad = max(0.08 * (hi - lo), 0.15)
    ax.set_xscale("log", base=2)
    ax.set_xlim(2 ** (lo - pad), 2 ** (hi + pad))
    first, last = math.floor(lo - pad), math.ceil(hi + pad)
    step = max(1, math.ceil((last - first) / 6))
    tick_values = [2.0**k for k in range(first, last + 1, step) if lo - pad <= k <= hi + pad]
    digits: int | None = None  # powers of 2: each with the decimals it needs
    if len(tick_values) < 3:  # a narrow range: round linear steps instead of powers of 2
        left, right = 2 ** (lo - pad), 2 ** (hi + pad)
        tick_values = [float(t) for t in MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10])
                       .tick_values(left, right) if left <= t <= right and t > 0]
        digits = max(exact_digits(v) for v in tick_values)
    ax.xaxis.set_major_locator(FixedLocator(tick_values))
    ax.xaxis.set_major_formatter(FuncFormatter(
        lambda v, _pos: format_number(
            v, "stat", language, exact_digits(v) if digits is None else digits)))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_minor_formatter(NullFormatter())


def _linear_x_axis(ax: Axes, values: np.ndarray, scale: float, language: str) -> None:
    """A linear x axis around ``values`` with round ticks, all with the same decimals."""
    from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator

    lo, hi = float(values.min()), float(values.max())
    pad = max(0.06 * (hi - lo), 0.02 * scale)
    ax.set_xlim(lo - pad, hi + pad)
    tick_values = MaxNLocator(nbins=7, steps=[1, 2, 2.5, 5, 10]).tick_values(lo - pad,
                                                                              hi + pad)
    tick_values = [t for t in tick_values if lo - pad <= t <= hi + pad]
    digits = exact_digits(float(np.diff(tick_values).min())) if len(tick_values) > 1 else 1
    ax.xaxis.set_major_locator(FixedLocator(tick_values))
    ax.xaxis.set_major_formatter(FuncFormatter(
        lambda v, _pos: format_number(v, "stat", language, digits)))
