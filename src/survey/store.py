"""The wave store: cleaned waves on disk, their provenance and when they are stale.

``clean_wave`` writes ``<processed_dir>/<wave>/`` (``clean.parquet``, ``missing.parquet``,
``cleaning_log.csv``, ``ratings.parquet`` for session ratings, last ``provenance.json``);
``load_wave`` reads it back for the notebooks, cleaning again first when any input
changed: the raw file, the codebook, the session-rating file, the package version or the
cleaning code. A re-clean keeps the options of the clean it replaces (``--allow-extra``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from .clean import LOG_COLUMNS, CleanResult, clean
from .cleanratings import clean_ratings
from .cleanrecords import clean_records
from .codebook import Codebook, load_codebook
from .errors import ProblemList, RegistryError, SurveyError
from .fileio import sha256, write_csv, write_json, write_parquet
from .io import read_raw
from .registry import Wave, get_wave
from .version import __version__

__all__ = ["WaveData", "Validation", "VALIDATION_COLUMNS", "clean_wave", "validate_wave",
           "validation", "load_wave", "is_stale"]

logger = logging.getLogger(__name__)

#: The modules whose code decides what clean data look like (patterns: a module split in
#: two stays covered).
_CLEANING_MODULES = ("clean*.py", "codebook*.py", "io*.py", "derive.py", "vocabulary.py",
                     "yamlload.py")


@dataclass
class WaveData:
    """A cleaned wave as the notebooks use it (see :func:`load_wave`)."""

    wave: Wave
    codebook: Codebook
    data: pd.DataFrame
    log: pd.DataFrame
    missing: pd.DataFrame
    provenance: dict
    ratings: pd.DataFrame | None = None
    #: the clean record tables by name (``records_<name>.parquet``; docs/codebook.md)
    records: dict[str, pd.DataFrame] | None = None
    #: the processed folder it was loaded from (None for a wave built in memory)
    folder: Path | None = None


def _code_fingerprint() -> str:
    """SHA-256 over the modules that decide what clean data look like, so that processed
    files made by other cleaning code count as stale even within one version."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for path in sorted({p for pattern in _CLEANING_MODULES for p in here.glob(pattern)}):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _header_record(path: Path, digest: str, n_rows: int) -> dict:
    return {"rule": "raw_file", "variable": path.name, "n_affected": n_rows,
            "detail": f"sha256={digest}; survey={__version__}", "rows": ""}


def clean_wave(wave: Wave, processed_dir: str | Path, *, allow_extra: bool = False) -> Path:
    """Clean one registered wave and write ``<processed_dir>/<wave>/``.

    Writes ``clean.parquet``, ``missing.parquet``, ``cleaning_log.csv`` (header record
    first: the raw file's sha256, its row count and this package's version),
    ``ratings.parquet`` when the codebook has session ratings, and last
    ``provenance.json``. Every file is written atomically; the raw file is only read.

    Returns
    -------
    Path
        The wave's processed folder.
    """
    codebook = load_codebook(wave.codebook)
    if _questionnaire(wave, codebook):
        table = read_raw(wave.raw, sheet=wave.sheet)  # first: it names a missing file clearly
        digest = sha256(wave.raw)
        result = clean(table, codebook, allow_extra=allow_extra)
        logs = [pd.DataFrame([_header_record(wave.raw, digest, len(table.frame))]), result.log]
        n_rows, encoding, delimiter = len(table.frame), table.encoding, table.delimiter
    else:
        digest = sha256(wave.raw)  # the codebook: a wave of record tables has no raw file
        result, logs, n_rows, encoding, delimiter = None, [], 0, None, None
    records, records_digest = None, None
    if codebook.records is not None and codebook.records.tables:
        records, records_log = clean_records(codebook.records)
        records_digest = _records_digest(codebook)
        logs.append(records_log)
        if result is None:
            result = _records_only(codebook, records)
            n_rows = len(result.data)
    ratings = None
    ratings_digest = None
    if codebook.session_ratings is not None:
        ratings, ratings_log = clean_ratings(codebook)
        ratings_digest = sha256(codebook.session_ratings.raw)
        logs.append(pd.DataFrame([_header_record(codebook.session_ratings.raw, ratings_digest,
                                                 len(ratings))]))
        logs.append(ratings_log)
    out = Path(processed_dir) / wave.name
    out.mkdir(parents=True, exist_ok=True)
    write_parquet(out / "clean.parquet", result.data)
    write_parquet(out / "missing.parquet", result.missing)
    if ratings is not None:
        write_parquet(out / "ratings.parquet", ratings)
    else:
        (out / "ratings.parquet").unlink(missing_ok=True)  # none left from an older codebook
    for old in out.glob("records_*.parquet"):  # none left from an older codebook
        if old.stem.removeprefix("records_") not in (records or {}):
            old.unlink()
    for name, frame in (records or {}).items():
        write_parquet(out / f"records_{name}.parquet", frame)
    write_csv(out / "cleaning_log.csv", pd.concat(logs, ignore_index=True)[LOG_COLUMNS])
    shutil.rmtree(out / "plans", ignore_errors=True)  # disclosure plans of the old data
    write_json(out / "provenance.json", {
        "wave": wave.name,
        "raw": str(wave.raw),
        "raw_sha256": digest,
        "codebook": str(wave.codebook),
        "codebook_sha256": sha256(wave.codebook),
        "ratings_sha256": ratings_digest,
        "records_sha256": records_digest,
        "allow_extra": bool(allow_extra),
        "n_rows": n_rows,
        "n_columns": int(result.data.shape[1]),
        "encoding": encoding,
        "delimiter": delimiter,
        "survey_version": __version__,
        "cleaning_code": _code_fingerprint(),
        "cleaned_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "warnings": result.warnings,
    })
    logger.info("cleaned %s: %d rows → %s", wave.name, n_rows, out)
    return out


def _questionnaire(wave: Wave, codebook: Codebook) -> bool:
    """Whether the wave has a questionnaire to clean: its codebook declares variables (or
    no record tables). A wave registered without ``raw`` (its ``raw`` is the codebook)
    must not declare one."""
    records = codebook.records is not None and bool(codebook.records.tables)
    wanted = bool(codebook.variables) or not records
    if wanted and wave.raw == wave.codebook:
        raise RegistryError("is required: the codebook declares a questionnaire",
                            file=wave.registry, key=f"waves.{wave.name}.raw")
    return wanted


def _records_digest(codebook: Codebook) -> dict[str, str | None]:
    """SHA-256 of each record table's raw file (None when it is missing)."""
    assert codebook.records is not None
    out: dict[str, str | None] = {}
    for name, table in codebook.records.tables.items():
        out[name] = sha256(table.raw) if table.raw.is_file() else None
    return out


def _records_only(codebook: Codebook, records: dict[str, pd.DataFrame]) -> CleanResult:
    """The clean data of a wave of record tables only: no questionnaire columns, one row
    per participant (index: the participants' id), so that its N is its participants."""
    assert codebook.records is not None
    people = codebook.records.role("participants")
    ids = (pd.Index(records[people.name][people.key("id")].astype(str), name=people.key("id"))
           if people is not None else pd.RangeIndex(0, name=codebook.id))
    missing = pd.DataFrame({"respondent": pd.Series(dtype=str), "variable": pd.Series(dtype=str),
                            "code": pd.Series(dtype=float), "reason": pd.Series(dtype=str),
                            "kind": pd.Series(dtype=str)})
    return CleanResult(data=pd.DataFrame(index=ids), missing=missing,
                       log=pd.DataFrame(columns=LOG_COLUMNS), warnings=[])

def validate_wave(wave: Wave, *, allow_extra: bool = False) -> list[SurveyError]:
    """Check a wave's raw data against its codebook without writing anything.

    Returns
    -------
    list of SurveyError
        Every problem found; empty when the wave can be cleaned.

    Raises
    ------
    ProblemList
        When the codebook itself is invalid.
    """
    return _try_clean(wave, load_codebook(wave.codebook), allow_extra)[1]


def _try_clean(wave: Wave, codebook: Codebook, allow_extra: bool
               ) -> tuple[CleanResult | None, list[SurveyError]]:
    """Clean the wave (and its session-rating forms) in memory: the result, or the errors
    that stop cleaning."""
    try:
        if _questionnaire(wave, codebook):
            result = clean(read_raw(wave.raw, sheet=wave.sheet), codebook,
                           allow_extra=allow_extra)
        else:
            result = None
        if codebook.session_ratings is not None:
            clean_ratings(codebook)
        if codebook.records is not None and codebook.records.tables:
            records, _ = clean_records(codebook.records)
            if result is None:
                result = _records_only(codebook, records)
    except ProblemList as problems:
        return None, problems.problems
    except SurveyError as problem:
        return None, [problem]
    return result, []


def _read_provenance(out: Path) -> dict | None:
    try:
        prov = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return prov if isinstance(prov, dict) else None


def is_stale(out: str | Path, wave: Wave, *, allow_extra: bool | None = None) -> bool:
    """True when the processed wave in ``out`` is missing or was cleaned from other
    inputs: raw file, codebook, session-rating file, package version or cleaning code;
    with ``allow_extra`` given, also when it was cleaned with the other setting."""
    out = Path(out)
    prov = _read_provenance(out)
    if prov is None or not (out / "clean.parquet").is_file():
        return True
    if allow_extra is not None and bool(prov.get("allow_extra", False)) != bool(allow_extra):
        return True
    if (prov.get("survey_version") != __version__
            or prov.get("cleaning_code") != _code_fingerprint()
            or prov.get("raw_sha256") != sha256(wave.raw)
            or prov.get("codebook_sha256") != sha256(wave.codebook)):
        return True
    codebook = load_codebook(wave.codebook)
    if codebook.records is not None and codebook.records.tables:
        if prov.get("records_sha256") != _records_digest(codebook):
            return True
    elif prov.get("records_sha256"):
        return True
    ratings = codebook.session_ratings
    if ratings is None:
        return prov.get("ratings_sha256") is not None
    if not (out / "ratings.parquet").is_file() or not ratings.raw.is_file():
        return True
    return prov.get("ratings_sha256") != sha256(ratings.raw)


def load_wave(wave: str, waves_file: str | Path, processed_dir: str | Path, *,
              refresh: bool | None = None, allow_extra: bool | None = None) -> WaveData:
    """Load a cleaned wave, cleaning it first when needed.

    Parameters
    ----------
    wave : str
        The wave's name in the registry.
    waves_file : str or Path
        The registry (``waves.yml``).
    processed_dir : str or Path
        Where processed waves live (``data/processed``).
    refresh : bool, optional
        ``True`` always cleans, ``False`` never does; by default the wave is cleaned when
        :func:`is_stale` says so.
    allow_extra : bool, optional
        For a clean: keep raw columns missing from the codebook. By default the option
        the processed wave was last cleaned with (so a wave cleaned with
        ``--allow-extra`` is cleaned the same way again).
    """
    entry = get_wave(waves_file, wave)
    out = Path(processed_dir) / entry.name
    if refresh or (refresh is None and is_stale(out, entry)):
        if allow_extra is None:
            allow_extra = bool((_read_provenance(out) or {}).get("allow_extra", False))
        clean_wave(entry, processed_dir, allow_extra=allow_extra)
    provenance = _read_provenance(out)
    if provenance is None:
        raise SurveyError("not cleaned yet (run `survey clean`)", file=out)
    ratings_path = out / "ratings.parquet"
    records = {p.stem.removeprefix("records_"): pd.read_parquet(p)
               for p in sorted(out.glob("records_*.parquet"))}
    return WaveData(
        wave=entry,
        codebook=load_codebook(entry.codebook),
        data=pd.read_parquet(out / "clean.parquet"),
        log=pd.read_csv(out / "cleaning_log.csv", keep_default_na=False,
                        dtype={"n_affected": int}),
        missing=pd.read_parquet(out / "missing.parquet"),
        provenance=provenance,
        ratings=pd.read_parquet(ratings_path) if ratings_path.is_file() else None,
        records=records or None,
        folder=out,
    )


# -- validation as a report ----------------------------------------------------------------

#: Columns of ``validation.csv``.
VALIDATION_COLUMNS = ["severity", "rule", "variable", "file", "column", "row", "n", "rows",
                      "message"]
#: Cleaning-log rules that change or blank delivered values: warnings of a validation.
WARNING_RULES = {
    "out_of_range": "will be blanked",
    "filter_violation": "will be discarded (not asked)",
    "max_choices": "will be blanked",
}


@dataclass
class Validation:
    """What :func:`validation` found: errors stop cleaning, warnings are values cleaning
    will blank or change (or data a report cannot say much about)."""

    wave: str
    errors: list[SurveyError]
    warnings: pd.DataFrame

    @property
    def ok(self) -> bool:
        return not self.errors

    def frame(self) -> pd.DataFrame:
        """Errors and warnings in :data:`VALIDATION_COLUMNS` (errors first)."""
        rows = [{"severity": "error", "rule": "error", "variable": getattr(e, "key", None),
                 "file": str(getattr(e, "file", "") or ""),
                 "column": getattr(e, "column", None), "row": getattr(e, "row", None),
                 "n": 1, "rows": "", "message": str(e)} for e in self.errors]
        errors = pd.DataFrame(rows, columns=VALIDATION_COLUMNS)
        if errors.empty:
            return self.warnings.reset_index(drop=True)
        if self.warnings.empty:
            return errors
        return pd.concat([errors, self.warnings], ignore_index=True)


def _raw_columns(codebook: Codebook, variable: str) -> str:
    var = codebook.variables.get(variable)
    if var is None:
        return variable
    sources = var.sources
    return ", ".join(sources) if len(sources) <= 3 else f"{sources[0]}, … ({len(sources)})"


def _warnings(result: CleanResult, codebook: Codebook, raw: Path) -> pd.DataFrame:
    from .derive import grouping_series

    rows = []
    log = result.log
    for entry in log[log["rule"].isin(list(WARNING_RULES))].itertuples():
        listed = str(entry.rows or "")
        first = listed.split(";")[0] if listed else ""
        rows.append({"severity": "warning", "rule": entry.rule, "variable": entry.variable,
                     "file": str(raw), "column": _raw_columns(codebook, entry.variable),
                     "row": int(first) if first.isdigit() else None,
                     "n": int(entry.n_affected), "rows": listed,
                     "message": f"{int(entry.n_affected)} value(s) "
                                f"{str(entry.detail).removesuffix('; blanked')}; "
                                f"{WARNING_RULES[entry.rule]}"})
    data = result.data
    for name, col in codebook.columns.items():
        if col.kind != "variable" or col.level not in ("binary", "nominal", "ordinal",
                                                        "numeric"):
            continue
        values = data[name].dropna()
        if len(values) >= 2 and values.nunique() == 1:
            rows.append({"severity": "warning", "rule": "constant", "variable": name,
                         "file": str(raw), "column": _raw_columns(codebook, name), "row": None,
                         "n": len(values), "rows": "",
                         "message": f"every one of {len(values)} valid answers is "
                                    f"'{values.iloc[0]}' (no variance)"})
    for name in codebook.scales:
        if data[name].notna().sum() == 0 and len(data):
            rows.append({"severity": "warning", "rule": "scale_empty", "variable": name,
                         "file": str(raw), "column": "", "row": None, "n": len(data),
                         "rows": "", "message": "nobody answered enough of the scale's items "
                                                "for a score"})
    for name, spec in codebook.groupings.items():
        counts = grouping_series(data, codebook, name).value_counts(sort=False)
        small = {str(g): int(n) for g, n in counts.items() if n <= 1}
        if small:
            text = ", ".join(f"'{g}' {n}" for g, n in small.items())
            rows.append({"severity": "warning", "rule": "small_group", "variable": name,
                         "file": str(raw), "column": "", "row": None, "n": len(small),
                         "rows": "", "message": f"grouping '{spec.label}' has an empty or "
                                                f"one-person group: {text}"})
    return pd.DataFrame(rows, columns=VALIDATION_COLUMNS)


def validation(wave: Wave, *, allow_extra: bool = False) -> Validation:
    """Check a wave's raw data (and session-rating forms) against its codebook, writing
    nothing: every error that stops cleaning, and as warnings every value cleaning will
    blank or change, constant items, scales nobody has a score on and groupings with an
    empty or one-person group.

    Raises
    ------
    ProblemList
        When the codebook itself is invalid.
    """
    codebook = load_codebook(wave.codebook)
    result, errors = _try_clean(wave, codebook, allow_extra)
    if result is None:
        return Validation(wave.name, errors, pd.DataFrame(columns=VALIDATION_COLUMNS))
    return Validation(wave.name, [], _warnings(result, codebook, wave.raw))
