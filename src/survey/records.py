"""The record of one notebook run: its result, the provenance record beside the report
(inputs, versions, git state) and whether an earlier run can be reused."""

from __future__ import annotations

import hashlib
import json
import logging
import re
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import fileio
from .errors import SurveyError
from .registry import Wave
from .version import __version__
from .versions import package_versions

logger = logging.getLogger(__name__)

#: What a run writes into ``<out_dir>/<wave>/``; :func:`clear_outputs` removes only these.
_OUTPUT_PATTERNS = ("*.html", "*.ipynb", "*.json", "*.xlsx", "tables/*.csv")

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


def notebook_file(wave: Wave, name: str, notebooks_dir: str | Path) -> Path:
    """The notebook ``name`` of a wave: the study's own ``notebooks/NAME.ipynb`` beside its
    registry when there is one (it replaces the workbench's of the same name, or adds
    one), else ``notebooks_dir``'s."""
    own = Path(wave.registry).resolve().parent / "notebooks" / f"{name}.ipynb"
    return own if own.is_file() else Path(notebooks_dir).resolve() / f"{name}.ipynb"


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
    raw file, codebook, session-rating file and record tables (the compared waves' for the
    comparison), the parameters it ran with, the package version and
    :func:`code_fingerprint`."""
    from .codebook import load_codebook

    files: dict[str, str | None] = {"notebook": _digest(source),
                                    "registry": _digest(wave.registry)}
    for w in (compared or [wave]):
        files[f"{w.name}:raw"] = _digest(w.raw)
        files[f"{w.name}:codebook"] = _digest(w.codebook)
        try:
            codebook = load_codebook(w.codebook)
        except SurveyError:
            codebook = None
        ratings = codebook.session_ratings if codebook is not None else None
        if ratings is not None:
            files[f"{w.name}:ratings"] = _digest(ratings.raw)
        for name, table in (codebook.records.tables.items()
                            if codebook is not None and codebook.records else ()):
            files[f"{w.name}:records:{name}"] = _digest(table.raw)
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
