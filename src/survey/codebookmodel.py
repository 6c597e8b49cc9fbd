"""The codebook's typed model: variables, answer sets, derived crosses, scales, groupings,
hypotheses, splits and session-rating forms, and the one lookup of every analysable name
(:attr:`Codebook.columns`). :mod:`survey.codebookload` builds it from ``codebook.yml``;
import both from :mod:`survey.codebook`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from .codebookrecordmodel import Records
from .errors import CodebookError

TYPES = ("binary", "nominal", "ordinal", "numeric", "multi", "coded", "text", "date")
CATEGORICAL_TYPES = ("binary", "nominal", "ordinal")
#: Measurement levels of analysable columns (:attr:`Column.level`).
LEVELS = ("binary", "nominal", "ordinal", "numeric", "scale", "multi", "coded", "text", "date")
DIRECTIONS = ("positive", "negative", "two-sided")
_DONT_KNOW = re.compile(r"wei(ß|ss) nicht|don'?t know|unknown|unsicher|kann ich nicht sagen", re.I)


def missing_kind(label: str) -> str:
    """Classify a user-missing label: ``"dont_know"`` for "weiß nicht" and the like,
    ``"no_answer"`` otherwise.

    >>> missing_kind("weiß nicht"), missing_kind("keine Angabe")
    ('dont_know', 'no_answer')
    """
    return "dont_know" if _DONT_KNOW.search(label) else "no_answer"


#: The id of a study whose raw file has no respondent code (a codebook without ``id``):
#: each respondent's code is their row number in the raw file (an internal code, never
#: shown in a report).
ROW_ID = "respondent_row"


@dataclass(frozen=True)
class MissingCode:
    """A user-missing code: its value, label and kind (``dont_know`` or ``no_answer``)."""

    code: int
    label: str
    kind: str


@dataclass
class Variable:
    """One codebook variable, with its answer set resolved.

    ``levels`` are the codes as delivered; ``value_labels`` are the codes after
    ``reverse`` keying (higher = more of the construct), which is what the clean
    data and all statistics use.
    """

    name: str
    label: str
    type: str
    source: str
    section: str | None = None
    answers: str | None = None
    levels: dict[int, str] = field(default_factory=dict)
    missing: dict[int, MissingCode] = field(default_factory=dict)
    top_box: list[int] = field(default_factory=list)
    reverse: bool = False
    range: tuple[float, float] | None = None
    integer: bool = False
    options: dict[str, str] = field(default_factory=dict)
    option_sources: dict[str, str] = field(default_factory=dict)
    codes: dict[int, str] = field(default_factory=dict)
    filter: str | None = None
    max_choices: int | None = None
    date_format: str | None = None
    #: delivered text codes read as the codebook's codes ({"A1": 1, "Y": 1}; docs/codebook.md)
    raw_codes: dict[str, int] = field(default_factory=dict)
    #: multi: True when an option left blank by someone who ticked another counts as 0
    blank_unticked: bool = False

    @property
    def ordered(self) -> bool:
        return self.type == "ordinal"

    @property
    def is_categorical(self) -> bool:
        return self.type in CATEGORICAL_TYPES

    def reverse_code(self, code: float) -> float:
        """The reverse-keyed value of ``code``: min + max of the valid levels − code."""
        return min(self.levels) + max(self.levels) - code

    @property
    def value_labels(self) -> dict[int, str]:
        """Codes (after reverse keying) → labels, sorted by code."""
        if not self.reverse:
            return dict(sorted(self.levels.items()))
        return dict(sorted((int(self.reverse_code(c)), lab) for c, lab in self.levels.items()))

    @property
    def columns(self) -> list[str]:
        """The clean data columns this variable produces."""
        if self.type == "multi":
            return list(self.options)
        if self.type == "coded":
            return [f"{self.name}_{code}" for code in self.codes]
        return [self.name]

    @property
    def sources(self) -> list[str]:
        """The raw columns this variable is read from."""
        if self.type == "multi":
            return [self.option_sources[o] for o in self.options]
        return [self.source]

    @property
    def column_labels(self) -> dict[str, str]:
        """Clean column → label (options and codes for multi/coded)."""
        if self.type == "multi":
            return dict(self.options)
        if self.type == "coded":
            return {f"{self.name}_{c}": lab for c, lab in self.codes.items()}
        return {self.name: self.label}


@dataclass(frozen=True)
class Column:
    """What the analyses need to know about one analysable name.

    Built for every variable, every multi option and coded-answer column, every derived
    cross and every scale by :attr:`Codebook.columns`; the one place that knows how these
    kinds differ.

    Attributes
    ----------
    name : str
        The name (a clean data column, except for ``kind == "set"``).
    kind : str
        ``variable`` (one clean column), ``set`` (a multi or coded variable: several
        0/1 columns), ``option`` (one of a multi variable's columns), ``code`` (one of a
        coded variable's columns), ``derived`` (a cross) or ``scale`` (a scale score).
    level : str
        Measurement level, one of :data:`LEVELS`: the variable's type; ``binary`` for an
        option or code column (0/1), ``nominal`` for a derived cross, ``scale`` for a
        scale score.
    label, section : str, str or None
        As in the codebook (an option's or code's label; a column inherits its set's
        section).
    variable : str
        The codebook entry it belongs to: the multi/coded variable for its columns,
        itself otherwise.
    data_columns : tuple of str
        The clean columns holding it (a set's options; otherwise ``(name,)``).
    levels : dict
        Delivered code → answer label, in codebook listing order (categorical only).
    keyed : dict
        Keyed code (after ``reverse: true``) → answer label, sorted by code: the values
        statistics use (categorical only).
    top_box : tuple of int
        Delivered codes that count as "has the resource" (docs/results.md), also when reversed.
    reverse : bool
        ``reverse: true`` on the variable.
    groups : tuple of str
        The categories as groups, in codebook listing order (group_a = ``groups[0]``);
        empty for non-categorical columns.
    filter : str or None
        The filter expression of the question (its base), for a column of a filtered
        variable.
    """

    name: str
    kind: str
    level: str
    label: str
    section: str | None = None
    variable: str = ""
    data_columns: tuple[str, ...] = ()
    levels: dict[int, str] = field(default_factory=dict)
    keyed: dict[int, str] = field(default_factory=dict)
    top_box: tuple[int, ...] = ()
    reverse: bool = False
    groups: tuple[str, ...] = ()
    filter: str | None = None

    @property
    def is_categorical(self) -> bool:
        """Binary, nominal, ordinal or a derived cross: values are labelled categories."""
        return self.level in CATEGORICAL_TYPES

    @property
    def top_box_labels(self) -> tuple[str, ...]:
        """The answer labels of the top-box codes."""
        return tuple(self.levels[c] for c in self.top_box)


def _cross_groups(parts: list[Column]) -> tuple[str, ...]:
    """The categories of a cross, first variable slowest, each in listing order."""
    groups = [""]
    for part in parts:
        groups = [f"{g} / {part.label}: {lvl}" if g else f"{part.label}: {lvl}"
                  for g in groups for lvl in part.groups]
    return tuple(groups)


def column_index(variables: dict[str, Variable], derived: dict[str, Derived],
                 scales: dict[str, Scale]) -> dict[str, Column]:
    """Every analysable name → its :class:`Column`, in codebook order: each variable
    (a multi/coded variable followed by its columns), then derived crosses, then scales.
    """
    out: dict[str, Column] = {}
    for name, var in variables.items():
        common = {"section": var.section, "variable": name, "filter": var.filter}
        if var.type in ("multi", "coded"):
            out[name] = Column(name, "set", var.type, var.label,
                               data_columns=tuple(var.columns), **common)
            kind = "option" if var.type == "multi" else "code"
            for col, label in var.column_labels.items():
                out[col] = Column(col, kind, "binary", label, data_columns=(col,), **common)
            continue
        out[name] = Column(
            name, "variable", var.type, var.label, data_columns=(name,),
            levels=dict(var.levels), keyed=var.value_labels if var.is_categorical else {},
            top_box=tuple(var.top_box), reverse=var.reverse,
            groups=tuple(var.levels.values()), **common)
    for name, der in derived.items():
        out[name] = Column(name, "derived", "nominal", der.label, der.section, name, (name,),
                           groups=_cross_groups([out[s] for s in der.sources]))
    for name, scale in scales.items():
        out[name] = Column(name, "scale", "scale", scale.label, scale.section, name, (name,))
    return out


@dataclass
class Derived:
    """A cross of categorical variables (e.g. single parent × child under 3)."""

    name: str
    label: str
    sources: list[str]
    section: str | None = None


@dataclass
class Scale:
    """A scale score: the mean of answered items (keyed) when ``min_items`` are answered."""

    name: str
    label: str
    items: list[str]
    min_items: int
    reverse: list[str] = field(default_factory=list)
    section: str | None = None


@dataclass
class Grouping:
    """A grouping for comparisons: one variable (two or more groups) or a cross of several."""

    name: str
    label: str
    variables: list[str]


@dataclass
class Hypothesis:
    """A directed or two-sided association between ``x`` and each of ``y``."""

    name: str
    text: str
    x: str
    y: list[str]
    direction: str = "two-sided"
    confirmatory: bool = False
    caveat: str | None = None


@dataclass
class Split:
    """A split into a group with weak and one with strong resources (docs/codebook.md ``splits``).

    ``method`` ``cut``: weak when the mean of the ``scales`` scores is below ``below``;
    ``mixture``: a seeded two-component Gaussian mixture on the standardised scores.
    ``by``: the groupings whose share of the weak group is compared.
    """

    name: str
    label: str
    scales: list[str]
    method: str
    below: float | None = None
    by: list[str] = field(default_factory=list)
    seed: int = 20220110


@dataclass
class SessionRatings:
    """The optional session-rating block: a feedback-form table belonging to the wave."""

    raw: Path
    id: str
    date: str
    rater: str
    items: dict[str, str]
    range: tuple[float, float]
    cutoff: float | None = None
    label: str = "Session Rating Scale"
    sources: dict[str, str] = field(default_factory=dict)
    #: ``"internal"`` (default): results per counsellor only in the internal version;
    #: ``"shared"``: also in shared reports (docs/registry.md)
    rater_results: str = "internal"


@dataclass
class Codebook:
    """A validated codebook. Build it with :func:`load_codebook`."""

    path: Path
    instrument: str
    title: str
    language: str
    #: the clean data's index name: the respondent code, or :data:`ROW_ID`
    id: str
    #: the raw column of the respondent code; None: respondents are numbered by their row
    id_source: str | None
    missing: dict[int, MissingCode]
    sections: dict[str, str]
    variables: dict[str, Variable]
    derived: dict[str, Derived] = field(default_factory=dict)
    scales: dict[str, Scale] = field(default_factory=dict)
    groupings: dict[str, Grouping] = field(default_factory=dict)
    hypotheses: dict[str, Hypothesis] = field(default_factory=dict)
    splits: dict[str, Split] = field(default_factory=dict)
    session_ratings: SessionRatings | None = None
    #: record tables and indicators (docs/codebook.md, "Record tables"); None without
    records: Records | None = None

    # -- look-ups -------------------------------------------------------------------------
    @cached_property
    def columns(self) -> dict[str, Column]:
        """Every analysable name → :class:`Column`, in codebook order (see
        :func:`column_index`). The one lookup analyses use for level, label, section,
        answer labels, top box and groups."""
        return column_index(self.variables, self.derived, self.scales)

    def column(self, name: str) -> Column:
        """The :class:`Column` of a variable, option/code column, derived cross or scale.

        Raises
        ------
        CodebookError
            When the codebook defines no such name.
        """
        try:
            return self.columns[name]
        except KeyError:
            raise CodebookError(
                "is not a variable, option, coded-answer column, derived variable or scale "
                "of this codebook", file=self.path, key=name) from None

    def label(self, name: str) -> str:
        """The label of a variable, option/code column, derived variable or scale (the
        name itself when the codebook does not define it)."""
        col = self.columns.get(name)
        return col.label if col is not None else name

    def column_owners(self) -> dict[str, str]:
        """Clean column (and multi/coded variable name) → the variable it belongs to."""
        return {name: col.variable for name, col in self.columns.items()
                if col.kind in ("variable", "set", "option", "code")}

    def codes(self, data: pd.DataFrame, name: str) -> pd.Series:
        """Numeric values of a clean column: labels → (reverse-keyed) codes, NA kept.

        Scales, numeric, multi/coded 0/1 columns come back as float; derived crosses as
        their category position (0, 1, …).

        >>> cb = Codebook(Path("x"), "i", "t", "de", "id", "id", {}, {}, {
        ...     "v": Variable("v", "V", "ordinal", "v", levels={1: "lo", 2: "hi"})})
        >>> d = pd.DataFrame({"v": pd.Categorical(["hi", None, "lo"], ["lo", "hi"], ordered=True)})
        >>> cb.codes(d, "v").tolist()
        [2.0, nan, 1.0]
        """
        column = data[name]
        col = self.columns.get(name)
        if col is not None and col.keyed:
            lookup = {lab: float(code) for code, lab in col.keyed.items()}
            return column.astype(object).map(lookup).astype(float).rename(name)
        if isinstance(column.dtype, pd.CategoricalDtype):
            return column.cat.codes.replace(-1, np.nan).astype(float).rename(name)
        return pd.to_numeric(column, errors="coerce").astype(float).rename(name)
