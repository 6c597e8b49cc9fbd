"""Tests of survey.ledger: which linked counts to withhold, worked out by hand.

Each grid is small enough to check on paper: the comment above each assertion says what a
reader could work out if the cell were shown.
"""

from __future__ import annotations

import numpy as np
import pytest

from survey.ledger import NONRESPONSE, Ledger, Universe
from survey.ledgersolve import solve

ALL = frozenset({0})


def _one_column(counts: list[int], classes: list[str] | None = None,
                nonresponse_tables: tuple[str, ...] = ()) -> Ledger:
    led = Ledger(nonresponse_tables)
    led.add_universe(Universe("q", [f"L{i}" for i in range(len(counts))], ["all"],
                              np.array([[c] for c in counts]), classes=classes))
    return led


def _cell(led: Ledger, *levels: int, table: str = "", **options) -> int:
    out = led.show([("q", frozenset(levels), ALL)], table=table, **options)
    assert out is not None
    return out


def test_primary_and_total_minus_parts():
    # 10, 2, 8 of 20: the 2 is withheld; shown 10 and 8 with the base 20 give 20-10-8 = 2,
    # so the cheaper of the two (8) goes too; 10 stays.
    led = _one_column([10, 2, 8])
    a, b, c = (_cell(led, i) for i in range(3))
    base = _cell(led, 0, 1, 2)
    s = solve(led, 5)
    assert [s.hidden[d] for d in (a, b, c, base)] == [False, True, True, False]
    assert s.small[b] and not s.small[c]
    assert s.reason[b] == "small"


def test_two_small_cells_protect_each_other():
    # 15, 2, 3 of 20: both small ones withheld; the reader knows they add up to 5 and
    # each is 1..4, so (1,4), (2,3), (3,2), (4,1) all fit: nothing more is withheld.
    led = _one_column([15, 2, 3])
    ids = [_cell(led, i) for i in range(3)] + [_cell(led, 0, 1, 2)]
    s = solve(led, 5)
    assert [s.hidden[d] for d in ids] == [False, True, True, False]


def test_two_small_cells_that_only_fit_one_way_are_protected():
    # 12, 1, 1 of 14: the two withheld add up to 2 and each is at least 1, so each is 1.
    # A third cell must go (the 12), after which the three add up to 14 and each of the
    # two small ones can be 1..4.
    led = _one_column([12, 1, 1])
    ids = [_cell(led, i) for i in range(3)] + [_cell(led, 0, 1, 2)]
    s = solve(led, 5)
    assert [s.hidden[d] for d in ids] == [True, True, True, False]


def test_threshold_changes_what_is_small():
    led = _one_column([10, 6, 8])
    ids = [_cell(led, i) for i in range(3)] + [_cell(led, 0, 1, 2)]
    assert not any(solve(led, 5).hidden.values())
    s10 = solve(led, 10)  # 6 and 8 are both below 10: the two protect each other? 6+8 = 14
    # → each is 1..9 and they add to 14: (5,9) … (9,5): not determined; 10 is not small.
    assert [s10.hidden[d] for d in ids] == [False, True, True, False]
    assert not any(solve(led, 1).hidden.values())  # min_cell 1 withholds nothing


def test_crossed_table_needs_a_rectangle_of_withheld_cells():
    # 2 × 3 grid with both margins shown:
    #          g0  g1  g2 | total
    #   ja     10   3  12 |  25
    #   nein   11  14   9 |  34
    # 3 is small; its row and its column margins give it away, so one more cell in its row,
    # one in its column and the fourth corner of that rectangle go: the cheapest such
    # rectangle is {ja, nein} × {g1, g2} or × {g0, g1}; either way 4 cells, the column g1
    # and one other column.
    grid = np.array([[10, 3, 12], [11, 14, 9]])
    led = Ledger()
    led.add_universe(Universe("q", ["ja", "nein"], ["g0", "g1", "g2"], grid))
    cells = {(i, j): led.show([("q", frozenset({i}), frozenset({j}))])
             for i in range(2) for j in range(3)}
    for i in range(2):
        led.show([("q", frozenset({i}), frozenset(range(3)))])
    for j in range(3):
        led.show([("q", frozenset(range(2)), frozenset({j}))], group=True)
    s = solve(led, 5)
    hidden = {k for k, d in cells.items() if s.hidden[d]}
    assert len(hidden) == 4
    columns = {j for _, j in hidden}
    assert 1 in columns and len(columns) == 2 and {i for i, _ in hidden} == {0, 1}


def test_a_small_group_gets_nothing_of_its_own():
    # Group g1 has 4 members (< 5): its size and every count within it are withheld, even
    # the 4 who answered "nein"... and the 0 "ja" as well (0 % of a small group discloses
    # everyone). The other group's counts stay, but its size is the total minus g1's, so
    # the total's partner is withheld as well.
    grid = np.array([[10, 0], [8, 4]])
    led = Ledger()
    led.add_universe(Universe("q", ["ja", "nein"], ["g0", "g1"], grid))
    g1_ja = led.show([("q", frozenset({0}), frozenset({1}))])
    g1_nein = led.show([("q", frozenset({1}), frozenset({1}))])
    g0_ja = led.show([("q", frozenset({0}), frozenset({0}))])
    size1 = led.show([("q", frozenset({0, 1}), frozenset({1}))], group=True)
    size0 = led.show([("q", frozenset({0, 1}), frozenset({0}))], group=True)
    total = led.show([("q", frozenset({0, 1}), frozenset({0, 1}))], hideable=False)
    s = solve(led, 5)
    assert s.hidden[size1] and s.hidden[g1_ja] and s.hidden[g1_nein]
    assert s.reason[g1_ja] == "group"  # a zero, withheld because its group is small
    assert s.hidden[size0]  # 22 − 18 = 4 otherwise
    assert not s.hidden[total]
    # g0 itself is withheld as a group, so its counts go too
    assert s.hidden[g0_ja]


def test_the_no_count_of_a_shown_share_is_protected():
    # 181 of 185 ticked: "not ticked" (4) is not shown anywhere but is base − ticked.
    led = _one_column([181, 4])
    ticked = _cell(led, 0)
    base = _cell(led, 0, 1)
    led.protect(("q", frozenset({1}), ALL))
    s = solve(led, 5)
    assert s.hidden[ticked] and not s.small[ticked] and not s.hidden[base]
    # without the protection nothing would be withheld
    led2 = _one_column([181, 4])
    ticked2 = _cell(led2, 0)
    _cell(led2, 0, 1)
    assert not solve(led2, 5).hidden[ticked2]


def test_the_same_count_in_two_tables_is_one_decision():
    led = _one_column([10, 2, 8])
    first = _cell(led, 1, table="frequencies")
    second = _cell(led, 1, table="group_comparisons")
    assert first == second
    assert led.displays[first].tables == {"frequencies", "group_comparisons"}


def test_a_number_that_is_not_its_cells_is_refused():
    led = _one_column([10, 2, 8])
    assert led.show([("q", frozenset({0}), ALL)], value=11.0) is None
    assert led.show([("q", frozenset({0}), ALL)], value=10.0) is not None


def test_missing_answers_may_be_worked_out_only_from_the_tests():
    # 18 valid, 2 "keine Angabe" (a missing answer): a group comparison shows 18 valid
    # answers and its base 20 is public, so the 2 can be worked out; that is allowed for a
    # test's numbers (docs/disclosure.md), but not in the missing-value tables.
    classes = ["answer", "answer", NONRESPONSE]
    led = _one_column([10, 8, 2], classes=classes, nonresponse_tables=("missingness",))
    valid = _cell(led, 0, 1, test=True, table="group_comparisons")
    base = _cell(led, 0, 1, 2, hideable=False)
    s = solve(led, 5)
    assert not s.hidden[valid] and not s.hidden[base]
    # the same 2 shown in the missing-value table is withheld, as a small count
    missing = _cell(led, 2, table="missingness")
    s = solve(led, 5)
    assert s.hidden[missing] and s.small[missing]


def test_solve_rejects_a_bad_threshold():
    with pytest.raises(ValueError, match="min_cell"):
        solve(_one_column([1]), 0)


def test_solution_is_deterministic():
    led = _one_column([10, 2, 8, 3, 30])
    for i in range(5):
        _cell(led, i)
    _cell(led, 0, 1, 2, 3, 4)
    assert solve(led, 5).hidden == solve(led, 5).hidden


def _pinned_by_a_reader(counts: list[int], shown: dict[int, int], small: set[int],
                        secondary: set[int], m: int, cell: int) -> bool:
    """Whether a reader who knows the shown cells, N, "< m" = 1 … m − 1 and "." = at least
    m pins ``cell`` to one number (scipy's linprog, independently of the ledger)."""
    from scipy.optimize import linprog

    k = len(counts)
    a_eq = [np.ones(k)] + [np.eye(k)[i] for i in shown]
    b_eq = [sum(counts)] + list(shown.values())
    bounds = [(1, m - 1) if i in small else (m, None) if i in secondary else (0, None)
              for i in range(k)]
    f = np.eye(k)[cell]
    lo = linprog(f, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
    hi = linprog(-f, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
    return lo.status == 0 and hi.status == 0 and round(lo.fun) == round(-hi.fun)


def test_markers_that_add_up_to_the_total_are_given_up():
    # N = 6 (always shown), six answers of one person each: six "< 5" add up to at least
    # 6 = N, so each is 1. Nothing else can be withheld, so the question's markers go:
    # every withheld count is "." (not "< 5"), and "." there says nothing.
    counts = [1, 1, 1, 1, 1, 1, 0]
    led = _one_column(counts)
    ids = [_cell(led, i) for i in range(len(counts))]
    led.show([("q", frozenset(range(len(counts))), ALL)], hideable=False, label="N")
    s = solve(led, 5)
    assert all(s.hidden[d] for d in ids[:6]) and not s.hidden[ids[6]]
    assert {s.reason[d] for d in ids[:6]} == {"masked"} and s.masked == {"q"}
    assert s.unresolved == []
    # what a reader would have had with the markers: every count pinned at 1
    assert _pinned_by_a_reader(counts, {6: 0}, set(range(6)), set(), 5, 0)
    # without them (each withheld cell 0 … N): none
    assert not _pinned_by_a_reader(counts, {6: 0}, set(), set(), 5, 0)


def test_a_partner_of_at_least_m_that_pins_a_small_count_is_masked_too():
    # 1 answer, 5 missing, N = 6: withholding the 5 as "." (at least 5) leaves the 1 as
    # 6 − (at least 5) = at most 1, with "< 5" at least 1: pinned. Masked, both are "."
    # and the 1 is anything from 0 to 6 to a reader.
    counts = [1, 5]
    led = _one_column(counts)
    ids = [_cell(led, i) for i in range(2)]
    led.show([("q", frozenset({0, 1}), ALL)], hideable=False, label="N")
    s = solve(led, 5)
    assert s.hidden[ids[0]] and s.hidden[ids[1]]
    assert s.reason[ids[0]] == "masked" and s.unresolved == []
    assert _pinned_by_a_reader(counts, {}, {0}, {1}, 5, 0)
    assert not _pinned_by_a_reader(counts, {}, set(), set(), 5, 0)


def test_markers_stay_where_they_give_nothing_away():
    # 15, 2, 3 of 20: "< 5" twice adds up to 5, which (1, 4) … (4, 1) all fit: no mask.
    led = _one_column([15, 2, 3])
    ids = [_cell(led, i) for i in range(3)]
    led.show([("q", frozenset({0, 1, 2}), ALL)], hideable=False, label="N")
    s = solve(led, 5)
    assert s.masked == frozenset() and s.reason[ids[1]] == "small"
