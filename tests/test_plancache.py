"""The disclosure plan kept beside a wave's clean data (survey.plancache): reused only for
the same data, codebook, policy and code, and then deciding exactly what a new plan does."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from survey import disclosure, plancache
from survey.disclosure import Plan, Policy, plan, wave_tables
from survey.store import load_wave

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    return tmp_path_factory.mktemp("processed")


@pytest.fixture
def wave(processed):
    disclosure._CACHE.clear()
    wd = load_wave("anna-e1", ROOT / "waves.yml", processed)
    for old in (wd.folder / "plans").glob("*"):
        old.unlink()
    return wd


def _stored(wd) -> list[Path]:
    return sorted((wd.folder / "plans").glob("*.pickle"))


def _no_build(monkeypatch):
    def refuse(self, *args, **kwargs):
        raise AssertionError("the plan was built again")
    monkeypatch.setattr(Plan, "__init__", refuse)


def test_a_second_report_loads_the_plan_and_withholds_the_same_cells(wave, processed,
                                                                     monkeypatch):
    built = plan(wave, Policy(5))
    assert len(_stored(wave)) == 1
    tables = wave_tables(wave, Policy(5))
    expected = {name: built.table(frame, name) for name, frame in tables.items()}

    disclosure._CACHE.clear()  # another report: a new process, the wave loaded again
    again = load_wave("anna-e1", ROOT / "waves.yml", processed, refresh=False)
    _no_build(monkeypatch)
    loaded = plan(again, Policy(5))
    assert loaded.wd is again and loaded.cells.data is again.data
    assert loaded.solution.hidden == built.solution.hidden
    assert any(loaded.solution.hidden.values())  # the demo wave withholds something
    for name, frame in tables.items():
        pd.testing.assert_frame_equal(loaded.table(frame, name), expected[name])


def test_another_policy_or_changed_data_is_not_reused(wave, monkeypatch):
    plan(wave, Policy(5))
    disclosure._CACHE.clear()
    plan(wave, Policy(10))
    assert len(_stored(wave)) == 2  # one per threshold

    disclosure._CACHE.clear()
    fewer = replace(wave, data=wave.data.iloc[:-1])  # one respondent less, same folder
    calls = []
    original = Plan.__init__

    def counting(self, *args, **kwargs):
        calls.append(1)
        original(self, *args, **kwargs)
    monkeypatch.setattr(Plan, "__init__", counting)
    plan(fewer, Policy(5))
    assert calls == [1]
    relabelled = replace(wave, codebook=replace(wave.codebook, title="Andere Studie"))
    disclosure._CACHE.clear()
    plan(relabelled, Policy(5))
    assert calls == [1, 1]


def test_a_damaged_file_is_built_again_and_a_folder_keeps_the_newest(wave, caplog):
    plan(wave, Policy(5))
    (stored,) = _stored(wave)
    stored.write_bytes(b"not a pickle")
    disclosure._CACHE.clear()
    again = plan(wave, Policy(5))
    assert again.solution is not None and "not reused" in caplog.text
    assert len(_stored(wave)) == 1
    for i in range(plancache.KEEP + 2):
        plancache.save(wave.folder, f"key{i}", {"cells": None, "solution": None})
    kept = _stored(wave)
    assert len(kept) == plancache.KEEP and wave.folder / "plans" / "key5.pickle" in kept
    assert plancache.load(wave.folder, "key5") == {"cells": None, "solution": None,
                                                  "key": "key5"}
    assert plancache.load(wave.folder, "key4") is not None
    (wave.folder / "plans" / "key4.pickle").rename(wave.folder / "plans" / "other.pickle")
    assert plancache.load(wave.folder, "other") is None  # its key says key4


def test_cleaning_again_removes_the_stored_plans(wave, processed):
    from survey.registry import get_wave
    from survey.store import clean_wave

    plan(wave, Policy(5))
    assert _stored(wave)
    clean_wave(get_wave(ROOT / "waves.yml", "anna-e1"), processed)
    assert _stored(wave) == []


def test_a_wave_without_a_folder_or_an_internal_run_is_kept_in_memory_only(wave):
    loose = replace(wave, folder=None)
    assert plancache.key(loose, Policy(5)) is None
    assert plan(loose, Policy(5)).solution is not None
    assert _stored(wave) == []
    assert plancache.key(wave, Policy(5)) != plancache.key(wave, Policy(5, internal=True))
