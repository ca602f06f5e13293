/**
 * The renderer's client for the contract. In Electron it calls `window.rwb` (the preload
 * bridge); in a browser it POSTs JSON to `/api/<channel>` with the session token. Either way
 * a failed envelope is thrown as an `ApiError` carrying its code, English sentence and details.
 * Only TYPES come from src/contract, so no zod or Node code reaches the bundle.
 */
import type { Api, Bridge, Envelope } from '../../src/contract';
import { CodedError } from './i18n/problem';
import { takeSessionToken } from './lib/token';

/**
 * A failure reported by the main side: `message` is the English sentence, `code` and
 * `details` let the UI show it in its own language (i18n/problem.ts).
 */
export class ApiError extends CodedError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
    this.name = 'ApiError';
  }
}

type Transport = (channel: string, req: unknown) => Promise<Envelope<unknown>>;

function bridgeTransport(bridge: Bridge): Transport {
  return (channel, req) => {
    const fn = (bridge as unknown as Record<string, ((r: unknown) => Promise<Envelope<unknown>>) | undefined>)[channel];
    if (!fn) return Promise.resolve({ ok: false, error: { code: 'unknown-channel', message: `There is no channel "${channel}".`, details: { channel } } });
    return fn(req);
  };
}

function httpTransport(token: string | null): Transport {
  return async (channel, req) => {
    let res: Response;
    try {
      res = await fetch(`/api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-rwb-token': token ?? '' },
        body: JSON.stringify(req ?? {}),
      });
    } catch {
      return { ok: false, error: { code: 'offline', message: 'The workbench server is not answering. Is `npm run web` still running?', details: {} } };
    }
    try {
      return (await res.json()) as Envelope<unknown>;
    } catch {
      return { ok: false, error: { code: 'bad-response', message: `The server answered ${res.status} without a readable body.`, details: { status: res.status } } };
    }
  };
}

/** Which backend the renderer talks to. */
export const mode: 'electron' | 'web' = window.rwb ? 'electron' : 'web';

const token = window.rwb ? null : takeSessionToken();
const transport: Transport = window.rwb ? bridgeTransport(window.rwb) : httpTransport(token);

/**
 * Sends one chunk of an upload begun with `upload:begin`: in Electron its bytes through the
 * `upload:chunk` channel (IPC clones a Uint8Array, no base64), in the browser the Blob itself as
 * `POST /upload?upload=&offset=` (application/octet-stream). Throws an `ApiError` on refusal.
 */
export async function sendUploadChunk(upload: string, offset: number, chunk: Blob): Promise<void> {
  let env: Envelope<unknown>;
  if (window.rwb) {
    env = await transport('upload:chunk', { upload, offset, data: new Uint8Array(await chunk.arrayBuffer()) });
  } else {
    let res: Response;
    try {
      res = await fetch(`/upload?upload=${encodeURIComponent(upload)}&offset=${offset}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', 'x-rwb-token': token ?? '' },
        body: chunk,
      });
    } catch {
      throw new ApiError('offline', 'The workbench server is not answering. Is `npm run web` still running?');
    }
    try {
      env = (await res.json()) as Envelope<unknown>;
    } catch {
      throw new ApiError('bad-response', `The server answered ${res.status} without a readable body.`, { status: res.status });
    }
  }
  if (!env.ok) throw new ApiError(env.error.code, env.error.message, env.error.details);
}

/** The typed client: `await api['panel:values']({ variable, period })`. */
export const api: Api = new Proxy({} as Api, {
  get(_target, channel) {
    if (typeof channel !== 'string') return undefined;
    return async (req: unknown) => {
      const env = await transport(channel, req ?? {});
      if (!env.ok) throw new ApiError(env.error.code, env.error.message, env.error.details);
      return env.value;
    };
  },
});
