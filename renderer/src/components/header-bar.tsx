/** The top bar: app name, sample switcher, the project actions and the language switch. */
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../src/contract';
import { LANGUAGE_NAMES, LANGUAGES, setLanguage, type Language } from '../i18n';
import { useLabels } from '../i18n/labels';

type AppInfo = ResponseOf<'app:info'>;

/** Props of the header bar. */
export interface HeaderBarProps {
  readonly info: AppInfo | null;
  readonly sample: string | null;
  readonly desktop: boolean;
  readonly hasProject: boolean;
  readonly onSample: (name: AppInfo['samples'][number]['name']) => void;
  readonly onOpenFile: () => void;
  /** Opens the project-folder dialog (both modes). */
  readonly onOpenProject: () => void;
  readonly onImport: () => void;
  readonly onDerive: () => void;
  readonly onAbout: () => void;
  /** Opens the Report dialog (saved runs and figures → HTML / PDF). */
  readonly onReport: () => void;
}

/** Header with actions. */
export function HeaderBar(p: HeaderBarProps) {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  return (
    <header className="header-bar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        {t('app.name')}
        {p.info && <span className="version">v{p.info.version}</span>}
      </div>
      <div className="header-actions">
        <label className="inline muted" htmlFor="sample-select">
          {t('header.sample')}
        </label>
        <select
          id="sample-select"
          value={p.sample ?? ''}
          onChange={(e) => e.target.value && p.onSample(e.target.value as AppInfo['samples'][number]['name'])}
        >
          <option value="">—</option>
          {p.info?.samples.map((s) => (
            <option key={s.name} value={s.name} title={labels.sampleDescription(s.name, s.description)}>
              {labels.sampleTitle(s.name, s.title)}
            </option>
          ))}
        </select>
        <button type="button" onClick={p.onOpenProject}>
          {t('header.projects')}
        </button>
        {p.desktop && (
          <button type="button" onClick={p.onOpenFile}>
            {t('header.openProject')}
          </button>
        )}
        <button type="button" onClick={p.onImport} disabled={!p.hasProject}>
          {t('header.import')}
        </button>
        <button type="button" onClick={p.onDerive} disabled={!p.hasProject}>
          {t('header.derive')}
        </button>
        <button type="button" data-testid="report-button" onClick={p.onReport} disabled={!p.hasProject}>
          {t('header.report')}
        </button>
        <button type="button" data-testid="about-button" onClick={p.onAbout}>
          {t('header.about')}
        </button>
        <select
          id="language-select"
          className="language-select"
          aria-label={t('header.language')}
          title={t('header.language')}
          value={i18n.language}
          onChange={(e) => void setLanguage(e.target.value as Language)}
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      </div>
    </header>
  );
}
