"""Group comparisons: every grouping × every item, option and scale, tested as its
measurement level calls for (docs/results.md) → ``group_comparisons.csv``.

Two groups
    scale scores and numeric variables: Welch's t-test (never the pooled-variance test),
    Hedges' g; ordinal items: Mann–Whitney U with the normal approximation, tie and
    continuity correction, U of group_a, rank-biserial r; binary variables, options and
    coded answers: Pearson's chi-square without continuity correction, or Fisher's exact
    test when an expected count of the 2×2 table is below 5, with the risk difference
    (Newcombe's CI) and the odds ratio; nominal variables: chi-square, Cramér's V.
More than two groups
    ordinal items and scale scores (and numeric variables): Kruskal–Wallis with ε², Dunn's
    pairs with Holm within the variable; a crossed grouping of two variables (the 2×2
    design) also gets a type-II two-way ANOVA for scale scores and numeric variables, one
    row per main effect and one for the interaction, with partial η²; binary and nominal
    variables: chi-square over the r×c table, Cramér's V.
Small samples
    below ``exact_below`` respondents with a valid value (default 30: the 24 interviews
    of a first wave), Mann–Whitney's p comes from a permutation test (all arrangements
    when there are at most 20 000, else 20 000 seeded random ones) instead of the normal
    approximation, and every 2×2 table gets Fisher's exact test.

``p_adj`` is Holm (``p_adjust``) within ``family``: one section × one grouping; Dunn's
pairs within their variable. A test with a group smaller than ``min_cell`` is flagged
``small_cell`` and its statistics are withheld in shared reports (:mod:`survey.tables`).
Effect signs: positive when group_a (the first group listed in the codebook) scores
higher, or has the larger share of the event (the last listed level of a binary
variable, a ticked option).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from . import effects, posthoc
from .codebook import Codebook, Column
from .derive import grouping_series
from .describe import sections
from .multiplicity import adjust_by, check_method
from .settings import DEFAULTS

__all__ = ["COMPARISON_COLUMNS", "compare", "two_groups",
           "event_level", "group_names"]

COMPARISON_COLUMNS = [
    "variable", "label", "section", "grouping", "grouping_label", "family", "term",
    "group_a", "group_b", "n_a", "n_b", "n_min", "center", "center_a", "center_b", "test",
    "statistic", "df", "df2", "p", "p_adj", "effect", "effect_size", "ci_low", "ci_high",
    "ci_method", "odds_ratio", "or_ci_low", "or_ci_high", "small_cell", "reason_key",
]
_PERMUTATIONS = 20_000
_SEED = 20220110


def event_level(col: Column) -> str | int:
    """The level whose share a binary comparison reports: the last listed level of a
    binary variable (``ja`` of ``nein/ja``), 1 for an option or coded-answer column."""
    if col.kind in ("option", "code"):
        return 1
    return col.groups[-1]


def group_names(codebook: Codebook, grouping: str) -> list[str]:
    """The groups of a grouping as a report names them, in listing order: a single
    variable's levels with its label (``"Alleinerziehend: ja"``), as the groups of a
    crossed grouping or derived cross already read (``"… : ja / … : nein"``).
    """
    spec = codebook.groupings[grouping]
    col = codebook.column(spec.variables[0])
    if len(spec.variables) == 1 and col.kind == "variable":
        return [f"{col.label}: {g}" for g in col.groups]
    if len(spec.variables) == 1:
        return list(col.groups)
    return list(grouping_series(pd.DataFrame({v: pd.Categorical([]) for v in spec.variables}),
                                codebook, grouping).cat.categories)


def _row(**values) -> dict:
    return {c: values.get(c, np.nan) for c in COMPARISON_COLUMNS}


def _effect_fields(effect: effects.Effect) -> dict:
    return {"effect": effect.effect, "effect_size": effect.value, "ci_low": effect.ci_low,
            "ci_high": effect.ci_high, "ci_method": effect.method}


def two_groups(a: np.ndarray, b: np.ndarray, level: str, *, exact: bool = False) -> dict:
    """The test and effect size for two groups of one variable.

    Parameters
    ----------
    a, b : ndarray
        The values of group_a and group_b (NaN removed): numbers for ``scale``/``numeric``,
        keyed codes for ``ordinal``, 1.0 for the event and 0.0 otherwise for ``binary``.
    level : str
        ``scale``, ``numeric``, ``ordinal`` or ``binary``.
    exact : bool
        Small sample: Mann–Whitney by permutation, Fisher for every 2×2 table.

    Returns
    -------
    dict
        ``center, center_a, center_b, test, statistic, df, p, effect, effect_size,
        ci_low, ci_high, ci_method, odds_ratio, or_ci_low, or_ci_high, reason_key`` (the
        catalogue key ``reason.<key>`` says why the test was chosen).
    """
    out: dict = {}
    if level in ("scale", "numeric"):
        res = stats.ttest_ind(a, b, equal_var=False)
        va, vb = np.var(a, ddof=1) / len(a), np.var(b, ddof=1) / len(b)
        with np.errstate(all="ignore"):
            df = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
        out.update(center="mean", center_a=float(np.mean(a)), center_b=float(np.mean(b)),
                   test="welch_t", statistic=float(res.statistic), df=float(df),
                   p=float(res.pvalue), reason_key=f"welch_{level}",
                   **_effect_fields(effects.hedges_g(a, b)))
    elif level == "ordinal":
        method = (stats.PermutationMethod(n_resamples=_PERMUTATIONS, random_state=_SEED)
                  if exact else "asymptotic")
        res = stats.mannwhitneyu(a, b, use_continuity=True, alternative="two-sided",
                                 method=method)
        out.update(center="median", center_a=float(np.median(a)),
                   center_b=float(np.median(b)), test="mann_whitney",
                   statistic=float(res.statistic), p=float(res.pvalue),
                   reason_key="mwu_exact" if exact else "mwu",
                   **_effect_fields(effects.rank_biserial(a, b)))
    elif level == "binary":
        table = np.array([[a.sum(), len(a) - a.sum()], [b.sum(), len(b) - b.sum()]])
        expected = stats.contingency.expected_freq(table)
        out.update(center="percent", center_a=100 * float(a.mean()),
                   center_b=100 * float(b.mean()),
                   **_effect_fields(effects.risk_difference(table)))
        odds = effects.odds_ratio(table)
        out.update(odds_ratio=odds.value, or_ci_low=odds.ci_low, or_ci_high=odds.ci_high)
        if exact or (expected < 5).any():
            res = stats.fisher_exact(table)
            out.update(test="fisher", p=float(res.pvalue),
                       reason_key=("fisher_small_n" if exact and not (expected < 5).any()
                                   else "fisher"))
        else:
            chi2, p, df, _ = stats.chi2_contingency(table, correction=False)
            out.update(test="chi2", statistic=float(chi2), df=float(df), p=float(p),
                       reason_key="chi2_2x2")
    else:
        raise ValueError(f"no two-group test for level {level!r}")
    return out


def _values(data: pd.DataFrame, codebook: Codebook, col: Column) -> pd.Series:
    """Numbers a test uses: codes (keyed) for ordinal/numeric/scale, event 1/0 for binary,
    labels for nominal."""
    if col.level == "binary":
        raw = data[col.name]
        if col.kind in ("option", "code"):
            return pd.to_numeric(raw, errors="coerce").astype(float)
        return (raw.astype(object) == event_level(col)).astype(float).where(raw.notna())
    if col.level == "nominal":
        return data[col.name].astype(object).where(data[col.name].notna())
    return codebook.codes(data, col.name)


def _analysed(codebook: Codebook, grouping: str) -> list[tuple[str | None, str, Column]]:
    """(section, section title, column) of everything a grouping is compared on, in
    report order: variables, the options and codes of sets, scales; not text, dates, nor
    the grouping's own variables."""
    own = set(codebook.groupings[grouping].variables)
    for var in list(own):
        if var in codebook.derived:
            own.update(codebook.derived[var].sources)
    out = []
    for key, title, names in sections(codebook):
        for name in names:
            col = codebook.column(name)
            members = ([codebook.column(c) for c in col.data_columns] if col.kind == "set"
                       else [col])
            for member in members:
                if member.level in ("text", "date") or member.name in own:
                    continue
                if member.kind == "variable" and member.variable in own:
                    continue
                out.append((key, title, member))
    return out


def compare(data: pd.DataFrame, codebook: Codebook, *, groupings: Sequence[str] | None = None,
            alpha: float = DEFAULTS.alpha, p_adjust: str = DEFAULTS.p_adjust,
            min_cell: int = DEFAULTS.min_cell,
            exact_below: int = 30) -> pd.DataFrame:
    """Compare every grouping's groups on every item, option and scale (docs/results.md).

    Parameters
    ----------
    data : DataFrame
        Clean data.
    codebook : Codebook
    groupings : sequence of str, optional
        Default: every grouping of the codebook.
    alpha : float
        Not used for the tests themselves (p and p_adj are reported); kept so that the
        signature matches the other analyses.
    p_adjust : {"holm", "bonferroni", "fdr_bh", "none"}
        Correction within each family.
    min_cell : int
        Groups smaller than this flag the test ``small_cell``.
    exact_below : int
        Fewer respondents with a valid value than this: permutation and exact tests.

    Returns
    -------
    DataFrame
        :data:`COMPARISON_COLUMNS`, one row per test (see the module docstring).
    """
    check_method(p_adjust)
    rows: list[dict] = []
    for gname in (list(codebook.groupings) if groupings is None else list(groupings)):
        spec = codebook.groupings[gname]
        groups = grouping_series(data, codebook, gname)
        groups = groups.cat.rename_categories(group_names(codebook, gname))
        labels = [str(c) for c in groups.cat.categories]
        for section, _title, col in _analysed(codebook, gname):
            values = _values(data, codebook, col)
            ok = values.notna() & groups.notna()
            common = {"variable": col.name, "label": col.label, "section": section,
                      "grouping": gname, "grouping_label": spec.label,
                      "family": f"{section or ''} × {gname}"}
            samples = [values[ok & (groups == g)].to_numpy() for g in labels]
            sizes = [len(s) for s in samples]
            exact = int(ok.sum()) < exact_below
            if len(labels) == 2:
                rows.extend(_two(common, col, samples, labels, exact, min_cell))
            else:
                rows.extend(_many(common, col, samples, labels, sizes, data, codebook, spec,
                                  values, ok, min_cell))
    table = pd.DataFrame(rows, columns=COMPARISON_COLUMNS)
    if table.empty:
        return table
    table["small_cell"] = table["small_cell"].astype(bool)
    main = table["test"] != "dunn"  # Dunn's pairs: one family per grouping × variable
    table["p_adj"] = adjust_by(table, "family", p_adjust, main).fillna(
        adjust_by(table, ["grouping", "variable"], p_adjust, ~main))
    return table


def _two(common: dict, col: Column, samples: list[np.ndarray], labels: list[str],
         exact: bool, min_cell: int) -> list[dict]:
    a, b = samples
    n_a, n_b = len(a), len(b)
    base = {**common, "term": "", "group_a": labels[0], "group_b": labels[1], "n_a": n_a,
            "n_b": n_b, "n_min": min(n_a, n_b), "small_cell": min(n_a, n_b) < min_cell}
    if min(n_a, n_b) < 2:
        return [_row(**base, reason_key="too_few")]
    if col.level == "nominal":
        cats = list(col.groups)
        table = np.array([[np.sum(s == c) for c in cats] for s in samples])
        table = table[:, table.sum(axis=0) > 0]
        return [_row(**base, **_chi2(table))]
    return [_row(**base, **two_groups(a, b, col.level, exact=exact))]


def _chi2(table: np.ndarray) -> dict:
    if min(table.shape) < 2:
        return {"reason_key": "too_few"}
    chi2, p, df, expected = stats.chi2_contingency(table, correction=False)
    key = "chi2_small_expected" if (expected < 5).any() else "chi2"
    return {"test": "chi2", "statistic": float(chi2), "df": float(df), "p": float(p),
            "reason_key": key, **_effect_fields(effects.cramers_v(table))}


def _many(common: dict, col: Column, samples: list[np.ndarray], labels: list[str],
          sizes: list[int], data: pd.DataFrame, codebook: Codebook, spec, values: pd.Series,
          ok: pd.Series, min_cell: int) -> list[dict]:
    present = [i for i, n in enumerate(sizes) if n > 0]
    base = {**common, "term": "", "group_a": "", "group_b": "",
            "n_min": min(sizes) if sizes else 0,
            "small_cell": (min(sizes) if sizes else 0) < min_cell}
    if len(present) < 2:
        return [_row(**base, reason_key="too_few")]
    if col.level in ("binary", "nominal"):
        if col.level == "binary":
            table = np.array([[s.sum(), len(s) - s.sum()] for s in samples])
        else:
            cats = list(col.groups)
            table = np.array([[np.sum(s == c) for c in cats] for s in samples])
        table = table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0]
        return [_row(**base, **_chi2(table))]
    used = [samples[i] for i in present]
    h, p = stats.kruskal(*used)
    rows = [_row(**base, test="kruskal", statistic=float(h), df=float(len(used) - 1),
                 p=float(p), reason_key="kruskal",
                 **_effect_fields(effects.epsilon_squared(used)))]
    pairs = posthoc.dunn(used, [labels[i] for i in present])
    for pair in pairs.itertuples():
        ia, ib = labels.index(pair.group_a), labels.index(pair.group_b)
        small = min(pair.n_a, pair.n_b) < min_cell
        rows.append(_row(**common, term="", group_a=pair.group_a, group_b=pair.group_b,
                         n_a=pair.n_a, n_b=pair.n_b, n_min=min(pair.n_a, pair.n_b),
                         center="mean_rank", center_a=pair.mean_rank_a,
                         center_b=pair.mean_rank_b, test="dunn", statistic=pair.z, p=pair.p,
                         small_cell=small, reason_key="dunn",
                         **_effect_fields(effects.rank_biserial(samples[ia], samples[ib]))))
    if col.level in ("scale", "numeric") and len(spec.variables) == 2:
        rows.extend(_anova(common, col, data, codebook, spec, values, ok, min_cell))
    return rows


def _anova(common: dict, col: Column, data: pd.DataFrame, codebook: Codebook, spec,
           values: pd.Series, ok: pd.Series, min_cell: int) -> list[dict]:
    a, b = spec.variables
    frame = pd.DataFrame({"y": values, "a": data[a].astype(object), "b": data[b].astype(object)})
    frame = frame[ok & data[a].notna() & data[b].notna()]
    cells = frame.groupby(["a", "b"]).size()
    n_cells = len(codebook.column(a).groups) * len(codebook.column(b).groups)
    smallest = int(cells.min()) if len(cells) == n_cells else 0
    names = {"a": codebook.label(a), "b": codebook.label(b)}
    names["a:b"] = f"{names['a']} × {names['b']}"
    base = {**common, "group_a": "", "group_b": "", "n_min": smallest,
            "small_cell": smallest < min_cell}
    if smallest == 0:
        return [_row(**base, term=names["a:b"], test="anova2",
                     reason_key="anova_empty_cell")]
    table = posthoc.anova2(frame, "y", "a", "b")
    rows = []
    for term in table.itertuples():
        rows.append(_row(**base, term=names[term.term], test="anova2", statistic=term.F,
                         df=term.df, df2=term.df_resid, p=term.p, effect="eta2_partial",
                         effect_size=term.eta2_partial, ci_low=term.ci_low,
                         ci_high=term.ci_high, ci_method=term.method,
                         reason_key="anova2"))
    return rows
