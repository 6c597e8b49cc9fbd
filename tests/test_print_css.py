"""The report page prints on A4 without clipping a column.

The print style sheet lives in the ``survey_html`` template; the check that a printout
lost no column is :func:`missing_headers` of tools/print_reports.py (the script the team
runs on all reports), imported here. Printing needs headless Chromium and poppler-utils;
without them only the style sheet is checked.
"""

from __future__ import annotations

import importlib.util
import io
import re
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from survey import render

EXTERNAL = re.compile(r'(src|href)="https?://|url\(\s*["\']?https?://|@import')
SCRIPT = Path(__file__).resolve().parents[1] / "tools" / "print_reports.py"


def _print_reports():
    """tools/print_reports.py as a module (it is a script, not part of the package)."""
    name = "print_reports"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while it is executed
    spec.loader.exec_module(module)
    return module


#: The wide table: a question column and 13 columns of statistics, as a group
#: comparison with both groups' counts, shares and means would have.
COLUMNS = ["Frage", "n A", "% A", "M A", "SD A", "n B", "% B", "M B", "SD B",
           "Prüfgröße", "df", "p (korr.)", "Effektstärke", "95 %-KI"]


def _wide_table_html() -> str:
    rows = []
    for i, question in enumerate([
        "Gibt es in Ihrem Freundes- und Bekanntenkreis viele Personen, die Ihnen bei "
        "Fragen zu Ihren Finanzen helfen könnten?",
        "Wie häufig kommt es vor, dass Freizeitaktivitäten zu teuer für Sie sind?",
        "Rohdatei sha256=9933a3d9b4c35d1e117ce1388d359cad48f8f87765db216cb797a9a9bca6716c",
    ]):
        rows.append([question, "1.234", "45,5", "3,64", "1,26", "987", "54,5", "4,52",
                     "0,72", "3.758,00", "1.198,4", "< ,001", f"−0,1{i}",
                     "[−0,32; 0,00]"])
    frame = pd.DataFrame(rows, columns=COLUMNS)
    numbers = COLUMNS[1:]
    # like the report tables: text left, numbers right and never broken
    styler = (frame.style.hide(axis="index")
              .set_properties(subset=["Frage"], **{"text-align": "left"})
              .set_properties(subset=numbers, **{"text-align": "right",
                                                 "white-space": "nowrap"}))
    return styler.to_html()


def _notebook(tmp_path: Path) -> Path:
    """An executed notebook (outputs stored) with a heading and the wide table."""
    nb = new_notebook(cells=[
        new_markdown_cell("# Gruppenvergleiche\n\nEin Absatz Text vor der Tabelle."),
        new_code_cell("show(table)", outputs=[
            new_output("display_data", data={"text/html": _wide_table_html(),
                                             "text/plain": "<Styler>"}),
        ]),
    ])
    path = tmp_path / "wide.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.fixture
def wide_html(tmp_path) -> Path:
    return render.render_html(_notebook(tmp_path), tmp_path / "wide.html", title="Breit")


def _own_style(text: str) -> str:
    """The workbench's style sheet in the page (the one with the A4 rule)."""
    sheets = [s for s in re.findall(r"<style[^>]*>(.*?)</style>", text, flags=re.S)
              if "size: A4" in s]
    assert len(sheets) == 1
    return sheets[0]


def test_print_rules_in_the_page(wide_html):
    text = wide_html.read_text(encoding="utf-8")
    own = _own_style(text)
    print_rules = own[own.index("@media print"):]
    assert re.search(r"@page\s*\{\s*size: A4;\s*margin: 18mm 15mm;", own)
    for rule in ("display: table-header-group", "break-inside: avoid;",
                 "break-after: avoid;", "overflow: visible", "font-size: 8.5pt"):
        assert rule in print_rules, rule
    assert "max-width: 60rem" in own  # readable width on screen
    assert EXTERNAL.search(text) is None  # self-contained: nothing loaded from the web
    # the page's own sheet comes after nbconvert's, whose @page margin it overrides
    if "margin: 0.5in" in text:
        assert text.index(own) > text.index("margin: 0.5in")
    # every column of the table is in the page; "95 %-KI" kept on one line (no-break
    # space, non-breaking hyphen)
    assert _print_reports().html_headers(text) == [
        *COLUMNS[:-1], "95 %\u2011KI"]  # (the parser joins words with a plain space)
    # every printed page: the running head and "Seite N von M"
    assert '@top-left { content: "Breit";' in text
    assert '@bottom-right { content: "Seite " counter(page) " von " counter(pages);' in text


def test_missing_headers_counts_tables():
    pr = _print_reports()
    page = "Frage  n A  Prüf-\n           größe   95 %-\n  KI\n\f"
    assert pr.missing_headers(["Frage", "n A", "Prüf-größe", "95 %-KI"], page) == []
    # "Details" heads two tables; the printout shows only one of them
    assert pr.missing_headers(["Details", "Regel", "Details"], "Regel Details\f") == [
        "Details"]
    assert pr.english_words("Siehe Details; raw\ncolumn X") == {"Details": 1,
                                                               "raw column": 1}


def test_wide_table_prints_without_clipping(wide_html, tmp_path):
    pr = _print_reports()
    try:
        tools = pr.find_tools()
    except pr.MissingToolError as exc:
        pytest.skip(str(exc))
    pdf = pr.print_pdf(wide_html, tmp_path / "wide.pdf", tools["chromium"])
    media = re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf.read_bytes())
    assert media is not None
    assert abs(float(media[1]) - 595.3) < 2 and abs(float(media[2]) - 841.9) < 2  # A4
    txt = pr.pdf_text(pdf, tools["pdftotext"])
    headers = pr.html_headers(wide_html.read_text(encoding="utf-8"))
    assert pr.missing_headers(headers, txt) == []
    # the last column's values are printed too, and numbers are not broken
    flat = " ".join(txt.split())
    assert flat.count("[−0,32; 0,00]") == 3
    assert "3.758,00" in flat and "1.198,4" in flat
    assert pr.unnumbered_pages(txt) == []  # "Seite N von M" on every page
    assert all("Breit" in page for page in txt.split("\f") if page.strip())  # running head


def test_unnumbered_pages_are_found():
    pr = _print_reports()
    assert pr.unnumbered_pages("a\n  Seite 1 von 3\fb Seite 2 von 3\fc\f") == [3]
    assert pr.unnumbered_pages("Page 1 of 1\f") == []
    assert pr.unnumbered_pages("Seite 1 von 2\fSeite 1 von 2\f") == [2]  # wrong N


def _sections_notebook(path: Path) -> Path:
    """An executed notebook as survey.page writes it: per section a paragraph of varying
    length, a heading with its one-line base in an output of its own (Page.subsection),
    then a tall figure in the next output, so that some heading falls near the foot of a
    page."""
    import base64

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4.5))
    ax.plot([0, 1], [0, 1])
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=60)
    plt.close(fig)
    png = base64.b64encode(buffer.getvalue()).decode("ascii")
    cells = []
    for k in range(1, 13):
        words = "Ein Satz über die Ergebnisse dieses Abschnitts. " * (4 + 7 * k % 23)
        outputs = [new_output("display_data", {"text/html": f"<p>{words}</p>"}),
                   new_output("display_data", {"text/html":
                              f'<h3 id="s-{k}" class="survey-heading">{k} Abschnitt '
                              f"Nummer {k}</h3><p>Basis: {k} von 200 Befragten</p>"})]
        cells.append(new_code_cell("", outputs=outputs))
        figure = (f'<figure class="survey-figure"><img alt="x" style="height:95mm" '
                  f'src="data:image/png;base64,{png}"/><figcaption>Abbildung {k}: '
                  f"Verteilung</figcaption></figure>")
        cells.append(new_code_cell("", outputs=[
            new_output("display_data", {"text/html": figure})]))
    nb = new_notebook(cells=cells, metadata={"language_info": {"name": "python"}})
    nbformat.write(nb, path)
    return path


def test_headings_stay_with_what_follows_in_print(tmp_path):
    """No heading at the foot of a page with its figure on the next; the check finds
    such a heading when the rule that keeps them together is taken out."""
    pr = _print_reports()
    try:
        tools = pr.find_tools()
    except pr.MissingToolError as exc:
        pytest.skip(str(exc))
    html = render.render_html(_sections_notebook(tmp_path / "s.ipynb"), tmp_path / "s.html")
    headings = pr._parse(html.read_text(encoding="utf-8")).headings
    assert len(headings) == 12
    pdf = pr.print_pdf(html, tmp_path / "s.pdf", tools["chromium"])
    assert pr.stranded_headings(headings, pr.pdf_text(pdf, tools["pdftotext"])) == []
    # control: without the rule for headings in HTML outputs, some heading is stranded
    text = html.read_text(encoding="utf-8")
    start = text.index("/* the same for the report's own headings")
    end = text.index("{ break-after: avoid; }", start) + len("{ break-after: avoid; }")
    bare = tmp_path / "bare.html"
    bare.write_text(text[:start] + text[end:], encoding="utf-8")
    pdf = pr.print_pdf(bare, tmp_path / "bare.pdf", tools["chromium"])
    assert pr.stranded_headings(headings, pr.pdf_text(pdf, tools["pdftotext"]))


def test_stranded_headings_are_found():
    pr = _print_reports()
    page = "Text\n2.1 Welche Geräte?\nBasis: 200 von 200 Befragten\n   Seite 1 von 2\f"
    assert pr.stranded_headings(["2.1 Welche Geräte?"], page + "Tabelle\fx\f") == [
        (1, "2.1 Welche Geräte?")]
    # a heading with its table below it on the same page is fine; so is the last page
    fine = "2.1 Welche Geräte?\nGerät  n  %\nPC  3  5\n" * 3 + "Seite 1 von 1\f"
    assert pr.stranded_headings(["2.1 Welche Geräte?"], fine) == []
    assert pr.stranded_headings(["2.1 Welche Geräte?"], page) == []
    # a section's introduction split at the foot of the page leaves its heading stranded;
    # a table begun below the heading does not
    intro = ("3 Codierte Antworten\nOffene Antworten, in Kategorien codiert; "
             "Mehrfachnennungen möglich. Die Antworttexte selbst\nSeite 1 von 2\f")
    assert pr.stranded_headings(["3 Codierte Antworten"], intro + "werden nicht gezeigt.\f")
    # an entry of a table of contents that goes on over the page is no heading
    toc = "Inhalt\n3.4 Welche Medien?\n3.5 Welche Wege?\nSeite 1 von 2\f4 Skalen\f"
    assert pr.stranded_headings(["3.4 Welche Medien?", "3.5 Welche Wege?", "4 Skalen"],
                                toc) == []
    wrapped = "Inhalt\n3.4 Welche Medien\nnutzen Sie?\n3.5 Welche Wege?\nSeite 1 von 2\fx\f"
    assert pr.stranded_headings(["3.5 Welche Wege?"], wrapped) == []
    begun = "Stichprobe\nTabelle 14: Stichprobe – A × B\nFrage  p\nKinder ,001\fx\f"
    assert pr.stranded_headings(["Stichprobe"], begun) == []
