"""The settings of one run, in one place: significance level, p-value adjustment, the
disclosure threshold, shared or internal, and the report's language.

A notebook builds one :class:`RunSettings` from its parameters (docs/registry.md) and hands
it on; the defaults every analysis falls back to are :data:`DEFAULTS`, so that no other
module repeats them.

>>> run = RunSettings(alpha=0.01, min_cell=10)
>>> run.policy
Policy(min_cell=10, internal=False)
>>> RunSettings(alpha=5)
Traceback (most recent call last):
ValueError: alpha must be a number between 0 and 1 (exclusive), got 5
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from .messages import check_language
from .multiplicity import check_method
from .policy import Policy

__all__ = ["RunSettings", "DEFAULTS", "wave_min_cell"]


@dataclass(frozen=True)
class RunSettings:
    """One run's settings (see the module docstring).

    Parameters
    ----------
    alpha : float
        Significance level, strictly between 0 and 1.
    p_adjust : str
        ``holm``, ``bonferroni``, ``fdr_bh`` or ``none`` (:mod:`survey.multiplicity`).
    min_cell : int
        The smallest count a shared output may show (:class:`survey.policy.Policy`).
    internal : bool
        The team's version with every number (written to ``reports-intern/`` only).
    language : str or None
        The report's language; None: the codebook's.
    """

    alpha: float = 0.05
    p_adjust: str = "holm"
    min_cell: int = 5
    internal: bool = False
    language: str | None = None

    def __post_init__(self) -> None:
        alpha = self.alpha
        if isinstance(alpha, bool) or not isinstance(alpha, int | float) or \
                not math.isfinite(alpha) or not 0 < alpha < 1:
            raise ValueError(f"alpha must be a number between 0 and 1 (exclusive), got {alpha!r}")
        check_method(self.p_adjust)
        if not isinstance(self.internal, bool):
            raise ValueError(f"internal must be True or False, got {self.internal!r}")
        if self.language is not None:
            check_language(self.language)
        self.policy  # noqa: B018 (checks min_cell)

    @property
    def policy(self) -> Policy:
        """The disclosure policy of the run (:class:`survey.policy.Policy`)."""
        return Policy(self.min_cell, self.internal)

    @classmethod
    def from_parameters(cls, parameters: Mapping[str, Any]) -> RunSettings:
        """The settings among a notebook's (or a registry's) parameters; others ignored."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in parameters.items() if k in names})


#: The defaults of every analysis and report (a notebook's parameters override them).
DEFAULTS = RunSettings()


def wave_min_cell(parameters: Mapping[str, Any], overrides: Mapping[str, Any] = {}) -> int:
    """The ``min_cell`` a wave's reports use: the run's override (``-p min_cell=…``), else
    the registry's, else :data:`DEFAULTS`."""
    return int(overrides.get("min_cell", parameters.get("min_cell", DEFAULTS.min_cell)))
