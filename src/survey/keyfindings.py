"""Key findings ("Das Wichtigste in Kürze"): the few results a report leads with, picked by
rule from its published tables, never by hand.

Every rule reads the tables *as the report shows them* (after :meth:`survey.page.Page.publish`),
so a withheld value is missing here too and is never picked: a finding only repeats numbers
that its table shows. Each finding names the table it comes from (``ref``, the key the
notebook gave :meth:`survey.page.Page.show`), and the page links it to that table's number.

The rules (docs/results.md, "Key findings"):

- comparisons (:func:`comparisons`): first how many comparisons are significant after the
  correction for multiple testing, then those comparisons, smallest adjusted p first (ties:
  larger absolute effect first), at most ``limit``;
- descriptives (:func:`descriptives`): scales with low reliability (α below ``low_alpha``)
  first, then per section the items with the highest and lowest top-box share, then per
  multiple-response or coded question (codebook order) its most-named options, at most
  ``limit`` (3) questions, then the reliability range of the other scales;
- hypotheses (:func:`hypotheses`): per hypothesis, the outcomes for which it is confirmed and
  those for which it is not (or cannot be tested), in the register's order;
- session ratings (:func:`ratings`): forms and people, the mean total, the share below the
  cutoff, the trend over sessions;
- wave comparison (:func:`waves`): per section, how many items differ significantly after
  correction and in which direction, with the largest difference;
- programme monitoring (:func:`monitoring`): per indicator its share against its target
  and the verdict; per benefit the share of the entitled who use it;
- many projects (:func:`programme`): per indicator the projects outside the 99,8 % limits.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .disclosure import SUPPRESSED, SUPPRESSED_NEAR_TOTAL, SUPPRESSED_SMALL, withheld_columns
from .messages import text
from .numbers import format_alpha, format_number, format_percent, is_missing
from .statstext import _num, effect_text, p_text

__all__ = ["Finding", "comparisons", "descriptives", "hypotheses", "ratings", "waves",
           "monitoring", "programme", "findings_html", "summary_line"]

#: The rows of ``group_comparisons.csv`` that are a comparison of their own (not the Dunn
#: pairs or the two-way ANOVA terms of one).
_OWN_ROWS = ("dunn", "anova2")


@dataclass(frozen=True)
class Finding:
    """One key finding: a sentence in the report's language and the key of its table."""

    text: str
    ref: str | None = None


def _t(key: str, language: str, **params: Any) -> str:
    entry = text(f"findings.{key}", language)
    return entry.format(**params) if params else entry


def _quote(label: Any, language: str) -> str:
    return text("sentence.quote", language).format(label=str(label))


def _count(n: int, language: str) -> str:
    return format_number(n, "count", language)


def _share(pct: float, language: str) -> str:
    return format_percent(pct, language)


def _and(items: Sequence[str], language: str) -> str:
    """``"a, b und c"``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + text("findings.and", language) + items[-1]


# --------------------------------------------------------------------------- comparisons


def _center(row: Mapping[str, Any], side: str, language: str) -> str:
    value = _num(row.get(f"center_{side}"))
    center = str(row.get("center") or "")
    if math.isnan(value):
        return ""
    if center == "percent":
        return _share(value, language)
    symbol = {"mean": "M", "median": "Md"}.get(center, "")
    digits = 1 if center == "median" else 2
    shown = format_number(value, "stat", language, digits)
    return f"{symbol} = {shown}" if symbol else shown


def _comparison_sentence(row: Mapping[str, Any], language: str) -> str:
    a, b = _center(row, "a", language), _center(row, "b", language)
    groups = ""
    if a and b and not is_missing(row.get("group_a")) and str(row.get("group_b") or ""):
        groups = _t("groups", language, group_a=row["group_a"], a=a, group_b=row["group_b"],
                    b=b)
    stats = [p for p in (effect_text(row, language), p_text(row, language)) if p]
    return _t("comparison", language, quote=_quote(row.get("label"), language),
              grouping=row.get("grouping_label") or row.get("grouping") or "",
              groups=groups, stats="; ".join(stats))


def comparisons(shown: pd.DataFrame, *, language: str = "de", alpha: float = 0.05,
                limit: int = 5, ref: Any = None) -> list[Finding]:
    """The key findings of group comparisons (``group_comparisons.csv`` as published).

    Parameters
    ----------
    shown : DataFrame
        The published comparison rows (withheld values are missing).
    language : {"de", "en"}
    alpha : float
        The significance level the adjusted p is held against.
    limit : int
        At most this many significant comparisons are named.
    ref : callable, optional
        ``ref(row) -> str``: the key of the table a row is shown in.

    Returns
    -------
    list of Finding
        The count first, then the significant comparisons.

    Examples
    --------
    >>> rows = pd.DataFrame({"variable": ["x", "y"], "label": ["X", "Y"], "test": "welch_t",
    ...     "grouping_label": "G", "p": [0.001, 0.4], "p_adj": [0.002, 0.4],
    ...     "effect": "hedges_g", "effect_size": [0.8, 0.1], "ci_low": [0.4, -0.2],
    ...     "ci_high": [1.2, 0.4]})
    >>> [f.text for f in comparisons(rows, language="en")][0]
    '1 of 2 comparisons differ significantly after correction for multiple testing (α = .05).'
    """
    own = shown[~shown["test"].isin(_OWN_ROWS)] if len(shown) else shown
    p_adj = own["p_adj"].map(_num) if len(own) else pd.Series(dtype=float)
    tested = own[p_adj.notna()]
    hits = own[p_adj < alpha].copy()
    n, k = len(tested), len(hits)
    a = format_alpha(alpha, language)
    if n == 0:
        return [Finding(_t("comparisons_none_tested", language))]
    if k == 0:
        first = _t("comparisons_no_hit", language, n=_count(n, language), alpha=a)
    else:
        first = _t("comparisons_one" if n == 1 else "comparisons_count", language,
                   k=_count(k, language), n=_count(n, language), alpha=a)
    out = [Finding(first)]
    if k:
        hits["_p"] = hits["p_adj"].map(_num)
        hits["_e"] = -hits["effect_size"].map(_num).abs().fillna(0)
        hits = hits.sort_values(["_p", "_e"], kind="stable")
        for _, row in hits.head(limit).iterrows():
            out.append(Finding(_comparison_sentence(row, language),
                               ref(row) if ref else None))
        if k > limit:
            out.append(Finding(_t("more_one" if k - limit == 1 else "more", language,
                                  n=_count(k - limit, language))))
    return out


# --------------------------------------------------------------------------- descriptives


def _tops(rows: pd.DataFrame, language: str, top: int, min_cell: int) -> tuple[str, bool]:
    """The ``top`` most-named options of a question's total rows as the table shows them,
    and whether that order is complete: an option withheld as close to its base ranks
    first with the bound its table shows ("> 97,3 %"); options withheld as small rank last
    (they are below ``min_cell``); an option withheld for another reason (a secondary
    suppression) may be of any size, so the order is then only among the options shown."""
    total = rows[rows["grouping"].astype(str) == "total"] if "grouping" in rows else rows
    ranked: list[tuple[float, str]] = []
    complete = True
    for _, row in total.iterrows():
        hidden = withheld_columns(row.get(SUPPRESSED))
        value = _num(row.get("pct_cases"))
        if "pct_cases" not in hidden and not math.isnan(value):
            ranked.append((value, f"{row['label']} ({_share(value, language)})"))
        elif {"n", "pct_cases"} & withheld_columns(row.get(SUPPRESSED_NEAR_TOTAL)):
            base = _num(row.get("base_n"))
            if math.isnan(base) or base <= min_cell:
                complete = False
                continue
            bound = 100.0 * (base - min_cell) / base
            shown = "> " + format_percent(bound, language)
            ranked.append((101.0, f"{row['label']} ({shown})"))
        elif not {"n", "pct_cases"} & withheld_columns(row.get(SUPPRESSED_SMALL)):
            complete = False
    ranked.sort(key=lambda pair: -pair[0])
    return ", ".join(words for share, words in ranked[:top] if share > 0), complete


def _top_box(items: pd.DataFrame, sections: Mapping[Any, str],
             language: str) -> list[Finding]:
    """Per section of the items table: the items with the highest and the lowest top-box
    share shown (at least two shown)."""
    out: list[Finding] = []
    if items is None or items.empty or "top_box_pct" not in items:
        return out
    for key in items["section"].drop_duplicates():
        rows = items[items["section"] == key].assign(_v=lambda f: f["top_box_pct"].map(_num))
        rows = rows.dropna(subset=["_v"])
        if len(rows) < 2:
            continue
        high, low = rows.loc[rows["_v"].idxmax()], rows.loc[rows["_v"].idxmin()]
        name = sections.get(key) or text("page.other_questions", language)
        out.append(Finding(_t("top_box", language, section=name,
                              high=_quote(high["label"], language),
                              high_pct=_share(high["_v"], language),
                              low=_quote(low["label"], language),
                              low_pct=_share(low["_v"], language)), f"items:{key}"))
    return out


def descriptives(multi: pd.DataFrame, coded: pd.DataFrame, reliability: pd.DataFrame, *,
                 language: str = "de", limit: int = 3, top: int = 2,
                 low_alpha: float = 0.70, min_cell: int = 5,
                 items: pd.DataFrame | None = None,
                 sections: Mapping[Any, str] | None = None) -> list[Finding]:
    """The key findings of a descriptive report.

    Parameters
    ----------
    multi, coded : DataFrame
        ``multi_response.csv`` and ``coded.csv`` as published (question order kept).
    reliability : DataFrame
        ``reliability.csv`` as published.
    language : {"de", "en"}
    limit : int
        At most this many questions get a finding of their own.
    top : int
        Options named per question.
    low_alpha : float
        Cronbach's α below this is reported as low.
    min_cell : int
        The run's smallest count shown (for the bound of an option named by nearly all).
    items : DataFrame, optional
        ``items.csv`` as published: per section, the items with the highest and lowest
        top-box share (``ref`` ``"items:<section>"``), after the scale warnings.
    sections : mapping, optional
        Section key → its title.

    Returns
    -------
    list of Finding
        ``ref`` keys: ``"scales"`` and ``"multi:<variable>"`` / ``"coded:<variable>"``.
    """
    out: list[Finding] = []
    alphas = reliability.assign(_a=reliability["alpha"].map(_num)).dropna(subset=["_a"]) \
        if len(reliability) else reliability
    low = alphas[alphas["_a"] < low_alpha] if len(alphas) else alphas
    for _, row in low.iterrows():
        out.append(Finding(_t("scale_low", language, quote=_quote(row["label"], language),
                              alpha=format_number(row["_a"], "unit", language, 2),
                              low=format_number(low_alpha, "unit", language, 2)), "scales"))
    out.extend(_top_box(items, sections or {}, language))
    questions: list[Finding] = []
    for prefix, frame in (("multi", multi), ("coded", coded)):
        for variable in (frame["variable"].drop_duplicates() if len(frame) else []):
            rows = frame[frame["variable"] == variable]
            tops, complete = _tops(rows, language, top, min_cell)
            if tops:
                questions.append(Finding(
                    _t("most_named" if complete else "most_named_shown", language,
                       quote=_quote(rows["variable_label"].iloc[0], language), tops=tops),
                    f"{prefix}:{variable}"))
    out.extend(questions[:limit])
    if len(questions) > limit:
        more = len(questions) - limit
        out.append(Finding(_t("more_questions_one" if more == 1 else "more_questions",
                              language, n=_count(more, language))))
    good = alphas[alphas["_a"] >= low_alpha] if len(alphas) else alphas
    if len(good):
        lo, hi = good.loc[good["_a"].idxmin()], good.loc[good["_a"].idxmax()]
        out.append(Finding(_t("scales_ok" if len(good) > 1 else "scale_ok", language,
                              n=_count(len(good), language),
                              low=format_number(lo["_a"], "unit", language, 2),
                              high=format_number(hi["_a"], "unit", language, 2),
                              quote=_quote(lo["label"], language),
                              limit=format_number(low_alpha, "unit", language, 2)), "scales"))
    return out


# --------------------------------------------------------------------------- hypotheses


def hypotheses(shown: pd.DataFrame, *, language: str = "de") -> list[Finding]:
    """Per hypothesis (register order): the outcomes for which it is confirmed, those for
    which it is not, and those a withheld result leaves open. ``ref``: ``"hyp:<name>"``.
    Only the primary test of each outcome counts (``primary``)."""
    out: list[Finding] = []
    if shown.empty:
        return out
    primary = shown[shown["primary"].astype(str).isin(["True", "true", "1"])]
    for name in primary["hypothesis"].drop_duplicates():
        block = primary[primary["hypothesis"] == name]
        said = {"yes": [], "no": [], "open": []}
        for _, row in block.iterrows():
            value = row.get("supported")
            key = ("open" if is_missing(value) or str(value) == "" else
                   "yes" if str(value) in ("True", "true", "1") else "no")
            said[key].append(_quote(row["y_label"], language))
        parts = [_t(f"hypothesis_{key}", language, outcomes=_and(items, language))
                 for key, items in said.items() if items]
        out.append(Finding(_t("hypothesis", language, name=name, parts="; ".join(parts)),
                           f"hyp:{name}"))
    return out


# --------------------------------------------------------------------------- ratings


def ratings(total: Mapping[str, Any], *, cutoff: float | None, trend: Mapping[str, Any] | None,
            language: str = "de", high: float | None = None) -> list[Finding]:
    """The key findings of the session ratings: forms and people with the mean total
    (and its maximum ``high``), the share of forms below the cutoff, the trend over
    sessions (``trend`` from :func:`survey.ratingtrend.trend`, or None when withheld).
    ``total`` is the published ``overall`` row; a withheld number leaves its finding out.
    ``ref``: ``"ratings"``."""
    out: list[Finding] = []
    n_forms, n_people, mean = (_num(total.get(c)) for c in ("n_forms", "n_people",
                                                             "mean_total"))
    if not (math.isnan(n_forms) or math.isnan(n_people) or math.isnan(mean)):
        key = "ratings_mean_of" if high is not None else "ratings_mean"
        out.append(Finding(_t(key, language, forms=_count(int(n_forms), language),
                              people=_count(int(n_people), language),
                              mean=format_number(mean, "stat", language, 1),
                              high=format_number(high, "count", language)), "ratings"))
    below = _num(total.get("pct_below_cutoff"))
    if cutoff is not None and not math.isnan(below):
        out.append(Finding(_t("ratings_below", language, pct=_share(below, language),
                              cutoff=format_number(cutoff, "count", language)), "ratings"))
    if trend is not None and not math.isnan(_num(trend.get("slope"))):
        direction = ("up" if trend["ci_low"] > 0 else "down" if trend["ci_high"] < 0
                     else "flat")
        out.append(Finding(_t(f"ratings_trend_{direction}", language,
                              slope=format_number(trend["slope"], "stat", language, 2))))
    return out


# --------------------------------------------------------------------------- waves


def waves(shown: pd.DataFrame, titles: Mapping[str, str], *, language: str = "de",
          alpha: float = 0.05) -> list[Finding]:
    """Per section and pair of waves: how many items differ significantly after correction,
    how many are higher in the later wave, and the largest difference shown; sections with
    differences first, each group in section order. ``ref``: ``"waves:<section label>"``."""
    out: list[Finding] = []
    hits_first: list[Finding] = []
    if shown.empty:
        return out
    titles = _short_titles(titles)
    for section in shown["section_label"].fillna("").drop_duplicates():
        rows = shown[shown["section_label"].fillna("") == section]
        for later in rows["wave_b"].drop_duplicates():
            pair = rows[rows["wave_b"] == later]
            p = pair["p_adj"].map(_num)
            tested = pair[p.notna()]
            hits = pair[p < alpha]
            diff = hits["diff"].map(_num)
            up, down = int((diff > 0).sum()), int((diff < 0).sum())
            where = section or text("page.other_questions", language)
            params = dict(section=where, n=_count(len(tested), language),
                          later=titles.get(str(later), str(later)))
            if not len(tested):
                continue
            if not len(hits):
                key = "waves_none_one" if len(tested) == 1 else "waves_none"
                out.append(Finding(_t(key, language, **params), f"waves:{section}"))
                continue
            largest = hits.loc[diff.abs().idxmax()]
            points = format_number(_num(largest["diff"]), "stat", language, 1)
            sign = "+" if _num(largest["diff"]) > 0 else ""
            key = "waves_hits_one" if len(tested) == 1 else "waves_hits"
            hits_first.append(Finding(_t(key, language, **params,
                                  up=_count(up, language), down=_count(down, language),
                                  quote=_quote(largest["label"], language),
                                  direction=_t("higher" if up else "lower", language),
                                  diff=sign + points), f"waves:{section}"))
    return hits_first + out  # the sections with differences lead


def _short_titles(titles: Mapping[str, str]) -> dict[str, str]:
    """Wave titles without the study's name they all start with ("ANNA – ")."""
    heads = {str(t).partition(" – ")[0] for t in titles.values()}
    if len(heads) == 1 and all(" – " in str(t) for t in titles.values()):
        return {k: str(t).partition(" – ")[2] for k, t in titles.items()}
    return dict(titles)


# --------------------------------------------------------------------------- monitoring


def monitoring(indicators: pd.DataFrame | None, funnel: pd.DataFrame | None = None, *,
               language: str = "de") -> list[Finding]:
    """Per indicator (``indicators.csv`` as published, overall rows): its share with count
    and target and the verdict; then per benefit (``takeup_funnel.csv``) the share of the
    first stage reaching the last. Withheld numbers leave their finding out. ``ref``:
    ``"indicators"``, ``"takeup"``."""
    out: list[Finding] = []
    for _, row in (indicators.iterrows() if indicators is not None else ()):
        k, n, pct = (_num(row.get(c)) for c in ("k", "n", "pct"))
        if math.isnan(k) or math.isnan(n) or math.isnan(pct):
            continue
        out.append(Finding(_t("indicator", language, label=row["label"],
                              pct=_share(pct, language), k=_count(int(k), language),
                              n=_count(int(n), language),
                              target=format_percent(_num(row["target_pct"]), language, 0),
                              verdict=text(f"monitor.verdict.{row['verdict']}", language)),
                           "indicators"))
    if funnel is not None and len(funnel):
        for benefit in funnel["benefit"].drop_duplicates():
            steps = funnel[funnel["benefit"] == benefit].sort_values("position")
            first, last = steps.iloc[0], steps.iloc[-1]
            n0, n1, pct = _num(first["n"]), _num(last["n"]), _num(last["pct_first"])
            if math.isnan(n0) or math.isnan(n1) or math.isnan(pct):
                continue
            out.append(Finding(_t("takeup", language, benefit=benefit,
                                  first=first["stage"], last=last["stage"],
                                  n1=_count(int(n1), language), n0=_count(int(n0), language),
                                  pct=_share(pct, language)), "takeup"))
    return out


def programme(shown: pd.DataFrame, *, language: str = "de") -> list[Finding]:
    """Per indicator (``programme.csv`` as published): the projects above and below the
    99,8 % limits around the programme's target. ``ref``: ``"programme:<indicator>"``."""
    out: list[Finding] = []
    for key in (shown["indicator"].drop_duplicates() if len(shown) else []):
        rows = shown[shown["indicator"] == key]
        above = [str(t) for t, p in zip(rows["title"], rows["position"], strict=True)
                 if p == "above_998"]
        below = [str(t) for t, p in zip(rows["title"], rows["position"], strict=True)
                 if p == "below_998"]
        parts = [_t(f"programme_{side}", language, projects=_and(names, language))
                 for side, names in (("above", above), ("below", below)) if names]
        out.append(Finding(_t("programme", language, label=rows["label"].iloc[0],
                              n=_count(len(rows), language),
                              parts="; ".join(parts) or _t("programme_none", language)),
                           f"programme:{key}"))
    return out


# --------------------------------------------------------------------------- page block


def summary_line(findings: Sequence[Finding]) -> str:
    """The index page's one line for a report: its first finding."""
    return findings[0].text if findings else ""


def findings_html(findings: Iterable[Finding], refs: Mapping[str, tuple[int, str]],
                  language: str) -> str:
    """The block "Das Wichtigste in Kürze": one item per finding, each with a link to its
    table (``refs``: key → (table number, anchor)); the first finding is also the page's
    ``data-summary`` (the index page's line)."""
    items, first = [], None
    for finding in findings:
        first = first if first is not None else finding.text
        link = ""
        if finding.ref is not None and finding.ref in refs:
            number, anchor = refs[finding.ref]
            label = text("page.table", language)
            link = (f' <a class="survey-ref" href="#{html.escape(anchor)}">'
                    f"({html.escape(label)} {number})</a>")
        items.append(f"<li>{html.escape(finding.text)}{link}</li>")
    if not items:
        items.append(f"<li>{html.escape(_t('nothing', language))}</li>")
    heading = html.escape(text("findings.title", language))
    summary = html.escape(first or "", quote=True)
    return (f'<section class="survey-findings" data-summary="{summary}">'
            f"<h2>{heading}</h2><ul>{''.join(items)}</ul></section>")
