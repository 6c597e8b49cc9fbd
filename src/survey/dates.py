"""Dates as a report writes them: ``21.11.2026`` (German), ``21 Nov 2026`` (English), and
field periods from ``waves.yml`` (``2021-04-01/2021-04-30`` → ``01.04.2021–30.04.2021``).

>>> format_period("2021-04-01/2021-04-30", "de")
'01.04.2021–30.04.2021'
"""

from __future__ import annotations

import datetime
import re

__all__ = ["format_date", "format_period"]

# babel patterns, so that month names do not depend on the process's locale
_DATE_FORMATS = {"de": ("dd.MM.y", "de_DE"), "en": ("d MMM y", "en_GB")}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def format_date(value: datetime.date | datetime.datetime | str | None, language: str = "de",
                *, time: bool = False) -> str:
    """A date as a report shows it: ``21.11.2026`` (German), ``21 Nov 2026`` (English).

    Timestamps (also ISO strings with an offset, as the provenance records hold them) are
    converted to local time first; ``time=True`` adds ``HH:MM``. ``None`` or an unreadable
    string gives ``"–"``.

    >>> format_date("2026-11-21T13:05:00+00:00", "de", time=True)[:10]
    '21.11.2026'
    """
    if value is None or value == "":
        return "–"
    if isinstance(value, str):
        try:
            value = (datetime.date.fromisoformat(value) if _ISO_DATE.match(value)
                     else datetime.datetime.fromisoformat(value))
        except ValueError:
            return "–"
    from babel.dates import format_date as babel_date

    pattern, locale = _DATE_FORMATS[language]
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone()
        stamp = babel_date(value.date(), pattern, locale=locale)
        return stamp + (value.strftime(" %H:%M") if time else "")
    return babel_date(value, pattern, locale=locale)


def format_period(fielded: str | None, language: str = "de") -> str:
    """A field period ``2021-04-01/2021-04-30`` as ``01.04.2021–30.04.2021``; other text
    (``"April 2021"``) is shown as written, an empty one as ``"–"``."""
    if not fielded:
        return "–"
    parts = str(fielded).split("/")
    if len(parts) in (1, 2) and all(_ISO_DATE.match(p.strip()) for p in parts):
        return "–".join(format_date(p.strip(), language) for p in parts)
    return str(fielded)
