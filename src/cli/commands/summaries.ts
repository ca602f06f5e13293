/**
 * One-line summaries of the sub-commands, in a module of plain strings so `rwb --help` can
 * list every command without loading any of them (loading fe and weights costs more than the
 * rest of `rwb --help` together). Each command module uses its line as its `summary`.
 */
export const SUMMARIES = {
  import: 'add a panel and/or boundaries to a project file (one transaction)',
  describe: 'descriptive statistics of panel variables (N, mean, SD, min, P5, median, P95, max)',
  derive: 'add a variable computed from an expression to a project file',
  fe: 'panel regression: fixed/random effects, robust/cluster/Driscoll–Kraay SEs, group tables',
  weights: 'build a spatial weights matrix (contiguity, kNN, distance, kernel, economic) and export it',
  moran: "spatial autocorrelation per year: Moran's I, Geary's C, General G; LISA and local G",
  index: 'composite index of indicators: entropy/CRITIC/PCA/G1 weights, weighted sum or TOPSIS',
  sdm: 'spatial panel models (SDM, SAR, SEM, SDEM, SLX) with fixed effects, tests and direct/indirect effects',
  map: 'draw a map figure (choropleth, small multiples by period) as PNG, SVG or PDF',
  gtwr: 'GTWR / GWR: local coefficients over space and time, bandwidth and tau chosen by AICc or CV',
  report: "collect a project's saved runs and figures into an HTML report (and a PDF)",
} as const;
