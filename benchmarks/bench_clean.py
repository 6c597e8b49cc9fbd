"""Benchmark: cleaning throughput and memory on a large synthetic wave.

Run on demand (never part of the tests)::

    .venv/bin/python benchmarks/bench_clean.py [--rows 100000]

It replicates the demo wave ``anna-e2`` (German-Excel CSV, filters, multi answers,
scales) to ``--rows`` respondents with unique codes, writes it to a temporary folder
and times reading, cleaning and writing the processed files, and reports peak memory.

Targets (2 cores, 24 GiB): 100 000 respondents cleaned and written in under 60 s,
peak resident memory under 2 GiB. The script exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 60.0
TARGET_RSS_MB = 2048.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--wave", default="anna-e2")
    args = parser.parse_args()

    from replicate import replicated_wave

    from survey.store import clean_wave

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        wave, n_columns = replicated_wave(tmp, args.rows, args.wave)
        start = time.perf_counter()
        clean_wave(wave, tmp / "processed")
        seconds = time.perf_counter() - start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ok = seconds <= TARGET_SECONDS and rss_mb <= TARGET_RSS_MB
    print(f"clean_wave: {args.rows} rows x {n_columns} raw columns in {seconds:.1f} s "
          f"({args.rows / seconds:,.0f} rows/s); peak RSS {rss_mb:.0f} MB "
          f"[targets: {TARGET_SECONDS:.0f} s, {TARGET_RSS_MB:.0f} MB] -> "
          f"{'ok' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
