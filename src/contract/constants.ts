/**
 * The closed sets of names the contract, the services and the renderer share, declared once as
 * `as const` arrays with their types. A value-only module (no zod, no imports): the renderer
 * may import values from here — and only from here — in src/contract. zod schemas use
 * `z.enum(CONSTANT)`; the services check their spec grammars against the same arrays.
 */

/** Names of the embedded sample projects. */
export const SAMPLE_NAMES = ['china-provinces', 'us-states'] as const;
export type SampleName = (typeof SAMPLE_NAMES)[number];

/** Templates of a new project (`project:new`): nothing, or the China provinces / prefecture cities geometry with codes, names and four-region groups (no data). */
export const PROJECT_TEMPLATES = ['empty', 'china-provinces', 'china-cities'] as const;

/** How the workbench is hosted. */
export const APP_MODES = ['electron', 'web'] as const;
export type AppMode = (typeof APP_MODES)[number];

/** Panel models: fixed effects, Swamy–Arora random effects, pooled OLS. */
export const PANEL_MODELS = ['fe', 're', 'pooled'] as const;
export type PanelModel = (typeof PANEL_MODELS)[number];

/** Effects of a panel model. */
export const PANEL_EFFECTS = ['none', 'individual', 'time', 'twoways'] as const;
export type PanelEffects = (typeof PANEL_EFFECTS)[number];

/** Standard-error types (`cluster` clusters by region unless a column is named). */
export const SE_TYPES = ['classical', 'hc1', 'cluster', 'driscoll-kraay'] as const;
export type SeTypeName = (typeof SE_TYPES)[number];

/** What goes in parentheses under an estimate in a publication table. */
export const TABLE_PAREN = ['se', 't'] as const;

/** Wording of a publication table: English or Chinese. */
export const TABLE_LANGUAGES = ['en', 'zh'] as const;
export type TableLanguage = (typeof TABLE_LANGUAGES)[number];

/** Table formats the Regression tab exports. */
export const TABLE_EXPORT_FORMATS = ['docx', 'xlsx', 'tex', 'csv', 'html'] as const;
export type TableExportFormat = (typeof TABLE_EXPORT_FORMATS)[number];

/** Every kind of W the weights spec grammar builds (`rwb weights --spec`, `--weights-spec`). */
export const WEIGHTS_TYPES = ['queen', 'rook', 'knn', 'idw', 'band', 'kernel', 'econ', 'nested'] as const;
export type WeightsType = (typeof WEIGHTS_TYPES)[number];

/** Weights types the app's builder offers (a subset of the grammar's). */
export const WEIGHTS_BUILD_TYPES = ['queen', 'rook', 'knn', 'idw', 'band', 'econ'] as const satisfies readonly WeightsType[];
export type WeightsBuildType = (typeof WEIGHTS_BUILD_TYPES)[number];

/** Standardisations of W by name (`:std=`): row-standardised, none, binary, spectral, min-max. */
export const WEIGHTS_STANDARDIZATIONS = ['row', 'none', 'binary', 'spectral', 'minmax'] as const;
export type Standardization = (typeof WEIGHTS_STANDARDIZATIONS)[number];

/** Kernel functions of kernel weights. */
export const KERNEL_NAMES = ['triangular', 'epanechnikov', 'quartic', 'gaussian'] as const;
export type KernelNameConstant = (typeof KERNEL_NAMES)[number];

/** Neighbour ranking of k-nearest-neighbour weights on lon/lat. */
export const DISTANCE_METRICS = ['great-circle', 'ellipsoid'] as const;
export type DistanceMetric = (typeof DISTANCE_METRICS)[number];

/** Weights file formats the Weights tab imports/exports (the service reads also .kwt and .xlsx). */
export const WEIGHTS_FILE_FORMATS = ['gal', 'gwt', 'json', 'csv'] as const;
export type WeightsFileFormat = (typeof WEIGHTS_FILE_FORMATS)[number];

/** Extensions of the weights files the services read. */
export const WEIGHTS_FILE_EXTENSIONS = ['.gal', '.gwt', '.kwt', '.json', '.csv', '.xlsx'] as const;

/** Extensions of panel files the Import dialog accepts (CSV/text or Excel, long or wide). */
export const PANEL_FILE_EXTENSIONS = ['.csv', '.txt', '.xlsx'] as const;

/** Extensions of boundary files the Import dialog accepts (GeoJSON, a shapefile's parts, or a .zip). */
export const GEOMETRY_FILE_EXTENSIONS = ['.geojson', '.json', '.shp', '.dbf', '.prj', '.cpg', '.shx', '.zip'] as const;

/** Layout of a panel file. */
export const PANEL_FORMATS = ['long', 'wide', 'auto'] as const;

/** Filling of interior gaps on import. */
export const INTERPOLATIONS = ['none', 'linear'] as const;

/** States of a background job (`job:status`). */
export const JOB_STATES = ['running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

/**
 * Tasks a client may start through `job:start`; each is also the name of a worker task
 * (src/services/jobs/tasks.ts), which the services check at compile time.
 */
export const JOB_TASK_NAMES = ['permutation-gap', 'import-preview', 'import-commit', 'esda-global', 'esda-local', 'index-build', 'index-save', 'spatial-panel-fit', 'gtwr'] as const;
export type JobTaskName = (typeof JOB_TASK_NAMES)[number];

/**
 * Largest chunk of a chunked upload (4 MB): the renderer sends files in pieces of at most this
 * size (`POST /upload` in web mode, `upload:chunk` in Electron), so no request holds a whole file.
 */
export const MAX_UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Classification methods of a map (issue 9): natural breaks (Fisher–Jenks / ckmeans), quantiles,
 * equal intervals, standard deviations around the mean, box map (hinge 1.5, as GeoDa), user breaks.
 */
export const MAP_CLASS_METHODS = ['jenks', 'quantile', 'equal', 'stddev', 'box', 'user'] as const;
export type MapClassMethod = (typeof MAP_CLASS_METHODS)[number];

/** How several years of one period collapse to one value per region on a map. */
export const MAP_AGGREGATIONS = ['mean', 'first', 'last', 'change'] as const;
export type MapAggregation = (typeof MAP_AGGREGATIONS)[number];

/**
 * Named palettes (ColorBrewer-style; colour-blind safe ones first in each kind). Sequential,
 * diverging (centred, e.g. on 0 for coefficients and effects) and categorical.
 */
export const SEQUENTIAL_PALETTES = ['YlOrRd', 'Blues', 'Greens', 'Purples', 'Oranges', 'YlGnBu', 'viridis'] as const;
export const DIVERGING_PALETTES = ['RdBu', 'BrBG', 'PuOr', 'PiYG'] as const;
export const CATEGORICAL_PALETTES = ['Set2', 'Dark2', 'Okabe-Ito'] as const;
export const MAP_PALETTES = [...SEQUENTIAL_PALETTES, ...DIVERGING_PALETTES, ...CATEGORICAL_PALETTES] as const;
export type MapPaletteName = (typeof MAP_PALETTES)[number];

/** File formats a figure (map or chart) is exported to. */
export const FIGURE_FORMATS = ['png', 'svg', 'pdf'] as const;
export type FigureFormat = (typeof FIGURE_FORMATS)[number];

/** Projections of a map figure: Albers equal-area conic, Lambert conformal conic, or plain lon/lat. */
export const MAP_PROJECTIONS = ['auto', 'albers', 'lambert', 'lonlat'] as const;
export type MapProjectionName = (typeof MAP_PROJECTIONS)[number];

/** Languages of a figure's fixed wording (legend headings, "no data", scale bar, watermark). */
export const FIGURE_LANGUAGES = ['en', 'zh'] as const;
export type FigureLanguage = (typeof FIGURE_LANGUAGES)[number];

/** Chart kinds of the region-group views. */
export const GROUP_CHART_KINDS = ['line', 'box', 'bar'] as const;
export type GroupChartKind = (typeof GROUP_CHART_KINDS)[number];
/** Global ESDA statistics (issue 10): Moran's I, Geary's C, Getis–Ord General G. */
export const ESDA_GLOBAL_STATS = ['moran', 'geary', 'getis'] as const;
export type EsdaGlobalStat = (typeof ESDA_GLOBAL_STATS)[number];

/** Local ESDA statistics: local Moran (LISA), local G_i, G_i*, bivariate LISA. */
export const ESDA_LOCAL_STATS = ['moran', 'getis', 'getis-star', 'bivariate'] as const;
export type EsdaLocalStat = (typeof ESDA_LOCAL_STATS)[number];

/** LISA cluster codes as GeoDa and `rwb moran` print them (ns = not significant). */
export const LISA_CLUSTER_CODES = ['HH', 'LL', 'LH', 'HL', 'ns'] as const;
export type LisaClusterCode = (typeof LISA_CLUSTER_CODES)[number];

/** Composite indices (issue 14, `rwb index --normalize`): min–max, z-scores, vector normalisation. */
export const INDEX_NORMALISATIONS = ['minmax', 'zscore', 'vector'] as const;
export type IndexNormalisation = (typeof INDEX_NORMALISATIONS)[number];

/** Where a composite index normalises and takes its TOPSIS ideal (`--scope`): all region-years or each year. */
export const INDEX_SCOPES = ['pooled', 'year'] as const;
export type IndexScope = (typeof INDEX_SCOPES)[number];

/** Indicator-weighting methods of a composite index (`--weights`; `user` = "a=0.3,b=0.7"). */
export const INDEX_WEIGHT_METHODS = ['entropy', 'critic', 'cv', 'pca', 'equal', 'user', 'g1', 'g1-sd', 'combined'] as const;
export type IndexWeightMethod = (typeof INDEX_WEIGHT_METHODS)[number];

/** Objective methods a combined weighting may use. */
export const INDEX_OBJECTIVE_METHODS = ['entropy', 'critic', 'cv', 'pca'] as const;
/** Subjective methods a combined weighting may use. */
export const INDEX_SUBJECTIVE_METHODS = ['g1', 'user', 'equal'] as const;
/** Rules combining subjective and objective weights. */
export const INDEX_COMBINE_RULES = ['multiplicative', 'linear'] as const;

/** Aggregation of a composite index (`--aggregate`): weighted sum or TOPSIS closeness. */
export const INDEX_AGGREGATIONS = ['sum', 'topsis'] as const;
export type IndexAggregation = (typeof INDEX_AGGREGATIONS)[number];
/** Spatial panel models (issue 11): spatial lag, spatial error, Durbin, Durbin error, SLX. */
export const SPATIAL_PANEL_MODELS = ['sdm', 'sar', 'sem', 'sdem', 'slx'] as const;
export type SpatialPanelModel = (typeof SPATIAL_PANEL_MODELS)[number];

/** Fixed effects of a spatial panel model (Elhorst's demeaning: region, period or both). */
export const SPATIAL_PANEL_EFFECTS = ['twoways', 'individual', 'time'] as const;
export type SpatialPanelEffects = (typeof SPATIAL_PANEL_EFFECTS)[number];

/** Region-level effect measures mapped by the Spatial panel tab (diagonal, row sum − diagonal, column sum − diagonal). */
export const REGION_EFFECT_MEASURES = ['direct', 'received', 'emitted'] as const;
export type RegionEffectMeasure = (typeof REGION_EFFECT_MEASURES)[number];

/** Tests rows of a spatial panel result, in the order the comparison table prints them. */
export const SPATIAL_PANEL_TESTS = ['lm_lag', 'lm_error', 'robust_lm_lag', 'robust_lm_error', 'lr_sar', 'wald_sar', 'lr_sem', 'wald_sem', 'hausman'] as const;
export type SpatialPanelTest = (typeof SPATIAL_PANEL_TESTS)[number];

/** GTWR / GWR kernels (issue 12), in the order the model builder lists them. */
export const GWR_KERNEL_NAMES = ['bisquare', 'gaussian', 'exponential', 'tricube', 'boxcar'] as const;
export type GwrKernelName = (typeof GWR_KERNEL_NAMES)[number];

/** Criteria of the GTWR bandwidth / τ choice. */
export const GWR_CRITERIA = ['aicc', 'cv'] as const;
export type GwrCriterionName = (typeof GWR_CRITERIA)[number];

/** Where GTWR takes each region's location: area-weighted centroids or the stored points (capitals). */
export const GWR_LOCATIONS = ['centroids', 'points'] as const;
export type GwrLocationName = (typeof GWR_LOCATIONS)[number];
