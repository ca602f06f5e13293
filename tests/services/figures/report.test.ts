/**
 * The project report on a copy of the China sample with one saved FE run and two saved
 * figures, drawn here by a hand drawer (the map drawing itself is tested with the engine): the
 * HTML holds the run's table (its coefficients as printed by the table model), the figures as
 * inline SVG, bilingual headings and the run spec in the appendix; the PDF is A4 with the
 * figure, reproducible. A project with nothing saved is refused.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SavedFigure } from '../../../src/contract/figures';
import { toSvg } from '../../../src/figures/svg';
import { runRegression } from '../../../src/services/regression/regression-service';
import { bilingual, collectReport, reportHtml, reportPdf } from '../../../src/services/figures/report';
import { ensureSampleProject } from '../../../src/services/samples/ensure';
import { projectPanel } from '../../../src/services/inputs/project-inputs';
import { ProjectStore } from '../../../src/store/project-store';
import { InputError } from '../../../src/core/errors';
import { inputError } from '../../helpers/input-error';
import { handFigure } from './hand-figure';

let store: ProjectStore;
let runId: number;
let estimate: number;
beforeAll(async () => {
  const path = await ensureSampleProject('china-provinces', mkdtempSync(join(tmpdir(), 'rwb-report-')));
  store = ProjectStore.open(path);
  const r = runRegression({ panel: projectPanel(store), y: 'resilience', x: ['digital', 'log(pgdp)'], save: { store, appVersion: 'test' } });
  runId = r.runId as number;
  estimate = r.fit.coefficients[0].estimate;
  store.saveFigure({ kind: 'map', name: 'Resilience 2022', spec: { variable: 'resilience' } });
  store.saveFigure({ kind: 'map', name: 'Broken', spec: { variable: 'gone' } });
}, 120_000);
afterAll(() => store?.close());

/** Saved figures as the contract gives them (specs as stored; this test's drawer ignores them). */
const saved = (): SavedFigure[] => store.listFigures().map((f) => ({ id: f.id as number, name: f.name, createdAt: f.createdAt ?? '', figure: { kind: 'map', spec: f.spec } as SavedFigure['figure'] }));
/** Draws every figure by hand except "Broken", which fails as a drawing of a gone variable would. */
const drawer = (f: SavedFigure) => {
  if (f.name === 'Broken') throw new InputError('figure-test', 'gone is not a variable', {});
  return drawerOk();
};

describe('report', () => {
  it('HTML: run table, inline SVG figure, bilingual headings, spec appendix', () => {
    const c = collectReport(store, drawer, 'en', saved);
    const html = reportHtml(c);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('Regression results · 回归结果');
    expect(html).toContain('Appendix: specifications to re-run · 附录：可重现的设定');
    expect(html).toContain(`Run ${runId} · panel.fe · resilience ~ digital + log(pgdp)`);
    // The table prints the estimate with 3 decimals (report/regression-table.ts), with stars.
    expect(html).toContain(`>${estimate.toFixed(3)}`);
    expect(html).toContain('<svg');
    expect(html).toContain('中国 资源 2020');
    expect(html).toContain('Could not be drawn: gone is not a variable');
    expect(html).toContain('&quot;y&quot;: &quot;resilience&quot;');
    expect(bilingual('figures', 'zh')).toBe('图 · Figures');
  });

  it('PDF: A4 pages, reproducible', async () => {
    const c = collectReport(store, drawerOk, 'zh', () => saved().slice(0, 1));
    const a = await reportPdf(c);
    const b = await reportPdf(c);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const text = Buffer.from(a).toString('latin1');
    expect(text).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(Number(/\/Count (\d+)/.exec(text)?.[1])).toBeGreaterThanOrEqual(2);
  });

  it('holds only the runs and figures picked by id; an unknown id is an error naming it', () => {
    const figs = saved();
    const c = collectReport(store, drawer, 'en', saved, { runs: [], figures: [figs[0].id] });
    expect(c.runs).toHaveLength(0);
    expect(c.figures.map((f) => f.saved.name)).toEqual(['Resilience 2022']);
    expect(c.appendix).toHaveLength(1);
    const onlyRun = collectReport(store, drawer, 'en', saved, { runs: [runId], figures: [] });
    expect(onlyRun.runs.map((r) => r.run.id)).toEqual([runId]);
    expect(reportHtml(onlyRun)).not.toContain('<svg');
    const e = inputError(() => collectReport(store, drawer, 'en', saved, { runs: [9999] }));
    expect(e.code).toBe('report-unknown-items');
    expect(e.message).toMatch(/has no run 9999 to report\.$/);
    expect(() => collectReport(store, drawer, 'en', saved, { runs: [], figures: [] })).toThrow(/has no saved regression runs or figures/);
  });

  it('refuses a project with nothing saved', async () => {
    const empty = ProjectStore.open(join(mkdtempSync(join(tmpdir(), 'rwb-report-empty-')), 'e.rwb'), { create: true });
    const e = inputError(() => collectReport(empty, drawerOk, 'en', () => []));
    expect([e.code, e.message]).toEqual(['report-empty', 'e.rwb has no saved regression runs or figures to report.']);
    empty.close();
  });
});

function drawerOk() {
  const figure = handFigure();
  return { figure, svg: toSvg(figure) };
}
