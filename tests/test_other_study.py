"""The descriptives notebook runs unchanged on another study: other names, an English
codebook, a three-group grouping, a four-point scale, a reversed item in a scale."""

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
"""
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
    registry = write(root / "waves.yml", """
        waves:
          staff:
            title: "Staff survey 2026"
            raw: data/raw/staff/raw.csv
            codebook: data/raw/staff/codebook.yml
            notebooks: [02-descriptives, 03-group-comparisons, 04-hypotheses]
        """)
    elsewhere = tmp_path_factory.mktemp("cwd")
    proc = subprocess.run(
        [SURVEY, "run", "staff", "--waves", str(registry), "-p", "min_cell=3", "-q"],
        cwd=elsewhere, capture_output=True, text=True, timeout=600)
    return proc, root / "reports" / "staff"


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
    dept = s[s["grouping"] == "dept"].set_index("group")["n"]
    assert dept.to_dict() == {"Sales": 4, "Care": 4, "Admin": 4}
    m = pd.read_csv(out / "tables" / "multi_response.csv")
    chat = m[(m["variable"] == "chat_use") & (m["grouping"] == "total")]
    # asked only with chat: P01 P02 P04 P06 P07 P09 P10 P12 = 8
    assert chat["base_n"].tolist() == [8, 8]
    r = pd.read_csv(out / "tables" / "reliability.csv")
    assert r["scale"].tolist() == ["wellbeing"] and r["n_items"].iloc[0] == 2


def test_its_report_is_english_and_private(run):
    _, out = run
    html = (out / "02-descriptives.html").read_text(encoding="utf-8")
    headers = re.findall(r"<th[^>]*>([^<]*)</th>", html)
    # table headers in the codebook's language (the narrative stays German: issue 9)
    assert "valid %" in headers and "gültige %" not in headers
    assert "P-SECRET" not in html and "NOBODY-MUST-READ-THIS" not in html
    assert not re.search(r'(src|href)="https?://', html)
    assert html.count("data:image/png;base64,") >= 3  # Likert and bar figures embedded
    for notebook in ("03-group-comparisons", "04-hypotheses"):
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
