"""Tests of survey.frontpage: the index page of a reports folder.

The page lists per wave its title, field period and N, then each report with a relative
link, a one-line summary and whether it was made; a failed report gets one plain sentence,
never the technical error (which may quote a value or a respondent code). Expected texts are
written out by hand.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from survey.frontpage import build_index, failure_sentence

EXTERNAL = re.compile(r'(src|href)="https?://')


def _record(folder: Path, notebook: str, status: str, error: str | None = None, *,
            kind: str | None = None, report_title: str | None = None,
            wave_title: str = "Welle <1>", html: bool = True,
            summary: str | None = None) -> None:
    """A run record as survey.batch writes it beside a report (with the technical facts
    the index must not show)."""
    folder.mkdir(parents=True, exist_ok=True)
    rec = {
        "wave": folder.name, "wave_title": wave_title, "notebook": notebook, "status": status,
        "error": error, "started_at": "2024-01-01T10:00:00+01:00", "duration_s": 1234.5,
        "git_commit": "abc123def", "git_dirty": True, "raw_sha256": "f" * 64,
        "parameters": {"alpha": 0.05, "processed_dir": "/home/eva/geheim/processed"},
        "versions": {"python": "3.11.9"},
    }
    if kind is not None:
        rec["kind"] = kind
    if report_title is not None:
        rec["report_title"] = report_title
    if summary is not None:
        rec["summary"] = summary
    (folder / f"{notebook}.json").write_text(json.dumps(rec), encoding="utf-8")
    if status == "ok" and html:
        (folder / f"{notebook}.html").write_text("<html></html>", encoding="utf-8")


def _rows(text: str) -> list[list[str]]:
    """The body rows of the page's tables, as cell texts (tags removed)."""
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", text, re.DOTALL):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.DOTALL)
        if cells:
            rows.append([re.sub(r"<[^>]+>", "", c) for c in cells])
    return rows


def _body(text: str) -> str:
    """The page without its style sheet."""
    return text.split("</style>", 1)[1]


# --------------------------------------------------------------------------- the page


def test_build_index(tmp_path):
    _record(tmp_path / "w1", "01-cleaning", "ok", kind="cleaning")
    _record(tmp_path / "w1", "02-descriptives", "failed",
            "ValueError: <script>alert(1)</script> respondent T1-0002", kind="descriptives")
    (tmp_path / "w1" / "tables").mkdir()
    (tmp_path / "w1" / "tables" / "items.csv").write_text("a\n1\n", encoding="utf-8")
    index = build_index(tmp_path)
    text = index.read_text(encoding="utf-8")
    assert index == tmp_path / "index.html"
    assert text.startswith("<!DOCTYPE html>")
    assert '<html lang="de">' in text
    assert "<title>Berichte</title>" in text and "<h1>Berichte</h1>" in text
    assert '<a href="w1/01-cleaning.html">' in text  # relative link
    assert 'href="w1/02-descriptives.html"' not in text  # no link to a failed report
    # the error itself is nowhere, not even escaped
    for secret in ("<script>", "&lt;script&gt;", "alert(1)", "T1-0002", "ValueError"):
        assert secret not in text, secret
    # the technical facts of the run record stay in the record
    for secret in ("abc123def", "fffffff", "1234", "1.234", "3.11.9", "/home/eva", "geheim",
                   "2024", "alpha"):
        assert secret not in _body(text), secret
    assert "Welle &lt;1&gt;" in text  # the wave title from the record, escaped
    assert "<h2>Welle <1></h2>" not in text
    # no link to a folder (it breaks once the page is e-mailed or zipped): named instead
    assert 'href="w1/tables' not in text and "„w1/tables“" in text
    assert all(not href.endswith("/") for href in re.findall(r'href="([^"]*)"', text))
    assert EXTERNAL.search(text) is None
    assert "<script" not in text and "<link" not in text  # inline CSS only


def test_rows_show_title_summary_and_status(tmp_path):
    _record(tmp_path / "w1", "01-cleaning", "ok", kind="cleaning")
    _record(tmp_path / "w1", "02-descriptives", "failed", "ValueError: x", kind="descriptives")
    _record(tmp_path / "w1", "07-extra", "ok")  # no kind: the notebook's name, no summary
    text = build_index(tmp_path).read_text(encoding="utf-8")
    assert _rows(text) == [
        ["Datenqualität und Bereinigung",
         "Wie vollständig die Antworten sind und was die Bereinigung verändert hat.",
         "erstellt"],
        ["Deskriptive Auswertung",
         "Nicht erstellt: Bei der Berechnung ist ein Fehler aufgetreten; Einzelheiten stehen "
         "im Protokoll des Laufs.",
         "nicht erstellt"],
        ["07-extra", "", "erstellt"],
    ]
    assert '<td class="status ok">erstellt</td>' in text
    assert '<td class="status failed">nicht erstellt</td>' in text
    # the header of the table
    assert "<th>Bericht</th><th>Kurz gesagt</th><th>Status</th>" in text


def test_report_title_from_the_page_is_preferred_and_escaped(tmp_path):
    _record(tmp_path / "w1", "01-cleaning", "ok", kind="cleaning",
            report_title="Qualität <und> Bereinigung")
    text = build_index(tmp_path).read_text(encoding="utf-8")
    assert '<a href="w1/01-cleaning.html">Qualität &lt;und&gt; Bereinigung</a>' in text


def test_an_ok_record_without_its_page_is_not_linked(tmp_path):
    # the record says ok, but the HTML is gone: no dead link, shown as not made
    _record(tmp_path / "w1", "01-cleaning", "ok", kind="cleaning", html=False)
    text = build_index(tmp_path).read_text(encoding="utf-8")
    assert 'href="w1/01-cleaning.html"' not in text
    assert _rows(text)[0][2] == "nicht erstellt"


@pytest.mark.parametrize(
    ("error", "sentence"),
    [
        ("wave not run: raw.csv, row 3: 'T1-0002' is not a code",
         "Nicht erstellt: Die Rohdaten dieser Erhebung enthalten Fehler, die die Bereinigung "
         "verhindern; Einzelheiten zeigt „survey validate w1“."),
        ("cleaning failed: KeyError: 'T1-0002'",
         "Nicht erstellt: Die Bereinigung ist mit einem Programmfehler abgebrochen; "
         "Einzelheiten stehen im Protokoll des Laufs."),
        ("not run: compared wave(s) w2 failed",
         "Nicht erstellt, weil eine der verglichenen Erhebungen nicht bereinigt werden "
         "konnte."),
        ("not run: unknown parameter 'alphaa'",
         "Nicht erstellt: Die Einstellungen des Laufs passen nicht zum Bericht; Einzelheiten "
         "stehen im Protokoll des Laufs."),
        ("rendering HTML failed: OSError: disk full",
         "Nicht erstellt: Die Berechnung lief, aber die Seite konnte nicht erzeugt werden; "
         "Einzelheiten stehen im Protokoll des Laufs."),
        ("ValueError: <script>alert('T1-0002')</script>",
         "Nicht erstellt: Bei der Berechnung ist ein Fehler aufgetreten; Einzelheiten stehen "
         "im Protokoll des Laufs."),
        (None,
         "Nicht erstellt: Bei der Berechnung ist ein Fehler aufgetreten; Einzelheiten stehen "
         "im Protokoll des Laufs."),
        # a prefix only counts at the start
        ("KeyError: wave not run: x",
         "Nicht erstellt: Bei der Berechnung ist ein Fehler aufgetreten; Einzelheiten stehen "
         "im Protokoll des Laufs."),
    ],
)
def test_failure_sentence(error, sentence):
    assert failure_sentence(error, "w1", "de") == sentence


def test_failure_sentence_in_english():
    assert failure_sentence("wave not run: x", "w1", "en") == (
        "Not made: the raw data of this wave have errors that prevent cleaning; "
        "\"survey validate w1\" shows the details.")
    assert failure_sentence("not run: compared wave(s) w1 failed", "comparison", "en") == (
        "Not made because one of the compared waves could not be cleaned.")
    assert failure_sentence("not run: bad", "w1", "en") == (
        "Not made: the run's settings do not fit the report; the run's log has the details.")
    assert failure_sentence("cleaning failed: x", "w1", "en").startswith(
        "Not made: cleaning stopped with a program error")
    assert failure_sentence("rendering HTML failed: x", "w1", "en").startswith(
        "Not made: the analysis ran but the page could not be produced")
    assert failure_sentence("boom", "w1", "en") == (
        "Not made: an error occurred during the analysis; the run's log has the details.")


@pytest.mark.parametrize(
    "error",
    ["wave not run: /home/eva/raw.csv, row 3: 'T1-0002' <script>x</script>",
     "cleaning failed: KeyError: 'T1-0002' <script>x</script>",
     "not run: compared wave(s) T1-0002 <script>x</script> failed",
     "not run: T1-0002 <script>x</script>",
     "rendering HTML failed: T1-0002 <script>x</script>",
     "RuntimeError: T1-0002 <script>x</script>"],
)
def test_a_failed_report_shows_only_its_sentence(tmp_path, error):
    _record(tmp_path / "w1", "02-descriptives", "failed", error, kind="descriptives")
    text = build_index(tmp_path).read_text(encoding="utf-8")
    for secret in ("T1-0002", "script", "/home/eva", "raw.csv", "KeyError", "RuntimeError"):
        assert secret not in _body(text), (error, secret)
    assert _rows(text)[0][1] == failure_sentence(error, "w1", "de")


def test_waves_info_title_period_and_n(tmp_path):
    _record(tmp_path / "w1", "01-cleaning", "ok", kind="cleaning")
    text = build_index(tmp_path, waves={
        "w1": {"title": "Welle 1", "fielded": "2021-04-01/2021-04-30", "n": 24}}).read_text(
        encoding="utf-8")
    assert "<h2>Welle 1</h2>" in text  # the registry's title, not the record's
    assert "Welle &lt;1&gt;" not in text
    assert '<p class="meta">Feldzeit 01.04.2021–30.04.2021 · 24 Befragte</p>' in text


def test_waves_info_numbers_and_free_periods(tmp_path):
    _record(tmp_path / "w1", "01-cleaning", "ok", kind="cleaning")
    _record(tmp_path / "w2", "01-cleaning", "ok", kind="cleaning")
    _record(tmp_path / "w3", "01-cleaning", "ok", kind="cleaning")
    text = build_index(tmp_path, waves={
        "w1": {"title": "Welle 1", "fielded": "Frühjahr 2021", "n": 1234},
        "w2": {"title": "Welle 2", "n": 0},          # N = 0 is a fact too
        "w3": {"title": "Welle 3", "n": None},       # nothing known: no line
    }).read_text(encoding="utf-8")
    assert '<p class="meta">Feldzeit Frühjahr 2021 · 1.234 Befragte</p>' in text
    assert '<h2>Welle 2</h2>\n<p class="meta">0 Befragte</p>' in text
    assert '<h2>Welle 3</h2>\n<table>' in text


def test_waves_in_the_order_given_then_the_rest_alphabetically(tmp_path):
    for wave in ("a-first", "w1", "w2", "zz", "comparison"):
        _record(tmp_path / wave, "01-cleaning", "ok", kind="cleaning", wave_title=wave)
    text = build_index(tmp_path, waves={
        "w2": {"title": "Zweite"}, "w1": {"title": "Erste"},
        "missing": {"title": "Ohne Berichte"},   # no records: not shown
        "comparison": {"title": "Vergleich"}}).read_text(encoding="utf-8")
    assert re.findall(r"<h2>(.*?)</h2>", text) == ["Zweite", "Erste", "Vergleich", "a-first",
                                                   "zz"]
    links = re.findall(r'<a href="([^"]+)"', text)
    assert links == ["w2/01-cleaning.html", "w1/01-cleaning.html",
                     "comparison/01-cleaning.html", "a-first/01-cleaning.html",
                     "zz/01-cleaning.html"]
    assert all(not link.startswith(("/", "http", "file:")) for link in links)


def test_reports_of_a_wave_in_notebook_order(tmp_path):
    _record(tmp_path / "w1", "03-group-comparisons", "ok", kind="comparisons")
    _record(tmp_path / "w1", "01-cleaning", "ok", kind="cleaning")
    _record(tmp_path / "w1", "02-descriptives", "ok", kind="descriptives")
    text = build_index(tmp_path).read_text(encoding="utf-8")
    assert re.findall(r'<a href="w1/([^"]+)"', text) == [
        "01-cleaning.html", "02-descriptives.html", "03-group-comparisons.html"]


def test_workbook_and_csv_folder_links(tmp_path):
    _record(tmp_path / "w1", "01-cleaning", "ok", kind="cleaning")
    _record(tmp_path / "w2", "01-cleaning", "ok", kind="cleaning")
    (tmp_path / "w1" / "tabellen.xlsx").write_bytes(b"PK")
    (tmp_path / "w1" / "tables").mkdir()
    (tmp_path / "w1" / "tables" / "frequencies.csv").write_text("a\n", encoding="utf-8")
    (tmp_path / "w2" / "tables").mkdir()  # an empty folder is no link
    text = build_index(tmp_path).read_text(encoding="utf-8")
    assert ('<p class="meta">Alle Tabellen: <a href="w1/tabellen.xlsx">Excel-Arbeitsmappe</a>'
            ' · jede Tabelle auch als CSV-Datei im Ordner „w1/tables“</p>') in text
    assert 'href="w2/tables/' not in text
    assert text.count("Alle Tabellen") == 1


def test_summary_line_counts_reports_and_failures(tmp_path):
    _record(tmp_path / "w1", "01-cleaning", "ok", kind="cleaning")
    _record(tmp_path / "w1", "02-descriptives", "failed", "x", kind="descriptives")
    _record(tmp_path / "w2", "02-descriptives", "failed", "x", kind="descriptives")
    text = build_index(tmp_path).read_text(encoding="utf-8")
    meta = re.search(r'<h1>Berichte</h1>\n<p class="meta">(.*?)</p>', text).group(1)
    # "Stand: <local date and time> · 3 Berichte", then the 2 failed
    assert re.fullmatch(r"Stand: \d\d\.\d\d\.\d{4} \d\d:\d\d · 3 Berichte\. "
                        r"Davon nicht erstellt: 2\.", meta), meta


def test_internal_flag_shows_the_intern_line(tmp_path):
    _record(tmp_path / "w1", "01-cleaning", "ok", kind="cleaning")
    shared = build_index(tmp_path).read_text(encoding="utf-8")
    assert "INTERN" not in shared and 'class="intern"' not in shared
    internal = build_index(tmp_path, internal=True).read_text(encoding="utf-8")
    assert ('<p class="intern">INTERN – ungekürzte Fassung für das Auswertungsteam, nicht zur '
            "Weitergabe</p>") in internal
    # at the top: before the first wave
    assert internal.index('class="intern"') < internal.index("<h2>")


def test_english_page(tmp_path):
    _record(tmp_path / "w1", "01-cleaning", "ok", kind="cleaning")
    _record(tmp_path / "w1", "02-descriptives", "failed", "wave not run: x",
            kind="descriptives")
    text = build_index(tmp_path, language="en", internal=True, waves={
        "w1": {"title": "Wave 1", "fielded": "2021-04-01/2021-04-30", "n": 1234}}).read_text(
        encoding="utf-8")
    assert '<html lang="en">' in text
    assert "<h1>Reports</h1>" in text
    assert '<p class="meta">Field period 1 Apr 2021–30 Apr 2021 · 1,234 respondents</p>' \
        in text
    assert _rows(text) == [
        ["Data quality and cleaning", "How complete the answers are and what cleaning changed.",
         "made"],
        ["Descriptive analysis",
         "Not made: the raw data of this wave have errors that prevent cleaning; \"survey "
         "validate w1\" shows the details.".replace('"', "&quot;"),
         "not made"],
    ]
    assert "<th>Report</th><th>In brief</th><th>Status</th>" in text
    assert "INTERNAL – unsuppressed version" in text
    assert re.search(r'<p class="meta">As of \d{1,2} \w{3} \d{4} \d\d:\d\d · 2 reports\. '
                     r"Not made: 1\.</p>", text)
    for german in ("Berichte", "erstellt", "Feldzeit", "Befragte", "Stand"):
        assert german not in _body(text), german


def test_custom_title_is_escaped(tmp_path):
    text = build_index(tmp_path, title="Studie <A>").read_text(encoding="utf-8")
    assert "<title>Studie &lt;A&gt;</title>" in text and "<h1>Studie &lt;A&gt;</h1>" in text


def test_build_index_empty(tmp_path):
    target = build_index(tmp_path / "reports")  # the folder does not exist yet
    text = target.read_text(encoding="utf-8")
    assert target == tmp_path / "reports" / "index.html"
    assert "<p>Noch keine Berichte.</p>" in text
    assert "<table>" not in text
    english = build_index(tmp_path / "reports", language="en").read_text(encoding="utf-8")
    assert "<p>No reports yet.</p>" in english


def test_other_json_files_are_not_records(tmp_path):
    (tmp_path / "w1").mkdir()
    (tmp_path / "w1" / "settings.json").write_text('{"alpha": 0.05}', encoding="utf-8")
    (tmp_path / "w1" / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "w1" / "list.json").write_text("[1, 2]", encoding="utf-8")
    (tmp_path / "top.json").write_text('{"notebook": "x", "status": "ok"}', encoding="utf-8")
    text = build_index(tmp_path).read_text(encoding="utf-8")
    assert "<p>Noch keine Berichte.</p>" in text
    assert "<h2>" not in text


def test_nothing_external_and_everything_escaped(tmp_path):
    _record(tmp_path / "w<1>", "01-cleaning", "ok", kind="cleaning",
            report_title='Titel "mit" <i>Markup</i>', wave_title="<img src=x>")
    _record(tmp_path / "w<1>", "02-x", "failed", "boom", kind="<b>no-kind</b>")
    text = build_index(tmp_path, waves={"w<1>": {"title": "<svg onload=alert(1)>",
                                                 "fielded": "<i>Frühjahr</i>"}}
                       ).read_text(encoding="utf-8")
    assert EXTERNAL.search(text) is None
    body = _body(text)
    for raw in ("<i>", "<img", "<svg", "<b>"):
        assert raw not in body, raw
    assert 'href="w&lt;1&gt;/01-cleaning.html"' in body
    assert "&lt;svg onload=alert(1)&gt;" in body




def test_rows_show_the_reports_own_first_finding(tmp_path):
    _record(tmp_path / "w1", "03-group-comparisons", "ok", kind="comparisons",
            summary="3 von 40 Vergleichen unterscheiden sich signifikant.")
    rows = _rows(build_index(tmp_path).read_text(encoding="utf-8"))
    assert rows[0][1] == "3 von 40 Vergleichen unterscheiden sich signifikant."


def test_comparison_block_names_field_period_and_n_of_each_wave(tmp_path):
    _record(tmp_path / "comparison", "06-wave-comparison", "ok", kind="waves")
    waves = {"comparison": {"title": "Vergleich", "compared": [
        {"title": "Welle 1", "fielded": "2021-04-01/2021-04-30", "n": 24},
        {"title": "Welle 2", "fielded": "2022-01-10/2022-02-28", "n": 200}]}}
    text = build_index(tmp_path, waves=waves).read_text(encoding="utf-8")
    items = [re.sub(r"<[^>]+>", "", li) for li in re.findall(r"<li>(.*?)</li>", text)]
    assert items[0].startswith("Welle 1 (") and "24 Befragte" in items[0]
    assert "2021" in items[0] and "200 Befragte" in items[1] and "2022" in items[1]


def test_heading_names_the_study_the_waves_share(tmp_path):
    _record(tmp_path / "w1", "01-cleaning", "ok", kind="cleaning")
    waves = {"w1": {"title": "ANNA – 1. Erhebung"}, "w2": {"title": "ANNA – 2. Erhebung"}}
    assert "<h1>ANNA: Berichte</h1>" in build_index(tmp_path, waves=waves).read_text("utf-8")
    waves = {"w1": {"title": "ANNA – 1. Erhebung"}, "w2": {"title": "BERTA – 2. Erhebung"}}
    assert "<h1>Berichte</h1>" in build_index(tmp_path, waves=waves).read_text("utf-8")


def test_a_monitoring_wave_counts_participants(tmp_path):
    _record(tmp_path / "m", "07-monitoring", "ok", kind="monitoring")
    waves = {"m": {"title": "Projektdaten", "fielded": None, "n": 63, "unit": "participants"}}
    text = build_index(tmp_path, waves=waves).read_text(encoding="utf-8")
    assert "63 Teilnehmende" in text and "Befragte" not in _body(text)
