"""A notebook's parameters: read from its ``parameters`` cell without papermill, and the
values of the CLI and the registry checked and converted to their declared types."""

from __future__ import annotations

import ast
import json
import logging
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .errors import ProblemList, SurveyError
from .records import _one_line, notebook_file
from .registry import Wave
from .vocabulary import truth

logger = logging.getLogger(__name__)

#: Parameters the workbench passes to every notebook (docs/registry.md).
BASE_PARAMETERS = ("wave", "waves_file", "processed_dir", "out_dir")


# --------------------------------------------------------------------------- parameters


#: A parameter line as papermill's PythonTranslator reads it (papermill 2.x,
#: ``translators.py``, BSD-3-Clause): ``name: type = default  # help``.
_PARAMETER = re.compile(
    r"^(?P<target>\w[\w_]*)\s*(:\s*[\"']?(?P<annotation>\w[\w_\[\],\s]*)[\"']?\s*)?=\s*"
    r"(?P<value>.*?)(\s*#\s*(type:\s*(?P<type_comment>[^\s]*)\s*)?(?P<help>.*))?$")


def notebook_parameters(path: str | Path) -> dict[str, dict[str, Any]]:
    """The parameters declared in a notebook's ``parameters`` cell, as papermill's
    ``inspect_notebook`` reads them (the same rules, without importing papermill: a run
    that executes nothing stays fast).

    Returns
    -------
    dict
        name -> ``{"name", "inferred_type_name", "default", "help"}``.

    Raises
    ------
    SurveyError
        When the notebook does not exist or cannot be read.
    """
    path = Path(path)
    if not path.is_file():
        raise SurveyError("notebook not found", file=path)
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
        cells = nb["cells"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise SurveyError(f"cannot read notebook parameters: {_one_line(err)}", file=path) from err
    cell = next((c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])),
                None)
    if cell is None:
        return {}
    source = cell.get("source", "")
    source = "".join(source) if isinstance(source, list) else str(source)
    return {p["name"]: p for p in _parameter_lines(source)}


def _parameter_lines(source: str) -> list[dict[str, Any]]:
    """papermill's ``PythonTranslator.inspect``: assignments grouped over continuation
    lines, comments of all but a definition's last line dropped."""
    def flatten(lines: list[str]) -> str:
        flat = ""
        for line in lines[:-1]:
            flat += (line[:line.index("#")] if "#" in line else line).strip()
        return flat + (lines[-1].strip() if lines else "")

    groups: list[str] = []
    lines: list[str] = []
    for line in source.splitlines():
        if not line.strip() or line.strip().startswith("#"):
            continue
        if line.count("=") > 0:
            groups.append(flatten(lines))
            lines = []
            if line.count("=") > 1:
                continue  # papermill cannot read it either
        lines.append(line)
    groups.append(flatten(lines))
    out = []
    for definition in groups:
        match = _PARAMETER.match(definition) if definition else None
        if match is None:
            continue
        found = match.groupdict()
        out.append({"name": found["target"].strip(),
                    "inferred_type_name": str(found["annotation"] or found["type_comment"]
                                              or None).strip(),
                    "default": str(found["value"]).strip(),
                    "help": str(found["help"] or "").strip()})
    return out


def _default(spec: Mapping[str, Any]) -> Any:
    """A parameter's default as a Python value (its source text when not a literal)."""
    text = str(spec.get("default"))
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def _coerce(name: str, value: Any, spec: Mapping[str, Any], notebook: Path) -> Any:
    """Convert a string parameter (from the CLI or the registry) to the declared type."""
    if not isinstance(value, str):
        return value
    type_name = str(spec.get("inferred_type_name") or "None")
    if type_name == "None":  # no annotation: use the default's literal type
        try:
            type_name = type(ast.literal_eval(str(spec.get("default")))).__name__
        except (ValueError, SyntaxError):
            type_name = "None"
    try:
        if type_name == "str":
            return value
        if type_name == "int":
            return int(value)
        if type_name == "float":
            return float(value)
        if type_name == "bool":
            flag = truth(value)
            if flag is None:
                raise ValueError(value)
            return flag
    except ValueError:
        raise SurveyError(
            f"parameter '{name}' must be {type_name}, got {value!r}", file=notebook
        ) from None
    if type_name == "NoneType" and value.strip().lower() in {"none", "null", ""}:
        return None
    try:
        return ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return value


def resolve_parameters(
    notebook: str | Path,
    base: Mapping[str, Any],
    registry: Mapping[str, Any] | None = None,
    overrides: Mapping[str, Any] | None = None,
    *,
    declared: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """Combine the workbench's, the registry's and the user's parameters for one notebook.

    Parameters
    ----------
    notebook : str or Path
        The notebook (for its ``parameters`` cell and error messages).
    base : mapping
        The docs/registry.md parameters (``wave``, ``waves_file``, ``processed_dir``, ``out_dir``);
        always passed.
    registry : mapping, optional
        The wave's ``parameters`` from ``waves.yml``; passed when the notebook declares
        them (other notebooks of the wave may use the rest).
    overrides : mapping, optional
        The user's parameters; every one must be declared by the notebook.
    declared : mapping, optional
        Result of :func:`notebook_parameters`, when already known.

    Returns
    -------
    dict
        Parameters with string values converted to the declared types.

    Raises
    ------
    SurveyError
        An override the notebook does not declare (naming the ones it does), or a value
        that does not convert to the declared type.
    """
    path = Path(notebook)
    declared = dict(declared) if declared is not None else notebook_parameters(path)
    overrides = dict(overrides or {})
    unknown = sorted(set(overrides) - set(declared))
    if unknown:
        known = ", ".join(sorted(declared)) or "none"
        raise SurveyError(
            f"unknown parameter(s) {', '.join(unknown)} for notebook '{path.stem}' "
            f"(its parameters: {known})",
            file=path,
        )
    params: dict[str, Any] = dict(base)
    for name, value in (registry or {}).items():
        if name in declared:
            params[name] = value
    params.update(overrides)
    return {
        name: _coerce(name, value, declared[name], path) if name in declared else value
        for name, value in params.items()
    }


# --------------------------------------------------------------------------- many runs


def _problem_text(err: SurveyError, limit: int = 3) -> str:
    lines = err.lines() if isinstance(err, ProblemList) else [str(err)]
    text = "; ".join(lines[:limit])
    if len(lines) > limit:
        text += f"; … ({len(lines) - limit} more)"
    return _one_line(text)


def _check_wave_parameters(
    wave: Wave, names: Sequence[str], notebooks_dir: Path, overrides: Mapping[str, Any]
) -> dict[str, dict[str, dict[str, Any]]]:
    """Declared parameters per notebook; raise if a registry/user parameter fits none."""
    declared = {name: notebook_parameters(notebook_file(wave, name, notebooks_dir))
                for name in names}
    everything = set().union(*[set(d) for d in declared.values()]) if declared else set()
    for origin, values in (("waves.yml parameters", wave.parameters), ("parameter", overrides)):
        unknown = sorted(set(values) - everything)
        if unknown:
            raise SurveyError(
                f"unknown {origin} {', '.join(unknown)}: no notebook of wave '{wave.name}' "
                f"declares it (declared: {', '.join(sorted(everything)) or 'none'})",
                file=wave.registry if origin.startswith("waves") else None,
            )
    _check_settings(wave, declared, notebooks_dir, overrides)
    return declared


def _check_settings(wave: Wave, declared: Mapping[str, Mapping[str, Any]],
                    notebooks_dir: Path, overrides: Mapping[str, Any]) -> None:
    """The run's settings (alpha, p_adjust, min_cell, …) in range before anything runs:
    ``alpha = 5`` is one line here, not a failed report per notebook."""
    from dataclasses import fields

    from .settings import RunSettings

    names = {f.name for f in fields(RunSettings)}
    for name, params in declared.items():
        given = {k: v for k, v in {**wave.parameters, **overrides}.items()
                 if k in params and k in names}
        if not given:
            continue
        values = resolve_parameters(notebook_file(wave, name, notebooks_dir), {}, wave.parameters,
                                    {k: v for k, v in overrides.items() if k in params},
                                    declared=params)
        try:
            RunSettings.from_parameters(values)
        except ValueError as err:
            raise SurveyError(f"wave '{wave.name}': {err}",
                              file=wave.registry if set(given) - set(overrides) else None
                              ) from None


def check_parameters(
    wave: Wave,
    notebooks: Sequence[str],
    notebooks_dir: str | Path,
    overrides: Mapping[str, Any] | None = None,
) -> None:
    """Check the registry's and the user's parameters before anything runs.

    Every parameter must be declared by at least one of ``notebooks``, and every value
    must convert to the type each declaring notebook gives it.

    Raises
    ------
    SurveyError
        Naming the parameter, the notebook and what is wrong.
    """
    notebooks_dir = Path(notebooks_dir)
    overrides = dict(overrides or {})
    declared = _check_wave_parameters(wave, notebooks, notebooks_dir, overrides)
    for name, params in declared.items():
        mine = {k: v for k, v in overrides.items() if k in params}
        resolve_parameters(notebook_file(wave, name, notebooks_dir), {}, wave.parameters, mine,
                           declared=params)
