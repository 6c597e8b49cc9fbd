"""A demo wave replicated to many respondents, for the benchmarks (not a test), and a
content digest of a cleaned wave's outputs, to tell whether two cleans wrote the same."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The outputs of ``survey.store.clean_wave`` a digest covers (those present).
OUTPUTS = ("clean.parquet", "missing.parquet", "ratings.parquet", "cleaning_log.csv")


def replicated_wave(folder: Path, rows: int, wave: str = "anna-e2"):
    """Write the demo wave ``wave`` copied to ``rows`` respondents (unique codes, German
    Excel CSV) with its codebook and a one-wave registry into ``folder``; return the
    :class:`survey.registry.Wave` and the number of raw columns."""
    import pandas as pd

    from survey.io import read_raw
    from survey.registry import Wave, get_wave

    source = get_wave(ROOT / "waves.yml", wave)
    raw = read_raw(source.raw).frame
    copies = -(-rows // len(raw))
    big = pd.concat([raw] * copies, ignore_index=True).iloc[:rows].copy()
    big[raw.columns[0]] = [f"B-{i:07d}" for i in range(len(big))]
    raw_path = folder / source.raw.name
    big.to_csv(raw_path, sep=";", index=False, encoding="utf-8-sig")
    shutil.copy(source.codebook, folder / "codebook.yml")
    (folder / "waves.yml").write_text(
        f"waves:\n  bench:\n    title: bench\n    raw: {raw_path.name}\n"
        "    codebook: codebook.yml\n    notebooks: []\n", encoding="utf-8")
    wave = Wave(name="bench", title="bench", raw=raw_path, codebook=folder / "codebook.yml",
                registry=folder / "waves.yml")
    return wave, raw.shape[1]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _table_digest(path: Path) -> dict:
    """A parquet file decoded: shape, column order, index, dtypes (with categories and
    their order), the pandas metadata without library versions, and a hash of every value
    and index label (``pandas.util.hash_pandas_object``); plus the file's own bytes."""
    import pandas as pd
    import pyarrow.parquet as pq

    frame = pd.read_parquet(path)
    metadata = pq.read_schema(path).pandas_metadata or {}
    metadata = {k: v for k, v in metadata.items() if k not in ("creator", "pandas_version")}
    categories = {str(name): [[str(c) for c in dtype.categories], bool(dtype.ordered),
                              str(dtype.categories.dtype)]
                  for name, dtype in frame.dtypes.items()
                  if isinstance(dtype, pd.CategoricalDtype)}
    values = pd.util.hash_pandas_object(frame, index=True).to_numpy()
    return {
        "shape": list(frame.shape),
        "columns": [str(c) for c in frame.columns],
        "index": [str(n) for n in frame.index.names] + [str(frame.index.dtype)],
        "dtypes": [str(t) for t in frame.dtypes],
        "categories": categories,
        "values_sha256": _sha256(values.tobytes()),
        "pandas_metadata_sha256": _sha256(json.dumps(metadata, sort_keys=True).encode()),
        "file_sha256": _sha256(path.read_bytes()),
    }


def output_digest(processed: Path) -> dict:
    """Digest of the outputs in a processed wave folder (see :data:`OUTPUTS`).

    Parquet files are digested as decoded tables (:func:`_table_digest`) and by their
    bytes; ``cleaning_log.csv`` by its bytes. ``versions`` records pandas and pyarrow, as
    parquet bytes depend on the writer's version.
    """
    import pandas as pd
    import pyarrow

    digest: dict = {"versions": {"pandas": pd.__version__, "pyarrow": pyarrow.__version__}}
    for name in OUTPUTS:
        path = Path(processed) / name
        if not path.is_file():
            continue
        if name.endswith(".parquet"):
            digest[name] = _table_digest(path)
        else:
            digest[name] = {"file_sha256": _sha256(path.read_bytes())}
    return digest


def digest_differences(expected: dict, actual: dict) -> list[str]:
    """What differs between two :func:`output_digest` results (empty: identical).

    Parquet bytes are compared only when both were written with the same pyarrow
    version; the decoded tables always are.
    """
    same_writer = expected["versions"]["pyarrow"] == actual["versions"]["pyarrow"]
    problems = []
    for name in OUTPUTS:
        want, got = expected.get(name), actual.get(name)
        if want is None or got is None:
            if want != got:
                problems.append(f"{name}: {'missing' if got is None else 'unexpected'}")
            continue
        for key, value in want.items():
            if key == "file_sha256" and name.endswith(".parquet") and not same_writer:
                continue
            if got.get(key) != value:
                problems.append(f"{name}: {key} differs")
    return problems


def main(argv: list[str] | None = None) -> int:
    """``replicate.py wave FOLDER ROWS``: write the replicated demo wave, print its raw
    file; ``replicate.py digest FOLDER``: print the :func:`output_digest` of a processed
    wave as JSON. (For benchmarks that keep their own process small.)"""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    wave = sub.add_parser("wave")
    wave.add_argument("folder", type=Path)
    wave.add_argument("rows", type=int)
    sub.add_parser("digest").add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    if args.command == "wave":
        print(replicated_wave(args.folder, args.rows)[0].raw)
    else:
        print(json.dumps(output_digest(args.folder)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
