/**
 * Word (.docx) export of a regression table with the `docx` package: a three-line table
 * (1.5 pt rules above and below, 0.75 pt under the heading and above the footer rows, no
 * vertical lines), Times New Roman for Latin text and SimSun for Chinese, notes below.
 */
import {
  AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
  type IBorderOptions,
} from 'docx';
import { tableGrid, type RegressionTable } from '../../report/regression-table';

const FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman', eastAsia: 'SimSun' };
const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const THICK: IBorderOptions = { style: BorderStyle.SINGLE, size: 12, color: '000000' };
const THIN: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: '000000' };

/**
 * Build the .docx and return its bytes. `landscape` is left to the user's Word template;
 * the table is 100% of the text width.
 */
export async function tableToDocx(t: RegressionTable): Promise<Uint8Array> {
  const { rows, headerRows, coefEnd } = tableGrid(t);
  const tableRows = rows.map((r, i) => new TableRow({
    tableHeader: i < headerRows,
    children: r.map((text, j) => new TableCell({
      borders: {
        top: i === 0 ? THICK : NONE,
        bottom: i === rows.length - 1 ? THICK
          : i === headerRows - 1 || (i === coefEnd - 1 && coefEnd < rows.length) ? THIN : NONE,
        left: NONE, right: NONE,
      },
      children: [new Paragraph({
        alignment: j === 0 ? AlignmentType.LEFT : AlignmentType.CENTER,
        children: [new TextRun({ text, font: FONT, size: 21 })],
      })],
    })),
  }));
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE },
    rows: tableRows,
  });
  const children: (Paragraph | Table)[] = [];
  if (t.title) {
    children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: t.title, bold: true, font: FONT, size: 21 })] }));
  }
  children.push(table);
  children.push(new Paragraph({ children: [new TextRun({ text: t.notes, font: FONT, size: 18 })] }));
  const doc = new Document({
    creator: 'Resilience Workbench',
    styles: { default: { document: { run: { font: FONT, size: 21 } } } },
    sections: [{ children }],
  });
  const buf = await Packer.toBuffer(doc);
  return new Uint8Array(buf);
}
