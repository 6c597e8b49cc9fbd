"""Atomic output files and content hashes.

Nothing here ever opens a file under ``data/raw`` for writing: outputs are
written to a temporary file in the target directory and moved into place with
:func:`os.replace`, so an interrupted run leaves either the old file or the new
one, never half of one.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = [
    "atomic_path", "write_text", "write_json", "write_csv", "write_parquet", "write_table",
    "sha256",
]


@contextmanager
def atomic_path(target: str | Path, suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; move it onto ``target`` on success.

    On an exception the temporary file is removed and ``target`` is untouched.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=suffix or ".tmp"
    )
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        # mkstemp makes the file private (0600); outputs get the usual permissions
        os.chmod(tmp_path, 0o666 & ~_umask())
        os.replace(tmp_path, target)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write(target: str | Path, writer: Callable[[Path], Any], suffix: str | None = None) -> Path:
    with atomic_path(target, suffix) as tmp:
        writer(tmp)
    return Path(target)


def write_text(target: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8) atomically."""
    return _write(target, lambda p: p.write_text(text, encoding="utf-8"))


def write_json(target: str | Path, obj: Any) -> Path:
    """Write ``obj`` as pretty JSON atomically."""
    text = json.dumps(obj, indent=2, ensure_ascii=False, default=str) + "\n"
    return write_text(target, text)


def write_csv(target: str | Path, frame: pd.DataFrame, **kwargs: Any) -> Path:
    """Write a DataFrame as UTF-8 CSV (no index unless asked) atomically."""
    kwargs.setdefault("index", False)
    return _write(target, lambda p: frame.to_csv(p, encoding="utf-8", **kwargs), ".csv")


def write_parquet(target: str | Path, frame: pd.DataFrame) -> Path:
    """Write a DataFrame as parquet atomically."""
    return _write(target, lambda p: frame.to_parquet(p, index=True), ".parquet")


def sha256(path: str | Path) -> str:
    """Hex SHA-256 of a file's bytes (read-only)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_table(frame: pd.DataFrame, tables_dir: str | Path, name: str) -> Path:
    """Write a result table as UTF-8 CSV at full precision, atomically.

    Parameters
    ----------
    frame : DataFrame
        The numeric result table (no rounding, no suppression markers wanted here).
    tables_dir : str or Path
        Usually ``<out_dir>/<wave>/tables``; created when missing.
    name : str
        File name; ``.csv`` is appended when absent. Must not contain a path separator.

    Returns
    -------
    Path
        The file written.
    """
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise ValueError(f"write_table: invalid table name {name!r}")
    if not name.endswith(".csv"):
        name += ".csv"
    target = Path(tables_dir) / name
    write_csv(target, frame)
    return target
