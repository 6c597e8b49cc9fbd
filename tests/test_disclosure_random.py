"""The disclosure plan against the independent audit on small random studies.

Each study has two yes/no groupings crossed, three rating items with "weiß nicht",
"keine Angabe" and blanks, a scale of them, a multiple-response set and a free-text field,
N between 6 and 60. Every table the plan publishes is read back by :mod:`survey.audit`,
which must find no count below min_cell it can work out. Seeds 15 and 19 found a real gap
(a one-group comparison showing the valid answers the item table withheld the complement
of); the others are random.
"""

from __future__ import annotations

import random

import pytest
from conftest import ANSWER_SETS, write

from survey.audit import audit_folder
from survey.disclosure import Policy, plan, wave_tables
from survey.store import load_wave

CODEBOOK = """
instrument: random
title: "Random"
id: code
missing: {-9: "keine Angabe"}
answer_sets:""" + ANSWER_SETS + """sections:
  s: "Skala"
variables:
  a: {label: "A", answers: ja_nein}
  b: {label: "B", answers: ja_nein}
  q1: {label: "Q1", answers: nj5, section: s}
  q2: {label: "Q2", answers: nj5, section: s}
  q3: {label: "Q3", answers: nj5, section: s}
  m: {label: "Geräte", type: multi, options: {m_x: "X", m_y: "Y", m_z: "Z"}}
  t: {label: "Text", type: text}
scales:
  sc: {label: "Skala", items: [q1, q2, q3], min_items: 2, section: s}
groupings:
  ga: {variable: a, label: "nach A"}
  gb: {variable: b, label: "nach B"}
  gab: {variables: [a, b], label: "A x B"}
"""


def _raw(seed: int) -> str:
    r = random.Random(seed)
    n = r.randint(6, 60)
    pa, pb = r.random(), r.random()
    rows = ["code,a,b,q1,q2,q3,m_x,m_y,m_z,t"]
    for i in range(n):
        def answer() -> str:
            if r.random() < 0.12:
                return r.choice(["9", "-9", ""])
            return str(r.choice([1, 2, 3, 4, 5, 5, 4, 4]))
        a = "1" if r.random() < pa else "0"
        b = "1" if r.random() < pb else "0"
        ticks = [("1" if r.random() < p else "0") for p in (0.7, 0.2, 0.05)]
        rows.append(",".join([f"r{i}", a, b, answer(), answer(), answer(), *ticks,
                              "x" if r.random() < 0.2 else ""]))
    return "\n".join(rows) + "\n"


@pytest.mark.parametrize("seed", [15, 19, 3, 27])
def test_the_audit_finds_nothing_on_a_random_study(seed, tmp_path):
    write(tmp_path / "data/cb.yml", CODEBOOK)
    write(tmp_path / "data/raw.csv", _raw(seed))
    write(tmp_path / "waves.yml", """
        waves:
          w: {title: W, raw: data/raw.csv, codebook: data/cb.yml}
        """)
    wd = load_wave("w", tmp_path / "waves.yml", tmp_path / "p")
    for m in (3, 5, 10):
        p = plan(wd, Policy(m))
        out = tmp_path / f"r{m}" / "w"
        for name, frame in wave_tables(wd, Policy(m)).items():
            p.publish(frame, name, out / "tables")
        assert audit_folder(out, min_cell=m, codebook=wd.codebook) == [], (seed, m)
