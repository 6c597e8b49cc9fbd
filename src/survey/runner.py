"""One notebook run: papermill into the wave's report folder (the partial notebook is kept
on failure), the HTML page and the provenance record."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from . import fileio
from .errors import SurveyError
from .kernels import KERNEL_ARGUMENTS, KernelNotReady, WarmKernel
from .parameters import _default, notebook_parameters, resolve_parameters
from .records import (
    RunResult,
    _digest,
    _execution_error,
    _one_line,
    _record,
    notebook_file,
    run_inputs,
)
from .registry import Wave, get_wave

logger = logging.getLogger(__name__)

def _plan(wave: Wave, notebook: str, notebooks_dir: str | Path, out_dir: str | Path,
          processed_dir: str | Path, waves_file: str | Path | None,
          parameters: Mapping[str, Any] | None) -> tuple[Path, dict[str, Any], dict[str, Any]]:
    """The notebook file, the parameters passed to it and the parameters it ran with (its
    declared defaults, then what was passed)."""
    waves_file = Path(waves_file if waves_file is not None else wave.registry).resolve()
    source = notebook_file(wave, notebook, notebooks_dir)
    base = {
        "wave": wave.name,
        "waves_file": str(waves_file),
        "processed_dir": str(Path(processed_dir).resolve()),
        "out_dir": str(Path(out_dir).resolve()),
    }
    declared = notebook_parameters(source)
    params = resolve_parameters(source, base, wave.parameters, parameters, declared=declared)
    effective = {name: _default(spec) for name, spec in declared.items()} | params
    return source, params, effective


def run_notebook(
    wave: Wave | str,
    notebook: str,
    *,
    notebooks_dir: str | Path,
    out_dir: str | Path,
    processed_dir: str | Path,
    waves_file: str | Path | None = None,
    parameters: Mapping[str, Any] | None = None,
    kernel_name: str = "python3",
    timeout: float | None = None,
    inputs: Mapping[str, Any] | None = None,
    kernel: WarmKernel | None = None,
) -> RunResult:
    """Execute one notebook for one wave, render its HTML report, write its record.

    Parameters
    ----------
    wave : Wave or str
        The wave (a name is looked up in ``waves_file``).
    notebook : str
        Notebook name without ``.ipynb`` in ``notebooks_dir``.
    notebooks_dir, out_dir, processed_dir : str or Path
        Where notebooks are, where reports go (``<out_dir>/<wave>/``), where the clean
        data are (the wave must have been cleaned or be cleanable by ``load_wave``).
    waves_file : str or Path, optional
        The registry; default the wave's own registry file.
    parameters : mapping, optional
        User overrides; each must be declared in the notebook's ``parameters`` cell.
    kernel_name : str, default "python3"
        Jupyter kernel.
    timeout : float, optional
        Per-cell execution timeout in seconds (none by default).
    inputs : mapping, optional
        What the run depends on (:func:`run_inputs`), kept in the record so that a later
        batch can reuse the outputs while they match; default computed here.
    kernel : WarmKernel, optional
        Run in this warm kernel (reset to a fresh kernel's state first) instead of a
        kernel of its own; it is shut down when the notebook fails. When it cannot be made
        ready, the notebook runs in a kernel of its own.

    Returns
    -------
    RunResult
        ``status="failed"`` with a one-line ``error`` when a cell raised; the partial
        notebook papermill saved is kept (``ipynb``).

    Raises
    ------
    SurveyError
        Before anything is executed: notebook missing, unknown parameter, bad value.
    """
    skip_unused_imports()
    if isinstance(wave, str):
        if waves_file is None:
            raise SurveyError(f"wave '{wave}' given by name: waves_file is required")
        wave = get_wave(waves_file, wave)
    source, params, effective = _plan(wave, notebook, notebooks_dir, out_dir, processed_dir,
                                      waves_file, parameters)
    out = Path(out_dir).resolve() / wave.name
    if inputs is None:
        inputs = run_inputs(wave, source, effective)

    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{notebook}.ipynb"
    html_path = out / f"{notebook}.html"
    record_path = out / f"{notebook}.json"
    started = datetime.now().astimezone()
    t0 = time.perf_counter()
    logger.debug("running %s/%s", wave.name, notebook)
    error = _execute(source, target, params, kernel_name=kernel_name, timeout=timeout,
                     kernel=kernel)
    html, identity, error = _render(target, html_path, wave, error)
    duration = time.perf_counter() - t0
    status = "ok" if error is None else "failed"
    ipynb = target if target.exists() else None
    record = _record(
        wave, notebook, status=status, error=error, started=started, duration=duration,
        parameters=effective, ipynb=ipynb, html=html,
    )
    record.update(identity)
    record["inputs"] = dict(inputs)
    record["outputs"] = {p.name: _digest(p) for p in (ipynb, html) if p is not None}
    fileio.write_json(record_path, record)
    return RunResult(
        wave=wave.name, notebook=notebook, status=status, error=error, ipynb=ipynb,
        html=html, record=record_path, duration_s=duration, parameters=params,
    )


def _execute(source: Path, target: Path, params: dict[str, Any], *, kernel_name: str,
             timeout: float | None, kernel: WarmKernel | None) -> str | None:
    """Run the notebook ``source`` into ``target`` with papermill (in the warm ``kernel``
    when there is one); None, or why it failed.

    papermill rewrites its output after every cell: it writes a hidden file that is moved
    into place when the run ends (also when a cell failed), so an interrupted run never
    leaves a half-written notebook under the report's name.
    """
    import papermill

    out = target.parent
    running = out / f".{target.stem}.running.ipynb"
    warm = _warm_manager(kernel, out)
    error: str | None = None
    try:
        papermill.execute_notebook(
            str(source),
            str(running),
            parameters=params,
            kernel_name=kernel_name,
            cwd=str(out),
            progress_bar=False,
            log_output=False,
            execution_timeout=timeout,
            extra_arguments=list(KERNEL_ARGUMENTS),
            **({} if warm is None else {"km": warm}),
        )
    except Exception as err:  # a cell failed, the kernel died, no such kernel, timeout, …
        error = _execution_error(err)
    except BaseException:  # interrupted: leave nothing behind
        running.unlink(missing_ok=True)
        if warm is not None:
            assert kernel is not None
            kernel.shut_down()
        raise
    if warm is not None:
        assert kernel is not None
        kernel.finished(ok=error is None)
    if running.exists():
        os.replace(running, target)
    else:
        target.unlink(missing_ok=True)  # no stale notebook from an earlier run
    return error


def _render(target: Path, html_path: Path, wave: Wave, error: str | None
            ) -> tuple[Path | None, dict[str, str], str | None]:
    """The HTML report of a notebook that ran (its path, its identity and the error, if
    rendering failed); no report beside a failed run."""
    from . import render

    html: Path | None = None
    identity: dict[str, str] = {}
    if error is None:
        try:
            html = render.render_html(target, html_path, title=wave.title)
            identity = render.page_identity(html)
        except Exception as err:
            error = f"rendering HTML failed: {_execution_error(err)}"
    if error is not None:
        html_path.unlink(missing_ok=True)  # no stale report beside a failed run
        html = None
        logger.debug("failed: %s/%s: %s", wave.name, target.stem, error)
    return html, identity, error


def _warm_manager(kernel: WarmKernel | None, cwd: Path) -> Any:
    """The warm kernel's manager, reset for a notebook in ``cwd``; None for a kernel of
    the notebook's own (no warm kernel, or it could not be made ready)."""
    if kernel is None:
        return None
    try:
        return kernel.prepare(str(cwd))
    except KernelNotReady as err:
        logger.warning("warm kernel not ready, using a new kernel: %s", _one_line(err))
        return None


def skip_unused_imports() -> None:
    """Keep jsonschema from importing ``rfc3987_syntax`` on the way to papermill and
    nbconvert.

    When that optional package is installed, jsonschema imports it to check "iri" formats,
    and it builds a parser at import: 1.4 s of every process that imports nbformat
    (python-jsonschema/jsonschema#1428). nbformat validates notebooks with fastjsonschema
    and checks no formats, so nothing here uses it; a ``None`` entry in ``sys.modules`` is
    Python's documented way to make an import fail, which jsonschema expects.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
