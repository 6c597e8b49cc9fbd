"""The words reports show, in one catalogue: German by default, English when the
codebook says ``language: en``.

Keys are dotted: ``kind.dont_know`` (kinds of missing values), ``col.pct_valid`` (table
headers), ``text.*`` (sentences in reports). A missing English entry falls back to German,
so a report is never left with a bare key.

Examples
--------
>>> text("kind.dont_know")
'weiß nicht'
>>> text("kind.dont_know", "en")
"don't know"
>>> labels("kind", "de")["no_answer"]
'keine Angabe'
"""

from __future__ import annotations

__all__ = ["LANGUAGES", "MESSAGES", "text", "labels"]

LANGUAGES = ("de", "en")

MESSAGES: dict[str, dict[str, str]] = {
    # kinds of missing values (missing.parquet, frequencies.csv), in report order
    "kind.dont_know": {"de": "weiß nicht", "en": "don't know"},
    "kind.no_answer": {"de": "keine Angabe", "en": "no answer"},
    "kind.system": {"de": "leer", "en": "blank"},
    "kind.not_asked": {"de": "nicht gefragt (Filter)", "en": "not asked (filter)"},
    "kind.invalid": {"de": "ungültig", "en": "invalid"},
    # problems of a scale's reliability (survey.scales.scale_problems); {item} is a label
    "scale_problem.single_item": {
        "de": "nur ein Item – keine Reliabilität berechenbar.",
        "en": "a single item – reliability cannot be computed."},
    "scale_problem.too_few_cases": {
        "de": "weniger als zwei Befragte haben alle Items beantwortet – keine Reliabilität "
              "berechenbar.",
        "en": "fewer than two respondents answered every item – reliability cannot be "
              "computed."},
    "scale_problem.zero_variance": {
        "de": "„{item}“ hat keine Varianz (alle antworten gleich).",
        "en": "“{item}” has no variance (everyone answered alike)."},
    "scale_problem.negative_item_rest": {
        "de": "„{item}“ korreliert negativ mit den übrigen Items – Polung prüfen.",
        "en": "“{item}” correlates negatively with the other items – check its keying."},
    # kinds of rows in result tables that are not kinds of missing values (survey.tables)
    "row_kind.valid": {"de": "gültig", "en": "valid"},
    "row_kind.missing": {"de": "fehlend", "en": "missing"},
    # values in report tables (survey.tables.display)
    "value.group_missing": {"de": "Gruppe unbekannt", "en": "group unknown"},
    "value.total": {"de": "Gesamt", "en": "Total"},
    "text.not_shown": {"de": "nicht ausgewiesen", "en": "not shown"},
    "value.true": {"de": "ja", "en": "yes"},
    "value.false": {"de": "nein", "en": "no"},
    # column headers of the result tables (SPEC §7) in reports (survey.tables.display)
    "col.grouping": {"de": "Gruppierung", "en": "Grouping"},
    "col.grouping_label": {"de": "Merkmal", "en": "Characteristic"},
    "col.group": {"de": "Gruppe", "en": "Group"},
    "col.kind": {"de": "Art", "en": "Kind"},
    "col.n": {"de": "n", "en": "n"},
    "col.percent": {"de": "%", "en": "%"},
    "col.pct": {"de": "%", "en": "%"},
    "col.pct_valid": {"de": "gültige %", "en": "valid %"},
    "col.pct_valid_cum": {"de": "kumulierte %", "en": "cumulative %"},
    "col.base_n": {"de": "Basis", "en": "Base"},
    "col.variable": {"de": "Variable", "en": "Variable"},
    "col.label": {"de": "Bezeichnung", "en": "Label"},
    "col.question": {"de": "Frage", "en": "Question"},
    "col.section": {"de": "Abschnitt", "en": "Section"},
    "col.code": {"de": "Code", "en": "Code"},
    "col.value_label": {"de": "Antwort", "en": "Answer"},
    "col.type": {"de": "Typ", "en": "Type"},
    "col.item": {"de": "Item", "en": "Item"},
    "col.n_valid": {"de": "n gültig", "en": "n valid"},
    "col.n_dont_know": {"de": "weiß nicht", "en": "don't know"},
    "col.n_missing": {"de": "fehlend", "en": "missing"},
    "col.mean": {"de": "M", "en": "M"},
    "col.sd": {"de": "SD", "en": "SD"},
    "col.median": {"de": "Md", "en": "Mdn"},
    "col.n_top_box": {"de": "n Top-Box", "en": "n top box"},
    "col.top_box_pct": {"de": "% Top-Box", "en": "% top box"},
    "col.variable_label": {"de": "Frage", "en": "Question"},
    "col.option": {"de": "Option", "en": "Option"},
    "col.category": {"de": "Kategorie", "en": "Category"},
    "col.pct_cases": {"de": "% der Fälle", "en": "% of cases"},
    "col.pct_responses": {"de": "% der Nennungen", "en": "% of responses"},
    "col.scale": {"de": "Skala", "en": "Scale"},
    "col.n_items": {"de": "Items", "en": "Items"},
    "col.n_complete": {"de": "n vollständig", "en": "n complete"},
    "col.alpha": {"de": "α", "en": "α"},
    "col.alpha_ci": {"de": "95 %-KI", "en": "95% CI"},
    "col.alpha_ci_low": {"de": "KI unten", "en": "CI lower"},
    "col.alpha_ci_high": {"de": "KI oben", "en": "CI upper"},
    "col.alpha_std": {"de": "α stand.", "en": "std. α"},
    "col.mean_r": {"de": "mittleres r", "en": "mean r"},
    "col.omega": {"de": "ω", "en": "ω"},
    "col.problems": {"de": "Hinweise", "en": "Notes"},
    "col.reversed": {"de": "umgepolt", "en": "reversed"},
    "col.r_item_rest": {"de": "Trennschärfe", "en": "item–rest r"},
    "col.alpha_if_deleted": {"de": "α ohne Item", "en": "α if deleted"},
    "col.p": {"de": "p", "en": "p"},
    "col.p_adj": {"de": "p (korr.)", "en": "p (adj.)"},
    "col.ci": {"de": "95 %-KI", "en": "95% CI"},
    # the markers of report tables (survey.tables.legend); {min_cell} is the threshold
    "text.table_legend": {
        "de": "< {min_cell}: weniger als {min_cell} Fälle, aus Datenschutzgründen nicht "
              "ausgewiesen; .: nicht ausgewiesen, weil aus einer solchen Zahl berechnet oder "
              "weil sich eine daraus errechnen ließe; –: nicht berechenbar",
        "en": "< {min_cell}: fewer than {min_cell} cases, withheld for data protection; "
              ".: withheld because computed from such a number or because one could be "
              "worked out from it; –: cannot be computed"},
}


def text(key: str, language: str = "de") -> str:
    """The catalogue's text for ``key`` in ``language`` (German when not translated).

    Raises
    ------
    KeyError
        For a key the catalogue does not have (a bug: every shown text is catalogued).
    """
    entry = MESSAGES[key]
    return entry.get(language) or entry["de"]


def labels(prefix: str, language: str = "de") -> dict[str, str]:
    """Every entry under ``prefix.`` as ``{rest of key: text}``, in catalogue order."""
    start = prefix + "."
    return {k[len(start):]: text(k, language) for k in MESSAGES if k.startswith(start)}
