/**
 * Entry of the light GTWR worker threads: serves the `gtwr-rows` task (one block of a fit,
 * ./gwr-rows.ts), or — when started by a search pool with `workerData.gtwrSearch` — the row
 * blocks of a bandwidth / τ search (./gwr-search-pool.ts `serveSearchRows`). A worker of
 * `rwb gtwr` or of a search thus loads the local-fit code and nothing else (the app's job
 * worker, src/services/jobs/worker.ts, serves the whole registry). Bundled by
 * scripts/build-cli.mjs as dist/cli/gtwr-rows-worker.mjs and by vite.main.config.ts as
 * gtwr-rows-worker.js beside the Electron main; from source it is loaded through
 * src/services/jobs/worker-bootstrap.mjs.
 */
import { workerData } from 'node:worker_threads';
import { serveTasks } from '../jobs/serve';
import type { TaskRegistry } from '../jobs/tasks';
import { gtwrRowsTask } from './gwr-rows';
import { serveSearchRows, type SearchWorkerInit } from './gwr-search-pool';

const search = (workerData as { gtwrSearch?: SearchWorkerInit } | null)?.gtwrSearch;
if (search) serveSearchRows(search);
else serveTasks({ 'gtwr-rows': gtwrRowsTask } satisfies TaskRegistry);
