/** The top bar: app name, sample switcher and the project actions. */
import type { ResponseOf } from '../../../src/contract';

type AppInfo = ResponseOf<'app:info'>;

/** Props of the header bar. */
export interface HeaderBarProps {
  readonly info: AppInfo | null;
  readonly sample: string | null;
  readonly desktop: boolean;
  readonly hasProject: boolean;
  readonly onSample: (name: AppInfo['samples'][number]['name']) => void;
  readonly onOpenFile: () => void;
  readonly onImport: () => void;
  readonly onDerive: () => void;
}

/** Header with actions. */
export function HeaderBar(p: HeaderBarProps) {
  return (
    <header className="header-bar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        Resilience Workbench
        {p.info && <span className="version">v{p.info.version}</span>}
      </div>
      <div className="header-actions">
        <label className="inline muted" htmlFor="sample-select">
          Sample
        </label>
        <select
          id="sample-select"
          value={p.sample ?? ''}
          onChange={(e) => e.target.value && p.onSample(e.target.value as AppInfo['samples'][number]['name'])}
        >
          <option value="">—</option>
          {p.info?.samples.map((s) => (
            <option key={s.name} value={s.name} title={s.description}>
              {s.title}
            </option>
          ))}
        </select>
        {p.desktop && (
          <button type="button" onClick={p.onOpenFile}>
            Open project…
          </button>
        )}
        <button type="button" onClick={p.onImport} disabled={!p.hasProject}>
          Import…
        </button>
        <button type="button" onClick={p.onDerive} disabled={!p.hasProject}>
          Derived variable…
        </button>
      </div>
    </header>
  );
}
