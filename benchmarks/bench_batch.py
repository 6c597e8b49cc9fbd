"""Benchmark: the demo batch run in full and again on unchanged inputs ("nothing twice").

Run on demand (never part of the tests), from the repository root::

    .venv/bin/python benchmarks/bench_batch.py [--runs 5] [--jobs 2]

It writes the demo waves into a temporary study (``survey demo``), then times, as whole
processes of the installed ``survey`` command:

- ``survey batch --force``: clean every wave and run every notebook (the full run), and
- ``survey batch``: the same batch again with nothing changed (every report reused).

Runs alternate (full, unchanged, full, …) so that a drift of the machine's speed hits
both alike; it prints min, median and max of each and the median of the per-pair ratios.

Targets (issue 11, 2 cores): the unchanged batch in at most 2 s and at most 0.25 × the
full run. The script exits 1 when a target is missed. The README's Performance section
says how the quoted figures were measured.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SURVEY = str(Path(sys.executable).with_name("survey"))
TARGET_SECONDS = 2.0
TARGET_RATIO = 0.25


def _timed(args: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run([SURVEY, *args], cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"survey {' '.join(args)} failed: {proc.stderr.strip()[-500:]}")
    return elapsed


def _figures(name: str, values: list[float]) -> str:
    return (f"{name:<28} min {min(values):7.2f} s   median {statistics.median(values):7.2f} s"
            f"   max {max(values):7.2f} s   (n = {len(values)})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        study = Path(tmp)
        if subprocess.run([SURVEY, "demo", "-q"], cwd=study, capture_output=True).returncode:
            sys.exit("survey demo failed")
        batch = ["batch", "-q", "--jobs", str(args.jobs)]
        full, unchanged = [], []
        for _ in range(args.runs):
            full.append(_timed([*batch, "--force"], study))
            unchanged.append(_timed(batch, study))
    ratios = [u / f for u, f in zip(unchanged, full, strict=True)]
    print(_figures("full run (--force)", full))
    print(_figures("unchanged batch", unchanged))
    ratio = statistics.median(ratios)
    median = statistics.median(unchanged)
    print(f"{'ratio unchanged / full':<28} median {ratio:.3f}  "
          f"(min {min(ratios):.3f}, max {max(ratios):.3f})")
    ok = median <= TARGET_SECONDS and ratio <= TARGET_RATIO
    print(f"targets: unchanged ≤ {TARGET_SECONDS:g} s and ≤ {TARGET_RATIO:g} × full: "
          + ("met" if ok else "MISSED"))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
