"""What a LimeSurvey survey structure (``.lss``) says of its response export, for a draft
codebook (:mod:`survey.draft`).

The structure gives the question texts, the answer options, the groups and the question
types; the response export (CSV or Excel, "question code" headings: ``Q1``,
``Q2[SQ001]``, ``Q3[other]``, ``Q4[comment]``) gives the columns. Each question becomes:

- list (``L``, ``!``, ``O``), 5-point (``5``), yes/no (``Y``), gender (``G``): one
  categorical variable, its answer codes read through ``raw_codes`` when they are not
  numbers ("AO01" → 1, in the options' order);
- arrays (``F``, ``H``, ``A``, ``B``, ``C``, ``E``, ``1``): one variable per subquestion, the
  array a section of its own;
- multiple choice (``M``, ``P``): one multiple-response set (``Y`` ticked, blank not ticked
  by someone who ticked another: ``unticked: blank``);
- numbers (``N``, ``K``): numeric; texts (``S``, ``T``, ``U``, ``Q``), "other" and comment
  fields, dates with a time, rankings: free text, never shown in a report.

Groups become sections. Columns the structure does not explain (LimeSurvey's own:
``submitdate``, ``lastpage``, …) are read like a plain table (:mod:`survey.drafttable`).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd

from .draftguess import ordered_scale
from .drafttable import table_columns
from .draftwrite import DraftColumn, codebook_name
from .errors import DataError

__all__ = ["lss_columns"]

_FIXED = {  # question types whose answers LimeSurvey fixes: code → label (de, en)
    "Y": {"N": ("nein", "no"), "Y": ("ja", "yes")},
    "G": {"F": ("weiblich", "female"), "M": ("männlich", "male")},
    "C": {"Y": ("ja", "yes"), "N": ("nein", "no"), "U": ("unsicher", "uncertain")},
    "E": {"I": ("mehr", "increase"), "S": ("gleich", "same"), "D": ("weniger", "decrease")},
    "5": {str(k): (str(k), str(k)) for k in range(1, 6)},
    "A": {str(k): (str(k), str(k)) for k in range(1, 6)},
    "B": {str(k): (str(k), str(k)) for k in range(1, 11)},
}
#: LimeSurvey's own columns of a response export: how the draft reads them
_SYSTEM = {"submitdate": "text", "startdate": "text", "datestamp": "text",
           "startlanguage": "text", "token": "text", "ipaddr": "text", "refurl": "text",
           "lastpage": "numeric", "seed": "numeric"}
_ARRAYS = set("FHABCE1")
_LISTS = set("L!O5YG")
_TEXTS = set("STUQ;|*R")
_NUMBERS = set("NK:")


def _tables(root: ET.Element) -> dict[str, list[dict[str, str]]]:
    """Every table of the document as a list of rows (field → text)."""
    out: dict[str, list[dict[str, str]]] = {}
    for table in root:
        rows = table.find("rows")
        if rows is None:
            continue
        out[table.tag] = [{field.tag: (field.text or "") for field in row}
                          for row in rows.findall("row")]
    return out


def _plain(text: str) -> str:
    """Question text without HTML, entities and runs of white space."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text or "")).split())


class _Structure:
    """The parts of an ``.lss`` a draft needs, in the survey's base language (old and
    new layouts: texts in the rows, or in ``*_l10ns`` tables)."""

    def __init__(self, path: Path) -> None:
        try:
            root = ET.parse(path).getroot()
        except (ET.ParseError, OSError) as exc:
            raise DataError(f"cannot be read as a LimeSurvey structure ({exc})",
                            file=path) from None
        tables = _tables(root)
        languages = [e.text for e in root.findall("languages/language") if e.text]
        base = next((r.get("language") for r in tables.get("surveys", []) if r.get("language")),
                    languages[0] if languages else "en")
        self.language = base
        mine = [r for r in tables.get("surveys_languagesettings", [])
                if r.get("surveyls_language", base) == base]
        self.title = _plain(mine[0].get("surveyls_title", "")) if mine else path.stem
        texts = _l10n(tables.get("question_l10ns", []), "qid", "question", base)
        rows = tables.get("questions", []) + tables.get("subquestions", [])
        self.questions = {}
        for row in rows:
            if row.get("language", base) != base:
                continue
            row = dict(row)
            row["text"] = _plain(row.get("question") or texts.get(row["qid"], ""))
            self.questions[row["qid"]] = row
        answer_texts = _l10n(tables.get("answer_l10ns", []), "aid", "answer", base)
        self.answers: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for row in sorted(tables.get("answers", []),
                          key=lambda r: int(r.get("sortorder") or 0)):
            if row.get("language", base) != base:
                continue
            text = _plain(row.get("answer") or answer_texts.get(row.get("aid", ""), ""))
            key = (row["qid"], row.get("scale_id") or "0")
            self.answers.setdefault(key, []).append((row["code"], text or row["code"]))
        group_texts = _l10n(tables.get("group_l10ns", []), "gid", "group_name", base)
        self.groups = {}
        for row in sorted(tables.get("groups", []), key=lambda r: int(r.get("group_order")
                                                                      or 0)):
            if row.get("language", base) == base:
                self.groups[row["gid"]] = _plain(row.get("group_name")
                                                 or group_texts.get(row["gid"], ""))

    def parents(self) -> list[dict[str, str]]:
        top = [q for q in self.questions.values() if q.get("parent_qid", "0") in ("0", "")]
        order = {gid: i for i, gid in enumerate(self.groups)}
        return sorted(top, key=lambda q: (order.get(q.get("gid"), 0),
                                          int(q.get("question_order") or 0)))

    def subquestions(self, qid: str, scale: str = "0") -> list[dict[str, str]]:
        subs = [q for q in self.questions.values() if q.get("parent_qid") == qid
                and (q.get("scale_id") or "0") == scale]
        return sorted(subs, key=lambda q: int(q.get("question_order") or 0))


def _l10n(rows: list[dict[str, str]], key: str, field: str, language: str) -> dict[str, str]:
    return {r[key]: r.get(field, "") for r in rows if r.get("language") == language}


def lss_columns(structure: Path, frame: pd.DataFrame) -> tuple[str, list[DraftColumn],
                                                                 dict[str, str]]:
    """The title, the columns and the sections (name → title) of a response export
    ``frame`` (cells as text) described by the LimeSurvey structure ``structure``."""
    survey = _Structure(structure)
    columns: dict[str, DraftColumn] = {}
    sections: dict[str, str] = {f"group_{gid}": text for gid, text in survey.groups.items()}
    present = set(frame.columns)
    for question in survey.parents():
        for column in _question(survey, question, present, sections):
            columns.setdefault(column.source, column)
    owner = {option: col for col in columns.values() for option in col.options}
    out: list[DraftColumn] = []
    rest = []
    for name in frame.columns:
        column = columns.get(name) or owner.get(name)
        if column is not None:
            if column not in out:
                out.append(column)
        elif name in _SYSTEM:
            out.append(DraftColumn(name, name, _SYSTEM[name],
                                   notes=["LimeSurvey's own column"]))
        else:
            rest.append(name)
    out += table_columns(frame[rest]) if rest else []
    used = {c.section for c in out if c.section}
    return survey.title, out, {k: v for k, v in sections.items() if k in used}


def _column_of(present: set[str], code: str, *parts: str) -> str | None:
    """The export's column of a question (and subquestion/field): ``Q[SQ]`` or ``Q_SQ``."""
    names = [f"{code}[{']['.join(parts)}]", f"{code}_{'_'.join(parts)}"] if parts else [code]
    return next((n for n in names if n in present), None)


def _question(survey: _Structure, q: dict[str, str], present: set[str],
              sections: dict[str, str]) -> list[DraftColumn]:
    kind, code, text = q.get("type", ""), q.get("title", ""), q.get("text", "")
    section = f"group_{q.get('gid')}"
    out: list[DraftColumn] = []
    if kind in _LISTS:
        name = _column_of(present, code)
        if name:
            out.append(_categorical(name, text, _options(survey, q, kind), section))
    elif kind in _ARRAYS:
        array = codebook_name(f"q_{code}", set())
        sections[array] = text or code
        for scale in (("0", "1") if kind == "1" else ("0",)):
            for sub in survey.subquestions(q["qid"]):
                parts = (f"{sub['title']}#{scale}",) if kind == "1" else (sub["title"],)
                name = _column_of(present, code, *parts)
                if name:
                    out.append(_categorical(name, sub["text"] or sub["title"],
                                            _options(survey, q, kind, scale), array))
    elif kind in ("M", "P"):
        options = {}
        for sub in survey.subquestions(q["qid"]):
            name = _column_of(present, code, sub["title"])
            if name:
                options[name] = sub["text"] or sub["title"]
        if options:
            out.append(DraftColumn(
                code, text or code, "multi", options=options, section=section,
                raw_codes={"Y": 1}, unticked_blank=True,
                notes=["multiple response: 'Y' ticked; a blank beside a tick is not ticked"]))
        if kind == "P":
            out += _texts(present, code, [f"{s['title']}comment"
                                          for s in survey.subquestions(q["qid"])], section)
    elif kind in _NUMBERS:
        subs = survey.subquestions(q["qid"])
        names = [_column_of(present, code, s["title"]) for s in subs] if subs else [
            _column_of(present, code)]
        labels = [s["text"] for s in subs] if subs else [text]
        out += [DraftColumn(n, lab or n, "numeric", section=section)
                for n, lab in zip(names, labels, strict=True) if n]
    elif kind in _TEXTS or kind == "D":
        subs = survey.subquestions(q["qid"])
        names = [_column_of(present, code, s["title"]) for s in subs] if subs else [
            _column_of(present, code)]
        note = ["a date (with a time in LimeSurvey's export): kept as text"] if kind == "D" \
            else []
        out += [DraftColumn(n, text or n, "text", section=section, notes=list(note))
                for n in names if n]
    if q.get("other") == "Y":
        out += _texts(present, code, ["other"], section)
    if kind == "O":
        out += _texts(present, code, ["comment"], section)
    return out


def _texts(present: set[str], code: str, fields: list[str], section: str | None
           ) -> list[DraftColumn]:
    names = [_column_of(present, code, f) for f in fields]
    return [DraftColumn(n, n, "text", section=section,
                        notes=["free text (other / comment): never shown in a report"])
            for n in names if n]


def _options(survey: _Structure, q: dict[str, str], kind: str,
             scale: str = "0") -> list[tuple[str, str]]:
    if kind in _FIXED:
        which = 0 if survey.language.startswith("de") else 1
        return [(code, labels[which]) for code, labels in _FIXED[kind].items()]
    return survey.answers.get((q["qid"], scale), [])


def _categorical(source: str, label: str, options: list[tuple[str, str]],
                 section: str | None) -> DraftColumn:
    """One categorical column: numeric answer codes kept, text codes numbered 1, 2, … in
    the options' order and read through ``raw_codes``."""
    if not options:
        return DraftColumn(source, label, "text", section=section,
                           notes=["no answer options in the structure: kept as text"])
    numeric = all(re.fullmatch(r"-?\d+", c) for c, _ in options)
    if [c for c, _ in options] == ["N", "Y"]:  # yes/no: 0/1, "yes" the event
        levels = {0: options[0][1], 1: options[1][1]}
        raw_codes = {"N": 0, "Y": 1}
    elif numeric:
        levels = {int(c): text for c, text in options}
        raw_codes: dict[str, int] = {}
    else:
        levels = {i: text for i, (_, text) in enumerate(options, start=1)}
        raw_codes = {c: i for i, (c, _) in enumerate(options, start=1)}
    kind = "binary" if len(levels) == 2 else ("ordinal" if ordered_scale(levels)
                                              else "nominal")
    notes = [] if kind != "ordinal" else ["ordinal: the answer options form an ordered scale"]
    if raw_codes:
        notes.append("answer codes " + ", ".join(list(raw_codes)[:4])
                     + (" …" if len(raw_codes) > 4 else "") + " numbered in their order")
    return DraftColumn(source, label, kind, levels=levels, section=section,
                       raw_codes=raw_codes, notes=notes)
