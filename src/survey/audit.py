"""The disclosure audit: read a wave's shared outputs back and work out what they give away.

After a batch has written a wave's shared reports, :func:`audit` reads them the way a
determined reader would and reports every count of 1 … ``min_cell`` − 1 that can be read
or worked out from them. It does not use the code that decided what to withhold
(:mod:`survey.disclosure`, :mod:`survey.ledger`, :mod:`survey.cellmap`): it has its own
reading of the files and its own arithmetic, so that a mistake in one is caught by the
other (official statistics audit their published tables the same way, e.g. tau-ARGUS's
audit of a suppression pattern).

What it reads
    Every ``tables/*.csv`` of the wave (and, for the wave comparison, the compared waves'
    tables), the workbook ``tabellen.xlsx`` and the HTML reports.

What it works out
    - *read*: a count column showing 1 … ``min_cell`` − 1;
    - *share × base*: a shown percentage with its base is the linear equation
      ``100 · count − share · base = 0`` (also the "no" count beside it, a cumulative
      percentage, the share of responses, a binary item's mean, the difference of two
      shares with their bases); a shown confidence interval with its base gives the count
      it was computed from (Wilson's interval, inverted);
    - *totals minus parts*: the rows of one question add up to its base, the groups of a
      grouping to the total (a crossed group is part of each of its margins), the kinds
      of missing answers to their sum, N to those asked and not asked;
    - *the same cell in two tables*: each count is named by what it counts (question,
      answer, group), so the frequency table, the item table, the missing-value table,
      the multiple-response table, the group comparisons and the wave comparison speak of
      one cell when they show the same one;
    and then, per question, solves the linear programme over the cells (non-negative, a
    withheld ``< 5`` between 1 and ``min_cell`` − 1): every withheld count, every "no"
    count and every answer in one group that comes out as one whole number of 1 …
    ``min_cell`` − 1 is a finding. Counts of missing answers are worked out from the
    missing-value, frequency and item tables only (see ``docs/disclosure.md``).
    - in the workbook, a number where the CSV withholds one, and in the HTML a count of
      1 … ``min_cell`` − 1 in a count column or in ``n = …``; a shared page marked
      internal.

:func:`audit_folder` audits one wave's folder and returns its findings; the batch fails
the wave's shared reports when there is any (:mod:`survey.batch`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from .auditread import _listed, _num, _read_csv, _wave_comparison
from .auditsolve import Finding, _System, wilson_count, wilson_pairs
from .auditwave import _read_wave

__all__ = ["Finding", "audit", "audit_folder", "wilson_count", "wilson_pairs"]

# --------------------------------------------------------------------------- other files


def _count_headers() -> set[str]:
    """The headers a report gives count columns, in both languages."""
    from .messages import MESSAGES, text
    from .tablespec import TABLES

    out: set[str] = set()
    for spec in TABLES.values():
        for column, role in spec.roles.items():
            if role != "count":
                continue
            key = spec.header_key(column)
            key = key if key in MESSAGES else f"col.{column}"
            if key in MESSAGES:
                out |= {text(key, "de"), text(key, "en")}
    return out


_N_IN_TEXT = re.compile(r"\b[nN]\s*=\s*(\d[\d.,]*)")


def _html_findings(path: Path, label: str, min_cell: int) -> list[Finding]:
    from html.parser import HTMLParser

    headers = _count_headers()
    found: list[Finding] = []
    page = path.read_text(encoding="utf-8")
    if 'class="survey-intern"' in page:
        found.append(Finding(label, "the page", 0, "marked internal in a shared folder"))

    class Tables(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tables: list[list[list[str]]] = []
            self.cell: list[str] | None = None
            self.text: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag: str, attrs: list) -> None:
            if tag in ("style", "script"):
                self.skip += 1
            elif tag == "table":
                self.tables.append([])
            elif tag == "tr" and self.tables:
                self.tables[-1].append([])
            elif tag in ("td", "th") and self.tables:
                self.cell = []
            elif tag == "img":
                self.text.append(dict(attrs).get("alt") or "")

        def handle_endtag(self, tag: str) -> None:
            if tag in ("style", "script"):
                self.skip -= 1
            elif tag in ("td", "th") and self.cell is not None and self.tables:
                if self.tables[-1]:
                    self.tables[-1][-1].append(" ".join("".join(self.cell).split()))
                self.cell = None

        def handle_data(self, data: str) -> None:
            if self.skip:
                return
            if self.cell is not None:
                self.cell.append(data)
            self.text.append(data)

    parser = Tables()
    parser.feed(page)
    for t, table in enumerate(parser.tables, 1):
        if not table:
            continue
        head = table[0]
        counts = [j for j, h in enumerate(head) if h in headers]
        for row in table[1:]:
            for j in counts:
                if j < len(row):
                    value = _num(row[j].replace(".", "").replace(",", "").replace(" ", ""))
                    if 1 <= value < min_cell:
                        found.append(Finding(label, f"table {t}, column {head[j]!r}", value,
                                             "shown in the report"))
    for match in _N_IN_TEXT.finditer(" ".join(parser.text)):
        value = _num(match.group(1).replace(".", "").replace(",", ""))
        if 1 <= value < min_cell:
            found.append(Finding(label, f"'{match.group(0)}'", value, "said in the report"))
    return found


def _workbook_findings(path: Path, label: str, tables_dir: Path) -> list[Finding]:
    """A number in the workbook where the CSV withholds one (same row, same header)."""
    import openpyxl

    from .messages import MESSAGES, text
    from .tablespec import spec_for

    found: list[Finding] = []
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    files = {}
    for sheet in book.worksheets[:1]:
        for row in sheet.iter_rows(values_only=True):
            for cell in row:
                if isinstance(cell, str) and cell.endswith(".csv"):
                    files[len(files)] = cell
    csvs = [tables_dir / name for name in files.values()]
    for sheet, csv in zip(book.worksheets[1:], csvs, strict=False):
        if not csv.is_file():
            continue
        frame = _read_csv(csv)
        spec = spec_for(csv.stem, frame)
        by_header = {}
        for column in frame.columns:
            key = spec.header_key(column)
            key = key if key in MESSAGES else f"col.{column}"
            for language in ("de", "en"):
                by_header[text(key, language) if key in MESSAGES else column] = column
        rows = list(sheet.iter_rows(values_only=True))
        if not rows:
            continue
        head = [str(h) if h is not None else "" for h in rows[0]]
        for i, row in enumerate(rows[1:]):
            if i >= len(frame):
                break
            for j, value in enumerate(row):
                column = by_header.get(head[j]) if j < len(head) else None
                if column is None or not isinstance(value, int | float):
                    continue
                if column in _listed(frame.get("suppressed", pd.Series([""] * len(frame)))
                                     .iloc[i]):
                    found.append(Finding(label, f"sheet {sheet.title!r}, row {i + 2}, "
                                         f"{head[j]!r}", float(value),
                                         "a number the CSV withholds"))
    return found


# --------------------------------------------------------------------------- entry points


def audit_folder(folder: str | Path, *, min_cell: int, codebook: Any = None,
                 compared: Mapping[str, tuple[Path, Any]] | None = None) -> list[Finding]:
    """Audit one shared folder (``reports/<wave>/``): its tables, workbook and pages.

    Parameters
    ----------
    folder : Path
        ``reports/<wave>`` (or ``reports/comparison``).
    min_cell : int
        The threshold of the run.
    codebook : Codebook, optional
        The wave's codebook (its groupings say which groups add up to which; without it
        only each table's totals are used).
    compared : mapping, optional
        For the wave comparison: wave name → (its folder, its codebook); their tables are
        read with the comparison's, so that a cell shown in both is one cell.

    Returns
    -------
    list of Finding
        Empty when nothing below ``min_cell`` can be read or worked out.
    """
    folder = Path(folder)
    system = _System(int(min_cell))
    findings: list[Finding] = []
    waves: list[tuple[str, Path, Any]] = [(folder.name, folder, codebook)]
    waves += [(name, path, cb) for name, (path, cb) in (compared or {}).items()]
    for name, path, cb in waves:
        if (path / "tables").is_dir():
            found, _ = _read_wave(path, name, cb, min_cell, system)
            findings += [f for f in found if path == folder or "shown" not in f.how]
    if (folder / "tables" / "wave_comparison.csv").is_file():
        findings += _wave_comparison(folder, compared or {}, min_cell, system)
    for page in sorted(folder.glob("*.html")):
        findings += _html_findings(page, f"{folder.name}/{page.name}", min_cell)
    for notebook in sorted(folder.glob("*.ipynb")):
        if "survey-intern\\\"" in notebook.read_text(encoding="utf-8") or \
                'class=\\"survey-intern\\"' in notebook.read_text(encoding="utf-8"):
            findings.append(Finding(f"{folder.name}/{notebook.name}", "the notebook", 0,
                                    "marked internal in a shared folder"))
    book = folder / "tabellen.xlsx"
    if book.is_file():
        findings += _workbook_findings(book, f"{folder.name}/{book.name}", folder / "tables")
    unique: dict[str, Finding] = {}
    for f in findings:
        unique.setdefault(str(f), f)
    return list(unique.values())


def audit(out_dir: str | Path, waves: Sequence[str], *, min_cell: int,
          codebooks: Mapping[str, Any], comparison: Sequence[str] = ()
          ) -> dict[str, list[Finding]]:
    """:func:`audit_folder` of each wave of ``waves`` in ``out_dir`` (and of the
    comparison when ``comparison`` names its waves); wave → findings."""
    out_dir = Path(out_dir)
    result: dict[str, list[Finding]] = {}
    for wave in waves:
        if (out_dir / wave).is_dir():
            result[wave] = audit_folder(out_dir / wave, min_cell=min_cell,
                                        codebook=codebooks.get(wave))
    if comparison and (out_dir / "comparison").is_dir():
        result["comparison"] = audit_folder(
            out_dir / "comparison", min_cell=min_cell,
            compared={w: (out_dir / w, codebooks.get(w)) for w in comparison})
    return result
