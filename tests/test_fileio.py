"""Atomic writes: all or nothing, usual permissions."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from survey.fileio import atomic_path, sha256, write_csv, write_text


def test_interrupted_write_leaves_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "out.csv"
    write_text(target, "old\n")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_text("half")
            raise RuntimeError("interrupted")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_outputs_get_umask_permissions(tmp_path):
    mask = os.umask(0o022)
    try:
        path = write_csv(tmp_path / "t.csv", pd.DataFrame({"a": [1]}))
    finally:
        os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o644
    assert path.read_text() == "a\n1\n"


def test_sha256_of_known_bytes(tmp_path):
    path = tmp_path / "x"
    path.write_bytes(b"abc")
    # FIPS 180-2 test vector for "abc"
    assert sha256(path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
