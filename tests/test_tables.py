"""Tests of survey.tables: number formatting and the report tables (headers, labels,
markers, layout) that display, view, shown_columns, figure_rows and legend make.

Which cells a shared table withholds is decided by the wave's disclosure plan
(survey.disclosure, tested in test_disclosure.py); here a shared table carries bookkeeping
written by hand (:func:`_planned`), as :meth:`survey.disclosure.Plan.table` would return
it, and the tests check what a report shows of it. Expected strings are worked out by hand
in the comments (German: "." groups thousands, "," is the decimal mark; English the other
way round; p, r, α without leading zero).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from conftest import planned_by_hand

from survey import messages, numbers, tables
from survey.disclosure import SUPPRESSED, Policy
from survey.numbers import format_number
from survey.tables import display, figure_rows, legend, shown_columns, view

SHARED = Policy(5)
INTERNAL = Policy(5, internal=True)

# --------------------------------------------------------------------------- helpers


def _freq(counts: list[int], kinds: list[str] | None = None, variable: str = "v",
          labels: list[str] | None = None) -> pd.DataFrame:
    """A frequencies table as survey.describe.frequencies builds it, for given counts."""
    kinds = kinds or ["valid"] * len(counts)
    labels = labels or [f"L{i}" for i in range(len(counts))]
    n = np.asarray(counts, dtype=float)
    valid = np.asarray([k == "valid" for k in kinds])
    base, n_valid = n.sum(), n[valid].sum()
    pct_valid = np.where(valid, 100 * n / n_valid, np.nan)
    return pd.DataFrame({
        "variable": variable, "label": f"Frage {variable}", "section": "s",
        "code": [float(i + 1) for i in range(len(counts))], "value_label": labels,
        "kind": kinds, "n": counts, "pct": 100 * n / base, "pct_valid": pct_valid,
        "pct_valid_cum": np.where(valid, np.nancumsum(pct_valid), np.nan),
        "base_n": int(base),
    })


def _planned(frame: pd.DataFrame, withheld: dict[int, str] | None = None,
             small: dict[int, str] | None = None,
             near: dict[int, str] | None = None) -> pd.DataFrame:
    return planned_by_hand(frame, withheld, small, near)


def _cells(styler) -> list[list[str]]:
    return styler.data.values.tolist()


def _headers(styler) -> list[str]:
    html = styler.to_html()
    return re.findall(r'<th id="T_\w+_level0_col\d+" class="col_heading[^"]*" >([^<]*)</th>',
                      html)


def _css(styler) -> dict[tuple[str, int], str]:
    """``{("th"|"td", column position): css}`` of the per-column rules of the HTML."""
    html = styler.to_html()
    rules: dict[tuple[str, int], str] = {}
    for tag, col, body in re.findall(r"#T_\w+ (th|td)\.col(\d+) \{([^}]*)\}", html):
        rules[(tag, int(col))] = rules.get((tag, int(col)), "") + body
    return rules


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("x", "role", "language", "expected"),
    [
        (1234.5, "percent", "de", "1.234,5"),  # "." groups thousands, "," decimal mark
        (1234.5, "percent", "en", "1,234.5"),
        (1234567, "count", "de", "1.234.567"),
        (1234567, "count", "en", "1,234,567"),
        (12.0, "count", "de", "12"),  # a count held as float: no decimals
        (3.456, "stat", "de", "3,46"),  # mean/SD: 2 decimals
        (3.456, "stat", "en", "3.46"),
        (2.675, "stat", "de", "2,68"),  # the decimal 2.675 rounds up (float repr 2.67499…)
        (0.125, "unit", "de", ",13"),  # half away from zero, not to even (",12")
        (0.8234, "unit", "de", ",82"),  # alpha: 2 decimals, no leading zero
        (0.8234, "unit", "en", ".82"),
        (-0.123, "unit", "de", "−,12"),  # U+2212 minus, no leading zero
        (-0.123, "unit", "en", "−.12"),
        (1.0, "unit", "de", "1,00"),  # a 1 keeps its integer digit
        (-1.5, "unit", "de", "−1,50"),  # alpha can be below −1
        (0.0004, "p", "de", "< ,001"),  # below 10**-3
        (0.0004, "p", "en", "< .001"),
        (0.001, "p", "de", ",001"),  # not below the threshold
        (0.049, "p", "de", ",049"),
        (0.05, "p", "en", ".050"),
        (1.0, "p", "de", "1,000"),
        (-0.004, "percent", "de", "0,0"),  # no "−0,0"
        (-2.5, "stat", "de", "−2,50"),
        (1234, "code", "de", "1234"),  # codes: no thousands separator
        (float("nan"), "percent", "de", "–"),
        (None, "count", "de", "–"),
        (pd.NA, "unit", "en", "–"),
    ],
)
def test_format_number(x, role, language, expected):
    assert format_number(x, role, language) == expected


def test_format_number_decimals_override():
    # 0.71234 with 3 decimals -> ,712
    assert format_number(0.71234, "unit", "de", decimals=3) == ",712"


@pytest.mark.parametrize(("kwargs", "word"), [
    ({"role": "nope"}, "role"), ({"language": "fr"}, "language"), ({"decimals": -1}, "decimals"),
])
def test_format_number_rejects_bad_arguments(kwargs, word):
    with pytest.raises(ValueError, match=word):
        format_number(1.0, **{"role": "stat", **kwargs})


def _multi() -> pd.DataFrame:
    rows = []
    cells = {("total", "total"): (40, {"a": 30, "b": 12, "c": 20}),
             ("sex", "w"): (25, {"a": 20, "b": 3, "c": 12}),
             ("sex", "m"): (15, {"a": 10, "b": 9, "c": 8})}
    for (grouping, group), (base, counts) in cells.items():
        ticks = sum(counts.values())
        for option, n in counts.items():
            rows.append({"variable": "hilfe", "variable_label": "Wer hilft?",
                         "option": f"hilfe_{option}", "label": option, "grouping": grouping,
                         "group": group, "base_n": base, "n": n,
                         "pct_cases": 100 * n / base, "pct_responses": 100 * n / ticks})
    return pd.DataFrame(rows)



def test_tables_still_offers_format_number():
    # notebooks format sentences' numbers with survey.tables.format_number
    assert tables.format_number is numbers.format_number


# --------------------------------------------------------------------------- display

#: Base 1245: 3 is "< 5" and withheld with its percentages; 12 is withheld with it (".")
#: so that the base does not give the 3 back; the cumulative % of the zero row between
#: them (100 * (3 + 0) / 1245) would give it back too.
_FREQ_BOOK = {"withheld": {0: "n;pct;pct_valid;pct_valid_cum", 1: "pct_valid_cum",
                           2: "n;pct;pct_valid;pct_valid_cum"},
              "small": {0: "n"}}


def test_display_frequencies_german():
    f = _freq([3, 0, 12, 1100, 130], labels=["Nein", "eher nein", "mittel", "eher ja", "Ja"])
    st = display(_planned(f, **_FREQ_BOOK), "frequencies", policy=SHARED)
    assert _headers(st) == ["Antwort", "n", "%", "gültige %", "kumulierte %"]
    # base 1245; row 3: 1100 -> "1.100", 100*1100/1245 = 88.353… -> "88,4";
    # cumulative 100*(3+0+12+1100)/1245 = 89.558… -> "89,6"
    assert _cells(st) == [
        ["Nein", "< 5", ".", ".", "."],
        ["eher nein", "0", "0,0", "0,0", "."],
        ["mittel", ".", ".", ".", "."],
        ["eher ja", "1.100", "88,4", "88,4", "89,6"],
        ["Ja", "130", "10,4", "10,4", "100,0"],
    ]


def test_display_frequencies_english_and_min_cell():
    f = _freq([3, 0, 12, 1100, 130])
    st = display(_planned(f, **_FREQ_BOOK), "frequencies", policy=Policy(10), language="en")
    assert _headers(st) == ["Answer", "n", "%", "valid %", "cumulative %"]
    assert _cells(st)[0][1] == "< 10"
    assert _cells(st)[3][1:] == ["1,100", "88.4", "88.4", "89.6"]


def test_display_internal_shows_everything():
    st = display(_freq([3, 10, 20]), "frequencies", policy=INTERNAL)
    assert [row[1] for row in _cells(st)] == ["3", "10", "20"]


def test_a_shared_output_shows_only_what_went_through_the_plan():
    f = _freq([3, 0, 12, 1100, 130])
    # a shared output of a table without the plan's bookkeeping shows nothing
    for show in (display, view, figure_rows):
        with pytest.raises(ValueError, match="disclosure plan"):
            show(f, "frequencies", policy=SHARED)
    # what it shows of a planned table is the bookkeeping, no more and no less: display
    # and view give the same cells, and showing a table twice gives the same
    planned = _planned(f, **_FREQ_BOOK)
    cells = _cells(display(planned, "frequencies", policy=SHARED))
    assert view(planned, "frequencies", policy=SHARED).values.tolist() == cells
    assert _cells(display(planned, "frequencies", policy=SHARED)) == cells
    with pytest.raises(TypeError, match="Policy"):
        display(planned, "frequencies", policy=5)


def test_shown_columns_are_the_columns_display_shows():
    one, two = _freq([10, 20]), pd.concat([_freq([10, 20]), _freq([3, 40], variable="w")],
                                          ignore_index=True)
    # w: 3 is "< 5", 40 withheld with it (the base 43 would give the 3 back)
    two_book = {"withheld": {2: "n;pct;pct_valid;pct_valid_cum",
                             3: "n;pct;pct_valid;pct_valid_cum"}, "small": {2: "n"}}
    for frame, name, book in ((one, "frequencies", {}), (two, "frequencies", two_book),
                              (_reliability(), "reliability", _RELIABILITY_BOOK)):
        planned = _planned(frame, **book)
        expected = list(display(planned, name, policy=SHARED).data.columns)
        assert shown_columns(planned, name) == expected
        assert list(display(frame, name, policy=INTERNAL).data.columns) == expected
        assert shown_columns(frame, name) == expected
    assert "label" in shown_columns(two, "frequencies")  # several questions: shown
    assert "label" not in shown_columns(one, "frequencies")
    assert "alpha_ci" in shown_columns(_reliability(), "reliability")


def test_display_shows_question_only_when_several():
    two = pd.concat([_freq([10, 20]), _freq([30, 40], variable="w")], ignore_index=True)
    assert _headers(display(_planned(two), "frequencies", policy=SHARED))[0] == "Frage"
    assert _headers(display(_planned(_freq([10, 20])), "frequencies",
                            policy=SHARED))[0] == "Antwort"


def _reliability() -> pd.DataFrame:
    return pd.DataFrame({
        "scale": ["soz", "fam", "x"], "label": ["Soziale Unterstützung", "Familie", "Kurz"],
        "section": "s", "n_items": [5, 4, 3], "n_complete": [118, 3, 1240],
        "alpha": [0.8234, 0.71, -0.123], "alpha_ci_low": [0.7712, 0.5, -0.6],
        "alpha_ci_high": [0.8681, 0.9, 0.2], "alpha_std": [0.83, 0.7, 0.1],
        "mean_r": [0.48, 0.4, 0.05], "omega": [0.84, np.nan, np.nan],
        "mean": [3.456, 2.1, 4.0], "sd": [0.8123, 1.0, 0.5], "problems": ["", "", "Polung"]})


#: "fam": 3 complete cases is "< 5", and every statistic of so few is withheld; its omega
#: was NaN (not computable) before, so it is not listed
_RELIABILITY_BOOK = {
    "withheld": {1: "n_complete;alpha;alpha_ci_low;alpha_ci_high;alpha_std;mean_r;mean;sd"},
    "small": {1: "n_complete"}}


def test_display_reliability_both_languages():
    planned = _planned(_reliability(), **_RELIABILITY_BOOK)
    de = display(planned, "reliability", policy=SHARED)
    # every statistic the section's text announces is a column (standardised α, mean r)
    assert _headers(de) == ["Skala", "Items", "n vollständig", "α", "95 %-KI", "α stand.",
                            "mittleres r", "ω", "M", "SD", "Hinweise"]
    assert _cells(de) == [
        ["Soziale Unterstützung", "5", "118", ",82", "[,77; ,87]", ",83", ",48", ",84", "3,46",
         "0,81", ""],
        # withheld: "."; omega was NaN (not computable) before: "–"
        ["Familie", "4", "< 5", ".", ".", ".", ".", "–", ".", ".", ""],
        ["Kurz", "3", "1.240", "−,12", "[−,60; ,20]", ",10", ",05", "–", "4,00", "0,50",
         "Polung"],  # NaN
    ]
    en = display(planned, "reliability", policy=SHARED, language="en")
    assert _headers(en)[3:8] == ["α", "95% CI", "std. α", "mean r", "ω"]
    assert _cells(en)[0][3:5] == [".82", "[.77, .87]"]
    assert _cells(en)[2][2] == "1,240"


def test_display_hides_empty_problems_and_takes_columns():
    r = _planned(_reliability().assign(problems=""), **_RELIABILITY_BOOK)
    assert "Hinweise" not in _headers(display(r, "reliability", policy=SHARED))
    st = display(r, "reliability", policy=SHARED,
                 columns=["label", "alpha_ci_low", "alpha_ci_high"])
    assert _headers(st) == ["Skala", "KI unten", "KI oben"]
    assert _cells(st)[0] == ["Soziale Unterstützung", ",77", ",87"]
    assert _cells(st)[1] == ["Familie", ".", "."]
    with pytest.raises(ValueError, match="no column"):
        display(r, "reliability", policy=SHARED, columns=["label", "nope"])
    with pytest.raises(ValueError, match="no column"):  # bookkeeping is never shown
        display(r, "reliability", policy=SHARED, columns=["label", SUPPRESSED])


def test_display_item_total_booleans():
    it = pd.DataFrame({"scale": "s", "item": ["a", "b"], "label": ["A", "B"],
                       "reversed": [False, True], "n_complete": [50, 50], "mean": [3.2, 2.9],
                       "sd": [1.1, 1.3], "r_item_rest": [0.61, -0.05],
                       "alpha_if_deleted": [0.79, 0.85]})
    assert _cells(display(_planned(it), "item_total", policy=SHARED)) == [
        ["A", "nein", "3,20", "1,10", ",61", ",79"],
        ["B", "ja", "2,90", "1,30", "−,05", ",85"],
    ]
    en = display(it, "item_total", policy=INTERNAL, language="en")
    assert _headers(en) == ["Item", "reversed", "M", "SD", "item–rest r", "α if deleted"]
    assert [row[1] for row in _cells(en)] == ["no", "yes"]


#: w/b = 3 is "< 5"; m/b (9) is withheld with it, as the groups add up to the total row
#: (12 = 3 + 9); the answers' share of the group's ticks (pct_responses) of every row of
#: both groups would give the counts back
_MULTI_BOOK = {"withheld": {3: "pct_responses", 4: "n;pct_cases;pct_responses",
                            5: "pct_responses", 6: "pct_responses",
                            7: "n;pct_cases;pct_responses", 8: "pct_responses"},
               "small": {4: "n"}}


def test_display_kinds_and_total_through_the_catalogue():
    f = _planned(_freq([20, 15, 6], ["valid", "valid", "dont_know"]))
    st = display(f, "frequencies", policy=SHARED, columns=["kind", "value_label", "n"])
    assert [row[0] for row in _cells(st)] == ["gültig", "gültig", "weiß nicht"]
    en = display(f, "frequencies", policy=SHARED, language="en", columns=["kind"])
    assert [row[0] for row in _cells(en)] == ["valid", "valid", "don't know"]
    multi = _planned(_multi(), **_MULTI_BOOK)
    m = display(multi, "multi_response", policy=SHARED)
    assert _headers(m)[:2] == ["Gruppe", "Antwort"]
    assert _cells(m)[0][0] == "Gesamt"
    assert [row[2] for row in _cells(m)][3:6] == ["20", "< 5", "12"]  # w: a, b, c
    assert _cells(display(multi, "multi_response", policy=SHARED,
                          language="en"))[0][0] == "Total"


def test_display_unknown_table_formats_by_dtype():
    g = pd.DataFrame({"variable": "x", "n_a": [3, 20], "statistic": [1.2, -2.5],
                      "p": [0.0004, 0.049], "ci_low": [-0.1, -0.5], "ci_high": [0.5, -0.1]})
    # n_a = 3 is "< 5"; an unknown table's other numbers of the row are computed from it
    planned = _planned(g, {0: "n_a;statistic;p;ci_low;ci_high"}, {0: "n_a"})
    st = display(planned, "some_new_table", policy=SHARED)
    assert _headers(st) == ["Variable", "n A", "Prüfgröße", "p", "95 %-KI"]
    assert _cells(st) == [["x", "< 5", ".", ".", "."],
                          ["x", "20", "−2,50", ",049", "[−0,50; −0,10]"]]
    assert _cells(display(g, "some_new_table", policy=INTERNAL))[0][3] == "< ,001"


def test_display_html_alignment_and_styles():
    f = _freq([20, 30], labels=["<b>ja</b>", "nein"])
    st = display(_planned(f), "frequencies", policy=SHARED, caption="Frage & Antwort")
    html = st.to_html()
    rules = _css(st)
    # column 0 (Antwort) is text: left, header too; columns 1..4 numbers: right
    assert "text-align: left" in rules[("th", 0)] and "text-align: left" in rules[("td", 0)]
    assert "white-space: normal" in rules[("td", 0)]
    for col in range(1, 5):
        assert "text-align: right" in rules[("th", col)]
        assert "text-align: right" in rules[("td", col)]
    assert "font-variant-numeric: tabular-nums" in html
    assert "table-layout: auto" in html
    assert "overflow: hidden" not in html and "text-overflow" not in html
    assert 'class="row_heading' not in html  # index hidden
    assert "&lt;b&gt;ja&lt;/b&gt;" in html and "<b>ja" not in html  # labels escaped
    assert "<caption>Frage &amp; Antwort</caption>" in html
    assert "http" not in html


# --------------------------------------------------------------------------- catalogue


def test_legend_both_languages():
    assert legend("de", Policy()) == (
        "< 5: weniger als 5 Fälle, aus Datenschutzgründen nicht ausgewiesen; > 180: mehr "
        "als diese Zahl (bis zur Basis fehlen weniger als 5 Fälle); .: nicht ausgewiesen, "
        "weil aus einer solchen Zahl berechnet oder weil sich eine daraus errechnen ließe; "
        "–: nicht berechenbar")
    assert legend("en", Policy(10)).startswith(
        "< 10: fewer than 10 cases, withheld for data protection; > 180: more than this "
        "many (fewer than 10 make up the rest of the base)")
    with pytest.raises(ValueError, match="language"):
        legend("fr", Policy())


def test_every_shown_column_has_headers_in_both_languages():
    for name, spec in tables.TABLES.items():
        for column in [*spec.roles, *spec.show]:
            key = spec.header_key(column)
            assert key in messages.MESSAGES, (name, column)
            assert set(messages.MESSAGES[key]) == {"de", "en"}, key


def test_row_kinds_do_not_join_the_missing_kinds():
    # report.KIND_LABELS (= labels("kind")) are the kinds of missing values, one column
    # each in the missingness table: "valid" must not become one of them
    assert "valid" not in messages.labels("kind")
    assert messages.text("row_kind.valid") == "gültig"


def test_a_count_close_to_its_total_shows_as_a_bound():
    # 181 of 185 ticked WhatsApp: the 4 who did not are a small complement; the 181 is
    # withheld as "near its total" with its share (and its share of the 190 ticks, which
    # with Telegram's would give it back)
    m = pd.DataFrame({
        "variable": "messenger", "variable_label": "Messenger", "option": ["wa", "tg"],
        "label": ["WhatsApp", "Telegram"], "grouping": "total", "group": "total",
        "base_n": 185, "n": [181, 9], "pct_cases": [100 * 181 / 185, 100 * 9 / 185],
        "pct_responses": [100 * 181 / 190, 100 * 9 / 190]})
    planned = _planned(m, {0: "n;pct_cases;pct_responses", 1: "pct_responses"},
                       near={0: "n"})
    cells = _cells(display(planned, "multi_response", policy=SHARED,
                           columns=["label", "n", "pct_cases"]))
    # 185 - 5 = 180 -> "> 180"; 100 * 180 / 185 = 97.297… -> "> 97,3"
    assert cells[0] == ["WhatsApp", "> 180", "> 97,3"]
    assert cells[1] == ["Telegram", "9", "4,9"]
    en = _cells(display(planned, "multi_response", policy=SHARED,
                        columns=["n", "pct_cases"], language="en"))
    assert en[0] == ["> 180", "> 97.3"]
    # the share of the ticks has no bound: "."
    assert _cells(display(planned, "multi_response", policy=SHARED,
                          columns=["pct_responses"])) == [["."], ["."]]
    # with min_cell 10 the bound is 185 - 10 = 175
    assert _cells(display(planned, "multi_response", policy=Policy(10),
                          columns=["n"]))[0] == ["> 175"]


def test_figure_rows_draw_a_lower_bound_and_mark_withheld_bars():
    from survey.plots import bar_figure

    m = pd.DataFrame({
        "variable": "messenger", "variable_label": "Messenger",
        "option": ["wa", "tg", "si", "fb"], "label": ["WhatsApp", "Telegram", "Signal", "FB"],
        "grouping": "total", "group": "total", "base_n": 185, "n": [181, 9, 3, 14]})
    m["pct_cases"] = 100 * m["n"] / 185
    m["pct_responses"] = 100 * m["n"] / m["n"].sum()
    # WhatsApp's 181 is near its total (185 − 181 = 4), Signal's 3 is "< 5"; every
    # pct_responses is withheld (the ticks' total would give them back)
    planned = _planned(m, {0: "n;pct_cases;pct_responses", 1: "pct_responses",
                           2: "n;pct_cases;pct_responses", 3: "pct_responses"},
                       small={2: "n"}, near={0: "n"})
    rows = figure_rows(planned, "multi_response", policy=SHARED).set_index("option")
    assert rows.loc["wa", "n"] == "> 180"
    assert rows.loc["wa", "pct_cases"] == pytest.approx(100 * 180 / 185)
    assert rows.loc["si", "n"] == "n < 5" and np.isnan(rows.loc["si", "pct_cases"])
    # what the plan does not withhold is drawn as it is
    assert rows.loc["tg", "n"] == 9
    assert rows.loc["tg", "pct_cases"] == pytest.approx(100 * 9 / 185)
    texts = [t.get_text() for t in bar_figure(rows.reset_index()).axes[0].texts]
    assert "> 97,3 % (n > 180)" in texts and "n < 5" in texts
    # a count withheld for another reason is not drawn and says so
    other = _planned(m, {1: "n;pct_cases"})
    tg = figure_rows(other, "multi_response", policy=SHARED).set_index("option").loc["tg"]
    assert tg["n"] == messages.text("text.not_shown", "de") and np.isnan(tg["pct_cases"])
    # internal: the rows as they are
    pd.testing.assert_frame_equal(figure_rows(m, "multi_response", policy=INTERNAL), m)


def test_a_sample_row_of_unknown_group_is_a_key_shown_in_words():
    """describe.sample writes the key UNKNOWN_GROUP (the same in every language); the
    report shows "Gruppe unbekannt" / "group unknown"."""
    from survey.describe import UNKNOWN_GROUP

    sample = _planned(pd.DataFrame({"grouping": ["g", "g"], "grouping_label": ["G", "G"],
                                    "group": ["ja", UNKNOWN_GROUP], "kind": ["valid", "missing"],
                                    "n": [20, 7], "percent": [74.1, 25.9],
                                    "pct_valid": [100.0, np.nan]}))
    de = display(sample, "sample", policy=SHARED, columns=["group", "n"])
    en = display(sample, "sample", policy=SHARED, language="en", columns=["group", "n"])
    assert [row[0] for row in _cells(de)] == ["ja", "Gruppe unbekannt"]
    assert [row[0] for row in _cells(en)] == ["ja", "group unknown"]


def test_every_result_table_column_has_one_role_and_no_role_is_left_over():
    """Each table's columns are listed once, by the module that makes it; the registry
    gives each a role and has none for a column the table does not have (but the words
    survey.presentation adds)."""
    from survey import compare, describe, hypotheses, ratings, scales, splits, wavecompare
    from survey.presentation import WORDS

    made = {"sample": describe.SAMPLE_COLUMNS, "frequencies": describe.FREQUENCY_COLUMNS,
            "items": describe.ITEM_COLUMNS, "multi_response": describe.MULTI_COLUMNS,
            "coded": describe.CODED_COLUMNS, "group_comparisons": compare.COMPARISON_COLUMNS,
            "hypotheses": hypotheses.HYPOTHESIS_COLUMNS,
            "session_ratings": ratings.RATING_COLUMNS, "rating_items": ratings.ITEM_COLUMNS,
            "reliability": scales.RELIABILITY_COLUMNS, "item_total": scales.ITEM_TOTAL_COLUMNS,
            "splits": splits.SPLIT_COLUMNS, "wave_comparison": wavecompare.WAVE_COLUMNS}
    for name, columns in made.items():
        roles = set(tables.TABLES[name].roles)
        assert set(columns) <= roles, (name, set(columns) - roles)
        assert roles - set(columns) <= set(WORDS), (name, roles - set(columns))


def test_comparison_cells_name_their_statistic_effect_and_share():
    """Rows that mix tests and effect sizes say which is which: U, t, χ²; r, g, RD in
    percentage points with its CI on that scale; a group's share with %."""
    from survey.disclosure import Policy
    from survey.tables import display

    nan = float("nan")
    rows = pd.DataFrame({
        "variable": ["a", "b", "c"], "label": ["A", "B", "C"], "grouping": "g",
        "test": ["mann_whitney", "chi2", "welch_t"],
        "center": ["median", "percent", "mean"],
        "center_a": [5.0, 31.818, 1.9266], "center_b": [4.0, 47.2, 2.0778],
        "statistic": [4549.5, 5.31, 2.449], "df": [nan, 1.0, 187.3], "df2": nan,
        "p": [0.7327, 0.021, 0.015], "p_adj": [1.0, 0.04, 0.03],
        "effect": ["rank_biserial", "risk_difference", "hedges_g"],
        "effect_size": [0.0219, -0.154, 0.31], "ci_low": [-0.1428, -0.254, 0.21],
        "ci_high": [0.1855, -0.054, 0.41]})
    shown = display(rows, "group_comparisons", policy=Policy(internal=True)).data
    assert shown["statistic"].tolist() == ["U = 4.549,5", "χ²(1) = 5,31", "t(187,3) = 2,45"]
    assert shown["effect_size"].tolist() == ["r = ,02", "RD = −15,4 Pp.", "g = 0,31"]
    assert shown["ci"].tolist() == ["[−,14; ,19]", "[−25,4; −5,4]", "[0,21; 0,41]"]
    assert shown["center_a"].tolist() == ["5,0", "31,8 %", "1,93"]
    english = display(rows, "group_comparisons", policy=Policy(internal=True),
                      language="en").data
    assert english["effect_size"].tolist()[1] == "RD = −15.4 pp"


def test_rating_periods_read_as_calendar_weeks():
    from survey.numbers import week_label

    assert week_label("2021-W02/2021-W04") == "KW 2–4/2021"
    assert week_label("rater 3") == "rater 3"  # other keys as they are
