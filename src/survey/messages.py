"""The words reports show, in one catalogue: German by default, English when the
codebook says ``language: en``.

Keys are dotted: ``kind.dont_know`` (kinds of missing values), ``col.pct_valid`` (table
headers), ``text.*`` (sentences in reports). A missing English entry falls back to German,
so a report is never left with a bare key.

Examples
--------
>>> text("kind.dont_know")
'weiß nicht'
>>> text("kind.dont_know", "en")
"don't know"
>>> labels("kind", "de")["no_answer"]
'keine Angabe'
"""

from __future__ import annotations

__all__ = ["LANGUAGES", "MESSAGES", "text", "labels"]

LANGUAGES = ("de", "en")

MESSAGES: dict[str, dict[str, str]] = {
    # kinds of missing values (missing.parquet, frequencies.csv), in report order
    "kind.dont_know": {"de": "weiß nicht", "en": "don't know"},
    "kind.no_answer": {"de": "keine Angabe", "en": "no answer"},
    "kind.system": {"de": "leer", "en": "blank"},
    "kind.not_asked": {"de": "nicht gefragt (Filter)", "en": "not asked (filter)"},
    "kind.invalid": {"de": "ungültig", "en": "invalid"},
}


def text(key: str, language: str = "de") -> str:
    """The catalogue's text for ``key`` in ``language`` (German when not translated).

    Raises
    ------
    KeyError
        For a key the catalogue does not have (a bug: every shown text is catalogued).
    """
    entry = MESSAGES[key]
    return entry.get(language) or entry["de"]


def labels(prefix: str, language: str = "de") -> dict[str, str]:
    """Every entry under ``prefix.`` as ``{rest of key: text}``, in catalogue order."""
    start = prefix + "."
    return {k[len(start):]: text(k, language) for k in MESSAGES if k.startswith(start)}
