"""Report figures: diverging bars for rating scales, horizontal bars for multiple responses,
missing values per variable, forest plots of effect sizes, feedback forms per week and two
waves compared item by item.

The figures live in :mod:`survey.figures`, one module per family (``style`` holds what
they share); this module is the one place notebooks import them from.

Every function returns a :class:`matplotlib.figure.Figure` built without pyplot, so
nothing global changes (no rcParams, no open pyplot figures); show it in a notebook with
:func:`survey.render.figure_image`. The figures follow the report conventions: one
language, German by default and English with ``language="en"`` (every word from the
catalogue :mod:`survey.messages`, numbers by :func:`survey.tables.format_number`: decimal
comma in German, decimal point in English), colour-blind-safe colours that stay
distinguishable when printed in grey, labels wrapped at word boundaries (never cut inside
a word) and a height that grows with the number of bars.

Examples
--------
>>> import pandas as pd
>>> freq = pd.DataFrame({
...     "variable": ["fam"] * 4,
...     "label": ["Ich fühle mich in meiner Familie wohl."] * 4,
...     "code": [1, 2, 3, float("nan")],
...     "value_label": ["nein", "teils", "ja", "weiß nicht"],
...     "kind": ["valid", "valid", "valid", "dont_know"],
...     "n": [2, 3, 4, 1], "pct": [20.0, 30.0, 40.0, 10.0], "base_n": 10,
... })
>>> fig = likert_figure(freq, wrap=30, policy=Policy(internal=True))
>>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
['Ich fühle mich in meiner\\nFamilie wohl. (n = 10)']
>>> len(fig.axes)  # the diverging chart and the "weiß nicht" bars
2
"""

from __future__ import annotations

from .disclosure import Policy  # noqa: F401 (the module's doctest)
from .figures.bars import bar_figure
from .figures.forest import forest_figure
from .figures.likert import likert_figure
from .figures.missing import missingness_figure
from .figures.monitoring import card_figure, funnel_plot, takeup_figure
from .figures.style import (
    DONT_KNOW_COLOUR,
    NEUTRAL_COLOUR,
    OKABE_ITO,
    likert_colours,
    wrap_label,
)
from .figures.targets import indicator_figure
from .figures.waves import wave_figure
from .figures.weekly import week_label, weekly_figure

__all__ = [
    "OKABE_ITO",
    "DONT_KNOW_COLOUR",
    "NEUTRAL_COLOUR",
    "likert_colours",
    "wrap_label",
    "likert_figure",
    "bar_figure",
    "missingness_figure",
    "forest_figure",
    "weekly_figure",
    "week_label",
    "wave_figure",
    "takeup_figure",
    "card_figure",
    "funnel_plot",
    "indicator_figure",
]
