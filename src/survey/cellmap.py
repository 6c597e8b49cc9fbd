"""Which counts each result table shows: its rows mapped onto the wave's grids.

For every result table of docs/results.md (and the data-quality tables) :func:`row_cells` says,
row by row,

- ``counts``: each count column (and each count a table shows only through a percentage,
  under a name starting with ``_``) as the rectangle(s) of :class:`~survey.cells.WaveCells`
  it equals, with how costly withholding it is (``weight``), whether it belongs to a test
  (``test``), is a group's size (``group``) or may not be withheld at all (``hideable``);
- ``needs``: each other column and the counts it is computed from (a percentage from
  its count and base, a test from every cell of its table, a mean from the answers it
  averages): a column is withheld when one of them is below ``min_cell`` or withheld;
- ``protect``: counts the row does not show but lets a reader work out (the "no" count
  beside a shown share), which must not be below ``min_cell`` either;
- ``withhold``: columns a shared output never shows (one calendar week's number of
  feedback forms: a shared report shows periods of at least ``min_cell`` forms instead).

The mapping only reads the row's own columns (``variable``, ``code``, ``kind``,
``grouping``, ``group`` …), so a table computed in any notebook maps onto the same
rectangles: the same cell in two tables is one cell.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .cells import TOTAL, WaveCells
from .ledger import Node
from .vocabulary import MISSING_KINDS

__all__ = ["RowCells", "row_cells", "MAPPED"]

GROUP_WEIGHT = 20.0  # withholding a group's size withholds all its figures
TEST_WEIGHT = 10.0  # withholding a test's count withholds the test
SHARE_WEIGHT = 0.3  # a count shown only through a percentage


@dataclass
class RowCells:
    """The counts one row shows, what its other columns need, what it lets be worked out."""

    counts: dict[str, list[Node]] = field(default_factory=dict)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    needs: dict[str, list[Node]] = field(default_factory=dict)
    protect: list[Node] = field(default_factory=list)
    withhold: list[str] = field(default_factory=list)

    def count(self, column: str, *nodes: Node | None, **options: Any) -> Node | None:
        found = [n for n in nodes if n is not None]
        if found:
            self.counts[column] = found
            self.options[column] = options
            return found[0]
        return None

    def need(self, columns: tuple[str, ...] | str, *nodes: Node | None) -> None:
        for column in (columns,) if isinstance(columns, str) else columns:
            self.needs.setdefault(column, []).extend(n for n in nodes if n is not None)


def _missing(x: Any) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and np.isnan(x)) or (
        isinstance(x, str) and not x)


def _u(cells: WaveCells, name: str) -> str:
    """The universe of a question: its set universe for a multi/coded variable."""
    var = cells.codebook.variables.get(name)
    if var is not None and var.type in ("multi", "coded"):
        return f"s:{name}"
    if name in cells.codebook.scales:
        return f"sc:{name}"
    return f"v:{name}"


# --------------------------------------------------------------------------- tables


def _sample(row: pd.Series, cells: WaveCells) -> RowCells:
    rc = RowCells()
    grouping, group = str(row["grouping"]), row["group"]
    if grouping == TOTAL:
        rc.count("n", ("pop", frozenset({0}), cells.all_atoms), hideable=False)
        return rc
    if str(row.get("kind", "valid")) != "valid":
        atoms = cells.missing_group(grouping)
        rc.count("n", ("pop", frozenset({0}), atoms), group=True)
        return rc
    atoms = cells.group(grouping, group)
    if atoms is None:
        return rc
    nodes: list[Node | None] = [("pop", frozenset({0}), atoms)]
    spec = cells.codebook.groupings.get(grouping)
    own = spec.variables[0] if spec is not None and len(spec.variables) == 1 else None
    if own in cells.codebook.variables:
        nodes.append(cells.node(f"v:{own}", ("label", group), cells.all_atoms))
    rc.count("n", *nodes, weight=GROUP_WEIGHT, group=True)
    return rc


def _frequencies(frame: pd.DataFrame) -> Callable[[pd.Series, WaveCells], RowCells]:
    order: dict[str, list[str]] = {}
    for variable, label, kind in zip(frame["variable"], frame["value_label"], frame["kind"],
                                     strict=True):
        if str(kind) == "valid":
            order.setdefault(str(variable), []).append(str(label))

    def one(row: pd.Series, cells: WaveCells) -> RowCells:
        rc = RowCells()
        name, kind = str(row["variable"]), str(row["kind"])
        u, everyone = f"v:{name}", cells.all_atoms
        if kind == "valid":
            n = rc.count("n", cells.node(u, ("label", row["value_label"]), everyone))
            valid = rc.count("_valid", cells.node(u, "valid", everyone), weight=SHARE_WEIGHT)
            labels = order.get(name, [])
            upto = labels[:labels.index(str(row["value_label"])) + 1] if str(
                row["value_label"]) in labels else []
            cum = rc.count("_cum", cells.node(u, ("labels", upto), everyone), weight=0.1)
            rc.need(("pct_valid", "ci_low", "ci_high"), n, valid)
            rc.need("pct_valid_cum", cum, valid)
        elif kind in ("dont_know", "no_answer") and not _missing(row.get("code")):
            rc.count("n", cells.node(u, ("code", kind, row["code"]), everyone))
        else:
            rc.count("n", cells.node(u, kind, everyone))
        rc.count("base_n", cells.node(u, "asked", everyone))
        return rc

    return one


def _items(row: pd.Series, cells: WaveCells) -> RowCells:
    rc = RowCells()
    name = str(row["variable"])
    u, everyone = _u(cells, name), cells.all_atoms
    scale = u.startswith("sc:")
    rc.count("base_n", cells.node(u, "all" if scale else "asked", everyone))
    valid = rc.count("n_valid", cells.node(u, "valid", everyone))
    if not scale:
        rc.count("n_dont_know", cells.node(u, "dont_know", everyone))
    rc.count("n_missing", cells.node(u, "missing" if scale else "miss", everyone))
    col = cells.columns.get(name)
    answers = []
    if col is not None and col.is_categorical:
        answers = [cells.node(u, ("label", label), everyone) for label in col.levels.values()]
        rc.need(("mean", "sd"), valid, *answers)
    if col is not None and col.top_box:
        top = ("labels", col.top_box_labels)
        n_top = rc.count("n_top_box", cells.node(u, top, everyone), weight=3.0)
        rc.need(("top_box_pct", "top_box_ci_low", "top_box_ci_high"), n_top, valid)
        rc.protect.append(cells.node(u, ("not", top), everyone))
    return rc


def _option_column(cells: WaveCells, variable: str, option: Any, coded: bool) -> str:
    return f"{variable}_{int(option)}" if coded else str(option)


def _responses(coded: bool) -> Callable[[pd.DataFrame], Callable[[pd.Series, WaveCells], RowCells]]:
    key = "code" if coded else "option"

    def prepare(frame: pd.DataFrame) -> Callable[[pd.Series, WaveCells], RowCells]:
        blocks: dict[tuple[str, str, str], list[str]] = {}
        for variable, option, grouping, group in zip(frame["variable"], frame[key],
                                                     frame["grouping"], frame["group"],
                                                     strict=True):
            blocks.setdefault((str(variable), str(grouping), str(group)), []).append(option)

        def one(row: pd.Series, cells: WaveCells) -> RowCells:
            rc = RowCells()
            variable = str(row["variable"])
            atoms = cells.group(row["grouping"], row["group"])
            if atoms is None:
                return rc
            var = cells.codebook.variables.get(variable)
            columns = list(var.columns) if var is not None else []
            base_nodes = [cells.node(f"s:{variable}", "valid", atoms)]
            base_nodes += [cells.node(f"o:{c}", ("levels", ["ticked", "unticked", "partial"]),
                                      atoms) for c in columns]
            base = rc.count("base_n", *base_nodes, weight=max(1.0, len(columns)))
            column = _option_column(cells, variable, row[key], coded)
            n = rc.count("n", cells.node(f"o:{column}", "ticked", atoms))
            rc.protect.append(cells.node(f"o:{column}", ("levels", ["unticked", "partial"]),
                                         atoms))
            rc.need(("pct_cases", "ci_low", "ci_high"), n, base)
            siblings = blocks.get((variable, str(row["grouping"]), str(row["group"])), [])
            rc.need("pct_responses", *(cells.node(
                f"o:{_option_column(cells, variable, s, coded)}", "ticked", atoms)
                for s in siblings))
            return rc

        return one

    return prepare


def _missingness(row: pd.Series, cells: WaveCells) -> RowCells:
    rc = RowCells()
    name = str(row["variable"])
    u, everyone = _u(cells, name), cells.all_atoms
    rc.count("n", ("pop", frozenset({0}), everyone), hideable=False)
    rc.count("not_asked", cells.node(u, "not_asked", everyone))
    rc.count("n_base", cells.node(u, "asked", everyone))
    rc.count("n_valid", cells.node(u, "valid", everyone))
    for kind in MISSING_KINDS:
        rc.count(kind, cells.node(u, kind, everyone))
    rc.count("n_missing", cells.node(u, "missing", everyone))
    return rc


def _missing_reasons(row: pd.Series, cells: WaveCells) -> RowCells:
    rc = RowCells()
    u, kind = _u(cells, str(row["variable"])), str(row["kind"])
    which = kind if _missing(row.get("code")) else ("code", kind, row["code"])
    rc.count("n", cells.node(u, which, cells.all_atoms))
    return rc


#: A cleaning-log rule → the missing answers it made (their reasons as cleaning writes them).
_LOG_LEVELS: dict[str, Any] = {
    "filter_violation": ("prefix", "not_asked", "Filterverstoß"),
    "max_choices": ("prefix", "invalid", "mehr als"),
    "out_of_range": ("levels", [("reason", "invalid", "ungültiger Code"),
                                ("prefix", "invalid", "außerhalb"),
                                ("reason", "invalid", "keine ganze Zahl")]),
}


def _cleaning_log(row: pd.Series, cells: WaveCells) -> RowCells:
    rc = RowCells()
    name, rule = str(row["variable"]), str(row["rule"])
    value = row.get("n_affected")
    node = None
    if rule in _LOG_LEVELS and name in cells.codebook.variables:
        node = cells.node(_u(cells, name), _LOG_LEVELS[rule], cells.all_atoms)
    elif rule == "scale_missing" and name in cells.codebook.scales:
        node = cells.node(f"sc:{name}", "missing", cells.all_atoms)
    elif rule == "out_of_range" and name.startswith("session_ratings."):
        node = cells.node(f"ri:{name.split('.', 1)[1]}", "invalid", frozenset({0}))
    if node is not None and not _missing(value) and cells.value(node) != int(value):
        node = None  # the log counts something else (e.g. codes dropped, not blanked)
    if node is None and not _missing(value):
        node = cells.standalone(f"log:{name}:{rule}", int(value))
    rc.count("n_affected", node)
    return rc


def _complete(row: pd.Series, cells: WaveCells) -> RowCells:
    rc = RowCells()
    if not _missing(row.get("n_complete")):
        rc.count("n_complete", cells.standalone(f"complete:{row['scale']}",
                                                int(row["n_complete"])))
    return rc


def _splits(row: pd.Series, cells: WaveCells) -> RowCells:
    rc = RowCells()
    u = f"sp:{row['split']}"
    atoms = cells.group(row["grouping"], row["group"])
    n = rc.count("n", cells.node(u, "valid", atoms))
    weak = rc.count("n_weak", cells.node(u, "weak", atoms))
    rc.protect.append(cells.node(u, "strong", atoms))
    rc.need(("pct_weak", "ci_low", "ci_high"), weak, n)
    return rc


_STATS = ("statistic", "df", "df2", "p", "p_adj", "effect_size", "ci_low", "ci_high",
          "odds_ratio", "or_ci_low", "or_ci_high")


def _comparison_universe(cells: WaveCells, variable: str) -> tuple[str, Any, Any, Any] | None:
    """(universe, valid, event, not event) of a compared name; event None unless binary."""
    if variable in cells.codebook.splits:
        return f"sp:{variable}", "valid", "weak", "strong"
    col = cells.columns.get(variable)
    if col is None:
        return None
    if col.kind in ("option", "code"):
        return f"o:{variable}", ("levels", ["ticked", "unticked"]), "ticked", "unticked"
    if col.kind == "scale":
        return f"sc:{variable}", "valid", None, None
    if col.kind != "variable":
        return None
    if col.level == "binary":
        event = ("label", col.groups[-1])
        return f"v:{variable}", "valid", event, ("not", event)
    return f"v:{variable}", "valid", None, None


def _comparisons(row: pd.Series, cells: WaveCells) -> RowCells:
    rc = RowCells()
    found = _comparison_universe(cells, str(row["variable"]))
    if found is None:
        return rc
    u, valid, event, other = found
    grouping = str(row["grouping"])
    if grouping not in cells.codebook.groupings:
        return rc
    col = cells.columns.get(str(row["variable"]))
    nominal = col is not None and col.level == "nominal" and col.kind == "variable"
    labels = list(col.levels.values()) if nominal else []
    test = str(row.get("test"))
    if not _missing(row.get("group_a")) and not _missing(row.get("group_b")):
        sides = []
        for side in ("a", "b"):
            atoms = cells.group(grouping, row[f"group_{side}"])
            sides.append(atoms)
            rc.count(f"n_{side}", cells.node(u, valid, atoms), weight=TEST_WEIGHT, test=True)
        if test == "dunn":
            return rc
        if event is not None:
            for side, atoms in zip("ab", sides, strict=True):
                k = rc.count(f"_k_{side}", cells.node(u, event, atoms), weight=TEST_WEIGHT,
                             test=True)
                rest = cells.node(u, other, atoms)
                rc.protect.append(rest)
                rc.need(f"center_{side}", k, rest)
                rc.need(_STATS, k, rest)
        for label in labels:
            rc.need(_STATS, *(cells.node(u, ("label", label), atoms) for atoms in sides))
        return rc
    # an omnibus row over every group of the grouping
    groups = cells.groups_of(grouping)
    if test in ("chi2", "fisher"):
        for atoms in groups:
            if event is not None:
                rc.need(_STATS, cells.node(u, event, atoms), cells.node(u, other, atoms))
            for label in labels:
                rc.need(_STATS, cells.node(u, ("label", label), atoms))
    n_min = row.get("n_min")
    if not _missing(n_min):
        for atoms in groups:
            node = cells.node(u, valid, atoms)
            if node is not None and cells.value(node) == int(n_min):
                rc.count("n_min", node, weight=TEST_WEIGHT, test=True)
                break
    return rc


def _standalone(columns: tuple[str, ...], key: Callable[[pd.Series], str]):
    def one(row: pd.Series, cells: WaveCells) -> RowCells:
        rc = RowCells()
        for column in columns:
            value = row.get(column)
            if not _missing(value):
                rc.count(column, cells.standalone(f"{key(row)}:{column}", int(value)),
                         test=True)
        return rc

    return one


_SCORED = ("levels", ["below", "ok", "ceiling"])


def _session_ratings(row: pd.Series, cells: WaveCells) -> RowCells:
    rc = RowCells()
    unit, key = str(row["unit"]), row["key"]
    atoms = cells.rating_atoms(unit, key)
    if atoms is None:
        return rc
    forms = "f:forms"
    rc.count("n_forms", (forms, cells.levels(forms, "all"), atoms))
    scored = rc.count("_scored", (forms, cells.levels(forms, _SCORED), atoms),
                      weight=SHARE_WEIGHT)
    below = rc.count("_below", (forms, cells.levels(forms, "below"), atoms), weight=SHARE_WEIGHT)
    ceiling = rc.count("_ceiling", (forms, cells.levels(forms, "ceiling"), atoms),
                       weight=SHARE_WEIGHT)
    rc.protect += [(forms, cells.levels(forms, ("levels", ["ok", "ceiling"])), atoms),
                   (forms, cells.levels(forms, ("levels", ["below", "ok"])), atoms)]
    rc.need("pct_below_cutoff", below, scored)
    rc.need("pct_ceiling", ceiling, scored)
    people = {"overall": "p:people", "rater": f"pr:{key}"}.get(unit)
    if people is not None and cells.universe(people) is not None:
        everyone = frozenset({0})
        rc.count("n_people", (people, cells.levels(people, "all"), everyone))
        judged = rc.count("_people_scored", (people, cells.levels(people, ("levels", [
            "below", "not"])), everyone), weight=SHARE_WEIGHT)
        low = rc.count("_people_below", (people, cells.levels(people, "below"), everyone),
                       weight=SHARE_WEIGHT)
        rc.protect.append((people, cells.levels(people, "not"), everyone))
        rc.need("pct_people_below", low, judged)
        rc.need("mean_person", judged)
    elif not _missing(row.get("n_people")):
        rc.count("n_people", cells.standalone(f"people:{unit}:{key}", int(row["n_people"])))
    # one week's count of forms: what a shared report shows per period instead
    rc.withhold += ["forms_per_week_min", "forms_per_week_max"]
    median = row.get("forms_per_week_median")
    if not _missing(median):
        rc.need("forms_per_week_median", cells.standalone("weeks:median", int(median)))
    return rc


def _rating_items(row: pd.Series, cells: WaveCells) -> RowCells:
    rc = RowCells()
    u = f"ri:{row['item']}"
    rc.count("n_forms", cells.node(u, "valid", frozenset({0})))
    return rc


def _rating_missingness(row: pd.Series, cells: WaveCells) -> RowCells:
    rc = RowCells()
    u, one = f"ri:{row['variable']}", frozenset({0})
    everyone = cells.rating_atoms("overall", None)
    total = [cells.node(u, "all", one)]
    if everyone is not None:
        total.append(("f:forms", cells.levels("f:forms", "all"), everyone))
    rc.count("n", *total)
    rc.count("n_base", *total)
    rc.count("n_valid", cells.node(u, "valid", one))
    rc.count("system", cells.node(u, "system", one))
    rc.count("invalid", cells.node(u, "invalid", one))
    rc.count("n_missing", cells.node(u, "missing", one))
    return rc


_ROW: dict[str, Callable[[pd.Series, WaveCells], RowCells]] = {
    "session_ratings": _session_ratings,
    "rating_items": _rating_items,
    "rating_missingness": _rating_missingness,
    "sample": _sample,
    "items": _items,
    "missingness": _missingness,
    "missing_reasons": _missing_reasons,
    "cleaning_log": _cleaning_log,
    "reliability": _complete,
    "item_total": _complete,
    "splits": _splits,
    "group_comparisons": _comparisons,
    "hypotheses": _standalone(("n", "cell_min"),
                              lambda r: f"hyp:{r['hypothesis']}:{r['y']}:{r['test']}"),
}
_PREPARED: dict[str, Callable[[pd.DataFrame], Callable[[pd.Series, WaveCells], RowCells]]] = {
    "frequencies": _frequencies,
    "multi_response": _responses(False),
    "coded": _responses(True),
}
#: The tables :func:`row_cells` maps.
MAPPED = frozenset(_ROW) | frozenset(_PREPARED)


def row_cells(name: str, frame: pd.DataFrame, cells: WaveCells) -> list[RowCells] | None:
    """The counts each row of result table ``name`` shows (None for a table not mapped)."""
    if name in _PREPARED:
        one = _PREPARED[name](frame)
    elif name in _ROW:
        one = _ROW[name]
    else:
        return None
    return [one(row, cells) for _, row in frame.reset_index(drop=True).iterrows()]


def comparison_layout(cells: WaveCells) -> pd.DataFrame:
    """The rows :func:`survey.compare.compare` and :func:`survey.splits.splits` write to
    ``group_comparisons.csv``, with the columns that say which counts they show (no test
    is computed): every grouping × every compared name, and every split × its groupings.
    """
    from .compare import _analysed, group_names

    rows: list[dict[str, Any]] = []
    codebook = cells.codebook

    def add(variable: str, grouping: str, categorical: bool, u: str | None, valid: Any) -> None:
        names = group_names(codebook, grouping)
        if len(names) == 2:
            rows.append({"variable": variable, "grouping": grouping, "group_a": names[0],
                         "group_b": names[1], "test": "two", "n_min": np.nan})
            return
        sizes = [cells.value(cells.node(u, valid, atoms)) or 0
                 for atoms in cells.groups_of(grouping)] if u else []
        rows.append({"variable": variable, "grouping": grouping, "group_a": "", "group_b": "",
                     "test": "chi2" if categorical else "kruskal",
                     "n_min": min(sizes) if sizes else np.nan})
        if not categorical:
            present = [n for n, s in zip(names, sizes, strict=False) if s > 0]
            for i, a in enumerate(present):
                for b in present[i + 1:]:
                    rows.append({"variable": variable, "grouping": grouping, "group_a": a,
                                 "group_b": b, "test": "dunn", "n_min": np.nan})

    for grouping in codebook.groupings:
        for _section, _title, col in _analysed(codebook, grouping):
            found = _comparison_universe(cells, col.name)
            u, valid = (found[0], found[1]) if found else (None, None)
            add(col.name, grouping, col.level in ("binary", "nominal"), u, valid)
    for name, spec in codebook.splits.items():
        for grouping in spec.by:
            add(name, grouping, True, f"sp:{name}", "valid")
    return pd.DataFrame(rows, columns=["variable", "grouping", "group_a", "group_b", "test",
                                       "n_min"])
