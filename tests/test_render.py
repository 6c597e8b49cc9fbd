"""Tests of survey.render: self-contained HTML pages, their table of contents, and the table
view a report shows.

Expected markup is written out by hand.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from survey import page as page_module
from survey import render
from survey.disclosure import Policy
from survey.page import Page
from survey.render import page_identity, render_html, table_of_contents, table_view

EXTERNAL = re.compile(r'(src|href)="https?://')


# --------------------------------------------------------------------------- executed


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
    html_path = render_html(executed, tmp_path / "r" / "out.html", title="Bericht")
    assert html_path == tmp_path / "r" / "out.html"
    text = html_path.read_text(encoding="utf-8")
    assert EXTERNAL.search(text) is None  # no script, style sheet or image from the web
    # the figure is embedded (nbconvert adds an alt attribute before src)
    assert re.search(r'<img [^>]*src="data:image/png;base64,', text)
    assert "SECRET_SOURCE_MARKER" not in text  # no code
    assert not re.search(r"class=\"[^\"]*jp-(Input|Output)Prompt", text)  # no prompts
    assert "<table" in text  # the DataFrame
    assert "<title>Bericht</title>" in text
    assert '<html lang="de">' in text  # no page: the default language
    assert not list((tmp_path / "r").glob(".*"))  # written atomically, nothing left over


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
    text = render_html(src, tmp_path / "nb.html").read_text(encoding="utf-8")
    assert "SICHTBAR" in text
    assert "WARNTEXT" not in text
    assert "VERSTECKT" not in text


# --------------------------------------------------------------------------- table view


def _rules(html: str) -> dict[tuple[str, int], str]:
    """``{("th"|"td", column position): css}`` of the per-column rules."""
    rules: dict[tuple[str, int], str] = {}
    for tag, col, body in re.findall(r"#T_\w+ (th|td)\.col(\d+) \{([^}]*)\}", html):
        rules[(tag, int(col))] = rules.get((tag, int(col)), "") + body
    return rules


def test_table_view_aligns_text_left_and_numbers_right():
    t = pd.DataFrame({"Regel": ["Umbenennung", "leere Zelle"], "Betroffen": ["1.024", "< 5"],
                      "Anteil": ["12,5 %", "–"], "Details": ["SD01 → alleinerziehend", "x"]})
    rules = _rules(table_view(t).to_html())
    # one rule per column: Regel and Details left, Betroffen and Anteil right, for the
    # header cell and the body cells alike; numbers never wrap, text does
    for column, align in ((0, "left"), (1, "right"), (2, "right"), (3, "left")):
        assert f"text-align: {align}" in rules[("th", column)], column
        assert f"text-align: {align}" in rules[("td", column)], column
    assert "white-space: nowrap" in rules[("td", 1)]
    assert "white-space: normal" in rules[("td", 0)]


@pytest.mark.parametrize(
    ("cells", "align"),
    [
        (["1.234", "12,5 %", "< 5", "."], "right"),   # numbers and markers
        (["−0,12", "> 180", "3,0"], "right"),
        (["–", ".", "–"], "right"),                    # only markers: a withheld number
        (["", None, "7"], "right"),                    # empty cells do not count
        (["7", "sieben"], "left"),                     # one word makes it text
        (["2021-04-01"], "right"),                     # digits and dashes
        (["Welle 1"], "left"),
    ],
)
def test_table_view_column_kinds(cells, align):
    html = table_view(pd.DataFrame({"c": cells})).to_html()
    assert f"text-align: {align}" in _rules(html)[("td", 0)]


def test_table_view_hides_the_index_and_escapes_cells():
    html = table_view(pd.DataFrame({"a": ["<b>x</b>", "y & z"]}, index=[7, 8])).to_html()
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "y &amp; z" in html
    assert "<b>x</b>" not in html
    assert not re.search(r'<th [^>]*class="row_heading', html)  # no index column


def test_figure_image_is_a_png():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    fig = Figure()
    fig.add_subplot().plot([1, 2])
    image = render.figure_image(fig)
    assert image.data[:8] == b"\x89PNG\r\n\x1a\n"


# --------------------------------------------------------------------------- contents

_NAV = '<nav class="survey-toc" lang="de"><p class="survey-toc-title">Inhalt</p></nav>'


def _heading(level: int, anchor: str, number: str, title: str) -> str:
    return (f'<h{level} id="{anchor}" class="survey-heading"><span class="survey-number">'
            f"{number}</span> {title}</h{level}>")


def _nav(body: str) -> str:
    return re.search(r"<nav\b.*?</nav>", body, re.DOTALL).group(0)


def test_table_of_contents_nested():
    body = (_NAV + "<p>Einleitung</p>"
            + _heading(2, "s-1", "1", "Stichprobe")
            + _heading(3, "s-1-1", "1.1", "Alter")
            + _heading(3, "s-1-2", "1.2", "Geschlecht")
            + _heading(2, "s-2", "2", "Häufigkeiten")
            + _heading(2, "s-3", "3", "Anhang")
            + _heading(3, "s-3-1", "3.1", "Dateien"))
    out = table_of_contents(body)
    # sections are the outer list, each section's subsections a list inside its item
    assert _nav(out) == (
        '<nav class="survey-toc" lang="de"><p class="survey-toc-title">Inhalt</p>'
        "<ol>"
        '<li><a href="#s-1">1 Stichprobe</a><ol>'
        '<li><a href="#s-1-1">1.1 Alter</a></li>'
        '<li><a href="#s-1-2">1.2 Geschlecht</a></li></ol></li>'
        '<li><a href="#s-2">2 Häufigkeiten</a></li>'
        '<li><a href="#s-3">3 Anhang</a><ol>'
        '<li><a href="#s-3-1">3.1 Dateien</a></li></ol></li>'
        "</ol></nav>")
    # the rest of the page is unchanged
    assert out.replace(_nav(out), "") == body.replace(_NAV, "")


def test_table_of_contents_escapes_labels():
    # the heading shows "<b>x</b> & y" (escaped in the page); the contents show it escaped
    # once again, never as markup and never twice escaped
    body = _NAV + _heading(2, "s-1", "1", "&lt;b&gt;x&lt;/b&gt; &amp; y")
    nav = _nav(table_of_contents(body))
    assert '<a href="#s-1">1 &lt;b&gt;x&lt;/b&gt; &amp; y</a>' in nav
    assert "<b>" not in nav
    assert "&amp;lt;" not in nav


def test_table_of_contents_lists_only_numbered_headings():
    body = (_NAV
            + '<h2 id="markdown">Aus dem Markdown</h2>'          # not a page heading
            + _heading(2, "s-1", "1", "Eins")
            + "<h4>ohne Nummer</h4>"
            + '<h3 class="survey-heading">ohne Anker</h3>'         # no id: no link
            + '<h2 class="survey-heading" id="s-2">'               # attributes reordered
              '<span class="survey-number">2</span> Zwei</h2>')
    nav = _nav(table_of_contents(body))
    assert re.findall(r'<a href="#([^"]+)">(.*?)</a>', nav) == [("s-1", "1 Eins"),
                                                                ("s-2", "2 Zwei")]


def test_table_of_contents_without_placeholder_or_headings():
    page = "<h2 id=\"s-1\" class=\"survey-heading\">1 Eins</h2><p>Text</p>"
    assert table_of_contents(page) == page  # no placeholder: unchanged
    assert table_of_contents(_NAV + "<p>Nur Text</p>") == _NAV + "<p>Nur Text</p>"
    assert table_of_contents("") == ""


def test_table_of_contents_fills_the_first_placeholder_only():
    body = _NAV + _heading(2, "s-1", "1", "Eins") + _NAV
    out = table_of_contents(body)
    assert out.count('<a href="#s-1">') == 1
    assert out.endswith(_NAV)


# --------------------------------------------------------------------------- pages


def _page_outputs(monkeypatch, language: str, *, internal: bool = False) -> list[str]:
    """What a Page shows for a small report (without a kernel)."""
    out: list[str] = []
    monkeypatch.setattr(page_module, "_display", out.append)
    p = Page("cleaning", language=language, study="Studie", wave_title="Welle <1>",
             n=24, policy=Policy(internal=internal), today=datetime.date(2026, 11, 21))
    p.header()
    p.section("missing")
    p.subsection("Alter & <Geschlecht>")
    p.subsection("Geräte")
    p.section("log")
    p.table(pd.DataFrame({"a": ["1"]}), "Tabelle")
    return out


def _notebook_of(outputs: list[str], path: Path) -> Path:
    """A notebook whose one code cell has the outputs as text/html display data."""
    cell = new_code_cell("page.header()  # SECRET_SOURCE_MARKER", outputs=[
        new_output("display_data", data={"text/html": html, "text/plain": "<HTML>"})
        for html in outputs])
    nb = new_notebook(cells=[cell])
    nbformat.write(nb, path)
    return path


def test_render_html_fills_the_contents_of_an_english_page(tmp_path, monkeypatch):
    outputs = _page_outputs(monkeypatch, "en")
    src = _notebook_of(outputs, tmp_path / "page.ipynb")
    text = render_html(src, tmp_path / "page.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in text
    assert "SECRET_SOURCE_MARKER" not in text
    assert EXTERNAL.search(text) is None
    nav = _nav(text)
    assert ">Contents</p>" in nav
    links = re.findall(r'<a href="#([^"]+)">(.*?)</a>', nav)
    assert links == [("s-1", "1 Missing values by question"),
                     ("s-1-1", "1.1 Alter &amp; &lt;Geschlecht&gt;"),
                     ("s-1-2", "1.2 Geräte"),
                     ("s-2", "2 What cleaning changed")]
    # the structure: two sections, the first with its two subsections
    assert re.sub(r"<a [^>]*>.*?</a>", "A", nav.split("</p>", 1)[1]) == (
        "<ol><li>A<ol><li>A</li><li>A</li></ol></li><li>A</li></ol></nav>")
    # every link has its target in the page
    for anchor, _ in links:
        assert re.search(rf'<h[23]\b[^>]*\bid="{anchor}"', text), anchor
    assert "Welle &lt;1&gt;" in text and "Welle <1>" not in text


def test_render_html_of_a_german_page(tmp_path, monkeypatch):
    outputs = _page_outputs(monkeypatch, "de", internal=True)
    src = _notebook_of(outputs, tmp_path / "seite.ipynb")
    text = render_html(src, tmp_path / "seite.html").read_text(encoding="utf-8")
    assert '<html lang="de">' in text
    assert ">Inhalt</p><ol><li>" in text
    assert "INTERN – ungekürzte Fassung" in text


# --------------------------------------------------------------------------- identity


def test_page_identity_of_a_rendered_page(tmp_path, monkeypatch):
    outputs = _page_outputs(monkeypatch, "en")
    src = _notebook_of(outputs, tmp_path / "page.ipynb")
    html = render_html(src, tmp_path / "page.html")
    assert page_identity(html) == {"kind": "cleaning",
                                   "report_title": "Data quality and cleaning"}


def test_page_identity_of_hand_written_pages(tmp_path):
    page = tmp_path / "a.html"
    page.write_text('<html><h1 class="survey-title" data-kind="ratings">Rückmeldung '
                    "&amp; Bögen <small>x</small></h1></html>", encoding="utf-8")
    # the title's text, tags removed and entities read
    assert page_identity(page) == {"kind": "ratings", "report_title": "Rückmeldung & Bögen x"}
    # attributes in another order (nbconvert may reorder them)
    page.write_text('<h1 data-kind="waves" class="survey-title">Vergleich</h1>',
                    encoding="utf-8")
    assert page_identity(page) == {"kind": "waves", "report_title": "Vergleich"}
    # a page made otherwise has no identity
    page.write_text("<html><h1>Irgendwas</h1></html>", encoding="utf-8")
    assert page_identity(page) == {}
    page.write_text('<h1 class="survey-title">ohne Art</h1>', encoding="utf-8")
    assert page_identity(page) == {}


def test_table_of_contents_subsection_before_any_section_is_well_formed():
    body = _NAV + _heading(3, "s-0-1", "0.1", "Vorab") + _heading(2, "s-1", "1", "Eins")
    nav = _nav(table_of_contents(body))
    assert nav.count("<li>") == nav.count("</li>")
    assert "<ol><ol>" not in nav
