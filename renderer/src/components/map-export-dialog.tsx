/**
 * The Export dialog of the Map tab: format, size, DPI, the words around the map (title,
 * subtitle, source note, notes, standard-map approval number), the figure's language, periods
 * and their aggregation, classification, palette, labels and group outlines. The preview is
 * the SVG `figure:map` returns for the spec — the document the export writes (PNG and PDF are
 * rendered from it) — and Save sends the same spec to `figure:mapExport`. On screen the SVG's
 * text uses the page's fonts; "pixel-exact" shows the PNG file itself (a data: image, which
 * the CSP allows).
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FigureSummary, MapSpecInput } from '../../../src/contract';
import {
  FIGURE_FORMATS, FIGURE_LANGUAGES, MAP_AGGREGATIONS, MAP_CLASS_METHODS, MAP_PALETTES,
  type FigureFormat, type FigureLanguage, type MapAggregation, type MapClassMethod, type MapPaletteName,
} from '../../../src/contract/constants';
import { api } from '../api';
import { toProblem, type Problem } from '../i18n/problem';
import { saveDownload } from '../lib/download';
import { isDiverging, pixels, specFromForm, type MapForm } from '../lib/map-spec-form';
import { ErrorBanner } from './error-banner';
import { FigureView } from './figure-view';
import { Modal } from './modal';
import { ServiceText } from './service-text';

/** Props of the dialog. */
export interface MapExportDialogProps {
  readonly variable: string;
  readonly layer: string | null;
  readonly years: readonly number[];
  /** Starting settings (the Map tab's periods, classes and language). */
  readonly initial: MapForm;
  readonly onClose: () => void;
}

const PREVIEW_DELAY_MS = 350;

/** Numbers in a text field: the value, or the previous one while the field is being typed. */
function num(text: string, fallback: number): number {
  const v = Number(text);
  return text.trim() !== '' && Number.isFinite(v) ? v : fallback;
}

/** The dialog. */
export function MapExportDialog({ variable, layer, years, initial, onClose }: MapExportDialogProps) {
  const { t } = useTranslation();
  const [form, setForm] = useState<MapForm>(initial);
  const [preview, setPreview] = useState<{ svg: string; summary: FigureSummary } | null>(null);
  const [drawing, setDrawing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<Problem | null>(null);
  const [exact, setExact] = useState(false);
  const [savedId, setSavedId] = useState<number | null>(null);
  const [png, setPng] = useState<string | null>(null);
  const set = <K extends keyof MapForm>(key: K, value: MapForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  const built = useMemo((): { spec: MapSpecInput | null; problem: Problem | null } => {
    try {
      return { spec: specFromForm(form, { variable, layer, years }), problem: null };
    } catch (e) {
      return { spec: null, problem: toProblem(e) };
    }
  }, [form, variable, layer, years]);

  useEffect(() => {
    const spec = built.spec;
    if (!spec) return;
    let live = true;
    const timer = setTimeout(() => {
      setDrawing(true);
      api['figure:map']({ spec })
        .then((r) => {
          if (!live) return;
          setPreview({ svg: r.svg, summary: r.summary });
          setError(null);
        })
        .catch((e: unknown) => live && setError(toProblem(e)))
        .finally(() => live && setDrawing(false));
    }, PREVIEW_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [built.spec]);

  useEffect(() => {
    const spec = built.spec;
    setPng(null);
    if (!spec || !exact) return;
    let live = true;
    const timer = setTimeout(() => {
      api['figure:mapExport']({ spec, format: 'png' })
        .then((d) => live && setPng(`data:${d.mime};base64,${d.dataBase64}`))
        .catch((e: unknown) => live && setError(toProblem(e)));
    }, PREVIEW_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [built.spec, exact]);

  const save = async () => {
    if (!built.spec) return;
    setSaving(true);
    setError(null);
    try {
      saveDownload(await api['figure:mapExport']({ spec: built.spec, format: form.format }));
    } catch (e) {
      setError(toProblem(e));
    } finally {
      setSaving(false);
    }
  };

  // Stored in the project (figure:save) for re-drawing and reports (their appendix holds the spec).
  const keep = async () => {
    if (!built.spec) return;
    setError(null);
    try {
      const name = (form.title.trim() || variable).slice(0, 200);
      setSavedId((await api['figure:save']({ name, figure: { kind: 'map', spec: built.spec } })).id);
    } catch (e) {
      setError(toProblem(e));
    }
  };

  const px = preview?.summary
    ? { w: preview.summary.widthPx, h: preview.summary.heightPx }
    : { w: pixels(form.widthMm, form.dpi), h: pixels(form.heightMm, form.dpi) };
  const problem = built.problem ?? error;
  const missing = preview?.summary.missing.flat() ?? [];

  return (
    <Modal
      title={t('figure.exportTitle')}
      onClose={onClose}
      wide
      footer={
        <>
          <span className="muted small figure-size-note" data-testid="export-size">
            {t('figure.sizeNote', { width: form.widthMm, height: form.heightMm, pxWidth: px.w, pxHeight: px.h, dpi: form.dpi })}
          </span>
          {savedId !== null && (
            <span className="ok-line small" role="status" data-testid="export-kept">
              {t('figure.kept', { id: savedId })}
            </span>
          )}
          <button type="button" onClick={onClose}>
            {t('common.close')}
          </button>
          <button type="button" data-testid="export-keep" disabled={!built.spec} onClick={keep} title={t('figure.keepHint')}>
            {t('figure.keep')}
          </button>
          <button type="button" className="primary" data-testid="export-save" disabled={saving || !built.spec} onClick={save}>
            {saving ? t('figure.saving') : t('figure.save', { format: form.format.toUpperCase() })}
          </button>
        </>
      }
    >
      <div className="export-layout">
        <div className="export-form">
          <fieldset>
            <legend>{t('figure.file')}</legend>
            <div className="form-grid narrow">
              <label htmlFor="fig-format">{t('figure.format')}</label>
              <select id="fig-format" value={form.format} onChange={(e) => set('format', e.target.value as FigureFormat)}>
                {FIGURE_FORMATS.map((f) => (
                  <option key={f} value={f}>
                    {t(`figure.formats.${f}`)}
                  </option>
                ))}
              </select>
              <label htmlFor="fig-width">{t('figure.widthMm')}</label>
              <input id="fig-width" type="number" min={40} max={600} value={form.widthMm} onChange={(e) => set('widthMm', num(e.target.value, form.widthMm))} />
              <label htmlFor="fig-height">{t('figure.heightMm')}</label>
              <input id="fig-height" type="number" min={30} max={600} value={form.heightMm} onChange={(e) => set('heightMm', num(e.target.value, form.heightMm))} />
              <label htmlFor="fig-dpi">{t('figure.dpi')}</label>
              <input id="fig-dpi" type="number" min={72} max={1200} step={1} value={form.dpi} disabled={form.format !== 'png'} onChange={(e) => set('dpi', Math.round(num(e.target.value, form.dpi)))} />
              <label htmlFor="fig-lang">{t('figure.language')}</label>
              <select id="fig-lang" value={form.lang} onChange={(e) => set('lang', e.target.value as FigureLanguage)}>
                {FIGURE_LANGUAGES.map((l) => (
                  <option key={l} value={l}>
                    {t(`figure.languages.${l}`)}
                  </option>
                ))}
              </select>
            </div>
          </fieldset>
          <fieldset>
            <legend>{t('figure.text')}</legend>
            <div className="form-grid narrow">
              <label htmlFor="fig-title">{t('figure.title')}</label>
              <input id="fig-title" value={form.title} maxLength={200} onChange={(e) => set('title', e.target.value)} />
              <label htmlFor="fig-subtitle">{t('figure.subtitle')}</label>
              <input id="fig-subtitle" value={form.subtitle} maxLength={200} onChange={(e) => set('subtitle', e.target.value)} />
              <label htmlFor="fig-source">{t('figure.source')}</label>
              <input id="fig-source" value={form.source} maxLength={400} placeholder={t('figure.sourcePlaceholder')} onChange={(e) => set('source', e.target.value)} />
              <label htmlFor="fig-notes">{t('figure.notes')}</label>
              <textarea id="fig-notes" rows={2} value={form.notes} maxLength={1000} onChange={(e) => set('notes', e.target.value)} />
              <label htmlFor="fig-approval">{t('figure.mapApproval')}</label>
              <input id="fig-approval" value={form.mapApproval} maxLength={200} placeholder={t('figure.mapApprovalPlaceholder')} onChange={(e) => set('mapApproval', e.target.value)} />
            </div>
          </fieldset>
          <fieldset>
            <legend>{t('figure.data')}</legend>
            <div className="form-grid narrow">
              <label htmlFor="fig-periods">{t('figure.periods')}</label>
              <input id="fig-periods" className="mono" value={form.periodsText} onChange={(e) => set('periodsText', e.target.value)} title={t('figure.periodsHint')} />
              <label htmlFor="fig-aggregation">{t('figure.aggregation')}</label>
              <select id="fig-aggregation" value={form.aggregation} onChange={(e) => set('aggregation', e.target.value as MapAggregation)}>
                {MAP_AGGREGATIONS.map((a) => (
                  <option key={a} value={a}>
                    {t(`figure.aggregations.${a}`)}
                  </option>
                ))}
              </select>
              <label htmlFor="fig-method">{t('figure.method')}</label>
              <select id="fig-method" value={form.method} onChange={(e) => set('method', e.target.value as MapClassMethod)}>
                {MAP_CLASS_METHODS.map((m) => (
                  <option key={m} value={m}>
                    {t(`figure.methods.${m}`)}
                  </option>
                ))}
              </select>
              <label htmlFor="fig-classes">{t('figure.classes')}</label>
              <select id="fig-classes" value={form.classes} onChange={(e) => set('classes', Number(e.target.value))}>
                {[3, 4, 5, 6, 7, 8, 9].map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
              {form.method === 'user' && (
                <>
                  <label htmlFor="fig-breaks">{t('figure.breaks')}</label>
                  <input id="fig-breaks" className="mono" value={form.breaksText} placeholder={t('figure.breaksPlaceholder', { n: form.classes - 1 })} onChange={(e) => set('breaksText', e.target.value)} />
                </>
              )}
              <label htmlFor="fig-palette">{t('figure.palette')}</label>
              <select id="fig-palette" value={form.palette} onChange={(e) => set('palette', e.target.value as MapPaletteName)}>
                {MAP_PALETTES.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
              {isDiverging(form.palette) && (
                <>
                  <label htmlFor="fig-center">{t('figure.center')}</label>
                  <input id="fig-center" className="mono" value={form.centerText} placeholder={t('figure.centerPlaceholder')} onChange={(e) => set('centerText', e.target.value)} />
                </>
              )}
            </div>
            <div className="checks">
              <label>
                <input type="checkbox" checked={form.reverse} onChange={(e) => set('reverse', e.target.checked)} /> {t('figure.reverse')}
              </label>
              <label>
                <input type="checkbox" checked={form.labels} onChange={(e) => set('labels', e.target.checked)} /> {t('figure.labels')}
              </label>
              <label>
                <input type="checkbox" checked={form.groupOutlines} onChange={(e) => set('groupOutlines', e.target.checked)} /> {t('figure.groupOutlines')}
              </label>
            </div>
          </fieldset>
        </div>
        <div className="export-preview">
          <div className="muted small row-between">
            <span>{t('figure.preview')}</span>
            {(drawing || (exact && !png)) && <span>{t('figure.drawing')}</span>}
            <label className="inline">
              <input type="checkbox" checked={exact} data-testid="export-exact" onChange={(e) => setExact(e.target.checked)} /> {t('figure.exactPreview')}
            </label>
          </div>
          <div className="export-preview-box" style={{ aspectRatio: `${form.widthMm} / ${form.heightMm}` }} data-testid="export-preview" data-drawing={drawing ? 'true' : 'false'}>
            {exact
              ? png && <img className="export-png" src={png} alt={form.title || variable} data-testid="export-png" />
              : preview && <FigureView svg={preview.svg} label={form.title || variable} />}
          </div>
          {missing.length > 0 && <div className="muted small">{t('figure.missing', { n: new Set(missing).size })}</div>}
          {preview?.summary.warnings.map((w) => (
            <div key={w.code + w.message} className="muted small warning-line">
              <ServiceText item={{ code: w.code, message: w.message, details: w.details ?? {} }} />
            </div>
          ))}
        </div>
      </div>
      <ErrorBanner error={problem} />
    </Modal>
  );
}
