"""The wave registry: paths relative to the registry, problems named."""

from __future__ import annotations

import pytest
from conftest import write

from survey.errors import ProblemList, RegistryError
from survey.registry import get_wave, load_registry


def test_paths_are_relative_to_the_registry(tmp_path):
    registry = write(tmp_path / "study" / "waves.yml", """
        waves:
          w1:
            title: "Welle 1"
            fielded: 2022-01-10/2022-02-28
            raw: data/raw/w1/responses.csv
            codebook: data/raw/w1/codebook.yml
            notebooks: [01-cleaning, 02-descriptives.ipynb]
            parameters: {min_cell: 3}
        """)
    wave = load_registry(registry)["w1"]
    assert wave.raw == tmp_path / "study" / "data" / "raw" / "w1" / "responses.csv"
    assert wave.notebooks == ["01-cleaning", "02-descriptives"]
    assert wave.parameters == {"min_cell": "3"} and wave.fielded == "2022-01-10/2022-02-28"


def test_problems_are_collected(tmp_path):
    registry = write(tmp_path / "waves.yml", """
        waves:
          w1: {raw: a.csv}
          w2: {raw: a.csv, codebook: c.yml, notebooks: 01-cleaning, colour: red}
        """)
    with pytest.raises(ProblemList) as info:
        load_registry(registry)
    lines = info.value.lines()
    assert len(lines) == 3
    assert "key 'waves.w1.codebook': is required" in lines[0]
    assert "key 'waves.w2.colour': unknown key" in lines[1]
    assert "key 'waves.w2.notebooks': must be a list" in lines[2]


def test_unknown_wave_names_the_known_ones(tmp_path):
    registry = write(tmp_path / "waves.yml", "waves:\n  w1: {raw: a.csv, codebook: c.yml}\n")
    with pytest.raises(RegistryError, match=r"no wave 'w9' \(registered: w1\)"):
        get_wave(registry, "w9")


COMPARED = """
    waves:
      w1: {raw: a.csv, codebook: a.yml}
      w2: {raw: b.csv, codebook: b.yml}
    comparison:
      title: "Vergleich"
      waves: [w1, w2]
      notebooks: [06-wave-comparison.ipynb]
      map: {w1: {kontakt_e1: kontakt}}
"""


def test_comparison_block(tmp_path):
    from survey.registry import COMPARISON, load_comparison

    registry = write(tmp_path / "waves.yml", COMPARED)
    block = load_comparison(registry)
    assert (block.title, block.waves, block.notebooks) == ("Vergleich", ["w1", "w2"],
                                                          ["06-wave-comparison"])
    assert block.map == {"w1": {"kontakt_e1": "kontakt"}}
    pseudo = block.pseudo_wave(load_registry(registry))
    assert (pseudo.name, pseudo.title, pseudo.raw.name) == (COMPARISON, "Vergleich", "a.csv")
    assert load_comparison(write(tmp_path / "plain.yml", COMPARED.split("comparison:")[0])) \
        is None


def test_comparison_problems_are_named(tmp_path):
    from survey.registry import load_comparison

    registry = write(tmp_path / "waves.yml", COMPARED.replace("[w1, w2]", "[w1, w9]")
                     .replace("map: {w1:", "colour: red\n      map: {w3:"))
    with pytest.raises(ProblemList) as info:
        load_comparison(registry)
    text = "\n".join(info.value.lines())
    assert "key 'comparison.waves': no wave 'w9'" in text
    assert "key 'comparison.colour': unknown key" in text
    assert "key 'comparison.map.w3': is not one of the compared waves" in text
    reserved = write(tmp_path / "r.yml", "waves:\n  comparison: {raw: a.csv, codebook: b.yml}\n")
    with pytest.raises(ProblemList, match="reserved for the comparison block"):
        load_registry(reserved)


def test_an_excel_wave_names_its_sheet(tmp_path):
    import pandas as pd

    from survey.store import validation

    folder = tmp_path / "data"
    folder.mkdir()
    with pd.ExcelWriter(folder / "raw.xlsx") as book:
        pd.DataFrame({"x": ["nicht", "diese"]}).to_excel(book, sheet_name="Info", index=False)
        pd.DataFrame({"code": ["A", "B"], "ae": [1, 0]}).to_excel(book, sheet_name="Daten",
                                                                 index=False)
    write(folder / "codebook.yml", """
        id: code
        answer_sets:
          ja_nein: {type: binary, levels: {0: nein, 1: ja}}
        variables:
          ae: {answers: ja_nein}
        """)
    registry = write(tmp_path / "waves.yml", """
        waves:
          w: {raw: data/raw.xlsx, codebook: data/codebook.yml, sheet: Daten}
        """)
    wave = get_wave(registry, "w")
    assert wave.sheet == "Daten"
    assert validation(wave).ok  # the first sheet ("Info") would lack the code column


def test_unknown_wave_names_the_comparison_too(tmp_path):
    import textwrap

    registry = write(tmp_path / "waves.yml", textwrap.dedent(COMPARED))
    with pytest.raises(RegistryError, match=r"no wave 'w9' \(registered: w1, w2, comparison\)"):
        get_wave(registry, "w9")


def test_the_study_title_is_optional_and_one_line(tmp_path):
    from survey.errors import ProblemList
    from survey.registry import study_title

    book = tmp_path / "codebook.yml"
    book.write_text("x: 1\n", encoding="utf-8")
    path = tmp_path / "waves.yml"
    path.write_text("waves:\n  w1: {codebook: codebook.yml}\n", encoding="utf-8")
    assert study_title(path) is None
    path.write_text('title: "ANNA – Evaluation"\nwaves:\n  w1: {codebook: codebook.yml}\n',
                    encoding="utf-8")
    assert study_title(path) == "ANNA – Evaluation"
    path.write_text("title: [a, b]\nwaves:\n  w1: {codebook: codebook.yml}\n", encoding="utf-8")
    with pytest.raises(ProblemList, match="key 'title': must be one line of text"):
        load_registry(path)
