"""Benchmark: the demo batch's notebooks against papermill's own floor.

Run on demand (never part of the tests), from the repository root::

    .venv/bin/python benchmarks/bench_notebooks.py [--runs 3] [--write-loop FILE]

It writes the demo waves into a temporary study (``survey demo``), cleans them once, and
times as whole processes, in turn (A B C, A B C, … so that a drift of the machine's speed
hits all alike):

- A ``survey batch --force --jobs 2`` (cleans every wave again, runs every notebook in two
  workers with warm kernels, renders the reports, writes the workbooks and the index);
- B a shell loop that runs the same notebooks one after the other with the ``papermill``
  command and renders each with ``jupyter nbconvert --to html`` (what a team does by hand);
- C ``survey batch --force --jobs 1``.

It prints min, median and max of each and of the ratios A/B and A/C taken pair by pair, and
the processor time (user + system) each command's whole process tree used: with two cores
``--jobs 2`` cannot take less than half its processor time, so ``CPU(A) / 2 / C`` is the
best A/C ratio this work allows on this machine, however well it is spread.
Targets (issue 11, 2 cores): A ≤ 0.25 × B and A ≤ 0.6 × C; the script exits 1 when one is
missed. ``--write-loop FILE`` only writes the shell loop and the study it runs in (to time
the commands with another tool, see the README's Performance section), and exits.
"""

from __future__ import annotations

import argparse
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
SURVEY = str(BIN / "survey")
TARGET_VS_LOOP = 0.25
TARGET_VS_ONE_JOB = 0.6


def _study(root: Path) -> None:
    for args in (["demo", "-q"], ["batch", "-q", "--jobs", "2"]):
        proc = subprocess.run([SURVEY, *args], cwd=root, capture_output=True, text=True)
        if proc.returncode:
            sys.exit(f"survey {' '.join(args)} failed: {proc.stderr.strip()[-500:]}")


def loop_script(root: Path) -> str:
    """The shell loop over the registry's notebooks (each wave's, then the comparison's)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from survey.batch import default_notebooks_dir
    from survey.registry import load_comparison, load_registry

    registry = root / "waves.yml"
    runs = [(name, nb) for name, wave in load_registry(registry).items()
            for nb in wave.notebooks]
    comparison = load_comparison(registry)
    if comparison is not None:
        runs += [("comparison", nb) for nb in comparison.notebooks]
    lines = ["set -e"]
    for wave, notebook in runs:
        out = root / "loop" / wave
        target = out / f"{notebook}.ipynb"
        lines.append(f"mkdir -p {shlex.quote(str(out))}")
        lines.append(" ".join(shlex.quote(str(a)) for a in [
            BIN / "papermill", default_notebooks_dir() / f"{notebook}.ipynb", target,
            "-p", "wave", wave, "-p", "waves_file", registry,
            "-p", "processed_dir", root / "data" / "processed", "-p", "out_dir", root / "loop",
            "--cwd", out, "--no-progress-bar", "--log-level", "ERROR"]))
        lines.append(" ".join(shlex.quote(str(a)) for a in [
            BIN / "jupyter", "nbconvert", "--to", "html", "--log-level", "ERROR", target]))
    return "\n".join(lines) + "\n"


def _timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall time and processor time (user + system of the command and every process it
    waited for: workers, kernels) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(command)} failed: {proc.stderr.strip()[-800:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def _figures(name: str, values: list[float], unit: str = "s") -> str:
    return (f"{name:<36} min {min(values):7.2f} {unit}   median "
            f"{statistics.median(values):7.2f} {unit}   max {max(values):7.2f} {unit}"
            f"   (n = {len(values)})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--write-loop", type=Path, metavar="FILE",
                        help="write the loop script (and its study beside it) and exit")
    args = parser.parse_args()
    if args.write_loop:
        root = args.write_loop.resolve().parent / "study"
        root.mkdir(parents=True, exist_ok=True)
        _study(root)
        args.write_loop.write_text(loop_script(root), encoding="utf-8")
        print(f"loop: {args.write_loop}; study: {root} (run survey batch there)")
        return 0
    commands = {
        "A batch --jobs 2": [SURVEY, "batch", "-q", "--force", "--jobs", "2"],
        "B papermill + nbconvert loop": ["sh", "loop.sh"],
        "C batch --jobs 1": [SURVEY, "batch", "-q", "--force", "--jobs", "1"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        _study(root)
        (root / "loop.sh").write_text(loop_script(root), encoding="utf-8")
        for command in commands.values():  # warm-up: file caches, compiled bytecode
            _timed(command, root)
        for _ in range(args.runs):
            for name, command in commands.items():
                wall, used = _timed(command, root)
                times[name].append(wall)
                cpu[name].append(used)
    for name, values in times.items():
        print(_figures(name, values))
    for name, values in cpu.items():
        print(_figures(f"{name[:2]}processor time", values))
    a, b, c = times.values()
    bound = [x / 2 / y for x, y in zip(cpu["A batch --jobs 2"], c, strict=True)]
    print(_figures("best A / C two cores allow", bound, "×"))
    vs_loop = [x / y for x, y in zip(a, b, strict=True)]
    vs_one = [x / y for x, y in zip(a, c, strict=True)]
    print(_figures("ratio A / B (target ≤ 0.25)", vs_loop, "×"))
    print(_figures("ratio A / C (target ≤ 0.6)", vs_one, "×"))
    ok = (statistics.median(vs_loop) <= TARGET_VS_LOOP
          and statistics.median(vs_one) <= TARGET_VS_ONE_JOB)
    print("targets: " + ("met" if ok else "MISSED"))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
