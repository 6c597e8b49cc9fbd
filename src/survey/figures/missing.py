"""Missing values per variable, by kind, as stacked bars."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..disclosure import Policy, checked, shown_only, withheld_columns
from ..messages import check_language, text
from ..numbers import format_number
from .style import (
    _DONT_KNOW_HATCH,
    _LINE,
    _SMALL,
    _WITHHELD_STYLE,
    DONT_KNOW_COLOUR,
    OKABE_ITO,
    _check_wrap,
    _counts,
    _empty_figure,
    _figure,
    _fit_percent_labels,
    _legend,
    _legend_rows,
    _n_lines,
    _percent_axis,
    _require,
    _Rows,
    _suptitle,
    _text_column,
    _title_height,
    _withheld_patch,
    wrap_label,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch


#: The kinds of missing values a missingness figure stacks, in order, and their bars:
#: "weiß nicht" as in likert_figure (hatched grey), the others Okabe-Ito colours that
#: differ in lightness (grey print).
_MISSING_KINDS: dict[str, dict[str, Any]] = {
    "dont_know": {"color": DONT_KNOW_COLOUR, "hatch": _DONT_KNOW_HATCH},
    "no_answer": {"color": OKABE_ITO[1]},
    "system": {"color": OKABE_ITO[0]},
    "invalid": {"color": OKABE_ITO[4]},
}
_BAR_HEIGHT = 0.24  # inches


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
    check_language(language)
    _check_wrap(wrap)
    if top < 1:
        raise ValueError(f"top must be a positive number of variables, got {top!r}")
    if title is None:
        title = text("plot.missing_title", language)
    empty = text("plot.no_missing", language)
    if table is None or len(table) == 0:
        return _empty_figure(empty, title)
    _require(table, ["label", "n_base", *_MISSING_KINDS, "pct_missing"], "missingness_figure")
    data = _missing_data(shown_only(table, "missingness", policy))
    not_shown = text("text.not_shown", language)
    markers = _markers(data, 0 if policy.internal else policy.min_cell, not_shown, language)
    drawn = [i for i in range(len(data.pct)) if i not in markers and data.pct[i] > 0]
    drawn.sort(key=lambda i: -data.pct[i])  # stable: ties keep table order
    order = (drawn + sorted(markers))[:top]
    if not order:
        return _empty_figure(empty, title)

    rows = _Rows()  # heights in inches so that wrapped labels never collide
    for i in order:
        tick = wrap_label(data.labels[i] or data.variables[i], wrap)
        rows.add(tick, max(0.34, _LINE * _n_lines(tick) + 0.12))
    shown, withheld = _shown_kinds(data, order, markers)
    legend_labels = [text(f"kind.{kind}", language) for kind in shown]
    if withheld:
        legend_labels.append(not_shown)
    title_text = wrap_label(title, 90) if title else None
    bottom = 0.6 + (0.25 * _legend_rows(legend_labels) + 0.15 if legend_labels else 0.0)
    fig = _figure(rows.height + _title_height(title_text) + bottom)
    ax = fig.add_subplot()
    texts, anchors, upper = _draw_missing(ax, data, order, rows.ticks, markers, shown,
                                          withheld)
    _percent_axis(ax, max(5.0, min(100.0, upper * 1.15 + 1.0)), rows,
                  text("plot.missing_xlabel", language), language)
    if legend_labels:
        _legend(fig, _missing_handles(shown, withheld), legend_labels)
    _suptitle(fig, title_text)
    _fit_percent_labels(ax, texts, anchors)
    return fig


@dataclass
class _MissingRows:
    """The table's rows: names, the missing counts and each kind's share of those asked."""

    variables: list[str]
    labels: list[str]
    n_missing: np.ndarray
    raw: list[Any]  # n_missing as the table gives it ("< 5"), NaN without the column
    pct: np.ndarray
    shares: dict[str, np.ndarray]
    small: list[set[str]]  # the columns withheld as small counts


def _missing_data(frame: pd.DataFrame) -> _MissingRows:
    """The numbers of a missingness table (withheld cells NaN)."""
    kinds = list(_MISSING_KINDS)
    base = _counts(frame["n_base"]).to_numpy()
    counts = {kind: _counts(frame[kind]).to_numpy() for kind in kinds}
    if "n_missing" in frame.columns:
        n_missing = _counts(frame["n_missing"]).to_numpy()
        raw = frame["n_missing"].tolist()
    else:
        n_missing = np.sum([counts[kind] for kind in kinds], axis=0)
        raw = [math.nan] * len(frame)
    return _MissingRows(
        variables=(_text_column(frame, "variable") if "variable" in frame.columns
                   else [str(i) for i in range(len(frame))]),
        labels=_text_column(frame, "label"),
        n_missing=n_missing, raw=raw, pct=_counts(frame["pct_missing"]).to_numpy(),
        shares={kind: 100.0 * counts[kind] / np.where(base > 0, base, np.nan)
                for kind in kinds},
        small=(frame["suppressed_small"].map(withheld_columns).tolist()
               if "suppressed_small" in frame.columns else [set()] * len(frame)))


def _markers(data: _MissingRows, min_count: int, not_shown: str,
             language: str) -> dict[int, str]:
    """Row -> the marker written instead of a bar (a small or withheld count)."""
    fewer = text("plot.fewer_than", language).format(
        min_count=format_number(min_count, "count", language)) if min_count > 0 else not_shown
    markers: dict[int, str] = {}
    for i, (n, given) in enumerate(zip(data.n_missing, data.raw, strict=True)):
        if 0 < n < min_count:
            markers[i] = fewer
        elif math.isnan(n) and not data.pct[i] > 0:  # withheld in a shared table
            if isinstance(given, str) and given.strip():
                markers[i] = given.strip()  # "< 5" as given
            else:
                markers[i] = fewer if "n_missing" in data.small[i] else not_shown
    return markers


def _shown_kinds(data: _MissingRows, order: list[int],
                 markers: dict[int, str]) -> tuple[list[str], dict[int, float]]:
    """The kinds drawn somewhere, and row -> the share of its withheld kinds."""
    kinds = list(_MISSING_KINDS)
    shown = [kind for kind in kinds
             if any(i not in markers and data.shares[kind][i] > 0 for i in order)]
    withheld = {}  # pct_missing - the known kinds
    for i in order:
        if i not in markers and any(math.isnan(data.shares[kind][i]) for kind in kinds):
            rest = data.pct[i] - sum(float(np.nan_to_num(data.shares[kind][i]))
                                     for kind in kinds)
            if rest > 1e-9:
                withheld[i] = rest
    return shown, withheld


def _draw_missing(ax: Axes, data: _MissingRows, order: list[int], ticks: list[float],
                  markers: dict[int, str], shown: list[str],
                  withheld: dict[int, float]) -> tuple[list[Any], list[float], float]:
    """The stacked bars and the markers; returns the markers, their anchors, the longest bar."""
    texts, anchors = [], []
    upper = 0.0
    for i, ypos in zip(order, ticks, strict=True):
        if i in markers:
            texts.append(ax.annotate(
                markers[i], (0.0, ypos), xytext=(3, 0), textcoords="offset points",
                ha="left", va="center", fontsize=_SMALL, style="italic", color="#555555",
                annotation_clip=False, parse_math=False, gid=f"{data.variables[i]}|masked"))
            anchors.append(0.0)
            continue
        left = 0.0
        for kind in shown:
            share = data.shares[kind][i]
            if not share > 0:  # zero or unknown
                continue
            container = ax.barh(ypos, share, left=left, height=_BAR_HEIGHT, edgecolor="white",
                                linewidth=0.6, zorder=2, **_MISSING_KINDS[kind])
            container.patches[0].set_gid(f"{data.variables[i]}|{kind}")
            left += share
        if i in withheld:
            container = ax.barh(ypos, withheld[i], left=left, height=_BAR_HEIGHT,
                                linewidth=0.6, zorder=2, **_WITHHELD_STYLE)
            container.patches[0].set_gid(f"{data.variables[i]}|not_shown")
            left += withheld[i]
        upper = max(upper, left)
    return texts, anchors, upper


def _missing_handles(shown: list[str], withheld: dict[int, float]) -> list[Patch]:
    """The legend entries: the kinds drawn, then the withheld part."""
    from matplotlib.patches import Patch

    handles = [Patch(facecolor=_MISSING_KINDS[kind]["color"], edgecolor="white",
                     hatch=_MISSING_KINDS[kind].get("hatch")) for kind in shown]
    if withheld:
        handles.append(_withheld_patch())
    return handles
