"""Drafting a codebook from an SPSS file."""

from __future__ import annotations

import pandas as pd
import pytest

from survey.codebook import load_codebook
from survey.draft import draft_codebook

pyreadstat = pytest.importorskip("pyreadstat")


def test_draft_round_trips_labels_and_user_missing(tmp_path):
    sav = tmp_path / "w.sav"
    frame = pd.DataFrame({"CODE": ["A", "B"], "SD01": [1.0, 0.0], "F1": [5.0, 9.0],
                          "ALTER": [34.0, 51.0]})
    pyreadstat.write_sav(
        frame, sav,
        column_labels=["Code", "Alleinerziehend", "Genießen Sie die Zeit?", "Alter"],
        variable_value_labels={"SD01": {0: "no", 1: "ja"},
                               "F1": {1: "Nein", 3: "mittel", 5: "Ja", 9: "weiß nicht"}},
        missing_ranges={"F1": [9]},
        variable_measure={"CODE": "nominal", "SD01": "nominal", "F1": "ordinal",
                          "ALTER": "scale"},
    )
    text = draft_codebook(sav)
    path = tmp_path / "codebook.yml"
    path.write_text(text, encoding="utf-8")
    cb = load_codebook(path)  # the draft is a valid codebook
    assert cb.id == "CODE"
    sd = cb.variables["sd01"]
    assert (sd.type, sd.source, sd.label) == ("binary", "SD01", "Alleinerziehend")
    assert sd.levels == {0: "no", 1: "ja"}  # 'no' survives as a label
    f1 = cb.variables["f1"]
    assert f1.type == "ordinal" and f1.levels == {1: "Nein", 3: "mittel", 5: "Ja"}
    assert f1.missing[9].label == "weiß nicht" and f1.missing[9].kind == "dont_know"
    assert cb.variables["alter"].type == "numeric"
