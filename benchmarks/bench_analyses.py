"""Benchmark: the analysis layer on a large wave (descriptives, reliability, comparisons,
hypotheses, splits).

Run on demand (never part of the tests), from the repository root::

    .venv/bin/python benchmarks/bench_analyses.py [--rows 100000] [--wave anna-e2]

It replicates the demo wave (``--wave``) to ``--rows`` respondents with unique codes,
cleans it once (not timed), then times each analysis a report runs on the clean data,
as the notebooks call them, and their sum. Target (issue 11, 2 cores): 100 000
respondents analysed in at most 10 s; the script exits 1 when it is missed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 10.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--wave", default="anna-e2")
    args = parser.parse_args()

    from replicate import replicated_wave

    from survey import compare, describe, hypotheses, scales, splits
    from survey.store import clean_wave, load_wave

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        wave, _ = replicated_wave(tmp, args.rows, args.wave)
        clean_wave(wave, tmp / "processed")
        wd = load_wave("bench", tmp / "waves.yml", tmp / "processed", refresh=False)
        cb, data, missing = wd.codebook, wd.data, wd.missing
        steps = {
            "sample": lambda: describe.sample(data, cb),
            "frequencies": lambda: describe.frequencies(data, missing, cb),
            "items": lambda: describe.items(data, missing, cb),
            "multi_response": lambda: describe.multi_response(data, missing, cb),
            "coded": lambda: describe.coded(data, missing, cb),
            "reliability": lambda: scales.reliability(data, cb),
            "item_total": lambda: scales.item_total(data, cb),
            "group_comparisons": lambda: compare.compare(data, cb),
            "splits": lambda: splits.splits(data, cb),
            "hypotheses": lambda: hypotheses.hypotheses(data, cb),
        }
        seconds = {}
        for name, step in steps.items():
            start = time.perf_counter()
            step()
            seconds[name] = time.perf_counter() - start
    total = sum(seconds.values())
    for name, value in seconds.items():
        print(f"{name:<20} {value:7.2f} s")
    ok = total <= TARGET_SECONDS
    print(f"{'all analyses':<20} {total:7.2f} s for {args.rows:,} respondents "
          f"[target: {TARGET_SECONDS:.0f} s] -> {'ok' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
