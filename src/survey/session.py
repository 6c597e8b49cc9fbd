"""The workbench in JupyterLab, one analysis at a time: ``survey.open("wave")``.

A committee asks a follow-up question ("and the single parents on item X?"); the evaluator
answers it in a notebook of their own with one line per result::

    import survey
    w = survey.open("anna-e2")                      # in the study folder (or below it)
    w.compare("fam_zeit", by="ae")                  # the test chosen by level, effect, CI
    w.frequencies("fam_zeit")
    w.likert("subjekt")                              # a section's rating scales
    w.scale("umfeld_gespraech")                      # reliability and item-total table

Each call computes exactly what the reports compute (the same functions, the same
family of corrected p-values, the wave's disclosure plan unless ``internal=True``) and
returns a :class:`Result`: shown in the notebook as the report's formatted table with its
sentences and figure, and available as the tidy DataFrame (``result.table``).
"""

from __future__ import annotations

import base64
import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import SurveyError
from .settings import RunSettings

__all__ = ["open_wave", "OpenWave", "Result"]


@dataclass
class Result:
    """One analysis as a report shows it: the table (tidy, what the policy lets a report
    show), its name among the result tables, the sentences and the figure, if any."""

    table: pd.DataFrame
    name: str
    caption: str
    policy: Any
    language: str
    sentences: list[str] = field(default_factory=list)
    figure: Any = None

    def _repr_html_(self) -> str:
        from .figures.style import png
        from .tables import display

        styler = display(self.table, self.name, policy=self.policy, language=self.language)
        parts = [f"<p><b>{html.escape(self.caption)}</b></p>", styler.to_html()]
        if self.sentences:
            items = "".join(f"<li>{html.escape(s)}</li>" for s in self.sentences)
            parts.append(f"<ul>{items}</ul>")
        if self.figure is not None:
            data = base64.b64encode(png(self.figure)).decode("ascii")
            parts.append(f'<img alt="{html.escape(self.caption)}" '
                         f'src="data:image/png;base64,{data}"/>')
        return "".join(parts)

    def __repr__(self) -> str:
        return f"<Result {self.caption!r}: {len(self.table)} row(s) of {self.name}>"


def open_wave(wave: str, *, waves_file: str | Path | None = None,
              processed_dir: str | Path | None = None, **settings: Any) -> OpenWave:
    """A cleaned wave to ask one question at a time (see the module docstring).

    Parameters
    ----------
    wave : str
        The wave's name in the registry.
    waves_file : str or Path, optional
        Default: ``waves.yml`` in the working folder or the nearest folder above it.
    processed_dir : str or Path, optional
        Default: ``data/processed`` beside the registry (cleaned first when needed).
    **settings
        ``alpha``, ``p_adjust``, ``min_cell``, ``internal``, ``language``: default the
        wave's registry parameters, then :data:`survey.settings.DEFAULTS`.
    """
    from .registry import get_wave
    from .store import load_wave

    registry = Path(waves_file) if waves_file is not None else _find_registry(Path.cwd())
    entry = get_wave(registry, wave)
    processed = Path(processed_dir) if processed_dir is not None else \
        registry.resolve().parent / "data" / "processed"
    run = RunSettings(**{**_typed(entry.parameters), **settings})
    return OpenWave(load_wave(wave, registry, processed), run)


def _typed(parameters: dict[str, Any]) -> dict[str, Any]:
    """The run settings among a wave's registry parameters (written as text), typed."""
    from .vocabulary import truth

    kinds = {"alpha": float, "min_cell": int, "p_adjust": str, "language": str,
             "internal": truth}
    try:
        return {k: kinds[k](v) for k, v in parameters.items() if k in kinds}
    except (TypeError, ValueError) as err:
        raise SurveyError(f"a run setting among the wave's parameters is not valid ({err})"
                          ) from None


def _find_registry(start: Path) -> Path:
    for folder in (start, *start.resolve().parents):
        if (folder / "waves.yml").is_file():
            return folder / "waves.yml"
    raise SurveyError("no waves.yml here or in a folder above: open the wave in its study "
                      "folder, or pass waves_file=…", file=start)


class OpenWave:
    """A loaded wave with the run's settings; each method returns one :class:`Result`."""

    def __init__(self, wd: Any, settings: RunSettings) -> None:
        self.wd, self.settings = wd, settings
        self.codebook, self.data = wd.codebook, wd.data
        self.language = settings.language or wd.codebook.language
        self.policy = settings.policy
        self._tables: dict[tuple[str, str], pd.DataFrame] = {}  # computed once per session

    def __repr__(self) -> str:
        kind = "internal" if self.policy.internal else f"shared, min_cell {self.policy.min_cell}"
        return f"<OpenWave {self.wd.wave.name}: {len(self.data)} respondents, {kind}>"

    def _shown(self, frame: pd.DataFrame, name: str) -> pd.DataFrame:
        """What a report may show of a full result table (the wave's plan), in words."""
        from .disclosure import plan
        from .presentation import present

        return present(plan(self.wd, self.policy).table(frame, name), name, self.language)

    def _table(self, name: str, key: str = "") -> pd.DataFrame:
        """Result table ``name`` of the whole wave (for ``group_comparisons``: of grouping
        ``key``) as a report may show it, computed once."""
        if (name, key) not in self._tables:
            self._tables[(name, key)] = self._shown(self._computed(name, key), name)
        return self._tables[(name, key)]

    def _computed(self, name: str, key: str) -> pd.DataFrame:
        from . import compare, describe

        cb, run = self.codebook, self.settings
        if name == "frequencies":
            return describe.frequencies(self.data, self.wd.missing, cb)
        if name == "items":
            return describe.items(self.data, self.wd.missing, cb)
        return compare.compare(self.data, cb, groupings=[key], alpha=run.alpha,
                               p_adjust=run.p_adjust, min_cell=run.min_cell)

    def _name(self, name: str) -> str:
        self.codebook.column(name)  # raises a KeyError naming the unknown name
        return name

    def frequencies(self, name: str) -> Result:
        """The answers to one question: counts, shares with their CI (as report 02)."""
        from . import plots

        self._name(name)
        table = self._table("frequencies")
        rows = table[table["variable"] == name].reset_index(drop=True)
        figure = None
        if self.codebook.column(name).level == "ordinal":
            figure = plots.likert_figure(rows, policy=self.policy, language=self.language)
        return Result(rows, "frequencies", self.codebook.label(name), self.policy,
                      self.language, figure=figure)

    def likert(self, section: str) -> Result:
        """The rating scales of one section (or a list of names) as one figure and the
        items table (as report 02)."""
        from . import describe, plots

        names = [n for key, _title, ns in describe.sections(self.codebook, kinds=["variable"])
                 if key == section for n in ns
                 if self.codebook.column(n).level == "ordinal"]
        if not names:
            raise KeyError(f"section {section!r} has no rating scales")
        freq, items = self._table("frequencies"), self._table("items")
        figure = plots.likert_figure(freq[freq["variable"].isin(names)], policy=self.policy,
                                     language=self.language)
        rows = items[items["variable"].isin(names)].reset_index(drop=True)
        title = self.codebook.sections.get(section, section)
        return Result(rows, "items", title, self.policy, self.language, figure=figure)

    def compare(self, name: str, *, by: str) -> Result:
        """One question compared between the groups of grouping ``by``: the test chosen by
        its level, effect size with CI, p corrected within its family (as report 03)."""
        from . import plots, sentences

        self._name(name)
        if by not in self.codebook.groupings:
            raise KeyError(f"no grouping {by!r} (the codebook's: "
                           f"{', '.join(self.codebook.groupings) or 'none'})")
        run = self.settings
        shown = self._table("group_comparisons", by)
        rows = shown[shown["variable"] == name].reset_index(drop=True)
        main = rows[~rows["test"].isin(["dunn", "anova2"])]
        figure = None
        effect = main["effect"].dropna().unique()
        if len(effect) == 1 and effect[0] in ("hedges_g", "rank_biserial", "risk_difference"):
            figure = plots.forest_figure(main, policy=self.policy, alpha=run.alpha,
                                         language=self.language)
        said = sentences.for_rows(rows, language=self.language, alpha=run.alpha,
                                  min_cell=run.min_cell)
        caption = f"{self.codebook.label(name)} × {self.codebook.groupings[by].label}"
        return Result(rows, "group_comparisons", caption, self.policy, self.language,
                      sentences=list(said), figure=figure)

    def scale(self, name: str) -> Result:
        """A scale's reliability (α with Feldt CI, ω) and its items' item-total figures."""
        from . import scales

        if name not in self.codebook.scales:
            raise KeyError(f"no scale {name!r} (the codebook's: "
                           f"{', '.join(self.codebook.scales) or 'none'})")
        table = self._shown(scales.reliability(self.data, self.codebook, [name]),
                            "reliability")
        return Result(table, "reliability", self.codebook.label(name), self.policy,
                      self.language)
