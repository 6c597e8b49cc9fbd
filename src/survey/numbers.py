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
import re
from typing import Any

import pandas as pd
from babel.numbers import format_decimal, get_decimal_symbol

from .messages import check_language
from .tablespec import ROLE_DECIMALS

__all__ = ["NOT_COMPUTABLE", "is_missing", "check_language", "format_number",
           "decimal_separator", "with_percent", "format_percent"]

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


def exact_digits(step: float) -> int:
    """Decimals that show a number exactly (0,25 → 2; 0,5 → 1; 2 → 0), at most 3.

    >>> exact_digits(0.25), exact_digits(2.0), exact_digits(0.001)
    (2, 0, 3)
    """
    for digits in range(4):
        if abs(step * 10**digits - round(step * 10**digits)) < 1e-6:
            return digits
    return 3


def with_percent(shown: str, language: str = "de") -> str:
    """A formatted share with its per cent sign as the language writes it: ``"12,3 %"``
    (German, DIN 5008), ``"12.3%"`` (English).

    >>> with_percent("12,3"), with_percent("12.3", "en")
    ('12,3 %', '12.3%')
    """
    return f"{shown} %" if language == "de" else f"{shown}%"


def format_percent(value: Any, language: str = "de", decimals: int = 1) -> str:
    """A share on the 0–100 scale with its sign (:func:`with_percent`); ``"–"`` when
    missing.

    >>> format_percent(52.381), format_percent(52.381, "en", 0)
    ('52,4 %', '52%')
    """
    shown = format_number(value, "percent", language, decimals)
    return shown if is_missing(value) else with_percent(shown, language)


def format_alpha(alpha: float, language: str = "de") -> str:
    """A significance level with as few decimals as it needs: ``",05"``, ``",001"``.

    >>> format_alpha(0.05), format_alpha(0.001), format_alpha(0.1, "en")
    (',05', ',001', '.1')
    """
    return format_number(alpha, "p", language, max(1, exact_digits(alpha)))

_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def week_label(key: str, language: str = "de") -> str:
    """An ISO week or a period of weeks as a report names it.

    >>> week_label("2021-W02"), week_label("2021-W02/2021-W04"), week_label("2021-W02", "en")
    ('KW 2/2021', 'KW 2–4/2021', 'W2/2021')
    >>> week_label("2020-W53/2021-W02")
    'KW 53/2020–KW 2/2021'
    """
    word = "KW " if language == "de" else "W"
    parts = [_ISO_WEEK.match(k) for k in str(key).split("/")]
    if not parts or not all(parts) or len(parts) > 2:
        return str(key)
    first, last = parts[0], parts[-1]
    assert first is not None and last is not None
    year, week = first.group(1), int(first.group(2))
    if len(parts) == 1 or first.group(0) == last.group(0):
        return f"{word}{week}/{year}"
    if first.group(1) == last.group(1):
        return f"{word}{week}–{int(last.group(2))}/{year}"
    return f"{word}{week}/{year}–{word}{int(last.group(2))}/{last.group(1)}"
