/**
 * The one typed contract between the renderer and the main side (Electron IPC or the loopback
 * web server). The IPC handlers, the preload bridge, the web server routes and the renderer
 * client are all derived from `contract` (./channels); nothing is declared twice.
 */
import type { RequestInputOf, ResponseOf } from './channels';

export * from './channels';
export * from './constants';
export { defineChannels, type ChannelGroup, type ChannelSpec } from './define';
export * from './envelope';
export * from './limits';
export * from './security';
export type { FileRef } from './common';
export type { ImportRequestPayload } from './import';
export type { MapSpec, MapSpecInput, GroupChartSpec, FigureSummary, SavedFigure } from './figures';
export { parseRequest, formatZodError } from './validate';

/** A region of the project summary. */
export type RegionInfo = ResponseOf<'project:summary'>['regions'][number];
/** A variable of the project summary. */
export type VariableInfo = ResponseOf<'project:summary'>['variables'][number];
/** The project summary. */
export type ProjectSummary = ResponseOf<'project:summary'>;
/** One descriptive-statistics row. */
export type DescribeRow = ResponseOf<'panel:describe'>[number];
/** One row of the data table (`panel:table`). */
export type TableRow = ResponseOf<'panel:table'>['rows'][number];
/** One entry of the edit log. */
export type DataEdit = ResponseOf<'data:edits'>['edits'][number];
/** What an edit or undo did. */
export type DataEditResult = ResponseOf<'data:editCell'>;
/** The import report. */
export type ImportReport = ResponseOf<'import:preview'>;
/** What the Import dialog lists of chosen files before a preview (`import:inspect`). */
export type ImportInspection = ResponseOf<'import:inspect'>;
/** A GeoJSON FeatureCollection of areas. */
export type AreaCollection = ResponseOf<'geometry:get'>;
export { JOB_TASKS, type JobInputOf, type JobParsedInputOf, type JobResultOf } from './job';
/** A weights matrix as the Weights tab shows it. */
export type WeightsView = ResponseOf<'weights:get'>;
/** The builder's weights spec. */
export type WeightsBuildSpec = RequestInputOf<'weights:build'>['spec'];
/** A file to download (name, MIME type, base64 bytes). */
export type Download = ResponseOf<'regression:export'>;
/** A model specification from the regression builder (as the renderer writes it). */
export type RegressionRequest = RequestInputOf<'regression:run'>;
/** The publication table model as it crosses the boundary. */
export type RegressionTableView = ResponseOf<'regression:run'>['table'];
