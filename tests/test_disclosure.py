"""Tests of survey.disclosure: the rules on tiny waves, worked out by hand, and the
guard that keeps the internal version out of shared folders.

Each wave is small enough to check on paper; the comment of each test says what a reader
could work out if a withheld cell were shown. Every planned table is also read back by the
independent audit (survey.audit), which must find nothing.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import TINY_STUDY, write

from survey import describe, quality
from survey.audit import audit_folder
from survey.disclosure import Plan, Policy, plan, shown_only, wave_tables
from survey.store import load_wave

# --------------------------------------------------------------------------- waves

#: N = 20. ae: 3 × ja, 17 × nein. fam: 10 × Ja, 6 × eher ja, 2 × mittel, 2 × weiß nicht.
TINY = TINY_STUDY

#: A five-point answer set without "weiß nicht" and a yes/no set (for ``answer_sets:``).
_SETS = """answer_sets:
  nj5:
    type: ordinal
    levels: {1: "Nein", 2: "eher nein", 3: "mittel", 4: "eher ja", 5: "Ja"}
    top_box: [4, 5]
  ja_nein: {type: binary, levels: {0: "nein", 1: "ja"}}
"""

#: N = 15, two groupings crossed. A × B: (ja, ja) 1, (ja, nein) 6, (nein, ja) 8,
#: (nein, nein) 0, so A: ja 7, nein 8; B: ja 9, nein 6. q: Ja 7, eher ja 5, mittel 2,
#: eher nein 1, Nein 0.
CROSSED = ("""
instrument: crossed
title: "Crossed"
id: code
""" + _SETS + """variables:
  a: {label: "A", answers: ja_nein, source: A}
  b: {label: "B", answers: ja_nein, source: B}
  q: {label: "Q", answers: nj5, source: Q}
groupings:
  ga: {variable: a, label: "nach A"}
  gb: {variable: b, label: "nach B"}
  gab: {variables: [a, b], label: "A × B"}
""", "code,A,B,Q\n" + "".join(
    f"r{i:02d},{a},{b},{q}\n" for i, (a, b, q) in enumerate(zip(
        [1] * 7 + [0] * 8, [1] + [0] * 6 + [1] * 8,
        [5, 4, 5, 3, 4, 5, 2, 5, 4, 4, 5, 3, 5, 4, 5], strict=True))))


def _load(root: Path, study: tuple[str, str]):
    write(root / "data/raw/w/codebook.yml", study[0])
    write(root / "data/raw/w/raw.csv", study[1])
    write(root / "waves.yml", """
        waves:
          w: {title: "W", raw: data/raw/w/raw.csv, codebook: data/raw/w/codebook.yml}
        """)
    return load_wave("w", root / "waves.yml", root / "processed")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return _load(tmp_path_factory.mktemp("tiny"), TINY)


@pytest.fixture(scope="module")
def crossed(tmp_path_factory):
    return _load(tmp_path_factory.mktemp("crossed"), CROSSED)


def _freq(wd, m: int) -> pd.DataFrame:
    table = plan(wd, Policy(m)).table(describe.frequencies(wd.data, wd.missing, wd.codebook),
                                      "frequencies")
    return table.set_index(["variable", "value_label"])


def _withheld(row: pd.Series, column: str = "n") -> bool:
    return column in str(row["suppressed"]).split(";")


def _small(row: pd.Series, column: str = "n") -> bool:
    return column in str(row["suppressed_small"]).split(";")


def _published(wd, m: int, folder: Path) -> Path:
    """Every table of the wave, as the plan publishes it, in ``folder/w/tables``."""
    p = plan(wd, Policy(m))
    out = folder / "w"
    for name, frame in wave_tables(wd, Policy(m)).items():
        p.publish(frame, name, out / "tables")
    return out


# --------------------------------------------------------------------------- rules


def test_primary_and_complement(tiny):
    f = _freq(tiny, 5)
    # ae: 3 "ja" is small; 17 "nein" is its complement (20 − 17 = 3): both withheld
    assert _withheld(f.loc[("ae", "ja")]) and _small(f.loc[("ae", "ja")])
    assert _withheld(f.loc[("ae", "nein")]) and not _small(f.loc[("ae", "nein")])
    # and every share of them
    for column in ("pct", "pct_valid", "ci_low", "ci_high"):
        assert pd.isna(f.loc[("ae", "ja"), column]), column
    # fam: 2 "mittel" and 2 "weiß nicht" are small; they add up to 20 − 10 − 6 = 4,
    # which 1 + 3, 2 + 2 and 3 + 1 all give: nothing more is withheld
    assert _small(f.loc[("fam", "mittel")]) and _small(f.loc[("fam", "weiß nicht")])
    assert f.loc[("fam", "Ja"), "n"] == 10 and f.loc[("fam", "eher ja"), "n"] == 6
    assert f.loc[("fam", "Nein"), "n"] == 0  # zeros disclose nothing
    assert (f["base_n"] == 20).all()


def test_a_mean_of_a_withheld_count_is_withheld(tiny):
    items = plan(tiny, Policy(5)).table(describe.items(tiny.data, tiny.missing,
                                                       tiny.codebook), "items")
    ae = items.set_index("variable").loc["ae"]
    # a yes/no item's mean is its share of "ja": 0,15 · 20 = 3
    assert pd.isna(ae["mean"]) and _withheld(ae, "mean")
    fam = items.set_index("variable").loc["fam"]
    # fam's valid answers (18) would give "weiß nicht" (20 − 18 = 2) away
    assert pd.isna(fam["n_valid"])


def test_min_cell_3_pins_two_small_cells_and_takes_a_partner(tiny):
    f = _freq(tiny, 3)
    # ae: 3 is not below 3: shown, and so is 17
    assert f.loc[("ae", "ja"), "n"] == 3 and f.loc[("ae", "nein"), "n"] == 17
    # fam: "mittel" 2 and "weiß nicht" 2 are below 3, so each is 1 or 2; they add up to 4,
    # which only 2 + 2 gives: a third count goes too (the cheaper of 6 and 10: the 6)
    assert _small(f.loc[("fam", "mittel")]) and _small(f.loc[("fam", "weiß nicht")])
    assert _withheld(f.loc[("fam", "eher ja")]) and not _small(f.loc[("fam", "eher ja")])
    assert f.loc[("fam", "Ja"), "n"] == 10


def test_min_cell_10(tiny):
    f = _freq(tiny, 10)
    # 6, 2 and 2 are below 10 and add up to 10: 1 … 9 each fits many ways in the
    # frequency table alone; but the item table shows the top box (eher ja + Ja = 16),
    # and 16 − 10 gives the 6: one of the two goes too
    for label in ("eher ja", "mittel", "weiß nicht"):
        assert _small(f.loc[("fam", label)]), label
    items = plan(tiny, Policy(10)).table(describe.items(tiny.data, tiny.missing,
                                                        tiny.codebook), "items")
    top = items.set_index("variable").loc["fam", "n_top_box"]
    assert pd.isna(f.loc[("fam", "Ja"), "n"]) or pd.isna(top)
    assert _small(f.loc[("ae", "ja")]) and _withheld(f.loc[("ae", "nein")])


def test_the_same_cell_is_withheld_in_every_table(tiny):
    p = plan(tiny, Policy(5))
    miss = p.table(quality.missingness_table(tiny.missing, tiny.codebook, 20), "missingness")
    reasons = p.table(quality.missing_reasons(tiny.missing, tiny.codebook), "missing_reasons")
    fam = miss.set_index("variable").loc["fam"]
    # "weiß nicht" = 2 is withheld in the frequencies, the missing-value table and the
    # reasons alike, and so is everything it could be worked out from (n_valid 18)
    assert _small(fam, "dont_know") and pd.isna(fam["n_valid"])
    assert reasons.loc[reasons["variable"] == "fam", "n"].isna().all()


def test_a_small_crossed_group_gets_nothing_of_its_own(crossed):
    p = plan(crossed, Policy(5))
    s = p.table(describe.sample(crossed.data, crossed.codebook), "sample")
    cross = s[s["grouping"] == "gab"].set_index("group")
    # (ja, ja) has one person: withheld as small; its margins A: ja (7) and B: ja (9)
    # would give it away from the other cells, so no cell of the crossing is shown, not
    # even the empty one (it would pin (nein, ja) = A: nein, and so (ja, ja) = 9 − 8)
    assert _small(cross.loc["A: ja / B: ja"])
    assert cross["n"].isna().all()
    assert s.loc[s["grouping"] == "total", "n"].tolist() == [15]
    # q: 1 × eher nein and 2 × mittel are small; 5 × eher ja goes with them
    # (15 − 7 − 0 = 8 = 1 + 2 + 5 otherwise gives 5 + a sum of two small ones)
    f = _freq(crossed, 5)
    assert _small(f.loc[("q", "eher nein")]) and _small(f.loc[("q", "mittel")])
    assert _withheld(f.loc[("q", "eher ja")])
    assert f.loc[("q", "Ja"), "n"] == 7


@pytest.mark.parametrize("m", [3, 5, 10])
@pytest.mark.parametrize("study", ["tiny", "crossed"])
def test_the_audit_finds_nothing_in_what_the_plan_publishes(request, study, m, tmp_path):
    wd = request.getfixturevalue(study)
    folder = _published(wd, m, tmp_path)
    assert audit_folder(folder, min_cell=m, codebook=wd.codebook) == []


def test_min_cell_1_withholds_nothing(tiny):
    f = _freq(tiny, 1)
    assert (f["suppressed"] == "").all()


def test_the_plan_is_one_per_wave_and_policy(tiny):
    assert plan(tiny, Policy(5)) is plan(tiny, Policy(5))
    assert plan(tiny, Policy(5)) is not plan(tiny, Policy(3))


# --------------------------------------------------------------------------- internal


def test_the_internal_plan_withholds_nothing(tiny):
    full = describe.frequencies(tiny.data, tiny.missing, tiny.codebook)
    shown = Plan(tiny, Policy(5, internal=True)).table(full, "frequencies")
    pd.testing.assert_frame_equal(shown, full)


def test_a_shared_output_refuses_a_table_the_plan_has_not_seen(tiny):
    full = describe.frequencies(tiny.data, tiny.missing, tiny.codebook)
    with pytest.raises(ValueError, match="disclosure plan"):
        shown_only(full, "frequencies", Policy(5))
    assert len(shown_only(full, "frequencies", Policy(5, internal=True))) == len(full)


def test_internal_runs_write_only_to_the_internal_folder(tmp_path):
    reports = tmp_path / "reports"
    assert Policy(5, internal=True).out_dir(reports) == tmp_path / "reports-intern"
    assert Policy(5, internal=True).out_dir(tmp_path / "reports-intern") == \
        tmp_path / "reports-intern"
    with pytest.raises(ValueError, match="reports-intern"):
        Policy(5, internal=True).out_dir(tmp_path / "shared-elsewhere")
    marked = tmp_path / "team"
    marked.mkdir()
    (marked / ".internal").write_text("x", encoding="utf-8")
    assert Policy(5, internal=True).out_dir(marked) == marked
    # and a shared run never writes into an internal folder
    with pytest.raises(ValueError, match="internal version"):
        Policy(5).out_dir(marked)
    with pytest.raises(ValueError, match="internal version"):
        Policy(5).out_dir(tmp_path / "reports-intern")
    assert Policy(5).out_dir(reports) == reports


@pytest.mark.parametrize("bad", [0, -1, 2.5, True, "5"])
def test_policy_rejects_a_bad_threshold(bad):
    with pytest.raises(ValueError, match="min_cell"):
        Policy(bad)


ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("m", [5, 10])
@pytest.mark.parametrize("wave", ["anna-e1", "anna-e2"])
def test_the_demo_waves_tables_at_5_and_10(wave, m, tmp_path_factory):
    """Every table of the demo waves, as the plan publishes it, passes the audit (the
    demo batch's pages, tables and workbooks are audited in test_end_to_end)."""
    wd = load_wave(wave, ROOT / "waves.yml", tmp_path_factory.mktemp("processed"))
    folder = _published(wd, m, tmp_path_factory.mktemp("reports"))
    assert audit_folder(folder, min_cell=m, codebook=wd.codebook) == []


def test_session_ratings_show_no_person_or_week_and_raters_only_when_shared(tmp_path_factory):
    """A participant's or a week's feedback forms are never in a shared table; results per
    counsellor only when the codebook says ``rater_results: shared``, and then a counsellor
    with fewer than min_cell forms gets no figures of their own (docs/registry.md)."""
    from dataclasses import replace

    from survey.ratings import summary

    wd = load_wave("anna-e1", ROOT / "waves.yml", tmp_path_factory.mktemp("processed"))
    spec = wd.codebook.session_ratings
    assert spec is not None and spec.rater_results == "internal"
    full = summary(wd.ratings, spec, period_min=5)
    assert {"week", "rater", "participant"} <= set(full["unit"])
    shown = plan(wd, Policy(5)).table(full, "session_ratings")
    assert set(shown["unit"]) <= {"overall", "period"}
    assert (shown["unit"] == "overall").sum() == 1

    # a fifth counsellor with 3 forms (taken from counsellor 1: 20 forms left)
    forms3 = wd.ratings.copy()
    first = forms3.index[forms3[spec.rater].astype(str) == "1"][:3]
    forms3.loc[first, spec.rater] = type(forms3[spec.rater].iloc[0])(9)
    shared = replace(wd, ratings=forms3, codebook=replace(
        wd.codebook, session_ratings=replace(spec, rater_results="shared")))
    full = summary(forms3, spec, period_min=5)
    shown = plan(shared, Policy(5)).table(full, "session_ratings")
    assert "participant" not in set(shown["unit"]) and "week" not in set(shown["unit"])
    raters = shown[shown["unit"] == "rater"].set_index("key")
    forms = full[full["unit"] == "rater"].set_index("key")["n_forms"]
    assert list(raters.index) == list(forms.index)
    for key, n in forms.items():
        if n < 5:   # withheld, and so is everything computed from its forms
            assert pd.isna(raters.loc[key, "n_forms"]) and pd.isna(raters.loc[key, "mean_total"])
        elif not pd.isna(raters.loc[key, "n_forms"]):
            assert raters.loc[key, "n_forms"] == n
    assert forms.lt(5).sum() == 1
    # the overall total minus the other counsellors would give the 3: one more is withheld
    assert raters["n_forms"].isna().sum() >= 2
    # 16,7 % of 6 people below the cutoff is one person: withheld (and so is its complement)
    people = full[full["unit"] == "rater"].set_index("key")
    below = (people["pct_people_below"] * people["n_people"] / 100).round()
    for key, k in below.items():
        if 0 < k < 5 or 0 < people.loc[key, "n_people"] - k < 5:
            assert pd.isna(raters.loc[key, "pct_people_below"]), key
    assert below.between(1, 4).any()


def test_every_output_refuses_a_bare_threshold(tmp_path):
    """Outputs take the run's Policy; a call that still passes ``min_cell`` as a number is
    refused (a TypeError naming the Policy), never run with a default threshold."""
    from survey import page, plots, tables, workbook

    frame = pd.DataFrame({"variable": ["x"], "n": [3]})
    calls = [lambda: tables.legend("de", 5),
             lambda: tables.display(frame, "frequencies", policy=5),
             lambda: page.Page("descriptives", policy=5),
             lambda: workbook.write_workbook(tmp_path, tmp_path / "t.xlsx", policy=5),
             lambda: plots.wave_figure(frame, policy=5)]
    for call in calls:
        with pytest.raises(TypeError, match="Policy"):
            call()


#: N = 12, everyone B = nein: the comparison by B has one group, whose n is the valid
#: answers of everyone. q: Ja 6, eher ja 4, 2 left blank.
ONE_GROUP = ("""
instrument: onegroup
title: "One group"
id: code
""" + _SETS + """variables:
  b: {label: "B", answers: ja_nein, source: B}
  q: {label: "Q", answers: nj5, source: Q}
groupings:
  gb: {variable: b, label: "nach B"}
""", "code,B,Q\n" + "".join(
    f"r{i:02d},0,{q}\n" for i, q in enumerate([5] * 6 + [4] * 4 + [""] * 2)))


def test_missing_answers_stay_hidden_where_a_test_shows_the_valid_answers(tmp_path):
    """The item table's n_valid (10 of base 12) is also the n of the one-group comparison;
    shown, it gives away the 2 blanks. The tables that show missing answers protect them
    whatever else shows the same number (found by the audit on random studies)."""
    wd = _load(tmp_path, ONE_GROUP)
    p = plan(wd, Policy(5))
    items = p.table(describe.items(wd.data, wd.missing, wd.codebook), "items")
    row = items.set_index("variable").loc["q"]
    assert not (pd.notna(row["n_valid"]) and pd.notna(row["base_n"]))
    assert audit_folder(_published(wd, 5, tmp_path / "reports"), min_cell=5,
                        codebook=wd.codebook) == []
