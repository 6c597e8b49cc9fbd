"""``survey init DIR``: a new study folder, and with ``--from FILE`` its first wave drafted
from a data file.

The folder gets a registry (``waves.yml``), ``data/raw/`` for the delivered files,
``notebooks/`` for the study's own notebooks (beside the workbench's, see
docs/registry.md), a README of its own and ignore rules that keep raw and processed data
and the internal reports out of version control. ``--from`` copies the file into
``data/raw/<wave>/`` (the original is only read), drafts ``codebook.yml`` beside it
(:func:`survey.draft.draft_codebook`) and registers the wave with the cleaning and
descriptive reports, so that ``survey validate`` and ``survey batch`` run in the folder at
once. Nothing that exists is overwritten.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from . import fileio
from .draftwrite import codebook_name
from .errors import SurveyError

__all__ = ["init_study", "FIRST_NOTEBOOKS"]

#: the reports a drafted wave starts with (groupings, scales and hypotheses come later)
FIRST_NOTEBOOKS = ("01-cleaning", "02-descriptives")

_IGNORE = """# raw data (personal data: never in version control), generated data and reports
data/raw/
data/processed/
reports/
reports-intern/
.ipynb_checkpoints/
"""

_README = """# {title}

A study of the survey workbench (`survey`). Everything below runs in this folder.

    survey validate WAVE      # the raw data against the codebook: every problem in one line
    survey batch              # clean every wave and write the reports to reports/
    survey batch --internal   # the team's unsuppressed version, to reports-intern/

- `waves.yml` lists the waves: raw file, codebook, the reports to run.
- `data/raw/WAVE/` holds each wave's delivered file (never edited) and `codebook.yml`.
  A drafted codebook marks every guess with `# guess:`: confirm or correct each one.
- `notebooks/` holds this study's own notebooks: one named like a workbench notebook
  replaces it, a new name adds one (list it under the wave's `notebooks`).
- `data/raw/`, `data/processed/`, `reports/` and `reports-intern/` stay out of version
  control (`.gitignore`).
"""


def init_study(folder: str | Path, *, data: str | Path | None = None,
               wave: str | None = None, id_column: str | None = None,
               title: str | None = None, structure: str | Path | None = None,
               sheet: str | None = None) -> list[Path]:
    """Make a study folder (see the module docstring); return the files written.

    Raises
    ------
    SurveyError
        When ``folder`` already holds a registry, or ``data`` cannot be drafted.
    """
    folder = Path(folder)
    registry = folder / "waves.yml"
    if registry.exists():
        raise SurveyError("exists already: this folder is a study; add waves to its "
                          "waves.yml", file=registry)
    for given in (data, structure):
        if given is not None and not Path(given).is_file():
            raise SurveyError("no such file", file=Path(given))
    for sub in ("data/raw", "notebooks"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    written = []
    study_title = title or folder.resolve().name
    entries = ""
    if data is not None:
        entries, study_title = _first_wave(folder, Path(data), wave, id_column, title,
                                           structure, sheet)
        written += sorted((folder / "data" / "raw").rglob("*.*"))
    head = "# Wave registry (docs/registry.md). Relative paths are relative to this file.\n"
    empty = "# Add each wave here (survey init --from FILE drafts a first one).\nwaves: {}\n"
    text = head + ("waves:\n" + entries if entries else empty)
    written.append(fileio.write_text(registry, text))
    for name, content in ((".gitignore", _IGNORE),
                          ("README.md", _README.format(title=study_title)),
                          ("notebooks/README.md", _NOTEBOOKS_README)):
        if not (folder / name).exists():
            written.append(fileio.write_text(folder / name, content))
    return written


def _first_wave(folder: Path, data: Path, wave: str | None, id_column: str | None,
                title: str | None, structure: str | Path | None = None,
                sheet: str | None = None) -> tuple[str, str]:
    """Copy ``data``, draft its codebook, and return the registry entry and the title."""
    from .draft import draft_codebook

    name = wave or _wave_name(data.stem)
    target = folder / "data" / "raw" / name
    text = draft_codebook(data, id_column=id_column, structure=structure, sheet=sheet)
    target.mkdir(parents=True, exist_ok=True)
    for source in (data, *([Path(structure)] if structure else [])):
        with fileio.atomic_path(target / source.name) as tmp:
            shutil.copyfile(source, tmp)
    fileio.write_text(target / "codebook.yml", text)
    wave_title = title or str(yaml.safe_load(text).get("title") or name)  # as the draft says
    notebooks = ", ".join(FIRST_NOTEBOOKS)
    entry = (f"  {name}:\n"
             f"    title: {json.dumps(wave_title, ensure_ascii=False)}\n"  # JSON is YAML
             f"    raw: data/raw/{name}/{data.name}\n"
             + (f"    sheet: {json.dumps(sheet, ensure_ascii=False)}\n" if sheet else "")
             + f"    codebook: data/raw/{name}/codebook.yml\n"
             f"    notebooks: [{notebooks}]   # add 03-group-comparisons once the codebook "
             "has groupings\n")
    return entry, wave_title


def _wave_name(stem: str) -> str:
    return codebook_name(stem, set()).replace("_", "-")


_NOTEBOOKS_README = """# This study's own notebooks

A notebook here named like one of the workbench's (`02-descriptives.ipynb`) replaces it
for this study; a new name adds one. List it under a wave's `notebooks` in `../waves.yml`.
Start from a copy of one of the workbench's notebooks (`survey.records.default_notebooks_dir()`
says where they are installed); docs/registry.md shows how to write one with the workbench's
page, tables and figures.
"""
