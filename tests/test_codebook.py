"""Codebook loading and validation: every mistake named with file, key and reason."""

from __future__ import annotations

import pytest
from conftest import ANSWER_SETS, BASIC_CODEBOOK, write

from survey.codebook import load_codebook
from survey.errors import ProblemList


def problems_of(tmp_path, text: str) -> list[str]:
    path = write(tmp_path / "codebook.yml", text)
    with pytest.raises(ProblemList) as info:
        load_codebook(path)
    lines = info.value.lines()
    assert all("\n" not in line and str(path) in line for line in lines)
    return lines


def test_basic_codebook_resolves_answer_sets(tmp_path):
    cb = load_codebook(write(tmp_path / "codebook.yml", BASIC_CODEBOOK))
    fam = cb.variables["fam"]
    assert fam.type == "ordinal" and fam.ordered
    assert fam.levels == {1: "Nein", 2: "eher nein", 3: "mittel", 4: "eher ja", 5: "Ja"}
    # the global -9 plus the answer set's 9, each with its kind
    assert {c: (m.label, m.kind) for c, m in fam.missing.items()} == {
        -9: ("keine Angabe", "no_answer"), 9: ("weiß nicht", "dont_know")}
    assert fam.top_box == [4, 5]
    assert fam.source == "F1" and cb.variables["ae"].source == "AE"
    assert cb.sections == {"subjekt": "Ebene 1: Subjektebene"}


def test_yaml_words_and_leading_zeros_stay_as_written(tmp_path):
    # YAML 1.1 would read `no` as False and `yes` as True; labels must survive.
    cb = load_codebook(write(tmp_path / "codebook.yml", """
        id: code
        variables:
          q: {label: no, type: nominal, levels: {0: no, 1: yes, 007: "007"}}
        """))
    q = cb.variables["q"]
    assert q.label == "no"
    assert q.levels == {0: "no", 1: "yes", 7: "007"}


def test_three_mistakes_give_three_messages(tmp_path):
    lines = problems_of(tmp_path, """
        id: code
        answer_sets:
          nj: {type: ordinal, levels: {1: nein, zwei: ja}}
        variables:
          a: {label: A, type: nummer}
          b: {label: B, answers: fehlt}
        """)
    assert len(lines) == 3
    assert "key 'answer_sets.nj.levels.zwei': 'zwei' is not an integer" in lines[0]
    assert "key 'variables.a.type': unknown type 'nummer'" in lines[1]
    assert "key 'variables.b.answers': answer set 'fehlt' is not defined" in lines[2]


@pytest.mark.parametrize("body, key, reason", [
    ("variables:\n  a: {type: text}\n  a: {type: text}\n", "a", "defined twice"),
    ("variables:\n  a: {type: numeric, range: [70, 16]}\n", "variables.a.range",
     "min 70 is larger than max 16"),
    ("variables:\n  a: {type: numeric, range: [1]}\n", "variables.a.range", "[min, max]"),
    ("variables:\n  a: {type: numeric}\nscales:\n  s: {items: [a, b]}\n", "scales.s.items",
     "'b' is not a variable"),
    ("variables:\n  a: {type: text}\nscales:\n  s: {items: [a]}\n", "scales.s.items",
     "scale items must be ordinal"),
    ("variables:\n  a: {type: numeric}\nscales:\n  s: {items: [a], min_items: 3}\n",
     "scales.s.min_items", "between 1 and the number of items"),
    ("variables:\n  a: {type: multi, options: {o1: x}}\n  b: {type: text, filter: 'o2 == 1'}\n",
     "variables.b.filter", "'o2' is not a variable"),
    ("variables:\n  a: {type: multi, options: {o1: x}}\n  b: {type: text, filter: 'o1 =='}\n",
     "variables.b.filter", "not a valid expression"),
    ("variables:\n  a: {type: numeric, reverse: true}\n", "variables.a.reverse",
     "only ordinal variables"),
    ("variables:\n  a: {type: multi}\n", "variables.a", "needs 'options'"),
    ("variables:\n  a: {type: coded}\n", "variables.a", "needs 'codes'"),
    ("variables:\n  a: {type: nominal, levels: {1: x, 2: x}}\n", "variables.a.levels.2",
     "label 'x' is used for codes 1 and 2"),
    ("missing: {-9: k.A.}\nvariables:\n  a: {type: nominal, levels: {-9: x, 1: y}}\n",
     "variables.a.missing", "both a valid level and a missing code"),
    ("variables:\n  a: {type: numeric}\ngroupings:\n  g: {variable: a}\n", "groupings.g",
     "groups need a categorical variable"),
    ("variables:\n  a: {type: numeric}\nhypotheses:\n  H1: {x: a, y: [zz]}\n", "hypotheses.H1.y",
     "'zz' is not a variable or scale"),
    ("variables:\n  a: {type: numeric}\nhypotheses:\n  H1: {x: a, y: a, direction: up}\n",
     "hypotheses.H1.direction", "unknown direction 'up'"),
    ("variables:\n  a: {type: numeric, colour: red}\n", "variables.a.colour", "unknown key"),
    ("variables:\n  a: {type: numeric, source: X}\n  b: {type: numeric, source: X}\n",
     "variables.b.source", "raw column 'X' is also read by variables.a"),
    ("variables:\n  a: {type: numeric}\nderived:\n  d: {from: [a, a]}\n", "derived.d.from",
     "a cross needs categorical"),
    ("variables:\n  a: {type: numeric}\nsession_ratings:\n  raw: srs.csv\n  id: code\n"
     "  date: datum\n  rater: coach\n  items: {s1: gut}\n  range: [10, 0]\n",
     "session_ratings.range", "min 10 is larger than max 0"),
    ("variables:\n  a: {answers: x, section: nowhere}\n", "variables.a.answers", "not defined"),
    ("variables:\n  a: {type: ordinal, levels: {1: x, 2: y}, section: nowhere}\n",
     "variables.a.section", "section 'nowhere' is not defined"),
])
def test_each_mistake_is_named(tmp_path, body, key, reason):
    lines = problems_of(tmp_path, "id: code\n" + body)
    assert any(f"key '{key}'" in line and reason in line for line in lines), lines


def test_not_yaml_is_one_line_with_line_number(tmp_path):
    lines = problems_of(tmp_path, "id: code\nvariables: [\n")
    assert len(lines) == 1 and "not valid YAML" in lines[0] and "line" in lines[0]


def test_missing_file(tmp_path):
    with pytest.raises(ProblemList) as info:
        load_codebook(tmp_path / "nope.yml")
    assert info.value.lines() == [f"{tmp_path / 'nope.yml'}: file not found"]


def test_reverse_keying_maps_labels_to_reversed_codes(tmp_path):
    cb = load_codebook(write(tmp_path / "codebook.yml", BASIC_CODEBOOK.replace(
        'section: subjekt, source: F1}', 'section: subjekt, source: F1, reverse: true}')))
    fam = cb.variables["fam"]
    # reversed = min + max - value = 6 - value: "Nein" (1) becomes 5
    assert fam.value_labels == {1: "Ja", 2: "eher ja", 3: "mittel", 4: "eher nein", 5: "Nein"}


def test_scale_defaults_and_id_as_text_variable(tmp_path):
    cb = load_codebook(write(tmp_path / "codebook.yml", BASIC_CODEBOOK + """
  code: {type: text, source: CODE}
  b: {label: "B", answers: nj5}
scales:
  s: {label: "S", items: [fam, b], reverse: [b]}
"""))
    assert cb.id_source == "CODE" and "code" not in cb.variables
    assert cb.scales["s"].min_items == 2  # default: every item answered
    assert cb.scales["s"].reverse == ["b"]


def test_explicit_missing_kind(tmp_path):
    cb = load_codebook(write(tmp_path / "codebook.yml", """
        id: code
        missing: {-1: {label: "unsure", kind: dont_know}, -2: "refused"}
        variables:
          a: {type: numeric}
        """))
    assert {c: m.kind for c, m in cb.variables["a"].missing.items()} == {
        -1: "dont_know", -2: "no_answer"}


LOOKUP_CODEBOOK = """
id: code
answer_sets:""" + ANSWER_SETS + """sections: {s1: "Teil 1", s2: "Teil 2"}
variables:
  ae: {label: "Alleinerziehend", answers: ja_nein, section: s1}
  u3: {label: "Kind unter 3", type: binary, levels: {1: "ja", 0: "nein"}}
  allein: {label: "Oft allein?", answers: nj5, reverse: true, section: s2}
  alter: {label: "Alter", type: numeric}
  geraete: {label: "Geräte", type: multi, section: s1,
            options: {g_phone: "Smartphone", g_pc: "PC"}}
  themen: {label: "Themen", type: coded, codes: {1: "Arbeit", 2: "Kinder"},
           filter: "g_phone == 1"}
derived:
  gruppe: {label: "Gruppe", from: [ae, u3]}
scales:
  sk: {label: "Skala", items: [allein], section: s2}
"""


def test_one_lookup_for_every_analysable_name(tmp_path):
    cb = load_codebook(write(tmp_path / "codebook.yml", LOOKUP_CODEBOOK))
    # codebook order: each variable (a set followed by its columns), derived, scales
    assert list(cb.columns) == ["ae", "u3", "allein", "alter", "geraete", "g_phone", "g_pc",
                                "themen", "themen_1", "themen_2", "gruppe", "sk"]
    kinds = {n: (c.kind, c.level) for n, c in cb.columns.items()}
    assert kinds["geraete"] == ("set", "multi") and kinds["g_pc"] == ("option", "binary")
    assert kinds["themen_2"] == ("code", "binary") and kinds["gruppe"] == ("derived", "nominal")
    assert kinds["sk"] == ("scale", "scale") and kinds["alter"] == ("variable", "numeric")
    phone = cb.column("g_phone")
    assert (phone.label, phone.section, phone.variable) == ("Smartphone", "s1", "geraete")
    assert cb.column("themen_1").filter == "g_phone == 1"
    assert cb.column("geraete").data_columns == ("g_phone", "g_pc")
    # reverse keying: the keyed codes flip, the top box stays the delivered codes 4 and 5
    allein = cb.column("allein")
    assert allein.reverse and allein.top_box == (4, 5)
    assert allein.top_box_labels == ("eher ja", "Ja")
    assert allein.keyed == {1: "Ja", 2: "eher ja", 3: "mittel", 4: "eher nein", 5: "Nein"}
    # groups in listing order: u3 lists "ja" first, so group_a is "ja"
    assert cb.column("u3").groups == ("ja", "nein")
    assert cb.column("gruppe").groups == (
        "Alleinerziehend: nein / Kind unter 3: ja", "Alleinerziehend: nein / Kind unter 3: nein",
        "Alleinerziehend: ja / Kind unter 3: ja", "Alleinerziehend: ja / Kind unter 3: nein")
    assert cb.label("themen_2") == "Kinder" and cb.label("unbekannt") == "unbekannt"
    assert cb.column_owners()["g_pc"] == "geraete" and "gruppe" not in cb.column_owners()


def test_lookup_of_an_unknown_name_names_file_and_key(tmp_path):
    from survey.errors import CodebookError

    path = write(tmp_path / "codebook.yml", LOOKUP_CODEBOOK)
    with pytest.raises(CodebookError) as info:
        load_codebook(path).column("gibtsnicht")
    assert str(path) in str(info.value) and "gibtsnicht" in str(info.value)


SPLITS_CODEBOOK = """
id: code
answer_sets:""" + ANSWER_SETS + """variables:
  ae: {answers: ja_nein}
  a: {answers: nj5}
  b: {answers: nj5}
  frei: {answers: ja_nein}
scales:
  s1: {items: [a]}
  s2: {items: [b]}
groupings:
  ae: {variable: ae}
hypotheses:
  H1: {x: frei, y: [s1, s2], direction: positive, confirmatory: true,
       caveat: "Kein Kausalschluss."}
  H2: {x: a, y: b}
splits:
  schwach: {label: "Schwach", scales: [s1, s2], method: cut, below: 3, by: [ae]}
  gemischt: {scales: [s1], method: mixture, seed: 0}
"""


def test_hypotheses_and_splits(tmp_path):
    cb = load_codebook(write(tmp_path / "codebook.yml", SPLITS_CODEBOOK))
    h1, h2 = cb.hypotheses["H1"], cb.hypotheses["H2"]
    assert (h1.confirmatory, h1.caveat, h1.direction) == (True, "Kein Kausalschluss.",
                                                         "positive")
    assert (h2.confirmatory, h2.caveat, h2.direction) == (False, None, "two-sided")
    cut, mix = cb.splits["schwach"], cb.splits["gemischt"]
    assert (cut.label, cut.scales, cut.method, cut.below, cut.by) == (
        "Schwach", ["s1", "s2"], "cut", 3.0, ["ae"])
    assert (mix.method, mix.below, mix.by, mix.seed) == ("mixture", None, [], 0)


@pytest.mark.parametrize("body, key, reason", [
    ("  x: {scales: [nope], below: 3}", "splits.x.scales", "'nope' is not a scale"),
    ("  x: {scales: [s1]}", "splits.x.below", "a cut needs the value"),
    ("  x: {scales: [s1], method: median}", "splits.x.method", "unknown method 'median'"),
    ("  x: {scales: [s1], below: 3, by: [u3]}", "splits.x.by", "'u3' is not a grouping"),
])
def test_split_mistakes_are_named(tmp_path, body, key, reason):
    text = SPLITS_CODEBOOK.split("splits:")[0] + "splits:\n" + body + "\n"
    lines = problems_of(tmp_path, text)
    assert any(f"key '{key}'" in line and reason in line for line in lines), lines


def test_one_mistake_gives_one_message(tmp_path):
    from pathlib import Path

    # a misspelt answer-set type and a misspelt variable type; the set is used by two
    # variables, which a scale, a derived cross, a grouping, a hypothesis, a split and a
    # filter refer to: before, these two typos gave 13 messages
    text = (Path(__file__).parent / "data" / "cascade_codebook.yml").read_text(encoding="utf-8")
    lines = problems_of(tmp_path, text)
    assert len(lines) == 2, lines
    assert "key 'answer_sets.nj5.type': unknown answer-set type 'ordinall'" in lines[0]
    assert "key 'variables.c.type': unknown type 'nummer'" in lines[1]
    # a reference to a name that is defined nowhere is still reported
    lines = problems_of(tmp_path, text.replace("items: [a, b]", "items: [a, zz]"))
    assert any("key 'scales.s.items': 'zz' is not a variable" in line for line in lines)
