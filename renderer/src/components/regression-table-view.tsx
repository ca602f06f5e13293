/** Renders the publication table model: columns = specifications, estimates with stars, SE or t in parentheses, YES/NO rows, N, R², notes. */
import type { RegressionTableView } from '../../../src/contract';

/** Props of the table view. */
export interface RegressionTableViewProps {
  readonly table: RegressionTableView;
}

/** A three-line table as journals print it. */
export function RegressionTableViewer({ table }: RegressionTableViewProps) {
  const cols = table.columnTitles.length;
  return (
    <table className="regression-table" data-testid="regression-table">
      {table.title && <caption>{table.title}</caption>}
      <thead>
        <tr>
          <th />
          {table.columnTitles.map((t) => <th key={t}>{t}</th>)}
        </tr>
        {table.dependent && (
          <tr className="dependent">
            <th />
            <th colSpan={cols}>{table.dependent}</th>
          </tr>
        )}
      </thead>
      <tbody>
        {table.coefficients.map((c) => [
          <tr key={`${c.name}-e`} className="estimate" data-coef={c.name}>
            <td className="label">{c.label}</td>
            {c.estimates.map((e, j) => <td key={j}>{e?.text ?? ''}</td>)}
          </tr>,
          <tr key={`${c.name}-p`} className="paren">
            <td />
            {c.parens.map((p, j) => <td key={j}>{p?.text ?? ''}</td>)}
          </tr>,
        ])}
        {table.footer.map((f, i) => (
          <tr key={`${f.kind}-${f.label}`} className={i === 0 ? 'footer first' : 'footer'} data-row={f.kind}>
            <td className="label">{f.label}</td>
            {f.texts.map((t, j) => <td key={j}>{t}</td>)}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={cols + 1} className="notes">{table.notes}</td>
        </tr>
      </tfoot>
    </table>
  );
}
