"""The typed model of a codebook's ``records:`` and ``indicators:`` sections
(docs/codebook.md, "Record tables"): the tables a project keeps about its participants
(one row per person, per placement, per child × benefit, per card rating), each with its
own raw file, and the indicators declared against targets.

:mod:`survey.codebookrecords` builds it from ``codebook.yml``; :mod:`survey.cleanrecords`
cleans the raw files; :mod:`survey.monitorload` turns the clean tables into the frames the
monitoring analyses take.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

#: What a record table is for (``role:``), each at most once per codebook.
ROLES = ("participants", "placements", "takeup", "card")
#: Column types of a record table.
RECORD_TYPES = ("text", "yesno", "binary", "nominal", "ordinal", "numeric", "date", "coded")
#: Types whose cells are codes with labels (clean: a categorical of labels).
LABELLED_TYPES = ("binary", "nominal", "ordinal")
#: Which way an indicator is good (``direction:``).
INDICATOR_DIRECTIONS = ("at_least", "at_most")
#: The keys each role names columns with, and the column types each allows.
ROLE_KEYS: dict[str, dict[str, tuple[str, ...]]] = {
    "participants": {"id": ("text",)},
    "placements": {"person": ("text",), "kind": ("nominal", "ordinal", "binary")},
    "takeup": {"unit": ("text",), "benefit": ("nominal", "ordinal", "binary")},
    "card": {"person": ("text",), "area": ("nominal", "ordinal"),
             "rater": ("nominal", "binary"), "occasion": ("ordinal", "nominal", "binary"),
             "value": ("ordinal", "numeric")},
}


@dataclass(frozen=True)
class RecordColumn:
    """One column of a record table.

    ``levels`` (binary, nominal, ordinal) and ``codes`` (coded: several codes per cell)
    map codes to labels; a cell may hold the code or the label.
    """

    name: str
    label: str
    type: str
    source: str
    levels: dict[int, str] = field(default_factory=dict)
    codes: dict[int, str] = field(default_factory=dict)
    range: tuple[float, float] | None = None


@dataclass
class RecordTable:
    """One record table: its raw file, columns and role.

    ``keys`` are the role's named columns (``id``; ``person``, ``kind``; ``unit``,
    ``benefit``; ``person``, ``area``, ``rater``, ``occasion``, ``value``), ``stages`` the
    take-up stages in order (yes/no columns), ``reason`` the coded column of reasons for
    stopping, ``groupings`` the participants' categorical columns that reports group by,
    ``self_code``/``coach_code`` the card's rater codes.
    """

    name: str
    role: str
    raw: Path
    label: str
    columns: dict[str, RecordColumn]
    keys: dict[str, str] = field(default_factory=dict)
    stages: list[str] = field(default_factory=list)
    reason: str | None = None
    groupings: list[str] = field(default_factory=list)
    self_code: int | None = None
    coach_code: int | None = None

    def key(self, name: str) -> str:
        """The column the role's key ``name`` names (``"person"`` → ``"code"``)."""
        return self.keys[name]


@dataclass(frozen=True)
class Indicator:
    """An indicator against a target: the share of participants (of the denominator)
    that are hits.

    The numerator and the denominator are each either a yes/no column of the
    participants table (``column``) or "has at least one placement of these kinds"
    (``placement_kinds``, codes of the placements table's kind); a denominator of
    neither is every participant.
    """

    name: str
    label: str
    target: float
    direction: str = "at_least"
    numerator_column: str | None = None
    numerator_kinds: tuple[int, ...] = ()
    denominator_column: str | None = None
    denominator_kinds: tuple[int, ...] = ()
    by: str | None = None


@dataclass
class Records:
    """The record tables of a codebook (by name, in codebook order) and its indicators."""

    tables: dict[str, RecordTable] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)

    def role(self, role: str) -> RecordTable | None:
        """The table with ``role`` (one of :data:`ROLES`), or None."""
        return next((t for t in self.tables.values() if t.role == role), None)
