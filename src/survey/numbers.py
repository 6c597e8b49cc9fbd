"""Numbers as a report shows them: babel formats, APA decimals, no leading zero for p.

Numbers are formatted with babel (``format_decimal``, locales ``de_DE`` and ``en_GB``):
``1.234,5`` / ``1,234.5``, rounded half away from zero on the decimal value the CSV shows
(SPSS and Excel round so; babel's default is half-to-even), negative numbers with a true
minus sign (U+2212), never ``−0,0``. Decimals (APA 7, section 6.36): counts 0, percentages
1, means, SDs 2, medians 1 (of codes: ``3,0``/``3,5``), correlations and reliability
coefficients (α, ω, mean r, item–rest r, α if deleted, CI bounds) 2 — the third decimal
of α is noise at the sample sizes here and APA asks for two — and p-values 3 (``< ,001``
below). Statistics that cannot exceed 1 in absolute value (p, r, α, ω, …) are shown
without a leading zero as APA and DGPs style want (``,05`` / ``.05``, ``−,12``).

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
import math
from typing import Any

import pandas as pd
from babel.numbers import format_decimal, get_decimal_symbol

from .messages import check_language
from .tablespec import ROLE_DECIMALS

__all__ = ["NOT_COMPUTABLE", "is_missing", "check_language", "format_number",
           "decimal_separator"]

#: Marker of a value that cannot be computed (a true NaN).
NOT_COMPUTABLE = "–"
_MINUS = "\u2212"
_LOCALES = {"de": "de_DE", "en": "en_GB"}


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
    check_language(language)
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


def decimal_separator(language: str) -> str:
    """``","`` (German) or ``"."`` (English)."""
    return get_decimal_symbol(_LOCALES[check_language(language)])
