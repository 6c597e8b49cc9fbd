"""The report layer: German number formats, small-cell suppression, tables and HTML.

Results stay numeric at full precision everywhere else; only this module rounds,
writes decimal commas, suppresses small cells and turns executed notebooks into
self-contained HTML pages (no code, no prompts, images embedded, no external URL).

Examples
--------
>>> fmt_num(1234.5)
'1.234,5'
>>> fmt_pct(12.345)
'12,3 %'
>>> fmt_p(0.0004)
'< 0,001'
"""

from __future__ import annotations

import html
import io
import json
import logging
import math
import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import fileio
from .codebook import Codebook
from .messages import labels

__all__ = [
    "TEMPLATE_DIR",
    "KIND_LABELS",
    "fmt_num",
    "fmt_int",
    "fmt_pct",
    "fmt_p",
    "is_missing",
    "suppress_small",
    "write_table",
    "missingness_table",
    "missingness_by_reason",
    "cleaning_log_table",
    "missingness_figure",
    "figure_image",
    "RULE_LABELS",
    "provenance_table",
    "missingness_display",
    "reasons_display",
    "log_display",
    "table_view",
    "render_html",
    "build_index",
    "plain_error",
]

logger = logging.getLogger(__name__)

#: Folder holding the workbench's nbconvert template (``survey_html``).
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"

#: German labels of the ``kind`` column of ``missing.parquet``, in report order.
KIND_LABELS: dict[str, str] = {
    kind: labels("kind", "de")[kind]
    for kind in ("dont_know", "no_answer", "system", "not_asked", "invalid")}

_MISSING_TEXT = "–"


# --------------------------------------------------------------------------- numbers


def is_missing(x: Any) -> bool:
    """True for None, NA, NaT and NaN: a value a report shows as missing.

    >>> is_missing(float("nan")), is_missing(pd.NA), is_missing(0), is_missing("< 5")
    (True, True, False, False)
    """
    if x is None or x is pd.NA or x is pd.NaT:
        return True
    try:
        return bool(math.isnan(x))
    except (TypeError, ValueError):
        return False


def fmt_num(x: float | None, digits: int = 1) -> str:
    """Format a number the German way: ``.`` groups thousands, ``,`` is the decimal mark.

    Parameters
    ----------
    x : float or None
        The number; ``None``/NaN/NA give an en dash.
    digits : int, default 1
        Decimal places.

    Returns
    -------
    str

    Examples
    --------
    >>> fmt_num(1234.5)
    '1.234,5'
    >>> fmt_num(-0.25, digits=2)
    '-0,25'
    >>> fmt_num(3, digits=0)
    '3'
    >>> fmt_num(float("nan"))
    '–'
    """
    if is_missing(x):
        return _MISSING_TEXT
    if digits < 0:
        raise ValueError(f"digits must be >= 0, got {digits}")
    text = f"{float(x):,.{digits}f}"
    if text.startswith("-") and float(text.replace(",", "")) == 0:
        text = text[1:]  # no "-0,0"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def fmt_int(x: float | None) -> str:
    """Format a count with German thousands separators (``12.345``).

    Examples
    --------
    >>> fmt_int(12345)
    '12.345'
    """
    return fmt_num(x, digits=0)


def fmt_pct(x: float | None, digits: int = 1) -> str:
    """Format a percentage (a value on the 0–100 scale) as ``"12,3 %"``.

    Examples
    --------
    >>> fmt_pct(50)
    '50,0 %'
    >>> fmt_pct(None)
    '–'
    """
    if is_missing(x):
        return _MISSING_TEXT
    return f"{fmt_num(x, digits)} %"


def fmt_p(p: float | None, digits: int = 3) -> str:
    """Format a p-value: ``digits`` decimals, below ``10**-digits`` as ``"< 0,001"``.

    Examples
    --------
    >>> fmt_p(0.0234)
    '0,023'
    >>> fmt_p(0.00049)
    '< 0,001'
    >>> fmt_p(1.0)
    '1,000'
    """
    if is_missing(p):
        return _MISSING_TEXT
    threshold = 10.0**-digits
    if p < threshold:
        return f"< {fmt_num(threshold, digits)}"
    return fmt_num(p, digits)


# --------------------------------------------------------------------------- tables


def suppress_small(
    frame: pd.DataFrame,
    count_columns: Sequence[str],
    min_cell: int = 5,
    *,
    percent_columns: Sequence[str] | Mapping[str, str] = (),
    marker: str | None = None,
    percent_marker: str = ".",
) -> pd.DataFrame:
    """Hide small counts (1 … ``min_cell`` − 1) before a table is shared.

    Counts of 0 are kept (an empty cell discloses nothing about a person), as are
    missing counts. Percentages computed from a suppressed count would reveal it, so
    they are hidden too.

    Parameters
    ----------
    frame : DataFrame
        The table; it is not modified.
    count_columns : sequence of str
        Columns holding counts.
    min_cell : int, default 5
        Smallest count that may be shown (SPEC §6 notebook parameter ``min_cell``).
    percent_columns : sequence of str or mapping, optional
        Percentages derived from the counts. A mapping ``{percent_column: count_column}``
        hides a percentage when its own count is suppressed; a sequence hides them when
        any count of the row is suppressed.
    marker : str, optional
        Replacement for a count, default ``"< {min_cell}"``.
    percent_marker : str, default "."
        Replacement for a percentage (official statistics' sign for "secret").

    Returns
    -------
    DataFrame
        A copy; affected columns become ``object`` columns mixing numbers and markers.

    Examples
    --------
    >>> t = pd.DataFrame({"group": ["a", "b", "c"], "n": [0, 3, 12], "percent": [0.0, 20.0, 80.0]})
    >>> suppress_small(t, ["n"], 5, percent_columns=["percent"])
      group    n percent
    0     a    0     0.0
    1     b  < 5       .
    2     c   12    80.0
    """
    if min_cell < 1:
        raise ValueError(f"min_cell must be a positive integer, got {min_cell!r}")
    names = list(count_columns)
    pct_map: dict[str, str | None]
    if isinstance(percent_columns, Mapping):
        pct_map = dict(percent_columns)
        names_needed = set(pct_map) | set(pct_map.values())
    else:
        pct_map = {c: None for c in percent_columns}
        names_needed = set(pct_map)
    unknown = sorted((set(names) | names_needed) - set(frame.columns))
    if unknown:
        raise KeyError(
            f"suppress_small: no column(s) {', '.join(unknown)} "
            f"(columns: {', '.join(map(str, frame.columns))})"
        )
    marker = marker if marker is not None else f"< {min_cell}"
    out = frame.copy()
    small: dict[str, pd.Series] = {}
    for col in names:
        values = pd.to_numeric(frame[col], errors="coerce")
        small[col] = (values > 0) & (values < min_cell)
    any_small = pd.Series(False, index=frame.index)
    for mask in small.values():
        any_small |= mask.fillna(False).astype(bool)
    for col in names:
        mask = small[col].fillna(False).astype(bool)
        out[col] = out[col].astype(object)
        out.loc[mask, col] = marker
    for pcol, source in pct_map.items():
        if source is None:
            mask = any_small
        elif source in small:
            mask = small[source].fillna(False).astype(bool)
        else:
            values = pd.to_numeric(frame[source], errors="coerce")
            mask = ((values > 0) & (values < min_cell)).fillna(False).astype(bool)
        out[pcol] = out[pcol].astype(object)
        out.loc[mask, pcol] = percent_marker
    return out


def write_table(frame: pd.DataFrame, tables_dir: str | Path, name: str) -> Path:
    """Write a result table as UTF-8 CSV at full precision, atomically.

    Parameters
    ----------
    frame : DataFrame
        The numeric result table (no rounding, no suppression markers wanted here).
    tables_dir : str or Path
        Usually ``<out_dir>/<wave>/tables``; created when missing.
    name : str
        File name; ``.csv`` is appended when absent. Must not contain a path separator.

    Returns
    -------
    Path
        The file written.
    """
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise ValueError(f"write_table: invalid table name {name!r}")
    if not name.endswith(".csv"):
        name += ".csv"
    target = Path(tables_dir) / name
    fileio.write_csv(target, frame)
    logger.debug("wrote table %s", target)
    return target


def _by_variable(missing: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """``missing`` with option and code columns folded into their codebook variable."""
    owner = codebook.column_owners()
    return missing.assign(variable=missing["variable"].map(lambda v: owner.get(v, v)))


def missingness_table(missing: pd.DataFrame, codebook: Codebook, n: int) -> pd.DataFrame:
    """Count missing values per codebook variable and kind.

    Parameters
    ----------
    missing : DataFrame
        Long table of ``missing.parquet``: ``respondent, variable, code, reason, kind``.
        A respondent counts once per variable and kind (a multi variable's columns are
        folded into their variable).
    codebook : Codebook
        Supplies the variables (in codebook order), labels, sections and types.
    n : int
        Number of respondents in the clean data.

    Returns
    -------
    DataFrame
        One row per codebook variable (except the respondent id), columns
        ``variable, label, section, type, n``, one count column per kind
        (``dont_know, no_answer, system, not_asked, invalid``),
        ``n_base`` (= ``n`` − ``not_asked``: who was asked), ``n_missing`` (missing among
        those asked) and ``pct_missing`` (``100 * n_missing / n_base``; NaN when nobody
        was asked).
    """
    kinds = list(KIND_LABELS)
    if len(missing):
        m = _by_variable(missing, codebook).drop_duplicates(["respondent", "variable", "kind"])
        counts = m.groupby(["variable", "kind"]).size().unstack("kind", fill_value=0)
    else:
        counts = pd.DataFrame()
    rows = []
    for name, var in codebook.variables.items():  # the id is never a codebook variable
        row: dict[str, Any] = {
            "variable": name,
            "label": var.label,
            "section": var.section,
            "type": var.type,
            "n": int(n),
        }
        for kind in kinds:
            value = 0
            if name in counts.index and kind in counts.columns:
                value = int(counts.loc[name, kind])
            row[kind] = value
        rows.append(row)
    table = pd.DataFrame(
        rows, columns=["variable", "label", "section", "type", "n", *kinds]
    )
    table["n_base"] = table["n"] - table["not_asked"]
    table["n_missing"] = table[["dont_know", "no_answer", "system", "invalid"]].sum(axis=1)
    base = table["n_base"].where(table["n_base"] > 0)
    table["pct_missing"] = 100.0 * table["n_missing"] / base
    return table


def missingness_by_reason(missing: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Count missing values per variable, kind and missing code (reason).

    Returns
    -------
    DataFrame
        ``variable, label, kind, kind_label, code, reason, n`` sorted by codebook order,
        kind order and code; no respondent column.
    """
    order = {name: i for i, name in enumerate(codebook.variables)}
    columns = ["variable", "label", "kind", "kind_label", "code", "reason", "n"]
    if not len(missing):
        return pd.DataFrame(columns=columns)
    m = _by_variable(missing, codebook).drop_duplicates(
        ["respondent", "variable", "kind", "code"])
    m = m.assign(code=m["code"].astype(object), reason=m["reason"].astype(object))
    grouped = (
        m.groupby(["variable", "kind", "code", "reason"], dropna=False)
        .size()
        .rename("n")
        .reset_index()
    )
    kind_order = {k: i for i, k in enumerate(KIND_LABELS)}
    grouped["_v"] = grouped["variable"].map(lambda v: order.get(v, len(order)))
    grouped["_k"] = grouped["kind"].map(lambda k: kind_order.get(k, len(kind_order)))
    grouped = grouped.sort_values(["_v", "variable", "_k", "code"], na_position="last")
    labels = {name: v.label for name, v in codebook.variables.items()}
    grouped["label"] = grouped["variable"].map(lambda v: labels.get(v, v))
    grouped["kind_label"] = grouped["kind"].map(lambda k: KIND_LABELS.get(k, k))
    return grouped[columns].reset_index(drop=True)


def cleaning_log_table(log: pd.DataFrame) -> pd.DataFrame:
    """The cleaning log as a report shows it: without the ``rows`` column.

    ``rows`` lists raw-file rows for the analyst; a shared report leaves it out.
    """
    return log.drop(columns=[c for c in ("rows",) if c in log.columns]).reset_index(drop=True)


def _shorten(text: str, width: int) -> str:
    """Shorten ``text`` to ``width`` characters by cutting out its middle.

    >>> _shorten("Gibt es viele Personen, die Ihnen helfen?", 24)
    'Gibt es…e Ihnen helfen?'
    """
    if len(text) <= width:
        return text
    head = width // 3
    tail = width - head - 1
    return text[:head].rstrip() + "…" + text[-tail:].lstrip()


def missingness_figure(
    table: pd.DataFrame,
    *,
    top: int = 30,
    title: str = "Fehlende Werte je Variable",
    max_label: int = 60,
) -> Any:
    """Stacked horizontal bars of ``pct_missing`` by reason, for the variables with the
    most gaps ("weiß nicht", "keine Angabe", blank and invalid values kept apart).

    Parameters
    ----------
    table : DataFrame
        Output of :func:`missingness_table`.
    top : int, default 30
        Show at most this many variables (those with the highest share; 0 % left out).
    title : str
        Figure title.
    max_label : int
        Longer labels are shortened in the middle (items of one battery often share
        their beginning and differ at the end).

    Returns
    -------
    matplotlib.figure.Figure
        A figure not registered with pyplot (display it explicitly), so nothing global
        changes.
    """
    from matplotlib.figure import Figure

    data = table[table["pct_missing"] > 0].sort_values("pct_missing", ascending=False)
    data = data.head(top).iloc[::-1]
    labels = [_shorten(lbl, max_label) for lbl in data["label"].astype(str)]
    height = max(2.0, 0.28 * len(data) + 1.2)
    fig = Figure(figsize=(7.5, height), layout="constrained")
    ax = fig.add_subplot()
    if len(data):
        # colour-blind safe (Okabe-Ito); one segment per reason, shares of those asked
        colours = {"dont_know": "#0072B2", "no_answer": "#E69F00", "system": "#999999",
                   "invalid": "#D55E00"}
        left = np.zeros(len(data))
        for kind, colour in colours.items():
            share = 100.0 * data[kind].to_numpy(dtype=float) / data["n_base"].to_numpy(float)
            if share.any():
                ax.barh(range(len(data)), share, left=left, color=colour,
                        label=KIND_LABELS[kind])
            left += share
        ax.legend(loc="lower right", fontsize=8, frameon=False)
        ax.set_yticks(range(len(data)), labels, fontsize=8)
        upper = float(data["pct_missing"].max())
        ax.set_xlim(0, max(5.0, min(100.0, upper * 1.15 + 1)))
    else:
        ax.set_yticks([])
        ax.text(0.5, 0.5, "Keine fehlenden Werte", ha="center", va="center",
                transform=ax.transAxes)
    ax.set_xlabel("fehlend unter den Gefragten (%)")
    ax.xaxis.set_major_formatter(lambda v, _pos: fmt_num(v, 0))
    ax.set_title(title)
    ax.grid(axis="x", alpha=0.3)
    return fig


def figure_image(fig: Any, *, dpi: int = 120) -> Any:
    """PNG of a matplotlib figure as an IPython ``Image``, for ``display()`` in notebooks.

    Works for figures made without pyplot (which IPython cannot display by itself) and
    leaves no figure open.
    """
    from IPython.display import Image

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return Image(data=buffer.getvalue(), format="png")


#: German wording of the cleaning rules (``cleaning_log.csv``'s ``rule`` column).
RULE_LABELS: dict[str, str] = {
    "raw_file": "Rohdatei",
    "rename": "Umbenennung",
    "extra_column": "Spalte nicht im Codebuch",
    "system_missing": "leere Zelle",
    "user_missing": "Fehlwert-Code",
    "decimal_comma": "Dezimalkomma gelesen",
    "out_of_range": "außerhalb des Wertebereichs",
    "filter_violation": "Filterverstoß",
    "not_asked": "nicht gefragt (Filter)",
    "max_choices": "zu viele Nennungen",
    "reverse": "umgepolt",
    "derived": "abgeleitete Variable",
    "scale_score": "Skalenwert",
    "scale_missing": "Skalenwert fehlt",
}


def provenance_table(provenance: Mapping[str, Any], n: int) -> pd.DataFrame:
    """Facts about the data file for a report: N, rows, short hash, when cleaned.

    Parameters
    ----------
    provenance : mapping
        ``provenance.json`` of the processed wave.
    n : int
        Respondents in the clean data.

    Returns
    -------
    DataFrame
        Columns ``Angabe, Wert`` (strings). Only the raw file's name is shown, not its path.

    Examples
    --------
    >>> provenance_table({"raw": "/x/responses.csv", "raw_sha256": "ab" * 32,
    ...                   "n_rows": 1200}, 1200)["Wert"].tolist()[:3]
    ['1.200', 'responses.csv', '1.200']
    """
    sha = provenance.get("raw_sha256")
    rows = [
        ("Befragte (N)", fmt_int(n)),
        ("Rohdatei", Path(str(provenance.get("raw", ""))).name or "–"),
        ("Zeilen in der Rohdatei", fmt_int(provenance.get("n_rows"))),
        ("SHA-256 der Rohdatei (Anfang)", f"{sha[:12]}…" if sha else "–"),
        ("Bereinigt am", str(provenance.get("cleaned_at") or "–")),
        ("survey-Version", str(provenance.get("survey_version") or "–")),
    ]
    return pd.DataFrame(rows, columns=["Angabe", "Wert"])


def missingness_display(table: pd.DataFrame, *, only_missing: bool = True) -> pd.DataFrame:
    """German, formatted view of :func:`missingness_table` for a report.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`missingness_table`.
    only_missing : bool, default True
        Leave out variables without any missing or not-asked value.
    """
    t = table
    if only_missing:
        t = t[(t["n_missing"] > 0) | (t["not_asked"] > 0)]
    out = pd.DataFrame({"Variable": t["label"].astype(str)})
    out["Gefragt"] = t["n_base"].map(fmt_int)
    for kind, label in KIND_LABELS.items():
        out[label] = t[kind].map(fmt_int)
    out["fehlend"] = t["pct_missing"].map(fmt_pct)
    return out.reset_index(drop=True)


def reasons_display(table: pd.DataFrame) -> pd.DataFrame:
    """German, formatted view of :func:`missingness_by_reason` for a report."""
    code = table["code"].map(lambda c: "–" if is_missing(c) else fmt_num(c, 0))
    return pd.DataFrame({
        "Variable": table["label"].astype(str),
        "Art": table["kind_label"].astype(str),
        "Code": code,
        "Grund": table["reason"].map(lambda r: "–" if is_missing(r) else str(r)),
        "Anzahl": table["n"].map(fmt_int),
    }).reset_index(drop=True)


def log_display(log: pd.DataFrame, rules: Sequence[str] | None = None) -> pd.DataFrame:
    """German view of the cleaning log (without ``rows``), optionally only some rules."""
    t = cleaning_log_table(log)
    if rules is not None:
        t = t[t["rule"].isin(list(rules))]
    return pd.DataFrame({
        "Regel": t["rule"].map(lambda r: RULE_LABELS.get(r, r)),
        "Variable": t["variable"].astype(str),
        "Betroffen": pd.to_numeric(t["n_affected"], errors="coerce").map(fmt_int),
        "Details": t["detail"].fillna("").astype(str),
    }).reset_index(drop=True)


_NUMBER_TEXT = re.compile(r"^[\s<>≤≥=+\-−–.,%\d]*\d[\s<>≤≥=+\-−–.,%\d]*$|^[–.]$")


def table_view(frame: pd.DataFrame) -> Any:
    """A pandas Styler of ``frame`` without the index, for display in a report: columns
    whose cells are all numbers (as formatted: ``"1.234"``, ``"12,5 %"``, ``"< 5"``, ``"–"``)
    right-aligned, the others left-aligned, header cells like their column, long text
    wrapping.

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
    return frame.style.hide(axis="index").set_table_styles(styles)


# --------------------------------------------------------------------------- HTML


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


def render_html(
    ipynb_path: str | Path, html_path: str | Path, *, title: str | None = None
) -> Path:
    """Render an executed notebook as a self-contained HTML report.

    Code cells' inputs and all prompts are left out, stderr output (warnings) is
    dropped, images are embedded as data URIs and no script or style sheet is loaded
    from an external URL (the workbench's ``survey_html`` template empties the
    blocks of nbconvert's lab template that load require.js, MathJax, mermaid and
    the widget manager from a CDN). Cells tagged ``remove_cell`` are left out.

    Parameters
    ----------
    ipynb_path : str or Path
        The executed notebook.
    html_path : str or Path
        Where to write the page (atomically).
    title : str, optional
        Page title; default the notebook's metadata title or file name.

    Returns
    -------
    Path
        ``html_path``.
    """
    import nbformat
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    ipynb_path = Path(ipynb_path)
    nb = nbformat.read(ipynb_path, as_version=4)
    if title:
        nb.metadata["title"] = title
    _drop_stderr(nb)

    config = Config()  # configures the exporter's own TagRemovePreprocessor
    config.TagRemovePreprocessor.remove_cell_tags = {"remove_cell"}
    config.TagRemovePreprocessor.enabled = True
    exporter = HTMLExporter(
        config=config,
        template_name="survey_html",
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
        language_code="de",
    )
    resources = {"metadata": {"name": ipynb_path.stem}}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    out = fileio.write_text(html_path, body)
    logger.debug("rendered %s -> %s", ipynb_path, out)
    return out


# --------------------------------------------------------------------------- index page

_INDEX_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto;
       max-width: 64rem; padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem;
     border-bottom: 1px solid #ccc; padding-bottom: .2rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #e3e3e3;
         vertical-align: top; }
th { background: #f4f4f4; }
.ok { color: #1a7f37; font-weight: 600; } .failed { color: #b3261e; font-weight: 600; }
details { font-size: .85rem; } details pre { white-space: pre-wrap; background: #f7f7f7;
          padding: .5rem; }
.meta { color: #555; font-size: .9rem; }
"""


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


_ABSOLUTE_PATH = re.compile(r"(?:[A-Za-z]:)?[\\/](?:[^\s,;:'\"\\/]+[\\/])+([^\s,;:'\"\\/]+)")


def plain_error(error: str) -> str:
    """An error as the index shows it: file names instead of absolute paths.

    >>> plain_error("wave not run: /home/eva/study/data/raw/w1/raw.csv, row 3: 'x' is bad")
    "wave not run: raw.csv, row 3: 'x' is bad"
    """
    return _ABSOLUTE_PATH.sub(lambda m: m.group(1), error)


def _record_html(rec: dict[str, Any], out_dir: Path) -> str:
    wave_dir = rec["_dir"]
    name = str(rec.get("notebook"))
    status = "ok" if rec.get("status") == "ok" else "failed"
    status_text = "ok" if status == "ok" else "fehlgeschlagen"
    html_file = out_dir / wave_dir / f"{name}.html"
    if status == "ok" and html_file.exists():
        link = f'<a href="{_e(f"{wave_dir}/{name}.html")}">{_e(name)}</a>'
    else:
        link = _e(name)
    duration = rec.get("duration_s")
    duration_text = f"{fmt_num(duration, 1)} s" if isinstance(duration, int | float) else "–"
    error = rec.get("error")
    detail_rows = [
        ("Gestartet", rec.get("started_at")),
        ("Dauer", duration_text),
        ("Workbench-Commit", f"{rec.get('git_commit', 'unknown')}"
         + (" (mit lokalen Änderungen)" if rec.get("git_dirty") else "")),
        ("Rohdaten SHA-256", rec.get("raw_sha256")),
        ("Teilnotebook", Path(str(rec.get("partial_notebook"))).name
         if status != "ok" and rec.get("partial_notebook") else None),
    ]
    details = "".join(
        f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in detail_rows if v
    )
    params = json.dumps(rec.get("parameters", {}), indent=1, ensure_ascii=False, default=str)
    versions = ", ".join(f"{k} {v}" for k, v in (rec.get("versions") or {}).items())
    return (
        "<tr>"
        f"<td>{link}</td>"
        f'<td class="{status}">{status_text}</td>'
        f"<td>{_e(rec.get('started_at', ''))}</td>"
        f"<td>{_e(duration_text)}</td>"
        f"<td>{_e(plain_error(error)) if error else ''}"
        f"<details><summary>Provenienz</summary><table>{details}</table>"
        f"<p>Parameter:</p><pre>{_e(params)}</pre>"
        f"<p>Versionen: {_e(versions)}</p></details></td>"
        "</tr>"
    )


def build_index(out_dir: str | Path, *, title: str = "Berichte") -> Path:
    """Write ``out_dir/index.html``: every wave and notebook with status and provenance.

    Reads the run records ``out_dir/<wave>/<notebook>.json`` that :mod:`survey.batch`
    writes beside each report. Links are relative, so the folder can be moved or
    zipped; the page has inline CSS only and no external URL. All text is escaped.

    Parameters
    ----------
    out_dir : str or Path
        The reports folder.
    title : str, default "Berichte"
        Page heading.

    Returns
    -------
    Path
        The index file.
    """
    out_dir = Path(out_dir)
    records = _read_records(out_dir) if out_dir.exists() else []
    by_wave: dict[str, list[dict[str, Any]]] = {}
    for rec in records:
        by_wave.setdefault(rec["_dir"], []).append(rec)
    n_failed = sum(rec.get("status") != "ok" for rec in records)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="de"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{_INDEX_CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="meta">Erstellt {_e(datetime.now().astimezone().isoformat(timespec="seconds"))}'
        f" · {len(by_wave)} Erhebung(en), {len(records)} Bericht(e)"
        + (f", davon {n_failed} fehlgeschlagen" if n_failed else "")
        + "</p>",
    ]
    if not records:
        parts.append("<p>Noch keine Berichte.</p>")
    for wave_dir in sorted(by_wave):
        recs = sorted(by_wave[wave_dir], key=lambda r: str(r.get("notebook")))
        wave_title = next((r.get("wave_title") for r in recs if r.get("wave_title")), None)
        heading = _e(wave_dir) + (f" – {_e(wave_title)}" if wave_title else "")
        tables = out_dir / wave_dir / "tables"
        parts.append(f"<h2>{heading}</h2>")
        parts.append(
            "<table><thead><tr><th>Bericht</th><th>Status</th><th>Gestartet</th>"
            "<th>Dauer</th><th>Fehler / Provenienz</th></tr></thead><tbody>"
        )
        parts.extend(_record_html(rec, out_dir) for rec in recs)
        parts.append("</tbody></table>")
        workbook = out_dir / wave_dir / "tabellen.xlsx"
        if workbook.is_file():
            parts.append(f'<p class="meta">Alle Tabellen als Excel-Arbeitsmappe: '
                         f'<a href="{_e(f"{wave_dir}/tabellen.xlsx")}">tabellen.xlsx</a></p>')
        if tables.is_dir():
            csvs = sorted(p.name for p in tables.glob("*.csv"))
            if csvs:
                links = ", ".join(
                    f'<a href="{_e(f"{wave_dir}/tables/{c}")}">{_e(c)}</a>' for c in csvs
                )
                parts.append(f'<p class="meta">Ergebnistabellen (CSV): {links}</p>')
    parts.append("</body></html>\n")
    target = fileio.write_text(out_dir / "index.html", "\n".join(parts))
    logger.debug("wrote index %s", target)
    return target

