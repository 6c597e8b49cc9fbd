"""Compare two waves item by item: the share of the top box (ordinal items), of the event
(binary variables) or of ticked options and codes, with a confidence interval for each
share and for their difference → ``wave_comparison.csv`` (docs/results.md).

Which items
    :func:`comparable` pairs the items the two codebooks share (by name, or through the
    registry's ``comparison.map``): ordinal items with a ``top_box``, binary variables
    (event = the last listed level), multiple-response options and coded-answer columns
    (ticked = 1). A pair whose answers differ (levels, labels, top box, code labels) or
    whose types differ is refused, with one problem line naming both codebook files.
Per item
    ``n`` valid answers, ``k`` in the top box (event, ticked), ``pct = 100·k/n`` with
    Wilson's score interval; ``diff = pct_b − pct_a`` in percentage points.
Independent samples (no respondent code in both waves)
    Newcombe's hybrid score interval for the difference (method 10 of Newcombe 1998, Stat
    Med 17:873, :func:`survey.effects.risk_difference`); the pooled two-proportion z-test
    (``z_prop``, the same p as Pearson's chi-square without continuity correction), or
    Fisher's exact test when an expected count of the 2×2 table is below 5.
Paired samples (respondent codes in both waves)
    The respondents with a valid answer in both waves form the pairs, and the whole row is
    computed from them (so that ``diff = pct_b − pct_a`` holds and the test tests what the
    row shows): McNemar's exact test (binomial test of the discordant pairs) and Newcombe's
    interval for a paired difference (method 10 of Newcombe 1998, Stat Med 17:2635,
    :func:`paired_risk_difference`). Respondents of one wave only are left out
    (``n_left_out`` says how many), and a problem line warns when the waves share only
    some codes (codes reassigned between waves would pair strangers). An item without any
    pair is compared as independent samples (``paired`` False): no respondent counts twice.

``p_adj`` is Holm within the section (wave b's section key).

References
----------
- Wilson EB (1927). Probable inference, the law of succession, and statistical
  inference. JASA 22:209–212; Newcombe RG (1998). Two-sided confidence intervals for the
  single proportion. Stat Med 17:857–872.
- Newcombe RG (1998). Interval estimation for the difference between independent
  proportions: comparison of eleven methods. Stat Med 17:873–890 (method 10).
- Newcombe RG (1998). Improved confidence intervals for the difference between binomial
  proportions based on paired data. Stat Med 17:2635–2650 (method 10).
- McNemar Q (1947). Note on the sampling error of the difference between correlated
  proportions or percentages. Psychometrika 12:153–157.

Examples
--------
>>> [round(x, 4) for x in wilson_interval(81, 263)]  # Newcombe (1998, 17:857), Table I
[0.2553, 0.3662]
>>> e = paired_risk_difference([[36, 12], [2, 0]])  # Newcombe (1998, 17:2635), Table II
>>> round(e.value, 4), round(e.ci_low, 4), round(e.ci_high, 4)
(0.2, 0.0569, 0.3404)
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.contingency_tables import mcnemar

from . import effects
from .codebook import Codebook, Column
from .compare import event_level
from .derive import top_box
from .intervals import wilson_interval
from .messages import text
from .multiplicity import adjust_by, check_method
from .settings import DEFAULTS

__all__ = [
    "WAVE_COLUMNS",
    "comparable",
    "wave_comparison",
    "paired_risk_difference",
    "two_proportion_z",
]

WAVE_COLUMNS = ["variable", "label", "section", "section_label", "wave_a", "wave_b", "n_a",
                "n_b", "k_a", "k_b", "pct_a", "pct_b", "pct_a_low", "pct_a_high",
                "pct_b_low", "pct_b_high", "diff", "ci_low", "ci_high", "ci_method", "test",
                "p", "p_adj", "paired", "n_pairs", "n_left_out", "reason_key"]

#: :attr:`~survey.effects.Effect.method` of the paired difference's interval.
PAIRED_METHOD = "Newcombe paired hybrid score (1998, Stat Med 17:2635, method 10)"
_NAN = float("nan")
#: What a comparable column is, by :func:`_share_kind`; anything else is not a share.


# --------------------------------------------------------------------------- statistics


def paired_risk_difference(table, *, confidence: float = 0.95) -> effects.Effect:
    """Difference of two shares measured on the same respondents, with Newcombe's interval.

    ``table`` is the paired 2×2 table ``[[e, f], [g, h]]``: rows the first measurement
    (event, no event), columns the second (event, no event); ``e`` pairs have the event
    both times, ``f`` only the first time, ``g`` only the second time, ``h`` neither. The
    difference is ``p1 − p2 = (f − g) / n`` with ``p1 = (e + f) / n``, ``p2 = (e + g) / n``.

    CI method 10 of Newcombe (1998, Stat Med 17:2635–2650): with the Wilson intervals
    ``(l1, u1)`` of ``p1`` and ``(l2, u2)`` of ``p2``,
    ``L = D − sqrt((p1 − l1)² − 2φ(p1 − l1)(u2 − p2) + (u2 − p2)²)`` and
    ``U = D + sqrt((u1 − p1)² − 2φ(u1 − p1)(p2 − l2) + (p2 − l2)²)``, where φ estimates the
    correlation of the two measurements as ``C / sqrt((e+f)(g+h)(e+g)(f+h))`` with
    ``C = eh − fg − n/2`` when ``eh − fg > n/2``, ``0`` when ``0 ≤ eh − fg ≤ n/2`` and
    ``eh − fg`` when it is negative; φ = 0 when a margin is empty. (Without this
    correction of φ the published limits are not reproduced.)

    Parameters
    ----------
    table : array_like
        Paired 2×2 table of non-negative counts.
    confidence : float
        Two-sided confidence level, strictly between 0 and 1.

    Returns
    -------
    Effect
        ``effect="risk_difference"`` (a share difference in [-1, 1]), positive when the
        first measurement has the higher share; all NaN for an empty table.

    Examples
    --------
    >>> e = paired_risk_difference([[59, 6], [16, 80]])  # contingencytables, Cavo et al.
    >>> round(e.value, 4), round(e.ci_low, 4), round(e.ci_high, 4)
    (-0.0621, -0.1186, -0.0046)
    """
    counts = np.asarray(table, dtype=float)
    if counts.shape != (2, 2):
        raise ValueError(f"table must be a 2x2 table, got shape {counts.shape}")
    if not np.isfinite(counts).all() or (counts < 0).any():
        raise ValueError("table must hold non-negative finite counts")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be strictly between 0 and 1, got {confidence!r}")
    (e, f), (g, h) = (float(x) for x in counts[0]), (float(x) for x in counts[1])
    n = e + f + g + h
    if n <= 0:
        return effects.Effect("risk_difference", _NAN, _NAN, _NAN, PAIRED_METHOD)
    p1, p2 = (e + f) / n, (e + g) / n
    l1, u1 = wilson_interval(e + f, n, confidence=confidence)
    l2, u2 = wilson_interval(e + g, n, confidence=confidence)
    margins = (e + f) * (g + h) * (e + g) * (f + h)
    phi = 0.0
    if margins > 0:
        cross = e * h - f * g
        corrected = cross - n / 2 if cross > n / 2 else (0.0 if cross >= 0 else cross)
        phi = corrected / math.sqrt(margins)
    d = p1 - p2
    dl1, du1, dl2, du2 = p1 - l1, u1 - p1, p2 - l2, u2 - p2
    low = d - math.sqrt(max(0.0, dl1**2 - 2 * phi * dl1 * du2 + du2**2))
    high = d + math.sqrt(max(0.0, du1**2 - 2 * phi * du1 * dl2 + dl2**2))
    return effects.Effect("risk_difference", d, max(-1.0, low), min(1.0, high),
                          PAIRED_METHOD)


def two_proportion_z(k_a: float, n_a: float, k_b: float, n_b: float) -> tuple[float, float]:
    """Pooled two-proportion z-test of ``k_b/n_b − k_a/n_a``: z and its two-sided p.

    ``z = (p_b − p_a) / sqrt(p(1 − p)(1/n_a + 1/n_b))`` with the pooled share ``p``; z² is
    Pearson's chi-square of the 2×2 table without continuity correction, so p is the same.
    NaN when a sample is empty or the pooled share is 0 or 1.

    >>> z, p = two_proportion_z(16, 24, 174, 190)
    >>> round(z, 4), round(p, 6)
    (3.6444, 0.000268)
    """
    if not (n_a > 0 and n_b > 0):
        return _NAN, _NAN
    pooled = (k_a + k_b) / (n_a + n_b)
    var = pooled * (1 - pooled) * (1 / n_a + 1 / n_b)
    if not var > 0:
        return _NAN, _NAN
    z = (k_b / n_b - k_a / n_a) / math.sqrt(var)
    return float(z), float(2 * stats.norm.sf(abs(z)))


# --------------------------------------------------------------------------- which items


def _file(codebook: Codebook) -> str:
    """``anna-e1/codebook.yml``: the codebook's folder and file name."""
    path = Path(codebook.path)
    return f"{path.parent.name}/{path.name}" if path.parent.name else path.name


def _share_kind(col: Column) -> str | None:
    """``ordinal``, ``binary``, ``option`` or ``code`` for a column whose share a wave
    comparison can report; None for every other column."""
    if col.kind in ("option", "code"):
        return col.kind
    if col.kind == "variable" and col.level in ("ordinal", "binary"):
        return col.level
    return None


def _kind_text(col: Column, language: str) -> str:
    kind = _share_kind(col)
    if kind is None:
        kind = col.kind if col.kind in ("set", "derived", "scale") else "variable"
    return text(f"wavecompare.kind.{kind}", language).format(level=col.level)


def _levels_text(levels: dict[int, str], other: dict[int, str]) -> str:
    """``"1 Nein … 5 Ja"``: the first and last level and the first one that differs from
    ``other``; all levels when there are at most three."""
    items = [f"{code} {label}" for code, label in levels.items()]
    others = [f"{code} {label}" for code, label in other.items()]
    if len(items) <= 3:
        return ", ".join(items)
    differ = next((i for i, (x, y) in enumerate(zip(items, others, strict=False)) if x != y),
                  min(len(items), len(others)))
    keep = sorted({0, len(items) - 1} | ({differ} if differ < len(items) else set()))
    out = items[keep[0]]
    for prev, i in zip(keep, keep[1:], strict=False):
        out += (", " if i == prev + 1 else " … ") + items[i]
    return out


def _codes_text(col: Column, language: str) -> str:
    return (", ".join(f"{c} {col.levels[c]}" for c in col.top_box)
            or text("wavecompare.none", language))


def _difference(a: Column, b: Column, language: str = "en") -> str | None:
    """Why two columns cannot be compared (in ``language``), or None when they can."""
    def say(key: str, first: str, second: str) -> str:
        return text(f"wavecompare.{key}", language).format(a=first, b=second)

    kind_a, kind_b = _share_kind(a), _share_kind(b)
    if kind_a != kind_b:
        return say("types", _kind_text(a, language), _kind_text(b, language))
    if kind_a in ("ordinal", "binary") and sorted(a.levels.items()) != sorted(b.levels.items()):
        return say("answers", _levels_text(a.levels, b.levels), _levels_text(b.levels, a.levels))
    if kind_a == "ordinal":
        if not a.top_box and not b.top_box:
            return text("wavecompare.no_top_box", language)
        if sorted(a.top_box) != sorted(b.top_box):
            return say("top_box", _codes_text(a, language), _codes_text(b, language))
    if kind_a == "code" and a.label != b.label:
        return say("code_labels", a.label, b.label)
    return None


def _common_names(codebook: Codebook, mapping: dict[str, str] | None, wave: int,
                  problems: list[str], language: str = "en") -> dict[str, str]:
    """Common name → the codebook's own name; problems for unknown or clashing names."""
    mapping = dict(mapping or {})
    for own in mapping:
        if own not in codebook.columns:
            problems.append(text("wavecompare.map_unknown", language).format(
                file=_file(codebook), wave=wave, own=own))
    out: dict[str, str] = {}
    for name in codebook.columns:
        common = mapping.get(name, name)
        if common in out:
            problems.append(text("wavecompare.map_clash", language).format(
                file=_file(codebook), first=out[common], name=name, common=common, wave=wave))
            continue
        out[common] = name
    return out


def comparable(a: Codebook, b: Codebook, *, map_a: dict[str, str] | None = None,
               map_b: dict[str, str] | None = None, language: str = "en",
               ) -> tuple[list[tuple[str, str, str]], list[str]]:
    """The items two waves can be compared on, and why others cannot.

    Parameters
    ----------
    a, b : Codebook
        The first (earlier) and the second wave's codebook.
    map_a, map_b : dict, optional
        ``{own name: common name}`` for items renamed between the waves (the registry's
        ``comparison.map``); a name not mapped is its own common name.
    language : {"de", "en"}, default "en"
        The language of the problem lines (a report passes its codebook's).

    Returns
    -------
    items : list of (common name, name in a, name in b)
        In wave b's codebook order: ordinal items with the same answer set and top box,
        binary variables with the same levels (code → label; the event is wave b's last
        listed level), multiple-response options and coded-answer columns (the same code
        label) present in both.
    problems : list of str
        One line per refused pair, naming both codebook files, the item and the
        difference, e.g. ``"anna-e1/codebook.yml vs anna-e2/codebook.yml, variable
        'fam_zeit': answer sets differ (wave 1: 1 Nein … 5 Ja; wave 2: 1 nie … 5 sehr
        oft)"``; also a map naming an unknown column. Items present in both waves whose
        level has no share (numeric, text, nominal, scales) are left out silently, and so
        are question labels: a reworded question is still compared.

    Examples
    --------
    >>> from survey.codebook import Variable
    >>> def cb(path, levels):
    ...     return Codebook(Path(path), "i", "t", "de", "id", "id", {}, {}, {
    ...         "x": Variable("x", "X", "ordinal", "x", levels=levels, top_box=[3])})
    >>> items, problems = comparable(cb("w1/codebook.yml", {1: "nie", 2: "oft", 3: "immer"}),
    ...                              cb("w2/codebook.yml", {1: "nie", 2: "oft", 3: "immer"}))
    >>> items, problems
    ([('x', 'x', 'x')], [])
    >>> _, problems = comparable(cb("w1/codebook.yml", {1: "nie", 2: "oft", 3: "immer"}),
    ...                          cb("w2/codebook.yml", {1: "nie", 2: "meist", 3: "immer"}))
    >>> print(problems[0])
    w1/codebook.yml vs w2/codebook.yml, variable 'x': answer sets differ (wave 1: 1 nie, \
2 oft, 3 immer; wave 2: 1 nie, 2 meist, 3 immer)
    """
    problems: list[str] = []
    names_a = _common_names(a, map_a, 1, problems, language)
    names_b = _common_names(b, map_b, 2, problems, language)
    items: list[tuple[str, str, str]] = []
    for common, name_b in names_b.items():
        name_a = names_a.get(common)
        if name_a is None:
            continue
        col_a, col_b = a.column(name_a), b.column(name_b)
        if _share_kind(col_a) is None and _share_kind(col_b) is None:
            continue
        why = _difference(col_a, col_b, language)
        if why is None:
            items.append((common, name_a, name_b))
            continue
        renamed = [text("wavecompare.renamed", language).format(wave=i, own=own)
                   for i, own in ((1, name_a), (2, name_b)) if own != common]
        where = (text("wavecompare.variable", language).format(name=common)
                 + (f" ({', '.join(renamed)})" if renamed else ""))
        problems.append(text("wavecompare.problem", language).format(
            a=_file(a), b=_file(b), where=where, why=why))
    return items, problems


# --------------------------------------------------------------------------- comparison


def _hits(data: pd.DataFrame, codebook: Codebook, col: Column, event: str | int) -> pd.Series:
    """1.0 in the top box / event / ticked, 0.0 for another valid answer, NaN missing."""
    if col.level == "ordinal":
        return top_box(data, codebook, col.name)
    raw = data[col.name]
    if col.kind in ("option", "code"):
        return pd.to_numeric(raw, errors="coerce").astype(float)
    return (raw.astype(object) == event).astype(float).where(raw.notna())


def _independent(a: pd.Series, b: pd.Series) -> dict:
    n_a, n_b = len(a), len(b)
    if n_a == 0 or n_b == 0:
        return {"reason_key": "wave_too_few"}
    k_a, k_b = float(a.sum()), float(b.sum())
    table = np.array([[k_b, n_b - k_b], [k_a, n_a - k_a]])  # row 0 = wave b: diff b − a
    rd = effects.risk_difference(table)
    out = {"diff": 100 * rd.value, "ci_low": 100 * rd.ci_low, "ci_high": 100 * rd.ci_high,
           "ci_method": rd.method}
    if (stats.contingency.expected_freq(table) < 5).any():
        out.update(test="fisher", p=float(stats.fisher_exact(table).pvalue),
                   reason_key="wave_fisher")
    else:
        _z, p = two_proportion_z(k_a, n_a, k_b, n_b)
        out.update(test="z_prop", p=p, reason_key="wave_z_prop")
    return out


def _paired(a: pd.Series, b: pd.Series, left_out: int) -> dict:
    """``a`` and ``b``: the pairs' values, in the same order."""
    x, y = b.to_numpy() == 1, a.to_numpy() == 1  # first measurement = wave b: diff b − a
    table = np.array([[np.sum(x & y), np.sum(x & ~y)], [np.sum(~x & y), np.sum(~x & ~y)]])
    rd = paired_risk_difference(table)
    reason = "wave_mcnemar+wave_pairs_partial" if left_out else "wave_mcnemar"
    return {"n_pairs": len(a), "diff": 100 * rd.value, "ci_low": 100 * rd.ci_low,
            "ci_high": 100 * rd.ci_high, "ci_method": rd.method, "test": "mcnemar",
            "p": float(mcnemar(table, exact=True).pvalue), "reason_key": reason,
            "n_left_out": left_out}


def wave_comparison(wave_a: tuple[str, pd.DataFrame, Codebook],
                    wave_b: tuple[str, pd.DataFrame, Codebook], *,
                    map_a: dict[str, str] | None = None, map_b: dict[str, str] | None = None,
                    p_adjust: str = DEFAULTS.p_adjust) -> tuple[pd.DataFrame, list[str]]:
    """Compare two waves on every item they share (docs/results.md ``wave_comparison.csv``).

    Parameters
    ----------
    wave_a, wave_b : (name, data, codebook)
        The earlier and the later wave: its name (``wave_a``/``wave_b`` columns), its clean
        data (indexed by respondent code) and its codebook.
    map_a, map_b : dict, optional
        ``{own name: common name}`` (the registry's ``comparison.map`` of the wave).
    p_adjust : {"holm", "bonferroni", "fdr_bh", "none"}
        Correction within each section.

    Returns
    -------
    table : DataFrame
        :data:`WAVE_COLUMNS`, one row per comparable item (see :func:`comparable`), in
        wave b's section order: ``variable`` the common name, ``label`` and ``section``
        from wave b (the section from wave a when wave b has none; ``section_label`` from
        wave b's codebook, else wave a's); ``n``, ``k``, ``pct`` and the Wilson limits
        ``pct_*_low/high`` per wave (percent); ``diff = pct_b − pct_a``, ``ci_low``,
        ``ci_high`` in percentage points with ``ci_method``; ``test`` ``z_prop``,
        ``fisher`` or ``mcnemar``; ``p``, ``p_adj``; ``paired`` (respondents with a valid
        answer in both waves: then ``n_a = n_b = n_pairs`` and everything is computed from
        these pairs), ``n_pairs`` and ``n_left_out``; ``reason_key`` names the catalogue's
        ``reason.<key>`` (``+``-joined; :func:`survey.presentation.present` writes the
        text). No test when a wave has no valid answer.
    problems : list of str
        The refused items (:func:`comparable`) and data problems, one line each.

    Raises
    ------
    ValueError
        For an unknown ``p_adjust``.
    """
    check_method(p_adjust)
    name_a, data_a, cb_a = wave_a
    name_b, data_b, cb_b = wave_b
    lang = cb_b.language
    items, problems = comparable(cb_a, cb_b, map_a=map_a, map_b=map_b, language=lang)
    unique = data_a.index.is_unique and data_b.index.is_unique
    if not unique:
        problems.append(f"{_file(cb_a)} vs {_file(cb_b)}: respondent codes are not unique "
                        "within a wave, so no pairs are formed (compared as independent "
                        "samples)")
    shared = len(data_a.index.intersection(data_b.index)) if unique else 0
    if 0 < shared < max(len(data_a), len(data_b)):
        problems.append(f"{_file(cb_a)} vs {_file(cb_b)}: respondents in both waves (same "
                        f"code): {shared} of {len(data_a)} in {name_a} and {len(data_b)} in "
                        f"{name_b}; they are compared as pairs and the others left out — "
                        "check that codes were not reassigned between the waves")
    sections = list(cb_b.sections) + [s for s in cb_a.sections if s not in cb_b.sections]

    rows: list[dict] = []
    for common, own_a, own_b in items:
        col_a, col_b = cb_a.column(own_a), cb_b.column(own_b)
        absent = [f"'{c.name}' is missing from the data of {w}"
                  for c, d, w in ((col_a, data_a, name_a), (col_b, data_b, name_b))
                  if c.name not in d.columns]
        if absent:
            problems.append(f"{_file(cb_a)} vs {_file(cb_b)}, variable '{common}': "
                            + "; ".join(absent))
            continue
        event = event_level(col_b)
        a = _hits(data_a, cb_a, col_a, event).dropna()
        b = _hits(data_b, cb_b, col_b, event).dropna()
        both = a.index.intersection(b.index) if shared else a.index[:0]
        paired = len(both) > 0
        left_out = len(a) + len(b) - 2 * len(both)
        if paired:  # the pairs only, in the same order
            a, b = a[both], b[both]
        section = col_b.section if col_b.section is not None else col_a.section
        label = (cb_b.sections.get(section) or cb_a.sections.get(section, "")) if section else ""
        row = {"variable": common, "label": col_b.label, "section": section,
               "section_label": label, "wave_a": name_a, "wave_b": name_b,
               "n_a": len(a), "n_b": len(b), "k_a": int(a.sum()), "k_b": int(b.sum()),
               "paired": paired, "n_pairs": 0, "n_left_out": 0}
        for suffix, values in (("a", a), ("b", b)):
            n = len(values)
            row[f"pct_{suffix}"] = 100 * float(values.sum()) / n if n else _NAN
            low, high = wilson_interval(values.sum(), n)
            row[f"pct_{suffix}_low"], row[f"pct_{suffix}_high"] = 100 * low, 100 * high
        row.update(_paired(a, b, left_out) if paired else _independent(a, b))
        row["_order"] = (sections.index(section) if section in sections else len(sections))
        rows.append(row)

    rows.sort(key=lambda r: r["_order"])  # stable: codebook order within a section
    table = pd.DataFrame([{c: r.get(c, _NAN) for c in WAVE_COLUMNS} for r in rows],
                         columns=WAVE_COLUMNS)
    if table.empty:
        return table, problems
    table = table.astype({"n_a": int, "n_b": int, "k_a": int, "k_b": int, "paired": bool,
                          "n_pairs": int, "n_left_out": int})
    family = table["section"].map(lambda s: "" if s is None or s != s else str(s))
    table["p_adj"] = adjust_by(table, family, p_adjust)
    return table, problems
