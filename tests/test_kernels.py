"""Warm kernels (survey.kernels, survey.kernelstate): the same reports as fresh kernels.

The central test runs every shipped notebook on the demo waves twice, each into the same
reports folder: once with a kernel of its own per notebook (papermill's way), once in one
warm kernel, with a notebook between them that changes every kind of global state it can
and one that fails. Executed notebooks (outputs, figures' PNG bytes, execution counts,
metadata but timings) and HTML pages must be equal byte for byte.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from survey import kernels
from survey.batch import default_notebooks_dir, run_batch, run_notebook
from survey.demo import main_generate
from survey.kernels import KernelNotReady, WarmKernel, worker_kernel
from survey.registry import load_registry
from survey.store import clean_wave

# A notebook that leaves behind everything fresh_start must undo, and prints nothing.
POLLUTE = """
import os, sys, warnings
import matplotlib, numpy as np, pandas as pd
leftover = 42
pd.set_option("display.max_rows", 3)
matplotlib.rcParams["lines.linewidth"] = 9.0
matplotlib.rcParams["font.size"] = 31.0
np.seterr(all="raise")
warnings.simplefilter("error")
sys.path.insert(0, "/nowhere")
os.environ["SURVEY_LEFTOVER"] = "1"
os.chdir("/")
import random; random.seed(1); np.random.seed(1)
"""

# What a notebook can see of the state it starts in.
PROBE = """
import os, sys, warnings, random
import matplotlib, numpy as np, pandas as pd
print(sorted(k for k in globals() if not k.startswith("_") and k not in
      ("In", "Out", "exit", "quit", "get_ipython", "os", "sys", "warnings", "random",
       "matplotlib", "np", "pd")))
print(pd.get_option("display.max_rows"), matplotlib.rcParams["lines.linewidth"],
      matplotlib.rcParams["font.size"], np.geterr())
print(os.getcwd() == os.path.realpath(os.path.dirname(os.path.abspath("x"))),
      os.path.basename(os.getcwd()), "/nowhere" in sys.path, "SURVEY_LEFTOVER" in os.environ)
print(("error", None, Warning, None, 0) in warnings.filters)
with warnings.catch_warnings(record=True) as caught:
    warnings.warn("shown once per place", UserWarning)
print(len(caught))
print(random.random() != 0.13436424411240122, np.random.random() != 0.417022004702574)
"""
PROBE_AGAIN = "print('second cell', 1 + 1)\nwarnings.warn('a warning seen again', UserWarning)"


def _notebook(path: Path, *cells: str, parameters: str = 'wave = "x"\n') -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(parameters, metadata={"tags": ["parameters"]})]
    nb.cells += [nbformat.v4.new_code_cell(c) for c in cells]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, path)
    return path


def _normalised(ipynb: Path) -> dict:
    """The executed notebook without what differs between any two runs: timings, the
    random ids papermill gives the cells it adds (parameters, error marker) and the
    kernel's process id in the file name of a warning's source line."""
    text = re.sub(r"ipykernel_\d+", "ipykernel_PID", ipynb.read_text(encoding="utf-8"))
    nb = json.loads(text)
    for key in ("start_time", "end_time", "duration"):
        nb["metadata"].get("papermill", {}).pop(key, None)
    for cell in nb["cells"]:
        for key in ("start_time", "end_time", "duration"):
            cell["metadata"].get("papermill", {}).pop(key, None)
        cell["metadata"].pop("execution", None)
        if {"injected-parameters", "papermill-error-cell-tag"} & set(
                cell["metadata"].get("tags", [])):
            cell.pop("id", None)
    return nb


@pytest.fixture(scope="module")
def study(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("kernels")
    main_generate(root=root)
    for wave in load_registry(root / "waves.yml").values():
        clean_wave(wave, root / "data" / "processed")
    nb_dir = root / "notebooks"
    shutil.copytree(default_notebooks_dir(), nb_dir)
    _notebook(nb_dir / "pollute.ipynb", POLLUTE)
    _notebook(nb_dir / "probe.ipynb", PROBE, PROBE_AGAIN)
    _notebook(nb_dir / "fails.ipynb", "import matplotlib\nmatplotlib.rcParams['font.size'] = 2.0",
              "leftover = 1\nraise ValueError('this notebook fails on purpose')")
    return root


def _plan(root: Path) -> list[tuple[str, str]]:
    """Every shipped notebook once (01–08: the first wave's four, the comparison, the one
    notebook only the second wave runs, the monitoring wave's and the programme's), with
    the probe after the polluting notebook and after the failing one. Running the second
    wave's 01–03 as well would prove nothing more about the kernel and cost a minute."""
    registry = load_registry(root / "waves.yml")
    first, second = list(registry)[:2]
    plan: list[tuple[str, str]] = [(first, "pollute"), (first, "probe")]
    plan += [(first, nb) for nb in registry[first].notebooks]
    plan += [(first, "pollute"), (first, "fails"), (first, "probe")]
    plan += [(second, nb) for nb in registry[second].notebooks
             if nb not in registry[first].notebooks]
    monitoring = [(name, nb) for name, wave in registry.items()
                  for nb in wave.notebooks if nb == "07-monitoring"][:1]
    return [*plan, ("comparison", "06-wave-comparison"), *monitoring,
            ("programme", "08-programme"), (second, "probe")]


def _run(root: Path, plan: list[tuple[str, str]], kernel: WarmKernel | None) -> dict:
    from survey.registry import load_comparison, load_programme

    registry = load_registry(root / "waves.yml")
    registry["comparison"] = load_comparison(root / "waves.yml").pseudo_wave(registry)
    registry["programme"] = load_programme(root / "waves.yml").pseudo_wave(registry)
    statuses = {}
    for wave_name, notebook in plan:
        wave = registry[wave_name]
        result = run_notebook(wave, notebook, notebooks_dir=root / "notebooks",
                              out_dir=root / "reports", processed_dir=root / "data/processed",
                              waves_file=root / "waves.yml", kernel=kernel)
        statuses[(wave_name, notebook)] = result.status
    return statuses


@pytest.fixture(scope="module")
def both_ways(study: Path) -> tuple[Path, Path, dict, dict, WarmKernel]:
    plan = _plan(study)
    fresh_status = _run(study, plan, kernel=None)
    fresh = study / "fresh"
    (study / "reports").rename(fresh)
    kernel = WarmKernel()
    try:
        warm_status = _run(study, plan, kernel=kernel)
    finally:
        kernel.shut_down()
    return fresh, study / "reports", fresh_status, warm_status, kernel


def test_the_plan_really_runs_and_fails_where_meant(both_ways):
    fresh, warm, fresh_status, warm_status, _ = both_ways
    assert fresh_status == warm_status
    assert fresh_status[("anna-e1", "fails")] == "failed"
    assert [k for k, v in warm_status.items() if v != "ok"] == [("anna-e1", "fails")]


def test_a_failed_notebook_costs_its_kernel(both_ways):
    *_, kernel = both_ways
    assert kernel.started == 2  # the one warm kernel, and a new one after "fails"


def test_warm_kernel_reports_equal_fresh_kernel_reports(both_ways):
    fresh, warm, *_ = both_ways
    notebooks = sorted(p.relative_to(fresh) for p in fresh.rglob("*.ipynb"))
    # 8 reports (01–08), the probe in both waves, pollute and fails
    assert len(notebooks) == 12
    shipped = {p.stem for p in default_notebooks_dir().glob("*.ipynb")}
    assert shipped <= {p.stem for p in notebooks}
    assert notebooks == sorted(p.relative_to(warm) for p in warm.rglob("*.ipynb"))
    for relative in notebooks:
        assert _normalised(warm / relative) == _normalised(fresh / relative), relative
    pages = sorted(p.relative_to(fresh) for p in fresh.rglob("*.html"))
    assert len(pages) == 11  # the failed notebook has no page
    for relative in pages:
        assert (warm / relative).read_bytes() == (fresh / relative).read_bytes(), relative
    tables = sorted(p.relative_to(fresh) for p in fresh.rglob("*.csv"))
    assert len(tables) > 15
    for relative in tables:
        assert (warm / relative).read_bytes() == (fresh / relative).read_bytes(), relative


def test_the_probe_sees_a_fresh_kernel_after_pollution(both_ways):
    fresh, warm, *_ = both_ways
    nb = json.loads((warm / "anna-e1" / "probe.ipynb").read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    lines = "".join(code[-2]["outputs"][0]["text"]).splitlines()
    # no name from an earlier notebook: the kernel's own and this run's parameters
    assert lines[0] == "['open', 'out_dir', 'processed_dir', 'wave', 'waves_file']"
    assert lines[1].startswith("60 ")  # pandas' default, not 3
    assert "'divide': 'warn'" in lines[1]
    assert lines[2] == "True anna-e1 False False"
    assert lines[3] == "False"  # no "error" filter left behind
    assert lines[4] == "1" and lines[5] == "True True"
    # counts start at 1 again: parameters, injected parameters, probe, second cell
    assert [c["execution_count"] for c in code] == [1, 2, 3, 4]
    # a warning shown by an earlier notebook at the same place is shown again
    assert any(o.get("name") == "stderr" for o in code[-1]["outputs"])


def test_the_probe_would_see_the_pollution_without_the_reset(study, tmp_path):
    """The comparison above can fail: without fresh_start the probe sees the leftovers."""
    kernel = WarmKernel()
    try:
        km = kernel.prepare(str(tmp_path))
        kernel._execute("leftover = 42\nimport pandas as pd; pd.set_option('display.max_rows', 3)")
        import papermill

        out = tmp_path / "probe.ipynb"
        papermill.execute_notebook(str(study / "notebooks" / "probe.ipynb"), str(out), km=km,
                                   progress_bar=False, cwd=str(tmp_path))
        kernel.finished(ok=True)
    finally:
        kernel.shut_down()
    text = "".join(json.loads(out.read_text())["cells"][1]["outputs"][0]["text"])
    assert "'leftover'" in text and "\n3 " in text


# --------------------------------------------------------------------------- life cycle


def test_warm_up_failure_is_kernel_not_ready_and_the_kernel_is_gone(tmp_path):
    kernel = WarmKernel(imports=("survey_no_such_module",))
    with pytest.raises(KernelNotReady, match="ModuleNotFoundError"):
        kernel.prepare(str(tmp_path))
    assert kernel.km is None


def test_begin_starts_the_kernel_and_the_first_prepare_waits_for_its_warm_up(tmp_path):
    kernel = WarmKernel(imports=("colorsys",))
    try:
        kernel.begin()
        assert kernel.km is not None and kernel._warming is not None  # sent, not awaited
        kernel.begin()  # a second call starts nothing
        km = kernel.prepare(str(tmp_path))
        assert km is kernel.km and kernel._warming is None and kernel.started == 1
        # the warm-up ran before the reset: its module is there, the names are not
        kernel._execute("import sys; assert 'colorsys' in sys.modules\n"
                        "assert '_ks' not in globals()")
        with pytest.raises(KernelNotReady, match="AssertionError"):
            kernel._execute("assert 'colorsys' in globals()")
    finally:
        kernel.shut_down()
    assert kernel._warming is None and kernel.km is None


def test_a_warm_up_that_fails_after_begin_fails_prepare(tmp_path):
    kernel = WarmKernel(imports=("survey_no_such_module",))
    kernel.begin()  # the warm-up runs in the kernel: nothing is known yet
    with pytest.raises(KernelNotReady, match="ModuleNotFoundError"):
        kernel.prepare(str(tmp_path))
    assert kernel.km is None


def test_begin_with_no_such_kernel_raises_and_leaves_nothing():
    kernel = WarmKernel("survey-no-such-kernel")
    with pytest.raises(Exception, match="survey-no-such-kernel"):
        kernel.begin()
    assert kernel.km is None and kernel._warming is None


def test_a_notebook_runs_in_its_own_kernel_when_the_warm_one_cannot_start(study, tmp_path):
    kernel = WarmKernel(imports=("survey_no_such_module",))
    registry = load_registry(study / "waves.yml")
    result = run_notebook(registry["anna-e2"], "probe", notebooks_dir=study / "notebooks",
                          out_dir=tmp_path, processed_dir=study / "data/processed",
                          kernel=kernel)
    assert result.status == "ok"
    assert kernel.km is None


def test_worker_kernel_is_one_per_batch(monkeypatch):
    stopped = []
    monkeypatch.setattr(WarmKernel, "shut_down", lambda self: stopped.append(self))
    first = worker_kernel("python3", "batch-1")
    assert worker_kernel("python3", "batch-1") is first
    second = worker_kernel("python3", "batch-2")
    assert second is not first and stopped == [first]
    assert first not in kernels._all and second in kernels._all
    kernels.shut_down_all()
    assert stopped == [first, second] and kernels._all == []


def test_batch_with_warm_and_with_fresh_kernels(study, tmp_path, both_ways):
    """run_batch's worker kernels give the probe what a kernel of its own gives it."""
    registry = load_registry(study / "waves.yml")
    wave = registry["anna-e2"]
    for fresh in (False, True):
        out = tmp_path / ("fresh" if fresh else "warm")
        results = run_batch([wave], out_dir=out, processed_dir=study / "data/processed",
                            notebooks_dir=study / "notebooks", waves_file=study / "waves.yml",
                            jobs=1, notebook="probe", progress=False, fresh_kernels=fresh)
        assert [(r.status, r.error) for r in results] == [("ok", None)]
        # the probe's own cells (the injected ones name another out_dir)
        assert _normalised(out / "anna-e2" / "probe.ipynb")["cells"][2:] == \
            _normalised(study / "fresh" / "anna-e2" / "probe.ipynb")["cells"][2:]


def test_skip_unused_imports_keeps_papermill_working():
    code = ("import sys; from survey.runner import skip_unused_imports; skip_unused_imports();"
            "import papermill, nbconvert, nbformat, jsonschema;"
            "nb = nbformat.v4.new_notebook(); nbformat.validate(nb);"
            "print(sys.modules.get('rfc3987_syntax'))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "None"


def test_reports_kernels_do_not_import_pandera():
    """pandera (a quarter second at import) is loaded where data are cleaned, not by
    reading clean data or warming a kernel for the reports."""
    code = ("import sys, survey.store, survey.kernelstate as ks; ks.warm_up();"
            "print('pandera' in sys.modules); from survey.clean import clean;"
            "import survey.schema; print('pandera' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", "True"]
