"""Tests of survey.page: dates, field periods, the numbered furniture of a report page and
its appendix.

What a page shows is captured by replacing ``survey.page._display`` (which hands HTML to
IPython) with a list's ``append``. Expected strings are written out by hand.
"""

from __future__ import annotations

import base64
import datetime
import re
import time
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from survey import tables
from survey.disclosure import SUPPRESSED, SUPPRESSED_NEAR_TOTAL, SUPPRESSED_SMALL, Policy
from survey.page import HEADING_CLASS, Page, format_date, format_period, wave_facts

EVIL = "<b>x</b>"
EVIL_ESCAPED = "&lt;b&gt;x&lt;/b&gt;"
TODAY = datetime.date(2026, 11, 21)


@pytest.fixture
def berlin(monkeypatch):
    """Local time is Europe/Berlin (UTC+1 in November, UTC+2 in summer)."""
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is not available")
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _text(html: str) -> str:
    """The visible text of an HTML snippet (tags removed, entities left)."""
    return re.sub(r"<[^>]+>", "", html)


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        (datetime.date(2026, 11, 21), "de", "21.11.2026"),
        (datetime.date(2026, 11, 21), "en", "21 Nov 2026"),
        (datetime.date(2026, 3, 5), "de", "05.03.2026"),  # day and month with two digits
        (datetime.datetime(2026, 11, 21, 13, 5), "de", "21.11.2026"),  # naive: as it is
        ("2026-11-21", "de", "21.11.2026"),
        ("2026-11-21", "en", "21 Nov 2026"),
        ("2026-11-21T13:05:00", "de", "21.11.2026"),
        (None, "de", "–"),
        (None, "en", "–"),
        ("", "de", "–"),
        ("gestern", "de", "–"),  # unreadable
        ("2026-13-01", "de", "–"),  # no 13th month
    ],
)
def test_format_date(value, language, expected):
    assert format_date(value, language) == expected


def test_format_date_with_time():
    # a naive time is shown as it is; a date has no time to show
    assert format_date(datetime.datetime(2026, 11, 21, 9, 7), "de", time=True) == (
        "21.11.2026 09:07")
    assert format_date("2026-11-21T09:07:00", "en", time=True) == "21 Nov 2026 09:07"
    assert format_date(datetime.date(2026, 11, 21), "de", time=True) == "21.11.2026"


def test_format_date_converts_a_timestamp_to_local_time(berlin):
    # 23:30 UTC on 21 November is 00:30 on 22 November in Berlin (UTC+1): the date moves
    utc = datetime.datetime(2026, 11, 21, 23, 30, tzinfo=datetime.UTC)
    assert format_date(utc, "de", time=True) == "22.11.2026 00:30"
    assert format_date(utc, "de") == "22.11.2026"
    # an ISO string with an offset, as the provenance records hold it
    assert format_date("2026-11-21T23:30:00+00:00", "en", time=True) == "22 Nov 2026 00:30"
    # 10:00 at UTC−5 is 15:00 UTC = 17:00 in Berlin in summer (UTC+2)
    assert format_date("2026-07-01T10:00:00-05:00", "de", time=True) == "01.07.2026 17:00"


def test_format_date_in_another_time_zone(monkeypatch):
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is not available")
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        # 23:30 UTC = 18:30 in New York (UTC−5 in November): the date stays
        assert format_date("2026-11-21T23:30:00+00:00", "de", time=True) == "21.11.2026 18:30"
    finally:
        monkeypatch.undo()
        time.tzset()


@pytest.mark.parametrize(
    ("fielded", "language", "expected"),
    [
        ("2021-04-01/2021-04-30", "de", "01.04.2021–30.04.2021"),
        ("2021-04-01/2021-04-30", "en", "1 Apr 2021–30 Apr 2021"),
        ("2021-04-01 / 2021-04-30", "de", "01.04.2021–30.04.2021"),  # spaces around "/"
        ("2021-04-01", "de", "01.04.2021"),  # one day
        ("April 2021", "de", "April 2021"),  # free text as written
        ("Frühjahr 2021", "en", "Frühjahr 2021"),
        ("2021-04-01/April", "de", "2021-04-01/April"),  # half a date: as written
        ("", "de", "–"),
        (None, "de", "–"),
    ],
)
def test_format_period(fielded, language, expected):
    assert format_period(fielded, language) == expected


# --------------------------------------------------------------------------- numbering


def test_captions_count_tables_and_figures_separately():
    p = Page("cleaning", language="de", today=TODAY)
    assert p.caption("table", "Stichprobe") == "Tabelle 1: Stichprobe"
    assert p.caption("figure", "Antworten") == "Abbildung 1: Antworten"
    assert p.caption("table", "Alter") == "Tabelle 2: Alter"
    assert p.caption("table") == "Tabelle 3"  # no caption: the number alone
    assert p.caption("figure", "Geräte") == "Abbildung 2: Geräte"
    en = Page("cleaning", language="en", today=TODAY)
    assert en.caption("table", "Sample") == "Table 1: Sample"
    assert en.caption("figure", "Answers") == "Figure 1: Answers"
    assert en.caption("figure") == "Figure 2"


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="language"):
        Page("cleaning", language="fr")


def test_sections_and_subsections_are_numbered(shown):
    p = Page("cleaning", language="de", today=TODAY)
    p.section(title="Eins")        # 1
    p.subsection("Eins-eins")      # 1.1
    p.subsection("Eins-zwei")      # 1.2
    p.section(title="Zwei")        # 2 (subsections start again)
    p.subsection("Zwei-eins")      # 2.1
    p.heading("ohne Nummer")       # h4, not numbered
    p.section(title="Drei")        # 3
    headings = re.findall(r'<h([234])([^>]*)>(.*?)</h\1>', "".join(shown))
    assert [(level, _text(inner)) for level, _, inner in headings] == [
        ("2", "1 Eins"), ("3", "1.1 Eins-eins"), ("3", "1.2 Eins-zwei"), ("2", "2 Zwei"),
        ("3", "2.1 Zwei-eins"), ("4", "ohne Nummer"), ("2", "3 Drei")]
    ids = [re.search(r'id="([^"]+)"', attrs) for _, attrs, _ in headings]
    assert [m.group(1) if m else None for m in ids] == [
        "s-1", "s-1-1", "s-1-2", "s-2", "s-2-1", None, "s-3"]
    numbered = [attrs for level, attrs, _ in headings if level != "4"]
    assert all(f'class="{HEADING_CLASS}"' in attrs for attrs in numbered)
    assert HEADING_CLASS not in headings[5][1]


def test_section_from_the_catalogue_with_its_paragraph(shown):
    p = Page("cleaning", language="en", today=TODAY)
    p.section("missing")
    assert _text(shown[0]).startswith("1 Missing values by question")
    assert "<p>" in shown[0]  # page.cleaning.missing.text exists: shown below the title
    # a section whose title has a placeholder, filled and escaped
    p.section("ratings", label=EVIL)
    assert f"2 Session ratings: {EVIL_ESCAPED}" in _text(shown[1])
    assert EVIL not in shown[1]


def test_numbers_tables_and_figures_in_the_page(shown):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    p = Page("cleaning", language="de", today=TODAY)
    p.table(pd.DataFrame({"a": ["1"]}), "Erste")
    fig = Figure()
    fig.add_subplot().plot([1, 2])
    p.figure(fig, "Bild")
    p.table(pd.DataFrame({"a": ["2"]}), "Zweite")
    p.figure(fig, "Noch ein Bild")
    captions = [_text(m) for m in re.findall(r"<caption>.*?</caption>|<figcaption>.*?"
                                             r"</figcaption>", "".join(shown))]
    assert captions == ["Tabelle 1: Erste", "Abbildung 1: Bild", "Tabelle 2: Zweite",
                        "Abbildung 2: Noch ein Bild"]


def test_figure_embeds_a_png_with_alt_text(shown):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    fig = Figure()
    fig.add_subplot().bar([1, 2], [3, 4])
    p = Page("cleaning", language="en", today=TODAY)
    p.figure(fig, "Answers", alt="Bars of <two> answers")
    p.figure(fig, "Default alt")
    first, second = shown
    assert first.startswith('<figure class="survey-figure">')
    src = re.search(r'src="data:image/png;base64,([^"]+)"', first).group(1)
    assert base64.b64decode(src)[:8] == b"\x89PNG\r\n\x1a\n"
    assert 'alt="Bars of &lt;two&gt; answers"' in first
    assert "<figcaption>Figure 1: Answers</figcaption>" in first
    assert 'alt="Default alt"' in second  # the caption is the default alt text
    assert "<figcaption>Figure 2: Default alt</figcaption>" in second
    assert "http" not in first  # nothing loaded from elsewhere


def test_table_takes_a_styler_from_tables_display(shown):
    frame = pd.DataFrame({"variable": ["v"], "label": ["Alter"], "n": [24], "not_asked": [0],
                          "n_base": [24], "n_valid": [20], "dont_know": [0], "no_answer": [0],
                          "system": [4], "invalid": [0], "n_missing": [4],
                          "pct_missing": [100 * 4 / 24]})
    # as the disclosure plan would return it: the 4 blank answers ("system", and the
    # 4 missing in all) are "< 5", the 20 valid answers withheld with them (24 − 20 = 4),
    # the percentage missing too (its base would give the 4 back)
    withheld = "n_valid;system;n_missing;pct_missing"
    frame = frame.assign(n_valid=pd.array([pd.NA], dtype="Int64"),
                         system=pd.array([pd.NA], dtype="Int64"),
                         n_missing=pd.array([pd.NA], dtype="Int64"), pct_missing=[float("nan")],
                         **{SUPPRESSED: [withheld], SUPPRESSED_SMALL: ["system;n_missing"],
                            SUPPRESSED_NEAR_TOTAL: [""]})
    p = Page("cleaning", language="de", today=TODAY)
    p.table(tables.display(frame, "missingness", policy=p.policy), "Fehlende Werte")
    html = shown[0]
    assert "<caption>Tabelle 1: Fehlende Werte</caption>" in html
    cells = re.findall(r"<td [^>]*>([^<]*)</td>", html)
    # Frage, gefragt, gültig, weiß nicht, keine Angabe, leer, ungültig, fehlend, % fehlend
    assert cells == ["Alter", "24", ".", "0", "0", "&lt; 5", "0", "&lt; 5", "."]


def test_cell_and_withholds_follow_the_bookkeeping():
    # a row of a planned table: n is "< 10", its share withheld with it, m is shown
    row = {"n": pd.NA, "pct": float("nan"), "m": 1234, SUPPRESSED: "n;pct",
           SUPPRESSED_SMALL: "n", SUPPRESSED_NEAR_TOTAL: ""}
    p = Page("cleaning", language="de", policy=Policy(10), today=TODAY)
    assert p.cell(row, "n") == "< 10"
    assert p.cell(row, "pct", "percent") == "."
    assert p.cell(row, "m") == "1.234"
    assert p.withholds(row, "n") and p.withholds(row, "m", "pct")
    assert not p.withholds(row, "m")
    assert not p.withholds({"m": 3}, "m")  # no bookkeeping: nothing listed


def test_a_page_without_a_wave_has_no_plan():
    frame = pd.DataFrame({"x": [1.5]})
    p = Page("cleaning", today=TODAY)
    with pytest.raises(ValueError, match="says where tables go"):
        p.publish(frame, "x")
    with pytest.raises(ValueError, match="has no plan"):
        p.withheld(frame, "x")


# --------------------------------------------------------------------------- header


def _header(shown, **kwargs) -> str:
    p = Page("cleaning", study="Familienstudie", wave_title="Welle 1",
             fielded="2021-04-01/2021-04-30", n=1234, today=TODAY, **kwargs)
    p.header()
    assert len(shown) == 2  # before and after the room for the key findings
    return "".join(shown)


def test_header_german(shown):
    html = _header(shown)
    # the title from the catalogue (page.cleaning.title), marked with the page's kind
    assert '<h1 class="survey-title" data-kind="cleaning">Datenqualität und Bereinigung</h1>' \
        in html
    facts = dict(re.findall(r"<tr><th>(.*?)</th><td>(.*?)</td></tr>", html))
    assert facts == {"Fragebogen": "Familienstudie", "Erhebung": "Welle 1",
                     "Feldzeit": "01.04.2021–30.04.2021", "Befragte (N)": "1.234",
                     "Bericht erstellt am": "21.11.2026"}
    # room for the table of contents, filled when the page is rendered
    assert '<nav class="survey-toc" lang="de"><p class="survey-toc-title">Inhalt</p></nav>' \
        in html
    # shared version: the legend of markers, no "intern"
    assert '<p class="survey-legend">' in html
    assert "&lt; 5: weniger als 5 Fälle" in html
    assert "survey-intern" not in html
    assert "INTERN" not in html
    # the introduction (page.cleaning.intro)
    assert "Wie vollständig sind die Antworten" in html


def test_header_english_with_another_threshold(shown):
    html = _header(shown, language="en", policy=Policy(10))
    assert ">Data quality and cleaning</h1>" in html
    facts = dict(re.findall(r"<tr><th>(.*?)</th><td>(.*?)</td></tr>", html))
    assert facts == {"Questionnaire": "Familienstudie", "Wave": "Welle 1",
                     "Field period": "1 Apr 2021–30 Apr 2021", "Respondents (N)": "1,234",
                     "Report date": "21 Nov 2026"}
    assert 'lang="en"' in html and ">Contents</p>" in html
    assert "&lt; 10: fewer than 10 cases" in html


def test_header_internal_is_marked_and_has_no_legend(shown):
    html = _header(shown, policy=Policy(internal=True))
    mark = "INTERN – ungekürzte Fassung für das Auswertungsteam, nicht zur Weitergabe"
    assert f'<div class="survey-intern">{mark}</div>' in html
    # once more for every printed page
    assert re.search(r'<div class="survey-intern-print"[^>]*>' + re.escape(mark), html)
    assert "survey-legend" not in html
    # the mark comes before the title
    assert html.index("survey-intern") < html.index("survey-title")


def test_header_leaves_out_unknown_facts(shown):
    p = Page("cleaning", today=TODAY)  # no study, wave, period or N
    p.header(legend=False)
    facts = dict(re.findall(r"<tr><th>(.*?)</th><td>(.*?)</td></tr>", shown[0]))
    assert facts == {"Bericht erstellt am": "21.11.2026"}
    assert "survey-legend" not in shown[0]


def test_header_of_n_zero_is_shown(shown):
    p = Page("cleaning", n=0, today=TODAY)
    p.header()
    facts = dict(re.findall(r"<tr><th>(.*?)</th><td>(.*?)</td></tr>", shown[0]))
    assert facts.get("Befragte (N)") == "0"


# --------------------------------------------------------------------------- escaping


def test_everything_is_escaped(shown):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    p = Page("cleaning", study=EVIL, wave_title=EVIL, fielded=EVIL, n=3, today=TODAY)
    p.header()
    p.section(title=EVIL)
    p.section("ratings", label=EVIL)
    p.subsection(EVIL)
    p.subsection("x", key="ratings.text", label=EVIL)
    p.heading(EVIL)
    p.paragraph(EVIL)
    p.remark(EVIL)
    p.bullets([EVIL, "zwei"])
    p.small("page.test_choice", [EVIL])
    p.table(pd.DataFrame({"Spalte": [EVIL]}), EVIL)
    fig = Figure()
    fig.add_subplot().plot([1])
    p.figure(fig, EVIL, alt=EVIL)
    p.appendix([(EVIL, EVIL)], tables=[(EVIL, pd.DataFrame({"a": [EVIL]}))])
    html = "\n".join(shown)
    assert EVIL not in html
    assert "<b>" not in html
    # every place shows it, escaped once (not "&amp;lt;")
    assert html.count(EVIL_ESCAPED) >= 18
    assert "&amp;lt;" not in html


def test_table_headers_are_escaped(shown):
    p = Page("cleaning", today=TODAY)
    p.table(pd.DataFrame({EVIL: ["1"]}), "Tabelle")
    assert EVIL not in shown[0]


def test_text_note_and_empty_lists(shown):
    p = Page("cleaning", language="de", today=TODAY)
    p.text("missing.none")
    p.note("missing.none")
    p.bullets([])  # nothing shown for nothing
    p.small("page.test_choice", [])
    assert shown == ["<p>Keine fehlenden Werte.</p>",
                     '<p class="survey-note"><strong>Hinweis:</strong> Keine fehlenden '
                     "Werte.</p>"]


def test_t_prefers_the_page_kind_and_falls_back_to_a_full_key():
    p = Page("cleaning", language="en")
    assert p.t("title") == "Data quality and cleaning"  # page.cleaning.title
    assert p.t("page.toc") == "Contents"  # a full key
    assert p.t("ratings", label="SRS") == "Session ratings: SRS"
    assert p.has("intro") and p.has("page.toc") and not p.has("no.such.key")
    assert p.number(1234.5, "percent") == "1,234.5"
    assert Page("cleaning").number(1234.5, "percent") == "1.234,5"


# --------------------------------------------------------------------------- appendix


def _wave_data() -> SimpleNamespace:
    provenance = {
        "raw": "/home/eva/study/data/raw/w1/export_2021.csv",
        "n_rows": 1234,
        "raw_sha256": "ab" * 32,
        "ratings_sha256": "cd" * 32,
        "cleaned_at": "2026-11-21T23:30:00+00:00",
        "survey_version": "0.1.0",
    }
    ratings = SimpleNamespace(raw=Path("/home/eva/study/data/raw/w1/srs.csv"))
    codebook = SimpleNamespace(path=Path("/home/eva/study/data/raw/w1/codebook.yml"),
                               title="Familienstudie", language="de", session_ratings=ratings)
    wave = SimpleNamespace(title="Welle 1", fielded="2021-04-01/2021-04-30")
    return SimpleNamespace(provenance=provenance, codebook=codebook, wave=wave,
                           data=list(range(24)))


def test_wave_facts_show_names_not_paths(berlin):
    facts = dict(wave_facts(_wave_data(), "de"))
    assert facts == {
        "Rohdatei": "export_2021.csv",
        "Zeilen der Rohdatei": "1.234",
        "SHA-256 der Rohdatei": "ab" * 32,
        "Datei der Rückmeldebögen": f"srs.csv (SHA-256 {'cd' * 32})",
        "Codebuch": "codebook.yml",
        # 23:30 UTC = 00:30 the next day in Berlin
        "Bereinigt am": "22.11.2026 00:30",
        "survey-Version": "0.1.0",
    }


def test_wave_facts_without_provenance():
    wd = _wave_data()
    wd.provenance = None
    wd.codebook.session_ratings = None
    facts = dict(wave_facts(wd, "en"))
    assert facts["Raw file"] == "–"
    assert facts["Rows of the raw file"] == "–"
    assert facts["Cleaned on"] == "–"
    assert "Session-rating file" not in facts  # no ratings file: no row
    assert facts["Codebook"] == "codebook.yml"


def test_wave_appendix(shown, berlin):
    wd = _wave_data()
    p = Page.for_wave(wd, "cleaning", policy=Policy(5))
    p.wave_appendix(wd, {"wave": "w1", "waves_file": "/home/eva/study/waves.yml",
                         "processed_dir": "/home/eva/study/data/processed",
                         "out_dir": "/home/eva/study/reports", "min_cell": 5,
                         "internal": False},
                    tables=[("Spalten", pd.DataFrame({"Frage": ["Alter"]}))])
    html = "\n".join(shown)
    assert "/home/eva" not in html  # file names only
    assert "export_2021.csv" in html and "srs.csv" in html and "codebook.yml" in html
    assert "22.11.2026 00:30" in html  # local time
    assert "1.234" in html
    # analysis parameters, paths left out
    assert "min_cell = 5, internal = False" in html
    assert "waves.yml" not in html and "wave = " not in html and "out_dir" not in html
    # a numbered section with its paragraph, then numbered tables
    assert _text(shown[0]).startswith("1 Anhang: Technische Angaben für das Auswertungsteam")
    assert "Für die Nachvollziehbarkeit" in shown[0]
    captions = [_text(c) for c in re.findall(r"<caption>.*?</caption>", html)]
    assert captions == ["Tabelle 1: Daten, Parameter und Programmversionen",
                        "Tabelle 2: Spalten"]
    assert "Pakete" in html and "pandas " in html


def test_wave_facts_ratings_file_without_checksum():
    wd = _wave_data()
    del wd.provenance["ratings_sha256"]
    assert dict(wave_facts(wd, "de"))["Datei der Rückmeldebögen"] == "srs.csv"


def test_for_wave_takes_the_wave_facts(shown):
    wd = _wave_data()
    policy = Policy(7, internal=True)
    p = Page.for_wave(wd, "cleaning", policy=policy)
    assert (p.language, p.study, p.wave_title, p.fielded, p.n, p.internal, p.min_cell) == (
        "de", "Familienstudie", "Welle 1", "2021-04-01/2021-04-30", 24, True, 7)
    assert p.policy is policy and p.wd is wd
    assert p.tables_dir is None  # no out_dir: publish has nowhere to write


def test_for_wave_writes_internal_tables_only_beside_the_reports(tmp_path):
    wd = _wave_data()
    wd.wave.name = "w1"
    reports = tmp_path / "reports"
    shared = Page.for_wave(wd, "cleaning", policy=Policy(5), out_dir=reports)
    assert shared.tables_dir == reports / "w1" / "tables"
    intern = Page.for_wave(wd, "cleaning", policy=Policy(5, internal=True), out_dir=reports)
    assert intern.tables_dir.resolve() == (tmp_path / "reports-intern" / "w1" / "tables").resolve()
    with pytest.raises(ValueError, match="reports-intern"):
        Page.for_wave(wd, "cleaning", policy=Policy(5, internal=True), out_dir=tmp_path / "x")


def test_appendix_accepts_a_mapping_and_shows_missing_values_as_dash(shown):
    p = Page("cleaning", language="en", today=TODAY)
    p.appendix({"Seed": 42, "Empty": None, "Blank": ""})
    table = shown[1]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", table)
    assert cells == ["Seed", "42", "Empty", "–", "Blank", "–"]
    headers = re.findall(r"<th[^>]*>(.*?)</th>", table)
    assert headers == ["Item", "Value"]


def test_package_versions():
    from survey.versions import versions_line

    versions = versions_line(("pandas", "no-such-package-xyz"))
    assert versions == f"pandas {pd.__version__}"  # unknown packages left out


def test_header_shows_one_title_when_study_and_wave_say_the_same(shown):
    p = Page("cleaning", study="ANNA – 2. Erhebung (synthetisch)", wave_title="ANNA – 2. Erhebung",
             today=TODAY)
    p.header()
    facts = dict(re.findall(r"<tr><th>(.*?)</th><td>(.*?)</td></tr>", "".join(shown)))
    assert "Fragebogen" not in facts
    assert facts["Erhebung"] == "ANNA – 2. Erhebung (synthetisch)"


def test_subsection_drops_the_questionnaires_own_number(shown):
    p = Page("descriptives")
    p.section(title="Codierte Antworten")
    p.subsection("2.4 Welches Thema war Ihnen wichtig?")
    p.subsection("10 Jahre Programm")  # a number that is part of the title stays
    assert "<span class=\"survey-number\">1.1</span> Welches Thema war Ihnen wichtig?" in shown[1]
    assert "</span> 10 Jahre Programm</h3>" in shown[2]


def test_appendix_of_a_monitoring_wave_names_its_record_files():
    from types import SimpleNamespace as NS

    from survey.page import wave_facts

    tables = {"teilnehmende": NS(label="Teilnehmende", raw=Path("/x/teilnehmende.csv")),
              "but": NS(label="BuT", raw=Path("/x/but.csv"))}
    wd = NS(provenance={"raw": "/x/codebook.yml", "records_sha256": {"teilnehmende": "ab12",
                                                                     "but": "cd34"}},
            codebook=NS(records=NS(tables=tables), session_ratings=None,
                        path=Path("/x/codebook.yml")),
            wave=NS(raw=None))
    facts = dict(wave_facts(wd, "de"))
    assert facts["Datensatz „Teilnehmende“"] == "teilnehmende.csv (SHA-256 ab12)"
    assert facts["Datensatz „BuT“"] == "but.csv (SHA-256 cd34)"
    assert "Rohdatei" not in facts  # not the codebook named as the raw file
