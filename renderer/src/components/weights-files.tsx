/** Import a weights file (.gal, .gwt, .kwt, .json, .csv, .xlsx; ids matched to the project's regions) and export the open matrix. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toUpload } from '../lib/files';
import { FilePicker } from './file-picker';
import type { FileRef } from '../../../src/contract';

/** Props of the file tools. */
export interface WeightsFilesProps {
  /** Name of the open matrix (export is disabled without one). */
  readonly current: string | null;
  readonly busy: boolean;
  readonly onImport: (name: string, file: FileRef) => void;
  readonly onExport: (format: 'gal' | 'gwt' | 'json' | 'csv') => void;
  /** Called with what went wrong reading the chosen file. */
  readonly onError: (error: unknown) => void;
}

/** File input plus four export buttons. */
export function WeightsFiles({ current, busy, onImport, onExport, onError }: WeightsFilesProps) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  return (
    <section className="weights-files">
      <h3>{t('weights.files')}</h3>
      <div className="inline">
        <span className="muted small">{t('weights.export')}</span>
        {(['gal', 'gwt', 'json', 'csv'] as const).map((f) => (
          <button key={f} type="button" disabled={busy || !current} onClick={() => onExport(f)}>.{f}</button>
        ))}
      </div>
      <div className="inline">
        <span className="muted small">{t('weights.import')}</span>
        <FilePicker
          id="w-import"
          label={t('weights.import')}
          accept=".gal,.gwt,.kwt,.json,.csv,.xlsx"
          disabled={busy}
          showNames={false}
          onChange={async (e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            try {
              const upload = await toUpload(file);
              onImport(name.trim() || file.name.replace(/\.[^.]+$/, ''), upload);
            } catch (err) {
              onError(err);
            }
          }}
        />
        <input type="text" aria-label={t('weights.importName')} placeholder={t('weights.importNamePlaceholder')} value={name} onChange={(e) => setName(e.target.value)} />
      </div>
    </section>
  );
}
