/**
 * The channel table: each channel name → `{ request, response, doc }` zod schemas — the pattern
 * of MapLibre's `RequestResponseMessageMap` (`src/util/actor_messages.ts`).
 */
import type { z } from 'zod';
import { appChannels } from './app';
import { dataChannels } from './data';
import { defineChannels } from './define';
import { figureChannels } from './figures';
import { esdaChannels } from './esda';
import { indexChannels } from './composite';
import { gwrChannels } from './gwr';
import type { Envelope } from './envelope';
import { importChannels } from './import';
import { jobChannels } from './job';
import { mapChannels } from './map';
import { projectChannels, projectContentsChannels } from './project';
import { regressionChannels } from './regression';
import { spatialPanelChannels } from './spatial-panel';
import { uploadChannels } from './upload';
import { weightsChannels } from './weights';

/** Every channel with its request/response schemas and a one-line description. */
export const contract = defineChannels(
  appChannels,
  projectChannels,
  projectContentsChannels,
  mapChannels,
  dataChannels,
  importChannels,
  weightsChannels,
  regressionChannels,
  jobChannels,
  uploadChannels,
  figureChannels,
  esdaChannels,
  indexChannels,
  spatialPanelChannels,
  gwrChannels,
);

/** The contract's type. */
export type Contract = typeof contract;
/** A channel name such as `'project:openSample'`. */
export type Channel = keyof Contract;
/** The (parsed) request payload of channel `C`. */
export type RequestOf<C extends Channel> = z.output<Contract[C]['request']>;
/** The request payload of channel `C` as a caller writes it (before defaults). */
export type RequestInputOf<C extends Channel> = z.input<Contract[C]['request']>;
/** The response value of channel `C`. */
export type ResponseOf<C extends Channel> = z.output<Contract[C]['response']>;

/** Main-side implementation: one async function per channel. */
export type Handlers = { [C in Channel]: (req: RequestOf<C>) => Promise<ResponseOf<C>> };

/** Renderer-side client: same shape as `Handlers`; failures are thrown as `ApiError`-like errors by the client. */
export type Api = { [C in Channel]: (req: RequestInputOf<C>) => Promise<ResponseOf<C>> };

/** What the preload exposes as `window.rwb`: one method per channel returning the envelope. */
export type Bridge = { [C in Channel]: (req: RequestInputOf<C>) => Promise<Envelope<ResponseOf<C>>> };

/** All channel names, in contract order. */
export const CHANNELS = Object.keys(contract) as Channel[];

/** True when `name` is a channel of the contract. */
export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

