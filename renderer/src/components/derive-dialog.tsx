/** The Derived-variable dialog: a name and a mathjs expression over existing variables. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VariableInfo } from '../../../src/contract';
import { api } from '../api';
import { toProblem, type Problem } from '../i18n/problem';
import { ErrorBanner } from './error-banner';
import { Modal } from './modal';

/** Props of the dialog. */
export interface DeriveDialogProps {
  /** Variable used in the clickable examples. */
  readonly base: string | null;
  readonly onClose: () => void;
  readonly onCreated: (v: VariableInfo) => void;
}

/** Clickable examples; each note is `derive.<note>` in the catalogue. */
const EXAMPLES = (x: string) => [
  { expr: `log(${x})`, note: 'log' },
  { expr: `lag(${x}, 1)`, note: 'lag' },
  { expr: `diff(${x})`, note: 'diff' },
  { expr: `winsor(${x}, 0.01)`, note: 'winsor' },
  { expr: `zscore(${x})`, note: 'zscore' },
] as const;

/** Modal with name, expression, label and unit. */
export function DeriveDialog({ base, onClose, onCreated }: DeriveDialogProps) {
  const { t } = useTranslation();
  const x = base ?? 'x';
  const [name, setName] = useState('');
  const [expression, setExpression] = useState(`log(${x})`);
  const [label, setLabel] = useState('');
  const [unit, setUnit] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Problem | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await api['variables:derive']({
        name: name.trim(),
        expression,
        ...(label.trim() ? { label: label.trim() } : {}),
        ...(unit.trim() ? { unit: unit.trim() } : {}),
      });
      onCreated(res.variable);
    } catch (e) {
      setError(toProblem(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={t('derive.title')}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="primary" disabled={busy || !name.trim() || !expression.trim()} onClick={submit}>
            {busy ? t('common.computing') : t('derive.create')}
          </button>
        </>
      }
    >
      <div className="form-grid">
        <label htmlFor="derive-name">{t('derive.name')}</label>
        <input id="derive-name" value={name} onChange={(e) => setName(e.target.value)} placeholder={`ln_${x}`} autoFocus />
        <label htmlFor="derive-expr">{t('derive.expression')}</label>
        <input id="derive-expr" className="mono" value={expression} onChange={(e) => setExpression(e.target.value)} />
        <label htmlFor="derive-label">{t('derive.label')}</label>
        <input id="derive-label" value={label} onChange={(e) => setLabel(e.target.value)} placeholder={t('common.optional')} />
        <label htmlFor="derive-unit">{t('derive.unit')}</label>
        <input id="derive-unit" value={unit} onChange={(e) => setUnit(e.target.value)} placeholder={t('common.optional')} />
      </div>
      <div className="examples">
        <div className="muted small">{t('derive.examples')}</div>
        <ul>
          {EXAMPLES(x).map((ex) => (
            <li key={ex.expr}>
              <button type="button" className="link mono" onClick={() => setExpression(ex.expr)}>
                {ex.expr}
              </button>
              <span className="muted small"> — {t(`derive.${ex.note}`)}</span>
            </li>
          ))}
        </ul>
      </div>
      <ErrorBanner error={error} />
    </Modal>
  );
}
