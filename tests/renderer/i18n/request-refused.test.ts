/**
 * Issue 13, defect 11: running a regression with no regressor ticked said "Invalid request for
 * regression:run: x: choose at least one regressor." — the channel's name and the field path
 * are developer wording. The UI now shows the validator's own sentence, in both languages; the
 * wire message (CLI, logs) keeps the channel for developers.
 *
 * Reference value: the contract's message for an empty regressor list
 * (src/contract/regression.ts, 'choose at least one regressor').
 */
import type { i18n as I18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseRequest } from '../../../src/contract/validate';
import { problemText, toProblem } from '../../../renderer/src/i18n/problem';
import { makeI18n } from '../../helpers/i18n';

let zh: I18n;
let en: I18n;
beforeAll(async () => {
  zh = await makeI18n('zh-CN');
  en = await makeI18n('en');
});

function refusal(channel: string, payload: unknown) {
  try {
    parseRequest(channel, payload);
  } catch (e) {
    return toProblem(e);
  }
  throw new Error(`${channel} accepted ${JSON.stringify(payload)}`);
}

describe('a request refused by the validator is shown without channel names', () => {
  it('regression:run with no regressor', () => {
    const p = refusal('regression:run', { y: 'gsp', x: [] });
    expect(p.message).toBe('Invalid request for regression:run: x: choose at least one regressor.');
    expect(problemText(en, p)).toBe('Choose at least one regressor.');
    expect(problemText(zh, p)).toBe('无法执行：Choose at least one regressor。');
    for (const text of [problemText(en, p), problemText(zh, p)]) {
      expect(text).not.toContain('regression:run');
      expect(text).not.toContain('x:');
    }
  });

  it('an empty name for a new project', () => {
    const p = refusal('project:new', { name: '' });
    expect(problemText(en, p)).toBe('The project name is empty.');
    expect(problemText(en, p)).not.toContain('project:new');
  });
});
