/**
 * Error codes ↔ the renderer's bilingual error catalogue.
 *
 * 1. Every code thrown in src/ (`new InputError('code', …)`, the code argument of
 *    SingularDesignError / NotPositiveDefiniteError, and `badExpression('code', …)` in the
 *    expression compiler) has an entry in both catalogues. Sites that forward another error's
 *    code are listed below, so a new forwarding site is noticed too.
 * 2. Both catalogues have the same keys and, per key, the same {{placeholders}}.
 * 3. Real errors, triggered through the real functions, render from the English template and
 *    their `details` to exactly their `message`: `details` carries every interpolated value.
 *
 * `UsageError` (src/cli/args.ts) is left out on purpose: it explains rwb's command-line syntax,
 * is printed by the CLI in English only and never reaches the app.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { errorsEn } from '../../../renderer/src/i18n/errors.en';
import { errorsZh } from '../../../renderer/src/i18n/errors.zh-CN';
import { evaluateExpression } from '../../../src/core/expressions';
import type { LongPanel } from '../../../src/core/panel';
import { assertNoDuplicateRows, validatePanel } from '../../../src/core/panel-validate';
import { checkVariableName } from '../../../src/services/derive/derived-service';
import { readGeometry } from '../../../src/services/io/geometry-reader';
import { readPanel } from '../../../src/services/io/panel-reader';
import { parseLinks, parseWeightsSpec } from '../../../src/services/weights/weights-service';
import { ProjectStore } from '../../../src/store/project-store';
import { buildKnn } from '../../../src/weights/distance-weights';
import { fromGal } from '../../../src/weights/io/gal';
import { fromDense, fromNeighbors } from '../../../src/weights/spatial-weights';
import { parseRequest } from '../../../src/contract/validate';
import { inputError, inputErrorAsync } from '../../helpers/input-error';
import { repoRoot } from '../../helpers/paths';
import { resources } from '../../../renderer/src/i18n';

const ROOT = repoRoot;
const SRC = join(ROOT, 'src');

/** Classes whose code is their third constructor argument, with the default code. */
const SUBCLASS_DEFAULTS: Record<string, string> = {
  SingularDesignError: 'singular-design',
  NotPositiveDefiniteError: 'not-positive-definite',
};

/**
 * Code expressions that forward another error's code (one entry per site, by expression text so
 * file moves do not matter): badExpression's `code` (its callers' literals are checked), the
 * first validation issue re-thrown by panel-validate, panel-reader, import and panel-input
 * (`first.code`, `e.code`), the worker boundary (`s.code` for InputError and both subclasses),
 * and the contract's INVALID_REQUEST.
 * A new forwarding site must be added here on purpose.
 */
const FORWARDING = ['INVALID_REQUEST', 'code', 'e.code', 'first.code', 'first.code', 'first.code', 's.code', 's.code', 's.code'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(f) && !f.endsWith('.d.ts') ? [p] : [];
  });
}

interface Site { file: string; line: number; code: string }

/** The codes thrown in src/: literal codes, and the text of forwarding code expressions. */
function scanCodes(): { sites: Site[]; forwarding: string[] } {
  const sites: Site[] = [];
  const forwarding: string[] = [];
  for (const path of sourceFiles(SRC)) {
    const file = relative(SRC, path).split('\\').join('/');
    const src = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const collect = (node: ts.Expression, at: ts.Node): void => {
      const line = src.getLineAndCharacterOfPosition(at.getStart(src)).line + 1;
      if (ts.isStringLiteralLike(node)) sites.push({ file, line, code: node.text });
      else if (ts.isConditionalExpression(node)) { collect(node.whenTrue, at); collect(node.whenFalse, at); }
      else if (ts.isParenthesizedExpression(node)) collect(node.expression, at);
      else forwarding.push(node.getText(src));
    };
    const visit = (n: ts.Node): void => {
      if (ts.isNewExpression(n) && ts.isIdentifier(n.expression)) {
        const cls = n.expression.text;
        const args = n.arguments ?? [];
        if (cls === 'InputError' && args[0]) collect(args[0], n);
        if (cls in SUBCLASS_DEFAULTS) {
          if (args[2]) collect(args[2], n);
          else sites.push({ file, line: src.getLineAndCharacterOfPosition(n.getStart(src)).line + 1, code: SUBCLASS_DEFAULTS[cls] });
        }
      }
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'badExpression' && n.arguments[0]) {
        collect(n.arguments[0], n);
      }
      ts.forEachChild(n, visit);
    };
    visit(src);
  }
  return { sites, forwarding };
}

function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]))].sort();
}

const i18n = i18next.createInstance();
void i18n.init({
  lng: 'en',
  resources: { en: { errors: errorsEn }, 'zh-CN': { errors: errorsZh } },
  ns: ['errors'],
  defaultNS: 'errors',
  interpolation: { escapeValue: false },
  initAsync: false,
});

/** `t` with a dynamic key (envelope codes are not the renderer's typed catalogue keys). */
const tDyn = i18n.t.bind(i18n) as unknown as (key: string, options: Record<string, unknown>) => string;

/** The English sentence i18next renders for `e` from the catalogue. */
function renderEn(e: { code: string; details: Readonly<Record<string, unknown>> }): string {
  expect(errorsEn[e.code], `no catalogue entry for ${e.code}`).toBeDefined();
  return tDyn(e.code, { ...e.details, lng: 'en' });
}

function panel(rows: [string, number, number][], extra: Partial<LongPanel> = {}): LongPanel {
  return {
    source: 'test.csv',
    idColumn: 'region',
    timeColumn: 'year',
    ids: rows.map((r) => r[0]),
    times: rows.map((r) => r[1]),
    rowNumbers: rows.map((_, i) => i + 2),
    variables: ['gdp'],
    values: { gdp: Float64Array.from(rows.map((r) => r[2])) },
    text: { group: rows.map(() => 'East') },
    ...extra,
  };
}

const small = panel([['A', 2000, 1], ['A', 2001, 2], ['B', 2000, 3], ['B', 2001, 4]]);
const csv = (text: string) => ({ name: 'p.csv', data: new TextEncoder().encode(text) });
const json = (name: string, v: unknown) => ({ name, data: new TextEncoder().encode(JSON.stringify(v)) });
const pts = { ids: ['a', 'b', 'c'], x: Float64Array.from([0, 1, 2]), y: Float64Array.from([0, 0, 0]), lonLat: false };

describe('error codes and the bilingual catalogue', () => {
  const { sites, forwarding } = scanCodes();

  it('finds the thrown codes (the scan itself works)', () => {
    expect(sites.length).toBeGreaterThan(250);
    expect(sites.map((s) => s.code)).toContain('weights-unknown-id');
  });

  it('every code thrown in src/ is in both catalogues', () => {
    const missing = sites.filter((s) => !(s.code in errorsEn) || !(s.code in errorsZh)).map((s) => `${s.file}:${s.line} ${s.code}`);
    expect(missing).toEqual([]);
  });

  it('codes are kebab-case', () => {
    for (const code of Object.keys(errorsEn)) expect(code).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });

  it('only the known sites forward another error\'s code', () => {
    expect([...forwarding].sort()).toEqual([...FORWARDING].sort());
  });

  it('the renderer serves every service sentence in both languages (errors namespace of its resources)', () => {
    const en: Record<string, string> = resources.en.translation.errors;
    const zh: Record<string, string> = resources['zh-CN'].translation.errors;
    for (const code of Object.keys(errorsEn)) {
      expect(en[code], code).toBe(errorsEn[code]);
      expect(zh[code], code).toBe(errorsZh[code]);
    }
  });

  it('English and Chinese have the same keys and the same placeholders per key', () => {
    expect(Object.keys(errorsZh).sort()).toEqual(Object.keys(errorsEn).sort());
    for (const [code, en] of Object.entries(errorsEn)) {
      expect(placeholders(errorsZh[code]), code).toEqual(placeholders(en));
      expect(errorsZh[code], code).not.toBe('');
    }
  });

  it('renders a Chinese sentence from the same details', () => {
    const e = inputError(() => parseWeightsSpec('hex'));
    const zh = tDyn(e.code, { ...e.details, lng: 'zh-CN' });
    expect(zh).toContain('"hex"');
    expect(zh).not.toMatch(/\{\{/);
  });

  const cases: [string, () => unknown][] = [
    ['expr-unknown-function', () => evaluateExpression(small, 'toString(gdp)')],
    ['expr-unknown-column', () => evaluateExpression(small, 'log(gdpp)')],
    ['expr-syntax-at', () => evaluateExpression(small, 'log(gdp +')],
    ['expr-empty', () => evaluateExpression(small, '  ')],
    ['expr-unclosed-backtick', () => evaluateExpression(small, '`gdp + 1')],
    ['expr-text-column', () => evaluateExpression(small, 'group + 1')],
    ['expr-assignment', () => evaluateExpression(small, 'a = 1')],
    ['expr-winsor-share', () => evaluateExpression(small, 'winsor(gdp, 0.7)')],
    ['expr-order-not-integer', () => evaluateExpression(small, 'lag(gdp, 1.5)')],
    ['expr-duplicate-row', () => evaluateExpression(panel([['A', 2000, 1], ['A', 2000, 2]]), 'lag(gdp)')],
    ['derive-bad-name', () => checkVariableName('1x')],
    ['derive-reserved-name', () => checkVariableName('log')],
    ['import-duplicate-row', () => assertNoDuplicateRows(panel([['A', 2000, 1], ['A', 2000, 2], ['B', 2000, 3]]))],
    ['import-duplicate-row-many-and-more', () =>
      assertNoDuplicateRows(panel([['A', 2000, 1], ['A', 2000, 2], ['A', 2000, 3], ['B', 2000, 3], ['B', 2000, 4]]))],
    ['weights-spec-unknown-type', () => parseWeightsSpec('hex')],
    ['weights-spec-knn-needs-k', () => parseWeightsSpec('knn')],
    ['weights-spec-not-number', () => parseWeightsSpec('knn:k=four')],
    ['weights-spec-unknown-option', () => parseWeightsSpec('queen:colour=red')],
    ['weights-bad-manual-link', () => parseLinks('Hainan-Guangdong')],
    ['weights-unknown-id', () => fromNeighbors(['a', 'b'], { a: ['b'], b: ['a'] }).neighbors('z')],
    ['weights-unknown-neighbour', () => fromNeighbors(['a', 'b'], { a: ['z'], b: [] })],
    ['weights-matrix-rows', () => fromDense(['a', 'b'], [[0, 1]])],
    ['weights-k-too-large', () => buildKnn(pts, 3)],
    ['weights-bad-k', () => buildKnn(pts, 0.5)],
    ['weights-gal-bad-record', () => fromGal('0 2\na\n', { source: 'w.gal' })],
    ['unknown-channel', () => parseRequest('no:such', {})],
  ];

  it.each(cases)('%s: the English template with details reproduces the message', (code, fn) => {
    const e = inputError(fn);
    expect(e.code).toBe(code);
    expect(renderEn(e)).toBe(e.message);
  });

  const asyncCases: [string, () => Promise<unknown>][] = [
    ['import-unknown-column', () => readPanel(csv('region,year,gdp\nA,2000,1\n'), { id: 'province', time: 'year' })],
    ['import-duplicate-year-column', () => readPanel(csv('region,1990,Y1990\nA,1,2\n'), { id: 'region', time: 'year', format: 'wide' })],
    ['import-unsupported-panel-format-xls', () => readPanel({ name: 'p.xls', data: new Uint8Array(1) }, { id: 'region', time: 'year' })],
    ['import-not-feature-collection', () => readGeometry(json('b.json', { type: 'Feature' }), { key: 'id' })],
    ['import-unsupported-geometry-format', () => readGeometry({ name: 'b.kml', data: new Uint8Array(1) }, { key: 'id' })],
    ['import-unknown-key-field', () => readGeometry(json('a.geojson', {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { code: 'A' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } }],
    }), { key: 'id' })],
  ];

  it.each(asyncCases)('%s: the English template with details reproduces the message', async (code, fn) => {
    const e = await inputErrorAsync(fn());
    expect(e.code).toBe(code);
    expect(renderEn(e)).toBe(e.message);
  });

  it('import check issues (unknown region, no geometry, duplicate rows) render from their details too', () => {
    const p = panel([['Mississipi', 1970, 1], ['Ohio', 1970, 2], ['Ohio', 1970, 3], ['Ohio', 1970, 4]]);
    const issues = [
      ...validatePanel(p, { knownRegions: ['Mississippi', 'Ohio'] }).errors,
      ...validatePanel(p, { geometryIds: ['Mississippi', 'Ohio'] }).errors,
    ];
    expect(issues.map((i) => i.code).sort()).toEqual(
      ['import-duplicate-row-many', 'import-duplicate-row-many', 'import-no-geometry', 'import-unknown-region'],
    );
    for (const i of issues) expect(renderEn(i)).toBe(i.message);
  });

  it('project-not-found: a missing project file', () => {
    const e = inputError(() => ProjectStore.open(join(ROOT, 'no-such-folder-x', 'none.rwb')));
    expect(['project-not-found', 'project-folder-missing']).toContain(e.code);
    expect(renderEn(e)).toBe(e.message);
  });
});
