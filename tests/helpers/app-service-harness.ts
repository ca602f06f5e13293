/**
 * The app service behind the dispatcher over a temporary user directory, as the Electron main
 * process and the web server run it, with contract-checked calls for the service tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { contract, envelopeSchema, type Channel, type ResponseOf } from '../../src/contract';
import { AppService } from '../../src/services/handlers/app';
import { createDispatcher, type Dispatch } from '../../src/services/handlers';

/** The error half of a response envelope. */
export interface ChannelFailure {
  readonly code: string;
  readonly message: string;
  readonly details: Record<string, unknown>;
}

/** The running service; its fields are set once the `beforeAll` of {@link useAppService} has run. */
export interface AppServiceHarness {
  readonly userDir: string;
  readonly service: AppService;
  readonly dispatch: Dispatch;
  /** Calls a channel, checks the envelope against the contract, and returns the value (or throws the error sentence, with `code` and `details`). */
  call<C extends Channel>(channel: C, payload: unknown): Promise<ResponseOf<C>>;
  /** Calls a channel that must fail and returns its error. */
  failure(channel: Channel, payload: unknown): Promise<ChannelFailure>;
}

/** Options of {@link useAppService}. */
export interface AppServiceOptions {
  /** Prefix of the temporary user directory, e.g. `rwb-app-weights-`. */
  readonly prefix: string;
  /** The app version the service reports; `test` unless given. */
  readonly version?: string;
  /** Receives the errors the dispatcher logs (unexpected ones). */
  readonly onError?: (channel: string, error: unknown) => void;
}

/**
 * Registers a `beforeAll` that starts the service (mode `web`) in a fresh temporary user
 * directory and an `afterAll` that closes it and removes the directory. Call it at the top
 * level of a test file; after-hooks the file registers later run before this one's.
 */
export function useAppService(options: AppServiceOptions): AppServiceHarness {
  let userDir: string | undefined;
  let service: AppService | undefined;
  let dispatch: Dispatch | undefined;
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the app service is not started yet (${what} read before beforeAll)`);
    return value;
  };
  const harness: AppServiceHarness = {
    get userDir() { return started(userDir, 'userDir'); },
    get service() { return started(service, 'service'); },
    get dispatch() { return started(dispatch, 'dispatch'); },
    async call<C extends Channel>(channel: C, payload: unknown): Promise<ResponseOf<C>> {
      const env = await harness.dispatch(channel, payload);
      const check = envelopeSchema(contract[channel].response).safeParse(env);
      if (!check.success) throw new Error(`response of ${channel} breaks the contract: ${check.error.message}`);
      if (!env.ok) throw Object.assign(new Error(env.error.message), { code: env.error.code, details: env.error.details });
      return env.value as ResponseOf<C>;
    },
    async failure(channel: Channel, payload: unknown): Promise<ChannelFailure> {
      const env = await harness.dispatch(channel, payload);
      if (env.ok) throw new Error(`${channel} unexpectedly succeeded`);
      return env.error;
    },
  };
  beforeAll(() => {
    userDir = mkdtempSync(join(tmpdir(), options.prefix));
    service = new AppService({ mode: 'web', userDir, version: options.version ?? 'test' });
    dispatch = createDispatcher(service.handlers, options.onError ?? (() => undefined));
  });
  afterAll(() => {
    service?.close();
    if (userDir) rmSync(userDir, { recursive: true, force: true });
  });
  return harness;
}
