"""Tests of the report layer: German formats, suppression, tables, HTML and index page.

Expected values are worked out by hand in the comments.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from survey import report
from survey.codebook import Codebook, Variable

EXTERNAL = re.compile(r'(src|href)="https?://')


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("x", "digits", "expected"),
    [
        (1234.5, 1, "1.234,5"),  # "." groups thousands, "," decimal mark
        (-1234567.891, 2, "-1.234.567,89"),
        (0.25, 2, "0,25"),
        (2.5, 0, "2"),  # Python rounds half to even: 2.5 -> 2
        (-0.04, 1, "0,0"),  # no "-0,0"
        (1000, 0, "1.000"),
        (None, 1, "–"),
        (np.nan, 1, "–"),
        (pd.NA, 1, "–"),
    ],
)
def test_fmt_num(x, digits, expected):
    assert report.fmt_num(x, digits) == expected


def test_fmt_num_rejects_negative_digits():
    with pytest.raises(ValueError, match="digits"):
        report.fmt_num(1.0, -1)


def test_fmt_pct_and_int():
    assert report.fmt_pct(12.34) == "12,3 %"
    assert report.fmt_pct(100) == "100,0 %"
    assert report.fmt_pct(3.14159, 2) == "3,14 %"
    assert report.fmt_pct(np.nan) == "–"
    assert report.fmt_int(1234567) == "1.234.567"


@pytest.mark.parametrize(
    ("p", "expected"),
    [
        (0.0004, "< 0,001"),  # below 10**-3
        (0.001, "0,001"),  # exactly the threshold is shown
        (0.04999, "0,050"),
        (0.5, "0,500"),
        (1.0, "1,000"),
        (np.nan, "–"),
    ],
)
def test_fmt_p(p, expected):
    assert report.fmt_p(p) == expected


def test_fmt_p_digits():
    assert report.fmt_p(0.00004, digits=4) == "< 0,0001"
    assert report.fmt_p(0.0123, digits=2) == "0,01"


# --------------------------------------------------------------------------- suppression


def test_suppress_small_counts_and_their_percentages():
    t = pd.DataFrame(
        {
            "group": ["a", "b", "c", "d", "e"],
            "n": [0, 1, 4, 5, None],
            "percent": [0.0, 10.0, 40.0, 50.0, None],
        }
    )
    out = report.suppress_small(t, ["n"], 5, percent_columns=["percent"])
    # 0 stays (nothing disclosed), 1 and 4 are below 5, 5 is shown, NA stays NA
    assert out["n"].tolist()[:4] == [0, "< 5", "< 5", 5]
    assert pd.isna(out["n"].iloc[4])
    assert out["percent"].tolist()[:4] == [0.0, ".", ".", 50.0]
    # the input is untouched
    assert t["n"].tolist()[:4] == [0, 1, 4, 5]


def test_suppress_small_mapping_hides_only_the_own_percentage():
    t = pd.DataFrame({"n_a": [3, 10], "pct_a": [30.0, 100.0], "n_b": [7, 0], "pct_b": [70.0, 0.0]})
    out = report.suppress_small(
        t, ["n_a", "n_b"], 5, percent_columns={"pct_a": "n_a", "pct_b": "n_b"}, marker="<5"
    )
    # row 0: n_a = 3 is suppressed with its percentage; n_b = 7 and pct_b stay
    assert out.loc[0].tolist() == ["<5", ".", 7, 70.0]
    assert out.loc[1].tolist() == [10, 100.0, 0, 0.0]


def test_suppress_small_checks_arguments():
    t = pd.DataFrame({"n": [1]})
    with pytest.raises(KeyError, match="nope"):
        report.suppress_small(t, ["nope"], 5)
    with pytest.raises(ValueError, match="min_cell"):
        report.suppress_small(t, ["n"], 0)


# --------------------------------------------------------------------------- tables


def test_write_table_full_precision(tmp_path):
    frame = pd.DataFrame({"x": [1 / 3], "label": ["ä"]})
    path = report.write_table(frame, tmp_path / "tables", "items")
    assert path == tmp_path / "tables" / "items.csv"
    text = path.read_text(encoding="utf-8")
    assert "0.3333333333333333" in text  # repr of 1/3, not rounded
    assert pd.read_csv(path)["x"].iloc[0] == 1 / 3
    assert not list((tmp_path / "tables").glob(".*"))  # no temporary file left
    with pytest.raises(ValueError):
        report.write_table(frame, tmp_path, "../escape")


def _codebook() -> Codebook:
    """A real codebook: a multi question, an ordinal item, a number (id 'code')."""
    variables = {
        "geraete": Variable("geraete", "Geräte", "multi", "geraete",
                            options={"geraet_phone": "Telefon", "geraet_pc": "PC"},
                            option_sources={"geraet_phone": "G1", "geraet_pc": "G2"}),
        "fam": Variable("fam", "Familie", "ordinal", "fam", section="subjekt",
                        levels={1: "Nein", 5: "Ja"}),
        "alter": Variable("alter", "Alter", "numeric", "alter"),
    }
    return Codebook(Path("codebook.yml"), "t", "T", "de", "code", "code", {},
                    {"subjekt": "Ebene 1"}, variables)


def _missing():
    return pd.DataFrame(
        {
            "respondent": ["r1", "r1", "r2", "r3", "r4", "r2"],
            "variable": ["geraet_phone", "geraet_pc", "fam", "fam", "fam", "alter"],
            "code": [np.nan, np.nan, 9.0, np.nan, -9.0, np.nan],
            "reason": ["leer", "leer", "weiß nicht", "nicht gefragt (Filter)", "keine Angabe",
                       "außerhalb des Wertebereichs"],
            "kind": ["system", "system", "dont_know", "not_asked", "no_answer", "invalid"],
        }
    )


def test_missingness_table_by_hand():
    table = report.missingness_table(_missing(), _codebook(), n=4).set_index("variable")
    assert "code" not in table.index  # the respondent id is never a row
    assert list(table.index) == ["geraete", "fam", "alter"]  # codebook order
    # geraete: r1 blank in two option columns counts once -> 1 of 4 = 25 %
    assert table.loc["geraete", "system"] == 1
    assert table.loc["geraete", "pct_missing"] == pytest.approx(25.0)
    # fam: r3 not asked -> base 3; r2 don't know + r4 no answer = 2 -> 2/3 = 66.67 %
    assert table.loc["fam", ["dont_know", "no_answer", "not_asked"]].tolist() == [1, 1, 1]
    assert table.loc["fam", "n_base"] == 3
    assert table.loc["fam", "n_missing"] == 2
    assert table.loc["fam", "pct_missing"] == pytest.approx(200 / 3)
    # alter: one invalid value -> 1/4
    assert table.loc["alter", "invalid"] == 1
    assert table.loc["alter", "pct_missing"] == pytest.approx(25.0)


def test_missingness_table_without_missing_values():
    empty = pd.DataFrame(columns=["respondent", "variable", "code", "reason", "kind"])
    table = report.missingness_table(empty, _codebook(), n=10)
    assert table["n_missing"].tolist() == [0, 0, 0]
    assert table["pct_missing"].tolist() == [0.0, 0.0, 0.0]


def test_missingness_by_reason_has_no_respondents():
    table = report.missingness_by_reason(_missing(), _codebook())
    assert "respondent" not in table.columns
    fam = table[table["variable"] == "fam"]
    assert fam["kind"].tolist() == ["dont_know", "no_answer", "not_asked"]  # kind order
    assert fam["n"].tolist() == [1, 1, 1]
    assert fam["kind_label"].tolist() == ["weiß nicht", "keine Angabe", "nicht gefragt (Filter)"]
    shown = report.reasons_display(table)
    assert shown.loc[shown["Grund"] == "weiß nicht", "Code"].tolist() == ["9"]


def test_displays_are_german_and_hide_rows():
    table = report.missingness_table(_missing(), _codebook(), n=4)
    shown = report.missingness_display(table)
    assert shown.loc[shown["Variable"] == "Familie", "fehlend"].item() == "66,7 %"
    log = pd.DataFrame(
        {
            "rule": ["raw_file", "out_of_range"],
            "variable": ["raw.csv", "alter"],
            "n_affected": [4, 1],
            "detail": ["sha256=abc", "outside 16–70"],
            "rows": ["", "5"],
        }
    )
    assert "rows" not in report.cleaning_log_table(log).columns
    shown_log = report.log_display(log, rules=["out_of_range"])
    assert shown_log.to_dict("records") == [
        {"Regel": "außerhalb des Wertebereichs", "Variable": "alter", "Betroffen": "1",
         "Details": "outside 16–70"}
    ]
    prov = report.provenance_table({"raw": "/secret/path/raw.csv", "raw_sha256": "f" * 64}, 4)
    assert "/secret/path" not in prov.to_string()


def test_missingness_figure_has_bars_for_missing_only():
    table = report.missingness_table(_missing(), _codebook(), n=4)
    fig = report.missingness_figure(table)
    ax = fig.axes[0]
    # one stacked bar per variable with gaps; its segments (one per reason) add up to
    # that variable's pct_missing
    totals: dict[int, float] = {}
    for patch in ax.patches:
        row = round(patch.get_y() + patch.get_height() / 2)
        totals[row] = totals.get(row, 0.0) + patch.get_width()
    expected = sorted(table.loc[table.pct_missing > 0, "pct_missing"])
    assert len(totals) == 3  # all three variables have something missing
    assert sorted(totals.values()) == pytest.approx(expected)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        lab for kind, lab in report.KIND_LABELS.items()
        if kind != "not_asked" and table[kind].sum() > 0]
    image = report.figure_image(fig)
    assert image.data[:8] == b"\x89PNG\r\n\x1a\n"


# --------------------------------------------------------------------------- HTML


def _executed_notebook(path: Path) -> Path:
    """A notebook with a figure and a DataFrame, executed with papermill."""
    import papermill

    params = new_code_cell("title_text: str = 'x'  # a parameter")
    params.metadata["tags"] = ["parameters"]
    nb = new_notebook(
        cells=[
            new_markdown_cell("# Überschrift"),
            params,
            new_code_cell(
                "import matplotlib.pyplot as plt\n"
                "import pandas as pd\n"
                "SECRET_SOURCE_MARKER = 1\n"
                "fig, ax = plt.subplots()\n"
                "ax.plot([1, 2, 3])\n"
                "plt.show()\n"
                "pd.DataFrame({'a': [1, 2]})"
            ),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}},
    )
    src = path / "in.ipynb"
    nbformat.write(nb, src)
    out = path / "out.ipynb"
    papermill.execute_notebook(str(src), str(out), progress_bar=False, kernel_name="python3",
                               cwd=str(path))
    return out


def test_render_html_is_self_contained(tmp_path):
    executed = _executed_notebook(tmp_path)
    html_path = report.render_html(executed, tmp_path / "r" / "out.html", title="Bericht")
    text = html_path.read_text(encoding="utf-8")
    assert EXTERNAL.search(text) is None  # no script, style sheet or image from the web
    # the figure is embedded (nbconvert adds an alt attribute before src)
    assert re.search(r'<img [^>]*src="data:image/png;base64,', text)
    assert "SECRET_SOURCE_MARKER" not in text  # no code
    assert not re.search(r"class=\"[^\"]*jp-(Input|Output)Prompt", text)  # no prompts
    assert "<table" in text  # the DataFrame
    assert "<title>Bericht</title>" in text
    assert '<html lang="de">' in text


def test_render_html_drops_stderr_and_removed_cells(tmp_path):
    nb = new_notebook(
        cells=[
            new_code_cell("", outputs=[
                new_output("stream", name="stderr", text="UserWarning: WARNTEXT"),
                new_output("stream", name="stdout", text="SICHTBAR"),
            ]),
            new_markdown_cell("VERSTECKT", metadata={"tags": ["remove_cell"]}),
        ]
    )
    src = tmp_path / "nb.ipynb"
    nbformat.write(nb, src)
    text = report.render_html(src, tmp_path / "nb.html").read_text(encoding="utf-8")
    assert "SICHTBAR" in text
    assert "WARNTEXT" not in text
    assert "VERSTECKT" not in text


# --------------------------------------------------------------------------- index


def _record(folder: Path, notebook: str, status: str, error: str | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    rec = {
        "wave": folder.name, "wave_title": "Welle <1>", "notebook": notebook, "status": status,
        "error": error, "started_at": "2024-01-01T10:00:00+01:00", "duration_s": 1234.5,
        "git_commit": "abc123", "git_dirty": True, "raw_sha256": "f" * 64,
        "parameters": {"alpha": 0.05}, "versions": {"python": "3.11"},
    }
    (folder / f"{notebook}.json").write_text(json.dumps(rec), encoding="utf-8")
    if status == "ok":
        (folder / f"{notebook}.html").write_text("<html></html>", encoding="utf-8")


def test_build_index(tmp_path):
    _record(tmp_path / "w1", "01-cleaning", "ok")
    _record(tmp_path / "w1", "02-descriptives", "failed", "ValueError: <script>alert(1)</script>")
    (tmp_path / "w1" / "tables").mkdir()
    (tmp_path / "w1" / "tables" / "items.csv").write_text("a\n1\n", encoding="utf-8")
    index = report.build_index(tmp_path)
    text = index.read_text(encoding="utf-8")
    assert index == tmp_path / "index.html"
    assert '<a href="w1/01-cleaning.html">' in text  # relative link
    assert 'href="w1/02-descriptives.html"' not in text  # no link to a failed report
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text  # escaped
    assert "<script>" not in text
    assert "Welle &lt;1&gt;" in text
    assert "1.234,5 s" in text  # German duration
    assert 'href="w1/tables/items.csv"' in text
    assert "abc123" in text and "fffffff" in text
    assert EXTERNAL.search(text) is None


def test_build_index_empty(tmp_path):
    text = report.build_index(tmp_path / "reports").read_text(encoding="utf-8")
    assert "Noch keine Berichte" in text


def test_table_view_aligns_text_left_and_numbers_right():
    import pandas as pd

    from survey.report import table_view

    t = pd.DataFrame({"Regel": ["Umbenennung", "leere Zelle"], "Betroffen": ["1.024", "< 5"],
                      "Anteil": ["12,5 %", "–"], "Details": ["SD01 → alleinerziehend", "x"]})
    css = table_view(t).to_html()
    # one rule per column: Regel and Details left, Betroffen and Anteil right
    for column, align in (("col0", "left"), ("col1", "right"), ("col2", "right"),
                          ("col3", "left")):
        rules = [line for line in css.split("}") if f".{column}" in line and "td" in line]
        assert rules and f"text-align: {align}" in rules[0], (column, rules)
