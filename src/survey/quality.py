"""The data-quality tables: missing values, their reasons, and what cleaning did.

Every function takes the clean wave's tables (``missing.parquet``, ``cleaning_log.csv``,
the codebook) and returns a tidy DataFrame. The counting tables (:func:`missingness_table`,
:func:`missing_reasons`) are result tables like any other: :mod:`survey.disclosure` withholds
and formats them (specs ``missingness`` and ``missing_reasons``). The cleaning log is
described in the report's words (:func:`cleaning_log`): what a rule did, never the values it
found (an out-of-range age could identify a person) nor technical names (raw columns,
filter expressions), which :func:`raw_columns` lists for the analyst's appendix.

Examples
--------
>>> valid_text(Variable("x", "X", "ordinal", "X1", levels=dict(zip(range(1, 6), "abcde"))))
'1 bis 5'
>>> valid_text(Variable("x", "X", "nominal", "X1", levels={1: "a", 5: "e"}), "en")
'1, 5'
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .codebook import Codebook, Variable
from .messages import labels, text, text_or
from .numbers import format_number, is_missing
from .vocabulary import KINDS, MISSING_KINDS

__all__ = [
    "KINDS",
    "missingness_table",
    "ratings_missingness",
    "missing_reasons",
    "valid_text",
    "cleaning_log",
    "raw_columns",
]

_COUNTS = ["n", "not_asked", "n_base", "n_valid", *MISSING_KINDS, "n_missing"]
#: Rules a shared report lists, in this order: answers excluded or changed and not
#: counted in the missingness table.
_SHARED_RULES = ("out_of_range", "filter_violation", "max_choices", "decimal_comma",
                 "scale_missing")
#: Rules the internal version lists (every rule of the log).
_ALL_RULES = ("raw_file", "extra_column", "rename", *_SHARED_RULES[:4], "system_missing",
              "user_missing", "not_asked", "reverse", "derived", "scale_score",
              "scale_missing")


def _by_variable(missing: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """``missing`` with option and code columns folded into their codebook variable."""
    owner = codebook.column_owners()
    return missing.assign(variable=missing["variable"].map(lambda v: owner.get(v, v)))


def _finish(table: pd.DataFrame) -> pd.DataFrame:
    table["n_base"] = table["n"] - table["not_asked"]
    table["n_missing"] = table[list(MISSING_KINDS)].sum(axis=1)
    table["n_valid"] = table["n_base"] - table["n_missing"]
    base = table["n_base"].where(table["n_base"] > 0)
    table["pct_missing"] = 100.0 * table["n_missing"] / base
    head = [c for c in ("variable", "label", "section", "type") if c in table.columns]
    return table[[*head, *_COUNTS, "pct_missing"]]


def missingness_table(missing: pd.DataFrame, codebook: Codebook, n: int) -> pd.DataFrame:
    """Count missing values per codebook variable and kind.

    Parameters
    ----------
    missing : DataFrame
        Long table of ``missing.parquet``: ``respondent, variable, code, reason, kind``.
        A respondent counts once per variable and kind (a multi variable's columns are
        folded into their variable).
    codebook : Codebook
        Supplies the variables (in codebook order), labels, sections and types.
    n : int
        Number of respondents in the clean data.

    Returns
    -------
    DataFrame
        One row per codebook variable (except the respondent id): ``variable, label,
        section, type, n, not_asked, n_base`` (= ``n − not_asked``: who was asked),
        ``n_valid``, one count per kind of missing value (``dont_know, no_answer, system,
        invalid``), ``n_missing`` (their sum: missing among those asked) and
        ``pct_missing`` (``100 · n_missing / n_base``; NaN when nobody was asked).
    """
    if len(missing):
        m = _by_variable(missing, codebook).drop_duplicates(["respondent", "variable", "kind"])
        counts = m.groupby(["variable", "kind"]).size().unstack("kind", fill_value=0)
    else:
        counts = pd.DataFrame()
    rows = []
    for name, var in codebook.variables.items():  # the id is never a codebook variable
        row: dict[str, Any] = {"variable": name, "label": var.label, "section": var.section,
                               "type": var.type, "n": int(n)}
        for kind in KINDS:
            has = name in counts.index and kind in counts.columns
            row[kind] = int(counts.loc[name, kind]) if has else 0
        rows.append(row)
    columns = ["variable", "label", "section", "type", "n", *KINDS]
    return _finish(pd.DataFrame(rows, columns=columns))


def ratings_missingness(log: pd.DataFrame, codebook: Codebook, n_forms: int) -> pd.DataFrame:
    """The :func:`missingness_table` of the session-rating forms: per statement, forms
    with a blank cell (``system``) and with a value outside the scale (``invalid``).

    Parameters
    ----------
    log : DataFrame
        The wave's cleaning log (its ``session_ratings.<item>`` rows).
    codebook : Codebook
        Its ``session_ratings`` block names the statements.
    n_forms : int
        Forms in the clean rating data.

    Returns
    -------
    DataFrame
        The columns of :func:`missingness_table`, one row per statement (empty when the
        codebook has no session ratings).
    """
    spec = codebook.session_ratings
    if spec is None:
        return _finish(pd.DataFrame(columns=["variable", "label", "section", "type", "n",
                                             *KINDS]))
    affected = pd.to_numeric(log["n_affected"], errors="coerce") if len(log) else None
    rows = []
    for item, label in spec.items.items():
        row = {"variable": item, "label": label, "section": None, "type": "numeric",
               "n": int(n_forms), **{k: 0 for k in KINDS}}
        for rule, kind in (("system_missing", "system"), ("out_of_range", "invalid")):
            if affected is not None:
                hit = (log["rule"] == rule) & (log["variable"] == f"session_ratings.{item}")
                row[kind] = int(affected[hit].sum())
        rows.append(row)
    return _finish(pd.DataFrame(rows))


def missing_reasons(missing: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Count missing values per variable, kind and missing code (reason).

    The rows of one variable and kind add up to that kind's cell of
    :func:`missingness_table` (:class:`survey.disclosure.Plan` withholds them alike).

    Returns
    -------
    DataFrame
        ``variable, label, kind, kind_label, code, reason, n`` sorted by codebook order,
        kind order and code; no respondent column. ``reason`` is the missing code's label
        (codebook) or, for values without a code (blank, invalid, not asked), the kind in
        the codebook's language.
    """
    order = {name: i for i, name in enumerate(codebook.variables)}
    columns = ["variable", "label", "kind", "kind_label", "code", "reason", "n"]
    if not len(missing):
        return pd.DataFrame(columns=columns)
    m = _by_variable(missing, codebook).drop_duplicates(
        ["respondent", "variable", "kind", "code"])
    # the reason in the report's language: a missing code's own label from the codebook,
    # else the kind (cleaning's reason texts for blank and invalid values are technical)
    kinds = labels("kind", codebook.language)
    m = m.assign(code=m["code"].astype(object),
                 reason=[r if not is_missing(c) else kinds.get(k, k)
                         for r, c, k in zip(m["reason"], m["code"], m["kind"], strict=True)])
    grouped = (m.groupby(["variable", "kind", "code", "reason"], dropna=False)
               .size().rename("n").reset_index())
    kind_order = {k: i for i, k in enumerate(KINDS)}
    grouped["_v"] = grouped["variable"].map(lambda v: order.get(v, len(order)))
    grouped["_k"] = grouped["kind"].map(lambda k: kind_order.get(k, len(kind_order)))
    grouped = grouped.sort_values(["_v", "variable", "_k", "code"], na_position="last")
    names = {name: v.label for name, v in codebook.variables.items()}
    grouped["label"] = grouped["variable"].map(lambda v: names.get(v, v))
    grouped["kind_label"] = grouped["kind"].map(lambda k: kinds.get(k, k))
    return grouped[columns].reset_index(drop=True)


def valid_text(var: Variable, language: str = "de") -> str:
    """The valid answers of ``var`` in words: ``1 bis 5`` for consecutive codes or a
    range, the codes otherwise (never a value that was found)."""
    def num(x: float) -> str:
        return format_number(x, "stat", language, 0 if float(x).is_integer() else 2)

    codes = sorted(var.levels) if var.is_categorical else sorted(var.codes)
    if codes and codes == list(range(int(codes[0]), int(codes[-1]) + 1)) and len(codes) > 2:
        return text("does.range", language).format(lo=num(codes[0]), hi=num(codes[-1]))
    if codes:
        return ", ".join(num(c) for c in codes)
    if var.range is not None:
        lo, hi = var.range
        return text("does.range", language).format(lo=num(lo), hi=num(hi))
    return "–"


def _subject(codebook: Codebook, name: str, language: str) -> tuple[str, dict[str, Any]]:
    """The label a report shows for a log row's variable and the parameters of its
    description."""
    spec = codebook.session_ratings
    if name.startswith("session_ratings.") and spec is not None:
        item = name.split(".", 1)[1]
        lo, hi = spec.range
        rng = text("does.range", language).format(
            lo=format_number(lo, "stat", language, 0), hi=format_number(hi, "stat", language, 0))
        label = f"{text('does.session_ratings', language)}: {spec.items.get(item, item)}"
        return label, {"valid": rng}
    if name in codebook.variables:
        var = codebook.variables[name]
        return var.label, {"valid": valid_text(var, language), "k": var.max_choices}
    if name in codebook.scales:
        scale = codebook.scales[name]
        return scale.label, {"k": len(scale.items), "min_items": scale.min_items}
    if name in codebook.derived:
        derived = codebook.derived[name]
        sources = " × ".join(f"„{codebook.label(s)}“" if language == "de"
                             else f"\"{codebook.label(s)}\"" for s in derived.sources)
        return derived.label, {"sources": sources}
    try:
        return codebook.label(name), {}
    except (KeyError, ValueError):
        return name, {}


def cleaning_log(log: pd.DataFrame, codebook: Codebook, *, language: str = "de",
                 internal: bool = False) -> pd.DataFrame:
    """The cleaning log as a report and its ``cleaning_log.csv`` show it: per question and
    rule what cleaning did, in words, and how many values it touched.

    Parameters
    ----------
    log : DataFrame
        ``cleaning_log.csv`` of the wave (``data/processed``).
    codebook : Codebook
        Labels and valid answers.
    language : {"de", "en"}
    internal : bool, default False
        True: every rule (also renamed columns, blank cells, reverse-keying …) and the
        cleaning code's technical ``detail`` (which may quote values).

    Returns
    -------
    DataFrame
        ``variable, label, rule, rule_label, n_affected, description`` (internal: and
        ``detail``), in codebook order. Shared: only rules that excluded or changed
        answers and are not counted elsewhere (out of range, filter violations, too many
        answers, decimal commas, missing scale scores). Counts at full precision: what a
        shared report may show of them :class:`survey.disclosure.Plan` decides (a rule's
        count is part of a cell of the missingness table).
    """
    rules = _ALL_RULES if internal else _SHARED_RULES
    t = log.drop(columns=[c for c in ("rows",) if c in log.columns])
    t = t[t["rule"].isin(rules)].copy()
    t["_order"] = t["rule"].map({r: i for i, r in enumerate(rules)})
    position = {name: i for i, name in enumerate(codebook.columns)}
    t["_pos"] = t["variable"].map(lambda v: position.get(v, len(position)))
    t = t.sort_values(["_pos", "variable", "_order"], kind="stable").reset_index(drop=True)
    counts = pd.to_numeric(t["n_affected"], errors="coerce")
    subjects = [_subject(codebook, str(v), language) for v in t["variable"]]
    descriptions = []
    for (_, params), rule in zip(subjects, t["rule"], strict=True):
        key = f"does.{rule}"
        if rule == "max_choices" and params.get("k") == 1:
            key = "does.max_choices_one"
        entry = text_or(key, language, text(f"rule.{rule}", language))
        try:
            descriptions.append(entry.format(**params))
        except (KeyError, IndexError):
            descriptions.append(text(f"rule.{rule}", language))
    out = pd.DataFrame({
        "variable": t["variable"].astype(str),
        "label": [label for label, _ in subjects],
        "rule": t["rule"].astype(str),
        "rule_label": [text(f"rule.{r}", language) for r in t["rule"]],
        "n_affected": counts.astype("Int64"),
        "description": descriptions,
    })
    if internal:
        out["detail"] = t["detail"].fillna("").astype(str)
    return out


def raw_columns(codebook: Codebook, language: str = "de") -> pd.DataFrame:
    """For the analyst's appendix: each question's raw-file column(s), variable name and
    filter expression, in codebook order."""
    rows = []
    for name, var in codebook.variables.items():
        sources = ", ".join(var.sources)
        rows.append((var.label, sources, name, var.filter or ""))
    return pd.DataFrame(rows, columns=[text("col.question", language),
                                       text("col.raw_column", language),
                                       text("col.variable", language),
                                       text("col.filter", language)])
