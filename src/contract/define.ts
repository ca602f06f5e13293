/**
 * `defineChannels`: the one way channel tables are declared and joined. A plain object spread
 * would let a later group silently replace a channel of an earlier one; this refuses it.
 */
import type { z } from 'zod';

/** One channel: a one-line description and the request/response schemas. */
export interface ChannelSpec {
  readonly doc: string;
  readonly request: z.ZodType;
  readonly response: z.ZodType;
}

/** A group of channels by name (`group:action`). */
export type ChannelGroup = Readonly<Record<string, ChannelSpec>>;

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type Flatten<T> = { [K in keyof T]: T[K] };

/** Channel names: a lower-case group, a colon, then a camelCase action (`weights:addLink`). */
const CHANNEL_NAME = /^[a-z]+:[a-z][A-Za-z]*$/;

/**
 * One channel table from one or more groups, each name declared exactly once.
 * @throws Error `Channel "x:y" is declared twice …` for a duplicated name, or naming a channel
 *   whose name is not `group:action` or that lacks its doc line or schemas. These are
 *   programming errors: they fail at start-up and in the contract tests, never at a user.
 */
export function defineChannels<const G extends readonly ChannelGroup[]>(...groups: G): Flatten<UnionToIntersection<G[number]>> {
  const out: Record<string, ChannelSpec> = {};
  for (const [g, group] of groups.entries()) {
    for (const [name, spec] of Object.entries(group)) {
      if (Object.prototype.hasOwnProperty.call(out, name)) {
        throw new Error(`Channel "${name}" is declared twice (again in group ${g + 1} of defineChannels); channel names must be unique.`);
      }
      if (!CHANNEL_NAME.test(name)) throw new Error(`Channel "${name}" is not named group:action (e.g. weights:addLink).`);
      if (typeof spec.doc !== 'string' || spec.doc.length === 0 || !spec.request || !spec.response) {
        throw new Error(`Channel "${name}" needs a doc line, a request schema and a response schema.`);
      }
      out[name] = spec;
    }
  }
  return Object.freeze(out) as Flatten<UnionToIntersection<G[number]>>;
}
