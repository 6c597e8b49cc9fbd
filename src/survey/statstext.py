"""A statistic as report text: effect sizes, intervals, p values and test statistics.

The numbers follow APA/DGPs style: test statistics with two decimals (U with one, t's Welch
degrees of freedom with one), p with three decimals and no leading zero (``< ,001`` below
that), effect sizes with two decimals and without a leading zero when they cannot exceed 1
(r, V, ε², η²p; Hedges' g and odds ratios keep it), the risk difference in percentage points
with its sign, and a 95 % confidence interval after each effect size. German numbers use the
decimal comma and ``.`` between thousands, English numbers the other way round
(:func:`survey.tables.format_number`). Every word comes from the catalogue
(:mod:`survey.messages`, keys ``sentence.*``).

Used by the result sentences (:mod:`survey.sentences`), the hypotheses table and the
figures' effect labels.

Examples
--------
>>> format_effect("epsilon2", 0.0123), format_interval("hedges_g", -0.64, 0.15)
(',01', '[−0,64; 0,15]')
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from .messages import MESSAGES, check_language, text
from .numbers import format_number, is_missing

__all__ = ["format_effect", "format_interval", "effect_text", "p_text", "effect_legend"]

#: Effect sizes that cannot exceed 1 in absolute value: no leading zero (APA).
_BOUNDED = frozenset({"rank_biserial", "cramers_v", "epsilon2", "eta2_partial", "r"})
_MINUS = "\u2212"


# --------------------------------------------------------------------------- numbers


def _num(x: Any) -> float:
    """A float, NaN for anything missing or not a number."""
    if is_missing(x) or isinstance(x, str) and not x.strip():
        return math.nan
    try:
        return float(x)
    except (TypeError, ValueError):
        return math.nan


def _missing(x: Any) -> bool:
    return math.isnan(_num(x))


def _signed(x: float, digits: int, language: str) -> str:
    """A number with an explicit sign: ``+12,3``, ``−4,0``, ``0,0``."""
    out = format_number(x, "stat", language, digits)
    if not out.startswith(_MINUS) and any(ch in "123456789" for ch in out):
        out = "+" + out
    return out


def format_effect(effect: str, value: Any, *, language: str = "de") -> str:
    """An effect size as a report shows it, without its symbol.

    Two decimals; no leading zero for effects bounded by 1 (``rank_biserial``,
    ``cramers_v``, ``epsilon2``, ``eta2_partial``, ``r``); the risk difference (a
    proportion in ``group_comparisons.csv``) in percentage points with one decimal and its
    sign. Missing values give ``"–"``.

    Parameters
    ----------
    effect : str
        The name of the effect size (docs/results.md) (``group_comparisons.csv`` column ``effect``).
    value : float
        The effect size.
    language : {"de", "en"}

    Returns
    -------
    str

    Examples
    --------
    >>> format_effect("rank_biserial", -0.123), format_effect("hedges_g", 0.456)
    ('−,12', '0,46')
    >>> format_effect("risk_difference", 0.1234), format_effect("odds_ratio", 1.5, language="en")
    ('+12,3', '1.50')
    """
    check_language(language)
    x = _num(value)
    if math.isnan(x):
        return format_number(x)
    if effect == "risk_difference":
        return _signed(100.0 * x, 1, language)
    return format_number(x, "unit" if effect in _BOUNDED else "stat", language, 2)


def format_interval(effect: str, low: Any, high: Any, *, language: str = "de") -> str:
    """A confidence interval in the format of :func:`format_effect`: ``"[,05; ,36]"``
    (German) or ``"[.05, .36]"`` (English); ``""`` when a bound is missing.

    Examples
    --------
    >>> format_interval("rank_biserial", -0.12, 0.2)
    '[−,12; ,20]'
    >>> format_interval("risk_difference", 0.021, 0.253, language="en")
    '[+2.1, +25.3]'
    """
    if _missing(low) or _missing(high):
        return ""
    return text("sentence.interval", language).format(
        low=format_effect(effect, low, language=language),
        high=format_effect(effect, high, language=language))


def _p_value(p: float, language: str) -> str:
    """``",012"`` or ``"< ,001"``."""
    return format_number(p, "p", language, 3)


def _p_text(p: float, p_adj: float, language: str, nested: bool) -> str:
    """``"p = ,012 (korrigiert: ,036)"``; brackets instead of parentheses when ``nested``."""
    shown = _p_value(p, language)
    out = f"p {shown}" if shown.startswith("<") else f"p = {shown}"
    if not math.isnan(p_adj):
        adjusted = _p_value(p_adj, language)
        if adjusted != shown:
            inner = text("sentence.p_adjusted", language).format(p=adjusted)
            out += f" [{inner}]" if nested else f" ({inner})"
    return out


def _effect_text(effect: str, value: float, low: float, high: float, language: str) -> str:
    """``"r = ,21, 95 %-KI [,05; ,36]"``, ``"Differenz +14,0 Prozentpunkte, 95 %-KI […]"``."""
    if math.isnan(value):
        return ""
    shown = format_effect(effect, value, language=language)
    if effect == "risk_difference":
        out = text("sentence.risk_difference", language).format(value=shown)
    else:
        out = f"{text(f'sentence.symbol.{effect}', language)} = {shown}"
    if not (math.isnan(low) or math.isnan(high)):
        out += ", " + text("sentence.ci", language).format(
            low=format_effect(effect, low, language=language),
            high=format_effect(effect, high, language=language))
    return out


def effect_text(row: Mapping[str, Any], language: str = "de") -> str:
    """A result row's effect size with its symbol and 95 % CI (``effect``, ``effect_size``,
    ``ci_low``, ``ci_high``): ``"g = 0,46, 95 %-KI [0,12; 0,80]"``; ``""`` when missing.

    >>> effect_text({"effect": "rank_biserial", "effect_size": 0.3, "ci_low": 0.1,
    ...              "ci_high": 0.5})
    'r = ,30, 95 %-KI [,10; ,50]'
    """
    return _effect_text(str(row.get("effect") or ""), _num(row.get("effect_size")),
                        _num(row.get("ci_low")), _num(row.get("ci_high")), language)


def p_text(row: Mapping[str, Any], language: str = "de") -> str:
    """A result row's adjusted p value: ``"p (korr.) = ,012"``; ``""`` when missing.

    >>> p_text({"p_adj": 0.0004}, "en")
    'p (adj.) < .001'
    """
    p = _num(row.get("p_adj"))
    if math.isnan(p):
        return ""
    shown = _p_value(p, language)
    word = text("sentence.p_adj_short", language)
    return f"{word} {shown}" if shown.startswith("<") else f"{word} = {shown}"


def effect_legend(effects: Any, language: str = "de") -> list[str]:
    """What each effect symbol of a table means, for the small print below it, in the
    order given: ``["RD = Risikodifferenz in Prozentpunkten (Pp.)", "g = Hedges' g"]``.

    >>> effect_legend(["risk_difference", "rank_biserial", None], "en")
    ['RD = Risk difference in percentage points (pp)', 'r = Rank-biserial correlation']
    """
    out: list[str] = []
    for effect in dict.fromkeys(e for e in effects if isinstance(e, str) and e):
        key = next((k for k in (f"table.symbol.{effect}", f"sentence.symbol.{effect}")
                    if k in MESSAGES), None)
        if key is None or f"effect.{effect}" not in MESSAGES:
            continue
        symbol, name = text(key, language), text(f"effect.{effect}", language)
        if not name.removesuffix(f" {symbol}").endswith("'"):  # but "Hedges' g" stays
            name = name.removesuffix(f" {symbol}")  # "Rangbiseriale Korrelation r" → "…on"
        if f"table.unit.{effect}" in MESSAGES:
            name = text("sentence.effect_unit", language).format(
                effect=name, unit=text(f"table.unit.{effect}", language).strip())
        out.append(f"{symbol} = {name}")
    return out


def _statistic(row: Mapping[str, Any], language: str) -> str:
    """``"U = 3.850,0"``, ``"t(187,3) = 2,45"``, ``"χ²(1) = 5,31"``, ``"F(1, 196) = 5,31"``."""
    test = str(row.get("test"))
    if test == "fisher":
        return text("sentence.stat.fisher", language)
    value = _num(row.get("statistic"))
    if math.isnan(value):
        return ""
    digits = 1 if test == "mann_whitney" else 2
    df = _num(row.get("df"))
    df_digits = 1 if test == "welch_t" else 0
    return text(f"sentence.stat.{test}", language).format(
        value=format_number(value, "stat", language, digits),
        df=format_number(df, "stat", language, df_digits),
        df2=format_number(_num(row.get("df2")), "stat", language, 0))


def _stats(row: Mapping[str, Any], language: str, nested: bool) -> str:
    """Statistic, p-values and effect sizes of a row, joined by commas."""
    parts = [_statistic(row, language),
             _p_text(_num(row.get("p")), _num(row.get("p_adj")), language, nested)]
    effect = str(row.get("effect") or "")
    parts.append(_effect_text(effect, _num(row.get("effect_size")), _num(row.get("ci_low")),
                              _num(row.get("ci_high")), language))
    if effect == "risk_difference":
        parts.append(_effect_text("odds_ratio", _num(row.get("odds_ratio")),
                                  _num(row.get("or_ci_low")), _num(row.get("or_ci_high")),
                                  language))
    return ", ".join(p for p in parts if p)
