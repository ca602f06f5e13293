/**
 * Entry of the command line's GTWR worker thread: serves only the `gtwr-rows` task (one block of
 * a fit, ./gwr-rows.ts), so a worker of `rwb gtwr` loads the local-fit code and nothing else
 * (the app's job worker, src/services/jobs/worker.ts, serves the whole registry). Bundled by
 * scripts/build-cli.mjs as dist/cli/gtwr-rows-worker.mjs; from source it is loaded through
 * src/services/jobs/worker-bootstrap.mjs.
 */
import { serveTasks } from '../jobs/serve';
import type { TaskRegistry } from '../jobs/tasks';
import { gtwrRowsTask } from './gwr-rows';

serveTasks({ 'gtwr-rows': gtwrRowsTask } satisfies TaskRegistry);
