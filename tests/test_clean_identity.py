"""Cleaning writes exactly what it wrote before it was made fast (issue 11).

``tests/data/golden/`` holds what ``store.clean_wave`` wrote with the cleaning code of commit
1065b81 (``make_golden.py`` there made it): the outputs of the demo waves and of small
adversarial waves that exercise every cleaning rule and the readers' awkward corners, the
one-line messages of broken inputs, and a content digest of the replicated benchmark wave
(3 000 respondents). Each is cleaned again here and must come out the same:
``cleaning_log.csv`` byte for byte, parquet files as decoded tables exactly (values, dtypes
with categories and their order, index, column order, pandas metadata), and byte for byte
too when the installed pyarrow is the one that wrote the reference.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

import pandas as pd
import pyarrow
import pyarrow.parquet as pq
import pytest

from survey.clean import clean
from survey.codebook import load_codebook
from survey.errors import ProblemList, SurveyError
from survey.io import read_raw
from survey.registry import Wave, load_registry
from survey.store import clean_wave

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "data" / "golden"
MANIFEST = json.loads((GOLDEN / "manifest.json").read_text(encoding="utf-8"))
ERRORS = json.loads((GOLDEN / "errors.json").read_text(encoding="utf-8"))
SAME_WRITER = MANIFEST["versions"]["pyarrow"] == pyarrow.__version__
OUTPUTS = ("clean.parquet", "missing.parquet", "cleaning_log.csv", "ratings.parquet")


def _replicate():
    """``benchmarks/replicate.py`` (the benchmark wave and the output digest)."""
    spec = importlib.util.spec_from_file_location("replicate", ROOT / "benchmarks" / "replicate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _metadata(path: Path) -> dict:
    """The pandas metadata of a parquet file, without the writer's versions."""
    meta = pq.read_schema(path).pandas_metadata or {}
    return {k: v for k, v in meta.items() if k not in ("creator", "pandas_version")}


def assert_same_table(got_path: Path, want_path: Path) -> None:
    """Two parquet files hold the same table, exactly; the same bytes under the same
    pyarrow."""
    got, want = pd.read_parquet(got_path), pd.read_parquet(want_path)
    pd.testing.assert_frame_equal(got, want, check_exact=True, check_dtype=True,
                                  check_index_type=True, check_column_type=True,
                                  check_categorical=True, check_names=True)
    assert list(got.columns) == list(want.columns)
    assert list(got.dtypes) == list(want.dtypes)  # a CategoricalDtype compares categories
    for name, dtype in want.dtypes.items():
        if isinstance(dtype, pd.CategoricalDtype):
            mine = got[name].dtype
            assert list(mine.categories) == list(dtype.categories), name
            assert mine.ordered == dtype.ordered, name
            assert mine.categories.dtype == dtype.categories.dtype, name
    assert got.index.dtype == want.index.dtype and got.index.names == want.index.names
    assert _metadata(got_path) == _metadata(want_path)
    if SAME_WRITER:
        assert got_path.read_bytes() == want_path.read_bytes(), got_path.name


def assert_same_outputs(produced: Path, expected: Path, names: list[str]) -> None:
    """The outputs of a clean equal the reference; no reference file is missing or extra."""
    assert [n for n in OUTPUTS if (produced / n).is_file()] == names
    for name in names:
        if name.endswith(".csv"):
            assert (produced / name).read_bytes() == (expected / name).read_bytes(), name
        else:
            assert_same_table(produced / name, expected / name)


@pytest.mark.parametrize("name", sorted(MANIFEST["demo_waves"]))
def test_demo_wave_outputs_are_unchanged(name, tmp_path):
    wave = load_registry(ROOT / "waves.yml")[name]
    out = clean_wave(wave, tmp_path)
    assert_same_outputs(out, GOLDEN / "outputs" / name, MANIFEST["demo_waves"][name])


@pytest.mark.parametrize("name", sorted(MANIFEST["cases"]))
def test_adversarial_wave_outputs_are_unchanged(name, tmp_path):
    case = MANIFEST["cases"][name]
    folder = GOLDEN / "inputs" / name
    wave = Wave(name=name, title=name, raw=folder / case["raw"],
                codebook=folder / "codebook.yml", registry=folder / "waves.yml")
    out = clean_wave(wave, tmp_path, allow_extra=case["allow_extra"])
    assert_same_outputs(out, GOLDEN / "outputs" / name, case["outputs"])


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_error_messages_are_unchanged(name, tmp_path):
    expected = ERRORS[name]
    raw = tmp_path / f"{name}.csv"
    with gzip.open(GOLDEN / "errors" / f"{name}.csv.gz", "rb") as handle:
        raw.write_bytes(handle.read())
    codebook = GOLDEN / "errors" / expected["codebook"]
    with pytest.raises(SurveyError) as info:
        clean(read_raw(raw), load_codebook(codebook))
    error = info.value
    lines = error.lines() if isinstance(error, ProblemList) else [str(error)]
    lines = [line.replace(str(raw), "{raw}").replace(str(codebook), "{codebook}")
             for line in lines]
    assert (type(error).__name__, lines) == (expected["error"], expected["lines"])


def test_benchmark_wave_digest_is_unchanged(tmp_path):
    replicate = _replicate()
    wave, _ = replicate.replicated_wave(tmp_path, 3000)
    out = clean_wave(wave, tmp_path / "processed")
    expected = MANIFEST["bench_digests"]["3000"]
    assert replicate.digest_differences(expected, replicate.output_digest(out)) == []
