"""Tests of the programme monitoring figures (survey.figures.monitoring, via survey.plots).

Bar widths, point positions and line data are read back from the figures and compared with
the numbers of the small tables below (or with survey.funnelplot.limits recomputed from
scipy in tests/test_funnelplot.py); withheld values (NaN, as a shared report's tables
have them) must not be drawn; every figure is rendered to PNG to catch layout errors.
"""

from __future__ import annotations

import io
import math

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from survey.funnelplot import limits, positions
from survey.messages import MESSAGES
from survey.plots import card_figure, funnel_plot, takeup_figure

pytestmark = pytest.mark.filterwarnings("error")  # the figures must not warn

NAN = float("nan")


def _render(fig: Figure) -> None:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=60)
    assert buffer.getvalue().startswith(b"\x89PNG")


def _gid(ax, gid):
    found = [a for a in [*ax.lines, *ax.patches, *ax.texts] if a.get_gid() == gid]
    assert len(found) == 1, gid
    return found[0]


# --------------------------------------------------------------------------- take-up


def _funnel() -> pd.DataFrame:
    # lunch 48 entitled / 37 using (ANALYSES.md); tutoring 38 → 13 with one stage withheld
    return pd.DataFrame({
        "benefit": ["Mittagessen"] * 2 + ["Lernförderung"] * 3,
        "stage": ["berechtigt", "nutzt", "berechtigt", "beantragt", "nutzt"],
        "position": [1, 2, 1, 2, 3],
        "n": [48, 37, 38, NAN, 13],
        "pct_first": [100.0, 100 * 37 / 48, 100.0, NAN, 100 * 13 / 38],
        "ci_low": [92.6, 63.5, 90.8, NAN, 21.0], "ci_high": [100.0, 86.7, 100.0, NAN, 50.3],
    })


def test_takeup_bars_are_the_shares_of_the_first_stage():
    fig = takeup_figure(_funnel())
    ax = fig.axes[0]
    assert len(ax.patches) == 4  # five rows, one withheld
    assert _gid(ax, "Mittagessen|nutzt").get_width() == pytest.approx(100 * 37 / 48)
    assert _gid(ax, "Lernförderung|nutzt").get_width() == pytest.approx(100 * 13 / 38)
    assert _gid(ax, "Mittagessen|nutzt|value").get_text() == "77,1 % (n = 37)"  # 37/48
    assert list(_gid(ax, "Mittagessen|nutzt|ci").get_xdata()) == [63.5, 86.7]
    assert _gid(ax, "Lernförderung|beantragt|not_shown").get_text() == "nicht ausgewiesen"
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["Mittagessen", "berechtigt", "nutzt", "Lernförderung", "berechtigt",
                      "beantragt", "nutzt"]
    bold = [t.get_text() for t in ax.get_yticklabels() if t.get_fontweight() == "bold"]
    assert bold == ["Mittagessen", "Lernförderung"]
    assert ax.get_xlabel() == MESSAGES["plot.takeup_xlabel"]["de"]
    ticks = [t for t in ax.get_xticks() if 0 <= t <= 100]
    assert ticks[0] == 0 and ticks[-1] == 100  # ticks on the grid, up to 100 %
    _render(fig)


def test_takeup_in_english_and_empty():
    ax = takeup_figure(_funnel(), language="en").axes[0]
    assert _gid(ax, "Mittagessen|nutzt|value").get_text() == "77.1% (n = 37)"
    assert ax.get_xlabel() == "Share of the first stage (%)"
    empty = takeup_figure(_funnel().iloc[:0])
    assert [t.get_text() for t in empty.axes[0].texts] == ["Keine Ergebnisse"]
    with pytest.raises(KeyError, match="pct_first"):
        takeup_figure(_funnel().drop(columns="pct_first"))


# --------------------------------------------------------------------------- resource card


def _card() -> pd.DataFrame:
    return pd.DataFrame({
        "area": ["Gesundheit", "Finanzen", "Wohnen"], "n": [30, 30, NAN],
        "mean_self": [3.9, 2.4, NAN], "mean_coach": [3.2, 2.9, NAN],
        "mean_diff": [0.7, -0.5, NAN], "diff_ci_low": [0.31, -0.84, NAN],
        "diff_ci_high": [1.09, -0.16, NAN],
    })


def test_card_points_for_self_and_coach_per_area():
    fig = card_figure(_card(), scale=(1, 5))
    ax = fig.axes[0]
    points = [line for line in ax.lines if line.get_gid().endswith(("|self", "|coach"))]
    assert len(points) == 4  # two areas shown, one withheld
    assert list(_gid(ax, "Gesundheit|self").get_xdata()) == [3.9]
    assert list(_gid(ax, "Gesundheit|coach").get_xdata()) == [3.2]
    assert list(_gid(ax, "Finanzen|gap").get_xdata()) == [2.4, 2.9]
    assert _gid(ax, "Gesundheit|value").get_text() == "+0,7 [+0,3; +1,1]"
    assert _gid(ax, "Finanzen|value").get_text() == "−0,5 [−0,8; −0,2]"
    assert _gid(ax, "Wohnen|not_shown").get_text() == "nicht ausgewiesen"
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["Gesundheit (n = 30)", "Finanzen (n = 30)", "Wohnen"]
    assert [t for t in ax.get_xticks() if 1 <= t <= 5] == [1, 2, 3, 4, 5]  # whole points
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert sorted(legend) == ["Einschätzung Coach", "Selbsteinschätzung"]
    _render(fig)


def test_card_without_scale_spans_the_means():
    ax = card_figure(_card()).axes[0]
    low, high = ax.get_xlim()
    assert low <= 2.0 and high >= 4.0  # floor(2.4 - 0.25), ceil(3.9 + 0.25)
    en = card_figure(_card(), language="en").axes[0]
    assert _gid(en, "Gesundheit|value").get_text() == "+0.7 [+0.3; +1.1]"


# --------------------------------------------------------------------------- funnel plot


def _projects() -> pd.DataFrame:
    frame = pd.DataFrame({"project": [f"p{i:02d}" for i in range(1, 7)],
                          "k": [20, 14, 42, 2, 15, 9], "n": [40, 25, 200, 40, 45, 30]})
    table = positions(frame, project="project", hits="k", n="n", target=0.3)
    table["title"] = [f"Projekt {i}" for i in range(1, 7)]
    return table


def test_funnel_points_limits_and_target():
    table = _projects()
    curves = limits(0.3, range(1, 231))
    fig = funnel_plot(table, curves, 0.3)
    ax = fig.axes[0]
    points = [line for line in ax.lines if line.get_gid().endswith("|point")]
    assert len(points) == 6
    p1 = _gid(ax, "p01|point")
    assert (p1.get_xdata()[0], p1.get_ydata()[0]) == (40, pytest.approx(50.0))  # 20 of 40
    upper = _gid(ax, "limit|0.95|upper")
    assert np.asarray(upper.get_ydata()) == pytest.approx(
        100 * curves.loc[curves["level"] == 0.95, "upper"].to_numpy(), nan_ok=True)
    assert list(_gid(ax, "target").get_ydata()) == [30.0, 30.0]
    # outside the 95 % limits (tests/test_funnelplot.py): p01, p02 above, p03, p04 below
    outside = sorted(t.get_gid() for t in ax.texts if t.get_gid().endswith("|label"))
    assert outside == ["p01|label", "p02|label", "p03|label", "p04|label"]
    assert _gid(ax, "p04|label").get_text() == "Projekt 4"
    assert p1.get_markerfacecolor() != "white"
    assert _gid(ax, "p05|point").get_markerfacecolor() == "white"
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert sorted(legend) == sorted(["95 %-Grenzen", "99,8 %-Grenzen", "Ziel 30 %",
                                     "Projekt innerhalb der 95 %-Grenzen",
                                     "Projekt außerhalb der 95 %-Grenzen"])
    assert ax.get_xlabel() == "Teilnehmende im Projekt (n)"
    assert [t for t in ax.get_yticks() if 0 <= t <= 100] == [0, 20, 40, 60, 80, 100]
    _render(fig)


def test_funnel_withheld_project_is_named_not_placed():
    table = _projects()
    table.loc[5, ["k", "n", "share", "z"]] = NAN
    table["n"] = table["n"].astype(float)
    ax = funnel_plot(table, limits(0.3, range(1, 231)), 0.3).axes[0]
    assert len([line for line in ax.lines if line.get_gid().endswith("|point")]) == 5
    assert _gid(ax, "withheld").get_text() == "Nicht ausgewiesen: Projekt 6"


def test_funnel_with_percent_column_and_empty():
    table = _projects().drop(columns="share")
    table["pct"] = table["k"] / table["n"] * 100
    ax = funnel_plot(table, limits(0.3, range(1, 50)), 0.3, label="project",
                     language="en").axes[0]
    assert _gid(ax, "p01|point").get_ydata()[0] == pytest.approx(50.0)
    assert _gid(ax, "p01|label").get_text() == "p01"
    assert math.isclose(ax.get_xlim()[1], 220.0)  # the largest project + 10 %
    empty = funnel_plot(table.iloc[:0], limits(0.3, [1]), 0.3)
    assert [t.get_text() for t in empty.axes[0].texts] == ["Keine Ergebnisse"]
