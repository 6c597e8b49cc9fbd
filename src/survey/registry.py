"""The wave registry (``waves.yml``): which waves exist and where their files are."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ProblemList, RegistryError
from .yamlload import read_yaml

__all__ = ["Wave", "load_registry", "get_wave"]


@dataclass(frozen=True)
class Wave:
    """One survey wave as registered in ``waves.yml`` (paths absolute).

    Attributes
    ----------
    name : str
        The registry key, e.g. ``"anna-e2"``.
    raw, codebook : Path
        The raw data file and its codebook, resolved against the registry's folder.
    notebooks : list of str
        Notebook names (without ``.ipynb``) run for this wave, in order.
    parameters : dict
        Extra papermill parameters for this wave's notebooks (strings as written).
    """

    name: str
    title: str
    raw: Path
    codebook: Path
    registry: Path
    fielded: str = ""
    notebooks: list[str] = field(default_factory=list)
    parameters: dict[str, Any] = field(default_factory=dict)


_KNOWN = {"title", "fielded", "raw", "codebook", "notebooks", "parameters"}


def load_registry(path: str | Path) -> dict[str, Wave]:
    """Read a wave registry; relative paths are relative to the registry file.

    Raises
    ------
    ProblemList
        Of :class:`RegistryError`, one per problem, all at once.
    """
    path = Path(path).resolve()
    doc, duplicates = read_yaml(path, RegistryError)
    problems: list[RegistryError] = [
        RegistryError(f"line {line}: '{key}' is defined twice", file=path, key=str(key))
        for key, line in duplicates
    ]
    if not isinstance(doc, dict) or not isinstance(doc.get("waves"), dict):
        raise ProblemList(
            [RegistryError("must contain a mapping 'waves:'", file=path)], what="registry problems"
        )
    waves: dict[str, Wave] = {}
    for name, entry in doc["waves"].items():
        key = f"waves.{name}"
        if not isinstance(entry, dict):
            problems.append(RegistryError("must be a mapping", file=path, key=key))
            continue
        for unknown in sorted(set(entry) - _KNOWN):
            problems.append(
                RegistryError(
                    f"unknown key (allowed: {', '.join(sorted(_KNOWN))})",
                    file=path,
                    key=f"{key}.{unknown}",
                )
            )
        missing = [k for k in ("raw", "codebook") if not entry.get(k)]
        for k in missing:
            problems.append(RegistryError("is required", file=path, key=f"{key}.{k}"))
        notebooks = entry.get("notebooks", [])
        if not isinstance(notebooks, list) or not all(isinstance(n, str) for n in notebooks):
            problems.append(
                RegistryError("must be a list of notebook names", file=path, key=f"{key}.notebooks")
            )
            notebooks = []
        parameters = entry.get("parameters") or {}
        if not isinstance(parameters, dict):
            problems.append(
                RegistryError("must be a mapping", file=path, key=f"{key}.parameters")
            )
            parameters = {}
        if missing:
            continue
        waves[name] = Wave(
            name=name,
            title=str(entry.get("title", name)),
            fielded=str(entry.get("fielded", "")),
            raw=(path.parent / entry["raw"]).resolve(),
            codebook=(path.parent / entry["codebook"]).resolve(),
            registry=path,
            notebooks=[n.removesuffix(".ipynb") for n in notebooks],
            parameters=dict(parameters),
        )
    if problems:
        raise ProblemList(problems, what="registry problems")
    return waves


def get_wave(path: str | Path, name: str) -> Wave:
    """Return one wave of a registry, or raise a :class:`RegistryError` naming the known ones."""
    waves = load_registry(path)
    if name not in waves:
        known = ", ".join(waves) or "none"
        raise RegistryError(f"no wave '{name}' (registered: {known})", file=Path(path).resolve())
    return waves[name]
