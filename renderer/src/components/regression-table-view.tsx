/** Renders the publication table model: columns = specifications, estimates with stars, SE or t in parentheses, YES/NO rows, N, R², notes. */
import { useTranslation } from 'react-i18next';
import type { RegressionTableView } from '../../../src/contract';

/** Props of the table view. */
export interface RegressionTableViewProps {
  readonly table: RegressionTableView;
  /** The table's language: the service labels rows and notes in it; column titles are localised here. */
  readonly language: 'en' | 'zh';
}

/**
 * A column title in the table language. The service titles by-group columns in the table
 * language; tables stored before it did (`(1) Full sample`, `(2) East` in a run saved in Chinese)
 * become `(1) 全样本`, `(2) 东部` here.
 */
function useColumnTitle(language: 'en' | 'zh'): (title: string) => string {
  const { i18n } = useTranslation();
  if (language !== 'zh') return (title) => title;
  const zh = (key: string): string | null => {
    const v: unknown = i18n.getResource('zh-CN', 'translation', key);
    return typeof v === 'string' ? v : null;
  };
  return (title) => {
    const m = /^(\(\d+\)\s*)?(.+)$/.exec(title);
    if (!m) return title;
    const name = m[2] === 'Full sample' ? zh('regression.fullSample') : zh(`regionGroups.${m[2]}`);
    return name ? `${m[1] ?? ''}${name}` : title;
  };
}

/** A three-line table as journals print it. */
export function RegressionTableViewer({ table, language }: RegressionTableViewProps) {
  const cols = table.columnTitles.length;
  const columnTitle = useColumnTitle(language);
  return (
    <table className="regression-table" data-testid="regression-table">
      {table.title && <caption>{table.title}</caption>}
      <thead>
        <tr>
          <th />
          {table.columnTitles.map((t) => <th key={t}>{columnTitle(t)}</th>)}
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
