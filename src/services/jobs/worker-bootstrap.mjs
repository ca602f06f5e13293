// Loads a TypeScript worker entry from source (Vitest, the CLI, `npm run web`): registers tsx
// in this worker thread (Node 20 workers do not inherit the parent's loader hooks and ignore
// `--import` in execArgv for their entry), then imports `workerData.entry` (a file URL).
// tsx is resolved from this file, so it works from any working directory.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
