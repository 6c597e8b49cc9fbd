"""The registry of result tables: what each column of a docs/results.md table is.

One :class:`TableSpec` per table (:data:`TABLES`) says, per column, its role (a count of
persons, a percentage, a statistic, a p-value, text …), which columns are computed from a
count or reveal it, the complement of a yes/no count, and what a report shows of the
table (columns, headers, decimals). :mod:`survey.disclosure` uses the counts and what
they reveal; :mod:`survey.tables` and :mod:`survey.workbook` the rest. :func:`spec_for`
infers a spec for a table the registry does not know.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

__all__ = ["ROLES", "ROLE_DECIMALS", "TEXT_ROLES", "COMBINED", "TableSpec", "TABLES",
           "BOOKKEEPING", "spec_for"]

#: The bookkeeping columns a shared table carries (see :mod:`survey.disclosure`).
BOOKKEEPING = ("suppressed", "suppressed_small", "suppressed_near_total")

#: Roles of columns: how a column is suppressed, formatted and aligned.
ROLES: dict[str, str] = {
    "text": "text shown as it is, left-aligned (labels, names, notes)",
    "kind": "a kind of value (valid, dont_know, …) shown through the catalogue",
    "test": "a test's name in docs/results.md (welch_t, …) shown by its name in the catalogue",
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

TEXT_ROLES = frozenset({"text", "kind", "test", "group", "bool", "week"})

#: Columns a report shows as one: ``[low; high]`` (German) / ``[low, high]`` (English).
COMBINED: dict[str, tuple[str, str]] = {
    "alpha_ci": ("alpha_ci_low", "alpha_ci_high"),
    "ci": ("ci_low", "ci_high"),
    "top_box_ci": ("top_box_ci_low", "top_box_ci_high"),
    "diff_ci": ("diff_ci_low", "diff_ci_high"),
    "kappa_ci": ("kappa_ci_low", "kappa_ci_high"),
    "r_ci": ("r_ci_low", "r_ci_high"),
}


@dataclass(frozen=True)
class TableSpec:
    """How one result table is withheld (beyond what :mod:`survey.disclosure` decides of its
    counts) and shown.

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
        the count is withheld.
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
    named : tuple
        Columns whose cells name their measure from the row (a test's statistic as
        "U = 4.549,5", an effect size as "r = ,02" or "RD = −15,4 Pp.", its CI on the same
        scale, a group's share as "31,8 %"), for tables whose rows mix tests and measures.
    """

    roles: Mapping[str, str]
    derived: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    reveals: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    complement: Mapping[str, str] = field(default_factory=dict)
    show: tuple[str, ...] = ()
    show_if_varies: tuple[str, ...] = ()
    show_if_any: tuple[str, ...] = ()
    decimals: Mapping[str, int] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
    private_rows: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    named: tuple[str, ...] = ()

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


#: What a monitoring indicator computes from its counts (``indicators``).
_MONITOR_SHARE = ("pct", "ci_low", "ci_high", "diff_pp", "p_value", "verdict", "fisher_p")
#: What a card area's statistics are computed from (``card_agreement``).
_CARD_STATS = ("n_exact", "mean_self", "mean_coach", "mean_diff", "diff_ci_low", "diff_ci_high",
               "wilcoxon_w", "p_value", "p_adj", "kappa_w", "kappa_ci_low", "kappa_ci_high",
               "pct_exact", "ci_low", "ci_high")
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
        complement={"n": "base_n"},
        show=("variable_label", "grouping_label", "group", "label", "n", "pct_cases", "ci",
              "pct_responses"),
        show_if_varies=("variable_label", "grouping_label", "group"),
        headers={"label": label_header, "variable_label": "col.question"},
    )


_COMPARISON_STATS = ("center_a", "center_b", "statistic", "df", "df2", "p", "p_adj",
                     "effect_size", "ci_low", "ci_high", "odds_ratio", "or_ci_low",
                     "or_ci_high")

#: The registry: one :class:`TableSpec` per docs/results.md table.
TABLES: dict[str, TableSpec] = {
    "sample": TableSpec(
        roles={"grouping": "text", "grouping_label": "text", "group": "group", "kind": "kind",
               "n": "count", "percent": "percent", "pct_valid": "percent"},
        reveals={"n": ("percent", "pct_valid")},
        show=("grouping_label", "group", "n", "percent", "pct_valid"),
    ),
    "frequencies": TableSpec(
        roles={"variable": "text", "label": "text", "section": "text", "code": "code",
               "value_label": "text", "kind": "kind", "n": "count", "pct": "percent",
               "pct_valid": "percent", "ci_low": "percent", "ci_high": "percent",
               "pct_valid_cum": "percent", "base_n": "count"},
        reveals={"n": ("pct", "pct_valid", "ci_low", "ci_high", "pct_valid_cum")},
        derived={"base_n": ("n", "pct", "pct_valid", "ci_low", "ci_high", "pct_valid_cum")},
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
        show=("label", "n_items", "n_complete", "alpha", "alpha_ci", "alpha_std", "mean_r",
              "omega", "mean", "sd", "problems"),
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
               "or_ci_high": "stat", "small_cell": "bool", "reason_key": "text",
               "reason": "text"},
        derived={count: _COMPARISON_STATS for count in ("n_a", "n_b", "n_min")},
        show=("label", "term", "group_a", "group_b", "center_a", "center_b", "statistic",
              "p", "p_adj", "effect_size", "ci"),
        show_if_any=("term", "group_a", "group_b", "center_a", "center_b"),
        show_if_varies=("group_a", "group_b"),
        decimals={"df": 1, "df2": 0},
        headers={"label": "col.question"},
        named=("center_a", "center_b", "statistic", "effect_size", "ci"),
    ),
    "hypotheses": TableSpec(
        roles={"hypothesis": "text", "text": "text", "x": "text", "x_label": "text",
               "y": "text", "y_label": "text", "confirmatory": "bool", "family": "text",
               "primary": "bool", "test": "test", "n": "count", "cell_min": "count",
               "statistic": "stat",
               "df": "stat", "p": "p", "p_adj": "p", "alternative": "text", "effect": "text",
               "effect_size": "unit", "ci_low": "unit", "ci_high": "unit",
               "ci_method": "text", "direction": "text", "supported": "bool",
               "verdict": "text", "caveat": "text", "reason_key": "text", "reason": "text"},
        derived={count: ("statistic", "df", "p", "p_adj", "effect_size", "ci_low", "ci_high",
                         "supported", "verdict") for count in ("n", "cell_min")},
        show=("y_label", "test", "statistic", "p", "p_adj", "effect_size", "ci", "verdict"),
        decimals={"df": 0},
        headers={"y_label": "col.y_label"},
        named=("statistic", "effect_size", "ci"),
    ),
    "session_ratings": TableSpec(
        roles={"unit": "kind", "key": "week", "n_forms": "count", "n_people": "count",
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
        private_rows={"unit": ("participant", "week")},
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
               "n_left_out": "count", "reason_key": "text", "reason": "text"},
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
        complement={"n_weak": "n"},
        show=("grouping_label", "group", "n", "n_weak", "pct_weak", "ci"),
        show_if_varies=("grouping_label",),
    ),
    # programme monitoring (notebooks 07 and 08; survey.monitortables, docs/results.md)
    "indicators": TableSpec(
        roles={"indicator": "text", "label": "text", "group": "group", "k": "count",
               "n": "count", "pct": "percent", "ci_low": "percent", "ci_high": "percent",
               "target_pct": "percent", "diff_pp": "stat", "p_value": "p", "verdict": "text",
               "fisher_p": "p"},
        derived={"n": _MONITOR_SHARE, "k": _MONITOR_SHARE},
        complement={"k": "n"},
        show=("label", "group", "k", "n", "pct", "ci", "target_pct", "diff_pp", "p_value",
              "verdict", "fisher_p"),
        show_if_varies=("label", "group"), show_if_any=("fisher_p",),
        decimals={"diff_pp": 1, "target_pct": 0},
        headers={"label": "col.indicator", "k": "col.hits", "target_pct": "col.target",
                 "diff_pp": "col.diff_pp", "p_value": "col.p_binomial", "fisher_p":
                 "col.p_fisher"},
    ),
    "placements": TableSpec(
        roles={"kind": "text", "group": "group", "n_placements": "count",
               "n_persons": "count", "pct_persons": "percent"},
        derived={"n_persons": ("pct_persons",)},
        show=("group", "kind", "n_placements", "n_persons", "pct_persons"),
        show_if_varies=("group",),
        headers={"kind": "col.placement_kind"},
    ),
    "takeup_funnel": TableSpec(
        roles={"benefit": "text", "stage": "text", "position": "int", "n": "count",
               "pct_prev": "percent", "pct_first": "percent", "ci_low": "percent",
               "ci_high": "percent"},
        derived={"n": ("pct_prev", "pct_first", "ci_low", "ci_high")},
        show=("benefit", "stage", "n", "pct_prev", "pct_first", "ci"),
        show_if_varies=("benefit",),
        headers={"benefit": "col.benefit", "stage": "col.stage"},
    ),
    "takeup_reasons": TableSpec(
        roles={"benefit": "text", "stage": "text", "reason": "text", "n": "count"},
        show=("benefit", "stage", "reason", "n"), show_if_varies=("benefit",),
        headers={"benefit": "col.benefit", "stage": "col.stage_stopped",
                 "reason": "col.reason_given"},
    ),
    "card_agreement": TableSpec(
        roles={"area": "text", "n": "count", "n_exact": "count", "mean_self": "stat",
               "mean_coach": "stat", "mean_diff": "stat", "diff_ci_low": "stat",
               "diff_ci_high": "stat", "wilcoxon_w": "stat", "p_value": "p", "p_adj": "p",
               "kappa_w": "unit", "kappa_ci_low": "unit", "kappa_ci_high": "unit",
               "pct_exact": "percent", "ci_low": "percent", "ci_high": "percent"},
        derived={"n": _CARD_STATS, "n_exact": ("pct_exact", "ci_low", "ci_high")},
        complement={"n_exact": "n"},
        show=("area", "n", "mean_self", "mean_coach", "mean_diff", "diff_ci", "p_adj",
              "kappa_w", "kappa_ci", "pct_exact", "ci"),
        decimals={"wilcoxon_w": 1},
        headers={"area": "col.area", "mean_diff": "col.mean_diff_self_coach",
                 "pct_exact": "col.pct_exact"},
    ),
    "card_change": TableSpec(
        roles={"rater": "text", "area": "text", "n": "count", "mean_first": "stat",
               "mean_second": "stat", "mean_diff": "stat", "diff_ci_low": "stat",
               "diff_ci_high": "stat", "wilcoxon_w": "stat", "p_value": "p", "p_adj": "p",
               "r": "unit", "r_ci_low": "unit", "r_ci_high": "unit"},
        derived={"n": ("mean_first", "mean_second", "mean_diff", "diff_ci_low",
                       "diff_ci_high", "wilcoxon_w", "p_value", "p_adj", "r", "r_ci_low",
                       "r_ci_high")},
        show=("rater", "area", "n", "mean_first", "mean_second", "mean_diff", "diff_ci",
              "p_adj", "r", "r_ci"),
        show_if_varies=("rater",), decimals={"wilcoxon_w": 1},
        headers={"area": "col.area", "rater": "col.rater", "mean_diff": "col.mean_change"},
    ),
    "programme": TableSpec(
        roles={"indicator": "text", "label": "text", "project": "text", "title": "text",
               "k": "count", "n": "count", "pct": "percent", "z": "stat",
               "position": "text", "target_pct": "percent"},
        derived={"k": ("pct", "z", "position"), "n": ("pct", "z", "position")},
        complement={"k": "n"},
        show=("label", "title", "k", "n", "pct", "z", "position"),
        show_if_varies=("label",), decimals={"target_pct": 0},
        headers={"title": "col.project", "k": "col.hits", "position": "col.position",
                 "label": "col.indicator"},
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
        if column in BOOKKEEPING:
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
    numbers = tuple(c for c, r in roles.items() if r not in TEXT_ROLES and r != "count")
    return TableSpec(roles=roles, derived={c: numbers for c in counts})  # show: all
