"""Missing values per variable, by kind, as stacked bars."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..disclosure import Policy, checked, shown_only, withheld_columns
from ..messages import check_language, text
from ..numbers import format_number, is_missing
from .style import (
    _DONT_KNOW_HATCH,
    _FIG_WIDTH,
    _FONT,
    _LINE,
    _SMALL,
    _WITHHELD_STYLE,
    DONT_KNOW_COLOUR,
    OKABE_ITO,
    _counts,
    _empty_figure,
    _fit_right,
    _legend,
    _legend_rows,
    _n_lines,
    _require,
    _style_axes,
    wrap_label,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure


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
