"""`survey init DIR --from FILE`: from a survey tool's file to reports without editing the
draft or the data, the frequencies equal to counts read from the file directly."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

pyreadstat = pytest.importorskip("pyreadstat")

SURVEY = str(Path(sys.executable).with_name("survey"))


def _survey(*args, cwd):
    return subprocess.run([SURVEY, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600)


def test_init_from_an_spss_file_without_codes_runs_to_reports(tmp_path):
    from test_draft import _english_sav

    source = tmp_path / "delivered" / "efc.sav"
    source.parent.mkdir()
    frame = _english_sav(source, n=120, seed=11)
    before = source.read_bytes()
    study = tmp_path / "study"
    made = _survey("init", str(study), "--from", str(source), cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert source.read_bytes() == before  # the delivered file is only read
    for name in ("waves.yml", ".gitignore", "README.md", "notebooks",
                 "data/raw/efc/efc.sav", "data/raw/efc/codebook.yml"):
        assert (study / name).exists(), name
    assert "data/raw/" in (study / ".gitignore").read_text(encoding="utf-8")
    assert _survey("validate", "efc", cwd=study).returncode == 0
    ran = _survey("batch", "-q", cwd=study)
    assert ran.returncode == 0, ran.stderr
    assert (study / "reports" / "efc" / "02-descriptives.html").is_file()
    shown = pd.read_csv(study / "reports" / "efc" / "tables" / "frequencies.csv")
    for variable in ("e42dep", "e16sex"):
        rows = shown[(shown["variable"] == variable) & (shown["kind"] == "valid")]
        counts = frame[variable].value_counts()
        checked = 0
        for _, row in rows.iterrows():
            if pd.notna(row["n"]):
                assert row["n"] == counts.get(float(row["code"]), 0), (variable, row["code"])
                checked += 1
        assert checked >= 2, variable
    # yes/no questions are shown as shares with counts, not among the M/SD statistics
    page = (study / "reports" / "efc" / "02-descriptives.html").read_text(encoding="utf-8")
    stats = [t for t in re.findall(r"<table.*?</table>", page, flags=re.S)
             if "Question statistics" in t]
    assert stats and all(">sex<" not in t for t in stats)
    assert any("How often do you feel dependent?" in t for t in stats)
    again = _survey("init", str(study), cwd=tmp_path)
    assert again.returncode == 1 and "exists already" in again.stderr


OWN = '''from survey import describe
from survey.page import Page
from survey.settings import RunSettings
from survey.store import load_wave

wd = load_wave(wave, waves_file, processed_dir)
run = RunSettings(min_cell=min_cell, internal=internal)
page = Page.for_wave(wd, "own", policy=run.policy, out_dir=out_dir)
page.header(title=TITLE)
page.section(title="Antworten")
freq = page.publish(describe.frequencies(wd.data, wd.missing, wd.codebook), "frequencies")
page.show(freq, "frequencies", "Alle Antworten")
'''


def _own_notebook(path, title):
    import nbformat

    nb = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell(
        'wave: str = "x"\nwaves_file: str = "../waves.yml"\nprocessed_dir: str = "x"\n'
        'out_dir: str = "x"\nmin_cell: int = 5\ninternal: bool = False')
    parameters.metadata["tags"] = ["parameters"]
    nb.cells = [parameters, nbformat.v4.new_code_cell(OWN.replace("TITLE", repr(title)))]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, path)


def test_init_from_a_csv_with_the_studys_own_notebooks(tmp_path):
    rows = ["nr;zufrieden;alter;m_1;m_2"]
    rows += [f"{i};{1 + i % 5};{20 + i % 40};{i % 2};{(i // 2) % 2}" for i in range(1, 61)]
    source = tmp_path / "umfrage.csv"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    study = tmp_path / "study"
    assert _survey("init", str(study), "--from", str(source), "-q",
                   cwd=tmp_path).returncode == 0
    book = (study / "data" / "raw" / "umfrage" / "codebook.yml").read_text(encoding="utf-8")
    assert "id: nr  # guess:" in book and "type: multi" in book
    # one notebook of its own added, one of the workbench's replaced
    _own_notebook(study / "notebooks" / "90-eigene.ipynb", "Unsere eigene Auswertung")
    _own_notebook(study / "notebooks" / "02-descriptives.ipynb", "Ersetzte Deskription")
    registry = study / "waves.yml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        "[01-cleaning, 02-descriptives]", "[01-cleaning, 02-descriptives, 90-eigene]"),
        encoding="utf-8")
    ran = _survey("batch", "-q", cwd=study)
    assert ran.returncode == 0, ran.stderr
    folder = study / "reports" / "umfrage"
    assert "Unsere eigene Auswertung" in (folder / "90-eigene.html").read_text(
        encoding="utf-8")
    assert "Ersetzte Deskription" in (folder / "02-descriptives.html").read_text(
        encoding="utf-8")
    shown = pd.read_csv(folder / "tables" / "frequencies.csv")
    counted = pd.Series([1 + i % 5 for i in range(1, 61)]).value_counts()
    rows = shown[(shown["variable"] == "zufrieden") & (shown["kind"] == "valid")]
    assert {int(c): int(n) for c, n in zip(rows["code"], rows["n"], strict=True)} == \
        counted.to_dict()  # 12 each: nothing withheld


def test_init_from_a_limesurvey_export_runs_to_reports(tmp_path):
    data = Path(__file__).parent / "data" / "limesurvey"
    study = tmp_path / "study"
    made = _survey("init", str(study), "--from", str(data / "responses.csv"), "--lss",
                   str(data / "survey.lss"), "--wave", "clients", "-q", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert (study / "data" / "raw" / "clients" / "survey.lss").is_file()
    ran = _survey("batch", "-q", cwd=study)
    assert ran.returncode == 0, ran.stderr
    multi = pd.read_csv(study / "reports" / "clients" / "tables" / "multi_response.csv")
    raw = pd.read_csv(data / "responses.csv", dtype=str, keep_default_na=False)
    friend = multi[(multi["option"] == "channel_sq001") & (multi["grouping"] == "total")]
    assert int(friend["n"].iloc[0]) == int((raw["channel[SQ001]"] == "Y").sum())
