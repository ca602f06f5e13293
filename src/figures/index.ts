/**
 * The figures engine (issue 9): what the services and the CLI use. Maps: `buildMapFigure`;
 * charts: `groupLineChart`, `groupBoxPlot`, `groupBarChart`; output: `toSvg`; the China frame:
 * `isChinaNational`, `chinaReferenceFrom`.
 */
export * from './figure';
export { toSvg, escapeXml } from './svg';
export * from './palettes';
export * from './projection';
export { wordsFor, formatNumber, textWidth, wrapText } from './words';
export type { FigureLang, FigureWords } from './words';
export * from './map';
export { chinaReferenceFrom } from './map/china';
export type { ReferenceFeatureLike } from './map/china';
export * from './charts';
