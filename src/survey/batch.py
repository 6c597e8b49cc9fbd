"""Execute the wave notebooks with papermill and render them as HTML reports.

One notebook run (:func:`run_notebook`) is: check the parameters against the
notebook's ``parameters`` cell, execute it with papermill into
``<out_dir>/<wave>/<notebook>.ipynb`` (papermill saves the partial notebook when a
cell fails), render ``<notebook>.html`` and write a provenance record
``<notebook>.json``. :func:`run_batch` cleans every wave first, runs all
(wave, notebook) pairs in worker processes with one progress bar, carries on past
failures and finally writes ``<out_dir>/index.html``.
"""

from __future__ import annotations

import ast
import hashlib
import json
import logging
import math
import os
import re
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import (
    Executor,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    as_completed,
)
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import fileio
from .errors import ProblemList, SurveyError
from .kernels import KERNEL_ARGUMENTS, KernelNotReady, WarmKernel, worker_kernel
from .registry import COMPARISON, Comparison, Wave, get_wave, load_registry
from .version import __version__
from .versions import package_versions
from .vocabulary import truth

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

#: Parameters the workbench passes to every notebook (docs/registry.md).
BASE_PARAMETERS = ("wave", "waves_file", "processed_dir", "out_dir")


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@dataclass
class RunResult:
    """Outcome of one notebook run.

    Attributes
    ----------
    wave, notebook : str
        Which run.
    status : str
        ``"ok"`` or ``"failed"``.
    error : str or None
        One line: the failing cell's exception name and message, or why the run
        did not start (cleaning failed, unknown parameter, …).
    ipynb : Path or None
        The executed notebook; on failure the partial notebook when one was saved.
    html : Path or None
        The HTML report (only when ``status == "ok"``).
    record : Path or None
        The provenance record (JSON).
    duration_s : float
        Wall time of execution and rendering.
    reused : bool
        The outputs of an earlier run were kept: nothing was executed.
    """

    wave: str
    notebook: str
    status: str
    error: str | None = None
    ipynb: Path | None = None
    html: Path | None = None
    record: Path | None = None
    duration_s: float = 0.0
    parameters: dict[str, Any] = field(default_factory=dict)
    reused: bool = False

    @property
    def ok(self) -> bool:
        """True when the notebook ran and its report was written."""
        return self.status == "ok"


# --------------------------------------------------------------------------- environment


def workbench_root() -> Path:
    """The workbench's source tree (the folder holding ``src/``, ``notebooks/``).

    Valid for the source / editable-install layout ``<root>/src/survey/``.
    """
    return Path(__file__).resolve().parents[2]


def default_notebooks_dir() -> Path:
    """The workbench's own notebooks, found from the installed package.

    A regular install ships them as ``survey/notebooks`` (package data); in a source
    tree or an editable install they are the repository's ``notebooks/``.
    """
    shipped = Path(__file__).resolve().parent / "notebooks"
    if shipped.is_dir():
        return shipped
    return workbench_root() / "notebooks"


def git_state(root: str | Path | None = None) -> tuple[str, bool | None]:
    """Commit hash of the workbench and whether its working tree has changes.

    Returns
    -------
    (commit, dirty)
        ``("unknown", None)`` when ``root`` is not a git checkout or git is missing.
    """
    root = Path(root) if root is not None else workbench_root()
    try:
        commit = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"],
            capture_output=True, text=True, timeout=10, check=True,
        ).stdout.strip()
        status = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True, text=True, timeout=10, check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return "unknown", None
    return commit or "unknown", bool(status.strip())


# --------------------------------------------------------------------------- parameters


#: A parameter line as papermill's PythonTranslator reads it (papermill 2.x,
#: ``translators.py``, BSD-3-Clause): ``name: type = default  # help``.
_PARAMETER = re.compile(
    r"^(?P<target>\w[\w_]*)\s*(:\s*[\"']?(?P<annotation>\w[\w_\[\],\s]*)[\"']?\s*)?=\s*"
    r"(?P<value>.*?)(\s*#\s*(type:\s*(?P<type_comment>[^\s]*)\s*)?(?P<help>.*))?$")


def notebook_parameters(path: str | Path) -> dict[str, dict[str, Any]]:
    """The parameters declared in a notebook's ``parameters`` cell, as papermill's
    ``inspect_notebook`` reads them (the same rules, without importing papermill: a run
    that executes nothing stays fast).

    Returns
    -------
    dict
        name -> ``{"name", "inferred_type_name", "default", "help"}``.

    Raises
    ------
    SurveyError
        When the notebook does not exist or cannot be read.
    """
    path = Path(path)
    if not path.is_file():
        raise SurveyError("notebook not found", file=path)
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
        cells = nb["cells"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise SurveyError(f"cannot read notebook parameters: {_one_line(err)}", file=path) from err
    cell = next((c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])),
                None)
    if cell is None:
        return {}
    source = cell.get("source", "")
    source = "".join(source) if isinstance(source, list) else str(source)
    return {p["name"]: p for p in _parameter_lines(source)}


def _parameter_lines(source: str) -> list[dict[str, Any]]:
    """papermill's ``PythonTranslator.inspect``: assignments grouped over continuation
    lines, comments of all but a definition's last line dropped."""
    def flatten(lines: list[str]) -> str:
        flat = ""
        for line in lines[:-1]:
            flat += (line[:line.index("#")] if "#" in line else line).strip()
        return flat + (lines[-1].strip() if lines else "")

    groups: list[str] = []
    lines: list[str] = []
    for line in source.splitlines():
        if not line.strip() or line.strip().startswith("#"):
            continue
        if line.count("=") > 0:
            groups.append(flatten(lines))
            lines = []
            if line.count("=") > 1:
                continue  # papermill cannot read it either
        lines.append(line)
    groups.append(flatten(lines))
    out = []
    for definition in groups:
        match = _PARAMETER.match(definition) if definition else None
        if match is None:
            continue
        found = match.groupdict()
        out.append({"name": found["target"].strip(),
                    "inferred_type_name": str(found["annotation"] or found["type_comment"]
                                              or None).strip(),
                    "default": str(found["value"]).strip(),
                    "help": str(found["help"] or "").strip()})
    return out


def _default(spec: Mapping[str, Any]) -> Any:
    """A parameter's default as a Python value (its source text when not a literal)."""
    text = str(spec.get("default"))
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def _coerce(name: str, value: Any, spec: Mapping[str, Any], notebook: Path) -> Any:
    """Convert a string parameter (from the CLI or the registry) to the declared type."""
    if not isinstance(value, str):
        return value
    type_name = str(spec.get("inferred_type_name") or "None")
    if type_name == "None":  # no annotation: use the default's literal type
        try:
            type_name = type(ast.literal_eval(str(spec.get("default")))).__name__
        except (ValueError, SyntaxError):
            type_name = "None"
    try:
        if type_name == "str":
            return value
        if type_name == "int":
            return int(value)
        if type_name == "float":
            return float(value)
        if type_name == "bool":
            flag = truth(value)
            if flag is None:
                raise ValueError(value)
            return flag
    except ValueError:
        raise SurveyError(
            f"parameter '{name}' must be {type_name}, got {value!r}", file=notebook
        ) from None
    if type_name == "NoneType" and value.strip().lower() in {"none", "null", ""}:
        return None
    try:
        return ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return value


def resolve_parameters(
    notebook: str | Path,
    base: Mapping[str, Any],
    registry: Mapping[str, Any] | None = None,
    overrides: Mapping[str, Any] | None = None,
    *,
    declared: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """Combine the workbench's, the registry's and the user's parameters for one notebook.

    Parameters
    ----------
    notebook : str or Path
        The notebook (for its ``parameters`` cell and error messages).
    base : mapping
        The docs/registry.md parameters (``wave``, ``waves_file``, ``processed_dir``, ``out_dir``);
        always passed.
    registry : mapping, optional
        The wave's ``parameters`` from ``waves.yml``; passed when the notebook declares
        them (other notebooks of the wave may use the rest).
    overrides : mapping, optional
        The user's parameters; every one must be declared by the notebook.
    declared : mapping, optional
        Result of :func:`notebook_parameters`, when already known.

    Returns
    -------
    dict
        Parameters with string values converted to the declared types.

    Raises
    ------
    SurveyError
        An override the notebook does not declare (naming the ones it does), or a value
        that does not convert to the declared type.
    """
    path = Path(notebook)
    declared = dict(declared) if declared is not None else notebook_parameters(path)
    overrides = dict(overrides or {})
    unknown = sorted(set(overrides) - set(declared))
    if unknown:
        known = ", ".join(sorted(declared)) or "none"
        raise SurveyError(
            f"unknown parameter(s) {', '.join(unknown)} for notebook '{path.stem}' "
            f"(its parameters: {known})",
            file=path,
        )
    params: dict[str, Any] = dict(base)
    for name, value in (registry or {}).items():
        if name in declared:
            params[name] = value
    params.update(overrides)
    return {
        name: _coerce(name, value, declared[name], path) if name in declared else value
        for name, value in params.items()
    }


# --------------------------------------------------------------------------- one run


def _one_line(err: BaseException | str) -> str:
    text = _ANSI.sub("", str(err))
    return " ".join(text.split())


def _execution_error(err: BaseException) -> str:
    ename = getattr(err, "ename", None)
    evalue = getattr(err, "evalue", None)
    if ename:
        return _one_line(f"{ename}: {evalue}" if evalue else ename)
    return _one_line(f"{type(err).__name__}: {err}")


def _record(
    wave: Wave,
    notebook: str,
    *,
    status: str,
    error: str | None,
    started: datetime,
    duration: float,
    parameters: Mapping[str, Any],
    ipynb: Path | None,
    html: Path | None,
) -> dict[str, Any]:
    commit, dirty = git_state()
    try:
        raw_sha = fileio.sha256(wave.raw)
    except OSError:
        raw_sha = None
    return {
        "wave": wave.name,
        "wave_title": wave.title,
        "notebook": notebook,
        "status": status,
        "error": error,
        "started_at": started.isoformat(timespec="seconds"),
        "duration_s": round(duration, 3),
        "git_commit": commit,
        "git_dirty": dirty,
        "raw_file": str(wave.raw),
        "raw_sha256": raw_sha,
        "parameters": dict(parameters),
        "versions": package_versions(),
        "notebook_file": ipynb.name if ipynb is not None else None,
        "html_file": html.name if html is not None else None,
        "partial_notebook": str(ipynb) if status != "ok" and ipynb is not None else None,
    }


def failed_result(
    wave: Wave, notebook: str, error: str, *, out_dir: str | Path, parameters: Mapping | None = None
) -> RunResult:
    """Record a run that did not start (e.g. its wave failed cleaning) and return it."""
    out = Path(out_dir).resolve() / wave.name
    record_path = out / f"{notebook}.json"
    (out / f"{notebook}.html").unlink(missing_ok=True)  # no stale report beside a failure
    record = _record(
        wave, notebook, status="failed", error=error, started=datetime.now().astimezone(),
        duration=0.0, parameters=parameters or {}, ipynb=None, html=None,
    )
    fileio.write_json(record_path, record)
    return RunResult(wave.name, notebook, "failed", error=error, record=record_path)


def _plan(wave: Wave, notebook: str, notebooks_dir: str | Path, out_dir: str | Path,
          processed_dir: str | Path, waves_file: str | Path | None,
          parameters: Mapping[str, Any] | None) -> tuple[Path, dict[str, Any], dict[str, Any]]:
    """The notebook file, the parameters passed to it and the parameters it ran with (its
    declared defaults, then what was passed)."""
    waves_file = Path(waves_file if waves_file is not None else wave.registry).resolve()
    source = Path(notebooks_dir).resolve() / f"{notebook}.ipynb"
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


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """SHA-256 (16 hex digits) over the package's code and report template: a report made
    by other code is not reused, also within one version."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    files = sorted([*root.glob("*.py"), *(p for p in (root / "templates").rglob("*")
                                          if p.is_file())])
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def run_inputs(wave: Wave, source: Path, effective: Mapping[str, Any],
               compared: Sequence[Wave] = ()) -> dict[str, Any]:
    """What a report depends on: the SHA-256 of the notebook, the registry and each wave's
    raw file, codebook and session-rating file (the compared waves' for the comparison),
    the parameters it ran with, the package version and :func:`code_fingerprint`."""
    from .codebook import load_codebook

    files: dict[str, str | None] = {"notebook": _digest(source),
                                    "registry": _digest(wave.registry)}
    for w in (compared or [wave]):
        files[f"{w.name}:raw"] = _digest(w.raw)
        files[f"{w.name}:codebook"] = _digest(w.codebook)
        try:
            ratings = load_codebook(w.codebook).session_ratings
        except SurveyError:
            ratings = None
        if ratings is not None:
            files[f"{w.name}:ratings"] = _digest(ratings.raw)
    return {"files": files, "parameters": json.loads(json.dumps(dict(effective), default=str)),
            "version": __version__, "code": code_fingerprint()}


def _digest(path: Path | None) -> str | None:
    try:
        return fileio.sha256(path) if path is not None else None
    except OSError:
        return None


def reusable(job: Mapping[str, Any]) -> RunResult | None:
    """The earlier run of a job when its outputs can stand: its record says ok, its
    report and notebook are there and its inputs (:func:`run_inputs`) are the job's."""
    out = Path(job["out_dir"]) / job["wave"].name
    name = job["notebook"]
    record_path, html, ipynb = (out / f"{name}.json", out / f"{name}.html",
                                out / f"{name}.ipynb")
    try:
        record = json.loads(record_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (not isinstance(record, dict) or record.get("status") != "ok"
            or record.get("inputs") != job["inputs"] or not html.is_file()
            or not ipynb.is_file()):
        return None
    # the report and notebook must be the ones that run wrote (not, say, a notebook run by
    # hand with other parameters since)
    outputs = record.get("outputs")
    if not isinstance(outputs, dict) or outputs != {p.name: _digest(p) for p in (ipynb, html)}:
        return None
    return RunResult(wave=job["wave"].name, notebook=name, status="ok", ipynb=ipynb,
                     html=html, record=record_path, duration_s=0.0,
                     parameters=dict(job.get("parameters") or {}), reused=True)


def _mark_reused(result: RunResult) -> None:
    """Say in the record that this batch reused the report (and when)."""
    assert result.record is not None
    record = json.loads(result.record.read_text(encoding="utf-8"))
    record["reused_at"] = datetime.now().astimezone().isoformat(timespec="seconds")
    fileio.write_json(result.record, record)


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
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from . import render

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
    error: str | None = None
    html: Path | None = None
    logger.debug("running %s/%s", wave.name, notebook)
    # papermill rewrites its output after every cell: let it write a hidden file that is
    # moved into place when the run ends (also when a cell failed), so an interrupted run
    # never leaves a half-written notebook under the report's name
    running = out / f".{notebook}.running.ipynb"
    warm = _warm_manager(kernel, out)
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
    except PapermillExecutionError as err:
        error = _execution_error(err)
    except Exception as err:  # kernel died, no such kernel, timeout, …
        error = _execution_error(err)
    except BaseException:  # interrupted: leave nothing behind
        running.unlink(missing_ok=True)
        if warm is not None:
            kernel.shut_down()
        raise
    if warm is not None:
        kernel.finished(ok=error is None)
    if running.exists():
        os.replace(running, target)
    else:
        target.unlink(missing_ok=True)  # no stale notebook from an earlier run
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
        logger.debug("failed: %s/%s: %s", wave.name, notebook, error)
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


def _run_job(kwargs: dict[str, Any]) -> RunResult:
    """Worker entry point: never raises, so nothing unpicklable crosses processes.

    ``kwargs`` are :func:`run_notebook`'s; a ``warm`` entry (the batch's id) runs the
    notebook in this worker's warm kernel for that batch."""
    kwargs = dict(kwargs)
    batch = kwargs.pop("warm", None)
    wave: Wave = kwargs["wave"]
    notebook: str = kwargs["notebook"]
    try:
        if batch is not None:
            kwargs["kernel"] = worker_kernel(kwargs["kernel_name"], batch)
        return run_notebook(**kwargs)
    except SurveyError as err:
        message = "; ".join(err.lines()) if isinstance(err, ProblemList) else str(err)
        return failed_result(wave, notebook, _one_line(message), out_dir=kwargs["out_dir"])
    except Exception as err:  # a bug must not stop the other notebooks
        logger.exception("unexpected error in %s/%s", wave.name, notebook)
        return failed_result(wave, notebook, _execution_error(err), out_dir=kwargs["out_dir"])


def _start_worker(kernel_name: str, batch: str | None) -> None:
    """Worker initializer: start this worker's warm kernel for ``batch`` (None: every
    notebook gets a kernel of its own) and, while it warms up in its own process, load
    papermill and compile the report template.

    Never raises: what failed here fails again, with its message, when the worker's first
    notebook runs."""
    try:
        skip_unused_imports()
        if batch is not None:
            worker_kernel(kernel_name, batch).begin()
        import papermill  # noqa: F401

        from . import render

        render.warm_up()
    except Exception as err:
        logger.debug("worker start-up: %s", _one_line(err))


def _no_op() -> None:
    """A job that does nothing: submitting one per worker starts them all."""


class _Workers:
    """The batch's executor, started on first use.

    The batch starts it as soon as it knows that a notebook will run, before it cleans
    that wave: local workers then start their warm kernels (:func:`_start_worker`), which
    warm up while the main process cleans. ``batch`` is the id of the batch's warm
    kernels, None where every notebook gets a kernel of its own.
    """

    def __init__(self, scheduler: str | None, workers: int, kernel_name: str,
                 batch: str | None) -> None:
        self.scheduler, self.size = scheduler, workers
        self.kernel_name, self.batch = kernel_name, batch
        self._stack = ExitStack()
        self._pool: Executor | None = None

    def start(self) -> Executor:
        """The executor, started now if it is not yet."""
        if self._pool is None:
            skip_unused_imports()  # before the workers fork: they inherit it
            if self.scheduler is not None:
                self._pool = self._stack.enter_context(_executor(self.scheduler,
                                                                 self.size))
            else:
                self._pool = self._stack.enter_context(_executor(
                    None, self.size, initializer=_start_worker,
                    initargs=(self.kernel_name, self.batch)))
                for _ in range(self.size):
                    self._pool.submit(_no_op)
        return self._pool

    def __enter__(self) -> _Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()


# --------------------------------------------------------------------------- many runs


def _problem_text(err: SurveyError, limit: int = 3) -> str:
    lines = err.lines() if isinstance(err, ProblemList) else [str(err)]
    text = "; ".join(lines[:limit])
    if len(lines) > limit:
        text += f"; … ({len(lines) - limit} more)"
    return _one_line(text)


def _check_wave_parameters(
    wave: Wave, names: Sequence[str], notebooks_dir: Path, overrides: Mapping[str, Any]
) -> dict[str, dict[str, dict[str, Any]]]:
    """Declared parameters per notebook; raise if a registry/user parameter fits none."""
    declared = {name: notebook_parameters(notebooks_dir / f"{name}.ipynb") for name in names}
    everything = set().union(*[set(d) for d in declared.values()]) if declared else set()
    for origin, values in (("waves.yml parameters", wave.parameters), ("parameter", overrides)):
        unknown = sorted(set(values) - everything)
        if unknown:
            raise SurveyError(
                f"unknown {origin} {', '.join(unknown)}: no notebook of wave '{wave.name}' "
                f"declares it (declared: {', '.join(sorted(everything)) or 'none'})",
                file=wave.registry if origin.startswith("waves") else None,
            )
    return declared


def check_parameters(
    wave: Wave,
    notebooks: Sequence[str],
    notebooks_dir: str | Path,
    overrides: Mapping[str, Any] | None = None,
) -> None:
    """Check the registry's and the user's parameters before anything runs.

    Every parameter must be declared by at least one of ``notebooks``, and every value
    must convert to the type each declaring notebook gives it.

    Raises
    ------
    SurveyError
        Naming the parameter, the notebook and what is wrong.
    """
    notebooks_dir = Path(notebooks_dir)
    overrides = dict(overrides or {})
    declared = _check_wave_parameters(wave, notebooks, notebooks_dir, overrides)
    for name, params in declared.items():
        mine = {k: v for k, v in overrides.items() if k in params}
        resolve_parameters(notebooks_dir / f"{name}.ipynb", {}, wave.parameters, mine,
                           declared=params)


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
    below its
    ``min_cell`` can be read or worked out loses them all; its records say why in one line
    (the index shows "Zurückgehalten"), the findings go to the log."""
    from .audit import audit_folder
    from .codebook import load_codebook

    def threshold(wave: Wave) -> int:
        return int(overrides.get("min_cell", wave.parameters.get("min_cell", 5)))

    def codebook(path: Path) -> Any:
        try:  # without it the audit still adds up each table's own totals
            return load_codebook(path)
        except (SurveyError, OSError):
            return None

    checks: list[tuple[Wave, Path, Any, int, Any]] = []
    for wave in waves:
        if wave.name in ran:
            checks.append((wave, out_dir / wave.name, codebook(wave.codebook),
                           threshold(wave), None))
    if comparison is not None and COMPARISON in ran:
        known = _compared_waves(waves, comparison)
        compared = {name: (out_dir / name, codebook(known[name].codebook))
                    for name in comparison.waves}
        pseudo = comparison.pseudo_wave(known)
        checks.append((pseudo, out_dir / COMPARISON, None, threshold(pseudo), compared))
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


def _compared_waves(waves: Sequence[Wave], comparison: Comparison) -> dict[str, Wave]:
    """The batch's waves by name, with the registry's for a compared wave not in it."""
    known = {w.name: w for w in waves}
    if any(name not in known for name in comparison.waves):
        known = {**load_registry(comparison.registry), **known}
    return known


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
    known = _compared_waves(waves, comparison)
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


@contextmanager
def _executor(scheduler: str | None, workers: int, initializer: Callable[..., None] | None = None,
              initargs: tuple[Any, ...] = ()) -> Iterator[Executor]:
    """Local worker processes (each runs ``initializer`` first), or a Dask cluster's
    executor when ``scheduler`` is given."""
    if scheduler is None:
        with ProcessPoolExecutor(max_workers=workers, initializer=initializer,
                                 initargs=initargs) as pool:
            yield pool
        return
    try:
        from distributed import Client
    except ImportError as err:
        raise SurveyError("--scheduler needs the 'distributed' package "
                          "(pip install 'survey-workbench[dask]')") from err
    try:
        client = Client(scheduler, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError) as err:
        raise SurveyError(f"cannot reach the Dask scheduler {scheduler}: {_one_line(err)}"
                          ) from err
    try:
        # pure=False: every job runs, even two with equal arguments
        with client.get_executor(pure=False) as pool:
            yield pool
    finally:
        client.close()


def _compared(comparison: Comparison, waves: Sequence[Wave]) -> dict[str, Wave]:
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


#: What a run writes into ``<out_dir>/<wave>/``; :func:`clear_outputs` removes only these.
_OUTPUT_PATTERNS = ("*.html", "*.ipynb", "*.json", "*.xlsx", "tables/*.csv")


def _last_durations(out_dir: Path) -> dict[tuple[str, str], float]:
    """How long each report took in the run whose records are in ``out_dir``."""
    took = {}
    for record in out_dir.glob("*/*.json"):
        try:
            data = json.loads(record.read_text(encoding="utf-8"))
            took[(data["wave"], data["notebook"])] = float(data["duration_s"])
        except (OSError, ValueError, KeyError, TypeError):
            continue  # not a run record, or a damaged one: no estimate
    return took


def clear_outputs(folder: Path) -> None:
    """Remove a wave's reports, run records and tables of an earlier run, so that a run of
    all its notebooks replaces them as a whole and a failure leaves nothing stale that
    looks current. Only files a run writes are removed; anything else is left alone."""
    if not folder.is_dir():
        return
    for pattern in _OUTPUT_PATTERNS:
        for path in folder.glob(pattern):
            if path.is_file():
                path.unlink()


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
        policy = Policy(int(overrides.get("min_cell", wave.parameters.get("min_cell", 5))),
                        internal=bool(overrides.get("internal", False)))
        write_workbook(tables, folder / WORKBOOK, policy=policy, language=language,
                       title=wave.title)
    except (SurveyError, ValueError, OSError) as err:
        logger.warning("no workbook for %s: %s", folder.name, _one_line(err))
