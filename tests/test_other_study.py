"""The notebooks run unchanged on another study: other names, an English codebook, a
three-group grouping, a four-point scale, a reversed item in a scale, session ratings with
other names; the reports come out wholly in English, and ``--internal`` goes elsewhere."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import write

SURVEY = str(Path(sys.executable).with_name("survey"))

CODEBOOK = """
instrument: staff
title: "Staff survey"
language: en
id: pid
missing: {99: "no answer"}
answer_sets:
  agree4:
    type: ordinal
    levels: {1: "disagree", 2: "rather disagree", 3: "rather agree", 4: "agree"}
    missing: {8: "don't know"}
    top_box: [3, 4]
  dept: {type: nominal, levels: {1: "Sales", 2: "Care", 3: "Admin"}}
sections: {work: "Work", tools: "Tools"}
variables:
  department: {label: "Department", answers: dept}
  workload: {label: "My workload is fine.", answers: agree4, section: work}
  stress: {label: "I often feel stressed.", answers: agree4, reverse: true, section: work}
  tools: {label: "Tools used", type: multi, section: tools,
          options: {t_mail: "E-mail", t_chat: "Chat", t_wiki: "Wiki"}}
  chat_use: {label: "Chat used for", type: multi, section: tools, filter: "t_chat == 1",
             options: {c_team: "Team talk", c_clients: "Clients"}}
  wishes: {label: "What would help?", type: coded, section: tools,
           codes: {1: "Time", 2: "Training", 3: "Nothing"}}
  parttime: {label: "Part-time", type: binary, levels: {0: "no", 1: "yes"}}
  comment: {label: "Comment", type: text}
scales:
  wellbeing: {label: "Well-being at work", items: [workload, stress], min_items: 1,
              section: work}
groupings:
  dept: {variable: department, label: "Department"}
  parttime: {variable: parttime, label: "Part-time vs. full-time"}
hypotheses:
  H1: {text: "Part-time staff feel better.", x: parttime, y: [wellbeing],
       direction: positive, confirmatory: true, caveat: "Small sample."}
session_ratings:
  raw: forms.csv
  id: person
  date: day
  rater: mentor
  label: "Session feedback"
  items: {f1: "I felt heard.", f2: "We worked on my goals.", f3: "The approach suited me."}
  range: [0, 10]
  cutoff: 24
"""
# session-rating forms: P-SECRET-01 … 04, three sessions each, two mentors; one blank cell
# and one value out of range
FORMS = "person,day,mentor,f1,f2,f3\n" + "\n".join(
    f"P-SECRET-0{p},2026-03-{2 + 7 * s:02d},{1 + p % 2},{7 + (p + s) % 3},{6 + s},"
    f"{'' if (p, s) == (2, 1) else 12 if (p, s) == (3, 2) else 8}"
    for p in range(1, 5) for s in range(3)) + "\n"
RAW = ("pid,department,workload,stress,t_mail,t_chat,t_wiki,c_team,c_clients,wishes,comment,"
       "parttime\n") + "\n".join([
        "P-SECRET-01,1,4,1,1,1,0,1,0,1,NOBODY-MUST-READ-THIS,0",
        "P-SECRET-02,1,3,2,1,1,1,1,1,2,,1",
        "P-SECRET-03,2,4,1,1,0,1,,,1;2,,0",
        "P-SECRET-04,2,2,3,1,1,0,0,1,3,,1",
        "P-SECRET-05,3,1,4,0,0,1,,,1,,0",
        "P-SECRET-06,3,3,8,1,1,1,1,0,99,,1",
        "P-SECRET-07,1,4,2,1,1,0,1,0,2,,0",
        "P-SECRET-08,2,3,1,1,0,0,,,1,,1",
        "P-SECRET-09,3,99,2,1,1,1,1,1,3,,0",
        "P-SECRET-10,1,4,1,1,1,1,1,0,1,,1",
        "P-SECRET-11,2,3,,1,0,1,,,2,,0",
        "P-SECRET-12,3,2,3,0,1,0,0,1,1,,1",
    ]) + "\n"


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("staff")
    write(root / "data/raw/staff/codebook.yml", CODEBOOK)
    write(root / "data/raw/staff/raw.csv", RAW)
    write(root / "data/raw/staff/forms.csv", FORMS)
    registry = write(root / "waves.yml", """
        waves:
          staff:
            title: "Staff survey 2026"
            raw: data/raw/staff/raw.csv
            codebook: data/raw/staff/codebook.yml
            notebooks: [01-cleaning, 02-descriptives, 03-group-comparisons, 04-hypotheses,
                        05-session-ratings]
        """)
    elsewhere = tmp_path_factory.mktemp("cwd")
    proc = subprocess.run(
        [SURVEY, "run", "staff", "--waves", str(registry), "-p", "min_cell=3", "-q"],
        cwd=elsewhere, capture_output=True, text=True, timeout=600)
    return proc, root / "reports" / "staff"


NOTEBOOKS = ("01-cleaning", "02-descriptives", "03-group-comparisons", "04-hypotheses",
             "05-session-ratings")
#: Words of German reports that English ones must not show (besides any umlaut or ß).
GERMAN = re.compile(r"\b(Tabelle|Abbildung|Befragte\w*|gültig\w*|fehlend\w*|Inhalt|Anhang|"
                    r"Hinweis|Erhebung|Feldzeit|Bericht\w*|Frage\w*|Gruppe\w*|Skala|Skalen|"
                    r"nicht|und|der|die|das|mit|oder|für|Anteil|Bögen|Sitzung\w*)\b")


def visible_text(page: str) -> str:
    """What a reader sees: the body without style sheets, scripts and tags."""
    body = page.split("<body", 1)[1]
    body = re.sub(r"<(style|script)\b.*?</\1>", " ", body, flags=re.DOTALL)
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


def test_the_notebook_runs_on_another_study(run):
    proc, out = run
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    for name in ("sample", "frequencies", "items", "multi_response", "coded", "reliability",
                 "item_total", "group_comparisons", "splits", "hypotheses"):
        assert (out / "tables" / f"{name}.csv").is_file(), name


def test_its_tables_hold_the_hand_counted_numbers(run):
    _, out = run
    f = pd.read_csv(out / "tables" / "frequencies.csv")
    workload = f[(f["variable"] == "workload") & (f["kind"] == "valid")]
    # workload 4: P01 P03 P07 P10 = 4; 3: P02 P06 P08 P11 = 4; 2: P04 P12 = 2 (< 3: hidden,
    # with a partner); 1: P05 = 1 (hidden)
    assert workload.set_index("code").loc[4, "n"] == 4
    assert workload["n"].isna().sum() >= 2
    s = pd.read_csv(out / "tables" / "sample.csv")
    # every department has 4 people, 2 part-time and 2 full-time: the comparison of
    # "Part-time" by department shows (or withholds, as < 3) those 2s, and a department's
    # size 4 with two halves of 1..2 each would pin both to 2. So the sizes are withheld
    # ("." in the sample table) and the total of 12 is shown.
    dept = s[s["grouping"] == "dept"].set_index("group")["n"]
    assert dept.isna().all() and len(dept) == 3
    assert s.loc[s["grouping"] == "total", "n"].tolist() == [12]
    m = pd.read_csv(out / "tables" / "multi_response.csv")
    chat = m[(m["variable"] == "chat_use") & (m["grouping"] == "total")]
    # asked only with chat: P01 P02 P04 P06 P07 P09 P10 P12 = 8
    assert chat["base_n"].tolist() == [8, 8]
    r = pd.read_csv(out / "tables" / "reliability.csv")
    assert r["scale"].tolist() == ["wellbeing"] and r["n_items"].iloc[0] == 2


def test_every_report_is_wholly_english(run):
    """An ``en`` codebook gives English reports: headings, narrative, captions, table
    headers, the cleaning log, figure alt texts, the appendix and the index page."""
    proc, out = run
    assert proc.returncode == 0, proc.stderr
    import html as html_lib

    pages = {name: (out / f"{name}.html").read_text(encoding="utf-8") for name in NOTEBOOKS}
    pages["index"] = (out.parent / "index.html").read_text(encoding="utf-8")
    for name, page in pages.items():
        assert '<html lang="en"' in page, name
        text = html_lib.unescape(visible_text(page))
        alts = " ".join(html_lib.unescape(a) for a in re.findall(r'alt="([^"]*)"', page))
        for words in (text, alts):
            german = sorted(set(GERMAN.findall(words)) | set(re.findall(r"\w*[äöüÄÖÜß]\w*",
                                                                          words)))
            assert not german, f"{name}: {german[:10]}"
    assert "Table 1:" in pages["02-descriptives"] and "Figure 1:" in pages["02-descriptives"]
    assert "Contents" in pages["01-cleaning"] and "Appendix" in pages["01-cleaning"]
    assert "Session feedback" in pages["05-session-ratings"]
    # the data-quality report covers the forms: the out-of-range and the blank form cell
    assert "I felt heard." in pages["01-cleaning"] or "The approach suited me." in \
        pages["01-cleaning"]


def test_internal_goes_to_reports_intern_only(run, tmp_path):
    _, out = run
    registry = out.parent.parent / "waves.yml"
    shared_before = sorted(p.name for p in out.iterdir())
    proc = subprocess.run(
        [SURVEY, "run", "staff", "--waves", str(registry), "--internal", "-n", "01-cleaning",
         "-q"], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    intern = out.parent.parent / "reports-intern" / "staff"
    page = (intern / "01-cleaning.html").read_text(encoding="utf-8")
    assert "INTERNAL" in visible_text(page)
    assert "survey-intern-print" in page  # repeated on every printed page
    log = pd.read_csv(intern / "tables" / "cleaning_log.csv", keep_default_na=False)
    assert "detail" in log.columns and "suppressed" not in log.columns  # unsuppressed
    assert sorted(p.name for p in out.iterdir()) == shared_before  # reports/ untouched
    # the group comparisons too: the internal version has no "withheld" bookkeeping
    proc = subprocess.run(
        [SURVEY, "run", "staff", "--waves", str(registry), "--internal", "-n",
         "03-group-comparisons", "-q"], cwd=tmp_path, capture_output=True, text=True,
        timeout=600)
    assert proc.returncode == 0, proc.stderr
    table = pd.read_csv(intern / "tables" / "group_comparisons.csv")
    assert len(table) and "suppressed" not in table.columns
    for bad in (["--internal", "--out", str(out.parent)], ["-p", "internal=true"]):
        refused = subprocess.run(
            [SURVEY, "run", "staff", "--waves", str(registry), "-n", "01-cleaning", *bad],
            cwd=tmp_path, capture_output=True, text=True, timeout=600)
        assert refused.returncode == 1 and "Traceback" not in refused.stderr, bad
        assert "reports-intern" in refused.stderr, bad


def test_its_report_is_private(run):
    _, out = run
    html = (out / "02-descriptives.html").read_text(encoding="utf-8")
    headers = re.findall(r"<th[^>]*>([^<]*)</th>", html)
    assert "valid %" in headers and "gültige %" not in headers
    assert "P-SECRET" not in html and "NOBODY-MUST-READ-THIS" not in html
    assert not re.search(r'(src|href)="https?://', html)
    assert html.count("data:image/png;base64,") >= 3  # Likert and bar figures embedded
    for notebook in NOTEBOOKS:
        page = (out / f"{notebook}.html").read_text(encoding="utf-8")
        assert "P-SECRET" not in page and "NOBODY-MUST-READ-THIS" not in page
        assert not re.search(r'(src|href)="https?://', page)


def test_its_comparisons_use_the_binary_grouping(run):
    _, out = run
    c = pd.read_csv(out / "tables" / "group_comparisons.csv")
    pt = c[c["grouping"] == "parttime"]
    assert set(pt["group_a"].dropna()) == {"Part-time: no"}
    assert (pt.loc[pt["variable"] == "workload", "test"] == "mann_whitney").all()
    assert (pt.loc[pt["variable"] == "wellbeing", "test"] == "welch_t").all()
    h = pd.read_csv(out / "tables" / "hypotheses.csv")
    assert h["hypothesis"].unique().tolist() == ["H1"] and h["family"].iloc[0] == "confirmatory"
