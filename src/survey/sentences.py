"""Short result sentences for reports, written from rows of ``group_comparisons.csv``.

The sentences follow APA/DGPs style, their statistics written by :mod:`survey.statstext`
(test statistic, p, effect size with its 95 % confidence interval). Every word comes from
the catalogue (:mod:`survey.messages`, keys ``sentence.*``).

Significance is judged on ``p_adj`` (Holm within the row's family; ``p`` when ``p_adj`` is
missing). Both p-values are shown, the adjusted one in parentheses (in brackets inside a
parenthesis) unless it equals ``p`` at three decimals. A significant result is written as
a finding (``A höher als B, …``), a non-significant one with its statistics in parentheses
(``A und B unterscheiden sich nicht signifikant (…)``). Group_a is always named first, so
that the sign of the effect size matches the sentence (docs/results.md: positive when group_a
scores higher).

A row flagged ``small_cell`` whose p-value is missing (a shared report withholds it) gives
``"… nicht ausgewiesen (Gruppe mit weniger als 5 Fällen)."``; another row whose p-value
a shared table withholds (its ``suppressed`` column names ``p``: an answer below
``min_cell`` in a group) ``"… nicht ausgewiesen (eine Antwort kommt in einer Gruppe
weniger als 5-mal vor …)."``; any other row without a p-value (no test possible)
``"… kein Test berechenbar."``. Sentences are written from the table as the disclosure
plan returned it: a withheld group share or statistic is never named.

Examples
--------
>>> row = {"label": "Kontakt zu Freunden", "group_a": "ja", "group_b": "nein",
...        "center": "median", "center_a": 4.0, "center_b": 3.0, "test": "mann_whitney",
...        "statistic": 3850.0, "p": 0.012, "p_adj": 0.036, "effect": "rank_biserial",
...        "effect_size": 0.21, "ci_low": 0.05, "ci_high": 0.36}
>>> two_group(row)
'„Kontakt zu Freunden“: ja (Md = 4,0) höher als nein (Md = 3,0), U = 3.850,0, p = ,012 (korrigiert: ,036), r = ,21, 95 %-KI [,05; ,36].'
>>> two_group(row, language="en")
'“Kontakt zu Freunden”: ja (Mdn = 4.0) higher than nein (Mdn = 3.0), U = 3,850.0, p = .012 (adjusted: .036), r = .21, 95% CI [.05, .36].'
"""  # noqa: E501

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from .disclosure import SUPPRESSED, withheld_columns
from .messages import check_language, text
from .numbers import format_number, is_missing
from .settings import DEFAULTS
from .statstext import _missing, _num, _p_value, _stats
from .vocabulary import truth

__all__ = [
    "TWO_GROUP_TESTS",
    "worth_saying",
    "OMNIBUS_TESTS",
    "two_group",
    "omnibus",
    "anova",
    "for_rows",
]

#: Tests :func:`two_group` writes sentences for.
TWO_GROUP_TESTS = ("welch_t", "mann_whitney", "chi2", "fisher")
#: Tests :func:`omnibus` writes sentences for (k > 2 groups).
OMNIBUS_TESTS = ("kruskal", "chi2")

#: Effect sizes whose sign says which group is higher (odds ratio: above or below 1).
_DIRECTIONAL = frozenset({"hedges_g", "rank_biserial", "risk_difference", "odds_ratio", "r"})
_CENTER_DIGITS = {"mean": 2, "median": 1, "percent": 0}


# --------------------------------------------------------------------------- rows


def _flag(x: Any) -> bool:
    """``small_cell`` as written to CSV and read back: bool, 0/1 or ``"True"``/``"False"``."""
    if isinstance(x, str):
        return bool(truth(x))
    return False if is_missing(x) else bool(x)


def _as_row(row: Any) -> Mapping[str, Any]:
    if hasattr(row, "_asdict"):  # a namedtuple from DataFrame.itertuples
        return row._asdict()
    if isinstance(row, Mapping | pd.Series):
        return row
    raise TypeError(f"a row must be a mapping or a pandas Series, got {type(row).__name__}")


def _tested_row(row: Any, tests: tuple[str, ...], writer: str) -> Mapping[str, Any]:
    """``row`` as a mapping, else TypeError; ValueError when its test is not in ``tests``."""
    row = _as_row(row)
    test = str(row.get("test"))
    if test not in tests:
        raise ValueError(f"{writer} writes sentences for {', '.join(tests)}, "
                         f"not test {test!r}")
    return row


def _as_rows(rows: Any) -> list[Mapping[str, Any]]:
    if rows is None:
        return []
    if isinstance(rows, pd.DataFrame):
        return rows.to_dict("records")
    if isinstance(rows, Mapping | pd.Series):
        return [rows]
    return [_as_row(r) for r in rows]


def _text_value(x: Any) -> str:
    return "" if is_missing(x) else str(x)


def _quote(row: Mapping[str, Any], language: str) -> str:
    label = _text_value(row.get("label")) or _text_value(row.get("variable"))
    return text("sentence.quote", language).format(label=label)


def _significant(row: Mapping[str, Any], alpha: float) -> bool:
    p = _num(row.get("p_adj"))
    if math.isnan(p):
        p = _num(row.get("p"))
    return not math.isnan(p) and p < alpha


def _unavailable(row: Mapping[str, Any], subject: str, language: str,
                 min_cell: int) -> str | None:
    """The sentence of a row without a p-value (withheld or not computable), else None.

    A row a shared table withholds (its ``suppressed`` column names ``p``) says why: a
    group below ``min_cell`` (``small_cell``) or an answer that rare in a group."""
    if not _missing(row.get("p")):
        return None
    withheld = "p" in withheld_columns(row.get(SUPPRESSED))
    if _flag(row.get("small_cell")):
        return text("sentence.withheld", language).format(subject=subject, min_cell=min_cell)
    if withheld:
        return text("sentence.withheld_cell", language).format(subject=subject,
                                                               min_cell=min_cell)
    return text("sentence.not_computable", language).format(subject=subject)


def _group(row: Mapping[str, Any], side: str, language: str) -> str:
    """``"Alleinerziehende (Md = 4,0)"``; the name alone when there is no centre."""
    name = _text_value(row.get(f"group_{side}"))
    center = _text_value(row.get("center"))
    value = _num(row.get(f"center_{side}"))
    if center not in _CENTER_DIGITS or math.isnan(value):
        return name
    shown = format_number(value, "stat", language, _CENTER_DIGITS[center])
    return f"{name} ({text(f'sentence.center.{center}', language).format(value=shown)})"


def _direction(row: Mapping[str, Any]) -> int:
    """+1 when group_a is higher, −1 when group_b is, 0 when the row does not say."""
    effect = str(row.get("effect") or "")
    value = _num(row.get("effect_size"))
    if effect in _DIRECTIONAL and not math.isnan(value) and value != 0:
        return 1 if value > 0 else -1
    if effect == "cramers_v":
        return 0  # an r x c table has no direction; a 2x2 table has risk_difference
    diff = _num(row.get("center_a")) - _num(row.get("center_b"))
    if not math.isnan(diff) and diff != 0:
        return 1 if diff > 0 else -1
    return 0


def _check(language: str, alpha: float, min_cell: int) -> None:
    check_language(language)
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha!r}")
    if isinstance(min_cell, bool) or not isinstance(min_cell, int) or min_cell < 1:
        raise ValueError(f"min_cell must be a positive integer, got {min_cell!r}")


# --------------------------------------------------------------------------- sentences


def two_group(row: Mapping[str, Any], *, language: str = "de", alpha: float = DEFAULTS.alpha,
              min_cell: int = DEFAULTS.min_cell) -> str:
    """The result of a two-group comparison as one sentence.

    Parameters
    ----------
    row : mapping or Series
        One row of ``group_comparisons.csv`` with ``test`` in :data:`TWO_GROUP_TESTS`.
    language : {"de", "en"}
    alpha : float, default 0.05
        Significance level, applied to ``p_adj``.
    min_cell : int, default 5
        The report's threshold, named in the sentence of a withheld row.

    Returns
    -------
    str
        Significant: ``"„{label}“: {group_a} ({centre}) höher als {group_b} ({centre}),
        {statistics}."`` ("niedriger als" when the effect is negative; "unterscheiden sich
        signifikant" when the effect has no direction, as Cramér's V); not significant:
        ``"„{label}“: {group_a} (…) und {group_b} (…) unterscheiden sich nicht signifikant
        ({statistics})."``. Statistics: ``t(df) = …`` (Welch, df with one decimal), ``U =
        …``, ``χ²(df) = …`` or ``exakter Test nach Fisher``; ``p``; the effect size with its
        95 % CI; for a 2×2 table the risk difference in percentage points and the odds
        ratio. Centres: ``M = 3,45``, ``Md = 4,0``, ``54 %``.

    Raises
    ------
    ValueError
        For a test that is not a two-group test, an unknown language, ``alpha`` outside
        (0, 1) or a ``min_cell`` that is not a positive integer.

    Examples
    --------
    >>> two_group({"label": "Zufrieden", "group_a": "A", "group_b": "B", "center": "mean",
    ...            "center_a": 3.2, "center_b": 3.5, "test": "welch_t", "statistic": -1.234,
    ...            "df": 97.46, "p": 0.22, "p_adj": 0.44, "effect": "hedges_g",
    ...            "effect_size": -0.25, "ci_low": -0.64, "ci_high": 0.15})
    '„Zufrieden“: A (M = 3,20) und B (M = 3,50) unterscheiden sich nicht signifikant (t(97,5) = −1,23, p = ,220 [korrigiert: ,440], g = −0,25, 95 %-KI [−0,64; 0,15]).'
    """  # noqa: E501
    _check(language, alpha, min_cell)
    row = _tested_row(row, TWO_GROUP_TESTS, "two_group")
    quote = _quote(row, language)
    unavailable = _unavailable(row, quote, language, min_cell)
    if unavailable is not None:
        return unavailable
    group_a, group_b = _group(row, "a", language), _group(row, "b", language)
    if not _significant(row, alpha):
        return text("sentence.two_group_ns", language).format(
            quote=quote, group_a=group_a, group_b=group_b,
            stats=_stats(row, language, nested=True))
    stats = _stats(row, language, nested=False)
    direction = _direction(row)
    if direction == 0:
        return text("sentence.two_group_differ", language).format(
            quote=quote, group_a=group_a, group_b=group_b, stats=stats)
    word = text("sentence.higher" if direction > 0 else "sentence.lower", language)
    return text("sentence.two_group_directed", language).format(
        quote=quote, group_a=group_a, direction=word, group_b=group_b, stats=stats)


def _pair_z(pair: Mapping[str, Any], group: str) -> float:
    """Dunn's z from the side of ``group`` (positive: ``group`` has the higher mean rank)."""
    z = _num(pair.get("statistic"))
    return z if _text_value(pair.get("group_a")) == group else -z


def _pair_groups(pairs: list[Mapping[str, Any]]) -> list[str]:
    names: list[str] = []
    for pair in pairs:
        for side in ("group_a", "group_b"):
            name = _text_value(pair.get(side))
            if name and name not in names:
                names.append(name)
    return names


def _extreme(pairs: list[Mapping[str, Any]], alpha: float, sign: int) -> tuple[str, float] | None:
    """The group higher (``sign`` +1) or lower (−1) than every other group, each pair
    significant after Holm, with the largest adjusted p of its pairs; None if there is none.
    """
    groups = _pair_groups(pairs)
    if len(groups) < 2:
        return None
    for group in groups:
        worst = 0.0
        for other in groups:
            if other == group:
                continue
            found = [p for p in pairs
                     if {_text_value(p.get("group_a")), _text_value(p.get("group_b"))}
                     == {group, other}]
            if not found:
                break
            pair = found[0]
            z = _pair_z(pair, group)
            p_adj = _num(pair.get("p_adj"))
            if math.isnan(z) or math.isnan(p_adj) or p_adj >= alpha or z * sign <= 0:
                break
            worst = max(worst, p_adj)
        else:
            return group, worst
    return None


def _pair_sentence(pair: Mapping[str, Any], language: str) -> str:
    """``"C höher als A (z = 3,10, p = ,012)"``: the higher group first, z from its side."""
    z = _num(pair.get("statistic"))
    a, b = _text_value(pair.get("group_a")), _text_value(pair.get("group_b"))
    higher, lower = (a, b) if z > 0 else (b, a)
    shown = text("sentence.stat.dunn", language).format(
        value=format_number(abs(z), "stat", language, 2))
    p = _p_value(_num(pair.get("p_adj")), language)
    p_text = f"p {p}" if p.startswith("<") else f"p = {p}"
    return text("sentence.pair", language).format(higher=higher, lower=lower,
                                                  stats=f"{shown}, {p_text}")


def omnibus(row: Mapping[str, Any], pairs: Any = None, *, language: str = "de",
            alpha: float = DEFAULTS.alpha, min_cell: int = DEFAULTS.min_cell) -> str:
    """The result of a comparison of more than two groups, with Dunn's pairs, as a sentence.

    Parameters
    ----------
    row : mapping or Series
        The omnibus row of ``group_comparisons.csv`` (test ``kruskal``, or ``chi2`` over
        k > 2 groups).
    pairs : DataFrame or sequence of mappings, optional
        The ``dunn`` rows of the same variable (rows of another variable, grouping or test
        are ignored): ``group_a, group_b, statistic`` (z, positive when group_a has the
        higher mean rank), ``p_adj`` (Holm within the variable).
    language : {"de", "en"}
    alpha : float, default 0.05
        Significance level, applied to the omnibus ``p_adj`` and the pairs' ``p_adj``.
    min_cell : int, default 5
        The report's threshold, named in the sentence of a withheld row.

    Returns
    -------
    str
        Not significant: ``"„{label}“: kein signifikanter Unterschied zwischen den Gruppen
        (H(3) = 2,10, p = ,550, ε² = ,01, …)."``. Significant, and one group higher (or
        lower) than every other group with each of its pairs significant:
        ``"„{label}“: {group} höher als jede andere Gruppe (H(3) = …; Dunn,
        Holm-korrigiert: jedes p ≤ ,031)."``; otherwise the significant pairs, the higher
        group first with z from its side (``"C höher als A (z = 3,10, p = ,012)"``), or a
        note that no pair is significant.

    Examples
    --------
    >>> kw = {"label": "Stress", "test": "kruskal", "statistic": 2.1, "df": 2.0, "p": 0.35,
    ...       "p_adj": 0.7, "effect": "epsilon2", "effect_size": 0.012, "ci_low": 0.0,
    ...       "ci_high": 0.05}
    >>> omnibus(kw, [])
    '„Stress“: kein signifikanter Unterschied zwischen den Gruppen (H(2) = 2,10, p = ,350 [korrigiert: ,700], ε² = ,01, 95 %-KI [,00; ,05]).'
    """  # noqa: E501
    _check(language, alpha, min_cell)
    row = _tested_row(row, OMNIBUS_TESTS, "omnibus")
    quote = _quote(row, language)
    unavailable = _unavailable(row, quote, language, min_cell)
    if unavailable is not None:
        return unavailable
    stats = _stats(row, language, nested=True)
    if not _significant(row, alpha):
        return text("sentence.omnibus_ns", language).format(quote=quote, stats=stats)
    mine = [p for p in _as_rows(pairs) if _belongs(p, row)]
    if not mine:
        return text("sentence.omnibus_differ", language).format(quote=quote, stats=stats)
    return _omnibus_pairs(quote, stats, mine, alpha, language)


def _omnibus_pairs(quote: str, stats: str, pairs: list[Mapping[str, Any]], alpha: float,
                   language: str) -> str:
    """The sentence of a significant omnibus row from its Dunn ``pairs``: one group higher
    (or lower) than every other, else the significant pairs, else that none is."""
    for sign, key in ((1, "sentence.omnibus_highest"), (-1, "sentence.omnibus_lowest")):
        found = _extreme(pairs, alpha, sign)
        if found is not None:
            group, worst = found
            shown = _p_value(worst, language)
            bound = shown if shown.startswith("<") else f"≤ {shown}"
            all_pairs = text("sentence.pairs_all", language).format(p=bound)
            return text(key, language).format(quote=quote, group=group,
                                              stats=f"{stats}; {all_pairs}")
    significant = [p for p in pairs if not _missing(p.get("statistic"))
                   and _num(p.get("p_adj")) < alpha]
    if not significant:
        return text("sentence.omnibus_no_pair", language).format(quote=quote, stats=stats)
    listed = ", ".join(_pair_sentence(p, language) for p in significant)
    return text("sentence.omnibus_pairs", language).format(quote=quote, stats=stats,
                                                           pairs=listed)


def _belongs(pair: Mapping[str, Any], row: Mapping[str, Any]) -> bool:
    """A Dunn row of the omnibus row's variable and grouping (when the columns are there)."""
    if str(pair.get("test", "dunn")) != "dunn":
        return False
    for key in ("variable", "grouping"):
        mine, theirs = _text_value(row.get(key)), _text_value(pair.get(key))
        if mine and theirs and mine != theirs:
            return False
    return True


def _is_interaction(term: str) -> bool:
    return "×" in term or ":" in term


def anova(rows: Any, *, language: str = "de", alpha: float = DEFAULTS.alpha,
          min_cell: int = DEFAULTS.min_cell) -> list[str]:
    """One sentence per term of two-way ANOVAs (``anova2`` rows), in the order of ``rows``.

    Parameters
    ----------
    rows : DataFrame or sequence of mappings
        Rows of ``group_comparisons.csv``; rows of other tests are skipped. ``term`` is the
        factor's label, or ``"A × B"`` for the interaction.
    language : {"de", "en"}
    alpha : float, default 0.05
        Significance level, applied to ``p_adj``.
    min_cell : int, default 5
        The report's threshold, named in the sentence of a withheld row.

    Returns
    -------
    list of str
        ``"„{label}“: signifikanter Haupteffekt {term}, F(1, 196) = 5,31, p = ,022,
        η²p = ,03, 95 %-KI [,00; ,08]."``, ``"„{label}“: keine signifikante Wechselwirkung
        {term} (F(1, 196) = …)."``.

    Examples
    --------
    >>> anova([{"label": "Belastung", "term": "Alleinerziehend", "test": "anova2",
    ...         "statistic": 5.3149, "df": 1.0, "df2": 196.0, "p": 0.0222, "p_adj": 0.0222,
    ...         "effect": "eta2_partial", "effect_size": 0.0264, "ci_low": 0.0011,
    ...         "ci_high": 0.0821}])
    ['„Belastung“: signifikanter Haupteffekt Alleinerziehend, F(1, 196) = 5,31, p = ,022, η²p = ,03, 95 %-KI [,00; ,08].']
    """  # noqa: E501
    _check(language, alpha, min_cell)
    out = []
    for row in _as_rows(rows):
        if str(row.get("test")) != "anova2":
            continue
        quote = _quote(row, language)
        term = _text_value(row.get("term"))
        kind = "interaction" if _is_interaction(term) else "main"
        subject = f"{quote}, " + text(
            "sentence.interaction" if kind == "interaction" else "sentence.main_effect",
            language).format(term=term)
        unavailable = _unavailable(row, subject, language, min_cell)
        if unavailable is not None:
            out.append(unavailable)
            continue
        significant = _significant(row, alpha)
        key = f"sentence.anova_{kind}_{'sig' if significant else 'ns'}"
        out.append(text(key, language).format(
            quote=quote, term=term, stats=_stats(row, language, nested=not significant)))
    return out


def for_rows(rows: pd.DataFrame, *, language: str = "de", alpha: float = DEFAULTS.alpha,
             min_cell: int = DEFAULTS.min_cell) -> list[str]:
    """The sentences of a block of ``group_comparisons.csv`` rows, one per result, in the
    rows' order: a two-group sentence per two-group row, an omnibus sentence (with its
    variable's Dunn pairs) per omnibus row, the ANOVA sentences of a variable after its
    omnibus sentence. Dunn and ANOVA rows add no sentence of their own.

    Examples
    --------
    >>> rows = pd.DataFrame([{"variable": "x", "label": "Frage", "grouping": "g",
    ...     "group_a": "ja", "group_b": "nein", "n_a": 20, "n_b": 20, "center": "mean",
    ...     "center_a": 3.5, "center_b": 3.0, "test": "welch_t", "statistic": 1.2,
    ...     "df": 37.5, "p": 0.24, "p_adj": 0.24, "effect": "hedges_g",
    ...     "effect_size": 0.37, "ci_low": -0.25, "ci_high": 0.99, "small_cell": False}])
    >>> len(for_rows(rows))
    1
    """
    frame = rows.reset_index(drop=True)
    out: list[str] = []
    kw = {"language": language, "alpha": alpha, "min_cell": min_cell}
    for i in range(len(frame)):
        row = frame.iloc[i]
        test = row.get("test")
        two = test in TWO_GROUP_TESTS and not _missing_group(row.get("group_a"))
        if two:
            out.append(two_group(row, **kw))
        elif test in OMNIBUS_TESTS:
            same = (frame["variable"] == row["variable"]) & (frame["grouping"] == row["grouping"])
            out.append(omnibus(row, frame[same & (frame["test"] == "dunn")], **kw))
            anova_rows = frame[same & (frame["test"] == "anova2")]
            if len(anova_rows):
                out.extend(anova(anova_rows, **kw))
    return out


def worth_saying(rows: pd.DataFrame, alpha: float = DEFAULTS.alpha) -> pd.Series:
    """Which rows of a block of ``group_comparisons.csv`` get a sentence in a report: every
    row of a variable × grouping that has a result significant after correction (its own
    test's adjusted p, or a two-way ANOVA term's p, below ``alpha``); the rest stay in the
    table (issue "reports a committee reads in ten minutes").

    >>> rows = pd.DataFrame({"variable": ["x", "x", "y"], "grouping": "g",
    ...     "test": ["kruskal", "dunn", "welch_t"], "p": [0.001, 0.01, 0.2],
    ...     "p_adj": [0.003, 0.02, 0.4]})
    >>> worth_saying(rows).tolist()
    [True, True, False]
    """
    if rows.empty:
        return pd.Series(dtype=bool, index=rows.index)
    p_adj = pd.to_numeric(rows["p_adj"], errors="coerce")
    p = pd.to_numeric(rows["p"], errors="coerce")
    own = ~rows["test"].isin(["dunn", "anova2"])
    hit = (own & (p_adj < alpha)) | ((rows["test"] == "anova2") & (p < alpha))
    keys = list(zip(rows["variable"], rows["grouping"], strict=True))
    chosen = {k for k, h in zip(keys, hit, strict=True) if h}
    return pd.Series([k in chosen for k in keys], index=rows.index)


def _missing_group(value: Any) -> bool:
    return is_missing(value) or str(value) == ""
