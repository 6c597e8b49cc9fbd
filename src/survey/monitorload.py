"""The clean record tables of a monitoring wave as the frames the monitoring analyses take
(:mod:`survey.monitoring`, :mod:`survey.takeup`, :mod:`survey.resourcecard`).

One job: from a codebook's :class:`~survey.codebookrecordmodel.Records` and the clean
tables (:attr:`survey.store.WaveData.records`), build

- :func:`participants`: one row per participant with a yes/no column per indicator's
  numerator and denominator (declared in the codebook, e.g. "has a placement of kind 1, 2
  or 3"), and :func:`indicator_specs`, the indicators as :func:`survey.monitoring.
  indicator_table` takes them;
- :func:`placements`: one row per placement (person, kind), with the kinds' labels;
- :func:`takeup` and :func:`reasons`: one row per child × benefit with the stages, and
  one row per child × benefit × reason given, at the stage where the child stopped;
- :func:`card`: one row per rating (person, area, rater, occasion, value as its code).

Names of columns come from the codebook; nothing here knows a study.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from .codebookrecordmodel import Indicator, Records, RecordTable

__all__ = ["HIT", "BASE", "participants", "indicator_specs", "placements", "takeup",
           "reasons", "card", "stage_labels", "project_counts"]

#: Column of an indicator's hits (numerator) and of its base (denominator).
HIT, BASE = "hit__{}", "base__{}"


def _table(records: Records, tables: Mapping[str, pd.DataFrame], role: str
           ) -> tuple[RecordTable, pd.DataFrame]:
    spec = records.role(role)
    if spec is None or spec.name not in tables:
        raise KeyError(f"the codebook declares no record table with role {role!r}")
    return spec, tables[spec.name]


def _has_placement(records: Records, tables: Mapping[str, pd.DataFrame], ids: pd.Series,
                   kinds: tuple[int, ...]) -> pd.Series:
    """Per participant: has at least one placement of one of ``kinds`` (codes)."""
    spec, frame = _table(records, tables, "placements")
    kind = spec.columns[spec.key("kind")]
    labels = [kind.levels[c] for c in kinds]
    chosen = frame.loc[frame[spec.key("kind")].isin(labels), spec.key("person")]
    return pd.Series(ids.isin(set(chosen)).to_numpy(), index=ids.index, dtype=bool)


def _part(records: Records, tables: Mapping[str, pd.DataFrame], frame: pd.DataFrame,
          ids: pd.Series, column: str | None, kinds: tuple[int, ...]) -> pd.Series | None:
    if column is not None:
        return frame[column].astype("boolean")
    if kinds:
        return _has_placement(records, tables, ids, kinds)
    return None


def participants(records: Records, tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per participant: the participants table plus, per indicator ``x``, the
    columns ``hit__x`` (numerator) and, where declared, ``base__x`` (denominator)."""
    spec, frame = _table(records, tables, "participants")
    out = frame.copy()
    ids = frame[spec.key("id")]
    for name, ind in records.indicators.items():
        out[HIT.format(name)] = _part(records, tables, frame, ids, ind.numerator_column,
                                      ind.numerator_kinds)
        base = _part(records, tables, frame, ids, ind.denominator_column,
                     ind.denominator_kinds)
        if base is not None:
            out[BASE.format(name)] = base
    return out


def indicator_specs(records: Records, names: list[str] | None = None) -> list[dict[str, Any]]:
    """The indicators (all, or ``names``) as :func:`survey.monitoring.indicator_table`
    takes them, on the frame of :func:`participants`."""
    out = []
    for name, ind in records.indicators.items():
        if names is not None and name not in names:
            continue
        has_base = ind.denominator_column is not None or bool(ind.denominator_kinds)
        out.append({"name": name, "label": ind.label, "numerator": HIT.format(name),
                    "denominator": BASE.format(name) if has_base else None,
                    "target": ind.target, "direction": ind.direction, "by": ind.by})
    return out


def placements(records: Records, tables: Mapping[str, pd.DataFrame]
               ) -> tuple[pd.DataFrame, str, str, dict[str, str]]:
    """The placements table, its person and kind columns, and the kinds (label → label,
    in code order, so that kinds without a placement get a row)."""
    spec, frame = _table(records, tables, "placements")
    kind = spec.columns[spec.key("kind")]
    return (frame, spec.key("person"), spec.key("kind"),
            {label: label for _, label in sorted(kind.levels.items())})


def stage_labels(records: Records) -> dict[str, str]:
    """Take-up stage column → its label, in stage order."""
    spec = records.role("takeup")
    return {} if spec is None else {s: spec.columns[s].label for s in spec.stages}


def takeup(records: Records, tables: Mapping[str, pd.DataFrame]
           ) -> tuple[pd.DataFrame, str, str, list[str]]:
    """The take-up table (one row per child × benefit), its unit and benefit columns and
    the stage columns in order."""
    spec, frame = _table(records, tables, "takeup")
    return frame, spec.key("unit"), spec.key("benefit"), list(spec.stages)


def reasons(records: Records, tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per child × benefit × reason given: ``unit, benefit, stage`` (the stage
    where the child stopped, the first "no") and ``reason`` (its label, a categorical in
    code order). Empty when the take-up table declares no reason column."""
    spec, frame = _table(records, tables, "takeup")
    unit, benefit = spec.key("unit"), spec.key("benefit")
    columns = ["unit", "benefit", "stage", "reason"]
    if spec.reason is None:
        return pd.DataFrame(columns=columns)
    codes = spec.columns[spec.reason].codes
    matrix = frame[spec.stages].fillna(False).to_numpy(dtype=bool)
    stopped = np.where(~matrix.all(axis=1), np.argmin(matrix, axis=1), -1)
    rows = []
    for code, label in codes.items():
        given = frame[f"{spec.reason}_{code}"].fillna(0).to_numpy() == 1
        for i in np.flatnonzero(given):
            rows.append((frame[unit].iloc[i], frame[benefit].iloc[i],
                         spec.stages[stopped[i]] if stopped[i] >= 0 else None, label))
    out = pd.DataFrame(rows, columns=columns)
    out["reason"] = pd.Categorical(out["reason"], categories=list(codes.values()))
    out["stage"] = pd.Categorical(out["stage"], categories=list(spec.stages), ordered=True)
    out["benefit"] = pd.Categorical(out["benefit"],
                                    categories=list(frame[benefit].cat.categories))
    return out


def card(records: Records, tables: Mapping[str, pd.DataFrame]
         ) -> tuple[pd.DataFrame, dict[str, Any]]:
    """The card ratings (``person, area, rater, occasion, value``; value as its code, a
    float) and the facts the analyses need: ``self``/``coach`` (the raters' labels),
    ``categories`` (the value codes), ``occasions`` (labels in order), ``areas``."""
    spec, frame = _table(records, tables, "card")
    rater = spec.columns[spec.key("rater")]
    value = spec.columns[spec.key("value")]
    area = spec.columns[spec.key("area")]
    out = pd.DataFrame({"person": frame[spec.key("person")].astype(str),
                        "area": frame[spec.key("area")],
                        "rater": frame[spec.key("rater")]})
    occasion = spec.keys.get("occasion")
    if occasion is not None:
        out["occasion"] = frame[occasion]
        occasions = list(frame[occasion].cat.categories)
    else:
        out["occasion"] = "1"
        occasions = ["1"]
    if value.type == "numeric":
        out["value"] = frame[spec.key("value")].astype(float)
        categories: list[float] = sorted(out["value"].dropna().unique())
    else:
        lookup = {label: float(code) for code, label in value.levels.items()}
        out["value"] = frame[spec.key("value")].astype(object).map(lookup).astype(float)
        categories = sorted(lookup.values())
    return out, {"self": rater.levels[spec.self_code], "coach": rater.levels[spec.coach_code],
                 "categories": categories, "occasions": occasions,
                 "areas": list(area.levels.values()), "value_label": value.label}


def project_counts(records: Records, tables: Mapping[str, pd.DataFrame],
                   indicator: Indicator) -> tuple[int, int]:
    """(hits, base) of one indicator in one project: the counts a funnel plot shows."""
    frame = participants(records, tables)
    hit = frame[HIT.format(indicator.name)].astype("boolean")
    name = BASE.format(indicator.name)
    base = (frame[name].fillna(False).astype(bool) if name in frame.columns
            else pd.Series(True, index=frame.index))
    return int((hit.fillna(False).astype(bool) & base).sum()), int(base.sum())
