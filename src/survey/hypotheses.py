"""The hypotheses declared in the codebook, tested as their variables' levels call for
→ ``hypotheses.csv``.

For each hypothesis and each of its ``y`` (docs/codebook.md):

- binary × ordinal, numeric or scale: Mann–Whitney U of the group with the binary's event
  (its last listed level, e.g. ``ja``) against the other group, with the rank-biserial r
  (primary row), and the point-biserial r (Pearson with the 0/1 binary; a second row);
- ordinal, numeric or scale × ordinal, numeric or scale: Spearman's rho (primary row) and
  Pearson's r (second row);
- binary × binary: chi-square without continuity correction, or Fisher's exact test when
  an expected count is below 5, with the risk difference (Newcombe's CI) and odds ratio;
- anything with a nominal variable: chi-square with Cramér's V, always two-sided.

A directional hypothesis (``direction: positive`` or ``negative``) is tested one-sided
(``alternative`` ``greater`` / ``less``); chi-square has no one-sided form, so its
one-sided p is p/2 when the risk difference points the hypothesised way and 1 − p/2
otherwise. The primary rows of confirmatory hypotheses form one Holm family, those of
exploratory ones another. A hypothesis is ``supported`` for a ``y`` when its primary
row's adjusted p is below ``alpha`` and its effect points the hypothesised way.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from . import effects
from .codebook import Codebook, Column
from .compare import _values, two_groups
from .messages import text
from .multiplicity import adjust_by
from .settings import DEFAULTS

__all__ = ["HYPOTHESIS_COLUMNS", "ALTERNATIVES", "hypotheses", "sentence"]

HYPOTHESIS_COLUMNS = [
    "hypothesis", "text", "x", "x_label", "y", "y_label", "confirmatory", "family", "primary",
    "test", "n", "cell_min", "statistic", "df", "p", "p_adj", "alternative", "effect",
    "effect_size", "ci_low", "ci_high", "ci_method", "direction", "supported", "caveat",
    "reason_key",
]
#: ``direction`` → scipy's ``alternative``.
ALTERNATIVES = {"positive": "greater", "negative": "less", "two-sided": "two-sided"}
_ORDERED = ("ordinal", "numeric", "scale")


def _one_sided(func, a: np.ndarray, b: np.ndarray, alternative: str) -> effects.Effect:
    """The effect with a 95 % CI matching the test: two-sided, or for a one-sided test the
    bound of the two-sided 90 % interval on its side and ±1 on the other."""
    if alternative == "two-sided":
        return func(a, b)
    e = func(a, b, confidence=0.90)
    low, high = (e.ci_low, 1.0) if alternative == "greater" else (-1.0, e.ci_high)
    return effects.Effect(e.effect, e.value, low, high, f"{e.method}, one-sided")


def _binary_and_other(cx: Column, cy: Column) -> tuple[Column, Column] | None:
    if cx.level == "binary" and cy.level in _ORDERED:
        return cx, cy
    if cy.level == "binary" and cx.level in _ORDERED:
        return cy, cx
    return None


def _one(data: pd.DataFrame, codebook: Codebook, cx: Column, cy: Column, alternative: str
         ) -> list[dict]:
    vx, vy = _values(data, codebook, cx), _values(data, codebook, cy)
    ok = vx.notna() & vy.notna()
    n = int(ok.sum())
    pair = _binary_and_other(cx, cy)
    if n < 3:
        return [{"test": "", "n": n, "reason_key": "too_few", "primary": True}]
    if pair is not None:
        binary, other = pair
        b = _values(data, codebook, binary)[ok].to_numpy(float)
        y = _values(data, codebook, other)[ok].to_numpy(float)
        a_vals, b_vals = y[b == 1], y[b == 0]
        cells = _smallest([len(a_vals), len(b_vals)])
        res = stats.mannwhitneyu(a_vals, b_vals, use_continuity=True, alternative=alternative,
                                 method="asymptotic")
        r_rb = _one_sided(effects.rank_biserial, a_vals, b_vals, alternative)
        r_pb, t_pb, p_pb = effects.correlation(b, y, method="pearson",
                                               alternative=alternative)
        return [
            {"test": "mann_whitney", "n": n, "cell_min": cells,
             "statistic": float(res.statistic),
             "p": float(res.pvalue), "effect": r_rb.effect, "effect_size": r_rb.value,
             "ci_low": r_rb.ci_low, "ci_high": r_rb.ci_high, "ci_method": r_rb.method,
             "primary": True, "reason_key": "hyp_mwu"},
            {"test": "point_biserial", "n": n, "cell_min": cells, "statistic": t_pb,
             "df": float(n - 2),
             "p": p_pb, "effect": "r", "effect_size": r_pb.value, "ci_low": r_pb.ci_low,
             "ci_high": r_pb.ci_high, "ci_method": r_pb.method, "primary": False,
             "reason_key": "hyp_point_biserial"},
        ]
    if cx.level in _ORDERED and cy.level in _ORDERED:
        x, y = vx[ok].to_numpy(float), vy[ok].to_numpy(float)
        out = []
        for method, primary in (("spearman", True), ("pearson", False)):
            eff, stat, p = effects.correlation(x, y, method=method, alternative=alternative)
            out.append({"test": method, "n": n, "statistic": stat, "p": p,
                        # both statistics are t with n − 2 df (effects.correlation)
                        "df": float(n - 2),
                        "effect": "r", "effect_size": eff.value, "ci_low": eff.ci_low,
                        "ci_high": eff.ci_high, "ci_method": eff.method, "primary": primary,
                        "reason_key": f"hyp_{method}"})
        return out
    if cx.level == "binary" and cy.level == "binary":
        x, y = vx[ok].to_numpy(float), vy[ok].to_numpy(float)
        res = two_groups(y[x == 1], y[x == 0], "binary")
        p = res["p"]
        if alternative != "two-sided":
            if res["test"] == "fisher":
                table = np.array([[y[x == 1].sum(), (1 - y[x == 1]).sum()],
                                  [y[x == 0].sum(), (1 - y[x == 0]).sum()]])
                p = float(stats.fisher_exact(table, alternative=alternative).pvalue)
            else:
                right_way = (res["effect_size"] > 0) == (alternative == "greater")
                p = p / 2 if right_way else 1 - p / 2
        keep = ("test", "statistic", "df", "effect", "effect_size", "ci_low", "ci_high",
                "ci_method", "reason_key")
        cells = _smallest(pd.crosstab(x, y).to_numpy().ravel())
        return [{**{k: res.get(k, np.nan) for k in keep}, "n": n, "cell_min": cells, "p": p,
                 "primary": True}]
    table = pd.crosstab(vx[ok], vy[ok]).to_numpy()
    chi2, p, df, _ = stats.chi2_contingency(table, correction=False)
    v = effects.cramers_v(table)
    return [{"test": "chi2", "n": n, "cell_min": _smallest(table.ravel()),
             "statistic": float(chi2), "df": float(df), "p": float(p),
             "effect": v.effect, "effect_size": v.value, "ci_low": v.ci_low,
             "ci_high": v.ci_high, "ci_method": v.method, "primary": True,
             "reason_key": "chi2", "alternative": "two-sided"}]


def _smallest(counts) -> float:
    """The smallest non-empty cell (or group) a test's table has: a shared report withholds
    the test when it is below ``min_cell`` (with the margins, the test would give it away).
    """
    filled = [int(c) for c in counts if int(c) > 0]
    return float(min(filled)) if filled else np.nan


def hypotheses(data: pd.DataFrame, codebook: Codebook, *, alpha: float = DEFAULTS.alpha,
               p_adjust: str = DEFAULTS.p_adjust) -> pd.DataFrame:
    """Test every hypothesis of the codebook (see the module docstring).

    Returns
    -------
    DataFrame
        :data:`HYPOTHESIS_COLUMNS`, one row per hypothesis × y × test (``cell_min``: the
        smallest non-empty group or cell of a test that compares groups); ``family`` is
        ``confirmatory`` or ``exploratory``; ``p_adj`` (Holm within the family) and
        ``supported`` are set on the primary rows.
    """
    rows = []
    for name, hyp in codebook.hypotheses.items():
        cx = codebook.column(hyp.x)
        alternative = ALTERNATIVES[hyp.direction]
        for y in hyp.y:
            cy = codebook.column(y)
            common = {"hypothesis": name, "text": hyp.text, "x": hyp.x, "x_label": cx.label,
                      "y": y, "y_label": cy.label, "confirmatory": hyp.confirmatory,
                      "family": "confirmatory" if hyp.confirmatory else "exploratory",
                      "alternative": alternative, "direction": hyp.direction,
                      "caveat": hyp.caveat or ""}
            for result in _one(data, codebook, cx, cy, alternative):
                rows.append({c: np.nan for c in HYPOTHESIS_COLUMNS} | common | result)
    table = pd.DataFrame(rows, columns=HYPOTHESIS_COLUMNS)
    if table.empty:
        return table
    table["primary"] = table["primary"].astype(bool)
    table["supported"] = pd.Series(pd.NA, index=table.index, dtype="boolean")
    table["p_adj"] = adjust_by(table, "family", p_adjust, table["primary"])
    for i in table.index[table["primary"] & table["p_adj"].notna()]:
        row = table.loc[i]
        sign = {"greater": 1, "less": -1}.get(row["alternative"], 0)
        right_way = sign == 0 or np.sign(row["effect_size"]) == sign
        table.loc[i, "supported"] = bool(row["p_adj"] < alpha and right_way)
    return table


# the Spearman row's statistic is the t of its asymptotic test, like Pearson's; its effect
# (the correlation itself) is written ρ
_SYMBOLS = {"mann_whitney": "U", "point_biserial": "t", "pearson": "t", "spearman": "t",
            "chi2": "χ²", "fisher": ""}


def sentence(row: pd.Series, *, language: str = "de") -> str:
    """One line for a hypothesis test: the y, the verdict (primary rows), the statistic,
    the one- or two-sided p with its correction and the effect with its CI.

    >>> print(sentence(pd.Series({"y_label": "Gesprächspartner", "verdict": "bestätigt",
    ...     "test": "mann_whitney", "statistic": 1234.0, "df": float("nan"), "p": 0.0012,
    ...     "p_adj": 0.0036, "alternative": "greater", "effect": "rank_biserial",
    ...     "effect_size": 0.35, "ci_low": 0.15, "ci_high": 1.0, "primary": True})))
    ... # doctest: +NORMALIZE_WHITESPACE
    „Gesprächspartner“: bestätigt – U = 1.234,0, p (einseitig) = ,001, korrigiert ,004;
    r = ,35, 95 %-KI [,15; 1,00].
    """
    from .numbers import format_number
    from .statstext import format_effect, format_interval

    label = text("sentence.quote", language).format(label=row["y_label"])
    head = f"{label}: {row['verdict']} – " if row.get("verdict") else f"{label}: "
    if pd.isna(row.get("p")):
        return head + text("text.not_shown", language) + "."
    symbol = _SYMBOLS.get(row["test"], "")
    parts = []
    if symbol and pd.notna(row.get("statistic")):
        decimals = 1 if row["test"] == "mann_whitney" else 2
        df = f"({format_number(row['df'], 'count', language)})" if pd.notna(row.get("df")) \
            else ""
        value = format_number(row["statistic"], "stat", language, decimals)
        parts.append(f"{symbol}{df} = {value}")
    side = text("hyp.one_sided" if row["alternative"] != "two-sided" else "hyp.two_sided",
                language)
    p_text = f"p ({side}) = {format_number(row['p'], 'p', language)}".replace("= <", "<")
    if pd.notna(row.get("p_adj")):
        adjusted = format_number(row["p_adj"], "p", language)
        p_text += f", {text('hyp.adjusted', language)} {adjusted}"
    parts.append(p_text)
    effect = row["effect"]
    symbol_e = ("ρ" if row["test"] == "spearman" and effect == "r"
                else text(f"sentence.symbol.{effect}", language))
    ci = format_interval(effect, row["ci_low"], row["ci_high"], language=language)
    parts.append(f"{symbol_e} = {format_effect(effect, row['effect_size'], language=language)}"
                 + (f", {text('hyp.ci', language)} {ci}" if ci else ""))
    return head + ", ".join(parts[:-1]) + "; " + parts[-1] + "."
