/**
 * Warnings and import findings from the services, English, keyed by their `code`: the weights
 * and regression warnings (`warningItems` of the weights view and of a regression run) and the
 * import report's errors and warnings. The i18n module spreads them into the `errors` namespace
 * beside errors.en.ts, so the UI shows them like errors (`problemText`): `errors.<code>` filled
 * with `details`, else the English `message`.
 *
 * - Placeholders ({{name}}) are keys of the warning's `details`; each English text is exactly
 *   the service sentence with its values replaced by placeholders.
 * - A sentence that depends on a number has i18next plural forms `<code>_one` / `<code>_other`
 *   chosen by `details.count` (Chinese uses `_other`; it has `_one` too, with the placeholders
 *   of the English `_one`).
 * - `$t(errors.<key>)` nests another entry: `list-more` (" and 3 more", nothing for 0),
 *   `expr-problem-*` (why an expression set rows to missing), and `regression-in-column`
 *   nests the column's own warning (`details.inner`).
 * tests/renderer/i18n/warning-codes.test.ts checks that every code produced in src/ is here and
 * that real warnings render from their details to exactly their message.
 */
export const warningsEn: Record<string, string> = {
  // shared pieces
  'list-more_zero': '',
  'list-more_one': ' and {{count}} more',
  'list-more_other': ' and {{count}} more',
  // map figures (src/figures/map)
  'figure-china-reference-missing': 'The China frame (Taiwan, Hong Kong, Macao and the South China Sea Islands) could not be drawn: its reference boundaries were not given.',
  'figure-palette-cycled_one': 'The palette {{palette}} has fewer colours than the {{count}} categories; colours repeat.',
  'figure-palette-cycled_other': 'The palette {{palette}} has fewer colours than the {{count}} categories; colours repeat.',
  'figure-panel-no-values': 'Panel "{{panel}}" has no values of {{variable}}; its regions are drawn as no data.',
  // import: cells the panel reader could not use
  'non-numeric-cell_one': '{{file}}: column "{{column}}", row {{row}}: {{cell}} is not a number',
  'non-numeric-cell_other': '{{file}}: column "{{column}}", rows {{rowList}}$t(errors.list-more, {"count": {{moreCount}} }): {{cellList}} are not numbers',
  'missing-id_one': '{{file}}: column "{{column}}", row {{row}}: {{cell}} has no id',
  'missing-id_other': '{{file}}: column "{{column}}", rows {{rowList}}$t(errors.list-more, {"count": {{moreCount}} }): {{cellList}} have no id',
  'bad-time_one': '{{file}}: column "{{column}}", row {{row}}: {{cell}} is not an integer period',
  'bad-time_other': '{{file}}: column "{{column}}", rows {{rowList}}$t(errors.list-more, {"count": {{moreCount}} }): {{cellList}} are not integer periods',
  // import: checks of the panel (warnings)
  'geometry-without-data': 'geometry region "{{id}}" has no rows in {{file}}{{hint}}',
  'period-gap': 'no region has rows for {{ranges}}',
  gap: '{{id}}: no rows for {{ranges}}',
  unbalanced: 'unbalanced panel: {{incomplete}} of {{regions}} regions lack some of the {{periods}} periods',
  'missing-cells_one': 'column "{{column}}": {{count}} missing cell of {{rows}}',
  'missing-cells_other': 'column "{{column}}": {{count}} missing cells of {{rows}}',
  // import: the import service's findings
  'not-lonlat': '{{file}}: coordinates are not longitude/latitude (units: {{units}}); the map and great-circle distances need lon/lat',
  'text-columns_one': '{{file}}: text column {{columnList}} not imported (not numbers)',
  'text-columns_other': '{{file}}: text columns {{columnList}} not imported (not numbers)',
  'ignored-columns_one': '{{file}}: column {{columnList}} not imported (wide format uses the year columns only)',
  'ignored-columns_other': '{{file}}: columns {{columnList}} not imported (wide format uses the year columns only)',
  'matched-by-name_one': '{{file}}: {{count}} id matched to regions by name: {{matchList}}$t(errors.list-more, {"count": {{moreCount}} })',
  'matched-by-name_other': '{{file}}: {{count}} ids matched to regions by name: {{matchList}}$t(errors.list-more, {"count": {{moreCount}} })',
  'interpolated_one': '{{file}}: {{count}} missing cell filled by linear interpolation',
  'interpolated_other': '{{file}}: {{count}} missing cells filled by linear interpolation',
  'replaces-values_one': '{{count}} existing value will be replaced',
  'replaces-values_other': '{{count}} existing values will be replaced',
  // weights
  'weights-islands': '{{count}} region(s) have no neighbours (islands, zero rows in W): {{idList}}$t(errors.list-more, {"count": {{moreCount}} }); add a manual link with links=A|B if that is not intended.',
  'weights-file-positions-written': 'Region ids such as "{{id}}" contain spaces or quotes, which {{format}} files cannot hold: regions are written as their positions 1–{{n}} in the order of the data (id variable {{column}} in the header line), as GeoDa and spdep do; read the file with the regions in that same order.',
  'weights-file-positions': '{{source}} numbers its regions 1–{{n}}{{named}}: they are taken as positions in the data\'s region order ("1" = "{{first}}").',
  'weights-file-islands': '{{count}} region(s) have no neighbours (islands, zero rows in W): {{idList}}$t(errors.list-more, {"count": {{moreCount}} }).',
  'weights-geometry-without-data': '{{count}} geometry region(s) have no data and are left out of W: {{idList}}$t(errors.list-more, {"count": {{moreCount}} }).',
  // regression
  'expression-missing_one': '{{expression}}: $t(errors.{{problem}}) in {{count}} row, set to missing',
  'expression-missing_other': '{{expression}}: $t(errors.{{problem}}) in {{count}} rows, set to missing',
  'expr-problem-log': 'log of a non-positive value',
  'expr-problem-log10': 'log10 of a non-positive value',
  'expr-problem-log2': 'log2 of a non-positive value',
  'expr-problem-log1p': 'log1p of a value ≤ −1',
  'expr-problem-sqrt': 'square root of a negative value',
  'expr-problem-division': 'division by zero',
  'expr-problem-growth': 'growth from a zero value',
  'expr-problem-zscore': 'zscore of a constant variable',
  'expr-problem-other': '{{fn}} gave no finite value',
  'dropped-rows': 'Dropped {{count}} row(s) with a missing value in {{variables}}.',
  'dropped-rows-cluster': 'Dropped {{count}} row(s) with a missing value in {{variables}} or the cluster variable.',
  'regression-median-split-region-mean': 'Median split of {{split}} by region means: median {{median}}; High = above the median.',
  'regression-median-split-all': 'Median split of {{split}} by all observations: median {{median}}; High = above the median.',
  'regression-in-column': '{{column}}: $t(errors.{{inner}})',
  // map figures
  'figure-missing-years_one': '{{count}} region-period lacks some years of the range; the {{aggregation}} uses the years present.',
  'figure-missing-years_other': '{{count}} region-periods lack some years of the range; the {{aggregation}} uses the years present.',
  'esda-missing-dropped': '{{label}}: {{count}} region(s) without a value were left out: {{regions}}.',
  'esda-islands-dropped': '{{label}}: {{count}} region(s) without neighbours (islands) were left out: {{regions}}.',
  'esda-residuals-data-changed': "The project's data changed since run {{run}} was saved; its residuals are those of the model fitted again on today's data.",
  // composite indices (src/composite, src/services/composite; issue 14)
  'composite-unbalanced_one': '1 region-year has no row (e.g. {{first}}); normalisation and weights use the rows present',
  'composite-unbalanced_other': '{{count}} region-years have no row (e.g. {{first}}); normalisation and weights use the rows present',
  'composite-missing-rows_one': '1 region-year is left out of the index for a missing indicator value ({{first}})',
  'composite-missing-rows_other': '{{count}} region-years are left out of the index for a missing indicator value ({{first}})',
  'composite-indicator-missing': 'indicator "{{indicator}}": {{reason}}',
  'composite-robustness-skipped': 'the robustness table leaves out {{method}} weights: {{reason}}',
  // spatial panel: random effects, Hausman
  'spatial-panel-re-rho-boundary': 'The random-effects estimate of rho ({{rho}}) lies at the end of its interval ({{lower}}, {{upper}}).',
  'spatial-panel-re-theta-boundary': 'The random-effects weight theta ({{theta}}) lies at the end of (0, 1).',
  'spatial-hausman-unavailable': 'The spatial Hausman test was not computed: {{reason}}',
  'spatial-hausman-not-positive-definite': 'V_FE − V_RE is not positive definite (smallest eigenvalue {{minEigenvalue}}); read the Hausman statistic with care.',
  // spatial panel models (src/models/spatial-panel): fit warnings and the model-choice sentences
  'spatial-panel-islands': '{{count}} region(s) have no neighbours in W ({{regions}}); their spatial lags are zero.',
  'spatial-panel-not-row-standardised': 'The weights matrix is not row-standardised; ρ is then not bounded by 1 and the effects are not comparable with the usual tables.',
  'spatial-panel-parameter-boundary': 'The estimate of {{parameter}} ({{value}}) lies at the boundary of its interval ({{lower}}, {{upper}}); the model may be misspecified and its standard errors are unreliable.',
  'spatial-panel-search-not-converged': 'The search for {{parameter}} did not converge in {{iterations}} iterations; the estimate {{value}} may be inaccurate.',
  'spatial-panel-stochastic-traces': 'The variances use stochastic trace estimates of W(I − ρW)⁻¹ (relative standard error {{relativeError}}), because W is large.',
  'spatial-panel-effects-trace-error': 'The effects use approximate traces of (I − ρW)⁻¹ with an error bound of {{bound}} on the averaged traces.',
  'spatial-panel-covariance-repaired': 'The covariance of the estimates was not positive definite (smallest eigenvalue {{minEigenvalue}}); its eigenvalues were floored at {{floor}} before drawing.',
  'spatial-panel-choice-ols': 'At the {{alpha}} level the LM tests find no spatial dependence in the fixed-effects model: the non-spatial model suffices.',
  'spatial-panel-choice-sar': 'At the {{alpha}} level the {{steps}} tests support the spatial lag model (SAR).',
  'spatial-panel-choice-sem': 'At the {{alpha}} level the {{steps}} tests support the spatial error model (SEM).',
  'spatial-panel-choice-sdm': 'At the {{alpha}} level the {{steps}} tests support the spatial Durbin model (SDM).',
  'spatial-panel-choice-sar-fe': 'At the {{alpha}} level the {{steps}} tests support the spatial lag model (SAR), and the Hausman test rejects random effects: use fixed effects.',
  'spatial-panel-choice-sem-fe': 'At the {{alpha}} level the {{steps}} tests support the spatial error model (SEM), and the Hausman test rejects random effects: use fixed effects.',
  'spatial-panel-choice-sdm-fe': 'At the {{alpha}} level the {{steps}} tests support the spatial Durbin model (SDM), and the Hausman test rejects random effects: use fixed effects.',
  'spatial-panel-choice-sar-re': 'At the {{alpha}} level the {{steps}} tests support the spatial lag model (SAR), and the Hausman test does not reject random effects: random effects are consistent and efficient.',
  'spatial-panel-choice-sem-re': 'At the {{alpha}} level the {{steps}} tests support the spatial error model (SEM), and the Hausman test does not reject random effects: random effects are consistent and efficient.',
  'spatial-panel-choice-sdm-re': 'At the {{alpha}} level the {{steps}} tests support the spatial Durbin model (SDM), and the Hausman test does not reject random effects: random effects are consistent and efficient.',
  // spatial panel notes (src/services/spatial-panel/fit.ts)
  'spatial-note-variance-analytical': 'Variances from the analytical information matrix.',
  'spatial-note-random-effects': 'Random individual effects: theta = {{theta}} (the weight of the quasi-demeaning), sigma²_mu = {{sigma2Mu}}.',
  'spatial-note-hausman-skipped': 'The spatial Hausman test was skipped: it needs a random-effects fit, which is slow for {{n}} regions (more than {{max}}); ask for it explicitly to run it.',
  'spatial-note-variance-re': "Variances from Elhorst's analytical information matrix of the random-effects model (an approximation).",
  'spatial-note-variance-numerical': 'Variances from a numerical Hessian (no analytical information matrix for this model).',
  'spatial-note-logdet': 'ln|I − ρW| by {{method}} (error bound {{bound}}), search on ({{lower}}, {{upper}}).',
  'spatial-note-search': 'Brent search: {{iterations}} iterations, tolerance {{tolerance}}.',
  'spatial-note-search-not-converged': 'Brent search: {{iterations}} iterations, tolerance {{tolerance}}, not converged.',
  'spatial-note-lee-yu': 'Lee–Yu (2010) bias correction applied.',
  'spatial-note-covariance-repaired': 'The covariance of the draws was not positive definite (smallest eigenvalue {{eigenvalue}}); it was repaired with an eigenvalue floor of {{floor}} before drawing.',
  'spatial-note-draws': 'Effects: {{draws}} simulation draws, seed {{seed}}; traces by {{traces}}.',
  'spatial-note-delta': 'Effects: delta method.',
  // GTWR (src/services/gwr)
  'gwr-rows-dropped_one': '1 region-year without a value of {{variable}} or a regressor is left out of the GTWR.',
  'gwr-rows-dropped_other': '{{count}} region-years without a value of {{variable}} or a regressor are left out of the GTWR.',
  'gwr-fe-single-period': 'The two-way fixed-effects comparison needs at least two periods and two regions (the data have periods: {{periods}}, regions: {{regions}}).',
  'gwr-fe-no-regressors': 'The two-way fixed-effects comparison needs a regressor that varies: the region and period effects absorb the constant.',
  'gwr-fe-absorbed': 'The two-way fixed-effects comparison is not shown: {{variableList}} varies only by region and by period, so the effects absorb it.',
  'gwr-fe-unavailable': 'The two-way fixed-effects comparison is not shown: {{reason}}',
};
