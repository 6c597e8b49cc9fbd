"""The wave store: processed files, provenance, staleness (raw, codebook, ratings,
version, code) and re-cleaning with the options of the last clean."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pandas as pd
import pytest
from conftest import BASIC_CODEBOOK, write

from survey.errors import ProblemList
from survey.fileio import sha256
from survey.registry import get_wave
from survey.store import clean_wave, is_stale, load_wave, validate_wave

RATINGS_BLOCK = """
session_ratings:
  raw: srs.csv
  id: code
  date: datum
  rater: coach
  items: {srs1: "verstanden", srs2: "Themen"}
  range: [0, 10]
  cutoff: 36
"""


def test_clean_wave_writes_outputs_and_never_the_raw_file(make_wave, tmp_path):
    registry = make_wave(BASIC_CODEBOOK, "code,AE,F1\nA,1,5\nB,0,9\n")
    wave = get_wave(registry, "tiny")
    before = sha256(wave.raw), wave.raw.stat().st_mtime_ns
    out = clean_wave(wave, tmp_path / "processed")
    assert (sha256(wave.raw), wave.raw.stat().st_mtime_ns) == before
    assert sorted(p.name for p in out.iterdir()) == [
        "clean.parquet", "cleaning_log.csv", "missing.parquet", "provenance.json"]
    log = pd.read_csv(out / "cleaning_log.csv", keep_default_na=False)
    header = log.iloc[0]
    assert (header.rule, header.variable, header.n_affected) == ("raw_file", "raw.csv", 2)
    assert header.detail.startswith(f"sha256={before[0]}; survey=")
    prov = json.loads((out / "provenance.json").read_text())
    assert prov["raw_sha256"] == before[0] and prov["n_rows"] == 2
    data = pd.read_parquet(out / "clean.parquet")
    assert data.fam.cat.ordered and data.fam.iloc[0] == "Ja"
    assert not list(out.glob(".*"))  # no temporary files left behind


def test_load_wave_cleans_when_stale(make_wave, tmp_path):
    registry = make_wave(BASIC_CODEBOOK, "code,AE,F1\nA,1,5\n")
    processed = tmp_path / "processed"
    first = load_wave("tiny", registry, processed)
    assert first.data.shape == (1, 2) and first.log.rule.iloc[0] == "raw_file"
    raw = get_wave(registry, "tiny").raw
    raw.write_text("code,AE,F1\nA,1,5\nB,0,4\n")  # a new delivery of the raw file
    second = load_wave("tiny", registry, processed)
    assert second.data.shape == (2, 2)


def test_validate_wave_reports_without_writing(make_wave, tmp_path):
    registry = make_wave(BASIC_CODEBOOK, "code,AE,F1\nA,1,x\nB,0,y\n")
    problems = validate_wave(get_wave(registry, "tiny"))
    raw = get_wave(registry, "tiny").raw
    assert [str(p) for p in problems] == [
        f"{raw}, column 'F1', row 2: 'x' is not a code of 'fam' (levels 1, 2, 3, 4, 5) "
        "(and 1 more: rows 3)"]
    assert not (tmp_path / "data" / "processed").exists()


def test_session_ratings_are_cleaned_with_the_wave(make_wave, tmp_path):
    registry = make_wave(BASIC_CODEBOOK + RATINGS_BLOCK, "code,AE,F1\nA,1,5\n")
    write(tmp_path / "data/raw/tiny/srs.csv",
          "code,datum,coach,srs1,srs2\nA,2021-04-01,1,9.5,10\nA,2021-04-08,1,11,8\n")
    out = clean_wave(get_wave(registry, "tiny"), tmp_path / "processed")
    ratings = pd.read_parquet(out / "ratings.parquet")
    # the second form's 11 is outside [0, 10]: blanked, so its total is NA
    assert ratings.total.tolist()[0] == 19.5 and pd.isna(ratings.total.iloc[1])
    log = pd.read_csv(out / "cleaning_log.csv", keep_default_na=False)
    assert ((log.rule == "out_of_range") & (log.variable == "session_ratings.srs1")).sum() == 1


def test_a_new_session_rating_file_makes_the_wave_stale(make_wave, tmp_path):
    registry = make_wave(BASIC_CODEBOOK + RATINGS_BLOCK, "code,AE,F1\nA,1,5\n")
    srs = write(tmp_path / "data/raw/tiny/srs.csv",
                "code,datum,coach,srs1,srs2\nA,2021-04-01,1,9.5,10\n")
    processed = tmp_path / "processed"
    assert len(load_wave("tiny", registry, processed).ratings) == 1
    assert not is_stale(processed / "tiny", get_wave(registry, "tiny"))
    # raw file and codebook unchanged, only the forms file is replaced
    srs.write_text("code,datum,coach,srs1,srs2\nA,2021-04-01,1,9.5,10\nA,2021-04-08,1,8,8\n")
    assert is_stale(processed / "tiny", get_wave(registry, "tiny"))
    assert len(load_wave("tiny", registry, processed).ratings) == 2


def test_a_reclean_keeps_allow_extra(make_wave, tmp_path):
    registry = make_wave(BASIC_CODEBOOK, "code,AE,F1,NOTE\nA,1,5,x\n")
    wave = get_wave(registry, "tiny")
    processed = tmp_path / "processed"
    with pytest.raises(ProblemList, match="NOTE"):
        clean_wave(wave, processed)
    clean_wave(wave, processed, allow_extra=True)
    wave.raw.write_text("code,AE,F1,NOTE\nA,1,5,x\nB,0,4,y\n")  # stale: new delivery
    data = load_wave("tiny", registry, processed).data  # re-cleaned, still with the extra
    assert data["NOTE"].tolist() == ["x", "y"]
    prov = json.loads((processed / "tiny" / "provenance.json").read_text())
    assert prov["allow_extra"] is True


def test_an_unchanged_wave_is_not_cleaned_again(make_wave, tmp_path):
    registry = make_wave(BASIC_CODEBOOK, "code,AE,F1\nA,1,5\n")
    processed = tmp_path / "processed"
    load_wave("tiny", registry, processed)
    stamp = (processed / "tiny" / "clean.parquet").stat().st_mtime_ns
    load_wave("tiny", registry, processed)
    assert (processed / "tiny" / "clean.parquet").stat().st_mtime_ns == stamp


def _imports(module: Path) -> list[tuple[str, list[str]]]:
    out = []
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            out.append(("." * node.level + (node.module or ""), [a.name for a in node.names]))
    return out


def test_no_module_reaches_into_the_package_init_and_reports_do_not_clean():
    src = Path(__file__).resolve().parents[1] / "src" / "survey"
    for module in src.glob("*.py"):
        if module.name == "__init__.py":
            continue
        for origin, names in _imports(module):
            # `from . import __version__` takes a name out of the package __init__ while
            # it is still being imported: the cycle the version used to need
            if origin == ".":
                assert all((src / f"{n}.py").is_file() for n in names), module.name
    for layer in ("page.py", "render.py", "frontpage.py", "quality.py"):
        assert not [o for o, _ in _imports(src / layer) if o in (".clean", ".store")], layer


VALIDATED = """
instrument: v
id: code
missing: {-9: "keine Angabe"}
answer_sets:
  nj5:
    type: ordinal
    levels: {1: "Nein", 2: "eher nein", 3: "mittel", 4: "eher ja", 5: "Ja"}
    top_box: [4, 5]
  ja_nein: {type: binary, levels: {0: "nein", 1: "ja"}}
  orte: {type: nominal, levels: {1: "Ahlen", 2: "Beckum", 3: "Oelde"}}
variables:
  ae: {answers: ja_nein}
  fam: {label: "Familie", answers: nj5, source: F1}
  alter: {label: "Alter", type: numeric, range: [16, 70]}
  ort: {label: "Wohnort", answers: orte}
  gleich: {label: "Immer gleich", answers: nj5}
scales:
  leer: {items: [fam, gleich], min_items: 2}
groupings:
  ort: {variable: ort}
"""


def test_validation_reports_blanked_values_with_column_and_row(make_wave, tmp_path):
    from survey.store import validation

    # the three problems of the issue: a 7 on a 1-5 item (row 3), an age of 130 (row 4) and
    # a municipality code that does not exist (row 5); gleich is 3 for everyone (constant);
    # nobody lives in Oelde (an empty group of the grouping ort)
    raw = ("code,ae,F1,alter,ort,gleich\n"
           "A,1,,30,1,3\nB,0,7,41,2,3\nC,1,,130,1,3\nD,0,2,25,9,3\n")
    registry = make_wave(VALIDATED, raw)
    result = validation(get_wave(registry, "tiny"))
    assert result.ok
    w = result.warnings[result.warnings["rule"] != "small_group"].set_index("variable")
    assert (w.loc["fam", "rule"], w.loc["fam", "column"], w.loc["fam", "row"]) == (
        "out_of_range", "F1", 3)
    assert "'7'" in w.loc["fam", "message"] and "will be blanked" in w.loc["fam", "message"]
    assert (w.loc["alter", "column"], w.loc["alter", "row"]) == ("alter", 4)
    assert "outside [16, 70]" in w.loc["alter", "message"]
    assert (w.loc["ort", "column"], w.loc["ort", "row"]) == ("ort", 5)
    assert w.loc["gleich", "rule"] == "constant"
    small = result.warnings[result.warnings["rule"] == "small_group"].iloc[0]
    assert "'Oelde' 0" in small["message"] and "'Ahlen'" not in small["message"]


def test_validation_errors_and_the_command(make_wave, tmp_path, capsys):
    from survey import cli

    registry = make_wave(VALIDATED, "code,ae,F1,alter,ort,gleich\n")  # a header, no rows
    assert cli.main(["validate", "tiny", "--waves", str(registry)]) == 1
    err = capsys.readouterr().err
    assert "has a header but no data rows" in err and "1 error(s)" in err
    report = pd.read_csv(tmp_path / "data" / "processed" / "tiny" / "validation.csv")
    assert report["severity"].tolist() == ["error"]

    write(tmp_path / "data" / "raw" / "tiny" / "raw.csv",
          "code,ae,F1,alter,ort,gleich\nA,1,7,30,1,3\nB,0,4,41,2,2\n")
    assert cli.main(["validate", "tiny", "--waves", str(registry)]) == 0
    out, err = capsys.readouterr()
    assert "warning: " in err and "column 'F1', row 2: fam: 1 value(s)" in err
    assert "0 error(s), " in out and "out_of_range 1" in out
    assert cli.main(["validate", "tiny", "--waves", str(registry), "--strict"]) == 1


def test_is_stale_asks_for_the_allow_extra_setting_when_given(make_wave, tmp_path):
    registry = make_wave(BASIC_CODEBOOK, "code,AE,F1\nA,1,5\n")
    wave = get_wave(registry, "tiny")
    out = clean_wave(wave, tmp_path / "processed")  # cleaned without --allow-extra
    assert not is_stale(out, wave)  # the setting not asked: fresh
    assert not is_stale(out, wave, allow_extra=False)
    assert is_stale(out, wave, allow_extra=True)
