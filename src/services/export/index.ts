/** Regression-table exports: CSV, XLSX, LaTeX, Word and HTML, plus `writeTable` by extension. */
export { tableToCsv, tableToLatex, tableToHtml, escapeLatex, escapeHtml } from './table-text';
export { tableToXlsx, estimateFormat, parenFormat } from './table-xlsx';
export { tableToDocx } from './table-docx';
export { writeTable, renderTable, tableFormatOf, type TableFormat } from './write-table';
