/** Display names of project data per UI language: region groups, region names, sample variables. */
import type { i18n as I18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeI18n } from '../../helpers/i18n';
import type { RegionInfo, VariableInfo } from '../../../src/contract';
import { makeLabels } from '../../../renderer/src/i18n/labels';

let zh: I18n;
let en: I18n;

beforeAll(async () => {
  zh = await makeI18n('zh-CN');
  en = await makeI18n('en');
});

const hainan: RegionInfo = { code: '460000', nameZh: '海南省', nameEn: 'Hainan', level: 'province', parent: null, regionGroup: 'East', lon: 110, lat: 20 };
const ohio: RegionInfo = { code: 'OHIO', nameZh: null, nameEn: 'OHIO', level: null, parent: null, regionGroup: 'E N Cen', lon: null, lat: null };
const resilience: VariableInfo = { name: 'resilience', label: 'Economic resilience index (simulated)', unit: 'index', source: 'simulated: spatial Durbin DGP with two-way fixed effects, seed 20240601 (see project meta "dgp")', expression: null, simulated: true };
const own: VariableInfo = { name: 'gdp', label: 'My GDP', unit: 'bn', source: null, expression: null, simulated: false };

describe('makeLabels', () => {
  it('shows the NBS groups as 东部/中部/西部/东北 in Chinese and keeps unknown groups as they are', () => {
    const l = makeLabels(zh, 'china-provinces');
    expect(['East', 'Central', 'West', 'Northeast'].map(l.group)).toEqual(['东部', '中部', '西部', '东北']);
    expect(l.group('Coastal')).toBe('Coastal');
    expect(makeLabels(en, null).group('East')).toBe('East');
  });

  it('orders groups East, Central, West, Northeast first', () => {
    const l = makeLabels(en, null);
    expect(l.orderGroups(['Central', 'East', 'Northeast', 'West'])).toEqual(['East', 'Central', 'West', 'Northeast']);
    expect(l.orderGroups(['Pacific', 'Mtn'])).toEqual(['Pacific', 'Mtn']);
  });

  it('names regions by the Chinese name field in Chinese, the English one in English', () => {
    expect(makeLabels(zh, null).regionName(hainan, '460000')).toBe('海南省');
    expect(makeLabels(en, null).regionName(hainan, '460000')).toBe('Hainan');
    expect(makeLabels(zh, null).regionShort(hainan, '460000')).toBe('海南');
    expect(makeLabels(en, null).regionShort(hainan, '460000')).toBe('Hainan (海南)');
    expect(makeLabels(zh, null).regionName(ohio, 'OHIO')).toBe('OHIO');
    expect(makeLabels(zh, null).regionName(undefined, 'X1')).toBe('X1');
  });

  it('takes sample variables\' labels, units and sources from the catalogue, other projects\' from the project', () => {
    const l = makeLabels(zh, 'china-provinces');
    expect(l.variable(resilience, 'resilience')).toEqual({ label: '经济韧性指数（模拟）', unit: '指数', source: '模拟数据：含双向固定效应的空间杜宾数据生成过程，随机种子 20240601（见项目元数据“dgp”）' });
    expect(makeLabels(zh, null).variable(own, 'gdp')).toEqual({ label: 'My GDP', unit: 'bn', source: null });
    expect(makeLabels(en, 'china-provinces').variable(resilience, 'resilience').label).toBe('Economic resilience index (simulated)');
    expect(makeLabels(zh, 'china-provinces').variable(undefined, 'ln_pgdp')).toEqual({ label: 'ln_pgdp', unit: null, source: null });
  });
});
