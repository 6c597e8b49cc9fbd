"""The result tables of SPEC §7 as a report shows them: small-cell suppression and formatting.

Analyses return tidy DataFrames, numbers at full precision (STYLE convention 3). This
module is the one place that turns them into what may leave the building:

- :data:`TABLES`, the registry: per table which columns are counts, what is computed from
  each count (withheld with it), which columns are unit-interval statistics (shown without
  a leading zero), decimals, text columns, and the columns a report shows by default;
- :func:`suppress`: counts below ``min_cell`` and whatever a reader could recover one from
  become NaN; a ``suppressed`` column lists them per row;
- :func:`write`: the CSV beside the report (suppressed under ``reports/``, full under
  ``reports-intern/``);
- :func:`display`: the formatted pandas Styler a notebook shows, and :func:`legend`, the
  one-line explanation of its markers.

Markers
-------
``< 5`` (with the actual ``min_cell``)
    a count of 1 … ``min_cell`` − 1 persons, withheld.
``.``
    withheld because it is computed from so few cases, or because a withheld count could
    be worked out from it (a percentage of that count, or a second count withheld so that
    the first cannot be recovered by subtraction). The point is official statistics' sign
    for "secret" (Destatis, Zeichenerklärung: "Zahlenwert unbekannt oder geheim zu
    halten").
``–``
    not computable (a true NaN, e.g. an SD of one value).

Zero counts are shown: an empty cell discloses nothing about a person.

Suppression rules
-----------------
Every table: a count of 1 … ``min_cell`` − 1 is withheld together with what is computed
from it (``TableSpec.derived``) and what would reveal it (``TableSpec.reveals``). Then,
per table (``TableSpec.rule``):

``"distribution"`` (sample, frequencies)
    The rows of one block (a variable, a grouping) add up to its base, which is shown;
    the valid rows add up to the number of valid answers, which any shown ``pct_valid``
    reveals (n / pct_valid); the other rows make up the difference. In each of these two
    sets a lone withheld count could be recovered by subtraction, so the smallest other
    non-zero count of the set is withheld too (secondary suppression). When a lone small
    missing-kind row has no partner (only "weiß nicht" is non-zero), the valid-percentage
    column of the block is withheld and a valid row with it, so that the number of valid
    answers is no longer known. Cumulative percentages between the first and the last
    withheld valid row are withheld (each would reveal a partial sum). A base below
    ``min_cell`` withholds the whole block.
``"responses"`` (multi_response, coded)
    A small base withholds the row; a small ``n`` withholds ``n`` and ``pct_cases``, and so
    does a small complement ``base_n − n`` (those who did *not* tick the option). The
    groups of a grouping add up to the total row, so a lone withheld cell among them gets
    a partner, as in ``"distribution"`` (bases likewise). Then ``pct_responses`` of every
    row of that variable × grouping × group is withheld (the total of responses would
    reveal the count).
``"components"`` (items)
    ``n_valid + n_dont_know + n_missing = base_n``: a lone withheld component gets the
    smallest other non-zero component as partner (``top_box_pct`` goes with ``n_valid``,
    which it would reveal); ``n_valid`` below ``min_cell`` withholds mean, SD, median and
    top-box share; a small ``n_top_box`` or a small ``n_valid − n_top_box`` withholds
    ``n_top_box`` and ``top_box_pct``.
``"sums"`` (missingness)
    Counts of a row that add up to another count of the row (``TableSpec.sums``: asked
    + not asked = N, valid + missing = asked, the kinds of missing = missing): wherever
    one of them is withheld alone, the smallest other non-zero part is withheld too, or
    the total when no part is left; repeated until no identity gives a count away.
``"row"`` (reliability, item_total, and tables not in the registry)
    A small count withholds the statistics of its row.

Suppression works on one table at a time. Identities *between* tables (e.g. ``items`` and
``frequencies`` of one variable share ``base_n`` and the number of valid answers) are
covered as far as both tables follow the same rules for the same numbers; a table added
later needs its own look at what it shares with the others.

Formatting
----------
Numbers are formatted with babel (``format_decimal``, locales ``de_DE`` and ``en_GB``):
``1.234,5`` / ``1,234.5``, rounded half away from zero on the decimal value the CSV shows
(SPSS and Excel round so; babel's default is half-to-even), negative numbers with a true
minus sign (U+2212), never ``−0,0``. Decimals (APA 7, section 6.36): counts 0, percentages
1, means, SDs 2, medians 1 (of codes: ``3,0``/``3,5``), correlations and reliability
coefficients (α, ω, mean r, item–rest r, α if deleted, CI bounds) 2 — the third decimal
of α is noise at the sample sizes here and APA asks for two — and p-values 3 (``< ,001``
below). Statistics that cannot exceed 1 in absolute value (p, r, α, ω, …) are shown
without a leading zero as APA and DGPs style want (``,05`` / ``.05``, ``−,12``).

Why pandas Styler + babel and not great_tables
----------------------------------------------
great_tables 1.1 (the Python port of R's gt, what gtsummary renders with) was checked: it
renders inside nbconvert HTML and its default output loads nothing from the web (only
``google_font()`` adds an ``@import`` of fonts.googleapis.com). It was not chosen because

- its inline CSS is not fully scoped: ``#id thead, tbody, tfoot, tr, td, th
  {border-style: none}`` and ``tr {background-color: transparent}`` apply to *every*
  table of the page, so one gt table restyles all other tables of a report;
- it adds ten packages to this environment (great_tables, htmltools, faicons, multimark
  with compiled code, nokap, lazy-importer, websockets, importlib-metadata/-resources,
  zipp; about 23 MB) where pandas (already needed) and babel (which great_tables itself
  uses for locales) suffice;
- what this module needs beyond a plain table is cell-by-cell logic (three different
  markers depending on *why* a value is missing, APA's leading-zero rule, merged CI
  columns) that gt's column formatters do not express; it would be a pre-formatted string
  table either way.

Styler's HTML is self-contained (an inline ``<style>`` scoped by the table's id), needs no
script and is what nbconvert embeds for ``_repr_html_``.

Examples
--------
>>> format_number(1234.5, "percent", "de")
'1.234,5'
>>> format_number(0.0004, "p", "en")
'< .001'
>>> format_number(-0.123, "unit", "de")
'−,12'
"""

from __future__ import annotations

import decimal
import html
import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from babel.numbers import format_decimal, get_decimal_symbol
from pandas.io.formats.style import Styler

from .fileio import write_table
from .messages import LANGUAGES, MESSAGES, text

__all__ = [
    "is_missing",
    "withheld_columns",
    "ROLES",
    "ROLE_DECIMALS",
    "COMBINED",
    "TableSpec",
    "TABLES",
    "SUPPRESSED",
    "SUPPRESSED_SMALL",
    "SUPPRESSED_NEAR_TOTAL",
    "SECRET",
    "NOT_COMPUTABLE",
    "spec_for",
    "format_number",
    "suppress",
    "write",
    "publish",
    "figure_rows",
    "display",
    "shown_columns",
    "legend",
]

logger = logging.getLogger(__name__)

#: Column listing each row's withheld columns (";"-joined, "" when none).
SUPPRESSED = "suppressed"
#: Column listing the withheld counts that were below ``min_cell`` (shown as "< 5").
SUPPRESSED_SMALL = "suppressed_small"
#: Bookkeeping column: withheld counts that are close to their total (a small complement,
#: e.g. 181 of 185 ticked an option); a report shows them as ``"> total − min_cell"``.
SUPPRESSED_NEAR_TOTAL = "suppressed_near_total"
_BOOKKEEPING = ("suppressed", "suppressed_small", "suppressed_near_total")
#: Marker of a withheld value that is not itself a small count.
SECRET = "."
#: Marker of a value that cannot be computed (a true NaN).
NOT_COMPUTABLE = "–"

_MINUS = "\u2212"
_LOCALES = {"de": "de_DE", "en": "en_GB"}
_TOTAL = "total"

#: Roles of columns: how a column is suppressed, formatted and aligned.
ROLES: dict[str, str] = {
    "text": "text shown as it is, left-aligned (labels, names, notes)",
    "kind": "a kind of value (valid, dont_know, …) shown through the catalogue",
    "test": "a test's SPEC name (welch_t, …) shown by its name in the catalogue",
    "group": "a group; 'total' is shown as 'Gesamt'/'Total'",
    "bool": "shown as 'ja'/'nein' ('yes'/'no')",
    "code": "an integer code, no thousands separator",
    "int": "an integer that is not a count of persons (number of items)",
    "count": "a count of persons: 1 … min_cell − 1 is withheld",
    "percent": "a percentage (0–100)",
    "stat": "a statistic on the scale of the data (mean, SD, median)",
    "unit": "a statistic in [−1, 1] shown without leading zero (r, α, ω)",
    "p": "a p-value: no leading zero, '< ,001' below 10**-decimals",
}

#: Default decimals per numeric role (a :class:`TableSpec` may override per column).
ROLE_DECIMALS: dict[str, int] = {
    "code": 0, "int": 0, "count": 0, "percent": 1, "stat": 2, "unit": 2, "p": 3,
}

_TEXT_ROLES = frozenset({"text", "kind", "test", "group", "bool"})

#: Columns a report shows as one: ``[low; high]`` (German) / ``[low, high]`` (English).
COMBINED: dict[str, tuple[str, str]] = {
    "alpha_ci": ("alpha_ci_low", "alpha_ci_high"),
    "ci": ("ci_low", "ci_high"),
    "top_box_ci": ("top_box_ci_low", "top_box_ci_high"),
}


@dataclass(frozen=True)
class TableSpec:
    """How one result table is suppressed and shown.

    Parameters
    ----------
    roles : mapping
        Column → role (a key of :data:`ROLES`). Columns not listed are formatted by dtype
        and never shown by default.
    derived : mapping
        Count column → columns computed from it alone, withheld when the count is small
        (below ``min_cell``): percentages of it and statistics of so few cases.
    reveals : mapping
        Count column → columns from which the count could be worked out, withheld whenever
        the count is withheld (also as a partner in secondary suppression).
    rule : {"row", "distribution", "responses", "components"}
        The table's secondary suppression (see the module docstring).
    blocks : tuple of str
        Columns whose values identify rows that add up to one total (a frequency table of
        one variable; the options of one multiple-response set for one group).
    partition : tuple of str
        ``"responses"``: columns identifying one cell split by the groups of a grouping
        (``variable, option, grouping``); its groups add up to the ``total`` row.
    base : str, optional
        Column holding the base of a block (``base_n``).
    valid_share, cumulative, block_share : str, optional
        ``pct_valid``, ``pct_valid_cum``, ``pct_responses``: percentages of a sum of
        counts that are not the base.
    components : tuple of str
        ``"components"``: counts adding up to ``base`` within a row.
    complement : mapping
        Count → its total: a small ``total − count`` withholds the count like a small
        count (those who did *not* tick an option are as few).
    show : tuple of str
        The columns a report shows, in order (may name a :data:`COMBINED` column).
    show_if_varies : tuple of str
        Columns of ``show`` left out when every row has the same value.
    show_if_any : tuple of str
        Columns of ``show`` left out when every row is empty.
    decimals : mapping
        Column → decimals, overriding :data:`ROLE_DECIMALS`.
    headers : mapping
        Column → catalogue key of its header (default ``col.<column>``).
    private_rows : mapping
        Column → values whose rows a shared table leaves out entirely (e.g. the rows of
        ``session_ratings`` per participant, keyed by a respondent code).
    sums : tuple of (total, parts)
        ``"sums"``: within a row, count ``total`` is the sum of the counts ``parts`` (one
        identity per entry; a part may be the total of the next).
    """

    roles: Mapping[str, str]
    derived: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    reveals: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    rule: str = "row"
    blocks: tuple[str, ...] = ()
    partition: tuple[str, ...] = ()
    base: str | None = None
    valid_share: str | None = None
    cumulative: str | None = None
    block_share: str | None = None
    components: tuple[str, ...] = ()
    complement: Mapping[str, str] = field(default_factory=dict)
    show: tuple[str, ...] = ()
    show_if_varies: tuple[str, ...] = ()
    show_if_any: tuple[str, ...] = ()
    decimals: Mapping[str, int] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
    private_rows: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    sums: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def counts(self) -> tuple[str, ...]:
        """The count columns, in ``roles`` order."""
        return tuple(c for c, r in self.roles.items() if r == "count")

    def decimals_of(self, column: str) -> int:
        """Decimals of ``column`` (its override, else its role's default, else 2)."""
        if column in self.decimals:
            return self.decimals[column]
        return ROLE_DECIMALS.get(self.roles.get(column, "stat"), 2)

    def header_key(self, column: str) -> str:
        """Catalogue key of ``column``'s header."""
        return self.headers.get(column, f"col.{column}")


_RELIABILITY_STATS = ("alpha", "alpha_ci_low", "alpha_ci_high", "alpha_std", "mean_r", "omega",
                      "mean", "sd")

def _responses_spec(key: str, key_role: str, label_header: str) -> TableSpec:
    """The spec of a multiple-response table (``multi_response``, ``coded``): one row per
    option or code (``key``) × grouping × group, each with its base."""
    return TableSpec(
        roles={"variable": "text", "variable_label": "text", key: key_role, "label": "text",
               "grouping": "text", "grouping_label": "text", "group": "group",
               "base_n": "count", "n": "count", "pct_cases": "percent", "ci_low": "percent",
               "ci_high": "percent", "pct_responses": "percent"},
        derived={"base_n": ("n", "pct_cases", "ci_low", "ci_high", "pct_responses")},
        reveals={"n": ("pct_cases", "ci_low", "ci_high"),
                 "base_n": ("pct_cases", "ci_low", "ci_high")},
        rule="responses", blocks=("variable", "grouping", "group"),
        partition=("variable", key, "grouping"), base="base_n",
        block_share="pct_responses", complement={"n": "base_n"},
        show=("variable_label", "grouping_label", "group", "label", "n", "pct_cases", "ci",
              "pct_responses"),
        show_if_varies=("variable_label", "grouping_label", "group"),
        headers={"label": label_header, "variable_label": "col.question"},
    )


_COMPARISON_STATS = ("center_a", "center_b", "statistic", "df", "df2", "p", "p_adj",
                     "effect_size", "ci_low", "ci_high", "odds_ratio", "or_ci_low",
                     "or_ci_high")

#: The registry: one :class:`TableSpec` per SPEC §7 table.
TABLES: dict[str, TableSpec] = {
    "sample": TableSpec(
        roles={"grouping": "text", "grouping_label": "text", "group": "group", "kind": "kind",
               "n": "count", "percent": "percent", "pct_valid": "percent"},
        reveals={"n": ("percent", "pct_valid")},
        rule="distribution", blocks=("grouping",), valid_share="pct_valid",
        show=("grouping_label", "group", "n", "percent", "pct_valid"),
    ),
    "frequencies": TableSpec(
        roles={"variable": "text", "label": "text", "section": "text", "code": "code",
               "value_label": "text", "kind": "kind", "n": "count", "pct": "percent",
               "pct_valid": "percent", "ci_low": "percent", "ci_high": "percent",
               "pct_valid_cum": "percent", "base_n": "count"},
        reveals={"n": ("pct", "pct_valid", "ci_low", "ci_high", "pct_valid_cum")},
        derived={"base_n": ("n", "pct", "pct_valid", "ci_low", "ci_high", "pct_valid_cum")},
        rule="distribution", blocks=("variable",), base="base_n", valid_share="pct_valid",
        cumulative="pct_valid_cum",
        show=("label", "value_label", "n", "pct", "pct_valid", "ci", "pct_valid_cum"),
        show_if_varies=("label",),
        headers={"label": "col.question"},
    ),
    "items": TableSpec(
        roles={"variable": "text", "label": "text", "section": "text", "type": "text",
               "base_n": "count", "n_valid": "count", "n_dont_know": "count",
               "n_missing": "count", "mean": "stat", "sd": "stat", "median": "stat",
               "n_top_box": "count", "top_box_pct": "percent", "top_box_ci_low": "percent",
               "top_box_ci_high": "percent"},
        derived={"base_n": ("n_valid", "n_dont_know", "n_missing", "mean", "sd", "median",
                            "n_top_box", "top_box_pct", "top_box_ci_low", "top_box_ci_high"),
                 "n_valid": ("mean", "sd", "median", "top_box_pct", "top_box_ci_low",
                             "top_box_ci_high")},
        reveals={"n_valid": ("top_box_pct", "top_box_ci_low", "top_box_ci_high"),
                 "n_top_box": ("top_box_pct", "top_box_ci_low", "top_box_ci_high")},
        rule="components", base="base_n", components=("n_valid", "n_dont_know", "n_missing"),
        complement={"n_top_box": "n_valid"},
        show=("label", "base_n", "n_valid", "mean", "sd", "median", "top_box_pct",
              "top_box_ci"),
        decimals={"median": 1},
        headers={"label": "col.item"},
    ),
    "multi_response": _responses_spec("option", "text", "col.value_label"),
    "coded": _responses_spec("code", "code", "col.category"),
    "reliability": TableSpec(
        roles={"scale": "text", "label": "text", "section": "text", "n_items": "int",
               "n_complete": "count", "alpha": "unit", "alpha_ci_low": "unit",
               "alpha_ci_high": "unit", "alpha_std": "unit", "mean_r": "unit",
               "omega": "unit", "mean": "stat", "sd": "stat", "problems": "text"},
        derived={"n_complete": _RELIABILITY_STATS},
        show=("label", "n_items", "n_complete", "alpha", "alpha_ci", "omega", "mean", "sd",
              "problems"),
        show_if_any=("problems",),
        headers={"label": "col.scale"},
    ),
    "item_total": TableSpec(
        roles={"scale": "text", "item": "text", "label": "text", "reversed": "bool",
               "n_complete": "count", "mean": "stat", "sd": "stat", "r_item_rest": "unit",
               "alpha_if_deleted": "unit"},
        derived={"n_complete": ("mean", "sd", "r_item_rest", "alpha_if_deleted")},
        show=("label", "reversed", "mean", "sd", "r_item_rest", "alpha_if_deleted"),
        headers={"label": "col.item"},
    ),
    "group_comparisons": TableSpec(
        roles={"variable": "text", "label": "text", "section": "text", "grouping": "text",
               "grouping_label": "text", "family": "text", "term": "text", "group_a": "text",
               "group_b": "text", "n_a": "count", "n_b": "count", "n_min": "count",
               "center": "text", "center_a": "stat", "center_b": "stat", "test": "test",
               "statistic": "stat", "df": "stat", "df2": "stat", "p": "p", "p_adj": "p",
               "effect": "text", "effect_size": "stat", "ci_low": "stat", "ci_high": "stat",
               "ci_method": "text", "odds_ratio": "stat", "or_ci_low": "stat",
               "or_ci_high": "stat", "small_cell": "bool", "reason": "text"},
        derived={count: _COMPARISON_STATS for count in ("n_a", "n_b", "n_min")},
        show=("label", "term", "group_a", "group_b", "center_a", "center_b", "statistic",
              "p", "p_adj", "effect_size", "ci"),
        show_if_any=("term", "group_a", "group_b", "center_a", "center_b"),
        show_if_varies=("group_a", "group_b"),
        decimals={"df": 1, "df2": 0},
        headers={"label": "col.question"},
    ),
    "hypotheses": TableSpec(
        roles={"hypothesis": "text", "text": "text", "x": "text", "x_label": "text",
               "y": "text", "y_label": "text", "confirmatory": "bool", "family": "text",
               "primary": "bool", "test": "test", "n": "count", "statistic": "stat",
               "df": "stat", "p": "p", "p_adj": "p", "alternative": "text", "effect": "text",
               "effect_size": "unit", "ci_low": "unit", "ci_high": "unit",
               "ci_method": "text", "direction": "text", "supported": "bool",
               "verdict": "text", "caveat": "text", "reason": "text"},
        derived={"n": ("statistic", "df", "p", "p_adj", "effect_size", "ci_low", "ci_high",
                       "supported", "verdict")},
        show=("y_label", "test", "statistic", "p", "p_adj", "effect_size", "ci", "verdict"),
        decimals={"df": 0},
        headers={"y_label": "col.y_label"},
    ),
    "session_ratings": TableSpec(
        roles={"unit": "kind", "key": "text", "n_forms": "count", "n_people": "count",
               "mean_total": "stat", "median_total": "stat", "sd_total": "stat",
               "pct_below_cutoff": "percent", "pct_ceiling": "percent",
               "forms_per_week_median": "stat", "forms_per_week_min": "int",
               "forms_per_week_max": "int", "first_total": "stat", "last_total": "stat",
               "mean_person": "stat", "pct_people_below": "percent"},
        derived={"n_forms": ("mean_total", "median_total", "sd_total", "pct_below_cutoff",
                             "pct_ceiling", "first_total", "last_total", "mean_person",
                             "pct_people_below"),
                 "n_people": ("mean_person", "pct_people_below")},
        show=("unit", "key", "n_forms", "n_people", "mean_total", "median_total",
              "pct_below_cutoff", "pct_ceiling", "mean_person", "pct_people_below"),
        show_if_varies=("unit",),
        show_if_any=("n_people", "mean_person", "pct_people_below"),
        decimals={"forms_per_week_median": 1, "mean_total": 1, "median_total": 1,
                  "sd_total": 1, "first_total": 1, "last_total": 1, "mean_person": 1},
        private_rows={"unit": ("participant",)},
    ),
    "rating_items": TableSpec(
        roles={"item": "text", "label": "text", "n_forms": "count", "mean": "stat",
               "sd": "stat", "median": "stat", "mean_person": "stat"},
        derived={"n_forms": ("mean", "sd", "median", "mean_person")},
        show=("label", "n_forms", "mean", "sd", "median", "mean_person"),
        headers={"label": "col.statement"},
    ),
    "wave_comparison": TableSpec(
        roles={"variable": "text", "label": "text", "section": "text",
               "section_label": "text", "wave_a": "text", "wave_b": "text", "n_a": "count",
               "n_b": "count", "k_a": "count", "k_b": "count", "pct_a": "percent",
               "pct_b": "percent", "pct_a_low": "percent", "pct_a_high": "percent",
               "pct_b_low": "percent", "pct_b_high": "percent", "diff": "percent",
               "ci_low": "percent", "ci_high": "percent", "ci_method": "text",
               "test": "test", "p": "p", "p_adj": "p", "paired": "bool", "n_pairs": "count",
               "reason": "text"},
        derived={"n_a": ("k_a", "pct_a", "pct_a_low", "pct_a_high", "diff", "ci_low",
                         "ci_high", "p", "p_adj"),
                 "n_b": ("k_b", "pct_b", "pct_b_low", "pct_b_high", "diff", "ci_low",
                         "ci_high", "p", "p_adj"),
                 "k_a": ("pct_a", "pct_a_low", "pct_a_high", "diff", "ci_low", "ci_high"),
                 "k_b": ("pct_b", "pct_b_low", "pct_b_high", "diff", "ci_low", "ci_high")},
        complement={"k_a": "n_a", "k_b": "n_b"},
        show=("label", "n_a", "pct_a", "n_b", "pct_b", "diff", "ci", "p", "p_adj"),
        headers={"label": "col.item", "pct_a": "col.pct_a", "pct_b": "col.pct_b"},
    ),
    "splits": TableSpec(
        roles={"split": "text", "label": "text", "method": "text", "grouping": "text",
               "grouping_label": "text", "group": "group", "n": "count", "n_weak": "count",
               "pct_weak": "percent", "ci_low": "percent", "ci_high": "percent"},
        derived={"n": ("n_weak", "pct_weak", "ci_low", "ci_high"),
                 "n_weak": ("pct_weak", "ci_low", "ci_high")},
        reveals={"n_weak": ("pct_weak", "ci_low", "ci_high")},
        rule="shares", complement={"n_weak": "n"},
        show=("grouping_label", "group", "n", "n_weak", "pct_weak", "ci"),
        show_if_varies=("grouping_label",),
    ),
    # the data-quality tables (survey.quality)
    "missingness": TableSpec(
        roles={"variable": "text", "label": "text", "section": "text", "type": "text",
               "n": "count", "not_asked": "count", "n_base": "count", "n_valid": "count",
               "dont_know": "count", "no_answer": "count", "system": "count",
               "invalid": "count", "n_missing": "count", "pct_missing": "percent"},
        derived={"n_base": ("n_valid", "dont_know", "no_answer", "system", "invalid",
                            "n_missing", "pct_missing")},
        reveals={"n_missing": ("pct_missing",), "n_valid": ("pct_missing",),
                 "n_base": ("pct_missing",)},
        rule="sums",
        sums=(("n", ("not_asked", "n_base")), ("n_base", ("n_valid", "n_missing")),
              ("n_missing", ("dont_know", "no_answer", "system", "invalid"))),
        show=("label", "n_base", "n_valid", "dont_know", "no_answer", "system", "invalid",
              "n_missing", "pct_missing"),
        headers={"label": "col.question", "n_base": "col.asked"},
    ),
    # missingness of the session-rating forms: one row per statement, N = forms
    "rating_missingness": TableSpec(
        roles={"variable": "text", "label": "text", "section": "text", "type": "text",
               "n": "count", "not_asked": "count", "n_base": "count", "n_valid": "count",
               "dont_know": "count", "no_answer": "count", "system": "count",
               "invalid": "count", "n_missing": "count", "pct_missing": "percent"},
        derived={"n_base": ("n_valid", "system", "invalid", "n_missing", "pct_missing")},
        reveals={"n_missing": ("pct_missing",), "n_valid": ("pct_missing",)},
        rule="sums",
        sums=(("n_base", ("n_valid", "n_missing")), ("n_missing", ("system", "invalid"))),
        show=("label", "n_base", "n_valid", "system", "invalid", "n_missing", "pct_missing"),
        headers={"label": "col.statement", "n_base": "col.forms"},
    ),
    "cleaning_log": TableSpec(
        roles={"variable": "text", "label": "text", "rule": "text", "rule_label": "text",
               "n_affected": "count", "description": "text", "detail": "text"},
        show=("label", "rule_label", "n_affected", "description", "detail"),
        show_if_any=("detail",),
        headers={"label": "col.question", "rule_label": "col.rule",
                 "description": "col.description"},
    ),
    "missing_reasons": TableSpec(
        roles={"variable": "text", "label": "text", "kind": "kind", "kind_label": "text",
               "code": "code", "reason": "text", "n": "count"},
        # a kind's rows add up to its cell of the missingness table: partners within it
        rule="distribution", blocks=("variable", "kind"),
        show=("label", "kind", "code", "reason", "n"),
        show_if_any=("code",),
        headers={"label": "col.question", "kind": "col.kind", "reason": "col.missing_reason"},
    ),
}

# Roles of columns of tables not (yet) in the registry, by name; the rest by dtype.
_GENERIC_ROLES: dict[str, str] = {
    "p": "p", "p_adj": "p", "r": "unit", "rho": "unit", "alpha": "unit", "omega": "unit",
    "reversed": "bool", "supported": "bool", "group": "group", "group_a": "group",
    "group_b": "group", "grouping": "text", "code": "code", "df": "stat",
}


def _is_count_name(column: str) -> bool:
    return column == "n" or column.startswith("n_") or column.endswith("_n")


def spec_for(name: str, frame: pd.DataFrame | None = None) -> TableSpec:
    """The registry's spec of ``name``, or one inferred from ``frame``'s columns.

    A table not in :data:`TABLES` gets roles from column names (``p``, ``p_adj`` → p-value;
    ``r`` → unit interval; ``n``, ``n_*``, ``*_n`` with numbers → counts) and otherwise from
    dtypes (booleans, numbers, text). A small count withholds every other number of its
    row (conservative: add a spec to say more precisely what is computed from what).
    """
    if name in TABLES:
        return TABLES[name]
    if frame is None:
        raise KeyError(f"no table spec {name!r} (known: {', '.join(TABLES)})")
    roles: dict[str, str] = {}
    for column in frame.columns:
        if column in _BOOKKEEPING:
            continue
        values = frame[column]
        col = str(column)
        if col in _GENERIC_ROLES:
            roles[col] = _GENERIC_ROLES[col]
        elif pd.api.types.is_bool_dtype(values):
            roles[col] = "bool"
        elif pd.api.types.is_numeric_dtype(values):
            if _is_count_name(col):
                roles[col] = "count"
            elif col.startswith(("pct", "percent")):
                roles[col] = "percent"
            else:
                roles[col] = "stat"
        else:
            roles[col] = "text"
    counts = [c for c, r in roles.items() if r == "count"]
    numbers = tuple(c for c, r in roles.items() if r not in _TEXT_ROLES and r != "count")
    return TableSpec(roles=roles, derived={c: numbers for c in counts})  # show: all


# --------------------------------------------------------------------------- numbers


def is_missing(x: Any) -> bool:
    """True for None, NA, NaT and NaN: a value a report shows as missing.

    >>> is_missing(float("nan")), is_missing(pd.NA), is_missing(0), is_missing("< 5")
    (True, True, False, False)
    """
    if x is None or x is pd.NA or x is pd.NaT:
        return True
    try:
        return bool(math.isnan(x))
    except (TypeError, ValueError):
        return False


def _check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {language!r}")
    return language


def _check_min_cell(min_cell: int) -> int:
    if isinstance(min_cell, bool) or not isinstance(min_cell, int | np.integer) or min_cell < 1:
        raise ValueError(f"min_cell must be a positive integer, got {min_cell!r}")
    return int(min_cell)


def format_number(x: Any, role: str = "stat", language: str = "de",
                  decimals: int | None = None) -> str:
    """Format one number for a report table.

    Parameters
    ----------
    x : number or None
        The value; None/NaN/NA give ``"–"``.
    role : str, default "stat"
        A numeric key of :data:`ROLES`: ``count``, ``int``, ``code``, ``percent``,
        ``stat``, ``unit`` (no leading zero) or ``p`` (no leading zero, ``< ,001``).
    language : {"de", "en"}
        ``de``: ``1.234,5``; ``en``: ``1,234.5`` (babel, locales de_DE / en_GB).
    decimals : int, optional
        Default :data:`ROLE_DECIMALS` of the role.

    Returns
    -------
    str
        Rounded half away from zero; negative numbers with U+2212 (``−``), no ``−0,0``.

    Examples
    --------
    >>> format_number(1234.5, "percent")
    '1.234,5'
    >>> format_number(1234.5, "percent", "en")
    '1,234.5'
    >>> format_number(0.05, "p"), format_number(0.0004, "p")
    (',050', '< ,001')
    >>> format_number(-0.123, "unit", "en")
    '−.12'
    >>> format_number(0.125, "unit")  # half away from zero, not to even
    ',13'
    >>> format_number(float("nan"))
    '–'
    """
    _check_language(language)
    if role not in ROLE_DECIMALS:
        numeric = ", ".join(ROLE_DECIMALS)
        raise ValueError(f"role must be one of {numeric}, got {role!r}")
    if is_missing(x):
        return NOT_COMPUTABLE
    digits = ROLE_DECIMALS[role] if decimals is None else int(decimals)
    if digits < 0:
        raise ValueError(f"decimals must be >= 0, got {digits}")
    value = float(x)
    if math.isinf(value):
        return ("−" if value < 0 else "") + "∞"
    leading_zero = role not in ("unit", "p")
    if role == "p" and value < 10.0**-digits:
        return "< " + _format(10.0**-digits, digits, language, leading_zero, grouping=False)
    return _format(value, digits, language, leading_zero, grouping=role != "code")


def _format(value: float, digits: int, language: str, leading_zero: bool,
            grouping: bool) -> str:
    locale = _LOCALES[language]
    pattern = ("#,##0" if grouping else "0") + ("." + "0" * digits if digits else "")
    with decimal.localcontext() as ctx:
        ctx.rounding = decimal.ROUND_HALF_UP  # babel quantizes in the current context
        out = format_decimal(value, format=pattern, locale=locale)
    negative = out.startswith("-")
    if negative:
        out = out[1:]
    if negative and not any(ch in "123456789" for ch in out):
        negative = False  # no "−0,0"
    if not leading_zero:
        mark = get_decimal_symbol(locale)
        if out.startswith("0" + mark):
            out = out[1:]
    return (_MINUS if negative else "") + out


# --------------------------------------------------------------------------- suppression


class _Withheld:
    """Which cells of a table are withheld, and which of them were small counts."""

    def __init__(self, frame: pd.DataFrame, spec: TableSpec, min_cell: int) -> None:
        self.frame = frame
        self.spec = spec
        self.min_cell = min_cell
        self.n_rows = len(frame)
        self.hidden = {c: np.zeros(self.n_rows, dtype=bool) for c in frame.columns}
        self.small = {c: np.zeros(self.n_rows, dtype=bool) for c in frame.columns}
        self.near = {c: np.zeros(self.n_rows, dtype=bool) for c in frame.columns}
        self.listed: dict[str, np.ndarray] = {}  # withheld by an earlier call
        # idempotence: what an earlier call withheld is withheld again
        for marker, target in ((SUPPRESSED, self.hidden), (SUPPRESSED_SMALL, self.small),
                               (SUPPRESSED_NEAR_TOTAL, self.near)):
            if marker not in frame.columns:
                continue
            for i, entry in enumerate(frame[marker].tolist()):
                if is_missing(entry) or not str(entry):
                    continue
                for column in str(entry).split(";"):
                    if column in target:
                        target[column][i] = True
        self.listed = {c: v.copy() for c, v in self.hidden.items()}
        self.values = {c: pd.to_numeric(frame[c], errors="coerce").to_numpy(dtype=float)
                       for c in spec.roles if c in frame.columns
                       and spec.roles[c] in ("count", "int")}

    def has(self, column: str | None) -> bool:
        return column is not None and column in self.frame.columns

    def hide(self, rows: Any, columns: Sequence[str | None]) -> None:
        for column in columns:
            if self.has(column):
                self.hidden[column][rows] = True  # type: ignore[index]

    def withhold(self, rows: Any, count: str, *, small: bool) -> None:
        """Withhold ``count`` in ``rows`` with what reveals it (and, if small, derives)."""
        self.hide(rows, [count, *self.spec.reveals.get(count, ())])
        if small:
            self.small[count][rows] = True
            self.hide(rows, self.spec.derived.get(count, ()))

    def primary(self) -> None:
        for count in self.spec.counts:
            if not self.has(count):
                continue
            v = self.values[count]
            small = ((v > 0) & (v < self.min_cell)) | self.small[count]
            self.withhold(small, count, small=True)
            # an earlier call's withheld count: again with what reveals it
            self.withhold(self.hidden[count].copy(), count, small=False)
        for count, total in self.spec.complement.items():
            if self.has(count) and self.has(total):
                rest = self.values[total] - self.values[count]
                few = (rest > 0) & (rest < self.min_cell) & ~self.hidden[count]
                self.near[count] |= few
                self.withhold(few, count, small=False)

    def blocks(self, keys: Sequence[str]) -> list[np.ndarray]:
        """Row positions of each block (rows with the same values of ``keys``)."""
        present = [k for k in keys if self.has(k)]
        if not present:
            return [np.arange(self.n_rows)] if self.n_rows else []
        grouped = self.frame.reset_index(drop=True).groupby(present, sort=False, dropna=False)
        return [np.asarray(ix) for ix in grouped.indices.values()]

    def partner(self, rows: np.ndarray, count: str, candidates: np.ndarray) -> int | None:
        """Position (in ``rows``) of the smallest non-zero count not withheld, if any."""
        v = self.values[count][rows]
        ok = candidates & ~self.hidden[count][rows] & (v > 0)
        if not ok.any():
            return None
        return int(np.flatnonzero(ok)[np.argmin(v[ok])])

    def result(self) -> pd.DataFrame:
        out = self.frame.drop(columns=list(_BOOKKEEPING), errors="ignore").copy()
        for column in out.columns:
            mask = self.hidden[column]
            if not mask.any():
                continue
            series = out[column]
            if pd.api.types.is_integer_dtype(series) or pd.api.types.is_bool_dtype(series):
                series = series.astype("Int64" if pd.api.types.is_integer_dtype(series)
                                       else "boolean")
            elif not pd.api.types.is_numeric_dtype(series):
                series = series.astype(object)
            out[column] = series.mask(mask)
        columns = list(out.columns)
        # a value that is not there (NaN before suppression) is not listed as withheld
        for column in columns:
            self.hidden[column] &= ~(self.frame[column].isna().to_numpy()
                                     & ~self.listed[column])
        out[SUPPRESSED] = [";".join(c for c in columns if self.hidden[c][i])
                           for i in range(self.n_rows)]
        out[SUPPRESSED_SMALL] = [";".join(c for c in columns if self.small[c][i]
                                          and self.hidden[c][i]) for i in range(self.n_rows)]
        out[SUPPRESSED_NEAR_TOTAL] = [
            ";".join(c for c in columns if self.near[c][i] and self.hidden[c][i]
                     and not self.small[c][i]) for i in range(self.n_rows)]
        return out


def _distribution(w: _Withheld) -> None:
    """Secondary suppression in blocks whose rows add up to a base (see module docstring)."""
    spec = w.spec
    count = "n"
    if not w.has(count):
        return
    kinds = (w.frame["kind"].astype(str).to_numpy() if w.has("kind")
             else np.full(w.n_rows, "valid"))
    for rows in w.blocks(spec.blocks):
        if w.has(spec.base) and w.hidden[spec.base][rows].any():
            w.hide(rows, [count, spec.base, *spec.reveals.get(count, ())])  # whole block
            continue
        valid = kinds[rows] == "valid"
        other = ~valid
        n = w.values[count][rows]
        hide_valid = bool(w.has(spec.valid_share)
                          and (w.hidden[spec.valid_share][rows] & ~w.hidden[count][rows]
                               & valid & (n > 0)).any())
        for _ in range(2 * len(rows) + 2):  # each pass withholds more, so it ends
            sup = w.hidden[count][rows]
            shown_valid = valid & ~sup & (n > 0)
            valid_total_known = ((w.has(spec.valid_share) and not hide_valid
                                  and bool(shown_valid.any()))
                                 or not (valid & sup).any() or not (other & sup).any())
            other_total_known = not (other & sup).any() or valid_total_known
            changed = False
            if (valid & sup).sum() == 1 and valid_total_known:
                pick = w.partner(rows, count, valid)
                if pick is None:  # the only non-zero valid row: pair it with a missing one
                    pick = w.partner(rows, count, other)
                if pick is not None:
                    w.withhold(rows[pick], count, small=False)
                    changed = True
            elif (other & sup).sum() == 1 and other_total_known:
                pick = w.partner(rows, count, other)
                if pick is not None:
                    w.withhold(rows[pick], count, small=False)
                    changed = True
                elif w.has(spec.valid_share) and not hide_valid:
                    # pct_valid reveals the number of valid answers and so the lone
                    # missing count: withhold it, and one valid count with it
                    hide_valid = True
                    changed = True
                    if not (valid & sup).any():
                        pick = w.partner(rows, count, valid)
                        if pick is not None:
                            w.withhold(rows[pick], count, small=False)
                elif not (valid & sup).any():
                    pick = w.partner(rows, count, valid)
                    if pick is not None:
                        w.withhold(rows[pick], count, small=False)
                        changed = True
            if not changed:
                break
        if hide_valid:
            w.hide(rows[valid], [spec.valid_share, spec.cumulative])
        if w.has(spec.cumulative):
            marked = np.flatnonzero(valid & w.hidden[count][rows])
            if len(marked):
                span = np.zeros(len(rows), dtype=bool)
                span[marked[0]:marked[-1] + 1] = True
                w.hide(rows[span & valid], [spec.cumulative])


def _partition(w: _Withheld, count: str, keys: Sequence[str], unit_keys: Sequence[str],
               hide_with: Sequence[str]) -> None:
    """The groups of a grouping add up to the total row: no lone withheld cell among them.

    ``keys`` identify one cell split by group (``variable, option, grouping``); ``unit_keys``
    one group's rows (for a base, shared by all options of a group).
    """
    if not (w.has(count) and w.has("grouping") and w.has("group")):
        return
    frame = w.frame.reset_index(drop=True)
    grouping = frame["grouping"].astype(str).to_numpy()
    is_total = grouping == _TOTAL
    first = [k for k in keys if k != "grouping" and w.has(k)]
    for _ in range(w.n_rows + 1):
        changed = False
        for rows in w.blocks(first):
            total_rows = rows[is_total[rows]]
            for value in pd.unique(grouping[rows]):
                if value == _TOTAL:
                    continue
                group_rows = rows[grouping[rows] == value]
                units = frame.iloc[group_rows].groupby(
                    [k for k in unit_keys if w.has(k)], sort=False, dropna=False).indices
                unit_rows = [group_rows[np.asarray(ix)] for ix in units.values()]
                cells = [*unit_rows, *([total_rows] if len(total_rows) else [])]
                hidden = [bool(w.hidden[count][r].any()) for r in cells]
                if sum(hidden) != 1:
                    continue
                sizes = [w.values[count][r[0]] if not h else np.inf
                         for r, h in zip(unit_rows, hidden[:len(unit_rows)], strict=True)]
                sizes = [s if s > 0 else np.inf for s in sizes]
                if np.isfinite(sizes).any():
                    target = unit_rows[int(np.argmin(sizes))]
                elif len(total_rows) and not hidden[-1]:
                    target = total_rows
                else:
                    continue
                w.hide(target, [count, *hide_with])
                changed = True
        if not changed:
            break


def _responses(w: _Withheld) -> None:
    spec = w.spec
    if spec.base:
        _partition(w, spec.base, (spec.partition[0], "grouping"), ("group",),
                   spec.reveals.get(spec.base, ()))
    _partition(w, "n", spec.partition, ("group",), spec.reveals.get("n", ()))
    if w.has(spec.block_share) and w.has("n"):
        for rows in w.blocks(spec.blocks):
            if w.hidden["n"][rows].any():
                w.hide(rows, [spec.block_share])


def _components(w: _Withheld) -> None:
    spec = w.spec
    if spec.base and w.has(spec.base):
        _settle(w, [(spec.base, spec.components)])


def _pinned(w: _Withheld, i: int, total: str, parts: Sequence[str]) -> bool:
    """Whether the withheld parts of ``total = sum(parts)`` in row ``i`` can be worked out
    from their markers: a small count ("< 5") lies in 1 … ``min_cell`` − 1, any other
    withheld count (".") is at least ``min_cell`` (smaller ones are marked small), and the
    shown cells give their sum. "< 5" + "< 5" = 2 is 1 + 1; "< 5" + "." = 6 is 1 + 5."""
    if w.hidden[total][i]:
        return False
    hidden = [c for c in parts if w.hidden[c][i]]
    if len(hidden) < 2:
        return False
    rest = w.values[total][i] - sum(w.values[c][i] for c in parts if not w.hidden[c][i])
    if np.isnan(rest):
        return False
    low = {c: 1.0 if w.small[c][i] else float(w.min_cell) for c in hidden}
    high = {c: float(w.min_cell - 1) if w.small[c][i] else np.inf for c in hidden}
    for c in hidden:
        others = [o for o in hidden if o != c]
        lo = max(low[c], rest - sum(high[o] for o in others))
        hi = min(high[c], rest - sum(low[o] for o in others))
        if lo >= hi:
            return True
    return False


def _settle(w: _Withheld, identities: Sequence[tuple[str, Sequence[str]]]) -> None:
    """Secondary suppression within the rows of a table whose counts add up: wherever one
    cell of an identity is withheld alone, or the withheld cells could be worked out from
    their markers (:func:`_pinned`), the smallest other non-zero part is withheld too, or
    the total when no part is left; repeated until nothing more can be worked out."""
    identities = [(total, [p for p in parts if w.has(p)]) for total, parts in identities
                  if w.has(total)]
    for i in range(w.n_rows):
        for _ in range(4 * sum(len(p) + 1 for _, p in identities) + 1):  # ends: more each time
            changed = False
            for total, parts in identities:
                cells = [total, *parts]
                if any(np.isnan(w.values[c][i]) and not w.hidden[c][i] for c in cells):
                    continue  # an identity with an unknown member reveals nothing
                n_hidden = sum(bool(w.hidden[c][i]) for c in cells)
                if n_hidden != 1 and not _pinned(w, i, total, parts):
                    continue
                shown = [c for c in parts if not w.hidden[c][i] and w.values[c][i] > 0]
                if shown:
                    pick = min(shown, key=lambda c: w.values[c][i])
                elif not w.hidden[total][i] and w.values[total][i] > 0:
                    pick = total
                else:
                    continue
                w.withhold(np.array([i]), pick, small=False)
                changed = True
            if not changed:
                break


def _sums(w: _Withheld) -> None:
    """Secondary suppression within a row whose counts add up (``TableSpec.sums``)."""
    _settle(w, w.spec.sums)


def _shares(w: _Withheld) -> None:
    """splits: the groups of a grouping add up to the total row, for the classified and
    for the weak alike."""
    for count in ("n", "n_weak"):
        _partition(w, count, ("split", "grouping"), ("group",), w.spec.reveals.get(count, ()))


_RULES = {"row": None, "distribution": _distribution, "responses": _responses,
          "components": _components, "shares": _shares, "sums": _sums}


def suppress(frame: pd.DataFrame, name: str, min_cell: int = 5) -> pd.DataFrame:
    """Withhold small counts and what a reader could recover them from (SPEC §6, §7).

    Parameters
    ----------
    frame : DataFrame
        A result table in the columns of SPEC §7; not modified. A frame that was suppressed
        already (it has a ``suppressed`` column) is suppressed again to the same result.
    name : str
        The table (a key of :data:`TABLES`); other names get a spec inferred from the
        columns (:func:`spec_for`).
    min_cell : int, default 5
        Smallest count that may be shown (SPEC §6 notebook parameter ``min_cell``).

    Returns
    -------
    DataFrame
        A copy: withheld values are NaN/NA (integer counts become ``Int64``), column
        ``suppressed`` lists each row's withheld columns (";"-joined, "" when none) and
        ``suppressed_small`` those of them that are counts below ``min_cell``.

    Examples
    --------
    The "nein" count of 3 is withheld with its percentages, and "ja", the only other
    non-zero count, too: the base of 20 would reveal one from the other.

    >>> f = pd.DataFrame({"variable": "v", "value_label": ["ja", "nein"], "kind": "valid",
    ...                   "n": [17, 3], "pct": [85.0, 15.0], "pct_valid": [85.0, 15.0],
    ...                   "pct_valid_cum": [85.0, 100.0], "base_n": 20})
    >>> s = suppress(f, "frequencies")
    >>> s["n"].tolist(), s["base_n"].tolist()
    ([<NA>, <NA>], [20, 20])
    >>> s["suppressed"].tolist()
    ['n;pct;pct_valid;pct_valid_cum', 'n;pct;pct_valid;pct_valid_cum']
    >>> s["suppressed_small"].tolist()  # shown as "< 5"; the other n as "."
    ['', 'n']
    >>> suppress(s, "frequencies").equals(s)  # idempotent
    True
    """
    min_cell = _check_min_cell(min_cell)
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"frame must be a DataFrame, got {type(frame).__name__}")
    spec = spec_for(name, frame)
    if spec.rule not in _RULES:
        raise ValueError(f"rule must be one of {', '.join(_RULES)}, got {spec.rule!r}")
    for column, values in spec.private_rows.items():
        if column in frame.columns:
            frame = frame[~frame[column].isin(values)].reset_index(drop=True)
    w = _Withheld(frame, spec, min_cell)
    w.primary()
    rule = _RULES[spec.rule]
    if rule is not None:
        rule(w)
    return w.result()


def write(frame: pd.DataFrame, name: str, tables_dir: str | Path, *, min_cell: int = 5,
          internal: bool = False) -> Path:
    """Write ``<tables_dir>/<name>.csv`` atomically, suppressed unless ``internal``.

    Parameters
    ----------
    frame : DataFrame
        The result table at full precision.
    name : str
        Table name (file name without ``.csv``), e.g. ``"frequencies"``.
    tables_dir : str or Path
        ``reports/<wave>/tables`` or ``reports-intern/<wave>/tables`` (created if missing).
    min_cell : int, default 5
        Suppression threshold for the shared version.
    internal : bool, default False
        True: write the table unsuppressed (SPEC §7: ``reports-intern/``).

    Returns
    -------
    Path
        The file written.
    """
    publish(frame, name, tables_dir, min_cell=min_cell, internal=internal)
    return Path(tables_dir) / f"{name}.csv"


def publish(frame: pd.DataFrame, name: str, tables_dir: str | Path, *, min_cell: int = 5,
            internal: bool = False) -> pd.DataFrame:
    """Write the table's CSV (as :func:`write`) and return the version the report may
    show: suppressed for a shared report, the full table for an internal one.

    Suppressing the whole table once keeps the rules that span rows (secondary
    suppression within a variable or across the groups of a grouping) intact when the
    report then shows it piece by piece with :func:`display`.
    """
    table = frame if internal else suppress(frame, name, min_cell)
    write_table(table, tables_dir, name)
    return table


# --------------------------------------------------------------------------- display


def _header(spec: TableSpec, column: str, language: str) -> str:
    for key in (spec.header_key(column), f"col.{column}"):
        if key in MESSAGES:
            return text(key, language)
    return column


def _label(prefixes: Sequence[str], value: Any, language: str) -> str:
    for prefix in prefixes:
        key = f"{prefix}.{value}"
        if key in MESSAGES:
            return text(key, language)
    return str(value)


def _cell(value: Any, role: str, decimals: int, language: str) -> str:
    if role == "text":
        return "" if is_missing(value) else str(value)
    if is_missing(value):
        return NOT_COMPUTABLE
    if role == "kind":
        return _label(("row_kind", "kind"), value, language)
    if role == "test":
        return _label(("test",), value, language)
    if role == "group":
        return text("value.total", language) if str(value) == _TOTAL else str(value)
    if role == "bool":
        if isinstance(value, str):
            return value
        return text("value.true" if bool(value) else "value.false", language)
    try:
        return format_number(value, role, language, decimals)
    except (TypeError, ValueError):
        return str(value)


def withheld_columns(entry: Any) -> set[str]:
    """The columns a ``suppressed`` (or ``suppressed_small``) cell lists.

    >>> sorted(withheld_columns("n;pct")), withheld_columns(""), withheld_columns(None)
    (['n', 'pct'], set(), set())
    """
    return set() if is_missing(entry) or not str(entry) else set(str(entry).split(";"))


def _columns(frame: pd.DataFrame, spec: TableSpec, columns: Sequence[str] | None,
             name: str) -> list[str]:
    available = [c for c in frame.columns if c not in _BOOKKEEPING]
    combinable = [k for k, (lo, hi) in COMBINED.items() if lo in available and hi in available]
    if columns is not None:
        unknown = [c for c in columns if c not in available and c not in combinable]
        if unknown:
            raise ValueError(
                f"display({name!r}): no column(s) {', '.join(map(str, unknown))}; "
                f"columns: {', '.join(map(str, [*available, *combinable]))}")
        return list(columns)
    chosen: list[str] = []
    for c in spec.show or tuple(available):
        if c not in available and c not in combinable:
            continue
        values = None if c in combinable else frame[c]
        if c in spec.show_if_varies and values is not None and values.nunique(dropna=False) <= 1:
            continue
        if c in spec.show_if_any and values is not None and not any(
                not is_missing(v) and str(v) for v in values):
            continue
        chosen.append(c)
    if not spec.show:  # a generic table: merge CI bounds into one column
        for key in combinable:
            lo, hi = COMBINED[key]
            chosen[chosen.index(lo)] = key
            chosen.remove(hi)
    return chosen


def _view(frame: pd.DataFrame, spec: TableSpec, columns: Sequence[str], language: str,
          min_cell: int) -> pd.DataFrame:
    blank = pd.Series([""] * len(frame))
    withheld, small, near = ([withheld_columns(x) for x in frame.get(marker, blank)]
                             for marker in (SUPPRESSED, SUPPRESSED_SMALL,
                                            SUPPRESSED_NEAR_TOTAL))
    # a count close to its total shows as "> total − min_cell", its share of the total as
    # "> (total − min_cell) / total": no more than "< min_cell" says of the complement
    bounded = {(count, shown): total for count, total in spec.complement.items()
               for shown in (count, *spec.reveals.get(count, ()))}

    def bound(i: int, column: str) -> str | None:
        for (count, shown), total in bounded.items():
            if shown != column or count not in near[i] or total in withheld[i]:
                continue
            t = pd.to_numeric(pd.Series([frame[total].iloc[i]]), errors="coerce").iloc[0]
            if is_missing(t) or t <= min_cell:
                return None
            if shown == count:
                return "> " + format_number(t - min_cell, "count", language)
            return "> " + format_number(100.0 * (t - min_cell) / t, "percent", language,
                                        spec.decimals_of(shown))
        return None

    # per column once: its cells (as .iloc gives them), role and decimals
    arrays = {c: frame[c].array for c in frame.columns}
    formats: dict[str, tuple[str, int]] = {}

    def cell(i: int, column: str) -> str:
        if column in withheld[i]:
            if column in small[i]:
                return f"< {min_cell}"
            return bound(i, column) or SECRET
        if column not in formats:
            formats[column] = (_role(spec, column, frame), spec.decimals_of(column))
        role, decimals = formats[column]
        return _cell(arrays[column][i], role, decimals, language)

    out: dict[str, list[str]] = {}
    sep = "; " if get_decimal_symbol(_LOCALES[language]) == "," else ", "
    for column in columns:
        if column in COMBINED:
            lo, hi = COMBINED[column]
            values = []
            for i in range(len(frame)):
                if lo in withheld[i] or hi in withheld[i]:
                    values.append(SECRET)
                elif is_missing(arrays[lo][i]) and is_missing(arrays[hi][i]):
                    values.append(NOT_COMPUTABLE)
                else:
                    values.append(f"[{cell(i, lo)}{sep}{cell(i, hi)}]")
            out[column] = values
        else:
            out[column] = [cell(i, column) for i in range(len(frame))]
    return pd.DataFrame(out, index=range(len(frame)), columns=list(columns), dtype=object)


def _role(spec: TableSpec, column: str, frame: pd.DataFrame) -> str:
    """``column``'s role; a column the spec does not know is text unless it holds numbers."""
    if column in COMBINED:
        column = COMBINED[column][0]
    if column in spec.roles:
        return spec.roles[column]
    if column in frame.columns and not pd.api.types.is_numeric_dtype(frame[column]):
        return "text"
    return "stat"


_TABLE_CSS = [
    {"selector": "", "props": "border-collapse: collapse; table-layout: auto; width: auto; "
                             "max-width: 100%; font-variant-numeric: tabular-nums; "
                             "margin: 0.5em 0 1em;"},
    {"selector": "caption", "props": "caption-side: top; text-align: left; font-weight: bold; "
                                    "padding: 0 0 0.4em; white-space: normal;"},
    {"selector": "th", "props": "vertical-align: bottom; padding: 0.3em 0.6em; "
                               "white-space: normal; font-weight: bold; "
                               "border-bottom: 1px solid #888;"},
    {"selector": "td", "props": "vertical-align: top; padding: 0.25em 0.6em; "
                               "border-bottom: 1px solid #e3e3e3;"},
]
# per column: (header cell, body cell); long text wraps, numbers never break
_ALIGN = {
    "left": ("text-align: left;",
             "text-align: left; white-space: normal; overflow-wrap: break-word; "
             "min-width: 6em; max-width: 32em;"),
    "right": ("text-align: right;", "text-align: right; white-space: nowrap;"),
}


def shown_columns(frame: pd.DataFrame, name: str, *, min_cell: int = 5,
                  suppressed: bool = False) -> list[str]:
    """The columns :func:`display` shows of a result table by default, in order (a
    :data:`COMBINED` name for an interval), without formatting a cell.

    ``suppressed=True`` says that ``frame`` has been through :func:`suppress` already.
    """
    spec = spec_for(name, frame)
    table = frame.reset_index(drop=True)
    if not suppressed:
        table = suppress(table, name, _check_min_cell(min_cell))
    return _columns(table, spec, None, name)


def display(frame: pd.DataFrame, name: str, *, language: str = "de", min_cell: int = 5,
            columns: Sequence[str] | None = None, internal: bool = False,
            caption: str | None = None) -> Styler:
    """The formatted report table of a SPEC §7 result table.

    Parameters
    ----------
    frame : DataFrame
        The result table (suppressed already or not: suppression is idempotent).
    name : str
        The table (a key of :data:`TABLES`; other names are formatted by dtype).
    language : {"de", "en"}, default "de"
        Headers and labels from the catalogue, numbers formatted for the language.
    min_cell : int, default 5
        Suppression threshold; withheld counts show as ``"< {min_cell}"``.
    columns : sequence of str, optional
        Columns to show, in order; default the spec's ``show``. A :data:`COMBINED` name
        (``alpha_ci``) shows two bounds as one interval.
    internal : bool, default False
        True: nothing is suppressed (the team's version, ``reports-intern/``).
    caption : str, optional
        Caption above the table.

    Returns
    -------
    pandas.io.formats.style.Styler
        Strings only, index hidden; text columns left-aligned and wrapping, numbers
        right-aligned with tabular figures; markers ``< 5``, ``.`` and ``–`` (see
        :func:`legend`). HTML-escaped; self-contained CSS.
    """
    _check_language(language)
    min_cell = _check_min_cell(min_cell)
    spec = spec_for(name, frame)
    table = frame.reset_index(drop=True)
    if not internal:
        table = suppress(table, name, min_cell)
    chosen = _columns(table, spec, columns, name)
    view = _view(table, spec, chosen, language, min_cell)
    styler = view.style.hide(axis="index").format(escape="html")
    styler = styler.relabel_index(
        [html.escape(_header(spec, c, language)) for c in chosen], axis="columns")
    styles: dict[str, list[dict[str, str]]] = {}
    for column in chosen:
        head, body = _ALIGN["left" if _role(spec, column, table) in _TEXT_ROLES else "right"]
        styles[column] = [{"selector": "th", "props": head}, {"selector": "td", "props": body}]
    styler = styler.set_table_styles(_TABLE_CSS).set_table_styles(styles, overwrite=False)
    if caption:
        styler = styler.set_caption(html.escape(caption))
    return styler


def figure_rows(frame: pd.DataFrame, name: str, *, value: str = "pct_cases",
                count: str = "n", language: str = "de", min_cell: int = 5,
                internal: bool = False) -> pd.DataFrame:
    """The rows of a result table as a bar figure (:func:`survey.plots.bar_figure`) may
    draw them in a shared report.

    A withheld count becomes the report's marker as text and its bar is not drawn: a small
    count ``"n < 5"``, any other withheld count the catalogue's "not shown" text; a count
    close to its total (a small complement) is drawn at its lower bound with the count
    ``"> 180"``, which ``bar_figure`` labels ``"> 97,3 % (n > 180)"``. Internal: unchanged.
    """
    if internal:
        return frame
    _check_language(language)
    spec = spec_for(name, frame)
    table = suppress(frame.reset_index(drop=True), name, min_cell)
    view = _view(table, spec, [count, value], language, min_cell)
    out = table.copy()
    counts: list[Any] = []
    values: list[float] = []
    for i in range(len(table)):
        shown_n, shown_v = view[count].iloc[i], view[value].iloc[i]
        withheld = count in withheld_columns(table[SUPPRESSED].iloc[i])
        if not withheld:
            counts.append(table[count].iloc[i])
            values.append(table[value].iloc[i])
        elif shown_n.startswith(">") and shown_v.startswith(">"):
            total = float(table[spec.complement[count]].iloc[i])
            counts.append(shown_n)
            values.append(100.0 * (total - min_cell) / total)
        else:
            counts.append(f"n {shown_n}" if shown_n.startswith("<")
                          else text("text.not_shown", language))
            values.append(np.nan)
    out[count] = pd.Series(counts, index=out.index, dtype=object)
    out[value] = pd.Series(values, index=out.index, dtype=float)
    return out


def legend(language: str = "de", min_cell: int = 5) -> str:
    """One line explaining the markers of :func:`display`'s tables.

    Examples
    --------
    >>> print(legend("en", 10))
    < 10: fewer than 10 cases, withheld for data protection; .: withheld because computed \
from such a number or because one could be worked out from it; –: cannot be computed
    """
    _check_language(language)
    min_cell = _check_min_cell(min_cell)
    return text("text.table_legend", language).format(min_cell=min_cell)
