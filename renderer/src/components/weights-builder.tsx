/** The weights builder form: type with its parameter, standardisation, and the name to save under. */
import { useState } from 'react';
import type { WeightsBuildSpec } from '../../../src/contract';

type BuildType = WeightsBuildSpec['type'];
type Std = NonNullable<WeightsBuildSpec['std']>;

/** Props of the builder. */
export interface WeightsBuilderProps {
  /** Variables of the project (for economic distance). */
  readonly variables: readonly string[];
  readonly busy: boolean;
  readonly onBuild: (name: string, spec: WeightsBuildSpec) => void;
}

const TYPES: { value: BuildType; label: string }[] = [
  { value: 'queen', label: 'Queen contiguity' },
  { value: 'rook', label: 'Rook contiguity' },
  { value: 'knn', label: 'k nearest neighbours' },
  { value: 'idw', label: 'Inverse distance' },
  { value: 'band', label: 'Distance band' },
  { value: 'econ', label: 'Economic distance' },
];

/** Suggested name for a spec, e.g. `knn4`, `idw2`, `band500`. */
function suggestName(type: BuildType, k: number, power: number, km: number, variable: string): string {
  switch (type) {
    case 'knn': return `knn${k}`;
    case 'idw': return `idw${power}`;
    case 'band': return km > 0 ? `band${km}` : 'band_min';
    case 'econ': return `econ_${variable}`;
    default: return type;
  }
}

/** Form that builds and saves a matrix. */
export function WeightsBuilder({ variables, busy, onBuild }: WeightsBuilderProps) {
  const [type, setType] = useState<BuildType>('queen');
  const [k, setK] = useState(4);
  const [power, setPower] = useState(1);
  const [km, setKm] = useState(500);
  const [minKm, setMinKm] = useState(false);
  const [variable, setVariable] = useState(variables.includes('pgdp') ? 'pgdp' : (variables[0] ?? ''));
  const [std, setStd] = useState<Std>('row');
  const [name, setName] = useState('');
  const placeholder = suggestName(type, k, power, minKm ? 0 : km, variable);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const spec: WeightsBuildSpec = { type, std };
    if (type === 'knn') spec.k = k;
    if (type === 'idw') spec.power = power;
    if (type === 'band') {
      if (minKm) spec.minKm = true;
      else spec.km = km;
    }
    if (type === 'econ') spec.variable = variable;
    onBuild(name.trim() || placeholder, spec);
  };

  return (
    <form className="weights-builder" onSubmit={submit} aria-label="Build a weights matrix">
      <h3>Build W</h3>
      <div className="form-grid">
        <label htmlFor="w-type">Type</label>
        <select id="w-type" value={type} onChange={(e) => setType(e.target.value as BuildType)}>
          {TYPES.map((t) => <option key={t.value} value={t.value}>{t.label}</option>)}
        </select>
        {type === 'knn' && (
          <>
            <label htmlFor="w-k">k</label>
            <input id="w-k" type="number" min={1} max={50} value={k} onChange={(e) => setK(Number(e.target.value))} />
          </>
        )}
        {type === 'idw' && (
          <>
            <label htmlFor="w-power">Power</label>
            <select id="w-power" value={power} onChange={(e) => setPower(Number(e.target.value))}>
              <option value={1}>1 (1/d)</option>
              <option value={2}>2 (1/d²)</option>
            </select>
          </>
        )}
        {type === 'band' && (
          <>
            <label htmlFor="w-km">Distance (km)</label>
            <span className="inline">
              <input id="w-km" type="number" min={1} value={km} disabled={minKm} onChange={(e) => setKm(Number(e.target.value))} />
              <label className="muted small"><input type="checkbox" checked={minKm} onChange={(e) => setMinKm(e.target.checked)} /> smallest with no island</label>
            </span>
          </>
        )}
        {type === 'econ' && (
          <>
            <label htmlFor="w-var">Variable</label>
            <select id="w-var" value={variable} onChange={(e) => setVariable(e.target.value)}>
              {variables.map((v) => <option key={v} value={v}>{v}</option>)}
            </select>
          </>
        )}
        <label htmlFor="w-std">Standardise</label>
        <select id="w-std" value={std} onChange={(e) => setStd(e.target.value as Std)}>
          <option value="row">row (default)</option>
          <option value="none">none</option>
          <option value="binary">binary</option>
          <option value="spectral">spectral</option>
          <option value="minmax">min–max</option>
        </select>
        <label htmlFor="w-name">Save as</label>
        <input id="w-name" type="text" value={name} placeholder={placeholder} onChange={(e) => setName(e.target.value)} />
      </div>
      <button type="submit" className="primary" disabled={busy}>Build and save</button>
    </form>
  );
}
