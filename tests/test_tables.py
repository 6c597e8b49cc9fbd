"""Tests of survey.tables: small-cell suppression, formatting and report tables.

Expected strings are worked out by hand in the comments (German: "." groups thousands,
"," is the decimal mark; English the other way round; p, r, α without leading zero).
"""

from __future__ import annotations

import itertools
import re

import numpy as np
import pandas as pd
import pytest

from survey import messages, tables
from survey.tables import display, format_number, legend, shown_columns, suppress, write

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


def _hidden(frame: pd.DataFrame, column: str) -> list[bool]:
    """Per row: is ``column`` listed in ``suppressed``?"""
    return [column in str(s).split(";") for s in frame["suppressed"]]


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


def _feasible(shown: pd.DataFrame, min_cell: int = 5) -> dict[int, set[int]]:
    """Every value a reader can assign to each withheld count of one frequency table.

    The reader knows the shown counts, percentages (to full precision, as the CSV gives
    them), base_n, that a "< 5" cell is 1..4 and a "." count at least 1 (zeros are shown).
    Brute force over all assignments of the withheld counts.
    """
    n = shown["n"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    base = int(shown["base_n"].iloc[0])
    valid = (shown["kind"] == "valid").to_numpy()
    small = ["n" in str(s).split(";") for s in shown["suppressed_small"]]
    hidden = [i for i in range(len(n)) if np.isnan(n[i])]
    ranges = [range(1, min_cell) if small[i] else range(1, base + 1) for i in hidden]
    found: dict[int, set[int]] = {i: set() for i in hidden}
    for values in itertools.product(*ranges):
        x = n.copy()
        x[hidden] = values
        if x.sum() != base:
            continue
        n_valid = x[valid].sum()
        ok = True
        for col, denom, cum in (("pct", base, False), ("pct_valid", n_valid, False),
                                ("pct_valid_cum", n_valid, True)):
            shown_pct = shown[col].to_numpy(dtype=float, na_value=np.nan)
            for i in range(len(x)):
                if np.isnan(shown_pct[i]) or (col != "pct" and not valid[i]):
                    continue
                value = x[: i + 1][valid[: i + 1]].sum() if cum else x[i]
                if not denom or not np.isclose(100 * value / denom, shown_pct[i]):
                    ok = False
        if ok:
            for i, v in zip(hidden, values, strict=True):
                found[i].add(v)
    return found


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


# --------------------------------------------------------------------------- suppression


def test_zero_and_large_counts_are_kept():
    f = _freq([0, 10, 20])
    s = suppress(f, "frequencies")
    assert s["n"].tolist() == [0, 10, 20]
    assert s["pct"].tolist() == pytest.approx([0.0, 100 / 3, 200 / 3])
    assert s["suppressed"].tolist() == ["", "", ""]


def test_frequencies_small_count_and_its_percentages():
    # 3 of 33: n, pct, pct_valid, pct_valid_cum withheld; partner: the smallest other
    # non-zero valid count (10), not 20 and not the zero
    f = _freq([3, 0, 10, 20])
    s = suppress(f, "frequencies")
    assert s["n"].isna().tolist() == [True, False, True, False]
    assert s.loc[1, "n"] == 0  # a zero stays
    for col in ("pct", "pct_valid"):
        assert s[col].isna().tolist() == [True, False, True, False]
    # cumulative % between the first (row 0) and last (row 2) withheld row: row 1's
    # 100*(3+0)/33 would reveal the 3; row 3's 100 % reveals nothing
    assert s["pct_valid_cum"].isna().tolist() == [True, True, True, False]
    assert s["suppressed_small"].tolist() == ["n", "", "", ""]
    assert s["base_n"].tolist() == [33] * 4
    assert all(len(v) >= 2 for v in _feasible(s).values())


def test_frequencies_secondary_uses_other_missing_row():
    # valid 20, 15; "weiß nicht" 3 and "keine Angabe" 8: the 3 pairs with the 8
    # (the valid answers' total is known from pct_valid, so pairing with a valid row
    # would not help); pct_valid stays
    f = _freq([20, 15, 3, 8], ["valid", "valid", "dont_know", "no_answer"])
    s = suppress(f, "frequencies")
    assert s["n"].isna().tolist() == [False, False, True, True]
    assert s["pct_valid"].notna()[:2].all()
    assert all(len(v) >= 2 for v in _feasible(s).values())


def test_frequencies_lone_missing_count_hides_valid_percentages():
    # only "weiß nicht" (3) is missing: 3 = base − n_valid, and n_valid = n / pct_valid of
    # any valid row. So pct_valid (and cumulative) of every valid row is withheld and the
    # smallest valid count (6) with it: 3 + 6 = 9 is known, neither part.
    f = _freq([20, 6, 11, 3], ["valid", "valid", "valid", "dont_know"])
    s = suppress(f, "frequencies")
    assert s["n"].isna().tolist() == [False, True, False, True]
    assert s["pct_valid"].isna()[:3].all()
    assert s["pct_valid_cum"].isna()[:3].all()
    assert s["pct"].tolist()[0] == pytest.approx(50.0)  # 20 of 40 stays
    feasible = _feasible(s)
    assert feasible[3] == {1, 2, 3, 4}  # every "< 5" value fits
    # the naive rule (only the smallest other count) would leave pct_valid: recoverable
    naive = s.copy()
    naive["pct_valid"] = f["pct_valid"].where(~s["n"].isna())
    assert _feasible(naive)[3] == {3}


def test_frequencies_small_base_withholds_the_whole_variable():
    f = pd.concat([_freq([3, 1, 0], variable="a"), _freq([10, 12], variable="b")],
                  ignore_index=True)
    s = suppress(f, "frequencies")
    a = s[s["variable"] == "a"]
    assert a["n"].isna().all()  # the zero too: everyone would be in the other rows
    assert a["base_n"].isna().all()
    assert a[["pct", "pct_valid", "pct_valid_cum"]].isna().all().all()
    assert a["suppressed_small"].tolist() == ["n;base_n", "n;base_n", "base_n"]
    b = s[s["variable"] == "b"]
    assert b["suppressed"].tolist() == ["", ""]  # the other variable is untouched


def test_sample_secondary_within_grouping():
    # total 40; sex: w 25, m 12, unknown 3 -> the lone small missing row: pct_valid of the
    # groups withheld and the smallest group (12) too. age: jung 38, alt 2 -> 38 with it.
    sm = pd.DataFrame({
        "grouping": ["total", "sex", "sex", "sex", "age", "age"],
        "grouping_label": ["", "Geschlecht", "Geschlecht", "Geschlecht", "Alter", "Alter"],
        "group": ["total", "w", "m", "Gruppe unbekannt", "jung", "alt"],
        "kind": ["valid", "valid", "valid", "missing", "valid", "valid"],
        "n": [40, 25, 12, 3, 38, 2],
    })
    sm["percent"] = 100 * sm["n"] / 40
    sm["pct_valid"] = [100, 2500 / 37, 1200 / 37, np.nan, 95.0, 5.0]
    s = suppress(sm, "sample")
    assert s["n"].isna().tolist() == [False, False, True, True, True, True]
    assert _hidden(s, "pct_valid") == [False, True, True, False, True, True]
    assert s.loc[1, "percent"] == pytest.approx(62.5)  # 25 of 40 stays
    assert s.loc[3, "suppressed"] == "n;percent"  # pct_valid was NaN anyway: not listed


def test_items_rules():
    it = pd.DataFrame({
        "variable": ["a", "b", "c", "d", "e"], "label": list("ABCDE"), "section": "s",
        "type": "ordinal",
        "base_n": [40, 40, 40, 4, 40], "n_valid": [36, 37, 3, 4, 40],
        "n_dont_know": [3, 3, 30, 0, 0], "n_missing": [1, 0, 7, 0, 0],
        "mean": [3.1, 2.0, 4.0, 1.0, 3.0], "sd": [1.0, 0.5, 0.1, 0.0, 1.0],
        "median": [3.0, 2.0, 4.0, 1.0, 3.0], "n_top_box": [20, 35, 1, 0, 4],
        "top_box_pct": [2000 / 36, 3500 / 37, 100 / 3, 0.0, 10.0],
    })
    s = suppress(it, "items").set_index("variable")
    # a: n_dont_know 3 and n_missing 1 both small: both withheld, nothing else
    assert s.loc["a", "suppressed"] == "n_dont_know;n_missing"
    # b: n_dont_know 3 alone -> partner n_valid (n_missing is 0), and top_box_pct, which
    # would give n_valid back; n_top_box 35 of 37 leaves 2 not in the top box: withheld
    assert s.loc["b", "suppressed"] == "n_valid;n_dont_know;n_top_box;top_box_pct"
    assert s.loc["b", "mean"] == 2.0  # the mean of 37 answers stays
    # c: n_valid 3 -> mean, sd, median, top-box withheld; partner n_missing (7 < 30)
    assert s.loc["c", "suppressed"] == (
        "n_valid;n_missing;mean;sd;median;n_top_box;top_box_pct")
    assert s.loc["c", "n_dont_know"] == 30
    # d: base 4 -> the whole row
    assert s.loc["d", ["base_n", "n_valid", "mean", "top_box_pct"]].isna().all()
    # e: n_top_box 4 -> n_top_box and top_box_pct only
    assert s.loc["e", "suppressed"] == "n_top_box;top_box_pct"
    assert s.loc["e", "suppressed_small"] == "n_top_box"


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


def test_multi_response_rules():
    s = suppress(_multi(), "multi_response")
    hidden_n = dict(zip(zip(s["group"], s["label"], strict=True), s["n"].isna(), strict=True))
    # w/b = 3 small; the groups add up to the total row (12 = 3 + 9): m/b withheld too
    assert hidden_n == {("total", "a"): False, ("total", "b"): False, ("total", "c"): False,
                        ("w", "a"): False, ("w", "b"): True, ("w", "c"): False,
                        ("m", "a"): False, ("m", "b"): True, ("m", "c"): False}
    assert s["pct_cases"].isna().tolist() == s["n"].isna().tolist()
    # pct_responses of every row of w and m (the ticks' total would reveal n); total kept
    assert s["pct_responses"].isna().tolist() == [False] * 3 + [True] * 6
    assert s.loc[4, "suppressed_small"] == "n"
    assert s.loc[7, "suppressed_small"] == ""  # the partner is not itself small


def test_multi_response_complement_and_small_base():
    m = _multi()
    m.loc[m["group"] == "m", "base_n"] = 4  # a group of 4 asked: whole rows withheld
    m.loc[(m["group"] == "total") & (m["label"] == "a"), "n"] = 38  # 40 − 38 = 2 did not
    s = suppress(m, "multi_response")
    m_rows = s[s["group"] == "m"]
    assert m_rows[["base_n", "n", "pct_cases", "pct_responses"]].isna().all().all()
    # the groups' bases add up to the total's (40 = 25 + 4 + unknown group): w's base is
    # withheld with its pct_cases (which would give it back); w's n of 20 stays
    w_rows = s[s["group"] == "w"]
    assert w_rows["base_n"].isna().all() and w_rows["pct_cases"].isna().all()
    assert w_rows["n"].tolist()[0] == 20
    total_a = s[(s["group"] == "total") & (s["label"] == "a")].iloc[0]
    assert pd.isna(total_a["n"]) and pd.isna(total_a["pct_cases"])
    assert total_a["suppressed_small"] == ""  # 38 is not small: shown as "."


def test_coded_rules():
    c = _multi().rename(columns={"option": "code"})
    c["code"] = c["label"].map({"a": 1, "b": 2, "c": 3})
    s = suppress(c, "coded")
    assert s["n"].isna().tolist() == [False, False, False, False, True, False, False, True,
                                      False]


@pytest.mark.parametrize(("name", "stats"), [
    ("reliability", ["alpha", "alpha_ci_low", "alpha_ci_high", "alpha_std", "mean_r",
                     "omega", "mean", "sd"]),
    ("item_total", ["mean", "sd", "r_item_rest", "alpha_if_deleted"]),
])
def test_complete_cases_below_min_cell_withhold_statistics(name, stats):
    frame = pd.DataFrame({"scale": ["s", "t"], "item": ["i", "j"], "label": ["S", "T"],
                          "n_items": [4, 4], "n_complete": [3, 50], "reversed": [True, False],
                          "problems": ["", ""], **{c: [0.8, 0.7] for c in stats}})
    s = suppress(frame, name)
    assert s.loc[0, stats].isna().all()
    assert s.loc[0, "n_complete"] is pd.NA
    assert s.loc[1, stats].tolist() == [0.7] * len(stats)
    assert s.loc[0, "label"] == "S"


def test_unknown_table_is_suppressed_conservatively():
    g = pd.DataFrame({"variable": "x", "group_a": "w", "group_b": "m", "n_a": [3, 20],
                      "n_b": [12, 30], "statistic": [1.2, -2.5], "p": [0.0004, 0.049]})
    s = suppress(g, "group_comparisons")
    assert s.loc[0, "suppressed"] == "n_a;statistic;p"
    assert s.loc[1, "suppressed"] == ""


TABLE_FRAMES = {
    "frequencies": lambda: pd.concat([_freq([3, 0, 10, 20]),
                                      _freq([20, 6, 11, 3], ["valid"] * 3 + ["dont_know"],
                                            variable="w")], ignore_index=True),
    "multi_response": _multi,
    "items": lambda: pd.DataFrame({"variable": ["a"], "base_n": [40], "n_valid": [37],
                                   "n_dont_know": [3], "n_missing": [0], "mean": [2.0],
                                   "n_top_box": [35], "top_box_pct": [94.6]}),
}


@pytest.mark.parametrize("name", list(TABLE_FRAMES))
def test_suppress_is_idempotent_and_leaves_the_input(name):
    frame = TABLE_FRAMES[name]()
    before = frame.copy()
    once = suppress(frame, name)
    pd.testing.assert_frame_equal(frame, before)
    pd.testing.assert_frame_equal(suppress(once, name), once)
    assert once["suppressed"].str.len().gt(0).any()  # something was withheld


def test_suppress_rejects_bad_min_cell():
    with pytest.raises(ValueError, match="min_cell"):
        suppress(_freq([10]), "frequencies", min_cell=0)


# --------------------------------------------------------------------------- write


def test_write_shared_and_internal(tmp_path):
    f = _freq([3, 10, 20])
    shared = write(f, "frequencies", tmp_path / "reports" / "tables")
    intern = write(f, "frequencies", tmp_path / "reports-intern" / "tables", internal=True)
    assert shared == tmp_path / "reports" / "tables" / "frequencies.csv"
    assert intern.name == "frequencies.csv"
    s = pd.read_csv(shared)
    assert s["n"].isna().tolist() == [True, True, False]  # 3 and its partner 10
    assert s["suppressed"].fillna("").tolist()[0] == "n;pct;pct_valid;pct_valid_cum"
    i = pd.read_csv(intern)
    assert i["n"].tolist() == [3, 10, 20]
    assert "suppressed" not in i.columns
    assert "3" not in shared.read_text(encoding="utf-8").split("\n")[1].split(",")[6]


def test_publish_returns_what_the_report_may_show(tmp_path):
    from survey.tables import publish

    f = _freq([3, 10, 20])
    shown = publish(f, "frequencies", tmp_path)
    assert shown["n"].isna().tolist() == [True, True, False]
    assert pd.read_csv(tmp_path / "frequencies.csv")["n"].isna().tolist() == [True, True, False]
    full = publish(f, "frequencies", tmp_path / "intern", internal=True)
    assert full["n"].tolist() == [3, 10, 20]


# --------------------------------------------------------------------------- display


def test_display_frequencies_german():
    f = _freq([3, 0, 12, 1100, 130], labels=["Nein", "eher nein", "mittel", "eher ja", "Ja"])
    st = display(f, "frequencies")
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
    st = display(f, "frequencies", language="en", min_cell=10)
    assert _headers(st) == ["Answer", "n", "%", "valid %", "cumulative %"]
    assert _cells(st)[0][1] == "< 10"
    assert _cells(st)[3][1:] == ["1,100", "88.4", "88.4", "89.6"]


def test_display_internal_shows_everything():
    st = display(_freq([3, 10, 20]), "frequencies", internal=True)
    assert [row[1] for row in _cells(st)] == ["3", "10", "20"]


def test_display_of_a_suppressed_frame_is_the_same():
    f = _freq([3, 0, 12, 1100, 130])
    assert _cells(display(suppress(f, "frequencies"), "frequencies")) == _cells(
        display(f, "frequencies"))


def test_shown_columns_are_the_columns_display_shows():
    one, two = _freq([10, 20]), pd.concat([_freq([10, 20]), _freq([3, 40], variable="w")],
                                          ignore_index=True)
    for frame, name in ((one, "frequencies"), (two, "frequencies"),
                        (_reliability(), "reliability")):
        expected = list(display(frame, name).data.columns)
        assert shown_columns(frame, name) == expected
        assert shown_columns(suppress(frame, name), name, suppressed=True) == expected
    assert "label" in shown_columns(two, "frequencies")  # several questions: shown
    assert "label" not in shown_columns(one, "frequencies")
    assert "alpha_ci" in shown_columns(_reliability(), "reliability")


def test_display_shows_question_only_when_several():
    two = pd.concat([_freq([10, 20]), _freq([30, 40], variable="w")], ignore_index=True)
    assert _headers(display(two, "frequencies"))[0] == "Frage"
    assert _headers(display(_freq([10, 20]), "frequencies"))[0] == "Antwort"


def _reliability() -> pd.DataFrame:
    return pd.DataFrame({
        "scale": ["soz", "fam", "x"], "label": ["Soziale Unterstützung", "Familie", "Kurz"],
        "section": "s", "n_items": [5, 4, 3], "n_complete": [118, 3, 1240],
        "alpha": [0.8234, 0.71, -0.123], "alpha_ci_low": [0.7712, 0.5, -0.6],
        "alpha_ci_high": [0.8681, 0.9, 0.2], "alpha_std": [0.83, 0.7, 0.1],
        "mean_r": [0.48, 0.4, 0.05], "omega": [0.84, np.nan, np.nan],
        "mean": [3.456, 2.1, 4.0], "sd": [0.8123, 1.0, 0.5], "problems": ["", "", "Polung"]})


def test_display_reliability_both_languages():
    de = display(_reliability(), "reliability")
    assert _headers(de) == ["Skala", "Items", "n vollständig", "α", "95 %-KI", "ω", "M", "SD",
                            "Hinweise"]
    assert _cells(de) == [
        ["Soziale Unterstützung", "5", "118", ",82", "[,77; ,87]", ",84", "3,46", "0,81", ""],
        # withheld: "."; omega was NaN (not computable) before: "–"
        ["Familie", "4", "< 5", ".", ".", "–", ".", ".", ""],
        ["Kurz", "3", "1.240", "−,12", "[−,60; ,20]", "–", "4,00", "0,50", "Polung"],  # NaN
    ]
    en = display(_reliability(), "reliability", language="en")
    assert _headers(en)[3:6] == ["α", "95% CI", "ω"]
    assert _cells(en)[0][3:5] == [".82", "[.77, .87]"]
    assert _cells(en)[2][2] == "1,240"


def test_display_hides_empty_problems_and_takes_columns():
    r = _reliability().assign(problems="")
    assert "Hinweise" not in _headers(display(r, "reliability"))
    st = display(r, "reliability", columns=["label", "alpha_ci_low", "alpha_ci_high"])
    assert _headers(st) == ["Skala", "KI unten", "KI oben"]
    assert _cells(st)[0] == ["Soziale Unterstützung", ",77", ",87"]
    with pytest.raises(ValueError, match="no column"):
        display(r, "reliability", columns=["label", "nope"])


def test_display_item_total_booleans():
    it = pd.DataFrame({"scale": "s", "item": ["a", "b"], "label": ["A", "B"],
                       "reversed": [False, True], "n_complete": [50, 50], "mean": [3.2, 2.9],
                       "sd": [1.1, 1.3], "r_item_rest": [0.61, -0.05],
                       "alpha_if_deleted": [0.79, 0.85]})
    assert _cells(display(it, "item_total")) == [
        ["A", "nein", "3,20", "1,10", ",61", ",79"],
        ["B", "ja", "2,90", "1,30", "−,05", ",85"],
    ]
    en = display(it, "item_total", language="en")
    assert _headers(en) == ["Item", "reversed", "M", "SD", "item–rest r", "α if deleted"]
    assert [row[1] for row in _cells(en)] == ["no", "yes"]


def test_display_kinds_and_total_through_the_catalogue():
    f = _freq([20, 15, 6], ["valid", "valid", "dont_know"])
    st = display(f, "frequencies", columns=["kind", "value_label", "n"])
    assert [row[0] for row in _cells(st)] == ["gültig", "gültig", "weiß nicht"]
    en = display(f, "frequencies", language="en", columns=["kind"])
    assert [row[0] for row in _cells(en)] == ["valid", "valid", "don't know"]
    m = display(_multi(), "multi_response")
    assert _headers(m)[:2] == ["Gruppe", "Antwort"]
    assert _cells(m)[0][0] == "Gesamt"
    assert _cells(display(_multi(), "multi_response", language="en"))[0][0] == "Total"


def test_display_unknown_table_formats_by_dtype():
    g = pd.DataFrame({"variable": "x", "n_a": [3, 20], "statistic": [1.2, -2.5],
                      "p": [0.0004, 0.049], "ci_low": [-0.1, -0.5], "ci_high": [0.5, -0.1]})
    st = display(g, "some_new_table")
    assert _headers(st) == ["Variable", "n A", "Prüfgröße", "p", "95 %-KI"]
    assert _cells(st) == [["x", "< 5", ".", ".", "."],
                          ["x", "20", "−2,50", ",049", "[−0,50; −0,10]"]]
    assert _cells(display(g, "some_new_table", internal=True))[0][3] == "< ,001"


def test_display_html_alignment_and_styles():
    f = _freq([20, 30], labels=["<b>ja</b>", "nein"])
    st = display(f, "frequencies", caption="Frage & Antwort")
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
    assert legend("de") == (
        "< 5: weniger als 5 Fälle, aus Datenschutzgründen nicht ausgewiesen; .: nicht "
        "ausgewiesen, weil aus einer solchen Zahl berechnet oder weil sich eine daraus "
        "errechnen ließe; –: nicht berechenbar")
    assert legend("en", min_cell=10).startswith("< 10: fewer than 10 cases, withheld")
    with pytest.raises(ValueError, match="language"):
        legend("fr")


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
    from survey.tables import SUPPRESSED_NEAR_TOTAL, suppress

    # 181 of 185 ticked WhatsApp: the 4 who did not are a small complement
    m = pd.DataFrame({
        "variable": "messenger", "variable_label": "Messenger", "option": ["wa", "tg"],
        "label": ["WhatsApp", "Telegram"], "grouping": "total", "group": "total",
        "base_n": 185, "n": [181, 9], "pct_cases": [100 * 181 / 185, 100 * 9 / 185],
        "pct_responses": [100 * 181 / 190, 100 * 9 / 190]})
    s = suppress(m, "multi_response", 5)
    assert s[SUPPRESSED_NEAR_TOTAL].tolist() == ["n", ""]
    assert suppress(s, "multi_response", 5)[SUPPRESSED_NEAR_TOTAL].tolist() == ["n", ""]
    cells = _cells(display(m, "multi_response", columns=["label", "n", "pct_cases"]))
    # 185 - 5 = 180 -> "> 180"; 100 * 180 / 185 = 97.297… -> "> 97,3"
    assert cells[0] == ["WhatsApp", "> 180", "> 97,3"]
    assert cells[1] == ["Telegram", "9", "4,9"]
    en = _cells(display(m, "multi_response", columns=["n", "pct_cases"], language="en"))
    assert en[0] == ["> 180", "> 97.3"]


def test_figure_rows_draw_a_lower_bound_and_mark_withheld_bars():
    from survey.plots import bar_figure
    from survey.tables import figure_rows

    m = pd.DataFrame({
        "variable": "messenger", "variable_label": "Messenger",
        "option": ["wa", "tg", "si", "fb"], "label": ["WhatsApp", "Telegram", "Signal", "FB"],
        "grouping": "total", "group": "total", "base_n": 185, "n": [181, 9, 3, 14]})
    m["pct_cases"] = 100 * m["n"] / 185
    m["pct_responses"] = 100 * m["n"] / m["n"].sum()
    rows = figure_rows(m, "multi_response").set_index("option")
    assert rows.loc["wa", "n"] == "> 180"
    assert rows.loc["wa", "pct_cases"] == pytest.approx(100 * 180 / 185)
    assert rows.loc["si", "n"] == "n < 5" and np.isnan(rows.loc["si", "pct_cases"])
    # Signal's 3 needs a partner among the other options? No: options are not parts of
    # one total, so Telegram's 9 stays
    assert rows.loc["tg", "n"] == 9
    texts = [t.get_text() for t in bar_figure(rows.reset_index()).axes[0].texts]
    assert "> 97,3 % (n > 180)" in texts and "n < 5" in texts
    assert figure_rows(m, "multi_response", internal=True) is m


def test_session_ratings_drop_participants_and_small_weeks_when_shared(tmp_path):
    from survey.tables import publish

    t = pd.DataFrame({
        "unit": ["overall", "week", "week", "rater", "participant"],
        "key": ["total", "2021-W02", "2021-W03", "1", "T1-0007"],
        "n_forms": [20, 3, 17, 20, 6], "n_people": [8, 3, 7, 8, 1],
        "mean_total": [37.0, 35.0, 37.4, 37.0, 36.5],
        "forms_per_week_median": [10.0, None, None, None, None]})
    shown = publish(t, "session_ratings", tmp_path)
    # the participant row (keyed by a respondent code) is gone from the shared table and CSV
    assert "T1-0007" not in shown["key"].tolist()
    assert "T1-0007" not in (tmp_path / "session_ratings.csv").read_text(encoding="utf-8")
    week = shown.set_index("key").loc["2021-W02"]
    assert pd.isna(week["n_forms"]) and pd.isna(week["mean_total"])  # 3 forms: withheld
    assert shown.set_index("key").loc["total", "forms_per_week_median"] == 10.0
    full = publish(t, "session_ratings", tmp_path / "intern", internal=True)
    assert "T1-0007" in full["key"].tolist()


def test_items_two_small_components_that_pin_each_other_get_a_partner():
    # base 24 = 22 valid + 1 "weiß nicht" + 1 missing: "< 5" and "< 5" next to 22 valid
    # would be 1 + 1 (24 − 22 = 2); the valid count is withheld too ("."), its statistics
    # stay (22 is no small count)
    row = {"variable": "v", "label": "V", "base_n": 24, "n_valid": 22, "n_dont_know": 1,
           "n_missing": 1, "mean": 3.5, "sd": 1.0, "median": 3.5, "n_top_box": 10,
           "top_box_pct": 100 * 10 / 22, "top_box_ci_low": 25.0, "top_box_ci_high": 66.0}
    s = suppress(pd.DataFrame([row]), "items", 5)
    assert set(s.at[0, "suppressed"].split(";")) >= {"n_valid", "n_dont_know", "n_missing"}
    assert s.at[0, "suppressed_small"].split(";") == ["n_dont_know", "n_missing"]
    assert s.at[0, "mean"] == 3.5
    # 20 valid + 2 + 2: "< 5" + "< 5" = 4 is 1 + 3, 2 + 2, 3 + 1: nothing more
    row.update(n_valid=20, n_dont_know=2, n_missing=2)
    assert "n_valid" not in suppress(pd.DataFrame([row]), "items", 5).at[0, "suppressed"]
