/** The Derived-variable dialog: a name and a mathjs expression over existing variables. */
import { useState } from 'react';
import type { VariableInfo } from '../../../src/contract';
import { api, errorText } from '../api';
import { ErrorBanner } from './error-banner';
import { Modal } from './modal';

/** Props of the dialog. */
export interface DeriveDialogProps {
  /** Variable used in the clickable examples. */
  readonly base: string | null;
  readonly onClose: () => void;
  readonly onCreated: (v: VariableInfo) => void;
}

const EXAMPLES = (x: string) => [
  { expr: `log(${x})`, note: 'natural logarithm' },
  { expr: `lag(${x}, 1)`, note: 'value one period earlier, same region' },
  { expr: `diff(${x})`, note: 'change from the previous period' },
  { expr: `winsor(${x}, 0.01)`, note: 'clip at the 1st and 99th percentiles' },
  { expr: `zscore(${x})`, note: 'standardised (pooled)' },
];

/** Modal with name, expression, label and unit. */
export function DeriveDialog({ base, onClose, onCreated }: DeriveDialogProps) {
  const x = base ?? 'x';
  const [name, setName] = useState('');
  const [expression, setExpression] = useState(`log(${x})`);
  const [label, setLabel] = useState('');
  const [unit, setUnit] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

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
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title="New derived variable"
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={busy || !name.trim() || !expression.trim()} onClick={submit}>
            {busy ? 'Computing…' : 'Create variable'}
          </button>
        </>
      }
    >
      <div className="form-grid">
        <label htmlFor="derive-name">Name</label>
        <input id="derive-name" value={name} onChange={(e) => setName(e.target.value)} placeholder={`ln_${x}`} autoFocus />
        <label htmlFor="derive-expr">Expression</label>
        <input id="derive-expr" className="mono" value={expression} onChange={(e) => setExpression(e.target.value)} />
        <label htmlFor="derive-label">Label</label>
        <input id="derive-label" value={label} onChange={(e) => setLabel(e.target.value)} placeholder="optional" />
        <label htmlFor="derive-unit">Unit</label>
        <input id="derive-unit" value={unit} onChange={(e) => setUnit(e.target.value)} placeholder="optional" />
      </div>
      <div className="examples">
        <div className="muted small">Examples (click to use): log(gsp), lag(x, 1), winsor(x, 0.01)</div>
        <ul>
          {EXAMPLES(x).map((ex) => (
            <li key={ex.expr}>
              <button type="button" className="link mono" onClick={() => setExpression(ex.expr)}>
                {ex.expr}
              </button>
              <span className="muted small"> — {ex.note}</span>
            </li>
          ))}
        </ul>
      </div>
      <ErrorBanner message={error} />
    </Modal>
  );
}
