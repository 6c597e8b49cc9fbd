"""Tests of survey.plots: bar positions read back from the figures' Rectangle patches.

Expected numbers are hand calculations from the counts in the frames below; every
figure is also rendered to PNG to catch layout errors.
"""

from __future__ import annotations

import io
import math
import re

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from survey.plots import (
    DONT_KNOW_COLOUR,
    NEUTRAL_COLOUR,
    bar_figure,
    likert_colours,
    likert_figure,
    wrap_label,
)

pytestmark = pytest.mark.filterwarnings("error")  # the figures must not warn

LEVELS = ["gar nicht", "eher nicht", "teils", "eher ja", "voll"]
LONG_LABEL = (
    "Wenn ich Unterstützung bei der Betreuung meiner Kinder brauche, kenne ich "
    "Ansprechpersonen (Nachbarschaft, Familienbildungsstätte, Kindertagespflege) in der Nähe."
)


def _item(variable: str, label: str, counts: list[int], dont_know: int,
          group: str | None = None) -> list[dict]:
    rows = [
        {"variable": variable, "label": label, "code": code, "value_label": text,
         "kind": "valid", "n": n}
        for code, (text, n) in enumerate(zip(LEVELS[: len(counts)], counts, strict=True),
                                         start=1)
    ]
    rows.append({"variable": variable, "label": label, "code": np.nan,
                 "value_label": "weiß nicht", "kind": "dont_know", "n": dont_know})
    # kinds outside the base of the percentages
    rows.append({"variable": variable, "label": label, "code": -9,
                 "value_label": "keine Angabe", "kind": "no_answer", "n": 7})
    rows.append({"variable": variable, "label": label, "code": np.nan,
                 "value_label": "", "kind": "system", "n": 3})
    if group is not None:
        for row in rows:
            row["group"] = group
    return rows


@pytest.fixture
def freq() -> pd.DataFrame:
    # item a: base 10+20+30+25+5 valid + 10 dont_know = 100 -> percentages equal counts
    # item b: base 5+5+10+10+10 + 10 = 50 -> 10, 10, 20, 20, 20 %, dont_know 20 %
    return pd.DataFrame(
        _item("a", "Ich fühle mich wohl.", [10, 20, 30, 25, 5], 10)
        + _item("b", LONG_LABEL, [5, 5, 10, 10, 10], 10)
    )


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=80)
    data = buffer.getvalue()
    assert data.startswith(b"\x89PNG")
    return data


def _patches(ax) -> dict[str, tuple[float, float, float]]:
    """gid -> (x, width, y centre) of the bar segments of one axes."""
    return {
        p.get_gid(): (float(p.get_x()), float(p.get_width()),
                      float(p.get_y() + p.get_height() / 2))
        for p in ax.patches
    }


def _tick_texts(ax) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


# --------------------------------------------------------------------------- likert


def test_likert_segments_diverge_around_zero(freq):
    fig = likert_figure(freq)
    _png(fig)
    assert isinstance(fig, Figure)
    bars = _patches(fig.axes[0])
    # item a (hand calculation, base 100): middle 30 % centred -> x = -15
    assert bars["a||3"][:2] == pytest.approx((-15.0, 30.0))
    # level 2 (20 %) ends at the middle's left edge, level 1 (10 %) farthest left
    assert bars["a||2"][:2] == pytest.approx((-35.0, 20.0))
    assert bars["a||1"][:2] == pytest.approx((-45.0, 10.0))
    # levels 4 and 5 start at the middle's right edge
    assert bars["a||4"][:2] == pytest.approx((15.0, 25.0))
    assert bars["a||5"][:2] == pytest.approx((40.0, 5.0))
    # item b (base 50): 10, 10, 20, 20, 20 %
    assert bars["b||3"][:2] == pytest.approx((-10.0, 20.0))
    assert bars["b||2"][:2] == pytest.approx((-20.0, 10.0))
    assert bars["b||1"][:2] == pytest.approx((-30.0, 10.0))
    assert bars["b||4"][:2] == pytest.approx((10.0, 20.0))
    assert bars["b||5"][:2] == pytest.approx((30.0, 20.0))
    # every middle segment is centred on zero
    for gid, (x, width, _) in bars.items():
        if gid.endswith("|3"):
            assert x == pytest.approx(-width / 2)
    # items top to bottom in input order (the y axis is inverted)
    assert fig.axes[0].yaxis_inverted()
    assert bars["a||1"][2] < bars["b||1"][2]
    # no "weiß nicht" segment among the diverging bars
    assert not any(gid.endswith("dont_know") for gid in bars)


def test_likert_dont_know_in_its_own_axes(freq):
    fig = likert_figure(freq)
    assert len(fig.axes) == 2
    dk = _patches(fig.axes[1])
    # 10 of 100 and 10 of 50
    assert dk["a||dont_know"][:2] == pytest.approx((0.0, 10.0))
    assert dk["b||dont_know"][:2] == pytest.approx((0.0, 20.0))
    assert all(gid.endswith("dont_know") for gid in dk)
    # same rows as the diverging bars
    main = _patches(fig.axes[0])
    assert dk["a||dont_know"][2] == pytest.approx(main["a||1"][2])
    assert dk["b||dont_know"][2] == pytest.approx(main["b||1"][2])
    patch = fig.axes[1].patches[0]
    assert patch.get_hatch()
    assert matplotlib.colors.to_hex(patch.get_facecolor()) == DONT_KNOW_COLOUR.lower()


def test_likert_without_dont_know_has_one_axes(freq):
    fig = likert_figure(freq[freq["kind"] != "dont_know"])
    _png(fig)
    assert len(fig.axes) == 1
    # item a without its 10 dont_know answers: base 90, middle 30/90
    bars = _patches(fig.axes[0])
    assert bars["a||3"][1] == pytest.approx(100 * 30 / 90)
    assert "weiß nicht" not in [t.get_text() for t in fig.legends[0].get_texts()]


def test_likert_tick_labels_show_n(freq):
    fig = likert_figure(freq)
    texts = _tick_texts(fig.axes[0])
    # n = valid + dont_know: 100 and 50 (no_answer and system rows left out)
    assert texts[0].endswith("(n = 100)")
    assert texts[1].endswith("(n = 50)")
    assert likert_figure(freq, n_label="N").axes[0].get_yticklabels()[0].get_text().endswith(
        "(N = 100)")


def test_likert_long_label_wrapped_at_word_boundaries(freq):
    wrap = 30
    fig = likert_figure(freq, wrap=wrap)
    _png(fig)
    text = _tick_texts(fig.axes[0])[1]
    lines = text.split("\n")
    assert len(lines) > 2
    joined = re.sub(r"\s*\(n = 50\)$", "", " ".join(lines))
    assert joined == LONG_LABEL
    for word in LONG_LABEL.split():
        assert word in text.replace("\n", " ").split(" ")
    # only a word longer than the width may exceed it
    for line in lines[:-1]:
        assert len(line) <= wrap or " " not in line


def test_likert_tick_labels_do_not_overlap(freq):
    fig = likert_figure(freq, wrap=25)
    fig.draw_without_rendering()
    boxes = sorted((t.get_window_extent() for t in fig.axes[0].get_yticklabels()),
                   key=lambda b: b.y0)
    for lower, upper in zip(boxes, boxes[1:], strict=False):
        assert lower.y1 <= upper.y0 + 0.5


def test_likert_legend_below_bars(freq):
    fig = likert_figure(freq)
    fig.draw_without_rendering()
    legend = fig.legends[0]
    assert [t.get_text() for t in legend.get_texts()] == [*LEVELS, "weiß nicht"]
    assert legend.get_window_extent().y1 <= fig.axes[0].get_window_extent().y0


def test_likert_axis_symmetric_absolute_ticks(freq):
    fig = likert_figure(freq)
    _png(fig)
    ax = fig.axes[0]
    low, high = ax.get_xlim()
    assert low == pytest.approx(-high)
    labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert labels and not any(lbl.startswith(("-", "\u2212")) for lbl in labels)
    # a vertical line at zero
    assert any(list(line.get_xdata()) == [0, 0] for line in ax.get_lines())


def test_likert_percent_labels_only_on_wide_segments(freq):
    fig = likert_figure(freq[freq["variable"] == "a"])
    numbers = sorted(int(t.get_text()) for t in fig.axes[0].texts)
    # item a: 10, 20, 30, 25 % get a label, the 5 % segment none
    assert numbers == [10, 20, 25, 30]


def test_likert_no_number_on_a_segment_from_a_small_count():
    # item b: counts 5, 5, 10, 10, 10 and 10 "weiß nicht" of 50 -> 10, 10, 20, 20, 20 %
    frame = pd.DataFrame(_item("b", "Frage", [5, 5, 10, 10, 10], 10))
    assert sorted(int(t.get_text()) for t in likert_figure(frame).axes[0].texts) == [
        10, 10, 20, 20, 20]
    fig = likert_figure(frame, min_count=6)  # the two counts of 5 lose their number
    assert sorted(int(t.get_text()) for t in fig.axes[0].texts) == [20, 20, 20]
    assert len(fig.axes[1].texts) == 1  # "weiß nicht": 10 >= 6, still labelled
    assert len(likert_figure(frame, min_count=11).axes[1].texts) == 0


def test_likert_percent_labels_decimal_comma():
    frame = pd.DataFrame(_item("c", "Frage", [1, 1, 1], 0))
    fig = likert_figure(frame)
    # 1/3 = 33,3 % shown with 0 decimals; never a decimal point
    assert sorted(t.get_text() for t in fig.axes[0].texts) == ["33", "33", "33"]


def test_likert_even_levels_have_no_centred_segment():
    frame = pd.DataFrame(_item("d", "Zufriedenheit", [10, 20, 30, 40], 0))
    fig = likert_figure(frame)
    _png(fig)
    bars = _patches(fig.axes[0])
    assert len(fig.axes) == 1  # no dont_know answers
    # hand calculation, base 100: 1 and 2 left of zero, 3 and 4 right of it
    assert bars["d||2"][:2] == pytest.approx((-20.0, 20.0))
    assert bars["d||1"][:2] == pytest.approx((-30.0, 10.0))
    assert bars["d||3"][:2] == pytest.approx((0.0, 30.0))
    assert bars["d||4"][:2] == pytest.approx((30.0, 40.0))
    for x, width, _ in bars.values():
        assert not math.isclose(x, -width / 2)
        assert x + width <= 1e-9 or x >= -1e-9  # no segment crosses zero


def test_likert_groups_one_bar_per_variable_and_group():
    frame = pd.DataFrame(
        _item("a", "Ich fühle mich wohl.", [10, 20, 30, 25, 5], 10, group="ja")
        + _item("a", "Ich fühle mich wohl.", [1, 2, 3, 4, 0], 0, group="nein")
        + _item("b", "Zweite Frage", [5, 5, 10, 10, 10], 10, group="ja")
        + _item("b", "Zweite Frage", [2, 2, 2, 2, 2], 0, group="nein")
    )
    fig = likert_figure(frame)
    _png(fig)
    bars = _patches(fig.axes[0])
    rows = {gid.rsplit("|", 1)[0] for gid in bars}
    assert rows == {"a|ja", "a|nein", "b|ja", "b|nein"}
    centres = sorted({round(y, 6) for _, _, y in bars.values()})
    assert len(centres) == 4
    # group "nein" of item a: base 10, middle 30 % centred
    assert bars["a|nein|3"][:2] == pytest.approx((-15.0, 30.0))
    # groups adjacent under their item, in input order
    assert bars["a|ja|1"][2] < bars["a|nein|1"][2] < bars["b|ja|1"][2] < bars["b|nein|1"][2]
    texts = _tick_texts(fig.axes[0])
    assert texts == ["Ich fühle mich wohl.", "ja (n = 100)", "nein (n = 10)",
                     "Zweite Frage", "ja (n = 50)", "nein (n = 10)"]
    # dont_know only where answered
    assert set(_patches(fig.axes[1])) == {"a|ja|dont_know", "b|ja|dont_know"}

    reordered = likert_figure(frame, group_order=["nein"])
    assert {gid.split("|")[1] for gid in _patches(reordered.axes[0])} == {"nein"}


@pytest.mark.parametrize("frame", [
    pd.DataFrame(),
    pd.DataFrame(columns=["variable", "label", "code", "value_label", "kind", "n"]),
    pd.DataFrame({"variable": ["a"], "label": ["x"], "code": [-9],
                  "value_label": ["keine Angabe"], "kind": ["no_answer"], "n": [4]}),
])
def test_likert_empty(frame):
    fig = likert_figure(frame, title="Leer")
    _png(fig)
    assert "Keine Antworten" in [t.get_text() for t in fig.axes[0].texts]
    fig = likert_figure(frame, empty_text="Nichts")
    assert "Nichts" in [t.get_text() for t in fig.axes[0].texts]


def test_likert_masked_counts_do_not_crash(freq):
    frame = freq.astype({"n": object})
    frame.loc[0, "n"] = "< 5"  # item a level 1 masked -> counted as 0, base 90
    fig = likert_figure(frame)
    _png(fig)
    assert _tick_texts(fig.axes[0])[0].endswith("(n = 90)")


def test_likert_different_scales_use_own_levels(freq):
    four = pd.DataFrame(_item("d", "Vier Stufen", [10, 20, 30, 40], 0))
    fig = likert_figure(pd.concat([freq, four], ignore_index=True))
    _png(fig)
    bars = _patches(fig.axes[0])
    assert "d||3" in bars and bars["d||3"][0] == pytest.approx(0.0)
    # legend: the first variable's levels
    assert [t.get_text() for t in fig.legends[0].get_texts()][:5] == LEVELS


def test_likert_changes_nothing_global(freq):
    before = dict(matplotlib.rcParams)
    likert_figure(freq, title="Titel")
    bar_figure(pd.DataFrame({"label": ["a"], "n": [1], "pct_cases": [50.0]}))
    assert dict(matplotlib.rcParams) == before


def test_likert_colours():
    # the middle of an odd scale is neutral, the two sides differ
    assert likert_colours(5)[2] == NEUTRAL_COLOUR
    assert NEUTRAL_COLOUR not in likert_colours(4)
    assert len(set(likert_colours(7))) == 7
    with pytest.raises(ValueError, match="at least one level"):
        likert_colours(0)


def test_wrap_label_keeps_words():
    text = "Kinderbetreuungs-Angebote in der Nähe sind ausreichend vorhanden"
    wrapped = wrap_label(text, 10)
    assert wrapped.replace("\n", " ") == text
    assert "Kinderbetreuungs-Angebote" in wrapped.split("\n")


# --------------------------------------------------------------------------- bars


@pytest.fixture
def multi() -> pd.DataFrame:
    return pd.DataFrame({
        "label": ["zu teuer", "schwer erreichbar", "Uhrzeit passt nicht", "Sprache", "andere"],
        "n": [12, 108, 61, "< 5", np.nan],
        "pct_cases": [6.0, 54.0, 30.5, np.nan, np.nan],
    })


def test_bar_sorted_descending(multi):
    fig = bar_figure(multi)
    _png(fig)
    ax = fig.axes[0]
    bars = _patches(ax)
    assert set(bars) == {"zu teuer|", "schwer erreichbar|", "Uhrzeit passt nicht|"}
    assert bars["schwer erreichbar|"][1] == pytest.approx(54.0)
    # largest on top (inverted y axis: smaller y is higher)
    assert ax.yaxis_inverted()
    ys = [bars[k][2] for k in ("schwer erreichbar|", "Uhrzeit passt nicht|", "zu teuer|")]
    assert ys == sorted(ys)
    assert _tick_texts(ax) == ["schwer erreichbar", "Uhrzeit passt nicht", "zu teuer",
                               "Sprache", "andere"]
    unsorted = bar_figure(multi, sort=False)
    assert _tick_texts(unsorted.axes[0])[0] == "zu teuer"


def test_bar_value_labels_decimal_comma_and_masks(multi):
    fig = bar_figure(multi, masked_text="geschützt")
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts == ["54,0 % (n = 108)", "30,5 % (n = 61)", "6,0 % (n = 12)", "< 5",
                     "geschützt"]
    assert not any(re.search(r"\d\.\d", t) for t in texts)
    # value labels start at the bar end
    ends = {round(t.xy[0], 6) for t in fig.axes[0].texts}
    assert {54.0, 30.5, 6.0, 0.0} == ends
    _png(fig)
    assert all(t.get_text().replace(".", "") == t.get_text()
               for t in fig.axes[0].get_xticklabels())


def test_bar_labels_fit_inside_axes(multi):
    fig = bar_figure(multi.assign(pct_cases=[6.0, 100.0, 30.5, np.nan, np.nan]))
    fig.draw_without_rendering()
    right = fig.axes[0].get_window_extent().x1
    assert all(t.get_window_extent().x1 <= right + 0.5 for t in fig.axes[0].texts)
    ticks = fig.axes[0].get_xticks()
    assert max(ticks) <= 100


def test_bar_long_label_wrapped(multi):
    frame = multi.assign(label=[LONG_LABEL, "b", "c", "d", "e"])
    fig = bar_figure(frame, wrap=35)
    _png(fig)
    text = next(t for t in _tick_texts(fig.axes[0]) if "\n" in t)
    assert text.replace("\n", " ") == LONG_LABEL


def test_bar_groups():
    table = pd.DataFrame({
        "label": ["zu teuer", "zu teuer", "weit weg", "weit weg", "Sprache", "Sprache"],
        "group": ["ja", "nein"] * 3,
        "n": [30, 10, 50, 58, "< 5", 7],
        "pct_cases": [30.0, 10.0, 50.0, 58.0, np.nan, 7.0],
    })
    fig = bar_figure(table, group="group")
    _png(fig)
    bars = _patches(fig.axes[0])
    assert set(bars) == {"zu teuer|ja", "zu teuer|nein", "weit weg|ja", "weit weg|nein",
                         "Sprache|nein"}
    # sorted by the mean over groups: weit weg 54, zu teuer 20, Sprache 7
    assert _tick_texts(fig.axes[0]) == ["weit weg", "zu teuer", "Sprache"]
    assert bars["weit weg|ja"][2] < bars["weit weg|nein"][2] < bars["zu teuer|ja"][2]
    colours = {p.get_gid().split("|")[1]: matplotlib.colors.to_hex(p.get_facecolor())
               for p in fig.axes[0].patches}
    assert colours["ja"] != colours["nein"]
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["ja", "nein"]
    assert "< 5" in [t.get_text() for t in fig.axes[0].texts]


def test_bar_empty_and_missing_column():
    fig = bar_figure(pd.DataFrame(columns=["label", "n", "pct_cases"]))
    _png(fig)
    assert "Keine Antworten" in [t.get_text() for t in fig.axes[0].texts]
    with pytest.raises(KeyError, match="pct_cases"):
        bar_figure(pd.DataFrame({"label": ["a"], "n": [1]}))
