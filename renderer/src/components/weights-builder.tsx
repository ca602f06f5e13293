/** The weights builder form: type with its parameter, standardisation, and the name to save under. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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

/** The weights types, in menu order; each label is `weights.<type>` in the catalogue. */
const TYPES = ['queen', 'rook', 'knn', 'idw', 'band', 'econ'] as const satisfies readonly BuildType[];

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
  const { t } = useTranslation();
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
    <form className="weights-builder" onSubmit={submit} aria-label={t('weights.builder')}>
      <h3>{t('weights.build')}</h3>
      <div className="form-grid">
        <label htmlFor="w-type">{t('weights.type')}</label>
        <select id="w-type" value={type} onChange={(e) => setType(e.target.value as BuildType)}>
          {TYPES.map((v) => <option key={v} value={v}>{t(`weights.${v}`)}</option>)}
        </select>
        {type === 'knn' && (
          <>
            <label htmlFor="w-k">{t('weights.k')}</label>
            <input id="w-k" type="number" min={1} max={50} value={k} onChange={(e) => setK(Number(e.target.value))} />
          </>
        )}
        {type === 'idw' && (
          <>
            <label htmlFor="w-power">{t('weights.power')}</label>
            <select id="w-power" value={power} onChange={(e) => setPower(Number(e.target.value))}>
              <option value={1}>1 (1/d)</option>
              <option value={2}>2 (1/d²)</option>
            </select>
          </>
        )}
        {type === 'band' && (
          <>
            <label htmlFor="w-km">{t('weights.distanceKm')}</label>
            <span className="inline">
              <input id="w-km" type="number" min={1} value={km} disabled={minKm} onChange={(e) => setKm(Number(e.target.value))} />
              <label className="muted small"><input type="checkbox" checked={minKm} onChange={(e) => setMinKm(e.target.checked)} /> {t('weights.minKm')}</label>
            </span>
          </>
        )}
        {type === 'econ' && (
          <>
            <label htmlFor="w-var">{t('weights.variable')}</label>
            <select id="w-var" value={variable} onChange={(e) => setVariable(e.target.value)}>
              {variables.map((v) => <option key={v} value={v}>{v}</option>)}
            </select>
          </>
        )}
        <label htmlFor="w-std">{t('weights.standardise')}</label>
        <select id="w-std" value={std} onChange={(e) => setStd(e.target.value as Std)}>
          <option value="row">{t('weights.stdRowDefault')}</option>
          <option value="none">{t('weights.stdNone')}</option>
          <option value="binary">{t('weights.stdBinary')}</option>
          <option value="spectral">{t('weights.stdSpectral')}</option>
          <option value="minmax">{t('weights.stdMinmax')}</option>
        </select>
        <label htmlFor="w-name">{t('weights.saveAs')}</label>
        <input id="w-name" type="text" value={name} placeholder={placeholder} onChange={(e) => setName(e.target.value)} />
      </div>
      <button type="submit" className="primary" disabled={busy}>{t('weights.buildAndSave')}</button>
    </form>
  );
}
