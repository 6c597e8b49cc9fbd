"""The furniture of a report page: header, numbered sections, tables and figures, appendix.

A notebook builds its report with one :class:`Page`. The page knows the report's language
(the codebook's), whether it is the team's internal version, and counts sections, tables
and figures, so every notebook gets the same header (study, wave, field period, N, date),
the same numbering ("Tabelle 3: …", "Abbildung 2: …") and the same "intern" marking. Every
word it writes comes from the message catalogue (:mod:`survey.messages`): a notebook's own
narrative lives under ``page.<kind>.*`` (``kind`` names the notebook's job, e.g.
``descriptives``), the furniture under ``page.*``.

The table of contents cannot be known when the header is shown (the sections come later):
the header leaves a placeholder that :func:`survey.render.render_html` fills from the page's
numbered headings.

Everything shown is HTML-escaped; catalogue texts are plain text with ``{name}``
placeholders.

Examples
--------
>>> p = Page("descriptives", language="en", wave_title="Wave 1", n=24)
>>> p.caption("table", "Sample")
'Table 1: Sample'
>>> p.caption("figure", "Answers")
'Figure 1: Answers'
>>> format_period("2021-04-01/2021-04-30", "de")
'01.04.2021–30.04.2021'
>>> format_date(datetime.date(2026, 11, 21), "en")
'21 Nov 2026'
"""

from __future__ import annotations

import base64
import datetime
import html
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from .dates import format_date, format_period
from .disclosure import SUPPRESSED, SUPPRESSED_SMALL, Policy, checked, withheld_columns
from .messages import MESSAGES, check_language, text
from .versions import versions_line

__all__ = ["Page", "format_date", "format_period", "TOC_PLACEHOLDER", "HEADING_CLASS"]

#: The element :func:`survey.render.render_html` fills with the table of contents.
TOC_PLACEHOLDER = ('<nav class="survey-toc" lang="{lang}">'
                   '<p class="survey-toc-title">{title}</p></nav>')
#: Class of the numbered headings the table of contents lists.
HEADING_CLASS = "survey-heading"

#: a questionnaire's own numbering before a question ("2.4 "), left out of a heading that
#: has the report's number
_QUESTION_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)+\.?\s+(?=\S)")


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _display(markup: str) -> None:
    from IPython.display import HTML, display

    display(HTML(markup))


def _open_slot() -> Any:
    """An empty output that a later cell fills (IPython's display id; papermill keeps the
    update in the executed notebook)."""
    from IPython.display import HTML, display

    return display(HTML(""), display_id=True)


class Page:
    """One report being built: its language, version (shared or internal) and counters.

    Parameters
    ----------
    kind : str
        The report's job; its narrative is under ``page.<kind>.*`` in the catalogue
        (``page.<kind>.title`` and ``page.<kind>.intro`` are required for :meth:`header`).
    language : {"de", "en"}
        The codebook's language.
    study : str, optional
        The study (instrument) title shown in the header.
    wave_title : str, optional
        The wave's title.
    fielded : str, optional
        The field period as written in ``waves.yml``.
    n : int, optional
        Respondents (N).
    policy : Policy, optional
        The run's disclosure policy (default ``Policy()``: shared, ``min_cell`` 5): an
        internal page is marked "intern" at the top and on every printed page; a shared
        one explains its markers.
    today : date, optional
        The report's date (default today, local time).
    """

    def __init__(self, kind: str, *, language: str = "de", study: str | None = None,
                 wave_title: str | None = None, fielded: str | None = None,
                 n: int | None = None, policy: Policy | None = None,
                 today: datetime.date | None = None) -> None:
        check_language(language)
        self.kind = kind
        self.language = language
        self.study = study
        self.wave_title = wave_title
        self.fielded = fielded
        self.n = n
        self.policy = checked(policy) if policy is not None else Policy()
        self.today = today or datetime.date.today()
        self._numbers = {"section": 0, "subsection": 0, "table": 0, "figure": 0}
        self.wd: Any = None
        self.tables_dir: Any = None
        self._plan: Any = None
        self._refs: dict[str, tuple[int, str]] = {}
        self._slot: Any = None

    @property
    def internal(self) -> bool:
        """Whether this is the team's internal version."""
        return self.policy.internal

    @property
    def min_cell(self) -> int:
        return self.policy.min_cell

    @classmethod
    def for_wave(cls, wd: Any, kind: str, *, policy: Policy, out_dir: Any = None) -> Page:
        """The page of a report on one cleaned wave (a :class:`survey.store.WaveData`);
        with ``out_dir`` (the reports folder) :meth:`publish` writes the wave's tables to
        ``<out_dir>/<wave>/tables`` (an internal run: to ``reports-intern/``)."""
        page = cls(kind, language=wd.codebook.language, study=wd.codebook.title,
                   wave_title=wd.wave.title, fielded=wd.wave.fielded, n=len(wd.data),
                   policy=policy)
        page.wd = wd
        if out_dir is not None:
            from pathlib import Path

            page.tables_dir = Path(policy.out_dir(out_dir)) / wd.wave.name / "tables"
        return page

    # ------------------------------------------------------------------ disclosure

    def attach(self, plan: Any, tables_dir: Any) -> None:
        """Use ``plan`` (e.g. a :class:`survey.wavedisclosure.WavesPlan`) for the page's
        tables, written to ``tables_dir``."""
        self._plan, self.tables_dir = plan, tables_dir

    @property
    def plan(self) -> Any:
        """The disclosure plan of the page's wave (:func:`survey.disclosure.plan`)."""
        from .disclosure import plan

        if self._plan is not None:
            return self._plan
        if self.wd is None:
            raise ValueError("a page made without a wave (Page.for_wave) has no plan")
        return plan(self.wd, self.policy)

    def publish(self, frame: pd.DataFrame, name: str) -> pd.DataFrame:
        """Write result table ``name`` beside the report (``tables/<name>.csv``) as the
        policy allows, with its text columns in the report's language
        (:func:`survey.presentation.present`), and return what the report may show of it."""
        from .fileio import write_table
        from .presentation import present

        if self.tables_dir is None:
            raise ValueError("Page.for_wave(..., out_dir=...) says where tables go")
        shown = present(self.plan.table(frame, name), name, self.language)
        write_table(shown, self.tables_dir, name)
        return shown

    def withheld(self, frame: pd.DataFrame, name: str) -> pd.DataFrame:
        """What the report may show of result table ``name`` (without writing it)."""
        return self.plan.table(frame, name)

    def show(self, frame: pd.DataFrame, name: str, caption: str | None = None, *,
             columns: Sequence[str] | None = None, ref: str | None = None,
             drop_withheld: bool = False) -> None:
        """A numbered result table, formatted (:func:`survey.tables.display`): ``frame``
        as :meth:`publish` or :meth:`withheld` returned it. ``ref``: the key under which
        key findings link to it (the first table shown with a key keeps it).
        ``drop_withheld``: rows that would show only withheld counts are left out, and one
        line below the table says how many."""
        from .tables import display, withheld_rows

        left_out = 0
        if drop_withheld:
            mask = withheld_rows(frame, name, policy=self.policy)
            left_out = int(mask.sum())
            frame = frame[~mask.to_numpy()]
        self.table(display(frame, name, policy=self.policy, language=self.language,
                           columns=columns), caption, ref=ref)
        if left_out:
            self.text("page.rows_left_out_one" if left_out == 1 else "page.rows_left_out",
                      n=self.number(left_out), min_cell=self.number(self.min_cell))

    def key_findings(self, findings: Sequence[Any]) -> None:
        """Fill "Das Wichtigste in Kürze" below the header with ``findings``
        (:mod:`survey.keyfindings`), each linked to the table shown with its ``ref``; the
        first one is the index page's line for the report."""
        from .keyfindings import findings_html

        markup = findings_html(findings, self._refs, self.language)
        if self._slot is None:
            _display(markup)
        else:
            from IPython.display import HTML

            self._slot.update(HTML(markup))

    def withholds(self, row: Mapping[str, Any], *columns: str) -> bool:
        """Whether a row of a published table withholds any of ``columns``."""
        return bool(withheld_columns(row.get(SUPPRESSED)) & set(columns))

    def cell(self, row: Mapping[str, Any], column: str, role: str = "count",
             decimals: int | None = None) -> str:
        """One number of a row of a published table for a sentence: the number, or its
        marker when the row withholds it (``< 5``, ``.``)."""
        if column in withheld_columns(row.get(SUPPRESSED)):
            if column in withheld_columns(row.get(SUPPRESSED_SMALL)):
                return f"< {self.min_cell}"
            return "."
        return self.number(row.get(column), role, decimals)

    # ------------------------------------------------------------------ words

    def t(self, key: str, **params: Any) -> str:
        """The catalogue's text: ``page.<kind>.<key>`` if there is one, else ``key`` itself
        (a full catalogue key), formatted with ``params``."""
        own = f"page.{self.kind}.{key}"
        entry = text(own if own in MESSAGES else key, self.language)
        return entry.format(**params) if params else entry

    def has(self, key: str) -> bool:
        """Whether the catalogue has ``page.<kind>.<key>`` (or the full key ``key``)."""
        return f"page.{self.kind}.{key}" in MESSAGES or key in MESSAGES

    def number(self, value: Any, role: str = "count", decimals: int | None = None) -> str:
        """A number in the report's language (:func:`survey.tables.format_number`)."""
        from .numbers import format_number

        return format_number(value, role, self.language, decimals)

    def alpha(self, value: float) -> str:
        """A significance level as a report writes it: ``",05"`` (not ``",050"``)."""
        from .numbers import format_alpha

        return format_alpha(value, self.language)

    def caption(self, what: str, caption: str | None = None) -> str:
        """The next number of a ``"table"`` or ``"figure"`` with its caption."""
        self._numbers[what] += 1
        label = text(f"page.{what}", self.language)
        head = f"{label} {self._numbers[what]}"
        return f"{head}: {caption}" if caption else head

    # ------------------------------------------------------------------ blocks

    def header(self, *, legend: bool = True, title: str | None = None) -> None:
        """Title, the facts (study, wave, field period, N, date), the "intern" marking,
        the introduction, the table of contents and the legend of table markers.
        ``title``: a study's own report's title (the workbench's come from the catalogue,
        ``page.<kind>.title``)."""
        study, wave_title = self.study, self.wave_title
        if study and wave_title and (study.startswith(wave_title) or wave_title.startswith(study)):
            study, wave_title = None, max(study, wave_title, key=len)  # one title, not two
        facts = [
            (text("page.fact.study", self.language), study),
            (text("page.fact.wave", self.language), wave_title),
            (text("page.fact.fielded", self.language),
             format_period(self.fielded, self.language) if self.fielded else None),
            (self.t("fact_n") if self.has("fact_n") else text("page.fact.n", self.language),
             self.number(self.n) if self.n is not None else None),
            (text("page.fact.date", self.language), format_date(self.today, self.language)),
        ]
        rows = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in facts if v)
        parts = []
        if self.internal:
            mark = _e(text("page.internal", self.language))
            parts.append(f'<div class="survey-intern">{mark}</div>'
                         f'<div class="survey-intern-print" aria-hidden="true">{mark}</div>')
        parts.append(f'<h1 class="survey-title" data-kind="{_e(self.kind)}">'
                     f'{_e(title if title is not None else self.t("title"))}</h1>')
        parts.append(f'<table class="survey-facts">{rows}</table>')
        _display("".join(parts))
        # "Das Wichtigste in Kürze" goes here once the results are known (key_findings)
        self._slot = _open_slot()
        parts = []
        if self.has("intro"):
            parts.append(f"<p>{_e(self.t('intro'))}</p>")
        parts.append(TOC_PLACEHOLDER.format(lang=self.language,
                                            title=_e(text("page.toc", self.language))))
        if legend:
            from .tables import legend as markers

            if not self.internal:
                parts.append(f'<p class="survey-legend">'
                             f"{_e(markers(self.language, self.policy))}</p>")
        _display("".join(parts))

    def section(self, key: str | None = None, *, title: str | None = None,
                **params: Any) -> None:
        """A numbered section: title ``page.<kind>.<key>`` (or ``title`` as given) and,
        if the catalogue has one, the paragraph ``page.<kind>.<key>.text``."""
        self._numbers["section"] += 1
        self._numbers["subsection"] = 0
        heading = title if title is not None else self.t(key or "", **params)
        number = str(self._numbers["section"])
        parts = [self._heading(2, number, heading)]
        if key is not None and self.has(f"{key}.text"):
            parts.append(f"<p>{_e(self.t(f'{key}.text', **params))}</p>")
        _display("".join(parts))

    def subsection(self, title: str, *, key: str | None = None, **params: Any) -> None:
        """A numbered subsection (``2.1``) with an optional paragraph from the catalogue."""
        self._numbers["subsection"] += 1
        number = f"{self._numbers['section']}.{self._numbers['subsection']}"
        title = _QUESTION_NUMBER.sub("", title)  # "4.1 2.4 Welches Thema" → "4.1 Welches Thema"
        parts = [self._heading(3, number, title)]
        if key is not None:
            parts.append(f"<p>{_e(self.t(key, **params))}</p>")
        _display("".join(parts))

    def heading(self, title: str) -> None:
        """An unnumbered heading below a subsection (not in the table of contents)."""
        _display(f"<h4>{_e(title)}</h4>")

    def _heading(self, level: int, number: str, title: str) -> str:
        anchor = "s-" + number.replace(".", "-")
        return (f'<h{level} id="{anchor}" class="{HEADING_CLASS}">'
                f'<span class="survey-number">{_e(number)}</span> {_e(title)}</h{level}>')

    def text(self, key: str, **params: Any) -> None:
        """A paragraph from the catalogue."""
        _display(f"<p>{_e(self.t(key, **params))}</p>")

    def paragraph(self, words: str) -> None:
        """A paragraph of text made elsewhere (already in the report's language)."""
        _display(f"<p>{_e(words)}</p>")

    def note(self, key: str, **params: Any) -> None:
        """A highlighted remark ("Hinweis: …") from the catalogue."""
        self.remark(self.t(key, **params))

    def remark(self, words: str, *, label_key: str = "page.note") -> None:
        """A highlighted remark with text made elsewhere."""
        label = _e(text(label_key, self.language))
        _display(f'<p class="survey-note"><strong>{label}:</strong> {_e(words)}</p>')

    def bullets(self, lines: Iterable[str]) -> None:
        """A list of sentences made elsewhere (e.g. :mod:`survey.sentences`)."""
        items = "".join(f"<li>{_e(line)}</li>" for line in lines)
        if items:
            _display(f"<ul>{items}</ul>")

    def small(self, key: str, items: Sequence[str]) -> None:
        """Small print: ``page.<key>`` (e.g. "Testwahl") followed by ``items``."""
        if items:
            head = _e(self.t(key))
            _display(f'<p class="survey-small">{head}: {_e("; ".join(items))}.</p>')

    def table(self, table: Any, caption: str | None = None, *, ref: str | None = None) -> None:
        """A numbered table: a Styler from :func:`survey.tables.display`, or a DataFrame of
        strings (shown with :func:`survey.render.table_view`). ``ref``: the key under which
        key findings link to it (the first table shown with a key keeps it)."""
        from .tableview import span_questions, table_view

        styler = table_view(table) if isinstance(table, pd.DataFrame) else table
        styler = styler.set_caption(_e(self.caption("table", caption)))
        # pandas names a table's CSS ids after a random uuid: name them after the table's
        # number, so that running a notebook twice gives the same report
        styler = styler.set_uuid(f"tab{self._numbers['table']}")
        _display(span_questions(styler.to_html()))
        if ref is not None and ref not in self._refs:
            number = self._numbers["table"]
            self._refs[ref] = (number, f"T_tab{number}")

    def figure(self, fig: Any, caption: str | None = None, *, alt: str | None = None,
               dpi: int = 120) -> None:
        """A numbered figure: the PNG of a matplotlib figure with its caption and alt text
        (default the caption)."""
        from .figures.style import png

        data = base64.b64encode(png(fig, dpi)).decode("ascii")
        label = self.caption("figure", caption)
        _display(f'<figure class="survey-figure"><img alt="{_e(alt or caption or label)}" '
                 f'src="data:image/png;base64,{data}"/>'
                 f"<figcaption>{_e(label)}</figcaption></figure>")

    def appendix(self, facts: Sequence[tuple[str, Any]] | Mapping[str, Any] = (), *,
                 tables: Sequence[tuple[str, Any]] = ()) -> None:
        """The appendix for the analyst: technical names (files, hashes, versions,
        parameters) that the body of a report never shows.

        Parameters
        ----------
        facts : sequence of (label, value) or mapping
            Shown as a two-column table; the labels are already in the report's language.
        tables : sequence of (caption, table)
            Further tables (Styler or DataFrame of strings), numbered like the others.
        """
        self.section("page.appendix")
        pairs = list(facts.items()) if isinstance(facts, Mapping) else list(facts)
        if pairs:
            frame = pd.DataFrame([(str(k), "–" if v is None or v == "" else str(v))
                                  for k, v in pairs],
                                 columns=[text("page.fact.what", self.language),
                                          text("page.fact.value", self.language)])
            self.table(frame, text("page.appendix.facts", self.language))
        for caption, table in tables:
            self.table(table, caption)

    def wave_appendix(self, wd: Any, parameters: Mapping[str, Any] | None = None, *,
                      tables: Sequence[tuple[str, Any]] = ()) -> None:
        """:meth:`appendix` of a report on one cleaned wave: raw file (name, rows,
        SHA-256), session-rating file, codebook file, when it was cleaned, the package
        versions and the notebook's analysis ``parameters`` (paths left out)."""
        facts = wave_facts(wd, self.language)
        if parameters:
            shown = {k: v for k, v in parameters.items()
                     if k not in ("wave", "waves_file", "processed_dir", "out_dir")}
            facts.append((text("page.appendix.parameters", self.language),
                          ", ".join(f"{k} = {v}" for k, v in shown.items())))
        facts.append((text("page.appendix.packages", self.language), versions_line()))
        self.appendix(facts, tables=tables)


def wave_facts(wd: Any, language: str = "de") -> list[tuple[str, str]]:
    """The technical facts of a cleaned wave for an appendix (file names, not paths)."""
    from pathlib import Path

    prov = wd.provenance or {}

    def name(path: Any) -> str:
        return Path(str(path)).name if path else "–"

    records = getattr(wd.codebook, "records", None)
    if prov.get("records_sha256") and records is not None and getattr(wd.wave, "raw", None) \
            is None:  # a monitoring wave: its record tables are its raw files
        facts = [(text("page.appendix.record_file", language).format(label=table.label),
                  f"{name(table.raw)} (SHA-256 {prov['records_sha256'].get(key, '–')})")
                 for key, table in records.tables.items()]
    else:
        facts = [
            (text("page.appendix.raw_file", language), name(prov.get("raw"))),
            (text("page.appendix.raw_rows", language),
             "–" if prov.get("n_rows") is None else _number(prov.get("n_rows"), language)),
            (text("page.appendix.raw_sha256", language), prov.get("raw_sha256") or "–"),
        ]
    ratings = getattr(wd.codebook, "session_ratings", None)
    if ratings is not None:
        sha = prov.get("ratings_sha256")
        facts.append((text("page.appendix.ratings_file", language),
                      name(ratings.raw) + (f" (SHA-256 {sha})" if sha else "")))
    facts += [
        (text("page.appendix.codebook", language), name(getattr(wd.codebook, "path", None))),
        (text("page.appendix.cleaned_at", language),
         format_date(prov.get("cleaned_at"), language, time=True)),
        (text("page.appendix.version", language), str(prov.get("survey_version") or "–")),
    ]
    return facts


def _number(value: Any, language: str) -> str:
    from .numbers import format_number

    return format_number(value, "count", language)
