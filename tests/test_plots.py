"""Tests of survey.plots: bar positions read back from the figures' Rectangle patches.

Expected numbers are hand calculations from the counts in the frames below; every
figure is also rendered to PNG to catch layout errors. Figures take the run's disclosure
policy: the internal version (``INTERNAL``) draws full-precision tables; a shared figure
(``SHARED``) draws only tables as :meth:`survey.disclosure.Plan.table` returns them
(withheld values NaN/NA, listed in the bookkeeping columns), built by hand here.
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
from matplotlib.text import Text

from survey.disclosure import Policy
from survey.messages import MESSAGES
from survey.plots import (
    DONT_KNOW_COLOUR,
    NEUTRAL_COLOUR,
    OKABE_ITO,
    bar_figure,
    forest_figure,
    likert_colours,
    likert_figure,
    missingness_figure,
    wave_figure,
    weekly_figure,
    wrap_label,
)

pytestmark = pytest.mark.filterwarnings("error")  # the figures must not warn

NAN = float("nan")
#: The team's version: nothing withheld, every table at full precision.
INTERNAL = Policy(5, internal=True)
#: A shared report: only tables that went through the disclosure plan.
SHARED = Policy(5)
#: The bookkeeping columns of a table that went through the plan.
BOOKKEEPING = ("suppressed", "suppressed_small", "suppressed_near_total")


def _planned(frame: pd.DataFrame, suppressed: list[str] | None = None,
             small: list[str] | None = None, near: list[str] | None = None,
             withheld: dict[str, list[int]] | None = None) -> pd.DataFrame:
    """``frame`` as :meth:`survey.disclosure.Plan.table` returns it: the bookkeeping columns
    (";"-joined withheld columns per row, "" for none) and the cells of ``withheld``
    (column -> row positions) set to NaN (counts become nullable integers, as the plan
    leaves them)."""
    out = frame.reset_index(drop=True).copy()
    for column, positions in (withheld or {}).items():
        if pd.api.types.is_integer_dtype(out[column]):
            out[column] = out[column].astype("Int64")
        out.loc[positions, column] = pd.NA if str(out[column].dtype) == "Int64" else NAN
    n = len(out)
    out["suppressed"] = suppressed if suppressed is not None else [""] * n
    out["suppressed_small"] = small if small is not None else [""] * n
    out["suppressed_near_total"] = near if near is not None else [""] * n
    return out

LEVELS = ["gar nicht", "eher nicht", "teils", "eher ja", "voll"]
LONG_LABEL = (
    "Wenn ich Unterstützung bei der Betreuung meiner Kinder brauche, kenne ich "
    "Ansprechpersonen (Nachbarschaft, Familienbildungsstätte, Kindertagespflege) in der Nähe."
)


def _item(variable: str, label: str, counts: list[int], dont_know: int,
          group: str | None = None, no_answer: int = 0, system: int = 0) -> list[dict]:
    """Rows of one item as survey.describe.frequencies gives them: ``base_n`` is everyone
    asked (valid + "weiß nicht" + "keine Angabe" + blank), ``pct`` is of that base; the
    rows of a missing kind are there only when it occurs."""
    base = sum(counts) + dont_know + no_answer + system

    def row(code: float, text: str, kind: str, n: int) -> dict:
        return {"variable": variable, "label": label, "code": code, "value_label": text,
                "kind": kind, "n": n, "pct": 100.0 * n / base if base else NAN,
                "base_n": base}

    rows = [row(code, text, "valid", n)
            for code, (text, n) in enumerate(zip(LEVELS[: len(counts)], counts, strict=True),
                                             start=1)]
    if dont_know:
        rows.append(row(NAN, "weiß nicht", "dont_know", dont_know))
    # kinds in the base but never drawn
    if no_answer:
        rows.append(row(-9, "keine Angabe", "no_answer", no_answer))
    if system:
        rows.append(row(NAN, "", "system", system))
    if group is not None:
        for r in rows:
            r["group"] = group
    return rows


@pytest.fixture
def freq() -> pd.DataFrame:
    # item a: base 10+20+30+25+5 valid + 6 "weiß nicht" + 3 "keine Angabe" + 1 blank = 100
    #   -> percentages equal counts
    # item b: base 5+5+10+10+10 + 6 + 3 + 1 = 50 -> 10, 10, 20, 20, 20 %, "weiß nicht" 12 %
    return pd.DataFrame(
        _item("a", "Ich fühle mich wohl.", [10, 20, 30, 25, 5], 6, no_answer=3, system=1)
        + _item("b", LONG_LABEL, [5, 5, 10, 10, 10], 6, no_answer=3, system=1)
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
    fig = likert_figure(freq, policy=INTERNAL)
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
    fig = likert_figure(freq, policy=INTERNAL)
    assert len(fig.axes) == 2
    dk = _patches(fig.axes[1])
    # 6 of 100 and 6 of 50
    assert dk["a||dont_know"][:2] == pytest.approx((0.0, 6.0))
    assert dk["b||dont_know"][:2] == pytest.approx((0.0, 12.0))
    assert all(gid.endswith("dont_know") for gid in dk)
    # same rows as the diverging bars
    main = _patches(fig.axes[0])
    assert dk["a||dont_know"][2] == pytest.approx(main["a||1"][2])
    assert dk["b||dont_know"][2] == pytest.approx(main["b||1"][2])
    patch = fig.axes[1].patches[0]
    assert patch.get_hatch()
    assert matplotlib.colors.to_hex(patch.get_facecolor()) == DONT_KNOW_COLOUR.lower()


def test_likert_without_dont_know_has_one_axes():
    # nobody answered "weiß nicht": 90 valid + 7 "keine Angabe" + 3 blank = base 100
    frame = pd.DataFrame(_item("a", "Frage", [10, 20, 30, 25, 5], 0, no_answer=7, system=3))
    fig = likert_figure(frame, policy=INTERNAL)
    _png(fig)
    assert len(fig.axes) == 1
    # the middle: 30 of 100, of everyone asked (the missing answers are not drawn)
    bars = _patches(fig.axes[0])
    assert bars["a||3"][:2] == pytest.approx((-15.0, 30.0))
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == LEVELS  # neither "weiß nicht" nor "nicht ausgewiesen"


def test_likert_tick_labels_show_n(freq):
    fig = likert_figure(freq, policy=INTERNAL)
    texts = _tick_texts(fig.axes[0])
    # n = the base of the percentages, everyone asked: 100 and 50 (incl. "keine Angabe"
    # and blank)
    assert texts[0].endswith("(n = 100)")
    assert texts[1].endswith("(n = 50)")
    ticks = likert_figure(freq, n_label="N", policy=INTERNAL).axes[0].get_yticklabels()
    assert ticks[0].get_text().endswith("(N = 100)")


def test_likert_long_label_wrapped_at_word_boundaries(freq):
    wrap = 30
    fig = likert_figure(freq, wrap=wrap, policy=INTERNAL)
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
    fig = likert_figure(freq, wrap=25, policy=INTERNAL)
    fig.draw_without_rendering()
    boxes = sorted((t.get_window_extent() for t in fig.axes[0].get_yticklabels()),
                   key=lambda b: b.y0)
    for lower, upper in zip(boxes, boxes[1:], strict=False):
        assert lower.y1 <= upper.y0 + 0.5


def test_likert_legend_below_bars(freq):
    fig = likert_figure(freq, policy=INTERNAL)
    fig.draw_without_rendering()
    legend = fig.legends[0]
    assert [t.get_text() for t in legend.get_texts()] == [*LEVELS, "weiß nicht"]
    assert legend.get_window_extent().y1 <= fig.axes[0].get_window_extent().y0


def test_likert_axis_symmetric_absolute_ticks(freq):
    fig = likert_figure(freq, policy=INTERNAL)
    _png(fig)
    ax = fig.axes[0]
    low, high = ax.get_xlim()
    assert low == pytest.approx(-high)
    labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert labels and not any(lbl.startswith(("-", "\u2212")) for lbl in labels)
    # a vertical line at zero
    assert any(list(line.get_xdata()) == [0, 0] for line in ax.get_lines())


def test_likert_percent_labels_only_on_wide_segments(freq):
    fig = likert_figure(freq[freq["variable"] == "a"], policy=INTERNAL)
    numbers = sorted(int(t.get_text()) for t in fig.axes[0].texts)
    # item a: 10, 20, 30, 25 % get a label, the 5 % segment none
    assert numbers == [10, 20, 25, 30]


def _all_patches(fig: Figure) -> dict[str, tuple[float, float, float]]:
    return {gid: bar for ax in fig.axes for gid, bar in _patches(ax).items()}


def test_likert_small_counts_are_not_drawn_at_their_length():
    # item b, base 50: counts 4, 4, 12, 10, 10 and 10 "weiß nicht"
    #   -> 8, 8, 24, 20, 20 % and 20 %
    full = pd.DataFrame(_item("b", "Frage", [4, 4, 12, 10, 10], 10))
    # the internal version draws everything: levels 1 and 2 left of the centred 24 %
    # (-12 ... 12): level 2 from -20, level 1 from -28, each 8 wide and labelled "8"
    fig = likert_figure(full, policy=INTERNAL)
    bars = _patches(fig.axes[0])
    assert bars["b||2"][:2] == pytest.approx((-20.0, 8.0))
    assert bars["b||1"][:2] == pytest.approx((-28.0, 8.0))
    assert sorted(int(t.get_text()) for t in fig.axes[0].texts) == [8, 8, 20, 20, 24]
    assert "b||not_shown" not in _patches(fig.axes[1])
    # shared: the plan withholds both counts of 4 (below min_cell 5) and their shares
    shared = _planned(full, withheld={"n": [0, 1], "pct": [0, 1]},
                      suppressed=["n;pct", "n;pct", "", "", "", ""],
                      small=["n", "n", "", "", "", ""])
    fig = likert_figure(shared, policy=SHARED)
    _png(fig)
    main, side = _patches(fig.axes[0]), _patches(fig.axes[1])
    # levels 1 and 2 are not drawn and leave no gap; the shown levels stay where they are
    assert set(main) == {"b||3", "b||4", "b||5"}
    assert main["b||3"][:2] == pytest.approx((-12.0, 24.0))
    assert main["b||4"][:2] == pytest.approx((12.0, 20.0))
    assert main["b||5"][:2] == pytest.approx((32.0, 20.0))
    # beside "weiß nicht" (0 ... 20) one hatched part of what the table withholds:
    # 100 - (24 + 20 + 20 + 20) = 16, both counts together, neither alone
    assert side["b||dont_know"][:2] == pytest.approx((0.0, 20.0))
    assert side["b||not_shown"][:2] == pytest.approx((20.0, 16.0))
    assert not any(w == pytest.approx(8.0) for _, w, _ in _all_patches(fig).values())
    hatched = next(p for p in fig.axes[1].patches if p.get_gid() == "b||not_shown")
    assert hatched.get_hatch()
    assert matplotlib.colors.to_hex(hatched.get_facecolor()) == "#ffffff"
    assert matplotlib.colors.to_hex(hatched.get_facecolor()) != DONT_KNOW_COLOUR.lower()
    # no number of a withheld share anywhere: the bars carry 24, 20, 20, "weiß nicht" 20
    assert sorted(t.get_text() for t in fig.axes[0].texts) == ["20", "20", "24"]
    assert [t.get_text() for t in fig.axes[1].texts] == ["20"]
    assert fig.axes[1].get_title() == "weiß nicht\nnicht ausgewiesen"
    assert [t.get_text() for t in fig.legends[0].get_texts()] == [
        *LEVELS, "weiß nicht", "nicht ausgewiesen"]
    # the base is shown: n = 50
    assert _tick_texts(fig.axes[0]) == ["Frage (n = 50)"]
    # a shared figure refuses a table that has not been through the plan
    with pytest.raises(ValueError, match="disclosure plan"):
        likert_figure(full, policy=SHARED)


def test_likert_percent_labels_decimal_comma():
    frame = pd.DataFrame(_item("c", "Frage", [1, 1, 1], 0))
    fig = likert_figure(frame, policy=INTERNAL)
    # 1/3 = 33,3 % shown with 0 decimals; never a decimal point
    assert sorted(t.get_text() for t in fig.axes[0].texts) == ["33", "33", "33"]


def test_likert_even_levels_have_no_centred_segment():
    frame = pd.DataFrame(_item("d", "Zufriedenheit", [10, 20, 30, 40], 0))
    fig = likert_figure(frame, policy=INTERNAL)
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
    # bases: a|ja 90 + 10 = 100, a|nein 10, b|ja 40 + 10 = 50, b|nein 10
    frame = pd.DataFrame(
        _item("a", "Ich fühle mich wohl.", [10, 20, 30, 25, 5], 10, group="ja")
        + _item("a", "Ich fühle mich wohl.", [1, 2, 3, 4, 0], 0, group="nein")
        + _item("b", "Zweite Frage", [5, 5, 10, 10, 10], 10, group="ja")
        + _item("b", "Zweite Frage", [2, 2, 2, 2, 2], 0, group="nein")
    )
    fig = likert_figure(frame, policy=INTERNAL)
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

    reordered = likert_figure(frame, group_order=["nein"], policy=INTERNAL)
    assert {gid.split("|")[1] for gid in _patches(reordered.axes[0])} == {"nein"}


def test_likert_group_too_small_gets_no_bar():
    # group "nein" has 4 respondents (1, 2, 0, 1, 0): the plan withholds its size and every
    # number of its rows; group "ja" is shown in full (base 100)
    full = pd.DataFrame(
        _item("a", "Ich fühle mich wohl.", [10, 20, 30, 25, 5], 10, group="ja")
        + _item("a", "Ich fühle mich wohl.", [1, 2, 0, 1, 0], 0, group="nein"))
    nein = [6, 7, 8, 9, 10]
    assert list(full.loc[nein, "group"]) == ["nein"] * 5
    small_n = ["n;base_n", "n;base_n", "base_n", "n;base_n", "base_n"]
    shared = _planned(full, withheld={"n": nein, "pct": nein, "base_n": nein},
                      suppressed=[""] * 6 + ["n;pct;base_n"] * 5,
                      small=[""] * 6 + small_n)
    fig = likert_figure(shared, policy=SHARED)
    _png(fig)
    bars = _all_patches(fig)
    assert not any(gid.startswith("a|nein|") for gid in bars)
    assert bars["a|ja|3"][:2] == pytest.approx((-15.0, 30.0))
    assert _tick_texts(fig.axes[0]) == ["Ich fühle mich wohl.", "ja (n = 100)",
                                        "nein\n(nicht ausgewiesen)"]
    # "ja" shows 100 % of its base: nothing hatched
    assert set(_patches(fig.axes[1])) == {"a|ja|dont_know"}
    # internal: group "nein" drawn; its middle level is 0 of 4 (no segment), so level 2
    # (2 of 4 = 50 %) ends at zero and level 1 (25 %) before it; level 4 (25 %) from zero
    internal = _patches(likert_figure(full, policy=INTERNAL).axes[0])
    assert internal["a|nein|2"][:2] == pytest.approx((-50.0, 50.0))
    assert internal["a|nein|1"][:2] == pytest.approx((-75.0, 25.0))
    assert internal["a|nein|4"][:2] == pytest.approx((0.0, 25.0))
    assert "a|nein|3" not in internal and "a|nein|5" not in internal


@pytest.mark.parametrize("frame", [
    pd.DataFrame(),
    pd.DataFrame(columns=["variable", "label", "code", "value_label", "kind", "n", "pct",
                          "base_n"]),
    # everyone asked gave no answer: nothing to draw
    pd.DataFrame({"variable": ["a"], "label": ["x"], "code": [-9],
                  "value_label": ["keine Angabe"], "kind": ["no_answer"], "n": [4],
                  "pct": [100.0], "base_n": [4]}),
])
def test_likert_empty(frame):
    fig = likert_figure(frame, title="Leer", policy=INTERNAL)
    _png(fig)
    assert "Keine Antworten" in [t.get_text() for t in fig.axes[0].texts]
    fig = likert_figure(frame, empty_text="Nichts", policy=INTERNAL)
    assert "Nichts" in [t.get_text() for t in fig.axes[0].texts]


def test_likert_withheld_counts_keep_the_base(freq):
    # item a (base 100) as the plan may return it: "keine Angabe" 3 and blank 1 withheld
    # (below 5) and "weiß nicht" 6 with them (else 100 - 90 - 6 would give their sum away)
    item = freq[freq["variable"] == "a"]
    assert list(item["kind"]) == ["valid"] * 5 + ["dont_know", "no_answer", "system"]
    shared = _planned(item, withheld={"n": [5, 6, 7], "pct": [5, 6, 7]},
                      suppressed=[""] * 5 + ["n;pct"] * 3,
                      small=[""] * 6 + ["n", "n"])
    fig = likert_figure(shared, policy=SHARED)
    _png(fig)
    # the base is the table's base_n (everyone asked), not the sum of the shown counts
    assert _tick_texts(fig.axes[0]) == ["Ich fühle mich wohl. (n = 100)"]
    bars = _patches(fig.axes[0])
    assert bars["a||3"][:2] == pytest.approx((-15.0, 30.0))
    assert bars["a||5"][:2] == pytest.approx((40.0, 5.0))
    # no "weiß nicht" bar: 100 - 90 shown = 10 in one hatched part (6 + 3 + 1)
    side = _patches(fig.axes[1])
    assert set(side) == {"a||not_shown"}
    assert side["a||not_shown"][:2] == pytest.approx((0.0, 10.0))
    assert fig.axes[1].get_title() == "nicht ausgewiesen"
    assert len(fig.axes[1].texts) == 0  # no number beside a withheld part


def test_likert_different_scales_use_own_levels(freq):
    four = pd.DataFrame(_item("d", "Vier Stufen", [10, 20, 30, 40], 0))
    fig = likert_figure(pd.concat([freq, four], ignore_index=True), policy=INTERNAL)
    _png(fig)
    bars = _patches(fig.axes[0])
    assert "d||3" in bars and bars["d||3"][0] == pytest.approx(0.0)
    # legend: the first variable's levels
    assert [t.get_text() for t in fig.legends[0].get_texts()][:5] == LEVELS


def test_likert_changes_nothing_global(freq):
    before = dict(matplotlib.rcParams)
    likert_figure(freq, title="Titel", policy=INTERNAL)
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


# --------------------------------------------------------------------------- language

#: German catalogue texts the figures use; none may appear in an English figure.
_GERMAN_KEYS = ("kind.dont_know", "kind.no_answer", "kind.system", "kind.invalid",
                "plot.likert_xlabel", "plot.bar_xlabel", "plot.no_answers",
                "plot.too_few_cases", "plot.missing_title", "plot.missing_xlabel",
                "plot.no_missing", "value.total", "text.not_shown")


def _all_texts(fig: Figure) -> list[str]:
    """Every text of a drawn figure: titles, labels, ticks, legend, annotations."""
    _png(fig)  # tick labels are set when the figure is drawn
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def _german(texts: list[str]) -> list[str]:
    """The texts that look German: a catalogue text, an umlaut or a decimal comma."""
    words = [MESSAGES[key]["de"] for key in _GERMAN_KEYS]
    return [t for t in texts
            if any(w in t for w in words) or re.search(r"[äöüÄÖÜß]", t)
            or re.search(r"\d,\d(?!\d\d)", t)]  # "12,5" (but "1,200" groups thousands)


def _english_item(variable: str, label: str, counts: list[int], dont_know: int,
                  group: object = None) -> list[dict]:
    levels = ["not at all", "rather not", "partly", "rather yes", "fully"]
    base = sum(counts) + dont_know
    rows = [{"variable": variable, "label": label, "code": code, "value_label": level,
             "kind": "valid", "n": n, "pct": 100.0 * n / base, "base_n": base,
             "group": group}
            for code, (level, n) in enumerate(zip(levels, counts, strict=True), start=1)]
    rows.append({"variable": variable, "label": label, "code": np.nan,
                 "value_label": "don't know", "kind": "dont_know", "n": dont_know,
                 "pct": 100.0 * dont_know / base, "base_n": base, "group": group})
    return rows


@pytest.fixture
def english_freq() -> pd.DataFrame:
    # group "yes": base 1000 + 200 = 1200; the total (group missing): 100 + 20 = 120
    return pd.DataFrame(
        _english_item("fam", "I feel at home in my family.", [100, 200, 300, 250, 150], 200,
                      group="yes")
        + _english_item("fam", "I feel at home in my family.", [10, 20, 30, 25, 15], 20,
                        group=np.nan))


def test_likert_english_has_no_german_text(english_freq):
    fig = likert_figure(english_freq, title="Family", language="en", policy=INTERNAL)
    texts = _all_texts(fig)
    assert _german(texts) == []
    assert fig.axes[0].get_xlabel() == "Share of answers (%)"
    assert fig.axes[1].get_title() == "don't know"
    assert "don't know" in [t.get_text() for t in fig.legends[0].get_texts()]
    # a missing group is the total; counts with English thousands separators
    assert _tick_texts(fig.axes[0]) == ["I feel at home in my family.", "yes (n = 1,200)",
                                        "Total (n = 120)"]
    empty = likert_figure(english_freq.iloc[:0], language="en", policy=INTERNAL)
    assert [t.get_text() for t in empty.axes[0].texts] == ["No answers"]


def test_likert_german_defaults_unchanged(english_freq):
    fig = likert_figure(english_freq, policy=INTERNAL)
    _png(fig)
    assert fig.axes[0].get_xlabel() == "Anteil der Antworten (%)"
    assert fig.axes[1].get_title() == "weiß nicht"
    assert [t.get_text() for t in fig.legends[0].get_texts()][-1] == "weiß nicht"
    assert _tick_texts(fig.axes[0])[1:] == ["yes (n = 1.200)", "Gesamt (n = 120)"]
    # "weiß nicht" 200 of 1200 = 16,7 % -> "17", ticks whole numbers
    assert [t.get_text() for t in fig.axes[1].texts] == ["17", "17"]
    # explicit texts still win
    fig = likert_figure(english_freq, dont_know_label="k. A.", xlabel="Prozent",
                        policy=INTERNAL)
    assert (fig.axes[1].get_title(), fig.axes[0].get_xlabel()) == ("k. A.", "Prozent")
    with pytest.raises(ValueError, match="language"):
        likert_figure(english_freq, language="fr", policy=INTERNAL)


@pytest.fixture
def english_multi() -> pd.DataFrame:
    return pd.DataFrame({
        "label": ["too expensive", "too far", "wrong time", "language", "other"],
        "n": [12, 1108, 61, "< 5", np.nan],
        "pct_cases": [6.0, 54.25, 30.5, np.nan, np.nan],
    })


def test_bar_english_has_no_german_text_and_decimal_points(english_multi):
    fig = bar_figure(english_multi, language="en", title="Reasons")
    texts = _all_texts(fig)
    assert _german(texts) == []
    assert [t.get_text() for t in fig.axes[0].texts] == [
        "54.3% (n = 1,108)", "30.5% (n = 61)", "6.0% (n = 12)", "< 5", "too few cases"]
    assert fig.axes[0].get_xlabel() == "Share of cases (%)"
    grouped = bar_figure(english_multi.assign(group=["a", np.nan, "a", "a", np.nan]),
                         group="group", language="en")
    legend = [t.get_text() for t in grouped.legends[0].get_texts()]
    assert legend == ["a", "Total"]
    assert _german(_all_texts(grouped)) == []
    empty = bar_figure(english_multi.iloc[:0], language="en")
    assert [t.get_text() for t in empty.axes[0].texts] == ["No answers"]


def test_bar_german_defaults_unchanged(english_multi):
    fig = bar_figure(english_multi)
    _png(fig)
    assert [t.get_text() for t in fig.axes[0].texts] == [
        "54,3 % (n = 1.108)", "30,5 % (n = 61)", "6,0 % (n = 12)", "< 5", "zu wenige Fälle"]
    assert fig.axes[0].get_xlabel() == "Anteil der Fälle (%)"
    grouped = bar_figure(english_multi.assign(group=["a", np.nan, "a", "a", np.nan]),
                         group="group")
    assert [t.get_text() for t in grouped.legends[0].get_texts()] == ["a", "Gesamt"]
    with pytest.raises(ValueError, match="language"):
        bar_figure(english_multi, language="fr")


# --------------------------------------------------------------------------- missing values


@pytest.fixture
def missing_table() -> pd.DataFrame:
    # rows as survey.quality.missingness_table gives them
    return pd.DataFrame({
        "variable": ["alter", "fam", "pc", "eink", "kinder"],
        "label": ["Alter", "Genießen Sie die Zeit mit Ihrer Familie?", "PC", "Einkommen",
                  "Anzahl der Kinder"],
        "n": 200, "not_asked": [0, 0, 0, 50, 0], "n_base": [200, 200, 200, 150, 200],
        "n_valid": [180, 170, 200, 120, 197],
        "dont_know": [10, 10, 0, 0, 2], "no_answer": [6, 10, 0, 20, 1],
        "system": [4, 8, 0, 10, 0], "invalid": [0, 2, 0, 0, 0],
        "n_missing": [20, 30, 0, 30, 3], "pct_missing": [10.0, 15.0, 0.0, 20.0, 1.5]})


def test_missingness_bars_stacked_by_kind(missing_table):
    fig = missingness_figure(missing_table, policy=INTERNAL)
    _png(fig)
    ax = fig.axes[0]
    bars = _patches(ax)
    # shares of those asked (hand calculation): eink 20/150 = 13.3 %, 10/150 = 6.7 %
    assert bars["eink|no_answer"][:2] == pytest.approx((0.0, 100 * 20 / 150))
    assert bars["eink|system"][:2] == pytest.approx((100 * 20 / 150, 100 * 10 / 150))
    # fam: 5 + 5 + 4 + 1 = 15 % stacked in kind order
    assert bars["fam|dont_know"][:2] == pytest.approx((0.0, 5.0))
    assert bars["fam|no_answer"][:2] == pytest.approx((5.0, 5.0))
    assert bars["fam|system"][:2] == pytest.approx((10.0, 4.0))
    assert bars["fam|invalid"][:2] == pytest.approx((14.0, 1.0))
    assert bars["kinder|dont_know"][:2] == pytest.approx((0.0, 1.0))
    assert not any(gid.startswith("pc|") for gid in bars)  # no missing values, no row
    # highest share on top (inverted y axis), the 0 % row left out
    assert ax.yaxis_inverted()
    assert _tick_texts(ax) == ["Einkommen", "Genießen Sie die Zeit mit Ihrer Familie?",
                               "Alter", "Anzahl der Kinder"]
    # "weiß nicht" hatched grey as in likert_figure
    dont_know = next(p for p in ax.patches if p.get_gid() == "fam|dont_know")
    assert dont_know.get_hatch() and matplotlib.colors.to_hex(
        dont_know.get_facecolor()) == DONT_KNOW_COLOUR.lower()
    assert _tick_texts(missingness_figure(missing_table, top=2, policy=INTERNAL).axes[0]) == [
        "Einkommen", "Genießen Sie die Zeit mit Ihrer Familie?"]


def test_missingness_german_texts(missing_table):
    fig = missingness_figure(missing_table, policy=INTERNAL)
    _png(fig)
    ax = fig.axes[0]
    assert fig.get_suptitle() == "Fehlende Werte je Variable"
    assert ax.get_xlabel() == "fehlend unter den Gefragten (%)"
    assert [t.get_text() for t in fig.legends[0].get_texts()] == [
        "weiß nicht", "keine Angabe", "leer", "ungültig"]
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks[:3] == ["0", "5", "10"]
    assert missingness_figure(missing_table, title="", policy=INTERNAL).get_suptitle() == ""
    titled = missingness_figure(missing_table, title="Lücken", policy=INTERNAL)
    assert titled.get_suptitle() == "Lücken"


def test_missingness_english_has_no_german_text():
    table = pd.DataFrame({
        "variable": ["age", "income"], "label": ["Age", "Household income"],
        "n_base": [2000, 1500], "dont_know": [10, 0], "no_answer": [6, 20],
        "system": [4, 10], "invalid": [0, 1], "n_missing": [20, 31],
        "pct_missing": [1.0, 31 / 15]})
    fig = missingness_figure(table, language="en", policy=INTERNAL)
    texts = _all_texts(fig)
    assert _german(texts) == []
    assert fig.get_suptitle() == "Missing values per variable"
    assert fig.axes[0].get_xlabel() == "missing among those asked (%)"
    assert [t.get_text() for t in fig.legends[0].get_texts()] == [
        "don't know", "no answer", "blank", "invalid"]
    # ticks run 0 ... 5 in steps of 1: whole numbers, nothing German
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert ticks == ["0", "1", "2", "3", "4", "5"]
    empty = missingness_figure(table.assign(pct_missing=0.0, n_missing=0, dont_know=0,
                                            no_answer=0, system=0, invalid=0),
                               language="en", policy=INTERNAL)
    assert "No missing values" in _all_texts(empty)
    assert _german(_all_texts(empty)) == []


def test_missingness_labels_wrapped_not_cut(missing_table):
    long = ("Wie zufrieden sind Sie insgesamt mit den Angeboten der Familienbildungsstätte "
            "in Ihrer Nähe derzeit?")
    assert len(long) == 100
    table = missing_table.assign(label=[long, "b", "c", "d", "e"])
    fig = missingness_figure(table, wrap=30, policy=INTERNAL)
    _png(fig)
    tick = next(t for t in _tick_texts(fig.axes[0]) if "\n" in t)
    assert tick.replace("\n", " ") == long  # in full, nothing shortened
    assert "…" not in tick
    lines = tick.split("\n")
    assert len(lines) >= 4
    assert all(len(line) <= 30 for line in lines)
    words = long.split()
    assert [w for line in lines for w in line.split()] == words  # words intact
    # the figure grows with the label lines
    short = missingness_figure(missing_table, wrap=30, policy=INTERNAL)
    assert fig.get_figheight() > short.get_figheight() + 0.3


@pytest.fixture
def shared_missing(missing_table) -> pd.DataFrame:
    """missing_table as the plan returns it at min_cell 5 (withheld cells worked out by hand).

    - alter: system 4 is small; with n_missing 20 shown, 20 - 10 - 6 would give it away,
      so no_answer 6 is withheld too;
    - fam: invalid 2 is small; 30 - 10 - 10 - 8 would give it away: system 8 withheld too;
    - kinder: dont_know 2, no_answer 1 and n_missing 3 are small; n_missing reveals
      pct_missing, and n_base 200 - n_valid 197 would give the 3 away: n_valid withheld;
    - pc and eink: nothing below 5.
    """
    assert list(missing_table["variable"]) == ["alter", "fam", "pc", "eink", "kinder"]
    return _planned(
        missing_table,
        withheld={"no_answer": [0, 4], "system": [0, 1], "invalid": [1],
                  "dont_know": [4], "n_valid": [4], "n_missing": [4], "pct_missing": [4]},
        suppressed=["no_answer;system", "system;invalid", "", "",
                    "n_valid;dont_know;no_answer;n_missing;pct_missing"],
        small=["system", "invalid", "", "", "dont_know;no_answer;n_missing"])


def test_missingness_small_counts_get_no_bar(missing_table, shared_missing):
    # kinder: 3 missing values of 200 (1.5 %): a bar would tell the 3
    fig = missingness_figure(shared_missing, policy=SHARED)
    _png(fig)
    ax = fig.axes[0]
    bars = _patches(ax)
    assert not any(gid.startswith("kinder|") for gid in bars)
    # no bar of 1 % (2 persons), 0.5 % (1 person) or 2 % (alter's 4 blank): the drawn
    # segments (hand calculation) are eink 20/150 and 10/150; fam 10/200 "weiß nicht",
    # 10/200 "keine Angabe" and 10/200 hatched (system 8 + invalid 2); alter 10/200
    # "weiß nicht" and 10/200 hatched (no_answer 6 + system 4)
    widths = sorted(round(w, 6) for _, w, _ in bars.values())
    assert widths == sorted(round(w, 6) for w in [5.0, 5.0, 5.0, 5.0, 5.0,
                                                  100 * 20 / 150, 100 * 10 / 150])
    base = dict(zip(missing_table["variable"], missing_table["n_base"], strict=True))
    for gid, (_, width, _) in bars.items():  # every segment of a kind: at least 5 persons
        variable, kind = gid.split("|")
        if kind != "not_shown":
            assert width * base[variable] / 100 >= 5 - 1e-9
    marker = [t for t in ax.texts if t.get_gid() == "kinder|masked"]
    assert [t.get_text() for t in marker] == ["< 5"]
    assert marker[0].xy[0] == 0.0
    # the row goes last, whatever its share
    assert _tick_texts(ax) == ["Einkommen", "Genießen Sie die Zeit mit Ihrer Familie?",
                               "Alter", "Anzahl der Kinder"]
    # internal: the full table is drawn, kinder too (2 and 1 of 200)
    internal = _patches(missingness_figure(missing_table, policy=INTERNAL).axes[0])
    assert internal["kinder|dont_know"][:2] == pytest.approx((0.0, 1.0))
    assert internal["kinder|no_answer"][:2] == pytest.approx((1.0, 0.5))
    assert not any(gid.endswith("|not_shown") for gid in internal)
    en = missingness_figure(shared_missing, policy=SHARED, language="en")
    assert [t.get_text() for t in en.axes[0].texts] == ["< 5"]
    # a shared figure refuses the full table
    with pytest.raises(ValueError, match="disclosure plan"):
        missingness_figure(missing_table, policy=SHARED)


def test_missingness_of_a_suppressed_table(shared_missing):
    fig = missingness_figure(shared_missing, policy=SHARED)
    _png(fig)
    ax = fig.axes[0]
    bars = _patches(ax)
    # withheld kinds of a shown row: one hatched segment up to pct_missing
    assert bars["fam|dont_know"][:2] == pytest.approx((0.0, 5.0))
    assert bars["fam|no_answer"][:2] == pytest.approx((5.0, 5.0))
    assert bars["fam|not_shown"][:2] == pytest.approx((10.0, 5.0))  # 15 - 10 shown
    assert bars["alter|dont_know"][:2] == pytest.approx((0.0, 5.0))
    assert bars["alter|not_shown"][:2] == pytest.approx((5.0, 5.0))  # 10 - 5 shown
    for gid in ("fam|system", "fam|invalid", "alter|no_answer", "alter|system"):
        assert gid not in bars
    for variable, pct in (("alter", 10.0), ("fam", 15.0)):
        segments = [(x, w) for gid, (x, w, _) in bars.items()
                    if gid.startswith(f"{variable}|")]
        assert max(x + w for x, w in segments) == pytest.approx(pct)
    hatched = next(p for p in ax.patches if p.get_gid() == "fam|not_shown")
    assert hatched.get_hatch()
    assert matplotlib.colors.to_hex(hatched.get_facecolor()) == "#ffffff"
    # "ungültig" only occurs withheld (fam's 2): not in the legend
    assert [t.get_text() for t in fig.legends[0].get_texts()] == [
        "weiß nicht", "keine Angabe", "leer", "nicht ausgewiesen"]
    # a count withheld for another reason than being small: "nicht ausgewiesen"
    other = shared_missing.assign(
        suppressed_small=["system", "invalid", "", "", "dont_know;no_answer"])
    ax = missingness_figure(other, policy=SHARED).axes[0]
    assert _texts(ax)["kinder|masked"] == "nicht ausgewiesen"
    assert not any(gid.startswith("kinder|") for gid in _patches(ax))


def test_missingness_checks_and_nothing_global(missing_table):
    with pytest.raises(KeyError, match="n_base"):
        missingness_figure(missing_table.drop(columns="n_base"), policy=INTERNAL)
    with pytest.raises(ValueError, match="language"):
        missingness_figure(missing_table, language="fr", policy=INTERNAL)
    with pytest.raises(ValueError, match="wrap"):
        missingness_figure(missing_table, wrap=0, policy=INTERNAL)
    fig = missingness_figure(missing_table.iloc[:0], policy=INTERNAL)
    _png(fig)
    assert "Keine fehlenden Werte" in [t.get_text() for t in fig.axes[0].texts]
    before = dict(matplotlib.rcParams)
    missingness_figure(missing_table, title="Titel", policy=INTERNAL)
    assert dict(matplotlib.rcParams) == before


# --------------------------------------------------------------------------- forest


@pytest.fixture
def effects() -> pd.DataFrame:
    """Rank-biserial r of four items, grouping "ae"; f3 withheld (small cell)."""
    return pd.DataFrame({
        "variable": ["f1", "f2", "f3", "f4"],
        "label": ["Haben Sie regelmäßig Kontakt zu Freunden?", LONG_LABEL,
                  "Geld reicht bis zum Monatsende.", "Ich habe genug Zeit für mich."],
        "grouping": "ae", "term": "",
        "group_a": "Alleinerziehende", "group_b": "Nicht-Alleinerziehende",
        "effect": "rank_biserial",
        "effect_size": [0.21, -0.08, NAN, -0.31],
        "ci_low": [0.05, -0.24, NAN, -0.45],
        "ci_high": [0.36, 0.08, NAN, -0.16],
        # f1 and f4 below .05 (filled), f2 not (open); f3 withheld
        "p_adj": [0.036, 0.9, NAN, 0.0004],
    })


def _lines(ax) -> dict[str, tuple[list[float], list[float]]]:
    """gid -> (x data, y data) of the points and CI lines of a forest figure."""
    return {line.get_gid(): ([float(v) for v in line.get_xdata()],
                             [float(v) for v in line.get_ydata()])
            for line in ax.lines if line.get_gid() and line.get_gid() != "reference"}


def _texts(ax) -> dict[str, str]:
    return {t.get_gid(): t.get_text() for t in ax.texts if t.get_gid()}


def test_forest_points_and_intervals_at_the_effect_sizes(effects):
    fig = forest_figure(effects, policy=INTERNAL)
    _png(fig)
    lines = _lines(fig.axes[0])
    # the points sit at effect_size, the CI lines run from ci_low to ci_high (the frame)
    assert lines["f1||point"][0] == pytest.approx([0.21])
    assert lines["f2||point"][0] == pytest.approx([-0.08])
    assert lines["f4||point"][0] == pytest.approx([-0.31])
    assert lines["f1||ci"][0] == pytest.approx([0.05, 0.36])
    assert lines["f2||ci"][0] == pytest.approx([-0.24, 0.08])
    assert lines["f4||ci"][0] == pytest.approx([-0.45, -0.16])
    # point and CI of a row share its height; rows top to bottom in input order
    ax = fig.axes[0]
    assert ax.yaxis_inverted()
    assert lines["f1||ci"][1] == [lines["f1||point"][1][0]] * 2
    assert lines["f1||point"][1][0] < lines["f2||point"][1][0] < lines["f4||point"][1][0]
    # the reference line at 0
    reference = [line for line in ax.lines if line.get_gid() == "reference"]
    assert [float(v) for v in reference[0].get_xdata()] == [0.0, 0.0]
    assert ax.get_xscale() == "linear"


def test_forest_filled_when_significant_open_otherwise(effects):
    fig = forest_figure(effects, policy=INTERNAL)
    face = {line.get_gid(): matplotlib.colors.to_hex(line.get_markerfacecolor())
            for line in fig.axes[0].lines if str(line.get_gid()).endswith("|point")}
    # p_adj .036 and .0004 < .05: filled; .9: open (white inside, blue rim)
    assert face == {"f1||point": OKABE_ITO[0].lower(), "f2||point": "#ffffff",
                    "f4||point": OKABE_ITO[0].lower()}
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == ["p (korrigiert) < ,05", "n. s.", "95 %-Konfidenzintervall"]
    # p_adj = alpha is not below alpha: open; alpha .01 is written ",01"
    fig = forest_figure(effects.assign(p_adj=[0.01, 0.9, NAN, 0.0004]), alpha=0.01, policy=INTERNAL)
    face = {line.get_gid(): matplotlib.colors.to_hex(line.get_markerfacecolor())
            for line in fig.axes[0].lines if str(line.get_gid()).endswith("|point")}
    assert face["f1||point"] == "#ffffff"
    assert face["f4||point"] == OKABE_ITO[0].lower()
    assert [t.get_text() for t in fig.legends[0].get_texts()][0] == "p (korrigiert) < ,01"


def _shared_effects(effects: pd.DataFrame) -> pd.DataFrame:
    """The rows as the plan returns them: f3 compares a group of 3 (n_b below min_cell 5),
    so n_b and every statistic of f3 are withheld."""
    rows = effects.assign(n_a=[40, 40, 40, 40], n_b=[35, 35, 3, 30],
                          effect_size=[0.21, -0.08, 0.52, -0.31],
                          ci_low=[0.05, -0.24, -0.2, -0.45], ci_high=[0.36, 0.08, 0.9, -0.16],
                          p_adj=[0.036, 0.9, 0.4, 0.0004])
    return _planned(rows, withheld={c: [2] for c in ("n_b", "effect_size", "ci_low",
                                                       "ci_high", "p_adj")},
                    suppressed=["", "", "p_adj;effect_size;ci_low;ci_high;n_b", ""],
                    small=["", "", "n_b", ""])


def test_forest_withheld_row_says_not_shown(effects):
    shared = _shared_effects(effects)
    fig = forest_figure(shared, policy=SHARED)
    _png(fig)
    ax = fig.axes[0]
    assert _texts(ax)["f3||not_shown"] == "nicht ausgewiesen"
    assert "f3||point" not in _lines(ax) and "f3||ci" not in _lines(ax)
    assert "f3||value" not in _texts(ax)
    # still listed, in its place (third of four rows)
    assert _tick_texts(ax)[2] == "Geld reicht bis zum Monatsende."
    # the x range holds the shown rows only: -0.45 ... 0.36, f3's 0.9 is not there
    assert ax.get_xlim()[1] < 0.9
    en = forest_figure(shared, language="en", policy=SHARED).axes[0]
    assert _texts(en)["f3||not_shown"] == "not shown"
    # the internal version draws f3 at its value (the full rows, before the plan)
    full = shared.drop(columns=list(BOOKKEEPING)).assign(
        effect_size=[0.21, -0.08, 0.52, -0.31], ci_low=[0.05, -0.24, -0.2, -0.45],
        ci_high=[0.36, 0.08, 0.9, -0.16], p_adj=[0.036, 0.9, 0.4, 0.0004])
    lines = _lines(forest_figure(full, policy=INTERNAL).axes[0])
    assert lines["f3||point"][0] == pytest.approx([0.52])
    assert lines["f3||ci"][0] == pytest.approx([-0.2, 0.9])
    # and a shared figure refuses rows that have not been through the plan
    with pytest.raises(ValueError, match="disclosure plan"):
        forest_figure(full, policy=SHARED)


def test_forest_labels_wrapped_never_cut(effects):
    fig = forest_figure(effects, wrap=30, policy=INTERNAL)
    ticks = _tick_texts(fig.axes[0])
    assert ticks[0] == "Haben Sie regelmäßig Kontakt\nzu Freunden?"
    # the long label: every line at most 30 characters unless one word is longer, and
    # joined again it is the label word for word
    lines = ticks[1].split("\n")
    assert len(lines) > 1
    assert " ".join(lines) == LONG_LABEL
    assert all(len(line) <= 30 or " " not in line for line in lines)
    assert set(LONG_LABEL.split()) == {w for line in lines for w in line.split()}


def test_forest_value_column_and_header(effects):
    texts = _texts(forest_figure(effects, policy=INTERNAL).axes[0])
    # format_effect: r without leading zero, 2 decimals, U+2212 minus
    assert texts["f1||value"] == ",21 [,05; ,36]"
    assert texts["f2||value"] == "−,08 [−,24; ,08]"
    header = [t.get_text() for t in forest_figure(effects, policy=INTERNAL).axes[0].texts
              if not t.get_gid()]
    assert header == ["r [95 %-KI]"]
    en = _texts(forest_figure(effects, language="en", policy=INTERNAL).axes[0])
    assert en["f1||value"] == ".21 [.05, .36]"


def test_forest_axis_label_and_direction_note(effects):
    ax = forest_figure(effects, policy=INTERNAL).axes[0]
    assert ax.get_xlabel() == "Rangbiseriale Korrelation r"
    assert _texts(ax)["direction"] == ("positiv: Alleinerziehende höher · "
                                       "negativ: Nicht-Alleinerziehende höher")
    ax = forest_figure(effects, language="en", policy=INTERNAL).axes[0]
    assert ax.get_xlabel() == "Rank-biserial correlation r"
    assert _texts(ax)["direction"] == ("positive: Alleinerziehende higher · "
                                       "negative: Nicht-Alleinerziehende higher")
    ax = forest_figure(effects, xlabel="r (Rang)", policy=INTERNAL).axes[0]
    assert ax.get_xlabel() == "r (Rang)"
    names = {"hedges_g": "Hedges' g", "cramers_v": "Cramérs V",
             "epsilon2": "Epsilon-Quadrat ε²", "eta2_partial": "Partielles Eta-Quadrat η²p"}
    for effect, name in names.items():
        ax = forest_figure(effects.assign(effect=effect), policy=INTERNAL).axes[0]
        assert ax.get_xlabel() == name


def test_forest_note_under_the_axis_label_inside_the_figure(effects):
    fig = forest_figure(effects, title="Soziale Netze", policy=INTERNAL)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)  # runs the layout engine, as saving does
    ax = fig.axes[0]
    note = [t for t in ax.texts if t.get_gid() == "direction"][0]
    label_box = ax.xaxis.label.get_window_extent(renderer)
    note_box = note.get_window_extent(renderer)
    figure_box = fig.bbox
    assert note_box.y1 <= label_box.y0 + 0.5  # below the x label (display y grows upwards)
    assert note_box.y0 >= fig.legends[0].get_window_extent(renderer).y1 - 0.5
    for text in ax.texts:  # values, header, note: nothing leaves the figure
        box = text.get_window_extent(renderer)
        assert figure_box.x0 - 1 <= box.x0 and box.x1 <= figure_box.x1 + 1
        assert figure_box.y0 - 1 <= box.y0 and box.y1 <= figure_box.y1 + 1


def test_forest_no_direction_note_for_unsigned_effects(effects):
    ax = forest_figure(effects.assign(effect="cramers_v", effect_size=[0.2, 0.1, NAN, 0.3],
                                      ci_low=[0.1, 0.0, NAN, 0.2],
                                      ci_high=[0.3, 0.2, NAN, 0.4]), policy=INTERNAL).axes[0]
    assert "direction" not in _texts(ax)


def test_forest_risk_difference_in_percentage_points(effects):
    rows = effects.assign(effect="risk_difference", effect_size=[0.14, -0.05, NAN, 0.3],
                          ci_low=[0.021, -0.18, NAN, 0.1], ci_high=[0.253, 0.08, NAN, 0.47])
    ax = forest_figure(rows, policy=INTERNAL).axes[0]
    lines = _lines(ax)
    # 100 x the proportions of the CSV
    assert lines["f1||point"][0] == pytest.approx([14.0])
    assert lines["f1||ci"][0] == pytest.approx([2.1, 25.3])
    assert ax.get_xlabel() == "Risikodifferenz in Prozentpunkten"
    assert _texts(ax)["f1||value"] == "+14,0 [+2,1; +25,3]"


def test_forest_odds_ratio_on_a_log_axis_around_one(effects):
    rows = effects.assign(effect="risk_difference", odds_ratio=[1.76, 0.8, NAN, 3.5],
                          or_ci_low=[1.09, 0.45, NAN, 1.6], or_ci_high=[2.85, 1.4, NAN, 7.6])
    fig = forest_figure(rows, effect="odds_ratio", policy=INTERNAL)
    _png(fig)
    ax = fig.axes[0]
    assert ax.get_xscale() == "log"
    lines = _lines(ax)
    assert lines["f1||point"][0] == pytest.approx([1.76])
    assert lines["f4||ci"][0] == pytest.approx([1.6, 7.6])
    reference = [line for line in ax.lines if line.get_gid() == "reference"][0]
    assert [float(v) for v in reference.get_xdata()] == [1.0, 1.0]
    assert ax.get_xlabel() == "Odds Ratio (logarithmische Achse)"
    assert _texts(ax)["direction"] == ("über 1: Alleinerziehende höher · "
                                       "unter 1: Nicht-Alleinerziehende höher")
    assert _texts(ax)["f2||value"] == "0,80 [0,45; 1,40]"
    # tick labels German, powers of 2: 0,5 1 2 4 8 within 0.45 ... 7.6
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks == ["0,5", "1", "2", "4", "8"]
    # a narrow range (0.8 ... 1.6) has fewer than 3 powers of 2: round linear steps
    narrow = rows.assign(odds_ratio=[1.1, 0.92, NAN, 1.3], or_ci_low=[0.95, 0.8, NAN, 1.05],
                         or_ci_high=[1.25, 1.05, NAN, 1.6])
    ax = forest_figure(narrow, effect="odds_ratio", policy=INTERNAL).axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0,75", "1,00", "1,25", "1,50",
                                                            "1,75"]


def test_forest_pairs_and_terms_in_the_labels():
    dunn = pd.DataFrame({
        "variable": "k", "label": "Belastung", "term": "",
        "group_a": ["unter 25", "unter 25", "25 bis 34"],
        "group_b": ["25 bis 34", "35 und älter", "35 und älter"],
        "effect": "rank_biserial", "effect_size": [-0.1, -0.35, -0.22],
        "ci_low": [-0.3, -0.5, -0.38], "ci_high": [0.1, -0.18, -0.05],
        "p_adj": [0.3, 0.001, 0.02]})
    ax = forest_figure(dunn, policy=INTERNAL).axes[0]
    assert _tick_texts(ax) == ["Belastung\nunter 25 vs. 25 bis 34",
                               "Belastung\nunter 25 vs. 35 und älter",
                               "Belastung\n25 bis 34 vs. 35 und älter"]
    assert _texts(ax)["direction"] == "positiv: erstgenannte Gruppe des Paares höher"
    terms = pd.DataFrame({
        "variable": "s", "label": "Belastung", "group_a": "", "group_b": "",
        "term": ["Alleinerziehend", "Alleinerziehend × Kind unter 3"],
        "effect": "eta2_partial", "effect_size": [0.026, 0.035], "ci_low": [0.001, 0.004],
        "ci_high": [0.082, 0.09], "p_adj": [0.022, 0.008]})
    ax = forest_figure(terms, wrap=30, policy=INTERNAL).axes[0]
    assert _tick_texts(ax) == ["Belastung: Alleinerziehend",
                               "Belastung:\nAlleinerziehend × Kind unter 3"]
    assert set(_lines(ax)) == {"s|Alleinerziehend|point", "s|Alleinerziehend|ci",
                               "s|Alleinerziehend × Kind unter 3|point",
                               "s|Alleinerziehend × Kind unter 3|ci"}
    assert "direction" not in _texts(ax)


def test_forest_checks_its_rows(effects):
    with pytest.raises(ValueError, match="one kind of effect size"):
        forest_figure(effects.assign(effect=["rank_biserial", "hedges_g", NAN, "hedges_g"]),
                      policy=INTERNAL)
    with pytest.raises(ValueError, match="one grouping"):
        forest_figure(effects.assign(grouping=["ae", "ae", "k3", "k3"]), policy=INTERNAL)
    with pytest.raises(KeyError, match="p_adj"):
        forest_figure(effects.drop(columns="p_adj"), policy=INTERNAL)
    with pytest.raises(KeyError, match="odds_ratio"):
        forest_figure(effects, effect="odds_ratio", policy=INTERNAL)
    with pytest.raises(ValueError, match="language"):
        forest_figure(effects, language="fr", policy=INTERNAL)
    fig = forest_figure(effects.iloc[:0], policy=INTERNAL)
    _png(fig)
    assert "Keine Ergebnisse" in [t.get_text() for t in fig.axes[0].texts]


def test_forest_all_withheld_and_list_input(effects):
    # every row withheld by the plan, passed as a list of mappings (bookkeeping included)
    rows = _planned(effects, withheld={c: [0, 1, 2, 3] for c in ("effect_size", "ci_low",
                                                                 "ci_high", "p_adj")},
                    suppressed=["p_adj;effect_size;ci_low;ci_high"] * 4)
    fig = forest_figure(rows.to_dict("records"), policy=SHARED)
    _png(fig)
    assert sorted(_texts(fig.axes[0]))[:4] == ["direction", "f1||not_shown",
                                               "f2||not_shown", "f3||not_shown"]
    assert not fig.legends  # nothing drawn, nothing to explain


def test_forest_changes_nothing_global(effects):
    before = dict(matplotlib.rcParams)
    forest_figure(effects, title="Titel", policy=INTERNAL)
    assert dict(matplotlib.rcParams) == before


# --------------------------------------------------------------------------- weekly forms


@pytest.fixture
def weeks() -> pd.DataFrame:
    # rows as survey.ratings.summary gives them (unit "week"), plus an overall row that
    # the figure must ignore; 2021-W03 has no forms and is missing from the rows
    return pd.DataFrame({
        "unit": ["overall", "week", "week", "week", "week", "week"],
        "key": ["total", "2020-W53", "2021-W01", "2021-W02", "2021-W04", "2021-W05"],
        "n_forms": [27, 5, 7, 2, 8, 5]})


def _bars(ax) -> dict[str, tuple[float, float]]:
    """gid -> (x centre, height) of the bars of a weekly figure."""
    return {p.get_gid(): (float(p.get_x() + p.get_width() / 2), float(p.get_height()))
            for p in ax.patches}


def test_weekly_bars_per_iso_week_in_calendar_order(weeks):
    fig = weekly_figure(weeks, policy=INTERNAL)
    _png(fig)
    ax = fig.axes[0]
    bars = _bars(ax)
    # one bar per listed week at its slot; 2021-W03 keeps slot 3 without a bar
    assert bars == {"2020-W53": (0.0, 5.0), "2021-W01": (1.0, 7.0), "2021-W02": (2.0, 2.0),
                    "2021-W04": (4.0, 8.0), "2021-W05": (5.0, 5.0)}
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "KW 53/2020", "KW 1/2021", "KW 2/2021", "KW 3/2021", "KW 4/2021", "KW 5/2021"]
    assert all(t.get_rotation() != 0 for t in ax.get_xticklabels())
    assert _texts(ax)["2021-W03|empty"] == "0"
    assert ax.get_ylabel() == "Bögen je Woche"
    assert ax.get_xlabel() == "Kalenderwoche"
    # rows in any order: sorted by calendar week
    shuffled = weeks.iloc[[0, 4, 2, 5, 1, 3]]
    assert _bars(weekly_figure(shuffled, policy=INTERNAL).axes[0]) == bars


def test_weekly_median_line_and_label(weeks):
    ax = weekly_figure(weeks, policy=INTERNAL).axes[0]
    median = [line for line in ax.lines if line.get_gid() == "median"][0]
    # median of 5, 7, 2, 8, 5 (the listed weeks) = 5 (hand calculation)
    assert [float(v) for v in median.get_ydata()] == [5.0, 5.0]
    assert _texts(ax)["median_label"] == "Median: 5"
    assert matplotlib.colors.to_hex(median.get_color()) == OKABE_ITO[4].lower()
    # an even number of weeks: 5, 7, 2, 8 -> 6 (hand calculation); German decimal comma
    ax = weekly_figure(weeks.iloc[:5].assign(n_forms=[27, 5, 7, 2, 9]),
                       policy=INTERNAL).axes[0]
    assert _texts(ax)["median_label"] == "Median: 6"
    ax = weekly_figure(weeks.iloc[:5].assign(n_forms=[27, 5, 8, 2, 9]),
                       policy=INTERNAL).axes[0]
    assert _texts(ax)["median_label"] == "Median: 6,5"


@pytest.fixture
def periods() -> pd.DataFrame:
    # the weeks of `weeks` as survey.ratings.summary(..., period_min=5) merges them and the
    # plan returns them for a shared report (week rows left out, nothing withheld):
    # 2020-W53 5 forms -> a period; 2021-W01 7 -> a period; 2021-W02 2 + 2021-W04 8 = 10;
    # 2021-W05 5 (hand calculation of survey.ratings.period_of)
    return _planned(pd.DataFrame({
        "unit": ["overall", "period", "period", "period", "period"],
        "key": ["total", "2020-W53", "2021-W01", "2021-W02/2021-W04", "2021-W05"],
        "n_forms": [27, 5, 7, 10, 5]}))


def test_weekly_shared_draws_periods_not_small_weeks(weeks, periods):
    fig = weekly_figure(periods, policy=SHARED)
    _png(fig)
    ax = fig.axes[0]
    # one bar per period, in table order; the 2 forms of 2021-W02 are inside a bar of 10
    assert _bars(ax) == {"2020-W53": (0.0, 5.0), "2021-W01": (1.0, 7.0),
                         "2021-W02/2021-W04": (2.0, 10.0), "2021-W05": (3.0, 5.0)}
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "KW 53/2020", "KW 1/2021", "KW 2–4/2021", "KW 5/2021"]
    numbers = {gid: text for gid, text in _texts(ax).items() if gid.endswith("|n")}
    assert numbers == {"2020-W53|n": "5", "2021-W01|n": "7", "2021-W02/2021-W04|n": "10",
                       "2021-W05|n": "5"}
    assert not any(h < 5 for _, h in _bars(ax).values())
    assert "2" not in [t.get_text() for t in ax.texts]
    # no weekly median in a shared figure (it could tell a small week)
    assert "median" not in [line.get_gid() for line in ax.lines]
    assert "median_label" not in _texts(ax)
    # the internal version draws the weeks: 2021-W02 with its 2 forms and its number
    ax = weekly_figure(pd.concat([weeks, periods.drop(columns=list(BOOKKEEPING))]),
                       policy=INTERNAL).axes[0]
    assert _bars(ax)["2021-W02"] == (2.0, 2.0)
    assert _texts(ax)["2021-W02|n"] == "2"
    assert "2021-W02/2021-W04" not in _bars(ax)
    # a shared figure refuses week rows and tables that have not been through the plan
    with pytest.raises(ValueError, match="not weeks"):
        weekly_figure(_planned(weeks), policy=SHARED)
    with pytest.raises(ValueError, match="disclosure plan"):
        weekly_figure(periods.drop(columns=list(BOOKKEEPING)), policy=SHARED)


def test_weekly_withheld_period_gets_no_bar():
    # 4 forms in all (2021-W01 3, 2021-W03 1): one period of fewer than 5, withheld as
    # small, like the overall row
    few = _planned(pd.DataFrame({"unit": ["overall", "period"],
                                 "key": ["total", "2021-W01/2021-W03"], "n_forms": [4, 4]}),
                   withheld={"n_forms": [0, 1]}, suppressed=["n_forms", "n_forms"],
                   small=["n_forms", "n_forms"])
    ax = weekly_figure(few, policy=SHARED).axes[0]
    assert _bars(ax) == {}
    assert _texts(ax)["2021-W01/2021-W03|masked"] == "< 5"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["KW 1–3/2021"]
    assert "4" not in [t.get_text() for t in ax.texts]
    # withheld for another reason than being small: "nicht ausgewiesen"
    other = few.assign(suppressed_small="")
    assert _texts(weekly_figure(other, policy=SHARED).axes[0])[
        "2021-W01/2021-W03|masked"] == "nicht ausgewiesen"


def test_weekly_other_keys_stay_in_order_and_empty_input():
    ax = weekly_figure(pd.DataFrame({"key": ["Januar", "Februar"], "n_forms": [3, 4]}),
                       policy=INTERNAL).axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Januar", "Februar"]
    fig = weekly_figure(pd.DataFrame({"key": [], "n_forms": []}), policy=INTERNAL)
    _png(fig)
    assert "Keine Bögen" in [t.get_text() for t in fig.axes[0].texts]
    with pytest.raises(KeyError, match="n_forms"):
        weekly_figure(pd.DataFrame({"key": ["2021-W01"], "n": [3]}), policy=INTERNAL)
    with pytest.raises(ValueError, match="language"):
        weekly_figure(pd.DataFrame({"key": ["2021-W01"], "n_forms": [3]}), language="fr",
                      policy=INTERNAL)


def test_weekly_many_weeks_and_title_fit(weeks):
    keys = [f"2021-W{w:02d}" for w in range(1, 53)]
    many = pd.DataFrame({"unit": "week", "key": keys, "n_forms": [3 + w % 5 for w in range(52)]})
    fig = weekly_figure(many, title="Session Rating Scale: Bögen je Woche",
                        ylabel="Bögen", policy=INTERNAL)
    _png(fig)
    ax = fig.axes[0]
    assert len(ax.patches) == 52
    assert all(t.get_rotation() == 90 for t in ax.get_xticklabels())
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    for text in [*ax.texts, *ax.get_xticklabels()]:  # nothing leaves the figure
        box = text.get_window_extent(renderer)
        assert fig.bbox.x0 - 1 <= box.x0 and box.x1 <= fig.bbox.x1 + 1


# --------------------------------------------------------------------------- waves


@pytest.fixture
def waves_table() -> pd.DataFrame:
    # rows as survey.wavecompare.wave_comparison gives them (the demo's numbers, rounded)
    return pd.DataFrame({
        "variable": ["alleinerziehend", "fam_zeit", "staerken", "geraet_pc"],
        "label": ["Alleinerziehend", "Genießen Sie die Zeit mit Ihrer Familie?",
                  "Haben Sie viele Stärken und Fähigkeiten?", "PC"],
        "section": ["stichprobe", "subjekt", "subjekt", "stichprobe"],
        "section_label": ["Stichprobe", "Ebene 1: Subjektebene", "Ebene 1: Subjektebene",
                          "Stichprobe"],
        "wave_a": "anna-e1", "wave_b": "anna-e2",
        "n_a": [24, 24, 24, 24], "n_b": [200, 190, 191, 200],
        "pct_a": [54.2, 66.7, NAN, 25.0], "pct_a_low": [35.1, 46.7, NAN, 12.0],
        "pct_a_high": [72.1, 82.0, NAN, 44.9], "pct_b": [45.0, 91.6, 85.3, 75.0],
        "pct_b_low": [38.3, 86.8, 79.6, 68.6], "pct_b_high": [51.9, 94.7, 89.7, 80.5],
        "diff": [-9.2, 24.9, NAN, 50.0], "ci_low": [-28.3, 8.8, NAN, 29.0],
        "ci_high": [11.1, 45.1, NAN, 64.0]})


def test_wave_points_and_intervals_at_the_shares(waves_table):
    fig = wave_figure(waves_table, policy=INTERNAL)
    _png(fig)
    ax = fig.axes[0]
    lines = _lines(ax)
    # a shared figure of the table with nothing more withheld draws the same
    assert _lines(wave_figure(_planned(waves_table), policy=SHARED).axes[0]) == lines
    assert lines["fam_zeit|a|point"][0] == [66.7]
    assert lines["fam_zeit|a|ci"][0] == [46.7, 82.0]
    assert lines["fam_zeit|b|point"][0] == [91.6]
    assert lines["fam_zeit|b|ci"][0] == [86.8, 94.7]
    # wave a above wave b within an item (the y axis runs downwards)
    assert ax.yaxis_inverted()
    assert lines["fam_zeit|a|point"][1][0] < lines["fam_zeit|b|point"][1][0]
    assert ax.get_xlim() == (0.0, 100.0)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0", "20", "40", "60", "80",
                                                            "100"]


def test_wave_marker_shapes_and_colours_differ(waves_table):
    fig = wave_figure(waves_table, policy=INTERNAL)
    points = {gid.split("|")[1]: line for gid, line in
              ((line.get_gid(), line) for line in fig.axes[0].lines)
              if gid and gid.endswith("|point")}
    a, b = points["a"], points["b"]
    assert a.get_marker() != b.get_marker()  # legible in grey print
    assert matplotlib.colors.to_hex(a.get_markeredgecolor()) == OKABE_ITO[0].lower()
    assert matplotlib.colors.to_hex(b.get_markeredgecolor()) == OKABE_ITO[4].lower()
    assert matplotlib.colors.to_hex(a.get_markerfacecolor()) == "#ffffff"  # open
    assert [t.get_text() for t in fig.legends[0].get_texts()] == [
        "anna-e1", "anna-e2", "95 %-Konfidenzintervall"]


def test_wave_items_grouped_under_section_headings(waves_table):
    ax = wave_figure(waves_table, policy=INTERNAL).axes[0]
    ticks = _tick_texts(ax)
    # sections in order of first appearance; geraet_pc joins "Stichprobe" although it is
    # the table's last row
    assert ticks == ["Stichprobe", "Alleinerziehend (n = 24; 200)", "PC (n = 24; 200)",
                     "Ebene 1: Subjektebene",
                     "Genießen Sie die Zeit mit Ihrer Familie?\n(n = 24; 190)",
                     "Haben Sie viele Stärken und Fähigkeiten?\n(n = 24; 191)"]
    bold = [t.get_text() for t in ax.get_yticklabels() if t.get_fontweight() == "bold"]
    assert bold == ["Stichprobe", "Ebene 1: Subjektebene"]


def test_wave_withheld_share_and_difference_column(waves_table):
    # as the plan returns the table: staerken's count in wave a (23 of 24) is close to its
    # total (1 did not agree), so k_a is withheld with the share, its CI and the difference
    # (hand-derived: 54.2 % of 24 = 13, 66.7 % = 16, 25 % = 6)
    table = waves_table.assign(k_a=[13, 16, 23, 6], pct_a=[54.2, 66.7, 95.8, 25.0],
                               pct_a_low=[35.1, 46.7, 79.8, 12.0],
                               pct_a_high=[72.1, 82.0, 99.3, 44.9],
                               diff=[-9.2, 24.9, 10.5, 50.0], ci_low=[-28.3, 8.8, -1.4, 29.0],
                               ci_high=[11.1, 45.1, 17.9, 64.0])
    withheld = ("k_a", "pct_a", "pct_a_low", "pct_a_high", "diff", "ci_low", "ci_high")
    shared = _planned(table, withheld={c: [2] for c in withheld},
                      suppressed=["", "", "diff;ci_low;ci_high;k_a;pct_a;pct_a_low;pct_a_high",
                                  ""],
                      near=["", "", "k_a", ""])
    fig = wave_figure(shared, policy=SHARED)
    _png(fig)
    ax = fig.axes[0]
    texts = _texts(ax)
    assert texts["staerken|a|not_shown"] == "nicht ausgewiesen"
    assert "staerken|a|point" not in _lines(ax)
    assert "staerken|b|point" in _lines(ax)
    assert texts["fam_zeit|diff"] == "+24,9 [+8,8; +45,1]"
    assert texts["alleinerziehend|diff"] == "−9,2 [−28,3; +11,1]"
    assert texts["staerken|diff"] == "–"
    assert texts["direction"] == "Differenz: anna-e2 − anna-e1 in Prozentpunkten"
    assert ax.get_xlabel() == "Anteil in % mit 95 %-Konfidenzintervall"
    assert not any("95,8" in t or "10,5" in t for t in texts.values())
    # the internal version draws staerken's share in wave a and its difference
    ax = wave_figure(table, policy=INTERNAL).axes[0]
    assert _lines(ax)["staerken|a|point"][0] == [95.8]
    assert _lines(ax)["staerken|a|ci"][0] == [79.8, 99.3]
    assert _texts(ax)["staerken|diff"] == "+10,5 [−1,4; +17,9]"
    assert "staerken|a|not_shown" not in _texts(ax)
    # a shared figure refuses a table that has not been through the plan
    with pytest.raises(ValueError, match="disclosure plan"):
        wave_figure(table, policy=SHARED)


def test_wave_english_wrap_and_fit(waves_table):
    fig = wave_figure(waves_table, title="Vergleich mit erster Datenerhebung", wrap=20,
                      language="en", policy=INTERNAL)
    _png(fig)
    ax = fig.axes[0]
    assert ax.get_xlabel() == "Share in % with 95% confidence interval"
    # wrapped at 20 characters between words; the counts join the last line when they fit
    assert "Genießen Sie die\nZeit mit Ihrer\nFamilie? (n = 24; 190)" in _tick_texts(ax)
    assert _texts(ax)["fam_zeit|diff"] == "+24.9 [+8.8, +45.1]"
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    for text in ax.texts:  # values, header, note: nothing leaves the figure
        box = text.get_window_extent(renderer)
        assert fig.bbox.x0 - 1 <= box.x0 and box.x1 <= fig.bbox.x1 + 1


def test_wave_checks_and_empty(waves_table):
    with pytest.raises(KeyError, match="pct_b_high"):
        wave_figure(waves_table.drop(columns="pct_b_high"), policy=INTERNAL)
    with pytest.raises(ValueError, match="wrap"):
        wave_figure(waves_table, wrap=0, policy=INTERNAL)
    fig = wave_figure(waves_table.iloc[:0], policy=INTERNAL)
    _png(fig)
    assert "Keine Ergebnisse" in [t.get_text() for t in fig.axes[0].texts]
    # without section columns and counts: no headings, plain labels
    ax = wave_figure(waves_table.drop(columns=["section", "section_label", "n_a",
                                               "n_b"]), policy=INTERNAL).axes[0]
    assert _tick_texts(ax)[0] == "Alleinerziehend"


def test_wave_and_weekly_change_nothing_global(waves_table, weeks):
    before = dict(matplotlib.rcParams)
    wave_figure(waves_table, title="Titel", policy=INTERNAL)
    weekly_figure(weeks, title="Titel", policy=INTERNAL)
    assert dict(matplotlib.rcParams) == before


def test_png_has_the_pixels_of_matplotlibs_default_encoding():
    """survey.figures.style.png trades zlib effort for time, never a pixel."""
    import io

    from matplotlib.figure import Figure
    from PIL import Image

    from survey.figures.style import png

    fig = Figure(figsize=(3, 2))
    ax = fig.add_subplot()
    ax.plot([0, 1, 2], [1, 0, 2])
    ax.set_title("Zufriedenheit (%)")
    default = io.BytesIO()
    fig.savefig(default, format="png", dpi=120)
    fast = png(fig, 120)
    with Image.open(default) as a, Image.open(io.BytesIO(fast)) as b:
        assert a.size == b.size == (360, 240)
        assert a.tobytes() == b.tobytes()
