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
    # tests by their names in docs/results.md (group_comparisons.csv, hypotheses.csv), short
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
    "plot.weekly_ylabel": {"de": "Bögen je Woche", "en": "Forms per week"},
    "plot.weekly_empty": {"de": "Keine Bögen", "en": "No forms"},
    # programme monitoring figures (survey.plots.takeup_figure, card_figure, funnel_plot)
    "plot.takeup_xlabel": {"de": "Anteil an der ersten Stufe (%)",
                           "en": "Share of the first stage (%)"},
    "plot.card_self": {"de": "Selbsteinschätzung", "en": "Self-assessment"},
    "plot.card_coach": {"de": "Einschätzung Coach", "en": "Coach's assessment"},
    "plot.card_xlabel": {"de": "Mittelwert der Einschätzungen", "en": "Mean rating"},
    "plot.card_value_header": {"de": "Selbst − Coach [95 %-KI]",
                               "en": "Self − coach [95% CI]"},
    "plot.funnel_xlabel": {"de": "Teilnehmende im Projekt (n)",
                           "en": "Participants in the project (n)"},
    "plot.funnel_ylabel": {"de": "Anteil erreicht (%)", "en": "Share achieved (%)"},
    "plot.funnel_target": {"de": "Ziel {target}", "en": "Target {target}"},
    "plot.funnel_limit_95": {"de": "95 %-Grenzen", "en": "95% limits"},
    "plot.funnel_limit_998": {"de": "99,8 %-Grenzen", "en": "99.8% limits"},
    "plot.funnel_inside": {"de": "Projekt innerhalb der 95 %-Grenzen",
                           "en": "Project inside the 95% limits"},
    "plot.funnel_outside": {"de": "Projekt außerhalb der 95 %-Grenzen",
                            "en": "Project outside the 95% limits"},
    "plot.funnel_withheld": {"de": "Nicht ausgewiesen: {projects}",
                             "en": "Not shown: {projects}"},
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
    # column headers of the result tables (docs/results.md) in reports (survey.tables.display)
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
    "col.total": {"de": "Gesamt", "en": "Total"},
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
    "col.cell_min": {"de": "kleinste Zelle", "en": "smallest cell"},
    "col.center_a": {"de": "A", "en": "A"},
    "col.center_b": {"de": "B", "en": "B"},
    "col.test": {"de": "Test", "en": "Test"},
    "col.statistic": {"de": "Prüfgröße", "en": "Statistic"},
    "col.df": {"de": "df", "en": "df"},
    "col.effect": {"de": "Effektmaß", "en": "Effect"},
    "col.effect_size": {"de": "Effekt", "en": "Effect size"},
    "col.reason": {"de": "Begründung", "en": "Reason"},
    "col.reason_key": {"de": "Begründung (Schlüssel)", "en": "Reason (key)"},
    "col.n_left_out": {"de": "nur in einer Erhebung", "en": "in one wave only"},
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
    "col.asked": {"de": "gefragt", "en": "asked"},
    "col.forms": {"de": "Bögen", "en": "Forms"},
    "col.missing_reason": {"de": "Grund", "en": "Reason"},
    "col.description": {"de": "Beschreibung", "en": "Description"},
    "col.raw_column": {"de": "Spalte der Rohdatei", "en": "Raw-file column"},
    "col.filter": {"de": "Filter", "en": "Filter"},
    # the cleaning rules (cleaning_log.csv rule column) and what each did, in words a
    # report shows (survey.quality.log_view); {valid}, {k}, {min_items}, {sources} as named
    "rule.raw_file": {"de": "Rohdatei", "en": "raw file"},
    "rule.rename": {"de": "Umbenennung", "en": "renamed"},
    "rule.extra_column": {"de": "Spalte nicht im Codebuch", "en": "column not in codebook"},
    "rule.system_missing": {"de": "leere Zelle", "en": "blank cell"},
    "rule.user_missing": {"de": "Fehlwert-Code", "en": "missing-value code"},
    "rule.decimal_comma": {"de": "Dezimalkomma", "en": "decimal comma"},
    "rule.out_of_range": {"de": "außerhalb des Wertebereichs", "en": "out of range"},
    "rule.filter_violation": {"de": "Filterverstoß", "en": "filter violation"},
    "rule.not_asked": {"de": "nicht gefragt (Filter)", "en": "not asked (filter)"},
    "rule.max_choices": {"de": "zu viele Nennungen", "en": "too many answers"},
    "rule.reverse": {"de": "umgepolt", "en": "reverse-keyed"},
    "rule.derived": {"de": "abgeleitete Variable", "en": "derived variable"},
    "rule.scale_score": {"de": "Skalenwert", "en": "scale score"},
    "rule.scale_missing": {"de": "Skalenwert fehlt", "en": "scale score missing"},
    "does.system_missing": {"de": "Leere Antwort, als fehlend (leer) gezählt.",
                            "en": "Blank answer, counted as missing (blank)."},
    "does.user_missing": {"de": "Code für „weiß nicht“ oder „keine Angabe“, als fehlend "
                                "gezählt.",
                          "en": "Code for \"don't know\" or \"no answer\", counted as "
                                "missing."},
    "does.decimal_comma": {"de": "Zahl mit Dezimalkomma gelesen.",
                           "en": "Number read with a decimal comma."},
    "does.out_of_range": {"de": "Wert außerhalb der gültigen Antworten ({valid}); als "
                                "ungültig gezählt, nicht ausgewertet.",
                          "en": "Value outside the valid answers ({valid}); counted as "
                                "invalid, not analysed."},
    "does.filter_violation": {"de": "Beantwortet, obwohl die Frage laut Filterführung nicht "
                                    "gestellt wurde; Antwort nicht ausgewertet.",
                              "en": "Answered although the filter did not ask the question; "
                                    "answer not analysed."},
    "does.not_asked": {"de": "Laut Filterführung nicht gefragt; zählt nicht als fehlend.",
                       "en": "Not asked according to the filter; not counted as missing."},
    "does.max_choices": {"de": "Mehr als {k} Antworten angekreuzt; als ungültig gezählt.",
                         "en": "More than {k} answers ticked; counted as invalid."},
    "does.max_choices_one": {"de": "Mehr als eine Antwort angekreuzt; als ungültig gezählt.",
                             "en": "More than one answer ticked; counted as invalid."},
    "does.reverse": {"de": "Umgepolt, damit ein höherer Wert „mehr“ bedeutet.",
                     "en": "Reverse-keyed, so that a higher value means \"more\"."},
    "does.derived": {"de": "Aus {sources} gebildet.", "en": "Formed from {sources}."},
    "does.scale_score": {"de": "Mittelwert der beantworteten {k} Items, wenn mindestens "
                               "{min_items} beantwortet sind.",
                         "en": "Mean of the answered {k} items, when at least {min_items} "
                               "are answered."},
    "does.scale_missing": {"de": "Weniger als {min_items} von {k} Items beantwortet; kein "
                                 "Skalenwert.",
                           "en": "Fewer than {min_items} of {k} items answered; no scale "
                                 "score."},
    "does.range": {"de": "{lo} bis {hi}", "en": "{lo} to {hi}"},
    "does.session_ratings": {"de": "Rückmeldebogen", "en": "Session rating"},
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
    "workbook.sheet.rating_missingness": {"de": "Fehlende Werte (Bögen)",
                                          "en": "Missing values (forms)"},
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
        "de": "Was die Bereinigung verändert hat: je Frage die Regel, die Zahl der "
              "betroffenen Werte und was die Regel bewirkt.",
        "en": "What cleaning changed: per question the rule, the number of values affected "
              "and what the rule does."},
    "workbook.about.rating_missingness": {
        "de": "Rückmeldebögen: je Aussage Bögen mit leerer Zelle und mit einem Wert außerhalb "
              "der Skala.",
        "en": "Session-rating forms: per statement, forms with a blank cell and with a value "
              "outside the scale."},
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
              "ausgewiesen; > 180: mehr als diese Zahl (bis zur Basis fehlen weniger als "
              "{min_cell} Fälle); .: nicht ausgewiesen, weil aus einer solchen Zahl berechnet "
              "oder weil sich eine daraus errechnen ließe; –: nicht berechenbar",
        "en": "< {min_cell}: fewer than {min_cell} cases, withheld for data protection; "
              "> 180: more than this many (fewer than {min_cell} make up the rest of the "
              "base); .: withheld because computed from such a number or because one could "
              "be worked out from it; –: cannot be computed"},
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
    # rating scales, multiple responses and missing values (survey.plots: likert_figure,
    # bar_figure, missingness_figure); "weiß nicht" is kind.dont_know, "Gesamt" value.total
    "plot.likert_xlabel": {"de": "Anteil der Antworten (%)", "en": "Share of answers (%)"},
    "plot.bar_xlabel": {"de": "Anteil der Fälle (%)", "en": "Share of cases (%)"},
    "plot.no_answers": {"de": "Keine Antworten", "en": "No answers"},
    "plot.too_few_cases": {"de": "zu wenige Fälle", "en": "too few cases"},
    "plot.missing_title": {"de": "Fehlende Werte je Variable",
                           "en": "Missing values per variable"},
    "plot.missing_xlabel": {"de": "fehlend unter den Gefragten (%)",
                            "en": "missing among those asked (%)"},
    "plot.no_missing": {"de": "Keine fehlenden Werte", "en": "No missing values"},
    "plot.fewer_than": {"de": "< {min_count}", "en": "< {min_count}"},
    # result sentences (survey.sentences); {quote} is sentence.quote of the item's label
    "sentence.quote": {"de": "„{label}“", "en": "“{label}”"},
    "table.symbol.risk_difference": {"de": "RD", "en": "RD"},
    "table.unit.risk_difference": {"de": " Pp.", "en": " pp"},
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
    "sentence.stat.point_biserial": {"de": "t({df}) = {value}", "en": "t({df}) = {value}"},
    "sentence.stat.pearson": {"de": "t({df}) = {value}", "en": "t({df}) = {value}"},
    "sentence.stat.spearman": {"de": "t({df}) = {value}", "en": "t({df}) = {value}"},
    "sentence.stat.z_prop": {"de": "z = {value}", "en": "z = {value}"},
    "sentence.stat.anova2": {"de": "F({df}, {df2}) = {value}", "en": "F({df}, {df2}) = {value}"},
    "sentence.p_adjusted": {"de": "korrigiert: {p}", "en": "adjusted: {p}"},
    "sentence.p_adj_short": {"de": "p (korr.)", "en": "p (adj.)"},
    "sentence.effect_unit": {"de": "{effect} in Prozentpunkten ({unit})",
                             "en": "{effect} in percentage points ({unit})"},
    "page.effects": {"de": "Effektstärken", "en": "Effect sizes"},
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
    "sentence.withheld_cell": {
        "de": "{subject}: nicht ausgewiesen (eine Antwort kommt in einer Gruppe weniger als "
              "{min_cell}-mal vor oder ließe sich errechnen).",
        "en": "{subject}: not shown (an answer occurs fewer than {min_cell} times in a group "
              "or could be worked out)."},
    "sentence.not_computable": {"de": "{subject}: kein Test berechenbar.",
                                "en": "{subject}: no test could be computed."},
    # why two waves' items are not compared (survey.wavecompare.comparable): one line per
    # refused pair, for the analyst (file names and variable names are technical)
    "wavecompare.problem": {"de": "{a} und {b}, {where}: {why}",
                            "en": "{a} vs {b}, {where}: {why}"},
    "wavecompare.variable": {"de": "Variable '{name}'", "en": "variable '{name}'"},
    "wavecompare.renamed": {"de": "Erhebung {wave}: '{own}'", "en": "wave {wave}: '{own}'"},
    "wavecompare.types": {"de": "Fragetypen verschieden (Erhebung 1: {a}; Erhebung 2: {b})",
                          "en": "types differ (wave 1: {a}; wave 2: {b})"},
    "wavecompare.answers": {
        "de": "Antwortvorgaben verschieden (Erhebung 1: {a}; Erhebung 2: {b})",
        "en": "answer sets differ (wave 1: {a}; wave 2: {b})"},
    "wavecompare.top_box": {"de": "Top-Box verschieden (Erhebung 1: {a}; Erhebung 2: {b})",
                            "en": "top box differs (wave 1: {a}; wave 2: {b})"},
    "wavecompare.no_top_box": {
        "de": "in keinem der Codebücher eine Top-Box (top_box ergänzen, um die Frage zu "
              "vergleichen)",
        "en": "no top_box in either codebook (add top_box to compare the item)"},
    "wavecompare.code_labels": {
        "de": "Bezeichnungen des Codes verschieden (Erhebung 1: '{a}'; Erhebung 2: '{b}')",
        "en": "code labels differ (wave 1: '{a}'; wave 2: '{b}')"},
    "wavecompare.none": {"de": "keine", "en": "none"},
    "wavecompare.map_unknown": {
        "de": "{file}: die Zuordnung der Erhebung {wave} nennt '{own}', keine Spalte dieses "
              "Codebuchs",
        "en": "{file}: the comparison map of wave {wave} names '{own}', which is not a column "
              "of this codebook"},
    "wavecompare.map_clash": {
        "de": "{file}: '{first}' und '{name}' stehen beide für '{common}' im Vergleich "
              "(Erhebung {wave}); '{name}' bleibt unberücksichtigt",
        "en": "{file}: '{first}' and '{name}' both stand for '{common}' in the comparison "
              "(wave {wave}); '{name}' is left out"},
    "wavecompare.kind.ordinal": {"de": "ordinale Frage", "en": "ordinal item"},
    "wavecompare.kind.binary": {"de": "binäre Variable", "en": "binary variable"},
    "wavecompare.kind.option": {"de": "Option einer Mehrfachantwort",
                                "en": "multiple-response option"},
    "wavecompare.kind.code": {"de": "Spalte codierter Antworten", "en": "coded-answer column"},
    "wavecompare.kind.set": {"de": "Frage ({level})", "en": "{level} question"},
    "wavecompare.kind.derived": {"de": "abgeleitete Kreuzung", "en": "derived cross"},
    "wavecompare.kind.scale": {"de": "Skala", "en": "scale"},
    "wavecompare.kind.variable": {"de": "Variable ({level})", "en": "{level} variable"},
    # ---- report pages (survey.page): furniture every report shares
    # key findings, "Das Wichtigste in Kürze" (survey.keyfindings)
    "findings.title": {"de": "Das Wichtigste in Kürze", "en": "Key findings"},
    "findings.nothing": {"de": "Dieser Bericht hat keine Ergebnisse, die hier zu nennen wären.",
                         "en": "This report has no results to name here."},
    "findings.and": {"de": " und ", "en": " and "},
    "findings.comparisons_none_tested": {
        "de": "Kein Vergleich konnte getestet werden.",
        "en": "No comparison could be tested."},
    "findings.comparisons_no_hit": {
        "de": "Keiner der {n} Vergleiche ist nach Korrektur für multiples Testen signifikant "
              "(α = {alpha}).",
        "en": "None of the {n} comparisons is significant after correction for multiple "
              "testing (α = {alpha})."},
    "findings.comparisons_count": {
        "de": "{k} von {n} Vergleichen unterscheiden sich nach Korrektur für multiples Testen "
              "signifikant (α = {alpha}).",
        "en": "{k} of {n} comparisons differ significantly after correction for multiple "
              "testing (α = {alpha})."},
    "findings.comparisons_one": {
        "de": "Der eine Vergleich unterscheidet sich nach Korrektur signifikant (α = {alpha}).",
        "en": "The one comparison differs significantly after correction (α = {alpha})."},
    "findings.comparison": {"de": "{quote} nach {grouping}{groups}: {stats}.",
                            "en": "{quote} by {grouping}{groups}: {stats}."},
    "findings.groups": {"de": " ({group_a}: {a}; {group_b}: {b})",
                        "en": " ({group_a}: {a}; {group_b}: {b})"},
    "findings.more": {"de": "{n} weitere signifikante Vergleiche stehen in den Tabellen.",
                      "en": "{n} further significant comparisons are in the tables."},
    "findings.most_named": {"de": "{quote}: am häufigsten {tops}.",
                            "en": "{quote}: most often {tops}."},
    "findings.most_named_shown": {
        "de": "{quote}: unter den ausgewiesenen Antworten am häufigsten {tops}.",
        "en": "{quote}: among the answers shown, most often {tops}."},
    "findings.top_box": {
        "de": "{section}: der höchste Anteil in den obersten Antwortkategorien bei {high} "
              "({high_pct}), der niedrigste bei {low} ({low_pct}).",
        "en": "{section}: the highest share in the top answer categories for {high} "
              "({high_pct}), the lowest for {low} ({low_pct})."},
    "findings.more_questions_one": {
        "de": "Die Antworten auf eine weitere Frage mit Mehrfachnennung stehen weiter unten.",
        "en": "The answers to one further multiple-response question are further below."},
    "findings.more_one": {"de": "Ein weiterer signifikanter Vergleich steht in den Tabellen.",
                          "en": "One further significant comparison is in the tables."},
    "findings.more_questions": {
        "de": "Die Antworten auf {n} weitere Fragen mit Mehrfachnennung stehen weiter unten.",
        "en": "The answers to {n} further multiple-response questions are further below."},
    "findings.scale_low": {
        "de": "Die Skala {quote} misst wenig zuverlässig (Cronbachs α = {alpha}, unter {low}); "
              "ihre Werte mit Vorsicht lesen.",
        "en": "The scale {quote} is not reliable (Cronbach's α = {alpha}, below {low}); read "
              "its scores with care."},
    "findings.scales_ok": {
        "de": "Die übrigen {n} Skalen messen zuverlässig (Cronbachs α von {low} bis {high}).",
        "en": "The other {n} scales are reliable (Cronbach's α from {low} to {high})."},
    "findings.scale_ok": {
        "de": "Die Skala {quote} misst zuverlässig (Cronbachs α = {low}).",
        "en": "The scale {quote} is reliable (Cronbach's α = {low})."},
    "findings.hypothesis": {"de": "{name}: {parts}.", "en": "{name}: {parts}."},
    "findings.hypothesis_yes": {"de": "bestätigt für {outcomes}",
                                "en": "confirmed for {outcomes}"},
    "findings.hypothesis_no": {"de": "nicht bestätigt für {outcomes}",
                               "en": "not confirmed for {outcomes}"},
    "findings.hypothesis_open": {"de": "wegen kleiner Gruppen nicht ausgewiesen für {outcomes}",
                                 "en": "not shown because of small groups for {outcomes}"},
    "findings.ratings_mean": {
        "de": "{forms} Rückmeldebögen von {people} Teilnehmenden; mittlerer Gesamtwert {mean}.",
        "en": "{forms} feedback forms from {people} participants; mean total {mean}."},
    "findings.ratings_mean_of": {
        "de": "{forms} Rückmeldebögen von {people} Teilnehmenden; mittlerer Gesamtwert {mean} "
              "von höchstens {high}.",
        "en": "{forms} feedback forms from {people} participants; mean total {mean} of at "
              "most {high}."},
    "findings.ratings_below": {
        "de": "{pct} der Bögen liegen unter dem Grenzwert {cutoff}.",
        "en": "{pct} of the forms are below the cutoff {cutoff}."},
    "findings.ratings_trend_up": {
        "de": "Über die Sitzungen steigt der Gesamtwert (um {slope} je Sitzung).",
        "en": "The total rises over the sessions ({slope} per session)."},
    "findings.ratings_trend_down": {
        "de": "Über die Sitzungen sinkt der Gesamtwert (um {slope} je Sitzung).",
        "en": "The total falls over the sessions ({slope} per session)."},
    "findings.ratings_trend_flat": {
        "de": "Über die Sitzungen ändert sich der Gesamtwert nicht nachweisbar.",
        "en": "The total shows no clear change over the sessions."},
    "findings.indicator": {
        "de": "{label}: {pct} ({k} von {n}), Ziel {target} – {verdict}.",
        "en": "{label}: {pct} ({k} of {n}), target {target} – {verdict}."},
    "findings.takeup": {
        "de": "{benefit}: {n1} von {n0} ({pct}) kommen von „{first}“ bis „{last}“.",
        "en": "{benefit}: {n1} of {n0} ({pct}) get from “{first}” to “{last}”."},
    "findings.programme": {"de": "{label} ({n} Projekte): {parts}.",
                           "en": "{label} ({n} projects): {parts}."},
    "findings.programme_above": {"de": "über den 99,8 %-Grenzen {projects}",
                                 "en": "above the 99.8% limits {projects}"},
    "findings.programme_below": {"de": "unter den 99,8 %-Grenzen {projects}",
                                 "en": "below the 99.8% limits {projects}"},
    "findings.programme_none": {"de": "kein Projekt außerhalb der 99,8 %-Grenzen",
                                "en": "no project outside the 99.8% limits"},
    "findings.waves_none": {
        "de": "{section}: keine der {n} Fragen unterscheidet sich in „{later}“ signifikant.",
        "en": "{section}: none of the {n} questions differs significantly in “{later}”."},
    "findings.waves_none_one": {
        "de": "{section}: die eine verglichene Frage unterscheidet sich in „{later}“ nicht "
              "signifikant.",
        "en": "{section}: the one question compared does not differ significantly in "
              "“{later}”."},
    "findings.waves_hits_one": {
        "de": "{section}: {quote} liegt in „{later}“ signifikant {direction} ({diff} "
              "Prozentpunkte).",
        "en": "{section}: {quote} is significantly {direction} in “{later}” ({diff} "
              "percentage points)."},
    "findings.higher": {"de": "höher", "en": "higher"},
    "findings.lower": {"de": "niedriger", "en": "lower"},
    "findings.waves_hits": {
        "de": "{section}: in „{later}“ bei {up} von {n} Fragen signifikant höher, bei {down} "
              "niedriger (größte Differenz {quote}: {diff} Prozentpunkte).",
        "en": "{section}: in “{later}” significantly higher on {up} of {n} questions, lower on "
              "{down} (largest difference {quote}: {diff} percentage points)."},
    "page.rows_left_out": {
        "de": "{n} weitere Zeilen sind nicht aufgeführt: keine ihrer Anzahlen darf gezeigt "
              "werden (weniger als {min_cell} Fälle oder daraus zu erschließen).",
        "en": "{n} further rows are not listed: none of their counts may be shown (fewer "
              "than {min_cell} cases, or it would reveal such a count)."},
    "page.rows_left_out_one": {
        "de": "Eine weitere Zeile ist nicht aufgeführt: keine ihrer Anzahlen darf gezeigt "
              "werden (weniger als {min_cell} Fälle oder daraus zu erschließen).",
        "en": "One further row is not listed: none of its counts may be shown (fewer than "
              "{min_cell} cases, or it would reveal such a count)."},
    "page.table": {"de": "Tabelle", "en": "Table"},
    "page.figure": {"de": "Abbildung", "en": "Figure"},
    "page.toc": {"de": "Inhalt", "en": "Contents"},
    "page.print.page_of": {"de": "Seite {n} von {m}", "en": "Page {n} of {m}"},
    "page.print.internal": {"de": "INTERN", "en": "INTERNAL"},
    "page.internal": {"de": "INTERN – ungekürzte Fassung für das Auswertungsteam, nicht zur "
                            "Weitergabe",
                      "en": "INTERNAL – unsuppressed version for the analysis team, not to be "
                            "shared"},
    "page.fact.study": {"de": "Fragebogen", "en": "Questionnaire"},
    "page.fact.wave": {"de": "Erhebung", "en": "Wave"},
    "page.fact.fielded": {"de": "Feldzeit", "en": "Field period"},
    "page.fact.n": {"de": "Befragte (N)", "en": "Respondents (N)"},
    "page.monitoring.fact_n": {"de": "Teilnehmende (N)", "en": "Participants (N)"},
    "page.fact.date": {"de": "Bericht erstellt am", "en": "Report date"},
    "page.fact.what": {"de": "Angabe", "en": "Item"},
    "page.fact.value": {"de": "Wert", "en": "Value"},
    "page.note": {"de": "Hinweis", "en": "Note"},
    "page.caveat": {"de": "Einschränkung", "en": "Caveat"},
    "page.test_choice": {"de": "Testwahl", "en": "Choice of test"},
    "page.other_questions": {"de": "Weitere Fragen", "en": "Other questions"},
    "page.appendix": {"de": "Anhang: Technische Angaben für das Auswertungsteam",
                      "en": "Appendix: technical details for the analysis team"},
    "page.appendix.text": {
        "de": "Für die Nachvollziehbarkeit: Dateien, Prüfsummen, Parameter und "
              "Programmversionen, mit denen dieser Bericht erstellt wurde.",
        "en": "For reproducibility: the files, checksums, parameters and program versions "
              "this report was made with."},
    "page.appendix.facts": {"de": "Daten, Parameter und Programmversionen",
                            "en": "Data, parameters and program versions"},
    "page.appendix.raw_file": {"de": "Rohdatei", "en": "Raw file"},
    "page.appendix.record_file": {"de": "Datensatz „{label}“", "en": "Record table “{label}”"},
    "page.appendix.raw_rows": {"de": "Zeilen der Rohdatei", "en": "Rows of the raw file"},
    "page.appendix.raw_sha256": {"de": "SHA-256 der Rohdatei", "en": "SHA-256 of the raw file"},
    "page.appendix.ratings_file": {"de": "Datei der Rückmeldebögen",
                                   "en": "Session-rating file"},
    "page.appendix.codebook": {"de": "Codebuch", "en": "Codebook"},
    "page.appendix.cleaned_at": {"de": "Bereinigt am", "en": "Cleaned on"},
    "page.appendix.version": {"de": "survey-Version", "en": "survey version"},
    "page.appendix.parameters": {"de": "Parameter", "en": "Parameters"},
    "page.appendix.packages": {"de": "Pakete", "en": "Packages"},
    # ---- report pages: each notebook's own narrative, page.<kind>.* (see survey.page)
    # -- page.cleaning.* (01-cleaning)
    "page.cleaning.title": {"de": "Datenqualität und Bereinigung",
                            "en": "Data quality and cleaning"},
    "page.cleaning.summary": {
        "de": "Wie vollständig die Antworten sind und was die Bereinigung verändert hat.",
        "en": "How complete the answers are and what cleaning changed."},
    "page.cleaning.intro": {
        "de": "Wie vollständig sind die Antworten, welche Werte lagen außerhalb des "
              "zulässigen Bereichs oder außerhalb der Filterführung, und was hat die "
              "Bereinigung verändert? Befragtencodes und Freitexte werden in diesem Bericht "
              "nie gezeigt, gefundene Werte nur beschrieben, nicht zitiert.",
        "en": "How complete are the answers, which values were out of range or outside the "
              "filter, and what did cleaning change? This report never shows respondent "
              "codes or free text; values found are described, not quoted."},
    "page.cleaning.missing": {"de": "Fehlende Werte je Frage", "en": "Missing values by question"},
    "page.cleaning.missing.text": {
        "de": "„Gefragt“ sind die Befragten, denen die Frage laut Filterführung gestellt "
              "wurde; wer nicht gefragt wurde, zählt nicht als fehlend. „% fehlend“ ist der "
              "Anteil der Gefragten ohne gültige Antwort. Gezeigt werden nur Fragen mit "
              "mindestens einem fehlenden oder nicht erfragten Wert.",
        "en": "\"Asked\" are the respondents the filter asked the question; who was not "
              "asked does not count as missing. \"% missing\" is the share of those asked "
              "without a valid answer. Only questions with at least one missing or "
              "not-asked value are shown."},
    "page.cleaning.missing.figure": {
        "de": "Anteil fehlender Werte unter den Gefragten, nach Art (Fragen mit den meisten "
              "Lücken)",
        "en": "Share of missing values among those asked, by kind (questions with the most "
              "gaps)"},
    "page.cleaning.missing.table": {"de": "Fehlende Werte je Frage",
                                    "en": "Missing values by question"},
    "page.cleaning.missing.none": {"de": "Keine fehlenden Werte.",
                                   "en": "No missing values."},
    "page.cleaning.reasons": {"de": "Fehlende Werte nach Grund",
                              "en": "Missing values by reason"},
    "page.cleaning.reasons.text": {
        "de": "Die Codes des Fragebogens für fehlende Antworten und wie oft sie vorkommen; "
              "leere und ungültige Werte haben keinen Code.",
        "en": "The questionnaire's codes for missing answers and how often they occur; "
              "blank and invalid values have no code."},
    "page.cleaning.reasons.table": {"de": "Fehlende Werte nach Art und Code",
                                    "en": "Missing values by kind and code"},
    "page.cleaning.reasons.none": {"de": "Keine fehlenden Werte.",
                                   "en": "No missing values."},
    "page.cleaning.log": {"de": "Was die Bereinigung verändert hat",
                          "en": "What cleaning changed"},
    "page.cleaning.log.text": {
        "de": "Jede Regel, die Werte verändert oder von der Auswertung ausgeschlossen hat, "
              "je Frage. Leere Antworten, Fehlwert-Codes und nicht gestellte Fragen zählen "
              "die Tabellen oben.",
        "en": "Every rule that changed values or excluded them from the analysis, by "
              "question. Blank answers, missing-value codes and questions not asked are "
              "counted in the tables above."},
    "page.cleaning.log.table": {"de": "Bereinigungsprotokoll", "en": "Cleaning log"},
    "page.cleaning.log.none": {"de": "Die Bereinigung hat keine Werte verändert.",
                               "en": "Cleaning changed no values."},
    "page.cleaning.ratings": {"de": "Rückmeldebögen: {label}", "en": "Session ratings: {label}"},
    "page.cleaning.ratings.text": {
        "de": "Die Rückmeldebögen zu den Sitzungen: je Aussage die Bögen mit leerer Zelle "
              "und mit einem Wert außerhalb der Skala (nicht ausgewertet).",
        "en": "The session-rating forms: per statement, forms with a blank cell and with a "
              "value outside the scale (not analysed)."},
    "page.cleaning.ratings.table": {"de": "Fehlende Werte je Aussage ({label})",
                                    "en": "Missing values by statement ({label})"},
    "page.cleaning.appendix.columns": {
        "de": "Fragen, Spalten der Rohdatei, Variablennamen und Filter",
        "en": "Questions, raw-file columns, variable names and filters"},
    # -- end page.cleaning
    # -- page.descriptives.* (02-descriptives)
    "page.descriptives.title": {"de": "Deskriptive Auswertung", "en": "Descriptive analysis"},
    "page.descriptives.summary": {
        "de": "Stichprobe, Antworten auf jede Frage, Mehrfachantworten, codierte offene "
              "Antworten und Skalen mit ihrer Reliabilität.",
        "en": "Sample, answers to every question, multiple responses, coded open answers "
              "and scales with their reliability."},
    "page.descriptives.intro": {
        "de": "Stichprobe, Antworten auf jede Frage, Mehrfachantworten, codierte offene "
              "Antworten und die Skalen mit ihrer Reliabilität – Abschnitt für Abschnitt, wie "
              "im Codebuch festgelegt. Befragtencodes und Freitexte werden nie gezeigt.",
        "en": "Sample, answers to every question, multiple responses, coded open answers and "
              "the scales with their reliability – section by section, as the codebook lays "
              "them out. Respondent codes and free text are never shown."},
    "page.descriptives.sample": {"de": "Befragte nach Gruppen", "en": "Respondents by group"},
    "page.descriptives.sample.text": {
        "de": "Befragte insgesamt und nach den Gruppierungen des Codebuchs (auch gekreuzt).",
        "en": "Respondents in total and by the codebook's groupings (crossed ones too)."},
    "page.descriptives.sample.table": {"de": "Befragte nach Gruppen",
                                       "en": "Respondents by group"},
    "page.descriptives.answers": {"de": "Antworten auf die Fragen",
                                  "en": "Answers to the questions"},
    "page.descriptives.answers.text": {
        "de": "Je Abschnitt: die Verteilung der Antworten auf die Bewertungsfragen (links von "
              "der Mitte ablehnend, rechts zustimmend; „weiß nicht“ daneben), die Kennwerte "
              "jeder Frage und eine Häufigkeitstabelle mit einer Zeile je Frage (Anzahl und "
              "gültige %). Die Basis sind alle, denen die Frage "
              "gestellt wurde; „gültige %“ beziehen sich auf die gültigen Antworten. "
              "Mittelwert, Standardabweichung und Median beziehen sich auf die Codes, "
              "umgepolte Fragen so, dass höher „mehr“ bedeutet; der Top-Box-Anteil ist der "
              "Anteil der gültigen Antworten in den obersten Kategorien.",
        "en": "Per section: the distribution of answers to the rating questions (disagreeing "
              "left of the centre, agreeing right of it; \"don't know\" beside), each "
              "question's statistics and a frequency table with one row per question (count "
              "and valid %). The base is everyone who was "
              "asked the question; \"valid %\" refers to the valid answers. Mean, standard "
              "deviation and median refer to the codes, reverse-keyed questions so that "
              "higher means \"more\"; the top-box share is the share of valid answers in "
              "the top categories."},
    "page.descriptives.answers.figure": {"de": "Verteilung der Antworten – {section}",
                                         "en": "Distribution of answers – {section}"},
    "page.descriptives.answers.items": {"de": "Kennwerte der Fragen – {section}",
                                        "en": "Question statistics – {section}"},
    "page.descriptives.answers.frequencies": {"de": "Häufigkeiten: „{question}“",
                                              "en": "Frequencies: \"{question}\""},
    "page.descriptives.answers.grid": {"de": "Häufigkeiten – {section}: Anzahl (gültige %)",
                                       "en": "Frequencies – {section}: count (valid %)"},
    "page.descriptives.answers.dropped": {
        "de": "Nicht als Spalte gezeigt, weil keine Frage hier {min_cell} oder mehr Antworten "
              "hat: {columns}.",
        "en": "Not shown as a column because no question has {min_cell} or more answers "
              "here: {columns}."},
    "page.descriptives.grid.dropped": {
        "de": "Nicht aufgeführt, weil in keiner Spalte {min_cell} oder mehr Befragte sie "
              "nannten: {rows}.",
        "en": "Not listed because fewer than {min_cell} respondents named them in every "
              "column: {rows}."},
    "page.descriptives.multi": {"de": "Mehrfachantworten", "en": "Multiple responses"},
    "page.descriptives.multi.text": {
        "de": "Mehrfachnennungen möglich: „% der Fälle“ bezieht sich auf die Befragten, denen "
              "die Frage gestellt wurde und die sie beantwortet haben (auch ohne Nennung), "
              "und ergibt zusammen mehr als 100 %; „% der Nennungen“ auf alle Nennungen. Eine "
              "Frage mit Filter wurde nur einem Teil der Befragten gestellt – ihre Basis ist "
              "kleiner als N. Die Tabellen zeigen „% der Fälle“ insgesamt und je Gruppe (Basis "
              "im Spaltenkopf); Anzahlen, Konfidenzintervalle, „% der Nennungen“ und die "
              "gekreuzten Gruppierungen stehen in der Excel-Arbeitsmappe.",
        "en": "Several answers possible: \"% of cases\" refers to the respondents who were "
              "asked the question and answered it (also without ticking anything) and adds "
              "up to more than 100%; \"% of responses\" to all answers ticked. A question "
              "with a filter was asked of part of the respondents only – its base is smaller "
              "than N. The tables give \"% of cases\" in total and per group (base in the "
              "column head); counts, confidence intervals, \"% of responses\" and the crossed "
              "groupings are in the Excel workbook."},
    "page.descriptives.multi.base": {"de": "{section} · Basis: {base} von {n} Befragten",
                                     "en": "{section} · Base: {base} of {n} respondents"},
    "page.descriptives.multi.figure": {"de": "„{question}“: Anteil der Fälle",
                                       "en": "\"{question}\": share of cases"},
    "page.descriptives.multi.table": {"de": "„{question}“: % der Fälle insgesamt und je Gruppe",
                                      "en": "\"{question}\": % of cases, in total and per group"},
    "page.descriptives.multi.none": {"de": "Das Codebuch enthält keine Mehrfachantwort-Fragen.",
                                     "en": "The codebook has no multiple-response questions."},
    "page.descriptives.coded": {"de": "Codierte offene Antworten", "en": "Coded open answers"},
    "page.descriptives.coded.text": {
        "de": "Offene Antworten, in Kategorien codiert; Mehrfachnennungen möglich. Die "
              "Antworttexte selbst werden nicht gezeigt.",
        "en": "Open answers coded into categories; several categories possible. The answer "
              "texts themselves are not shown."},
    "page.descriptives.coded.base": {
        "de": "{section} · Basis: {base} Befragte mit Antwort (Mehrfachnennungen möglich)",
        "en": "{section} · Base: {base} respondents who answered (several categories "
              "possible)"},
    "page.descriptives.coded.figure": {"de": "„{question}“: Anteil der Fälle je Kategorie",
                                       "en": "\"{question}\": share of cases per category"},
    "page.descriptives.coded.table": {"de": "„{question}“: % der Fälle je Kategorie, insgesamt "
                                            "und je Gruppe",
                                      "en": "\"{question}\": % of cases per category, in total "
                                            "and per group"},
    "page.descriptives.coded.none": {
        "de": "Das Codebuch enthält keine codierten offenen Antworten.",
        "en": "The codebook has no coded open answers."},
    "page.descriptives.scales": {"de": "Skalen und Reliabilität",
                                 "en": "Scales and reliability"},
    "page.descriptives.scales.text": {
        "de": "Cronbachs α über die Befragten, die alle Items der Skala beantwortet haben (wie "
              "SPSS RELIABILITY), mit 95 %-Konfidenzintervall nach Feldt; dazu "
              "standardisiertes α, mittlere Inter-Item-Korrelation und McDonalds ω "
              "(Einfaktormodell). Mittelwert und SD beziehen sich auf den Skalenwert (Mittel "
              "der beantworteten Items). Die Tabellen „Trennschärfen“ zeigen je Item die "
              "Trennschärfe (korrigierte Item-Rest-Korrelation) und α ohne dieses Item.",
        "en": "Cronbach's α over the respondents who answered every item of the scale (as "
              "SPSS RELIABILITY), with a 95% confidence interval after Feldt; also "
              "standardised α, the mean inter-item correlation and McDonald's ω (one-factor "
              "model). Mean and SD refer to the scale score (mean of the answered items). The "
              "item-total tables give each item's discrimination (corrected item-rest "
              "correlation) and α without the item."},
    "page.descriptives.scales.table": {"de": "Reliabilität der Skalen",
                                       "en": "Reliability of the scales"},
    "page.descriptives.scales.item_total": {"de": "Trennschärfen: {scale}",
                                            "en": "Item-total statistics: {scale}"},
    "page.descriptives.scales.none": {"de": "Das Codebuch definiert keine Skalen.",
                                      "en": "The codebook defines no scales."},
    # -- end page.descriptives
    # -- page.comparisons.* (03-group-comparisons)
    "page.comparisons.title": {"de": "Gruppenvergleiche", "en": "Group comparisons"},
    "page.comparisons.intro": {
        "de": "Unterscheiden sich die Gruppen des Codebuchs in ihren Antworten? Jede Frage, "
              "jede Antwortoption und jede Skala wird mit dem Test verglichen, den ihr "
              "Messniveau verlangt; die Begründung steht unter jeder Tabelle. Effektstärken "
              "stehen mit ihrem 95 %-Konfidenzintervall; ein positiver Effekt heißt: Gruppe A "
              "(die zuerst genannte) liegt höher.",
        "en": "Do the groups of the codebook differ in their answers? Every question, every "
              "answer option and every scale is compared with the test its level of "
              "measurement calls for; the reason is given below each table. Effect sizes are "
              "shown with their 95% confidence interval; a positive effect means: group A "
              "(the one named first) is higher."},
    "page.comparisons.adjustment": {
        "de": "p-Werte sind innerhalb eines Abschnitts und einer Gruppierung {method} "
              "(„p (korr.)“); Signifikanzniveau {alpha}.",
        "en": "p-values are {method} within a section and a grouping (\"p (adj.)\"); "
              "significance level {alpha}."},
    "page.comparisons.no_groupings": {
        "de": "Das Codebuch definiert keine Gruppierungen – es gibt nichts zu vergleichen.",
        "en": "The codebook defines no groupings – there is nothing to compare."},
    "page.comparisons.by_grouping": {"de": "Vergleiche je Gruppierung",
                                     "en": "Comparisons by grouping"},
    "page.comparisons.sample_caption": {"de": "Befragte je Gruppe – {grouping}",
                                        "en": "Respondents per group – {grouping}"},
    "page.comparisons.small_cells_one": {
        "de": "Ein Vergleich beruht auf einer Gruppe oder Zelle mit weniger als {min_cell} "
              "Fällen; er wird nicht ausgewiesen.",
        "en": "One comparison rests on a group or cell with fewer than {min_cell} cases; it "
              "is not shown."},
    "page.comparisons.small_cells": {
        "de": "{n} Vergleiche beruhen auf einer Gruppe oder Zelle mit weniger als {min_cell} "
              "Fällen; sie werden nicht ausgewiesen.",
        "en": "{n} comparisons rest on a group or cell with fewer than {min_cell} cases; "
              "they are not shown."},
    "page.comparisons.table_caption": {"de": "{section} – {grouping}",
                                       "en": "{section} – {grouping}"},
    "page.comparisons.table_caption_ab": {
        "de": "{section} – {grouping}; A = {group_a}, B = {group_b}; Lage: M, Md oder % je "
              "Test",
        "en": "{section} – {grouping}; A = {group_a}, B = {group_b}; centre: M, Mdn or % "
              "depending on the test"},
    "page.comparisons.figure_caption": {
        "de": "{effect} mit 95 %-Konfidenzintervall – {section} – {grouping}",
        "en": "{effect} with 95% confidence interval – {section} – {grouping}"},
    "page.comparisons.quiet_all": {
        "de": "Keiner der {n} Vergleiche dieses Abschnitts ist nach Korrektur signifikant "
              "(oder er ist nicht ausgewiesen); die Werte stehen in der Tabelle.",
        "en": "None of the {n} comparisons of this section is significant after correction "
              "(or it is not shown); the values are in the table."},
    "page.comparisons.quiet_all_one": {
        "de": "Der Vergleich dieses Abschnitts ist nach Korrektur nicht signifikant oder nicht "
              "ausgewiesen; seine Werte stehen in der Tabelle.",
        "en": "The comparison of this section is not significant after correction or not "
              "shown; its values are in the table."},
    "page.comparisons.quiet_one": {
        "de": "Der übrige Vergleich dieses Abschnitts ist nach Korrektur nicht signifikant oder "
              "nicht ausgewiesen; seine Werte stehen in der Tabelle.",
        "en": "The other comparison of this section is not significant after correction or "
              "not shown; its values are in the table."},
    "page.comparisons.quiet": {
        "de": "Die übrigen {n} Vergleiche dieses Abschnitts sind nach Korrektur nicht "
              "signifikant oder nicht ausgewiesen; ihre Werte stehen in der Tabelle.",
        "en": "The other {n} comparisons of this section are not significant after correction "
              "or not shown; their values are in the table."},
    "page.comparisons.anova_caption": {
        "de": "Zweifaktorielle Varianzanalyse (Typ II) – {section} – {grouping}",
        "en": "Two-way analysis of variance (type II) – {section} – {grouping}"},
    "page.comparisons.splits": {"de": "Starke und schwache Ressourcen",
                                "en": "Strong and weak resources"},
    "page.comparisons.splits.text": {
        "de": "Teilt sich die Stichprobe in eine Gruppe mit schwachen und eine mit starken "
              "Ressourcen? Der Anteil der schwachen Gruppe je Gruppe mit 95 %-"
              "Konfidenzintervall (Wilson) und der Test, ob sich die Anteile unterscheiden.",
        "en": "Does the sample divide into a group with weak and a group with strong "
              "resources? The share of the weak group in each group with its 95% confidence "
              "interval (Wilson), and the test of whether the shares differ."},
    "page.comparisons.split_cut": {
        "de": "Schwach heißt: der Mittelwert der Skalen {scales} liegt unter {below}.",
        "en": "Weak means: the mean of the scales {scales} is below {below}."},
    "page.comparisons.split_mixture": {
        "de": "Zwei Gruppen aus einem Gaußschen Mischmodell der standardisierten Skalen "
              "{scales}.",
        "en": "Two groups from a Gaussian mixture model of the standardised scales {scales}."},
    "page.comparisons.split_not_kept": {
        "de": "Ein Modell mit zwei Gruppen beschreibt die Daten nicht besser als eines mit "
              "einer Gruppe (BIC); es wird keine Aufteilung berichtet.",
        "en": "A model with two groups does not describe the data better than one with a "
              "single group (BIC); no split is reported."},
    "page.comparisons.split_caption": {
        "de": "{split}: Anteil der schwachen Gruppe mit 95 %-Konfidenzintervall, gesamt und "
              "je Gruppe",
        "en": "{split}: share of the weak group with 95% confidence interval, overall and "
              "per group"},
    "page.comparisons.no_splits": {
        "de": "Das Codebuch definiert keine Aufteilung in starke und schwache Ressourcen.",
        "en": "The codebook defines no split into strong and weak resources."},
    "page.comparisons.summary": {
        "de": "Unterschiede zwischen den Gruppen des Codebuchs: Tests je Messniveau, "
              "korrigierte p-Werte, Effektstärken mit Konfidenzintervall.",
        "en": "Differences between the codebook's groups: a test per level of measurement, "
              "adjusted p-values, effect sizes with confidence intervals."},
    # -- end page.comparisons
    # -- page.hypotheses.* (04-hypotheses)
    "page.hypotheses.title": {"de": "Hypothesen", "en": "Hypotheses"},
    "page.hypotheses.intro": {
        "de": "Die im Codebuch festgelegten Hypothesen, getestet wie es das Messniveau ihrer "
              "Variablen verlangt. Eine gerichtete Hypothese wird einseitig getestet. "
              "Konfirmatorische Hypothesen – vor Sichtung der Daten festgelegt – stehen "
              "getrennt von explorativen und bilden ihre eigene Familie für die "
              "Holm-Korrektur. „Bestätigt“ heißt: der korrigierte p-Wert liegt unter dem "
              "Signifikanzniveau und der Effekt zeigt in die vorhergesagte Richtung.",
        "en": "The hypotheses laid down in the codebook, tested as the level of measurement "
              "of their variables requires. A directional hypothesis is tested one-sided. "
              "Confirmatory hypotheses – laid down before the data were seen – are kept "
              "apart from exploratory ones and form their own family for the Holm "
              "correction. “Supported” means: the adjusted p-value is below the significance "
              "level and the effect points in the predicted direction."},
    "page.hypotheses.alpha": {"de": "Signifikanzniveau: α = {alpha}.",
                              "en": "Significance level: α = {alpha}."},
    "page.hypotheses.none": {"de": "Das Codebuch legt keine Hypothesen fest.",
                             "en": "The codebook lays down no hypotheses."},
    "page.hypotheses.register": {"de": "Hypothesenregister", "en": "Register of hypotheses"},
    "page.hypotheses.confirmatory": {"de": "Konfirmatorische Hypothesen",
                                     "en": "Confirmatory hypotheses"},
    "page.hypotheses.exploratory": {"de": "Explorative Hypothesen",
                                    "en": "Exploratory hypotheses"},
    "page.hypotheses.heading": {"de": "{name}: {text}", "en": "{name}: {text}"},
    "page.hypotheses.about_one": {
        "de": "{x} mit einem Merkmal; erwartet: {direction}.",
        "en": "{x} with one characteristic; expected: {direction}."},
    "page.hypotheses.about": {
        "de": "{x} mit {n} Merkmalen; erwartet: {direction}.",
        "en": "{x} with {n} characteristics; expected: {direction}."},
    "page.hypotheses.direction.positive": {"de": "positiver Zusammenhang",
                                           "en": "positive relationship"},
    "page.hypotheses.direction.negative": {"de": "negativer Zusammenhang",
                                           "en": "negative relationship"},
    "page.hypotheses.direction.two-sided": {"de": "ungerichtet", "en": "non-directional"},
    "page.hypotheses.table_caption": {"de": "Hypothese {name}: Tests und Ergebnis",
                                      "en": "Hypothesis {name}: tests and result"},
    "page.hypotheses.summary": {
        "de": "Die festgelegten Hypothesen, getestet und bewertet: bestätigt oder nicht.",
        "en": "The declared hypotheses, tested and judged: supported or not."},
    # -- end page.hypotheses
    # -- programme monitoring (07-monitoring, 08-programme; survey.monitortables)
    "col.indicator": {"de": "Indikator", "en": "Indicator"},
    "col.hits": {"de": "erreicht", "en": "achieved"},
    "col.target": {"de": "Ziel (%)", "en": "Target (%)"},
    "col.diff_pp": {"de": "Differenz (Pp.)", "en": "Difference (pp)"},
    "col.p_binomial": {"de": "p (Binomialtest)", "en": "p (binomial test)"},
    "col.p_fisher": {"de": "p (Fisher)", "en": "p (Fisher)"},
    "col.placement_kind": {"de": "Art der Vermittlung", "en": "Kind of placement"},
    "col.n_placements": {"de": "Vermittlungen", "en": "Placements"},
    "col.n_persons": {"de": "Personen", "en": "Persons"},
    "col.pct_persons": {"de": "% der Teilnehmenden", "en": "% of participants"},
    "col.benefit": {"de": "Leistung", "en": "Benefit"},
    "col.stage": {"de": "Stufe", "en": "Stage"},
    "col.pct_prev": {"de": "% der Vorstufe", "en": "% of previous stage"},
    "col.pct_first": {"de": "% der ersten Stufe", "en": "% of first stage"},
    "col.stage_stopped": {"de": "Ausgestiegen bei", "en": "Stopped at"},
    "col.reason_given": {"de": "Grund", "en": "Reason"},
    "col.area": {"de": "Bereich", "en": "Area"},
    "col.mean_self": {"de": "M selbst", "en": "M self"},
    "col.mean_coach": {"de": "M Coach", "en": "M coach"},
    "col.mean_diff_self_coach": {"de": "Differenz (selbst − Coach)",
                                 "en": "Difference (self − coach)"},
    "col.diff_ci": {"de": "95 %-KI", "en": "95% CI"},
    "col.kappa_w": {"de": "κ (linear gewichtet)", "en": "κ (linear weights)"},
    "col.kappa_ci": {"de": "95 %-KI κ", "en": "95% CI κ"},
    "col.pct_exact": {"de": "% gleich", "en": "% identical"},
    "col.rater": {"de": "Einschätzung", "en": "Rater"},
    "col.mean_first": {"de": "M zuerst", "en": "M first"},
    "col.mean_second": {"de": "M später", "en": "M later"},
    "col.r_ci": {"de": "95 %-KI r", "en": "95% CI r"},
    "col.mean_change": {"de": "Differenz (später − zuerst)", "en": "Difference (later − first)"},
    "col.diff_ci_low": {"de": "Differenz: KI unten", "en": "Difference: CI low"},
    "col.diff_ci_high": {"de": "Differenz: KI oben", "en": "Difference: CI high"},
    "col.kappa_ci_low": {"de": "κ: KI unten", "en": "κ: CI low"},
    "col.kappa_ci_high": {"de": "κ: KI oben", "en": "κ: CI high"},
    "col.r_ci_low": {"de": "r: KI unten", "en": "r: CI low"},
    "col.r_ci_high": {"de": "r: KI oben", "en": "r: CI high"},
    "col.n_exact": {"de": "gleich (n)", "en": "identical (n)"},
    "col.p_value": {"de": "p", "en": "p"},
    "col.r": {"de": "r", "en": "r"},
    "col.target_pct": {"de": "Ziel (%)", "en": "Target (%)"},
    "col.wilcoxon_w": {"de": "W (Wilcoxon)", "en": "W (Wilcoxon)"},
    "col.z": {"de": "z", "en": "z"},
    "col.project": {"de": "Projekt", "en": "Project"},
    "col.position": {"de": "Lage", "en": "Position"},
    "monitor.verdict.met": {"de": "erreicht", "en": "met"},
    "monitor.verdict.not_met": {"de": "nicht erreicht", "en": "not met"},
    "monitor.verdict.unsure": {"de": "nicht sicher", "en": "not sure"},
    "monitor.position.above_998": {"de": "über der 99,8 %-Grenze", "en": "above the 99.8% limit"},
    "monitor.position.above_95": {"de": "über der 95 %-Grenze", "en": "above the 95% limit"},
    "monitor.position.inside": {"de": "innerhalb", "en": "inside"},
    "monitor.position.below_95": {"de": "unter der 95 %-Grenze", "en": "below the 95% limit"},
    "monitor.position.below_998": {"de": "unter der 99,8 %-Grenze",
                                   "en": "below the 99.8% limit"},
    "monitor.total": {"de": "insgesamt", "en": "total"},
    "monitor.all": {"de": "alle Teilnehmenden", "en": "all participants"},
    "monitor.withheld_rows": {
        "de": "Nicht ausgewiesen sind Zahlen unter {min_cell} (Fälle, Treffer oder Fälle ohne "
              "Treffer) und was sich aus ihnen berechnen ließe.",
        "en": "Numbers below {min_cell} (cases, hits or cases without a hit) are not shown, nor "
              "anything they could be worked out from."},
    "plot.indicator_xlabel": {"de": "Anteil (%)", "en": "Share (%)"},
    "plot.indicator_share": {"de": "erreicht (95 %-KI)", "en": "achieved (95% CI)"},
    "plot.indicator_target": {"de": "Ziel", "en": "Target"},
    "page.monitoring.title": {"de": "Projektdaten: Ziele, Vermittlungen, Teilhabe, "
                                    "Ressourcenkarte",
                              "en": "Project records: targets, placements, participation, "
                                    "resource card"},
    "page.monitoring.intro": {
        "de": "Auswertung der Datensätze, die das Projekt führt (Teilnehmende, Vermittlungen, "
              "Leistungen je Kind, Ressourcenkarte), nach den Angaben im Codebuch: die Ziele "
              "mit ihrer Zielerreichung, die Vermittlungen nach Art, der Weg zu den Leistungen "
              "Stufe für Stufe und die Ressourcenkarte aus Sicht der Teilnehmenden und der "
              "Coaches.",
        "en": "The records the project keeps (participants, placements, benefits per child, "
              "resource card) as the codebook declares them: the targets and how far they were "
              "met, placements by kind, the way to each benefit stage by stage and the resource "
              "card as participants and coaches see it."},
    "page.monitoring.none": {"de": "Das Codebuch dieser Erhebung enthält keine Datensätze "
                                   "(records).",
                             "en": "The codebook of this wave declares no record tables."},
    "page.monitoring.indicators": {"de": "Ziele und Zielerreichung",
                                   "en": "Targets and how far they were met"},
    "page.monitoring.indicators.text": {
        "de": "Je Indikator der erreichte Anteil mit 95 %-Konfidenzintervall (Wilson), das "
              "Ziel, die Differenz in Prozentpunkten und der exakte einseitige Binomialtest "
              "gegen das Ziel. Regel: „erreicht“, wenn das ganze Intervall auf der guten Seite "
              "des Ziels liegt; „nicht erreicht“, wenn es ganz auf der anderen Seite liegt; "
              "sonst „nicht sicher“.",
        "en": "Per indicator the share achieved with its 95% confidence interval (Wilson), the "
              "target, the difference in percentage points and the exact one-sided binomial "
              "test against the target. Rule: \"met\" when the whole interval lies on the good "
              "side of the target, \"not met\" when it lies wholly on the other side, else "
              "\"not sure\"."},
    "page.monitoring.indicators.caption": {"de": "Indikatoren und ihre Ziele",
                                           "en": "Indicators and their targets"},
    "page.monitoring.indicators.figure": {"de": "Erreichter Anteil (95 %-KI) und Ziel",
                                          "en": "Share achieved (95% CI) and target"},
    "page.monitoring.indicators.sentence": {
        "de": "{label}: {k} von {n} ({pct} %, 95 %-KI [{ci_low}; {ci_high}]), Ziel {target} %, "
              "Differenz {diff} Prozentpunkte; exakter Binomialtest p {p}: {verdict}.",
        "en": "{label}: {k} of {n} ({pct}%, 95% CI [{ci_low}, {ci_high}]), target {target}%, "
              "difference {diff} percentage points; exact binomial test p {p}: {verdict}."},
    "page.monitoring.indicators.withheld": {
        "de": "{label}: nicht ausgewiesen (weniger als {min_cell} Fälle).",
        "en": "{label}: not shown (fewer than {min_cell} cases)."},
    "page.monitoring.by": {"de": "Nach {grouping}", "en": "By {grouping}"},
    "page.monitoring.by.text": {
        "de": "Je Gruppe wie oben; Fishers exakter Test (zweiseitig; bei mehr als zwei Gruppen "
              "Freeman–Halton) prüft, ob sich die Gruppen unterscheiden.",
        "en": "Per group as above; Fisher's exact test (two-sided; Freeman–Halton for more "
              "than two groups) tests whether the groups differ."},
    "page.monitoring.by.caption": {"de": "Indikatoren nach {grouping}",
                                   "en": "Indicators by {grouping}"},
    "page.monitoring.placements": {"de": "Vermittlungen nach Art",
                                   "en": "Placements by kind"},
    "page.monitoring.placements.text": {
        "de": "Jede Vermittlung zählt, eine Person kann mehrere haben; „Personen“ zählt die "
              "Teilnehmenden mit mindestens einer Vermittlung dieser Art.",
        "en": "Every placement counts and a person may have several; \"persons\" counts the "
              "participants with at least one placement of the kind."},
    "page.monitoring.placements.caption": {"de": "Vermittlungen nach Art",
                                           "en": "Placements by kind"},
    "page.monitoring.placements.by_caption": {
        "de": "Teilnehmende mit mindestens einer Vermittlung nach Art und {grouping}: Anzahl "
              "(% der Gruppe)",
        "en": "Participants with at least one placement by kind and {grouping}: count (% of "
              "the group)"},
    "page.monitoring.placements.figure": {
        "de": "Anteil der Teilnehmenden mit mindestens einer Vermittlung der Art",
        "en": "Share of participants with at least one placement of the kind"},
    "page.monitoring.takeup": {"de": "Der Weg zu den Leistungen", "en": "The way to the benefits"},
    "page.monitoring.takeup.text": {
        "de": "{label}: {n_units} Fälle ({units}). Je Leistung Stufe für Stufe: wie viele die "
              "Stufe erreichen, ihr Anteil an der Vorstufe und an der ersten Stufe (95 %-KI, "
              "Wilson). Ein „nein“ beendet den Weg; der Grund zählt bei der Stufe, an der er "
              "endete.",
        "en": "{label}: {n_units} cases ({units}). Per benefit stage by stage: how many reach "
              "the stage, their share of the stage before and of the first stage (95% CI, "
              "Wilson). A \"no\" ends the way; its reason is counted at the stage where it "
              "ended."},
    "page.monitoring.takeup.caption": {"de": "Stufen je Leistung", "en": "Stages per benefit"},
    "page.monitoring.takeup.figure": {"de": "Der Weg zu den Leistungen, Stufe für Stufe",
                                      "en": "The way to the benefits, stage by stage"},
    "page.monitoring.reasons.caption": {
        "de": "Gründe an der Stufe des Ausstiegs (mehrere je Fall möglich)",
        "en": "Reasons at the stage where the way stopped (several per case allowed)"},
    "page.monitoring.card": {"de": "Ressourcenkarte: Selbst- und Coach-Einschätzung",
                             "en": "Resource card: self and coach assessment"},
    "page.monitoring.card.text": {
        "de": "Je Bereich ({occasion}) die mittlere Einschätzung der Teilnehmenden und der "
              "Coaches, die gepaarte Differenz mit 95 %-KI (t), der Wilcoxon-Vorzeichen-Rang-"
              "Test (p nach Holm über die Bereiche), die Übereinstimmung als linear gewichtetes "
              "κ mit 95 %-KI und der Anteil gleicher Einschätzungen (Wilson).",
        "en": "Per area ({occasion}) the mean rating of participants and coaches, the paired "
              "difference with its 95% CI (t), the Wilcoxon signed-rank test (p Holm-adjusted "
              "over the areas), agreement as linearly weighted κ with its 95% CI and the share "
              "of identical ratings (Wilson)."},
    "page.monitoring.card.caption": {"de": "Selbst- und Coach-Einschätzung je Bereich",
                                     "en": "Self and coach assessment per area"},
    "page.monitoring.card.figure": {"de": "Selbst- und Coach-Einschätzung je Bereich",
                                    "en": "Self and coach assessment per area"},
    "page.monitoring.change": {"de": "Veränderung von {first} zu {second}",
                               "en": "Change from {first} to {second}"},
    "page.monitoring.change.text": {
        "de": "Wo die Karte zweimal ausgefüllt wurde: die Veränderung je Bereich und "
              "Einschätzung, Wilcoxon-Vorzeichen-Rang-Test (Holm je Einschätzung) und die "
              "rangbiseriale Korrelation r mit 95 %-KI (positiv: später höher).",
        "en": "Where the card was filled twice: the change per area and rater, Wilcoxon "
              "signed-rank test (Holm per rater) and the matched-pairs rank-biserial r with its "
              "95% CI (positive: higher later)."},
    "page.monitoring.change.caption": {"de": "Veränderung je Bereich",
                                       "en": "Change per area"},
    "page.programme.title": {"de": "Programm: die Projekte im Vergleich",
                             "en": "Programme: the projects side by side"},
    "page.programme.intro": {
        "de": "Jeder Indikator je Projekt im Trichterdiagramm (Spiegelhalter 2005): der Anteil "
              "gegen die Zahl der Teilnehmenden, mit den exakten binomialen 95 %- und "
              "99,8 %-Grenzen um das Programmziel. Ein Projekt außerhalb der Grenzen weicht "
              "stärker ab, als der Zufall bei seiner Größe erwarten lässt; innerhalb ist kein "
              "Unterschied zum Ziel belegt.",
        "en": "Each indicator per project in a funnel plot (Spiegelhalter 2005): the share "
              "against the number of participants, with the exact binomial 95% and 99.8% "
              "limits around the programme target. A project outside the limits differs more "
              "than chance at its size would lead one to expect; inside, no difference from "
              "the target is shown."},
    "page.programme.none": {"de": "Das Wellenregister enthält keinen Programmblock "
                                  "(programme).",
                            "en": "The wave register holds no programme block."},
    "page.programme.projects": {"de": "Die Projekte", "en": "The projects"},
    "page.programme.project": {"de": "{title}: {n} Teilnehmende",
                               "en": "{title}: {n} participants"},
    "page.programme.indicator.text": {
        "de": "Programmziel {target} % ({direction}); {n_projects} Projekte.",
        "en": "Programme target {target}% ({direction}); {n_projects} projects."},
    "page.programme.direction.at_least": {"de": "mindestens", "en": "at least"},
    "page.programme.direction.at_most": {"de": "höchstens", "en": "at most"},
    "page.programme.figure": {"de": "{label}: Anteil je Projekt und Grenzen um das Ziel",
                              "en": "{label}: share per project and limits around the target"},
    "page.programme.table.caption": {"de": "{label}: die Projekte",
                                     "en": "{label}: the projects"},
    "page.programme.outside.caption": {"de": "{label}: Projekte außerhalb der 95 %-Grenzen",
                                       "en": "{label}: projects outside the 95% limits"},
    "page.programme.outside.none": {"de": "Kein Projekt liegt außerhalb der 95 %-Grenzen.",
                                    "en": "No project lies outside the 95% limits."},
    "page.programme.small": {
        "de": "Projekte mit weniger als {min_cell} Treffern oder Fällen ohne Treffer sind ohne "
              "ihren genauen Anteil gezeigt.",
        "en": "Projects with fewer than {min_cell} hits or cases without a hit are drawn "
              "without their exact share."},
    "page.programme.targets_differ": {
        "de": "Die Codebücher nennen verschiedene Ziele ({targets}); die Grenzen liegen um das "
              "des ersten Projekts.",
        "en": "The codebooks name different targets ({targets}); the limits lie around the "
              "first project's."},
    "page.programme.missing": {
        "de": "Ohne diesen Indikator: {projects}.",
        "en": "Without this indicator: {projects}."},
    # -- page.ratings.* (05-session-ratings)
    "page.ratings.title": {"de": "Rückmeldebögen zu den Beratungssitzungen",
                           "en": "Feedback forms on the counselling sessions"},
    "page.ratings.intro": {
        "de": "Nach den Beratungssitzungen füllen die Teilnehmenden einen kurzen "
              "Rückmeldebogen aus. Ein Gesamtwert unter dem Grenzwert zeigt an, dass die "
              "Beratung nachgesteuert werden sollte. Bögen sind wiederholte Messungen: Wer "
              "mehrere Sitzungen hatte, hat mehrere Bögen ausgefüllt, die Zahl der Bögen ist "
              "also nicht die Zahl der Personen – Aussagen über Personen beruhen auf den "
              "Mittelwerten je Person. Einzelne Personen werden in diesem Bericht nie gezeigt.",
        "en": "After the counselling sessions, participants fill in a short feedback form. A "
              "total below the cutoff indicates that the counselling should be adjusted. "
              "Forms are repeated measures: whoever had several sessions filled in several "
              "forms, so the number of forms is not the number of people – statements about "
              "people rest on each person's mean. Individual people are never shown in this "
              "report."},
    "page.ratings.none": {"de": "Zu dieser Erhebung gehören keine Rückmeldebögen.",
                          "en": "This wave has no feedback forms."},
    "page.ratings.overview": {"de": "Überblick", "en": "Overview"},
    "page.ratings.overview.text": {
        "de": "{label}: {n_items} Aussagen, je {low}–{high} Punkte, zusammen "
              "{total_low}–{total_high}.",
        "en": "{label}: {n_items} statements, {low}–{high} points each, "
              "{total_low}–{total_high} in total."},
    "page.ratings.counts": {
        "de": "{n_forms} Bögen von {n_people} Teilnehmenden, {n_raters} Berater*innen; Median "
              "{per_week} Bögen je Kalenderwoche (zwischen {week_min} und {week_max}).",
        "en": "{n_forms} forms from {n_people} participants, {n_raters} counsellors; median "
              "{per_week} forms per calendar week (between {week_min} and {week_max})."},
    "page.ratings.totals": {
        "de": "Gesamtwert im Mittel {mean} (Median {median}); {pct_below} % der Bögen liegen "
              "unter dem Grenzwert {cutoff}, {pct_ceiling} % am Höchstwert. Je Person "
              "gemittelt: {mean_person}; {pct_people_below} % der Personen liegen im Mittel "
              "unter dem Grenzwert.",
        "en": "Mean total {mean} (median {median}); {pct_below}% of the forms are below the "
              "cutoff of {cutoff}, {pct_ceiling}% are at the maximum. Averaged per person: "
              "{mean_person}; {pct_people_below}% of the people are below the cutoff on "
              "average."},
    "page.ratings.overview.caption": {"de": "Rückmeldebögen insgesamt und je Berater*in",
                                      "en": "Feedback forms overall and per counsellor"},
    "page.ratings.overall_row": {"de": "alle Bögen", "en": "all forms"},
    "page.ratings.items": {"de": "Die einzelnen Aussagen", "en": "The individual statements"},
    "page.ratings.items.caption": {"de": "Antworten je Aussage des Rückmeldebogens",
                                   "en": "Answers per statement of the feedback form"},
    "page.ratings.weeks": {"de": "Bögen je Kalenderwoche", "en": "Forms per calendar week"},
    "page.ratings.weeks.shared": {
        "de": "Aufeinanderfolgende Kalenderwochen sind zu Zeiträumen mit mindestens "
              "{min_cell} Bögen zusammengefasst, damit keine Woche mit weniger Bögen "
              "erkennbar ist; die Zahlen je Woche stehen in der internen Fassung.",
        "en": "Consecutive calendar weeks are combined into periods of at least {min_cell} "
              "forms, so that no week with fewer forms can be made out; the figures per week "
              "are in the internal version."},
    "page.ratings.weeks.internal": {
        "de": "Ungekürzte Fassung: Alle Wochen werden mit ihrer Zahl gezeigt; die Tabelle "
              "nennt die Werte je Woche.",
        "en": "Unsuppressed version: every week is shown with its number; the table gives "
              "the figures per week."},
    "page.ratings.weeks.caption": {
        "de": "Rückmeldebögen je Kalenderwoche; gestrichelte Linie: Median",
        "en": "Feedback forms per calendar week; dashed line: median"},
    "page.ratings.weeks.table_caption": {"de": "Rückmeldebögen je Kalenderwoche",
                                         "en": "Feedback forms per calendar week"},
    "page.ratings.weeks.caption_shared": {
        "de": "Rückmeldebögen je Zeitraum (Kalenderwochen mit zusammen mindestens so vielen "
              "Bögen, wie ein geteilter Bericht zeigen darf)",
        "en": "Feedback forms per period (calendar weeks with together at least as many "
              "forms as a shared report may show)"},
    "page.ratings.weeks.table_caption_shared": {"de": "Rückmeldebögen je Zeitraum",
                                                "en": "Feedback forms per period"},
    "page.ratings.counts_shared": {
        "de": "{n_forms} Bögen von {n_people} Teilnehmenden, {n_raters} Berater*innen.",
        "en": "{n_forms} forms from {n_people} participants, {n_raters} counsellors."},
    "page.ratings.totals_forms": {
        "de": "Gesamtwert im Mittel {mean} (Median {median}); {pct_below} % der Bögen liegen "
              "unter dem Grenzwert {cutoff}, {pct_ceiling} % am Höchstwert.",
        "en": "Mean total {mean} (median {median}); {pct_below}% of the forms are below the "
              "cutoff of {cutoff}, {pct_ceiling}% are at the maximum."},
    "page.ratings.totals_people": {
        "de": "Je Person gemittelt: {mean_person}; {pct_people_below} % der Personen liegen im "
              "Mittel unter dem Grenzwert.",
        "en": "Averaged per person: {mean_person}; {pct_people_below}% of the people are below "
              "the cutoff on average."},
    "page.ratings.withheld": {
        "de": "{what} wird nicht ausgewiesen: Er beruht auf weniger als {min_cell} Bögen oder "
              "Personen oder ließe eine solche Zahl errechnen.",
        "en": "{what} is not shown: it rests on fewer than {min_cell} forms or people, or "
              "would let such a number be worked out."},
    "page.ratings.what_below": {"de": "Der Anteil der Bögen unter dem Grenzwert",
                                "en": "The share of forms below the cutoff"},
    "page.ratings.what_people_below": {"de": "Der Anteil der Personen unter dem Grenzwert",
                                       "en": "The share of people below the cutoff"},
    "page.ratings.what_per_week": {"de": "Der Median der Bögen je Kalenderwoche",
                                   "en": "The median number of forms per calendar week"},
    "page.ratings.per_week": {"de": "Median {per_week} Bögen je Kalenderwoche.",
                              "en": "Median {per_week} forms per calendar week."},
    "page.ratings.overview.caption_overall": {"de": "Rückmeldebögen insgesamt",
                                              "en": "Feedback forms overall"},
    "page.ratings.raters_internal": {
        "de": "Ergebnisse je Berater*in stehen nur in der internen Fassung: Aus wenigen Bögen "
              "soll niemand eine Rangfolge benannter Fachkräfte bilden; das Codebuch kann "
              "sie ausdrücklich freigeben.",
        "en": "Results per counsellor are in the internal version only: nobody should rank "
              "named staff from a few forms; the codebook can share them explicitly."},
    "page.ratings.trend.withheld": {
        "de": "Der Verlauf wird nicht ausgewiesen: Ihm liegen weniger als {min_cell} Personen "
              "oder Bögen zugrunde.",
        "en": "The trend is not shown: it rests on fewer than {min_cell} people or forms."},
    "page.ratings.trend": {"de": "Verlauf über die Sitzungen",
                           "en": "Change over the sessions"},
    "page.ratings.trend.text": {
        "de": "Verändert sich der Gesamtwert von Sitzung zu Sitzung? Gemischtes lineares "
              "Modell mit einem eigenen Ausgangsniveau je Person (zufälliger "
              "Achsenabschnitt); die Intraklassenkorrelation (ICC) gibt an, welcher Anteil "
              "der Unterschiede zwischen den Bögen auf Unterschiede zwischen Personen "
              "zurückgeht.",
        "en": "Does the total change from session to session? Linear mixed model with a "
              "baseline of its own for each person (random intercept); the intraclass "
              "correlation (ICC) gives the share of the differences between forms that is "
              "due to differences between people."},
    "page.ratings.trend.up": {"de": "steigt von Sitzung zu Sitzung",
                              "en": "rises from session to session"},
    "page.ratings.trend.down": {"de": "sinkt von Sitzung zu Sitzung",
                                "en": "falls from session to session"},
    "page.ratings.trend.flat": {"de": "ändert sich von Sitzung zu Sitzung nicht erkennbar",
                                "en": "shows no discernible change from session to session"},
    "page.ratings.trend.result": {
        "de": "Der Gesamtwert {direction}: Steigung {slope} Punkte je Sitzung, 95 %-KI "
              "[{ci_low}; {ci_high}], p = {p}; ICC = {icc} ({n_forms} Bögen, {n_people} "
              "Personen).",
        "en": "The total {direction}: slope {slope} points per session, 95% CI "
              "[{ci_low}, {ci_high}], p = {p}; ICC = {icc} ({n_forms} forms, {n_people} "
              "people)."},
    "page.ratings.trend.not_converged": {
        "de": "Das Modell ist nicht sauber konvergiert; die Schätzung ist mit Vorsicht zu "
              "lesen.",
        "en": "The model did not converge cleanly; read the estimate with caution."},
    "page.ratings.trend.not_estimated": {
        "de": "Der Verlauf lässt sich nicht schätzen: Dafür braucht es Bögen mit Gesamtwert "
              "und Datum von mindestens drei Personen, und Gesamtwerte wie Sitzungsnummern "
              "müssen sich unterscheiden.",
        "en": "The change cannot be estimated: this needs forms with a total and a date from "
              "at least three people, and both the totals and the session numbers must "
              "vary."},
    "page.ratings.summary": {
        "de": "Rückmeldebögen zu den Sitzungen: Bögen je Woche, Anteil unter dem Grenzwert, "
              "Verlauf über die Sitzungen.",
        "en": "Session-rating forms: forms per week, share below the cutoff, the trend over "
              "the sessions."},
    # -- end page.ratings
    # -- page.waves.* (06-wave-comparison)
    "page.waves.title": {"de": "Vergleich der Datenerhebungen",
                         "en": "Comparison of the waves"},
    "page.waves.intro": {
        "de": "Fragen, die in mehreren Erhebungen gestellt wurden, Ebene für Ebene: der Anteil "
              "der Befragten in den obersten Antwortkategorien (bzw. mit „ja“) je Erhebung "
              "mit 95 %-Konfidenzintervall (Wilson), die Differenz in Prozentpunkten mit "
              "95 %-KI (Newcombe) und ihr Test.",
        "en": "Questions asked in more than one wave, level by level: the share of "
              "respondents in the top answer categories (or answering “yes”) per wave with "
              "its 95% confidence interval (Wilson), the difference in percentage points "
              "with its 95% CI (Newcombe) and its test."},
    "page.waves.none": {"de": "Das Wellenregister enthält keinen Vergleich von Erhebungen.",
                        "en": "The wave register holds no comparison of waves."},
    "page.waves.waves": {"de": "Die Erhebungen", "en": "The waves"},
    "page.waves.wave": {"de": "{title}: N = {n}, Feldzeit {fielded}",
                        "en": "{title}: N = {n}, field period {fielded}"},
    "page.waves.wave_unfielded": {"de": "{title}: N = {n}", "en": "{title}: N = {n}"},
    "page.waves.caution": {"de": "Vorsicht beim Vergleich", "en": "Caution when comparing"},
    "page.waves.caution.text": {
        "de": "Die Erhebungen unterscheiden sich in der befragten Population und in der Art "
              "der Befragung. Unterschiede zwischen ihnen zeigen, wie verschieden die Gruppen "
              "antworten, nicht, wie sich dieselben Personen verändert haben.",
        "en": "The waves differ in the population surveyed and in how it was surveyed. "
              "Differences between them show how differently the groups answer, not how the "
              "same people have changed."},
    "page.waves.caution.paired": {
        "de": "Ein Teil der Befragten nahm an beiden Erhebungen teil; für sie werden gepaarte "
              "Verfahren verwendet (McNemar, Newcombe für verbundene Stichproben).",
        "en": "Some respondents took part in both waves; for them, paired methods are used "
              "(McNemar, Newcombe for paired samples)."},
    "page.waves.caution.independent": {
        "de": "Keine Person ist in beiden Erhebungen erfasst; die Stichproben sind unabhängig.",
        "en": "No person is recorded in both waves; the samples are independent."},
    "page.waves.problems": {"de": "Nicht verglichen", "en": "Not compared"},
    "page.waves.problems.text": {
        "de": "Nicht alle gemeinsamen Fragen ließen sich vergleichen (etwa weil die "
              "Antwortvorgaben verschieden sind), oder die Daten zeigen Auffälligkeiten. Die "
              "Meldungen (Anzahl: {n}) stehen im Anhang.",
        "en": "Not every shared question could be compared (for instance because the answer "
              "options differ), or the data show irregularities. The messages (number: {n}) "
              "are in the appendix."},
    "page.waves.levels": {"de": "Ebene für Ebene", "en": "Level by level"},
    "page.waves.levels.text": {
        "de": "Die Abbildung zeigt alle verglichenen Fragen, die Tabellen danach die Zahlen je "
              "Ebene. p-Werte werden innerhalb einer Ebene {adjust}.",
        "en": "The figure shows every question compared, the tables after it the figures "
              "per level. p values are {adjust} within a level."},
    "page.adjust.holm": {"de": "nach Holm korrigiert",
                               "en": "adjusted by Holm's method"},
    "page.adjust.bonferroni": {"de": "nach Bonferroni korrigiert",
                                     "en": "adjusted by Bonferroni's method"},
    "page.adjust.fdr_bh": {
        "de": "nach Benjamini-Hochberg korrigiert (Falscherkennungsrate)",
        "en": "adjusted by the Benjamini-Hochberg method (false discovery rate)"},
    "page.adjust.none": {"de": "nicht korrigiert", "en": "not adjusted"},
    "page.waves.figure.title": {"de": "Vergleich mit erster Datenerhebung",
                                "en": "Comparison with the first wave"},
    "page.waves.figure.caption": {
        "de": "Anteil je Erhebung mit 95 %-Konfidenzintervall und Differenz in "
              "Prozentpunkten, Ebene für Ebene",
        "en": "Share per wave with its 95% confidence interval and the difference in "
              "percentage points, level by level"},
    "page.waves.table.caption": {"de": "{section} (A: {wave_a}; B: {wave_b})",
                                 "en": "{section} (A: {wave_a}; B: {wave_b})"},
    "page.waves.no_items": {"de": "Die Erhebungen haben keine vergleichbaren Fragen.",
                            "en": "The waves have no comparable questions."},
    "page.waves.appendix.map": {"de": "Zuordnung der Fragen", "en": "Mapping of questions"},
    "page.waves.appendix.problems": {
        "de": "Nicht verglichene Fragen und Auffälligkeiten (Meldungen des Programms)",
        "en": "Questions not compared and irregularities (messages of the program)"},
    "page.waves.appendix.message": {"de": "Meldung", "en": "Message"},
    "page.waves.summary": {
        "de": "Fragen mehrerer Erhebungen Ebene für Ebene verglichen: Anteile, Differenzen "
              "mit Konfidenzintervall und Test.",
        "en": "Questions of several waves compared level by level: shares, differences with "
              "confidence intervals and tests."},
    # -- end page.waves
    # -- page.index.* (the index page, survey.frontpage)
    "page.index.title": {"de": "Berichte", "en": "Reports"},
    "page.index.made": {"de": "Stand: {date} · {reports} Berichte.",
                        "en": "As of {date} · {reports} reports."},
    "page.index.made_one": {"de": "Stand: {date} · 1 Bericht.",
                            "en": "As of {date} · 1 report."},
    "page.index.n_failed": {"de": "Davon nicht erstellt: {n}.", "en": "Not made: {n}."},
    "page.index.empty": {"de": "Noch keine Berichte.", "en": "No reports yet."},
    "page.index.n": {"de": "{n} Befragte", "en": "{n} respondents"},
    "page.index.n_participants": {"de": "{n} Teilnehmende", "en": "{n} participants"},
    "page.index.col_report": {"de": "Bericht", "en": "Report"},
    "page.index.col_content": {"de": "Kurz gesagt", "en": "In brief"},
    "page.index.csv_folder": {
        "de": "jede Tabelle auch als CSV-Datei im Ordner „{folder}“",
        "en": "each table also as a CSV file in the folder “{folder}”"},
    "page.index.compared": {"de": "Verglichen werden:", "en": "Compared:"},
    "page.index.many": {"de": "{k} Erhebungen", "en": "{k} waves"},
    "page.index.periods": {"de": "Feldzeiten {period}", "en": "field periods {period}"},
    "page.index.together": {"de": "zusammen {n} Befragte", "en": "{n} respondents in all"},
    "page.index.study_title": {"de": "{study}: Berichte", "en": "{study}: reports"},
    "page.index.col_status": {"de": "Status", "en": "Status"},
    "page.index.status_ok": {"de": "erstellt", "en": "made"},
    "page.index.status_reused": {"de": "unverändert", "en": "unchanged"},
    "page.index.status_failed": {"de": "nicht erstellt", "en": "not made"},
    "page.index.tables": {"de": "Alle Tabellen", "en": "All tables"},
    "page.index.workbook": {"de": "Excel-Arbeitsmappe", "en": "Excel workbook"},
    "page.index.csv": {"de": "CSV-Dateien", "en": "CSV files"},
    "page.index.failed_data": {
        "de": "Nicht erstellt: Die Rohdaten dieser Erhebung enthalten Fehler, die die "
              "Bereinigung verhindern; Einzelheiten zeigt „survey validate {wave}“.",
        "en": "Not made: the raw data of this wave have errors that prevent cleaning; "
              "\"survey validate {wave}\" shows the details."},
    "page.index.failed_cleaning": {
        "de": "Nicht erstellt: Die Bereinigung ist mit einem Programmfehler abgebrochen; "
              "Einzelheiten stehen im Protokoll des Laufs.",
        "en": "Not made: cleaning stopped with a program error; the run's log has the "
              "details."},
    "page.index.failed_compared": {
        "de": "Nicht erstellt, weil eine der verglichenen Erhebungen nicht bereinigt werden "
              "konnte.",
        "en": "Not made because one of the compared waves could not be cleaned."},
    "page.index.failed_setup": {
        "de": "Nicht erstellt: Die Einstellungen des Laufs passen nicht zum Bericht; "
              "Einzelheiten stehen im Protokoll des Laufs.",
        "en": "Not made: the run's settings do not fit the report; the run's log has the "
              "details."},
    "page.index.failed_audit": {
        "de": "Zurückgehalten: Die Prüfung der geteilten Ausgaben fand eine Fallzahl unter der "
              "Mindestzellbesetzung, die sich aus ihnen ablesen oder errechnen lässt; "
              "Einzelheiten stehen im Protokoll des Laufs.",
        "en": "Withheld: the check of the shared outputs found a count below the minimum "
              "cell size that can be read or worked out from them; the run's log has the "
              "details.",
    },
    "page.index.failed_render": {
        "de": "Nicht erstellt: Die Berechnung lief, aber die Seite konnte nicht erzeugt "
              "werden; Einzelheiten stehen im Protokoll des Laufs.",
        "en": "Not made: the analysis ran but the page could not be produced; the run's log "
              "has the details."},
    "page.index.failed_notebook": {
        "de": "Nicht erstellt: Bei der Berechnung ist ein Fehler aufgetreten; Einzelheiten "
              "stehen im Protokoll des Laufs.",
        "en": "Not made: an error occurred during the analysis; the run's log has the "
              "details."},
    # -- end page.index
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


def text_or(key: str, language: str, fallback: str) -> str:
    """The catalogue's text for ``key``, or ``fallback`` when the catalogue has no such key
    (a name the catalogue need not know: a test, an effect or a rule of another study).

    >>> text_or("value.true", "en", "?"), text_or("no.such.key", "en", "raw")
    ('yes', 'raw')
    """
    return text(key, language) if key in MESSAGES else fallback


def check_language(language: str) -> str:
    """``language`` if the catalogue has it, else a ValueError naming the ones it has."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {language!r}")
    return language


def labels(prefix: str, language: str = "de") -> dict[str, str]:
    """Every entry under ``prefix.`` as ``{rest of key: text}``, in catalogue order."""
    start = prefix + "."
    return {k[len(start):]: text(k, language) for k in MESSAGES if k.startswith(start)}
