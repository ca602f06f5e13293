/**
 * A file input in the UI language: the browser's own control says "Choose File / No file
 * chosen" in the browser's language, so the input is visually hidden and a button-like label
 * with our text stands in for it (the input keeps its id and aria-label for forms and tests).
 */
import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** Props of the picker. */
export interface FilePickerProps {
  readonly id?: string;
  /** Accessible name of the input. */
  readonly label: string;
  readonly accept: string;
  readonly multiple?: boolean;
  readonly disabled?: boolean;
  /** Show the chosen file names beside the button (default true). */
  readonly showNames?: boolean;
  readonly onChange: (e: ChangeEvent<HTMLInputElement>) => void;
}

/** Button-like label + hidden file input + the chosen names (or "no file chosen"). */
export function FilePicker({ id, label, accept, multiple, disabled, showNames = true, onChange }: FilePickerProps) {
  const { t } = useTranslation();
  const [names, setNames] = useState<string[]>([]);
  return (
    <span className="file-picker">
      <label className={disabled ? 'file-button disabled' : 'file-button'}>
        <input
          id={id}
          className="visually-hidden"
          type="file"
          accept={accept}
          multiple={multiple}
          disabled={disabled}
          aria-label={label}
          onChange={(e) => {
            setNames(e.target.files ? [...e.target.files].map((f) => f.name) : []);
            onChange(e);
          }}
        />
        {multiple ? t('common.chooseFiles') : t('common.chooseFile')}
      </label>
      {showNames && <span className="muted small">{names.length ? names.join(t('common.listSeparator')) : t('common.noFile')}</span>}
    </span>
  );
}
