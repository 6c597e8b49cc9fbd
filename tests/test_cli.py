"""Tests of the command line with patched executors (as papermill's CLI tests do)."""

from __future__ import annotations

import importlib
import sys
import types
from pathlib import Path

import pandas as pd
import pytest

import survey
import survey.batch
from survey import cli
from survey.batch import RunResult
from survey.errors import DataError, ProblemList

# ``survey.clean`` is the function re-exported by the package; patch the module.
store_module = importlib.import_module("survey.store")


@pytest.fixture
def registry(tmp_path) -> Path:
    path = tmp_path / "study" / "waves.yml"
    path.parent.mkdir()
    path.write_text(
        "waves:\n"
        "  w1:\n"
        "    title: Welle 1\n"
        "    raw: data/raw/w1/raw.csv\n"
        "    codebook: data/raw/w1/codebook.yml\n"
        "    notebooks: [01-cleaning]\n"
        "  w2:\n"
        "    raw: data/raw/w2/raw.csv\n"
        "    codebook: data/raw/w2/codebook.yml\n"
        "    notebooks: [01-cleaning]\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def fake_batch(monkeypatch):
    calls = []
    outcome = {"results": None}

    def run_batch(waves, **kwargs):
        calls.append((waves, kwargs))
        if outcome["results"] is not None:
            return outcome["results"]
        return [RunResult(w.name, "01-cleaning", "ok") for w in waves]

    monkeypatch.setattr(survey.batch, "run_batch", run_batch)
    return calls, outcome


def test_usage_errors_exit_2(capsys):
    assert cli.main(["frobnicate"]) == 2
    assert cli.main([]) == 2
    assert cli.main(["run"]) == 2  # WAVE missing
    assert cli.main(["run", "w1", "-p", "no-equals-sign"]) == 2
    assert cli.main(["batch", "--jobs", "many"]) == 2
    assert "usage:" in capsys.readouterr().err


def test_help_exits_0(capsys):
    assert cli.main(["--help"]) == 0
    assert "validate" in capsys.readouterr().out


def test_missing_registry_is_one_line_error(tmp_path, capsys):
    code = cli.main(["validate", "w1", "--waves", str(tmp_path / "nope.yml")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("error: ") and "wave registry not found" in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_unknown_wave(registry, capsys):
    assert cli.main(["clean", "w9", "--waves", str(registry)]) == 1
    err = capsys.readouterr().err
    assert "error: " in err and "no wave 'w9' (registered: w1, w2)" in err


def test_validate_reports_each_problem(registry, monkeypatch, capsys):
    problems = [DataError("not a number: 'x'", column="alter", row=3),
                DataError("unknown column", column="Q9")]
    def fake(result_errors):
        return lambda wave, allow_extra=False: store_module.Validation(
            wave.name, result_errors, pd.DataFrame(columns=store_module.VALIDATION_COLUMNS))

    monkeypatch.setattr(store_module, "validation", fake(problems))
    assert cli.main(["validate", "w1", "--waves", str(registry)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "error: column 'alter', row 3: not a number: 'x'"
    assert lines[1] == "error: column 'Q9': unknown column"
    monkeypatch.setattr(store_module, "validation", fake([]))
    assert cli.main(["validate", "w1", "--waves", str(registry)]) == 0
    assert "ok: w1" in capsys.readouterr().out


def test_clean_problem_list_and_success(registry, monkeypatch, capsys):
    def failing(wave, processed, *, allow_extra=False):
        raise ProblemList([DataError("a", row=2), DataError("b", row=3)], what="data problems")

    monkeypatch.setattr(store_module, "clean_wave", failing)
    assert cli.main(["clean", "w1", "--waves", str(registry)]) == 1
    assert capsys.readouterr().err.splitlines() == ["error: row 2: a", "error: row 3: b"]

    seen = {}

    def ok(wave, processed, *, allow_extra=False):
        seen.update(wave=wave.name, processed=processed, allow_extra=allow_extra)
        return processed / wave.name

    monkeypatch.setattr(store_module, "clean_wave", ok)
    assert cli.main(["clean", "w1", "--waves", str(registry), "--allow-extra"]) == 0
    # default: data/processed beside the registry
    assert seen == {"wave": "w1", "processed": registry.parent / "data" / "processed",
                    "allow_extra": True}


def _notebook_dir(tmp_path: Path) -> Path:
    """A notebooks folder with 01-cleaning declaring alpha (float) and min_cell (int)."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    cell = new_code_cell("alpha: float = 0.05  # level\nmin_cell: int = 5  # threshold")
    cell.metadata["tags"] = ["parameters"]
    nbdir = tmp_path / "nbs"
    nbdir.mkdir()
    nb = new_notebook(cells=[cell])
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python",
                                 "display_name": "Python 3"}
    nbformat.write(nb, nbdir / "01-cleaning.ipynb")
    return nbdir


def test_run_passes_options(registry, fake_batch, tmp_path, capsys):
    calls, _ = fake_batch
    nbdir = _notebook_dir(tmp_path)
    code = cli.main([
        "run", "w1", "--waves", str(registry), "--notebooks", str(nbdir),
        "--notebook", "01-cleaning", "-p", "alpha=0.01", "-p", "min_cell=3", "-q",
    ])
    assert code == 0
    waves, kwargs = calls[0]
    assert [w.name for w in waves] == ["w1"]
    assert kwargs["parameters"] == {"alpha": "0.01", "min_cell": "3"}
    assert kwargs["notebook"] == "01-cleaning"
    assert kwargs["out_dir"] == registry.parent / "reports"  # default beside the registry
    assert kwargs["progress"] is False
    out = capsys.readouterr().out
    assert str(registry.parent / "reports" / "index.html") in out


def test_run_unknown_notebook(registry, fake_batch, tmp_path, capsys):
    code = cli.main(["run", "w1", "--waves", str(registry), "--notebooks", str(tmp_path),
                     "--notebook", "99-nope"])
    assert code == 1
    assert "no notebook '99-nope'" in capsys.readouterr().err
    assert fake_batch[0] == []


def test_batch_failures_exit_1(registry, fake_batch, tmp_path, capsys):
    calls, outcome = fake_batch
    partial = tmp_path / "reports" / "w2" / "01-cleaning.ipynb"
    outcome["results"] = [
        RunResult("w1", "01-cleaning", "ok"),
        RunResult("w2", "01-cleaning", "failed", error="KeyError: 'alter'", ipynb=partial),
    ]
    code = cli.main(["batch", "--waves", str(registry), "--jobs", "2",
                     "--out", str(tmp_path / "reports")])
    assert code == 1
    assert [w.name for w in calls[0][0]] == ["w1", "w2"]
    assert calls[0][1]["jobs"] == 2
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f"failed: w2/01-cleaning: KeyError: 'alter' (partial notebook: {partial})"
    ]
    assert "1 of 2 notebook(s) ok" in captured.out


def test_batch_ok(registry, fake_batch, capsys):
    assert cli.main(["batch", "--waves", str(registry)]) == 0
    assert "index.html" in capsys.readouterr().out


def test_batch_rejects_zero_jobs(registry, fake_batch, capsys):
    assert cli.main(["batch", "--waves", str(registry), "--jobs", "0"]) == 2  # usage error
    assert "must be at least 1, got 0" in capsys.readouterr().err
    assert fake_batch[0] == []


@pytest.mark.parametrize("parameter, message", [
    ("foo=1", "unknown parameter foo: no notebook of wave 'w1' declares it"),
    ("alpha=abc", "parameter 'alpha' must be float, got 'abc'"),
])
def test_run_rejects_bad_parameters_before_running(registry, fake_batch, tmp_path, capsys,
                                                   parameter, message):
    nbdir = _notebook_dir(tmp_path)
    code = cli.main(["run", "w1", "--waves", str(registry), "--notebooks", str(nbdir),
                     "-p", parameter])
    err = capsys.readouterr().err
    assert code == 2 and message in err and err.startswith("error: ")  # usage error
    assert len(err.strip().splitlines()) == 1
    assert fake_batch[0] == []  # nothing ran


def test_demo_calls_generator(registry, monkeypatch, capsys):
    seen = {}

    def main_generate(seed=1, root=None):
        seen.update(seed=seed, root=root)
        return [root / "data" / "raw" / "x" / "raw.csv"]

    monkeypatch.setitem(sys.modules, "survey.demo",
                        types.SimpleNamespace(main_generate=main_generate))
    monkeypatch.setattr(survey, "demo", sys.modules["survey.demo"], raising=False)
    assert cli.main(["demo", "--seed", "7", "--waves", str(registry)]) == 0
    assert seen == {"seed": 7, "root": registry.parent}
    assert "demo waves written" in capsys.readouterr().out


def test_parse_parameter():
    assert cli.parse_parameter("x=a=b") == ("x", "a=b")
    with pytest.raises(Exception, match="name=value"):
        cli.parse_parameter("1x=2")


def test_codebook_draft(tmp_path, monkeypatch, capsys):
    draft_module = importlib.import_module("survey.draft")
    monkeypatch.setattr(draft_module, "draft_codebook",
                        lambda path, id_column=None, sheet=None, structure=None:
                        f"instrument: x\nid: {id_column}\n")
    assert cli.main(["codebook", "draft", str(tmp_path / "a.sav"), "--id", "code"]) == 0
    assert capsys.readouterr().out == "instrument: x\nid: code\n"
    target = tmp_path / "codebook.yml"
    assert cli.main(["codebook", "draft", "a.sav", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("instrument: x")
    assert cli.main(["codebook", "draft", "a.sav", "-o", str(target)]) == 1  # never overwrites
    assert "not overwritten" in capsys.readouterr().err
    assert cli.main(["codebook"]) == 2


def test_internal_error_is_one_line_unless_debugging(registry, monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise RuntimeError("cleaning\nbug")

    monkeypatch.setattr(store_module, "clean_wave", broken)
    monkeypatch.setattr(store_module, "validation", broken)
    monkeypatch.delenv("SURVEY_DEBUG", raising=False)
    assert cli.main(["validate", "w1", "--waves", str(registry)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("internal error (a bug in the workbench") and err.count("\n") == 1
    assert "RuntimeError: cleaning bug" in err
    monkeypatch.setenv("SURVEY_DEBUG", "1")
    with pytest.raises(RuntimeError):
        cli.main(["validate", "w1", "--waves", str(registry)])
