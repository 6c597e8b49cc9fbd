"""Tests of notebook execution: parameters, real papermill runs, partial notebooks, batches."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from survey import batch, pool
from survey.errors import DataError, ProblemList, SurveyError
from survey.registry import Wave

EXTERNAL = re.compile(r'(src|href)="https?://')

PARAMS = (
    'wave: str = "demo"  # wave\n'
    'waves_file: str = "../waves.yml"  # registry\n'
    'processed_dir: str = "../data/processed"  # clean data\n'
    'out_dir: str = "../reports"  # reports\n'
    "alpha: float = 0.05  # significance level\n"
    "min_cell: int = 5  # suppression threshold\n"
    "show: bool = True  # a flag"
)


def write_notebook(folder: Path, name: str, body: str) -> Path:
    params = new_code_cell(PARAMS)
    params.metadata["tags"] = ["parameters"]
    nb = new_notebook(
        cells=[params, new_code_cell(body)],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}},
    )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


GOOD = (
    "import matplotlib.pyplot as plt\n"
    "import pandas as pd\n"
    "CODE_MARKER = (wave, alpha, min_cell)\n"
    "fig, ax = plt.subplots()\n"
    "ax.bar(['a', 'b'], [1, 2])\n"
    "plt.show()\n"
    "pd.DataFrame({'wave': [wave], 'alpha': [alpha], 'min_cell': [min_cell]})"
)
BAD = "x = 1\nraise ValueError('kaputt: ' + wave)"


@pytest.fixture
def wave(tmp_path) -> Wave:
    raw = tmp_path / "raw.csv"
    raw.write_text("code,x\nA,1\n", encoding="utf-8")
    return Wave(
        name="w1", title="Welle 1", raw=raw, codebook=tmp_path / "codebook.yml",
        registry=tmp_path / "waves.yml", notebooks=["good", "bad"],
        parameters={"alpha": "0.01"},
    )


@pytest.fixture
def notebooks(tmp_path) -> Path:
    folder = tmp_path / "notebooks"
    write_notebook(folder, "good", GOOD)
    write_notebook(folder, "bad", BAD)
    return folder


def test_default_notebooks_dir_is_the_workbench_folder():
    root = Path(__file__).resolve().parents[1]
    assert batch.default_notebooks_dir() == root / "notebooks"


def test_resolve_parameters_types_and_unknown(notebooks):
    nb = notebooks / "good.ipynb"
    base = {"wave": "w1", "waves_file": "/abs/waves.yml", "processed_dir": "/p", "out_dir": "/o"}
    params = batch.resolve_parameters(
        nb, base, registry={"alpha": "0.01", "other_notebooks_only": "x"},
        overrides={"min_cell": "10", "show": "false"},
    )
    # strings from waves.yml / the command line become the declared types
    assert params == {**base, "alpha": 0.01, "min_cell": 10, "show": False}
    with pytest.raises(SurveyError, match=r"unknown parameter\(s\) nope .*alpha"):
        batch.resolve_parameters(nb, base, overrides={"nope": "1"})
    with pytest.raises(SurveyError, match="parameter 'min_cell' must be int"):
        batch.resolve_parameters(nb, base, overrides={"min_cell": "viele"})


def test_notebook_parameters_missing_file(tmp_path):
    with pytest.raises(SurveyError, match="notebook not found"):
        batch.notebook_parameters(tmp_path / "nope.ipynb")


def test_versions_and_git_state(tmp_path):
    versions = batch.package_versions()
    assert set(versions) >= {"python", "survey", "pandas", "scipy", "statsmodels",
                             "papermill", "nbconvert"}
    assert versions["pandas"] == pd.__version__
    assert batch.git_state(tmp_path) == ("unknown", None)  # not a repository


def test_run_notebook_ok(wave, notebooks, tmp_path):
    out = tmp_path / "reports"
    result = batch.run_notebook(
        wave, "good", notebooks_dir=notebooks, out_dir=out,
        processed_dir=tmp_path / "processed", parameters={"min_cell": "3"},
    )
    assert result.ok, result.error
    assert result.ipynb == out.resolve() / "w1" / "good.ipynb"
    html = result.html.read_text(encoding="utf-8")
    assert "CODE_MARKER" not in html  # no code in the report
    assert re.search(r'<img [^>]*src="data:image/png;base64,', html)
    assert EXTERNAL.search(html) is None
    assert "0.01" in html  # registry parameter converted and used
    record = json.loads(result.record.read_text(encoding="utf-8"))
    assert record["status"] == "ok" and record["error"] is None
    assert record["parameters"]["alpha"] == 0.01
    assert record["parameters"]["min_cell"] == 3
    # defaults the run did not override are part of the provenance too
    assert record["parameters"]["show"] is True
    for key in ("waves_file", "processed_dir", "out_dir"):
        assert Path(record["parameters"][key]).is_absolute()
    assert len(record["raw_sha256"]) == 64
    assert record["versions"]["papermill"]


def test_run_notebook_failure_keeps_partial_notebook(wave, notebooks, tmp_path):
    out = tmp_path / "reports"
    result = batch.run_notebook(
        wave, "bad", notebooks_dir=notebooks, out_dir=out, processed_dir=tmp_path / "p"
    )
    assert not result.ok
    assert result.error == "ValueError: kaputt: w1"  # one line: exception name and message
    assert result.ipynb is not None and result.ipynb.is_file()  # the partial notebook
    executed = nbformat.read(result.ipynb, as_version=4)
    assert any(o.get("ename") == "ValueError" for c in executed.cells
               for o in c.get("outputs", []))
    assert result.html is None and not (out / "w1" / "bad.html").exists()
    record = json.loads(result.record.read_text(encoding="utf-8"))
    assert record["status"] == "failed"
    assert record["error"] == "ValueError: kaputt: w1"


def test_run_notebook_rejects_unknown_parameter_before_running(wave, notebooks, tmp_path):
    out = tmp_path / "reports"
    with pytest.raises(SurveyError, match="unknown parameter"):
        batch.run_notebook(
            wave, "good", notebooks_dir=notebooks, out_dir=out,
            processed_dir=tmp_path / "p", parameters={"alpah": "0.1"},
        )
    assert not (out / "w1" / "good.ipynb").exists()


def test_run_batch_continues_past_failures(wave, notebooks, tmp_path):
    broken = Wave(
        name="w2", title="Welle 2", raw=wave.raw, codebook=wave.codebook,
        registry=wave.registry, notebooks=["good"],
    )
    cleaned = []

    def fake_clean(w, processed_dir, *, allow_extra=False):
        cleaned.append(w.name)
        if w.name == "w2":
            raise ProblemList([DataError("bad value", column="x", row=2)], what="data problems")
        return Path(processed_dir) / w.name

    out = tmp_path / "reports"
    results = batch.run_batch(
        [wave, broken], out_dir=out, processed_dir=tmp_path / "p", notebooks_dir=notebooks,
        jobs=2, progress=False, clean=fake_clean,
    )
    assert cleaned == ["w1", "w2"]
    assert [(r.wave, r.notebook, r.status) for r in results] == [
        ("w1", "good", "ok"), ("w1", "bad", "failed"), ("w2", "good", "failed"),
    ]
    assert "column 'x', row 2: bad value" in results[2].error
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="w1/good.html"' in index
    # the index says in one plain sentence that w2 was not made; the error itself (which
    # may quote a raw value) stays in the record and on the terminal
    assert "bad value" not in index
    assert "Die Rohdaten dieser Erhebung enthalten Fehler" in index
    assert EXTERNAL.search(index) is None


def test_run_batch_rejects_registry_parameter_no_notebook_declares(wave, notebooks, tmp_path):
    odd = Wave(
        name="w3", title="Welle 3", raw=wave.raw, codebook=wave.codebook,
        registry=wave.registry, notebooks=["good"], parameters={"colour": "red"},
    )
    results = batch.run_batch(
        [odd], out_dir=tmp_path / "r", processed_dir=tmp_path / "p", notebooks_dir=notebooks,
        progress=False, clean=lambda *a, **k: None,
    )
    assert results[0].status == "failed"
    assert "colour" in results[0].error


def test_interrupted_run_leaves_no_half_written_notebook(wave, notebooks, tmp_path,
                                                         monkeypatch):
    import papermill

    out = tmp_path / "reports"
    old = out / "w1" / "good.ipynb"
    old.parent.mkdir(parents=True)
    old.write_text("previous run", encoding="utf-8")

    def interrupted(source, output, **kwargs):
        Path(output).write_text('{"cells": [', encoding="utf-8")  # half a notebook
        raise KeyboardInterrupt

    monkeypatch.setattr(papermill, "execute_notebook", interrupted)
    with pytest.raises(KeyboardInterrupt):
        batch.run_notebook(wave, "good", notebooks_dir=notebooks, out_dir=out,
                           processed_dir=tmp_path / "processed")
    # the previous notebook is untouched and no partial file is left behind
    assert sorted(p.name for p in (out / "w1").iterdir()) == ["good.ipynb"]
    assert old.read_text(encoding="utf-8") == "previous run"


def test_the_comparison_runs_after_its_waves_and_fails_with_them(wave, notebooks, tmp_path):
    from survey.registry import Comparison

    other = Wave(name="w2", title="Welle 2", raw=wave.raw, codebook=wave.codebook,
                 registry=wave.registry, notebooks=["good"])
    block = Comparison(title="Vergleich", waves=["w1", "w2"], registry=wave.registry,
                       notebooks=["good"])
    out = tmp_path / "reports"
    results = batch.run_batch([wave, other], out_dir=out, processed_dir=tmp_path / "p",
                              notebooks_dir=notebooks, jobs=2, progress=False,
                              clean=lambda *a, **k: None, comparison=block)
    assert [(r.wave, r.notebook, r.status) for r in results][-1] == ("comparison", "good", "ok")
    assert (out / "comparison" / "good.html").is_file()
    assert 'href="comparison/good.html"' in (out / "index.html").read_text(encoding="utf-8")

    def fail_w2(w, processed_dir, *, allow_extra=False):
        if w.name == "w2":
            raise ProblemList([DataError("bad value", column="x", row=2)], what="data problems")

    results = batch.run_batch([wave, other], out_dir=tmp_path / "r2", processed_dir=tmp_path,
                              notebooks_dir=notebooks, progress=False, clean=fail_w2,
                              comparison=block)
    last = results[-1]
    assert (last.wave, last.status) == ("comparison", "failed")
    assert "compared wave(s) w2 failed" in last.error


def test_a_failed_run_leaves_no_stale_results(wave, notebooks, tmp_path):
    out = tmp_path / "reports"
    tables = out / "w1" / "tables"
    tables.mkdir(parents=True)
    (tables / "frequencies.csv").write_text("n\n3\n", encoding="utf-8")  # an earlier run's
    (out / "w1" / "notes.txt").write_text("mine", encoding="utf-8")  # not a run's output
    first = batch.run_batch([wave], out_dir=out, processed_dir=tmp_path / "p",
                            notebooks_dir=notebooks, progress=False, clean=lambda *a, **k: None)
    assert first[0].ok and (out / "w1" / "good.html").is_file()
    assert not (tables / "frequencies.csv").exists()  # replaced as a whole

    def broken(w, processed_dir, *, allow_extra=False):
        raise ProblemList([DataError("not a number", file=tmp_path / "deep" / "raw.csv",
                                     column="x", row=2)], what="data problems")

    (tables).mkdir(parents=True, exist_ok=True)
    (tables / "items.csv").write_text("n\n1\n", encoding="utf-8")
    batch.run_batch([wave], out_dir=out, processed_dir=tmp_path / "p", notebooks_dir=notebooks,
                    progress=False, clean=broken)
    assert not (out / "w1" / "good.html").exists() and not list(tables.glob("*.csv"))
    assert (out / "w1" / "notes.txt").read_text(encoding="utf-8") == "mine"
    import html

    index = html.unescape((out / "index.html").read_text(encoding="utf-8"))
    assert "items.csv" not in index and 'href="w1/good.html"' not in index
    # the failure in one plain sentence, never the error's text (nor a path)
    assert "not a number" not in index and "raw.csv" not in index
    assert index.count("Nicht erstellt: Die Rohdaten dieser Erhebung enthalten Fehler") == 1
    assert "survey validate w1" in index
    assert str(tmp_path / "deep") not in index


def test_notebook_parameters_read_as_papermill_reads_them(tmp_path):
    """Our reader of the parameters cell (no papermill import on paths that execute
    nothing) gives what papermill.inspect_notebook gives: the shipped notebooks and the
    odd cases (a dict over several lines, a type comment, two '=' on a line, comments)."""
    import papermill
    from nbformat.v4 import new_code_cell, new_notebook

    from survey.batch import default_notebooks_dir, notebook_parameters

    cell = new_code_cell(
        "# a comment\n"
        "alpha: float = 0.05  # level\n"
        "groups = {\n    'a': 1,  # dropped\n    'b': 2}  # help of groups\n"
        "x = 1  # type: int\n"
        "bad = a == b\n"
        "name: 'str' = \"x # not a comment\"\n")
    cell.metadata["tags"] = ["parameters"]
    odd = tmp_path / "odd.ipynb"
    nbformat.write(new_notebook(cells=[cell], metadata={"kernelspec": {
        "name": "python3", "display_name": "Python 3", "language": "python"}}), odd)
    empty = tmp_path / "none.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell("x = 1")]), empty)
    for path in [*sorted(default_notebooks_dir().glob("*.ipynb")), odd, empty]:
        expected = {k: dict(v) for k, v in papermill.inspect_notebook(str(path)).items()}
        assert notebook_parameters(path) == expected, path.name
    assert set(notebook_parameters(odd)) == {"alpha", "groups", "x", "name"}


def test_an_unchanged_wave_keeps_its_reports(wave, notebooks, tmp_path, monkeypatch):
    """Nothing twice: a wave whose clean data are fresh and whose every report's inputs
    are unchanged is neither cleaned nor run again; a changed parameter, notebook or
    --force runs it again."""
    wave = Wave(name=wave.name, title=wave.title, raw=wave.raw, codebook=wave.codebook,
                registry=wave.registry, notebooks=["good"], parameters=wave.parameters)
    monkeypatch.setattr(batch, "_fresh", lambda *a, **k: True)
    cleaned = []

    def fake_clean(w, processed_dir, *, allow_extra=False):
        cleaned.append(w.name)

    out = tmp_path / "reports"

    def run(**kwargs):
        return batch.run_batch([wave], out_dir=out, processed_dir=tmp_path / "p",
                               notebooks_dir=notebooks, jobs=1, progress=False,
                               clean=fake_clean, **kwargs)[0]

    first = run()
    assert first.ok and not first.reused and cleaned == []  # fresh: not cleaned
    html = out / "w1" / "good.html"
    stamp = html.stat().st_mtime_ns
    record = json.loads((out / "w1" / "good.json").read_text(encoding="utf-8"))
    assert record["inputs"]["parameters"]["alpha"] == 0.01
    assert set(record["inputs"]["files"]) == {"notebook", "registry", "w1:raw", "w1:codebook"}

    second = run()
    assert second.ok and second.reused and html.stat().st_mtime_ns == stamp
    again = json.loads((out / "w1" / "good.json").read_text(encoding="utf-8"))
    assert again["reused_at"] and again["started_at"] == record["started_at"]
    assert "unverändert" in (out / "index.html").read_text(encoding="utf-8")

    assert not run(parameters={"alpha": 0.02}).reused  # another parameter: run again
    assert run(parameters={"alpha": 0.02}).reused
    write_notebook(notebooks, "good", GOOD + "\nx = 2")  # another notebook: run again
    assert not run(parameters={"alpha": 0.02}).reused
    assert not run(parameters={"alpha": 0.02}, force=True).reused  # --force
    assert cleaned == ["w1"]  # only --force cleaned


def test_a_wave_with_a_failed_report_is_run_again(wave, notebooks, tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "_fresh", lambda *a, **k: True)
    out = tmp_path / "reports"
    kwargs = dict(out_dir=out, processed_dir=tmp_path / "p", notebooks_dir=notebooks, jobs=1,
                  progress=False, clean=lambda *a, **k: None)
    batch.run_batch([wave], **kwargs)
    results = batch.run_batch([wave], **kwargs)  # "bad" failed: the wave runs as a whole
    assert [r.reused for r in results] == [False, False]
    assert [r.status for r in results] == ["ok", "failed"]


def test_run_batch_on_a_dask_cluster(wave, notebooks, tmp_path):
    """--scheduler: the notebooks go to a Dask cluster's workers (a LocalCluster started
    here) with the same outputs and failure handling as local worker processes."""
    from distributed import LocalCluster

    kwargs = dict(processed_dir=tmp_path / "p", notebooks_dir=notebooks, jobs=2,
                  progress=False, clean=lambda *a, **k: None, force=True)
    local = batch.run_batch([wave], out_dir=tmp_path / "local", **kwargs)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        remote = batch.run_batch([wave], out_dir=tmp_path / "dask",
                                 scheduler=cluster.scheduler_address, **kwargs)
    assert [(r.notebook, r.status) for r in remote] == [(r.notebook, r.status) for r in local]
    assert [r.status for r in remote] == ["ok", "failed"]
    assert remote[1].error == "ValueError: kaputt: w1"
    # the same report: the executed cells' outputs are equal (the run's paths differ)
    def outputs(folder):
        nb = nbformat.read(folder / "w1" / "good.ipynb", as_version=4)
        return [o.get("data", {}).get("text/plain") for c in nb.cells if c.cell_type == "code"
                for o in c.get("outputs", [])]
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "local")
    assert (tmp_path / "dask" / "w1" / "good.html").is_file()
    assert (tmp_path / "dask" / "index.html").is_file()


def test_an_unreachable_scheduler_is_one_line(wave, notebooks, tmp_path):
    with pytest.raises(SurveyError, match="cannot reach the Dask scheduler tcp://127.0.0.1:9"):
        batch.run_batch([wave], out_dir=tmp_path / "r", processed_dir=tmp_path / "p",
                        notebooks_dir=notebooks, progress=False, force=True,
                        clean=lambda *a, **k: None, scheduler="tcp://127.0.0.1:9")


# --------------------------------------------------------------------------- scheduling


class _Inline:
    """An executor that runs nothing: it records what was submitted, in order, and answers
    every job with an ok result (for the scheduling tests)."""

    def __init__(self) -> None:
        self.submitted: list[tuple[str, str]] = []

    def submit(self, fn, *args):
        from concurrent.futures import Future

        future: Future = Future()
        if fn is not batch._run_job:  # starting the workers, a workbook
            future.set_result(fn(*args))
            return future
        job = args[0]
        self.submitted.append((job["wave"].name, job["notebook"]))
        future.set_result(batch.RunResult(wave=job["wave"].name, notebook=job["notebook"],
                                          status="ok", duration_s=0.0))
        return future


def _record(folder: Path, wave: str, notebook: str, duration) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{notebook}.json").write_text(json.dumps(
        {"wave": wave, "notebook": notebook, "duration_s": duration}), encoding="utf-8")


def test_workers_start_before_the_first_cleaning_and_never_for_nothing(
        wave, notebooks, tmp_path, monkeypatch):
    """The workers (and their warm kernels) start before the first wave whose notebooks
    will run is cleaned, with the batch's id and one start-up job per worker; a batch
    whose waves are all unchanged starts none."""
    from contextlib import contextmanager

    events = []

    @contextmanager
    def fake_executor(scheduler, workers, **kwargs):
        events.append(("pool", workers, kwargs["initializer"], kwargs["initargs"][0]))
        inline = _Inline()
        original = inline.submit

        def submit(fn, *args):
            events.append(fn.__name__)
            return original(fn, *args)

        inline.submit = submit
        yield inline

    monkeypatch.setattr(pool, "_executor", fake_executor)
    monkeypatch.setattr(batch, "write_wave_workbook", lambda *a: None)
    w2 = Wave(name="w2", title="Welle 2", raw=wave.raw, codebook=wave.codebook,
              registry=wave.registry, notebooks=["good"])
    kwargs = dict(out_dir=tmp_path / "r", processed_dir=tmp_path / "p",
                  notebooks_dir=notebooks, progress=False, jobs=8,
                  clean=lambda w, *a, **k: events.append(f"clean {w.name}"))
    batch.run_batch([wave, w2], force=True, **kwargs)
    assert events[:4] == [("pool", 3, batch._start_worker, "python3"), "_no_op", "_no_op",
                          "_no_op"]  # 3 notebooks: 3 workers, not 8
    assert events[4:6] == ["clean w1", "clean w2"]
    assert events[6:] == ["_run_job"] * 3

    events.clear()
    monkeypatch.setattr(batch, "_fresh", lambda *a, **k: True)
    monkeypatch.setattr(batch, "_reuse", lambda jobs, results, allowed: allowed)
    batch.run_batch([wave, w2], **kwargs)
    assert events == []  # nothing to run: no workers, no kernels


def test_a_workbook_goes_to_an_idle_worker_while_the_writer_is_busy(
        wave, notebooks, tmp_path, monkeypatch):
    """The last waves' workbooks are written side by side: the second goes to a worker
    with nothing left to do while the writer thread still writes the first; a workbook
    the pool could not write is written in the main process."""
    import threading
    from contextlib import contextmanager

    first_done = threading.Event()
    written = []

    def slow_book(folder, *args):
        if not written:  # the first: holds the writer until the second is under way
            written.append((folder.name, threading.current_thread().name))
            assert first_done.wait(10)
        else:
            written.append((folder.name, threading.current_thread().name))
            first_done.set()

    class Broken(_Inline):
        def submit(self, fn, *args):
            if fn is batch.write_wave_workbook and broken:
                from concurrent.futures import Future
                from concurrent.futures.process import BrokenProcessPool

                future: Future = Future()
                future.set_exception(BrokenProcessPool("gone"))
                return future
            return super().submit(fn, *args)

    @contextmanager
    def fake_executor(scheduler, workers, **kwargs):
        yield Broken()

    monkeypatch.setattr(pool, "_executor", fake_executor)
    monkeypatch.setattr(batch, "write_wave_workbook", slow_book)
    w2 = Wave(name="w2", title="Welle 2", raw=wave.raw, codebook=wave.codebook,
              registry=wave.registry, notebooks=["good"])
    kwargs = dict(out_dir=tmp_path / "r", processed_dir=tmp_path / "p", jobs=2,
                  notebooks_dir=notebooks, progress=False, force=True,
                  clean=lambda *a, **k: None)
    broken = False
    batch.run_batch([wave, w2], **kwargs)
    main = threading.current_thread().name
    (first, writer), (second, pooled) = written
    assert {first, second} == {"w1", "w2"}
    assert writer != main and pooled == main  # (the fake pool runs it in this thread)

    written.clear()
    first_done.clear()
    broken = True
    batch.run_batch([wave, w2], **kwargs)
    assert len(written) == 2 and written[1][1] == main  # written here after all

def test_start_worker_never_raises(monkeypatch):
    """A worker whose kernel cannot start still takes jobs: the first notebook tells why."""
    import threading

    from survey import kernels

    monkeypatch.setattr(kernels, "_local", threading.local())  # not this thread's own
    batch._start_worker("survey-no-such-kernel", "batch-x")  # does not raise
    kernel = kernels.worker_kernel("survey-no-such-kernel", "batch-x")
    assert kernel.km is None  # nothing left running
    kernels.shut_down_all()


def test_last_durations_reads_records_and_skips_others(tmp_path):
    _record(tmp_path / "w1", "w1", "good", 12.5)
    _record(tmp_path / "w1", "w1", "bad", "lange")
    (tmp_path / "w1" / "notes.json").write_text("[1, 2", encoding="utf-8")
    assert batch._last_durations(tmp_path) == {("w1", "good"): 12.5}


def test_batch_starts_the_longest_reports_first(wave, notebooks, tmp_path, monkeypatch):
    """Longest first by the last run's records; a report without a record counts as long
    (it may be), and ties keep the registry's order. Warm kernels carry the batch's id."""
    from contextlib import contextmanager

    write_notebook(notebooks, "third", "x = 3")
    write_notebook(notebooks, "fourth", "x = 4")
    five = Wave(name="w1", title="Welle 1", raw=wave.raw, codebook=wave.codebook,
                registry=wave.registry, notebooks=["good", "bad", "third", "fourth"])
    out = tmp_path / "reports"
    _record(out / "w1", "w1", "good", 1.0)
    _record(out / "w1", "w1", "bad", 30.0)
    _record(out / "w1", "w1", "third", 1.0)
    inline = _Inline()
    jobs_seen = []

    @contextmanager
    def fake_executor(scheduler, workers, **kwargs):
        yield inline

    original = inline.submit

    def submit(fn, *args):
        if fn is batch._run_job:
            jobs_seen.append(args[0])
        return original(fn, *args)

    inline.submit = submit
    monkeypatch.setattr(pool, "_executor", fake_executor)
    books = []
    monkeypatch.setattr(batch, "write_wave_workbook",
                        lambda folder, *a: books.append(folder.name))
    batch.run_batch([five], out_dir=out, processed_dir=tmp_path / "p", notebooks_dir=notebooks,
                    progress=False, clean=lambda *a, **k: None, force=True)
    assert inline.submitted == [("w1", "fourth"), ("w1", "bad"), ("w1", "good"),
                                ("w1", "third")]
    assert len({job["warm"] for job in jobs_seen}) == 1  # one batch id for all
    assert books == ["w1"]  # written once, when the wave's last report was done

    jobs_seen.clear()
    batch.run_batch([five], out_dir=out, processed_dir=tmp_path / "p", notebooks_dir=notebooks,
                    progress=False, clean=lambda *a, **k: None, force=True, fresh_kernels=True)
    assert jobs_seen and all("warm" not in job for job in jobs_seen)


def test_a_wave_whose_shared_outputs_fail_the_audit_loses_them(wave, notebooks, tmp_path,
                                                               monkeypatch):
    # the audit (its own tests plant each kind of leak) finds a count: the wave's reports,
    # tables and workbook go, its records say why, the index says it in one sentence
    from survey import audit

    wave = Wave(name="w1", title="Welle 1", raw=wave.raw, codebook=wave.codebook,
                registry=wave.registry, notebooks=["good"])
    seen = []

    def fake_audit(folder, *, min_cell, codebook=None, compared=None):
        seen.append((Path(folder).name, min_cell))
        (Path(folder) / "tables").mkdir(exist_ok=True)
        return [audit.Finding("w1/tables/x.csv", "row 2, n", 3, "shown in the table")]

    monkeypatch.setattr(audit, "audit_folder", fake_audit)
    out = tmp_path / "reports"
    (out / "w1" / "tables").mkdir(parents=True)
    (out / "w1" / "tables" / "x.csv").write_text("n\n3\n", encoding="utf-8")
    results = batch.run_batch([wave], out_dir=out, processed_dir=tmp_path / "p",
                              notebooks_dir=notebooks, jobs=1, progress=False,
                              clean=lambda w, p, *, allow_extra=False: Path(p) / w.name,
                              parameters={"min_cell": 7})
    assert seen == [("w1", 7)]
    assert [r.status for r in results] == ["failed"]
    assert results[0].error.startswith("disclosure audit: 1 count(s) below min_cell 7")
    assert not (out / "w1" / "good.html").exists()
    assert not list((out / "w1").glob("tables/*.csv"))
    record = json.loads((out / "w1" / "good.json").read_text(encoding="utf-8"))
    assert record["status"] == "failed" and "x.csv" in record["error"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Zurückgehalten" in index and "x.csv" not in index
    # an internal run is not audited (it is never shared)
    seen.clear()
    batch.run_batch([wave], out_dir=tmp_path / "reports-intern", processed_dir=tmp_path / "p",
                    notebooks_dir=notebooks, jobs=1, progress=False, internal=True,
                    clean=lambda w, p, *, allow_extra=False: Path(p) / w.name)
    assert seen == []


@pytest.mark.parametrize("given, message", [({"alpha": "5"}, "alpha must be a number"),
                                            ({"p_adjust": "sidak"}, "p_adjust must be one of"),
                                            ({"min_cell": "0"}, "min_cell")])
def test_a_setting_out_of_range_stops_before_anything_runs(given, message):
    """Type checks alone let alpha = 5 through (a float); the run's settings are checked
    once, with one line naming the wave, before any notebook starts."""
    from survey.registry import load_registry

    root = Path(__file__).resolve().parents[1]
    wave = load_registry(root / "waves.yml")["anna-e1"]
    with pytest.raises(SurveyError, match=message):
        batch.check_parameters(wave, ["02-descriptives"], batch.default_notebooks_dir(), given)
    batch.check_parameters(wave, ["02-descriptives"], batch.default_notebooks_dir(),
                           {"alpha": "0.01", "min_cell": "10"})
