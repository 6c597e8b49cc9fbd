"""The words of the workbench's file formats, defined once: the kinds of a missing answer
and the words a codebook, a registry or a parameter may use for yes and no.

>>> MISSING_KINDS
('dont_know', 'no_answer', 'system', 'invalid')
>>> truth("Ja"), truth("off"), truth("vielleicht")
(True, False, None)
"""

from __future__ import annotations

from typing import Any

__all__ = ["CODE_KINDS", "MISSING_KINDS", "KINDS", "TRUE_WORDS", "FALSE_WORDS", "truth"]

#: Kinds a user-missing code can have (a codebook's ``missing:``; SPSS user-missing values).
CODE_KINDS: tuple[str, ...] = ("dont_know", "no_answer")
#: Kinds of a missing answer among those asked: the codes above, a blank cell (``system``)
#: and a value a cleaning rule blanked (``invalid``).
MISSING_KINDS: tuple[str, ...] = (*CODE_KINDS, "system", "invalid")
#: Every ``kind`` of ``missing.parquet``, in report order (``not_asked``: outside the
#: question's filter base).
KINDS: tuple[str, ...] = (*CODE_KINDS, "system", "not_asked", "invalid")

#: Words read as true and as false (case-insensitive) in codebooks, registries, parameters
#: and the ``small_cell`` column read back from CSV.
TRUE_WORDS = frozenset({"true", "yes", "ja", "1", "on"})
FALSE_WORDS = frozenset({"false", "no", "nein", "0", "off"})


def truth(value: Any) -> bool | None:
    """True or False for a yes/no word, None for anything else."""
    text = str(value).strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    return None
