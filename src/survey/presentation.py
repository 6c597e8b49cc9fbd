"""Words attached to result tables for a report: the analyses write keys, this writes text.

An analysis returns codes and keys at full precision (``reason_key`` names why a test was
chosen, ``supported`` whether a hypothesis holds), so its numbers and keys do not depend on
the report's language. :func:`present` adds the human-readable columns the result tables
document (docs/results.md: ``reason`` in the report's language, a hypothesis' ``verdict``)
to a table the disclosure plan has been through: a count a reason names (``{n_pairs}``) is
shown as the plan shows it, "." where the row withholds it.

>>> import pandas as pd
>>> t = pd.DataFrame({"reason_key": ["chi2_2x2", "wave_mcnemar+wave_pairs_partial"],
...                   "n_pairs": [40, 12], "n_left_out": [0, 3],
...                   "suppressed": ["", "n_left_out"]})
>>> present(t, "wave_comparison", "en")["reason"].tolist()[1]  # doctest: +ELLIPSIS
"12 respondents in both waves (paired) → exact McNemar test, ...: . valid answers of ..."
"""

from __future__ import annotations

import string

import pandas as pd

from .disclosure import SUPPRESSED, withheld_columns
from .messages import check_language, text
from .numbers import format_number, is_missing

__all__ = ["present", "verdict", "REASON_KEY", "WORDS"]

#: The column that names the catalogue entry ``reason.<key>`` of a row ("+"-joined).
REASON_KEY = "reason_key"
#: The columns :func:`present` adds to a result table.
WORDS = ("reason", "verdict")


def _reason(row: pd.Series, language: str) -> str:
    key = row.get(REASON_KEY)
    if is_missing(key) or not str(key):
        return ""
    hidden = withheld_columns(row.get(SUPPRESSED))
    parts = []
    for part in str(key).split("+"):
        entry = text(f"reason.{part}", language)
        fields = {name for _, name, _, _ in string.Formatter().parse(entry) if name}
        values = {name: "." if name in hidden or is_missing(row.get(name))
                  else format_number(row.get(name), "count", language) for name in fields}
        parts.append(entry.format(**values))
    return "; ".join(parts)


def verdict(supported: object, language: str = "de") -> str:
    """"bestätigt" / "nicht bestätigt" (or the English words); "–" when not decided.

    >>> verdict(True), verdict(False), verdict(float("nan"))
    ('bestätigt', 'nicht bestätigt', '–')
    """
    if is_missing(supported):
        return "–"
    return text("verdict.supported" if bool(supported) else "verdict.not_supported", language)


def _verdict(row: pd.Series, language: str) -> object:
    """A primary row's verdict (NA where ``supported`` is withheld), "" on other rows."""
    if not bool(row.get("primary")):
        return ""
    return pd.NA if is_missing(row.get("supported")) else verdict(row["supported"], language)


def present(frame: pd.DataFrame, name: str, language: str) -> pd.DataFrame:
    """``frame`` with the text columns of result table ``name`` in ``language``: ``reason``
    from ``reason_key`` (any table), ``verdict`` from ``supported`` (hypotheses; withheld
    where ``supported`` is). The keys stay; a frame without them is returned unchanged."""
    check_language(language)
    out = frame.copy()
    if REASON_KEY in out.columns:
        out["reason"] = [_reason(row, language) for _, row in out.iterrows()]
    if name == "hypotheses" and "supported" in out.columns:
        out["verdict"] = [_verdict(row, language) for _, row in out.iterrows()]
        if SUPPRESSED in out.columns:
            out[SUPPRESSED] = [f"{s};verdict" if "supported" in withheld_columns(s) else s
                               for s in out[SUPPRESSED]]
    return out
