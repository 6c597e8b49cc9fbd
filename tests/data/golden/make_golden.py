"""Write the reference outputs that ``tests/test_clean_identity.py`` compares against.

Run ONLY with the cleaning code whose outputs are the reference (these files were made with
commit 1065b81, before the cleaning was made fast for issue 11), from the repository root::

    .venv/bin/python tests/data/golden/make_golden.py [--bench-rows 100000 1000000]

It writes, under ``tests/data/golden/``:

``inputs/<case>/``
    Small adversarial waves (codebook, raw file, session-rating forms) that exercise every
    cleaning rule and the awkward corners of the readers: user-missing codes, out of range,
    filter violations (chained), not asked, max_choices, reverse keying, derived crosses,
    scale scores, dates, text, coded and multi answers, blank lines and blank rows, an Excel
    ``sep=;`` line, a Windows-1252 file, UTF-16 text, quoted fields with separators, quotes
    and line breaks, Excel and SPSS files.
``outputs/<case>/``
    What ``survey.store.clean_wave`` wrote for each case and for the demo waves of
    ``waves.yml``: ``clean.parquet``, ``missing.parquet``, ``cleaning_log.csv`` and
    ``ratings.parquet`` (where there are session ratings).
``errors/<case>.csv.gz``, ``errors/codebook*.yml`` and ``errors.json``
    Broken raw files (gzip-compressed) and the exact one-line messages reading or cleaning
    them gave (``{raw}`` stands for the raw file's path, ``{codebook}`` for the codebook's).
``manifest.json``
    The cases (with ``allow_extra``), the library versions the parquet files were written
    with, and content digests (``replicate.output_digest``) of the replicated benchmark wave
    at 3 000 rows and at every ``--bench-rows``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "tests")]

import pandas as pd  # noqa: E402
import pyarrow  # noqa: E402
from conftest import ANSWER_SETS, BASIC_CODEBOOK  # noqa: E402
from replicate import output_digest, replicated_wave  # noqa: E402
from test_clean import CHAINED, MULTI, NUMERIC  # noqa: E402

from survey.clean import clean  # noqa: E402
from survey.codebook import load_codebook  # noqa: E402
from survey.errors import ProblemList, SurveyError  # noqa: E402
from survey.io import read_raw  # noqa: E402
from survey.registry import Wave, load_registry  # noqa: E402
from survey.store import clean_wave  # noqa: E402

OUTPUTS = ("clean.parquet", "missing.parquet", "cleaning_log.csv", "ratings.parquet")

# -- the adversarial waves ---------------------------------------------------------------------

KITCHEN = """\
instrument: golden
title: "Alle Regeln"
language: de
id: code
missing: {-9: "keine Angabe", -8: {label: "verweigert", kind: no_answer}}
answer_sets:""" + ANSWER_SETS + """\
  farbe: {type: nominal, levels: {3: "rot", 1: "grün", 2: "blau"}}
sections:
  a: "Ebene 1"
variables:
  ae: {label: "Alleinerziehend", answers: ja_nein, source: AE}
  u3: {label: "Kind u3", answers: ja_nein}
  farbe: {label: "Farbe", answers: farbe, missing: {7: {label: "egal", kind: dont_know}}}
  fam: {label: "Familie", answers: nj5, section: a, source: F1}
  allein: {label: "Allein", answers: nj5, reverse: true, section: a}
  ruhe: {label: "Ruhe", answers: nj5, section: a}
  alter: {label: "Alter", type: numeric, range: [16, 70], source: AGE}
  kinder: {label: "Kinder", type: numeric, range: [1, 12], integer: true}
  einkommen: {label: "Einkommen", type: numeric}
  geraete:
    label: "Geräte"
    type: multi
    options: {g_sp: {label: "Smartphone", source: DG01_01}, g_pc: "PC"}
  messenger:
    label: "Messenger"
    type: multi
    filter: "g_sp == 1"
    options: {m_wa: {label: "WhatsApp", source: DG02_01}, m_tg: "Telegram"}
  wa_tage: {label: "Tage mit WhatsApp", type: numeric, range: [0, 7], filter: "m_wa == 1"}
  kanal:
    label: "Kanal"
    type: multi
    max_choices: 2
    options: {k_tel: "Telefon", k_mail: "E-Mail", k_post: "Post"}
  kita: {label: "Kita", answers: ja_nein, filter: "u3 == 1 and ae == 1"}
  themen: {label: "Themen", type: coded, codes: {1: "Arbeit", 2: "Kinder", 3: "Wohnung"}}
  wuensche: {label: "Wünsche", type: coded, codes: {1: "Geld", 2: "Zeit"}, max_choices: 1,
             filter: "ae == 1"}
  themen_folge: {label: "Folgefrage", type: numeric, filter: "themen_1 == 1 or farbe >= 2"}
  anmerkung: {label: "Anmerkung", type: text}
  notiz: {label: "Notiz", type: text, filter: "ae == 1"}
  datum: {label: "Datum", type: date}
  termin: {label: "Termin", type: date, format: "%d.%m.%Y", filter: "u3 == 1"}
derived:
  gruppe: {label: "Gruppe", from: [ae, u3]}
  farbgruppe: {label: "Farbgruppe", from: [farbe, allein]}
scales:
  both: {label: "Beide", items: [fam, allein], min_items: 2}
  keyed: {label: "Gekeyed", items: [fam, allein, ruhe], reverse: [fam], min_items: 1}
  alle: {label: "Alle", items: [fam, allein, ruhe]}
"""

#: Raw column -> the cells a row may hold (valid, user-missing, out of range, blank, padded).
KITCHEN_CELLS = {
    "AE": ["1", "0", "", "-9", "2", " 1 ", "1.0", "-8", "0"],
    "u3": ["1", "0", "", "-9", "1", "0,0"],
    "farbe": ["1", "2", "3", "", "-9", "4", "7", "3"],
    "F1": ["1", "2", "3", "4", "5", "9", "-9", "", "6", "0", " 3", "+2", "3.0", "2,0"],
    "allein": ["1", "2", "3", "4", "5", "9", "-9", "", "5", "1"],
    "ruhe": ["1", "2", "3", "4", "5", "9", "", "4"],
    "AGE": ["34", "34,5", "99", "15", "-9", "", "16", "70", "70,0", " 45 ", "1e1", ",5"],
    "kinder": ["2", "1,5", "13", "1", "", "-9", "0", "12", "3.0"],
    "einkommen": ["1500", "1.500", "2500,50", "", "-8", "-9", "0", "-1200", "inf"],
    "DG01_01": ["0", "1", "", "2", "-9", "1", "1"],
    "g_pc": ["0", "1", "", "1"],
    "DG02_01": ["0", "1", "", "9", "1"],
    "m_tg": ["0", "1", ""],
    "wa_tage": ["3", "", "0", "7", "-9", "8", "2,5"],
    "k_tel": ["0", "1", ""],
    "k_mail": ["0", "1", ""],
    "k_post": ["0", "1", "", "1"],
    "kita": ["0", "1", "", "1"],
    "themen": ["1", "1,3", "2; 3", "1 2", "-9", "", "4", "4;1", "3,3", " 2 "],
    "wuensche": ["1", "2", "1,2", "", "-9", "3"],
    "themen_folge": ["1", "2", "", "-9"],
    "anmerkung": ["", "hallo", "Zeile eins\r\nZeile zwei; mit Semikolon", "-9",
                  'Er sagte "ja"', "  Leerzeichen  ", "Münster, Gießen", "x"],
    "notiz": ["", "n1", "-9", "lang;\nmit Umbruch"],
    "datum": ["2022-01-10", "10.01.2022", "", "-9", "2021-12-31", "01.04.2021"],
    "termin": ["10.01.2022", "", "-9", "01.02.2021"],
}


def _kitchen_raw() -> bytes:
    """The kitchen-sink wave: UTF-8 with BOM, Excel's ``sep=;`` line, CRLF, quoted cells
    with separators, quotes and line breaks, blank lines between rows and at the end, a row
    of blank cells, a row of spaces."""
    rng = random.Random(20240611)
    header = ["code", *KITCHEN_CELLS]
    rows = [[f"K{i:03d}", *(rng.choice(cells) for cells in KITCHEN_CELLS.values())]
            for i in range(1, 121)]
    rows.insert(7, ["K900"] + [""] * len(KITCHEN_CELLS))  # every cell blank
    rows.insert(11, ["K901"] + ["  "] * len(KITCHEN_CELLS))  # every cell spaces
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for i, row in enumerate(rows):
        writer.writerow(row)
        if i in (3, 40):
            buffer.write("\r\n")  # a blank line between rows
        if i == 60:
            buffer.write("\r\n\r\n")
    buffer.write("\r\n\r\n")  # blank lines at the end
    return b"\xef\xbb\xbf" + ("sep=;\r\n" + buffer.getvalue()).encode("utf-8")


LATIN = """\
id: Kennung
missing: {-9: "keine Angabe"}
answer_sets:
  zufr: {type: ordinal, levels: {1: "gar nicht", 2: "wenig", 3: "ziemlich", 4: "sehr"},
         missing: {8: "weiß nicht"}}
variables:
  ort: {label: "Wohnort", type: text}
  zufrieden: {label: "Zufriedenheit", answers: zufr, source: "Zufriedenheit (gesamt)"}
  groesse: {label: "Größe", type: numeric, range: [100, 220]}
  bemerkung: {label: "Bemerkung", type: text}
"""

LATIN_RAW = (
    'Kennung,ort,"Zufriedenheit (gesamt)",groesse,bemerkung\n'
    'Ä1,Münster,3,"172,5","schön, aber teuer"\n'
    "Ö2,Gießen,8,199,\n"
    'Ü3,,4,,"zwei\nZeilen"\n'
    "\n"
    'ß4, Köln ,1,"99,9","""zitiert"""\n'
    "é5,-9,-9,230,-9\n"
    "Ø6,Zürich,5,180,\n"
)

UTF16 = """\
id: code
answer_sets:
  ja_nein: {type: binary, levels: {1: "ja", 2: "nein"}}
variables:
  raucher: {label: "Raucher", answers: ja_nein}
  gewicht: {label: "Gewicht", type: numeric, range: [30, 200]}
  kommentar: {label: "Kommentar", type: text}
"""

UTF16_RAW = ("code\traucher\tgewicht\tkommentar\r"
             "a1\t1\t70,5\tTabs\r"
             "a2\t2\t250\t\r"
             "a3\t\t80\t\"mit\tTab\"\r"
             "\r"
             "a4\t3\t\tÜ\r")

EXTRA_RAW = "code,AE,F1,EXTRA,Notiz 2\nA,1,5,x,\nB,0,9,, y \nC,-9,,-9,z\n"

BASIC = BASIC_CODEBOOK.lstrip("\n")

RATINGS = BASIC + """\
session_ratings:
  raw: srs.csv
  id: code
  date: datum
  rater: coach
  items: {srs1: "verstanden", srs2: "Themen", srs3: "Methode"}
  range: [0, 10]
  cutoff: 20
"""

RATINGS_RAW = "code;AE;F1\nA;1;5\nB;0;4\nC;1;9\n"
SRS_RAW = ("code;datum;coach;srs1;srs2;srs3\r\n"
           "A;2021-04-01;Frau X;8;9,5;10\r\n"
           "A;08.04.2021;Frau X;7;;6\r\n"
           "B;2021-04-02; Herr Y ;11;5;5\r\n"
           "\r\n"
           "C;2021-04-09;;0;0;-1\r\n"
           "B;15.04.2021;Herr Y;3,5;4;4\r\n")

XLSX_CODEBOOK = """\
id: code
missing: {-9: "keine Angabe"}
answer_sets:
  nj5: {type: ordinal, levels: {1: "Nein", 2: "eher nein", 3: "mittel", 4: "eher ja", 5: "Ja"}}
variables:
  fam: {label: "Familie", answers: nj5, reverse: true}
  alter: {label: "Alter", type: numeric, range: [16, 70]}
  seit: {label: "Seit", type: date}
  notiz: {label: "Notiz", type: text}
"""


def _xlsx(path: Path) -> None:
    import datetime as dt

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Daten"
    for row in (["code", "fam", "alter", "seit", "notiz"],
                ["X1", 5, 34.5, dt.datetime(2021, 4, 1), "a"],
                ["X2", 2, 99, dt.date(2020, 1, 31), None],
                ["X9", None, None, None, None],
                ["X3", -9, 16, None, "-9"],
                ["X4", 7, "40", "2021-05-05", " b "]):
        sheet.append(row)
    book.save(path)


SAV_CODEBOOK = """\
id: code
answer_sets:
  nj5:
    type: ordinal
    levels: {1: "Nein", 2: "eher nein", 3: "mittel", 4: "eher ja", 5: "Ja"}
    missing: {9: "weiß nicht"}
variables:
  f1: {label: "Frage 1", answers: nj5}
  alter: {label: "Alter", type: numeric}
  datum: {label: "Datum", type: date}
"""


def _sav(path: Path) -> None:
    import datetime as dt

    import pyreadstat

    frame = pd.DataFrame({"code": ["S1", "S2", "S3", "S4"], "f1": [1.0, 9.0, float("nan"), 6.0],
                          "alter": [34.5, float("nan"), 20.0, 71.0],
                          "datum": [dt.date(2021, 4, 1), None, dt.date(2021, 4, 2), None]})
    pyreadstat.write_sav(frame, path, variable_value_labels={"f1": {1: "Nein", 9: "wn"}},
                         missing_ranges={"f1": [9]})


#: The fixtures of tests/test_clean.py, each a wave of its own (codebook text, raw text).
_CHAINED, _MULTI, _NUMERIC = (text.lstrip("\n") for text in (CHAINED, MULTI, NUMERIC))

CASES: dict[str, dict] = {
    "kitchen_sink": {"codebook": KITCHEN, "raw": ("raw.csv", _kitchen_raw())},
    "cp1252_comma": {"codebook": LATIN, "raw": ("raw.csv", LATIN_RAW.encode("cp1252"))},
    "utf16_tab_cr": {"codebook": UTF16,
                     "raw": ("raw.txt", b"\xff\xfe" + UTF16_RAW.encode("utf-16-le"))},
    "allow_extra": {"codebook": BASIC, "raw": ("raw.csv", EXTRA_RAW.encode()),
                    "allow_extra": True},
    "session_ratings": {"codebook": RATINGS, "raw": ("raw.csv", RATINGS_RAW.encode()),
                        "files": {"srs.csv": SRS_RAW.encode()}},
    "excel": {"codebook": XLSX_CODEBOOK, "raw": ("raw.xlsx", _xlsx)},
    "spss": {"codebook": SAV_CODEBOOK, "raw": ("raw.sav", _sav)},
    "chained_filters": {"codebook": _CHAINED,
                        "raw": ("raw.csv", b"code,sp,wa,wa_tage\nR1,0,1,3\nR2,1,,2\nR3,1,1,5\n"
                                           b"R4,1,0,\nR5,,1,4\nR6,-9,0,1\n")},
    "multi": {"codebook": _MULTI,
              "raw": ("raw.csv", b"code,DG01_01,g_pc,DG02_01,DG02_02,k_tel,k_mail,k_post\n"
                                 b"A,1,0,1,0,1,1,0\nB,0,1,1,0,1,1,1\nC,0,0,0,0,0,0,1\n"
                                 b"D,1,1,,,0,0,0\nE,,1,1,1,2,0,0\n")},
    "numeric": {"codebook": _NUMERIC,
                "raw": ("raw.csv", b"code;AGE;kinder\nA;34,5;2\nB;99;1,5\nC;-9;13\nD;16;1\n")},
}

# -- broken inputs: the exact messages ---------------------------------------------------------

_ERR_CODEBOOK = """\
id: code
missing: {-9: "keine Angabe"}
answer_sets:
  nj5: {type: ordinal, levels: {1: "Nein", 2: "eher nein", 3: "mittel", 4: "eher ja", 5: "Ja"}}
variables:
  fam: {label: "Familie", answers: nj5}
  alter: {label: "Alter", type: numeric}
  themen: {label: "Themen", type: coded, codes: {1: "Arbeit", 2: "Kinder"}}
  datum: {label: "Datum", type: date}
  notiz: {label: "Notiz", type: text}
"""
_ERR_FILTER = _ERR_CODEBOOK.replace('type: numeric}', 'type: numeric, filter: "notiz == 1"}')


def _rows(n: int, start: int = 0, sep: str = ";") -> str:
    return "".join(sep.join([f"R{i:05d}", str(i % 5 + 1), str(20 + i % 50), str(i % 2 + 1),
                             "2022-01-10", f"n{i}"]) + "\n" for i in range(start, start + n))


_HEAD = "code;fam;alter;themen;datum;notiz\n"

ERRORS: dict[str, bytes | str] = {
    "extra_field_deep": _HEAD + _rows(1000) + "\n\n" + _rows(2000, 1000)
    + "R99999;1;2;3;4;5;6\n" + _rows(10, 5000),
    "short_row_not_last": _HEAD + _rows(3000) + "R99999;1;2\n" + _rows(10, 5000),
    "last_row_cut_off": _HEAD + _rows(3000) + "R99999;1;2\n\n\n",
    "nul_deep": _HEAD + _rows(2500) + "R99999;1;2;1;2022-01-10;a\x00b\n" + _rows(10, 5000),
    "unclosed_quote_deep": _HEAD + _rows(2500) + 'R99999;1;2;1;2022-01-10;"offen\n'
    + _rows(10, 5000),
    "text_after_quote_deep": _HEAD + _rows(2500) + 'R99999;1;2;1;2022-01-10;"zu" viel\n'
    + _rows(10, 5000),
    "stray_quote_in_cell": _HEAD + _rows(100) + 'R99999;1;2;1;2022-01-10;ab"c\n'
    + _rows(10, 5000) + "R88888;1;2\n",
    "quoted_newlines_then_bad_row": _HEAD + _rows(100) + 'R99999;1;2;1;2022-01-10;"a\nb\nc"\n'
    + _rows(100, 5000) + "R88888;1;2\n",
    "field_too_long": _HEAD + _rows(100) + "R99999;1;2;1;2022-01-10;" + "x" * 140_000 + "\n"
    + _rows(10, 5000),
    "mixed_encodings_deep": (_HEAD + "R0;1;20;1;2022-01-10;Münster\n" + _rows(3000)).encode()
    + "R99999;1;2;1;2022-01-10;Gießen\n".encode("cp1252"),
    "undecodable_deep": (_HEAD + _rows(3000)).encode() + b"R99999;1;2;1;2022-01-10;x\x81y\n",
    "text_in_numeric": _HEAD + _rows(50) + "R99999;1;viele;1;2022-01-10;a\n" + _rows(20, 5000)
    + "R99998;1;zwei;1;2022-01-10;a\n" + "".join(f"R7{i:04d};1;x{i};1;;\n" for i in range(9)),
    "bad_code_date_coded": _HEAD + _rows(50) + "R99999;x;1;1 und 2;31.02.2022;a\n"
    + "R99998;6,5;1;2;2022-13-01;a\n",
    "blank_and_duplicate_ids": _HEAD + _rows(20) + " ;1;2;1;;\n" + _rows(3, 0) + _rows(2, 5)
    + ";1;2;1;;\n",
    "missing_and_extra_columns": "code;fam;alter;extra;datum;notiz;noch\nA;1;2;3;;;\n",
    "header_only": _HEAD,
    "sep_line_then_bad_row": "sep=;\r\n" + _HEAD.replace("\n", "\r\n") + "A;1;2;1;;\r\nB;1\r\n",
    "filter_on_text": _HEAD + _rows(5),
}
_ERROR_CODEBOOKS = {"filter_on_text": "codebook_filter.yml"}


# -- writing -----------------------------------------------------------------------------------


def _write_case(name: str, spec: dict) -> Wave:
    folder = HERE / "inputs" / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    (folder / "codebook.yml").write_text(spec["codebook"], encoding="utf-8")
    raw_name, content = spec["raw"]
    if callable(content):
        content(folder / raw_name)
    else:
        (folder / raw_name).write_bytes(content)
    for file_name, data in spec.get("files", {}).items():
        (folder / file_name).write_bytes(data)
    return Wave(name=name, title=name, raw=folder / raw_name, codebook=folder / "codebook.yml",
                registry=folder / "waves.yml")


def _keep_outputs(processed: Path, name: str) -> list[str]:
    target = HERE / "outputs" / name
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    kept = []
    for file_name in OUTPUTS:
        if (processed / file_name).is_file():
            shutil.copy(processed / file_name, target / file_name)
            kept.append(file_name)
    return kept


def _message_lines(exc: SurveyError, raw: Path, codebook: Path) -> list[str]:
    lines = exc.lines() if isinstance(exc, ProblemList) else [str(exc)]
    return [line.replace(str(raw), "{raw}").replace(str(codebook), "{codebook}")
            for line in lines]


def _errors() -> dict[str, dict]:
    out = {}
    folder = HERE / "errors"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for name, text in {"codebook.yml": _ERR_CODEBOOK, "codebook_filter.yml": _ERR_FILTER}.items():
        (folder / name).write_text(text, encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        for name, content in ERRORS.items():
            data = content if isinstance(content, bytes) else content.encode("utf-8")
            with gzip.GzipFile(folder / f"{name}.csv.gz", "wb", mtime=0) as handle:
                handle.write(data)
            raw = Path(tmp) / f"{name}.csv"
            raw.write_bytes(data)
            codebook = folder / _ERROR_CODEBOOKS.get(name, "codebook.yml")
            try:
                clean(read_raw(raw), load_codebook(codebook))
            except SurveyError as exc:
                out[name] = {"codebook": codebook.name, "error": type(exc).__name__,
                             "lines": _message_lines(exc, raw, codebook)}
            else:
                raise SystemExit(f"error case {name} cleaned without an error")
    return out


def _git_commit() -> str:
    result = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    return result.stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench-rows", type=int, nargs="*", default=[],
                        help="also record the digest of the benchmark wave at these sizes")
    args = parser.parse_args()
    manifest: dict = {
        "commit": _git_commit(),
        "versions": {"pandas": pd.__version__, "pyarrow": pyarrow.__version__},
        "cases": {},
        "demo_waves": {},
        "bench_digests": {},
    }
    shutil.rmtree(HERE / "outputs", ignore_errors=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for name, wave in load_registry(ROOT / "waves.yml").items():
            out = clean_wave(wave, tmp / "demo")
            manifest["demo_waves"][name] = _keep_outputs(out, name)
        for name, spec in CASES.items():
            wave = _write_case(name, spec)
            allow_extra = bool(spec.get("allow_extra", False))
            out = clean_wave(wave, tmp / "cases", allow_extra=allow_extra)
            manifest["cases"][name] = {"raw": wave.raw.name, "allow_extra": allow_extra,
                                       "outputs": _keep_outputs(out, name)}
        for rows in [3000, *args.bench_rows]:
            folder = tmp / f"bench{rows}"
            folder.mkdir()
            wave, _ = replicated_wave(folder, rows)
            out = clean_wave(wave, folder / "processed")
            manifest["bench_digests"][str(rows)] = output_digest(out)
            print(f"benchmark wave, {rows} rows: digest recorded", flush=True)
    (HERE / "errors.json").write_text(json.dumps(_errors(), indent=1, ensure_ascii=False) + "\n",
                                      encoding="utf-8")
    (HERE / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False)
                                        + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
