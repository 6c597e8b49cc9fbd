"""Benchmark: ``survey clean`` of a large wave, timed as whole processes.

Run on demand (never part of the tests), from the repository root::

    .venv/bin/python benchmarks/bench_clean.py [--rows 1000000] [--repeat 3]

It replicates the demo wave ``anna-e2`` (German Excel CSV: ``;``, UTF-8 with BOM; filters,
multi answers, scales) to ``--rows`` and to 100 000 respondents with unique codes, in a
temporary folder. For each size it runs, in turn and each as a process of its own,
``survey clean`` and the yardstick ``python -c "import pandas as pd; pd.read_csv(PATH,
sep=';', dtype=str)"`` of the same file: ``--warmup`` runs not counted, then ``--repeat``
counted ones. It prints the median (min–max) of the wall seconds, the respondents per
second, the largest peak resident memory of a child (``os.wait4``), the ratio to read_csv
(run by run), how the time grows from 100 000 to ``--rows`` respondents, and whether the
outputs are identical to the ones the cleaning code wrote before it was made fast (the
digests in ``tests/data/golden/manifest.json``, recorded for 3 000, 100 000 and
1 000 000 respondents).

Targets (issue 11; 2 cores, 24 GiB), stated for 1 000 000 respondents: at most 10 s, at
most 2.5 x read_csv, at most 2 GiB peak memory, at most 11 x the time of 100 000
respondents, and identical outputs. The script exits 1 when one is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 10.0
TARGET_VS_READ_CSV = 2.5
TARGET_RSS_MIB = 2048.0
TARGET_GROWTH = 11.0
SMALL = 100_000
MANIFEST = Path(__file__).resolve().parents[1] / "tests" / "data" / "golden" / "manifest.json"


def run(command: list[str], log: Path) -> tuple[float, float]:
    """Run ``command`` as a child process (output to ``log``); its wall seconds and peak
    resident memory in MiB. A failed command stops the benchmark."""
    with log.open("ab") as out:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=out)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
        sys.exit(f"failed (exit {child.returncode}): {' '.join(command)}\n{tail}")
    return seconds, usage.ru_maxrss / 1024  # kilobytes on Linux


def spread(values: list[float], digits: int = 2) -> str:
    """Median with min–max."""
    return (f"{statistics.median(values):.{digits}f} "
            f"({min(values):.{digits}f}–{max(values):.{digits}f})")


def against(target: str, ok: bool, shown: bool = True) -> str:
    """`` [target: …] -> ok`` (or MISSED); nothing for a figure without a target."""
    return f" [target: {target}] -> {'ok' if ok else 'MISSED'}" if shown else ""


def survey_command() -> list[str]:
    """The ``survey`` command of this Python environment."""
    script = Path(sys.executable).with_name("survey")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from survey.cli import main; sys.exit(main())"]


def helper(*args: str) -> str:
    """What ``replicate.py ARGS`` prints. It runs as a process of its own, so that this
    one stays small: a child's peak memory counts its parent's at the fork."""
    script = Path(__file__).resolve().with_name("replicate.py")
    return subprocess.run([sys.executable, str(script), *args], check=True,
                          capture_output=True, text=True).stdout.strip()


def measure(folder: Path, rows: int, repeat: int, warmup: int) -> dict:
    """Replicate the demo wave to ``rows`` respondents in ``folder``; time ``survey clean``
    and read_csv of it, in turn; compare the outputs with the reference digest."""
    from replicate import digest_differences

    folder.mkdir(parents=True)
    raw = helper("wave", str(folder), str(rows))
    processed = folder / "processed"
    clean = [*survey_command(), "clean", "bench", "--waves", str(folder / "waves.yml"),
             "--processed", str(processed), "-q"]
    read_csv = [sys.executable, "-c", f"import pandas as pd; pd.read_csv({raw!r}, sep=';', "
                "dtype=str)"]
    log = folder / "runs.log"
    figures: dict[str, list[float]] = {"clean": [], "clean_rss": [], "read_csv": [],
                                       "read_csv_rss": [], "ratio": []}
    for counted in [False] * warmup + [True] * repeat:
        shutil.rmtree(processed, ignore_errors=True)
        clean_s, clean_rss = run(clean, log)
        read_s, read_rss = run(read_csv, log)
        if counted:
            for key, value in zip(figures, (clean_s, clean_rss, read_s, read_rss,
                                            clean_s / read_s), strict=True):
                figures[key].append(value)
    reference = json.loads(MANIFEST.read_text(encoding="utf-8"))["bench_digests"].get(str(rows))
    if reference is None:
        figures["identical"] = None
    else:
        problems = digest_differences(reference, json.loads(helper("digest", str(
            processed / "bench"))))
        figures["identical"] = not problems
        for problem in problems:
            print(f"  differs from the reference: {problem}")
    return figures


def report(rows: int, figures: dict, *, targets: bool) -> bool:
    """Print one size's figures; whether its targets (when ``targets``) hold and the
    outputs are not known to differ."""
    seconds, ratio = figures["clean"], figures["ratio"]
    rss, median = max(figures["clean_rss"]), statistics.median(seconds)
    ok_time, ok_rss = median <= TARGET_SECONDS, rss <= TARGET_RSS_MIB
    ok_ratio = statistics.median(ratio) <= TARGET_VS_READ_CSV
    print(f"survey clean, {rows:,} respondents: {spread(seconds)} s, {rows / median:,.0f} "
          f"respondents/s{against(f'<= {TARGET_SECONDS:g} s', ok_time, targets)}")
    print(f"  peak memory of the process: {rss:,.0f} MiB"
          f"{against(f'<= {TARGET_RSS_MIB:,.0f} MiB', ok_rss, targets)}")
    print(f"read_csv(dtype=str) of the same file: {spread(figures['read_csv'])} s, "
          f"peak {max(figures['read_csv_rss']):,.0f} MiB")
    print(f"  survey clean / read_csv: {spread(ratio)}"
          f"{against(f'<= {TARGET_VS_READ_CSV:g}', ok_ratio, targets)}")
    identical = figures["identical"]
    print("  outputs identical: " + ("yes" if identical else "no" if identical is False
                                     else f"unknown (no reference digest for {rows:,} rows)"))
    return (not targets or (ok_time and ok_rss and ok_ratio)) and identical is not False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="counted runs of each process")
    parser.add_argument("--warmup", type=int, default=1, help="runs not counted, first")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))

    with tempfile.TemporaryDirectory() as tmp:
        sizes = [args.rows] if args.rows == SMALL else [args.rows, SMALL]
        results = {rows: measure(Path(tmp) / str(rows), rows, args.repeat, args.warmup)
                   for rows in sizes}
    ok = report(args.rows, results[args.rows], targets=True)
    if args.rows != SMALL:
        ok = report(SMALL, results[SMALL], targets=False) and ok
        growth = statistics.median(results[args.rows]["clean"]) / statistics.median(
            results[SMALL]["clean"])
        ok_growth = growth <= TARGET_GROWTH * args.rows / 1_000_000
        print(f"time {SMALL:,} -> {args.rows:,} respondents: x {growth:.2f}"
              f"{against(f'<= {TARGET_GROWTH * args.rows / 1_000_000:g}', ok_growth)}")
        ok = ok and ok_growth
    print("all targets met" if ok else "a target was MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
