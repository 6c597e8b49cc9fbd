"""The index page: the front page of a reports folder, for the committee.

Per wave: its title, field period and number of respondents, then its reports, each with
its title, a one-line summary and whether this run made it; the wave comparison comes
last. A report that failed says so in one plain sentence in the page's language (the
technical error — which may quote a value from the raw data — stays in the run record and
on the analyst's terminal). Links are relative, so the folder can be moved or zipped; the
page has inline CSS only and no external URL; all text is escaped.

It reads the run records ``<out_dir>/<wave>/<notebook>.json`` that :mod:`survey.batch`
writes beside each report: only what this run produced is listed, because a run clears a
wave's outputs before it starts.
"""

from __future__ import annotations

import html
import json
import logging
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from . import fileio
from .messages import text, text_or
from .page import format_date, format_period

__all__ = ["build_index", "failure_sentence", "WaveInfo"]

logger = logging.getLogger(__name__)

#: What the index shows of a wave: ``{"title", "fielded", "n"}`` (any may be missing).
WaveInfo = Mapping[str, Any]

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto;
       max-width: 60rem; padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .2rem; border-bottom: 1px solid #ccc;
     padding-bottom: .2rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 .6rem; font-size: .95rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #e3e3e3;
         vertical-align: top; }
th { background: #f4f4f4; }
td.status { white-space: nowrap; }
.ok { color: #1a7f37; font-weight: 600; } .failed { color: #b3261e; font-weight: 600; }
.meta { color: #555; font-size: .92rem; margin: .2rem 0; }
.intern { border: 2px solid #b3261e; color: #b3261e; font-weight: 700; padding: .4rem .6rem;
          margin: 1rem 0; }
@page { size: A4; margin: 18mm 15mm; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; }
               tr { break-inside: avoid; } h2 { break-after: avoid; } }
"""

#: Error prefixes written by :mod:`survey.batch` → the index's sentence for them.
_FAILURES = (
    ("wave not run:", "page.index.failed_data"),
    ("cleaning failed:", "page.index.failed_cleaning"),
    ("not run: compared wave", "page.index.failed_compared"),
    ("not run:", "page.index.failed_setup"),
    ("rendering HTML failed:", "page.index.failed_render"),
    ("disclosure audit:", "page.index.failed_audit"),
)


def failure_sentence(error: str | None, wave: str, language: str = "de") -> str:
    """The one plain sentence the index shows for a failed report: what went wrong in
    general terms and where the analyst finds the details — never the error itself.

    >>> failure_sentence("wave not run: raw.csv, row 3: 'x' is not a code", "w1", "en")[:40]
    'Not made: the raw data of this wave have'
    """
    key = "page.index.failed_notebook"
    for prefix, candidate in _FAILURES:
        if (error or "").startswith(prefix):
            key = candidate
            break
    return text(key, language).format(wave=wave)


def _read_records(out_dir: Path) -> list[dict[str, Any]]:
    records = []
    for path in sorted(out_dir.glob("*/*.json")):
        try:
            rec = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            logger.warning("skipping unreadable run record %s: %s", path, err)
            continue
        if not isinstance(rec, dict) or "notebook" not in rec or "status" not in rec:
            continue  # not a run record
        rec.setdefault("wave", path.parent.name)
        rec["_dir"] = path.parent.name
        records.append(rec)
    return records


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _report_row(rec: dict[str, Any], out_dir: Path, language: str,
                said: bool = False) -> str:
    wave_dir = rec["_dir"]
    name = str(rec.get("notebook"))
    kind = rec.get("kind")
    title = rec.get("report_title") or (
        text_or(f"page.{kind}.title", language, name))
    # the report's own first key finding; else the catalogue's description of its kind
    summary = rec.get("summary") or text_or(f"page.{kind}.summary", language, "")
    html_file = out_dir / wave_dir / f"{name}.html"
    ok = rec.get("status") == "ok" and html_file.is_file()
    if ok:
        link = f'<a href="{_e(f"{wave_dir}/{name}.html")}">{_e(title)}</a>'
        key = "page.index.status_reused" if rec.get("reused_at") else "page.index.status_ok"
        status = f'<td class="status ok">{_e(text(key, language))}</td>'
    else:
        link = _e(title)
        if not said:  # else the wave's one sentence above the table says why
            summary = failure_sentence(rec.get("error"), wave_dir, language)
        status = (f'<td class="status failed">'
                  f'{_e(text("page.index.status_failed", language))}</td>')
    return f"<tr><td>{link}</td><td>{_e(summary)}</td>{status}</tr>"


def _wave_header(wave_dir: str, info: WaveInfo, recs: list[dict[str, Any]],
                 language: str) -> list[str]:
    title = info.get("title") or next(
        (r.get("wave_title") for r in recs if r.get("wave_title")), None) or wave_dir
    facts = _facts(info, language)
    parts = [f"<h2>{_e(title)}</h2>"]
    if facts:
        parts.append(f'<p class="meta">{_e(" · ".join(facts))}</p>')
    compared = [_wave_line(one, language) for one in info.get("compared") or ()]
    if len(compared) > _LISTED:  # many projects: one line for all of them
        compared = [_many_line(info["compared"], language)]
    if compared:  # a comparison: field period and N of each wave it compares
        items = "".join(f"<li>{_e(line)}</li>" for line in compared)
        parts.append(f'<p class="meta">{_e(text("page.index.compared", language))}</p>'
                     f'<ul class="meta">{items}</ul>')
    return parts


#: compared waves listed one by one up to this many; more are summed up in one line
_LISTED = 4


def _many_line(infos: Any, language: str) -> str:
    """``"13 Erhebungen, Feldzeiten 01.08.2020–31.07.2022, zusammen 775 Befragte"``."""
    from .numbers import format_number

    infos = list(infos)
    parts = [text("page.index.many", language).format(
        k=format_number(len(infos), "count", language))]
    periods = [str(i.get("fielded") or "").split("/") for i in infos]
    if periods and all(len(p) == 2 for p in periods):
        span = f"{min(p[0] for p in periods)}/{max(p[1] for p in periods)}"
        parts.append(text("page.index.periods", language).format(
            period=format_period(span, language)))
    sizes = [i.get("n") for i in infos]
    if sizes and all(n is not None for n in sizes):
        parts.append(text("page.index.together", language).format(
            n=format_number(sum(sizes), "count", language)))
    return ", ".join(parts)


def _facts(info: WaveInfo, language: str) -> list[str]:
    """``["Feldzeit 01.04.2021–30.04.2021", "24 Befragte"]`` (what is known of a wave)."""
    from .numbers import format_number

    facts = []
    if info.get("fielded"):
        facts.append(text("page.fact.fielded", language) + " "
                     + format_period(info["fielded"], language))
    if info.get("n") is not None:
        key = "page.index.n_participants" if info.get("unit") == "participants" \
            else "page.index.n"
        facts.append(text(key, language).format(n=format_number(info["n"], "count", language)))
    return facts


def _wave_line(info: WaveInfo, language: str) -> str:
    """``"title (Feldzeit …, 200 Befragte)"``: one compared wave on the index page."""
    facts = _facts(info, language)
    title = str(info.get("title") or "")
    return f"{title} ({', '.join(facts)})" if facts else title


def _study_heading(waves: Mapping[str, WaveInfo], language: str) -> str:
    """"ANNA: Berichte" when the waves' titles share a study name before " – ", else
    "Berichte"."""
    names = {str(info.get("title") or "").partition(" – ")[0].strip()
             for name, info in waves.items() if name != "comparison" and info.get("title")}
    titles = [str(info.get("title") or "") for info in waves.values()]
    if len(names) == 1 and all(" – " in t for t in titles if t):
        return text("page.index.study_title", language).format(study=names.pop())
    return text("page.index.title", language)


def build_index(out_dir: str | Path, *, waves: Mapping[str, WaveInfo] | None = None,
                language: str = "de", title: str | None = None,
                internal: bool = False) -> Path:
    """Write ``out_dir/index.html``, the front page of the reports folder.

    Parameters
    ----------
    out_dir : str or Path
        The reports folder.
    waves : mapping, optional
        Wave folder name → ``{"title", "fielded", "n"}``, in the order to show (the
        comparison's folder ``comparison`` included); folders with records but not listed
        come after them, alphabetically.
    language : {"de", "en"}, default "de"
    title : str, optional
        Page heading; default the catalogue's "Berichte" / "Reports".
    internal : bool, default False
        The team's unsuppressed folder: the page says so at the top.

    Returns
    -------
    Path
        The index file.
    """
    out_dir = Path(out_dir)
    waves = dict(waves or {})
    records = _read_records(out_dir) if out_dir.exists() else []
    by_wave: dict[str, list[dict[str, Any]]] = {}
    for rec in records:
        by_wave.setdefault(rec["_dir"], []).append(rec)
    order = [w for w in waves if w in by_wave] + sorted(w for w in by_wave if w not in waves)
    heading = title or _study_heading(waves, language)
    n_failed = sum(rec.get("status") != "ok" for rec in records)
    stamp = format_date(datetime.now().astimezone(), language, time=True)
    key = "page.index.made_one" if len(records) == 1 else "page.index.made"
    summary = text(key, language).format(date=stamp, reports=len(records))
    if n_failed:
        summary += " " + text("page.index.n_failed", language).format(n=n_failed)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(language)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(heading)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(heading)}</h1>",
        f'<p class="meta">{_e(summary)}</p>',
    ]
    if internal:
        parts.append(f'<p class="intern">{_e(text("page.internal", language))}</p>')
    if not records:
        parts.append(f"<p>{_e(text('page.index.empty', language))}</p>")
    head = (f"<tr><th>{_e(text('page.index.col_report', language))}</th>"
            f"<th>{_e(text('page.index.col_content', language))}</th>"
            f"<th>{_e(text('page.index.col_status', language))}</th></tr>")
    for wave_dir in order:
        recs = sorted(by_wave[wave_dir], key=lambda r: str(r.get("notebook")))
        parts.extend(_wave_header(wave_dir, waves.get(wave_dir, {}), recs, language))
        # one cause (the wave did not clean) fails every report: say it once
        errors = {rec.get("error") for rec in recs}
        said = len(recs) > 1 and len(errors) == 1 and all(
            rec.get("status") != "ok" for rec in recs)
        if said:
            sentence = failure_sentence(recs[0].get("error"), wave_dir, language)
            parts.append(f'<p class="failed">{_e(sentence)}</p>')
        parts.append(f"<table><thead>{head}</thead><tbody>")
        parts.extend(_report_row(rec, out_dir, language, said) for rec in recs)
        parts.append("</tbody></table>")
        links = []
        if (out_dir / wave_dir / "tabellen.xlsx").is_file():
            links.append(f'<a href="{_e(f"{wave_dir}/tabellen.xlsx")}">'
                         f'{_e(text("page.index.workbook", language))}</a>')
        tables = out_dir / wave_dir / "tables"
        if tables.is_dir() and any(tables.glob("*.csv")):
            # a link to a folder breaks once the page is e-mailed or zipped: name it
            links.append(_e(text("page.index.csv_folder", language).format(
                folder=f"{wave_dir}/tables")))
        if links:
            parts.append(f'<p class="meta">{_e(text("page.index.tables", language))}: '
                         + " · ".join(links) + "</p>")
    parts.append("</body></html>\n")
    target = fileio.write_text(out_dir / "index.html", "\n".join(parts))
    logger.debug("wrote index %s", target)
    return target
