"""The bad-input catalogue through the command line: every case gives its documented
one-line message and exit code, never a traceback; the raw file stays byte-identical and a
failed clean leaves no output behind.

The reader's own catalogue of malformed files is ``tests/test_io_catalogue.py`` (49 cases);
this one covers what reaches the user through ``survey validate`` and ``survey clean``:
codebook and registry mistakes, data errors and a failure in the middle of cleaning.

| id | command | exit | message (start) |
|---|---|---|---|
| yaml_syntax | validate | 1 | codebook.yml: … line |
| codebook_type_typo | validate | 1 | key 'variables.fam.type': unknown type 'ordinall' |
| codebook_missing | validate | 1 | codebook … not found |
| registry_missing_raw_key | validate | 1 | key 'waves.w.raw': is required |
| ratings_file_missing | validate | 1 | srs.csv: raw data file not found |
| raw_missing | clean | 1 | raw.csv: raw data file not found |
| wrong_encoding_utf16_no_bom | clean | 1 | is not a text table (UTF-16 … |
| truncated_file | clean | 1 | row 3: has 2 fields, the header has 3 |
| short_row_deep_in_a_large_file | clean | 1 | row 5005: has 2 fields, the header has 3 |
| text_after_quote_deep_in_a_large_file | clean | 1 | row 5004: text follows a closing quote … |
| header_without_rows | clean | 1 | has a header but no data rows |
| text_in_numeric | clean | 1 | column 'alter', row 2: 'viele' is not a number |
| duplicate_code | clean | 1 | column 'code', row 2: respondent code 'A' occurs in rows 2, 3 |
| unknown_column | clean | 1 | column 'extra': is not in the codebook |
| unknown_wave | clean | 1 | no wave 'nope' (registered: w) |
| unknown_option | clean | 2 | usage error from argparse |
"""

from __future__ import annotations

import hashlib

import pytest
from conftest import write

from survey import cli

CODEBOOK = """
id: code
answer_sets:
  nj5: {type: ordinal, levels: {1: Nein, 2: eher nein, 3: mittel, 4: eher ja, 5: Ja}}
variables:
  fam: {label: "Familie", answers: nj5}
  alter: {label: "Alter", type: numeric}
"""
RAW = "code,fam,alter\nA,5,30\nB,3,41\n"
#: 5 000 more respondents (rows 4 to 5003): the broken row comes far down a plain file
MANY = "".join(f"R{i},{i % 5 + 1},{20 + i % 40}\n" for i in range(5000))
RATINGS = """session_ratings:
  raw: srs.csv
  id: code
  date: datum
  rater: coach
  items: {s1: "verstanden"}
  range: [0, 10]
"""

# id, command, codebook text (None: no file), raw bytes (None: no file), registry extra,
# expected exit code, expected text in the one line
CASES = [
    ("yaml_syntax", "validate", "id: code\nvariables: {fam: [\n", RAW, "", 1, "line"),
    ("codebook_type_typo", "validate", CODEBOOK.replace("ordinal,", "ordinall,"), RAW, "", 1,
     "key 'answer_sets.nj5.type': unknown answer-set type 'ordinall'"),
    ("codebook_missing", "validate", None, RAW, "", 1, "not found"),
    ("registry_missing_raw_key", "validate", CODEBOOK, RAW, "drop-raw", 1,
     "key 'waves.w.raw': is required"),
    ("ratings_file_missing", "validate", CODEBOOK + RATINGS, RAW, "", 1,
     "srs.csv: raw data file not found"),
    ("raw_missing", "clean", CODEBOOK, None, "", 1, "raw data file not found"),
    ("wrong_encoding_utf16_no_bom", "clean", CODEBOOK, RAW.encode("utf-16-le"), "", 1,
     "is not a text table (UTF-16"),
    ("truncated_file", "clean", CODEBOOK, RAW + "C,4", "", 1,
     "row 4: has 2 fields, the header has 3"),
    ("short_row_deep_in_a_large_file", "clean", CODEBOOK, RAW + MANY + "\nX,1\nY,2,3\n", "",
     1, "row 5005: has 2 fields, the header has 3"),
    ("text_after_quote_deep_in_a_large_file", "clean", CODEBOOK,
     RAW + MANY + 'X,"3" 4,5\n', "", 1, "row 5004: text follows a closing quote"),
    ("header_without_rows", "clean", CODEBOOK, "code,fam,alter\n", "", 1,
     "has a header but no data rows"),
    ("text_in_numeric", "clean", CODEBOOK, "code,fam,alter\nA,5,viele\n", "", 1,
     "column 'alter', row 2: 'viele' is not a number"),
    ("duplicate_code", "clean", CODEBOOK, "code,fam,alter\nA,5,30\nA,4,31\n", "", 1,
     "respondent code 'A' occurs in rows 2, 3"),
    ("unknown_column", "clean", CODEBOOK, "code,fam,alter,extra\nA,5,30,x\n", "", 1,
     "column 'extra': is not in the codebook"),
    ("unknown_wave", "clean:nope", CODEBOOK, RAW, "", 1, "no wave 'nope' (registered: w)"),
]


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_bad_input_gives_one_line_and_its_exit_code(case, tmp_path, capsys):
    _id, command, codebook, raw, extra, code, expected = case
    folder = tmp_path / "data" / "raw" / "w"
    folder.mkdir(parents=True)
    if codebook is not None:
        write(folder / "codebook.yml", codebook)
    raw_path = folder / "raw.csv"
    if raw is not None:
        raw_path.write_bytes(raw if isinstance(raw, bytes) else raw.encode("utf-8"))
    entry = "{raw: data/raw/w/raw.csv, codebook: data/raw/w/codebook.yml}"
    if extra == "drop-raw":
        entry = "{codebook: data/raw/w/codebook.yml}"
    registry = write(tmp_path / "waves.yml", f"waves:\n  w: {entry}\n")
    before = _sha(raw_path)
    verb, _, wave = command.partition(":")
    assert cli.main([verb, wave or "w", "--waves", str(registry)]) == code
    err = capsys.readouterr().err
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("error: ")]
    assert errors and all("\n" not in line for line in errors)
    assert any(expected in line for line in errors), err
    assert _sha(raw_path) == before  # the raw file is byte-identical
    processed = tmp_path / "data" / "processed" / "w"
    if verb == "clean":  # a failed clean leaves nothing half-written
        assert not processed.exists() or not any(
            p.suffix in (".parquet", ".csv", ".json") for p in processed.iterdir())


def test_an_unknown_option_is_a_usage_error(tmp_path, capsys):
    assert cli.main(["clean", "w", "--colour", "red"]) == 2
    err = capsys.readouterr().err
    assert "unrecognized arguments: --colour red" in err and "Traceback" not in err


def test_a_failure_in_the_middle_of_cleaning_leaves_no_output(tmp_path, monkeypatch, capsys):
    from survey import store

    folder = tmp_path / "data" / "raw" / "w"
    write(folder / "codebook.yml", CODEBOOK)
    (folder / "raw.csv").write_text(RAW, encoding="utf-8")
    registry = write(tmp_path / "waves.yml",
                     "waves:\n  w: {raw: data/raw/w/raw.csv, codebook: data/raw/w/codebook.yml}\n")
    calls = []

    def failing_write(path, frame):  # the second file fails, as if the disk were full
        calls.append(path)
        if len(calls) == 2:
            raise OSError("No space left on device")
        return original(path, frame)

    original = store.write_parquet
    monkeypatch.setattr(store, "write_parquet", failing_write)
    assert cli.main(["clean", "w", "--waves", str(registry)]) == 1
    err = capsys.readouterr().err
    assert "No space left on device" in err and "Traceback" not in err
    processed = tmp_path / "data" / "processed" / "w"
    # the first file was written whole, no temporary file is left; provenance.json (written
    # last) is missing, so load_wave treats the wave as not cleaned and cleans it again
    assert not list(processed.glob(".*"))
    assert not (processed / "provenance.json").exists()
