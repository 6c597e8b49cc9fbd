#!/usr/bin/env python3
"""Print the HTML reports to A4 PDF and check that no table column is clipped.

The reports are e-mailed to a committee and printed. This script prints every report
page the way a browser would (headless Chromium, A4 from the template's ``@page`` rule),
renders the first pages to PNG and checks the PDFs.

Usage (from the repository root, after ``.venv/bin/survey batch`` wrote the reports)::

    .venv/bin/python tools/print_reports.py [REPORTS_DIR] [--out DIR] [--pages N] [--dpi 60]

    REPORTS_DIR   folder searched recursively for report pages (*.html); default ./reports.
                  The overview page index.html and hidden files are skipped.
    --out DIR     where the PDFs, page images and contact sheets go; default ./build/print
                  (mirrors REPORTS_DIR: build/print/anna-e2/03-group-comparisons.pdf, ...).
    --pages N     pages per report shown on the contact sheet; default 6.
    --dpi D       resolution of the page images; default 60 (use 100+ to read the text).

For each report it writes ``NAME.pdf``, ``NAME-pages/page-K.png`` and the contact sheet
``NAME.png`` (the first N pages side by side), and at the end ``summary.txt`` in --out.
It prints one line per report::

    anna-e2/03-group-comparisons.html: 29 pages, 22 tables, 0 of 149 headers missing -> ...

followed by a line ``ok: ...`` or ``FAILED: ...``. Look at the contact sheets (page breaks,
figures, tables) -- the check only finds clipped columns.

The check: every table header cell (``<th>``) of the HTML must appear in the text of the
PDF (``pdftotext -layout``); a column cut off at the right edge of the paper loses its
header, so a missing header means a clipped column (listed as ``[CLIPPED? 'Details']``).
A header text used by k tables must occur k times; one wrapped over several lines counts
when each of its words (or parts of a hyphenated word) is found. Headers of one or two
letters ("n", "%") are found anywhere, so they prove little. Tables inside a closed
``<details>`` element are not expected (browsers do not print them). English words from a
short list (``the``, ``and``, ``Table``, ``missing``, ``raw column`` …) in a German report (``<html
lang="de">``) are reported as a warning and do not change the exit status.

Exit status: 0 all headers found; 1 a header is missing in some PDF, a page could not be
printed or there are no reports; 2 Chromium or poppler-utils (pdftoppm, pdftotext) is not
installed -- then ``apt-get install chromium poppler-utils``. Set CHROMIUM to use another
Chromium binary.

tests/test_print_css.py imports this file (find_tools, print_pdf, pdf_text, html_headers,
missing_headers, english_words); keep those names.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

#: English words that should not appear in a German report (warning only).
ENGLISH_WORDS = ("Details", "blanked", "raw column", "the", "and", "of", "with", "Table",
                 "Figure", "missing", "blank", "answers", "not shown", "Contents")

#: Browser binaries tried in this order (Debian's package installs ``chromium``).
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

INSTALL_HINT = "apt-get install chromium poppler-utils"


class MissingToolError(RuntimeError):
    """A program needed to print or to read the PDFs is not installed."""


# --------------------------------------------------------------------------- tools


def find_tools() -> dict[str, str]:
    """Paths of chromium, pdftoppm and pdftotext; raises MissingToolError if one is absent."""
    tools: dict[str, str] = {}
    missing: list[str] = []
    chromium = os.environ.get("CHROMIUM") or next(
        (p for p in map(shutil.which, CHROMIUM_NAMES) if p), None
    )
    if chromium and shutil.which(chromium):
        tools["chromium"] = shutil.which(chromium) or chromium
    else:
        missing.append("chromium")
    for name in ("pdftoppm", "pdftotext"):
        path = shutil.which(name)
        if path:
            tools[name] = path
        else:
            missing.append(name)
    if missing:
        raise MissingToolError(
            f"{', '.join(missing)} not found -- install with: {INSTALL_HINT}"
        )
    return tools


# --------------------------------------------------------------------------- HTML


class _HeaderParser(HTMLParser):
    """Collects the text of every ``<th>`` and counts the tables, skipping closed details."""

    _VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
             "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headers: list[str] = []  # one entry per distinct header text per table
        self.headings: list[str] = []  # texts of the section headings (h2-h4)
        self._h: list[str] | None = None
        self.tables = 0
        self._seen: set[tuple[int, str]] = set()
        self.lang = ""
        self._th: list[str] | None = None
        self._th_depth = 0
        self._skip = 0  # inside <style>/<script>
        self._closed_details = 0  # nesting depth inside a closed <details>
        self._details: list[bool] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = (a.get("lang") or "").lower()
        elif tag in ("style", "script"):
            self._skip += 1
        elif tag == "details":
            closed = "open" not in a
            self._details.append(closed)
            self._closed_details += closed
        elif tag == "table" and not self._closed_details:
            self.tables += 1
        elif tag == "th" and not self._closed_details:
            if self._th is None:
                self._th = []
                self._th_depth = 0
            self._th_depth += 1
        elif tag == "br" and self._th is not None:
            self._th.append(" ")
        elif tag in ("h2", "h3", "h4") and not self._closed_details and not self._skip:
            self._h = []

    def handle_endtag(self, tag):
        if tag in ("h2", "h3", "h4") and self._h is not None:
            text = " ".join("".join(self._h).split())
            if text:
                self.headings.append(text)
            self._h = None
        elif tag in ("style", "script"):
            self._skip = max(0, self._skip - 1)
        elif tag == "details" and self._details:
            self._closed_details -= self._details.pop()
        elif tag == "th" and self._th is not None:
            self._th_depth -= 1
            if self._th_depth <= 0:
                text = " ".join("".join(self._th).split())
                if text and (self.tables, text) not in self._seen:
                    self._seen.add((self.tables, text))
                    self.headers.append(text)
                self._th = None

    def handle_data(self, data):
        if self._th is not None and not self._skip:
            self._th.append(data)
        if self._h is not None and not self._skip:
            self._h.append(data)


def _parse(html: str) -> _HeaderParser:
    parser = _HeaderParser()
    parser.feed(html)
    parser.close()
    return parser


def html_headers(html: str) -> list[str]:
    """Texts of the table header cells (``<th>``) a printout shows, in page order.

    A text is listed once per table that has it (two tables headed "Details" give it
    twice), so that :func:`missing_headers` notices when one of them is cut off.
    """
    return _parse(html).headers


# --------------------------------------------------------------------------- check

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def _squeeze(text: str) -> str:
    """Text without any whitespace or soft hyphen (so line wrapping does not matter)."""
    return "".join(text.translate(_INVISIBLE).split())


#: Where a browser may wrap a header: at spaces and after a hyphen or dash ("Top-|Box").
_LINE_BREAKS = re.compile(r"\s+|(?<=[-\u2010\u2013/])")


def missing_headers(headers: list[str], pdf_txt: str) -> list[str]:
    """Headers not found (often enough) in the PDF text, distinct and in order.

    A header listed k times (once per table, see :func:`html_headers`) must occur at
    least k times in the PDF text, ignoring whitespace -- or, for a header wrapped over
    several lines of a table head, each of its words (or parts of a hyphenated word)
    must occur k times. A repeated
    table head on a further page only adds occurrences. Headers of one or two characters
    ("n", "%") are found almost anywhere, so the check is only as sharp as the headers.
    """
    squeezed = _squeeze(pdf_txt)
    needed: dict[str, int] = {}
    for header in headers:
        needed[header] = needed.get(header, 0) + 1
    missing: list[str] = []
    for header, k in needed.items():
        if squeezed.count(_squeeze(header)) >= k:
            continue
        parts = [p for p in map(_squeeze, _LINE_BREAKS.split(header)) if p]
        if len(parts) > 1 and all(squeezed.count(p) >= k for p in parts):
            continue
        missing.append(header)
    return missing


def english_words(pdf_txt: str, words: tuple[str, ...] = ENGLISH_WORDS) -> dict[str, int]:
    """How often each of ``words`` occurs (case-insensitive, whole words) in the text."""
    flat = " ".join(pdf_txt.split())
    counts = {}
    for word in words:
        pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, word.split())) + r"(?!\w)"
        n = len(re.findall(pattern, flat, flags=re.IGNORECASE))
        if n:
            counts[word] = n
    return counts


# --------------------------------------------------------------------------- printing


def print_pdf(html_path: Path, pdf_path: Path, chromium: str | None = None,
              timeout: float = 180) -> Path:
    """Print ``html_path`` to ``pdf_path`` with headless Chromium (paper size from @page)."""
    chromium = chromium or find_tools()["chromium"]
    html_path = Path(html_path).resolve()
    pdf_path = Path(pdf_path).resolve()
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    pdf_path.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="print-reports-") as profile:
        cmd = [
            chromium, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
            f"--user-data-dir={profile}", "--no-pdf-header-footer",
            f"--print-to-pdf={pdf_path}", html_path.as_uri(),
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if not pdf_path.is_file() or pdf_path.stat().st_size == 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:]
        raise RuntimeError(f"chromium wrote no PDF (exit {proc.returncode}): {' '.join(tail)}")
    return pdf_path


def pdf_text(pdf_path: Path, pdftotext: str = "pdftotext") -> str:
    """The PDF's text laid out as on the page (``pdftotext -layout``); pages end with \\f."""
    proc = subprocess.run([pdftotext, "-layout", "-enc", "UTF-8", str(pdf_path), "-"],
                          capture_output=True, check=True)
    return proc.stdout.decode("utf-8", errors="replace")


def page_count(pdf_txt: str) -> int:
    """Pages of a PDF from its pdftotext output (each page ends with a form feed)."""
    return pdf_txt.count("\f")


_PAGE_OF = re.compile(r"(?:Seite|Page)\s+(\d+)\s+(?:von|of)\s+(\d+)")


def unnumbered_pages(pdf_txt: str) -> list[int]:
    """The pages (1-based) whose text lacks their own "Seite N von M" / "Page N of M"
    with the right N and M.

    >>> unnumbered_pages("a Seite 1 von 2\fb\f")
    [2]
    """
    pages = pdf_txt.split("\f")
    if pages and not pages[-1].strip():
        pages = pages[:-1]
    total = len(pages)
    return [i for i, page in enumerate(pages, start=1)
            if (str(i), str(total)) not in set(_PAGE_OF.findall(page))]


def stranded_headings(headings: list[str], pdf_txt: str) -> list[tuple[int, str]]:
    """(page, heading) for each page whose last lines of text (above its page number) are
    a section heading: a heading printed at the foot of a page, its content on the next.

    >>> stranded_headings(["2.1 Alter"], "text\\n2.1 Alter\\n   Seite 1 von 2\\f"
    ...                   "2.1 Alter\\nTabelle\\n   Seite 2 von 2\\f")
    [(1, '2.1 Alter')]
    """
    wanted = sorted({_squeeze(h) for h in headings if len(_squeeze(h)) > 3}, key=len,
                    reverse=True)
    originals = {_squeeze(h): h for h in headings}
    pages = [p for p in pdf_txt.split("\f") if p.strip()]
    found = []
    for number, page in enumerate(pages[:-1], start=1):
        lines = [ln for ln in page.splitlines() if ln.strip() and not _PAGE_OF.search(ln)]
        hit = None
        # the heading alone, or with one short line after it (a base, an intro sentence)
        for k in range(1, 5):
            tail = _squeeze("".join(lines[-k:]))
            hit = next((h for h in wanted if tail.startswith(h)
                        and len(tail) - len(h) <= _SHORT
                        # a figure's or table's caption: its content is on this page
                        and not _FIGURE.search(tail[len(h):])), None)
            if hit:
                break
        if hit and not _in_contents(lines, hit, wanted):
            found.append((number, originals[hit]))
    return found


def _in_contents(lines: list[str], heading: str, wanted: list[str]) -> bool:
    """Whether the heading at a page's foot is an entry of the table of contents: the
    contents' title ("Inhalt") is above it on the page, or (contents going on over the
    page) the line before it is another heading's text."""
    squeezed = [_squeeze(x) for x in lines]
    at = max((i for i, x in enumerate(squeezed) if x.startswith(heading)), default=None)
    if at is None:
        return False
    return (any(x in _CONTENTS for x in squeezed[:at])
            or (at > 0 and squeezed[at - 1] in set(wanted)))


_CONTENTS = {"Inhalt", "Contents"}


#: characters (without spaces) of what may follow a heading at a page's foot and still
#: leave it stranded: a line such as "Basis: 200 von 200 Befragten", or the start of a
#: section's introduction (about two lines)
_SHORT = 200
_FIGURE = re.compile(r"(Abbildung|Figure|Tabelle|Table)\d+:")  # content began below it


def render_pages(pdf_path: Path, out_dir: Path, pages: int, dpi: int,
                 pdftoppm: str = "pdftoppm") -> list[Path]:
    """The first ``pages`` pages as PNG files ``out_dir/page-K.png``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("page-*.png"):
        old.unlink()
    subprocess.run([pdftoppm, "-png", "-r", str(dpi), "-f", "1", "-l", str(pages),
                    str(pdf_path), str(out_dir / "page")], check=True, capture_output=True)

    def number(p: Path) -> int:
        return int(p.stem.rsplit("-", 1)[1])

    return sorted(out_dir.glob("page-*.png"), key=number)


def contact_sheet(images: list[Path], out_png: Path, title: str, columns: int = 3) -> Path:
    """The page images side by side, labelled, on one PNG."""
    from PIL import Image, ImageDraw, ImageFont

    pages = [Image.open(p).convert("RGB") for p in images]
    if not pages:
        raise ValueError("no page images")
    w = max(p.width for p in pages)
    h = max(p.height for p in pages)
    gap, head, label = 12, 28, 16
    columns = max(1, min(columns, len(pages)))
    rows = -(-len(pages) // columns)
    sheet = Image.new("RGB", (gap + columns * (w + gap), head + rows * (h + label + gap)),
                      "#9a9a9a")
    draw = ImageDraw.Draw(sheet)
    try:
        font = ImageFont.load_default(size=14)
    except TypeError:  # Pillow < 10.1
        font = ImageFont.load_default()
    draw.text((gap, 6), title, fill="black", font=font)
    for i, page in enumerate(pages):
        x = gap + (i % columns) * (w + gap)
        y = head + (i // columns) * (h + label + gap)
        draw.text((x, y), f"Seite {i + 1}", fill="black", font=font)
        sheet.paste(page, (x, y + label))
        draw.rectangle((x - 1, y + label - 1, x + page.width, y + label + page.height),
                       outline="#333333")
    out_png.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(out_png, optimize=True)
    return out_png


# --------------------------------------------------------------------------- per report


@dataclass
class Result:
    """What printing one report found."""

    report: str
    pages: int = 0
    tables: int = 0
    headers: int = 0
    missing: list[str] = field(default_factory=list)
    unnumbered: list[int] = field(default_factory=list)
    stranded: list[tuple[int, str]] = field(default_factory=list)
    english: dict[str, int] = field(default_factory=dict)
    sheet: Path | None = None
    error: str | None = None

    def line(self) -> str:
        if self.error:
            return f"{self.report}: ERROR {self.error}"
        text = (f"{self.report}: {self.pages} pages, {self.tables} tables, "
                f"{len(self.missing)} of {self.headers} headers missing")
        if self.missing:
            shown = ", ".join(repr(m) for m in self.missing[:8])
            more = f" (+{len(self.missing) - 8})" if len(self.missing) > 8 else ""
            text += f" [CLIPPED? {shown}{more}]"
        if self.unnumbered:
            text += f" [NO PAGE NUMBER on page(s) {', '.join(map(str, self.unnumbered[:8]))}]"
        if self.stranded:
            text += " [HEADING AT PAGE FOOT: " + ", ".join(
                f"p. {p} {h!r}" for p, h in self.stranded[:5]) + "]"
        if self.english:
            text += " | warning: English words " + ", ".join(
                f"{w!r} x{n}" for w, n in self.english.items())
        if self.sheet:
            text += f" -> {self.sheet}"
        return text


def check_report(html_path: Path, pdf_path: Path, pdftotext: str = "pdftotext") -> Result:
    """Compare the header cells of ``html_path`` with the text of its printout."""
    parsed = _parse(html_path.read_text(encoding="utf-8", errors="replace"))
    txt = pdf_text(pdf_path, pdftotext)
    result = Result(report=str(html_path), pages=page_count(txt), tables=parsed.tables,
                    headers=len(parsed.headers), missing=missing_headers(parsed.headers, txt),
                    unnumbered=unnumbered_pages(txt),
                    stranded=stranded_headings(parsed.headings, txt))
    if parsed.lang.startswith("de"):
        result.english = english_words(txt)
    return result


def report_pages(reports_dir: Path) -> list[Path]:
    """The report pages under ``reports_dir``, sorted: every *.html but index.html and
    hidden files (``.NAME.running.html`` is a page the batch is still writing)."""
    return sorted(p for p in reports_dir.rglob("*.html")
                  if p.name != "index.html" and not p.name.startswith(".") and p.is_file())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Print the HTML reports to A4 PDF with headless Chromium, make contact "
                    "sheets and check that no table column is clipped.")
    ap.add_argument("reports_dir", nargs="?", default="reports", type=Path,
                    help="folder with the report pages (default: ./reports)")
    ap.add_argument("--out", type=Path, default=Path("build/print"),
                    help="output folder (default: ./build/print)")
    ap.add_argument("--pages", type=int, default=6,
                    help="pages per contact sheet (default: 6)")
    ap.add_argument("--dpi", type=int, default=60, help="page image resolution (default: 60)")
    args = ap.parse_args(argv)

    try:
        tools = find_tools()
    except MissingToolError as exc:
        print(f"print_reports: {exc}", file=sys.stderr)
        return 2
    if not args.reports_dir.is_dir():
        print(f"print_reports: no folder {args.reports_dir} (run `survey batch` first)",
              file=sys.stderr)
        return 1
    pages = report_pages(args.reports_dir)
    if not pages:
        print(f"print_reports: no report pages (*.html) under {args.reports_dir}",
              file=sys.stderr)
        return 1

    results: list[Result] = []
    for html_path in pages:
        rel = html_path.relative_to(args.reports_dir)
        base = args.out / rel.with_suffix("")
        try:
            pdf = print_pdf(html_path, base.with_suffix(".pdf"), tools["chromium"])
            result = check_report(html_path, pdf, tools["pdftotext"])
            result.report = str(rel)
            if args.pages > 0:
                images = render_pages(pdf, base.parent / f"{base.name}-pages", args.pages,
                                      args.dpi, tools["pdftoppm"])
                try:
                    result.sheet = contact_sheet(
                        images, base.with_suffix(".png"),
                        f"{rel} - {result.pages} Seiten (erste {len(images)})")
                except ImportError:  # Pillow: in the project's .venv (via matplotlib)
                    result.sheet = images[0].parent if images else None
        except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
            result = Result(report=str(rel), error=str(exc).strip() or type(exc).__name__)
        results.append(result)
        print(result.line(), flush=True)

    failed = [r for r in results if r.error or r.missing or r.unnumbered or r.stranded]
    total = sum(r.pages for r in results)
    summary = args.out / "summary.txt"
    summary.parent.mkdir(parents=True, exist_ok=True)
    summary.write_text("".join(r.line() + "\n" for r in results) + (
        f"{len(results)} reports, {total} pages, "
        f"{sum(1 for r in results if r.missing)} with missing headers, "
        f"{sum(1 for r in results if r.error)} not printed\n"), encoding="utf-8")
    status = "FAILED" if failed else "ok"
    print(f"{status}: {len(results)} reports, {total} pages, "
          f"{sum(len(r.missing) for r in results)} headers missing -> {summary}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
