"""Tests of survey.settings: one run's settings, checked once, and the one set of defaults."""

from __future__ import annotations

import inspect

import pytest

from survey import compare, disclosure, hypotheses, sentences, splits, wavecompare
from survey.settings import DEFAULTS, RunSettings, wave_min_cell


def test_the_defaults_are_the_notebooks_and_the_policys():
    assert (DEFAULTS.alpha, DEFAULTS.p_adjust, DEFAULTS.min_cell, DEFAULTS.internal) == \
        (0.05, "holm", 5, False)
    assert disclosure.Policy().min_cell == DEFAULTS.min_cell


@pytest.mark.parametrize("func", [compare.compare, hypotheses.hypotheses, splits.splits,
                                  wavecompare.wave_comparison, sentences.two_group,
                                  sentences.for_rows, sentences.anova])
def test_every_analysis_falls_back_to_the_one_set_of_defaults(func):
    """A changed default in DEFAULTS is the default everywhere: no signature repeats it."""
    params = inspect.signature(func).parameters
    for name in ("alpha", "p_adjust", "min_cell"):
        if name in params:
            assert params[name].default == getattr(DEFAULTS, name), (func.__name__, name)


@pytest.mark.parametrize("bad, message", [
    ({"alpha": 0}, "alpha"), ({"alpha": 1.5}, "alpha"), ({"alpha": True}, "alpha"),
    ({"p_adjust": "sidak"}, "p_adjust"), ({"min_cell": 0}, "min_cell"),
    ({"internal": "yes"}, "internal"), ({"language": "fr"}, "language"),
])
def test_a_bad_setting_is_one_clear_error(bad, message):
    with pytest.raises(ValueError, match=message):
        RunSettings(**bad)


def test_from_parameters_and_the_policy():
    run = RunSettings.from_parameters({"wave": "w", "alpha": 0.01, "min_cell": 10,
                                       "internal": True, "out_dir": "x"})
    assert (run.alpha, run.min_cell, run.internal, run.p_adjust) == (0.01, 10, True, "holm")
    assert run.policy == disclosure.Policy(10, internal=True)


def test_a_waves_threshold_override_registry_default():
    assert wave_min_cell({}) == 5
    assert wave_min_cell({"min_cell": "10"}) == 10
    assert wave_min_cell({"min_cell": 10}, {"min_cell": 3}) == 3
