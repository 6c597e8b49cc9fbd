"""The wave registry (``waves.yml``): which waves exist and where their files are."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ProblemList, RegistryError, SurveyError
from .yamlload import read_yaml

__all__ = ["Wave", "Comparison", "COMPARISON", "PROGRAMME", "load_registry", "load_comparison",
           "load_programme", "blocks", "get_wave", "study_title"]

#: The name under which a registry's comparison block runs (``reports/comparison/``).
COMPARISON = "comparison"
#: The name under which a registry's programme block runs (``reports/programme/``).
PROGRAMME = "programme"


@dataclass(frozen=True)
class Wave:
    """One survey wave as registered in ``waves.yml`` (paths absolute).

    Attributes
    ----------
    name : str
        The registry key, e.g. ``"anna-e2"``.
    raw, codebook : Path
        The raw data file and its codebook, resolved against the registry's folder. A
        wave of record tables only (docs/codebook.md, "Record tables") may leave ``raw``
        out: it is then the codebook (each record table names its own file).
    notebooks : list of str
        Notebook names (without ``.ipynb``) run for this wave, in order.
    parameters : dict
        Extra papermill parameters for this wave's notebooks (strings as written).
    sheet : str or None
        For an Excel raw file: the worksheet to read (default the first).
    """

    name: str
    title: str
    raw: Path
    codebook: Path
    registry: Path
    fielded: str = ""
    notebooks: list[str] = field(default_factory=list)
    parameters: dict[str, Any] = field(default_factory=dict)
    sheet: str | None = None


_KNOWN = {"title", "fielded", "raw", "codebook", "notebooks", "parameters", "sheet"}
_COMPARISON_KEYS = {"title", "waves", "notebooks", "map", "parameters"}
_PROGRAMME_KEYS = {"title", "waves", "notebooks", "parameters"}


@dataclass(frozen=True)
class Comparison:
    """The registry's optional ``comparison`` block (docs/registry.md): items present in several
    waves, compared after all of them ran; reports go to ``<out>/comparison/``.

    Attributes
    ----------
    waves : list of str
        The waves compared, in order (the first is "wave a").
    map : dict
        Per wave ``{its own name: the common name}`` for items named differently.
    """

    title: str
    waves: list[str]
    registry: Path
    notebooks: list[str] = field(default_factory=list)
    map: dict[str, dict[str, str]] = field(default_factory=dict)
    parameters: dict[str, Any] = field(default_factory=dict)
    #: the pseudo-wave's name: :data:`COMPARISON`, or :data:`PROGRAMME` for the programme
    #: block (the monitoring waves of several projects, docs/registry.md)
    name: str = COMPARISON

    def pseudo_wave(self, waves: dict[str, Wave]) -> Wave:
        """A :class:`Wave` under which :mod:`survey.batch` runs the comparison's notebooks
        (``raw`` and ``codebook`` are the first compared wave's, for the provenance)."""
        first = waves[self.waves[0]]
        return Wave(name=self.name, title=self.title, raw=first.raw, codebook=first.codebook,
                    registry=self.registry, notebooks=list(self.notebooks),
                    parameters=dict(self.parameters))

    def compared(self, waves: Sequence[Wave]) -> dict[str, Wave]:
        """The compared waves by name: from ``waves`` (a batch's), else from the
        comparison's registry."""
        known = {w.name: w for w in waves}
        if any(name not in known for name in self.waves):
            known = {**load_registry(self.registry), **known}
        return {name: known[name] for name in self.waves}


def load_comparison(path: str | Path) -> Comparison | None:
    """The registry's ``comparison`` block, checked; ``None`` when there is none.

    Raises
    ------
    ProblemList
        Of :class:`RegistryError`: an unknown key, fewer than two waves, a wave that is not
        registered, a map for a wave that is not compared, a map that is not names to names.
    """
    return _load_block(path, COMPARISON)


def load_programme(path: str | Path) -> Comparison | None:
    """The registry's ``programme`` block (docs/registry.md), checked: the monitoring waves
    of several projects, run by :mod:`survey.batch` as the pseudo-wave ``programme``
    (reports in ``reports/programme/``); ``None`` when there is none.

    Raises
    ------
    ProblemList
        Of :class:`RegistryError`: an unknown key, no wave, a wave that is not registered.
    """
    return _load_block(path, PROGRAMME)


def study_title(path: str | Path) -> str | None:
    """The registry's optional top-level ``title:`` (the study, shown on the index page),
    or None.

    Raises
    ------
    ProblemList
        Of :class:`RegistryError` when the title is not a single line of text.
    """
    path = Path(path).resolve()
    doc, _ = read_yaml(path, RegistryError)
    title = doc.get("title") if isinstance(doc, dict) else None
    if title is None:
        return None
    if not isinstance(title, str) or not title.strip() or "\n" in title.strip():
        raise ProblemList([RegistryError("must be one line of text", file=path, key="title")],
                          what="registry problems")
    return title.strip()


def blocks(comparison: Comparison | Sequence[Comparison] | None) -> list[Comparison]:
    """The registry's blocks run after its waves (comparison, programme) as a list."""
    if comparison is None:
        return []
    if isinstance(comparison, Comparison):
        return [comparison]
    return [c for c in comparison if c is not None]


def _load_block(path: str | Path, which: str) -> Comparison | None:
    path = Path(path).resolve()
    waves = load_registry(path)
    doc, _ = read_yaml(path, RegistryError)
    block = doc.get(which)
    if block is None:
        return None
    allowed = _COMPARISON_KEYS if which == COMPARISON else _PROGRAMME_KEYS
    problems: list[RegistryError] = []

    def bad(key: str, what: str) -> None:
        problems.append(RegistryError(what, file=path, key=key))

    if not isinstance(block, dict):
        raise ProblemList([RegistryError("must be a mapping", file=path, key=which)],
                          what="registry problems")
    for unknown in sorted(set(block) - allowed):
        bad(f"{which}.{unknown}", f"unknown key (allowed: {', '.join(sorted(allowed))})")
    names = block.get("waves")
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        bad(f"{which}.waves", "must be a list of wave names")
        names = []
    elif len(names) < (2 if which == COMPARISON else 1):
        bad(f"{which}.waves", "needs at least two waves" if which == COMPARISON
            else "needs at least one wave")
    for name in names:
        if name not in waves:
            bad(f"{which}.waves", f"no wave '{name}' (registered: {', '.join(waves)})")
    notebooks = block.get("notebooks", [])
    if not isinstance(notebooks, list) or not all(isinstance(n, str) for n in notebooks):
        bad(f"{which}.notebooks", "must be a list of notebook names")
        notebooks = []
    mapping: dict[str, dict[str, str]] = {}
    raw_map = block.get("map") or {}
    if not isinstance(raw_map, dict):
        bad("comparison.map", "must be a mapping of waves to {own name: common name}")
        raw_map = {}
    for wave, pairs in raw_map.items():
        if wave not in names:
            bad(f"comparison.map.{wave}", "is not one of the compared waves")
        elif not isinstance(pairs, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in pairs.items()):
            bad(f"comparison.map.{wave}", "must map names to names ({own name: common name})")
        else:
            mapping[wave] = dict(pairs)
    parameters = block.get("parameters") or {}
    if not isinstance(parameters, dict):
        bad(f"{which}.parameters", "must be a mapping")
        parameters = {}
    if problems:
        raise ProblemList(problems, what="registry problems")
    default = "Vergleich der Datenerhebungen" if which == COMPARISON else "Programm"
    return Comparison(title=str(block.get("title") or default),
                      waves=list(names), registry=path,
                      notebooks=[n.removesuffix(".ipynb") for n in notebooks], map=mapping,
                      parameters=dict(parameters), name=which)


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
    title = doc.get("title")
    if title is not None and (not isinstance(title, str) or not title.strip()
                              or "\n" in title.strip()):
        problems.append(RegistryError("must be one line of text", file=path, key="title"))
    waves: dict[str, Wave] = {}
    for name, entry in doc["waves"].items():
        key = f"waves.{name}"
        if name in (COMPARISON, PROGRAMME):
            problems.append(RegistryError(f"'{name}' is reserved for the {name} block",
                                          file=path, key=key))
            continue
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
        missing = [k for k in ("codebook",) if not entry.get(k)]
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
            # no raw file: a wave of record tables only (docs/registry.md); the codebook
            # stands in for it (its digest, the provenance) and cleaning checks the choice
            raw=(path.parent / (entry.get("raw") or entry["codebook"])).resolve(),
            codebook=(path.parent / entry["codebook"]).resolve(),
            registry=path,
            notebooks=[n.removesuffix(".ipynb") for n in notebooks],
            parameters=dict(parameters),
            sheet=str(entry["sheet"]) if entry.get("sheet") not in (None, "") else None,
        )
    if problems:
        raise ProblemList(problems, what="registry problems")
    return waves


def get_wave(path: str | Path, name: str) -> Wave:
    """Return one wave of a registry, or raise a :class:`RegistryError` naming the known ones."""
    waves = load_registry(path)
    if name not in waves:
        extra = []
        for load, block_name in ((load_comparison, COMPARISON), (load_programme, PROGRAMME)):
            try:
                extra += [block_name] if load(path) is not None else []
            except SurveyError:  # a broken block is reported where it is used
                pass
        known = ", ".join([*waves, *extra]) or "none"
        raise RegistryError(f"no wave '{name}' (registered: {known})", file=Path(path).resolve())
    return waves[name]
