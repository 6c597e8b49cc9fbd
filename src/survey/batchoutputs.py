"""What a batch writes besides the reports: each wave's workbook, the disclosure audit of
the shared outputs, the mark of an internal folder, and the index page.

:func:`survey.batch.run_batch` calls these after (or, for the workbooks, while) the
notebooks run; each works on the report folders alone, so that a worker process can write a
workbook too.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from . import fileio
from .errors import SurveyError
from .messages import text
from .records import RunResult, _one_line, clear_outputs, failed_result
from .registry import COMPARISON, Comparison, Wave, blocks, load_registry
from .settings import wave_min_cell

__all__ = ["INTERNAL_MARK", "audit_outputs", "mark_internal", "write_index", "write_wave_workbook"]

logger = logging.getLogger(__name__)


#: The file that marks a folder as the team's internal version (see
#: :meth:`survey.policy.Policy.out_dir`).
INTERNAL_MARK = ".internal"


def mark_internal(out_dir: Path, internal: bool) -> None:
    """An internal run marks its folder; a shared run refuses a marked folder."""
    mark = out_dir / INTERNAL_MARK
    if internal:
        out_dir.mkdir(parents=True, exist_ok=True)
        if not mark.is_file():
            fileio.write_text(mark, "The team's internal, unsuppressed reports: never share "
                                    "this folder.\n")
    elif mark.is_file():
        raise SurveyError("holds the internal version (it has a .internal file): a shared "
                          "run does not write into it", file=out_dir)


def write_wave_workbook(folder: Path, waves: Sequence[Wave],
                        comparison: Comparison | Sequence[Comparison] | None,
                        overrides: Mapping[str, Any]) -> None:
    """``tabellen.xlsx`` of a wave's (or the comparison's) result tables, in the language
    of its codebook; a failure to write it is logged, never fatal for the run."""
    from .codebook import load_codebook
    from .workbook import WORKBOOK, write_workbook

    tables = folder / "tables"
    if not tables.is_dir() or not any(tables.glob("*.csv")):
        return
    by_name = {w.name: w for w in waves}
    wave = by_name.get(folder.name)
    block = next((b for b in blocks(comparison) if b.name == folder.name), None)
    if wave is None and block is not None:
        known = {**load_registry(block.registry), **by_name}
        wave = block.pseudo_wave(known)
        codebook_path = known[block.waves[-1]].codebook
    elif wave is not None:
        codebook_path = wave.codebook
    else:
        return
    try:
        from .disclosure import Policy

        language = load_codebook(codebook_path).language
        policy = Policy(wave_min_cell(wave.parameters, overrides),
                        internal=bool(overrides.get("internal", False)))
        write_workbook(tables, folder / WORKBOOK, policy=policy, language=language,
                       title=wave.title)
    except (SurveyError, ValueError, OSError) as err:
        logger.warning("no workbook for %s: %s", folder.name, _one_line(err))


def audit_outputs(out_dir: Path, waves: Sequence[Wave], ran: set[str],
                  comparison: Comparison | Sequence[Comparison] | None,
                  results: dict[tuple[str, str], RunResult],
                  overrides: Mapping[str, Any]) -> None:
    """The disclosure audit (:mod:`survey.audit`) of each wave (name in ``ran``) whose
    shared reports this run wrote: a wave (or the comparison) from whose outputs a count
    below its ``min_cell`` can be read or worked out loses them all; its records say why
    in one line (the index shows "Zurückgehalten"), the findings go to the log."""
    from .audit import audit_folder
    from .codebook import load_codebook

    def codebook(path: Path) -> Any:
        try:  # without it the audit still adds up each table's own totals
            return load_codebook(path)
        except (SurveyError, OSError):
            return None

    checks: list[tuple[Wave, Path, Any, int, Any]] = []
    for wave in waves:
        if wave.name in ran:
            checks.append((wave, out_dir / wave.name, codebook(wave.codebook),
                           wave_min_cell(wave.parameters, overrides), None))
    for block in blocks(comparison):
        if block.name not in ran:
            continue
        known = block.compared(waves)
        # the comparison's cells are its waves' cells; the programme's projects have no
        # shared tables of their own
        compared = {name: (out_dir / name, codebook(known[name].codebook))
                    for name in block.waves} if block.name == COMPARISON else None
        pseudo = block.pseudo_wave(known)
        checks.append((pseudo, out_dir / block.name, None,
                       wave_min_cell(pseudo.parameters, overrides), compared))
    for wave, folder, codebook, min_cell, compared in checks:
        mine = [key for key in results if key[0] == wave.name and results[key].ok]
        if not mine:
            continue
        findings = audit_folder(folder, min_cell=min_cell, codebook=codebook,
                                compared=compared)
        if not findings:
            logger.info("%s: disclosure audit passed (min_cell %d)", wave.name, min_cell)
            continue
        for finding in findings:
            logger.warning("disclosure audit: %s", finding)
        error = (f"disclosure audit: {len(findings)} count(s) below min_cell {min_cell} can "
                 f"be worked out, first {findings[0]}")
        clear_outputs(folder)
        (folder / "tabellen.xlsx").unlink(missing_ok=True)
        for key in mine:
            results[key] = failed_result(wave, key[1], error, out_dir=out_dir,
                                         parameters=results[key].parameters)


def write_index(out_dir: Path, waves: Sequence[Wave],
                comparison: Comparison | Sequence[Comparison] | None,
                processed_dir: Path, cleaned: set[str], *, internal: bool,
                study: str | None = None) -> Path:
    """The index page: the study's title (the registry's ``title:``), per wave its title,
    field period and N (from the clean data of a wave with a report made in this run), in
    registry order, the blocks (comparison, programme) last with the waves they compare,
    in the language of the waves' codebooks."""
    from .codebook import load_codebook
    from .frontpage import build_index

    info: dict[str, dict[str, Any]] = {}
    languages = set()
    known = {w.name: w for w in waves}
    compared = next((b for b in blocks(comparison) if b.name == COMPARISON), None)
    for block in blocks(comparison):
        try:
            known = {**load_registry(block.registry), **known}
        except SurveyError:
            pass
    # a project of the programme without reports of its own is not listed
    projects = {name for b in blocks(comparison) if b.name != COMPARISON for name in b.waves}
    shown = [w for w in waves if w.notebooks or w.name not in projects]
    shown += [known[name] for name in (compared.waves if compared else ())
              if name in known and name not in {w.name for w in shown}]
    for wave in shown:
        info[wave.name] = {"title": wave.title, "fielded": wave.fielded,
                           "n": _clean_n(processed_dir / wave.name)
                           if wave.name in cleaned else None}
        try:
            book = load_codebook(wave.codebook)
        except (SurveyError, OSError):
            continue
        languages.add(book.language)
        if book.records is not None and book.records.tables and not book.variables:
            info[wave.name]["unit"] = "participants"  # a monitoring wave counts people
    for block in blocks(comparison):
        info[block.name] = {"title": block.title, "compared": [
            info.get(name) or {"title": known[name].title, "fielded": known[name].fielded,
                               "n": _clean_n(processed_dir / name)}
            for name in block.waves if name in info or name in known]}
    language = languages.pop() if len(languages) == 1 else "de"
    heading = (text("page.index.study_title", language).format(study=study)
               if study else None)
    return build_index(out_dir, waves=info, language=language, internal=internal,
                       title=heading)


def _clean_n(folder: Path) -> int | None:
    """Respondents in a wave's clean data (from the parquet footer), or None."""
    path = folder / "clean.parquet"
    if not path.is_file():
        return None
    try:
        import pyarrow.parquet as pq

        return int(pq.read_metadata(path).num_rows)
    except Exception:  # an unreadable file: the index shows no N
        return None
