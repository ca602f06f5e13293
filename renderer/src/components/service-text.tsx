/** A warning or note sent by a service, in the UI language (marked `data-service-text` only when shown as sent). */
import { useTranslation } from 'react-i18next';
import { isFallback, problemText, type Problem } from '../i18n/problem';

/** Props of a service sentence. */
export interface ServiceTextProps {
  /** The coded warning (`{ code, message, details }`), translated by i18n/problem.ts. */
  readonly item: Problem;
  readonly className?: string;
}

/** The sentence as a `<span>`; `data-service-text` marks a code the catalogue does not have yet. */
export function ServiceText({ item, className }: ServiceTextProps) {
  const { i18n } = useTranslation();
  return (
    <span className={className} data-code={item.code || undefined} data-service-text={isFallback(i18n, item) || undefined}>
      {problemText(i18n, item)}
    </span>
  );
}
