"""End to end through the installed command line: registry → clean → notebooks → HTML.

Runs the real ``survey`` console script in a subprocess, from a working directory
outside the repository, on a registry in a temporary folder.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import ANSWER_SETS, write

SURVEY = str(Path(sys.executable).with_name("survey"))

CODEBOOK = """
instrument: e2e
title: "E2E"
id: code
missing: {-9: "keine Angabe"}
answer_sets:""" + ANSWER_SETS + """variables:
  ae: {label: "Alleinerziehend", answers: ja_nein, source: SD01}
  fam: {label: "Genießen Sie die Zeit mit Ihrer Familie?", answers: nj5, source: SE01}
  sp: {label: "Smartphone", answers: ja_nein}
  wa: {label: "WhatsApp", answers: ja_nein, filter: "sp == 1"}
  anmerkung: {label: "Anmerkung", type: text}
"""
# fam: one 9 (weiß nicht), one -9 (keine Angabe), one blank, one 7 (out of range)
# wa: asked of sp == 1 (4 people: R01, R02, R03, R06); R04 answered without a smartphone
RAW = """
code,SD01,SE01,sp,wa,anmerkung
SECRET-R01,1,5,1,1,GEHEIMER FREITEXT
SECRET-R02,0,9,1,0,
SECRET-R03,1,-9,1,,
SECRET-R04,0,,0,1,
SECRET-R05,1,7,0,,
SECRET-R06,0,4,1,1,
"""


def survey(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([SURVEY, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600)


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("study")
    write(root / "data/raw/e2e/codebook.yml", CODEBOOK)
    write(root / "data/raw/e2e/raw.csv", RAW)
    write(root / "data/raw/broken/codebook.yml", CODEBOOK)
    write(root / "data/raw/broken/raw.csv", RAW.replace("SECRET-R06,0,4", "SECRET-R06,0,x"))
    registry = write(root / "waves.yml", """
        waves:
          e2e:
            title: "E2E-Welle"
            raw: data/raw/e2e/raw.csv
            codebook: data/raw/e2e/codebook.yml
            notebooks: [01-cleaning]
          broken:
            raw: data/raw/broken/raw.csv
            codebook: data/raw/broken/codebook.yml
            notebooks: [01-cleaning]
        """)
    elsewhere = tmp_path_factory.mktemp("cwd")
    out, processed = root / "out", root / "processed"
    proc = survey("batch", "--waves", str(registry), "--out", str(out), "--processed",
                  str(processed), "--jobs", "2", cwd=elsewhere)
    return proc, out, processed, root


def test_batch_exit_code_lists_the_failed_wave(batch):
    proc, *_ = batch
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    failed = [line for line in proc.stderr.splitlines() if line.startswith("failed:")]
    assert len(failed) == 1 and failed[0].startswith("failed: broken")
    assert "column 'SE01', row 7: 'x' is not a code of 'fam'" in proc.stderr


def test_good_wave_has_report_tables_and_index(batch):
    _, out, processed, _ = batch
    assert (out / "index.html").is_file()
    assert (out / "e2e" / "01-cleaning.html").is_file()
    assert (processed / "e2e" / "clean.parquet").is_file()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="e2e/01-cleaning.html"' in index
    assert "broken" in index  # the failed wave is listed too


def test_missingness_table_matches_hand_counts(batch):
    _, out, processed, _ = batch
    from survey.codebook import load_codebook
    from survey.quality import missingness_table

    cb = load_codebook(processed.parent / "data/raw/e2e/codebook.yml")
    missing = pd.read_parquet(processed / "e2e" / "missing.parquet")
    table = missingness_table(missing, cb, n=6).set_index("variable")
    fam = table.loc["fam"]
    # fam: 9 → weiß nicht, -9 → keine Angabe, blank → leer, 7 → ungültig; all 6 were asked
    assert (fam.dont_know, fam.no_answer, fam.system, fam.invalid) == (1, 1, 1, 1)
    assert fam.n_base == 6 and fam.n_missing == 4 and fam.n_valid == 2
    assert fam.pct_missing == pytest.approx(100 * 4 / 6)
    wa = table.loc["wa"]
    # wa: R04 (no smartphone, answered anyway: discarded) and R05 were not asked;
    # of the 4 asked, R03 left it blank
    assert (wa.invalid, wa.not_asked, wa.system, wa.n_base) == (0, 2, 1, 4)
    assert wa.pct_missing == pytest.approx(100 * 1 / 4)
    # the shared table beside the report withholds every count of 1 … 4 (min_cell 5) and
    # what would give one away: here each non-zero count of fam and wa
    shared = pd.read_csv(out / "e2e" / "tables" / "missingness.csv",
                         keep_default_na=False).set_index("variable")
    for name, small in (("fam", ["dont_know", "no_answer", "system", "invalid", "n_missing",
                                 "n_valid"]),
                        ("wa", ["not_asked", "n_base", "system", "n_missing", "n_valid"])):
        assert set(small) <= set(shared.loc[name, "suppressed"].split(";")), name
        assert all(shared.loc[name, c] == "" for c in small), name


def test_cleaning_log_has_header_record(batch):
    _, _, processed, root = batch
    log = pd.read_csv(processed / "e2e" / "cleaning_log.csv", keep_default_na=False)
    assert log.iloc[0].rule == "raw_file" and log.iloc[0].n_affected == 6
    rules = set(zip(log.rule, log.variable, strict=True))
    assert {("out_of_range", "fam"), ("filter_violation", "wa"), ("rename", "fam"),
            ("user_missing", "fam")} <= rules


def test_html_is_self_contained_and_private(batch):
    _, out, _, _ = batch
    html = (out / "e2e" / "01-cleaning.html").read_text(encoding="utf-8")
    assert not re.search(r'(src|href)="https?://', html)
    assert "data:image/png;base64," in html  # the missingness figure is embedded
    assert "SECRET-R0" not in html and "GEHEIMER FREITEXT" not in html
    assert "load_wave(" not in html  # no code cells
    for path in out.rglob("*.html"):
        assert not re.search(r'(src|href)="https?://', path.read_text(encoding="utf-8"))


def test_validate_codebook_with_three_mistakes(tmp_path):
    write(tmp_path / "data/raw/w/raw.csv", RAW)
    write(tmp_path / "data/raw/w/codebook.yml", CODEBOOK
          .replace("answers: ja_nein, source: SD01", "answers: janein, source: SD01")
          .replace('type: text}', 'type: freitext}')
          .replace("filter: \"sp == 1\"", "filter: \"smartphone == 1\""))
    write(tmp_path / "waves.yml",
          "waves:\n  w: {raw: data/raw/w/raw.csv, codebook: data/raw/w/codebook.yml}\n")
    proc = survey("validate", "w", cwd=tmp_path)
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert len(lines) == 3, proc.stderr
    assert "key 'variables.ae.answers': answer set 'janein' is not defined" in lines[0]
    assert "key 'variables.wa.filter': 'smartphone' is not a variable" in proc.stderr
    assert "key 'variables.anmerkung.type': unknown type 'freitext'" in proc.stderr


def test_demo_batch_shares_no_respondent_code(tmp_path_factory):
    """The whole demo batch (both waves, session ratings, the comparison): no respondent
    code and no free-text answer in any shared page, table or workbook."""
    root = tmp_path_factory.mktemp("demo")
    assert survey("demo", cwd=root).returncode == 0
    proc = survey("batch", "--jobs", "2", "-q", cwd=root)
    assert proc.returncode == 0, proc.stderr
    out = root / "reports"
    assert (out / "comparison" / "tables" / "wave_comparison.csv").is_file()
    assert (out / "anna-e1" / "tables" / "session_ratings.csv").is_file()
    for wave in ("anna-e1", "anna-e2", "comparison"):  # scanned below like every table
        assert (out / wave / "tabellen.xlsx").is_file()
    from survey.codebook import load_codebook

    codes, free_text = set(), set()
    for wave, raw in (("anna-e1", "interviews.csv"), ("anna-e2", "responses.csv")):
        frame = pd.read_csv(root / "data" / "raw" / wave / raw, sep=None, engine="python",
                            encoding="utf-8-sig", dtype=str, keep_default_na=False)
        codes |= set(frame.iloc[:, 0])
        cb = load_codebook(root / "data" / "raw" / wave / "codebook.yml")
        for var in cb.variables.values():
            if var.type == "text":  # free text: every answer of six characters or more
                free_text |= {v.strip('"') for v in frame[var.source] if len(v.strip()) >= 6}
    assert len(codes) == 224 and len(free_text) >= 5

    def text_of(path):
        if path.suffix != ".xlsx":
            return path.read_text(encoding="utf-8")
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True)
        return "\n".join(str(cell) for sheet in book.worksheets
                         for row in sheet.iter_rows(values_only=True) for cell in row
                         if cell is not None)

    shared = [*out.rglob("*.html"), *out.rglob("*.csv"), *out.rglob("*.xlsx")]
    assert len(shared) > 30
    for path in shared:
        text = text_of(path)
        leaked = [c for c in codes | free_text if c in text]
        assert not leaked, f"{path.relative_to(out)} shows {leaked[:3]}"
    # no count below min_cell can be read or worked out from any shared page, table or
    # workbook (the batch's own audit passed, or the run would have failed; again here)
    from survey.audit import audit

    findings = audit(out, ["anna-e1", "anna-e2"], min_cell=5,
                     codebooks={w: load_codebook(root / "data" / "raw" / w / "codebook.yml")
                                for w in ("anna-e1", "anna-e2")},
                     comparison=["anna-e1", "anna-e2"])
    assert findings == {"anna-e1": [], "anna-e2": [], "comparison": []}
    # a quiet run: no stray kernel message on the terminal or in a report
    assert "KeyboardInterrupt" not in proc.stderr
    assert not [p for p in out.rglob("*.ipynb") if "KeyboardInterrupt" in p.read_text("utf-8")]
    # technical names only in the analyst's appendix: no raw column, filter expression or
    # checksum in a report's body
    raw_columns = set()
    for wave in ("anna-e1", "anna-e2"):
        cb = load_codebook(root / "data" / "raw" / wave / "codebook.yml")
        raw_columns |= {s for v in cb.variables.values() for s in v.sources}
    for path in out.rglob("*.html"):
        if path.name == "index.html":
            continue
        page = path.read_text(encoding="utf-8")
        body = page.split("<body", 1)[1].split("Anhang: Technische Angaben", 1)[0]
        body = re.sub(r"<(style|script)\b.*?</\1>|<[^>]+>", " ", body, flags=re.DOTALL)
        words = set(re.findall(r"[\w=]+", body))
        assert not words & raw_columns, (path.name, sorted(words & raw_columns)[:5])
        assert "==" not in body and "sha256" not in body.lower(), path.name


def test_an_unchanged_batch_executes_nothing(batch, tmp_path):
    """Run again on unchanged inputs: the good wave's report is kept (the index says
    "unverändert"), and neither papermill nor nbconvert is even imported."""
    _, out, processed, root = batch
    html = out / "e2e" / "01-cleaning.html"
    stamp = html.stat().st_mtime_ns
    probe = ("import sys\nfrom survey.cli import main\n"
             f"code = main(['batch', '--waves', {str(root / 'waves.yml')!r}, '--out', "
             f"{str(out)!r}, '--processed', {str(processed)!r}, '-q'])\n"
             "print('IMPORTED', sorted(m for m in ('papermill', 'nbconvert', 'nbclient') "
             "if m in sys.modules))\nsys.exit(code)\n")
    proc = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 1, proc.stderr  # the broken wave still fails
    assert "IMPORTED []" in proc.stdout, proc.stdout
    assert html.stat().st_mtime_ns == stamp
    record = json.loads((out / "e2e" / "01-cleaning.json").read_text(encoding="utf-8"))
    assert record["reused_at"]
    assert "unverändert" in (out / "index.html").read_text(encoding="utf-8")
