"""Run a batch: every wave's notebooks, the comparison, the workbooks, the audit and the
index page.

:func:`run_batch` cleans each wave (workers start meanwhile, :mod:`survey.pool`), reuses a
wave whose every record still matches (:mod:`survey.records`), runs the other
(wave, notebook) pairs in worker processes with one progress bar (one run:
:func:`survey.runner.run_notebook`), carries on past failures, writes each wave's
workbook, audits what the shared reports show (:mod:`survey.audit`) and finally writes
``<out_dir>/index.html``. Parameters are read and checked by :mod:`survey.parameters`;
this module re-exports the public names of all four, so ``survey.batch`` stays the one
import place.
"""

from __future__ import annotations

import logging
import math
import os
import sys
import uuid
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import (
    Future,
    ThreadPoolExecutor,
    as_completed,
)
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .batchoutputs import audit_outputs, mark_internal, write_index, write_wave_workbook
from .errors import SurveyError
from .parameters import (
    BASE_PARAMETERS,
    _check_wave_parameters,
    _problem_text,
    check_parameters,
    notebook_parameters,
    resolve_parameters,
)
from .pool import _run_job, _start_worker, _Workers  # noqa: F401 (_start_worker: re-export)
from .records import (
    RunResult,
    _execution_error,
    _last_durations,
    _mark_reused,
    _one_line,
    clear_outputs,
    default_notebooks_dir,
    failed_result,
    git_state,
    reusable,
    run_inputs,
    workbench_root,
)
from .registry import Comparison, Wave, blocks
from .runner import _plan, run_notebook
from .versions import package_versions

__all__ = [
    "RunResult",
    "BASE_PARAMETERS",
    "default_notebooks_dir",
    "workbench_root",
    "notebook_parameters",
    "resolve_parameters",
    "git_state",
    "package_versions",
    "failed_result",
    "run_notebook",
    "run_batch",
    "check_parameters",
]

logger = logging.getLogger(__name__)

def run_batch(
    waves: Sequence[Wave],
    *,
    out_dir: str | Path,
    processed_dir: str | Path,
    notebooks_dir: str | Path | None = None,
    waves_file: str | Path | None = None,
    jobs: int | None = None,
    notebook: str | None = None,
    parameters: Mapping[str, Any] | None = None,
    allow_extra: bool = False,
    kernel_name: str = "python3",
    timeout: float | None = None,
    progress: bool = True,
    clean: Callable[..., Any] | None = None,
    comparison: Comparison | Sequence[Comparison] | None = None,
    internal: bool = False,
    force: bool = False,
    scheduler: str | None = None,
    fresh_kernels: bool = False,
) -> list[RunResult]:
    """Clean every wave, run its notebooks in worker processes, write the index page.

    Parameters
    ----------
    waves : sequence of Wave
        The waves to run.
    out_dir, processed_dir : str or Path
        Reports folder and clean-data folder.
    notebooks_dir : str or Path, optional
        Default :func:`default_notebooks_dir`.
    waves_file : str or Path, optional
        Registry passed to the notebooks; default each wave's own.
    jobs : int, optional
        Worker processes; default ``os.cpu_count()``.
    notebook : str, optional
        Run only this notebook (for every wave) instead of the registry's list.
    parameters : mapping, optional
        User parameters; each notebook receives those it declares, and a name no
        notebook of the wave declares fails that wave.
    allow_extra : bool, default False
        Keep raw columns missing from the codebook (as text) when cleaning.
    kernel_name, timeout
        Passed to :func:`run_notebook`.
    progress : bool, default True
        Show one tqdm progress bar over all notebooks on stderr (only on a terminal).
    clean : callable, optional
        Replacement for :func:`survey.store.clean_wave` (tests).
    comparison : Comparison or sequence of them, optional
        The registry's comparison block (and its programme block): its notebooks run as
        the pseudo-wave ``comparison`` (reports in ``<out_dir>/comparison/``; the programme
        as ``programme``) once every compared wave that is part of this batch was cleaned; a
        compared wave that failed fails them too.
    internal : bool, default False
        The team's unsuppressed version: every notebook that declares the parameter
        ``internal`` gets ``internal=True``, and the index says "intern". Where it goes is
        the caller's choice (the CLI: ``reports-intern/``, never ``reports/``).
    force : bool, default False
        Clean and run everything. By default a wave whose clean data are fresh
        (:func:`survey.store.is_stale`) is not cleaned again, and a wave (or the
        comparison) whose every report's record matches its inputs (:func:`run_inputs`)
        keeps its outputs: nothing is executed, the records say ``reused_at``.
    scheduler : str, optional
        Address of a Dask scheduler (``tcp://host:8786``): the notebooks are submitted
        through ``distributed``'s executor to that cluster's workers instead of local
        worker processes (same outputs, progress bar and failure handling). The workers
        need this package installed and must see the same paths (a shared file system).
        Every notebook gets a kernel of its own there (a long-lived worker keeps nothing
        running after the batch).
    fresh_kernels : bool, default False
        Start a kernel for every notebook. By default each local worker keeps one warm
        kernel for the whole batch (:mod:`survey.kernels`), reset to a new kernel's state
        before every notebook and replaced after a failure.

    Returns
    -------
    list of RunResult
        One per (wave, notebook), in registry order; a wave that failed cleaning or
        parameter checks gives failed results for all its notebooks.
    """
    if clean is None:
        from .store import clean_wave as clean
    nb_dir = Path(notebooks_dir) if notebooks_dir is not None else default_notebooks_dir()
    out_dir = Path(out_dir).resolve()
    mark_internal(out_dir, internal)
    overrides = {**(parameters or {}), **({"internal": True} if internal else {})}
    run = _Batch(nb_dir=nb_dir.resolve(), out_dir=out_dir,
                 processed_dir=Path(processed_dir).resolve(), waves_file=waves_file,
                 overrides=overrides, notebook=notebook, allow_extra=allow_extra, force=force,
                 kernel_name=kernel_name, timeout=timeout, clean=clean)
    run.listed = {name for block in blocks(comparison) for name in block.waves}
    took = _last_durations(out_dir)  # before a re-run clears the records
    # at most as many workers as notebooks could run; a warm kernel each (local only)
    most = sum(len(run.names(wave)) for wave in waves)
    most += sum(len(run.names(block)) for block in blocks(comparison))
    with _Workers(scheduler, max(1, min(jobs or os.cpu_count() or 1, most)), kernel_name,
                  uuid.uuid4().hex if scheduler is None and not fresh_kernels else None
                  ) as workers:
        for wave in waves:
            run.add_wave(wave, workers)
        for block in blocks(comparison):
            if run.names(block):
                run.add_comparison(block, waves)
        if run.todo:
            _run_jobs(run.todo, workers, run.results, took=took, progress=progress,
                      out_dir=out_dir, waves=waves, comparison=comparison,
                      overrides=overrides)

    ran = {job["wave"].name for job in run.todo}
    for wave_name in dict.fromkeys(name for name, _ in run.order):
        if wave_name not in ran and not (out_dir / wave_name / "tabellen.xlsx").is_file():
            write_wave_workbook(out_dir / wave_name, waves, comparison, overrides)
    if not internal:
        audit_outputs(out_dir, waves, ran, comparison, run.results, overrides)
    cleaned = {name for (name, _), result in run.results.items() if result.ok}
    index = write_index(out_dir, waves, comparison, run.processed_dir, cleaned,
                        internal=internal, study=_study(waves_file, comparison))
    logger.info("index: %s", index)
    return [run.results[key] for key in run.order if key in run.results]


@dataclass
class _Batch:
    """The settings of one :func:`run_batch` and what it has decided so far: the results
    (failed, reused or run), the registry order, the jobs to run, the waves left as
    they were."""

    nb_dir: Path
    out_dir: Path
    processed_dir: Path
    waves_file: str | Path | None
    overrides: dict[str, Any]
    notebook: str | None
    allow_extra: bool
    force: bool
    kernel_name: str
    timeout: float | None
    clean: Callable[..., Any]
    results: dict[tuple[str, str], RunResult] = field(default_factory=dict)
    order: list[tuple[str, str]] = field(default_factory=list)
    todo: list[dict[str, Any]] = field(default_factory=list)
    fresh: set[str] = field(default_factory=set)
    #: waves a block lists (a programme's projects): no notebooks of their own is expected
    listed: set[str] = field(default_factory=set)

    def names(self, wave: Wave | Comparison) -> list[str]:
        """The notebooks to run for a wave (or the comparison)."""
        return [self.notebook] if self.notebook else list(wave.notebooks)

    def fail(self, wave: Wave, names: Sequence[str], error: str) -> None:
        """Failed results for a wave's notebooks, its old outputs gone."""
        if self.notebook is None:
            clear_outputs(self.out_dir / wave.name)
        for name in names:
            self.results[(wave.name, name)] = failed_result(wave, name, error,
                                                            out_dir=self.out_dir)

    def jobs(self, wave: Wave, names: Sequence[str], declared: Mapping[str, set[str]],
             waves_file: str | Path | None, compared: Sequence[Wave] = ()
             ) -> list[dict[str, Any]]:
        """One :func:`_job` per notebook, each with the parameters it declares."""
        return [_job(wave, name, self.nb_dir, self.out_dir, self.processed_dir, waves_file,
                     {k: v for k, v in self.overrides.items() if k in declared[name]},
                     self.kernel_name, self.timeout, compared=compared) for name in names]

    def schedule(self, wave: Wave, jobs: list[dict[str, Any]], reuse: bool) -> None:
        """Keep a wave's earlier outputs when they can stand, else run its jobs."""
        if _reuse(jobs, self.results, allowed=reuse):
            return
        if self.notebook is None:
            clear_outputs(self.out_dir / wave.name)
        self.todo.extend(jobs)

    def add_wave(self, wave: Wave, workers: _Workers) -> None:
        """Check a wave's parameters, clean it when needed, and schedule its notebooks."""
        names = self.names(wave)
        self.order.extend((wave.name, name) for name in names)
        if not names:
            (logger.info if wave.name in self.listed else logger.warning)(
                "wave %s lists no notebooks", wave.name)
            return
        try:
            declared = _check_wave_parameters(wave, names, self.nb_dir, self.overrides)
            stale = self.force or not _fresh(wave, self.processed_dir, self.allow_extra)
        except SurveyError as err:
            return self.fail(wave, names, _not_run(wave, err))
        if stale:
            # its notebooks will run: the workers warm up while this wave is cleaned
            # (outside the wave's errors: a scheduler out of reach stops the batch)
            workers.start()
            error = _clean_one(self.clean, wave, self.processed_dir, self.allow_extra)
            if error is not None:
                return self.fail(wave, names, error)
        else:
            self.fresh.add(wave.name)
            logger.info("%s: clean data up to date", wave.name)
        self.schedule(wave, self.jobs(wave, names, declared, self.waves_file),
                      reuse=not self.force and wave.name in self.fresh)

    def add_comparison(self, comparison: Comparison, waves: Sequence[Wave]) -> None:
        """Schedule the comparison's notebooks, or fail them when a compared wave of this
        batch failed (its results are in already)."""
        known = comparison.compared(waves)
        pseudo = comparison.pseudo_wave(known)
        names = self.names(pseudo)
        self.order.extend((pseudo.name, name) for name in names)
        broken = sorted({wave for (wave, _), result in self.results.items()
                         if wave in comparison.waves and not result.ok})
        if broken:
            return self.fail(pseudo, names,
                             f"not run: compared wave(s) {', '.join(broken)} failed")
        try:
            declared = _check_wave_parameters(pseudo, names, self.nb_dir, self.overrides)
        except SurveyError as err:
            return self.fail(pseudo, names, f"not run: {_problem_text(err)}")
        jobs = self.jobs(pseudo, names, declared, self.waves_file or comparison.registry,
                         compared=[known[name] for name in comparison.waves])
        reuse = not self.force and all(
            name in self.fresh or _fresh(w, self.processed_dir, self.allow_extra)
            for name, w in known.items())
        self.schedule(pseudo, jobs, reuse)


def _not_run(wave: Wave, err: SurveyError) -> str:
    """Why a wave's notebooks will not run (its parameters or its cleaning failed)."""
    message = _problem_text(err)
    logger.warning("wave %s failed: %s", wave.name, message)
    return f"wave not run: {message}"


def _clean_one(clean: Callable[..., Any], wave: Wave, processed_dir: Path,
               allow_extra: bool) -> str | None:
    """Clean one wave; None, or why its notebooks will not run."""
    logger.info("cleaning %s", wave.name)
    try:
        clean(wave, processed_dir, allow_extra=allow_extra)
        return None
    except SurveyError as err:
        return _not_run(wave, err)
    except Exception as err:  # a bug in one wave must not stop the others
        logger.exception("cleaning %s failed unexpectedly", wave.name)
        return f"cleaning failed: {_execution_error(err)}"


def _run_jobs(jobs_todo: list[dict[str, Any]], workers: _Workers,
              results: dict[tuple[str, str], RunResult], *, took: Mapping[tuple[str, str], float],
              progress: bool, out_dir: Path, waves: Sequence[Wave],
              comparison: Comparison | Sequence[Comparison] | None,
              overrides: Mapping[str, Any]) -> None:
    """Run the jobs on the workers, the longest first; write each wave's workbook as soon
    as its reports are done, while the workers go on with the others."""
    from tqdm.auto import tqdm

    if workers.batch is not None:  # warm kernels: the batch's id
        for job in jobs_todo:
            job["warm"] = workers.batch
    # the longest reports first (as long as they took last time), so that no worker
    # starts a long one when the others are done; unknown ones first, in their order
    jobs_todo.sort(key=lambda job: -took.get((job["wave"].name, job["notebook"]), math.inf))
    left = Counter(job["wave"].name for job in jobs_todo)
    bar = tqdm(total=len(jobs_todo), desc="Notebooks", unit="nb", file=sys.stderr,
               disable=None if progress else True)
    books: list[Future[None]] = []
    pooled: dict[Future[None], tuple[Any, ...]] = {}  # workbooks a worker writes
    try:
        pool = workers.start()
        with ThreadPoolExecutor(1) as writer:
            futures: dict[Future[RunResult], dict[str, Any]] = {
                pool.submit(_run_job, job): job for job in jobs_todo
            }
            for future in as_completed(futures):
                job = futures[future]
                try:
                    result = future.result()
                except Exception as err:  # worker crashed (BrokenProcessPool, …)
                    result = failed_result(job["wave"], job["notebook"], _execution_error(err),
                                           out_dir=out_dir)
                results[(result.wave, result.notebook)] = result
                bar.set_postfix_str(f"{result.wave}/{result.notebook}: {result.status}")
                bar.update(1)
                left[result.wave] -= 1
                if left[result.wave]:
                    continue
                args = (out_dir / result.wave, waves, comparison, dict(overrides))
                # the writer thread, unless it is busy and a worker has nothing left to do
                busy = any(not book.done() for book in books)
                idle = sum(not f.done() for f in (*futures, *pooled)) < workers.size
                if busy and idle:
                    pooled[pool.submit(write_wave_workbook, *args)] = args
                else:
                    books.append(writer.submit(write_wave_workbook, *args))
            for book, args in pooled.items():
                if book.exception() is not None:  # the pool broke: write it here
                    logger.debug("workbook in a worker: %s", _one_line(book.exception()))
                    write_wave_workbook(*args)
            for book in books:
                book.result()
    finally:
        bar.close()


def _job(wave: Wave, notebook: str, nb_dir: Path, out_dir: Path, processed_dir: Path,
         waves_file: str | Path | None, parameters: Mapping[str, Any], kernel_name: str,
         timeout: float | None, compared: Sequence[Wave] = ()) -> dict[str, Any]:
    """The keyword arguments of :func:`run_notebook` for one report, its inputs included."""
    source, _, effective = _plan(wave, notebook, nb_dir, out_dir, processed_dir, waves_file,
                                 parameters)
    return dict(wave=wave, notebook=notebook, notebooks_dir=nb_dir, out_dir=out_dir,
                processed_dir=processed_dir, waves_file=waves_file,
                parameters=dict(parameters), kernel_name=kernel_name, timeout=timeout,
                inputs=run_inputs(wave, source, effective, compared))


def _reuse(jobs: Sequence[Mapping[str, Any]], results: dict[tuple[str, str], RunResult], *,
           allowed: bool) -> bool:
    """Keep the outputs of a wave's earlier run when every one of its reports can stand
    (:func:`reusable`); a wave is re-run as a whole otherwise."""
    if not allowed or not jobs:
        return False
    earlier = [reusable(job) for job in jobs]
    if any(result is None for result in earlier):
        return False
    for result in earlier:
        assert result is not None
        _mark_reused(result)
        results[(result.wave, result.notebook)] = result
        logger.info("%s/%s: unchanged, report reused", result.wave, result.notebook)
    return True


def _fresh(wave: Wave, processed_dir: Path, allow_extra: bool) -> bool:
    """Whether the wave's clean data were made from its current inputs, the same way."""
    from .store import is_stale

    try:
        return not is_stale(processed_dir / wave.name, wave, allow_extra=allow_extra)
    except (OSError, ValueError, SurveyError):  # an input gone or unreadable: clean it
        return False


def _study(waves_file: str | Path | None, comparison: Any) -> str | None:
    """The registry's study title for the index page (None without a registry file)."""
    from .registry import blocks, study_title

    path = waves_file or next((b.registry for b in blocks(comparison)), None)
    try:
        return study_title(path) if path is not None else None
    except (SurveyError, OSError):  # the registry was read before; an index without it
        return None
