/**
 * Warning and import-finding codes ↔ the renderer's warnings catalogue (warnings.{en,zh-CN}.ts,
 * spread into the `errors` namespace beside the error sentences).
 *
 * 1. Every literal code of a `{ code, message, … }` object in src/ (warnings, import issues)
 *    and of the panel reader's `cellIssue(...)` has an entry — plain or plural forms — in the
 *    catalogues (warnings or errors), in both languages.
 * 2. Both warnings catalogues have the same keys and, per key, the same {{placeholders}}.
 * 3. Real warnings, triggered through the real functions, render from the English templates
 *    (plurals by `details.count`, nested `$t(errors.…)` pieces) to exactly their `message`;
 *    in Chinese they render to Chinese with no placeholder or English left over (problemText).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { errorsEn } from '../../../renderer/src/i18n/errors.en';
import { errorsZh } from '../../../renderer/src/i18n/errors.zh-CN';
import { warningsEn } from '../../../renderer/src/i18n/warnings.en';
import { warningsZh } from '../../../renderer/src/i18n/warnings.zh-CN';
import { resources } from '../../../renderer/src/i18n';
import { placeholders, problemText, type Problem } from '../../../renderer/src/i18n/problem';
import type { LongPanel } from '../../../src/core/panel';
import { validatePanel } from '../../../src/core/panel-validate';
import { prepareDesign } from '../../../src/services/inputs/design';
import { readGeometry } from '../../../src/services/io/geometry-reader';
import { readPanelDetailed } from '../../../src/services/io/panel-reader';
import { groupLabels } from '../../../src/services/regression/regression-service';
import { buildWeights } from '../../../src/services/weights/weights-service';
import { datasetPath, repoRoot } from '../../helpers/paths';

const SRC = join(repoRoot, 'src');
const PLURAL = /_(zero|one|two|few|many|other)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(f) && !f.endsWith('.d.ts') ? [p] : [];
  });
}

/** Literal codes of `{ code, message }` object literals and of `cellIssue('code', …)` calls in src/. */
function scanWarningCodes(): { file: string; code: string }[] {
  const out: { file: string; code: string }[] = [];
  for (const path of sourceFiles(SRC)) {
    const file = relative(SRC, path).split('\\').join('/');
    const src = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const collect = (e: ts.Expression): void => {
      if (ts.isStringLiteralLike(e)) out.push({ file, code: e.text });
      else if (ts.isConditionalExpression(e)) { collect(e.whenTrue); collect(e.whenFalse); }
      else if (ts.isParenthesizedExpression(e)) collect(e.expression);
    };
    const visit = (n: ts.Node): void => {
      if (ts.isObjectLiteralExpression(n)) {
        const names = n.properties.map((p) => (p.name && ts.isIdentifier(p.name) ? p.name.text : ''));
        const code = n.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'code');
        if (code && names.includes('message')) collect(code.initializer);
      }
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'cellIssue' && n.arguments[0]) collect(n.arguments[0]);
      ts.forEachChild(n, visit);
    };
    visit(src);
  }
  // zod's own issue code in ctx.addIssue, not a sentence of ours.
  return out.filter((s) => s.code !== 'custom');
}

const hasEntry = (cat: Record<string, string>, code: string): boolean => code in cat || `${code}_one` in cat || `${code}_other` in cat;

/** An i18next instance over the renderer's resources, in `lng`. */
function instance(lng: 'en' | 'zh-CN') {
  const i = i18next.createInstance();
  void i.init({ lng, resources, interpolation: { escapeValue: false }, initAsync: false });
  return i;
}
const en = instance('en');
const zh = instance('zh-CN');
const tDyn = en.t.bind(en) as unknown as (key: string, o: Record<string, unknown>) => string;

/** The English sentence the catalogue renders for `w`. */
function renderEn(w: Problem): string {
  expect(hasEntry(warningsEn, w.code) || w.code in errorsEn, `no catalogue entry for ${w.code}`).toBe(true);
  return tDyn(`errors.${w.code}`, { ...w.details, interpolation: { escapeValue: false } });
}

function expectBothLanguages(w: Problem): void {
  expect(renderEn(w), w.code).toBe(w.message);
  const text = problemText(zh, w);
  expect(text, w.code).not.toBe(w.message);
  expect(text, w.code).toMatch(/[\u4e00-\u9fff]/);
  expect(text, w.code).not.toMatch(/\{\{|\$t\(|errors\./);
}

function panel(rows: [string, number, number][], extra: Partial<LongPanel> = {}): LongPanel {
  return {
    source: 'test.csv', idColumn: 'region', timeColumn: 'year',
    ids: rows.map((r) => r[0]), times: rows.map((r) => r[1]), rowNumbers: rows.map((_, i) => i + 2),
    variables: ['gdp'], values: { gdp: Float64Array.from(rows.map((r) => r[2])) }, ...extra,
  };
}
const csv = (text: string) => ({ name: 'p.csv', data: new TextEncoder().encode(text) });

describe('warning codes and the bilingual catalogue', () => {
  const sites = scanWarningCodes();

  it('finds the warning codes (the scan itself works)', () => {
    expect(sites.length).toBeGreaterThan(20);
    expect(sites.map((s) => s.code)).toEqual(expect.arrayContaining(['gap', 'weights-islands', 'dropped-rows', 'non-numeric-cell', 'matched-by-name']));
  });

  it('every warning / issue code produced in src/ is in both catalogues', () => {
    const missing = sites
      .filter((s) => !((hasEntry(warningsEn, s.code) && hasEntry(warningsZh, s.code)) || (s.code in errorsEn && s.code in errorsZh)))
      .map((s) => `${s.file} ${s.code}`);
    expect(missing).toEqual([]);
  });

  it('English and Chinese have the same keys and the same placeholders per key; codes are kebab-case', () => {
    expect(Object.keys(warningsZh).sort()).toEqual(Object.keys(warningsEn).sort());
    for (const [key, text] of Object.entries(warningsEn)) {
      expect(placeholders(warningsZh[key]).sort(), key).toEqual(placeholders(text).sort());
      expect(key.replace(PLURAL, '')).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      // Only the "nothing more" form may be empty.
      if (!key.endsWith('_zero')) expect(warningsZh[key], key).toMatch(/[\u4e00-\u9fff]|：/);
      expect(key in errorsEn, `${key} is in errors.en.ts too`).toBe(false);
    }
    for (const key of Object.keys(warningsEn)) if (key.endsWith('_one')) expect(warningsEn[key.replace(/_one$/, '_other')], key).toBeDefined();
  });

  it('panel checks (gaps, unbalanced, missing cells, geometry without data) render from their details', () => {
    const p = panel([['A', 2000, 1], ['A', 2003, NaN], ['B', 2000, 3], ['B', 2001, NaN], ['B', 2003, 5], ['C', 2001, 1]]);
    const r = validatePanel(p, { geometryIds: ['A', 'B', 'C', 'Bb', 'D'] });
    expect(r.warnings.map((w) => w.code).sort()).toEqual(['gap', 'geometry-without-data', 'geometry-without-data', 'missing-cells', 'period-gap', 'unbalanced']);
    for (const w of r.warnings) expectBothLanguages(w);
    const one = validatePanel(panel([['A', 2000, 1], ['A', 2001, NaN]])).warnings;
    expect(one.map((w) => w.message)).toEqual(['column "gdp": 1 missing cell of 2']);
    for (const w of one) expectBothLanguages(w);
  });

  it('reader cell issues (non-numeric, missing id, bad time; one cell and many) render from their details', async () => {
    const one = await readPanelDetailed(csv('region,year,gdp\nA,2000,1\nA,2001,abc\nB,2000,3\nB,2001,4\nC,2000,5\n'), { id: 'region', time: 'year' });
    expect(one.errors.map((e) => e.message)).toEqual(['p.csv: column "gdp", row 3: "abc" is not a number']);
    const rows = ['region,year,gdp', ...Array.from({ length: 20 }, (_, i) => `R${i},2000,${i < 7 ? 'x' : i}`), ',2001,1', ',2002,1', 'Q,20x1,1'];
    const many = await readPanelDetailed(csv(rows.join('\n') + '\n'), { id: 'region', time: 'year' });
    expect(many.errors.map((e) => e.code).sort()).toEqual(['bad-time', 'missing-id', 'non-numeric-cell']);
    expect(many.errors.find((e) => e.code === 'non-numeric-cell')?.message).toBe('p.csv: column "gdp", rows 2, 3, 4, 5, 6 and 2 more: "x", "x", "x", "x", "x" are not numbers');
    for (const e of [...one.errors, ...many.errors]) expectBothLanguages(e);
  });

  it('weights warnings (islands, geometry without data, with "and N more") render from their details', async () => {
    const g = await readGeometry([{ path: datasetPath('us48', 'us48.shp') }], { key: 'STATE_NAME' });
    const b = buildWeights('rook', { geometry: g, ids: ['Texas', 'Oklahoma', 'Maine'] });
    expect(b.warnings.map((w) => w.code).sort()).toEqual(['weights-geometry-without-data', 'weights-islands']);
    for (const w of b.warnings) expectBothLanguages(w);
  });

  it('regression notes (expression warnings, dropped rows, median split, a by-group column) render from their details', () => {
    const p = panel([['A', 2000, 1], ['A', 2001, -2], ['B', 2000, 3], ['B', 2001, 0], ['C', 2000, 2], ['C', 2001, 5]], {
      variables: ['gdp', 'x'], values: { gdp: Float64Array.from([1, -2, 3, 0, 2, 5]), x: Float64Array.from([1, 2, NaN, 4, 5, 6]) },
    });
    const d = prepareDesign({ panel: p, y: 'log(gdp)', x: ['x', 'sqrt(x - 2)'] }, 'classical');
    expect(d.warnings.map((w) => w.code)).toEqual(['expression-missing', 'expression-missing', 'dropped-rows']);
    expect(d.warnings[0].message).toBe('log(gdp): log of a non-positive value in 2 rows, set to missing');
    const c = prepareDesign({ panel: p, y: 'gdp / (x - 1)', x: ['x'] }, 'cluster');
    expect(c.warnings.map((w) => w.code)).toEqual(['expression-missing', 'dropped-rows-cluster']);
    const split = groupLabels(p, { split: 'x', value: 'High' }).noteItem;
    expect(split?.code).toBe('regression-median-split-region-mean');
    const inColumn = { code: 'regression-in-column', message: `East: ${d.warnings[2].message}`, details: { ...d.warnings[2].details, column: 'East', group: 'East', inner: d.warnings[2].code } };
    for (const w of [...d.warnings, ...c.warnings, ...(split ? [split] : []), inColumn]) expectBothLanguages(w);
  });

  it('falls back to the English message when the catalogue lacks the code or a detail', () => {
    expect(problemText(zh, { code: 'no-such-warning', message: 'as sent', details: {} })).toBe('as sent');
    expect(problemText(zh, { code: 'gap', message: 'as sent', details: { id: 'A' } })).toBe('as sent');
    expect(problemText(zh, { code: 'dropped-rows', message: 'as sent', details: { variables: 'y' } })).toBe('as sent');
    expect(problemText(zh, { code: 'missing-cells', message: 'as sent', details: { column: 'x', rows: 2 } })).toBe('as sent');
    expect(problemText(zh, { code: 'regression-in-column', message: 'as sent', details: { column: 'East', inner: 'no-such' } })).toBe('as sent');
  });
});
