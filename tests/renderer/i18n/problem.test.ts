/**
 * Errors in the UI language: `errors.<code>` interpolated with `details` when the catalogue
 * has the code and details hold every placeholder; the English message otherwise, and always
 * in English.
 */
import type { i18n as I18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeI18n } from '../../helpers/i18n';
import { CodedError, problemText, toProblem, uiError, uiProblem } from '../../../renderer/src/i18n/problem';

let zh: I18n;
let en: I18n;

beforeAll(async () => {
  zh = await makeI18n('zh-CN');
  en = await makeI18n('en');
});

describe('problemText', () => {
  it('translates a known code with its details', () => {
    // The service's catalogue (errors.zh-CN.ts) words it with the validator's reason.
    const p = toProblem(new CodedError('invalid-request', 'Invalid request for weights:build: spec.k: Too small.', { channel: 'weights:build', fields: ['spec.k'], reason: 'spec.k: Too small' }));
    expect(problemText(zh, p)).toBe('weights:build 的请求无效：spec.k: Too small。');
  });

  it('shows the service\'s own English sentence in English', () => {
    const p = toProblem(new CodedError('invalid-request', 'Invalid request for weights:build: spec.k: Too small.', { channel: 'weights:build', fields: ['spec.k'] }));
    expect(problemText(en, p)).toBe('Invalid request for weights:build: spec.k: Too small.');
  });

  it('falls back to the English message for an unknown code', () => {
    const p = toProblem(new CodedError('import-something-new', 'Something new went wrong.', {}));
    expect(problemText(zh, p)).toBe('Something new went wrong.');
  });

  it('falls back to the English message when details lack a placeholder', () => {
    const p = toProblem(new CodedError('unknown-channel', 'There is no channel "x".', {}));
    expect(problemText(zh, p)).toBe('There is no channel "x".');
  });

  it('shows plain errors (no code) as their message', () => {
    expect(problemText(zh, toProblem(new Error('boom')))).toBe('boom');
    expect(problemText(zh, toProblem('text'))).toBe('text');
  });

  it('takes the envelope error shape as it is', () => {
    const p = toProblem({ code: 'internal', message: 'Something went wrong inside the workbench.', details: {} });
    expect(problemText(zh, p)).toBe('工作台内部出错。详细信息已写入日志；请报告此问题。');
  });

  it('gives renderer errors the English catalogue sentence as their message', () => {
    const e = uiError('clipboard-failed', { reason: 'denied' });
    expect(e.message).toBe('The table could not be copied to the clipboard (denied); export it to .docx instead.');
    expect(problemText(zh, toProblem(e))).toBe('无法将表格复制到剪贴板（denied）；请改为导出 .docx。');
    expect(problemText(en, uiProblem('compare-cancelled'))).toBe('The comparison was cancelled.');
  });
});
