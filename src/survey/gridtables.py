"""Wide report tables: many questions or groups in one table instead of one long table each.

A committee reads a grid faster than a dozen tables of five rows, and it prints on a
fraction of the pages (issue "reports a committee reads in ten minutes"). The grids only
*rearrange the cells a report already shows*: every cell is the text
:func:`survey.tables.view` gives for the published table (markers ``< 5``, ``.``,
``> 180`` included), so a grid withholds exactly what the long table withholds. The numbers
a grid leaves out (confidence intervals, cumulative shares) stay in the workbook and CSV.

- :func:`frequency_grids`: the questions of a section that share an answer set as rows,
  their answers as columns, each cell "n (gültige %)"; answers that are not valid (e.g.
  "weiß nicht") with their counts, a column left out when none of its cells shows a number.
- :func:`option_grid`: the options of a multiple-response or coded question as rows, the
  total and every group as columns, each cell the share of cases in % (a small cell as
  ``n < 5``), each column headed with its base.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .messages import text
from .numbers import with_percent
from .policy import Policy
from .tables import view
from .tableview import table_view, under_questions

__all__ = ["Grid", "frequency_grids", "option_grid", "group_grid", "under_their_questions",
           "short_labels"]

#: cells that show no number: a withheld or an empty cell
_NO_NUMBER = (".", "–", "", "0")


@dataclass(frozen=True)
class Grid:
    """A wide table as strings, the names of its rows and the columns left out because
    none of their cells shows a number (said below the table); ``marks``: per row of
    ``table``, ``"question"`` for a battery's stem, ``"option"`` for an item below it."""

    table: pd.DataFrame
    variables: tuple[str, ...]
    dropped: tuple[str, ...] = ()
    marks: tuple[str, ...] = ()

    def styled(self) -> Any:
        """The table as a report shows it (:func:`survey.tableview.table_view`)."""
        return table_view(self.table, marks=list(self.marks) or None)


def _shows_nothing(cell: str) -> bool:
    return cell in _NO_NUMBER or cell.startswith("<")


def _cell(n: str, pct: str, valid: bool, language: str | None = None) -> str:
    """"n (pct)" as a grid shows a count and its share (with the per cent sign of
    ``language`` when given); the count alone when it is a marker, zero, not a valid
    answer's or its share is not shown."""
    if not valid or n in _NO_NUMBER or n.startswith("<") or pct in ("", ".", "–"):
        return n
    return f"{n} ({with_percent(pct, language) if language else pct})"


def frequency_grids(freq: pd.DataFrame, *, policy: Policy, language: str = "de",
                    codebook: Any = None) -> list[Grid]:
    """The frequencies of several questions as grids, one per answer set.

    Parameters
    ----------
    freq : DataFrame
        ``frequencies.csv`` rows as published, for the questions of one section, in order.
    policy : Policy
    language : {"de", "en"}
    codebook : Codebook, optional
        With it, the items of a battery are listed below their shared stem
        (:func:`under_their_questions`).

    Returns
    -------
    list of Grid
        Rows: questions (first column "Frage"); columns: the valid answers in code order,
        cells "n (gültige %)", then each kind of missing answer with its count. A column
        whose every cell shows no number (``< 5``, ``.``, ``0``, ``–``) is left out and
        named in ``dropped``.
    """
    if freq.empty:
        return []
    frame = freq.reset_index(drop=True)
    shown = view(frame, "frequencies", policy=policy, language=language,
                 columns=["n", "pct_valid"])
    frame = frame.assign(shown_n=shown["n"], shown_pct=shown["pct_valid"])
    answer_sets: dict[tuple, list[str]] = {}
    for variable in frame["variable"].drop_duplicates():
        rows = frame[(frame["variable"] == variable) & (frame["kind"] == "valid")]
        key = tuple(zip(rows["code"].astype(str), rows["value_label"].astype(str),
                        strict=True))
        answer_sets.setdefault(key, []).append(variable)
    question = text("col.question", language)
    grids = []
    for variables in answer_sets.values():
        rows = frame[frame["variable"].isin(variables)]
        columns: list[str] = []
        for label in rows["value_label"].astype(str):
            if label not in columns:
                columns.append(label)
        table = {question: [], **{c: [] for c in columns}}
        for variable in variables:
            own = rows[rows["variable"] == variable]
            table[question].append(str(own["label"].iloc[0]))
            cells = {str(r.value_label): _cell(r.shown_n, r.shown_pct, r.kind == "valid")
                     for r in own.itertuples()}
            for c in columns:
                table[c].append(cells.get(c, "–"))
        out = pd.DataFrame(table)
        dropped = tuple(c for c in columns if all(_shows_nothing(x) for x in out[c])
                        and not (rows[rows["value_label"].astype(str) == c]["kind"]
                                 == "valid").any())
        out = out.drop(columns=list(dropped))
        marks: list[str] = []
        if codebook is not None:
            named = pd.DataFrame({"variable": list(variables), "label": out[question]})
            short, questions = under_their_questions(named, codebook)
            out[question] = list(short["label"])
            out, marks = under_questions(out, questions, question)
        grids.append(Grid(out, tuple(variables), dropped, tuple(marks)))
    return grids


def option_grid(rows: pd.DataFrame, name: str, *, policy: Policy, language: str = "de",
                groupings: Sequence[str] | None = None) -> Grid:
    """The options of one multiple-response (``name="multi_response"``) or coded
    (``"coded"``) question × the total and its groups.

    Parameters
    ----------
    rows : DataFrame
        The question's rows of the published table (all groupings), in order.
    name : {"multi_response", "coded"}
    policy : Policy
    language : {"de", "en"}
    groupings : sequence of str, optional
        Groupings to show after the total (default all, in their order).

    Returns
    -------
    Grid
        First column the option, then one column per group headed "group (n = base)"
        below its grouping's label (two header rows);
        a cell is the share of cases ("92,5 %"), ``n < 5`` for a small count, the
        report's marker for any other withheld share. Options whose every cell shows no
        number are left out and named in ``dropped``.
    """
    frame = rows.reset_index(drop=True)
    shown = view(frame, name, policy=policy, language=language,
                 columns=["n", "pct_cases", "base_n"])
    frame = frame.assign(shown_n=shown["n"], shown_pct=shown["pct_cases"],
                         shown_base=shown["base_n"])
    order = [g for g in frame["grouping"].drop_duplicates()
             if g == "total" or groupings is None or g in groupings]
    total_word = text("col.total", language)
    option = text("col.option" if name == "multi_response" else "col.category", language)
    columns: dict[tuple[str, str], tuple[str, str]] = {}
    for grouping in order:
        part = frame[frame["grouping"] == grouping]
        top = "" if grouping == "total" else str(part["grouping_label"].iloc[0] or grouping)
        for group in part["group"].drop_duplicates():
            base = part[part["group"] == group]["shown_base"].iloc[0]
            head = total_word if grouping == "total" else str(group)
            columns[(grouping, group)] = (top, f"{head} (n = {base})")
    labels = list(frame["label"].astype(str).drop_duplicates())
    table: dict[tuple[str, str], list[str]] = {("", option): labels}
    for (grouping, group), head in columns.items():
        part = frame[(frame["grouping"] == grouping) & (frame["group"] == group)]
        cells = {}
        for r in part.itertuples():
            if r.shown_n.startswith("<"):
                cells[str(r.label)] = f"n {r.shown_n}"
            elif r.shown_pct in ("", ".", "–"):
                cells[str(r.label)] = r.shown_pct or "–"
            else:
                cells[str(r.label)] = with_percent(r.shown_pct, language)
        table[head] = [cells.get(label, "–") for label in labels]
    out = pd.DataFrame(table)
    out.columns = pd.MultiIndex.from_tuples(list(table))
    empty = [i for i in range(len(out))
             if all(_shows_nothing(x) or x.startswith("n <") for x in out.iloc[i, 1:])]
    dropped = tuple(out.iloc[i, 0] for i in empty)
    return Grid(out.drop(index=empty).reset_index(drop=True),
                tuple(frame["variable"].drop_duplicates()), dropped)


def group_grid(frame: pd.DataFrame, name: str, *, rows: str, group: str, count: str,
               share: str, heads: dict[Any, str], policy: Policy,
               language: str = "de") -> pd.DataFrame:
    """A long table of ``rows`` × ``group`` (e.g. ``placements``: kind × household type) as
    a grid: one row per value of ``rows`` (in order), one column per group (in order,
    headed ``heads[group]``, e.g. "alleinerziehend (n = 36)"), each cell "count (share %)"
    as the long table shows them (a withheld count keeps its marker)."""
    table = frame.reset_index(drop=True)
    shown = view(table, name, policy=policy, language=language, columns=[count, share])
    labels = list(dict.fromkeys(table[rows]))
    cells: dict[str, list[str]] = {text("col.placement_kind", language)
                                   if rows == "kind" else rows: [str(x) for x in labels]}
    for value in dict.fromkeys(None if pd.isna(v) else v for v in table[group]):
        part = table.index[table[group].isna() if value is None else table[group] == value]
        own = {table.at[i, rows]: _cell(shown.at[i, count], shown.at[i, share], True,
                                        language) for i in part}
        cells[heads[value]] = [own.get(label, "–") for label in labels]
    return pd.DataFrame(cells)


#: the ellipsis a codebook's item label uses between a battery's stem and the item
_STEM = " … "


def under_their_questions(frame: pd.DataFrame, codebook: Any,
                          label: str = "label") -> tuple[pd.DataFrame, list[str | None]]:
    """Rows of a result table (one per ``variable``) with the question each belongs to, for
    :func:`survey.tables.display` (``questions=``): an option or code of a
    multiple-response or coded question belongs to that question; items of a battery
    whose labels share a stem before " … " (at least two in a row) belong to the stem,
    and their labels keep only what follows it.

    >>> from types import SimpleNamespace as NS
    >>> book = NS(column=lambda name: NS(kind="variable", variable=name))
    >>> rows = pd.DataFrame({"variable": ["a", "b", "c"],
    ...                      "label": ["Personen, … die helfen", "Personen, … die zuhören",
    ...                                "Alter"]})
    >>> shown, questions = under_their_questions(rows, book)
    >>> shown["label"].tolist(), questions
    (['… die helfen', '… die zuhören', 'Alter'], ['Personen,', 'Personen,', None])
    """
    questions: list[str | None] = []
    labels = [str(x) for x in frame[label]]
    for name in frame["variable"]:
        column = codebook.column(name) if _known(codebook, name) else None
        if column is not None and column.kind in ("option", "code"):
            questions.append(str(codebook.label(column.variable)))
        else:
            questions.append(None)
    stems = [x.split(_STEM, 1)[0] if _STEM in x and q is None else None
             for x, q in zip(labels, questions, strict=True)]
    for i, stem in enumerate(stems):
        neighbours = [j for j in (i - 1, i + 1) if 0 <= j < len(stems)]
        if stem is not None and any(stems[j] == stem for j in neighbours):
            questions[i] = stem
            labels[i] = "… " + labels[i].split(_STEM, 1)[1]
    return frame.assign(**{label: labels}), questions


def short_labels(frame: pd.DataFrame, codebook: Any,
                 label: str = "label") -> tuple[pd.DataFrame, list[str]]:
    """``frame`` (several rows per ``variable``, e.g. frequencies for a figure) with the
    labels of a battery's items shortened to what follows their shared stem, and the
    stems found (for a caption), as :func:`under_their_questions` does for one row per
    variable."""
    first = frame.drop_duplicates("variable")
    short, questions = under_their_questions(first, codebook, label)
    names = dict(zip(first["variable"], short[label], strict=True))
    stems = list(dict.fromkeys(q for q in questions if q))
    return frame.assign(**{label: frame["variable"].map(names)}), stems


def _known(codebook: Any, name: Any) -> bool:
    try:
        codebook.column(name)
    except (KeyError, ValueError):
        return False
    return True
