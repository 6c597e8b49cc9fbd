"""A wave's disclosure plan kept beside its clean data.

Every report of a wave, the batch's workbook and its index use the same
:class:`survey.disclosure.Plan` (the same cells withheld everywhere), and building it is
the costliest step of a report. The first report of a wave that builds it stores what it
decided in ``<processed>/<wave>/plans/<key>.pickle``; the others load it.

The key is a SHA-256 over everything the plan depends on, as the report holds it in
memory: the clean data, missing values, cleaning log and session ratings (their columns,
types and every value), the codebook, the disclosure policy, and the source of this
package (so that a plan made by other code is never reused; a wave changed in memory has
another key). A file whose key does not match is never
read; a file that cannot be read is ignored and built again. Files are written atomically,
a folder keeps the newest :data:`KEEP` of them, and cleaning a wave again removes them
(:func:`survey.store.clean_wave`).

The stored files are Python pickles written by this package into the processed folder,
which holds the clean data too: like those, they are the workbench's own files, not
input to be trusted from elsewhere.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from .fileio import atomic_path

__all__ = ["KEEP", "key", "load", "save"]

logger = logging.getLogger(__name__)

#: plans kept per wave folder (e.g. shared at two thresholds and an older key)
KEEP = 4
_FOLDER = "plans"
_SUFFIX = ".pickle"


@cache
def _source_fingerprint() -> str:
    """SHA-256 over this package's Python source (once per process)."""
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def key(wd: Any, policy: Any) -> str | None:
    """The key of a loaded wave's plan, or None when it is not to be kept (a wave built in
    memory, without a processed folder, or one whose data cannot be hashed)."""
    folder = getattr(wd, "folder", None)
    if folder is None or not Path(folder).is_dir():
        return None
    digest = hashlib.sha256()
    try:
        for frame in (wd.data, wd.missing, wd.log, getattr(wd, "ratings", None)):
            if frame is None:
                digest.update(b"none")
                continue
            digest.update(repr((list(frame.columns), [str(t) for t in frame.dtypes])).encode())
            digest.update(pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes())
    except (TypeError, ValueError) as exc:  # a cell pandas cannot hash: keep nothing
        logger.debug("disclosure plan not kept: %s", exc)
        return None
    for part in (repr(wd.codebook), repr(policy), _source_fingerprint()):
        digest.update(hashlib.sha256(part.encode()).digest())
    return digest.hexdigest()


def _path(folder: Path, name: str) -> Path:
    return Path(folder) / _FOLDER / f"{name}{_SUFFIX}"


def load(folder: Path | None, name: str | None) -> dict[str, Any] | None:
    """The stored state under key ``name``, or None (no such file, or unreadable)."""
    if folder is None or name is None:
        return None
    path = _path(folder, name)
    if not path.is_file():
        return None
    try:
        with path.open("rb") as handle:
            state = pickle.load(handle)
    except Exception as exc:  # a damaged or foreign file: build the plan again
        logger.warning("disclosure plan %s not reused (%s): building it again", path.name, exc)
        return None
    return state if isinstance(state, dict) and state.get("key") == name else None


def save(folder: Path | None, name: str | None, state: dict[str, Any]) -> None:
    """Store ``state`` under key ``name`` (atomically) and drop all but the newest
    :data:`KEEP` plans of the folder. A folder that cannot be written is skipped."""
    if folder is None or name is None:
        return
    path = _path(folder, name)
    try:
        with atomic_path(path) as tmp:
            with tmp.open("wb") as handle:
                pickle.dump({**state, "key": name}, handle, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError as exc:
        logger.warning("disclosure plan not stored in %s (%s)", path.parent, exc)
        return
    for old in _newest_first(path.parent)[KEEP:]:
        old.unlink(missing_ok=True)


def _newest_first(folder: Path) -> list[Path]:
    times = {}
    for path in folder.glob(f"*{_SUFFIX}"):
        try:
            times[path] = path.stat().st_mtime
        except FileNotFoundError:  # removed by another report of the batch meanwhile
            continue
    return sorted(times, key=lambda p: (-times[p], p.name))
