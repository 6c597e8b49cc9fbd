"""Benchmark: notebook 03's body on the demo wave, and what its figures cost.

Run on demand (never part of the tests), from the repository root::

    .venv/bin/python benchmarks/bench_figures.py [--runs 3] [--notebook 03-group-comparisons]

It writes the demo waves into a temporary study, cleans them once, and runs the code cells
of the notebook (after its parameters cell, with ``wave = anna-e2``) in this process, after
the imports, as issue 21 measured it. It prints, per run and as medians: the whole body,
the disclosure plan (:class:`survey.disclosure.Plan`), building the figures
(``survey.plots.*_figure``) and writing them as PNG (:meth:`survey.page.Page.figure`).
Each run measures the body twice: with no plan stored (the first report of a wave builds
it) and with the plan stored beside the clean data by an earlier report
(:mod:`survey.plancache`, the usual case in a batch).
Target (issue 21): the body at most half of the 4,95 s measured before (2,48 s); the script
exits 1 when the body with no plan stored misses it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

TARGET = 4.95 / 2
ROOT = Path(__file__).resolve().parents[1]


def _timed(owner, name: str, bucket: list[float]) -> None:
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            bucket[0] += time.perf_counter() - start

    setattr(owner, name, wrapper)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--notebook", default="03-group-comparisons")
    parser.add_argument("--wave", default="anna-e2")
    args = parser.parse_args()

    import IPython.display

    from survey import disclosure, page, plots
    from survey.demo import main_generate
    from survey.registry import load_registry
    from survey.store import clean_wave

    study = Path(tempfile.mkdtemp(prefix="bench-figures-"))
    main_generate(root=study)
    for wave in load_registry(study / "waves.yml").values():
        clean_wave(wave, study / "data" / "processed")
    cells = [c for c in json.loads((ROOT / "notebooks" / f"{args.notebook}.ipynb")
                                   .read_text(encoding="utf-8"))["cells"]
             if c["cell_type"] == "code"]
    body = "\n\n".join("".join(c["source"]) for c in cells[1:])
    parameters = "".join(cells[0]["source"]) + (
        f"\nwave = {args.wave!r}\nwaves_file = {str(study / 'waves.yml')!r}\n"
        f"processed_dir = {str(study / 'data' / 'processed')!r}\n"
        f"out_dir = {str(study / 'reports')!r}\n")

    plan_s, build_s, png_s = [0.0], [0.0], [0.0]
    _timed(disclosure.Plan, "__init__", plan_s)
    for name in plots.__all__:
        if name.endswith("_figure"):
            _timed(plots, name, build_s)
    _timed(page.Page, "figure", png_s)
    IPython.display.display = lambda *a, **k: None

    plans = study / "data" / "processed" / args.wave / "plans"
    rows: dict[str, list[tuple[float, ...]]] = {"cold": [], "stored": []}
    for run in range(args.runs):
        for kind in rows:
            if kind == "cold":  # no plan stored: this report builds it
                shutil.rmtree(plans, ignore_errors=True)
            disclosure._CACHE.clear()  # a new kernel: nothing in memory
            plan_s[0] = build_s[0] = png_s[0] = 0.0
            namespace: dict = {}
            exec(parameters, namespace)
            start = time.perf_counter()
            exec(body, namespace)
            total = time.perf_counter() - start
            rows[kind].append((total, plan_s[0], build_s[0], png_s[0]))
            print(f"run {run + 1}, plan {kind}: body {total:.2f} s, plan {plan_s[0]:.2f} s, "
                  f"figures built {build_s[0]:.2f} s, PNG {png_s[0]:.2f} s")
    for kind, values in rows.items():
        medians = [statistics.median(col) for col in zip(*values, strict=True)]
        print(f"median, plan {kind}: body {medians[0]:.2f} s, plan {medians[1]:.2f} s, "
              f"figures built {medians[2]:.2f} s, PNG {medians[3]:.2f} s; "
              f"target body <= {TARGET:.2f} s")
    cold = statistics.median(r[0] for r in rows["cold"])
    return 0 if cold <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
