/**
 * The About dialog (header): the app's version, where the bundled boundaries come from and
 * under which licence, and the font the figures ship with (issue 9: "the bundled boundaries'
 * source and licence are named in the app's About").
 */
import { useTranslation } from 'react-i18next';
import { Modal } from './modal';

/** Props of the About dialog. */
export interface AboutDialogProps {
  readonly version: string | null;
  readonly onClose: () => void;
}

/** The credits, one row per bundled resource. */
const CREDITS = ['chinaBoundaries', 'usBoundaries', 'font'] as const;

/** Modal with the credits. */
export function AboutDialog({ version, onClose }: AboutDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal
      title={t('about.title')}
      onClose={onClose}
      footer={
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      }
    >
      <div data-testid="about-dialog">
        <p>
          <strong>{t('app.name')}</strong>
          {version ? <span className="muted"> v{version}</span> : null}
        </p>
        <p className="muted small">{t('about.intro')}</p>
        <table className="stats-table about-table">
          <thead>
            <tr>
              <th className="left">{t('about.what')}</th>
              <th className="left">{t('about.source')}</th>
              <th className="left">{t('about.licence')}</th>
            </tr>
          </thead>
          <tbody>
            {CREDITS.map((c) => (
              <tr key={c}>
                <td className="left">{t(`about.credits.${c}.what`)}</td>
                <td className="left">{t(`about.credits.${c}.source`)}</td>
                <td className="left">{t(`about.credits.${c}.licence`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">{t('about.mapNote')}</p>
      </div>
    </Modal>
  );
}
