/**
 * The two catalogues stay in step: identical key sets, and identical {{placeholders}} per key
 * (a translation may reorder them, not drop or invent one). Also: no empty strings, and every
 * plural key has both `_one` and `_other`.
 */
import { describe, expect, it } from 'vitest';
import { en } from '../../../renderer/src/i18n/en';
import { placeholders } from '../../../renderer/src/i18n/problem';
import { zhCN } from '../../../renderer/src/i18n/zh-CN';
import { leaves } from '../../helpers/i18n';


const enLeaves = new Map(leaves(en));
const zhLeaves = new Map(leaves(zhCN));

describe('string catalogues', () => {
  it('zh-CN has exactly the keys of en', () => {
    expect([...zhLeaves.keys()].sort()).toEqual([...enLeaves.keys()].sort());
  });

  it('each key has the same placeholders in both languages', () => {
    const mismatched: string[] = [];
    for (const [key, text] of enLeaves) {
      const a = placeholders(text).sort();
      const b = placeholders(zhLeaves.get(key) ?? '').sort();
      if (JSON.stringify(a) !== JSON.stringify(b)) mismatched.push(`${key}: en {${a.join(',')}} zh {${b.join(',')}}`);
    }
    expect(mismatched).toEqual([]);
  });

  it('has no empty sentence (units may be empty)', () => {
    const empty = [...enLeaves, ...zhLeaves].filter(([k, v]) => v.trim() === '' && !k.endsWith('.unit') && k !== 'common.listSeparator');
    expect(empty).toEqual([]);
  });

  it('plural keys come in _one/_other pairs', () => {
    for (const key of enLeaves.keys()) {
      if (key.endsWith('_one')) expect(enLeaves.has(key.replace(/_one$/, '_other')), key).toBe(true);
    }
  });

  it('error codes are kebab-case and the Chinese sentences are Chinese', () => {
    for (const code of Object.keys(en.errors)) expect(code).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    for (const text of Object.values(zhCN.errors)) expect(text).toMatch(/[\u4e00-\u9fff]/);
  });

  it('uses the usual Chinese econometrics terms', () => {
    expect(zhCN.regression.fe).toContain('固定效应');
    expect(zhCN.regression.re).toContain('随机效应');
    expect(zhCN.regression.twoways).toContain('双向固定效应');
    expect(zhCN.regression.cluster).toContain('聚类稳健标准误');
    expect(zhCN.weights.build).toContain('空间权重矩阵');
    expect(zhCN.weights.knn).toBe('K近邻');
    expect(zhCN.weights.idw).toBe('反距离');
    expect(zhCN.describe.title).toBe('描述性统计');
    expect(zhCN.regionGroups).toMatchObject({ East: '东部', Central: '中部', West: '西部', Northeast: '东北' });
  });
});
