"""What every report figure shares: the colours, the fonts and sizes, label wrapping,
the legend and axis helpers (:mod:`survey.plots` lists the figures)."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..messages import text
from ..numbers import format_number, format_percent, is_missing

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.axis import Axis
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch


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
    _check_wrap(width)
    words = " ".join(str(text).split())
    lines = textwrap.wrap(words, width=width, break_long_words=False, break_on_hyphens=False)
    return "\n".join(lines)


def _percent(value: float, language: str, decimals: int = 1) -> str:
    """A share on the 0–100 scale with its sign: ``"12,3 %"`` in German, ``"12.3%"`` in English."""
    return format_percent(value, language, decimals)


def _with_n(wrapped: str, n: float, width: int, symbol: str = "n",
            language: str = "de") -> str:
    """Append ``" (n = 123)"`` to the last line of a wrapped label, or on a line of its own."""
    suffix = f"({symbol} = {format_number(n, 'count', language)})"
    if not wrapped:
        return suffix
    return _with_suffix(wrapped, suffix, width)


def _with_suffix(wrapped: str, suffix: str, width: int) -> str:
    """Append ``suffix`` to the last line of a wrapped label when it fits, else as a line."""
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


def _text_column(frame: pd.DataFrame, column: str) -> list[str]:
    """A column's values as strings, ``""`` for missing values or a missing column."""
    if column not in frame.columns:
        return [""] * len(frame)
    return ["" if is_missing(v) else str(v) for v in frame[column]]


def _check_wrap(wrap: int) -> None:
    """A figure's ``wrap`` (characters per label line) is at least 1."""
    if wrap < 1:
        raise ValueError(f"wrap must be a positive number of characters, got {wrap!r}")


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


# --------------------------------------------------------------------------- layout


@dataclass
class _Rows:
    """The rows of a horizontal figure, top to bottom, in inches (the y data unit)."""

    ticks: list[float] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    bold: list[int] = field(default_factory=list)  # positions of the bold headings
    height: float = 0.0

    def add(self, label: str, height: float, bold: bool = False) -> float:
        """Append a row ``height`` inches tall, labelled ``label``; returns its centre."""
        if bold:
            self.bold.append(len(self.ticks))
        centre = self.height + height / 2
        self.ticks.append(centre)
        self.texts.append(label)
        self.height += height
        return centre

    def label(self, ax: Axes) -> None:
        """The y axis of ``ax``: the rows top to bottom, their texts as tick labels."""
        ax.set_ylim(self.height, 0.0)
        ax.set_yticks(self.ticks, self.texts, parse_math=False)
        for index in self.bold:
            ax.get_yticklabels()[index].set_fontweight("bold")


def _figure(height: float) -> Figure:
    """An empty figure of the report width, ``height`` inches tall, constrained layout."""
    from matplotlib.figure import Figure

    return Figure(figsize=(_FIG_WIDTH, height), layout="constrained")


def _title_height(title_text: str | None) -> float:
    """Inches above the axes for the wrapped title (a little air without one)."""
    return 0.22 * _n_lines(title_text) + 0.2 if title_text else 0.1


def _suptitle(fig: Figure, title_text: str | None) -> None:
    """The wrapped title above the figure, if there is one."""
    if title_text:
        fig.suptitle(title_text, fontsize=12, parse_math=False)


def _percent_ticks(axis: Axis, language: str) -> None:
    """Tick labels of ``axis`` as whole percentages (``"25"``)."""
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(
        lambda v, _pos: format_number(v, "percent", language, 0)))


def _percent_axis(ax: Axes, right: float, rows: _Rows, xlabel: str, language: str) -> None:
    """Horizontal percentage bars: x from 0 to ``right``, the rows on the y axis."""
    from matplotlib.ticker import MaxNLocator

    ax.set_xlim(0.0, right)
    rows.label(ax)
    # whole-number steps: the labels are whole percentages, so that every label names the
    # grid line it stands at (steps of 2,5 were labelled "0 3 5 8 10 13")
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 5, 10], integer=True))
    _percent_ticks(ax.xaxis, language)
    ax.set_xlabel(xlabel, fontsize=_FONT, parse_math=False)
    ax.axvline(0.0, color="#333333", linewidth=0.8, zorder=3)
    _style_axes(ax)


def _fit_percent_labels(ax: Axes, texts: Sequence[Any], anchors: Sequence[float]) -> None:
    """Widen ``ax`` for the texts beside its bars, x ticks only up to 100 %."""
    from matplotlib.ticker import FixedLocator, MaxNLocator

    if not texts:
        return
    _fit_right(ax, texts, anchors)
    # the room right of the bars is for their labels
    right = ax.get_xlim()[1]
    ticks = MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]).tick_values(0.0, min(right, 100.0))
    ax.xaxis.set_major_locator(FixedLocator([t for t in ticks if 0 <= t <= min(right, 100.0)]))


def _withheld_patch() -> Patch:
    """The legend entry of what a shared table withholds."""
    from matplotlib.patches import Patch

    return Patch(facecolor=_WITHHELD_STYLE["color"], edgecolor=_WITHHELD_STYLE["edgecolor"],
                 hatch=_WITHHELD_STYLE["hatch"])


def _not_shown_text(ax: Axes, x: float, y: float, label: str, gid: str,
                    fontsize: float = _SMALL) -> None:
    """``label`` ("nicht ausgewiesen") on a white box where a withheld value would be."""
    ax.text(x, y, label, ha="center", va="center", fontsize=fontsize, style="italic",
            color="#555555", zorder=4, gid=gid, parse_math=False,
            bbox={"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none"})


def _value_text(ax: Axes, y: float, label: str, gid: str) -> None:
    """A text of the value column right of the axes, at row ``y``."""
    ax.annotate(label, (1.0, y), xycoords=("axes fraction", "data"), xytext=(10, 0),
                textcoords="offset points", ha="left", va="center", fontsize=_SMALL,
                color=_TEXT_DARK, annotation_clip=False, parse_math=False, gid=gid)


def _value_header(ax: Axes, header: str) -> None:
    """The bold heading of the value column, above the axes."""
    ax.annotate(header, (1.0, 1.0), xycoords="axes fraction", xytext=(10, 4),
                textcoords="offset points", ha="left", va="bottom", fontsize=_SMALL,
                fontweight="bold", color=_TEXT_DARK, annotation_clip=False, parse_math=False)


def _direction_note(ax: Axes, note: str, xycoords: Any, drop: float) -> None:
    """The italic note under the x label that says which side is which group."""
    ax.annotate(wrap_label(note, 120), (0.5, 0.0), xycoords=xycoords, xytext=(0, -drop),
                textcoords="offset points", ha="center", va="top", fontsize=_SMALL,
                style="italic", color="#444444", annotation_clip=False, parse_math=False,
                gid="direction")


# --------------------------------------------------------------------------- likert


def png(fig: Any, dpi: int = 120) -> bytes:
    """The PNG of a matplotlib figure, drawn once. zlib level 1: the same pixels as the
    default level 6, a few per cent larger, written in about a fifth less time."""
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, pil_kwargs={"compress_level": 1})
    return buffer.getvalue()
