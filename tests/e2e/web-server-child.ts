/**
 * The web server of the browser tests, run as a child process of the test file (see
 * web-harness.ts): the app service over a fresh user directory and the loopback web server on a
 * free port, exactly as `npm run web` runs them (the sources through tsx, `scripts/web.ts`).
 * Run apart from the test process so that loading the service's modules (compiled once and
 * cached by tsx) overlaps with Chromium's start instead of being transformed anew by Vitest in
 * every test file.
 *
 * Usage (through `child_process.fork` with an IPC channel): `web-server-child.ts <staticDir> <userDir>`.
 * Sends `{ url, port }` once listening; closes the server and the service on the message
 * `'close'` or when the parent goes away (the IPC channel disconnects), then exits.
 */
import { AppService } from '../../src/services/handlers/app';
import { createDispatcher } from '../../src/services/handlers';
import { startWebServer } from '../../src/transport/web-server';

/** What the child sends its parent once the server listens. */
export interface ChildReady {
  readonly url: string;
  readonly port: number;
}

const [staticDir, userDir] = process.argv.slice(2);
if (!staticDir || !userDir || !process.send) {
  process.stderr.write('web-server-child: run it through child_process.fork with <staticDir> <userDir>\n');
  process.exit(2);
}

const service = new AppService({ mode: 'web', userDir, version: 'test' });
const server = await startWebServer({ dispatch: createDispatcher(service.handlers), port: 0, staticDir, uploads: service.uploads });

let closing: Promise<void> | undefined;
const stop = (): Promise<void> => {
  closing ??= server.close().finally(() => {
    service.close();
    process.exit(0);
  });
  return closing;
};
process.on('message', (m) => {
  if (m === 'close') void stop();
});
process.on('disconnect', () => void stop());
process.send({ url: server.url, port: server.port } satisfies ChildReady);
