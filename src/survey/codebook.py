"""The codebook: load and validate ``codebook.yml`` (docs/codebook.md) into a typed model.

The model is :mod:`survey.codebookmodel`, the loader :mod:`survey.codebookload`; every
module imports both from here.

Every mistake in a codebook is collected and reported at once, each naming the
file, the dotted key and what is wrong, e.g.::

    data/raw/w1/codebook.yml, key 'variables.alter.type': unknown type 'nummer'
    (allowed: binary, coded, date, multi, nominal, numeric, ordinal, text)

Scalars are read as the strings the author wrote (see :mod:`survey.yamlload`),
so a value label ``nein`` or a code ``007`` is never reinterpreted by YAML.

Examples
--------
>>> import tempfile, pathlib
>>> text = '''
... instrument: demo
... id: code
... answer_sets:
...   ja_nein: {type: binary, levels: {0: nein, 1: ja}}
... variables:
...   ae: {label: "Alleinerziehend", answers: ja_nein, source: AE}
... '''
>>> path = pathlib.Path(tempfile.mkdtemp()) / "codebook.yml"
>>> _ = path.write_text(text, encoding="utf-8")
>>> cb = load_codebook(path)
>>> cb.variables["ae"].levels
{0: 'nein', 1: 'ja'}
>>> cb.variables["ae"].source
'AE'
"""

from __future__ import annotations

from .codebookload import load_codebook
from .codebookmodel import (
    CATEGORICAL_TYPES,
    LEVELS,
    ROW_ID,
    TYPES,
    Codebook,
    Column,
    Derived,
    Grouping,
    Hypothesis,
    MissingCode,
    Scale,
    SessionRatings,
    Split,
    Variable,
    missing_kind,
)

__all__ = [
    "TYPES",
    "ROW_ID",
    "CATEGORICAL_TYPES",
    "LEVELS",
    "Column",
    "MissingCode",
    "Variable",
    "Derived",
    "Scale",
    "Grouping",
    "Hypothesis",
    "Split",
    "SessionRatings",
    "Codebook",
    "load_codebook",
    "missing_kind",
]
