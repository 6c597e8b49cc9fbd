"""The ``survey`` command line: a thin layer over :mod:`survey.clean` and :mod:`survey.batch`.

Exit codes: 0 ok, 1 invalid input or failed notebooks (one-line messages on stderr,
never a traceback), 2 usage error. This is the only module that configures logging.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .errors import ProblemList, SurveyError, UsageError

__all__ = ["main", "build_parser", "parse_parameter"]

logger = logging.getLogger(__name__)


def parse_parameter(text: str) -> tuple[str, str]:
    """Split ``name=value`` (the value stays a string; the notebook's types convert it).

    Examples
    --------
    >>> parse_parameter("alpha=0.01")
    ('alpha', '0.01')
    """
    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or not name.isidentifier():
        raise argparse.ArgumentTypeError(f"expected name=value, got {text!r}")
    return name, value


def _positive_int(text: str) -> int:
    """An integer of at least 1 (``--jobs``)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_argument_group("common options")
    group.add_argument(
        "--waves", type=Path, default=Path("waves.yml"), metavar="PATH",
        help="wave registry (default: ./waves.yml)",
    )
    group.add_argument(
        "--out", type=Path, default=None, metavar="DIR",
        help="where reports go (default: reports/ beside the registry)",
    )
    group.add_argument(
        "--processed", type=Path, default=None, metavar="DIR",
        help="clean data (default: data/processed/ beside the registry)",
    )
    group.add_argument(
        "--notebooks", type=Path, default=None, metavar="DIR",
        help="notebooks folder (default: the workbench's own notebooks/)",
    )
    group.add_argument(
        "--allow-extra", action="store_true",
        help="keep raw columns missing from the codebook (as text, with a warning)",
    )
    group.add_argument("-q", "--quiet", action="store_true", help="only errors, no progress bar")
    return common


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``survey`` command."""
    common = _common()
    parser = argparse.ArgumentParser(
        prog="survey",
        description="Survey research workbench: validate, clean and report questionnaire waves.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("init", help="make a study folder (waves.yml, data/raw/, notebooks/)")
    p.add_argument("folder", type=Path, metavar="DIR")
    p.add_argument("--from", dest="data", type=Path, metavar="FILE",
                   help="draft the first wave from this data file (SPSS, CSV or Excel)")
    p.add_argument("--wave", metavar="NAME", help="the first wave's name (default: the file's)")
    p.add_argument("--id", dest="id_column", metavar="COLUMN",
                   help="respondent-code column (default: guessed; none: rows are numbered)")
    p.add_argument("--title", metavar="TEXT", help="the first wave's title")
    p.add_argument("--lss", type=Path, metavar="FILE.lss",
                   help="the LimeSurvey structure of which --from is the response export")
    p.add_argument("--sheet", metavar="NAME", help="the Excel sheet (default: the first)")
    p.add_argument("-q", "--quiet", action="store_true", help="only errors")
    p = sub.add_parser("validate", parents=[common], help="check raw data against the codebook")
    p.add_argument("wave", metavar="WAVE")
    p.add_argument("--strict", action="store_true",
                   help="count warnings (values cleaning would blank or change) as errors")
    p = sub.add_parser("clean", parents=[common], help="write data/processed/WAVE/")
    p.add_argument("wave", metavar="WAVE")
    # a fresh copy of the common options: "resolve" takes --out away from the parent's own
    # action, which the other commands share
    p = sub.add_parser(
        "export", parents=[_common()], conflict_handler="resolve",
        help="write the clean data as .sav, .xlsx or .csv (pseudonymous codes and free "
             "text: for the team only, never to be shared)",
    )
    p.add_argument("wave", metavar="WAVE")
    p.add_argument("--to", required=True, choices=("sav", "xlsx", "csv"),
                   help="file format: SPSS, Excel, or CSV for German Excel and R")
    p.add_argument("--out", type=Path, default=None, metavar="DIR",
                   help="export folder (default: data/processed/WAVE/export/ beside the "
                        "registry; never under data/raw)")
    p = sub.add_parser(
        "run", parents=[common], help="clean, execute the wave's notebooks, render HTML"
    )
    p.add_argument("wave", metavar="WAVE")
    p.add_argument("--notebook", "-n", metavar="N", help="run only this notebook")
    p.add_argument(
        "-p", "--parameter", dest="parameters", action="append", default=[],
        type=parse_parameter, metavar="NAME=VALUE", help="notebook parameter (repeatable)",
    )
    p.add_argument("--jobs", "-j", type=_positive_int, default=None, metavar="N",
                   help="worker processes")
    p.add_argument("--internal", action="store_true", help=_INTERNAL_HELP)
    p.add_argument("--force", action="store_true", help=_FORCE_HELP)
    p.add_argument("--fresh-kernels", action="store_true", help=_FRESH_HELP)
    p = sub.add_parser("batch", parents=[common], help="run every wave of the registry")
    p.add_argument(
        "--jobs", "-j", type=_positive_int, default=None, metavar="N",
        help="worker processes (default: number of CPUs)",
    )
    p.add_argument("--internal", action="store_true", help=_INTERNAL_HELP)
    p.add_argument("--force", action="store_true", help=_FORCE_HELP)
    p.add_argument("--fresh-kernels", action="store_true", help=_FRESH_HELP)
    p.add_argument("--scheduler", metavar="ADDRESS", default=None,
                   help="run the notebooks on a Dask cluster (tcp://host:8786) instead of "
                        "local worker processes (needs the 'distributed' package)")
    p = sub.add_parser("demo", parents=[common], help="(re)generate the synthetic demo waves")
    p.add_argument("--seed", type=int, default=None, metavar="N", help="random seed")
    p = sub.add_parser("codebook", help="codebook tools")
    cb_sub = p.add_subparsers(dest="codebook_command", metavar="ACTION", required=True)
    p = cb_sub.add_parser(
        "draft", parents=[common],
        help="draft a codebook.yml from a data file (SPSS .sav, CSV or Excel)"
    )
    p.add_argument("data", type=Path, metavar="FILE")
    p.add_argument("--id", dest="id_column", metavar="COLUMN",
                   help="respondent-code column (default: a column with a value in every row "
                        "and none twice; without one, respondents are numbered by their row)")
    p.add_argument("--sheet", metavar="NAME", help="the Excel sheet (default: the first)")
    p.add_argument("--lss", type=Path, metavar="FILE.lss",
                   help="the LimeSurvey structure of which FILE is the response export")
    p.add_argument("-o", "--output", type=Path, metavar="PATH",
                   help="write here instead of printing (never overwrites)")
    return parser


_INTERNAL_HELP = ("the team's unsuppressed version, marked 'intern' on every page, "
                  "written to reports-intern/ beside the registry (never into reports/)")


_FORCE_HELP = ("clean and run everything again (default: keep a wave's reports while "
               "their notebooks, data, codebook, parameters and code are unchanged)")
_FRESH_HELP = ("start a new kernel for every notebook (default: each worker reuses one "
               "kernel, reset before every notebook; for own notebooks that keep state in "
               "modules)")


def _configure_logging(quiet: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    root = logging.getLogger("survey")
    for old in [h for h in root.handlers if getattr(h, "_survey_cli", False)]:
        root.removeHandler(old)
    handler._survey_cli = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.WARNING if quiet else logging.INFO)


def _paths(args: argparse.Namespace) -> tuple[Path, Path, Path, Path]:
    from .batch import default_notebooks_dir

    waves = args.waves.resolve()
    if not waves.is_file():
        raise SurveyError("wave registry not found (use --waves PATH)", file=waves)
    base = waves.parent
    internal = bool(getattr(args, "internal", False))
    out = (args.out or base / ("reports-intern" if internal else "reports")).resolve()
    if internal and out == (base / "reports").resolve():
        raise SurveyError("--internal never writes into the shared reports folder; "
                          "leave out --out (reports-intern/) or name another folder", file=out)
    processed = (args.processed or base / "data" / "processed").resolve()
    notebooks = (args.notebooks or default_notebooks_dir()).resolve()
    return waves, out, processed, notebooks


def _report_failures(results: Sequence[Any], out: Path) -> int:
    failed = [r for r in results if not r.ok]
    for r in failed:
        partial = f" (partial notebook: {r.ipynb})" if r.ipynb is not None else ""
        print(f"failed: {r.wave}/{r.notebook}: {r.error}{partial}", file=sys.stderr)
    n_ok = len(results) - len(failed)
    print(f"{n_ok} of {len(results)} notebook(s) ok; reports: {out / 'index.html'}")
    return 1 if failed else 0


def _validate(args: argparse.Namespace) -> int:
    from .fileio import write_csv
    from .registry import get_wave
    from .store import validation

    waves, _, processed, _ = _paths(args)
    wave = get_wave(waves, args.wave)
    result = validation(wave, allow_extra=args.allow_extra)
    for problem in result.errors:
        print(f"error: {problem}", file=sys.stderr)
    warnings = result.warnings
    for row in warnings.itertuples():
        where = f"{row.file}" + (f", column '{row.column}'" if row.column else "")
        if row.rows:
            listed = row.rows.split(";")
            more = f" (+{len(listed) - 5} more)" if len(listed) > 5 else ""
            where += f", row{'s' if len(listed) > 1 else ''} {', '.join(listed[:5])}{more}"
        print(f"warning: {where}: {row.variable}: {row.message}", file=sys.stderr)
    report = write_csv(Path(processed) / wave.name / "validation.csv", result.frame())
    counts = warnings["rule"].value_counts()
    rules = ", ".join(f"{rule} {n}" for rule, n in counts.items())
    summary = (f"{args.wave}: {len(result.errors)} error(s), {len(warnings)} warning(s)"
               + (f" ({rules})" if rules else "") + f"; full list: {report}")
    if result.errors or (args.strict and len(warnings)):
        print(summary, file=sys.stderr)
        return 1
    # a wave of record tables only has no raw file of its own (its raw is the codebook)
    data = ("its record tables fit" if wave.raw == wave.codebook
            else f"{wave.raw.name} fits")
    print(summary if len(warnings) else
          f"ok: {args.wave}: {data} {wave.codebook.name}; full list: {report}")
    return 0


def _clean(args: argparse.Namespace) -> int:
    from .registry import get_wave
    from .store import clean_wave

    waves, _, processed, _ = _paths(args)
    wave = get_wave(waves, args.wave)
    path = clean_wave(wave, processed, allow_extra=args.allow_extra)
    print(f"cleaned: {args.wave} -> {path}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from .export import default_export_dir, export_wave
    from .store import load_wave

    waves, _, processed, _ = _paths(args)
    wave_data = load_wave(args.wave, waves, processed, allow_extra=args.allow_extra or None)
    out = args.out.resolve() if args.out else default_export_dir(processed, wave_data.wave.name)
    paths = export_wave(wave_data, args.to, out)
    print(f"exported: {args.wave} -> {', '.join(map(str, paths))} (pseudonymous codes and "
          "free text: team only, do not share)")
    return 0


def _run(args: argparse.Namespace) -> int:
    from .batch import check_parameters, run_batch
    from .records import notebook_file
    from .registry import (
        COMPARISON,
        PROGRAMME,
        get_wave,
        load_comparison,
        load_programme,
        load_registry,
    )

    waves_file, out, processed, notebooks = _paths(args)
    if any(name == "internal" for name, _ in getattr(args, "parameters", [])):
        raise SurveyError("use --internal for the team's unsuppressed version (it goes to "
                          "reports-intern/), not -p internal=…")
    found = {COMPARISON: load_comparison(waves_file), PROGRAMME: load_programme(waves_file)}
    comparison: Any = [block for block in found.values() if block is not None]
    if args.command == "run" and args.wave in found:
        comparison = found[args.wave]
        if comparison is None:
            raise SurveyError(f"the registry has no {args.wave} block", file=waves_file)
        waves, parameters = [], dict(args.parameters)
        notebook = args.notebook.removesuffix(".ipynb") if args.notebook else None
    elif args.command == "run":
        comparison = None
        waves = [get_wave(waves_file, args.wave)]
        if args.notebook:
            name = args.notebook.removesuffix(".ipynb")
            if not notebook_file(waves[0], name, notebooks).is_file():
                raise SurveyError(f"no notebook '{name}' (neither the study's notebooks/ nor "
                                  "the workbench's)", file=notebooks)
        parameters = dict(args.parameters)
        notebook = args.notebook.removesuffix(".ipynb") if args.notebook else None
        names = [notebook] if notebook else waves[0].notebooks
        check_parameters(waves[0], names, notebooks)  # the registry's: a problem of the input
        try:
            check_parameters(waves[0], names, notebooks, parameters)
        except SurveyError as err:  # the command line's -p: a usage error
            raise UsageError(str(err)) from None
    else:
        waves = list(load_registry(waves_file).values())
        parameters, notebook = {}, None
    results = run_batch(
        waves,
        out_dir=out,
        processed_dir=processed,
        notebooks_dir=notebooks,
        waves_file=waves_file,
        jobs=args.jobs,
        notebook=notebook,
        parameters=parameters,
        allow_extra=args.allow_extra,
        progress=not args.quiet,
        comparison=comparison,
        internal=args.internal,
        force=args.force,
        scheduler=getattr(args, "scheduler", None),
        fresh_kernels=args.fresh_kernels,
    )
    return _report_failures(results, out)


def _demo(args: argparse.Namespace) -> int:
    try:
        from . import demo
    except ModuleNotFoundError as err:
        if err.name and err.name.startswith("survey"):
            raise SurveyError("the demo generator (survey.demo) is not installed") from None
        raise
    root = args.waves.resolve().parent
    kwargs: dict[str, Any] = {"root": root}
    if args.seed is not None:
        kwargs["seed"] = args.seed
    written = demo.main_generate(**kwargs) or []
    for path in written:
        print(f"wrote {path}")
    print(f"demo waves written under {root / 'data' / 'raw'}")
    return 0


def _init(args: argparse.Namespace) -> int:
    from .studyinit import init_study

    written = init_study(args.folder, data=args.data, wave=args.wave,
                         id_column=args.id_column, title=args.title, structure=args.lss,
                         sheet=args.sheet)
    if not args.quiet:
        for path in written:
            print(f"wrote {path}")
        step = (" Review data/raw/*/codebook.yml (every '# guess:'), then: survey batch"
                if args.data else " Add a wave to waves.yml, then: survey batch")
        print(f"study folder ready: {args.folder}.{step} (in {args.folder})")
    return 0


def _codebook(args: argparse.Namespace) -> int:
    from .draft import draft_codebook
    from .fileio import write_text

    text = draft_codebook(args.data, id_column=args.id_column, sheet=args.sheet,
                          structure=args.lss)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    if args.output.exists():
        raise SurveyError("exists already; not overwritten", file=args.output)
    write_text(args.output, text)
    print(f"draft codebook written to {args.output}")
    return 0


_COMMANDS = {
    "init": _init,
    "validate": _validate,
    "clean": _clean,
    "export": _export,
    "run": _run,
    "batch": _run,
    "demo": _demo,
    "codebook": _codebook,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``survey`` command; return the exit code.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name; default ``sys.argv[1:]``.

    Returns
    -------
    int
        0 ok, 1 invalid input or failed notebooks, 2 usage error.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse: 2 on usage errors, 0 for --help
        code = exit_.code
        return code if isinstance(code, int) else (0 if code is None else 2)
    _configure_logging(args.quiet)
    try:
        return _COMMANDS[args.command](args)
    except UsageError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except ProblemList as err:
        for line in err.lines():
            print(f"error: {line}", file=sys.stderr)
        return 1
    except SurveyError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"error: {' '.join(str(err).split())}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except Exception as err:  # a bug in the workbench, not the user's input
        if os.environ.get("SURVEY_DEBUG"):
            raise
        message = " ".join(f"{type(err).__name__}: {err}".split())
        print(f"internal error (a bug in the workbench; please report it, and set "
              f"SURVEY_DEBUG=1 for the traceback): {message}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
