/**
 * `rwb report` on a copy of the China sample with a saved FE run and a saved map spec: the JSON
 * keys of docs/cli-contract.md, the HTML (run table, the map as inline SVG with its Chinese
 * title, the specs in the appendix) and an A4 PDF; a project with nothing saved exits 2.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectPanel } from '../../src/services/inputs/project-inputs';
import { runRegression } from '../../src/services/regression/regression-service';
import { ensureSampleProject } from '../../src/services/samples/ensure';
import { ProjectStore } from '../../src/store/project-store';
import { runCli } from './run-cli';

let dir: string;
let project: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rwb-report-cli-'));
  project = await ensureSampleProject('china-provinces', dir);
  const store = ProjectStore.open(project);
  runRegression({ panel: projectPanel(store), y: 'resilience', x: ['digital', 'urban'], save: { store, appVersion: 'test' } });
  store.saveFigure({ kind: 'map', name: '韧性 2022', spec: { variable: 'resilience', title: '经济韧性', lang: 'zh' } });
  store.close();
}, 120_000);

describe('rwb report', () => {
  it('writes HTML and PDF with the run, the map and the appendix', async () => {
    const html = join(dir, 'r.html');
    const pdf = join(dir, 'r.pdf');
    const r = await runCli(['report', '--project', project, '--out', html, '--pdf', pdf, '--json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { out: string; pdf: string; runs: { kind: string }[]; figures: { kind: string; drawn: boolean }[]; failed_figures: unknown[] };
    expect(j.runs.map((x) => x.kind)).toEqual(['panel.fe']);
    expect(j.figures.map((f) => [f.kind, f.drawn])).toEqual([['map', true]]);
    expect(j.failed_figures).toEqual([]);
    const text = readFileSync(html, 'utf8');
    expect(text).toContain('resilience ~ digital + urban');
    expect(text).toContain('经济韧性');
    expect(text).toMatch(/<svg[^>]*xmlns/);
    expect(text).toContain('&quot;x&quot;: [');
    const p = readFileSync(pdf).toString('latin1');
    expect(p).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
  }, 60_000);

  it('a project with nothing saved exits 2', async () => {
    const empty = await ensureSampleProject('us-states', mkdtempSync(join(tmpdir(), 'rwb-report-empty-')));
    const r = await runCli(['report', '--project', empty, '--out', join(dir, 'e.html')], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('us-states.rwb has no saved regression runs or figures to report.');
  }, 60_000);
});
