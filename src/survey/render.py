"""Executed notebooks as self-contained HTML reports, and the table view they show.

A report page has no code, no prompts, no stderr output (warnings), images embedded as
data URIs and nothing loaded from an external URL (the workbench's ``survey_html``
template empties the blocks of nbconvert's lab template that load require.js, MathJax,
mermaid and the widget manager from a CDN). The numbered headings a
:class:`survey.page.Page` writes are collected into the table of contents its header
left room for.

The nbconvert exporter (and its compiled Jinja template) is built once per process and
reused for every notebook rendered there.
"""

from __future__ import annotations

import html
import logging
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import fileio
from .page import HEADING_CLASS
from .tableview import table_view  # re-exported: reports and notebooks call render.table_view

__all__ = ["TEMPLATE_DIR", "table_view", "figure_image", "render_html", "table_of_contents",
           "page_identity"]

logger = logging.getLogger(__name__)

#: Folder holding the workbench's nbconvert template (``survey_html``).
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"

def figure_image(fig: Any, *, dpi: int = 120) -> Any:
    """PNG of a matplotlib figure as an IPython ``Image``, for ``display()`` in notebooks.

    Works for figures made without pyplot (which IPython cannot display by itself) and
    leaves no figure open. Reports use :meth:`survey.page.Page.figure` (numbered, with a
    caption and alt text).
    """
    from IPython.display import Image

    from .figures.style import png

    return Image(data=png(fig, dpi), format="png")


def _drop_stderr(nb: Any) -> Any:
    """Remove stderr streams (warnings, log lines) from code cell outputs."""
    for cell in nb.cells:
        if cell.get("cell_type") == "code":
            cell["outputs"] = [
                o
                for o in cell.get("outputs", [])
                if not (o.get("output_type") == "stream" and o.get("name") == "stderr")
            ]
    return nb


# attributes in any order: nbconvert may rewrite a tag's attributes
_HEADING = re.compile(r"<h([23])\b([^>]*)>(.*?)</h\1>", re.DOTALL)
_ID = re.compile(r'\bid="([^"]+)"')
_TOC = re.compile(r'(<nav\b[^>]*class="survey-toc"[^>]*>)(.*?)(</nav>)', re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")


def table_of_contents(body: str) -> str:
    """Fill the page's table of contents (:data:`survey.page.TOC_PLACEHOLDER`) with links
    to its numbered headings (sections and subsections); a page without one is returned
    unchanged.

    >>> page = ('<nav class="survey-toc"><p>Inhalt</p></nav>'
    ...         '<h2 id="s-1" class="survey-heading">1 Stichprobe</h2>'
    ...         '<h3 id="s-1-1" class="survey-heading">1.1 Alter</h3>')
    >>> print(table_of_contents(page).split("</nav>")[0])  # doctest: +NORMALIZE_WHITESPACE
    <nav class="survey-toc"><p>Inhalt</p><ol><li><a href="#s-1">1 Stichprobe</a><ol><li><a
    href="#s-1-1">1.1 Alter</a></li></ol></li></ol>
    """
    if not _TOC.search(body):
        return body
    items: list[str] = []
    open_sub = False
    for level, attributes, inner in _HEADING.findall(body):
        anchor = _ID.search(attributes)
        if f'class="{HEADING_CLASS}"' not in attributes or anchor is None:
            continue
        anchor = anchor.group(1)
        label = html.escape(html.unescape(_TAGS.sub("", inner)).strip(), quote=False)
        link = f'<a href="#{html.escape(anchor)}">{label}</a>'
        if level == "2":
            if open_sub:
                items.append("</ol>")
                open_sub = False
            if items:
                items.append("</li>")
            items.append(f"<li>{link}")
        elif not items:  # a subsection before any section: a top-level entry
            items.append(f"<li>{link}")
        else:
            if not open_sub:
                items.append("<ol>")
                open_sub = True
            items.append(f"<li>{link}</li>")
    if open_sub:
        items.append("</ol>")
    if items:
        items.append("</li>")
    toc = f"<ol>{''.join(items)}</ol>" if items else ""
    return _TOC.sub(lambda m: m.group(1) + m.group(2) + toc + m.group(3), body, count=1)


_PERCENT_CI = re.compile(r"(\d) (%)-(?=\w)|(\d)(%) (?=CI\b)")


def keep_together(body: str) -> str:
    """"95 %-KI" (and "95% CI") never broken across lines: a no-break space before "%"
    and a non-breaking hyphen after it.

    >>> keep_together("mit 95 %-KI und 95% CI")
    'mit 95\u00a0%\u2011KI und 95%\u00a0CI'
    """
    def keep(m: re.Match) -> str:
        if m.group(1):
            return f"{m.group(1)}\u00a0{m.group(2)}\u2011"
        return f"{m.group(3)}{m.group(4)}\u00a0"

    return _PERCENT_CI.sub(keep, body)


_TITLE = re.compile(r'<h1\b([^>]*class="survey-title"[^>]*)>(.*?)</h1>', re.DOTALL)
_KIND = re.compile(r'\bdata-kind="([^"]*)"')
_SUMMARY = re.compile(r'<section\b[^>]*class="survey-findings"[^>]*\bdata-summary="([^"]*)"')


def page_identity(html_path: str | Path) -> dict[str, str]:
    """The ``kind``, title and (with key findings) ``summary`` of a rendered report made
    with :class:`survey.page.Page` (for the index page); ``{}`` for a page made otherwise."""
    body = Path(html_path).read_text(encoding="utf-8")
    found = _TITLE.search(body)
    kind = _KIND.search(found.group(1)) if found else None
    if not found or kind is None:
        return {}
    title = html.unescape(_TAGS.sub("", found.group(2))).strip()
    out = {"kind": html.unescape(kind.group(1)), "report_title": title}
    summary = _SUMMARY.search(body)
    if summary:
        out["summary"] = html.unescape(summary.group(1))
    return out


_LANG = re.compile(r'<nav\b[^>]*\blang="([a-z]{2})"')


@lru_cache(maxsize=1)
def _exporter() -> Any:
    """The HTML exporter, built (and its template compiled) once per process."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    config = Config()  # configures the exporter's own TagRemovePreprocessor
    config.TagRemovePreprocessor.remove_cell_tags = {"remove_cell"}
    config.TagRemovePreprocessor.enabled = True
    return HTMLExporter(
        config=config,
        template_name="survey_html",
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )


def warm_up() -> None:
    """Build the exporter and compile its template now (a worker does it while its kernel
    starts), not when the first report is rendered."""
    _exporter().template  # noqa: B018 - the property compiles and caches the template


def render_html(
    ipynb_path: str | Path, html_path: str | Path, *, title: str | None = None
) -> Path:
    """Render an executed notebook as a self-contained HTML report.

    Code cells' inputs and all prompts are left out, stderr output (warnings) is
    dropped, cells tagged ``remove_cell`` are left out, the table of contents is filled
    (:func:`table_of_contents`) and the page's ``lang`` is the report's language. The same
    executed notebook always gives the same page (no random ids).

    Parameters
    ----------
    ipynb_path : str or Path
        The executed notebook.
    html_path : str or Path
        Where to write the page (atomically).
    title : str, optional
        Page title (the browser tab's); a page made with :class:`survey.page.Page` puts
        its own title first. Default the notebook's metadata title or file name.

    Returns
    -------
    Path
        ``html_path``.
    """
    import nbformat

    ipynb_path = Path(ipynb_path)
    nb = nbformat.read(ipynb_path, as_version=4)
    if title:
        nb.metadata["title"] = title
    _drop_stderr(nb)
    for cell in nb.cells:  # papermill gives it a random id: the same page every run
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"
    resources = {"metadata": {"name": ipynb_path.stem}}
    body, _ = _exporter().from_notebook_node(nb, resources=resources)
    body = table_of_contents(body)
    body = keep_together(body)
    heading = _TITLE.search(body)
    own = ""
    if heading:  # the page's own title (in its language) before the wave's
        own = html.unescape(_TAGS.sub("", heading.group(2))).strip()
        full = f"{own} – {title}" if title else own
        body = re.sub(r"<title>.*?</title>", lambda _: f"<title>{html.escape(full)}</title>",
                      body, count=1, flags=re.DOTALL)
    lang = _LANG.search(body)
    language = lang.group(1) if lang else "de"
    body = re.sub(r'<html lang="[^"]*"', f'<html lang="{language}"', body, count=1)
    head = f"{own} – {title}" if heading and title else (own if heading else (title or ""))
    body = body.replace("</head>", _print_frame(head, language,
                                                 'class="survey-intern"' in body) + "</head>", 1)
    out = fileio.write_text(html_path, body)
    logger.debug("rendered %s -> %s", ipynb_path, out)
    return out


def _css_string(text_: str) -> str:
    return '"' + text_.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _print_frame(title: str, language: str, internal: bool) -> str:
    """The printed page's frame: the report's title as a running head ("INTERN" first on
    the team's version) and "Seite N von M" at the foot of every page (CSS page margin
    boxes)."""
    from .messages import text

    before, _, rest = text("page.print.page_of", language).partition("{n}")
    middle, _, after = rest.partition("{m}")
    mark = text("page.print.internal", language) + " – " if internal else ""
    numbers = f'{_css_string(before)} counter(page) {_css_string(middle)} counter(pages)'
    if after:
        numbers += f" {_css_string(after)}"
    style = ("font-family: sans-serif; font-size: 8pt; color: #555;")
    return ("<style>@page { "
            f"@top-left {{ content: {_css_string(mark + title)}; {style} }} "
            f"@bottom-right {{ content: {numbers}; {style} }} }}</style>\n")
