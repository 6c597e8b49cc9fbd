"""A table of strings as a report shows it: alignment by what its cells hold, and options
shown below the question they belong to.

>>> t = pd.DataFrame({"Variable": ["Alter"], "Anzahl": ["1.234"]})
>>> "text-align: right" in table_view(t).to_html()
True
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from .numbers import is_missing

__all__ = ["table_view", "under_questions", "mark_questions", "question_classes",
           "span_questions", "QUESTION_CSS"]

#: (row mark, is the label column) → the cell's CSS: the question's row bold, its options'
#: labels indented below it
QUESTION_CSS = {("question", True): "font-weight: 600", ("question", False): "",
                ("option", True): "padding-left: 1.2em"}


def under_questions(view: pd.DataFrame, questions: list[str | None],
                    first: str) -> tuple[pd.DataFrame, list[str]]:
    """``view`` with a row naming each question (in column ``first``) before its
    consecutive options; per row its mark: ``"question"``, ``"option"`` or ``""``.

    >>> v = pd.DataFrame({"Frage": ["E-Mail", "Chat", "Alter"], "n": ["5", "7", "9"]})
    >>> out, marks = under_questions(v, ["Kanäle?", "Kanäle?", None], "Frage")
    >>> out["Frage"].tolist(), marks
    (['Kanäle?', 'E-Mail', 'Chat', 'Alter'], ['question', 'option', 'option', ''])
    """
    rows, marks, last = [], [], None
    for i, question in enumerate(questions):
        if question and question != last:
            rows.append({c: (question if c == first else "") for c in view.columns})
            marks.append("question")
        rows.append(view.iloc[i].to_dict())
        marks.append("option" if question else "")
        last = question
    return pd.DataFrame(rows, columns=view.columns, dtype=object), marks


def question_classes(view: pd.DataFrame, marks: list[str]) -> pd.DataFrame:
    """The cell classes that mark a question's row for :func:`span_questions`."""
    classes = pd.DataFrame("", index=view.index, columns=view.columns)
    for i, mark in enumerate(marks):
        if mark == "question":
            classes.iloc[i, 0] = "survey-question"
            classes.iloc[i, 1:] = "survey-question-rest"
    return classes


_REST = re.compile(r'<td\b[^>]*\bsurvey-question-rest\b[^>]*>\s*</td>\s*')
_QUESTION = re.compile(r'<td\b([^>]*\bsurvey-question\b[^>]*)>')


def span_questions(markup: str) -> str:
    """A table's HTML with each question's row as one cell across the table (so that a
    long question is not wrapped into the first column).

    >>> span_questions('<tr><td class="a survey-question">Q</td>'
    ...                '<td class="b survey-question-rest"></td>'
    ...                '<td class="c survey-question-rest"></td></tr>')
    '<tr><td colspan="3" class="a survey-question">Q</td></tr>'
    """
    out = []
    for row in markup.split("</tr>"):
        spanned = len(_REST.findall(row))
        if spanned and _QUESTION.search(row):
            row = _REST.sub("", row)
            found = _QUESTION.search(row)
            row = (f'{row[:found.start()]}<td colspan="{spanned + 1}"{found.group(1)}>'
                   f"{row[found.end():]}")
        out.append(row)
    return "</tr>".join(out)


_NUMBER_TEXT = re.compile(r"^(n )?[\s<>≤≥=+\-−–.,%\d]*\d[\s<>≤≥=+\-−–.,%\d]*$|^[–.]$")


def table_view(frame: pd.DataFrame, marks: list[str] | None = None) -> Any:
    """A pandas Styler of ``frame`` without the index, for display in a report: columns
    whose cells are all numbers (as formatted: ``"1.234"``, ``"12,5 %"``, ``"< 5"``, ``"–"``)
    right-aligned, the others left-aligned, header cells like their column, long text
    wrapping. ``marks`` (from :func:`under_questions`): a question's row bold, across the
    table once :func:`span_questions` has seen the HTML, its items indented.

    >>> t = pd.DataFrame({"Variable": ["Alter"], "Anzahl": ["1.234"]})
    >>> "text-align: right" in table_view(t).to_html()
    True
    """
    styles = {}
    for column in frame.columns:
        cells = [str(v) for v in frame[column] if not is_missing(v) and str(v) != ""]
        numeric = bool(cells) and all(_NUMBER_TEXT.match(c) for c in cells)
        align = "right" if numeric else "left"
        styles[column] = [
            {"selector": "th", "props": [("text-align", align)]},
            {"selector": "td", "props": [("text-align", align),
                                         ("white-space", "nowrap" if numeric else "normal")]},
        ]
    styler = (frame.style.hide(axis="index").format(escape="html")
              .format_index(escape="html", axis="columns").set_table_styles(styles))
    return mark_questions(styler, frame, marks or [])


def mark_questions(styler: Any, frame: pd.DataFrame, marks: list[str]) -> Any:
    """``styler`` of ``frame`` with the rows :func:`under_questions` marked: a question's
    row bold (and across the table once :func:`span_questions` has seen the HTML), its
    items indented in the first column; unchanged without marks."""
    if not any(marks):
        return styler
    first = frame.columns[0]
    styler = styler.apply(lambda col: [QUESTION_CSS.get((m, col.name == first), "")
                                       for m in marks])
    return styler.set_td_classes(question_classes(frame, marks))
