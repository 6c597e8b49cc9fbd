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
