/**
 * The embedded sample projects as listed on the start screen.
 */

/** Names of the embedded sample projects. */
export type SampleName = 'china-provinces' | 'us-states';

/** One embedded sample project. */
export interface SampleInfo {
  readonly name: SampleName;
  readonly title: string;
  readonly description: string;
  /** True when the panel is simulated demonstration data (the app labels it so). */
  readonly simulated: boolean;
}

const SAMPLES: readonly SampleInfo[] = Object.freeze([
  Object.freeze({
    name: 'china-provinces',
    title: 'China provinces (simulated demonstration data)',
    description: '31 mainland provinces with boundaries and 364 prefecture-level cities (echarts@4.9.0 maps), '
      + 'capitals and NBS four-region groups; a 2008–2022 panel of a resilience index, digital infrastructure and '
      + 'controls simulated from a documented spatial Durbin process — simulated demonstration data, not real statistics.',
    simulated: true,
  }),
  Object.freeze({
    name: 'us-states',
    title: 'US states productivity (Munnell 1990)',
    description: 'Public capital productivity panel (produc: gsp, pcap, hwy, water, util, pc, emp, unemp) for the 48 '
      + 'contiguous states, 1970–1986, on state boundaries (real data).',
    simulated: false,
  }),
] as const);

/** The sample projects, in start-screen order. */
export function listSamples(): SampleInfo[] {
  return [...SAMPLES];
}

/** True when `name` is a sample project name. */
export function isSampleName(name: string): name is SampleName {
  return SAMPLES.some((s) => s.name === name);
}
