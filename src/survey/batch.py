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
from pathlib import Path
from typing import Any

from . import fileio
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
from .registry import COMPARISON, Comparison, Wave, load_registry
from .runner import _plan, run_notebook
from .settings import wave_min_cell
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
    comparison: Comparison | None = None,
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
    comparison : Comparison, optional
        The registry's comparison block: its notebooks run as the pseudo-wave
        ``comparison`` (reports in ``<out_dir>/comparison/``) once every compared wave that
        is part of this batch was cleaned; a compared wave that failed fails them too.
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
    nb_dir = nb_dir.resolve()
    out_dir = Path(out_dir).resolve()
    processed_dir = Path(processed_dir).resolve()
    overrides = dict(parameters or {})
    _mark_internal(out_dir, internal)
    if internal:
        overrides["internal"] = True

    results: dict[tuple[str, str], RunResult] = {}
    order: list[tuple[str, str]] = []
    jobs_todo: list[dict[str, Any]] = []
    took = _last_durations(out_dir)  # before a re-run clears the records
    fresh_waves: set[str] = set()
    # at most as many workers as notebooks could run; a warm kernel each (local only)
    most = sum(1 if notebook else len(wave.notebooks) for wave in waves)
    if comparison is not None:
        most += 1 if notebook else len(comparison.notebooks)
    with _Workers(scheduler, max(1, min(jobs or os.cpu_count() or 1, most)), kernel_name,
                  uuid.uuid4().hex if scheduler is None and not fresh_kernels else None
                  ) as workers:
        for wave in waves:
            names = [notebook] if notebook else list(wave.notebooks)
            order.extend((wave.name, name) for name in names)
            if not names:
                logger.warning("wave %s lists no notebooks", wave.name)
                continue
            try:
                declared = _check_wave_parameters(wave, names, nb_dir, overrides)
                stale = force or not _fresh(wave, processed_dir, allow_extra)
                error = None
            except SurveyError as err:
                error = _not_run(wave, err)
            if error is None and stale:
                # its notebooks will run: the workers warm up while this wave is cleaned
                # (outside the wave's errors: a scheduler out of reach stops the batch)
                workers.start()
                error = _clean_one(clean, wave, processed_dir, allow_extra)
            elif error is None:
                fresh_waves.add(wave.name)
                logger.info("%s: clean data up to date", wave.name)
            if error is not None:
                if notebook is None:
                    clear_outputs(out_dir / wave.name)
                for name in names:
                    results[(wave.name, name)] = failed_result(wave, name, error,
                                                               out_dir=out_dir)
                continue
            wave_jobs = [_job(wave, name, nb_dir, out_dir, processed_dir, waves_file,
                              {k: v for k, v in overrides.items() if k in declared[name]},
                              kernel_name, timeout) for name in names]
            if not _reuse(wave_jobs, results, allowed=not force and wave.name in fresh_waves):
                if notebook is None:
                    clear_outputs(out_dir / wave.name)
                jobs_todo.extend(wave_jobs)

        if comparison is not None and (comparison.notebooks or notebook):
            jobs_todo.extend(_comparison_jobs(
                comparison, waves, results, order, notebook=notebook, nb_dir=nb_dir,
                out_dir=out_dir, processed_dir=processed_dir, waves_file=waves_file,
                overrides=overrides, kernel_name=kernel_name, timeout=timeout,
                reuse=not force and all(
                    name in fresh_waves or _fresh(w, processed_dir, allow_extra)
                    for name, w in _compared(comparison, waves).items())))

        if jobs_todo:
            _run_jobs(jobs_todo, workers, results, took=took, progress=progress,
                      out_dir=out_dir, waves=waves, comparison=comparison,
                      overrides=overrides)

    ran = {job["wave"].name for job in jobs_todo}
    for wave_name in dict.fromkeys(name for name, _ in order):
        if wave_name not in ran and not (out_dir / wave_name / "tabellen.xlsx").is_file():
            _write_workbook(out_dir / wave_name, waves, comparison, overrides)
    if not internal:
        _audit(out_dir, waves, ran, comparison, results, overrides)
    cleaned = {name for (name, _), result in results.items() if result.ok}
    index = _write_index(out_dir, waves, comparison, processed_dir, cleaned, internal=internal)
    logger.info("index: %s", index)
    return [results[key] for key in order if key in results]


def _audit(out_dir: Path, waves: Sequence[Wave], ran: set[str], comparison: Comparison | None,
           results: dict[tuple[str, str], RunResult], overrides: Mapping[str, Any]) -> None:
    """The disclosure audit (:mod:`survey.audit`) of each wave (name in ``ran``) whose
    shared reports this run wrote: a wave (or the comparison) from whose outputs a count
    below its ``min_cell`` can be read or worked out loses them all; its records say why
    in one line (the index shows "Zurückgehalten"), the findings go to the log."""
    from .audit import audit_folder
    from .codebook import load_codebook

    def codebook(path: Path) -> Any:
        try:  # without it the audit still adds up each table's own totals
            return load_codebook(path)
        except (SurveyError, OSError):
            return None

    checks: list[tuple[Wave, Path, Any, int, Any]] = []
    for wave in waves:
        if wave.name in ran:
            checks.append((wave, out_dir / wave.name, codebook(wave.codebook),
                           wave_min_cell(wave.parameters, overrides), None))
    if comparison is not None and COMPARISON in ran:
        known = _compared(comparison, waves)
        compared = {name: (out_dir / name, codebook(known[name].codebook))
                    for name in comparison.waves}
        pseudo = comparison.pseudo_wave(known)
        checks.append((pseudo, out_dir / COMPARISON, None,
                       wave_min_cell(pseudo.parameters, overrides), compared))
    for wave, folder, codebook, min_cell, compared in checks:
        mine = [key for key in results if key[0] == wave.name and results[key].ok]
        if not mine:
            continue
        findings = audit_folder(folder, min_cell=min_cell, codebook=codebook,
                                compared=compared)
        if not findings:
            logger.info("%s: disclosure audit passed (min_cell %d)", wave.name, min_cell)
            continue
        for finding in findings:
            logger.warning("disclosure audit: %s", finding)
        error = (f"disclosure audit: {len(findings)} count(s) below min_cell {min_cell} can "
                 f"be worked out, first {findings[0]}")
        clear_outputs(folder)
        (folder / "tabellen.xlsx").unlink(missing_ok=True)
        for key in mine:
            results[key] = failed_result(wave, key[1], error, out_dir=out_dir,
                                         parameters=results[key].parameters)


#: The file that marks a folder as the team's internal version (see
#: :meth:`survey.disclosure.Policy.out_dir`).
INTERNAL_MARK = ".internal"


def _mark_internal(out_dir: Path, internal: bool) -> None:
    """An internal run marks its folder; a shared run refuses a marked folder."""
    mark = out_dir / INTERNAL_MARK
    if internal:
        out_dir.mkdir(parents=True, exist_ok=True)
        if not mark.is_file():
            fileio.write_text(mark, "The team's internal, unsuppressed reports: never share "
                                    "this folder.\n")
    elif mark.is_file():
        raise SurveyError("holds the internal version (it has a .internal file): a shared "
                          "run does not write into it", file=out_dir)


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
              comparison: Comparison | None, overrides: Mapping[str, Any]) -> None:
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
                    pooled[pool.submit(_write_workbook, *args)] = args
                else:
                    books.append(writer.submit(_write_workbook, *args))
            for book, args in pooled.items():
                if book.exception() is not None:  # the pool broke: write it here
                    logger.debug("workbook in a worker: %s", _one_line(book.exception()))
                    _write_workbook(*args)
            for book in books:
                book.result()
    finally:
        bar.close()


def _write_index(out_dir: Path, waves: Sequence[Wave], comparison: Comparison | None,
                 processed_dir: Path, cleaned: set[str], *, internal: bool) -> Path:
    """The index page: per wave its title, field period and N (from the clean data of a
    wave with a report made in this run), in registry order, the comparison last, in the
    language of the waves' codebooks."""
    from .codebook import load_codebook
    from .frontpage import build_index

    info: dict[str, dict[str, Any]] = {}
    languages = set()
    known = {w.name: w for w in waves}
    if comparison is not None:
        try:
            known = {**load_registry(comparison.registry), **known}
        except SurveyError:
            pass
    shown = list(waves)
    shown += [known[name] for name in (comparison.waves if comparison else ())
              if name in known and name not in {w.name for w in waves}]
    for wave in shown:
        info[wave.name] = {"title": wave.title, "fielded": wave.fielded,
                           "n": _clean_n(processed_dir / wave.name)
                           if wave.name in cleaned else None}
        try:
            languages.add(load_codebook(wave.codebook).language)
        except (SurveyError, OSError):
            pass
    if comparison is not None:
        info["comparison"] = {"title": comparison.title}
    language = languages.pop() if len(languages) == 1 else "de"
    return build_index(out_dir, waves=info, language=language, internal=internal)


def _clean_n(folder: Path) -> int | None:
    """Respondents in a wave's clean data (from the parquet footer), or None."""
    path = folder / "clean.parquet"
    if not path.is_file():
        return None
    try:
        import pyarrow.parquet as pq

        return int(pq.read_metadata(path).num_rows)
    except Exception:  # an unreadable file: the index shows no N
        return None


def _comparison_jobs(comparison: Comparison, waves: Sequence[Wave],
                     results: dict[tuple[str, str], RunResult], order: list[tuple[str, str]],
                     *, notebook: str | None, nb_dir: Path, out_dir: Path, processed_dir: Path,
                     waves_file: str | Path | None, overrides: Mapping[str, Any],
                     kernel_name: str, timeout: float | None,
                     reuse: bool = False) -> list[dict[str, Any]]:
    """The jobs of the comparison's notebooks, or failed results when a compared wave of
    this batch failed (its notebooks' results are already in ``results``)."""
    known = _compared(comparison, waves)
    pseudo = comparison.pseudo_wave(known)
    names = [notebook] if notebook else list(pseudo.notebooks)
    order.extend((pseudo.name, name) for name in names)
    broken = sorted({wave for (wave, _), result in results.items()
                     if wave in comparison.waves and not result.ok})
    error = None
    if broken:
        error = f"not run: compared wave(s) {', '.join(broken)} failed"
    else:
        try:
            declared = _check_wave_parameters(pseudo, names, nb_dir, overrides)
        except SurveyError as err:
            error = f"not run: {_problem_text(err)}"
    if error is not None:
        if notebook is None:
            clear_outputs(out_dir / pseudo.name)
        for name in names:
            results[(pseudo.name, name)] = failed_result(pseudo, name, error, out_dir=out_dir)
        return []
    compared = [known[name] for name in comparison.waves]
    jobs = [_job(pseudo, name, nb_dir, out_dir, processed_dir,
                 waves_file or comparison.registry,
                 {k: v for k, v in overrides.items() if k in declared[name]},
                 kernel_name, timeout, compared=compared) for name in names]
    if _reuse(jobs, results, allowed=reuse):
        return []
    if notebook is None:
        clear_outputs(out_dir / pseudo.name)
    return jobs


def _compared(comparison: Comparison, waves: Sequence[Wave]) -> dict[str, Wave]:
    """The compared waves by name: the batch's, else the registry's."""
    known = {w.name: w for w in waves}
    if any(name not in known for name in comparison.waves):
        known = {**load_registry(comparison.registry), **known}
    return {name: known[name] for name in comparison.waves}


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




def _write_workbook(folder: Path, waves: Sequence[Wave], comparison: Comparison | None,
                    overrides: Mapping[str, Any]) -> None:
    """``tabellen.xlsx`` of a wave's (or the comparison's) result tables, in the language
    of its codebook; a failure to write it is logged, never fatal for the run."""
    from .codebook import load_codebook
    from .workbook import WORKBOOK, write_workbook

    tables = folder / "tables"
    if not tables.is_dir() or not any(tables.glob("*.csv")):
        return
    by_name = {w.name: w for w in waves}
    wave = by_name.get(folder.name)
    if wave is None and comparison is not None:
        known = {**load_registry(comparison.registry), **by_name}
        wave = comparison.pseudo_wave(known)
        codebook_path = known[comparison.waves[-1]].codebook
    elif wave is not None:
        codebook_path = wave.codebook
    else:
        return
    try:
        from .disclosure import Policy

        language = load_codebook(codebook_path).language
        policy = Policy(wave_min_cell(wave.parameters, overrides),
                        internal=bool(overrides.get("internal", False)))
        write_workbook(tables, folder / WORKBOOK, policy=policy, language=language,
                       title=wave.title)
    except (SurveyError, ValueError, OSError) as err:
        logger.warning("no workbook for %s: %s", folder.name, _one_line(err))
