/** Map figures (issue 9): `buildMapFigure` and what it takes and gives. */
export { buildMapFigure, defaultColumns, defaultMapSpec, periodLabel, projectionNote } from './build-map';
export { CHINA_FRAME_AREAS, CHINA_NATIONAL_MIN_PROVINCES, MAINLAND_PROVINCE_PREFIXES, isChinaNational } from './china';
export type { ChinaReference, ReferenceArea, SouthChinaSeaInset } from './china';
export type {
  MapCategories, MapFigureInput, MapFigureResult, MapFigureSpec, MapPanelData, MapRegion, MapSummary, MapWarning,
} from './types';
