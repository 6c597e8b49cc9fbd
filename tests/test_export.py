"""Exporting a cleaned wave as .sav, .xlsx and .csv (survey.export, ``survey export``).

Every expected value below is read off the raw rows written in this file (the delivered
codes) or the codebook beside them; where the clean data differ (reverse keying) the
arithmetic is given in a comment.
"""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import ANSWER_SETS

from survey import cli
from survey.export import codebook_table, default_export_dir, export_wave
from survey.exportcolumns import codes_table
from survey.exportsav import spss_names
from survey.store import load_wave

pyreadstat = pytest.importorskip("pyreadstat")
openpyxl = pytest.importorskip("openpyxl")

TINY = """
instrument: tiny
title: "Tiny"
id: code
missing: {-9: "keine Angabe"}
answer_sets:""" + ANSWER_SETS + """variables:
  ae: {label: "Alleinerziehend", answers: ja_nein, source: AE}
  fam: {label: "Familie", answers: nj5, source: F1}
  allein: {label: "Allein", answers: nj5, reverse: true}
  alter: {label: "Alter", type: numeric}
  geraete: {label: "Geräte", type: multi, options: {g_phone: "Smartphone", g_pc: "PC"}}
  datum: {label: "Datum", type: date}
  notiz: {label: "Anmerkung", type: text}
  u3: {label: "Kind unter 3", answers: ja_nein}
derived:
  gruppe: {label: "Gruppe", from: [ae, u3]}
scales:
  s: {label: "Skala", items: [fam, allein], min_items: 1}
"""

# B: 9 = weiß nicht (F1), -9 = keine Angabe (allein, alter, both options); C: -9 for AE
TINY_RAW = """
code,AE,F1,allein,alter,g_phone,g_pc,datum,notiz,u3
A,1,5,1,34.5,1,0,2022-01-10,gut,0
B,0,9,-9,-9,-9,-9,,=1+1,1
C,-9,3,4,51,0,1,11.01.2022,,0
"""

NJ5 = "1 = Nein; 2 = eher nein; 3 = mittel; 4 = eher ja; 5 = Ja"
GROUPS = ("1 = Alleinerziehend: nein / Kind unter 3: nein; "
          "2 = Alleinerziehend: nein / Kind unter 3: ja; "
          "3 = Alleinerziehend: ja / Kind unter 3: nein; "
          "4 = Alleinerziehend: ja / Kind unter 3: ja")
REVERSE_NOTE = ("in Auswertungen umgepolt (Minimum + Maximum − Wert); hier die gelieferten "
                "Codes")
# the codebook of the tiny wave, row by row (codebook order; the id first)
TINY_CODEBOOK = [
    ["variable", "spss_name", "label", "type", "measure", "levels", "missing", "note"],
    ["code", "code", "Befragten-Code (pseudonym)", "id", "nominal", "", "", ""],
    ["ae", "ae", "Alleinerziehend", "binary", "nominal", "0 = nein; 1 = ja",
     "-9 = keine Angabe", ""],
    ["fam", "fam", "Familie", "ordinal", "ordinal", NJ5,
     "-9 = keine Angabe; 9 = weiß nicht", ""],
    ["allein", "allein", "Allein", "ordinal", "ordinal", NJ5,
     "-9 = keine Angabe; 9 = weiß nicht", REVERSE_NOTE],
    ["alter", "alter", "Alter", "numeric", "scale", "", "-9 = keine Angabe", ""],
    ["g_phone", "g_phone", "Geräte: Smartphone", "multi", "nominal",
     "0 = nicht genannt; 1 = genannt", "-9 = keine Angabe",
     "Option der Mehrfachantwort geraete"],
    ["g_pc", "g_pc", "Geräte: PC", "multi", "nominal", "0 = nicht genannt; 1 = genannt",
     "-9 = keine Angabe", "Option der Mehrfachantwort geraete"],
    ["datum", "datum", "Datum", "date", "scale", "", "", ""],
    ["notiz", "notiz", "Anmerkung", "text", "nominal", "", "", ""],
    ["u3", "u3", "Kind unter 3", "binary", "nominal", "0 = nein; 1 = ja",
     "-9 = keine Angabe", ""],
    ["gruppe", "gruppe", "Gruppe", "derived", "nominal", GROUPS, "", "Kreuzung aus ae × u3"],
    ["s", "s", "Skala", "scale", "scale", "", "",
     "Mittelwert der Items fam, allein (mindestens 1 beantwortet)"],
]


@pytest.fixture
def tiny(make_wave, tmp_path):
    """The tiny wave, cleaned: (WaveData, registry, processed folder)."""
    registry = make_wave(TINY, TINY_RAW)
    processed = tmp_path / "data" / "processed"
    return load_wave("tiny", registry, processed), registry, processed


def _tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _hidden(folder: Path) -> list[Path]:
    """Temporary files of survey.fileio.atomic_path start with a dot."""
    return [p for p in folder.rglob(".*") if p.is_file()]


# -- (1) SPSS round trip ------------------------------------------------------------------------


def test_sav_round_trip_keeps_codes_labels_and_user_missing(tmp_path, capsys):
    raw_dir = tmp_path / "data" / "raw" / "w"
    raw_dir.mkdir(parents=True)
    sav = raw_dir / "w.sav"
    original = pd.DataFrame({
        "code": ["A01", "A02", "A03", "A04", "A05"],
        "sd01": [1.0, 0.0, 1.0, 0.0, -9.0],
        "f1": [5.0, 9.0, -9.0, 1.0, float("nan")],
        "f2": [1.0, 2.0, 9.0, 5.0, 4.0],     # reverse-keyed below
        "alter": [34.0, 51.0, -9.0, 28.5, float("nan")],
        "notiz": ["gut", "", "Zeit ist knapp", "", "=1+1"],
    })
    nj5 = {1: "Nein", 2: "eher nein", 3: "mittel", 4: "eher ja", 5: "Ja",
           9: "weiß nicht", -9: "keine Angabe"}
    measures = {"code": "nominal", "sd01": "nominal", "f1": "ordinal", "f2": "ordinal",
                "alter": "scale", "notiz": "nominal"}
    pyreadstat.write_sav(
        original, sav,
        column_labels=["Code", "Alleinerziehend", "Genießen Sie die Zeit mit Ihrer Familie?",
                       "Fühlen Sie sich oft allein?", "Alter", "Anmerkung"],
        variable_value_labels={"sd01": {0: "nein", 1: "ja", -9: "keine Angabe"}, "f1": nj5,
                               "f2": nj5, "alter": {-9: "keine Angabe"}},
        missing_ranges={"sd01": [-9], "f1": [9, -9], "f2": [9, -9], "alter": [-9]},
        variable_measure=measures,
    )
    # draft the codebook with the command, then key f2 reversed (as an analyst would)
    draft = tmp_path / "draft.yml"
    assert cli.main(["codebook", "draft", str(sav), "-o", str(draft)]) == 0
    doc = yaml.safe_load(draft.read_text(encoding="utf-8"))
    doc["variables"]["f2"]["reverse"] = True
    (raw_dir / "codebook.yml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False),
                                          encoding="utf-8")
    raw_before = _tree_digest(tmp_path / "data" / "raw")
    registry = tmp_path / "waves.yml"
    registry.write_text("waves:\n  w:\n    raw: data/raw/w/w.sav\n"
                        "    codebook: data/raw/w/codebook.yml\n", encoding="utf-8")
    assert cli.main(["clean", "w", "--waves", str(registry), "-q"]) == 0
    assert cli.main(["export", "w", "--to", "sav", "--waves", str(registry), "-q"]) == 0
    out = tmp_path / "data" / "processed" / "w" / "export" / "w.sav"
    assert out.is_file()

    wave = load_wave("w", registry, tmp_path / "data" / "processed")
    # the clean data key f2: A01 delivered 1 → 1 + 5 − 1 = 5 (docs/codebook.md)
    assert wave.codebook.codes(wave.data, "f2").tolist()[:2] == [5.0, 4.0]

    back, meta = pyreadstat.read_sav(out, user_missing=True)
    orig, ometa = pyreadstat.read_sav(sav, user_missing=True)
    # values: the delivered codes, 9 and -9 included (user-missing, not system-missing)
    pd.testing.assert_frame_equal(back, orig)
    assert meta.column_names == ometa.column_names
    # variable labels; the id's own label is not in a codebook (docs/codebook.md), it gets ours
    assert meta.column_labels[1:] == ometa.column_labels[1:]
    assert meta.column_labels[0] == "Befragten-Code (pseudonym)"
    assert meta.variable_value_labels == ometa.variable_value_labels
    assert {k: sorted((r["lo"], r["hi"]) for r in v) for k, v in meta.missing_ranges.items()} \
        == {k: sorted((r["lo"], r["hi"]) for r in v) for k, v in ometa.missing_ranges.items()}
    assert meta.variable_measure == measures
    assert "nicht weitergeben" in meta.file_label
    assert _tree_digest(tmp_path / "data" / "raw") == raw_before  # raw data untouched


# -- (2) xlsx and csv, cell by cell ---------------------------------------------------------------

# rows of the codes table, from TINY_RAW: missing values are empty; gruppe is numbered in
# the cross's order (ae slowest): A = ja/nein → 3, B = nein/ja → 2; s = mean of fam and
# allein keyed: A (5 + (6 − 1)) / 2 = 5.0, B none answered, C (3 + (6 − 4)) / 2 = 2.5
CODES_HEADER = ["code", "ae", "fam", "allein", "alter", "g_phone", "g_pc", "datum", "notiz",
                "u3", "gruppe", "s"]
CODES_ROWS = [
    ["A", 1, 5, 1, 34.5, 1, 0, datetime(2022, 1, 10), "gut", 0, 3, 5.0],
    ["B", 0, None, None, None, None, None, None, "=1+1", 1, 2, None],
    ["C", None, 3, 4, 51.0, 0, 1, datetime(2022, 1, 11), None, 0, None, 2.5],
]
LABEL_ROWS = [
    ["A", "ja", "Ja", "Nein", 34.5, "genannt", "nicht genannt", datetime(2022, 1, 10), "gut",
     "nein", "Alleinerziehend: ja / Kind unter 3: nein", 5.0],
    ["B", "nein", None, None, None, None, None, None, "=1+1", "ja",
     "Alleinerziehend: nein / Kind unter 3: ja", None],
    ["C", None, "mittel", "eher ja", 51.0, "nicht genannt", "genannt", datetime(2022, 1, 11),
     None, "nein", None, 2.5],
]


def _sheet(workbook, name: str) -> list[list]:
    return [[c.value for c in row] for row in workbook[name].iter_rows()]


def test_xlsx_cell_by_cell(tiny, tmp_path):
    wave, _, _ = tiny
    (path,) = export_wave(wave, "xlsx", tmp_path / "out")
    assert path == tmp_path / "out" / "tiny.xlsx"
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Daten", "Daten (Labels)", "Codebuch", "Hinweis"]
    assert _sheet(book, "Daten") == [CODES_HEADER, *CODES_ROWS]
    assert _sheet(book, "Daten (Labels)") == [CODES_HEADER, *LABEL_ROWS]
    codebook = [[v if v is not None else "" for v in row] for row in _sheet(book, "Codebuch")]
    assert codebook == TINY_CODEBOOK
    assert book["Daten"]["H2"].number_format == "YYYY-MM-DD"
    assert book["Daten"]["I3"].data_type == "s"  # free text "=1+1" stays text
    notice = _sheet(book, "Hinweis")
    assert "darf nicht weitergegeben werden" in notice[0][0]
    assert "leere Zellen" in notice[1][0]


def test_csv_cell_by_cell_with_decimal_comma(tiny, tmp_path):
    wave, _, _ = tiny
    data_path, codebook_path = export_wave(wave, "csv", tmp_path / "out")
    assert (data_path.name, codebook_path.name) == ("tiny.csv", "codebook.csv")
    raw = data_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with byte-order mark
    # CODES_ROWS written with ';' and a decimal comma (34.5 → 34,5; 51.0 → 51,0; 2.5 → 2,5)
    assert raw.decode("utf-8-sig").splitlines() == [
        ";".join(CODES_HEADER),
        "A;1;5;1;34,5;1;0;2022-01-10;gut;0;3;5,0",
        "B;0;;;;;;;=1+1;1;2;",
        "C;;3;4;51,0;0;1;2022-01-11;;0;;2,5",
    ]
    text = codebook_path.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig")), delimiter=";"))
    assert rows == TINY_CODEBOOK


# -- (3) reverse keying and user-missing codes in the SPSS file ----------------------------------


def test_reverse_keyed_item_keeps_its_delivered_codes(tiny, tmp_path):
    wave, _, _ = tiny
    # clean data are keyed: A delivered 1 → 1 + 5 − 1 = 5, C delivered 4 → 2
    keyed = wave.codebook.codes(wave.data, "allein")
    assert keyed.iloc[[0, 2]].tolist() == [5.0, 2.0] and keyed.isna().iloc[1]
    assert codes_table(wave.data, wave.codebook)["allein"].tolist()[::2] == [1, 4]
    (path,) = export_wave(wave, "sav", tmp_path / "out")
    back, meta = pyreadstat.read_sav(path, user_missing=True)
    # TINY_RAW column by column: the delivered codes, -9 and 9 restored as user-missing
    assert back["allein"].tolist() == [1.0, -9.0, 4.0]
    assert back["fam"].tolist() == [5.0, 9.0, 3.0]
    assert back["ae"].tolist() == [1.0, 0.0, -9.0]
    assert back["alter"].tolist() == [34.5, -9.0, 51.0]
    assert back["g_phone"].tolist() == [1.0, -9.0, 0.0]  # the question's -9 in each option
    assert back["gruppe"].fillna(0).tolist() == [3.0, 2.0, 0.0]  # C: system-missing
    assert back["notiz"].tolist() == ["gut", "=1+1", ""]
    assert [str(v) for v in back["datum"]] == ["2022-01-10", "nan", "2022-01-11"]  # not restored
    assert meta.variable_value_labels["allein"] == {
        1.0: "Nein", 2.0: "eher nein", 3.0: "mittel", 4.0: "eher ja", 5.0: "Ja",
        -9.0: "keine Angabe", 9.0: "weiß nicht"}
    assert meta.variable_value_labels["g_pc"] == {0.0: "nicht genannt", 1.0: "genannt",
                                                  -9.0: "keine Angabe"}
    assert meta.missing_ranges["allein"] == [{"lo": -9.0, "hi": -9.0}, {"lo": 9.0, "hi": 9.0}]
    assert meta.column_labels[CODES_HEADER.index("g_phone")] == "Geräte: Smartphone"
    assert meta.variable_measure["allein"] == "ordinal"
    assert meta.variable_measure["s"] == "scale"
    assert meta.variable_measure["gruppe"] == "nominal"
    assert meta.original_variable_types["datum"] == "DATE11"


def test_more_than_three_missing_codes_become_a_range(make_wave, tmp_path):
    codebook = TINY.replace('missing: {-9: "keine Angabe"}',
                            'missing: {-9: "keine Angabe", -8: "trifft nicht zu", '
                            '-7: "verweigert"}')
    wave = load_wave("tiny", make_wave(codebook, TINY_RAW), tmp_path / "data" / "processed")
    (path,) = export_wave(wave, "sav", tmp_path / "out")
    _, meta = pyreadstat.read_sav(path, user_missing=True)
    # -9, -8, -7 and 9: SPSS takes one range and one discrete value; no level in -9..-7
    assert meta.missing_ranges["fam"] == [{"lo": -9.0, "hi": -7.0}, {"lo": 9.0, "hi": 9.0}]
    assert meta.missing_ranges["ae"] == [{"lo": -9.0, "hi": -9.0}, {"lo": -8.0, "hi": -8.0},
                                         {"lo": -7.0, "hi": -7.0}]


def test_spss_names_follow_the_spss_rules(make_wave, tmp_path):
    names = spss_names(["code", "by", "_x", "Fall-Nr", "größe", "Alter", "alter", "a" * 70])
    assert names == {"code": "code", "by": "by_", "_x": "v_x", "Fall-Nr": "Fall_Nr",
                     "größe": "groesse", "Alter": "Alter", "alter": "alter_2",
                     "a" * 70: "a" * 64}
    # a raw column kept with --allow-extra gets a valid SPSS name, listed in the codebook
    raw = """
    code,AE,F1,allein,alter,g_phone,g_pc,datum,notiz,u3,Fall-Nr
    A,1,5,1,34.5,1,0,2022-01-10,gut,0,7
    B,0,9,-9,-9,-9,-9,,=1+1,1,8
    C,-9,3,4,51,0,1,11.01.2022,,0,9
    """
    wave = load_wave("tiny", make_wave(TINY, raw), tmp_path / "data" / "processed",
                     allow_extra=True)
    table = codebook_table(wave.data, wave.codebook)
    assert table.set_index("variable").loc["Fall-Nr", ["spss_name", "type"]].tolist() == [
        "Fall_Nr", "extra"]
    (path,) = export_wave(wave, "sav", tmp_path / "out")
    back, _ = pyreadstat.read_sav(path)
    assert back["Fall_Nr"].tolist() == ["7", "8", "9"]


# -- (4) the command line ------------------------------------------------------------------------


def test_cli_export_writes_files_and_prints_one_line(tiny, capsys):
    _, registry, processed = tiny
    capsys.readouterr()
    for fmt, names in [("sav", ["tiny.sav"]), ("xlsx", ["tiny.xlsx"]),
                       ("csv", ["tiny.csv", "codebook.csv"])]:
        assert cli.main(["export", "tiny", "--to", fmt, "--waves", str(registry), "-q"]) == 0
        out = capsys.readouterr().out.splitlines()
        assert len(out) == 1 and out[0].startswith("exported: tiny -> ")
        folder = default_export_dir(processed, "tiny")
        assert cli.main(["export", "tiny", "--to", fmt, "--waves", str(registry)]) == 0
        said = capsys.readouterr()
        assert "exported" not in said.err and said.out.count("exported") == 1  # once
        assert folder == registry.parent / "data" / "processed" / "tiny" / "export"
        for name in names:
            assert (folder / name).is_file() and str(folder / name) in out[0]
    other = registry.parent / "elsewhere"
    assert cli.main(["export", "tiny", "--to", "csv", "--out", str(other),
                     "--waves", str(registry), "-q"]) == 0
    assert (other / "tiny.csv").is_file()


def test_cli_export_errors(tiny, capsys):
    _, registry, _ = tiny
    capsys.readouterr()
    assert cli.main(["export", "nope", "--to", "sav", "--waves", str(registry)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["error: " + str(registry) + ": no wave 'nope' (registered: tiny)"]
    assert cli.main(["export", "tiny", "--to", "pdf", "--waves", str(registry)]) == 2
    assert "invalid choice: 'pdf'" in capsys.readouterr().err
    assert cli.main(["export", "tiny", "--waves", str(registry)]) == 2  # --to is required
    capsys.readouterr()
    raw_out = registry.parent / "data" / "raw" / "tiny" / "export"
    assert cli.main(["export", "tiny", "--to", "sav", "--out", str(raw_out),
                     "--waves", str(registry), "-q"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "never go under data/raw" in err[0]
    assert not raw_out.exists()


# -- (5) raw data untouched, nothing left behind -------------------------------------------------


def test_raw_data_untouched_and_no_temporary_files(tiny, monkeypatch):
    wave, registry, processed = tiny
    raw = registry.parent / "data" / "raw"
    before = _tree_digest(raw)
    out = default_export_dir(processed, "tiny")
    for fmt in ("sav", "xlsx", "csv"):
        export_wave(wave, fmt, out)
    assert _tree_digest(raw) == before
    assert sorted(p.name for p in out.iterdir()) == ["codebook.csv", "tiny.csv", "tiny.sav",
                                                     "tiny.xlsx"]
    assert _hidden(out) == [] and _hidden(raw) == []

    # a writer that fails halfway leaves the previous file and no temporary file
    previous = (out / "tiny.sav").read_bytes()

    def broken(frame, path, **kwargs):
        Path(path).write_bytes(b"half a file")
        raise OSError("disk full")

    monkeypatch.setattr(pyreadstat, "write_sav", broken)
    with pytest.raises(OSError, match="disk full"):
        export_wave(wave, "sav", out)
    assert (out / "tiny.sav").read_bytes() == previous
    assert _hidden(out) == []
    assert _tree_digest(raw) == before


def test_unknown_format_is_one_line_error(tiny, tmp_path):
    from survey.errors import SurveyError

    wave, _, _ = tiny
    with pytest.raises(SurveyError, match=r"unknown export format 'pdf' \(allowed: sav, "
                                          r"xlsx, csv\)"):
        export_wave(wave, "pdf", tmp_path / "out")
    assert not (tmp_path / "out").exists()
