"""Wide tables (questions × answers, options × groups): every cell is the cell the long
table shows, withheld cells keep their markers, and what is left out is named."""

from __future__ import annotations

import pandas as pd

from survey.gridtables import frequency_grids, option_grid
from survey.page import Page
from survey.policy import Policy
from survey.tableview import span_questions

SHARED = Policy(5)


def _freq(variable: str, label: str, counts: dict, missing: dict | None = None,
          withheld: dict | None = None) -> list[dict]:
    """Rows of frequencies.csv as published: valid answers with their valid %, then the
    kinds of missing answers; ``withheld``: answer → (columns, small?)."""
    valid = sum(counts.values())
    rows = []
    for code, (answer, n) in enumerate(counts.items(), start=1):
        rows.append({"variable": variable, "label": label, "code": code, "value_label": answer,
                     "kind": "valid", "n": n, "pct": 100 * n / 50, "pct_valid": 100 * n / valid,
                     "base_n": 50})
    for answer, n in (missing or {}).items():
        rows.append({"variable": variable, "label": label, "code": 9, "value_label": answer,
                     "kind": "dont_know", "n": n, "pct": 100 * n / 50, "pct_valid": None,
                     "base_n": 50})
    for row in rows:
        row.update(suppressed="", suppressed_small="", suppressed_near_total="")
        hidden = (withheld or {}).get(row["value_label"])
        if hidden:
            columns, small = hidden
            row["suppressed"] = ";".join(columns)
            row["suppressed_small"] = ";".join(columns) if small else ""
            for c in columns:
                row[c] = None
    return rows


def test_questions_sharing_an_answer_set_share_one_grid():
    rows = (_freq("a", "Frage A", {"nein": 20, "ja": 28}, {"weiß nicht": 2},
                  withheld={"weiß nicht": (["n", "pct"], True)})
            + _freq("b", "Frage B", {"nein": 10, "ja": 38}, {"weiß nicht": 2},
                    withheld={"weiß nicht": (["n", "pct"], True)})
            + _freq("c", "Frage C", {"selten": 30, "oft": 20}))
    grids = frequency_grids(pd.DataFrame(rows), policy=SHARED)
    assert [g.variables for g in grids] == [("a", "b"), ("c",)]
    first = grids[0].table
    assert list(first.columns) == ["Frage", "nein", "ja"]
    # 20 of 48 valid answers = 41,7 %; 28/48 = 58,3 %; 10/48 = 20,8 %; 38/48 = 79,2 %
    assert first.values.tolist() == [["Frage A", "20 (41,7)", "28 (58,3)"],
                                     ["Frage B", "10 (20,8)", "38 (79,2)"]]
    # a kind of missing answer that is "< 5" everywhere: left out and named
    assert grids[0].dropped == ("weiß nicht",)
    assert grids[1].table.values.tolist() == [["Frage C", "30 (60,0)", "20 (40,0)"]]


def test_a_withheld_valid_answer_keeps_its_marker_and_its_column():
    rows = _freq("a", "Frage A", {"nein": 3, "ja": 45}, {"weiß nicht": 6},
                 withheld={"nein": (["n", "pct", "pct_valid"], True)})
    grid = frequency_grids(pd.DataFrame(rows), policy=SHARED)[0]
    assert grid.table.values.tolist() == [["Frage A", "< 5", "45 (93,8)", "6"]]
    assert grid.dropped == ()


def _multi(group_rows: list[tuple]) -> pd.DataFrame:
    rows = []
    for grouping, label, group, base, counts in group_rows:
        for option, n in counts.items():
            row = {"variable": "m", "variable_label": "Geräte?", "option": option,
                   "label": option, "grouping": grouping, "grouping_label": label,
                   "group": group, "base_n": base, "n": n, "pct_cases": 100 * n / base,
                   "ci_low": 0.0, "ci_high": 1.0, "pct_responses": 1.0, "suppressed": "",
                   "suppressed_small": "", "suppressed_near_total": ""}
            if n < 5:
                columns = "n;pct_cases;ci_low;ci_high;pct_responses"
                row.update(n=None, pct_cases=None, suppressed=columns, suppressed_small=columns)
            rows.append(row)
    return pd.DataFrame(rows)


def test_option_grid_shows_shares_per_group_with_bases_and_markers():
    frame = _multi([
        ("total", "", "total", 40, {"PC": 30, "Fax": 3, "Tablet": 12}),
        ("g", "Alleinerziehend", "nein", 25, {"PC": 20, "Fax": 2, "Tablet": 4}),
        ("g", "Alleinerziehend", "ja", 15, {"PC": 10, "Fax": 1, "Tablet": 8}),
        ("gx", "gekreuzt", "nein / ja", 10, {"PC": 7, "Fax": 0, "Tablet": 5}),
    ])
    grid = option_grid(frame, "multi_response", policy=SHARED, groupings=["g"])
    assert list(grid.table.columns) == [("", "Option"), ("", "Gesamt (n = 40)"),
                                        ("Alleinerziehend", "nein (n = 25)"),
                                        ("Alleinerziehend", "ja (n = 15)")]
    # 30/40 = 75 %, 20/25 = 80 %, 10/15 = 66,7 %; 12/40 = 30 %, 8/15 = 53,3 %
    assert grid.table.values.tolist() == [["PC", "75,0 %", "80,0 %", "66,7 %"],
                                          ["Tablet", "30,0 %", "n < 5", "53,3 %"]]
    # "Fax" is below 5 in every column: left out and named
    assert grid.dropped == ("Fax",)


def test_show_leaves_out_rows_of_markers_only_and_says_how_many(shown):
    rows = pd.DataFrame({"variable": ["a", "a", "b"], "label": ["A", "A", "B"],
                         "kind": ["dont_know", "refused", "dont_know"], "code": [9, 8, 9],
                         "reason": ["weiß nicht", "keine Angabe", "weiß nicht"],
                         "n": [12, None, None],
                         "suppressed": ["", "n", "n"], "suppressed_small": ["", "n", "n"],
                         "suppressed_near_total": ""})
    page = Page("cleaning")
    page.show(rows, "missing_reasons", "Gründe", drop_withheld=True)
    assert shown[0].count("<tr>") == 2  # the header and the one row with a number
    assert shown[1] == ("<p>2 weitere Zeilen sind nicht aufgeführt: keine ihrer Anzahlen darf "
                        "gezeigt werden (weniger als 5 Fälle oder daraus zu erschließen).</p>")
    internal = Page("cleaning", policy=Policy(5, internal=True))
    shown.clear()
    internal.show(rows.fillna({"n": 1}), "missing_reasons", "Gründe", drop_withheld=True)
    assert shown[0].count("<tr>") == 4 and len(shown) == 1  # nothing is left out


def test_group_grid_puts_groups_side_by_side_with_their_markers():
    from survey.gridtables import group_grid

    rows = pd.DataFrame({
        "group": [None, None, "ein", "ein", "zwei", "zwei"],
        "kind": ["Job", "insgesamt", "Job", "insgesamt", "Job", "insgesamt"],
        "n_placements": [13, 40, 8, 25, 5, 15], "n_persons": [13, 30, 8, 18, None, 12],
        "pct_persons": [100 * 13 / 63, 100 * 30 / 63, 100 * 8 / 36, 50.0, None, 100 * 12 / 27],
        "suppressed": ["", "", "", "", "n_persons;pct_persons", ""],
        "suppressed_small": ["", "", "", "", "n_persons;pct_persons", ""],
        "suppressed_near_total": ""})
    grid = group_grid(rows, "placements", rows="kind", group="group", count="n_persons",
                      share="pct_persons", policy=SHARED,
                      heads={None: "Gesamt (n = 63)", "ein": "ein (n = 36)",
                             "zwei": "zwei (n = 27)"})
    assert list(grid.columns) == ["Art der Vermittlung", "Gesamt (n = 63)", "ein (n = 36)",
                                  "zwei (n = 27)"]
    # 13/63 = 20,6 %; 8/36 = 22,2 %; 12/27 = 44,4 %
    assert grid.values.tolist() == [["Job", "13 (20,6 %)", "8 (22,2 %)", "< 5"],
                                    ["insgesamt", "30 (47,6 %)", "18 (50,0 %)", "12 (44,4 %)"]]


def test_battery_items_go_below_their_stem_in_grids_and_figures():
    from types import SimpleNamespace as NS

    from survey.gridtables import short_labels

    book = NS(column=lambda name: NS(kind="variable", variable=name))
    rows = (_freq("a", "Personen, … die zuhören", {"nein": 20, "ja": 28})
            + _freq("b", "Personen, … die helfen", {"nein": 10, "ja": 38}))
    grid = frequency_grids(pd.DataFrame(rows), policy=SHARED, codebook=book)[0]
    assert grid.table["Frage"].tolist() == ["Personen,", "… die zuhören", "… die helfen"]
    assert grid.marks == ("question", "option", "option")
    assert grid.table.iloc[0, 1:].tolist() == ["", ""]  # the stem's row has no numbers
    assert 'colspan="3"' in span_questions(grid.styled().to_html())  # across the table
    drawn, stems = short_labels(pd.DataFrame(rows), book)
    assert stems == ["Personen,"]
    assert drawn["label"].drop_duplicates().tolist() == ["… die zuhören", "… die helfen"]


def test_group_grid_shows_a_count_alone_when_its_share_is_withheld():
    from survey.gridtables import group_grid

    rows = pd.DataFrame({"group": [None], "kind": ["Job"], "n_placements": [13],
                         "n_persons": [13], "pct_persons": [None],
                         "suppressed": ["pct_persons"], "suppressed_small": [""],
                         "suppressed_near_total": ""})
    grid = group_grid(rows, "placements", rows="kind", group="group", count="n_persons",
                      share="pct_persons", heads={None: "Gesamt"}, policy=SHARED)
    assert grid.values.tolist() == [["Job", "13"]]  # not "13 (. %)"
