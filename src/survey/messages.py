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
    # exported data files (survey.export): binary option labels, sheet names, notes
    "export.not_mentioned": {"de": "nicht genannt", "en": "not mentioned"},
    "export.mentioned": {"de": "genannt", "en": "mentioned"},
    "export.id_label": {"de": "Befragten-Code (pseudonym)",
                        "en": "Respondent code (pseudonymous)"},
    "export.sheet_data": {"de": "Daten", "en": "Data"},
    "export.sheet_labels": {"de": "Daten (Labels)", "en": "Data (labels)"},
    "export.sheet_codebook": {"de": "Codebuch", "en": "Codebook"},
    "export.sheet_notice": {"de": "Hinweis", "en": "Notice"},
    # the SPSS file label: at most 64 bytes
    "export.file_label": {"de": "Intern: pseudonyme Codes und Freitexte, nicht weitergeben",
                          "en": "Internal: pseudonymous codes and free text, do not share"},
    "export.notice": {
        "de": "{title}: nur für das Auswertungsteam. Die Datei enthält pseudonyme "
              "Befragten-Codes und Freitextantworten und darf nicht weitergegeben werden. "
              "Kategoriale Variablen tragen die Codes des Fragebogens (auch umgepolte Items).",
        "en": "{title}: for the analysis team only. The file holds pseudonymous respondent "
              "codes and free-text answers and must not be shared. Categorical variables "
              "hold the questionnaire's codes (reverse-keyed items too)."},
    "export.notice_sav": {
        "de": "Codes für „weiß nicht“ und „keine Angabe“ sind als benutzerdefiniert fehlend "
              "deklariert.",
        "en": "Codes for \"don't know\" and \"no answer\" are declared user-missing."},
    "export.notice_blank": {
        "de": "Alle fehlenden Werte sind leere Zellen; die Codes fehlender Werte (Spalte "
              "missing im Codebuch) stehen nur in der SPSS-Datei.",
        "en": "Every missing value is an empty cell; the missing-value codes (codebook column "
              "missing) are kept in the SPSS file only."},
    "export.note_reverse": {
        "de": "in Auswertungen umgepolt (Minimum + Maximum − Wert); hier die gelieferten Codes",
        "en": "reverse-keyed in analyses (min + max − value); delivered codes here"},
    "export.note_option": {"de": "Option der Mehrfachantwort {variable}",
                           "en": "option of the multiple-choice question {variable}"},
    "export.note_code": {"de": "Kategorie der codierten offenen Antwort {variable}",
                         "en": "category of the coded open answer {variable}"},
    "export.note_derived": {"de": "Kreuzung aus {sources}", "en": "cross of {sources}"},
    "export.note_scale": {
        "de": "Mittelwert der Items {items} (mindestens {min_items} beantwortet)",
        "en": "mean of the items {items} (at least {min_items} answered)"},
    "export.note_extra": {"de": "nicht im Codebuch (--allow-extra), als Text übernommen",
                          "en": "not in the codebook (--allow-extra), kept as text"},
    # why a group comparison uses its test (survey.compare: group_comparisons.csv reason)
    "reason.welch_scale": {
        "de": "Skalenwert → Welch-t-Test (ungleiche Varianzen zugelassen), Hedges' g",
        "en": "scale score → Welch's t-test (unequal variances allowed), Hedges' g"},
    "reason.welch_numeric": {
        "de": "metrische Variable → Welch-t-Test (ungleiche Varianzen zugelassen), Hedges' g",
        "en": "numeric variable → Welch's t-test (unequal variances allowed), Hedges' g"},
    "reason.mwu": {
        "de": "ordinale Antwortskala → Mann-Whitney-U-Test (Normalapproximation mit Bindungs- "
              "und Stetigkeitskorrektur), rangbiseriale Korrelation",
        "en": "ordinal answer scale → Mann–Whitney U test (normal approximation with tie and "
              "continuity correction), rank-biserial correlation"},
    "reason.mwu_exact": {
        "de": "ordinale Antwortskala, kleine Stichprobe → Mann-Whitney-U-Test mit "
              "Permutations-p-Wert, rangbiseriale Korrelation",
        "en": "ordinal answer scale, small sample → Mann–Whitney U test with a permutation "
              "p-value, rank-biserial correlation"},
    "reason.chi2_2x2": {
        "de": "2×2-Tafel, alle erwarteten Häufigkeiten ≥ 5 → Chi²-Test ohne "
              "Kontinuitätskorrektur, Risikodifferenz und Odds Ratio",
        "en": "2×2 table, all expected counts ≥ 5 → chi-square test without continuity "
              "correction, risk difference and odds ratio"},
    "reason.fisher": {
        "de": "2×2-Tafel, erwartete Häufigkeit < 5 → exakter Test nach Fisher, "
              "Risikodifferenz und Odds Ratio",
        "en": "2×2 table, expected count < 5 → Fisher's exact test, risk difference and "
              "odds ratio"},
    "reason.fisher_small_n": {
        "de": "2×2-Tafel, kleine Stichprobe → exakter Test nach Fisher, Risikodifferenz und "
              "Odds Ratio",
        "en": "2×2 table, small sample → Fisher's exact test, risk difference and odds ratio"},
    "reason.chi2": {
        "de": "nominale Variable → Chi²-Test, Cramérs V",
        "en": "nominal variable → chi-square test, Cramér's V"},
    "reason.chi2_small_expected": {
        "de": "Kreuztabelle mit erwarteten Häufigkeiten < 5 → Chi²-Test, Cramérs V "
              "(p nur näherungsweise)",
        "en": "table with expected counts < 5 → chi-square test, Cramér's V (p approximate)"},
    "reason.kruskal": {
        "de": "mehr als zwei Gruppen → Kruskal-Wallis-Test, ε²",
        "en": "more than two groups → Kruskal–Wallis test, ε²"},
    "reason.dunn": {
        "de": "Paarvergleich nach Dunn (Holm-korrigiert innerhalb der Variable)",
        "en": "Dunn's pairwise comparison (Holm-corrected within the variable)"},
    "reason.anova2": {
        "de": "2×2-Design, Skalenwert oder metrische Variable → zweifaktorielle "
              "Varianzanalyse (Typ II), partielles η²",
        "en": "2×2 design, scale score or numeric variable → two-way ANOVA (type II), "
              "partial η²"},
    "reason.anova_empty_cell": {
        "de": "2×2-Design mit leerer Zelle → keine Varianzanalyse",
        "en": "2×2 design with an empty cell → no ANOVA"},
    "reason.hyp_mwu": {
        "de": "binär × geordnet → Mann-Whitney-U-Test (Gruppe mit „ja“ gegen die übrige), "
              "rangbiseriale Korrelation",
        "en": "binary × ordered → Mann–Whitney U test (the “yes” group against the other), "
              "rank-biserial correlation"},
    "reason.hyp_point_biserial": {
        "de": "binär × geordnet → punktbiseriale Korrelation (Pearson mit 0/1)",
        "en": "binary × ordered → point-biserial correlation (Pearson with 0/1)"},
    "reason.hyp_spearman": {
        "de": "geordnet × geordnet → Rangkorrelation nach Spearman",
        "en": "ordered × ordered → Spearman's rank correlation"},
    "reason.hyp_pearson": {
        "de": "geordnet × geordnet → Produkt-Moment-Korrelation nach Pearson",
        "en": "ordered × ordered → Pearson's product-moment correlation"},
    # tests by their SPEC names (group_comparisons.csv, hypotheses.csv), short
    "test.welch_t": {"de": "Welch-t", "en": "Welch t"},
    "test.mann_whitney": {"de": "Mann-Whitney-U", "en": "Mann–Whitney U"},
    "test.chi2": {"de": "Chi²", "en": "chi²"},
    "test.fisher": {"de": "Fisher exakt", "en": "Fisher exact"},
    "test.kruskal": {"de": "Kruskal-Wallis-H", "en": "Kruskal–Wallis H"},
    "test.dunn": {"de": "Dunn-z", "en": "Dunn z"},
    "test.anova2": {"de": "ANOVA (Typ II)", "en": "ANOVA (type II)"},
    "test.spearman": {"de": "Spearman-ρ", "en": "Spearman ρ"},
    "test.pearson": {"de": "Pearson-r", "en": "Pearson r"},
    "test.point_biserial": {"de": "punktbiserial r", "en": "point-biserial r"},
    "test.z_prop": {"de": "z (Anteile)", "en": "z (proportions)"},
    "test.mcnemar": {"de": "McNemar exakt", "en": "McNemar exact"},
    # why a wave comparison uses its test (survey.wavecompare: wave_comparison.csv reason)
    "reason.wave_z_prop": {
        "de": "unabhängige Stichproben, alle erwarteten Häufigkeiten ≥ 5 → z-Test für zwei "
              "Anteile (entspricht Chi² ohne Kontinuitätskorrektur), Differenz mit "
              "Newcombe-Intervall",
        "en": "independent samples, all expected counts ≥ 5 → two-proportion z-test (equals "
              "chi-square without continuity correction), difference with Newcombe's interval"},
    "reason.wave_fisher": {
        "de": "unabhängige Stichproben, erwartete Häufigkeit < 5 → exakter Test nach Fisher, "
              "Differenz mit Newcombe-Intervall",
        "en": "independent samples, expected count < 5 → Fisher's exact test, difference "
              "with Newcombe's interval"},
    "reason.wave_mcnemar": {
        "de": "{n_pairs} Befragte in beiden Erhebungen (gepaart) → exakter McNemar-Test, "
              "Differenz mit Newcombe-Intervall für gepaarte Anteile",
        "en": "{n_pairs} respondents in both waves (paired) → exact McNemar test, difference "
              "with Newcombe's interval for paired proportions"},
    "reason.wave_pairs_partial": {
        "de": "Anteile, Differenz und Test nur aus den Paaren: {n_left_out} gültige "
              "Antworten von Befragten nur einer Erhebung nicht berücksichtigt",
        "en": "shares, difference and test from the pairs only: {n_left_out} valid answers "
              "of respondents in one wave only left out"},
    "reason.wave_too_few": {
        "de": "keine gültige Antwort in einer Erhebung → kein Vergleich",
        "en": "no valid answer in one wave → no comparison"},
    # wave comparison and weekly forms figures (survey.plots.wave_figure, weekly_figure)
    "plot.wave_xlabel": {"de": "Anteil in % mit 95 %-Konfidenzintervall",
                         "en": "Share in % with 95% confidence interval"},
    "plot.wave_value_header": {"de": "Differenz [95 %-KI]", "en": "Difference [95% CI]"},
    "plot.wave_direction": {"de": "Differenz: {wave_b} − {wave_a} in Prozentpunkten",
                            "en": "Difference: {wave_b} − {wave_a} in percentage points"},
    "plot.weekly_median": {"de": "Median: {value}", "en": "Median: {value}"},
    "plot.weekly_xlabel": {"de": "Kalenderwoche", "en": "Calendar week"},
    "plot.weekly_empty": {"de": "Keine Bögen", "en": "No forms"},
    "verdict.supported": {"de": "bestätigt", "en": "supported"},
    "hyp.one_sided": {"de": "einseitig", "en": "one-sided"},
    "hyp.two_sided": {"de": "zweiseitig", "en": "two-sided"},
    "hyp.adjusted": {"de": "korrigiert", "en": "adjusted"},
    "hyp.ci": {"de": "95 %-KI", "en": "95% CI"},
    "verdict.not_supported": {"de": "nicht bestätigt", "en": "not supported"},
    "reason.too_few": {
        "de": "zu wenige gültige Werte in einer Gruppe → kein Test",
        "en": "too few valid values in a group → no test"},
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
    "col.term": {"de": "Effekt", "en": "Term"},
    "col.group_a": {"de": "Gruppe A", "en": "Group A"},
    "col.group_b": {"de": "Gruppe B", "en": "Group B"},
    "col.n_a": {"de": "n A", "en": "n A"},
    "col.n_b": {"de": "n B", "en": "n B"},
    "col.n_min": {"de": "kleinste Zelle", "en": "smallest cell"},
    "col.center_a": {"de": "A", "en": "A"},
    "col.center_b": {"de": "B", "en": "B"},
    "col.test": {"de": "Test", "en": "Test"},
    "col.statistic": {"de": "Prüfgröße", "en": "Statistic"},
    "col.df": {"de": "df", "en": "df"},
    "col.effect": {"de": "Effektmaß", "en": "Effect"},
    "col.effect_size": {"de": "Effekt", "en": "Effect size"},
    "col.reason": {"de": "Begründung", "en": "Reason"},
    "col.hypothesis": {"de": "Hypothese", "en": "Hypothesis"},
    "col.y_label": {"de": "Zusammenhang mit", "en": "Related to"},
    "col.supported": {"de": "Ergebnis", "en": "Result"},
    "col.verdict": {"de": "Ergebnis", "en": "Result"},
    "col.caveat": {"de": "Einschränkung", "en": "Caveat"},
    "col.unit": {"de": "Ebene", "en": "Level"},
    "col.key": {"de": "Einheit", "en": "Unit"},
    "col.n_forms": {"de": "Bögen", "en": "Forms"},
    "col.n_people": {"de": "Personen", "en": "People"},
    "col.mean_total": {"de": "M Gesamt", "en": "Mean total"},
    "col.median_total": {"de": "Md Gesamt", "en": "Median total"},
    "col.sd_total": {"de": "SD Gesamt", "en": "SD total"},
    "col.pct_below_cutoff": {"de": "% unter Grenzwert", "en": "% below cutoff"},
    "col.pct_ceiling": {"de": "% Höchstwert", "en": "% at ceiling"},
    "col.forms_per_week_median": {"de": "Bögen je Woche (Md)", "en": "Forms per week (Mdn)"},
    "col.forms_per_week_min": {"de": "Bögen je Woche (min)", "en": "Forms per week (min)"},
    "col.forms_per_week_max": {"de": "Bögen je Woche (max)", "en": "Forms per week (max)"},
    "col.first_total": {"de": "erster Bogen", "en": "First form"},
    "col.last_total": {"de": "letzter Bogen", "en": "Last form"},
    "col.mean_person": {"de": "M je Person", "en": "Mean per person"},
    "col.pct_people_below": {"de": "% Personen unter Grenzwert",
                             "en": "% people below cutoff"},
    "col.wave_a": {"de": "Erhebung A", "en": "Wave A"},
    "col.wave_b": {"de": "Erhebung B", "en": "Wave B"},
    "col.k_a": {"de": "k A", "en": "k A"},
    "col.k_b": {"de": "k B", "en": "k B"},
    "col.pct_a": {"de": "% A", "en": "% A"},
    "col.pct_b": {"de": "% B", "en": "% B"},
    "col.pct_a_low": {"de": "% A KI unten", "en": "% A CI low"},
    "col.pct_a_high": {"de": "% A KI oben", "en": "% A CI high"},
    "col.pct_b_low": {"de": "% B KI unten", "en": "% B CI low"},
    "col.pct_b_high": {"de": "% B KI oben", "en": "% B CI high"},
    "col.diff": {"de": "Differenz (Pp.)", "en": "Difference (pp)"},
    "col.section_label": {"de": "Abschnitt", "en": "Section"},
    "col.paired": {"de": "gepaart", "en": "paired"},
    "col.n_pairs": {"de": "Paare", "en": "Pairs"},
    "row_kind.overall": {"de": "gesamt", "en": "overall"},
    "row_kind.week": {"de": "Woche", "en": "week"},
    "row_kind.rater": {"de": "Berater*in", "en": "counsellor"},
    "row_kind.participant": {"de": "Teilnehmende*r", "en": "participant"},
    "col.n_weak": {"de": "n schwach", "en": "n weak"},
    "col.pct_weak": {"de": "% schwach", "en": "% weak"},
    "col.alternative": {"de": "Richtung des Tests", "en": "Alternative"},
    "col.center": {"de": "Lagemaß", "en": "Centre"},
    "col.ci_low": {"de": "KI unten", "en": "CI low"},
    "col.ci_high": {"de": "KI oben", "en": "CI high"},
    "col.ci_method": {"de": "KI-Methode", "en": "CI method"},
    "col.confirmatory": {"de": "konfirmatorisch", "en": "confirmatory"},
    "col.df2": {"de": "df (Fehler)", "en": "df (error)"},
    "col.direction": {"de": "Richtung", "en": "Direction"},
    "col.family": {"de": "Testfamilie", "en": "Family"},
    "col.method": {"de": "Methode", "en": "Method"},
    "col.odds_ratio": {"de": "Odds Ratio", "en": "Odds ratio"},
    "col.or_ci_low": {"de": "OR KI unten", "en": "OR CI low"},
    "col.or_ci_high": {"de": "OR KI oben", "en": "OR CI high"},
    "col.primary": {"de": "Haupttest", "en": "Primary test"},
    "col.small_cell": {"de": "kleine Zelle", "en": "small cell"},
    "col.split": {"de": "Aufteilung", "en": "Split"},
    "col.text": {"de": "Hypothese", "en": "Hypothesis"},
    "col.x": {"de": "x", "en": "x"},
    "col.x_label": {"de": "Merkmal", "en": "Variable"},
    "col.y": {"de": "y", "en": "y"},
    "col.top_box_ci": {"de": "95 %-KI", "en": "95% CI"},
    "col.top_box_ci_low": {"de": "Top-Box KI unten", "en": "top box CI low"},
    "col.top_box_ci_high": {"de": "Top-Box KI oben", "en": "top box CI high"},
    "col.statement": {"de": "Aussage", "en": "Statement"},
    "col.p": {"de": "p", "en": "p"},
    "col.p_adj": {"de": "p (korr.)", "en": "p (adj.)"},
    "col.ci": {"de": "95 %-KI", "en": "95% CI"},
    # headers of the tables of missing values and of the cleaning log (missingness.csv,
    # missing_reasons.csv, cleaning_log.csv), e.g. in the Excel workbook (survey.workbook)
    "col.dont_know": {"de": "weiß nicht", "en": "don't know"},
    "col.no_answer": {"de": "keine Angabe", "en": "no answer"},
    "col.system": {"de": "leer", "en": "blank"},
    "col.not_asked": {"de": "nicht gefragt (Filter)", "en": "not asked (filter)"},
    "col.invalid": {"de": "ungültig", "en": "invalid"},
    "col.n_base": {"de": "Basis", "en": "Base"},
    "col.pct_missing": {"de": "% fehlend", "en": "% missing"},
    "col.kind_label": {"de": "Art (Bezeichnung)", "en": "Kind (label)"},
    "col.rule": {"de": "Regel", "en": "Rule"},
    "col.n_affected": {"de": "betroffen", "en": "affected"},
    "col.detail": {"de": "Einzelheiten", "en": "Details"},
    # the Excel workbook of a wave's result tables (survey.workbook): sheet names (at most
    # 31 characters, no []:*?/\), one line per sheet on the first sheet, and that sheet
    "workbook.sheet.notes": {"de": "Hinweise", "en": "Notes"},
    "workbook.sheet.sample": {"de": "Stichprobe", "en": "Sample"},
    "workbook.sheet.frequencies": {"de": "Häufigkeiten", "en": "Frequencies"},
    "workbook.sheet.items": {"de": "Itemkennwerte", "en": "Item statistics"},
    "workbook.sheet.multi_response": {"de": "Mehrfachantworten", "en": "Multiple responses"},
    "workbook.sheet.coded": {"de": "Codierte Antworten", "en": "Coded answers"},
    "workbook.sheet.reliability": {"de": "Reliabilität", "en": "Reliability"},
    "workbook.sheet.item_total": {"de": "Trennschärfen", "en": "Item-total statistics"},
    "workbook.sheet.group_comparisons": {"de": "Gruppenvergleiche", "en": "Group comparisons"},
    "workbook.sheet.splits": {"de": "Aufteilungen", "en": "Splits"},
    "workbook.sheet.hypotheses": {"de": "Hypothesen", "en": "Hypotheses"},
    "workbook.sheet.session_ratings": {"de": "Sitzungsbewertungen", "en": "Session ratings"},
    "workbook.sheet.rating_items": {"de": "Bewertungsaussagen", "en": "Rating statements"},
    "workbook.sheet.wave_comparison": {"de": "Erhebungsvergleich", "en": "Wave comparison"},
    "workbook.sheet.missingness": {"de": "Fehlende Werte", "en": "Missing values"},
    "workbook.sheet.missing_reasons": {"de": "Fehlende Werte (Gründe)",
                                       "en": "Missing values (reasons)"},
    "workbook.sheet.cleaning_log": {"de": "Bereinigungsprotokoll", "en": "Cleaning log"},
    "workbook.about.sample": {
        "de": "Zusammensetzung der Stichprobe: Anzahl und Anteil der Befragten je Gruppe.",
        "en": "Composition of the sample: number and share of respondents per group."},
    "workbook.about.frequencies": {
        "de": "Antworten auf jede Frage: Anzahl, Prozent aller Befragten, gültige Prozent "
              "mit 95 %-Konfidenzintervall, kumulierte Prozent.",
        "en": "Answers to each question: number, percent of all respondents, valid percent "
              "with 95% confidence interval, cumulative percent."},
    "workbook.about.items": {
        "de": "Kennwerte je Frage: Basis, gültige Antworten, Mittelwert (M), "
              "Standardabweichung (SD), Median (Md), Anteil der obersten Antwortstufen "
              "(Top-Box) mit 95 %-KI.",
        "en": "Statistics per question: base, valid answers, mean (M), standard deviation "
              "(SD), median (Mdn), share of the top answer categories (top box) with 95% CI."},
    "workbook.about.multi_response": {
        "de": "Fragen mit mehreren möglichen Antworten: Anteil der Befragten, die eine Option "
              "genannt haben (% der Fälle, mit 95 %-KI), und Anteil an allen Nennungen; "
              "gesamt und je Gruppe.",
        "en": "Questions with several possible answers: share of respondents who ticked an "
              "option (% of cases, with 95% CI) and share of all responses; overall and per "
              "group."},
    "workbook.about.coded": {
        "de": "Offene Antworten, in Kategorien codiert: Anteil der Befragten je Kategorie "
              "(mit 95 %-KI) und Anteil an allen Nennungen; gesamt und je Gruppe.",
        "en": "Open answers coded into categories: share of respondents per category (with "
              "95% CI) and share of all responses; overall and per group."},
    "workbook.about.reliability": {
        "de": "Skalen: Zahl der Items, Befragte mit allen Items, Cronbachs α mit 95 %-KI, "
              "McDonalds ω, Mittelwert und SD des Skalenwerts.",
        "en": "Scales: number of items, respondents who answered all items, Cronbach's α "
              "with 95% CI, McDonald's ω, mean and SD of the scale score."},
    "workbook.about.item_total": {
        "de": "Items der Skalen: Mittelwert, SD, Trennschärfe (Korrelation mit der Summe der "
              "übrigen Items) und α ohne das Item.",
        "en": "Items of the scales: mean, SD, item–rest correlation and α if the item is "
              "deleted."},
    "workbook.about.group_comparisons": {
        "de": "Vergleiche zwischen Gruppen: Lage in Gruppe A und B (M, Md oder % je Test), "
              "Prüfgröße, p-Wert (roh und korrigiert), Effektstärke mit 95 %-KI.",
        "en": "Comparisons between groups: centre of group A and B (M, Mdn or % by test), "
              "test statistic, p-value (raw and adjusted), effect size with 95% CI."},
    "workbook.about.splits": {
        "de": "Aufteilung der Befragten (z. B. schwache Ressourcen): Anzahl und Anteil je "
              "Gruppe mit 95 %-KI.",
        "en": "Split of the respondents (e.g. weak resources): number and share per group "
              "with 95% CI."},
    "workbook.about.hypotheses": {
        "de": "Geprüfte Hypothesen: Test, Prüfgröße, p-Wert (roh und korrigiert), "
              "Effektstärke mit 95 %-KI und Ergebnis.",
        "en": "Hypotheses tested: test, statistic, p-value (raw and adjusted), effect size "
              "with 95% CI and result."},
    "workbook.about.session_ratings": {
        "de": "Sitzungsbewertungen: Zahl der Bögen und Personen, Gesamtwert, Anteile unter "
              "dem Grenzwert und am Höchstwert; gesamt, je Woche und je Berater*in.",
        "en": "Session ratings: number of forms and people, total score, shares below the "
              "cutoff and at the ceiling; overall, per week and per counsellor."},
    "workbook.about.rating_items": {
        "de": "Aussagen der Sitzungsbewertung: Zahl der Bögen, M, SD, Md und M je Person.",
        "en": "Statements of the session rating: number of forms, M, SD, Mdn and mean per "
              "person."},
    "workbook.about.wave_comparison": {
        "de": "Vergleich zweier Erhebungen: Anteile in beiden Erhebungen, Differenz in "
              "Prozentpunkten mit 95 %-KI, p-Wert (roh und korrigiert).",
        "en": "Comparison of two waves: shares in both waves, difference in percentage "
              "points with 95% CI, p-value (raw and adjusted)."},
    "workbook.about.missingness": {
        "de": "Fehlende Werte je Frage nach Art (weiß nicht, keine Angabe, leer, nicht "
              "gefragt, ungültig).",
        "en": "Missing values per question by kind (don't know, no answer, blank, not "
              "asked, invalid)."},
    "workbook.about.missing_reasons": {
        "de": "Fehlende Werte je Frage nach Grund und Code.",
        "en": "Missing values per question by reason and code."},
    "workbook.about.cleaning_log": {
        "de": "Protokoll der Datenbereinigung: jede Regel, die betroffene Variable und die "
              "Zahl der betroffenen Werte.",
        "en": "Log of the data cleaning: each rule, the variable concerned and the number of "
              "values affected."},
    "workbook.about_other": {"de": "Ergebnistabelle {file}.", "en": "Result table {file}."},
    "workbook.heading": {"de": "Ergebnistabellen", "en": "Result tables"},
    "workbook.heading_title": {"de": "{title}: Ergebnistabellen",
                               "en": "{title}: result tables"},
    "workbook.markers": {"de": "Zeichen", "en": "Markers"},
    "workbook.numbers": {"de": "Zahlen", "en": "Numbers"},
    "workbook.numbers_note": {
        "de": "Zahlen sind ungerundet als Zahlen gespeichert und werden gerundet angezeigt: "
              "Anzahlen ohne Nachkommastelle, Prozentwerte (0–100, nicht im "
              "Excel-Prozentformat) mit einer, Kennwerte mit zwei, p-Werte mit drei "
              "Nachkommastellen (kleiner als 0,001: „< 0,001“). Ob Dezimalkomma oder "
              "Dezimalpunkt erscheint, richtet sich nach den Ländereinstellungen von Excel. "
              "Zellen mit den Zeichen oben enthalten Text; jede Kopfzeile hat einen Filter.",
        "en": "Numbers are stored unrounded as numbers and shown rounded: counts without "
              "decimals, percentages (0–100, not Excel's percent format) with one, "
              "statistics with two, p-values with three decimals (below 0.001: “< 0.001”). "
              "Whether a decimal comma or point appears follows Excel's regional settings. "
              "Cells with the markers above hold text; every header row has a filter."},
    "workbook.p_below": {"de": "< 0,001", "en": "< 0.001"},
    "workbook.col_sheet": {"de": "Tabellenblatt", "en": "Sheet"},
    "workbook.col_about": {"de": "Inhalt", "en": "Contents"},
    "workbook.col_rows": {"de": "Zeilen", "en": "Rows"},
    "workbook.col_file": {"de": "Datei", "en": "File"},
    # the markers of report tables (survey.tables.legend); {min_cell} is the threshold
    "text.table_legend": {
        "de": "< {min_cell}: weniger als {min_cell} Fälle, aus Datenschutzgründen nicht "
              "ausgewiesen; .: nicht ausgewiesen, weil aus einer solchen Zahl berechnet oder "
              "weil sich eine daraus errechnen ließe; –: nicht berechenbar",
        "en": "< {min_cell}: fewer than {min_cell} cases, withheld for data protection; "
              ".: withheld because computed from such a number or because one could be "
              "worked out from it; –: cannot be computed"},
    # effect sizes by name (group_comparisons.csv effect; survey.plots.forest_figure x axis)
    "effect.hedges_g": {"de": "Hedges' g", "en": "Hedges' g"},
    "effect.rank_biserial": {"de": "Rangbiseriale Korrelation r",
                             "en": "Rank-biserial correlation r"},
    "effect.cramers_v": {"de": "Cramérs V", "en": "Cramér's V"},
    "effect.odds_ratio": {"de": "Odds Ratio", "en": "Odds ratio"},
    "effect.risk_difference": {"de": "Risikodifferenz", "en": "Risk difference"},
    "effect.epsilon2": {"de": "Epsilon-Quadrat ε²", "en": "Epsilon squared ε²"},
    "effect.eta2_partial": {"de": "Partielles Eta-Quadrat η²p",
                            "en": "Partial eta squared ηp²"},
    "effect.r": {"de": "Korrelation r", "en": "Correlation r"},
    # forest plots of effect sizes (survey.plots.forest_figure)
    "plot.forest_xlabel_pp": {"de": "{effect} in Prozentpunkten",
                              "en": "{effect} in percentage points"},
    "plot.forest_xlabel_log": {"de": "{effect} (logarithmische Achse)",
                               "en": "{effect} (log scale)"},
    "plot.forest_direction": {
        "de": "positiv: {group_a} höher · negativ: {group_b} höher",
        "en": "positive: {group_a} higher · negative: {group_b} higher"},
    "plot.forest_direction_ratio": {
        "de": "über 1: {group_a} höher · unter 1: {group_b} höher",
        "en": "above 1: {group_a} higher · below 1: {group_b} higher"},
    "plot.forest_direction_pairs": {
        "de": "positiv: erstgenannte Gruppe des Paares höher",
        "en": "positive: first group of the pair higher"},
    "plot.forest_pair": {"de": "{group_a} vs. {group_b}", "en": "{group_a} vs. {group_b}"},
    "plot.forest_significant": {"de": "p (korrigiert) < {alpha}", "en": "p (adjusted) < {alpha}"},
    "plot.forest_not_significant": {"de": "n. s.", "en": "n.s."},
    "plot.forest_ci": {"de": "95 %-Konfidenzintervall", "en": "95% confidence interval"},
    "plot.forest_value_header": {"de": "{symbol} [95 %-KI]", "en": "{symbol} [95% CI]"},
    "plot.no_results": {"de": "Keine Ergebnisse", "en": "No results"},
    # result sentences (survey.sentences); {quote} is sentence.quote of the item's label
    "sentence.quote": {"de": "„{label}“", "en": "“{label}”"},
    "sentence.symbol.hedges_g": {"de": "g", "en": "g"},
    "sentence.symbol.rank_biserial": {"de": "r", "en": "r"},
    "sentence.symbol.cramers_v": {"de": "V", "en": "V"},
    "sentence.symbol.odds_ratio": {"de": "OR", "en": "OR"},
    "sentence.symbol.risk_difference": {"de": "Differenz", "en": "Difference"},
    "sentence.symbol.epsilon2": {"de": "ε²", "en": "ε²"},
    "sentence.symbol.eta2_partial": {"de": "η²p", "en": "ηp²"},
    "sentence.symbol.r": {"de": "r", "en": "r"},
    "sentence.center.mean": {"de": "M = {value}", "en": "M = {value}"},
    "sentence.center.median": {"de": "Md = {value}", "en": "Mdn = {value}"},
    "sentence.center.percent": {"de": "{value} %", "en": "{value}%"},
    "sentence.stat.welch_t": {"de": "t({df}) = {value}", "en": "t({df}) = {value}"},
    "sentence.stat.mann_whitney": {"de": "U = {value}", "en": "U = {value}"},
    "sentence.stat.chi2": {"de": "χ²({df}) = {value}", "en": "χ²({df}) = {value}"},
    "sentence.stat.fisher": {"de": "exakter Test nach Fisher", "en": "Fisher's exact test"},
    "sentence.stat.kruskal": {"de": "H({df}) = {value}", "en": "H({df}) = {value}"},
    "sentence.stat.dunn": {"de": "z = {value}", "en": "z = {value}"},
    "sentence.stat.anova2": {"de": "F({df}, {df2}) = {value}", "en": "F({df}, {df2}) = {value}"},
    "sentence.p_adjusted": {"de": "korrigiert: {p}", "en": "adjusted: {p}"},
    "sentence.ci": {"de": "95 %-KI [{low}; {high}]", "en": "95% CI [{low}, {high}]"},
    "sentence.interval": {"de": "[{low}; {high}]", "en": "[{low}, {high}]"},
    "sentence.risk_difference": {"de": "Differenz {value} Prozentpunkte",
                                 "en": "difference {value} percentage points"},
    "sentence.higher": {"de": "höher als", "en": "higher than"},
    "sentence.lower": {"de": "niedriger als", "en": "lower than"},
    "sentence.two_group_directed": {
        "de": "{quote}: {group_a} {direction} {group_b}, {stats}.",
        "en": "{quote}: {group_a} {direction} {group_b}, {stats}."},
    "sentence.two_group_differ": {
        "de": "{quote}: {group_a} und {group_b} unterscheiden sich signifikant, {stats}.",
        "en": "{quote}: {group_a} and {group_b} differed significantly, {stats}."},
    "sentence.two_group_ns": {
        "de": "{quote}: {group_a} und {group_b} unterscheiden sich nicht signifikant "
              "({stats}).",
        "en": "{quote}: {group_a} and {group_b} did not differ significantly ({stats})."},
    "sentence.omnibus_ns": {
        "de": "{quote}: kein signifikanter Unterschied zwischen den Gruppen ({stats}).",
        "en": "{quote}: no significant difference between the groups ({stats})."},
    "sentence.omnibus_differ": {
        "de": "{quote}: signifikante Unterschiede zwischen den Gruppen ({stats}).",
        "en": "{quote}: the groups differed significantly ({stats})."},
    "sentence.omnibus_highest": {
        "de": "{quote}: {group} höher als jede andere Gruppe ({stats}).",
        "en": "{quote}: {group} higher than every other group ({stats})."},
    "sentence.omnibus_lowest": {
        "de": "{quote}: {group} niedriger als jede andere Gruppe ({stats}).",
        "en": "{quote}: {group} lower than every other group ({stats})."},
    "sentence.omnibus_pairs": {
        "de": "{quote}: signifikante Unterschiede zwischen den Gruppen ({stats}); paarweise "
              "nach Dunn (Holm-korrigiert): {pairs}.",
        "en": "{quote}: the groups differed significantly ({stats}); pairwise (Dunn, "
              "Holm-adjusted): {pairs}."},
    "sentence.omnibus_no_pair": {
        "de": "{quote}: signifikante Unterschiede zwischen den Gruppen ({stats}), aber kein "
              "Paarvergleich nach Dunn ist nach Holm-Korrektur signifikant.",
        "en": "{quote}: the groups differed significantly ({stats}), but no pairwise "
              "comparison (Dunn, Holm-adjusted) was significant."},
    "sentence.pairs_all": {"de": "Dunn, Holm-korrigiert: jedes p {p}",
                           "en": "Dunn, Holm-adjusted: every p {p}"},
    "sentence.pair": {"de": "{higher} höher als {lower} ({stats})",
                      "en": "{higher} higher than {lower} ({stats})"},
    "sentence.main_effect": {"de": "Haupteffekt {term}", "en": "main effect of {term}"},
    "sentence.interaction": {"de": "Wechselwirkung {term}", "en": "interaction of {term}"},
    "sentence.anova_main_sig": {
        "de": "{quote}: signifikanter Haupteffekt {term}, {stats}.",
        "en": "{quote}: significant main effect of {term}, {stats}."},
    "sentence.anova_main_ns": {
        "de": "{quote}: kein signifikanter Haupteffekt {term} ({stats}).",
        "en": "{quote}: no significant main effect of {term} ({stats})."},
    "sentence.anova_interaction_sig": {
        "de": "{quote}: signifikante Wechselwirkung {term}, {stats}.",
        "en": "{quote}: significant interaction of {term}, {stats}."},
    "sentence.anova_interaction_ns": {
        "de": "{quote}: keine signifikante Wechselwirkung {term} ({stats}).",
        "en": "{quote}: no significant interaction of {term} ({stats})."},
    "sentence.withheld": {
        "de": "{subject}: nicht ausgewiesen (Gruppe mit weniger als {min_cell} Fällen).",
        "en": "{subject}: not shown (a group has fewer than {min_cell} cases)."},
    "sentence.not_computable": {"de": "{subject}: kein Test berechenbar.",
                                "en": "{subject}: no test could be computed."},
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
