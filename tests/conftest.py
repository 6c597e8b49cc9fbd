"""Shared fixtures: tiny codebooks and raw files written to a temporary folder."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

#: A five-point answer set with "weiß nicht" and a yes/no set (under ``answer_sets:``).
ANSWER_SETS = """
  nj5:
    type: ordinal
    levels: {1: "Nein", 2: "eher nein", 3: "mittel", 4: "eher ja", 5: "Ja"}
    missing: {9: "weiß nicht"}
    top_box: [4, 5]
  ja_nein: {type: binary, levels: {0: "nein", 1: "ja"}}
"""

BASIC_CODEBOOK = """
instrument: tiny
title: "Tiny"
id: code
missing: {-9: "keine Angabe"}
answer_sets:""" + ANSWER_SETS + """sections:
  subjekt: "Ebene 1: Subjektebene"
variables:
  ae: {label: "Alleinerziehend", answers: ja_nein, source: AE}
  fam: {label: "Familie", answers: nj5, section: subjekt, source: F1}
"""


def planned_by_hand(frame, withheld=None, small=None, near=None):
    """``frame`` as the disclosure plan returns it for a shared output, the decisions given
    by hand: ``withheld`` maps a row (position) to its withheld columns (";"-joined),
    ``small`` to those of them that are counts below min_cell ("< 5"), ``near`` to the
    counts withheld because their complement is small ("> 180"). Withheld values become
    NaN (NA in an integer column); rows not named withhold nothing."""
    import pandas as pd

    from survey.disclosure import SUPPRESSED, SUPPRESSED_NEAR_TOTAL, SUPPRESSED_SMALL

    withheld, small, near = withheld or {}, small or {}, near or {}
    out = frame.reset_index(drop=True).copy()
    for marks in (small, near):
        for i, columns in marks.items():
            assert set(columns.split(";")) <= set(withheld[i].split(";")), (i, columns)
    for column in frame.columns:
        rows = [i for i, columns in withheld.items() if column in columns.split(";")]
        if rows:
            series = out[column]
            if pd.api.types.is_integer_dtype(series):
                series = series.astype("Int64")
            out[column] = series.mask(series.index.isin(rows))
    n = len(out)
    out[SUPPRESSED] = [withheld.get(i, "") for i in range(n)]
    out[SUPPRESSED_SMALL] = [small.get(i, "") for i in range(n)]
    out[SUPPRESSED_NEAR_TOTAL] = [near.get(i, "") for i in range(n)]
    return out


#: A wave of 20 for the disclosure tests, (codebook, raw CSV). ae: 3 × ja, 17 × nein.
#: fam: 10 × Ja, 6 × eher ja, 2 × mittel, 2 × weiß nicht.
TINY_STUDY = ("""
instrument: tiny
title: "Tiny"
id: code
missing: {-9: "keine Angabe"}
answer_sets:""" + ANSWER_SETS + """variables:
  ae: {label: "Alleinerziehend", answers: ja_nein, source: AE}
  fam: {label: "Familie", answers: nj5, source: F1}
""", "code,AE,F1\n" + "".join(
    f"r{i:02d},{([1] * 3 + [0] * 17)[i]},{([5] * 10 + [4] * 6 + [3] * 2 + [9] * 2)[(7 * i) % 20]}\n"
    for i in range(20)))


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(textwrap.dedent(text).lstrip("\n").encode(encoding))
    return path


@pytest.fixture
def make_wave(tmp_path):
    """Write codebook, raw csv and registry; return the registry path."""

    def _make(codebook: str, raw: str, name: str = "tiny", raw_name: str = "raw.csv",
              encoding: str = "utf-8") -> Path:
        folder = tmp_path / "data" / "raw" / name
        write(folder / "codebook.yml", codebook)
        write(folder / raw_name, raw, encoding)
        return write(tmp_path / "waves.yml", f"""
            waves:
              {name}:
                title: "Tiny wave"
                raw: data/raw/{name}/{raw_name}
                codebook: data/raw/{name}/codebook.yml
                notebooks: [01-cleaning]
            """)

    return _make


@pytest.fixture
def shown(monkeypatch) -> list[str]:
    """Everything a report page (survey.page.Page) displays, in order; the key findings,
    which a notebook fills in later, are displayed where they are made."""
    from survey import page as page_module

    out: list[str] = []
    monkeypatch.setattr(page_module, "_display", out.append)
    monkeypatch.setattr(page_module, "_open_slot", lambda: None)
    return out
