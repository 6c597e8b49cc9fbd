"""survey.open: one result at a time in JupyterLab, with the numbers of the reports (the
report's CSV is the reference: the same wave run through its notebooks). The example
notebook docs/examples/follow-up.ipynb runs in `make test`'s notebook phase (nbval)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import survey
from survey.demo import main_generate

SURVEY = str(Path(sys.executable).with_name("survey"))
NUMBERS = ["statistic", "p", "p_adj", "effect_size", "ci_low", "ci_high", "n_a", "n_b"]


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo")
    main_generate(root=root)
    for notebook in ("02-descriptives", "03-group-comparisons"):
        ran = subprocess.run([SURVEY, "run", "anna-e2", "-n", notebook, "-q"], cwd=root,
                             capture_output=True, text=True, timeout=600)
        assert ran.returncode == 0, ran.stderr
    return root


def _same(a: pd.DataFrame, b: pd.DataFrame, columns: list[str]) -> None:
    for column in columns:
        x = pd.to_numeric(a[column], errors="coerce").to_numpy(dtype=float)
        y = pd.to_numeric(b[column], errors="coerce").to_numpy(dtype=float)
        assert np.allclose(x, y, equal_nan=True, rtol=1e-12, atol=1e-12), column


def test_compare_gives_the_reports_numbers(study, monkeypatch):
    monkeypatch.chdir(study / "data")  # a folder below the study: waves.yml found above
    w = survey.open("anna-e2")
    report = pd.read_csv(study / "reports" / "anna-e2" / "tables" / "group_comparisons.csv")
    checked = 0
    for by in w.codebook.groupings:
        for name in report.loc[report["grouping"] == by, "variable"].unique()[:4]:
            result = w.compare(name, by=by)
            mine = result.table.reset_index(drop=True)
            theirs = report[(report["grouping"] == by) & (report["variable"] == name)]
            theirs = theirs.reset_index(drop=True)
            assert list(mine["test"]) == list(theirs["test"])
            _same(mine, theirs, [c for c in NUMBERS if c in theirs.columns])
            assert list(mine["suppressed"].fillna("")) == list(theirs["suppressed"].fillna(""))
            assert result.sentences  # the report's sentence comes with it
            checked += 1
    assert checked >= 12
    html = result._repr_html_()
    assert "<table" in html and "<li>" in html


def test_frequencies_and_scales_give_the_reports_numbers(study):
    w = survey.open("anna-e2", waves_file=study / "waves.yml")
    tables = study / "reports" / "anna-e2" / "tables"
    report = pd.read_csv(tables / "frequencies.csv")
    name = report["variable"].iloc[0]
    mine = w.frequencies(name).table
    theirs = report[report["variable"] == name].reset_index(drop=True)
    _same(mine, theirs, ["n", "pct", "pct_valid", "ci_low", "ci_high"])
    scale = next(iter(w.codebook.scales))
    reliability = pd.read_csv(tables / "reliability.csv")
    _same(w.scale(scale).table, reliability[reliability["scale"] == scale].reset_index(
        drop=True), ["alpha", "alpha_ci_low", "alpha_ci_high", "omega"])


def test_internal_shows_what_the_shared_version_withholds(study):
    shared = survey.open("anna-e2", waves_file=study / "waves.yml")
    internal = survey.open("anna-e2", waves_file=study / "waves.yml", internal=True)
    assert internal.policy.internal and not shared.policy.internal
    name = next(n for n, c in shared.codebook.columns.items() if c.level == "ordinal")
    a, b = shared.frequencies(name).table, internal.frequencies(name).table
    assert a["n"].isna().sum() > 0 and b["n"].isna().sum() <= 1  # only the blank row's
    with pytest.raises(KeyError, match="no grouping"):
        shared.compare(name, by="nope")
